"""Published names as parts: folded surname, given name, patronymic, initials.

Declarator names are «Фамилия Имя Отчество» or «Фамилия И.О.» (with spaces, commas,
a hyphen from a line break: «Михайло-Вич»). Folding: lower case, ё → е, Latin look-
alikes inside Cyrillic words mapped back (the parser output mixes them). Everything
is a polars expression so a million names parse without a Python loop.
"""

from __future__ import annotations

import polars as pl

# Latin letters that look like Cyrillic ones (lower case, after folding).
_LOOKALIKES = {"a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "k": "к", "m": "м", "o": "о",
               "p": "р", "t": "т", "x": "х", "y": "у"}


def folded(column: str) -> pl.Expr:
    text = (pl.col(column).fill_null("").str.to_lowercase()
            .str.replace_many(["ё", *_LOOKALIKES], ["е", *_LOOKALIKES.values()]))
    # a patronymic broken by a line-break hyphen: «михайло-вич», «петров-на»
    text = text.str.replace_all(r"-\s*(вич|вна|ич|ична|на)\b", "$1")
    return text.str.replace_all(r"[^а-я\-]+", " ").str.replace_all(r"\s*-\s*", "-").str.strip_chars(" -")


def name_parts(column: str = "name") -> list[pl.Expr]:
    """surname, given, patronymic, gi, pi, full and block (surname + initials) columns."""
    words = folded(column).str.split(" ")
    surname = words.list.get(0, null_on_oob=True)
    given = words.list.get(1, null_on_oob=True)
    patronymic = words.list.get(2, null_on_oob=True)
    gi = given.str.slice(0, 1)
    pi = patronymic.str.slice(0, 1)
    full = (given.str.len_chars() > 1) & (patronymic.str.len_chars() > 1)
    block = pl.when((surname.str.len_chars() > 1) & (gi.str.len_chars() == 1)).then(
        pl.concat_str([surname, pl.lit(" "), gi, pi.fill_null("")]))
    return [
        surname.alias("surname"),
        pl.when(given.str.len_chars() > 1).then(given).alias("given"),
        pl.when(patronymic.str.len_chars() > 1).then(patronymic).alias("patronymic"),
        gi.alias("gi"), pi.alias("pi"), full.fill_null(False).alias("full"), block.alias("block"),
    ]
