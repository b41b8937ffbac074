"""Name tables and name grammar for the synthetic data generator.

Kept independent of ``checks/`` on purpose: the name matcher is tested against data
produced with these tables, so the two must not share code or data.

Contents
--------
* ``MALE_NAMES``: given name -> (patronymic for a son, patronymic for a daughter),
  including the irregular forms (Илья → Ильич/Ильинична, Лев → Львович, Пётр → Петрович,
  Никита → Никитич, Яков → Яковлевич, Павел → Павлович, Михаил → Михайлович, Юрий → Юрьевич…),
  with popularity weights for an older and a younger generation.
* ``FEMALE_NAMES`` with the same two weights.
* Three disjoint surname pools (all in the masculine base form):
  ``SURNAMES_FAMILY`` for the background families of servants,
  ``SURNAMES_PLANTED`` reserved for the planted procurement scenarios, and
  ``SURNAMES_STRANGERS`` for the people of the company register who are nobody's relatives.
  Every stranger surname differs from every family/planted surname by at least two edits and
  every planted surname from every family surname by at least three, so that neither a
  background officer nor a planted officer with one typo reads as somebody else's relative.
* Gender forms (Иванов/Иванова, -ский/-ская, -ой/-ая, invariant -ко/-ук/-ых/-ич …),
  transliteration to Latin (ICAO 9303 as in Russian passports, and the older
  "common" scheme), typos, initials and word-order variants used as name noise.
"""

from __future__ import annotations

import random

# --------------------------------------------------------------------------------------
# Given names
# --------------------------------------------------------------------------------------

# name, patronymic (m), patronymic (f), weight born <1970, weight born >=1995
_MALE = """
Александр Александрович Александровна 10 10
Алексей Алексеевич Алексеевна 7 5
Анатолий Анатольевич Анатольевна 6 0.2
Андрей Андреевич Андреевна 6 6
Антон Антонович Антоновна 1 2
Аркадий Аркадьевич Аркадьевна 1.5 0.1
Арсений Арсеньевич Арсеньевна 0.2 3
Артём Артёмович Артёмовна 0.2 8
Артур Артурович Артуровна 0.5 1.5
Афанасий Афанасьевич Афанасьевна 0.8 0.1
Богдан Богданович Богдановна 0.2 2
Борис Борисович Борисовна 4 0.5
Вадим Вадимович Вадимовна 2 1
Валентин Валентинович Валентиновна 3 0.3
Валерий Валерьевич Валерьевна 5 0.2
Василий Васильевич Васильевна 5 1
Вениамин Вениаминович Вениаминовна 0.8 0.1
Виктор Викторович Викторовна 7 1
Виталий Витальевич Витальевна 3 0.5
Владимир Владимирович Владимировна 9 3
Владислав Владиславович Владиславовна 1.5 2
Всеволод Всеволодович Всеволодовна 0.4 0.5
Вячеслав Вячеславович Вячеславовна 4 0.8
Гавриил Гавриилович Гаврииловна 0.3 0.1
Геннадий Геннадьевич Геннадьевна 5 0.1
Георгий Георгиевич Георгиевна 2 1.5
Герман Германович Германовна 0.8 1
Глеб Глебович Глебовна 0.3 1.5
Григорий Григорьевич Григорьевна 3 0.6
Давид Давидович Давидовна 0.3 1.5
Даниил Даниилович Данииловна 0.3 5
Данила Данилович Даниловна 0.3 1
Денис Денисович Денисовна 0.8 3
Дмитрий Дмитриевич Дмитриевна 5 7
Евгений Евгеньевич Евгеньевна 6 2
Егор Егорович Егоровна 0.8 5
Ефим Ефимович Ефимовна 0.8 0.3
Захар Захарович Захаровна 0.3 1.5
Иван Иванович Ивановна 7 7
Игнат Игнатович Игнатовна 0.2 0.4
Игорь Игоревич Игоревна 5 1
Илья Ильич Ильинична 1 5
Ильдар Ильдарович Ильдаровна 0.5 0.2
Кирилл Кириллович Кирилловна 0.8 5
Константин Константинович Константиновна 3 2
Кузьма Кузьмич Кузьминична 0.5 0.1
Лев Львович Львовна 1 4
Леонид Леонидович Леонидовна 4 0.5
Лука Лукич Лукинична 0.1 1
Макар Макарович Макаровна 0.2 3
Максим Максимович Максимовна 1 9
Марат Маратович Маратовна 0.5 0.3
Марк Маркович Марковна 0.2 4
Матвей Матвеевич Матвеевна 0.2 5
Мирон Миронович Мироновна 0.2 1.5
Михаил Михайлович Михайловна 6 7
Моисей Моисеевич Моисеевна 0.3 0.1
Назар Назарович Назаровна 0.2 1
Никита Никитич Никитична 0.8 5
Николай Николаевич Николаевна 8 1.5
Олег Олегович Олеговна 4 0.8
Павел Павлович Павловна 4 2
Пётр Петрович Петровна 5 1.5
Платон Платонович Платоновна 0.1 1.5
Прохор Прохорович Прохоровна 0.2 0.8
Ринат Ринатович Ринатовна 0.6 0.3
Родион Родионович Родионовна 0.3 1
Роман Романович Романовна 2 4
Ростислав Ростиславович Ростиславовна 0.5 0.8
Руслан Русланович Руслановна 1 1.5
Савелий Савельевич Савельевна 0.2 1.5
Семён Семёнович Семёновна 3 1.5
Сергей Сергеевич Сергеевна 9 3
Станислав Станиславович Станиславовна 2 1
Степан Степанович Степановна 3 2.5
Тарас Тарасович Тарасовна 0.4 0.3
Тимофей Тимофеевич Тимофеевна 0.5 4
Тимур Тимурович Тимуровна 0.5 2
Фёдор Фёдорович Фёдоровна 4 3
Филипп Филиппович Филипповна 1 1.5
Фома Фомич Фоминична 0.2 0.1
Эдуард Эдуардович Эдуардовна 2 0.3
Юрий Юрьевич Юрьевна 7 0.5
Яков Яковлевич Яковлевна 1.5 1
Ярослав Ярославович Ярославовна 0.5 3
"""

