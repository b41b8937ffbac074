"""The work behind the CLI verbs that are more than a call or two (kept out of cli.py)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from declarations.console import console, detail, fail, progress, say
from declarations.settings import load_settings
from declarations.store import Store
from declarations import calendar


def print_deadline(year: int, category: str, config: Path | None) -> None:
    options = load_settings(config).deadlines.calendar_options()
    if category not in options["categories"]:
        fail(f"неизвестная категория «{category}»; есть: {', '.join(options['categories'])}")
    result = calendar.deadlines(year, category, **options)
    say(f"Отчетный год {year}, категория {category}:")
    say(f"  срок представления сведений: {calendar.format_date_ru(result.filing)}")
    say(f"  срок размещения на сайте ({options['publication_working_days']} рабочих дней): "
        f"{calendar.format_date_ru(result.publication)}")


def _print_summary(summary, title: str) -> None:
    say(f"{title}: найдено {summary.raised} (новых {summary.new}), устранено {summary.resolved}")
    for code, count in sorted(summary.by_code.items()):
        say(f"  {code}: {count}")


def run_checks(db: Path, year: int | None, config: Path | None):
    from checks.flags import save_run
    from checks.runner import run_checks as find

    settings = load_settings(config)
    with Store(db) as store, progress(None, "Проверки") as advance:
        found, codes = find(store, settings, year, on_rule=lambda name: advance(1, f"Проверка: {name}"))
        summary = save_run(store, found, kind="check", codes=codes, settings=settings.checks.as_dict(), year=year)
    _print_summary(summary, "Проверки")
    return summary


def run_match(db: Path, config: Path | None):
    from checks.flags import save_run
    from checks.matching import run_match as find

    settings = load_settings(config)
    with Store(db) as store, progress(None, "Закупки") as advance:
        found, codes = find(store, settings, on_step=lambda name: advance(1, name))
        summary = save_run(store, found, kind="match", codes=codes, settings=settings.match.as_dict())
    _print_summary(summary, "Закупки и конфликт интересов")
    return summary


def list_flags(db: Path, year: int | None, fmt: str, out: Path | None, active_only: bool) -> None:
    from checks.export import FORMATS, export_flags
    from checks.flags import read_flags

    if fmt not in FORMATS:
        fail(f"неизвестный формат «{fmt}»; есть: {', '.join(FORMATS)}")
    if fmt == "xlsx" and out is None:
        fail("для формата xlsx укажите --out FILE.xlsx")
    with Store(db, read_only=True) as store:
        frame = read_flags(store, year, include_resolved=not active_only)
    text = export_flags(frame, fmt, out)
    if isinstance(text, str):
        sys.stdout.write(text if text.endswith("\n") else text + "\n")  # exact bytes: no wrapping
    elif text is not None:
        console.print(text)
    elif out is not None:
        say(f"Флагов: {frame.height}; записано в {out}")


def review_flags(db: Path, flag_id: str | None, status: str | None, note: str | None, from_file: Path | None) -> None:
    from checks.flags import review
    from checks.review_file import apply_reviews, status_key

    if from_file is not None and not from_file.is_file():
        fail(f"файла {from_file} нет")
    with Store(db) as store:
        if from_file is not None:
            summary = apply_reviews(store, from_file)
            say(f"Изменен статус или пояснение флагов: {summary.changed}; строк без изменений: {summary.unchanged}")
            return
        if flag_id is None or status is None:
            fail("укажите FLAG_ID и --status (или --from FILE.xlsx / FILE.csv)")
        review(store, flag_id, status_key(status) or status, note)
    say(f"Флаг {flag_id}: статус {status}")


def write_template(db: Path, year: int, out: Path, from_store: bool, organisation: str | None) -> None:
    """The year's input workbook; pre-filled when the store exists (or --from-store insists on it)."""
    from declarations.template import write_template as write
    from declarations.template_prefill import Prefill, prefill

    if out.suffix.lower() != ".xlsx":
        fail(f"--out: ожидался файл .xlsx; указано: {out}")
    if not 2000 <= year <= 2100:
        fail(f"--year: ожидался отчетный год между 2000 и 2100; указано: {year}")
    if from_store and not db.exists():
        fail(f"--from-store: базы {db} нет; без нее шаблон будет пустым (уберите --from-store)")
    filled = Prefill(year)
    if db.exists():
        with Store(db) as store:
            filled = prefill(store, year, organisation)
        if filled.base_year is None:
            say(f"В базе {db} нет списка служащих до {year} года: шаблон без заполненных строк")
    try:
        counts = write(filled, out)
    except OSError as error:
        fail(f"не удалось записать {out}: {error.strerror or error}")
    say(f"Шаблон за {year} год: {out}")
    if filled.base_year is not None:
        rows = ", ".join(f"{sheet} {count}" for sheet, count in counts.items() if count)
        say(f"  заполнено по сведениям за {filled.base_year} год: {rows}")


