"""Name matching at scale: servants and relatives against a company register.

Runs the matching engine of `declarations match` (candidate pairs: parsing, blocking
keys, DuckDB joins, vetoes, pre-filter; then the part-by-part decision) on data made by
`sample_data.scale`, and writes what it found and how long each step took to
`<data>/match-scale.json`; `benchmarks.run` times the whole process (wall, peak memory).

    python -m benchmarks.match_scale bench-data/scale/p1000000-o5000000
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import polars as pl

from checks.matching.candidates import block_stats, candidate_pairs
from checks.matching.decide import decide, identities
from declarations.settings import load_settings
from sample_data.match_benchmark import aliases


def run(folder: Path) -> dict:
    options = load_settings(None).match
    steps: dict[str, float] = {}
    start = time.perf_counter()
    people = aliases(pl.read_parquet(folder / "persons.parquet"))
    officers = pl.read_parquet(folder / "officers.parquet", columns=[
        "officer_idx", "person_name", "birth_date", "person_inn", "role", "since"])
    steps["read"] = time.perf_counter() - start
    mark = time.perf_counter()
    pairs = candidate_pairs(people, officers, options.max_block_size)
    steps["candidates"] = time.perf_counter() - mark
    mark = time.perf_counter()
    matches = decide(people, officers, pairs, options)
    steps["decide"] = time.perf_counter() - mark
    truth = pl.read_parquet(folder / "truth.parquet")
    identified = identities(matches)
    found = identified.join(people.select("alias_idx", "who"), on="alias_idx").select("officer_idx", "who").unique()
    hit = truth.join(found.with_columns(pl.lit(True).alias("hit")), on=["officer_idx", "who"], how="left")
    planted_found = int(hit.get_column("hit").sum())
    by_noise = hit.group_by("noise").agg(pl.col("hit").fill_null(False).mean().round(3)).sort("noise")
    result = {
        "persons": pl.read_parquet(folder / "persons.parquet", columns=["person_id"]).height,
        "aliases": people.height,
        "officers": officers.height,
        **block_stats(people, pairs),
        "matches": identified.height,
        "leads": matches.height - identified.height,
        "planted": truth.height,
        "planted_found": planted_found,
        "recall_by_noise": dict(by_noise.iter_rows()),
        "seconds": {k: round(v, 1) for k, v in steps.items()},
    }
    (folder / "match-scale.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1])), indent=1))
