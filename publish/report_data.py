"""The figures of the analysis report (доклад о результатах анализа сведений), computed with SQL.

Nothing here renders: `build_report(store, year, settings)` returns plain dataclasses that
`publish/report.py` turns into the HTML page and the workbook. Per organisation of the year:

* submission — who must declare (the HR roster, `servants.must_declare`), who filed a справка
  about self, who filed late (an active `LATE_SUBMISSION` flag about the servant's own справка,
  or, when no check has run for the year, `submitted_on` after the filing deadline), who did
  not file, family справки expected (spouses and minor children of the анкета, and anyone a
  family справка was filed for) against filed, corrected справки, and the share of справки
  that a completed check run has covered (the run started after the справка was loaded);
* flags of the year by code, severity and status (`resolved_at` set counts as «устранено»);
* the servants with open high-severity flags, each flag's evidence as readable facts — both
  declarations side by side where a flag compares years — without private identifiers:
  relatives' names, addresses, cadastral and account numbers, registration plates and
  personal INNs are left out (the flag's own message is shown as it is);
* per servant with active flags, the family's income and owned area in every year stored;
* the conclusion, a paragraph generated from these figures.

A servant's organisation is the roster row of the reporting year, else the latest one
(flags of servants missing from every roster go under «Организация не указана»).
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import polars as pl

from declarations.model import (ASSET_KINDS, DECLARATION_KINDS, HOLDINGS, INCOME_TYPES, OBJECT_TYPES,
                                OFFICER_ROLES, OWNERSHIPS, PROCUREMENT_ROLES, RELATIONS, SECURITY_KINDS,
                                SUBJECTS, VEHICLE_TYPES)
from checks.matching.findings import METHOD_RU
from declarations.settings import deadline_options, defaults_text
from declarations.store import Store
from declarations import calendar

NBSP = "\u00a0"
NO_ORGANISATION = "Организация не указана"

# --------------------------------------------------------------------------- labels

STATUS_ORDER = ("new", "explained", "dismissed", "escalated", "resolved")
STATUS_LABELS = {
    "new": "новый",
    "explained": "даны пояснения",
    "dismissed": "отклонен",
    "escalated": "назначена проверка",
    "resolved": "устранено",
}
OPEN_STATUSES = ("new", "escalated")
SEVERITY_ORDER = ("high", "medium", "low")
SEVERITY_LABELS = {"high": "высокая", "medium": "средняя", "low": "низкая"}
SECTION_LABELS = {
    "С": "Сроки и полнота представления",
    "В": "Согласованность сведений справки",
    "Д": "Динамика по годам",
    "З": "Закупки и конфликт интересов",
}

#: checks.md, in Russian: code -> (section, short description). The order is the catalogue's.
CODES: dict[str, tuple[str, str]] = {
    "MISSING_DECLARATION": ("С", "Служащий, обязанный представлять сведения, не представил справку о себе за год"),
    "MISSING_FAMILY_DECLARATION": ("С", "Нет справки супруга (супруги) или несовершеннолетнего ребенка, "
                                        "указанного в анкете"),
    "LATE_SUBMISSION": ("С", "Справка представлена после срока представления (по умолчанию 30 апреля "
                             "следующего года)"),
    "LATE_CORRECTION": ("С", "Уточненная справка представлена позднее одного месяца после срока представления"),
    "CHILD_NOT_MINOR": ("С", "Справка «несовершеннолетнего ребенка» на лицо, которому на 31 декабря отчетного "
                             "года исполнилось 18 лет"),
    "EXPENSE_EXCEEDS_3Y_INCOME": ("В", "Расход превышает общий доход служащего и супруга (супруги) за три года, "
                                       "предшествующих сделке (контроль за расходами, 230-ФЗ)"),
    "PAYROLL_MISMATCH": ("В", "Доход по основному месту работы расходится с данными бухгалтерии более чем "
                              "на 1 % и на 1 000 руб."),
    "PROPERTY_DISAPPEARED": ("Д", "Объект недвижимости из предыдущей справки отсутствует, доход от его продажи "
                                  "не указан"),
    "PROPERTY_APPEARED": ("Д", "Новый объект недвижимости без даты или основания приобретения в отчетном году "
                               "либо приобретенный ранее, но не указанный в предыдущей справке"),
    "PROPERTY_AREA_CHANGED": ("Д", "Площадь того же объекта (по кадастровому номеру) изменилась более чем на 1 %"),
    "PROPERTY_SHARE_CHANGED": ("Д", "Доля в том же объекте изменилась без указанной сделки"),
    "VEHICLE_DISAPPEARED": ("Д", "Транспортное средство из предыдущей справки отсутствует, доход от его продажи "
                                 "не указан"),
    "VEHICLE_APPEARED": ("Д", "Транспортное средство, приобретенное до конца периода предыдущей справки, "
                              "в ней не указано"),
    "ACCOUNT_OPEN_DATE_CHANGED": ("Д", "У того же счета (по номеру) указана другая дата открытия"),
    "ACCOUNT_UNDECLARED_BEFORE": ("Д", "Счет, открытый до конца периода предыдущей справки, в ней не указан"),
    "INCOME_JUMP": ("Д", "Общий доход лица изменился более чем в 2 раза и более чем на 1 000 000 руб. "
                         "по сравнению с предыдущей справкой"),
    "SAVINGS_EXCEED_INCOME": ("Д", "Остатки на счетах выросли больше, чем общий доход лица за год"),
    "PROCUREMENT_AFFILIATION": ("З", "Служащий или его родственник — участник закупки своей организации, его "
                                     "руководитель, член органа управления или учредитель с долей более 10 %"),
    "SERVANT_IS_OFFICER": ("З", "Служащий по данным реестра — руководитель, учредитель или индивидуальный "
                                "предприниматель (запрет на управление коммерческой организацией)"),
    "STAKE_IN_SUPPLIER": ("З", "Служащий или член семьи владеет ценными бумагами (долей) организации — "
                               "участника закупок"),
    "POSSIBLE_UNDECLARED_RELATIVE": ("З", "Лицо, связанное с участником закупки, чьи ФИО указывают на вероятное "
                                          "родство со служащим, не указано в анкете родственников"),
}

SETTING_LABELS = {
    "deadlines.categories": "Срок представления сведений по категориям служащих (число и месяц следующего года)",
    "deadlines.publication_working_days": "Срок размещения на сайте, рабочих дней после срока представления",
    "deadlines.extra_days_off": "Дополнительные нерабочие дни",
    "deadlines.extra_working_days": "Дополнительные рабочие дни",
    "deadlines.move_filing_to_working_day": "Переносить срок представления с нерабочего дня на следующий рабочий",
    "checks.correction_grace_months": "LATE_CORRECTION: уточненная справка позднее срока более чем на, мес.",
    "checks.adult_age": "CHILD_NOT_MINOR: возраст совершеннолетия на 31 декабря, лет",
    "checks.payroll_tolerance_pct": "PAYROLL_MISMATCH: допустимое расхождение с начислениями, %",
    "checks.payroll_tolerance_rub": "PAYROLL_MISMATCH: допустимое расхождение с начислениями, руб.",
    "checks.area_tolerance_pct": "Допустимое расхождение площади при сопоставлении объектов, %",
    "checks.income_jump_ratio": "INCOME_JUMP: изменение дохода, раз",
    "checks.income_jump_rub": "INCOME_JUMP: изменение дохода, руб.",
    "checks.expense_income_years": "EXPENSE_EXCEEDS_3Y_INCOME: число лет дохода до сделки",
    "checks.property_sale_words": "Слова описания дохода, означающие продажу недвижимости",
    "checks.vehicle_sale_words": "Слова описания дохода, означающие продажу транспортного средства",
    "checks.property_object_words": "Слова описания продажи, означающие недвижимость",
    "checks.vehicle_object_words": "Слова описания продажи, означающие транспортное средство",
    "match.match_threshold": "Порог совпадения ФИО (0–1)",
    "match.possible_threshold": "Пониженный порог совпадения ФИО (инициалы, неполное ФИО): при совпадении "
                                "даты рождения или если ФИО подходит только одному лицу",
    "match.founder_share_pct": "Доля учредителя, начиная с которой он учитывается (более), %",
    "match.kin_relations": "Степени родства для PROCUREMENT_AFFILIATION",
    "match.max_block_size": "Наибольший размер блока при поиске пар ФИО",
    "match.parent_age_gap": "Разница в возрасте родителя и ребенка для POSSIBLE_UNDECLARED_RELATIVE (от, до), лет",
    "match.sibling_age_gap": "Наибольшая разница в возрасте братьев и сестер для POSSIBLE_UNDECLARED_RELATIVE, лет",
    "match.relative_min_score": "Наименьшая оценка возможного родственника для POSSIBLE_UNDECLARED_RELATIVE (0–1)",
    "publish.sort_by": "Порядок служащих в публикуемой таблице",
}
SETTING_SECTIONS = {"deadlines": "Сроки", "checks": "Проверки", "match": "Закупки", "publish": "Публикация"}
RUN_KINDS = {"check": "проверки сведений", "match": "закупки и конфликт интересов"}

# --------------------------------------------------------------------------- Russian formatting


def number_ru(value: float | int | None, decimals: int = 2, trim: bool = False) -> str:
    """`1 474 895,00` (non-breaking spaces); with trim `64,7`, `1 500`."""
    if value is None:
        return "—"
    text = f"{float(value):,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", NBSP).replace(".", ",")


def int_ru(value: int | None) -> str:
    return "—" if value is None else number_ru(value, 0)


def money_ru(value: float | None) -> str:
    return "—" if value is None else f"{number_ru(value)}{NBSP}руб."


def area_ru(value: float | None) -> str:
    return "—" if value is None else f"{number_ru(value, 2, trim=True)}{NBSP}кв.{NBSP}м"


def share(part: int, whole: int) -> float | None:
    """Part of whole in per cent; None when there is no whole."""
    return None if not whole else 100.0 * part / whole


def pct_ru(value: float | None) -> str:
    """`95 %`, `66,7 %`, `—`."""
    if value is None:
        return "—"
    rounded = round(value, 1)
    text = number_ru(rounded, 0) if rounded == int(rounded) else number_ru(rounded, 1)
    return f"{text}{NBSP}%"


def date_ru(value: date | datetime | str | None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d.%m.%Y")


def plural(n: int, one: str, few: str, many: str) -> str:
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


# --------------------------------------------------------------------------- the dataclasses

@dataclass
class Person:
    person_id: str
    full_name: str
    position: str | None = None
    department: str | None = None
    submitted_on: date | None = None


@dataclass
class Submission:
    """Section 2: the figures anti-corruption plans ask for (100 % indicators)."""

    roster_loaded: bool          # an HR roster (workbook) of the organisation for the year is in the store
    obliged: int
    submitted: int
    late: int
    late_basis: str              # "flags" (LATE_SUBMISSION of a check run) or "dates" (no check has run)
    missing: int
    family_expected: int
    family_submitted: int
    corrected: int
    declarations_total: int
    declarations_analysed: int
    missing_people: list[Person] = field(default_factory=list)
    late_people: list[Person] = field(default_factory=list)

    @property
    def submitted_pct(self) -> float | None:
        return share(self.submitted, self.obliged)

    @property
    def late_pct(self) -> float | None:
        return share(self.late, self.submitted)

    @property
    def missing_pct(self) -> float | None:
        return share(self.missing, self.obliged)

    @property
    def family_pct(self) -> float | None:
        return share(self.family_submitted, self.family_expected)

    @property
    def analysed_pct(self) -> float | None:
        return share(self.declarations_analysed, self.declarations_total)

    def rows(self) -> list[tuple[str, int, int | None, float | None]]:
        """(indicator, count, out of, per cent) for the summary tables."""
        late_note = "по результатам проверки" if self.late_basis == "flags" else "по дате представления"
        return [
            ("Служащих, обязанных представлять сведения", self.obliged, None, None),
            ("Представили справку о себе", self.submitted, self.obliged, self.submitted_pct),
            (f"Представили с нарушением срока ({late_note})", self.late, self.submitted, self.late_pct),
            ("Не представили справку о себе", self.missing, self.obliged, self.missing_pct),
            ("Справки супругов и несовершеннолетних детей: ожидалось", self.family_expected, None, None),
            ("Справки супругов и несовершеннолетних детей: представлено", self.family_submitted,
             self.family_expected, self.family_pct),
            ("Уточненных справок", self.corrected, None, None),
            ("Справок всего (с уточненными)", self.declarations_total, None, None),
            ("Проанализировано справок (охвачены проверкой)", self.declarations_analysed,
             self.declarations_total, self.analysed_pct),
        ]


@dataclass
class CodeCount:
    code: str
    section: str
    description: str
    severity: str
    by_status: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def active(self) -> int:
        return self.total - self.by_status.get("resolved", 0)


@dataclass
class FlagCounts:
    by_code: list[CodeCount]
    by_severity: list[tuple[str, str, int, int]]   # severity, label, total, active
    by_status: list[tuple[str, str, int]]          # status, label, count
    total: int
    active: int
    open: int                                      # new or escalated, not resolved
    open_high: int


@dataclass
class EvidenceView:
    """A flag's evidence as facts a person reads: both declarations side by side, then the rest."""

    sides: tuple[str, str] | None = None                         # titles of the earlier and later справка
    compared: list[tuple[str, str, str]] = field(default_factory=list)  # label, earlier, later
    facts: list[tuple[str, str]] = field(default_factory=list)          # label, value

    def text(self) -> str:
        lines = []
        if self.sides:
            lines.append(f"{self.sides[0]} → {self.sides[1]}")
        for label, before, after in self.compared:
            lines.append(f"{label}: {_one_line(before)} → {_one_line(after)}")
        for label, value in self.facts:
            lines.append(f"{label}: {_one_line(value)}")
        return "\n".join(lines)


