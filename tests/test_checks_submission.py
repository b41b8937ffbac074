"""С — сроки и полнота: MISSING_DECLARATION, MISSING_FAMILY_DECLARATION, LATE_SUBMISSION, LATE_CORRECTION,
CHILD_NOT_MINOR, on real workbooks loaded into a real store."""

from __future__ import annotations

import json
from pathlib import Path

from tests.check_books import check, load_years, of, workbook
from tests.conftest import EXAMPLES, declaration, load, servant


def relative(relative_id: str, relation: str, birth_date: str | None = None, person_id: str = "1",
             full_name: str = "Иванова Мария Петровна") -> dict:
    row = {"person_id": person_id, "relative_id": relative_id, "relation": relation, "full_name": full_name}
    if birth_date:
        row["birth_date"] = birth_date
    return row


# --- MISSING_DECLARATION

def test_missing_declaration_for_a_servant_who_must_declare(store, tmp_path):
    load_years(store, tmp_path, {2023: {
        "servants": [servant("1"), servant("2", full_name="Петров Петр Петрович"),
                     servant("3", must_declare="нет")],
        "declarations": [declaration("2023-1", "1", 2023),
                         declaration("2023-2s", "2", 2023, subject="spouse", relative_id="R2")],
        "relatives": [relative("R2", "spouse", person_id="2")],
    }})
    flags = of(check(store), "MISSING_DECLARATION")
    assert [(f.person_id, f.year) for f in flags] == [("2", 2023)]
    flag = flags[0]
    assert flag.severity == "high"
    assert "2023" in flag.message
    assert flag.evidence["servant"]["full_name"] == "Петров Петр Петрович"
    # the spouse's справка of that year is shown, the servant's own is missing
    assert [d["declaration_id"] for d in flag.evidence["declarations_of_year"]] == ["2023-2s"]


def test_declarator_data_is_not_judged_for_submission(store):
    load(store, EXAMPLES / "MinDalVostok2015.xlsx.json", EXAMPLES / "MinDalVostok2017.xlsx.json")
    flags = check(store)
    submission = {"MISSING_DECLARATION", "MISSING_FAMILY_DECLARATION", "LATE_SUBMISSION", "LATE_CORRECTION"}
    assert not [f for f in flags if f.code in submission]


# --- MISSING_FAMILY_DECLARATION

def test_missing_spouse_and_minor_child_declarations(store, tmp_path):
    load_years(store, tmp_path, {2023: {
        "relatives": [relative("S1", "spouse"),
                      relative("C1", "son", "2010-06-01", full_name="Иванов Олег Иванович"),
                      relative("C2", "daughter", "2005-01-01", full_name="Иванова Анна Ивановна"),  # 18 in 2023
                      relative("C3", "daughter", "2012-01-01", full_name="Иванова Вера Ивановна"),
                      relative("F1", "father", "1950-01-01", full_name="Иванов Иван Сергеевич")],
        "declarations": [declaration("2023-1", "1", 2023),
                         declaration("2023-c3", "1", 2023, subject="child", relative_id="C3")],
    }})
    flags = of(check(store), "MISSING_FAMILY_DECLARATION")
    assert sorted(f.evidence["relative"]["relative_id"] for f in flags) == ["C1", "S1"]
    assert all(f.severity == "high" and f.year == 2023 and f.person_id == "1" for f in flags)
    son = next(f for f in flags if f.evidence["relative"]["relative_id"] == "C1")
    assert son.evidence["relative"]["age_on_31_december"] == 13
    assert "Иванов Олег Иванович" in son.message


def test_a_spouse_declaration_filed_is_enough(store, tmp_path):
    load_years(store, tmp_path, {2023: {
        "relatives": [relative("S1", "spouse")],
        "declarations": [declaration("2023-1", "1", 2023),
                         declaration("2023-s", "1", 2023, subject="spouse", relative_id="S1")],
    }})
    assert of(check(store), "MISSING_FAMILY_DECLARATION") == []


# --- LATE_SUBMISSION

def test_late_submission_fires_the_day_after_the_deadline_not_on_it(store, tmp_path):
    load_years(store, tmp_path, {2023: {
        "servants": [servant("1"), servant("2"), servant("3")],
        "declarations": [declaration("2023-1", "1", 2023, submitted_on="2024-04-30"),   # the deadline day itself
                         declaration("2023-2", "2", 2023, submitted_on="2024-05-01"),   # one day late
                         declaration("2023-3", "3", 2023, submitted_on="30.04.2024")],
    }})
    flags = of(check(store), "LATE_SUBMISSION")
    assert [(f.person_id, f.evidence["days_late"]) for f in flags] == [("2", 1)]
    assert flags[0].severity == "medium"
    assert "30.04.2024" in flags[0].message and "01.05.2024" in flags[0].message


