"""Tests of the synthetic data generator (sample_data/).

Besides formats and determinism, a small reference checker written here, independently of
``checks/``, recomputes the submission, consistency and year-over-year codes of checks.md on
generated data: every planted ``flag`` must be found, no planted ``no_flag`` may be found and the
background must raise nothing at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

from sample_data import names as N
from sample_data.generator import Manifest, generate, generate_match_benchmark, main
from sample_data.ids import account_key, inn10_check, inn12_check, is_valid_account, is_valid_inn
from sample_data.make_sample import SAMPLE_ARGS, SAMPLE_DIR, make_sample
from sample_data.model import BANKS
from sample_data.output import SHEETS, plain_number

SHEET_KEYS = list(SHEETS)
YEARS = [2021, 2022, 2023, 2024]
DECLARATION_CODES = {
    "MISSING_DECLARATION", "MISSING_FAMILY_DECLARATION", "LATE_SUBMISSION", "LATE_CORRECTION",
    "CHILD_NOT_MINOR", "EXPENSE_EXCEEDS_3Y_INCOME", "PAYROLL_MISMATCH", "PROPERTY_DISAPPEARED",
    "PROPERTY_APPEARED", "PROPERTY_AREA_CHANGED", "PROPERTY_SHARE_CHANGED", "VEHICLE_DISAPPEARED",
    "VEHICLE_APPEARED", "ACCOUNT_OPEN_DATE_CHANGED", "ACCOUNT_UNDECLARED_BEFORE", "INCOME_JUMP",
    "SAVINGS_EXCEED_INCOME",
}
PROCUREMENT_CODES = {"PROCUREMENT_AFFILIATION", "SERVANT_IS_OFFICER", "STAKE_IN_SUPPLIER",
                     "POSSIBLE_UNDECLARED_RELATIVE"}
ALL_CODES = DECLARATION_CODES | PROCUREMENT_CODES


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------

def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_year(out: Path, year: int) -> dict[str, list[dict]]:
    return {s: read_csv(out / f"declarations_{year}" / f"{s}.csv") for s in SHEET_KEYS}


def split_name(full: str) -> tuple[str, str, str]:
    sur, given, patr = full.split(" ")
    return sur, given, patr


def is_male_patronymic(patr: str) -> bool:
    return patr.endswith("ич")


def _d(s: str) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def _f(s: str) -> float:
    return float(s) if s else 0.0


def reference_flags(out: Path, years: list[int]) -> set[tuple[str, str, int]]:
    """An independent, literal reading of sections С, В, Д of checks.md on an English ISO CSV output."""
    flags: set[tuple[str, str, int]] = set()
    subjects: dict[tuple[str, str], dict[int, dict]] = defaultdict(dict)
    for y in sorted(years):
        t = read_year(out, y)
        decls = {d["declaration_id"]: dict(d, inc=[], exp=[], est=[], veh=[], acc=[]) for d in t["declarations"]}
        for sheet, key in (("incomes", "inc"), ("expenses", "exp"), ("real_estate", "est"), ("vehicles", "veh"),
                           ("accounts", "acc")):
            for r in t[sheet]:
                decls[r["declaration_id"]][key].append(r)
        originals, final = {}, {}
        for d in decls.values():
            k = (d["person_id"], d["relative_id"] or "self")
            if d["kind"] == "original":
                originals[k] = d
            else:
                final[k] = d
                if _d(d["submitted_on"]) > dt.date(y + 1, 5, 30):
                    flags.add(("LATE_CORRECTION", d["person_id"], y))
        for k, d in originals.items():
            final.setdefault(k, d)
            if _d(d["submitted_on"]) > dt.date(y + 1, 4, 30):
                flags.add(("LATE_SUBMISSION", k[0], y))
        servants = {s["person_id"]: s for s in t["servants"]}
        for pid, s in servants.items():
            if s["must_declare"] == "true" and (pid, "self") not in final:
                flags.add(("MISSING_DECLARATION", pid, y))
        for r in t["relatives"]:
            pid = r["person_id"]
            if servants[pid]["must_declare"] != "true":
                continue
            b = _d(r["birth_date"])
            minor = r["relation"] in ("son", "daughter") and b.year <= y and y - b.year < 18
            if (r["relation"] == "spouse" or minor) and (pid, r["relative_id"]) not in final:
                flags.add(("MISSING_FAMILY_DECLARATION", pid, y))
        pay = {p["person_id"]: _f(p["amount"]) for p in t["payroll"]}
        for k, d in final.items():
            if d["subject"] == "child" and y - _d(d["subject_birth_date"]).year >= 18:
                flags.add(("CHILD_NOT_MINOR", k[0], y))
            if k[1] == "self":
                declared = sum(_f(i["amount"]) for i in d["inc"] if i["income_type"] == "main_job")
                diff = abs(declared - pay[k[0]])
                if diff > 1000 and diff > 0.01 * max(declared, pay[k[0]]):
                    flags.add(("PAYROLL_MISMATCH", k[0], y))
            subjects[k][y] = d
    family_income: dict[tuple[str, int], float] = defaultdict(float)
    for (pid, _sk), by_year in subjects.items():
        for y, d in by_year.items():
            if d["subject"] in ("self", "spouse"):
                family_income[(pid, y)] += sum(_f(i["amount"]) for i in d["inc"])
    for (pid, _sk), by_year in subjects.items():
        for y, d in by_year.items():
            for e in d["exp"]:
                if _f(e["amount"]) > sum(family_income.get((pid, yy), 0.0) for yy in (y - 3, y - 2, y - 1)):
                    flags.add(("EXPENSE_EXCEEDS_3Y_INCOME", pid, y))
        ys = sorted(by_year)
        for a, b in zip(ys, ys[1:]):  # b is compared with the latest earlier справка a
            P, C = by_year[a], by_year[b]
            end_prev = dt.date(a, 12, 31)
            sold = " ".join(i["description"] for i in C["inc"])

            def ekey(e):
                return e["cadastral_number"] or (e["object_type"], e["area"], e["share"])

            pe = {ekey(e): e for e in P["est"] if e["holding"] == "owned"}
            ce = {ekey(e): e for e in C["est"] if e["holding"] == "owned"}
            if any(k not in ce for k in pe) and "продажа" not in sold:
                flags.add(("PROPERTY_DISAPPEARED", pid, b))
            for k, e in ce.items():
                if k not in pe:
                    acq = _d(e["acquired_on"])
                    if acq is None or not e["basis"] or acq <= end_prev:
                        flags.add(("PROPERTY_APPEARED", pid, b))
                    continue
                if abs(_f(pe[k]["area"]) - _f(e["area"])) > 0.01 * _f(pe[k]["area"]):
                    flags.add(("PROPERTY_AREA_CHANGED", pid, b))
                if pe[k]["share"] != e["share"]:
                    flags.add(("PROPERTY_SHARE_CHANGED", pid, b))

            def vkey(v):
                return v["registration"] or (v["make"], v["model"], v["year_made"])

            pv, cv = {vkey(v): v for v in P["veh"]}, {vkey(v): v for v in C["veh"]}
            if any(k not in cv for k in pv) and "продажа автомобиля" not in sold:
                flags.add(("VEHICLE_DISAPPEARED", pid, b))
            if any(k not in pv and _d(v["acquired_on"]) <= end_prev for k, v in cv.items()):
                flags.add(("VEHICLE_APPEARED", pid, b))
            pa, ca = {x["account_number"]: x for x in P["acc"]}, {x["account_number"]: x for x in C["acc"]}
            for n, x in ca.items():
                if n in pa and pa[n]["opened_on"] != x["opened_on"]:
                    flags.add(("ACCOUNT_OPEN_DATE_CHANGED", pid, b))
                if n not in pa and _d(x["opened_on"]) <= end_prev:
                    flags.add(("ACCOUNT_UNDECLARED_BEFORE", pid, b))
            ti_p = sum(_f(i["amount"]) for i in P["inc"])
            ti_c = sum(_f(i["amount"]) for i in C["inc"])
            if abs(ti_c - ti_p) > 1_000_000 and (ti_c > 2 * ti_p or ti_p > 2 * ti_c):
                flags.add(("INCOME_JUMP", pid, b))
            # the stricter reading: only the increases count, new accounts in full
            growth = sum(max(0.0, _f(x["balance"]) - _f(pa[n]["balance"])) if n in pa else _f(x["balance"])
                         for n, x in ca.items())
            if growth > ti_c:
                flags.add(("SAVINGS_EXCEED_INCOME", pid, b))
    return flags


def assert_matches_manifest(out: Path, m: Manifest) -> None:
    found = reference_flags(out, m.years)
    planted = {(c["code"], c["person_id"], c["year"]) for c in m.cases
               if c["expect"] == "flag" and c["code"] in DECLARATION_CODES}
    negatives = {(c["code"], c["person_id"], c["year"]) for c in m.cases if c["expect"] == "no_flag"}
    assert planted - found == set(), "planted cases the reference checker does not find"
    assert found - planted == set(), "findings in the background or in hard negatives"
    assert found & negatives == set()


# --------------------------------------------------------------------------------------
# fixtures
# --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def both_en(tmp_path_factory) -> tuple[Path, Manifest]:
    out = tmp_path_factory.mktemp("both_en")
    # clean: every identifier written, so the identifier checks below see them all (realism: test_realism.py)
    m = generate(out, servants=60, years=YEARS, seed=7, form="both", header_language="en", realism="clean")
    return out, m


@pytest.fixture(scope="module")
def sample_csv(tmp_path_factory) -> tuple[Path, Manifest]:
    """The committed sample's data regenerated as plain English CSV."""
    out = tmp_path_factory.mktemp("sample_csv")
    # clean: the reference checker below reads identifiers literally; the events are the same in both modes
    args = dict(SAMPLE_ARGS, formats=None, form="csv", header_language="en", russian_formats=False, realism="clean")
    return out, generate(out, **args)


