"""The name fold (`checks.names.normalise.fold_name`)."""

from __future__ import annotations

import pytest

from checks.names import fold_name

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
    assert fold_name(raw) == expected


def test_fold_is_idempotent() -> None:
    for raw in ("Соловьёв-Седой  Пётр", "Олексій В'ячеславович", "CEPГEЙ"):
        assert fold_name(fold_name(raw)) == fold_name(raw)
