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


def _releases(data: dict) -> list[dict]:
    if "releases" in data:
        return list(data["releases"] or [])
    out = []
    for record in data.get("records") or []:
        if record.get("compiledRelease"):
            out.append(record["compiledRelease"])
        elif record.get("releases"):
            out.append(sorted(record["releases"], key=lambda r: r.get("date") or "")[-1])
    return out


def _code(party: dict) -> str | None:
    for identifier in [party.get("identifier") or {}, *(party.get("additionalIdentifiers") or [])]:
        if identifier.get("scheme") in IDENTIFIER_SCHEMES and identifier.get("id"):
            return str(identifier["id"]).strip()
    return None


def _rows(release: dict, number: int) -> list[dict]:
    parties = {p.get("id"): p for p in release.get("parties") or []}
    tender = release.get("tender") or {}
    buyer = parties.get((release.get("buyer") or {}).get("id")) or next(
        (p for p in parties.values() if {"buyer", "procuringEntity"} & set(p.get("roles") or [])), {})
    winners = {
        supplier.get("id")
        for award in release.get("awards") or []
        if award.get("status") not in ("cancelled", "unsuccessful")
        for supplier in award.get("suppliers") or []
    }
    participant_ids = [t.get("id") for t in tender.get("tenderers") or []]
    participant_ids += [p for p in parties if {"tenderer", "supplier"} & set(parties[p].get("roles") or [])]
    participant_ids += sorted(w for w in winners if w)
    date = (tender.get("tenderPeriod") or {}).get("startDate") or tender.get("datePublished") or release.get("date")
    amount = (tender.get("value") or {}).get("amount")
    rows = []
    for party_id in dict.fromkeys(p for p in participant_ids if p):
        party = parties.get(party_id, {"id": party_id})
        rows.append({
            ROW: number,
            "procedure_id": release.get("ocid"),
            "customer": buyer.get("name"),
            "customer_inn": _code(buyer) if buyer else None,
            "date": str(date)[:10] if date else None,
            "amount": None if amount is None else str(amount),
            "participant_inn": _code(party),
            "participant_name": party.get("name"),
            "is_winner": "да" if party_id in winners or "supplier" in (party.get("roles") or []) else "нет",
        })
    return rows


def read(data: dict, file: str) -> pl.DataFrame:
    """The procurement rows of a package, validated like procurement.csv (row = release number)."""
    rows = [row for number, release in enumerate(_releases(data), start=1) for row in _rows(release, number)]
    if not rows:
        raise InputError([Issue(file, "releases", None, "", "хотя бы одна закупка с участниками", "нет участников")])
    text_columns = [c for c in PROCUREMENT.columns]
    frame = pl.DataFrame(rows, schema={ROW: pl.Int64, **{c: pl.Utf8 for c in text_columns}})
    headers = {c: c for c in text_columns}
    table, issues = validate_sheet(RawSheet(PROCUREMENT, "releases", frame, headers, file))
    if issues:
        raise InputError(issues)
    return table.frame.rename({ROW: "source_row"})
