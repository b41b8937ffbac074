"""The work behind the CLI verbs that are more than a call or two (kept out of cli.py)."""

from __future__ import annotations

from pathlib import Path

from declarations.console import fail, say
from declarations.settings import deadline_options, load_settings
from publish import calendar


def print_deadline(year: int, category: str, config: Path | None) -> None:
    options = deadline_options(load_settings(config))
    if category not in options["categories"]:
        fail(f"неизвестная категория «{category}»; есть: {', '.join(options['categories'])}")
    result = calendar.deadlines(year, category, **options)
    say(f"Отчетный год {year}, категория {category}:")
    say(f"  срок представления сведений: {calendar.format_date_ru(result.filing)}")
    say(f"  срок размещения на сайте ({options['publication_working_days']} рабочих дней): "
        f"{calendar.format_date_ru(result.publication)}")