@dataclass
class FlagItem:
    flag_id: str
    code: str
    description: str
    severity: str
    status: str       # new | explained | dismissed | escalated | resolved
    status_note: str | None
    message: str
    evidence: EvidenceView

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, self.severity)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def is_open_high(self) -> bool:
        return self.severity == "high" and self.status in OPEN_STATUSES


@dataclass
class ServantFlags:
    person_id: str
    full_name: str
    position: str | None
    department: str | None
    flags: list[FlagItem]


@dataclass
class YearPoint:
    year: int
    income: float
    area: float


@dataclass
class ServantDynamics:
    person_id: str
    full_name: str
    position: str | None
    codes: list[str]
    points: list[YearPoint]


@dataclass
class OrganisationReport:
    organisation: str
    submission: Submission
    flags: FlagCounts
    flagged: list[ServantFlags]        # every servant with flags of the year (all statuses)
    dynamics: list[ServantDynamics]
    conclusion: str

    @property
    def open_high(self) -> list[ServantFlags]:
        """Servants with open (new or escalated, not resolved) high-severity flags, only those flags."""
        out = []
        for servant in self.flagged:
            flags = [f for f in servant.flags if f.is_open_high]
            if flags:
                out.append(ServantFlags(servant.person_id, servant.full_name, servant.position,
                                        servant.department, flags))
        return out


