"""Scrubbing the few published free-text fields of every private value of the year.

The published make and model of vehicles, countries and sources of funds are free text that a
clerk may have typed a private value into (a plate, an address, a relative's name). `scrub_texts`
removes from each such text every private value of the year's servants (`private_values`, from
the contract's private columns) and every word of a relative's name in any grammatical case.

The year has millions of private values and a few thousand distinct texts to clean, so only the
values that can occur in those texts are handed to the `Scrubber`: a value can only be cut from a
text where the text has the value's first word, and a name only where a word of the text starts
with the name's stem. That choice is made over whole columns (polars) for text made of printable
ASCII and Russian letters, where Python's and polars' rules for words, spaces and lower case
agree; any other value goes to the `Scrubber` as it is. The result is the same as a `Scrubber`
over every value.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from declarations.model import private_fields
from declarations.store import Store, query_frame
from declarations.text import fold

YEAR_PERSONS = "SELECT person_id FROM servants WHERE year = $year AND source = 'workbook'"
YEAR_DECLARATIONS = f"SELECT declaration_id FROM declarations WHERE year = $year AND person_id IN ({YEAR_PERSONS})"
NAME_COLUMNS = {("relatives", "full_name"), ("relatives", "former_names"), ("declarations", "subject_name")}

_WORD = re.compile(r"\w+")
_NAME_SPLIT = re.compile(r"[\s\-]+")
# Printable ASCII and Russian letters: on these Python's \w, \s and lower() agree with polars'.
_PLAIN = r"^[ -~А-Яа-яЁё]*$"
_PLAIN_WORD = r"([0-9a-z_а-я]+)"  # a word of such text once folded (lower case, ё → е)


def _fold_same_length(text: str) -> str:
    """Lower case with ё → е, keeping every character in its place (positions stay valid)."""
    if "İ" not in text and "Σ" not in text:  # the only letters whose lower case is longer or depends on context
        return text.lower().replace("ё", "е")
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text).replace("ё", "е")


def _stem(word: str) -> str:
    """A name without its case ending: «Аглая» → «Агла», «Викторовна» → «Викторов»."""
    return word[:-2] if len(word) > 5 else word[:-1]


class Scrubber:
    """Removes private values from short texts.

    Whole values (banks, creditors, plates, addresses, numbers, full names) are removed as
    they are, case-insensitively, wherever they start at a word; the words of relatives'
    names are removed in any grammatical case («Аглая», «Аглаи», «Аглаей»: the stem and any
    ending). Values are indexed by their first word, so scrubbing a short text costs a few
    dictionary look-ups whatever the number of values (a large regular expression would not).
    """

    def __init__(self, secrets: Iterable[str], name_words: Iterable[str] = ()):
        self.by_first_word: dict[str, list[str]] = defaultdict(list)
        for secret in secrets:
            folded = _fold_same_length(secret.strip())
            first = _WORD.search(folded)
            if first is None or len(folded) < 4:
                continue
            self.by_first_word[first.group()].append(folded[first.start():].rstrip())
        for candidates in self.by_first_word.values():
            candidates.sort(key=len, reverse=True)
        self.stems = {_fold_same_length(_stem(w)) for w in name_words if len(_stem(w)) >= 4}
        self.longest_stem = max(map(len, self.stems), default=0)

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        folded = _fold_same_length(text)
        cuts: list[tuple[int, int]] = []
        for word in _WORD.finditer(folded):
            start = word.start()
            secret = next((s for s in self.by_first_word.get(word.group(), ()) if folded.startswith(s, start)),
                          None)
            if secret is not None:
                cuts.append((start, start + len(secret)))
            token = word.group()
            if any(token[:k] in self.stems for k in range(4, min(len(token), self.longest_stem) + 1)):
                cuts.append((start, word.end()))
        if not cuts:
            return text.strip()
        kept, position = [], 0
        for start, end in sorted(cuts):
            if start > position:
                kept.append(text[position:start])
            position = max(position, end)
        kept.append(text[position:])
        cleaned = " ".join("".join(kept).split())
        cleaned = re.sub(r"\s+([,;.)])", r"\1", cleaned)
        cleaned = re.sub(r"\(\s*\)", "", cleaned)
        cleaned = re.sub(r"([,;])\s*(?=[,;])", "", cleaned)
        return cleaned.strip(" ,;:")


@dataclass
class PrivateValues:
    """The private text of a year's servants, as whole columns."""

    values: pl.Series  # every private text value, as stored
    names: pl.DataFrame  # person_id, text: relatives' names (current and former), family справки's names
    own_names: dict[str, str]  # person_id → the declarant's own name, folded (it is public)


