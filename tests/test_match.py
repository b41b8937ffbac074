"""Procurement conflicts of interest: the four findings, each with its hard negatives."""

from __future__ import annotations

import json

import pytest

from checks.flags import read_flags, save_run
from checks.matching import run_match
from declarations.settings import load_settings
from tests.conftest import declaration, load, servant, write_csv_workbook
from tests.procurement_books import ORG, bid, inn10, officer, write_csv

A, B, C, D, E, F, G = (inn10(n) for n in (770000002, 770000003, 770000004, 770000005, 770000006, 770000007,
                                           770000008))


@pytest.fixture
def matched(store, tmp_path):
    workbook = write_csv_workbook(tmp_path / "wb", {
        "servants": [
            servant("1", full_name="Петров Иван Сергеевич", organisation=ORG, procurement_role="commission"),
            servant("2", full_name="Кузнецова Юлия Андреевна", organisation=ORG, birth_date="1979-11-02"),
            servant("3", full_name="Сидоров Павел Ильич", organisation=ORG, procurement_role="contract_manager"),
        ],
        "relatives": [
            {"person_id": "1", "relative_id": "r1", "relation": "brother", "full_name": "Петров Олег Сергеевич",
             "birth_date": "1985-03-04"},
            {"person_id": "1", "relative_id": "r2", "relation": "spouse", "full_name": "Петрова Анна Викторовна",
             "former_names": "Смирнова Анна Викторовна", "birth_date": "1984-07-15"},
            {"person_id": "3", "relative_id": "r3", "relation": "spouse_mother", "full_name": "Орлова Нина Петровна",
             "birth_date": "1950-01-01"},
        ],
        "declarations": [declaration("d1", "1", 2023), declaration("d2", "2", 2023), declaration("d3", "3", 2023)],
        "securities": [{"declaration_id": "d2", "issuer_name": "ООО «Компания»", "issuer_inn": A, "kind": "stake",
                        "share_pct": "30"}],
    })
    procurement = write_csv(tmp_path / "procurement.csv", [
        bid("p1", A, winner=True), bid("p1", B), bid("p1", C), bid("p2", D), bid("p2", F), bid("p2", G),
        bid("p9", E, customer="Другая администрация"),
    ])
    commissions = write_csv(tmp_path / "commissions.csv", [
        {"procedure_id": "p1", "person_id": "1", "role": "commission"},
        {"procedure_id": "p2", "person_id": "1", "role": "commission"},
        {"procedure_id": "p2", "person_id": "3", "role": "contract_manager"},
    ])
    officers = write_csv(tmp_path / "officers.csv", [
        # brother, Latin transliteration, same birth date: affiliation
        officer(A, "Petrov Oleg Sergeevich", "director", birth_date="1985-03-04"),
        # wife under her maiden name, initials only, same birth date, 25 %: affiliation
        officer(B, "Смирнова А.В.", "founder", share_pct="25", birth_date="1984-07-15"),
        # brother again as a founder with 5 %: not affiliation
        officer(C, "Петров Олег Сергеевич", "founder", share_pct="5"),
        # a namesake of the brother with another birth date: not him
        officer(D, "Петров Олег Сергеевич", "director", birth_date="1990-01-01"),
        # the brother was director of G, but left before the procedure
        officer(G, "Петров Олег Сергеевич", "director", until="2024-01-31"),
        # an undeclared sister (other gender form, same patronymic): possible relative
        officer(F, "Петрова Мария Сергеевна", "director"),
        # a spouse's mother is not a relative under the law: no affiliation for servant 3
        officer(F, "Орлова Нина Петровна", "board", birth_date="1950-01-01"),
        # servant 2 is an entrepreneur, ё-spelling and typo-free
        officer(E, "Кузнецова Юлия Андреевна", "entrepreneur", birth_date="1979-11-02"),
    ])
    load(store, workbook, procurement, commissions, officers)
    settings = load_settings(None)
    found, codes = run_match(store, settings)
    save_run(store, found, kind="match", codes=codes, settings=settings.match.as_dict())
    return read_flags(store)


