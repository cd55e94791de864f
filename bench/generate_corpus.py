"""Scale-test corpus: lexicon actors + hand-written news sentence templates (kk, ru, en) -> article files on disk.

    python bench/generate_corpus.py --n 10000 --out /tmp/corpus --langs kk,ru --seed 1

Each article is about 150 words (wire-story length) of political-news sentences written for
this generator (none is taken from the seeds), with slots filled by actors of kg's lexicon
(people who hold a dated role, countries, organisations known by an acronym) in the case the
template needs: Kazakh slots are inflected by `kk_inflect` (vowel harmony and assimilation),
Russian ones by pymorphy3, English ones need only a possessive. Files start with the
` date YYYY-MM-DD ` header kg reads and are written one at a time into shards of 1,000
(`OUT/000/gen_0000000_kk.txt`), so the corpus is never held in memory. Article `i` depends only
on (seed, i): the same call gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.lexicon import Lexicon, load_lexicon

SHARD = 1000  # files per sub-folder: 100k files in one folder slow every directory listing down
WORDS_PER_ARTICLE = 150
FIRST_DAY = dt.date(2020, 1, 1)
DAYS = 6 * 365

# ---------------------------------------------------------------------------------------------
# Kazakh: case suffixes by the stem's last sound and vowel harmony
# ---------------------------------------------------------------------------------------------

_KK_BACK = frozenset("аоұыяёюу")
_KK_FRONT = frozenset("әөүіеэи")
_KK_VOWELS = _KK_BACK | _KK_FRONT
# б в г д end loanwords pronounced voiceless ("Тоқаевқа"), so they take the voiceless variants
_KK_VOICELESS = frozenset("пкқтсшщцфхчһбвгд")
_KK_SONORANT = frozenset("рйлу")  # y-like and liquid: -дың, -ды, -мен
_KK_NASAL = frozenset("мнң")
_KK_ZH = frozenset("жз")

KK_CASES = ("nom", "gen", "acc", "dat", "loc", "abl", "ins")


def _kk_final(word: str) -> str:
    """The sound class of a word's end: vowel, voiceless, sonorant, nasal or zh."""
    low = word.lower().rstrip("ьъ")
    last = low[-1:] or "а"
    if last in _KK_VOWELS and not (last == "у" and len(low) > 1 and low[-2] in _KK_VOWELS):
        return "vowel"
    if last in _KK_VOICELESS:
        return "voiceless"
    if last in _KK_NASAL:
        return "nasal"
    if last in _KK_ZH:
        return "zh"
    return "sonorant"


def _kk_front(word: str) -> bool:
    """Front harmony: the last vowel of the word is a front vowel (и counts as front, as in "Путинге").

    Surnames in -ев/-ёв follow the vowel before it ("Тоқаевқа", "Назарбаевтың").
    """
    low = word.lower()
    if low.endswith(("ев", "ёв")) and len(low) > 3:
        low = low[:-2]
    for ch in reversed(low):
        if ch in _KK_FRONT:
            return True
        if ch in _KK_BACK and ch != "у":
            return False
    return "у" not in low  # no harmony vowel but у: back ("Ту" -> "Туға")


# (vowel, sonorant, nasal, zh, voiceless) variants of each case, back then front
_KK_SUFFIXES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "gen": (("ның", "дың", "ның", "дың", "тың"), ("нің", "дің", "нің", "дің", "тің")),
    "acc": (("ны", "ды", "ды", "ды", "ты"), ("ні", "ді", "ді", "ді", "ті")),
    "dat": (("ға", "ға", "ға", "ға", "қа"), ("ге", "ге", "ге", "ге", "ке")),
    "loc": (("да", "да", "да", "да", "та"), ("де", "де", "де", "де", "те")),
    "abl": (("дан", "дан", "нан", "дан", "тан"), ("ден", "ден", "нен", "ден", "тен")),
    "ins": (("мен", "мен", "мен", "бен", "пен"), ("мен", "мен", "мен", "бен", "пен")),
}
_KK_CLASS_INDEX = {"vowel": 0, "sonorant": 1, "nasal": 2, "zh": 3, "voiceless": 4}


