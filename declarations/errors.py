"""User-facing input errors: every problem of a file, located as the user sees it."""

from __future__ import annotations

import csv
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from declarations.atomic import atomic_write
from declarations.cell_text import neutralise

COLUMN_TITLES_RU = {
    "file": "Файл",
    "sheet": "Лист",
    "row": "Строка",
    "column": "Столбец",
    "expected": "Ожидалось",
    "found": "Найдено",
}


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in an input file: where it is, what was expected, what was found."""

    file: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    expected: str = ""
    found: str = ""

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.file,
                f"лист «{self.sheet}»" if self.sheet else "",
                f"строка {self.row}" if self.row is not None else "",
                f"столбец «{self.column}»" if self.column else "",
            )
            if part
        )
        return f"{where}: ожидалось {self.expected}; найдено: {self.found or '(пусто)'}"


class InputError(Exception):
    """Raised with all the issues of one or more files; nothing of those files is loaded."""

    loaded = 0  # files of the same call that did load (public data: each file stands alone)

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(set(issues), key=lambda i: (i.file, i.sheet, i.row or 0, i.column, i.expected))
        super().__init__(f"{len(self.issues)} ошибок во входных данных")


def write_issues_csv(issues: list[Issue], path: Path) -> None:
    """Write issues as a CSV (UTF-8 with BOM so Excel opens it in Cyrillic)."""
    with atomic_write(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([COLUMN_TITLES_RU[f.name] for f in fields(Issue)])
        for issue in issues:
            writer.writerow(["" if v is None else neutralise(v) for v in astuple(issue)])
