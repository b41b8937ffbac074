"""Families, assets and their evolution over the reporting years (background behaviour).

A ``Family`` is one servant with their relatives.  ``build_family`` draws the people,
``simulate`` walks the reporting years and produces one ``Decl`` per subject and year
(servant, spouse, minor children) whose section rows are plain tuples in contract order.

The background is *clean* by construction: nothing in it should raise any finding of
``checks.md``:

* every справка is submitted between mid January and 26 April of the following year;
* incomes grow by a few per cent; a sale («продажа автомобиля» / «продажа квартиры») is at
  most 0.8 × the previous year's income, so the total never doubles, and a spouse who starts
  or stops working earns under 1 000 000 руб.;
* objects never disappear without a declared sale, new objects and vehicles carry an
  acquisition date in the reporting year, accounts appear only when opened in the year and
  keep their opening date, areas and shares never change;
* the positive growth of a subject's balances is at most ``savings_rate`` (0.45) × their
  income of the year;
* an expense (230-ФЗ) is declared only when the previous year is in the history and the deal
  is below 0.9 × the smaller of the family income of the three preceding stored years and of
  the last three stored years;
* children are declared while under 18 on 31 December; payroll equals the declared
  ``main_job`` income or differs by less than 1 000 руб.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from . import names as N
from .ids import Registry

D = dt.date

# --------------------------------------------------------------------------------------
# Reference tables
# --------------------------------------------------------------------------------------

BANKS = [  # name as written in declarations, BIK, weight
    ("ПАО Сбербанк", "044525225", 45),
    ("Банк ВТБ (ПАО)", "044525187", 15),
    ("АО «Россельхозбанк»", "044525111", 8),
    ("АО «Альфа-Банк»", "044525593", 7),
    ("АО «ТБанк»", "044525974", 6),
    ("Банк ГПБ (АО)", "044525823", 4),
    ("ПАО «Совкомбанк»", "043469743", 4),
    ("АО «Почта Банк»", "044525214", 4),
    ("ПАО «Промсвязьбанк»", "044525555", 3),
    ("АО «Райффайзенбанк»", "044525700", 2),
    ("ПАО «МТС-Банк»", "044525232", 2),
]
_BANK_CUM = N._cum([b[2] for b in BANKS])

BIG_ISSUERS = [  # listed companies: shares are not a founder's stake in the register
    ("ПАО Сбербанк", "7707083893"), ("ПАО «Газпром»", "7736050003"),
    ("ПАО «ЛУКОЙЛ»", "7708004767"), ("Банк ВТБ (ПАО)", "7702070139"),
    ("ПАО «НК «Роснефть»", "7706107510"), ("ПАО «МТС»", "7740000076"),
    ("ПАО «Аэрофлот»", "7712040126"), ("ПАО «Магнит»", "2309085638"),
    ("ПАО «ГМК «Норильский никель»", "8401005730"), ("ПАО «Татнефть»", "1644003838"),
]

CARS = [  # make variants, model, vehicle_type, new price
    (("LADA", "ЛАДА", "ВАЗ"), "Granta", "car", 800_000, 12),
    (("LADA", "ЛАДА"), "Vesta", "car", 1_250_000, 10),
    (("LADA", "ЛАДА"), "Largus", "car", 1_150_000, 4),
    (("LADA", "ЛАДА", "ВАЗ"), "Niva Legend", "car", 950_000, 5),
    (("Kia", "КИА"), "Rio", "car", 1_400_000, 8),
    (("Kia",), "Sportage", "car", 2_600_000, 4),
    (("Kia",), "Ceed", "car", 1_700_000, 3),
    (("Hyundai", "Хендэ"), "Solaris", "car", 1_300_000, 8),
    (("Hyundai",), "Creta", "car", 1_800_000, 5),
    (("Hyundai",), "Tucson", "car", 2_800_000, 2),
    (("Toyota", "Тойота"), "Camry", "car", 3_200_000, 3),
    (("Toyota", "Тойота"), "RAV4", "car", 3_300_000, 3),
    (("Toyota",), "Corolla", "car", 2_000_000, 3),
    (("Toyota", "Тойота"), "Land Cruiser Prado", "car", 5_500_000, 1),
    (("Volkswagen", "Фольксваген"), "Polo", "car", 1_300_000, 5),
    (("Volkswagen",), "Tiguan", "car", 2_800_000, 2),
    (("Skoda", "Шкода"), "Octavia", "car", 2_000_000, 4),
    (("Skoda",), "Rapid", "car", 1_400_000, 3),
    (("Renault", "Рено"), "Logan", "car", 1_000_000, 5),
    (("Renault", "Рено"), "Duster", "car", 1_500_000, 4),
    (("Renault",), "Sandero", "car", 1_000_000, 3),
    (("Chery", "Чери"), "Tiggo 7 Pro", "car", 2_300_000, 3),
    (("Haval", "Хавал"), "Jolion", "car", 2_100_000, 3),
    (("Haval",), "F7", "car", 2_700_000, 2),
    (("Geely", "Джили"), "Coolray", "car", 2_200_000, 2),
    (("Geely",), "Monjaro", "car", 4_000_000, 1),
    (("Nissan", "Ниссан"), "Qashqai", "car", 1_900_000, 3),
    (("Nissan",), "X-Trail", "car", 2_400_000, 2),
    (("Mitsubishi",), "Outlander", "car", 2_600_000, 2),
    (("УАЗ", "UAZ"), "Патриот", "car", 1_600_000, 2),
    (("Chevrolet", "Шевроле"), "Niva", "car", 900_000, 3),
    (("Ford",), "Focus", "car", 1_200_000, 2),
    (("Mazda",), "CX-5", "car", 2_800_000, 1),
    (("ГАЗ",), "ГАЗель Next", "truck", 2_500_000, 1),
    (("Yamaha",), "YBR125", "moto", 250_000, 1),
    (("Казанка",), "5М4", "water", 220_000, 1),
    (("МТЗ",), "Беларус 82.1", "agri", 2_400_000, 0.5),
    (("КМЗ",), "8284 (прицеп)", "other", 70_000, 1),
]
_CAR_CUM = N._cum([c[4] for c in CARS])
PASSENGER = [c for c in CARS if c[2] == "car"]
_PASS_CUM = N._cum([c[4] for c in PASSENGER])

STREETS = ["Ленина", "Советская", "Мира", "Садовая", "Молодёжная", "Школьная", "Центральная",
           "Лесная", "Набережная", "Гагарина", "Кирова", "Пушкина", "Октябрьская",
           "Комсомольская", "Заводская", "Победы", "Первомайская", "Строителей", "Северная",
           "Полевая", "Луговая", "Энергетиков", "Чапаева", "Калинина"]
VILLAGES = ["с. Покровское", "д. Берёзовка", "с. Никольское", "д. Ивановка", "с. Знаменское",
            "д. Сосновка", "с. Троицкое", "д. Малиновка", "пос. Заречный", "с. Воскресенское"]
REGION_NAME = "Энская обл."
TOWN = "г. Энск"

DEPARTMENTS = [
    "Аппарат администрации", "Финансовое управление", "Отдел муниципального заказа",
    "Управление образования", "Комитет по управлению муниципальным имуществом",
    "Отдел архитектуры и градостроительства", "Отдел экономики и инвестиций",
    "Юридический отдел", "Отдел по делам ГО и ЧС", "Отдел культуры, молодёжи и спорта",
    "Отдел сельского хозяйства", "Отдел ЖКХ и дорожного хозяйства", "Архивный отдел",
    "Отдел ЗАГС", "Отдел опеки и попечительства", "Отдел бухгалтерского учёта",
]

POSITIONS = [  # title, salary low, high, weight, must_declare
    ("Заместитель главы администрации", 1_500_000, 2_100_000, 3, True),
    ("Начальник управления", 1_250_000, 1_700_000, 4, True),
    ("Начальник отдела", 950_000, 1_350_000, 14, True),
    ("Заместитель начальника отдела", 800_000, 1_050_000, 10, True),
    ("Консультант", 680_000, 920_000, 14, True),
    ("Главный специалист", 580_000, 820_000, 20, True),
    ("Ведущий специалист", 500_000, 680_000, 18, True),
    ("Специалист 1 категории", 420_000, 550_000, 10, True),
    ("Водитель", 400_000, 500_000, 2, False),
    ("Делопроизводитель", 350_000, 450_000, 1.5, False),
]
_POS_CUM = N._cum([p[3] for p in POSITIONS])

SPOUSE_EMPLOYERS = [
    "ГБУЗ «Энская ЦРБ»", "МБОУ «Энская СОШ № 1»", "МБОУ «Энская СОШ № 2»", "ПАО Сбербанк",
    "ООО «Энский хлебозавод»", "ОМВД России по Энскому району", "МБДОУ «Детский сад № 3»",
    "АО «Энскэнерго»", "ОСФР по Энской области", "ГКУ «Центр занятости населения»",
    "ООО «Агроторг»", "АО «Почта России»", "МУП «Энскводоканал»", "ГБПОУ «Энский колледж»",
]

RATES = {2018: 0.06, 2019: 0.055, 2020: 0.045, 2021: 0.05, 2022: 0.075, 2023: 0.085,
         2024: 0.15, 2025: 0.16, 2026: 0.12}

_SALE_PRICE = {  # object type: income description, price per m²
    "land": ("продажа земельного участка", (150, 450)),
    "garage": ("продажа гаража", (9_000, 16_000)),
    "parking": ("продажа машино-места", (20_000, 35_000)),
    "flat": ("продажа квартиры", (38_000, 60_000)),
}

BUY_BASIS = "договор купли-продажи"
USED_BASIS = ("фактическое предоставление", "безвозмездное пользование")


def rate(year: int) -> float:
    return RATES.get(year, 0.07)


def rand_date(rng: random.Random, year: int, m1: int = 1, m2: int = 12) -> dt.date:
    start = D(year, m1, 1).toordinal()
    end = (D(year, m2 + 1, 1) if m2 < 12 else D(year + 1, 1, 1)).toordinal() - 1
    return dt.date.fromordinal(rng.randint(start, end))


def weekday_on_or_before(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d


def weekday_on_or_after(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def r2(x: float) -> float:
    return round(x + 1e-9, 2)


# --------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------

class Person:
    __slots__ = ("base", "given", "patr", "male", "birth", "inn", "former", "address")

    def __init__(self, base, given, patr, male, birth, inn=None, former=None, address=None):
        self.base = base  # masculine base form of the current surname
        self.given = given
        self.patr = patr
        self.male = male
        self.birth = birth
        self.inn = inn
        self.former: list[str] = former or []
        self.address = address

    @property
    def surname(self) -> str:
        return N.surname_form(self.base, self.male)

    @property
    def full(self) -> str:
        return f"{self.surname} {self.given} {self.patr}"

    def name_with_base(self, base: str) -> str:
        return f"{N.surname_form(base, self.male)} {self.given} {self.patr}"


class Rel:
    """A relative listed in the personnel form."""

    __slots__ = ("rid", "relation", "p", "since", "until", "birth_base")

    def __init__(self, rid, relation, p, since=None, until=None, birth_base=None):
        self.rid = rid
        self.relation = relation
        self.p: Person = p
        self.since = since  # first year listed (None: always)
        self.until = until
        self.birth_base = birth_base or p.base

    def listed(self, year: int) -> bool:
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)


class Holdings:
    __slots__ = ("estates", "vehicles", "accounts", "securities", "liabilities", "salary",
                 "employer", "teaching", "pension", "first_year", "prev_total")

    def __init__(self):
        self.estates: list[list] = []
        self.vehicles: list[list] = []
        self.accounts: list[list] = []
        self.securities: list[list] = []
        self.liabilities: list[list] = []
        self.salary = 0.0
        self.employer = None
        self.teaching = 0.0
        self.pension = 0.0
        self.first_year = None
        self.prev_total = None


class Decl:
    __slots__ = ("subject", "rid", "name", "birth", "submitted", "declared", "incomes",
                 "expenses", "estates", "vehicles", "accounts", "securities", "liabilities",
                 "correction", "did", "key")

    def __init__(self, subject, rid=None, name=None, birth=None, key="self"):
        self.subject = subject
        self.rid = rid
        self.name = name
        self.birth = birth
        self.submitted: dt.date | None = None
        self.declared = True
        self.incomes: list[tuple] = []
        self.expenses: list[tuple] = []
        self.estates: list[tuple] = []
        self.vehicles: list[tuple] = []
        self.accounts: list[tuple] = []
        self.securities: list[tuple] = []
        self.liabilities: list[tuple] = []
        self.correction: Decl | None = None
        self.did = None
        self.key = key

    def copy(self) -> "Decl":
        d = Decl(self.subject, self.rid, self.name, self.birth, self.key)
        d.submitted = self.submitted
        d.declared = self.declared
        for f in ("incomes", "expenses", "estates", "vehicles", "accounts", "securities", "liabilities"):
            setattr(d, f, list(getattr(self, f)))
        return d

    def total_income(self) -> float:
        return sum(i[2] for i in self.incomes)


class Family:
    def __init__(self, pid: str):
        self.pid = pid
        self.servant: Person  # set first by Builder.build_family, before anything reads it
        self.birth_base: str | None = None
        self.position: str | None = None
        self.department: str | None = None
        self.role = "none"
        self.must_declare = True
        self.present: list[int] = []
        self.spouse: Rel | None = None
        self.marriage_year: int | None = None
        self.children: list[Rel] = []
        self.rels: list[Rel] = []
        self.holdings: dict[str, Holdings] = {}
        self.decls: dict[int, list[Decl]] = {}
        self.submitted: dict[int, dt.date] = {}
        self.payroll: dict[int, float] = {}
        self.payroll_delta: dict[int, float] = {}
        self.name_by_year: dict[int, str] = {}
        self.maiden_base: str | None = None
        self.home: dict[str, Any] | None = None
        self.quiet = False
        self.savings_rate = 0.45
        self.fam_income: dict[int, float] = {}
        self.extras: dict = {}
        self.rid_n = 0

    def next_rid(self) -> str:
        self.rid_n += 1
        return f"{self.pid}-{self.rid_n:02d}"

    def decl(self, year: int, key: str = "self") -> Decl | None:
        for d in self.decls.get(year, []):
            if d.key == key:
                return d
        return None

    def declaration(self, year: int, key: str = "self") -> Decl:
        """The declaration a scenario changes: the scenario built it, so a missing one is a bug in the scenario."""
        found = self.decl(year, key)
        if found is None:
            raise KeyError(f"{self.pid}: no {key} declaration for {year}")
        return found

    def married(self) -> Rel:
        """The spouse a scenario that needs one built into the family."""
        if self.spouse is None:
            raise ValueError(f"{self.pid}: the scenario built no spouse")
        return self.spouse

    def own_home(self) -> dict[str, Any]:
        """The home `Builder.home` gave the family, for the scenarios that change it."""
        if self.home is None:
            raise ValueError(f"{self.pid}: the family has no home")
        return self.home

    def declared_years(self) -> list[int]:
        out = []
        for y in self.present:
            d = self.decl(y)
            if self.must_declare and d is not None and d.declared:
                out.append(y)
        return out


# --------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------

def _birth(rng, y0, y1):
    return rand_date(rng, rng.randint(y0, y1))


def _home_address(rng, urban=True):
    if urban:
        return f"{REGION_NAME}, {TOWN}, ул. {rng.choice(STREETS)}, д. {rng.randint(1, 60)}, кв. {rng.randint(1, 120)}"
    return f"{REGION_NAME}, Энский р-н, {rng.choice(VILLAGES)}, ул. {rng.choice(STREETS)}, д. {rng.randint(1, 80)}"


def _person_inn(reg: Registry, rng, p_inn: float):
    return reg.inn_person() if rng.random() < p_inn else None


class Builder:
    """Builds families and simulates them; shared by background and planted scenarios."""

    def __init__(self, rng: random.Random, reg: Registry, years: list[int], organisation: str):
        self.rng = rng
        self.reg = reg
        self.years = sorted(years)
        self.organisation = organisation
        self.pool_planted = list(N.SURNAMES_PLANTED)
        rng.shuffle(self.pool_planted)

    # ---------------- people ----------------

    def take_planted(self, pred=None) -> str:
        for i, s in enumerate(self.pool_planted):
            if pred is None or pred(s):
                return self.pool_planted.pop(i)
        raise RuntimeError("planted surname pool exhausted")

    def person(self, base, male, birth, given=None, father_given=None, inn_p=0.4, address=None,
               patr=None):
        rng = self.rng
        given = given or N.given_name(rng, male, birth.year)
        if patr is None:
            father_given = father_given or N.given_name(rng, True, birth.year - 28)
            patr = N.patronymic(father_given, male)
        return Person(base, given, patr, male, birth, _person_inn(self.reg, rng, inn_p), [], address)

    def build_family(self, pid: str, spec: dict | None = None) -> Family:
        spec = spec or {}
        rng = self.rng
        ys = self.years
        y0, yl = ys[0], ys[-1]
        f = Family(pid)
        f.quiet = spec.get("quiet", False)
        f.savings_rate = spec.get("savings_rate", 0.45)
        f.present = list(spec.get("present", ys))

        male = spec.get("male", rng.random() < 0.4)
        by = spec.get("birth_year") or int(rng.triangular(y0 - 62, y0 - 23, y0 - 44))
        birth = spec.get("birth") or rand_date(rng, by)
        father_given = spec.get("father_given") or N.given_name(rng, True, by - 30)
        birth_base = spec.get("surname") or N.family_surname(rng)
        f.birth_base = birth_base
        urban = rng.random() < 0.8
        home_addr = _home_address(rng, urban)
        servant = Person(birth_base, spec.get("given") or N.given_name(rng, male, by),
                         N.patronymic(father_given, male), male, birth, self.reg.inn_person(),
                         [], home_addr)
        f.servant = servant

        # position
        if spec.get("position"):
            title, lo, hi, md = spec["position"]
        else:
            while True:
                p = rng.choices(POSITIONS, cum_weights=_POS_CUM)[0]
                if p[4] or not spec.get("must_declare"):
                    break
            title, lo, hi, md = p[0], p[1], p[2], p[4]
        f.position = title
        f.must_declare = spec.get("must_declare", md)
        f.department = spec.get("department") or rng.choice(DEPARTMENTS)
        f.role = spec.get("role", "none")
        salary = spec.get("salary") or rng.uniform(lo, hi)

        # marriage
        age0 = y0 - by
        if "married" in spec:
            married = spec["married"]
        else:
            married = rng.random() < (0.35 if age0 < 27 else 0.72)
        marriage_year = spec.get("marriage_year")
        if married and marriage_year is None:
            marriage_year = min(y0, by + rng.randint(21, max(22, min(age0, 34))))
        if not married and not f.quiet and age0 < 40 and len(ys) > 1 and rng.random() < 0.08:
            married, marriage_year = True, rng.choice(ys[1:])
        f.marriage_year = marriage_year if married else None

        # parents and siblings
        father = self.person(birth_base, True, _birth(rng, by - 38, by - 22), given=father_given,
                             address=home_addr if rng.random() < 0.1 else _home_address(rng, rng.random() < 0.6))
        mother_maiden = N.family_surname(rng)
        mother = self.person(birth_base, False, _birth(rng, by - 34, by - 19),
                             address=father.address)
        mother.former = [f"{N.female_surname(mother_maiden)} {mother.given} {mother.patr}"]
        alive_f = spec.get("father_alive", yl - father.birth.year < rng.randint(68, 90))
        alive_m = spec.get("mother_alive", yl - mother.birth.year < rng.randint(72, 94))

        sib_specs = spec.get("siblings")
        if sib_specs is None:
            k = rng.choices((0, 1, 2, 3), (35, 45, 15, 5))[0]
            sib_specs = [{} for _ in range(k)]
        siblings = []
        for s in sib_specs:
            smale = s.get("male", rng.random() < 0.5)
            sb = s.get("birth") or _birth(rng, max(mother.birth.year + 18, by - 12),
                                           min(mother.birth.year + 42, by + 12, yl - 1))
            sp = self.person(birth_base, smale, sb, given=s.get("given"), father_given=father_given,
                             inn_p=s.get("inn_p", 0.4), address=_home_address(rng, rng.random() < 0.7))
            if not smale and s.get("married", (yl - sb.year) >= 22 and rng.random() < 0.75):
                sp.former = [sp.full]
                sp.base = s.get("married_surname") or N.family_surname(rng)
            siblings.append(sp)
        # spouse
        spouse_rel: Rel | None = None
        spouse_parents: list[tuple[str, Person]] = []
        if married:
            smale = not male
            sb = spec.get("spouse_birth") or _birth(rng, by - 5 if smale else by - 2, by + 2 if smale else by + 6)
            sp_birth_base = spec.get("spouse_surname") or N.family_surname(rng)
            sp_father_given = spec.get("spouse_father_given") or N.given_name(rng, True, sb.year - 28)
            sp = self.person(sp_birth_base, smale, sb, given=spec.get("spouse_given"),
                             father_given=sp_father_given, inn_p=0.6, address=home_addr)
            f.maiden_base = None
            keep = spec.get("keep_maiden", rng.random() < 0.08)
            if not smale and not keep:
                sp.former = [sp.full]
                sp.base = birth_base
            if male is False:
                # the servant is the wife: she takes her husband's surname
                f.maiden_base = birth_base
                if not keep:
                    servant.former = [servant.full]
                    servant.base = sp.base
            spouse_rel = Rel(None, "spouse", sp, since=marriage_year if marriage_year and marriage_year > y0 else None,
                             birth_base=sp_birth_base)
            if marriage_year and marriage_year > y0 and not male and not keep:
                # the servant's surname changes in the roster from the marriage year
                servant.base = birth_base
                f.extras["married_name_from"] = (marriage_year, sp.base)
            spf = self.person(sp_birth_base, True, _birth(rng, sb.year - 36, sb.year - 22),
                              given=sp_father_given, address=_home_address(rng, rng.random() < 0.6))
            spm = self.person(sp_birth_base, False, _birth(rng, sb.year - 33, sb.year - 19),
                              address=spf.address)
            spm.former = [f"{N.female_surname(N.family_surname(rng))} {spm.given} {spm.patr}"]
            if spec.get("spouse_parents", yl - spf.birth.year < rng.randint(68, 90)):
                spouse_parents.append(("spouse_father", spf))
            if spec.get("spouse_parents", yl - spm.birth.year < rng.randint(72, 94)):
                spouse_parents.append(("spouse_mother", spm))
        # children
        children: list[Rel] = []
        if "children" in spec:
            kid_specs = spec["children"]
        elif married:
            mother_by = by if not male or spouse_rel is None else spouse_rel.p.birth.year
            k = rng.choices((0, 1, 2, 3), (22, 38, 32, 8))[0]
            kid_specs = []
            for _ in range(k):
                kb = rand_date(rng, rng.randint(mother_by + 20, mother_by + 38))
                if kb.year > yl or kb.year < (marriage_year or 0) - 1:
                    continue
                kid_specs.append({"birth": kb})
            if not f.quiet and 20 <= yl - mother_by <= 38 and len(ys) > 1 and rng.random() < 0.12:
                kid_specs.append({"birth": rand_date(rng, rng.choice(ys[1:]))})
        else:
            kid_specs = []
        if kid_specs:
            dad = servant if male else (spouse_rel.p if spouse_rel else None)
            dad_given = spec.get("children_father_given") or (dad.given if dad else N.given_name(rng, True, by))
            dad_base = dad.base if dad else servant.base
            for ks in sorted(kid_specs, key=lambda s: s["birth"]):
                kmale = ks.get("male", rng.random() < 0.51)
                kp = self.person(dad_base, kmale, ks["birth"], given=ks.get("given"),
                                 father_given=dad_given, inn_p=0.5 if yl - ks["birth"].year >= 14 else 0.15,
                                 address=home_addr)
                if not kmale and ks.get("married", yl - kp.birth.year >= 23 and rng.random() < 0.5):
                    kp.former = [kp.full]
                    kp.base = N.family_surname(rng)
                    kp.address = _home_address(rng, True)
                elif yl - kp.birth.year >= 20:
                    kp.address = _home_address(rng, True)
                children.append(Rel(None, "son" if kmale else "daughter", kp,
                                    since=kp.birth.year if kp.birth.year > y0 else None))
        # relative ids in a stable order
        if spouse_rel:
            spouse_rel.rid = f.next_rid()
            f.rels.append(spouse_rel)
            f.spouse = spouse_rel
        for c in children:
            c.rid = f.next_rid()
            f.rels.append(c)
        f.children = children
        if spec.get("father_listed", alive_f):
            f.rels.append(Rel(f.next_rid(), "father", father))
        if spec.get("mother_listed", alive_m):
            f.rels.append(Rel(f.next_rid(), "mother", mother, birth_base=birth_base))
        for sp in siblings:
            f.rels.append(Rel(f.next_rid(), "brother" if sp.male else "sister", sp, birth_base=birth_base))
        for rel, parent in spouse_parents:
            f.rels.append(Rel(f.next_rid(), rel, parent))
        f.extras["father"] = father
        f.extras["mother"] = mother
        f.extras["father_given"] = father_given
        f.extras["urban"] = urban

        # money
        f.extras["salary"] = salary
        f.extras["home_mode"] = spec.get("home")
        f.extras["spec"] = spec
        return f

    # ---------------- assets ----------------

    def bank(self):
        return self.rng.choices(BANKS, cum_weights=_BANK_CUM)[0]

    def new_account(self, h: Holdings, kind: str, opened: dt.date, balance: float, currency="RUB"):
        name, bik, _w = self.bank()
        if kind == "card":
            prefix, atype = "40817", self.rng.choice(("текущий", "текущий", "зарплатный", "карточный"))
        elif kind == "deposit":
            prefix, atype = self.rng.choice(("42304", "42305", "42306")), "депозитный"
        else:
            prefix, atype = "42301", self.rng.choice(("сберегательный", "накопительный"))
        code = {"RUB": "810", "USD": "840", "EUR": "978", "CNY": "156"}[currency]
        num = self.reg.account(bik, prefix, code)
        acc = [name, num, atype, currency, opened, r2(balance), kind]
        h.accounts.append(acc)
        return acc

    def new_car(self, h: Holdings, acquired: dt.date, passenger=True, max_price=None, age=None):
        rng = self.rng
        for _ in range(10):
            c = rng.choices(PASSENGER, cum_weights=_PASS_CUM)[0] if passenger else rng.choices(CARS, cum_weights=_CAR_CUM)[0]
            if max_price is None or c[3] <= max_price:
                break
        makes, model, vtype, price, _w = c
        make = makes[0] if rng.random() < 0.65 else rng.choice(makes)
        if age is None:
            age = rng.choices((0, 1, 2, 3, 5, 8, 12), (30, 15, 12, 12, 12, 10, 9))[0]
        year_made = max(1985, acquired.year - age)
        reg = self.reg.plate() if vtype in ("car", "truck", "moto", "agri", "other") else None
        value = r2(price * (0.86 ** (acquired.year - year_made)) * rng.uniform(0.9, 1.05))
        v = [vtype, make, model, year_made, reg, acquired, value]
        h.vehicles.append(v)
        return v

    def new_estate(self, h: Holdings, obj: str, holding="owned", ownership="individual", share=None,
                   area=None, address=None, cad=None, acquired=None, basis=None, price=None):
        rng = self.rng
        if area is None:
            area = {
                "flat": lambda: round(rng.uniform(28, 98), 1),
                "house": lambda: round(rng.uniform(45, 210), 1),
                "land": lambda: float(rng.choice((400, 600, 800, 1000, 1200, 1500, 2000, 2500))
                                      + rng.choice((0, 0, 0, rng.randint(1, 99)))),
                "garage": lambda: round(rng.uniform(18, 36), 1),
                "parking": lambda: round(rng.uniform(13.2, 18.5), 1),
                "dacha": lambda: round(rng.uniform(20, 60), 1),
            }[obj]()
        if address is None:
            address = _home_address(rng, obj in ("flat", "garage", "parking"))
            if obj == "garage":
                address = f"{REGION_NAME}, {TOWN}, ГСК «{rng.choice(('Автомобилист', 'Мотор', 'Северный', 'Южный'))}», бокс {rng.randint(1, 300)}"
        if cad is None and (holding == "owned" or rng.random() < 0.6):
            cad = self.reg.cadastral(district=rng.choice((10, 10, 10, 11, 12)))
        e = [holding, obj, ownership if holding == "owned" else None, share, area, "Россия", address,
             cad, acquired, basis, price]
        h.estates.append(e)
        return e

    # ---------------- initial state of a subject ----------------

    def init_adult(self, f: Family, key: str, p: Person, y0: int, salary: float, employer: str | None):
        rng = self.rng
        h = Holdings()
        h.first_year = y0
        h.salary = salary
        h.employer = employer
        age = y0 - p.birth.year
        start = max(p.birth.year + 18, 2004)
        if salary > 0 or rng.random() < 0.7:
            self.new_account(h, "card", rand_date(rng, rng.randint(min(start, y0), y0)),
                             rng.uniform(3_000, 40_000 + salary * 0.08))
        if rng.random() < 0.45:
            self.new_account(h, "deposit", rand_date(rng, rng.randint(min(max(start, y0 - 6), y0), y0)),
                             rng.uniform(50_000, 250_000 + salary * 0.7))
        if rng.random() < 0.25:
            self.new_account(h, "savings", rand_date(rng, rng.randint(min(max(start, y0 - 8), y0), y0)),
                             rng.uniform(5_000, 300_000))
        if rng.random() < 0.04:
            self.new_account(h, "deposit", rand_date(rng, rng.randint(min(start, y0), y0)),
                             rng.uniform(50_000, 600_000), currency=rng.choice(("USD", "EUR", "CNY")))
        if not h.accounts and rng.random() < 0.5:
            self.new_account(h, "card", rand_date(rng, min(start, y0) if start <= y0 else y0), rng.uniform(0, 20_000))
        # vehicles
        pcar = 0.62 if key == "self" else 0.35
        if age >= 20 and rng.random() < pcar:
            self.new_car(h, rand_date(rng, rng.randint(max(p.birth.year + 19, y0 - 12), y0)))
            if rng.random() < 0.12:
                self.new_car(h, rand_date(rng, rng.randint(max(p.birth.year + 19, y0 - 15), y0)), passenger=False)
        # securities
        if rng.random() < 0.04:
            name, inn = rng.choice(BIG_ISSUERS)
            h.securities.append([name, inn, "shares", round(rng.uniform(0.000001, 0.0005), 6),
                                 r2(rng.uniform(10_000, 400_000))])
        # consumer credit
        if rng.random() < 0.08:
            inc = rand_date(rng, rng.randint(y0 - 2, y0))
            h.liabilities.append(["кредит", self.bank()[0], r2(rng.randrange(100, 900) * 1000), inc, inc.year + 3])
        if key == "self" and rng.random() < 0.05:
            h.teaching = rng.uniform(25_000, 140_000)
        if age >= (60 if p.male else 57) and salary == 0:
            h.pension = rng.uniform(190_000, 320_000)
        return h

    def init_child(self, f: Family, p: Person, y0: int):
        rng = self.rng
        h = Holdings()
        h.first_year = y0
        if y0 - p.birth.year >= 1 and rng.random() < 0.3:
            self.new_account(h, rng.choice(("savings", "deposit", "card")),
                             rand_date(rng, rng.randint(p.birth.year + 1, y0)), rng.uniform(1_000, 150_000))
        return h

    def setup_estates(self, f: Family):
        """Place the family home and extra objects into the subjects' holdings."""
        rng = self.rng
        H = f.holdings
        ys = self.years
        spec = f.extras["spec"]
        married = f.spouse is not None
        urban = f.extras["urban"]
        mode = f.extras.get("home_mode")
        if mode is None:
            if married:
                mode = rng.choices(("joint", "shared", "self", "spouse", "used", "kids"), (30, 22, 15, 14, 9, 10))[0]
            else:
                mode = rng.choices(("self", "used"), (60, 40))[0]
        obj = "flat" if urban else "house"
        y0 = ys[0]
        s = f.servant
        earliest = max(s.birth.year + 21, (f.marriage_year or 0) if mode in ("joint", "shared", "kids") else 0)
        acq_year = rng.randint(min(earliest, y0), y0) if earliest <= y0 else y0
        acquired = spec.get("home_acquired") or rand_date(rng, acq_year)
        area = spec.get("home_area") or (round(rng.uniform(33, 92), 1) if obj == "flat" else round(rng.uniform(60, 180), 1))
        addr = s.address
        cad: str | None = self.reg.cadastral(district=10 if urban else rng.randint(1, 9))
        kids_born_before = [c for c in f.children if c.p.birth <= acquired]
        if mode == "kids" and not kids_born_before:
            mode = "shared"
        owners: dict[str, tuple[str, str | None]] = {}
        if mode == "joint":
            owners = {"self": ("joint", None), "spouse": ("joint", None)}
        elif mode == "shared":
            owners = {"self": ("shared", "1/2"), "spouse": ("shared", "1/2")}
        elif mode == "kids":
            n = 2 + len(kids_born_before)
            owners = {"self": ("shared", f"1/{n}"), "spouse": ("shared", f"1/{n}")}
            for c in kids_born_before:
                owners[c.rid] = ("shared", f"1/{n}")
        elif mode == "self":
            owners = {"self": ("individual", None)}
        elif mode == "spouse":
            owners = {"spouse": ("individual", None)}
        basis = f"{BUY_BASIS} от {acquired:%d.%m.%Y}"
        if mode == "used":
            cad = cad if rng.random() < 0.5 else None
        f.home = {"mode": mode, "obj": obj, "area": area, "address": addr, "cad": cad,
                  "acquired": acquired, "basis": basis, "owners": owners}
        for key, h in H.items():
            self.add_home_row(f, key, h)
        if obj == "house":
            e_land = {"area": float(rng.choice((800, 1000, 1200, 1500, 2000))),
                      "cad": self.reg.cadastral(district=rng.randint(1, 9))}
            if mode != "used":
                for key, (own, share) in owners.items():
                    if key in H and key in ("self", "spouse"):
                        self.new_estate(H[key], "land", "owned", own, share, e_land["area"], addr, e_land["cad"],
                                        acquired, basis)
        # extras
        extras = spec.get("extras")
        if extras is None:
            extras = []
            if rng.random() < 0.22:
                extras.append(("land", "self" if (not married or rng.random() < 0.6) else "spouse"))
            if rng.random() < 0.13:
                extras.append(("garage", "self" if (not married or rng.random() < 0.7) else "spouse"))
            if rng.random() < 0.06:
                extras.append(("flat", "self" if (not married or rng.random() < 0.5) else "spouse"))
            if urban and rng.random() < 0.03:
                extras.append(("parking", "self"))
        for obj2, key in extras:
            if key not in H:
                continue
            h = H[key]
            p = f.spouse.p if key != "self" and f.spouse else s
            acq = rand_date(rng, rng.randint(min(p.birth.year + 22, y0), y0))
            self.new_estate(h, obj2, acquired=acq,
                            basis=rng.choice((f"{BUY_BASIS} от {acq:%d.%m.%Y}", "свидетельство о праве на наследство по закону",
                                              f"договор дарения от {acq:%d.%m.%Y}")) if obj2 != "flat" else f"{BUY_BASIS} от {acq:%d.%m.%Y}")
        # mortgage
        if mode in ("joint", "shared", "self", "spouse", "kids") and acquired.year >= y0 - 14 and rng.random() < 0.45:
            key = "self" if "self" in owners else "spouse"
            end = acquired.year + rng.choice((10, 15, 20))
            if key in H and end >= y0:
                H[key].liabilities.append(["ипотека", self.bank()[0], r2(rng.randrange(15, 60) * 100_000),
                                           acquired, end])

    def add_home_row(self, f: Family, key: str, h: Holdings):
        home = f.home
        if home is None:
            return
        own = home["owners"].get(key)
        if own:
            self.new_estate(h, home["obj"], "owned", own[0], own[1], home["area"], home["address"],
                            home["cad"], home["acquired"], home["basis"])
        else:
            self.new_estate(h, home["obj"], "used", None, None, home["area"], home["address"], home["cad"],
                            None, self.rng.choice(USED_BASIS))

    # ---------------- simulation ----------------

    def subjects(self, f: Family, year: int) -> list[tuple[str, Person, Rel | None]]:
        out: list[tuple[str, Person, Rel | None]] = [("self", f.servant, None)]
        if f.spouse and f.spouse.listed(year):
            out.append(("spouse", f.spouse.p, f.spouse))
        for c in f.children:
            if c.p.birth.year <= year and (year - c.p.birth.year <= 17 or c.rid in f.extras.get("declare_adult", ())):
                out.append((c.rid, c.p, c))
        return out

    def simulate(self, f: Family) -> Family:
        rng = self.rng
        ys = self.years
        salary = f.extras["salary"]
        first_seen = True
        for y in ys:
            subs = self.subjects(f, y)
            new_keys = []
            for key, p, rel in subs:
                if key in f.holdings:
                    continue
                if key == "self":
                    f.holdings[key] = self.init_adult(f, key, p, y, salary, self.organisation)
                elif key == "spouse":
                    sal = f.extras["spec"].get("spouse_salary")
                    if sal is None:
                        age = y - p.birth.year
                        sal = 0.0 if (rng.random() < 0.18 or age >= 62) else rng.uniform(330_000, 1_250_000)
                    f.holdings[key] = self.init_adult(f, key, p, y, sal, rng.choice(SPOUSE_EMPLOYERS) if sal else None)
                else:
                    f.holdings[key] = self.init_child(f, p, y)
                new_keys.append(key)
            if first_seen:
                self.setup_estates(f)
                first_seen = False
            else:
                for key in new_keys:
                    self.add_home_row(f, key, f.holdings[key])
            self.year_step(f, y, subs, new_keys)
        return f

    def year_step(self, f: Family, y: int, subs, new_keys):
        rng = self.rng
        quiet = f.quiet
        decls = []
        pending: dict[str, list] = {}
        totals: dict[str, float] = {}
        incomes: dict[str, list] = {}
        # pass 1: incomes
        for key, p, rel in subs:
            h = f.holdings[key]
            first = key in new_keys
            inc: list[tuple] = []
            pend: list = []
            adult = key in ("self", "spouse")
            if adult and not first:
                h.salary *= rng.uniform(1.03, 1.085) if h.salary else 1
                h.pension *= 1.06 if h.pension else 1
                if not quiet and key == "spouse" and rng.random() < 0.03 and f.fam_income:
                    if h.salary and (h.prev_total or 0) < 900_000 and y - p.birth.year < 55:
                        h.salary = 0.0
                        h.employer = None
                    elif not h.salary and not h.pension and y - p.birth.year < 52:
                        h.salary = rng.uniform(330_000, 880_000)
                        h.employer = rng.choice(SPOUSE_EMPLOYERS)
                if not quiet and rng.random() < 0.07 and y - p.birth.year >= 20:
                    # a sale never exceeds 0.8 x the recurring income, so the total never doubles
                    cap = 0.8 * min(h.prev_total or 0, h.salary + h.pension + h.teaching)
                    if h.vehicles and rng.random() < 0.75:
                        old = rng.choice([v for v in h.vehicles])
                        price = r2(old[6] * rng.uniform(0.7, 0.9) * (0.88 ** max(0, y - old[5].year)))
                        if 50_000 <= price <= cap:
                            h.vehicles.remove(old)
                            inc.append(("other", "продажа автомобиля", price))
                    newv = self.new_car(h, rand_date(rng, y), max_price=max(900_000, 1.6 * (h.salary or 0)))
                    pend.append(("vehicle", f"{newv[1]} {newv[2]}", newv[6], newv[5]))
                if not quiet and not inc and rng.random() < 0.015:
                    # selling an extra object (never the home) for at most 0.8 x the recurring income
                    cap = 0.8 * min(h.prev_total or 0, h.salary + h.pension + h.teaching)
                    home_cad = f.home["cad"] if f.home else None
                    cands = [e for e in h.estates if e[0] == "owned" and e[2] == "individual" and e[7] != home_cad
                             and e[1] in _SALE_PRICE]
                    if cands:
                        e = rng.choice(cands)
                        price = float(round(e[4] * rng.uniform(*_SALE_PRICE[e[1]][1]), -3))
                        if 50_000 <= price <= cap:
                            h.estates.remove(e)
                            inc.append(("other", _SALE_PRICE[e[1]][0], price))
            if h.salary:
                inc.append(("main_job", h.employer or self.organisation, r2(h.salary)))
            if h.teaching:
                h.teaching *= rng.uniform(0.9, 1.15)
                inc.append(("teaching", "преподавательская деятельность", r2(h.teaching)))
            if h.pension:
                inc.append(("other", "пенсия", r2(h.pension)))
            interest = 0.0
            for a in h.accounts:
                if a[6] in ("deposit", "savings") and a[4].year < y:
                    interest += a[5] * rate(y) * rng.uniform(0.6, 1.0) * (1 if a[3] == "RUB" else 0.05)
            if interest >= 1:
                inc.append(("deposits", "проценты по вкладам", r2(interest)))
            for sec in h.securities:
                if sec[2] == "shares" and rng.random() < 0.8:
                    inc.append(("securities", "дивиденды", r2(sec[4] * rng.uniform(0.03, 0.11))))
            total = sum(i[2] for i in inc)
            totals[key] = total
            incomes[key] = inc
            pending[key] = pend
        f.fam_income[y] = totals.get("self", 0) + totals.get("spouse", 0)
        declared = [yy for yy in f.present if yy <= y] if f.must_declare else []
        allowed = self.allowance(f, y, declared)
        # pass 2: expenses, acquisitions, accounts, balances
        for key, p, rel in subs:
            h = f.holdings[key]
            first = key in new_keys
            total = totals[key]
            budget = f.savings_rate * total
            expenses: list[tuple] = []
            adult = key in ("self", "spouse")
            if not first and not quiet:
                for kind, desc, price, deal in pending[key]:
                    if price <= allowed and rng.random() < 0.3:
                        expenses.append((kind, desc, price, deal, rng.choice((
                            "доход по основному месту работы", "накопления за предыдущие годы",
                            "доход по основному месту работы, накопления за предыдущие годы"))))
                        allowed -= price
                if adult and rng.random() < 0.02:
                    obj = rng.choice(("land", "garage", "land"))
                    price = r2(rng.randrange(150, 900) * 1000)
                    if price <= allowed:
                        acq = rand_date(rng, y)
                        self.new_estate(h, obj, acquired=acq, basis=f"{BUY_BASIS} от {acq:%d.%m.%Y}")
                        if rng.random() < 0.5:
                            expenses.append(("land" if obj == "land" else "real_estate",
                                             "земельный участок" if obj == "land" else "гараж", price, acq,
                                             "накопления за предыдущие годы"))
                        allowed -= price
                elif adult and rng.random() < 0.01:
                    acq = rand_date(rng, y)
                    self.new_estate(h, "land", acquired=acq, basis="свидетельство о праве на наследство по закону")
                # accounts
                if rng.random() < (0.12 if adult else 0.04) and budget > 1_000:
                    bal = rng.uniform(0, 0.5) * budget
                    budget -= bal
                    self.new_account(h, rng.choice(("card", "deposit", "savings")), rand_date(rng, y), bal)
                closable = [a for a in h.accounts if a[6] != "card" and a[5] < 150_000 and a[4].year < y]
                if closable and rng.random() < 0.04:
                    h.accounts.remove(rng.choice(closable))
                # liabilities
                h.liabilities = [li for li in h.liabilities if li[4] >= y]
                if adult and rng.random() < 0.04:
                    inc_d = rand_date(rng, y)
                    h.liabilities.append(["кредит", self.bank()[0], r2(rng.randrange(100, 800) * 1000), inc_d, y + 3])
            if not first:
                self.move_balances(h, y, budget)
            d = Decl("self" if key == "self" else ("spouse" if key == "spouse" else "child"),
                     None if key == "self" else rel.rid,
                     None if key == "self" else p.full,
                     None if key == "self" else p.birth, key)
            d.incomes = incomes[key]
            d.expenses = expenses
            self.snapshot(h, d)
            h.prev_total = total
            decls.append(d)
        f.decls[y] = decls

    def move_balances(self, h: Holdings, y: int, budget: float):
        rng = self.rng
        deltas = []
        for a in h.accounts:
            if a[4].year >= y:
                deltas.append(0.0)
                continue
            if a[6] == "card":
                deltas.append(a[5] * rng.uniform(-0.4, 0.4))
            else:
                deltas.append(a[5] * rng.uniform(-0.12, 0.22))
        pos = sum(d for d in deltas if d > 0)
        scale = min(1.0, max(0.0, budget) / pos) if pos > 0 else 1.0
        for a, dlt in zip(h.accounts, deltas):
            if dlt > 0:
                dlt *= scale
            a[5] = r2(min(max(0.0, a[5] + dlt), 4_500_000 if dlt > 0 else a[5] + dlt))

    def allowance(self, f: Family, y: int, declared: list[int]) -> float:
        if (y - 1) not in declared:
            return 0.0
        a = sum(f.fam_income.get(yy, 0) for yy in (y - 3, y - 2, y - 1) if yy in declared)
        b = sum(f.fam_income.get(yy, 0) for yy in (y - 2, y - 1, y) if yy in declared or yy == y)
        return 0.9 * min(a, b)

    @staticmethod
    def snapshot(h: Holdings, d: Decl):
        d.estates = [tuple(e[:10]) for e in h.estates]
        d.vehicles = [tuple(v[:6]) for v in h.vehicles]
        d.accounts = [tuple(a[:6]) for a in h.accounts]
        d.securities = [tuple(s[:5]) for s in h.securities]
        d.liabilities = [tuple(li[:4]) for li in h.liabilities]

    # ---------------- submission dates and payroll ----------------

    def finish(self, f: Family):
        rng = self.rng
        for y in self.years:
            if y not in f.submitted:
                m = rng.choices((1, 2, 3, 4), (4, 8, 38, 50))[0]
                d = rand_date(rng, y + 1, m, m)
                if m == 1 and d.day < 15:
                    d = D(y + 1, 1, rng.randint(15, 31))
                if m == 4 and d.day > 26:
                    d = D(y + 1, 4, rng.randint(1, 26))
                f.submitted[y] = weekday_on_or_before(d) if d.day > 3 or m != 1 else weekday_on_or_after(d)
            for decl in f.decls.get(y, []):
                if decl.submitted is None:
                    decl.submitted = f.submitted[y]
            me = f.decl(y)
            if not f.quiet and me is not None and me.correction is None and rng.random() < 0.015:
                # an in-time correction: the original carried last year's salary by mistake
                i = next((i for i, x in enumerate(me.incomes) if x[0] == "main_job"), None)
                if i is not None:
                    corr = me.copy()
                    prev = f.decl(y - 1)
                    wrong = next((x[2] for x in prev.incomes if x[0] == "main_job"), None) if prev else None
                    if not wrong or abs(wrong - me.incomes[i][2]) < 2000:
                        wrong = r2(me.incomes[i][2] * 0.95)
                    me.incomes[i] = me.incomes[i][:2] + (wrong,)
                    original = me.submitted or f.submitted[y]  # the loop above dated every declaration
                    last = min(original + dt.timedelta(days=rng.randint(4, 30)), D(y + 1, 5, 25))
                    corr.submitted = weekday_on_or_before(last)
                    if corr.submitted > original:
                        me.correction = corr
                    else:
                        me.incomes[i] = corr.incomes[i]
            if y not in f.payroll:
                me = f.decl(y)
                src = (me.correction or me) if me else None
                amt = sum(i[2] for i in src.incomes if i[0] == "main_job") if src else 0.0
                delta = f.payroll_delta.get(y)
                if delta is None:
                    delta = 0.0 if rng.random() < 0.88 else r2(rng.uniform(-900, 900))
                f.payroll[y] = r2(amt + delta)
            fy = f.extras.get("married_name_from")
            if fy and y >= fy[0]:
                f.name_by_year[y] = f"{N.surname_form(fy[1], f.servant.male)} {f.servant.given} {f.servant.patr}"
            else:
                f.name_by_year[y] = f.servant.full
