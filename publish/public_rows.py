"""The redaction step: public rows of the Указ № 613 form, built from an allow-list.

Nothing here deletes private data from a copy of the store. Every published value
is read from an explicitly named column (`ALLOWED`) and formatted into a new,
public-only structure; anything not named there never reaches a writer. The
writers (xlsx, html, csv, Declarator JSON) see only the dataclasses below.

The public form (columns 1–13 of shared/spec/output.md):

* one block per servant who has effective справки of the year (a corrected справка
  replaces its original — the store's `effective_declarations` view);
* the declarant is «Фамилия И.О.»; each family member is its own person-subject named
  only by relation: «Супруга» / «Супруг» (by the declarant's gender, from the
  patronymic: -вна, -чна, кызы → a female declarant, whose spouse is «Супруг») and
  «Несовершеннолетний ребенок». A relative's own name is never read;
* real estate owned (type, ownership with share, area, country), used (type, area,
  country), vehicles (type label, make, model), the declared annual income (the sum
  of incomes) and column 13 (deals under 230-ФЗ: what was acquired and the sources).

Conventions where output.md is silent (the note under the site's table states the first):

* «-» marks an empty cell everywhere: a subject with no owned (or no used) property
  gets «-» in each of the columns of that group, no vehicles «-», no deals «-», and
  no income rows at all «-» (a declared zero is «0,00»). Real sites mostly use «-»;
  «не имеет» is not used, so one convention holds for every column;
* the position is only written for the declarant (family rows leave it blank, as on
  real sites);
* one table per organisation, with a heading row per department (roster order of the
  departments, people outside any department first); № runs through the organisation;
  `[publish] sort_by` orders the people within each department («surname»: by full name,
  «position»: the order of the roster); family members follow the declarant: the spouse,
  then the children;
* several vehicles (or deals) of one person share the cell, separated by «;» and a line break;
* numbers are Russian text: money «1 474 895,00», areas «64,7» (at least one decimal,
  at most two, thousands grouped: «1 200,0»), shares «общая долевая (1/2)»;
* column 13 names what was acquired by a controlled vocabulary only (the object type
  if the description names one, else the asset kind: «квартира», «земельный участок»,
  «транспортное средство»…), followed by the sources of funds;
* the few free-text fields that are published (make and model, country, sources of
  funds) are additionally scrubbed (`publish.privacy`) of every private value of the year (names of
  relatives, banks, creditors, plates, numbers…), so a value typed in the wrong
  column cannot leak.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from declarations.errors import InputError, Issue
from declarations.model import ASSET_KINDS, OBJECT_TYPES, OWNERSHIPS, VEHICLE_TYPES
from declarations.store import Store
from declarations.text import fold
from publish.privacy import YEAR_DECLARATIONS, YEAR_PERSONS, scrub_texts
from publish.public_text import country_text, object_type_text, vehicle_text

# The allow-list: the only store columns read for publication, by table.
ALLOWED: dict[str, tuple[str, ...]] = {
    "servants": ("person_id", "full_name", "organisation", "department", "position", "source_row", "section_id"),
    "declarations": ("declaration_id", "person_id", "subject", "subject_key", "section_id"),
    "incomes": ("declaration_id", "amount"),  # public remarks stay in the store: income descriptions and
                                               # bank names are never published (output.md)
    "real_estate": ("declaration_id", "holding", "object_type", "object_type_raw", "ownership", "share", "area",
                    "country", "source_row"),
    "vehicles": ("declaration_id", "vehicle_type", "make", "model", "source_row"),
    "expenses": ("declaration_id", "asset_kind", "description", "funds_source", "source_row"),
}

SORT_ORDERS = ("surname", "position")
SPOUSE_OF_MAN = "Супруга"
SPOUSE_OF_WOMAN = "Супруг"
SPOUSE_UNKNOWN = "Супруг(а)"  # public data with initials only: the gender is not known
CHILD = "Несовершеннолетний ребенок"
EMPTY = "-"
DEFAULT_COUNTRY = "Россия"

# Column headers of the form (Указ № 613): two-row header, groups over columns 4–7 and 8–10.
COLUMNS: tuple[str, ...] = (
    "№ п/п",
    "Фамилия и инициалы лица, чьи сведения размещаются",
    "Должность",
    "Вид объекта",
    "Вид собственности",
    "Площадь (кв. м)",
    "Страна расположения",
    "Вид объекта",
    "Площадь (кв. м)",
    "Страна расположения",
    "Транспортные средства (вид, марка)",
    "Декларированный годовой доход (руб.)",
    "Сведения об источниках получения средств, за счет которых совершена сделка "
    "(вид приобретенного имущества, источники)",
)
OWNED_GROUP = "Объекты недвижимости, находящиеся в собственности"
USED_GROUP = "Объекты недвижимости, находящиеся в пользовании"
GROUPS: tuple[tuple[str, int, int], ...] = ((OWNED_GROUP, 3, 7), (USED_GROUP, 7, 10))  # (title, first, end) 0-based
# Flat column names for machine-readable outputs (csv): the group is part of the name.
FLAT_COLUMNS: tuple[str, ...] = (
    COLUMNS[0], COLUMNS[1], COLUMNS[2],
    *(f"{OWNED_GROUP}: {c.lower()}" for c in COLUMNS[3:7]),
    *(f"{USED_GROUP}: {c.lower()}" for c in COLUMNS[7:10]),
    COLUMNS[10], COLUMNS[11], COLUMNS[12],
)


def title_lines(year: int, organisation: str | None = None) -> list[str]:
    lines = ["Сведения о доходах, расходах, об имуществе и обязательствах имущественного характера"]
    if organisation:
        lines.append(f"лиц, замещающих должности в организации «{organisation}», "
                     "их супругов и несовершеннолетних детей")
    lines.append(f"за период с 1 января {year} г. по 31 декабря {year} г.")
    return lines


# --- number formats -------------------------------------------------------------------------------

def _group(digits: str) -> str:
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return " ".join(out)


def format_money(value: float) -> str:
    """1474895 → «1 474 895,00»."""
    whole, frac = f"{abs(value):.2f}".split(".")
    return ("-" if value < 0 else "") + f"{_group(whole)},{frac}"


def format_area(value: float) -> str:
    """64.7 → «64,7»; 60 → «60,0»; 32.25 → «32,25»; 1200 → «1 200,0»."""
    text = f"{value:.2f}"
    if text.endswith("0"):
        text = text[:-1]
    whole, frac = text.split(".")
    return f"{_group(whole)},{frac}"


# --- names ------------------------------------------------------------------------------------------

def short_name(full_name: str) -> str:
    """«Иванов Иван Иванович» → «Иванов И.И.»; «Белецкий С.О.» stays (initials written together are two).

    Hyphenated names keep both initials («Анна-Мария» → «А.-М.»).
    """
    words = full_name.split()
    if not words:
        return ""
    given = [w for word in words[1:] for w in word.split(".") if w][:2]
    initials = ""
    for word in given:
        parts = [p for p in word.split("-") if p]
        initials += "-".join(f"{p[0].upper()}." for p in parts)
    return f"{words[0]} {initials}".strip()


def has_patronymic(full_name: str) -> bool:
    """A patronymic written out tells the gender; initials («Базаржапова А.Б.») do not."""
    words = [w for w in re.split(r"[\s.]+", full_name) if w]
    return len(words) >= 3 and len(words[2]) > 2


def is_female_name(full_name: str) -> bool:
    """The declarant's gender from the patronymic (-вна, -чна, -кызы/-гызы are female)."""
    words = fold(full_name).split()
    if len(words) < 3:
        return False
    patronymic = words[2] if words[-1] not in ("кызы", "гызы", "оглы", "улы", "уулу") else words[-1]
    return patronymic.endswith(("вна", "чна", "кызы", "гызы"))


