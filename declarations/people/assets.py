"""Family assets as comparable keys, so the same flat or car is recognised next year.

A real-estate key is the object type and the area rounded to whole square metres
(«Квартира (общая долевая, 1/4)» 44.3 → flat:44); the land of a dacha and a «земельный
участок» are both land. A vehicle key is its make, spelt the same whether the table
wrote «Тойота», «TOYOTA» or «Toyota Land Cruiser»: the first word that names a make.
Keys are hashed to integers so a million sections' sets intersect quickly in polars.
"""

from __future__ import annotations

import polars as pl

# Makes as published in Cyrillic and Latin (lower case), mapped to one spelling. Words not
# listed are kept as written when they are the first word of the text after the vehicle type.
MAKES = {
    "toyota": "toyota", "тойота": "toyota", "тоета": "toyota", "тойоту": "toyota",
    "nissan": "nissan", "ниссан": "nissan", "нисан": "nissan",
    "mitsubishi": "mitsubishi", "мицубиси": "mitsubishi", "митсубиси": "mitsubishi", "митсубиши": "mitsubishi",
    "мицубиши": "mitsubishi",
    "honda": "honda", "хонда": "honda", "mazda": "mazda", "мазда": "mazda",
    "subaru": "subaru", "субару": "subaru", "suzuki": "suzuki", "сузуки": "suzuki",
    "lexus": "lexus", "лексус": "lexus", "infiniti": "infiniti", "инфинити": "infiniti",
    "hyundai": "hyundai", "хендэ": "hyundai", "хендай": "hyundai", "хундай": "hyundai", "хёндэ": "hyundai",
    "хенде": "hyundai", "хэндай": "hyundai",
    "kia": "kia", "киа": "kia", "daewoo": "daewoo", "дэу": "daewoo", "деу": "daewoo", "дэо": "daewoo",
    "chevrolet": "chevrolet", "шевроле": "chevrolet", "шевролет": "chevrolet",
    "ford": "ford", "форд": "ford", "opel": "opel", "опель": "opel",
    "volkswagen": "volkswagen", "фольксваген": "volkswagen", "вольксваген": "volkswagen", "vw": "volkswagen",
    "audi": "audi", "ауди": "audi", "bmw": "bmw", "бмв": "bmw",
    "mercedes": "mercedes", "мерседес": "mercedes", "мерседес-бенц": "mercedes", "mercedes-benz": "mercedes",
    "skoda": "skoda", "шкода": "skoda", "renault": "renault", "рено": "renault",
    "peugeot": "peugeot", "пежо": "peugeot", "citroen": "citroen", "ситроен": "citroen",
    "volvo": "volvo", "вольво": "volvo", "land": "landrover", "ленд": "landrover", "лэнд": "landrover",
    "range": "landrover", "рендж": "landrover", "porsche": "porsche", "порше": "porsche",
    "lada": "lada", "лада": "lada", "ваз": "lada", "vaz": "lada", "жигули": "lada", "нива": "lada",
    "уаз": "uaz", "uaz": "uaz", "газ": "gaz", "газель": "gaz", "волга": "gaz",
    "камаз": "kamaz", "зил": "zil", "москвич": "moskvich", "иж": "izh",
    "ssangyong": "ssangyong", "ссангйонг": "ssangyong", "ссанг": "ssangyong", "ссангенг": "ssangyong",
    "chery": "chery", "черри": "chery", "чери": "chery", "geely": "geely", "джили": "geely",
    "great": "greatwall", "грейт": "greatwall", "lifan": "lifan", "лифан": "lifan",
    "jeep": "jeep", "джип": "jeep", "fiat": "fiat", "фиат": "fiat", "datsun": "datsun", "датсун": "datsun",
    "cadillac": "cadillac", "кадиллак": "cadillac", "jaguar": "jaguar", "ягуар": "jaguar",
}
# Words of a vehicle text that are its type or ownership, never its make.
_NOT_MAKE = {
    "а", "м", "ам", "автомобиль", "автомобили", "легковой", "легковые", "грузовой", "грузовые",
    "транспортное", "средство", "средства", "индивидуальная", "индивидуальный", "общая", "совместная",
    "долевая", "собственность", "автомашина", "легковая", "мототранспортные", "мотоцикл", "прицеп",
    "автоприцеп", "марки", "модели", "лег", "ой", "иные", "иное", "транспортные", "седан", "универсал",
    "пользование", "в", "с", "к", "тс",
}

ESTATE_TYPES = (
    ("машино", "parking"), ("парков", "parking"), ("гараж", "garage"), ("земел", "land"), ("участ", "land"),
    ("дач", "dacha"), ("садов", "dacha"), ("квартир", "flat"), ("комнат", "room"), ("дом", "house"),
    ("строен", "house"), ("нежил", "non_residential"),
)


def estate_type(text: pl.Expr) -> pl.Expr:
    lowered = text.fill_null("").str.to_lowercase()
    result = pl.lit("other")
    for stem, code in reversed(ESTATE_TYPES):
        result = pl.when(lowered.str.contains(stem, literal=True)).then(pl.lit(code)).otherwise(result)
    return result


def estate_key(object_type: pl.Expr, area: pl.Expr) -> pl.Expr:
    return pl.when(area.is_not_null() & (area > 0)).then(
        pl.concat_str([object_type, pl.lit(":"), area.round(0).cast(pl.Int64).cast(pl.Utf8)]).hash())


def vehicle_make(text: pl.Expr) -> pl.Expr:
    """The make named in a vehicle text: the first word that is neither a type nor an ownership."""
    words = (text.fill_null("").str.to_lowercase().str.replace_all("ё", "е")
             .str.replace_all(r"[^a-zа-я0-9\-]+", " ").str.strip_chars().str.split(" "))
    candidates = words.list.eval(pl.element().filter(
        ~pl.element().is_in(list(_NOT_MAKE)) & (pl.element().str.len_chars() > 1)
        & ~pl.element().str.contains(r"^[0-9\-]+$")))
    known = candidates.list.eval(pl.element().filter(pl.element().is_in(list(MAKES))).replace(MAKES))
    return pl.coalesce(known.list.first(), candidates.list.first())