@dataclass
class RunInfo:
    run_id: int
    kind: str
    started_at: datetime
    year: int | None
    raised: int
    resolved: int
    settings: dict[str, Any]

    @property
    def kind_label(self) -> str:
        return RUN_KINDS.get(self.kind, self.kind)


@dataclass
class SettingRow:
    section: str
    key: str
    label: str
    current: str
    used: str | None          # the value of the latest run of that kind, where it records this section

    @property
    def differs(self) -> bool:
        return self.used not in (None, "—") and self.used != self.current


@dataclass
class SettingsUsed:
    runs: list[RunInfo]
    rows: list[SettingRow]


@dataclass
class Report:
    year: int
    generated_on: date
    filing_deadline: date
    publication_deadline: date
    checks_ran: bool
    organisations: list[OrganisationReport]
    settings: SettingsUsed


# --------------------------------------------------------------------------- settings


def full_settings(settings: dict[str, Any] | None) -> dict[str, Any]:
    """The given settings over the defaults (a partial dict from a test or an old caller is completed)."""
    merged = tomllib.loads(defaults_text())

    def merge(base: dict[str, Any], over: dict[str, Any]) -> None:
        for key, value in over.items():
            if isinstance(value, dict) and isinstance(base.get(key), dict) and key != "categories":
                merge(base[key], value)
            else:
                base[key] = value

    merge(merged, settings or {})
    return merged


def setting_text(key: str, value: Any) -> str:
    if key == "categories" and isinstance(value, dict):
        parts = []
        for name, md in value.items():
            try:
                month, day = md
                parts.append(f"{name} — {int(day)} {calendar._MONTHS_GENITIVE[int(month) - 1]}")
            except (TypeError, ValueError, IndexError):
                parts.append(f"{name} — {md}")
        return "; ".join(parts)
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) if value else "нет"
    if isinstance(value, float):
        return number_ru(value, 2, trim=True)
    if isinstance(value, dict):
        return "; ".join(f"{k} = {setting_text(k, v)}" for k, v in value.items())
    return str(value)


def _runs(store: Store) -> list[RunInfo]:
    frame = store.frame("""
        SELECT run_id, kind, started_at, year, settings::VARCHAR AS settings, raised, resolved
        FROM check_runs
        QUALIFY row_number() OVER (PARTITION BY kind ORDER BY started_at DESC, run_id DESC) = 1
        ORDER BY kind""")
    runs = []
    for row in frame.iter_rows(named=True):
        try:
            used = json.loads(row["settings"]) if row["settings"] else {}
        except json.JSONDecodeError:
            used = {}
        runs.append(RunInfo(row["run_id"], row["kind"], row["started_at"], row["year"], row["raised"],
                            row["resolved"], used if isinstance(used, dict) else {}))
    return runs


def settings_used(store: Store, settings: dict[str, Any]) -> SettingsUsed:
    """The settings passed in beside those the latest check and match runs recorded.

    A run records its own section (`check` → `[checks]`, `match` → `[match]`); a run that
    recorded the whole settings (sections as keys) is read that way too.
    """
    runs = _runs(store)
    recorded: dict[str, dict[str, Any]] = {}
    for run in runs:
        section = {"check": "checks", "match": "match"}.get(run.kind, run.kind)
        if run.settings and all(isinstance(v, dict) for v in run.settings.values()) and section in run.settings:
            for name, values in run.settings.items():
                recorded.setdefault(name, values)
        else:
            recorded[section] = run.settings
    rows = []
    sections = list(dict.fromkeys([*settings, *recorded]))
    for section in sections:
        current = settings.get(section)
        if not isinstance(current, dict):
            current = {}
        used = recorded.get(section)
        keys = list(dict.fromkeys([*current, *((used or {}).keys())]))
        for key in keys:
            full = f"{section}.{key}"
            rows.append(SettingRow(
                SETTING_SECTIONS.get(section, section), full, SETTING_LABELS.get(full, full),
                setting_text(key, current[key]) if key in current else "—",
                None if used is None else (setting_text(key, used[key]) if key in used else "—"),
            ))
    return SettingsUsed(runs, rows)


# --------------------------------------------------------------------------- SQL

# A servant's organisation: the roster row of the reporting year ($1), else the latest one.
PLACED = """placed AS (
    SELECT person_id, organisation, full_name, position, department FROM (
        SELECT s.*, row_number() OVER (PARTITION BY person_id
                                       ORDER BY (year = $1) DESC, (source = 'workbook') DESC, year DESC,
                                                must_declare DESC, organisation) AS rn
        FROM servants s)
    WHERE rn = 1)"""


def organisations(store: Store, year: int) -> list[str]:
    frame = store.frame(f"""
        WITH {PLACED}
        SELECT organisation FROM servants WHERE year = $1
        UNION SELECT coalesce(p.organisation, '{NO_ORGANISATION}') FROM flags f LEFT JOIN placed p USING (person_id)
              WHERE f.year = $1
        UNION SELECT coalesce(p.organisation, '{NO_ORGANISATION}') FROM declarations d
              LEFT JOIN placed p USING (person_id) WHERE d.year = $1
        ORDER BY 1""", [year])
    names = frame.get_column(frame.columns[0]).to_list()
    # the catch-all group goes last
    return sorted(names, key=lambda n: (n == NO_ORGANISATION, n))


