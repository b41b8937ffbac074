"""Planted cases: the first servants of a generated organisation.

Every scenario builds one quiet family (no random events), simulates it like the background
and then changes exactly what the case needs.  Each returns the family and appends its
manifest entries to ``ctx.cases``: ``expect="flag"`` for a finding the checks must raise,
``expect="no_flag"`` for a hard negative that must *not* raise the named code for that servant
and year.  Procurement scenarios also leave requests in ``ctx.plants`` that
``procurement.build`` turns into companies, register rows and procedures.

See the module docstring of ``sample_data.generator`` for the list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import names as N
from .model import (BUY_BASIS, Builder, Decl, Family, Person, REGION_NAME, r2, rand_date,
                    weekday_on_or_after, weekday_on_or_before)

D = dt.date


@dataclass
class Plant:
    """A company to put into the register (and maybe into a procedure) for a planted case."""

    pid: str
    servant_role: str  # procurement role of the servant (for the commission of the procedure)
    form: str  # ООО, АО, ИП
    company_inn: str
    company_name: str
    officer: dict | None  # person_name, person_inn, birth_date, role, share_pct, since, until
    bid_year: int | None  # None: the company never takes part in the organisation's procurement
    cases: list[dict] = field(default_factory=list)  # manifest entries completed with the procedure


class ScenarioContext:
    def __init__(self, b: Builder, namer):
        self.b = b
        self.rng = b.rng
        self.reg = b.reg
        self.years = b.years
        self.cases: list[dict] = []
        self.plants: list[Plant] = []
        self.namer = namer  # company names

    # ---------------- helpers ----------------
    @property
    def Y0(self):
        return self.years[0]

    @property
    def YL(self):
        return self.years[-1]

    @property
    def Y1(self):
        return self.years[1] if len(self.years) > 1 else None

    @property
    def YM(self):
        ys = self.years
        return ys[1] if len(ys) >= 3 else ys[-1]

    def case(self, f: Family, code: str, year: int | None, what: str, expect: str = "flag",
             subject: str = "self", decl: Decl | None = None, **extra) -> dict:
        c: dict[str, Any] = {"code": code, "person_id": f.pid, "year": year, "expect": expect, "subject": subject,
             "what": what}
        rid = extra.pop("relative_id", None)
        if rid is None and subject != "self" and decl is not None:
            rid = decl.rid
        if rid:
            c["relative_id"] = rid
        c.update(extra)
        if decl is not None:
            c["_decl"] = decl
        elif year is not None:
            key = "self" if subject == "self" else ("spouse" if subject == "spouse" else rid)
            c["_lookup"] = (f, year, key)
        self.cases.append(c)
        return c

    def company(self, form: str) -> tuple[str, str]:
        return self.reg.inn_company(), self.namer(form)


def decls(f: Family, key: str = "self", years=None) -> list[tuple[int, Decl]]:
    out = []
    for y in sorted(f.decls):
        if years is not None and y not in years:
            continue
        d = f.decl(y, key)
        if d is not None:
            out.append((y, d))
    return out


def ensure_vehicle(ctx: ScenarioContext, f: Family, key: str = "self", acquired: dt.date | None = None) -> tuple:
    """A passenger car present in every year of the subject (created if needed)."""
    first = decls(f, key)
    common = None
    for v in first[0][1].vehicles:
        if v[0] == "car" and all(v in d.vehicles for _y, d in first):
            common = v
            break
    if common is not None:
        return common
    h = f.holdings[key]
    v = ctx.b.new_car(h, acquired or rand_date(ctx.rng, ctx.Y0 - 4), age=3)
    row = tuple(v[:6])
    for _y, d in first:
        d.vehicles.append(row)
    return row


def ensure_account(ctx: ScenarioContext, f: Family, key: str = "self") -> tuple:
    """An account present in every year (created if needed); returns the first year's row."""
    ds = decls(f, key)
    nums = set.intersection(*[{a[1] for a in d.accounts} for _y, d in ds]) if ds else set()
    for a in ds[0][1].accounts:
        if a[1] in nums:
            return a
    h = f.holdings[key]
    acc = ctx.b.new_account(h, "card", rand_date(ctx.rng, ctx.Y0 - 5), 25_000)
    row = tuple(acc[:6])
    for _y, d in ds:
        d.accounts.append(row)
    return row


def new_estate_row(ctx: ScenarioContext, obj: str, acquired: dt.date, area: float, basis: str | None = None,
                   ownership="individual", share=None, address=None) -> tuple:
    b = ctx.b
    cad = b.reg.cadastral(district=ctx.rng.randint(1, 12))
    address = address or f"{REGION_NAME}, Энский р-н, с. Покровское, ул. {ctx.rng.choice(('Лесная', 'Полевая', 'Садовая'))}, уч. {ctx.rng.randint(1, 90)}"
    return ("owned", obj, ownership, share, area, "Россия", address, cad, acquired,
            basis or f"{BUY_BASIS} от {acquired:%d.%m.%Y}")


def rub(x: float) -> str:
    return f"{x:,.2f}".replace(",", "\u00a0").replace(".", ",")


