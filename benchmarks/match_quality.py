"""Name-matching quality on the generator's labelled benchmark, per noise kind.

Our matcher (blocking + part-by-part decision with the birth-date veto, exactly as
`declarations match` runs it) against a plain baseline: rapidfuzz `token_sort_ratio`
of the whole names >= 90 over all pairs. An officer row is predicted to be a person
(or relative) when any of their names matches; truth comes from `truth.csv`.
Writes `benchmarks/extra/match_quality.md`, which `make bench` appends to BENCHMARKS.md.
"""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import polars as pl
from rapidfuzz import fuzz, process

from checks.matching.candidates import candidate_pairs
from checks.matching.decide import decide, identities
from declarations.settings import load_settings
from sample_data.match_benchmark import labelled_frames

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "extra" / "match_quality.md"


def _ours(people, officers) -> dict[int, set[str]]:
    options = load_settings(None).match
    pairs = candidate_pairs(people, officers.with_columns(pl.lit(None, dtype=pl.Utf8).alias("person_inn")),
                            options.max_block_size)
    # leads that fit several people are no identity: they are scored end to end (affiliation_quality)
    matches = identities(decide(people, officers.with_columns(pl.lit(None, dtype=pl.Utf8).alias("person_inn")),
                                pairs, options))
    predicted = defaultdict(set)
    for officer, who in matches.join(people.select("alias_idx", "who"), on="alias_idx").select(
            "officer_idx", "who").iter_rows():
        predicted[officer].add(who)
    return predicted


def _baseline(people, officers) -> dict[int, set[str]]:
    names = people.get_column("name").to_list()
    whos = people.get_column("who").to_list()
    predicted = defaultdict(set)
    for officer, name in officers.select("officer_idx", "person_name").iter_rows():
        for _, score, index in process.extract(name, names, scorer=fuzz.token_sort_ratio, score_cutoff=90, limit=None):
            predicted[officer].add(whos[index])
    return predicted


def _scores(truth: pl.DataFrame, predicted: dict[int, set[str]]) -> dict[str, tuple[int, int, int]]:
    """Per noise kind: (rows, right predictions, wrong predictions)."""
    out: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row_id, who, noise in truth.select("row_id", "who", "noise").iter_rows():
        guess = predicted.get(row_id, set())
        out[noise][0] += 1
        out[noise][1] += int(who is not None and who in guess)
        out[noise][2] += len(guess - {who})
    return {k: (rows, right, wrong) for k, (rows, right, wrong) in out.items()}


def benchmark_data(persons: int = 2000, seed: int = 11) -> Path:
    """The labelled benchmark's folder, generated on first use."""
    folder = ROOT / "bench-data" / f"match-quality-{persons}"
    if not (folder / "truth.csv").exists() or "like_person_id" not in (folder / "truth.csv").open().readline():
        subprocess.run([sys.executable, "-m", "sample_data.generator", "--out", str(folder), "--match-benchmark",
                        "--persons", str(persons), "--seed", str(seed)], check=True, cwd=ROOT)
    return folder


def write_quality(persons: int = 2000, seed: int = 11) -> Path:
    people, officers, truth = labelled_frames(benchmark_data(persons, seed))
    results = {"ours": _scores(truth, _ours(people, officers)),
               "baseline": _scores(truth, _baseline(people, officers))}
    lines = [f"## Name matching quality ({persons} servants with relatives, generator seed {seed})", "",
             "Recall: true officer rows found; wrong: predictions naming another person (precision counts them).",
             "Identity matches only: a register row in initials that fits several people (`name_several`) is a lead",
             "for PROCUREMENT_AFFILIATION, scored end to end in the next section.",
             "Baseline: rapidfuzz token_sort_ratio >= 90 on whole names, all pairs.", "",
             "| noise kind | rows | recall (ours) | wrong (ours) | recall (baseline) | wrong (baseline) |",
             "|---|---:|---:|---:|---:|---:|"]
    totals = {k: [0, 0, 0] for k in results}
    for noise in sorted(results["ours"]):
        rows, ours_ok, ours_bad = results["ours"][noise]
        _, base_ok, base_bad = results["baseline"][noise]
        positive = truth.filter((pl.col("noise") == noise) & pl.col("who").is_not_null()).height
        recall = lambda ok: f"{ok / positive:.3f}" if positive else "—"  # noqa: E731
        lines.append(f"| {noise} | {rows} | {recall(ours_ok)} | {ours_bad} | {recall(base_ok)} | {base_bad} |")
        for key in results:
            totals[key][0] += positive
            totals[key][1] += results[key][noise][1]
            totals[key][2] += results[key][noise][2]
    for key, (positive, ok, bad) in totals.items():
        precision = ok / (ok + bad) if ok + bad else 0.0
        lines.append(f"\n**{key}**: recall {ok / positive:.3f}, precision {precision:.3f} "
                     f"({ok} right, {bad} wrong of {positive} true links)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return OUT


if __name__ == "__main__":
    print(write_quality(int(sys.argv[1]) if len(sys.argv) > 1 else 2000).read_text(encoding="utf-8"))
