"""Extraction stage for English: Doc + mentions -> triples, roles from word order and prepositions.

English marks roles by position and preposition, not by case: the subject stands before the
trigger without a preposition ("Tokayev met Xi"), the object right after it ("visited
Moscow") or after the preposition the trigger governs ("talks with", "invested in",
"sanctions on", "a member of", "invited ... to"). A name followed by "'s" is a possessive
("Kazakhstan's President", "Tokayev's visit to"). The extractor is a stack of mixins, each in
its own module: `en_memory` (what earlier sentences said), `en_titles` (offices next to
names), `en_places` (where places are), `en_units` (names, coordination, indirect mentions),
`en_roles` (where roles stand), `en_gatherings` (participation, membership, invitations,
hosting) and this module (the trigger keys and the other frames: meetings and talks,
cooperation, trade, rivalry, investment, pressure, support, visits). Capitals and seats of
power speak for their state through `Extractor.voices`. The trigger words are data
(`kg/lexicons/triggers_en.tsv`), the closed word classes too (`kg/lexicons/words_en.tsv`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg import registry
from kg.extract.core import AGENTS, GATHERINGS, PARTIES, PLACES, Discourse, Member, Unit
from kg.extract.en.dates import EnglishDates
from kg.extract.en.words import CLAUSE_END, DETERMINERS, LEADERS, PRONOUNS
from kg.wordlists import words

UNDOING = words("en", "undoing")
COPULAS = words("en", "copulas")
PARTNER_NOUNS = words("en", "partner_nouns")
INFLUENCE_NOUNS = words("en", "influence_nouns")


@registry.extractors.register("en")
class EnglishExtractor(EnglishDates):
    """Relation extraction for English sentences, one article at a time (same contract as `Extractor`)."""

    lang = "en"
    name = "en-word-order"

    # ------------------------------------------------------------------ keys and frames
    def key(self, token: Token) -> str:
        return (token.lemma_ or token.text).lower()

    def refine_frame(self, token: Token, key: str, frame: str) -> str:
        doc = token.doc
        prev = self.key(doc[token.i - 1]) if token.i > 0 else ""
        nxt = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        if frame == "part":  # "took part in"
            return "participate" if prev == "take" and nxt == "in" else ""
        if frame == "place":  # "will take place in"
            return "held" if prev == "take" else ""
        if key == "call" and nxt in {"for", "on", "upon"}:
            return ""  # "call for cooperation", "call on X to": a demand, no phone call
        if key == "call" and token.lower_ != "call" and token.lower_ != "calls" and nxt != "with":
            return ""  # "called Russia a partner", "called on X to": no phone call
        if key == "call" and token.lower_ == "calls" and nxt not in {"with", "between"} and prev not in {
                "phone", "telephone", "video"}:
            return ""
        if frame in {"title_leader", "title_affiliate", "title_mod", "head_event", "two_countries"}:
            return frame
        if frame and token.text[:1].isupper() and token.i > 0 and frame not in {"visit"}:
            # "Trade Minister", "Investment Forum", "Warsaw Pact": a capitalised trigger word inside a name
            after = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
            before = doc[token.i - 1]
            if after[:1].isupper() or (before.text[:1].isupper() and before.is_alpha and token.i > 1
                                       and not doc[token.i - 2].is_punct):
                return ""
        return frame

    def frames(self, doc: Doc, units: list[Unit], frames: list[str], discourse: Discourse, index: int,
               out: list) -> None:
        self._out = out  # the sentence's readings, for its date (dates.py)
        super().frames(doc, units, frames, discourse, index, out)
        # the readings below have no trigger of their own: each says whose modality it shares (`anchor`)
        for step in (lambda: self.fronted_gathering(doc, units, out), lambda: self.on_the_sidelines(doc, units, out),
                     lambda: self.fronted_place(doc, units, frames, discourse, out),
                     lambda: self.met_in_place(doc, units, frames, discourse, out),
                     lambda: self.where_clause(doc, units, out), lambda: self.event_places(doc, units, out),
                     lambda: self.summit_of_sides(doc, units, out), lambda: self.format_sides(out),
                     lambda: self.plus_formats(doc, units, out),
                     lambda: self.our_partners(doc, units, discourse, index, out)):
            first = len(out)
            anchor = step()
            if len(out) > first:
                self._spans.append((first, len(out), anchor))
        for k, source in self.state_visits(out, discourse):
            self._spans.append((k, k + 1, self.trigger_at(source)))

    def fronted_place(self, doc: Doc, units: list[Unit], frames: list[str], discourse: Discourse,
                      out: list) -> int | None:
        """"In Astana, Cameron will meet with X": a visitor from elsewhere is in the city where they meet."""
        if len(units) < 2 or doc[0].lower_ != "in" or units[0].start != 1 or units[0].types != {"Place"}:
            return None
        place, agent = units[0], units[1]
        if place.end >= len(doc) or doc[place.end].text != "," or agent.start > place.end + 2 or agent.prep \
                or agent.types != {"Person"} or len(agent.members) != 1:
            return None
        meet = next((k for k in range(agent.end, min(len(doc), agent.end + 6)) if frames[k] in {"meet", "talks",
                                                                                             "negotiate"}), None)
        if meet is None:
            return None
        actor = self.lexicon.actors.get(place.members[0].actor)
        state = actor.located_in if actor is not None else None
        own = self.state_of_person(agent.members[0].actor, discourse)
        if own is not None and state is not None and own != state:
            self.emit(out, agent, "visited", place, 0.7)
        return meet

    def where_clause(self, doc: Doc, units: list[Unit], out: list) -> int | None:
        """"... the Ministerial Meeting in Ashgabat, where she will discuss ... together with representatives of
        A and B": those who act in the clause take part in the gathering it is about."""
        w = next((k for k in range(1, len(doc) - 1) if doc[k].lower_ == "where" and doc[k - 1].text == ","), None)
        if w is None:
            return None
        event = next((u for u in reversed(units) if u.end <= w - 1 and w - 1 - u.end <= 3 and u.fits(GATHERINGS)
                      and (u.event or u.types <= {"Event"})), None)
        if event is None or any(tok.text in CLAUSE_END for tok in doc[event.end:w]):
            return None
        stop = next((k for k in range(w + 1, len(doc)) if doc[k].text in CLAUSE_END), len(doc))
        people = frozenset({"Person", "Country"})
        actors = [u for u in units if w < u.start < stop and u.fits(people) and u.case != "Gen" and (
            not u.prep or (u.start >= 2 and u.prep == "of" and doc[u.start - 2].lower_ in LEADERS)
            or (u.start >= 2 and u.prep == "with" and doc[u.start - 2].lower_ == "together"))]
        for u in actors:
            self.emit(out, u, "participatesIn", event, 0.7)
        # the clause's own verb: "where she will discuss ..." (past the subject and the auxiliaries)
        return next((k for k in range(w + 1, stop) if doc[k].is_lower and doc[k].is_alpha and doc[k].lower_ not in
                     PRONOUNS and not self.chain_word(doc[k])), None)

    def met_in_place(self, doc: Doc, units: list[Unit], frames: list[str], discourse: Discourse,
                     out: list) -> int | None:
        """"X and Y held a meeting in Samarkand", "X held talks with Y in Beijing": those who met there from
        another state came to the city."""
        people = {x for s, rel, o, _ in out if rel in {"metWith", "negotiatesWith"} for x in (s, o)
                  if self.type_of(x) == "Person"}
        if not people:
            return None
        trig = [k for k, f in enumerate(frames) if f in {"meet", "talks", "negotiate"}]
        found = next(((u, k) for u in units for k in trig if u.prep == "in" and u.types == {"Place"}
                      and 0 < u.start - k <= 8 and not any(tok.text in {",", ";", "."} for tok in doc[k:u.start])),
                     None)
        if found is None:
            return None
        place, meet = found
        actor = self.lexicon.actors.get(place.members[0].actor)
        state = actor.located_in if actor is not None else None
        for person in sorted(people):
            own = self.state_of_person(person, discourse)
            if state and own and own != state:
                out.append((person, "visited", place.members[0].actor, 0.7))
        return meet

    def on_the_sidelines(self, doc: Doc, units: list[Unit], out: list) -> int | None:
        """"X met Y on the sidelines of the forum": those who met there take part in the gathering."""
        event = next((u for u in units if u.prep == "of" and u.fits(GATHERINGS) and u.start >= 2 and any(
            doc[k].lower_ in {"sidelines", "margins", "sideline"} for k in range(max(0, u.start - 5), u.start))), None)
        if event is None:
            return None
        people = {x for s, rel, o, _ in out if rel in {"metWith", "negotiatesWith"} for x in (s, o)}
        for person in sorted(people):
            if self.type_of(person) in {"Person", "Country"}:
                out.append((person, "participatesIn", event.members[0].actor, 0.75))
        return self.trigger_before(doc, event.start, within=len(doc))

    def fronted_gathering(self, doc: Doc, units: list[Unit], out: list) -> int | None:
        """"At the summit, X said", "On the sidelines of the forum, X met Y": the subject takes part."""
        if not units or units[0].prep not in {"at", "during", "of"} or not units[0].fits(GATHERINGS):
            return None
        event = units[0]
        opener = " ".join(t.lower_ for t in doc[:event.start])
        if opener not in {"at", "during", "on the sidelines of", "on the margins of", "at the opening of"} or \
                not (event.event or event.types <= {"Event"} or event.indirect):
            return None
        if event.end >= len(doc) or doc[event.end].text != ",":
            return None
        agent = next((u for u in units[1:] if u.start > event.end), None)
        if agent is not None and agent.start <= event.end + 3 and not agent.prep and agent.case != "Gen" \
                and agent.fits(AGENTS):
            self.emit(out, agent, "participatesIn", event, 0.75)
            # the subject's verb, past its auxiliaries: "At the summit, X will speak"
            return next((k for k in range(agent.end, len(doc)) if not self.chain_word(doc[k])), None)
        return None

    # ------------------------------------------------------------------ the frames
    def symmetric_en(self, doc: Doc, units: list[Unit], t: int, rels: tuple[str, ...], conf: float,
                     bare: bool, discourse: Discourse, index: int, out: list, states: bool = False) -> None:
        """The two sides of a symmetric relation; with `states`, people stand for the states they act for."""
        def side(u: Unit | None) -> Unit | None:
            return self.as_states(u, discourse) if states and u is not None else u

        between = self.obj(units, t, {"between", "among"}, PARTIES, within=5)
        if between is not None and len(between.members) >= 2:
            if not (t > 0 and doc[t - 1].lower_ in {"their", "its", "our"}):  # "balance their relations between"
                for rel in rels:
                    self.pairwise(out, side(between), rel, conf)
            return
        # "Kazakhstan-China relations", "Kazakhstan and China's trade"
        reach = 5 if doc[t].lower_ in {"partner", "partners"} else 3
        right = self.owner_before(units, t, PARTIES, within=reach) or next(
            (u for u in reversed(units) if u.end <= t and t - u.end <= 1 and len(u.members) == 2 and not u.prep), None)
        preps = {"with"} | ({""} if bare else set())
        partner = self.obj(units, t, preps, PARTIES, within=10)
        if partner is None and not states:
            partner = self.delegation_head(doc, units, t)  # "met with a delegation of Y headed by X"
        if partner is None and right is not None and len(right.members) == 2 and not bare:
            for rel in rels:
                self.pairwise(out, side(right), rel, conf * 0.9)
            return
        if partner is None and doc[t].lower_ in {"partner", "partners"}:
            partner = right or self.obj(units, t, {"of"}, PARTIES, within=3)
            right = None
            if partner is None and self.partner_of_speaker(doc, units, t, discourse, index, out):
                return
        if partner is not None:
            agent = right if right is not None and right is not partner else None
            agent = agent or self.subject(units, t, PARTIES, exclude=[partner])
            if agent is None and units and units[0].case == "Gen" and units[0].start <= 1 and units[0].end < t \
                    and all(tok.is_lower or tok.text == "-" for tok in doc[units[0].end + 1:t]):
                # "Kazakhstan's multi-vector foreign policy balances ties with X": the owner of the subject
                agent, conf = units[0], conf * 0.9
            if agent is None and states:
                # "trade with China grew": the country the last sentences were about; a meeting needs its people
                agent, conf = self.topic(discourse, index), conf * 0.75
            for rel in rels:
                self.emit(out, side(agent), rel, side(partner), conf)
            return
        # "X and Y discussed ... during a meeting in Brussels": the clause's subject, farther back
        group = self.subject(units, t, PARTIES, within=25 if self.adverbial(doc, t) else 6)
        if group is None:
            # "They set tasks to multiply the volume of trade": the sentence's own subject, with no comma between
            far = self.subject(units, t, PARTIES, within=12)
            if far is not None and far.start == 0 and not any(tok.text in {",", ";", ":"} for tok in doc[far.end:t]):
                group = far
        if group is not None and len(group.members) >= 2:
            if not states and group.indirect:
                group = self.sides_as_people(group, discourse, index)
            if states and group.indirect and "Person" in side(group).types:
                return  # "the heads of state discussed trade": a head of no state gives no trading state
            for rel in rels:
                self.pairwise(out, side(group), rel, conf * 0.9)
            return
        if group is None and any(doc[k].lower_ in {"bilateral", "mutual"} for k in range(max(0, t - 3), t)):
            # "bilateral trade", "mutual cooperation": between the last two states the article named
            pair = self.last_countries(discourse, index)
            if pair is not None and len(pair) == 2:
                for rel in rels:
                    self.pairwise(out, Unit(list(pair), t, t, "Nom", indirect=True), rel, 0.7)

    def partner_of_speaker(self, doc: Doc, units: list[Unit], t: int, discourse: Discourse, index: int,
                           out: list) -> bool:
        """"“X is a reliable partner,” Y said", "X is our partner, Y noted": in Y's words, X is a partner of the state
        Y speaks for."""
        subject = next((u for u in reversed(units) if u.end <= t), None)
        if subject is None or subject.prep or subject.case == "Gen" or len(subject.members) != 1 \
                or subject.types != {"Country"}:
            return False
        k = subject.end + (subject.end < t and doc[subject.end].text in {"]", ")"})  # "[Kyrgyzstan] is"
        if k >= t or doc[k].lower_ not in COPULAS or not all(
                (tok.is_alpha and tok.is_lower) or tok.text == "," for tok in doc[k + 1:t]):
            return False
        said = next((s for s in self.speech_verbs(doc, units, discourse, index) if s.rank == 0
                     and s.start <= subject.start and t < s.end), None)
        if said is None:
            return False
        state = said.speaker if self.type_of(said.speaker) == "Country" else self.state_of_person(said.speaker,
                                                                                                 discourse)
        if state is None or state == subject.members[0].actor:
            return False
        out.append((state, "cooperatesWith", subject.members[0].actor, 0.7))
        return True

    def our_partners(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int, out: list) -> int | None:
        """"our Central Asian partners" in someone's words: partners of the state the speaker acts for (the noun reads
        as a trigger for the modality)."""
        anchor = None
        for u in units:
            if u.start == 0 or doc[u.start - 1].lower_ != "our" or doc[u.end - 1].lower_ not in PARTNER_NOUNS:
                continue
            said = next((s for s in self.speech_verbs(doc, units, discourse, index) if s.rank == 0
                         and s.start <= u.start and u.end <= s.end), None)
            if said is None:
                continue
            state = said.speaker if self.type_of(said.speaker) == "Country" else self.state_of_person(said.speaker,
                                                                                                     discourse)
            for m in u.members:
                if state is not None and m.actor != state and m.type in {"Country", "Region"}:
                    out.append((state, "cooperatesWith", m.actor, 0.7))
                    anchor = u.end - 1
        return anchor

    def delegation_head(self, doc: Doc, units: list[Unit], t: int) -> Unit | None:
        """"with a delegation (of Y) led/headed by X": X, the person who leads it."""
        k = next((k for k in range(t + 1, min(len(doc), t + 5)) if doc[k].lower_ in {"delegation", "delegations"}),
                 None)
        if k is None or doc[t + 1].lower_ not in {"with", "a", "the"} or "with" not in {x.lower_ for x in doc[t:k]}:
            return None
        led = next((j for j in range(k + 1, min(len(doc) - 1, k + 10)) if doc[j].lower_ in {"led", "headed"}
                    and doc[j + 1].lower_ == "by"), None)
        if led is None:
            return None
        return self.obj(units, led, {"by"}, frozenset({"Person"}), within=6)

    def sides_as_people(self, group: Unit, discourse: Discourse, index: int) -> Unit:
        """"The two sides met": the two people who stand for those states, when the article just named them."""
        people = self.last_people(discourse, index)
        if people is None or not group.types <= {"Country"}:
            return group
        states = {self.state_of_person(m.actor, discourse) for m in people}
        if states != {m.actor for m in group.members}:
            return group
        return Unit([Member(m.actor, m.type) for m in people], group.start, group.end, group.case, indirect=True)

    def frame_meet(self, doc, units, t, discourse, index, out) -> None:
        nxt = doc[t + 1].lower_ if t + 1 < len(doc) else ""
        if self.key(doc[t]) == "speak" and nxt == "at":
            # "the presidents will speak at the first meeting of X": speakers take part
            target, conf = self.gathering(doc, units, t)
            if target is not None:
                self.emit(out, self.subject(units, t, AGENTS, exclude=[target]), "participatesIn", target, conf * 0.95)
            return
        if not self.is_verb_form(doc[t]) and any(self._frames[k] in {"participate", "part", "address"}
                                                 for k in range(max(0, t - 4), t)):
            return  # "attended the meeting": participation, read by its own frame
        if doc[t].lower_ in {"meeting", "meetings"} and nxt == "of":
            # "X and Y held the first meeting of the council": they take part in the body's meeting
            body = self.obj(units, t, {"of"}, GATHERINGS, within=3) or next(
                (u for u in units if u.start <= t < u.end and u.event and u.fits(GATHERINGS)), None)
            if body is not None and len(body.members) == 1:
                self.emit(out, self.subject(units, t, AGENTS, within=12, exclude=[body]), "participatesIn", body,
                          0.75)
        self.symmetric_en(doc, units, t, ("metWith",), 0.85, self.is_verb_form(doc[t]), discourse, index, out)

    def frame_talks(self, doc, units, t, discourse, index, out) -> None:
        # talks in person are both a meeting and a negotiation (ONTOLOGY.md); "talked with" only a meeting
        rels = ("metWith", "negotiatesWith") if doc[t].lower_ == "talks" else ("metWith",)
        before = len(out)
        self.symmetric_en(doc, units, t, rels, 0.85, False, discourse, index, out)
        if len(out) == before and "negotiatesWith" in rels and any(
                doc[k].lower_ == "for" for k in range(max(0, t - 5), t)):
            # "meet with X for talks": the two who meet hold the talks
            for s, rel, o, _ in list(out):
                if rel == "metWith":
                    out.append((s, "negotiatesWith", o, 0.75))
        elif len(out) == before and "negotiatesWith" in rels and t > 0 and doc[t - 1].lower_ == "the":
            # "The talks are expected to ...", "The talks touched upon ...": the talks of the two people just named
            pair = self.last_people(discourse, index)
            if pair is not None and index - self.memo(discourse, "people")["pair"][0] <= 2:
                for rel in rels:
                    self.pairwise(out, Unit(list(pair), t, t + 1, "Nom", indirect=True), rel, 0.7)

    def frame_negotiate(self, doc, units, t, discourse, index, out) -> None:
        # negotiations are held in person unless the sentence says otherwise: a meeting too; "has been
        # negotiating with X for months" is a process, which meets only when people do it
        before = len(out)
        self.symmetric_en(doc, units, t, ("negotiatesWith",), 0.85, False, discourse, index, out)
        noun = not self.is_verb_form(doc[t]) or (t > 0 and doc[t - 1].lower_ in DETERMINERS)
        for s, _, o, conf in out[before:]:
            if noun or (self.type_of(s) == "Person" and self.type_of(o) == "Person"):
                out.append((s, "metWith", o, conf))

    def frame_cooperate(self, doc, units, t, discourse, index, out) -> None:
        # "trade partners", "trade and investment partner": the partnership is trade, investment or both
        kinds = self.partner_kinds(doc, t) if doc[t].lower_ in {"partner", "partners"} else set()
        rels = ("tradesWith",) if "trade" in kinds else ("cooperatesWith",) if not kinds else ()
        before = len(out)
        self.symmetric_en(doc, units, t, rels or ("tradesWith",), 0.8, False, discourse, index, out, states=True)
        if "invest" in kinds:
            added = out[before:]
            if not rels:
                del out[before:]
            for s, _, o, conf in added:
                out.append((s, "investsIn", o, conf))  # "X is Y's largest investment partner": X invests in Y

    def partner_kinds(self, doc: Doc, t: int) -> set[str]:
        """The trade and invest frames among the words before "partner" ("largest trade and investment partner")."""
        kinds = set()
        for k in range(t - 1, max(-1, t - 5), -1):
            if not (doc[k].is_lower or doc[k].text == ","):
                break
            if self._frames[k] in {"trade", "invest"}:
                kinds.add(self._frames[k])
        return kinds

    def before_partner(self, doc: Doc, t: int) -> bool:
        """"trade partners", "trade and investment partner": the partner noun after reads the roles."""
        for k in range(t + 1, min(len(doc), t + 4)):
            if doc[k].lower_ in {"partner", "partners"}:
                return True
            if not (doc[k].is_lower or doc[k].text == ","):
                return False
        return False

    def frame_compete(self, doc, units, t, discourse, index, out) -> None:
        if self.key(doc[t]) == "weaken":
            # "X wants to weaken (the influence of) Y", "to weaken Y's position": X is Y's rival
            k = t + 1
            while k < len(doc) and doc[k].lower_ in DETERMINERS:
                k += 1
            if k + 1 < len(doc) and doc[k].lower_ in INFLUENCE_NOUNS and doc[k + 1].lower_ == "of":
                k += 2
            rival = next((u for u in units if k - 1 <= u.start <= k and u.fits(PARTIES)), None)
            if rival is not None:
                agent = self.subject(units, t, PARTIES, exclude=[rival])
                self.emit(out, agent and self.as_states(agent, discourse), "competesWith",
                          self.as_states(rival, discourse), 0.75)
            return
        self.symmetric_en(doc, units, t, ("competesWith",), 0.8, doc[t].lower_.startswith("contain"), discourse,
                          index, out, states=True)

    def frame_trade(self, doc, units, t, discourse, index, out) -> None:
        if self.before_partner(doc, t):
            return  # the partner noun reads the roles: "trade partners"
        before = len(out)
        self.symmetric_en(doc, units, t, ("tradesWith",), 0.8, False, discourse, index, out, states=True)
        if len(out) == before and self.domain_of_cooperation(doc, t):
            # "cooperation in connectivity, investment, trade and energy": the cooperating sides trade
            for s, rel, o, _ in list(out):
                if rel == "cooperatesWith":
                    out.append((s, "tradesWith", o, 0.7))

    def domain_of_cooperation(self, doc: Doc, t: int) -> bool:
        """The trade word at `t` is one of the fields a cooperation noun before it lists."""
        for k in range(t - 1, max(-1, t - 8), -1):
            if self._frames[k] == "cooperate":
                return doc[k + 1].lower_ in {"in", "on"} if k + 1 < t else False
            if not (doc[k].is_lower or doc[k].text == ",") or doc[k].lower_ in {"but", "while", "which", "that"}:
                return False
        return False

    def frame_invest(self, doc, units, t, discourse, index, out) -> None:
        if self.before_partner(doc, t):
            return  # "investment partner": read with the partner noun
        targets = frozenset({"Country", "Project", "Organization", "Region", "Place"})
        target = self.obj(units, t, {"in", "into"}, targets, within=10)
        owner = self.owner_before(units, t, frozenset({"Country", "Organization", "Person"}), within=6)
        if target is None and doc[t].lower_ in {"investor", "investors"} and owner is not None:
            target, owner = owner, None  # "Kazakhstan's largest investors"
        if target is None:
            return
        agent = owner or self.obj(units, t, {"from", "by"}, frozenset({"Country", "Organization"}), within=4)
        agent = agent or self.demonym_before(doc, t)  # "rising Russian investment in X"
        agent = agent or self.subject(units, t, frozenset({"Country", "Organization"}), exclude=[target])
        self.emit(out, agent, "investsIn", target, 0.8)

    def frame_sign(self, doc, units, t, discourse, index, out) -> None:
        """"X signed the memorandum for Kazakhstan / on behalf of the U.S.": X acts for that state or body."""
        if not doc[t].lower_.startswith("sign") or self.is_passive(doc, t):
            return
        side = next((u for u in units if t < u.start <= t + 8 and len(u.members) == 1 and u.case != "Gen"
                     and (u.prep == "for" or (u.prep == "of" and doc[u.start - 2].lower_ == "behalf"))
                     and u.types <= {"Country", "Organization"}), None)
        if side is None or any(tok.text in CLAUSE_END or tok.text == "," for tok in doc[t + 1:side.start]):
            return
        person = self.subject(units, t, frozenset({"Person"}), within=12, exclude=[side])
        if person is not None and len(person.members) == 1:
            self.emit(out, person, "affiliatedWith", side, 0.75)

    def welcoming_of(self, doc: Doc, units: list[Unit], t: int, out: list) -> None:
        """"X's welcoming of Y to Z for the W summit": Y came to Z, Z hosts W, X and Y take part in it."""
        guest = self.obj(units, t, {"of"}, AGENTS | {"Region"}, within=3)
        host = self.owner_before(units, t, frozenset({"Person", "Country"}), within=2)
        dest = self.obj(units, t, {"to"}, PLACES, within=8, exclude=[guest])
        event = self.obj(units, t, {"for"}, GATHERINGS, within=14, exclude=[guest, dest])
        if guest is not None and not guest.types <= {"Region"}:
            self.emit(out, guest, "visited", dest, 0.75)
        if event is not None:
            self.emit(out, dest, "hosts", event, 0.7)
            self.emit(out, host, "participatesIn", event, 0.7)
            self.emit(out, guest, "participatesIn", event, 0.7)

    def demonym_before(self, doc: Doc, t: int) -> Unit | None:
        """"Russian investment": the state of a nationality adjective right before a noun trigger."""
        for k in (t - 1, t - 2):
            if k < 0 or (k == t - 2 and not doc[t - 1].is_lower):
                return None
            country = self.lexicon.demonym(doc[k].lower_, self.lang) if doc[k].text[:1].isupper() else None
            if country and self.type_of(country) == "Country":
                return Unit([Member(country, "Country")], k, k + 1, "Nom", indirect=True)
        return None

    def frame_pressure(self, doc, units, t, discourse, index, out) -> None:
        if any(doc[k].lower_ in UNDOING for k in range(max(0, t - 4), t)):
            return
        verb = doc[t].lower_ in {"sanctioned", "sanctions", "pressured", "pressures", "pressuring", "sanctioning"} \
            and t > 0 and doc[t - 1].lower_ not in DETERMINERS
        preps = {"on", "upon", "against"} | ({""} if verb and doc[t].lower_.endswith("ed") else set())
        target = self.obj(units, t, preps, PARTIES, within=6)
        if target is None:
            target = self.demonym_after(doc, t)
        by = next((k for k in range(t + 1, min(len(doc), t + 8)) if doc[k].lower_ == "by"
                   and any(doc[j].lower_ in {"imposed", "introduced", "adopted", "levied", "announced"}
                           for j in range(t + 1, k))), None)
        if by is not None:
            # "the sanctions imposed on Russia by Western countries": the one after "by" imposes them
            self.emit(out, self.obj(units, by - 1, {"by"}, AGENTS, within=3), "pressures", target, 0.75)
            return
        agent = self.owner_before(units, t, AGENTS, within=3, exclude=[target])
        if agent is None:
            agent = self.subject(units, t, AGENTS, exclude=[target])
        self.emit(out, agent, "pressures", target, 0.75)

    def demonym_after(self, doc: Doc, t: int) -> Unit | None:
        """"tariffs on Chinese goods": the country of the adjective after "on"/"against"."""
        for k in range(t + 1, min(len(doc), t + 6)):
            if doc[k].text in CLAUSE_END:
                return None
            if doc[k].lower_ in {"on", "against"} and k + 1 < len(doc):
                for m in range(k + 1, min(len(doc), k + 3)):
                    country = self.lexicon.demonym(doc[m].lower_, self.lang)
                    if country and doc[m].text[:1].isupper() and country in self.lexicon.actors:
                        return Unit([Member(country, "Country")], m, m + 1, "Nom", indirect=True)
                return None
        return None

    def frame_support(self, doc, units, t, discourse, index, out) -> None:
        low = doc[t].lower_
        if low in {"back", "backing"} or (t > 0 and doc[t - 1].lower_ == "the" and t + 1 < len(doc)
                                          and doc[t + 1].lower_ == "of"):
            return  # "came back", "with the support of X"
        targets = frozenset({"Person", "Country", "Organization", "Project", "Region"})
        noun = low in {"support"} and t > 0 and doc[t - 1].lower_ in DETERMINERS | {"its", "his", "their", "her",
                                                                                   "full", "strong"}
        target = self.obj(units, t, {"for"} if noun else {"", "for"}, targets, within=4)
        if target is None:
            return
        agent = self.owner_before(units, t, AGENTS, within=3) or self.subject(units, t, AGENTS, exclude=[target])
        self.emit(out, agent, "supports", target, 0.75)

    def frame_visit(self, doc, units, t, discourse, index, out) -> None:
        verb = doc[t].lower_ in {"visit", "visits", "visited", "visiting", "travel", "travels", "travelled",
                                 "traveled", "tour", "toured", "touring"} and not (
            t > 0 and doc[t - 1].lower_ in DETERMINERS | {"state", "official", "working", "his", "her", "its"})
        preps = {"to", "in"} | ({""} if verb else set()) | ({"for"} if self.key(doc[t]) == "depart" else set())
        of_agent = not verb and t + 1 < len(doc) and doc[t + 1].lower_ == "of"
        dest = self.obj(units, t, preps, PLACES, within=4 if verb else 10 if of_agent else 6)
        if dest is None and not verb:
            # "X, who was in Tashkent on a state visit": the place before "on a ... visit"
            k = next((k for k in range(t - 1, max(-1, t - 5), -1) if doc[k].lower_ == "on"), None)
            dest = next((u for u in units if k is not None and u.end == k and u.prep == "in" and u.fits(PLACES)), None)
        if dest is None:
            return
        agent = self.owner_before(units, t, frozenset({"Person", "Country", "Organization"}), within=4)
        agent = agent or self.obj(units, t, {"by"}, frozenset({"Person", "Country"}), within=12, exclude=[dest])
        if agent is None and not verb and t + 1 < len(doc) and doc[t + 1].lower_ == "of":
            # "the visit of X to Y"
            agent = self.obj(units, t, {"of"}, frozenset({"Person", "Country"}), within=3, exclude=[dest])
        agent = agent or self.subject(units, t, frozenset({"Person", "Country", "Organization"}), exclude=[dest])
        self.emit(out, agent, "visited", dest, 0.85)

    def frame_receive(self, doc, units, t, discourse, index, out) -> None:
        """"The President received X": a meeting of two people (not "received investments")."""
        if doc[t].lower_ not in {"received", "receives", "receiving", "receive"} or self.is_passive(doc, t):
            return
        guest = self.obj(units, t, {""}, frozenset({"Person"}), within=3)
        if guest is None:
            # "received a delegation led by X": the one who leads it
            led = next((k for k in range(t + 1, min(len(doc) - 1, t + 5))
                        if doc[k].lower_ in {"led", "headed"} and doc[k + 1].lower_ == "by"), None)
            if led is not None and any(doc[k].lower_ in {"delegation", "delegations"} for k in range(t + 1, led)):
                guest = self.obj(units, led, {"by"}, frozenset({"Person"}), within=5)
        if guest is None or not guest.types <= {"Person"}:
            return
        host = self.subject(units, t, frozenset({"Person"}), within=12, exclude=[guest])
        if host is not None and host.types <= {"Person"}:
            for g in guest.members:
                self.emit(out, host, "metWith", Unit([g], guest.start, guest.end, "Nom"), 0.75)

    def frame_arrive(self, doc, units, t, discourse, index, out) -> None:
        dest = self.obj(units, t, {"in", "at", "to"}, PLACES, within=4)
        if dest is None:
            return
        agent = self.owner_before(units, t, frozenset({"Person", "Country"}), within=3) or self.subject(
            units, t, frozenset({"Person", "Country", "Organization"}), exclude=[dest])
        self.emit(out, agent, "visited", dest, 0.8)

    def frame_welcome(self, doc, units, t, discourse, index, out) -> None:
        people = frozenset({"Person"})
        if self.is_passive(doc, t):
            # "X was welcomed by Y": the two met
            host = self.obj(units, t, {"by"}, people, within=4)
            guest = self.subject(units, t, people, within=10, exclude=[host])
            self.emit(out, host, "metWith", guest, 0.75)
            return
        if doc[t].lower_ in {"welcoming", "welcome"} and t + 1 < len(doc) and doc[t + 1].lower_ == "of":
            self.welcoming_of(doc, units, t, out)
            return
        if doc[t].lower_ == "welcome" and t > 0 and doc[t - 1].is_lower and doc[t - 1].lower_ not in {"to", "will"}:
            # "gave a warm welcome to X": the giver met X
            guest = self.obj(units, t, {"to"}, people, within=4)
            self.emit(out, self.subject(units, t, people, within=10, exclude=[guest]), "metWith", guest, 0.7)
            return
        guest = self.obj(units, t, {""}, frozenset({"Person", "Country", "Organization"}), within=4)
        if guest is None:
            return
        dest = self.obj(units, t, {"to"}, PLACES, within=8, exclude=[guest])
        self.emit(out, guest, "visited", dest, 0.75)
        if guest.types <= people:
            host = self.subject(units, t, people, within=10, exclude=[guest])
            self.emit(out, host, "metWith", guest, 0.7)
