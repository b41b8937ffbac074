"""User-facing input errors: every problem of a file, located as the user sees it."""

from __future__ import annotations

import csv
import errno
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from declarations.atomic import atomic_write
from declarations.cell_text import neutralise

# OS errors in Russian: Python's own words are English
_OS_REASONS = {
    errno.ENOSPC: "на диске нет места",
    errno.EDQUOT: "превышена квота на диске",
    errno.EACCES: "нет прав доступа",
    errno.EPERM: "операция не разрешена",
    errno.EROFS: "файловая система только для чтения",
    errno.ENOENT: "нет такого файла или папки",
    errno.ENOTDIR: "часть пути не является папкой",
    errno.EISDIR: "это папка, а не файл",
    errno.EEXIST: "файл уже существует",
    errno.ENAMETOOLONG: "слишком длинное имя файла",
}


def os_error_reason(error: OSError) -> str:
    """Why a file operation failed, in Russian where the reason is a common one."""
    known = _OS_REASONS.get(error.errno) if error.errno is not None else None
    return known or error.strerror or str(error) or type(error).__name__


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
