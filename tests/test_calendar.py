from datetime import date

import pytest

from declarations.calendar import (
    DEFAULT_FILING_CATEGORIES,
    NON_WORKING_DAYS_2020,
    NON_WORKING_DAYS_2021,
    PRESIDENTIAL_NON_WORKING_DAYS,
    UKAZ_313_FILING_OVERRIDES,
    Deadlines,
    add_working_days,
    deadlines,
    filing_deadline,
    format_date_ru,
    is_working_day,
    publication_deadline,
)

# Publication deadlines (default category, 30 April, 14 working days, default
# production calendar, no presidential extras).  Each row counted by hand
# against the official production calendar of the filing year; the May days
# off are listed, "n" = working days counted so far.
PUBLICATION_TABLE = [
    # 2020 (Пост. № 1250 of 10.07.2019): 4–5 May transferred from 4–5 Jan,
    # 11 May for Victory Day on Saturday.  May 2020 off: 1–5, 9–11.
    # 30 Apr Thu -> 6,7,8 (3), 12–15 (7), 18–22 (12), 25, 26 (14).
    # Does NOT include the COVID non-working days nor Указ № 313, see below.
    (2019, date(2020, 4, 30), date(2020, 5, 26)),
    # 2021 (Пост. № 1648 of 10.10.2020): 3 and 10 May for holidays on weekend.
    # May 2021 off: 1–3, 8–10.  30 Apr Fri -> 4–7 (4), 11–14 (8), 17–21 (13),
    # 24 (14).  Without the presidential 4–7 May 2021 non-working days.
    (2020, date(2021, 4, 30), date(2021, 5, 24)),
    # 2022 (Пост. № 1564 of 23.09.2021): 2 May for 1 May Sunday, 3 May from
    # 1 Jan, 10 May from 2 Jan.  May 2022 off: 1–3, 7–10.  30 Apr is Saturday.
    # -> 4,5,6 (3), 11,12,13 (6), 16–20 (11), 23,24,25 (14).  Spec example.
    (2021, date(2022, 4, 30), date(2022, 5, 25)),
    # 2023 (Пост. № 1505 of 29.08.2022): 8 May from 8 Jan.  May 2023 off: 1,
    # 6–9.  30 Apr is Sunday.  -> 2–5 (4), 10,11,12 (7), 15–19 (12), 22, 23 (14).
    (2022, date(2023, 4, 30), date(2023, 5, 23)),
    # 2024 (Пост. № 1906 of 10.08.2023): Sat 27 Apr working, 29 Apr (from
    # 27 Apr) and 30 Apr (from 2 Nov) off, 10 May from 6 Jan.  May 2024 off:
    # 1, 4–5, 9–12.  30 Apr itself is a day off.
    # -> 2,3 (2), 6,7,8 (5), 13–17 (10), 20–23 (14).
    (2023, date(2024, 4, 30), date(2024, 5, 23)),
    # 2025 (Пост. № 1335 of 04.10.2024): 2 May from 4 Jan, 8 May from 23 Feb.
    # May 2025 off: 1–4, 8–11.  30 Apr Wed -> 5,6,7 (3), 12–16 (8),
    # 19–23 (13), 26 (14).  Spec example.
    (2024, date(2025, 4, 30), date(2025, 5, 26)),
    # 2026 (Пост. of 24.09.2025: 3 Jan -> 9 Jan, 4 Jan -> 31 Dec): nothing
    # moved into May; 11 May for Victory Day on Saturday.  May 2026 off: 1–3,
    # 9–11.  30 Apr Thu -> 4–8 (5), 12–15 (9), 18–22 (14).
    (2025, date(2026, 4, 30), date(2026, 5, 22)),
    # 2027: holidays 0.109 has the 2027 transfers (2 Jan -> 5 Nov, 3 Jan ->
    # 31 Dec, Sat 20 Feb working -> 22 Feb off; consultant.ru LAW_544706), not
    # checked by us against the decree text.  May is certain anyway: 1 May
    # Sat and 9 May Sun move to Mon 3 and Mon 10 May by ст. 112 ТК; the
    # decree moves no January day into May.  May 2027 off: 1–3, 8–10.
    # 30 Apr Fri -> 4–7 (4), 11–14 (8), 17–21 (13), 24 (14).
    (2026, date(2027, 4, 30), date(2027, 5, 24)),
]


