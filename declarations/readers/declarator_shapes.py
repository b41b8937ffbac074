"""The three JSON shapes of Declarator data, validated and brought to one list of sections.

* parser output `{"persons": [...], "document": {...}}` (smart_parser; the "Disclosures" variant
  has `document_sheet_props` per sheet instead of `document`);
* site data `{"sections": [...]}` (a `person-…` file holds several sections of one person);
* one declaration `{"person": {...}, "year": ..., "office": {...}, "incomes": [...]}`.

Validation is as strict as the contract: a wrong type, a negative income, an area ≤ 0, a year
outside 1990…next year, `true` for a year or a non-finite number is an error located by file,
person number and name, and field; all errors of a file are reported and nothing of it loaded.
Declarator's site data writes `-1` for an area that was not given: that is read as missing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

from declarations.errors import Issue
from declarations.readers.declarator_text import junk_name
from declarations.text import fold

FIRST_YEAR = 1990
RELATIVES = {"супруг(а)": "spouse", "супруга": "spouse", "супруг": "spouse", "ребенок": "child", "иное": "other"}
_TITLE_YEAR = re.compile(r"(?:за|с\s+1\s+января)\s+(\d{4})\s*(?:г|год)", re.IGNORECASE)


@dataclass
class Row:
    """One income, real-estate or vehicle row, with the family member it belongs to."""

    relative: str | None        # spouse | child | other | None (the declarant)
    relative_index: int | None
    values: dict


@dataclass
class Section:
    """One person's declaration for one year, whatever shape it came in."""

    number: int                 # 1-based position in the file (persons[] / sections[])
    name: str
    role: str | None
    department: str | None
    year: int | None
    office_id: str | None
    office: str | None
    title: str | None           # the document or sheet title (organisation when no office is given)
    incomes: list[Row] = field(default_factory=list)
    real_estates: list[Row] = field(default_factory=list)
    vehicles: list[Row] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def last_plausible_year() -> int:
    return date.today().year + 1


def title_year(title: str | None) -> int | None:
    """«… за 2017 год», «за период с 1 января 2016 г. …» → the reporting year named in a title."""
    found = _TITLE_YEAR.search(title or "")
    if found and FIRST_YEAR <= int(found.group(1)) <= last_plausible_year():
        return int(found.group(1))
    return None


class _Checker:
    """Collects the located issues of one file."""

    def __init__(self, file: str):
        self.file = file
        self.issues: list[Issue] = []

    def add(self, where: str, number: int | None, column: str, expected: str, value: object) -> None:
        found = "(нет)" if value is None else repr(value) if not isinstance(value, str) else f"«{value}»"
        self.issues.append(Issue(self.file, where, number, column, expected, found))

    def text(self, where, number, column, value, required=False) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip() and not required):
            if required:
                self.add(where, number, column, "фамилия и инициалы лица", value)
            return None
        if not isinstance(value, str):
            self.add(where, number, column, "текст", value)
            return None
        if required and not value.strip():
            self.add(where, number, column, "текст", value)
        return value.strip() or None

    def number(self, where, number, column, value, minimum: float, strict: bool, missing=()) -> float | None:
        if value is None or value in missing and not isinstance(value, bool):
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(where, number, column, "число", value)
            return None
        if not math.isfinite(value):
            self.add(where, number, column, "конечное число", value)
            return None
        if value < minimum or (strict and value <= minimum):
            self.add(where, number, column, f"число {'больше' if strict else 'не меньше'} {minimum:g}", value)
            return None
        return float(value)

    def year(self, where, number, column, value) -> int | None:
        if value is None:
            return None
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(where, number, column, "отчетный год (целое число)", value)
            return None
        if not FIRST_YEAR <= value <= last_plausible_year():
            self.add(where, number, column, f"отчетный год от {FIRST_YEAR} до {last_plausible_year()}", value)
            return None
        return value

    def listed(self, where, number, column, value) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(where, number, column, "список", value)
            return []
        return value


def _where(kind: str, name: str | None) -> str:
    return f"{kind}, «{name}»" if name else kind


def _rows(check: _Checker, where: str, number: int, kind: str, items: list, fields_: dict) -> list[Row]:
    rows = []
    for index, item in enumerate(items):
        column = f"{kind}[{index}]"
        if not isinstance(item, dict):
            check.add(where, number, column, "объект JSON", item)
            continue
        relative_text = check.text(where, number, f"{column}.relative", item.get("relative"))
        relative = None
        if relative_text is not None:
            relative = RELATIVES.get(fold(relative_text))
            if relative is None:
                check.add(where, number, f"{column}.relative", "Супруг(а), Ребенок или Иное", relative_text)
        relative_index = item.get("relative_index")
        if relative_index is not None and (isinstance(relative_index, bool) or not isinstance(relative_index, int)):
            check.add(where, number, f"{column}.relative_index", "целое число", relative_index)
            relative_index = None
        values = {}
        for name, reader in fields_.items():
            values[name] = reader(check, where, number, f"{column}.{name}", item)
        rows.append(Row(relative, relative_index, values))
    return rows


def _text_of(*keys):
    def read(check, where, number, column, item):
        for key in keys:
            if item.get(key) is not None:
                return check.text(where, number, column.rsplit(".", 1)[0] + "." + key, item.get(key))
        return None
    return read


def _size(check, where, number, column, item):
    return check.number(where, number, column, item.get("size"), 0, strict=False)


def _square(missing):
    def read(check, where, number, column, item):
        return check.number(where, number, column, item.get("square"), 0, strict=True, missing=missing)
    return read


def _share_amount(check, where, number, column, item):
    return check.number(where, number, column, item.get("share_amount"), 0, strict=True)


