"""Patronymics: derive them from a father's given name and back.

Regular rules (on the standard Russian form of the father's name):

* consonant           Иван    -> Иванович / Ивановна
* hushing/ц           Франц   -> Францевич / Францевна
* -ь                  Игорь   -> Игоревич / Игоревна
* vowel + й           Андрей  -> Андреевич, Николай -> Николаевич
* -ий                 Юрий    -> Юрьевич / Юрьевна (Дмитрий, Георгий are irregular: -иевич)
* -а/-я (male)        Никита  -> Никитич / Никитична
* -о (Ukrainian)      Петро   -> Петрович

Irregular ones are listed in `_IRREGULAR`.  The reverse direction also understands the
alternative -иевич/-ьевич spellings (Валериевич = Валерьевич), Ukrainian forms after
folding (Андрійович -> андрийович, Іванівна -> иванивна, Миколаївна -> миколайивна) and
Turkic "оглы"/"кызы" patronymics ("Гусейн оглы").

The reverse direction prefers the data: the `russiannames` patronymics table gives the father's
name of 13 700 patronymics as written in Russian name lists (Ильич -> Илья, Мусич -> Муса,
Раисович -> Раис, not the woman's name Раиса the suffix rules would guess). The rules answer for
what the table lacks, and where the table spells a man's name we know in another way
(Гаврилович -> Гаврил; we keep Гаврила, which links to Гавриил). The hand-written reverse forms
below are those the table lacks; tests/test_patronymic_data.py shows where both agree.
"""

from __future__ import annotations

from functools import lru_cache

import duckdb

from .frequency import table
from .given_names import canonical_given, given_gender, is_known_given
from .normalise import fold_name

_IRREGULAR: dict[str, tuple[str, str]] = {
    "илья": ("ильич", "ильинична"),
    "лев": ("львович", "львовна"),
    "павел": ("павлович", "павловна"),
    "петр": ("петрович", "петровна"),
    "яков": ("яковлевич", "яковлевна"),
    "михаил": ("михайлович", "михайловна"),
    "никита": ("никитич", "никитична"),
    "кузьма": ("кузьмич", "кузьминична"),
    "фома": ("фомич", "фоминична"),
    "лука": ("лукич", "лукинична"),
    "савва": ("саввич", "саввична"),
    "дмитрий": ("дмитриевич", "дмитриевна"),
    "георгий": ("георгиевич", "георгиевна"),
    "даниил": ("даниилович", "данииловна"),
    "гавриил": ("гавриилович", "гаврииловна"),
}

# Reverse lookups for irregular and colloquial patronymics.
_REVERSE_IRREGULAR: dict[str, str] = {p: g for g, pair in _IRREGULAR.items() for p in pair}
_REVERSE_IRREGULAR.update(
    {  # colloquial forms the russiannames table lacks
        "ильична": "илья",
        "яковович": "яков",  # Ukrainian Якович is handled by the -ович rule
        # the table reads Данил, Гаврил (names of their own); we keep the old names, which link to Даниил, Гавриил
        "данилович": "данила",
        "даниловна": "данила",
        "гаврилович": "гаврила",
        "гавриловна": "гаврила",
    }
)

_HUSHING = frozenset("жшчщц")
_VOWELS = frozenset("аеиоуыэюя")
_TURKIC_MALE = frozenset({"оглы", "оглу", "улы", "уулу"})
_TURKIC_FEMALE = frozenset({"кызы", "гызы", "кизи", "кыз"})


def _regular(given: str) -> tuple[str, str]:
    if given.endswith("ий") and len(given) > 3:
        base = given[:-2] + "ь"
        return base + "евич", base + "евна"
    if given.endswith("й") and len(given) > 1 and given[-2] in _VOWELS:
        base = given[:-1]
        return base + "евич", base + "евна"
    if given.endswith("ь"):
        base = given[:-1]
        return base + "евич", base + "евна"
    if given.endswith(("а", "я")):
        base = given[:-1]
        return base + "ич", base + "ична"
    if given.endswith("о"):
        base = given[:-1]
        return base + "ович", base + "овна"
    if given[-1:] in _HUSHING:
        return given + "евич", given + "евна"
    return given + "ович", given + "овна"


@lru_cache(maxsize=1 << 14)
def patronymics_from_given(given: str) -> tuple[str, str]:
    """(male, female) patronymic for a father's given name, folded.

    Variants are mapped to the standard Russian form first, so "Олександр" and
    "Александр" both give ("александрович", "александровна") and "Дмитро" gives
    ("дмитриевич", "дмитриевна").  Empty input gives ("", "").
    """
    name = canonical_given(given)
    if not name:
        return "", ""
    if name in _IRREGULAR:
        return _IRREGULAR[name]
    return _regular(name)


