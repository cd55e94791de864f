"""Russian open-world actors and sources: outlets credited for a report are no actors, Latin names natasha
misses are bodies, an adjective before the second of two names is that name's. Sentences of our own
on the fictional lexicon; the real one where a real state stands beside an invented company.
"""

from __future__ import annotations

import pytest
from extract_helpers import real_processor, triples

BOR, SYL, ZUB = "country_borduria", "country_syldavia", "country_zubrowka"
BEK, SEI = "bekbolatov", "seitkaliyev"
ZENTRA = "new:Organization:ru:Zentra Holding"

CASES: list[tuple[str, str, set[tuple[str, str, str]]]] = [
    ("credit", "Арман Бекболатов пригласил Ержана Сейткалиева на саммит K7, сообщает Kloviya News.",
     {(BEK, "invited", SEI), (SEI, "invitedTo", "k7")}),
    ("dateline", "КЛОВ, 3 мая — Kloviya News. Арман Бекболатов посетил Клов.",
     {(BEK, "visited", "klow"), (BEK, "visited", SYL)}),
    ("according_to", "По данным Kloviya News, Бордурия и Сылдавия подписали соглашение.",
     {(BOR, "cooperatesWith", SYL)}),
    ("correspondent_of", "Как передает корреспондент Kloviya News, Арман Бекболатов прибыл в Клов.",
     {(BEK, "visited", "klow"), (BEK, "visited", SYL)}),
    # a run of Latin words is a body's name, here without a case
    ("latin_names_between", "Соглашение между Zentra Holding и Кловойл подписано в Клове.",
     {(ZENTRA, "cooperatesWith", "klowoil")}),
    # a name after a noun of its kind stands in the noun's case: here no subject of the main verb
    ("name_in_its_kinds_case", "Отто Мускар, который возглавляет компанию Кловойл, посетил Клов.",
     {("muskar", "leaderOf", "klowoil"), ("muskar", "visited", "klow"), ("muskar", "visited", SYL)}),
    # a pair that is a verb's object is not the pair of a later clause
    ("object_pair", "Арман Бекболатов посетил Сылдавию и Зубровку, где обсудил торговлю.",
     {(BEK, "visited", SYL), (BEK, "visited", ZUB)}),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_actors(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru") == expected


def test_adjective_before_the_second_name_is_that_names() -> None:
    found = triples("Казахстан и американская Zentra Holding подписали соглашение.", "ru", real_processor())
    assert found == {("country_kz", "cooperatesWith", ZENTRA)}


@pytest.mark.parametrize(("text", "expected"), [
    # a national adjective with a company noun before a name describes the name, not a group of the state
    pytest.param("Японская компания Zentra Holding намерена инвестировать в казахстанскую экономику.",
                 {(ZENTRA, "investsIn", "country_kz")}, id="named_company_and_national_economy"),
    pytest.param("Китайские компании инвестировали в экономику Казахстана.",
                 {("country_cn", "investsIn", "country_kz")}, id="national_group"),
])
def test_national_adjectives(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru", real_processor()) == expected


@pytest.mark.parametrize(("text", "actor"), [
    # a known surname after another first name, known or not to the dictionary, is another person
    pytest.param("Лео Карлин прибыл в Клов.", "new:Person:ru:Лео Карлин", id="other_first_name"),
    pytest.param("Посол Бордурии Масато Карлин прибыл в Клов.", "new:Person:ru:Масато Карлин", id="unknown_first_name"),
    # the known person's own first name, or none, is the known person
    pytest.param("Посол Бордурии Иво Карлин прибыл в Клов.", "karlin", id="own_first_name"),
    pytest.param("Министр Карлин прибыл в Клов.", "karlin", id="surname_alone"),
])
def test_surname_of_another_bearer(text: str, actor: str) -> None:
    assert (actor, "visited", "klow") in triples(text, "ru")
