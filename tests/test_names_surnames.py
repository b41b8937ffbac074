"""Surname keys, gender forms and skeletons (`checks.names.surnames`)."""

from __future__ import annotations

import pytest

from checks.names import (
    fold_name,
    surname_gender,
    surname_key,
    surname_skeleton,
)

# ------------------------------------------------------------------- surname_key

GENDER_PAIRS = [
    ("Иванов", "Иванова", "иванов"),
    ("Соловьёв", "Соловьева", "соловьев"),
    ("Соловьев", "Соловьёва", "соловьев"),
    ("Вишневский", "Вишневская", "вишневский"),
    ("Толстой", "Толстая", "толстий"),
    ("Некрасов", "Некрасова", "некрасов"),
    ("Пушкин", "Пушкина", "пушкин"),
    ("Ильин", "Ильина", "ильин"),
    ("Кузнецов", "Кузнецова", "кузнецов"),
    ("Лебедев", "Лебедева", "лебедев"),
    ("Троцкий", "Троцкая", "троцкий"),
    ("Белый", "Белая", "белий"),
    ("Синий", "Синяя", "синий"),
    ("Донской", "Донская", "донский"),
    ("Птицын", "Птицына", "птицын"),
    ("Римский-Корсаков", "Римская-Корсакова", "римский-корсаков"),
    ("Вишневський", "Вишневська", "вишневский"),
]


@pytest.mark.parametrize(("male", "female", "key"), GENDER_PAIRS)
def test_surname_key_gender_pairs(male: str, female: str, key: str) -> None:
    assert surname_key(male) == key
    assert surname_key(female) == key


@pytest.mark.parametrize(("male", "female", "key"), GENDER_PAIRS)
def test_surname_gender_of_pairs(male: str, female: str, key: str) -> None:
    assert surname_gender(male) == "m"
    assert surname_gender(female) == "f"


@pytest.mark.parametrize(
    "surname",
    [
        "Коваленко", "Шевченко", "Гайдамако", "Ковальчук", "Полищук", "Марчук", "Ющук",
        "Черных", "Долгих", "Седых", "Абашидзе", "Джугашвили", "Петросян", "Шмидт", "Гюго",
        "Кочерга", "Дума", "Сковорода", "Дюма", "Гулия", "Цой", "Ким", "Ли", "Петрович",
        "Мицкевич", "Бах",
    ],
)
def test_surname_key_invariant(surname: str) -> None:
    assert surname_key(surname) == fold_name(surname)
    assert surname_gender(surname) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Иванов", "Иванченко"),
        ("Иванов", "Иванова-Петрова"),
        ("Кочерга", "Кочергин"),
        ("Петров", "Петровский"),
        ("Толстой", "Толстов"),
        ("Пушкин", "Пушкарев"),
        ("Ильин", "Ильина-Сидорова"),
    ],
)
def test_surname_key_hard_negatives(a: str, b: str) -> None:
    assert surname_key(a) != surname_key(b)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Соловьёв-Седой", "соловьев-седий"),  # adjectival part keyed as -ий
        ("Римский Корсаков", "римский-корсаков"),
        ("ИВАНОВА", "иванов"),
        ("Ивaнова", "иванов"),  # Latin a
        ("", ""),
    ],
)
def test_surname_key_misc(raw: str, key: str) -> None:
    assert surname_key(raw) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [("Кузнецова", "Кузнцова"), ("Кузнецов", "Кузнецова"), ("Васильев", "Василев"),
     ("Соловьёв", "Соловев"), ("Кириллов", "Кирилов")],
)
def test_surname_skeleton_tolerates_vowels_and_soft_signs(a: str, b: str) -> None:
    assert surname_skeleton(a) == surname_skeleton(b)


def test_surname_skeleton_example() -> None:
    assert surname_skeleton("Кузнецова") == "кзнцв"
