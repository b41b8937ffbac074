"""The normalisers of declarations.normalise: spellings of one car, bank or address seen in real
справки (the public tables in tests/fixtures and the examples of issue 10) give one key, and
different objects keep different keys."""

import pytest

from declarations.normalise import address_key, areas_close, bank_key, parse_address, parse_vehicle, vehicle_key

# Spellings of one vehicle, each group from real published tables (smart_parser regression files) or the issue.
SAME_VEHICLE = [
    [("TOYOTA", "RAV4"), ("Тойота", "РАВ 4"), ("TOYOTA RAV 4", None), ("легковой Тойота РАВ-4", None),
     ("Автомобиль легковой \nTOYOTA RAV4", None), ("легковой Toyota Rav4", None)],
    [("Шкода", "Октавия"), ("ŠKODA", "OCTAVIA"), ("Skoda Octavia", None)],
    [("ВАЗ-21093", None), ("LADA", "2109"), ("ВАЗ 2109", None), ("Лада", "21093")],
    [("БМВ Х5", None), ("BMW", "X5"), ("Легковой автомобиль, BMW X5", None)],
    [("Lexus RX350", None), ("RX 350", None), ("Автомобили легковые Lexus RX 350", None), ("Лексус", "RX 350")],
    [("Mercedes-Benz", "ML 350 4MATIC"), ("легковой Mercedes ML 350", None), ("Мерседес", "ML 350")],
    [("МАЗДА СХ-5, 2017", None), ("Мазда СХ-5, 2017 года выпуска", None), ("Mazda", "CX-5")],
    [("Мицубиси Lancer, 2007", None), ("Мицубиси лансер", None), ("Мицубиси Лансер(совместно с супругом)", None),
     ("Мицубиси Лансер (совместное пользование)", None)],
    [("а/м легковой\nМЕРСЕДЕС БЕНЦ GLE 250 d 4MATIC", None), ("Mercedes-Benz", "GLE 250")],
    [("а/м легковой\nХундай Санта Фе", None), ("легковой Хендай Санта Фе", None), ("Hyundai", "Santa Fe")],
    [("автомобиль легковой Ауди А4 2,0", None), ("Audi", "A4")],
    [("легковой автомобиль ВОЛЬВО ХС70", None), ("Volvo", "XC70")],
    [("LADA GRANTA 219070", None), ("Лада Гранта", None), ("ВАЗ 21901", None)],
    [("Lada 212140, 2017 г\n(долевая ¼)", None), ("ВАЗ 2121", None)],
    [("легковой Volkswagen Tiguan", None), ("а/м Фольксваген Тигуан", None), ("VW", "Tiguan")],
]
DIFFERENT_VEHICLES = [
    (("BMW", "X5"), ("BMW", "X6")), (("ВАЗ 2107", None), ("ВАЗ 2109", None)),
    (("Lexus RX350", None), ("Lexus RX 270", None)), (("TOYOTA", "RAV4"), ("TOYOTA", "Camry")),
    (("Мицубиси Lancer", None), ("Мазда СХ-5", None)), (("Kia", "Rio"), ("Hyundai", "Solaris")),
]


@pytest.mark.parametrize("group", SAME_VEHICLE, ids=lambda g: g[0][0])
def test_spellings_of_one_vehicle_have_one_key(group):
    keys = {vehicle_key(make, model) for make, model in group}
    assert len(keys) == 1, keys


@pytest.mark.parametrize("a,b", DIFFERENT_VEHICLES)
def test_different_vehicles_keep_different_keys(a, b):
    assert vehicle_key(*a) != vehicle_key(*b)


def test_vehicle_make_and_model_are_read_out_of_a_declarator_text():
    parsed = parse_vehicle("а/м легковой Toyota Land Cruiser 200 (совместная)")
    assert parsed.make == "TOYOTA" and parsed.model == "LAND CRUISER 200"
    assert parse_vehicle("ВАЗ-21093").make == "LADA" and parse_vehicle("ВАЗ-21093").model == "2109"
    assert parse_vehicle("RX 350").make == "LEXUS"          # a model of one make names the make
    assert parse_vehicle("Старый жигуль").make is None        # no make guessed from a nickname


SAME_BANK = [
    ["ПАО «Сбербанк России»", "ПАО Сбербанк", "Сбербанк", "СБЕР", "ОАО \"Сбербанк России\"",
     "Доп. офис № 8607/0123 Северо-Западного банка ПАО Сбербанк"],
    ["Промсвязьбанк", "ПАО «ПСБ»", "ПАО \"Промсвязьбанк\""],
    ["АО «Тинькофф Банк»", "АО «ТБанк»", "Т-Банк"],
    ["ВТБ 24 (ПАО)", "Банк ВТБ (ПАО)", "ВТБ", "ПАО Банк «ФК Открытие»", "ОАО «Банк Москвы»"],
    ["АО «Альфа-Банк»", "Альфа Банк"],
    ["АО Россельхозбанк", "АО «РСХБ»"],
    ["Банк ГПБ (АО)", "Газпромбанк"],
    ["ПАО «Почта Банк»", "Лето Банк"],
    ["АО «Банк Левобережный»", "Левобережный"],
]


@pytest.mark.parametrize("group", SAME_BANK, ids=lambda g: g[0])
def test_names_of_one_bank_have_one_key(group):
    assert len({bank_key(name) for name in group}) == 1, {name: bank_key(name) for name in group}


def test_different_banks_keep_different_keys():
    keys = [bank_key(n) for n in ("Сбербанк", "ВТБ", "Альфа-Банк", "Газпромбанк", "Почта Банк", "Совкомбанк",
                                    "Промсвязьбанк", "Тинькофф", "Райффайзенбанк", "Левобережный")]
    assert len(set(keys)) == len(keys)
    assert bank_key(None) is None and bank_key("  ") is None


SAME_ADDRESS = [
    ["Северогорск, ул. Советская, 60, кв. 26", "г. Северогорск, ул. Советская, 60, кв. 26",
     "Советская ул., д.60, кв.26, г.Северогорск", "г.Северогорск, улица Советская, дом 60, квартира 26",
     "Северогорск, Советская 60-26"],
    ["123456, Россия, Тверская обл., г. Тверь, пр-т Ленина, д. 5 корп. 2, кв. 10",
     "Тверь, проспект Ленина 5к2-10"],
    ["ул. К. Маркса, 10-5", "улица Карла Маркса, д.10, кв.5"],
    ["г. Москва, ул. 1-я Тверская-Ямская, д. 7, кв. 3", "Москва, 1 Тверская-Ямская ул, 7-3"],
]


@pytest.mark.parametrize("group", SAME_ADDRESS, ids=lambda g: g[0])
def test_writings_of_one_address_have_one_key(group):
    assert len({address_key(text) for text in group}) == 1, {t: address_key(t) for t in group}


def test_address_parts_and_different_flats():
    parsed = parse_address("Московская область, Одинцовский р-н, д. Ивановка, 15")
    assert parsed.settlement == "ивановка" and parsed.house == "15"   # «д.» before a name is a village
    assert address_key("г. Северогорск, ул. Советская, 60, кв. 26") != address_key("г. Северогорск, ул. Советская, 60, кв. 27")
    assert address_key("ул. Советская, 60") != address_key("ул. Садовая, 60")


def test_areas_within_tolerance():
    assert areas_close(74.1, 74.6, 1.0) and not areas_close(74.1, 87.4, 1.0) and areas_close(None, 50.0)