def kk_inflect(word: str, case: str) -> str:
    """A Kazakh noun in `case` (nom, gen, acc, dat, loc, abl, ins), singular, no possessive.

    Example:
        >>> kk_inflect("Тоқаев", "dat"), kk_inflect("Ресей", "gen"), kk_inflect("Астана", "ins")
        ('Тоқаевқа', 'Ресейдің', 'Астанамен')
    """
    if case == "nom":
        return word
    if case not in _KK_SUFFIXES:
        raise ValueError(f"unknown case {case!r}: use one of {', '.join(KK_CASES)}")
    back, front = _KK_SUFFIXES[case]
    return word + (front if _kk_front(word) else back)[_KK_CLASS_INDEX[_kk_final(word)]]


def kk_inflect_name(name: str, case: str) -> str:
    """A multi-word name in `case`: only its last word takes the suffix ("Қасым-Жомарт Тоқаевқа")."""
    head, _, last = name.rpartition(" ")
    return (head + " " if head else "") + kk_inflect(last, case)


# ---------------------------------------------------------------------------------------------
# Russian: pymorphy3 inflects the name's words
# ---------------------------------------------------------------------------------------------

RU_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_NAME_TAGS = ("Name", "Surn", "Patr")


@functools.cache
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _restore_case(form: str, original: str) -> str:
    if original.isupper() and len(original) > 1:
        return form.upper()
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


# Russian surnames in -ов/-ев/-ин decline by a fixed pattern; pymorphy3's guesses for rare ones
# ("Жапаров") are often wrong, so they are declined by rule.
_RU_SURNAME_MASC = re.compile(r".+(ов|ев|ёв|ин|ын)$")
_RU_SURNAME_FEM = re.compile(r".+(ова|ева|ёва|ина|ына)$")
_MASC_ENDINGS = {"gent": "а", "datv": "у", "accs": "а", "ablt": "ым", "loct": "е"}
_FEM_ENDINGS = {"gent": "ой", "datv": "ой", "accs": "у", "ablt": "ой", "loct": "ой"}
_A_ENDINGS = {"gent": "ы", "datv": "е", "accs": "у", "ablt": "ой", "loct": "е"}  # Анна, Абдалла
_YA_ENDINGS = {"gent": "и", "datv": "е", "accs": "ю", "ablt": "ей", "loct": "е"}  # Мария: see below


def ru_gender(name: str) -> str:
    """'femn' or 'masc' for a person's name: the surname's ending, else the first name's parse.

    Example:
        >>> ru_gender("Мария Захарова"), ru_gender("Ерлан Карин")
        ('femn', 'masc')
    """
    words = name.split()
    last = words[-1]
    if _RU_SURNAME_FEM.fullmatch(last):
        return "femn"
    if _RU_SURNAME_MASC.fullmatch(last) or len(words) == 1:
        return "masc"
    first = words[0].split("-")[-1]
    genders = {p.tag.gender for p in _morph().parse(first) if "Name" in p.tag}
    # only a name that reads as a woman's and ends like one ("Ангела", "Урсула") counts as one
    return "femn" if genders == {"femn"} and first[-1:] in "аяь" else "masc"




