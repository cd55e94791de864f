"""Extraction stage core: Doc + mentions -> triples, the machinery every language shares.

For every sentence a language's extractor (`kg/extract/<code>.py`, registered in
`kg.registry.extractors`) turns the mentions into argument units (`Unit`: a name, or names
joined into one, with the tokens it covers and its case or preposition), adds the actors a
sentence names indirectly, and runs a frame for each relation trigger, which finds its roles
before or after the trigger (`before`, `after`) and emits triples (`emit`, `pairwise`). What
the core holds: the trigger tables (`kg/lexicons/triggers_<code>.tsv`), the units, the role
search, the discourse memory across sentences (`Discourse`, `remember`), the type check of
each relation's subject and object, and the loop over a sentence (`extract`). What a language
holds: what a trigger's key is, how units are made (case, prepositions, titles, coordination)
and what each frame looks for.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import TypeVar

from spacy.tokens import Doc, Token

from kg.lexicon import Lexicon
from kg.model import HAPPENING_RELATIONS, Article, Mention, Sentence, Triple
from kg.ontology import relation_allows

AGENTS = frozenset({"Person", "Country", "Organization"})
PLACES = frozenset({"Country", "Place", "Region"})
GATHERINGS = frozenset({"Event", "Organization"})
PARTIES = frozenset({"Person", "Country", "Organization", "Region"})

# Frames that mark roles or names rather than relations; they have no handler.
CUE_FRAMES = frozenset({"title_leader", "title_affiliate", "title_mod", "capital", "president", "our_country",
                        "two_countries", "administration", "head_of_state", "between"})
SYMMETRIC_FRAMES = frozenset({"meet", "negotiate", "cooperate", "compete", "contain", "trade"})

# Relations in which a capital is the city itself, not the voice of its state (ONTOLOGY.md).
LITERAL_PLACE_RELATIONS = frozenset({"visited", "hosts", "locatedIn"})

Out = list[tuple[str, str, str, float]]  # (subject, relation, object, confidence) as frames emit them
T = TypeVar("T")


@dataclass(frozen=True)
class Trigger:
    pattern: re.Pattern[str]
    frame: str


@functools.cache
def load_triggers(lang: str) -> tuple[Trigger, ...]:
    """The trigger table of a language (kg/lexicons/triggers_<lang>.tsv), in file order."""
    name = f"triggers_{lang}.tsv"
    try:
        text = resources.files("kg.lexicons").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()
    out = []
    header_seen = False
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        pattern, frame = line.split("\t")[:2]
        out.append(Trigger(re.compile(pattern), frame.strip()))
    return tuple(out)


@dataclass
class Member:
    actor: str
    type: str
    voice: bool = False  # a capital or seat of power, which may speak for its state


@dataclass
class Unit:
    """One argument slot: a name or coordinated names, with the tokens it covers and its case."""

    members: list[Member]
    start: int  # first token (including a preposition's object noun it absorbed)
    end: int  # one past the last token
    case: str
    prep: str = ""
    indirect: bool = False
    event: bool = False  # the name carries an event noun: "C5+1 саммиті"
    attributive: bool = False  # "Kazakh-American relations": the names describe the noun after them

    @property
    def types(self) -> set[str]:
        return {m.type for m in self.members}

    def fits(self, allowed: frozenset[str]) -> bool:
        return all(m.type in allowed or (m.voice and "Country" in allowed) for m in self.members)


@dataclass
class Discourse:
    """What earlier sentences of the article said, for frames whose role is left implicit."""

    last_event: tuple[int, Member] | None = None
    last_pair: tuple[int, list[Member]] | None = None
    last_agent: dict[str, tuple[int, list[Member]]] = field(default_factory=dict)
    last_goal: tuple[int, Member] | None = None
    topic: tuple[int, Member] | None = None  # the country a recent sentence was about

    def kept(self, name: str, make: Callable[[], T]) -> T:
        """A language's own memory of the article, kept on its discourse under `name` (made by `make` the first
        time it is asked for)."""
        memory = getattr(self, name, None)
        if memory is None:
            memory = make()
            setattr(self, name, memory)
        return memory


class Extractor:
    """Relation extraction over the sentences of one article at a time; a language subclasses it.

    A subclass sets `lang` and `name` (the `kgo:extractor` of its mentions), makes the units
    (`make_units`) and has a method `frame_<frame>` for each frame of its trigger table.
    """

    lang = ""
    name = ""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.triggers = load_triggers(self.lang)
        self._trigger_of: dict[str, Trigger | None] = {}  # word key -> the first trigger matching it (or None)
        self._frames: list[str] = []
        self._doc: Doc | None = None
        self._spans: list[tuple[int, int, int]] = []  # (first, end) of `out` that the trigger at a token read

    # ------------------------------------------------------------------ words
    def type_of(self, actor: str) -> str:
        if actor.startswith("new:"):
            return actor.split(":", 2)[1]
        a = self.lexicon.actors.get(actor)
        return a.type if a else "Organization"

    def key(self, token: Token) -> str:
        """What a trigger pattern is matched against (the lower-cased text unless a language says otherwise)."""
        return token.text.lower()

    def frame_of(self, token: Token) -> str:
        """The frame of the first trigger whose pattern matches the token's key ("" for none)."""
        key = self.key(token)
        if key in self._trigger_of:
            trig = self._trigger_of[key]
        else:  # the first trigger that matches: the same for every token with this key
            trig = self._trigger_of[key] = next((t for t in self.triggers if t.pattern.fullmatch(key)), None)
        frame = "" if trig is None or trig.frame == "exclude" else trig.frame
        return self.refine_frame(token, key, frame)

    def refine_frame(self, token: Token, key: str, frame: str) -> str:
        """A language's say on the frame its trigger table gives a token in context."""
        return frame

    @staticmethod
    def case_of(token: Token) -> str:
        case = token.morph.get("Case")
        return case[0] if case else ""

    @staticmethod
    def clause_final(token: Token) -> bool:
        doc = token.doc
        return token.i + 1 >= len(doc) or doc[token.i + 1].is_punct

    # ------------------------------------------------------------------ main
    def extract(self, doc: Doc, mentions: list[Mention], sentence: Sentence, article: Article,
                discourse: Discourse, index: int) -> list[Triple]:
        """Triples of one sentence. `index` is the sentence's number in the article."""
        self._doc = doc
        frames = [self.frame_of(t) for t in doc]
        self._frames = list(frames)
        covered = set()
        for m in mentions:
            covered.update(range(m.tok_start, m.tok_end))
        for i in covered:
            frames[i] = ""
        out: Out = []
        self._spans = []
        units = self.make_units(doc, mentions, frames, article, discourse, index, out)
        named = len(out)  # what titles and names state: facts of the names, not of the sentence's verb
        self.frames(doc, units, frames, discourse, index, out)
        self.remember(units, discourse, index, out, article.date)
        trigger: list[int | None] = [None] * len(out)
        for a, b, t in self._spans:
            for k in range(a, min(b, len(out))):
                trigger[k] = t
        speaker = self.speaker_of(doc, units, discourse, index, article)
        when = self.date_of(doc, units, discourse, index, article)
        triples = []
        seen = set()
        for k, (s, rel, o, conf) in enumerate(out):
            if k < named:
                modality, said_by, date = "Asserted", None, None
            else:
                modality, said_by = self.modality_of(doc, trigger[k]), speaker
                date = when if rel in HAPPENING_RELATIONS else None
            for s2, o2 in self.voices(s, rel, o):
                if s2 == o2 or not self.type_ok(s2, rel, o2):
                    continue
                if rel == "visited" and self.leads(s2, o2, article):
                    continue  # a head of state travelling at home is not a visit to their state
                key = (s2, rel, o2)
                if key in seen:
                    continue
                seen.add(key)
                triples.append(Triple(s2, rel, o2, article.id, sentence.start, sentence.end, sentence.text,
                                      sentence.lang or article.lang, conf, self.name, modality, said_by, date))
        return triples

    # ------------------------------------------------------------------ what a sentence claims, who says it, when
    def modality_of(self, doc: Doc, t: int | None) -> str:
        """How the sentence presents what the trigger at `t` states (None: a reading with no trigger of its own).

        Asserted, Planned, Hypothetical or Denied (ONTOLOGY.md); a language reads its own cues
        (tense, mood, negation, modal words) and their scope over the trigger.
        """
        return "Asserted"

    def speaker_of(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int,
                   article: Article) -> str | None:
        """The actor whose words the sentence reports ("X said that ...", a quotation of X), or None.

        A news outlet that carries the report is not a speaker (ONTOLOGY.md).
        """
        return None

    def date_of(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int,
                article: Article) -> str | None:
        """When what the sentence tells of happens, resolved against the article's date
        (YYYY-MM-DD, YYYY-MM or YYYY), or None when the sentence does not say."""
        return None

    def make_units(self, doc: Doc, mentions: list[Mention], frames: list[str], article: Article,
                   discourse: Discourse, index: int, out: Out) -> list[Unit]:
        """The sentence's argument units in order; may emit the triples that titles and names state."""
        raise NotImplementedError

    def frames(self, doc: Doc, units: list[Unit], frames: list[str], discourse: Discourse, index: int,
               out: Out) -> None:
        """Run the handler of each relation trigger's frame, unless the language rules it out here."""
        self.before_frames(doc)
        for t, f in enumerate(frames):
            if not f or f.startswith("head") or f in CUE_FRAMES or self.silent(doc, t):
                continue
            handler = getattr(self, f"frame_{f}", None)
            if handler is not None:
                first = len(out)
                handler(doc, units, t, discourse, index, out)
                self._spans.append((first, len(out), t))  # what this trigger read: its modality is its own

    def before_frames(self, doc: Doc) -> None:
        """What a language prepares before its frames run (nothing by default)."""

    def silent(self, doc: Doc, t: int) -> bool:
        """Whether the trigger at `t` states no relation of its own here (a language's rule)."""
        return False

    def voices(self, s: str, rel: str, o: str) -> Iterable[tuple[str, str]]:
        """A capital (or a seat of power) speaks for its state except where it is the place itself."""
        if rel in LITERAL_PLACE_RELATIONS:
            # the visitor may still be a capital's state ("Астана делегациясы ... барды"), the place is the city
            yield (self.lexicon.capital_of(s) or s) if rel == "visited" else s, o
            return
        s2 = self.lexicon.capital_of(s) or s
        o2 = self.lexicon.capital_of(o) or o
        yield s2, o2

    def leads(self, person: str, target: str, article: Article) -> bool:
        return any(r.target == target and r.relation == "leaderOf"
                   for r in self.lexicon.roles_of(person, article.date))

    def type_ok(self, s: str, rel: str, o: str) -> bool:
        """The ontology allows the classes of subject and object for the relation (its domain and range)."""
        return relation_allows(rel, self.type_of(s), self.type_of(o))

    @staticmethod
    def outermost(mentions: list[Mention]) -> list[Mention]:
        """The mentions that lie inside no longer one: a name inside a longer one ("АҚШ" in "АҚШ Қаржы
        министрлігі", the countries of "форум «Казахстан – Китай»") is part of it."""
        return [m for m in mentions if not any(o is not m and o.tok_start <= m.tok_start and m.tok_end <= o.tok_end
                                               and o.tok_end - o.tok_start > m.tok_end - m.tok_start
                                               for o in mentions)]

    # ------------------------------------------------------------------ coordination
    conjunctions: frozenset[str] = frozenset()  # a language's words that join names in a list ("," among them)

    def coordinate(self, doc: Doc, singles: list[Unit]) -> list[Unit]:
        """Names joined by commas and conjunctions become one unit ("A, B and C"): a gap of at most three of the
        language's `conjunctions` with a comma, or two with a word, where the language finds the two names
        `compatible`; the language says which words stand between them (`coordination_gap`) and the list's case
        (`joined_case`)."""
        out: list[Unit] = []
        conj = self.conjunctions
        for u in singles:
            if out:
                prev = out[-1]
                gap = self.coordination_gap(doc, prev, u)
                joinable = (bool(gap) and len(gap) <= 3 and all(g in conj for g in gap) and "," in gap) or (
                    bool(gap) and len(gap) <= 2 and all(g in conj for g in gap) and any(g != "," for g in gap))
                if joinable and self.compatible(prev, u, gap):
                    prev.members.extend(u.members)
                    prev.end = u.end
                    prev.case = self.joined_case(prev, u)
                    prev.indirect = prev.indirect and u.indirect
                    continue
            out.append(u)
        return out

    def coordination_gap(self, doc: Doc, a: Unit, b: Unit) -> list[str]:
        """The lower-cased words between the names `a` and `b` that may join them (a language's rule)."""
        raise NotImplementedError

    @staticmethod
    def joined_case(a: Unit, b: Unit) -> str:
        """The case of the list `a` and `b` make (a language's rule)."""
        raise NotImplementedError

    @staticmethod
    def compatible(a: Unit, b: Unit, gap: list[str]) -> bool:
        """Whether the names `a` and `b`, with the words `gap` between them, may be one list (a language's rule)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ roles
    def before(self, units: list[Unit], t: int, cases: set[str] | None = None, allowed: frozenset[str] = AGENTS,
               within: int = 25, exclude: Iterable[Unit] = (), preps: set[str] | None = None) -> Unit | None:
        """The nearest unit ending before token `t` (within `within` tokens) with a case, preposition and class."""
        ex = {id(u) for u in exclude}
        for u in reversed(units):
            if u.end > t or id(u) in ex:
                continue
            if t - u.end > within:
                return None
            if cases is not None and u.case not in cases:
                continue
            if preps is not None and u.prep not in preps:
                continue
            if u.fits(allowed):
                return u
        return None

    def after(self, units: list[Unit], t: int, cases: set[str] | None = None, allowed: frozenset[str] = AGENTS,
              within: int = 12, exclude: Iterable[Unit] = (), preps: set[str] | None = None) -> Unit | None:
        """The nearest unit starting after token `t` (within `within` tokens) with a case, preposition and class."""
        ex = {id(u) for u in exclude}
        for u in units:
            if u.start <= t or id(u) in ex:
                continue
            if u.start - t > within:
                return None
            if cases is not None and u.case not in cases:
                continue
            if preps is not None and u.prep not in preps:
                continue
            if u.fits(allowed):
                return u
        return None

    @staticmethod
    def emit(out: Out, subj: Unit | None, rel: str, obj: Unit | None, conf: float) -> None:
        """Every subject member to every object member (none when a role is missing)."""
        if subj is None or obj is None:
            return
        for s in subj.members:
            for o in obj.members:
                if s.actor != o.actor:
                    out.append((s.actor, rel, o.actor, conf))

    @staticmethod
    def pairwise(out: Out, group: Unit, rel: str, conf: float) -> None:
        """A symmetric relation between every two members of one unit ("X and Y met")."""
        ms = group.members
        for i in range(len(ms)):
            for j in range(i + 1, len(ms)):
                if ms[i].actor != ms[j].actor:
                    out.append((ms[i].actor, rel, ms[j].actor, conf))

    def topic(self, discourse: Discourse | None, index: int) -> Unit | None:
        """The country the last sentences were about, for a partner whose other side goes unsaid."""
        if discourse is None or discourse.topic is None or index - discourse.topic[0] > 2:
            return None
        m = discourse.topic[1]
        return Unit([Member(m.actor, m.type)], -1, -1, "Nom", indirect=True)

    def pair_named_last(self, doc: Doc, i: int, frames: list[str], discourse: Discourse, index: int,
                        pair_noun: re.Pattern[str]) -> Unit | None:
        """"екі ел", "обе страны": a word for two (token `i`) before a noun of states (`pair_noun`, which
        gives the unit its case) is the last pair of countries named, at most four sentences back."""
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is None or not discourse.last_pair or not pair_noun.fullmatch(nxt.text.lower()):
            return None
        seen_at, members = discourse.last_pair
        if index - seen_at > 4:
            return None
        frames[i] = frames[i + 1] = ""
        return Unit([Member(m.actor, m.type) for m in members], i, i + 2, self.case_of(nxt), indirect=True)

    def gathering_named_last(self, doc: Doc, i: int, frames: list[str], discourse: Discourse, index: int,
                             within: int) -> Unit | None:
        """"Саммитке ... қатысты", "на саммите выступил": a gathering's noun with no name (token `i`) is the
        gathering named last, at most `within` sentences back."""
        if not discourse.last_event:
            return None
        seen_at, member = discourse.last_event
        if index - seen_at > within:
            return None
        frames[i] = ""
        return Unit([Member(member.actor, member.type)], i, i + 1, self.case_of(doc[i]), indirect=True, event=True)

    def demonym_target(self, doc: Doc, t: int, agent: Unit | None, after: int = 0) -> Unit | None:
        """The state an adjective of nationality near a pressure noun at `t` names: before it ("ресейлік
        компанияларға санкциялар", "российским компаниям санкции"; after the agent, or within six words) or, up to
        `after` words on and before the sentence ends, after it ("санкции против российских компаний")."""
        lo = agent.end if agent is not None else max(0, t - 6)
        for k in [*range(lo, t), *range(t + 1, min(len(doc), t + 1 + after))]:
            if k > t and doc[k].text in {".", ";", "!", "?"}:
                break
            country = self.lexicon.demonym(doc[k].text, self.lang)
            if country and country in self.lexicon.actors and (agent is None or country not in
                                                                 {m.actor for m in agent.members}):
                return Unit([Member(country, "Country")], k, k + 1, "Nom", indirect=True)
        return None

    @staticmethod
    def traveller_named_last(discourse: Discourse, index: int, t: int, within: int = 6) -> Unit | None:
        """Who travelled in the last sentences (at most `within` back), for a visit at `t` that does not say who."""
        last = discourse.last_agent.get("visited")
        if last and index - last[0] <= within:
            return Unit(list(last[1]), t, t, "Nom", indirect=True)
        return None

    def to_leaders_country(self, u: Unit) -> None:
        """"Trump administration": a leader's unit stands for the country the leader leads."""
        members = []
        for m in u.members:
            roles = [r for r in self.lexicon.roles_of(m.actor) if r.relation == "leaderOf"]
            roles = roles if m.type == "Person" else []
            if roles:
                target = roles[-1].target
                members.append(Member(target, self.type_of(target)))
            else:
                members.append(m)
        u.members = members

    # ------------------------------------------------------------------ symmetric relations
    def symmetric(self, doc: Doc, units: list[Unit], t: int, rel: str, out: Out, conf: float = 0.85,
                  obj_cases: tuple[str, ...] = ("Ins",), discourse: Discourse | None = None, index: int = 0) -> None:
        """The two sides of a symmetric relation around the trigger at `t` (each language's own search)."""
        raise NotImplementedError

    def frame_meet(self, doc, units, t, discourse, index, out) -> None:
        self.symmetric(doc, units, t, "metWith", out, discourse=discourse, index=index)

    def frame_negotiate(self, doc, units, t, discourse, index, out) -> None:
        # talks are held in person unless the sentence says by phone: both metWith and negotiatesWith
        before = len(out)
        self.symmetric(doc, units, t, "negotiatesWith", out, discourse=discourse, index=index)
        for s, _, o, conf in out[before:]:
            out.append((s, "metWith", o, round(conf * 0.9, 2)))

    def frame_cooperate(self, doc, units, t, discourse, index, out) -> None:
        self.symmetric(doc, units, t, "cooperatesWith", out, 0.8, discourse=discourse, index=index)

    def frame_compete(self, doc, units, t, discourse, index, out) -> None:
        self.symmetric(doc, units, t, "competesWith", out, 0.8, discourse=discourse, index=index)

    def frame_trade(self, doc, units, t, discourse, index, out) -> None:
        self.symmetric(doc, units, t, "tradesWith", out, 0.8, discourse=discourse, index=index)

    # ------------------------------------------------------------------ formats
    def uses_formats(self, units: list[Unit], t: int, out: Out, user_preps: set[str] | None = None) -> None:
        """A state or body that uses a format (in the accusative before the verb at `t`, or named after it) is a
        member of it; `user_preps`: the prepositions the user's unit may carry (None: any)."""
        user = self.before(units, t, {"Nom"}, frozenset({"Country", "Organization"}), within=12, preps=user_preps)
        formats = self.before(units, t, {"Acc"}, frozenset({"Organization"}), within=3)
        if formats is None:
            formats = self.after(units, t, None, frozenset({"Organization"}), within=8)
        if formats is not None and user is not None and formats.start < user.start:
            return
        self.emit(out, user, "memberOf", formats, 0.7)

    # ------------------------------------------------------------------ memory
    def remember(self, units: list[Unit], discourse: Discourse, index: int, out: Iterable = (),
                 on: dt.date | None = None) -> None:
        """Keep the sentence's topic country, last gathering and last pair of countries for the next ones.

        Two heads of state talking make their two countries the pair "екі ел" / "the two
        countries" refers to next: their offices come from this sentence's titles or the lexicon.
        """
        pair_before = discourse.last_pair
        for u in units:
            if u.case == "Nom" and len(u.members) == 1 and u.members[0].type == "Country" and not u.prep:
                discourse.topic = (index, u.members[0])
                break
        for u in units:
            if u.indirect:
                continue
            for m in u.members:
                if m.type == "Event" or (m.type == "Organization" and u.end - u.start > len(u.members)):
                    discourse.last_event = (index, m)
            countries = [m for m in u.members if m.type == "Country"]
            if len(countries) == 2 and len(u.members) == 2:
                discourse.last_pair = (index, countries)
        if discourse.last_pair is not pair_before:
            return
        led = {s: o for s, rel, o, _ in out if rel == "leaderOf" and self.type_of(o) == "Country"}
        people = list(dict.fromkeys(m.actor for u in units for m in u.members if m.type == "Person"))
        states: list[str] = []
        for person in people:
            state = led.get(person) or next((r.target for r in self.lexicon.roles_of(person, on)
                                             if r.relation == "leaderOf" and self.type_of(r.target) == "Country"), None)
            if state is not None and state not in states:
                states.append(state)
        if len(people) == 2 and len(states) == 2:
            discourse.last_pair = (index, [Member(c, "Country") for c in states])
