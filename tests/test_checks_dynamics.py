"""Д — year over year: real estate, vehicles, accounts, income and savings, on real workbooks (and one
Declarator document) loaded into a real store. Every code fires on a plain case and stays silent on
the hard negatives: a declared sale, a rounding change of area, an account opened during the year,
a corrected справка that fixes the original, a year missing from the history."""

from __future__ import annotations

import json
from pathlib import Path

from tests.check_books import account, car, check, codes, flat, income, load_years, of, workbook
from tests.conftest import declaration, load, servant

ASSET_CODES = {"PROPERTY_DISAPPEARED", "PROPERTY_APPEARED", "PROPERTY_AREA_CHANGED", "PROPERTY_SHARE_CHANGED",
               "VEHICLE_DISAPPEARED", "VEHICLE_APPEARED", "ACCOUNT_OPEN_DATE_CHANGED", "ACCOUNT_UNDECLARED_BEFORE"}


def two_years(store, tmp_path, before: dict, after: dict, years=(2022, 2023)):
    load_years(store, tmp_path, {years[0]: before, years[1]: after})
    return check(store)


def with_spouse(year: int) -> list[dict]:
    return [declaration(f"{year}-1", "1", year),
            declaration(f"{year}-s", "1", year, subject="spouse", relative_id="S1")]


SPOUSE = [{"person_id": "1", "relative_id": "S1", "relation": "spouse", "full_name": "Иванова Мария Петровна"}]


# --- PROPERTY_DISAPPEARED

def test_property_disappeared_without_a_sale(store, tmp_path):
    flags = two_years(store, tmp_path, {"real_estate": [flat("2022-1")]}, {})
    found = of(flags, "PROPERTY_DISAPPEARED")
    assert len(found) == 1
    flag = found[0]
    assert (flag.person_id, flag.year, flag.severity) == ("1", 2023, "high")
    assert "64,7" in flag.message and "2022" in flag.message
    assert flag.evidence["previous"]["row"]["cadastral_number"] == "50:12:0000000:123"
    assert flag.evidence["previous"]["declaration_id"] == "2022-1"
    assert flag.evidence["current"] == {"declaration_id": "2023-1", "year": 2023, "kind": "original", "row": None,
                                        "rows": []}
    assert flag.evidence["sale_incomes"] == []
    assert flag.identity == "self|2022|cad:50:12:0000000:123"


def test_a_sale_with_its_income_declared_is_not_a_disappearance(store, tmp_path):
    flags = two_years(store, tmp_path, {"real_estate": [flat("2022-1")]},
                      {"incomes": [income("2023-1", 5_000_000, "other", "Продажа квартиры")]})
    assert of(flags, "PROPERTY_DISAPPEARED") == []


def test_a_sale_declared_by_the_co_owning_spouse_explains_a_joint_flat(store, tmp_path):
    flags = two_years(
        store, tmp_path,
        {"relatives": SPOUSE, "declarations": with_spouse(2022),
         "real_estate": [flat("2022-1", ownership="joint", cadastral_number="")]},
        {"relatives": SPOUSE, "declarations": with_spouse(2023),
         "incomes": [income("2023-s", 4_000_000, "other", "доход от отчуждения квартиры")]})
    assert of(flags, "PROPERTY_DISAPPEARED") == []


def test_a_sale_by_another_member_does_not_explain_an_own_flat(store, tmp_path):
    # checks.md (updated): only the owner's sale (or the co-owning spouse's, for joint ownership) explains it
    flags = two_years(
        store, tmp_path,
        {"relatives": SPOUSE, "declarations": with_spouse(2022), "real_estate": [flat("2022-1")]},
        {"relatives": SPOUSE, "declarations": with_spouse(2023),
         "incomes": [income("2023-s", 4_000_000, "other", "доход от отчуждения квартиры")]})
    assert len(of(flags, "PROPERTY_DISAPPEARED")) == 1


def test_a_car_sale_does_not_explain_a_gone_flat_and_one_sale_explains_one_object(store, tmp_path):
    flags = two_years(
        store, tmp_path,
        {"real_estate": [flat("2022-1", cadastral_number=""), flat("2022-1", cadastral_number="", area="40",
                                                                   object_type="garage")]},
        {"incomes": [income("2023-1", 900_000, "other", "продажа автомобиля"),
                     income("2023-1", 3_000_000, "other", "продажа недвижимого имущества")]})
    found = of(flags, "PROPERTY_DISAPPEARED")
    assert len(found) == 1          # two objects gone, one property sale: one is explained, one is not
    assert found[0].evidence["sales_used"][0]["description"] == "продажа недвижимого имущества"
    assert "отнесены к другим объектам" in found[0].message