def checks_ran(store: Store, year: int) -> bool:
    return bool(_one(store, "SELECT count(*) FROM check_runs WHERE kind = 'check' AND (year IS NULL OR year = $1)",
                     [year])[0])


def _one(store: Store, sql: str, params: list[Any]) -> tuple:
    """The single row of a query (read to the end: duckdb 2 wants every result finished)."""
    return store.frame(sql, params).row(0)


def _people(frame: pl.DataFrame) -> list[Person]:
    return [Person(r["person_id"], r["full_name"], r.get("position"), r.get("department"), r.get("submitted_on"))
            for r in frame.iter_rows(named=True)]


def submissions(store: Store, year: int, filing_deadline: date, ran: bool, adult_age: int) -> dict[str, Submission]:
    """Section 2 for every organisation of the year at once (three queries, whatever the number of them)."""
    roster = store.frame("""
        WITH roster AS (
            SELECT organisation, person_id, arg_max(full_name, must_declare) AS full_name,
                   arg_max(position, must_declare) AS position, arg_max(department, must_declare) AS department,
                   bool_or(must_declare) AS must_declare
            FROM servants WHERE year = $1 AND source = 'workbook'
            GROUP BY organisation, person_id
        ), own AS (
            SELECT person_id, min(submitted_on) FILTER (WHERE kind = 'original') AS original_on,
                   min(submitted_on) AS first_on
            FROM declarations WHERE year = $1 AND subject = 'self' GROUP BY person_id
        ), late_flag AS (
            SELECT DISTINCT person_id FROM flags
            WHERE year = $1 AND code = 'LATE_SUBMISSION' AND resolved_at IS NULL
              AND coalesce(json_extract_string(evidence, '$.declaration.subject'), 'self') = 'self'
        )
        SELECT r.*, own.person_id IS NOT NULL AS submitted, coalesce(own.original_on, own.first_on) AS submitted_on,
               late_flag.person_id IS NOT NULL AS late_flagged
        FROM roster r LEFT JOIN own USING (person_id) LEFT JOIN late_flag USING (person_id)
        ORDER BY r.organisation, r.full_name, r.person_id""", [year])
    family = store.frame("""
        WITH roster AS (
            SELECT DISTINCT organisation, person_id FROM servants
            WHERE year = $1 AND source = 'workbook' AND must_declare
        ), expected AS (
            SELECT organisation, rel.person_id, rel.relative_id AS subject_key
            FROM relatives rel JOIN roster USING (person_id)
            WHERE rel.year = $1
              AND (rel.relation = 'spouse'
                   OR (rel.relation IN ('son', 'daughter', 'adopted_child') AND rel.birth_date IS NOT NULL
                       AND rel.birth_date <= make_date($1, 12, 31) AND $1 - year(rel.birth_date) < $2))
        ), filed AS (
            SELECT DISTINCT organisation, d.person_id, d.subject_key
            FROM effective_declarations d JOIN roster USING (person_id)
            WHERE d.year = $1 AND d.subject <> 'self'
        ), either AS (SELECT * FROM expected UNION SELECT * FROM filed)
        SELECT e.organisation, e.expected, coalesce(f.filed, 0) AS filed
        FROM (SELECT organisation, count(*) AS expected FROM either GROUP BY ALL) e
        LEFT JOIN (SELECT organisation, count(*) AS filed FROM filed GROUP BY ALL) f USING (organisation)""",
                         [year, adult_age])
    counts = store.frame(f"""
        WITH {PLACED},
        last_run AS (SELECT max(started_at) AS last_at FROM check_runs
                     WHERE kind = 'check' AND (year IS NULL OR year = $1))
        SELECT p.organisation, count(*) AS total, count(*) FILTER (WHERE d.kind = 'corrected') AS corrected,
               count(*) FILTER (WHERE l.loaded_at <= (SELECT last_at FROM last_run)) AS analysed
        FROM declarations d JOIN placed p USING (person_id) LEFT JOIN loads l USING (load_id)
        WHERE d.year = $1
        GROUP BY p.organisation""", [year])
    family_of = {r["organisation"]: r for r in family.iter_rows(named=True)}
    counts_of = {r["organisation"]: r for r in counts.iter_rows(named=True)}
    out: dict[str, Submission] = {}
    for organisation in dict.fromkeys([*roster.get_column("organisation").to_list(), *family_of, *counts_of]):
        mine = roster.filter(pl.col("organisation") == organisation)
        obliged = mine.filter(pl.col("must_declare"))
        filed = obliged.filter(pl.col("submitted"))
        if ran:
            late = filed.filter(pl.col("late_flagged"))
        else:
            late = filed.filter(pl.col("submitted_on").is_not_null() & (pl.col("submitted_on") > filing_deadline))
        missing = obliged.filter(~pl.col("submitted"))
        fam = family_of.get(organisation, {})
        cnt = counts_of.get(organisation, {})
        out[organisation] = Submission(
            roster_loaded=mine.height > 0,
            obliged=obliged.height, submitted=filed.height, late=late.height,
            late_basis="flags" if ran else "dates", missing=missing.height,
            family_expected=int(fam.get("expected", 0)), family_submitted=int(fam.get("filed", 0)),
            corrected=int(cnt.get("corrected", 0)), declarations_total=int(cnt.get("total", 0)),
            declarations_analysed=int(cnt.get("analysed", 0)),
            missing_people=_people(missing), late_people=_people(late),
        )
    return out


def _empty_submission(ran: bool) -> Submission:
    return Submission(roster_loaded=False, obliged=0, submitted=0, late=0, late_basis="flags" if ran else "dates",
                      missing=0, family_expected=0, family_submitted=0, corrected=0, declarations_total=0,
                      declarations_analysed=0)


def year_flags(store: Store, year: int) -> pl.DataFrame:
    """Every flag of the reporting year with the servant's organisation, name, position and department."""
    return store.frame(f"""
        WITH {PLACED}
        SELECT f.flag_id, f.person_id, f.year, f.code, f.severity, f.message, f.evidence::VARCHAR AS evidence,
               CASE WHEN f.resolved_at IS NOT NULL THEN 'resolved' ELSE f.status END AS state,
               f.status_note, coalesce(p.organisation, '{NO_ORGANISATION}') AS organisation,
               coalesce(p.full_name, f.person_id) AS full_name, p.position, p.department
        FROM flags f LEFT JOIN placed p USING (person_id)
        WHERE f.year = $1
        ORDER BY organisation, full_name, f.person_id, f.code, f.flag_id""", [year])


def _code_order(code: str) -> tuple[int, str]:
    keys = list(CODES)
    return (keys.index(code) if code in keys else len(keys), code)


