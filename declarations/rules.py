"""Validation rules as pandera checks, vectorised in polars.

Each check's `error` is the Russian description of what was expected: validation
reports it verbatim next to the value that was found. Null values pass column
checks (requiredness is the schema's `nullable`).
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN11_WEIGHTS = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _digit(col: pl.Expr, i: int) -> pl.Expr:
    return col.str.slice(i, 1).cast(pl.Int64, strict=False)


def _control(col: pl.Expr, weights: tuple[int, ...]) -> pl.Expr:
    total = pl.sum_horizontal([_digit(col, i) * w for i, w in enumerate(weights)])
    return (total % 11) % 10


def inn_valid_expr(col: pl.Expr, *lengths: int) -> pl.Expr:
    """True where the text is an INN of one of `lengths` digits with correct check digits."""
    is_digits = col.str.contains(r"^\d+$")
    n = col.str.len_chars()
    ok = pl.lit(False)
    if 10 in lengths:
        ok = ok | ((n == 10) & (_control(col, _INN10_WEIGHTS) == _digit(col, 9)))
    if 12 in lengths:
        ok = ok | (
            (n == 12)
            & (_control(col, _INN11_WEIGHTS) == _digit(col, 10))
            & (_control(col, _INN12_WEIGHTS) == _digit(col, 11))
        )
    return (is_digits & ok).fill_null(False)


def inn_valid(value: str, *lengths: int) -> bool:
    """Scalar form of `inn_valid_expr` (for generators and single values)."""
    return pl.select(inn_valid_expr(pl.lit(value), *lengths)).item()


def _column_check(expr_of_col, error: str) -> pa.Check:
    def check(data) -> pl.LazyFrame:
        col = pl.col(data.key)
        return data.lazyframe.select(expr_of_col(col) | col.is_null())

    return pa.Check(check, error=error)


def inn_check(*lengths: int) -> pa.Check:
    digits = " или ".join(str(n) for n in lengths)
    return _column_check(lambda c: inn_valid_expr(c, *lengths), f"ИНН из {digits} цифр с верной контрольной суммой")


def company_code_check() -> pa.Check:
    """A company's INN (10 digits; 12 for an entrepreneur) or a Ukrainian EDRPOU code (8 digits)."""
    return _column_check(
        lambda c: inn_valid_expr(c, 10, 12) | c.str.contains(r"^\d{8}$"),
        "ИНН организации (10 или 12 цифр с верной контрольной суммой) или код ЕДРПОУ (8 цифр)",
    )


def digits_check(n: int) -> pa.Check:
    return _column_check(lambda c: c.str.contains(rf"^\d{{{n}}}$"), f"{n} цифр")


def currency_check() -> pa.Check:
    return _column_check(lambda c: c.str.contains(r"^[A-Z]{3}$"), "код валюты ISO из трех латинских букв, например RUB")


def cadastral_check() -> pa.Check:
    return _column_check(
        lambda c: c.str.contains(r"^\d{2}:\d{2}:\d{6,7}:\d{1,}$"),
        "кадастровый номер вида NN:NN:NNNNNNN:NNN",
    )


def fraction_check() -> pa.Check:
    def ok(c: pl.Expr) -> pl.Expr:
        parts = c.str.extract_groups(r"^(\d+)/(\d+)$")
        num = parts.struct.field("1").cast(pl.Int64, strict=False)
        den = parts.struct.field("2").cast(pl.Int64, strict=False)
        return ((num > 0) & (den > 0) & (num <= den)).fill_null(False)

    return _column_check(ok, "доля в виде дроби, например 1/2 или 3/311")


def plausible_birth_date() -> pa.Check:
    return _column_check(
        lambda c: (c.dt.year() >= 1900) & (c.dt.year() <= 2100),
        "дата рождения между 1900 и 2100 годом",
    )


FRAME_CHECK_COLUMNS: dict[str, str] = {}  # error text of a row rule -> the column it is reported on


def _frame_check(row_ok: pl.Expr, error: str, column: str) -> pa.Check:
    """A rule over several columns of a row; failures are reported on `column`."""
    FRAME_CHECK_COLUMNS[error] = column

    def check(data) -> pl.LazyFrame:
        return data.lazyframe.select(row_ok.fill_null(True).alias(column))

    return pa.Check(check, error=error)


def relative_required_for_family() -> pa.Check:
    return _frame_check(
        ~(pl.col("subject").is_in(["spouse", "child"]) & pl.col("relative_id").is_null()),
        "код родственника для справки супруга(и) или ребенка",
        "relative_id",
    )


def corrects_required_for_corrected() -> pa.Check:
    return _frame_check(
        ~((pl.col("kind") == "corrected") & pl.col("corrects").is_null()),
        "номер уточняемой справки для уточненной справки",
        "corrects",
    )


def share_required_for_shared() -> pa.Check:
    return _frame_check(
        ~((pl.col("ownership") == "shared") & pl.col("share").is_null()),
        "доля для общей долевой собственности",
        "share",
    )


def ownership_only_for_owned() -> pa.Check:
    return _frame_check(
        ~((pl.col("holding") == "used") & pl.col("ownership").is_not_null()),
        "пустой вид собственности для объекта в пользовании",
        "ownership",
    )
