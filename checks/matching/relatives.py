"""POSSIBLE_UNDECLARED_RELATIVE: officers of bidders whose names and ages suggest kinship with a servant.

Who is compared: every officer of a company that took part in the organisation's procurement,
against the servant's name and the servant's or the spouse's former (maiden) names. The names
must allow a kinship (`checks.names.kinship`: same surname in either gender form, and a
patronymic from the same father's name, or the father's given name, or the child's); an officer
already matched to someone declared, or bearing a declared person's very name, is not a lead.

Age: where both birth dates are known, a kinship the ages rule out is dropped (a parent 16–60
years older, a child 16–60 years younger, a sibling within 25 years: `[match]` settings).

Score: how unlikely the agreement is by chance among the officers compared. A chance
coincidence needs the same surname (its share of people, from `russiannames`), the same link
(the father's name behind the patronymic, or the given name), and an age difference as fitting
as this one (the share of the compared officers whose age fits as well). The expected number of
such coincidences is `officers × surname × link × age`. Against it stand two weights for the
kinship: kin become officers as often as anyone of their age (a «father» who would be 90 is
rarely one: `AgeSpread.officer_propensity`), and where both personal INNs are known, kin share
the issuing region more often than the compared officers do (`RegionSpread`). The score is
`1 / (1 + expected / weights)`: near 1 for «Шкрабич» with his sister's patronymic, below one
half for «Иванов Александрович» among thousands of officers. Candidates from `relative_min_score`
up are listed, best first, in one finding per servant and company.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import polars as pl

from checks import catalogue
from checks.flags import Flag
from checks.matching.decide import compared, parsed
from checks.names import (CHILD_PARENT, PARENT_CHILD, SIBLINGS, PersonName, could_be_parent_child,
                          could_be_siblings, gender_of, given_from_patronymic, kinship_keys,
                          patronymics_from_given, surname_key)
from checks.names.frequency import father_share, given_share, one_in, surname_shares
from declarations.model import OFFICER_ROLES
from declarations.russian import age_ru, date_ru, number_ru
from declarations.settings import MatchSettings
from declarations.store import Store

CODE = "POSSIBLE_UNDECLARED_RELATIVE"
YEAR_DAYS = 365.2425

PARTICIPANT_OFFICERS_SQL = """
SELECT op.org_key, o.officer_idx, o.company_inn, any_value(o.company_name) AS company_name,
       any_value(o.person_name) AS person_name, any_value(o.role) AS role, any_value(o.share_pct) AS share_pct,
       any_value(o.birth_date) AS birth_date, any_value(o.person_inn) AS person_inn,
       list(DISTINCT p.procedure_id ORDER BY p.procedure_id) AS procedures
