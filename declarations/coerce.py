"""Turn text cells into typed values, the way Russian HR files write them.

Dates: `YYYY-MM-DD`, `ДД.ММ.ГГГГ` or a real Excel date. Amounts: `1 474 895,00`
(spaces, non-breaking spaces), `1474895.00` or a numeric cell. Enums: the key or
the Russian label, case-, space- and ё-insensitive. Booleans: да/нет, yes/no, 1/0.
A cell that cannot be read becomes an `Issue`, never a silent null.

Plausibility is part of reading: a number is finite and at most `MAX_NUMBER` in size (`inf`,
`nan`, `1e400` are refused: they would reach the publication as «Infinity»), a date falls between
`DATE_YEARS` (a typo such as 0202-04-01 or 2202-04-01 is refused, not stored).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import pandera.polars as pa
import polars as pl

from declarations.errors import Issue
from declarations.text import fold

ROW = "__row__"  # the row number as the user sees it (Excel row or CSV line)

_TRUE = ["да", "д", "yes", "y", "true", "истина", "1", "1.0"]
_FALSE = ["нет", "н", "no", "n", "false", "ложь", "0", "0.0"]

EXPECTED = {
    "date": "дата ДД.ММ.ГГГГ или ГГГГ-ММ-ДД",
    "int": "целое число",
    "number": "число, например 1 474 895,00",
    "bool": "«да» или «нет»",
}
EXPECTED_EXISTING_DATE = "существующая дата (такого дня нет в календаре)"
MAX_NUMBER = 1e13  # ten trillion: above any amount, area or share a declaration holds
DATE_YEARS = (1900, 2100)
EXPECTED_PLAUSIBLE_DATE = f"дата между {DATE_YEARS[0]} и {DATE_YEARS[1]} годом"
EXPECTED_FINITE = "конечное число (не больше 10 трлн по модулю)"


@dataclass(frozen=True)
class Location:
    file: str
    sheet: str
    headers: dict[str, str]  # key -> header as written in the file


def _clean_text(col: pl.Expr) -> pl.Expr:
    stripped = col.str.replace_all(r"[\u00a0\u202f]", " ").str.strip_chars()
    return pl.when(stripped == "").then(None).otherwise(stripped)


def _parse_number(col: pl.Expr) -> pl.Expr:
    compact = col.str.replace_all(r"[\s\u00a0\u202f]", "").str.replace(",", ".", literal=True)
    number = compact.cast(pl.Float64, strict=False)
    return pl.when(number.is_finite() & (number.abs() <= MAX_NUMBER)).then(number).otherwise(None)


def _parse_int(col: pl.Expr) -> pl.Expr:
    number = _parse_number(col)
    return pl.when(number == number.round(0)).then(number.cast(pl.Int64, strict=False)).otherwise(None)


def _parse_date(col: pl.Expr) -> pl.Expr:
    date = _parse_any_date(col)
    return pl.when(date.dt.year().is_between(*DATE_YEARS)).then(date).otherwise(None)


def _parse_any_date(col: pl.Expr) -> pl.Expr:
    return pl.coalesce(
        col.str.strptime(pl.Date, "%Y-%m-%d", strict=False, exact=True),
        col.str.strptime(pl.Date, "%d.%m.%Y", strict=False, exact=True),
        col.str.strptime(pl.Datetime, "%Y-%m-%d %H:%M:%S", strict=False, exact=True).dt.date(),
        col.str.strptime(pl.Datetime, "%Y-%m-%dT%H:%M:%S", strict=False, exact=True).dt.date(),
    )


def _unbounded_number(value: str) -> bool:
    """The text is a number, but infinite, not a number, or beyond `MAX_NUMBER`."""
    compact = "".join(value.split()).replace(",", ".")
    try:
        number = float(compact)
    except ValueError:
        return False
    return not abs(number) <= MAX_NUMBER


def _date_shaped(col: pl.Expr) -> pl.Expr:
    return col.str.contains(r"^(\d{2}\.\d{2}\.\d{4}|\d{4}-\d{2}-\d{2})$")


def _parse_bool(col: pl.Expr) -> pl.Expr:
    folded = col.str.to_lowercase()
    return pl.when(folded.is_in(_TRUE)).then(True).when(folded.is_in(_FALSE)).then(False).otherwise(None)


def _enum_lookup(enum: dict[str, str]) -> dict[str, str]:
    lookup = {fold(key): key for key in enum}
    lookup.update({fold(label): key for key, label in enum.items()})
    return lookup


def _parse_enum(col: pl.Expr, enum: dict[str, str]) -> pl.Expr:
    """Map keys and labels to keys; unknown values are kept so the schema reports them."""
    folded = col.str.replace_all("ё", "е").str.replace_all("Ё", "Е").str.to_lowercase()
    folded = folded.str.replace_all(r"\s+", " ")
    return folded.replace_strict(_enum_lookup(enum), default=col, return_dtype=pl.Utf8)


def coerce(raw: pl.DataFrame, schema: pa.DataFrameSchema, where: Location) -> tuple[pl.DataFrame, list[Issue]]:
    """Typed frame for `schema` from a frame of text cells, plus the cells that could not be read.

    `raw` has one Utf8 column per schema key present in the file, the `ROW` column,
    and any extra columns (kept as they are). Absent optional columns become nulls.
    Each cell is parsed once; a present cell whose parse is null is an issue.
    """
    parsed_exprs: list[pl.Expr] = []
    present_exprs: list[pl.Expr] = []
    defaults: list[pl.Expr] = []
    for name, column in schema.columns.items():
        meta = column.metadata
        kind = meta["kind"]
        text = _clean_text(pl.col(name)) if name in raw.columns else pl.lit(None, dtype=pl.Utf8)
        parsers: dict[str, Callable[[pl.Expr], pl.Expr]] = {
            "number": _parse_number,
            "int": _parse_int,
            "date": _parse_date,
            "bool": _parse_bool,
            "enum": functools.partial(_parse_enum, enum=meta["enum"]),
        }
        value = parsers.get(kind, lambda t: t)(text)
        parsed_exprs.append(value.alias(name))
        if kind in EXPECTED and name in raw.columns:
            present_exprs.append(text.is_not_null().alias(f"__present_{name}"))
        if meta["default"] is not None:
            defaults.append(pl.col(name).fill_null(pl.lit(meta["default"])))
    extras = [c for c in raw.columns if c not in schema.columns and c != ROW]
    parsed = raw.select(
        pl.col(ROW),
        *parsed_exprs,
        *present_exprs,
        (pl.struct(extras).struct.json_encode() if extras else pl.lit(None, dtype=pl.Utf8)).alias("extra"),
    )

    issues: list[Issue] = []
    for present in present_exprs:
        name = present.meta.output_name().removeprefix("__present_")
        kind = schema.columns[name].metadata["kind"]
        bad = parsed.filter(pl.col(f"__present_{name}") & pl.col(name).is_null()).get_column(ROW)
        if bad.len() == 0:
            continue
        values = raw.filter(pl.col(ROW).is_in(bad.implode())).select(ROW, name)
        for row, value in values.iter_rows():
            expected = EXPECTED[kind]
            if kind == "date" and pl.select(_parse_any_date(pl.lit(value.strip()))).item() is not None:
                expected = EXPECTED_PLAUSIBLE_DATE
            elif kind == "date" and pl.select(_date_shaped(pl.lit(value.strip()))).item():
                expected = EXPECTED_EXISTING_DATE
            elif kind in ("number", "int") and _unbounded_number(value):
                expected = EXPECTED_FINITE
            issues.append(Issue(where.file, where.sheet, row, where.headers.get(name, name), expected, value))

    typed = parsed.select(pl.exclude("^__present_.*$")).with_columns(defaults)
    return typed, issues
