"""The analysis report (`declarations report`): figures, flag tables, open high-severity flags with readable
evidence, the per-servant charts, the settings, the conclusion; the HTML page and the workbook.

The store is built from real CSV workbooks (conftest writers, two organisations, three years) and the flags
are hand-made `Flag` objects saved through `checks.flags.save_run`, so these tests do not depend on the rules.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import openpyxl
import pytest

from checks.flags import save_run
from declarations import calendar
from declarations.settings import load_settings
from declarations.store import Store
from publish.report import write_report
from checks.evidence_render import evidence_view
from publish.report_data import build_report
from tests.conftest import load, write_csv_workbook
from tests.report_books import CHECK_SETTINGS, MATCH_SETTINGS, ORG, ORG2, TODAY, build, org_b, settings

# private values of the workbooks that must never reach the report
PRIVATE = ("Петрова Аглая", "Петров Тимофей", "Смирнов Аркадий", "Черемуховая", "50:12:0012345:678",
           "40817810099910004312", "А123ВС77", "Грибовка")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The store of `build`, shared by the tests that only read it."""
    tmp = tmp_path_factory.mktemp("report")
    with Store(tmp / "report.duckdb") as opened:
        build(opened, tmp)
        yield opened


@pytest.fixture
def fresh(store, tmp_path):
    """The same store for a test that changes it."""
    build(store, tmp_path)
    return store


def _text(html: str) -> str:
    """Visible text with whitespace (and non-breaking spaces) collapsed."""
    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts, self.skip = [], 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("style", "title", "desc")

        def handle_endtag(self, tag):
            self.skip -= tag in ("style", "title", "desc")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(html.replace("<wbr>", ""))
    return re.sub(r"\s+", " ", " ".join(parser.parts).replace("\u00a0", " "))


def _org(report, name):
    return next(o for o in report.organisations if o.organisation == name)


# --------------------------------------------------------------------------- figures


def test_submission_figures(built):
    report = build_report(built, 2023, settings(), TODAY)
    assert [o.organisation for o in report.organisations] == [ORG, ORG2]
    sub = _org(report, ORG).submission
    assert sub.roster_loaded
    assert (sub.obliged, sub.submitted, sub.late, sub.missing) == (4, 3, 1, 1)  # 4 need not declare
    assert sub.late_basis == "flags"
    assert sub.submitted_pct == pytest.approx(75.0)
    assert sub.missing_pct == pytest.approx(25.0)
    assert [p.full_name for p in sub.missing_people] == ["Абрамов Олег Петрович"]
    assert [(p.full_name, p.submitted_on) for p in sub.late_people] == [("Смирнова Ольга Николаевна",
                                                                        date(2024, 5, 15))]
    # spouse and son of 1 filed; the spouse of 2 did not; the mother of 1 is not expected
    assert (sub.family_expected, sub.family_submitted) == (3, 2)
    assert sub.family_pct == pytest.approx(200 / 3)
    assert sub.corrected == 1
    assert (sub.declarations_total, sub.declarations_analysed) == (6, 6)  # 1, 1s, 1c, 2, 5, 5c
    other = _org(report, ORG2).submission
    assert (other.obliged, other.submitted, other.late, other.missing) == (1, 1, 0, 0)
    assert (other.family_expected, other.family_submitted) == (0, 0) and other.family_pct is None


def test_without_a_check_run_lateness_comes_from_the_dates_and_nothing_is_analysed(store, tmp_path):
    build(store, tmp_path, run=False)
    report = build_report(store, 2023, settings(), TODAY)
    assert not report.checks_ran
    sub = _org(report, ORG).submission
    assert (sub.late, sub.late_basis) == (1, "dates")  # 2 filed 15.05.2024, deadline 30.04.2024
    assert [p.person_id for p in sub.late_people] == ["2"]
    assert (sub.declarations_total, sub.declarations_analysed, sub.analysed_pct) == (6, 0, 0.0)
    assert "Проверки сведений за этот год не проводились" in _org(report, ORG).conclusion


def test_a_workbook_loaded_after_the_last_check_run_is_not_analysed(fresh, tmp_path):
    load(fresh, write_csv_workbook(tmp_path / "b2023-new", org_b(2023, income=2_100_000)))
    report = build_report(fresh, 2023, settings(), TODAY)
    assert _org(report, ORG).submission.analysed_pct == pytest.approx(100.0)
    assert _org(report, ORG2).submission.analysed_pct == pytest.approx(0.0)
    assert "повторить проверки" in _org(report, ORG2).conclusion


