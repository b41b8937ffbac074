"""Large synthetic data for the name-matching scale benchmark: millions of people and officers.

``generate_match_benchmark`` in ``generator.py`` builds a small, richly labelled benchmark one
person at a time. This module builds the same kind of data at register scale (1 000 000 people
against 5 000 000 company officers in well under a minute) with column operations only
(polars, and ``pyarrow.compute.random`` as the source of uniform numbers; numpy is not needed):

``persons.parquet``
    servants (``S0000001``) and their relatives (``S0000001-02``): spouse, children, sometimes a
    parent. Wives usually take the husband's surname (in the feminine form), children carry the
    father's surname and a patronymic made from his given name, about 40 % of the women whose
    surname changed at marriage list their maiden full name in ``former_names``.
``officers.parquet``
    an extract of a company register: about 1 % of the rows are planted links to adult people of
    ``persons`` with one kind of name noise each, the rest are strangers drawn from the same
    name distributions, so that natural namesakes occur as they do in reality.
``truth.parquet``
    the planted rows: ``officer_idx``, ``who`` (``relative_id`` or, for a servant,
    ``person_id``) and ``noise``.

Names. The real surname lists of ``names.py`` hold a few hundred surnames; drawing millions of
people from them would produce absurd blocks of namesakes. The surname vocabulary here holds
``VOCABULARY_SIZE`` masculine bases: the real ones first (in their order, Иванов first), then
Russian-looking synthetic ones built from syllables and the usual suffixes (-ов/-ев/-ин/-ский/-цкий
and the invariant -енко/-ук/-ых/-ич/-ян/-дзе …), fixed by the seed. A surname is drawn with the
Zipf-like law p(rank) ∝ 1/(rank + 8), which makes the top surname about 1.2 % of people and the
top ten about 7.5 %, close to the Russian figures. Given names and patronymics come from the
tables of ``names.py`` with their weights by generation.

Deterministic for a seed (within one polars/pyarrow version: the uniform streams come from
``pyarrow.compute.random`` seeded from the seed).

Usage::

    python -m sample_data.scale --out bench-data/scale/p1000000-o5000000 --persons 1000000 --officers 5000000
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import time
from functools import lru_cache
from pathlib import Path

import polars as pl
import pyarrow.compute as pc

from . import names as N
from .procurement import _ROOTS, _SUFFIX, _WORDS

Y0 = 2024  #: the "current" year: ages, adulthood and dates are counted from it
VOCABULARY_SIZE = 300_000
ZIPF_SHIFT = 8  #: p(rank) ∝ 1 / (rank + ZIPF_SHIFT)
PLANTED_SHARE = 0.01
ADULT_AGE = 20
_GIVEN_RES = 1 << 16  #: resolution of the given-name lookup tables

NOISE_KINDS = ("exact", "yo", "typo", "translit", "initials", "word_order", "maiden_name", "gender_form")
_NOISE_WEIGHTS = (9, 3.6, 8, 4.5, 6.3, 6.4, 4.5, 2.7)  # as in generate_match_benchmark

PERSONS_SCHEMA = {"person_id": pl.String, "relative_id": pl.String, "relation": pl.String,
                  "full_name": pl.String, "former_names": pl.String, "birth_date": pl.Date, "inn": pl.String}
OFFICERS_SCHEMA = {"officer_idx": pl.Int64, "company_inn": pl.String, "company_name": pl.String,
                   "person_name": pl.String, "person_inn": pl.String, "birth_date": pl.Date,
                   "role": pl.String, "share_pct": pl.Float64, "since": pl.Date, "until": pl.Date}
TRUTH_SCHEMA = {"officer_idx": pl.Int64, "who": pl.String, "noise": pl.String}


# --------------------------------------------------------------------------------------
# Random streams
# --------------------------------------------------------------------------------------

class _Rng:
    """Vectorised random draws. Every call takes a fresh, seed-derived pyarrow stream."""

    def __init__(self, seed: int, label: str = "scale"):
        self._seeds = random.Random(f"{label}:{seed}")

    def seed(self) -> int:
        return self._seeds.getrandbits(63)

    def u(self, n: int) -> pl.Series:
        """``n`` uniform floats in [0, 1)."""
        if n <= 0:
            return pl.Series("u", [], dtype=pl.Float64)
        return pl.Series("u", pl.from_arrow(pc.random(n, initializer=self.seed())))

    def bern(self, n: int, p) -> pl.Series:
        return self.u(n) < p

    def ints(self, n: int, lo: int, hi: int) -> pl.Series:
        """Uniform integers in [lo, hi]."""
        return (self.u(n) * (hi - lo + 1)).floor().cast(pl.Int64) + lo

    def pick(self, n: int, cum: pl.Series) -> pl.Series:
        """``n`` indices drawn by a cumulative weight table normalised to end at 1.0."""
        return cum.search_sorted(self.u(n), side="right").cast(pl.Int64).clip(0, len(cum) - 1)

    def triangular(self, n: int, lo: float, mode: float, hi: float) -> pl.Series:
        u = self.u(n)
        fc = (mode - lo) / (hi - lo)
        x = pl.select(pl.when(u < fc).then(lo + (u * (hi - lo) * (mode - lo)).sqrt())
                      .otherwise(hi - ((1 - u) * (hi - lo) * (hi - mode)).sqrt())).to_series()
        return x.floor().cast(pl.Int64)


def _cum(weights) -> pl.Series:
    s = pl.Series(weights, dtype=pl.Float64)
    c = s.cum_sum() / s.sum()
    return c.scatter(len(c) - 1, 1.0)


# --------------------------------------------------------------------------------------
# Surname vocabulary
# --------------------------------------------------------------------------------------

def _table(spec: str) -> tuple[list[str], list[float]]:
    items = [x.rsplit(":", 1) for x in spec.split()]
    return [a for a, _ in items], [float(w) for _, w in items]


_ONSETS = _table("""Б:4 В:4 Г:3 Д:3 Ж:1 З:2 К:5 Л:3 М:4 Н:2 П:4 Р:3 С:5 Т:3 Ф:1 Х:1.5 Ц:0.4 Ч:2 Ш:2.5 Щ:0.4
    Бр:1 Бл:0.5 Вл:0.5 Гл:0.7 Гр:1 Др:0.7 Зв:0.3 Кл:0.7 Кр:1.2 Пл:0.5 Пр:1 Св:0.5 Сл:0.5 См:0.5
    Ст:1 Тр:0.8 Хв:0.2 Шм:0.2 Ск:0.4 Сп:0.3 Сн:0.3 Зл:0.2 Кн:0.2 Чер:0.6 Бел:0.5 Нов:0.3 Мал:0.3""")
_VOWELS1 = _table("а:5 о:5 е:3.5 и:3 у:1.5 я:0.5 ы:0.3 ю:0.2 ё:0.2")
_VOWELS2 = _table("а:5 о:4 е:3 и:3 у:1 я:0.4 ю:0.1")
_MIDDLE = _table("""б:1 в:2 г:1 д:1.5 ж:0.5 з:1 к:2.5 л:3 м:1.5 н:2.5 п:0.7 р:3.5 с:1.5 т:2 х:0.5 ц:0.3
    ч:1 ш:1 рт:0.3 рд:0.2 нд:0.2 ст:0.4 лк:0.2 рк:0.2 нт:0.2 шт:0.1 вр:0.1""")
_FINALS = _table("""б:1 в:2 г:1 д:1.5 ж:0.5 з:1 к:2.5 л:2.5 м:1.5 н:3 п:0.6 р:3 с:1.5 т:2 х:0.5 ц:0.4
    ч:1 ш:1 нк:0.5 шк:0.4 чк:0.3 рк:0.3 лк:0.2 ск:0.3 рд:0.2 рт:0.2 ст:0.3 нт:0.2""")
# suffix: weight. Gendered: -ов -ев -ин -ын -ский -цкий -ой -ый; the rest are invariant.
_SUFFIXES = _table("""ов:36 ев:10 ьев:2 ёв:1 ин:14 ын:0.8 овский:2.5 евский:1 инский:1.5 ский:1.5
    ицкий:1.5 ой:0.6 ый:0.3 енко:4 ченко:1 ук:1 юк:0.6 чук:1 ых:0.8 их:0.4 ян:1.5 идзе:0.4 швили:0.3
    ович:1 евич:0.4 ич:0.5 ко:0.5 ец:0.3 ак:0.2 _:1""")
_STEM_SUFFIXES = ["ов", "ин", "ев", "ский", "овский", "енко", "ук", "ич", "ович", "ых"]
_REAL_SUFFIXES = ("овский", "евский", "инский", "ский", "цкий", "енко", "чук", "ук", "ов", "ев", "ёв",
                  "ин", "ын", "ых", "их", "ич", "ой", "ый", "ий")

# (regex, replacement) spelling rules, then patterns a surname must not contain
_FIX_FROM = [c + "ы" for c in "кгхжшчщ"] + [c + "я" for c in "жшчщ"] + [c + "ю" for c in "жшчщ"]
_FIX_TO = [c + "и" for c in "кгхжшчщ"] + [c + "а" for c in "жшчщ"] + [c + "у" for c in "жшчщ"]
_FIXES = [(r"([жшчщц])ов(ский)?$", "${1}ев${2}"), (r"([жшчщцкгх])ьев$", "${1}ев"), (r"([кгх])ых$", "${1}их"),
          (r"([^кгх])их$", "${1}ых")]
_BAD = r"ё.*ё|[аеёиоуыэюя]{2}|[кгхцчшжщсзтд]ский$|[бвгджзклмнпрстфхцчшщ]{3}|ьь"


def female_forms(bases: pl.Series) -> pl.Series:
    """``names.female_surname`` over a Series of masculine bases."""
    return pl.select(
        pl.when(bases.str.contains("(ов|ев|ёв|ин|ын)$")).then(bases + "а")
        .when(bases.str.contains("(ой|ый|ий)$")).then(bases.str.slice(0, bases.str.len_chars() - 2) + "ая")
        .otherwise(bases)).to_series().rename("female")


def real_surnames() -> list[str]:
    return list(dict.fromkeys(N.SURNAMES_FAMILY + N.SURNAMES_STRANGERS + N.SURNAMES_PLANTED))


@lru_cache(maxsize=4)
def surname_vocabulary(size: int = VOCABULARY_SIZE, seed: int = 1) -> pl.Series:
    """``size`` distinct masculine surname bases, the real ones first, by rank of frequency."""
    real = pl.Series("surname", real_surnames(), dtype=pl.String)
    if size <= len(real):
        return real.head(size)
    rng = _Rng(seed, "surnames")
    # re-suffixed stems of real surnames: Иван-ин, Поп-енко, Белоус-ович …
    stems = []
    for s in real:
        for suf in _REAL_SUFFIXES:
            if s.endswith(suf) and len(s) - len(suf) >= 3:
                stems.append(s[: -len(suf)])
                break
    derived = pl.Series([st + suf for st in dict.fromkeys(stems) for suf in _STEM_SUFFIXES], dtype=pl.String)
    out = real
    while len(out) < size:
        n = max(1000, int((size - len(out)) * 1.5))

        def part(table, n=n):
            words, w = table
            return pl.Series(words, dtype=pl.String).gather(rng.pick(n, _cum(w)))

        empty = pl.lit("")
        mid1 = pl.select(pl.when(rng.bern(n, 0.55)).then(part(_MIDDLE) + part(_VOWELS2)).otherwise(empty))
        mid2 = pl.select(pl.when(rng.bern(n, 0.12)).then(part(_MIDDLE) + part(_VOWELS2)).otherwise(empty))
        cand = (part(_ONSETS) + part(_VOWELS1) + mid1.to_series() + mid2.to_series() + part(_FINALS)
                + part(_SUFFIXES).str.replace("_", "", literal=True))
        if len(out) == len(real):
            cand = pl.concat([derived, cand])
        cand = cand.str.replace_many(_FIX_FROM, _FIX_TO)
        for pat, rep in _FIXES:
            cand = cand.str.replace(pat, rep)
        # shuffle so the stem-derived ones are spread over the ranks
        cand = cand.gather(pl.int_range(0, len(cand), eager=True).shuffle(seed=rng.seed() % 2**32))
        cand = cand.filter(cand.str.len_chars().is_between(4, 15) & ~cand.str.contains(_BAD))
        out = pl.concat([out, cand]).unique(maintain_order=True).head(size)
    return out.rename("surname")


# --------------------------------------------------------------------------------------
# Name tables as vectors
# --------------------------------------------------------------------------------------

class _Names:
    """Vocabularies as Series, drawn and gathered by integer codes."""

    def __init__(self, vocab: pl.Series):
        self.vocab = vocab
        self.male = list(N.MALE_NAMES)
        self.female = list(N.FEMALE_NAMES)
        nm = len(self.male)
        self.n_male = nm
        # surnames: code 2*base (masculine form) and 2*base + 1 (feminine form)
        base = vocab
        fem = female_forms(base)
        self.surnames = pl.DataFrame({"m": base, "f": fem}).select(
            pl.concat_list("m", "f").explode()).to_series().rename("surname")
        self.invariant = base == fem
        # given names: codes 0..nm-1 male, nm.. female
        self.given = self.male + self.female
        # «Имя Отчество» of a given name code g and the father's given name code f:
        # code g * nm + f (a male g is a son, a female g a daughter)
        pairs = [f"{g} {N.patronymic(f, i < nm)}" for i, g in enumerate(self.given) for f in self.male]
        self.given_patr = pl.Series("given_patr", pairs, dtype=pl.String)
        # a lookup table of _GIVEN_RES entries for each of six blocks, sex (male 0, female 1) × era:
        # entry q of a block is the name whose cumulative weight interval holds (q + 0.5) / _GIVEN_RES
        tables = []
        grid = (pl.int_range(0, _GIVEN_RES, eager=True) + 0.5) / _GIVEN_RES
        for table, first in ((N._MALE_TABLE, 0), (N._FEMALE_TABLE, nm)):
            for era in range(3):
                cum = _cum(N._era_weights(table, era))
                tables.append(cum.search_sorted(grid, side="right").cast(pl.Int64).clip(0, len(cum) - 1) + first)
        self.given_table = pl.concat(tables)

    def draw_given(self, rng: _Rng, male: pl.Series, year: pl.Series) -> pl.Series:
        q = (rng.u(len(male)) * _GIVEN_RES).cast(pl.Int64)
        block = pl.select(pl.when(year < 1970).then(0).when(year < 1995).then(1).otherwise(2)
                          + (~male).cast(pl.Int64) * 3).to_series()
        return self.given_table.gather(block * _GIVEN_RES + q)

    def draw_father(self, rng: _Rng, year: pl.Series) -> pl.Series:
        return self.draw_given(rng, pl.repeat(True, len(year), eager=True), year)

    def draw_surname(self, rng: _Rng, n: int) -> pl.Series:
        """Ranks with p(rank) ∝ 1/(rank + ZIPF_SHIFT), by inverting the continuous law."""
        a = ZIPF_SHIFT - 0.5
        ratio = (len(self.vocab) + a) / a
        x = a * (rng.u(n) * math.log(ratio)).exp() - a
        return x.floor().cast(pl.Int64).clip(0, len(self.vocab) - 1)

    def full(self, base: pl.Series, female: pl.Series, given: pl.Series, father: pl.Series) -> pl.Series:
        return (self.surnames.gather(base * 2 + female.cast(pl.Int64)) + " "
                + self.given_patr.gather(given * self.n_male + father)).rename("full")


# --------------------------------------------------------------------------------------
# Identifiers
# --------------------------------------------------------------------------------------

_W10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_W11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_W12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_REGIONS = (69, 77, 78, 50, 40, 33, 76, 44, 67, 47)
_MULT = 2654435761  # odd, not a multiple of 5: a bijection modulo any power of ten


def _control(body: pl.Expr, n_digits: int, weights: tuple[int, ...]) -> pl.Expr:
    s = pl.lit(0, dtype=pl.Int64)
    for k, w in enumerate(weights):
        s = s + ((body // 10 ** (n_digits - 1 - k)) % 10) * w
    return s % 11 % 10


def _unique_inns(rng: _Rng, n: int, person: bool) -> pl.Series:
    """``n`` distinct INNs with valid FNS control digits (10 digits for companies, 12 for people)."""
    span = 10 ** (8 if person else 7)  # digits after the region code
    space = span * len(_REGIONS)
    if n > space:
        raise ValueError("too many INNs requested")
    order = pl.int_range(0, n, eager=True).shuffle(seed=rng.seed() % 2**32)
    k = (order * _MULT + rng.seed() % space) % space  # distinct because _MULT is invertible mod space
    regions = pl.Series(_REGIONS, dtype=pl.Int64)
    df = pl.DataFrame({"k": k}).with_columns(
        body=pl.lit(regions).gather(pl.col("k") // span) * span + pl.col("k") % span)
    if person:  # 10-digit body, two control digits
        df = df.with_columns(c11=_control(pl.col("body"), 10, _W11))
        df = df.with_columns(b11=pl.col("body") * 10 + pl.col("c11"))
        inn = pl.col("b11") * 10 + _control(pl.col("b11"), 11, _W12)
        width = 12
    else:  # 9-digit body, one control digit
        inn = pl.col("body") * 10 + _control(pl.col("body"), 9, _W10)
        width = 10
    return df.select(inn.cast(pl.String).str.zfill(width).alias("inn")).to_series()


def _dates_in_year(rng: _Rng, year: pl.Series) -> pl.Series:
    """A uniform day among the first 365 of each year (integer arithmetic, no calendar calls)."""
    y = year.cast(pl.Int64)
    leap_days = (y - 1969) // 4 - (y - 1901) // 100 + (y - 1601) // 400  # 29 Februaries since 1970
    return ((y - 1970) * 365 + leap_days + rng.ints(len(y), 0, 364)).cast(pl.Int32).cast(pl.Date)


# --------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------

def _families(rng: _Rng, names: _Names, n_fam: int) -> pl.DataFrame:
    """One row per person of ``n_fam`` families, ordered by family and relative number."""
    F = n_fam
    fam = pl.Series("fam", range(F), dtype=pl.Int64)
    s_male = rng.bern(F, 0.4)
    s_by = rng.triangular(F, Y0 - 62, Y0 - 44, Y0 - 22)
    s_base = names.draw_surname(rng, F)
    s_given = names.draw_given(rng, s_male, s_by)
    s_father = names.draw_father(rng, s_by - 30)
    married = rng.u(F) < pl.select(pl.when(Y0 - s_by < 27).then(0.35).otherwise(0.72)).to_series()
    # a wife is born from 6 years after to 2 years before her husband, a husband 5 before to 2 after his wife
    shift = pl.select(pl.when(s_male).then(rng.ints(F, -2, 6)).otherwise(rng.ints(F, -5, 2))).to_series()
    sp_by = (s_by + shift).clip(None, Y0 - 18)
    sp_base = names.draw_surname(rng, F)
    sp_given = names.draw_given(rng, ~s_male, sp_by)
    sp_father = names.draw_father(rng, sp_by - 28)
    wife_changes = married & ~rng.bern(F, 0.08)  # 8 % keep their own surname
    w = pl.DataFrame({"fam": fam, "s_male": s_male, "s_by": s_by, "s_base": s_base, "s_given": s_given,
                      "s_father": s_father, "married": married, "sp_by": sp_by, "sp_base": sp_base,
                      "sp_given": sp_given, "sp_father": sp_father, "wc": wife_changes})
    w = w.with_columns(
        h_base=pl.when("s_male").then("s_base").otherwise("sp_base"),
        h_given=pl.when("s_male").then("s_given").otherwise("sp_given"),
        mother_by=pl.when("s_male").then("sp_by").otherwise("s_by"),
        n_kids=pl.when("married").then(rng.pick(F, _cum([22, 38, 32, 8]))).otherwise(0),
    )
    null = pl.lit(None, dtype=pl.Int64)
    cols = ["fam", "slot", "relation", "male", "by", "base", "maiden", "given", "father"]
    frames = [
        w.select("fam", slot=pl.lit(0), relation=pl.lit("self"), male="s_male", by="s_by",
                 base=pl.when(~pl.col("s_male") & pl.col("wc")).then("sp_base").otherwise("s_base"),
                 maiden=pl.when(~pl.col("s_male") & pl.col("wc")).then("s_base").otherwise(null),
                 given="s_given", father="s_father"),
        w.filter("married").select(
            "fam", slot=pl.lit(1), relation=pl.lit("spouse"), male=~pl.col("s_male"), by="sp_by",
            base=pl.when(pl.col("s_male") & pl.col("wc")).then("s_base").otherwise("sp_base"),
            maiden=pl.when(pl.col("s_male") & pl.col("wc")).then("sp_base").otherwise(null),
            given="sp_given", father="sp_father"),
    ]
    for j in range(3):
        kb = w["mother_by"] + rng.ints(F, 20, 38)
        kmale = rng.bern(F, 0.51)
        kgiven = names.draw_given(rng, kmale, kb)
        new_base = names.draw_surname(rng, F)
        wed = ~kmale & (Y0 - kb >= 23) & rng.bern(F, 0.5)  # a married daughter carries her husband's name
        k = w.select("fam", "n_kids", "h_base", "h_given").with_columns(kb=kb, kmale=kmale, kgiven=kgiven,
                                                                       nb=new_base, wed=wed)
        frames.append(k.filter((pl.col("n_kids") > j) & (pl.col("kb") <= Y0)).select(
            "fam", slot=pl.lit(2), relation=pl.when("kmale").then(pl.lit("son")).otherwise(pl.lit("daughter")),
            male="kmale", by="kb", base=pl.when("wed").then("nb").otherwise("h_base"),
            maiden=pl.when("wed").then("h_base").otherwise(null), given="kgiven", father="h_given"))
    f_by = s_by - rng.ints(F, 22, 38)
    f_listed = ((Y0 - f_by) < rng.ints(F, 68, 90)) & rng.bern(F, 0.35)
    f_father = names.draw_father(rng, f_by - 28)
    frames.append(w.select("fam", "s_base", "s_father").with_columns(by=f_by, ok=f_listed, ff=f_father)
                  .filter("ok").select("fam", slot=pl.lit(3), relation=pl.lit("father"), male=pl.lit(True),
                                       by="by", base="s_base", maiden=null, given="s_father", father="ff"))
    m_by = s_by - rng.ints(F, 19, 34)
    m_listed = ((Y0 - m_by) < rng.ints(F, 72, 94)) & rng.bern(F, 0.45)
    m_given = names.draw_given(rng, pl.repeat(False, F, eager=True), m_by)
    m_father = names.draw_father(rng, m_by - 28)
    m_maiden = names.draw_surname(rng, F)
    frames.append(w.select("fam", "s_base").with_columns(by=m_by, ok=m_listed, mg=m_given, mf=m_father,
                                                         mm=m_maiden)
                  .filter("ok").select("fam", slot=pl.lit(4), relation=pl.lit("mother"), male=pl.lit(False),
                                       by="by", base="s_base", maiden="mm", given="mg", father="mf"))
    schema = pl.Schema({"fam": pl.Int64, "slot": pl.Int32, "relation": pl.String, "male": pl.Boolean, "by": pl.Int64,
                        "base": pl.Int64, "maiden": pl.Int64, "given": pl.Int64, "father": pl.Int64})
    out = pl.concat([f.select(cols).cast(schema) for f in frames])
    return out.sort("fam", "slot", "by", maintain_order=True)


def _persons(rng: _Rng, names: _Names, n_rows: int) -> pl.DataFrame:
    """``n_rows`` people with internal columns kept for planting (dropped before writing)."""
    n_fam = int(n_rows / 2.8) + 32  # families average 3.1-3.2 people
    rows = _families(rng, names, n_fam)
    while rows.height < n_rows:  # hardly ever: only a very unlucky small run
        n_fam = n_fam * 2
        rows = _families(rng, names, n_fam)
    rows = rows.head(n_rows)
    n = rows.height
    largest = rows["fam"].max() if n else 0
    assert isinstance(largest, int)  # an Int64 column
    width = max(7, len(str(largest + 1)))
    female = ~rows["male"]
    rows = rows.with_columns(
        full_name=names.full(rows["base"], female, rows["given"], rows["father"]),
        maiden_name=names.full(rows["maiden"].fill_null(0), pl.repeat(True, n, eager=True), rows["given"],
                               rows["father"]),
        birth_date=_dates_in_year(rng, rows["by"]),
        u_former=rng.u(n), u_inn=rng.u(n),
        person_id=pl.lit("S") + (pl.col("fam") + 1).cast(pl.String).str.zfill(width),
        k=pl.int_range(pl.len()).over("fam"),
    )
    has_inn = pl.when(pl.col("slot") == 0).then(pl.col("u_inn") < 0.5).otherwise(
        (pl.col("u_inn") < 0.15) & (pl.col("by") <= Y0 - 14))
    rows = rows.with_columns(has_inn=has_inn)
    inns = _unique_inns(rng, int(rows["has_inn"].sum()), person=True)
    rows = rows.with_columns(
        relative_id=pl.when(pl.col("k") > 0).then(
            pl.concat_str([pl.col("person_id"), pl.lit("-"), pl.col("k").cast(pl.String).str.zfill(2)])),
        former_names=pl.when(pl.col("maiden").is_not_null() & (pl.col("u_former") < 0.42)).then("maiden_name"),
        inn=pl.lit(None, dtype=pl.String),
    )
    idx = rows.select(pl.arg_where(pl.col("has_inn"))).to_series()
    rows = rows.with_columns(rows["inn"].scatter(idx, inns))
    return rows


# --------------------------------------------------------------------------------------
# Officers
# --------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _company_cores() -> tuple[pl.Series, pl.Series]:
    """Every company name core of ``procurement.CompanyNamer`` (but the rare triples) with its probability."""
    pairs = [a + b.lower() for a in _ROOTS for b in _ROOTS if a != b]
    ensk = ["Энск" + r.lower() for r in _ROOTS]
    cores, weights = [], []
    for group, share in ((pairs, 0.45), (ensk, 0.15), (_WORDS, 0.40)):
        for c in group:
            for suf in _SUFFIX:
                cores.append(c + suf)
                weights.append(share / len(group) / len(_SUFFIX))
    return pl.Series("core", cores, dtype=pl.String), _cum(weights)


def _company_names(rng: _Rng, ao: pl.Series) -> pl.Series:
    cores, cum = _company_cores()
    full = pl.select(pl.concat_list(pl.lit("ООО «") + cores + "»", pl.lit("АО «") + cores + "»")
                     .explode()).to_series()
    return full.gather(rng.pick(len(ao), cum) * 2 + ao.cast(pl.Int64))


def _officers(rng: _Rng, names: _Names, m: int) -> pl.DataFrame:
    # companies of 1-4 officers: the first is the director, the others founders (board members in an АО)
    n_comp = m // 2 + 16
    sizes = (rng.pick(n_comp, _cum([35, 35, 20, 10])) + 1)
    while sizes.sum() < m:
        sizes = pl.concat([sizes, rng.pick(n_comp, _cum([35, 35, 20, 10])) + 1])
    n_comp = len(sizes)
    comp = pl.int_range(0, n_comp, eager=True).repeat_by(sizes).explode().head(m)
    start = sizes.cum_sum() - sizes
    pos = pl.int_range(0, m, eager=True) - start.gather(comp)
    largest = comp.max() if m else -1
    assert isinstance(largest, int)  # an Int64 column
    used = largest + 1
    ao = rng.bern(used, 0.08)
    cnames = _company_names(rng, ao)
    cinn = _unique_inns(rng, used, person=False)
    role = pl.select(pl.when(pos == 0).then(pl.lit("director"))
                     .when(ao.gather(comp)).then(pl.lit("board")).otherwise(pl.lit("founder"))).to_series()
    # founders of one company split 100 % between them
    # (companies are contiguous runs of rows: a company's total is a difference of running sums)
    weight = pl.select(pl.when(role == "founder").then(rng.u(m) + 0.25).otherwise(0.0)).to_series()
    running = weight.cum_sum()
    end = sizes.cum_sum().clip(None, m) - 1
    total = running.gather(end) - pl.concat([pl.Series([0.0]), running.gather(end)]).head(len(end))
    share = pl.select(pl.when(role == "founder").then((weight * 100 / total.gather(comp)).round(2))).to_series()
    # strangers: the same name laws as the people, officers are adults and more often men
    male = rng.bern(m, 0.68)
    by = rng.triangular(m, Y0 - 72, Y0 - 46, Y0 - 20)
    base = names.draw_surname(rng, m)
    given = names.draw_given(rng, male, by)
    father = names.draw_father(rng, by - 28)
    full = names.full(base, ~male, given, father)
    birth = _dates_in_year(rng, by)
    shown = rng.bern(m, 0.7)
    since = pl.select(pl.date(2008, 1, 1) + pl.duration(days=pl.lit(rng.ints(m, 0, 16 * 365 - 1)))).to_series()
    return pl.DataFrame({
        "officer_idx": pl.int_range(0, m, eager=True, dtype=pl.Int64),
        "company_inn": cinn.gather(comp),
        "company_name": cnames.gather(comp),
        "person_name": full,
        "person_inn": pl.repeat(None, m, dtype=pl.String, eager=True),
        "birth_date": pl.select(pl.when(shown).then(birth)).to_series(),
        "role": role,
        "share_pct": share,
        "since": since,
        "until": pl.repeat(None, m, dtype=pl.Date, eager=True),
    }, schema=OFFICERS_SCHEMA)


def _noisy_name(kind: str, r: dict, rnd: random.Random) -> str:
    sur, given, patr = r["full_name"].split(" ")
    if kind == "exact":
        return r["full_name"]
    if kind == "yo":
        return N.strip_yo(r["full_name"])
    if kind == "typo":
        parts = [sur, given, patr]
        j = rnd.randrange(3)
        parts[j] = N.typo(parts[j], rnd)
        return " ".join(parts)
    if kind == "translit":
        return N.translit(r["full_name"], rnd.choice(("icao", "common")))
    if kind == "initials":
        return N.initials(sur, given, patr, spaced=rnd.random() < 0.3)
    if kind == "word_order":
        return f"{given} {patr} {sur}"
    if kind == "maiden_name":
        return r["former_names"]
    if kind == "gender_form":
        return f"{N.surname_form(r['base_name'], not r['male'])} {given} {patr}"
    raise ValueError(kind)


def _plant(rng: _Rng, names: _Names, persons: pl.DataFrame, officers: pl.DataFrame, seed: int):
    """Overwrite about 1 % of the officers with noisy copies of adult people; returns (officers, truth)."""
    m = officers.height
    adults = persons.with_row_index("row").filter(pl.col("by") <= Y0 - ADULT_AGE)
    adults = adults.with_columns(invariant=pl.lit(names.invariant).gather(pl.col("base")),
                                 base_name=pl.lit(names.vocab).gather(pl.col("base")))
    pools = {
        "yo": adults.filter(pl.col("full_name").str.contains("ё", literal=True)),
        "maiden_name": adults.filter(pl.col("former_names").is_not_null()),
        "gender_form": adults.filter(~pl.col("invariant")),
    }
    n_plant = min(m, max(len(NOISE_KINDS), round(m * PLANTED_SHARE))) if adults.height else 0
    drawn = rng.pick(n_plant, _cum(_NOISE_WEIGHTS)).to_list()
    kinds = [NOISE_KINDS[i] for i in drawn]
    kinds[: len(NOISE_KINDS)] = NOISE_KINDS[: n_plant]  # every kind at least once
    slots = pl.int_range(0, m, eager=True, dtype=pl.Int64).shuffle(seed=rng.seed() % 2**32).head(n_plant)
    keep_birth = rng.bern(n_plant, 0.7).to_list()
    rnd = random.Random(f"scale-noise:{seed}")
    fields = ["person_id", "relative_id", "full_name", "former_names", "birth_date", "base_name", "male"]
    picks: dict[str, list[dict]] = {}
    for kind in NOISE_KINDS:
        count = kinds.count(kind)
        pool = pools.get(kind, adults)
        if count and pool.height:
            picks[kind] = pool.select(pl.col(fields).gather(rng.ints(count, 0, pool.height - 1))).to_dicts()
    slot_list, names_out, births, true_births, who, noise = [], [], [], [], [], []
    cursor = dict.fromkeys(picks, 0)
    for slot, kind, kb in zip(slots.to_list(), kinds, keep_birth):
        if kind not in picks:
            continue
        r = picks[kind][cursor[kind]]
        cursor[kind] += 1
        slot_list.append(slot)
        names_out.append(_noisy_name(kind, r, rnd))
        births.append(r["birth_date"] if kb else None)
        true_births.append(r["birth_date"])
        who.append(r["relative_id"] or r["person_id"])
        noise.append(kind)
    idx = pl.Series(slot_list, dtype=pl.Int64)
    # nobody runs a company as a child: a planted role begins when the person is 19 or older
    since = [max(start, dt.date(min(birth.year + 19, Y0), 1, 1)) for start, birth in
             zip(officers["since"].gather(idx).to_list(), true_births)]
    officers = officers.with_columns(
        officers["person_name"].scatter(idx, pl.Series(names_out, dtype=pl.String)),
        officers["birth_date"].scatter(idx, pl.Series(births, dtype=pl.Date)),
        officers["since"].scatter(idx, pl.Series(since, dtype=pl.Date)),
    )
    truth = pl.DataFrame({"officer_idx": idx, "who": who, "noise": noise}, schema=TRUTH_SCHEMA).sort("officer_idx")
    return officers, truth


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------

def generate_scale(out_dir: Path | str, *, persons: int, officers: int, seed: int = 1) -> dict:
    """Write persons.parquet, officers.parquet and truth.parquet into ``out_dir``; returns counts."""
    if persons < 1 or officers < 0:
        raise ValueError("persons must be positive and officers non-negative")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = _Rng(seed)
    names = _Names(surname_vocabulary(VOCABULARY_SIZE, seed))
    people = _persons(rng, names, persons)
    off = _officers(rng, names, officers)
    off, truth = _plant(rng, names, people, off, seed)
    people.select(list(PERSONS_SCHEMA)).cast(pl.Schema(PERSONS_SCHEMA)).write_parquet(out / "persons.parquet")
    off.write_parquet(out / "officers.parquet")
    truth.write_parquet(out / "truth.parquet")
    noise = dict(truth["noise"].value_counts().sort("noise").iter_rows())
    return {"persons": people.height, "servants": int((people["slot"] == 0).sum()),
            "officers": off.height, "planted": truth.height, "noise": noise}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sample_data.scale",
                                 description="Large persons/officers Parquet data for the matching scale benchmark.")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--persons", required=True, type=int, help="rows of persons.parquet (servants + relatives)")
    ap.add_argument("--officers", required=True, type=int, help="rows of officers.parquet")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    t = time.perf_counter()
    c = generate_scale(a.out, persons=a.persons, officers=a.officers, seed=a.seed)
    print(f"{a.out}: {c['persons']} persons ({c['servants']} servants), {c['officers']} officers, "
          f"{c['planted']} planted {c['noise']} in {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
