"""English participation, invitations and relations between the states people act for (kg/extract/en.py)."""

from __future__ import annotations

import pytest
from extract_helpers import Spo, triples

B, S, Z = "country_borduria", "country_syldavia", "country_zubrowka"
BEK, SEIT, MUSK = "bekbolatov", "seitkaliyev", "muskar"


@pytest.mark.parametrize(("text", "expected"), [
    # the gathering after an event noun and "of"
    ("Muskar will participate in the fourth edition of the Steppe Forum.", {(MUSK, "participatesIn", "steppe_forum")}),
    ("Muskar will take part in the opening summit of the Heads of State of K7.", {(MUSK, "participatesIn", "k7")}),
    # a speaker at a gathering takes part in it
    ("Bekbolatov told the 5th summit of K7 in Klow that trade must grow.", {(BEK, "participatesIn", "k7")}),
    ("Seitkaliyev addressed the Steppe Forum on Monday.", {(SEIT, "participatesIn", "steppe_forum")}),
    # an invitation to take part names its gathering
    ("Bekbolatov invited Muskar to participate in the Steppe Forum.",
     {(BEK, "invited", MUSK), (MUSK, "invitedTo", "steppe_forum")}),
    # people who discuss cooperation or trade stand for their states
    ("Bekbolatov and Seitkaliyev discussed cooperation in energy.", {(B, "cooperatesWith", S)}),
    # "the two leaders": the last two people who met
    ("Bekbolatov met Seitkaliyev in Klow. The two leaders discussed trade.", {(B, "tradesWith", S)}),
    # "bilateral": between the last two states, here those of the two people who met
    ("Bekbolatov held talks with Seitkaliyev. The talks focused on expanding bilateral trade.", {(B, "tradesWith", S)}),
    # the subject of a trigger in an adverbial farther back
    ("Bekbolatov and Seitkaliyev discussed energy during a May 5 meeting in Klow.", {(BEK, "metWith", SEIT)}),
])
def test_patterns(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


@pytest.mark.parametrize(("text", "wrong"), [
    ("Bekbolatov and Seitkaliyev discussed cooperation in energy.", (BEK, "cooperatesWith", SEIT)),
    # "their relations between A and B": the owner's relations with each, not A's with B
    ("Borduria tries to balance its relations between Syldavia and Zubrowka.", (S, "cooperatesWith", Z)),
    # an invitation to take part is no participation
    ("Bekbolatov invited Muskar to participate in the Steppe Forum.", (MUSK, "participatesIn", "steppe_forum")),
    # addressing a person is no participation
    ("Bekbolatov told Muskar that trade must grow.", (BEK, "participatesIn", MUSK)),
])
def test_not_read(text: str, wrong: Spo) -> None:
    assert wrong not in triples(text, "en")
