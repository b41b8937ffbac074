"""Declaration history shared by the year-over-year (Д) rules.

Everything here is set-based SQL that builds temporary tables on the run's cursor, once per
run (:meth:`checks.rules.Context.once`):

`chk_decl`
    one effective справка per subject and year (`effective_declarations`: a corrected справка
    replaces the one it corrects; if a subject still has two справки for a year, the latest
    submitted, then the greatest number, is taken), with an integer `did` and the `did` of the
    subject's previous and next справка (`prev_did`, `next_did`): the previous one is the latest
    earlier year that has a справка, not necessarily year − 1; the subject is followed by
    `subject_key` (`relative_id` for the family).
`chk_pairs`
    each справка with a previous one; `pair_id` is the later справка's `did`. With `--year`,
    only the pairs whose later справка is of that year.
`chk_income`, `chk_sales`
    total and main-job income per справка; income rows whose description declares a sale
    (settings `property_sale_words`, `vehicle_sale_words`), per servant (family) and year.
Asset rows and their matching across two справки are the asset-identity layer
(`checks.identity`: one spec per asset kind, `checks.identity.matching`); sales and moves inside
the family that explain a gone or a new object are in `checks.identity.events`.

The same subject across years (checks.md): the servant by `person_id`; a relative by
`relative_id`, else by the folded name and the birth date — never by the order of rows.
"""

from __future__ import annotations

from typing import Any

from checks.rules import Context, sale_pattern
from declarations.text import word_key_sql

SUBJECT_KEY_SQL = f"""CASE WHEN {{d}}.subject = 'self' THEN 'self'
    ELSE coalesce({{d}}.relative_id, 'name:' || coalesce({word_key_sql("coalesce({d}.subject_name, '')")}, {{d}}.subject)
        || '|' || coalesce({{d}}.subject_birth_date::TEXT, '?')) END"""


# --------------------------------------------------------------------------- declarations and pairs

def declarations(ctx: Context) -> str:
    """`chk_decl`: one effective справка per subject and year, with an integer `did` and its neighbours."""
    def build() -> str:
        # checks.md: in public data an empty справка (no income, no assets) says nothing — it is neither a
        # zero income nor a year without the assets; the subject's history skips it
        public = bool(ctx.scalar("SELECT count(*) FROM declarations WHERE source = 'declarator'"))
        ctx.run(f"""
            CREATE OR REPLACE TEMP TABLE chk_public_empty AS
            SELECT declaration_id FROM declarations d
            WHERE {'TRUE' if public else 'FALSE'} AND d.source = 'declarator'
              AND NOT EXISTS (SELECT 1 FROM incomes i WHERE i.declaration_id = d.declaration_id)
              AND NOT EXISTS (SELECT 1 FROM real_estate r WHERE r.declaration_id = d.declaration_id)
              AND NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.declaration_id = d.declaration_id)""")
        ctx.run("""
            CREATE OR REPLACE TEMP TABLE chk_decl AS
            SELECT *, lag(did) OVER w AS prev_did, lead(did) OVER w AS next_did,
                   lag(year) OVER w AS prev_year, lead(year) OVER w AS next_year
            FROM (SELECT row_number() OVER () AS did, declaration_id, person_id, year, subject, relative_id,
                         subject_name, subject_birth_date, submitted_on, kind, corrects, source, subject_key,
                         coalesce(income_unknown, false) AS income_unknown
                  FROM (SELECT e.* REPLACE ({subject_key} AS subject_key),
                               row_number() OVER (PARTITION BY person_id, {subject_key}, year
                                                       ORDER BY submitted_on DESC NULLS LAST, declaration_id DESC) AS rn
                        FROM effective_declarations e
                        WHERE (e.source <> 'declarator' OR e.declaration_id NOT IN (SELECT declaration_id FROM chk_public_empty))
                          -- the reader marks an empty public справка too («сведения удалены…» rows are no objects)
                          AND NOT coalesce(e.nothing_declared, false))
                  WHERE rn = 1)
            WINDOW w AS (PARTITION BY person_id, subject_key ORDER BY year)""".format(
            subject_key=SUBJECT_KEY_SQL.format(d="e")))
        return "chk_decl"
    return ctx.once("chk_decl", build)


def relatives(ctx: Context) -> str:
    """Latest roster entry of every relative (name, relation, birth date)."""
    def build() -> str:
        ctx.run("""
            CREATE OR REPLACE TEMP TABLE chk_rel AS
            SELECT person_id, relative_id,
                   arg_max(full_name, year) AS full_name,
                   arg_max(relation, year) AS relation,
                   arg_max(birth_date, year) FILTER (WHERE birth_date IS NOT NULL) AS birth_date
            FROM relatives GROUP BY person_id, relative_id""")
        return "chk_rel"
    return ctx.once("chk_rel", build)


def pairs(ctx: Context) -> str:
    """`chk_pairs`: every справка with a previous one; `pair_id` is the later справка's `did`."""
    def build() -> str:
        declarations(ctx)
        relatives(ctx)
        ctx.run(f"""
            CREATE OR REPLACE TEMP TABLE chk_pairs AS
            SELECT c.did AS pair_id, c.person_id, c.subject_key, c.subject, c.relative_id,
                   coalesce(c.subject_name, r.full_name) AS subject_name,
                   c.declaration_id AS cur_id, c.year AS cur_year, c.source AS cur_source, c.kind AS cur_kind,
                   p.did AS prev_did, p.declaration_id AS prev_id, p.year AS prev_year, p.source AS prev_source,
                   p.kind AS prev_kind,
                   make_date(p.year, 12, 31) AS prev_end, make_date(c.year, 12, 31) AS cur_end,
                   range(p.year + 1, c.year)::INTEGER[] AS gap_years
            FROM chk_decl c JOIN chk_decl p ON p.did = c.prev_did
            LEFT JOIN chk_rel r ON r.person_id = c.person_id AND r.relative_id = c.relative_id
            WHERE {ctx.year_is('c.year')}""")
        return "chk_pairs"
    return ctx.once("chk_pairs", build)


