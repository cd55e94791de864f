"""Kazakh gatherings: taking part, where they are held, and the names of gatherings and bodies the lexicon lacks.

Self-written sentences with fictional actors. A gathering or body named by two actors and a
head noun ("Бордурия – Сылдавия ынтымақтастық кеңесі", "Бордурия мен Сылдавияның IV іскерлік
форумы") is one actor labelled in the nominative; a name carries its gathering noun across
plain words, ordinals and a relative form; the place of a gathering stands before the verb.
"""

from __future__ import annotations

import pytest
from extract_helpers import run, triples

BOR, SYL, ZUB = "country_borduria", "country_syldavia", "country_zubrowka"
BEK, SEI = "bekbolatov", "seitkaliyev"
COUNCIL = "new:Organization:kk:Бордурия – Сылдавия ынтымақтастық кеңесі"
FORUM = "new:Event:kk:Бордурия мен Сылдавияның IV іскерлік ынтымақтастық форумы"

CASES: list[tuple[str, str, set[tuple[str, str, str]]]] = [
    ("dash_pair_names_a_body", "Бордурия – Сылдавия ынтымақтастық кеңесінің 5-отырысы Клов қаласында өтті.",
     {("klow", "hosts", COUNCIL)}),
    ("genitive_pair_names_a_forum", "Арман Бекболатов Бордурия мен Сылдавияның IV іскерлік ынтымақтастық форумына "
     "қатысты.", {(BEK, "participatesIn", FORUM)}),
    ("session_of_a_named_forum", "Ержан Сейтқалиев Дала форумының пленарлық отырысына қатысатынын айтты.",
     {(SEI, "participatesIn", "steppe_forum")}),
    ("relative_form_across_name_words", "Ержан Сейтқалиев K7 форматындағы сыртқы істер министрлерінің 4-ші "
     "кеңесіне қатысады.", {(SEI, "participatesIn", "k7")}),
    ("gathering_before_its_place", "Дала альянсының ХІ саммиті келесі жылы Зубровкада өтеді.",
     {(ZUB, "hosts", "steppe_alliance")}),
    ("named_event_before_its_place", "Дала форумы Клов қаласында өтті.", {("klow", "hosts", "steppe_forum")}),
    ("visit_to_a_gathering", "Дала альянсының оныншы саммитіне Арман Бекболатовтың сапары жоспарланды.",
     {(BEK, "participatesIn", "steppe_alliance")}),
    ("who_concludes_a_summit_takes_part", "Дала альянсының саммитін қорытындылаған Бордурия президенті Арман "
     "Бекболатов мәлімдеме жасады.", {(BEK, "participatesIn", "steppe_alliance"), (BEK, "leaderOf", BOR)}),
    ("speech_at_a_summit", "Ержан Сейтқалиев K7 саммитінде сөз сөйледі.", {(SEI, "participatesIn", "k7")}),
    ("first_name_spelt_otherwise", "Бордурия президенті Армантай Бекболатов Клов қаласына барды.",
     {(BEK, "leaderOf", BOR), (BEK, "visited", "klow")}),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_gatherings(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "kk") == expected


def test_roman_numeral_is_no_event() -> None:
    _, mentions = run("Дала альянсының ХІ саммиті келесі жылы Зубровкада өтеді.", "kk")
    assert not any(m.actor_id.startswith("new:") for m in mentions)


def test_word_opening_a_sentence_is_no_first_name() -> None:
    _, mentions = run("Кеше Бекболатов Клов қаласына барды.", "kk")
    assert [m.text for m in mentions if m.actor_id == BEK] == ["Бекболатов"]


MORE: list[tuple[str, str, set[tuple[str, str, str]]]] = [
    ("on_the_sidelines", "Дала форумы аясында Арман Бекболатов Ержан Сейтқалиевпен кездесті.",
     {(BEK, "metWith", SEI), (BEK, "participatesIn", "steppe_forum"), (SEI, "participatesIn", "steppe_forum")}),
    ("on_the_sidelines_of_the_session_just_named", "Дала форумы Клов қаласында өтті. Отырыс аясында Арман "
     "Бекболатов Ержан Сейтқалиевпен кездесті.",
     {("klow", "hosts", "steppe_forum"), (BEK, "metWith", SEI), (BEK, "participatesIn", "steppe_forum"),
      (SEI, "participatesIn", "steppe_forum")}),
    ("a_long_list_of_participants", "K7 саммитіне Бордурия президенті Арман Бекболатов, Сылдавия президенті Ержан "
     "Сейтқалиев және Зубровка премьер-министрі Марат Оспанов қатысты.",
     {(BEK, "leaderOf", BOR), (SEI, "leaderOf", SYL), ("new:Person:kk:Марат Оспанов", "leaderOf", ZUB),
      (BEK, "participatesIn", "k7"), (SEI, "participatesIn", "k7"),
      ("new:Person:kk:Марат Оспанов", "participatesIn", "k7")}),
    ("quoted_name_of_a_forum", "Сзоходта «Дала» халықаралық форумы өтті.",
     {("szohod", "hosts", "new:Event:kk:Дала халықаралық форумы")}),
    ("quoted_name_of_a_site", "Арман Бекболатов «Ақ орда» мемориалдық кешеніне зиярат етті.",
     {(BEK, "visited", "new:Place:kk:Ақ орда")}),
    ("numbered_forum", "7-ші Халықаралық көлік форумы Кловта өтеді.",
     {("klow", "hosts", "new:Event:kk:7-ші Халықаралық көлік форумы")}),
    ("secretary_general_leads", "Дала альянсының Бас хатшысы Марат Оспанов Кловқа барды.",
     {("new:Person:kk:Марат Оспанов", "leaderOf", "steppe_alliance"), ("new:Person:kk:Марат Оспанов", "visited",
                                                                        "klow")}),
    ("joined_an_alliance", "Зубровка Дала альянсына қосылды.", {(ZUB, "memberOf", "steppe_alliance")}),
    ("became_a_member", "Зубровка Дала альянсына мүше болды.", {(ZUB, "memberOf", "steppe_alliance")}),
    ("not_a_member", "Зубровка Дала альянсының мүшесі емес.", set()),
    ("applied_for_membership", "Зубровка Дала альянсына мүшелікке өтініш берді.", set()),
    ("member_states_name_no_member", "Арман Бекболатов Дала альянсына мүше мемлекеттер басшыларының отырысына "
     "қатысты.", {(BEK, "participatesIn", "steppe_alliance")}),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in MORE])