@pytest.mark.parametrize(("year", "filing", "publication"), PUBLICATION_TABLE)
def test_publication_table(year, filing, publication):
    assert filing_deadline(year) == filing
    assert publication_deadline(year) == publication
    assert deadlines(year) == Deadlines(year, "default", filing, publication)


def test_spec_examples():
    assert publication_deadline(2021) == date(2022, 5, 25)
    assert publication_deadline(2024) == date(2025, 5, 26)


def test_2020_presidential_non_working_days():
    # Указ № 294: 6–8 May 2020 non-working -> 12–15 (4), 18–22 (9), 25–29 (14).
    assert publication_deadline(2019, extra_days_off=NON_WORKING_DAYS_2020) == date(2020, 5, 29)


def test_2020_ukaz_313_filing_moved_to_1_august():
    d = deadlines(
        2019, filing_overrides=UKAZ_313_FILING_OVERRIDES, extra_days_off=NON_WORKING_DAYS_2020
    )
    # 1 Aug 2020 Saturday -> 3–7 (5), 10–14 (10), 17–20 (14).
    assert d.filing == date(2020, 8, 1)
    assert d.publication == date(2020, 8, 20)
    # Override applies to every category, but only to its year.
    early = filing_deadline(2019, "early", filing_overrides=UKAZ_313_FILING_OVERRIDES)
    assert early == date(2020, 8, 1)
    assert filing_deadline(2020, filing_overrides=UKAZ_313_FILING_OVERRIDES) == date(2021, 4, 30)


def test_2021_may_non_working_days():
    # Указ № 242: 4–7 May 2021 off -> 11–14 (4), 17–21 (9), 24–28 (14).
    assert publication_deadline(2020, extra_days_off=NON_WORKING_DAYS_2021) == date(2021, 5, 28)
    # Extras given as a plain list (as read from settings) work the same.
    as_list = sorted(PRESIDENTIAL_NON_WORKING_DAYS)
    assert publication_deadline(2020, extra_days_off=as_list) == date(2021, 5, 28)


def test_move_filing_to_working_day_option():
    # Not the default; with it 30 Apr 2022 (Sat) -> 4 May, publication 26 May.
    assert filing_deadline(2021, move_filing_to_working_day=True) == date(2022, 5, 4)
    assert publication_deadline(2021, move_filing_to_working_day=True) == date(2022, 5, 26)
    # 30 Apr 2024 (transferred day off) -> 2 May; 30 Apr 2025 is a working day.
    assert filing_deadline(2023, move_filing_to_working_day=True) == date(2024, 5, 2)
    assert filing_deadline(2024, move_filing_to_working_day=True) == date(2025, 4, 30)


def test_early_category():
    # 1 Apr 2025 Tue: 2–4 (3), 7–11 (8), 14–18 (13), 21 (14).
    assert deadlines(2024, "early") == Deadlines(2024, "early", date(2025, 4, 1), date(2025, 4, 21))
    # 1 Apr 2022 Fri: 4–8 (5), 11–15 (10), 18–21 (14).
    assert publication_deadline(2021, "early") == date(2022, 4, 21)


def test_custom_categories_and_working_saturday_in_count():
    cats = {**DEFAULT_FILING_CATEGORIES, "x": (4, 20)}
    # 20 Apr 2024 Sat: 22–26 (5), Sat 27 Apr working (6), 29 Apr–1 May off,
    # 2,3 (8), 6,7,8 (11), 9–12 off, 13,14,15 (14).
    assert deadlines(2023, "x", cats) == Deadlines(2023, "x", date(2024, 4, 20), date(2024, 5, 15))
    with pytest.raises(ValueError, match="unknown declarant category"):
        filing_deadline(2023, "x")
    with pytest.raises(ValueError):
        filing_deadline(2023, "early", {"default": (4, 30)})


