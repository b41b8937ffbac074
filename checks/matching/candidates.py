"""Candidate pairs: deterministic INN joins, then blocking on several name keys, then
a cheap pre-filter, so that only plausible pairs reach the part-by-part comparison.

1. Every distinct spelling is parsed once (`checks.names.parse_frame`: plain
   «Фамилия Имя Отчество» in polars, anything else by `parse_name`) and gets its
   blocking keys (`checks.names.blocking_key_frame`).
2. People and officers sharing a key are paired in DuckDB (keys as 64-bit hashes; register
   names are parsed in batches and kept only if a key is also a person's); a broad key
   pairs two names only when one of them is incomplete (initials, no patronymic, Latin);
   a key shared by more than `max_block_size` officers is a hot block and proposes
   nothing (the other keys of the same names still do), which bounds the work on common
   surnames. Same personal INN always pairs.
3. Vetoes, as SQL: both INNs known and different; both birth dates known and different
   (unless the INN agrees); a person born after the officer's role began, or under 18
   then for a director or board member. Namesakes are common: these keep precision.
4. Pre-filter: a pair is compared only if each part could still agree: surname keys
   equal or within two edits, given names (standard forms) equal or within two edits,
   fathers' names (from the patronymics) equal or within two edits, a part missing on
   either side, or a Latin spelling (whose readings only the comparison knows). A part
   that fails this is a "differ" in `compare_names`, which caps the score below every
   threshold; `tests/test_match_decide.py` checks the pre-filter drops no match.
"""

from __future__ import annotations

import tempfile

import duckdb
import polars as pl

from checks.names import blocking_key_frame, name_features, parse_frame
from checks.names.blocking import BROAD_KINDS
from declarations.settings import duckdb_memory_limit
from declarations.store import query_frame

FEATURES = ("surname", "given", "patronymic", "key", "canon", "father", "latin", "complete")
CHUNK = 500_000  # register names parsed and keyed per batch: bounds the memory of 5 million rows


