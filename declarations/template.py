"""The year's input workbook for the HR officer to fill (`declarations template`).

Everything in it is generated from the model (`declarations.model`), so the template and the
reader never disagree: one sheet per input sheet with the Russian headers, a note on each
header (what goes there, the format, the allowed values, the default, whether it is published,
an example), drop-down lists for every enumerated and yes/no column, date, number and text
formats (text where leading zeros or fractions like 1/2 must survive typing), frozen headers.
Pre-filled rows come from `template_prefill`; a hidden sheet names the year and the drafts
(`template_marker`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandera.polars as pa

from declarations.coerce import EXPECTED
from declarations.model import OFFICER_NOTES, WORKBOOK_SHEETS, Sheet
from declarations.template_marker import MARKER_SHEET, marker_rows
from declarations.template_prefill import Prefill

LISTS_SHEET = "Списки"
GUIDE_SHEET = "Как заполнять"
BOOL_LABELS = ("да", "нет")
LAST_ROW = 1_048_576  # validations and formats cover the whole column: rows are added at will

NUMBER_FORMATS = {"date": "DD.MM.YYYY", "int": "0", "number": "#,##0.00", "text": "@", "fraction": "@"}
# columns whose number format differs from their kind's
COLUMN_FORMATS = {"area": "#,##0.0#", "share_pct": "0.##", "year": "0"}
FORMAT_RU = {"text": "текст", "enum": "значение из списка", "fraction": "дробь", **EXPECTED}
WIDTHS = {"text": 22, "enum": 26, "fraction": 9, "date": 13, "int": 10, "number": 16, "bool": 12}
WIDE = {"full_name": 32, "subject_name": 32, "former_names": 30, "organisation": 36, "position": 30,
        "address": 40, "description": 30, "funds_source": 30, "issuer_name": 32, "bank": 26, "department": 28}


def _checks_text(column: pa.Column) -> list[str]:
    """The format rules of a column in the words the reader's messages use (the enum list aside)."""
    enum = column.metadata["enum"]
    texts = []
    for check in column.checks:
        error = getattr(check, "error", None)
        if error and not (enum and error.startswith("одно из значений")):
            texts.append(error)
    return texts


def header_note(key: str, column: pa.Column, sheet: Sheet) -> str:
    meta = column.metadata
    hint, example = OFFICER_NOTES[sheet.key][key]
    lines = [hint + "."]
    lines.append("Обязательно." if meta["required"] else "Можно оставить пустым.")
    kind = meta["kind"]
    if meta["enum"]:
        lines.append("Значения (список в ячейке): " + "; ".join(f"«{v}»" for v in meta["enum"].values()) + ".")
    else:
        rules = _checks_text(column)
        lines.append("Формат: " + "; ".join([FORMAT_RU[kind]] + rules) + ".")
    if meta["default"] is not None:
        default = meta["default"]
        if isinstance(default, bool):
            default = "да" if default else "нет"
        elif meta["enum"]:
            default = meta["enum"].get(default, default)
        lines.append(f"Если пусто: «{default}».")
    if meta["private"]:
        lines.append("Личные данные: на сайте не публикуется.")
    lines.append(f"Пример: {example}")
    lines.append(f"(столбец {key})")
    return "\n".join(lines)


def _lists() -> dict[str, tuple[str, ...]]:
    """Every drop-down list: yes/no, and the labels of each enumerated column."""
    lists: dict[str, tuple[str, ...]] = {"bool": BOOL_LABELS}
    for sheet in WORKBOOK_SHEETS:
        for key, column in sheet.columns.items():
            if column.metadata["enum"]:
                lists[f"{sheet.key}.{key}"] = tuple(column.metadata["enum"].values())
    return lists


