"""The building blocks of the check rules: the rule, the run context, Russian formatting.

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
from datetime import date, datetime
from typing import Any

import duckdb
import polars as pl

from checks import catalogue
from checks.catalogue import FindingCode
from checks.flags import Flag
from declarations.model import ASSET_KINDS, INCOME_TYPES, OBJECT_TYPES, OWNERSHIPS, RELATIONS, VEHICLE_TYPES
from declarations.settings import deadline_options
from declarations.store import Store
from declarations import calendar

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