# --- the public model ---------------------------------------------------------------------------------

class Cell(NamedTuple):
    """One cell of a block's grid (a tuple: millions are made for a big table)."""

    text: str
    rowspan: int = 1
    header: bool = False  # the name cell: a row header in HTML


@dataclass(frozen=True)
class OwnedEstate:
    type: str
    ownership: str
    area: str
    country: str


@dataclass(frozen=True)
class UsedEstate:
    type: str
    area: str
    country: str


@dataclass
class Subject:
    """One person-subject of a block: the declarant or one family member (named by relation)."""

    label: str
    relation: str | None  # None for the declarant; "spouse" or "child"
    position: str
    owned: list[OwnedEstate]
    used: list[UsedEstate]
    vehicles: list[str]
    income: str
    income_value: float | None
    deals: str
    relative_index: int | None = None  # 1, 2, … over the family members of the block (Declarator)

    @property
    def height(self) -> int:
        return max(1, len(self.owned), len(self.used))


@dataclass
class Block:
    """One servant with the family: the rows under one number."""

    number: int
    name: str
    position: str
    subjects: list[Subject]
    sort_name: str = ""
    grid: list[list[Cell | None]] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def height(self) -> int:
        return sum(s.height for s in self.subjects)

    @property
    def income_value(self) -> float | None:
        return self.subjects[0].income_value


