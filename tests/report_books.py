"""The stores the report tests build (organisations, a fixed today, settings), shared with the browser
tests of the report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from checks.flags import Flag, review, save_run
from declarations.settings import Settings, settings_from
from declarations.store import Store
from tests.conftest import declaration, load, servant, write_csv_workbook

ORG = "Администрация города Энска"
ORG2 = "Контрольно-счетная палата"


TODAY = date(2024, 6, 3)
CHECK_SETTINGS = {"income_jump_ratio": 3.0, "adult_age": 18}  # recorded by the "last check run"


MATCH_SETTINGS = {"match_threshold": 0.85}


def _people(year: int) -> list[dict]:
    return [
        servant("1", full_name="Петров Сергей Иванович", organisation=ORG, department="Руководство",
                position="Глава администрации"),
        servant("2", full_name="Смирнова Ольга Николаевна", organisation=ORG, department="Финансовое управление",
                position="Начальник управления"),
        servant("3", full_name="Абрамов Олег Петрович", organisation=ORG, department="Финансовое управление",
                position="Главный специалист"),
        servant("4", full_name="Яковлев Дмитрий Андреевич", organisation=ORG, department="Хозяйственный отдел",
                position="Водитель", must_declare="нет"),
        servant("5", full_name="Зуева Елена Павловна", organisation=ORG, department="Юридический отдел",
                position="Начальник отдела"),
    ]


RELATIVES = [
    {"person_id": "1", "relative_id": "r1", "relation": "spouse", "full_name": "Петрова Аглая Викторовна",
     "birth_date": "1982-02-03", "address": "г. Энск, ул. Черемуховая, д. 17, кв. 4"},
    {"person_id": "1", "relative_id": "r2", "relation": "son", "full_name": "Петров Тимофей Сергеевич",
     "birth_date": "2012-07-19"},
    {"person_id": "1", "relative_id": "r5", "relation": "mother", "full_name": "Петрова Изольда Марковна",
     "birth_date": "1949-11-23"},
    {"person_id": "2", "relative_id": "r3", "relation": "spouse", "full_name": "Смирнов Аркадий Львович",
     "birth_date": "1975-12-30"},
]


def _flat(declaration_id: str, area: str, **fields) -> dict:
    row = {"declaration_id": declaration_id, "holding": "owned", "object_type": "flat", "ownership": "individual",
           "area": area, "address": "г. Энск, ул. Черемуховая, д. 17, кв. 4"}
    row.update(fields)
    return row


def _income(declaration_id: str, amount: int, income_type: str = "main_job") -> dict:
    return {"declaration_id": declaration_id, "income_type": income_type, "amount": str(amount)}


def org_a(year: int) -> dict[str, list[dict]]:
    """Администрация: servant 1 files with spouse and son every year (2021–2023), 2 late in 2023 and without
    the spouse's справка, 3 only in 2022, 4 need not declare, 5 files (and corrects in 2023) from 2022."""
    d = f"y{year}"
    declarations = [declaration(f"{d}-1", "1", year),
                    declaration(f"{d}-1s", "1", year, subject="spouse", relative_id="r1"),
                    declaration(f"{d}-1c", "1", year, subject="child", relative_id="r2")]
    incomes = {2021: [_income(f"{d}-1", 1_000_000)],
               2022: [_income(f"{d}-1", 1_000_000), _income(f"{d}-1s", 200_000)],
               2023: [_income(f"{d}-1", 3_000_000), _income(f"{d}-1s", 500_000)]}[year]
    estate = {2021: [_flat(f"{d}-1", "64.7", cadastral_number="50:12:0012345:678")],
              2022: [_flat(f"{d}-1", "64.7", cadastral_number="50:12:0012345:678"), _flat(f"{d}-1s", "64.7")],
              2023: [_flat(f"{d}-1", "41.25"), _flat(f"{d}-1s", "64.7")]}[year]
    if year >= 2022:
        declarations.append(declaration(f"{d}-2", "2", year, submitted_on="2024-05-15" if year == 2023
                                        else f"{year + 1}-04-10"))
        incomes.append(_income(f"{d}-2", 900_000 if year == 2022 else 950_000))
        declarations.append(declaration(f"{d}-5", "5", year))
        incomes.append(_income(f"{d}-5", 700_000))
        estate.append({"declaration_id": f"{d}-5", "holding": "owned", "object_type": "land",
                       "ownership": "individual", "area": "600"})
    if year == 2022:
        declarations.append(declaration(f"{d}-3", "3", year))
        incomes.append(_income(f"{d}-3", 600_000))
    if year == 2023:
        declarations.append(declaration(f"{d}-5c", "5", year, kind="corrected", corrects=f"{d}-5",
                                        submitted_on="2024-05-20"))
        incomes.append(_income(f"{d}-5c", 750_000))
        estate.append({"declaration_id": f"{d}-5c", "holding": "owned", "object_type": "land",
                       "ownership": "individual", "area": "600"})
    people = _people(year) if year >= 2022 else _people(year)[:1]
    ids = {p["person_id"] for p in people}
    return {"servants": people, "relatives": [r for r in RELATIVES if r["person_id"] in ids], "declarations": declarations, "incomes": incomes,
            "real_estate": estate,
            "accounts": [{"declaration_id": f"{d}-1", "bank": "АО Райффайзенбанк",
                          "account_number": "40817810099910004312", "opened_on": "2010-01-15",
                          "balance": "734519.37"}],
            "vehicles": [{"declaration_id": f"{d}-1", "vehicle_type": "car", "make": "Toyota", "model": "Camry",
                          "year_made": "2018", "registration": "А123ВС77"}]}