def test_a_check_run_limited_to_another_year_does_not_count(store, tmp_path):
    build(store, tmp_path, run=False)
    save_run(store, [], kind="check", codes={"LATE_SUBMISSION"}, settings=CHECK_SETTINGS, year=2022)
    report = build_report(store, 2023, settings(), TODAY)
    assert not report.checks_ran and _org(report, ORG).submission.declarations_analysed == 0
    assert build_report(store, 2022, settings(), TODAY).checks_ran


def test_flags_by_code_severity_and_status(built):
    counts = _org(build_report(built, 2023, settings(), TODAY), ORG).flags
    by_code = {c.code: c for c in counts.by_code}
    assert list(by_code) == ["MISSING_DECLARATION", "MISSING_FAMILY_DECLARATION", "LATE_SUBMISSION",
                             "EXPENSE_EXCEEDS_3Y_INCOME", "PAYROLL_MISMATCH", "PROPERTY_DISAPPEARED",
                             "PROPERTY_APPEARED", "VEHICLE_DISAPPEARED", "ACCOUNT_UNDECLARED_BEFORE",
                             "INCOME_JUMP"]  # the order of checks.md
    assert by_code["PAYROLL_MISMATCH"].by_status == {"resolved": 1}
    assert by_code["INCOME_JUMP"].by_status == {"dismissed": 1}  # the 2022 flag is not counted
    assert by_code["PROPERTY_APPEARED"].by_status == {"escalated": 1}
    assert by_code["VEHICLE_DISAPPEARED"].by_status == {"explained": 1}
    assert by_code["MISSING_DECLARATION"].description.startswith("Служащий, обязанный представлять")
    assert by_code["MISSING_DECLARATION"].section == "С"
    assert counts.by_severity == [("high", "высокая", 5, 5), ("medium", "средняя", 5, 4), ("low", "низкая", 0, 0)]
    assert counts.by_status == [("new", "новый", 5), ("explained", "даны пояснения", 1), ("dismissed", "отклонен", 1),
                                ("escalated", "назначена проверка", 2), ("resolved", "устранено", 1)]
    assert (counts.total, counts.active, counts.open, counts.open_high) == (10, 9, 7, 4)
    other = _org(build_report(built, 2023, settings(), TODAY), ORG2).flags
    assert [(c.code, c.by_status) for c in other.by_code] == [("SERVANT_IS_OFFICER", {"new": 1})]


def test_open_high_severity_servants_with_readable_evidence(built):
    org = _org(build_report(built, 2023, settings(), TODAY), ORG)
    high = org.open_high
    assert [(s.full_name, [f.code for f in s.flags]) for s in high] == [
        ("Абрамов Олег Петрович", ["MISSING_DECLARATION"]),
        ("Петров Сергей Иванович", ["EXPENSE_EXCEEDS_3Y_INCOME", "PROPERTY_DISAPPEARED"]),
        ("Смирнова Ольга Николаевна", ["MISSING_FAMILY_DECLARATION"]),
    ]  # Зуева's high flag has been explained: not open
    petrov = high[1]
    assert (petrov.position, petrov.department) == ("Глава администрации", "Руководство")
    escalated, disappeared = petrov.flags
    assert escalated.status_label == "назначена проверка" and disappeared.status_label == "новый"
    view = disappeared.evidence
    assert view.sides == ("2022 год (справка y2022-1)", "2023 год (справка y2023-1)")
    assert view.compared[0] == ("Объект недвижимости", "квартира, 64,7\u00a0кв.\u00a0м, индивидуальная", "нет")
    assert ("Доходы от продажи", "") not in view.facts
    text = view.text()
    assert "50:12:0012345:678" not in text and "Черемуховая" not in text
    expense = escalated.evidence.text()
    assert "объект недвижимости «квартира», сделка 15.08.2023: 7\u00a0500\u00a0000,00\u00a0руб." in expense
    assert "Доход по годам: 2020: справка есть: да, доход служащего: 0,00\u00a0руб., доход супруга (супруги): " \
           "0,00\u00a0руб.; 2021: справка есть: да, доход служащего: 1\u00a0000\u00a0000,00\u00a0руб." in expense
    family = high[2].flags[0].evidence
    assert ("Родственник", "степень родства: супруг(а)") in family.facts
    assert "Смирнов" not in family.text() and "1975" not in family.text()


