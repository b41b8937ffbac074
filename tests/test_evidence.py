"""Typed evidence (checks/evidence.py): every key a rule writes is declared for its code, and the
report shows only what is declared public — an undeclared or private key never reaches its bytes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from checks import catalogue
from checks.evidence import CHOICE, CHOICES, LIST, RECORD, ROWS, public_part
from checks.evidence_render import evidence_line, evidence_view
from checks.flags import Flag, save_run
from checks.matching import run_match
from checks.runner import run_checks
from declarations.load import load_paths
from declarations.settings import load_settings
from declarations.store import Store
from publish.report import write_report
from tests.conftest import SAMPLE, declaration, servant, write_csv_workbook
from tests.rich_data import load_rich

SPECS = {entry.code: entry.evidence_spec for entry in catalogue.CATALOGUE}


def _paths(value, prefix: str = "") -> set[str]:
    """`previous.row.area`, `candidates[].name`: every key path of an evidence dict."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}{key}"
            found.add(path)
            found |= _paths(item, path + ".")
    elif isinstance(value, list):
        for item in value:
            found |= _paths(item, prefix[:-1] + "[]." if prefix else "[].")
    return found


def _all_flags(store: Store) -> list[Flag]:
    settings = load_settings()
    checked, _ = run_checks(store, settings)
    matched, _ = run_match(store, settings)
    return checked + matched


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, set[str]]:
    """The evidence key paths per code the rules write on the bundled sample and on the rich data."""
    flags: list[Flag] = []
    if (SAMPLE / "manifest.json").exists():
        with Store(tmp_path_factory.mktemp("sample") / "sample.duckdb") as store:
            list(load_paths(store, [SAMPLE]))
            flags += _all_flags(store)
    tmp = tmp_path_factory.mktemp("rich")
    with Store(tmp / "rich.duckdb") as store:
        load_rich(store, tmp, years=(2022, 2023))
        flags += _all_flags(store)
    paths: dict[str, set[str]] = {}
    for flag in flags:
        # as stored: through JSON, the way the report and the workbook read it
        paths.setdefault(flag.code, set()).update(_paths(json.loads(json.dumps(flag.evidence, default=str))))
    return paths


def test_every_code_of_the_catalogue_has_an_evidence_spec():
    assert [entry.code for entry in catalogue.CATALOGUE if not entry.evidence] == []


def test_every_key_a_rule_writes_is_declared_for_its_code(written):
    assert set(written) >= {"PROPERTY_DISAPPEARED", "INCOME_JUMP", "PROCUREMENT_AFFILIATION",
                            "POSSIBLE_UNDECLARED_RELATIVE"}  # the data does reach the rules
    undeclared = {code: sorted(paths - {path for path, _ in SPECS[code].paths()})
                  for code, paths in written.items()}
    assert {code: keys for code, keys in undeclared.items() if keys} == {}


def test_a_field_with_choices_is_shown_by_its_labels():
    for spec in SPECS.values():
        for path, field in spec.paths():
            if field.key in CHOICES and field.public:
                assert CHOICE in (field.format, field.item), f"{spec.code}: {path}"
            if field.format in (RECORD, ROWS):
                assert field.fields, f"{spec.code}: {path} has no fields"
            assert field.format != LIST or not field.fields


def test_people_identifiers_are_declared_private_everywhere():
    private_keys = {"full_name", "subject_name", "relative_id", "address", "cadastral_number", "account_number",
                    "registration", "birth_date", "name_in_hr_records", "name_in_register", "explanation", "servant",
                    "source_row", "subject_key", "person_id"}
    for spec in SPECS.values():
        for path, field in spec.paths():
            if field.key in private_keys and field.format not in ("comparison",):
                assert not field.public, f"{spec.code}: {path} is a person's identifier"
            if field.key == "name" and not path.startswith(("company.", "supplier.")):
                assert not field.public, f"{spec.code}: {path} is a person's name"


