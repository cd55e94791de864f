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

from kg.extract.core import Discourse, Unit
from kg.extract.kk.dates import DateMemory, SentenceDates
from kg.extract.kk.modality import clause_after, read_modality, tense_of, untensed, upcoming_at
from kg.extract.kk.speech import KazakhSpeech, report_opener
from kg.model import HAPPENING_RELATIONS, Article, Mention, Sentence, Triple

# the relations a gathering's own date dates: where it is held and who takes part
AT_GATHERING = frozenset({"hosts", "participatesIn"})


class KazakhClaims(KazakhSpeech):
    """The modality, speaker and date hooks of the Kazakh extractor (its frames are in `kg.extract.kk`)."""

    def __init__(self, lexicon) -> None:
        super().__init__(lexicon)
        self._dates = DateMemory()
        self._when = SentenceDates()
        self._claims_article = ""
        self._gathering_dates: dict[str, str] = {}  # gathering -> the date the article gave it
        self._happenings: list[tuple[str, str, str, str, str]] = []  # (subject, relation, modality, object, date)
        self._dated_actors: set[str] = set()  # the actors of the happenings the last dated sentence dated
        self._sentence_actors: set[str] = set()
        self._going_on = False
        self._held: list[tuple[Triple, bool]] = []  # a sentence's triples (and whether a speaker may say them)
        self._units: list[Unit] = []
        self._out: list = []
        self._named = 0
        self._upcoming: set[str] = set()  # the gatherings the article has said are ahead

    def modality_of(self, doc: Doc, t: int | None) -> str:
        """The modality the trigger's verb, its predicate and the cue words in their scope give (`read_modality`)."""
        return read_modality(doc, t, self._frames[t] if t is not None else "")

    def date_of(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int,
                article: Article) -> str | None:
        """The date the sentence says, or the one the sentence before said of that same time (`DateMemory`)."""
        def clause_at(char: int) -> tuple[bool | None, int]:
            return clause_after(doc, next((tok.i for tok in doc if tok.idx >= char), len(doc)))

        self._when = self._dates.read(doc.text, article.id, index, article.date, clause_at, tense_of(doc))
        return self._when.value

    def frames(self, doc, units, frames, discourse, index, out) -> None:
        self._units, self._out, self._named = units, out, len(out)  # what titles read comes first
        super().frames(doc, units, frames, discourse, index, out)

    def extract(self, doc: Doc, mentions: list[Mention], sentence: Sentence, article: Article,
                discourse: Discourse, index: int) -> list[Triple]:
        """The core's triples with each one's date and speaker; held back one sentence when the next says who
        said them ("... . Бұл туралы X хабарлады.")."""
        if article.id != self._claims_article or index == 0:
            self._claims_article, self._gathering_dates, self._happenings = article.id, {}, []
            self._dated_actors = set()
            self._held, self._upcoming = [], set()
        self._sentence_actors = set()
        triples = super().extract(doc, mentions, sentence, article, discourse, index)
        # the sentence goes on with the actors of the last dated one ("Сапар барысында ол ...", "Отырыс барысында")
        self._going_on = bool({m.actor for u in self._units + self._sources for m in u.members} & self._dated_actors)
        read = self.triggers_read()
        said = self._said
        out: list[tuple[Triple, bool]] = []
        for t in triples:
            named, trigger = read.get((t.subject, t.relation, t.object), (True, None))
            t = self.dated(t, None if named else trigger, doc)
            t = self.ahead(doc, t, named, trigger)
            if named and said is not None and said.direct and said.start <= self.named_at(t) < said.end:
                t = dataclasses.replace(t, speaker=said.speaker)  # a title in a quotation is the speaker's word
            elif t.speaker is not None and (named or said is None or not said.covers(doc, trigger)):
                t = dataclasses.replace(t, speaker=None)  # a happening the speech is dated by, not what it says
            out.append((t, not named))
        if self._sentence_actors:
            self._dated_actors = set(self._sentence_actors)
        held, self._held = self._held, []
        if held:
            who = self.subject_says(doc, self._units, len(doc)) if report_opener(doc.text) else None
            if who is not None:
                self._last_said = (index, who.speaker)
            out = [(dataclasses.replace(t, speaker=who.speaker) if who is not None and ok and t.speaker is None
                    else t, ok) for t, ok in held] + out
        if index + 1 < len(article.sentences) and report_opener(article.sentences[index + 1].text):
            self._held = out
            return []
        return [t for t, _ in out]

    def ahead(self, doc: Doc, t: Triple, named: bool, trigger: int | None) -> Triple:
        """A gathering said to be ahead: its place named with it ("алда өтетін Ташкенттегі саммит") hosts it as
        planned, and what the article says of it later with no tense ("Саммитке X-тың қатысуы ...") is planned."""
        if t.relation not in AT_GATHERING or t.modality != "Asserted":
            if t.relation in AT_GATHERING and t.modality == "Planned":
                self._upcoming.add(t.object)
            return t
        if named:
            units = [u for u in self._units if any(m.actor in {t.subject, t.object} for m in u.members)]
            if units and upcoming_at(doc, min(u.start for u in units), max(u.end for u in units)):
                self._upcoming.add(t.object)
                return dataclasses.replace(t, modality="Planned")
        elif t.object in self._upcoming and trigger is not None and untensed(doc, trigger):
            return dataclasses.replace(t, modality="Planned")
        return t

    def named_at(self, t: Triple) -> int:
        """Where the name that states a title's triple stands: the first unit of its subject (-1: not found)."""
        return next((u.start for u in self._units + self._sources if any(m.actor == t.subject for m in u.members)),
                    -1)

    def triggers_read(self) -> dict[tuple[str, str, str], tuple[bool, int | None]]:
        """(subject, relation, object) -> whether a title or a name stated it, and the trigger that read it, as the
        core made the sentence's triples (the first reading of each wins)."""
        trigger: list[int | None] = [None] * len(self._out)
        for a, b, t in self._spans:
            for k in range(a, min(b, len(self._out))):
                trigger[k] = t
        read: dict[tuple[str, str, str], tuple[bool, int | None]] = {}
        for k, (s, rel, o, _) in enumerate(self._out):
            for s2, o2 in self.voices(s, rel, o):
                read.setdefault((s2, rel, o2), (k < self._named, trigger[k]))
        return read

    def dated(self, t: Triple, trigger: int | None, doc: Doc) -> Triple:
        """The date of one relation: the sentence's, the gathering's or the one the article gave it before.

        A date in a relative clause dates the happening of its participle and the noun after it ("келер жылы
        өтетін форумға": the forum, not an invitation to it). A date carried from a sentence before holds only
        where the sentence goes on with the actors that sentence dated ("Сапар барысында ол X-пен кездеседі");
        a person's happening dated once keeps its date for a later mention of the same kind (the same modality,
        the same place or one in it).
        """
        if t.relation not in HAPPENING_RELATIONS:
            return t
        when, date = self._when, t.date
        gathering = t.relation in AT_GATHERING
        rel = when.gathering
        if rel is not None and (gathering or (trigger is not None and rel.of <= trigger <= rel.of + 2)):
            date = rel.value
        elif rel is not None and when.main is None:
            date = None  # "келер жылы өтетін форумға шақырды": the relative clause dates the forum, not the invitation
        carried = when.carried and date is not None and date == (when.main.value if when.main else None)
        if carried and not self._going_on:
            date = None  # another story than the one the date was said of
        if date is not None and not carried:
            if gathering:
                self._gathering_dates.setdefault(t.object, date)
            self._happenings.append((t.subject, t.relation, t.modality, t.object, date))
            self._sentence_actors.update((t.subject, t.object))
        elif date is None or carried:
            date = (self._gathering_dates.get(t.object) if gathering else None) or self.dated_before(t) or date
        return t if date == t.date else dataclasses.replace(t, date=date)

    def dated_before(self, t: Triple) -> str | None:
        """The date the article gave the same person's same kind of happening, at the same place or one in it."""
        for s, rel, modality, o, date in self._happenings:
            if (s, rel, modality) == (t.subject, t.relation, t.modality) and self.related(o, t.object):
                return date
        return None

    def related(self, a: str, b: str) -> bool:
        """The same actor, or one located in (or the capital of) the other."""
        def around(x: str) -> set[str]:
            actor = self.lexicon.actors.get(x)
            return {x} | ({actor.located_in, actor.capital_of} - {None} if actor else set())
        return a == b or b in around(a) or a in around(b)
