"""Who is compared with whom, read from the store.

People: every servant (their latest roster row) and every relative, once under their
name and once under each former (maiden) name. Officers: every row of the company
register, plus every participant that is itself a person (a 12-digit INN: an
individual entrepreneur), as an `entrepreneur` row.
"""

from __future__ import annotations

import polars as pl

from declarations.store import Store

PEOPLE_SQL = """
WITH servant AS (
    SELECT * FROM servants WHERE source = 'workbook'
    QUALIFY row_number() OVER (PARTITION BY person_id ORDER BY year DESC) = 1
), relative AS (
    SELECT * FROM relatives
    QUALIFY row_number() OVER (PARTITION BY person_id, relative_id ORDER BY year DESC) = 1
), named AS (
    SELECT person_id, NULL::TEXT AS relative_id, 'self' AS relation, full_name AS name, 'name' AS name_kind,
           full_name AS current_name, birth_date, inn
    FROM servant
    UNION ALL
    SELECT person_id, relative_id, relation, full_name, 'name', full_name, birth_date, inn FROM relative
    UNION ALL
    SELECT person_id, relative_id, relation, trim(former), 'former_name', full_name, birth_date, inn
    FROM (SELECT *, unnest(string_split(former_names, ';')) AS former FROM relative WHERE former_names IS NOT NULL)
    WHERE trim(former) != ''
    UNION ALL
    SELECT person_id, NULL, 'self', trim(former), 'former_name', full_name, birth_date, inn
    FROM (SELECT *, unnest(string_split(former_names, ';')) AS former FROM servant WHERE former_names IS NOT NULL)
    WHERE trim(former) != ''
)
SELECT row_number() OVER (ORDER BY person_id, relative_id NULLS FIRST, name_kind, name) - 1 AS alias_idx, *
FROM named
"""

OFFICERS_SQL = """
WITH register AS (
    SELECT company_inn, company_name, person_name, person_inn, birth_date, role, share_pct, since, until,
           'register' AS origin
    FROM officers
    UNION ALL
    SELECT DISTINCT participant_inn, participant_name,
           trim(regexp_replace(participant_name, '^\\s*(ИП|индивидуальный предприниматель)\\s+', '', 'i')),
           participant_inn, NULL::DATE, 'entrepreneur', NULL::DOUBLE, NULL::DATE, NULL::DATE, 'participant'
    FROM procurement WHERE length(participant_inn) = 12
)
SELECT row_number() OVER (ORDER BY company_inn, person_name, role, origin) - 1 AS officer_idx, *
FROM register
"""


def people(store: Store) -> pl.DataFrame:
    return store.frame(PEOPLE_SQL)


def register(store: Store) -> pl.DataFrame:
    return store.frame(OFFICERS_SQL)
