"""The cells and merged ranges of big sheets, streamed into the package that openpyxl writes.

openpyxl writes the workbook: the styles, sheet properties, column widths, frozen panes, print
set-up and defined names. Its cell writer costs tens of microseconds a cell, and the table of
100 000 servants has three and a half million cells and half a million merged ranges (whose
collection in openpyxl is quadratic), so the `<sheetData>` and `<mergeCells>` of each sheet are
written here as text instead: the same SpreadsheetML that openpyxl writes (inline strings,
numbers, style ids from openpyxl's own style table), put in place of the empty `<sheetData/>`
of the package openpyxl saved. (`<mergeCells>` follows `<sheetData>` directly: the sheets have
no protection, scenarios or filters, which the schema would put between them.)
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from declarations.atomic import atomic_path
from declarations.cell_text import neutralise

# Control characters that XML 1.0 cannot carry (openpyxl refuses them; here they are dropped).
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
_EMPTY_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")
MAX_TEXT = 32767  # Excel's limit on the length of a cell's text
CHUNK = 1 << 22
StyledCell = tuple[str | int | None, int | None]  # a cell's value and the index of its format (`style_id`)
ZIP64_FROM = 1 << 30  # a part that may pass 2 GiB once wrapped needs zip64 sizes


def style_id(workbook: Workbook, **attributes) -> int:
    """The index of a cell format (font, border, fill, alignment…) in the workbook's style table."""
    sheet = workbook.create_sheet("_style")
    cell = WriteOnlyCell(sheet)
    for key, value in attributes.items():
        setattr(cell, key, value)
    index = cell.style_id  # registers the format with openpyxl
    workbook.remove(sheet)
    return index


def _content(value: str | int | None) -> str:
    """A cell's type and value as openpyxl writes them: inline strings, numbers, empty cells."""
    if value is None:
        return ' t="n"/>'
    if value == "":
        return ' t="inlineStr"/>'
    if isinstance(value, str):
        clean = neutralise(_ILLEGAL.sub("", value[:MAX_TEXT - 1]))
        space = ' xml:space="preserve"' if clean != clean.strip() else ""
        return f' t="inlineStr"><is><t{space}>{escape(clean)}</t></is></c>'
    return f' t="n"><v>{value}</v></c>'


class SheetRows:
    """The rows of one sheet as SpreadsheetML text, appended in order to a temporary file."""

    def __init__(self, ncol: int):
        self.letters = [get_column_letter(col) for col in range(1, ncol + 1)]
        self.file = tempfile.TemporaryFile()
        self.row = 0
        self.merged: list[str] = []
        self._tails: dict[tuple, str] = {}  # (value, style) → the cell's XML after `<c r="A1"`

    def merge(self, row1: int, col1: int, row2: int, col2: int) -> None:
        """Merge the cells from (row1, col1) to (row2, col2), 1-based."""
        self.merged.append(f'<mergeCell ref="{self.letters[col1 - 1]}{row1}:{self.letters[col2 - 1]}{row2}"/>')

    def _tail(self, cell: StyledCell) -> str:
        """Everything of a cell's XML after its reference; "" for a cell that is not written at all."""
        value, style = cell
        tail = "" if value is None and style is None else (f' s="{style}"' if style else "") + _content(value)
        self._tails[cell] = tail
        return tail

    def append(self, cells: list[StyledCell], height: float | None = None) -> int:
        """One row of (value, style id) from column A; a None value is an empty (styled) cell."""
        self.row += 1
        r = self.row
        out = [f'<row r="{r}" ht="{height:g}" customHeight="1">' if height else f'<row r="{r}">']
        tails = self._tails
        for letter, cell in zip(self.letters, cells):
            tail = tails.get(cell)
            if tail is None:
                tail = self._tail(cell)
            if tail:
                out.append(f'<c r="{letter}{r}"{tail}')
        out.append("</row>")
        self.file.write("".join(out).encode("utf-8"))
        return r

    def skip(self) -> None:
        """An empty row (nothing is written for it)."""
        self.row += 1

    @property
    def size(self) -> int:
        return self.file.tell()

    def copy_to(self, target) -> None:
        """Write `<sheetData>` with every row and `<mergeCells>` to a binary stream; release the file."""
        target.write(b"<sheetData>")
        self.file.seek(0)
        shutil.copyfileobj(self.file, target, CHUNK)
        target.write(b"</sheetData>")
        self.file.close()
        if self.merged:
            target.write(f'<mergeCells count="{len(self.merged)}">'.encode())
            for start in range(0, len(self.merged), 10_000):
                target.write("".join(self.merged[start:start + 10_000]).encode())
            target.write(b"</mergeCells>")


def save(workbook: Workbook, path: Path, rows: dict[str, SheetRows]) -> Path:
    """Save the workbook with openpyxl, then put each sheet's rows (by sheet title) into the package.

    The package is written under a temporary name beside `path` and renamed: whole or not at all."""
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "draft.xlsx"
        workbook.save(draft)
        parts = {ws.path.lstrip("/"): rows[ws.title] for ws in workbook.worksheets if ws.title in rows}
        with atomic_path(path) as final, zipfile.ZipFile(draft) as source, \
                zipfile.ZipFile(final, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info)
                info.compress_type = zipfile.ZIP_DEFLATED
                if info.filename not in parts:
                    target.writestr(info, data)
                    continue
                gap = _EMPTY_SHEET_DATA.search(data)
                if gap is None:
                    raise ValueError(f"{info.filename}: openpyxl wrote no empty <sheetData> to fill")
                sheet = parts[info.filename]
                with target.open(info, "w", force_zip64=sheet.size > ZIP64_FROM) as stream:
                    stream.write(data[:gap.start()])
                    sheet.copy_to(stream)
                    stream.write(data[gap.end():])
    return path