def test_evidence_of_year_over_year_flags_side_by_side_without_identifiers():
    view = evidence_view("ACCOUNT_OPEN_DATE_CHANGED", {
        "subject": "spouse", "subject_name": "Иванова Мария Петровна", "asset": "account",
        "previous": {"declaration_id": "D1", "year": 2021,
                     "row": {"bank": "ПАО Банк", "account_number": "40817810000000000001", "opened_on": "2019-03-01"}},
        "current": {"declaration_id": "D2", "year": 2023, "kind": "corrected",
                    "row": {"bank": "ПАО Банк", "account_number": "40817810000000000001", "opened_on": "2020-03-01"}},
        "years_without_declaration": [2022], "matched_by": "identifier",
    })
    assert view.sides == ("2021 год (справка D1)", "2023 год (справка D2, уточненная)")
    assert view.compared == [("Счет", "ПАО Банк, открыт 01.03.2019", "ПАО Банк, открыт 01.03.2020")]
    assert ("Чьи сведения", "супруг(а)") in view.facts
    assert ("Годы без справки", "2022") in view.facts
    assert ("Сопоставлено", "по номеру (идентификатору)") in view.facts
    assert "Иванова" not in view.text() and "40817810000000000001" not in view.text()


def test_procurement_evidence_keeps_the_company_and_drops_people_identifiers():
    view = evidence_view("PROCUREMENT_AFFILIATION", {
        "servant": {"person_id": "1", "name": "Петров Сергей Иванович"},
        "relative": {"relative_id": "r1", "relation": "spouse", "name": "Петрова Аглая Викторовна",
                     "birth_date": "1982-02-03"},
        "officer": {"name": "Петрова Аглая Викторовна", "role": "founder", "share_pct": 25.0},
        "company": {"inn": "7707083893", "name": "ООО Тридевятое царство"},
        "match": {"name_in_hr_records": "Петрова Аглая Викторовна", "score": 0.97, "birth_date": "equal",
                  "inn": "unknown", "parts": [{"a": "Петрова", "b": "Петрова"}]},
        "explanation": "«Петрова Аглая Викторовна» ~ «Петрова Аглая Викторовна»",
    })
    text = view.text()
    assert "Петров" not in text and "1982" not in text
    assert "ООО Тридевятое царство" in text and "7707083893" in text
    assert "учредитель" in text and "25\u00a0%" in text
    assert "дата рождения: совпадает" in text and "оценка совпадения ФИО: 0,97" in text


def test_dynamics_per_flagged_servant(built):
    org = _org(build_report(built, 2023, settings(), TODAY), ORG)
    series = {d.full_name: [(p.year, p.income, p.area) for p in d.points] for d in org.dynamics}
    assert series == {
        "Абрамов Олег Петрович": [(2022, 600_000.0, 0.0)],
        "Петров Сергей Иванович": [(2021, 1_000_000.0, 64.7), (2022, 1_200_000.0, 129.4),
                                   (2023, 3_500_000.0, pytest.approx(105.95))],
        "Смирнова Ольга Николаевна": [(2022, 900_000.0, 0.0), (2023, 950_000.0, 0.0)],
        "Зуева Елена Павловна": [(2022, 700_000.0, 600.0), (2023, 750_000.0, 600.0)],  # the correction counts
    }
    petrov = next(d for d in org.dynamics if d.person_id == "1")
    assert petrov.codes == ["EXPENSE_EXCEEDS_3Y_INCOME", "PROPERTY_DISAPPEARED", "ACCOUNT_UNDECLARED_BEFORE",
                            "INCOME_JUMP"]  # dismissed is still active: only resolved flags are not


def test_settings_echo_the_latest_runs_and_the_settings_passed(built):
    report = build_report(built, 2023, settings(income_jump_ratio=2.5), TODAY)
    runs = {r.kind: r for r in report.settings.runs}
    assert set(runs) == {"check", "match"}
    assert runs["check"].run_id == 2 and runs["check"].settings == CHECK_SETTINGS
    assert runs["match"].settings == MATCH_SETTINGS
    rows = {r.key: r for r in report.settings.rows}
    assert (rows["checks.income_jump_ratio"].current, rows["checks.income_jump_ratio"].used) == ("2,5", "3")
    assert rows["checks.income_jump_ratio"].differs
    assert (rows["checks.adult_age"].current, rows["checks.adult_age"].used) == ("18", "18")
    assert rows["checks.payroll_tolerance_rub"].used == "—"  # not recorded by that run
    assert (rows["match.match_threshold"].current, rows["match.match_threshold"].used) == ("0,9", "0,85")
    assert rows["deadlines.categories"].current == "default — 30 апреля; early — 1 апреля"
    assert rows["deadlines.publication_working_days"].used is None
    assert rows["checks.income_jump_ratio"].label.startswith("INCOME_JUMP")


