"""Normalisers for how real справки spell the same thing differently from year to year.

The official form (Указ № 460) has no column for a cadastral number, a plate or an account
number, and the servant fills it in anew each year: the same car is «TOYOTA RAV4» one year and
«Тойота РАВ 4» the next, the same account is at «ПАО «Сбербанк России»» and then at «Сбербанк»,
the same flat is at «Северогорск, ул. Советская, 60, кв. 26» and then at «г. Северогорск, улица
Советская, д. 60, кв. 26». Each module turns one kind of text into a comparison key that is
equal when a person reading both would say "the same":

* :mod:`declarations.normalise.vehicles` — make and model (Latin/Cyrillic, case, spacing,
  trim and engine words, Soviet/Russian model codes);
* :mod:`declarations.normalise.banks` — bank names (legal forms, old/new/short names, mergers);
* :mod:`declarations.normalise.addresses` — settlement, street, house and flat of an address.

They live in the core layer (no import of `checks` or `publish`) so that the checks, the public
data linker and analysts' scripts compare assets the same way. The reference tables are CSV
files in `data/` (edit them, not the code, when a new spelling turns up).
"""

from __future__ import annotations

from declarations.normalise.addresses import Address, address_key, parse_address
from declarations.normalise.banks import bank_key
from declarations.normalise.vehicles import VehicleName, parse_vehicle, vehicle_key
from declarations.text import fold  # lower case, `ё` → `е`, one space between words: the base of every key here

__all__ = ["Address", "address_key", "parse_address", "bank_key", "VehicleName", "parse_vehicle", "vehicle_key",
           "fold", "areas_close"]


def areas_close(a: float | None, b: float | None, tolerance_pct: float = 1.0) -> bool:
    """Two areas of the same object as two measurements would give them (checks.md: within 1 %).

    An unknown area fits any: the form requires one, but real files miss it.
    """
    if a is None or b is None:
        return True
    return abs(a - b) <= tolerance_pct / 100.0 * max(abs(a), abs(b))
