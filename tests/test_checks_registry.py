"""The catalogue and the registry: every code of checks.md (sections С, В, Д, З) has one catalogue entry,
every check code one rule and every rule an entry; Russian templates, working describers; every check
code has a test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks import catalogue
from checks.catalogue import CATALOGUE, FindingCode
from checks.matching import findings
from checks.registry import BY_CODE, RULES
from checks.rules import DEFINED, rule

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tests" / "fixtures" / "spec" / "checks.md"  # a copy of ../shared/spec (tests/test_fixtures.py)
SECTIONS = {"## Submission": "С", "## Internal consistency": "В", "## Year over year": "Д", "## Procurement": "З"}


def spec_codes() -> list[tuple[str, str]]:
    """(code, section letter) in the order of checks.md."""
    codes = []
    for part in re.split(r"\n(?=## )", SPEC.read_text(encoding="utf-8")):
        for heading, family in SECTIONS.items():
            if part.startswith(heading):
                codes += [(code, family) for code in re.findall(r"^\| `([A-Z0-9_]+)` \|", part, flags=re.M)]
    return codes


def test_the_catalogue_holds_exactly_the_codes_of_the_spec_in_its_order_and_sections():
    assert {family for _, family in spec_codes()} == {"С", "В", "Д", "З"}  # the spec's tables were read
    assert [(c.code, c.family) for c in CATALOGUE] == spec_codes()


def test_the_registry_holds_exactly_the_codes_of_sections_s_v_d():
    assert [r.code for r in RULES] == [code for code, family in spec_codes() if family in "СВД"]


def test_every_rule_has_an_entry_and_every_check_entry_a_rule():
    assert set(DEFINED) == {c.code for c in catalogue.of_families(*catalogue.CHECK_FAMILIES)}
    for r in RULES:
        assert r.entry is catalogue.entry(r.code) and BY_CODE[r.code] is r
        assert (r.severity, r.title, r.template, r.family) == (r.entry.severity, r.entry.title, r.entry.template,
                                                               r.entry.family)


def test_the_matching_findings_are_the_entries_of_section_z():
    assert findings.CODES == {code for code, family in spec_codes() if family == "З"}


def test_every_entry_speaks_russian_and_its_describer_resolves():
    for entry in CATALOGUE:
        assert re.search("[а-я]", entry.template) and re.search("[а-я]", entry.title), entry.code
        assert re.search("[а-я]", entry.description) and entry.reason and entry.finding, entry.code
        assert entry.severity in catalogue.SEVERITIES and entry.family in catalogue.FAMILIES
        if entry.describer is not None:
            assert callable(entry.describe), entry.describer
    assert all(r.describe is not None for r in RULES)  # every check has its evidence renderer


def test_the_message_comes_from_the_entry_template():
    entry = catalogue.entry("MISSING_FAMILY_DECLARATION")
    from checks.flags import Flag
    flag = Flag.of(entry, person_id="7", year=2023, identity="x", evidence={}, relation="супруг(а)",
                   name="Иванова Мария Петровна")
    assert flag.message == "Нет справки за 2023 год: супруг(а) Иванова Мария Петровна"
    assert flag.severity == "high" and flag.code == "MISSING_FAMILY_DECLARATION" and flag.year == 2023
    assert Flag.of(entry, person_id="7", year=2023, identity="x", evidence={}, severity="low", relation="",
                   name="").severity == "low"


def test_a_rule_for_a_code_outside_the_catalogue_or_twice_or_of_section_z_is_refused():
    with pytest.raises(KeyError, match="catalogue"):
        rule("NOT_A_CODE")
    with pytest.raises(ValueError, match="match"):
        rule("SERVANT_IS_OFFICER")
    with pytest.raises(ValueError, match="two rules"):
        rule("INCOME_JUMP")(lambda ctx, self: [])
    with pytest.raises(ValueError, match="severity"):
        FindingCode("X", "Д", "urgent", reason="", title="", template="", finding="", description="")


def test_every_code_has_a_test_that_names_it():
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_checks_*.py")
                    if p.name not in ("test_checks_registry.py", "test_checks_sample.py"))
    missing = [r.code for r in RULES if f'"{r.code}"' not in tests]
    assert missing == []
