"""The one renderer of findings' evidence: one line for the HR officer, facts for the report.

Two readers see a finding's evidence (the dict a rule stores with it, declared per code in
`checks/evidence.py`):

* the HR officer, in the workbook of `declarations flags --format xlsx` (`checks/export.py`):
  :func:`render_evidence`, one readable line with everything, names and numbers included — the
  code's own describer when it has one (`describe_pair`, `describe_*` here, the rules'
  `_describe_*`), else :func:`evidence_line`, each field by its declared label and format;
* the head of the organisation, in the analysis report (`publish/report_data.py`):
  :func:`evidence_view` — only the fields the code's spec marks public (an allow-list), both
  справки of a year-over-year finding side by side, labels and formats from the spec.

The terminal table of `declarations flags` shows each flag's message, not its evidence; a line of
evidence anywhere else is :func:`render_evidence` (HR) or :func:`evidence_view` (public).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from checks.catalogue import BY_CODE, describer_of
from checks.evidence import (AREA, CHOICE, COMPARISON, DATE, LIST, MONEY, PERCENT, RATIO, SCORE, TEXT,
                             ASSET_LABELS, LABELS, Field, public_part)
from declarations.model import ASSET_KINDS, INCOME_TYPES, OBJECT_TYPES, OWNERSHIPS, RELATIONS, VEHICLE_TYPES
from declarations.russian import NBSP, area_ru, date_ru, number_ru, rub, years_ru

# --------------------------------------------------------------------------- one line for the HR officer

SUBJECT_TITLES = {"self": "Служащий", "spouse": "Супруг(а)", "child": "Несовершеннолетний ребенок",
                  "other": "Иное лицо"}


def subject_ru(subject: str, name: str | None = None, lower: bool = False) -> str:
    """`Служащий`, `Супруг(а) Иванова Мария Петровна` (`lower`: inside a sentence)."""
    title = SUBJECT_TITLES.get(subject, subject)
    if lower:
        title = title[:1].lower() + title[1:]
    return f"{title} {name}" if name and subject != "self" else title


def label(mapping: dict[str, str], key: str | None) -> str:
    return "" if key is None else mapping.get(key, key)


def describe_real_estate(row: dict[str, Any] | None, full: bool = True) -> str:
    if not row:
        return "нет"
    kind = label(OBJECT_TYPES, row.get("object_type"))
    if row.get("object_type") == "other" and row.get("object_type_raw"):
        kind = row["object_type_raw"]
    parts = [f"{kind} {area_ru(row.get('area'))}"]
    if row.get("ownership"):
        ownership = label(OWNERSHIPS, row["ownership"])
        parts.append(f"{ownership} {row['share']}" if row.get("share") else ownership)
    elif row.get("share"):
        parts.append(f"доля {row['share']}")
    if row.get("country") and row["country"].strip().lower() not in ("россия", "российская федерация", "рф"):
        parts.append(row["country"])
    if full:
        if row.get("cadastral_number"):
            parts.append(row["cadastral_number"])
        if row.get("acquired_on"):
            parts.append(f"приобретено {date_ru(row['acquired_on'])}")
        if row.get("basis"):
            parts.append(f"основание: {row['basis']}")
    return ", ".join(parts)


def describe_vehicle(row: dict[str, Any] | None, full: bool = True) -> str:
    if not row:
        return "нет"
    text = " ".join(str(p) for p in (row.get("make"), row.get("model")) if p)
    parts = [f"{label(VEHICLE_TYPES, row.get('vehicle_type'))} {text}".strip()]
    if row.get("year_made"):
        parts.append(f"{row['year_made']} г. в.")
    if full:
        if row.get("registration"):
            parts.append(row["registration"])
        if row.get("acquired_on"):
            parts.append(f"приобретено {date_ru(row['acquired_on'])}")
    return ", ".join(parts)


def describe_account(row: dict[str, Any] | None, full: bool = True) -> str:
    if not row:
        return "нет"
    parts = [str(row.get("bank") or "")]
    if row.get("account_type"):
        parts.append(str(row["account_type"]))
    if row.get("currency") and row["currency"] != "RUB":
        parts.append(str(row["currency"]))
    if full and row.get("account_number"):
        parts.append(f"№ {row['account_number']}")
    parts.append(f"открыт {date_ru(row.get('opened_on'))}")
    if full and row.get("balance") is not None:
        parts.append(f"остаток {rub(row['balance'])}")
    return ", ".join(p for p in parts if p)


ASSET_DESCRIBERS = {"real_estate": describe_real_estate, "vehicle": describe_vehicle, "account": describe_account}


def describe_income(row: dict[str, Any]) -> str:
    text = label(INCOME_TYPES, row.get("income_type"))
    if row.get("description"):
        text += f" ({row['description']})"
    return f"{text}: {rub(row.get('amount'))}"


def describe_expense(row: dict[str, Any]) -> str:
    text = label(ASSET_KINDS, row.get("asset_kind"))
    if row.get("description"):
        text += f" «{row['description']}»"
    if row.get("deal_date"):
        text += f", сделка {date_ru(row['deal_date'])}"
    return f"{text}: {rub(row.get('amount'))}"


def relation_ru(relation: str | None) -> str:
    return label(RELATIONS, relation)


def describe_pair(evidence: dict[str, Any]) -> str:
    """`2022 (справка D1): квартира 64,7 кв. м, … → 2023 (справка D2): нет` and the notes of the finding."""
    prev, cur = evidence["previous"], evidence["current"]
    who = subject_ru(evidence.get("subject", "self"), evidence.get("subject_name"))
    describe = ASSET_DESCRIBERS.get(evidence.get("asset") or "")
    if describe is not None:
        before, after = describe(prev.get("row")), describe(cur.get("row"))
    else:
        before = after = ""
    text = (f"{who}. {prev['year']} (справка {prev['declaration_id']}): {before} → "
            f"{cur['year']} (справка {cur['declaration_id']}): {after}").replace(": →", " →").rstrip(": ")
    notes = []
    for side in (prev, cur):
        if "rows" in side and describe is not None:
            listed = "; ".join(describe(r, full=False) for r in side["rows"])
            notes.append(f"в справке за {side['year']} год указано: {listed}" if listed
                         else f"в справке за {side['year']} год таких объектов нет")
    if evidence.get("years_without_declaration"):
        notes.append(f"справки за {years_ru(evidence['years_without_declaration'])} нет")
    if "sale_incomes" in evidence:
        sales = evidence["sale_incomes"]
        notes.append("доходы от продажи: " + "; ".join(f"{s['year']}: {describe_income(s)}" for s in sales)
                     if sales else "доходов от продажи не указано")
    if "deals" in evidence:
        notes.append("сделок не указано" if not evidence["deals"] else
                     "сделки: " + "; ".join(str(d.get("what")) for d in evidence["deals"]))
    if evidence.get("reason_text"):
        notes.append(evidence["reason_text"])
    if evidence.get("match_label") and evidence.get("matched_by") != "none":
        score = evidence.get("match_score")
        notes.append(f"как сопоставлено: {evidence['match_label']}"
                     + (f" (оценка {number_ru(score, 2, trim=True)})" if score is not None else ""))
    elif evidence.get("matched_by"):
        notes.append({"identifier": "сопоставлено по номеру", "attributes": "сопоставлено по признакам",
                      "attributes_except_share": "сопоставлено по виду, площади и стране",
                      "only_of_kind": "сопоставлено как единственный объект такого вида",
                      "none": "в другой справке нет объекта с тем же номером или теми же признаками"}.get(
            evidence["matched_by"], evidence["matched_by"]))
    return text + ("; " + "; ".join(notes) if notes else "")


# --------------------------------------------------------------------------- one field's value

COMPARISON_WORDS = {"equal": "совпадает", "different": "не совпадает", "unknown": "неизвестна",
                    "missing": "нет данных", "absent": "нет данных"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?$")
_UNDECLARED = Field("?", "?")


def value_text(spec: Field | None, value: Any, space: str = NBSP) -> str:
    """A scalar in Russian by its field's format: choices by their labels, roubles, m², dates, yes/no."""
    spec = spec or _UNDECLARED
    fmt = spec.item if spec.format == LIST else spec.format
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, (date, datetime)):
        return date_ru(value)
    if isinstance(value, str):
        if fmt == COMPARISON:
            return "неизвестен" if spec.key == "inn" and value == "unknown" else COMPARISON_WORDS.get(value, value)
        if fmt == CHOICE and spec.choices and value in spec.choices:
            return spec.choices[value]
        if fmt == DATE and _ISO_DATE.match(value):
            return date_ru(value)
        return value
    if isinstance(value, (int, float)):
        if fmt == MONEY:
            return rub(value, space)
        if fmt == AREA:
            return area_ru(value, space, missing="—")
        if fmt == PERCENT:
            return f"{number_ru(value, 2, trim=True, space=space)}{space}%"
        if fmt == RATIO:
            return f"в{space}{number_ru(value, 1, trim=True, space=space)}{space}раза"
        if fmt == SCORE:
            return number_ru(value, 2, space=space)
        if isinstance(value, float) and not value.is_integer():
            return number_ru(value, 2, trim=True, space=space)
        return str(int(value))
    return str(value)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _inline(label: str) -> str:
    """A label inside a line: `оценка совпадения ФИО`, but `ИНН` stays as it is."""
    return label if len(label) > 1 and label[1].isupper() else label[:1].lower() + label[1:]


