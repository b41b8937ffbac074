"""The one catalogue of finding codes (shared/spec/checks.md, sections С, В, Д and З).

Everything else about a code is derived from its entry here: the check registry
(`checks/registry.py` orders the rules by it), the З flag builders
(`checks/matching/findings.py`, `relatives.py`), `checks.flags` severities and statuses,
the `flag_codes` and `flag_labels` tables the analyst views join (`checks/flag_codes.py`),
the HR workbook's and the report's Russian labels, what its evidence holds (`evidence=`: every
key with its label, format and public/private mark), and the generated tables of README.md,
docs/analysts.md and `checks/registry.py` (`make docs`; tests/test_catalogue_docs.py
fails when one is stale). A rule module only says which code it implements
(`@rule("INCOME_JUMP")`) and how it finds the rows.

Plain data on purpose: this module imports only the field kinds of checks/evidence.py (which
import the core's labels alone), so the docs generator, the layers below and the tests can read
it without DuckDB. A describer (the function that renders a flag's evidence as a Russian
sentence) is named as "module:function" and imported on first use: the rule modules that define
them import this catalogue themselves.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from checks.evidence import (ACCOUNT_ROW, CHOICE, COMPANY, DATE, INCOME_ROW, LIST, MONEY, NUMBER, OFFICER, PAIR,
                             PERCENT, PERSON_MATCH, RATIO, SALE_ROW, SCORE, SERVANT, SOURCE_ROW, YES_NO, EvidenceSpec,
                             Field, asset_pair, declaration, f, gone, private, record, rows, side)

# Russian labels, once. The families are the sections of checks.md.
FAMILIES: dict[str, str] = {
    "С": "Сроки и полнота представления",
    "В": "Согласованность сведений справки",
    "Д": "Динамика по годам",
    "З": "Закупки и конфликт интересов",
}
SEVERITIES: dict[str, str] = {"high": "высокая", "medium": "средняя", "low": "низкая"}
STATUSES: dict[str, str] = {
    "new": "новый",
    "explained": "даны пояснения",
    "dismissed": "отклонен",
    "escalated": "назначена проверка",
}
CHECK_FAMILIES = ("С", "В", "Д")  # raised by `declarations check` (checks/rules); З by `declarations match`


@dataclass(frozen=True)
class FindingCode:
    """One code of checks.md: what it means, how grave it is and why, and how it speaks Russian."""

    code: str
    family: str        # С, В, Д or З (the checks.md section)
    severity: str      # high, medium or low: the default of its flags
    reason: str        # why that severity (English, for the docs and `flag_codes.reason`)
    title: str         # short Russian name (the HR workbook's «Проверка», the docs)
    template: str      # the one-line Russian message, `str.format` fields
    finding: str       # what raises it (English, for analysts)
    description: str   # what it means, in Russian (the report's list of codes)
    describer: str | None = None  # "module:function" rendering the evidence as a Russian sentence
    # every key the rule writes into `flags.evidence`: label, format, public (the report may show it) or private
    evidence: tuple[Field, ...] = ()

    def __post_init__(self) -> None:
        if self.family not in FAMILIES:
            raise ValueError(f"{self.code}: family {self.family!r} not in {tuple(FAMILIES)}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.code}: severity {self.severity!r} not in {tuple(SEVERITIES)}")

    @property
    def family_ru(self) -> str:
        return FAMILIES[self.family]

    @property
    def severity_ru(self) -> str:
        return SEVERITIES[self.severity]

    def message(self, **values: Any) -> str:
        return self.template.format(**values)

    @property
    def evidence_spec(self) -> EvidenceSpec:
        """The evidence as one tree of fields (what the renderer and the report's allow-list walk)."""
        return EvidenceSpec(self.code, self.evidence)

    @property
    def describe(self) -> Callable[[dict[str, Any]], str] | None:
        return None if self.describer is None else _resolve(self.describer)


@cache
def _resolve(path: str) -> Callable[[dict[str, Any]], str]:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


_PAIR = "checks.evidence_render:describe_pair"

CATALOGUE: tuple[FindingCode, ...] = (
    # ------------------------------------------------------------------ С — сроки и полнота
    FindingCode(
        "MISSING_DECLARATION", "С", "high",
        reason="the duty to declare is not met at all",
        title="Нет справки служащего",
        template="Нет справки о своих доходах за {year} год (должность в перечне: {position})",
        finding="a servant of the year's roster with `must_declare` has no справка about self",
        description="Служащий, обязанный представлять сведения, не представил справку о себе за год",
        describer="checks.rules.submission:_describe_missing",
        evidence=(
            SERVANT, f("year", NUMBER), declaration("declarations_of_year", many=True))),
    FindingCode(
        "MISSING_FAMILY_DECLARATION", "С", "high",
        reason="a spouse's or minor child's справка is missing: the same duty",
        title="Нет справки супруга или ребенка",
        template="Нет справки за {year} год: {relation} {name}",
        finding="a spouse, or a son/daughter/adopted child under 18 on 31 December, in that year's `relatives`, "
                "has no справка (by `relative_id`)",
        description="Нет справки супруга (супруги) или несовершеннолетнего ребенка, указанного в анкете",
        describer="checks.rules.submission:_describe_missing_family",
        evidence=(
            SERVANT, f("year", NUMBER),
            record("relative", private("relative_id", label="Код родственника"), f("relation", CHOICE),
                   private("full_name", label="ФИО"), private("birth_date", DATE), f("age_on_31_december", NUMBER)),
            declaration("declarations_of_year", many=True))),
    FindingCode(
        "LATE_SUBMISSION", "С", "medium",
        reason="a breach, but the справка is there",
        title="Справки представлены позже срока",
        template="Справки за {year} год представлены позже срока {deadline}: {late}",
        finding="an original справка submitted after the filing deadline (30 April by default; the deadline day "
                "itself is in time)",
        description="Справка представлена после срока представления (по умолчанию 30 апреля следующего года)",
        describer="checks.rules.submission:_describe_late_group",
        evidence=(
            SERVANT, f("year", NUMBER), f("deadline", DATE), f("days_late", NUMBER),
            declaration("declarations", f("days_late", NUMBER), many=True))),
    FindingCode(
        "LATE_CORRECTION", "С", "low",
        reason="a correction after the grace month: formal, the data is corrected",
        title="Уточненная справка позже срока",
        template=("{subject}: уточненная справка за {year} год представлена {submitted} — позже {limit} "
                  "(срок {deadline} + {grace} мес.)"),
        finding="a corrected справка submitted more than `correction_grace_months` (1) after the deadline",
        description="Уточненная справка представлена позднее одного месяца после срока представления",
        describer="checks.rules.submission:_describe_late",
        evidence=(
            SERVANT, declaration("declaration"), f("deadline", DATE), f("days_late", NUMBER),
            f("correction_deadline", DATE), f("grace_months", NUMBER))),
    FindingCode(
        "CHILD_NOT_MINOR", "С", "low",
        reason="usually a mislabelled справка (an adult child need not declare)",
        title="Справка на совершеннолетнего «ребенка»",
        template=("Справка за {year} год как на несовершеннолетнего ребенка: {name}, на 31.12.{year} "
                  "исполнилось {age} лет"),
        finding="a `child` справка for someone 18 or older on 31 December (birth date from the справка, else from "
                "`relatives`)",
        description="Справка «несовершеннолетнего ребенка» на лицо, которому на 31 декабря отчетного года "
                    "исполнилось 18 лет",
        describer="checks.rules.submission:_describe_child",
        evidence=(
            SERVANT, declaration("declaration"), private("name", label="ФИО"), private("birth_date", DATE),
            f("birth_date_from", CHOICE), f("age_on_31_december", NUMBER), f("adult_age", NUMBER))),
    # ------------------------------------------------------------------ В — внутри одной справки
    FindingCode(
        "EXPENSE_EXCEEDS_3Y_INCOME", "В", "high",
        reason="the legal trigger of expense control (230-ФЗ)",
        title="Расход больше дохода за три года",
        template=("{subject}: сделка {deal} на {amount} больше общего дохода служащего и супруга(и) за {years}: "
                  "{income}{missing}"),
        finding="an expense above the servant's and spouse's income of the three years before the deal; missing "
                "years are named",
        description="Расход превышает общий доход служащего и супруга (супруги) за три года, предшествующих "
                    "сделке (контроль за расходами, 230-ФЗ)",
        describer="checks.rules.consistency:_describe_expense",
        evidence=(
            SERVANT, f("subject", CHOICE), private("subject_key"), f("declaration_id"), f("year", NUMBER),
            record("expense", f("asset_kind", CHOICE), f("description"), f("amount", MONEY), f("deal_date", DATE),
                   f("funds_source"), SOURCE_ROW),
            f("deal_year", NUMBER),
            rows("income_years", f("year", NUMBER), f("declared", YES_NO), f("self_income", MONEY),
                 f("spouse_income", MONEY), f("declaration_ids", LIST)),
            f("income_total", MONEY), f("missing_years", LIST, item=NUMBER))),
    FindingCode(
        "PAYROLL_MISMATCH", "В", "medium",
        reason="the employer's own books disagree; often a timing or a typo",
        title="Доход не совпадает с начислениями",
        template=("Доход по основному месту работы за {year} год в справке {declared}, по данным бухгалтерии "
                  "{payroll}: в справке {direction} на {difference}"),
        finding="main-job income differs from `payroll` by more than 1 % **and** 1 000 руб.",
        description="Доход по основному месту работы расходится с данными бухгалтерии более чем на 1 % "
                    "и на 1 000 руб.",
        describer="checks.rules.consistency:_describe_payroll",
        evidence=(
            SERVANT, f("year", NUMBER), f("declaration_id"), f("declared_main_job", MONEY),
            rows("main_job_incomes", *INCOME_ROW), f("payroll", MONEY),
            private("payroll_source_rows", LIST, item=NUMBER, label="Строки файла бухгалтерии"),
            f("difference", MONEY), f("difference_pct", PERCENT),
            record("tolerance", f("pct", PERCENT), f("rub", MONEY)))),
    # ------------------------------------------------------------------ Д — динамика
    FindingCode(
        "PROPERTY_DISAPPEARED", "Д", "high",
        reason="an asset vanished with no sale income: possible concealment",
        title="Недвижимость исчезла без продажи",
        template=("{subject}: {object} из справки за {prev_year} год нет в справке за {year} год, "
                  "{sale_note}{gap}"),
        finding="an owned object of the previous справка is gone, and no sale income is declared in the family",
        description="Объект недвижимости из предыдущей справки отсутствует, доход от его продажи не указан",
        describer=_PAIR,
        evidence=(SERVANT, *gone("real_estate"))),
    FindingCode(
        "PROPERTY_APPEARED", "Д", "medium",
        reason="an object with no basis, or one the previous справка left out",
        title="Новая недвижимость без основания или пропущенная",
        template="{subject}: в справке за {year} год новое имущество — {object}: {reason}{gap}",
        finding="a new owned object acquired before the end of the previous справка's year, or with neither an "
                "acquisition date in the period nor a basis",
        description="Новый объект недвижимости без даты или основания приобретения в отчетном году либо "
                    "приобретенный ранее, но не указанный в предыдущей справке",
        describer=_PAIR,
        evidence=(
            SERVANT, *asset_pair("real_estate", f("reason", CHOICE), f("reason_text")))),
    FindingCode(
        "PROPERTY_AREA_CHANGED", "Д", "low",
        reason="the same object by number with another area: mostly typos or re-measurement",
        title="Изменилась площадь объекта",
        template=("{subject}: площадь объекта {cadastral} — {before} в справке за {prev_year} год, "
                  "{after} в справке за {year} год"),
        finding="the same object by cadastral number with an area more than 1 % different",
        description="Площадь того же объекта (по кадастровому номеру) изменилась более чем на 1 %",
        describer=_PAIR,
        evidence=(
            SERVANT, *asset_pair("real_estate", f("area_change_pct", PERCENT), f("tolerance_pct", PERCENT)))),
    FindingCode(
        "PROPERTY_SHARE_CHANGED", "Д", "medium",
        reason="ownership changed without a declared deal",
        title="Изменилась доля без сделки",
        template=("{subject}: {object} — доля {before} в справке за {prev_year} год, {after} в справке "
                  "за {year} год, сделки не указано{gap}"),
        finding="the same object with another share and no deal (acquisition date in the period, real-estate "
                "expense, or sale income)",
        description="Доля в том же объекте изменилась без указанной сделки",
        describer=_PAIR,
        evidence=(
            SERVANT, *asset_pair("real_estate", f("share_before"), f("share_after"), rows("deals", f("what")),
                                 rows("sale_incomes", *SALE_ROW)))),
    FindingCode(
        "VEHICLE_DISAPPEARED", "Д", "high",
        reason="a vehicle vanished with no sale income: possible concealment",
        title="Транспорт исчез без продажи",
        template=("{subject}: {object} из справки за {prev_year} год нет в справке за {year} год, "
                  "{sale_note}{gap}"),
        finding="a vehicle of the previous справка is gone and no sale income is declared in the family",
        description="Транспортное средство из предыдущей справки отсутствует, доход от его продажи не указан",
        describer=_PAIR,
        evidence=(SERVANT, *gone("vehicle"))),
    FindingCode(
        "VEHICLE_APPEARED", "Д", "medium",
        reason="the previous справка left a vehicle out",
        title="Транспорт не указан в прошлой справке",
        template=("{subject}: транспортное средство {object}, приобретенное {acquired}, впервые указано в справке "
                  "за {year} год, в справке за {prev_year} год его нет{gap}"),
        finding="a vehicle acquired before the end of the previous справка's year that it left out",
        description="Транспортное средство, приобретенное до конца периода предыдущей справки, в ней не указано",
        describer=_PAIR,
        evidence=(SERVANT, *asset_pair("vehicle", f("reason_text")))),
    FindingCode(
        "ACCOUNT_OPEN_DATE_CHANGED", "Д", "low",
        reason="the same account by number with another date: a data-quality issue",
        title="Изменилась дата открытия счета",
        template=("{subject}: счет {account} — дата открытия {before} в справке за {prev_year} год, "
                  "{after} в справке за {year} год"),
        finding="the same account by number with another opening date",
        description="У того же счета (по номеру) указана другая дата открытия",
        describer=_PAIR,
        evidence=(SERVANT, *asset_pair("account"))),
    FindingCode(
        "ACCOUNT_UNDECLARED_BEFORE", "Д", "medium",
        reason="the previous справка left an account out",
        title="Счет не указан в прошлой справке",
        template=("{subject}: счет {account} открыт {opened}, но в справке за {prev_year} год не указан "
                  "(впервые в справке за {year} год){gap}"),
        finding="an account opened before the end of the previous справка's year that it left out",
        description="Счет, открытый до конца периода предыдущей справки, в ней не указан",
        describer=_PAIR,
        evidence=(SERVANT, *asset_pair("account", f("reason_text")))),
    FindingCode(
        "INCOME_JUMP", "Д", "medium",
        reason="a reason to look, often explained (a sale, a bonus, a new job)",
        title="Резкое изменение дохода",
        template=("{subject}: доход {direction} {ratio} — {before} в справке за {prev_year} год, {after} за {year} год"
                  "{gap}"),
        finding="a subject's total income changed more than ×2 (up or down) **and** by more than 1 000 000 руб.",
        description="Общий доход лица изменился более чем в 2 раза и более чем на 1 000 000 руб. по сравнению "
                    "с предыдущей справкой",
        describer="checks.rules.dynamics_income:_describe_jump",
        evidence=(
            SERVANT, *PAIR,
            side("previous", f("income_total", MONEY), rows("incomes", *INCOME_ROW)),
            side("current", f("income_total", MONEY), rows("incomes", *INCOME_ROW)),
            f("change", MONEY), f("ratio", RATIO), record("thresholds", f("ratio", RATIO), f("rub", MONEY)))),
    FindingCode(
        "SAVINGS_EXCEED_INCOME", "Д", "medium",
        reason="savings grew beyond the income; transfers inside the family are common",
        title="Рост остатков на счетах больше дохода",
        template=("{subject}: остатки на счетах выросли на {growth} ({before} → {after}), а доход за {year} год "
                  "{income}{gap}"),
        finding="account balances grew by more than the subject's income of the year",
        description="Остатки на счетах выросли больше, чем общий доход лица за год",
        describer="checks.rules.dynamics_accounts:_describe_savings",
        evidence=(
            SERVANT, *PAIR,
            side("previous", f("balance_total", MONEY), rows("accounts", *ACCOUNT_ROW)),
            side("current", f("balance_total", MONEY), f("income_total", MONEY), rows("accounts", *ACCOUNT_ROW)),
            f("growth", MONEY))),
    # ------------------------------------------------------------------ З — закупки (declarations match)
    FindingCode(
        "PROCUREMENT_AFFILIATION", "З", "high",
        reason="a conflict of interest in the servant's own procurement (44-ФЗ art. 31); a match by name alone "
               "(a lead) is raised at medium",
        title="Связь с участником закупки",
        template=("{servant}, {handled_as}: {who}{former} — {role} участника закупки {procedure} "
                  "«{participant}»{winner}"),
        finding="the servant or a relative is the participant of a procedure of their own organisation, its "
                "director, a board member or a founder with more than 10 %; `medium` when only the name matches "
                "(a lead)",
        description="Служащий или его родственник — участник закупки своей организации, его руководитель, член "
                    "органа управления или учредитель с долей более 10 %",
        evidence=(
            SERVANT,
            record("relative", private("relative_id", label="Код родственника"), f("relation", CHOICE),
                   private("name", label="ФИО"), f("matched_under", CHOICE), private("birth_date", DATE)),
            record("officer", *OFFICER, private("birth_date", DATE), f("source", CHOICE)),
            COMPANY,
            record("procedure", f("id"), f("customer"), f("customer_inn"), f("date", DATE), f("amount", MONEY),
                   f("is_winner", YES_NO)),
            PERSON_MATCH, private("explanation", label="Пояснение"), f("ground"))),
    FindingCode(
        "SERVANT_IS_OFFICER", "З", "high",
        reason="the ban on managing a commercial organisation (79-ФЗ art. 17, 25-ФЗ art. 14)",
        title="Служащий — руководитель или учредитель организации",
        template=("{servant}: в реестре — {role} «{company}» (ИНН {inn}); запрет на управление коммерческой "
                  "организацией"),
        finding="the servant is a director, founder or entrepreneur in the register",
        description="Служащий по данным реестра — руководитель, учредитель или индивидуальный предприниматель "
                    "(запрет на управление коммерческой организацией)",
        evidence=(
            SERVANT, record("officer", *OFFICER), COMPANY, PERSON_MATCH, private("explanation", label="Пояснение"),
            f("ground"))),
    FindingCode(
        "STAKE_IN_SUPPLIER", "З", "high",
        reason="a stake in a supplier of one's own organisation: a conflict of interest",
        title="Доля в участнике закупок",
        template="{security} «{issuer}» ({whose}): организация участвовала в закупках ({procedures})",
        finding="the servant or family holds securities or a stake (`securities`) in a company that took part in "
                "the organisation's procurement",
        description="Служащий или член семьи владеет ценными бумагами (долей) организации — участника закупок",
        evidence=(
            SERVANT, record("declaration", f("declaration_id"), f("year", NUMBER), f("subject", CHOICE)),
            record("security", f("issuer_name"), f("issuer_inn"), f("kind", CHOICE), f("share_pct", PERCENT),
                   f("amount", MONEY)),
            record("supplier", f("inn"), f("name"), f("procedures", LIST), f("won_any", YES_NO)))),
    FindingCode(
        "POSSIBLE_UNDECLARED_RELATIVE", "З", "low",
        reason="kinship inferred from names and ages only: a lead for a person to look at",
        title="Возможный родственник не указан в анкете",
        template=("{servant}: у участника закупки {company} (ИНН {inn}) {who} нет в анкете; вероятнее всего "
                  "{kinship}{whose} ({roles}), оценка {score}"),
        finding="an officer of a participant whose name and age make kinship with the servant likely, not in "
                "`relatives`; one finding per servant and company, candidates ranked by how rare the match is",
        description="Лицо, связанное с участником закупки, чьи ФИО указывают на вероятное родство со служащим, "
                    "не указано в анкете родственников",
        describer="checks.matching.relatives:describe",
        evidence=(
            SERVANT, COMPANY, f("procedures", LIST),
            rows("candidates", f("rank", NUMBER), private("name", label="ФИО"), f("role", CHOICE),
                 f("roles", LIST, item=CHOICE), f("share_pct", PERCENT), private("birth_date", DATE),
                 f("kinship", CHOICE), record("compared_with", private("name", label="ФИО"), f("whose", CHOICE)),
                 f("age_difference", NUMBER), f("kinship_score", SCORE), f("why"),
                 record("chance", f("surname", NUMBER), f("link", NUMBER), f("age", NUMBER), f("officers", NUMBER),
                        f("expected", NUMBER), f("kin_age", NUMBER), f("region", NUMBER),
                        f("odds_against", NUMBER), public=False, label="Расчет оценки"),
                 f("procedures", LIST)),
            f("min_score", NUMBER), f("why"))),
)

BY_CODE: dict[str, FindingCode] = {c.code: c for c in CATALOGUE}
if len(BY_CODE) != len(CATALOGUE):  # pragma: no cover - a programming error
    raise RuntimeError("two catalogue entries share a code")


def entry(code: str) -> FindingCode:
    """The entry of a code; a code missing from the catalogue is a programming error, said plainly."""
    try:
        return BY_CODE[code]
    except KeyError:
        raise KeyError(f"{code}: not in checks/catalogue.py (add its entry there first)") from None


def of_families(*families: str) -> tuple[FindingCode, ...]:
    return tuple(c for c in CATALOGUE if c.family in families)


def describer_of(code: str) -> Callable[[dict[str, Any]], str] | None:
    """The evidence renderer of a code, None for a code without one (or unknown: a flag of an older version)."""
    found = BY_CODE.get(code)
    return None if found is None else found.describe
