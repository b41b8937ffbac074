"""Matching the asset rows of two справки of one subject, stage by stage, as set-based SQL.

Temporary tables built once per run on the run's cursor (:meth:`checks.rules.Context.once`):

`chk_<kind>`
    the working columns of an asset kind in every справка of `chk_decl`: the identifier, the kept
    source columns and the normalised keys of its spec (`checks.identity.spec`), each key computed
    once per distinct source value (in SQL, or by a normaliser of `declarations.normalise` over the
    distinct values only). A row is on the current side of pair `did` (when `prev_did` is set) and
    on the previous side of pair `next_did` (when set): no row is copied per pair.
`chk_<kind>_match`
    a one-to-one matching of the previous and current rows of every pair: `pair_id, prev_rid,
    cur_rid, stage` (the number of the spec's stage that matched them), `score` and, for the rules,
    `p_<col>` / `c_<col>` of the spec's `compare` columns.

Stage by stage, among the rows still unmatched: candidates join only rows of the same two справки
with equal block keys (hash joins); a candidate that is the only one of both its rows is taken at
once; rows with all attributes equal pair in the order of their source rows (no every-to-every
candidates for a hundred identical parking places); the rest go through rounds of "each other's
best" (:func:`greedy_match`), which is exactly the greedy assignment in the order (unknown
attributes, difference, source rows, row ids). An "only of its kind" stage counts the open rows of
each kind per справка with a window and pairs the kinds that have one row on both sides. Keys that
cost a parse per value (addresses) are computed only for the rows still open at the stage that
reads them. No quadratic step, no Python loop over rows.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from checks.history import declarations, pairs
from checks.identity.spec import SPECS, IdentitySpec, KeyColumns
from checks.rules import AREA_TOLERANCE, Context


def spec_of(kind: str) -> IdentitySpec:
    return SPECS[kind]


def asset_key(kind: str, alias: str, noshare: bool = False) -> str:
    """SQL naming the object of an asset row in a flag's identity (identifier, else its attributes)."""
    spec = SPECS[kind]
    return (spec.object_key_noshare if noshare and spec.object_key_noshare else spec.object_key).format(a=alias)


def stage_in(kind: str, *names: str, alias: str = "m") -> str:
    """SQL: the match was made by one of the named stages of the kind's spec."""
    spec = SPECS[kind]
    numbers = [str(spec.stage_number(n)) for n in names if any(s.name == n for s in spec.stages)]
    return f"{alias}.stage IN ({', '.join(numbers)})" if numbers else "FALSE"


def match_evidence(kind: str, stage: int | None, score: float | None) -> dict[str, Any]:
    """How the two rows of a finding were found to be one object: the stage, its Russian label, the score."""
    if stage is None:
        from checks.identity.spec import STAGE_LABELS
        return {"matched_by": "none", "match_label": STAGE_LABELS["none"]}
    found = SPECS[kind].stages[int(stage) - 1]
    return {"matched_by": found.name, "match_label": found.label,
            "match_score": None if score is None else round(float(score), 3)}


# --------------------------------------------------------------------------- the working table