def test_conclusion_is_generated_from_the_figures(built):
    org = _org(build_report(built, 2023, settings(), TODAY), ORG)
    text = org.conclusion.replace("\u00a0", " ")
    assert text.startswith("Сведения о доходах за 2023 год представили 3 из 4 служащих, обязанных их "
                           "представлять (75 %); не представили 1 (25 %); с нарушением срока — 1.")
    assert "Справки супругов и несовершеннолетних детей: 2 из 3 (66,7 %)." in text
    assert "Уточненных справок — 1." in text
    assert "Выявлено 10 признаков: требуют рассмотрения 7, из них высокой важности — 4" in text
    assert "устранено — 1" in text
    assert "комиссии по соблюдению требований" in text


# --------------------------------------------------------------------------- the files


@pytest.fixture(scope="module")
def written(built, tmp_path_factory):
    return write_report(built, 2023, tmp_path_factory.mktemp("report-out") / "out", settings(), today=TODAY)


def test_write_report_writes_the_workbook_and_the_page(written):
    assert [p.name for p in written] == ["report_2023.xlsx", "report_2023.html"]
    assert all(p.parent == written[0].parent and p.parent.name == "out" and p.stat().st_size > 0 for p in written)


def test_html_page_is_self_contained_russian_and_complete(written):
    html = written[1].read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="ru">' in html
    assert not re.search(r"""(src|href)=["'](https?:|//)""", html), "external assets"
    assert "<script" not in html and "<link" not in html
    assert "@page { size: A4" in html
    text = _text(html)
    due = calendar.deadlines(2023, "default", **load_settings().deadlines.calendar_options())
    assert f"Срок представления сведений {calendar.format_date_ru(due.filing)}" in text
    assert "30 апреля 2024 г." in text
    assert f"Срок размещения на официальном сайте {calendar.format_date_ru(due.publication)}" in text
    assert "Дата доклада 3 июня 2024 г." in text
    # one section per organisation, each with its numbered parts
    assert html.count('<section class="organisation"') == 2
    for heading in ("1. Представление сведений", "2. Выявленные признаки", "5. Вывод", "Настройки анализа"):
        assert heading in text
    assert "Представили справку о себе 3 4 75 %" in text
    assert "Не представили справку о себе 1 4 25 %" in text
    assert "Справки супругов и несовершеннолетних детей: представлено 2 3 66,7 %" in text
    assert "Проанализировано справок (охвачены проверкой) 6 6 100 %" in text
    assert "MISSING_DECLARATION Служащий, обязанный представлять сведения" in text
    assert "высокая 5 5" in text and "устранено 1" in text


def _section(html: str, org_index: int) -> str:
    start = html.index(f'<section class="organisation" id="org-{org_index}"')
    return html[start:html.index("</section>", start)]


def test_html_high_severity_section_shows_messages_and_evidence_side_by_side(written):
    html = written[1].read_text(encoding="utf-8")
    part = _section(html, 1)
    high = part[part.index("3. Служащие"):part.index("4. Динамика")]
    text = _text(high)
    assert "Петров Сергей Иванович" in text and "Глава администрации, Руководство" in text
    assert "Служащий: квартира из справки за 2022 год отсутствует" in text
    assert "Показатель 2022 год (справка y2022-1) 2023 год (справка y2023-1)" in text
    assert "Объект недвижимости квартира, 64,7 кв. м, индивидуальная нет" in text
    assert "Зуева" not in text  # explained
    assert high.count('class="flag"') == 4
    for secret in PRIVATE:
        assert secret not in html, secret


def test_html_charts_one_point_per_year(written):
    html = written[1].read_text(encoding="utf-8")
    part = _section(html, 1)
    svgs = re.findall(r'<svg [^>]*class="chart income-area" id="chart-1-(\w+)".*?</svg>', part, re.S)
    assert sorted(svgs) == ["1", "2", "3", "5"]
    petrov = re.search(r'<svg [^>]*id="chart-1-1".*?</svg>', part, re.S).group(0)
    assert re.findall(r'<circle class="point area-point" data-year="(\d+)"', petrov) == ["2021", "2022", "2023"]
    assert re.findall(r'<rect class="bar income-bar" data-year="(\d+)" data-value="([\d.]+)"', petrov) == [
        ("2021", "1000000.00"), ("2022", "1200000.00"), ("2023", "3500000.00")]
    assert 'role="img"' in petrov and "<title" in petrov
    abramov = re.search(r'<svg [^>]*id="chart-1-3".*?</svg>', part, re.S).group(0)
    assert abramov.count('class="point area-point"') == 1 and "polyline" not in abramov


