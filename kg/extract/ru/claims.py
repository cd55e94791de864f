"""Extraction stage, Russian claims: each triple's modality, speaker and date, read at its own trigger.

The core asks the modality of each trigger (`modality_of`) and one speaker and one date per sentence
(`speaker_of`, `date_of`); a Russian sentence often holds more than one of each ("X заявил, что Y посетит Z
5 мая, и пригласил W": X's words and X's own act; "заседание ШОС 31 августа в Китае и саммит 9 октября в
Таджикистане": two dates). So, after the core has made a sentence's triples, each one read by a trigger
takes the speaker of the innermost voice over that trigger (`kg.extract.ru.speech`) and the date of the
temporal expression on its trigger's path (`kg.extract.ru.dates`), and a happening dated after the report is
planned whatever its tense. Dates carry across sentences where the text links them: a gathering dated once
("саммит, который пройдёт в следующем году") dates later takes part in it; a sentence that continues the one
before ("... с 21 ноября. В ходе которого ...") takes its date; and the sentence after that dates a happening
noun of this one ("... в ходе телефонного разговора пригласил ... Телефонный разговор состоялся в
воскресенье.") dates it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from kg.extract.core import Discourse, Unit
from kg.extract.ru import modality as mod
from kg.extract.ru.dates import Dated, find_dates, is_after
from kg.extract.ru.speech import WORD, RussianSpeech, Voice
from kg.model import HAPPENING_RELATIONS, Article, Mention, Sentence, Triple
from kg.nlp.ru_names import parses

# relations whose date is their gathering's when the sentence gives none of its own
AT_GATHERINGS = frozenset({"participatesIn", "hosts"})


@dataclass
class Dates:
    """The Russian extractor's memory of dates across an article's sentences."""

    last: tuple[int, str] | None = None  # the last sentence that dated a happening, and its date
    gatherings: dict[str, str] = field(default_factory=dict)  # a gathering's id -> its date


class RussianClaims(RussianSpeech):
    """Modality, speaker and date of each triple of a Russian sentence, at its trigger."""

    _voices: list[Voice]
    _dated: list[Dated]
    _sentence_date: str | None = None

    # ------------------------------------------------------------------ the core's hooks
    def modality_of(self, doc: Doc, t: int | None) -> str:
        return mod.modality(doc, t)

    def speaker_of(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int,
                   article: Article) -> str | None:
        self._voices = self.speech_voices(doc, units, discourse, index, article)
        return self.speaker_at(self._voices, mod.root_of(doc).i)

    def date_of(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int,
                article: Article) -> str | None:
        memory = discourse.kept("ru_dates", Dates)
        on = article.date
        self._dated = find_dates([w.lower_ for w in doc], on, lambda i: self.future_at(doc, i))
        root = mod.root_of(doc)
        own = [d for d in self._dated if self.attached(doc, d) in self.path(doc, root.i)]
        when = own[0].value if own else None
        if when is None and self._dated and len(self._dated) == 1 and not self.embedded(doc, self._dated[0]):
            when = self._dated[0].value
        if when is None and memory.last is not None and index - memory.last[0] == 1 and any(
                w.lower_.startswith("котор") for w in doc[:4]):
            when = memory.last[1]  # "... с 21 ноября. в ходе которого прошли переговоры"
        if when is None:
            when = self.dated_after(doc, article, index)
        self._sentence_date = when
        for d in self._dated:
            self.date_gathering(doc, d, units, memory)
        return when

    # ------------------------------------------------------------------ each triple at its trigger
    def extract(self, doc: Doc, mentions: list[Mention], sentence: Sentence, article: Article,
                discourse: Discourse, index: int) -> list[Triple]:
        self._voices, self._dated, self._sentence_date = [], [], None
        triples = super().extract(doc, mentions, sentence, article, discourse, index)
        triggers = self.triggers_of_triples()
        memory = discourse.kept("ru_dates", Dates)
        out = []
        for tr in triples:
            key = (tr.subject, tr.relation, tr.object)
            if key not in triggers:  # what a title or a name states
                out.append(tr)
                continue
            t = triggers[key]
            speaker = tr.speaker if t is None else self.speaker_at(self._voices, t)
            date, modality = tr.date, self.modality_of(doc, t)
            if tr.relation in HAPPENING_RELATIONS:
                date = self.date_at(doc, t) if t is not None else None
                if date is None and tr.relation in AT_GATHERINGS:
                    date = memory.gatherings.get(tr.object)
                if date is None:
                    date = self._sentence_date
                if date is not None and tr.relation in AT_GATHERINGS and tr.object not in memory.gatherings:
                    memory.gatherings[tr.object] = date
                if date is not None and modality == "Asserted" and article.date is not None \
                        and is_after(date, article.date):
                    modality = "Planned"  # a happening dated after the report has not happened yet
            out.append(replace(tr, speaker=speaker, date=date, modality=modality))
        dated = [tr.date for tr in out if tr.date and tr.relation in HAPPENING_RELATIONS]
        if dated:
            memory.last = (index, dated[0])
        return out

    def triggers_of_triples(self) -> dict[tuple[str, str, str], int | None]:
        """Which trigger each triple of the sentence was read at (as the core makes them: the first reading
        of a triple is the one kept; what titles and names state is left out)."""
        out = getattr(self, "_ru_out", [])
        named = getattr(self, "_ru_named", len(out))
        at: list[int | None] = [None] * len(out)
        # a frame may mark what one of its readings is about inside its own span (before the core marks the
        # frame's whole span): the narrowest span wins, and of two alike the one marked first
        order = sorted(range(len(self._spans)), key=lambda k: (self._spans[k][0] - self._spans[k][1], -k))
        for a, b, t in (self._spans[k] for k in order):
            for k in range(a, min(b, len(out))):
                at[k] = t
        found: dict[tuple[str, str, str], int | None] = {}
        for k, (s, rel, o, _) in enumerate(out):
            for s2, o2 in self.voices(s, rel, o):
                key = (s2, rel, o2)
                if key not in found:
                    found[key] = at[k] if k >= named else -1
        return {key: t for key, t in found.items() if t != -1}

    # ------------------------------------------------------------------ dates on the tree
    @staticmethod
    def path(doc: Doc, t: int) -> list[Token]:
        """The words from token `t` up to its clause's predicate (past infinitives, and on through a predicate
        coordinated with another: "прибыл 5 мая в Клов и встретился с ...")."""
        w = doc[t]
        out = [w]
        for _ in range(16):
            if mod.predicate(w) and "Inf" not in w.morph.get("VerbForm") and w.dep_ != "conj":
                break
            if w.head.i == w.i:
                break
            w = w.head
            out.append(w)
        return out

    @staticmethod
    def anchor(doc: Doc, d: Dated) -> Token:
        """The word of a temporal expression that hangs it on the rest of the sentence."""
        return next((doc[k] for k in range(d.start, d.end) if not d.start <= doc[k].head.i < d.end), doc[d.start])

    def attached(self, doc: Doc, d: Dated) -> Token:
        return self.anchor(doc, d).head

    def embedded(self, doc: Doc, d: Dated) -> bool:
        """The expression stands in a clause inside another ("саммит, который пройдёт в следующем году")."""
        return any(w.dep_ in mod.EMBEDDED for w in self.path(doc, self.anchor(doc, d).i)[1:])

    def date_at(self, doc: Doc, t: int) -> str | None:
        """The date of the temporal expression on the trigger's path, the nearest to it."""
        path = {w.i for w in self.path(doc, t)}
        own = [d for d in self._dated if self.attached(doc, d).i in path or self.anchor(doc, d).i in path]
        if not own:
            return None
        return min(own, key=lambda d: min(abs(d.start - t), abs(d.end - 1 - t))).value

    def future_at(self, doc: Doc, i: int) -> bool:
        """Whether the clause of token `i` speaks of the future (for a weekday: the next one, not the last)."""
        for w in self.path(doc, i):
            if mod.future(w):
                return True
        return False

    def date_gathering(self, doc: Doc, d: Dated, units: list[Unit], memory: Dates) -> None:
        """"саммит G20, который состоится в следующем году", "Саммит проходит ... с 21 по 22 декабря": the date
        of a gathering's holding, for the mentions of it that give none."""
        verb = self.attached(doc, d)
        if self.frame_of(verb) != "host" or verb.pos_ not in {"VERB", "AUX"}:
            return
        heads = [c for c in verb.children if c.dep_ in {"nsubj", "nsubj:pass"}]
        if verb.dep_ in {"acl", "acl:relcl"}:
            heads.append(verb.head)
        for h in heads:
            tokens = {x.i for x in h.subtree} if h.head.i != verb.head.i or verb.dep_ not in {"acl", "acl:relcl"} \
                else {h.i}
            for u in units:
                if self.event_like(u) and (set(range(u.start, u.end)) & tokens or u.end == h.i or u.start == h.i + 1):
                    for m in u.members:
                        memory.gatherings.setdefault(m.actor, d.value)

    def dated_after(self, doc: Doc, article: Article, index: int) -> str | None:
        """"... в ходе телефонного разговора пригласил ... Телефонный разговор состоялся в воскресенье.": the
        sentence after this one dates a happening noun of this one as it opens."""
        if index + 1 >= len(article.sentences):
            return None
        ws = [w.lower() for w in WORD.findall(article.sentences[index + 1].text)]
        head = next((k for k, w in enumerate(ws[:4]) if any(p.tag.POS == "NOUN" and "nomn" in p.tag
                                                           for p in parses(w)[:1])), None)
        if head is None or head + 1 >= len(ws):
            return None
        nouns = {mod.lemma(w) for w in doc if w.pos_ == "NOUN"}
        noun = parses(ws[head])[0].normal_form.replace("ё", "е")
        verb = parses(ws[head + 1])[:1]
        if noun not in nouns or not verb or verb[0].normal_form not in {"состояться", "пройти", "проходить"}:
            return None
        found = find_dates(ws, article.date, lambda i: "futr" in verb[0].tag)
        return found[0].value if found else None
