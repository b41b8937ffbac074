"""The link score: a logistic model over the features of `pairs`, and its reasons.

probability = 1 / (1 + exp(-(BIAS + Σ weight × feature))). The weights are fixed here
(tuned on Declarator's labelled pairs, see benchmarks/person_linking.py, which refits
them with `fit` and cross-validates). Each link keeps the features that moved its score
the most, in words, so an analyst can see why two sections were joined.
"""

from __future__ import annotations

import math

import polars as pl

from .pairs import FEATURES

# Fitted by benchmarks/person_linking.py on shared/real/link-train (all pairs, L2 = 1.0).
BIAS = 0.0
WEIGHTS: dict[str, float] = {name: 0.0 for name in FEATURES}

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


def reasons(weights: dict[str, float] | None = None) -> pl.Expr:
    """«та же организация +2.1; полные имя и отчество совпадают +3.0; …», strongest first."""
    weights = WEIGHTS if weights is None else weights
    parts = []
    for name in FEATURES:
        contribution = pl.col(name) * weights[name]
        parts.append(pl.when(contribution.abs() >= REASON_MIN).then(pl.struct(
            contribution.abs().alias("size"),
            pl.concat_str([pl.lit(REASON_TEXT[name] + " "),
                           pl.when(contribution > 0).then(pl.lit("+")).otherwise(pl.lit("")),
                           contribution.round(1).cast(pl.Utf8)]).alias("text"))))
    listed = pl.concat_list(parts).list.drop_nulls().list.sort(descending=True)
    return listed.list.eval(pl.element().struct.field("text")).list.join("; ")


def fit(rows: list[list[float]], labels: list[int], sample_weights: list[float], l2: float = 1.0,
        iterations: int = 50) -> tuple[float, dict[str, float]]:
    """Logistic regression by Newton's method (pure Python: a few hundred rows, 18 unknowns)."""
    n = len(FEATURES) + 1
    beta = [0.0] * n
    data = [[1.0, *row] for row in rows]
    for _ in range(iterations):
        gradient = [0.0] * n
        hessian = [[0.0] * n for _ in range(n)]
        for x, y, w in zip(data, labels, sample_weights):
            z = sum(b * v for b, v in zip(beta, x))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for a in range(n):
                gradient[a] += w * (y - p) * x[a]
                for b in range(a, n):
                    hessian[a][b] += w * p * (1 - p) * x[a] * x[b]
        for a in range(n):
            for b in range(a):
                hessian[a][b] = hessian[b][a]
            if a:
                gradient[a] -= l2 * beta[a]
                hessian[a][a] += l2
        step = _solve(hessian, gradient)
        beta = [b + s for b, s in zip(beta, step)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return beta[0], dict(zip(FEATURES, beta[1:]))


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    n = len(vector)
    a = [row[:] + [v] for row, v in zip(matrix, vector)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-12:
            continue
        for r in range(n):
            if r != col:
                factor = a[r][col] / a[col][col]
                a[r] = [x - factor * y for x, y in zip(a[r], a[col])]
    return [a[i][n] / a[i][i] if abs(a[i][i]) > 1e-12 else 0.0 for i in range(n)]
