"""Helpers for the check tests: small hand-made workbooks per year, written as real CSV folders or
.xlsx files through the conftest writers and loaded into a real store; then `run_checks`.

(The few tests at the bottom check the helpers' own building blocks.)
"""

from __future__ import annotations

from datetime import date

from checks.rules import number_ru, years_ru
from checks.rules.submission import add_months

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
