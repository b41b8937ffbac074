"""The same bank under its old, new, short and legal-form names: «ПАО «Сбербанк России»»,
«ПАО Сбербанк», «Сбербанк», «СБЕР» are one key; so are «Промсвязьбанк» and «ПСБ», «Тинькофф
Банк» and «ТБанк», and «ВТБ 24» / «Банк Москвы» / «Открытие» and «ВТБ» (merged into it).

`data/banks.csv` lists, per key, the names and the banks merged into it. A name is folded
(case, `ё`, quotes, punctuation), stripped of legal forms (ПАО, АО, ОАО, ЗАО, ООО, НКО, АКБ, КБ
and their long forms) and branch words, and the longest listed name found inside it gives the
key («Доп. офис № 8607/0123 Северо-Западного банка ПАО Сбербанк» → СБЕРБАНК). An unlisted
bank keeps its folded name without the legal form and the word «банк».
"""

from __future__ import annotations

import re
from functools import lru_cache

from declarations.normalise.tables import aliases, read_table
from declarations.text import fold

_LEGAL = re.compile(
    r"(?<![0-9a-zа-я])("
    r"публичное акционерное общество|открытое акционерное общество|закрытое акционерное общество|"
    r"акционерное общество|общество с ограниченной ответственностью|акционерный коммерческий банк|"
    r"коммерческий банк|небанковская кредитная организация|кредитная организация|"
    r"пао|оао|зао|ао|ооо|нко|акб|кб|ак|pjsc|jsc|ojsc|ltd|"
    r"доп офис|дополнительный офис|отделение|филиал|операционный офис|по|no"
    r")(?![0-9a-zа-я])")
_PUNCT = re.compile(r"[«»\"“”„'’`()\[\]{},;:!?№#*+/\\.]+")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    return fold(str(text))


def _clean(text: str) -> str:
    text = _PUNCT.sub(" ", _fold(text)).replace("-", " ")
    text = _DIGITS.sub(" ", text)
    return _SPACES.sub(" ", _LEGAL.sub(" ", text)).strip()


@lru_cache(maxsize=1)
def _names() -> list[tuple[re.Pattern, str]]:
    found = []
    for row in read_table("banks"):
        for alias in aliases(row) + [row["bank"]]:
            words = _clean(alias).split()
            if words:
                pattern = re.compile(r"(?<![0-9a-zа-я])" + r"\s*".join(map(re.escape, words)) + r"(?![0-9a-zа-я])")
                found.append((len(" ".join(words)), pattern, row["bank"]))
    return [(p, bank) for _, p, bank in sorted(found, key=lambda x: -x[0])]


@lru_cache(maxsize=65536)
def bank_key(name: str | None) -> str | None:
    """The comparison key of a bank name (see the module docstring); None for an empty name."""
    if name is None or not str(name).strip():
        return None
    text = _clean(name)
    for pattern, bank in _names():
        if pattern.search(text):
            return bank
    rest = re.sub(r"(?<![0-9a-zа-я])(банк[а-я]*|bank)(?![0-9a-zа-я])", " ", text)
    rest = _SPACES.sub(" ", rest).strip()
    return (rest or text or _fold(name)).upper()