def flags_of(frame, code: str) -> list[dict]:
    rows = frame.filter(frame["code"] == code).to_dicts()
    for row in rows:
        row["evidence"] = json.loads(row["evidence"])
    return rows


def test_procurement_affiliation_found_for_relatives_with_noise(matched):
    found = flags_of(matched, "PROCUREMENT_AFFILIATION")
    companies = sorted(f["evidence"]["company"]["inn"] for f in found)
    assert companies == sorted([A, B])
    brother = next(f for f in found if f["evidence"]["company"]["inn"] == A)
    assert brother["person_id"] == "1" and brother["severity"] == "high" and brother["year"] == 2024
    match = brother["evidence"]["match"]
    assert match["name_in_register"] == "Petrov Oleg Sergeevich"
    assert match["name_in_hr_records"] == "Петров Олег Сергеевич"
    assert {p["part"]: p["how"] for p in match["parts"]} == {
        "surname": "translit", "given": "translit", "patronymic": "translit"}
    assert match["birth_date"] == "equal"
    assert brother["evidence"]["procedure"]["id"] == "p1" and brother["evidence"]["procedure"]["is_winner"] is True
    assert "победитель" in brother["message"]


def test_maiden_name_and_initials_match_with_birth_date(matched):
    wife = next(f for f in flags_of(matched, "PROCUREMENT_AFFILIATION") if f["evidence"]["company"]["inn"] == B)
    assert wife["evidence"]["relative"]["matched_under"] == "former_name"
    assert wife["evidence"]["match"]["method"] == "name+birth_date"
    assert "под прежней фамилией" in wife["message"]
    assert {p["part"]: p["how"] for p in wife["evidence"]["match"]["parts"]}["given"] == "initials"


def test_hard_negatives_raise_nothing(matched):
    companies = {f["evidence"]["company"]["inn"] for f in flags_of(matched, "PROCUREMENT_AFFILIATION")}
    assert C not in companies  # founder with 5 %
    assert D not in companies  # namesake with another birth date
    assert G not in companies  # left before the procedure
    assert not [f for f in flags_of(matched, "PROCUREMENT_AFFILIATION") if f["person_id"] == "3"]  # in-law


def test_servant_is_officer(matched):
    found = flags_of(matched, "SERVANT_IS_OFFICER")
    assert [(f["person_id"], f["evidence"]["company"]["inn"]) for f in found] == [("2", E)]
    assert "индивидуальный предприниматель" in found[0]["message"]


def test_stake_in_supplier(matched):
    found = flags_of(matched, "STAKE_IN_SUPPLIER")
    assert [(f["person_id"], f["year"], f["evidence"]["supplier"]["inn"]) for f in found] == [("2", 2023, A)]
    assert found[0]["evidence"]["supplier"]["procedures"] == ["p1"]


def test_possible_undeclared_relative(matched):
    found = flags_of(matched, "POSSIBLE_UNDECLARED_RELATIVE")
    assert [(f["person_id"], f["evidence"]["company"]["inn"],
             [(c["name"], c["kinship"]) for c in f["evidence"]["candidates"]]) for f in found] == [
        ("1", F, [("Петрова Мария Сергеевна", "siblings")])]
    assert found[0]["severity"] == "low"


def test_declared_brother_is_not_a_possible_undeclared_relative(matched):
    names = {c["name"] for f in flags_of(matched, "POSSIBLE_UNDECLARED_RELATIVE") for c in f["evidence"]["candidates"]}
    assert "Petrov Oleg Sergeevich" not in names and "Петров Олег Сергеевич" not in names


def test_rerun_keeps_ids_and_statuses(store, matched):
    from checks.flags import review

    flag_id = matched.filter(matched["code"] == "SERVANT_IS_OFFICER")["flag_id"][0]
    review(store, flag_id, "explained", "ИП прекращено, выписка приложена")
    settings = load_settings(None)
    found, codes = run_match(store, settings)
    summary = save_run(store, found, kind="match", codes=codes, settings=settings.match.as_dict())
    again = read_flags(store)
    assert summary.new == 0 and summary.resolved == 0
    assert sorted(again["flag_id"]) == sorted(matched["flag_id"])
    assert again.filter(again["flag_id"] == flag_id)["status"][0] == "explained"


