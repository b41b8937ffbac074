"""Comparing two names part by part (`checks.names.compare`)."""

from __future__ import annotations

import pytest

from checks.names import (
    DIFFER_CAP,
    SIBLINGS,
    WEIGHTS,
    PartAgreement,
    PersonName,
    compare_names,
    could_be_siblings,
    kinship,
)
from tests.name_cases import KYI, MATCH_THRESHOLD, POSSIBLE_THRESHOLD, P, cmp, hows

# ------------------------------------------------------------------- comparing


@pytest.mark.parametrize(
    ("a", "b", "expected_hows"),
    [
        ("Иванов Иван Иванович", "Иванов Иван Иванович", ("exact", "exact", "exact")),
        ("Иванов Иван Иванович", "Иван Иванович Иванов", ("exact", "exact", "exact")),
        ("Соловьёв Пётр Ильич", "Соловьев Петр Ильич", ("yo", "yo", "exact")),
        ("Иванов Иван Иванович", "Ивaнов Иван Иванович", ("exact", "exact", "exact")),
        ("Кузнецова Юлия Ивановна", "Kuznetsova Iuliia Ivanovna", KYI),
        ("Кузнецова Юлия Ивановна", "Kuznecova Yulia Ivanovna", KYI),
        ("Кузнецова Юлия Ивановна", "Кузнецов Юлия Ивановна", ("gender_form", "exact", "exact")),
        ("Кузнецова Юлия Ивановна", "Кузнцова Юлия Ивановна", ("typo", "exact", "exact")),
        ("Иванов Алексндр Петрович", "Иванов Александр Петрович", ("exact", "typo", "exact")),
        ("Иванов Иван Петровч", "Иванов Иван Петрович", ("exact", "exact", "typo")),
        ("Коваленко Олександр Андрійович", "Коваленко Александр Андреевич",
         ("exact", "variant", "variant")),
        ("Смирнова Наталия Валериевна", "Смирнова Наталья Валерьевна",
         ("exact", "variant", "variant")),
        ("Иванов Иван Иванович", "Иванов И.И.", ("exact", "initials", "initials")),
        ("Иванов И.И.", "Иванов И.И.", ("exact", "initials", "initials")),
        ("Коваленко О.А.", "Коваленко Александр Андреевич", ("exact", "initials", "initials")),
        ("Kuznetsova Yu.I.", "Кузнецова Юлия Ивановна", ("translit", "initials", "initials")),
        # ICAO and passports drop ь and ъ
        ("Lazareva Nina Arsenevna", "Лазарева Нина Арсеньевна", KYI),
        ("Ilin Igor Vasilevich", "Ильин Игорь Васильевич", KYI),
        ("Иванов Иван Иванович", "Иванов Иван", ("exact", "exact", "missing")),
        ("Иванов Петр Сергеевич", "Иванов Павел Сергеевич", ("exact", "differ", "exact")),
        ("Иванов Александр Петрович", "Иванова Александра Петровна",
         ("gender_form", "differ", "gender_form")),
        ("Петров Ян Ильич", "Петров Яна Ильинична", ("exact", "differ", "gender_form")),
        ("Иванов Иван Петрович", "Иванов Иона Петрович", ("exact", "differ", "exact")),
        ("Иванов Иван Петрович", "Иванов Иван Павлович", ("exact", "exact", "differ")),
        ("Иванов Иван Иванович", "Сидоров Иван Иванович", ("differ", "exact", "exact")),
        ("Иванов А.И.", "Иванов Б.И.", ("exact", "differ", "initials")),
        ("Римский-Корсаков Николай Андреевич", "Римский Корсаков Николай Андреевич",
         ("exact", "exact", "exact")),
    ],
)
def test_compare_part_kinds(a: str, b: str, expected_hows: tuple[str, str, str]) -> None:
    assert hows(cmp(a, b)) == expected_hows


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Иванов Иван Иванович", "Иванов Иван Иванович"),
        ("Иванов Иван Иванович", "Иван Иванович Иванов"),
        ("Соловьёв Пётр Ильич", "Соловьев Петр Ильич"),
        ("Кузнецова Юлия Ивановна", "Kuznetsova Iuliia Ivanovna"),
        ("Кузнецова Юлия Ивановна", "Kuznetsova Yuliya Ivanovna"),
        ("Кузнецова Юлия Ивановна", "Кузнецов Юлия Ивановна"),
        ("Кузнецова Юлия Ивановна", "Кузнцова Юлия Ивановна"),
        ("Коваленко Олександр Андрійович", "Коваленко Александр Андреевич"),
        ("Smirnov Aleksey Valeryevich", "Смирнов Алексей Валериевич"),
        ("Kuzmina Olga Petrovna", "Кузьмина Ольга Петровна"),
        ("Иванов Алексндр Петрович", "Иванов Александр Петрович"),
        ("Иванов Иван Иванович", "Ивaнов Иван Иванович"),
        ("Соловьёва-Седая Анна Петровна", "Соловьева-Седая Анна Петровна"),
    ],
)
def test_compare_matches(a: str, b: str) -> None:
    result = cmp(a, b)
    assert result.score >= MATCH_THRESHOLD
    assert result.is_match(MATCH_THRESHOLD)
    assert result.surname_key_equal or any(p.how == "typo" for p in result.parts)
    assert cmp(b, a).score == result.score  # symmetric


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Иванов Иван Иванович", "Иванов И.И."),
        ("Иванов Иван Иванович", "Иванов Иван"),
        ("Ivanov I.I.", "Иванов Иван Иванович"),
        ("Kuznetsova Yu.I.", "Кузнецова Юлия Ивановна"),
        ("Иванов И. Иванович", "Иванов Иван Иванович"),
    ],
)
def test_compare_possible_but_not_match(a: str, b: str) -> None:
    result = cmp(a, b)
    assert POSSIBLE_THRESHOLD <= result.score < MATCH_THRESHOLD
    assert result.is_possible(POSSIBLE_THRESHOLD) and not result.is_match(MATCH_THRESHOLD)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Иванов Петр Сергеевич", "Иванов Павел Сергеевич"),  # brothers
        ("Иванов Александр Петрович", "Иванова Александра Петровна"),  # brother and sister
        ("Иванов Александр Петрович", "Иванов Александра Петровна"),
        ("Петров Ян Ильич", "Петрова Яна Ильинична"),
        ("Петров Ян", "Петрова Яна"),
        ("Иванов Иван Петрович", "Иванов Иона Петрович"),
        ("Иванов Иван Петрович", "Иванов Иван Павлович"),  # cousins
        ("Иванов Иван Иванович", "Иванов Иван Ивановна"),
        ("Иванов И.И.", "Иванова И.И."),  # husband and wife
        ("Иванов А.И.", "Иванов Б.И."),
        ("Иванов Иван Иванович", "Сидоров Иван Иванович"),
        ("Евгений Петров", "Евгения Петрова"),
        ("Валерий Иванович Ким", "Валерия Ивановна Ким"),
    ],
)
def test_compare_hard_negatives(a: str, b: str) -> None:
    result = cmp(a, b)
    assert result.score < POSSIBLE_THRESHOLD
    assert not result.is_match(MATCH_THRESHOLD)


