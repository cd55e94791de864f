"""Kazakh titles: who holds an office and for whom, on self-written sentences with fictional actors.

A title stands between its owner and its holder ("Бордурия президенті Арман Бекболатов"); the
phrase may hold the words of an office ("сыртқы істер және қауіпсіздік саясаты жөніндегі
жоғары өкілі"), the post's host country ("Сылдавиядағы елшісі"), two titles of one person
("... орынбасары – Сыртқы істер министрі") or a genitive that makes the holder a deputy, not
the leader ("үкіметі төрағасының бірінші орынбасары").
"""

from __future__ import annotations

import pytest
from extract_helpers import run, triples

BOR, SYL, ZUB = "country_borduria", "country_syldavia", "country_zubrowka"
BEK, SEI = "bekbolatov", "seitkaliyev"
OSP = "new:Person:kk:Марат Оспанов"

CASES: list[tuple[str, str, set[tuple[str, str, str]]]] = [
    ("ambassador_host_is_not_owner", "Бордурияның Сылдавиядағы елшісі Марат Оспанов баспасөзге сұхбат берді.",
     {(OSP, "affiliatedWith", BOR)}),
    ("ambassador_new_host", "Бордурияның Сылдавиядағы жаңа елшісі Марат Оспанов сұхбат берді.",
     {(OSP, "affiliatedWith", BOR)}),
    ("deputy_of_the_head_is_no_leader", "Бордурия үкіметі төрағасының бірінші орынбасары Марат Оспанов "
     "Сылдавияға барды.", {(OSP, "affiliatedWith", BOR), (OSP, "visited", SYL)}),
    ("two_titles_joined_by_a_dash", "Бордурия Премьер-Министрінің орынбасары – Сыртқы істер министрі Марат "
     "Оспанов Клов қаласына барды.", {(OSP, "affiliatedWith", BOR), (OSP, "visited", "klow")}),
    ("long_office_name", "Дала альянсының сыртқы істер және қауіпсіздік саясаты жөніндегі жоғары өкілі Марат "
     "Оспанов сұхбат берді.", {(OSP, "affiliatedWith", "steppe_alliance")}),
    ("head_of_a_body_of_the_state", "Бордурия сыртқы саяси ведомствосының басшысы Марат Оспанов сұхбат берді.",
     {(OSP, "affiliatedWith", BOR)}),
    ("titles_listed_with_a_comma", "Сылдавияның Тақ мұрагері, Премьер-министрі Марат Оспанов сұхбат берді.",
     {(OSP, "leaderOf", SYL)}),
    ("title_in_every_case_form", "Арман Бекболатов Зубровка премьер-министрі Марат Оспановпен кездесті.",
     {(OSP, "leaderOf", ZUB), (BEK, "metWith", OSP)}),
    # with no owner named, the office the lexicon gives the holder on the date
    ("owner_from_the_lexicon", "Бүгін президент Арман Бекболатов Клов қаласына барды.",
     {(BEK, "leaderOf", BOR), (BEK, "visited", "klow")}),
    # a gathering in the dative before the title owns nothing
    ("dative_gathering_is_no_owner", "Дала форумына президент Арман Бекболатовтың сапары жоспарланды.",
     {(BEK, "leaderOf", BOR), (BEK, "participatesIn", "steppe_forum")}),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_titles(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "kk") == expected


def test_name_after_a_title_is_a_person_in_base_form() -> None:
    _, mentions = run("Сылдавияның жаңа елшісі Пьер Дюранға сенім грамотасы тапсырылды.", "kk")
    people = {m.actor_id for m in mentions if m.actor_id.startswith("new:Person:")}
    assert people == {"new:Person:kk:Пьер Дюран"}


def test_name_after_a_title_not_a_city() -> None:
    _, mentions = run("Министр Ақсу Жаңа қаласына барды.", "kk")
    assert not any(m.actor_id.startswith("new:Person:") for m in mentions)


def test_unnamed_head_is_the_named_holder() -> None:
    found = triples("Арман Бекболатов Клов қаласына келді. Бордурия президенті Сылдавиямен келіссөздер жүргізді.",
                    "kk")
    assert (BEK, "negotiatesWith", SYL) in found
    assert (BOR, "negotiatesWith", SYL) not in found


def test_unnamed_head_not_named_is_the_country() -> None:
    found = triples("Бордурия президенті Сылдавиямен келіссөздер жүргізді.", "kk")
    assert (BOR, "negotiatesWith", SYL) in found


def test_person_in_cooperation_stands_for_their_state() -> None:
    found = triples("Бордурия сыртқы істер министрі Марат Оспанов Сылдавиямен ынтымақтастықты дамыту маңызды "
                    "екенін айтты.", "kk")
    assert found == {(OSP, "affiliatedWith", BOR), (BOR, "cooperatesWith", SYL)}


def test_a_name_the_office_is_about_is_no_owner() -> None:
    found = triples("Дала альянсының Сылдавия жөніндегі арнаулы өкілі Марат Оспанов Кловта болды.", "kk")
    assert found == {(OSP, "affiliatedWith", "steppe_alliance"), (OSP, "visited", "klow")}


def test_a_body_name_starts_at_no_sentence_opener() -> None:
    _, mentions = run("Бұл туралы Сыртқы істер министрлігінің ресми өкілі Марат Оспанов айтты.", "kk")
    orgs = {m.actor_id for m in mentions if m.actor_id.startswith("new:Organization:")}
    assert orgs == {"new:Organization:kk:Сыртқы істер министрлігі"}


def test_investment_in_a_sector_of_a_state() -> None:
    found = triples("Бордурия компаниялары Сылдавияның мұнай-газ саласына инвестиция салды.", "kk")
    assert found == {(BOR, "investsIn", SYL)}


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Е.Сейтқалиев Бордурия президентінің бастамаларын оң бағалап, оларды қолдайтынын айтты.",
                 {(SEI, "supports", BOR)}, id="support_for_an_owners_initiatives"),
    pytest.param("Е.Сейтқалиевтің Кловқа іссапары басталды.", {(SEI, "visited", "klow")},
                 id="initial_glued_to_a_surname_and_a_business_trip"),
    pytest.param("Сылдавия мемлекетінің басшысы Марат Оспанов сұхбат берді.", {(OSP, "leaderOf", SYL)},
                 id="state_noun_after_the_owner"),
])
def test_support_initials_state_nouns(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "kk") == expected


