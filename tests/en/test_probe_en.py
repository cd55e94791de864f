"""English mechanisms found on invented news paragraphs: bare titles among several holders, sidelines, observers,
regions named by their adjective, bodies whose names hold title words (kg/extract/en*.py, kg/mentions/en.py)."""

from __future__ import annotations

import pytest
from extract_helpers import Spo, real_processor, run, triples

from en.claims_en import asserting

B, S, Z = "country_borduria", "country_syldavia", "country_zubrowka"
BEK, SEIT, MUSK = "bekbolatov", "seitkaliyev", "muskar"
KARLIN = "karlin"


@pytest.mark.parametrize(("text", "expected"), [
    # those who meet on the sidelines of a gathering take part in it
    ("Bekbolatov met Seitkaliyev on the sidelines of the Steppe Forum.",
     {(BEK, "participatesIn", "steppe_forum"), (SEIT, "participatesIn", "steppe_forum")}),
    # a body's name may hold title words
    ("Otto Muskar, a member of the Senate Foreign Relations Committee, arrived in Klow.",
     {(MUSK, "memberOf", "new:Organization:en:Senate Foreign Relations Committee")}),
    # attending a body's meeting is taking part, and the bare "the summit" is a gathering one addresses
    ("Bekbolatov and Seitkaliyev attended the meeting of K7.", {(BEK, "participatesIn", "k7")}),
    ("Muskar took part in the K7 summit. Bekbolatov addressed the summit.", {(BEK, "participatesIn", "k7")}),
])
def test_fictional(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


@pytest.mark.parametrize(("text", "wrong"), [
    ("Zubrowka joined K7 as an observer in 2020.", (Z, "memberOf", "k7")),
    ("Bekbolatov and Seitkaliyev attended the meeting of K7.", (BEK, "metWith", SEIT)),
])
def test_fictional_not_read(text: str, wrong: Spo) -> None:
    assert wrong not in triples(text, "en")


@pytest.mark.parametrize(("text", "expected", "wrong"), [
    # a bare "the President" among several presidents named is Kazakhstan's in Kazakhstani news
    ("Kazakh President Kassym-Jomart Tokayev spoke by phone with Turkish President Recep Tayyip Erdogan. Later, the "
     "President met with Armenian Prime Minister Nikol Pashinyan.",
     ("tokayev", "metWith", "pashinyan"), ("erdogan", "metWith", "pashinyan")),
    # a region named by its adjective
    ("Tokayev called for closer ties between the Central Asian countries and Germany.",
     ("central_asia", "cooperatesWith", "country_de"), None),
    # unnamed leaders of a region's states are the region
    ("Trump invited the leaders of the five Central Asian states to the C5+1 summit.",
     ("trump", "invited", "central_asia"), None),
    # a region in an envoy's portfolio is no partner of the envoy's meeting
    ("Sergio Gor, the U.S. special envoy for South and Central Asia, met with Uzbek Foreign Minister Bakhtiyor Saidov.",
     ("gor", "metWith", "saidov"), ("central_asia", "metWith", "saidov")),
])
def test_real(text: str, expected: Spo, wrong: Spo | None) -> None:
    found = triples(text, "en", real_processor())
    assert expected in found, found
    assert wrong is None or wrong not in found, found


@pytest.mark.parametrize(("text", "expected"), [
    # a copula or "serves as" before a title with its owner
    ("Muskar is also Deputy Chairman of the Board of Klowoil.", {(MUSK, "affiliatedWith", "klowoil")}),
    ("Otto Muskar serves as Chairman of the Alliance of the Steppe.", {(MUSK, "leaderOf", "steppe_alliance")}),
    # "along with A and B": they are members too
    ("Borduria has been a member of K7 since 1992, along with Syldavia and Zubrowka.",
     {(B, "memberOf", "k7"), (S, "memberOf", "k7"), (Z, "memberOf", "k7")}),
    # a videoconference is a meeting; departing for a city is travelling there
    ("Bekbolatov held a videoconference with Seitkaliyev on Monday.", {(BEK, "metWith", SEIT)}),
    ("The delegation led by Muskar departed for Klow.", set()),
    ("Muskar departed for Klow on Monday.", {(MUSK, "visited", "klow")}),
])
def test_more_fictional(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


def test_applying_to_join_is_no_membership() -> None:
    assert (Z, "memberOf", "k7") not in asserting("Zubrowka applied to join K7 in 1994.")


def test_its_is_the_state_or_body_named_before() -> None:
    found = triples("The summit is part of the Alliance of the Steppe's efforts to deepen its relations with Zubrowka.",
                    "en")
    assert ("steppe_alliance", "cooperatesWith", Z) in found, found


def test_the_region_is_the_region_named_last() -> None:
    found = triples("Kallas will tour the Central Asian countries. Trade grew. She will discuss partnership between "
                    "the European Union and the region.", "en", real_processor())
    assert {("central_asia", "cooperatesWith", "eu"), ("eu", "cooperatesWith", "central_asia")} & found, found


def test_a_body_named_with_a_determiner_is_no_gathering() -> None:
    found = triples("According to the Alliance of the Steppe, the summit will focus on trade. This summit deepens "
                    "relations with Zubrowka.", "en")
    assert ("steppe_alliance", "cooperatesWith", Z) not in found, found


@pytest.mark.parametrize(("text", "expected"), [
    # the antecedent of "who" is the visitor, even when another trigger's object
    ("Bekbolatov received Otto Muskar, who is on a working visit to Borduria.", {(MUSK, "visited", B)}),
    # "A and B, who was in X on a state visit": the last of the list, the place before "on a ... visit"
    ("Seitkaliyev and Otto Muskar, who was in Szohod on a state visit, signed a treaty.",
     {(MUSK, "visited", "szohod")}),
    # an ordinal between the preposition and the name keeps the preposition
    ("Bekbolatov invited Muskar to the second Steppe Forum in Klow.",
     {(BEK, "invited", MUSK), (MUSK, "invitedTo", "steppe_forum")}),
])
def test_relative_clauses_and_ordinals(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


def test_a_meeting_without_its_people_takes_no_topic_country() -> None:
    found = triples("Borduria exports grain. Earlier, Wang held talks in Klow with Otto Muskar.", "en")
    assert (B, "metWith", MUSK) not in found, found


@pytest.mark.parametrize(("text", "expected"), [
    # trade listed among the fields of a cooperation
    ("Bekbolatov and Seitkaliyev discussed cooperation in energy, trade and transport.",
     {(B, "cooperatesWith", S), (B, "tradesWith", S)}),
    # "the talks" right after two people met are their talks
    ("Bekbolatov will meet with Seitkaliyev in Klow. The talks are expected to produce a treaty.",
     {(BEK, "negotiatesWith", SEIT)}),
    # a visitor from elsewhere meets in the city a fronted "In X," names
    ("In Klow, Bekbolatov will meet with Muskar to discuss energy.", {(BEK, "visited", "klow")}),
])
def test_domains_talks_and_fronted_places(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


def test_a_leader_in_a_city_of_their_own_state_visits_nothing() -> None:
    found = triples("In Szohod, Bekbolatov will meet with Muskar to discuss energy.", "en")
    assert not {t for t in found if t[1] == "visited"}, found


@pytest.mark.parametrize(("text", "expected"), [
    # a city, words for a topic and a gathering's noun: one event named as written
    ("Bekbolatov will participate in the opening session of the Klow international energy forum.",
     {(BEK, "participatesIn", "new:Event:en:Klow international energy forum")}),
    # "X's welcoming of Y to Z for the W": Y came to Z, Z hosts W, both take part
    ("The deal coincided with Bekbolatov's welcoming of Otto Muskar to Szohod for the K7 summit.",
     {(MUSK, "visited", "szohod"), ("szohod", "hosts", "k7"), (BEK, "participatesIn", "k7"),
      (MUSK, "participatesIn", "k7")}),
    # signing for a state is acting for it; a minister's portfolio is no part of the name after it
    ("Minister of Industry and Construction Boris Kolar signed the memorandum for Borduria.",
     {("new:Person:en:Boris Kolar", "affiliatedWith", B)}),
    ("Otto Muskar signed the agreement on behalf of Klowoil.", {(MUSK, "affiliatedWith", "klowoil")}),
])
def test_events_welcomes_and_signatures(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


def test_a_city_before_a_verb_is_no_event() -> None:
    found = triples("Bekbolatov said Klow will host the summit next year.", "en")
    assert not {t for t in found if t[0].startswith("new:") or t[2].startswith("new:")}, found


@pytest.mark.parametrize("text", [
    "Borduria and Syldavia could sign a visa-free agreement next year, experts say.",
    "We do not expect Syldavia to impose sanctions on Borduria, the analyst said.",
])
def test_hedges_reach_a_noun_trigger_after_its_verb(text: str) -> None:
    assert not {t for t in asserting(text) if t[1] in {"cooperatesWith", "pressures"}}


def test_not_only_states_the_relation() -> None:
    found = triples("Borduria not only supports Syldavia but also trades with it.", "en")
    assert (B, "supports", S) in found, found


@pytest.mark.parametrize(("text", "expected"), [
    # title words joined by "and" before their owner
    ("Bekbolatov held talks with the Ambassador Extraordinary and Plenipotentiary of Syldavia Otto Muskar.",
     {(MUSK, "affiliatedWith", S), (BEK, "negotiatesWith", MUSK)}),
    # a meeting with a delegation is a meeting with the one who heads it
    ("Bekbolatov held a meeting with a delegation of Klowoil headed by Otto Muskar.", {(BEK, "metWith", MUSK)}),
    # a state body's officer serves the state too
    ("The Bordurian Foreign Ministry spokesperson Otto Muskar said so.",
     {(MUSK, "affiliatedWith", "mfa_borduria"), (MUSK, "affiliatedWith", B)}),
    # two names the lexicon knows joined by a dash, closed by a lower-case gathering noun
    ("Syldavia will host the Borduria – Zubrowka summit in December.",
     {(S, "hosts", "new:Event:en:Borduria – Zubrowka summit")}),
])
def test_more_titles_and_formats(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


@pytest.mark.parametrize(("text", "expected"), [
    ("Fellow K7 members Syldavia and Zubrowka also attended the summit.",
     {(S, "memberOf", "k7"), (Z, "memberOf", "k7")}),
    ("The member states of the Alliance of the Steppe are Borduria, Syldavia and Zubrowka.",
     {(B, "memberOf", "steppe_alliance"), (Z, "memberOf", "steppe_alliance")}),
    # an ordinal between the determiner and the name keeps its preposition
    ("Borduria participated in the 16th K7 summit in Klow as a partner country.", {(B, "participatesIn", "k7")}),
    # hosted by a person in a city
    ("The K7 summit was hosted by Bekbolatov in Szohod.", {(BEK, "hosts", "k7"), ("szohod", "hosts", "k7")}),
    # "The forum, held in X,"
    ("The Steppe Forum, held in Klow on May 29-30, brought together 5,000 delegates.",
     {("klow", "hosts", "steppe_forum")}),
])
def test_members_and_hosts(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


def test_an_unnamed_head_is_the_person_the_article_names() -> None:
    found = triples("Bekbolatov to hold talks with President of Syldavia in Klow. On Monday, he will meet Syldavia's "
                    "President Yerzhan Seitkaliyev.", "en")
    assert (BEK, "negotiatesWith", SEIT) in found and (BEK, "negotiatesWith", S) not in found, found


def test_an_unnamed_head_the_article_never_names_is_the_state() -> None:
    found = triples("Bekbolatov held talks with the President of Syldavia in Klow.", "en")
    assert (BEK, "negotiatesWith", S) in found, found


def test_they_is_the_last_two_people() -> None:
    found = triples("Bekbolatov and Seitkaliyev held talks in Klow. The presidents discussed energy. They set tasks to "
                    "multiply the volume of trade turnover.", "en")
    assert (B, "tradesWith", S) in found, found


def test_they_without_a_pair_is_no_one() -> None:
    found = triples("Experts met in Klow. They set tasks to multiply the volume of trade turnover.", "en")
    assert not found, found


@pytest.mark.parametrize(("text", "expected"), [
    # "The meeting was attended by A, B and C"; "First Deputy ..." is a title, "of Foreign Ministers" no person
    ("The first meeting of the Borduria–Syldavia Council of Foreign Ministers took place in Klow. The meeting was "
     "attended by Foreign Minister of Borduria Ivo Karlin and First Deputy Foreign Minister of Syldavia Otto Muskar.",
     {("klow", "hosts", "new:Organization:en:Borduria–Syldavia Council"), (MUSK, "affiliatedWith", S),
      (KARLIN, "participatesIn", "new:Organization:en:Borduria–Syldavia Council"),
      (MUSK, "participatesIn", "new:Organization:en:Borduria–Syldavia Council")}),
    # the visitor of a "who"-clause after a preposition
    ("Bekbolatov held talks with Otto Muskar, who arrived in Szohod on an official visit.",
     {(MUSK, "visited", "szohod")}),
])
def test_councils_and_attendance(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


def test_a_dateline_city_and_outlet_are_no_actors() -> None:
    found = triples("SZOHOD (Klow Times) – The first meeting of K7 took place on Monday.", "en")
    assert not {t for t in found if t[1] in {"participatesIn", "metWith"}}, found


def test_a_plural_title_after_a_title_word_is_no_person() -> None:
    _, mentions = run("The Council of Foreign Ministers met in Klow.", "en")
    assert not [m for m in mentions if m.actor_id.startswith("new:Person:")], mentions


def test_head_of_state_before_a_name_is_a_title() -> None:
    found = triples("KAZINFORM – Head of State Kassym-Jomart Tokayev arrived in Bishkek on a state visit.", "en",
                    real_processor())
    assert {("tokayev", "leaderOf", "country_kz"), ("tokayev", "visited", "bishkek")} <= found, found
    assert not {t for t in found if t[0] == "kazinform"}, found


def test_a_press_secretary_serves_the_body_before_the_title() -> None:
    found = triples("Klowoil press secretary Boris Kolar said so.", "en")
    assert ("new:Person:en:Boris Kolar", "affiliatedWith", "klowoil") in found, found


@pytest.mark.parametrize(("text", "expected"), [
    # a meeting in a city of another state: the visitor came there
    ("Bekbolatov held talks with Seitkaliyev in Klow on Monday.", {(BEK, "visited", "klow")}),
    # the sidelines a few words before the gathering's name
    ("Bekbolatov met Seitkaliyev on the sidelines of the first Steppe Forum.",
     {(BEK, "participatesIn", "steppe_forum"), (SEIT, "participatesIn", "steppe_forum")}),
])
def test_meetings_in_places_and_sidelines(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


@pytest.mark.parametrize(("text", "wrong"), [
    ("Bekbolatov held talks with Seitkaliyev in Klow on Monday.", (SEIT, "visited", "klow")),
    ("Syldavia is ready to support Zubrowka's accession to K7.", (Z, "memberOf", "k7")),
])
def test_meetings_in_places_not_read(text: str, wrong: Spo) -> None:
    assert wrong not in triples(text, "en")


def test_completed_accession_is_membership() -> None:
    assert (Z, "memberOf", "k7") in triples("Since its accession to K7 in 2010, Zubrowka has grown.", "en")


@pytest.mark.parametrize(("text", "expected", "wrong"), [
    # "its" is no name of its own clause
    ("Syldavia remains Borduria's key partner within K7, while Zubrowka is its largest trading partner.",
     (Z, "tradesWith", B), (Z, "tradesWith", "k7")),
    # sanctions imposed by someone named after "by"
    ("Bekbolatov criticized the sanctions imposed on Syldavia by Zubrowka.", (Z, "pressures", S),
     (BEK, "pressures", S)),
    # an expectation is no fact
    ("Analysts expect Zubrowka to join K7 in the coming years.", None, (Z, "memberOf", "k7")),
    # the owner of a subject opening the sentence acts
    ("Borduria's multi-vector foreign policy balances ties with Syldavia and Zubrowka.", (B, "cooperatesWith", S),
     None),
])
def test_pronouns_agents_and_expectations(text: str, expected: Spo | None, wrong: Spo | None) -> None:
    found = asserting(text)
    assert expected is None or expected in found or (expected[2], expected[1], expected[0]) in found, found
    assert wrong is None or wrong not in found, found


@pytest.mark.parametrize(("text", "expected", "wrong"), [
    # those who act in a "where"-clause about a gathering take part in it
    ("Muskar will take part in the K7 summit in Klow, where he will discuss trade together with representatives "
     "of Borduria and Zubrowka.", {(B, "participatesIn", "k7"), (Z, "participatesIn", "k7")}, None),
    ("The Steppe Forum will open in Klow, where Syldavia's investment climate will be discussed.", set(),
     (S, "participatesIn", "steppe_forum")),
])
def test_where_clauses(text: str, expected: set[Spo], wrong: Spo | None) -> None:
    found = triples(text, "en")
    assert expected <= found, found
    assert wrong is None or wrong not in found, found


def test_words_of_common_nouns_make_no_person() -> None:
    _, mentions = run("The pavilion won in the Expanding Life Opportunities category.", "en")
    assert not [m for m in mentions if m.actor_id.startswith("new:Person:")], mentions