def test_more_gatherings(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "kk") == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Бордурия-Сылдавия ынтымақтастығы жаңа деңгейге көтерілді.", {(BOR, "cooperatesWith", SYL)},
                 id="hyphenated_pair_of_states"),
    pytest.param("Зубровка Дала альянсына қосылуға өтініш берді.", set(), id="applying_to_join_is_no_membership"),
    pytest.param("Бордурия Сылдавия компанияларына санкция салды.", {(BOR, "pressures", SYL)},
                 id="a_states_companies"),
])
def test_pairs_and_groups(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "kk") == expected


def test_ethnic_pair_of_states_real_lexicon() -> None:
    from extract_helpers import real_processor
    found = triples("Қазақ-қытай ынтымақтастығы жаңа деңгейге көтерілді.", "kk", real_processor())
    assert found == {("country_kz", "cooperatesWith", "country_cn")}


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Дала альянсына мүше мемлекеттер басшылары кеңесінің отырысы Кловта өтті.",
                 {("klow", "hosts", "steppe_alliance")}, id="council_of_member_states_meets"),
    pytest.param("Ержан Сейтқалиев Бордурияға ресми сапармен келді. Екі елдің басшылары келіссөздер жүргізді.",
                 {(SEI, "visited", BOR), (SYL, "negotiatesWith", BOR), (SYL, "metWith", BOR)},
                 id="a_visit_makes_the_pair_of_states"),
    pytest.param("Сылдавия премьер-министрі Жан де Вилль Кловқа барды.",
                 {("new:Person:kk:Жан де Вилль", "leaderOf", SYL), ("new:Person:kk:Жан де Вилль", "visited", "klow")},
                 id="name_with_a_particle"),
    pytest.param("Кловта Премьер-министр Арман Бекболатов сөз сөйледі.", {(BEK, "leaderOf", BOR)},
                 id="bare_prime_minister_title"),
])
def test_visits_councils_names(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "kk") == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Арман Бекболатов Дала альянсының 80-сессиясына қатысады.",
                 {(BEK, "participatesIn", "steppe_alliance")}, id="numbered_session_in_its_case"),
    pytest.param("Арман Бекболатов Ержан Сейтқалиевпен бірге Бордурия-Сылдавия бизнес форумына қатысты.",
                 {(BEK, "participatesIn", "new:Event:kk:Бордурия-Сылдавия бизнес форумы"),
                  (SEI, "participatesIn", "new:Event:kk:Бордурия-Сылдавия бизнес форумы")},
                 id="together_with_and_a_hyphenated_forum"),
])
def test_numbered_and_together(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "kk") == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Тараптар Сылдавияда 31 тамыз – 1 қыркүйекте өтетін Дала альянсына мүше мемлекеттер басшылары "
                 "кеңесінің отырысы мен Зубровкада 9 қазанда өтетін K7 екінші саммиті қарсаңында кездесті.",
                 {(SYL, "hosts", "steppe_alliance"), (ZUB, "hosts", "k7")}, id="dates_ordinals_and_sidelines"),
])
def test_places_and_dates(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "kk") == expected