def _ru_word(word: str, case: str, gender: str | None, person: bool, surname: bool = False) -> str | None:
    """One word in `case`; None when pymorphy3 has no singular nominative reading to start from."""
    if case == "nomn":
        return word
    if person:
        if re.search(r"[иоеуюэы]$", word.lower()):
            return word  # Гросси, Нуртлеу, Фумио: foreign names ending in these vowels do not decline
        if surname and gender == "femn" and _RU_SURNAME_FEM.fullmatch(word):
            return word[:-1] + _FEM_ENDINGS[case]
        if surname and gender != "femn" and _RU_SURNAME_MASC.fullmatch(word):
            return word + _MASC_ENDINGS[case]
        if gender != "femn" and case == "accs" and not re.search(r"[ая]$", word):
            case = "gent"  # a man's name ending in a consonant: the animate accusative is the genitive
        if word.endswith("а") and not word.endswith(("ша", "жа", "ча", "ща", "ка", "га", "ха")):
            return word[:-1] + _A_ENDINGS[case]
        if word.endswith("ия"):
            return word[:-1] + {"gent": "и", "datv": "и", "accs": "ю", "ablt": "ей", "loct": "и"}[case]
        if word.endswith("я"):
            return word[:-1] + _YA_ENDINGS[case]
        if gender == "femn" and not re.search(r"[аяь]$", word):
            return word  # women's names ending in a consonant do not decline (Ангела Меркель)
    parses = [p for p in _morph().parse(word) if p.tag.case == "nomn" and p.tag.POS in ("NOUN", "ADJF")]
    if person:
        named = [p for p in parses if any(t in p.tag for t in _NAME_TAGS)
                 and (gender is None or p.tag.gender in (gender, None) or "ms-f" in p.tag)]
        parses = named or parses
    else:
        parses = [p for p in parses if p.tag.number == "sing"]  # Багамы, Мальдивы: plural verbs
        geo = [p for p in parses if "Geox" in p.tag]
        parses = geo or parses
    if not parses:
        return None
    form = parses[0].inflect({case, "sing"})
    return _restore_case(form.word, word) if form else None


def ru_inflect_name(name: str, case: str, *, person: bool, gender: str | None = None) -> str | None:
    """A Russian name in `case` (pymorphy3 case names), or None when a word cannot be inflected.

    People: every word is inflected (a hyphenated first name only in its last part,
    "Касым-Жомарту"). Places: words up to the first noun are inflected and a genitive tail
    stays ("Южной Корее", "Республике Корея").

    Example:
        >>> ru_inflect_name("Владимир Путин", "datv", person=True, gender="masc")
        'Владимиру Путину'
    """
    if case == "nomn":
        return name
    out: list[str] = []
    words = name.split()
    done = False
    for k, word in enumerate(words):
        if done or not re.fullmatch(r"[А-ЯЁ][А-ЯЁа-яё-]*", word):  # "бен", "аш-Шараа" stay
            out.append(word)
            continue
        head, _, last = word.rpartition("-")
        form = _ru_word(last, case, gender, person, surname=k == len(words) - 1)
        if form is None:
            return None
        out.append((head + "-" if head else "") + form)
        if not person:
            tags = _morph().parse(last)[0].tag
            done = tags.POS == "NOUN"
    return " ".join(out)


# ---------------------------------------------------------------------------------------------
# Actor pools and templates
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filler:
    """One actor ready for slots: its name in every case the templates use, and its gender (ru)."""

    actor_id: str
    forms: dict[str, str]
    gender: str = "masc"


@dataclass(frozen=True)
class Pools:
    """The actors of one language for the slots P (people), C (countries), O (organisations)."""

    people: tuple[Filler, ...]
    countries: tuple[Filler, ...]
    orgs: tuple[Filler, ...]

    def pool(self, kind: str) -> tuple[Filler, ...]:
        """The fillers of a slot letter."""
        return {"P": self.people, "C": self.countries, "O": self.orgs}[kind]


_ACRONYM = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9+]{2,}")


def _acronym(actor, lang: str) -> str | None:
    for name in (actor.labels.get(lang, ""), *actor.aliases.get(lang, ())):
        if _ACRONYM.fullmatch(name):
            return name
    return None


