"""Folding of name text to one comparable form.

`fold_name` is the single entry point used by every other module: all dictionary keys and
all parsed name parts are folded.  Folding is case-insensitive and loses information
on purpose (ё/е, Ukrainian letters, look-alike Latin letters), so keep the raw text
wherever the original spelling matters as evidence.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Dashes, minus signs and hyphen look-alikes all become ASCII "-"; the soft hyphen and
# apostrophes vanish (Ukrainian В'ячеслав -> Вячеслав, Мар'яна -> Маряна).
_PUNCT = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"}
_PUNCT.update({c: "" for c in "\u00ad'\u2019\u02bc\u2018`\u00b4"})
_PUNCT.update({"\u00a0": " ", "\u202f": " ", "\u2007": " "})

# Ukrainian/Belarusian letters that have no Russian counterpart, both cases.  (ё is
# folded by `fold_name` only: `prepare` keeps it so evidence can tell Соловьёв from Соловьев.)
_LETTERS = {
    "і": "и", "І": "И",
    "ї": "йи", "Ї": "ЙИ",
    "є": "е", "Є": "Е",
    "ґ": "г", "Ґ": "Г",
    "ў": "в", "Ў": "В",
}

CASE_TABLE = str.maketrans({**_PUNCT, **_LETTERS})

# Latin letters that look like Cyrillic ones, both cases ("i" stands for Ukrainian "і",
# lower-case "b" for "ь").
LOOKALIKES = {
    "A": "А", "a": "а", "B": "В", "b": "ь", "C": "С", "c": "с", "E": "Е", "e": "е",
    "H": "Н", "h": "н", "K": "К", "k": "к", "M": "М", "m": "м", "O": "О", "o": "о",
    "P": "Р", "p": "р", "T": "Т", "t": "т", "X": "Х", "x": "х", "Y": "У", "y": "у",
    "I": "И", "i": "и",
}
_LOOKALIKE_TABLE = str.maketrans(LOOKALIKES)
_LOOKALIKE_SET = frozenset(LOOKALIKES)

_WORD = re.compile(r"[A-Za-z\u0400-\u04ff]+")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HYPHEN_SPACES = re.compile(r"\s*-+\s*")
_EDGE_CHARS = " .,;:-"


def has_latin(text: str) -> bool:
    """True when the text holds at least one ASCII Latin letter."""
    return _LATIN.search(text) is not None


def has_cyrillic(text: str) -> bool:
    """True when the text holds at least one Cyrillic letter."""
    return _CYRILLIC.search(text) is not None


def _fix_lookalikes(text: str) -> str:
    """Map look-alike Latin letters to Cyrillic inside words that are otherwise Cyrillic.

    A word is rewritten when every Latin letter in it has a Cyrillic twin and it either
    holds a Cyrillic letter itself or the whole text does (e.g. "CEPГEЙ", "OЛЕГ").
    Words with other Latin letters ("Ivanov") are left for transliteration.
    """
    text_is_cyrillic = has_cyrillic(text)

    def repl(match: re.Match[str]) -> str:
        word = match.group(0)
        latin = [c for c in word if c.isascii()]
        if not latin or not _LOOKALIKE_SET.issuperset(latin):
            return word
        if len(latin) == len(word) and not text_is_cyrillic:
            return word
        return word.translate(_LOOKALIKE_TABLE)

    return _WORD.sub(repl, text)


@lru_cache(maxsize=1 << 16)
def prepare(text: str, strip_edges: bool = True) -> str:
    """Case-preserving normalisation: everything `fold_name` does except lower-casing and ё.

    Parsing needs the case (to recognise "ИИ" as two initials) and the final dot of
    "Yu." (strip_edges=False), so it works on this.
    """
    text = text.translate(CASE_TABLE)
    if has_latin(text) and has_cyrillic(text):
        text = _fix_lookalikes(text)
    text = " ".join(text.split())
    if "-" in text:
        text = _HYPHEN_SPACES.sub("-", text)
    return text.strip(_EDGE_CHARS) if strip_edges else text.strip()


@lru_cache(maxsize=1 << 17)
def fold_name(text: str) -> str:
    """Comparable form of name text (not `declarations.text.fold`: names need more).

    Lower case; ё -> е; Ukrainian і/ї/є/ґ and Belarusian ў -> и/йи/е/г/в; Latin
    look-alikes (C, o, a, e, p, x, y, K, M, H, T, B, i) inside an otherwise Cyrillic
    word -> Cyrillic; apostrophes and soft hyphens dropped; every dash -> "-" with no
    spaces around it; whitespace collapsed; dots, commas and dashes stripped at both ends.
    """
    return prepare(text).lower().replace("ё", "е")