def _python_lookup(ctx: Context, name: str, group: KeyColumns, distinct: pl.DataFrame) -> None:
    """Register `name`: the distinct source values with the keys the group's normaliser gives them."""
    values = distinct.rows()
    made = [group.normalise(*row) for row in values]
    columns = {src: distinct[src] for src in group.sources}
    for number, output in enumerate(group.outputs):
        columns[output] = pl.Series(output, [m[number] for m in made], dtype=pl.Utf8)
    frame = pl.DataFrame(columns)
    view = f"{name}_src"
    ctx.register(view, frame)
    try:
        ctx.run(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {view}")
    finally:
        ctx.con.unregister(view)


def assets(ctx: Context, kind: str) -> str:
    """`chk_<kind>`: the working columns of that asset in every справка of chk_decl, normalised keys included."""
    def build() -> str:
        declarations(ctx)
        spec = SPECS[kind]
        joins, columns, lookups = [], [], []
        for number, group in enumerate(spec.keys):
            if group.lazy:
                columns += [f"NULL::VARCHAR AS {name}" for name in group.names]
                continue
            lookup = f"chk_{kind}_lk{number}"
            lookups.append(lookup)
            source_list = ", ".join(f"a.{c}" for c in group.sources)
            distinct = f"SELECT DISTINCT {', '.join(group.sources)} FROM {spec.table} a WHERE {spec.where}"
            if group.sql:
                made = ", ".join(f"{sql} AS {name}" for name, sql in group.sql.items())
                ctx.run(f"CREATE OR REPLACE TEMP TABLE {lookup} AS SELECT {source_list}, {made} FROM ({distinct}) a")
            else:
                _python_lookup(ctx, lookup, group, ctx.frame(distinct))
            condition = " AND ".join(f"l{number}.{c} IS NOT DISTINCT FROM a.{c}" for c in group.sources)
            joins.append(f"LEFT JOIN {lookup} l{number} ON {condition}")
            columns += [f"l{number}.{name}" for name in group.names]
        keep = ", ".join(f"a.{c}" for c in spec.keep)
        table = f"chk_{kind}"
        ctx.run(f"""
            CREATE OR REPLACE TEMP TABLE {table} AS
            SELECT a.rowid AS rid, d.did, d.prev_did, d.next_did, d.person_id, d.year, d.source, d.subject,
                   d.subject_key, {spec.ident} AS ident, {keep}, {', '.join(columns)}
            FROM {spec.table} a JOIN chk_decl d USING (declaration_id) {' '.join(joins)}
            WHERE {spec.where}""")
        for lookup in lookups:
            ctx.run(f"DROP TABLE {lookup}")
        return table
    return ctx.once(f"assets:{kind}", build)


def _fill_lazy(ctx: Context, spec: IdentitySpec, names: tuple[str, ...], tables: tuple[str, ...]) -> None:
    """Compute lazy keys (addresses) for the rows of `tables` only, once per distinct source value."""
    for group in spec.keys:
        if not group.lazy or not set(group.names) & set(names):
            continue
        rids = " UNION ".join(f"SELECT rid FROM {t}" for t in tables)
        sources = ", ".join(f"s.{c}" for c in group.sources)
        rows = ctx.frame(f"SELECT s.rowid AS rid, {sources} FROM {spec.table} s WHERE s.rowid IN ({rids})")
        cache: dict[tuple, tuple] = {}
        made = []
        for row in rows.select(list(group.sources)).rows():
            if row not in cache:
                cache[row] = group.normalise(*row)
            made.append(cache[row])
        frame = pl.DataFrame({"rid": rows["rid"], **{
            out: pl.Series(out, [m[n] for m in made], dtype=pl.Utf8) for n, out in enumerate(group.outputs)}})
        view = f"chk_{spec.kind}_lazy"
        ctx.register(view, frame)
        try:
            for table in tables:
                ctx.run(f"""CREATE OR REPLACE TEMP TABLE {table} AS
                            SELECT t.* REPLACE ({', '.join(f'z.{o} AS {o}' for o in group.outputs)})
                            FROM {table} t LEFT JOIN {view} z USING (rid)""")
        finally:
            ctx.con.unregister(view)


# --------------------------------------------------------------------------- the matching

def _pair_scope(ctx: Context, spec: IdentitySpec, cur: str = "c", prev: str = "p") -> str:
    """Conditions on the two rows of a candidate: the pair is in this run, and of the right sources."""
    conditions = []
    if ctx.year is not None:
        conditions.append(ctx.year_is(f"{cur}.year"))
    if spec.sources:
        conditions.append(f"{prev}.source = '{spec.sources}' AND {cur}.source = '{spec.sources}'")
    return " AND ".join(conditions) or "TRUE"


def matching(ctx: Context, kind: str) -> str:
    """`chk_<kind>_match`: a one-to-one matching of the previous and current rows within every pair."""
    def build() -> str:
        pairs(ctx)
        table = assets(ctx, kind)
        spec = SPECS[kind]
        tol = AREA_TOLERANCE
        prev_end = "make_date(p.year, 12, 31)"
        scope = _pair_scope(ctx, spec)
        carried = [f"{side}_{col}" for side in ("p", "c") for col in spec.compare]
        out_columns = ", ".join(["pair_id", "prev_rid", "cur_rid", "stage", "score", *carried])
        out = f"chk_{kind}_match"
        prev_rows, cur_rows, dups = f"chk_{kind}_open_prev", f"chk_{kind}_open_cur", f"chk_{kind}_dups"
        candidates = f"chk_{kind}_cand"
        carry_sql = "".join(f", {side}.{col} AS {side}_{col}" for side in ("p", "c") for col in spec.compare)

        def select(number: int, stage, prev: str, cur: str, extra: str = "") -> str:
            score = stage.score.format(tol=tol, prev_end=prev_end)
            return (f"SELECT c.did AS pair_id, p.rid AS prev_rid, c.rid AS cur_rid, {number} AS stage, "
                    f"({score})::DOUBLE AS score, {stage.wild} AS wild, ({stage.cost})::DOUBLE AS cost, "
                    f"p.source_row AS prev_row, c.source_row AS cur_row{carry_sql}{extra} "
                    f"FROM {prev} p JOIN {cur} c ON c.did = p.next_did ")

        opened = [False]

        def open_rows(stage: int | None = None) -> None:
            """The rows still unmatched: first from the whole table, then by dropping the rows the last stage
            matched from the (shrinking) open tables — never a scan of the whole table per stage."""
            if not opened[0]:
                ctx.run(f"""CREATE OR REPLACE TEMP TABLE {prev_rows} AS SELECT * FROM {table}
                            WHERE next_did IS NOT NULL AND rid NOT IN (SELECT prev_rid FROM {out})""")
                ctx.run(f"""CREATE OR REPLACE TEMP TABLE {cur_rows} AS SELECT * FROM {table}
                            WHERE prev_did IS NOT NULL AND rid NOT IN (SELECT cur_rid FROM {out})""")
                opened[0] = True
                return
            ctx.run(f"""DELETE FROM {prev_rows} WHERE rid IN (SELECT prev_rid FROM {out} WHERE stage = {stage})""")
            ctx.run(f"""DELETE FROM {cur_rows} WHERE rid IN (SELECT cur_rid FROM {out} WHERE stage = {stage})""")

        ctx.run(f"""CREATE OR REPLACE TEMP TABLE {out} AS
                    SELECT NULL::BIGINT AS pair_id, NULL::BIGINT AS prev_rid, NULL::BIGINT AS cur_rid,
                           NULL::INTEGER AS stage, NULL::DOUBLE AS score
                           {''.join(f', NULL::{_type(ctx, table, col)} AS {side}_{col}'
                                    for side in ('p', 'c') for col in spec.compare)}
                    WHERE FALSE""")
        for number, stage in enumerate(spec.stages, start=1):
            condition = stage.condition.format(tol=tol, prev_end=prev_end)
            if stage.name == "identifier":
                _identifier_stage(ctx, table, dups, candidates, out, out_columns, scope,
                                  select(number, stage, table, table,
                                         extra=", dp.did IS NULL AND dc.did IS NULL AS single"))
                continue
            open_rows(number - 1)
            if stage.needs:
                _fill_lazy(ctx, spec, stage.needs, (prev_rows, cur_rows))
            on = " ".join(f"AND c.{k} = p.{k}" for k in stage.block)
            if stage.only_of_kind:
                block = ", ".join(stage.block)
                known = " AND ".join(f"{k} IS NOT NULL" for k in stage.block)
                ctx.run(f"""
                    INSERT INTO {out}
                    WITH p AS (SELECT * FROM (SELECT *, count(*) OVER (PARTITION BY next_did, {block}) AS n
                                              FROM {prev_rows} WHERE {known}) WHERE n = 1),
                         c AS (SELECT * FROM (SELECT *, count(*) OVER (PARTITION BY did, {block}) AS n
                                              FROM {cur_rows} WHERE {known}) WHERE n = 1)
                    SELECT {out_columns} FROM ({select(number, stage, 'p', 'c')} {on}
                        WHERE (p.ident IS NULL OR c.ident IS NULL) AND {scope} AND {condition})""")
                continue
            if stage.exact:
                _exact_matches(ctx, spec, stage, number, prev_rows, cur_rows, out, scope, condition, carry_sql)
                open_rows(number)
            # two rows whose identifiers are both given and differ are never the same object:
            # attribute candidates pair a row without identifier with any row (two joins, no filter after)
            made = select(number, stage, prev_rows, cur_rows) + on
            parts = [made + f" WHERE p.ident IS NULL AND {scope} AND {condition}",
                     made + f" WHERE p.ident IS NOT NULL AND c.ident IS NULL AND {scope} AND {condition}"]
            ctx.run(f"CREATE OR REPLACE TEMP TABLE {candidates} AS {' UNION ALL '.join(parts)}")
            _take_singles_then_greedy(ctx, candidates, out, out_columns)
        for name in (candidates, prev_rows, cur_rows, dups):
            ctx.run(f"DROP TABLE IF EXISTS {name}")
        return out
    return ctx.once(f"matching:{kind}", build)


def _type(ctx: Context, table: str, column: str) -> str:
    found = ctx.scalar("SELECT data_type FROM duckdb_columns() WHERE table_name = ? AND column_name = ?",
                       [table, column])
    return found or "VARCHAR"


def _identifier_stage(ctx: Context, table: str, dups: str, candidates: str, out: str, out_columns: str,
                      scope: str, made: str) -> None:
    """Identifiers: a candidate is single unless an identifier repeats within one справка (a small aggregate)."""
    ctx.run(f"""CREATE OR REPLACE TEMP TABLE {dups} AS SELECT did, ident FROM {table}
                WHERE ident IS NOT NULL GROUP BY did, ident HAVING count(*) > 1""")
    ctx.run(f"""CREATE OR REPLACE TEMP TABLE {candidates} AS
                {made} AND c.ident = p.ident
                LEFT JOIN {dups} dp ON dp.did = p.did AND dp.ident = p.ident
                LEFT JOIN {dups} dc ON dc.did = c.did AND dc.ident = c.ident
                WHERE {scope}""")
    ctx.run(f"INSERT INTO {out} SELECT {out_columns} FROM {candidates} WHERE single")
    ctx.run(f"CREATE OR REPLACE TEMP TABLE {candidates} AS SELECT * EXCLUDE (single) FROM {candidates} WHERE NOT single")
    greedy_match(ctx, candidates, out, out_columns)


def _exact_matches(ctx: Context, spec: IdentitySpec, stage, number: int, prev_rows: str, cur_rows: str, out: str,
                   scope: str, condition: str, carry_sql: str) -> None:
    """Rows of one pair with all attributes equal and known (no identifier in the group) pair in the order of
    their source rows: what the greedy matching does with them, without the group's every-to-every candidates."""
    key = ", ".join(stage.exact)
    known = " AND ".join(f"{k} IS NOT NULL" for k in stage.exact)
    same = " AND ".join(f"c.{k} = p.{k}" for k in stage.exact)
    same_w = " AND ".join(f"w.{k} = c.{k}" for k in stage.exact)
    score = stage.score
    ctx.run(f"""
        INSERT INTO {out}
        WITH with_ident AS (
            SELECT next_did AS pair_id, {key} FROM {prev_rows} WHERE ident IS NOT NULL AND {known}
            UNION SELECT did AS pair_id, {key} FROM {cur_rows} WHERE ident IS NOT NULL AND {known}),
        p AS (SELECT *, row_number() OVER (PARTITION BY next_did, {key} ORDER BY source_row, rid) AS n
              FROM {prev_rows} WHERE {known}),
        c AS (SELECT *, row_number() OVER (PARTITION BY did, {key} ORDER BY source_row, rid) AS n
              FROM {cur_rows} WHERE {known})
        SELECT c.did AS pair_id, p.rid AS prev_rid, c.rid AS cur_rid, {number} AS stage, ({score})::DOUBLE AS score
               {carry_sql}
        FROM p JOIN c ON c.did = p.next_did AND c.n = p.n AND {same}
        WHERE {scope} AND {condition}
          AND NOT EXISTS (SELECT 1 FROM with_ident w WHERE w.pair_id = c.did AND {same_w})""")


def _take_singles_then_greedy(ctx: Context, candidates: str, out: str, out_columns: str) -> None:
    # (a pair of rows may come twice from two blockings: DISTINCT, and the greedy step keeps the better)
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


# --------------------------------------------------------------------------- reading the matching

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
    sources = SPECS[kind].sources
    return f"{alias}.prev_source = '{sources}' AND {alias}.cur_source = '{sources}'" if sources else "TRUE"


def matched(ctx: Context, kind: str, condition: str, columns: str = "") -> str:
    """SQL of the matches that meet `condition` (over the match table `m`: stage, score, p_<col>, c_<col>),
    joined then with their pair (pr), both working rows (p, c) and both source rows (ps, cs). Filtering first
    keeps the joins with the pairs and the source tables to the flagged rows."""
    matching(ctx, kind)
    extra = f", {columns}" if columns else ""
    return f"""(SELECT m.*{extra} FROM chk_{kind}_match m WHERE {condition}) hit
               JOIN chk_pairs pr ON pr.pair_id = hit.pair_id
               JOIN chk_{kind} p ON p.rid = hit.prev_rid JOIN chk_{kind} c ON c.rid = hit.cur_rid
               {source_join(kind, 'ps', 'hit.prev_rid')} {source_join(kind, 'cs', 'hit.cur_rid')}"""


def row_struct(kind: str, alias: str) -> str:
    """SQL struct of a source row's evidence fields (NULL when absent); `alias` is the source table."""
    inner = ", ".join(f"'{f}': {alias}.{f}" for f in SPECS[kind].fields)
    return f"CASE WHEN {alias}.rowid IS NULL THEN NULL ELSE {{{inner}}} END"


def source_join(kind: str, alias: str, rid: str) -> str:
    """Join the source table of the asset by rowid (evidence fields of flagged rows)."""
    return f"JOIN {SPECS[kind].table} {alias} ON {alias}.rowid = {rid}"


def rows_of(ctx: Context, kind: str, declaration_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Evidence: every row of that asset in the given справки (flagged rows' other side only)."""
    spec = SPECS[kind]
    out: dict[str, list[dict[str, Any]]] = {}
    if not declaration_ids:
        return out
    with ctx.keys("chk_keys", declaration_id=declaration_ids):
        found = ctx.rows(f"""SELECT a.declaration_id, {row_struct(kind, 'a')} AS row
                             FROM {spec.table} a JOIN chk_keys k USING (declaration_id)
                             WHERE {spec.where} ORDER BY a.declaration_id, a.source_row""")
    for item in found:
        out.setdefault(item["declaration_id"], []).append(
            {k: v for k, v in item["row"].items() if v is not None})
    return out


def add_other_side(ctx: Context, kind: str, flags_rows: list[tuple[dict[str, Any], dict[str, Any]]], side: str) -> None:
    """Put the list of the asset's rows of the other справка (`side`: previous or current) into each
    evidence, so that a gone or new object is seen against everything the other справка declared."""
    column = "prev_id" if side == "previous" else "cur_id"
    rows = rows_of(ctx, kind, [row[column] for row, _ in flags_rows])
    for row, evidence in flags_rows:
        evidence[side]["rows"] = rows.get(row[column], [])
