"""Private addresses retyped in another order or abbreviation inside published free text.

The scrubber cuts a private value where it is written as stored. A clerk also retypes an address:
«г. Энск, Советская ул., д.48» in a source of funds for the stored «ул. Советская, д. 48, кв. 3,
г. Энск». Here each run of comma-separated parts of a text that reads as an address (type words of
the Russian address and numbers) is parsed by the parser the year-over-year checks use
(`declarations.normalise.addresses`) and cut when its street and house are those of a private
address of the year, however ordered or abbreviated either is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import duckdb

from declarations.normalise.addresses import parse_address, type_of

_PART = re.compile(r"[^,;()]+")
_WORD = re.compile(r"[а-яa-z0-9]+(?:-[а-яa-z]+)?")
_ABBREVIATED = re.compile(r"\.|\s*\d")  # «д.», «д 48»
_NUMBER = re.compile(r"\s*№?\s*\d+[а-яa-z]?(?:\s*[/-]\s*\d+[а-я]?)?\s*")


def _lower(text: str) -> str:
    """Lower case with ё → е, every character in its place (positions stay valid)."""
    return text.lower().replace("ё", "е") if len(text.lower()) == len(text) else text


def _type_words(part: str) -> list[re.Match[str]]:
    """The address type words of a part; a one-letter one only with a dot or a number after it («с.»,
    «д.», «д 48»): alone, «с» and «к» are prepositions."""
    lowered = _lower(part)
    return [m for m in _WORD.finditer(lowered) if type_of(m.group()) not in (None, "region")
            and (len(m.group()) > 1 or _ABBREVIATED.match(lowered, m.end()) is not None)]


def _is_address_part(part: str) -> bool:
    return bool(_NUMBER.fullmatch(part)) or bool(_type_words(part))


def _start_in(part: str, offset: int) -> int:
    """Where the address begins in the first part of a run: at its first type word, or at the name
    before a type word written after it («… по адресу Советская ул.»)."""
    if _NUMBER.fullmatch(part):
        return offset + len(part) - len(part.lstrip())
    words = list(_WORD.finditer(_lower(part)))
    first = _type_words(part)[0]
    index = next(i for i, w in enumerate(words) if w.start() == first.start())
    if index == len(words) - 1 and index > 0:  # the type follows the name
        return offset + words[index - 1].start()
    return offset + first.start()


def address_runs(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that read as an address with a street and a house."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for match in _PART.finditer(text):
        if _is_address_part(match.group()):
            current.append(match.span())
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    spans = []
    for parts in runs:
        start = _start_in(text[parts[0][0]:parts[0][1]], parts[0][0])
        end = parts[-1][1] - (len(text[parts[-1][0]:parts[-1][1]]) - len(text[parts[-1][0]:parts[-1][1]].rstrip()))
        address = parse_address(text[start:end])
        if address.street and address.house:
            spans.append((start, end))
    return spans


def retyped_addresses(con: duckdb.DuckDBPyConnection, address_selects: list[str], params: dict[str, object],
                      texts: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    """Spans of each text that are a private address (`address_selects` give the year's private addresses as
    `value`; `params` their bound values) with the same street and house, in any order or abbreviation."""
    found = {text: [(span, parse_address(text[span[0]:span[1]])) for span in address_runs(text)] for text in texts}
    found = {text: runs for text, runs in found.items() if runs}
    streets = {address.street.split()[-1] for runs in found.values() for _, address in runs if address.street}
    if not streets or not address_selects:
        return {}
    pattern = "|".join(re.escape(street) for street in sorted(streets))
    private = set()
    for (value,) in con.execute(
            f"SELECT DISTINCT value FROM ({' UNION ALL '.join(address_selects)}) "
            "WHERE regexp_matches(lower(replace(value, 'ё', 'е')), $streets)", {**params, "streets": pattern}).fetchall():
        address = parse_address(value)
        if address.street and address.house:
            private.add((address.street, address.house))
    return {text: [span for span, address in runs if (address.street, address.house) in private]
            for text, runs in found.items()
            if any((address.street, address.house) in private for _, address in runs)}
