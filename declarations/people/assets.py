"""The make of a vehicle written as free text, when `declarations.normalise.vehicles` knows none.

The normaliser's table of makes decides first (`sections.read_sections`); for a make it does not
list, the first word of the text that is neither a vehicle type nor an ownership note is the make,
so «мотоцикл Урал» one year and «Урал» the next still agree. (Real estate needs no key of its own:
an object is its area to the square metre, whatever the text calls it — «Частный дом» one year,
«Жилой дом, приусадебный участок» the next.)
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

def vehicle_make(text: pl.Expr) -> pl.Expr:
    """The make named in a vehicle text: the first word that is neither a type nor an ownership."""
    words = (text.fill_null("").str.to_lowercase().str.replace_all("ё", "е")
             .str.replace_all(r"[^a-zа-я0-9\-]+", " ").str.strip_chars().str.split(" "))
    candidates = words.list.eval(pl.element().filter(
        ~pl.element().is_in(list(_NOT_MAKE)) & (pl.element().str.len_chars() > 1)
        & ~pl.element().str.contains(r"^[0-9\-]+$")))
    known = candidates.list.eval(pl.element().filter(pl.element().is_in(list(MAKES))).replace(MAKES))
    return pl.coalesce(known.list.first(), candidates.list.first())
