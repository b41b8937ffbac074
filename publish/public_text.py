"""Free text of public (Declarator) rows cut to what the form publishes.

HR workbooks keep addresses, plates and cadastral numbers in their own private columns, and the scrubber
removes those values wherever else they were typed. Public data has no such columns: a publisher may have
written «квартира, г. Энск, ул. Ленина, д. 5, кад. № 50:12:0000000:123» as the type of object,
«Россия, Московская обл., г. Химки» as the country, or «ВАЗ 2107 г/н А123ВС77 (Ивановой М.П.)» as the
vehicle. The scrubber has nothing to match there, so these cells are cut by their shape: what locates a
property or names a vehicle's plate or owner never reaches the published table.
"""

from __future__ import annotations

import re
from functools import lru_cache

from declarations.text import CYRILLIC_LOOK_ALIKES, LATIN_LOOK_ALIKES

# words and shapes that locate a property or identify a vehicle: what follows them is never published
_LOCATING = re.compile(
    r"\d+\s*:\s*\d+|\bул\b|\bулиц|\bпр-т|\bпросп|\bпер\b|\bпереул|\bш\b\.|\bшоссе|\bд\s*\.\s*\d|\bдом\s*№?\s*\d|\bкв\b"
    r"|\bкорп|\bстр\b\.|\bобл\b|\bобласт|\bрайон|\bр-н|\bкрай\b|\bг\s*\.\s*[а-яё]|\bгор\s*\.|\bгород\s"
    r"|\bпос\b|\bпгт\b|\bс\s*\.\s*[а-яё]|\bдер\b|\bсnt\b|\bснт\b|\bднт\b|\bгск\b|\bгк\b|\bкад|\bг\s*/\s*н|\bгос\w*\s*\.?\s*ном"
    r"|\bгосномер|\bрег\w*\s*\.?\s*(?:знак|ном)|\bvin\b|№|\bномер",
    re.IGNORECASE)
_LETTER = f"[{CYRILLIC_LOOK_ALIKES}{LATIN_LOOK_ALIKES}]"
_PLATE = re.compile(rf"{_LETTER}\s?\d{{3}}\s?{_LETTER}{{2}}\s?\d{{2,3}}", re.IGNORECASE)
_BRACKETS = re.compile(r"\([^)]*\)?|«[^»]*»?")


def _before_locating(text: str) -> str:
    cut = min((m.start() for m in (_LOCATING.search(text), _PLATE.search(text)) if m), default=len(text))
    return text[:cut].rstrip(" ,;:-–(")


# A year of 100 000 servants has a few hundred thousand cells but few distinct values (countries,
# makes): each distinct value is cut once.
@lru_cache(maxsize=65536)
def _first_part(raw: str | None) -> str | None:
    """The first part of a cell up to a comma, bracket or locating word; None when it holds a number."""
    if not raw:
        return None
    kept = _before_locating(re.split(r"[,;:(]", raw, maxsplit=1)[0]).strip()
    return kept if kept and not any(ch.isdigit() for ch in kept) else None


def object_type_text(raw: str | None) -> str | None:
    """The type of object as written («комната», «баня»); None when nothing but a location is left (the
    form's label is published then)."""
    return _first_part(raw)


def country_text(raw: str | None) -> str | None:
    """The country alone: «Россия» of «Россия, Московская обл., …»."""
    return _first_part(raw)


@lru_cache(maxsize=65536)
def vehicle_text(text: str | None) -> str:
    """Make or model without what is in brackets (the owner, the ownership) and without a plate, a VIN or
    any other number that follows a marker."""
    if not text:
        return ""
    return " ".join(_before_locating(_BRACKETS.sub(" ", text)).split())
