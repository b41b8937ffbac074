"""Writing the справки the way HR departments type them (issue 10): the default of the generator.

The official form has no column for a cadastral number, a plate or an account number, and the
servant fills it in anew every year. So, by default (``realism="realistic"``):

* only a minority of assets carry their identifier (`IDENTIFIER_SHARE`, decided once per object:
  the HR file either copies it from the extract every year or never);
* the same object is spelt differently from year to year: the make and model in Latin or Cyrillic,
  upper or lower case, with or without spaces, sometimes make and model in one cell; the address with
  or without the region and «г.», «ул.»/«улица», «д.»/«дом», «кв.»/«квартира», in another order, or
  «60-26»; the bank by its legal, full, old or short name («ПАО «Сбербанк России»», «Сбербанк»,
  «ПСБ»; «Тинькофф» before 2024 and «ТБанк» from 2024); the account type in other words;
* areas of 40 m² and more are re-measured by up to 0.3 % (never beyond the 1 % tolerance);
* now and then a part is left out: the model (5 %), the address (5 %), the account type (5 %).

``realism="clean"`` writes every identifier and the same spelling every year (the generator as it
was before issue 10). The choices are a hash of (seed, object, year): the background and the planted
cases are the same in both modes, only their writing differs. `AssetTruth` records which object
every written row is (its original identifier), so a benchmark can score the matching.

The spellings are this module's own tables (the generator does not import the checks).
"""

from __future__ import annotations

import csv
import zlib
from pathlib import Path

IDENTIFIER_SHARE = 0.25

