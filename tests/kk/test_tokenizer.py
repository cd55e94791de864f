"""Tests for the Kazakh tokenizer rules of kg.nlp.kk."""

from __future__ import annotations

import pytest
import spacy

import kg.nlp.kk  # noqa: F401  (registers the "kk" language)
from kg.nlp.kk import Kazakh, make_kk_nlp


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.blank("kk")


def test_blank_kk_is_our_language(nlp: spacy.language.Language) -> None:
    assert isinstance(nlp, Kazakh)
    assert nlp.lang == "kk"
    assert make_kk_nlp().pipe_names == ["kk_morphology"]
    assert make_kk_nlp() is make_kk_nlp()


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        # Hyphenated words and suffixes after a hyphen stay whole.
        ("Қасым-Жомарт Тоқаев келді", ["Қасым-Жомарт", "Тоқаев", "келді"]),
        ("Сондай-ақ Нью-Йорк қаласы", ["Сондай-ақ", "Нью-Йорк", "қаласы"]),
        ("АҚШ-тың және АҚШ-қа", ["АҚШ-тың", "және", "АҚШ-қа"]),
        ("C5+1-дің форматы", ["C5+1-дің", "форматы"]),
        ("80-ші сессия", ["80-ші", "сессия"]),
        ("13%-дан астам", ["13%-дан", "астам"]),
        # Codes, sites, initials, decimals.
        ("C5+1 пен G20", ["C5+1", "пен", "G20"]),
        ("BAQ.KZ тілшісі", ["BAQ.KZ", "тілшісі"]),
        ("Ш. Мирзиёевтің сөзі", ["Ш.", "Мирзиёевтің", "сөзі"]),
        ("шамамен 61,2 млрд доллар", ["шамамен", "61,2", "млрд", "доллар"]),
        # Punctuation is split off.
        ("Астана, Бейжің; Мәскеу: иә!", ["Астана", ",", "Бейжің", ";", "Мәскеу", ":", "иә", "!"]),
        ("Неге?", ["Неге", "?"]),
        ("«Самұрық» қоры", ["«", "Самұрық", "»", "қоры"]),
        ('“Сұхбат” пен "хат"', ["“", "Сұхбат", "”", "пен", '"', "хат", '"']),
        ("(2025 жыл)", ["(", "2025", "жыл", ")"]),
        ("'сөз'", ["'", "сөз", "'"]),
        # Dashes: their own token between spaces and when glued between words.
        ("Қазақстан – АҚШ", ["Қазақстан", "–", "АҚШ"]),
        ("G20 — алаң", ["G20", "—", "алаң"]),
        ("Қазақстан–АҚШ", ["Қазақстан", "–", "АҚШ"]),
        ("– Сіз қалай ойлайсыз?", ["–", "Сіз", "қалай", "ойлайсыз", "?"]),
        # Sentence-final dot is split from the word, also after codes.
        ("Ол Астанада болды.", ["Ол", "Астанада", "болды", "."]),
        ("Саммит G20.", ["Саммит", "G20", "."]),
        ("Ақпарат BAQ.KZ.", ["Ақпарат", "BAQ.KZ", "."]),
        ("келді.Келесі күні", ["келді", ".", "Келесі", "күні"]),
        # A reporting verb glued to a comma and a hyphen.
        ("маңызды,-дейді ол", ["маңызды", ",", "-", "дейді", "ол"]),
        ("т.б. елдер", ["т.б.", "елдер"]),
    ],
)
def test_tokenization(nlp: spacy.language.Language, text: str, tokens: list[str]) -> None:
    assert [t.text for t in nlp(text)] == tokens


def test_offsets_round_trip(nlp: spacy.language.Language) -> None:
    text = "Қасым-Жомарт Тоқаев АҚШ-қа барды – деп хабарлайды BAQ.KZ."
    doc = nlp(text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)
