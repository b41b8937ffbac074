"""Text cells that a spreadsheet will never run: the defence against CSV and formula injection.

A name or position that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula
to Excel, LibreOffice and Google Sheets when the CSV is opened (`=HYPERLINK(…)` sends data away,
`=cmd|…` is a DDE payload). OWASP's rule (https://owasp.org/www-community/attacks/CSV_Injection):
such a cell is prefixed with a single quote, which every spreadsheet shows as text. The same rule
holds for every text cell of our workbooks, so a value reads the same in the CSV and the xlsx,
and an HR officer who edits the cell in Excel does not turn it into a live formula.

Left as they are, because no spreadsheet reads them as a formula: a cell that is exactly «-» (the
form's mark of an empty cell, as Указ № 613 tables print it) and a plain signed number («-5»,
«+1 234,5»: a value the user typed, which an error report must show as it was).
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EMPTY_MARK = "-"
_SIGNED_NUMBER = re.compile(r"[+-]\d[\d \u00a0.,]*")


def is_formula_like(value: Any) -> bool:
    """True where a spreadsheet could read the text cell as a formula."""
    return (isinstance(value, str) and value.startswith(FORMULA_STARTS) and value != EMPTY_MARK
            and not _SIGNED_NUMBER.fullmatch(value))


def neutralise(value: Any) -> Any:
    """The value as a spreadsheet must show it: text that could start a formula gets a leading `'`."""
    return "'" + value if is_formula_like(value) else value


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
