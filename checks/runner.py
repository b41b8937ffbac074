"""Run the registered check rules over the store (`declarations check`).

`run_checks` returns the flags and the codes that ran; `checks.flags.save_run` stores
them (new flags, refreshed ones keeping their status, and resolved ones for the codes that
ran). All the rules share one isolated cursor whose temporary tables (the declaration
pairs, the asset matching) are built once and dropped at the end.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable

from checks.flags import Flag, to_json
from checks.registry import RULES
from checks.rules import Context, Rule
from declarations.settings import Settings
from declarations.store import Store


def run_checks(
    store: Store,
    settings: Settings,
    year: int | None = None,
    on_rule: Callable[[str], None] | None = None,
    rules: Iterable[Rule] | None = None,
) -> tuple[list[Flag], set[str]]:
    """Every rule (or the given ones) over the store; flags limited to the reporting `year` if given."""
    selected = tuple(RULES if rules is None else rules)
    ctx = Context(store, settings, year)
    flags: list[Flag] = []
    codes: set[str] = set()
    try:
        for item in selected:
            if on_rule is not None:
                on_rule(item.name)
            found = item(ctx)
            if year is not None:
                found = [f for f in found if f.year == year]
            flags.extend(found)
            codes.add(item.code)
        _add_servants(ctx, flags)
    finally:
        ctx.close()
    return disambiguate(flags), codes


def _add_servants(ctx: Context, flags: list[Flag]) -> None:
    """Evidence gets the servant's name, organisation and position (latest roster) for the HR officer."""
    ids = sorted({f.person_id for f in flags if "servant" not in f.evidence})
    if not ids:
        return
    with ctx.keys("chk_keys", person_id=ids):
        found = ctx.rows("""SELECT s.person_id, arg_max(s.full_name, s.year) AS full_name,
                                   arg_max(s.organisation, s.year) AS organisation,
                                   arg_max(s.position, s.year) AS position
                            FROM servants s JOIN chk_keys k USING (person_id) GROUP BY s.person_id""")
    by_id = {row["person_id"]: row for row in found}
    for flag in flags:
        if "servant" not in flag.evidence and flag.person_id in by_id:
            flag.evidence["servant"] = by_id[flag.person_id]


def disambiguate(flags: list[Flag]) -> list[Flag]:
    """Two findings with the same identity (two identical objects) keep apart: `#2`, `#3` by their evidence."""
    groups: dict[str, list[Flag]] = defaultdict(list)
    for flag in flags:
        groups[flag.flag_id].append(flag)
    out: list[Flag] = []
    for group in groups.values():
        if len(group) > 1:
            group.sort(key=lambda f: hashlib.sha1(to_json(f.evidence).encode()).hexdigest())
            group.sort(key=lambda f: to_json({k: v for k, v in f.evidence.items() if k != "servant"}))
            for number, flag in enumerate(group[1:], start=2):
                flag.identity = f"{flag.identity}#{number}"
        out.extend(group)
    return out
