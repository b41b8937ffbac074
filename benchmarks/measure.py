"""Measuring tools shared by the benchmark stages: run a command as its own process and record its wall
time and peak memory; generate the bench data sets once. `benchmarks/run.py` runs the stages."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench-data"
BIN = Path(sys.executable).parent


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


def generate(servants: int, years: list[int], folder: str | None = None, form: str = "both") -> Path:
    """A generated data set in bench-data/<folder> (default s<servants>), made once and reused."""
    out = DATA / (folder or f"s{servants}")
    marker = out / ".complete"
    if not marker.exists():
        out.mkdir(parents=True, exist_ok=True)
        measure("generate", f"{servants} × {len(years)} years", python(
            "-m", "sample_data.generator", "--out", str(out), "--servants", str(servants),
            "--years", *map(str, years), "--seed", "7", "--form", form, "--header-language", "en"))
        marker.touch()
    return out
