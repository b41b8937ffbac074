"""Latin -> Cyrillic: candidate readings of a transliterated East Slavic name.

Names reach us in several romanisations at once, so this is a small weighted search
rather than a table inversion.  Every Latin letter group offers Cyrillic readings with a
cost (lower is more likely); a beam search over the word keeps the cheapest readings;
readings are then re-ranked: a known given name or a patronymic of a known name gets a
large bonus, a typical surname ending a small one, and impossible Russian spellings
("жы", vowel + "ь", "ьь" ...) a penalty.

Covered romanisations:

* ГОСТ 7.79-2000 system B: shh, cz/c, x = х, y' = ы, e' = э, ' = ь, `` = ъ, yu, ya, j = й
* passport/ICAO 2013: iu, ia, ts, kh, shch, ie, ii/iy = ий, i = й (Iuliia, Aleksei)
* informal: Kuznecova, Yuliya, Julia, Jurij, Alexander (x = кс, dropped -е- in -er),
  Aleksey/Alexei, Sergey/Sergei, Natalya/Natalia, Tatiana, Evgeny/Yevgeniy,
  Dmitry/Dmitriy, Mikhail/Michail, Valery, Yury/Yuri/Iurii, ck, tch, Ukrainian h = г,
  y = и (Mykola, Serhii), and ISO 9 / Czech-style diacritics (ž, č, š, ŝ).
"""

from __future__ import annotations

import heapq
import itertools
import re
from functools import lru_cache

from .given_names import canonical_given, is_known_given
from .patronymics import father_is_known

MAX_READINGS = 8
_BEAM = 24
_UKRAINIAN_COST = 0.3

_PRE = str.maketrans(
    {
        "ž": "zh", "č": "ch", "š": "sh", "ŝ": "shh", "ë": "yo", "û": "yu", "â": "ya",
        "è": "e'", "é": "e", "ü": "yu", "ö": "yo", "ä": "e", "ć": "ch", "ł": "l",
        "ń": "n", "ś": "s", "ź": "z", "ż": "zh", "ı": "i", "ʹ": "'", "ʺ": "''",
        "’": "'", "ʼ": "'", "‘": "'", "´": "'",
    }
)
_WORDS = re.compile(r"[a-z'`]+(?:-[a-z'`]+)*")
_VOWELS = frozenset("aeiouy")
_SOFTENED = {"u": "ю", "a": "я", "e": "е", "o": "е"}  # after y/j/i: yu, ya, ye, yo (ё -> е)

# Readings that break Russian spelling rules, each costs _PENALTY.
_BAD = re.compile(
    r"[жшчщ]ы|[жшчщ][яю]|[кгх]ы|[ьъй][ьъй]|^[ыьъ]|^й[^аеиоуыэюя]|[аеиоуыэюя]ы"
    r"|[аеиоуыэюя][ьъ]|[бвгджзклмнпрстфхцчшщ]й|ь[аоуэ]|ы[аеоуэюя]|шч"
)
_PENALTY = 0.5
_SIMPLE = {
    "a": "а", "b": "б", "d": "д", "f": "ф", "l": "л", "m": "м", "n": "н",
    "r": "р", "u": "у", "v": "в", "w": "в", "q": "к",
}
_DIGRAPHS = frozenset({"sh", "zh", "kh", "ch", "ts", "cz", "th", "ph", "gh"})
_SOFTENABLE = {"l": 0.35, "r": 0.4, "n": 0.6, "z": 0.5, "t": 0.6, "d": 0.6, "s": 0.6}
_SURNAME_ENDINGS = (
    "ов", "ев", "ин", "ова", "ева", "ина", "ский", "ская", "цкий", "цкая", "енко",
    "ук", "юк", "ых", "их", "ян", "швили", "дзе",
)


