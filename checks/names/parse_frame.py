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

from functools import cache

import polars as pl

from .given_names import given_gender
from .normalise import has_latin, prepare
from .parse import _TURKIC, Origin, PersonName, _role_scores, parse_name, parse_with_origin
from .patronymics import patronymic_gender
from .surnames import surname_gender

COLUMNS = ("surname", "given", "patronymic", "given_initial", "patronymic_initial", "gender")
WRITTEN = ("surname_written", "given_written", "patronymic_written")
SCHEMA = {"name": pl.Utf8, **{c: pl.Utf8 for c in COLUMNS}, "latin": pl.Boolean, **{c: pl.Utf8 for c in WRITTEN}}

_WORD = r"[А-Яа-яЁё]{3,}(?:-[А-Яа-яЁё]{2,})*"
_PLAIN = rf"^\s*{_WORD}\s+{_WORD}\s+{_WORD}\s*$"

# Every distinct word is worked out once per process (a register has hundreds of thousands:
# the functions' own LRU caches are sized for one-by-one use and would evict each other).
_word_roles = cache(_role_scores)
_word_gender = {"patronymic": cache(lambda w: patronymic_gender(w) if w else None),
                "given": cache(given_gender), "surname": cache(surname_gender)}

# The three-word templates of `parse._templates` (no initials), in its order, with priors.
_TEMPLATES = (("SGP", 1.0), ("GPS", 0.5), ("SSG", 0.0), ("GSS", 0.0))


def parse_frame(names: pl.Series) -> pl.DataFrame:
    """One row per distinct non-null spelling in `names`: `name` plus the parsed fields."""
    distinct = pl.DataFrame({"name": names.cast(pl.Utf8)}).drop_nulls().unique()
    plain = distinct.get_column("name").str.contains(_PLAIN)
    fast = _parse_plain(distinct.filter(plain))
    slow = _parse_slow(distinct.filter(~plain).get_column("name").to_list())
    return pl.concat([fast, slow]).select(list(SCHEMA))


def names_with_origins(frame: pl.DataFrame) -> dict[str, tuple[PersonName, Origin]]:
    """`parse_with_origin` for every row of a `parse_frame`, without parsing plain names again."""
    out = {}
    for row in frame.select(*SCHEMA).iter_rows():
        raw, surname, given, patronymic, given_initial, patronymic_initial, gender, _latin, *written = row
        if written[0] is None:
            out[raw] = parse_with_origin(raw)
            continue
        surname_written, given_written, patronymic_written = written
        out[raw] = (
            PersonName(surname, given, patronymic, given_initial, patronymic_initial, gender, raw),
            Origin(surname_tokens=tuple(surname_written.split(" ")), given_token=given_written,
                   patronymic_token=patronymic_written, surname_readings=frozenset((surname,)),
                   given_readings=frozenset((given,)),
                   patronymic_readings=frozenset((patronymic,)) if patronymic else frozenset(),
                   given_initials=frozenset(given_initial), patronymic_initials=frozenset(patronymic_initial)),
        )
    return out


def _parse_slow(names: list[str]) -> pl.DataFrame:
    rows = []
    for raw in names:
        name = parse_name(raw)
        rows.append((raw, name.surname, name.given, name.patronymic, name.given_initial,
                     name.patronymic_initial, name.gender, has_latin(prepare(raw)), None, None, None))
    return pl.DataFrame(rows, schema=SCHEMA, orient="row")


def lookup(frame: pl.DataFrame, column: str, **functions) -> pl.DataFrame:
    """Join to `frame` what each function gives (as text) for each distinct value of `column`."""
    distinct = frame.get_column(column).unique().to_list()
    table = pl.DataFrame({column: distinct, **{name: [f(v) for v in distinct] for name, f in functions.items()}},
                         schema={column: pl.Utf8, **{name: pl.Utf8 for name in functions}})
    return frame.join(table, on=column, how="left", nulls_equal=True)


