"""Follow each child of a public declarant across years, whatever the order of the rows.

Published tables list children one after another; the next year's table may list them in
another order, and Declarator's `relative_index` follows the order. A child's `relative_id`
built from that index would then swap the children between years and raise year-over-year
flags for both. Here each child справка of a year takes the `relative_id` of the child of the
declarant's previous справка it resembles most — the same real estate (type and area) and
vehicles — when that resemblance is mutual and unambiguous; otherwise it keeps its own.
HR workbooks name their relatives and are left alone.
"""

from __future__ import annotations

from collections import defaultdict

import duckdb


def _signatures(con: duckdb.DuckDBPyConnection, person_ids: list[str] | None) -> dict:
    where = "AND d.person_id IN (SELECT unnest($ids))" if person_ids is not None else ""
    # only declarants with two children or more in two years or more can have them swapped
    rows = con.execute(f"""
        WITH children AS (
            SELECT person_id, year, declaration_id, relative_id FROM declarations d
            WHERE d.source = 'declarator' AND d.subject = 'child' AND d.duplicate_of IS NULL
              AND NOT coalesce(d.nothing_declared, false) {where}),
        several AS (
            SELECT person_id FROM (SELECT person_id, year, count(*) AS n FROM children GROUP BY ALL)
            GROUP BY person_id HAVING count(*) FILTER (WHERE n >= 2) >= 2)
        SELECT d.person_id, d.year, d.declaration_id, d.relative_id,
               list(DISTINCT r.object_type || '|' || round(r.area, 0)::TEXT) FILTER (WHERE r.area IS NOT NULL),
               list(DISTINCT lower(v.make)) FILTER (WHERE v.make IS NOT NULL)
        FROM children d
        LEFT JOIN real_estate r USING (declaration_id)
        LEFT JOIN vehicles v USING (declaration_id)
        WHERE d.person_id IN (SELECT person_id FROM several)
        GROUP BY ALL ORDER BY d.person_id, d.year, d.declaration_id""",
        {"ids": person_ids} if person_ids is not None else None).fetchall()
    people: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for person_id, year, declaration_id, relative_id, estates, makes in rows:
        people[person_id][year].append([declaration_id, relative_id, set(estates or []) | set(makes or [])])
    return people


def align_children(con: duckdb.DuckDBPyConnection, person_ids: list[str] | None = None) -> int:
    """Re-point child справки to the matching child of the previous year; return how many moved."""
    changes: list[tuple[str, str]] = []
    for years in _signatures(con, person_ids).values():
        ordered = sorted(years)
        for previous_year, year in zip(ordered, ordered[1:]):
            before, now = years[previous_year], years[year]
            if len(before) < 2 or len(now) < 2:
                continue
            matched = {}
            for index, child in enumerate(now):
                best = _best(child, before)
                if best is not None and _best(best, now) is child:
                    matched[index] = best[1]
            if not matched:
                continue
            taken = set(matched.values())
            # the others keep their id unless a matched child took it; then they take a freed one
            free = [c[1] for i, c in enumerate(now) if i in matched and c[1] not in taken]
            for index, child in enumerate(now):
                new = matched.get(index)
                if new is None and child[1] in taken:
                    new = free.pop(0) if free else f"{child[1]}-{year}"
                if new is not None and new != child[1]:
                    child[1] = new
                    changes.append((child[0], new))
    if changes:
        con.execute("CREATE OR REPLACE TEMP TABLE __child_ids (declaration_id TEXT, relative_id TEXT)")
        con.executemany("INSERT INTO __child_ids VALUES (?, ?)", list(dict(changes).items()))
        con.execute("""UPDATE declarations d SET relative_id = c.relative_id FROM __child_ids c
                       WHERE d.declaration_id = c.declaration_id""")
        con.execute("DROP TABLE __child_ids")
    return len(changes)


def _best(child: list, others: list) -> list | None:
    """The other child sharing most objects with this one, if it is the only one with that many."""
    scored = sorted(((len(child[2] & other[2]), index) for index, other in enumerate(others)), reverse=True)
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return others[scored[0][1]]
