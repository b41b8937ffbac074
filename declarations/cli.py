"""`declarations`: load, check, match, publish and report income and asset declarations."""

from __future__ import annotations

from pathlib import Path

import typer

from declarations import commands
from declarations.console import Verbosity, progress, say, user_errors
from declarations.load import discover, load_paths
from declarations.people import LinkSummary
from declarations.store import DEFAULT_DB, LoadResult, Store

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



def command(errors_csv_param: str | None = None):
    """Register a verb; user mistakes in it end with a Russian message and exit code, never a traceback."""

    def register(function):
        return app.command()(user_errors(errors_csv_param)(function))

    return register


DbOption = typer.Option(DEFAULT_DB, "--db", help="Файл базы DuckDB.")


@app.callback()
def main(
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Только ошибки."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Подробный вывод."),
) -> None:
    Verbosity.quiet = quiet
    Verbosity.verbose = verbose


@command(errors_csv_param="errors")
def load(
    paths: list[Path] = typer.Argument(..., help="Книги .xlsx, папки CSV, Declarator JSON, OCDS JSON, "
                                                   "procurement.csv, commissions.csv, officers.csv или папки с ними."),
    db: Path = DbOption,
    errors: Path | None = typer.Option(None, "--errors", help="Записать все ошибки в CSV-файл."),
    year: int | None = typer.Option(None, "--year", help="Отчетный год для файлов Declarator, в которых года нет."),
    organisation: str | None = typer.Option(
        None, "--organisation", help="Организация для файлов Declarator, в которых нет office (вместо заголовка)."),
    config: Path | None = typer.Option(None, "--config", help="Файл настроек TOML (порог связывания лиц [people])."),
) -> None:
    """Загрузить файлы в базу: сначала проверка, файл с ошибками не загружается."""
    from declarations.readers.declarator import ReadOptions
    from declarations.settings import load_settings

    files, _ = discover(paths)
    options = ReadOptions(year=year, organisation=organisation)
    settings = load_settings(config)
    results: list[LoadResult] = []
    linked: list[LinkSummary] = []
    try:
        with Store(db) as store, progress(len(files), "Загрузка") as advance:
            for result in load_paths(store, paths, on_file=lambda p: advance(0, f"Проверка {p.name}"),
                                     options=options, settings=settings, on_linked=linked.append):
                results.append(result)
            advance(len(files))
    finally:  # public files load one by one: what did load is told even when another was refused
        _say_loaded(results, linked)


def _say_loaded(results, linked) -> None:
    for result in results:
        for note in result.notes:
            say(f"{result.source}: {note}")
        if result.unchanged:
            say(f"{result.source}: уже загружен, без изменений")
            continue
        rows = ", ".join(f"{table} {count}" for table, count in result.rows.items() if count)
        if not rows:
            continue
        replaced = f" (заменена прежняя загрузка: {len(result.replaced_loads)})" if result.replaced_loads else ""
        say(f"{result.source}: загружено — {rows}{replaced}")
    for summary in linked:
        say(f"Открытые сведения: {summary.sections} справок декларантов — {summary.people} лиц "
            f"(связей {summary.links}, отклонено ограничением «один год — одна справка в организации» "
            f"{summary.refused}; порог {summary.threshold}); связи и причины — таблица person_links")


YEARS = (2000, 2100)  # the contract's range of reporting years


def plausible_year(value: int | None) -> int | None:
    """A year outside the contract's range is a usage error (exit 2), not a traceback deep in a calendar."""
    if value is not None and not YEARS[0] <= value <= YEARS[1]:
        raise typer.BadParameter(f"отчетный год от {YEARS[0]} до {YEARS[1]}; указано {value}")
    return value


YearOption = typer.Option(None, "--year", help="Отчетный год (по умолчанию все).", callback=plausible_year)
ConfigOption = typer.Option(None, "--config", help="Файл настроек TOML (по умолчанию declarations.toml, если есть).")


@command()
def check(db: Path = DbOption, year: int | None = YearOption, config: Path | None = ConfigOption) -> None:
    """Проверки сроков, полноты, внутренней согласованности и динамики по годам."""
    commands.run_checks(db, year, config)