def _child(spec: Field | None, key: str) -> Field:
    found = spec.child(key) if spec is not None else None
    return found or Field(key, LABELS.get(key, key.replace("_", " ")))


def evidence_line(code: str, evidence: Any) -> str:
    """Every field (private ones too: the HR officer's own data) as `label: value`, nested records
    in parentheses; the fallback line of the HR workbook for a code without its own describer."""
    spec = BY_CODE[code].evidence_spec.root if code in BY_CODE else None
    return _line(spec, evidence, 0)


def render_evidence(code: str, evidence: Any) -> str:
    """The evidence as one readable line for the HR officer: the code's own describer (checks/catalogue.py)
    when it has one, else every field by its declared label and format."""
    if not isinstance(evidence, dict):
        return "" if evidence is None else str(evidence)
    describe = describer_of(code)
    if describe is not None:
        try:
            return describe(evidence)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # evidence of an older version: fall back to the generic rendering
    return evidence_line(code, evidence)


#: Labels of keys that evidence written by older versions holds (not declared any more).
LEGACY_LABELS = {"procedure_id": "закупка", "company_name": "организация", "company_inn": "ИНН организации",
                 "full_name": "ФИО", "person_id": "табельный номер", "source_row": "строка файла",
                 "score": "совпадение"}


def _line(spec: Field | None, value: Any, depth: int) -> str:
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if (key == "servant" and depth == 0) or item is None or item == [] or item == {}:
                continue
            sub = spec.child(key) if spec is not None else None
            if sub is None:  # evidence of an older version: a label from the key, a date seen as one
                looks_like_date = isinstance(item, str) and _ISO_DATE.match(item) is not None
                label = LEGACY_LABELS.get(key) or LABELS.get(key) or str(key)
                sub = Field(key, label, DATE if looks_like_date else TEXT)
            parts.append(f"{_inline(sub.label)}: {_line(sub, item, depth + 1)}")
        text = "; ".join(parts)
        return text if depth == 0 else f"({text})"
    if isinstance(value, list):
        return "[" + "; ".join(_line(spec, v, depth + 1) for v in value) + "]"
    return value_text(spec, value, space=" ")


