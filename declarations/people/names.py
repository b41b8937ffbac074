"""Published names as parts: folded surname, given name, patronymic, initials.

Declarator names are «Фамилия Имя Отчество» or «Фамилия И.О.» (with spaces, commas,
a hyphen from a line break: «Михайло-Вич»). Folding: lower case, ё → е, Latin look-
alikes inside Cyrillic words mapped back (the parser output mixes them). Everything
is a polars expression so a million names parse without a Python loop.
"""

from __future__ import annotations

import polars as pl

from declarations.text import CYRILLIC_LOOK_ALIKES, LATIN_LOOK_ALIKES


def folded_name(column: str) -> pl.Expr:
    """A name's Cyrillic letters only, lower case with ё → е and Latin look-alikes as Cyrillic, words split at
    anything else: the blocking key of public declarations (a polars expression over a whole column)."""
    text = (pl.col(column).fill_null("").str.to_lowercase()
            .str.replace_many(["ё", *LATIN_LOOK_ALIKES], ["е", *CYRILLIC_LOOK_ALIKES]))
    # a patronymic broken by a line-break hyphen: «михайло-вич», «петров-на»
    text = text.str.replace_all(r"-\s*(вич|вна|ич|ична|на)\b", "$1")
    return text.str.replace_all(r"[^а-я\-]+", " ").str.replace_all(r"\s*-\s*", "-").str.strip_chars(" -")


def name_parts(column: str = "name") -> list[pl.Expr]:
    """surname, given, patronymic, gi, pi, full and block (surname + initials) columns."""
    words = folded_name(column).str.split(" ")
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
