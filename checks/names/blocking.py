"""Blocking keys: cheap keys for candidate generation before `compare_names`.

Two names become a candidate pair when they share at least one key.  Keys, from the
most to the least selective (all parts folded; "given" is the standard form of the given
name, "father" the standard form of the name behind the patronymic, so Олександр and
Александр, Андрійович and Андреевич, Иванович and Ивановна share keys):

* ``s:<surname_key>:<gi><pi>`` - same surname up to ё, gender form and Latin spelling,
  same initials; catches "Иванов И.И." vs "Иванова Ирина Игоревна" (the comparison
  then rejects the gender mismatch) and every full-name pair with equal surnames.
  Emitted for the written initials and for the standard forms' initials.
* ``sg:<surname_key>:<gi>`` - as above without the patronymic initial, so a record
  without patronymic still meets the full record (the broadest key).
* ``gp:<given>:<father>:<first 3 letters of surname_key>`` - surname typos after the
  third letter; needs full given name and patronymic.
* ``gpd:<given>:<father>:<surname_key or surname_key minus one letter>`` - the
  deletion neighbourhood of the surname key (the key itself plus each one-letter
  deletion).  Two surnames one edit apart (substitution, insertion, deletion or swap of
  neighbours) always share one of these, wherever the typo is and however short the
  surname; needs full given name and patronymic.
* ``sk:<consonant skeleton of surname_key>:<gi><pi>`` - vowel typos, missing soft
  signs, doubled letters (Кузнцова/Кузнецова, Васильев/Василев).
* ``gp:<given>:<father>:`` - only for names without a surname.

Maiden names are not handled here: parse every former surname and block each of them.
For undeclared-relative searches use `kinship_keys`.
"""

from __future__ import annotations

from .given_names import canonical_given
from .parse import PersonName
from .patronymics import given_from_patronymic
from .surnames import surname_key, surname_skeleton


def _father(patronymic: str) -> str:
    father = given_from_patronymic(patronymic) if patronymic else None
    return canonical_given(father) if father else patronymic


def _given_initials(name: PersonName) -> list[str]:
    initials = [name.given_initial] if name.given_initial else []
    if name.given:
        standard = canonical_given(name.given)[:1]
        if standard and standard not in initials:
            initials.append(standard)
    return initials


def _deletions(word: str) -> list[str]:
    """The word and every string one deletion away (a SymSpell-style neighbourhood)."""
    return [word] + [word[:i] + word[i + 1 :] for i in range(len(word))]


def blocking_keys(name: PersonName) -> list[str]:
    """Candidate-generation keys for a name (see the module docstring)."""
    key = surname_key(name.surname)
    given = canonical_given(name.given) if name.given else ""
    father = _father(name.patronymic)
    keys: list[str] = []
    if not key:
        if given and father:
            keys.append(f"gp:{given}:{father}:")
        return keys
    initials = _given_initials(name) or [""]
    patronymic_initials = [name.patronymic_initial] if name.patronymic_initial else [""]
    if father and father[:1] not in patronymic_initials:
        patronymic_initials.append(father[:1])
    pi = patronymic_initials[0]
    for gi in initials:
        for p in patronymic_initials:
            keys.append(f"s:{key}:{gi}{p}")
    for gi in initials:
        if gi:
            keys.append(f"sg:{key}:{gi}")
    if given and father:
        flat = key.replace("-", "")
        keys.append(f"gp:{given}:{father}:{flat[:3]}")
        for variant in _deletions(flat):
            keys.append(f"gpd:{given}:{father}:{variant}")
    skeleton = surname_skeleton(name.surname)
    if skeleton:
        keys.append(f"sk:{skeleton}:{initials[0]}{pi}")
    return list(dict.fromkeys(keys))


def kinship_keys(name: PersonName) -> list[str]:
    """Keys that bring together possible siblings and father-child pairs.

    ``kin:<surname_key>:<father>`` for anyone with a patronymic (siblings share it) and,
    for men, ``kin:<surname_key>:<own given name>`` (his children's father key).
    """
    key = surname_key(name.surname)
    if not key:
        return []
    keys = []
    if name.patronymic:
        keys.append(f"kin:{key}:{_father(name.patronymic)}")
    if name.given and name.gender == "m":
        keys.append(f"kin:{key}:{canonical_given(name.given)}")
    return list(dict.fromkeys(keys))
