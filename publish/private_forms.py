"""Private numbers and dates in the forms people type them, found in free text.

The word scrubber (`publish.privacy.Scrubber`) finds a private value written as it is stored. A
clerk types the same value in other forms: an INN or an account number with spaces («5001 0073
2259», «40817 810 0 9991 0004312»), a plate with spaces or Latin look-alike letters («A 123 BC 77»
for «А123ВС77»), a birth date as «3.2.1982», «03.02.82», «1982-02-03» or «3 февраля 1982 г.».

The texts are few (thousands of distinct cells) and the private values many (millions in a big
year), so the work goes from the texts: every run of tokens of a text that holds enough digits
is a *candidate* in a compact form (letters and digits only, lower case, look-alike Latin letters
as Cyrillic), every date-shaped run a candidate date; the store then says which candidates are
private values of the year (one query each, in DuckDB). The spans of those candidates are cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from declarations.text import fold_look_alikes, fold_look_alikes_sql

_TOKEN = re.compile(r"[^\W_]+")
# The private identifiers of the contract: the values people retype with spaces and look-alike letters.
# (Names, addresses and banks are found by the word scrubber; compacting millions of addresses costs
# seconds and finds nothing more.)
NUMBER_COLUMNS = (("servants", "inn"), ("relatives", "inn"), ("accounts", "account_number"),
                  ("vehicles", "registration"), ("real_estate", "cadastral_number"))
MIN_DIGITS = 4  # a run with fewer digits is not a number anyone keeps private
MIN_COMPACT, MAX_COMPACT = 6, 34
MAX_TOKENS = 8  # «40817 810 0 9991 0004 312» is six tokens

MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря")
_SEP = r"\s*[./\-]\s*|\s+"
_DATE_PATTERNS = (
    (re.compile(rf"(?<!\d)(\d{{1,2}})(?:{_SEP})(\d{{1,2}})(?:{_SEP})(\d{{4}}|\d{{2}})(?!\d)(?:\s*г(?:ода|\.)?)?"), "dmy"),
    (re.compile(r"(?<!\d)(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(rf"(?<!\d)(\d{{1,2}})\s+({'|'.join(MONTHS)})\s+(\d{{4}})(?!\d)(?:\s*г(?:ода|\.)?)?", re.I), "d_month_y"),
)


def compact(text: str) -> str:
    """Letters and digits only, folded (lower case, ё as е, Latin look-alikes as Cyrillic): the form in which
    numbers are compared."""
    return "".join(_TOKEN.findall(fold_look_alikes(text)))


def number_candidates(text: str) -> dict[str, list[tuple[int, int]]]:
    """Compact form → spans in `text` of every run of whole tokens that could be a private number."""
    tokens = [(m.start(), m.end(), fold_look_alikes(m.group())) for m in _TOKEN.finditer(text)]
    found: dict[str, list[tuple[int, int]]] = {}
    for i in range(len(tokens)):
        joined, digits = "", 0
        for j in range(i, min(i + MAX_TOKENS, len(tokens))):
            joined += tokens[j][2]
            digits += sum(ch.isdigit() for ch in tokens[j][2])
            if len(joined) > MAX_COMPACT:
                break
            if digits >= MIN_DIGITS and len(joined) >= MIN_COMPACT:
                found.setdefault(joined, []).append((tokens[i][0], tokens[j][1]))
    return found


def _years(text: str) -> list[int]:
    year = int(text)
    if len(text) == 4:
        return [year]
    return [1900 + year, 2000 + year]  # «82»: 1982 (or 2082, which no store holds)


def date_candidates(text: str) -> dict[date, list[tuple[int, int]]]:
    """Each date written in `text` in a Russian or ISO form → its spans."""
    found: dict[date, list[tuple[int, int]]] = {}
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            a, b, c = match.groups()
            if order == "dmy":
                parts = [(y, int(b), int(a)) for y in _years(c)]
            elif order == "ymd":
                parts = [(int(a), int(b), int(c))]
            else:
                parts = [(int(c), MONTHS.index(b.lower()) + 1, int(a))]
            for y, m, d in parts:
                try:
                    found.setdefault(date(y, m, d), []).append(match.span())
                except ValueError:
                    continue
    return found


def candidates(texts: Iterable[str]) -> tuple[dict[str, dict[str, list]], dict[str, dict[date, list]]]:
    numbers = {text: number_candidates(text) for text in texts}
    dates = {text: date_candidates(text) for text in texts}
    return numbers, dates


def compact_sql(column: str) -> str:
    """DuckDB expression of `compact` over a column (same letters and digits, same folding)."""
    return f"regexp_replace({fold_look_alikes_sql(column)}, '[^0-9a-zа-я]', '', 'g')"
