"""Synthetic declarations of Russian civil servants: a seeded, deterministic generator.

What it writes
==============
``generate(out_dir, servants=N, years=[...], seed=1, ...)`` produces, for one organisation,
files exactly in the input contract (``/work/shared/spec/input.md``):

* ``declarations_<year>.xlsx`` and/or ``declarations_<year>/<sheet>.csv`` for every reporting
  year, with the sheets ``servants``, ``relatives``, ``declarations``, ``incomes``, ``expenses``,
  ``real_estate``, ``vehicles``, ``accounts``, ``securities``, ``liabilities``, ``payroll``.
  ``header_language="ru"`` uses the Russian headers and sheet names (also as CSV file names,
  e.g. ``Справки.csv``); ``russian_formats=True`` writes amounts as «1 474 895,00» (thousands
  separated by U+00A0 in most cells and by plain spaces in the others), dates as ДД.ММ.ГГГГ,
  booleans as да/нет and enum values as the contract's Russian labels (keys where the contract
  has no label).  In ISO/English mode an xlsx holds real numeric, boolean and date cells.
  ``formats={year: (form, header_language, russian_formats)}`` mixes styles per year.
* ``procurement.csv`` (contract columns plus ``title``) and the same procedures as an OCDS 1.1
  release package ``procurement_ocds.json`` (parties with roles ``buyer``/``procuringEntity``/
  ``tenderer``/``supplier``, identifiers ``RU-INN``, ``tender.tenderers``, ``awards.suppliers``);
  ``commissions.csv``; ``officers.csv``, a register extract with directors, founders
  (``share_pct``), board members and entrepreneurs with ``since``/``until``.
* ``manifest.json``: the planted cases (``code``, ``person_id``, ``year``, ``expect`` =
  ``flag``/``no_flag``, ``subject``, ``what`` and, where relevant, ``relative_id``,
  ``declaration_id``, ``procedure_id``, ``company_inn``, ``officer_name``, ``noise``), the files
  and the row counts per sheet.

The people
==========
Russian names with correct gender forms (Иванов/Иванова, -ский/-ская, invariant -ко/-ук/-ых),
patronymics derived from the father's given name with the irregular forms (Илья → Ильич/
Ильинична, Лев → Львович, Пётр → Петрович, Никита → Никитич …; ``sample_data.names`` keeps its
own tables, independent of ``checks/``).  A family is the servant, the spouse (a wife takes the
husband's surname, her maiden name goes to ``former_names``), children who grow up over the
years (declared while under 18 on 31 December, then only listed), parents (the father's given
name is the source of the servant's patronymic), siblings (same patronymic; married sisters
with their maiden names) and the spouse's parents.  Some servants marry (a woman's surname then
changes in the roster, her ``person_id`` does not), have children, leave and are replaced during
the period; the roster holds ``servants`` people every year (one fewer in the year the planted
"gap" servant is away).  About 1.5 % of the справки get an in-time corrected справка (the
original carried last year's salary) — the corrected one matches the payroll.

The assets
==========
Flats, houses, land, garages and parking places with cadastral numbers ``NN:NN:NNNNNNN:NNN``,
shares ``1/2``, ``1/3``, joint ownership, objects in use; cars (make, model, year, plate
``А123ВС69``), a truck, boats and trailers; bank accounts with 20-digit numbers carrying the
Bank of Russia control key, real bank names, opening dates and balances; incomes (main job
growing ~3–8.5 %/year, deposit interest at the year's rates, pensions, teaching, dividends,
occasional «продажа автомобиля», «продажа земельного участка», «продажа гаража» with the
object gone the same year); 230-ФЗ expenses with ``funds_source``; listed shares with the issuer's
INN; mortgages and consumer loans.  All INNs pass the FNS checksum.  Payroll equals the declared
main-job income (or differs by under 1 000 руб.).  Справки are submitted from mid January to
26 April of the following year, mostly in March–April.  The background never raises a finding
(see ``sample_data.model``); strangers in the company register have surnames that no family
uses.

Planted cases (the first servants; ``sample_data.scenarios``)
==============================================================
With years Y0 < … < YL (Y1 the second year, YM the second of three or more, else YL):

=====  ==================================  ====================================================
slot   flag (must be raised)               hard negatives on the same servant (must not be)
=====  ==================================  ====================================================
1      MISSING_DECLARATION (YM);           PAYROLL_MISMATCH (YM: payroll but no справка)
       SERVANT_IS_OFFICER (entrepreneur)
2      MISSING_FAMILY_DECLARATION (YM,
       spouse); PROCUREMENT_AFFILIATION
       (brother director, exact name + INN)
3      LATE_SUBMISSION (Y0, 16 June)       VEHICLE_DISAPPEARED (Y1: sold, income declared)
4      LATE_CORRECTION (Y0, 10 July)       LATE_SUBMISSION (Y0: the original was in time)
5      CHILD_NOT_MINOR (YL, son aged 18)
6      EXPENSE_EXCEEDS_3Y_INCOME (YL)
7      PAYROLL_MISMATCH (Y0, +8.3 %)
8      PROPERTY_DISAPPEARED (Y1, garage)
9      PROPERTY_APPEARED (Y1, land bought
       4 years earlier); SERVANT_IS_OFFICER
       (director)
10     PROPERTY_AREA_CHANGED (Y1, spouse,
       +8.7 %)
11     PROPERTY_SHARE_CHANGED (YL, 1/2 →
       1/3); STAKE_IN_SUPPLIER (YL, shares
       of a bidding АО)
12     VEHICLE_DISAPPEARED (Y1)
13     VEHICLE_APPEARED (YL, spouse, bought
       before the end of the previous year)
14     ACCOUNT_OPEN_DATE_CHANGED (Y1)
15     ACCOUNT_UNDECLARED_BEFORE (YL,
       opened before the previous year)
16     INCOME_JUMP (YL, +2.35 M insurance)
17     SAVINGS_EXCEED_INCOME (YL)
18                                         PROPERTY_DISAPPEARED, INCOME_JUMP (Y1: flat sold
                                           for 1.45 M with «продажа квартиры»; income ×1.8)
19     POSSIBLE_UNDECLARED_RELATIVE (YL:   PROPERTY_AREA_CHANGED (Y1: 52.3 → 52.5 m², 0.4 %);
       bidder's director with the female   ACCOUNT_UNDECLARED_BEFORE (Y1: opened 27 Dec Y1)
       surname form and the same
       patronymic, not in relatives)
20                                         CHILD_NOT_MINOR (YL−1: 17) and
                                           MISSING_FAMILY_DECLARATION (YL: turned 18)
21                                         LATE_SUBMISSION (YL: submitted on 30 April);
                                           PAYROLL_MISMATCH (YL: +600 руб.);
                                           EXPENSE_EXCEEDS_3Y_INCOME (YL: car 1.15 M, family
                                           income ~1.9 M a year; only when YL−1 is stored)
22                                         LATE_CORRECTION, VEHICLE_DISAPPEARED, LATE_SUBMISSION
                                           (Y1: original omitted the car, correction on 20 May
                                           adds it); VEHICLE_APPEARED (Y2)
23                                         servant absent from the Y1 roster (needs 3 years):
                                           MISSING_DECLARATION (Y1); INCOME_JUMP,
                                           SAVINGS_EXCEED_INCOME, VEHICLE_APPEARED,
                                           ACCOUNT_UNDECLARED_BEFORE, PROPERTY_APPEARED (Y2,
                                           compared with Y0, not with an empty year)
24                                         MISSING_DECLARATION (must_declare = нет, driver)
25                                         INCOME_JUMP (Y1: spouse back from maternity leave,
                                           ×3.9 but +540 000); SERVANT_IS_OFFICER (entrepreneur
                                           closed before Y0)
26     PROCUREMENT_AFFILIATION: brother is director, typo in the register
27     … spouse is founder with 25 %, registered under her maiden name
28     … father (of the customer head) is a board member, «Фамилия И.О.» only
29     … married sister is director, «е» instead of «ё»
30     … adult son is founder with 40 %, Latin transliteration
31     … mother is director, surname in the masculine form
32                                         PROCUREMENT_AFFILIATION: a namesake of the sister
                                           born 12 years later; POSSIBLE_UNDECLARED_RELATIVE and
                                           PROCUREMENT_AFFILIATION: same surname, unrelated
                                           patronymic
33                                         PROCUREMENT_AFFILIATION: brother founder with 5 %;
                                           sister director until two years before Y0; son
                                           director of a company that never bid
=====  ==================================  ====================================================

Scenarios that need more years than given plant only what fits.  Everything is listed in
``manifest.json``; ``Manifest.codes()`` summarises it.  Procurement cases carry the year of their
procedure; ``SERVANT_IS_OFFICER`` holds in every year (``years``), its ``year`` is YL.

Name-matching benchmark
=======================
``generate_match_benchmark(out_dir, persons=N, seed=1, officers_per_person=1.0)`` writes
``persons.csv`` (servants and relatives), ``officers.csv`` (contract columns plus ``row_id``,
no ``person_inn``, birth dates for ~70 % of rows) and ``truth.csv`` (``row_id`` → the true
``person_id``/``relative_id`` and the ``noise``: ``exact``, ``yo``, ``typo``, ``translit``,
``initials``, ``gender_form`` (the same person's surname in the other gender's form),
``maiden_name``, ``word_order``; hard negatives with an empty truth:
``namesake_other_birth_date``, ``same_surname_other_patronymic``, ``initials_namesake``,
``common_surname``; and ``unrelated`` strangers) with ``like_person_id``/``like_relative_id``,
the person the row was made from (for a hard negative, the one it is a namesake of).

Speed and command line
======================
Rows are streamed to the writers while families are generated (xlsx through
``sample_data.output.XlsxWriter``; ``openpyxl`` write-only without ``lxml`` is ~15× slower).
``python -m sample_data.generator --out DIR --servants 1000 --years 2023 2024 --seed 1
--form both --header-language en [--russian-formats]``;
``python -m sample_data.generator --match-benchmark --out DIR --persons 5000``.
``python -m sample_data.make_sample`` regenerates the committed sample in ``sample_data/sample``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import names as N
from . import procurement
from .ids import Registry
from .model import Builder, Family, Person
from .output import SHEET_ORDER, YearSink
from .realism import AssetTruth, Realism, account_uid, estate_uid, vehicle_uid
from .scenarios import DYNAMICS_SCENARIOS, SCENARIOS, ScenarioContext

DEFAULT_ORGANISATION = "Администрация Энского муниципального района"

__all__ = ["generate", "generate_match_benchmark", "Manifest", "DEFAULT_ORGANISATION", "main"]


@dataclass
class Manifest:
    organisation: str
    organisation_inn: str
    seed: int
    years: list[int]
    servants: int
    formats: dict[int, dict]
    files: list[str] = field(default_factory=list)
    rows: dict[int, dict[str, int]] = field(default_factory=dict)
    cases: list[dict] = field(default_factory=list)

    def codes(self, expect: str = "flag") -> dict[str, list[tuple[str, int | None]]]:
        """code -> [(person_id, year), ...] of the planted cases with this expectation."""
        out: dict[str, list[tuple[str, int | None]]] = {}
        for c in self.cases:
            if c["expect"] == expect:
                out.setdefault(c["code"], []).append((c["person_id"], c["year"]))
        return out

    def to_dict(self) -> dict:
        return {
            "organisation": self.organisation,
            "organisation_inn": self.organisation_inn,
            "seed": self.seed,
            "years": self.years,
            "servants": self.servants,
            "formats": {str(y): v for y, v in self.formats.items()},
            "files": self.files,
            "rows": {str(y): v for y, v in self.rows.items()},
            "cases": self.cases,
        }

    @classmethod
    def load(cls, path: Path) -> "Manifest":
        d = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(d["organisation"], d["organisation_inn"], d["seed"], d["years"], d["servants"],
                   {int(k): v for k, v in d["formats"].items()}, d["files"],
                   {int(k): v for k, v in d["rows"].items()}, d["cases"])


class _Emitter:
    def __init__(self, sinks: dict[int, YearSink], organisation: str, realism: Realism | None = None,
                 truth: AssetTruth | None = None):
        self.sinks = sinks
        self.organisation = organisation
        self.realism = realism or Realism("clean", 0)
        self.truth = truth or AssetTruth(None)
        self.did = {y: 0 for y in sinks}
        self.rows = {y: {s: 0 for s in SHEET_ORDER} for y in sinks}

    def _row(self, y, sheet, values):
        self.sinks[y].row(sheet, values)
        self.rows[y][sheet] += 1

    def _new_did(self, y) -> str:
        self.did[y] += 1
        return f"{y}-{self.did[y]:06d}"

    def _decl(self, f: Family, y: int, d, kind: str, corrects: str | None) -> str:
        did = self._new_did(y)
        d.did = did
        row = self._row
        row(y, "declarations", (did, f.pid, y, d.subject, d.rid, d.name, d.birth, d.submitted, kind, corrects))
        for i in d.incomes:
            row(y, "incomes", (did,) + i)
        for e in d.expenses:
            row(y, "expenses", (did,) + e)
        realism, truth = self.realism, self.truth
        for n, e in enumerate(d.estates):
            truth.add(y, did, "real_estate", n, estate_uid(e))
            row(y, "real_estate", (did,) + realism.estate(e, y))
        for n, v in enumerate(d.vehicles):
            truth.add(y, did, "vehicles", n, vehicle_uid(v))
            row(y, "vehicles", (did,) + realism.vehicle(v, y))
        for n, a in enumerate(d.accounts):
            truth.add(y, did, "accounts", n, account_uid(a))
            row(y, "accounts", (did,) + realism.account(a, y))
        for s in d.securities:
            row(y, "securities", (did,) + s)
        for li in d.liabilities:
            row(y, "liabilities", (did,) + li)
        return did

    def family(self, f: Family):
        s = f.servant
        for y in self.sinks:
            if y not in f.present:
                continue
            self._row(y, "servants", (f.pid, f.name_by_year[y], s.birth, self.organisation, f.department,
                                      f.position, f.must_declare, f.role, s.inn))
            for r in f.rels:
                if r.listed(y) and r.p.birth.year <= y:
                    p = r.p
                    self._row(y, "relatives", (f.pid, r.rid, r.relation, p.full, "; ".join(p.former) or None,
                                               p.birth, p.inn, p.address))
            if f.must_declare:
                for d in f.decls.get(y, []):
                    if not d.declared:
                        continue
                    did = self._decl(f, y, d, "original", None)
                    if d.correction is not None:
                        self._decl(f, y, d.correction, "corrected", did)
            self._row(y, "payroll", (f.pid, y, f.payroll[y]))


def _resolve_cases(cases: list[dict]) -> list[dict]:
    out = []
    for c in cases:
        c = dict(c)
        d = c.pop("_decl", None)
        lookup = c.pop("_lookup", None)
        if d is None and lookup is not None:
            f, year, key = lookup
            d = f.decl(year, key)
            if d is not None and (not d.declared or year not in f.present or not f.must_declare):
                d = None
            if d is not None and d.correction is not None:
                d = d.correction  # the справка that counts
        if d is not None and d.did:
            c["declaration_id"] = d.did
        out.append(c)
    return out


def generate(out_dir: Path | str, *, servants: int, years: list[int], seed: int = 1,
             organisation: str = DEFAULT_ORGANISATION, form: str = "xlsx", header_language: str = "en",
             russian_formats: bool = False, formats: dict[int, tuple[str, str, bool]] | None = None,
             region: int = 69, planted: bool = True, progress: bool = False,
             xlsx_engine: str = "fast", realism: str = "realistic", asset_truth: bool = False,
             dynamics_cases: int = 0) -> Manifest:
    """Generate one organisation's declarations for ``years``; see the module docstring.

    ``formats`` overrides ``form``/``header_language``/``russian_formats`` per year.
    ``planted=False`` generates background only (no manifest cases).  ``xlsx_engine="openpyxl"``
    writes the workbooks with openpyxl's write-only mode instead of the built-in streaming writer.
    ``realism="realistic"`` (the default) writes assets as HR files type them (identifiers on a quarter
    of the assets, spellings drifting per year; ``sample_data.realism``), ``"clean"`` every identifier
    and one spelling. ``asset_truth=True`` writes ``asset_truth.csv`` (which object each asset row is).
    ``dynamics_cases=k`` plants the year-over-year scenarios k more times (`scenarios.DYNAMICS_SCENARIOS`)
    after the usual planted cases, so a benchmark has enough Д events to score.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ys = sorted(set(int(y) for y in years))
    if not ys:
        raise ValueError("years must not be empty")
    if servants < 1:
        raise ValueError("servants must be positive")
    rng = random.Random(seed)
    reg = Registry(rng, region=region)
    namer = procurement.CompanyNamer(rng)
    b = Builder(rng, reg, ys, organisation)
    org_inn = reg.inn_company()
    fmts: dict[int, dict[str, Any]] = {}
    for y in ys:
        fm = (formats or {}).get(y, (form, header_language, russian_formats))
        fmts[y] = {"form": fm[0], "header_language": fm[1], "russian_formats": bool(fm[2])}
    sinks = {y: YearSink(out, y, fmts[y]["form"], fmts[y]["header_language"], fmts[y]["russian_formats"], seed,
                         xlsx_engine) for y in ys}
    truth = AssetTruth(out / "asset_truth.csv" if asset_truth else None)
    em = _Emitter(sinks, organisation, Realism(realism, seed), truth)
    ctx = ScenarioContext(b, namer)
    role_holders: list[tuple[str, str, list[int]]] = []
    counter = 0
    have_head = False
    t0 = time.time()

    def next_pid() -> str:
        nonlocal counter
        counter += 1
        return f"00-{counter:06d}"

    def done(f: Family):
        b.finish(f)
        em.family(f)
        if f.role != "none":
            role_holders.append((f.pid, f.role, list(f.present)))

    scen = (SCENARIOS + DYNAMICS_SCENARIOS * dynamics_cases) if planted else []
    for slot in range(servants):
        if slot < len(scen):
            f = scen[slot](ctx, next_pid())
            have_head = have_head or f.role == "customer_head"
            done(f)
            continue
        spec: dict = {}
        if not have_head and slot >= len(scen):
            spec["role"] = "customer_head"
            spec["position"] = ("Глава администрации", 2_200_000, 2_600_000, True)
            spec["department"] = "Аппарат администрации"
            have_head = True
        else:
            r = rng.random()
            spec["role"] = "commission" if r < 0.03 else ("contract_manager" if r < 0.04 else "none")
        leave_at = None
        if len(ys) > 1 and spec["role"] == "none":
            for k in range(1, len(ys)):
                if rng.random() < 0.03:
                    leave_at = k
                    break
        if leave_at is not None:
            spec["present"] = ys[:leave_at]
        f = b.build_family(next_pid(), spec)
        b.simulate(f)
        done(f)
        if leave_at is not None:
            f2 = b.build_family(next_pid(), {"present": ys[leave_at:]})
            b.simulate(f2)
            done(f2)
        if progress and slot and slot % 10000 == 0:
            print(f"  {slot} servants, {time.time() - t0:.0f} s", file=sys.stderr)
    for s in sinks.values():
        s.close()
    truth.close()
    cases = _resolve_cases(ctx.cases)
    cases += procurement.build(out, rng=rng, reg=reg, namer=namer, years=ys, organisation=organisation,
                               org_inn=org_inn, role_holders=role_holders, plants=ctx.plants if planted else [],
                               n_servants=servants, indent=1 if servants <= 2000 else None)
    files = []
    for s in sinks.values():
        files += [str(p.relative_to(out)) for p in s.files]
    files += ["procurement.csv", "procurement_ocds.json", "commissions.csv", "officers.csv", "manifest.json"]
    if asset_truth:
        files.append("asset_truth.csv")
    for c in cases:
        for k, v in list(c.items()):
            if isinstance(v, dt.date):
                c[k] = v.isoformat()
    m = Manifest(organisation, org_inn, seed, ys, servants, fmts, files, em.rows, cases)
    (out / "manifest.json").write_text(json.dumps(m.to_dict(), ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")
    return m


# ======================================================================================
# Name-matching benchmark
# ======================================================================================

def _norm(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


def generate_match_benchmark(out_dir: Path | str, *, persons: int, seed: int = 1,
                             officers_per_person: float = 1.0) -> dict[str, int]:
    """Write persons.csv, officers.csv and truth.csv for measuring name matching; returns counts by noise."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    reg = Registry(rng)
    namer = procurement.CompanyNamer(rng)
    b = Builder(rng, reg, [2024], "Администрация")
    people: list[tuple[str, str, str, Person]] = []  # person_id, relative_id, relation, Person
    for i in range(persons):
        f = b.build_family(f"P{i + 1:07d}")
        people.append((f.pid, "", "self", f.servant))
        for r in f.rels:
            people.append((f.pid, r.rid, r.relation, r.p))
    known = {(_norm(p.full)) for _a, _b, _c, p in people}
    for _a, _b, _c, p in people:
        for fn in p.former:
            known.add(_norm(fn))
    with open(out / "persons.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["person_id", "relative_id", "full_name", "former_names", "birth_date", "inn", "relation"])
        for pid, rid, rel, p in people:
            w.writerow([pid, rid, p.full, "; ".join(p.former), p.birth.isoformat(), p.inn or "", rel])

    adults = [x for x in people if x[3].birth.year <= 2024 - 20]  # officers of companies are adults
    with_yo = [x for x in adults if "ё" in x[3].full.lower()]
    with_maiden = [x for x in adults if x[3].former]
    gendered = [x for x in adults if not N.is_invariant(x[3].base)]
    top = N.SURNAMES_FAMILY[:10]
    n_off = max(1, round(persons * officers_per_person))
    kinds = [("exact", 9), ("yo", 3.6), ("typo", 8), ("translit", 4.5), ("initials", 6.3), ("gender_form", 2.7),
             ("maiden_name", 4.5), ("word_order", 6.4), ("namesake_other_birth_date", 7),
             ("same_surname_other_patronymic", 7), ("initials_namesake", 2), ("common_surname", 6),
             ("unrelated", 35)]
    counts: dict[str, int] = {}
    rows: list[list] = []
    y0 = 2024
    while len(rows) < n_off:
        kind = rng.choices([k for k, _w in kinds], [w for _k, w in kinds])[0]
        truth = like = ("", "")
        birth = None
        earliest = 2008  # the first year the officer's role may begin
        if kind in ("exact", "typo", "translit", "initials", "word_order", "yo", "maiden_name", "gender_form",
                    "namesake_other_birth_date", "same_surname_other_patronymic", "initials_namesake"):
            pool = {"yo": with_yo, "maiden_name": with_maiden, "gender_form": gendered}.get(kind, adults)
            if not pool:
                continue
            pid, rid, _rel, p = rng.choice(pool)
            earliest = max(earliest, p.birth.year + 19)  # nobody runs a company as a child
            birth = p.birth if rng.random() < 0.7 else None
            truth = like = (pid, rid)
            sur, given, patr = p.surname, p.given, p.patr
            if kind == "exact":
                name = p.full
            elif kind == "yo":
                name = N.strip_yo(p.full)
            elif kind == "typo":
                parts = [sur, given, patr]
                j = rng.randrange(3)
                parts[j] = N.typo(parts[j], rng)
                name = " ".join(parts)
            elif kind == "translit":
                name = N.translit(p.full, rng.choice(("icao", "common")))
            elif kind == "initials":
                name = N.initials(sur, given, patr, spaced=rng.random() < 0.3)
            elif kind == "word_order":
                name = f"{given} {patr} {sur}"
            elif kind == "maiden_name":
                name = p.former[0]
            elif kind == "gender_form":
                name = f"{N.surname_form(p.base, not p.male)} {given} {patr}"
            elif kind in ("namesake_other_birth_date", "initials_namesake"):
                name = p.full if kind == "namesake_other_birth_date" else N.initials(sur, given, patr)
                shift = rng.choice((-1, 1)) * rng.randint(3, 20)
                new_year = min(max(p.birth.year + shift, 1940), y0 - 20)
                if new_year == p.birth.year:
                    new_year -= rng.randint(3, 20)
                birth = dt.date(new_year, p.birth.month, min(p.birth.day, 28))
                if kind == "initials_namesake" and rng.random() < 0.3:
                    birth = None  # another «Иванов И.И.» that nothing tells apart from ours
                truth = ("", "")
            else:  # same surname and given name, another patronymic
                other = [n for n in N.MALE_NAMES if N.patronymic(n, p.male) != patr]
                name = f"{sur} {given} {N.patronymic(rng.choice(other), p.male)}"
                if _norm(name) in known:
                    continue
                birth = rand_birth(rng, y0) if rng.random() < 0.7 else None
                truth = ("", "")
        elif kind == "common_surname":
            male = rng.random() < 0.6
            by = rng.randint(y0 - 70, y0 - 22)
            name = (f"{N.surname_form(rng.choice(top), male)} {N.given_name(rng, male, by)} "
                    f"{N.patronymic(N.given_name(rng, True, by - 28), male)}")
            if _norm(name) in known:
                continue
            birth = rand_birth(rng, y0, by) if rng.random() < 0.7 else None
        else:
            stranger = procurement.stranger(rng, reg, y0=y0)
            name = stranger["name"]
            birth = stranger["birth"] if rng.random() < 0.7 else None
        role = rng.choices(("director", "founder", "board"), (50, 38, 12))[0]
        share = round(rng.uniform(10.5, 100), 2) if role == "founder" else None
        form = "АО" if role == "board" else "ООО"
        since = dt.date(rng.randint(min(earliest, 2023), 2023), rng.randint(1, 12), rng.randint(1, 28))
        rows.append([reg.inn_company(), namer(form), name, "", birth.isoformat() if birth else "", role,
                     "" if share is None else f"{share:g}", since.isoformat(), "", truth[0], truth[1], kind, *like])
        counts[kind] = counts.get(kind, 0) + 1
    rng.shuffle(rows)
    with open(out / "officers.csv", "w", encoding="utf-8", newline="") as fo, \
            open(out / "truth.csv", "w", encoding="utf-8", newline="") as ft:
        wo = csv.writer(fo, lineterminator="\n")
        wt = csv.writer(ft, lineterminator="\n")
        wo.writerow(["company_inn", "company_name", "person_name", "person_inn", "birth_date", "role",
                     "share_pct", "since", "until", "row_id"])
        wt.writerow(["row_id", "person_id", "relative_id", "noise", "like_person_id", "like_relative_id"])
        for i, row in enumerate(rows, 1):
            wo.writerow(row[:9] + [i])
            wt.writerow([i, *row[9:]])
    return counts


def rand_birth(rng: random.Random, y0: int, by: int | None = None) -> dt.date:
    by = by or rng.randint(y0 - 70, y0 - 22)
    return dt.date(by, rng.randint(1, 12), rng.randint(1, 28))


# ======================================================================================
# Command line
# ======================================================================================

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sample_data.generator",
                                 description="Generate synthetic declarations (see the module docstring).")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--servants", type=int, default=40)
    ap.add_argument("--years", type=int, nargs="+", default=[2023, 2024])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--organisation", default=DEFAULT_ORGANISATION)
    ap.add_argument("--form", choices=("xlsx", "csv", "both"), default="xlsx")
    ap.add_argument("--header-language", choices=("en", "ru"), default="en")
    ap.add_argument("--russian-formats", action="store_true")
    ap.add_argument("--no-planted", action="store_true", help="background only")
    ap.add_argument("--clean", action="store_true",
                    help="every identifier and one spelling per asset (default: as HR files are typed, issue 10)")
    ap.add_argument("--asset-truth", action="store_true", help="write asset_truth.csv (which object each row is)")
    ap.add_argument("--dynamics-cases", type=int, default=0, help="plant the Д scenarios this many more times")
    ap.add_argument("--match-benchmark", action="store_true",
                    help="write persons.csv, officers.csv, truth.csv instead")
    ap.add_argument("--persons", type=int, default=5000)
    ap.add_argument("--officers-per-person", type=float, default=1.0)
    a = ap.parse_args(argv)
    t = time.time()
    if a.match_benchmark:
        counts = generate_match_benchmark(a.out, persons=a.persons, seed=a.seed,
                                          officers_per_person=a.officers_per_person)
        print(f"match benchmark in {a.out}: {sum(counts.values())} officer rows {counts} ({time.time() - t:.1f} s)")
        return 0
    m = generate(a.out, servants=a.servants, years=a.years, seed=a.seed, organisation=a.organisation,
                 form=a.form, header_language=a.header_language, russian_formats=a.russian_formats,
                 planted=not a.no_planted, progress=True, realism="clean" if a.clean else "realistic",
                 asset_truth=a.asset_truth, dynamics_cases=a.dynamics_cases)
    n_decl = sum(r["declarations"] for r in m.rows.values())
    print(f"{a.out}: {a.servants} servants × {len(m.years)} years, {n_decl} справки, "
          f"{len(m.cases)} planted cases, {time.time() - t:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
