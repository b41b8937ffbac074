"""Time `declarations publish` (xlsx, csv, Declarator json, static site) as a separate process.

For `make bench` (benchmarks/run.py): `publish_stages(servants)` reuses the generated data of
`measure.generate()` (bench-data/s<N>), loads the 2024 CSV folder into a fresh store with the CLI
(timed as its own row) and times one `publish --year 2024` into a fresh folder: wall time and
its own peak memory. The note counts what was written: servants, справки, rows of the table.
Target (the publication issue): 100 000 servants, all formats, < 60 s and < 4 GB.

Standalone:
    python -m benchmarks.bench_publish --servants 10000
    python -m benchmarks.bench_publish --db store.duckdb --year 2024
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.measure import Measure

# benchmarks.run lists this module in its STAGES: import it lazily, inside the functions.
YEAR = 2024


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _declarations(db: Path, year: int) -> int:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM effective_declarations WHERE year = ? AND source = 'workbook'",
                           [year]).fetchall()[0][0]


def written(db: Path, out: Path, year: int = YEAR) -> str:
    """What was published: declarants (json persons), справки of the year (store), table rows (csv), pages."""
    document = json.loads((out / str(year) / f"declarations_{year}.json").read_text(encoding="utf-8"))
    with (out / str(year) / f"declarations_{year}.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = sum(1 for _ in csv.reader(handle)) - 1
    pages = sum(1 for _ in (out / "site" / str(year)).glob("*.html"))
    return (f"{_thousands(len(document['persons']))} servants, {_thousands(_declarations(db, year))} справки, "
            f"{_thousands(rows)} table rows, {pages} pages")


def time_publish(db: Path, out: Path, size: str, year: int = YEAR) -> Measure:
    """One `declarations publish` into a fresh `out` as its own process."""
    from benchmarks.measure import cli, measure

    shutil.rmtree(out, ignore_errors=True)
    result = measure("publish, all formats", size,
                     cli("publish", "--year", str(year), "--db", str(db), "--out", str(out)))
    result.note = written(db, out, year)
    return result


def publish_stages(servants: int) -> list[Measure]:
    """Load the 2024 CSV folder into a fresh store (timed), then time the publication."""
    from benchmarks.measure import cli, generate, measure

    data = generate(servants, [2023, YEAR])
    size = f"{_thousands(servants)} servants, 1 year"
    db = data / "publish.duckdb"
    db.unlink(missing_ok=True)
    results = [measure("load for publish, CSV folder", size, cli("load", str(data / f"declarations_{YEAR}"),
                                                                  "--db", str(db)))]
    results.append(time_publish(db, data / "publish-out", size))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="time publish over this store")
    parser.add_argument("--year", type=int, default=YEAR)
    parser.add_argument("--servants", type=int, default=100_000, help="generate, load and publish this many")
    args = parser.parse_args()
    if args.db is not None:
        results = [time_publish(args.db, args.db.parent / "publish-out", args.db.name, args.year)]
    else:
        results = publish_stages(args.servants)
    for m in results:
        print(f"{m.stage} | {m.size} | {m.wall_s:.1f} s | {m.peak_mb:.0f} MB | {m.note}")


if __name__ == "__main__":
    main()
