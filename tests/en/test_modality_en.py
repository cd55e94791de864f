"""English modality: each cue of kg/extract/en/modality.py on sentences written for the test (fictional actors).

A cue counts only where it governs the trigger: the verb chain before it, the verb whose object it is, the
word before a trigger noun, the clause it opens. Hypothetical and Denied readings are kept (with their
evidence) but assert nothing.
"""

from __future__ import annotations

import pytest
from extract_helpers import Spo

from en.claims_en import asserting, modalities

B, S, Z, K = "country_borduria", "country_syldavia", "country_zubrowka", "country_karamania"
BEK, SEIT, MUSK = "bekbolatov", "seitkaliyev", "muskar"


@pytest.mark.parametrize(("text", "triple", "modality"), [
    # ---- Planned: the future, schedules, plans and intentions
    ("Bekbolatov will visit Zubrowka.", (BEK, "visited", Z), "Planned"),
    ("Borduria shall host the Steppe Forum.", (B, "hosts", "steppe_forum"), "Planned"),
    ("Bekbolatov is expected to visit Zubrowka.", (BEK, "visited", Z), "Planned"),
    ("Bekbolatov plans to visit Zubrowka.", (BEK, "visited", Z), "Planned"),
    ("Bekbolatov intends to meet Muskar.", (BEK, "metWith", MUSK), "Planned"),
    ("Bekbolatov is set to attend the Steppe Forum.", (BEK, "participatesIn", "steppe_forum"), "Planned"),
    ("Bekbolatov is scheduled to hold talks with Muskar.", (BEK, "negotiatesWith", MUSK), "Planned"),
    ("Bekbolatov is to visit Zubrowka.", (BEK, "visited", Z), "Planned"),
    ("Bekbolatov was due to visit Zubrowka.", (BEK, "visited", Z), "Planned"),
    ("Bekbolatov will not only visit Zubrowka but also meet Muskar.", (BEK, "visited", Z), "Planned"),
    ("Bekbolatov and Muskar agreed to meet in Klow.", (BEK, "metWith", MUSK), "Planned"),
    ("Borduria is preparing to host the Steppe Forum.", (B, "hosts", "steppe_forum"), "Planned"),
    ("Borduria is working on holding the Steppe Forum in Szohod.", ("szohod", "hosts", "steppe_forum"), "Planned"),
    # "will" carried to the noun its light verb governs
    ("Bekbolatov will reportedly hold talks with Muskar.", (BEK, "negotiatesWith", MUSK), "Planned"),
    ("Bekbolatov will pay a state visit to Zubrowka.", (BEK, "visited", Z), "Planned"),
    ("Bekbolatov will take part in the Steppe Forum.", (BEK, "participatesIn", "steppe_forum"), "Planned"),
    ("The two leaders are expected to hold a one-on-one meeting.", None, None),
    # a word before the trigger noun
    ("Bekbolatov's upcoming visit to Zubrowka drew attention.", (BEK, "visited", Z), "Planned"),
    ("Bekbolatov's next visit to Zubrowka drew attention.", (BEK, "visited", Z), "Planned"),
    # what a subject trigger noun is said to do
    ("The talks between Borduria and Syldavia are expected to last two days.", (B, "negotiatesWith", S), "Planned"),
    ("The Steppe Forum will be held in Klow.", ("klow", "hosts", "steppe_forum"), "Planned"),
    # a headline's "X to V", an accepted invitation, a purpose after a verb of motion
    ("Bekbolatov to visit Zubrowka", (BEK, "visited", Z), "Planned"),
    ("Muskar accepted an invitation to visit Borduria.", (MUSK, "visited", B), "Planned"),
    ("Muskar arrived in Klow to take part in the Steppe Forum.", (MUSK, "participatesIn", "steppe_forum"),
     "Planned"),
    ("Muskar arrived in Klow to take part in the Steppe Forum.", (MUSK, "visited", "klow"), "Asserted"),
    # a fronted clause is told as its main clause; a phrase of a planned verb is planned with it
    ("Before visiting Zubrowka, Bekbolatov will attend the Steppe Forum.", (BEK, "visited", Z), "Planned"),
    ("Bekbolatov is scheduled to meet Muskar for talks.", (BEK, "negotiatesWith", MUSK), "Planned"),
    ("Bekbolatov will attend the K7 summit in Klow.", ("klow", "hosts", "k7"), "Planned"),
    ("Bekbolatov said he would visit Zubrowka.", (BEK, "visited", Z), "Planned"),
    # a gathering still being prepared for, or ahead of
    ("The ministers discussed preparations for the K7 summit in Klow.", ("klow", "hosts", "k7"), "Planned"),
    ("Ahead of the K7 summit in Klow, Muskar met Bekbolatov.", ("klow", "hosts", "k7"), "Planned"),
    # an aim that is itself the rivalry stays asserted under "wants to"
    ("Borduria wants to weaken the influence of Syldavia.", (B, "competesWith", S), "Asserted"),
    # ---- Hypothetical: possible, conditional, wished, proposed, asked
    ("Bekbolatov may visit Zubrowka.", (BEK, "visited", Z), "Hypothetical"),
    ("Bekbolatov might meet Muskar.", (BEK, "metWith", MUSK), "Hypothetical"),
    ("Borduria could impose sanctions on Zubrowka.", (B, "pressures", Z), "Hypothetical"),
    ("Borduria and Syldavia could sign a cooperation agreement.", (B, "cooperatesWith", S), "Hypothetical"),
    ("Bekbolatov would visit Zubrowka.", (BEK, "visited", Z), "Hypothetical"),
    ("Bekbolatov will possibly visit Zubrowka.", (BEK, "visited", Z), "Hypothetical"),
    ("If Bekbolatov visits Zubrowka, the talks will resume.", (BEK, "visited", Z), "Hypothetical"),
    ("If the talks succeed, Bekbolatov will visit Zubrowka.", (BEK, "visited", Z), "Hypothetical"),
    ("Muskar will come unless Bekbolatov visits Zubrowka.", (BEK, "visited", Z), "Hypothetical"),
    ("Analysts ask whether Borduria supports Syldavia.", (B, "supports", S), "Hypothetical"),
    ("Bekbolatov hopes to visit Zubrowka.", (BEK, "visited", Z), "Hypothetical"),
    ("Bekbolatov hopes that Muskar will visit Borduria.", (MUSK, "visited", B), "Hypothetical"),
    ("Bekbolatov invited Muskar to visit Klow.", (MUSK, "visited", "klow"), "Hypothetical"),
    ("Bekbolatov invited Muskar to visit Klow.", (BEK, "invited", MUSK), "Asserted"),
    ("Bekbolatov called on Borduria to join K7.", (B, "memberOf", "k7"), "Hypothetical"),
    ("Bekbolatov proposed talks with Muskar.", (BEK, "negotiatesWith", MUSK), "Hypothetical"),
    ("Bekbolatov's possible visit to Zubrowka drew attention.", (BEK, "visited", Z), "Hypothetical"),
    ("Analysts expect Zubrowka to join K7.", (Z, "memberOf", "k7"), "Hypothetical"),
    ("Bekbolatov is unlikely to visit Zubrowka.", (BEK, "visited", Z), "Hypothetical"),
    ("Will Bekbolatov visit Zubrowka?", (BEK, "visited", Z), "Hypothetical"),
    # ---- Denied: said not to happen or not to have happened
    ("Bekbolatov did not visit Zubrowka.", (BEK, "visited", Z), "Denied"),
    ("Bekbolatov didn't meet Muskar.", (BEK, "metWith", MUSK), "Denied"),
    ("Bekbolatov won't visit Zubrowka.", (BEK, "visited", Z), "Denied"),
    ("Bekbolatov has never visited Zubrowka.", (BEK, "visited", Z), "Denied"),
    ("Bekbolatov will not hold talks with Muskar.", (BEK, "negotiatesWith", MUSK), "Denied"),
    ("Bekbolatov refused to meet Muskar.", (BEK, "metWith", MUSK), "Denied"),
    ("Bekbolatov declined to attend the Steppe Forum.", (BEK, "participatesIn", "steppe_forum"), "Denied"),
    ("Bekbolatov denied visiting Zubrowka.", (BEK, "visited", Z), "Denied"),
    ("Bekbolatov denied that Muskar visited Borduria.", (MUSK, "visited", B), "Denied"),
    ("Bekbolatov ruled out a visit to Zubrowka.", (BEK, "visited", Z), "Denied"),
    ("Bekbolatov ruled out meeting with Muskar.", (BEK, "metWith", MUSK), "Denied"),
    ("Bekbolatov cancelled his visit to Zubrowka.", (BEK, "visited", Z), "Denied"),
    ("Bekbolatov postponed his visit to Zubrowka.", (BEK, "visited", Z), "Denied"),
    ("Bekbolatov called off the talks with Muskar.", (BEK, "negotiatesWith", MUSK), "Denied"),
    ("Bekbolatov's visit to Zubrowka was postponed.", (BEK, "visited", Z), "Denied"),
    ("There were no talks between Borduria and Syldavia.", (B, "negotiatesWith", S), "Denied"),
    ("Borduria does not plan to join K7.", (B, "memberOf", "k7"), "Denied"),
    ("Borduria could not join K7.", (B, "memberOf", "k7"), "Denied"),
    ("Bekbolatov has yet to visit Zubrowka.", (BEK, "visited", Z), "Denied"),
    ("Bekbolatov failed to attend the Steppe Forum.", (BEK, "participatesIn", "steppe_forum"), "Denied"),
    # ---- Asserted: no cue governs the trigger
    ("Bekbolatov visited Zubrowka.", (BEK, "visited", Z), "Asserted"),
    ("Borduria not only supports Syldavia but also trades with it.", (B, "supports", S), "Asserted"),
    ("Kallas will arrive in Klow as part of her visit to Zubrowka.", None, None),
    ("Bekbolatov will meet Muskar to deepen cooperation between Borduria and Syldavia.", (B, "cooperatesWith", S),
     "Asserted"),
    ("Bekbolatov, who may retire, visited Zubrowka.", (BEK, "visited", Z), "Asserted"),
    ("Bekbolatov visited Zubrowka; Muskar may follow later.", (BEK, "visited", Z), "Asserted"),
    ("I have no doubt that Borduria supports Syldavia.", (B, "supports", S), "Asserted"),
])
def test_cue(text: str, triple: Spo | None, modality: str | None) -> None:
    found = modalities(text)
    if triple is None:
        return
    assert found.get(triple) == {modality}, found


def test_hedged_and_denied_readings_are_kept_but_assert_nothing() -> None:
    text = "Bekbolatov may visit Zubrowka. Borduria did not support Syldavia."
    assert {(BEK, "visited", Z), (B, "supports", S)} <= set(modalities(text))
    assert not {t for t in asserting(text) if t[1] in {"visited", "supports"}}


def test_the_cue_must_govern_the_trigger() -> None:
    # a modal elsewhere in the sentence does not reach the visit
    found = modalities("Bekbolatov visited Zubrowka, where Muskar may join him later.")
    assert found.get((BEK, "visited", Z)) == {"Asserted"}, found
