"""Candidate pairs and decisions: vetoes, the unique-initials rule, and a pre-filter that loses nothing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from checks.matching.candidates import candidate_pairs
from checks.matching.decide import decide
from declarations.settings import load_settings

OPTIONS = load_settings(None).match
PEOPLE_SCHEMA = {"alias_idx": pl.Int64, "person_id": pl.Utf8, "relative_id": pl.Utf8, "name": pl.Utf8,
                 "birth_date": pl.Date, "inn": pl.Utf8}
OFFICER_SCHEMA = {"officer_idx": pl.Int64, "person_name": pl.Utf8, "birth_date": pl.Date, "person_inn": pl.Utf8,
                  "role": pl.Utf8, "since": pl.Date}


def people(*rows: tuple) -> pl.DataFrame:
    """(person_id, relative_id, name, birth_date)"""
    return pl.DataFrame([(i, *row, None) for i, row in enumerate(rows)], schema=PEOPLE_SCHEMA, orient="row")


def officers(*rows: tuple) -> pl.DataFrame:
    """(name, birth_date, role, since)"""
    return pl.DataFrame([(i, name, birth, None, role, since) for i, (name, birth, role, since) in enumerate(rows)],
                        schema=OFFICER_SCHEMA, orient="row")


def decided(persons: pl.DataFrame, register: pl.DataFrame) -> pl.DataFrame:
    pairs = candidate_pairs(persons, register, OPTIONS.max_block_size)
    return decide(persons, register, pairs, OPTIONS).join(persons, on="alias_idx").sort("name", "officer_idx")


def matched(persons: pl.DataFrame, register: pl.DataFrame) -> list[tuple[str, int, str]]:
    return list(decided(persons, register).select("name", "officer_idx", "method").iter_rows())


SINCE = dt.date(2015, 3, 1)


def test_initials_without_birth_date_match_the_only_person_they_fit() -> None:
    persons = people(("1", None, "Жуков Виктор Александрович", dt.date(1960, 1, 1)),
                     ("2", None, "Жукова Вера Андреевна", dt.date(1962, 1, 1)))
    assert matched(persons, officers(("Жуков В.А.", None, "director", SINCE))) == [
        ("Жуков Виктор Александрович", 0, "name_unique")]


def test_initials_that_fit_two_people_are_a_lead_to_both_and_a_match_to_neither() -> None:
    persons = people(("1", None, "Жуков Виктор Александрович", dt.date(1960, 1, 1)),
                     ("2", None, "Жуков Василий Алексеевич", dt.date(1955, 1, 1)),
                     ("3", None, "Жукова Вера Андреевна", dt.date(1962, 1, 1)))
    result = decided(persons, officers(("Жуков В.А.", None, "director", SINCE)))
    assert list(result.select("name", "method", "fits").iter_rows()) == [
        ("Жуков Василий Алексеевич", "name_several", 2), ("Жуков Виктор Александрович", "name_several", 2)]


def test_initials_with_the_same_birth_date_match_even_among_namesakes() -> None:
    persons = people(("1", None, "Жуков Виктор Александрович", dt.date(1960, 1, 1)),
                     ("2", None, "Жуков Василий Алексеевич", dt.date(1955, 1, 1)))
    assert matched(persons, officers(("Жуков В.А.", dt.date(1955, 1, 1), "director", SINCE))) == [
        ("Жуков Василий Алексеевич", 0, "name+birth_date")]


def test_one_person_under_several_names_is_still_one_fit() -> None:
    persons = people(("1", "1-1", "Жукова Вера Андреевна", dt.date(1960, 1, 1)),
                     ("1", "1-1", "Смирнова Вера Андреевна", dt.date(1960, 1, 1)))  # her maiden name
    assert matched(persons, officers(("Смирнова В.А.", None, "founder", SINCE))) == [
        ("Смирнова Вера Андреевна", 0, "name_unique")]


@pytest.mark.parametrize(("birth", "role", "expected"), [
    (dt.date(2001, 1, 1), "director", 0),  # 14 when the directorship began
    (dt.date(2016, 1, 1), "founder", 0),  # born after the company was founded
    (dt.date(2001, 1, 1), "founder", 1),  # a minor may inherit a share
    (dt.date(1990, 1, 1), "director", 1),
])
def test_a_person_too_young_for_the_role_is_not_the_officer(birth: dt.date, role: str, expected: int) -> None:
    persons = people(("1", "1-3", "Жуков Виктор Александрович", birth))
    assert len(matched(persons, officers(("Жуков Виктор Александрович", None, role, SINCE)))) == expected


def test_different_birth_dates_veto_even_identical_names() -> None:
    persons = people(("1", None, "Жуков Виктор Александрович", dt.date(1960, 1, 1)))
    assert matched(persons, officers(("Жуков Виктор Александрович", dt.date(1961, 1, 1), "director", SINCE))) == []


@pytest.fixture(scope="module")
def benchmark(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("match-benchmark")
    subprocess.run([sys.executable, "-m", "sample_data.generator", "--out", str(folder), "--match-benchmark",
                    "--persons", "400", "--seed", "3"], check=True, capture_output=True)
    return folder


def test_the_prefilter_loses_no_match_on_the_labelled_benchmark(benchmark: Path) -> None:
    from sample_data.match_benchmark import labelled_frames

    persons, register, _ = labelled_frames(benchmark)
    register = register.with_columns(pl.lit(None, dtype=pl.Utf8).alias("person_inn"))
    every = candidate_pairs(persons, register, OPTIONS.max_block_size, prefilter=False)
    plausible = candidate_pairs(persons, register, OPTIONS.max_block_size)
    assert plausible.height < every.height  # it does filter
    key = ["alias_idx", "officer_idx"]
    assert decide(persons, register, plausible, OPTIONS).sort(key).equals(
        decide(persons, register, every, OPTIONS).sort(key))


def test_end_to_end_every_plainly_written_link_is_a_high_finding_and_initials_are_found_too(benchmark, tmp_path):
    """The labelled benchmark loaded and matched through the command line, as organisations of 50 servants."""
    from sample_data.match_benchmark import measure

    result = measure(benchmark, tmp_path, servants_per_org=50)
    for kind in ("exact", "yo", "translit", "word_order", "gender_form", "maiden_name"):
        expected, found_high, found_medium, _, _ = result[kind]
        assert expected > 0 and found_high == expected and found_medium == 0, kind
    expected, found_high, found_medium, _, _ = result["initials"]
    assert found_high + found_medium == expected and found_medium > 0  # the leads: initials, no birth date
    assert sum(counts[3] for counts in result.values()) == 0  # no wrong high-severity finding
