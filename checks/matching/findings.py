"""The four findings of checks.md section З, from the matches and the procurement data.

Whose procedures: a servant with a procurement role handled the procedures listed
for them in `commissions`, and every procedure whose customer is their organisation
(customer name equal up to case, spaces and ё). The organisation's procurement, for
STAKE_IN_SUPPLIER and POSSIBLE_UNDECLARED_RELATIVE, is every procedure whose customer
is the organisation or that a servant of the organisation handled.
POSSIBLE_UNDECLARED_RELATIVE lives in `relatives.py` (names, ages and rarity).
"""

from __future__ import annotations

from checks import catalogue
from checks.evidence import HOW_RU, METHOD_RU, PART_RU
from checks.flags import Flag
from checks.matching.decide import LEAD_METHODS
from declarations.model import OFFICER_ROLES, PROCUREMENT_ROLES, RELATIONS, SECURITY_KINDS, SUBJECTS
from declarations.settings import MatchSettings
from declarations.store import Store
from declarations.text import fold_sql

CODES = {c.code for c in catalogue.of_families("З")}
AFFILIATION = catalogue.entry("PROCUREMENT_AFFILIATION")
OFFICER = catalogue.entry("SERVANT_IS_OFFICER")
STAKE = catalogue.entry("STAKE_IN_SUPPLIER")


SETUP_SQL = f"""
CREATE OR REPLACE TEMP TABLE m_servant AS
    SELECT person_id, full_name, organisation, procurement_role, year, birth_date, {fold_sql('organisation')} AS org_key
    FROM servants WHERE source = 'workbook'
    QUALIFY row_number() OVER (PARTITION BY person_id ORDER BY year DESC) = 1;
CREATE OR REPLACE TEMP TABLE m_procedure AS
    SELECT *, {fold_sql('customer')} AS customer_key FROM procurement;
CREATE OR REPLACE TEMP TABLE m_handled AS
    SELECT DISTINCT s.person_id, c.procedure_id, c.role AS handled_as
    FROM m_servant s JOIN commissions c USING (person_id)
    WHERE s.procurement_role != 'none'
    UNION
    SELECT DISTINCT s.person_id, p.procedure_id, s.procurement_role
    FROM m_servant s JOIN m_procedure p ON p.customer_key = s.org_key
    WHERE s.procurement_role != 'none';
CREATE OR REPLACE TEMP TABLE m_org_procedure AS
    SELECT DISTINCT s.org_key, p.procedure_id
    FROM m_servant s JOIN m_procedure p ON p.customer_key = s.org_key
    UNION
    SELECT DISTINCT s.org_key, c.procedure_id FROM m_servant s JOIN commissions c USING (person_id);
"""

AFFILIATION_SQL = """
SELECT s.person_id, s.full_name AS servant_name, s.procurement_role, h.handled_as,
       a.relative_id, a.relation, a.name AS person_name_written, a.name_kind, a.current_name, a.birth_date AS person_birth,
       o.company_inn, o.company_name, o.person_name AS officer_name_written, o.role AS officer_role, o.share_pct,
       o.since, o.until, o.birth_date AS officer_birth, o.origin,
       p.procedure_id, p.customer, p.customer_inn, p.date, p.amount, p.participant_name, p.is_winner,
       m.score, m.method, m.birth, m.inn, m.parts, m.fits
FROM m_matches m
JOIN m_people a USING (alias_idx)
JOIN m_officers o USING (officer_idx)
JOIN m_procedure p ON p.participant_inn = o.company_inn
JOIN m_handled h ON h.person_id = a.person_id AND h.procedure_id = p.procedure_id
JOIN m_servant s ON s.person_id = a.person_id
WHERE (a.relation = 'self' OR list_contains(?, a.relation))
  AND (o.role IN ('director', 'board', 'entrepreneur') OR (o.role = 'founder' AND coalesce(o.share_pct > ?, true)))
  AND (o.since IS NULL OR o.since <= p.date) AND (o.until IS NULL OR o.until >= p.date)
ORDER BY s.person_id, p.procedure_id, o.company_inn, a.alias_idx
"""

