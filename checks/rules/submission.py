"""С — сроки и полнота: missing справки, late submissions and corrections, adult «children».

Only HR workbook data is judged here (`source = 'workbook'`): public Declarator data has
no roster, no relatives and no submission dates.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from checks.flags import Flag
from checks.history import SUBJECT_KEY_SQL, declarations, relatives
from checks.rules import Context, Rule, date_ru, relation_ru, rule, subject_ru

def roster(ctx: Context) -> str:
    """`chk_roster`: one row per servant and year of the HR rosters (a servant in two rosters: must declare
    if either says so)."""
    def build() -> str:
        ctx.run(f"""
            CREATE OR REPLACE TEMP TABLE chk_roster AS
            SELECT person_id, year, arg_max(full_name, must_declare) AS full_name,
                   arg_max(organisation, must_declare) AS organisation,
                   arg_max(position, must_declare) AS position, bool_or(must_declare) AS must_declare
            FROM servants WHERE source = 'workbook' AND {ctx.year_is('year')} GROUP BY person_id, year""")
        return "chk_roster"
    return ctx.once("chk_roster", build)


def _servant(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("person_id", "full_name", "organisation", "position", "must_declare") if k in row}


def _year_declarations(ctx: Context, keys: pl.DataFrame) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Evidence: the effective справки of the flagged servants' years (flagged rows only)."""
    if keys.is_empty():
        return {}
    with ctx.keys("chk_keys", person_id=keys.get_column("person_id").to_list(),
                  year=keys.get_column("year").to_list()):
        found = ctx.rows("""
            SELECT d.person_id, d.year, d.declaration_id, d.subject, d.relative_id, d.kind, d.submitted_on
            FROM chk_decl d JOIN chk_keys k ON k.person_id = d.person_id AND k.year = d.year
            ORDER BY d.subject, d.declaration_id""")
    out: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in found:
        out.setdefault((row.pop("person_id"), row.pop("year")), []).append(row)
    return out


def _describe_missing(evidence: dict[str, Any]) -> str:
    found = evidence.get("declarations_of_year") or []
    listed = "; ".join(f"{d['declaration_id']} ({subject_ru(d['subject'], lower=True)})" for d in found) or "нет"
    return f"{evidence['year']}: справки о себе нет; справки за год: {listed}"


@rule("MISSING_DECLARATION")
def missing_declaration(ctx: Context, self: Rule) -> list[Flag]:
    declarations(ctx)
    found = ctx.frame(f"""
        SELECT r.* FROM {roster(ctx)} r
        WHERE r.must_declare AND {ctx.year_is('r.year')}
          AND NOT EXISTS (SELECT 1 FROM chk_decl d
                          WHERE d.person_id = r.person_id AND d.year = r.year AND d.subject = 'self')
        ORDER BY r.person_id, r.year""")
    others = _year_declarations(ctx, found)
    return [
        self.flag(person_id=row["person_id"], year=row["year"], identity="self",
                  evidence={"servant": _servant(row), "year": row["year"],
                            "declarations_of_year": others.get((row["person_id"], row["year"]), [])},
                  position=row["position"])
        for row in found.to_dicts()
    ]


_CHILD_RELATIONS = ("son", "daughter", "adopted_child")


def _describe_missing_family(evidence: dict[str, Any]) -> str:
    relative = evidence["relative"]
    age = f", {relative['age_on_31_december']} лет на 31.12.{evidence['year']}" if "age_on_31_december" in relative else ""
    found = evidence.get("declarations_of_year") or []
    listed = "; ".join(f"{d['declaration_id']} ({subject_ru(d['subject'], lower=True)}"
                       + (f", код {d['relative_id']})" if d.get("relative_id") else ")") for d in found) or "нет"
    return (f"{evidence['year']}: {relation_ru(relative['relation'])} {relative['full_name']} "
            f"(код {relative['relative_id']}{age}) — справки нет; справки за год: {listed}")


