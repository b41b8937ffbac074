"""Text folding, once per meaning, in Python and in DuckDB's SQL side by side.

A Python function and its `_sql` twin give the same result on the same text (tests/test_text.py
checks them on tricky strings), so that a key computed in Python meets the one the store computes:

* `fold` — case, `ё` and spaces: headers, labels, organisations, the base of the normalisers' keys;
* `fold_look_alikes` — case, `ё` and the Latin letters that look Cyrillic, every character kept in its
  place: the form in which the publication looks for private values in free text;
* `word_key` — case and `ё`, the letters and digits only, one space between words (None when none):
  a relative's name across years, an account's or a liability's free-text kind.

Names of people have their own fold (`checks.names.normalise.fold_name`: Ukrainian letters,
look-alikes inside Cyrillic words, dashes), with its reasons there.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# Python's \s (str.isspace) in RE2's words: RE2's \s is ASCII only, \p{Z} adds the Unicode spaces
_SPACES_SQL = r"[\s\x{0b}\x{1c}-\x{1f}\x{85}\p{Z}]+"
# Latin letters that look like Cyrillic ones, in the same order: registration plates use only these
LATIN_LOOK_ALIKES = "abekmhopctyx"
CYRILLIC_LOOK_ALIKES = "авекмнорстух"
LOOK_ALIKES = str.maketrans(LATIN_LOOK_ALIKES, CYRILLIC_LOOK_ALIKES)
_WORDS = re.compile(r"[0-9a-zа-я]+")


def fold(text: str | None) -> str:
    """Case-, space- and ё-insensitive form used to compare headers, labels and names of things."""
    if not text:
        return ""
    return _SPACES.sub(" ", str(text).replace("ё", "е").replace("Ё", "Е")).strip().lower()


def fold_sql(expression: str) -> str:
    """`fold` in DuckDB (NULL stays NULL)."""
    return f"trim(regexp_replace(replace(lower({expression}), 'ё', 'е'), '{_SPACES_SQL}', ' ', 'g'))"


def fold_look_alikes(text: str) -> str:
    """Lower case with ё → е and Latin look-alikes as Cyrillic («A123BC» as «а123вс»), keeping every
    character in its place (positions in the folded text are positions in the text)."""
    if "İ" not in text and "Σ" not in text:  # the only letters whose lower case is longer or depends on context
        return text.lower().replace("ё", "е").translate(LOOK_ALIKES)
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text).replace("ё", "е").translate(LOOK_ALIKES)


def fold_look_alikes_sql(expression: str) -> str:
    """`fold_look_alikes` in DuckDB (for text without `İ` and `Σ`, where the two agree). DuckDB's translate()
    is slow: apply it to short words or to few values, never to millions of whole values."""
    return f"translate(replace(lower({expression}), 'ё', 'е'), '{LATIN_LOOK_ALIKES}', '{CYRILLIC_LOOK_ALIKES}')"


def word_key(text: str | None) -> str | None:
    """The Russian and Latin letters and digits of a text, lower case with ё → е, one space between runs."""
    if text is None:
        return None
    return " ".join(_WORDS.findall(str(text).lower().replace("ё", "е"))) or None


def word_key_sql(expression: str) -> str:
    """`word_key` in DuckDB (NULL or no letters: NULL)."""
    return f"nullif(trim(regexp_replace(replace(lower({expression}), 'ё', 'е'), '[^0-9a-zа-я]+', ' ', 'g')), '')"
