"""Machine-readable publication: .csv (the table, values repeated) and Declarator-format .json.

The CSV is the xlsx table flattened: one row per property row of the form, with the
merged values (№, name, position, vehicles, income, column 13) repeated on every row
of their person-subject, preceded by the year, organisation and department (the
xlsx has them in its titles and section rows). UTF-8 with BOM so that Excel opens it.

The JSON reproduces the format of the open Declarator database
(`{"persons": [...], "document": {...}}`, see shared/examples/declarator): per
declarant `person.name_raw` («Фамилия И.О.»), `person.role`, `person.department`
(the organisation, and the department after a comma), `year`, `incomes` (the
declared annual income of each subject), `real_estates` and `vehicles`; family rows
carry `relative` «Супруг(а)» / «Ребенок» and `relative_index` (1, 2, … within the
person), the declarant's rows `relative: null`. It holds exactly what the published
table holds, nothing more.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

from declarations.atomic import atomic_write
from declarations.cell_text import neutralise
from publish.public_rows import (
    format_money,
    EMPTY, FLAT_COLUMNS, Block, OrganisationTable, PublicYear, Subject, flat_rows, title_lines,
)

DECLARATOR_RELATIVE = {None: None, "spouse": "Супруг(а)", "child": "Ребенок"}


def write_csv(public: PublicYear, path: Path) -> Path:
    with atomic_write(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Отчетный год", "Организация", "Подразделение", *FLAT_COLUMNS])
        for table in public.organisations:
            for section in table.sections:
                for block in section.blocks:
                    for values in flat_rows(block):
                        writer.writerow([public.year, *map(neutralise, (table.name, section.department or "", *values))])
    return path


def _number(text: str) -> float | None:
    if not text or text == EMPTY:
        return None
    return float(text.replace(" ", "").replace(",", "."))


def _raw(text: str) -> str:
    """Declarator's *_raw values carry no thousands separators («475177,35»)."""
    return text.replace(" ", "")


def _relative(subject: Subject) -> dict:
    relative = DECLARATOR_RELATIVE[subject.relation]
    row: dict = {"relative": relative}
    if relative is not None:
        row["relative_index"] = subject.relative_index
    return row


def declarator_person(block: Block, table: OrganisationTable, department: str | None, year: int,
                      index: int) -> dict:
    incomes, estates, vehicles = [], [], []
    for subject in block.subjects:
        if subject.income_value is not None:
            incomes.append({"size": round(subject.income_value, 2), "size_raw": _raw(format_money(subject.income_value)),
                            **_relative(subject)})
        for e in subject.owned:
            estates.append({
                "text": e.type, "square": _number(e.area), **_relative(subject),
                "own_type_by_column": "В собственности", "square_raw": _raw(e.area), "country_raw": e.country,
                "type_raw": e.type, "own_type_raw": "" if e.ownership == EMPTY else e.ownership,
            })
        for used in subject.used:
            estates.append({
                "text": used.type, "square": _number(used.area), **_relative(subject),
                "own_type_by_column": "В пользовании", "square_raw": _raw(used.area), "country_raw": used.country,
                "type_raw": used.type,
            })
        for text in subject.vehicles:
            vehicles.append({"text": text, **_relative(subject)})
    return {
        "person": {"name_raw": block.name, "role": block.position,
                   "department": ", ".join(p for p in (table.name, department) if p)},
        "year": year,
        "incomes": incomes,
        "real_estates": estates,
        "vehicles": vehicles,
        "person_index": index,
    }


def declarator_persons(public: PublicYear) -> Iterator[dict]:
    index = 0
    for table in public.organisations:
        for section in table.sections:
            for block in section.blocks:
                index += 1
                yield declarator_person(block, table, section.department, public.year, index)


def write_declarator_json(public: PublicYear, path: Path) -> Path:
    """The document with one person a line: streamed, and each line by the C encoder of `json`
    (an indented document goes through the pure-Python one: ten seconds for 100 000 servants)."""
    title = re.sub(r"\s+", " ", " ".join(title_lines(public.year)))
    with atomic_write(path, "w", encoding="utf-8") as handle:
        handle.write('{"persons": [')
        for i, person in enumerate(declarator_persons(public)):
            handle.write(",\n" if i else "\n")
            handle.write(json.dumps(person, ensure_ascii=False))
        document = json.dumps({"sheet_title": title, "year": public.year}, ensure_ascii=False)
        handle.write(f'\n], "document": {document}}}\n')
    return path