@dataclass
class Section:
    department: str | None
    blocks: list[Block] = field(default_factory=list)


@dataclass
class OrganisationTable:
    name: str
    slug: str
    sections: list[Section]

    @property
    def blocks(self) -> list[Block]:
        return [b for s in self.sections for b in s.blocks]


@dataclass
class PublicYear:
    year: int
    organisations: list[OrganisationTable]

    @property
    def blocks(self) -> int:
        return sum(len(o.blocks) for o in self.organisations)


# --- the grid: what each writer lays out ----------------------------------------------------------------

_BLANK = Cell("")


def block_grid(block: Block) -> list[list[Cell | None]]:
    """The block as rows of 13 cells; None where a cell above spans over it (a merged cell).

    Made once per block and kept: every writer lays out the same grid.
    """
    if block.grid is None:
        block.grid = _make_grid(block)
    return block.grid


def _make_grid(block: Block) -> list[list[Cell | None]]:
    rows: list[list[Cell | None]] = []
    for s_index, subject in enumerate(block.subjects):
        h = subject.height
        for i in range(h):
            row: list[Cell | None] = [None] * 13
            if s_index == 0 and i == 0:
                row[0] = Cell(str(block.number), block.height)
            if i == 0:
                row[1] = Cell(subject.label, h, header=True)
                row[2] = Cell(subject.position, h)
                row[10] = Cell(";\n".join(subject.vehicles) if subject.vehicles else EMPTY, h)
                row[11] = Cell(subject.income, h)
                row[12] = Cell(subject.deals, h)
            if subject.owned:
                if i < len(subject.owned):
                    e = subject.owned[i]
                    row[3:7] = [Cell(e.type), Cell(e.ownership), Cell(e.area), Cell(e.country)]
                else:
                    row[3:7] = [_BLANK] * 4
            elif i == 0:
                row[3:7] = [Cell(EMPTY, h)] * 4
            if subject.used:
                if i < len(subject.used):
                    used = subject.used[i]
                    row[7:10] = [Cell(used.type), Cell(used.area), Cell(used.country)]
                else:
                    row[7:10] = [_BLANK] * 3
            elif i == 0:
                row[7:10] = [Cell(EMPTY, h)] * 3
            rows.append(row)
    return rows


def flat_rows(block: Block) -> Iterator[list[str]]:
    """The block's grid with merged values repeated (for csv)."""
    above: list[str] = [""] * 13
    for row in block_grid(block):
        values = []
        for col, cell in enumerate(row):
            if cell is not None:
                above[col] = cell.text.replace(";\n", "; ").replace("\n", " ")
            values.append(above[col])
        yield values


# --- building public rows from the store -------------------------------------------------------------------

def _rows(store: Store, sql: str, params: list | dict) -> list[dict]:
    cursor = store.con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _select(table: str) -> str:
    return ", ".join(ALLOWED[table])


_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
     "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
))


def slugify(text: str) -> str:
    """«Администрация города» → «administratsiya-goroda» (ASCII, for file names)."""
    out = "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())
    out = re.sub(r"[^a-z0-9]+", "-", out).strip("-")
    return out[:60].strip("-") or "organisation"


def _unique_slugs(names: list[str]) -> dict[str, str]:
    slugs: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        base = slugify(name)
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        slugs[name] = slug
    return slugs


def _object_label(object_type: str, raw: str | None) -> str:
    """The type as written where the store kept it («комната», «баня»), cut before anything that locates
    the property, else the form's label."""
    raw = object_type_text(raw)
    if raw:
        return raw[:1].lower() + raw[1:] if raw[1:2].islower() else raw
    return OBJECT_TYPES.get(object_type, OBJECT_TYPES["other"])


