"""Blocking keys: cheap keys for candidate generation before `compare_names`.

Two names become a candidate pair when they share at least one key.  Keys, from the
most to the least selective (all parts folded; "given" is the standard form of the given
name, "father" the standard form of the name behind the patronymic, so Олександр and
Александр, Андрійович and Андреевич, Иванович and Ивановна share keys):

* ``s:<surname_key>:<gi><pi>`` - same surname up to ё, gender form and Latin spelling,
  same initials; catches "Иванов И.И." vs "Иванова Ирина Игоревна" (the comparison
  then rejects the gender mismatch) and every full-name pair with equal surnames.
  Emitted for the written initials and for the standard forms' initials.
  A name with a given initial but no patronymic at all ("Кузнецова Юлия") emits
  this key for every letter a patronymic can start with, so it meets every full
  record of the same surname and given initial, while two full records with
  different patronymic initials never share it (the expansion is paid by the rare
  partial names, not by the millions of full ones).
* ``gp:<given>:<father>:<first 3 letters of surname_key>`` - surname typos after the
  third letter; needs full given name and patronymic.
* ``gpd:<given>:<father>:<surname_key or surname_key minus one letter>`` - the
  deletion neighbourhood of the surname key (the key itself plus each one-letter
  deletion).  Two surnames one edit apart (substitution, insertion, deletion or swap of
  neighbours) always share one of these, wherever the typo is and however short the
  surname; needs full given name and patronymic.
* ``sk:<consonant skeleton of surname_key>:<gi><pi>`` - vowel typos, missing soft
  signs, doubled letters (Кузнцова/Кузнецова, Васильев/Василев).
* ``gp:<given>:<father>:`` - only for names without a surname.

Maiden names are not handled here: parse every former surname and block each of them.
For undeclared-relative searches use `kinship_keys`.

`blocking_key_frame` computes the keys of a whole `parse_frame` at once (token
functions once per distinct surname, given name and patronymic, the rest in polars);
`blocking_keys` is the same for one parsed name.
"""

from __future__ import annotations

import polars as pl

from .given_names import canonical_given
from .parse import PersonName
from .parse_frame import COLUMNS
from .patronymics import given_from_patronymic
from .surnames import surname_key, surname_skeleton


def _father(patronymic: str) -> str:
    father = given_from_patronymic(patronymic) if patronymic else None
    return canonical_given(father) if father else patronymic


def _deletions(word: str) -> list[str]:
    """The word and every string one deletion away (a SymSpell-style neighbourhood)."""
    return [word] + [word[:i] + word[i + 1 :] for i in range(len(word))]


# Letters a patronymic can start with: a name without one gets its "s:" keys for each.
PATRONYMIC_LETTERS = tuple("абвгдежзиклмнопрстуфхцчшэюя")


def _lookup(frame: pl.DataFrame, column: str, **functions) -> pl.DataFrame:
    """Join to `frame` what each function gives for each distinct value of `column` ("" stays "")."""
    distinct = frame.get_column(column).unique().to_list()
    table = pl.DataFrame({column: distinct, **{name: [f(v) if v else "" for v in distinct]
                                               for name, f in functions.items()}},
                         schema={column: pl.Utf8, **{name: pl.Utf8 for name in functions}})
    return frame.join(table, on=column, how="left", nulls_equal=True)


def _token_columns(parsed: pl.DataFrame) -> pl.DataFrame:
    """Add key (surname key), flat (key without hyphens), skeleton, canon (given), father."""
    features = _lookup(parsed, "surname", key=surname_key, skeleton=surname_skeleton)
    features = _lookup(features, "given", canon=canonical_given)
    features = _lookup(features, "patronymic", father=_father)
    return features.with_columns(pl.col("key").str.replace_all("-", "", literal=True).alias("flat"))


def name_features(parsed: pl.DataFrame) -> pl.DataFrame:
    """`parse_frame` output plus the standard forms the keys and the pre-filter use."""
    return _token_columns(parsed)


