"""The normalisers of `declarations.normalise` as key functions of the identity specs.

Each function takes the source values of one distinct combination and returns the tuple of keys
in the spec's `outputs` order; `checks.identity.matching` calls it once per distinct value.
"""

from __future__ import annotations

import re

from declarations.normalise import address_key, bank_key, parse_vehicle
from declarations.text import word_key
from declarations.normalise.banks import _clean as _clean_organisation


def vehicle(make: str | None, model: str | None) -> tuple[str, str, str]:
    """make_key, model_key, full_key (`MAKE|model skeleton`; `?` for an unknown make)."""
    name = parse_vehicle(make, model)
    return name.make or "?", name.model_key, name.key


def bank(name: str | None) -> tuple[str | None]:
    return (bank_key(name),)


def address(text: str | None) -> tuple[str | None]:
    return (address_key(text),)


_ACCOUNT_TYPES = (
    ("deposit", re.compile(r"депозит|вклад|срочн")),
    ("savings", re.compile(r"сберегат|накопит")),
    ("brokerage", re.compile(r"брокер|иис|инвестиц|ценн")),
    ("metal", re.compile(r"металл|омс")),
    ("current", re.compile(r"текущ|расч[её]т|карт|зарплат|до востребования|пенсион|социальн|универсальн")),
)


def account_type(text: str | None) -> tuple[str | None, str]:
    """type_key (a kind of account, or the folded text), type_kind (the same, `?` when not given).

    «текущий», «расчетный», «карточный», «зарплатный» are the current account a person has;
    «депозитный», «вклад», «срочный» one deposit; the names vary by bank and by year."""
    if text is None or not str(text).strip():
        return None, "?"
    folded = str(text).lower().replace("ё", "е")
    for kind, pattern in _ACCOUNT_TYPES:
        if pattern.search(folded):
            return kind, kind
    key = word_key(folded)
    return key, key or "?"


def liability_kind(text: str | None) -> tuple[str | None]:
    if text is None or not str(text).strip():
        return (None,)
    folded = str(text).lower().replace("ё", "е")
    for kind, words in (("mortgage", "ипотек|ипотеч"), ("loan", "заем|займ|заём"), ("credit", "кредит")):
        if re.search(words, folded):
            return (kind,)
    return (word_key(folded),)


def organisation(name: str | None) -> tuple[str | None]:
    """An issuer's name without its legal form and quotes («ПАО «Газпром»» ~ «Газпром»)."""
    if name is None or not str(name).strip():
        return (None,)
    return (_clean_organisation(name).upper() or None,)
