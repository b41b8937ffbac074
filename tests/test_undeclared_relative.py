"""POSSIBLE_UNDECLARED_RELATIVE: the age veto, the rarity score, one finding per servant and company,
the threshold, and how the HR workbook and the report show the ranking."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest

from checks.export import export_flags, render_evidence
from checks.flags import read_flags, save_run
from checks.matching import run_match
from checks.matching.relatives import AgeRules, AgeSpread, RegionSpread, inn_region, kin_density
from checks.names import CHILD_PARENT, PARENT_CHILD, SIBLINGS
from declarations.settings import Settings, load_settings, settings_from
from checks.evidence_render import evidence_view
from sample_data.ids import inn12_check
from tests.conftest import declaration, load, servant, write_csv_workbook
from tests.procurement_books import ORG, bid, inn10, officer, write_csv

CODE = "POSSIBLE_UNDECLARED_RELATIVE"
A, B, C = (inn10(n) for n in (780000001, 780000002, 780000003))


def settings(**match) -> Settings:
    return settings_from({"match": match})


def run(store, tmp_path, servants, officers, relatives=(), **match) -> list:
    """Load one organisation, its bidders A, B, C and their officers; the POSSIBLE_UNDECLARED_RELATIVE flags."""
    workbook = write_csv_workbook(tmp_path / "wb", {
        "servants": servants,
        **({"relatives": list(relatives)} if relatives else {}),
        "declarations": [declaration(f"d{s['person_id']}", s["person_id"], 2023) for s in servants],
    })
    procurement = write_csv(tmp_path / "procurement.csv", [bid("p1", A), bid("p1", B), bid("p2", C)])
    load(store, workbook, procurement, write_csv(tmp_path / "officers.csv", officers))
    found, _codes = run_match(store, settings(**match))
    return [f for f in found if f.code == CODE]


def names(flag) -> list[tuple[str, str]]:
    return [(c["name"], c["kinship"]) for c in flag.evidence["candidates"]]


# --------------------------------------------------------------------------- ages


def test_age_rules_follow_the_settings():
    rules = AgeRules.from_settings(load_settings(None).match)
    assert (rules.parent_min, rules.parent_max, rules.sibling_max) == (16.0, 60.0, 25.0)
    assert rules.fits(SIBLINGS, -25.0) and not rules.fits(SIBLINGS, 25.5)
    assert rules.fits(PARENT_CHILD, 16.0) and not rules.fits(PARENT_CHILD, 15.9) and not rules.fits(PARENT_CHILD, -30)
    assert rules.fits(CHILD_PARENT, -60.0) and not rules.fits(CHILD_PARENT, -61) and not rules.fits(CHILD_PARENT, 30)
    assert rules.fits(SIBLINGS, None) and rules.fits(CHILD_PARENT, None)  # unknown: nothing to veto


def test_an_age_difference_kin_often_have_weighs_for_kinship():
    births = [date(1950 + k % 50, 1 + k % 12, 1) for k in range(500)]  # officers born evenly 1950-1999
    spread = AgeSpread(births)
    anchor = date(1980, 6, 1)
    assert spread.chance_over_kin(SIBLINGS, anchor, 2.0) < 1 < spread.chance_over_kin(SIBLINGS, anchor, 20.0)
    assert spread.chance_over_kin(CHILD_PARENT, anchor, -30.0) < 1 < spread.chance_over_kin(CHILD_PARENT, anchor, -55)
    assert kin_density(SIBLINGS, 1) > kin_density(SIBLINGS, 10)


def test_kin_of_an_age_few_officers_have_weigh_less():
    """Officers born 1950-1999: a father of a servant born in 1962 would be born about 1932, an age
    hardly any officer has; a father of one born in 1985 about 1955, an age many have. A brother of
    either is of the officers' usual age. A known birth date is weighed at that date."""
    rules = AgeRules.from_settings(load_settings(None).match)
    spread = AgeSpread([date(1950 + k % 50, 1 + k % 12, 1) for k in range(500)])
    old, young = date(1962, 6, 1), date(1985, 6, 1)
    assert spread.officer_propensity(CHILD_PARENT, old, None, rules) < 0.3
    assert spread.officer_propensity(CHILD_PARENT, young, None, rules) > 0.8
    assert spread.officer_propensity(SIBLINGS, old, None, rules) == pytest.approx(1.0, abs=0.15)
    assert spread.officer_propensity(PARENT_CHILD, young, None, rules) < 0.5  # children born after 2001
    assert spread.officer_propensity(SIBLINGS, young, 3.0, rules) == pytest.approx(1.0, abs=0.15)
    assert spread.officer_propensity(CHILD_PARENT, old, -30.0, rules) < 0.3


