"""The one list of the check rules run by `declarations check` (checks.md sections С, В, Д).

Adding a rule: write a function decorated with `checks.rules.rule` in its family module
(`checks/rules/submission.py`, `consistency.py`, `dynamics_*.py`), list it in `RULES` below,
add its line to the severity table and a test in `tests/test_checks_*.py`.

Severity (the table is checked against the rules by tests/test_checks_registry.py):

| code                       | family | severity | why |
|----------------------------|--------|----------|-----|
| MISSING_DECLARATION        | С      | high     | the duty to declare is not met at all |
| MISSING_FAMILY_DECLARATION | С      | high     | a spouse's or minor child's справка is missing: the same duty |
| LATE_SUBMISSION            | С      | medium   | a breach, but the справка is there |
| LATE_CORRECTION            | С      | low      | a correction after the grace month: formal, the data is corrected |
| CHILD_NOT_MINOR            | С      | low      | usually a mislabelled справка (an adult child need not declare) |
| EXPENSE_EXCEEDS_3Y_INCOME  | В      | high     | the legal trigger of expense control (230-ФЗ) |
| PAYROLL_MISMATCH           | В      | medium   | the employer's own books disagree; often a timing or a typo |
| PROPERTY_DISAPPEARED       | Д      | high     | an asset vanished with no sale income: possible concealment |
| PROPERTY_APPEARED          | Д      | medium   | an object with no basis, or one the previous справка left out |
| PROPERTY_AREA_CHANGED      | Д      | low      | the same object by number with another area: mostly typos or re-measurement |
| PROPERTY_SHARE_CHANGED     | Д      | medium   | ownership changed without a declared deal |
| VEHICLE_DISAPPEARED        | Д      | high     | a vehicle vanished with no sale income: possible concealment |
| VEHICLE_APPEARED           | Д      | medium   | the previous справка left a vehicle out |
| ACCOUNT_OPEN_DATE_CHANGED  | Д      | low      | the same account by number with another date: a data-quality issue |
| ACCOUNT_UNDECLARED_BEFORE  | Д      | medium   | the previous справка left an account out |
| INCOME_JUMP                | Д      | medium   | a reason to look, often explained (a sale, a bonus, a new job) |
| SAVINGS_EXCEED_INCOME      | Д      | medium   | savings grew beyond the income; transfers inside the family are common |
"""

from __future__ import annotations

from checks.rules import Rule
from checks.rules import consistency, dynamics_accounts, dynamics_income, dynamics_property, dynamics_vehicles, submission

RULES: tuple[Rule, ...] = (
    # С — сроки и полнота
    submission.missing_declaration,
    submission.missing_family_declaration,
    submission.late_submission,
    submission.late_correction,
    submission.child_not_minor,
    # В — внутри одной справки
    consistency.expense_exceeds_income,
    consistency.payroll_mismatch,
    # Д — динамика
    dynamics_property.property_disappeared,
    dynamics_property.property_appeared,
    dynamics_property.property_area_changed,
    dynamics_property.property_share_changed,
    dynamics_vehicles.vehicle_disappeared,
    dynamics_vehicles.vehicle_appeared,
    dynamics_accounts.account_open_date_changed,
    dynamics_accounts.account_undeclared_before,
    dynamics_income.income_jump,
    dynamics_accounts.savings_exceed_income,
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
CODES: tuple[str, ...] = tuple(BY_CODE)

if len(BY_CODE) != len(RULES):  # pragma: no cover - a programming error
    raise RuntimeError("two rules share a code")


def rule_for(code: str) -> Rule | None:
    return BY_CODE.get(code)
