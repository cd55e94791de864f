"""English participation, invitations and relations between the states people act for (kg/extract/en.py)."""

from __future__ import annotations

import functools

import pytest
from extract_helpers import FICTIONAL, Spo, real_processor, triples

from en.claims_en import asserting, claims
from kg.lexicon import parse_lexicon
from kg.process import ArticleProcessor

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
    # an invitation to take part is no participation (only a hypothetical one)
    ("Bekbolatov invited Muskar to participate in the Steppe Forum.", (MUSK, "participatesIn", "steppe_forum")),
    # addressing a person is no participation
    ("Bekbolatov told Muskar that trade must grow.", (BEK, "participatesIn", MUSK)),
])
def test_not_read(text: str, wrong: Spo) -> None:
    assert wrong not in asserting(text)


@pytest.mark.parametrize(("text", "expected"), [
    # the subject of a fronted clause is the main clause's
    ("Before visiting Zubrowka, Otto Muskar will take part in the Steppe Forum.",
     {(MUSK, "visited", Z), (MUSK, "participatesIn", "steppe_forum")}),
    # an apposition between the subject and its verb
    ("Klowoil, part of the Grotnik Holding group, has been negotiating with Borduria for months.",
     {("klowoil", "negotiatesWith", B)}),
    # speakers at a gathering take part in it; so do those who hold a body's meeting
    ("Bekbolatov and Seitkaliyev will speak at the first meeting of the Alliance of the Steppe.",
     {(BEK, "participatesIn", "steppe_alliance"), (SEIT, "participatesIn", "steppe_alliance")}),
    ("Bekbolatov and Seitkaliyev held the first meeting of the Alliance of the Steppe on Friday.",
     {(BEK, "participatesIn", "steppe_alliance"), (SEIT, "participatesIn", "steppe_alliance")}),
    # a listed membership, the body named as "it" after a sentence about it
    ("The Alliance of the Steppe is a regional body. Today, it includes four full members, Borduria, Syldavia, "
     "Zubrowka and Karamania, with Klowoil as an observer.",
     {(B, "memberOf", "steppe_alliance"), (S, "memberOf", "steppe_alliance"), (Z, "memberOf", "steppe_alliance")}),
])
def test_more_patterns(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


@pytest.mark.parametrize(("text", "wrong"), [
    # a body negotiating for months meets no one; a listed observer is no member
    ("Klowoil, part of the Grotnik Holding group, has been negotiating with Borduria for months.",
     ("klowoil", "metWith", B)),
    ("Klowoil, part of the Grotnik Holding group, has been negotiating with Borduria for months.",
     ("new:Organization:en:Grotnik Holding", "negotiatesWith", B)),
    ("The Alliance of the Steppe is a regional body. Today, it includes four full members, Borduria, Syldavia, "
     "Zubrowka and Karamania, with Klowoil as an observer.", ("klowoil", "memberOf", "steppe_alliance")),
])
def test_more_not_read(text: str, wrong: Spo) -> None:
    assert wrong not in triples(text, "en")


def test_a_nationality_adjective_invests() -> None:
    found = triples("Both leaders highlighted rising Chinese investment in Kazakhstan.", "en", real_processor())
    assert ("country_cn", "investsIn", "country_kz") in found, found


@pytest.mark.parametrize(("text", "expected"), [
    # "At the summit, X said": X takes part; "the summit" is the gathering named a few sentences back
    ("Muskar took part in the K7 summit in Klow. Trade grew. Prices fell. Banks lent. Ports grew. At the summit, "
     "Bekbolatov said trade must grow.", {(BEK, "participatesIn", "k7")}),
    # "the visit of X to Y"
    ("The sides discussed the results of the visit of Bekbolatov to Syldavia last year.", {(BEK, "visited", S)}),
    # "an invitation from X to Y to attend Z"
    ("Seitkaliyev conveyed an invitation from Bekbolatov to Muskar to attend the Steppe Forum.",
     {(BEK, "invited", MUSK), (MUSK, "invitedTo", "steppe_forum")}),
    # an accepted invitation to visit is a planned visit
    ("Muskar accepted an invitation to visit Borduria next year.", {(MUSK, "visited", B)}),
    # the title said again without the name: its holder
    ("Syldavia's Foreign Minister Otto Muskar arrived in Szohod. Later, Syldavia's minister held talks with "
     "Bekbolatov.", {(MUSK, "negotiatesWith", BEK)}),
])
def test_discourse_and_invitations(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


def test_a_conveyed_invitation_is_no_participation() -> None:
    found = asserting("Seitkaliyev conveyed an invitation from Bekbolatov to Muskar to attend the Steppe Forum.")
    assert not {t for t in found if t[1] == "participatesIn"} and (BEK, "invited", SEIT) not in found, found


def test_the_demonym_title_said_again_is_its_holder() -> None:
    found = triples("Turkish Foreign Minister Hakan Fidan arrived in Astana. The Turkish minister held talks with "
                    "Murat Nurtleu.", "en", real_processor())
    assert ("fidan", "negotiatesWith", "nurtleu") in found, found


@functools.cache
def with_format() -> ArticleProcessor:
    """The fictional lexicon and one format named by its two sides, "Borduria – Syldavia"."""
    actors = (FICTIONAL / "actors.tsv").read_text(encoding="utf-8")
    actors += "bs_format\tOrganization\t\t\t\tBorduria – Syldavia\tБордурия – Сылдавия\tБордурия – Сылдавия\t\t\t\n"
    roles = FICTIONAL / "roles.tsv"
    return ArticleProcessor(lexicon=parse_lexicon([("actors.tsv", actors)],
                                                  (roles.name, roles.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("text", [
    # "the summit (meeting) of A and B", "A will hold a summit with B": the format named "A – B" by the lexicon
    "The summit meeting of Borduria and Syldavia will be held next year, Bekbolatov said.",
    "Borduria is preparing to hold a summit with Syldavia, Bekbolatov said.",
])
def test_a_summit_of_two_sides_is_their_format(text: str) -> None:
    found = {(t.subject, t.relation, t.object): t.speaker for t in claims(text, with_format())}
    assert found.get((B, "participatesIn", "bs_format")) == BEK, found
    assert found.get((S, "participatesIn", "bs_format")) == BEK, found


def test_the_side_that_holds_the_summit_hosts_it() -> None:
    found = {(t.subject, t.relation, t.object): t.modality
             for t in claims("Borduria will hold a summit with Syldavia next spring.", with_format())}
    assert found.get((B, "hosts", "bs_format")) == "Planned", found
    assert (S, "hosts", "bs_format") not in found, found


def test_the_sides_of_a_format_named_by_them_are_its_members() -> None:
    # the summit is planned; that the two sides belong to the format it is named by is not
    found = {(t.subject, t.relation, t.object): t.modality
             for t in claims("Borduria is working on holding the summit of Borduria and Syldavia.", with_format())}
    assert found.get((B, "participatesIn", "bs_format")) == "Planned", found
    assert found.get((S, "memberOf", "bs_format")) == "Asserted", found


def test_two_sides_joined_by_plus_name_their_format() -> None:
    # "A + B" names the format of the two; a sentence all in the speaker's words is theirs, trigger or not
    found = {(t.subject, t.relation, t.object): t.speaker
             for t in claims("«There are formats like Borduria + Syldavia,» Bekbolatov recalled.", with_format())}
    assert found.get((B, "memberOf", "bs_format")) == BEK, found
    assert found.get((S, "memberOf", "bs_format")) == BEK, found
