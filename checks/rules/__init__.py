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
from declarations.settings import Settings, duckdb_memory_limit
from declarations.store import Store
from declarations import calendar
# Russian formatting lives in the core and evidence rendering in checks.evidence_render; the rule
# modules import both from here.
from declarations.russian import area_ru, date_ru, number_ru, rub, years_ru  # noqa: F401
from checks.evidence_render import (ASSET_DESCRIBERS, SUBJECT_TITLES, describe_account,  # noqa: F401
                                    describe_expense, describe_income, describe_pair, describe_real_estate,
                                    describe_vehicle, label, relation_ru, subject_ru)

TRACE = bool(os.environ.get("DECLARATIONS_TRACE_SQL"))  # timings of every statement, on stderr


def run_settings() -> dict[str, str]:
    """DuckDB settings for the run: a memory ceiling (declarations.settings.duckdb_memory_limit: the rest
    of the process holds the flags) and no insertion order to keep in the intermediate tables."""
    return {"memory_limit": duckdb_memory_limit(), "preserve_insertion_order": "false"}


# Values of the whole run that any statement may name (`$year`, `$area_tolerance`): Context binds each
# where a statement uses it, so SQL built from pieces (checks.identity) never pastes a value.
RUN_PARAMETER = re.compile(r"\$([A-Za-z_]\w*)")
AREA_TOLERANCE = "$area_tolerance"  # [checks] area_tolerance_pct as a fraction, bound by Context


# --------------------------------------------------------------------------- the run context

class Context:
    """One check run: its own DuckDB cursor (temporary tables live and die with it)."""

    def __init__(self, store: Store, settings: Settings, year: int | None = None):
        self.store = store
        self.con: duckdb.DuckDBPyConnection = store.con.cursor()
        self.settings = settings
        self.year = None if year is None else int(year)
        self.run_values: dict[str, Any] = {"year": self.year,
                                           "area_tolerance": settings.checks.area_tolerance_pct / 100.0}
        self._built: dict[str, Any] = {}
        # DuckDB may take most of the RAM by default; the checks spill to disk instead (restored on close).
        # SET cannot take a bound parameter: the values are the program's own (the memory limit is checked).
        wanted = run_settings()
        self._restore = {name: self.scalar("SELECT current_setting(?)", [name]) for name in wanted}
        for name, value in wanted.items():
            self.con.execute(f"SET {name} = '{value}'")

    # --- SQL helpers
    def run(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> None:
        started = time.perf_counter()
        self.con.execute(sql, self._bind(sql, params))
        self.con.complete()
        if TRACE:
            print(f"[sql {time.perf_counter() - started:6.2f}s] {' '.join(sql.split())[:110]}", file=sys.stderr)

    def frame(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> pl.DataFrame:
        started = time.perf_counter()
        bound = self._bind(sql, params)
        result = self.con.sql(sql, params=bound).pl() if bound else self.con.sql(sql).pl()
        if TRACE:
            print(f"[sql {time.perf_counter() - started:6.2f}s] {result.height} rows: {' '.join(sql.split())[:90]}",
                  file=sys.stderr)
        return result

    def rows(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self.frame(sql, params).to_dicts()

    def scalar(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> Any:
        return self.con.execute(sql, self._bind(sql, params)).fetchall()[0][0]

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
        """SQL condition limiting a reporting-year column to the requested year (or TRUE).

        The year is bound, not pasted: `run`, `frame`, `rows` and `scalar` bind `$year` of a statement that
        uses it (the other values of such a statement are then named too: `$adult`, not `?`).
        """
        return "TRUE" if self.year is None else f"{column} = $year"

    def _bind(self, sql: str, params: list[Any] | dict[str, Any] | None) -> list[Any] | dict[str, Any]:
        """The statement's parameters, with the run's values (:data:`RUN_PARAMETER`) it names."""
        names = {name for name in RUN_PARAMETER.findall(sql) if name in self.run_values}
        if not names:
            return params or []
        if isinstance(params, list) and params:
            raise TypeError("a statement naming run values ($year) takes named parameters ($name), not ?")
        named = params if isinstance(params, dict) else {}
        return {**{name: self.run_values[name] for name in names}, **named}

    def once(self, key: str, build: Callable[[], Any]) -> Any:
        """Build a shared intermediate (a temp table) once per run."""
        if key not in self._built:
            self._built[key] = build()
        return self._built[key]

    # --- settings
    def filing_deadline(self, year: int) -> date:
        options = self.settings.deadlines.calendar_options()
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