def _options(w: str, i: int, ukrainian: bool = False) -> list[tuple[int, str, float]]:
    """(Latin letters consumed, Cyrillic reading, cost) for the letter group at w[i].

    `ukrainian` switches to Ukrainian romanisation habits: h = г, y = и (Hryhorovych).
    """
    n = len(w)
    rest = w[i:]
    c = w[i]
    prev = w[i - 1] if i else ""
    start = i == 0
    after_vowel = prev in _VOWELS and prev != ""
    after_cons = prev != "" and prev.isalpha() and not after_vowel
    last = i == n - 1
    out: list[tuple[int, str, float]] = []

    def add(seq: str, cyr: str, cost: float) -> None:
        if rest.startswith(seq):
            out.append((len(seq), cyr, cost))

    if c == "s":
        add("shch", "щ", 0.0)
        add("shh", "щ", 0.1)
        add("sch", "ш", 0.3)
        add("sch", "щ", 0.4)
        add("sh", "ш", 0.0)
        add("s", "с", 0.6 if rest.startswith("sch") else 0.0)
    elif c == "z":
        add("zh", "ж", 0.0)
        add("z", "з", 0.0)
    elif c == "k":
        add("kh", "х", 0.0)
        add("k", "к", 0.0)
    elif c == "c":
        front = rest[1:2] in ("e", "i", "y")
        add("ch", "ч", 0.0)
        add("ch", "х", 0.6)
        add("ch", "к", 0.8)
        add("cz", "ц", 0.1)
        add("ck", "к", 0.3)
        add("ck", "цк", 0.35)
        add("c", "ц", 0.1 if front else 0.25)
        add("c", "к", 0.6 if front else 0.3)
    elif c == "t":
        add("tsch", "ч", 0.4)
        add("tch", "ч", 0.3)
        add("ts", "ц", 0.0)
        add("ts", "тс", 0.7)
        add("tz", "ц", 0.4)
        add("th", "т", 0.4)
        add("t", "т", 0.0)
    elif c in ("y", "j"):
        base = 0.0 if c == "y" else 0.1
        nxt = rest[1:2]
        if nxt == "'" and c == "y":
            add("y'", "ы", 0.0)
        if nxt in _SOFTENED:
            vowel = _SOFTENED[nxt]
            if start or after_vowel or prev in "'`":
                out.append((2, vowel, base))
            else:  # after a consonant: Natalya -> Наталья, but Vyacheslav -> Вячеслав
                soft, bare = (0.15, 0.35) if i >= 2 else (0.35, 0.1)
                out.append((2, "ь" + vowel, soft + base))
                out.append((2, vowel, bare + base))
        if c == "y":
            if rest == "yy":
                add("yy", "ый", 0.1)
                add("yy", "ий", 0.3)
            if start:
                out.extend([(1, "и", 0.5), (1, "й", 0.8), (1, "ы", 1.0)])
            elif after_vowel:
                out.append((1, "й", 0.0 if nxt not in _VOWELS else 0.3))
            elif last:
                out.extend([(1, "ий", 0.1), (1, "ый", 0.3), (1, "ы", 0.5), (1, "и", 0.6)])
            elif ukrainian:
                out.extend([(1, "и", 0.0), (1, "ы", 0.6), (1, "ь", 0.7)])
            else:
                out.extend([(1, "ы", 0.1), (1, "и", 0.35), (1, "ь", 0.7), (1, "й", 0.8)])
        else:
            if after_vowel or last:
                out.append((1, "й", 0.1))
            else:
                out.append((1, "й", 0.8))
            out.extend([(1, "ж", 0.7), (1, "дж", 0.9)])
    elif c == "i":
        nxt = rest[1:2]
        if nxt in ("a", "u"):
            vowel = _SOFTENED[nxt]
            if start or after_vowel:
                out.append((2, vowel, 0.05))
            else:
                out.append((2, "и" + vowel, 0.15))
                out.append((2, "ь" + vowel, 0.3))
                out.append((2, vowel, 0.45))
        if nxt == "e" and after_cons:
            add("ie", "ье", 0.3)
        if rest == "ii" and after_cons:
            add("ii", "ий", 0.0)
        if after_vowel:
            out.append((1, "й", 0.05 if last else 0.1))
            out.append((1, "и", 0.3))
        elif last and after_cons:
            out.extend([(1, "и", 0.0), (1, "ий", 0.35)])
        else:
            out.extend([(1, "и", 0.0), (1, "ы", 0.9)])
    elif c == "e":
        add("e'", "э", 0.0)
        if rest == "er" and after_cons and i >= 2:
            out.append((1, "", 0.7))  # Alexander -> Александр, Peter -> Петр
        if start:
            out.extend([(1, "е", 0.0), (1, "э", 0.3)])
        elif after_vowel:
            out.extend([(1, "е", 0.1), (1, "э", 0.4)])
        else:
            out.extend([(1, "е", 0.0), (1, "э", 0.6)])
    elif c == "o":
        add("ou", "у", 0.6)
        add("o", "о", 0.0)
    elif c == "h":
        out.extend([(1, "г", 0.0), (1, "х", 0.5)] if ukrainian else [(1, "х", 0.2), (1, "г", 0.45)])
    elif c == "g":
        add("gh", "г", 0.3)
        if rest[2:3] in ("e", "i", "y"):
            add("gu", "г", 0.3)  # French-style Serguei
        add("g", "г", 0.0)
    elif c == "p":
        add("ph", "ф", 0.3)
        add("p", "п", 0.0)
    elif c == "x":
        out.extend([(1, "кс", 0.0), (1, "х", 0.6)])
    elif c == "'":
        add("''", "ъ", 0.0)
        out.extend([(1, "ь", 0.0), (1, "ъ", 0.5), (1, "", 0.3)])
    elif c == "`":
        add("``", "ъ", 0.0)
        out.extend([(1, "ъ", 0.0), (1, "", 0.3)])
    else:
        out.append((1, _SIMPLE.get(c, ""), 0.0 if c in _SIMPLE else 0.5))

    # A letter read on its own although it opens a digraph ("t" of "ts", "y" of "ya")
    # is unlikely; so is an "h" read on its own after the letter it should have joined.
    pair = rest[:2]
    if pair in _DIGRAPHS or (c in "yj" and rest[1:2] in _SOFTENED):
        out = [(k, r, cost + 0.6) if k == 1 else (k, r, cost) for k, r, cost in out]
    elif c == "h" and prev in "szkctpg" and prev:
        out = [(k, r, cost + 0.6) for k, r, cost in out]

    # Soft sign that romanisations drop: Olga -> Ольга, Igor -> Игорь, Kuzma -> Кузьма.
    if c in _SOFTENABLE and (last or (rest[1:2] not in _VOWELS and rest[1:2] not in "'`")):
        for k, r, cost in list(out):
            if k == 1 and r:
                extra = _SOFTENABLE[c] + (0.15 if last and c != "r" else 0.0)
                out.append((1, r + "ь", cost + extra))
    return out