_FEMALE = """
Агата 0.1 0.5
Александра 2 4
Алёна 1.5 2
Алина 0.5 3
Алиса 0.2 4
Алла 3 0.2
Анастасия 1 6
Ангелина 0.3 2
Анжела 1.5 0.2
Анна 5 8
Антонина 3 0.2
Арина 0.2 3
Валентина 5 0.3
Валерия 0.5 3
Варвара 0.5 3
Василиса 0.1 2
Вера 5 1.5
Вероника 0.8 3
Виктория 2 4
Галина 7 0.1
Дарья 1 5
Диана 0.3 2
Дина 1 0.3
Ева 0.1 3
Евгения 3 1.5
Екатерина 5 5
Елена 10 2
Елизавета 0.5 5
Жанна 1.5 0.1
Зинаида 3 0.1
Злата 0.1 2
Зоя 2 0.5
Инна 3 0.2
Ирина 9 1.5
Карина 0.5 2
Кира 0.2 2
Клавдия 1.5 0.1
Кристина 0.5 2
Ксения 1 4
Лариса 5 0.2
Лидия 3 0.5
Лилия 1 0.5
Любовь 5 0.3
Людмила 7 0.2
Майя 0.5 1
Маргарита 2 2
Марина 7 1
Мария 4 8
Милана 0.1 2
Мирослава 0.1 1.5
Надежда 6 0.8
Наталья 10 0.8
Нелли 0.8 0.1
Нина 5 0.5
Оксана 3 0.3
Олеся 1.5 0.8
Ольга 9 1.5
Полина 0.5 5
Раиса 3 0.1
Регина 0.8 0.5
Римма 1 0.1
Светлана 8 0.5
Серафима 0.1 1.5
Снежана 0.3 0.5
София 0.3 7
Софья 0.3 2
Стефания 0.1 1
Таисия 0.5 1.5
Тамара 5 0.2
Татьяна 10 1
Ульяна 0.3 2
Фаина 0.8 0.1
Эвелина 0.2 1
Элина 0.2 1
Эльвира 1.5 0.2
Эмилия 0.1 1.5
Юлия 3 3
Яна 0.8 2
Ярослава 0.1 1.5
"""


def _parse_male(text: str) -> dict[str, tuple[str, str, float, float]]:
    out = {}
    for line in text.strip().splitlines():
        name, pm, pf, wo, wy = line.split()
        out[name] = (pm, pf, float(wo), float(wy))
    return out


