"""Numbers, money, areas, dates and years written the Russian way, for every message and document.

One implementation for the check messages (`checks`), the HR workbook and the report (`publish`).
They differ only in the space they put between digit groups and before units: messages and the
HR workbook use a plain space, the report a non-breaking one (`space=NBSP`), so a sum never
breaks across lines on the printed page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

NBSP = "\u00a0"
DASH = "—"  # an unknown value


def number_ru(value: float | int | None, decimals: int = 2, trim: bool = False, space: str = " ",
              group: bool = True) -> str:
    """`1 474 895,00`; with trim `64,7` and `1 500`; without group `1474895,00`."""
    if value is None:
        return DASH
    text = f"{float(value):{',' if group else ''}.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", space).replace(".", ",")


def int_ru(value: int | None, space: str = " ") -> str:
    return DASH if value is None else number_ru(value, 0, space=space)


def rub(value: float | int | None, space: str = " ") -> str:
    """`1 474 895,00 руб.`"""
    return DASH if value is None else f"{number_ru(value, space=space)}{space}руб."


def area_ru(value: float | None, space: str = " ", missing: str = "площадь не указана") -> str:
    """`64,7 кв. м`."""
    return missing if value is None else f"{number_ru(value, 2, trim=True, space=space)}{space}кв.{space}м"


def pct_ru(value: float | None, space: str = " ") -> str:
    """`95 %`, `66,7 %` (one decimal at most), `—`."""
    if value is None:
        return DASH
    rounded = round(value, 1)
    text = number_ru(rounded, 0, space=space) if rounded == int(rounded) else number_ru(rounded, 1, space=space)
    return f"{text}{space}%"


def date_ru(value: date | datetime | str | None) -> str:
    """`31.12.2023`; an ISO text is read first (`2023-12-31`, `2023-12-31T10:00`)."""
    if value is None or value == "":
        return DASH
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d.%m.%Y")


def years_ru(years: Iterable[int]) -> str:
    """`2020 год`, `2020 и 2021 годы`, `2019–2021 годы`."""
    ys = sorted(set(int(y) for y in years))
    if not ys:
        return ""
    if len(ys) == 1:
        return f"{ys[0]} год"
    if ys == list(range(ys[0], ys[-1] + 1)) and len(ys) > 2:
        return f"{ys[0]}–{ys[-1]} годы"
    return ", ".join(str(y) for y in ys[:-1]) + f" и {ys[-1]} годы"


def plural(n: int, one: str, few: str, many: str) -> str:
    """The word for n: `1 год`, `2 года`, `5 лет`."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def age_ru(years: float) -> str:
    """`1 год`, `23 года`, `11 лет` (rounded to whole years)."""
    whole = int(round(abs(years)))
    return f"{whole} {plural(whole, 'год', 'года', 'лет')}"
