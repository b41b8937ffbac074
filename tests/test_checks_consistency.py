"""В — внутри одной справки: EXPENSE_EXCEEDS_3Y_INCOME and PAYROLL_MISMATCH on real workbooks."""

from __future__ import annotations

from tests.check_books import check, income, load_years, of
from tests.conftest import declaration, servant

SPOUSE = [{"person_id": "1", "relative_id": "S1", "relation": "spouse", "full_name": "Иванова Мария Петровна"}]


def family_year(year: int, self_income: float, spouse_income: float, **extra) -> dict:
    book = {"relatives": SPOUSE,
            "declarations": [declaration(f"{year}-1", "1", year),
                             declaration(f"{year}-s", "1", year, subject="spouse", relative_id="S1")],
            "incomes": [income(f"{year}-1", self_income), income(f"{year}-s", spouse_income)]}
    book.update(extra)
    return book


def flat_deal(declaration_id: str, amount: float, deal_date: str = "2023-06-15") -> dict:
    return {"declaration_id": declaration_id, "asset_kind": "real_estate", "description": "квартира",
            "amount": str(amount), "deal_date": deal_date, "funds_source": "накопления"}


# --- EXPENSE_EXCEEDS_3Y_INCOME

def test_expense_above_three_years_of_family_income(store, tmp_path):
    load_years(store, tmp_path, {
        2020: family_year(2020, 1_000_000, 500_000),
        2021: family_year(2021, 1_000_000, 500_000),
        2022: family_year(2022, 1_000_000, 500_000),
        2023: family_year(2023, 1_000_000, 500_000, expenses=[flat_deal("2023-1", 5_000_000)]),
    })
    found = of(check(store), "EXPENSE_EXCEEDS_3Y_INCOME")
    assert len(found) == 1
    flag = found[0]
    assert (flag.person_id, flag.year, flag.severity) == ("1", 2023, "high")
    assert flag.evidence["income_total"] == 4_500_000
    assert [y["year"] for y in flag.evidence["income_years"]] == [2020, 2021, 2022]
    assert flag.evidence["missing_years"] == []
    assert "4 500 000,00" in flag.message and "5 000 000,00" in flag.message and "2020–2022" in flag.message
    assert "нет сведений" not in flag.message


def test_expense_within_three_years_of_family_income_is_no_finding(store, tmp_path):
    load_years(store, tmp_path, {
        2020: family_year(2020, 1_000_000, 500_000),
        2021: family_year(2021, 1_000_000, 500_000),
        2022: family_year(2022, 1_000_000, 500_000),
        2023: family_year(2023, 1_000_000, 500_000, expenses=[flat_deal("2023-s", 4_400_000)]),
    })
    assert of(check(store), "EXPENSE_EXCEEDS_3Y_INCOME") == []


def test_a_year_missing_from_stored_history_is_named(store, tmp_path):
    load_years(store, tmp_path, {
        2021: family_year(2021, 1_000_000, 500_000),
        2022: family_year(2022, 1_000_000, 500_000),
        2023: family_year(2023, 1_000_000, 0, expenses=[flat_deal("2023-1", 3_500_000)]),
    })
    found = of(check(store), "EXPENSE_EXCEEDS_3Y_INCOME")
    assert len(found) == 1
    assert found[0].evidence["missing_years"] == [2020]
    assert "нет сведений о доходах за 2020 год" in found[0].message


def test_the_deal_year_sets_the_three_years(store, tmp_path):
    # a deal of December 2022 declared in the 2023 справка: income of 2019–2021 counts
    load_years(store, tmp_path, {
        2021: family_year(2021, 3_000_000, 0),
        2022: family_year(2022, 3_000_000, 0),
        2023: family_year(2023, 1_000_000, 0, expenses=[flat_deal("2023-1", 3_500_000, "2022-12-20")]),
    })
    found = of(check(store), "EXPENSE_EXCEEDS_3Y_INCOME")
    assert len(found) == 1
    assert [y["year"] for y in found[0].evidence["income_years"]] == [2019, 2020, 2021]
    assert found[0].evidence["missing_years"] == [2019, 2020]


# --- PAYROLL_MISMATCH

def test_payroll_mismatch_needs_both_thresholds(store, tmp_path):
    servants = [servant(str(i)) for i in range(1, 5)]
    load_years(store, tmp_path, {2023: {
        "servants": servants,
        "declarations": [declaration(f"2023-{i}", str(i), 2023) for i in range(1, 5)],
        "incomes": [income("2023-1", 1_200_000), income("2023-2", 1_200_000), income("2023-3", 50_000),
                    income("2023-4", 1_200_000), income("2023-4", 300_000, "teaching")],
        "payroll": [{"person_id": "1", "year": 2023, "amount": "1 300 000,00"},   # 100 000 and 7,7 %
                    {"person_id": "2", "year": 2023, "amount": "1200900"},        # 900 руб.: under 1 000
                    {"person_id": "3", "year": 2023, "amount": "51500"},          # 1 500 руб. but 2,9 %
                    {"person_id": "4", "year": 2023, "amount": "1210000"}],       # 10 000, 0,8 %: under 1 %
    }})
    found = of(check(store), "PAYROLL_MISMATCH")
    assert [(f.person_id, f.evidence["difference"]) for f in found] == [("1", -100_000), ("3", -1_500)]
    assert found[0].severity == "medium"
    assert found[0].evidence["payroll"] == 1_300_000 and found[0].evidence["declared_main_job"] == 1_200_000
    assert "1 200 000,00" in found[0].message and "1 300 000,00" in found[0].message


def test_payroll_without_a_declaration_is_not_a_mismatch(store, tmp_path):
    load_years(store, tmp_path, {2023: {
        "servants": [servant("1"), servant("2")],
        "declarations": [declaration("2023-1", "1", 2023)],
        "incomes": [income("2023-1", 1_000_000)],
        "payroll": [{"person_id": "1", "year": 2023, "amount": "1000000"},
                    {"person_id": "2", "year": 2023, "amount": "900000"}],
    }})
    flags = check(store)
    assert of(flags, "PAYROLL_MISMATCH") == []
    assert [f.person_id for f in of(flags, "MISSING_DECLARATION")] == ["2"]


def test_a_corrected_declaration_is_compared_with_the_payroll(store, tmp_path):
    load_years(store, tmp_path, {2023: {
        "declarations": [declaration("2023-1", "1", 2023),
                         declaration("2023-1c", "1", 2023, kind="corrected", corrects="2023-1")],
        "incomes": [income("2023-1", 900_000), income("2023-1c", 1_000_000)],
        "payroll": [{"person_id": "1", "year": 2023, "amount": "1000000"}],
    }})
    assert of(check(store), "PAYROLL_MISMATCH") == []
