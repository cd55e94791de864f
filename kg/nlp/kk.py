"""Kazakh pipeline (NLP stage, kk): text -> Doc with tokens, lemmas and case, and the NER ready to run.

spaCy ships no Kazakh; `kg.nlp.kk_lang` registers one (tokenizer rules and the
``kk_morphology`` component, our own table-driven analyser) and `kg.nlp.kk_ner` the
``kk_ner`` component (the KazNERD-trained model). The pipeline holds both; the NER is
disabled, because it is run by the mention stage only on the sentences where it could
name someone the lexicon has not (`kg.mentions.kk`).

Example:
    >>> from kg.nlp.kk import make_kk_nlp
    >>> doc = make_kk_nlp(("Тоқаев",))("Тоқаевтың сапары.")
    >>> doc[0].lemma_, str(doc[0].morph)
    ('Тоқаев', 'Case=Gen|Number=Sing')
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from kg import registry
from kg.nlp.kk_lang import Kazakh, KazakhMorphology
from kg.nlp.kk_ner import NER_COMPONENT

__all__ = ["Kazakh", "KazakhMorphology", "make_kk_nlp"]


@registry.nlp.register("kk")
@functools.cache
def make_kk_nlp(known_stems: tuple[str, ...] = ()) -> Language:
    """The Kazakh pipeline: tokenizer, ``kk_morphology`` and the (disabled) ``kk_ner``; one per stem set.

    Args:
        known_stems: Names whose last words the analyser prefers as lemmas (the lexicon's).

    Returns:
        A spaCy ``Language``; call it on text to get a ``Doc``; ``nlp.get_pipe("kk_ner")`` is the NER.
    """
    nlp = spacy.blank("kk")
    nlp.add_pipe("kk_morphology", config={"known_stems": list(known_stems)})
    nlp.add_pipe(NER_COMPONENT)
    nlp.disable_pipe(NER_COMPONENT)
    return nlp