FROM m_officers o
JOIN m_procedure p ON p.participant_inn = o.company_inn
JOIN m_org_procedure op USING (procedure_id)
WHERE (o.since IS NULL OR o.since <= p.date) AND (o.until IS NULL OR o.until >= p.date)
GROUP BY op.org_key, o.officer_idx, o.company_inn
ORDER BY o.officer_idx
"""

KINSHIP_RU = {SIBLINGS: "брат или сестра", PARENT_CHILD: "сын или дочь", CHILD_PARENT: "отец"}
WHOSE_RU = {"self": "", "self_former": " (по прежней фамилии служащего)",
            "self_declared_father": " (по имени отца из анкеты: в ФИО служащего нет отчества)",
            "spouse_former": " супруга(и) (по прежней фамилии супруга(и))"}


@dataclass(frozen=True)
class AgeRules:
    """Years between birth dates that fit each kinship (both ends included)."""

    parent_min: float
    parent_max: float
    sibling_max: float

    @classmethod
    def from_settings(cls, options: MatchSettings) -> AgeRules:
        low, high = options.parent_age_gap
        return cls(float(low), float(high), float(options.sibling_age_gap))

    def fits(self, relation: str, gap: float | None) -> bool:
        """`gap`: the officer's birth minus the anchor's, in years (positive: the officer is younger)."""
        if gap is None:
            return True
        if relation == SIBLINGS:
            return abs(gap) <= self.sibling_max
        if relation == PARENT_CHILD:  # the anchor is the parent: the officer is younger
            return self.parent_min <= gap <= self.parent_max
        return self.parent_min <= -gap <= self.parent_max


def age_gap(anchor_birth: date | None, officer_birth: date | None) -> float | None:
    if anchor_birth is None or officer_birth is None:
        return None
    return (officer_birth - anchor_birth).days / YEAR_DAYS


def possible_kinships(anchor: PersonName, officer: PersonName) -> list[str]:
    """Every kinship the names allow (both parent directions when both fit)."""
    found = []
    if could_be_siblings(anchor, officer):
        found.append(SIBLINGS)
    if could_be_parent_child(anchor, officer):
        found.append(PARENT_CHILD)
    if could_be_parent_child(officer, anchor):
        found.append(CHILD_PARENT)
    return found


# How far apart in age kin usually are (years), for the age's weight in the score: brothers and
# sisters are mostly born within a few years of each other (a spacing of 2-5 years is the usual one),
# a father is on average about 30 at his child's birth (Rosstat puts mothers at 28-29, fathers later).
SIBLING_SPACING = 4.0       # scale of a Laplace density of the age difference of siblings
FATHER_AGE, FATHER_AGE_SD = 30.0, 6.0
CHANCE_WINDOW = 2.0         # years either side: how densely the compared officers are born around an age
ADULT_SPAN, PRIOR_OFFICERS = 50.0, 20  # without many officers' birth dates: births spread over 50 years
KIN_GAP_LIMIT = 70          # years either side searched for the ages kin of a kind may have


def kin_density(relation: str, gap: float) -> float:
    """Density (per year) of this age difference among real siblings, or a father and his child."""
    if relation == SIBLINGS:
        return math.exp(-abs(gap) / SIBLING_SPACING) / (2 * SIBLING_SPACING)
    years = abs(gap)
    return math.exp(-0.5 * ((years - FATHER_AGE) / FATHER_AGE_SD) ** 2) / (FATHER_AGE_SD * math.sqrt(2 * math.pi))


class AgeSpread:
    """Birth dates of the officers an organisation's servants are compared with: how often an age occurs by chance."""

    def __init__(self, births: list[date]):
        self.days = sorted(b.toordinal() for b in births)

    def density(self, born: float) -> float:
        """Share of the officers born per year around the ordinal day `born`.

        Smoothed towards adults' births spread evenly over `ADULT_SPAN` years (worth `PRIOR_OFFICERS`
        officers), so that a handful of officers neither zeroes nor inflates it."""
        lo = bisect.bisect_left(self.days, born - CHANCE_WINDOW * YEAR_DAYS)
        hi = bisect.bisect_right(self.days, born + CHANCE_WINDOW * YEAR_DAYS)
        prior = 2 * CHANCE_WINDOW / ADULT_SPAN
        return (hi - lo + PRIOR_OFFICERS * prior) / (len(self.days) + PRIOR_OFFICERS) / (2 * CHANCE_WINDOW)

    def chance_over_kin(self, relation: str, anchor: date, gap: float) -> float:
        """How much likelier this age difference is by chance than among kin (below 1: the age speaks for kinship)."""
        return self.density(anchor.toordinal() + gap * YEAR_DAYS) / kin_density(relation, gap)

    def officer_propensity(self, relation: str, anchor: date, gap: float | None, rules: AgeRules) -> float:
        """How often people of the relative's age are officers here, against adults born evenly over `ADULT_SPAN`
        years (1: as often as on average).

        Kin become company officers as often as anyone of their age: a father of a servant born in 1962
        would be about 90 and hardly directs a bidder. With the officer's birth date known, this is the
        compared officers' density at that date; without it, their density at the ages kin of this kind
        usually have (the age rules' range, weighted by `kin_density`)."""
        if gap is not None:
            return ADULT_SPAN * self.density(anchor.toordinal() + gap * YEAR_DAYS)
        gaps = [g / 2 for g in range(-2 * KIN_GAP_LIMIT, 2 * KIN_GAP_LIMIT + 1) if rules.fits(relation, g / 2)]
        weights = [kin_density(relation, g) for g in gaps]
        total = sum(weights)
        if not total:
            return 1.0
        return ADULT_SPAN * sum(w * self.density(anchor.toordinal() + g * YEAR_DAYS)
                                for g, w in zip(gaps, weights)) / total


def inn_region(inn: str | None) -> str | None:
    """The region that issued a personal (12-digit) INN: its first two digits."""
    inn = (inn or "").strip()
    return inn[:2] if len(inn) == 12 and inn.isdigit() else None


