"""Every validation rule: the exact message, all errors at once, and the store left unchanged."""

from __future__ import annotations

import pytest

from declarations.errors import InputError, Issue
from tests.conftest import declaration, load, servant, write_csv_workbook, write_xlsx_workbook
from tests.workbook_sheets import english_sheets, snapshot


def issues_of(store, path) -> list[Issue]:
    before = snapshot(store)
    loads_before = store.con.execute("SELECT count(*) FROM loads").fetchone()
    with pytest.raises(InputError) as caught:
        load(store, path)
    assert snapshot(store) == before, "a file with errors must load nothing"
    assert store.con.execute("SELECT count(*) FROM loads").fetchone() == loads_before
    return caught.value.issues


def only(issues: list[Issue]) -> Issue:
    assert len(issues) == 1, [str(i) for i in issues]
    return issues[0]


@pytest.fixture
def loaded(store, tmp_path):
    """A store that already holds a valid workbook, to prove failures leave it as it was."""
    load(store, write_csv_workbook(tmp_path / "good", english_sheets()))
    return store


def broken(tmp_path, change) -> object:
    sheets = english_sheets()
    for row in sheets["servants"]:
        row["organisation"] = "Другая"  # its own organisation-year, so it would not replace the good one
    for key in ("declarations", "incomes", "real_estate", "vehicles", "accounts"):
        for row in sheets[key]:
            row["declaration_id"] = "x" + row["declaration_id"]
    change(sheets)
    return write_csv_workbook(tmp_path / "bad", sheets)


RULES = [
    # (what is broken, change, sheet, column, expected, found)
    ("impossible date", lambda s: s["declarations"][0].update(submitted_on="31.02.2024"),
     "declarations.csv", "submitted_on", "существующая дата (такого дня нет в календаре)", "31.02.2024"),
    ("not a date", lambda s: s["declarations"][0].update(submitted_on="весной"),
     "declarations.csv", "submitted_on", "дата ДД.ММ.ГГГГ или ГГГГ-ММ-ДД", "весной"),
    ("negative area", lambda s: s["real_estate"][0].update(area="-64,7"),
     "real_estate.csv", "area", "площадь больше нуля", "-64,7"),
    ("zero area", lambda s: s["real_estate"][0].update(area="0"),
     "real_estate.csv", "area", "площадь больше нуля", "0"),
    ("negative income", lambda s: s["incomes"][0].update(amount="-1"),
     "incomes.csv", "amount", "число не меньше нуля", "-1"),
    ("amount not a number", lambda s: s["incomes"][0].update(amount="много"),
     "incomes.csv", "amount", "число, например 1 474 895,00", "много"),
    ("bad enum", lambda s: s["real_estate"][0].update(object_type="замок"),
     "real_estate.csv", "object_type",
     "одно из значений: «земельный участок», «жилой дом», «квартира», «гараж», «дача», «машино-место», "
     "«нежилое помещение», «иное»", "замок"),
    ("bad bool", lambda s: s["servants"][0].update(must_declare="может быть"),
     "servants.csv", "must_declare", "«да» или «нет»", "может быть"),
    ("share not a fraction", lambda s: s["real_estate"][0].update(share="половина"),
     "real_estate.csv", "share", "доля в виде дроби, например 1/2 или 3/311", "половина"),
    ("share above one", lambda s: s["real_estate"][0].update(share="3/2"),
     "real_estate.csv", "share", "доля в виде дроби, например 1/2 или 3/311", "3/2"),
    ("share missing for shared", lambda s: s["real_estate"][0].update(share=""),
     "real_estate.csv", "share", "доля для общей долевой собственности", ""),
    ("ownership for used", lambda s: s["real_estate"][0].update(holding="used"),
     "real_estate.csv", "ownership", "пустой вид собственности для объекта в пользовании", "shared"),
    ("INN checksum", lambda s: s["servants"][0].update(inn="500100732250"),
     "servants.csv", "inn", "ИНН из 12 цифр с верной контрольной суммой", "500100732250"),
    ("INN length", lambda s: s["servants"][0].update(inn="7707083893"),
     "servants.csv", "inn", "ИНН из 12 цифр с верной контрольной суммой", "7707083893"),
    ("cadastral number", lambda s: s["real_estate"][0].update(cadastral_number="50-12-123"),
     "real_estate.csv", "cadastral_number", "кадастровый номер вида NN:NN:NNNNNNN:NNN", "50-12-123"),
    ("account number", lambda s: s["accounts"][0].update(account_number="4081781"),
     "accounts.csv", "account_number", "20 цифр", "4081781"),
    ("required value", lambda s: s["vehicles"][0].update(make=""),
     "vehicles.csv", "make", "обязательное значение", ""),
    ("dangling declaration", lambda s: s["incomes"][0].update(declaration_id="nowhere"),
     "incomes.csv", "declaration_id", "номер справки с листа «declarations.csv»", "nowhere"),
    ("dangling person", lambda s: s["payroll"][0].update(person_id="999"),
     "payroll.csv", "person_id", "табельный номер с листа «servants.csv»", "999"),
    ("family without relative", lambda s: s["declarations"][1].update(relative_id=""),
     "declarations.csv", "relative_id", "код родственника для справки супруга(и) или ребенка", ""),
    ("unknown relative without name", lambda s: s["declarations"][1].update(relative_id="r404"),
     "declarations.csv", "ФИО лица", "ФИО лица, если кода родственника нет на листе родственников", ""),
    ("corrected without target", lambda s: s["declarations"][0].update(kind="corrected"),
     "declarations.csv", "Уточняет справку", "номер уточняемой справки для уточненной справки", ""),
]


