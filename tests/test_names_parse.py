"""Parsing a full name into parts and gender (`checks.names.parse`)."""

from __future__ import annotations

import itertools

import pytest

from checks.names import (
    PersonName,
    compare_names,
    fold_name,
    gender_of,
)
from tests.name_cases import PARSES, P

# ----------------------------------------------------------------------- parsing



@pytest.mark.parametrize(("raw", "expected"), PARSES)
def test_parse_name(raw: str, expected: tuple) -> None:
    name = P(raw)
    got = (
        name.surname, name.given, name.patronymic, name.given_initial,
        name.patronymic_initial, name.gender,
    )
    assert got == expected
    assert name.raw == raw


@pytest.mark.parametrize(("raw", "_"), PARSES)
def test_parse_name_parts_are_folded(raw: str, _: tuple) -> None:
    name = P(raw)
    for part in (name.surname, name.given, name.patronymic):
        assert part == fold_name(part)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Иванов Иван Иванович", "Иван Иванович Иванов"),
        ("Иванов Иван Иванович", "иванов иван иванович"),
        ("Соловьёв Пётр", "Соловьев Петр"),
        ("Иванов И.И.", "И. И. Иванов"),
        ("Римский-Корсаков Николай", "Николай Римский Корсаков"),
    ],
)
def test_parse_same_parts_different_layout(a: str, b: str) -> None:
    x, y = P(a), P(b)
    assert (x.surname, x.given, x.patronymic, x.given_initial, x.patronymic_initial) == (
        y.surname, y.given, y.patronymic, y.given_initial, y.patronymic_initial,
    )
    assert x.raw == a and y.raw == b


def test_person_name_is_frozen_and_hashable() -> None:
    name = P("Иванов Иван Иванович")
    with pytest.raises(AttributeError):
        name.surname = "x"  # type: ignore[misc]
    assert hash(name) == hash(P("Иванов Иван Иванович"))
    assert name.display() == "иванов иван иванович"
    assert P("Иванов И.И.").display() == "иванов и. и."


# ------------------------------------------------------------------- gender_of


@pytest.mark.parametrize(
    ("raw", "gender"),
    [
        ("Иванов Иван Иванович", "m"),
        ("Иванова Анна Ивановна", "f"),
        ("Кузнецов Юлия Ивановна", "f"),  # patronymic wins over the surname
        ("Сидоренко Анна", "f"),  # given name when there is no patronymic
        ("Сидоренко Павел", "m"),
        ("Сидоренко А.П.", None),
        ("Иванова А.П.", "f"),  # surname ending as the last resort
        ("Вишневский В.В.", "m"),
        ("Кочерга Н.Н.", None),
        ("Никита Петров", "m"),
        ("Савва Морозов", "m"),
        ("Илья Ильич Обломов", "m"),
        ("Ян Петров", "m"),
        ("Яна Петрова", "f"),
    ],
)
def test_gender_of(raw: str, gender: str | None) -> None:
    name = P(raw)
    assert gender_of(name) == gender
    assert name.gender == gender


def test_gender_of_hand_built_name() -> None:
    name = PersonName("кочерга", "", "ильинична", "", "и", None, "")
    assert gender_of(name) == "f"


# ------------------------------------------------------------------ cache


def test_parse_is_cached_and_compare_takes_its_results() -> None:
    """Speed is measured by the benchmarks (`make bench`), not here: that a parse is cached is behaviour."""
    syllables = ["ба", "ва", "га", "да", "жа", "за", "ка", "ла", "ма", "на", "па", "ра", "са"]
    names = [
        f"{(a + b + c).capitalize()}ов Иван Иванович"
        for a, b, c in itertools.islice(itertools.product(syllables, repeat=3), 2000)
    ]
    parsed = [P(n) for n in names]
    for x, y in itertools.pairwise(parsed):
        assert compare_names(x, y).score < 1.0  # the surnames differ
    assert P(names[0]) is parsed[0]  # lru_cache returns the same object