def num(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def apr(year: int, day: int) -> dt.date:
    return weekday_on_or_before(D(year, 4, day))


def _build(ctx: ScenarioContext, pid: str, spec: dict, pre=None) -> Family:
    spec = dict(spec)
    spec.setdefault("quiet", True)
    spec.setdefault("must_declare", True)
    f = ctx.b.build_family(pid, spec)
    if pre:
        pre(f)
    ctx.b.simulate(f)
    return f


def _sibling(f: Family, male: bool) -> Person:
    rel = "brother" if male else "sister"
    return next(r for r in f.rels if r.relation == rel).p


def _rel(f: Family, relation: str):
    return next(r for r in f.rels if r.relation == relation)


# ======================================================================================
# С, В, Д: declarations
# ======================================================================================

def s_missing_declaration(ctx, pid):
    f = _build(ctx, pid, {"married": False, "children": []})
    y = ctx.YM
    f.declaration(y).declared = False
    ctx.case(f, "MISSING_DECLARATION", y, "в списке служащих, обязан представлять, справки о себе нет")
    ctx.case(f, "PAYROLL_MISMATCH", y, "начисления есть, справки нет: это не расхождение с начислениями",
             expect="no_flag")
    # the same servant is a registered entrepreneur
    s = f.servant
    ctx.plants.append(Plant(pid, "none", "ИП", s.inn, f"ИП {s.full}", {
        "person_name": s.full, "person_inn": s.inn, "birth_date": s.birth, "role": "entrepreneur",
        "share_pct": None, "since": D(ctx.Y0 - 4, 3, 15), "until": None}, None, [
        {"code": "SERVANT_IS_OFFICER", "person_id": pid, "year": ctx.YL, "years": list(ctx.years),
         "expect": "flag", "subject": "self",
         "what": "служащий зарегистрирован индивидуальным предпринимателем (ЕГРИП), ИНН совпадает",
         "noise": "exact", "officer_role": "entrepreneur"}]))
    return f


def s_missing_family(ctx, pid):
    sur = ctx.b.take_planted()
    f = _build(ctx, pid, {"married": True, "surname": sur, "male": True, "role": "commission",
                          "department": "Отдел муниципального заказа",
                          "siblings": [{"male": True, "inn_p": 1.0}]})
    y = ctx.YM
    sp = f.declaration(y, "spouse")
    sp.declared = False
    ctx.case(f, "MISSING_FAMILY_DECLARATION", y, "супруга указана в анкете, справки о ней нет",
             subject="spouse", relative_id=f.married().rid)
    bro = _sibling(f, True)
    inn, name = ctx.company("ООО")
    ctx.plants.append(Plant(pid, "commission", "ООО", inn, name, {
        "person_name": bro.full, "person_inn": bro.inn, "birth_date": bro.birth, "role": "director",
        "share_pct": None, "since": D(ctx.Y0 - 3, 2, 11), "until": None}, ctx.YL, [
        {"code": "PROCUREMENT_AFFILIATION", "person_id": pid, "year": ctx.YL, "expect": "flag",
         "subject": "self", "relation": "brother", "relative_id": _rel(f, "brother").rid,
         "relative_name": bro.full, "noise": "exact", "officer_role": "director",
         "what": "брат члена комиссии — директор участника закупки (ФИО и ИНН совпадают)"}]))
    return f


def s_late_submission(ctx, pid):
    f = _build(ctx, pid, {"married": True})
    y = ctx.Y0
    f.submitted[y] = weekday_on_or_after(D(y + 1, 6, 16))
    ctx.case(f, "LATE_SUBMISSION", y, f"справки представлены {f.submitted[y]:%d.%m.%Y}, срок — 30 апреля")
    if ctx.Y1:
        y1 = ctx.Y1
        car = ensure_vehicle(ctx, f)
        salary = next(i[2] for i in f.declaration(y1).incomes if i[0] == "main_job")
        price = r2(min(0.6 * salary, 690_000.0))
        for yy, d in decls(f):
            if yy >= y1:
                d.vehicles.remove(car)
        f.declaration(y1).incomes.append(("other", "продажа автомобиля", price))
        ctx.case(f, "VEHICLE_DISAPPEARED", y1, f"автомобиль {car[1]} {car[2]} продан, доход «продажа автомобиля» указан",
                 expect="no_flag")
    return f


def s_late_correction(ctx, pid):
    f = _build(ctx, pid, {"married": False, "children": []})
    y = ctx.Y0
    d = f.declaration(y)
    f.submitted[y] = apr(y + 1, 3)
    corr = d.copy()
    acc = ctx.b.new_account(f.holdings["self"], "savings", D(y - 3, 9, 14), 41_250.0)
    row = tuple(acc[:6])
    for _yy, dd in decls(f):
        if dd is not d:
            dd.accounts.append(row)
    corr.accounts.append(row)
    corr.submitted = weekday_on_or_after(D(y + 1, 7, 10))
    d.correction = corr
    ctx.case(f, "LATE_CORRECTION", y, f"уточненная справка от {corr.submitted:%d.%m.%Y} (добавлен забытый счет)",
             decl=corr)
    ctx.case(f, "LATE_SUBMISSION", y, "первичная справка представлена в срок; поздняя только уточненная",
             expect="no_flag")
    return f


def s_child_not_minor(ctx, pid):
    yl = ctx.YL
    kid_birth = D(yl - 18, 3, 14)

    def pre(f):
        f.extras["declare_adult"] = {f.children[0].rid}

    f = _build(ctx, pid, {"married": True, "male": False, "children": [{"birth": kid_birth, "male": True}]}, pre)
    kid = f.children[0]
    ctx.case(f, "CHILD_NOT_MINOR", yl, f"справка на сына {kid_birth:%d.%m.%Y} г. р., на 31.12.{yl} ему 18 лет",
             subject="child", relative_id=kid.rid)
    return f


def s_expense_exceeds(ctx, pid):
    f = _build(ctx, pid, {"married": True, "salary": 780_000, "spouse_salary": 470_000,
                          "position": ("Главный специалист", 0, 0, True)})
    y = ctx.YL
    d = f.declaration(y)
    deal = D(y, 7, 22)
    house = new_estate_row(ctx, "house", deal, 148.6)
    land = new_estate_row(ctx, "land", deal, 1500.0, address=house[6])
    d.estates += [house, land]
    d.expenses.append(("real_estate", "жилой дом с земельным участком", 9_800_000.0, deal,
                       "накопления за предыдущие годы"))
    for a_i, a in enumerate(d.accounts):  # the savings were spent
        if a[5] > 100_000:
            d.accounts[a_i] = a[:5] + (r2(a[5] * 0.3),)
    ctx.case(f, "EXPENSE_EXCEEDS_3Y_INCOME", y, "куплен дом за 9 800 000 руб. при доходе семьи около 1,3 млн руб. в год")
    return f


def s_payroll_mismatch(ctx, pid):
    f = _build(ctx, pid, {})
    y = ctx.Y0
    sal = next(i[2] for i in f.declaration(y).incomes if i[0] == "main_job")
    f.payroll_delta[y] = r2(sal * 0.083)
    ctx.case(f, "PAYROLL_MISMATCH", y, f"в справке {rub(sal)} руб., начислено на 8,3 % больше ({rub(sal + f.payroll_delta[y])} руб.)")
    return f


def s_property_disappeared(ctx, pid):
    if not ctx.Y1:
        return _build(ctx, pid, {})
    f = _build(ctx, pid, {"married": True, "extras": [("garage", "self")]})
    y1 = ctx.Y1
    home_cad = f.own_home()["cad"]
    g = next(e for e in f.declaration(ctx.Y0).estates if e[1] == "garage" and e[7] != home_cad)
    for yy, d in decls(f):
        if yy >= y1:
            d.estates.remove(g)
    ctx.case(f, "PROPERTY_DISAPPEARED", y1, f"гараж {num(g[4])} кв. м пропал из справки, дохода от продажи нет")
    return f


def s_property_appeared(ctx, pid):
    f = _build(ctx, pid, {})
    if ctx.Y1:
        y1 = ctx.Y1
        acq = D(y1 - 4, 5, 12)
        land = new_estate_row(ctx, "land", acq, 1200.0)
        for yy, d in decls(f):
            if yy >= y1:
                d.estates.append(land)
        ctx.case(f, "PROPERTY_APPEARED", y1, f"земельный участок куплен {acq:%d.%m.%Y}, в справке за {ctx.Y0} его не было")
    s = f.servant
    inn, name = ctx.company("ООО")
    ctx.plants.append(Plant(pid, "none", "ООО", inn, name, {
        "person_name": s.full, "person_inn": None, "birth_date": s.birth, "role": "director",
        "share_pct": None, "since": D(ctx.Y0 - 2, 9, 1), "until": None}, None, [
        {"code": "SERVANT_IS_OFFICER", "person_id": pid, "year": ctx.YL, "years": list(ctx.years),
         "expect": "flag", "subject": "self", "noise": "exact", "officer_role": "director",
         "what": "служащий — директор коммерческой организации (ФИО и дата рождения совпадают)"}]))
    return f


def s_area_changed(ctx, pid):
    if not ctx.Y1:
        return _build(ctx, pid, {})
    f = _build(ctx, pid, {"married": True, "extras": [("flat", "spouse")]})
    y1 = ctx.Y1
    home_cad = f.own_home()["cad"]
    flat = next(e for e in f.declaration(ctx.Y0, "spouse").estates if e[1] == "flat" and e[7] != home_cad and e[0] == "owned")
    new_area = round(flat[4] * 1.087, 1)
    new = flat[:4] + (new_area,) + flat[5:]
    for yy, d in decls(f, "spouse"):
        if yy >= y1:
            d.estates[d.estates.index(flat)] = new
    ctx.case(f, "PROPERTY_AREA_CHANGED", y1, f"квартира супруги: {num(flat[4])} → {num(new_area)} кв. м при том же кадастровом номере",
             subject="spouse", relative_id=f.married().rid)
    return f


def s_share_changed(ctx, pid):
    f = _build(ctx, pid, {"married": True, "home": "shared"})
    y = ctx.YL
    if len(ctx.years) > 1:
        cad = f.own_home()["cad"]
        d = f.declaration(y)
        i, row = next((i, e) for i, e in enumerate(d.estates) if e[7] == cad)
        d.estates[i] = row[:3] + ("1/3",) + row[4:]
        ctx.case(f, "PROPERTY_SHARE_CHANGED", y, "доля в квартире 1/2 → 1/3 без сделки")
    # the servant holds shares of a joint-stock company that bids
    inn, name = ctx.company("АО")
    d = f.declaration(y)
    d.securities.append((name, inn, "shares", 0.8, 120_000.0))
    ctx.plants.append(Plant(pid, "none", "АО", inn, name, None, y, [
        {"code": "STAKE_IN_SUPPLIER", "person_id": pid, "year": y, "expect": "flag", "subject": "self",
         "what": "служащий владеет акциями (0,8 %) общества, участвовавшего в закупке", "company_inn": inn}]))
    return f


def s_vehicle_disappeared(ctx, pid):
    if not ctx.Y1:
        return _build(ctx, pid, {})
    f = _build(ctx, pid, {})
    y1 = ctx.Y1
    car = ensure_vehicle(ctx, f)
    for yy, d in decls(f):
        if yy >= y1:
            d.vehicles.remove(car)
    ctx.case(f, "VEHICLE_DISAPPEARED", y1, f"автомобиль {car[1]} {car[2]} ({car[4]}) пропал, дохода от продажи нет")
    return f


def s_vehicle_appeared(ctx, pid):
    f = _build(ctx, pid, {"married": True, "male": True})
    if len(ctx.years) > 1:
        y = ctx.YL
        acq = D(min(y - 3, ctx.years[-2] - 1), 5, 17)
        v = ctx.b.new_car(f.holdings["spouse"], acq, age=2)
        f.holdings["spouse"].vehicles.remove(v)
        f.declaration(y, "spouse").vehicles.append(tuple(v[:6]))
        ctx.case(f, "VEHICLE_APPEARED", y, f"у супруги появился автомобиль {v[1]} {v[2]}, купленный {acq:%d.%m.%Y} (до конца {ctx.years[-2]} года)",
                 subject="spouse", relative_id=f.married().rid)
    return f


def s_account_date_changed(ctx, pid):
    if not ctx.Y1:
        return _build(ctx, pid, {})
    f = _build(ctx, pid, {})
    y1 = ctx.Y1
    acc = ensure_account(ctx, f)
    new_date = acc[4].replace(year=acc[4].year - 2) if not (acc[4].month == 2 and acc[4].day == 29) else D(acc[4].year - 2, 2, 28)
    for yy, d in decls(f):
        if yy >= y1:
            i = next(i for i, a in enumerate(d.accounts) if a[1] == acc[1])
            d.accounts[i] = d.accounts[i][:4] + (new_date,) + d.accounts[i][5:]
    ctx.case(f, "ACCOUNT_OPEN_DATE_CHANGED", y1, f"счет в {acc[0]}: дата открытия {acc[4]:%d.%m.%Y} → {new_date:%d.%m.%Y}")
    return f


def s_account_undeclared(ctx, pid):
    f = _build(ctx, pid, {})
    if len(ctx.years) > 1:
        y = ctx.YL
        opened = D(min(y - 3, ctx.years[-2] - 1), 8, 5)
        acc = ctx.b.new_account(f.holdings["self"], "savings", opened, 27_400.0)
        f.holdings["self"].accounts.remove(acc)
        f.declaration(y).accounts.append(tuple(acc[:6]))
        ctx.case(f, "ACCOUNT_UNDECLARED_BEFORE", y, f"счет, открытый {opened:%d.%m.%Y}, впервые указан в справке за {y} год")
    return f


def s_income_jump(ctx, pid):
    f = _build(ctx, pid, {"salary": 800_000, "position": ("Консультант", 0, 0, True)})
    if len(ctx.years) > 1:
        y = ctx.YL
        f.declaration(y).incomes.append(("other", "единовременная страховая выплата", 2_350_000.0))
        ctx.case(f, "INCOME_JUMP", y, "доход вырос более чем втрое (страховая выплата 2 350 000 руб.)")
    return f


def s_savings_exceed(ctx, pid):
    f = _build(ctx, pid, {})
    if len(ctx.years) > 1:
        y = ctx.YL
        ensure_account(ctx, f)
        d = f.declaration(y)
        prev = f.declaration(ctx.years[-2])
        prev_nums = {a[1] for a in prev.accounts}
        i = max((i for i, a in enumerate(d.accounts) if a[1] in prev_nums), key=lambda i: d.accounts[i][5])
        income = d.total_income()
        a = d.accounts[i]
        d.accounts[i] = a[:5] + (r2(a[5] + income + 1_300_000),)
        ctx.case(f, "SAVINGS_EXCEED_INCOME", y, f"остатки на счетах выросли на {rub(income + 1_300_000)} руб. при доходе {rub(income)} руб.")
    return f


# ---------------- hard negatives ----------------

def n_flat_sold(ctx, pid):
    f = _build(ctx, pid, {"married": False, "children": [], "salary": 1_900_000,
                          "position": ("Заместитель главы администрации", 0, 0, True),
                          "extras": [("flat", "self")]})
    if not ctx.Y1:
        return f
    y1 = ctx.Y1
    home_cad = f.own_home()["cad"]
    flat = next(e for e in f.declaration(ctx.Y0).estates if e[1] == "flat" and e[7] != home_cad and e[0] == "owned")
    for yy, d in decls(f):
        if yy >= y1:
            d.estates.remove(flat)
    f.declaration(y1).incomes.append(("other", "продажа квартиры", 1_450_000.0))
    ctx.case(f, "PROPERTY_DISAPPEARED", y1, "квартира продана, доход «продажа квартиры» 1 450 000 руб. указан", expect="no_flag")
    ctx.case(f, "INCOME_JUMP", y1, "продажа квартиры увеличила доход менее чем вдвое", expect="no_flag")
    if len(ctx.years) > 2:
        ctx.case(f, "INCOME_JUMP", ctx.years[2], "доход вернулся к обычному уровню (падение менее чем вдвое)", expect="no_flag")
    return f


def n_rounding_and_new_account(ctx, pid):
    sur = ctx.b.take_planted(lambda s: not N.is_invariant(s))
    f = _build(ctx, pid, {"married": False, "children": [], "home": "self", "home_area": 52.3,
                          "male": True, "surname": sur, "siblings": []})
    if ctx.Y1:
        y1 = ctx.Y1
        cad = f.own_home()["cad"]
        for yy, d in decls(f):
            if yy >= y1:
                i = next(i for i, e in enumerate(d.estates) if e[7] == cad)
                d.estates[i] = d.estates[i][:4] + (52.5,) + d.estates[i][5:]
        ctx.case(f, "PROPERTY_AREA_CHANGED", y1, "площадь 52,3 → 52,5 кв. м (0,4 %, округление)", expect="no_flag")
        opened = D(y1, 12, 27)
        acc = ctx.b.new_account(f.holdings["self"], "deposit", opened, 50_000.0)
        f.holdings["self"].accounts.remove(acc)
        for yy, d in decls(f):
            if yy >= y1:
                d.accounts.append(tuple(acc[:6]))
        ctx.case(f, "ACCOUNT_UNDECLARED_BEFORE", y1, f"вклад открыт {opened:%d.%m.%Y}, в отчетном году", expect="no_flag")
    # an undeclared sister directs a bidder
    s = f.servant
    y = ctx.YL
    sis_given = N.given_name(ctx.rng, False, s.birth.year)
    officer = f"{N.female_surname(s.base)} {sis_given} {N.MALE_NAMES[f.extras['father_given']][1]}"
    inn, name = ctx.company("ООО")
    ctx.plants.append(Plant(pid, "none", "ООО", inn, name, {
        "person_name": officer, "person_inn": None, "birth_date": D(s.birth.year + 3, 10, 9), "role": "director",
        "share_pct": None, "since": D(ctx.Y0 - 6, 4, 20), "until": None}, y, [
        {"code": "POSSIBLE_UNDECLARED_RELATIVE", "person_id": pid, "year": y, "expect": "flag", "subject": "self",
         "noise": "gender_form", "officer_role": "director",
         "what": f"директор участника «{officer}»: та же фамилия в женской форме и то же отчество, в анкете сестры нет"}]))
    return f


def n_child_turns_18(ctx, pid):
    if len(ctx.years) < 2:
        return _build(ctx, pid, {})
    y_prev, y = ctx.years[-2], ctx.years[-1]
    f = _build(ctx, pid, {"married": True, "children": [{"birth": D(y_prev - 17, 11, 5), "male": False}]})
    kid = f.children[0]
    ctx.case(f, "CHILD_NOT_MINOR", y_prev, f"дочь {kid.p.birth:%d.%m.%Y} г. р.: на 31.12.{y_prev} ей 17 лет",
             expect="no_flag", subject="child", relative_id=kid.rid)
    ctx.case(f, "MISSING_FAMILY_DECLARATION", y, f"дочери исполнилось 18 в {y} году, справка не нужна",
             expect="no_flag", subject="child", relative_id=kid.rid)
    return f


def n_april_30(ctx, pid):
    f = _build(ctx, pid, {"married": True, "salary": 1_150_000, "spouse_salary": 700_000,
                          "position": ("Начальник отдела", 0, 0, True)})
    y = ctx.YL
    f.submitted[y] = D(y + 1, 4, 30)
    ctx.case(f, "LATE_SUBMISSION", y, f"справки представлены 30.04.{y + 1}, в последний день срока", expect="no_flag")
    f.payroll_delta[y] = 600.0
    ctx.case(f, "PAYROLL_MISMATCH", y, "начислено на 600 руб. больше (меньше 1 000 руб.)", expect="no_flag")
    if y - 1 in ctx.years:  # the previous year is in the stored history
        deal = D(y, 6, 3)
        v = ctx.b.new_car(f.holdings["self"], deal, age=0)
        f.holdings["self"].vehicles.remove(v)
        f.declaration(y).vehicles.append(tuple(v[:6]))
        price = 1_150_000.0
        f.declaration(y).expenses.append(("vehicle", f"{v[1]} {v[2]}", price, deal,
                                   "доход по основному месту работы, накопления за предыдущие годы"))
        ctx.case(f, "EXPENSE_EXCEEDS_3Y_INCOME", y, "автомобиль за 1 150 000 руб. при доходе семьи около 1,9 млн руб. в год",
                 expect="no_flag")
    return f


def n_correction_in_time(ctx, pid):
    if not ctx.Y1:
        return _build(ctx, pid, {})
    f = _build(ctx, pid, {})
    y1 = ctx.Y1
    car = ensure_vehicle(ctx, f)
    d = f.declaration(y1)
    corr = d.copy()
    d.vehicles.remove(car)
    f.submitted[y1] = apr(y1 + 1, 8)
    corr.submitted = weekday_on_or_before(D(y1 + 1, 5, 20))
    d.correction = corr
    ctx.case(f, "LATE_CORRECTION", y1, f"уточненная справка от {corr.submitted:%d.%m.%Y} — в пределах месяца после срока",
             expect="no_flag", decl=corr)
    ctx.case(f, "VEHICLE_DISAPPEARED", y1, "первичная справка пропустила автомобиль, уточненная его добавила", expect="no_flag")
    ctx.case(f, "LATE_SUBMISSION", y1, "первичная справка в срок", expect="no_flag")
    if len(ctx.years) > 2:
        ctx.case(f, "VEHICLE_APPEARED", ctx.years[2], "автомобиль был в уточненной справке прошлого года", expect="no_flag")
    return f


def n_gap_year(ctx, pid):
    ys = ctx.years
    if len(ys) < 3:
        return _build(ctx, pid, {})
    gap, after = ys[1], ys[2]
    present = [y for y in ys if y != gap]
    f = _build(ctx, pid, {"married": False, "children": [], "present": present, "salary": 1_250_000,
                          "savings_rate": 0.15, "position": ("Начальник управления", 0, 0, True)})
    car = ensure_vehicle(ctx, f, acquired=D(ys[0] - 3, 4, 2))
    dep = ctx.b.new_account(f.holdings["self"], "deposit", D(ys[0] - 5, 2, 9), 1_600_000.0)
    f.holdings["self"].accounts.remove(dep)
    for _y, d in decls(f):
        d.accounts.append(tuple(dep[:6]))
    new_car = ctx.b.new_car(f.holdings["self"], D(gap, 8, 14), age=1)
    f.holdings["self"].vehicles.remove(new_car)
    acc = ctx.b.new_account(f.holdings["self"], "card", D(gap, 3, 2), 60_000.0)
    f.holdings["self"].accounts.remove(acc)
    for yy, d in decls(f):
        if yy > gap:
            d.vehicles.append(tuple(new_car[:6]))
            d.accounts.append(tuple(acc[:6]))
    del car
    ctx.case(f, "MISSING_DECLARATION", gap, f"в {gap} году служащего не было в списке (уволен и вновь принят)", expect="no_flag")
    what = f"справка за {after} сравнивается со справкой за {ys[0]}: пропущенный год — не «нулевая» справка"
    for code in ("INCOME_JUMP", "SAVINGS_EXCEED_INCOME", "VEHICLE_APPEARED", "ACCOUNT_UNDECLARED_BEFORE",
                 "PROPERTY_APPEARED"):
        ctx.case(f, code, after, what, expect="no_flag")
    return f


def n_not_obliged(ctx, pid):
    f = _build(ctx, pid, {"married": False, "children": [], "position": ("Водитель", 400_000, 500_000, False),
                          "department": "Аппарат администрации"})
    ctx.case(f, "MISSING_DECLARATION", ctx.YL, "должность не входит в перечень (обязан представлять: нет), справок нет ни за один год",
             expect="no_flag", years=list(ctx.years))
    return f


def n_maternity_and_closed_ip(ctx, pid):
    y0 = ctx.Y0
    f = _build(ctx, pid, {"married": True, "male": True, "spouse_salary": 690_000,
                          "children": [{"birth": D(y0 - 1, 9, 2)}]})
    if ctx.Y1:
        d = f.declaration(y0, "spouse")
        d.incomes = [i for i in d.incomes if i[0] != "main_job"] + [("other", "пособие по уходу за ребенком", 186_400.0)]
        ctx.case(f, "INCOME_JUMP", ctx.Y1, "супруга вышла из отпуска по уходу за ребенком: доход ×3,9, но рост менее 1 млн руб.",
                 expect="no_flag", subject="spouse", relative_id=f.married().rid)
    s = f.servant
    ctx.plants.append(Plant(pid, "none", "ИП", s.inn, f"ИП {s.full}", {
        "person_name": s.full, "person_inn": s.inn, "birth_date": s.birth, "role": "entrepreneur",
        "share_pct": None, "since": D(y0 - 8, 4, 1), "until": D(y0 - 3, 6, 30)}, None, [
        {"code": "SERVANT_IS_OFFICER", "person_id": pid, "year": ctx.YL, "years": list(ctx.years),
         "expect": "no_flag", "subject": "self", "officer_role": "entrepreneur",
         "what": f"ИП прекратил деятельность 30.06.{y0 - 3}, до отчетных лет"}]))
    return f


# ======================================================================================
# З: procurement
# ======================================================================================

def _bid_year(ctx, k: int) -> int:
    ys = ctx.years
    return ys[-1 - (k % len(ys))]


def _affiliation(ctx, f, relation, rel, officer_name, noise, role, share, k, what, birth=True, form=None):
    y = _bid_year(ctx, k)
    form = form or ("АО" if role == "board" else "ООО")
    inn, name = ctx.company(form)
    p = rel.p
    ctx.plants.append(Plant(f.pid, f.role, form, inn, name, {
        "person_name": officer_name, "person_inn": None, "birth_date": p.birth if birth else None,
        "role": role, "share_pct": share, "since": D(min(ctx.Y0, y) - 4, 3, 2), "until": None}, y, [
        {"code": "PROCUREMENT_AFFILIATION", "person_id": f.pid, "year": y, "expect": "flag", "subject": "self",
         "relation": relation, "relative_id": rel.rid, "relative_name": p.full, "noise": noise,
         "officer_role": role, "share_pct": share, "what": what}]))


def p_brother_typo(ctx, pid):
    f = _build(ctx, pid, {"male": True, "surname": ctx.b.take_planted(), "role": "commission",
                          "siblings": [{"male": True}], "department": "Финансовое управление"})
    rel = _rel(f, "brother")
    p = rel.p
    parts = [p.surname, p.given, p.patr]
    i = ctx.rng.randrange(3)
    parts[i] = N.typo(parts[i], ctx.rng)
    _affiliation(ctx, f, "brother", rel, " ".join(parts), "typo", "director", None, 0,
                 "брат члена комиссии — директор участника (опечатка в ФИО)")
    return f


def p_spouse_maiden(ctx, pid):
    maiden = ctx.b.take_planted(lambda s: not N.is_invariant(s))
    f = _build(ctx, pid, {"male": True, "married": True, "surname": ctx.b.take_planted(), "role": "commission",
                          "spouse_surname": maiden, "keep_maiden": False, "department": "Отдел экономики и инвестиций"})
    rel = f.married()
    p = rel.p
    _affiliation(ctx, f, "spouse", rel, p.name_with_base(maiden), "maiden_name", "founder", 25.0, 1,
                 "супруга члена комиссии — учредитель участника с долей 25 % (в реестре под девичьей фамилией)")
    return f


def p_father_initials(ctx, pid):
    f = _build(ctx, pid, {"male": True, "surname": ctx.b.take_planted(), "role": "customer_head",
                          "position": ("Глава администрации", 2_300_000, 2_500_000, True),
                          "department": "Аппарат администрации", "father_listed": True,
                          "birth_year": ctx.Y0 - 46})
    rel = _rel(f, "father")
    p = rel.p
    _affiliation(ctx, f, "father", rel, N.initials(p.surname, p.given, p.patr), "initials", "board", None, 2,
                 "отец руководителя заказчика — член совета директоров участника (в реестре только инициалы)")
    return f


def p_sister_yo(ctx, pid):
    husband = ctx.b.take_planted(lambda s: "ё" in s and not N.is_invariant(s))
    f = _build(ctx, pid, {"male": True, "surname": ctx.b.take_planted(), "role": "commission",
                          "siblings": [{"male": False, "married": True, "married_surname": husband, "given": "Алёна"}],
                          "department": "Отдел ЖКХ и дорожного хозяйства"})
    rel = _rel(f, "sister")
    p = rel.p
    _affiliation(ctx, f, "sister", rel, N.strip_yo(p.full), "yo", "director", None, 3,
                 "сестра члена комиссии (замужем) — директор участника; в реестре «е» вместо «ё»")
    return f


def p_son_translit(ctx, pid):
    y0 = ctx.Y0
    f = _build(ctx, pid, {"male": True, "married": True, "surname": ctx.b.take_planted(), "role": "contract_manager",
                          "birth_year": y0 - 54, "department": "Отдел муниципального заказа",
                          "position": ("Начальник отдела", 1_000_000, 1_200_000, True),
                          "children": [{"birth": D(y0 - 27, 6, 8), "male": True}]})
    rel = f.children[0]
    p = rel.p
    _affiliation(ctx, f, "son", rel, N.translit(p.full), "translit", "founder", 40.0, 0,
                 "сын контрактного управляющего — учредитель участника (40 %), ФИО латиницей")
    return f


def p_mother_gender(ctx, pid):
    f = _build(ctx, pid, {"male": False, "married": True, "surname": ctx.b.take_planted(lambda s: not N.is_invariant(s)),
                          "role": "commission", "mother_listed": True, "department": "Юридический отдел"})
    rel = _rel(f, "mother")
    p = rel.p
    _affiliation(ctx, f, "mother", rel, f"{p.base} {p.given} {p.patr}", "gender_form", "director", None, 1,
                 "мать члена комиссии — директор участника; фамилия записана в мужской форме")
    return f


def np_namesake_same_surname(ctx, pid):
    rng = ctx.rng
    husband = ctx.b.take_planted(lambda s: not N.is_invariant(s))
    f = _build(ctx, pid, {"male": True, "surname": ctx.b.take_planted(lambda s: not N.is_invariant(s)),
                          "role": "commission", "department": "Комитет по управлению муниципальным имуществом",
                          "siblings": [{"male": False, "married": True, "married_surname": husband}]})
    s = f.servant
    sis_rel = _rel(f, "sister")
    sis = sis_rel.p
    y = _bid_year(ctx, 0)
    # (a) a namesake of the sister, twelve years younger
    inn, name = ctx.company("ООО")
    ctx.plants.append(Plant(pid, f.role, "ООО", inn, name, {
        "person_name": sis.full, "person_inn": ctx.reg.inn_person(), "birth_date": D(sis.birth.year + 12, 2, 17),
        "role": "director", "share_pct": None, "since": D(y - 3, 5, 5), "until": None}, y, [
        {"code": "PROCUREMENT_AFFILIATION", "person_id": pid, "year": y, "expect": "no_flag", "subject": "self",
         "relation": "sister", "relative_id": sis_rel.rid, "relative_name": sis.full,
         "noise": "namesake_other_birth_date", "officer_role": "director",
         "what": f"тезка сестры, родившаяся на 12 лет позже ({D(sis.birth.year + 12, 2, 17):%d.%m.%Y})"}]))
    # (b) same surname, unrelated patronymic
    forbidden = {f.extras["father_given"], s.given}
    grand = f.extras["father"].patr
    forbidden |= {n for n, (pm, _pf) in N.MALE_NAMES.items() if pm == grand}
    cands = [n for n in N.MALE_NAMES if n not in forbidden]
    given = rng.choice([n for n in cands if n != s.given])
    patr_src = rng.choice([n for n in cands if n != given])
    officer = f"{s.surname} {given} {N.patronymic(patr_src, True)}"
    inn2, name2 = ctx.company("ООО")
    y2 = _bid_year(ctx, 1)
    ctx.plants.append(Plant(pid, f.role, "ООО", inn2, name2, {
        "person_name": officer, "person_inn": None, "birth_date": D(s.birth.year - 6, 7, 23), "role": "director",
        "share_pct": None, "since": D(y2 - 5, 1, 28), "until": None}, y2, [
        {"code": "POSSIBLE_UNDECLARED_RELATIVE", "person_id": pid, "year": y2, "expect": "no_flag", "subject": "self",
         "noise": "same_surname_other_patronymic", "officer_role": "director",
         "what": f"директор участника «{officer}»: та же фамилия, отчество не подходит ни брату, ни отцу, ни сыну"},
        {"code": "PROCUREMENT_AFFILIATION", "person_id": pid, "year": y2, "expect": "no_flag", "subject": "self",
         "noise": "same_surname_other_patronymic", "officer_role": "director",
         "what": "однофамилец, не родственник"}]))
    return f


def np_threshold_until_nonbidder(ctx, pid):
    y0, yl = ctx.Y0, ctx.YL
    f = _build(ctx, pid, {"male": True, "married": True, "surname": ctx.b.take_planted(lambda s: not N.is_invariant(s)),
                          "role": "commission", "birth_year": y0 - 53, "department": "Отдел архитектуры и градостроительства",
                          "siblings": [{"male": True}, {"male": False, "married": False}],
                          "children": [{"birth": D(y0 - 26, 4, 19), "male": True}]})
    bro_rel, sis_rel, son_rel = _rel(f, "brother"), _rel(f, "sister"), f.children[0]
    y = _bid_year(ctx, 0)
    inn, name = ctx.company("ООО")
    ctx.plants.append(Plant(pid, f.role, "ООО", inn, name, {
        "person_name": bro_rel.p.full, "person_inn": None, "birth_date": bro_rel.p.birth, "role": "founder",
        "share_pct": 5.0, "since": D(y - 4, 10, 1), "until": None}, y, [
        {"code": "PROCUREMENT_AFFILIATION", "person_id": pid, "year": y, "expect": "no_flag", "subject": "self",
         "relation": "brother", "relative_id": bro_rel.rid, "relative_name": bro_rel.p.full, "noise": "share_5pct",
         "officer_role": "founder", "share_pct": 5.0, "what": "брат — учредитель участника с долей 5 % (не более 10 %)"}]))
    inn, name = ctx.company("ООО")
    until = D(y0 - 2, 6, 30)
    ctx.plants.append(Plant(pid, f.role, "ООО", inn, name, {
        "person_name": sis_rel.p.full, "person_inn": None, "birth_date": sis_rel.p.birth, "role": "director",
        "share_pct": None, "since": D(y0 - 7, 3, 1), "until": until}, yl, [
        {"code": "PROCUREMENT_AFFILIATION", "person_id": pid, "year": yl, "expect": "no_flag", "subject": "self",
         "relation": "sister", "relative_id": sis_rel.rid, "relative_name": sis_rel.p.full, "noise": "until_before_procedure",
         "officer_role": "director", "what": f"сестра была директором участника до {until:%d.%m.%Y}, задолго до закупки"}]))
    inn, name = ctx.company("ООО")
    ctx.plants.append(Plant(pid, f.role, "ООО", inn, name, {
        "person_name": son_rel.p.full, "person_inn": None, "birth_date": son_rel.p.birth, "role": "director",
        "share_pct": None, "since": D(y0 - 1, 2, 1), "until": None}, None, [
        {"code": "PROCUREMENT_AFFILIATION", "person_id": pid, "year": yl, "expect": "no_flag", "subject": "self",
         "relation": "son", "relative_id": son_rel.rid, "relative_name": son_rel.p.full, "noise": "company_not_bidding",
         "officer_role": "director", "what": "сын — директор общества, которое в закупках организации не участвовало"}]))
    return f


def s_property_gone_other_sale(ctx, pid):
    """The servant's garage is gone while the spouse declares «продажа автомобиля»: a sale of another kind,
    by another member of the family, explains nothing (checks.md, issue 10)."""
    f = s_property_disappeared(ctx, pid)
    if ctx.Y1 and f.decl(ctx.Y1, "spouse") is not None:
        f.declaration(ctx.Y1, "spouse").incomes.append(("other", "продажа автомобиля", 640_000.0))
    return f


def _dynamics_only(fn):
    """A Д scenario without the procurement companies some of them also plant (repeated for benchmarks)."""
    def run(ctx, pid):
        plants = len(ctx.plants)
        f = fn(ctx, pid)
        del ctx.plants[plants:]
        return f
    run.__name__ = fn.__name__
    return run


# Repeated `dynamics_cases` times after SCENARIOS (generator option): enough planted Д events to score
DYNAMICS_SCENARIOS = [_dynamics_only(fn) for fn in (
    s_property_disappeared, s_property_appeared, s_area_changed, s_share_changed, s_vehicle_disappeared,
    s_vehicle_appeared, s_account_date_changed, s_account_undeclared, s_property_gone_other_sale, n_flat_sold)]

SCENARIOS = [
    s_missing_declaration, s_missing_family, s_late_submission, s_late_correction, s_child_not_minor,
    s_expense_exceeds, s_payroll_mismatch, s_property_disappeared, s_property_appeared, s_area_changed,
    s_share_changed, s_vehicle_disappeared, s_vehicle_appeared, s_account_date_changed, s_account_undeclared,
    s_income_jump, s_savings_exceed,
    n_flat_sold, n_rounding_and_new_account, n_child_turns_18, n_april_30, n_correction_in_time, n_gap_year,
    n_not_obliged, n_maternity_and_closed_ip,
    p_brother_typo, p_spouse_maiden, p_father_initials, p_sister_yo, p_son_translit, p_mother_gender,
    np_namesake_same_surname, np_threshold_until_nonbidder,
]
