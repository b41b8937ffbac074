"""`declarations`: load, check, match, publish and report income and asset declarations."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from declarations import calendar
from declarations.cli import commands
from declarations.cli.console import Verbosity, console, detail, progress, say, user_errors
from declarations.cli.results import (Deadline, DemoDone, FlagListing, MatchExample, Published, ReportWritten,
                                      Reviewed, TemplateWritten)
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
    tell(commands.run_checks(db, year, config, progress))


@command()
def match(db: Path = DbOption, config: Path | None = ConfigOption) -> None:
    """Поиск конфликта интересов в закупках: служащие и родственники среди участников и их руководителей."""
    tell(commands.run_match(db, config, progress))


@command()
def flags(
    db: Path = DbOption,
    year: int | None = YearOption,
    format: str = typer.Option("table", "--format", help="table, csv, json или xlsx."),
    out: Path | None = typer.Option(None, "--out", help="Файл для csv/json/xlsx (по умолчанию вывод на экран)."),
    active: bool = typer.Option(False, "--active", help="Только неснятые флаги (без устраненных)."),
) -> None:
    """Список флагов со статусами."""
    tell(commands.list_flags(db, year, format, out, active))


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
    tell(commands.review_flags(db, flag_id, status, note, from_file))


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
    tell(commands.write_template(db, year, out, from_store, organisation))


@command()
def publish(
    year: int = typer.Option(..., "--year", help="Отчетный год.", callback=plausible_year),
    out: Path = typer.Option(..., "--out", help="Папка для таблиц и сайта."),
    db: Path = DbOption,
    config: Path | None = ConfigOption,
) -> None:
    """Таблицы для официального сайта (xlsx, html, csv, Declarator JSON) без персональных данных."""
    tell(commands.publish_year(db, year, out, config))


@command()
def report(
    year: int = typer.Option(..., "--year", help="Отчетный год.", callback=plausible_year),
    out: Path = typer.Option(..., "--out", help="Папка для доклада."),
    db: Path = DbOption,
    config: Path | None = ConfigOption,
) -> None:
    """Доклад руководителю о результатах анализа сведений (xlsx и html)."""
    tell(commands.write_report(db, year, out, config))


@command()
def demo(out: Path = typer.Option(Path("demo-output"), "--out", help="Папка для результатов.")) -> None:
    """Вся работа на встроенных примерах: загрузка, проверки, закупки, публикация, доклад."""
    for step in commands.demo(out, progress):
        tell(step)


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
    tell(commands.deadline(year, category, config))


RUN_TITLES = {"check": "Проверки", "match": "Закупки и конфликт интересов"}


def tell(result: object) -> None:
    """What a command did, in Russian: the one place (with `_say_loaded`) where a verb's outcome is printed."""
    if isinstance(result, str):  # a line of progress of a long command
        say(result)
    elif isinstance(result, Deadline):
        say(f"Отчетный год {result.year}, категория {result.category}:")
        say(f"  срок представления сведений: {calendar.format_date_ru(result.filing)}")
        say(f"  срок размещения на сайте ({result.publication_working_days} рабочих дней): "
            f"{calendar.format_date_ru(result.publication)}")
    elif isinstance(result, FlagListing):
        if result.text is not None:
            sys.stdout.write(result.text if result.text.endswith("\n") else result.text + "\n")  # exact bytes
        elif result.table is not None:
            console.print(result.table)
        elif result.out is not None:
            say(f"Флагов: {result.count}; записано в {result.out}")
    elif isinstance(result, Reviewed):
        if result.flag_id is None:
            say(f"Изменен статус или пояснение флагов: {result.changed}; строк без изменений: {result.unchanged}")
        else:
            say(f"Флаг {result.flag_id}: статус {result.status}")
    elif isinstance(result, TemplateWritten):
        if result.store_read and result.base_year is None:
            say(f"В базе {result.db} нет списка служащих до {result.year} года: шаблон без заполненных строк")
        say(f"Шаблон за {result.year} год: {result.out}")
        if result.base_year is not None:
            rows = ", ".join(f"{sheet} {count}" for sheet, count in result.counts.items() if count)
            say(f"  заполнено по сведениям за {result.base_year} год: {rows}")
    elif isinstance(result, Published):
        if result.overdue_since is not None:
            say(f"Внимание: срок размещения за {result.year} год истек "
                f"{calendar.format_date_ru(result.overdue_since)}", style="yellow")
        say(f"Публикация за {result.year} год: {result.out}")
        for path in result.paths:
            detail(f"  {path}")
    elif isinstance(result, ReportWritten):
        say(f"Доклад за {result.year} год: " + ", ".join(str(p) for p in result.paths))
    elif isinstance(result, MatchExample):
        say(f"   [{result.code}] {result.message}")
        if result.explanation:
            say(f"      почему: {result.explanation}")
    elif isinstance(result, DemoDone):
        say("")
        say(f"Готово. Флагов: {result.flags}. Результаты:")
        say(f"  база для аналитиков:  {result.db}  (duckdb {result.db})")
        say(f"  сайт:                 {result.out / 'publication' / 'site' / 'index.html'}")
        say(f"  таблицы:              {result.out / 'publication' / str(result.latest)}")
        say("  доклад:               " + ", ".join(str(p) for p in result.report))
        say(f"  флаги для кадровой службы: declarations flags --db {result.db} --format xlsx --out flags.xlsx")
    else:
        from checks.flags import RunSummary  # imported late: `--help` and the quick verbs start faster

        if not isinstance(result, RunSummary):
            raise TypeError(f"no message for {type(result).__name__}")
        say(f"{RUN_TITLES[result.kind]}: найдено {result.raised} (новых {result.new}), устранено {result.resolved}")
        for code, count in sorted(result.by_code.items()):
            say(f"  {code}: {count}")
