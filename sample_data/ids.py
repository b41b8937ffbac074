"""Identifiers for the synthetic data: INN (with the FNS checksum), bank account numbers
(with the Bank of Russia control key), cadastral numbers and registration plates.

Everything is drawn from a ``random.Random`` and kept unique through ``Registry``.
"""

from __future__ import annotations

import random
from operator import mul

_W10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_W11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_W12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _ctl(digits: str, weights: tuple[int, ...]) -> str:
    return str(sum(map(mul, map(int, digits), weights)) % 11 % 10)


def inn10_check(body9: str) -> str:
    """Complete a 9-digit body into a valid 10-digit organisation INN."""
    return body9 + _ctl(body9, _W10)


def inn12_check(body10: str) -> str:
    """Complete a 10-digit body into a valid 12-digit personal INN."""
    b11 = body10 + _ctl(body10, _W11)
    return b11 + _ctl(b11, _W12)


def is_valid_inn(inn: str) -> bool:
    """FNS checksum of a 10-digit (organisation) or 12-digit (person) INN."""
    if not inn or not inn.isdigit():
        return False
    if len(inn) == 10:
        return inn10_check(inn[:9]) == inn
    if len(inn) == 12:
        return inn12_check(inn[:10]) == inn
    return False


# The Bank of Russia control key of an account number (Положение 579-П, приложение):
# weights 7,1,3 over the 3 last digits of the BIK followed by the 20 digits of the account.
_KEY_W = (7, 1, 3) * 8


_LAST_DIGIT = [i % 10 for i in range(100)]


def account_key(bik: str, account: str) -> str:
    digits = bik[-3:] + account[:8] + "0" + account[9:]
    s = sum(map(_LAST_DIGIT.__getitem__, map(mul, map(int, digits), _KEY_W)))
    return str(((s % 10) * 3) % 10)


def is_valid_account(bik: str, account: str) -> bool:
    return len(account) == 20 and account.isdigit() and account_key(bik, account) == account[8]


_PLATE_LETTERS = "АВЕКМНОРСТУХ"


class Registry:
    """Hands out unique identifiers."""

    def __init__(self, rng: random.Random, region: int = 69):
        self.rng = rng
        self.region = region
        self._used: set[str] = set()

    def _unique(self, make) -> str:
        for _ in range(1000):
            v = make()
            if v not in self._used:
                self._used.add(v)
                return v
        raise RuntimeError("identifier space exhausted")

    def inn_person(self, region: int | None = None) -> str:
        r = self.rng
        reg = self.region if region is None else region
        return self._unique(lambda: inn12_check(f"{reg:02d}{r.randint(1, 30):02d}{r.randrange(10**6):06d}"))

    def inn_company(self, region: int | None = None) -> str:
        r = self.rng
        reg = self.region if region is None else region
        return self._unique(lambda: inn10_check(f"{reg:02d}{r.randint(1, 30):02d}{r.randrange(10**5):05d}"))

    def account(self, bik: str, prefix: str, currency: str = "810") -> str:
        r = self.rng

        def make():
            body = f"{prefix}{currency}0{r.randrange(10**4):04d}{r.randrange(10**7):07d}"
            return body[:8] + account_key(bik, body) + body[9:]

        return self._unique(make)

    def cadastral(self, district: int | None = None, region: int | None = None) -> str:
        r = self.rng
        reg = self.region if region is None else region
        return self._unique(
            lambda: f"{reg:02d}:{district if district is not None else r.randint(1, 40):02d}:"
            f"{r.randrange(10**7):07d}:{r.randint(100, 999)}"
        )

    def plate(self, region: str | None = None) -> str:
        r = self.rng
        L = _PLATE_LETTERS

        def make():
            reg = region or r.choices((str(self.region), "77", "99", "177", "50", "750", "78"),
                                      (80, 3, 2, 2, 3, 2, 2))[0]
            return f"{r.choice(L)}{r.randint(1, 999):03d}{r.choice(L)}{r.choice(L)}{reg}"

        return self._unique(make)

    def number(self, digits: int) -> str:
        r = self.rng
        return self._unique(lambda: f"{r.randrange(10 ** (digits - 1), 10**digits)}")
