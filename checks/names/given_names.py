"""Dictionary of common given names: gender, standard form and same-name variants.

Each row of `_TABLE` is `gender canonical variant variant ...`, all folded (ё -> е,
Ukrainian і -> и, ї -> йи, є -> е, ґ -> г, apostrophes dropped).  The canonical form is
the standard Russian passport form; variants are Ukrainian, Belarusian and alternative
Russian spellings of the *same* name (Олександр, Наталия, Дарія ...).  Diminutives
(Саша, Женя) are deliberately absent: they are not passport names.  Names that are
legally distinct in Russia stay in separate rows even when related (Алёна/Елена,
Арина/Ирина, Юрий/Георгий, Оксана/Ксения, Артём/Артемий).
"""

from __future__ import annotations

from functools import lru_cache

from .normalise import fold_name

_TABLE = """
m александр олександр аляксандр
m алексей алексий олексий аляксей олекса
m анатолий анатоль
m андрей андрий андрэй
m антон
m аркадий
m арсений
m артем
m артемий
m артур
m афанасий опанас
m богдан
m борис
m вадим
m валентин
m валерий
m василий василь васил
m вениамин веньямин
m виктор
m виталий
m владимир володимир уладзимир
m владислав
m всеволод
m вячеслав
m гавриил гаврила гаврило
m геннадий
m георгий
m герман
m глеб глиб
m григорий
m давид давыд
m даниил данила данило данийил
m денис
m дмитрий дмитро димитрий дзмитрый
m евгений евген яуген
m егор ягор
m емельян омелян емилиан
m ефим юхим евфимий
m захар захарий
m иван
m игнат игнатий гнат
m игорь игор
m илья илля
m иосиф осип йосип язэп
m кирилл кирило кирил
m климент климентий клим
m константин костянтин канстанцин
m кузьма козьма
m лев
m леонид
m лука
m макар
m максим
m марк марко
m матвей матвий матфей
m мирон
m михаил михайло
m назар
m никита микита
m никифор микифор
m николай микола микалай
m олег алег
m павел павло
m петр петро пятро
m платон
m прохор
m родион
m роман раман
m ростислав
m руслан
m савва сава
m савелий
m святослав
m семен симеон
m сергей сергий сяргей
m станислав
m степан
m тарас
m тимофей тимофий цимофей
m тимур
m тихон
m трофим
m федор федир феодор
m феликс
m филипп пилип филип
m фома хома
m эдуард едуард
m юрий юрый
m яков якив иаков
m ян
m ярослав
m остап
m альберт
m анисим
m аристарх
m арнольд
m викентий
m виссарион
m владлен
m влас
m генрих
m герасим
m гордей
m дамир
m демид
m демьян демян
m евдоким
m елисей
m еремей
m ерофей
m зиновий
m иннокентий
m ипполит
m исаак
m казимир
m карп
m ким
m кондрат кондратий
m корней корний
m лазарь лазар
m леонтий
m любомир
m мартын мартин
m мирослав
m митрофан
m моисей
m мстислав
m наум
m нестор
m нил
m пантелей пантелеймон
m пахом
m потап
m прокопий прокофий
m рудольф
m самуил
m серафим
m сидор
m спартак
m устин
m фаддей фадей
m фрол
m харитон
m эрик
m юлиан
m юлий
m эмиль
m эльдар
m аким яким иоаким
m адам
m алан
m арсен
m ахмед
m айдар
m азат
m ильдар
m ильнур
m марат
m рамиль
m ренат
m ринат
m рустам рустем
m тагир
m фарид
m шамиль
m магомед мухаммад магомет
m мурат
m расул
m рашид
m ислам
m салават
m булат
m ибрагим
m ильяс
m роберт
m ашот
m армен
m гурий
m антип
m ефрем
m исай
m никандр
m евсей
m порфирий
m агафон
m болеслав
m бронислав
f александра олександра аляксандра
f алевтина
f алена
f алина
f алиса
f алла
f альбина
f анастасия анастасья настасья
f ангелина
f анжела
f анна ганна
f антонина
f арина
f валентина
f валерия
f варвара
f василиса
f вера вира
f вероника
f виктория
f виолетта виолета
f галина
f дарья дария даря
f диана
f дина
f ева
f евгения
f екатерина катерина кацярына
f елена олена
f елизавета лизавета
f жанна
f зинаида
f злата
f зоя
f инна
f ирина ирына
f камила камилла
f карина
f кира
f клавдия
f кристина христина
f ксения аксинья
f лариса
f лидия
f лилия
f любовь любов
f людмила
f майя мая
f маргарита
f марина
f мария марья
f милана
f надежда надия
f наталья наталия наталля
f нина
f нонна
f оксана
f олеся
f ольга вольга
f полина
f раиса райиса
f регина
f римма
f роза
f светлана свитлана
f снежана
f софья софия
f таисия таисья
f тамара
f татьяна татиана тетяна таццяна
f ульяна уляна
f фаина
f эвелина
f элеонора
f эльвира
f эльмира
f юлия
f юлиана
f яна
f ярослава
f мирослава
f владислава
f станислава
f богдана
f стефания
f эмилия
f эмма
f элла
f эльза
f янина
f ядвига
f айгуль
f алсу
f гульнара
f динара
f альфия
f зульфия
f гузель
f лейсан
f наиля
f розалия
f фатима
f зарема
f зарина
f мадина
f рената
f руфина
f сабина
f сусанна
f изабелла
f илона
f инга
f инесса
f ираида
f капитолина
f клара
f лада
f лана
f лиана
f луиза
f марфа
f мила
f милена
f ника
f нинель
f прасковья параскева
f пелагея
f серафима
f стелла
f устинья
f ефросинья евфросиния
f евдокия
f анфиса
f августа
f васса
f венера
f глафира
f мирра
f наина
f олимпиада
f агата
f аделина
f аида
f ариадна
f белла
f дарина
f доминика
f лия
f марьяна маряна
f марианна
f виталина
f нелли
"""


