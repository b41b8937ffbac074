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
`chk_<asset>`, `chk_<asset>_match`
    the working columns of owned real estate, vehicles and accounts (normalised keys computed
    once per distinct source value), and a one-to-one matching of the rows of the previous and
    the current справка of every pair. A row is on the current side of pair `did` and on the
    previous side of pair `next_did`, so no row is copied per pair; evidence fields are read
    back from the source table by rowid for the flagged rows only.

Matching (checks.md): identifiers first (cadastral number, registration plate, account number),
then attributes (type, area within the tolerance, share, country; make, model, year made; bank,
account type, currency). Two rows whose identifiers are both given and differ are never the
same object. Real estate has a third stage — the same type, area and country with another
share — so that `PROPERTY_SHARE_CHANGED` can see a share change of an object without a
cadastral number. Within a stage the matching is greedy over a strict order (fewest unknown
attributes, smallest difference, then the source rows and row ids): a candidate that is the
only one of both its rows is taken at once, rows with all attributes equal are paired in the
order of their source rows (no every-to-every candidates for a hundred identical parking
places), the others in rounds of "each other's best" — each of these is exactly what the global
greedy matching does. Candidates only pair rows of the same two справки with
the same key, every step is a hash join, aggregate or window over whole tables: no quadratic
step, no Python loop over rows.
"""

from __future__ import annotations

from typing import Any

from checks.rules import Context, sale_pattern

SUBJECT_KEY_SQL = """CASE WHEN {d}.subject = 'self' THEN 'self'
    ELSE coalesce({d}.relative_id, 'name:' || lower(trim(coalesce({d}.subject_name, {d}.subject)))) END"""


def fold_sql(expr: str) -> str:
    """Lower case, `ё` → `е`, punctuation to single spaces (SQL)."""
    return (f"nullif(trim(regexp_replace(replace(lower({expr}), 'ё', 'е'), '[^0-9a-zа-я]+', ' ', 'g')), '')")


# --------------------------------------------------------------------------- declarations and pairs

def declarations(ctx: Context) -> str:
    """`chk_decl`: one effective справка per subject and year, with an integer `did` and its neighbours."""
    def build() -> str:
        ctx.run("""
            CREATE OR REPLACE TEMP TABLE chk_decl AS
            SELECT *, lag(did) OVER w AS prev_did, lead(did) OVER w AS next_did,
                   lag(year) OVER w AS prev_year, lead(year) OVER w AS next_year
            FROM (SELECT row_number() OVER () AS did, declaration_id, person_id, year, subject, relative_id,
                         subject_name, subject_birth_date, submitted_on, kind, corrects, source, subject_key,
                         coalesce(income_unknown, false) AS income_unknown
                  FROM (SELECT e.*, row_number() OVER (PARTITION BY person_id, subject_key, year
                                                       ORDER BY submitted_on DESC NULLS LAST, declaration_id DESC) AS rn
                        FROM effective_declarations e
                        -- an empty public справка says nothing: the year is skipped like a missing one
                        WHERE NOT coalesce(e.nothing_declared, false))
                  WHERE rn = 1)
            WINDOW w AS (PARTITION BY person_id, subject_key ORDER BY year)""")
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
    """Income rows that declare a sale, with the servant (family) and year they belong to."""
    def build() -> str:
        declarations(ctx)
        prop = sale_pattern(ctx.option("property_sale_words"))
        veh = sale_pattern(ctx.option("vehicle_sale_words"))
        ctx.run("""
            CREATE OR REPLACE TEMP TABLE chk_sales AS
            SELECT * FROM (
                SELECT d.person_id, d.year, d.declaration_id, d.subject, d.subject_key,
                       i.income_type, i.description, i.amount, i.source_row,
                       regexp_matches(replace(lower(i.description), 'ё', 'е'), ?) AS property_sale,
                       regexp_matches(replace(lower(i.description), 'ё', 'е'), ?) AS vehicle_sale
                -- public data keeps what the income cell says in remark (published, so not private)
                FROM (SELECT * REPLACE (coalesce(description, remark) AS description) FROM incomes) i
                JOIN chk_decl d USING (declaration_id)
                WHERE i.description IS NOT NULL)
            WHERE property_sale OR vehicle_sale""", [prop, veh])
        return "chk_sales"
    return ctx.once("chk_sales", build)


# --------------------------------------------------------------------------- assets

# Per kind: the source table and filter, the evidence fields (read back from the source table
# for flagged rows only, by rowid), the per-row identifier, normalised keys computed once per
# distinct source value (lookups), the kept working columns, the blocking keys and conditions of
# the attribute stages, the cost, and the asset key that names the object in a flag's identity.
ASSETS: dict[str, dict[str, Any]] = {
    "real_estate": {
        "table": "real_estate",
        "where": "a.holding = 'owned'",
        "fields": ("object_type", "object_type_raw", "ownership", "share", "area", "country", "address",
                   "cadastral_number", "acquired_on", "basis", "source_row"),
        "ident": "nullif(upper(replace(trim(a.cadastral_number), ' ', '')), '')",
        "lookups": (
            (("ownership", "share"), {"share_key": """CASE
                WHEN regexp_full_match(coalesce(a.share, ''), '\\s*[0-9]+\\s*/\\s*[0-9]+\\s*')
                     AND trim(split_part(a.share, '/', 2))::BIGINT > 0 AND trim(split_part(a.share, '/', 1))::BIGINT > 0 THEN
                    (trim(split_part(a.share, '/', 1))::BIGINT
                        // gcd(trim(split_part(a.share, '/', 1))::BIGINT, trim(split_part(a.share, '/', 2))::BIGINT))::TEXT
                    || '/' ||
                    (trim(split_part(a.share, '/', 2))::BIGINT
                        // gcd(trim(split_part(a.share, '/', 1))::BIGINT, trim(split_part(a.share, '/', 2))::BIGINT))::TEXT
                WHEN a.ownership = 'individual' THEN '1/1'
                WHEN a.ownership = 'joint' THEN 'joint'
                ELSE NULL END"""}),
            (("country",), {"country_key": """CASE WHEN a.country IS NULL OR lower(trim(a.country)) IN
                ('россия', 'российская федерация', 'рф', 'russia', 'russian federation')
                THEN 'россия' ELSE lower(trim(a.country)) END"""}),
            (("object_type", "object_type_raw"), {"type_key": "coalesce(lower(trim(a.object_type_raw)), a.object_type)"}),
        ),
        "keep": ("area", "acquired_on", "basis", "source_row"),
        "compare": ("area", "share_key", "acquired_on"),
        "key": """CASE WHEN {a}.ident IS NOT NULL THEN 'cad:' || {a}.ident
                  ELSE 'attr:' || {a}.type_key || '|' || coalesce(round({a}.area, 1)::TEXT, '?') || '|'
                       || coalesce({a}.share_key, '?') || '|' || {a}.country_key END""",
        "key_noshare": """CASE WHEN {a}.ident IS NOT NULL THEN 'cad:' || {a}.ident
                  ELSE 'attr:' || {a}.type_key || '|' || coalesce(round({a}.area, 1)::TEXT, '?') || '|'
                       || {a}.country_key END""",
        "block": ("type_key", "country_key"),
        "exact": ("type_key", "country_key", "area", "share_key"),
        "stages": {
            # attributes: same type and country (block), area within tolerance, same share (unknown fits)
            2: ("{area_ok} AND (p.share_key IS NULL OR c.share_key IS NULL OR p.share_key = c.share_key)",
                "(p.share_key IS NULL OR c.share_key IS NULL)::INT + (p.area IS NULL OR c.area IS NULL)::INT"),
            # the same object with another share (for PROPERTY_SHARE_CHANGED)
            3: ("{area_ok} AND p.share_key <> c.share_key", "(p.area IS NULL OR c.area IS NULL)::INT"),
        },
        "cost": "coalesce(abs(p.area - c.area) / greatest(p.area, c.area), 0)",
    },
    "vehicle": {
        "table": "vehicles",
        "where": "TRUE",
        "fields": ("vehicle_type", "make", "model", "year_made", "registration", "acquired_on", "source_row"),
        "ident": ("CASE WHEN a.registration IS NULL THEN NULL ELSE "
                  "nullif(regexp_replace(translate(upper(a.registration), 'ABEKMHOPCTYX', 'АВЕКМНОРСТУХ'), "
                  "'[^0-9А-ЯЁ]', '', 'g'), '') END"),
        "lookups": (
            (("make", "model"), {"make_key": fold_sql("a.make"), "model_key": fold_sql("a.model"),
                                 "full_key": fold_sql("concat_ws(' ', a.make, a.model)")}),
        ),
        "keep": ("year_made", "acquired_on", "source_row"),
        "key": """CASE WHEN {a}.ident IS NOT NULL THEN 'reg:' || {a}.ident
                  ELSE 'attr:' || coalesce({a}.full_key, '') || '|' || coalesce({a}.year_made::TEXT, '?') END""",
        "block": ("full_key",),
        "exact": ("full_key", "year_made"),
        "stages": {
            2: ("(p.year_made IS NULL OR c.year_made IS NULL OR p.year_made = c.year_made)",
                "(p.year_made IS NULL OR c.year_made IS NULL)::INT"),
        },
        # make and model written apart in one справка and together in the other
        "extra_block": ("make_key",),
        "extra_stage": ("(p.model_key IS NULL OR c.model_key IS NULL) "
                        "AND (p.year_made IS NULL OR c.year_made IS NULL OR p.year_made = c.year_made)",
                        "1 + (p.year_made IS NULL OR c.year_made IS NULL)::INT"),
        "cost": "0",
    },
    "account": {
        "table": "accounts",
        "where": "TRUE",
        "fields": ("bank", "account_number", "account_type", "currency", "opened_on", "balance", "source_row"),
        "ident": ("CASE WHEN a.account_number IS NULL THEN NULL "
                  "WHEN regexp_full_match(a.account_number, '[0-9]+') THEN a.account_number "
                  "ELSE nullif(regexp_replace(a.account_number, '[^0-9]', '', 'g'), '') END"),
        "lookups": (
            (("bank",), {"bank_key": ("trim(regexp_replace(' ' || coalesce(" + fold_sql("a.bank") + ", '') || ' ', "
                                      "' (пао|ао|оао|зао|ооо|нко|акб|кб|ак|банк|bank) ', ' ', 'g'))")}),
            (("account_type",), {"type_key": fold_sql("a.account_type")}),
            (("currency",), {"currency_key": "CASE WHEN upper(coalesce(a.currency, 'RUB')) IN ('RUB', 'RUR') THEN 'RUB' "
                                             "ELSE upper(a.currency) END"}),
        ),
        "keep": ("opened_on", "balance", "source_row"),
        "compare": ("opened_on",),
        "key": """CASE WHEN {a}.ident IS NOT NULL THEN 'acc:' || {a}.ident
                  ELSE 'attr:' || {a}.bank_key || '|' || coalesce({a}.type_key, '?') || '|' || {a}.currency_key || '|'
                       || coalesce({a}.opened_on::TEXT, '?') END""",
        "block": ("bank_key", "currency_key"),
        "exact": ("bank_key", "currency_key", "type_key", "opened_on"),
        "stages": {
            2: ("(p.type_key IS NULL OR c.type_key IS NULL OR p.type_key = c.type_key)",
                "(p.type_key IS NULL OR c.type_key IS NULL)::INT"),
        },
        "cost": "coalesce(abs(date_diff('day', p.opened_on, c.opened_on)), 100000)",
        "sources": "workbook",  # Declarator data carries no accounts: pairs of two workbook справки only
    },
}

def asset_key(kind: str, alias: str, noshare: bool = False) -> str:
    """SQL naming the object of an asset row in a flag's identity (identifier, else its attributes)."""
    spec = ASSETS[kind]
    return spec["key_noshare" if noshare else "key"].format(a=alias)


def assets(ctx: Context, kind: str) -> str:
    """`chk_<kind>`: the working columns of that asset in every справка of chk_decl, normalised keys included.

    `did` is the справка; the row is on the current side of pair `did` (when `prev_did` is set) and
    on the previous side of pair `next_did` (when set): no row is copied per pair.
    """
    def build() -> str:
        declarations(ctx)
        spec = ASSETS[kind]
        joins, columns = [], []
        for number, (sources, outputs) in enumerate(spec["lookups"]):
            lookup = f"chk_{kind}_lk{number}"
            source_list = ", ".join(f"a.{c}" for c in sources)
            made = ", ".join(f"{sql} AS {name}" for name, sql in outputs.items())
            ctx.run(f"CREATE OR REPLACE TEMP TABLE {lookup} AS SELECT {source_list}, {made} "
                    f"FROM (SELECT DISTINCT {', '.join(sources)} FROM {spec['table']} a WHERE {spec['where']}) a")
            condition = " AND ".join(f"l{number}.{c} IS NOT DISTINCT FROM a.{c}" for c in sources)
            joins.append(f"LEFT JOIN {lookup} l{number} ON {condition}")
            columns += [f"l{number}.{name}" for name in outputs]
        keep = ", ".join(f"a.{c}" for c in spec["keep"])
        table = f"chk_{kind}"
        ctx.run(f"""
            CREATE OR REPLACE TEMP TABLE {table} AS
            SELECT a.rowid AS rid, d.did, d.prev_did, d.next_did, d.person_id, d.year, d.source,
                   {spec['ident']} AS ident, {keep}, {', '.join(columns)}
            FROM {spec['table']} a JOIN chk_decl d USING (declaration_id) {' '.join(joins)}
            WHERE {spec['where']}""")
        for number in range(len(spec["lookups"])):
            ctx.run(f"DROP TABLE chk_{kind}_lk{number}")
        return table
    return ctx.once(f"assets:{kind}", build)


def row_struct(kind: str, alias: str) -> str:
    """SQL struct of a source row's evidence fields (NULL when absent); `alias` is the source table."""
    fields = ASSETS[kind]["fields"]
    inner = ", ".join(f"'{f}': {alias}.{f}" for f in fields)
    return f"CASE WHEN {alias}.rowid IS NULL THEN NULL ELSE {{{inner}}} END"


def rows_of(ctx: Context, kind: str, declaration_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Evidence: every row of that asset in the given справки (flagged rows' other side only)."""
    spec = ASSETS[kind]
    out: dict[str, list[dict[str, Any]]] = {}
    if not declaration_ids:
        return out
    with ctx.keys("chk_keys", declaration_id=declaration_ids):
        found = ctx.rows(f"""SELECT a.declaration_id, {row_struct(kind, 'a')} AS row
                             FROM {spec['table']} a JOIN chk_keys k USING (declaration_id)
                             WHERE {spec['where']} ORDER BY a.declaration_id, a.source_row""")
    for item in found:
        out.setdefault(item["declaration_id"], []).append(_clean_row(item["row"]))
    return out


def add_other_side(ctx: Context, kind: str, flags_rows: list[tuple[dict[str, Any], dict[str, Any]]], side: str) -> None:
    """Put the list of the asset's rows of the other справка (`side`: previous or current) into each
    evidence, so that a gone or new object is seen against everything the other справка declared."""
    column = "prev_id" if side == "previous" else "cur_id"
    rows = rows_of(ctx, kind, [row[column] for row, _ in flags_rows])
    for row, evidence in flags_rows:
        evidence[side]["rows"] = rows.get(row[column], [])


def source_join(kind: str, alias: str, rid: str) -> str:
    """Join the source table of the asset by rowid (evidence fields of flagged rows)."""
    return f"JOIN {ASSETS[kind]['table']} {alias} ON {alias}.rowid = {rid}"


def _pair_scope(ctx: Context, kind: str, cur: str = "c", prev: str = "p") -> str:
    """Conditions on the two rows of a candidate: the pair is in this run, and of the right sources."""
    conditions = []
    if ctx.year is not None:
        conditions.append(f"{cur}.year = {ctx.year}")
    if ASSETS[kind].get("sources"):
        conditions.append(f"{prev}.source = '{ASSETS[kind]['sources']}' AND {cur}.source = '{ASSETS[kind]['sources']}'")
    return " AND ".join(conditions) or "TRUE"


def matching(ctx: Context, kind: str) -> str:
    """`chk_<kind>_match`: a one-to-one matching of the previous and current rows within every pair.

    Columns: pair_id, prev_rid, cur_rid, stage (1 identifier, 2 attributes, 3 attributes except
    share) and, for the rules, `p_<col>` / `c_<col>` of both rows (the kind's `compare` columns).
    Stage by stage, among the rows still unmatched: a candidate that is the only one of both its
    rows is taken at once (which is what the greedy matching does with it); the others go through
    :func:`greedy_match`. Identifier candidates are single unless an identifier repeats within one
    справка, which a small aggregate finds.
    """
    def build() -> str:
        pairs(ctx)
        table = assets(ctx, kind)
        spec = ASSETS[kind]
        tol = float(ctx.option("area_tolerance_pct")) / 100.0
        area_ok = f"(p.area IS NULL OR c.area IS NULL OR abs(p.area - c.area) <= {tol} * greatest(p.area, c.area))"
        scope = _pair_scope(ctx, kind)
        compare = spec.get("compare", ())
        carried = [f"{side}_{col}" for side in ("p", "c") for col in compare]
        out_columns = ", ".join(["pair_id", "prev_rid", "cur_rid", "stage", *carried])
        out = f"chk_{kind}_match"
        prev_rows, cur_rows, dups = f"chk_{kind}_open_prev", f"chk_{kind}_open_cur", f"chk_{kind}_dups"
        candidates = f"chk_{kind}_cand"
        select = ("SELECT c.did AS pair_id, p.rid AS prev_rid, c.rid AS cur_rid, {stage} AS stage, {wild} AS wild, "
                  f"{spec['cost']} AS cost, p.source_row AS prev_row, c.source_row AS cur_row"
                  + "".join(f", {side}.{col} AS {side}_{col}" for side in ("p", "c") for col in compare)
                  + "{extra} FROM {prev} p JOIN {cur} c ON c.did = p.next_did ")

        def attribute_parts(stage: int, wild: str, block: tuple[str, ...], condition: str) -> list[str]:
            # two rows whose identifiers are both given and differ are never the same object:
            # attribute candidates pair a row without identifier with any row (two joins, no filter after)
            on = " ".join(f"AND c.{k} = p.{k}" for k in block)
            made = select.format(stage=stage, wild=wild, extra="", prev=prev_rows, cur=cur_rows) + on
            return [made + f" WHERE p.ident IS NULL AND {scope} AND {condition}",
                    made + f" WHERE p.ident IS NOT NULL AND c.ident IS NULL AND {scope} AND {condition}"]

        # stage 1: identifiers
        ctx.run(f"""CREATE OR REPLACE TEMP TABLE {dups} AS SELECT did, ident FROM {table}
                    WHERE ident IS NOT NULL GROUP BY did, ident HAVING count(*) > 1""")
        ctx.run(f"""CREATE OR REPLACE TEMP TABLE {candidates} AS
                    {select.format(stage=1, wild=0, prev=table, cur=table,
                                   extra=", dp.did IS NULL AND dc.did IS NULL AS single")}
                        AND c.ident = p.ident
                    LEFT JOIN {dups} dp ON dp.did = p.did AND dp.ident = p.ident
                    LEFT JOIN {dups} dc ON dc.did = c.did AND dc.ident = c.ident
                    WHERE {scope}""")
        ctx.run(f"CREATE OR REPLACE TEMP TABLE {out} AS SELECT {out_columns} FROM {candidates} WHERE single")
        ctx.run(f"CREATE OR REPLACE TEMP TABLE {candidates} AS SELECT * EXCLUDE (single) FROM {candidates} WHERE NOT single")
        greedy_match(ctx, candidates, out, out_columns)
        def open_rows() -> None:
            ctx.run(f"""CREATE OR REPLACE TEMP TABLE {prev_rows} AS SELECT * FROM {table}
                        WHERE next_did IS NOT NULL AND rid NOT IN (SELECT prev_rid FROM {out})""")
            ctx.run(f"""CREATE OR REPLACE TEMP TABLE {cur_rows} AS SELECT * FROM {table}
                        WHERE prev_did IS NOT NULL AND rid NOT IN (SELECT cur_rid FROM {out})""")

        def exact_matches() -> None:
            # Rows of one pair with all attributes equal and known (no identifier in the group) are
            # paired in the order of their source rows: what the greedy matching does with them,
            # without the group's every-to-every candidates (many identical parking places).
            key = ", ".join(spec["exact"])
            known = " AND ".join(f"{k} IS NOT NULL" for k in spec["exact"])
            same = " AND ".join(f"c.{k} = p.{k}" for k in spec["exact"])
            same_w = " AND ".join(f"w.{k} = c.{k}" for k in spec["exact"])
            ctx.run(f"""
                INSERT INTO {out}
                WITH with_ident AS (
                    SELECT next_did AS pair_id, {key} FROM {prev_rows} WHERE ident IS NOT NULL AND {known}
                    UNION SELECT did AS pair_id, {key} FROM {cur_rows} WHERE ident IS NOT NULL AND {known}),
                p AS (SELECT *, row_number() OVER (PARTITION BY next_did, {key} ORDER BY source_row, rid) AS n
                      FROM {prev_rows} WHERE {known}),
                c AS (SELECT *, row_number() OVER (PARTITION BY did, {key} ORDER BY source_row, rid) AS n
                      FROM {cur_rows} WHERE {known})
                SELECT c.did AS pair_id, p.rid AS prev_rid, c.rid AS cur_rid, 2 AS stage
                       {"".join(f", {side}.{col} AS {side}_{col}" for side in ("p", "c") for col in compare)}
                FROM p JOIN c ON c.did = p.next_did AND c.n = p.n AND {same}
                WHERE {scope} AND NOT EXISTS (SELECT 1 FROM with_ident w WHERE w.pair_id = c.did AND {same_w})""")

        # stages 2 and 3: attributes, among the rows left
        for stage, (condition, wild) in spec["stages"].items():
            parts = attribute_parts(stage, wild, spec["block"], condition.format(area_ok=area_ok))
            if stage == 2 and "extra_block" in spec:
                extra_condition, extra_wild = spec["extra_stage"]
                parts += attribute_parts(2, extra_wild, spec["extra_block"],
                                         f"coalesce(p.full_key, '') <> coalesce(c.full_key, '') AND {extra_condition}")
            open_rows()
            if stage == 2:
                exact_matches()
                open_rows()
            # (a pair of rows may come twice from two blockings: DISTINCT, and the greedy step keeps the better)
            ctx.run(f"CREATE OR REPLACE TEMP TABLE {candidates} AS {' UNION ALL '.join(parts)}")
            ctx.run(f"""
                INSERT INTO {out}
                SELECT DISTINCT {out_columns} FROM {candidates}
                WHERE prev_rid IN (SELECT prev_rid FROM {candidates} GROUP BY prev_rid HAVING count(DISTINCT cur_rid) = 1)
                  AND cur_rid IN (SELECT cur_rid FROM {candidates} GROUP BY cur_rid HAVING count(DISTINCT prev_rid) = 1)""")
            ctx.run(f"""
                CREATE OR REPLACE TEMP TABLE {candidates} AS
                SELECT * FROM {candidates}
                WHERE prev_rid NOT IN (SELECT prev_rid FROM {out}) AND cur_rid NOT IN (SELECT cur_rid FROM {out})""")
            greedy_match(ctx, candidates, out, out_columns)
        for name in (candidates, prev_rows, cur_rows, dups):
            ctx.run(f"DROP TABLE IF EXISTS {name}")
        return out
    return ctx.once(f"matching:{kind}", build)


def greedy_match(ctx: Context, candidates: str, out: str, columns: str, max_rounds: int = 10_000) -> None:
    """Add to `out` a one-to-one matching of `candidates`: repeatedly the candidates that are each
    other's best by their rank (unknown attributes, difference, source rows, row ids: a strict
    order), which is exactly the greedy matching in that order.

    A row belongs to one pair as the previous row and to one as the current row, so its row id
    alone identifies it on each side. Every round is two hash aggregates and two joins over the
    candidates left (after the fast paths of `matching`, few).
    """
    work, pick = f"{candidates}_work", f"{candidates}_pick"
    ctx.run(f"""CREATE OR REPLACE TEMP TABLE {work} AS
                SELECT *, [wild, cost, prev_row, cur_row, prev_rid, cur_rid]::DOUBLE[] AS rank_key FROM {candidates}""")
    for _ in range(max_rounds):
        if not ctx.scalar(f"SELECT count(*) FROM {work}"):
            break
        ctx.run(f"""
            CREATE OR REPLACE TEMP TABLE {pick} AS
            WITH best_cur AS (SELECT prev_rid, arg_min(cur_rid, rank_key) AS cur_rid FROM {work} GROUP BY prev_rid),
                 best_prev AS (SELECT cur_rid, arg_min(prev_rid, rank_key) AS prev_rid FROM {work} GROUP BY cur_rid)
            SELECT DISTINCT {', '.join('w.' + c.strip() for c in columns.split(','))} FROM {work} w
            JOIN best_cur USING (prev_rid, cur_rid) JOIN best_prev USING (prev_rid, cur_rid)""")
        ctx.run(f"INSERT INTO {out} SELECT {columns} FROM {pick}")
        ctx.run(f"""
            CREATE OR REPLACE TEMP TABLE {work} AS
            SELECT w.* FROM {work} w
            WHERE w.prev_rid NOT IN (SELECT prev_rid FROM {pick}) AND w.cur_rid NOT IN (SELECT cur_rid FROM {pick})""")
    for name in (work, pick):
        ctx.run(f"DROP TABLE IF EXISTS {name}")


def unmatched(ctx: Context, kind: str, side: str) -> str:
    """SQL (a subquery) of the rows of one side of every pair in this run that the matching left alone.

    Columns: the working columns of `chk_<kind>` and `pair_id`.
    """
    matching(ctx, kind)
    if side == "prev":
        return f"""(SELECT a.*, a.next_did AS pair_id FROM chk_{kind} a
                   WHERE a.next_did IS NOT NULL
                     AND a.rid NOT IN (SELECT prev_rid FROM chk_{kind}_match))"""
    return f"""(SELECT a.*, a.did AS pair_id FROM chk_{kind} a
               WHERE a.prev_did IS NOT NULL
                 AND a.rid NOT IN (SELECT cur_rid FROM chk_{kind}_match))"""


def pair_scope(kind: str, alias: str = "pr") -> str:
    """Condition on a pair row for the kind (accounts: two workbook справки)."""
    sources = ASSETS[kind].get("sources")
    return f"{alias}.prev_source = '{sources}' AND {alias}.cur_source = '{sources}'" if sources else "TRUE"


def matched(ctx: Context, kind: str, condition: str, columns: str = "") -> str:
    """SQL of the matches that meet `condition` (over the match table `m`: stage, p_<col>, c_<col>),
    joined then with their pair (pr), both working rows (p, c) and both source rows (ps, cs). Filtering first
    keeps the joins with the pairs and the source tables to the flagged rows."""
    matching(ctx, kind)
    extra = f", {columns}" if columns else ""
    return f"""(SELECT m.*{extra} FROM chk_{kind}_match m WHERE {condition}) hit
               JOIN chk_pairs pr ON pr.pair_id = hit.pair_id
               JOIN chk_{kind} p ON p.rid = hit.prev_rid JOIN chk_{kind} c ON c.rid = hit.cur_rid
               {source_join(kind, 'ps', 'hit.prev_rid')} {source_join(kind, 'cs', 'hit.cur_rid')}"""


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
    from checks.rules import years_ru
    return f" (справки за {years_ru(gaps)} нет, сравнение со справкой за {row['prev_year']} год)"


def gone_without_sale(ctx: Context, rule, kind: str, *, sold_sql: str, family_table: str, sale_words_option: str,
                      describe) -> list:
    """Flags for objects of the previous справка that are gone: not sold in the family between the two years
    (`sold_sql`, a condition over `pr`), and not moved to another family member (same identifier in
    `family_table`). Shared by PROPERTY_DISAPPEARED and VEHICLE_DISAPPEARED."""
    from checks.rules import subject_ru

    sales(ctx)
    found = ctx.rows(f"""
        SELECT {PAIR_SELECT}, {row_struct(kind, 'src')} AS prev_row, {asset_key(kind, 'u')} AS asset_key
        FROM {unmatched(ctx, kind, 'prev')} u JOIN chk_pairs pr ON pr.pair_id = u.pair_id
        {source_join(kind, 'src', 'u.rid')}
        WHERE NOT {sold_sql}
          -- moved to another member of the family (the same identifier there): not gone
          AND NOT (u.ident IS NOT NULL AND EXISTS (
                SELECT 1 FROM {family_table} f
                WHERE f.person_id = pr.person_id AND f.year = pr.cur_year AND f.ident = u.ident))
        ORDER BY pr.person_id, pr.cur_year, pr.subject_key, asset_key""")
    flags, sides = [], []
    for row in found:
        evidence = pair_evidence(row, kind)
        sides.append((row, evidence))
        evidence["sale_incomes"] = []
        evidence["sale_words"] = list(ctx.option(sale_words_option))
        flags.append(rule.flag(
            person_id=row["person_id"], year=row["cur_year"], identity=pair_identity(row, row["asset_key"]),
            evidence=evidence, subject=subject_ru(row["subject"], row.get("subject_name")),
            object=describe(row["prev_row"], full=False), prev_year=row["prev_year"], gap=gap_note(row)))
    add_other_side(ctx, kind, sides, "current")
    return flags