def test_publication_working_days_parameter():
    assert publication_deadline(2024, publication_working_days=1) == date(2025, 5, 5)
    assert publication_deadline(2024, publication_working_days=3) == date(2025, 5, 7)
    assert publication_deadline(2024, publication_working_days=4) == date(2025, 5, 12)


@pytest.mark.parametrize(
    "d",
    [
        date(2021, 2, 20),
        date(2022, 3, 5),
        date(2024, 4, 27),
        date(2024, 11, 2),
        date(2024, 12, 28),
        date(2025, 11, 1),
    ],
)
def test_transferred_working_saturdays(d):
    assert d.weekday() == 5
    assert is_working_day(d)


@pytest.mark.parametrize(
    "d",
    [
        date(2020, 5, 4),
        date(2020, 5, 5),
        date(2021, 2, 22),
        date(2021, 11, 5),
        date(2021, 12, 31),
        date(2022, 3, 7),
        date(2022, 5, 3),
        date(2022, 5, 10),
        date(2023, 2, 24),
        date(2023, 5, 8),
        date(2024, 4, 29),
        date(2024, 4, 30),
        date(2024, 5, 10),
        date(2024, 12, 30),
        date(2024, 12, 31),
        date(2025, 5, 2),
        date(2025, 5, 8),
        date(2025, 6, 13),
        date(2025, 11, 3),
        date(2025, 12, 31),
        date(2026, 1, 9),
        date(2026, 12, 31),
    ],
)
def test_transferred_days_off(d):
    assert d.weekday() < 5
    assert not is_working_day(d)


def test_ordinary_days_and_holidays():
    assert is_working_day(date(2025, 5, 7))  # Wednesday
    assert not is_working_day(date(2025, 5, 17))  # ordinary Saturday
    assert not is_working_day(date(2025, 5, 1))  # Праздник Весны и Труда
    assert not is_working_day(date(2026, 5, 11))  # 9 May on Saturday
    assert not is_working_day(date(2025, 6, 12))  # День России


def test_extra_days():
    assert is_working_day(date(2021, 5, 5))
    assert not is_working_day(date(2021, 5, 5), extra_days_off=NON_WORKING_DAYS_2021)
    assert not is_working_day(date(2020, 4, 15), extra_days_off=NON_WORKING_DAYS_2020)
    sat = date(2025, 5, 17)
    assert is_working_day(sat, extra_working_days=frozenset({sat}))
    with pytest.raises(ValueError):
        is_working_day(sat, frozenset({sat}), frozenset({sat}))
    with pytest.raises(ValueError):
        add_working_days(date(2025, 5, 1), 3, [date(2025, 6, 2)], [date(2025, 6, 2)])


def test_add_working_days():
    assert add_working_days(date(2025, 4, 30), 14) == date(2025, 5, 26)
    assert add_working_days(date(2025, 5, 26), -14) == date(2025, 4, 30)
    assert add_working_days(date(2025, 5, 3), 0) == date(2025, 5, 3)
    # A working Saturday counts; crossing a year boundary (31 Dec 2025 and
    # 1–8 Jan 2026 off, 9 Jan transferred off) works.
    assert add_working_days(date(2024, 4, 26), 1) == date(2024, 4, 27)
    assert add_working_days(date(2025, 12, 30), 1) == date(2026, 1, 12)


def test_format_date_ru():
    assert format_date_ru(date(2025, 5, 26)) == "26 мая 2025 г."
    assert format_date_ru(date(2025, 5, 26), short=True) == "26.05.2025"
    assert format_date_ru(date(2026, 1, 1)) == "1 января 2026 г."
    assert format_date_ru(date(2026, 1, 1), short=True) == "01.01.2026"
    months = [format_date_ru(date(2025, m, 3)).split()[1] for m in range(1, 13)]
    assert months == [
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ]
