"""Filing and publication deadlines for income declarations, on the Russian
production calendar.

Rules
-----
Filing deadline
    Declarations for reporting year ``Y`` are filed by a fixed calendar date in
    ``Y + 1``: 30 April by default, 1 April for the categories that file
    earlier (the category -> ``(month, day)`` mapping is a parameter, defaults
    in :data:`DEFAULT_FILING_CATEGORIES`, normally passed in from settings).

    The date is taken **as written in the decrees**; it is *not* moved to the
    next working day when it falls on a weekend or holiday (the general rule of
    ст. 193 ГК РФ / ст. 14 ТК РФ).  Reason: the reference examples we were
    given as verified are reproduced only this way.  30 April 2022 was a
    Saturday; counting from 30 April gives the verified publication deadline
    of 25 May 2022, whereas moving the filing deadline to Wednesday 4 May
    (2–3 May and 1 May were days off) would give 26 May 2022.  Years where
    the choice matters (30 April on a non-working day): 2022 (Sat), 2023 (Sun),
    2024 (a transferred day off), 2020 (COVID non-working day).  The ГК rule is
    available with ``move_filing_to_working_day=True``.

    A year-specific decree can replace the filing date for everyone via
    ``filing_overrides`` (reporting year -> date).  The one such case so far
    is Указ № 313 of 17.05.2020: declarations for 2019 were due by 1 August
    2020 inclusive (see :data:`UKAZ_313_FILING_OVERRIDES`).  Nothing applies
    it by default.

Publication deadline
    Указ № 613 of 08.07.2013: publish «в течение 14 рабочих дней со дня
    истечения срока, установленного для их подачи».  The deadline day itself
    is not counted; working days are counted from the next day, and the
    publication deadline is the 14th working day after the filing deadline.

Working days
    The official production calendar: Saturdays and Sundays, public holidays
    (ст. 112 ТК РФ, including a holiday falling on a weekend moved to the next
    working day) and the government's yearly transfers, both the weekdays made
    days off and the Saturdays made working days.  All of this comes from the
    ``holidays`` package's Russia calendar: its holiday set contains the
    transferred days off, and ``weekend_workdays`` holds the working Saturdays
    (checked with holidays 0.109, which has transfer data up to 2027).  For a
    year whose transfer decree the package does not know yet, the result only
    reflects weekends and fixed holidays.

    Non-working days declared by presidential decree (with pay retained, not
    in the production calendar) are **not** applied by default; pass them in
    as ``extra_days_off`` (ready-made sets: :data:`NON_WORKING_DAYS_2020`,
    :data:`NON_WORKING_DAYS_2021`, :data:`PRESIDENTIAL_NON_WORKING_DAYS`).
    ``extra_working_days`` marks further days as working (e.g. a transfer
    missing from the installed package).  A date in both sets is an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

__all__ = [
    "DEFAULT_FILING_CATEGORIES",
    "DEFAULT_PUBLICATION_WORKING_DAYS",
    "NON_WORKING_DAYS_2020",
    "NON_WORKING_DAYS_2021",
    "PRESIDENTIAL_NON_WORKING_DAYS",
    "UKAZ_313_FILING_OVERRIDES",
    "Deadlines",
    "add_working_days",
    "deadlines",
    "filing_deadline",
    "format_date_ru",
    "is_working_day",
    "publication_deadline",
]

#: Category -> (month, day) of the filing deadline in the year after the
#: reporting year.
DEFAULT_FILING_CATEGORIES: Mapping[str, tuple[int, int]] = {
    "default": (4, 30),
    "early": (4, 1),
}

#: Указ № 613: «в течение 14 рабочих дней».
DEFAULT_PUBLICATION_WORKING_DAYS = 14


def _date_range(first: date, last: date) -> frozenset[date]:
    return frozenset(first + timedelta(days=i) for i in range((last - first).days + 1))


#: Presidential non-working days of 2020 (COVID-19 and the 2020 votes):
#: Указ № 206 of 25.03.2020 (30 March – 3 April), Указ № 239 of 02.04.2020
#: (4–30 April), Указ № 294 of 28.04.2020 (6–8 May), Указ № 345 of 29.05.2020
#: (24 June, parade), Указ № 354 of 01.06.2020 (1 July, constitutional vote).
NON_WORKING_DAYS_2020: frozenset[date] = (
    _date_range(date(2020, 3, 30), date(2020, 4, 30))
    | _date_range(date(2020, 5, 6), date(2020, 5, 8))
    | {date(2020, 6, 24), date(2020, 7, 1)}
)

#: Presidential non-working days of 2021: Указ № 242 of 23.04.2021 (4–7 May),
#: Указ № 595 of 20.10.2021 (30 October – 7 November).
NON_WORKING_DAYS_2021: frozenset[date] = _date_range(
    date(2021, 5, 4), date(2021, 5, 7)
) | _date_range(date(2021, 10, 30), date(2021, 11, 7))

PRESIDENTIAL_NON_WORKING_DAYS: frozenset[date] = NON_WORKING_DAYS_2020 | NON_WORKING_DAYS_2021

#: Указ № 313 of 17.05.2020: declarations for reporting year 2019 are filed
#: by 1 August 2020 inclusive.  Reporting year -> filing deadline.
UKAZ_313_FILING_OVERRIDES: Mapping[int, date] = {2019: date(2020, 8, 1)}

_MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


@lru_cache(maxsize=None)
def _ru_calendar(year: int) -> holidays.HolidayBase:
    # One populated calendar per year.  Populating explicitly matters:
    # HolidayBase.is_working_day looks weekend dates up in ``weekend_workdays``
    # without expanding to a year that has not been populated yet.
    return holidays.country_holidays("RU", years=year)


def _as_frozenset(days: Iterable[date] | None) -> frozenset[date]:
    if not days:
        return frozenset()
    return days if isinstance(days, frozenset) else frozenset(days)


def is_working_day(
    d: date,
    extra_days_off: frozenset[date] = frozenset(),
    extra_working_days: frozenset[date] = frozenset(),
) -> bool:
    """True if ``d`` is a working day on the Russian production calendar,
    adjusted by ``extra_days_off`` / ``extra_working_days``."""
    if d in extra_days_off:
        if d in extra_working_days:
            raise ValueError(f"{d.isoformat()} is in both extra_days_off and extra_working_days")
        return False
    if d in extra_working_days:
        return True
    return _ru_calendar(d.year).is_working_day(d)


def add_working_days(
    start: date,
    n: int,
    extra_days_off: Iterable[date] = frozenset(),
    extra_working_days: Iterable[date] = frozenset(),
) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself never counts).

    A negative ``n`` counts backwards (the ``|n|``-th working day before
    ``start``); ``n == 0`` returns ``start`` unchanged.
    """
    off = _as_frozenset(extra_days_off)
    work = _as_frozenset(extra_working_days)
    if both := off & work:
        raise ValueError(
            "dates in both extra_days_off and extra_working_days: "
            + ", ".join(sorted(d.isoformat() for d in both))
        )
    step = timedelta(days=1 if n >= 0 else -1)
    d = start
    remaining = abs(n)
    while remaining:
        d += step
        if is_working_day(d, off, work):
            remaining -= 1
    return d


