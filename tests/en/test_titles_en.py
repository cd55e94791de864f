"""English titles: each way an office stands next to its holder, on fictional actors (kg/extract/en/titles.py)."""

from __future__ import annotations

import pytest
from extract_helpers import Spo, real_processor, triples

B, S, Z, K = "country_borduria", "country_syldavia", "country_zubrowka", "country_karamania"
BEK, SEIT, MUSK, KARLIN = "bekbolatov", "seitkaliyev", "muskar", "karlin"
KOLAR = "new:Person:en:Boris Kolar"


@pytest.mark.parametrize(("text", "expected"), [
    # a title without its owner: the holder's dated office from the lexicon
    ("President Bekbolatov visited Klow.", {(BEK, "leaderOf", B), (BEK, "visited", "klow")}),
    # a state office filed under a ministry serves the ministry's state too
    ("Foreign Minister Ivo Karlin met Muskar.", {(KARLIN, "affiliatedWith", "mfa_borduria"),
                                                 (KARLIN, "affiliatedWith", B), (KARLIN, "metWith", MUSK)}),
    # "Vice-President": a hyphenated title serves, it does not lead
    ("Otto Muskar, Vice-President of Klowoil, spoke first.", {(MUSK, "affiliatedWith", "klowoil")}),
    # a chain of titles before one name
    ("The High Representative of the Alliance of the Steppe for Energy and Trade Affairs, Vice-President of "
     "Klowoil Otto Muskar arrived in Klow.",
     {(MUSK, "affiliatedWith", "steppe_alliance"), (MUSK, "affiliatedWith", "klowoil"), (MUSK, "visited", "klow")}),
    # an apposition whose owner stands before the title, with a portfolio listed with commas
    ("Otto Muskar, Syldavia's Secretary of State for Energy, Trade and Industry Affairs, will arrive in Klow.",
     {(MUSK, "affiliatedWith", S), (MUSK, "visited", "klow")}),
    # the title, a comma, then its holder
    ("Syldavia's ambassador to Borduria, Otto Muskar, met Bekbolatov.",
     {(MUSK, "affiliatedWith", S), (MUSK, "metWith", BEK)}),
    # portfolio words between the owner and the title
    ("Borduria Energy and Trade Minister Otto Muskar met Seitkaliyev.",
     {(MUSK, "affiliatedWith", B), (MUSK, "metWith", SEIT)}),
    # a plural title pairs owners and holders in order
    ("Presidents of Borduria and Syldavia Arman Bekbolatov and Yerzhan Seitkaliyev held talks.",
     {(BEK, "leaderOf", B), (SEIT, "leaderOf", S), (BEK, "metWith", SEIT)}),
    # the owner after the holder
    ("Emperor Otto Muskar of Zubrowka met Bekbolatov.", {(MUSK, "leaderOf", Z), (MUSK, "metWith", BEK)}),
    # one title, two companies
    ("Otto Muskar, CEO of Klowoil and Grotnik Holding, said the deal was signed.",
     {(MUSK, "leaderOf", "klowoil"), (MUSK, "leaderOf", "new:Organization:en:Grotnik Holding")}),
    # a body with its acronym in brackets before the title
    ("The Alliance of the Steppe (ASP) spokesperson Otto Muskar said so.",
     {(MUSK, "affiliatedWith", "steppe_alliance")}),
])
def test_title_constructions(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


@pytest.mark.parametrize(("text", "wrong"), [
    # a former office is no office
    ("Former President Bekbolatov visited Klow.", (BEK, "leaderOf", B)),
    # the pair of a plural title does not cross
    ("Presidents of Borduria and Syldavia Arman Bekbolatov and Yerzhan Seitkaliyev held talks.", (BEK, "leaderOf", S)),
    # a title reaches only its own holder
    ("President Bekbolatov met Otto Muskar.", (MUSK, "leaderOf", B)),
    ("Syldavia's ambassador to Borduria, Otto Muskar, met Bekbolatov.", (MUSK, "affiliatedWith", B)),
    # a body seated in a capital whose name does not say the state is not the state's
    ("Foreign Minister Ivo Karlin met Muskar.", (KARLIN, "affiliatedWith", "szohod")),
])
def test_title_reaches_only_its_holder(text: str, wrong: Spo) -> None:
    assert wrong not in triples(text, "en")


def test_a_bare_title_is_its_last_holder() -> None:
    found = triples("Emperor Otto Muskar of Zubrowka arrived in Klow. Bekbolatov invited the Emperor to the Steppe "
                    "Forum.", "en")
    assert {(BEK, "invited", MUSK), (MUSK, "invitedTo", "steppe_forum")} <= found, found


def test_a_lone_surname_is_the_full_name_said_before() -> None:
    found = triples("Boris Kolar met Bekbolatov in Klow. Kolar later visited Zubrowka.", "en")
    assert (KOLAR, "visited", Z) in found, found


@pytest.mark.parametrize(("text", "expected"), [
    # an unnamed counterpart of a head of state is the other state's head on that date
    ("Bekbolatov will meet with his Syldavia counterpart in Klow.", {(BEK, "metWith", SEIT)}),
    # a named counterpart serves the state named before the title
    ("Otto Muskar held a meeting with his Syldavia counterpart Yerzhan Seitkaliyev in Klow.",
     {(SEIT, "affiliatedWith", S), (MUSK, "metWith", SEIT)}),
    # "meet with X for talks": the two who meet hold the talks
    ("Muskar will meet with Bekbolatov for high-level talks on energy.",
     {(MUSK, "metWith", BEK), (MUSK, "negotiatesWith", BEK)}),
])
def test_counterparts_and_groups(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


def test_an_unnamed_counterpart_is_no_state() -> None:
    found = triples("Bekbolatov will meet with his Syldavia counterpart in Klow.", "en")
    assert (BEK, "metWith", S) not in found, found


def test_titled_people_listed_after_a_group_serve_its_state() -> None:
    found = triples("Kolar was accompanied by several Iranian officials, including Energy Minister Darius Kolbeh and "
                    "Trade Minister Farid Nowruzi.", "en", real_processor())
    assert {("new:Person:en:Darius Kolbeh", "affiliatedWith", "country_ir"),
            ("new:Person:en:Farid Nowruzi", "affiliatedWith", "country_ir")} <= found, found