INCOME_FIELDS = {"size": _size, "size_raw": _text_of("size_raw")}
VEHICLE_FIELDS = {"text": _text_of("text", "full_name"), "type_raw": _text_of("type_raw", "type"),
                  "model": _text_of("model")}


def _estate_fields(missing) -> dict:
    return {"square": _square(missing), "type_raw": _text_of("type_raw", "text", "type"),
            "own_type_raw": _text_of("own_type_raw", "share_type"),
            "own_type_by_column": _text_of("own_type_by_column", "owntype_raw", "own_type"),
            "country": _text_of("country_raw", "country"), "share_amount": _share_amount}


def _section(check: _Checker, kind: str, number: int, entry: object, defaults: dict, missing_square=()) -> Section | None:
    if not isinstance(entry, dict):
        check.add(kind, number, "", "объект JSON (одно лицо)", entry)
        return None
    person = entry.get("person")
    if not isinstance(person, dict):
        check.add(kind, number, "person", "объект JSON с полем name_raw", person)
        return None
    raw_name = person.get("name_raw", person.get("name"))
    name = check.text(kind, number, "person.name_raw", raw_name, required=True)
    where = _where(kind, name)
    if name is not None and junk_name(name):
        check.add(where, number, "person.name_raw", "фамилия и инициалы лица (не служебный текст таблицы)", name)
    role = check.text(where, number, "person.role", person.get("role"))
    department = check.text(where, number, "person.department", person.get("department"))
    year = check.year(where, number, "year", entry.get("year"))
    office = entry.get("office")
    office_name = office.get("name") if isinstance(office, dict) else office
    office_name = check.text(where, number, "office", office_name)
    office_id = entry.get("office_id")
    if office_id is not None and (isinstance(office_id, bool) or not isinstance(office_id, (int, str))):
        check.add(where, number, "office_id", "номер организации", office_id)
        office_id = None
    incomes = _rows(check, where, number, "incomes", check.listed(where, number, "incomes", entry.get("incomes")),
                    INCOME_FIELDS)
    estates = _rows(check, where, number, "real_estates",
                    check.listed(where, number, "real_estates", entry.get("real_estates")), _estate_fields(missing_square))
    vehicles = _rows(check, where, number, "vehicles", check.listed(where, number, "vehicles", entry.get("vehicles")),
                     VEHICLE_FIELDS)
    extra = {k: entry[k] for k in ("surname_rank", "name_rank", "office_region", "office_rubric", "office_section_count",
                                   "source")
             if isinstance(entry.get(k), (str, int)) and not isinstance(entry.get(k), bool)}
    return Section(number, name or "", role, department, year if year is not None else defaults.get("year"),
                   None if office_id is None else str(office_id), office_name,
                   defaults.get("title"), incomes, estates, vehicles, extra)


def _document_defaults(check: _Checker, document: object) -> dict:
    if document is None:
        return {}
    if not isinstance(document, dict):
        check.add("document", None, "", "объект JSON", document)
        return {}
    title = None
    for key in ("sheet_title", "title", "name"):
        title = title or check.text("document", None, key, document.get(key))
    year = check.year("document", None, "year", document.get("year"))
    return {"title": title, "year": year if year is not None else title_year(title)}


def read_sections(data: object, file: str) -> tuple[list[Section], list[Issue]]:
    """All sections of one Declarator file and every problem found in it."""
    check = _Checker(file)
    sections: list[Section | None] = []  # None: an entry whose problems are in `check.issues`
    if not isinstance(data, dict):
        check.add("", None, "", "объект JSON с persons или sections", type(data).__name__)
        return [], check.issues
    if "sections" in data:
        for number, entry in enumerate(check.listed("sections", None, "sections", data["sections"]), start=1):
            sections.append(_section(check, "sections", number, entry, {}, missing_square=(-1,)))
        for section in sections:   # the sections of one such file are one person (input.md section 3)
            if section is not None:
                section.extra["file_shape"] = "sections"
    elif "persons" in data:
        defaults = _document_defaults(check, data.get("document"))
        sheets = data.get("document_sheet_props")
        sheet_defaults: list[dict] = []
        if sheets is not None:
            for index, sheet in enumerate(check.listed("document_sheet_props", None, "", sheets)):
                if isinstance(sheet, dict):
                    sheet_defaults.append(_document_defaults(check, sheet))
                else:
                    check.add("document_sheet_props", index + 1, "", "объект JSON", sheet)
                    sheet_defaults.append({})
        for number, entry in enumerate(check.listed("persons", None, "persons", data["persons"]), start=1):
            own = dict(defaults)
            if isinstance(entry, dict):
                sheet = entry.get("sheet_number")
                if isinstance(sheet, int) and not isinstance(sheet, bool) and 0 <= sheet < len(sheet_defaults):
                    own = {**own, **{k: v for k, v in sheet_defaults[sheet].items() if v is not None}}
                elif sheet_defaults:
                    own = {**own, **{k: v for k, v in sheet_defaults[0].items() if v is not None}}
            sections.append(_section(check, "persons", number, entry, own))
    elif "person" in data:
        document = data.get("document")
        if not isinstance(document, dict):
            document = {}
        defaults = _document_defaults(check, {"name": document.get("name")})
        sections.append(_section(check, "declaration", 1, data, defaults))
    else:
        check.add("", None, "", "Declarator JSON: persons, sections или person", ", ".join(map(str, data))[:200])
    if not sections and not check.issues:
        kind = "sections" if "sections" in data else "persons"
        check.add(kind, None, kind, "хотя бы одно лицо со сведениями", "пустой список")
    return [s for s in sections if s is not None], check.issues