_DEAL_OBJECTS = (
    ("земельн", "земельный участок"), ("участ", "земельный участок"), ("машино", "машино-место"),
    ("гараж", "гараж"), ("дач", "дача"), ("квартир", "квартира"), ("комнат", "комната"),
    ("дом", "жилой дом"), ("нежил", "нежилое помещение"),
    ("грузов", VEHICLE_TYPES["truck"]), ("легков", VEHICLE_TYPES["car"]), ("автомоб", VEHICLE_TYPES["car"]),
    ("мото", VEHICLE_TYPES["moto"]), ("лодк", VEHICLE_TYPES["water"]), ("катер", VEHICLE_TYPES["water"]),
    ("акци", "акции"), ("облигац", "облигации"), ("цифров", ASSET_KINDS["digital_assets"]),
)


def deal_object(asset_kind: str, description: str | None) -> str:
    """What was acquired, by a controlled vocabulary (never the free-text description itself)."""
    folded = fold(description or "")
    for stem, label in _DEAL_OBJECTS:
        if stem in folded:
            return label
    return ASSET_KINDS.get(asset_kind, "иное имущество")


def _country(text: str | None, scrub: Callable[[str | None], str]) -> str:
    return country_text(scrub(text)) or DEFAULT_COUNTRY


def _vehicle(row: dict, scrub: Callable[[str | None], str]) -> str:
    """«автомобиль легковой BMW X5»: the form's type once, then make and model.

    Public data may keep the type inside the make («Автоприцеп «ВОЗАР»», «Мотоцикл Сузуки»): then
    the make says it and no label is put before it; «иное» is never put before anything.
    """
    make, model = vehicle_text(scrub(row["make"])), vehicle_text(scrub(row["model"]))
    label = VEHICLE_TYPES.get(row["vehicle_type"], VEHICLE_TYPES["other"])
    if row["vehicle_type"] == "other" or fold(make).startswith(fold(label).split(" ")[0][:4]):
        label = ""
    return " ".join(w for w in (label, make, model) if w) or VEHICLE_TYPES["other"]


def _ownership(row: dict) -> str:
    label = OWNERSHIPS.get(row["ownership"] or "")
    if label is None:
        return EMPTY
    if row["ownership"] == "shared" and row["share"]:
        return f"{label} ({row['share']})"
    return label


def _sort_key(text: str) -> str:
    return fold(text)


