"""Kazakh meetings and talks in their usual phrasings, on self-written sentences with fictional actors.

The partner in the instrumental, "X-тың қабылдауында болды", credentials handed over, a
meeting co-chaired, "X-тың шақыруымен", and the ones the discourse supplies: "ол" for the
person just spoken of, "мемлекет басшылары" for the last two leaders named, bare "Келіссөздер
барысында" for the pair that just met or the visitor and the state visited.
"""

from __future__ import annotations

import pytest
from extract_helpers import triples

BOR, SYL, ZUB = "country_borduria", "country_syldavia", "country_zubrowka"
BEK, SEI = "bekbolatov", "seitkaliyev"
OSP = "new:Person:kk:Марат Оспанов"
DUR = "new:Person:kk:Пьер Дюран"

CASES: list[tuple[str, str, set[tuple[str, str, str]]]] = [
    ("pronoun_is_the_last_subject", "Арман Бекболатов Клов қаласына барды. Сапар аясында ол Ержан Сейтқалиевпен "
     "келіссөздер жүргізеді.",
     {(BEK, "visited", "klow"), (BEK, "negotiatesWith", SEI), (BEK, "metWith", SEI)}),
    ("ol_before_a_time_noun_is_no_pronoun", "Арман Бекболатов Клов қаласына барды. Ол кезде Сылдавия мен "
     "Зубровка келіссөздер жүргізді.",
     {(BEK, "visited", "klow"), (SYL, "negotiatesWith", ZUB), (SYL, "metWith", ZUB)}),
    ("a_source_is_no_actor", "Ержан Сейтқалиевтің айтуынша, Зубровкамен келіссөздер жалғасады.", set()),
    ("heads_of_state_are_the_last_two_leaders", "Арман Бекболатов пен Ержан Сейтқалиев Клов қаласында "
     "кездесті. Мемлекет басшылары K7 саммитіне қатысады.",
     {(BEK, "metWith", SEI), (BEK, "participatesIn", "k7"), (SEI, "participatesIn", "k7")}),
    ("credentials_handed_over", "Сылдавия елшісі Пьер Дюран Арман Бекболатовқа сенім грамотасын тапсырды.",
     {(DUR, "affiliatedWith", SYL), (DUR, "metWith", BEK)}),
    ("received_by_unnamed_guest", "Бордурия сыртқы істер министрі Марат Оспанов Клов қаласына барды. Сапар "
     "аясында Бордурия сыртқы саяси ведомствосының басшысы Сылдавия президенті Ержан Сейтқалиевтің "
     "қабылдауында болды.",
     {(OSP, "affiliatedWith", BOR), (OSP, "visited", "klow"), (SEI, "leaderOf", SYL), (OSP, "metWith", SEI)}),
    ("at_the_invitation_of", "Зубровка тарапының шақыруымен Бордурия сыртқы істер министрі Марат Оспанов Клов "
     "қаласына барды.",
     {(ZUB, "invited", OSP), (OSP, "affiliatedWith", BOR), (OSP, "visited", "klow")}),
    ("co_chaired_meeting", "Арман Бекболатов пен Ержан Сейтқалиев төрағалығымен Дала форумының отырысы өтті.",
     {(BEK, "participatesIn", "steppe_forum"), (SEI, "participatesIn", "steppe_forum"), (BEK, "metWith", SEI)}),
    # (the talks of officials are also their states' talks)
    ("bare_talks_after_a_meeting", "Арман Бекболатов Ержан Сейтқалиевпен кездесті. Келіссөздер барысында "
     "екіжақты қарым-қатынастар талқыланды.",
     {(BEK, "metWith", SEI), (BEK, "negotiatesWith", SEI), (BOR, "negotiatesWith", SYL), (BOR, "metWith", SYL)}),
    ("bare_talks_after_a_visit", "Арман Бекболатов Клов қаласына ресми сапармен барды. Келіссөздер кезінде "
     "бірқатар құжатқа қол қойылды.",
     {(BEK, "visited", "klow"), (BEK, "negotiatesWith", SYL), (BEK, "metWith", SYL), (BOR, "negotiatesWith", SYL),
      (BOR, "metWith", SYL)}),
    ("talk_noun", "Арман Бекболатов Ержан Сейтқалиевпен әңгімеден кейін мәлімдеме жасады.", {(BEK, "metWith", SEI)}),
    ("meeting_noun_ablative", "Арман Бекболатов Ержан Сейтқалиевпен өткен кездесуден кейін мәлімдеме жасады.",
     {(BEK, "metWith", SEI)}),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_meetings(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "kk") == expected


MORE: list[tuple[str, str, set[tuple[str, str, str]]]] = [
    ("a_title_alone_is_its_last_holder", "Бордурия сыртқы істер министрі Марат Оспанов Клов қаласына барды. Министр "
     "сондай-ақ Ержан Сейтқалиевпен келіссөздер жүргізді.",
     {(OSP, "affiliatedWith", BOR), (OSP, "visited", "klow"), (OSP, "negotiatesWith", SEI), (OSP, "metWith", SEI)}),
    ("surname_of_someone_named_before", "Сылдавияның сыртқы істер министрі Анна Бернер Клов қаласында сөйледі. "
     "Бернер ханым Бордуриямен ынтымақтастықты дамытуға дайын.",
     {("new:Person:kk:Анна Бернер", "affiliatedWith", SYL), (SYL, "cooperatesWith", BOR)}),
    ("the_outlet_of_a_credit_is_no_actor", "Бордурия Сылдавиямен ынтымақтастықты дамытады, деп хабарлайды Кловойл.",
     {(BOR, "cooperatesWith", SYL)}),
    ("the_outlet_of_a_correspondent_is_no_actor", "Бордурия мен Сылдавия келіссөздер жүргізді, деп хабарлайды "
     "Кловойл тілшісі.", {(BOR, "negotiatesWith", SYL), (BOR, "metWith", SYL)}),
    ("an_invitation_to_visit_is_not_to_the_last_summit", "Ержан Сейтқалиев Арман Бекболатовты K7 саммитіне "
     "шақырды. Сондай-ақ ол Марат Оспановты Клов қаласына сапармен келуге шақырды.",
     {(SEI, "invited", BEK), (BEK, "invitedTo", "k7"), (SEI, "invited", OSP)}),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in MORE])
