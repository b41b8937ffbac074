"""Given-name variants and canonical forms (`checks.names.given_names`)."""

from __future__ import annotations

import pytest

from checks.names import (
    canonical_given,
    fold_name,
    given_variants,
)
from checks.names.given_names import FEMALE_NAMES, KNOWN_GIVEN, MALE_NAMES

# --------------------------------------------------------------- given variants

VARIANT_PAIRS = [
    ("Александр", "Олександр"),
    ("Алексей", "Олексій"),
    ("Юлия", "Юлія"),
    ("Елена", "Олена"),
    ("Андрей", "Андрій"),
    ("Дмитрий", "Дмитро"),
    ("Наталья", "Наталия"),
    ("Наталья", "Наталія"),
    ("Наталия", "Наталія"),
    ("Дарья", "Дария"),
    ("Дарья", "Дар'я"),
    ("Татьяна", "Тетяна"),
    ("Сергей", "Сергій"),
    ("Михаил", "Михайло"),
    ("Николай", "Микола"),
    ("Евгений", "Євген"),
    ("Ольга", "Ольга"),
    ("Анастасия", "Анастасія"),
    ("Мария", "Марія"),
    ("Григорий", "Григорій"),
    ("Пётр", "Петро"),
    ("Петр", "Петро"),
    ("Иван", "Іван"),
    ("Софья", "София"),
    ("Владимир", "Володимир"),
    ("Анна", "Ганна"),
    ("Екатерина", "Катерина"),
    ("Светлана", "Світлана"),
    ("Надежда", "Надія"),
    ("Игорь", "Ігор"),
    ("Павел", "Павло"),
    ("Василий", "Василь"),
    ("Раиса", "Раїса"),
    ("Вячеслав", "В'ячеслав"),
    ("Фёдор", "Федір"),
    ("Кирилл", "Кирило"),
]


@pytest.mark.parametrize(("a", "b"), VARIANT_PAIRS)
def test_given_variants_pairs(a: str, b: str) -> None:
    assert fold_name(b) in given_variants(a)
    assert fold_name(a) in given_variants(b)
    assert given_variants(a) == given_variants(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Елена", "Алёна"), ("Ирина", "Арина"), ("Юрий", "Георгий"), ("Ксения", "Оксана"),
        ("Александр", "Александра"), ("Ян", "Яна"), ("Иван", "Иона"), ("Артём", "Артемий"),
        ("Евгений", "Евгения"), ("Валерий", "Валерия"), ("Ян", "Иван"),
    ],
)
def test_given_variants_keep_distinct_names_apart(a: str, b: str) -> None:
    assert not given_variants(a) & given_variants(b)


def test_given_variants_examples() -> None:
    assert "олексий" in given_variants("Алексей")
    assert given_variants("Неизвестноимя") == frozenset({"неизвестноимя"})
    assert given_variants("") == frozenset()


def test_given_name_table_size_and_genders() -> None:
    assert len(MALE_NAMES) >= 150
    assert len(FEMALE_NAMES) >= 130
    assert not MALE_NAMES & FEMALE_NAMES
    assert all(name == fold_name(name) for name in KNOWN_GIVEN)


@pytest.mark.parametrize(
    ("variant", "standard"),
    [("Олександр", "александр"), ("Дмитро", "дмитрий"), ("Наталія", "наталья"),
     ("Кузьма", "кузьма")],
)
def test_canonical_given(variant: str, standard: str) -> None:
    assert canonical_given(variant) == standard
