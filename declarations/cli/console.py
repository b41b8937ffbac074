"""Terminal output: messages in Russian, issue tables, progress, and exits without tracebacks.

User text (values, file names, paths) is never read as rich markup: `[/red]` in a name is
printed as it is. On a terminal the input errors are a table; when stderr is a file or a pipe
they are one line each (`file:sheet:row: column — expected …; found …`), never wrapped, so
that they can be grepped and read by programs.
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import duckdb
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from declarations.cli.results import UsageError
from declarations.errors import COLUMN_TITLES_RU, InputError, Issue, os_error_reason, write_issues_csv
from declarations.store import StoreError

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


class Verbosity:
    quiet = False
    verbose = False


def say(message: str, style: str | None = None) -> None:
    if not Verbosity.quiet:
        console.print(message, markup=False, style=style, soft_wrap=True)


def detail(message: str) -> None:
    if Verbosity.verbose:
        console.print(message, markup=False, style="dim", soft_wrap=True)


def fail(message: str, code: int = 1) -> NoReturn:
    err_console.print(Text.assemble(("Ошибка: ", "bold red"), message), soft_wrap=True)  # a line, never cut
    raise typer.Exit(code)


MAX_ISSUES_SHOWN = 200


def issue_line(issue: Issue) -> str:
    """One error on one line: `file:sheet:row: column — expected …; found …` (empty parts left out)."""
    where = ":".join(part for part in (issue.file, issue.sheet, "" if issue.row is None else str(issue.row)) if part)
    what = f"ожидалось {issue.expected}; найдено: {issue.found or '(пусто)'}"
    line = f"{where}: {issue.column} — {what}" if issue.column else f"{where}: {what}"
    return " ".join(line.split())  # a line break inside a value must not split the error


def show_issues(error: InputError, errors_csv: Path | None, loading: bool = False) -> None:
    issues = error.issues
    title = f"Найдено ошибок: {len(issues)}."
    if loading:  # only `load` reads files into the store; other verbs refuse their arguments
        loaded = f" Остальные файлы загружены: {error.loaded}." if error.loaded else ""
        title += f" Ничего из этих файлов не загружено.{loaded}"
    if not err_console.is_terminal:
        sys.stderr.write(title + "\n" + "".join(issue_line(issue) + "\n" for issue in issues))
    else:
        table = Table(title=title, show_lines=False)
        for column in COLUMN_TITLES_RU.values():
            table.add_column(column, overflow="fold")
        for issue in issues[:MAX_ISSUES_SHOWN]:
            table.add_row(*(Text(value) for value in (
                issue.file, issue.sheet, "" if issue.row is None else str(issue.row), issue.column,
                issue.expected, issue.found or "(пусто)")))
        err_console.print(table)
        if len(issues) > MAX_ISSUES_SHOWN:
            err_console.print(f"… и еще {len(issues) - MAX_ISSUES_SHOWN}; все ошибки: --errors FILE.csv", markup=False)
    if errors_csv is not None:
        try:
            write_issues_csv(issues, errors_csv)
        except OSError as problem:
            err_console.print(f"Файл ошибок не записан: {os_error_message(problem)}", markup=False, soft_wrap=True)
        else:
            err_console.print(f"Все ошибки записаны в {errors_csv}", markup=False, soft_wrap=True)


def os_error_message(error: OSError) -> str:
    """An OSError in Russian with the path it concerns; outputs that were being written stay as they were."""
    reason = os_error_reason(error)
    path = error.filename if error.filename is not None else ""
    where = f"{path}: " if path else ""
    return f"{where}{reason}; прежние файлы результатов не изменены"


def _duckdb_message(error: duckdb.Error) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    if "No space left" in text or "disk is full" in text.lower():
        return f"на диске нет места для базы данных; база осталась в прежнем состоянии ({text})"
    if "lock" in text.lower():
        return f"база данных открыта другой программой: {text}"
    return f"база данных недоступна: {text}"


def _internal_error(error: BaseException) -> None:
    """A bug of the program: a short message; the traceback in a file (on screen with --verbose)."""
    details = "".join(traceback.format_exception(error))
    if Verbosity.verbose:
        sys.stderr.write(details)
        where = ""
    else:
        handle, name = tempfile.mkstemp(prefix="declarations-error-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as log:
            log.write(details)
        where = f"; подробности для разработчиков: {name}"
    fail(f"внутренняя ошибка программы ({type(error).__name__}: {str(error)[:200]}){where}", 70)


def user_errors(errors_csv_param: str | None = None) -> Callable:
    """Decorate a command: user mistakes become a Russian message and a non-zero exit code."""

    def decorate(command: Callable) -> Callable:
        @functools.wraps(command)
        def run(*args, **kwargs):
            try:
                return command(*args, **kwargs)
            except typer.Exit:
                raise
            except UsageError as error:
                fail(str(error), error.code)
            except InputError as error:
                show_issues(error, kwargs.get(errors_csv_param) if errors_csv_param else None,
                            loading=errors_csv_param is not None)
                raise typer.Exit(1) from None
            except StoreError as error:
                fail(str(error), 2)
            except (duckdb.IOException, duckdb.OutOfMemoryException, duckdb.PermissionException) as error:
                fail(_duckdb_message(error), 2)
            except OSError as error:
                fail(os_error_message(error), 1)
            except MemoryError:
                fail("не хватило памяти; база и прежние файлы результатов не изменены", 1)
            except KeyboardInterrupt:
                fail("прервано пользователем; база осталась в прежнем состоянии", 130)
            except Exception as error:  # noqa: BLE001 — the last guard: no traceback reaches a user
                _internal_error(error)

        return run

    return decorate


@contextmanager
def progress(total: int | None, description: str):
    """A progress bar on stderr for long steps; silent with --quiet or when not a terminal."""
    bar = Progress(
        SpinnerColumn(), TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err_console, transient=True, disable=Verbosity.quiet or not sys.stderr.isatty(),
    )
    with bar:
        task = bar.add_task(description, total=total)
        yield lambda advance=1, text=None: bar.update(
            task, advance=advance, **({"description": text} if text else {}))
