"""`make bench`: time every stage as a whole process and record wall time and peak memory.

Each stage is a separate process (the `declarations` CLI, or a small script), so its
peak resident memory is its own (`os.wait4` rusage). Results go to BENCHMARKS.md with
the machine, the date and the commit. Sizes: `--sizes 10000 100000` (servants).
Data sets are generated into `bench-data/` once and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
from datetime import datetime
from pathlib import Path

from benchmarks.bench_check import check_stages
from benchmarks.bench_publish import publish_stages
from benchmarks.measure import DATA, ROOT, Measure, cli, generate, measure, python

RESULTS = ROOT / "BENCHMARKS.md"


def load_stages(servants: int) -> list[Measure]:
    data = generate(servants, [2023, 2024])
    size = f"{servants:,} servants, 1 year".replace(",", " ", 1) if servants >= 1000 else f"{servants} servants, 1 year"
    results = []
    for form, path in (("CSV folder", data / "declarations_2024"), (".xlsx", data / "declarations_2024.xlsx")):
        db = data / f"load-{form[1:4].strip()}.duckdb"
        db.unlink(missing_ok=True)
        results.append(measure(f"load, {form}", size, cli("load", str(path), "--db", str(db))))
    results.append(measure(
        "read .xlsx with openpyxl read-only (baseline, read only, no validation)", size,
        python("-m", "benchmarks.openpyxl_baseline", str(data / "declarations_2024.xlsx"))))
    return results


def check_stage(servants: int) -> list[Measure]:
    return check_stages(servants)


def match_quality_stage() -> list[Measure]:
    from benchmarks.affiliation_quality import write_affiliation_quality
    from benchmarks.match_quality import write_quality

    write_quality(persons=2000)
    write_affiliation_quality(persons=2000)
    return []


def relative_quality_stage() -> list[Measure]:
    """POSSIBLE_UNDECLARED_RELATIVE on realistic name frequencies (600 servants, a register of 5 800 officers of
    whose companies a share bid, 10 planted siblings)."""
    from benchmarks.relative_quality import write_relative_quality

    write_relative_quality()
    return []


def match_compare_stage() -> list[Measure]:
    """Ours against nomenklatura's logic-v2 on the same pairs; logic-v2 runs in .venv-compare (`make bench`)."""
    subprocess.run(python("-m", "benchmarks.match_compare", "2000"), cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return []


REGISTER_ROWS = 5_000_000


def _n(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def match_scale_stage() -> list[Measure]:
    """The matching engine: 100 000 and 1 000 000 servants and relatives against 5 000 000 register rows."""
    results = []
    for persons in (100_000, 1_000_000):
        folder = DATA / "scale" / f"p{persons}-o{REGISTER_ROWS}"
        if not (folder / "truth.parquet").exists():
            subprocess.run(python("-m", "sample_data.scale", "--out", str(folder), "--persons", str(persons),
                                  "--officers", str(REGISTER_ROWS), "--seed", "1"), cwd=ROOT, check=True)
        measured = measure("match (candidates + decision)", f"{_n(persons)} people × {_n(REGISTER_ROWS)} register rows",
                           python("-m", "benchmarks.match_scale", str(folder)))
        found = json.loads((folder / "match-scale.json").read_text(encoding="utf-8"))
        seconds = ", ".join(f"{step} {value:.0f} s" for step, value in found["seconds"].items())
        measured.note = (f"{_n(found['aliases'])} names (with former names); {_n(found['pairs'])} candidate pairs, "
                         f"{found['pairs_per_alias']:.2f} per name, at most {found['max_pairs_for_one_alias']} for one; "
                         f"{_n(found['matches'])} matches; planted links found {_n(found['planted_found'])} of "
                         f"{_n(found['planted'])}; {seconds}")
        results.append(measured)
    return results


def template_stage(servants: int) -> list[Measure]:
    """The next year's template pre-filled from a loaded year, and loading it back untouched."""
    data = generate(servants, [2023, 2024])
    size = f"{servants:,} servants".replace(",", " ")
    db = data / "template.duckdb"
    db.unlink(missing_ok=True)
    subprocess.run(cli("load", str(data / "declarations_2024"), "--db", str(db)), check=True,
                   stdout=subprocess.DEVNULL)
    book = data / "template_2025.xlsx"
    results = [measure("template, pre-filled from the store", size,
                       cli("template", "--year", "2025", "--db", str(db), "--out", str(book)))]
    results.append(measure("load the untouched pre-filled template", size, cli("load", str(book), "--db", str(db)),
                           note="the roster loads, the drafts without a date are set aside"))
    return results


PUBLIC_SECTIONS = 1_000_000


def person_linking_stage() -> list[Measure]:
    """Public declarations: quality on Declarator's labelled pairs (benchmarks/extra/person_linking.md), and
    linking 1 000 000 generated sections in a fresh store (time and memory of that process)."""
    from benchmarks.person_linking import LINK_TRAIN
    from benchmarks.person_linking import main as link_quality

    if LINK_TRAIN.exists():
        link_quality([str(LINK_TRAIN)])
    folder = DATA / "public-scale" / f"s{PUBLIC_SECTIONS}"
    if not (folder / "servants.parquet").exists():
        subprocess.run(python("-m", "sample_data.public_scale", "--out", str(folder), "--sections",
                              str(PUBLIC_SECTIONS), "--seed", "1"), cwd=ROOT, check=True)
    measured = measure("link public declarations into people (store filled + linking)",
                       f"{_n(PUBLIC_SECTIONS)} public sections", python("-m", "benchmarks.person_linking_scale", str(folder)))
    found = json.loads((folder / "link-scale.json").read_text(encoding="utf-8"))
    seconds = ", ".join(f"{step} {value:.0f} s" for step, value in found["seconds"].items())
    measured.note = (f"{_n(found['people'])} people made ({_n(found['people_true'])} generated); "
                     f"{_n(found['person_links_rows'])} rows in person_links, {_n(found['links'])} links, "
                     f"{_n(found['refused'])} refused by the one-declaration-per-year rule; pairwise precision "
                     f"{found['precision']:.4f}, recall {found['recall']:.4f}; {seconds}")
    return [measured]


def asset_identity_stage() -> list[Measure]:
    """Year-over-year asset identity (issue 10): pairs and Д flags scored on realistic and clean data."""
    subprocess.run(python("-m", "benchmarks.asset_identity", "--servants", "600", "--years", "5"), cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    return []


STAGES = [load_stages, check_stage, publish_stages, template_stage]  # for each size of organisation
ONCE = [match_quality_stage, relative_quality_stage, match_compare_stage, match_scale_stage, asset_identity_stage,
        person_linking_stage]


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    return f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1024 / 1024:.0f} GB RAM, Python {platform.python_version()}"


def commit() -> str:
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip() or "unknown"


def _table_rows(text: str) -> list[Measure]:
    """The rows of a BENCHMARKS.md results table, read back so that `--only` can keep them."""
    rows = []
    for line in text.splitlines():
        if line.startswith("## "):
            break  # the quality sections (benchmarks/extra) follow the results table; their tables are not rows
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and line.startswith("| ") and cells[2].replace(".", "", 1).isdigit():
            rows.append(Measure(cells[0], cells[1], float(cells[2]), float(cells[3]), cells[4]))
    return rows


def merged_with_previous(results: list[Measure], previous: str) -> list[Measure]:
    """Previous rows with those re-measured now replaced (same stage and size), new ones at the end."""
    fresh = {(m.stage, m.size): m for m in results}
    kept = [fresh.pop((m.stage, m.size), m) for m in _table_rows(previous)]
    return kept + list(fresh.values())


def write_results(results: list[Measure], only: list[str] | None = None) -> None:
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    header = [f"- Machine: {machine()}", f"- Date: {datetime.now():%Y-%m-%d %H:%M}", f"- Commit: {commit()}"]
    if only:
        header = [line for line in previous.splitlines()
                  if line.startswith(("- Machine:", "- Date:", "- Commit:", "- Re-measured"))]
        if results:
            header.append(f"- Re-measured with `--only {' '.join(only)}` on {datetime.now():%Y-%m-%d %H:%M} at {commit()}")
        results = merged_with_previous(results, previous)
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`benchmarks/run.py`); each stage is a separate process, timed as a whole,",
        "with its own peak resident memory. Targets are in the issues; the figures are what this run measured.",
        "",
        *header,
        "",
        "| stage | size | wall, s | peak memory, MB | note |",
        "|---|---|---:|---:|---|",
    ]
    lines += [f"| {m.stage} | {m.size} | {m.wall_s:.1f} | {m.peak_mb:.0f} | {m.note} |" for m in results]
    extra = ROOT / "benchmarks" / "extra"
    if extra.exists():
        for part in sorted(extra.glob("*.md")):
            lines += ["", part.read_text(encoding="utf-8").rstrip()]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"[bench] written {RESULTS}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--only", nargs="+", metavar="STAGE", choices=[s.__name__ for s in STAGES + ONCE],
                        help="re-measure only these stage functions; the other rows of BENCHMARKS.md are kept")
    parser.add_argument("--rebuild", action="store_true",
                        help="measure nothing: rewrite BENCHMARKS.md from its rows and benchmarks/extra/*.md")
    args = parser.parse_args()
    if args.rebuild:
        write_results([], only=["--rebuild"])
        return
    results: list[Measure] = []
    for servants in args.sizes:
        for stage in STAGES:
            if not args.only or stage.__name__ in args.only:
                results += stage(servants)
    for once in ONCE:
        if not args.only or once.__name__ in args.only:
            results += once()
    write_results(results, args.only)


if __name__ == "__main__":
    main()
