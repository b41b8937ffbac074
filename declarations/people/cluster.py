"""People from links: join sections from the most to the least likely link, with constraints.

Must-link: sections of one group (one sections-shape file, one person by the format) start
as one person. Cannot-link: one person never has two different declarations for one year
in one organisation, so a join that would put two such sections together is refused even
when its score is above the threshold. Two sections of one year and organisation that
share the income or a real-estate object are one declaration published twice, or an
original and its correction (уточненные сведения), not a conflict.

Greedy agglomeration (strongest link first) keeps a weak link from chaining two people who
each have strong links of their own, and is what the constraint check needs: a union-find
whose every cluster remembers its (year, organisation) → incomes.
"""

from __future__ import annotations

import polars as pl


def cluster(sections: pl.DataFrame, links: pl.DataFrame) -> tuple[dict[str, str], list[str]]:
    """Group of every section → its person's group (the smallest group name in the person),
    and the decision of every link in `links` order: linked, cannot_link or already_linked.

    `sections`: group, year, organisation, income, estates. `links`: group_i, group_j, sorted by
    descending probability (only links above the threshold).
    """
    parent: dict[str, str] = {}
    slots: dict[str, dict[tuple, set]] = {}
    for group, year, organisation, income, estates in sections.select(
            "group", "year", "organisation", "income", "estates").iter_rows():
        parent[group] = group
        slots.setdefault(group, {}).setdefault((year, organisation), set()).update(_fingerprint(income, estates))

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
        if any(key in big and not (values & big[key]) for key, values in slots[small].items()):
            decisions.append("cannot_link")
            continue
        for key, values in slots.pop(small).items():
            big.setdefault(key, set()).update(values)
        parent[small] = large
        decisions.append("linked")
    members: dict[str, str] = {}
    for group in parent:
        root = find(group)
        members[root] = min(members.get(root, group), group)
    return {group: members[find(group)] for group in parent}, decisions


def _fingerprint(income: float | None, estates: list[int] | None) -> set:
    """What two publications of one declaration share: the income, any real-estate object."""
    found = {("estate", key) for key in estates or ()}
    if income is not None:
        found.add(("income", round(income)))
    return found or {("empty",)}