def _list_formulas(lists: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """The validation formula of each list: a range of the hidden list sheet (an inline list is
    limited to 255 characters, and some lists are longer)."""
    from openpyxl.utils import get_column_letter, quote_sheetname

    formulas = {}
    for index, (name, labels) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        formulas[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(labels) + 1}"
    return formulas


def _lists_sheet(workbook, lists: dict[str, tuple[str, ...]]) -> None:
    ws = workbook.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    columns = list(lists.values())
    ws.append(list(lists))
    for row in range(max(len(labels) for labels in columns)):
        ws.append([labels[row] if row < len(labels) else None for labels in columns])


def _cell_value(value: Any, kind: str, enum: dict[str, str] | None) -> Any:
    """A stored value as the officer would type it: labels, not keys; да/нет; dates as dates."""
    if value is None:
        return None
    if enum:
        return enum.get(value, value)
    if kind == "bool":
        return "да" if value else "нет"
    if kind in ("text", "fraction"):
        return str(value)
    return value


def _data_sheet(workbook, sheet: Sheet, rows: list[dict[str, Any]], formulas: dict[str, str]) -> None:
    """One input sheet, streamed (write-only: a pre-filled sheet of 50 000 rows stays small in memory).
    Column formats are set on the columns, for the rows the officer adds, and on each pre-filled cell,
    which would otherwise be «General»; empty cells are not written."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import Cell
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = workbook.create_sheet(sheet.title)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    required_fill, optional_fill = PatternFill("solid", fgColor="F8CBAD"), PatternFill("solid", fgColor="DDEBF7")
    header: list[Cell] = []  # openpyxl's WriteOnlyCell is a function that makes a Cell
    columns = []  # (key, kind, enum, number format) per column
    for index, (key, column) in enumerate(sheet.columns.items(), start=1):
        meta = column.metadata
        kind = meta["kind"]
        letter = get_column_letter(index)
        cell = WriteOnlyCell(ws, value=column.title)
        cell.font, cell.alignment = bold, wrap
        cell.fill = required_fill if meta["required"] else optional_fill
        note = header_note(key, column, sheet)
        cell.comment = Comment(note, "declarations", width=360, height=40 + 16 * (note.count("\n") + 3))
        header.append(cell)
        ws.column_dimensions[letter].width = WIDE.get(key, WIDTHS[kind])
        number_format = COLUMN_FORMATS.get(key, NUMBER_FORMATS.get(kind))
        if number_format:
            ws.column_dimensions[letter].number_format = number_format
        columns.append((key, kind, meta["enum"], number_format))
        list_name = "bool" if kind == "bool" else (f"{sheet.key}.{key}" if meta["enum"] else None)
        if list_name:
            labels = ", ".join(meta["enum"].values()) if meta["enum"] else "да, нет"
            validation = DataValidation(
                type="list", formula1=formulas[list_name], allow_blank=not meta["required"], showDropDown=False,
                showErrorMessage=True, errorTitle=column.title, error=f"Выберите из списка: {labels}"[:255],
                showInputMessage=False,
            )
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.data_validations.append(validation)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32
    ws.append(header)
    for row in rows:
        values = []
        for key, kind, enum, number_format in columns:
            value = _cell_value(row.get(key), kind, enum)
            if value is not None and number_format:
                value = WriteOnlyCell(ws, value=value)
                value.number_format = number_format
            values.append(value)
        ws.append(values)


def _guide(workbook, prefill: Prefill) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    ws = workbook.create_sheet(GUIDE_SHEET)
    ws.column_dimensions["A"].width = 120
    lines = [
        f"Сведения о доходах, расходах, об имуществе и обязательствах имущественного характера за {prefill.year} год",
        "",
        "Одна строка листа «Справки» — одна справка (служащего, супруга(и) или несовершеннолетнего ребенка).",
        "Строки остальных листов относятся к справке по столбцу «Номер справки».",
        "Наведите указатель на заголовок столбца: в примечании — что писать, в каком виде и пример.",
        "Столбцы с розовым заголовком обязательны; для столбцов со списком выберите значение в ячейке.",
        "Даты: ДД.ММ.ГГГГ. Суммы: в рублях, например 1 474 895,00. Площадь: кв. м.",
    ]
    if prefill.base_year is not None:
        lines += [
            "",
            f"Заполнено по сведениям за {prefill.base_year} год: служащие, родственники, по справке на каждое лицо "
            f"(номера справок за {prefill.year} год), недвижимость, транспорт, счета (без остатков), ценные бумаги "
            "и обязательства.",
            "Получив справку, укажите «Дату представления» и исправьте сведения: удалите строки проданного, "
            "добавьте новое, впишите доходы, расходы и остатки на счетах.",
            "Справка без даты представления считается еще не представленной: при загрузке она пропускается "
            "вместе со своими строками, а проверка сообщит, что справки нет.",
        ]
    lines += ["", "Загрузка: declarations load <файл>.xlsx"]
    title = WriteOnlyCell(ws, value=lines[0])
    title.font = Font(bold=True, size=12)
    ws.append([title])
    for text in lines[1:]:
        ws.append([text])


def write_template(prefill: Prefill, path: Path) -> dict[str, int]:
    """Write the workbook; returns the number of pre-filled rows per sheet."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    _guide(workbook, prefill)  # sheets in the order the officer sees them: the guide, then the contract's
    lists = _lists()
    formulas = _list_formulas(lists)
    counts = {}
    for sheet in WORKBOOK_SHEETS:
        rows = prefill.rows.get(sheet.key, [])
        _data_sheet(workbook, sheet, rows, formulas)
        counts[sheet.key] = len(rows)
    _lists_sheet(workbook, lists)
    marker = workbook.create_sheet(MARKER_SHEET)
    marker.sheet_state = "hidden"
    for row in marker_rows(prefill.year, prefill.base_year, prefill.drafts):
        marker.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.properties.title = f"Сведения о доходах за {prefill.year} год"
    workbook.save(path)
    return counts
