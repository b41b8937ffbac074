"""Public declarations (Declarator JSON) end to end, on copies of real files (tests/fixtures).

`smart_parser/*.json.gz` are the 72 parser outputs of shared/real/smart_parser (gzip: 0.4 MB
instead of 3.4 MB), `link_train/` a few site-data documents of shared/real/link-train.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from declarations.settings import settings_from
from declarations.errors import InputError
from declarations.load import load_paths
from declarations.readers.declarator import ReadOptions, apply_person_ids
from declarations.readers.declarator_text import parse_estate, parse_vehicle, vehicle_parts
from tests.conftest import ROOT, load

FIXTURES = ROOT / "tests" / "fixtures"
SMART_PARSER = sorted((FIXTURES / "smart_parser").glob("*.json.gz"))
LINK_TRAIN = FIXTURES / "link_train"
BIN = Path(sys.executable).parent / "declarations"

# Files a user would agree to see refused, and why (the column of the located issue).
REFUSED = {"30429.docx.json": "year"}  # no reporting year anywhere in the document


def unpack(name: str, folder: Path) -> Path:
    path = folder / name
    path.write_bytes(gzip.decompress((FIXTURES / "smart_parser" / f"{name}.gz").read_bytes()))
    return path


def persons_of(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8-sig")).get("persons", [])


def flags(store) -> list[tuple]:
    from checks.runner import run_checks
    from declarations.settings import load_settings

    found, _ = run_checks(store, load_settings(None))
    return sorted((f.code, f.year, f.message) for f in found)


# --------------------------------------------------------------------------- every real file

@pytest.mark.parametrize("gz", SMART_PARSER, ids=[p.name[:-3] for p in SMART_PARSER])
def test_every_real_parser_file_loads_or_is_refused_for_its_reason(store, tmp_path, gz):
    name = gz.name[:-3]
    path = unpack(name, tmp_path)
    if name in REFUSED:
        with pytest.raises(InputError) as caught:
            load(store, path)
        assert {i.column for i in caught.value.issues} == {REFUSED[name]}
        assert store.con.execute("SELECT count(*) FROM declarations").fetchone()[0] == 0
        return
    load(store, path)
    persons = len(persons_of(path)) or 1  # test__example.json is one declaration
    stored, pointers = store.con.execute(
        """SELECT count(*) FILTER (WHERE duplicate_of IS NULL), count(*) FILTER (WHERE duplicate_of IS NOT NULL)
           FROM declarations WHERE subject = 'self'""").fetchone()
    assert stored + pointers == persons  # every declarant is there (a repeat as a pointer)
    organisations = store.con.execute("SELECT DISTINCT organisation FROM servants").fetchall()
    assert all("сведения" not in o.lower() for (o,) in organisations)
    assert store.con.execute("SELECT count(*) FROM servants WHERE organisation = department").fetchone()[0] == 0


def test_a_file_without_a_year_is_refused_with_a_hint_and_loads_with_year(store, tmp_path):
    path = unpack("30429.docx.json", tmp_path)
    with pytest.raises(InputError) as caught:
        load(store, path)
    assert "--year" in caught.value.issues[0].expected
    list(load_paths(store, [path], options=ReadOptions(year=2012)))
    assert store.con.execute("SELECT DISTINCT year FROM servants").fetchall() == [(2012,)]


def test_whole_folder_loads_in_one_call_and_tells_what_it_refused_and_repeated(tmp_path):
    folder = tmp_path / "smart_parser"
    folder.mkdir()
    for gz in SMART_PARSER:
        unpack(gz.name[:-3], folder)
    result = subprocess.run([str(BIN), "load", str(folder), "--db", str(tmp_path / "x.duckdb")],
                            capture_output=True, text=True, timeout=600, env={"PATH": "/usr/bin:/bin", "COLUMNS": "250"})
    assert result.returncode == 1  # one file refused
    assert "Traceback" not in result.stdout + result.stderr
    assert "30429.docx.json" in result.stderr and "--year" in result.stderr
    assert "Остальные файлы загружены: 71" in result.stderr
    assert "те же сведения уже загружены из файла" in result.stdout  # two_tables_2017 repeats one_line_2017


def test_an_unreadable_json_in_a_folder_is_refused_alone(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    unpack("ZabSud2017.docx.json", folder)
    (folder / "broken.json").write_text('{"persons": [{"person": ', encoding="utf-8")  # a cut download
    (folder / "other.json").write_text('{"something": 1}', encoding="utf-8")
    db = tmp_path / "x.duckdb"
    result = subprocess.run([str(BIN), "load", str(folder), "--db", str(db)], capture_output=True, text=True,
                            timeout=600, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "broken.json" in result.stderr and "other.json" in result.stderr
    assert "Остальные файлы загружены: 1." in result.stderr
    again = subprocess.run([str(BIN), "load", str(folder), "--db", str(db)], capture_output=True, text=True,
                           timeout=600, env={"PATH": "/usr/bin:/bin"})
    assert "Остальные файлы загружены" not in again.stderr  # the good file is unchanged: nothing loaded now


# --------------------------------------------------------------------------- the three shapes

def test_single_declaration_with_bom_keeps_office_shares_and_vehicle(store, tmp_path):
    path = unpack("test__example.json", tmp_path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    load(store, path)
    assert store.con.execute("SELECT full_name, organisation, year FROM servants").fetchall() == [
        ("Бродский Михаил Наумович", "Правительство Санкт-Петербурга", 2016)]
    assert store.con.execute("SELECT ownership, share, area FROM real_estate ORDER BY area DESC").fetchall() == [
        ("shared", "1/2", 1555.0), ("individual", None, 94.0)]
    assert store.con.execute("SELECT vehicle_type, make, model FROM vehicles").fetchall() == [
        ("car", "Лексус", "RX350")]


def test_sections_shape_one_person_several_years(store):
    load(store, LINK_TRAIN / "person-2588945.json")
    rows = store.con.execute(
        """SELECT s.year, s.full_name, s.position, s.organisation_id, r.holding, r.area
           FROM servants s JOIN declarations d USING (section_id) JOIN real_estate r USING (declaration_id)
           ORDER BY s.year, r.area""").fetchall()
    office = "office:" + str(json.loads((LINK_TRAIN / "person-2588945.json").read_text())["sections"][0]["office_id"])
    assert rows == [(2018, "Иванова И.А.", "Референт", office, "used", 87.0),
                    (2018, "Иванова И.А.", "Референт", office, "owned", 950.0),
                    (2019, "Иванова И.А.", "Референт", office, "used", 39.0),
                    (2019, "Иванова И.А.", "Референт", office, "owned", 950.0)]


def test_disclosures_variant_keeps_organisation_and_year_per_sheet(store, tmp_path):
    load(store, unpack("chab2019.xls.json", tmp_path), unpack("disclosures_format.xls.json", tmp_path))
    rows = store.con.execute("SELECT DISTINCT organisation, year FROM servants ORDER BY 1").fetchall()
    assert ("Советско-Гаванского городского суда Хабаровского края", 2018) in rows
    assert ("ВАО", 2016) in rows and ("ЗАО", 2016) in rows


def test_organisation_is_office_then_option_then_title_never_department(store, tmp_path):
    path = unpack("fsn01.html.json", tmp_path)  # department «Руководство»
    load(store, path)
    assert store.con.execute("SELECT DISTINCT organisation, organisation_id FROM servants").fetchall() == [
        ("ФНС России", "title:фнс россии")]
    assert ("Руководство",) in store.con.execute("SELECT DISTINCT department FROM servants").fetchall()
    other = unpack("13100_13.doc.json", tmp_path)  # the title names only the period
    list(load_paths(store, [other], options=ReadOptions(organisation="Администрация села")))
    assert store.con.execute(
        "SELECT DISTINCT organisation, organisation_id FROM servants WHERE organisation_id LIKE 'option:%'"
    ).fetchall() == [("Администрация села", "option:администрация села")]


def test_unnamed_organisation_loads_with_a_note(store, tmp_path):
    results = load(store, unpack("13100_13.doc.json", tmp_path))
    assert any("--organisation" in note for note in results[0].notes)
    assert store.con.execute("SELECT DISTINCT organisation FROM servants").fetchall() == [("не указана",)]


# --------------------------------------------------------------------------- what the text holds

@pytest.mark.parametrize("type_raw, own, column, expected", [
    ("Квартира (общая долевая, 1/4)", None, None, ("owned", "flat", "shared", "1/4")),
    ("Квартира\n(пользование)", None, "В собственности", ("used", "flat", None, None)),
    ("квартира (безвозмездное пользование)", None, "В пользовании", ("used", "flat", None, None)),
    ("квартира", "1/2 доли", "В собственности", ("owned", "flat", "shared", "1/2")),
    ("квартира (долевая ½)", None, "В собственности", ("owned", "flat", "shared", "1/2")),
    ("квартира", "индиви-дуальная", "В собственности", ("owned", "flat", "individual", None)),
    ("Квартира общая совместная", "", "В собственности", ("owned", "flat", "joint", None)),
    ("Земельный участок договор аренды", None, "В собственности", ("used", "land", None, None)),
    ("комната", None, None, ("owned", "flat", None, None)),
])
def test_real_estate_text(type_raw, own, column, expected):
    parsed = parse_estate(type_raw, own, column)
    assert (parsed.holding, parsed.object_type, parsed.ownership, parsed.share) == expected


@pytest.mark.parametrize("text, expected", [
    ("а/м легковой Toyota Land Cruiser 200 (совместная)", [("car", "Toyota Land Cruiser 200", "joint", None)]),
    ("Автомобиль легковой Автомобиль легковой BMW X5", [("car", "BMW X5", None, None)]),
    ("Мазда СХ-5, 2017 года выпуска", [("car", "Мазда СХ-5", None, 2017)]),
    ("Автомобиль легковой ГАЗ 3302, автомобиль грузовой КАМАЗ 5320",
     [("car", "ГАЗ 3302", None, None), ("truck", "КАМАЗ 5320", None, None)]),
    ("Автомобиль легковой\nШевроле-Нива\n2123\n\nавтомобиль легковой\nОпель Астра",
     [("car", "Шевроле-Нива 2123", None, None), ("car", "Опель Астра", None, None)]),
    ("мотолодка Badger 360 W", [("water", "мотолодка Badger 360 W", None, None)]),
    ("Россия \n\nРоссия", []),
])
def test_vehicle_text(text, expected):
    parsed = [parse_vehicle(part) for part in vehicle_parts(text)]
    assert [(p.vehicle_type, p.make, p.ownership, p.year_made) for p in parsed] == expected


def test_in_use_rows_room_and_income_remark_are_stored(store, tmp_path):
    doc = {"document": {"sheet_title": "Сведения о доходах служащих Администрации села за 2016 год", "year": 2016},
           "persons": [{"person": {"name_raw": "Петров Сергей Иванович", "role": "Глава"}, "year": 2016,
                        "incomes": [{"size": 648112.08, "size_raw": "648 112,08 р., в т.ч. от продажи автомобиля 250 000 р.",
                                     "relative": None}],
                        "real_estates": [{"type_raw": "Квартира\n(пользование)", "square": 50.0, "relative": None,
                                          "own_type_by_column": "В собственности"},
                                         {"type_raw": "комната", "square": 12.0, "relative": None,
                                          "own_type_raw": "индивидуальная", "own_type_by_column": "В собственности"}],
                        "vehicles": []}]}
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    load(store, path)
    assert store.con.execute("SELECT holding, object_type, object_type_raw, area FROM real_estate ORDER BY area").fetchall() \
        == [("owned", "flat", "комната", 12.0), ("used", "flat", None, 50.0)]
    assert store.con.execute("SELECT remark FROM incomes").fetchone()[0].endswith("от продажи автомобиля 250 000 р.")


# --------------------------------------------------------------------------- strict validation

def _person(**changes) -> dict:
    person = {"person": {"name_raw": "Петров Сергей Иванович", "role": "Глава"}, "year": 2016,
              "incomes": [{"size": 100.0, "relative": None}],
              "real_estates": [{"type_raw": "квартира", "square": 50.0, "relative": None}], "vehicles": []}
    for key, value in changes.items():
        target, _, field = key.partition("__")
        if field:
            person[target][0][field] = value
        else:
            person[target] = value
    return person


@pytest.mark.parametrize("changes, column, expected", [
    ({"incomes__size": -5.0}, "incomes[0].size", "не меньше 0"),
    ({"real_estates__square": 0}, "real_estates[0].square", "больше 0"),
    ({"real_estates__square": "50"}, "real_estates[0].square", "число"),
    ({"year": 1983}, "year", "от 1990"),
    ({"year": True}, "year", "целое число"),
    ({"incomes": {"size": 1}}, "incomes", "список"),
    ({"person": "Петров"}, "person", "name_raw"),
    ({"person": {"name_raw": "Выберите из списка"}}, "person.name_raw", "фамилия"),
    ({"incomes__relative": "Теща"}, "incomes[0].relative", "Супруг(а)"),
])
def test_wrong_values_are_located_and_nothing_of_the_file_loads(store, tmp_path, changes, column, expected):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"document": {"sheet_title": "Сведения о доходах служащих Думы"},
                                "persons": [_person()]}, ensure_ascii=False), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"document": {"sheet_title": "Сведения о доходах служащих Думы"},
                               "persons": [_person(), _person(**changes)]}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(store, good, bad)
    issue = next(i for i in caught.value.issues if i.column == column)
    assert (issue.file, issue.row) == (str(bad), 2) and expected in issue.expected
    assert caught.value.loaded == 1
    assert store.con.execute("SELECT DISTINCT l.source FROM servants JOIN loads l USING (load_id)").fetchall() == [
        (str(good),)]


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_numbers_are_refused(store, tmp_path, number):
    path = tmp_path / "bad.json"
    text = json.dumps({"document": {"sheet_title": "Думы", "year": 2016}, "persons": [_person()]}, ensure_ascii=False)
    path.write_text(text.replace('"size": 100.0', f'"size": {number}'), encoding="utf-8")
    with pytest.raises(InputError):
        load(store, path)
    assert store.con.execute("SELECT count(*) FROM declarations").fetchone()[0] == 0


def test_negative_income_and_implausible_year_of_real_site_data_are_refused(store):
    with pytest.raises(InputError) as caught:
        load(store, LINK_TRAIN / "section-1833000.json", LINK_TRAIN / "section-4193024.json",
             LINK_TRAIN / "person-2588945.json")
    assert {(Path(i.file).name, i.column) for i in caught.value.issues} == {
        ("section-1833000.json", "incomes[0].size"), ("section-4193024.json", "year")}
    assert caught.value.loaded == 1  # the good document of the same call is in


# --------------------------------------------------------------------------- duplicates

def test_the_same_table_in_two_files_is_stored_once(store, tmp_path):
    first = load(store, unpack("one_line_2017.docx.json", tmp_path))
    second = load(store, unpack("two_tables_2017.docx.json", tmp_path))
    assert first[0].notes == []
    assert any("Абрамов Иван Андреевич" in n and "one_line_2017" in n for n in second[0].notes)
    assert store.con.execute(
        "SELECT count(*) FROM effective_declarations e JOIN servants s USING (section_id) "
        "WHERE s.full_name = 'Абрамов Иван Андреевич'").fetchone()[0] == 1
    assert store.con.execute("SELECT count(*) FROM incomes WHERE amount = 1462642.81").fetchone()[0] == 1
    # the repeat still names its document's declarant, under the same person
    assert store.con.execute(
        """SELECT count(DISTINCT person_id), count(*) FROM declarations
           WHERE subject = 'self' AND (duplicate_of IS NOT NULL OR declaration_id IN
                 (SELECT duplicate_of FROM declarations))""").fetchone() == (1, 2)


def test_repeat_inside_a_site_data_folder(store):
    results = load(store, LINK_TRAIN / "person-1435244.json", LINK_TRAIN / "section-4325056.json")
    assert any("person-1435244.json" in n for r in results for n in r.notes)


# --------------------------------------------------------------------------- year over year

def test_empty_spravka_is_unknown_not_zero(store, tmp_path):
    paths = [unpack(f"gorshkova_20190706002511.html_{i}.json", tmp_path) for i in range(8)]
    load(store, *paths)
    totals = dict(store.con.execute(
        "SELECT year, income_total FROM subject_year_totals WHERE subject = 'self'").fetchall())
    assert totals[2013] is None and totals[2015] is None and totals[2014] == 264000.0
    found = flags(store)
    assert not [f for f in found if "с нуля" in f[2] or "до нуля" in f[2]]
    assert not [f for f in found if f[1] in (2013, 2015)]  # nothing flagged against an empty справка


def test_real_multi_year_files_raise_no_flag_from_row_order_or_in_use_rows(store, tmp_path):
    load(store, *(unpack(n, tmp_path) for n in ("MinDalVostok2015.xlsx.json", "MinDalVostok2017.xlsx.json")))
    load(store, LINK_TRAIN / "person-2588945.json")  # a flat in use, 87 m² then 39 m²
    assert [f for f in flags(store) if f[0].startswith("PROPERTY")] == []


def test_children_listed_in_another_order_are_followed(store, tmp_path):
    def doc(year: int, children: list[tuple[float, float]]) -> Path:
        person = {"person": {"name_raw": "Петров Сергей Иванович", "role": "Глава"}, "year": year,
                  "incomes": [{"size": 1e6, "relative": None}], "vehicles": [],
                  "real_estates": [{"type_raw": "квартира", "square": 50.0, "relative": None,
                                    "own_type_raw": "индивидуальная"}]}
        for index, (income, area) in enumerate(children, start=1):
            person["incomes"].append({"size": income, "relative": "Ребенок", "relative_index": index})
            person["real_estates"].append({"type_raw": "квартира", "square": area, "relative": "Ребенок",
                                           "relative_index": index, "own_type_raw": "1/4 доли"})
        path = tmp_path / f"{year}.json"
        path.write_text(json.dumps({"document": {"sheet_title": "Сведения о доходах служащих Думы", "year": year},
                                    "persons": [person]}, ensure_ascii=False), encoding="utf-8")
        return path

    load(store, doc(2016, [(0.0, 61.0), (90000.0, 33.0)]), doc(2017, [(95000.0, 33.0), (0.0, 61.0)]))
    assert flags(store) == []


# --------------------------------------------------------------------------- person resolution interface

def test_apply_person_ids_moves_sections_family_and_repeats(store, tmp_path):
    load(store, unpack("one_line_2017.docx.json", tmp_path), unpack("two_tables_2017.docx.json", tmp_path))
    store.con.execute("CREATE TEMP TABLE links AS SELECT section_id, 'P-' || full_name AS person_id FROM servants")
    apply_person_ids(store.con, "links")
    rows = store.con.execute(
        """SELECT DISTINCT d.person_id, d.subject, d.relative_id FROM declarations d
           WHERE d.person_id = 'P-Ачкасов Павел Викторович' ORDER BY 2""").fetchall()
    assert rows == [("P-Ачкасов Павел Викторович", "self", None),
                    ("P-Ачкасов Павел Викторович", "spouse", "P-Ачкасов Павел Викторович-spouse-1")]
    assert store.con.execute(
        "SELECT DISTINCT person_id FROM declarations WHERE duplicate_of IS NOT NULL").fetchall() == [
        ("P-Абрамов Иван Андреевич",)]


# --------------------------------------------------------------------------- publication

def test_publish_public_data(store, tmp_path):
    from publish.publisher import publish_year

    load(store, unpack("fsn01.html.json", tmp_path), unpack("ZabSud2017.docx.json", tmp_path))
    doc = {"document": {"sheet_title": "Сведения о доходах служащих Администрации села за 2019 год", "year": 2019},
           "persons": [{"person": {"name_raw": "Белецкий С.О.", "role": "Глава"}, "year": 2019,
                        "incomes": [{"size": 1000.0, "size_raw": "1000 руб., в т.ч. пенсия 500 руб.", "relative": None}],
                        "real_estates": [{"type_raw": "комната", "square": 12.0, "relative": None,
                                          "own_type_raw": "индивидуальная"}],
                        "vehicles": [{"text": "Автомобиль легковой BMW X5", "relative": None}]}]}
    path = tmp_path / "village.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    load(store, path)
    publish_year(store, 2019, tmp_path / "out", settings_from())
    text = (tmp_path / "out" / "2019" / "declarations_2019.csv").read_text(encoding="utf-8-sig")
    assert "Белецкий С.О." in text
    assert "автомобиль легковой BMW X5" in text and "легковой Автомобиль" not in text
    assert ",комната," in text and "1 000,00" in text
    assert "пенсия" not in text  # the remark is kept in the store; income descriptions are never published
    assert "ФНС России" in text and "РУКОВОДСТВО" not in text.upper().split("ФНС РОССИИ,")[0]
    with pytest.raises(InputError) as caught:
        publish_year(store, 2005, tmp_path / "out", settings_from())
    assert "2017, 2019" in caught.value.issues[0].found


def test_public_free_text_never_publishes_a_location_a_plate_or_an_owner(store, tmp_path):
    """Public data has no private columns: an address, a cadastral number, a plate, an owner's name or a
    bank typed into the type, country, vehicle or income cell is cut by its shape before publication."""
    from publish.publisher import publish_year

    doc = {"document": {"sheet_title": "Сведения о доходах служащих Администрации Энска за 2019 год", "year": 2019},
           "persons": [{"person": {"name_raw": "Петров Сергей Иванович", "role": "Глава"}, "year": 2019,
                        "incomes": [{"size": 1000.0, "relative": None,
                                     "size_raw": "1000 руб. (в т.ч. продажа квартиры; вклад в АО «ТБанк»)"}],
                        "real_estates": [
                            {"type_raw": "Объект незавершенного строительства, г. Энск, ул. Ленина, д. 5, "
                                         "кад. № 50:12:0000000:123", "square": 80.0, "relative": None},
                            {"type_raw": "гараж", "square": 18.0, "relative": None,
                             "country_raw": "Россия, Московская обл., г. Химки, ГСК Мечта"}],
                        "vehicles": [{"text": "а/м ВАЗ 2107 г/н А123ВС77 (Ивановой Марии Петровны)",
                                      "relative": None}]}]}
    path = tmp_path / "enks.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    load(store, path)
    publish_year(store, 2019, tmp_path / "out", settings_from())
    published = " ".join(p.read_text(encoding="utf-8-sig", errors="replace")
                         for p in (tmp_path / "out").rglob("*") if p.suffix in (".csv", ".json", ".html"))
    for private in ("Ленина", "50:12", "Химки", "Мечта", "А123ВС77", "Ивановой", "ТБанк", "продажа квартиры"):
        assert private not in published, private
    assert "объект незавершенного строительства" in published and "ВАЗ 2107" in published


# --------------------------------------------------------------------------- never a traceback

def _leaves(value, path=()):
    if isinstance(value, dict):
        yield path, value
        for key, inner in value.items():
            yield from _leaves(inner, (*path, key))
    elif isinstance(value, list):
        yield path, value
        for index, inner in enumerate(value):
            yield from _leaves(inner, (*path, index))
    else:
        yield path, value


def _replaced(data, path, new):
    data = json.loads(json.dumps(data))
    if not path:
        return new
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return data


@pytest.mark.parametrize("name", ["MinDalVostok2017.xlsx.json", "chab2019.xls.json", "test__example.json"])
def test_any_wrong_value_anywhere_is_an_issue_never_a_crash(tmp_path, name):
    from declarations.readers.declarator import read

    data = json.loads(unpack(name, tmp_path).read_text(encoding="utf-8-sig"))
    if "persons" in data:
        data["persons"] = data["persons"][:2]
    wrong = [None, "текст", True, -1, [], {"a": 1}]
    tried = 0
    for path, _ in list(_leaves(data)):
        for new in wrong:
            tables, issues, _, _ = read(_replaced(data, path, new), "x.json")
            assert all(i.file == "x.json" for i in issues)
            tried += 1
    assert tried > 200


def test_an_empty_list_of_persons_is_refused(store, tmp_path):
    path = tmp_path / "empty.json"
    path.write_text('{"persons": [], "document": {"year": 2016}}', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(store, path)
    assert caught.value.issues[0].found == "«пустой список»"


@pytest.mark.parametrize("title, names, expected", [
    ("Сведения о доходах, расходах, об имуществе и обязательствах имущественного характера федеральных "
     "государственных  гражданских служащих Минпромторга России, а также их супруги (супруга) и "
     "несовершеннолетних детей за период  с 1 января 2017 г. по 31 декабря 2017 г.", [], "Минпромторга России"),
    ("С В Е Д Е Н И Я\nо доходах, имуществе и обязательствах имущественного характера  главы  Комаровского "
     "сельского поселения  Унинского  района Кировской области  Бельтюгова Сергея Аркадьевича  и членов её(его) "
     "семьи за 2012 год", ["Бельтюгов Сергей Аркадьевич"], "Комаровского сельского поселения Унинского района Кировской области"),
    ("Приложение к требованиям\nФорма\n\nСведения о доходах, расходах, об имуществе и обязательствах "
     "имущественного характера\nза период с 01 января 2015 г. по 31 декабря 2015 г. работников ФГУП «ВГСЧ»", [],
     "ФГУП «ВГСЧ»"),
    ("Сведения об имуществе Горшкова М.П. | Арбитражный суд Московской области  на период 2018", ["Горшкова Мария Павловна"],
     "Арбитражный суд Московской области"),
    ("Сведения о доходах, расходах, об имуществе и обязательствах имущественного характера представленные "
     "руководителями организации ФМБА России за период с 1 января 2014 года по 31 декабря 2014 года", [], "ФМБА России"),
    ("Блажнов Денис Николаевич за период с 1 января по 31 декабря 2011 года", ["Блажнов Д.Н."], ""),
    ("Сведения о доходах, расходах, об имуществе и обязательствах имущественного характера за период с 1 января "
     "2014г. по 31 декабря 2014 г.", [], ""),
])
def test_organisation_named_by_a_title(title, names, expected):
    from declarations.readers.declarator_titles import organisation_from_title

    assert organisation_from_title(title, names) == expected