# the generator's makes (as `model.CARS` writes them) and models, with the spellings people use
MAKE_SPELLINGS = {
    "LADA": ("LADA", "Лада", "ЛАДА", "ВАЗ", "Lada"), "ЛАДА": ("ЛАДА", "LADA", "Лада", "ВАЗ"),
    "ВАЗ": ("ВАЗ", "LADA", "Лада", "ВАЗ (LADA)"),
    "Kia": ("Kia", "KIA", "Киа", "КИА"), "КИА": ("КИА", "KIA", "Киа"),
    "Hyundai": ("Hyundai", "HYUNDAI", "Хендай", "Хундай", "Хендэ"), "Хендэ": ("Хендэ", "Hyundai", "Хендай"),
    "Toyota": ("Toyota", "TOYOTA", "Тойота", "ТОЙОТА"), "Тойота": ("Тойота", "Toyota", "TOYOTA"),
    "Volkswagen": ("Volkswagen", "VOLKSWAGEN", "Фольксваген", "VW"), "Фольксваген": ("Фольксваген", "Volkswagen"),
    "Skoda": ("Skoda", "ŠKODA", "SKODA", "Шкода"), "Шкода": ("Шкода", "ŠKODA", "Skoda"),
    "Renault": ("Renault", "RENAULT", "Рено"), "Рено": ("Рено", "Renault", "RENAULT"),
    "Chery": ("Chery", "CHERY", "Чери"), "Чери": ("Чери", "Chery"),
    "Haval": ("Haval", "HAVAL", "Хавал"), "Хавал": ("Хавал", "Haval"),
    "Geely": ("Geely", "GEELY", "Джили"), "Джили": ("Джили", "Geely"),
    "Nissan": ("Nissan", "NISSAN", "Ниссан"), "Ниссан": ("Ниссан", "Nissan"),
    "Mitsubishi": ("Mitsubishi", "MITSUBISHI", "Мицубиси"),
    "УАЗ": ("УАЗ", "UAZ"), "UAZ": ("UAZ", "УАЗ"),
    "Chevrolet": ("Chevrolet", "CHEVROLET", "Шевроле"), "Шевроле": ("Шевроле", "Chevrolet"),
    "Ford": ("Ford", "FORD", "Форд"), "Mazda": ("Mazda", "MAZDA", "Мазда"),
}
MODEL_SPELLINGS = {
    "Granta": ("Granta", "GRANTA", "Гранта", "219010"), "Vesta": ("Vesta", "VESTA", "Веста"),
    "Largus": ("Largus", "Ларгус"), "Niva Legend": ("Niva Legend", "НИВА Легенд", "Нива Legend"),
    "Rio": ("Rio", "RIO", "Рио"), "Sportage": ("Sportage", "SPORTAGE", "Спортейдж"), "Ceed": ("Ceed", "CEED", "Сид"),
    "Solaris": ("Solaris", "SOLARIS", "Солярис"), "Creta": ("Creta", "CRETA", "Крета"),
    "Tucson": ("Tucson", "TUCSON", "Туссан"), "Camry": ("Camry", "CAMRY", "Камри"),
    "RAV4": ("RAV4", "RAV 4", "РАВ 4", "Рав-4", "RAV-4"), "Corolla": ("Corolla", "COROLLA", "Королла"),
    "Land Cruiser Prado": ("Land Cruiser Prado", "LAND CRUISER PRADO", "Ленд Крузер Прадо", "Прадо"),
    "Polo": ("Polo", "POLO", "Поло"), "Tiguan": ("Tiguan", "TIGUAN", "Тигуан"),
    "Octavia": ("Octavia", "OCTAVIA", "Октавия"), "Rapid": ("Rapid", "RAPID", "Рапид"),
    "Logan": ("Logan", "LOGAN", "Логан"), "Duster": ("Duster", "DUSTER", "Дастер"),
    "Sandero": ("Sandero", "SANDERO", "Сандеро"), "Tiggo 7 Pro": ("Tiggo 7 Pro", "TIGGO 7 PRO", "Тигго 7 Про"),
    "Jolion": ("Jolion", "JOLION", "Джолион"), "F7": ("F7", "Ф7"), "Coolray": ("Coolray", "COOLRAY", "Кулрей"),
    "Monjaro": ("Monjaro", "MONJARO", "Монжаро"), "Qashqai": ("Qashqai", "QASHQAI", "Кашкай"),
    "X-Trail": ("X-Trail", "X-TRAIL", "X Trail", "Икс-Трейл"), "Outlander": ("Outlander", "OUTLANDER", "Аутлендер"),
    "Патриот": ("Патриот", "Patriot", "PATRIOT"), "Niva": ("Niva", "NIVA", "Нива"),
    "Focus": ("Focus", "FOCUS", "Фокус"), "CX-5": ("CX-5", "CX 5", "СХ-5"),
}
BANK_SPELLINGS = {
    "ПАО Сбербанк": ("ПАО Сбербанк", "ПАО «Сбербанк России»", "Сбербанк", "ПАО СБЕРБАНК", "Сбербанк России"),
    "Банк ВТБ (ПАО)": ("Банк ВТБ (ПАО)", "ВТБ", "ПАО ВТБ", "Банк ВТБ"),
    "АО «Россельхозбанк»": ("АО «Россельхозбанк»", "Россельхозбанк", "АО «РСХБ»"),
    "АО «Альфа-Банк»": ("АО «Альфа-Банк»", "Альфа-Банк", "АЛЬФА-БАНК"),
    "Банк ГПБ (АО)": ("Банк ГПБ (АО)", "Газпромбанк", "АО «Газпромбанк»"),
    "ПАО «Совкомбанк»": ("ПАО «Совкомбанк»", "Совкомбанк"),
    "АО «Почта Банк»": ("АО «Почта Банк»", "Почта Банк", "ПАО «Почта Банк»"),
    "ПАО «Промсвязьбанк»": ("ПАО «Промсвязьбанк»", "Промсвязьбанк", "ПАО «ПСБ»", "ПСБ"),
    "АО «Райффайзенбанк»": ("АО «Райффайзенбанк»", "Райффайзенбанк"),
    "ПАО «МТС-Банк»": ("ПАО «МТС-Банк»", "МТС Банк"),
}
TBANK_BEFORE_2024 = ("АО «Тинькофф Банк»", "Тинькофф", "Тинькофф Банк")
TBANK_FROM_2024 = ("АО «ТБанк»", "ТБанк", "Т-Банк")
ACCOUNT_TYPE_SPELLINGS = {
    "текущий": ("текущий", "Текущий счет", "текущий (карта)"), "зарплатный": ("зарплатный", "текущий", "зарплатная карта"),
    "карточный": ("карточный", "текущий", "карточный счет"), "депозитный": ("депозитный", "вклад", "Депозит"),
    "сберегательный": ("сберегательный", "Сберегательный счет"), "накопительный": ("накопительный", "накопительный счет"),
}


