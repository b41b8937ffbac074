"""Flags: findings with a stable id and a life of their own.

A flag's id is a hash of its code, person, year and the identity of its evidence
(which objects it is about, never the row order), so the same finding on a re-run
has the same id. Saving a run inserts new flags, refreshes the ones found again
(keeping the status a person set), and marks resolved the flags of the codes that
ran which were not found again — never deleting them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import polars as pl

from checks import catalogue
from checks.catalogue import FindingCode
from checks.flag_codes import write_flag_codes
from declarations.errors import InputError, Issue
from declarations.store import Store, scalar

SEVERITIES: tuple[str, ...] = tuple(catalogue.SEVERITIES)  # most grave first
STATUSES: dict[str, str] = catalogue.STATUSES
FLAG_COLUMNS = ("flag_id", "person_id", "year", "code", "severity", "message", "evidence", "status",
                "status_note", "first_seen", "last_seen", "resolved_at")


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


@dataclass
class Flag:
    """One finding about one servant in one reporting year."""

    code: str
    person_id: str
    year: int
    severity: str
    message: str
    evidence: dict[str, Any]
    identity: str = ""  # what the finding is about (an object, a pair of declarations), stable across runs

    @classmethod
    def of(cls, entry: FindingCode, *, person_id: str, year: int, identity: str, evidence: dict[str, Any],
           severity: str | None = None, **values: Any) -> Flag:
        """A finding of a catalogue code: its message from the code's template, its severity unless overridden."""
        return cls(code=entry.code, person_id=str(person_id), year=int(year), severity=severity or entry.severity,
                   message=entry.message(year=year, **values), evidence=evidence, identity=identity)

    @property
    def flag_id(self) -> str:
        key = "|".join((self.code, self.person_id, str(self.year), self.identity))
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class RunSummary:
    kind: str
    raised: int = 0  # flags found in this run (new or again)
    new: int = 0
    resolved: int = 0
    by_code: dict[str, int] = field(default_factory=dict)


def save_run(
    store: Store, flags: list[Flag], *, kind: str, codes: set[str], settings: dict[str, Any], year: int | None = None
) -> RunSummary:
    """Persist one run's flags in one transaction; `codes` are the codes this run was able to raise."""
    now = datetime.now()
    unique = {f.flag_id: f for f in flags}
    incoming = pl.DataFrame(
        {
            "flag_id": list(unique),
            "person_id": [f.person_id for f in unique.values()],
            "year": [f.year for f in unique.values()],
            "code": [f.code for f in unique.values()],
            "severity": [f.severity for f in unique.values()],
            "message": [f.message for f in unique.values()],
            "evidence": [to_json(f.evidence) for f in unique.values()],
        },
        schema={"flag_id": pl.Utf8, "person_id": pl.Utf8, "year": pl.Int64, "code": pl.Utf8,
                "severity": pl.Utf8, "message": pl.Utf8, "evidence": pl.Utf8},
    )
    con = store.con
    summary = RunSummary(kind, raised=len(unique))
    for f in unique.values():
        summary.by_code[f.code] = summary.by_code.get(f.code, 0) + 1
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("__run_flags", incoming.to_arrow())
        summary.new = scalar(
            con, "SELECT count(*) FROM __run_flags r WHERE NOT EXISTS (SELECT 1 FROM flags f WHERE f.flag_id = r.flag_id)"
        )
        con.execute(
            """INSERT INTO flags (flag_id, person_id, year, code, severity, message, evidence, status,
                                  first_seen, last_seen)
               SELECT flag_id, person_id, year, code, severity, message, evidence::JSON, 'new', ?, ?
               FROM __run_flags
               ON CONFLICT (flag_id) DO UPDATE SET
                   severity = excluded.severity, message = excluded.message, evidence = excluded.evidence,
                   last_seen = excluded.last_seen, resolved_at = NULL""",
            [now, now],
        )
        summary.resolved = scalar(
            con,
            """UPDATE flags SET resolved_at = ?
               WHERE resolved_at IS NULL AND list_contains(?, code) AND (CAST(? AS INTEGER) IS NULL OR year = ?)
                 AND flag_id NOT IN (SELECT flag_id FROM __run_flags)""",
            [now, sorted(codes), year, year],
        )
        run_id = scalar(con, "SELECT coalesce(max(run_id), 0) + 1 FROM check_runs")
        con.execute("INSERT INTO check_runs VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [run_id, kind, now, year, to_json(settings), summary.raised, summary.resolved])
        write_flag_codes(con)  # the views' labels follow the catalogue of the program that saved the flags
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("__run_flags")
    return summary


def review(store: Store, flag_id: str, status: str, note: str | None) -> None:
    """Set a flag's status (kept across re-runs) and log the change."""
    if status not in STATUSES:
        allowed = ", ".join(f"{k} «{v}»" for k, v in STATUSES.items())
        raise InputError([Issue("--status", expected=f"одно из: {allowed}", found=status)])
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        updated = scalar(con, "UPDATE flags SET status = ?, status_note = ? WHERE flag_id = ?", [status, note, flag_id])
        if not updated:
            raise InputError([Issue("FLAG_ID", expected="номер флага из declarations flags", found=flag_id)])
        con.execute("INSERT INTO flag_reviews VALUES (?, ?, ?, ?)", [flag_id, status, note, datetime.now()])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def read_flags(store: Store, year: int | None = None, include_resolved: bool = True) -> pl.DataFrame:
    where = []
    params: list[Any] = []
    if year is not None:
        where.append("year = ?")
        params.append(year)
    if not include_resolved:
        where.append("resolved_at IS NULL")
    sql = f"SELECT {', '.join(FLAG_COLUMNS)} FROM flags"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY year, person_id, code, flag_id"
    return store.con.sql(sql, params=params or None).pl()
