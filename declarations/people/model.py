"""The link score: a logistic model over the features of `pairs`, and its reasons.

probability = 1 / (1 + exp(-(BIAS + Σ weight × feature))). The weights are fixed here
(fitted on Declarator's labelled pairs by benchmarks/person_linking.py, which also
cross-validates them). Each link keeps the features that moved its score
the most, in words, so an analyst can see why two sections were joined.
"""

from __future__ import annotations

import polars as pl

from .pairs import FEATURES

# Fitted by benchmarks/person_linking.py on shared/real/link-train (all 475 pairs, L2 = 3.0), rounded.
# full_name_differs is set by hand: the labelled pool has no pair of two different full names with
# the same initials (Declarator pairs only likely candidates); two different full first names or
# patronymics are two people (a typo in one loses the link: the conservative side).
BIAS = -4.13
WEIGHTS: dict[str, float] = {
    "full_name_agrees": 0.06, "full_name_differs": -8.0, "one_initials_only": -0.06, "surname_rarity": 0.42,
    "given_rarity": 0.62, "same_organisation": 0.50, "same_organisation_size": 0.31,
    "same_organisation_rarity": 0.78, "same_region": 0.50, "same_year": -0.33, "same_income": 0.04,
    "estates_shared": 1.46, "estates_disjoint": -1.12, "makes_shared": 0.82, "makes_disjoint": -0.58,
    "spouse_income_close": 0.22, "role_similarity": 0.92, "years_apart": 0.07, "income_ratio": -0.49,
}

# What each feature means, for the reasons (a feature is named when it adds or takes
# away at least REASON_MIN from the score).
REASON_TEXT = {
    "full_name_agrees": "полные имя и отчество совпадают",
    "full_name_differs": "полные имена или отчества различаются",
    "one_initials_only": "у одной из сторон только инициалы",
    "surname_rarity": "редкость фамилии",
    "given_rarity": "редкость имени и отчества",
    "same_organisation": "та же организация",
    "same_organisation_size": "размер организации (тезки вероятнее)",
    "same_organisation_rarity": "редкость фамилии в той же организации",
    "same_region": "тот же регион",
    "same_year": "тот же год",
    "same_income": "тот же доход",
    "estates_shared": "те же объекты недвижимости",
    "estates_disjoint": "ни одного общего объекта недвижимости",
    "makes_shared": "те же марки транспорта",
    "makes_disjoint": "ни одной общей марки транспорта",
    "spouse_income_close": "близкий доход супруга(и)",
    "role_similarity": "похожая должность",
    "years_apart": "разница в годах",
    "income_ratio": "разница в доходе",
}
REASON_MIN = 0.5


def logit(weights: dict[str, float] | None = None, bias: float | None = None) -> pl.Expr:
    weights = WEIGHTS if weights is None else weights
    bias = BIAS if bias is None else bias
    total = pl.lit(bias)
    for name in FEATURES:
        total = total + pl.col(name) * weights[name]
    return total


def probability(weights: dict[str, float] | None = None, bias: float | None = None) -> pl.Expr:
    return 1.0 / (1.0 + (-logit(weights, bias)).exp())


def reasons(pairs: pl.DataFrame, weights: dict[str, float] | None = None) -> pl.Series:
    """«та же организация +2.1; полные имя и отчество совпадают +3.0; …» for every row, strongest first.

    Long format (one row per pair and feature) then one join per pair: a list-of-structs sort
    per row was a hundred times slower at a million pairs.
    """
    weights = WEIGHTS if weights is None else weights
    long = (pairs.select(pl.int_range(pl.len()).alias("row"),
                         *[(pl.col(name) * weights[name]).alias(name) for name in FEATURES])
            .unpivot(index="row", variable_name="feature", value_name="contribution")
            .filter(pl.col("contribution").abs() >= REASON_MIN)
            .sort(["row", pl.col("contribution").abs()], descending=[False, True])
            .select("row", pl.concat_str([
                pl.col("feature").replace_strict(REASON_TEXT), pl.lit(" "),
                pl.when(pl.col("contribution") > 0).then(pl.lit("+")).otherwise(pl.lit("")),
                pl.col("contribution").round(1).cast(pl.Utf8)]).alias("text"))
            .group_by("row", maintain_order=True).agg(pl.col("text").str.join("; ")))
    every = pl.DataFrame({"row": pl.int_range(pairs.height, eager=True, dtype=pl.Int64)})
    return (every.join(long.with_columns(pl.col("row").cast(pl.Int64)), on="row", how="left")
            .sort("row").get_column("text").fill_null("").rename("reasons"))
