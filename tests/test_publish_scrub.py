"""Scrubbing free text: the values chosen by column (publish.privacy) give what every value gives."""

from __future__ import annotations

import polars as pl

from declarations.text import fold
from publish.privacy import PrivateValues, Scrubber, _name_words_python, scrub_texts

VALUES = [
    "А123ВС 77",                # a plate: plain text, found in upper or lower case
    "  Ёлкин банк ",            # ё and spaces around: folded and stripped
    "ул.\u00a0Ленина, 5",       # a non-breaking space: not plain, kept for the Python rules
    "İstanbul Bankası",         # İ: not plain either
    "40817810099910004312",     # an account number
    "Сбербанк",                 # its first word is in no text: not needed
    "abc",                      # too short to be cut
]
NAMES = [
    ("p1", "Смирнова Аглая Петровна"),
    ("p1", "Кузнецова Аглая Петровна;Смирнова-Кузнецова А.П."),
    ("p2", "Ayşe Yılmaz"),      # not plain: every word goes to the Scrubber
    ("p3", "Иванов Пётр Сергеевич"),
]
OWN = {"p1": fold("Смирнов Иван Петрович"), "p2": fold("Yılmaz Mehmet"), "p3": fold("Иванова Мария Петровна")}
TEXTS = [
    "Toyota а123вс 77 Camry", "кредит ёлкин банк", "кредит ЕЛКИН БАНК, накопления", "ул.\u00a0ленина, 5",
    "İstanbul Bankası kredisi", "подарок от Аглаи", "доход супруги Кузнецовой", "от Ayşe Yılmaz", "Ayşe",
    "с Петровной", "перевод 40817810099910004312", "Россия", "abc", "Сергеевичи", "Ивановы", "  ",
]


def private() -> PrivateValues:
    names = pl.DataFrame({"person_id": [p for p, _ in NAMES], "text": [t for _, t in NAMES]})
    return PrivateValues(pl.Series("value", VALUES), names, OWN)


def every_value_scrubber() -> Scrubber:
    parts = [part for _, text in NAMES for part in text.split(";")]
    words = {w for pid, text in NAMES for w in _name_words_python(pid, text, OWN)}
    return Scrubber(VALUES + parts, words)


def test_chosen_values_scrub_as_every_value_does():
    scrub = every_value_scrubber()
    assert scrub_texts(TEXTS, private()) == {text: scrub(text) for text in TEXTS if text}


def test_scrubbed_texts():
    cleaned = scrub_texts(TEXTS, private())
    assert cleaned["Toyota а123вс 77 Camry"] == "Toyota Camry"
    assert cleaned["кредит ЕЛКИН БАНК, накопления"] == "кредит, накопления"
    assert cleaned["ул.\u00a0ленина, 5"] == ""
    assert cleaned["İstanbul Bankası kredisi"] == "kredisi"
    assert cleaned["подарок от Аглаи"] == "подарок от"
    assert cleaned["доход супруги Кузнецовой"] == "доход супруги"
    assert cleaned["от Ayşe Yılmaz"] == "от" and cleaned["Ayşe"] == "Ayşe"  # a stem is four letters or more
    assert cleaned["перевод 40817810099910004312"] == "перевод"
    assert cleaned["с Петровной"] == "с"  # a relative's patronymic in another case
    assert cleaned["Россия"] == "Россия" and cleaned["abc"] == "abc"
    assert cleaned["Сергеевичи"] == ""  # the stem «Сергеев» of a relative's patronymic
    assert cleaned["Ивановы"] == "Ивановы"  # «Иванов» is a part of the declarant's own name, which is public