def test_a_family_submitting_late_is_one_finding_listing_every_late_declaration(store, tmp_path):
    load_years(store, tmp_path, {2023: {
        "relatives": [relative("S1", "spouse"), relative("C1", "son", "2012-01-01", full_name="Иванов Олег Иванович")],
        "declarations": [declaration("2023-1", "1", 2023, submitted_on="2024-06-03"),
                         declaration("2023-s", "1", 2023, subject="spouse", relative_id="S1", submitted_on="2024-06-03"),
                         declaration("2023-c", "1", 2023, subject="child", relative_id="C1", submitted_on="2024-04-29")],
    }})
    flags = of(check(store), "LATE_SUBMISSION")
    assert len(flags) == 1
    assert [d["declaration_id"] for d in flags[0].evidence["declarations"]] == ["2023-1", "2023-s"]
    assert flags[0].evidence["days_late"] == 34
    assert "Иванова Мария Петровна" in flags[0].message and "03.06.2024" in flags[0].message


def test_a_late_original_keeps_its_finding_and_a_correction_is_judged_only_by_late_correction(store, tmp_path):
    load_years(store, tmp_path, {2023: {
        "declarations": [
            declaration("2023-1", "1", 2023, submitted_on="2024-05-06"),                       # late original
            declaration("2023-1c", "1", 2023, submitted_on="2024-05-20", kind="corrected", corrects="2023-1"),
        ],
    }})
    flags = check(store)
    late = of(flags, "LATE_SUBMISSION")
    assert [d["declaration_id"] for f in late for d in f.evidence["declarations"]] == ["2023-1"]
    # the correction came within a month of the deadline: no LATE_CORRECTION, and never LATE_SUBMISSION
    assert of(flags, "LATE_CORRECTION") == []


# --- LATE_CORRECTION

def test_late_correction_more_than_a_month_after_the_deadline(store, tmp_path):
    load_years(store, tmp_path, {2023: {
        "servants": [servant("1"), servant("2")],
        "declarations": [
            declaration("2023-1", "1", 2023, submitted_on="2024-04-10"),
            declaration("2023-1c", "1", 2023, submitted_on="2024-05-30", kind="corrected", corrects="2023-1"),  # 30.04 + 1 month
            declaration("2023-2", "2", 2023, submitted_on="2024-04-10"),
            declaration("2023-2c", "2", 2023, submitted_on="2024-05-31", kind="corrected", corrects="2023-2"),
        ],
    }})
    flags = check(store)
    late = of(flags, "LATE_CORRECTION")
    assert [(f.person_id, f.evidence["declaration"]["declaration_id"]) for f in late] == [("2", "2023-2c")]
    assert late[0].severity == "low"
    assert late[0].evidence["correction_deadline"].isoformat() == "2024-05-30"
    assert of(flags, "LATE_SUBMISSION") == []


def test_correction_grace_is_a_setting(store, tmp_path):
    load_years(store, tmp_path, {2023: {"declarations": [
        declaration("2023-1", "1", 2023, submitted_on="2024-04-10"),
        declaration("2023-1c", "1", 2023, submitted_on="2024-06-15", kind="corrected", corrects="2023-1")]}})
    assert len(of(check(store), "LATE_CORRECTION")) == 1
    assert of(check(store, correction_grace_months=2), "LATE_CORRECTION") == []


# --- CHILD_NOT_MINOR

def test_child_aged_18_on_31_december_by_relative_or_declaration_birth_date(store, tmp_path):
    load_years(store, tmp_path, {2023: {
        "relatives": [relative("C1", "son", "2005-12-31", full_name="Иванов Олег Иванович"),   # 18 on 31.12.2023
                      relative("C2", "daughter", "2006-01-01", full_name="Иванова Анна Ивановна")],  # 18 next year
        "declarations": [declaration("2023-1", "1", 2023),
                         declaration("2023-c1", "1", 2023, subject="child", relative_id="C1"),
                         declaration("2023-c2", "1", 2023, subject="child", relative_id="C2"),
                         declaration("2023-c3", "1", 2023, subject="child", relative_id="C3",
                                     subject_name="Иванов Глеб Иванович", subject_birth_date="01.03.2004")],
    }})
    flags = of(check(store), "CHILD_NOT_MINOR")
    assert sorted((f.evidence["declaration"]["declaration_id"], f.evidence["age_on_31_december"]) for f in flags) == [
        ("2023-c1", 18), ("2023-c3", 19)]
    assert all(f.severity == "low" for f in flags)
    assert next(f for f in flags if "c3" in f.evidence["declaration"]["declaration_id"]).evidence[
        "birth_date_from"] == "справка"


def test_year_option_limits_flags_to_that_reporting_year(store, tmp_path):
    load_years(store, tmp_path, {
        2022: {"declarations": [declaration("2022-1", "1", 2022, submitted_on="2023-06-01")]},
        2023: {"declarations": [declaration("2023-1", "1", 2023, submitted_on="2024-06-01")]},
    })
    assert sorted(f.year for f in of(check(store), "LATE_SUBMISSION")) == [2022, 2023]
    assert [f.year for f in of(check(store, year=2023), "LATE_SUBMISSION")] == [2023]


def test_xlsx_workbook_with_russian_dates_gives_the_same_findings(store, tmp_path):
    path = workbook(tmp_path, 2023, form="xlsx",
                    declarations=[declaration("2023-1", "1", 2023, submitted_on="05.05.2024")])
    load(store, path)
    flags = of(check(store), "LATE_SUBMISSION")
    assert len(flags) == 1 and flags[0].evidence["days_late"] == 5
    json.dumps(flags[0].evidence, default=str)  # evidence is JSON-serialisable
    assert isinstance(path, Path)
