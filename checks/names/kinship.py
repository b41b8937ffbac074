"""Possible undeclared relatives: siblings and father-child pairs read off the names.

Russian names carry the father's given name in the patronymic, so two people with the
same surname key whose patronymics come from the same name may be siblings, and a man
whose given name is someone's patronymic source may be that person's father.  These are
hints for review, not findings: common names (Иванов Сергеевич) collide by chance, and
married women usually carry another surname (check their former surnames separately).
"""

from __future__ import annotations

from .given_names import given_variants
from .parse import PersonName, gender_of
from .patronymics import given_from_patronymic
from .surnames import surname_key

SIBLINGS = "siblings"
PARENT_CHILD = "parent_child"  # the first name is the parent
CHILD_PARENT = "child_parent"  # the second name is the parent


def _same_surname(a: PersonName, b: PersonName) -> bool:
    return bool(a.surname and b.surname) and surname_key(a.surname) == surname_key(b.surname)


def _father_forms(patronymic: str) -> frozenset[str]:
    father = given_from_patronymic(patronymic) if patronymic else None
    return given_variants(father) if father else frozenset()


def _different_people(a: PersonName, b: PersonName) -> bool:
    """True when the given names show two different people (names or initials differ)."""
    if a.given and b.given:
        return not (given_variants(a.given) & given_variants(b.given)) or (
            bool(a.gender and b.gender) and a.gender != b.gender
        )
    return bool(a.given_initial and b.given_initial) and a.given_initial != b.given_initial


def could_be_siblings(a: PersonName, b: PersonName) -> bool:
    """Same surname key, patronymics from the same father's name (either gender), and
    given names that show two different people.  Needs full patronymics."""
    if not _same_surname(a, b) or not a.patronymic or not b.patronymic:
        return False
    if not _father_forms(a.patronymic) & _father_forms(b.patronymic):
        return False
    return _different_people(a, b)


def could_be_parent_child(parent: PersonName, child: PersonName) -> bool:
    """Same surname key, the parent is a man, and the child's patronymic is derived from
    the parent's given name (full given name and patronymic needed)."""
    if not _same_surname(parent, child) or not parent.given or not child.patronymic:
        return False
    if gender_of(parent) != "m":
        return False
    return bool(given_variants(parent.given) & _father_forms(child.patronymic))


def kinship(a: PersonName, b: PersonName) -> str | None:
    """Which relation the names allow: SIBLINGS, PARENT_CHILD (a is the parent),
    CHILD_PARENT (b is the parent) or None.

    When both directions fit (Иванов Сергей Петрович / Иванов Петр Сергеевич: either
    may be the other's father) PARENT_CHILD is returned; call
    `could_be_parent_child(b, a)` to see whether the reverse also fits.
    """
    if could_be_siblings(a, b):
        return SIBLINGS
    if could_be_parent_child(a, b):
        return PARENT_CHILD
    if could_be_parent_child(b, a):
        return CHILD_PARENT
    return None
