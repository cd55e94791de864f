"""Extraction stage, Kazakh: what each sentence claims of its relations, who says it and when it happens.

The hooks of the core's `Extractor` for Kazakh: the modality of a trigger (`kg.extract.kk.modality`),
the date of a sentence's happenings (`kg.extract.kk.dates`), and, after the core has made a
sentence's triples, the date each relation takes: a date that a relative clause gives a gathering
("келер жылы өтетін форумға шақырды") dates the gathering and taking part in it, not the
invitation or the call that names it; a happening the sentence does not date takes the date
the article gave the same gathering, or the same person's same kind of happening, before.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from kg.extract.core import Discourse, Extractor, Unit
from kg.extract.kk.dates import DateMemory, SentenceDates
from kg.extract.kk.modality import clause_after, read_modality, tense_of
from kg.model import HAPPENING_RELATIONS, Article, Mention, Sentence, Triple

# the relations a gathering's own date dates: where it is held and who takes part
AT_GATHERING = frozenset({"hosts", "participatesIn"})


class KazakhClaims(Extractor):
    """The modality, speaker and date hooks of the Kazakh extractor (its frames are in `kg.extract.kk`)."""

    def __init__(self, lexicon) -> None:
        super().__init__(lexicon)
        self._dates = DateMemory()
        self._when = SentenceDates()
        self._claims_article = ""
        self._gathering_dates: dict[str, str] = {}  # gathering -> the date the article gave it
        self._happening_dates: dict[tuple[str, str, bool], str] = {}  # (subject, relation, planned) -> its date

    def modality_of(self, doc: Doc, t: int | None) -> str:
        """The modality the trigger's verb, its predicate and the cue words in their scope give (`read_modality`)."""
        return read_modality(doc, t, self._frames[t] if t is not None else "")

    def date_of(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int,
                article: Article) -> str | None:
        """The date the sentence says, or the one the sentence before said of that same time (`DateMemory`)."""
        def clause_at(char: int) -> tuple[bool | None, bool]:
            return clause_after(doc, next((tok.i for tok in doc if tok.idx >= char), len(doc)))

        self._when = self._dates.read(doc.text, article.id, index, article.date, clause_at, tense_of(doc))
        return self._when.value

    def extract(self, doc: Doc, mentions: list[Mention], sentence: Sentence, article: Article,
                discourse: Discourse, index: int) -> list[Triple]:
        if article.id != self._claims_article or index == 0:
            self._claims_article, self._gathering_dates, self._happening_dates = article.id, {}, {}
        triples = super().extract(doc, mentions, sentence, article, discourse, index)
        return [self.dated(t) for t in triples]

    def dated(self, t: Triple) -> Triple:
        """The date of one relation: the sentence's, the gathering's or the one the article gave it before."""
        if t.relation not in HAPPENING_RELATIONS:
            return t
        when, date = self._when, t.date
        gathering = t.relation in AT_GATHERING
        if when.gathering is not None and (gathering or when.main is None):
            # "келер жылы өтетін форумға шақырды": the relative clause dates the summit, not the invitation
            date = when.gathering.value if gathering else None
        own = date is not None and not (when.carried and date == (when.main.value if when.main else None))
        planned = t.modality != "Asserted"
        if own:
            if gathering:
                self._gathering_dates.setdefault(t.object, date)
            self._happening_dates.setdefault((t.subject, t.relation, planned), date)
        else:
            date = (self._gathering_dates.get(t.object) if gathering else None) \
                or self._happening_dates.get((t.subject, t.relation, planned)) or date
        return t if date == t.date else dataclasses.replace(t, date=date)
