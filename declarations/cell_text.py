"""Text cells that a spreadsheet will never run: the defence against CSV and formula injection.

A name or position that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula
to Excel, LibreOffice and Google Sheets when the CSV is opened (`=HYPERLINK(…)` sends data away,
`=cmd|…` is a DDE payload). OWASP's rule (https://owasp.org/www-community/attacks/CSV_Injection):
such a cell is prefixed with a single quote, which every spreadsheet shows as text. The same rule
holds for every text cell of our workbooks, so a value reads the same in the CSV and the xlsx,
and an HR officer who edits the cell in Excel does not turn it into a live formula.

A cell that is exactly «-» is left as it is: it is the form's mark of an empty cell (Указ № 613
tables print it), and no spreadsheet reads a lone hyphen as a formula.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EMPTY_MARK = "-"


def neutralise(value: Any) -> Any:
    """The value as a spreadsheet must show it: text that could start a formula gets a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and value != EMPTY_MARK:
        return "'" + value
    return value


def is_formula_like(value: Any) -> bool:
    """True where a spreadsheet would read the text cell as a formula (for tests and checks)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and value != EMPTY_MARK


def neutralise_workbook(workbook) -> None:
    """Every text cell of an openpyxl workbook set again through `neutralise`, typed as a string.

    openpyxl stores a string that starts with `=` as a formula (`<f>`); assigning the neutralised
    text makes it a plain string. Used on workbooks built cell by cell (report, flags, generalised).
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and (cell.data_type == "f" or is_formula_like(value)):
                    cell.value = neutralise(value)
                    cell.data_type = "s"
