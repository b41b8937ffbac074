"""Declarator JSON, OCDS packages and the registry CSV files."""

from __future__ import annotations

import json
import shutil

import pytest

from declarations.errors import InputError
from declarations.readers.declarator import name_key, organisation_from_title
from tests.conftest import EXAMPLES, load
from tests.procurement_books import write_csv

DECLARATOR_FILES = sorted(EXAMPLES.glob("*.json"))


@pytest.mark.parametrize("path", DECLARATOR_FILES, ids=[p.name for p in DECLARATOR_FILES])
def test_real_declarator_files_load_every_row(store, tmp_path, path):
    data = json.loads(path.read_text(encoding="utf-8"))
    load(store, shutil.copy(path, tmp_path / path.name))
    persons = len(data["persons"])
    incomes = sum(1 for p in data["persons"] for r in p["incomes"] if r.get("size") is not None)
    estates = sum(len(p["real_estates"]) for p in data["persons"])
    vehicles = sum(1 for p in data["persons"] for r in p["vehicles"] if (r.get("text") or "").strip())
    counts = store.con.execute(
        """SELECT (SELECT count(*) FROM servants), (SELECT count(*) FROM incomes),
                  (SELECT count(*) FROM real_estate), (SELECT count(*) FROM vehicles)""").fetchone()
    assert counts == (persons, incomes, estates, vehicles)
    assert store.con.execute("SELECT DISTINCT source FROM declarations").fetchall() == [("declarator",)]


def test_declarator_family_rows_become_family_declarations(store, tmp_path):
    path = EXAMPLES / "MinDalVostok2017.xlsx.json"
    load(store, shutil.copy(path, tmp_path / path.name))
    rows = store.con.execute(
        """SELECT s.full_name, d.subject, sum(i.amount) FROM declarations d
           JOIN servants s USING (person_id) JOIN incomes i USING (declaration_id)
           GROUP BY ALL ORDER BY 1, 2""").fetchall()
    assert ("Агеев С.В.", "self", 475177.35) in rows
    assert ("Агеев С.В.", "spouse", 192000.0) in rows
    joint = store.con.execute(
        "SELECT holding, object_type, ownership, area FROM real_estate WHERE ownership = 'joint' ORDER BY area").fetchall()
    assert joint == [("owned", "flat", "joint", 60.0), ("owned", "flat", "joint", 60.0), ("owned", "flat", "joint", 61.0)]


def test_declarator_shares_and_used_property(store, tmp_path):
    path = EXAMPLES / "minfin2016.xlsx.json"
    load(store, shutil.copy(path, tmp_path / path.name))
    rows = store.con.execute("SELECT holding, ownership, share, area FROM real_estate ORDER BY area").fetchall()
    assert ("owned", "shared", "1/3", 78.8) in rows
    assert ("owned", "shared", "1/72", 32.2) in rows
    assert any(holding == "used" and ownership is None for holding, ownership, _, _ in rows)


def _declarator_doc(year: int, name: str, role: str, income: float, title: str) -> dict:
    return {
        "document": {"sheet_title": title, "year": year},
        "persons": [{
            "person": {"name_raw": name, "role": role}, "year": year,
            "incomes": [{"size": income, "relative": None},
                        {"size": 100000.0, "relative": "Супруг(а)", "relative_index": 1}],
            "real_estates": [{"text": "квартира", "square": 50.0, "relative": None,
                              "own_type_by_column": "В собственности", "own_type_raw": "индивидуальная",
                              "country_raw": "Россия", "type_raw": "квартира"}],
            "vehicles": [],
        }],
    }


