"""Crash safety: `publish` killed with SIGKILL at random points leaves each output whole — the previous
one or the new one, never a cut CSV, invalid JSON, a broken xlsx or a site index linking to missing
pages — and the store whole. Bounded: a few thousand servants, a handful of kills (about a minute)."""

from __future__ import annotations

import csv
import json
import random
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import duckdb
import pytest

BIN = Path(sys.executable).parent / "declarations"
YEAR = 2024
KILLS = 5
FILES = [f"{YEAR}/declarations_{YEAR}.csv", f"{YEAR}/declarations_{YEAR}.json", f"{YEAR}/declarations_{YEAR}.xlsx"]


def publish(db: Path, out: Path, config: Path) -> subprocess.Popen:
    return subprocess.Popen([str(BIN), "-q", "publish", "--year", str(YEAR), "--out", str(out), "--db", str(db),
                             "--config", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={"PATH": "/usr/bin:/bin"})


def snapshot(out: Path) -> dict[str, object]:
    """What each output says (not its bytes: an xlsx carries the time it was written)."""
    found: dict[str, object] = {}
    csv_path, json_path, xlsx_path = (out / name for name in FILES)
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        found["csv"] = list(csv.reader(handle))
    found["json"] = json.loads(json_path.read_text(encoding="utf-8"))
    found["xlsx"] = sheets(xlsx_path)
    site = out / "site" / str(YEAR)
    found["site"] = sorted((p.name, sheets(p) if p.suffix == ".xlsx" else p.read_bytes()) for p in site.iterdir())
    return found


def sheets(xlsx: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(xlsx) as package:
        assert package.testzip() is None
        return sorted((name, package.read(name)) for name in package.namelist()
                      if name.startswith("xl/worksheets/sheet"))


def site_links_resolve(out: Path) -> None:
    site = out / "site"
    for page in [site / "index.html", *(site / str(YEAR)).glob("*.html")]:
        for href in re.findall(r'href="([^"#:]+)"', page.read_text(encoding="utf-8")):
            assert (page.parent / href).exists(), f"{page.name} links to missing {href}"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    from sample_data.generator import generate

    tmp = tmp_path_factory.mktemp("crash")
    generate(tmp / "data", servants=1500, years=[YEAR], form="csv")
    db = tmp / "store.duckdb"
    loaded = subprocess.run([str(BIN), "-q", "load", str(tmp / "data" / f"declarations_{YEAR}"), "--db", str(db)],
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, timeout=300)
    assert loaded.returncode == 0, loaded.stderr
    configs = {}
    for order in ("surname", "position"):
        configs[order] = tmp / f"{order}.toml"
        configs[order].write_text(f'[publish]\nsort_by = "{order}"\n', encoding="utf-8")
    return tmp, db, configs


def test_killed_publish_leaves_whole_outputs(prepared):
    tmp, db, configs = prepared
    with duckdb.connect(str(db), read_only=True) as con:
        rows_before = con.execute("SELECT count(*) FROM declarations").fetchall()[0][0]
    # the two whole states: the old publication (by surname) and the new one (by position)
    states = {}
    for order in ("position", "surname"):
        reference = tmp / f"ref_{order}"
        started = time.monotonic()
        process = publish(db, reference, configs[order])
        assert process.wait(timeout=300) == 0, process.stderr.read()
        duration = time.monotonic() - started
        states[order] = snapshot(reference)
    assert states["surname"]["csv"] != states["position"]["csv"]

    out = tmp / "out"
    assert publish(db, out, configs["surname"]).wait(timeout=300) == 0
    chance = random.Random(13)
    outcomes = []
    for _ in range(KILLS):
        process = publish(db, out, configs["position"])
        time.sleep(chance.uniform(0.3, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        now = snapshot(out)
        for part in ("csv", "json", "xlsx", "site"):
            assert now[part] in (states["surname"][part], states["position"][part]), f"{part} is neither old nor new"
        site_links_resolve(out)
        outcomes.append(tuple(now[p] == states["position"][p] for p in ("csv", "json", "xlsx", "site")))
        # back to the old publication for the next trial
        assert publish(db, out, configs["surname"]).wait(timeout=300) == 0
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".partial")]
    assert len(leftovers) <= 2 * len(FILES) + 2  # the temporary files of the last kill at most
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM declarations").fetchall()[0][0] == rows_before
    print("outcomes (csv, json, xlsx, site are new):", outcomes)
    assert len(outcomes) == KILLS
