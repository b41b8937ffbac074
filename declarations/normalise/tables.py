"""Reading the reference tables of `data/` (CSV with `;`-separated alias lists)."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of `data/<name>.csv` as dictionaries (cached: the tables are small and fixed)."""
    text = resources.files("declarations.normalise").joinpath("data", f"{name}.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in rows)


def aliases(row: dict[str, str]) -> list[str]:
    return [a.strip() for a in row.get("aliases", "").split(";") if a.strip()]