def flag_counts(flags: pl.DataFrame) -> FlagCounts:
    by_code = []
    for code in sorted(set(flags.get_column("code").to_list()), key=_code_order):
        rows = flags.filter(pl.col("code") == code)
        section, description = CODES.get(code, ("", code))
        severities = rows.get_column("severity").to_list()
        severity = max(set(severities), key=lambda s: (severities.count(s), -SEVERITY_ORDER.index(s)
                                                        if s in SEVERITY_ORDER else -9))
        states = rows.get_column("state").to_list()
        by_code.append(CodeCount(code, section, description, severity,
                                 {s: states.count(s) for s in STATUS_ORDER if states.count(s)}))
    states = flags.get_column("state").to_list()
    severities = flags.get_column("severity").to_list()
    by_severity = []
    for severity in SEVERITY_ORDER:
        total = severities.count(severity)
        active = flags.filter((pl.col("severity") == severity) & (pl.col("state") != "resolved")).height
        by_severity.append((severity, SEVERITY_LABELS[severity], total, active))
    open_ = flags.filter(pl.col("state").is_in(OPEN_STATUSES))
    return FlagCounts(
        by_code=by_code, by_severity=by_severity,
        by_status=[(s, STATUS_LABELS[s], states.count(s)) for s in STATUS_ORDER],
        total=flags.height, active=flags.height - states.count("resolved"),
        open=open_.height, open_high=open_.filter(pl.col("severity") == "high").height,
    )


def flagged_servants(flags: pl.DataFrame) -> list[ServantFlags]:
    """Servants with flags, open high-severity first within each servant, then by severity and code."""
    out: list[ServantFlags] = []
    for (person_id,), rows in flags.group_by(["person_id"], maintain_order=True):
        items = []
        for row in rows.iter_rows(named=True):
            try:
                evidence = json.loads(row["evidence"]) if row["evidence"] else {}
            except json.JSONDecodeError:
                evidence = {"evidence": row["evidence"]}
            items.append(FlagItem(
                flag_id=row["flag_id"], code=row["code"], description=CODES.get(row["code"], ("", row["code"]))[1],
                severity=row["severity"], status=row["state"], status_note=row["status_note"],
                message=row["message"], evidence=evidence_view(evidence if isinstance(evidence, dict)
                                                               else {"evidence": evidence}),
            ))
        items.sort(key=lambda f: (not f.is_open_high, f.status == "resolved",
                                  SEVERITY_ORDER.index(f.severity) if f.severity in SEVERITY_ORDER else 9,
                                  _code_order(f.code), f.flag_id))
        first = rows.row(0, named=True)
        out.append(ServantFlags(person_id, first["full_name"], first["position"], first["department"], items))
    return out


def year_points(store: Store, flags: pl.DataFrame) -> dict[str, list[YearPoint]]:
    """Family income (all subjects) and owned area by year, for every servant with active flags of the year."""
    ids = list(dict.fromkeys(flags.filter(pl.col("state") != "resolved").get_column("person_id").to_list()))
    if not ids:
        return {}
    totals = store.frame("""
        SELECT person_id, year, sum(income_total) AS income, sum(owned_area_m2) AS area
        FROM subject_year_totals WHERE list_contains($1, person_id)
        GROUP BY person_id, year ORDER BY person_id, year""", [ids])
    points: dict[str, list[YearPoint]] = {}
    for row in totals.iter_rows(named=True):
        points.setdefault(row["person_id"], []).append(
            YearPoint(int(row["year"]), float(row["income"] or 0), float(row["area"] or 0)))
    return points


def dynamics(flags: pl.DataFrame, points: dict[str, list[YearPoint]]) -> list[ServantDynamics]:
    """One entry per servant with active flags (in the order of the flags), with their years' points."""
    active = flags.filter(pl.col("state") != "resolved")
    out = []
    for (person_id,), rows in active.group_by(["person_id"], maintain_order=True):
        first = rows.row(0, named=True)
        codes = sorted(set(rows.get_column("code").to_list()), key=_code_order)
        out.append(ServantDynamics(person_id, first["full_name"], first["position"], codes,
                                   points.get(person_id, [])))
    return out


# --------------------------------------------------------------------------- conclusion


def conclusion(org: str, year: int, sub: Submission, counts: FlagCounts, ran: bool) -> str:
    parts: list[str] = []
    if sub.roster_loaded and sub.obliged:
        of = plural(sub.obliged, "служащего", "служащих", "служащих")
        parts.append(f"Сведения о доходах за {year} год представили {sub.submitted} из {sub.obliged} {of}, "
                     f"обязанных их представлять ({pct_ru(sub.submitted_pct)})")
        if sub.missing:
            parts.append(f"не представили {sub.missing} ({pct_ru(sub.missing_pct)})")
        if sub.late:
            parts.append(f"с нарушением срока — {sub.late}")
        sentence = "; ".join(parts) + "."
    elif sub.roster_loaded:
        sentence = f"В перечне организации нет служащих, обязанных представлять сведения за {year} год."
    else:
        sentence = (f"Перечень служащих, обязанных представлять сведения за {year} год, не загружен: "
                    f"показатели представления не рассчитаны.")
    text = [sentence]
    if sub.family_expected:
        text.append(f"Справки супругов и несовершеннолетних детей: {sub.family_submitted} из "
                    f"{sub.family_expected} ({pct_ru(sub.family_pct)}).")
    if sub.corrected:
        text.append(f"Уточненных справок — {sub.corrected}.")
    if sub.declarations_total:
        of = plural(sub.declarations_total, "справки", "справок", "справок")
        text.append(f"Проверками охвачено {sub.declarations_analysed} из {sub.declarations_total} {of} "
                    f"({pct_ru(sub.analysed_pct)}).")
    if not ran:
        text.append("Проверки сведений за этот год не проводились.")
    elif counts.total == 0:
        text.append("Признаков нарушений не выявлено.")
    else:
        verb = "Выявлен" if plural(counts.total, "1", "2", "5") == "1" else "Выявлено"
        noun = plural(counts.total, "признак", "признака", "признаков")
        line = f"{verb} {counts.total} {noun}"
        details = []
        if counts.open:
            verb = plural(counts.open, "требует", "требуют", "требуют")
            details.append(f"{verb} рассмотрения {counts.open}, из них высокой важности — {counts.open_high}")
        explained = sum(c for s, _, c in counts.by_status if s == "explained")
        dismissed = sum(c for s, _, c in counts.by_status if s == "dismissed")
        resolved = sum(c for s, _, c in counts.by_status if s == "resolved")
        escalated = sum(c for s, _, c in counts.by_status if s == "escalated")
        if escalated:
            details.append(f"назначена проверка — {escalated}")
        if explained:
            details.append(f"даны пояснения — {explained}")
        if dismissed:
            details.append(f"отклонено — {dismissed}")
        if resolved:
            details.append(f"устранено — {resolved}")
        text.append(line + (": " + "; ".join(details) if details else "") + ".")
    advice = []
    if sub.missing:
        advice.append("факты непредставления сведений рассмотреть на заседании комиссии по соблюдению требований "
                      "к служебному поведению и урегулированию конфликта интересов")
    if counts.open_high:
        advice.append("по признакам высокой важности получить пояснения служащих и при необходимости принять "
                      "решение об осуществлении проверки достоверности и полноты сведений")
    if ran and sub.declarations_total and sub.declarations_analysed < sub.declarations_total:
        advice.append("повторить проверки после загрузки новых сведений")
    if advice:
        text.append("Предлагается: " + "; ".join(advice) + ".")
    return " ".join(text)


