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
  declarations side by side where a flag compares years — rendered by
  `checks.evidence_render.evidence_view`, which shows only the fields `checks/evidence.py`
  declares public for the code (an allow-list: relatives' names, addresses, cadastral and
  account numbers, registration plates, personal INNs and any undeclared key are left out;
  the flag's own message is shown without the names of the servant's relatives);
* per servant with active flags, the family's income and owned area in every year stored;
* the conclusion, a paragraph generated from these figures.

A servant's organisation is the roster row of the reporting year, else the latest one
(flags of servants missing from every roster go under «Организация не указана»).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import polars as pl

from checks import catalogue
from checks.evidence_render import EvidenceView, evidence_view
from declarations import calendar, russian
from declarations.russian import NBSP, date_ru, plural  # noqa: F401 (date_ru: the report template's filter)
from declarations.settings import Settings, settings_from
from declarations.store import Store

NO_ORGANISATION = "Организация не указана"

# --------------------------------------------------------------------------- labels

STATUS_ORDER = (*catalogue.STATUSES, "resolved")
STATUS_LABELS = {**catalogue.STATUSES, "resolved": "устранено"}  # resolved: `resolved_at` set, whatever the status
OPEN_STATUSES = ("new", "escalated")
SEVERITY_ORDER = tuple(catalogue.SEVERITIES)
SEVERITY_LABELS = catalogue.SEVERITIES
SECTION_LABELS = catalogue.FAMILIES

#: checks.md, in Russian: code -> (section, short description). The order is the catalogue's.
CODES: dict[str, tuple[str, str]] = {c.code: (c.family, c.description) for c in catalogue.CATALOGUE}

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
# One implementation in declarations.russian; the report puts non-breaking spaces in numbers and units.


def number_ru(value: float | int | None, decimals: int = 2, trim: bool = False) -> str:
    return russian.number_ru(value, decimals, trim, space=NBSP)


def int_ru(value: int | None) -> str:
    return russian.int_ru(value, space=NBSP)


def money_ru(value: float | None) -> str:
    return russian.rub(value, space=NBSP)


def area_ru(value: float | None) -> str:
    return russian.area_ru(value, space=NBSP, missing="—")


def share(part: int, whole: int) -> float | None:
    """Part of whole in per cent; None when there is no whole."""
    return None if not whole else 100.0 * part / whole


def pct_ru(value: float | None) -> str:
    return russian.pct_ru(value, space=NBSP)


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
    """Every flag of the reporting year with the servant's organisation, name, position and department.

    A flag's message names the spouse or child it is about («Супруг(а) Иванова Мария Петровна: …»): the
    report to the head of the organisation gets it without the names of the servant's relatives (as
    stored: the messages are written from the stored names); the servant's own name stays."""
    flags = _year_flags(store, year)
    names: dict[str, list[str]] = {}
    for person_id, text in store.con.execute("""
            WITH flagged AS (SELECT DISTINCT person_id FROM flags WHERE year = $year)
            SELECT person_id, full_name FROM relatives WHERE full_name IS NOT NULL AND person_id IN (FROM flagged)
            UNION SELECT person_id, unnest(string_split(former_names, ';')) FROM relatives
                  WHERE former_names IS NOT NULL AND person_id IN (FROM flagged)
            UNION SELECT person_id, subject_name FROM declarations
                  WHERE subject <> 'self' AND subject_name IS NOT NULL AND person_id IN (FROM flagged)
            """, {"year": year}).fetchall():
        if text.strip():
            names.setdefault(person_id, []).append(text.strip())
    messages = [_without_names(message, names.get(person_id, ()))
                for person_id, message in flags.select("person_id", "message").iter_rows()]
    return flags.with_columns(pl.Series("message", messages, dtype=pl.Utf8))


def _without_names(message: str, names: Iterable[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        message = message.replace(name, "")
    return re.sub(r"\s+([:,;)])", r"\1", " ".join(message.split()))


def _year_flags(store: Store, year: int) -> pl.DataFrame:
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
                message=row["message"], evidence=evidence_view(row["code"], evidence),
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


def build_report(store: Store, year: int, settings: Settings | None, today: date | None = None) -> Report:
    settings = settings if settings is not None else settings_from()
    due = calendar.deadlines(year, "default", **settings.deadlines.calendar_options())
    ran = checks_ran(store, year)
    adult = settings.checks.adult_age
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
                  settings=settings_used(store, settings.as_dict()))