def test_an_object_moved_to_the_spouse_is_neither_gone_nor_new(store, tmp_path):
    flags = two_years(
        store, tmp_path,
        {"relatives": SPOUSE, "declarations": with_spouse(2022), "real_estate": [flat("2022-1")]},
        {"relatives": SPOUSE, "declarations": with_spouse(2023),
         "real_estate": [flat("2023-s", acquired_on="2015-01-01")]})
    assert not codes(flags) & ASSET_CODES


def test_spouse_property_is_followed_by_relative_id_and_filed_under_the_servant(store, tmp_path):
    flags = two_years(
        store, tmp_path,
        {"relatives": SPOUSE, "declarations": with_spouse(2022),
         "real_estate": [flat("2022-s", cadastral_number="", object_type="garage", area="18")]},
        {"relatives": SPOUSE, "declarations": with_spouse(2023)})
    found = of(flags, "PROPERTY_DISAPPEARED")
    assert len(found) == 1
    assert found[0].person_id == "1" and found[0].evidence["subject"] == "spouse"
    assert "Иванова Мария Петровна" in found[0].message and "гараж 18 кв. м" in found[0].message
    assert found[0].identity.startswith("S1|2022|attr:garage|18.0|1/1|")


# --- PROPERTY_APPEARED

def test_property_appeared_left_out_or_without_date_and_basis(store, tmp_path):
    after = {"real_estate": [
        flat("2023-1", cadastral_number="50:12:0000000:001", acquired_on="2020-02-01"),   # left out of 2022
        flat("2023-1", cadastral_number="50:12:0000000:002", acquired_on="2023-05-01"),   # bought in the year
        flat("2023-1", cadastral_number="50:12:0000000:003", basis="договор дарения"),    # basis given
        flat("2023-1", cadastral_number="50:12:0000000:004"),                             # neither
    ]}
    flags = two_years(store, tmp_path, {}, after)
    found = {f.evidence["current"]["row"]["cadastral_number"]: f for f in of(flags, "PROPERTY_APPEARED")}
    assert set(found) == {"50:12:0000000:001", "50:12:0000000:004"}
    # the previous справка's objects are shown beside the new one (here: none)
    assert found["50:12:0000000:001"].evidence["previous"]["rows"] == []
    assert found["50:12:0000000:001"].evidence["reason"] == "left_out"
    assert "01.02.2020" in found["50:12:0000000:001"].message
    assert found["50:12:0000000:004"].evidence["reason"] == "no_date_or_basis"
    assert all(f.severity == "medium" and f.year == 2023 for f in found.values())


# --- PROPERTY_AREA_CHANGED

def test_area_change_by_cadastral_number(store, tmp_path):
    flags = two_years(store, tmp_path, {"real_estate": [flat("2022-1")]}, {"real_estate": [flat("2023-1", area="72,3")]})
    found = of(flags, "PROPERTY_AREA_CHANGED")
    assert len(found) == 1
    assert found[0].evidence["previous"]["row"]["area"] == 64.7
    assert found[0].evidence["current"]["row"]["area"] == 72.3
    assert found[0].severity == "low"
    assert not codes(flags) & {"PROPERTY_DISAPPEARED", "PROPERTY_APPEARED"}


def test_a_rounding_change_of_area_is_no_finding(store, tmp_path):
    # 64,7 → 64,96 is 0,4 %: with the cadastral number, and without one (matched by attributes)
    flags = two_years(
        store, tmp_path,
        {"real_estate": [flat("2022-1"), flat("2022-1", cadastral_number="", object_type="garage", area="20")]},
        {"real_estate": [flat("2023-1", area="64,96"), flat("2023-1", cadastral_number="", object_type="garage",
                                                            area="20,08")]})
    assert not codes(flags) & ASSET_CODES


# --- PROPERTY_SHARE_CHANGED

def test_share_changed_without_a_deal(store, tmp_path):
    flags = two_years(
        store, tmp_path,
        {"real_estate": [flat("2022-1", ownership="shared", share="1/2"),
                         flat("2022-1", cadastral_number="", object_type="house", area="120", ownership="shared",
                              share="1/2")]},
        {"real_estate": [flat("2023-1", ownership="individual"),
                         flat("2023-1", cadastral_number="", object_type="house", area="120", ownership="shared",
                              share="1/3")]})
    found = sorted(of(flags, "PROPERTY_SHARE_CHANGED"), key=lambda f: f.identity)
    assert [(f.evidence["share_before"], f.evidence["share_after"], f.evidence["matched_by"]) for f in found] == [
        ("1/2", "1/3", "attributes_except_share"), ("1/2", "1/1", "identifier")]
    assert not codes(flags) & {"PROPERTY_DISAPPEARED", "PROPERTY_APPEARED"}


