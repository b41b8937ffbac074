"""POSSIBLE_UNDECLARED_RELATIVE quality on names as common as they are in Russia, end to end.

One organisation of `servants` servants (with their spouses, children, and their own and their
spouse's fathers while alive declared, as the анкета asks; married women with their maiden names)
and a register extract of about `officers` company officers (1–5 a company). Only a share of the
register's companies (`bidding`) took part in the organisation's procedures, 1–5 a procedure as in
the sample generator (`sample_data/procurement.py`); the contract compares servants only with the
officers of those participants. The default share is the generator's: `servants // 8` bidders of
`servants // 3` companies (3/8); `bidding = 1.0` (every company of the register bids) is the stress
case, and the world the first measurements used. Every name is drawn with the frequencies of the
`russiannames` tables (`benchmarks/frequent_names.py`): Ивановы and Кузнецовы as often as in Russia.
`planted` servants have an undeclared brother or sister (the family surname in their gender form,
the same father's name in the patronymic, born 1–12 years apart) who directs or co-owns a bidder.
Officers' birth dates are in the register extract for 70 % of them, as in the generator.

Truth: a servant with a planted sibling must be flagged, with the sibling among the candidates of
the finding about that company; any other flagged servant is a false lead (an officer whose name
agrees by chance). Leads impossible by age: a listed candidate whose kinship the two birth dates
rule out (parent 16–60 years older, child 16–60 younger, sibling within 25 years), counted by the
dates the rule had, and by the true dates (the benchmark knows the birth dates the register left out).

The same store is matched twice: with the default settings, and with names only (no age veto,
no threshold), the rule as it was before ages and rarity.

    python -m benchmarks.relative_quality [servants] [officers] [planted] [seed ...]
"""

from __future__ import annotations

import csv
import json
import random
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from pathlib import Path

import duckdb

from declarations.settings import MatchSettings, load_settings
from benchmarks.frequent_names import NameSampler
from sample_data.ids import inn10_check

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "extra" / "relative_quality.md"
DECLARATIONS = Path(sys.executable).parent / "declarations"
ORGANISATION = "Администрация муниципального образования «Энский район»"
ORG_INN = inn10_check("690000001")
PROCEDURE_DATE = date(2024, 6, 1)
BIDDING = 3 / 8        # the sample generator's share of the register's companies that bid
PARTICIPANTS = (1, 2, 3, 4, 5)
PARTICIPANT_WEIGHTS = (15, 30, 30, 15, 10)  # participants a procedure, as in sample_data/procurement.py
NAMES_ONLY = """[match]
parent_age_gap = [-1000, 1000]
sibling_age_gap = 1000
relative_min_score = 0.0
"""
AGES_ONLY = """[match]
relative_min_score = 0.0
"""
SWEEP = (0.5, 0.8, 0.9, 0.95, 0.98, 0.99)


@dataclass
class World:
    servants: list[list] = field(default_factory=list)
    relatives: list[list] = field(default_factory=list)
    officers: list[list] = field(default_factory=list)  # company_inn, company_name, person_name, birth shown, role, share
    true_birth: dict[tuple[str, str], date] = field(default_factory=dict)  # (company_inn, officer name) -> birth
    anchor_birth: dict[tuple[str, str], date] = field(default_factory=dict)  # (person_id, whose) -> birth
    planted: dict[str, tuple[str, str]] = field(default_factory=dict)  # person_id -> (company_inn, sibling name)


def _birth(rng: random.Random, first: int, last: int) -> date:
    return date(first, 1, 1) + timedelta(days=rng.randrange((date(last, 12, 31) - date(first, 1, 1)).days))


def _shift(day: date, years: float, rng: random.Random) -> date:
    return day + timedelta(days=int(years * 365.25) + rng.randint(-150, 150))


