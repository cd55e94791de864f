"""English names the lexicon lacks or spells otherwise (kg/mentions/en.py), and the relations they take part in."""

from __future__ import annotations

import pytest
from extract_helpers import Spo, real_processor, run, triples

B, S, Z = "country_borduria", "country_syldavia", "country_zubrowka"
BEK, SEIT, MUSK = "bekbolatov", "seitkaliyev", "muskar"


@pytest.mark.parametrize(("text", "expected"), [
    # a name spelt out before its acronym is the acronym's actor
    ("Otto Muskar, Chairman of the Steppe Development and Reconstruction Bank (SDB), visited Klow.",
     {(MUSK, "leaderOf", "sdb"), (MUSK, "visited", "klow")}),
    # names joined into a meeting's name, with its number: one new event, its name as written
    ("Muskar took part in the 3rd Borduria-Syldavia Ministerial Meeting in Klow.",
     {(MUSK, "participatesIn", "new:Event:en:3rd Borduria-Syldavia Ministerial Meeting"),
      ("klow", "hosts", "new:Event:en:3rd Borduria-Syldavia Ministerial Meeting")}),
    ("Muskar attended the Borduria + Zubrowka Dialogue.",
     {(MUSK, "participatesIn", "new:Organization:en:Borduria + Zubrowka Dialogue")}),
    # a capitalised name ending in a gathering's word is an event
    ("Muskar attended the Second Global Steppe Summit.",
     {(MUSK, "participatesIn", "new:Event:en:Second Global Steppe Summit")}),
    # an event named by its year
    ("Bekbolatov praised the successful holding of EXPO 2031 in Klow.", {("klow", "hosts", "new:Event:en:EXPO 2031")}),
    # a one-letter initial before a surname
    ("Energy Minister R Kumarov met Bekbolatov.", {("new:Person:en:R Kumarov", "metWith", BEK)}),
])
def test_unknown_names(text: str, expected: set[Spo]) -> None:
    found = triples(text, "en")
    assert expected <= found, found


def test_two_known_names_joined_are_one_format_not_two_states() -> None:
    found = triples("Muskar took part in the 3rd Borduria-Syldavia Ministerial Meeting in Klow.", "en")
    assert not {t for t in found if t[2] in {B, S}}, found


def test_a_place_after_the_is_no_person() -> None:
    _, mentions = run("Bekbolatov met Muskar at the Zlota Brama in Klow.", "en")
    assert not [m for m in mentions if m.actor_id.startswith("new:Person:")]


def test_a_name_continued_by_a_longer_name_of_the_same_person() -> None:
    _, mentions = run("Emir Sheikh Tamim bin Hamad Al Thani met Tokayev.", "en", real_processor())
    assert not [m for m in mentions if m.actor_id.startswith("new:")], mentions


@pytest.mark.parametrize(("text", "name"), [
    ("Sheikh Hamad bin Khalifa al-Thani met Bekbolatov.", "Hamad bin Khalifa al-Thani"),
    ("Foreign Minister Hans van der Berg visited Klow.", "Hans van der Berg"),
])
def test_particles_inside_a_persons_name(text: str, name: str) -> None:
    _, mentions = run(text, "en")
    assert f"new:Person:en:{name}" in {m.actor_id for m in mentions}, mentions


def test_an_abbreviation_with_dots_is_the_lexicons_without() -> None:
    _, mentions = run("Bekbolatov met officials of the U.K. government.", "en", real_processor())
    assert "country_gb" in {m.actor_id for m in mentions}, mentions


def test_a_spaced_dash_sets_a_person_apart() -> None:
    # a headline's "... — X": X is who says it, not one of the partners
    found = triples("Borduria will trade with Syldavia — Bekbolatov", "en")
    assert (B, "tradesWith", S) in found and (B, "tradesWith", BEK) not in found, found


def test_a_call_for_cooperation_is_no_phone_call() -> None:
    found = triples("Bekbolatov called for cooperation between Borduria and Syldavia.", "en")
    assert (B, "cooperatesWith", S) in found and (B, "metWith", S) not in found, found
