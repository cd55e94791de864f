"""Russian visits: who travels where, pronouns for the traveller, the host of an invitation is no
traveller, and a city visited is a visit to its state. Sentences of our own on the fictional lexicon
(Клов lies in Сылдавия, Сзоход is the capital of Бордурия).
"""

from __future__ import annotations

import pytest
from extract_helpers import real_processor, run, triples

BOR, SYL = "country_borduria", "country_syldavia"
BEK, SEI = "bekbolatov", "seitkaliyev"
TO_KLOW = {(BEK, "visited", "klow"), (BEK, "visited", SYL)}

CASES: list[tuple[str, str, set[tuple[str, str, str]]]] = [
    # "тот": the other person of the sentence before
    ("the_latter", "Ержан Сейткалиев встретился с Арманом Бекболатовым. Тот прибыл в Клов с рабочим визитом.",
     {(SEI, "metWith", BEK)} | TO_KLOW),
    # "он": the subject of the sentence before
    ("he_the_subject", "Арман Бекболатов встретился с Ержаном Сейткалиевым. Он посетил Клов.",
     {(BEK, "metWith", SEI)} | TO_KLOW),
    # "он" after an unnamed head of state in the same sentence is that state
    ("he_the_unnamed_head", "Ержан Сейткалиев поблагодарил Президента Бордурии за то, что он посетил Клов.",
     {(BOR, "visited", "klow"), (BOR, "visited", SYL)}),
    # the traveller after the verb, the destination before it
    ("destination_first", "В Клов приедет президент Бордурии Арман Бекболатов.", {(BEK, "leaderOf", BOR)} | TO_KLOW),
    # the host of "по приглашению X" is no traveller
    ("host_of_invitation", "Арман Бекболатов по приглашению Ержана Сейткалиева находится с визитом в Клове.",
     {(SEI, "invited", BEK)} | TO_KLOW),
    # an invitation to visit: the invitee is to travel (a planned visit); an invitation accepted is a visit
    ("invited_to_visit", "Арман Бекболатов пригласил Ержана Сейткалиева на переговоры и посетить Сзоход.",
     {(BEK, "invited", SEI), (SEI, "visited", "szohod"), (SEI, "visited", "country_borduria")}),
    ("invitation_accepted", "Арман Бекболатов принял приглашение и посетил Клов.", TO_KLOW),
    ("went_on_to", "Арман Бекболатов завершил визит в Зубровку и направился в Клов.",
     {(BEK, "visited", "country_zubrowka")} | TO_KLOW),
    # "в этой стране": the state named last before it (the host of the invitation is no traveller)
    ("this_country", "Глава Бордурии по приглашению Президента Сылдавии находится в этой стране с официальным "
     "визитом.", {(BOR, "visited", SYL), (SYL, "invited", BOR)}),
    # "Бекболатова" is Бекболатов's genitive here, not the name of Айгуль Бекболатова
    ("genitive_not_the_namesake", "Визит Бекболатова в Клов прошёл успешно.", TO_KLOW),
    ("the_namesake", "Айгуль Бекболатова посетила Клов.",
     {("bekbolatova", "visited", "klow"), ("bekbolatova", "visited", SYL)}),
    ("flew_to", "Арман Бекболатов вылетел в Клов.", TO_KLOW),
    # a head of state at home visits neither his state nor its cities
    ("at_home", "Арман Бекболатов прибыл в Сзоход.", set()),
    # a site in a city: the site lies there, and the visit is to the city
    ("site_in_a_city", "Ержан Сейткалиев посетил Центр степной культуры Сзохода.",
     {("new:Organization:ru:Центр степной культуры", "locatedIn", "szohod"), (SEI, "visited", "szohod"),
      (SEI, "visited", BOR)}),
    # a pronoun with nobody before it is no one
    ("pronoun_without_antecedent", "Тот прибыл в Клов.", set()),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_visits(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru") == expected


def test_a_pronoun_is_no_name() -> None:
    _, mentions = run("Тот прибыл в Клов.", "ru")
    assert [m.actor_id for m in mentions] == ["klow"]


@pytest.mark.parametrize(("text", "expected"), [
    # the place first, the traveller after the verb
    pytest.param("Астану посетил Арно Вейл.",
                 {("new:Person:ru:Арно Вейл", "visited", "astana"),
                  ("new:Person:ru:Арно Вейл", "visited", "country_kz")},
                 id="object_first"),
    # a body's delegation travels for it
    pytest.param("В Астану прибыла делегация Всемирного банка.",
                 {("world_bank", "visited", "astana"), ("world_bank", "visited", "country_kz")}, id="body_delegation"),
])
def test_visits_real(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru", real_processor()) == expected
