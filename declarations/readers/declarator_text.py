"""What the free text of public declarations holds, split into the store's fields.

Published tables put several facts into one cell: «Квартира (общая долевая, 1/4)» is a type,
an ownership kind and a share; «квартира\\n(пользование)» is a flat in use, not owned;
«а/м легковой Toyota Land Cruiser 200 (совместная)» is a vehicle type, a make, a model and an
ownership. This module only splits such text into fields; comparing two spellings of one car
or flat across years is the asset-identity layer's job (`declarations/normalise/`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from declarations.text import fold

# ------------------------------------------------------------------------------ real estate

_OBJECT_TYPES = (
    ("машино", "parking"), ("машиноместо", "parking"), ("парковоч", "parking"), ("парковк", "parking"),
    ("паркинг", "parking"), ("стоянк", "parking"),
    ("земел", "land"), ("земл", "land"), ("участок", "land"), ("участк", "land"), ("з.у.", "land"),
    ("гараж", "garage"), ("бокс", "garage"),
    ("дач", "dacha"),
    ("комнат", "flat"), ("квартир", "flat"), ("апартамент", "flat"), ("аппартамент", "flat"),
    ("таунхаус", "house"),
    ("жилой дом", "house"), ("жилое строение", "house"), ("дом", "house"), ("коттедж", "house"),
    ("нежил", "non_residential"), ("офис", "non_residential"), ("помещен", "non_residential"),
)
# Words that say the object is used, not owned (the type cell often carries them in brackets).
_USED_WORDS = re.compile(
    r"пользовани|пользование|предоставлени|найм|наем|аренд|член семьи собственника|проживани|регистрац|служебн",
)
_OWNERSHIP_WORDS = (("совмест", "joint"), ("долев", "shared"), ("доля", "shared"), ("доли", "shared"),
                    ("индивид", "individual"))
_UNICODE_FRACTIONS = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5", "⅙": "1/6",
                      "⅛": "1/8"}
_SHARE = re.compile(r"(\d+)\s*/\s*(\d+)")
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
# Brackets and remarks that are about ownership/holding, removed from the type text.
_BRACKETED = re.compile(r"\(([^()]*)\)")
_NUMBERING = re.compile(r"^\s*(\d+\s*[).]|[-–—•])\s*")
_AREA_TAIL = re.compile(r"[,\s]*\d+(?:[.,]\d+)?\s*(кв\.?\s*м\.?|м2|м²|га)\b.*$", re.IGNORECASE | re.DOTALL)
_REMARK_WORDS = re.compile(
    r"\b(общая|общей|совместная|совместной|долевая|долевой|индивидуальная|индивидуальный|индивидуальное|"
    r"индивид|собственность|собственности|в собственности|пользование|пользовании|безвозмездное|"
    r"фактическое предоставление|предоставление|доля|доли|долей)\b", re.IGNORECASE)


@dataclass
class EstateText:
    holding: str            # owned | used
    object_type: str        # enum of OBJECT_TYPES
    type_text: str          # the type as written, without the ownership remarks («комната», «садовый дом»)
    ownership: str | None   # individual | shared | joint (owned only)
    share: str | None       # «1/4»


def _fractions(text: str) -> str:
    for symbol, fraction in _UNICODE_FRACTIONS.items():
        text = text.replace(symbol, f" {fraction}")
    return text


def share_of(text: str) -> str | None:
    """«1/4», «1/2 доли», «доля 50%», «½» → a fraction; None when there is none."""
    text = _fractions(text or "")
    found = _SHARE.search(text)
    if found and int(found.group(2)) > 0 and 0 < int(found.group(1)) <= int(found.group(2)):
        return f"{int(found.group(1))}/{int(found.group(2))}"
    percent = _PERCENT.search(text)
    if percent:
        value = float(percent.group(1).replace(",", "."))
        if 0 < value < 100:
            hundredths = round(value * 100)
            return _reduced(hundredths, 10000)
    return None


def _reduced(numerator: int, denominator: int) -> str:
    from math import gcd

    divisor = gcd(numerator, denominator)
    return f"{numerator // divisor}/{denominator // divisor}"


def object_type_of(text: str) -> str:
    folded = fold(text)
    return next((code for stem, code in _OBJECT_TYPES if stem in folded), "other")


def type_text_of(text: str) -> str:
    """The type as written, without numbering, area, brackets and ownership words («Квартира (1/4)» → «Квартира»)."""
    cleaned = _NUMBERING.sub("", _fractions(text or ""))
    cleaned = _BRACKETED.sub(" ", cleaned)
    cleaned = _AREA_TAIL.sub("", cleaned)
    cleaned = _SHARE.sub(" ", cleaned)
    cleaned = _REMARK_WORDS.sub(" ", cleaned)
    cleaned = re.sub(r"[\s,;:–—-]+$", "", re.sub(r"\s+", " ", cleaned)).strip(" ,;:-–—")
    return cleaned or re.sub(r"\s+", " ", text or "").strip()


_NOT_AN_OBJECT = re.compile(r"^(не имеет(ся)?|не имею|нет|отсутству[а-я]*|россия|российская федерация|[-–—]|"
                            r"индивидуальн[а-я]*|общая|долевая|совместная)$")
_HYPHEN_BREAK = re.compile(r"(?<=[а-я])-\s*(?=[а-я])")


def not_an_object(type_raw: str) -> bool:
    """A cell the parser took from another column or a placeholder («Россия», «Не имеется», «индивидуальная»)."""
    return bool(_NOT_AN_OBJECT.match(fold(type_raw).strip(" .,;")))


def parse_estate(type_raw: str, own_type_raw: str | None, by_column: str | None) -> EstateText:
    """Holding, type, ownership and share of one real-estate row from all its texts."""
    own_type_raw = _HYPHEN_BREAK.sub("", own_type_raw or "") or None
    remarks = " ".join(part for part in (type_raw, own_type_raw) if part)
    folded = fold(remarks)
    column = fold(by_column or "")
    if "пользов" in column:
        holding = "used"
    elif _USED_WORDS.search(folded) and "собственн" not in fold(own_type_raw or "") + " ".join(
            fold(m) for m in _BRACKETED.findall(type_raw or "")):
        holding = "used"
    else:
        holding = "owned"
    share = share_of(remarks) if holding == "owned" else None
    ownership = None
    if holding == "owned":
        ownership = next((code for stem, code in _OWNERSHIP_WORDS if stem in folded), None)
        if share is not None and ownership in (None, "individual"):
            ownership = "shared"
        if ownership is None and re.search(r"\bобщ(ая|ей)\b", folded):
            ownership = "shared" if share else "joint" if "совмест" in folded else None
    return EstateText(holding, object_type_of(type_raw), type_text_of(type_raw), ownership, share)


# ------------------------------------------------------------------------------ vehicles

_VEHICLE_TYPE_WORDS = (
    ("лодк", "water"), ("катер", "water"), ("судно", "water"), ("яхт", "water"), ("гидроцикл", "water"),
    ("мото", "moto"), ("мопед", "moto"), ("скутер", "moto"), ("квадроцикл", "moto"), ("снегоход", "moto"),
    ("грузов", "truck"), ("автобус", "truck"), ("прицеп", "other"), ("полуприцеп", "other"),
    ("трактор", "agri"), ("сельскох", "agri"), ("комбайн", "agri"), ("мотоблок", "agri"),
    ("лодк", "water"), ("катер", "water"), ("судно", "water"), ("яхт", "water"), ("водн", "water"),
    ("гидроцикл", "water"),
    ("самолет", "air"), ("вертолет", "air"), ("воздушн", "air"),
    ("легков", "car"), ("автомоб", "car"), ("а/м", "car"),
)
# The type words a cell starts with («а/м легковой», «Автомобили легковые:», «легковое»).
_TYPE_PREFIX = re.compile(
    r"^\s*(?:[-–—•]\s*|\d+\s*[).]\s*)?"
    r"((?:(?:а/м|а\\м|автомобил[ьяиейю]*|автотранспорт(?:ное средство)?|транспортн[а-я]*\s+средств[а-я]*|"
    r"легков[а-я]*|грузов[а-я]*|мототранспорт(?:ные средства)?|мототранспортное средство|"
    r"водный транспорт|водн[а-я]*|мотоцикл[а-я]*|мотороллер[а-я]*|трактор[а-я]*|снегоход[а-я]*|сельскохозяйственн[а-я]*\s+техник[а-я]*|иные транспортные средства|"
    r"иное|прочие)[\s:,.–—-]*)+)",
    re.IGNORECASE,
)
_OWNERSHIP_TAIL = re.compile(
    r"[\s,]*\(?\s*(совместн[а-я]*(?:\s+(?:с\s+[а-я]+|пользовани[а-я]*|собственност[а-я]*))?|индивидуальн[а-я]*"
    r"(?:\s+собственност[а-я]*)?|общая\s+совместная(?:\s+собственность)?|общая\s+долевая[^)]*|долевая[^)]*|"
    r"собственность|в\s+собственности|пользование)\s*\)?\s*$", re.IGNORECASE)
_YEAR_MADE = re.compile(r"[,\s]*\(?(\d{4})\s*(?:г\.?\s*в\.?|г\.?|года выпуска)?\)?\s*[.,]?\s*$", re.IGNORECASE)
# Text that is not a vehicle (country cells bled into the column, placeholders).
_NOT_A_VEHICLE = re.compile(r"^(россия|российская федерация|нет|не имеет|отсутству[а-я]*|-|—|0|не указано)$")


@dataclass
class VehicleText:
    vehicle_type: str
    type_text: str | None   # the type words as written («а/м легковой»)
    make: str               # make and model as written («Toyota Land Cruiser 200»); never the type words
    model: str | None       # everything after the first word of `make`, when there is more
    ownership: str | None   # individual | joint | shared
    year_made: int | None


_NEXT_VEHICLE = re.compile(r"(?:[,\n]\s*(?=(?:а/м|автомобил|легков|грузов|мотоцикл|прицеп|автоприцеп|трактор|лодка|"
                           r"катер|снегоход|квадроцикл|мотороллер)[а-я]*\b)|\n\s*(?=[-–—•]|\d+\s*[.)]))",
                           re.IGNORECASE)
_ONLY_OWNERSHIP = re.compile(r"^\(?\s*(индивидуальная|совместная|общая совместная|долевая|общая долевая|"
                             r"собственность|в собственности)(\s+собственность)?\s*\)?$")


def vehicle_parts(text: str) -> list[str]:
    """One cell may list several vehicles: blank lines, semicolons or «, автомобиль …» separate them.

    A part that is only an ownership remark («(совместная собственность)») belongs to the vehicle before it.
    """
    parts = [q for p in re.split(r"\n\s*\n|;\s*", text or "") for q in _NEXT_VEHICLE.split(p)]
    out: list[str] = []
    for part in (re.sub(r"\s+", " ", p).strip(" ,.\t") for p in parts):
        if not part or _NOT_A_VEHICLE.match(fold(part)):
            continue
        only_type = _TYPE_PREFIX.match(part)
        if only_type and only_type.end() >= len(part.rstrip(" :,.")):
            continue  # «Автомобиль легковой» on its own line before the vehicles it heads
        if _ONLY_OWNERSHIP.match(fold(part)) and out:
            out[-1] = f"{out[-1]} ({part.strip('()')})"
            continue
        out.append(part)
    return out


def vehicle_type_of(text: str) -> str:
    folded = fold(text)
    return next((code for stem, code in _VEHICLE_TYPE_WORDS if stem in folded), "car")


def _first_type(*texts: str | None) -> str:
    """The type the first text that names one says («а/м легковой» before a «грузовой» later in the cell)."""
    for text in texts:
        folded = fold(text or "")
        code = next((code for stem, code in _VEHICLE_TYPE_WORDS if stem in folded), None)
        if code:
            return code
    return "car"


def parse_vehicle(text: str, type_raw: str | None = None) -> VehicleText:
    """Type, make, model, ownership and year made of one vehicle written as one text."""
    rest = re.sub(r"\s+", " ", text or "").strip()
    ownership = None
    tail = _OWNERSHIP_TAIL.search(rest)
    if tail:
        word = fold(tail.group(1))
        ownership = "joint" if "совмест" in word else "shared" if "долев" in word else \
            "individual" if "индивид" in word else None
        rest = rest[: tail.start()].strip()
    year_made = None
    year = _YEAR_MADE.search(rest)
    if year and 1900 <= int(year.group(1)) <= 2100 and year.start() > 0 and (
            "г" in year.group(0) or year.group(0).lstrip(" ").startswith(("(", ","))):
        year_made = int(year.group(1))
        rest = rest[: year.start()].strip()
    type_text = None
    prefix = _TYPE_PREFIX.match(rest)
    if prefix and prefix.end() < len(rest):
        type_text = prefix.group(1).strip(" :,.–—-")
        rest = rest[prefix.end():].strip(" :,.–—-")
    vehicle_type = _first_type(type_text, type_raw, rest)
    rest = rest.strip(" :,.–—-\"«»") or text.strip()
    words = rest.split(" ", 1)
    return VehicleText(vehicle_type, type_text, rest, words[1] if len(words) > 1 else None, ownership, year_made)


# ------------------------------------------------------------------------------ names and income remarks

# What the parser puts into the name column when a cell is a form control or a heading.
_JUNK_NAMES = re.compile(
    r"выберите|из списка|^\s*$|^[\W\d_]+$|^(фамилия|ф\.?и\.?о\.?|фамилия, имя, отчество|итого|всего|супруг|"
    r"супруга|несовершеннолетн|ребенок|сын|дочь)\b",
    re.IGNORECASE,
)


def junk_name(name: str) -> bool:
    """A name no person has: a drop-down placeholder («Выберите из списка»), a heading, digits only."""
    return bool(_JUNK_NAMES.search(fold(name))) or not re.search(r"[а-яa-z]{2,}", fold(name))


def income_remark(size_raw: str | None, size: float | None) -> str | None:
    """What the income cell says beyond the number («в т.ч. от продажи автомобиля 250 000 р.»)."""
    if not size_raw:
        return None
    text = re.sub(r"\s+", " ", size_raw).strip()
    # the figure itself is the amount: the remark is what follows it
    text = re.sub(r"^[\d\s.,]+(тыс\.?|млн\.?)?\s*(руб[а-я]*\.?|р\.?)?[\s.,;:]*", "", text, flags=re.IGNORECASE)
    # the parser writes «т,ч,» and «руб,» for «т.ч.» and «руб.»: a comma after a short abbreviation is a dot
    text = re.sub(r"(?<=\b[а-яА-Я]{1})\s?,(?=\s?[а-яА-Я]\b)", ".", text)
    text = re.sub(r"\b(т\.ч|т\.е|руб|р|коп|тыс|млн|г)\s?,", r"\1.", text)
    if not re.search(r"[а-яА-Яa-zA-Z]{3,}", text):
        return None
    if re.fullmatch(r"[\d\s.,]*(тыс\.?|млн\.?)?[\s,.]*(руб[а-я.,]*|р\.?,?|рублей)?[\s.,]*", text, re.IGNORECASE):
        return None
    return text