def test_same_person_is_linked_across_years(store, tmp_path):
    title = "Сведения о доходах, расходах, об имуществе и обязательствах имущественного характера служащих " \
            "Министерства примеров за период с 1 января {y} г. по 31 декабря {y} г."
    first = tmp_path / "2016.json"
    second = tmp_path / "2017.json"
    first.write_text(json.dumps(_declarator_doc(2016, "Петров Сергей Иванович", "Директор департамента", 1e6,
                                                title.format(y=2016)), ensure_ascii=False), encoding="utf-8")
    second.write_text(json.dumps(_declarator_doc(2017, "ПЕТРОВ С. И.", "директор департамента", 3e6,
                                                 title.format(y=2017)), ensure_ascii=False), encoding="utf-8")
    load(store, first, second)
    assert store.con.execute("SELECT count(DISTINCT person_id), count(*) FROM servants").fetchone() == (1, 2)
    totals = store.con.execute(
        """SELECT year, subject, income_total, previous_year FROM subject_year_totals ORDER BY subject, year"""
    ).fetchall()
    assert totals == [(2016, "self", 1e6, None), (2017, "self", 3e6, 2016),
                      (2016, "spouse", 1e5, None), (2017, "spouse", 1e5, 2016)]


def test_namesakes_in_other_roles_stay_apart(store, tmp_path):
    title = "Сведения о доходах служащих Министерства примеров за 2016 год"
    path = tmp_path / "doc.json"
    doc = _declarator_doc(2016, "Петров С.И.", "Водитель", 1e5, title)
    doc["persons"].append(_declarator_doc(2016, "Петров С.И.", "Министр", 9e6, title)["persons"][0])
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    load(store, path)
    assert store.con.execute("SELECT count(DISTINCT person_id) FROM servants").fetchone() == (2,)


def test_name_key_and_organisation_normalisation():
    assert name_key("ГОРНИН Л.В.") == name_key("Горнин Леонид Владимирович") == "горнин л в"
    assert name_key("Осипов А. М.") == "осипов а м"
    assert organisation_from_title(
        "Сведения о доходах, расходах, об имуществе и обязательствах имущественного характера \n"
        "государственных гражданских служащих Забайкальского краевого суда\n"
        "за период с 1 января 2017 г. по 31 декабря 2017 г.") == "Забайкальского краевого суда"


def test_declarator_json_without_names_is_refused(store, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"document": {"year": 2016}, "persons": [{"person": {"name_raw": ""}, "year": 2016}]}),
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(store, path)
    assert [(i.sheet, i.row, i.column) for i in caught.value.issues] == [("persons", 1, "person.name_raw")]


# --- procurement, commissions and officers ---

CUSTOMER_INN = "7707083893"
SUPPLIER_INN = "7736207543"
OTHER_INN = "7702070139"


def ocds_release(ocid: str, tenderers: list[tuple[str, str, str]], winner: str | None) -> dict:
    parties = [{"id": "buyer", "name": "Администрация", "roles": ["buyer", "procuringEntity"],
                "identifier": {"scheme": "RU-INN", "id": CUSTOMER_INN}}]
    parties += [{"id": pid, "name": name, "roles": ["tenderer"] + (["supplier"] if pid == winner else []),
                 "identifier": {"scheme": "RU-INN", "id": inn}} for pid, name, inn in tenderers]
    release = {"ocid": ocid, "id": ocid + "-1", "date": "2024-03-01T10:00:00Z", "parties": parties,
               "buyer": {"id": "buyer", "name": "Администрация"},
               "tender": {"id": ocid, "value": {"amount": 1500000, "currency": "RUB"},
                          "tenderPeriod": {"startDate": "2024-03-05T00:00:00Z"},
                          "tenderers": [{"id": pid, "name": name} for pid, name, _ in tenderers]}}
    if winner:
        release["awards"] = [{"id": "a1", "status": "active", "suppliers": [{"id": winner}]}]
    return release