class RegionSpread:
    """Regions of the personal INNs of the officers an organisation's servants are compared with.

    A personal INN keeps, for life, the region of the tax office that issued it; brothers, sisters and
    parents were mostly registered where the family lived, so kin share it more often than strangers
    do, but only where the compared officers come from many regions: a municipality's bidders are
    mostly local, and a shared region then says little. `same_kin` is the share of kin whose INNs
    come from one region (`relative_same_region_kin`; 0 turns this weight off); how often a compared
    officer shares the servant's region is counted here (smoothed by one officer either way)."""

    def __init__(self, regions: list[str], same_kin: float):
        self.count: dict[str, int] = defaultdict(int)
        for region in regions:
            self.count[region] += 1
        self.total = len(regions)
        self.same_kin = same_kin

    def share(self, region: str) -> float:
        return (self.count.get(region, 0) + 1) / (self.total + 2)

    def likelihood(self, anchor: str | None, officer: str | None) -> tuple[float, str]:
        """How much likelier kin show these two INN regions than a compared officer does, and why in words."""
        if not anchor or not officer or not 0 < self.same_kin < 1:
            return 1.0, ""
        base = self.share(anchor)
        if anchor == officer:
            ratio = self.same_kin / base
            words = f"ИНН выданы в одном регионе ({anchor})"
        else:
            ratio = (1 - self.same_kin) / (1 - base)
            words = f"ИНН выданы в разных регионах ({anchor} и {officer})"
        how_often = f"в {number_ru(ratio, group=False)} раза чаще" if ratio >= 1 else f"в {number_ru(1 / ratio, group=False)} раза реже"
        return ratio, f"{words}: у родственников так бывает {how_often}, чем у лиц участников"


def link_share(relation: str, anchor: PersonName, officer: PersonName) -> tuple[float, str]:
    """How common the name link is, and its words: the father's name behind a patronymic, or a given name."""
    if relation == SIBLINGS:
        father = given_from_patronymic(anchor.patronymic) or anchor.patronymic
        share = father_share(father)
        return share, f"отчество от того же имени — у {one_in(share)}"
    if relation == PARENT_CHILD:
        share = father_share(anchor.given)
        return share, f"отчество от имени служащего — у {one_in(share)}"
    share = given_share(officer.given)
    return share, f"имя совпадает с именем отца в отчестве служащего — у {one_in(share)}"


def _married_name(people: pl.DataFrame) -> set[str]:
    """Servants who carry their spouse's surname and have another former surname on record: their
    parents, brothers and sisters bear the former one, so the current surname shows only their children."""
    spouse_keys, former_keys, own_key = defaultdict(set), defaultdict(set), {}
    for person_id, relation, kind, name in people.select("person_id", "relation", "name_kind", "name").iter_rows():
        key = surname_key(parsed(name).surname)
        if relation == "spouse" and kind == "name":
            spouse_keys[person_id].add(key)
        elif relation == "self" and kind == "former_name":
            former_keys[person_id].add(key)
        elif relation == "self":
            own_key[person_id] = key
    return {p for p, key in own_key.items()
            if key and key in spouse_keys[p] and former_keys[p] - {key}}


@dataclass(frozen=True)
class Anchor:
    """A name to look for kin from: the servant's, or the servant's or the spouse's former one."""

    person_id: str
    name: str
    whose: str            # self | self_former | spouse_former
    birth: date | None
    inn: str | None = None  # the person's own INN: the servant's, or the spouse's for the spouse's former name


@dataclass(frozen=True)
class Lead:
    anchor: Anchor
    officer: dict         # a row of PARTICIPANT_OFFICERS_SQL
    relation: str
    gap: float | None     # the officer's birth minus the anchor's, in years


