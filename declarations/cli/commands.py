"""The work behind the CLI verbs that are more than a call or two. Each returns what it did (see
`results`); the verbs tell the user. A mistake in the command line is a `UsageError`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from declarations.cli.results import (Deadline, DemoDone, FlagListing, MatchExample, Progress, Published,
                                      ReportWritten, Reviewed, TemplateWritten, UsageError, no_progress)
from declarations.settings import load_settings
from declarations.store import Store
from declarations import calendar


def deadline(year: int, category: str, config: Path | None) -> Deadline:
    options = load_settings(config).deadlines.calendar_options()
    if category not in options["categories"]:
        raise UsageError(f"неизвестная категория «{category}»; есть: {', '.join(options['categories'])}")
    result = calendar.deadlines(year, category, **options)
    return Deadline(year, category, result.filing, result.publication, options["publication_working_days"])


def run_checks(db: Path, year: int | None, config: Path | None, progress: Progress = no_progress):
    from checks.flags import save_run
    from checks.runner import run_checks as find

    settings = load_settings(config)
    with Store(db) as store, progress(None, "Проверки") as advance:
        found, codes = find(store, settings, year, on_rule=lambda name: advance(1, f"Проверка: {name}"))
        summary = save_run(store, found, kind="check", codes=codes, settings=settings.checks.as_dict(), year=year)
    return summary


def run_match(db: Path, config: Path | None, progress: Progress = no_progress):
    from checks.flags import save_run
    from checks.matching import run_match as find

    settings = load_settings(config)
    with Store(db) as store, progress(None, "Закупки") as advance:
        found, codes = find(store, settings, on_step=lambda name: advance(1, name))
        summary = save_run(store, found, kind="match", codes=codes, settings=settings.match.as_dict())
    return summary


def list_flags(db: Path, year: int | None, fmt: str, out: Path | None, active_only: bool) -> FlagListing:
    from checks.export import FORMATS, export_flags
    from checks.flags import read_flags

    if fmt not in FORMATS:
        raise UsageError(f"неизвестный формат «{fmt}»; есть: {', '.join(FORMATS)}")
    if fmt == "xlsx" and out is None:
        raise UsageError("для формата xlsx укажите --out FILE.xlsx")
    with Store(db, read_only=True) as store:
        frame = read_flags(store, year, include_resolved=not active_only)
    shown = export_flags(frame, fmt, out)
    if isinstance(shown, str):
        return FlagListing(frame.height, out, text=shown)
    return FlagListing(frame.height, out, table=shown)


def review_flags(
    db: Path, flag_id: str | None, status: str | None, note: str | None, from_file: Path | None
) -> Reviewed:
    from checks.flags import review
    from checks.review_file import apply_reviews, status_key

    if from_file is not None and not from_file.is_file():
        raise UsageError(f"файла {from_file} нет")
    with Store(db) as store:
        if from_file is not None:
            summary = apply_reviews(store, from_file)
            return Reviewed(changed=summary.changed, unchanged=summary.unchanged)
        if flag_id is None or status is None:
            raise UsageError("укажите FLAG_ID и --status (или --from FILE.xlsx / FILE.csv)")
        review(store, flag_id, status_key(status) or status, note)
    return Reviewed(flag_id=flag_id, status=status)


def write_template(db: Path, year: int, out: Path, from_store: bool, organisation: str | None) -> TemplateWritten:
    """The year's input workbook; pre-filled when the store exists (or --from-store insists on it)."""
    from declarations.template import write_template as write
    from declarations.template_prefill import Prefill, prefill

    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"--out: ожидался файл .xlsx; указано: {out}")
    if not 2000 <= year <= 2100:
        raise UsageError(f"--year: ожидался отчетный год между 2000 и 2100; указано: {year}")
    if from_store and not db.exists():
        raise UsageError(f"--from-store: базы {db} нет; без нее шаблон будет пустым (уберите --from-store)")
    filled = Prefill(year)
    store_read = db.exists()
    if store_read:
        with Store(db) as store:
            filled = prefill(store, year, organisation)
    try:
        counts = write(filled, out)
    except OSError as error:
        raise UsageError(f"не удалось записать {out}: {error.strerror or error}") from None
    return TemplateWritten(year, out, db, store_read, filled.base_year, counts)


def publish_year(db: Path, year: int, out: Path, config: Path | None) -> Published:
    from publish.publisher import publish_year as publish

    settings = load_settings(config)
    options = settings.deadlines.calendar_options()
    due = calendar.deadlines(year, "default", **options).publication
    with Store(db, read_only=True) as store:
        paths = publish(store, year, out, settings)
    return Published(year, out, paths, due if date.today() > due else None)


def write_report(db: Path, year: int, out: Path, config: Path | None) -> ReportWritten:
    from publish.report import write_report as write

    settings = load_settings(config)
    with Store(db, read_only=True) as store:
        paths = write(store, year, out, settings)
    return ReportWritten(year, paths)


def sample_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("sample_data") / "sample"))


def _match_examples(db: Path) -> Iterator[MatchExample]:
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
        yield MatchExample(code, message, json.loads(evidence).get("explanation") or json.loads(evidence).get("why"))


def demo(out: Path, progress: Progress = no_progress) -> Iterator[object]:
    """Load the bundled sample, run check and match, publish and report the latest year. The steps are long:
    each is yielded as it ends (a line of progress or a command's result) for the CLI to tell at once."""
    from checks.flags import read_flags
    from declarations.load import load_paths

    sample = sample_path()
    out.mkdir(parents=True, exist_ok=True)
    db = out / "declarations.duckdb"
    yield f"1. Загрузка примера {sample}"
    with Store(db) as store:
        for result in load_paths(store, [sample]):
            state = "без изменений" if result.unchanged else f"{sum(result.rows.values())} строк"
            yield f"   {Path(result.source).name}: {state}"
        years = [y for (y,) in store.con.execute(
            "SELECT DISTINCT year FROM declarations WHERE source = 'workbook' ORDER BY year").fetchall()]
    latest = years[-1]
    yield "2. Проверки сведений (сроки, полнота, согласованность, динамика)"
    yield run_checks(db, None, None, progress)
    yield "3. Закупки и конфликт интересов"
    yield run_match(db, None, progress)
    yield from _match_examples(db)
    yield f"4. Публикация за {latest} год"
    for year in years:
        yield publish_year(db, year, out / "publication", None)
    yield f"5. Доклад о результатах анализа за {latest} год"
    report = write_report(db, latest, out / "report", None)
    yield report
    with Store(db) as store:
        flags = read_flags(store, include_resolved=False)
    yield DemoDone(db, out, latest, flags.height, report.paths)
