"""Scrubbing free text: the values chosen in the store (publish.privacy) give what every value gives."""

from __future__ import annotations

from declarations.model import private_fields
from declarations.text import fold
from publish.privacy import NAME_COLUMNS, Scrubber, _name_words_python, scrub_texts

YEAR = 2023


def every_value_scrubber(store) -> Scrubber:
    """The Scrubber over every private text value of the store, read one by one (the reference)."""
    own = {pid: fold(name) for pid, name in store.con.execute(
        "SELECT person_id, full_name FROM servants WHERE year = ? AND source = 'workbook'", [YEAR]).fetchall()}
    values, words = [], set()
    for table, columns in private_fields().items():
        for column in columns:
            person = "person_id" if (table, column) in NAME_COLUMNS else "NULL"
            where = "subject <> 'self'" if table == "declarations" else "true"
            for pid, value in store.con.execute(f"SELECT {person}, {column} FROM {table} WHERE {where}").fetchall():
                if not isinstance(value, str):
                    continue
                if (table, column) in NAME_COLUMNS:
                    values += value.split(";")
                    words.update(_name_words_python(pid, value, own))
                else:
                    values.append(value)
    return Scrubber(values, words)


def texts_with_private_values(store) -> list[str]:
    """Sentences with every private value typed in, in upper case, and relatives' names in other cases."""
    texts = ["Россия", "Toyota Camry", "доход по основному месту работы", "  "]
    for table, columns in private_fields().items():
        for column in columns:
            for (value,) in store.con.execute(f"SELECT DISTINCT {column} FROM {table}").fetchall():
                if isinstance(value, str) and value.strip():
                    texts += [f"накопления, {value}", value.upper(), f"{value.split(';')[0]} (кредит)"]
    texts += ["подарок от Аглаи", "с Тимофеем", "Зябликовой А.", "Петровский Мотыльков"]
    return texts


def _make_some_values_not_plain(store) -> None:
    """Values outside printable ASCII and Russian letters take the other path: a non-breaking space, İ."""
    store.con.execute("UPDATE accounts SET bank = 'İstanbul Bankası' WHERE bank = 'АО Райффайзенбанк'")
    store.con.execute("UPDATE relatives SET address = replace(address, ' ', '\u00a0') WHERE relative_id = 'r1'")
    store.con.execute("UPDATE relatives SET former_names = 'Ayşe Yılmazova' WHERE relative_id = 'r2'")


def test_chosen_values_scrub_as_every_value_does(rich_store):
    _make_some_values_not_plain(rich_store)
    texts = texts_with_private_values(rich_store)
    reference = every_value_scrubber(rich_store)
    cleaned = scrub_texts(rich_store, YEAR, texts)
    assert cleaned == {text: reference(text) for text in texts if text}
    for text in texts[-4:]:  # the choice depends on the texts: names in other cases, each alone
        assert scrub_texts(rich_store, YEAR, [text]) == {text: reference(text)}
    # and the cleaning did happen
    assert cleaned["накопления, İstanbul Bankası"] == "накопления"
    assert cleaned["накопления, 40817810099910004312"] == "накопления"
    assert cleaned["ПАО ПРОМСВЯЗЬБАНК"] == ""
    assert cleaned["подарок от Аглаи"] == "подарок от" and cleaned["с Тимофеем"] == "с"
    assert cleaned["Ayşe Yılmazova (кредит)"] == "(кредит)"
    assert cleaned["Россия"] == "Россия" and cleaned["Toyota Camry"] == "Toyota Camry"