def org_b(year: int, income: int = 2_000_000) -> dict[str, list[dict]]:
    return {"servants": [servant("6", full_name="Зайцев Павел Ильич", organisation=ORG2, department="",
                                 position="Председатель")],
            "declarations": [declaration(f"b{year}-6", "6", year)],
            "incomes": [_income(f"b{year}-6", income)]}


def flag(code: str, person: str, severity: str, message: str, evidence: dict, year: int = 2023,
         identity: str = "") -> Flag:
    return Flag(code=code, person_id=person, year=year, severity=severity, message=message, evidence=evidence,
                identity=identity or code)


def year_2023_flags() -> list[Flag]:
    prev = {"declaration_id": "y2022-1", "year": 2022, "kind": "original"}
    cur = {"declaration_id": "y2023-1", "year": 2023, "kind": "original"}
    return [
        flag("LATE_SUBMISSION", "2", "medium", "Служащий: справка за 2023 год представлена 15.05.2024 — позже срока",
             {"declaration": {"declaration_id": "y2023-2", "year": 2023, "subject": "self",
                              "submitted_on": "2024-05-15"}, "deadline": "2024-04-30", "days_late": 15}),
        flag("MISSING_DECLARATION", "3", "high", "Нет справки о себе за 2023 год (Главный специалист)",
             {"servant": {"person_id": "3", "full_name": "Абрамов Олег Петрович"}, "year": 2023,
              "declarations_of_year": []}),
        flag("MISSING_FAMILY_DECLARATION", "2", "high",
             "Нет справки за 2023 год: супруг(а) Смирнов Аркадий Львович",  # a message names the relative
             {"year": 2023, "relative": {"relative_id": "r3", "relation": "spouse",
                                         "full_name": "Смирнов Аркадий Львович", "birth_date": "1975-12-30"},
              "declarations_of_year": [{"declaration_id": "y2023-2", "year": 2023, "subject": "self"}]}),
        flag("PROPERTY_DISAPPEARED", "1", "high", "Служащий: квартира из справки за 2022 год отсутствует",
             {"subject": "self", "subject_key": "self", "asset": "real_estate",
              "previous": {**prev, "row": {"object_type": "flat", "ownership": "individual", "area": 64.7,
                                           "cadastral_number": "50:12:0012345:678",
                                           "address": "г. Энск, ул. Черемуховая, д. 17, кв. 4"}},
              "current": {**cur, "row": None}, "sale_incomes": [], "years_without_declaration": []}),
        flag("EXPENSE_EXCEEDS_3Y_INCOME", "1", "high", "Расход 7 500 000,00 руб. превышает доход за три года",
             {"subject": "self", "declaration_id": "y2023-1",
              "expense": {"asset_kind": "real_estate", "description": "квартира", "amount": 7_500_000,
                          "deal_date": "2023-08-15"},
              "income_years": [{"year": 2020, "declared": True, "self_income": 0, "spouse_income": 0},
                               {"year": 2021, "declared": True, "self_income": 1_000_000, "spouse_income": 0},
                               {"year": 2022, "declared": True, "self_income": 1_200_000, "spouse_income": 0}],
              "income_total": 2_200_000}),
        flag("INCOME_JUMP", "1", "medium", "Служащий: доход вырос в 3,0 раза",
             {"subject": "self", "subject_key": "self",
              "previous": {**prev, "income_total": 1_000_000.0,
                           "incomes": [{"income_type": "main_job", "amount": 1_000_000.0}]},
              "current": {**cur, "income_total": 3_000_000.0,
                          "incomes": [{"income_type": "main_job", "amount": 3_000_000.0}]},
              "change": 2_000_000.0, "ratio": 3.0}),
        flag("ACCOUNT_UNDECLARED_BEFORE", "1", "medium", "Служащий: счет открыт до 2023 года, в справке за 2022 не указан",
             {"subject": "self", "asset": "account",
              "previous": {**prev, "row": None},
              "current": {**cur, "row": {"bank": "АО Райффайзенбанк", "account_number": "40817810099910004312",
                                         "opened_on": "2010-01-15", "balance": 734519.37}},
              "reason_text": "открыт 15.01.2010, до конца 2022 года"}),
        flag("VEHICLE_DISAPPEARED", "5", "high", "Служащий: автомобиль из справки за 2022 год отсутствует",
             {"subject": "spouse", "subject_name": "Зуев Игорь Олегович", "asset": "vehicle",
              "previous": {"declaration_id": "y2022-5", "year": 2022,
                           "row": {"vehicle_type": "car", "make": "Kia", "model": "Rio", "registration": "Е456КХ199"}},
              "current": {"declaration_id": "y2023-5c", "year": 2023, "kind": "corrected", "row": None}}),
        flag("PROPERTY_APPEARED", "5", "medium", "Служащий: новый земельный участок без основания",
             {"subject": "self", "asset": "real_estate",
              "previous": {"declaration_id": "y2022-5", "year": 2022, "row": None},
              "current": {"declaration_id": "y2023-5c", "year": 2023,
                          "row": {"object_type": "land", "area": 600.0, "ownership": "individual"}}}),
        flag("PAYROLL_MISMATCH", "2", "medium", "Доход по основному месту работы расходится с начислениями",
             {"year": 2023, "declaration_id": "y2023-2", "declared_main_job": 950_000, "payroll": 990_000,
              "difference": 40_000, "difference_pct": 4.04}),
    ]


