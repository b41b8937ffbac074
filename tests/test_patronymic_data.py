"""The russiannames tables as our reference: name frequencies, and the patronymics table against the
rules and the hand-written irregular forms of `checks/names/patronymics.py` (both must agree)."""

from __future__ import annotations

import pytest

from checks.names import given_from_patronymic
from checks.names.frequency import UNSEEN, father_share, given_share, one_in, surname_share, surname_shares, total
from checks.names.given_names import canonical_given, given_gender, is_known_given
from checks.names.patronymics import _IRREGULAR, _REVERSE_IRREGULAR, data_fathers


def test_a_surname_counts_in_both_gender_forms():
    assert surname_share("Петрова") == surname_share("Петров") == surname_share("ПЕТРОВ")
    assert surname_share("Вишневская") == surname_share("Вишневский")
    assert surname_share("Фёдоров") == surname_share("Федоров")
    assert surname_share("Иванов") > surname_share("Петров") > surname_share("Вишневский") > surname_share("Шкрабич")
    assert 1 / 400 < surname_share("Иванова") < 1 / 300  # one person in 340 is an Иванов or an Иванова


def test_a_name_the_tables_lack_is_rare_not_impossible():
    assert surname_shares(["Щщщъыйкин"]) == {"Щщщъыйкин": UNSEEN / total("surnames")}
    assert father_share("Хрюндигильд") == UNSEEN / total("midnames")


def test_given_and_father_name_shares():
    assert given_share("Наталья") == given_share("Наталия")  # spelling variants of one name
    assert father_share("Иван") > father_share("Сергей") > father_share("Илья") > 0
    assert father_share("Дмитро") == father_share("Дмитрий")
    assert 1 / 15 < father_share("Иван") < 1 / 10


def test_one_in_reads_as_people():
    assert one_in(1 / 342) == "1 из 340"
    assert one_in(1 / 8_300_000) == "1 из 8\u00a0300\u00a0000"
    assert one_in(0.5) == "1 из 2"


@pytest.mark.parametrize("given, forms", sorted(_IRREGULAR.items()))
def test_hand_written_irregular_patronymics_agree_with_the_table(given, forms):
    """Every irregular form we write by hand that the table has comes from the same father there."""
    fathers = data_fathers()
    covered = [form for form in forms if form in fathers]
    assert covered or given in ("савва",)  # the table has Саввична but not Саввич
    for form in covered:
        assert canonical_given(fathers[form]) == canonical_given(given), form
        assert canonical_given(given_from_patronymic(form)) == canonical_given(given)


def test_hand_written_reverse_forms_are_only_those_the_table_lacks_or_reads_otherwise():
    fathers = data_fathers()
    hand = {form: father for form, father in _REVERSE_IRREGULAR.items()
            if form not in {f for pair in _IRREGULAR.values() for f in pair}}
    assert sorted(hand) == sorted(["гавриловна", "гаврилович", "даниловна", "данилович", "ильична", "яковович"])
    for form, father in hand.items():
        assert form not in fathers or not is_known_given(fathers[form]), form
        assert given_from_patronymic(form) == father


def test_the_table_and_the_rules_agree_on_nearly_every_patronymic():
    """13 700 patronymics with a father in the table: ours says the same father, or a known man's name the
    table spells otherwise (Гаврила for Гаврил); where the rules alone would guess a woman's name the
    table wins (Раисович is the son of Раис, not of Раиса)."""
    fathers = data_fathers()
    assert len(fathers) > 13_000
    differ = {}
    for form, father in fathers.items():
        ours = given_from_patronymic(form)
        if ours is None or canonical_given(ours) != canonical_given(father):
            differ[form] = (father, ours)
    assert all(ours is not None and given_gender(ours) == "m" and not is_known_given(father)
               for father, ours in differ.values()), list(differ.items())[:10]
    assert len(differ) < 0.005 * len(fathers)
    assert given_from_patronymic("Раисович") == "раис" and given_from_patronymic("Венеровна") == "венер"


def test_weak_patronymics_of_names_in_the_table_are_read():
    assert given_from_patronymic("Мусич") == "муса"  # Муса: in the table, not in our dictionary
    assert given_from_patronymic("Шкрабич") is None  # a surname, not a patronymic
