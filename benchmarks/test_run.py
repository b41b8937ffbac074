"""`make bench --only`: the rows kept from BENCHMARKS.md are those of its results table, not the tables of
the quality sections appended after it. (The benchmarks' own test: it lives beside them, so that `tests/`
never imports `benchmarks`.)"""

from benchmarks.measure import Measure
from benchmarks.run import merged_with_previous

PREVIOUS = """# Benchmarks

| stage | size | wall, s | peak memory, MB | note |
|---|---|---:|---:|---|
| load, CSV folder | 10 000 servants, 1 year | 3.1 | 400 | |
| check | 10 000 servants, 1 year | 5.0 | 500 | |

## A quality section

| min score | servants flagged | right | recall | precision |
|---:|---:|---:|---:|---:|
| 0.5 | 115 | 30 | 1.000 | 0.261 |
"""


def test_only_keeps_the_results_rows_and_replaces_the_re_measured_one():
    merged = merged_with_previous([Measure("check", "10 000 servants, 1 year", 4.0, 450)], PREVIOUS)
    assert [(m.stage, m.wall_s) for m in merged] == [("load, CSV folder", 3.1), ("check", 4.0)]