def test_a_father_too_old_to_be_an_officer_scores_lower(store, tmp_path):
    """Two servants alike but for their age, each with a «father» of the right name and no birth date
    among officers born 1950-1999: the older servant's father would be about 90, so his lead is weaker."""
    background = [officer(C, f"Посторонний{k} Иван Иванович", "founder", share_pct="1",
                          birth_date=f"{1950 + k % 50}-06-01") for k in range(100)]
    found = run(store, tmp_path, [
        servant("1", full_name="Шкрабич Павел Андреевич", birth_date="1960-03-01", organisation=ORG),
        servant("2", full_name="Жарун Павел Андреевич", birth_date="1990-03-01", organisation=ORG),
    ], [
        officer(A, "Шкрабич Андрей Петрович", "director"),
        officer(B, "Жарун Андрей Петрович", "director"),
        *background,
    ], relative_min_score=0.0)
    score = {f.person_id: f.evidence["candidates"][0] for f in found}
    assert score["1"]["kinship"] == score["2"]["kinship"] == CHILD_PARENT
    assert score["1"]["chance"]["kin_age"] < 0.5 < score["2"]["chance"]["kin_age"]
    assert "встречаются в" in score["1"]["why"] and "реже, чем в среднем" in score["1"]["why"]


def test_a_shared_inn_region_weighs_only_where_officers_come_from_many_regions():
    assert inn_region("771234567890") == "77" and inn_region("7712345678") is None and inn_region(None) is None
    local = RegionSpread(["69"] * 90 + ["77"] * 10, same_kin=0.8)       # a municipality's bidders: mostly local
    scattered = RegionSpread([f"{10 + k % 80}" for k in range(100)], same_kin=0.8)  # a federal body's
    assert local.likelihood("69", "69")[0] < 1.0 < scattered.likelihood("69", "69")[0]
    assert scattered.likelihood("69", "69")[0] > 20 and scattered.likelihood("69", "50")[0] < 0.25
    assert "в одном регионе (69)" in scattered.likelihood("69", "69")[1]
    assert local.likelihood("69", None) == (1.0, "")
    assert RegionSpread(["69"], same_kin=0.0).likelihood("69", "69") == (1.0, "")  # the setting turns it off


def test_personal_inns_from_one_region_raise_a_lead_among_officers_from_many(store, tmp_path):
    """Officers from forty regions: a «brother» whose INN comes from the servant's region scores
    higher than the same name with an INN from elsewhere; with the weight off, both score alike."""
    background = [officer(C, f"Посторонний{k} Иван Иванович", "founder", share_pct="1",
                          person_inn=inn12_check(f"{10 + k % 40:02d}{k:08d}")) for k in range(80)]
    rows = dict(servants=[servant("1", full_name="Шкрабич Павел Андреевич", organisation=ORG,
                                  inn=inn12_check("6900000001"))],
                officers=[officer(A, "Шкрабич Олег Андреевич", "director", person_inn=inn12_check("6900000002")),
                          officer(B, "Шкрабич Иван Андреевич", "director", person_inn=inn12_check("5000000003")),
                          *background])
    found = run(store, tmp_path, **rows, relative_min_score=0.0)
    score = {f.evidence["company"]["inn"]: f.evidence["candidates"][0] for f in found}
    assert score[A]["chance"]["region"] > 1 > score[B]["chance"]["region"]
    assert score[A]["chance"]["odds_against"] < score[B]["chance"]["odds_against"]
    assert "ИНН выданы в одном регионе (69)" in score[A]["why"]
    off = run(store, tmp_path / "off", **rows, relative_min_score=0.0, relative_same_region_kin=0.0)
    assert {f.evidence["candidates"][0]["chance"]["region"] for f in off} == {1.0}


