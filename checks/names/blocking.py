"""Blocking keys: cheap keys for candidate generation before `compare_names`.

Two names become a candidate pair when they share a key. All parts are folded; "given"
is the standard form of the given name, "father" the standard form of the name behind the
patronymic, so Олександр and Александр, Андрійович and Андреевич, Иванович and Ивановна
share keys. A name is *complete* when it has a full given name and a full patronymic and
is written in Cyrillic.

Narrow keys (any two names sharing one are a candidate pair):

* ``gpd:<given>:<father>:<surname_key or surname_key minus one letter>`` - the
  deletion neighbourhood of the surname key (the key itself plus each one-letter
  deletion), and of the surname as written when that differs (feminine forms). Two
  surnames one edit apart (substitution, insertion, deletion or swap of neighbours)
  always share one of these, wherever the typo is and however short the surname.
  Complete names only.
* ``ga:<surname_key>:<father>:<first two letters of the given name>`` and ``gz:`` with
  its last two - one typo in a given name of four letters or more: an edit (substitution,
  insertion, deletion) leaves one of the two ends as it was.
* ``pa:<surname_key>:<given>:<first three letters of the patronymic>``, ``pz:`` with its
  last five and ``pm:`` with its first two and last three - one typo anywhere in a
  patronymic of eight letters or more, and in one of seven but for a swap of its second
  and third letters (Юьревна): each leaves one of the three as it was (the suffix alone,
  -овна, would put every Иванова Елена *овна in one block). A deletion neighbourhood, as
  for surnames, would also cover Ильич/Илич, but at 1 000 000 × 5 000 000 it ran DuckDB out
  of its 3 GB, and with the joins reworked to fit cost 94 s and 2.5 GB more, for 52 more
  candidate pairs.
* ``gp:<given>:<father>:`` - only for names without a surname.

Broad keys (a pair only when at least one of the two names is not complete; see
`BROAD_KINDS` and `checks.matching.candidates`, which applies the rule in its join: two
complete names already meet through the narrow keys, and the broad blocks of common
surnames hold thousands of complete names):

* ``s:<surname_key>:<gi><pi>`` - same surname up to ё, gender form and Latin spelling,
  same initials: "Иванов И.И." vs "Иванова Ирина Игоревна" (the comparison then rejects
  the gender mismatch). Emitted for the written initials and for the standard forms'.
  A name with a given initial but no patronymic at all ("Кузнецова Юлия") emits this key
  for every letter a patronymic can start with, so it meets every full record of the
  same surname and given initial.
* ``sk:<consonant skeleton of surname_key>:<gi><pi>`` - vowel typos, missing soft
  signs, doubled letters (Кузнцова/Кузнецова, Васильев/Василев) in short records.

Maiden names are not handled here: parse every former surname and block each of them.
For undeclared-relative searches use `kinship_keys`.

`blocking_key_frame` computes the keys of a whole `parse_frame` at once (token
functions once per distinct surname, given name and patronymic, the rest in polars);
`blocking_keys` is the same for one parsed name.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from .given_names import canonical_given
from .parse import PersonName
from .parse_frame import COLUMNS, lookup
from .patronymics import given_from_patronymic
from .surnames import surname_key, surname_skeleton


@cache
def _father(patronymic: str) -> str:
    father = given_from_patronymic(patronymic) if patronymic else None
    return canonical_given(father) if father else patronymic


@cache
def _deletions(word: str) -> list[str]:
    """The word and every string one deletion away (a SymSpell-style neighbourhood)."""
    return [word] + [word[:i] + word[i + 1 :] for i in range(len(word))]


# Key kinds that pair two names only when one of them is not complete (module docstring).
BROAD_KINDS = ("s", "sk")

# Letters a patronymic can start with: a name without one gets its "s:" keys for each.
PATRONYMIC_LETTERS = tuple("абвгдежзиклмнопрстуфхцчшэюя")


# Column-wise work remembers every distinct word (see parse_frame): LRU caches would thrash.
_surname_key, _surname_skeleton, _canonical = cache(surname_key), cache(surname_skeleton), cache(canonical_given)


def name_features(parsed: pl.DataFrame) -> pl.DataFrame:
    """`parse_frame` output plus the standard forms the keys and the pre-filter use: key (surname
    key), flat (key without hyphens), skeleton, canon (given name), father."""
    features = lookup(parsed, "surname", key=_surname_key, skeleton=_surname_skeleton)
    features = lookup(features, "given", canon=_canonical)
    features = lookup(features, "patronymic", father=_father)
    return features.with_columns(pl.col("key").str.replace_all("-", "", literal=True).alias("flat"))


def blocking_key_frame(features: pl.DataFrame, id_column: str = "name") -> pl.DataFrame:
    """(id_column, key) for every row of `name_features`; see the module docstring. A pair may repeat."""
    letters = pl.lit(list(PATRONYMIC_LETTERS), dtype=pl.List(pl.Utf8))
    gi = pl.concat_list(pl.col("given_initial"), pl.col("canon").str.slice(0, 1)).list.eval(
        pl.element().filter(pl.element() != "")).list.unique(maintain_order=True)
    gi = pl.when(gi.list.len() > 0).then(gi).otherwise(pl.lit([""], dtype=pl.List(pl.Utf8)))
    partial = (pl.col("patronymic_initial") == "") & (pl.col("given_initial") != "")
    pi = pl.when(partial).then(letters).otherwise(
        pl.concat_list(pl.col("patronymic_initial"), pl.col("father").str.slice(0, 1)).list.eval(
            pl.element().filter(pl.element() != "")).list.unique(maintain_order=True))
    pi = pl.when(pi.list.len() > 0).then(pi).otherwise(pl.lit([""], dtype=pl.List(pl.Utf8)))
    rows = features.select(pl.col(id_column).alias("name"), "surname", "key", "flat", "skeleton", "given", "canon",
                           "patronymic", "father", gi.alias("gi"), pi.alias("pi"), partial.alias("partial"))
    with_surname = rows.filter(pl.col("key") != "")
    full = with_surname.filter((pl.col("canon") != "") & (pl.col("father") != ""))
    s_keys = with_surname.explode("gi").explode("pi").select(
        "name", pl.concat_str(pl.lit("s:"), "key", pl.lit(":"), "gi", "pi").alias("key"))
    given, patronymic = pl.col("given"), pl.col("patronymic")
    affixes = [("ga", "father", given.str.slice(0, 2)), ("gz", "father", given.str.slice(-2)),
               ("pa", "canon", patronymic.str.slice(0, 3)), ("pz", "canon", patronymic.str.slice(-5)),
               ("pm", "canon", patronymic.str.slice(0, 2) + "…" + patronymic.str.slice(-3))]
    affix_keys = [full.select("name", pl.concat_str(pl.lit(f"{kind}:"), "key", pl.lit(":"), other, pl.lit(":"), affix)
                              .alias("key")) for kind, other, affix in affixes]
    # the neighbourhoods of the surname key and of the surname as written (a typo in a feminine
    # ending, Бирюкофа, leaves the written form one edit from Бирюкова but two from the key)
    spelled = full.select("name", "canon", "father", "flat").vstack(full.select(
        "name", "canon", "father", pl.col("surname").str.replace_all("-", "", literal=True).alias("flat")))
    gpd_keys = _with_deletions(spelled.unique(), "flat").select("name", pl.concat_str(
        pl.lit("gpd:"), "canon", pl.lit(":"), "father", pl.lit(":"), "variant").alias("key"))
    first = lambda column: pl.col(column).list.first()  # noqa: E731
    sk_keys = with_surname.filter(pl.col("skeleton") != "").select("name", pl.concat_str(
        pl.lit("sk:"), "skeleton", pl.lit(":"), first("gi"),
        pl.when("partial").then(pl.lit("")).otherwise(first("pi"))).alias("key"))
    no_surname = rows.filter((pl.col("key") == "") & (pl.col("canon") != "") & (pl.col("father") != "")).select(
        "name", pl.concat_str(pl.lit("gp:"), "canon", pl.lit(":"), "father", pl.lit(":")).alias("key"))
    return pl.concat([s_keys, *affix_keys, gpd_keys, sk_keys, no_surname]).rename({"name": id_column})


def _with_deletions(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """`frame` joined with each one-deletion variant (`variant`) of its `column`, worked out once per word."""
    words = frame.get_column(column).unique().to_list()
    variants = [_deletions(word) for word in words]
    table = pl.DataFrame({column: [w for w, vs in zip(words, variants) for _ in vs],
                          "variant": [v for vs in variants for v in vs]}, schema={column: pl.Utf8, "variant": pl.Utf8})
    return frame.join(table, on=column)


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