def build_world(servants: int, officers: int, planted: int, seed: int, names: NameSampler,
                birth_shown: float = 0.7) -> World:
    rng = random.Random(seed)
    world = World()
    family = {}  # person_id -> (birth surname pair, father's given name, own given, male, birth)
    for k in range(servants):
        person_id = f"S{k + 1:04d}"
        male = rng.random() < 0.4
        birth = _birth(rng, 1962, 2000)
        surname, father = names.surname(rng), names.given(rng, True)
        given = names.given(rng, male)
        patronymic = names.patronymic(father, male)
        own = f"{surname[0 if male else 1]} {given} {patronymic}"
        married = rng.random() < 0.65 and birth.year < 1998
        full, former, family_surname = own, "", surname
        for whose in ("self", "self_former", "self_declared_father"):
            world.anchor_birth[(person_id, whose)] = birth
        spouse_birth = _shift(birth, rng.uniform(-6, 6), rng)
        if married:
            other = names.surname(rng)
            spouse_given = names.given(rng, not male)
            spouse_father = names.given(rng, True)
            if male:  # the wife took his surname; her maiden name is on record
                maiden = f"{other[1]} {spouse_given} {names.patronymic(spouse_father, False)}"
                spouse = f"{surname[1]} {spouse_given} {names.patronymic(spouse_father, False)}"
                world.relatives.append([person_id, f"{person_id}-W", "spouse", spouse, maiden, spouse_birth, ""])
            else:  # the servant took her husband's surname
                family_surname = other
                full, former = f"{other[1]} {given} {patronymic}", own
                husband = f"{other[0]} {spouse_given} {names.patronymic(spouse_father, True)}"
                world.relatives.append([person_id, f"{person_id}-H", "spouse", husband, "", spouse_birth, ""])
            world.anchor_birth[(person_id, "spouse_former")] = spouse_birth
            spouse_father_birth = _shift(spouse_birth, -rng.uniform(20, 40), rng)
            if 2024 - spouse_father_birth.year < rng.randint(68, 90):
                world.relatives.append([person_id, f"{person_id}-SF", "spouse_father",
                                        f"{other[0]} {spouse_father} "
                                        f"{names.patronymic(names.given(rng, True), True)}", "",
                                        spouse_father_birth, ""])
            children_father = given if male else spouse_given
            for c in range(rng.choice((0, 1, 1, 2, 2, 3))):
                child_birth = _shift(birth, rng.uniform(22, 38), rng)
                if child_birth.year > 2023:
                    continue
                son = rng.random() < 0.5
                child = f"{family_surname[0 if son else 1]} {names.given(rng, son)} " \
                        f"{names.patronymic(children_father, son)}"
                world.relatives.append([person_id, f"{person_id}-C{c}", "son" if son else "daughter", child, "",
                                        child_birth, ""])
        father_birth = _shift(birth, -rng.uniform(20, 40), rng)
        if 2024 - father_birth.year < rng.randint(68, 90):  # the анкета lists a living father
            world.relatives.append([person_id, f"{person_id}-F", "father",
                                    f"{surname[0]} {father} {names.patronymic(names.given(rng, True), True)}", "",
                                    father_birth, ""])
        world.servants.append([person_id, full, former, birth, ORGANISATION, "Отдел", "Специалист", "да",
                               "commission", ""])
        family[person_id] = (surname, father, given, birth)

    company = 0

    def new_company() -> tuple[str, str]:
        nonlocal company
        company += 1
        return inn10_check(f"{7700000 + company:07d}01"), f"ООО «Компания {company}»"

    def add(inn: str, name: str, person: str, birth: date, role: str, share) -> None:
        world.officers.append([inn, name, person, birth if rng.random() < birth_shown else None, role, share])
        world.true_birth[(inn, person)] = birth

    rows = 0
    while rows < officers - planted:
        inn, name = new_company()
        size = rng.choice((1, 2, 2, 3, 3, 4, 5))
        for place in range(size):
            male = rng.random() < 0.7
            role, share = ("director", None) if place == 0 else ("founder", round(100 / (size - 1), 2))
            add(inn, name, names.person(rng, male), _birth(rng, 1955, 2001), role, share)
            rows += 1
    for person_id in rng.sample(sorted(family), planted):
        surname, father, given, birth = family[person_id]
        male = rng.random() < 0.5
        sibling_given = given
        while sibling_given == given:
            sibling_given = names.given(rng, male)
        sibling = f"{surname[0 if male else 1]} {sibling_given} {names.patronymic(father, male)}"
        sibling_birth = _shift(birth, rng.choice((-1, 1)) * rng.uniform(1, 12), rng)
        inn, name = new_company()
        add(inn, name, sibling, sibling_birth, rng.choice(("director", "founder")), 50.0)
        world.planted[person_id] = (inn, sibling)
    return world


