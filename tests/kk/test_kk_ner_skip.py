"""The Kazakh NER runs only on sentences where it could add a name the lexicon has not (same mentions)."""

from __future__ import annotations

import pytest

import kg.mentions.kk
import kg.nlp.kk_ner
from kg.mentions.kk import kk_ner_may_add
from tests.extract_helpers import real_processor, run

# Sentences written for these tests.
KNOWN_ONLY = "Қасым-Жомарт Тоқаев Мәскеуге ресми сапармен барды."
UNKNOWN_NAME = "Сарапшы Бауыржан Сәрсенбаев Астанада сөйледі."
TEXT = " ".join([KNOWN_ONLY, UNKNOWN_NAME, "Тоқаев бүгін сөйледі.", "Келіссөздер ертең жалғасады."])


@pytest.fixture(scope="module")
def processor():
    return real_processor()


def _may_add(processor, text: str) -> bool:
    finder = processor.finder("kk")
    doc = finder.nlp(text)
    return kk_ner_may_add(doc, finder.find(doc))


@pytest.mark.parametrize(("text", "expected"), [
    (KNOWN_ONLY, False),  # every capitalised word is a lexicon name
    ("Тоқаев бүгін сөйледі.", False),  # the one capital opens the sentence and is known
    (UNKNOWN_NAME, True),  # Сәрсенбаев: no lexicon name
    ("Келіссөздер ертең жалғасады.", True),  # two words might open a name: the NER decides
    ("Келіссөздер өтті.", True),
])
def test_which_sentences_need_the_ner(processor, text: str, expected: bool) -> None:
    assert _may_add(processor, text) is expected


def test_skipping_changes_no_mention(processor, monkeypatch) -> None:
    seen: list[int] = []
    real = kg.nlp.kk_ner.kk_entities_many

    def counting(docs, *a, **kw):
        docs = list(docs)
        seen.append(len(docs))
        return real(docs, *a, **kw)

    monkeypatch.setattr(kg.nlp.kk_ner, "kk_entities_many", counting)
    triples, mentions = run(TEXT, "kk", processor)
    ran = sum(seen)
    seen.clear()
    monkeypatch.setattr(kg.mentions.kk, "kk_ner_may_add", lambda doc, known: True)
    triples_all, mentions_all = run(TEXT, "kk", processor)
    assert sum(seen) == 4 and ran == 2  # two of the four sentences went without the NER
    assert mentions == mentions_all and triples == triples_all
    assert any("Сәрсенбаев" in m.actor_id for m in mentions)


def test_the_ner_is_a_pipeline_component_that_fills_doc_ents_and_a_span_group(processor) -> None:
    nlp = processor.finder("kk").nlp
    assert "kk_ner" in nlp.component_names and "kk_ner" not in nlp.pipe_names  # there, run on demand
    doc = nlp(UNKNOWN_NAME)
    assert not doc.ents and "kk_ner" not in doc.spans
    nlp.get_pipe("kk_ner")(doc)
    assert [(e.text, e.label_) for e in doc.ents][:1] == [("Бауыржан Сәрсенбаев", "PERSON")]
    assert [e.text for e in doc.spans["kk_ner"]] == [e.text for e in doc.ents]


def test_known_stems_are_the_pipelines_own_configuration() -> None:
    from kg.nlp.kk import make_kk_nlp

    with_stem = make_kk_nlp(("Зеренді",))
    without = make_kk_nlp()
    assert with_stem.get_pipe("kk_morphology").known == frozenset({"зеренді"})
    assert [t.lemma_ for t in with_stem("Зерендіде")] == ["Зеренді"]
    assert without.get_pipe("kk_morphology").known == frozenset()  # one pipeline's stems leave the other alone
