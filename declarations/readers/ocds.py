"""Procurement from Open Contracting Data Standard packages (release or record packages).

Each release (or a record's compiledRelease, else its latest release) becomes one
row per participant in the `procurement` table: the procedure is the `ocid`, the
customer the `buyer` (or `procuringEntity`) party, participants the tenderers and
suppliers, winners the suppliers of awards that were not cancelled. Organisations
are identified by their `RU-INN` or `UA-EDR` identifier (also in additionalIdentifiers).
"""

from __future__ import annotations

import polars as pl

from declarations.coerce import ROW
from declarations.errors import InputError, Issue
from declarations.model import PROCUREMENT
from declarations.readers.tables import RawSheet
from declarations.validate import validate_sheet

IDENTIFIER_SCHEMES = ("RU-INN", "UA-EDR")


class _Shape(Exception):
    """A part of the package that is not of the type the standard gives it."""

    def __init__(self, where: str, expected: str, found: object):
        self.where, self.expected, self.found = where, expected, found


_TYPES_RU: dict[type, str] = {dict: "объект", list: "список", str: "строка"}


def _typed(value: object, kind: type, where: str, default=None):
    """`value` if it is of `kind` (null or absent: `default`), else a located error."""
    if value is None:
        return kind() if default is None else default
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        found = type(value).__name__ if not isinstance(value, (int, float, str)) else f"{value!r}"[:60]
        raise _Shape(where, _TYPES_RU.get(kind, kind.__name__), found)
    return value


def _objects(value: object, where: str) -> list[dict]:
    return [_typed(item, dict, f"{where}[{i}]") for i, item in enumerate(_typed(value, list, where))]


def _releases(data: dict) -> list[dict]:
    if "releases" in data:
        return _objects(data["releases"], "releases")
    out = []
    for i, record in enumerate(_objects(data.get("records"), "records")):
        if record.get("compiledRelease"):
            out.append(_typed(record["compiledRelease"], dict, f"records[{i}].compiledRelease"))
        elif record.get("releases"):
            releases = _objects(record["releases"], f"records[{i}].releases")
            out.append(sorted(releases, key=lambda r: str(r.get("date") or ""))[-1])
    return out


def _code(party: dict, where: str) -> str | None:
    identifiers = [_typed(party.get("identifier"), dict, f"{where}.identifier"),
                   *_objects(party.get("additionalIdentifiers"), f"{where}.additionalIdentifiers")]
    for identifier in identifiers:
        if identifier.get("scheme") in IDENTIFIER_SCHEMES and identifier.get("id"):
            return str(identifier["id"]).strip()
    return None


def _key(value: object) -> object:
    """An id as a dictionary key: ids are strings or numbers; anything else is kept by its text."""
    return value if isinstance(value, (str, int, float)) or value is None else str(value)


def _roles(party: dict, where: str) -> set:
    return {_key(r) for r in _typed(party.get("roles"), list, f"{where}.roles")}


def _rows(release: dict, number: int) -> list[dict]:
    parties = {_key(p.get("id")): p for p in _objects(release.get("parties"), "parties")}
    tender = _typed(release.get("tender"), dict, "tender")
    buyer_ref = _typed(release.get("buyer"), dict, "buyer")
    buyer = parties.get(_key(buyer_ref.get("id"))) or next(
        (p for p in parties.values() if {"buyer", "procuringEntity"} & _roles(p, "parties")), {})
    winners = set()
    for i, award in enumerate(_objects(release.get("awards"), "awards")):
        if award.get("status") not in ("cancelled", "unsuccessful"):
            winners |= {_key(s.get("id")) for s in _objects(award.get("suppliers"), f"awards[{i}].suppliers")}
    participant_ids = [_key(t.get("id")) for t in _objects(tender.get("tenderers"), "tender.tenderers")]
    participant_ids += [p for p in parties if {"tenderer", "supplier"} & _roles(parties[p], "parties")]
    participant_ids += sorted((w for w in winners if w), key=str)
    period = _typed(tender.get("tenderPeriod"), dict, "tender.tenderPeriod")
    date = period.get("startDate") or tender.get("datePublished") or release.get("date")
    amount = _typed(tender.get("value"), dict, "tender.value").get("amount")
    rows = []
    for party_id in dict.fromkeys(p for p in participant_ids if p):
        party = parties.get(party_id, {"id": party_id})
        rows.append({
            ROW: number,
            "procedure_id": _text(release.get("ocid")),
            "customer": _text(buyer.get("name")),
            "customer_inn": _code(buyer, "buyer") if buyer else None,
            "date": str(date)[:10] if date else None,
            "amount": None if amount is None else str(amount),
            "participant_inn": _code(party, "parties"),
            "participant_name": _text(party.get("name")),
            "is_winner": "да" if party_id in winners or "supplier" in _roles(party, "parties") else "нет",
        })
    return rows


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def read(data: dict, file: str) -> pl.DataFrame:
    """The procurement rows of a package, validated like procurement.csv (row = release number).

    A part of the wrong type (a string where the standard has an object, a number for a list) is an
    error located by its release and path, all of them at once, never a traceback."""
    try:
        releases = _releases(data)
    except _Shape as shape:
        raise InputError([Issue(file, "releases", None, shape.where, shape.expected, str(shape.found))]) from None
    rows: list[dict] = []
    issues: list[Issue] = []
    for number, release in enumerate(releases, start=1):
        try:
            rows += _rows(release, number)
        except _Shape as shape:
            issues.append(Issue(file, "releases", number, shape.where, shape.expected, str(shape.found)))
    if issues:
        raise InputError(issues)
    if not rows:
        raise InputError([Issue(file, "releases", None, "", "хотя бы одна закупка с участниками", "нет участников")])
    text_columns = [c for c in PROCUREMENT.columns]
    frame = pl.DataFrame(rows, schema={ROW: pl.Int64, **{c: pl.Utf8 for c in text_columns}})
    headers = {c: c for c in text_columns}
    table, issues = validate_sheet(RawSheet(PROCUREMENT, "releases", frame, headers, file))
    if issues:
        raise InputError(issues)
    return table.frame.rename({ROW: "source_row"})
