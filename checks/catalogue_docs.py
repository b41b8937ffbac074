"""The tables of the docs that are generated from the catalogue (checks/catalogue.py).

The docs hold cog blocks (https://nedbatchelder.com/code/cog/, as sqlite-utils does for its
CLI reference) that call these functions; `make docs` rewrites them, and
tests/test_catalogue_docs.py fails when one is stale. DOC_FILES is the list both use.
"""

from __future__ import annotations

from checks.catalogue import CATALOGUE, FAMILIES

DOC_FILES = ("README.md", "docs/analysts.md", "checks/registry.py")


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], aligned: bool = False) -> str:
    if aligned:  # fixed width: read as plain text in a docstring
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        line = lambda r: ("| " + " | ".join(v.ljust(w) for v, w in zip(r[:-1], widths)) + " | " + r[-1]  # noqa: E731
                          + " |")
        rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    else:
        line = lambda r: "| " + " | ".join(r) + " |"  # noqa: E731
        rule = "|" + "|".join("---" for _ in header) + "|"
    return "\n".join([line(header), rule, *(line(r) for r in rows)]) + "\n"


def codes_table() -> str:
    """README: every code with its section, severity and the Russian title HR officers see."""
    return _table(("code", "section", "severity", "Russian title"),
                  [(f"`{c.code}`", f"{c.family} ({FAMILIES[c.family].lower()})", c.severity, c.title)
                   for c in CATALOGUE])


def findings_table() -> str:
    """docs/analysts.md: what raises each code."""
    return _table(("code", "section", "severity", "what raises it"),
                  [(f"`{c.code}`", c.family, c.severity, c.finding) for c in CATALOGUE])


def severity_table() -> str:
    """checks/registry.py: why each code has its severity."""
    return _table(("code", "family", "severity", "why"),
                  [(c.code, c.family, c.severity, c.reason) for c in CATALOGUE], aligned=True)