class Realism:
    """Rewrites asset rows of one year as a person retyping the справка would (see the module docstring)."""

    def __init__(self, mode: str, seed: int):
        if mode not in ("realistic", "clean"):
            raise ValueError(f"realism must be 'realistic' or 'clean', not {mode!r}")
        self.realistic = mode == "realistic"
        self.seed = seed

    def _u(self, *parts) -> float:
        """A uniform number in [0, 1) from the parts (stable across runs and modes)."""
        return zlib.crc32("|".join(map(str, (self.seed, *parts))).encode()) / 2 ** 32

    def _pick(self, options: tuple, *parts):
        return options[int(self._u(*parts) * len(options))]

    def keeps_identifier(self, uid: str) -> bool:
        return not self.realistic or self._u("ident", uid) < IDENTIFIER_SHARE

    # --- rows (tuples as `model.Builder.snapshot` makes them)
    def estate(self, row: tuple, year: int) -> tuple:
        if not self.realistic:
            return row
        holding, obj, ownership, share, area, country, address, cad, acquired, basis = row
        uid = estate_uid(row)
        if area is not None and area >= 40 and obj != "land":
            step = self._pick((-0.003, 0.0, 0.0, 0.003), "area", uid, year)
            area = round(area * (1 + step), 1)
        address = self._address(address, uid, year) if self._u("no address", uid, year) >= 0.05 else None
        cad = cad if self.keeps_identifier(uid) else None
        return (holding, obj, ownership, share, area, country, address, cad, acquired, basis)

    def vehicle(self, row: tuple, year: int) -> tuple:
        if not self.realistic:
            return row
        vtype, make, model, year_made, reg, acquired = row
        uid = vehicle_uid(row)
        make = self._pick(MAKE_SPELLINGS.get(make, (make,)), "make", uid, year)
        model = self._pick(MODEL_SPELLINGS.get(model, (model,)), "model", uid, year) if model else model
        together = self._u("together", uid, year)
        if model and together < 0.15:
            make, model = f"{make} {model}", None          # «Тойота Камри» in the make column
        elif model and together > 0.95:
            model = None                                   # the model left out: «Тойота»
        reg = reg if self.keeps_identifier(uid) else None
        return (vtype, make, model, year_made, reg, acquired)

    def account(self, row: tuple, year: int) -> tuple:
        if not self.realistic:
            return row
        bank, number, atype, currency, opened, balance = row
        uid = account_uid(row)
        if bank == "АО «ТБанк»":
            bank = self._pick(TBANK_FROM_2024 if year >= 2024 else TBANK_BEFORE_2024, "bank", uid, year)
        else:
            bank = self._pick(BANK_SPELLINGS.get(bank, (bank,)), "bank", uid, year)
        atype = self._pick(ACCOUNT_TYPE_SPELLINGS.get(atype, (atype,)), "type", uid, year) if atype else atype
        if self._u("no type", uid, year) < 0.05:
            atype = None                                   # the type of account left out
        number = number if self.keeps_identifier(uid) else None
        return (bank, number, atype, currency, opened, balance)

    def _address(self, address: str | None, uid: str, year: int) -> str | None:
        if not address:
            return address
        parts = [p.strip() for p in address.split(",")]
        region = [p for p in parts if p.endswith("обл.") or p.endswith("р-н")]
        town = next((p for p in parts if p.startswith(("г. ", "с. ", "д. ", "пос. ")) and p not in region), None)
        street = next((p[4:] for p in parts if p.startswith("ул. ")), None)
        house = next((p[3:] for p in parts if p.startswith("д. ") and p[3:4].isdigit()), None)
        flat = next((p[4:] for p in parts if p.startswith("кв. ")), None)
        if street is None or house is None or town is None:   # ГСК, бокс …: only the region comes and goes
            rest = [p for p in parts if p not in region]
            return ", ".join(rest if self._u("region", uid, year) < 0.5 else parts)
        bare_town = town.split(" ", 1)[1] if town.startswith("г. ") else town
        style = int(self._u("address", uid, year) * 5)
        flat_part = [f"кв. {flat}"] if flat else []
        if style == 0:
            return address
        if style == 1:
            return ", ".join([bare_town, f"ул. {street}", house, *flat_part])
        if style == 2:
            return ", ".join([*region, town, f"улица {street}", f"дом {house}",
                              *([f"квартира {flat}"] if flat else [])])
        if style == 3:
            return ", ".join([f"{street} ул.", f"д.{house}", *([f"кв.{flat}"] if flat else []), town])
        return ", ".join([town, f"ул. {street}", f"{house}-{flat}" if flat else f"д. {house}"])


def estate_uid(row: tuple) -> str:
    cad = row[7]
    return f"cad:{cad}" if cad else f"estate:{row[1]}|{row[6]}|{row[8]}"


def vehicle_uid(row: tuple) -> str:
    return f"reg:{row[4]}" if row[4] else f"veh:{row[1]}|{row[2]}|{row[3]}|{row[5]}"


def account_uid(row: tuple) -> str:
    return f"acc:{row[1]}"


class AssetTruth:
    """`asset_truth.csv`: which object every written asset row is (`n`: its place among the rows of its
    справка in that sheet), for scoring the year-over-year matching."""

    def __init__(self, path: Path | None):
        self.path = path
        self.rows: list[tuple] = []

    def add(self, year: int, declaration_id: str, sheet: str, n: int, uid: str) -> None:
        if self.path is not None:
            self.rows.append((year, declaration_id, sheet, n, uid))

    def close(self) -> None:
        if self.path is None:
            return
        with self.path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(("year", "declaration_id", "sheet", "n", "uid"))
            writer.writerows(self.rows)