def income_totals(ctx: Context) -> str:
    """Total income, main-job income and number of income rows of every справка of `chk_decl`."""
    def build() -> str:
        declarations(ctx)
        ctx.run("""
            CREATE OR REPLACE TEMP TABLE chk_income AS
            SELECT d.did, d.declaration_id, d.person_id, d.year, d.subject, d.source,
                   -- an income the справка leaves unknown is NULL, not zero: no comparison flags it
                   CASE WHEN d.income_unknown THEN NULL ELSE coalesce(i.total, 0) END AS income_total,
                   CASE WHEN d.income_unknown THEN NULL ELSE coalesce(i.main_job, 0) END AS main_job,
                   coalesce(i.rows, 0) AS income_rows
            FROM chk_decl d
            LEFT JOIN (SELECT declaration_id, sum(amount) AS total, count(*) AS rows,
                              sum(amount) FILTER (WHERE income_type = 'main_job') AS main_job
                       FROM incomes GROUP BY declaration_id) i USING (declaration_id)""")
        return "chk_income"
    return ctx.once("chk_income", build)


def sales(ctx: Context) -> str:
    """Income rows that declare a sale, with the subject, servant (family) and year they belong to.

    A sale is of real estate when its description names real estate (setting
    `property_object_words`) or names nothing of either kind; of a vehicle likewise
    (`vehicle_object_words`): «продажа автомобиля» explains a gone car, not a gone flat
    (checks.md: "a sale of that kind of asset"); «доход от продажи имущества» may explain either.
    """
    def build() -> str:
        declarations(ctx)
        words = ctx.settings.checks
        prop = sale_pattern(words.property_sale_words)
        veh = sale_pattern(words.vehicle_sale_words)
        prop_obj = sale_pattern(words.property_object_words)
        veh_obj = sale_pattern(words.vehicle_object_words)
        ctx.run("""
            CREATE OR REPLACE TEMP TABLE chk_sales AS
            SELECT * EXCLUDE (names_property, names_vehicle) REPLACE (
                       property_sale AND (names_property OR NOT names_vehicle) AS property_sale,
                       vehicle_sale AND (names_vehicle OR NOT names_property) AS vehicle_sale)
            FROM (
                SELECT d.did, d.person_id, d.year, d.declaration_id, d.subject, d.subject_key,
                       i.income_type, i.description, i.amount, i.source_row,
                       regexp_matches(replace(lower(i.description), 'ё', 'е'), ?) AS property_sale,
                       regexp_matches(replace(lower(i.description), 'ё', 'е'), ?) AS vehicle_sale,
                       regexp_matches(replace(lower(i.description), 'ё', 'е'), ?) AS names_property,
                       regexp_matches(replace(lower(i.description), 'ё', 'е'), ?) AS names_vehicle
                -- public data keeps what the income cell says in remark (published, so not private)
                FROM (SELECT * REPLACE (coalesce(description, remark) AS description) FROM incomes) i
                JOIN chk_decl d USING (declaration_id)
                WHERE i.description IS NOT NULL)
            WHERE property_sale OR vehicle_sale""", [prop, veh, prop_obj, veh_obj])
        return "chk_sales"
    return ctx.once("chk_sales", build)


# --------------------------------------------------------------------------- evidence of a pair

PAIR_SELECT = ("pr.pair_id, pr.person_id, pr.subject_key, pr.subject, pr.subject_name, pr.prev_id, pr.prev_year, "
               "pr.prev_kind, pr.prev_source, pr.cur_id, pr.cur_year, pr.cur_kind, pr.cur_source, pr.gap_years")


def pair_evidence(row: dict[str, Any], kind: str | None = None) -> dict[str, Any]:
    """Both справки of a pair side by side; asset rows go into previous.row / current.row."""
    evidence: dict[str, Any] = {
        "subject": row["subject"], "subject_key": row["subject_key"], "subject_name": row.get("subject_name"),
        "previous": {"declaration_id": row["prev_id"], "year": row["prev_year"], "kind": row.get("prev_kind")},
        "current": {"declaration_id": row["cur_id"], "year": row["cur_year"], "kind": row.get("cur_kind")},
        "years_without_declaration": list(row.get("gap_years") or []),
    }
    if kind is not None:
        evidence["asset"] = kind
        evidence["previous"]["row"] = _clean_row(row.get("prev_row"))
        evidence["current"]["row"] = _clean_row(row.get("cur_row"))
    return evidence


def _clean_row(row: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if row is None else {k: v for k, v in row.items() if v is not None}


def pair_identity(row: dict[str, Any], key: str) -> str:
    """What a year-over-year finding is about: the subject, the earlier year and the object."""
    return f"{row['subject_key']}|{row['prev_year']}|{key}"


def gap_note(row: dict[str, Any]) -> str:
    gaps = list(row.get("gap_years") or [])
    if not gaps:
        return ""
    from declarations.russian import years_ru
    return f" (справки за {years_ru(gaps)} нет, сравнение со справкой за {row['prev_year']} год)"
