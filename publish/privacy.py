"""Scrubbing the few published free-text fields of every private value of the year.

The published make and model of vehicles, countries and sources of funds are free text that a
clerk may have typed a private value into (a plate, an address, a relative's name). `scrub_texts`
removes from each such text every private value of the year's servants (`private_columns`, from
the contract's private columns) and every word of a relative's name in any grammatical case.

The year has millions of private values and a few thousand distinct texts to clean, so only the
values that can occur in those texts are handed to the `Scrubber`: a value can only be cut from a
text where the text has the value's first word, and a name only where a word of the text starts
with the name's stem. That choice is made over whole columns for text made of printable
ASCII and Russian letters, where Python's and DuckDB's rules for words, spaces and lower case
agree; any other value goes to the `Scrubber` as it is. The choice is made in the store (DuckDB),
so the millions of values never become Python strings. The result is the same as a `Scrubber`
over every value.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from declarations.model import private_fields
from declarations.store import Store
from declarations.text import fold, fold_look_alikes, fold_look_alikes_sql
from publish.private_addresses import retyped_addresses
from publish.private_forms import NUMBER_COLUMNS, candidates, compact_sql

# Every declarant of the year, from HR workbooks and from public (Declarator) data alike.
YEAR_PERSONS = "SELECT person_id FROM servants WHERE year = $year"
YEAR_DECLARATIONS = f"SELECT declaration_id FROM declarations WHERE year = $year AND person_id IN ({YEAR_PERSONS})"
NAME_COLUMNS = {("relatives", "full_name"), ("relatives", "former_names"), ("servants", "former_names"),
                ("declarations", "subject_name")}

_WORD = re.compile(r"\w+")
_NAME_SPLIT = re.compile(r"[\s\-]+")
# Printable ASCII and Russian letters: on these Python's \w, \s and lower() agree with polars'.
_PLAIN = r"^[ -~А-Яа-яЁё]*$"
_PLAIN_WORD = r"[0-9a-z_а-я]+"  # a word of such text once folded (lower case, ё → е)


MAX_SEPARATORS = 12  # an identifier as stored: «50:12:0000000:123», «А 123 ВС 77 RUS», «40817 810 …»
MAX_CASE_ENDING = 4  # «Иванов» → «Ивановыми»: a case ending adds at most this much to the stem


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
            folded = fold_look_alikes(secret.strip())
            first = _WORD.search(folded)
            if first is None or len(folded) < 4:
                continue
            self.by_first_word[first.group()].append(folded[first.start():].rstrip())
        for phrases in self.by_first_word.values():
            phrases.sort(key=len, reverse=True)
        self.stems = {fold_look_alikes(_stem(w)) for w in name_words if len(_stem(w)) >= 4}
        self.longest_stem = max(map(len, self.stems), default=0)

    def __call__(self, text: str | None, extra: Iterable[tuple[int, int]] = ()) -> str:
        """`extra`: spans found private by other means (numbers and dates in other forms)."""
        if not text:
            return ""
        folded = fold_look_alikes(text)
        cuts: list[tuple[int, int]] = list(extra)
        for word in _WORD.finditer(folded):
            start = word.start()
            secret = next((s for s in self.by_first_word.get(word.group(), ()) if folded.startswith(s, start)),
                          None)
            if secret is not None:
                cuts.append((start, start + len(secret)))
            token = word.group()
            if any(token[:k] in self.stems for k in range(max(4, len(token) - MAX_CASE_ENDING),
                                                          min(len(token), self.longest_stem) + 1)):
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
        cleaned = re.sub(r":\s*(?=[,;)]|$)", "", cleaned)  # «продажи квартиры: <cut>; накопления»
        return cleaned.strip(" ,;:")


def _private_scope(store: Store, table: str) -> str | None:
    """The rows of `table` that belong to the year's servants (a WHERE clause), None if it has none."""
    if table in ("servants", "relatives", "payroll"):
        return f"person_id IN ({YEAR_PERSONS})"
    if table == "declarations":
        return f"declaration_id IN ({YEAR_DECLARATIONS}) AND subject <> 'self'"
    if "declaration_id" in store.table_columns(table):
        return f"declaration_id IN ({YEAR_DECLARATIONS})"
    return None


