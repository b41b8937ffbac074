"""A rich hand-made workbook shared by the publication, privacy and browser tests (no tests here).

Every private field of the contract is filled with a distinctive value, so that a leak of
any of them into a published file is found by a plain byte search.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from declarations.store import Store
from tests.conftest import declaration, load, servant, write_csv_workbook, write_xlsx_workbook

_W11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_W12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def make_inn(prefix10: str) -> str:
    """A 12-digit personal INN with correct check digits from 10 given digits."""
    digits = [int(c) for c in prefix10]
    d11 = sum(d * w for d, w in zip(digits, _W11)) % 11 % 10
    digits.append(d11)
    d12 = sum(d * w for d, w in zip(digits, _W12)) % 11 % 10
    return prefix10 + str(d11) + str(d12)


ORG = "Администрация города Энска"
ORG2 = "Контрольно-счетная палата"


def rich_sheets(year: int = 2023) -> dict[str, list[dict]]:
    d = f"y{year}"
    return {
        "servants": [
            servant("1", full_name="Петров Сергей Иванович", organisation=ORG, department="Руководство",
                    position="Глава администрации", inn=make_inn("7701234561"), birth_date="1971-09-14"),
            servant("2", full_name="Смирнова Ольга Николаевна", organisation=ORG, department="Финансовое управление",
                    position="Начальник управления", inn=make_inn("7701234562"), procurement_role="customer_head",
                    former_names="Кукушкина Ольга Николаевна"),
            servant("3", full_name="Абрамов Олег Петрович", organisation=ORG, department="Финансовое управление",
                    position="Главный специалист", inn=make_inn("7701234563")),
            servant("4", full_name="Яковлев Дмитрий Андреевич", organisation=ORG, department="Финансовое управление",
                    position="Ведущий специалист"),  # no справки: not published
            servant("5", full_name="Зуева Елена Павловна", organisation=ORG2, department="",
                    position="Председатель", inn=make_inn("7701234564")),
        ],
        "relatives": [
            {"person_id": "1", "relative_id": "r1", "relation": "spouse", "full_name": "Петрова Аглая Викторовна",
             "former_names": "Зябликова Аглая Викторовна;Мотылькова Аглая Викторовна", "birth_date": "1982-02-03",
             "inn": make_inn("5001007321"), "address": "г. Энск, ул. Черемуховая, д. 17, кв. 4"},
            {"person_id": "1", "relative_id": "r2", "relation": "son", "full_name": "Петров Тимофей Сергеевич",
             "birth_date": "2012-07-19", "inn": make_inn("5001007322"), "address": "г. Энск, ул. Черемуховая, д. 17"},
            {"person_id": "1", "relative_id": "r5", "relation": "mother", "full_name": "Петрова Изольда Марковна",
             "birth_date": "1949-11-23", "address": "с. Верхние Пупыши, ул. Лесная, 3"},
            {"person_id": "2", "relative_id": "r3", "relation": "spouse", "full_name": "Смирнов Аркадий Львович",
             "birth_date": "1975-12-30", "inn": make_inn("5001007323")},
        ],
        "declarations": [
            declaration(f"{d}-1", "1", year),
            declaration(f"{d}-2", "1", year, subject="spouse", relative_id="r1",
                        subject_name="Петрова Аглая Викторовна", subject_birth_date="1982-02-03"),
            declaration(f"{d}-3", "1", year, subject="child", relative_id="r2", subject_birth_date="2012-07-19"),
            declaration(f"{d}-4", "2", year),
            declaration(f"{d}-4c", "2", year, kind="corrected", corrects=f"{d}-4", submitted_on=f"{year + 1}-05-20"),
            declaration(f"{d}-5", "2", year, subject="spouse", relative_id="r3"),
            declaration(f"{d}-6", "2", year, subject="child", relative_id="r9",
                        subject_name="Смирнова Ульяна Аркадьевна", subject_birth_date="2015-03-08"),
            declaration(f"{d}-7", "3", year),
            declaration(f"{d}-8", "5", year),
        ],
        "incomes": [
            {"declaration_id": f"{d}-1", "income_type": "main_job", "amount": "1474895.00"},
            {"declaration_id": f"{d}-1", "income_type": "other", "description": "продажа гаража в кооперативе Ромашка",
             "amount": "350000"},
            {"declaration_id": f"{d}-2", "income_type": "other", "description": "продажа автомобиля Daewoo Matiz",
             "amount": "300000.5"},
            {"declaration_id": f"{d}-2", "income_type": "deposits", "description": "проценты по вкладу",
             "amount": "1234.56"},
            {"declaration_id": f"{d}-4", "income_type": "main_job", "amount": "900000"},  # replaced by 4c
            {"declaration_id": f"{d}-4c", "income_type": "main_job", "amount": "950000.5"},
            {"declaration_id": f"{d}-4c", "income_type": "teaching", "description": "лекции в техникуме Энергия",
             "amount": "50000"},
            {"declaration_id": f"{d}-5", "income_type": "main_job", "amount": "2100000"},
            {"declaration_id": f"{d}-7", "income_type": "main_job", "amount": "612345.67"},
            {"declaration_id": f"{d}-8", "income_type": "main_job", "amount": "3200000"},
        ],
        "expenses": [
            {"declaration_id": f"{d}-1", "asset_kind": "real_estate", "description": "квартира",
             "amount": "7500000", "deal_date": f"{year}-08-15",
             "funds_source": "накопления за предыдущие годы, ипотечный кредит"},
        ],
        "real_estate": [
            {"declaration_id": f"{d}-1", "holding": "owned", "object_type": "flat", "ownership": "shared",
             "share": "1/2", "area": "64.7", "cadastral_number": "50:12:0012345:678",
             "address": "г. Энск, ул. Черемуховая, д. 17, кв. 4", "acquired_on": "2015-06-01"},
            {"declaration_id": f"{d}-1", "holding": "owned", "object_type": "land", "ownership": "individual",
             "area": "1200", "cadastral_number": "50:12:0098765:43", "address": "СНТ Колокольчик, участок 88"},
            {"declaration_id": f"{d}-1", "holding": "owned", "object_type": "flat", "ownership": "individual",
             "area": "41.25", "address": "г. Энск, пр. Космонавтов, д. 2, кв. 90", "acquired_on": f"{year}-08-15"},
            {"declaration_id": f"{d}-1", "holding": "used", "object_type": "house", "area": "150",
             "address": "д. Грибовка, ул. Овражная, 5"},
            {"declaration_id": f"{d}-2", "holding": "owned", "object_type": "flat", "ownership": "shared",
             "share": "1/2", "area": "64.7", "cadastral_number": "50:12:0012345:678",
             "address": "г. Энск, ул. Черемуховая, д. 17, кв. 4"},
            {"declaration_id": f"{d}-2", "holding": "owned", "object_type": "garage", "ownership": "joint",
             "area": "18", "country": "Республика Беларусь"},
            {"declaration_id": f"{d}-3", "holding": "used", "object_type": "flat", "area": "64.7",
             "address": "г. Энск, ул. Черемуховая, д. 17, кв. 4"},
            {"declaration_id": f"{d}-4", "holding": "owned", "object_type": "dacha", "ownership": "individual",
             "area": "33.3"},  # replaced by 4c: must not be published
            {"declaration_id": f"{d}-4c", "holding": "owned", "object_type": "house", "ownership": "individual",
             "area": "210.4", "cadastral_number": "47:07:1234567:1001", "address": "пос. Лесной, ул. Сосновая, 12"},
            {"declaration_id": f"{d}-5", "holding": "used", "object_type": "house", "area": "210.4"},
            {"declaration_id": f"{d}-6", "holding": "used", "object_type": "house", "area": "210.4"},
        ],
        "vehicles": [
            {"declaration_id": f"{d}-1", "vehicle_type": "car", "make": "Toyota", "model": "Camry",
             "year_made": "2018", "registration": "А123ВС77"},
            {"declaration_id": f"{d}-2", "vehicle_type": "car", "make": "Kia", "model": "Rio",
             "year_made": "2016", "registration": "Е456КХ199"},
            {"declaration_id": f"{d}-5", "vehicle_type": "water", "make": "Прогресс", "model": "4",
             "registration": "Р9876ЛО"},
            {"declaration_id": f"{d}-5", "vehicle_type": "moto", "make": "Ural", "model": None,
             "registration": "7788АМ47"},
        ],
        "accounts": [
            {"declaration_id": f"{d}-1", "bank": "АО Райффайзенбанк", "account_number": "40817810099910004312",
             "account_type": "текущий", "opened_on": "2010-01-15", "balance": "734519.37"},
            {"declaration_id": f"{d}-2", "bank": "ПАО Банк Левобережный", "account_number": "42301810555500001234",
             "account_type": "депозитный", "opened_on": "2019-03-01", "balance": "98765.43"},
            {"declaration_id": f"{d}-4c", "bank": "КБ Кубань Кредит", "account_number": "40817810300001112223",
             "opened_on": "2020-02-02", "balance": "5432.1"},
        ],
        "securities": [
            {"declaration_id": f"{d}-1", "issuer_name": "ООО Тридевятое царство", "issuer_inn": "7707083893",
             "kind": "stake", "share_pct": "25", "amount": "10000"},
        ],
        "liabilities": [
            {"declaration_id": f"{d}-1", "kind": "ипотека", "creditor": "ПАО Промсвязьбанк", "amount": "5000000",
             "incurred_on": f"{year}-08-15"},
        ],
        "payroll": [{"person_id": "1", "year": str(year), "amount": "1474895"}],
    }


def load_rich(store: Store, tmp_path: Path, years: tuple[int, ...] = (2023,), xlsx: bool = False) -> None:
    for year in years:
        sheets = rich_sheets(year)
        if xlsx:
            load(store, write_xlsx_workbook(tmp_path / f"wb{year}.xlsx", sheets))
        else:
            load(store, write_csv_workbook(tmp_path / f"wb{year}", sheets))


@pytest.fixture
def rich_store(store, tmp_path):
    load_rich(store, tmp_path)
    return store
