"""Public declarations in the Declarator format (`{"persons": [...], "document": {...}}`).

Declarator data carries no personnel numbers. A person is recognised across years
by a key made of the folded surname and initials, the organisation and the role
(`person_key`): «Агеев С.В.» and «Агеев Сергей Викторович», Начальник, in the same
organisation, are one person; a change of role (a promotion) or of organisation
starts a new person, which is the conservative choice (namesakes are common).
The organisation is the document's title (or the person's section title) with the
standard wording («Сведения о доходах…», «за период с … по …») removed.
Family rows become справки of the spouse or child; relative_index keeps the
spouse and each child apart, and links them across years under the same person.
"""

from __future__ import annotations

import hashlib
import re

import polars as pl

from declarations.errors import InputError, Issue
from declarations.text import fold

_BOILERPLATE = re.compile(
    r"(уточненные\s+)?сведения\s+о\s+доходах.*?имущественного\s+характера,?"
    r"|за\s+(отчетный\s+)?период\s+с\s+1\s+января.*$"
    r"|за\s+\d{4}\s+год.*$"
    r"|\(по\s+состоянию.*?\)",
    re.IGNORECASE | re.DOTALL,
)
_SUBJECTS = {None: "self", "супруг(а)": "spouse", "ребенок": "child", "иное": "other"}
_OBJECT_TYPES = (
    ("земельн", "land"), ("участок", "land"), ("машино", "parking"), ("гараж", "garage"), ("дач", "dacha"),
    ("квартир", "flat"), ("комнат", "flat"), ("дом", "house"), ("коттедж", "house"), ("нежил", "non_residential"),
)
_OWNERSHIP = (("долев", "shared"), ("совмест", "joint"), ("индивид", "individual"))
_SHARE = re.compile(r"(\d+)\s*/\s*(\d+)")


def organisation_from_title(title: str) -> str:
    cleaned = _BOILERPLATE.sub(" ", title or "")
    return re.sub(r"\s+", " ", cleaned).strip(" ,.\n") or "не указана"


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


def _object_type(text: str) -> str:
    folded = fold(text)
    return next((code for stem, code in _OBJECT_TYPES if stem in folded), "other")


def _ownership(text: str | None) -> tuple[str | None, str | None]:
    folded = fold(text or "")
    kind = next((code for stem, code in _OWNERSHIP if stem in folded), None)
    share = _SHARE.search(folded)
    return kind, f"{share.group(1)}/{share.group(2)}" if share else None


def _vehicle_type(text: str) -> str:
    folded = fold(text)
    if "мото" in folded:
        return "moto"
    if "грузов" in folded:
        return "truck"
    if "трактор" in folded or "сельскох" in folded:
        return "agri"
    if "лодк" in folded or "катер" in folded or "судно" in folded:
        return "water"
    return "car"


def read(data: dict, file: str) -> dict[str, pl.DataFrame]:
    """Store tables (servants, declarations, incomes, real_estate, vehicles) from one document."""
    document = data.get("document") or {}
    issues: list[Issue] = []
    servants, declarations, incomes, estates, vehicles = [], [], [], [], []
    doc_id = _id(file, document.get("documentfile_id"), document.get("sheet_title"))
    for position, entry in enumerate(data.get("persons") or [], start=1):
        person = entry.get("person") or {}
        name = (person.get("name_raw") or "").strip()
        year = entry.get("year") or document.get("year")
        where = f"persons[{position - 1}]"
        if not name or not isinstance(year, int):
            issues.append(Issue(file, "persons", position, "person.name_raw / year",
                                "имя лица и отчетный год", f"{where}: {name or '(нет имени)'}, {year}"))
            continue
        organisation = organisation_from_title(person.get("department") or document.get("sheet_title") or "")
        role = person.get("role") or ""
        person_id = "decl-" + _id(person_key(name, organisation, role))
        servants.append({
            "year": year, "person_id": person_id, "full_name": name, "organisation": organisation,
            "position": role or "не указана", "must_declare": True, "procurement_role": "none",
            "source": "declarator", "source_row": position,
        })
        subjects: dict[tuple, str] = {}

        def declaration_for(row: dict) -> str:
            relative = row.get("relative")
            subject = _SUBJECTS.get(fold(relative) if relative else None, "other")
            index = row.get("relative_index") if relative else None
            key = (subject, index)
            if key not in subjects:
                declaration_id = f"decl-{doc_id}-{position}-{subject}-{index or 0}"
                subjects[key] = declaration_id
                declarations.append({
                    "declaration_id": declaration_id, "person_id": person_id, "year": year, "subject": subject,
                    "relative_id": None if subject == "self" else f"{person_id}-{subject}-{index or 0}",
                    "kind": "original", "source": "declarator", "source_row": position,
                })
            return subjects[key]

        declaration_for({})  # every person has a справка about self, even with no rows
        for row in entry.get("incomes") or []:
            if row.get("size") is not None:
                incomes.append({"declaration_id": declaration_for(row), "income_type": "other",
                                "amount": float(row["size"]), "source_row": position})
        for row in entry.get("real_estates") or []:
            type_raw = row.get("type_raw") or row.get("text") or ""
            ownership, share = _ownership(row.get("own_type_raw"))
            holding = "used" if "пользов" in fold(row.get("own_type_by_column") or "") else "owned"
            object_type = _object_type(type_raw)
            estates.append({
                "declaration_id": declaration_for(row), "holding": holding, "object_type": object_type,
                "ownership": ownership if holding == "owned" else None, "share": share,
                "area": row.get("square"), "country": row.get("country_raw") or None,
                "object_type_raw": type_raw if object_type == "other" else None, "source_row": position,
            })
        for row in entry.get("vehicles") or []:
            text = (row.get("text") or "").strip()
            if text:
                vehicles.append({"declaration_id": declaration_for(row), "vehicle_type": _vehicle_type(text),
                                 "make": text, "source_row": position})
    if issues:
        raise InputError(issues)
    return {
        "servants": pl.DataFrame(servants, infer_schema_length=None),
        "declarations": pl.DataFrame(declarations, infer_schema_length=None),
        "incomes": pl.DataFrame(incomes, schema={"declaration_id": pl.Utf8, "income_type": pl.Utf8,
                                                 "amount": pl.Float64, "source_row": pl.Int64}),
        "real_estate": pl.DataFrame(estates, infer_schema_length=None) if estates else pl.DataFrame(),
        "vehicles": pl.DataFrame(vehicles, infer_schema_length=None) if vehicles else pl.DataFrame(),
    }
