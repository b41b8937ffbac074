"""Person resolution end to end: sections → pairs → scores → people → store."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from . import model
from .cluster import cluster
from .pairs import FEATURES, candidate_pairs, features, prepare
from .persist import save
from declarations.settings import Settings
from .sections import read_sections


@dataclass
class LinkSummary:
    sections: int
    people: int
    links: int
    refused: int
    threshold: float


def score_pairs(sections: pl.DataFrame, weights: dict[str, float] | None = None,
                bias: float | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(prepared sections, every candidate pair with its features and probability)."""
    prepared = prepare(sections)
    pairs = features(prepared, candidate_pairs(prepared))
    return prepared, pairs.with_columns(model.probability(weights, bias).alias("probability"))


def _with_groups(pairs: pl.DataFrame, prepared: pl.DataFrame) -> pl.DataFrame:
    groups = prepared.select("i", "group")
    return (pairs.join(groups, on="i").rename({"group": "group_i"})
            .join(groups.rename({"i": "j", "group": "group_j"}), on="j"))


def resolve(sections: pl.DataFrame, threshold: float, weights: dict[str, float] | None = None,
            bias: float | None = None) -> tuple[dict[str, str], pl.DataFrame]:
    """Group → the person's representative group, and the scored pairs with their decisions."""
    prepared, scored = score_pairs(sections, weights, bias)
    above = _with_groups(scored.filter(pl.col("probability") >= threshold).select("i", "j", "probability"), prepared)
    above = above.sort(["probability", "i", "j"], descending=[True, False, False])
    person_of, decisions = cluster(sections, above)
    decided = above.select("i", "j").with_columns(pl.Series("decision", decisions, dtype=pl.Utf8))
    scored = scored.join(decided, on=["i", "j"], how="left").with_columns(
        pl.col("decision").fill_null("below_threshold"))
    return person_of, scored


def link_people(store, settings: Settings) -> LinkSummary | None:
    """Re-link every public section of the store; None when the store holds none."""
    options = settings.people
    sections = read_sections(store.con)
    if sections.is_empty():
        return None
    person_of, scored = resolve(sections, options.link_threshold)
    counts = scored.get_column("decision").value_counts()
    count = dict(zip(counts.get_column("decision").to_list(), counts.get_column("count").to_list()))
    recorded = scored.filter(pl.col("probability") >= options.record_from)
    del scored
    save(store.con, sections, person_of, recorded, options.link_threshold)
    return LinkSummary(sections.height, len(set(person_of.values())), count.get("linked", 0),
                       count.get("cannot_link", 0), options.link_threshold)


__all__ = ["FEATURES", "LinkSummary", "link_people", "resolve", "score_pairs"]
