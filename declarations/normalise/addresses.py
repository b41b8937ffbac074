"""The same address however it is abbreviated and ordered: «Северогорск, ул. Советская, 60, кв. 26»,
«г. Северогорск, улица Советская, д. 60, кв. 26» and «Советская ул., д.60, кв.26, г.Северогорск»
are one settlement, street, house and flat.

`parse_address(text)` splits the address into its parts by the type words of the Russian
address (г./гор./город, пос./п./пгт, с./село, дер., ул./улица, пр-т/просп./проспект, пер., б-р,
ш., наб., пл., мкр., туп., проезд, д./дом, корп./к., стр., кв./квартира, пом., …), drops the
postcode, the country, the region and the district, and reads untyped parts by their place
(the name before the numbers is the street, the first number the house, the next the flat;
«60-26» and «60/2» as written). `address_key` compares what a person compares: street name,
house and flat; the settlement only where no street is given (a village house). The street
name's type word is not part of the key («ул. Мира» and «пр-т Мира» of one owner in two
years are one street far more often than two), nor are initials («ул. К. Маркса» ~ «ул. Карла
Маркса»).

We looked for a maintained parser on PyPI: `address-normalizer` (GPL-3.0, incompatible with
this MIT project), `natasha`/`yargy` (named-entity grammars, a large dependency, no matching
key) and the DaData client (an online paid service) did not fit; this table-driven parser is
what the comparison needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from declarations.text import fold

# type word (folded, without the dot) -> part
_TYPES: dict[str, str] = {}
for _part, _words in {
    "settlement": "г гор город пос поселок посёлок п пгт рп дп с село сел дер деревня ст ст-ца станица х хутор аул "
                  "снт сот днт садоводство нп мо кп",
    "street": "ул улица пр-т пр-кт просп проспект пр пер переулок б-р бул бульвар ш шоссе наб набережная пл площадь "
              "мкр мкрн микрорайон мк-н туп тупик проезд пр-д аллея ал линия лин тракт кв-л квартал",
    "house": "д дом вл владение уч участок",
    "block": "корп корпус к стр строение лит литер литера",
    "flat": "кв квартира ком комн комната пом помещение оф офис",
    "region": "обл область р-н р-он район край респ республика ао автономный округ округ",
}.items():
    for _w in _words.split():
        _TYPES[_w] = _part
_COUNTRY = re.compile(r"^(россия|российская федерация|рф|russia)$")
_INITIALS = re.compile(r"(?<![а-яa-z])[а-яa-z]\.\s*")


@dataclass(frozen=True)
class Address:
    settlement: str | None
    street: str | None
    house: str | None
    flat: str | None

    @property
    def key(self) -> str:
        if self.street and self.house:
            return f"{self.street}|{self.house}|{self.flat or ''}"
        if self.house or self.flat:
            return f"{self.settlement or ''}|{self.street or ''}|{self.house or ''}|{self.flat or ''}"
        return "|".join(p for p in (self.settlement, self.street) if p)


def _fold(text: str) -> str:
    return fold(re.sub(r"[«»\"“”„'’`()]+", " ", str(text)))


def _name(words: list[str]) -> str | None:
    """A settlement or street name: initials and type words dropped, the last full word kept with any numbers
    («8 марта», «1-я советская» → «1 советская»)."""
    text = _INITIALS.sub(" ", " ".join(words) + " ")
    tokens = [t for t in re.split(r"[\s.\-]+", text) if t and t not in _TYPES]
    tokens = [re.sub(r"^(\d+)(й|я|е|ая|ый|ий|ой)$", r"\1", t) for t in tokens]
    if not tokens:
        return None
    numbers = [t for t in tokens if t.isdigit()]
    words_only = [t for t in tokens if not t.isdigit()]
    return " ".join(numbers + words_only[-1:]) if words_only else " ".join(numbers)


def _number(text: str) -> str:
    """A house or flat number: «60 а», «60А», «60-а» → «60а»; «60/2» kept."""
    return re.sub(r"[\s\-]+", "", text)


def _tokens(part: str) -> list[tuple[str | None, str]]:
    """(type, value) tokens of a comma-separated part: «ул. Советская д.60» → [(street, Советская), (house, 60)]."""
    part = re.sub(r"(?<=[а-я])\.(?=[а-я0-9])", ". ", part)        # «д.60», «г.Северогорск»
    part = re.sub(r"(?<=\d)\s*-\s*(?=[а-я]\b)", "", part)           # «60-а» → «60а»
    words = [w for w in part.replace(".", " . ").split() if w]
    out: list[tuple[str | None, str]] = []
    current: str | None = None
    buffer: list[str] = []

    def flush():
        nonlocal buffer
        if buffer:
            out.append((current, " ".join(buffer)))
        buffer = []

    words = [w.rstrip(".") for w in words if w != "."]
    for i, bare in enumerate(words):
        if current in ("street", "settlement") and not buffer and len(bare) == 1:
            buffer.append(bare)             # an initial right after the type: «ул. К. Маркса»
            continue
        if current in ("street", "settlement") and buffer and bare[:1].isdigit():
            flush()                         # the numbers after a typed name: «проспект Ленина 5к2-10»
            current = None
        if bare in _TYPES:
            if current is None and buffer and i == len(words) - 1:
                # the type after the name: «Советская ул.», «Северогорск г.»
                current = _TYPES[bare]
                continue
            flush()
            current = _TYPES[bare]
            continue
        if current in ("house", "flat", "block") and buffer and not re.fullmatch(r"\d+[а-я]?|[а-я]", bare):
            flush()
            current = None
        buffer.append(bare)
    flush()
    return out


@lru_cache(maxsize=262144)
def parse_address(text: str | None) -> Address:
    """Settlement, street, house and flat of a free-text Russian address (see the module docstring)."""
    if text is None or not str(text).strip():
        return Address(None, None, None, None)
    folded = _fold(text)
    parts = [p.strip() for p in re.split(r"[,;]", folded) if p.strip()]
    settlement = street = house = flat = None
    untyped: list[str] = []
    for part in parts:
        if re.fullmatch(r"\d{6}", part) or _COUNTRY.match(part):
            continue
        for kind, value in _tokens(part):
            value = value.strip()
            if not value:
                continue
            if kind == "region":
                continue
            if kind == "settlement" and settlement is None:
                settlement = _name(value.split())
            elif kind == "street" and street is None:
                street = _name(value.split())
            elif kind == "house" and not re.search(r"\d", value):
                if settlement is None:          # «д. Ивановка»: a village (деревня), not a house
                    settlement = _name(value.split())
            elif kind == "house" and house is None:
                house = _number(value)
            elif kind == "block" and house is not None:
                house = f"{house}к{_number(value)}"
            elif kind == "flat" and flat is None:
                flat = _number(value)
            elif kind is None:
                untyped.append(value)
    for value in untyped:
        if re.fullmatch(r"\d{6}", value) or _COUNTRY.match(value):
            continue
        numbers = re.fullmatch(r"(\d+[а-я]?(?:/\d+[а-я]?)?(?:к\d+)?)(?:\s*-\s*(\d+))?", value)
        if numbers:
            if house is None:
                house = _number(numbers.group(1))
                if numbers.group(2) and flat is None:
                    flat = numbers.group(2)
            elif flat is None:
                flat = _number(numbers.group(1))
            continue
        # a name followed by numbers: «Советская 60» or «Советская 60-26»
        named = re.fullmatch(r"(.*?[а-яa-z].*?)\s+(\d+[а-я]?(?:/\d+)?)(?:\s*-\s*(\d+))?", value)
        if named and street is None:
            street = _name(named.group(1).split())
            house = house or _number(named.group(2))
            if named.group(3) and flat is None:
                flat = named.group(3)
            continue
        if re.search(r"[а-яa-z]", value):
            if street is None and settlement is not None:
                street = _name(value.split())
            elif settlement is None:
                settlement = _name(value.split())
            elif street is None:
                street = _name(value.split())
    # a lone untyped name before a typed street is the settlement («Северогорск, ул. Советская»)
    return Address(settlement, street, house, flat)


def type_of(word: str) -> str | None:
    """The part a type word names («ул» → street, «д» → house), None for any other word (folded, no dot)."""
    return _TYPES.get(word)


def address_key(text: str | None) -> str | None:
    """The comparison key of an address (see :class:`Address`); None for an empty address."""
    if text is None or not str(text).strip():
        return None
    return parse_address(text).key or _fold(text)
