"""Surnames: a key shared by the masculine and feminine forms, gender, skeleton.

`surname_key` maps both gender forms of a Russian surname to one canonical string:

* possessive -ов/-ев/-ин/-ын: the masculine form      Иванова -> иванов, Ильина -> ильин
* adjectival -ский/-ская, -ой/-ая, -ый/-ая, -ий/-яя:   stem + "ий"
  (Вишневская -> вишневский, Толстой/Толстая -> толстий; the key need not be a real
  word, it only has to be the same for both forms)
* Ukrainian -ський/-ська is read as -ский/-ская       Вишневська -> вишневский
* everything else is invariant and kept as written: -ко/-енко, -ук/-юк, -ых/-их, -дзе,
  -швили, -ян, -ия, foreign names (Шмидт, Гюго, Дюма) and feminine-looking nouns that
  are not gendered (Кочерга, Дума, Сковорода: only -ова/-ева/-ина/-ына and -ая/-яя are
  treated as feminine).

Hyphenated (or space-separated) double surnames are keyed part by part and joined by
"-".
"""

from __future__ import annotations

from functools import lru_cache

from .normalise import fold_name

_VOWELS = frozenset("аеиоуыэюя")
_SKELETON_DROP = str.maketrans("", "", "аеиоуыэюяйьъ- ")
_POSSESSIVE_F = ("ова", "ева", "ина", "ына")
_POSSESSIVE_M = ("ов", "ев", "ин", "ын")
_UKR_SOFT = ("ський", "ська", "цький", "цька", "зький", "зька")


def _is_adjectival(word: str, ending_len: int) -> bool:
    """Adjective ending after a consonant, with a stem of at least three letters."""
    stem = word[:-ending_len]
    return len(stem) >= 3 and stem[-1] not in _VOWELS and stem[-1] not in "ьй"


def _key_part(word: str) -> str:
    if word.endswith(_UKR_SOFT):
        cut = word.rfind("ьк")
        word = word[:cut] + word[cut + 1 :]
    if word.endswith(("ая", "яя")) and _is_adjectival(word, 2):
        return word[:-2] + "ий"
    if word.endswith(("ий", "ый", "ой")) and _is_adjectival(word, 2):
        return word[:-2] + "ий"
    if word.endswith(("ска", "цка", "зка")) and len(word) >= 6:  # Ukrainian -ська
        return word[:-1] + "ий"
    if word.endswith(_POSSESSIVE_F) and len(word) >= 5:
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 17)
def surname_key(surname: str) -> str:
    """Key shared by both gender forms of a surname (see the module docstring)."""
    folded = fold_name(surname)
    if not folded:
        return ""
    if "-" in folded or " " in folded:
        parts = folded.replace(" ", "-").split("-")
        return "-".join(_key_part(p) for p in parts if p)
    return _key_part(folded)


@lru_cache(maxsize=1 << 15)
def surname_gender(surname: str) -> str | None:
    """"m"/"f" from a gendered surname ending (last part of a double surname), else None."""
    folded = fold_name(surname)
    if not folded:
        return None
    word = folded.replace(" ", "-").rsplit("-", 1)[-1]
    if word.endswith(_UKR_SOFT):
        return "m" if word.endswith("ий") else "f"
    if word.endswith(("ая", "яя")) and _is_adjectival(word, 2):
        return "f"
    if word.endswith(("ий", "ый", "ой")) and _is_adjectival(word, 2):
        return "m"
    if word.endswith(_POSSESSIVE_F) and len(word) >= 5:
        return "f"
    if word.endswith(_POSSESSIVE_M) and len(word) >= 4:
        return "m"
    return None


@lru_cache(maxsize=1 << 16)
def surname_skeleton(surname: str) -> str:
    """Consonant skeleton of the surname key: vowels, й, ь, ъ dropped, doubles collapsed.

    Tolerates vowel typos, ё/е, missing soft signs and doubled letters:
    Кузнцова, Кузнецова, Кузнецов -> "кзнцв".
    """
    bare = surname_key(surname).translate(_SKELETON_DROP)
    out: list[str] = []
    for ch in bare:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)