def _load() -> tuple[dict[str, str], dict[str, str], dict[str, frozenset[str]]]:
    canonical_of: dict[str, str] = {}
    gender_of: dict[str, str] = {}
    group_of: dict[str, frozenset[str]] = {}
    for line in _TABLE.strip().splitlines():
        gender, *forms = line.split()
        group = frozenset(forms)
        for form in forms:
            if form in canonical_of:
                raise ValueError(f"given name {form!r} is listed twice")
            canonical_of[form] = forms[0]
            gender_of[form] = gender
            group_of[form] = group
    return canonical_of, gender_of, group_of


_CANONICAL, _GENDER, _GROUP = _load()

#: Every known folded given-name form (standard forms and variants).
KNOWN_GIVEN: frozenset[str] = frozenset(_CANONICAL)

#: Standard forms only, by gender.
MALE_NAMES: frozenset[str] = frozenset(v for k, v in _CANONICAL.items() if _GENDER[k] == "m")
FEMALE_NAMES: frozenset[str] = frozenset(v for k, v in _CANONICAL.items() if _GENDER[k] == "f")


def is_known_given(name: str) -> bool:
    """True when the folded name is a known given name or a known variant of one."""
    return name in _CANONICAL


@lru_cache(maxsize=1 << 14)
def canonical_given(given: str) -> str:
    """Standard Russian form of a given name (Олександр -> александр); unknown names folded."""
    folded = fold_name(given)
    return _CANONICAL.get(folded, folded)


def given_gender(given: str) -> str | None:
    """"m"/"f" for a known given name (any variant), else None."""
    return _GENDER.get(fold_name(given))


@lru_cache(maxsize=1 << 14)
def given_variants(given: str) -> frozenset[str]:
    """Folded forms that denote the same given name, the name itself included.

    Ukrainian letters are folded first (і -> и, ї -> йи, є -> е, ґ -> г), so
    "Олексій" -> {"алексей", "алексий", "олексий", "аляксей", "олекса"}.  An unknown
    name yields just its folded self.
    """
    folded = fold_name(given)
    return _GROUP.get(folded, frozenset((folded,)) if folded else frozenset())


def same_given(a: str, b: str) -> bool:
    """True when two folded given names are equal or variants of one name."""
    return a == b or canonical_given(a) == canonical_given(b)
