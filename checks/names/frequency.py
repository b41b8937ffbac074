"""How common a surname, a given name and a father's name are: the `russiannames` tables.

A shared surname is evidence of kinship only as far as it is rare: two «Ивановы» meet by
chance, two «Шкрабичи» hardly ever. The `russiannames` package (BSD-3) ships three Parquet
tables counted from Russian name lists: 375 000 surnames (each gender form on its own row),
32 000 given names and 48 000 patronymics with the father's given name. We query them with
DuckDB (already the store's engine) for the names we need, never load them whole.

Shares are of all people counted in a table: `surname_share("Петрова")` is the share of people
whose surname is Петров or Петрова. A name the table lacks counts as half a person (it is rare,
not impossible).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

import duckdb

from .given_names import canonical_given, given_variants
from .normalise import fold_name
from .surnames import surname_key

UNSEEN = 0.5  # the count given to a name the tables lack
_FOLD_SQL = "lower(replace(text, 'ё', 'е'))"


def data_dir() -> Path:
    return Path(str(resources.files("russiannames").joinpath("data")))


def table(name: str) -> str:
    """The path of one of the package's tables: `surnames`, `names` or `midnames`."""
    return str(data_dir() / f"{name}.parquet")


@lru_cache(maxsize=1)
def _connection() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


@lru_cache(maxsize=None)
def total(name: str) -> int:
    """How many people a table counts."""
    row = _connection().execute(f"SELECT sum(count) FROM read_parquet('{table(name)}')").fetchone()
    if row is None:  # an aggregate always gives one row
        raise LookupError(f"no total for {name}")
    return int(row[0])


def _surname_forms(key: str) -> set[str]:
    """Spellings whose `surname_key` may be `key`: both gender forms of -ов/-ин and of adjectival names."""
    forms = {key, key + "а"}
    if key.endswith("ий"):
        stem = key[:-2]
        forms |= {stem + ending for ending in ("ий", "ый", "ой", "ая", "яя")}
    return forms


def _counts(name: str, words: Iterable[str]) -> dict[str, int]:
    """Counts of folded spellings in a table, summed over its rows of the same spelling."""
    words = sorted(set(words))
    if not words:
        return {}
    rows = _connection().execute(
        f"SELECT {_FOLD_SQL} AS word, sum(count)::BIGINT FROM read_parquet('{table(name)}') "
        f"WHERE {_FOLD_SQL} IN (SELECT unnest(?)) GROUP BY word", [words]).fetchall()
    return dict(rows)


_surname_cache: dict[str, float] = {}


def surname_shares(surnames: Iterable[str]) -> dict[str, float]:
    """Share of people bearing each surname in either gender form (one query for all of them)."""
    keys = {s: surname_key(s) for s in set(surnames) if s}
    missing = {k for k in keys.values() if k not in _surname_cache}
    if missing:
        forms = {form: key for key in missing for form in _surname_forms(key)}
        by_key: dict[str, int] = defaultdict(int)
        for word, count in _counts("surnames", forms).items():
            if surname_key(word) == forms[word]:
                by_key[forms[word]] += count
        for key in missing:
            _surname_cache[key] = (by_key.get(key) or UNSEEN) / total("surnames")
    return {s: _surname_cache[k] for s, k in keys.items()}


def surname_share(surname: str) -> float:
    return surname_shares([surname]).get(surname, UNSEEN / total("surnames"))


@lru_cache(maxsize=1 << 14)
def given_share(given: str) -> float:
    """Share of people with this given name (any spelling variant: Наталья/Наталия)."""
    variants = given_variants(given) or {fold_name(given)}
    return (sum(_counts("names", variants).values()) or UNSEEN) / total("names")


@lru_cache(maxsize=1)
def _father_counts() -> dict[str, int]:
    """People counted per father's given name (canonical, folded), from the patronymics with a known father."""
    rows = _connection().execute(
        f"SELECT lower(replace(fname, 'ё', 'е')), sum(count)::BIGINT FROM read_parquet('{table('midnames')}') "
        "WHERE fname IS NOT NULL GROUP BY 1").fetchall()
    counts: dict[str, int] = defaultdict(int)
    for father, count in rows:
        counts[canonical_given(father) or father] += count
    return dict(counts)


@lru_cache(maxsize=1 << 14)
def father_share(father_given: str) -> float:
    """Share of people whose patronymic comes from this given name (sons and daughters of an Иван)."""
    name = canonical_given(father_given) or fold_name(father_given)
    return (_father_counts().get(name) or UNSEEN) / total("midnames")


def one_in(share: float) -> str:
    """«1 из 1 200»: a share as a reader grasps it."""
    if share <= 0:
        return "ни разу"
    people = 1 / share
    rounded = round(people, -max(0, len(str(int(people))) - 2)) if people >= 100 else round(people)
    return f"1 из {int(rounded):,}".replace(",", "\u00a0")
