"""Tests for the East Slavic name model (checks.names)."""

from __future__ import annotations

import itertools

import pytest

from checks.names import (
    CHILD_PARENT,
    DIFFER_CAP,
    PARENT_CHILD,
    SIBLINGS,
    WEIGHTS,
    NameComparison,
    PartAgreement,
    PersonName,
    blocking_keys,
    canonical_given,
    compare_names,
    could_be_parent_child,
    could_be_siblings,
    fold,
    gender_of,
    given_from_patronymic,
    given_variants,
    kinship,
    kinship_keys,
    parse_name,
    patronymic_gender,
    patronymics_from_given,
    surname_gender,
    surname_key,
    surname_skeleton,
    transliterate_to_cyrillic,
)
from checks.names.given_names import FEMALE_NAMES, KNOWN_GIVEN, MALE_NAMES
from checks.names.blocking import BROAD_KINDS
from declarations.settings import settings_from

# the thresholds are settings ([match]); the scores below are meant for the shipped defaults
MATCH_THRESHOLD = settings_from().match.match_threshold
POSSIBLE_THRESHOLD = settings_from().match.possible_threshold

P = parse_name


def cmp(a: str, b: str) -> NameComparison:
    return compare_names(P(a), P(b))


def hows(result: NameComparison) -> tuple[str, str, str]:
    return tuple(p.how for p in result.parts)  # type: ignore[return-value]


# --------------------------------------------------------------------------- fold


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Иванов", "иванов"),
        ("  ИВАНОВ   Иван\tИванович ", "иванов иван иванович"),
        ("Соловьёв", "соловьев"),
        ("ЁЛКИН", "елкин"),
        ("Ивaнов", "иванов"),  # Latin a
        ("Ивано\u0432", "иванов"),
        ("Иванoв", "иванов"),  # Latin o
        ("CEPГEЙ", "сергей"),  # Latin C, E, P, E inside a Cyrillic word
        ("Пётр КOT", "петр кот"),  # all look-alike Latin word in Cyrillic text
        ("Петров, ", "петров"),
        ("Иванов И.И.", "иванов и.и"),
        (".Иванов.", "иванов"),
        ("Римский – Корсаков", "римский-корсаков"),
        ("Римский—Корсаков", "римский-корсаков"),
        ("Римский \u2011 Корсаков", "римский-корсаков"),
        ("Олексій", "олексий"),
        ("Юлія", "юлия"),
        ("Ґалаґан", "галаган"),
        ("Євген", "евген"),
        ("Раїса", "райиса"),
        ("В'ячеслав", "вячеслав"),
        ("Мар\u2019яна", "маряна"),
        ("Ivanov", "ivanov"),  # a Latin word stays Latin for transliteration
        ("Ivanov Иван", "ivanov иван"),  # Latin word with non-look-alike letters kept
        ("", ""),
        ("\u00a0Анна\u00a0", "анна"),
    ],
)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected


def test_fold_is_idempotent() -> None:
    for raw in ("Соловьёв-Седой  Пётр", "Олексій В'ячеславович", "CEPГEЙ"):
        assert fold(fold(raw)) == fold(raw)


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
    assert surname_key(surname) == fold(surname)
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
    assert given_from_patronymic(male) == fold(given)
    assert given_from_patronymic(female) == fold(given)
    assert given_from_patronymic(male.capitalize()) == fold(given)


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
    assert fold(b) in given_variants(a)
    assert fold(a) in given_variants(b)
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
    assert all(name == fold(name) for name in KNOWN_GIVEN)


@pytest.mark.parametrize(
    ("variant", "standard"),
    [("Олександр", "александр"), ("Дмитро", "дмитрий"), ("Наталія", "наталья"),
     ("Кузьма", "кузьма")],
)
def test_canonical_given(variant: str, standard: str) -> None:
    assert canonical_given(variant) == standard


# -------------------------------------------------------------- transliteration

