"""`make bench`: time every stage as a whole process and record wall time and peak memory.

Each stage is a separate process (the `declarations` CLI, or a small script), so its
peak resident memory is its own (`os.wait4` rusage). Results go to BENCHMARKS.md with
the machine, the date and the commit. Sizes: `--sizes 10000 100000` (servants).
Data sets are generated into `bench-data/` once and reused.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
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


def measure(stage: str, size: str, command: list[str], note: str = "", cwd: Path = ROOT) -> Measure:
    """Run one command as its own process; wall time and its own peak RSS."""
    print(f"[bench] {stage} ({size}): {' '.join(command)}", flush=True)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"stage {stage} failed:\n{stderr[-3000:]}")
    result = Measure(stage, size, wall, usage.ru_maxrss / 1024, note)
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


def match_quality_stage(servants: int) -> list[Measure]:
    from benchmarks.match_quality import write_quality

    write_quality(persons=min(servants, 2000))
    return []


def match_compare_stage(servants: int) -> list[Measure]:
    """Ours against nomenklatura's logic-v2 on the same pairs; logic-v2 runs in .venv-compare (`make bench`)."""
    subprocess.run(python("-m", "benchmarks.match_compare", str(min(servants, 2000))), cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return []


from benchmarks.bench_publish import publish_stages  # noqa: E402  (it imports this module lazily)
STAGES = [load_stages, check_stage, match_quality_stage, match_compare_stage, publish_stages]


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
    write_results(results)


if __name__ == "__main__":
    main()