OFFICER_SQL = """
SELECT s.person_id, s.full_name AS servant_name, s.year, a.name AS person_name_written,
       o.company_inn, o.company_name, o.person_name AS officer_name_written, o.role AS officer_role, o.share_pct,
       o.since, o.until, m.score, m.method, m.birth, m.inn, m.parts, m.fits
FROM m_matches m
JOIN m_people a USING (alias_idx)
JOIN m_officers o USING (officer_idx)
JOIN m_servant s ON s.person_id = a.person_id
WHERE a.relation = 'self' AND o.role IN ('director', 'founder', 'entrepreneur') AND m.method != 'name_several'
  AND (o.until IS NULL OR year(o.until) >= s.year)
ORDER BY s.person_id, o.company_inn, o.role
"""

STAKE_SQL = f"""
WITH supplier AS (
    SELECT op.org_key, p.participant_inn, {fold_sql('p.participant_name')} AS name_key,
           any_value(p.participant_name) AS participant_name,
           list(DISTINCT p.procedure_id ORDER BY p.procedure_id) AS procedures,
           bool_or(p.is_winner) AS ever_won
    FROM m_procedure p JOIN m_org_procedure op USING (procedure_id)
    GROUP BY ALL
)
SELECT d.person_id, d.year, d.declaration_id, d.subject, d.subject_key,
       x.issuer_name, x.issuer_inn, x.kind, x.share_pct, x.amount,
       u.participant_inn, u.participant_name, u.procedures, u.ever_won
FROM securities x
JOIN effective_declarations d USING (declaration_id)
JOIN m_servant s ON s.person_id = d.person_id
JOIN supplier u ON u.org_key = s.org_key
  AND (x.issuer_inn = u.participant_inn
       OR (x.issuer_inn IS NULL AND {fold_sql('x.issuer_name')} = u.name_key))
ORDER BY d.person_id, d.year, x.issuer_inn, d.subject_key
"""

def _explain(row: dict) -> dict:
    """The match as evidence: both names as written, score, how each part agreed, birth date and INN."""
    evidence = {
        "name_in_hr_records": row["person_name_written"],
        "name_in_register": row["officer_name_written"],
        "score": row["score"],
        "method": row["method"],
        "parts": [{**p, "how_ru": HOW_RU.get(p["how"], p["how"])} for p in row["parts"]],
        "birth_date": row["birth"],
        "inn": row["inn"],
    }
    if row["method"] in LEAD_METHODS:
        evidence["fits"] = row["fits"]
    return evidence


def _explain_ru(row: dict) -> str:
    parts = ", ".join(f"{PART_RU[p['part']]} — {HOW_RU.get(p['how'], p['how'])}" for p in row["parts"]
                      if p["how"] != "missing" or p["a"] or p["b"])
    extra = {"equal": "дата рождения совпадает", "unknown": "дата рождения неизвестна"}.get(row["birth"], "")
    inn = "ИНН совпадает" if row["inn"] == "equal" else ""
    fits = f"подходит к {row['fits']} лицам из анкет, нужна проверка" if row["method"] == "name_several" else ""
    details = "; ".join(x for x in (parts, extra, inn, fits) if x)
    return f"«{row['person_name_written']}» ~ «{row['officer_name_written']}» ({METHOD_RU[row['method']]}, " \
           f"оценка {row['score']:.2f}: {details})"


def _role_ru(role: str, share) -> str:
    label = OFFICER_ROLES.get(role, role)
    if role == "founder":
        label += f" ({share:g} %)" if share is not None else " (доля не указана)"
    return label