TRANSLIT = [
    ("Iuliia", "юлия"),
    ("Yuliya", "юлия"),
    ("Yulia", "юлия"),
    ("Julia", "юлия"),
    ("Kuznetsova", "кузнецова"),
    ("Kuznecova", "кузнецова"),
    ("Aleksandr", "александр"),
    ("Alexander", "александр"),
    ("Zhukov", "жуков"),
    ("Shchukin", "щукин"),
    ("Shhukin", "щукин"),
    ("Ekaterina", "екатерина"),
    ("Yekaterina", "екатерина"),
    ("Jurij", "юрий"),
    ("Yury", "юрий"),
    ("Yuri", "юрий"),
    ("Iurii", "юрий"),
    ("Aleksey", "алексей"),
    ("Alexei", "алексей"),
    ("Aleksei", "алексей"),
    ("Sergey", "сергей"),
    ("Sergei", "сергей"),
    ("Natalya", "наталья"),
    ("Natalia", "наталия"),
    ("Tatiana", "татиана"),
    ("Tatyana", "татьяна"),
    ("Evgeny", "евгений"),
    ("Yevgeniy", "евгений"),
    ("Dmitry", "дмитрий"),
    ("Dmitriy", "дмитрий"),
    ("Dmitrii", "дмитрий"),
    ("Mikhail", "михаил"),
    ("Michail", "михаил"),
    ("Valery", "валерий"),
    ("Nikolay", "николай"),
    ("Nikolai", "николай"),
    ("Ivanovna", "ивановна"),
    ("Ilyich", "ильич"),
    ("Lvovich", "львович"),
    ("Olga", "ольга"),
    ("Igorevich", "игоревич"),
    ("Pyotr", "петр"),
    ("Fyodor", "федор"),
    ("Anastasiia", "анастасия"),
    ("Kseniya", "ксения"),
    ("Xenia", "ксения"),
    ("Zaitsev", "зайцев"),
    ("Zaycev", "зайцев"),
    ("Tsoy", "цой"),
    ("Vyacheslav", "вячеслав"),
    ("Grigoryev", "григорьев"),
    ("Solovyov", "соловьев"),
    ("Novickiy", "новицкий"),
    ("Shmidt", "шмидт"),
    ("Schmidt", "шмидт"),
    ("Kuzma", "кузьма"),
    ("Oleksandr", "олександр"),
    ("Mykola", "микола"),
    ("Serhii", "сергий"),
    ("Hryhorii", "григорий"),
    ("Tetiana", "тетяна"),
    ("Kry'lov", "крылов"),
    ("E'duard", "эдуард"),
    ("Kuzneczova", "кузнецова"),
    ("Žukov", "жуков"),
    ("Čajkovskij", "чайковский"),
]


@pytest.mark.parametrize(("latin", "cyrillic"), TRANSLIT)
def test_transliteration_first_reading(latin: str, cyrillic: str) -> None:
    assert transliterate_to_cyrillic(latin)[0] == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Natalia", "наталья"),
        ("Tatiana", "татьяна"),
        ("Dyakov", "дьяков"),
        ("Igor", "игорь"),
        ("Lazar", "лазарь"),
        ("Kuznecova", "кузнекова"),
        ("Schmidt", "щмидт"),
        ("Michail", "мичаил"),
        ("Valerievich", "валерьевич"),
        ("Yeltsin", "ельцин"),
        ("Krylov", "крылов"),
        ("Alexander", "александер"),
    ],
)
def test_transliteration_alternatives_present(latin: str, cyrillic: str) -> None:
    assert cyrillic in transliterate_to_cyrillic(latin)


@pytest.mark.parametrize("latin", [w for w, _ in TRANSLIT] + ["Kuznetsova Yuliya Ivanovna"])
def test_transliteration_list_is_small_and_unique(latin: str) -> None:
    readings = transliterate_to_cyrillic(latin)
    assert 1 <= len(readings) <= 8
    assert len(set(readings)) == len(readings)


def test_transliteration_of_a_full_name() -> None:
    assert transliterate_to_cyrillic("Kuznetsova Yuliya Ivanovna")[0] == "кузнецова юлия ивановна"
    assert transliterate_to_cyrillic("Rimsky-Korsakov")[0] == "римский-корсаков"
    assert transliterate_to_cyrillic("") == []
    assert transliterate_to_cyrillic("123") == []