@pytest.mark.parametrize("name, change, sheet, column, expected, found", RULES, ids=[r[0] for r in RULES])
def test_rule_message(loaded, tmp_path, name, change, sheet, column, expected, found):
    issue = only(issues_of(loaded, broken(tmp_path, change)))
    assert (issue.sheet, issue.column, issue.expected, issue.found) == (sheet, column, expected, found)
    assert issue.row is not None and issue.row >= 2
    assert issue.file.endswith(sheet)


def test_duplicate_declaration_id_is_reported_on_both_rows(loaded, tmp_path):
    issues = issues_of(loaded, broken(tmp_path, lambda s: s["declarations"].append(dict(s["declarations"][0]))))
    assert [(i.row, i.column, i.expected, i.found) for i in issues] == [
        (2, "declaration_id", "уникальное значение (такое уже есть выше или ниже)", "xd1"),
        (4, "declaration_id", "уникальное значение (такое уже есть выше или ниже)", "xd1"),
    ]


def test_corrects_must_point_at_same_person_year_and_subject(loaded, tmp_path):
    def change(s):
        s["declarations"].append(declaration("xd3", "17", kind="corrected", corrects="xd2"))

    issue = only(issues_of(loaded, broken(tmp_path, change)))
    assert issue.column == "corrects"
    assert issue.expected == "справка того же лица за тот же год (17, 2023, self)"
    assert issue.found == "xd2: 17, 2023, spouse"
    assert issue.row == 4


def test_all_errors_of_a_file_are_reported_together(loaded, tmp_path):
    def change(s):
        s["declarations"][0]["submitted_on"] = "31.02.2024"
        s["real_estate"][0]["area"] = "-1"
        s["servants"][0]["inn"] = "123"
        s["incomes"][0]["declaration_id"] = "nowhere"

    issues = issues_of(loaded, broken(tmp_path, change))
    assert {(i.sheet, i.column) for i in issues} == {
        ("declarations.csv", "submitted_on"), ("real_estate.csv", "area"),
        ("servants.csv", "inn"), ("incomes.csv", "declaration_id")}


def test_missing_required_column_and_sheet(loaded, tmp_path):
    sheets = english_sheets()
    for row in sheets["servants"]:
        del row["position"]
    del sheets["declarations"]
    for key in ("incomes", "real_estate", "vehicles", "accounts"):
        del sheets[key]
    issues = issues_of(loaded, write_csv_workbook(tmp_path / "bad", sheets))
    assert Issue(str(tmp_path / "bad" / "servants.csv"), "servants.csv", 1, "Должность",
                 "обязательный столбец «Должность» (position)", "нет такого столбца") in issues
    assert Issue(str(tmp_path / "bad"), "Справки", None, "", "лист «Справки» (declarations)",
                 "нет такого листа") in issues


def test_xlsx_errors_name_the_sheet_and_excel_row(loaded, tmp_path):
    sheets = {"Служащие": [servant("1", organisation="Третья")],
              "Справки": [declaration("q1", "1"), declaration("q2", "1", submitted_on="31.02.2024")]}
    issue = only(issues_of(loaded, write_xlsx_workbook(tmp_path / "bad.xlsx", sheets)))
    assert (issue.sheet, issue.row, issue.column, issue.found) == ("Справки", 3, "submitted_on", "31.02.2024")


def test_truncated_xlsx_is_refused(loaded, tmp_path):
    good = write_xlsx_workbook(tmp_path / "good.xlsx", {"servants": [servant("1")]})
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[:700])
    issue = only(issues_of(loaded, truncated))
    assert issue.expected == "книга Excel (.xlsx)"
    assert issue.found.startswith("файл поврежден или не является .xlsx")


def test_corrupted_xlsx_is_refused(loaded, tmp_path):
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"this is not a workbook at all")
    assert only(issues_of(loaded, corrupt)).expected == "книга Excel (.xlsx)"


def test_non_utf8_csv_is_refused(loaded, tmp_path):
    folder = broken(tmp_path, lambda s: None)
    (folder / "servants.csv").write_bytes("person_id,full_name\n1,Иванов\n".encode("cp1251"))
    issues = issues_of(loaded, folder)
    assert any(i.expected == "CSV в кодировке UTF-8 с запятой-разделителем" for i in issues)


def test_workbook_with_two_years_is_refused(loaded, tmp_path):
    issues = issues_of(loaded, broken(tmp_path, lambda s: s["declarations"][1].update(year="2022")))
    assert any(i.expected == "один отчетный год в файле" and i.found == "2022, 2023" for i in issues)


def test_one_bad_file_stops_the_others_of_the_same_run(store, tmp_path):
    good = write_csv_workbook(tmp_path / "good", english_sheets())
    bad = broken(tmp_path, lambda s: s["real_estate"][0].update(area="-1"))
    with pytest.raises(InputError):
        load(store, good, bad)
    assert store.con.execute("SELECT count(*) FROM declarations").fetchone() == (0,)
