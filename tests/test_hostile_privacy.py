"""The scrubber against planted mistakes: private values typed into published free text in the forms
people type them — a relative's name in another case, an INN and an account number with spaces, a
plate with Latin look-alikes and spaces, birth dates in Russian formats — never reach a published file."""

from __future__ import annotations

import zipfile

import pytest

from declarations.settings import settings_from
from declarations.store import Store
from publish.private_addresses import address_runs
from publish.private_forms import compact, date_candidates, number_candidates
from publish.publisher import publish_year
from tests.conftest import load, write_csv_workbook
from tests.workbook_sheets import english_sheets

PLANTED = {
    # field: text a clerk typed (each holds a private value of the organisation in another form)
    "position": "Начальник отдела (супруга — Марии Петровны Сидоровой, ИНН 5001 0073 2259)",
    "department": "Отдел учета, д.р. супруги 3 февраля 1982 г., счет 40817 810 0000 0000 0001",
    "model": "Camry a 123 bc 77",
    "make": "Toyota 03.02.82",
    # the spouse's address as stored is «ул. Советская, д. 48, кв. 3, г. Энск»: retyped in another order
    "funds_source": "доход от продажи квартиры: г. Энск, Советская ул., д.48; накопления",
}
# more retypings of the same address, each the source of funds of another deal
RETYPED = ["продажа: ул. Ленина, д. 1, Советская ул., д.48", "продажа квартиры Советская ул. 48",
           "Советская улица дом 48", "Советская 48-3, г. Энск"]
LEAKS = ["Мари", "Сидоров", "5001 0073 2259", "500100732259", "a 123 bc 77", "40817 810", "3 февраля 1982",
         "03.02.82", "Советская", "д.48"]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("privacy")
    sheets = english_sheets()
    sheets["servants"][0].update(position=PLANTED["position"], department=PLANTED["department"])
    sheets["vehicles"][0].update(model=PLANTED["model"], make=PLANTED["make"])
    sheets["relatives"][0]["address"] = "ул. Советская, д. 48, кв. 3, г. Энск"
    sheets["expenses"] = [{"declaration_id": "d1", "asset_kind": "real_estate", "description": "квартира",
                           "amount": "5000000", "deal_date": "2023-05-01", "funds_source": source}
                          for source in (PLANTED["funds_source"], *RETYPED)]
    with Store(tmp / "store.duckdb") as store:
        load(store, write_csv_workbook(tmp / "wb", sheets))
        paths = publish_year(store, 2023, tmp / "out", settings_from())
    texts = []
    for path in paths:
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as package:
                texts += [package.read(n).decode("utf-8") for n in package.namelist() if n.endswith(".xml")]
        else:
            texts.append(path.read_text(encoding="utf-8-sig"))
    return "\n".join(texts)


@pytest.mark.parametrize("leak", LEAKS)
def test_no_planted_private_value_is_published(published, leak):
    assert leak.lower() not in published.lower()


def test_the_rest_of_the_text_is_kept(published):
    assert "Начальник отдела" in published and "Отдел учета" in published and "Camry" in published
    assert "доход от продажи квартиры" in published and "накопления" in published


@pytest.mark.parametrize("text, value", [
    ("ИНН 5001 0073 2259", "500100732259"), ("знак A 123 BC 77 RUS", "А123ВС77"),
    ("счет 40817-810-0-0000-0000001", "40817810000000000001"), ("кад. 50:12:0000000:123", "50:12:0000000:123"),
])
def test_numbers_are_found_in_their_typed_forms(text, value):
    assert compact(value) in number_candidates(text)


@pytest.mark.parametrize("text", ["03.02.1982", "3.2.1982", "03.02.82", "1982-02-03", "3 февраля 1982 г.",
                                  "03/02/1982", "3 ФЕВРАЛЯ 1982"])
def test_dates_are_found_in_russian_forms(text):
    from datetime import date

    assert date(1982, 2, 3) in date_candidates(f"родилась {text} в Москве")


def test_a_name_stem_does_not_cut_longer_words():
    """«Мария» → stem «Мари»: «Марии» is her name, «Мариинский» a place and stays."""
    from publish.privacy import Scrubber

    scrub = Scrubber([], ["Мария"])
    assert scrub("отдел Мариинского района, супруга Марии") == "отдел Мариинского района, супруга"


@pytest.mark.parametrize("text, address", [
    ("продажа квартиры по адресу г. Энск, Советская ул., д.48; накопления", "г. Энск, Советская ул., д.48"),
    ("доход от продажи (Советская ул., д. 48, кв. 3, г. Энск)", "Советская ул., д. 48, кв. 3, г. Энск"),
    ("ипотека, ул. Ленина, 5, кв. 12, и собственные средства", "ул. Ленина, 5, кв. 12"),
    ("ПРОДАЖА: г.Энск, ул.Советская, д.48", "г.Энск, ул.Советская, д.48"),
    ("доход с продажи квартиры на ул. Ленина, 5", "ул. Ленина, 5"),
    ("накопления; Советская ул, д 48", "Советская ул, д 48"),
    ("продажа: ул. Ленина, д. 1, Советская ул., д.48", "Советская ул., д.48"),  # the second of two
    ("продажа квартиры Советская ул. 48", "Советская ул. 48"),
    ("Советская улица дом 48", "Советская улица дом 48"),
    ("Советская 48-3, г. Энск", "Советская 48-3, г. Энск"),
])
def test_an_address_is_found_however_it_is_ordered(text, address):
    found = {text[start:end]: parsed for start, end, parsed in address_runs(text)}
    assert address in found
    assert (found[address].street, found[address].house) in {("советская", "48"), ("ленина", "5")}


@pytest.mark.parametrize("text", [
    "накопления за 2019-2023 годы", "кредит ПАО Сбербанк, договор № 123", "Тойота Камри, 2015 г. в.",
    "г. Энск", "доход по основному месту работы, 1 474 895,00 руб.", "подарок к свадьбе с 2019 года",
])
def test_text_without_a_street_and_a_house_is_no_address(text):
    assert address_runs(text) == []