def build_pools(lexicon: Lexicon, lang: str) -> Pools:
    """The lexicon's people with a role, countries and acronym organisations, inflected for `lang`.

    Countries whose Kazakh name has several words (their last word already carries a
    possessive, "Америка Құрама Штаттары") and names pymorphy3 cannot inflect are left out.
    """
    with_role = {r.person for r in lexicon.roles}
    people, countries, orgs = [], [], []
    for actor in sorted(lexicon.actors.values(), key=lambda a: a.id):
        name = actor.labels.get(lang)
        if actor.type == "Organization":
            acro = _acronym(actor, lang)
            if acro:
                orgs.append(Filler(actor.id, {"nom": acro, "nomn": acro}))
            continue
        if not name or actor.type not in ("Person", "Country"):
            continue
        if actor.type == "Person" and actor.id not in with_role:
            continue
        person = actor.type == "Person"
        if lang == "kk":
            if not person and " " in name:
                continue
            forms = {c: kk_inflect_name(name, c) for c in KK_CASES}
            gender = "masc"
        elif lang == "en":
            # English names do not inflect; the possessive is the only form the templates need
            forms = {"nom": name, "gen": name + ("'" if name.endswith("s") else "'s")}
            gender = "masc"
        else:
            if not person and len(name.split()) > 2:
                continue
            gender = ru_gender(name) if person else "masc"
            forms = {}
            for c in RU_CASES:
                form = ru_inflect_name(name, c, person=person, gender=gender)
                if form is None:
                    break
                forms[c] = form
            else:
                forms["nom"] = name
            if "nom" not in forms:
                continue
        (people if person else countries).append(Filler(actor.id, forms, gender))
    return Pools(tuple(people), tuple(countries), tuple(orgs))


# Templates written for this generator in the style of political wire stories. Slots:
# {P.case}, {P2.case} people, {C.case}, {C2.case} countries, {O.nom} organisation acronyms,
# {N} a number, {P.g:masc|femn} a word agreeing with the person's gender (ru).
KK_TEMPLATES: tuple[str, ...] = (
    "{P.nom} {C.dat} ресми сапармен барды.",
    "{C.gen} басшылығы {P.acc} елге келуге шақырды.",
    "{P.nom} {P2.ins} телефон арқылы сөйлесті.",
    "Тараптар {C.ins} сауда-экономикалық байланыстарды дамыту мәселелерін талқылады.",
    "{P.nom} {O.nom} жұмысына қатысатынын мәлімдеді.",
    "Кездесу барысында {P.nom} мен {P2.nom} екіжақты ынтымақтастықтың келешегін талқылады.",
    "{C.nom} мен {C2.nom} арасындағы тауар айналымы өткен жылы {N} пайызға өсті.",
    "Сарапшылардың пікірінше, {C.gen} сыртқы саясаты көпвекторлы сипатын сақтап отыр.",
    "{P.nom} {C.loc} өткен халықаралық форумда сөз сөйледі.",
    "{C.nom} {C2.gen} экономикасына {N} миллион доллар инвестиция салуға ниетті.",
    "Келіссөздер қорытындысы бойынша бірқатар маңызды құжатқа қол қойылды.",
    "{P.nom} {C.gen} энергетика саласындағы әлеуетін жоғары бағалады.",
    "Үкіметаралық комиссияның келесі отырысы {C.loc} өтеді.",
    "{P.nom} {P2.acc} жаңа лауазымға тағайындалуымен құттықтады.",
    "Баспасөз қызметінің хабарлауынша, {P.nom} {C.gen} елшісін қабылдады.",
    "{C.nom} {O.nom} құрамына кіреді.",
    "Екі ел көлік-логистика саласындағы жобаларды бірлесіп іске асыруға келісті.",
    "{P.nom} {C.dat} қолдау көрсетуге дайын екенін айтты.",
    "{C.nom} {C2.dat} қатысты санкцияларды күшейтті.",
    "Саммит аясында {P.nom} {P2.ins} екіжақты кездесу өткізді.",
    "{P.gen} айтуынша, өңірлік қауіпсіздік мәселелері күн тәртібінің басты тақырыбы болып қала береді.",
    "{C.gen} Сыртқы істер министрлігі бұл туралы ресми мәлімдеме жасады.",
    "Сапар барысында {P.nom} {C.gen} іскер топтарының өкілдерімен кездесті.",
    "{C.nom} мен {C2.nom} су ресурстарын бірлесіп пайдалану жөнінде келісімге келді.",
    "Тараптар мәдени-гуманитарлық байланыстарды нығайтудың маңызын атап өтті.",
    "{P.nom} {O.nom} саммитіне қатысты.",
    "{C.gen} үкіметі {C2.ins} астық экспорты бойынша келіссөздерді жалғастырды.",
    "Биыл {C.nom} мен {C2.nom} арасындағы сауда көлемі {N} миллиард долларға жетті.",
    "{P.nom} өз сөзінде {C.ins} стратегиялық әріптестікті тереңдетуге шақырды.",
    "{P.nom} {C.gen} астанасына мемлекеттік сапармен келді.",
    "Бұған дейін {P.nom} {C.gen} басшысымен бірнеше рет кездескен болатын.",
    "{C.nom} {O.nom} жұмысына белсенді қатысып келеді.",
    "Кездесуде цифрландыру, энергетика және ауыл шаруашылығы салаларындағы ынтымақтастық талқыланды.",
    "{P.nom} {C.gen} халқына гуманитарлық көмек жіберу туралы шешім қабылдады.",
    "{C.nom} {C2.acc} өңірдегі маңызды серіктес деп санайды.",
    "Сарапшы {P.gen} сапарын екі ел қарым-қатынасындағы жаңа кезең деп бағалады.",
    "{P.nom} {P2.dat} {C.gen} ұстанымын түсіндірді.",
    "{C.loc} өткен келіссөздерге {N} елдің делегациясы қатысты.",
    "{O.nom} {C.gen} бастамасын қолдайтынын білдірді.",
    "Тараптар келесі кездесуді {C.loc} өткізуге уағдаласты.",
    "{C.abl} келген делегацияны {P.nom} қабылдады.",
)