def _attach(frame: pl.DataFrame, table: pl.DataFrame, on: str, suffix: str) -> pl.DataFrame:
    renamed = table.rename({c: f"{c}{suffix}" for c in table.columns if c != "word"})
    return frame.join(renamed, left_on=on, right_on="word", how="left")


def _parse_plain(frame: pl.DataFrame) -> pl.DataFrame:
    written = pl.col("name").str.strip_chars().str.replace_all(r"\s+", " ")
    words = frame.with_columns(
        written.str.split_exact(" ", 2).struct.rename_fields(["r0", "r1", "r2"]).alias("raw"),
        written.str.to_lowercase().str.replace_all("ё", "е", literal=True).str.split_exact(" ", 2)
        .struct.rename_fields(["w0", "w1", "w2"]).alias("words"),
    ).unnest("raw", "words")
    vocabulary = pl.concat([words.get_column(f"w{i}") for i in range(3)]).unique()
    turkic = vocabulary.is_in(list(_TURKIC))
    if turkic.any():  # «Мамедов Гусейн оглы»: the slow path knows the two-word patronymic
        odd = vocabulary.filter(turkic).to_list()
        mask = words.select(pl.any_horizontal(pl.col(f"w{i}").is_in(odd) for i in range(3))).to_series()
        return pl.concat([_parse_plain(frame.filter(~mask)),
                          _parse_slow(words.filter(mask).get_column("name").to_list())])
    roles = [_word_roles(w) for w in vocabulary.to_list()]
    scores = pl.DataFrame({"word": vocabulary.to_list(), **{r: [s[r] for s in roles] for r in "SGP"}},
                          schema={"word": pl.Utf8, "S": pl.Float64, "G": pl.Float64, "P": pl.Float64})
    for i in range(3):
        words = _attach(words, scores, f"w{i}", str(i))
    totals = [pl.lit(prior) + sum(pl.col(f"{r}{i}") for i, r in enumerate(layout)) for layout, prior in _TEMPLATES]
    best = pl.lit(_TEMPLATES[0][0])
    best_score = totals[0]
    for (layout, _), total in zip(_TEMPLATES[1:], totals[1:]):  # strictly greater wins, as in _best_layout
        best = pl.when(total > best_score).then(pl.lit(layout)).otherwise(best)
        best_score = pl.max_horizontal(best_score, total)
    chosen = pl.col("layout")

    def parts(w: str, joiner: str, what: str) -> list[pl.Expr]:
        """Surname, given name and patronymic under the chosen layout, from words w0..w2 or r0..r2."""
        a, b, c = pl.col(f"{w}0"), pl.col(f"{w}1"), pl.col(f"{w}2")
        return [
            pl.when(chosen == "SGP").then(a).when(chosen == "GPS").then(c)
            .when(chosen == "SSG").then(pl.concat_str(a, b, separator=joiner))
            .otherwise(pl.concat_str(b, c, separator=joiner)).alias(f"surname{what}"),
            pl.when(chosen == "SGP").then(b).when(chosen == "SSG").then(c).otherwise(a).alias(f"given{what}"),
            pl.when(chosen == "SGP").then(c).when(chosen == "GPS").then(b).otherwise(pl.lit(""))
            .alias(f"patronymic{what}"),
        ]

    parsed = words.with_columns(best.alias("layout")).select(
        "name", *parts("w", "-", ""), *parts("r", " ", "_written")
    ).with_columns(
        pl.col("given").str.slice(0, 1).alias("given_initial"),
        pl.col("patronymic").str.slice(0, 1).alias("patronymic_initial"),
    )
    for column, function in _word_gender.items():
        parsed = lookup(parsed, column, **{f"gender_{column}": function})
    gender = pl.coalesce("gender_patronymic", "gender_given", "gender_surname").alias("gender")
    return parsed.with_columns(gender, pl.lit(False).alias("latin")).select(list(SCHEMA))