def _stem_candidates(word: str) -> tuple[list[str], bool]:
    """Possible father names for a patronymic-looking word, and whether the suffix is strong.

    A strong suffix (-ович, -евна ...) marks a patronymic even when the father's name is
    not in the dictionary; the bare -ич/-ична forms are only trusted for known names.
    """
    for suffix in ("ьевич", "ьевна", "иевич", "иевна"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return [word[: -len(suffix)] + "ий"], True
    for suffix in ("евич", "евна"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            if stem[-1] in _VOWELS:
                return [stem + "й"], True
            if stem[-1] in _HUSHING:
                return [stem, stem + "ь"], True
            return [stem + "ь", stem, stem + "ей"], True
    if word.endswith("йович") and len(word) > 6:
        stem = word[:-5]
        return [stem + "й", stem], True
    for suffix in ("ович", "овна"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            return [stem, stem + "о", stem + "а", stem + "ь", stem + "ий"], True
    if word.endswith("йвна") and len(word) > 5:  # Ukrainian -ївна romanised "-iivna"
        stem = word[:-4]
        return [stem + "й", stem, stem[:-1] + "ий"], True
    if word.endswith("ивна") and len(word) > 5:  # Ukrainian -івна / -ївна after folding
        stem = word[:-4]
        if stem.endswith("й"):
            return [stem, stem[:-1], stem[:-2] + "ий"], True
        return [stem, stem + "о", stem + "ь", stem + "я", stem + "а", stem + "ий"], True
    if word.endswith("инична") and len(word) > 7:
        return [word[:-6] + "а", word[:-6] + "я"], False
    if word.endswith("ична") and len(word) > 5:
        stem = word[:-4]
        return [stem + "а", stem + "я", stem], False
    if word.endswith("ич") and len(word) > 3:
        stem = word[:-2]
        return [stem + "а", stem + "я"], False
    return [], False


def _derives(given: str, word: str) -> bool:
    """True when `word` is a patronymic of `given` (used to vet the weak -ич/-ична forms)."""
    return word in _regular(given) or word in _IRREGULAR.get(canonical_given(given), ())


@lru_cache(maxsize=1)
def data_fathers() -> dict[str, str]:
    """Folded patronymic -> folded father's given name, from the russiannames patronymics table."""
    with duckdb.connect() as con:
        rows = con.execute(f"SELECT text, fname FROM read_parquet('{table('midnames')}') WHERE fname IS NOT NULL "
                           "ORDER BY count").fetchall()
    return {fold_name(text): fold_name(father) for text, father in rows}  # the commonest reading last, so it wins


@lru_cache(maxsize=1)
def data_male_names() -> frozenset[str]:
    """Men's given names of the russiannames table borne by at least 20 people (folded)."""
    with duckdb.connect() as con:
        rows = con.execute(f"SELECT text FROM read_parquet('{table('names')}') WHERE gender = 'm' AND count >= 20"
                           ).fetchall()
    return frozenset(fold_name(text) for (text,) in rows)


@lru_cache(maxsize=1 << 15)
def given_from_patronymic(patronymic: str) -> str | None:
    """The father's given name (folded) behind a patronymic, or None if it is not one.

    Irregular and known names come back in the form the patronymic was built from
    ("Андрійович" -> "андрий", "Ильинична" -> "илья", "Валериевич" -> "валерий"); for
    an unknown name with a regular suffix the regular derivation is reversed
    ("Ренатович" -> "ренат").  Bare -ич/-ична words whose stem is not a known name
    (often surnames such as "Шкрабич") give None.
    """
    word = fold_name(patronymic)
    if not word:
        return None
    if " " in word:
        head, _, tail = word.rpartition(" ")
        if tail in _TURKIC_MALE or tail in _TURKIC_FEMALE:
            return head.split(" ")[-1] or None
        word = tail
    ruled = _ruled_father(word)
    data = data_fathers().get(word)
    if data is None or data == ruled:
        return ruled
    if word in _REVERSE_IRREGULAR or (ruled is not None and given_gender(ruled) == "m" and not is_known_given(data)):
        return ruled  # a known man's name in another spelling (Гаврила for the table's Гаврил)
    return data


def _ruled_father(word: str) -> str | None:
    """The father's name the suffix rules and the irregular forms give for a folded patronymic word."""
    if word in _REVERSE_IRREGULAR:
        return _REVERSE_IRREGULAR[word]
    candidates, strong = _stem_candidates(word)
    for candidate in candidates:
        if is_known_given(candidate) and (strong or _derives(candidate, word)):
            return candidate
    if not strong:  # Мусич: a man's name of the russiannames table, not of our dictionary
        for candidate in candidates:
            if candidate in data_male_names() and _derives(candidate, word):
                return candidate
    if strong and candidates and len(candidates[0]) > 1:
        return candidates[0]
    return None


def father_is_known(patronymic: str) -> bool:
    """True when the patronymic leads to a name in the given-name dictionary."""
    father = given_from_patronymic(patronymic)
    return father is not None and is_known_given(father)


@lru_cache(maxsize=1 << 14)
def patronymic_gender(patronymic: str) -> str | None:
    """"m"/"f" from the patronymic's suffix (works for unknown fathers too), else None."""
    word = fold_name(patronymic)
    if not word:
        return None
    last = word.rsplit(" ", 1)[-1]
    if last in _TURKIC_MALE:
        return "m"
    if last in _TURKIC_FEMALE:
        return "f"
    if given_from_patronymic(word) is None:
        return None
    if last.endswith(("вна", "чна")):
        return "f"
    if last.endswith("ич"):
        return "m"
    return None


def is_patronymic(word: str) -> bool:
    """True when the word looks like a patronymic (strong suffix or a known father)."""
    return given_from_patronymic(word) is not None