RU_TEMPLATES: tuple[str, ...] = (
    "{P.nom} {P.g:прибыл|прибыла} в {C.accs} с официальным визитом.",
    "{P.nom} {P.g:провел|провела} телефонный разговор с {P2.ablt}.",
    "{P.nom} {P.g:пригласил|пригласила} {P2.accs} посетить {C.accs} в следующем году.",
    "Стороны обсудили перспективы торгово-экономического сотрудничества с {C.ablt}.",
    "{P.nom} {P.g:принял|приняла} участие в саммите {O.nom}.",
    "В ходе встречи {P.nom} и {P2.nom} обсудили вопросы двустороннего сотрудничества.",
    "Товарооборот между {C.ablt} и {C2.ablt} по итогам прошлого года вырос на {N}%.",
    "По мнению экспертов, внешняя политика {C.gent} сохраняет многовекторный характер.",
    "{P.nom} {P.g:выступил|выступила} на международном форуме в {C.loct}.",
    "{C.nom} планирует вложить {N} млн долларов в экономику {C2.gent}.",
    "По итогам переговоров был подписан ряд важных документов.",
    "{P.nom} высоко {P.g:оценил|оценила} энергетический потенциал {C.gent}.",
    "Следующее заседание межправительственной комиссии пройдет в {C.loct}.",
    "{P.nom} {P.g:поздравил|поздравила} {P2.accs} с назначением на новую должность.",
    "Как сообщает пресс-служба, {P.nom} {P.g:принял|приняла} посла {C.gent}.",
    "{C.nom} является членом {O.nom}.",
    "Две страны договорились совместно реализовывать проекты в сфере транспорта и логистики.",
    "{P.nom} {P.g:заявил|заявила} о готовности оказать поддержку {C.datv}.",
    "{C.nom} ужесточает санкции в отношении {C2.gent}.",
    "На полях саммита {P.nom} {P.g:провел|провела} двустороннюю встречу с {P2.ablt}.",
    "По словам {P.gent}, вопросы региональной безопасности остаются главной темой повестки.",
    "МИД {C.gent} выступил с официальным заявлением по этому поводу.",
    "В ходе визита {P.nom} {P.g:встретился|встретилась} с представителями деловых кругов {C.gent}.",
    "{C.nom} и {C2.nom} достигли соглашения о совместном использовании водных ресурсов.",
    "Стороны отметили важность укрепления культурно-гуманитарных связей.",
    "{P.nom} {P.g:прилетел|прилетела} на саммит {O.nom}.",
    "Правительство {C.gent} продолжило переговоры с {C2.ablt} об экспорте зерна.",
    "В этом году объем торговли между {C.ablt} и {C2.ablt} достиг {N} млрд долларов.",
    "В своем выступлении {P.nom} {P.g:призвал|призвала} углублять стратегическое партнерство с {C.ablt}.",
    "{P.nom} {P.g:прибыл|прибыла} в столицу {C.gent} с государственным визитом.",
    "Ранее {P.nom} уже неоднократно {P.g:встречался|встречалась} с руководством {C.gent}.",
    "{C.nom} активно участвует в работе {O.nom}.",
    "На встрече обсуждалось сотрудничество в области цифровизации, энергетики и сельского хозяйства.",
    "{P.nom} {P.g:распорядился|распорядилась} направить гуманитарную помощь народу {C.gent}.",
    "{C.nom} считает {C2.accs} важным партнером в регионе.",
    "Эксперт назвал визит {P.gent} новым этапом в отношениях двух стран.",
    "{P.nom} {P.g:разъяснил|разъяснила} {P2.datv} позицию {C.gent}.",
    "В переговорах в {C.loct} приняли участие делегации {N} государств.",
    "{O.nom} поддерживает инициативу {C.gent}.",
    "Стороны условились провести следующую встречу в {C.loct}.",
    "Делегацию {C.gent} {P.g:принял|приняла} {P.nom}.",
)