@pytest.mark.parametrize(
    ("cyrillic", "latin_spellings"),
    [
        ("юлия", ["Iuliia", "Yuliya", "Yulia", "Julia", "Yuliia"]),
        ("юрий", ["Iurii", "Yury", "Yuri", "Yuriy", "Jurij"]),
        ("евгений", ["Evgenii", "Evgeny", "Evgeniy", "Yevgeniy", "Yevgeny"]),
        ("алексей", ["Aleksei", "Aleksey", "Alexei", "Alexey"]),
        ("наталья", ["Natalia", "Natalya", "Natal'ya", "Nataliya"]),
        ("дмитрий", ["Dmitrii", "Dmitriy", "Dmitry", "Dmitri"]),
        ("михаил", ["Mikhail", "Michail", "Mihail"]),
        ("екатерина", ["Ekaterina", "Yekaterina", "Jekaterina"]),
        ("александр", ["Aleksandr", "Alexander", "Alexandr", "Oleksandr"]),
        ("сергей", ["Sergei", "Sergey", "Serguei", "Serhii"]),
    ],
)
def test_transliteration_round_trip_through_parse(
    cyrillic: str, latin_spellings: list[str]
) -> None:
    for spelling in latin_spellings:
        name = P(f"Ivanov {spelling}")
        assert given_variants(name.given) & given_variants(cyrillic), spelling


def test_transliteration_returns_a_fresh_list() -> None:
    first = transliterate_to_cyrillic("Ivanov")
    first.clear()
    assert transliterate_to_cyrillic("Ivanov")[0] == "иванов"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Shevchenko Taras Hryhorovych", ("шевченко", "тарас", "григорович")),
        ("Kovalenko Serhii Mykolaiovych", ("коваленко", "сергий", "миколайович")),
        ("Zelenskyi Volodymyr Oleksandrovych", ("зеленский", "володимир", "олександрович")),
        ("Kovalenko Olena Andriivna", ("коваленко", "олена", "андрийвна")),
        ("Khrushchev Nikita Sergeyevich", ("хрущев", "никита", "сергеевич")),
        ("Mamedov Ahmed Huseyn oglu", ("мамедов", "ахмед", "хусейн оглу")),
        ("Rimsky-Korsakov Nikolay Andreyevich", ("римский-корсаков", "николай", "андреевич")),
        ("ivanov ivan ivanovich", ("иванов", "иван", "иванович")),
        ("Иванов Ivan Ivanovich", ("иванов", "иван", "иванович")),
    ],
)
def test_parse_latin_names(raw: str, expected: tuple[str, str, str]) -> None:
    name = P(raw)
    assert (name.surname, name.given, name.patronymic) == expected


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Shevchenko Taras Hryhorovych", "Шевченко Тарас Григорьевич"),
        ("Kovalenko Serhii Mykolaiovych", "Коваленко Сергей Николаевич"),
        ("Kovalenko Olena Andriivna", "Коваленко Елена Андреевна"),
        ("Tymoshenko Yuliia Volodymyrivna", "Тимошенко Юлия Владимировна"),
        ("Hlib Mykhailovych Sydorenko", "Сидоренко Глеб Михайлович"),
    ],
)
def test_ukrainian_romanisation_matches_russian_form(latin: str, cyrillic: str) -> None:
    assert cmp(latin, cyrillic).score >= MATCH_THRESHOLD


# ----------------------------------------------------------------------- parsing

