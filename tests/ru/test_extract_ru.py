"""Russian relation extraction, mechanism by mechanism, on self-written sentences.

The actors are fictional (tests/fixtures/fictional: Бордурия, Сылдавия, Зубровка,
Карамания, the capital Сзоход, the city Клов, Арман Бекболатов who leads Бордурия,
Ержан Сейткалиев who leads Сылдавия, the Степной альянс, the format K7, the project
Золотой путь, the company Кловойл), so that a change of the real lexicon does not break
them. Each case asserts the whole triple set of its sentence: the expected relations are
there and nothing else is.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import real_processor, run, triples

BOR, SYL, ZUB, KAR = "country_borduria", "country_syldavia", "country_zubrowka", "country_karamania"
BEK, SEI = "bekbolatov", "seitkaliyev"

CASES: list[tuple[str, str, set[tuple[str, str, str]]]] = [
    # --- invitation: a noun with genitive agent, dative patient, "на" goal; titles fold in
    ("invite_noun_titles",
     "Приглашение президента Бордурии Армана Бекболатова президенту Сылдавии Ержану Сейткалиеву "
     "на саммит K7 стало неожиданностью.",
     {(BEK, "invited", SEI), (SEI, "invitedTo", "k7"), (BEK, "leaderOf", BOR), (SEI, "leaderOf", SYL)}),
    ("invite_verb", "Бордурия пригласила Сылдавию на саммит K7.",
     {(BOR, "invited", SYL), (SYL, "invitedTo", "k7")}),
    # --- visit
    ("visit_noun", "Арман Бекболатов совершил визит в Сылдавию.", {(BEK, "visited", SYL)}),
    ("visit_verb_list", "Арман Бекболатов посетил Сылдавию, Зубровку и Караманию.",
     {(BEK, "visited", SYL), (BEK, "visited", ZUB), (BEK, "visited", KAR)}),
    ("visit_titled_city", "Президент Бордурии Арман Бекболатов посетил Клов.",
     {(BEK, "leaderOf", BOR), (BEK, "visited", "klow"), (BEK, "visited", SYL)}),
    # --- participation, membership
    ("participate", "Ержан Сейткалиев принял участие в саммите K7.", {(SEI, "participatesIn", "k7")}),
    ("member_declined_name", "Сылдавия является членом Степного альянса.", {(SYL, "memberOf", "steppe_alliance")}),
    ("member_latin_format", "Бордурия является членом K7.", {(BOR, "memberOf", "k7")}),
    # --- meet / negotiate
    ("negotiate_with", "Арман Бекболатов провёл переговоры с Ержаном Сейткалиевым.",
     {(BEK, "negotiatesWith", SEI), (BEK, "metWith", SEI)}),
    ("negotiate_pair", "Бордурия и Сылдавия провели переговоры.",
     {(BOR, "negotiatesWith", SYL), (BOR, "metWith", SYL)}),
    ("meet_titled", "Президент Сылдавии Ержан Сейткалиев встретился с Арманом Бекболатовым.",
     {(SEI, "leaderOf", SYL), (SEI, "metWith", BEK)}),
    ("meet_phone", "Ержан Сейткалиев провёл телефонный разговор с Арманом Бекболатовым.",
     {(SEI, "metWith", BEK)}),
    ("unnamed_head_is_country", "Президент Зубровки провёл переговоры с Ержаном Сейткалиевым.",
     {(ZUB, "negotiatesWith", SEI), (ZUB, "metWith", SEI)}),
    # --- cooperation, competition, trade
    ("cooperate_with", "Бордурия развивает сотрудничество с Сылдавией.", {(BOR, "cooperatesWith", SYL)}),
    ("compete_with", "Бордурия усиливает конкуренцию с Зубровкой.", {(BOR, "competesWith", ZUB)}),
    ("contain_genitive", "Бордурия проводит политику сдерживания Сылдавии.", {(BOR, "competesWith", SYL)}),
    ("trade_between", "Товарооборот между Бордурией и Сылдавией вырос.", {(BOR, "tradesWith", SYL)}),
    # --- investment, pressure
    ("invest_verb", "Кловойл инвестировала в Золотой путь.", {("klowoil", "investsIn", "golden_road")}),
    ("invest_noun_genitive", "Инвестиции Бордурии в Сылдавию выросли.", {(BOR, "investsIn", SYL)}),
    ("sanctions_against", "Санкции Бордурии против Сылдавии ударили по экономике.", {(BOR, "pressures", SYL)}),
    # --- hosts
    ("hosts_future", "Саммит K7 пройдёт в Сзоходе.", {("szohod", "hosts", "k7")}),
    ("hosts_take_place", "Саммит K7 состоится в Клове.", {("klow", "hosts", "k7")}),
    # --- a capital speaks for its state, except as a destination
    ("capital_voice", "Сзоход расширяет сотрудничество с Сылдавией.", {(BOR, "cooperatesWith", SYL)}),
    ("capital_destination", "Ержан Сейткалиев посетил Сзоход.", {(SEI, "visited", "szohod"), (SEI, "visited", BOR)}),
    # --- "принял X": a named person received by a named person is a meeting
    ("receive_person", "Арман Бекболатов принял Ержана Сейткалиева в Сзоходе.", {(BEK, "metWith", SEI)}),
    ("receive_no_person", "Арман Бекболатов принял участие в саммите K7.", {(BEK, "participatesIn", "k7")}),
    # --- a plural office in the genitive inside a title names no one: only the head noun counts
    ("title_inside_title", "Председатель совета министров Бордурии Отто Мускар прибыл в Клов.",
     {("muskar", "leaderOf", BOR), ("muskar", "visited", "klow"), ("muskar", "visited", SYL)}),
    # --- "между странами": the last pair of countries named
    ("between_the_countries", "Бордурия и Сылдавия расширяют сотрудничество. Товарооборот между странами вырос.",
     {(BOR, "cooperatesWith", SYL), (BOR, "tradesWith", SYL)}),
    # --- "по приглашению X": X invited the subject, and the visit is real
    ("invitation_by_genitive", "Арман Бекболатов прибыл в Клов по приглашению Ержана Сейткалиева.",
     {(BEK, "visited", "klow"), (BEK, "visited", SYL), (SEI, "invited", BEK)}),
    # --- "стороны": the pair named last; an agreement between two states is cooperation
    ("talks_then_the_sides", "Бордурия и Сылдавия подписали соглашение. В ходе переговоров стороны обсудили "
     "торговлю.", {(BOR, "cooperatesWith", SYL), (BOR, "negotiatesWith", SYL), (BOR, "metWith", SYL),
                  (BOR, "tradesWith", SYL)}),
    ("sides_are_the_last_pair", "Бордурия и Сылдавия подписали соглашение. Стороны договорились расширять торговлю.",
     {(BOR, "cooperatesWith", SYL), (BOR, "tradesWith", SYL)}),
    # --- sentences that state no relation
    ("no_trigger", "Бордурия и Сылдавия подписали заявление.", set()),
    ("no_trigger_delegations", "Делегации Бордурии и Сылдавии обсудили новую книгу.", set()),
    ("related_not_cooperation", "Бордурия сделала заявление, связанное с Сылдавией.", set()),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_triples(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru") == expected


def test_invest_in_project_noun() -> None:
    found = triples("Кловойл инвестировала в проект Золотой путь.", "ru")
    assert found == {("klowoil", "investsIn", "golden_road")}


def test_invite_short_passive() -> None:
    assert triples("Арман Бекболатов приглашён на саммит K7.", "ru") == {(BEK, "invitedTo", "k7")}


def test_participation_list_subject() -> None:
    found = triples("Бордурия, Сылдавия и Зубровка приняли участие в саммите K7.", "ru")
    assert found == {(BOR, "participatesIn", "k7"), (SYL, "participatesIn", "k7"), (ZUB, "participatesIn", "k7")}


def test_participation_subject_after_verb() -> None:
    found = triples("В саммите K7 приняли участие Бордурия, Сылдавия и Зубровка.", "ru")
    assert found == {(BOR, "participatesIn", "k7"), (SYL, "participatesIn", "k7"), (ZUB, "participatesIn", "k7")}


def test_visit_noun_list() -> None:
    found = triples("Арман Бекболатов совершил визит в Сылдавию, Зубровку и Караманию.", "ru")
    assert found == {(BEK, "visited", SYL), (BEK, "visited", ZUB), (BEK, "visited", KAR)}


# ---------------------------------------------------------------- open-world names (natasha PER)
@pytest.mark.parametrize(("text", "label"), [
    pytest.param("По словам политолога Айдоса Сарымова, ситуация меняется.", "Айдос Сарымов", id="genitive_m"),
    pytest.param("Эксперт Гульнара Жумабаева считает, что Бордурия усилится.", "Гульнара Жумабаева",
                 id="nominative_f"),
])
def test_unknown_person_normalised(text: str, label: str) -> None:
    found, mentions = run(text, "ru")
    people = {m.actor_id for m in mentions if m.actor_id.startswith("new:Person:")}
    assert people == {f"new:Person:ru:{label}"}
    assert found == set()


def test_unknown_person_gives_no_spurious_relation() -> None:
    found = triples("По словам политолога Айдоса Сарымова, Бордурия и Сылдавия расширяют торговлю.", "ru")
    assert found == {(BOR, "tradesWith", SYL)}


# ---------------------------------------------------------------- indirect mentions (real lexicon)
@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Глава государства провёл переговоры с Си Цзиньпином.",
                 {("tokayev", "negotiatesWith", "xi_jinping"), ("tokayev", "metWith", "xi_jinping")},
                 id="head_of_state_partner"),
    pytest.param("Глава государства посетил Японию.", {("tokayev", "visited", "country_jp")},
                 id="head_of_state_visit"),
    pytest.param("Президент посетил Японию.", {("tokayev", "visited", "country_jp")}, id="bare_president"),
    pytest.param("Наша страна развивает сотрудничество с Японией.",
                 {("country_kz", "cooperatesWith", "country_jp")}, id="our_country"),
])
def test_indirect_mentions(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru", real_processor(), dt.date(2025, 10, 1)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an adjective of nationality after the pressure noun names the state pressed
    ("Евросоюз ввёл санкции против ряда российских компаний.", ("eu", "pressures", "country_ru")),
    ("Вашингтон ввёл пошлины на узбекские товары.", ("country_us", "pressures", "country_uz")),
])
def test_pressure_on_a_nationality_adjective(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text, "ru", real_processor())


def test_nationality_adjective_in_the_next_sentence_is_not_the_target() -> None:
    found = triples("Евросоюз ввёл санкции. Российские компании ушли с рынка.", "ru", real_processor())
    assert not {t for t in found if t[1] == "pressures"}, found


def test_national_group_stands_for_its_state() -> None:
    found = triples("Китайские компании инвестировали в экономику Казахстана.", "ru", real_processor())
    assert ("country_cn", "investsIn", "country_kz") in found


def test_trade_partner_adjective_and_investor_of() -> None:
    # "торговый партнёр" is trade (not cooperation); "инвестор" + genitive is where the money goes
    found = triples("Китай остаётся крупнейшим торговым партнёром и инвестором Казахстана.", "ru", real_processor())
    assert found == {("country_cn", "tradesWith", "country_kz"), ("country_cn", "investsIn", "country_kz")}