# --------------------------------------------------------------------------- the report


def build_report(store: Store, year: int, settings: dict[str, Any] | None, today: date | None = None) -> Report:
    merged = full_settings(settings)
    options = deadline_options(merged)
    due = calendar.deadlines(year, "default", **options)
    ran = checks_ran(store, year)
    adult = int(merged["checks"].get("adult_age", 18))
    flags = year_flags(store, year)
    subs = submissions(store, year, due.filing, ran, adult)
    points = year_points(store, flags)
    orgs = []
    for organisation in organisations(store, year):
        mine = flags.filter(pl.col("organisation") == organisation)
        sub = subs.get(organisation) or _empty_submission(ran)
        counts = flag_counts(mine)
        orgs.append(OrganisationReport(
            organisation=organisation, submission=sub, flags=counts, flagged=flagged_servants(mine),
            dynamics=dynamics(mine, points), conclusion=conclusion(organisation, year, sub, counts, ran),
        ))
    return Report(year=year, generated_on=today or date.today(), filing_deadline=due.filing,
                  publication_deadline=due.publication, checks_ran=ran, organisations=orgs,
                  settings=settings_used(store, merged))


# --------------------------------------------------------------------------- evidence, readable

# Never shown from evidence: identifiers of relatives and of objects, addresses, personal INNs.
PRIVATE_KEYS = frozenset({
    "full_name", "subject_name", "current_name", "former_names", "address", "account_number", "cadastral_number",
    "registration", "person_inn", "subject_birth_date", "relative_id", "subject_key", "name_in_hr_records",
    "name_in_register", "explanation", "parts", "source_row", "person_id", "load_id", "servant",
    "payroll_source_rows",
})
# Never shown either: the arithmetic behind a score (its words are in `why`).
TECHNICAL_KEYS = frozenset({"chance"})
NOISE_KEYS = frozenset({"sale_words"})  # settings echoed by some rules; the report shows the settings once
ORGANISATION_PARENTS = frozenset({"company", "supplier", "security", "procedure", "issuer"})
COMPARISON_WORDS = {"equal": "совпадает", "different": "не совпадает", "unknown": "неизвестна",
                    "missing": "нет данных", "absent": "нет данных"}

KEY_LABELS = {
    "year": "Год", "subject": "Чьи сведения", "declaration_id": "Справка", "declaration": "Справка",
    "declarations_of_year": "Справки за год", "kind": "Вид", "corrects": "Уточняет справку",
    "submitted_on": "Дата представления", "deadline": "Срок представления", "days_late": "Опоздание, дней",
    "correction_deadline": "Срок для уточненной справки", "grace_months": "Льготный срок, мес.",
    "relative": "Родственник", "relation": "Степень родства", "age_on_31_december": "Возраст на 31 декабря",
    "adult_age": "Возраст совершеннолетия", "birth_date_from": "Источник даты рождения", "age": "Возраст",
    "income_total": "Общий доход", "incomes": "Доходы", "income": "Доход",
    "balance_total": "Остатки на счетах", "accounts": "Счета", "growth": "Рост остатков",
    "change": "Изменение", "ratio": "Изменение, раз", "years_without_declaration": "Годы без справки",
    "asset": "Вид имущества", "matched_by": "Сопоставлено", "sale_incomes": "Доходы от продажи",
    "deals": "Сделки", "reason_text": "Причина", "reason": "Причина", "expense": "Расход",
    "income_years": "Доход по годам", "declared_main_job": "Доход по основному месту работы (справка)",
    "payroll": "Начислено по данным бухгалтерии", "difference": "Разница", "difference_pct": "Разница, %",
    "object_type": "Вид объекта", "area": "Площадь", "ownership": "Вид собственности", "share": "Доля",
    "country": "Страна", "acquired_on": "Дата приобретения", "basis": "Основание приобретения",
    "vehicle_type": "Вид транспортного средства", "make": "Марка", "model": "Модель", "year_made": "Год выпуска",
    "bank": "Банк", "account_type": "Вид счета", "currency": "Валюта", "opened_on": "Дата открытия",
    "balance": "Остаток", "holding": "Право", "procedure": "Закупка", "company": "Организация",
    "officer": "Лицо по данным реестра", "role": "Роль", "share_pct": "Доля", "since": "С", "until": "По",
    "id": "Номер", "customer": "Заказчик", "customer_inn": "ИНН заказчика", "date": "Дата", "amount": "Сумма",
    "is_winner": "Победитель", "score": "Оценка совпадения ФИО", "method": "Способ сопоставления",
    "fits": "Подходит к лицам из анкет (число)",
    "ground": "Правовое основание", "kinship": "Вероятное родство", "why": "Почему", "security": "Ценные бумаги",
    "issuer_name": "Организация", "issuer_inn": "ИНН организации", "supplier": "Участник закупок",
    "procedures": "Закупки", "won_any": "Побеждал в закупках", "handled_as": "Участие в закупке",
    "procurement_role": "Роль в закупках", "income_type": "Вид дохода", "description": "Описание",
    "funds_source": "Источник средств", "deal_date": "Дата сделки", "asset_kind": "Вид имущества",
    "match": "Совпадение", "matched_under": "Сопоставлен по", "source": "Источник", "whose": "Чье ФИО",
    "compared_with": "Сравнивалось с", "birth_date": "Дата рождения", "inn": "ИНН", "name": "Наименование",
    "total": "Итого", "income_sum": "Доход за период", "missing_years": "Нет данных за годы",
    "previous": "Предыдущая справка", "current": "Справка отчетного года", "organisation": "Организация",
    "position": "Должность", "must_declare": "Обязан представлять",
    "deal_year": "Год сделки", "declared": "Справка есть", "self_income": "Доход служащего",
    "spouse_income": "Доход супруга (супруги)", "declaration_ids": "Справки",
    "thresholds": "Пороги", "tolerance": "Допуск", "pct": "Процент", "rub": "В рублях",
    "tolerance_pct": "Допуск, %", "area_change_pct": "Изменение площади, %", "share_before": "Доля до",
    "share_after": "Доля после", "main_job_incomes": "Доходы по основному месту работы",
    "sale_words": "Слова, означающие продажу",
    "candidates": "Возможные родственники (по убыванию оценки)", "rank": "№", "roles": "Роли",
    "kinship_score": "Оценка вероятности родства",
    "age_difference": "Разница в возрасте, лет (+ моложе служащего)", "min_score": "Показаны с оценки",
    "match_label": "Как сопоставлены строки двух справок", "match_score": "Оценка сопоставления (0–1)",
    "sales_used": "Продажи, учтенные для других объектов",
}
ASSET_LABELS = {"real_estate": "объект недвижимости", "vehicle": "транспортное средство", "account": "счет"}
MATCHED_BY = {"identifier": "по номеру (идентификатору)", "attributes": "по признакам",
              "attributes_except_share": "по виду, площади и стране",
              "only_of_kind": "единственный объект такого вида в обеих справках",
              "only_of_type": "единственный объект этого вида в обеих справках",
              "only_of_bank": "единственный счет в этом банке в обеих справках",
              "none": "не сопоставлено ни по номеру, ни по признакам"}
