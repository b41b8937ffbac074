"""Parsing a whole column of names at once, for matching millions of register rows.

`parse_frame` gives, for every distinct spelling, the fields of `parse_name`
(surname, given, patronymic, their initials, gender) plus `latin`. Almost every name
in a register or an HR file is three Cyrillic words; for those the layout is decided in
polars from per-word role scores (`parse._role_scores`, computed once per distinct word)
with the same templates and priors as `parse._best_layout`, so the result is the one
`parse_name` gives (`tests/test_names_frame.py` checks that on the generator's names).
Everything else (initials, Latin, one or two words, brackets, Ukrainian letters,
«оглы») goes through `parse_name` itself.
"""

from __future__ import annotations

import polars as pl

from .given_names import given_gender
from .normalise import has_latin, prepare
from .parse import _TURKIC, _role_scores, parse_name
from .patronymics import patronymic_gender
from .surnames import surname_gender

COLUMNS = ("surname", "given", "patronymic", "given_initial", "patronymic_initial", "gender")
SCHEMA = {"name": pl.Utf8, **{c: pl.Utf8 for c in COLUMNS}, "latin": pl.Boolean}

_WORD = r"[А-Яа-яЁё]{3,}(?:-[А-Яа-яЁё]{2,})*"
_PLAIN = rf"^\s*{_WORD}\s+{_WORD}\s+{_WORD}\s*$"

# The three-word templates of `parse._templates` (no initials), in its order, with priors.
_TEMPLATES = (("SGP", 1.0), ("GPS", 0.5), ("SSG", 0.0), ("GSS", 0.0))


def parse_frame(names: pl.Series) -> pl.DataFrame:
    """One row per distinct non-null spelling in `names`: `name` plus the parsed fields."""
    distinct = pl.DataFrame({"name": names.cast(pl.Utf8)}).drop_nulls().unique()
    plain = distinct.get_column("name").str.contains(_PLAIN)
    fast = _parse_plain(distinct.filter(plain))
    slow = _parse_slow(distinct.filter(~plain).get_column("name").to_list())
    return pl.concat([fast, slow]).select(list(SCHEMA))


def _parse_slow(names: list[str]) -> pl.DataFrame:
    rows = []
    for raw in names:
        name = parse_name(raw)
        rows.append((raw, name.surname, name.given, name.patronymic, name.given_initial,
                     name.patronymic_initial, name.gender, has_latin(prepare(raw))))
    return pl.DataFrame(rows, schema=SCHEMA, orient="row")


def _lookup(values: pl.Series, function) -> dict:
    return {v: function(v) for v in values.unique().to_list()}


def _parse_plain(frame: pl.DataFrame) -> pl.DataFrame:
    words = frame.with_columns(
        pl.col("name").str.strip_chars().str.to_lowercase().str.replace_all("ё", "е")
        .str.split(by=" ").list.eval(pl.element().filter(pl.element() != "")).alias("words")
    ).with_columns(pl.col("words").list.get(i).alias(f"w{i}") for i in range(3))
    vocabulary = pl.concat([words.get_column(f"w{i}") for i in range(3)]).unique()
    turkic = vocabulary.is_in(list(_TURKIC))
    if turkic.any():  # «Мамедов Гусейн оглы»: the slow path knows the two-word patronymic
        odd = set(vocabulary.filter(turkic).to_list())
        mask = pl.any_horizontal(pl.col(f"w{i}").is_in(list(odd)) for i in range(3))
        return pl.concat([_parse_plain(frame.filter(~words.select(mask).to_series())),
                          _parse_slow(words.filter(mask).get_column("name").to_list())])
    scores = {word: _role_scores(word) for word in vocabulary.to_list()}
    score = {role: {w: s[role] for w, s in scores.items()} for role in "SGP"}

    def role(i: int, r: str) -> pl.Expr:
        return pl.col(f"w{i}").replace_strict(score[r], return_dtype=pl.Float64)

    totals = [pl.lit(prior) + sum(role(i, r) for i, r in enumerate(layout)) for layout, prior in _TEMPLATES]
    best = pl.lit(_TEMPLATES[0][0])
    best_score = totals[0]
    for (layout, _), total in zip(_TEMPLATES[1:], totals[1:]):  # strictly greater wins, as in _best_layout
        best = pl.when(total > best_score).then(pl.lit(layout)).otherwise(best)
        best_score = pl.max_horizontal(best_score, total)
    layout = pl.col("layout")
    w0, w1, w2 = pl.col("w0"), pl.col("w1"), pl.col("w2")
    parsed = words.with_columns(best.alias("layout")).with_columns(
        pl.when(layout == "SGP").then(w0).when(layout == "GPS").then(w2)
        .when(layout == "SSG").then(pl.concat_str(w0, w1, separator="-"))
        .otherwise(pl.concat_str(w1, w2, separator="-")).alias("surname"),
        pl.when(layout == "SGP").then(w1).when(layout == "SSG").then(w2).otherwise(w0).alias("given"),
        pl.when(layout == "SGP").then(w2).when(layout == "GPS").then(w1).otherwise(pl.lit("")).alias("patronymic"),
    ).with_columns(
        pl.col("given").str.slice(0, 1).alias("given_initial"),
        pl.col("patronymic").str.slice(0, 1).alias("patronymic_initial"),
    )
    genders = [
        pl.col("patronymic").replace_strict(_lookup(parsed.get_column("patronymic"), _patronymic_gender),
                                            return_dtype=pl.Utf8),
        pl.col("given").replace_strict(_lookup(parsed.get_column("given"), given_gender), return_dtype=pl.Utf8),
        pl.col("surname").replace_strict(_lookup(parsed.get_column("surname"), surname_gender),
                                         return_dtype=pl.Utf8),
    ]
    return parsed.with_columns(pl.coalesce(genders).alias("gender"), pl.lit(False).alias("latin")).select(
        list(SCHEMA))


def _patronymic_gender(patronymic: str) -> str | None:
    return patronymic_gender(patronymic) if patronymic else None
