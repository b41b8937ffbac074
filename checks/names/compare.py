"""Comparing two parsed names part by part.

Each part (surname, given name, patronymic) gets an agreement kind and a score; the
overall score is their weighted mean.  There is never a single whole-string similarity:
siblings share most letters of their full names, so letters only count inside a part.

Part scores (`PART_SCORES`):

=============  =====  ===========================================================
how            score  meaning
=============  =====  ===========================================================
exact          1.00   equal after folding (case, Latin look-alikes)
yo             1.00   equal once ё is read as е
translit       0.95   one side Latin: one of its readings equals the other side
variant        0.95   same given name in another form (Олександр/Александр,
                      Наталия/Наталья) or patronymic of such (Валериевич/Валерьевич)
gender_form    0.85   surname: other gender form (Иванов/Иванова, same surname_key);
               0.40   patronymic: same father, other gender (Иванович/Ивановна)
typo           0.80   edit distance 1 (0.65 for distance 2); limits: none up to 3
                      letters, 1 up to 7 letters, 2 from 8; two different dictionary
                      given names (Ян/Яна, Иван/Иона, Александр/Александра) or
                      patronymics of two different known names are never a typo
initials       0.70   one side only an initial, and it agrees (0.65 if both initials)
missing        0.30   one side lacks the part; if both lack it the part is left out
                      of the mean (reported with score 0.0 and counted=False)
differ         0.00   anything else
=============  =====  ===========================================================

Overall score = sum(weight * score) / sum(weight) over counted parts, with
`WEIGHTS` surname 0.40, given 0.35, patronymic 0.25.  Then caps: a "differ" on the
given name or patronymic, or two known genders that disagree (Александр/Александра,
Иванов И.И./Иванова И.И.), cap the score at `DIFFER_CAP` = 0.5.  A surname "differ"
needs no cap (at most 0.6); maiden names are the caller's business.

Thresholds are settings, not constants here (`[match]` match_threshold 0.90: same
person, full names agree up to ё, transliteration, variants, gender form, one typo;
possible_threshold 0.75: worth a look, initials only, a missing patronymic, two
typos); the caller passes them to `NameComparison.is_match` / `is_possible`.  Examples: full
agreement 1.0; surname gender form 0.94; surname typo 0.92; "Иванов И.И." vs
"Иванов Иван Иванович" 0.82; one side without patronymic 0.825; siblings 0.5.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from .given_names import given_variants, is_known_given
from .normalise import has_cyrillic, has_latin
from .parse import Origin, PersonName, origin_of
from .patronymics import given_from_patronymic, patronymic_gender
from .surnames import surname_key

WEIGHTS: dict[str, float] = {"surname": 0.40, "given": 0.35, "patronymic": 0.25}
PART_SCORES: dict[str, float] = {
    "exact": 1.0,
    "yo": 1.0,
    "translit": 0.95,
    "variant": 0.95,
    "gender_form": 0.85,
    "typo": 0.80,
    "initials": 0.70,
    "missing": 0.30,
    "differ": 0.0,
}
TYPO2_SCORE = 0.65
BOTH_INITIALS_SCORE = 0.65
PATRONYMIC_GENDER_SCORE = 0.40
DIFFER_CAP = 0.5


@dataclass
class PartAgreement:
    """How one name part agrees; `a`/`b` show the part as each side wrote it."""

    part: str
    how: str
    score: float
    a: str = ""
    b: str = ""
    counted: bool = True


@dataclass
class NameComparison:
    """Result of `compare_names`: overall score, per-part agreements, surname keys equal."""

    score: float
    parts: list[PartAgreement] = field(default_factory=list)
    surname_key_equal: bool = False

    def is_match(self, threshold: float) -> bool:
        """The same person at `threshold` (setting `[match] match_threshold`)."""
        return self.score >= threshold

    def is_possible(self, threshold: float) -> bool:
        """Worth a look at `threshold` (setting `[match] possible_threshold`)."""
        return self.score >= threshold

    def part(self, name: str) -> PartAgreement:
        return next(p for p in self.parts if p.part == name)


def typo_limit(a: str, b: str) -> int:
    """Largest edit distance still read as a typo for two strings of these lengths."""
    length = max(len(a), len(b))
    if length <= 3:
        return 0
    return 1 if length <= 7 else 2


def _typo(pairs: list[tuple[str, str]]) -> float | None:
    """Typo score for the closest pair within its limit, else None."""
    best: float | None = None
    for x, y in pairs:
        limit = typo_limit(x, y)
        if limit == 0 or x == y:
            continue
        d = OSA.distance(x, y, score_cutoff=limit)
        if d <= limit:
            score = PART_SCORES["typo"] if d == 1 else TYPO2_SCORE
            best = score if best is None else max(best, score)
    return best


def _is_latin(text: str) -> bool:
    return has_latin(text) and not has_cyrillic(text)


def _written(a: str, b: str) -> str:
    """exact / yo / translit for two spellings that fold to the same part."""
    la, lb = a.lower(), b.lower()
    if _is_latin(la) != _is_latin(lb):
        return "translit"
    if la.count("ё") != lb.count("ё") and la.replace("ё", "е") == lb.replace("ё", "е"):
        return "yo"
    return "exact"


_SIGNS = str.maketrans("", "", "ьъ")


def _read_alike(ra: frozenset[str], rb: frozenset[str], wa: str, wb: str) -> bool:
    """A reading in common; with a Latin side, also once ь and ъ are dropped (ICAO, passports
    and most romanisations drop them: Arsenevna is Арсеньевна, Iurevich is Юрьевич)."""
    if ra & rb:
        return True
    if not (_is_latin(wa) or _is_latin(wb)):
        return False
    return bool({r.translate(_SIGNS) for r in ra} & {r.translate(_SIGNS) for r in rb})


def _agreement(part: str, how: str, a: str, b: str, score: float | None = None) -> PartAgreement:
    return PartAgreement(part, how, PART_SCORES[how] if score is None else score, a, b)


def _compare_surname(x: PersonName, y: PersonName, ox: Origin, oy: Origin) -> PartAgreement:
    wa, wb = " ".join(ox.surname_tokens), " ".join(oy.surname_tokens)
    if not x.surname or not y.surname:
        return _missing("surname", x.surname, y.surname, wa, wb)
    if x.surname == y.surname:
        return _agreement("surname", _written(wa, wb), wa, wb)
    ra = ox.surname_readings or frozenset((x.surname,))
    rb = oy.surname_readings or frozenset((y.surname,))
    if _read_alike(ra, rb, wa, wb):
        return _agreement("surname", "translit", wa, wb)
    keys_a = {surname_key(r): r for r in ra}
    keys_b = {surname_key(r): r for r in rb}
    if keys_a.keys() & keys_b.keys():
        return _agreement("surname", "gender_form", wa, wb)
    pairs = [(p, q) for p in ra for q in rb] + [(p, q) for p in keys_a for q in keys_b]
    typo = _typo(pairs)
    if typo is not None:
        return _agreement("surname", "typo", wa, wb, typo)
    return _agreement("surname", "differ", wa, wb)


def _missing(part: str, va: str, vb: str, wa: str, wb: str) -> PartAgreement:
    if not va and not vb:
        return PartAgreement(part, "missing", 0.0, wa, wb, counted=False)
    return _agreement(part, "missing", wa, wb)


def _variants(readings: frozenset[str]) -> frozenset[str]:
    out: set[str] = set()
    for reading in readings:
        out |= given_variants(reading)
    return frozenset(out)


def _initials(part: str, ia: frozenset[str], ib: frozenset[str], full_a: bool, full_b: bool,
              wa: str, wb: str) -> PartAgreement:
    if not ia or not ib:
        return _missing(part, "".join(ia), "".join(ib), wa, wb)
    if not ia & ib:
        return _agreement(part, "differ", wa, wb)
    if full_a or full_b:
        return _agreement(part, "initials", wa, wb)
    return _agreement(part, "initials", wa, wb, BOTH_INITIALS_SCORE)


def _compare_given(x: PersonName, y: PersonName, ox: Origin, oy: Origin) -> PartAgreement:
    wa = ox.given_token or (x.given_initial + "." if x.given_initial else "")
    wb = oy.given_token or (y.given_initial + "." if y.given_initial else "")
    ra = ox.given_readings or frozenset((x.given,) if x.given else ())
    rb = oy.given_readings or frozenset((y.given,) if y.given else ())
    if x.given and y.given:
        if x.given == y.given:
            return _agreement("given", _written(wa, wb), wa, wb)
        if _read_alike(ra, rb, wa, wb):
            return _agreement("given", "translit", wa, wb)
        va, vb = _variants(ra), _variants(rb)
        if va & vb:
            return _agreement("given", "variant", wa, wb)
        if is_known_given(x.given) and is_known_given(y.given):
            return _agreement("given", "differ", wa, wb)
        typo = _typo([(p, q) for p in va for q in vb])
        if typo is not None:
            return _agreement("given", "typo", wa, wb, typo)
        return _agreement("given", "differ", wa, wb)
    ia = _full_initials(ra) if x.given else ox.given_initials or frozenset(x.given_initial)
    ib = _full_initials(rb) if y.given else oy.given_initials or frozenset(y.given_initial)
    return _initials("given", ia, ib, bool(x.given), bool(y.given), wa, wb)


def _full_initials(readings: frozenset[str]) -> frozenset[str]:
    """First letters of every form of a full given name (Олександр -> а, о)."""
    return frozenset(v[0] for v in _variants(readings) if v)


def _fathers(readings: frozenset[str]) -> frozenset[str]:
    out: set[str] = set()
    for reading in readings:
        father = given_from_patronymic(reading)
        if father:
            out |= given_variants(father)
    return frozenset(out)


def _compare_patronymic(x: PersonName, y: PersonName, ox: Origin, oy: Origin) -> PartAgreement:
    wa = ox.patronymic_token or (x.patronymic_initial + "." if x.patronymic_initial else "")
    wb = oy.patronymic_token or (y.patronymic_initial + "." if y.patronymic_initial else "")
    ra = ox.patronymic_readings or frozenset((x.patronymic,) if x.patronymic else ())
    rb = oy.patronymic_readings or frozenset((y.patronymic,) if y.patronymic else ())
    if x.patronymic and y.patronymic:
        if x.patronymic == y.patronymic:
            return _agreement("patronymic", _written(wa, wb), wa, wb)
        if _read_alike(ra, rb, wa, wb):
            return _agreement("patronymic", "translit", wa, wb)
        fa, fb = _fathers(ra), _fathers(rb)
        sex_a, sex_b = patronymic_gender(x.patronymic), patronymic_gender(y.patronymic)
        sexes_differ = bool(sex_a and sex_b and sex_a != sex_b)
        if fa & fb:
            if sexes_differ:
                return _agreement("patronymic", "gender_form", wa, wb, PATRONYMIC_GENDER_SCORE)
            return _agreement("patronymic", "variant", wa, wb)
        known_a = any(is_known_given(f) for f in fa)
        known_b = any(is_known_given(f) for f in fb)
        if (known_a and known_b) or sexes_differ:
            return _agreement("patronymic", "differ", wa, wb)
        typo = _typo([(p, q) for p in ra for q in rb])
        if typo is not None:
            return _agreement("patronymic", "typo", wa, wb, typo)
        return _agreement("patronymic", "differ", wa, wb)
    ia = _patronymic_initials(ra) if x.patronymic else (
        ox.patronymic_initials or frozenset(x.patronymic_initial)
    )
    ib = _patronymic_initials(rb) if y.patronymic else (
        oy.patronymic_initials or frozenset(y.patronymic_initial)
    )
    return _initials("patronymic", ia, ib, bool(x.patronymic), bool(y.patronymic), wa, wb)


def _patronymic_initials(readings: frozenset[str]) -> frozenset[str]:
    """First letters of a full patronymic and of the father's name variants."""
    return frozenset(r[0] for r in readings if r) | frozenset(f[0] for f in _fathers(readings))


def compare_names(a: PersonName, b: PersonName, origin_a: Origin | None = None,
                  origin_b: Origin | None = None) -> NameComparison:
    """Compare two names part by part; see the module docstring for weights and caps.

    The origins (how each part was written) are looked up by parsing `raw` again unless given.
    """
    oa, ob = origin_a or origin_of(a), origin_b or origin_of(b)
    parts = [
        _compare_surname(a, b, oa, ob),
        _compare_given(a, b, oa, ob),
        _compare_patronymic(a, b, oa, ob),
    ]
    weight = sum(WEIGHTS[p.part] for p in parts if p.counted)
    score = sum(WEIGHTS[p.part] * p.score for p in parts if p.counted) / weight if weight else 0.0
    if any(p.how == "differ" for p in parts[1:]):
        score = min(score, DIFFER_CAP)
    if a.gender and b.gender and a.gender != b.gender:
        score = min(score, DIFFER_CAP)
    keys_equal = bool(a.surname and b.surname) and (
        surname_key(a.surname) == surname_key(b.surname)
        or parts[0].how in ("exact", "yo", "translit", "gender_form")
    )
    return NameComparison(score=round(score, 4), parts=parts, surname_key_equal=keys_equal)
