"""The organisation named by a published table's title.

Titles are long standard wording around the organisation: «Сведения о доходах, расходах, об
имуществе и обязательствах имущественного характера федеральных государственных гражданских
служащих Минпромторга России, а также их супруги (супруга) и несовершеннолетних детей за период
с 1 января 2017 г. по 31 декабря 2017 г.» names «Минпромторга России». The wording is removed;
what remains is the organisation as written (in the genitive, as the title has it). A title
that names only a person or a period names no organisation (empty result).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from declarations.text import fold

_FLAGS = re.IGNORECASE | re.DOTALL
_REMOVE = [re.compile(p, _FLAGS) for p in (
    r"^\s*приложение[^\n]*",
    r"\bдля\s+размещения\s+на\s+официальном\s+сайте.*$",
    r"\(?по\s+состоянию\s+на\s+конец\s+отчетного\s+периода\)?,?",
    r"\bза\s+отчетный\s+финансовый\s+год.*$",
    r"\bпредоставляем[а-я]*\s+",
    r"^\s*форма\s+",
    r"(уточненные\s+)?с\s*в\s*е\s*д\s*е\s*н\s*и\s*я\s*(о\s+размере\s+и\s+об\s+источниках\s+доходов.*?бумагах)?",
    r"\bоб?\s+(имуществе|имущественном\s+положении|доходах)[^|]*?имущественного\s+характера,?",
    r"\bоб\s+имущественном\s+положении\s+и\s+доходах",
    r"\bо\s+доходах(,\s*расходах)?(\s+за\s+\d{4})?",
    r"\bоб\s+имуществе\b",
    # a period followed by whom the table is about: the organisation comes after it («… по 31 декабря
    # 2015 г. работников ФГУП «ВГСЧ»»); any other period ends the title
    r"\b(за|на)\s+(отчетный\s+)?период\s+с\s+0?1\s+января\s*(\d{4})?\s*(г\.|года|г\b)?\s*по\s+31\s+декабря\s*"
    r"\d{4}\s*(г\.|года|г\b)?\s*(?=(работник|сотрудник|служащ|руководител|лиц)[а-я]*\s)",
    r"\b(за|на)\s+(отчетный\s+)?период.*$",
    r"\bза\s+\d{4}\s*(г\.?|год).*$",
    r"\bс\s+1\s+января.*$",
    r"\(по\s+состоянию.*?\)",
    r",?\s*(а\s+также\s+)?(их|его|ее)\s+супруг.*?(детей|ребенка)\b",
    r",?\s*а\s+также\s+(их|его|ее)\s+супруг[а-я()]*",
    r",?\s*(а\s+также\s+)?(и\s+)?членов\s+(их|его|ее|её)\s*(\((его|ее|её)\))?\s+сем(ей|ьи)",
    r",?\s*представленн[а-я]*\s+",
    r",?\s*представляем[а-я]*\s+",
    r"^\s*(лиц|лица),?\s+замещающ[а-я]*\s+(муниципальн[а-я]+\s+|государственн[а-я]+\s+)?(должност[а-я]*\s*)+"
    r"(российской\s+федерации\s*,?\s*)?(и\s+должности\s+муниципальной\s+службы\s*)?",
    r"^\s*(федеральными|федеральных|государственными|государственных|гражданскими|гражданских|"
    r"муниципальными|муниципальных|служащими|служащих|служащего|сотрудников|сотрудниками|работников|"
    r"работниками|руководителями|руководителей|начальниками|заместителями|военнослужащих|"
    r"муниципального|службы|муниципальной|"
    r"главы|замещающих|должности|в|и|,)(\s+|,|$)",
)]
_LEADING_WORDS = re.compile(_REMOVE[-1].pattern, _FLAGS)
# «руководителями организации ФМБА России» and «…организаций ФМБА России» name one organisation:
# the generic word goes where a name follows it (capitalised), not in «организаций, созданных для…»
_GENERIC_BEFORE_NAME = re.compile(r"^\s*(?i:организаций|организации|учреждений|учреждения)\s+(?=[А-ЯЁA-Z«\"])")


def organisation_from_title(title: str | None, person_names: Sequence[str] = ()) -> str:
    """The organisation a title names, or '' when it names none (only a period or a person)."""
    text = (title or "").strip()
    if "|" in text:
        text = text.rsplit("|", 1)[-1]
    text = _without_names(text, person_names)
    for pattern in _REMOVE[:-1]:
        text = pattern.sub(" ", text)
        text = re.sub(r"\s+", " ", text).strip(" ,.;:\n")
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_WORDS.sub("", text, count=1).strip(" ,.;:")
        text = _GENERIC_BEFORE_NAME.sub("", text, count=1)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:-–—")
    if not re.search(r"[а-яa-z]{3,}", fold(text)):
        return ""
    if _names_a_person(text, person_names) or "фамилия" in fold(text):
        return ""
    return text


def _stem(word: str) -> str:
    return word[:-2] if len(word) > 5 else word[:-1] if len(word) > 3 else word


def _without_names(text: str, person_names: Sequence[str]) -> str:
    """The declarants' names cut out of a title, in any case («… главы поселения Бельтюгова Сергея Аркадьевича»)."""
    for name in dict.fromkeys(person_names):
        words = [w for w in re.split(r"[\s.]+", name or "") if w]
        if len(words) < 2 or len(words[0]) < 3:
            continue
        surname = re.escape(_stem(words[0]))
        given = [re.escape(_stem(w)) if len(w) > 1 else re.escape(w) for w in words[1:3]]
        full = r"\s+".join(rf"{g}[а-яё]*\.?" for g in given)
        initials = r"\s*".join(rf"{re.escape(w[0])}\." for w in words[1:3])
        pattern = rf"\b{surname}[а-яё]*\s+{full}|\b{initials}\s*{surname}[а-яё]*|\b{surname}[а-яё]*\s+{initials}"
        text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
    return text


def _names_a_person(text: str, person_names: Sequence[str]) -> bool:
    folded = fold(text)
    for name in person_names:
        surname = fold(name).split(" ")[0] if name else ""
        if len(surname) >= 3 and surname[:-1] in folded:
            return True
    return False