def _keyed(names: pl.Series, first_id: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Features of the distinct `names` (ids from `first_id`) and their (name_id, key) pairs.

    Each key string is replaced by its 64-bit hash: a collision could only add a candidate pair.
    """
    features = name_features(parse_frame(names)).with_row_index("name_id", offset=first_id).with_columns(
        ((pl.col("given") != "") & (pl.col("patronymic") != "") & ~pl.col("latin")).alias("complete"))
    keys = blocking_key_frame(features, id_column="name_id").select(
        "name_id", pl.col("key").hash(seed=7),
        pl.any_horizontal(pl.col("key").str.starts_with(f"{kind}:") for kind in BROAD_KINDS).alias("broad"))
    return features.select("name_id", "name", *FEATURES), keys


def _register_side(names: pl.Series, first_id: int, wanted: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Features and keys of the register names, in batches, kept only where a key is also a person's."""
    kept_features, kept_keys = [], []
    for i, chunk in enumerate(names.to_frame().iter_slices(CHUNK)):
        features, keys = _keyed(chunk.to_series(), first_id + i * CHUNK)
        keys = keys.join(wanted, on="key", how="semi")
        kept_keys.append(keys)
        kept_features.append(features.join(keys.select("name_id").unique(), on="name_id", how="semi"))
    if not kept_features:
        return _keyed(pl.Series("name", [], dtype=pl.Utf8), first_id)
    return pl.concat(kept_features), pl.concat(kept_keys)


def _register(con: duckdb.DuckDBPyConnection, people: pl.DataFrame, officers: pl.DataFrame) -> None:
    """Names, keys and both sides as DuckDB views; register names only where they share a key with a person."""
    features, person_keys = _keyed(people.get_column("name"), 0)
    register_features, register_keys = _register_side(
        officers.get_column("person_name").drop_nulls().unique(), features.height,
        person_keys.select("key").unique())
    con.register("names", pl.concat([features, register_features]).select("name_id", *FEATURES).to_arrow())
    con.register("name_keys", pl.concat([person_keys, register_keys]).to_arrow())
    con.register("people", people.select("alias_idx", "name", "birth_date", "inn")
                 .join(features.select("name", "name_id"), on="name").drop("name").to_arrow())
    con.register("officers", officers.select(
        "officer_idx", pl.col("person_name").alias("name"), "birth_date", "person_inn", "role", "since"
    ).join(register_features.select("name", "name_id"), on="name", how="left").drop("name").to_arrow())


BLOCKED_SQL = """
CREATE TEMP TABLE blocked AS
WITH person_keys AS (
    SELECT DISTINCT p.alias_idx, k.key, k.broad, n.complete
    FROM people p JOIN name_keys k USING (name_id) JOIN names n USING (name_id)
), officer_keys AS (
    SELECT DISTINCT o.officer_idx, k.key, k.broad, n.complete
    FROM officers o JOIN name_keys k USING (name_id) JOIN names n USING (name_id)
), cold AS (
    SELECT key FROM officer_keys GROUP BY key HAVING count(*) <= $max_block_size
), person_cold AS (
    SELECT * FROM person_keys SEMI JOIN cold USING (key)
), by_name AS (  -- a broad key pairs two names only when one of them is not complete
    SELECT p.alias_idx, o.officer_idx FROM person_cold p JOIN officer_keys o USING (key) WHERE NOT p.broad
    UNION
    SELECT p.alias_idx, o.officer_idx
    FROM (SELECT * FROM person_cold WHERE broad AND NOT complete) p JOIN officer_keys o USING (key)
    UNION
    SELECT p.alias_idx, o.officer_idx
    FROM (SELECT * FROM person_cold WHERE broad) p
    JOIN (SELECT * FROM officer_keys WHERE broad AND NOT complete) o USING (key)
), by_inn AS (
    SELECT p.alias_idx, o.officer_idx FROM people p JOIN officers o ON p.inn = o.person_inn
    WHERE p.inn IS NOT NULL
)
SELECT alias_idx, officer_idx, bool_or(via_inn) AS via_inn FROM (
    SELECT *, false AS via_inn FROM by_name UNION ALL SELECT *, true FROM by_inn
) GROUP BY ALL
"""

PLAUSIBLE_SQL = """
WITH pair AS (
    SELECT b.alias_idx, b.officer_idx, b.via_inn,
           p.inn IS NOT NULL AND o.person_inn IS NOT NULL AND p.inn = o.person_inn AS inn_equal,
           p.inn IS NOT NULL AND o.person_inn IS NOT NULL AND p.inn != o.person_inn AS inn_differ,
           p.birth_date IS NOT NULL AND o.birth_date IS NOT NULL AND p.birth_date != o.birth_date AS birth_differ,
           p.birth_date IS NOT NULL AND o.since IS NOT NULL AND (
               p.birth_date > o.since
               OR (o.role IN ('director', 'board') AND p.birth_date > o.since - INTERVAL 18 YEAR)) AS too_young,
           a.surname AS a_surname, a.key AS a_key, a.given AS a_given, a.canon AS a_canon,
           a.patronymic AS a_patronymic, a.father AS a_father, a.latin AS a_latin,
           c.surname AS b_surname, c.key AS b_key, c.given AS b_given, c.canon AS b_canon,
           c.patronymic AS b_patronymic, c.father AS b_father, c.latin AS b_latin
    FROM blocked b
    JOIN people p USING (alias_idx) JOIN officers o USING (officer_idx)
    JOIN names a ON a.name_id = p.name_id LEFT JOIN names c ON c.name_id = o.name_id
)
SELECT alias_idx, officer_idx, via_inn FROM pair
WHERE NOT inn_differ
  AND (inn_equal OR NOT (birth_differ OR too_young))
  AND (NOT $name_filter OR via_inn OR a_latin OR b_latin OR (
      (a_key = '' OR b_key = '' OR a_key = b_key OR damerau_levenshtein(a_key, b_key) <= 2
       OR damerau_levenshtein(a_surname, b_surname) <= 2)
      AND (a_given = '' OR b_given = '' OR a_canon = b_canon OR damerau_levenshtein(a_canon, b_canon) <= 2
           OR damerau_levenshtein(a_given, b_given) <= 2)
      AND (a_patronymic = '' OR b_patronymic = '' OR a_father = b_father
           OR damerau_levenshtein(a_father, b_father) <= 2
           OR damerau_levenshtein(a_patronymic, b_patronymic) <= 2)))
"""


def candidate_pairs(people: pl.DataFrame, officers: pl.DataFrame, max_block_size: int,
                    prefilter: bool = True) -> pl.DataFrame:
    """Distinct (alias_idx, officer_idx, via_inn) pairs worth scoring (see the module docstring).

    `prefilter=False` skips step 4 (the vetoes still apply): for tests and benchmarks.
    """
    # DuckDB's share for the joins (declarations.settings.duckdb_memory_limit); it spills to a file beyond that
    con = duckdb.connect(config={"memory_limit": duckdb_memory_limit(), "temp_directory": tempfile.gettempdir(),
                                 "preserve_insertion_order": False})
    try:
        _register(con, people, officers)
        con.execute(BLOCKED_SQL, {"max_block_size": max_block_size})
        return query_frame(con, PLAUSIBLE_SQL, {"name_filter": prefilter}).sort("alias_idx", "officer_idx")
    finally:
        con.close()


def block_stats(people: pl.DataFrame, pairs: pl.DataFrame) -> dict[str, float]:
    """Candidate pairs per person alias (for the benchmark report)."""
    per_alias = pairs.group_by("alias_idx").len()
    most = per_alias.get_column("len").max()  # None when there are no pairs
    return {
        "aliases": people.height,
        "pairs": pairs.height,
        "pairs_per_alias": pairs.height / max(people.height, 1),
        "max_pairs_for_one_alias": most if isinstance(most, int) else 0,
    }
