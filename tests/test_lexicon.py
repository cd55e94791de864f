"""Tests of the lexicon stage: the packaged TSVs load, validate, and answer names and offices by date."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import pickle
import re
from collections import defaultdict
from pathlib import Path

import pytest

from kg.lexicon import (
    ACTOR_COLUMNS,
    ACTOR_COLUMNS_REQUIRED,
    LexiconFormatError,
    is_latin,
    load_lexicon,
    load_lexicon_from,
    normalize_name,
)
from kg.namespaces import RELATIONS

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "kg" / "lexicons"
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
KAZAKH_ONLY = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")

# Ranges of the role relations and of the actor columns, from ONTOLOGY.md.
RANGES = {
    "leaderOf": {"Country", "Organization"},
    "affiliatedWith": {"Country", "Organization"},
    "memberOf": {"Organization"},
}
# (lang, name) pairs that knowingly name two actors; empty today.
INTENDED_HOMONYMS: set[tuple[str, str]] = set()


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def _countries_script():
    spec = importlib.util.spec_from_file_location("make_countries", ROOT / "scripts" / "make_countries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---- the packaged data ----


def test_loads_once_and_is_cached():
    # how long the load takes is bench/run_bench.py's "model loading" line, not a test's bound
    load_lexicon.cache_clear()
    first = load_lexicon()
    assert load_lexicon() is first


def test_role_relations_and_targets_fit_the_ontology(lex):
    for role in lex.roles:
        assert role.relation in RELATIONS
        assert lex.actors[role.person].type == "Person"
        assert lex.actors[role.target].type in RANGES[role.relation], role


def test_capital_and_location_targets_exist_with_fitting_types(lex):
    for actor in lex.actors.values():
        if actor.capital_of:
            assert lex.actors[actor.capital_of].type in {"Country", "Organization"}, actor.id
        if actor.located_in:
            assert lex.actors[actor.located_in].type in {"Country", "Place", "Region"}, actor.id


def test_every_un_member_has_three_labels_in_the_right_script(lex):
    script = _countries_script()
    assert len(set(script.UN_MEMBERS)) == 193
    for code in [*script.UN_MEMBERS, *script.OBSERVERS]:
        actor = lex.actors[f"country_{code.lower()}"]
        assert actor.type == "Country"
        en, ru, kk = (actor.labels.get(lang, "") for lang in ("en", "ru", "kk"))
        assert en and is_latin(en), (code, en)
        assert ru and CYRILLIC.search(ru) and not KAZAKH_ONLY.search(ru), (code, ru)
        assert kk and CYRILLIC.search(kk) and not re.search(r"[A-Za-z]", kk), (code, kk)


def test_countries_file_is_what_the_script_generates():
    script = _countries_script()
    assert (LEXICONS / "countries.tsv").read_text(encoding="utf-8") == script.render()


@pytest.mark.parametrize(
    ("code", "lang", "label", "alt"),
    [
        ("us", "kk", "Америка Құрама Штаттары", "АҚШ"),
        ("us", "ru", "США", "Соединённые Штаты Америки"),
        ("us", "en", "United States", "U.S."),
        ("ru", "kk", "Ресей", "РФ"),
        ("ru", "ru", "Россия", "Российская Федерация"),
        ("cn", "kk", "Қытай", "ҚХР"),
        ("az", "kk", "Әзербайжан", "Әзірбайжан"),
        ("tr", "en", "Türkiye", "Turkey"),
        ("ae", "kk", "Біріккен Араб Әмірліктері", "БАӘ"),
        ("ae", "ru", "Объединённые Арабские Эмираты", "ОАЭ"),
        ("kr", "en", "South Korea", "Republic of Korea"),
        ("ir", "en", "Iran", "Islamic Republic of Iran"),
    ],
)
def test_countries_use_the_names_news_uses(lex, code, lang, label, alt):
    actor = lex.actors[f"country_{code}"]
    assert actor.labels[lang] == label
    assert alt in actor.aliases[lang]


def test_every_actor_has_an_english_latin_label_and_cyrillic_person_names(lex):
    for actor in lex.actors.values():
        assert set(actor.labels) == {"en", "ru", "kk"}, actor.id
        assert not CYRILLIC.search(actor.labels["en"]), actor.id
        if actor.type == "Person":
            for lang in ("ru", "kk"):
                for name in (actor.labels[lang], *actor.aliases.get(lang, ())):
                    assert CYRILLIC.search(name), (actor.id, lang, name)


def test_person_names_include_surname_alone_and_with_initial(lex):
    people = [a for a in lex.actors.values() if a.type == "Person"]
    assert len(people) >= 60
    tokayev = lex.actors["tokayev"]
    for name in ("Тоқаев", "Қ. Тоқаев", "Қасым-Жомарт Кемелұлы Тоқаев"):
        assert name in tokayev.aliases["kk"]
    for name in ("Токаев", "К. Токаев"):
        assert name in tokayev.aliases["ru"]
    assert "Ш. Мирзиёев" in lex.actors["mirziyoyev"].aliases["kk"]


def test_no_name_points_to_two_actors_unless_intended(lex):
    clashes = []
    for lang in ("en", "ru", "kk"):
        owners: dict[str, set[str]] = defaultdict(set)
        for name, actor_id in lex.names(lang):
            owners[name].add(actor_id)
        clashes += [
            f"{lang}:{name} -> {sorted(ids)}"
            for name, ids in owners.items()
            if len(ids) > 1 and (lang, name) not in INTENDED_HOMONYMS
        ]
    assert not clashes, "ambiguous names:\n" + "\n".join(clashes)


# Kazakh case endings (genitive, dative, accusative) that must not end a Person or Country
# label: labels are base forms. Final words that are real base forms although they end
# like a suffix are listed with the reason.
KK_CASE_ENDINGS = ("ның", "нің", "дың", "дің", "тың", "тің", "ға", "ғе", "ге", "қа", "ке",
                   "ды", "ді", "ты", "ті", "ны", "ні")
KK_BASE_WORDS = {
    "Мемлекеті", "мемлекеті", "Сұлтанаты", "Штаты",  # izafet heads: "Израиль Мемлекеті" (State of Israel)
    "Нидерланды",  # the country's name as pycountry spells it
    "Тілеуберді",  # a surname, nominative
}
# Every case suffix, for the stricter check that no name is another name plus a suffix.
KK_ALL_SUFFIXES = (*KK_CASE_ENDINGS, "на", "не", "да", "де", "та", "те", "нда", "нде", "дан", "ден",
                   "тан", "тен", "нан", "нен", "мен", "бен", "пен")


def test_kazakh_person_and_country_names_are_base_forms(lex):
    bad = []
    for actor in lex.actors.values():
        if actor.type not in {"Person", "Country"}:
            continue
        names = {actor.labels["kk"], *actor.aliases.get("kk", ())}
        for name in sorted(names):
            last = name.split()[-1]
            if last not in KK_BASE_WORDS and last.endswith(KK_CASE_ENDINGS):
                bad.append(f"{actor.id}: {name}")
            for other in names:
                rest = name[len(other):].lstrip("-'’")
                if other != name and name.startswith(other) and rest in KK_ALL_SUFFIXES:
                    bad.append(f"{actor.id}: {name} is {other} + {rest}")
    assert not bad, "inflected kk names:\n" + "\n".join(bad)


# ---- lookups ----


@pytest.mark.parametrize(
    ("target", "on", "who"),
    [
        ("country_kz", dt.date(2018, 6, 1), "nazarbayev"),
        ("country_kz", dt.date(2019, 3, 20), "tokayev"),  # inauguration day belongs to the successor
        ("country_kz", dt.date(2025, 9, 19), "tokayev"),
        ("country_us", dt.date(2022, 5, 1), "biden"),
        ("country_us", dt.date(2019, 5, 1), "trump"),
        ("country_us", dt.date(2025, 1, 20), "trump"),
        ("country_us", dt.date(2025, 12, 25), "trump"),
        ("country_de", dt.date(2024, 1, 1), "scholz"),
        ("country_de", dt.date(2025, 6, 1), "merz"),
        ("country_uz", dt.date(2025, 1, 1), "mirziyoyev"),
        ("country_ru", dt.date(2010, 1, 1), "medvedev"),
        ("country_ru", dt.date(2025, 1, 1), "putin"),
        ("gov_kz", dt.date(2024, 6, 1), "bektenov"),
        ("un", dt.date(2025, 1, 1), "guterres"),
        ("european_commission", dt.date(2025, 1, 1), "von_der_leyen"),
    ],
)
def test_holder_answers_by_date(lex, target, on, who):
    assert lex.holder("leaderOf", target, on) == who


def test_holder_without_date_is_the_current_one_and_none_before_anyone(lex):
    assert lex.holder("leaderOf", "country_kz", None) == "tokayev"
    assert lex.holder("leaderOf", "country_kz", dt.date(1980, 1, 1)) is None
    assert lex.holder("leaderOf", "country_ir", dt.date(2025, 1, 1)) == "pezeshkian"  # listed first


def test_roles_of_filters_by_date(lex):
    assert len(lex.roles_of("trump")) == 2
    (role,) = lex.roles_of("trump", dt.date(2018, 1, 1))
    assert (role.target, role.start, role.end) == ("country_us", dt.date(2017, 1, 20), dt.date(2021, 1, 20))
    assert lex.roles_of("trump", dt.date(2023, 1, 1)) == []
    assert lex.roles_of("momynkulov") == []


@pytest.mark.parametrize(
    ("actor_id", "country"),
    [("moscow", "country_ru"), ("astana", "country_kz"), ("washington", "country_us"),
     ("beijing", "country_cn"), ("kremlin", "country_ru"), ("akorda", "country_kz"),
     ("white_house", "country_us"), ("new_york", None), ("tokayev", None), ("nowhere", None)],
)
def test_capital_of(lex, actor_id, country):
    assert lex.capital_of(actor_id) == country


@pytest.mark.parametrize(
    ("names", "actor_id"),
    [
        ({"en": "SCO", "ru": "ШОС", "kk": "ШЫҰ"}, "sco"),
        ({"en": "CIS", "ru": "СНГ", "kk": "ТМД"}, "cis"),
        ({"en": "CSTO", "ru": "ОДКБ", "kk": "ҰҚШҰ"}, "csto"),
        ({"en": "EAEU", "ru": "ЕАЭС", "kk": "ЕАЭО"}, "eaeu"),
        ({"en": "EU", "ru": "ЕС", "kk": "ЕО"}, "eu"),
        ({"en": "UN", "ru": "ООН", "kk": "БҰҰ"}, "un"),
        ({"en": "OSCE", "ru": "ОБСЕ", "kk": "ЕҚЫҰ"}, "osce"),
        ({"en": "OTS", "ru": "ОТГ", "kk": "ТМҰ"}, "ots"),
        ({"en": "CICA", "ru": "СВМДА", "kk": "АӨСШК"}, "cica"),
        ({"en": "NATO", "ru": "НАТО", "kk": "НАТО"}, "nato"),
        ({"en": "BRICS", "ru": "БРИКС", "kk": "БРИКС"}, "brics"),
        ({"en": "G20", "ru": "G20", "kk": "Үлкен жиырмалық"}, "g20"),
        ({"en": "G7", "ru": "Большая семёрка", "kk": "Үлкен жетілік"}, "g7"),
        ({"en": "C5+1", "ru": "С5+1", "kk": "C5+1"}, "c5plus1"),  # Cyrillic С in ru, Latin C in kk
        ({"en": "UNSC", "ru": "Совбез ООН", "kk": "БҰҰ Қауіпсіздік Кеңесі"}, "un_security_council"),
        ({"en": "USA", "ru": "США", "kk": "АҚШ"}, "country_us"),
        ({"en": "UAE", "ru": "ОАЭ", "kk": "БАӘ"}, "country_ae"),
        ({"en": "PRC", "ru": "КНР", "kk": "ҚХР"}, "country_cn"),
    ],
)
def test_acronyms_resolve_to_one_actor_in_each_language(lex, names, actor_id):
    for lang, name in names.items():
        assert lex.ids_for(name, lang) == (actor_id,), (lang, name)


def test_names_add_russian_spellings_latin_names_and_yo_variants(lex):
    kk = set(lex.names("kk"))
    ru = set(lex.names("ru"))
    assert ("Токаев", "tokayev") in kk  # Kazakh texts quoting the Russian spelling
    assert ("Chevron", "chevron") in kk and ("G20", "g20") in ru
    assert ("Мирзиеев", "mirziyoyev") in ru  # ё written as е
    assert ("Центральная Азия — Китай", "ca_china") in ru  # em dash for the en dash
    assert ("Мәскеу", "moscow") in kk and ("Мәскеу", "moscow") not in ru
    assert ("Москва", "moscow") in ru
    # Russian spellings of organisations are not Kazakh names
    assert ("ШОС", "sco") not in kk


@pytest.mark.parametrize(
    ("lang", "name"),
    [("ru", "саммит «Центральная Азия — ЕС»"), ("en", "Central Asia–EU summit"),
     ("kk", "«Орталық Азия - ЕО» саммиті"), ("kk", "Орталық  Азия – ЕО  саммиті")],
)
def test_ids_for_ignores_quotes_dashes_and_spacing(lex, lang, name):
    assert lex.ids_for(name, lang) == ("ca_eu_summit",)


def test_normalize_name_keeps_hyphens_inside_words():
    assert normalize_name("Нью-Йорк") == "Нью-Йорк"
    assert normalize_name("Қасым-Жомарт  Тоқаев") == "Қасым-Жомарт Тоқаев"


# ---- the region's offices, bodies and places (public records, not any article) ----


@pytest.mark.parametrize(
    ("target", "on", "who"),
    [
        ("mfa_kz", dt.date(2019, 9, 18), "tileuberdi"),
        ("mfa_kz", dt.date(2025, 9, 25), "nurtleu"),
        ("mfa_kz", dt.date(2025, 9, 26), "kosherbayev"),
        ("gov_kg", dt.date(2024, 12, 15), "akylbek_japarov"),
        ("gov_kg", dt.date(2024, 12, 16), "kasymaliev"),
        ("country_kg", dt.date(2020, 12, 1), "mamytov"),  # acting president between Japarov's two terms
        ("gov_uz", dt.date(2025, 1, 1), "aripov"),
        ("gov_mn", dt.date(2025, 9, 1), "zandanshatar"),
        ("gov_fr", dt.date(2025, 10, 1), "lecornu"),
        ("country_gb", dt.date(2022, 9, 8), "truss"),  # the monarch changed that day; the PM leads
        ("country_ir", dt.date(2026, 3, 8), "pezeshkian"),  # the president is listed before the Leaders
        ("country_hu", dt.date(2026, 5, 8), "orban"),
        ("country_hu", dt.date(2026, 5, 9), "peter_magyar"),
        ("country_nl", dt.date(2026, 2, 23), "jetten"),
        ("csto", dt.date(2026, 1, 1), "masadykov"),
        ("sco", dt.date(2025, 1, 1), "yermekbayev"),
        ("eec", dt.date(2024, 2, 1), "sagintayev"),
        ("european_council", dt.date(2019, 6, 1), "tusk"),
    ],
)
def test_holder_of_the_regions_offices(lex, target, on, who):
    relation = "affiliatedWith" if target.startswith("mfa_") else "leaderOf"
    assert lex.holder(relation, target, on) == who


@pytest.mark.parametrize(
    ("state", "leader"),
    [("country_de", "merz"), ("country_it", "meloni"), ("country_in", "modi"), ("country_il", "netanyahu"),
     ("country_am", "pashinyan"), ("country_pk", "shehbaz_sharif"), ("country_gb", "starmer"),
     ("country_es", "sanchez"), ("country_ge", "kobakhidze"), ("country_pl", "tusk"), ("country_ca", "carney")],
)
def test_a_parliamentary_state_is_led_by_its_prime_minister_not_its_ceremonial_head(lex, state, leader):
    assert lex.holder("leaderOf", state, None) == leader


# The states whose foreign ministry the lexicon names (the capital they sit in, or the state itself).
MINISTRY_STATES = ("kz", "uz", "kg", "tj", "tm", "az", "am", "ge", "mn", "af", "ru", "by", "ua", "cn", "jp", "kr",
                   "pk", "ir", "tr", "sa", "ae", "qa", "kw", "om", "eg", "il", "fr", "it", "es", "pl", "hu", "nl")


@pytest.mark.parametrize("code", MINISTRY_STATES)
def test_each_foreign_ministry_sits_where_its_state_can_be_read(lex, code):
    ministry = lex.actors[f"mfa_{code}"]
    seat = lex.actors[ministry.located_in]
    assert ministry.type == "Organization"
    assert f"country_{code}" in (seat.id, seat.capital_of)


@pytest.mark.parametrize(
    ("lang", "name", "actor_id"),
    [
        ("ru", "МИД Узбекистана", "mfa_uz"), ("kk", "Өзбекстан СІМ", "mfa_uz"),
        ("en", "Uzbek Foreign Ministry", "mfa_uz"),
        ("ru", "Министерство иностранных дел Кыргызской Республики", "mfa_kg"), ("en", "FCDO", "fcdo"),
        ("ru", "Жогорку Кенеш", "jogorku_kenesh"), ("kk", "Милли Мәжіліс", "milli_majlis_az"),
        ("ru", "Госдума", "state_duma"), ("ru", "Совфед", "federation_council"), ("en", "US Senate", "us_senate"),
        ("kk", "Президент Әкімшілігі", "presidential_administration_kz"), ("ru", "Банк России", "cbr"),
        ("ru", "ВЕЭС", "seec"), ("en", "SPECA", "speca"), ("en", "IFAS", "ifas"), ("ru", "ТЮРКСОЙ", "turksoy"),
        ("en", "C5+Germany", "ca_germany"), ("kk", "Үндістан – Орталық Азия", "ca_india"),
        ("kk", "Маңғыстау облысы", "mangystau_region"), ("ru", "Усть-Каменогорск", "oskemen"), ("kk", "Орал", "oral"),
    ],
)
def test_bodies_formats_and_places_have_the_names_news_uses(lex, lang, name, actor_id):
    assert lex.ids_for(name, lang) == (actor_id,)


def test_kazakhstans_oblasts_are_places_in_the_country_not_regions(lex):
    oblasts = [a for a in lex.actors.values() if a.id.endswith("_region") and a.located_in == "country_kz"]
    assert len(oblasts) == 17
    assert {a.type for a in oblasts} == {"Place"}
    assert all(a.labels["kk"].endswith(" облысы") for a in oblasts)


@pytest.mark.parametrize(
    ("city", "country"),
    [("kuwait_city", "country_kw"), ("muscat", "country_om"), ("madrid", "country_es"), ("warsaw", "country_pl"),
     ("amsterdam", "country_nl"), ("ottawa", "country_ca"), ("jerusalem", "country_il"),
     ("the_hague", None), ("samarkand", None), ("oral", None)],
)
def test_new_capitals_speak_for_their_states_and_other_cities_do_not(lex, city, country):
    assert lex.capital_of(city) == country


# Words that must never be an actor's name on their own: ordinary words or bare surnames shared by
# too many people ("May", "Ли", "Си"), and a first name that is also a Turkmen city ("Mary").
# (English "Xi" stays Xi Jinping's: it is no English word.)
NEVER_NAMES = {
    "en": ("May", "Hunt", "Price", "Miller", "Said", "Dar", "Khan", "Mary", "Moon", "Park", "Kim", "Lee", "Li"),
    "ru": ("Мэй", "Хан", "Дар", "Ли", "Ким", "Си", "Ван", "Герцог", "Колонна", "Трасс", "Блок", "Миллер", "Лебедев"),
    "kk": ("Хан", "Дар", "Ли", "Ким", "Си"),
}


@pytest.mark.parametrize(("lang", "word"), [(lang, w) for lang, words in NEVER_NAMES.items() for w in words])
def test_ordinary_words_are_no_actors_names(lex, lang, word):
    assert lex.ids_for(word, lang) == ()


# ---- adjectives of nationality (the *_demonym columns) ----

# Word forms the demonym tables matched when they were code (kg/extract.py's _DEMONYMS for kk and
# ru, kg/extract_en.py's DEMONYMS for en), with the actor each named; None: no actor.
DEMONYM_WORDS = {
    "kk": {
        "қазақстандық": "country_kz", "қазақстандықтар": "country_kz", "Қазақстандық": "country_kz",
        "қазақ": "country_kz", "қазақтың": "country_kz", "қазақша": None, "қазақтар": None,
        "америкалық": "country_us", "американдық": "country_us", "американ": "country_us",
        "америкалықтар": "country_us", "америка": None,
        "ресейлік": "country_ru", "ресейліктер": "country_ru", "ресей": None,
        "қытайлық": "country_cn", "еуропалық": "eu", "еуропалықтар": "eu",
        "өзбекстандық": "country_uz", "қырғызстандық": "country_kg", "тәжікстандық": "country_tj",
        "түрікменстандық": "country_tm", "түркиялық": "country_tr", "жапониялық": "country_jp",
        "германиялық": "country_de", "француздық": "country_fr", "британдық": "country_gb",
        "украиналық": "country_ua", "беларусьтік": "country_by", "әзербайжандық": "country_az",
        "ирандық": "country_ir", "үнділік": "country_in", "кореялық": "country_kr",
    },
    "ru": {
        "казахстанских": "country_kz", "Казахстанская": "country_kz", "американские": "country_us",
        "российских": "country_ru", "Российская": "country_ru", "россия": None,
        "китайские": "country_cn", "европейского": "eu", "европейские": "eu", "европа": None,
        "узбекских": "country_uz", "узбекистанский": "country_uz",
        "кыргызских": "country_kg", "киргизский": "country_kg", "кыргызстанские": "country_kg",
        "таджикских": "country_tj", "туркменский": "country_tm", "турецкие": "country_tr",
        "японских": "country_jp", "германских": "country_de", "немецкие": "country_de",
        "французских": "country_fr", "британские": "country_gb", "украинских": "country_ua",
        "белорусские": "country_by", "азербайджанской": "country_az", "иранские": "country_ir",
        "индийских": "country_in", "южнокорейских": "country_kr", "корейских": None,
    },
    "en": {
        "kazakh": "country_kz", "Kazakhstani": "country_kz", "american": "country_us",
        "U.S.": "country_us", "us": "country_us", "russian": "country_ru", "Chinese": "country_cn",
        "uzbek": "country_uz", "kyrgyz": "country_kg", "tajik": "country_tj", "turkmen": "country_tm",
        "azerbaijani": "country_az", "turkish": "country_tr", "french": "country_fr",
        "german": "country_de", "british": "country_gb", "japanese": "country_jp",
        "korean": "country_kr", "indian": "country_in", "iranian": "country_ir",
        "pakistani": "country_pk", "mongolian": "country_mn", "georgian": "country_ge",
        "armenian": "country_am", "ukrainian": "country_ua", "belarusian": "country_by",
        "italian": "country_it", "afghan": "country_af", "israeli": "country_il", "saudi": "country_sa",
        "emirati": "country_ae", "qatari": "country_qa", "hungarian": "country_hu", "polish": "country_pl",
        "european": "eu",
        # the old en table's "south korean" could never match one token; "u.s" is not "u.s."
        "south korean": None, "u.s": None, "usa": None, "kazakhs": None, "europe": None,
    },
}


@pytest.mark.parametrize(
    ("lang", "word", "actor_id"),
    [(lang, word, actor_id) for lang, words in DEMONYM_WORDS.items() for word, actor_id in words.items()],
)
def test_demonym_names_the_same_actor_as_the_old_tables(lex, lang, word, actor_id):
    assert lex.demonym(word, lang) == actor_id


# Where the tables that were code lived (or live while the code moves to the data).
OLD_HOMES = {"_DEMONYMS": ("kg.extract", "kg.extract.core"), "DEMONYMS": ("kg.extract_en", "kg.extract.en")}


def _old_constant(name: str):
    for module in OLD_HOMES[name]:
        try:
            value = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if value is not None:
            return value
    pytest.skip(f"{name} is no longer in {' or '.join(OLD_HOMES[name])}")


def _old_demonym_tables() -> dict[str, dict[str, set[str]]]:
    """lang -> actor id -> the patterns (kk, ru) or words (en) of the tables that were code."""
    kk_ru = _old_constant("_DEMONYMS")
    en = _old_constant("DEMONYMS")
    old: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for lang, pairs in kk_ru.items():
        for pattern, actor_id in pairs:
            old[lang][actor_id].add(pattern)
    for word, actor_id in en.items():
        if " " not in word:  # a key with a space never matched a token
            old["en"][actor_id].add(re.escape(word))
    return old


def test_demonym_columns_hold_exactly_the_old_tables(lex):
    old = _old_demonym_tables()
    for lang in ("kk", "ru", "en"):
        new = {a.id: set(a.demonyms[lang].split("|")) if lang == "en" else {a.demonyms[lang]}
               for a in lex.actors.values() if lang in a.demonyms}
        assert new == dict(old[lang]), lang


def _forms(pattern: str) -> list[tuple[str, bool]]:
    r"""The words a demonym pattern matches as (literal, open) pairs, open meaning any \w* may follow.

    Understands what the demonym columns use: letters, escaped punctuation (\.), groups with
    alternatives, "?" after a group, "|" and "\w*" at the end of an alternative.
    """

    def alternatives(i: int) -> tuple[list[tuple[str, bool]], int]:
        done: list[tuple[str, bool]] = []
        forms = [("", False)]
        while i < len(pattern) and pattern[i] != ")":
            c = pattern[i]
            if c == "|":
                done, forms, i = done + forms, [("", False)], i + 1
                continue
            if pattern.startswith(r"\w*", i):
                forms, i = [(text, True) for text, _ in forms], i + 3
                continue
            if c == "(":
                piece, i = alternatives(i + 1)
                assert pattern[i:i + 1] == ")", f"unclosed group in {pattern!r}"
                i += 1
                if pattern[i:i + 1] == "?":
                    piece, i = [("", False), *piece], i + 1
            elif c == "\\" and i + 1 < len(pattern) and not pattern[i + 1].isalnum():
                piece, i = [(pattern[i + 1], False)], i + 2
            else:
                assert c not in "\\.*+?[]{}^$", f"{pattern!r}: {c!r} at {i} is beyond what this check reads"
                piece, i = [(c, False)], i + 1
            assert not any(o for _, o in forms), f"{pattern!r}: text after \\w*"
            forms = [(text + more, o) for text, _ in forms for more, o in piece]
        return done + forms, i

    forms, end = alternatives(0)
    assert end == len(pattern), f"unbalanced ')' in {pattern!r}"
    return forms


def _overlap(a: tuple[str, bool], b: tuple[str, bool]) -> bool:
    (short, short_open), (long, _) = sorted([a, b], key=lambda form: len(form[0]))
    if not long.startswith(short):
        return False
    rest = long[len(short):]
    return rest == "" or (short_open and re.fullmatch(r"\w*", rest) is not None)


def test_no_word_is_the_demonym_of_two_actors(lex):
    # so the order in which the lexicon tries the patterns (file order) never decides
    for lang in ("kk", "ru", "en"):
        forms = []
        for actor in lex.actors.values():
            if lang in actor.demonyms:
                compiled = re.compile(actor.demonyms[lang])
                for text, is_open in _forms(actor.demonyms[lang]):
                    assert compiled.fullmatch(text) and (not is_open or compiled.fullmatch(text + "ы"))
                    forms.append((actor.id, (text, is_open)))
        clashes = [(a, fa, b, fb) for k, (a, fa) in enumerate(forms) for b, fb in forms[k + 1:]
                   if a != b and _overlap(fa, fb)]
        assert not clashes, f"{lang}: {clashes}"


def test_overlap_check_sees_overlaps():
    assert _forms(r"қазақстандық\w*|қазақ(тың)?") == [("қазақстандық", True), ("қазақ", False),
                                                      ("қазақтың", False)]
    assert _forms(r"u\.s\.|us") == [("u.s.", False), ("us", False)]
    assert _overlap(("корейск", True), ("южнокорейск", True)) is False
    assert _overlap(("кыргыз", True), ("кыргызстанск", True)) is True
    assert _overlap(("қазақ", False), ("қазақстандық", True)) is False
    assert _overlap(("us", False), ("us", False)) is True


def test_lexicon_survives_pickling_after_demonym_lookups(lex):
    # worker processes are spawned and get the lexicon pickled
    lex.demonym("российских", "ru")
    assert pickle.loads(pickle.dumps(lex)).demonym("российских", "ru") == "country_ru"


# ---- validation of malformed files ----

HEADER = "\t".join(ACTOR_COLUMNS)


def _write(tmp_path: Path, actors: list[str], roles: list[str] | None = None) -> Path:
    (tmp_path / "countries.tsv").write_text(
        f"# test\n{HEADER}\n{_row('country_xx', 'Country', '', '', '', 'Xland', 'Иксия', 'Иксия')}\n",
        encoding="utf-8")
    (tmp_path / "actors.tsv").write_text(
        "# test\n" + HEADER + "\n" + "\n".join(actors) + "\n", encoding="utf-8")
    (tmp_path / "roles.tsv").write_text(
        "# test\nperson_id\trelation\ttarget_id\tstart\tend\n" + "\n".join(roles or []) + "\n",
        encoding="utf-8")
    return tmp_path


def _row(*cells: str) -> str:
    return "\t".join([*cells, *[""] * (len(ACTOR_COLUMNS) - len(cells))])


DOE = _row("doe", "Person", "", "", "", "Doe")


def test_a_small_valid_lexicon_loads(tmp_path):
    lex = load_lexicon_from(_write(
        tmp_path,
        [_row("xcity", "Place", "", "country_xx", "country_xx", "Xcity", "Иксград", "Иксқала"),
         _row("doe", "Person", "", "", "", "John Doe", "Джон Доу", "Джон Доу", "Doe", "Доу", "Доу")],
        ["doe\tleaderOf\tcountry_xx\t2020-01-01\t"],
    ))
    assert lex.capital_of("xcity") == "country_xx"
    assert lex.holder("leaderOf", "country_xx", dt.date(2021, 1, 1)) == "doe"
    assert lex.ids_for("Доу", "kk") == ("doe",)


def _demonyms(*cells: str) -> list[str]:
    return [*cells, *[""] * (len(ACTOR_COLUMNS) - ACTOR_COLUMNS_REQUIRED - len(cells))]


def test_demonyms_are_tried_in_file_order(tmp_path):
    lex = load_lexicon_from(_write(tmp_path, [
        _row("xcity", "Place", "", "", "", "Xcity", "Иксград", "Иксқала", "", "", "", *_demonyms("x\\w*", r"икс\w*")),
        _row("xtown", "Place", "", "", "", "Xtown", "Икстаун", "Икстаун", "", "", "", *_demonyms("xt")),
    ]))
    assert lex.actors["xcity"].demonyms == {"en": r"x\w*", "ru": r"икс\w*"}
    assert lex.demonym("XT", "en") == "xcity"
    assert lex.demonym("Иксский", "ru") == "xcity"
    assert lex.demonym("Иксский", "kk") is None


def test_a_file_may_leave_the_demonym_columns_out(tmp_path):
    _write(tmp_path, [])
    short = "\t".join(ACTOR_COLUMNS[:ACTOR_COLUMNS_REQUIRED])
    (tmp_path / "actors.tsv").write_text(f"{short}\nxcity\tPlace{chr(9) * 3}\tXcity\t\t\t\t\t\n",
                                         encoding="utf-8")
    lex = load_lexicon_from(tmp_path)
    assert lex.actors["xcity"].demonyms == {}
    assert lex.demonym("xcity", "en") is None


@pytest.mark.parametrize(
    ("actors", "roles", "where", "message"),
    [
        ([_row("xcity", "City", "", "", "", "X")], [], "actors.tsv:3", "unknown type 'City'"),
        ([_row("a", "Place", "", "", "", "A"), _row("a", "Place", "", "", "", "B")], [], "actors.tsv:4",
         "duplicate id 'a'"),
        ([_row("country_xx", "Place", "", "", "", "X")], [], "actors.tsv:3", "duplicate id 'country_xx'"),
        ([_row("xcity", "Place", "", "country_yy", "", "X")], [], "actors.tsv:3",
         "capital_of points to unknown id 'country_yy'"),
        ([_row("xcity", "Place", "", "", "nowhere", "X")], [], "actors.tsv:3",
         "located_in points to unknown id 'nowhere'"),
        ([DOE], ["doe\tleaderOf\tcountry_zz\t2020-01-01\t"], "roles.tsv:3", "unknown target id 'country_zz'"),
        ([], ["ghost\tleaderOf\tcountry_xx\t2020-01-01\t"], "roles.tsv:3", "unknown person id 'ghost'"),
        ([DOE], ["doe\tleaderOf\tcountry_xx\t2020-13-01\t"], "roles.tsv:3", "bad date"),
        ([DOE], ["doe\tchairs\tcountry_xx\t\t"], "roles.tsv:3",
         "unknown relation 'chairs'"),
        (["x\tPlace\tonly three"], [], "actors.tsv:3", "3 columns"),
        ([_row("Bad Id", "Place", "", "", "", "X")], [], "actors.tsv:3", "not a lowercase ascii slug"),
        ([_row("x", "Place", "12", "", "", "X")], [], "actors.tsv:3", "not a Q-id"),
        ([_row("x", "Place", "", "", "", "X", "", "", "", "", "", "", "российск(\\w*")], [], "actors.tsv:3",
         "ru_demonym 'российск(\\\\w*' is not a regular expression"),
    ],
)
def test_malformed_rows_raise_with_file_and_line(tmp_path, actors, roles, where, message):
    with pytest.raises(LexiconFormatError) as err:
        load_lexicon_from(_write(tmp_path, actors, roles))
    text = str(err.value)
    assert text.startswith(where + ":"), text
    assert message in text
    assert "\n" not in text