def test_siblings_are_not_the_same_person_but_could_be_siblings() -> None:
    a, b = P("Иванов Петр Сергеевич"), P("Иванов Павел Сергеевич")
    result = compare_names(a, b)
    assert result.score <= DIFFER_CAP
    assert result.surname_key_equal
    assert could_be_siblings(a, b)
    assert kinship(a, b) == SIBLINGS


def test_compare_weights_and_formula() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)
    result = cmp("Кузнецова Юлия Ивановна", "Кузнецов Юлия Ивановна")
    assert result.score == pytest.approx(0.40 * 0.85 + 0.35 + 0.25)
    result = cmp("Иванов Иван Иванович", "Иванов И.И.")
    assert result.score == pytest.approx(0.40 + 0.35 * 0.7 + 0.25 * 0.7)


def test_compare_parts_missing_on_both_sides_are_not_counted() -> None:
    result = cmp("Шмидт Ганс", "Шмидт Ганс")
    assert result.part("patronymic").how == "missing"
    assert result.part("patronymic").counted is False
    assert result.score == pytest.approx(1.0)


def test_compare_keeps_written_forms_as_evidence() -> None:
    result = cmp("Соловьёв Пётр Ильич", "SOLOVYOV Pyotr Ilyich")
    surname = result.part("surname")
    assert (surname.a, surname.b) == ("Соловьёв", "SOLOVYOV")
    assert surname.how == "translit"
    assert result.part("given").b == "Pyotr"
    assert isinstance(surname, PartAgreement)
    assert compare_names(P("Соловьёв Пётр"), P("Соловьев Петр")).part("given").a == "Пётр"


def test_compare_result_parts_order_and_ranges() -> None:
    result = cmp("Иванов Иван Иванович", "Петров Пётр")
    assert [p.part for p in result.parts] == ["surname", "given", "patronymic"]
    assert all(0.0 <= p.score <= 1.0 for p in result.parts)
    assert 0.0 <= result.score <= 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [("Ян", "Яна"), ("Александр", "Александра"), ("Иван", "Иона"), ("Олег", "Ольга"),
     ("Юлий", "Юлия"), ("Евгений", "Евгения"), ("Валентин", "Валентина")],
)
def test_two_dictionary_names_are_never_a_typo(a: str, b: str) -> None:
    result = cmp(f"Петров {a} Иванович", f"Петров {b} Иванович")
    assert result.part("given").how == "differ"
    assert result.score <= DIFFER_CAP


def test_typo_limits_short_and_long() -> None:
    assert cmp("Ли Иван", "Лю Иван").part("surname").how == "differ"  # too short for a typo
    assert cmp("Попов Иван", "Попав Иван").part("surname").how == "typo"
    assert cmp("Попов Иван", "Папав Иван").part("surname").how == "differ"
    assert cmp("Константинопольский Иван", "Константинопольскй Иван").part("surname").how == "typo"
    result = cmp("Константинопольский Иван", "Канстантинопольскй Иван")
    assert result.part("surname").how == "typo"
    assert result.part("surname").score < cmp("Попов Иван", "Попав Иван").part("surname").score


def test_compare_hand_built_names() -> None:
    a = PersonName("иванов", "иван", "иванович", "и", "и", "m", "")
    b = PersonName("иванова", "иван", "иванович", "и", "и", "m", "")
    result = compare_names(a, b)
    assert hows(result) == ("gender_form", "exact", "exact")