def test_kinship_the_birth_dates_rule_out_is_no_lead(store, tmp_path):
    """A «sister» 40 years younger, a «father» younger than the servant, a «son» older: none is a lead;
    the same names without a birth date in the register are (the age is not known to rule them out)."""
    found = run(store, tmp_path, [
        servant("1", full_name="Шкрабич Павел Андреевич", birth_date="1975-03-01", organisation=ORG),
    ], [
        officer(A, "Шкрабич Ольга Андреевна", "director", birth_date="2015-01-01"),   # sister? 40 years apart
        officer(A, "Шкрабич Андрей Петрович", "founder", share_pct="50", birth_date="1990-01-01"),  # father, younger
        officer(B, "Шкрабич Иван Павлович", "director", birth_date="1960-01-01"),     # son, older
        officer(C, "Шкрабич Ольга Андреевна", "director"),                            # no birth date
    ])
    assert [(f.evidence["company"]["inn"], names(f)) for f in found] == [
        (C, [("Шкрабич Ольга Андреевна", SIBLINGS)])]


def test_fitting_ages_make_leads_of_every_kinship(store, tmp_path):
    found = run(store, tmp_path, [
        servant("1", full_name="Шкрабич Павел Андреевич", birth_date="1975-03-01", organisation=ORG),
    ], [
        officer(A, "Шкрабич Ольга Андреевна", "director", birth_date="1978-01-01"),
        officer(A, "Шкрабич Андрей Петрович", "founder", share_pct="50", birth_date="1948-01-01"),
        officer(B, "Шкрабич Иван Павлович", "director", birth_date="2000-01-01"),
    ])
    by_company = {f.evidence["company"]["inn"]: sorted(names(f)) for f in found}
    assert by_company == {A: [("Шкрабич Андрей Петрович", CHILD_PARENT), ("Шкрабич Ольга Андреевна", SIBLINGS)],
                          B: [("Шкрабич Иван Павлович", PARENT_CHILD)]}
    sister = next(c for c in found[0].evidence["candidates"] if c["kinship"] == SIBLINGS)
    assert sister["age_difference"] == pytest.approx(2.8, abs=0.1)


# --------------------------------------------------------------------------- rarity, grouping, threshold


@pytest.fixture
def two_surnames(store, tmp_path):
    """A servant with a common surname and a rare maiden name; an officer of company A fits each, and
    one of company B fits the common one: two findings, the rare surname ranked first."""
    return run(store, tmp_path, [
        servant("1", full_name="Иванова Мария Петровна", former_names="Шкрабич Мария Петровна",
                birth_date="1980-05-01", organisation=ORG),
    ], [
        officer(A, "Иванов Олег Петрович", "director"),
        officer(A, "Шкрабич Олег Петрович", "founder", share_pct="40"),
        officer(B, "Иванов Сергей Петрович", "director"),
    ])


def test_one_finding_per_servant_and_company(two_surnames):
    assert sorted((f.person_id, f.evidence["company"]["inn"], len(f.evidence["candidates"]))
                  for f in two_surnames) == [("1", A, 2), ("1", B, 1)]
    assert len({f.flag_id for f in two_surnames}) == 2
    assert all(f.severity == "low" for f in two_surnames)


def test_a_rare_surname_ranks_above_a_common_one(two_surnames):
    finding = next(f for f in two_surnames if f.evidence["company"]["inn"] == A)
    ranked = finding.evidence["candidates"]
    assert [(c["rank"], c["name"]) for c in ranked] == [(1, "Шкрабич Олег Петрович"), (2, "Иванов Олег Петрович")]
    assert ranked[0]["kinship_score"] > ranked[1]["kinship_score"]
    assert ranked[0]["chance"]["surname"] < ranked[1]["chance"]["surname"] / 100  # Иванов: 1 in 340
    assert ranked[0]["compared_with"]["whose"] == "self_former"
    assert "брат или сестра" in finding.message and "2 лица" in finding.message
    assert "Шкрабич" not in finding.message  # names of possible relatives stay in the evidence


def test_the_threshold_drops_candidates_below_it(store, tmp_path):
    found = run(store, tmp_path, [
        servant("1", full_name="Иванова Мария Петровна", former_names="Шкрабич Мария Петровна",
                birth_date="1980-05-01", organisation=ORG),
    ], [
        officer(A, "Иванов Олег Петрович", "director"),
        officer(A, "Шкрабич Олег Петрович", "founder", share_pct="40"),
        officer(B, "Иванов Сергей Петрович", "director"),
    ], relative_min_score=0.9999)
    assert [(f.evidence["company"]["inn"], names(f)) for f in found] == [(A, [("Шкрабич Олег Петрович", SIBLINGS)])]
    assert found[0].evidence["min_score"] == 0.9999