def _parse_female(text: str) -> dict[str, tuple[float, float]]:
    out = {}
    for line in text.strip().splitlines():
        name, wo, wy = line.split()
        out[name] = (float(wo), float(wy))
    return out


_MALE_TABLE = _parse_male(_MALE)
_FEMALE_TABLE = _parse_female(_FEMALE)

#: given name -> (patronymic of a son, patronymic of a daughter)
MALE_NAMES: dict[str, tuple[str, str]] = {k: (v[0], v[1]) for k, v in _MALE_TABLE.items()}
FEMALE_NAMES: list[str] = list(_FEMALE_TABLE)


def patronymic(father_given: str, male: bool) -> str:
    """The patronymic a child of a father with this given name receives."""
    pm, pf = MALE_NAMES[father_given]
    return pm if male else pf


# --------------------------------------------------------------------------------------
# Surnames (masculine base forms)
# --------------------------------------------------------------------------------------

SURNAMES_FAMILY: list[str] = """
Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров
Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев
Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев
Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв
Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов
Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров
Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов
Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов
Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов
Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров
Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев Ермаков Колесников Гончаров
Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов Громов Кириллов Малышев
Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Ерёмин Тихомиров
Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов Прокофьев Харитонов
Князев Цветков Левин Митрофанов Воронцов Исаков Блинов Лапин Зимин Мухин
Сёмин Дёмин Кошелев Лаврентьев Жданов Субботин Рябов Носов Суворов Дорофеев
Вишневский Покровский Успенский Завадский Островский Лозинский Жуковский Савицкий Троицкий Полянский
Луговой Полевой Толстой Боровой Белый
Шевченко Бондаренко Коваленко Кравченко Ткаченко Литвиненко Шевчук Ковальчук Полищук Савчук
Черных Белых Седых Долгих Бабич Карпович Мороз Руденко Марченко Бойко
""".split()

SURNAMES_PLANTED: list[str] = """
Ястребов Снегирёв Колокольцев Звонарёв Гвоздев Пчёлкин Ломакин Скоморохов Рукавишников Бочкарёв
Бессонов Ладыгин Муромцев Вяземский Сабуров Оболенский Кречетов Воеводин Поздняков Огородников
Ковригин Перепёлкин Сверчков Аржанов Веденеев Гладышев Дубинин Завражнов Иноземцев Калачёв
Лыткин Мещеряков Нарышкин Гребенщиков Стрельцов Свиридов Шапошников Уржумцев Хлебников Черепанов
""".split()

SURNAMES_STRANGERS: list[str] = """
Абакумов Агафонов Аксёнов Бобров Большаков Буров Быстров Гладков Глухов
Гордеев Горшков Дьячков Евдокимов Ершов Жилин Зуев Игнатьев Измайлов
Кабанов Калашников Капустин Клюев Кобзев Корнилов Коротков Костин Крюков Кудряшов
Лаптев Лихачёв Логинов Мамонтов Маркин Мешков Одинцов Пестов
Плотников Пугачёв Рогов Русаков Савин Сафонов Селезнёв Ситников Суханов Сысоев
Терентьев Токарев Третьяков Уваров Усов Устинов Фадеев Федосеев Хохлов Цыганов
Чеботарёв Шаров Шестаков Шилов Шубин Щукин Юшков Яшин Ярцев Берёзкин
Гущин Дроздов Елисеев Ежов Завьялов Калугин Комиссаров Кононов Лобанов
Мазуров Моргунов Муравьёв Некрасов Панфилов Пахомов Пименов Рыбаков Самсонов Селиванов
Сурков Тетерин Тюрин Ульянов Фирсов Чистяков Шарапов Шмелёв Широков
Якушев Гавриленко Демченко Кравчук Онищенко Сидоренко Тищенко Яковенко Головин Дьяконов
Корнеев Вронский Ясинский Дубровский Белинский Левицкий Ржевский Лесных Сухих Толстых
Баженов Веселов Вострецов Горелов Дубов Жиганов Затеев Ишутин Кочергин Лужин
Мальцев Неверов Осокин Парамонов Пыжов Редькин Сычёв Уткин Чугунов
""".split()


def female_surname(base: str) -> str:
    """The feminine form of a masculine surname (invariant ones are returned as is)."""
    if base.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return base + "а"
    if base.endswith(("ский", "цкий")):
        return base[:-2] + "ая"
    if base.endswith(("ой", "ый", "ий")):
        return base[:-2] + "ая"
    return base


