"""Typed settings: a user's TOML is checked once, with located Russian errors (all at once), and every
threshold it changes reaches the rules that use it (one rule per family: С, В, Д, З)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest

from checks.matching import run_match
from checks.names import compare_names, parse_name
from checks.runner import run_checks
from declarations.errors import InputError
from declarations.settings import (DEFAULTS_FILE, MEMORY_LIMIT_DEFAULT, MEMORY_LIMIT_ENV, Settings, defaults_text,
                                   duckdb_memory_limit, load_settings, settings_from)
from tests.conftest import declaration, load, servant, write_csv_workbook
from tests.procurement_books import write_csv

BIN = Path(sys.executable).parent / "declarations"


def user_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my-settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def issues_of(path: Path) -> list:
    with pytest.raises(InputError) as error:
        load_settings(path)
    return error.value.issues


# --------------------------------------------------------------------------- reading and errors


def test_defaults_are_typed_and_echo_the_toml_unchanged():
    settings = load_settings(None)
    assert isinstance(settings, Settings)
    assert settings.checks.income_jump_ratio == 2.0 and settings.checks.adult_age == 18
    assert settings.match.parent_age_gap == (16, 60)
    assert settings.deadlines.categories["default"] == (4, 30)
    # what a check run records (check_runs.settings) is the TOML section itself
    assert settings.as_dict() == tomllib.loads(defaults_text())


def test_settings_are_frozen():
    settings = load_settings(None)
    with pytest.raises(AttributeError):
        settings.checks.adult_age = 21  # type: ignore[misc]


def test_a_user_file_overrides_only_its_keys(tmp_path):
    settings = load_settings(user_file(tmp_path, "[checks]\nincome_jump_ratio = 3\n[publish]\nsort_by = \"position\"\n"))
    assert settings.checks.income_jump_ratio == 3.0 and isinstance(settings.checks.income_jump_ratio, float)
    assert settings.checks.income_jump_rub == 1_000_000.0
    assert settings.publish.sort_by == "position"


def test_typo_wrong_type_and_out_of_range_are_all_reported_with_file_section_key_and_line(tmp_path):
    path = user_file(tmp_path, "\n".join([
        "# my settings",
        "[checks]",
        "adult_age = \"восемнадцать\"",
        "income_jump_ratio = 0.5",
        "[match]",
        "match_treshold = 0.8",
        "",
    ]))
    issues = {issue.column: issue for issue in issues_of(path)}  # all at once: the typo and the values
    assert set(issues) == {"match_treshold", "adult_age", "income_jump_ratio"}
    typo = issues["match_treshold"]
    assert (typo.file, typo.sheet, typo.row) == (str(path), "раздел [match]", 6)
    assert "«match_threshold»" in typo.expected and "match_treshold" in typo.found
    age, ratio = issues["adult_age"], issues["income_jump_ratio"]
    assert (age.sheet, age.row, age.expected, age.found) == (
        "раздел [checks]", 3, "целое число от 1 до 30", '"восемнадцать"')
    assert (ratio.row, ratio.expected, ratio.found) == (4, "число не меньше 1", "0.5")


def test_unknown_section_names_the_closest_one(tmp_path):
    (issue,) = issues_of(user_file(tmp_path, "[check]\nadult_age = 20\n"))
    assert issue.sheet == "раздел [check]" and issue.row == 1 and "«checks»" in issue.expected


@pytest.mark.parametrize(("content", "found"), [
    (None, "нет такого файла или папки"),
    (b"[checks]\nadult_age = 18 18\n", "ошибка в записи TOML (строка 2, столбец"),
    ("[checks]\nadult_age = 18 # возраст\n".encode("cp1251"), "текст не в кодировке UTF-8"),
])
def test_an_unreadable_file_is_said_in_russian(tmp_path, content, found):
    path = tmp_path / "declarations.toml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_settings(path)
    message = str(caught.value.issues[0])
    assert "ожидалось содержимое файла настроек в формате TOML" in message and found in message


def test_values_that_only_make_sense_together(tmp_path):
    (issue,) = issues_of(user_file(tmp_path, "[match]\nmatch_threshold = 0.7\n"))  # possible_threshold stays 0.75
    assert issue.column == "possible_threshold" and "match_threshold" in issue.expected
    (issue,) = issues_of(user_file(tmp_path, "[deadlines]\ncategories = { early = [4, 1] }\n"))
    assert issue.column == "categories" and '"default"' in issue.expected
    (issue,) = issues_of(user_file(tmp_path, "[deadlines]\nextra_days_off = [\"2025-02-30\"]\n"))
    assert issue.column == "extra_days_off" and issue.found == '["2025-02-30"]'
    (issue,) = issues_of(user_file(tmp_path, "[deadlines]\nextra_days_off = [20250502]\n"))
    assert issue.column == "extra_days_off" and issue.found == "[20250502]"
    both = load_settings(user_file(tmp_path, "[deadlines]\nextra_days_off = [\"2025-05-02\", 2025-05-05]\n"))
    assert both.deadlines.extra_days_off == (date(2025, 5, 2), date(2025, 5, 5))
    (issue,) = issues_of(user_file(tmp_path, "[match]\nkin_relations = [\"spouse\", \"cousin\"]\n"))
    assert issue.column == "kin_relations" and "spouse" in issue.expected


def test_cli_reports_settings_errors_in_russian_without_a_traceback(tmp_path):
    config = user_file(tmp_path, "[checks]\nincome_jump_ration = 3\nadult_age = -1\n")
    result = subprocess.run([str(BIN), "check", "--db", str(tmp_path / "x.duckdb"), "--config", str(config)],
                            capture_output=True, text=True, timeout=180, cwd=tmp_path,
                            env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"})
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert str(config) in result.stderr and "[checks]" in result.stderr and "income_jump_ration" in result.stderr
    assert "возможно, имелся в виду «income_jump_ratio»" in result.stderr
    assert not (tmp_path / "x.duckdb").exists()  # nothing ran


def test_cli_reports_a_wrong_value_with_its_line(tmp_path):
    config = user_file(tmp_path, "[match]\nmax_block_size = 2.5\n")
    result = subprocess.run([str(BIN), "match", "--db", str(tmp_path / "x.duckdb"), "--config", str(config)],
                            capture_output=True, text=True, timeout=180, cwd=tmp_path,
                            env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{config}:раздел [match]:2: max_block_size — ожидалось целое число не меньше 1; найдено: 2.5" \
        in result.stderr


def test_memory_limit_has_one_setting_with_an_environment_override(monkeypatch):
    monkeypatch.delenv(MEMORY_LIMIT_ENV, raising=False)
    monkeypatch.delenv("DECLARATIONS_CHECK_MEMORY", raising=False)
    assert duckdb_memory_limit() == MEMORY_LIMIT_DEFAULT
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "512MB")
    assert duckdb_memory_limit() == "512MB"
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "512MB'; DROP TABLE flags; --")
    with pytest.raises(InputError) as error:
        duckdb_memory_limit()
    assert MEMORY_LIMIT_ENV in error.value.issues[0].file


def test_shipped_defaults_file_is_checked_too():
    assert DEFAULTS_FILE == "default_settings.toml"
    assert settings_from() == load_settings(None)


# --------------------------------------------------------------------------- thresholds reach the rules


def test_is_match_follows_the_setting():
    comparison = compare_names(parse_name("Завражнова Оксана Николаевна"), parse_name("Завражнов Оксана Николаевна"))
    assert comparison.score == pytest.approx(0.94)
    assert comparison.is_match(settings_from().match.match_threshold)
    assert not comparison.is_match(settings_from({"match": {"match_threshold": 0.95}}).match.match_threshold)
    assert comparison.is_possible(0.75) and not comparison.is_possible(0.95)


def _codes(store, settings: Settings, code: str) -> list:
    flags, _ = run_checks(store, settings)
    return sorted((f.person_id, f.year) for f in flags if f.code == code)


def test_family_s_adult_age_from_a_user_file(store, tmp_path):
    load(store, write_csv_workbook(tmp_path / "wb", {
        "servants": [servant("1")],
        "relatives": [{"person_id": "1", "relative_id": "C1", "relation": "son", "full_name": "Иванов Олег Иванович",
                       "birth_date": "2004-06-01"}],  # 19 on 31.12.2023
        "declarations": [declaration("2023-1", "1", 2023),
                         declaration("2023-c1", "1", 2023, subject="child", relative_id="C1")],
    }))
    assert _codes(store, load_settings(None), "CHILD_NOT_MINOR") == [("1", 2023)]
    assert _codes(store, load_settings(user_file(tmp_path, "[checks]\nadult_age = 20\n")), "CHILD_NOT_MINOR") == []


def _income(declaration_id: str, amount: int, income_type: str = "main_job") -> dict:
    return {"declaration_id": declaration_id, "income_type": income_type, "amount": str(amount)}


def test_family_v_payroll_tolerance_from_a_user_file(store, tmp_path):
    load(store, write_csv_workbook(tmp_path / "wb", {
        "servants": [servant("1"), servant("2")],
        "declarations": [declaration("2023-1", "1", 2023), declaration("2023-2", "2", 2023)],
        "incomes": [_income("2023-1", 1_200_000), _income("2023-2", 1_200_000)],
        "payroll": [{"person_id": "1", "year": 2023, "amount": "1300000"},    # 100 000 руб., 7,7 %
                    {"person_id": "2", "year": 2023, "amount": "1236000"}],   # 36 000 руб., 2,9 %
    }))
    assert _codes(store, load_settings(None), "PAYROLL_MISMATCH") == [("1", 2023), ("2", 2023)]
    stricter = load_settings(user_file(tmp_path, "[checks]\npayroll_tolerance_pct = 5\n"))
    assert _codes(store, stricter, "PAYROLL_MISMATCH") == [("1", 2023)]


def test_family_d_income_jump_ratio_from_a_user_file(store, tmp_path):
    for year, amounts in ((2022, (500_000, 500_000)), (2023, (2_000_000, 1_600_000))):
        load(store, write_csv_workbook(tmp_path / f"wb{year}", {
            "servants": [servant("1"), servant("2")],
            "declarations": [declaration(f"{year}-1", "1", year), declaration(f"{year}-2", "2", year)],
            "incomes": [_income(f"{year}-1", amounts[0]), _income(f"{year}-2", amounts[1])],
        }))
    assert _codes(store, load_settings(None), "INCOME_JUMP") == [("1", 2023), ("2", 2023)]  # ×4 and ×3.2
    flags, _ = run_checks(store, load_settings(user_file(tmp_path, "[checks]\nincome_jump_ratio = 3.5\n")))
    jumps = [f for f in flags if f.code == "INCOME_JUMP"]
    assert [f.person_id for f in jumps] == ["1"]
    assert jumps[0].evidence["thresholds"] == {"ratio": 3.5, "rub": 1_000_000.0}
    # the year limit is a bound parameter: the same finding for the requested year, none for another
    assert _year_codes(store, 2023) == [("1", 2023), ("2", 2023)] and _year_codes(store, 2022) == []


def _year_codes(store, year: int) -> list:
    flags, _ = run_checks(store, load_settings(None), year)
    return sorted((f.person_id, f.year) for f in flags if f.code == "INCOME_JUMP")


def test_family_z_founder_share_from_a_user_file(store, tmp_path):
    org, company = "Администрация Энского района", "7700000023"
    load(store, write_csv_workbook(tmp_path / "wb", {
        "servants": [servant("1", full_name="Петров Иван Сергеевич", organisation=org, procurement_role="commission")],
        "relatives": [{"person_id": "1", "relative_id": "r1", "relation": "brother",
                       "full_name": "Петров Олег Сергеевич", "birth_date": "1985-03-04"}],
        "declarations": [declaration("d1", "1", 2023)],
    }), write_csv(tmp_path / "procurement.csv", [
        {"procedure_id": "p1", "customer": org, "customer_inn": "7700000016", "date": "2024-06-01",
         "amount": "1000000", "participant_inn": company, "participant_name": "ООО «Компания»", "is_winner": "да"}]),
        write_csv(tmp_path / "commissions.csv", [{"procedure_id": "p1", "person_id": "1", "role": "commission"}]),
        write_csv(tmp_path / "officers.csv", [
            {"company_inn": company, "company_name": "ООО «Компания»", "person_name": "Петров Олег Сергеевич",
             "person_inn": "", "birth_date": "1985-03-04", "role": "founder", "share_pct": "5", "since": "",
             "until": ""}]))

    def affiliations(settings: Settings) -> list:
        found, _ = run_match(store, settings)
        return [f.evidence["officer"]["share_pct"] for f in found if f.code == "PROCUREMENT_AFFILIATION"]

    assert affiliations(load_settings(None)) == []  # 5 % is not "more than 10 %"
    assert affiliations(load_settings(user_file(tmp_path, "[match]\nfounder_share_pct = 4\n"))) == [5.0]
