"""Deciding whether a candidate pair is the same person, and saying why.

- Same personal INN: the same person, whatever the spelling.
- Both INNs known and different, or both birth dates known and different: never the
  same person (namesakes are common; this veto is what keeps precision).
- Otherwise the name score (`checks.names.compare_names`, part by part) decides:
  at least `match_threshold`, or at least `possible_threshold` when the birth dates
  agree (initials only, a missing patronymic, two typos).
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from checks.matching.candidates import parsed
from checks.names import NameComparison, compare_names

MATCH_SCHEMA = {
    "alias_idx": pl.Int64, "officer_idx": pl.Int64, "score": pl.Float64, "method": pl.Utf8,
    "birth": pl.Utf8, "inn": pl.Utf8, "parts": pl.List(pl.Struct({
        "part": pl.Utf8, "how": pl.Utf8, "score": pl.Float64, "a": pl.Utf8, "b": pl.Utf8})),
}


@lru_cache(maxsize=500_000)
def compared(a: str, b: str) -> NameComparison:
    return compare_names(parsed(a), parsed(b))


def _agreement(a, b) -> str:
    if a is None or b is None:
        return "unknown"
    return "equal" if a == b else "differ"


def decide(people: pl.DataFrame, officers: pl.DataFrame, pairs: pl.DataFrame, settings: dict) -> pl.DataFrame:
    """The accepted matches among `pairs`, with the evidence for each."""
    joined = pairs.join(
        people.select("alias_idx", pl.col("name").alias("a_name"), pl.col("birth_date").alias("a_birth"),
                      pl.col("inn").alias("a_inn")), on="alias_idx"
    ).join(
        officers.select("officer_idx", pl.col("person_name").alias("b_name"), pl.col("birth_date").alias("b_birth"),
                        pl.col("person_inn").alias("b_inn")), on="officer_idx"
    )
    match_at = settings["match_threshold"]
    possible_at = settings["possible_threshold"]
    rows = []
    for alias, officer, via_inn, a_name, a_birth, a_inn, b_name, b_birth, b_inn in joined.select(
        "alias_idx", "officer_idx", "via_inn", "a_name", "a_birth", "a_inn", "b_name", "b_birth", "b_inn"
    ).iter_rows():
        inn = _agreement(a_inn, b_inn)
        birth = _agreement(a_birth, b_birth)
        if inn == "differ" or (birth == "differ" and inn != "equal"):
            continue
        comparison = compared(a_name, b_name)
        if inn == "equal":
            method = "inn"
        elif comparison.score >= match_at:
            method = "name"
        elif comparison.score >= possible_at and birth == "equal":
            method = "name+birth_date"
        else:
            continue
        parts = [{"part": p.part, "how": p.how, "score": p.score, "a": p.a, "b": p.b} for p in comparison.parts]
        rows.append((alias, officer, comparison.score, method, birth, inn, parts))
    return pl.DataFrame(rows, schema=MATCH_SCHEMA, orient="row")