@pytest.fixture(scope="module")
def committed() -> Manifest:
    return Manifest.load(SAMPLE_DIR / "manifest.json")


# --------------------------------------------------------------------------------------
# identifiers and names
# --------------------------------------------------------------------------------------

def test_inn_checksum_algorithm():
    for inn in ("7707083893", "7736050003", "7708004767", "1644003838", "500100732259", "7830002293"):
        assert is_valid_inn(inn)
    assert not is_valid_inn("7707083894")
    assert not is_valid_inn("500100732258")
    assert not is_valid_inn("12345")
    import random
    rng = random.Random(3)
    for _ in range(200):
        assert is_valid_inn(inn10_check(f"{rng.randrange(10**9):09d}"))
        assert is_valid_inn(inn12_check(f"{rng.randrange(10**10):010d}"))
    # a correspondent account of Sberbank carries the Bank of Russia control key
    assert account_key("000000025", "30101810400000000225") == "4"


def test_every_inn_and_account_is_valid(both_en):
    out, _m = both_en
    inns = []
    for y in YEARS:
        t = read_year(out, y)
        inns += [s["inn"] for s in t["servants"]]
        inns += [r["inn"] for r in t["relatives"] if r["inn"]]
        inns += [s["issuer_inn"] for s in t["securities"]]
        bik = {name: b for name, b, _w in BANKS}
        for a in t["accounts"]:
            assert is_valid_account(bik[a["bank"]], a["account_number"]), a
        for e in t["real_estate"]:
            assert not e["cadastral_number"] or re.fullmatch(r"\d\d:\d\d:\d{7}:\d{3}", e["cadastral_number"])
        for v in t["vehicles"]:
            assert not v["registration"] or re.fullmatch(r"[АВЕКМНОРСТУХ]\d{3}[АВЕКМНОРСТУХ]{2}\d{2,3}", v["registration"])
    for o in read_csv(out / "officers.csv"):
        inns.append(o["company_inn"])
        if o["person_inn"]:
            inns.append(o["person_inn"])
    for p in read_csv(out / "procurement.csv"):
        inns += [p["customer_inn"], p["participant_inn"]]
    assert len(inns) > 500
    bad = [i for i in inns if not is_valid_inn(i)]
    assert bad == []