def _write_csv(path: Path, header: list[str], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([["" if v is None else v.isoformat() if isinstance(v, date) else v for v in row]
                          for row in rows])


def write_inputs(world: World, folder: Path, seed: int, bidding: float = BIDDING) -> list[Path]:
    workbook = folder / "declarations_2024"
    workbook.mkdir(parents=True, exist_ok=True)
    _write_csv(workbook / "servants.csv", ["person_id", "full_name", "former_names", "birth_date", "organisation",
                                           "department", "position", "must_declare", "procurement_role", "inn"],
               world.servants)
    _write_csv(workbook / "relatives.csv", ["person_id", "relative_id", "relation", "full_name", "former_names",
                                            "birth_date", "inn"], world.relatives)
    _write_csv(workbook / "declarations.csv", ["declaration_id", "person_id", "year", "subject", "submitted_on",
                                               "kind"],
               [[f"D{s[0]}", s[0], 2024, "self", "2025-04-01", "original"] for s in world.servants])
    rng = random.Random(seed)
    planted = {inn for inn, _sibling in world.planted.values()}
    companies = list(dict.fromkeys((o[0], o[1]) for o in world.officers))
    others = [c for c in companies if c[0] not in planted]
    bidders = [c for c in companies if c[0] in planted] + rng.sample(others, round(len(others) * bidding))
    rng.shuffle(bidders)
    bids, start, number = [], 0, 0
    while start < len(bidders):  # every bidder in one procedure, 1-5 participants a procedure
        size = rng.choices(PARTICIPANTS, PARTICIPANT_WEIGHTS)[0]
        number += 1
        procedure = f"0169000000124{number:06d}"
        for place, (inn, name) in enumerate(bidders[start:start + size]):
            bids.append([procedure, ORGANISATION, ORG_INN, PROCEDURE_DATE, "1000000", inn, name,
                         "да" if place == 0 else "нет"])
        start += size
    _write_csv(folder / "procurement.csv", ["procedure_id", "customer", "customer_inn", "date", "amount",
                                            "participant_inn", "participant_name", "is_winner"], bids)
    _write_csv(folder / "officers.csv", ["company_inn", "company_name", "person_name", "person_inn", "birth_date",
                                         "role", "share_pct", "since", "until"],
               [[o[0], o[1], o[2], None, o[3], o[4], o[5], None, None] for o in world.officers])
    return [workbook, folder / "procurement.csv", folder / "officers.csv"]


def _run(*args: str) -> None:
    subprocess.run([str(DECLARATIONS), "--quiet", *args], check=True, cwd=ROOT)


def _fits(relation: str, gap: float, options: MatchSettings) -> bool:
    low, high = options.parent_age_gap
    if relation == "siblings":
        return abs(gap) <= options.sibling_age_gap
    if relation == "parent_child":
        return low <= gap <= high
    return low <= -gap <= high


def score(world: World, db: Path) -> dict:
    options = load_settings(None).match
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT person_id, evidence FROM flags WHERE code = 'POSSIBLE_UNDECLARED_RELATIVE' "
                           "AND resolved_at IS NULL").fetchall()
    flagged, found, leads, impossible_known, impossible_true, unknown_birth, ranks = set(), set(), 0, 0, 0, 0, []
    compared = 0  # officers of participants each servant is compared with, as the finding says
    best: dict[str, float] = defaultdict(float)  # servant -> best candidate's score
    for person_id, text in rows:
        evidence = json.loads(text)
        flagged.add(person_id)
        best[person_id] = max(best[person_id], evidence["candidates"][0]["kinship_score"])
        inn = evidence["company"]["inn"]
        for candidate in evidence["candidates"]:
            leads += 1
            compared = max(compared, candidate["chance"]["officers"])
            whose = candidate["compared_with"]["whose"]
            anchor = world.anchor_birth[(person_id, whose)]
            relation = candidate["kinship"]
            if candidate["birth_date"]:
                gap = (date.fromisoformat(candidate["birth_date"]) - anchor).days / 365.2425
                impossible_known += not _fits(relation, gap, options)
            else:
                unknown_birth += 1
            true = world.true_birth[(inn, candidate["name"])]
            impossible_true += not _fits(relation, (true - anchor).days / 365.2425, options)
            if world.planted.get(person_id) == (inn, candidate["name"]):
                found.add(person_id)
                ranks.append(candidate["rank"])
    right = len(flagged & set(world.planted))
    sweep = {t: (sum(v >= t for v in best.values()), sum(v >= t for p, v in best.items() if p in world.planted))
             for t in SWEEP}
    return {"sweep": sweep, "flagged": len(flagged), "right": right, "found": len(found), "planted": len(world.planted),
            "findings": len(rows), "leads": leads, "impossible_known": impossible_known,
            "impossible_true": impossible_true, "unknown_birth": unknown_birth, "ranks": ranks, "compared": compared}


