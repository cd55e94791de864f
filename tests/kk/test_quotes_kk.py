"""Kazakh quotations: "біз", "мені" and first-person verbs are the speaker named after "деді" (fictional actors)."""

from __future__ import annotations

from extract_helpers import triples

BOR, SYL = "country_borduria", "country_syldavia"
BEK, SEI = "bekbolatov", "seitkaliyev"


def test_we_held_talks_and_i_was_invited() -> None:
    found = triples("«Ержан Сейтқалиев мырзамен келіссөздер жүргіздік. Мені Дала форумына қатысуға шақырғаны үшін "
                    "алғыс айтамын», – деді Бекболатов.", "kk")
    assert found == {(BEK, "negotiatesWith", SEI), (BEK, "metWith", SEI), (SEI, "invited", BEK),
                     (BEK, "invitedTo", "steppe_forum")}


def test_speaker_named_by_title() -> None:
    found = triples("«Сылдавиямен ынтымақтастықты дамытамыз», – деді Бордурия президенті.", "kk")
    assert found == {(BOR, "cooperatesWith", SYL)}


def test_first_person_outside_a_quotation_is_nobody() -> None:
    assert triples("Біз Сылдавиямен келіссөздер жүргіздік.", "kk") == set()


def test_speaker_of_an_unclosed_quotation() -> None:
    found = triples("Арман Бекболатов Сылдавияға барды. «Ержан Сейтқалиев мырзамен кездестік. Біз көп мәселені "
                    "талқыладық, – деді Бекболатов.", "kk")
    assert (BEK, "metWith", SEI) in found
