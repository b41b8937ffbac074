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
    r"\b(за|на)\s+(отчетный\s+)?период.*$",
    r"\bза\s+\d{4}\s*(г\.?|год).*$",
    r"\bс\s+1\s+января.*$",
    r"\(по\s+состоянию.*?\)",
    r",?\s*(а\s+также\s+)?(их|его|ее)\s+супруг.*?(детей|ребенка)\b",
    r",?\s*а\s+также\s+(их|его|ее)\s+супруг[а-я()]*",
    r",?\s*(а\s+также\s+)?(и\s+)?членов\s+(их|его|ее)\s+сем(ей|ьи)",
    r",?\s*представленн[а-я]*\s+",
    r",?\s*представляем[а-я]*\s+",
    r"^\s*(лиц|лица),?\s+замещающ[а-я]*\s+(муниципальные\s+|государственные\s+)?(должност[а-я]*\s*)+"
    r"(российской\s+федерации\s*,?\s*)?(и\s+должности\s+муниципальной\s+службы\s*)?",
    r"^\s*(федеральными|федеральных|государственными|государственных|гражданскими|гражданских|"
    r"муниципальными|муниципальных|служащими|служащих|служащего|сотрудников|сотрудниками|работников|"
    r"работниками|руководителями|руководителей|начальниками|заместителями|военнослужащих|"
    r"муниципального|службы|муниципальной|организаций|организации|учреждений|муниципальных\s+учреждений|"
    r"главы|замещающих|должности|в|и|,)(\s+|,|$)",
)]
_LEADING_WORDS = re.compile(_REMOVE[-1].pattern, _FLAGS)


def organisation_from_title(title: str | None, person_names: list[str] = ()) -> str:
    """The organisation a title names, or '' when it names none (only a period or a person)."""
    text = (title or "").strip()
    if "|" in text:
        text = text.rsplit("|", 1)[-1]
    for pattern in _REMOVE[:-1]:
        text = pattern.sub(" ", text)
        text = re.sub(r"\s+", " ", text).strip(" ,.;:\n")
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_WORDS.sub("", text, count=1).strip(" ,.;:")
    text = re.sub(r"\s+", " ", text).strip(" ,.;:-–—")
    if not re.search(r"[а-яa-z]{3,}", fold(text)):
        return ""
    if _names_a_person(text, person_names) or "фамилия" in fold(text):
        return ""
    return text


def _names_a_person(text: str, person_names: list[str]) -> bool:
    folded = fold(text)
    for name in person_names:
        surname = fold(name).split(" ")[0] if name else ""
        if len(surname) >= 3 and surname[:-1] in folded:
            return True
    return False
