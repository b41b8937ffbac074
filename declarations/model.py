"""The data model: every input table as a pandera schema (polars backend).

These schemas are the single source of truth for the input contract
(`shared/spec/input.md`): the English key, the Russian header, the value kind used
to read text cells, whether the field is private, the enum labels, and every rule
(required, ranges, formats, checksums, uniqueness). Readers, validation, the
store's documentation and the publication allow-list all derive from here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandera.polars as pa
import polars as pl

from declarations import rules

# --- enumerations: key -> Russian label (the label is what users see and may type) ---

PROCUREMENT_ROLES = {
    "none": "нет",
    "customer_head": "руководитель заказчика",
    "commission": "член комиссии по закупкам",
    "contract_manager": "контрактный управляющий",
}
RELATIONS = {
    "spouse": "супруг(а)",
    "father": "отец",
    "mother": "мать",
    "son": "сын",
    "daughter": "дочь",
    "brother": "брат",
    "sister": "сестра",
    "half_brother": "единокровный (единоутробный) брат",
    "half_sister": "единокровная (единоутробная) сестра",
    "grandfather": "дедушка",
    "grandmother": "бабушка",
    "grandson": "внук",
    "granddaughter": "внучка",
    "adoptive_parent": "усыновитель",
    "adopted_child": "усыновленный ребенок",
    "spouse_father": "отец супруга(и)",
    "spouse_mother": "мать супруга(и)",
    "spouse_sibling": "брат (сестра) супруга(и)",
    "other": "иное",
}
SUBJECTS = {"self": "служащий", "spouse": "супруг(а)", "child": "несовершеннолетний ребенок"}
DECLARATION_KINDS = {"original": "первичная", "corrected": "уточненная"}
INCOME_TYPES = {
    "main_job": "по основному месту работы",
    "teaching": "от педагогической и научной деятельности",
    "creative": "от иной творческой деятельности",
    "deposits": "от вкладов в банках",
    "securities": "от ценных бумаг и долей участия",
    "other": "иные доходы",
}
ASSET_KINDS = {
    "land": "земельный участок",
    "real_estate": "объект недвижимости",
    "vehicle": "транспортное средство",
    "securities": "ценные бумаги",
    "digital_assets": "цифровые активы",
}
HOLDINGS = {"owned": "в собственности", "used": "в пользовании"}
OBJECT_TYPES = {
    "land": "земельный участок",
    "house": "жилой дом",
    "flat": "квартира",
    "garage": "гараж",
    "dacha": "дача",
    "parking": "машино-место",
    "non_residential": "нежилое помещение",
    "other": "иное",
}
OWNERSHIPS = {"individual": "индивидуальная", "shared": "общая долевая", "joint": "общая совместная"}
VEHICLE_TYPES = {
    "car": "автомобиль легковой",
    "truck": "автомобиль грузовой",
    "moto": "мототранспорт",
    "agri": "сельскохозяйственная техника",
    "water": "водный транспорт",
    "air": "воздушный транспорт",
    "other": "иное",
}
SECURITY_KINDS = {"shares": "акции", "stake": "доля участия", "other": "иные"}
OFFICER_ROLES = {
    "director": "руководитель",
    "founder": "учредитель",
    "board": "член коллегиального органа",
    "entrepreneur": "индивидуальный предприниматель",
}

# Polars dtypes for each value kind read from text.
KIND_DTYPES = {
    "text": pl.Utf8,
    "enum": pl.Utf8,
    "fraction": pl.Utf8,
    "date": pl.Date,
    "int": pl.Int64,
    "number": pl.Float64,
    "bool": pl.Boolean,
}


def field(
    header: str,
    kind: str = "text",
    *,
    required: bool = False,
    checks: list[pa.Check] | None = None,
    enum: dict[str, str] | None = None,
    default: object = None,
    private: bool = False,
    description: str = "",
    unique: bool = False,
) -> pa.Column:
    """One column of an input table, with everything readers and docs need."""
    all_checks = list(checks or [])
    if enum is not None:
        labels = ", ".join(f"«{label}»" for label in enum.values())
        all_checks.append(pa.Check.isin(list(enum), error=f"одно из значений: {labels}"))
    return pa.Column(
        KIND_DTYPES[kind],
        checks=all_checks,
        nullable=not required,
        unique=unique,
        required=False,  # absent optional columns are added as nulls before validation
        title=header,
        description=description,
        metadata={
            "kind": kind,
            "required": required,
            "enum": enum,
            "default": default,
            "private": private,
        },
    )


@dataclass(frozen=True)
class Sheet:
    """An input sheet: its key, Russian name, schema and role in the workbook."""

    key: str
    title: str
    schema: pa.DataFrameSchema
    required: bool = False
    section: bool = False  # section sheets: every row names its declaration_id

    @property
    def columns(self) -> dict[str, pa.Column]:
        return self.schema.columns


def _schema(name: str, columns: dict[str, pa.Column], **kw) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, name=name, strict=False, **kw)


_amount_ge0 = [pa.Check.ge(0, error="число не меньше нуля")]
_amount_gt0 = [pa.Check.gt(0, error="число больше нуля")]
_declaration_ref = {
    "declaration_id": field("Номер справки", required=True, description="The справка this row belongs to")
}

SERVANTS = Sheet(
    "servants",
    "Служащие",
    _schema(
        "servants",
        {
            "person_id": field("Табельный номер", required=True, unique=True,
                               description="Personnel number, stable across years; the join key"),
            "full_name": field("ФИО", required=True, description="Фамилия Имя Отчество"),
            "former_names": field("Прежние ФИО", private=True,
                                  description="';'-separated former (maiden) names, as in the анкета (beyond the "
                                              "contract: it lists them for relatives only)"),
            "birth_date": field("Дата рождения", "date", checks=[rules.plausible_birth_date()]),
            "organisation": field("Организация", required=True),
            "department": field("Подразделение"),
            "position": field("Должность", required=True),
            "must_declare": field("Обязан представлять", "bool", default=True,
                                  description="The position is in the list of positions that must declare"),
            "procurement_role": field("Роль в закупках", "enum", enum=PROCUREMENT_ROLES, default="none"),
            "inn": field("ИНН", checks=[rules.inn_check(12)], private=True,
                         description="Personal tax number (12 digits)"),
        },
    ),
    required=True,
)

RELATIVES = Sheet(
    "relatives",
    "Родственники",
    _schema(
        "relatives",
        {
            "person_id": field("Табельный номер", required=True, description="The servant"),
            "relative_id": field("Код родственника", required=True, unique=True,
                                 description="Stable across years for the same relative"),
            "relation": field("Степень родства", "enum", required=True, enum=RELATIONS),
            "full_name": field("ФИО", required=True, private=True),
            "former_names": field("Прежние ФИО", private=True, description="';'-separated former (maiden) names"),
            "birth_date": field("Дата рождения", "date", private=True, checks=[rules.plausible_birth_date()]),
            "inn": field("ИНН", checks=[rules.inn_check(12)], private=True),
            "address": field("Адрес", private=True),
        },
    ),
)

DECLARATIONS = Sheet(
    "declarations",
    "Справки",
    _schema(
        "declarations",
        {
            "declaration_id": field("Номер справки", required=True, unique=True),
            "person_id": field("Табельный номер", required=True, description="The servant"),
            "year": field("Отчетный год", "int", required=True, checks=[pa.Check.in_range(2000, 2100, error="год между 2000 и 2100")]),
            "subject": field("Чьи сведения", "enum", required=True, enum=SUBJECTS),
            "relative_id": field("Код родственника", description="Required for spouse and child; links to relatives"),
            "subject_name": field("ФИО лица", private=True,
                                  description="Required where relative_id is absent from relatives"),
            "subject_birth_date": field("Дата рождения лица", "date", private=True),
            "submitted_on": field("Дата представления", "date", required=True),
            "kind": field("Вид", "enum", enum=DECLARATION_KINDS, default="original"),
            "corrects": field("Уточняет справку", description="For corrected: the declaration_id it replaces"),
        },
        checks=[rules.relative_required_for_family(), rules.corrects_required_for_corrected()],
    ),
    required=True,
)

INCOMES = Sheet(
    "incomes",
    "Доходы",
    _schema(
        "incomes",
        {
            **_declaration_ref,
            "income_type": field("Вид дохода", "enum", required=True, enum=INCOME_TYPES),
            "description": field("Описание", private=True, description="e.g. «продажа квартиры»"),
            "amount": field("Сумма, руб.", "number", required=True, checks=_amount_ge0),
        },
    ),
    section=True,
)

EXPENSES = Sheet(
    "expenses",
    "Расходы",
    _schema(
        "expenses",
        {
            **_declaration_ref,
            "asset_kind": field("Вид имущества", "enum", required=True, enum=ASSET_KINDS),
            "description": field("Описание", description="What was acquired"),
            "amount": field("Сумма сделки, руб.", "number", required=True, checks=_amount_gt0),
            "deal_date": field("Дата сделки", "date"),
            "funds_source": field("Источник средств", description="Published in column 13"),
        },
    ),
    section=True,
)

REAL_ESTATE = Sheet(
    "real_estate",
    "Недвижимость",
    _schema(
        "real_estate",
        {
            **_declaration_ref,
            "holding": field("Право", "enum", required=True, enum=HOLDINGS),
            "object_type": field("Вид объекта", "enum", required=True, enum=OBJECT_TYPES),
            "ownership": field("Вид собственности", "enum", enum=OWNERSHIPS, description="Empty for used"),
            "share": field("Доля", "fraction", checks=[rules.fraction_check()], description="Required for shared"),
            "area": field("Площадь, кв. м", "number", required=True, checks=[pa.Check.gt(0, error="площадь больше нуля")]),
            "country": field("Страна", default="Россия"),
            "address": field("Адрес", private=True),
            "cadastral_number": field("Кадастровый номер", private=True, checks=[rules.cadastral_check()]),
            "acquired_on": field("Дата приобретения", "date"),
            "basis": field("Основание приобретения"),
        },
        checks=[rules.share_required_for_shared(), rules.ownership_only_for_owned()],
    ),
    section=True,
)

VEHICLES = Sheet(
    "vehicles",
    "Транспорт",
    _schema(
        "vehicles",
        {
            **_declaration_ref,
            "vehicle_type": field("Вид", "enum", required=True, enum=VEHICLE_TYPES),
            "make": field("Марка", required=True),
            "model": field("Модель"),
            "year_made": field("Год выпуска", "int", checks=[pa.Check.in_range(1900, 2100, error="год между 1900 и 2100")]),
            "registration": field("Регистрационный знак", private=True),
            "acquired_on": field("Дата приобретения", "date"),
        },
    ),
    section=True,
)

ACCOUNTS = Sheet(
    "accounts",
    "Счета",
    _schema(
        "accounts",
        {
            **_declaration_ref,
            "bank": field("Банк", required=True, private=True),
            "account_number": field("Номер счета", private=True, checks=[rules.digits_check(20)]),
            "account_type": field("Вид счета", description="e.g. «текущий», «депозитный»"),
            "currency": field("Валюта", default="RUB", checks=[rules.currency_check()]),
            "opened_on": field("Дата открытия", "date", required=True),
            "balance": field("Остаток, руб.", "number", private=True),
        },
    ),
    section=True,
)

SECURITIES = Sheet(
    "securities",
    "Ценные бумаги",
    _schema(
        "securities",
        {
            **_declaration_ref,
            "issuer_name": field("Наименование организации", required=True),
            "issuer_inn": field("ИНН организации", checks=[rules.inn_check(10, 12)]),
            "kind": field("Вид", "enum", required=True, enum=SECURITY_KINDS),
            "share_pct": field("Доля, %", "number", checks=[pa.Check.in_range(0, 100, error="процент от 0 до 100")]),
            "amount": field("Стоимость, руб.", "number", checks=_amount_ge0),
        },
    ),
    section=True,
)

LIABILITIES = Sheet(
    "liabilities",
    "Обязательства",
    _schema(
        "liabilities",
        {
            **_declaration_ref,
            "kind": field("Вид обязательства", description="кредит, заем, ипотека"),
            "creditor": field("Кредитор", private=True),
            "amount": field("Сумма, руб.", "number", checks=_amount_gt0),
            "incurred_on": field("Дата возникновения", "date"),
        },
    ),
    section=True,
)

PAYROLL = Sheet(
    "payroll",
    "Начисления",
    _schema(
        "payroll",
        {
            "person_id": field("Табельный номер", required=True),
            "year": field("Год", "int", required=True, checks=[pa.Check.in_range(2000, 2100, error="год между 2000 и 2100")]),
            "amount": field("Начислено, руб.", "number", required=True, checks=_amount_ge0),
        },
        unique=["person_id", "year"],
    ),
)

WORKBOOK_SHEETS: tuple[Sheet, ...] = (
    SERVANTS, RELATIVES, DECLARATIONS, INCOMES, EXPENSES, REAL_ESTATE,
    VEHICLES, ACCOUNTS, SECURITIES, LIABILITIES, PAYROLL,
)

# --- procurement and the company register (loaded separately) ---

PROCUREMENT = Sheet(
    "procurement",
    "Закупки",
    _schema(
        "procurement",
        {
            "procedure_id": field("Номер закупки", required=True),
            "customer": field("Заказчик", required=True),
            "customer_inn": field("ИНН заказчика", required=True, checks=[rules.company_code_check()]),
            "date": field("Дата", "date", required=True),
            "amount": field("Сумма, руб.", "number", checks=_amount_ge0),
            "participant_inn": field("ИНН участника", required=True, checks=[rules.company_code_check()]),
            "participant_name": field("Участник", required=True),
            "is_winner": field("Победитель", "bool", default=False),
        },
        unique=["procedure_id", "participant_inn"],
    ),
    required=True,
)

COMMISSIONS = Sheet(
    "commissions",
    "Комиссии",
    _schema(
        "commissions",
        {
            "procedure_id": field("Номер закупки", required=True),
            "person_id": field("Табельный номер", required=True),
            "role": field("Роль", "enum", required=True,
                          enum={k: v for k, v in PROCUREMENT_ROLES.items() if k != "none"}),
        },
        unique=["procedure_id", "person_id", "role"],
    ),
    required=True,
)

OFFICERS = Sheet(
    "officers",
    "Руководители и учредители",
    _schema(
        "officers",
        {
            "company_inn": field("ИНН организации", required=True, checks=[rules.company_code_check()]),
            "company_name": field("Наименование организации", required=True),
            "person_name": field("ФИО", required=True),
            "person_inn": field("ИНН физического лица", checks=[rules.inn_check(12)]),
            "birth_date": field("Дата рождения", "date"),
            "role": field("Роль", "enum", required=True, enum=OFFICER_ROLES),
            "share_pct": field("Доля, %", "number", checks=[pa.Check.in_range(0, 100, error="процент от 0 до 100")]),
            "since": field("С даты", "date"),
            "until": field("По дату", "date"),
        },
    ),
    required=True,
)

REGISTRY_SHEETS: tuple[Sheet, ...] = (PROCUREMENT, COMMISSIONS, OFFICERS)
ALL_SHEETS: tuple[Sheet, ...] = WORKBOOK_SHEETS + REGISTRY_SHEETS
SHEETS_BY_KEY = {s.key: s for s in ALL_SHEETS}


def private_fields() -> dict[str, list[str]]:
    """Every field the contract calls private, by table (used by publication tests)."""
    return {
        s.key: [name for name, col in s.columns.items() if col.metadata["private"]]
        for s in ALL_SHEETS
    }


# --- what the HR officer reads in the note on each header of the template (`declarations template`) ---
# (what goes in the column, in Russian, and an example value); the format, the allowed values, the default
# and the privacy mark of the note come from the field itself. A test checks every workbook column has one.

OFFICER_NOTES: dict[str, dict[str, tuple[str, str]]] = {
    "servants": {
        "person_id": ("Табельный номер служащего; не меняется из года в год и связывает все листы", "00-000123"),
        "full_name": ("Фамилия, имя, отчество полностью", "Иванов Иван Иванович"),
        "former_names": ("Прежние фамилии, имена, отчества (из анкеты), через точку с запятой",
                         "Петрова Мария Ивановна"),
        "birth_date": ("Дата рождения служащего", "17.10.1976"),
        "organisation": ("Полное наименование органа или организации", "Администрация Энского района"),
        "department": ("Структурное подразделение", "Отдел муниципального заказа"),
        "position": ("Замещаемая должность", "Начальник отдела"),
        "must_declare": ("Должность входит в перечень должностей, обязанных представлять сведения", "да"),
        "procurement_role": ("Участие в закупках организации", "член комиссии по закупкам"),
        "inn": ("ИНН служащего", "500100732259"),
    },
    "relatives": {
        "person_id": ("Табельный номер служащего, чей это родственник", "00-000123"),
        "relative_id": ("Код родственника: один и тот же из года в год", "00-000123-01"),
        "relation": ("Степень родства со служащим", "супруг(а)"),
        "full_name": ("Фамилия, имя, отчество родственника", "Иванова Мария Петровна"),
        "former_names": ("Прежние ФИО (девичья фамилия), через точку с запятой", "Петрова Мария Петровна"),
        "birth_date": ("Дата рождения родственника", "09.09.1975"),
        "inn": ("ИНН родственника", "500100732259"),
        "address": ("Адрес места жительства", "г. Энск, ул. Лесная, д. 3, кв. 5"),
    },
    "declarations": {
        "declaration_id": ("Номер справки, не повторяется ни в одном году; по нему строки других листов "
                           "относятся к справке", "2024-000001"),
        "person_id": ("Табельный номер служащего, представившего справку", "00-000123"),
        "year": ("Отчетный год (календарный год, за который представлены сведения)", "2024"),
        "subject": ("Чьи сведения в справке", "служащий"),
        "relative_id": ("Код родственника с листа «Родственники» (для справки супруга(и) или ребенка)",
                        "00-000123-01"),
        "subject_name": ("ФИО супруга(и) или ребенка, если его нет на листе «Родственники»",
                         "Иванова Мария Петровна"),
        "subject_birth_date": ("Дата рождения супруга(и) или ребенка", "09.09.1975"),
        "submitted_on": ("Дата, когда справка представлена; пока справки нет, оставьте пустой", "15.03.2025"),
        "kind": ("Первичная справка или уточненная", "первичная"),
        "corrects": ("Для уточненной справки: номер справки, которую она уточняет", "2024-000001"),
    },
    "incomes": {
        "declaration_id": ("Номер справки с листа «Справки»", "2024-000001"),
        "income_type": ("Вид дохода (раздел 1 справки)", "по основному месту работы"),
        "description": ("Пояснение к доходу", "продажа квартиры"),
        "amount": ("Величина дохода за год, руб.", "1 474 895,00"),
    },
    "expenses": {
        "declaration_id": ("Номер справки с листа «Справки»", "2024-000001"),
        "asset_kind": ("Вид приобретенного имущества (раздел 2 справки)", "объект недвижимости"),
        "description": ("Что приобретено", "квартира, 54,3 кв. м"),
        "amount": ("Сумма сделки, руб.", "6 500 000,00"),
        "deal_date": ("Дата сделки", "12.07.2024"),
        "funds_source": ("Источник получения средств", "ипотечный кредит; доход от продажи квартиры"),
    },
    "real_estate": {
        "declaration_id": ("Номер справки с листа «Справки»", "2024-000001"),
        "holding": ("В собственности (раздел 3.1) или в пользовании (раздел 6.1)", "в собственности"),
        "object_type": ("Вид объекта недвижимости", "квартира"),
        "ownership": ("Вид собственности; для объекта в пользовании оставьте пустым", "общая долевая"),
        "share": ("Доля для общей долевой собственности, дробью", "1/2"),
        "area": ("Площадь, кв. м", "64,7"),
        "country": ("Страна расположения", "Россия"),
        "address": ("Местонахождение объекта", "г. Энск, ул. Центральная, д. 38, кв. 88"),
        "cadastral_number": ("Кадастровый номер, если известен", "69:40:0100123:456"),
        "acquired_on": ("Дата приобретения (регистрации права)", "20.05.2015"),
        "basis": ("Основание приобретения", "договор купли-продажи"),
    },
    "vehicles": {
        "declaration_id": ("Номер справки с листа «Справки»", "2024-000001"),
        "vehicle_type": ("Вид транспортного средства", "автомобиль легковой"),
        "make": ("Марка", "Toyota"),
        "model": ("Модель", "RAV4"),
        "year_made": ("Год выпуска", "2019"),
        "registration": ("Государственный регистрационный знак", "А123ВС69"),
        "acquired_on": ("Дата приобретения (регистрации)", "03.08.2020"),
    },
    "accounts": {
        "declaration_id": ("Номер справки с листа «Справки»", "2024-000001"),
        "bank": ("Наименование банка или иной кредитной организации", "ПАО Сбербанк"),
        "account_number": ("Номер счета", "40817810600001234567"),
        "account_type": ("Вид счета", "текущий"),
        "currency": ("Валюта счета, код ISO", "RUB"),
        "opened_on": ("Дата открытия счета", "14.02.2016"),
        "balance": ("Остаток на счете на 31 декабря отчетного года, руб.", "125 300,00"),
    },
    "securities": {
        "declaration_id": ("Номер справки с листа «Справки»", "2024-000001"),
        "issuer_name": ("Наименование организации (эмитента) или общества, в котором есть доля",
                        "ООО «Энскстрой»"),
        "issuer_inn": ("ИНН организации", "6901001233"),
        "kind": ("Акции, доля участия или иные ценные бумаги", "доля участия"),
        "share_pct": ("Доля участия, процентов", "25"),
        "amount": ("Стоимость (номинальная), руб.", "10 000,00"),
    },
    "liabilities": {
        "declaration_id": ("Номер справки с листа «Справки»", "2024-000001"),
        "kind": ("Вид обязательства", "ипотека"),
        "creditor": ("Кредитор", "ПАО Сбербанк"),
        "amount": ("Сумма обязательства, руб.", "3 200 000,00"),
        "incurred_on": ("Дата возникновения", "12.07.2024"),
    },
    "payroll": {
        "person_id": ("Табельный номер служащего", "00-000123"),
        "year": ("Год начисления", "2024"),
        "amount": ("Начислено по основному месту работы за год (данные бухгалтерии), руб.", "1 474 895,00"),
    },
}
