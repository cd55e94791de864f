"""Russian gatherings: taking part (participatesIn), where they are held (hosts) and gatherings the lexicon
does not know, found by their shape. Sentences of our own on the fictional lexicon
(tests/fixtures/fictional: the format K7, the capital Сзоход, the city Клов).
"""

from __future__ import annotations

import pytest
from extract_helpers import run, triples

BOR, SYL = "country_borduria", "country_syldavia"
BEK, SEI = "bekbolatov", "seitkaliyev"
FORUM = "new:Event:ru:III Степной экономический форум «Клов-2030»"

CASES: list[tuple[str, str, set[tuple[str, str, str]]]] = [
    # the gathering before the trigger, unnamed heads of states listed after it
    ("participants_after_states", "В саммите K7 приняли участие президенты Бордурии и Сылдавии.",
     {(BOR, "participatesIn", "k7"), (SYL, "participatesIn", "k7")}),
    ("part_in_the_work_of", "Арман Бекболатов принял участие в работе саммита K7.", {(BEK, "participatesIn", "k7")}),
    ("was_present", "Арман Бекболатов присутствовал на саммите K7.", {(BEK, "participatesIn", "k7")}),
    ("held_the_meeting", "Бордурия и Сылдавия провели заседание K7.",
     {(BOR, "participatesIn", "k7"), (SYL, "participatesIn", "k7")}),
    ("speaker_takes_part", "Арман Бекболатов выступил на саммите K7.", {(BEK, "participatesIn", "k7")}),
    ("participants_noun", "Участниками саммита K7 стали Бордурия и Сылдавия.",
     {(BOR, "participatesIn", "k7"), (SYL, "participatesIn", "k7")}),
    # the chair takes part; the clause's place hosts
    ("chair_and_place", "Под председательством Армана Бекболатова в Сзоходе прошло заседание K7.",
     {(BEK, "participatesIn", "k7"), ("szohod", "hosts", "k7")}),
    ("sidelines", "На полях саммита K7 Арман Бекболатов встретился с Ержаном Сейткалиевым.",
     {(BEK, "participatesIn", "k7"), (BEK, "metWith", SEI)}),
    ("during_the_summit", "В ходе саммита K7 Бордурия и Сылдавия подписали соглашение.",
     {(BOR, "participatesIn", "k7"), (SYL, "participatesIn", "k7"), (BOR, "cooperatesWith", SYL)}),
    # travelling to a gathering is taking part, not a visit to a place
    ("arrive_at_summit", "Арман Бекболатов прибыл на саммит K7.", {(BEK, "participatesIn", "k7")}),
    ("place_travelled_to_hosts", "В Клов прибыли главы государств для участия в саммите K7.",
     {("klow", "hosts", "k7")}),
    # a place right after a gathering and its date
    ("summit_date_place", "Министры обсудили подготовку к саммиту K7 12 мая в Клове.", {("klow", "hosts", "k7")}),
    # a body named by common words before a known body is its organ, which stands for it
    ("organ_of_a_body", "В Клове состоялось заседание Совета министров иностранных дел Степного альянса.",
     {("klow", "hosts", "steppe_alliance")}),
    # a meeting of a body's council: the body past its council and dates is the one hosted
    ("council_of_the_body", "Министры обсудили подготовку к заседанию Совета глав государств - членов Степного "
     "альянса 5 мая в Клове.", {("klow", "hosts", "steppe_alliance")}),
    # the speaker before "на открытии мероприятия" takes part in the gathering named sentences before
    ("speaker_at_the_opening", "Саммит K7 прошёл в Сзоходе. Бордурия подписала три соглашения. Сылдавия подписала "
     "договор. Зубровка подписала меморандум. Как отметил министр Отто Мускар на открытии мероприятия, Бордурия "
     "растёт.", {("szohod", "hosts", "k7"), ("muskar", "participatesIn", "k7")}),
    # "там" is the place just travelled to
    ("there", "Арман Бекболатов завершил визит в Зубровку и направился в Клов. Там он примет участие в саммите K7.",
     {(BEK, "visited", "country_zubrowka"), (BEK, "visited", "klow"), (BEK, "visited", SYL),
      (BEK, "participatesIn", "k7"), ("klow", "hosts", "k7")}),
    # "по итогам ... заседания X": those who then speak took part
    ("after_the_meeting", "По итогам переговоров и заседания Степного форума Арман Бекболатов и Ержан Сейткалиев "
     "провели брифинг.", {(BEK, "metWith", SEI), (BEK, "negotiatesWith", SEI), (BEK, "participatesIn", "steppe_forum"),
                         (SEI, "participatesIn", "steppe_forum")}),
    # a bare gathering noun is the last one named
    ("bare_event", "Саммит K7 прошёл в Сзоходе. На мероприятие прибыл Ержан Сейткалиев.",
     {("szohod", "hosts", "k7"), (SEI, "participatesIn", "k7")}),
    # a conference of a body on a topic is not the body itself
    ("topic_conference_is_not_the_body", "В Клове прошла конференция K7 по торговле.", set()),
    ("speech_without_gathering", "Арман Бекболатов выступил с заявлением на пресс-конференции.", set()),
    # a gathering the lexicon does not know, with an ordinal and a quoted name; a delegation is its state
    ("named_forum", "Делегация Сылдавии приняла участие в III Степном экономическом форуме «Клов-2030».",
     {(SYL, "participatesIn", FORUM)}),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_gatherings(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru") == expected


@pytest.mark.parametrize(("text", "label"), [
    pytest.param("Делегация прибыла на XXI Форум регионального сотрудничества.",
                 "XXI Форум регионального сотрудничества", id="ordinal_and_complement"),
    pytest.param("Министр выступил на Кловском международном форуме.", "Кловский международный форум",
                 id="capitalised_adjectives_to_nominative"),
    pytest.param("Бордурия примет участие в форуме «Степь и мир» в Клове.", "форум «Степь и мир»", id="quoted"),
])
def test_unknown_gathering_named_in_the_nominative(text: str, label: str) -> None:
    _, mentions = run(text, "ru")
    assert f"new:Event:ru:{label}" in {m.actor_id for m in mentions}


def test_a_capitalised_gathering_noun_alone_is_no_name() -> None:
    _, mentions = run("Форум прошёл в Клове.", "ru")
    assert not [m for m in mentions if m.actor_id.startswith("new:Event:")]


def test_body_with_a_quoted_name_keeps_its_quote_and_inner_names() -> None:
    found = triples("В Клове прошло заседание Совета сотрудничества «Бордурия – Сылдавия».", "ru")
    assert found == {("klow", "hosts", "new:Organization:ru:Совет сотрудничества «Бордурия – Сылдавия»")}
