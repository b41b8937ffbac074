"""What each finding's evidence holds: per code, every field with its Russian label, its format and
whether it may be shown to the head of the organisation.

A rule writes its evidence as a plain dict (stored as JSON in `flags.evidence`). What that dict may
contain is declared in the code's entry of `checks/catalogue.py` (`evidence=`), with the field kinds
and building blocks of this module; `entry.evidence_spec` is an :class:`EvidenceSpec`: a tree of
:class:`Field`s, one per key (a record's fields nested under it, a list's item fields under the
list). The single renderer (`checks/evidence_render.py`) takes labels and formats from it, and the
report keeps only fields marked `public` — an allow-list: a key a rule adds without declaring it,
or declares private, never reaches the report, and the test suite fails on an undeclared key.

Private (never in the report): the servant's and relatives' names, birth dates, addresses, account,
cadastral and registration numbers, personal INNs and identifiers, and the technical arithmetic
of a score. Public: what was declared about property, income and dates, amounts, labels of
how things were matched, organisations (company, supplier, customer) with their INNs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from declarations.model import (ASSET_KINDS, DECLARATION_KINDS, HOLDINGS, INCOME_TYPES, OBJECT_TYPES,
                                OFFICER_ROLES, OWNERSHIPS, PROCUREMENT_ROLES, RELATIONS, SECURITY_KINDS,
                                SUBJECTS, VEHICLE_TYPES)

# --------------------------------------------------------------------------- formats

TEXT = "text"              # as written
NUMBER = "number"          # `3`, `64,7`
MONEY = "money"            # `1 474 895,00 руб.`
AREA = "area"              # `64,7 кв. м`
PERCENT = "percent"        # `12,5 %`
RATIO = "ratio"            # `в 2,5 раза`
SCORE = "score"            # `0,87` (two decimals)
DATE = "date"              # `31.12.2023`
YES_NO = "yes_no"          # `да` / `нет`
CHOICE = "choice"          # a code shown by its Russian label (`choices`)
COMPARISON = "comparison"  # `equal` / `different` / `unknown` of a match: `совпадает`, `не совпадает`, …
RECORD = "record"          # a dict: its own fields
ROWS = "rows"              # a list of dicts: the fields of one item
LIST = "list"              # a list of scalars, each in the format `item`
FORMATS = (TEXT, NUMBER, MONEY, AREA, PERCENT, RATIO, SCORE, DATE, YES_NO, CHOICE, COMPARISON, RECORD, ROWS, LIST)


@dataclass(frozen=True)
class Field:
    """One key of a finding's evidence."""

    key: str
    label: str
    format: str = TEXT
    public: bool = True                          # may appear in the report to the head of the organisation
    fields: tuple[Field, ...] = ()               # of a RECORD, or of one item of ROWS
    item: str = TEXT                             # the format of one item of a LIST
    choices: Mapping[str, str] | None = field(default=None, compare=False)  # CHOICE (and a LIST of them)

    def __post_init__(self) -> None:
        if self.format not in FORMATS or self.item not in FORMATS:
            raise ValueError(f"{self.key}: unknown format {self.format!r} / {self.item!r}")
        if self.fields and self.format not in (RECORD, ROWS):
            raise ValueError(f"{self.key}: only a record or rows have fields")

    def child(self, key: str) -> Field | None:
        for sub in self.fields:
            if sub.key == key:
                return sub
        return None


@dataclass(frozen=True)
class EvidenceSpec:
    """The evidence of one finding code: its top-level fields."""

    code: str
    fields: tuple[Field, ...]

    @property
    def root(self) -> Field:
        return Field(self.code, self.code, RECORD, True, self.fields)

    def paths(self) -> Iterator[tuple[str, Field]]:
        """Every declared field with its path: `previous.row.area`, `candidates[].name`."""
        def walk(fields: tuple[Field, ...], prefix: str) -> Iterator[tuple[str, Field]]:
            for f in fields:
                path = f"{prefix}{f.key}"
                yield path, f
                if f.format == RECORD:
                    yield from walk(f.fields, path + ".")
                elif f.format == ROWS:
                    yield from walk(f.fields, path + "[].")
        return walk(self.fields, "")