RKNA = ("римский-корсаков", "николай", "андреевич", "н", "а", "m")
KYI = ("translit", "translit", "translit")
PARSES = [
    ("Иванов Иван Иванович", ("иванов", "иван", "иванович", "и", "и", "m")),
    ("Иван Иванович Иванов", ("иванов", "иван", "иванович", "и", "и", "m")),
    ("ИВАНОВ ИВАН ИВАНОВИЧ", ("иванов", "иван", "иванович", "и", "и", "m")),
    ("Иванов И.И.", ("иванов", "", "", "и", "и", "m")),
    ("Иванов И. И.", ("иванов", "", "", "и", "и", "m")),
    ("Иванов И.И", ("иванов", "", "", "и", "и", "m")),
    ("И.И. Иванов", ("иванов", "", "", "и", "и", "m")),
    ("И.И.Иванов", ("иванов", "", "", "и", "и", "m")),
    ("Иванов ИИ", ("иванов", "", "", "и", "и", "m")),
    ("Иванова А.П.", ("иванова", "", "", "а", "п", "f")),
    ("Иванов Иван И.", ("иванов", "иван", "", "и", "и", "m")),
    ("Иванов Иван", ("иванов", "иван", "", "и", "", "m")),
    ("Иван Иванов", ("иванов", "иван", "", "и", "", "m")),
    ("Иван Петрович", ("", "иван", "петрович", "и", "п", "m")),
    ("Иванов", ("иванов", "", "", "", "", "m")),
    ("Кочерга", ("кочерга", "", "", "", "", None)),
    ("Соловьёв Пётр Ильич", ("соловьев", "петр", "ильич", "п", "и", "m")),
    ("Пётр Ильич Чайковский", ("чайковский", "петр", "ильич", "п", "и", "m")),
    ("Римский-Корсаков Николай Андреевич", RKNA),
    ("Римский - Корсаков Николай Андреевич", RKNA),
    ("Римский Корсаков Николай Андреевич", RKNA),
    ("Николай Андреевич Римский-Корсаков", RKNA),
    ("Римская-Корсакова Н.А.", ("римская-корсакова", "", "", "н", "а", "f")),
    ("Kuznetsova Yuliya Ivanovna", ("кузнецова", "юлия", "ивановна", "ю", "и", "f")),
    ("Iuliia Kuznetsova", ("кузнецова", "юлия", "", "ю", "", "f")),
    ("Yuliya Ivanovna Kuznetsova", ("кузнецова", "юлия", "ивановна", "ю", "и", "f")),
    ("Kuznetsova Yu.I.", ("кузнецова", "", "", "ю", "и", "f")),
    ("KUZNETSOVA YULIYA", ("кузнецова", "юлия", "", "ю", "", "f")),
    ("Ivanov I.I.", ("иванов", "", "", "и", "и", "m")),
    ("Igor Petrov", ("петров", "игорь", "", "и", "", "m")),
    ("Ивaнов Ивaн Ивaнович", ("иванов", "иван", "иванович", "и", "и", "m")),  # Latin a
    ("Петрович Иван Сергеевич", ("петрович", "иван", "сергеевич", "и", "с", "m")),
    ("Иван Сергеевич Петрович", ("петрович", "иван", "сергеевич", "и", "с", "m")),
    ("Мицкевич Адам Бернардович", ("мицкевич", "адам", "бернардович", "а", "б", "m")),
    ("Ким Александр", ("ким", "александр", "", "а", "", "m")),
    ("Ли Ян", ("ли", "ян", "", "я", "", "m")),
    ("Мамедов Ахмед Гусейн оглы", ("мамедов", "ахмед", "гусейн оглы", "а", "г", "m")),
    ("Алиева Лейла Гусейн кызы", ("алиева", "лейла", "гусейн кызы", "л", "г", "f")),
    ("Иванова (Петрова) Анна Ивановна", ("иванова", "анна", "ивановна", "а", "и", "f")),
    ("Иванов, Иван Петрович", ("иванов", "иван", "петрович", "и", "п", "m")),
    ("Иванов Иван Петрович, 1970 г.р.", ("иванов", "иван", "петрович", "и", "п", "m")),
    ("Коваленко Олександр Андрійович", ("коваленко", "олександр", "андрийович", "о", "а", "m")),
    ("Шевченко Тарас Григорович", ("шевченко", "тарас", "григорович", "т", "г", "m")),
    ("Коваленко Алексндр Петрович", ("коваленко", "алексндр", "петрович", "а", "п", "m")),
    ("Дума Анна Петровна", ("дума", "анна", "петровна", "а", "п", "f")),
    ("", ("", "", "", "", "", None)),
]


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
        assert part == fold(part)


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


# ------------------------------------------------------------------ speed


def test_parse_and_compare_are_cached_and_fast() -> None:
    import time

    syllables = ["ба", "ва", "га", "да", "жа", "за", "ка", "ла", "ма", "на", "па", "ра", "са"]
    names = [
        f"{(a + b + c).capitalize()}ов Иван Иванович"
        for a, b, c in itertools.islice(itertools.product(syllables, repeat=3), 2000)
    ]
    start = time.perf_counter()
    parsed = [P(n) for n in names]
    for x, y in itertools.pairwise(parsed):
        compare_names(x, y)
    assert time.perf_counter() - start < 5.0
    assert P(names[0]) is parsed[0]  # lru_cache returns the same object