def surname_form(base: str, male: bool) -> str:
    return base if male else female_surname(base)


def is_invariant(base: str) -> bool:
    return female_surname(base) == base


# --------------------------------------------------------------------------------------
# Weighted choice helpers
# --------------------------------------------------------------------------------------

def _cum(weights: list[float]) -> list[float]:
    out, s = [], 0.0
    for w in weights:
        s += w
        out.append(s)
    return out


_MALE_LIST = list(_MALE_TABLE)
_FEMALE_LIST = list(_FEMALE_TABLE)


def _era_weights(table: dict, era: int) -> list[float]:
    # era 0: born before 1970, 1: 1970-1994, 2: 1995 and later
    vals = list(table.values())
    if era == 0:
        return [v[-2] for v in vals]
    if era == 2:
        return [v[-1] for v in vals]
    return [(v[-2] + v[-1]) / 2 for v in vals]


_MALE_CUM = [_cum(_era_weights(_MALE_TABLE, e)) for e in range(3)]
_FEMALE_CUM = [_cum(_era_weights(_FEMALE_TABLE, e)) for e in range(3)]
_FAMILY_CUM = _cum([1.0 / (i + 1) ** 0.6 for i in range(len(SURNAMES_FAMILY))])
_STRANGER_CUM = _cum([1.0 / (i + 1) ** 0.3 for i in range(len(SURNAMES_STRANGERS))])


def _era(birth_year: int) -> int:
    return 0 if birth_year < 1970 else (1 if birth_year < 1995 else 2)


def given_name(rng: random.Random, male: bool, birth_year: int) -> str:
    if male:
        return rng.choices(_MALE_LIST, cum_weights=_MALE_CUM[_era(birth_year)])[0]
    return rng.choices(_FEMALE_LIST, cum_weights=_FEMALE_CUM[_era(birth_year)])[0]


def family_surname(rng: random.Random) -> str:
    return rng.choices(SURNAMES_FAMILY, cum_weights=_FAMILY_CUM)[0]


def stranger_surname(rng: random.Random) -> str:
    return rng.choices(SURNAMES_STRANGERS, cum_weights=_STRANGER_CUM)[0]


# --------------------------------------------------------------------------------------
# Transliteration and noise
# --------------------------------------------------------------------------------------

_ICAO = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
_COMMON = dict(_ICAO, **{"й": "y", "ё": "yo", "ъ": "", "ю": "yu", "я": "ya", "х": "kh", "ц": "ts"})


def translit(text: str, scheme: str = "icao") -> str:
    """Latin transliteration: ``icao`` (ICAO 9303, Russian passports since 2014) or ``common``."""
    table = _ICAO if scheme == "icao" else _COMMON
    out = []
    for ch in text:
        low = ch.lower()
        if low in table:
            rep = table[low]
            out.append(rep.capitalize() if ch != low and rep else rep)
        else:
            out.append(ch)
    return "".join(out)


def strip_yo(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


_SIMILAR = {
    "а": "о", "о": "а", "е": "и", "и": "е", "с": "з", "з": "с", "т": "д", "д": "т",
    "в": "ф", "ф": "в", "б": "п", "п": "б", "ш": "щ", "щ": "ш", "ы": "и", "л": "н", "н": "л",
    "к": "г", "г": "к", "м": "н", "р": "л", "у": "ю", "я": "а", "й": "и",
}


def typo(word: str, rng: random.Random) -> str:
    """One realistic keying error inside a word (never the first letter)."""
    if len(word) < 4:
        return word + word[-1]
    for _ in range(20):
        op = rng.randrange(4)
        i = rng.randrange(1, len(word) - 1)
        if op == 0:  # deletion
            new = word[:i] + word[i + 1:]
        elif op == 1:  # doubling
            new = word[:i] + word[i] + word[i:]
        elif op == 2:  # transposition
            new = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        else:  # similar letter
            ch = word[i]
            if ch not in _SIMILAR:
                continue
            new = word[:i] + _SIMILAR[ch] + word[i + 1:]
        if new != word:
            return new
    return word[:-1]


def initials(surname: str, given: str, patr: str, spaced: bool = False) -> str:
    sep = " " if spaced else ""
    return f"{surname} {given[0]}.{sep}{patr[0]}."
