"""English places and visits: where a city or a body is, and what a visit to a city says (kg/extract/en/places.py)."""

from __future__ import annotations

import pytest
from extract_helpers import Spo, triples

B, S, Z = "country_borduria", "country_syldavia", "country_zubrowka"
BEK, SEIT, MUSK = "bekbolatov", "seitkaliyev", "muskar"


@pytest.mark.parametrize(("text", "expected"), [
    # the state after the city
    ("The K7 summit in Klow, Syldavia, ended on Friday.", {("klow", "locatedIn", S), ("klow", "hosts", "k7")}),
    ("Muskar arrived in Klow, the capital of Syldavia, on Monday.", {("klow", "locatedIn", S)}),
    # the state before the city
    ("Muskar spoke in Syldavia's capital Klow on Monday.", {("klow", "locatedIn", S)}),
    # where a company is
    ("Muskar heads the Syldavia-based Grotnik Holding.", {("new:Organization:en:Grotnik Holding", "locatedIn", S)}),
    # a visit to a city is a visit to its state, the one named or the lexicon's
    ("Muskar arrived in Klow, Syldavia, on Monday.", {(MUSK, "visited", "klow"), (MUSK, "visited", S)}),
    ("Muskar visited Szohod last week.", {(MUSK, "visited", "szohod"), (MUSK, "visited", B)}),
    # a host's guest came to where they were hosted
    ("Bekbolatov hosted Muskar in Szohod on Tuesday.", {(BEK, "metWith", MUSK), (MUSK, "visited", "szohod")}),
    # being welcomed by someone is meeting them
    ("Upon his arrival, Muskar was warmly welcomed by Seitkaliyev.", {(SEIT, "metWith", MUSK)}),
])
def test_places(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


@pytest.mark.parametrize(("text", "wrong"), [
    # a list of places is no place in a state
    ("Muskar will travel to Klow, Syldavia and Zubrowka.", ("klow", "locatedIn", S)),
    # a head of state in a city of their own state visits no state
    ("Bekbolatov visited Szohod last week.", (BEK, "visited", B)),
    # calling a state a partner is no call
    ("Bekbolatov called Syldavia a reliable partner.", (BEK, "metWith", S)),
])
def test_not_read(text: str, wrong: Spo) -> None:
    assert wrong not in triples(text, "en")


def test_the_two_sides_are_the_two_people_who_met() -> None:
    found = triples("Bekbolatov met Seitkaliyev in Klow. Bekbolatov praised Seitkaliyev for his work. The two sides "
                    "signed agreements during the talks.", "en")
    assert {(BEK, "negotiatesWith", SEIT), (BEK, "metWith", SEIT)} <= found, found
    assert (B, "metWith", S) not in found, found


@pytest.mark.parametrize(("text", "expected"), [
    # the state before "capital"/"city of" folds into the place, which keeps its preposition
    ("Muskar arrived in Syldavia's capital Klow on Monday.", {(MUSK, "visited", "klow"), ("klow", "locatedIn", S)}),
    # "the <Demonym> capital" is the capital city
    ("The Kazakh capital hosted the SCO summit.", {("astana", "hosts", "sco")}),
])
def test_capitals_and_cities(text: str, expected: set[Spo]) -> None:
    from extract_helpers import real_processor
    found = triples(text, "en", real_processor() if "Kazakh" in text else None)
    assert expected <= found, found


def test_becoming_a_full_participant_is_membership() -> None:
    assert (Z, "memberOf", "k7") in triples("Zubrowka became a full participant of the K7 format in 2025.", "en")
