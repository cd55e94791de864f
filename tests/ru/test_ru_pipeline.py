"""The Russian spaCy pipeline: razdel tokens, natasha morphology, syntax and NER, pymorphy3 lemmas."""

import subprocess
import sys
from pathlib import Path

import pytest

from kg.nlp.ru import make_ru_nlp
from kg.nlp.ru_names import normalize_span


@pytest.fixture(scope="module")
def nlp():
    return make_ru_nlp()


def _tok(doc, text):
    return next(t for t in doc if t.text == text)


def test_cases_and_lemmas(nlp) -> None:
    doc = nlp("Премьер-министр Японии позвонил президенту Казахстана и обсудил с ним торговлю.")
    assert _tok(doc, "президенту").morph.get("Case") == ["Dat"]
    assert _tok(doc, "Казахстана").morph.get("Case") == ["Gen"]
    assert _tok(doc, "президенту").lemma_ == "президент"
    assert _tok(doc, "Казахстана").lemma_ == "казахстан"
    assert _tok(doc, "позвонил").lemma_ == "позвонить"
    assert _tok(doc, "позвонил").pos_ == "VERB"
    assert _tok(doc, "Премьер-министр").text == "Премьер-министр"  # razdel keeps hyphenated words


def test_heads_and_deps(nlp) -> None:
    doc = nlp("Президент США пригласил Токаева на саммит G20.")
    tokaev = _tok(doc, "Токаева")
    assert tokaev.head.text == "пригласил"
    assert tokaev.dep_ == "obj"
    assert _tok(doc, "Президент").dep_ == "nsubj"
    root = [t for t in doc if t.dep_ == "ROOT"]
    assert [t.text for t in root] == ["пригласил"]
    assert tokaev.morph.get("Case") in (["Acc"], ["Gen"])
    assert tokaev.lemma_ == "токаев"


def test_person_entities_and_lemmas(nlp) -> None:
    doc = nlp("Председатель КНР Си Цзиньпин направил поздравление Касым-Жомарту Токаеву и Шавкату Мирзиёеву.")
    per = [e for e in doc.ents if e.label_ == "PER"]
    texts = [e.text for e in per]
    assert "Касым-Жомарту Токаеву" in texts
    assert "Шавкату Мирзиёеву" in texts
    assert {normalize_span(e) for e in per} >= {"Касым-Жомарт Токаев", "Шавкат Мирзиёев"}
    tokaevu = _tok(doc, "Токаеву")
    assert "токаев" in tokaevu._.lemmas
    assert tokaevu.lemma_ == "токаев"
    assert _tok(doc, "Мирзиёеву").lemma_ == "мирзиёев"  # keeps ё, unlike natasha's own normaliser
    assert _tok(doc, "Касым-Жомарту").lemma_ == "касым-жомарт"
    assert all(lem == lem.lower() for t in doc for lem in t._.lemmas)


def test_loc_and_org_entities(nlp) -> None:
    doc = nlp("Глава МИД Казахстана выступил в Нью-Йорке на заседании Генеральной Ассамблеи ООН.")
    labels = {e.label_ for e in doc.ents}
    assert {"LOC", "ORG"} <= labels
    by_text = {e.text: e for e in doc.ents}
    assert normalize_span(by_text["Нью-Йорке"]) == "Нью-Йорк"
    assert by_text["Нью-Йорке"].label_ == "LOC"
    org = next(e for e in doc.ents if e.label_ == "ORG" and "Ассамблеи" in e.text)
    assert normalize_span(org).startswith("Генеральная Ассамблея")


def test_sentences(nlp) -> None:
    text = "Токаев прибыл в Ташкент. Там его встретил Шавкат Мирзиёев."
    doc = nlp(text)
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["Токаев прибыл в Ташкент.", "Там его встретил Шавкат Мирзиёев."]
    for sent in doc.sents:
        assert sum(1 for t in sent if t.dep_ == "ROOT") == 1
        assert all(t.head in sent for t in sent)


def test_offsets_match_text(nlp) -> None:
    text = "  Лидеры  стран ЦА  встретились в Астане.\n\nНа встрече был и Ильхам Алиев (Азербайджан)."
    doc = nlp(text)
    assert doc.text == text
    for t in doc:
        assert text[t.idx : t.idx + len(t.text)] == t.text
    for e in doc.ents:
        assert text[e.start_char : e.end_char] == e.text
    assert len(list(doc.sents)) == 2


def test_empty_and_whitespace(nlp) -> None:
    assert len(nlp("")) == 0
    doc = nlp("  \n")
    assert doc.text == "  \n"
    assert not doc.ents


def test_runs_offline() -> None:
    # A fresh process whose sockets refuse to connect: models must load from the wheels.
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network is off')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from kg.nlp.ru import make_ru_nlp\n"
        "doc = make_ru_nlp()('Садыр Жапаров посетил Бишкек.')\n"
        "print(sorted({e.label_ for e in doc.ents}))\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120, check=True
    )
    assert "PER" in out.stdout


def test_lemmas_extension_is_russian_only(nlp) -> None:
    import spacy

    kk_like = spacy.blank("xx")("Тоқаев")
    assert kk_like[0]._.lemmas == ()


def test_pipe_batches_docs_with_the_same_annotations_as_one_by_one(nlp) -> None:
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS

    texts = [
        "Президент США Дональд Трамп пригласил Касым-Жомарта Токаева на саммит G20.",
        "",
        "Переговоры Токаева с Шавкатом Мирзиёевым прошли в Ташкенте.",
        "Казахстан и Китай подписали соглашение о сотрудничестве. Кремль промолчал.",
    ]
    attrs = [POS, HEAD, DEP, LEMMA, MORPH]
    one_by_one = [nlp(t) for t in texts]
    batched = list(nlp.pipe(texts, batch_size=3))  # a batch boundary inside the list
    assert [d.text for d in batched] == texts
    for a, b in zip(one_by_one, batched, strict=True):
        assert (a.to_array(attrs) == b.to_array(attrs)).all()
        assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]
    assert [e.text for e in batched[2].ents if e.label_ == "PER"] == ["Токаева", "Шавкатом Мирзиёевым"]