def private_columns(store: Store, year: int) -> tuple[list[str], list[str]]:
    """SELECTs of the year's private text: values (`value`), and names with their person (`person_id`, `text`)."""
    text_columns = {(t, c) for t, c in store.con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR'").fetchall()}
    values, names = [], []
    for table, columns in private_fields().items():
        columns = [c for c in columns if (table, c) in text_columns]
        scope = _private_scope(store, table) if columns else None
        for column in columns if scope else ():
            if (table, column) in NAME_COLUMNS:
                names.append(f"SELECT person_id, {column} AS text FROM {table} WHERE {scope} AND {column} IS NOT NULL")
            else:
                values.append(f"SELECT {column} AS value FROM {table} WHERE {scope} AND {column} IS NOT NULL")
    return values, names


def _execute(con, year: int, sql: str, params: dict):
    """Run a statement built from the SELECTs above: the year of their scope is bound where it is named."""
    return con.execute(sql, {**params, "year": int(year)} if "$year" in sql else params)


def _union(selects: list[str], empty: str) -> str:
    return " UNION ALL ".join(selects) if selects else empty


def _vocabulary(texts: Iterable[str]) -> set[str]:
    return {word.group() for text in texts for word in _WORD.finditer(fold_look_alikes(text))}


def _name_words_python(person_id: str, text: str, own_names: dict[str, str]) -> Iterator[str]:
    own = own_names.get(person_id, "")
    for part in text.split(";"):
        for word in _NAME_SPLIT.split(part):
            word = word.strip(".,()")
            if len(word) > 3 and fold(word) not in own:  # «Смирнов» is part of «Смирнова»
                yield word


def scrub_texts(store: Store, year: int, texts: Iterable[str | None]) -> dict[str, str]:
    """Each distinct non-empty text with every private value and relative's name of the year cut out."""
    distinct = {text for text in texts if text}
    vocabulary = sorted(_vocabulary(distinct))
    prefixes = sorted({w[:k] for w in vocabulary for k in range(4, len(w) + 1)})
    value_selects, name_selects = private_columns(store, year)
    values = _union(value_selects, "SELECT NULL::VARCHAR AS value WHERE false")
    names = _union(name_selects, "SELECT NULL::VARCHAR AS person_id, NULL::VARCHAR AS text WHERE false")
    con = store.con
    # The values whose first word is in the texts (plain text), every value that is not plain. Values
    # repeat (banks, creditors, surnames) and first words repeat more: each is tested and folded once.
    secrets = [value for (value,) in _execute(con, year, f"""
        WITH v AS (SELECT DISTINCT value FROM ({values} UNION ALL SELECT unnest(string_split(text, ';')) FROM ({names}))),
             w AS (SELECT value, regexp_full_match(value, $plain) AS plain,
                          regexp_extract(replace(lower(value), 'ё', 'е'), $word) AS first FROM v),
             f AS (SELECT first, {fold_look_alikes_sql("first")} AS folded FROM (SELECT DISTINCT first FROM w WHERE plain)),
             vocabulary AS (SELECT unnest($vocabulary::VARCHAR[]) AS word)
        SELECT value FROM w LEFT JOIN f USING (first)
        WHERE NOT plain OR folded IN (SELECT word FROM vocabulary)""",
        {"plain": _PLAIN, "word": _PLAIN_WORD, "vocabulary": vocabulary}).fetchall()]
    # Words of relatives' names whose stem starts a word of the texts (plain text), every other name;
    # each distinct word is cut to its stem once.
    candidates = _execute(con, year, f"""
        WITH w AS (SELECT DISTINCT person_id, trim(unnest(regexp_split_to_array(text, '[ ;-]+')), '.,()') AS word
                   FROM ({names}) WHERE regexp_full_match(text, $plain)),
             s AS (SELECT word, {fold_look_alikes_sql(
                 "CASE WHEN length(word) > 5 THEN word[:length(word) - 2] ELSE word[:length(word) - 1] END")} AS stem
                   FROM (SELECT DISTINCT word FROM w WHERE length(word) > 3)),
             prefixes AS (SELECT unnest($prefixes::VARCHAR[]) AS prefix)
        SELECT person_id, word FROM w JOIN s USING (word)
        WHERE stem IN (SELECT prefix FROM prefixes)
        """, {"plain": _PLAIN, "prefixes": prefixes}).fetchall()
    others = _execute(con, year, f"SELECT person_id, text FROM ({names}) WHERE NOT regexp_full_match(text, $plain)",
                      {"plain": _PLAIN}).fetchall()
    own = {pid: fold(name) for pid, name in con.execute(
        "SELECT person_id, full_name FROM servants WHERE year = $year AND source = 'workbook'", {"year": year})
        .fetchall()}
    words = {word for pid, word in candidates if fold(word) not in own.get(pid, "")}
    for pid, text in others:
        words.update(_name_words_python(pid, text, own))
    scrubber = Scrubber(secrets, words)
    spans = _typed_forms(store, year, distinct)
    for text, found in retyped_addresses(store.con, _private_addresses(store), {"year": int(year)}, distinct).items():
        spans.setdefault(text, []).extend(found)
    return {text: scrubber(text, spans.get(text, ())) for text in distinct}


def _private_addresses(store: Store) -> list[str]:
    """SELECTs of the year's private addresses (`value`, the year bound as `$year`)."""
    selects = []
    for table, columns in private_fields().items():
        scope = _private_scope(store, table) if "address" in columns and "address" in store.table_columns(table) \
            else None
        if scope:
            selects.append(f"SELECT address AS value FROM {table} WHERE {scope} AND address IS NOT NULL")
    return selects


def _private_dates(store: Store, year: int) -> list[str]:
    """SELECTs of the year's private dates (`value`), with the servants' own birth dates: a birth date
    is never published, whoever's it is."""
    date_columns = {(t, c) for t, c in store.con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE data_type = 'DATE'").fetchall()}
    wanted = {(t, c) for t, cs in private_fields().items() for c in cs} | {("servants", "birth_date")}
    selects = []
    for table, column in sorted(wanted & date_columns):
        scope = _private_scope(store, table)
        if scope:
            selects.append(f"SELECT {column} AS value FROM {table} WHERE {scope} AND {column} IS NOT NULL")
    return selects


def _private_numbers(store: Store, year: int) -> list[str]:
    """SELECTs of the year's private identifiers (`value`): INNs, account numbers, plates, cadastral numbers."""
    present = {(t, c) for t, c in store.con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR'").fetchall()}
    selects = []
    for table, column in NUMBER_COLUMNS:
        scope = _private_scope(store, table) if (table, column) in present else None
        if scope:
            selects.append(f"SELECT {column} AS value FROM {table} WHERE {scope} AND {column} IS NOT NULL")
    return selects


def _typed_forms(store: Store, year: int, texts: set[str]) -> dict[str, list[tuple[int, int]]]:
    """Spans of private numbers (spaces, separators, look-alike letters) and private dates (Russian and
    ISO forms) in each text: the texts give the candidates, the store says which are private."""
    numbers, dates = candidates(texts)
    compacts = sorted({c for found in numbers.values() for c in found})
    days = sorted({d for found in dates.values() for d in found})
    private_numbers: set[str] = set()
    number_selects = _private_numbers(store, year)
    if compacts and number_selects:
        # a value is at least as long as its compact form and has a few separators at most: the length
        # test is cheap and spares compacting most values
        shortest, longest = min(map(len, compacts)), max(map(len, compacts)) + MAX_SEPARATORS
        private_numbers = {c for (c,) in _execute(store.con, year, f"""
            SELECT DISTINCT c FROM (SELECT {compact_sql('value')} AS c FROM ({' UNION ALL '.join(number_selects)})
                                    WHERE length(value) BETWEEN $shortest AND $longest)
            WHERE c IN (SELECT unnest($candidates::VARCHAR[]))""",
            {"candidates": compacts, "shortest": shortest, "longest": longest}).fetchall()}
    private_days: set = set()
    date_selects = _private_dates(store, year)
    if days and date_selects:
        private_days = {d for (d,) in _execute(store.con, year, f"""
            SELECT DISTINCT value FROM ({' UNION ALL '.join(date_selects)})
            WHERE value IN (SELECT unnest($days::DATE[]))""", {"days": days}).fetchall()}
    spans: dict[str, list[tuple[int, int]]] = {}
    for text in texts:
        found = [span for c, where in numbers[text].items() if c in private_numbers for span in where]
        found += [span for d, where in dates[text].items() if d in private_days for span in where]
        if found:
            spans[text] = found
    return spans
