"""Extraction stage, Russian: roles from case and preposition, titles before their owner and holder.

Russian marks roles by case and preposition on every word of a name (natasha's morphology):
the agent is the nominative subject, the patient the accusative ("пригласил Токаева"), the
goal the object of "на"/"в" ("на саммит"), the partner the instrumental after "с" ("с
Китаем"), a pair the instrumental or genitive after "между". A title precedes its owner in
the genitive and the holder ("президента США Дональда Трампа"); a gathering noun precedes
the name it carries ("на саммите G20"). The trigger words are `kg/lexicons/triggers_ru.tsv`
(matched on lemmas), the closed word classes `kg/lexicons/words_ru.tsv`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg import registry
from kg.extract.core import AGENTS, GATHERINGS, PARTIES, PLACES, Discourse, Member, Unit
from kg.extract.ru.claims import RussianClaims
from kg.nlp.ru_names import parses

# relations between states: a person in one stands for their state
STATE_RELATIONS = frozenset({"cooperatesWith", "tradesWith", "competesWith"})


@registry.extractors.register("ru")
class RussianExtractor(RussianClaims):
    """Relation extraction for Russian sentences, one article at a time."""

    lang = "ru"
    name = "ru-case-roles"

    # ------------------------------------------------------------------ frames
    def leads(self, person: str, target: str, article) -> bool:
        """A head of state travelling at home visits neither his state nor its cities."""
        actor = self.lexicon.actors.get(target)
        home = actor.located_in if actor is not None and actor.type == "Place" else None
        return super().leads(person, target, article) or (home is not None and super().leads(person, home, article))

    def frames(self, doc, units, frames, discourse, index, out) -> None:
        start = len(out)
        self._ru_out, self._ru_named = out, start  # what the sentence's triggers read, for their claims
        super().frames(doc, units, frames, discourse, index, out)
        self.event_places(doc, units, out)
        # an actor known here only through a pronoun ("Тот прибыл ...") is a guess: less sure
        named = {m.actor for u in units if not u.indirect for m in u.members}
        guessed = {m.actor for u in units if u.indirect and u.start in self._pronoun_starts for m in u.members}
        guessed -= named
        if guessed:
            out[start:] = [(s, r, o, round(c * 0.8, 2) if {s, o} & guessed else c) for s, r, o, c in out[start:]]

    def frame_invite(self, doc, units, t, discourse, index, out, passive: bool = False) -> None:
        if "Pass" in doc[t].morph.get("Voice"):
            passive = True  # "приглашён", "приглашённый на саммит"
        goal = self.after(units, t, None, GATHERINGS, within=12, preps={"на", "в"})
        if goal is None and discourse.last_goal and index - discourse.last_goal[0] <= 3:
            goal = Unit([discourse.last_goal[1]], t, t, "Acc", indirect=True)
        if passive:
            patient = self.before(units, t, {"Nom"}, AGENTS, within=8, preps={""})
            self.emit(out, patient, "invitedTo", goal, 0.8)
            return
        if self.is_noun_trigger(doc[t]) and t > 0 and doc[t - 1].lower_ == "по":
            # "прибыл в Пекин по приглашению Си Цзиньпина": the genitive invited the subject
            agent = self.after(units, t, {"Gen"}, AGENTS, within=6, preps={""})
            patient = self.before(units, t, {"Nom"}, AGENTS, within=20, preps={""}, exclude=[agent] if agent else [])
            if patient is None or (agent is not None and patient.start > agent.start):
                patient = self.after(units, agent.end - 1 if agent else t, {"Nom"}, AGENTS, within=8, preps={""})
        elif self.is_noun_trigger(doc[t]) and t > 0 and doc[t - 1].lower_ == "за" and any(
                self.key(w) in {"поблагодарить", "благодарить"} for w in doc[max(0, t - 8):t]):
            # "X поблагодарил Y за приглашение": Y invited X
            agent = self.before(units, t, {"Acc", "Dat", "Gen"}, AGENTS, within=6, preps={""})
            patient = self.before(units, agent.start if agent else t, {"Nom"}, AGENTS, within=8, preps={""})
        elif self.is_noun_trigger(doc[t]) and t > 0 and self.key(doc[t - 1]) in {"получить", "принять", "получать"}:
            # "X получил приглашение на саммит K7": the subject is the one invited
            agent = self.after(units, t, {"Gen"}, AGENTS, within=3, preps={""}, exclude=[u for u in (goal,) if u])
            patient = self.before(units, t, {"Nom"}, AGENTS, within=12, preps={""})
        elif self.is_noun_trigger(doc[t]):
            by = self.after(units, t, None, AGENTS, within=25, preps={"by"})
            dat = self.after(units, t, {"Dat"}, AGENTS, within=12, preps={""})
            gen = self.after(units, t, {"Gen"}, AGENTS, within=6, preps={""}, exclude=[u for u in (goal,) if u])
            if by is not None:
                agent, patient = by, gen or dat
            elif dat is not None:
                agent, patient = gen, dat
            else:
                agent, patient = None, gen
        else:
            agent = self.before(units, t, {"Nom"}, AGENTS, within=12, preps={""})
            patient = self.after(units, t, {"Acc"}, AGENTS, within=10, preps={""})
            if patient is not None and "visit" in self._frames[t + 1:patient.start]:
                patient = None  # "пригласил его посетить Казахстан": Kazakhstan is where, not whom
        if patient is not None:
            self.emit(out, agent, "invited", patient, 0.9)
            self.emit(out, patient, "invitedTo", goal, 0.85)
        if goal is not None and goal.members:
            discourse.last_goal = (index, goal.members[0])

    def frame_invite_passive(self, doc, units, t, discourse, index, out) -> None:
        self.frame_invite(doc, units, t, discourse, index, out, passive=True)

    def frame_visit(self, doc, units, t, discourse, index, out) -> None:
        infinitive = "Inf" in doc[t].morph.get("VerbForm")
        invites = [k for k in range(max(0, t - 15), min(len(doc), t + 5)) if self._frames[k] == "invite"
                   and (not self.is_noun_trigger(doc[k]) or (infinitive and 0 < t - k <= 2))
                   and "." not in {w.text for w in doc[min(k, t):max(k, t)]}]
        if invites:
            # "пригласил его посетить Казахстан", "приглашение посетить Казахстан": the invitee is the
            # traveller, and the invitation plans the visit (its modality); but "прибыл по приглашению X" and
            # "принял приглашение и посетил" are visits
            before = [k for k in invites if k < t]
            if before:
                self.invited_visit(doc, units, t, before[-1], out)
            return
        verb = not self.is_noun_trigger(doc[t])
        dest = self.after(units, t, {"Acc", "", "Loc", "Nom"}, PLACES, within=6, preps={"в", "на"})
        if dest is None and verb:
            dest = self.after(units, t, {"Acc", "Nom"}, PLACES, within=4, preps={""})
        if dest is None and (verb or (t > 0 and "с" in {w.lower_ for w in doc[max(0, t - 3):t]})):
            # "В столицу Бордурии приедет ...", "находится в Клове с визитом"
            dest = self.before(units, t, {"Acc", "", "Loc"}, PLACES, within=8, preps={"в", "на"})
        if dest is None and verb and self.after(units, t, {"Nom"}, AGENTS, within=3, preps={""}) is not None:
            dest = self.before(units, t, {"Acc"}, PLACES, within=3, preps={""})  # "Казахстан посетит делегация ЕС"
        site = None
        if dest is None:
            # "прибыли в Центр X Ташкента": a site in a city, and so the city
            site = self.after(units, t, None, frozenset({"Organization"}), within=6, preps={"в", ""})
            if site is not None and not self.event_like(site):
                dest = next((u for u in units if u.start == site.end and u.types <= {"Place"} and u.case == "Gen"),
                            None)
        if dest is None:
            # "прибыл на саммит K7": travelling to a gathering is taking part in it
            event = self.after(units, t, None, GATHERINGS, within=6, preps={"на"}) or self.before(
                units, t, None, GATHERINGS, within=4, preps={"на"})
            if event is not None and self.event_like(event):
                agent = self.before(units, t, {"Nom"}, AGENTS, within=12, preps={""}) or self.after(
                    units, t, {"Nom"}, AGENTS, within=8, preps={""}, exclude=[event])
                self.emit(out, agent, "participatesIn", event, 0.75)
            return
        travellers = AGENTS  # people, states and bodies ("делегация ЕС")
        hosts = [u for u in units if self.invited_by(doc, u)]  # "по приглашению X": X is the host
        agent = self.after(units, t, {"Gen"}, travellers, within=3, preps={""}, exclude=[dest, *hosts])
        if agent is None or agent.start > dest.start:
            agent = (self.before(units, t, {"Nom"}, travellers, within=12, preps={""}, exclude=[dest, *hosts])
                     or self.after(units, t, {"Nom"}, travellers, within=8, preps={""}, exclude=[dest, *hosts])
                     or self.before(units, t, {"Gen"}, travellers, within=12, preps={""}, exclude=[dest, *hosts]))
        conf = 0.85 if site is None else 0.7
        if agent is None:
            agent = self.traveller_named_last(discourse, index, t)
            if agent is not None:
                conf = 0.6
        self.emit(out, agent, "visited", dest, conf)
        # a city visited is a visit to its state
        states = [Member(c, "Country") for m in dest.members if m.type == "Place"
                  for c in [self.lexicon.actors[m.actor].located_in if m.actor in self.lexicon.actors else None]
                  if c and self.type_of(c) == "Country"]
        if states:
            self.emit(out, agent, "visited", Unit(states, dest.start, dest.end, dest.case), round(conf * 0.75, 2))
        if agent is not None and conf >= 0.85:
            discourse.last_agent["visited"] = (index, list(agent.members))
        places = [m for m in dest.members if m.type == "Place"]
        if places:
            discourse.ru_dest = (index, places)  # where "там" points next

    def invited_visit(self, doc: Doc, units: list[Unit], t: int, k: int, out) -> None:
        """"пригласил X посетить Y", "приглашение X посетить Y": X is to travel to Y."""
        case = "Dat" if self.is_noun_trigger(doc[k]) else "Acc"
        invitee = self.after(units, k, {case}, AGENTS, within=max(1, t - k), preps={""})
        if invitee is None or invitee.start > t:
            return
        dest = self.after(units, t, {"Acc", "", "Loc"}, PLACES, within=4, preps={"", "в", "на"})
        if dest is None:
            return
        self.emit(out, invitee, "visited", dest, 0.7)
        states = [Member(c, "Country") for m in dest.members if m.type == "Place"
                  for c in [self.lexicon.actors[m.actor].located_in if m.actor in self.lexicon.actors else None]
                  if c and self.type_of(c) == "Country"]
        if states:
            self.emit(out, invitee, "visited", Unit(states, dest.start, dest.end, dest.case), 0.55)

    def invited_by(self, doc: Doc, u: Unit) -> bool:
        """The unit is the genitive of "по приглашению X"."""
        j = u.start - 1
        return j >= 1 and self._frames[j] == "invite" and doc[j - 1].lower_ == "по"

    def symmetric(self, doc, units, t, rel: str, out, conf: float = 0.85, obj_cases=("Ins",),
                  discourse: Discourse | None = None, index: int = 0) -> None:
        """The two sides of a symmetric relation; in cooperation, trade and rivalry people stand for their
        states (a minister's "сотрудничество с Китаем" is his state's)."""
        start = len(out)
        self.sides(doc, units, t, rel, out, conf, obj_cases, discourse, index)
        if rel in STATE_RELATIONS:
            out[start:] = [(s2, r, o2, c) for s, r, o, c in out[start:]
                           for s2, o2 in [(self.state_of(s, out), self.state_of(o, out))] if s2 and o2]
        out[start:] = [(s, r, o, round(c, 2)) for s, r, o, c in out[start:]]

    def state_of(self, actor: str, out) -> str | None:
        """A person's state (the office a title of this sentence or the lexicon gives), anything else itself."""
        if self.type_of(actor) != "Person":
            return actor
        for s, rel, o, _ in out:
            if s == actor and rel in {"leaderOf", "affiliatedWith"} and self.type_of(o) == "Country":
                return o
        on = self._article.date if self._article is not None else None
        roles = sorted(self.lexicon.roles_of(actor, on), key=lambda r: r.relation != "leaderOf")
        return next((r.target for r in roles if self.type_of(r.target) == "Country"), None)

    @staticmethod
    def clause_start(doc: Doc, t: int) -> int:
        """Where the clause of token `t` begins: after "что" or "чтобы" (the speaker of "X отметил, что
        ..." is not a side of what follows; the subject before a "который" clause is)."""
        for k in range(t - 1, -1, -1):
            if doc[k].lower_ in {"что", "чтобы"}:
                return k + 1
        return 0

    def sides(self, doc, units, t, rel: str, out, conf: float, obj_cases, discourse, index) -> None:
        """Partner after "с" in the instrumental ("с Китаем"), a pair after "между", a pair in the genitive
        after the noun ("сотрудничество России и Китая") or in a compound adjective before it
        ("российско-китайские отношения"), or a pair as the subject."""
        reach = t - self.clause_start(doc, t)
        attr = next((u for u in units if u.attributive and t - 2 <= u.end <= t and len(u.members) >= 2), None)
        if attr is not None:
            self.pairwise(out, attr, rel, conf)
            return
        between = self.after(units, t, {"Ins", "Gen", ""}, PARTIES, within=4, preps={"между"})
        if between is None:  # "Между X и Y состоялась встреча"
            between = self.before(units, t, {"Ins", "Gen", ""}, PARTIES, within=min(4, reach), preps={"между"})
        if between is not None and len(between.members) >= 2:
            self.pairwise(out, between, rel, conf)
            return
        partner = None
        if "Gen" in obj_cases:  # "сдерживание Китая": the contained one follows in the genitive
            partner = self.after(units, t, {"Gen"}, PARTIES, within=2, preps={""})
        if partner is None:
            partner = self.after(units, t, {"Ins", ""}, PARTIES, within=6, preps={"с"})
        if partner is not None:
            agent = self.after(units, t, {"Gen"}, PARTIES, within=3, preps={""}, exclude=[partner])
            if agent is None or agent.start > partner.start:
                agent = (self.before(units, t, {"Nom"}, PARTIES, within=min(25, reach), preps={""})
                         or self.before(units, t, {"Gen"}, PARTIES, within=min(25, reach), preps={""}))
            if agent is None and (self.in_opening_phrase(doc, units, t) or (
                    t > 0 and doc[t - 1].lower_ in {"на", "после"} and t - 1 == self.clause_start(doc, t))):
                # "В ходе встречи с Y X заявил ...", "На встрече с Y X ...": the subject after the phrase
                agent = self.after(units, partner.end - 1, {"Nom"}, PARTIES, within=12, preps={""}, exclude=[partner])
            if agent is None and rel in {"metWith", "negotiatesWith"} and reach < t and doc[t].pos_ == "VERB" \
                    and "Fin" in doc[t].morph.get("VerbForm") and not any(
                        u.case == "Nom" and not u.prep and t - reach <= u.start < t for u in units):
                # "X сообщил, что встретился с Y": the subject left out after "что" is the speaker's
                agent = self.before(units, t - reach, {"Nom"}, frozenset({"Person"}), within=12, preps={""})
                conf *= 0.85
            if agent is None and rel in STATE_RELATIONS and reach < t:
                # "X отметил, что развитие отношений с Y ...": a head of state or minister speaks of his state's
                speaker = self.before(units, t, {"Nom"}, frozenset({"Person"}), within=25, preps={""})
                if speaker is not None and all(self.state_of(m.actor, out) for m in speaker.members):
                    agent, conf = speaker, conf * 0.7
            if agent is None and rel in {"metWith", "negotiatesWith"} and partner.types <= {"Person"}:
                # "Программа началась со встреч с X, Y и Z": the traveller or subject just named
                agent, conf = self.recent_person(discourse, index), 0.6
            if agent is None:
                agent, conf = self.topic(discourse, index), conf * 0.75
            self.emit(out, agent, rel, partner, conf)
            return
        # "Китай остаётся крупнейшим торговым партнёром (и инвестором) Казахстана"
        partner = self.after(units, t, {"Gen"}, PARTIES, within=7 if doc[t].pos_ == "ADJ" else 3, preps={""})
        if partner is not None and len(partner.members) >= 2 and partner.start - t <= 2 \
                and self.is_noun_trigger(doc[t]):
            self.pairwise(out, partner, rel, conf * 0.9)  # "партнёрства России и Казахстана"
            return
        agent = self.before(units, t, {"Nom"}, PARTIES, within=min(8, reach), preps={""})
        partner_noun = self.partner_after(doc, t) is not None
        if partner is not None and agent is not None and (doc[t].pos_ == "NOUN" or partner_noun):
            self.emit(out, agent, rel, partner, conf * 0.9)
            return
        if agent is not None and t > 1 and self.key(doc[t]).startswith("партн") and {
                w.lower_ for w in doc[max(0, t - 3):t]} & {"как", "качестве"}:
            # "Бордурия рассматривает Сылдавию как стратегического партнёра"
            other = self.after(units, agent.end - 1, {"Acc", "Nom"}, PARTIES, within=t - agent.end + 1, preps={""})
            if other is not None and other.end <= t:
                self.emit(out, agent, rel, other, conf * 0.9)
                return
        # a pair as the subject may be places too ("Алматинская область и китайская TBEA подписали соглашение")
        group = self.before(units, t, {"Nom", "Acc"}, PARTIES | PLACES, within=min(6, reach), preps={""})
        if group is not None and group.case != "Nom" and any(
                w.pos_ in {"VERB", "AUX"} and "Fin" in w.morph.get("VerbForm") for w in doc[t - reach:group.start]):
            group = None  # "посетил Сылдавию и Зубровку, где обсудил торговлю": the pair is an object
        opening = group is None and self.in_opening_phrase(doc, units, t)
        if opening:
            # "В ходе переговоров стороны обсудили ...", "По итогам переговоров X и Y провели брифинг"
            group = self.after(units, t, {"Nom"}, PARTIES, within=15, preps={""})
        if group is not None and len(group.members) == 2:
            self.pairwise(out, group, rel, conf * (0.85 if opening else 0.9))
        elif group is not None and rel in {"metWith", "negotiatesWith"} and group.types <= {"Person"} \
                and {w.lower_ for w in doc[max(0, t - 3):t]} & {"ходе", "время"}:
            # "X в ходе телефонного разговора пригласил Y": the two people of the clause
            other = self.after(units, max(t, group.end - 1), {"Acc", "Dat", "Ins"}, frozenset({"Person"}),
                               within=10, preps={"", "с"})
            self.emit(out, group, rel, other, 0.7)

    def partner_after(self, doc: Doc, t: int) -> int | None:
        """The noun "партнёр" after an adjective at `t`, past other adjectives ("торговым и инвестиционным
        партнёром"), or None."""
        for k in range(t + 1, min(len(doc), t + 5)):
            if self.key(doc[k]).startswith("партн"):
                return k
            if not (doc[k].pos_ == "ADJ" or doc[k].lower_ in {"и", ","}):
                return None
        return None

    def recent_person(self, discourse: Discourse | None, index: int) -> Unit | None:
        """The person a narrative is following: the traveller of a visit in the last two sentences, else the
        subject of the sentence before."""
        if discourse is None:
            return None
        last = discourse.last_agent.get("visited")
        if last and index - last[0] <= 2 and all(m.type == "Person" for m in last[1]):
            return Unit(list(last[1]), -1, -1, "Nom", indirect=True)
        people = getattr(discourse, "ru_people", None)
        if people is not None and index - people[0] == 1 and people[1] is not None:
            return Unit([people[1]], -1, -1, "Nom", indirect=True)
        return None

    @staticmethod
    def in_opening_phrase(doc: Doc, units, t: int) -> bool:
        """The trigger stands in a prepositional phrase before the subject: "В ходе переговоров", "По
        итогам встречи", "После переговоров"."""
        before = [w.lower_ for w in doc[max(0, t - 3):t]]
        return bool(set(before) & {"ходе", "итогам", "после", "время", "завершении", "рамках"}) \
            and not any(u.end <= t and u.case == "Nom" and not u.prep for u in units)

    def frame_receive(self, doc, units, t, discourse, index, out) -> None:
        """"Глава государства принял Хакана Фидана": a meeting of two people.

        Only a named person received by a named person (not "принял участие", "принял закон").
        """
        person = frozenset({"Person"})
        if doc[t].pos_ not in {"VERB", "AUX", "ADJ"}:
            return
        reading = parses(doc[t].text)[:1]
        if "Pass" in doc[t].morph.get("Voice") or (reading and reading[0].tag.POS == "PRTS"):
            # "X был принят Y": the host right after (natasha may miss its instrumental), the guest the subject
            guest = self.before(units, t, {"Nom"}, person, within=4, preps={""})
            host = self.after(units, t, None, person, within=1, preps={""})
            self.emit(out, host, "metWith", guest, 0.7)
            return
        guest = self.after(units, t, {"Acc", "Gen"}, person, within=8, preps={""})
        if guest is not None and any(w.pos_ == "NOUN" and w.lemma_ != "коллега" and "Acc" in w.morph.get("Case")
                                     for w in doc[t + 1:guest.start]):
            guest = None  # "принял решение назначить X": what is received is no person
        if guest is not None and guest.start - t > 3 and not any(w.lemma_ == "коллега" for w in doc[t + 1:guest.end]):
            guest = self.after(units, t, {"Acc", "Gen"}, person, within=3, preps={""})
        host = self.before(units, t, {"Nom"}, person, within=12, preps={""})
        if guest is None:  # "принял посла США Джули Стаффт": a foreign name natasha leaves in the nominative
            guest = self.after(units, t, {"Nom", ""}, person, within=1, preps={""})
        if guest is None and any(w.lemma_ == "грамота" for w in doc[t + 1:t + 4]):
            # "принял верительные грамоты у посла X": the ambassador who hands them over
            guest = self.after(units, t, None, person, within=8, preps={"у"})
        if guest is None and "главе" in {w.lower_ for w in doc[t + 1:t + 5]}:
            # "принял делегацию во главе с министром X": the head of the delegation
            guest = self.after(units, t, {"Ins"}, person, within=8, preps={"с"})
        if guest is None:  # "принял посла Сылдавии": an unnamed office-holder, who is the state
            office = self.after(units, t, {"Acc", "Gen"}, AGENTS, within=3, preps={""})
            guest = office if office is not None and id(office) in self._office_units else None
            person = AGENTS
        if guest is None or host is None or not (guest.types | host.types) <= person:
            return
        self.emit(out, host, "metWith", guest, 0.75)

    def frame_hand(self, doc, units, t, discourse, index, out) -> None:
        """"X вручил Y орден": an award handed over is a meeting of the two."""
        person = frozenset({"Person"})
        if doc[t].pos_ not in {"VERB", "AUX"} or "Pass" in doc[t].morph.get("Voice"):
            return
        giver = self.before(units, t, {"Nom"}, person, within=10, preps={""})
        taker = self.after(units, t, {"Dat"}, person, within=4, preps={""})
        self.emit(out, giver, "metWith", taker, 0.7)

    def frame_contain(self, doc, units, t, discourse, index, out) -> None:
        # "сдерживание Китая": the contained one is the object
        self.symmetric(doc, units, t, "competesWith", out, 0.8, obj_cases=("Acc", "Gen"), discourse=discourse,
                       index=index)

    def frame_invest(self, doc, units, t, discourse, index, out) -> None:
        kinds = frozenset({"Country", "Project", "Organization", "Region", "Place"})
        if self.key(doc[t]).startswith("инвестицион"):
            # "крупнейший торговый и инвестиционный партнёр Казахстана" (not "инвестиционный климат")
            noun = self.partner_after(doc, t)
            if noun is not None:
                target = self.after(units, noun, {"Gen"}, kinds, within=2, preps={""})
                agent = self.before(units, t, {"Nom"}, frozenset({"Country", "Organization"}), within=10, preps={""})
                self.emit(out, agent, "investsIn", target, 0.75)
            return
        target = self.after(units, t, None, kinds, within=8, preps={"в"})
        if target is None and self.key(doc[t]).startswith("инвестор"):
            # "Китай — крупнейший инвестор Казахстана": the genitive is where the money goes
            target = self.after(units, t, {"Gen"}, kinds, within=2, preps={""})
        if target is None:  # "выделит Центральной Азии ... инвестиций"
            target = self.before(units, t, {"Dat"}, kinds, within=6, preps={""}) or self.after(
                units, t, {"Dat"}, kinds, within=6, preps={""})
        if target is None:
            return
        agent = self.after(units, t, {"Gen"}, frozenset({"Country", "Organization"}), within=3, preps={"", "из"},
                           exclude=[target])
        if agent is None:
            agent = self.before(units, t, {"Nom"}, frozenset({"Country", "Organization"}), within=12, preps={""})
        self.emit(out, agent, "investsIn", target, 0.8)

    def frame_pressure(self, doc, units, t, discourse, index, out) -> None:
        # "санкции США против ...": the genitive right after the noun (not "против ряда российских компаний")
        agent = self.after(units, t, {"Gen"}, AGENTS, within=3, preps={""})
        if agent is not None and any(doc[k].pos_ == "ADP" for k in range(t + 1, agent.start)):
            agent = None
        if agent is None:
            agent = self.before(units, t, {"Nom"}, AGENTS, within=10, preps={""})
        target = self.after(units, t, None, PARTIES, within=6, preps={"на", "против", "в"})
        if target is None:
            target = self.demonym_target(doc, t, agent, after=5)
        self.emit(out, agent, "pressures", target, 0.75)

    def frame_lead(self, doc, units, t, discourse, index, out) -> None:
        """"X возглавляет партию Y", "X, руководящий компанией Y", "партия Y, возглавляемая X": who leads a body
        now (the past "возглавлял" is a former office, which states nothing)."""
        tok = doc[t]
        if tok.pos_ not in {"VERB", "AUX", "ADJ"} or "Past" in tok.morph.get("Tense"):
            return
        person, bodies = frozenset({"Person"}), frozenset({"Organization", "Country"})
        if "Pass" in tok.morph.get("Voice") or self.key(tok) in {"возглавляемый", "руководимый"}:
            body = self.before(units, t, None, bodies, within=2, preps={""})
            leader = self.after(units, t, {"Ins"}, person, within=3, preps={""})
        else:
            leader = self.before(units, t, {"Nom"}, person, within=6, preps={""})
            body = self.after(units, t, None, bodies, within=3, preps={""})
            if body is not None and not (body.case in {"Acc", "Ins", ""} or (all(
                    w.is_lower and w.pos_ in {"NOUN", "ADJ"} for w in doc[t + 1:body.start]) and body.start > t + 1)):
                body = None  # the body in the verb's case, or named after its descriptor ("компанией Кловойл")
        self.emit(out, leader, "leaderOf", body, 0.75)

    def frame_represent(self, doc, units, t, discourse, index, out) -> None:
        """"X представляет компанию Y", "X, представляющий Бордурию": whom a person stands for now (not
        "представил проект", which presents)."""
        tok = doc[t]
        if tok.pos_ not in {"VERB", "AUX"} or "Past" in tok.morph.get("Tense") or "Inf" in tok.morph.get("VerbForm"):
            return
        person = self.before(units, t, {"Nom"}, frozenset({"Person"}), within=6, preps={""})
        body = self.after(units, t, {"Acc", "Nom", ""}, frozenset({"Organization", "Country"}), within=3, preps={""})
        if body is not None and body.start > t + 1 and not all(w.is_lower and w.pos_ in {"NOUN", "ADJ"}
                                                               for w in doc[t + 1:body.start]):
            body = None
        self.emit(out, person, "affiliatedWith", body, 0.7)

    def frame_work(self, doc, units, t, discourse, index, out) -> None:
        """"X работает в компании Y": a person works for a body now (in a state is only where)."""
        tok = doc[t]
        if tok.pos_ not in {"VERB", "AUX"} or "Past" in tok.morph.get("Tense") or "Inf" in tok.morph.get("VerbForm"):
            return
        person = self.before(units, t, {"Nom"}, frozenset({"Person"}), within=6, preps={""})
        body = self.after(units, t, None, frozenset({"Organization"}), within=4, preps={"в", "на"})
        self.emit(out, person, "affiliatedWith", body, 0.7)

    def frame_support(self, doc, units, t, discourse, index, out) -> None:
        target = self.after(units, t, {"Gen", "Acc", "Dat"}, frozenset({"Person", "Country", "Organization",
                                                                        "Project"}), within=3, preps={""})
        if target is None:
            return
        agent = self.before(units, t, {"Nom"}, AGENTS, within=12, preps={""})
        if t > 0 and self.key(doc[t - 1]) in {"получить", "получать", "заручиться", "пользоваться"}:
            agent, target = target, agent  # "Сылдавия получила поддержку Бордурии": the genitive supports
        self.emit(out, agent, "supports", target, 0.75)
