"""What the template pre-fills from the store: last year's roster and assets, carried to the new year.

Each year the servant fills the справка anew, and most of it is what they declared a year ago:
the same flats, cars, accounts, shares and loans. The officer edits what changed rather than
retyping. The base is the latest HR roster before the template's year (usually the year
before). Carried forward:

- the roster (`servants`) and the relatives, as they were;
- one draft справка per subject of the base year (the effective one, so a correction's content),
  with a new number (below), the new year and an empty submission date; a child who is 18 or over
  on 31 December of the new year gets none (their справка is no longer due); a servant who must
  declare and had no справка of their own, a spouse and a minor child of the relatives sheet with
  none, get one;
- the real estate, vehicles, accounts, securities and liabilities of those справки, moved to the
  new numbers. Account balances are left empty (a balance is of the year's end: a stale one would
  hide the year's change); incomes and expenses are of the year and start empty.

New numbers: last year's number with its year replaced by the new year («2023-000017» →
«2024-000017»), or the new year put in front where the number has no year in it
(«17» → «2024-17»); a new справка is «<year>-<табельный номер>» or «<year>-<код родственника>».
A number already used by another year in the store, or twice in the template, gets «-2», «-3».
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from declarations.model import SHEETS_BY_KEY
from declarations.store import Store, scalar

CARRIED_SECTIONS = ("real_estate", "vehicles", "accounts", "securities", "liabilities")
CLEARED = {"accounts": ("balance",)}
_CHILD_RELATIONS = ("son", "daughter", "adopted_child")


@dataclass
class Prefill:
    year: int
    base_year: int | None = None
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    drafts: list[str] = field(default_factory=list)


def _columns(store: Store, table: str) -> list[str]:
    present = set(store.table_columns(table))
    return [c for c in SHEETS_BY_KEY[table].columns if c in present]


def _select(store: Store, table: str, where: str, params: list, order: str) -> list[dict[str, Any]]:
    columns = ", ".join(_columns(store, table))
    return store.frame(f"SELECT {columns} FROM {table} WHERE {where} ORDER BY {order}", params).to_dicts()


def new_number(old: str, base_year: int, year: int) -> str:
    return old.replace(str(base_year), str(year), 1) if str(base_year) in old else f"{year}-{old}"


def _first_per(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    first: dict[Any, dict[str, Any]] = {}
    for row in rows:
        first.setdefault(row[key], row)
    return list(first.values())


def _age_on(birth: date | None, day: date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def prefill(store: Store, year: int, organisation: str | None = None) -> Prefill:
    """Rows of each template sheet for `year` from the latest HR roster before it (none: empty)."""
    org_filter, org_params = ("AND organisation = ?", [organisation]) if organisation else ("", [])
    base_year = scalar(
        store.con, f"SELECT max(year) FROM servants WHERE source = 'workbook' AND year < ? {org_filter}",
        [year, *org_params])
    result = Prefill(year, base_year)
    if base_year is None:
        return result
    servants = _select(store, "servants", f"source = 'workbook' AND year = ? {org_filter}", [base_year, *org_params],
                       "organisation, person_id")
    servants = _first_per(servants, "person_id")  # a servant on two rosters of the year: one row
    people = [s["person_id"] for s in servants]
    relatives = _select(store, "relatives", "year = ? AND list_contains(?, person_id)", [base_year, people],
                        "person_id, relative_id")
    relatives = _first_per(relatives, "relative_id")
    base = store.frame(
        """SELECT d.*, r.birth_date AS relative_birth_date FROM effective_declarations d
           LEFT JOIN (SELECT DISTINCT ON (relative_id) relative_id, birth_date FROM relatives WHERE year = ?) r
             USING (relative_id)
           WHERE d.source = 'workbook' AND d.year = ? AND list_contains(?, d.person_id)
             AND d.subject IN ('self', 'spouse', 'child')
           ORDER BY d.person_id, d.subject DESC, d.declaration_id""",
        [base_year, base_year, people],
    ).to_dicts()

    taken = {r[0] for r in
             store.con.execute("SELECT declaration_id FROM declarations WHERE year != ?", [year]).fetchall()}

    def unique(number: str) -> str:
        candidate, n = number, 1
        while candidate in taken:
            n += 1
            candidate = f"{number}-{n}"
        taken.add(candidate)
        return candidate

    year_end = date(year, 12, 31)
    renumbered: dict[str, str] = {}
    drafts: list[dict[str, Any]] = []
    covered: set[tuple[str, str]] = set()  # (person, 'self' or relative_id) with a draft

    def draft(number: str, person: str, subject: str, relative_id=None, name=None, birth=None) -> None:
        drafts.append({"declaration_id": number, "person_id": person, "year": year, "subject": subject,
                       "relative_id": relative_id, "subject_name": name, "subject_birth_date": birth,
                       "submitted_on": None, "kind": "original", "corrects": None})
        covered.add((person, relative_id or "self"))

    for d in base:
        birth = d.get("subject_birth_date") or d.get("relative_birth_date")
        if d["subject"] == "child" and (_age_on(birth, year_end) or 0) >= 18:
            continue
        key = (d["person_id"], d.get("relative_id") or ("self" if d["subject"] == "self" else d["declaration_id"]))
        if key in covered:
            continue
        number = unique(new_number(d["declaration_id"], base_year, year))
        renumbered[d["declaration_id"]] = number
        draft(number, d["person_id"], d["subject"], d.get("relative_id"), d.get("subject_name"),
              d.get("subject_birth_date"))
    for s in servants:
        if s.get("must_declare") is not False and (s["person_id"], "self") not in covered:
            draft(unique(f"{year}-{s['person_id']}"), s["person_id"], "self")
    for r in relatives:
        if (r["person_id"], r["relative_id"]) in covered:
            continue
        age = _age_on(r.get("birth_date"), year_end)
        if r["relation"] == "spouse":
            draft(unique(f"{year}-{r['relative_id']}"), r["person_id"], "spouse", r["relative_id"])
        elif r["relation"] in _CHILD_RELATIONS and age is not None and age < 18:
            draft(unique(f"{year}-{r['relative_id']}"), r["person_id"], "child", r["relative_id"])

    result.rows = {"servants": servants, "relatives": relatives, "declarations": drafts}
    for table in CARRIED_SECTIONS:
        rows = _select(store, table, "list_contains(?, declaration_id)", [sorted(renumbered)],
                       "declaration_id, source_row")
        for row in rows:
            row["declaration_id"] = renumbered[row["declaration_id"]]
            for column in CLEARED.get(table, ()):
                row[column] = None
        result.rows[table] = rows
    result.drafts = [d["declaration_id"] for d in drafts]
    return result
