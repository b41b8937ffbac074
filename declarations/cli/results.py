"""What each command did, handed back to the verbs that tell the user: commands never print or exit.

A `UsageError` is a mistake in the command line or in what it names (an unknown format, a missing
file): the verbs' guard turns it into a Russian message and the exit code it carries.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any


class UsageError(Exception):
    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


Advance = Callable[..., None]  # advance(steps=1, text=None): move a progress bar and name the step
Progress = Callable[[int | None, str], AbstractContextManager[Advance]]


@contextmanager
def no_progress(total: int | None, description: str):
    """The progress of a command run without a terminal (tests, other programs): nothing shown."""
    yield lambda advance=1, text=None: None


@dataclass(frozen=True)
class Deadline:
    year: int
    category: str
    filing: date
    publication: date
    publication_working_days: int


@dataclass(frozen=True)
class FlagListing:
    count: int
    out: Path | None
    text: str | None = None  # csv or json for the screen: printed byte for byte
    table: Any = None  # a rich table for the screen


@dataclass(frozen=True)
class Reviewed:
    flag_id: str | None = None  # one flag reviewed from the command line…
    status: str | None = None
    changed: int | None = None  # …or a file of reviews applied
    unchanged: int | None = None


@dataclass(frozen=True)
class TemplateWritten:
    year: int
    out: Path
    db: Path
    store_read: bool  # the store existed and was read for last year's rows
    base_year: int | None  # the year the rows were filled from (None: no servants before `year`)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Published:
    year: int
    out: Path
    paths: list[Path]
    overdue_since: date | None  # the publication deadline, when it has passed


@dataclass(frozen=True)
class ReportWritten:
    year: int
    paths: list[Path]


@dataclass(frozen=True)
class MatchExample:
    """One procurement finding of a code, shown by the demo with its explanation."""
    code: str
    message: str
    explanation: str | None


@dataclass(frozen=True)
class DemoDone:
    db: Path
    out: Path
    latest: int
    flags: int  # unresolved flags after the demo's runs
    report: list[Path]