def public_part(spec: Field, value: object) -> object:
    """Only what `spec` declares public: undeclared and private keys are dropped (an allow-list)."""
    if spec.format == RECORD and isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            sub = spec.child(key)
            if sub is not None and sub.public:
                kept[key] = public_part(sub, item)
        return kept
    if spec.format == ROWS and isinstance(value, list):
        item_spec = Field(spec.key, spec.label, RECORD, True, spec.fields)
        return [public_part(item_spec, v) for v in value]
    if spec.format in (RECORD, ROWS):
        return None  # not the declared shape: nothing of it is shown
    if isinstance(value, (dict, list)) and spec.format != LIST:
        return None
    if spec.format == LIST and isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return None
    return value


# --------------------------------------------------------------------------- labels and choices

#: The Russian label of a key wherever it appears (a field may say otherwise).
LABELS: dict[str, str] = {
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
    "parts": "Части ФИО", "part": "Часть ФИО", "a": "В кадровых данных", "b": "В реестре", "how": "Совпадение",
    "how_ru": "Совпадение (словами)", "rows": "Все объекты этого вида в справке", "row": "Строка",
    "what": "Сделка", "object_type_raw": "Вид объекта (как указано)",
}

ASSET_LABELS = {"real_estate": "объект недвижимости", "vehicle": "транспортное средство", "account": "счет"}
MATCHED_BY = {"identifier": "по номеру (идентификатору)", "attributes": "по признакам",
              "attributes_except_share": "по виду, площади и стране",
              "only_of_kind": "единственный объект такого вида в обеих справках",
              "only_of_type": "единственный объект этого вида в обеих справках",
              "only_of_bank": "единственный счет в этом банке в обеих справках",
              "none": "не сопоставлено ни по номеру, ни по признакам"}
# how `declarations match` compared a name and a person (evidence of section З)
HOW_RU = {
    "exact": "совпадает", "yo": "совпадает с учетом ё/е", "translit": "совпадает в транслитерации",
    "variant": "вариант имени", "gender_form": "другая родовая форма", "typo": "опечатка",
    "initials": "совпадают инициалы", "missing": "нет в одной из записей", "differ": "различается",
}
PART_RU = {"surname": "фамилия", "given": "имя", "patronymic": "отчество"}
METHOD_RU = {"inn": "по ИНН", "name": "по ФИО", "name+birth_date": "по ФИО и дате рождения",
             "name_unique": "по ФИО (инициалы или неполное ФИО; других подходящих лиц нет)",
             "name_several": "по ФИО (инициалы или неполное ФИО; подходит и к другим лицам из анкет)"}

CHOICES: dict[str, dict[str, str]] = {
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
    "method": METHOD_RU, "part": PART_RU, "how": HOW_RU,
    "matched_under": {"name": "нынешним ФИО", "current_name": "нынешним ФИО", "former_name": "прежним ФИО"},
    "whose": {"self": "служащий", "spouse": "супруг(а)", "spouse_former": "супруг(а), прежняя фамилия",
              "self_former": "служащий, прежняя фамилия",
              "self_declared_father": "служащий, отчество по имени отца из анкеты"},
    "reason": {"left_out": "приобретено ранее, в предыдущей справке не указано",
               "no_date_or_basis": "без даты и основания приобретения",
               "date_after_year": "дата приобретения позже отчетного года, основание не указано"},
}


# --------------------------------------------------------------------------- building blocks

def f(key: str, format: str = TEXT, *, public: bool = True, label: str | None = None, item: str = TEXT,
      fields: tuple[Field, ...] = ()) -> Field:
    """A field labelled as the key is everywhere (LABELS), its choices by its key (CHOICES)."""
    choices = CHOICES.get(key) if CHOICE in (format, item) else None
    return Field(key, label or LABELS.get(key, key.replace("_", " ")), format, public, fields, item, choices)


def private(key: str, format: str = TEXT, **kw) -> Field:
    return f(key, format, public=False, **kw)


def record(key: str, *fields: Field, public: bool = True, label: str | None = None) -> Field:
    return f(key, RECORD, public=public, label=label, fields=fields)


def rows(key: str, *fields: Field, public: bool = True, label: str | None = None) -> Field:
    return f(key, ROWS, public=public, label=label, fields=fields)