EN_TEMPLATES: tuple[str, ...] = (
    "{P.nom} arrived in {C.nom} on an official visit.",
    "{P.nom} held a phone call with {P2.nom}.",
    "{P.nom} invited {P2.nom} to visit {C.nom} next year.",
    "The sides discussed prospects for trade and economic cooperation with {C.nom}.",
    "{P.nom} took part in the {O.nom} summit.",
    "During the meeting, {P.nom} and {P2.nom} discussed bilateral cooperation.",
    "Trade between {C.nom} and {C2.nom} grew by {N} percent last year.",
    "According to experts, the foreign policy of {C.nom} remains multi-vectored.",
    "{P.nom} spoke at an international forum in {C.nom}.",
    "{C.nom} plans to invest {N} million dollars in {C2.nom}.",
    "A number of important documents were signed following the talks.",
    "{P.nom} praised the energy potential of {C.nom}.",
    "The next session of the intergovernmental commission will be held in {C.nom}.",
    "{P.nom} congratulated {P2.nom} on the new appointment.",
    "According to the press service, {P.nom} received the ambassador of {C.nom}.",
    "{C.nom} is a member of {O.nom}.",
    "The two countries agreed to implement transport and logistics projects together.",
    "{P.nom} said he was ready to support {C.nom}.",
    "{C.nom} tightened sanctions against {C2.nom}.",
    "On the sidelines of the summit, {P.nom} held a bilateral meeting with {P2.nom}.",
    "{P.gen} visit was called a new stage in relations between the two countries.",
    "{C.gen} foreign ministry issued an official statement on the matter.",
    "{C.nom} and {C2.nom} reached an agreement on the joint use of water resources.",
    "{P.nom} met with representatives of business circles of {C.nom}.",
    "The government of {C.nom} continued talks with {C2.nom} on grain exports.",
    "{P.nom} called for deepening the strategic partnership with {C.nom}.",
    "{C.nom} takes an active part in the work of {O.nom}.",
    "{P.nom} explained the position of {C.nom} to {P2.nom}.",
    "{O.nom} supports the initiative of {C.nom}.",
    "The sides agreed to hold the next meeting in {C.nom}.",
    "{P.nom} arrived in the capital of {C.nom} on a state visit.",
    "Earlier, {P.nom} had met the leadership of {C.nom} several times.",
    "The meeting focused on cooperation in digitalisation, energy and agriculture.",
    "{P.nom} ordered humanitarian aid to be sent to the people of {C.nom}.",
    "{C.nom} considers {C2.nom} an important partner in the region.",
    "Delegations of {N} states took part in the talks in {C.nom}.",
    "{P.nom} flew to the {O.nom} summit.",
    "The parties stressed the importance of strengthening cultural and humanitarian ties.",
    "The delegation of {C.nom} was received by {P.nom}.",
    "This year trade between {C.nom} and {C2.nom} reached {N} billion dollars.",
)

