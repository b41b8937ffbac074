"""Public declarations in the Declarator format → store tables.

Any of the three shapes (`declarator_shapes`) becomes a list of sections: one person's
declaration for one year. Each section is a declarant row (`servants`, with the name as
written, role, department, organisation and its id) and справки of the declarant and of
each family member (`declarations`), all tied by `section_id`. The `person_id` given here is
provisional (folded surname and initials, organisation and role): person resolution
(`declarations/people/`, issue 11) reassigns it after the load — `apply_person_ids` is the
one way to do that.

The organisation is an identity, never the department text: Declarator's `office_id` /
`office` where given, else the `--organisation` of the load, else the organisation the
document's title names. The reporting year: the section's, else the sheet's or document's,
else the one the title names, else `--year`.

An empty справка (nothing declared at all, or only «сведения удалены…») is not zero income and
no property: it is stored with `nothing_declared` and `income_unknown`, and the checks and the
publication treat it as unknown.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from fractions import Fraction

import polars as pl

from declarations import family_order
from declarations.errors import Issue
from declarations.readers.declarator_shapes import Row, Section, read_sections
from declarations.readers.declarator_text import (income_remark, not_an_object, parse_estate, parse_vehicle,
                                                  vehicle_parts)
from declarations.readers.declarator_titles import organisation_from_title
from declarations.text import fold

__all__ = ["ReadOptions", "read", "name_key", "person_key", "organisation_from_title", "apply_person_ids"]

# A real-estate cell that says the data were withdrawn is no object.
_WITHDRAWN = re.compile(r"сведения\s.*удален|удалены\s+в\s+связи|не\s+представлен|сведения\s+отсутствуют")


@dataclass
class ReadOptions:
    """What the user gave `load` for files that do not say it themselves."""

    year: int | None = None
    organisation: str | None = None


def name_key(name_raw: str) -> str:
    """Folded surname and initials: «ГОРНИН Л.В.» and «Горнин Леонид Владимирович» agree."""
    words = [w for w in re.split(r"[\s.]+", fold(name_raw)) if w]
    if not words:
        return ""
    return " ".join([words[0], *(w[0] for w in words[1:3])])


def person_key(name_raw: str, organisation: str, role: str) -> str:
    return "|".join((name_key(name_raw), fold(organisation), fold(role or "")))


def _id(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:16]


def _organisation(section: Section, options: ReadOptions, names: list[str]) -> tuple[str, str, str] | None:
    """(organisation, organisation_id, where it came from) or None when nothing names it."""
    if section.office_id or section.office:
        name = section.office or f"организация № {section.office_id}"
        return name, f"office:{section.office_id}" if section.office_id else f"office:{fold(name)}", "office"
    if options.organisation:
        return options.organisation, f"option:{fold(options.organisation)}", "option"
    title = organisation_from_title(section.title, names)
    if title:
        return title, f"title:{fold(title)}", "title"
    return None


UNNAMED_ORGANISATION = "не указана"


def _department(text: str | None) -> str | None:
    """A department as written; the parser sometimes puts a sheet's title there («Сведения о доходах…»)."""
    if text and fold(text).startswith("сведения"):
        return organisation_from_title(text) or None
    if text and ";" in text:  # «Руководство; Руководство»: a merged cell read twice
        return "; ".join(dict.fromkeys(p.strip() for p in text.split(";") if p.strip())) or None
    return text


def _share(row: Row) -> str | None:
    amount = row.values.get("share_amount")
    if isinstance(amount, float) and 0 < amount < 1:
        fraction = Fraction(amount).limit_denominator(1000)
        return f"{fraction.numerator}/{fraction.denominator}"
    return None