@command()
def match(db: Path = DbOption, config: Path | None = ConfigOption) -> None:
    """Поиск конфликта интересов в закупках: служащие и родственники среди участников и их руководителей."""
    commands.run_match(db, config)


@command()
def flags(
    db: Path = DbOption,
    year: int | None = YearOption,
    format: str = typer.Option("table", "--format", help="table, csv, json или xlsx."),
    out: Path | None = typer.Option(None, "--out", help="Файл для csv/json/xlsx (по умолчанию вывод на экран)."),
    active: bool = typer.Option(False, "--active", help="Только неснятые флаги (без устраненных)."),
) -> None:
    """Список флагов со статусами."""
    commands.list_flags(db, year, format, out, active)


@command()
def review(
    flag_id: str | None = typer.Argument(None, help="Номер флага."),
    status: str | None = typer.Option(None, "--status", help="new «новый», explained «даны пояснения», "
                                                             "dismissed «отклонен» или escalated «назначена проверка»."),
    note: str | None = typer.Option(None, "--note", help="Пояснение."),
    from_file: Path | None = typer.Option(None, "--from", help="Книга флагов (.xlsx из flags --format xlsx) или CSV "
                                                               "со статусами и пояснениями."),
    db: Path = DbOption,
) -> None:
    """Отметить результат рассмотрения флага; статус сохраняется при повторных проверках."""
    commands.review_flags(db, flag_id, status, note, from_file)


@command()
def template(
    year: int = typer.Option(..., "--year", help="Отчетный год."),
    out: Path = typer.Option(..., "--out", help="Файл .xlsx для заполнения."),
    db: Path = DbOption,
    from_store: bool = typer.Option(False, "--from-store", help="Заполнить по сведениям прошлого года из базы "
                                                               "(так и делается, если база есть)."),
    organisation: str | None = typer.Option(None, "--organisation", help="Только эта организация базы."),
) -> None:
    """Книга для заполнения за год: все листы и столбцы, примечания, списки; служащие и имущество прошлого года."""
    commands.write_template(db, year, out, from_store, organisation)


@command()
def publish(
    year: int = typer.Option(..., "--year", help="Отчетный год.", callback=plausible_year),
    out: Path = typer.Option(..., "--out", help="Папка для таблиц и сайта."),
    db: Path = DbOption,
    config: Path | None = ConfigOption,
) -> None:
    """Таблицы для официального сайта (xlsx, html, csv, Declarator JSON) без персональных данных."""
    commands.publish_year(db, year, out, config)


@command()
def report(
    year: int = typer.Option(..., "--year", help="Отчетный год.", callback=plausible_year),
    out: Path = typer.Option(..., "--out", help="Папка для доклада."),
    db: Path = DbOption,
    config: Path | None = ConfigOption,
) -> None:
    """Доклад руководителю о результатах анализа сведений (xlsx и html)."""
    commands.write_report(db, year, out, config)


@command()
def demo(out: Path = typer.Option(Path("demo-output"), "--out", help="Папка для результатов.")) -> None:
    """Вся работа на встроенных примерах: загрузка, проверки, закупки, публикация, доклад."""
    commands.demo(out)


@command()
def schema(db: Path = DbOption) -> None:
    """Описание таблиц и представлений базы для аналитиков (Markdown)."""
    from declarations.schema_docs import schema_markdown

    with Store(db, read_only=True) as store:
        typer.echo(schema_markdown(store.con), nl=False)


@command()
def deadline(
    year: int = typer.Option(..., "--year", help="Отчетный год.", callback=plausible_year),
    category: str = typer.Option("default", "--category", help="Категория: default (30 апреля) или early (1 апреля)."),
    config: Path | None = typer.Option(None, "--config", help="Файл настроек TOML."),
) -> None:
    """Срок подачи сведений и срок их размещения на сайте (14 рабочих дней)."""
    commands.print_deadline(year, category, config)


if __name__ == "__main__":  # pragma: no cover
    app()
