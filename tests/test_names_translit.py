"""Latin transliterations read back as Cyrillic (`checks.names.translit`)."""

from __future__ import annotations

import pytest

from checks.names import (
    given_variants,
    transliterate_to_cyrillic,
)
from tests.name_cases import MATCH_THRESHOLD, P, cmp

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
