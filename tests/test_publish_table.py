"""The published table: content, form of Указ № 613, number formats, corrections, sorting, xlsx layout."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from declarations.settings import settings_from
from declarations.errors import InputError
from publish.public_rows import (
    CHILD, COLUMNS, EMPTY, SPOUSE_OF_MAN, SPOUSE_OF_WOMAN, build_public_year, format_area, format_money,
    is_female_name, short_name, slugify,
)
from publish.publisher import publish_year
from tests.conftest import EXAMPLES, declaration, load, servant, write_csv_workbook
from tests.rich_data import ORG, ORG2, load_rich

SETTINGS = settings_from({"publish": {"sort_by": "surname"}})


def _by_name(public, name):
    return next(b for o in public.organisations for b in o.blocks if b.name == name)


# --- formats and names ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    (1474895, "1 474 895,00"), (1474895.5, "1 474 895,50"), (0, "0,00"), (999.999, "1 000,00"),
    (12, "12,00"), (1234567890.12, "1 234 567 890,12"),
])
def test_money_in_russian_format(value, text):
    assert format_money(value) == text


@pytest.mark.parametrize("value, text", [
    (64.7, "64,7"), (60, "60,0"), (32.25, "32,25"), (1200, "1 200,0"), (0.5, "0,5"), (1005.1, "1 005,1"),
])
def test_area_in_russian_format(value, text):
    assert format_area(value) == text


@pytest.mark.parametrize("full, short", [
    ("Иванов Иван Иванович", "Иванов И.И."),
    ("Римский-Корсаков Николай Андреевич", "Римский-Корсаков Н.А."),
    ("Салтыков-Щедрин Михаил", "Салтыков-Щедрин М."),
    ("Петрова Анна-Мария Олеговна", "Петрова А.-М.О."),
])
def test_short_name(full, short):
    assert short_name(full) == short


@pytest.mark.parametrize("full, female", [
    ("Смирнова Ольга Николаевна", True), ("Кузьмина Нина Ильинична", True), ("Алиева Лейла Рашид кызы", True),
    ("Петров Сергей Иванович", False), ("Мамедов Эльдар Ильхам оглы", False), ("Ким Олег", False),
])
def test_gender_from_patronymic(full, female):
    assert is_female_name(full) is female


def test_slugs_are_ascii():
    assert slugify("Администрация города Энска") == "administratsiya-goroda-enska"
    assert slugify("Контрольно-счетная палата № 5") == "kontrolno-schetnaya-palata-5"
    assert slugify("***") == "organisation"


# --- the public rows ------------------------------------------------------------------------------------

def test_blocks_family_rows_and_numbers(rich_store):
    public = build_public_year(rich_store, 2023)
    assert [o.name for o in public.organisations] == [ORG, ORG2]
    org = public.organisations[0]
    assert [s.department for s in org.sections] == ["Руководство", "Финансовое управление"]
    assert [b.name for b in org.blocks] == ["Петров С.И.", "Абрамов О.П.", "Смирнова О.Н."]
    assert [b.number for b in org.blocks] == [1, 2, 3]

    petrov = _by_name(public, "Петров С.И.")
    assert [s.label for s in petrov.subjects] == ["Петров С.И.", SPOUSE_OF_MAN, CHILD]
    me, wife, child = petrov.subjects
    assert me.position == "Глава администрации" and wife.position == "" and child.position == ""
    assert me.income == "1 824 895,00"  # 1 474 895 + 350 000: the sum of incomes
    assert [(e.type, e.ownership, e.area, e.country) for e in me.owned] == [
        ("квартира", "общая долевая (1/2)", "64,7", "Россия"),
        ("земельный участок", "индивидуальная", "1 200,0", "Россия"),
        ("квартира", "индивидуальная", "41,25", "Россия"),
    ]
    assert [(e.type, e.area) for e in me.used] == [("жилой дом", "150,0")]
    assert me.vehicles == ["автомобиль легковой Toyota Camry"]
    assert me.deals == "квартира: накопления за предыдущие годы, ипотечный кредит"
    assert wife.income == "301 235,06"
    assert [(e.type, e.ownership, e.country) for e in wife.owned][1] == ("гараж", "общая совместная",
                                                                      "Республика Беларусь")
    assert wife.vehicles == ["автомобиль легковой Kia Rio"] and wife.deals == EMPTY
    assert child.income == EMPTY and child.owned == [] and [(e.type, e.area) for e in child.used] == [
        ("квартира", "64,7")]

    smirnova = _by_name(public, "Смирнова О.Н.")
    assert [s.label for s in smirnova.subjects] == ["Смирнова О.Н.", SPOUSE_OF_WOMAN, CHILD]
    assert smirnova.subjects[1].vehicles == ["водный транспорт Прогресс 4", "мототранспорт Ural"]


def test_corrected_declaration_replaces_original(rich_store):
    smirnova = _by_name(build_public_year(rich_store, 2023), "Смирнова О.Н.").subjects[0]
    assert smirnova.income == "1 000 000,50"  # 950 000,50 + 50 000 of the correction, not 900 000
    assert [(e.type, e.area) for e in smirnova.owned] == [("жилой дом", "210,4")]  # the dacha of the original is gone


def test_servant_without_declarations_is_not_published(rich_store):
    public = build_public_year(rich_store, 2023)
    assert all(b.name != "Яковлев Д.А." for o in public.organisations for b in o.blocks)


def test_sort_by_surname_or_roster_position(rich_store):
    def finance(order):
        public = build_public_year(rich_store, 2023, order)
        return [b.name for b in public.organisations[0].sections[1].blocks]

    assert finance("surname") == ["Абрамов О.П.", "Смирнова О.Н."]
    assert finance("position") == ["Смирнова О.Н.", "Абрамов О.П."]  # the order of the roster


def test_sort_setting_reaches_every_output(rich_store, tmp_path):
    publish_year(rich_store, 2023, tmp_path / "a", settings_from({"publish": {"sort_by": "position"}}))
    rows = list(csv.reader((tmp_path / "a" / "2023" / "declarations_2023.csv").open(encoding="utf-8-sig")))
    names = list(dict.fromkeys(r[4] for r in rows[1:] if r[2] == "Финансовое управление"))
    assert names[:1] == ["Смирнова О.Н."] and "Абрамов О.П." in names


def test_unknown_sort_setting_and_empty_year_are_clear_errors(rich_store, tmp_path):
    with pytest.raises(InputError) as error:
        publish_year(rich_store, 2023, tmp_path, settings_from({"publish": {"sort_by": "salary"}}))
    assert "sort_by" in str(error.value.issues[0])
    with pytest.raises(InputError) as error:
        publish_year(rich_store, 1999, tmp_path, SETTINGS)
    assert "1999" in str(error.value.issues[0])


def test_spouse_label_for_female_declarant_and_exact_income(store, tmp_path):
    sheets = {
        "servants": [servant("1", full_name="Кузнецова Мария Ильинична")],
        "relatives": [{"person_id": "1", "relative_id": "r1", "relation": "spouse",
                       "full_name": "Кузнецов Павел Андреевич"}],
        "declarations": [declaration("d1"), declaration("d2", subject="spouse", relative_id="r1")],
        "incomes": [{"declaration_id": "d1", "income_type": "main_job", "amount": "1474895"}],
        "real_estate": [{"declaration_id": "d2", "holding": "owned", "object_type": "flat", "ownership": "shared",
                         "share": "3/311", "area": "64.7"}],
    }
    load(store, write_csv_workbook(tmp_path / "wb", sheets))
    block = build_public_year(store, 2023).organisations[0].blocks[0]
    assert block.name == "Кузнецова М.И."
    assert [s.label for s in block.subjects] == ["Кузнецова М.И.", "Супруг"]
    assert block.subjects[0].income == "1 474 895,00"
    assert block.subjects[1].income == EMPTY
    assert block.subjects[1].owned[0].ownership == "общая долевая (3/311)"


def test_deal_object_uses_vocabulary_not_free_text(store, tmp_path):
    sheets = {
        "servants": [servant("1")],
        "declarations": [declaration("d1")],
        "expenses": [
            {"declaration_id": "d1", "asset_kind": "real_estate", "description": "квартира по ул. Тайной, 13",
             "amount": "5000000", "funds_source": "доход по основному месту работы"},
            {"declaration_id": "d1", "asset_kind": "vehicle", "description": "новая машина", "amount": "900000"},
        ],
    }
    load(store, write_csv_workbook(tmp_path / "wb", sheets))
    deals = build_public_year(store, 2023).organisations[0].blocks[0].subjects[0].deals
    assert deals == "квартира: доход по основному месту работы; транспортное средство"
    assert "Тайной" not in deals


# --- xlsx -------------------------------------------------------------------------------------------------

@pytest.fixture
def published(rich_store, tmp_path):
    out = tmp_path / "out"
    paths = publish_year(rich_store, 2023, out, SETTINGS)
    return out, paths


def test_writes_every_format(published):
    out, paths = published
    expected = {
        out / "2023" / "declarations_2023.xlsx", out / "2023" / "declarations_2023.csv",
        out / "2023" / "declarations_2023.json", out / "site" / "index.html",
        out / "site" / "2023" / "administratsiya-goroda-enska.html",
        out / "site" / "2023" / "kontrolno-schetnaya-palata.html",
    }
    assert expected <= set(paths)
    assert all(p.exists() and p.stat().st_size > 0 for p in paths)


def _header(ws):
    for row in ws.iter_rows(min_row=1, max_row=10):
        if row[0].value == COLUMNS[0]:
            return row[0].row
    raise AssertionError("header not found")


def test_xlsx_header_two_rows_and_wording(published):
    out, _ = published
    wb = openpyxl.load_workbook(out / "2023" / "declarations_2023.xlsx")
    assert wb.sheetnames == [ORG, ORG2]
    ws = wb[ORG]
    h = _header(ws)
    top = [ws.cell(h, c).value for c in range(1, 14)]
    sub = [ws.cell(h + 1, c).value for c in range(1, 14)]
    assert top == ["№ п/п", "Фамилия и инициалы лица, чьи сведения размещаются", "Должность",
                   "Объекты недвижимости, находящиеся в собственности", None, None, None,
                   "Объекты недвижимости, находящиеся в пользовании", None, None,
                   "Транспортные средства (вид, марка)", "Декларированный годовой доход (руб.)",
                   "Сведения об источниках получения средств, за счет которых совершена сделка "
                   "(вид приобретенного имущества, источники)"]
    assert sub[3:10] == ["Вид объекта", "Вид собственности", "Площадь (кв. м)", "Страна расположения",
                         "Вид объекта", "Площадь (кв. м)", "Страна расположения"]
    assert [ws.cell(h + 2, c).value for c in range(1, 14)] == list(range(1, 14))
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {f"D{h}:G{h}", f"H{h}:J{h}", f"A{h}:A{h + 1}", f"B{h}:B{h + 1}", f"M{h}:M{h + 1}"} <= merged
    assert "2023" in ws["A1"].value + ws["A2"].value + ws["A3"].value
    assert ws.freeze_panes == f"A{h + 3}"
    assert ws.print_title_rows == f"${h}:${h + 2}"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"


def test_xlsx_block_merged_and_formatted(published):
    out, _ = published
    ws = openpyxl.load_workbook(out / "2023" / "declarations_2023.xlsx")[ORG]
    h = _header(ws)
    section = h + 3
    assert ws.cell(section, 1).value == "Руководство"
    assert f"A{section}:M{section}" in {str(r) for r in ws.merged_cells.ranges}
    first = section + 1
    values = [ws.cell(first, c).value for c in range(1, 14)]
    assert values == ["1", "Петров С.И.", "Глава администрации", "квартира", "общая долевая (1/2)", "64,7",
                      "Россия", "жилой дом", "150,0", "Россия", "автомобиль легковой Toyota Camry",
                      "1 824 895,00", "квартира: накопления за предыдущие годы, ипотечный кредит"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    # № over the whole block (3 + 2 + 1 rows); name, position, vehicles, income, col. 13 over the declarant's rows
    assert f"A{first}:A{first + 5}" in merged
    for col in "BCKLM":
        assert f"{col}{first}:{col}{first + 2}" in merged
    # the wife: two owned objects, no used ones: «-» merged over her rows
    wife = first + 3
    assert ws.cell(wife, 2).value == "Супруга" and ws.cell(wife, 3).value in (None, "")
    assert f"H{wife}:H{wife + 1}" in merged and ws.cell(wife, 8).value == "-"
    assert ws.cell(wife + 1, 4).value == "гараж"
    child = first + 5
    assert ws.cell(child, 2).value == "Несовершеннолетний ребенок"
    assert [ws.cell(child, c).value for c in range(4, 8)] == ["-"] * 4
    cell = ws.cell(first, 2)
    assert cell.border.left.style == "thin" and cell.alignment.wrap_text


def test_family_rows_carry_no_names(published):
    out, _ = published
    ws = openpyxl.load_workbook(out / "2023" / "declarations_2023.xlsx")[ORG]
    names = {ws.cell(r, 2).value for r in range(_header(ws) + 3, ws.max_row + 1)} - {None}
    assert names == {"Петров С.И.", "Абрамов О.П.", "Смирнова О.Н.", "Супруга", "Супруг",
                     "Несовершеннолетний ребенок"}


# --- csv and Declarator JSON ----------------------------------------------------------------------------------

def test_csv_same_columns_values_repeated(published):
    out, _ = published
    raw = (out / "2023" / "declarations_2023.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    header = rows[0]
    assert header[:3] == ["Отчетный год", "Организация", "Подразделение"]
    assert header[3:6] == list(COLUMNS[:3]) and header[-3:] == list(COLUMNS[-3:])
    assert "Объекты недвижимости, находящиеся в собственности: площадь (кв. м)" in header
    petrov = [r for r in rows[1:] if r[3] == "1" and r[1] == ORG]
    assert len(petrov) == 6  # one row per property row, as in the xlsx
    assert {r[4] for r in petrov[:3]} == {"Петров С.И."} and {r[14] for r in petrov[:3]} == {"1 824 895,00"}
    assert [r[4] for r in petrov[3:]] == ["Супруга", "Супруга", "Несовершеннолетний ребенок"]


def test_declarator_json_format(published):
    out, _ = published
    data = json.loads((out / "2023" / "declarations_2023.json").read_text(encoding="utf-8"))
    assert data["document"]["year"] == 2023 and "2023" in data["document"]["sheet_title"]
    person = data["persons"][0]
    assert person["person"] == {"name_raw": "Петров С.И.", "role": "Глава администрации",
                                "department": f"{ORG}, Руководство"}
    assert person["year"] == 2023
    assert person["incomes"] == [
        {"size": 1824895.0, "size_raw": "1824895,00", "relative": None},
        {"size": 301235.06, "size_raw": "301235,06", "relative": "Супруг(а)", "relative_index": 1},
    ]
    estate = person["real_estates"][0]
    assert estate == {"text": "квартира", "square": 64.7, "relative": None, "own_type_by_column": "В собственности",
                      "square_raw": "64,7", "country_raw": "Россия", "type_raw": "квартира",
                      "own_type_raw": "общая долевая (1/2)"}
    used = [e for e in person["real_estates"] if e["own_type_by_column"] == "В пользовании"]
    assert {"relative": "Ребенок", "relative_index": 2}.items() <= used[-1].items()
    assert "own_type_raw" not in used[0]
    assert person["vehicles"][1] == {"text": "автомобиль легковой Kia Rio", "relative": "Супруг(а)",
                                     "relative_index": 1}
    # the same keys as the real Declarator examples
    example = json.loads((EXAMPLES / "minfin2016.xlsx.json").read_text(encoding="utf-8"))
    example_keys = {k for p in example["persons"] for e in p["real_estates"] for k in e}
    assert {k for e in person["real_estates"] for k in e} <= example_keys
    assert set(example["persons"][0]["person"]) <= set(person["person"])


def test_declarator_export_reads_back(published, tmp_path):
    """Our own Declarator reader takes our export back with the same incomes and areas."""
    from declarations.readers.declarator import read
    from declarations.store import Store
    from tests.conftest import load as load_files

    out, _ = published
    path = out / "2023" / "declarations_2023.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    tables, issues, _, _ = read(data, str(path))
    assert issues == []
    subjects = {d["declaration_id"]: d for d in tables["declarations"].to_dicts()}
    names = {s["person_id"]: s["full_name"] for s in tables["servants"].to_dicts()}

    def key(row):
        d = subjects[row["declaration_id"]]
        return names[d["person_id"]], d["subject"]

    incomes = sorted((*key(r), round(r["amount"], 2)) for r in tables["incomes"].to_dicts())
    areas = sorted((*key(r), r["holding"], r["area"]) for r in tables["real_estate"].to_dicts())
    assert ("Петров С.И.", "self", 1824895.0) in incomes
    assert ("Петров С.И.", "spouse", 301235.06) in incomes
    assert ("Смирнова О.Н.", "self", 1000000.5) in incomes
    assert ("Петров С.И.", "child", "used", 64.7) in areas

    expected_incomes, expected_areas = [], []
    for block_name, subject, income, estates in subjects_from_csv(out):
        if income is not None:
            expected_incomes.append((block_name, subject, income))
        expected_areas += [(block_name, subject, holding, area) for holding, area in estates]
    assert incomes == sorted(expected_incomes)
    assert areas == sorted(expected_areas)
    # and it loads into a store as public Declarator data, beside nothing else
    with Store(tmp_path / "readback.duckdb") as other:
        load_files(other, path)
        assert other.con.execute("SELECT count(*) FROM servants WHERE source = 'declarator'").fetchone()[0] == 4


def subjects_from_csv(out: Path):
    """(name, subject, income, [(holding, area)]) of every subject, from the published CSV."""
    rows = list(csv.reader((out / "2023" / "declarations_2023.csv").open(encoding="utf-8-sig")))[1:]
    subjects: dict[tuple, dict] = {}
    relation = {"Супруга": "spouse", "Супруг": "spouse", "Несовершеннолетний ребенок": "child"}
    current = None
    for r in rows:
        if r[4] not in relation:
            current = r[4]
        subject = relation.get(r[4], "self")
        key = (r[1], r[3], current, subject, r[4])
        entry = subjects.setdefault(key, {"income": None if r[14] == "-" else _num(r[14]), "estates": [],
                                          "name": current, "subject": subject})
        if r[6] not in ("", "-"):
            entry["estates"].append(("owned", _num(r[8])))
        if r[10] not in ("", "-"):
            entry["estates"].append(("used", _num(r[11])))
    return [(e["name"], e["subject"], e["income"], e["estates"]) for e in subjects.values()]


def _num(text: str) -> float:
    return float(text.replace(" ", "").replace(",", "."))


def test_publishing_from_xlsx_workbook_gives_the_same_table(store, tmp_path):
    """The same data loaded from an .xlsx workbook publishes the same csv as from a CSV folder."""
    load_rich(store, tmp_path, xlsx=True)
    publish_year(store, 2023, tmp_path / "x", SETTINGS)
    from declarations.store import Store

    with Store(tmp_path / "csv.duckdb") as other:
        load_rich(other, tmp_path / "c")
        publish_year(other, 2023, tmp_path / "c", SETTINGS)
    assert ((tmp_path / "x" / "2023" / "declarations_2023.csv").read_bytes()
            == (tmp_path / "c" / "2023" / "declarations_2023.csv").read_bytes())


def test_people_outside_departments_come_first(store, tmp_path):
    sheets = {
        "servants": [servant("1", full_name="Борисов Борис Борисович", department="Отдел кадров"),
                     servant("2", full_name="Антонов Антон Антонович", department=None, position="Глава")],
        "declarations": [declaration("d1", "1"), declaration("d2", "2")],
    }
    load(store, write_csv_workbook(tmp_path / "wb", sheets))
    sections = build_public_year(store, 2023).organisations[0].sections
    assert [(s.department, [b.name for b in s.blocks]) for s in sections] == [
        (None, ["Антонов А.А."]), ("Отдел кадров", ["Борисов Б.Б."])]
    assert [b.number for s in sections for b in s.blocks] == [1, 2]
