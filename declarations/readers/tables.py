"""Read sheets of text cells from `.xlsx` workbooks and CSV files.

Every cell is read as text (real Excel dates and numbers included) so that one
coercion step (`declarations.coerce`) reads all forms the same way. Headers and
sheet names are matched to the model by English key or Russian header, case-,
space- and ё-insensitively. The header row is the first row, or the first of the
top ten rows that names known columns (sites often put a title above the table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import polars as pl

from declarations.coerce import ROW
from declarations.errors import Issue
from declarations.model import Sheet
from declarations.text import fold

HEADER_SEARCH_ROWS = 10


@dataclass
class RawSheet:
    """One sheet of text cells, columns renamed to model keys (extras keep their header)."""

    sheet: Sheet
    name: str  # as written in the file
    frame: pl.DataFrame
    headers: dict[str, str] = field(default_factory=dict)  # key -> header as written
    file: str = ""  # the file the user opens to fix it (the .xlsx, or the sheet's own .csv)


def header_lookup(sheet: Sheet) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for key, column in sheet.columns.items():
        lookup[fold(key)] = key
        lookup[fold(column.title)] = key
    return lookup


def sheet_for_name(name: str, sheets: tuple[Sheet, ...]) -> Sheet | None:
    folded = fold(Path(name).stem if name.lower().endswith(".csv") else name)
    for sheet in sheets:
        if folded in (fold(sheet.key), fold(sheet.title)):
            return sheet
    return None


def name_columns(
    cells: pl.DataFrame, sheet: Sheet, file: str, sheet_name: str, first_data_row: int
) -> tuple[RawSheet | None, list[Issue]]:
    """Rename text columns to model keys, add the user-visible row number, report header problems.

    `cells` has the file's headers as column names; `first_data_row` is the number
    the user sees for its first row.
    """
    lookup = header_lookup(sheet)
    issues: list[Issue] = []
    renames: dict[str, str] = {}
    headers: dict[str, str] = {}
    for header in cells.columns:
        key = lookup.get(fold(header))
        if key is None:
            continue
        if key in headers:
            issues.append(Issue(file, sheet_name, first_data_row - 1, header,
                                f"один столбец «{sheet.columns[key].title}»", f"повтор столбца «{headers[key]}»"))
            continue
        renames[header] = key
        headers[key] = header
    for key, column in sheet.columns.items():
        if column.metadata["required"] and key not in headers:
            issues.append(Issue(file, sheet_name, first_data_row - 1, column.title,
                                f"обязательный столбец «{column.title}» ({key})", "нет такого столбца"))
    frame = (
        cells.rename(renames)
        .with_row_index(ROW, offset=first_data_row)
        .with_columns(pl.col(ROW).cast(pl.Int64))
    )
    # fully empty rows are not data (trailing formatting in Excel, blank lines in CSV)
    data_cols = [c for c in frame.columns if c != ROW]
    if data_cols:
        frame = frame.filter(~pl.all_horizontal([pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in data_cols]))
    return RawSheet(sheet, sheet_name, frame, headers, file), issues


def repeated_headers(values: Sequence[object], file: str, sheet_name: str, row: int) -> list[Issue]:
    """A header written twice: which of the two columns holds the data is not ours to guess."""
    seen: set[str] = set()
    issues = []
    for value in values:
        name = str(value).strip() if value is not None else ""
        if not name:
            continue
        if fold(name) in seen:
            issues.append(Issue(file, sheet_name, row, name, "заголовок столбца без повторов",
                                f"столбец «{name}» повторяется"))
        seen.add(fold(name))
    return issues


def _unique_headers(values: Sequence[object]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for i, value in enumerate(values):
        name = str(value).strip() if value is not None and str(value).strip() else f"column_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 0
        names.append(name)
    return names


def read_xlsx_sheet(
    reader: fastexcel.ExcelReader, sheet_name: str, sheet: Sheet, file: str, first_used_row: int
) -> tuple[RawSheet | None, list[Issue]]:
    """`first_used_row`: the Excel row of the first used cell (calamine's range starts there)."""
    cells = reader.load_sheet(sheet_name, header_row=None, dtypes="string").to_polars()
    if cells.height == 0:
        return name_columns(pl.DataFrame(), sheet, file, sheet_name, first_used_row + 1)
    lookup = header_lookup(sheet)
    top = cells.head(HEADER_SEARCH_ROWS).rows()
    scores = [sum(1 for v in row if v is not None and fold(str(v)) in lookup) for row in top]
    header_index = max(range(len(scores)), key=lambda i: (scores[i], -i)) if max(scores) > 0 else 0
    body = cells.slice(header_index + 1)
    body.columns = _unique_headers(list(top[header_index]))
    raw, issues = name_columns(body, sheet, file, sheet_name, first_used_row + header_index + 1)
    return raw, issues + repeated_headers(list(top[header_index]), file, sheet_name, first_used_row + header_index)


def csv_files(folder: Path) -> list[Path]:
    """The CSV files of a folder, by listing it (a name with `[ ] * ?` is never a pattern)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")


def csv_cells(path: Path, n_rows: int | None = None) -> tuple[list[str], pl.DataFrame]:
    """The header (as written, BOM removed) and the text cells of a CSV file.

    The bytes are read here, so that a name with `[ ] * ?` is the file itself and never a glob
    pattern (polars expands patterns in paths); the header is read as a row, so that a repeated
    header is seen as written (polars would rename it)."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip(b" \t\r\n"):
        raise pl.exceptions.NoDataError("пустой файл")
    data.decode("utf-8")  # a file in another encoding is named as such, not as a polars error
    cells = pl.read_csv(data, infer_schema=False, encoding="utf8", has_header=False,
                        n_rows=None if n_rows is None else n_rows + 1)
    header = ["" if v is None else v for v in cells.row(0)] if cells.height else []
    body = cells.slice(1)
    return header, body


def read_csv_table(path: Path, sheet: Sheet) -> tuple[RawSheet | None, list[Issue]]:
    file = str(path)
    try:
        header, cells = csv_cells(path)
    except UnicodeDecodeError as error:
        return None, [Issue(file, sheet.title, None, "", "CSV в кодировке UTF-8 с запятой-разделителем",
                            f"байт {error.start + 1} не в UTF-8 (сохраните файл как «CSV UTF-8»)")]
    except pl.exceptions.NoDataError:
        return None, [Issue(file, sheet.title, None, "", "CSV со строкой заголовков", "пустой файл")]
    except (pl.exceptions.PolarsError, OSError) as error:
        return None, [Issue(file, sheet.title, None, "", "CSV в кодировке UTF-8 с запятой-разделителем",
                            f"файл не читается: {str(error).splitlines()[0]}")]
    cells.columns = _unique_headers(header)
    raw, issues = name_columns(cells, sheet, file, path.name, 2)
    return raw, issues + repeated_headers(header, file, path.name, 1)
