"""Time `declarations check` (sections С, В, Д) as a separate process: wall time and its own peak memory.

For `make bench` (benchmarks/run.py): `check_stages(servants)` generates `servants` × 5 years with
`sample_data.generator` (once, into bench-data/), loads them into a store and times `check` twice:
the first run (every flag new) and a re-run (the same flags found again). `time_check(db)` times
one run over any existing store. Target (issue 3): 100 000 servants × 5 years in < 60 s, < 4 GB.

Standalone:
    python -m benchmarks.bench_check --db store.duckdb [--year 2024]
    python -m benchmarks.bench_check --servants 100000

The work is linear in the data: every step of the checks is a hash join or aggregate, a sort or
a window over whole tables, and asset matching only pairs rows of the same two справки with the
same key (see checks/history.py); Python touches flagged rows only.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from benchmarks.measure import Measure, cli, generate, measure

YEARS = (2020, 2021, 2022, 2023, 2024)


def time_check(db: Path, size: str = "", year: int | None = None, note: str = "", stage: str = "check") -> Measure:
    """One `declarations check --db DB` as its own process (the store is changed: flags are saved)."""
    command = ["check", "--db", str(db)]
    if year is not None:
        command += ["--year", str(year)]
    return measure(stage, size or db.name, cli(*command), note=note)


def check_stages(servants: int, years: tuple[int, ...] = YEARS) -> list[Measure]:
    """Generate, load (timed), then time the first check run and a re-run."""
    data = generate(servants, list(years), folder=f"s{servants}-y{len(years)}", form="csv")
    size = f"{servants:,} servants × {len(years)} years".replace(",", " ")
    loaded = data / "loaded.duckdb"
    results = []
    if not (data / ".loaded").exists():
        loaded.unlink(missing_ok=True)
        results.append(measure("load, CSV folders", size,
                               cli("load", *[str(data / f"declarations_{y}") for y in years], "--db", str(loaded))))
        (data / ".loaded").touch()
    db = data / "check.duckdb"
    shutil.copyfile(loaded, db)
    declarations = _count(db)
    note = f"{declarations:,} справки".replace(",", " ")
    results.append(time_check(db, size, note=note + ", first run", stage="check"))
    results.append(time_check(db, size, note=note + ", re-run", stage="check (re-run)"))
    return results


def _count(db: Path) -> int:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM declarations").fetchall()[0][0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="time check over this store (a copy is used)")
    parser.add_argument("--year", type=int)
    parser.add_argument("--servants", type=int, default=None, help="generate, load and check this many servants")
    args = parser.parse_args()
    if args.db is not None:
        copy = args.db.with_suffix(".bench.duckdb")
        shutil.copyfile(args.db, copy)
        try:
            results = [time_check(copy, args.db.name, args.year)]
        finally:
            copy.unlink(missing_ok=True)
    else:
        results = check_stages(args.servants or 100_000)
    for m in results:
        print(f"{m.stage} | {m.size} | {m.wall_s:.1f} s | {m.peak_mb:.0f} MB | {m.note}")


if __name__ == "__main__":
    main()