RULES = (("names only", NAMES_ONLY), ("names and ages, no threshold", AGES_ONLY), ("default settings", None))


def measure(servants: int, officers: int, planted: int, seed: int, birth_shown: float,
            names: NameSampler, bidding: float = BIDDING) -> dict[str, dict]:
    """Load one world and match it under each rule; the scores of each."""
    folder = (ROOT / "bench-data" /
              f"relatives-{servants}-{officers}-b{round(birth_shown * 100)}-p{round(bidding * 1000)}-s{seed}")
    folder.mkdir(parents=True, exist_ok=True)
    world = build_world(servants, officers, planted, seed, names, birth_shown)
    inputs = write_inputs(world, folder, seed, bidding)
    loaded = folder / "loaded.duckdb"
    loaded.unlink(missing_ok=True)
    _run("load", *map(str, inputs), "--db", str(loaded))
    results = {}
    for number, (label, config) in enumerate(RULES):
        db = folder / f"rule{number}.duckdb"
        shutil.copy(loaded, db)
        options = []
        if config is not None:
            (folder / f"rule{number}.toml").write_text(config, encoding="utf-8")
            options = ["--config", str(folder / f"rule{number}.toml")]
        _run("match", "--db", str(db), *options)
        results[label] = score(world, db)
    return results


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "—"


KEYS = ("flagged", "right", "planted", "found", "findings", "leads", "impossible_known", "impossible_true",
        "unknown_birth")