@rule("MISSING_FAMILY_DECLARATION")
def missing_family_declaration(ctx: Context, self: Rule) -> list[Flag]:
    declarations(ctx)
    found = ctx.frame(f"""
        SELECT rel.person_id, rel.year, rel.relative_id, rel.relation, rel.full_name, rel.birth_date,
               CASE WHEN rel.birth_date IS NULL THEN NULL ELSE rel.year - year(rel.birth_date) END AS age,
               r.full_name AS servant_name, r.organisation, r.position, r.must_declare
        FROM relatives rel JOIN {roster(ctx)} r USING (person_id, year)
        WHERE r.must_declare AND {ctx.year_is('rel.year')}
          AND (rel.relation = 'spouse'
               OR (list_contains($children, rel.relation) AND rel.birth_date IS NOT NULL
                   AND rel.birth_date <= make_date(rel.year, 12, 31) AND rel.year - year(rel.birth_date) < $adult))
          AND NOT EXISTS (SELECT 1 FROM chk_decl d WHERE d.person_id = rel.person_id AND d.year = rel.year
                                                    AND d.relative_id = rel.relative_id)
        ORDER BY rel.person_id, rel.year, rel.relative_id""",
        {"children": list(_CHILD_RELATIONS), "adult": ctx.settings.checks.adult_age})
    others = _year_declarations(ctx, found)
    flags = []
    for row in found.to_dicts():
        relative = {"relative_id": row["relative_id"], "relation": row["relation"], "full_name": row["full_name"],
                    "birth_date": row["birth_date"]}
        if row["age"] is not None:
            relative["age_on_31_december"] = row["age"]
        servant = {"person_id": row["person_id"], "full_name": row["servant_name"],
                   "organisation": row["organisation"], "position": row["position"]}
        flags.append(self.flag(
            person_id=row["person_id"], year=row["year"], identity=f"relative:{row['relative_id']}",
            evidence={"servant": servant, "year": row["year"], "relative": {k: v for k, v in relative.items() if v is not None},
                      "declarations_of_year": others.get((row["person_id"], row["year"]), [])},
            relation=relation_ru(row["relation"]), name=row["full_name"]))
    return flags


def _deadlines(ctx: Context, table: str, kind: str) -> None:
    """chk_deadlines(year, deadline, correction_deadline) for the years of the workbook справки."""
    years = [y for (y,) in ctx.con.execute(
        f"SELECT DISTINCT year FROM {table} WHERE source = 'workbook' AND kind = ?", [kind]).fetchall()]
    grace = ctx.settings.checks.correction_grace_months
    rows = []
    for year in years:
        deadline = ctx.filing_deadline(year)
        rows.append({"year": year, "deadline": deadline, "correction_deadline": add_months(deadline, grace)})
    frame = pl.DataFrame(rows, schema={"year": pl.Int64, "deadline": pl.Date, "correction_deadline": pl.Date})
    ctx.register("chk_deadlines", frame)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def _submission_evidence(row: dict[str, Any]) -> dict[str, Any]:
    declaration = {k: row[k] for k in ("declaration_id", "year", "subject", "relative_id", "subject_name", "kind",
                                       "corrects", "submitted_on", "source_row") if row.get(k) is not None}
    return {"declaration": declaration, "deadline": row["deadline"], "days_late": row["days_late"]}


def _describe_late(evidence: dict[str, Any]) -> str:
    d = evidence["declaration"]
    text = (f"справка {d['declaration_id']} за {d['year']} ({subject_ru(d['subject'], d.get('subject_name'))}) "
            f"представлена {date_ru(d['submitted_on'])}, срок {date_ru(evidence['deadline'])}")
    if "correction_deadline" in evidence:
        text += (f", уточненную можно было представить до {date_ru(evidence['correction_deadline'])} "
                 f"(уточняет {d.get('corrects') or '—'})")
    return text + f"; опоздание {evidence['days_late']} дн."


LATE_SQL = """
    SELECT d.declaration_id, d.person_id, d.year, d.subject, d.relative_id, d.subject_name, d.kind, d.corrects,
           d.submitted_on, d.source_row, {subject_key} AS subject_key, coalesce(d.subject_name, r.full_name) AS name,
           l.deadline, l.correction_deadline,
           date_diff('day', {limit}, d.submitted_on) AS days_late
    FROM declarations d JOIN chk_deadlines l USING (year)
    LEFT JOIN chk_rel r ON r.person_id = d.person_id AND r.relative_id = d.relative_id
    WHERE d.source = 'workbook' AND d.kind = $kind AND d.submitted_on > {limit} AND {year}
    ORDER BY d.person_id, d.year, subject_key, d.declaration_id"""


def _describe_late_group(evidence: dict[str, Any]) -> str:
    parts = [f"{subject_ru(d['subject'], d.get('subject_name'))}: справка {d['declaration_id']} представлена "
             f"{date_ru(d['submitted_on'])} (опоздание {d['days_late']} дн.)" for d in evidence["declarations"]]
    return f"срок {date_ru(evidence['deadline'])}; " + "; ".join(parts)


