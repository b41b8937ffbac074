"""Candidate pairs: deterministic INN joins, then blocking on several name keys.

Names are parsed once per distinct spelling. Each side's blocking keys
(`checks.names.blocking_keys`) are joined in DuckDB; a key shared by more than
`max_block_size` officers is a hot block and proposes nothing (the other keys of
the same names still do), which bounds the work on common surnames.
"""

from __future__ import annotations

from functools import lru_cache

import duckdb
import polars as pl

from checks.names import PersonName, blocking_keys, parse_name
from declarations.store import query_frame


@lru_cache(maxsize=1_000_000)
def parsed(name: str) -> PersonName:
    return parse_name(name)


def _keys(frame: pl.DataFrame, index: str, name: str) -> pl.DataFrame:
    """(index, key) for every row; keys computed once per distinct spelling."""
    spellings = frame.get_column(name).unique().drop_nulls().to_list()
    keys = {s: blocking_keys(parsed(s)) for s in spellings}
    table = pl.DataFrame(
        {name: list(keys), "key": list(keys.values())}, schema={name: pl.Utf8, "key": pl.List(pl.Utf8)}
    ).explode("key")
    return frame.select(index, name).join(table, on=name).select(index, "key").drop_nulls()


def candidate_pairs(people: pl.DataFrame, officers: pl.DataFrame, max_block_size: int) -> pl.DataFrame:
    """Distinct (alias_idx, officer_idx, via) pairs worth scoring: same INN, or a shared blocking key."""
    person_keys = _keys(people, "alias_idx", "name")
    officer_keys = _keys(officers, "officer_idx", "person_name")
    con = duckdb.connect()
    try:
        con.register("person_keys", person_keys.to_arrow())
        con.register("officer_keys", officer_keys.to_arrow())
        con.register("people", people.select("alias_idx", "inn").to_arrow())
        con.register("officers", officers.select("officer_idx", "person_inn").to_arrow())
        return query_frame(con, 
            """
            WITH cold AS (
                SELECT key FROM officer_keys GROUP BY key HAVING count(*) <= ?
            ), by_name AS (
                SELECT DISTINCT p.alias_idx, o.officer_idx
                FROM person_keys p JOIN cold USING (key) JOIN officer_keys o USING (key)
            ), by_inn AS (
                SELECT p.alias_idx, o.officer_idx
                FROM people p JOIN officers o ON p.inn = o.person_inn
                WHERE p.inn IS NOT NULL
            )
            SELECT alias_idx, officer_idx, bool_or(via_inn) AS via_inn FROM (
                SELECT *, false AS via_inn FROM by_name UNION ALL SELECT *, true FROM by_inn
            ) GROUP BY ALL ORDER BY alias_idx, officer_idx
            """,
            [max_block_size],
        )
    finally:
        con.close()


def block_stats(people: pl.DataFrame, pairs: pl.DataFrame) -> dict[str, float]:
    """Candidate pairs per person alias (for the benchmark report)."""
    per_alias = pairs.group_by("alias_idx").len()
    return {
        "aliases": people.height,
        "pairs": pairs.height,
        "pairs_per_alias": pairs.height / max(people.height, 1),
        "max_pairs_for_one_alias": int(per_alias.get_column("len").max() or 0),
    }