def affiliation_flags(store: Store, settings: MatchSettings) -> list[Flag]:
    rows = store.frame(AFFILIATION_SQL, [list(settings.kin_relations), settings.founder_share_pct])
    flags = []
    for row in rows.iter_rows(named=True):
        who = "служащий" if row["relation"] == "self" else f"родственник ({RELATIONS[row['relation']]})"
        former = " (под прежней фамилией)" if row["name_kind"] == "former_name" else ""
        evidence = {
            "servant": {"person_id": row["person_id"], "name": row["servant_name"],
                        "procurement_role": row["procurement_role"], "handled_as": row["handled_as"]},
            "relative": None if row["relation"] == "self" else {
                "relative_id": row["relative_id"], "relation": row["relation"], "name": row["current_name"],
                "matched_under": row["name_kind"], "birth_date": row["person_birth"]},
            "officer": {"name": row["officer_name_written"], "role": row["officer_role"],
                        "share_pct": row["share_pct"], "since": row["since"], "until": row["until"],
                        "birth_date": row["officer_birth"], "source": row["origin"]},
            "company": {"inn": row["company_inn"], "name": row["company_name"]},
            "procedure": {"id": row["procedure_id"], "customer": row["customer"], "customer_inn": row["customer_inn"],
                          "date": row["date"], "amount": row["amount"], "is_winner": row["is_winner"]},
            "match": _explain(row),
            "explanation": _explain_ru(row),
            "ground": "44-ФЗ ст. 31 ч. 1 п. 9; 273-ФЗ ст. 10",
        }
        identity = "|".join((row["procedure_id"], row["company_inn"], row["relative_id"] or "self", row["officer_role"]))
        lead = row["method"] in LEAD_METHODS  # a lead: nothing but the name agrees
        flags.append(Flag.of(
            AFFILIATION, person_id=row["person_id"], year=row["date"].year, identity=identity, evidence=evidence,
            severity="medium" if lead else None, servant=row["servant_name"],
            handled_as=PROCUREMENT_ROLES.get(row["handled_as"], row["handled_as"]), who=who, former=former,
            role=_role_ru(row["officer_role"], row["share_pct"]), procedure=row["procedure_id"],
            participant=row["participant_name"], winner=" (победитель)" if row["is_winner"] else ""))
    return flags


def officer_flags(store: Store) -> list[Flag]:
    rows = store.frame(OFFICER_SQL)
    flags = []
    for row in rows.iter_rows(named=True):
        evidence = {
            "servant": {"person_id": row["person_id"], "name": row["servant_name"]},
            "officer": {"name": row["officer_name_written"], "role": row["officer_role"], "share_pct": row["share_pct"],
                        "since": row["since"], "until": row["until"]},
            "company": {"inn": row["company_inn"], "name": row["company_name"]},
            "match": _explain(row),
            "explanation": _explain_ru(row),
            "ground": "79-ФЗ ст. 17 ч. 1 п. 3; 25-ФЗ ст. 14",
        }
        flags.append(Flag.of(
            OFFICER, person_id=row["person_id"], year=row["year"], identity=f"{row['company_inn']}|{row['officer_role']}",
            evidence=evidence, servant=row["servant_name"], role=_role_ru(row["officer_role"], row["share_pct"]),
            company=row["company_name"], inn=row["company_inn"]))
    return flags


def stake_flags(store: Store) -> list[Flag]:
    rows = store.frame(STAKE_SQL)
    flags = []
    for row in rows.iter_rows(named=True):
        evidence = {
            "declaration": {"declaration_id": row["declaration_id"], "year": row["year"], "subject": row["subject"]},
            "security": {"issuer_name": row["issuer_name"], "issuer_inn": row["issuer_inn"], "kind": row["kind"],
                         "share_pct": row["share_pct"], "amount": row["amount"]},
            "supplier": {"inn": row["participant_inn"], "name": row["participant_name"],
                         "procedures": row["procedures"], "won_any": row["ever_won"]},
        }
        identity = f"{row['participant_inn']}|{row['subject_key']}"
        flags.append(Flag.of(
            STAKE, person_id=row["person_id"], year=row["year"], identity=identity, evidence=evidence,
            security=SECURITY_KINDS.get(row["kind"], row["kind"]), issuer=row["issuer_name"],
            whose=SUBJECTS.get(row["subject"], row["subject"]), procedures=", ".join(row["procedures"])))
    return flags