def _private_scope(store: Store, table: str) -> str | None:
    """The rows of `table` that belong to the year's servants (a WHERE clause), None if it has none."""
    if table in ("servants", "relatives", "payroll"):
        return f"person_id IN ({YEAR_PERSONS})"
    if table == "declarations":
        return f"declaration_id IN ({YEAR_DECLARATIONS}) AND subject <> 'self'"
    if "declaration_id" in store.table_columns(table):
        return f"declaration_id IN ({YEAR_DECLARATIONS})"
    return None


def private_values(store: Store, year: int) -> PrivateValues:
    """Every private text value of the year's servants (the text columns of `private_fields()`)."""
    params = {"year": year}
    text_columns = {(t, c) for t, c in store.con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR'").fetchall()}
    values: list[pl.Series] = []
    names: list[pl.DataFrame] = []
    for table, columns in private_fields().items():
        columns = [c for c in columns if (table, c) in text_columns]
        scope = _private_scope(store, table) if columns else None
        if scope is None:
            continue
        for column in columns:
            if (table, column) in NAME_COLUMNS:
                names.append(query_frame(store.con, f"SELECT DISTINCT person_id, {column} AS text FROM {table} "
                                                    f"WHERE {scope} AND {column} IS NOT NULL", params))
            else:
                values.append(query_frame(store.con, f"SELECT DISTINCT {column} AS value FROM {table} "
                                                     f"WHERE {scope} AND {column} IS NOT NULL", params)["value"])
    own = {pid: fold(name) for pid, name in store.con.execute(
        "SELECT person_id, full_name FROM servants WHERE year = $year AND source = 'workbook'", params).fetchall()}
    name_frame = (pl.concat(names) if names else pl.DataFrame(schema={"person_id": pl.String, "text": pl.String}))
    value_series = pl.concat(values) if values else pl.Series("value", [], dtype=pl.String)
    return PrivateValues(value_series, name_frame, own)


def _vocabulary(texts: Iterable[str]) -> set[str]:
    return {word.group() for text in texts for word in _WORD.finditer(_fold_same_length(text))}


def _candidate_values(values: pl.Series, vocabulary: set[str]) -> list[str]:
    """The values whose first word is a word of the texts (plain text), and every value that is not plain."""
    frame = pl.DataFrame({"value": values}).unique()
    value = pl.col("value")
    first = value.str.to_lowercase().str.replace_all("ё", "е", literal=True).str.extract(_PLAIN_WORD, 1)
    words = pl.Series(sorted(vocabulary), dtype=pl.String)
    return frame.filter(~value.str.contains(_PLAIN) | first.is_in(words.implode()))["value"].to_list()


def _name_words_python(person_id: str, text: str, own_names: dict[str, str]) -> Iterable[str]:
    own = own_names.get(person_id, "")
    for part in text.split(";"):
        for word in _NAME_SPLIT.split(part):
            word = word.strip(".,()")
            if len(word) > 3 and fold(word) not in own:  # «Смирнов» is part of «Смирнова»
                yield word


def _candidate_name_words(private: PrivateValues, vocabulary: set[str]) -> set[str]:
    """Words of relatives' names (not part of the declarant's own name) whose stem starts a word of the texts."""
    prefixes = pl.Series(sorted({w[:k] for w in vocabulary for k in range(4, len(w) + 1)}), dtype=pl.String)
    plain = pl.col("text").str.contains(_PLAIN)
    word = pl.col("word")
    length = word.str.len_chars()
    stem = pl.when(length > 5).then(word.str.head(length - 2)).otherwise(word.str.head(length - 1))
    found = (private.names.filter(plain)
             .with_columns(word=pl.col("text").str.extract_all(r"[^ \-;]+")).explode("word")
             .with_columns(word=word.str.strip_chars(".,()"))
             .filter(length > 3)
             .filter(stem.str.to_lowercase().str.replace_all("ё", "е", literal=True).is_in(prefixes.implode())))
    rows = found.select("person_id", "word").iter_rows()
    words = {w for pid, w in rows if fold(w) not in private.own_names.get(pid, "")}
    for pid, text in private.names.filter(~plain).iter_rows():
        words.update(_name_words_python(pid, text, private.own_names))
    return words


def scrub_texts(texts: Iterable[str | None], private: PrivateValues) -> dict[str, str]:
    """Each distinct non-empty text with every private value and relative's name cut out."""
    distinct = {text for text in texts if text}
    vocabulary = _vocabulary(distinct)
    name_parts = private.names["text"].str.split(";").explode()
    secrets = _candidate_values(pl.concat([private.values, name_parts.rename("value")]), vocabulary)
    scrubber = Scrubber(secrets, _candidate_name_words(private, vocabulary))
    return {text: scrubber(text) for text in distinct}
