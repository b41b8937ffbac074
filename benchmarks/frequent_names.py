"""Names drawn as often as they occur in Russia: the `russiannames` tables' counts as weights.

The generator's own name lists (`names.py`) are short and even; a test of how often names agree
by chance needs the real skew (one person in 340 is an Иванов or an Иванова, most surnames are
borne by a handful). Surnames come with both gender forms (the table's feminine form where it
gives one), given names by gender, patronymics from the father's given name as the table writes
them most often (the regular rule where the table lacks the name).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import accumulate

import duckdb

from checks.names.frequency import table
from checks.names.patronymics import patronymics_from_given

PROPER = r"^[А-ЯЁ][а-яё]+$"


def _feminine(surname: str) -> str:
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    if surname.endswith(("ский", "цкий", "ской", "цкой")):
        return surname[:-2] + "ая"
    return surname


@dataclass
class Weighted:
    items: list
    cumulative: list[float]

    @classmethod
    def of(cls, rows: list[tuple]) -> Weighted:
        return cls([r[:-1] for r in rows], list(accumulate(float(r[-1]) for r in rows)))

    def draw(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


class NameSampler:
    """`surname(rng)` → (masculine, feminine); `given(rng, male)`; `patronymic(father, male)`."""

    def __init__(self, min_count: int = 2):
        con = duckdb.connect()
        self.surnames = Weighted.of(con.execute(f"""
            SELECT text, coalesce(f_form, text), count FROM read_parquet('{table('surnames')}')
            WHERE regexp_full_match(text, '{PROPER}') AND count >= {min_count}
              AND (gender = 'u' OR (gender = 'm' AND (f_form IS NULL OR regexp_full_match(f_form, '{PROPER}'))))
            ORDER BY text""").fetchall())
        self.surnames.items = [(m, f if f != m else _feminine(m)) for m, f in self.surnames.items]
        given = {}
        for gender in ("m", "f"):
            given[gender] = Weighted.of(con.execute(f"""
                SELECT text, count FROM read_parquet('{table('names')}')
                WHERE gender = '{gender}' AND regexp_full_match(text, '{PROPER}') AND count >= 20
                ORDER BY text""").fetchall())
        self.given_names = given
        self.patronymics = {(f, g): t for f, g, t in con.execute(f"""
            SELECT fname, gender, arg_max(text, count) FROM read_parquet('{table('midnames')}')
            WHERE fname IS NOT NULL AND gender IN ('m', 'f') AND regexp_full_match(text, '{PROPER}')
            GROUP BY ALL""").fetchall()}
        con.close()

    def surname(self, rng: random.Random) -> tuple[str, str]:
        return self.surnames.draw(rng)

    def given(self, rng: random.Random, male: bool) -> str:
        return self.given_names["m" if male else "f"].draw(rng)[0]

    def patronymic(self, father: str, male: bool) -> str:
        known = self.patronymics.get((father, "m" if male else "f"))
        if known:
            return known
        derived = patronymics_from_given(father)[0 if male else 1]
        return derived[:1].upper() + derived[1:]

    def person(self, rng: random.Random, male: bool, surname: tuple[str, str] | None = None,
               father: str | None = None) -> str:
        surname = surname or self.surname(rng)
        father = father or self.given(rng, True)
        return f"{surname[0 if male else 1]} {self.given(rng, male)} {self.patronymic(father, male)}"
