"""Procurement conflicts of interest (checks.md section З): `declarations match`.

people (servants, relatives, former names)  ─┐
                                            ├─ candidates (INN, blocking keys) ─ decide ─ findings
officers (register + entrepreneur bidders) ─┘
"""

from __future__ import annotations

from collections.abc import Callable

from checks.flags import Flag
from checks.matching import candidates, decide, findings, people, relatives
from declarations.settings import Settings
from declarations.store import Store


def run_match(store: Store, settings: Settings, on_step: Callable[[str], None] = lambda _: None
              ) -> tuple[list[Flag], set[str]]:
    """All procurement findings for the store; returns the flags and the codes that ran."""
    options = settings.match
    on_step("Сбор служащих, родственников и реестра")
    persons = people.people(store)
    officers = people.register(store)
    on_step("Поиск кандидатов (ИНН, ключи ФИО)")
    pairs = candidates.candidate_pairs(persons, officers, options.max_block_size)
    on_step(f"Сравнение пар ФИО: {pairs.height}")
    matches = decide.decide(persons, officers, pairs, options)
    on_step("Поиск нарушений")
    con = store.con
    con.execute(findings.SETUP_SQL)
    con.register("m_people", persons.to_arrow())
    con.register("m_officers", officers.to_arrow())
    con.register("m_matches", matches.to_arrow())
    try:
        flags = (
            findings.affiliation_flags(store, options)
            + findings.officer_flags(store)
            + findings.stake_flags(store)
            + relatives.undeclared_relative_flags(store, persons, matches, options)
        )
    finally:
        for name in ("m_people", "m_officers", "m_matches"):
            con.unregister(name)
    return flags, set(findings.CODES)