def test_a_servant_carrying_the_spouses_surname_has_no_blood_kin_under_it(store, tmp_path):
    """Her brothers carry her maiden name; an officer with her husband's surname and her patronymic is
    no brother of hers. A declared father rules out any other «father»."""
    found = run(store, tmp_path, [
        servant("1", full_name="Кравец Мария Петровна", former_names="Шкрабич Мария Петровна",
                birth_date="1980-05-01", organisation=ORG),
    ], [
        officer(A, "Кравец Олег Петрович", "director"),
        officer(B, "Шкрабич Петр Иванович", "director"),
        officer(C, "Шкрабич Олег Петрович", "director"),
    ], relatives=[
        {"person_id": "1", "relative_id": "r1", "relation": "spouse", "full_name": "Кравец Игорь Олегович",
         "birth_date": "1978-01-01"},
        {"person_id": "1", "relative_id": "r2", "relation": "father", "full_name": "Шкрабич Петр Сергеевич",
         "birth_date": "1950-01-01"},
    ])
    assert [(f.evidence["company"]["inn"], names(f)) for f in found] == [(C, [("Шкрабич Олег Петрович", SIBLINGS)])]


# --------------------------------------------------------------------------- rendering


def test_the_hr_workbook_lists_the_candidates_ranked_with_why(store, tmp_path, two_surnames):
    settings_ = load_settings(None)
    save_run(store, two_surnames, kind="match", codes={CODE}, settings=settings_.match.as_dict())
    out = tmp_path / "flags.xlsx"
    export_flags(read_flags(store), "xlsx", out)
    sheet = openpyxl.load_workbook(out)[CODE]
    header = [c.value for c in sheet[1]]
    cells = [row[header.index("Сведения (обе справки)")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    text = next(c for c in cells if "Шкрабич" in c)
    lines = text.split("\n")
    assert lines[1].startswith("Возможные родственники, по убыванию оценки")
    assert lines[2].startswith("1. «Шкрабич Олег Петрович» — учредитель (40 %); брат или сестра")
    assert lines[3].startswith("2. «Иванов Олег Петрович» — руководитель; брат или сестра")
    assert "фамилия (в любой родовой форме) — у 1 из" in lines[2] and "оценка" in lines[2]
    best = [float(c.split("\n")[2].split("оценка ")[1].split(":")[0].replace(",", ".")) for c in cells]
    assert best == sorted(best, reverse=True)  # the sheet puts the likeliest kin first


def test_the_report_shows_the_ranking_without_names(two_surnames):
    finding = next(f for f in two_surnames if f.evidence["company"]["inn"] == A)
    text = evidence_view(CODE, json.loads(json.dumps(finding.evidence, default=str))).text()
    assert "Возможные родственники (по убыванию оценки)" in text
    assert "№: 1" in text and "№: 2" in text and text.index("№: 1") < text.index("№: 2")
    assert "вероятное родство: брат или сестра" in text and "оценка вероятности родства" in text
    assert "Шкрабич" not in text and "Иванов" not in text and "Мария" not in text


def test_old_findings_without_candidates_still_render(two_surnames):
    assert "Олег" in render_evidence(CODE, {"officer": {"name": "Шкрабич Олег Петрович"}, "kinship": "siblings"})


# --------------------------------------------------------------------------- a servant without a patronymic


@pytest.mark.parametrize("declared", [
    {"relation": "brother", "full_name": "Алиев Тимур Магомедович", "birth_date": "1982-01-01"},
    {"relation": "father", "full_name": "Алиев Магомед Ибрагимович", "birth_date": "1950-01-01"},
])
def test_a_declared_fathers_name_gives_leads_for_a_servant_without_a_patronymic(store, tmp_path, declared):
    """«Алиев Руслан» has no patronymic in the records, so names alone give no sister; his declared
    brother's patronymic (or his declared father's name) tells the father's name, and the officer
    «Алиева Залина Магомедовна» is a lead."""
    officers = [officer(A, "Алиева Залина Магомедовна", "director", birth_date="1984-01-01")]
    staff = [servant("1", full_name="Алиев Руслан", birth_date="1980-05-01", organisation=ORG)]
    assert run(store, tmp_path / "alone", staff, officers) == []
    found = run(store, tmp_path, staff, officers, relatives=[{"person_id": "1", "relative_id": "r1", **declared}])
    assert [(f.evidence["company"]["inn"], names(f)) for f in found] == [(A, [("Алиева Залина Магомедовна", SIBLINGS)])]
    candidate = found[0].evidence["candidates"][0]
    assert candidate["compared_with"] == {"name": "Алиев Руслан Магомедович", "whose": "self_declared_father"}
    assert "по имени отца из анкеты" in found[0].message
