"""English attribution: each frame of kg/extract/en/speech.py on sentences written for the test (fictional actors).

A sentence's speaker is given to its relations only when their triggers stand in what the speaker is
reported to say; a news outlet that carries the report is never the speaker.
"""

from __future__ import annotations

import pytest
from extract_helpers import Spo, real_processor

from en.claims_en import claims

B, S, Z, K = "country_borduria", "country_syldavia", "country_zubrowka", "country_karamania"
BEK, SEIT, MUSK, KARLIN = "bekbolatov", "seitkaliyev", "muskar", "karlin"


def speakers(text: str, processor=None) -> dict[Spo, set[str | None]]:
    out: dict[Spo, set[str | None]] = {}
    for t in claims(text, processor):
        out.setdefault((t.subject, t.relation, t.object), set()).add(t.speaker)
    return out


@pytest.mark.parametrize(("text", "triple", "speaker"), [
    # a speech verb and its subject; what follows it is reported
    ("Bekbolatov said that Borduria supports Syldavia.", (B, "supports", S), BEK),
    ("Bekbolatov said Borduria supports Syldavia.", (B, "supports", S), BEK),
    ("Bekbolatov stressed the importance of cooperation between Borduria and Syldavia.", (B, "cooperatesWith", S),
     BEK),
    ("Bekbolatov also noted that Borduria supports Syldavia.", (B, "supports", S), BEK),
    ("Bekbolatov went on to call for cooperation between Borduria and Syldavia.", (B, "cooperatesWith", S), BEK),
    # a trailing attribution: what comes before it is reported
    ("Borduria supports Syldavia, Bekbolatov said.", (B, "supports", S), BEK),
    ("Borduria supports Syldavia, Bekbolatov saidon Monday.", (B, "supports", S), BEK),
    ("Muskar visited Szohod, Syldavia's spokesperson Ivo Karlin said.", (MUSK, "visited", "szohod"), KARLIN),
    # quotations: the speech verb next to them, in this sentence or the one that closes them
    ("“Borduria supports Syldavia,” said Bekbolatov.", (B, "supports", S), BEK),
    ("“Borduria supports Syldavia,” Bekbolatov told Muskar.", (B, "supports", S), BEK),
    ('"Borduria supports Syldavia," Bekbolatov said.', (B, "supports", S), BEK),
    ("“Borduria trades with Zubrowka. Borduria supports Syldavia,” said Bekbolatov.", (B, "tradesWith", Z), BEK),
    ("Bekbolatov stated: “Borduria supports Syldavia. Borduria trades with Zubrowka.”", (B, "tradesWith", Z), BEK),
    ("Bekbolatov spoke in Klow. «Borduria trades with Zubrowka. Borduria supports Syldavia,» he added.",
     (B, "tradesWith", Z), BEK),
    # "according to X", "in the opinion of X", a document's author
    ("According to Bekbolatov, Borduria supports Syldavia.", (B, "supports", S), BEK),
    ("Borduria supports Syldavia, according to Bekbolatov.", (B, "supports", S), BEK),
    ("In the opinion of Bekbolatov, Borduria supports Syldavia.", (B, "supports", S), BEK),
    ("Borduria supports Syldavia, according to a statement by Karamania.", (B, "supports", S), K),
    # an official press service speaks for its body
    ("Muskar visited Szohod, the press service of the Ministry of Foreign Affairs of Borduria said.",
     (MUSK, "visited", "szohod"), "mfa_borduria"),
    ("Muskar visited Szohod, reported the Bordurian Foreign Ministry's press service.", (MUSK, "visited", "szohod"),
     "mfa_borduria"),
    ("Muskar visited Szohod, the Bordurian Foreign Ministry's press service reported.", (MUSK, "visited", "szohod"),
     "mfa_borduria"),
    ("Muskar visited Szohod, a spokesperson for the Ministry of Foreign Affairs of Borduria said.",
     (MUSK, "visited", "szohod"), "mfa_borduria"),
    ("Muskar visited Szohod, the Klow Herald reports, citing the Ministry of Foreign Affairs of Borduria.",
     (MUSK, "visited", "szohod"), "mfa_borduria"),
    # a headline's dash; a sentence the next one says who said
    ("Borduria will join K7 — Bekbolatov", (B, "memberOf", "k7"), BEK),
    ("Borduria will join K7. Yerzhan Seitkaliyev said, speaking to students.", (B, "memberOf", "k7"), SEIT),
    # in the speaker's words, a state called a partner is a partner of the state the speaker acts for
    ("“Syldavia is a stable and reliable partner,” Bekbolatov told Seitkaliyev.", (B, "cooperatesWith", S), BEK),
    # a conflict is a rivalry, in the words of whoever speaks of it
    ("“The conflict between Borduria and Syldavia must end soon,” said Muskar.", (B, "competesWith", S), MUSK),
    ("“Borduria wants to weaken the influence of Syldavia,” said Muskar.", (B, "competesWith", S), MUSK),
    # no speaker: no reported words, or the relation stands outside them
    ("Borduria supports Syldavia.", (B, "supports", S), None),
    ("Bekbolatov, who visited Zubrowka, said the weather was cold.", (BEK, "visited", Z), None),
    ("Bekbolatov visited Zubrowka and said “the weather was cold”.", (BEK, "visited", Z), None),
])
def test_speaker(text: str, triple: Spo, speaker: str | None) -> None:
    found = speakers(text)
    assert found.get(triple) == {speaker}, found


def test_the_outlet_that_carries_a_report_is_no_speaker() -> None:
    found = speakers("Tokayev visited Moscow, Kazinform reports.", real_processor())
    assert found.get(("tokayev", "visited", "moscow")) == {None}, found


def test_an_outlet_cites_its_source() -> None:
    found = speakers("Tokayev visited Moscow, Kazinform cites Akorda.", real_processor())
    assert found.get(("tokayev", "visited", "moscow")) == {"akorda"}, found


def test_our_partners_are_the_speaker_states_partners() -> None:
    found = speakers("«Our Central Asian partners are building new roads,» Putin said.", real_processor())
    assert found.get(("country_ru", "cooperatesWith", "central_asia")) == {"putin"}, found


def test_the_press_service_of_a_president_is_the_presidential_office() -> None:
    found = speakers("Tokayev met Putin in Moscow, the press service of the Kyrgyz president said.", real_processor())
    assert found.get(("tokayev", "metWith", "putin")) == {"presidential_administration_kg"}, found


def test_a_speaker_of_the_two_keeps_them_the_pair() -> None:
    # "Seitkaliyev stated that they ...": one of the two who met goes on about both, so "bilateral" still means theirs
    text = ("Bekbolatov met Seitkaliyev in Klow. The weather was warm. The streets were full. Music played. "
            "Crowds gathered. The day was long. Seitkaliyev stated that they signed a plan. He added that the plan "
            "signed in the old hall of the palace lists many new ways of raising bilateral trade.")
    assert speakers(text).get((B, "tradesWith", S)) == {SEIT}