def _plausibility(cyr: str) -> float:
    """Re-ranking adjustment: dictionary bonus, surname-shape bonus, spelling penalties."""
    score = _PENALTY * len(_BAD.findall(cyr))
    if is_known_given(cyr):
        score -= 1.1 if canonical_given(cyr) == cyr else 1.0
    elif father_is_known(cyr):
        score -= 1.0
    elif cyr.endswith(_SURNAME_ENDINGS):
        score -= 0.2
    return score


def _beam(part: str, ukrainian: bool) -> list[tuple[str, float]]:
    """The cheapest readings of a word by letter-group costs alone."""
    n = len(part)
    beams: list[dict[str, float]] = [{} for _ in range(n + 1)]
    beams[0][""] = 0.0
    for i in range(n):
        if not beams[i]:
            continue
        items = heapq.nsmallest(_BEAM, beams[i].items(), key=lambda kv: kv[1])
        for length, cyr, cost in _options(part, i, ukrainian):
            target = beams[i + length]
            for text, total in items:
                reading = text + cyr
                value = total + cost
                if value < target.get(reading, float("inf")):
                    target[reading] = value
    return heapq.nsmallest(_BEAM, beams[n].items(), key=lambda kv: kv[1])


@lru_cache(maxsize=1 << 16)
def _part_readings(part: str) -> tuple[tuple[str, float], ...]:
    """Ranked (reading, cost) pairs for one hyphen-free lower-case Latin word.

    Words with "h" or a non-initial "y" are also read the Ukrainian way (cost +0.3).
    """
    costs = dict(_beam(part, False))
    if "h" in part or "y" in part[1:]:
        for text, cost in _beam(part, True):
            cost += _UKRAINIAN_COST
            if cost < costs.get(text, float("inf")):
                costs[text] = cost
    final = [(text, cost + _plausibility(text)) for text, cost in costs.items() if text]
    final.sort(key=lambda kv: (kv[1], kv[0]))
    return tuple(final[:MAX_READINGS])


