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
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench-data"
BIN = Path(sys.executable).parent
RESULTS = ROOT / "BENCHMARKS.md"


@dataclass
class Measure:
    stage: str
    size: str
    wall_s: float
    peak_mb: float
    note: str = ""


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (worker pools included)."""
    parents, rss = {}, {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        pid = int(status.parent.name)
        parents[pid] = int(fields.get("PPid", "0"))
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, frontier = {root}, [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier and pid not in tree]
        tree.update(frontier)
    return sum(rss.get(pid, 0) for pid in tree)


def _sample_peak(pid: int, peak: list[int], done: threading.Event) -> None:
    while not done.wait(0.25):
        peak[0] = max(peak[0], _tree_rss_kb(pid))


def measure(stage: str, size: str, command: list[str], note: str = "", cwd: Path = ROOT) -> Measure:
    """Run one command as its own process; wall time and peak memory (the larger of the process's own
    peak RSS and the sampled sum over it and its worker processes)."""
    print(f"[bench] {stage} ({size}): {' '.join(command)}", flush=True)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, done = [0], threading.Event()
    sampler = threading.Thread(target=_sample_peak, args=(process.pid, peak, done), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    done.set()
    sampler.join()
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"stage {stage} failed:\n{stderr[-3000:]}")
    result = Measure(stage, size, wall, max(usage.ru_maxrss, peak[0]) / 1024, note)
    print(f"[bench]   {wall:.1f} s, {result.peak_mb:.0f} MB", flush=True)
    return result


def python(*args: str) -> list[str]:
    return [str(BIN / "python"), *args]


def cli(*args: str) -> list[str]:
    return [str(BIN / "declarations"), "--quiet", *args]


def generate(servants: int, years: list[int]) -> Path:
    out = DATA / f"s{servants}"
    marker = out / ".complete"
    if not marker.exists():
        out.mkdir(parents=True, exist_ok=True)
        measure("generate", f"{servants}", python(
            "-m", "sample_data.generator", "--out", str(out), "--servants", str(servants),
            "--years", *map(str, years), "--seed", "7", "--form", "both", "--header-language", "en"))
        marker.touch()
    return out


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
    from benchmarks.bench_check import check_stages  # imports this module: load it lazily

    return check_stages(servants)


def match_quality_stage() -> list[Measure]:
    from benchmarks.affiliation_quality import write_affiliation_quality
    from benchmarks.match_quality import write_quality

    write_quality(persons=2000)
    write_affiliation_quality(persons=2000)
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


def asset_identity_stage() -> list[Measure]:
    """Year-over-year asset identity (issue 10): pairs and Д flags scored on realistic and clean data."""
    subprocess.run(python("-m", "benchmarks.asset_identity", "--servants", "600", "--years", "5"), cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    return []


from benchmarks.bench_publish import publish_stages  # noqa: E402  (it imports this module lazily)
STAGES = [load_stages, check_stage, publish_stages]  # for each size of organisation
ONCE = [match_quality_stage, match_compare_stage, match_scale_stage, asset_identity_stage]


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    return f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1024 / 1024:.0f} GB RAM, Python {platform.python_version()}"


def commit() -> str:
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip() or "unknown"


def write_results(results: list[Measure]) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`benchmarks/run.py`); each stage is a separate process, timed as a whole,",
        "with its own peak resident memory. Targets are in the issues; the figures are what this run measured.",
        "",
        f"- Machine: {machine()}",
        f"- Date: {datetime.now():%Y-%m-%d %H:%M}",
        f"- Commit: {commit()}",
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
    args = parser.parse_args()
    results: list[Measure] = []
    for servants in args.sizes:
        for stage in STAGES:
            results += stage(servants)
    for stage in ONCE:
        results += stage()
    write_results(results)


if __name__ == "__main__":
    main()