def build(store: Store, tmp_path: Path, *, run: bool = True) -> None:
    """Both organisations' workbooks loaded; with `run`, a check run and a match run with the flags,
    a second check run that no longer finds PAYROLL_MISMATCH, and the statuses people set."""
    paths = [write_csv_workbook(tmp_path / f"a{y}", org_a(y)) for y in (2021, 2022, 2023)]
    paths += [write_csv_workbook(tmp_path / "b2023", org_b(2023))]
    load(store, *paths)
    if not run:
        return
    flags = year_2023_flags()
    earlier = flag("INCOME_JUMP", "1", "medium", "Служащий: доход 2022", {"subject": "self"}, year=2022)
    codes = {f.code for f in flags}
    save_run(store, flags + [earlier], kind="check", codes=codes, settings=CHECK_SETTINGS)
    save_run(store, [f for f in flags if f.code != "PAYROLL_MISMATCH"] + [earlier], kind="check", codes=codes,
             settings=CHECK_SETTINGS)
    save_run(store, [flag("SERVANT_IS_OFFICER", "6", "high", "Зайцев Павел Ильич: в реестре — учредитель "
                          "«ООО Ромашка»", {"company": {"inn": "7707083893", "name": "ООО Ромашка"},
                                            "officer": {"name": "Зайцев Павел Ильич", "role": "founder",
                                                        "share_pct": 50.0},
                                            "ground": "79-ФЗ ст. 17 ч. 1 п. 3"})],
             kind="match", codes={"SERVANT_IS_OFFICER"}, settings=MATCH_SETTINGS)
    by_code = {f.code: f.flag_id for f in flags}
    review(store, by_code["INCOME_JUMP"], "dismissed", "доход от продажи унаследованной квартиры")
    review(store, by_code["VEHICLE_DISAPPEARED"], "explained", "автомобиль утилизирован")
    review(store, by_code["PROPERTY_APPEARED"], "escalated", None)
    review(store, by_code["EXPENSE_EXCEEDS_3Y_INCOME"], "escalated", "доклад от 01.06.2024")


def settings(**checks) -> Settings:
    return settings_from({"checks": checks})