def test_a_share_change_with_a_deal_is_no_finding(store, tmp_path):
    flags = two_years(
        store, tmp_path, {"real_estate": [flat("2022-1", ownership="shared", share="1/2")]},
        {"real_estate": [flat("2023-1", ownership="individual")],
         "expenses": [{"declaration_id": "2023-1", "asset_kind": "real_estate", "description": "1/2 квартиры",
                       "amount": "100000", "deal_date": "2023-03-01"}]})
    assert of(flags, "PROPERTY_SHARE_CHANGED") == []


def test_equal_shares_written_differently_are_the_same(store, tmp_path):
    flags = two_years(store, tmp_path, {"real_estate": [flat("2022-1", ownership="shared", share="2/4")]},
                      {"real_estate": [flat("2023-1", ownership="shared", share="1/2")]})
    assert not codes(flags) & ASSET_CODES


# --- VEHICLE_DISAPPEARED / VEHICLE_APPEARED

def test_vehicle_disappeared_unless_sold(store, tmp_path):
    flags = two_years(store, tmp_path, {"vehicles": [car("2022-1")]}, {})
    found = of(flags, "VEHICLE_DISAPPEARED")
    assert len(found) == 1 and found[0].severity == "high"
    assert found[0].evidence["previous"]["row"]["registration"] == "А123ВС77"
    assert "Toyota Camry" in found[0].message


def test_vehicle_sold_with_income_declared(store, tmp_path):
    flags = two_years(store, tmp_path, {"vehicles": [car("2022-1")]},
                      {"incomes": [income("2023-1", 900_000, "other", "продажа автомобиля Toyota")]})
    assert of(flags, "VEHICLE_DISAPPEARED") == []


def test_vehicle_matched_by_plate_in_latin_letters_or_by_make_model_year(store, tmp_path):
    flags = two_years(
        store, tmp_path,
        {"vehicles": [car("2022-1"), car("2022-1", make="Lada", model="Niva", registration="", year_made=2010)]},
        {"vehicles": [car("2023-1", registration="a 123 bc 77", make="TOYOTA"),
                      car("2023-1", make="LADA", model="NIVA", registration="", year_made=2010)]})
    assert not codes(flags) & ASSET_CODES


def test_vehicle_appeared_acquired_before_the_end_of_the_previous_year(store, tmp_path):
    flags = two_years(store, tmp_path, {},
                      {"vehicles": [car("2023-1", acquired_on="2021-07-01"),
                                    car("2023-1", make="Kia", model="Rio", registration="В777ОР99",
                                        acquired_on="2023-02-01")]})
    found = of(flags, "VEHICLE_APPEARED")
    assert [f.evidence["current"]["row"]["make"] for f in found] == ["Toyota"]
    assert found[0].evidence["previous"]["rows"] == []
    assert found[0].severity == "medium" and "01.07.2021" in found[0].message


# --- ACCOUNT_OPEN_DATE_CHANGED / ACCOUNT_UNDECLARED_BEFORE

def test_account_open_date_changed(store, tmp_path):
    flags = two_years(store, tmp_path, {"accounts": [account("2022-1")]},
                      {"accounts": [account("2023-1", opened_on="2016-03-01")]})
    found = of(flags, "ACCOUNT_OPEN_DATE_CHANGED")
    assert len(found) == 1 and found[0].severity == "low"
    assert found[0].evidence["previous"]["row"]["opened_on"].isoformat() == "2015-03-01"
    assert found[0].evidence["current"]["row"]["opened_on"].isoformat() == "2016-03-01"
    assert found[0].identity == "self|2022|acc:40817810000000000001"
    assert of(flags, "ACCOUNT_UNDECLARED_BEFORE") == []


def test_account_undeclared_before_but_not_one_opened_during_the_year(store, tmp_path):
    flags = two_years(store, tmp_path, {"accounts": [account("2022-1")]},
                      {"accounts": [account("2023-1"),
                                    account("2023-1", account_number="40817810000000000002", opened_on="2020-10-01"),
                                    account("2023-1", account_number="40817810000000000003", opened_on="2023-06-01")]})
    found = of(flags, "ACCOUNT_UNDECLARED_BEFORE")
    assert [f.evidence["current"]["row"]["account_number"] for f in found] == ["40817810000000000002"]
    assert [r["account_number"] for r in found[0].evidence["previous"]["rows"]] == ["40817810000000000001"]
    assert found[0].severity == "medium"


