"""`parse_frame` (a whole column at once) gives exactly what `parse_name` gives per name."""

from __future__ import annotations

import random

import polars as pl
import pytest

from checks.names import blocking_keys, parse_frame, parse_name
from checks.names.parse_frame import COLUMNS
from sample_data import names as N
from tests.name_cases import PARSES


def _generated(count: int, seed: int = 5) -> list[str]:
    """Plain, reordered, upper-case, initials, Latin, double and misspelt names."""
    rng = random.Random(seed)
    surnames = N.SURNAMES_FAMILY + N.SURNAMES_STRANGERS
    out = []
    for _ in range(count):
        male = rng.random() < 0.5
        surname = N.surname_form(rng.choice(surnames), male)
        given = N.given_name(rng, male, rng.randint(1940, 2010))
        patronymic = N.patronymic(N.given_name(rng, True, 1940), male)
        out += [f"{surname} {given} {patronymic}", f"{given} {patronymic} {surname}",
                f"{surname} {given} {patronymic}".upper(), N.initials(surname, given, patronymic),
                N.translit(f"{surname} {given} {patronymic}"), f"{surname}-{rng.choice(surnames)} {given} {patronymic}",
                f"{N.typo(surname, rng)} {N.typo(given, rng)} {N.typo(patronymic, rng)}", f"{surname} {given}"]
    return out


@pytest.mark.parametrize("names", [[raw for raw, _ in PARSES], _generated(2000)], ids=["hand-picked", "generated"])
def test_parse_frame_agrees_with_parse_name(names: list[str]) -> None:
    frame = parse_frame(pl.Series(names))
    assert frame.height == len(set(names))
    for row in frame.iter_rows(named=True):
        expected = parse_name(row["name"])
        assert tuple(row[c] for c in COLUMNS) == tuple(getattr(expected, c) for c in COLUMNS), row["name"]


def test_parse_frame_flags_latin_spellings_and_skips_nulls() -> None:
    frame = parse_frame(pl.Series(["Kuznetsova Yuliya Ivanovna", "Кузнецова Юлия Ивановна", None]))
    assert dict(frame.select("name", "latin").iter_rows()) == {
        "Kuznetsova Yuliya Ivanovna": True, "Кузнецова Юлия Ивановна": False}


def test_one_name_keys_are_the_column_keys() -> None:
    from checks.names import blocking_key_frame, name_features

    names = _generated(200, seed=9)
    keys = blocking_key_frame(name_features(parse_frame(pl.Series(names))))
    by_name = keys.group_by("name").agg("key")
    for name, column_keys in by_name.iter_rows():
        assert set(column_keys) == set(blocking_keys(parse_name(name))), name


def test_names_with_origins_are_what_parse_with_origin_gives() -> None:
    from checks.names.parse import parse_with_origin
    from checks.names.parse_frame import names_with_origins

    names = _generated(300, seed=13) + [raw for raw, _ in PARSES]
    for raw, parsed in names_with_origins(parse_frame(pl.Series(names))).items():
        assert parsed == parse_with_origin(raw), raw
