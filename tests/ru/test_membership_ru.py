"""Russian membership and invitations: joining, full membership, members listed, observers and
applications apart; invitations with their gathering. Sentences of our own on the fictional lexicon
(the Степной альянс and the format K7), the real one where a real body's members are listed.
"""

from __future__ import annotations

import pytest
from extract_helpers import fictional_processor, make_article, real_processor, triples

BOR, SYL, ZUB = "country_borduria", "country_syldavia", "country_zubrowka"
BEK, SEI = "bekbolatov", "seitkaliyev"
ALLIANCE = "steppe_alliance"
INVITEES = (SEI, "muskar", "karlin")

CASES: list[tuple[str, str, set[tuple[str, str, str]]]] = [
    ("joined", "Сылдавия вступила в Степной альянс.", {(SYL, "memberOf", ALLIANCE)}),
    ("full_member", "Сылдавия стала полноправным членом Степного альянса.", {(SYL, "memberOf", ALLIANCE)}),
    # a participant of a standing body is a member; of a gathering, a participant
    ("full_participant", "Сылдавия стала полноправным участником K7.", {(SYL, "memberOf", "k7")}),
    ("members_after", "В состав Степного альянса входят Бордурия и Сылдавия.",
     {(BOR, "memberOf", ALLIANCE), (SYL, "memberOf", ALLIANCE)}),
    # observers and applicants are no members
    ("observer", "Сылдавия получила статус наблюдателя в Степном альянсе.", set()),
    ("observer_is_no_member", "Бордурия является наблюдателем в K7.", set()),
    ("application", "Зубровка подала заявку на вступление в Степной альянс.", set()),
    # invitations: the invitees of a list, the gathering, its place
    ("invite_list_to_summit", "Арман Бекболатов пригласил Ержана Сейткалиева, Отто Мускара и Иво Карлина на саммит K7.",
     {(BEK, "invited", p) for p in INVITEES} | {(p, "invitedTo", "k7") for p in INVITEES}),
    ("invite_to_summit_in_city", "Арман Бекболатов пригласил Ержана Сейткалиева на саммит K7 в Сзоходе.",
     {(BEK, "invited", SEI), (SEI, "invitedTo", "k7"), ("szohod", "hosts", "k7")}),
    ("invite_to_summit_into_city", "Арман Бекболатов пригласил Ержана Сейткалиева на саммит K7 в Клов.",
     {(BEK, "invited", SEI), (SEI, "invitedTo", "k7"), ("klow", "hosts", "k7")}),
    ("thanked_for_the_invitation", "Арман Бекболатов поблагодарил Ержана Сейткалиева за приглашение.",
     {(SEI, "invited", BEK)}),
    ("invitation_received", "Ержан Сейткалиев получил приглашение на Степной форум.",
     {(SEI, "invitedTo", "steppe_forum")}),
    # invited to take part is not (yet) taking part
    ("invited_to_take_part", "Бордурия пригласила Сылдавию и Зубровку принять участие в саммите K7.",
     {(BOR, "invited", SYL), (BOR, "invited", ZUB), (SYL, "invitedTo", "k7"), (ZUB, "invitedTo", "k7")}),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_membership_and_invitations(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru") == expected


@pytest.mark.parametrize("text", [
    pytest.param("Членами ОДКБ являются Россия, Беларусь и Казахстан.", id="members_are"),
    pytest.param("Государства-члены ОДКБ Россия, Беларусь и Казахстан подписали заявление.", id="member_states"),
])
def test_members_listed(text: str) -> None:
    found = triples(text, "ru", real_processor())
    assert {(c, "memberOf", "csto") for c in ("country_ru", "country_by", "country_kz")} <= found


@pytest.mark.parametrize(("text", "modality"), [
    pytest.param("Сылдавия не является членом Степного альянса.", "Denied", id="not_a_member"),
    pytest.param("Арман Бекболатов не примет участие в саммите K7.", "Denied", id="will_not_take_part"),
    pytest.param("Бордурия не намерена вступать в Степной альянс.", "Denied", id="no_intention_to_join"),
    pytest.param("По мнению экспертов, Бордурия может усилить давление на Сылдавию.", "Hypothetical",
                 id="only_possible"),
    pytest.param("Арман Бекболатов хотел бы посетить Клов.", "Hypothetical", id="wished"),
])
def test_denied_or_possible_states_nothing(text: str, modality: str) -> None:
    """A relation denied or only possible is read, and kept as such: it asserts nothing."""
    found, _ = fictional_processor().process(make_article(text, "ru"))
    assert found
    assert {t.modality for t in found} == {modality}