def test_name_grammar():
    assert len(N.MALE_NAMES) >= 80 and len(N.FEMALE_NAMES) >= 75 and len(N.SURNAMES_FAMILY) >= 190
    irregular = {"Илья": ("Ильич", "Ильинична"), "Лев": ("Львович", "Львовна"), "Пётр": ("Петрович", "Петровна"),
                 "Никита": ("Никитич", "Никитична"), "Яков": ("Яковлевич", "Яковлевна"),
                 "Павел": ("Павлович", "Павловна"), "Михаил": ("Михайлович", "Михайловна"),
                 "Юрий": ("Юрьевич", "Юрьевна"), "Кузьма": ("Кузьмич", "Кузьминична")}
    for name, forms in irregular.items():
        assert (N.patronymic(name, True), N.patronymic(name, False)) == forms
    assert N.female_surname("Иванов") == "Иванова"
    assert N.female_surname("Ильин") == "Ильина"
    assert N.female_surname("Соловьёв") == "Соловьёва"
    assert N.female_surname("Вишневский") == "Вишневская"
    assert N.female_surname("Троицкий") == "Троицкая"
    assert N.female_surname("Толстой") == "Толстая"
    for inv in ("Шевченко", "Ковальчук", "Черных", "Бабич", "Мороз"):
        assert N.female_surname(inv) == inv
    assert N.translit("Дмитрий Юрьевич Щукин") == "Dmitrii Iurevich Shchukin"
    assert N.initials("Петров", "Иван", "Сергеевич") == "Петров И.С."