ENUMS: dict[str, dict[str, str]] = {
    "subject": {**SUBJECTS, "other": "иное лицо"}, "relation": RELATIONS,
    "kinship": {**RELATIONS, "siblings": "брат или сестра", "parent_child": "ребенок служащего",
                "child_parent": "отец служащего"},
    "object_type": OBJECT_TYPES, "ownership": OWNERSHIPS, "holding": HOLDINGS, "vehicle_type": VEHICLE_TYPES,
    "income_type": INCOME_TYPES, "asset_kind": ASSET_KINDS, "asset": ASSET_LABELS, "matched_by": MATCHED_BY,
    "role": OFFICER_ROLES, "roles": OFFICER_ROLES, "officer_role": OFFICER_ROLES, "procurement_role": PROCUREMENT_ROLES,
    "handled_as": PROCUREMENT_ROLES, "kind": {**DECLARATION_KINDS, **SECURITY_KINDS},
    "birth_date_from": {"relatives": "анкете родственников", "relative": "анкете родственников",
                        "declaration": "справке"},
    "source": {"workbook": "кадровая служба", "declarator": "Декларатор", "register": "реестр (ЕГРЮЛ, ЕГРИП)"},
    "method": METHOD_RU,
    "matched_under": {"name": "нынешним ФИО", "current_name": "нынешним ФИО", "former_name": "прежним ФИО"},
    "whose": {"self": "служащий", "spouse": "супруг(а)", "spouse_former": "супруг(а), прежняя фамилия",
              "self_former": "служащий, прежняя фамилия",
              "self_declared_father": "служащий, отчество по имени отца из анкеты"},
    "reason": {"left_out": "приобретено ранее, в предыдущей справке не указано",
               "no_date_or_basis": "без даты и основания приобретения",
               "date_after_year": "дата приобретения позже отчетного года, основание не указано"},
}
MONEY_KEYS = frozenset({"amount", "income_total", "balance_total", "balance", "growth", "change", "declared_main_job",
                        "payroll", "difference", "income", "before", "after", "total", "income_sum", "rub"})
MONEY_SUFFIXES = ("_income", "_amount", "_rub", "_balance")
AREA_KEYS = frozenset({"area", "owned_area_m2", "area_m2"})
PCT_KEYS = frozenset({"share_pct", "difference_pct", "pct", "tolerance_pct", "area_change_pct"})
SIDE_SKIP = frozenset({"declaration_id", "year", "kind"})
ASSET_ROW_KEYS = ("row",)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?$")
FIRST_KEYS = ("subject", "relative", "declaration", "year", "deadline", "submitted_on", "days_late")


def _one_line(text: str) -> str:
    return "; ".join(part for part in str(text).split("\n") if part)


def label_of(key: str) -> str:
    return KEY_LABELS.get(key, key.replace("_", " "))


def _inline(label: str) -> str:
    """A label inside a line: `оценка совпадения ФИО`, but `ИНН` stays as it is."""
    return label if len(label) > 1 and label[1].isupper() else label[:1].lower() + label[1:]


def _private(key: str, value: Any, parent: str) -> bool:
    if value is None or value == "" or value == [] or value == {}:
        return True
    if isinstance(value, str) and value in COMPARISON_WORDS and key in ("birth_date", "inn", "birth"):
        return False
    if key in PRIVATE_KEYS or key in TECHNICAL_KEYS:
        return True
    if key == "name" or key == "inn" or key == "birth_date":
        return parent not in ORGANISATION_PARENTS or key == "birth_date"
    return False


def value_text(key: str, value: Any) -> str:
    """A scalar evidence value in Russian: enums by their labels, roubles, m², dates, yes/no."""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, (date, datetime)):
        return date_ru(value)
    if isinstance(value, str):
        if value in COMPARISON_WORDS and key in ("birth_date", "inn", "birth"):
            if key == "inn" and value == "unknown":
                return "неизвестен"
            return COMPARISON_WORDS[value]
        if key in ENUMS and value in ENUMS[key]:
            return ENUMS[key][value]
        if _ISO_DATE.match(value):
            return date_ru(value)
        return value
    if isinstance(value, (int, float)):
        if key in MONEY_KEYS or key.endswith(MONEY_SUFFIXES):
            return money_ru(value)
        if key in AREA_KEYS:
            return area_ru(value)
        if key in PCT_KEYS:
            return f"{number_ru(value, 2, trim=True)}{NBSP}%"
        if key == "ratio":
            return f"в{NBSP}{number_ru(value, 1, trim=True)}{NBSP}раза"
        if key in ("score", "kinship_score"):
            return number_ru(value, 2)
        if isinstance(value, float) and not value.is_integer():
            return number_ru(value, 2, trim=True)
        return str(int(value))
    return str(value)


def _public(item: dict[str, Any], parent: str) -> dict[str, Any]:
    return {k: v for k, v in item.items() if not _private(k, v, parent)}


