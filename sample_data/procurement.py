"""Procurement side of the synthetic data: the organisation's procedures (``procurement.csv``
and the same as an OCDS release package ``procurement_ocds.json``), who handled them
(``commissions.csv``) and an extract of the company register (``officers.csv``).

Background companies are run by strangers (``names.SURNAMES_STRANGERS``), so nobody's
relative appears among their officers; the planted companies of ``scenarios`` carry the
relatives (or the servants) with their name noise.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from . import names as N
from .ids import Registry
from .model import STREETS, rand_date, weekday_on_or_before
from .output import plain_number
from .scenarios import Plant

D = dt.date

_ROOTS = ["Строй", "Агро", "Тех", "Мед", "Авто", "Регион", "Спец", "Пром", "Торг", "Инвест", "Энерго",
          "Дор", "Эко", "Снаб", "Проект", "Монтаж", "Вод", "Лес", "Газ", "Комплект", "Транс",
          "Электро", "Инфо", "Сервис", "Ремонт", "Капитал", "Гео", "Мост", "Тепло", "Снабсбыт", "Бизнес",
          "Офис", "Вент", "Кров", "Сталь", "Бетон", "Кадастр", "Мебель", "Клин", "Безопасность"]
_WORDS = ["Вектор", "Альянс", "Гарант", "Меридиан", "Прогресс", "Импульс", "Стандарт", "Феникс",
          "Кристалл", "Олимп", "Витязь", "Сфера", "Горизонт", "Континент", "Партнёр", "Радуга", "Орион",
          "Атлант", "Магистраль", "Лидер", "Успех", "Рассвет", "Навигатор", "Созвездие", "Эталон",
          "Аверс", "Бастион", "Верес", "Гранит", "Динамика", "Квадрат", "Форвард", "Велес", "Перспектива"]
_SUFFIX = ["", "", "", " Плюс", "-М", " Групп", "-Центр", "-Сервис", "-Регион", " 2000", "-Н", "-Энск"]

TITLES = [
    "Поставка канцелярских товаров", "Ремонт автомобильной дороги по ул. {street}",
    "Оказание услуг по уборке служебных помещений", "Поставка компьютерной техники",
    "Выполнение работ по благоустройству общественной территории", "Поставка горюче-смазочных материалов",
    "Капитальный ремонт кровли здания МБОУ «Энская СОШ № {n}»", "Оказание услуг связи",
    "Содержание автомобильных дорог общего пользования местного значения",
    "Разработка проектно-сметной документации на ремонт моста", "Приобретение жилого помещения для детей-сирот",
    "Техническое обслуживание системы видеонаблюдения", "Поставка офисной мебели",
    "Оказание услуг по охране здания администрации", "Выполнение кадастровых работ",
    "Изготовление и установка детской игровой площадки по ул. {street}", "Поставка автомобиля для нужд администрации",
    "Ремонт тротуаров по ул. {street}", "Уличное освещение: замена светильников", "Поставка хозяйственных товаров",
]
METHODS = [("Электронный аукцион", "open", 70), ("Открытый конкурс в электронной форме", "open", 10),
           ("Запрос котировок в электронной форме", "selective", 20)]


class CompanyNamer:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def __call__(self, form: str) -> str:
        rng = self.rng
        for attempt in range(60):
            r = rng.random()
            if r < 0.45:
                a, b = rng.sample(_ROOTS, 2)
                core = a + b.lower()
            elif r < 0.6:
                core = "Энск" + rng.choice(_ROOTS).lower()
            elif r < 0.62:
                a, b, c = rng.sample(_ROOTS[:24], 3)
                core = a + b + c
            else:
                core = rng.choice(_WORDS)
            core += rng.choice(_SUFFIX)
            if attempt > 40:
                core += f" {rng.randint(2, 999)}"
            name = f"{form} «{core}»"
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("company names exhausted")


def stranger(rng: random.Random, reg: Registry, male: bool | None = None, y0: int = 2021) -> dict:
    male = rng.random() < 0.68 if male is None else male
    by = rng.randint(y0 - 68, y0 - 24)
    given = N.given_name(rng, male, by)
    patr = N.patronymic(N.given_name(rng, True, by - 28), male)
    name = f"{N.surname_form(N.stranger_surname(rng), male)} {given} {patr}"
    # what the register extract shows about this person is decided once per person
    return {"name": name, "inn": reg.inn_person(region=rng.choice((69, 69, 69, 77, 50, 40))),
            "birth": rand_date(rng, by), "show_birth": rng.random() < 0.7, "show_inn": rng.random() < 0.6}


class Company:
    __slots__ = ("inn", "name", "form", "rows", "planted")

    def __init__(self, inn, name, form, planted=False):
        self.inn = inn
        self.name = name
        self.form = form
        self.rows: list[tuple] = []
        self.planted = planted

    def add(self, person_name, person_inn, birth, role, share, since, until):
        self.rows.append((self.inn, self.name, person_name, person_inn, birth, role, share, since, until))


def _officer(rng, comp: Company, p: dict, role, share, since, until):
    comp.add(p["name"], p["inn"] if p["show_inn"] else None, p["birth"] if p["show_birth"] else None,
             role, share, since, until)


def _background_officers(rng, reg, comp: Company, y0: int, skip_director=False, founders_left=100.0,
                         board=False):
    reg_date = rand_date(rng, rng.randint(2003, y0 - 1))
    if comp.form == "ИП":
        return
    if not skip_director:
        if rng.random() < 0.25:
            old = stranger(rng, reg, y0=y0)
            change = rand_date(rng, rng.randint(reg_date.year, y0 - 1)) + dt.timedelta(days=1)
            if change > reg_date:
                _officer(rng, comp, old, "director", None, reg_date, change - dt.timedelta(days=1))
                reg_date_dir = change
            else:
                reg_date_dir = reg_date
        else:
            reg_date_dir = reg_date
        director = stranger(rng, reg, y0=y0)
        _officer(rng, comp, director, "director", None, reg_date_dir, None)
    else:
        director = None
    if comp.form == "АО" or board:
        for _ in range(rng.randint(3, 5)):
            _officer(rng, comp, stranger(rng, reg, y0=y0), "board", None, rand_date(rng, rng.randint(reg_date.year, y0 - 1)), None)
        return
    if founders_left <= 0:
        return
    pattern = rng.choice(([1.0], [1.0], [0.5, 0.5], [0.6, 0.4], [0.51, 0.49], [0.34, 0.33, 0.33]))
    for i, part in enumerate(pattern):
        p = director if (i == 0 and director is not None and rng.random() < 0.5) else stranger(rng, reg, y0=y0)
        _officer(rng, comp, p, "founder", round(founders_left * part, 2), reg_date, None)


def build(out_dir: Path, *, rng: random.Random, reg: Registry, namer: CompanyNamer, years: list[int],
          organisation: str, org_inn: str, role_holders: list[tuple[str, str, list[int]]], plants: list[Plant],
          n_servants: int, indent: int | None = 1) -> list[dict]:
    """Write procurement.csv, procurement_ocds.json, commissions.csv, officers.csv; return manifest cases."""
    ys = sorted(years)
    y0 = ys[0]
    n_per_year = max(8, n_servants // 8)
    n_comp = max(40, n_servants // 3)
    companies: list[Company] = []
    for _ in range(n_comp):
        form = rng.choices(("ООО", "АО", "ИП"), (75, 8, 17))[0]
        if form == "ИП":
            p = stranger(rng, reg, y0=y0)
            comp = Company(p["inn"], f"ИП {p['name']}", "ИП")
            comp.add(p["name"], p["inn"], p["birth"] if p["show_birth"] else None, "entrepreneur", None,
                     rand_date(rng, rng.randint(2005, y0 - 1)), None)
        else:
            comp = Company(reg.inn_company(region=rng.choice((69, 69, 69, 69, 77, 50))), namer(form), form)
            _background_officers(rng, reg, comp, y0)
        companies.append(comp)
    bidders = companies[: min(len(companies), max(20, n_per_year))]

    # planted companies
    planted_comps: list[tuple[Company, Plant]] = []
    for pl in plants:
        comp = Company(pl.company_inn, pl.company_name, pl.form, planted=True)
        o = pl.officer
        if o is not None:
            comp.add(o["person_name"], o["person_inn"], o["birth_date"], o["role"], o["share_pct"], o["since"], o["until"])
        if pl.form != "ИП":
            if o is None or o["role"] == "board":
                _background_officers(rng, reg, comp, y0, board=True)
            elif o["role"] == "director":
                if o["until"] is not None:
                    _officer(rng, comp, stranger(rng, reg, y0=y0), "director", None, o["until"] + dt.timedelta(days=1), None)
                _background_officers(rng, reg, comp, y0, skip_director=True)
            elif o["role"] == "founder":
                _background_officers(rng, reg, comp, y0, founders_left=round(100.0 - (o["share_pct"] or 0), 2))
        planted_comps.append((comp, pl))

    # procedures
    holders_by_year = {y: [(pid, role) for pid, role, pres in role_holders if y in pres and role != "none"] for y in ys}
    procs: list[dict[str, Any]] = []
    for y in ys:
        for _ in range(n_per_year):
            date = weekday_on_or_before(rand_date(rng, y, 2, 12))
            k = rng.choices((1, 2, 3, 4, 5), (15, 30, 30, 15, 10))[0]
            parts = rng.sample(bidders, min(k, len(bidders)))
            procs.append({"date": date, "parts": parts, "must": None})
    for comp, pl in planted_comps:
        if pl.bid_year is None:
            continue
        date = weekday_on_or_before(rand_date(rng, pl.bid_year, 5, 10))
        others = rng.sample(bidders, rng.randint(1, 2))
        parts = [comp] + others
        rng.shuffle(parts)
        procs.append({"date": date, "parts": parts, "must": (pl.pid, pl.servant_role), "plant": pl, "comp": comp})
    procs.sort(key=lambda p: (p["date"], p["parts"][0].inn))
    by_role = {y: tuple([h for h in holders_by_year[y] if h[1] == r]
                        for r in ("customer_head", "contract_manager", "commission")) for y in ys}
    seq: dict[int, int] = {}
    org_code = org_inn[:8]
    for p in procs:
        y = p["date"].year
        seq[y] = seq.get(y, 0) + 1
        p["id"] = f"01{org_code}{y % 100:02d}{seq[y]:07d}"
        nmck = round(rng.lognormvariate(14.2, 1.1), -2)
        nmck = float(min(max(nmck, 90_000), 60_000_000))
        p["nmck"] = nmck
        p["winner"] = rng.randrange(len(p["parts"]))
        p["price"] = round(nmck * (rng.uniform(0.72, 0.99) if len(p["parts"]) > 1 else 1.0), 2)
        title = rng.choice(TITLES).format(street=rng.choice(STREETS), n=rng.randint(1, 6))
        p["title"] = title
        p["method"] = rng.choices(METHODS, [m[2] for m in METHODS])[0]
        heads, managers, members = by_role[y]
        com = list(heads[:1])
        if managers:
            com.append(rng.choice(managers))
        com += rng.sample(members, min(3, len(members)))
        if p["must"] and p["must"][1] != "none" and p["must"] not in com:
            com.append(p["must"])
        p["commission"] = com

    cases: list[dict] = []
    for comp, pl in planted_comps:
        proc = next((p for p in procs if p.get("comp") is comp), None)
        for c in pl.cases:
            c = dict(c)
            c.setdefault("company_inn", comp.inn)
            c["company_name"] = comp.name
            if pl.officer:
                c["officer_name"] = pl.officer["person_name"]
            if proc is not None:
                c["procedure_id"] = proc["id"]
                c["procedure_date"] = proc["date"].isoformat()
            cases.append(c)

    out_dir = Path(out_dir)
    with open(out_dir / "procurement.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["procedure_id", "customer", "customer_inn", "date", "amount", "participant_inn",
                    "participant_name", "is_winner", "title"])
        for p in procs:
            for i, comp in enumerate(p["parts"]):
                w.writerow([p["id"], organisation, org_inn, p["date"].isoformat(), f"{p['nmck']:.2f}", comp.inn,
                            comp.name, "true" if i == p["winner"] else "false", p["title"]])
    with open(out_dir / "commissions.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["procedure_id", "person_id", "role"])
        for p in procs:
            for pid, role in p["commission"]:
                w.writerow([p["id"], pid, role])
    with open(out_dir / "officers.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["company_inn", "company_name", "person_name", "person_inn", "birth_date", "role",
                    "share_pct", "since", "until"])
        allc = companies + [c for c, _pl in planted_comps]
        order = list(range(len(allc)))
        rng.shuffle(order)  # planted companies are not all at the end
        for i in order:
            for r in allc[i].rows:
                w.writerow([r[0], r[1], r[2], r[3] or "", r[4].isoformat() if r[4] else "", r[5],
                            plain_number(r[6]), r[7].isoformat() if r[7] else "", r[8].isoformat() if r[8] else ""])
    _write_ocds(out_dir / "procurement_ocds.json", procs, organisation, org_inn, ys, indent)
    return cases


def _party(comp_inn: str, name: str, roles: list[str]) -> dict:
    return {"id": f"RU-INN-{comp_inn}", "name": name,
            "identifier": {"scheme": "RU-INN", "id": comp_inn, "legalName": name}, "roles": roles}


def _write_ocds(path: Path, procs, organisation, org_inn, ys, indent):
    buyer_id = f"RU-INN-{org_inn}"
    releases = []
    for p in procs:
        date = p["date"]
        parts = p["parts"]
        winner = parts[p["winner"]]
        parties = [_party(org_inn, organisation, ["buyer", "procuringEntity"])]
        for i, comp in enumerate(parts):
            parties.append(_party(comp.inn, comp.name, ["tenderer", "supplier"] if i == p["winner"] else ["tenderer"]))
        start = date - dt.timedelta(days=14)
        releases.append({
            "ocid": f"ocds-e5k7rn-{p['id']}",
            "id": f"{p['id']}-award",
            "date": f"{date.isoformat()}T10:00:00+03:00",
            "tag": ["tender", "award"],
            "initiationType": "tender",
            "language": "ru",
            "parties": parties,
            "buyer": {"id": buyer_id, "name": organisation},
            "tender": {
                "id": p["id"], "title": p["title"], "status": "complete",
                "procuringEntity": {"id": buyer_id, "name": organisation},
                "value": {"amount": p["nmck"], "currency": "RUB"},
                "procurementMethod": p["method"][1], "procurementMethodDetails": p["method"][0],
                "tenderPeriod": {"startDate": f"{start.isoformat()}T09:00:00+03:00",
                                 "endDate": f"{date.isoformat()}T09:00:00+03:00"},
                "tenderers": [{"id": f"RU-INN-{c.inn}", "name": c.name} for c in parts],
                "numberOfTenderers": len(parts),
            },
            "awards": [{
                "id": f"{p['id']}-1", "status": "active", "date": f"{date.isoformat()}T10:00:00+03:00",
                "value": {"amount": p["price"], "currency": "RUB"},
                "suppliers": [{"id": f"RU-INN-{winner.inn}", "name": winner.name}],
            }],
        })
    pkg = {
        "uri": f"https://zakupki.example.invalid/ocds/{org_inn}/{ys[0]}-{ys[-1]}.json",
        "version": "1.1",
        "publishedDate": f"{ys[-1] + 1}-01-15T00:00:00+03:00",
        "publisher": {"name": organisation, "scheme": "RU-INN", "uid": org_inn},
        "releases": releases,
    }
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(pkg, ensure_ascii=False, indent=indent))  # dumps: C encoder when indent is None
        fh.write("\n")