TEMPLATES = {"kk": KK_TEMPLATES, "ru": RU_TEMPLATES, "en": EN_TEMPLATES}
_SLOT = re.compile(r"\{([A-Z])(\d?)(?:\.([a-z]+)(?::([^}|]*)\|([^}]*))?)?\}")


def fill(template: str, pools: Pools, rng: random.Random) -> str:
    """One sentence: the template's slots filled with distinct actors of the right kind and case."""
    chosen: dict[str, Filler] = {}

    def actor(kind: str, key: str) -> Filler:
        if key not in chosen:
            pool = pools.pool(kind)
            taken = {f.actor_id for f in chosen.values()}
            pick = rng.choice(pool)
            while pick.actor_id in taken and len(pool) > len(taken):
                pick = rng.choice(pool)
            chosen[key] = pick
        return chosen[key]

    def sub(m: re.Match) -> str:
        kind, num, case, masc, femn = m.groups()
        if kind == "N":
            return str(rng.randint(2, 95))
        filler = actor(kind, kind + num)
        if case == "g":
            return femn if filler.gender == "femn" else masc
        return filler.forms[case]

    return _SLOT.sub(sub, template)


def article_text(index: int, lang: str, seed: int, pools: Pools) -> str:
    """The full file text of article `index`: date header, then ~150 words in paragraphs."""
    rng = random.Random(f"{seed}:{lang}:{index}")  # str seeds hash with SHA-512: stable across runs
    date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    templates = TEMPLATES[lang]
    sentences: list[str] = []
    words = 0
    order = rng.sample(range(len(templates)), len(templates))
    while words < WORDS_PER_ARTICLE:
        sentence = fill(templates[order[len(sentences) % len(order)]], pools, rng)
        sentences.append(sentence)
        words += len(sentence.split())
    paragraphs = [" ".join(sentences[k:k + 3]) for k in range(0, len(sentences), 3)]
    return f" date {date.isoformat()} \n" + "\n".join(paragraphs) + "\n"


def article_path(out: Path, index: int, lang: str) -> Path:
    """Where article `index` goes: shards of 1,000 files, the language in the name."""
    return out / f"{index // SHARD:04d}" / f"gen_{index:07d}_{lang}.txt"


def generate(n: int, out: str | Path, langs: Sequence[str] = ("kk", "ru"), seed: int = 1,
             lexicon: Lexicon | None = None) -> Iterator[Path]:
    """Write `n` articles under `out`, one file at a time (languages in turn); yields each path.

    Example:
        >>> paths = list(generate(4, "/tmp/corpus", ("kk", "ru"), seed=1))  # doctest: +SKIP
    """
    for lang in langs:
        if lang not in TEMPLATES:
            raise ValueError(f"no templates for language {lang!r}: use {', '.join(TEMPLATES)}")
    lexicon = lexicon or load_lexicon()
    pools = {lang: build_pools(lexicon, lang) for lang in langs}
    out = Path(out)
    for i in range(n):
        lang = langs[i % len(langs)]
        path = article_path(out, i, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article_text(i, lang, seed, pools[lang]), encoding="utf-8")
        yield path


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="number of articles")
    ap.add_argument("--out", type=Path, required=True, help="folder to write into (created)")
    ap.add_argument("--langs", default="kk,ru", help="comma-separated languages, used in turn")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    count = sum(1 for _ in generate(args.n, args.out, tuple(args.langs.split(",")), args.seed))
    print(f"wrote {count:,} articles under {args.out}")


if __name__ == "__main__":
    main()
