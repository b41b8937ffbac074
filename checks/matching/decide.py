"""Deciding whether a candidate pair is the same person, and saying why.

The pairs come from `candidates.candidate_pairs`, vetoes already applied (different
INNs, different birth dates, a person too young for the role).

- Same personal INN: the same person, whatever the spelling.
- Otherwise the name score (`checks.names.compare_names`, part by part) decides:
  at least `match_threshold`, or at least `possible_threshold` when the birth dates
  agree (initials only, a missing patronymic, two typos).
- A name at least `possible_threshold` without a birth date to agree on ("Иванов И.И."
  in the register) is a lead, not an identity: method `name_unique` when the register
  row fits exactly one of our people at that level, `name_several` when it fits more
  (`fits` says how many). Which findings take leads is for `findings` to say:
  PROCUREMENT_AFFILIATION does, because there the procedure narrows the people down to
  those who handled it, and a conflict missed costs more than a flag looked at; the
  others take `name_several` from nobody.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from checks.names import NameComparison, PersonName, compare_names, parse_frame, parse_name
from checks.names.parse_frame import names_with_origins
from declarations.settings import MatchSettings

MATCH_SCHEMA = pl.Schema({
    "alias_idx": pl.Int64(), "officer_idx": pl.Int64(), "score": pl.Float64(), "method": pl.Utf8(),
    "birth": pl.Utf8(), "inn": pl.Utf8(), "parts": pl.List(pl.Struct({
        "part": pl.Utf8(), "how": pl.Utf8(), "score": pl.Float64(), "a": pl.Utf8(), "b": pl.Utf8()})),
    "fits": pl.UInt32(),  # leads only: how many of our people the register row fits
})
LEAD_METHODS = ("name_unique", "name_several")


@lru_cache(maxsize=1 << 17)
def parsed(name: str) -> PersonName:
    return parse_name(name)


@lru_cache(maxsize=1 << 17)
def compared(a: str, b: str) -> NameComparison:
    return compare_names(parsed(a), parsed(b))


def _agreement(a, b) -> str:
    if a is None or b is None:
        return "unknown"
    return "equal" if a == b else "differ"


def identities(matches: pl.DataFrame) -> pl.DataFrame:
    """The matches that say who a register row is: all but the leads that fit several people."""
    return matches.filter(pl.col("method") != "name_several")


BATCH = 200_000  # pairs whose names are parsed and compared together (bounds the Python objects)


def decide(people: pl.DataFrame, officers: pl.DataFrame, pairs: pl.DataFrame, settings: MatchSettings) -> pl.DataFrame:
    """The accepted matches and the leads among `pairs`, with the evidence for each."""
    joined = pairs.join(
        people.select("alias_idx", pl.coalesce("relative_id", "person_id").alias("who"), pl.col("name").alias("a_name"),
                      pl.col("birth_date").alias("a_birth"), pl.col("inn").alias("a_inn")), on="alias_idx"
    ).join(
        officers.select("officer_idx", pl.col("person_name").alias("b_name"), pl.col("birth_date").alias("b_birth"),
                        pl.col("person_inn").alias("b_inn")), on="officer_idx"
    ).select("alias_idx", "officer_idx", "a_name", "a_birth", "a_inn", "b_name", "b_birth", "b_inn", "who")
    accepted, leads, fitting = [pl.DataFrame(schema=MATCH_SCHEMA)], [], []
    for batch in joined.iter_slices(BATCH):
        sure, lead, fit = _decide_batch(batch, settings)
        accepted.append(sure)
        leads.append(lead)
        fitting.append(fit)
    if not leads:
        return accepted[0]
    fits = pl.concat(fitting).group_by("officer_idx").agg(pl.col("who").n_unique().alias("fits"))
    counted = pl.concat(leads).join(fits, on="officer_idx").with_columns(
        pl.when(pl.col("fits") == 1).then(pl.lit("name_unique")).otherwise(pl.lit("name_several")).alias("method"))
    return pl.concat([*accepted, counted.select(list(MATCH_SCHEMA))])


def _decide_batch(batch: pl.DataFrame, settings: MatchSettings) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """A batch's accepted matches, its leads (method settled once all fits are known), and who fits which row."""
    match_at = settings.match_threshold
    possible_at = settings.possible_threshold
    named = names_with_origins(parse_frame(pl.concat([batch.get_column("a_name"), batch.get_column("b_name")])))
    comparisons: dict[tuple[str, str], NameComparison] = {}
    rows, leads, fits = [], [], []
    for alias, officer, a_name, a_birth, a_inn, b_name, b_birth, b_inn, who in batch.iter_rows():
        inn = _agreement(a_inn, b_inn)
        birth = _agreement(a_birth, b_birth)
        comparison = comparisons.get((a_name, b_name))
        if comparison is None:
            (name_a, origin_a), (name_b, origin_b) = named[a_name], named[b_name]
            comparison = comparisons[a_name, b_name] = compare_names(name_a, name_b, origin_a, origin_b)
        if comparison.is_possible(possible_at):
            fits.append((officer, who))
        if inn == "equal":
            method = "inn"
        elif comparison.is_match(match_at):
            method = "name"
        elif comparison.is_possible(possible_at) and birth == "equal":
            method = "name+birth_date"
        elif comparison.is_possible(possible_at) and birth == "unknown":
            leads.append((alias, officer, comparison.score, "lead", birth, inn, _parts(comparison), None))
            continue
        else:
            continue
        rows.append((alias, officer, comparison.score, method, birth, inn, _parts(comparison), None))
    return (pl.DataFrame(rows, schema=MATCH_SCHEMA, orient="row"),
            pl.DataFrame(leads, schema=MATCH_SCHEMA, orient="row").drop("fits"),
            pl.DataFrame(fits, schema={"officer_idx": pl.Int64, "who": pl.Utf8}, orient="row"))


def _parts(comparison: NameComparison) -> list[dict]:
    return [{"part": p.part, "how": p.how, "score": p.score, "a": p.a, "b": p.b} for p in comparison.parts]