def describe_item(item: Any, parent: str = "") -> str:
    """One line about one evidence item (an asset row, an income, a справка, anything else)."""
    if not isinstance(item, dict):
        if isinstance(item, list):
            return ", ".join(describe_item(v, parent) for v in item)
        return value_text(parent, item)
    d = _public(item, parent)
    if "object_type" in d:
        kind = value_text("object_type", d["object_type"])
        if d.get("object_type") == "other" and d.get("object_type_raw"):
            kind = str(d["object_type_raw"])
        parts = [kind]
        if "holding" in d:
            parts.append(value_text("holding", d["holding"]))
        if "area" in d:
            parts.append(area_ru(d["area"]))
        if "ownership" in d:
            parts.append(value_text("ownership", d["ownership"]) + (f" {d['share']}" if d.get("share") else ""))
        elif d.get("share"):
            parts.append(f"доля {d['share']}")
        if d.get("country") and str(d["country"]).strip().lower() not in ("россия", "российская федерация", "рф"):
            parts.append(str(d["country"]))
        if "acquired_on" in d:
            parts.append(f"приобретено {date_ru(d['acquired_on'])}")
        if "basis" in d:
            parts.append(f"основание: {d['basis']}")
        return ", ".join(parts)
    if "make" in d or "vehicle_type" in d:
        name = " ".join(str(d[k]) for k in ("make", "model") if d.get(k))
        parts = [f"{value_text('vehicle_type', d.get('vehicle_type', ''))} {name}".strip()]
        if "year_made" in d:
            parts.append(f"{d['year_made']} г. в.")
        if "acquired_on" in d:
            parts.append(f"приобретено {date_ru(d['acquired_on'])}")
        return ", ".join(parts)
    if "bank" in d:
        parts = [str(d["bank"])]
        if d.get("account_type"):
            parts.append(str(d["account_type"]))
        if d.get("currency") and d["currency"] != "RUB":
            parts.append(str(d["currency"]))
        if "opened_on" in d:
            parts.append(f"открыт {date_ru(d['opened_on'])}")
        if "balance" in d:
            parts.append(f"остаток {money_ru(d['balance'])}")
        return ", ".join(parts)
    if "income_type" in d:
        text = value_text("income_type", d["income_type"])
        if d.get("description"):
            text += f" ({d['description']})"
        prefix = f"{d['year']}: " if "year" in d else ""
        return f"{prefix}{text}: {money_ru(d.get('amount'))}"
    if "asset_kind" in d:
        text = value_text("asset_kind", d["asset_kind"])
        if d.get("description"):
            text += f" «{d['description']}»"
        if "deal_date" in d:
            text += f", сделка {date_ru(d['deal_date'])}"
        text += f": {money_ru(d.get('amount'))}"
        if d.get("funds_source"):
            text += f", источник средств: {d['funds_source']}"
        return text
    if "declaration_id" in d:
        bits = [value_text("subject", d["subject"])] if "subject" in d else []
        if "year" in d:
            bits.append(f"за {d['year']} год")
        if "kind" in d:
            bits.append(value_text("kind", d["kind"]))
        if "corrects" in d:
            bits.append(f"уточняет {d['corrects']}")
        if "submitted_on" in d:
            bits.append(f"представлена {date_ru(d['submitted_on'])}")
        return f"{d['declaration_id']}" + (f" ({', '.join(bits)})" if bits else "")
    parts = []
    prefix = f"{d.pop('year')}: " if "year" in d and len(d) > 1 else ""
    if parent in ORGANISATION_PARENTS and "name" in d:
        head = f"{d.pop('name')}" + (f" (ИНН {d.pop('inn')})" if "inn" in d else "")
        parts.append(head)
    for key, value in sorted(d.items(), key=lambda kv: _generic_rank(*kv)):
        if isinstance(value, dict):
            inner = describe_item(value, key)
            if inner:
                parts.append(f"{_inline(label_of(key))}: {inner}")
        elif isinstance(value, list):
            parts.append(f"{_inline(label_of(key))}: {', '.join(describe_item(v, key) for v in value)}")
        else:
            parts.append(f"{_inline(label_of(key))}: {value_text(key, value)}")
    return prefix + ", ".join(parts)


#: The order of the fields of an item described on one line (others follow as stored).
GENERIC_ORDER = ("rank", "id", "date", "customer", "customer_inn", "name", "inn", "issuer_name", "issuer_inn", "kind",
                 "relation", "matched_under", "role", "roles", "share_pct", "kinship", "amount", "is_winner", "procedures",
                 "won_any", "since", "until", "score", "kinship_score", "method", "birth_date", "whose", "source")


def _generic_rank(key: str, value: Any = None) -> int:
    if isinstance(value, str) and value in COMPARISON_WORDS:  # "birth date: equal" after the score
        return len(GENERIC_ORDER) + 1
    return GENERIC_ORDER.index(key) if key in GENERIC_ORDER else len(GENERIC_ORDER)


def _value_block(key: str, value: Any) -> str:
    """A fact's value: lists one item per line, dicts and scalars on one line."""
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return ", ".join(value_text(key, v) for v in value)
        return "\n".join(describe_item(v, key) for v in value)
    if isinstance(value, dict):
        return describe_item(value, key)
    return value_text(key, value)


def _side_title(side: dict[str, Any]) -> str:
    title = f"{side['year']} год" if side.get("year") is not None else "справка"
    bits = []
    if side.get("declaration_id"):
        bits.append(f"справка {side['declaration_id']}")
    if side.get("kind") == "corrected":
        bits.append("уточненная")
    return title + (f" ({', '.join(bits)})" if bits else "")


def _ordered(keys: list[str]) -> list[str]:
    return sorted(keys, key=lambda k: (FIRST_KEYS.index(k) if k in FIRST_KEYS else len(FIRST_KEYS),
                                       list(KEY_LABELS).index(k) if k in KEY_LABELS else len(KEY_LABELS), k))


def evidence_view(evidence: dict[str, Any]) -> EvidenceView:
    """Readable facts of a flag's evidence; the two declarations of a year-over-year flag side by side."""
    rest = dict(evidence)
    view = EvidenceView()
    previous, current = rest.pop("previous", None), rest.pop("current", None)
    if isinstance(previous, dict) and isinstance(current, dict):
        view.sides = (_side_title(previous), _side_title(current))
        asset = rest.get("asset", "")
        for key in ASSET_ROW_KEYS:
            if key in previous or key in current:
                title = ASSET_LABELS.get(asset, "объект").capitalize()
                before, after = previous.get(key), current.get(key)
                view.compared.append((title, describe_item(before, "row") if before else "нет",
                                      describe_item(after, "row") if after else "нет"))
        rest.pop("asset", None)  # the title of the compared row
        keys = [k for k in dict.fromkeys([*previous, *current]) if k not in SIDE_SKIP and k not in ASSET_ROW_KEYS]
        for key in _ordered(keys):
            before, after = previous.get(key), current.get(key)
            if _private(key, before, "") and _private(key, after, ""):
                continue
            view.compared.append((label_of(key),
                                  "—" if _private(key, before, "") else _value_block(key, before),
                                  "—" if _private(key, after, "") else _value_block(key, after)))
    elif previous is not None or current is not None:
        rest.update({k: v for k, v in (("previous", previous), ("current", current)) if v is not None})
    if "reason_text" in rest:
        rest.pop("reason", None)
    if "match_label" in rest:
        rest.pop("matched_by", None)   # the label says it for this kind of asset
    for key in _ordered([k for k in rest if k not in NOISE_KEYS]):
        value = rest[key]
        if _private(key, value, ""):
            continue
        text = _value_block(key, value)
        if text:
            view.facts.append((label_of(key), text))
    return view
