"""Each fold of `declarations.text` and its SQL twin agree: a key computed in Python (a header, a candidate
private value, a relative's name) meets the one DuckDB computes over the store."""

from __future__ import annotations

import duckdb
import pytest

from declarations.text import fold, fold_look_alikes, fold_look_alikes_sql, fold_sql, word_key, word_key_sql

TRICKY = [
    "",
    " ",
    "Ёлкин  Пётр\tЕгорович",
    "ЁЖИК ёжик Ёж",
    "\u00a0ООО «Ромашка»\u202f",  # no-break spaces around, as copied from a web page
    "ООО\u2003«Ромашка»\n\r\x0bплюс",  # an em space, a line break, a vertical tab
    "\x1c\x1dразделители\x1e\x1f\x85",
    "Иван\u3000Иванович",  # an ideographic space
    "A123BC 77 RUS",  # a plate in Latin look-alikes
    "а 123 вс 77",
    "ИП Смирнова-Петрова О.В.",
    "50:12:0000000:123",
    "40817 810 0 9991 0004312",
    "MÜLLER Straße",
    "Škoda Octavia",
    "ПАО «Сбербанк России» (ранее — Сбербанк СССР)",
    "tab\tseparated\tvalues",
    "zero\u200bwidth",  # a zero-width space is not a space to either side
    "ÀÉÎÕÜ àéîõü",
    "Ω Σ σ",  # Greek capitals: ASCII-free case folding
    "1 234,56 руб.",
    "---",
]


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def sql(con, expression: str, text: str | None):
    return con.execute(f"SELECT {expression}", [text]).fetchone()[0]


@pytest.mark.parametrize("text", TRICKY)
def test_fold_and_its_sql_agree(con, text):
    assert sql(con, fold_sql("$1::VARCHAR"), text) == fold(text)


@pytest.mark.parametrize("text", [t for t in TRICKY if "Σ" not in t])
def test_fold_look_alikes_and_its_sql_agree(con, text):
    assert sql(con, fold_look_alikes_sql("$1::VARCHAR"), text) == fold_look_alikes(text)


@pytest.mark.parametrize("text", [*TRICKY, None])
def test_word_key_and_its_sql_agree(con, text):
    assert sql(con, word_key_sql("$1::VARCHAR"), text) == word_key(text)


def test_fold_of_nothing_is_empty_and_sql_keeps_null(con):
    assert fold(None) == "" and fold("") == ""
    assert sql(con, fold_sql("$1::VARCHAR"), None) is None


def test_every_python_space_is_a_space_to_the_sql_fold(con):
    """DuckDB's regular expressions (RE2) have an ASCII `\\s`; the SQL fold spells out Python's spaces."""
    spaces = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
    text = f"а{spaces}б"
    assert fold(text) == "а б"
    assert sql(con, fold_sql("$1::VARCHAR"), text) == "а б"


@pytest.mark.parametrize(("text", "folded"), [
    ("Ёлкин  Пётр", "елкин петр"),
    ("\u00a0ООО\u202f«Ромашка» ", "ооо «ромашка»"),
])
def test_fold_is_case_yo_and_space_insensitive(text, folded):
    assert fold(text) == folded


def test_fold_look_alikes_keeps_every_character_in_its_place():
    text = "Авто A123BC77, İstanbul ΟΔΟΣ"
    folded = fold_look_alikes(text)
    assert len(folded) == len(text)
    assert folded.startswith("авто а123вс77")


@pytest.mark.parametrize(("text", "key"), [
    ("Ёлкина-Петрова, Анна!", "елкина петрова анна"),
    ("«Текущий» счёт (зарплатный)", "текущий счет зарплатный"),
    ("...", None),
])
def test_word_key_keeps_letters_and_digits(text, key):
    assert word_key(text) == key