def publish_year(db: Path, year: int, out: Path, config: Path | None) -> list[Path]:
    from publish.publisher import publish_year as publish

    settings = load_settings(config)
    options = settings.deadlines.calendar_options()
    due = calendar.deadlines(year, "default", **options).publication
    if date.today() > due:
        say(f"Внимание: срок размещения за {year} год истек {calendar.format_date_ru(due)}", style="yellow")
    with Store(db, read_only=True) as store:
        paths = publish(store, year, out, settings)
    say(f"Публикация за {year} год: {out}")
    for path in paths:
        detail(f"  {path}")
    return paths


def write_report(db: Path, year: int, out: Path, config: Path | None) -> list[Path]:
    from publish.report import write_report as write

    settings = load_settings(config)
    with Store(db, read_only=True) as store:
        paths = write(store, year, out, settings)
    say(f"Доклад за {year} год: " + ", ".join(str(p) for p in paths))
    return paths


def sample_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("sample_data") / "sample"))


def _show_match_examples(db: Path) -> None:
    """One procurement finding of each code, with its explanation, so the demo shows what match found."""
    import json

    from checks.matching.findings import CODES

    with Store(db) as store:
        rows = store.frame(
            """SELECT code, message, evidence FROM flags WHERE list_contains(?, code) AND resolved_at IS NULL
               QUALIFY row_number() OVER (PARTITION BY code ORDER BY flag_id) = 1 ORDER BY code""",
            [sorted(CODES)],
        )
    for code, message, evidence in rows.iter_rows():
        say(f"   [{code}] {message}")
        explanation = json.loads(evidence).get("explanation") or json.loads(evidence).get("why")
        if explanation:
            say(f"      почему: {explanation}")


def demo(out: Path) -> None:
    """Load the bundled sample, run check and match, publish and report the latest year."""
    from checks.flags import read_flags
    from declarations.load import load_paths

    sample = sample_path()
    out.mkdir(parents=True, exist_ok=True)
    db = out / "declarations.duckdb"
    say(f"1. Загрузка примера {sample}")
    with Store(db) as store:
        for result in load_paths(store, [sample]):
            state = "без изменений" if result.unchanged else f"{sum(result.rows.values())} строк"
            say(f"   {Path(result.source).name}: {state}")
        years = [y for (y,) in store.con.execute(
            "SELECT DISTINCT year FROM declarations WHERE source = 'workbook' ORDER BY year").fetchall()]
    latest = years[-1]
    say("2. Проверки сведений (сроки, полнота, согласованность, динамика)")
    run_checks(db, None, None)
    say("3. Закупки и конфликт интересов")
    run_match(db, None)
    _show_match_examples(db)
    say(f"4. Публикация за {latest} год")
    for year in years:
        publish_year(db, year, out / "publication", None)
    say(f"5. Доклад о результатах анализа за {latest} год")
    report_paths = write_report(db, latest, out / "report", None)
    with Store(db) as store:
        flags = read_flags(store, include_resolved=False)
    say("")
    say(f"Готово. Флагов: {flags.height}. Результаты:")
    say(f"  база для аналитиков:  {db}  (duckdb {db})")
    say(f"  сайт:                 {out / 'publication' / 'site' / 'index.html'}")
    say(f"  таблицы:              {out / 'publication' / str(latest)}")
    say("  доклад:               " + ", ".join(str(p) for p in report_paths))
    say(f"  флаги для кадровой службы: declarations flags --db {db} --format xlsx --out flags.xlsx")