def test_more_meetings(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "kk") == expected


def test_phone_call_to_the_dative() -> None:
    assert triples("Арман Бекболатов Ержан Сейтқалиевке телефон шалды.", "kk") == {(BEK, "metWith", SEI)}


def test_a_person_carries_no_gathering_noun() -> None:
    found = triples("Дала форумы Клов қаласында өтті. Арман Бекболатов форум барысында Ержан Сейтқалиевпен "
                    "кездесті.", "kk")
    assert found == {("klow", "hosts", "steppe_forum"), (BEK, "metWith", SEI), (BEK, "participatesIn", "steppe_forum"),
                     (SEI, "participatesIn", "steppe_forum")}


def test_rare_earths_are_no_meeting() -> None:
    found = triples("Арман Бекболатов Ержан Сейтқалиевпен кездесті. Тараптар сирек кездесетін металдар "
                    "саласындағы ынтымақтастықты талқылады.", "kk")
    assert found == {(BEK, "metWith", SEI), (BOR, "cooperatesWith", SYL)}


def test_invitation_of_the_visit_just_made() -> None:
    found = triples("Арман Бекболатов Сылдавияға мемлекеттік сапармен барды. Сылдавия президенті Ержан "
                    "Сейтқалиевтің шақыруымен өткен сапар аясында екі ел арасында құжаттарға қол қойылды.", "kk")
    assert found == {(BEK, "visited", SYL), (SEI, "leaderOf", SYL), (SEI, "invited", BEK)}


def test_welcomed() -> None:
    found = triples("Арман Бекболатов Ержан Сейтқалиевті Сзоходта қарсы алды.", "kk")
    assert found == {(BEK, "metWith", SEI)}


def test_against_is_no_welcome() -> None:
    assert triples("Бордурия Сылдавияға қарсы шешім алды.", "kk") == set()


def test_leaders_of_a_region_unnamed() -> None:
    from extract_helpers import real_processor
    found = triples("Арман Бекболатов Орталық Азия елдерінің басшыларымен кездесті.", "kk", real_processor())
    assert ("central_asia", "metWith", "new:Person:kk:Арман Бекболатов") in found or \
        ("new:Person:kk:Арман Бекболатов", "metWith", "central_asia") in found


def test_the_owner_of_the_city_visited_is_no_traveller() -> None:
    found = triples("Арман Бекболатов Сылдавияның Клов қаласына барды.", "kk")
    assert found == {(BEK, "visited", "klow"), (BEK, "visited", SYL)}


def test_invited_to_take_part_is_no_participation_yet() -> None:
    found = triples("Арман Бекболатов Сылдавия тарапын Дала форумына қатысуға шақырды.", "kk")
    assert found == {(BEK, "invited", SYL), (SYL, "invitedTo", "steppe_forum")}
