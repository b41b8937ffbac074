"""Small text helpers shared by readers: folding headers, labels and names."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# Latin letters that look like Cyrillic ones, in the same order: registration plates use only these
LATIN_LOOK_ALIKES = "abekmhopctyx"
CYRILLIC_LOOK_ALIKES = "авекмнорстух"


def fold(text: str) -> str:
    """Case-, space- and ё-insensitive form used to compare headers and labels."""
    return _SPACES.sub(" ", text.replace("ё", "е").replace("Ё", "Е")).strip().lower()
