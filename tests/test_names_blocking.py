"""Blocking keys that bring candidate pairs together (`checks.names.blocking`)."""

from __future__ import annotations

import pytest

from checks.names import blocking_keys
from checks.names.blocking import BROAD_KINDS
from tests.name_cases import P

# ----------------------------------------------------------------- blocking


def _complete(name: str) -> bool:
    parsed = P(name)
    return bool(parsed.given and parsed.patronymic) and not any("a" <= ch.lower() <= "z" for ch in name)


def shares_key(a: str, b: str) -> bool:
    """As `declarations match` pairs names: broad keys count only when one name is not complete."""
    shared = set(blocking_keys(P(a))) & set(blocking_keys(P(b)))
    if _complete(a) and _complete(b):
        shared = {key for key in shared if key.split(":", 1)[0] not in BROAD_KINDS}
    return bool(shared)


def test_blocking_key_formats() -> None:
    keys = blocking_keys(P("Кузнецова Юлия Ивановна"))
    assert "s:кузнецов:юи" in keys
    assert not any(key.startswith("s:кузнецов:ю") and key != "s:кузнецов:юи" for key in keys)
    assert "ga:кузнецов:иван:юл" in keys and "gz:кузнецов:иван:ия" in keys
    assert "pa:кузнецов:юлия:ива" in keys and "pz:кузнецов:юлия:новна" in keys
    assert "gpd:юлия:иван:кузнецов" in keys
    assert "gpd:юлия:иван:кзнецов" in keys
    assert "pm:кузнецов:юлия:ив…вна" in keys
    assert "sk:кзнцв:юи" in keys
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Кузнецова Юлия Ивановна", "Кузнецов Юлия Ивановна"),
        ("Кузнецова Юлия Ивановна", "Кузнецова Ю.И."),
        ("Кузнецова Юлия Ивановна", "Ю.И. Кузнецова"),
        ("Кузнецова Юлия Ивановна", "Kuznetsova Iuliia Ivanovna"),
        ("Кузнецова Юлия Ивановна", "Кузнецова Юлия"),
        ("Соловьёв Пётр Ильич", "Соловьев Петр Ильич"),
        ("Коваленко Олександр Андрійович", "Коваленко Александр Андреевич"),
        ("Коваленко О.А.", "Коваленко Олександр Андрійович"),
        ("Кузнецова Юлия Ивановна", "Кузнцова Юлия Ивановна"),
        ("Кузнецова Юлия Ивановна", "Музнецова Юлия Ивановна"),
        ("Кузнецова Юлия Ивановна", "Кузнецоба Юлия Ивановна"),
        ("Ким Юлия Ивановна", "Кин Юлия Ивановна"),
        ("Лисов Петр Ильич", "Ликов Петр Ильич"),
        ("Лисов Петр Ильич", "Лиссов Петр Ильич"),
        ("Римский-Корсаков Николай Андреевич", "Римский Корсаков Николай Андреевич"),
    ],
)
def test_blocking_keys_bring_matches_together(a: str, b: str) -> None:
    assert shares_key(a, b)


SURNAMES_FOR_EDITS = ["Ким", "Лисов", "Попов", "Иванов", "Кузнецова", "Соколов", "Вишневская",
                      "Ли", "Цой", "Петросян", "Константинопольский"]
_ALPHABET = "абвгдежзийклмнопрстуфхцчшщыьэюя"


def _single_edits(word: str) -> set[str]:
    edits: set[str] = set()
    for i in range(len(word) + 1):
        for ch in _ALPHABET[::5]:
            edits.add(word[:i] + ch + word[i:])  # insertion
    for i in range(len(word)):
        edits.add(word[:i] + word[i + 1:])  # deletion
        for ch in _ALPHABET[::5]:
            edits.add(word[:i] + ch + word[i + 1:])  # substitution
    for i in range(len(word) - 1):
        edits.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])  # transposition
    return {e for e in edits if len(e) >= 2 and e != word}  # one letter would be an initial


@pytest.mark.parametrize("surname", SURNAMES_FOR_EDITS)
def test_every_single_typo_in_surname_shares_a_blocking_key(surname: str) -> None:
    right = set(blocking_keys(P(f"{surname} Юлия Ивановна")))
    for typo in _single_edits(surname.lower()):
        wrong = set(blocking_keys(P(f"{typo.capitalize()} Юлия Ивановна")))
        assert right & wrong, typo


@pytest.mark.parametrize("patronymic", ["Юрьевна", "Львович", "Кузьмич", "Петрович", "Ивановна", "Ильинична",
                                        "Александровна"])
def test_every_single_typo_in_a_patronymic_of_seven_letters_or_more_shares_a_blocking_key(patronymic: str) -> None:
    word = patronymic.lower()
    second_and_third_swapped = word[0] + word[2] + word[1] + word[3:]  # the one typo seven letters leave out
    for typo in _single_edits(word) - ({second_and_third_swapped} if len(word) == 7 else set()):
        assert shares_key(f"Кузнецова Юлия {patronymic}", f"Кузнецова Юлия {typo.capitalize()}"), typo


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Кузнецова Юлия Ивановна", "Смирнова Юлия Ивановна"),
        ("Иванов Иван Иванович", "Петров Иван Иванович"),
        ("Иванов Иван Иванович", "Иванов Сергей Петрович"),
    ],
)
def test_blocking_keys_keep_unrelated_apart(a: str, b: str) -> None:
    assert not shares_key(a, b)


def test_a_name_without_patronymic_meets_every_patronymic_but_full_names_stay_apart() -> None:
    partial = set(blocking_keys(P("Кузнецова Юлия")))
    assert {"s:кузнецов:юи", "s:кузнецов:юп", "s:кузнецов:юя"} <= partial
    assert shares_key("Кузнецова Юлия", "Кузнецова Юлия Яковлевна")
    assert not shares_key("Кузнецова Юлия Ивановна", "Кузнецова Юлия Петровна")


@pytest.mark.parametrize(("a", "b"), [
    ("Кузнецова Юлия Ивановна", "Кузнецова Юлия Иваовна"),
    ("Кузнецова Юлия Ивановна", "Кузнецова Юля Ивановна"),
    ("Кузнецова Юлия Ивановна", "Кузнецова Юлия Иваноана"),
    ("Кузнецова Юлия Ивановна", "Кузнецова Юдия Ивановна"),
    ("Григорьев Илья Олегович", "Григорьев Инья Олегович"),
    ("Макаров Евгений Игоревич", "Макаров Евгений Игоревч"),
    ("Дмитриева Жанна Сергеевна", "Дмитриева Жнна Сергеевна"),
    ("Бирюкова Тамара Александровна", "Бирюкофа Тамара Александровна"),  # typo in the feminine ending
])
def test_one_typo_in_any_part_of_two_full_names_still_meets(a: str, b: str) -> None:
    assert shares_key(a, b)


def test_two_full_names_do_not_meet_through_the_broad_initials_key() -> None:
    assert "s:иванов:ас" in blocking_keys(P("Иванов Алексей Сергеевич"))
    assert not shares_key("Иванов Алексей Сергеевич", "Иванов Антон Семенович")
    assert shares_key("Иванов А.С.", "Иванов Антон Семенович")


def test_blocking_keys_without_surname() -> None:
    assert blocking_keys(P("Иван Петрович")) == ["gp:иван:петр:"]
    assert blocking_keys(P("")) == []