def undeclared_relative_flags(store: Store, people: pl.DataFrame, matches: pl.DataFrame, options: MatchSettings) -> list[Flag]:
    """One finding per servant and company, listing the officers who may be undeclared relatives, best first."""
    officers = store.frame(PARTICIPANT_OFFICERS_SQL)
    servants = store.frame("SELECT person_id, full_name, org_key, year, birth_date FROM m_servant")
    if officers.is_empty() or servants.is_empty():
        return []
    servant = {r["person_id"]: r for r in servants.iter_rows(named=True)}
    leads = _leads(officers, servant, people, matches, options)
    rules = AgeRules.from_settings(options)
    if not leads:
        return []
    surnames = surname_shares(parsed(lead.anchor.name).surname for lead in leads)
    # the officers each organisation's servants are compared with: how many people, and their birth dates
    people_of_org: dict[str, set] = defaultdict(set)
    births_of_org: dict[str, dict] = defaultdict(dict)
    regions_of_org: dict[str, dict] = defaultdict(dict)
    for org_key, name, birth, inn in officers.select("org_key", "person_name", "birth_date", "person_inn").iter_rows():
        who = (parsed(name).display(), birth)
        people_of_org[org_key].add(who)
        if birth is not None:
            births_of_org[org_key][who] = birth
        if inn_region(inn):
            regions_of_org[org_key][who] = inn_region(inn)
    spread = {org: AgeSpread(list(births.values())) for org, births in births_of_org.items()}
    regions = {org: RegionSpread(list(found.values()), options.relative_same_region_kin)
               for org, found in regions_of_org.items()}

    candidates: dict[tuple[str, str], dict[tuple, dict]] = defaultdict(dict)
    for lead in leads:
        org_key = lead.officer["org_key"]
        candidate = _candidate(lead, surnames[parsed(lead.anchor.name).surname], len(people_of_org[org_key]),
                               spread.get(org_key) or AgeSpread([]), rules, regions.get(org_key))
        found = candidates[(lead.anchor.person_id, lead.officer["company_inn"])]
        who = (parsed(lead.officer["person_name"]).display(), lead.officer["birth_date"])
        best = found.get(who)  # the same person in two roles, or reached from two names: the likelier reading
        roles = sorted({lead.officer["role"], *(best.get("roles", [best["role"]]) if best else [])})
        if best is None or candidate["chance"]["odds_against"] < best["chance"]["odds_against"]:
            found[who] = best = candidate
        if len(roles) > 1:
            best["roles"] = roles
    company_name = dict(officers.select("company_inn", "company_name").iter_rows())
    threshold = options.relative_min_score
    flags = []
    for (person_id, company_inn), found in sorted(candidates.items()):
        ranked = sorted((c for c in found.values() if c["kinship_score"] >= threshold),
                        key=lambda c: (c["chance"]["odds_against"], c["name"]))
        if not ranked:
            continue
        procedures = sorted({p for c in ranked for p in c.pop("procedures")})
        for rank, candidate in enumerate(ranked, start=1):
            candidate["rank"] = rank
        flags.append(_flag(servant[person_id], company_inn, company_name[company_inn], ranked, procedures, threshold))
    return flags


FATHER_SOURCES = {"father": 0, "brother": 1, "sister": 1}  # whose name tells the father's: his own first


def _fathers_name_anchors(servant: dict[str, dict], people: pl.DataFrame, inn_of: dict) -> list[Anchor]:
    """A servant written without a patronymic (names of many peoples of Russia have none in records)
    has no sibling or father leads by name alone; the анкета may still tell the father's given name:
    the declared father's own, or the patronymic of a declared brother or sister. The servant's name
    with the patronymic from it is looked for as well."""
    fathers: dict[str, tuple[int, str]] = {}
    for person_id, relation, name in people.filter(
            pl.col("relation").is_in(list(FATHER_SOURCES)) & (pl.col("name_kind") == "name")).select(
            "person_id", "relation", "name").iter_rows():
        written = parsed(name)
        father = written.given if relation == "father" else given_from_patronymic(written.patronymic)
        if father and (person_id not in fathers or FATHER_SOURCES[relation] < fathers[person_id][0]):
            fathers[person_id] = (FATHER_SOURCES[relation], father)
    anchors = []
    for person_id, (_rank, father) in sorted(fathers.items()):
        row = servant.get(person_id)
        if row is None:
            continue
        own = parsed(row["full_name"])
        gender = gender_of(own)
        if own.patronymic or own.patronymic_initial or not own.surname or not own.given or gender is None:
            continue
        patronymic = patronymics_from_given(father)[0 if gender == "m" else 1]
        if patronymic:
            name = " ".join(w.capitalize() for w in (own.surname, own.given, patronymic))
            anchors.append(Anchor(person_id, name, "self_declared_father", row["birth_date"],
                                  inn_of.get((person_id, "self"))))
    return anchors


