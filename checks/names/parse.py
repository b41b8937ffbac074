"""Parsing a full name in any common layout into surname, given name and patronymic.

Steps: normalise (keeping case and dots), cut off anything after the first digit and
anything in brackets, split into words and initials, transliterate Latin words, then try
the layouts that occur in practice and keep the best scoring one:

* 3+ words: Фамилия Имя Отчество (prior +1, so a misspelt patronymic still lands in
  its place), Имя Отчество Фамилия (prior +0.5), Фамилия Имя without patronymic,
  Имя Фамилия (extra words belong to the surname and are joined with "-":
  "Римский Корсаков" == "Римский-Корсаков");
* 2 words: Фамилия Имя, Имя Фамилия, Имя Отчество; with an initial also
  Фамилия Отчество ("Иванов И. Иванович");
* 1 word: the surname.

A word scores as a given name when it is in the dictionary, as a patronymic when it has
a patronymic suffix (more when the father's name is known), as a surname when it has a
gendered surname ending; words that look like a given name or patronymic are penalised
in the surname slot.  Initials ("И.О.", "И. О.", "ИО", "Yu.I.") fill the initials of
whatever the words leave unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .given_names import canonical_given, given_gender, is_known_given
from .normalise import fold_name, has_cyrillic, has_latin, prepare
from .patronymics import given_from_patronymic, patronymic_gender
from .surnames import surname_gender
from .translit import latin_initial, word_readings

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*\.?")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_DIGIT = re.compile(r"\d")
_TURKIC = frozenset({"оглы", "оглу", "улы", "уулу", "кызы", "гызы", "кизи", "кыз"})


@dataclass(frozen=True)
class PersonName:
    """A parsed name.  All parts are folded Cyrillic; `raw` is the text as written.

    `given`/`patronymic` are "" when only initials are known; `given_initial`/
    `patronymic_initial` are always filled when anything is known about the part.
    """

    surname: str
    given: str
    patronymic: str
    given_initial: str
    patronymic_initial: str
    gender: str | None
    raw: str

    def display(self) -> str:
        """"Фамилия Имя Отчество" / "Фамилия И.О." in folded form, for logs and evidence."""
        given = self.given or (self.given_initial + "." if self.given_initial else "")
        patronymic = self.patronymic or (
            self.patronymic_initial + "." if self.patronymic_initial else ""
        )
        return " ".join(p for p in (self.surname, given, patronymic) if p)


@dataclass(frozen=True)
class Origin:
    """How each part was written, for evidence and for comparing Latin input.

    `*_tokens` are the raw words (case kept); `*_readings` are every Cyrillic reading
    considered for the part (one reading for Cyrillic input, several for Latin);
    `*_initials` are the Cyrillic letters an initial may stand for.
    """

    surname_tokens: tuple[str, ...] = ()
    given_token: str = ""
    patronymic_token: str = ""
    surname_readings: frozenset[str] = frozenset()
    given_readings: frozenset[str] = frozenset()
    patronymic_readings: frozenset[str] = frozenset()
    given_initials: frozenset[str] = frozenset()
    patronymic_initials: frozenset[str] = frozenset()


@dataclass
class _Word:
    raw: str
    value: str
    readings: tuple[str, ...]
    latin: bool
    turkic: bool = False


def gender_of(name: PersonName) -> str | None:
    """"m"/"f" from the patronymic suffix, else the given-name table, else the surname."""
    return _infer_gender(name.surname, name.given, name.patronymic)


def _infer_gender(surname: str, given: str, patronymic: str) -> str | None:
    if patronymic:
        gender = patronymic_gender(patronymic)
        if gender:
            return gender
    if given:
        gender = given_gender(given)
        if gender:
            return gender
    if surname:
        return surname_gender(surname)
    return None


@lru_cache(maxsize=1 << 16)
def _role_scores(value: str) -> dict[str, float]:
    """How well a folded word fits each role: S(urname), G(iven), P(atronymic)."""
    father = given_from_patronymic(value)
    known = is_known_given(value)
    surname = (0.5 if surname_gender(value) else 0.0) - (0.5 if known else 0.0)
    if father is not None:
        surname -= 1.5 if is_known_given(father) else 0.5
    return {
        "S": surname,
        "G": 2.0 if known else (-1.0 if father else 0.0),
        "P": -1.5 if father is None else (2.0 if is_known_given(father) else 1.0),
    }


_TURKIC_SCORES = {"S": -3.0, "G": -3.0, "P": 3.0}


def _score(role: str, word: _Word) -> float:
    if word.turkic:
        return _TURKIC_SCORES[role]
    if word.latin and role != "S":  # any of the likelier readings may be the name
        return max(_role_scores(r)[role] for r in word.readings[:3])
    return _role_scores(word.value)[role]


def _templates(n: int, with_initials: bool) -> list[tuple[str, float]]:
    """Layouts to try for n words, each with a prior (Фамилия Имя Отчество is the norm)."""
    if n == 0:
        return [("", 0.0)]
    if n == 1:
        return [("S", 0.0)]
    if n == 2:
        if with_initials:  # "Иванов Иван И.", "Иванов И. Иванович"
            return [("SG", 0.0), ("GS", 0.0), ("SP", 0.0)]
        return [("SG", 0.0), ("GS", 0.0), ("GP", 0.0)]
    rest = "S" * (n - 2)
    if with_initials:
        return [(rest + "SG", 0.0), ("G" + rest + "S", 0.0), ("S" * n, 0.0)]
    return [(rest + "GP", 1.0), ("GP" + rest, 0.5), (rest + "SG", 0.0), ("G" + rest + "S", 0.0)]


def _best_layout(words: list[_Word], with_initials: bool) -> str:
    best, best_score = "", float("-inf")
    for layout, prior in _templates(len(words), with_initials):
        score = prior + sum(_score(role, w) for role, w in zip(layout, words))
        if score > best_score:
            best, best_score = layout, score
    return best


def _read_latin(letters: str) -> tuple[str, ...]:
    readings = tuple(r for r, _ in word_readings(letters))
    return readings or (letters.lower(),)


def _tokenise(text: str) -> tuple[list[_Word], list[tuple[str, frozenset[str]]]]:
    """Words and initials (letter, possible letters) in order of appearance."""
    all_upper = text.isupper()
    words: list[_Word] = []
    initials: list[tuple[str, frozenset[str]]] = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        dotted = token.endswith(".")
        letters = token.rstrip(".")
        latin = has_latin(letters) and not has_cyrillic(letters)
        if latin:
            key = letters.lower()
            if len(letters) == 1 or (dotted and len(letters) <= 4 and key in _LATIN_INITIAL_KEYS):
                options = latin_initial(key)
                if options:
                    initials.append((options[0], frozenset(options)))
                    continue
            readings = _read_latin(letters)
            word = _Word(letters, readings[0], readings, True)
        else:
            value = fold_name(letters)
            if len(value) == 1 or (dotted and len(value) == 2 and "-" not in value):
                initials.append((value[0], frozenset(value[0])))
                continue
            if len(value) == 2 and letters.isupper() and not all_upper:
                initials.extend((ch, frozenset(ch)) for ch in value)
                continue
            word = _Word(letters, value, (value,), False)
        turkic = next((r for r in word.readings if r in _TURKIC), None)
        if turkic and words:  # "Гусейн оглы": the patronymic is the two words together
            prev = words[-1]
            joined = f"{prev.value} {turkic}"
            words[-1] = _Word(f"{prev.raw} {letters}", joined, (joined,), prev.latin, True)
            continue
        words.append(word)
    return words, initials


_LATIN_INITIAL_KEYS = frozenset(
    {"yu", "ya", "ye", "yo", "iu", "ia", "ju", "ja", "je", "jo", "zh", "kh", "ts", "tc",
     "cz", "ch", "sh", "shch", "sch", "shh", "th", "ph"}
)


def _pick_given(word: _Word) -> str:
    """For a Latin given name prefer the standard form when it is among the readings."""
    if not word.latin:
        return word.value
    for reading in word.readings:
        if is_known_given(reading):
            canonical = canonical_given(reading)
            return canonical if canonical in word.readings else reading
    return word.value


def _pick_patronymic(word: _Word) -> str:
    if not word.latin:
        return word.value
    for reading in word.readings:
        father = given_from_patronymic(reading)
        if father is not None and is_known_given(father):
            return reading
    return word.value


@lru_cache(maxsize=1 << 16)
def parse_with_origin(raw: str) -> tuple[PersonName, Origin]:
    """`parse_name` plus the `Origin` of each part (raw tokens, Latin readings)."""
    text = raw or ""
    digit = _DIGIT.search(text)
    if digit:
        text = text[: digit.start()]
    text = prepare(_BRACKETS.sub(" ", text), strip_edges=False)
    words, initials = _tokenise(text)
    layout = _best_layout(words, bool(initials))

    surname_words = [w for role, w in zip(layout, words) if role == "S"]
    given_word = next((w for role, w in zip(layout, words) if role == "G"), None)
    patronymic_word = next((w for role, w in zip(layout, words) if role == "P"), None)

    surname = "-".join(w.value for w in surname_words)
    given = _pick_given(given_word) if given_word else ""
    patronymic = _pick_patronymic(patronymic_word) if patronymic_word else ""

    queue = list(initials)
    given_initials: frozenset[str] = frozenset()
    patronymic_initials: frozenset[str] = frozenset()
    given_initial = given[:1]
    patronymic_initial = patronymic[:1]
    if not given and queue:
        given_initial, given_initials = queue.pop(0)
    if not patronymic and queue:
        patronymic_initial, patronymic_initials = queue.pop(0)

    if len(surname_words) == 1 and surname_words[0].latin:
        surname_readings = frozenset(surname_words[0].readings)
    else:
        surname_readings = frozenset((surname,)) if surname else frozenset()
    origin = Origin(
        surname_tokens=tuple(w.raw for w in surname_words),
        given_token=given_word.raw if given_word else "",
        patronymic_token=patronymic_word.raw if patronymic_word else "",
        surname_readings=surname_readings,
        given_readings=frozenset(given_word.readings) | {given} if given_word else frozenset(),
        patronymic_readings=(
            frozenset(patronymic_word.readings) | {patronymic} if patronymic_word else frozenset()
        ),
        given_initials=given_initials or frozenset(given_initial),
        patronymic_initials=patronymic_initials or frozenset(patronymic_initial),
    )
    name = PersonName(
        surname=surname,
        given=given,
        patronymic=patronymic,
        given_initial=given_initial,
        patronymic_initial=patronymic_initial,
        gender=_infer_gender(surname, given, patronymic),
        raw=raw,
    )
    return name, origin


def parse_name(raw: str) -> PersonName:
    """Parse a full name written in any common order, Cyrillic or Latin.

    >>> parse_name("Иванов И.И.").given_initial
    'и'
    >>> parse_name("Kuznetsova Yuliya Ivanovna").given
    'юлия'
    """
    return parse_with_origin(raw)[0]


def origin_of(name: PersonName) -> Origin:
    """The `Origin` of a parsed name; a bare one for names built by hand."""
    parsed, origin = parse_with_origin(name.raw)
    if parsed == name:
        return origin
    return Origin(
        surname_tokens=(name.surname,) if name.surname else (),
        given_token=name.given,
        patronymic_token=name.patronymic,
        surname_readings=frozenset((name.surname,)) if name.surname else frozenset(),
        given_readings=frozenset((name.given,)) if name.given else frozenset(),
        patronymic_readings=frozenset((name.patronymic,)) if name.patronymic else frozenset(),
        given_initials=frozenset(name.given_initial),
        patronymic_initials=frozenset(name.patronymic_initial),
    )
