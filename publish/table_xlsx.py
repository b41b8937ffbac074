"""The publication table as .xlsx, in the form of Указ № 613 as real official sites post it.

One sheet per organisation: title rows, a two-row header (columns 4–7 under
«Объекты недвижимости, находящиеся в собственности», 8–10 under «… в пользовании»)
followed by a row of column numbers 1–13, department section rows merged across the
table, then one row per property with the single-value cells (№ over the whole block;
name, position, vehicles, income and column 13 over the rows of each person-subject)
merged down. Borders, wrapped text, frozen header, A4 landscape with the header rows
repeated on every printed page. Numbers are Russian text («1 474 895,00», «64,7»).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import cast

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from publish.public_rows import COLUMNS, GROUPS, OrganisationTable, PublicYear, block_grid, title_lines
from publish.xlsx_rows import SheetRows, StyledCell, save, style_id

WIDTHS = (6, 24, 26, 18, 20, 11, 13, 18, 11, 13, 24, 18, 34)
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
HEADER_FILL = PatternFill("solid", fgColor="E7EDF3")
SECTION_FILL = PatternFill("solid", fgColor="F3F3F3")
NUMERIC_COLUMNS = {6, 9, 12}  # area, area, income (1-based): right-aligned


def _sheet_title(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Сведения"
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


STYLES = {
    "title": {"alignment": Alignment(horizontal="center", vertical="center", wrap_text=True),
              "font": Font(bold=True, size=12)},
    "subtitle": {"alignment": Alignment(horizontal="center", vertical="center", wrap_text=True),
                 "font": Font(bold=True, size=11)},
    "header": {"border": BORDER, "alignment": WRAP_CENTER, "fill": HEADER_FILL, "font": Font(bold=True, size=10)},
    "section": {"border": BORDER, "fill": SECTION_FILL, "font": Font(bold=True),
                "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True)},
    "body": {"border": BORDER, "alignment": WRAP_TOP},
    "number": {"border": BORDER, "alignment": Alignment(wrap_text=True, vertical="top", horizontal="right")},
    "declarant": {"border": BORDER, "alignment": WRAP_TOP, "font": Font(bold=True)},
}


def _block_kind(col: int, first_row: bool) -> str:
    if col in NUMERIC_COLUMNS:
        return "number"
    return "declarant" if first_row and col == 2 else "body"


# The style of each of the 13 cells of a block row: the block's first row, then the others.
_ROW_KINDS = {first: [_block_kind(col, first) for col in range(1, len(COLUMNS) + 1)] for first in (True, False)}


def _layout(ws: WriteOnlyWorksheet) -> Worksheet:
    """The sheet as the Worksheet whose layout attributes (page set-up, margins, column widths) it copies.

    openpyxl's WriteOnlyWorksheet runs Worksheet's `_setup` and so has all of them at run time; types-openpyxl
    declares only a few on it.
    """
    return cast(Worksheet, ws)


def _page_setup(sheet: WriteOnlyWorksheet) -> None:
    """A4 landscape, one page wide, centred, page numbers in the footer."""
    ws = _layout(sheet)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    # union-attr: HeaderFooter always creates its items; types-openpyxl types the getter as Optional.
    ws.oddFooter.center.text = "Страница &P из &N"  # type: ignore[union-attr]


def write_sheet(ws: WriteOnlyWorksheet, rows: SheetRows, year: int, table: OrganisationTable,
                styles: dict[str, int]) -> None:
    """The sheet's layout into openpyxl's sheet `ws`, its cells into `rows`."""
    ncol = len(COLUMNS)
    for col, width in enumerate(WIDTHS, start=1):
        _layout(ws).column_dimensions[get_column_letter(col)].width = width
    _page_setup(ws)

    for i, line in enumerate(title_lines(year, table.name)):
        row = rows.append([(line, styles["title" if i == 0 else "subtitle"])], height=30 if len(line) > 110 else 18)
        rows.merge(row, 1, row, ncol)
    rows.skip()  # a blank line before the table, as on real sites

    # Row 1 of the header: single columns merged over two rows, the two groups over their columns.
    header = rows.row + 1
    grouped = {c for _, first, end in GROUPS for c in range(first, end)}
    top: list = [None] * ncol
    sub: list = [None] * ncol
    for col, title in enumerate(COLUMNS):
        if col in grouped:
            sub[col] = title
        else:
            top[col] = title
            rows.merge(header, col + 1, header + 1, col + 1)
    for title, first, end in GROUPS:
        top[first] = title
        rows.merge(header, first + 1, header, end)
    style = styles["header"]
    rows.append([(value, style) for value in top], height=45)
    rows.append([(value, style) for value in sub], height=30)
    rows.append([(number, style) for number in range(1, ncol + 1)])  # the row of column numbers, as in the form
    ws.freeze_panes = f"A{header + 3}"
    ws.print_title_rows = f"{header}:{header + 2}"

    kinds = {first: [styles[kind] for kind in _ROW_KINDS[first]] for first in (True, False)}
    for section in table.sections:
        if section.department:
            row = rows.append([(section.department, styles["section"])] + [(None, styles["section"])] * (ncol - 1))
            rows.merge(row, 1, row, ncol)
        for block in section.blocks:
            for offset, cells in enumerate(block_grid(block)):
                row = rows.row + 1
                values: list[StyledCell] = []
                for col, (cell, style) in enumerate(zip(cells, kinds[offset == 0])):
                    if cell is None:
                        values.append((None, style))
                        continue
                    values.append((cell.text, style))
                    if cell.rowspan > 1:
                        rows.merge(row, col + 1, row + cell.rowspan - 1, col + 1)
                rows.append(values)
    ws.print_area = f"A1:{get_column_letter(ncol)}{max(rows.row, header + 2)}"


def write_xlsx(public: PublicYear, path: Path) -> Path:
    """openpyxl writes the workbook and the layout of each sheet; the rows are streamed in (`xlsx_rows`)."""
    workbook = Workbook(write_only=True)
    styles = {kind: style_id(workbook, **attributes) for kind, attributes in STYLES.items()}
    used: set[str] = set()
    rows: dict[str, SheetRows] = {}
    for table in public.organisations:
        ws = workbook.create_sheet(_sheet_title(table.name, used))
        rows[ws.title] = SheetRows(len(COLUMNS))
        write_sheet(ws, rows[ws.title], public.year, table, styles)
    workbook.properties.title = title_lines(public.year)[0] + f" за {public.year} год"
    workbook.properties.creator = "declarations"
    return save(workbook, path, rows)
