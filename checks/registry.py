"""The check rules run by `declarations check` (checks.md sections С, В, Д), in catalogue order.

Every module of `checks/rules/` is imported, so a rule decorated with `@rule("CODE")` is
registered wherever it is written; the order and everything but the finder come from
`checks/catalogue.py`. Adding a check: README, "Adding a check".

Severity of every code (generated from the catalogue by `make docs`; do not edit by hand):

[[[cog import checks.catalogue_docs as docs; cog.out(docs.severity_table())]]]
| code                         | family | severity | why |
|------------------------------|--------|----------|-----------------------------------------------------------------------------------------------------------------------------|
| MISSING_DECLARATION          | С      | high     | the duty to declare is not met at all |
| MISSING_FAMILY_DECLARATION   | С      | high     | a spouse's or minor child's справка is missing: the same duty |
| LATE_SUBMISSION              | С      | medium   | a breach, but the справка is there |
| LATE_CORRECTION              | С      | low      | a correction after the grace month: formal, the data is corrected |
| CHILD_NOT_MINOR              | С      | low      | usually a mislabelled справка (an adult child need not declare) |
| EXPENSE_EXCEEDS_3Y_INCOME    | В      | high     | the legal trigger of expense control (230-ФЗ) |
| PAYROLL_MISMATCH             | В      | medium   | the employer's own books disagree; often a timing or a typo |
| PROPERTY_DISAPPEARED         | Д      | high     | an asset vanished with no sale income: possible concealment |
| PROPERTY_APPEARED            | Д      | medium   | an object with no basis, or one the previous справка left out |
| PROPERTY_AREA_CHANGED        | Д      | low      | the same object by number with another area: mostly typos or re-measurement |
| PROPERTY_SHARE_CHANGED       | Д      | medium   | ownership changed without a declared deal |
| VEHICLE_DISAPPEARED          | Д      | high     | a vehicle vanished with no sale income: possible concealment |
| VEHICLE_APPEARED             | Д      | medium   | the previous справка left a vehicle out |
| ACCOUNT_OPEN_DATE_CHANGED    | Д      | low      | the same account by number with another date: a data-quality issue |
| ACCOUNT_UNDECLARED_BEFORE    | Д      | medium   | the previous справка left an account out |
| INCOME_JUMP                  | Д      | medium   | a reason to look, often explained (a sale, a bonus, a new job) |
| SAVINGS_EXCEED_INCOME        | Д      | medium   | savings grew beyond the income; transfers inside the family are common |
| PROCUREMENT_AFFILIATION      | З      | high     | a conflict of interest in the servant's own procurement (44-ФЗ art. 31); a match by name alone (a lead) is raised at medium |
| SERVANT_IS_OFFICER           | З      | high     | the ban on managing a commercial organisation (79-ФЗ art. 17, 25-ФЗ art. 14) |
| STAKE_IN_SUPPLIER            | З      | high     | a stake in a supplier of one's own organisation: a conflict of interest |
| POSSIBLE_UNDECLARED_RELATIVE | З      | low      | kinship inferred from names and ages only: a lead for a person to look at |
[[[end]]]
"""

from __future__ import annotations

import importlib
import pkgutil

import checks.rules
from checks import catalogue
from checks.rules import DEFINED, Rule

for _module in pkgutil.iter_modules(checks.rules.__path__):
    importlib.import_module(f"checks.rules.{_module.name}")

RULES: tuple[Rule, ...] = tuple(DEFINED[c.code] for c in catalogue.of_families(*catalogue.CHECK_FAMILIES)
                                if c.code in DEFINED)
BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
CODES: tuple[str, ...] = tuple(BY_CODE)


def rule_for(code: str) -> Rule | None:
    return BY_CODE.get(code)