def test_html_settings_are_echoed(written):
    text = _text(written[1].read_text(encoding="utf-8"))
    assert "INCOME_JUMP: изменение дохода, раз 2 3 (отличается)" in text
    assert "Порог совпадения ФИО (0–1) 0,9 0,85 (отличается)" in text
    assert "проверки сведений 2" in text and "закупки и конфликт интересов 3" in text


def test_xlsx_sheets_and_values(written):
    book = openpyxl.load_workbook(written[0])
    assert book.sheetnames == ["Сводка", "Флаги по кодам", "Служащие с флагами", "Динамика", "Настройки"]
    summary = book["Сводка"]
    values = [[c for c in row] for row in summary.iter_rows(values_only=True)]
    assert values[0][0].startswith("Доклад о результатах анализа сведений о доходах")
    labelled = {row[0]: row[1:] for row in values if row[0]}
    assert labelled["Срок представления сведений"][0].date() == date(2024, 4, 30)
    assert labelled["Дата доклада"][0].date() == TODAY
    rows = [row for row in values if row[0] == "Представили справку о себе"]
    assert [tuple(r[1:4]) for r in rows] == [(3, 4, 0.75), (1, 1, 1.0)]  # one block per organisation
    assert summary.freeze_panes == "A2"
    assert any(row[0] == ORG2 for row in values)

    codes = book["Флаги по кодам"]
    assert [c.value for c in codes[1]][:5] == ["Организация", "Код", "Раздел", "Описание", "Важность"]
    assert codes.freeze_panes == "A2"
    table = {(r[0], r[1]): r for r in codes.iter_rows(min_row=2, values_only=True)}
    assert table[(ORG, "PAYROLL_MISMATCH")][5:] == (0, 0, 0, 0, 1, 1, 0)
    assert table[(ORG2, "SERVANT_IS_OFFICER")][5:] == (1, 0, 0, 0, 0, 1, 1)
    assert codes.column_dimensions["D"].width == 60 and codes["D2"].alignment.wrap_text

    flagged = book["Служащие с флагами"]
    header = [c.value for c in flagged[1]]
    assert header[:3] == ["Организация", "ФИО служащего", "Табельный номер"] and "Сведения (обе справки)" in header
    records = [dict(zip(header, r)) for r in flagged.iter_rows(min_row=2, values_only=True)]
    assert len(records) == 11
    disappeared = next(r for r in records if r["Код"] == "PROPERTY_DISAPPEARED")
    assert disappeared["Статус"] == "новый" and disappeared["Требует рассмотрения"] == "да"
    assert "2022 год (справка y2022-1) → 2023 год (справка y2023-1)" in disappeared["Сведения (обе справки)"]
    assert "64,7" in disappeared["Сведения (обе справки)"]
    assert next(r for r in records if r["Код"] == "PAYROLL_MISMATCH")["Статус"] == "устранено"
    assert next(r for r in records if r["Код"] == "INCOME_JUMP")["Пояснение"].startswith("доход от продажи")
    assert flagged.freeze_panes == "C2"

    dynamics = book["Динамика"]
    rows = [r for r in dynamics.iter_rows(min_row=2, values_only=True)]
    petrov = [(r[3], r[4], r[5]) for r in rows if r[2] == "1"]
    assert petrov == [(2021, 1_000_000, 64.7), (2022, 1_200_000, 129.4), (2023, 3_500_000, pytest.approx(105.95))]
    assert len(dynamics._charts) == 5  # Абрамов, Петров, Смирнова, Зуева; Зайцев of the other organisation

    setting_rows = {r[2]: r for r in book["Настройки"].iter_rows(min_row=2, values_only=True) if r[2]}
    assert setting_rows["checks.income_jump_ratio"][3:5] == ("2", "3")

    for sheet in book.worksheets:  # nothing private anywhere
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    assert not any(secret in value for secret in PRIVATE), (sheet.title, value)


def test_the_cli_verb_writes_the_report(fresh, tmp_path):
    from typer.testing import CliRunner

    from declarations.cli import app

    db = fresh.path
    fresh.close()
    out = tmp_path / "cli"
    result = CliRunner().invoke(app, ["report", "--year", "2023", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert (out / "report_2023.html").exists() and (out / "report_2023.xlsx").exists()


def test_a_year_without_data_gives_an_empty_report(store, tmp_path):
    build(store, tmp_path, run=False)
    paths = write_report(store, 2030, tmp_path / "empty", settings(), today=TODAY)
    text = _text(paths[1].read_text(encoding="utf-8"))
    assert "За 2030 год в базе нет ни перечня служащих, ни справок, ни признаков." in text
    assert openpyxl.load_workbook(paths[0]).sheetnames[0] == "Сводка"