def filing_deadline(
    year: int,
    category: str = "default",
    categories: Mapping[str, tuple[int, int]] | None = None,
    *,
    filing_overrides: Mapping[int, date] | None = None,
    move_filing_to_working_day: bool = False,
    extra_days_off: Iterable[date] = frozenset(),
    extra_working_days: Iterable[date] = frozenset(),
) -> date:
    """Filing deadline for declarations of reporting ``year``.

    ``categories`` maps category -> (month, day) in ``year + 1`` (defaults to
    :data:`DEFAULT_FILING_CATEGORIES`); an unknown category raises
    ``ValueError``.  ``filing_overrides`` (reporting year -> date) replaces
    the date for every category of that year.  With
    ``move_filing_to_working_day`` a deadline on a non-working day moves to
    the next working day (ст. 193 ГК РФ); off by default, see module docs.
    """
    cats = DEFAULT_FILING_CATEGORIES if categories is None else categories
    if category not in cats:
        known = ", ".join(sorted(cats))
        raise ValueError(f"unknown declarant category {category!r}; known: {known}")
    if filing_overrides and year in filing_overrides:
        d = filing_overrides[year]
    else:
        month, day = cats[category]
        d = date(year + 1, month, day)
    if move_filing_to_working_day:
        off = _as_frozenset(extra_days_off)
        work = _as_frozenset(extra_working_days)
        if not is_working_day(d, off, work):
            d = add_working_days(d, 1, off, work)
    return d


def publication_deadline(
    year: int,
    category: str = "default",
    categories: Mapping[str, tuple[int, int]] | None = None,
    publication_working_days: int = DEFAULT_PUBLICATION_WORKING_DAYS,
    extra_days_off: Iterable[date] = frozenset(),
    extra_working_days: Iterable[date] = frozenset(),
    *,
    filing_overrides: Mapping[int, date] | None = None,
    move_filing_to_working_day: bool = False,
) -> date:
    """Last day to publish declarations of reporting ``year``: the
    ``publication_working_days``-th working day after the filing deadline."""
    return deadlines(
        year,
        category,
        categories,
        publication_working_days,
        extra_days_off,
        extra_working_days,
        filing_overrides=filing_overrides,
        move_filing_to_working_day=move_filing_to_working_day,
    ).publication


@dataclass(frozen=True, slots=True)
class Deadlines:
    year: int  # reporting year
    category: str
    filing: date
    publication: date


def deadlines(
    year: int,
    category: str = "default",
    categories: Mapping[str, tuple[int, int]] | None = None,
    publication_working_days: int = DEFAULT_PUBLICATION_WORKING_DAYS,
    extra_days_off: Iterable[date] = frozenset(),
    extra_working_days: Iterable[date] = frozenset(),
    *,
    filing_overrides: Mapping[int, date] | None = None,
    move_filing_to_working_day: bool = False,
) -> Deadlines:
    """Filing and publication deadlines for reporting ``year``."""
    if publication_working_days < 1:
        raise ValueError("publication_working_days must be at least 1")
    off = _as_frozenset(extra_days_off)
    work = _as_frozenset(extra_working_days)
    filing = filing_deadline(
        year,
        category,
        categories,
        filing_overrides=filing_overrides,
        move_filing_to_working_day=move_filing_to_working_day,
        extra_days_off=off,
        extra_working_days=work,
    )
    publication = add_working_days(filing, publication_working_days, off, work)
    return Deadlines(year=year, category=category, filing=filing, publication=publication)


def format_date_ru(d: date, short: bool = False) -> str:
    """«26 мая 2025 г.», or with ``short=True`` «26.05.2025»."""
    if short:
        return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"
    return f"{d.day} {_MONTHS_GENITIVE[d.month - 1]} {d.year} г."
