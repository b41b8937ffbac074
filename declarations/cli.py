"""`declarations`: load, check, match, publish and report income and asset declarations."""

from __future__ import annotations

from pathlib import Path

import typer

from declarations import commands
from declarations.console import Verbosity, progress, say, user_errors
from declarations.load import discover, load_paths
from declarations.store import DEFAULT_DB, Store

app = typer.Typer(
    help=(
        "Сведения о доходах, расходах, об имуществе и обязательствах имущественного характера: "
        "загрузка, проверка, поиск конфликта интересов в закупках, публикация и доклад.\n\n"
        "Данные хранятся в файле DuckDB (по умолчанию declarations.duckdb в текущей папке)."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

DbOption = typer.Option(DEFAULT_DB, "--db", help="Файл базы DuckDB.")


@app.callback()
def main(
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Только ошибки."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Подробный вывод."),
) -> None:
    Verbosity.quiet = quiet
    Verbosity.verbose = verbose


@app.command()
@user_errors(errors_csv_param="errors")
def load(
    paths: list[Path] = typer.Argument(..., help="Книги .xlsx, папки CSV, Declarator JSON, OCDS JSON, "
                                                   "procurement.csv, commissions.csv, officers.csv или папки с ними."),
    db: Path = DbOption,
    errors: Path | None = typer.Option(None, "--errors", help="Записать все ошибки в CSV-файл."),
) -> None:
    """Загрузить файлы в базу: сначала проверка, файл с ошибками не загружается."""
    files, _ = discover(paths)
    with Store(db) as store, progress(len(files), "Загрузка") as advance:
        results = list(load_paths(store, paths, on_file=lambda p: advance(0, f"Проверка {p.name}")))
        advance(len(files))
    for result in results:
        if result.unchanged:
            say(f"{result.source}: уже загружен, без изменений")
            continue
        rows = ", ".join(f"{table} {count}" for table, count in result.rows.items() if count)
        replaced = f" (заменена прежняя загрузка: {len(result.replaced_loads)})" if result.replaced_loads else ""
        say(f"{result.source}: загружено — {rows}{replaced}")


@app.command()
def deadline(
    year: int = typer.Option(..., "--year", help="Отчетный год."),
    category: str = typer.Option("default", "--category", help="Категория: default (30 апреля) или early (1 апреля)."),
    config: Path | None = typer.Option(None, "--config", help="Файл настроек TOML."),
) -> None:
    """Срок подачи сведений и срок их размещения на сайте (14 рабочих дней)."""
    commands.print_deadline(year, category, config)


if __name__ == "__main__":  # pragma: no cover
    app()