def test_who_served_in_a_body_is_affiliated_with_it() -> None:
    found = triples("Сылдавия елшісі Пьер Дюран келді. Дюран Мемлекеттік департаментте 25 жыл қызмет атқарған.", "kk")
    assert found == {("new:Person:kk:Пьер Дюран", "affiliatedWith", SYL),
                     ("new:Person:kk:Пьер Дюран", "affiliatedWith", "new:Organization:kk:Мемлекеттік департамент")}


def test_who_worked_in_a_state_is_not_affiliated_with_it() -> None:
    assert triples("Марат Оспанов Сылдавияда 10 жыл жұмыс істеді.", "kk") == set()


def test_a_states_body_keeps_the_state_in_its_name() -> None:
    found = triples("Бордурия Қаржы министрлігі Сылдавияның «Алтынкен» және «Кловойл» компанияларына санкция салды.",
                    "kk")
    assert found == {("new:Organization:kk:Бордурия Қаржы министрлігі", "pressures", "klowoil")}


def test_plural_title_pairs_owners_and_holders_in_order() -> None:
    found = triples("Бордурия мен Сылдавия премьер-министрлері Марат Оспанов пен Пьер Дюран телефон арқылы сөйлесті.",
                    "kk")
    assert found == {(OSP, "leaderOf", BOR), ("new:Person:kk:Пьер Дюран", "leaderOf", SYL),
                     (OSP, "metWith", "new:Person:kk:Пьер Дюран")}


def test_a_person_owns_no_title_and_an_honorific_may_stand_before_the_name() -> None:
    found = triples("Арман Бекболатов Зубровка әмірі шейх Хамад Әл Танимен келіссөздер жүргізді.", "kk")
    assert found == {("new:Person:kk:Хамад Әл Тани", "leaderOf", ZUB),
                     (BEK, "negotiatesWith", "new:Person:kk:Хамад Әл Тани"),
                     (BEK, "metWith", "new:Person:kk:Хамад Әл Тани")}


def test_one_word_name_after_a_monarchs_title() -> None:
    found = triples("Арман Бекболатов Зубровка императоры Нарухитомен кездесті.", "kk")
    assert found == {("new:Person:kk:Нарухито", "leaderOf", ZUB), (BEK, "metWith", "new:Person:kk:Нарухито")}


def test_long_name_with_particles_and_a_sultanate() -> None:
    found = triples("Марат Оспанов Зубровка Сұлтандығының Сыртқы істер министрі Бадр бин Хамад Әл Бусаидимен кездесті.",
                    "kk")
    assert found == {("new:Person:kk:Бадр бин Хамад Әл Бусаиди", "affiliatedWith", ZUB),
                     ("new:Person:kk:Марат Оспанов", "metWith", "new:Person:kk:Бадр бин Хамад Әл Бусаиди")}