def test_ocds_release_package(store, tmp_path):
    path = tmp_path / "release.json"
    release = ocds_release("ocds-abc-1", [("t1", "ООО «Ромашка»", SUPPLIER_INN), ("t2", "АО «Лютик»", OTHER_INN)], "t1")
    path.write_text(json.dumps({"uri": "x", "releases": [release]}, ensure_ascii=False), encoding="utf-8")
    load(store, path)
    rows = store.con.execute(
        """SELECT procedure_id, customer_inn, date, amount, participant_inn, participant_name, is_winner
           FROM procurement ORDER BY participant_name""").fetchall()
    import datetime as dt
    assert rows == [
        ("ocds-abc-1", CUSTOMER_INN, dt.date(2024, 3, 5), 1500000.0, OTHER_INN, "АО «Лютик»", False),
        ("ocds-abc-1", CUSTOMER_INN, dt.date(2024, 3, 5), 1500000.0, SUPPLIER_INN, "ООО «Ромашка»", True),
    ]


def test_ocds_record_package_uses_compiled_release(store, tmp_path):
    path = tmp_path / "record.json"
    compiled = ocds_release("ocds-abc-2", [("t1", "ООО «Ромашка»", SUPPLIER_INN)], None)
    path.write_text(json.dumps({"records": [{"ocid": "ocds-abc-2", "compiledRelease": compiled,
                                             "releases": []}]}), encoding="utf-8")
    load(store, path)
    assert store.con.execute("SELECT procedure_id, is_winner FROM procurement").fetchall() == [("ocds-abc-2", False)]


def test_ocds_with_bad_identifier_is_refused(store, tmp_path):
    path = tmp_path / "bad.json"
    release = ocds_release("ocds-abc-3", [("t1", "ООО «Ромашка»", "1234567890")], None)
    path.write_text(json.dumps({"releases": [release]}), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(store, path)
    issue = caught.value.issues[0]
    assert (issue.sheet, issue.row, issue.column, issue.found) == ("releases", 1, "participant_inn", "1234567890")


def test_registry_csv_files(store, tmp_path):
    procurement = write_csv(tmp_path / "procurement.csv", [
        {"procedure_id": "p1", "customer": "Администрация", "customer_inn": CUSTOMER_INN, "date": "05.03.2024",
         "amount": "1 500 000,00", "participant_inn": SUPPLIER_INN, "participant_name": "ООО «Ромашка»",
         "is_winner": "да"}])
    commissions = write_csv(tmp_path / "commissions.csv", [
        {"procedure_id": "p1", "person_id": "17", "role": "член комиссии по закупкам"}])
    officers = write_csv(tmp_path / "officers.csv", [
        {"company_inn": SUPPLIER_INN, "company_name": "ООО «Ромашка»", "person_name": "Иванов Петр Иванович",
         "person_inn": "", "birth_date": "1975-01-02", "role": "учредитель", "share_pct": "25",
         "since": "2019-01-01", "until": ""}])
    load(store, procurement, commissions, officers)
    assert store.con.execute("SELECT amount, is_winner FROM procurement").fetchone() == (1500000.0, True)
    assert store.con.execute("SELECT role FROM commissions").fetchone() == ("commission",)
    assert store.con.execute("SELECT role, share_pct FROM officers").fetchone() == ("founder", 25.0)


def test_registry_file_recognised_by_headers_and_replaced_by_procedure(store, tmp_path):
    rows = [{"procedure_id": "p1", "customer": "А", "customer_inn": CUSTOMER_INN, "date": "2024-03-05",
             "amount": "10", "participant_inn": SUPPLIER_INN, "participant_name": "Ромашка", "is_winner": "нет"}]
    load(store, write_csv(tmp_path / "zakupki_2024.csv", rows))
    rows[0]["is_winner"] = "да"
    load(store, write_csv(tmp_path / "zakupki_2024_v2.csv", rows))
    assert store.con.execute("SELECT is_winner FROM procurement").fetchall() == [(True,)]


def test_officers_with_bad_role_are_refused(store, tmp_path):
    path = write_csv(tmp_path / "officers.csv", [
        {"company_inn": SUPPLIER_INN, "company_name": "ООО", "person_name": "Иванов И.И.", "role": "бухгалтер"}])
    with pytest.raises(InputError) as caught:
        load(store, path)
    assert caught.value.issues[0].column == "role"
    assert store.con.execute("SELECT count(*) FROM officers").fetchone() == (0,)
