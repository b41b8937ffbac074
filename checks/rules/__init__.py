"""The building blocks of the check rules: the rule and the run context.

A rule is a function decorated with :func:`rule`: it gets a :class:`Context` (an
isolated DuckDB cursor over the store, the settings and the requested year) and
returns the :class:`~checks.flags.Flag` objects it found. The rule finds its rows with
one set-based SQL query (never a Python loop over a big table); only the flagged
rows are turned into flags in Python. Rules of one family live in one module
(`submission`, `consistency`, `dynamics_*`); `checks/registry.py` collects them in the order of
`checks/catalogue.py`, which holds everything else about a code.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import polars as pl

from checks import catalogue
from checks.catalogue import FindingCode
from checks.flags import Flag
from declarations.settings import deadline_options
from declarations.store import Store
from declarations import calendar
# Russian formatting lives in the core and evidence rendering in checks.evidence_render; the rule
# modules import both from here.
from declarations.russian import area_ru, date_ru, number_ru, rub, years_ru  # noqa: F401
from checks.evidence_render import (ASSET_DESCRIBERS, SUBJECT_TITLES, describe_account,  # noqa: F401
                                    describe_expense, describe_income, describe_pair, describe_real_estate,
                                    describe_vehicle, label, relation_ru, subject_ru)

TRACE = bool(os.environ.get("DECLARATIONS_TRACE_SQL"))  # timings of every statement, on stderr
# DuckDB settings for the run: a memory ceiling (the rest of the process holds the flags) and no
# insertion order to keep in the intermediate tables. Override with DECLARATIONS_CHECK_MEMORY.
RUN_SETTINGS = {"memory_limit": os.environ.get("DECLARATIONS_CHECK_MEMORY", "2GB"), "preserve_insertion_order": "false"}


# --------------------------------------------------------------------------- the run context

class Context:
    """One check run: its own DuckDB cursor (temporary tables live and die with it)."""

    def __init__(self, store: Store, settings: dict[str, Any], year: int | None = None):
        self.store = store
        self.con: duckdb.DuckDBPyConnection = store.con.cursor()
        self.settings = settings
        self.options: dict[str, Any] = settings["checks"]
        self.year = None if year is None else int(year)
        self._built: dict[str, Any] = {}
        # DuckDB may take most of the RAM by default; the checks spill to disk instead (restored on close)
        self._restore = {name: self.scalar(f"SELECT current_setting('{name}')") for name in RUN_SETTINGS}
        for name, value in RUN_SETTINGS.items():
            self.con.execute(f"SET {name} = '{value}'")

    # --- SQL helpers
    def run(self, sql: str, params: list[Any] | None = None) -> None:
        started = time.perf_counter()
        self.con.execute(sql, params or [])
        self.con.complete()
        if TRACE:
            print(f"[sql {time.perf_counter() - started:6.2f}s] {' '.join(sql.split())[:110]}", file=sys.stderr)

    def frame(self, sql: str, params: list[Any] | None = None) -> pl.DataFrame:
        started = time.perf_counter()
        result = self.con.sql(sql, params=params).pl() if params else self.con.sql(sql).pl()
        if TRACE:
            print(f"[sql {time.perf_counter() - started:6.2f}s] {result.height} rows: {' '.join(sql.split())[:90]}",
                  file=sys.stderr)
        return result

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        return self.frame(sql, params).to_dicts()

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        return self.con.execute(sql, params or []).fetchall()[0][0]

    def register(self, name: str, frame: pl.DataFrame) -> None:
        self.con.register(name, frame.to_arrow())

    @contextmanager
    def keys(self, name: str, **columns: list[Any]) -> Iterator[str]:
        """Register the keys of flagged rows as a small table `name` to join (evidence look-ups)."""
        frame = pl.DataFrame([pl.Series(k, list(v), dtype=None if len(v) else
                                        (pl.Int64 if k.endswith("year") else pl.Utf8))
                              for k, v in columns.items()]).unique()
        self.register(name, frame)
        try:
            yield name
        finally:
            self.con.unregister(name)

    def year_is(self, column: str) -> str:
        """SQL condition limiting a reporting-year column to the requested year (or TRUE)."""
        return "TRUE" if self.year is None else f"{column} = {self.year}"

    def once(self, key: str, build: Callable[[], Any]) -> Any:
        """Build a shared intermediate (a temp table) once per run."""
        if key not in self._built:
            self._built[key] = build()
        return self._built[key]

    # --- settings
    def option(self, name: str) -> Any:
        return self.options[name]

    def filing_deadline(self, year: int) -> date:
        options = deadline_options(self.settings)
        return calendar.filing_deadline(
            year, "default", options["categories"],
            move_filing_to_working_day=options["move_filing_to_working_day"],
            extra_days_off=options["extra_days_off"], extra_working_days=options["extra_working_days"],
        )

    def close(self) -> None:
        for (name,) in self.con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'chk_%'").fetchall():
            self.con.execute(f"DROP TABLE IF EXISTS {name}")
        self.con.close()
        # a small limit for a moment makes DuckDB hand the run's buffers back before saving the flags
        try:
            self.store.con.execute("SET memory_limit = '64MB'")
        except duckdb.Error:
            pass
        for name, value in self._restore.items():
            self.store.con.execute(f"SET {name} = '{value}'")


# --------------------------------------------------------------------------- the rule

@dataclass(frozen=True)
class Rule:
    """One check: the catalogue entry of the code it implements (checks/catalogue.py) and its finder."""

    entry: FindingCode
    find: Callable[[Context, "Rule"], list[Flag]] = field(repr=False)

    @property
    def code(self) -> str:
        return self.entry.code

    @property
    def family(self) -> str:
        return self.entry.family

    @property
    def severity(self) -> str:
        return self.entry.severity

    @property
    def title(self) -> str:
        return self.entry.title

    @property
    def template(self) -> str:
        return self.entry.template

    @property
    def describe(self) -> Callable[[dict[str, Any]], str] | None:
        return self.entry.describe

    @property
    def name(self) -> str:
        return f"{self.code} — {self.title}"

    def __call__(self, ctx: Context) -> list[Flag]:
        return self.find(ctx, self)

    def flag(self, *, person_id: str, year: int, identity: str, evidence: dict[str, Any], **values: Any) -> Flag:
        return Flag.of(self.entry, person_id=person_id, year=year, identity=identity, evidence=evidence,
                       **values)


#: every rule defined so far, by code (`checks/registry.py` imports the rule modules and orders them)
DEFINED: dict[str, Rule] = {}


def rule(code: str) -> Callable[[Callable], Rule]:
    """Decorator: `find(ctx, rule) -> list[Flag]` implements the catalogue code `code` (one rule per code)."""
    entry = catalogue.entry(code)
    if entry.family not in catalogue.CHECK_FAMILIES:
        raise ValueError(f"{code}: section {entry.family} is raised by `declarations match`, not by a check rule")

    def wrap(find: Callable[[Context, Rule], list[Flag]]) -> Rule:
        if code in DEFINED:
            raise ValueError(f"{code}: two rules implement it ({DEFINED[code].find.__module__} and {find.__module__})")
        made = DEFINED[code] = Rule(entry, find)
        return made

    return wrap


def sale_pattern(words: Iterable[str]) -> str:
    """A regular expression (for DuckDB regexp_matches) matching any of the sale words, folded."""
    cleaned = [re.escape(w.strip().lower().replace("ё", "е")) for w in words if w and w.strip()]
    return "|".join(cleaned) if cleaned else "[^\\s\\S]"  # no words: a pattern that never matches
