"""Kazakh for spaCy (NLP stage, kk): the language, its tokenizer rules and the morphology component.

spaCy ships no Kazakh, so this module registers one: ``Kazakh`` with its tokenizer rules
(hyphenated words and acronym suffixes stay whole: ``Қасым-Жомарт``, ``АҚШ-тың``,
``C5+1-дің``, ``13%-дан``) and the ``kk_morphology`` component, which sets ``token.lemma_``,
``token.morph`` (``Case=Gen|Number=Sing``) and ``token._.kk_analyses`` from
:mod:`kg.nlp.kk_morph`.

The pipeline that puts them together with the NER is `kg.nlp.kk.make_kk_nlp`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

import spacy
from spacy.language import BaseDefaults, Language
from spacy.tokens import Doc, Token

from kg.nlp import kk_morph

_UPPER_CYR = "А-ЯЁӘҒҚҢӨҰҮҺІ"
_UPPER = "A-Z" + _UPPER_CYR
_LOWER_CYR = "а-яёәғқңөұүһі"
_LETTER = r"[^\W\d_]"

# Opening punctuation split from the front of a token. A hyphen is split only before a word
# glued to it (",-дейді" -> "," "-" "дейді"); hyphens inside words are kept.
_PREFIXES = [r"«", r"“", r"„", r'"', r"'", r"\(", r"\[", r"\{", r"—", r"–", r"-(?=[^\W\d_])", r"…", r"\.\.\."]
# Closing punctuation split from the end. The dot is split off everywhere except after a single
# capital letter, which ``token_match`` keeps as an initial ("Ш.").
_SUFFIXES = [
    r"»",
    r"”",
    r'"',
    r"'",
    r"\)",
    r"\]",
    r"\}",
    r"—",
    r"–",
    r"…",
    r"\.\.\.",
    r"[,;:!?]",
    r"\.",
]
# Splits inside a token: punctuation glued between letters, dashes between words, and a
# sentence dot followed by a capitalised word without a space ("соң.Келесі").
_INFIXES = [
    rf"(?<={_LETTER})[,;:!?»«“”](?={_LETTER}|-{_LETTER})",
    rf"(?<=[,;:!?])-(?={_LETTER})",
    r"(?<=\w)[—–](?=\w)",
    r"\.\.\.|…",
    rf"(?<=[{_LOWER_CYR}]{{2}})\.(?=[{_UPPER_CYR}]{_LETTER})",
]
# Initials ("Ш.", "Д.") are one token with their dot.
_TOKEN_MATCH = rf"^[{_UPPER}]\.$"
# Common Kazakh abbreviations that end in a dot but do not end a sentence.
_EXCEPTIONS = {
    abbr: [{"ORTH": abbr}]
    for abbr in ("т.б.", "т.с.с.", "т.с.", "т.т.", "б.з.б.", "ж.ж.", "млн.", "млрд.", "мың.", "ғ.", "б.")
}


class KazakhDefaults(BaseDefaults):
    """Tokenizer rules of Kazakh (see the module docstring)."""

    prefixes = _PREFIXES
    suffixes = _SUFFIXES
    infixes = _INFIXES
    token_match = re.compile(_TOKEN_MATCH).match
    tokenizer_exceptions = _EXCEPTIONS
    writing_system: ClassVar[dict[str, object]] = {"direction": "ltr", "has_case": True, "has_letters": True}


@spacy.registry.languages("kk")
class Kazakh(Language):
    """The Kazakh language for spaCy: ``spacy.blank("kk")`` after importing this module."""

    lang = "kk"
    Defaults = KazakhDefaults


if not Token.has_extension("kk_analyses"):
    Token.set_extension("kk_analyses", default=None)


class KazakhMorphology:
    """spaCy component: lemma, morph and all analyses for every token of a Kazakh Doc.

    Known stems (the last words of the lexicon's names, which the analyser prefers as lemmas)
    are the component's ``known_stems`` config: a pipeline's own, not a process-wide setting.
    """

    def __init__(self, known_stems: Iterable[str] = ()) -> None:
        self.known: frozenset[str] = frozenset(s.split()[-1].casefold() for s in known_stems if s.strip())

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            text = token.text
            if not any(ch.isalpha() for ch in text):
                # Punctuation and bare numbers: lemma is the text, nothing to analyse.
                token.lemma_ = text
                token._.kk_analyses = []
                continue
            analyses = kk_morph.analyse(text, self.known)
            best = analyses[0]
            token.lemma_ = best.lemma
            token.set_morph(best.morph())
            token._.kk_analyses = analyses
        return doc


@Language.factory("kk_morphology", default_config={"known_stems": []})
def make_kk_morphology(nlp: Language, name: str, known_stems: list[str]) -> KazakhMorphology:
    """Build the ``kk_morphology`` component (``nlp.add_pipe("kk_morphology")``).

    Args:
        nlp: The pipeline (unused; spaCy's factory signature).
        name: The component name.
        known_stems: Stems to prefer as lemmas (none by default).
    """
    return KazakhMorphology(known_stems)