# --------------------------------------------------------------------------- facts for the report

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


NOISE_KEYS = frozenset({"sale_words"})  # settings echoed by some rules; the report shows the settings once
SIDE_SKIP = frozenset({"declaration_id", "year", "kind"})
ASSET_ROW_KEYS = ("row",)
FIRST_KEYS = ("subject", "relative", "declaration", "year", "deadline", "submitted_on", "days_late")
#: The order of the facts after FIRST_KEYS (then alphabetical).
FACT_ORDER = tuple(LABELS)
#: The order of the fields of an item described on one line (others follow as stored).
GENERIC_ORDER = ("rank", "id", "date", "customer", "customer_inn", "name", "inn", "issuer_name", "issuer_inn", "kind",
                 "relation", "matched_under", "role", "roles", "share_pct", "kinship", "amount", "is_winner", "procedures",
                 "won_any", "since", "until", "score", "kinship_score", "method", "birth_date", "whose", "source")


def _one_line(text: str) -> str:
    return "; ".join(part for part in str(text).split("\n") if part)


def _money(value: Any) -> str:
    return rub(value, NBSP)


def describe_item(item: Any, spec: Field) -> str:
    """One line about one public evidence item (an asset row, an income, a справка, anything else)."""
    if not isinstance(item, dict):
        if isinstance(item, list):
            return ", ".join(describe_item(v, spec) for v in item)
        return value_text(spec, item)
    d = {k: v for k, v in item.items() if not _empty(v)}

    def text(key: str) -> str:
        return value_text(_child(spec, key), d.get(key, ""))

    if "object_type" in d:
        kind = text("object_type")
        if d.get("object_type") == "other" and d.get("object_type_raw"):
            kind = str(d["object_type_raw"])
        parts = [kind]
        if "holding" in d:
            parts.append(text("holding"))
        if "area" in d:
            parts.append(area_ru(d["area"], NBSP, missing="—"))
        if "ownership" in d:
            parts.append(text("ownership") + (f" {d['share']}" if d.get("share") else ""))
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
        parts = [f"{text('vehicle_type')} {name}".strip()]
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
            parts.append(f"остаток {_money(d['balance'])}")
        return ", ".join(parts)
    if "income_type" in d:
        line = text("income_type")
        if d.get("description"):
            line += f" ({d['description']})"
        prefix = f"{d['year']}: " if "year" in d else ""
        return f"{prefix}{line}: {_money(d.get('amount'))}"
    if "asset_kind" in d:
        line = text("asset_kind")
        if d.get("description"):
            line += f" «{d['description']}»"
        if "deal_date" in d:
            line += f", сделка {date_ru(d['deal_date'])}"
        line += f": {_money(d.get('amount'))}"
        if d.get("funds_source"):
            line += f", источник средств: {d['funds_source']}"
        return line
    if "declaration_id" in d:
        bits = [text("subject")] if "subject" in d else []
        if "year" in d:
            bits.append(f"за {d['year']} год")
        if "kind" in d:
            bits.append(text("kind"))
        if "corrects" in d:
            bits.append(f"уточняет {d['corrects']}")
        if "submitted_on" in d:
            bits.append(f"представлена {date_ru(d['submitted_on'])}")
        return f"{d['declaration_id']}" + (f" ({', '.join(bits)})" if bits else "")
    parts = []
    prefix = f"{d.pop('year')}: " if "year" in d and len(d) > 1 else ""
    if "name" in d:  # the spec lets only an organisation's name through
        head = f"{d.pop('name')}" + (f" (ИНН {d.pop('inn')})" if "inn" in d else "")
        parts.append(head)
    for key, value in sorted(d.items(), key=lambda kv: _generic_rank(*kv)):
        sub = _child(spec, key)
        if isinstance(value, dict):
            inner = describe_item(value, sub)
            if inner:
                parts.append(f"{_inline(sub.label)}: {inner}")
        elif isinstance(value, list):
            parts.append(f"{_inline(sub.label)}: {', '.join(describe_item(v, sub) for v in value)}")
        else:
            parts.append(f"{_inline(sub.label)}: {value_text(sub, value)}")
    return prefix + ", ".join(parts)


