"""Russian formatting (declarations/russian.py): one implementation for messages, the HR workbook
and the report, which differ only in the space they use."""

from __future__ import annotations

from datetime import date, datetime

from declarations.russian import (NBSP, age_ru, area_ru, date_ru, int_ru, number_ru, pct_ru, plural, rub,
                                  years_ru)


def test_numbers_group_digits_and_use_a_decimal_comma():
    assert number_ru(1474895) == "1 474 895,00"
    assert number_ru(64.7, trim=True) == "64,7"
    assert number_ru(1500.0, trim=True) == "1 500"
    assert number_ru(-2500.5, 1) == "-2 500,5"
    assert number_ru(1474895, space=NBSP) == "1\u00a0474\u00a0895,00"
    assert number_ru(12345.678, group=False) == "12345,68"
    assert number_ru(None) == int_ru(None) == rub(None) == pct_ru(None) == "—"


def test_money_area_and_percent_in_messages_and_in_the_report():
    assert rub(1000) == "1 000,00 руб."
    assert rub(1000, space=NBSP) == "1\u00a0000,00\u00a0руб."
    assert area_ru(64.70) == "64,7 кв. м"
    assert area_ru(None) == "площадь не указана"
    assert area_ru(None, space=NBSP, missing="—") == "—"
    assert area_ru(1200, space=NBSP) == "1\u00a0200\u00a0кв.\u00a0м"
    assert pct_ru(95.0) == "95 %" and pct_ru(66.666) == "66,7 %"
    assert int_ru(12000, space=NBSP) == "12\u00a0000"


def test_dates_from_dates_and_iso_text():
    assert date_ru(date(2024, 4, 30)) == "30.04.2024"
    assert date_ru(datetime(2024, 4, 30, 10, 5)) == "30.04.2024"
    assert date_ru("2024-04-30") == date_ru("2024-04-30T10:05:00") == "30.04.2024"
    assert date_ru("") == date_ru(None) == "—"


def test_years_and_ages_take_the_right_word():
    assert years_ru([2020, 2021, 2022]) == "2020–2022 годы"
    assert years_ru([2021]) == "2021 год"
    assert years_ru([2019, 2021]) == "2019 и 2021 годы"
    assert years_ru([]) == ""
    assert [age_ru(n) for n in (1, 2, 5, 11, 21, 22.4, -3)] == ["1 год", "2 года", "5 лет", "11 лет", "21 год",
                                                                "22 года", "3 года"]
    assert plural(14, "день", "дня", "дней") == "дней" and plural(3, "день", "дня", "дней") == "дня"