def test_accounts_without_numbers_match_by_bank_type_and_currency(store, tmp_path):
    flags = two_years(store, tmp_path, {"accounts": [account("2022-1", account_number="", bank="ПАО «Сбербанк»")]},
                      {"accounts": [account("2023-1", account_number="", bank="Сбербанк")]})
    assert not codes(flags) & ASSET_CODES


# --- INCOME_JUMP

def test_income_jump_up_and_down_needs_both_ratio_and_amount(store, tmp_path):
    servants = [servant(str(i)) for i in range(1, 5)]
    before = {"servants": servants, "declarations": [declaration(f"2022-{i}", str(i), 2022) for i in range(1, 5)],
              "incomes": [income("2022-1", 500_000), income("2022-2", 3_000_000), income("2022-3", 400_000),
                          income("2022-4", 10_000_000)]}
    after = {"servants": servants, "declarations": [declaration(f"2023-{i}", str(i), 2023) for i in range(1, 5)],
             "incomes": [income("2023-1", 2_000_000), income("2023-1", 1_500_000, "other", "премия"),
                         income("2023-2", 1_000_000), income("2023-3", 1_000_000), income("2023-4", 15_000_000)]}
    flags = of(two_years(store, tmp_path, before, after), "INCOME_JUMP")
    assert sorted((f.person_id, f.evidence["change"]) for f in flags) == [("1", 3_000_000), ("2", -2_000_000)]
    up = next(f for f in flags if f.person_id == "1")
    assert up.severity == "medium" and "вырос" in up.message and "7,0" in up.message
    assert up.evidence["current"]["income_total"] == 3_500_000
    assert len(up.evidence["current"]["incomes"]) == 2
    assert "снизился" in next(f for f in flags if f.person_id == "2").message


# --- SAVINGS_EXCEED_INCOME

def test_savings_grew_more_than_the_income(store, tmp_path):
    servants = [servant("1"), servant("2")]
    flags = two_years(
        store, tmp_path,
        {"servants": servants, "declarations": [declaration("2022-1", "1", 2022), declaration("2022-2", "2", 2022)],
         "accounts": [account("2022-1", balance="100000"), account("2022-2", balance="100000")]},
        {"servants": servants, "declarations": [declaration("2023-1", "1", 2023), declaration("2023-2", "2", 2023)],
         "incomes": [income("2023-1", 1_000_000), income("2023-2", 1_000_000)],
         "accounts": [account("2023-1", balance="5000000"), account("2023-2", balance="600000")]})
    found = of(flags, "SAVINGS_EXCEED_INCOME")
    assert [(f.person_id, f.evidence["growth"]) for f in found] == [("1", 4_900_000)]
    assert found[0].evidence["current"]["income_total"] == 1_000_000
    assert found[0].evidence["previous"]["balance_total"] == 100_000


# --- history: a missing year, a corrected справка, one of two identical objects

def test_a_year_missing_from_the_history_compares_with_the_latest_earlier_year(store, tmp_path):
    load_years(store, tmp_path, {2021: {"real_estate": [flat("2021-1")], "incomes": [income("2021-1", 300_000)]},
                                 2023: {"incomes": [income("2023-1", 2_000_000)]}})
    flags = check(store)
    gone = of(flags, "PROPERTY_DISAPPEARED")
    assert len(gone) == 1
    assert gone[0].evidence["previous"]["year"] == 2021 and gone[0].evidence["years_without_declaration"] == [2022]
    assert "2022" in gone[0].message and gone[0].year == 2023
    jump = of(flags, "INCOME_JUMP")
    assert len(jump) == 1 and jump[0].evidence["previous"]["year"] == 2021


def test_a_corrected_declaration_that_fixes_the_original_removes_the_finding(store, tmp_path):
    flags = two_years(
        store, tmp_path, {"real_estate": [flat("2022-1")]},
        {"declarations": [declaration("2023-1", "1", 2023),
                          declaration("2023-1c", "1", 2023, kind="corrected", corrects="2023-1",
                                      submitted_on="2024-05-10")],
         "real_estate": [flat("2023-1c")]})
    assert not codes(flags) & ASSET_CODES


