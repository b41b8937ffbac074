"""Terminal output: messages in Russian, issue tables, progress, and exits without tracebacks."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import duckdb
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from declarations.errors import COLUMN_TITLES_RU, InputError, write_issues_csv
from declarations.store import StoreError

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


class Verbosity:
    quiet = False
    verbose = False


def say(message: str) -> None:
    if not Verbosity.quiet:
        console.print(message)


def detail(message: str) -> None:
    if Verbosity.verbose:
        console.print(f"[dim]{message}[/dim]")


def fail(message: str, code: int = 1) -> None:
    err_console.print(f"[bold red]Ошибка:[/bold red] {message}")
    raise typer.Exit(code)


MAX_ISSUES_SHOWN = 200


def show_issues(error: InputError, errors_csv: Path | None) -> None:
    issues = error.issues
    loaded = f" Остальные файлы загружены: {error.loaded}." if error.loaded else ""
    table = Table(title=f"Найдено ошибок: {len(issues)}. Ничего из этих файлов не загружено.{loaded}", show_lines=False)
    for title in COLUMN_TITLES_RU.values():
        table.add_column(title, overflow="fold")
    for issue in issues[:MAX_ISSUES_SHOWN]:
        table.add_row(issue.file, issue.sheet, "" if issue.row is None else str(issue.row), issue.column,
                      issue.expected, issue.found or "(пусто)")
    err_console.print(table)
    if len(issues) > MAX_ISSUES_SHOWN:
        err_console.print(f"… и еще {len(issues) - MAX_ISSUES_SHOWN}; все ошибки: --errors FILE.csv")
    if errors_csv is not None:
        write_issues_csv(issues, errors_csv)
        err_console.print(f"Все ошибки записаны в {errors_csv}")


def user_errors(errors_csv_param: str | None = None) -> Callable:
    """Decorate a command: user mistakes become a Russian message and a non-zero exit code."""

    def decorate(command: Callable) -> Callable:
        @functools.wraps(command)
        def run(*args, **kwargs):
            try:
                return command(*args, **kwargs)
            except InputError as error:
                show_issues(error, kwargs.get(errors_csv_param) if errors_csv_param else None)
                raise typer.Exit(1) from None
            except StoreError as error:
                fail(str(error), 2)
            except duckdb.IOException as error:
                fail(f"база данных недоступна (открыта другой программой?): {str(error).splitlines()[0]}", 2)
            except KeyboardInterrupt:
                fail("прервано пользователем; база осталась в прежнем состоянии", 130)

        return run

    return decorate


@contextmanager
def progress(total: int | None, description: str):
    """A progress bar on stderr for long steps; silent with --quiet or when not a terminal."""
    bar = Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True, disable=Verbosity.quiet or not sys.stderr.isatty(),
    )
    with bar:
        task = bar.add_task(description, total=total)
        yield lambda advance=1, text=None: bar.update(
            task, advance=advance, **({"description": text} if text else {}))
