"""The building blocks of the check rules: the rule, the run context, Russian formatting.

A rule is a function decorated with :func:`rule`: it gets a :class:`Context` (an
isolated DuckDB cursor over the store, the settings and the requested year) and
returns the :class:`~checks.flags.Flag` objects it found. The rule finds its rows with
one set-based SQL query (never a Python loop over a big table); only the flagged
rows are turned into flags in Python. Rules of one family live in one module
(`submission`, `consistency`, `dynamics_*`); `checks/registry.py` lists them.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import duckdb
import polars as pl

from checks.flags import SEVERITIES, Flag
from declarations.model import ASSET_KINDS, INCOME_TYPES, OBJECT_TYPES, OWNERSHIPS, RELATIONS, VEHICLE_TYPES
from declarations.settings import Settings, duckdb_memory_limit
from declarations.store import Store
from declarations import calendar

TRACE = bool(os.environ.get("DECLARATIONS_TRACE_SQL"))  # timings of every statement, on stderr


def run_settings() -> dict[str, str]:
    """DuckDB settings for the run: a memory ceiling (declarations.settings.duckdb_memory_limit: the rest
    of the process holds the flags) and no insertion order to keep in the intermediate tables."""
    return {"memory_limit": duckdb_memory_limit(), "preserve_insertion_order": "false"}


# Values of the whole run that any statement may name (`$year`, `$area_tolerance`): Context binds each
# where a statement uses it, so SQL built from pieces (checks.identity) never pastes a value.
RUN_PARAMETER = re.compile(r"\$([A-Za-z_]\w*)")
AREA_TOLERANCE = "$area_tolerance"  # [checks] area_tolerance_pct as a fraction, bound by Context
FAMILIES = {"С": "сроки и полнота", "В": "внутренняя согласованность справки", "Д": "динамика по годам"}


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
        return {**{name: self.run_values[name] for name in names}, **(params or {})}

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
    """One check: a code of checks.md, its severity, its Russian message template and its finder."""

    code: str
    family: str                       # С, В or Д (checks.md sections)
    severity: str
    title: str                        # short Russian name of the finding (sheet titles, docs)
    template: str                     # one-line Russian message, str.format fields
    find: Callable[[Context, "Rule"], list[Flag]] = field(repr=False)
    describe: Callable[[dict[str, Any]], str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.code}: severity {self.severity!r} not in {SEVERITIES}")
        if self.family not in FAMILIES:
            raise ValueError(f"{self.code}: family {self.family!r} not in {tuple(FAMILIES)}")

    @property
    def name(self) -> str:
        return f"{self.code} — {self.title}"

    def __call__(self, ctx: Context) -> list[Flag]:
        return self.find(ctx, self)

    def flag(self, *, person_id: str, year: int, identity: str, evidence: dict[str, Any], **values: Any) -> Flag:
        return Flag(code=self.code, person_id=str(person_id), year=int(year), severity=self.severity,
                    message=self.template.format(year=year, **values), evidence=evidence, identity=identity)


def rule(code: str, *, family: str, severity: str, title: str, template: str,
         describe: Callable[[dict[str, Any]], str] | None = None) -> Callable[[Callable], Rule]:
    """Decorator: turn `find(ctx, rule) -> list[Flag]` into a :class:`Rule`."""

    def wrap(find: Callable[[Context, Rule], list[Flag]]) -> Rule:
        made = Rule(code, family, severity, title, template, find, describe)
        return made

    return wrap


# --------------------------------------------------------------------------- Russian formatting

def number_ru(value: float | int | None, decimals: int = 2, trim: bool = False) -> str:
    """`1 474 895,00`; with trim, `64,7` and `1 500`."""
    if value is None:
        return "—"
    text = f"{float(value):,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",")


def rub(value: float | int | None) -> str:
    return "—" if value is None else f"{number_ru(value)} руб."


def area_ru(value: float | None) -> str:
    return "площадь не указана" if value is None else f"{number_ru(value, 2, trim=True)} кв. м"


def date_ru(value: date | datetime | str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d.%m.%Y")


def years_ru(years: Iterable[int]) -> str:
    """`2020 год`, `2020 и 2021 годы`, `2019–2021 годы`."""
    ys = sorted(set(int(y) for y in years))
    if not ys:
        return ""
    if len(ys) == 1:
        return f"{ys[0]} год"
    if ys == list(range(ys[0], ys[-1] + 1)) and len(ys) > 2:
        return f"{ys[0]}–{ys[-1]} годы"
    return ", ".join(str(y) for y in ys[:-1]) + f" и {ys[-1]} годы"


SUBJECT_TITLES = {"self": "Служащий", "spouse": "Супруг(а)", "child": "Несовершеннолетний ребенок",
                  "other": "Иное лицо"}


def subject_ru(subject: str, name: str | None = None, lower: bool = False) -> str:
    """`Служащий`, `Супруг(а) Иванова Мария Петровна` (`lower`: inside a sentence)."""
    title = SUBJECT_TITLES.get(subject, subject)
    if lower:
        title = title[:1].lower() + title[1:]
    return f"{title} {name}" if name and subject != "self" else title


def label(mapping: dict[str, str], key: str | None) -> str:
    return "" if key is None else mapping.get(key, key)


def describe_real_estate(row: dict[str, Any] | None, full: bool = True) -> str:
    if not row:
        return "нет"
    kind = label(OBJECT_TYPES, row.get("object_type"))
    if row.get("object_type") == "other" and row.get("object_type_raw"):
        kind = row["object_type_raw"]
    parts = [f"{kind} {area_ru(row.get('area'))}"]
    if row.get("ownership"):
        ownership = label(OWNERSHIPS, row["ownership"])
        parts.append(f"{ownership} {row['share']}" if row.get("share") else ownership)
    elif row.get("share"):
        parts.append(f"доля {row['share']}")
    if row.get("country") and row["country"].strip().lower() not in ("россия", "российская федерация", "рф"):
        parts.append(row["country"])
    if full:
        if row.get("cadastral_number"):
            parts.append(row["cadastral_number"])
        if row.get("acquired_on"):
            parts.append(f"приобретено {date_ru(row['acquired_on'])}")
        if row.get("basis"):
            parts.append(f"основание: {row['basis']}")
    return ", ".join(parts)


def describe_vehicle(row: dict[str, Any] | None, full: bool = True) -> str:
    if not row:
        return "нет"
    text = " ".join(str(p) for p in (row.get("make"), row.get("model")) if p)
    parts = [f"{label(VEHICLE_TYPES, row.get('vehicle_type'))} {text}".strip()]
    if row.get("year_made"):
        parts.append(f"{row['year_made']} г. в.")
    if full:
        if row.get("registration"):
            parts.append(row["registration"])
        if row.get("acquired_on"):
            parts.append(f"приобретено {date_ru(row['acquired_on'])}")
    return ", ".join(parts)


def describe_account(row: dict[str, Any] | None, full: bool = True) -> str:
    if not row:
        return "нет"
    parts = [str(row.get("bank") or "")]
    if row.get("account_type"):
        parts.append(str(row["account_type"]))
    if row.get("currency") and row["currency"] != "RUB":
        parts.append(str(row["currency"]))
    if full and row.get("account_number"):
        parts.append(f"№ {row['account_number']}")
    parts.append(f"открыт {date_ru(row.get('opened_on'))}")
    if full and row.get("balance") is not None:
        parts.append(f"остаток {rub(row['balance'])}")
    return ", ".join(p for p in parts if p)


ASSET_DESCRIBERS = {"real_estate": describe_real_estate, "vehicle": describe_vehicle, "account": describe_account}


def describe_income(row: dict[str, Any]) -> str:
    text = label(INCOME_TYPES, row.get("income_type"))
    if row.get("description"):
        text += f" ({row['description']})"
    return f"{text}: {rub(row.get('amount'))}"


def describe_expense(row: dict[str, Any]) -> str:
    text = label(ASSET_KINDS, row.get("asset_kind"))
    if row.get("description"):
        text += f" «{row['description']}»"
    if row.get("deal_date"):
        text += f", сделка {date_ru(row['deal_date'])}"
    return f"{text}: {rub(row.get('amount'))}"


def relation_ru(relation: str | None) -> str:
    return label(RELATIONS, relation)


def sale_pattern(words: Iterable[str]) -> str:
    """A regular expression (for DuckDB regexp_matches) matching any of the sale words, folded."""
    cleaned = [re.escape(w.strip().lower().replace("ё", "е")) for w in words if w and w.strip()]
    return "|".join(cleaned) if cleaned else "[^\\s\\S]"  # no words: a pattern that never matches


def describe_pair(evidence: dict[str, Any]) -> str:
    """`2022 (справка D1): квартира 64,7 кв. м, … → 2023 (справка D2): нет` and the notes of the finding."""
    prev, cur = evidence["previous"], evidence["current"]
    who = subject_ru(evidence.get("subject", "self"), evidence.get("subject_name"))
    describe = ASSET_DESCRIBERS.get(evidence.get("asset") or "")
    if describe is not None:
        before, after = describe(prev.get("row")), describe(cur.get("row"))
    else:
        before = after = ""
    text = (f"{who}. {prev['year']} (справка {prev['declaration_id']}): {before} → "
            f"{cur['year']} (справка {cur['declaration_id']}): {after}").replace(": →", " →").rstrip(": ")
    notes = []
    for side in (prev, cur):
        if "rows" in side and describe is not None:
            listed = "; ".join(describe(r, full=False) for r in side["rows"])
            notes.append(f"в справке за {side['year']} год указано: {listed}" if listed
                         else f"в справке за {side['year']} год таких объектов нет")
    if evidence.get("years_without_declaration"):
        notes.append(f"справки за {years_ru(evidence['years_without_declaration'])} нет")
    if "sale_incomes" in evidence:
        sales = evidence["sale_incomes"]
        notes.append("доходы от продажи: " + "; ".join(f"{s['year']}: {describe_income(s)}" for s in sales)
                     if sales else "доходов от продажи не указано")
    if "deals" in evidence:
        notes.append("сделок не указано" if not evidence["deals"] else
                     "сделки: " + "; ".join(str(d.get("what")) for d in evidence["deals"]))
    if evidence.get("reason_text"):
        notes.append(evidence["reason_text"])
    if evidence.get("match_label") and evidence.get("matched_by") != "none":
        score = evidence.get("match_score")
        notes.append(f"как сопоставлено: {evidence['match_label']}"
                     + (f" (оценка {number_ru(score, 2, trim=True)})" if score is not None else ""))
    elif evidence.get("matched_by"):
        notes.append({"identifier": "сопоставлено по номеру", "attributes": "сопоставлено по признакам",
                      "attributes_except_share": "сопоставлено по виду, площади и стране",
                      "only_of_kind": "сопоставлено как единственный объект такого вида",
                      "none": "в другой справке нет объекта с тем же номером или теми же признаками"}.get(
            evidence["matched_by"], evidence["matched_by"]))
    return text + ("; " + "; ".join(notes) if notes else "")
