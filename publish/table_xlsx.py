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
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from publish.public_rows import COLUMNS, GROUPS, OrganisationTable, PublicYear, block_grid, title_lines

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
    "header": {"border": BORDER, "alignment": WRAP_CENTER, "fill": HEADER_FILL, "font": Font(bold=True, size=10)},
    "section": {"border": BORDER, "fill": SECTION_FILL, "font": Font(bold=True),
                "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True)},
    "body": {"border": BORDER, "alignment": WRAP_TOP},
    "number": {"border": BORDER, "alignment": Alignment(wrap_text=True, vertical="top", horizontal="right")},
    "declarant": {"border": BORDER, "alignment": WRAP_TOP, "font": Font(bold=True)},
}


class Painter:
    """Applies the named styles; each is built once per workbook and then copied (fast for big tables)."""

    def __init__(self):
        self.cache: dict[str, object] = {}

    def paint(self, cell, kind: str) -> None:
        style = self.cache.get(kind)
        if style is None:
            for key, value in STYLES[kind].items():
                setattr(cell, key, value)
            self.cache[kind] = copy(cell._style)
        else:
            cell._style = copy(style)

    def paint_range(self, ws: Worksheet, row1: int, row2: int, ncol: int, kind: str) -> None:
        for row in ws.iter_rows(min_row=row1, max_row=row2, min_col=1, max_col=ncol):
            for cell in row:
                self.paint(cell, kind)


def write_sheet(ws: Worksheet, year: int, table: OrganisationTable, painter: Painter | None = None) -> None:
    painter = painter or Painter()
    ncol = len(COLUMNS)
    last = get_column_letter(ncol)
    row = 1
    for i, line in enumerate(title_lines(year, table.name)):
        ws.cell(row=row, column=1, value=line)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncol)
        ws.cell(row=row, column=1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.cell(row=row, column=1).font = Font(bold=True, size=12 if i == 0 else 11)
        ws.row_dimensions[row].height = 30 if len(line) > 110 else 18
        row += 1
    row += 1  # a blank line before the table, as on real sites
    header = row
    # Row 1 of the header: single columns merged over two rows, the two groups over their columns.
    grouped = {c for _, first, end in GROUPS for c in range(first, end)}
    for col, title in enumerate(COLUMNS):
        if col not in grouped:
            ws.cell(row=header, column=col + 1, value=title)
            ws.merge_cells(start_row=header, start_column=col + 1, end_row=header + 1, end_column=col + 1)
        else:
            ws.cell(row=header + 1, column=col + 1, value=title)
    for title, first, end in GROUPS:
        ws.cell(row=header, column=first + 1, value=title)
        ws.merge_cells(start_row=header, start_column=first + 1, end_row=header, end_column=end)
    for col in range(1, ncol + 1):  # row of column numbers, as in the form
        ws.cell(row=header + 2, column=col, value=col)
    painter.paint_range(ws, header, header + 2, ncol, "header")
    ws.row_dimensions[header].height = 45
    ws.row_dimensions[header + 1].height = 30
    row = header + 3
    ws.freeze_panes = ws.cell(row=row, column=1)
    ws.print_title_rows = f"{header}:{header + 2}"

    for section in table.sections:
        if section.department:
            ws.cell(row=row, column=1, value=section.department)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncol)
            painter.paint_range(ws, row, row, ncol, "section")
            row += 1
        for block in section.blocks:
            grid = block_grid(block)
            for offset, cells in enumerate(grid):
                for col, cell in enumerate(cells):
                    if cell is None:
                        continue
                    ws.cell(row=row + offset, column=col + 1, value=cell.text)
                    if cell.rowspan > 1:
                        ws.merge_cells(start_row=row + offset, start_column=col + 1,
                                       end_row=row + offset + cell.rowspan - 1, end_column=col + 1)
            for r, cells in enumerate(ws.iter_rows(min_row=row, max_row=row + len(grid) - 1, max_col=ncol)):
                for col, target in enumerate(cells, start=1):
                    kind = "number" if col in NUMERIC_COLUMNS else "declarant" if (r == 0 and col == 2) else "body"
                    painter.paint(target, kind)
            row += len(grid)

    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "Страница &P из &N"
    ws.print_area = f"A1:{last}{max(row - 1, header + 2)}"


def write_xlsx(public: PublicYear, path: Path) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    painter = Painter()
    for table in public.organisations:
        write_sheet(workbook.create_sheet(_sheet_title(table.name, used)), public.year, table, painter)
    workbook.properties.title = title_lines(public.year)[0] + f" за {public.year} год"
    workbook.properties.creator = "declarations"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
