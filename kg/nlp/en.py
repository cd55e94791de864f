"""NLP stage for English: text -> spaCy Doc (spaCy's English tokenizer, lookup lemmas, no trained model).

No trained English pipeline installs from the package registries, so this pipeline is
spaCy's rule-based English tokenizer plus the ``lookup`` lemmatizer, whose tables come
from the ``spacy-lookups-data`` wheel (offline). One small component, ``"en_lemma_case"``,
makes the lemmas usable as trigger keys:

* a capitalised word gets the lemma of its lower-case form when the table knows it
  ("Talks" -> "talk", "Visited" -> "visit"); all-caps words (``US``, ``SCO``) keep theirs;
* the possessive clitic ``'s`` / ``’s`` keeps its own form (the table says "have").

Roles come from word order and prepositions in `kg.extract_en`; there is no tagger.

    >>> nlp = make_en_nlp()
    >>> [t.lemma_ for t in nlp("Kazakhstan's President held talks.")]
    ['Kazakhstan', "'s", 'president', 'hold', 'talk', '.']
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

from kg import registry

COMPONENT = "en_lemma_case"
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


@Language.factory(COMPONENT)
def _make_lemma_case(nlp: Language, name: str) -> _LemmaCase:
    return _LemmaCase(nlp)


class _LemmaCase:
    """Lower-case lookup for capitalised words; the possessive keeps its form."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._table = None

    def table(self):
        # a spaCy lookups Table: keys are string hashes, so it must be asked with .get(str)
        if self._table is None:
            lookups = self.nlp.get_pipe("lemmatizer").lookups
            self._table = lookups.get_table("lemma_lookup") if lookups.has_table("lemma_lookup") else {}
        return self._table

    def __call__(self, doc: Doc) -> Doc:
        table = self.table()
        for tok in doc:
            text = tok.text
            if text in POSSESSIVES and tok.i > 0:
                tok.lemma_ = "'s" if text.endswith("s") else "'"
            elif text[:1].isupper() and not text.isupper():
                low = text.lower()
                tok.lemma_ = table.get(low, low)
            elif not tok.lemma_:
                tok.lemma_ = text.lower()
            if text.isalpha() and not tok.lemma_.replace("'", "").isalpha():
                tok.lemma_ = text.lower()  # the table's "first" -> "1": a word's lemma is a word
        return doc


@registry.nlp.register("en")
def make_en_nlp() -> Language:
    """A blank English pipeline with lookup lemmas (offline, from `spacy-lookups-data`).

    Returns:
        The spaCy `Language`; `doc.lang_` is "en".
    """
    nlp = spacy.blank("en")
    # names joined into a format's or a company's name are split from what joins them: "C5+Germany",
    # "U.S.-based", "India- Central Asia" (spaCy keeps each of these as one token)
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Za-z0-9])\+(?=[A-Z])", r"(?<=\.)-(?=[a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, r"(?<=[A-Za-z])-"]).search
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe(COMPONENT)
    nlp.initialize()
    return nlp
