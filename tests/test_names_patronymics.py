"""Patronymics from given names and back (`checks.names.patronymics`)."""

from __future__ import annotations

import pytest

from checks.names import (
    canonical_given,
    fold_name,
    given_from_patronymic,
    patronymic_gender,
    patronymics_from_given,
)
from checks.names.given_names import MALE_NAMES

# ------------------------------------------------------------------ patronymics

IRREGULAR = [
    ("Илья", "ильич", "ильинична"),
    ("Лев", "львович", "львовна"),
    ("Пётр", "петрович", "петровна"),
    ("Никита", "никитич", "никитична"),
    ("Кузьма", "кузьмич", "кузьминична"),
    ("Фома", "фомич", "фоминична"),
    ("Лука", "лукич", "лукинична"),
    ("Яков", "яковлевич", "яковлевна"),
    ("Павел", "павлович", "павловна"),
    ("Михаил", "михайлович", "михайловна"),
    ("Савва", "саввич", "саввична"),
    ("Дмитрий", "дмитриевич", "дмитриевна"),
    ("Георгий", "георгиевич", "георгиевна"),
]

REGULAR = [
    ("Николай", "николаевич", "николаевна"),
    ("Андрей", "андреевич", "андреевна"),
    ("Сергей", "сергеевич", "сергеевна"),
    ("Алексей", "алексеевич", "алексеевна"),
    ("Юрий", "юрьевич", "юрьевна"),
    ("Игорь", "игоревич", "игоревна"),
    ("Олег", "олегович", "олеговна"),
    ("Иосиф", "иосифович", "иосифовна"),
    ("Иван", "иванович", "ивановна"),
    ("Евгений", "евгеньевич", "евгеньевна"),
    ("Василий", "васильевич", "васильевна"),
    ("Анатолий", "анатольевич", "анатольевна"),
    ("Виталий", "витальевич", "витальевна"),
    ("Аркадий", "аркадьевич", "аркадьевна"),
    ("Геннадий", "геннадьевич", "геннадьевна"),
    ("Валерий", "валерьевич", "валерьевна"),
    ("Григорий", "григорьевич", "григорьевна"),
    ("Александр", "александрович", "александровна"),
    ("Владимир", "владимирович", "владимировна"),
    ("Матвей", "матвеевич", "матвеевна"),
    ("Лазарь", "лазаревич", "лазаревна"),
    ("Арсений", "арсеньевич", "арсеньевна"),
    ("Иннокентий", "иннокентьевич", "иннокентьевна"),
    ("Рамиль", "рамилевич", "рамилевна"),
    ("Фёдор", "федорович", "федоровна"),
    ("Семён", "семенович", "семеновна"),
]


@pytest.mark.parametrize(("given", "male", "female"), IRREGULAR + REGULAR)
def test_patronymics_from_given(given: str, male: str, female: str) -> None:
    assert patronymics_from_given(given) == (male, female)


@pytest.mark.parametrize(("given", "male", "female"), IRREGULAR + REGULAR)
def test_given_from_patronymic_both_genders(given: str, male: str, female: str) -> None:
    assert given_from_patronymic(male) == fold_name(given)
    assert given_from_patronymic(female) == fold_name(given)
    assert given_from_patronymic(male.capitalize()) == fold_name(given)


@pytest.mark.parametrize("given", sorted(MALE_NAMES))
def test_patronymic_round_trip_for_every_male_name(given: str) -> None:
    male, female = patronymics_from_given(given)
    assert canonical_given(given_from_patronymic(male) or "") == given
    assert canonical_given(given_from_patronymic(female) or "") == given
    assert patronymic_gender(male) == "m"
    assert patronymic_gender(female) == "f"


@pytest.mark.parametrize(
    ("variant", "male"),
    [
        ("Олександр", "александрович"),
        ("Дмитро", "дмитриевич"),
        ("Андрій", "андреевич"),
        ("Микола", "николаевич"),
        ("Петро", "петрович"),
        ("Михайло", "михайлович"),
        ("Сергій", "сергеевич"),
    ],
)
def test_patronymics_from_ukrainian_given_use_russian_form(variant: str, male: str) -> None:
    assert patronymics_from_given(variant)[0] == male


@pytest.mark.parametrize(
    ("patronymic", "father_forms"),
    [
        ("Валериевич", {"валерий"}),
        ("Анатолиевна", {"анатолий"}),
        ("Юриевич", {"юрий"}),
        ("Андрійович", {"андрий"}),
        ("Андріївна", {"андрий"}),
        ("Олександрович", {"олександр"}),
        ("Олександрівна", {"олександр"}),
        ("Іванівна", {"иван"}),
        ("Миколайович", {"микола"}),
        ("Миколаївна", {"микола"}),
        ("Сергійович", {"сергий"}),
        ("Сергіївна", {"сергий"}),
        ("Григорович", {"григорий"}),
        ("Ігорович", {"игор"}),
        ("Юрійович", {"юрий"}),
        ("Васильович", {"василь"}),
        ("Данилович", {"данила"}),
        ("Ильична", {"илья"}),
        ("Гусейн оглы", {"гусейн"}),
        ("Алиева кызы", {"алиева"}),
        ("Ренатович", {"ренат"}),
        ("Францевич", {"франц"}),
    ],
)
def test_given_from_patronymic_variants(patronymic: str, father_forms: set[str]) -> None:
    assert given_from_patronymic(patronymic) in father_forms


@pytest.mark.parametrize("word", ["Иванов", "Анна", "", "Шкрабич", "Ич", "Иванченко", "Ковальчук"])
def test_given_from_patronymic_none(word: str) -> None:
    assert given_from_patronymic(word) is None


@pytest.mark.parametrize(
    ("patronymic", "gender"),
    [
        ("Иванович", "m"), ("Ивановна", "f"), ("Ильич", "m"), ("Ильинична", "f"),
        ("Кузьминична", "f"), ("Андрійович", "m"), ("Андріївна", "f"), ("Гусейн оглы", "m"),
        ("Алиева кызы", "f"), ("Иванов", None), ("", None),
    ],
)
def test_patronymic_gender(patronymic: str, gender: str | None) -> None:
    assert patronymic_gender(patronymic) == gender
