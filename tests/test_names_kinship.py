"""Siblings and parent–child by name (`checks.names.kinship`)."""

from __future__ import annotations

import pytest

from checks.names import (
    CHILD_PARENT,
    PARENT_CHILD,
    SIBLINGS,
    could_be_parent_child,
    could_be_siblings,
    kinship,
    kinship_keys,
)
from tests.name_cases import P

# ------------------------------------------------------------------ kinship


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Иванов Петр Сергеевич", "Иванов Павел Сергеевич"),
        ("Иванов Петр Сергеевич", "Иванова Анна Сергеевна"),
        ("Иванов Александр Петрович", "Иванова Александра Петровна"),
        ("Соловьёв Пётр Ильич", "Соловьева Мария Ильинична"),
        ("Коваленко Олег Андрійович", "Коваленко Ирина Андреевна"),
        ("Петров Иван Валериевич", "Петрова Анна Валерьевна"),
        ("Вишневский Петр Кузьмич", "Вишневская Ольга Кузьминична"),
    ],
)
def test_could_be_siblings(a: str, b: str) -> None:
    assert could_be_siblings(P(a), P(b))
    assert could_be_siblings(P(b), P(a))
    assert kinship(P(a), P(b)) == SIBLINGS


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Иванов Петр Сергеевич", "Иванов Петр Сергеевич"),  # the same person
        ("Иванов Петр Сергеевич", "Петров Павел Сергеевич"),  # other surname
        ("Иванов Петр Сергеевич", "Иванов Павел Семенович"),  # other father
        ("Иванов Петр Сергеевич", "Иванов П.С."),  # initials only
        ("Иванов Петр", "Иванов Павел"),  # no patronymics
        ("Иванов Петр Ильич", "Иванов Павел Ильинский"),
    ],
)
def test_could_not_be_siblings(a: str, b: str) -> None:
    assert not could_be_siblings(P(a), P(b))


@pytest.mark.parametrize(
    ("parent", "child"),
    [
        ("Иванов Сергей Петрович", "Иванова Анна Сергеевна"),
        ("Соловьёв Илья Петрович", "Соловьева Мария Ильинична"),
        ("Толстой Лев Николаевич", "Толстая Александра Львовна"),
        ("Коваленко Андрій Петрович", "Коваленко Ирина Андреевна"),
        ("Смирнов Яков Ильич", "Смирнов Петр Яковлевич"),
        ("Кузнецов Михаил Иванович", "Кузнецова Ольга Михайловна"),
    ],
)
def test_could_be_parent_child(parent: str, child: str) -> None:
    assert could_be_parent_child(P(parent), P(child))
    assert kinship(P(parent), P(child)) == PARENT_CHILD
    assert kinship(P(child), P(parent)) == CHILD_PARENT


@pytest.mark.parametrize(
    ("parent", "child"),
    [
        ("Иванова Анна Петровна", "Иванов Петр Аннович"),  # parent must be a man
        ("Иванов Сергей Петрович", "Петров Петр Сергеевич"),  # other surname
        ("Иванов Сергей Петрович", "Иванов Петр Семенович"),  # other father
        ("Иванов С.П.", "Иванов Петр Сергеевич"),  # parent's given name unknown
        ("Иванов Сергей Петрович", "Иванов Петр"),  # child's patronymic unknown
    ],
)
def test_could_not_be_parent_child(parent: str, child: str) -> None:
    assert not could_be_parent_child(P(parent), P(child))


def test_kinship_both_directions() -> None:
    older, younger = P("Иванов Сергей Петрович"), P("Иванов Петр Сергеевич")
    assert could_be_parent_child(older, younger)
    assert could_be_parent_child(younger, older)  # names alone cannot tell who is older
    assert kinship(older, younger) == PARENT_CHILD
    assert kinship(younger, older) == PARENT_CHILD
    assert not could_be_siblings(older, younger)


def test_kinship_none_for_strangers() -> None:
    assert kinship(P("Иванов Петр Сергеевич"), P("Петров Иван Ильич")) is None


def test_kinship_keys_link_relatives() -> None:
    father = set(kinship_keys(P("Иванов Сергей Петрович")))
    son = set(kinship_keys(P("Иванов Петр Сергеевич")))
    daughter = set(kinship_keys(P("Иванова Анна Сергеевна")))
    assert son & daughter  # siblings
    assert father & son  # father and son
    assert father & daughter
    assert not set(kinship_keys(P("Сидоров Петр Сергеевич"))) & son