def _leads(officers: pl.DataFrame, servant: dict[str, dict], people: pl.DataFrame, matches: pl.DataFrame,
           options: MatchSettings) -> list[Lead]:
    """Every (name, officer, kinship) the names allow and the ages do not rule out."""
    rules = AgeRules.from_settings(options)
    matched = defaultdict(set)  # person_id -> officer_idx already matched to someone declared
    for person_id, officer_idx in matches.join(people.select("alias_idx", "person_id"), on="alias_idx").select(
            "person_id", "officer_idx").iter_rows():
        matched[person_id].add(officer_idx)
    declared_names = defaultdict(list)  # person_id -> names of the servant and declared relatives
    for person_id, name in people.select("person_id", "name").iter_rows():
        declared_names[person_id].append(name)

    def declared(person_id: str, officer_name: str) -> bool:
        """The officer is, or bears the very name of, someone already declared (a namesake is no sibling)."""
        return any(compared(name, officer_name).is_match(options.match_threshold)
                   for name in declared_names[person_id])

    inn_of = {(r["person_id"], r["relation"]): r["inn"] for r in people.filter(
        pl.col("relation").is_in(["self", "spouse"]) & pl.col("inn").is_not_null()).iter_rows(named=True)}
    anchors = [Anchor(r["person_id"], r["full_name"], "self", r["birth_date"], inn_of.get((r["person_id"], "self")))
               for r in servant.values()]
    former = people.filter(pl.col("relation").is_in(["self", "spouse"]) & (pl.col("name_kind") == "former_name"))
    anchors += [Anchor(r["person_id"], r["name"], f"{r['relation']}_former", r["birth_date"],
                       inn_of.get((r["person_id"], r["relation"])))
                for r in former.iter_rows(named=True) if r["person_id"] in servant]
    anchors += _fathers_name_anchors(servant, people, inn_of)
    by_key = defaultdict(list)
    for anchor in anchors:
        for key in kinship_keys(parsed(anchor.name)):
            by_key[(servant[anchor.person_id]["org_key"], key)].append(anchor)
    married_name = _married_name(people)
    fathers_declared = {(p, "spouse_former" if r == "spouse_father" else whose)
                        for p, r in people.filter(pl.col("relation").is_in(["father", "spouse_father"])).select(
                            "person_id", "relation").iter_rows()
                        for whose in ("self", "self_former", "self_declared_father")}
    leads = []
    for row in officers.iter_rows(named=True):
        officer_name = parsed(row["person_name"])
        seen = set()
        for key in kinship_keys(officer_name):
            for anchor in by_key.get((row["org_key"], key), []):
                if anchor in seen:
                    continue
                seen.add(anchor)
                if row["officer_idx"] in matched[anchor.person_id] or declared(anchor.person_id, row["person_name"]):
                    continue
                gap = age_gap(anchor.birth, row["birth_date"])
                for relation in possible_kinships(parsed(anchor.name), officer_name):
                    if (anchor.whose in ("self", "self_declared_father") and anchor.person_id in married_name
                            and relation != PARENT_CHILD):
                        continue  # parents, brothers and sisters carry the surname before the marriage
                    if relation == CHILD_PARENT and (anchor.person_id, anchor.whose) in fathers_declared:
                        continue  # the анкета names the father: an officer of another name is not him
                    if rules.fits(relation, gap):
                        leads.append(Lead(anchor, row, relation, gap))
    return leads