def blocking_key_frame(features: pl.DataFrame) -> pl.DataFrame:
    """(name, key) for every row of `name_features`; see the module docstring. A pair may repeat."""
    letters = pl.lit(list(PATRONYMIC_LETTERS), dtype=pl.List(pl.Utf8))
    gi = pl.concat_list(pl.col("given_initial"), pl.col("canon").str.slice(0, 1)).list.eval(
        pl.element().filter(pl.element() != "")).list.unique(maintain_order=True)
    gi = pl.when(gi.list.len() > 0).then(gi).otherwise(pl.lit([""], dtype=pl.List(pl.Utf8)))
    partial = (pl.col("patronymic_initial") == "") & (pl.col("given_initial") != "")
    pi = pl.when(partial).then(letters).otherwise(
        pl.concat_list(pl.col("patronymic_initial"), pl.col("father").str.slice(0, 1)).list.eval(
            pl.element().filter(pl.element() != "")).list.unique(maintain_order=True))
    pi = pl.when(pi.list.len() > 0).then(pi).otherwise(pl.lit([""], dtype=pl.List(pl.Utf8)))
    rows = features.select("name", "key", "flat", "skeleton", "canon", "father", gi.alias("gi"), pi.alias("pi"),
                           partial.alias("partial"))
    with_surname = rows.filter(pl.col("key") != "")
    full = with_surname.filter((pl.col("canon") != "") & (pl.col("father") != ""))
    s_keys = with_surname.explode("gi").explode("pi").select(
        "name", pl.concat_str(pl.lit("s:"), "key", pl.lit(":"), "gi", "pi").alias("key"))
    gp_keys = full.select("name", pl.concat_str(
        pl.lit("gp:"), "canon", pl.lit(":"), "father", pl.lit(":"), pl.col("flat").str.slice(0, 3)).alias("key"))
    flats = full.get_column("flat").unique().to_list()
    variants = [_deletions(f) for f in flats]
    deletions = pl.DataFrame({"flat": [f for f, vs in zip(flats, variants) for _ in vs],
                              "variant": [v for vs in variants for v in vs]}, schema={"flat": pl.Utf8, "variant": pl.Utf8})
    gpd_keys = full.join(deletions, on="flat").select("name", pl.concat_str(
        pl.lit("gpd:"), "canon", pl.lit(":"), "father", pl.lit(":"), "variant").alias("key"))
    first = lambda column: pl.col(column).list.first()  # noqa: E731
    sk_keys = with_surname.filter(pl.col("skeleton") != "").select("name", pl.concat_str(
        pl.lit("sk:"), "skeleton", pl.lit(":"), first("gi"),
        pl.when("partial").then(pl.lit("")).otherwise(first("pi"))).alias("key"))
    no_surname = rows.filter((pl.col("key") == "") & (pl.col("canon") != "") & (pl.col("father") != "")).select(
        "name", pl.concat_str(pl.lit("gp:"), "canon", pl.lit(":"), "father", pl.lit(":")).alias("key"))
    return pl.concat([s_keys, gp_keys, gpd_keys, sk_keys, no_surname])


def blocking_keys(name: PersonName) -> list[str]:
    """Candidate-generation keys for one parsed name (see the module docstring)."""
    parsed = pl.DataFrame([{"name": name.raw, **{c: getattr(name, c) for c in COLUMNS}}],
                          schema={"name": pl.Utf8, **{c: pl.Utf8 for c in COLUMNS}})
    return list(dict.fromkeys(blocking_key_frame(name_features(parsed)).get_column("key").to_list()))


def kinship_keys(name: PersonName) -> list[str]:
    """Keys that bring together possible siblings and father-child pairs.

    ``kin:<surname_key>:<father>`` for anyone with a patronymic (siblings share it) and,
    for men, ``kin:<surname_key>:<own given name>`` (his children's father key).
    """
    key = surname_key(name.surname)
    if not key:
        return []
    keys = []
    if name.patronymic:
        keys.append(f"kin:{key}:{_father(name.patronymic)}")
    if name.given and name.gender == "m":
        keys.append(f"kin:{key}:{canonical_given(name.given)}")
    return list(dict.fromkeys(keys))
