"""The same car however the справка spells it: «TOYOTA RAV4», «Тойота РАВ 4», «а/м легковой
Toyota Rav-4, 2012 г.в.» are one make and one model.

`parse_vehicle(make, model)` reads the make and model columns of a workbook, or one Declarator
`text` passed as `make` (type words, year and ownership inside it), and gives

* `make`: the canonical make from `data/vehicle_makes.csv` (Latin and Cyrillic spellings,
  transliterations and aliases: БМВ/BMW, Тойота/TOYOTA, Шкода/ŠKODA, ВАЗ/Лада/LADA …), or None
  when no known make is named;
* `model`: the canonical model from `data/vehicle_models.csv` when it is listed (Октавия →
  OCTAVIA, Гранта → 2190), else the model text left once the make, the type words, the year,
  the ownership note and trim/engine words (4MATIC, 2.0, AT …) are dropped;
* `model_key`: a spelling-proof skeleton of the model (see :func:`skeleton`);
* `key`: `MAKE|model_key`, equal for two spellings of one vehicle.

Soviet and Russian model codes keep their first four digits (ВАЗ-21093 ~ LADA 2109), and a
model family written as a name or a code is one model (LADA GRANTA 219070 ~ ВАЗ 2190).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from declarations.normalise.tables import aliases, read_table
from declarations.text import fold

# Words that say what kind of vehicle it is, how it is held, or when it was made: not its name.
_TYPE_WORDS = re.compile(
    r"(?<![0-9a-zа-я])("
    r"а\s*/\s*м|а\s*\\\s*м|автомобил[а-я]*|автомашин[а-я]*|машин[аы]|легков[а-я]*|грузов[а-я]*|"
    r"транспортн[а-я]*\s+средств[а-я]*|тс|седан|универсал|хэтчбек|хетчбек|кроссовер|внедорожник|пикап|"
    r"мотоцикл[а-я]*|мототранспорт|мотороллер|скутер|снегоход|квадроцикл|прицеп|автоприцеп|"
    r"индивидуальн[а-я]*|совместн[а-я]*|долев[а-я]*|собственност[а-я]*|пользовани[а-я]*|"
    r"с\s+супруг[а-я]*|супруг[а-я]*|марка|модель|model|"
    r"(?:19[5-9][0-9]|20[0-4][0-9])\s*(?:г\.?\s*в\.?|года?\s+выпуска|г\.?|год)?|г\.?\s*в\.?|года?\s+выпуска"
    r")(?![0-9a-zа-я])")
# Trim, drive, gearbox and engine words that one year carries and the next leaves out.
_TRIM_WORDS = frozenset(
    "4matic 4motion xdrive sdrive quattro awd 4wd 2wd fwd rwd at mt cvt amt dsg акпп мкпп ат мт "
    "tdi tsi tfsi gdi crdi dci cdi vvt vvti turbo турбо d hybrid гибрид classic limited comfort "
    "elegance luxury premium prestige sport лс hp л".split())
_ENGINE = re.compile(r"(?<![0-9])\d[.,]\d(?![0-9])")  # 2.0, 1,6
_PUNCT = re.compile(r"[«»\"“”„'’`()\[\]{},;:!?№#*+/\\]+")

# The skeleton alphabet: Latin and Cyrillic letters that sound or look alike fall into one class;
# vowels, signs and a Latin `h` are dropped. «РАВ 4» and «RAV4» (Р=P~R, В=B~V), «СХ-5» and
# «CX-5», «Октавия» and «Octavia», «Лансер» and «Lancer» have one skeleton.
_CLASSES = {
    **dict.fromkeys("bvwбв", "b"), **dict.fromkeys("prпр", "p"),
    **dict.fromkeys("ckqszxgскзцхгшщч", "k"), **dict.fromkeys("jж", "j"), **dict.fromkeys("dд", "d"),
    **dict.fromkeys("tт", "t"), **dict.fromkeys("lл", "l"), **dict.fromkeys("mм", "m"), **dict.fromkeys("nн", "n"),
    **dict.fromkeys("fф", "f"),
}
_DIGRAPHS = (("дж", "ж"), ("ph", "f"), ("ch", "ч"), ("sh", "ш"), ("кс", "х"), ("ks", "x"))
# Makes whose models are numeric factory codes: the first four digits name the model (ВАЗ-21093 = 2109).
_CODE_MAKES = frozenset({"LADA", "GAZ", "UAZ", "ZAZ", "MOSKVICH", "IZH", "KAMAZ"})
_LADA_FAMILIES = (("217", "2170"), ("219", "2190"), ("111", "1118"), ("2121", "2121"), ("2131", "2121"))


@dataclass(frozen=True)
class VehicleName:
    make: str | None
    model: str | None
    model_key: str

    @property
    def key(self) -> str:
        return f"{self.make or '?'}|{self.model_key}"


def skeleton(text: str) -> str:
    """Consonant classes and digits of a model name, repeats collapsed (see `_CLASSES`)."""
    text = text.lower().replace("ё", "е").replace("š", "s").replace("č", "c").replace("ë", "e")
    for a, b in _DIGRAPHS:
        text = text.replace(a, b)
    out: list[str] = []
    for ch in text:
        mapped = ch if ch.isdigit() else _CLASSES.get(ch)
        if mapped and (not out or out[-1] != mapped or mapped.isdigit()):
            out.append(mapped)
    return "".join(out)


def _fold(text: str) -> str:
    return fold(text).replace("š", "s").replace("ë", "e").replace("é", "e")


def _alias_pattern(alias: str) -> str:
    words = [re.escape(w) for w in re.split(r"[\s-]+", _fold(alias)) if w]
    return r"(?<![0-9a-zа-я])" + r"[\s-]*".join(words) + r"(?![0-9a-zа-я])"


@lru_cache(maxsize=1)
def _makes() -> tuple[re.Pattern, dict[str, str]]:
    """One alternation of every make spelling, longest first (the leftmost, then longest, match wins),
    and the make of each spelling (spaces and hyphens folded)."""
    names: dict[str, str] = {}
    for row in read_table("vehicle_makes"):
        for alias in aliases(row) + [row["make"]]:
            names[_join_key(_fold(alias))] = row["make"]
    spellings = sorted({_fold(a) for row in read_table("vehicle_makes") for a in aliases(row) + [row["make"]]},
                       key=len, reverse=True)
    body = "|".join(r"[\s-]*".join(re.escape(w) for w in re.split(r"[\s-]+", a) if w) for a in spellings)
    return re.compile(r"(?<![0-9a-zа-я])(?:" + body + r")(?![0-9a-zа-я])"), names


def _join_key(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text).strip()


@lru_cache(maxsize=1)
def _models() -> dict[str | None, list[tuple[re.Pattern, str, str]]]:
    """Model aliases per make, longest first; under None the aliases that belong to one make only
    (a справка that names «RX 350» without «Lexus» still names a Lexus)."""
    entries: list[tuple[int, str, re.Pattern, str, str]] = []
    owners: dict[str, set[str]] = {}
    for row in read_table("vehicle_models"):
        for alias in aliases(row) + [row["model"]]:
            folded = _fold(alias)
            entries.append((len(folded), folded, re.compile(_alias_pattern(alias)), row["model"], row["make"]))
            owners.setdefault(folded, set()).add(row["make"])
    entries.sort(key=lambda e: -e[0])
    out: dict[str | None, list[tuple[re.Pattern, str, str]]] = {None: []}
    for _, folded, pattern, model, make in entries:
        out.setdefault(make, []).append((pattern, model, make))
        if len(owners[folded]) == 1 and not folded.isdigit():
            out[None].append((pattern, model, make))
    return out


def _strip_noise(text: str) -> str:
    text = _ENGINE.sub(" ", text)
    text = _PUNCT.sub(" ", text)
    text = _TYPE_WORDS.sub(" ", text)
    words = [w.strip(".-") for w in text.split()]
    return " ".join(w for w in words if w and w not in _TRIM_WORDS)


def _code_model(make: str, text: str) -> str | None:
    codes = re.findall(r"(?<![0-9])(\d{4,6})(?![0-9])", text.replace(" ", "").replace("-", " "))
    if not codes:
        return None
    code = codes[0][:4]
    if make == "LADA":
        for prefix, family in _LADA_FAMILIES:
            if code.startswith(prefix):
                return family
    return code


@lru_cache(maxsize=65536)
def parse_vehicle(make: str | None, model: str | None = None) -> VehicleName:
    """Make and model as one comparable name (see the module docstring)."""
    text = _fold(" ".join(str(p) for p in (make, model) if p))
    text = _ENGINE.sub(" ", _TYPE_WORDS.sub(" ", text))
    text = _TYPE_WORDS.sub(" ", _PUNCT.sub(" ", text))
    found_make, rest = None, text
    pattern, names = _makes()
    hit = pattern.search(text)
    if hit is not None:
        found_make = names.get(_join_key(hit.group(0)))
        rest = text[:hit.start()] + " " + text[hit.end():]
    rest = _strip_noise(rest)
    canonical = None
    if found_make in _CODE_MAKES:
        canonical = _code_model(found_make, rest)
    if canonical is None:
        for pattern, name, owner in _models().get(found_make, []):
            hit = pattern.search(rest)
            if hit:
                # the listed name replaces its spelling; what follows it stays (RX 350, Land Cruiser 200)
                canonical = " ".join(p for p in (rest[:hit.start()].strip(), name, rest[hit.end():].strip()) if p)
                found_make = owner
                break
    if canonical is None and found_make in _CODE_MAKES:
        canonical = _code_model(found_make, rest)
    model_text = canonical if canonical is not None else rest
    return VehicleName(found_make, model_text or None, skeleton(model_text))


def vehicle_key(make: str | None, model: str | None = None) -> str:
    """`MAKE|model skeleton`: equal for two spellings of one vehicle."""
    return parse_vehicle(make, model).key
