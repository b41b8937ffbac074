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

from declarations.normalise.addresses import Address, parse_address, type_of
from declarations.text import fold_look_alikes, fold_sql

_PART = re.compile(r"[^,;()]+")
_WORD = re.compile(r"[а-яa-z0-9]+(?:-[а-яa-z]+)?")
_ABBREVIATED = re.compile(r"\.|\s*\d")  # «д.», «д 48»
_NUMBER = re.compile(r"\s*№?\s*\d+[а-яa-z]?(?:\s*[/-]\s*\d+[а-я]?)?\s*")
# a street written without its type word, before its numbers, at the end of a part: «Советская 48-3»
_NAME_AND_NUMBER = re.compile(r"[^\W\d_]{3,}(?:-[^\W\d_]+)?\.?\s+\d+[^\W\d_]?(?:\s*[/-]\s*\d+)?\s*$")
# commas the parser needs where a clerk left them out: «Советская улица дом 48», «Советская ул. 48»
_BEFORE_HOUSE = re.compile(r"\s+(?=(?:д|дом|кв|квартира|корп|стр)\.?\s*\d)", re.IGNORECASE)
_STREET_THEN_NUMBER = re.compile(
    r"(?<![^\W\d_])(ул|улица|пр-т|проспект|пер|переулок|ш|шоссе|б-р|бульвар|наб|набережная|пл|площадь)(\.?)\s+(?=\d)",
    re.IGNORECASE)
MAX_PARTS = 6  # an address is at most this many comma-separated parts


def _type_words(part: str) -> list[re.Match[str]]:
    """The address type words of a part; a one-letter one only with a dot or a number after it («с.»,
    «д.», «д 48»): alone, «с» and «к» are prepositions."""
    lowered = fold_look_alikes(part)
    return [m for m in _WORD.finditer(lowered) if type_of(m.group()) not in (None, "region")
            and (len(m.group()) > 1 or _ABBREVIATED.match(lowered, m.end()) is not None)]


def _starts(part: str, offset: int) -> set[int]:
    """Where an address may begin in a part: a part of numbers alone, each type word, the name before a
    type word written after it («Советская ул.», «Советская ул. 48», «Советская улица дом 48») and a name
    before numbers
    («Советская 48»); never the words before them («продажа квартиры»)."""
    if _NUMBER.fullmatch(part):
        return {offset + len(part) - len(part.lstrip())}
    starts = set()
    words = list(_WORD.finditer(fold_look_alikes(part)))
    for found in _type_words(part):
        starts.add(offset + found.start())
        index = next(i for i, w in enumerate(words) if w.start() == found.start())
        after = words[index + 1].group() if index + 1 < len(words) else None
        if index > 0 and (after is None or after[:1].isdigit() or type_of(after) is not None):
            starts.add(offset + words[index - 1].start())
    named = _NAME_AND_NUMBER.search(part)
    if named:
        starts.add(offset + named.start())
    return starts


def _is_address_part(part: str) -> bool:
    return bool(_NUMBER.fullmatch(part) or _type_words(part) or _NAME_AND_NUMBER.search(part))


def _parsed(text: str) -> Address:
    return parse_address(_STREET_THEN_NUMBER.sub(r"\1\2,", _BEFORE_HOUSE.sub(", ", text)))


def address_runs(text: str) -> list[tuple[int, int, Address]]:
    """Every span of `text` that reads as an address with a street and a house, with what it reads as.

    A run of comma-separated parts that look like parts of an address may hold two addresses, or an
    address after other words: each stretch of up to `MAX_PARTS` parts is read from each place an address
    may begin, so spans overlap; the caller cuts those that are private."""
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
    found = []
    for parts in runs:
        for i, (first_start, first_end) in enumerate(parts):
            for start in sorted(_starts(text[first_start:first_end], first_start)):
                for last_start, last_end in parts[i:i + MAX_PARTS]:
                    end = last_start + len(text[last_start:last_end].rstrip())
                    address = _parsed(text[start:end])
                    if address.street and address.house:
                        found.append((start, end, address))
    return found


def retyped_addresses(con: duckdb.DuckDBPyConnection, address_selects: list[str], params: dict[str, object],
                      texts: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    """Spans of each text that are a private address (`address_selects` give the year's private addresses as
    `value`; `params` their bound values) with the same street and house, in any order or abbreviation."""
    found = {text: runs for text in texts if (runs := address_runs(text))}
    streets = {address.street.split()[-1] for runs in found.values() for _, _, address in runs if address.street}
    if not streets or not address_selects:
        return {}
    pattern = "|".join(re.escape(street) for street in sorted(streets))
    private = set()
    for (value,) in con.execute(
            f"SELECT DISTINCT value FROM ({' UNION ALL '.join(address_selects)}) "
            f"WHERE regexp_matches({fold_sql('value')}, $streets)", {**params, "streets": pattern}).fetchall():
        address = parse_address(value)
        if address.street and address.house:
            private.add((address.street, address.house))
    spans = {text: [(start, end) for start, end, address in runs if (address.street, address.house) in private]
             for text, runs in found.items()}
    return {text: cut for text, cut in spans.items() if cut}
