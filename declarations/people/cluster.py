"""People from links: join sections from the most to the least likely link, with constraints.

Must-link: sections of one group (one sections-shape file, one person by the format) start
as one person. Cannot-link: one person never has two different declarations for one year
in one organisation, so a join that would put two such sections together is refused even
when its score is above the threshold. Two sections of one year and organisation from two
different files that share the income or a real-estate object are one declaration published
twice, or an original and its correction (уточненные сведения), not a conflict; two of one
table are two people (a table never lists one person twice with different figures; a true
repeat is stored once by the reader).

Greedy agglomeration (strongest link first) keeps a weak link from chaining two people who
each have strong links of their own, and is what the constraint check needs: a union-find
whose every cluster remembers its (year, organisation) → incomes.
"""

from __future__ import annotations

import polars as pl


def cluster(sections: pl.DataFrame, links: pl.DataFrame) -> tuple[dict[str, str], list[str]]:
    """Group of every section → its person's group (the smallest group name in the person),
    and the decision of every link in `links` order: linked, cannot_link or already_linked.

    `sections`: group, load_id, year, organisation, income, estates. `links`: group_i, group_j, sorted by
    descending probability (only links above the threshold).
    """
    parent: dict[str, str] = {}
    # cluster → (year, organisation) → load → what its declarations there hold
    slots: dict[str, dict[tuple, dict[int, set]]] = {}
    for group, load, year, organisation, income, estates in sections.select(
            "group", "load_id", "year", "organisation", "income", "estates").iter_rows():
        parent[group] = group
        slots.setdefault(group, {}).setdefault((year, organisation), {}).setdefault(load, set()).update(
            _fingerprint(income, estates))

    def find(x: str) -> str:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    decisions: list[str] = []
    for group_i, group_j in links.select("group_i", "group_j").iter_rows():
        a, b = find(group_i), find(group_j)
        if a == b:
            decisions.append("already_linked")
            continue
        small, large = (a, b) if len(slots[a]) <= len(slots[b]) else (b, a)
        big = slots[large]
        if any(key in big and _conflict(loads, big[key]) for key, loads in slots[small].items()):
            decisions.append("cannot_link")
            continue
        for key, loads in slots.pop(small).items():
            for load, values in loads.items():
                big.setdefault(key, {}).setdefault(load, set()).update(values)
        parent[small] = large
        decisions.append("linked")
    members: dict[str, str] = {}
    for group in parent:
        root = find(group)
        members[root] = min(members.get(root, group), group)
    return {group: members[find(group)] for group in parent}, decisions


def _conflict(one: dict[int, set], other: dict[int, set]) -> bool:
    """Two people's declarations for one year and organisation cannot be one person's: same table,
    or nothing in common."""
    if one.keys() & other.keys():
        return True
    return not set().union(*one.values()) & set().union(*other.values())


def _fingerprint(income: float | None, estates: list[int] | None) -> set:
    """What two publications of one declaration share: the income, any real-estate object."""
    found = {("estate", key) for key in estates or ()}
    if income is not None:
        found.add(("income", round(income)))
    return found or {("empty",)}