def test_public_part_is_an_allow_list():
    evidence = {"subject": "spouse", "subject_name": "Иванова", "new_key": "x",
                "previous": {"declaration_id": "D1", "row": {"area": 50.0, "address": "ул. Ленина", "owner": "y"}},
                "sale_incomes": [{"amount": 1.0, "buyer_name": "z"}]}
    kept = public_part(SPECS["PROPERTY_DISAPPEARED"].root, evidence)
    assert kept == {"subject": "spouse", "previous": {"declaration_id": "D1", "row": {"area": 50.0}},
                    "sale_incomes": [{"amount": 1.0}]}


def test_a_code_without_a_spec_shows_nothing_in_the_report():
    assert evidence_view("NEW_CODE", {"reason_text": "Петров Петр Петрович"}).text() == ""


def test_the_hr_line_labels_every_field_in_russian():
    line = evidence_line("STAKE_IN_SUPPLIER", {
        "declaration": {"declaration_id": "D1", "year": 2024, "subject": "self"},
        "security": {"issuer_name": "АО Верес", "kind": "shares", "share_pct": 0.8, "amount": 120000},
        "supplier": {"inn": "6913863939", "procedures": ["0169"], "won_any": False}})
    assert line == ("справка: (справка: D1; год: 2024; чьи сведения: служащий); ценные бумаги: (организация: АО Верес; "
                    "вид: акции; доля: 0,8 %; сумма: 120 000,00 руб.); участник закупок: (ИНН: 6913863939; "
                    "закупки: [0169]; побеждал в закупках: нет)")


# --------------------------------------------------------------------------- the report's bytes

PLANTED = {
    "undeclared top": "ТАЙНА-ВЕРХ-0001",
    "undeclared nested": "ТАЙНА-СТРОКА-0002",
    "undeclared in a list": "ТАЙНА-СПИСОК-0003",
    "private address": "ТАЙНА-АДРЕС-0004",
    "private relative name": "ТАЙНА-ФИО-0005",
    "private cadastral": "77:01:0004042:9999",
}


def _report_bytes(tmp_path: Path) -> tuple[str, str]:
    store_path = tmp_path / "planted.duckdb"
    with Store(store_path) as store:
        list(load_paths(store, [write_csv_workbook(tmp_path / "wb", {
            "servants": [servant("1", year=2023)],
            "declarations": [declaration("D1", "1", 2023)],
        })]))
        evidence = {
            "subject": "spouse", "subject_key": "spouse", "subject_name": PLANTED["private relative name"],
            "asset": "real_estate", "passport_of_relative": PLANTED["undeclared top"],
            "previous": {"declaration_id": "D0", "year": 2022, "kind": "original",
                         "row": {"object_type": "flat", "area": 64.7, "basis": "договор ОТКРЫТО-0006",
                                 "address": PLANTED["private address"],
                                 "cadastral_number": PLANTED["private cadastral"],
                                 "owner_phone": PLANTED["undeclared nested"]}},
            "current": {"declaration_id": "D1", "year": 2023, "kind": "original", "row": None},
            "sale_incomes": [{"year": 2023, "income_type": "other", "amount": 10.0,
                              "buyer": PLANTED["undeclared in a list"]}],
            "matched_by": "none", "match_label": "не сопоставлено", "years_without_declaration": [],
        }
        flag = Flag(code="PROPERTY_DISAPPEARED", person_id="1", year=2023, severity="high",
                    message="Служащий: квартира из справки за 2022 год отсутствует", evidence=evidence,
                    identity="planted")
        save_run(store, [flag], kind="check", codes={"PROPERTY_DISAPPEARED"}, settings=load_settings().checks.as_dict())
        xlsx, html = write_report(store, 2023, tmp_path / "report", load_settings())
    with zipfile.ZipFile(xlsx) as archive:
        workbook = "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return html.read_text(encoding="utf-8"), workbook


def test_undeclared_and_private_evidence_never_reaches_the_report(tmp_path):
    html, workbook = _report_bytes(tmp_path)
    for what, value in PLANTED.items():
        assert value not in html, f"{what} in the report's html"
        assert value not in workbook, f"{what} in the report's workbook"
    # the flag's public evidence is there: the filter is not simply dropping everything
    assert "ОТКРЫТО-0006" in html and "ОТКРЫТО-0006" in workbook
