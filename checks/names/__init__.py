"""Name model for East Slavic (Russian, Ukrainian, Belarusian) personal names.

Used to match civil servants and their relatives (HR records, Cyrillic full names)
against company officers from registers, where names arrive misspelt, with ё/е, in
Latin transliteration, as initials, in any word order, under maiden names and in the
other gender's surname form.

The model, in the order the data flows:

1. `fold_name` (normalise.py) brings text to one comparable form: lower case, ё -> е,
   Ukrainian letters folded, Latin look-alikes inside Cyrillic words mapped back,
   dashes and spaces normalised.
2. `parse_name` (parse.py) splits a full name into a `PersonName` (surname, given name,
   patronymic, initials, gender, raw text), trying the usual layouts and scoring words
   against the given-name dictionary (given_names.py), patronymic suffixes
   (patronymics.py) and surname endings (surnames.py).  Latin words are read with
   `transliterate_to_cyrillic` (translit.py) first.
3. `surname_key` maps Иванов/Иванова, Вишневский/Вишневская, Толстой/Толстая to one key;
   `patronymics_from_given` / `given_from_patronymic` connect a father's name and his
   children's patronymics; `given_variants` groups Олександр/Александр, Наталия/Наталья.
4. `blocking_keys` (blocking.py) proposes candidate pairs cheaply (`parse_frame` and
   `blocking_key_frame` do steps 2 and 4 for a whole column of names at once); `compare_names`
   (compare.py) scores a pair part by part (never as one string: siblings share most
   letters) and says how each part agrees, with the raw spellings as evidence.
5. `could_be_siblings` / `could_be_parent_child` / `kinship` (kinship.py) flag possible
   undeclared relatives from surname key and patronymic.

6. `frequency` (frequency.py) says how common a surname, given name or father's name is, from the
   `russiannames` package's tables (queried with DuckDB); its patronymics table also answers
   `given_from_patronymic` before the suffix rules.

Pure Python apart from those two reads of the package's bundled tables; hot functions are cached
with `functools.lru_cache`.
"""

from .blocking import blocking_key_frame, blocking_keys, kinship_keys, name_features
from .compare import (
    DIFFER_CAP,
    PART_SCORES,
    WEIGHTS,
    NameComparison,
    PartAgreement,
    compare_names,
)
from .given_names import canonical_given, given_gender, given_variants, is_known_given
from .kinship import (
    CHILD_PARENT,
    PARENT_CHILD,
    SIBLINGS,
    could_be_parent_child,
    could_be_siblings,
    kinship,
)
from .normalise import fold_name
from .parse import PersonName, gender_of, parse_name
from .parse_frame import parse_frame
from .patronymics import given_from_patronymic, patronymic_gender, patronymics_from_given
from .surnames import surname_gender, surname_key, surname_skeleton
from .translit import transliterate_to_cyrillic

__all__ = [
    "blocking_key_frame",
    "name_features",
    "parse_frame",
    "CHILD_PARENT",
    "DIFFER_CAP",
    "PARENT_CHILD",
    "PART_SCORES",
    "SIBLINGS",
    "WEIGHTS",
    "NameComparison",
    "PartAgreement",
    "PersonName",
    "blocking_keys",
    "canonical_given",
    "compare_names",
    "could_be_parent_child",
    "could_be_siblings",
    "fold_name",
    "gender_of",
    "given_from_patronymic",
    "given_gender",
    "given_variants",
    "is_known_given",
    "kinship",
    "kinship_keys",
    "parse_name",
    "patronymic_gender",
    "patronymics_from_given",
    "surname_gender",
    "surname_key",
    "surname_skeleton",
    "transliterate_to_cyrillic",
]
