"""Russian symmetric relations (meetings, talks, cooperation, trade): where the two sides are found.
Sentences of our own on the fictional lexicon; the real one only for adjectives of nationality.
"""

from __future__ import annotations

import pytest
from extract_helpers import real_processor, triples

BOR, SYL = "country_borduria", "country_syldavia"
BEK, SEI = "bekbolatov", "seitkaliyev"
TALKS = {(BEK, "metWith", SEI), (BEK, "negotiatesWith", SEI)}

CASES: list[tuple[str, str, set[tuple[str, str, str]]]] = [
    # a pair in the genitive right after the noun
    ("genitive_pair", "Министры обсудили укрепление партнёрства Бордурии и Сылдавии.", {(BOR, "cooperatesWith", SYL)}),
    # the speaker of "X отметил, что ..." is no side; a head of state speaks for his state, an expert does not
    ("head_of_state_speaks_for_his_state", "Арман Бекболатов отметил, что развитие отношений с Сылдавией является "
     "приоритетом.", {(BOR, "cooperatesWith", SYL)}),
    ("expert_is_no_side", "Эксперт Отто Мускар отметил, что развитие отношений с Сылдавией является приоритетом.",
     set()),
    ("speaker_of_a_clause_with_its_own_sides", "Отто Мускар отметил, что Бордурия и Сылдавия развивают торговлю.",
     {(BOR, "tradesWith", SYL)}),
    # in cooperation a person stands for the state he leads
    ("person_as_state", "Арман Бекболатов развивает сотрудничество с Сылдавией.", {(BOR, "cooperatesWith", SYL)}),
    # the subject before a relative clause is a side of it
    ("relative_clause", "Арман Бекболатов прибыл в Клов, где прошли переговоры с Ержаном Сейткалиевым.",
     TALKS | {(BEK, "visited", "klow"), (BEK, "visited", SYL)}),
    # the pair after an opening phrase
    ("after_the_talks", "По итогам переговоров Арман Бекболатов и Ержан Сейткалиев провели брифинг.", TALKS),
    # the partner in an opening phrase, the subject after it
    ("partner_in_an_opening_phrase", "В ходе встречи с Ержаном Сейткалиевым Арман Бекболатов заявил о поддержке.",
     {(BEK, "metWith", SEI)}),
    ("partner_in_an_opening_phrase_na", "На встрече с Ержаном Сейткалиевым Арман Бекболатов заявил о поддержке.",
     {(BEK, "metWith", SEI)}),
    # the pair after "между" before the noun; the subject left out after "что" is the speaker
    ("between_before_the_noun", "Между Арманом Бекболатовым и Ержаном Сейткалиевым состоялась встреча.",
     {(BEK, "metWith", SEI)}),
    ("speaker_is_the_left_out_subject", "Арман Бекболатов сообщил, что встретился с Ержаном Сейткалиевым.",
     {(BEK, "metWith", SEI)}),
    # a passive reception; credentials handed over at a reception
    ("received_passive", "Арман Бекболатов был принят Ержаном Сейткалиевым.", {(SEI, "metWith", BEK)}),
    ("credentials", "Арман Бекболатов принял верительные грамоты у Ержана Сейткалиева.", {(BEK, "metWith", SEI)}),
    ("partner_as", "Бордурия рассматривает Сылдавию как стратегического партнёра.", {(BOR, "cooperatesWith", SYL)}),
    # "принял" a list of people, "вручил" an award: meetings
    ("received_a_list", "Арман Бекболатов принял Ержана Сейткалиева и Отто Мускара.",
     {(BEK, "metWith", SEI), (BEK, "metWith", "muskar")}),
    ("received_a_counterpart", "Арман Бекболатов принимает в Сзоходе своего сылдавского коллегу Ержана "
     "Сейткалиева.", {(BEK, "metWith", SEI), (SEI, "leaderOf", SYL)}),
    ("a_decision_is_no_guest", "Арман Бекболатов принял решение назначить Отто Мускара послом.", set()),
    # an inverted subject pair before a relative clause
    ("pair_before_which", "Точку поставят Арман Бекболатов и Ержан Сейткалиев, которые сегодня встречаются в Клове.",
     {(BEK, "metWith", SEI)}),
    # an unnamed ambassador is his state
    ("unnamed_ambassador", "Арман Бекболатов принял посла Сылдавии.", {(BEK, "metWith", SYL)}),
    ("a_law_is_no_guest", "Арман Бекболатов принял закон о Сылдавии.", set()),
    ("award_handed", "Арман Бекболатов вручил Ержану Сейткалиеву высшую государственную награду.",
     {(BEK, "metWith", SEI)}),
    ("award_to_a_state_is_no_meeting", "Арман Бекболатов вручил награду Сылдавии.", set()),
    # "X в ходе разговора пригласил Y": the call was between the two
    ("call_then_invitation", "Арман Бекболатов в ходе телефонного разговора пригласил Ержана Сейткалиева посетить "
     "Сзоход.", {(BEK, "invited", SEI), (BEK, "metWith", SEI), (SEI, "visited", "szohod"), (SEI, "visited", BOR)}),
    # meetings with no subject are the traveller's just named; with nobody named, no one's
    ("meetings_of_the_traveller", "Арман Бекболатов прибыл в Клов с визитом. Программа началась со встреч с Ержаном "
     "Сейткалиевым и Отто Мускаром.", {(BEK, "metWith", SEI), (BEK, "metWith", "muskar"), (BEK, "visited", "klow"),
                                        (BEK, "visited", SYL)}),
    ("meetings_of_no_one", "Программа началась со встреч с Ержаном Сейткалиевым.", set()),
    # "принял делегацию во главе с X": the head of the delegation
    ("head_of_a_delegation", "Арман Бекболатов принял делегацию во главе с Ержаном Сейткалиевым.",
     {(BEK, "metWith", SEI)}),
    # "с представителями компании X": the people of a body stand for it
    ("representatives_of_a_company", "Отто Мускар провёл встречу с представителями компании Кловойл.",
     {("muskar", "metWith", "klowoil")}),
    # "с лидерами K7" is no one; the name after it in another case is no holder of the title
    ("leaders_of_a_body", "С лидерами Степного альянса Арман Бекболатов провёл переговоры.", set()),
    # "с руководством X": the leadership stands for its body
    ("leadership_of_a_body", "Отто Мускар провёл переговоры с руководством Кловойл.",
     {("muskar", "metWith", "klowoil"), ("muskar", "negotiatesWith", "klowoil")}),
    # unnamed heads of two states are the states; a capitalised plural title keeps the subject's case
    ("unnamed_heads_talk", "Ранее Президенты Бордурии и Сылдавии провели переговоры.",
     {(BOR, "metWith", SYL), (BOR, "negotiatesWith", SYL)}),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_symmetric(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru") == expected


def test_compound_adjective_of_nationality_is_the_pair() -> None:
    found = triples("Министр отметил рост казахстанско-японского сотрудничества.", "ru", real_processor())
    assert found == {("country_kz", "cooperatesWith", "country_jp")}


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Евросоюз сохраняет статус крупнейшего торгового и инвестиционного партнёра Казахстана.",
                 {("eu", "tradesWith", "country_kz"), ("eu", "investsIn", "country_kz")},
                 id="trade_and_invest_partner"),
    pytest.param("Китай высоко оценил инвестиционный климат Казахстана.", set(),
                 id="investment_climate_is_no_investment"),
])
def test_partner_adjectives(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru", real_processor()) == expected


def test_his_counterpart() -> None:
    # "X и его японский коллега Y": a list across a possessive, the counterpart's state from the adjective; in
    # cooperation the people are their states
    found = triples("Министр иностранных дел Казахстана Арно Вейл и его японский коллега Кен Исида подписали "
                    "меморандум.", "ru", real_processor())
    assert found == {("new:Person:ru:Арно Вейл", "affiliatedWith", "country_kz"),
                     ("new:Person:ru:Кен Исида", "affiliatedWith", "country_jp"),
                     ("country_kz", "cooperatesWith", "country_jp")}


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Бордурия выразила поддержку Сылдавии.", {(BOR, "supports", SYL)}, id="support_given"),
    pytest.param("Сылдавия получила поддержку Бордурии.", {(BOR, "supports", SYL)}, id="support_received"),
])
def test_support(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru") == expected