def _fingerprint(section: Section, organisation_id: str) -> str:
    """The content of a declaration: equal for the same table published in two files."""
    def rows(items, keys):
        return sorted(json.dumps([r.relative, r.relative_index, *[r.values.get(k) for k in keys]], ensure_ascii=False)
                      for r in items)
    content = [rows(section.incomes, ("size",)), rows(section.real_estates, ("type_raw", "square")),
               rows(section.vehicles, ("text",))]
    empty = not any(content)
    return _id(name_key(section.name), section.year, *(map(str, content)),
               *((organisation_id, fold(section.role or "")) if empty else ()))


def read(data: object, file: str, sha256: str = "", options: ReadOptions | None = None
         ) -> tuple[dict[str, pl.DataFrame], list[Issue], int | None, list[str]]:
    """Store tables of one file, its issues (nothing is loaded when there are any), its year, notes for the user."""
    options = options or ReadOptions()
    sections, issues = read_sections(data, file)
    names = [s.name for s in sections]
    servants, declarations, incomes, estates, vehicles = [], [], [], [], []
    missing_year = missing_organisation = 0
    doc = _id(file, sha256)
    for section in sections:
        year = section.year if section.year is not None else options.year
        found = _organisation(section, options, names)
        if year is None:
            missing_year += 1
        if found is None:
            missing_organisation += 1
        if year is None or not section.name:
            continue
        if found is None:  # loaded all the same, as its own unnamed organisation; the user is told
            found = (UNNAMED_ORGANISATION, f"unnamed:{doc}", "none")
        section.year = year
        organisation, organisation_id, _ = found
        role = section.role or ""
        person_id = "decl-" + _id(person_key(section.name, organisation_id, role))
        section_id = f"{doc}-{section.number}"
        servants.append({
            "year": year, "person_id": person_id, "full_name": section.name, "organisation": organisation,
            "organisation_id": organisation_id, "department": _department(section.department),
            "position": role or "не указана", "must_declare": True, "procurement_role": "none",
            "source": "declarator", "source_row": section.number, "section_id": section_id,
            "extra": json.dumps(section.extra, ensure_ascii=False) if section.extra else None,
        })
        subjects: dict[tuple, dict] = {}

        def declaration_for(row: Row | None) -> dict:
            subject = row.relative if row and row.relative else "self"
            index = (row.relative_index or 1) if row and subject != "self" else None
            key = (subject, index)
            if key not in subjects:
                subjects[key] = {
                    "declaration_id": f"decl-{section_id}-{subject}-{index or 0}", "person_id": person_id,
                    "year": year, "subject": subject,
                    "relative_id": None if subject == "self" else f"{person_id}-{subject}-{index}",
                    "kind": "original", "source": "declarator", "source_row": section.number,
                    "section_id": section_id, "fingerprint": None, "income_unknown": False,
                    "nothing_declared": False, "duplicate_of": None,
                }
                declarations.append(subjects[key])
            return subjects[key]

        own = declaration_for(None)  # every declarant has a справка about self, even with no rows
        own["fingerprint"] = _fingerprint(section, organisation_id)
        has_income: set[str] = set()
        for row in section.incomes:
            target = declaration_for(row)
            size, size_raw = row.values.get("size"), row.values.get("size_raw")
            if size is None:
                if size_raw and re.search(r"\d", size_raw):
                    target["income_unknown"] = True  # a figure the parser could not read is not zero
                continue
            has_income.add(target["declaration_id"])
            remark = income_remark(size_raw, size)
            incomes.append({"declaration_id": target["declaration_id"], "income_type": "other", "amount": size,
                            "description": None, "remark": remark, "source_row": section.number})
        kept_estates = 0
        for row in section.real_estates:
            type_raw = row.values.get("type_raw") or ""
            if _WITHDRAWN.search(fold(type_raw)) or not_an_object(type_raw):
                continue
            parsed = parse_estate(type_raw, row.values.get("own_type_raw"), row.values.get("own_type_by_column"))
            share = parsed.share or _share(row)
            ownership = parsed.ownership if parsed.holding == "owned" else None
            if share and ownership in (None, "individual"):
                ownership = "shared"
            raw = parsed.type_text if parsed.object_type == "other" or fold(parsed.type_text).startswith("комнат") \
                else None
            kept_estates += 1
            estates.append({
                "declaration_id": declaration_for(row)["declaration_id"], "holding": parsed.holding,
                "object_type": parsed.object_type, "ownership": ownership,
                "share": share if parsed.holding == "owned" else None, "area": row.values.get("square"),
                "country": row.values.get("country"), "object_type_raw": raw, "source_row": section.number,
            })
        kept_vehicles = 0
        for row in section.vehicles:
            for part in vehicle_parts(row.values.get("text") or ""):
                vehicle = parse_vehicle(part, row.values.get("type_raw"))
                kept_vehicles += 1
                vehicles.append({
                    "declaration_id": declaration_for(row)["declaration_id"], "vehicle_type": vehicle.vehicle_type,
                    "make": vehicle.make.split(" ", 1)[0], "model": vehicle.model, "year_made": vehicle.year_made,
                    "ownership": vehicle.ownership, "text": part, "source_row": section.number,
                })
        if not has_income and not kept_estates and not kept_vehicles:
            for declaration in subjects.values():
                declaration["nothing_declared"] = True
                declaration["income_unknown"] = True
        elif own["declaration_id"] not in has_income:
            own["income_unknown"] = True  # a declarant's income cell is never left empty for zero
    if missing_year and not any(i.column == "year" for i in issues):
        issues.append(Issue(file, "", None, "year", "отчетный год в файле (year, заголовок документа) "
                            "или параметр загрузки --year ГГГГ",
                            f"года нет ни у одного из {missing_year} лиц"))
    notes = []
    if missing_organisation:
        notes.append(f"организация не названа ни в office, ни в заголовке документа ({missing_organisation} лиц): "
                     f"записана как «{UNNAMED_ORGANISATION}»; чтобы указать ее, загрузите файл с --organisation «Название»")
    tables = {
        "servants": pl.DataFrame(servants, infer_schema_length=None),
        "declarations": pl.DataFrame(declarations, infer_schema_length=None),
        "incomes": pl.DataFrame(incomes, schema={"declaration_id": pl.Utf8, "income_type": pl.Utf8,
                                                 "amount": pl.Float64, "description": pl.Utf8, "remark": pl.Utf8,
                                                 "source_row": pl.Int64}),
        "real_estate": pl.DataFrame(estates, infer_schema_length=None) if estates else pl.DataFrame(),
        "vehicles": pl.DataFrame(vehicles, infer_schema_length=None) if vehicles else pl.DataFrame(),
    }
    years = {s.year for s in sections if s.year is not None}
    return tables, issues, max(years) if years else None, notes


def apply_person_ids(con, mapping: str) -> None:
    """Give public declarants the person ids of person resolution.

    `mapping` names a table or view with columns `section_id` and `person_id`. The declarant row
    (`servants`) and all справки of the section (`declarations`) take the new id; family
    справки keep following the same relative (`relative_id` = person_id-subject-index); a
    duplicate of an earlier stored declaration follows the declaration it repeats.
    """
    con.execute(f"""
        UPDATE servants s SET person_id = m.person_id FROM {mapping} m WHERE s.section_id = m.section_id""")
    con.execute(f"""
        UPDATE declarations d SET person_id = m.person_id,
               relative_id = CASE WHEN d.relative_id IS NULL THEN NULL
                                  ELSE m.person_id || '-' || d.subject || '-' || split_part(d.relative_id, '-', -1) END
        FROM {mapping} m WHERE d.section_id = m.section_id""")
    con.execute("""
        UPDATE declarations d SET person_id = o.person_id, relative_id = o.relative_id
        FROM declarations o WHERE d.duplicate_of = o.declaration_id""")
    family_order.align_children(con)
