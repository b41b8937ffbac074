"""Input workbooks in English and Russian headers, and a store's content as plain rows, shared by the loading tests."""

from __future__ import annotations

from tests.conftest import declaration, servant

NBSP = "\u00a0"


def english_sheets() -> dict[str, list[dict]]:
    return {
        "servants": [servant("17", inn="500100732259", procurement_role="commission")],
        "relatives": [{"person_id": "17", "relative_id": "r1", "relation": "spouse",
                       "full_name": "Иванова Мария Петровна", "former_names": "Сидорова Мария Петровна",
                       "birth_date": "1982-02-03"}],
        "declarations": [declaration("d1", "17"), declaration("d2", "17", subject="spouse", relative_id="r1")],
        "incomes": [{"declaration_id": "d1", "income_type": "main_job", "amount": "1474895.00"},
                    {"declaration_id": "d2", "income_type": "other", "description": "продажа автомобиля",
                     "amount": "300000"}],
        "real_estate": [{"declaration_id": "d1", "holding": "owned", "object_type": "flat", "ownership": "shared",
                         "share": "1/2", "area": "64.7", "cadastral_number": "50:12:0000000:123",
                         "acquired_on": "2015-06-01"}],
        "vehicles": [{"declaration_id": "d1", "vehicle_type": "car", "make": "Toyota", "model": "Camry",
                      "year_made": "2018", "registration": "А123ВС77"}],
        "accounts": [{"declaration_id": "d1", "bank": "ПАО Сбербанк", "account_number": "40817810000000000001",
                      "opened_on": "2010-01-15", "balance": "10500.50"}],
        "payroll": [{"person_id": "17", "year": "2023", "amount": "1474895"}],
    }


def russian_sheets() -> dict[str, list[dict]]:
    """The same content with Russian sheet names, headers, labels, number and date formats."""
    return {
        "Служащие": [{"Табельный номер": "17", "ФИО": "Иванов Иван Иванович", "Дата рождения": "01.05.1980",
                      "Организация": "Администрация", "Подразделение": "Отдел", "Должность": "Начальник отдела",
                      "Обязан представлять": "Да", "Роль в закупках": "Член комиссии по закупкам",
                      "ИНН": "500100732259"}],
        "Родственники": [{"Табельный номер": "17", "Код родственника": "r1", "Степень родства": "Супруг(а)",
                          "ФИО": "Иванова Мария Петровна", "Прежние ФИО": "Сидорова Мария Петровна",
                          "Дата рождения": "03.02.1982"}],
        "Справки": [
            {"Номер справки": "d1", "Табельный номер": "17", "Отчетный год": "2023", "Чьи сведения": "служащий",
             "Дата представления": "01.04.2024", "Вид": "первичная"},
            {"Номер справки": "d2", "Табельный номер": "17", "Отчетный год": "2023", "Чьи сведения": "супруг(а)",
             "Код родственника": "r1", "Дата представления": "01.04.2024", "Вид": "Первичная"},
        ],
        "Доходы": [{"Номер справки": "d1", "Вид дохода": "по основному месту работы", "Сумма, руб.": f"1{NBSP}474{NBSP}895,00"},
                   {"Номер справки": "d2", "Вид дохода": "иные доходы", "Описание": "продажа автомобиля",
                    "Сумма, руб.": "300 000,00"}],
        "Недвижимость": [{"Номер справки": "d1", "Право": "в собственности", "Вид объекта": "Квартира",
                          "Вид собственности": "общая долевая", "Доля": "1/2", "Площадь, кв. м": "64,7",
                          "Кадастровый номер": "50:12:0000000:123", "Дата приобретения": "01.06.2015"}],
        "Транспорт": [{"Номер справки": "d1", "Вид": "автомобиль легковой", "Марка": "Toyota", "Модель": "Camry",
                       "Год выпуска": "2018", "Регистрационный знак": "А123ВС77"}],
        "Счета": [{"Номер справки": "d1", "Банк": "ПАО Сбербанк", "Номер счета": "40817810000000000001",
                   "Дата открытия": "15.01.2010", "Остаток, руб.": "10 500,50"}],
        "Начисления": [{"Табельный номер": "17", "Год": "2023", "Начислено, руб.": "1 474 895"}],
    }


def snapshot(store) -> dict[str, list[tuple]]:
    """Every loaded value of every data table, without load ids and source rows."""
    out = {}
    for table in ("servants", "relatives", "declarations", "incomes", "real_estate", "vehicles", "accounts", "payroll"):
        columns = [c for c in store.table_columns(table) if c not in ("load_id", "source_row", "extra")]
        out[table] = sorted(store.con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=str)
    return out