def test_a_corrected_previous_declaration_is_the_one_compared(store, tmp_path):
    # the 2022 original forgot the car; its correction has it; 2023 has it: nothing to report
    flags = two_years(
        store, tmp_path,
        {"declarations": [declaration("2022-1", "1", 2022),
                          declaration("2022-1c", "1", 2022, kind="corrected", corrects="2022-1")],
         "vehicles": [car("2022-1c", acquired_on="2020-01-01")]},
        {"vehicles": [car("2023-1", acquired_on="2020-01-01")]})
    assert not codes(flags) & ASSET_CODES


def test_one_of_two_identical_objects_gone_is_one_finding_with_a_stable_id(store, tmp_path):
    garage = {"cadastral_number": "", "object_type": "garage", "area": "18"}
    load_years(store, tmp_path, {2022: {"real_estate": [flat("2022-1", **garage), flat("2022-1", **garage)]},
                                 2023: {"real_estate": [flat("2023-1", **garage)]}})
    first = of(check(store), "PROPERTY_DISAPPEARED")
    again = of(check(store), "PROPERTY_DISAPPEARED")
    assert len(first) == 1
    assert [f.flag_id for f in first] == [f.flag_id for f in again]


def test_two_identical_objects_gone_are_two_findings(store, tmp_path):
    garage = {"cadastral_number": "", "object_type": "garage", "area": "18"}
    flags = two_years(store, tmp_path, {"real_estate": [flat("2022-1", **garage), flat("2022-1", **garage)]}, {})
    found = of(flags, "PROPERTY_DISAPPEARED")
    assert len(found) == 2 and len({f.flag_id for f in found}) == 2


# --- Declarator data: the rules that need only incomes, real estate and vehicles

def declarator_document(year: int, income_size: float, estates: list[dict], vehicles: list[dict]) -> dict:
    return {
        "document": {"sheet_title": f"Сведения о доходах … Министерства примера за период с 1 января {year} г. "
                                    f"по 31 декабря {year} г.", "year": year},
        "persons": [{"person": {"name_raw": "Сидоров Павел Андреевич", "role": "Директор департамента"},
                     "year": year, "incomes": [{"size": income_size, "relative": None}],
                     "real_estates": estates, "vehicles": vehicles}],
    }


def test_declarator_data_gets_the_income_property_and_vehicle_rules(store, tmp_path):
    flat_2015 = {"text": "квартира", "type_raw": "квартира", "square": 54.2, "relative": None,
                 "own_type_by_column": "В собственности", "own_type_raw": "индивидуальная", "country_raw": "Россия"}
    paths = []
    for year, size, estates, vehicles in ((2015, 900_000.0, [flat_2015], [{"text": "Nissan Almera", "relative": None}]),
                                          (2016, 4_500_000.0, [], [{"text": "Nissan Almera", "relative": None}])):
        path = tmp_path / f"declarator{year}.json"
        path.write_text(json.dumps(declarator_document(year, size, estates, vehicles), ensure_ascii=False),
                        encoding="utf-8")
        paths.append(path)
    load(store, *paths)
    flags = check(store)
    assert codes(flags) == {"INCOME_JUMP", "PROPERTY_DISAPPEARED"}
    gone = of(flags, "PROPERTY_DISAPPEARED")[0]
    assert gone.person_id.startswith("decl-") and gone.year == 2016
    assert gone.evidence["previous"]["row"]["area"] == 54.2


def test_xlsx_and_csv_workbooks_give_the_same_findings(store, tmp_path):
    before = {"real_estate": [flat("2022-1")], "vehicles": [car("2022-1")], "accounts": [account("2022-1")]}
    after = {"accounts": [account("2023-1", opened_on="2014-01-01")]}
    load(store, workbook(tmp_path, 2022, form="xlsx", **before), workbook(tmp_path, 2023, form="xlsx", **after))
    from_xlsx = sorted((f.code, f.flag_id) for f in check(store))
    assert {c for c, _ in from_xlsx} == {"PROPERTY_DISAPPEARED", "VEHICLE_DISAPPEARED", "ACCOUNT_OPEN_DATE_CHANGED"}
    assert isinstance(tmp_path, Path)


def test_hundreds_of_identical_objects_match_in_linear_time(store, tmp_path):
    import time

    place = {"cadastral_number": "", "object_type": "parking", "area": "13,3", "ownership": "shared", "share": "1/2"}
    load_years(store, tmp_path, {2022: {"real_estate": [flat("2022-1", **place) for _ in range(400)]},
                                 2023: {"real_estate": [flat("2023-1", **place) for _ in range(399)]}})
    started = time.perf_counter()
    found = of(check(store), "PROPERTY_DISAPPEARED")
    assert time.perf_counter() - started < 20
    assert len(found) == 1
    assert found[0].evidence["previous"]["row"]["source_row"] == 401  # the last one is left over