SOURCE_ROW = private("source_row", NUMBER, label="Строка файла")

REAL_ESTATE_ROW = (
    f("object_type", CHOICE), f("object_type_raw"), f("ownership", CHOICE),
    f("share"), f("holding", CHOICE), f("area", AREA), f("country"), private("address"),
    private("cadastral_number", label="Кадастровый номер"), f("acquired_on", DATE), f("basis"), SOURCE_ROW,
)
VEHICLE_ROW = (
    f("vehicle_type", CHOICE), f("make"), f("model"), f("year_made", NUMBER),
    private("registration", label="Регистрационный знак"), f("acquired_on", DATE), SOURCE_ROW,
)
ACCOUNT_ROW = (
    f("bank"), private("account_number", label="Номер счета"), f("account_type"), f("currency"),
    f("opened_on", DATE), f("balance", MONEY), SOURCE_ROW,
)
ASSET_ROWS = {"real_estate": REAL_ESTATE_ROW, "vehicle": VEHICLE_ROW, "account": ACCOUNT_ROW}
INCOME_ROW = (f("income_type", CHOICE), f("description"), f("amount", MONEY), SOURCE_ROW)
SALE_ROW = (f("year", NUMBER), f("declaration_id"), f("income_type", CHOICE), f("description"), f("amount", MONEY),
            SOURCE_ROW)

#: Added to every finding of the check rules by `checks/runner.py`: for the HR officer only.
SERVANT = record("servant", private("person_id", label="Табельный номер"), private("full_name", label="ФИО"),
                 private("name", label="ФИО"), private("organisation"), private("position"),
                 private("must_declare", YES_NO), private("procurement_role", CHOICE), private("handled_as", CHOICE),
                 public=False, label="Служащий")


def declaration(key: str, *extra: Field, many: bool = False) -> Field:
    """A справка: its number, year, whose, kind, dates (the relative's code and name are private)."""
    fields = (f("declaration_id"), f("year", NUMBER), f("subject", CHOICE),
              private("relative_id", label="Код родственника"), private("subject_name", label="ФИО"),
              f("kind", CHOICE), f("corrects"), f("submitted_on", DATE), SOURCE_ROW, *extra)
    return rows(key, *fields) if many else record(key, *fields)


def side(key: str, *extra: Field) -> Field:
    """One справка of a year-over-year pair."""
    return record(key, f("declaration_id"), f("year", NUMBER), f("kind", CHOICE), *extra)


PAIR = (f("subject", CHOICE), private("subject_key"), private("subject_name", label="ФИО"),
        f("years_without_declaration", LIST, item=NUMBER))
MATCHED = (f("matched_by", CHOICE), f("match_label"), f("match_score", NUMBER))


def asset_pair(kind: str, *extra: Field) -> tuple[Field, ...]:
    """A year-over-year finding about one object: both справки with the object's row (and the other
    справка's rows of that kind, where the object is missing from it)."""
    row = record("row", *ASSET_ROWS[kind])
    others = rows("rows", *ASSET_ROWS[kind])
    return (*PAIR, f("asset", CHOICE), side("previous", row, others), side("current", row, others), *MATCHED,
            *extra)


def gone(kind: str) -> tuple[Field, ...]:
    return asset_pair(kind, rows("sale_incomes", *SALE_ROW), rows("sales_used", *SALE_ROW),
                      f("sale_words", LIST, public=False))  # a setting: the report lists the settings once


PERSON_MATCH = record(
    "match", private("name_in_hr_records", label="ФИО в кадровых данных"),
    private("name_in_register", label="ФИО в реестре"), f("score", SCORE), f("method", CHOICE),
    rows("parts", f("part", CHOICE), private("a"), private("b"), f("how", CHOICE), f("how_ru"), f("score", SCORE),
         public=False),
    f("birth_date", COMPARISON), f("inn", COMPARISON), f("fits", NUMBER))
COMPANY = record("company", f("inn"), f("name"))
OFFICER = (private("name", label="ФИО"), f("role", CHOICE), f("share_pct", PERCENT), f("since", DATE),
           f("until", DATE))

# --------------------------------------------------------------------------- per code

