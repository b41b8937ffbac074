"""Candidate pairs of sections and how far they agree.

Blocking: two sections are compared only when they share the folded surname and both
initials («Кузнецов А.В.» and «Кузнецов Алексей Викторович» meet; «Кузнецова А.В.» does
not: a person keeps one gender form). Sections already known to be one person (one
sections-shape file is one person) are not paired with each other.

Every feature is a number a reader can check by looking at the two sections; `model`
weighs them. All of it is polars over the whole block join, no Python loop per pair.
"""

from __future__ import annotations

import polars as pl

from .names import name_parts

# Feature columns, in the order of `model.WEIGHTS`.
FEATURES = (
    "full_name_agrees", "full_name_differs", "one_initials_only", "surname_rarity", "given_rarity",
    "same_organisation", "same_organisation_size", "same_organisation_rarity", "same_region", "same_year", "same_income",
    "estates_shared", "estates_disjoint", "makes_shared", "makes_disjoint", "spouse_income_close", "role_similarity",
    "years_apart", "income_ratio",
)
_ROLE_STOP = ["и", "по", "в", "на", "с", "отдела", "управления", "администрации", "района", "области"]


def prepare(sections: pl.DataFrame) -> pl.DataFrame:
    """Sections with name parts, role words and an integer id (the row position).

    Names and roles repeat (a person's every year, a ministry's every «начальник отдела»), so
    each distinct text is parsed once and joined back."""
    names = sections.select("name").unique().with_columns(*name_parts("name"))
    roles = sections.select("role").unique().with_columns(
        pl.col("role").fill_null("").str.to_lowercase().str.replace_all("ё", "е")
        .str.extract_all(r"[а-яa-z]{3,}").list.set_difference(pl.lit(_ROLE_STOP)).alias("role_words"))
    return (sections.with_row_index("i").join(names, on="name", how="left", nulls_equal=True)
            .join(roles, on="role", how="left", nulls_equal=True).sort("i"))


def candidate_pairs(prepared: pl.DataFrame) -> pl.DataFrame:
    """(i, j) with i < j for every two sections of one block and of different groups."""
    keys = prepared.filter(pl.col("block").is_not_null()).select("i", "block", "group")
    pairs = keys.join(keys, on="block", suffix="_r").filter(
        (pl.col("i") < pl.col("i_r")) & (pl.col("group") != pl.col("group_r")))
    return pairs.select(pl.col("i"), pl.col("i_r").alias("j"))


def _log10(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.Float64).log10()


CHUNK = 500_000


def features(prepared: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """One row per pair: i, j and every column of FEATURES (32-bit floats).

    Pairs are measured CHUNK at a time: both sides' lists (flats, cars, role words) are joined to
    each pair only for the chunk, so a million sections' few million pairs fit in a few GB."""
    parts = [_features(prepared, chunk) for chunk in pairs.iter_slices(CHUNK)]
    if not parts:
        return _features(prepared, pairs)
    return pl.concat(parts)


def _features(prepared: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    columns = ["i", "group", "given", "patronymic", "full", "year", "organisation", "region", "role_words",
               "surname_rank", "name_rank", "office_size", "income", "spouse_income", "estates", "makes"]
    side = prepared.select(columns)
    joined = (pairs.join(side, on="i").join(side.rename({c: f"{c}_r" for c in columns}), left_on="j", right_on="i_r"))
    c, r = pl.col, (lambda name: pl.col(f"{name}_r"))
    both_full = c("full") & r("full")
    same_org = c("organisation") == r("organisation")
    estates_a, estates_b = c("estates").list.len(), r("estates").list.len()
    shared_estates = c("estates").list.set_intersection(r("estates")).list.len()
    shared_makes = c("makes").list.set_intersection(r("makes")).list.len()
    role_union = c("role_words").list.set_union(r("role_words")).list.len()
    ranks = pl.max_horizontal(c("surname_rank"), r("surname_rank"))
    given_ranks = pl.min_horizontal(c("name_rank"), r("name_rank"))
    return joined.select(
        "i", "j",
        (both_full & (c("given") == r("given")) & (c("patronymic") == r("patronymic"))).cast(pl.Float64)
        .alias("full_name_agrees"),
        (both_full & ((c("given") != r("given")) | (c("patronymic") != r("patronymic")))).cast(pl.Float64)
        .alias("full_name_differs"),
        (~both_full).cast(pl.Float64).alias("one_initials_only"),
        _log10(ranks.fill_null(300) + 1).clip(0, 5.5).alias("surname_rarity"),
        _log10(given_ranks.fill_null(10) + 1).clip(0, 5.5).alias("given_rarity"),
        same_org.cast(pl.Float64).alias("same_organisation"),
        pl.when(same_org).then(_log10(c("office_size").fill_null(1000) + 1)).otherwise(0.0)
        .alias("same_organisation_size"),
        pl.when(same_org).then(_log10(ranks.fill_null(300) + 1).clip(0, 5.5)).otherwise(0.0)
        .alias("same_organisation_rarity"),
        (~same_org & (c("region") == r("region")) & (c("region") != "")).fill_null(False).cast(pl.Float64)
        .alias("same_region"),
        (c("year") == r("year")).cast(pl.Float64).alias("same_year"),
        ((c("income") == r("income")) & (c("income") > 0)).fill_null(False).cast(pl.Float64).alias("same_income"),
        shared_estates.clip(0, 3).cast(pl.Float64).alias("estates_shared"),
        ((estates_a > 0) & (estates_b > 0) & (shared_estates == 0)).cast(pl.Float64).alias("estates_disjoint"),
        shared_makes.clip(0, 2).cast(pl.Float64).alias("makes_shared"),
        ((c("makes").list.len() > 0) & (r("makes").list.len() > 0) & (shared_makes == 0)).cast(pl.Float64)
        .alias("makes_disjoint"),
        ((c("spouse_income") > 0) & (r("spouse_income") > 0)
         & ((c("spouse_income") / r("spouse_income")).log10().abs() < 0.3)).fill_null(False).cast(pl.Float64)
        .alias("spouse_income_close"),
        pl.when(role_union > 0).then(
            c("role_words").list.set_intersection(r("role_words")).list.len() / role_union).otherwise(0.0)
        .alias("role_similarity"),
        ((c("year") - r("year")).abs().clip(0, 10) / 10).cast(pl.Float64).alias("years_apart"),
        pl.when((c("income") > 0) & (r("income") > 0)).then((c("income") / r("income")).log10().abs().clip(0, 1.5))
        .otherwise(0.0).alias("income_ratio"),
    ).with_columns(pl.col(list(FEATURES)).cast(pl.Float32))
