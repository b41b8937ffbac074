"""Helpers for the check tests: small hand-made workbooks per year, written as real CSV folders or
.xlsx files through the conftest writers and loaded into a real store; then `run_checks`.

(The few tests at the bottom check the helpers' own building blocks.)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from checks.flags import Flag
from checks.rules import number_ru, years_ru
from checks.rules.submission import add_months
from checks.runner import run_checks
from declarations.settings import settings_from
from declarations.store import Store
from tests.conftest import declaration, load, servant, write_csv_workbook, write_xlsx_workbook


def workbook(folder: Path, year: int, *, servants: list[dict] | None = None, form: str = "csv",
             name: str | None = None, **sheets: list[dict]) -> Path:
    """Write one organisation-year workbook; default roster: servant «1»; default справки: one about self."""
    tables: dict[str, list[dict]] = {"servants": servants if servants is not None else [servant("1")]}
    tables["declarations"] = sheets.pop("declarations", None) or [declaration(f"{year}-1", "1", year)]
    for key, rows in sheets.items():
        if rows:
            tables[key] = rows
    name = name or f"wb{year}"
    if form == "xlsx":
        return write_xlsx_workbook(folder / f"{name}.xlsx", tables)
    return write_csv_workbook(folder / name, tables)


def check(store: Store, year: int | None = None, **options: Any) -> list[Flag]:
    settings = settings_from({"checks": options})
    flags, codes = run_checks(store, settings, year)
    return flags


def of(flags: list[Flag], code: str) -> list[Flag]:
    return [f for f in flags if f.code == code]


def codes(flags: list[Flag]) -> set[str]:
    return {f.code for f in flags}


def load_years(store: Store, tmp_path: Path, books: dict[int, dict]) -> None:
    """books: year -> keyword arguments of `workbook`."""
    paths = [workbook(tmp_path, year, **kwargs) for year, kwargs in books.items()]
    load(store, *paths)


def flat(declaration_id: str, **fields: Any) -> dict:
    row = {"declaration_id": declaration_id, "holding": "owned", "object_type": "flat", "ownership": "individual",
           "area": "64,7", "country": "Россия", "cadastral_number": "50:12:0000000:123"}
    row.update(fields)
    return row


def car(declaration_id: str, **fields: Any) -> dict:
    row = {"declaration_id": declaration_id, "vehicle_type": "car", "make": "Toyota", "model": "Camry",
           "year_made": 2015, "registration": "А123ВС77"}
    row.update(fields)
    return row


def account(declaration_id: str, **fields: Any) -> dict:
    row = {"declaration_id": declaration_id, "bank": "ПАО Сбербанк", "account_number": "40817810000000000001",
           "account_type": "текущий", "currency": "RUB", "opened_on": "2015-03-01", "balance": "1000"}
    row.update(fields)
    return row


def income(declaration_id: str, amount: Any, income_type: str = "main_job", description: str | None = None) -> dict:
    row = {"declaration_id": declaration_id, "income_type": income_type, "amount": str(amount)}
    if description is not None:
        row["description"] = description
    return row


# --- the helpers' building blocks

def test_add_months_clamps_to_the_end_of_month():
    assert add_months(date(2024, 4, 30), 1) == date(2024, 5, 30)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 12, 15), 2) == date(2024, 2, 15)


def test_russian_numbers_and_years():
    assert number_ru(1474895) == "1 474 895,00"
    assert number_ru(64.7, trim=True) == "64,7"
    assert years_ru([2020, 2021, 2022]) == "2020–2022 годы"
    assert years_ru([2021]) == "2021 год"