def _candidate(lead: Lead, surname: float, compared_with: int, spread: AgeSpread, rules: AgeRules,
               regions: RegionSpread | None = None) -> dict:
    """One officer as a possible relative: the score, and why in words."""
    anchor_name, officer_name = parsed(lead.anchor.name), parsed(lead.officer["person_name"])
    link, link_words = link_share(lead.relation, anchor_name, officer_name)
    reasons = [f"фамилия (в любой родовой форме) — у {one_in(surname)}", link_words]
    age = 1.0
    if lead.gap is not None and lead.anchor.birth is not None:  # a gap is measured from the anchor's birth
        age = spread.chance_over_kin(lead.relation, lead.anchor.birth, lead.gap)
        how_often = (f"в {number_ru(1 / age, group=False)} раза чаще" if age < 1 else f"в {number_ru(age, group=False)} раза реже")
        reasons.append(f"{'моложе' if lead.gap > 0 else 'старше'} на {age_ru(lead.gap)}: у родственников такая "
                       f"разница встречается {how_often}, чем у случайных лиц участников")
    else:
        reasons.append("дата рождения в реестре не указана, возраст не проверен")
    expected = compared_with * surname * link * age
    reasons.append(f"случайно такое совпадение ожидается у {'менее 0,01' if expected < 0.005 else number_ru(expected, group=False)}"
                   f" из {compared_with:,} лиц участников закупок организации".replace(",", "\u00a0"))
    propensity = 1.0
    if lead.anchor.birth is not None:
        propensity = spread.officer_propensity(lead.relation, lead.anchor.birth, lead.gap, rules)
        if propensity < 0.5 or propensity > 2:
            of_age = "такого возраста" if lead.gap is not None else "возраста, обычного для такого родства,"
            how_often = (f"в {number_ru(1 / propensity, group=False)} раза реже" if propensity < 1
                         else f"в {number_ru(propensity, group=False)} раза чаще")
            reasons.append(f"лица {of_age} среди лиц участников встречаются {how_often}, чем в среднем")
    region = 1.0
    if regions is not None:
        region, words = regions.likelihood(inn_region(lead.anchor.inn), inn_region(lead.officer.get("person_inn")))
        if words:
            reasons.append(words)
    odds_against = expected / max(propensity * region, 1e-9)
    row = lead.officer
    return {
        "name": row["person_name"], "role": row["role"], "share_pct": row["share_pct"],
        "birth_date": row["birth_date"], "kinship": lead.relation,
        "compared_with": {"name": lead.anchor.name, "whose": lead.anchor.whose},
        "age_difference": None if lead.gap is None else round(lead.gap, 1),
        "kinship_score": round(1.0 / (1.0 + odds_against), 4), "why": "; ".join(reasons),
        "chance": {"surname": surname, "link": link, "age": age, "officers": compared_with, "expected": expected,
                   "kin_age": propensity, "region": region, "odds_against": odds_against},
        "procedures": row["procedures"],
    }


def _flag(servant: dict, company_inn: str, company_name: str, ranked: list[dict], procedures: list[str],
          threshold: float) -> Flag:
    best = ranked[0]
    roles = ", ".join(OFFICER_ROLES.get(r, r) for r in best.get("roles", [best["role"]]))
    count = len(ranked)
    who = ("1 лицо — возможный родственник, которого" if count == 1 else
           f"{count} {'лица' if count < 5 else 'лиц'} — возможные родственники, которых")
    evidence = {
        "servant": {"person_id": servant["person_id"], "name": servant["full_name"]},
        "company": {"inn": company_inn, "name": company_name},
        "procedures": procedures,
        "candidates": ranked,
        "min_score": threshold,
        "why": "та же фамилия (с учетом родовой формы), отчество или имя, указывающие на родство, и подходящий "
               "возраст; оценка тем выше, чем реже такое совпадение случайно",
    }
    return Flag.of(catalogue.entry(CODE), person_id=servant["person_id"], year=servant["year"], identity=company_inn,
                   evidence=evidence, servant=servant["full_name"], company=company_name, inn=company_inn, who=who,
                   kinship=KINSHIP_RU[best["kinship"]], whose=WHOSE_RU.get(best["compared_with"]["whose"], ""),
                   roles=roles, score=number_ru(best["kinship_score"], group=False))


def describe(evidence: dict) -> str:
    """The finding for the HR workbook: the company, then the candidates best first, one a line, with why."""
    if "candidates" not in evidence:
        raise KeyError("candidates")  # a finding of the version before the ranking: the generic rendering
    company = evidence.get("company") or {}
    lines = [f"Участник закупок: {company.get('name', '')} (ИНН {company.get('inn', '')}); закупки: "
             f"{', '.join(evidence.get('procedures') or [])}",
             f"Возможные родственники, по убыванию оценки (показаны от {number_ru(evidence.get('min_score', 0), group=False)}):"]
    for candidate in evidence.get("candidates") or []:
        roles = ", ".join(OFFICER_ROLES.get(r, r) for r in candidate.get("roles") or [candidate["role"]])
        if candidate.get("share_pct") is not None:
            roles += f" ({candidate['share_pct']:g} %)"
        born = f", род. {date_ru(candidate['birth_date'])}" if candidate.get("birth_date") else ""
        compared_with: dict = candidate.get("compared_with") or {}
        whose = WHOSE_RU.get(compared_with.get("whose", "self"), "")
        lines.append(f"{candidate.get('rank')}. «{candidate.get('name')}» — {roles}{born}; "
                     f"{KINSHIP_RU.get(candidate.get('kinship'), candidate.get('kinship'))}{whose}; "
                     f"оценка {number_ru(candidate.get('kinship_score', 0), group=False)}: {candidate.get('why', '')}")
    return "\n".join(lines)