def write_relative_quality(servants: int = 600, officers: int = 5800, planted: int = 10,
                           seeds: tuple[int, ...] = (1, 2, 3),
                           worlds: tuple[tuple[float, float], ...] = ((BIDDING, 0.7), (BIDDING, 1.0), (1.0, 0.7))
                           ) -> Path:
    """`worlds`: (share of the register's companies that bid, share of officers with a birth date)."""
    names = NameSampler()
    options = load_settings(None).match
    lines = [f"## POSSIBLE_UNDECLARED_RELATIVE on realistic name frequencies ({servants} servants, "
             f"{officers} officers, {planted} planted siblings)", "",
             "`benchmarks/relative_quality.py`: names drawn with the frequencies of the `russiannames` tables; one",
             f"organisation of {servants} servants (spouses, children, living fathers and spouses' fathers declared;",
             f"married women with their maiden names); a register extract of about {officers} company officers,",
             "of whose companies a share took part in the organisation's procedures (1–5 a procedure); the",
             "contract compares each servant with the officers of those participants only (\"compared\" below).",
             "The default share is the sample generator's (3/8 of the register's companies bid); every company",
             "bidding is the stress case (the world of the first measurements).",
             f"{planted} servants have an undeclared brother or sister (born 1–12 years apart) who directs or",
             "co-owns a participant.",
             "Loaded with `declarations load`, checked with `declarations match`. Precision and recall per servant",
             "(flagged at all); found = the planted sibling is among the candidates of the finding about its",
             "company (rank 1 in brackets). Impossible by age: listed candidates whose kinship the birth dates rule",
             "out, by the dates the extract shows and by the true dates (the benchmark knows those it leaves out).",
             f"Default settings: parent {options.parent_age_gap[0]}–{options.parent_age_gap[1]} years older, "
             f"sibling within {options.sibling_age_gap} years, `relative_min_score` {options.relative_min_score}.",
             "Rules: names only (no age veto, no threshold: the rule before ages and rarity, though with its new",
             "name rules: no parents or siblings under a married surname, no second father beside a declared",
             "one), names and ages (the age veto, every score), default settings. Seeds summed."]
    for bidding, birth_shown in worlds:
        totals: dict[str, dict[str, Any]] = {label: dict.fromkeys(KEYS, 0) for label, _ in RULES}
        sweeps = {t: [0, 0] for t in SWEEP}
        for seed in seeds:
            for label, r in measure(servants, officers, planted, seed, birth_shown, names, bidding).items():
                for key in KEYS:
                    totals[label][key] += r[key]
                totals[label].setdefault("compared", []).append(r["compared"])
                totals[label].setdefault("rank1", 0)
                totals[label]["rank1"] += r["ranks"].count(1)
                if label == "names and ages, no threshold":
                    for t, (flagged, right) in r["sweep"].items():
                        sweeps[t][0] += flagged
                        sweeps[t][1] += right
        compared = totals["default settings"]["compared"]
        lines += ["", f"### {'Every company' if bidding == 1 else f'{bidding:.1%} of the companies'} of the register "
                      f"bid; birth dates for {round(birth_shown * 100)} % of officers (seeds "
                      f"{', '.join(map(str, seeds))}; compared: {', '.join(f'{c:,}' for c in compared)} officers)",
                  "",
                  "| rule | servants flagged | right | recall | precision | sibling found (rank 1) | findings | "
                  "candidates | impossible by age (shown dates) | impossible by age (true dates) | no birth date |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for label, t in totals.items():
            lines.append(f"| {label} | {t['flagged']} | {t['right']} | {_ratio(t['right'], t['planted'])} | "
                         f"{_ratio(t['right'], t['flagged'])} | {t['found']} ({t['rank1']}) | {t['findings']} | "
                         f"{t['leads']} | {t['impossible_known']} | {t['impossible_true']} | {t['unknown_birth']} |")
        lines += ["", "Servants flagged by the best candidate's score (`relative_min_score`):", "",
                  "| min score | servants flagged | right | recall | precision |", "|---:|---:|---:|---:|---:|"]
        planted_all = totals[RULES[0][0]]["planted"]
        for t, (flagged, right) in sweeps.items():
            lines.append(f"| {t} | {flagged} | {right} | {_ratio(right, planted_all)} | {_ratio(right, flagged)} |")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return OUT


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:]]
    servants, officers, planted = arguments[:3] + [600, 5800, 10][len(arguments[:3]):]
    print(write_relative_quality(servants, officers, planted, tuple(arguments[3:]) or (1, 2, 3)).read_text(
        encoding="utf-8"))