@rule("LATE_SUBMISSION")
def late_submission(ctx: Context, self: Rule) -> list[Flag]:
    """One finding per servant and year: every original справка of the family submitted late is listed."""
    relatives(ctx)
    _deadlines(ctx, "declarations", "original")
    found = ctx.rows(LATE_SQL.format(subject_key=SUBJECT_KEY_SQL.format(d="d"), limit="l.deadline",
                                     year=ctx.year_is("d.year")), {"kind": "original"})
    ctx.con.unregister("chk_deadlines")
    groups: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in found:
        groups.setdefault((row["person_id"], row["year"]), []).append(row)
    flags = []
    for (person_id, year), rows in groups.items():
        rows.sort(key=lambda r: (r["subject"] != "self", r["subject"] != "spouse", r["subject_key"], r["declaration_id"]))
        late = []
        for row in rows:
            entry = {k: row[k] for k in ("declaration_id", "subject", "relative_id", "subject_name", "submitted_on",
                                         "days_late", "source_row") if row.get(k) is not None}
            if row.get("name") and "subject_name" not in entry:
                entry["subject_name"] = row["name"]
            late.append(entry)
        dates = sorted({r["submitted_on"] for r in rows})
        summary = ", ".join(subject_ru(r["subject"], r["name"], lower=True) for r in rows)
        summary += f" — {', '.join(date_ru(d) for d in dates)} (до {max(r['days_late'] for r in rows)} дн.)"
        flags.append(self.flag(
            person_id=person_id, year=year, identity="original",
            evidence={"year": year, "deadline": rows[0]["deadline"], "declarations": late,
                      "days_late": max(r["days_late"] for r in rows)},
            deadline=date_ru(rows[0]["deadline"]), late=summary))
    return flags


@rule("LATE_CORRECTION")
def late_correction(ctx: Context, self: Rule) -> list[Flag]:
    relatives(ctx)
    _deadlines(ctx, "declarations", "corrected")
    found = ctx.rows(LATE_SQL.format(subject_key=SUBJECT_KEY_SQL.format(d="d"), limit="l.correction_deadline",
                                     year=ctx.year_is("d.year")), {"kind": "corrected"})
    ctx.con.unregister("chk_deadlines")
    grace = ctx.settings.checks.correction_grace_months
    flags = []
    for row in found:
        evidence = _submission_evidence(row)
        evidence["correction_deadline"] = row["correction_deadline"]
        evidence["grace_months"] = grace
        flags.append(self.flag(
            person_id=row["person_id"], year=row["year"], identity=f"{row['subject_key']}|{row['declaration_id']}",
            evidence=evidence, subject=subject_ru(row["subject"], row["name"]),
            submitted=date_ru(row["submitted_on"]), limit=date_ru(row["correction_deadline"]),
            deadline=date_ru(row["deadline"]), grace=grace))
    return flags


def _describe_child(evidence: dict[str, Any]) -> str:
    d = evidence["declaration"]
    return (f"справка {d['declaration_id']} за {d['year']}: {evidence['name'] or 'ребенок'}, дата рождения "
            f"{date_ru(evidence['birth_date'])} ({evidence['birth_date_from']}), на 31.12.{d['year']} — "
            f"{evidence['age_on_31_december']} лет")


@rule("CHILD_NOT_MINOR")
def child_not_minor(ctx: Context, self: Rule) -> list[Flag]:
    declarations(ctx)
    relatives(ctx)
    adult = ctx.settings.checks.adult_age
    found = ctx.rows(f"""
        SELECT * FROM (
            SELECT d.declaration_id, d.person_id, d.year, d.subject, d.relative_id, d.kind, d.corrects,
                   d.submitted_on, d.subject_key, coalesce(d.subject_name, r.full_name) AS name,
                   coalesce(d.subject_birth_date, r.birth_date) AS birth_date,
                   CASE WHEN d.subject_birth_date IS NOT NULL THEN 'справка' ELSE 'анкета (родственники)' END
                       AS birth_date_from
            FROM chk_decl d LEFT JOIN chk_rel r ON r.person_id = d.person_id AND r.relative_id = d.relative_id
            WHERE d.subject = 'child' AND d.source = 'workbook' AND {ctx.year_is('d.year')})
        WHERE birth_date IS NOT NULL AND year - year(birth_date) >= $adult
        ORDER BY person_id, year, subject_key""", {"adult": adult})
    flags = []
    for row in found:
        age = row["year"] - row["birth_date"].year
        declaration = {k: row[k] for k in ("declaration_id", "year", "subject", "relative_id", "kind", "corrects",
                                           "submitted_on") if row.get(k) is not None}
        flags.append(self.flag(
            person_id=row["person_id"], year=row["year"], identity=row["subject_key"],
            evidence={"declaration": declaration, "name": row["name"], "birth_date": row["birth_date"],
                      "birth_date_from": row["birth_date_from"], "age_on_31_december": age, "adult_age": adult},
            name=row["name"] or row["relative_id"] or "ребенок", age=age))
    return flags
