"""Kazakh relation extraction, mechanism by mechanism, on self-written sentences.

The actors are fictional (tests/fixtures/fictional: Бордурия, Сылдавия, Зубровка,
Карамания, the capital Сзоход, the city Клов, Арман Бекболатов who leads Бордурия,
Ержан Сейтқалиев who leads Сылдавия, the Дала альянсы (ДАҰ), the format K7, the
Дала форумы event, the Алтын жол project, the company Кловойл), so that a change of the
real lexicon does not break them. Each case asserts the whole triple set of its
sentence: the expected relations are there and nothing else is.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import real_processor, relations, run, triples

BOR, SYL, ZUB, KAR = "country_borduria", "country_syldavia", "country_zubrowka", "country_karamania"
BEK, SEI = "bekbolatov", "seitkaliyev"

CASES: list[tuple[str, str, set[tuple[str, str, str]]]] = [
    # --- invitation: genitive agent of a verbal noun, accusative patient, dative goal
    ("invite_verbal_noun", "Арман Бекболатовтың Ержан Сейтқалиевті K7 саммитіне шақыруы маңызды оқиға болды.",
     {(BEK, "invited", SEI), (SEI, "invitedTo", "k7")}),
    ("invite_finite_verb", "Арман Бекболатов Ержан Сейтқалиевті K7 саммитіне шақырды.",
     {(BEK, "invited", SEI), (SEI, "invitedTo", "k7")}),
    ("invite_passive", "Бордурия мен Сылдавия K7 алаңына шақырылды.",
     {(BOR, "invitedTo", "k7"), (SYL, "invitedTo", "k7")}),
    # --- "X-ты қабылдады": a named person received by a named person is a meeting
    ("receive_person", "Арман Бекболатов Ержан Сейтқалиевті қабылдады.", {(BEK, "metWith", SEI)}),
    # --- the partner noun after "сауда", a two-word "тауар айналымы", the owner of the projects invested in
    ("trade_partner_noun", "Сылдавия Бордурияның ең ірі сауда серіктестерінің бірі болып қала береді.",
     {(SYL, "tradesWith", BOR)}),
    ("turnover_two_words", "Бордурия мен Сылдавия арасындағы тауар айналымы өсті.", {(BOR, "tradesWith", SYL)}),
    ("invest_owner_of_projects", "Сылдавия Бордурияның жасыл энергетика жобаларына инвестиция салды.",
     {(SYL, "investsIn", BOR)}),
    # --- an unknown acronym before a gathering noun is an event; clause-final "қатысты" is "took part"
    ("acronym_event", "Бордурия Клов қаласында өткен KX25 конференциясына қатысты.",
     {(BOR, "participatesIn", "new:Event:kk:KX25"), ("klow", "hosts", "new:Event:kk:KX25")}),
    ("regarding_is_no_participation", "Бордурия Сылдавияға қатысты мәлімдеме жасады.", set()),
    # --- a partner list far from its relation noun, across plain words; a listed "сауда" only
    #     describes the head noun; the one "enabled" (dative + "мүмкіндік берді") is the agent
    ("partner_far_enabled", "Бұл бағыт Бордурияға көрші елдермен (Сылдавия, Зубровка және Караманиямен) бір уақытта "
     "тиімді сауда, экономикалық және мәдени серіктестік орнатуға мүмкіндік берді.",
     {(BOR, "cooperatesWith", SYL), (BOR, "cooperatesWith", ZUB), (BOR, "cooperatesWith", KAR)}),
    ("listed_modifier_is_no_relation", "Бордурия Сылдавиямен сауда, экономикалық және мәдени ынтымақтастықты "
     "дамытады.", {(BOR, "cooperatesWith", SYL)}),
    # --- "Тараптар": the pair named last
    ("sides_are_the_last_pair", "Бордурия мен Сылдавия келісімге қол қойды. Тараптар сауданы дамытуды "
     "талқылады.", {(BOR, "tradesWith", SYL)}),
    # --- two heads of state talking: "екі ел" next is their two countries
    ("leaders_make_the_pair", "Арман Бекболатов Ержан Сейтқалиевпен кездесті. Екі ел арасындағы ынтымақтастық "
     "артып келеді.", {(BEK, "metWith", SEI), (BOR, "cooperatesWith", SYL)}),
    # --- visit
    ("visit_list_last_inflects", "Арман Бекболатов Сылдавия, Зубровка және Караманияға сапар жасады.",
     {(BEK, "visited", SYL), (BEK, "visited", ZUB), (BEK, "visited", KAR)}),
    ("visit_list_all_inflect", "Арман Бекболатов Сылдавияға, Зубровкаға және Караманияға сапар жасады.",
     {(BEK, "visited", SYL), (BEK, "visited", ZUB), (BEK, "visited", KAR)}),
    ("visit_city_noun", "Ержан Сейтқалиев Клов қаласына жұмыс сапарымен барады.",
     {(SEI, "visited", "klow")}),
    ("visit_genitive_agent", "Ержан Сейтқалиевтің Бордурияға сапары аяқталды.",
     {(SEI, "visited", BOR)}),
    # --- participation ("қатысты" alone is the postposition 'regarding')
    ("participate_converb", "Ержан Сейтқалиев Дала форумына қатысып, баяндама жасады.",
     {(SEI, "participatesIn", "steppe_forum")}),
    ("participate_present", "Бордурия K7 саммитіне қатысады.",
     {(BOR, "participatesIn", "k7")}),
    # --- meet / negotiate
    ("meet_instrumental", "Арман Бекболатов Ержан Сейтқалиевпен кездесті.",
     {(BEK, "metWith", SEI)}),
    ("meet_phone_pair", "Арман Бекболатов пен Ержан Сейтқалиев телефон арқылы сөйлесті.",
     {(BEK, "metWith", SEI)}),
    # --- cooperation, competition, trade
    ("cooperate_instrumental", "Бордурия Сылдавиямен ынтымақтастықты дамытады.",
     {(BOR, "cooperatesWith", SYL)}),
    ("trade_between", "Бордурия мен Сылдавия арасындағы сауда өсті.",
     {(BOR, "tradesWith", SYL)}),
    ("compete_between", "Бордурия мен Сылдавия арасындағы бәсекелестік күшейді.",
     {(BOR, "competesWith", SYL)}),
    ("contain_accusative", "Бордурия Сылдавияны шектеу саясатын ұстанады.",
     {(BOR, "competesWith", SYL)}),
    # --- investment
    ("invest_ablative_dative", "Бордуриядан Сылдавияға инвестициялар көлемі артты.",
     {(BOR, "investsIn", SYL)}),
    ("invest_project", "Кловойл Алтын жол жобасына инвестиция салды.",
     {("klowoil", "investsIn", "golden_road")}),
    # --- pressure
    ("pressure_tariffs", "Бордурияның Сылдавияға енгізген тарифтері сауданы қиындатты.",
     {(BOR, "pressures", SYL)}),
    # --- membership
    ("member_acronym", "Сылдавия ДАҰ-ның мүшесі атанды.",
     {(SYL, "memberOf", "steppe_alliance")}),
    ("member_full_name", "Сылдавия Дала альянсының мүшесі атанды.",
     {(SYL, "memberOf", "steppe_alliance")}),
    # --- hosts and locatedIn
    ("hosts_relative_verb", "Сзоходта өтетін K7 саммиті маңызды болмақ.",
     {("szohod", "hosts", "k7")}),
    ("hosts_relative_locative", "Кловтағы K7 саммиті аяқталды.",
     {("klow", "hosts", "k7")}),
    ("located_open_world_org", "Клов қаласындағы Стратегиялық зерттеулер орталығы баяндама жариялады.",
     {("new:Organization:kk:Стратегиялық зерттеулер орталығы", "locatedIn", "klow")}),
    ("located_lexicon_org", "Клов қаласындағы Дала альянсы жаңа кеңсе ашты.",
     {("steppe_alliance", "locatedIn", "klow")}),
    # --- titles
    ("title_president_named", "Бордурия президенті Арман Бекболатов Сылдавияға сапар жасады.",
     {(BEK, "leaderOf", BOR), (BEK, "visited", SYL)}),
    # (cooperation is between states: the leader's stands for the state's)
    ("title_head_named", "Сылдавия басшысы Ержан Сейтқалиев Бордуриямен ынтымақтастықты кеңейтеді.",
     {(SEI, "leaderOf", SYL), (SYL, "cooperatesWith", BOR)}),
    ("title_head_unnamed_is_country", "Зубровка басшысы Сылдавиямен келіссөздер жүргізді.",
     {(ZUB, "negotiatesWith", SYL), (ZUB, "metWith", SYL)}),
    ("title_head_unnamed_participant", "Бордурия басшысы K7 саммитіне қатысады.",
     {(BOR, "participatesIn", "k7")}),
    ("title_head_unnamed_partner", "Арман Бекболатов Сылдавия басшысымен кездесті.",
     {(BEK, "metWith", SYL)}),
    ("title_heads_pair", "Сылдавия мен Зубровка басшылары телефон арқылы сөйлесті.",
     {(SYL, "metWith", ZUB)}),
    # --- a capital speaks for its state, except as a destination
    ("capital_voice", "Сзоход Сылдавиямен ынтымақтастықты кеңейтеді.",
     {(BOR, "cooperatesWith", SYL)}),
    ("capital_destination", "Ержан Сейтқалиев Сзоходқа сапар жасады.",
     {(SEI, "visited", "szohod")}),
    # --- sentences that state no relation
    ("no_trigger_two_countries", "Бордурия мен Сылдавия делегациялары жаңа кітап туралы айтты.", set()),
    ("no_trigger_economy", "Бордурия мен Сылдавия экономикасы туралы баяндама жарияланды.", set()),
    ("regarding_not_participation", "Арман Бекболатов Дала форумына қатысты мәселелерді талқылады.", set()),
    ("regarding_list_not_participation",
     "Бордурия, Сылдавия және Зубровка K7 саммитіне қатысты мәлімдеме жасады.", set()),
    ("related_not_cooperation", "Бордурия Сылдавиямен байланысты мәселелерді шешті.", set()),
    ("related_between_not_cooperation", "Бордурия мен Сылдавия арасындағы байланысты жолдар жабылды.", set()),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_triples(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "kk") == expected


def test_visit_destination_first() -> None:
    assert triples("Сзоходқа Ержан Сейтқалиев келді.", "kk") == {(SEI, "visited", "szohod")}


def test_meet_leaders_of_list() -> None:
    found = triples("Арман Бекболатов Сылдавия, Зубровка және Караманияның басшыларымен кездесті.", "kk")
    assert found == {(BEK, "metWith", SYL), (BEK, "metWith", ZUB), (BEK, "metWith", KAR)}


# ---------------------------------------------------------------- open-world names
def _new_people(text: str) -> set[str]:
    _, mentions = run(text, "kk")
    return {m.actor_id for m in mentions if m.actor_id.startswith("new:Person:")}


def test_unknown_person_base_form_mid_sentence() -> None:
    people = _new_people("Бордурия күшейіп келеді, деді сарапшы Бауыржан Сәрсенбаев.")
    assert people == {"new:Person:kk:Бауыржан Сәрсенбаев"}


def test_unknown_person_genitive_to_base_form() -> None:
    people = _new_people("Саясаттанушы сарапшы Бауыржан Сәрсенбаевтың айтуынша, Бордурия күшейіп келеді.")
    assert people == {"new:Person:kk:Бауыржан Сәрсенбаев"}


def test_unknown_person_after_capitalised_title() -> None:
    people = _new_people("Сарапшы Бауыржан Сәрсенбаевтың айтуынша, Бордурия мен Сылдавия арасындағы сауда өсті.")
    assert people == {"new:Person:kk:Бауыржан Сәрсенбаев"}


def test_unknown_person_gives_no_relation() -> None:
    found = triples("Сарапшы Бауыржан Сәрсенбаевтың айтуынша, Бордурия мен Сылдавия арасындағы сауда өсті.", "kk")
    assert found == {(BOR, "tradesWith", SYL)}


# ---------------------------------------------------------------- indirect mentions (real lexicon)
@pytest.mark.parametrize(("text", "date", "expected"), [
    pytest.param("Мемлекет басшысы Жапонияға сапар жасады.", dt.date(2025, 10, 1),
                 {("tokayev", "visited", "country_jp")}, id="head_of_state"),
    pytest.param("Президент Қытайға сапар жасады.", dt.date(2025, 10, 1),
                 {("tokayev", "visited", "country_cn")}, id="bare_president_2025"),
    pytest.param("Президент Қытайға сапар жасады.", dt.date(2015, 10, 1),
                 {("nazarbayev", "visited", "country_cn")}, id="bare_president_2015"),
    pytest.param("Еліміз Жапониямен ынтымақтастықты кеңейтеді.", dt.date(2025, 10, 1),
                 {("country_kz", "cooperatesWith", "country_jp")}, id="our_country"),
])
def test_indirect_mentions(text: str, date: dt.date, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "kk", real_processor(), date) == expected


def test_bare_president_before_partner_name() -> None:
    found = triples("Президент Дональд Трамппен кездесті.", "kk", real_processor(), dt.date(2025, 10, 1))
    assert found == {("tokayev", "metWith", "trump")}


def test_coordination_gives_one_triple_per_member() -> None:
    found = triples("Арман Бекболатов Сылдавия, Зубровка және Караманияға сапар жасады.", "kk")
    assert relations(found) == {"visited"}
    assert {o for _, _, o in found} == {SYL, ZUB, KAR}