def _generic_rank(key: str, value: Any = None) -> int:
    if isinstance(value, str) and value in COMPARISON_WORDS:  # "birth date: equal" after the score
        return len(GENERIC_ORDER) + 1
    return GENERIC_ORDER.index(key) if key in GENERIC_ORDER else len(GENERIC_ORDER)


def _value_block(spec: Field, value: Any) -> str:
    """A fact's value: lists one item per line, dicts and scalars on one line."""
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return ", ".join(value_text(spec, v) for v in value)
        return "\n".join(describe_item(v, spec) for v in value)
    if isinstance(value, dict):
        return describe_item(value, spec)
    return value_text(spec, value)


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
                                       FACT_ORDER.index(k) if k in FACT_ORDER else len(FACT_ORDER), k))


def evidence_view(code: str, evidence: dict[str, Any]) -> EvidenceView:
    """The public facts of a flag's evidence for the report; the two declarations of a year-over-year
    flag side by side. Only fields the code's spec marks public are read: a code or a key without a
    declaration shows nothing."""
    spec = BY_CODE[code].evidence_spec.root if code in BY_CODE else None
    view = EvidenceView()
    if spec is None or not isinstance(evidence, dict):
        return view
    rest = public_part(spec, evidence)
    assert isinstance(rest, dict)
    previous, current = rest.pop("previous", None), rest.pop("current", None)
    if isinstance(previous, dict) and isinstance(current, dict):
        view.sides = (_side_title(previous), _side_title(current))
        before_spec, after_spec = _child(spec, "previous"), _child(spec, "current")
        asset = rest.get("asset")
        for key in ASSET_ROW_KEYS:
            if key in previous or key in current:
                title = ASSET_LABELS.get(str(asset), "объект").capitalize()
                before, after = previous.get(key), current.get(key)
                view.compared.append((title, describe_item(before, _child(before_spec, key)) if before else "нет",
                                      describe_item(after, _child(after_spec, key)) if after else "нет"))
        rest.pop("asset", None)  # the title of the compared row
        keys = [k for k in dict.fromkeys([*previous, *current]) if k not in SIDE_SKIP and k not in ASSET_ROW_KEYS]
        for key in _ordered(keys):
            before, after = previous.get(key), current.get(key)
            if _empty(before) and _empty(after):
                continue
            sub = _child(before_spec if key in previous else after_spec, key)
            view.compared.append((sub.label,
                                  "—" if _empty(before) else _value_block(_child(before_spec, key), before),
                                  "—" if _empty(after) else _value_block(_child(after_spec, key), after)))
    elif previous is not None or current is not None:
        rest.update({k: v for k, v in (("previous", previous), ("current", current)) if v is not None})
    if "reason_text" in rest:
        rest.pop("reason", None)
    if "match_label" in rest:
        rest.pop("matched_by", None)   # the label says it for this kind of asset
    for key in _ordered([k for k in rest if k not in NOISE_KEYS]):
        value = rest[key]
        if _empty(value):
            continue
        text = _value_block(_child(spec, key), value)
        if text:
            view.facts.append((_child(spec, key).label, text))
    return view
