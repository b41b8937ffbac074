"""Workbooks, runs and flag filters shared by the tests of the checks: a helper module, not a test file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checks.flags import Flag, save_run
from checks.runner import run_checks
from declarations.settings import load_settings, settings_from
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


def run_and_save(store, year=None):
    settings = load_settings()
    flags, codes = run_checks(store, settings, year)
    summary = save_run(store, flags, kind="check", codes=codes, settings=settings.checks.as_dict(), year=year)
    return flags, summary


def last_year_book(folder: Path) -> Path:
    """2023: servant 1 with a spouse, a son (minor in 2024) and a daughter (17 in 2023, 18 in 2024);
    servant 2, new on the roster, had no справка."""
    relatives = [
        {"person_id": "1", "relative_id": "1-01", "relation": "spouse", "full_name": "Иванова Мария Петровна",
         "birth_date": "1982-03-04"},
        {"person_id": "1", "relative_id": "1-02", "relation": "son", "full_name": "Иванов Петр Иванович",
         "birth_date": "2012-01-10"},
        {"person_id": "1", "relative_id": "1-03", "relation": "daughter", "full_name": "Иванова Анна Ивановна",
         "birth_date": "2006-06-01"},
    ]
    return workbook(
        folder, 2023, form="xlsx",
        servants=[servant("1"), servant("2", full_name="Петров Петр Петрович", must_declare="да")],
        relatives=relatives,
        declarations=[declaration("2023-1", "1", 2023),
                      declaration("2023-2", "1", 2023, subject="spouse", relative_id="1-01"),
                      declaration("2023-3", "1", 2023, subject="child", relative_id="1-02"),
                      declaration("2023-4", "1", 2023, subject="child", relative_id="1-03")],
        incomes=[{"declaration_id": "2023-1", "income_type": "main_job", "amount": "1 200 000"}],
        real_estate=[flat("2023-1"), {"declaration_id": "2023-2", "holding": "used", "object_type": "flat",
                                      "area": "64,7", "country": "Россия"}],
        vehicles=[car("2023-1")],
        accounts=[account("2023-1", balance="250000")],
        securities=[{"declaration_id": "2023-2", "issuer_name": "ООО «Ромашка»", "kind": "stake", "share_pct": "25"}],
        liabilities=[{"declaration_id": "2023-1", "kind": "ипотека", "creditor": "ПАО Сбербанк", "amount": "3000000"}],
    )