def _lev(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_surname_pools_are_disjoint_and_far_apart():
    fam, planted, strangers = set(N.SURNAMES_FAMILY), set(N.SURNAMES_PLANTED), set(N.SURNAMES_STRANGERS)
    assert not (fam & planted) and not (fam & strangers) and not (planted & strangers)

    def forms(s):
        s = N.strip_yo(s)
        return {s, N.female_surname(s)}

    def dist(x, y):
        return min(_lev(a, b) for a in forms(x) for b in forms(y))

    assert all(dist(s, o) >= 2 for s in strangers for o in fam | planted)
    assert all(dist(p, o) >= 3 for p in planted for o in fam)


# --------------------------------------------------------------------------------------
# determinism and formats
# --------------------------------------------------------------------------------------

def test_same_seed_gives_identical_bytes(tmp_path):
    kw = dict(servants=50, years=[2022, 2023, 2024], seed=5, form="both", header_language="ru", russian_formats=True)
    a, b = tmp_path / "a", tmp_path / "b"
    generate(a, **kw)
    generate(b, **kw)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert len(files) == 3 * (len(SHEET_KEYS) + 1) + 5
    for rel in files:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    c = tmp_path / "c"
    generate(c, **dict(kw, seed=6))
    assert (a / "declarations_2024" / "Справки.csv").read_bytes() != (c / "declarations_2024" / "Справки.csv").read_bytes()


def _cell_as_csv(value, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and kind == "a":
        return f"{value:.2f}"
    if isinstance(value, (int, float)):
        return plain_number(value)
    return value


def test_csv_and_xlsx_hold_the_same_rows(both_en, tmp_path):
    out, m = both_en
    for y in (2021, 2024):
        wb = openpyxl.load_workbook(out / f"declarations_{y}.xlsx", read_only=True)
        assert wb.sheetnames == SHEET_KEYS
        for sheet in SHEET_KEYS:
            kinds = [c[2] for c in SHEETS[sheet][1]]
            rows = list(wb[sheet].iter_rows(values_only=True))
            with open(out / f"declarations_{y}" / f"{sheet}.csv", encoding="utf-8", newline="") as fh:
                csv_rows = list(csv.reader(fh))
            assert list(rows[0]) == csv_rows[0]
            assert len(rows) - 1 == m.rows[y][sheet] == len(csv_rows) - 1
            xl = [[_cell_as_csv(v, k) for v, k in zip(list(r) + [None] * (len(kinds) - len(r)), kinds)] for r in rows[1:]]
            assert xl == csv_rows[1:], (y, sheet)
        wb.close()
    # Russian headers and formats: the same strings in both forms
    ru = tmp_path / "ru"
    generate(ru, servants=40, years=[2024], seed=7, form="both", header_language="ru", russian_formats=True)
    wb = openpyxl.load_workbook(ru / "declarations_2024.xlsx", read_only=True)
    for sheet in SHEET_KEYS:
        name = SHEETS[sheet][0]
        rows = [[("" if v is None else str(v)) for v in r] for r in wb[name].iter_rows(values_only=True)]
        with open(ru / "declarations_2024" / f"{name}.csv", encoding="utf-8", newline="") as fh:
            csv_rows = list(csv.reader(fh))
        rows = [r + [""] * (len(csv_rows[0]) - len(r)) for r in rows]
        assert rows == csv_rows, sheet


def test_xlsx_cells_are_typed_in_iso_mode(both_en):
    out, _m = both_en
    wb = openpyxl.load_workbook(out / "declarations_2023.xlsx", read_only=True)
    row = next(wb["accounts"].iter_rows(min_row=2, values_only=True))
    assert isinstance(row[5], dt.datetime) and isinstance(row[6], float)
    row = next(wb["servants"].iter_rows(min_row=2, values_only=True))
    assert isinstance(row[2], dt.datetime) and row[6] is True
    row = next(wb["declarations"].iter_rows(min_row=2, values_only=True))
    assert row[2] == 2023
    import fastexcel

    df = fastexcel.read_excel(out / "declarations_2023.xlsx").load_sheet_by_name("incomes").to_polars()
    assert str(df.schema["amount"]) == "Float64"


def test_russian_formats(tmp_path):
    generate(tmp_path, servants=40, years=[2024], seed=3, form="csv", header_language="ru", russian_formats=True)
    folder = tmp_path / "declarations_2024"
    amounts = [r["Сумма, руб."] for r in read_csv(folder / "Доходы.csv")]
    amounts += [r["Остаток, руб."] for r in read_csv(folder / "Счета.csv")]
    assert all(re.fullmatch(r"\d{1,3}([ \u00a0]\d{3})*,\d{2}", a) for a in amounts), amounts[:5]
    assert any("\u00a0" in a for a in amounts) and any(" " in a for a in amounts)
    decl = read_csv(folder / "Справки.csv")
    assert all(re.fullmatch(r"\d\d\.\d\d\.\d{4}", d["Дата представления"]) for d in decl)
    assert {d["Чьи сведения"] for d in decl} <= {"служащий", "супруг(а)", "несовершеннолетний ребенок"}
    assert {r["Обязан представлять"] for r in read_csv(folder / "Служащие.csv")} <= {"да", "нет"}
    assert {r["Право"] for r in read_csv(folder / "Недвижимость.csv")} == {"в собственности", "в пользовании"}


# --------------------------------------------------------------------------------------
# families
# --------------------------------------------------------------------------------------

def test_patronymics_follow_fathers_given_names(both_en):
    out, _m = both_en
    t = read_year(out, 2024)
    servants = {s["person_id"]: s for s in t["servants"]}
    rels = defaultdict(list)
    for r in t["relatives"]:
        rels[r["person_id"]].append(r)
    checked = defaultdict(int)
    for pid, s in servants.items():
        _sur, given, patr = split_name(s["full_name"])
        male = is_male_patronymic(patr)
        by = {r["relation"]: r for r in rels[pid]}
        if "father" in by:
            fgiven = split_name(by["father"]["full_name"])[1]
            assert N.patronymic(fgiven, male) == patr, (s["full_name"], by["father"]["full_name"])
            checked["father"] += 1
        for r in rels[pid]:
            rs, rg, rp = split_name(r["full_name"])
            if r["relation"] in ("brother", "sister"):
                assert rp == N.patronymic(next(n for n, f in N.MALE_NAMES.items() if patr in f), r["relation"] == "brother")
                checked["sibling"] += 1
            if r["relation"] in ("son", "daughter"):
                dad = given if male else (split_name(by["spouse"]["full_name"])[1] if "spouse" in by else None)
                if dad:
                    assert rp == N.patronymic(dad, r["relation"] == "son"), (s["full_name"], r["full_name"])
                    checked["child"] += 1
            if r["relation"] == "spouse" and "spouse_father" in by:
                sf = split_name(by["spouse_father"]["full_name"])[1]
                assert rp == N.patronymic(sf, is_male_patronymic(rp))
                checked["spouse"] += 1
    assert min(checked.values()) >= 10, checked


def test_wives_keep_maiden_names(both_en):
    out, _m = both_en
    t = read_year(out, 2024)
    servants = {s["person_id"]: s for s in t["servants"]}
    by_pid = defaultdict(dict)
    for r in t["relatives"]:
        by_pid[r["person_id"]][r["relation"]] = r
    wives = with_former = 0
    for pid, rels in by_pid.items():
        w = rels.get("spouse")
        if not w or is_male_patronymic(split_name(w["full_name"])[2]):
            continue
        wives += 1
        wsur, wgiven, wpatr = split_name(w["full_name"])
        if not w["former_names"]:
            continue
        with_former += 1
        msur, mgiven, mpatr = split_name(w["former_names"].split("; ")[0])
        assert (mgiven, mpatr) == (wgiven, wpatr) and msur != wsur
        assert wsur == N.female_surname(split_name(servants[pid]["full_name"])[0])
        if "spouse_father" in rels:
            assert N.female_surname(split_name(rels["spouse_father"]["full_name"])[0]) == msur
    assert wives >= 15 and with_former >= 0.8 * wives
    # married sisters too
    sisters = [r for rels in by_pid.values() for r in rels.values() if r["relation"] == "sister" and r["former_names"]]
    assert sisters


def test_children_are_declared_while_minor(both_en):
    out, m = both_en
    planted = {(c["person_id"], c["year"]) for c in m.cases if c["code"] == "CHILD_NOT_MINOR" and c["expect"] == "flag"}
    seen_adult_child_rows = 0
    for y in YEARS:
        t = read_year(out, y)
        for d in t["declarations"]:
            if d["subject"] == "child":
                age = y - _d(d["subject_birth_date"]).year
                assert age < 18 or (d["person_id"], y) in planted
        seen_adult_child_rows += sum(1 for r in t["relatives"] if r["relation"] in ("son", "daughter")
                                     and y - _d(r["birth_date"]).year >= 18)
    assert seen_adult_child_rows > 0


def test_submission_dates_and_payroll(both_en):
    out, m = both_en
    late = {(c["person_id"], c["year"]) for c in m.cases if c["code"] in ("LATE_SUBMISSION", "LATE_CORRECTION")}
    months = defaultdict(int)
    for y in YEARS:
        t = read_year(out, y)
        for d in t["declarations"]:
            s = _d(d["submitted_on"])
            months[s.month] += 1
            if (d["person_id"], y) not in late:
                assert dt.date(y + 1, 1, 15) <= s <= dt.date(y + 1, 5, 30)
        assert len(t["payroll"]) == len(t["servants"])
    assert (months[3] + months[4]) > 0.75 * sum(months.values())


# --------------------------------------------------------------------------------------
# planted cases and the reference checker
# --------------------------------------------------------------------------------------

def test_committed_sample_manifest_has_every_code(committed):
    flags = committed.codes("flag")
    assert set(flags) == ALL_CODES
    negatives = {(c["code"], c.get("noise")) for c in committed.cases if c["expect"] == "no_flag"}
    for code in ("PROPERTY_DISAPPEARED", "PROPERTY_AREA_CHANGED", "ACCOUNT_UNDECLARED_BEFORE", "CHILD_NOT_MINOR",
                 "LATE_SUBMISSION", "LATE_CORRECTION", "MISSING_DECLARATION", "MISSING_FAMILY_DECLARATION",
                 "VEHICLE_DISAPPEARED", "INCOME_JUMP", "SERVANT_IS_OFFICER"):
        assert any(c == code for c, _n in negatives), code
    for noise in ("namesake_other_birth_date", "same_surname_other_patronymic", "share_5pct",
                  "until_before_procedure", "company_not_bidding"):
        assert any(n == noise for _c, n in negatives), noise
    aff_noise = {c["noise"] for c in committed.cases if c["code"] == "PROCUREMENT_AFFILIATION" and c["expect"] == "flag"}
    assert {"typo", "yo", "translit", "initials", "maiden_name", "gender_form"} <= aff_noise
    relations = {c["relation"] for c in committed.cases if c["code"] == "PROCUREMENT_AFFILIATION" and c["expect"] == "flag"}
    assert {"brother", "spouse", "father"} <= relations
    assert committed.years == YEARS and committed.servants == SAMPLE_ARGS["servants"]
    # the planted cases sit among the first servants
    assert max(int(c["person_id"][3:]) for c in committed.cases) <= 33


def test_committed_sample_files(committed):
    for rel in committed.files:
        assert (SAMPLE_DIR / rel).is_file(), rel
    total = sum(p.stat().st_size for p in SAMPLE_DIR.rglob("*") if p.is_file())
    assert total < 900_000
    wb = openpyxl.load_workbook(SAMPLE_DIR / "declarations_2021.xlsx", read_only=True)
    assert wb.sheetnames == SHEET_KEYS
    assert isinstance(next(wb["declarations"].iter_rows(min_row=2, values_only=True))[7], dt.datetime)
    wb = openpyxl.load_workbook(SAMPLE_DIR / "declarations_2022.xlsx", read_only=True)
    assert wb.sheetnames == [SHEETS[s][0] for s in SHEET_KEYS]
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", next(wb["Справки"].iter_rows(min_row=2, values_only=True))[7])
    assert (SAMPLE_DIR / "declarations_2023" / "declarations.csv").is_file()
    text = (SAMPLE_DIR / "declarations_2024" / "Счета.csv").read_text(encoding="utf-8")
    assert "\u00a0" in text and text.startswith("Номер справки,")
    ocds = json.loads((SAMPLE_DIR / "procurement_ocds.json").read_text(encoding="utf-8"))
    assert ocds["releases"]


def test_committed_sample_is_reproducible(tmp_path):
    make_sample(tmp_path / "s")
    ours = sorted(p.relative_to(tmp_path / "s") for p in (tmp_path / "s").rglob("*") if p.is_file())
    committed_files = sorted(p.relative_to(SAMPLE_DIR) for p in SAMPLE_DIR.rglob("*") if p.is_file())
    assert ours == committed_files
    for rel in ours:
        assert (tmp_path / "s" / rel).read_bytes() == (SAMPLE_DIR / rel).read_bytes(), \
            f"{rel} differs: run python -m sample_data.make_sample"


def test_sample_planted_cases_match_reference_checker(sample_csv, committed):
    out, m = sample_csv
    strip = [{k: v for k, v in c.items() if k != "declaration_id"} for c in m.cases]
    assert strip == [{k: v for k, v in c.items() if k != "declaration_id"} for c in committed.cases]
    assert_matches_manifest(out, m)


def test_background_raises_nothing(tmp_path):
    # clean writing for the literal reference reading (realistic writing: tests/test_realism.py, with `check`)
    m = generate(tmp_path, servants=1200, years=[2021, 2022, 2023], seed=11, form="csv", realism="clean")
    assert_matches_manifest(tmp_path, m)
    # the background really moves: sales, purchases, new accounts, corrections
    t = read_year(tmp_path, 2023)
    assert any(i["description"] == "продажа автомобиля" for i in t["incomes"])
    assert t["expenses"]
    assert any(d["kind"] == "corrected" for d in t["declarations"])
    assert any(a["opened_on"].startswith("2023") for a in t["accounts"])


def test_two_year_run_plants_what_fits(tmp_path):
    m = generate(tmp_path, servants=40, years=[2023, 2024], seed=2, form="csv", realism="clean")
    codes = set(m.codes("flag"))
    assert ALL_CODES <= codes
    assert_matches_manifest(tmp_path, m)


# --------------------------------------------------------------------------------------
# procurement
# --------------------------------------------------------------------------------------

def test_procurement_files_agree(both_en):
    out, m = both_en
    proc = read_csv(out / "procurement.csv")
    ocds = json.loads((out / "procurement_ocds.json").read_text(encoding="utf-8"))
    by_id = defaultdict(list)
    for r in proc:
        by_id[r["procedure_id"]].append(r)
        assert r["customer_inn"] == m.organisation_inn and r["customer"] == m.organisation
    assert len(ocds["releases"]) == len(by_id)
    for rel in ocds["releases"]:
        pid = rel["tender"]["id"]
        rows = by_id[pid]
        parties = {p["identifier"]["id"]: p for p in rel["parties"]}
        assert parties[m.organisation_inn]["roles"] == ["buyer", "procuringEntity"]
        assert all(p["identifier"]["scheme"] == "RU-INN" for p in rel["parties"])
        assert {t["id"] for t in rel["tender"]["tenderers"]} == {f"RU-INN-{r['participant_inn']}" for r in rows}
        winners = [r["participant_inn"] for r in rows if r["is_winner"] == "true"]
        assert [s["id"] for s in rel["awards"][0]["suppliers"]] == [f"RU-INN-{w}" for w in winners]
        assert "supplier" in parties[winners[0]]["roles"]
    commissions = read_csv(out / "commissions.csv")
    assert {c["procedure_id"] for c in commissions} == set(by_id)
    roster = {s["person_id"]: s["procurement_role"] for y in YEARS for s in read_year(out, y)["servants"]}
    for c in commissions:
        assert roster[c["person_id"]] == c["role"]


def test_planted_procurement_cases_are_consistent(both_en):
    out, m = both_en
    proc = read_csv(out / "procurement.csv")
    officers = read_csv(out / "officers.csv")
    commissions = {(c["procedure_id"], c["person_id"]) for c in read_csv(out / "commissions.csv")}
    roles = {s["person_id"]: s["procurement_role"] for s in read_year(out, YEARS[-1])["servants"]}
    for c in m.cases:
        if c["code"] not in PROCUREMENT_CODES:
            continue
        rows = [o for o in officers if o["company_inn"] == c["company_inn"]]
        assert rows, c
        if c.get("officer_name"):
            o = next(o for o in rows if o["person_name"] == c["officer_name"])
        if c.get("procedure_id"):
            bids = [r for r in proc if r["procedure_id"] == c["procedure_id"]]
            assert c["company_inn"] in {r["participant_inn"] for r in bids}
            date = _d(bids[0]["date"])
            assert date.year == c["year"]
            if roles[c["person_id"]] != "none":
                assert (c["procedure_id"], c["person_id"]) in commissions
            if c.get("officer_name"):
                active = _d(o["since"]) <= date and (not o["until"] or _d(o["until"]) >= date)
                assert active == (c.get("noise") != "until_before_procedure")
        elif c["code"] in ("PROCUREMENT_AFFILIATION", "STAKE_IN_SUPPLIER", "POSSIBLE_UNDECLARED_RELATIVE"):
            assert c.get("noise") == "company_not_bidding"
            assert c["company_inn"] not in {r["participant_inn"] for r in proc}


def test_register_strangers_are_nobodys_relatives(both_en):
    out, m = both_en
    planted = {c["company_inn"] for c in m.cases if c.get("company_inn")}
    stranger_forms = {N.surname_form(s, g) for s in N.SURNAMES_STRANGERS for g in (True, False)}
    n = 0
    for o in read_csv(out / "officers.csv"):
        if o["company_inn"] in planted:
            continue
        assert o["person_name"].split(" ")[0] in stranger_forms, o
        n += 1
    assert n > 50


# --------------------------------------------------------------------------------------
# name-matching benchmark and command line
# --------------------------------------------------------------------------------------

def test_match_benchmark(tmp_path):
    counts = generate_match_benchmark(tmp_path, persons=400, seed=3, officers_per_person=1.5)
    persons = read_csv(tmp_path / "persons.csv")
    officers = read_csv(tmp_path / "officers.csv")
    truth = read_csv(tmp_path / "truth.csv")
    assert len(officers) == len(truth) == sum(counts.values()) == 600
    ids = {(p["person_id"], p["relative_id"]) for p in persons}
    names = {p["person_id"] + "/" + p["relative_id"]: p for p in persons}
    kinds = {t["noise"] for t in truth}
    assert {"exact", "yo", "typo", "translit", "initials", "gender_form", "maiden_name", "word_order",
            "namesake_other_birth_date", "same_surname_other_patronymic", "initials_namesake", "common_surname",
            "unrelated"} <= kinds
    by_row = {o["row_id"]: o for o in officers}
    for t in truth:
        o = by_row[t["row_id"]]
        assert o["person_inn"] == ""
        if t["noise"] in ("namesake_other_birth_date", "same_surname_other_patronymic", "initials_namesake",
                          "common_surname", "unrelated"):
            assert t["person_id"] == ""
        else:
            assert (t["person_id"], t["relative_id"]) in ids
            p = names[t["person_id"] + "/" + t["relative_id"]]
            if t["noise"] == "exact":
                assert o["person_name"] == p["full_name"]
            if t["noise"] == "maiden_name":
                assert o["person_name"] in p["former_names"]
            if o["birth_date"]:
                assert o["birth_date"] == p["birth_date"]
            assert int(o["since"][:4]) >= int(p["birth_date"][:4]) + 18  # nobody runs a company as a child
        if t["noise"] == "namesake_other_birth_date":
            assert o["birth_date"]
    share = sum(1 for o in officers if o["birth_date"]) / len(officers)
    assert 0.6 < share < 0.85


def test_command_line(tmp_path, capsys):
    assert main(["--out", str(tmp_path / "g"), "--servants", "35", "--years", "2023", "2024", "--seed", "1",
                 "--form", "both", "--header-language", "en"]) == 0
    assert (tmp_path / "g" / "declarations_2024.xlsx").is_file()
    assert (tmp_path / "g" / "declarations_2023" / "servants.csv").is_file()
    assert json.loads((tmp_path / "g" / "manifest.json").read_text(encoding="utf-8"))["cases"]
    assert main(["--match-benchmark", "--out", str(tmp_path / "b"), "--persons", "50"]) == 0
    assert (tmp_path / "b" / "truth.csv").is_file()