@lru_cache(maxsize=1 << 16)
def word_readings(word: str) -> tuple[tuple[str, float], ...]:
    """Ranked (reading, cost) pairs for one Latin word, hyphenated parts combined."""
    word = word.lower().translate(_PRE)
    parts = [p for p in word.split("-") if p]
    if not parts:
        return ()
    if len(parts) == 1:
        return _part_readings(parts[0])
    per_part = [_part_readings(p)[:4] for p in parts]
    combos = [
        ("-".join(r for r, _ in combo), sum(c for _, c in combo))
        for combo in itertools.product(*per_part)
    ]
    combos.sort(key=lambda kv: kv[1])
    return tuple(combos[:MAX_READINGS])


def transliterate_to_cyrillic(latin: str) -> list[str]:
    """Candidate Cyrillic readings of a Latin name, most likely first (at most 8).

    Readings are folded lower-case Cyrillic (ё as е).  Several words are read word by
    word and the combinations ranked by total cost:
    "Kuznetsova Yuliya" -> ["кузнецова юлия", ...].
    """
    return list(_text_readings(latin))


@lru_cache(maxsize=1 << 14)
def _text_readings(latin: str) -> tuple[str, ...]:
    words = _WORDS.findall(latin.lower().translate(_PRE))
    per_word = [r for r in (word_readings(w)[:4] for w in words) if r]
    if not per_word:
        return ()
    combos = sorted(
        (sum(c for _, c in combo), " ".join(r for r, _ in combo))
        for combo in itertools.product(*per_word)
    )
    seen: dict[str, None] = {}
    for _, text in combos:
        seen.setdefault(text, None)
        if len(seen) == MAX_READINGS:
            break
    return tuple(seen)


# Initials: one Latin letter (or digraph) stands for one Cyrillic letter, often ambiguous.
_INITIALS: dict[str, tuple[str, ...]] = {
    "a": ("а",), "b": ("б",), "c": ("к", "ц", "ч"), "d": ("д",), "e": ("е", "э"),
    "f": ("ф",), "g": ("г", "ж"), "h": ("х", "г"), "i": ("и", "ю", "я", "й"),
    "j": ("ю", "я", "е", "й", "ж"), "k": ("к", "х"), "l": ("л",), "m": ("м",),
    "n": ("н",), "o": ("о",), "p": ("п",), "q": ("к",), "r": ("р",), "s": ("с", "ш", "щ"),
    "t": ("т", "ц"), "u": ("у", "ю"), "v": ("в",), "w": ("в",), "x": ("х", "к"),
    "y": ("ю", "я", "е", "и"), "z": ("з", "ж"),
    "yu": ("ю",), "ya": ("я",), "ye": ("е",), "yo": ("е",), "iu": ("ю",), "ia": ("я",),
    "ju": ("ю",), "ja": ("я",), "je": ("е",), "jo": ("е",), "zh": ("ж",), "kh": ("х",),
    "ts": ("ц",), "tc": ("ц",), "cz": ("ц",), "ch": ("ч", "х"), "sh": ("ш",),
    "shch": ("щ",), "sch": ("щ", "ш"), "shh": ("щ",), "th": ("т",), "ph": ("ф",),
}


def latin_initial(token: str) -> tuple[str, ...]:
    """Cyrillic letters a Latin initial ("Yu", "I", "Zh") may stand for, likeliest first."""
    key = token.lower().translate(_PRE).strip(".")
    if key in _INITIALS:
        return _INITIALS[key]
    readings = word_readings(key)
    return (readings[0][0][0],) if readings else ()
