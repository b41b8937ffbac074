"""Baseline for the .xlsx load: read every cell of a workbook with openpyxl's read-only mode.

Only reading (no validation, no store): the floor a cell-by-cell Python reader cannot go below.
"""

import sys

import openpyxl


def read_all(path: str) -> int:
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += len(row)
    workbook.close()
    return cells


if __name__ == "__main__":
    print(read_all(sys.argv[1]))
