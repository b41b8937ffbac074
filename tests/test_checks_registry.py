"""The registry: every code of checks.md sections С, В, Д is there once, with the severity its table says,
a Russian message template and a readable evidence renderer; and every code has a test."""

from __future__ import annotations

import re
from pathlib import Path

import checks.registry as registry
from checks.registry import BY_CODE, RULES

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tests" / "fixtures" / "spec" / "checks.md"  # a copy of ../shared/spec (tests/test_fixtures.py)
SECTIONS = ("## Submission", "## Internal consistency", "## Year over year")


def spec_codes() -> list[str]:
    text = SPEC.read_text(encoding="utf-8")
    codes = []
    for part in re.split(r"\n(?=## )", text):
        if part.startswith(SECTIONS):
            codes += re.findall(r"^\| `([A-Z0-9_]+)` \|", part, flags=re.M)
    return codes


def test_the_registry_holds_exactly_the_codes_of_sections_s_v_d():
    assert len(spec_codes()) == 17
    assert [r.code for r in RULES] == spec_codes()


def test_the_severity_table_matches_the_rules():
    table = dict(re.findall(r"^\| ([A-Z0-9_]+)\s+\| \S+\s+\| (high|medium|low)\s+\|", registry.__doc__, flags=re.M))
    assert table == {r.code: r.severity for r in RULES}


def test_every_rule_has_a_russian_template_a_family_and_a_renderer():
    for rule in RULES:
        assert re.search("[а-я]", rule.template), rule.code
        assert rule.family in ("С", "В", "Д")
        assert rule.describe is not None, rule.code
        assert BY_CODE[rule.code] is rule


def test_every_code_has_a_test_that_names_it():
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_checks_*.py")
                    if p.name not in ("test_checks_registry.py", "test_checks_sample.py"))
    missing = [r.code for r in RULES if f'"{r.code}"' not in tests]
    assert missing == []