def test_initials_fitting_two_servants_are_a_lead_only_for_the_one_who_handled_the_procedure(store, tmp_path):
    """«Жуков В.А.» fits a commission member and a servant outside procurement: a medium flag for the first,
    saying how many people the name fits; no SERVANT_IS_OFFICER for either (a lead is not an identity).
    «Сидоров П.И.» fits one servant only: SERVANT_IS_OFFICER (`name_unique`)."""
    workbook = write_csv_workbook(tmp_path / "wb", {
        "servants": [
            servant("1", full_name="Жуков Виктор Александрович", organisation=ORG, procurement_role="commission"),
            servant("2", full_name="Жуков Василий Алексеевич", organisation=ORG),
            servant("3", full_name="Сидоров Павел Ильич", organisation=ORG),
        ],
        "declarations": [declaration("d1", "1", 2023), declaration("d2", "2", 2023), declaration("d3", "3", 2023)],
    })
    procurement = write_csv(tmp_path / "procurement.csv", [bid("p1", A), bid("p1", B)])
    commissions = write_csv(tmp_path / "commissions.csv", [{"procedure_id": "p1", "person_id": "1",
                                                            "role": "commission"}])
    officers = write_csv(tmp_path / "officers.csv", [officer(A, "Жуков В.А.", "director"),
                                                     officer(C, "Сидоров П.И.", "director")])
    load(store, workbook, procurement, commissions, officers)
    found, _codes = run_match(store, load_settings(None))
    assert [(f.code, f.person_id, f.severity) for f in found] == [("PROCUREMENT_AFFILIATION", "1", "medium"),
                                                                  ("SERVANT_IS_OFFICER", "3", "high")]
    assert (found[1].evidence["match"]["method"], found[1].evidence["match"]["fits"]) == ("name_unique", 1)
    match = found[0].evidence["match"]
    assert (match["method"], match["fits"], match["birth_date"]) == ("name_several", 2, "unknown")
    assert "подходит к 2 лицам из анкет, нужна проверка" in found[0].evidence["explanation"]


def test_a_servant_is_found_under_her_maiden_name_and_so_is_her_brother(store, tmp_path):
    """The анкета lists a servant's former names too: a company run under her maiden name is hers, and an
    officer with her maiden surname and her patronymic is possibly her undeclared brother."""
    workbook = write_csv_workbook(tmp_path / "wb", {
        "servants": [servant("1", full_name="Петрова Анна Викторовна", former_names="Смирнова Анна Викторовна",
                             birth_date="1984-07-15", organisation=ORG, procurement_role="commission")],
        "declarations": [declaration("d1", "1", 2023)],
    })
    procurement = write_csv(tmp_path / "procurement.csv", [bid("p1", A), bid("p1", B)])
    officers = write_csv(tmp_path / "officers.csv", [
        officer(A, "Смирнова Анна Викторовна", "director", birth_date="1984-07-15"),
        officer(B, "Смирнов Олег Викторович", "director"),
    ])
    load(store, workbook, procurement, officers)
    found, _codes = run_match(store, load_settings(None))
    by_code = {f.code: f for f in found}
    assert sorted(by_code) == ["POSSIBLE_UNDECLARED_RELATIVE", "PROCUREMENT_AFFILIATION", "SERVANT_IS_OFFICER"]
    assert "служащий (под прежней фамилией)" in by_code["PROCUREMENT_AFFILIATION"].message
    assert by_code["SERVANT_IS_OFFICER"].evidence["company"]["inn"] == A
    brother = by_code["POSSIBLE_UNDECLARED_RELATIVE"]
    candidate = brother.evidence["candidates"][0]
    assert (candidate["name"], candidate["compared_with"]["whose"]) == ("Смирнов Олег Викторович", "self_former")
    assert "по прежней фамилии служащего" in brother.message