def build_public_year(store: Store, year: int, sort_by: str = "surname") -> PublicYear:
    """The public rows of a year: every servant of a workbook with effective справки of the year."""
    if sort_by not in SORT_ORDERS:
        raise InputError([Issue("настройки", "publish", None, "sort_by", "«surname» или «position»", str(sort_by))])
    # HR workbooks: the servant's latest load of the year. Public data: every declarant row (one per
    # published section; the справки of a section are tied to it by section_id, not by the person).
    servants = _rows(store, f"""
        SELECT {_select('servants')} FROM servants s
        WHERE year = ? AND (source <> 'workbook'
          OR load_id = (SELECT max(load_id) FROM servants t WHERE t.year = s.year AND t.person_id = s.person_id
                         AND t.source = 'workbook'))
        ORDER BY load_id, source_row""", [year])
    declarations = _rows(store, f"""
        SELECT {_select('declarations')} FROM effective_declarations
        WHERE year = $year AND person_id IN ({YEAR_PERSONS})
        ORDER BY person_id, CASE subject WHEN 'self' THEN 0 WHEN 'spouse' THEN 1 ELSE 2 END,
                 subject_key, declaration_id""", {"year": year})
    if not declarations:
        years = [str(y) for (y,) in store.con.execute(
            "SELECT DISTINCT year FROM effective_declarations ORDER BY year").fetchall()]
        raise InputError([Issue(str(store.path), "", None, "--year", f"справки за {year} год в базе",
                                f"нет ни одной справки за этот год; в базе есть годы: {', '.join(years)}"
                                if years else "в базе нет ни одной справки: сначала declarations load")])

    def section(table: str, order: str = "source_row") -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = defaultdict(list)
        for row in _rows(store, f"SELECT {_select(table)} FROM {table} WHERE declaration_id IN "
                                f"({YEAR_DECLARATIONS}) ORDER BY declaration_id, {order}", {"year": year}):
            out[row["declaration_id"]].append(row)
        return out

    incomes = section("incomes")
    estates = section("real_estate")
    vehicles = section("vehicles")
    expenses = section("expenses")
    free_text = ([r["country"] for rows in estates.values() for r in rows]
                 + [r[key] for rows in vehicles.values() for r in rows for key in ("make", "model")]
                 + [r["funds_source"] for rows in expenses.values() for r in rows]
                 + [s[key] for s in servants for key in ("organisation", "department", "position")])
    cleaned = scrub_texts(store, year, free_text)

    def scrub(text: str | None) -> str:
        return cleaned[text] if text else ""

    for servant in servants:  # the roster's free text too: a clerk may type a relative's name into a position
        servant["position"] = scrub(servant["position"])
        servant["department"] = scrub(servant["department"]) or None
        servant["organisation"] = scrub(servant["organisation"]) or "Организация"

    by_person: dict[str, list[dict]] = defaultdict(list)
    for d in declarations:
        by_person[d["section_id"] or d["person_id"]].append(d)

    def subject_of(d: dict, label: str, relation: str | None, position: str) -> Subject:
        rows = incomes.get(d["declaration_id"], [])
        income_value = sum(r["amount"] for r in rows) if rows else None
        owned = [OwnedEstate(_object_label(r["object_type"], r["object_type_raw"]), _ownership(r),
                             format_area(r["area"]) if r["area"] else EMPTY, _country(r["country"], scrub))
                 for r in estates.get(d["declaration_id"], []) if r["holding"] == "owned"]
        used = [UsedEstate(_object_label(r["object_type"], r["object_type_raw"]),
                           format_area(r["area"]) if r["area"] else EMPTY, _country(r["country"], scrub))
                for r in estates.get(d["declaration_id"], []) if r["holding"] == "used"]
        deals = []
        for r in expenses.get(d["declaration_id"], []):
            what = deal_object(r["asset_kind"], r["description"])
            source = scrub(r["funds_source"])
            deals.append(f"{what}: {source}" if source else what)
        return Subject(
            label=label, relation=relation, position=position, owned=owned, used=used,
            vehicles=[_vehicle(r, scrub) for r in vehicles.get(d["declaration_id"], [])],
            income=format_money(income_value) if income_value is not None else EMPTY,
            income_value=income_value, deals="; ".join(deals) if deals else EMPTY,
        )

    organisations: dict[str, dict[str | None, list[tuple[dict, Block]]]] = {}
    for servant in servants:
        decls = by_person.get(servant["section_id"] or servant["person_id"])
        if not decls:
            continue
        name = short_name(servant["full_name"])
        spouse_label = (SPOUSE_OF_WOMAN if is_female_name(servant["full_name"]) else SPOUSE_OF_MAN) \
            if has_patronymic(servant["full_name"]) else SPOUSE_UNKNOWN
        subjects: list[Subject] = []
        self_decl = next((d for d in decls if d["subject"] == "self"), None)
        if self_decl is not None:
            subjects.append(subject_of(self_decl, name, None, servant["position"]))
        else:
            subjects.append(Subject(name, None, servant["position"], [], [], [], EMPTY, None, EMPTY))
        index = 0
        for d in decls:
            if d["subject"] == "self":
                continue
            index += 1
            label = spouse_label if d["subject"] == "spouse" else CHILD
            subject = subject_of(d, label, d["subject"], "")
            subject.relative_index = index
            subjects.append(subject)
        block = Block(0, name, servant["position"], subjects, sort_name=_sort_key(servant["full_name"]))
        departments = organisations.setdefault(servant["organisation"], {})
        departments.setdefault(servant["department"] or None, []).append((servant, block))

    slugs = _unique_slugs(sorted(organisations, key=_sort_key))
    tables: list[OrganisationTable] = []
    for org in sorted(organisations, key=_sort_key):
        sections: list[Section] = []
        number = 0
        # roster order of departments; people outside any department (usually the head) come first,
        # so that their rows never sit under the heading of another department
        ordered = sorted(organisations[org].items(), key=lambda item: item[0] is not None)
        for department, entries in ordered:
            if sort_by == "surname":
                entries = sorted(entries, key=lambda e: (e[1].sort_name, e[0]["source_row"] or 0))
            blocks = []
            for _, block in entries:
                number += 1
                block.number = number
                blocks.append(block)
            sections.append(Section(department, blocks))
        tables.append(OrganisationTable(org, slugs[org], sections))
    return PublicYear(year, tables)
