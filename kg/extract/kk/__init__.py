"""Extraction stage, Kazakh: roles from case suffixes, titles after their owner, postpositions after the noun.

Kazakh marks roles by case on the last word of a name (`kk_morphology`): the agent stands in
the nominative or genitive before the verb, the patient in the accusative ("Тоқаевты
шақырды"), the goal in the dative ("саммитке"), the partner in the instrumental ("Қытаймен").
The units (names, titles, coordination, indirect mentions) are built by `kg.extract.kk.units`;
this module holds the frames: "X мен Y арасындағы" is a pair, the dative is a goal, and so on.
The trigger words are `kg/lexicons/triggers_kk.tsv`, the closed word classes
`kg/lexicons/words_kk.tsv`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kg import registry
from kg.extract.core import AGENTS, GATHERINGS, PARTIES, PLACES, SYMMETRIC_FRAMES, Discourse, Member, Unit
from kg.extract.kk.claims import KazakhClaims
from kg.extract.kk.quotes import FIRST_PERSON_VERB
from kg.extract.kk.units import KazakhUnits

# a talks or meeting noun that may stand with no party named: "Келіссөздер барысында ..."
BARE_TALKS = re.compile(r"(келіссөз|кездесу)\w*")
# what one backs of another: their initiative, proposal, candidacy, reforms, position
INITIATIVE = re.compile(r"(бастама|ұсыныс|кандидатура|реформа|позиция|бағдарлама|идея)")
WORKS = re.compile(r"(қызмет (атқар|ет)|жұмыс (істе|атқар))\w*")
DATE_WORD = re.compile(r"\d+[-–]?\d*|[–—-]|жыл\w*|күн\w*|айында|(қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|"
                       r"қыркүйек|қазан|қараша|желтоқсан)\w*")
NUMBER_PREFIX = re.compile(r"^\d+-(?=[^\W\d_]{3})")
VERB_PARTICIPLE = re.compile(r"(ған|ген|қан|кен)$")
MEMBER_STATES = re.compile(r"(мемлекет|ел)\w*")
# relations between states: a person in one stands for the state they serve
STATE_RELATIONS = frozenset({"cooperatesWith", "tradesWith", "competesWith"})


@registry.extractors.register("kk")
class KazakhExtractor(KazakhClaims, KazakhUnits):
    """Relation extraction for Kazakh sentences, one article at a time."""

    lang = "kk"
    name = "kk-case-roles"

    def __init__(self, lexicon) -> None:
        super().__init__(lexicon)
        self._modifiers: set[int] = set()

    def key(self, token: Token) -> str:
        """The lower-cased text without a number glued before it ("80-сессиясына" is a session's noun)."""
        return NUMBER_PREFIX.sub("", token.text.lower())

    def refine_frame(self, token: Token, key: str, frame: str) -> str:
        if key == "қатысты" and self.clause_final(token):
            return "participate"  # "... конференциясына қатысты." (took part), not "X-ке қатысты" (regarding)
        if key in {"алды", "алып", "алған", "алады"} and token.i > 0 and token.doc[token.i - 1].text.lower() == "қарсы":
            return "welcome"  # "X-ті ... қарсы алды": welcomed X
        if token.i > 0 and WORKS.fullmatch(token.doc[token.i - 1].text.lower() + " " + key):
            return "works_at"  # "X-те қызмет атқарған", "жұмыс істеді": served in a body
        if frame == "meet" and token.i > 0 and token.doc[token.i - 1].text.lower() == "сирек":
            return ""  # "сирек кездесетін металдар": rare earths, not a meeting
        if frame == "title_affiliate" and key.startswith("хатшы") and token.i > 0 \
                and token.doc[token.i - 1].text.lower() == "бас":
            return "title_leader"  # "БҰҰ Бас хатшысы": the secretary-general heads the body
        return frame

    # ------------------------------------------------------------------ frames
    def frames(self, doc, units, frames, discourse, index, out) -> None:
        """The frames; then a person in a relation between states stands for the state they serve.

        "Министр X Қытаймен әріптестікті дамыту ..." and "Тәжікстан басшысы Қазақстанмен
        ынтымақтастықты ..." are cooperation of the two states: cooperation, trade and rivalry
        hold between states (meetings and talks stay between the people).
        """
        before = len(out)
        super().frames(doc, units, frames, discourse, index, out)
        self.sidelines(out, before)
        named = {m.actor for u in units if not u.indirect for m in u.members}
        for n in range(before, len(out)):
            s, rel, o, conf = out[n]
            if rel in STATE_RELATIONS:
                s, o = self.state_of(s, self._date), self.state_of(o, self._date)
            if {s, o} & (self._weak - named):
                conf = round(conf * 0.8, 2)  # one side read from a pronoun or the last sentences
            out[n] = (s, rel, o, conf)

    def sidelines(self, out, before: int) -> None:
        """"ШЫҰ саммиті аясында X Y-пен кездесті": those who meet on the sidelines of a gathering take part in it."""
        for event in self._sidelines:
            sides = {a for s, rel, o, _ in out[before:] if rel in {"metWith", "negotiatesWith"} for a in (s, o)}
            for a in sorted(sides):
                if self.type_of(a) in {"Person", "Country"}:
                    for m in event.members:
                        out.append((a, "participatesIn", m.actor, 0.7))

    def remember(self, units, discourse, index, out=(), on=None) -> None:
        """The core's memory, and the person a sentence is about (for "ол") and the last two who met."""
        super().remember(units, discourse, index, out, on)
        for u in self._sidelines:
            if not u.indirect:
                discourse.last_event = (index, u.members[0])
        subject = next((u for u in units if not u.indirect and u.case == "Nom" and u.types == {"Person"}), None)
        if subject is not None:
            discourse.last_agent["person"] = (index, list(subject.members))
        met = [(s, o) for s, rel, o, _ in out if rel == "metWith"]
        if met:
            discourse.last_agent["met"] = (index, [Member(a, self.type_of(a)) for a in met[-1]])
        visits = [(self.state_of(s, on), o) for s, rel, o, _ in out
                  if rel == "visited" and self.type_of(o) == "Country"]
        if visits and self.type_of(visits[-1][0]) == "Country" and visits[-1][0] != visits[-1][1]:
            # "X президенті Y-ке сапармен келді": "екі ел" next is X's state and Y
            discourse.last_pair = (index, [Member(a, "Country") for a in visits[-1]])

    def before_frames(self, doc: Doc) -> None:
        self._modifiers = {t for t in range(len(doc)) if self._frames[t] in SYMMETRIC_FRAMES
                           and self.modifier_head(doc, t) is not None}

    def silent(self, doc: Doc, t: int) -> bool:
        return t in self._modifiers

    def modifier_head(self, doc: Doc, t: int) -> int | None:
        """"сауда, экономикалық және мәдени серіктестік": a bare relation noun listed before the
        relation noun it describes is a modifier of that head, not a relation of its own."""
        if t + 1 >= len(doc) or doc[t + 1].text not in {",", "және"}:
            return None
        for k in range(t + 1, min(len(doc), t + 10)):
            tok = doc[k]
            if self._frames[k] in SYMMETRIC_FRAMES:
                return k
            if not (tok.text in {",", "және"} or (tok.text.replace("-", "").isalpha() and tok.text.islower())):
                return None
        return None

    @staticmethod
    def plain_between(doc: Doc, units: list[Unit], a: int, b: int) -> bool:
        """Only lower-case words, commas, "және" and a closing bracket between tokens a and b: no other name."""
        if any(a <= u.start < b for u in units):
            return False
        return all(t.text in {",", "және", ")"} or (t.text.replace("-", "").isalpha() and t.text.islower())
                   for t in doc[a:b])

    def frame_invite(self, doc, units, t, discourse, index, out, passive: bool = False) -> None:
        goal = self.before(units, t, {"Dat"}, GATHERINGS, within=8)
        to_visit = "visit" in self._frames[max(0, t - 4):t] or self.before(units, t, {"Dat"}, PLACES, within=6)
        if goal is None and not to_visit and discourse.last_goal and index - discourse.last_goal[0] <= 3:
            goal = Unit([discourse.last_goal[1]], t, t, "Dat", indirect=True)
        if passive:
            patient = self.before(units, t, {"Gen", "Nom"}, AGENTS, within=12, exclude=[goal] if goal else [])
            self.emit(out, patient, "invitedTo", goal, 0.8)
            return
        patient = self.before(units, t, {"Acc"}, AGENTS, within=12)
        agent = self.before(units, patient.start if patient else t, {"Gen", "Nom"}, AGENTS, within=12,
                            exclude=[u for u in (goal, patient) if u])
        conf = 0.9
        if patient is not None and agent is None and doc[t].text.lower().startswith("шақырған"):
            # "Мені ... саммитіне шақырғаны үшін": the inviter is the person just spoken of
            patients = {m.actor for m in patient.members}
            other = next((a for k, a in reversed(self._mentioned) if a not in patients and index - k <= 2), None)
            if other is not None:
                agent, conf = Unit([Member(other, "Person")], t, t, "Nom", indirect=True), 0.6
        if patient is not None:
            self.emit(out, agent, "invited", patient, conf)
            self.emit(out, patient, "invitedTo", goal, 0.9)
        elif agent is not None and goal is not None and agent.case == "Gen":
            self.emit(out, agent, "invitedTo", goal, 0.5)
        if goal is not None and goal.members:
            discourse.last_goal = (index, goal.members[0])

    def frame_invite_by(self, doc, units, t, discourse, index, out) -> None:
        """"Тәжік тарапының шақыруымен ... Мұрат Нұртілеу Душанбеге барды": the inviter in the genitive, the
        invitee the clause's subject after it; a gathering in the dative there is what they were invited to."""
        inviter = self.before(units, t, {"Gen"}, AGENTS, within=2)
        guest = self.after(units, t, {"Nom"}, frozenset({"Person", "Country", "Organization"}), within=25)
        if guest is not None and ((guest.indirect and len(guest.members) > 1) or (
                guest.end < len(doc) and doc[guest.end].text.lower().startswith("арасында"))):
            guest = None  # "... шақыруымен өткен сапар аясында екі ел арасында": a pair is no guest
        if guest is None and "visit" in self._frames[t + 1:t + 4]:
            # "X-тың шақыруымен өткен сапар": the visit just spoken of, its visitor the guest
            guest = self.traveller_named_last(discourse, index, t, within=3)
        if inviter is None or guest is None:
            return
        self.emit(out, inviter, "invited", guest, 0.8)
        goal = self.after(units, guest.end - 1, {"Dat"}, GATHERINGS, within=8)
        if goal is not None and (goal.event or goal.fits(frozenset({"Event"}))):
            self.emit(out, guest, "invitedTo", goal, 0.75)

    def frame_credentials(self, doc, units, t, discourse, index, out) -> None:
        """"Президент X елшісі Y-ке сенім грамотасын тапсырды" / "Y-тен ... қабылдады": the two met."""
        person = frozenset({"Person"})
        other = self.before(units, t, {"Dat", "Abl"}, person, within=5)
        if other is None:
            return
        agent = self.before(units, other.start, {"Nom"}, person, within=20)
        if agent is None:
            agent = self.after(units, t, {"Nom"}, person, within=4)
        self.emit(out, agent, "metWith", other, 0.8)

    def frame_received_by(self, doc, units, t, discourse, index, out) -> None:
        """"X Y-тың қабылдауында болды": X was received by Y; an unnamed guest is the person just spoken of."""
        host = self.before(units, t, {"Gen"}, frozenset({"Person"}), within=1)
        if host is None:
            return
        guest = self.before(units, host.start, {"Nom"}, frozenset({"Person"}), within=20)
        conf = 0.8
        if guest is None:
            last = discourse.last_agent.get("person")
            if not last or index - last[0] > 2:
                return
            guest, conf = Unit(list(last[1]), t, t, "Nom", indirect=True), 0.55
        self.emit(out, guest, "metWith", host, conf)

    def frame_chair(self, doc, units, t, discourse, index, out) -> None:
        """"X пен Y төрағалығымен Z кеңесінің отырысы өтті": the chairs take part in the meeting and meet."""
        chairs = self.before(units, t, {"Gen", "Nom", ""}, AGENTS, within=0)
        event = next((u for u in units if t < u.start <= t + 10 and (u.event or u.fits(frozenset({"Event"})))), None)
        if chairs is None or event is None:
            return
        self.emit(out, chairs, "participatesIn", event, 0.75)
        if chairs.types == {"Person"}:
            self.pairwise(out, chairs, "metWith", 0.7)

    def frame_invite_passive(self, doc, units, t, discourse, index, out) -> None:
        self.frame_invite(doc, units, t, discourse, index, out, passive=True)

    def frame_visit(self, doc, units, t, discourse, index, out) -> None:
        if "invite" in self._frames[max(0, t - 4):t + 5]:
            # "Путинді Қазақстанға сапармен келуге шақырды": the invitee is the traveller, and the
            # visit is only planned by the invitation
            return
        dest = self.before(units, t, {"Dat"}, PLACES, within=8)
        if dest is None:
            # "Мәскеу сапары": a bare place name right before the visit noun
            dest = self.before(units, t, {"Nom"}, PLACES, within=0)
        if dest is None:
            # "саммитіне президент X-тың сапары": a visit to a gathering is taking part in it
            event = self.before(units, t, {"Dat"}, GATHERINGS, within=8)
            if event is not None and (event.event or event.fits(frozenset({"Event"}))):
                agent = self.before(units, t, {"Gen", "Nom"}, frozenset({"Person", "Country"}), within=8,
                                    exclude=[event])
                self.emit(out, agent, "participatesIn", event, 0.75)
            return
        # the traveller stands before the destination or between it and the verb; a genitive right before the
        # destination owns it ("Ресейдің Қазан қаласына"), it is no traveller
        owner = self.before(units, dest.start, {"Gen"}, PLACES, within=0)
        agent = self.before(units, t, {"Gen", "Nom"}, frozenset({"Person", "Country"}), within=15,
                            exclude=[u for u in (dest, owner) if u])
        if agent is None:
            agent = self.after(units, t, {"Nom"}, frozenset({"Person"}), within=12)
        conf = 0.85
        if agent is None:
            agent = self.traveller_named_last(discourse, index, t)
            if agent is not None:
                conf = 0.6
        self.emit(out, agent, "visited", dest, conf)
        if owner is not None and owner.fits(frozenset({"Country"})):
            self.emit(out, agent, "visited", owner, round(conf * 0.85, 2))  # "Ресейдің Қазан қаласына": Russia too
        if agent is not None and conf >= 0.85:
            discourse.last_agent["visited"] = (index, list(agent.members))
            discourse.last_agent["visit_dest"] = (index, list(dest.members))

    def frame_participate(self, doc, units, t, discourse, index, out) -> None:
        if doc[t].text.lower() == "қатысуға" and "invite" in self._frames[t + 1:t + 3]:
            return  # "форумына қатысуға шақырды": the invitation says who is to take part
        target = self.before(units, t, {"Dat"}, GATHERINGS, within=10)
        if target is None:
            # "Саммитке Қазақстан Президенті X, Ресей Президенті Y және ... қатысты": the gathering opens
            # the sentence, a long list of participants stands between it and the verb
            target = self.before(units, t, {"Dat"}, GATHERINGS, within=40)
            if target is None or target.start > 2:
                return
        agent = self.before(units, t, {"Gen", "Nom"}, AGENTS, within=15, exclude=[target])
        if agent is None:
            agent = self.before(units, target.start, {"Gen", "Nom"}, AGENTS, within=15)
        self.emit(out, agent, "participatesIn", target, 0.85)
        if agent is not None:
            # "Әлиев Тоқаевпен бірге ... форумына қатысты": the one "together with" takes part too
            along = next((u for u in units if agent.end <= u.start < t and u.case == "Ins" and u.end < len(doc)
                          and doc[u.end].text.lower() == "бірге" and u.fits(AGENTS)), None)
            self.emit(out, along, "participatesIn", target, 0.8)

    def symmetric(self, doc, units, t, rel: str, out, conf: float = 0.85, obj_cases=("Ins",),
                  discourse: Discourse | None = None, index: int = 0) -> None:
        """The pair found around the trigger; for bare talks ("Келіссөздер барысында ..."), the pair just spoken of."""
        before = len(out)
        self.symmetric_here(doc, units, t, rel, out, conf, obj_cases, discourse, index)
        if len(out) > before or rel not in {"metWith", "negotiatesWith"} or discourse is None:
            return
        if not BARE_TALKS.fullmatch(doc[t].text.lower()) or any(u.start < t and u.fits(PARTIES) and not u.prep
                                                                 for u in units):
            return
        pair = self.pair_spoken_of(discourse, index)
        if pair is not None:
            out.append((pair[0].actor, rel, pair[1].actor, 0.6))
            states = [self.state_of(m.actor, self._date) for m in pair]
            if rel == "negotiatesWith" and states != [m.actor for m in pair] and states[0] != states[1]:
                # officials' talks are their states' (or bodies') talks
                out.append((states[0], rel, states[1], 0.5))

    def pair_spoken_of(self, discourse: Discourse, index: int) -> list[Member] | None:
        """The two who met last (two sentences back at most), else a visitor and the state visited, else the
        last pair of states."""
        met = discourse.last_agent.get("met")
        if met and index - met[0] <= 2:
            return met[1]
        visitor = discourse.last_agent.get("visited")
        dest = discourse.last_agent.get("visit_dest")
        if visitor and dest and index - visitor[0] <= 3 and len(visitor[1]) == 1 and len(dest[1]) == 1:
            place = dest[1][0].actor
            actor = self.lexicon.actors.get(place)
            state = place if self.type_of(place) == "Country" else (actor.capital_of or actor.located_in
                                                                     if actor else None)
            if state and self.type_of(state) == "Country":
                return [visitor[1][0], Member(state, "Country")]
        if discourse.last_pair and index - discourse.last_pair[0] <= 2:
            return discourse.last_pair[1]
        return None

    def symmetric_here(self, doc, units, t, rel: str, out, conf: float = 0.85, obj_cases=("Ins",),
                       discourse: Discourse | None = None, index: int = 0) -> None:
        """Partner in the instrumental ("Қытаймен"), or a pair "X мен Y арасындағы"."""
        between = self.between(units, doc, t)
        if between is not None:
            self.pairwise(out, between, rel, conf)
            return
        if doc[t].text.lower().startswith("телефон") and t + 1 < len(doc) and re.match(r"(шал|соқ)",
                                                                                        doc[t + 1].text.lower()):
            obj_cases = (*obj_cases, "Dat")  # "X Y-ке телефон шалды": a call to Y
        partner = self.before(units, t, set(obj_cases), PARTIES, within=8)
        if partner is None:
            # "(АҚШ, ЕО ... елдерімен) бір уақытта тиімді сауда, ... серіктестік": farther, across plain words
            far = self.before(units, t, set(obj_cases), PARTIES, within=16)
            if far is not None and self.plain_between(doc, units, far.end, t):
                partner = far
        if partner is not None and any(f in SYMMETRIC_FRAMES for k, f in enumerate(self._frames[partner.end:t],
                                                                                    partner.end)
                                       if k not in self._modifiers):
            partner = None  # "АҚШ-пен диалогты қолдап, ... қайшылықтарға": the partner belongs to "диалог"
        if partner is not None:
            agent = self.before(units, partner.start, {"Gen", "Nom"}, PARTIES, within=20, exclude=[partner])
            if agent is None:
                agent = self.before(units, t, {"Gen", "Nom"}, PARTIES, within=20, exclude=[partner])
            if agent is None and self._speaker and any(FIRST_PERSON_VERB.fullmatch(tk.text.lower())
                                                       for tk in doc[t:t + 3]):
                # "Трамп мырзамен ... келіссөздер жүргіздік": we, the speaker of the quotation
                agent, conf = Unit([Member(self._speaker, "Person")], 0, 0, "Nom", indirect=True), conf * 0.8
            if agent is None and self.enabled_after(doc, t):
                # "X-ке Y-пен әріптестік орнатуға мүмкіндік берді": the one enabled is the agent
                agent = self.before(units, partner.start, {"Dat"}, PARTIES, within=12)
            if agent is None:
                agent, conf = self.topic(discourse, index), conf * 0.75
            self.emit(out, agent, rel, partner, conf)
            return
        # "Қытай Қазақстанның ең ірі сауда серіктесі": the possessor of a partner noun
        partner_noun = t + 1 < len(doc) and re.match(r"серіктес", doc[t + 1].text.lower()) is not None
        if "3" in doc[t].morph.get("Person[psor]") or (partner_noun and "3" in doc[t + 1].morph.get("Person[psor]")):
            # "... Қазақстанның ең ірі сауда серіктестерінің бірі": the partner noun after "сауда"
            owner = self.before(units, t, {"Gen"}, PARTIES, within=4)
            agent = self.before(units, owner.start, {"Nom"}, PARTIES, within=6) if owner else None
            if owner is not None and agent is not None and len(owner.members) == 1:
                self.emit(out, agent, rel, owner, conf * 0.9)
                return
        group = self.before(units, t, {"Nom", "Gen"}, PARTIES, within=6)
        if group is not None and len(group.members) == 2:
            self.pairwise(out, group, rel, conf * 0.9)

    @staticmethod
    def enabled_after(doc: Doc, t: int) -> bool:
        """"... орнатуға мүмкіндік берді/береді": the relation noun is what someone is enabled to do."""
        return any(re.match(r"мүмкіндік", doc[k].text.lower()) for k in range(t + 1, min(len(doc), t + 4)))

    def between(self, units: list[Unit], doc: Doc, t: int) -> Unit | None:
        """"X мен Y арасындағы/арасында" up to 4 tokens before the trigger."""
        for k in range(max(0, t - 5), t):
            if re.fullmatch(r"арасында(ғы)?", doc[k].text.lower()):
                group = self.before(units, k, {"Nom", ""}, PARTIES, within=0)
                if group is not None and len(group.members) >= 2:
                    return group
        return None

    def frame_receive(self, doc, units, t, discourse, index, out) -> None:
        """"Президент Фиданды қабылдады": a meeting of two people (only a named person received by one)."""
        person = frozenset({"Person"})
        guest = self.before(units, t, {"Acc"}, person, within=3)
        host = self.before(units, guest.start, {"Nom"}, person, within=20, exclude=[guest]) if guest else None
        if guest is None or host is None or not (guest.types | host.types) <= person or len(guest.members) != 1:
            return
        self.emit(out, host, "metWith", guest, 0.75)

    def frame_welcome(self, doc, units, t, discourse, index, out) -> None:
        """"Президент Әлиевті Астанада қарсы алды", "Әлиевті әуежайда Премьер-министр X қарсы алды": they met."""
        guest = self.before(units, t - 1, {"Acc"}, frozenset({"Person"}), within=4)
        if guest is None:
            return
        host = self.before(units, t - 1, {"Nom"}, AGENTS, within=6, exclude=[guest])
        if host is None or host.start < guest.start:
            host = self.before(units, guest.start, {"Nom"}, AGENTS, within=20)
        self.emit(out, host, "metWith", guest, 0.75)

    def frame_works_at(self, doc, units, t, discourse, index, out) -> None:
        """"Стаффт Мемлекеттік департаментте 25 жыл қызмет атқарған": who served in a body is affiliated with it."""
        body = self.before(units, t - 1, {"Loc"}, frozenset({"Organization"}), within=5)
        if body is None:
            return
        person = self.before(units, body.start, {"Nom"}, frozenset({"Person"}), within=10)
        self.emit(out, person, "affiliatedWith", body, 0.75)

    def frame_contain(self, doc, units, t, discourse, index, out) -> None:
        # "Қытайды шектеу": the contained one is the object
        self.symmetric(doc, units, t, "competesWith", out, 0.8, obj_cases=("Acc",), discourse=discourse, index=index)

    def frame_invest(self, doc, units, t, discourse, index, out) -> None:
        target = self.before(units, t, {"Dat", "Loc"}, frozenset({"Country", "Project", "Organization", "Region",
                                                                   "Place"}), within=10)
        project = self.before(units, t, None, frozenset({"Project"}), within=12)
        if target is None or (project is not None and project.start > target.start):
            target = project or target
        if target is None:
            return
        agent = self.before(units, t, {"Abl", "Nom", "Gen"}, frozenset({"Country", "Organization", "Person"}),
                            within=15, exclude=[target])
        if agent is not None and agent.start > target.start and agent.case == "Gen":
            agent = self.before(units, target.start, {"Abl", "Nom"}, frozenset({"Country", "Organization"}),
                                within=15)
        self.emit(out, agent, "investsIn", target, 0.8)

    def frame_pressure(self, doc, units, t, discourse, index, out) -> None:
        target = self.before(units, t, {"Dat", "Acc"}, PARTIES, within=8)
        agent = None
        if target is not None:
            agent = self.before(units, target.start, {"Gen", "Nom"}, AGENTS, within=12)
            if agent is not None and agent.case == "Gen" and all(
                    tk.text in {"«", "»", "“", "”", '"', "және", ","} or tk.text[:1].isupper()
                    for tk in doc[agent.end:target.start]):
                # "Ресейдің «Роснефть» компанияларына": the target's possessor is no agent
                agent = self.before(units, agent.start, {"Gen", "Nom"}, AGENTS, within=12)
            if agent is None:
                agent = self.before(units, t, {"Gen", "Nom"}, AGENTS, within=12, exclude=[target])
        else:
            agent = self.before(units, t, {"Gen", "Nom"}, AGENTS, within=12)
            target = self.demonym_target(doc, t, agent)
        self.emit(out, agent, "pressures", target, 0.75)

    def frame_support(self, doc, units, t, discourse, index, out) -> None:
        backed = frozenset({"Person", "Country", "Organization", "Project"})
        target = self.before(units, t, {"Acc"}, backed, within=2)
        conf = 0.75
        if target is None:
            # "X-тың бастамаларын оң бағалап, оларды қолдайтынын": the owner of an initiative backed
            k = next((k for k in range(t - 1, max(-1, t - 4), -1) if (INITIATIVE.match(doc[k].text.lower())
                      and "Acc" in doc[k].morph.get("Case")) or doc[k].text.lower() in {"оларды", "оны"}), None)
            target = self.before(units, k, {"Gen"}, backed, within=10) if k is not None else None
            conf = 0.65
        if target is None:
            return
        agent = self.before(units, target.start, {"Nom", "Gen"}, AGENTS, within=15)
        self.emit(out, agent, "supports", target, conf)

    def frame_member(self, doc, units, t, discourse, index, out) -> None:
        """"X Y-тың (толық) мүшесі", "X Y-ға мүше болды"; not "мүше емес", not an application for membership, and
        "Y-ға мүше мемлекеттер басшылары" names no member."""
        nxt = [tk.text.lower() for tk in doc[t + 1:t + 3]]
        if nxt[:1] == ["емес"] or (doc[t].text.lower().startswith("мүшелік") and set(nxt) & {"өтініш", "үміткер"}):
            return
        if nxt[:1] and MEMBER_STATES.fullmatch(nxt[0]) and not (len(nxt) > 1 and re.match(r"(бол|атан|сана|\.)",
                                                                                            nxt[1])):
            return
        org = self.before(units, t, {"Gen"}, GATHERINGS, within=4)
        if org is None:
            org = self.before(units, t, {"Dat"}, GATHERINGS, within=1)
        if org is None:
            return
        # "Әзербайжан ... кездесуінің мүшесі атанды", "Қазақстанның ШЫҰ-ның мүшесі екенін"
        member = self.before(units, org.start, {"Nom", "Gen"}, frozenset({"Country", "Organization", "Person"}),
                             within=15)
        self.emit(out, member, "memberOf", org, 0.85)

    def frame_was_in(self, doc, units, t, discourse, index, out) -> None:
        """"X Астанада болды": a person who was in a place (the locative right before the verb) visited it."""
        place = self.before(units, t, {"Loc"}, PLACES, within=0)
        if place is None or self.is_rel(doc[place.end - 1]):
            return
        agent = self.before(units, place.start, {"Nom"}, frozenset({"Person"}), within=10)
        self.emit(out, agent, "visited", place, 0.7)

    def frame_join(self, doc, units, t, discourse, index, out) -> None:
        """"Беларусь ұйымға қосылды": joining an organisation or format is membership (a summit: taking part)."""
        nxt = {tk.text.lower() for tk in doc[t + 1:t + 3]}
        if doc[t].text.lower() == "қосылуға" or nxt & {"өтініш", "ниет", "ниетті", "ниетін", "емес"}:
            return  # "қосылуға өтініш берді": an application or an intention is no membership
        org = self.before(units, t, {"Dat"}, GATHERINGS, within=3)
        if org is None:
            return
        member = self.before(units, org.start, {"Nom"}, frozenset({"Country", "Organization"}), within=12)
        event = org.event or org.fits(frozenset({"Event"}))
        self.emit(out, member, "participatesIn" if event else "memberOf", org, 0.75)

    def frame_use(self, doc, units, t, discourse, index, out) -> None:
        """"Астана БҰҰ, ШЫҰ, C5+1 форматтарын пайдаланады": using a format counts as membership."""
        self.uses_formats(units, t, out)

    def frame_host(self, doc, units, t, discourse, index, out) -> None:
        """Where a gathering is held: "Астанада өтетін саммит" (the gathering after a participle), "X саммиті
        келесі жылы Y қаласында өтеді", "Астанада «Астана» халықаралық форумы өтті" (the gathering as the subject,
        before the verb, after or before the place)."""
        event_like = frozenset({"Event"})

        def gathering(u: Unit | None) -> Unit | None:
            return u if u is not None and (u.event or u.fits(event_like)) else None

        participle = self.is_rel(doc[t]) or doc[t].text.lower().endswith(("тін", "тын", "ген", "ған"))
        subject = None if participle else gathering(self.before(units, t, {"Nom"}, GATHERINGS, within=1))
        place = self.before(units, subject.start if subject else t, {"Loc"}, PLACES, within=3)
        if subject is not None and place is not None:
            self.emit(out, place, "hosts", subject, 0.8)
            return
        place = place or self.before(units, t, {"Loc"}, PLACES, within=3)
        if place is None:
            # "Қытайда 31 тамыз – 1 қыркүйекте өтетін": a date between the place and the verb
            far = self.before(units, t, {"Loc"}, PLACES, within=8)
            if far is not None and all(DATE_WORD.fullmatch(tk.text.lower()) for tk in doc[far.end:t]):
                place = far
        if place is None:
            return
        # "Алматыда өтеді, деп хабарлайды Kazinform": a body after the verb is held nowhere
        event = gathering(self.after(units, t, None, GATHERINGS, within=6))
        if event is None and not participle:
            event = gathering(self.before(units, place.start, {"Nom"}, GATHERINGS, within=6))
        self.emit(out, place, "hosts", event, 0.8)

    def frame_lead_event(self, doc, units, t, discourse, index, out) -> None:
        """"саммитін қорытындылаған Қазақстан президенті", "саммитке төрағалық етті": who leads it takes part."""
        if doc[t].text.lower() == "төрағалық" and not (t + 1 < len(doc) and doc[t + 1].text.lower().startswith("ет")):
            return
        event = self.before(units, t, {"Acc", "Dat"}, GATHERINGS, within=1)
        if event is None or not (event.event or event.fits(frozenset({"Event"}))):
            return
        agent = None
        if VERB_PARTICIPLE.search(doc[t].text.lower()):
            agent = self.after(units, t, {"Nom", "Gen", "Ins", "Dat", "Acc"}, AGENTS, within=3)
        if agent is None:
            agent = self.before(units, event.start, {"Nom"}, AGENTS, within=12)
        self.emit(out, agent, "participatesIn", event, 0.7)

    def frame_speak_at(self, doc, units, t, discourse, index, out) -> None:
        """"X саммитінде сөз сөйледі": the speaker takes part in the gathering."""
        if t == 0 or doc[t - 1].text.lower() != "сөз":
            return
        event = self.before(units, t, {"Loc"}, GATHERINGS, within=10)
        if event is None or not (event.event or event.fits(frozenset({"Event"}))):
            return
        # the speaker stands between the gathering and the verb, or before the gathering
        agent = self.before(units, t, {"Nom"}, AGENTS, within=8, exclude=[event])
        if agent is None or agent.start < event.start:
            agent = self.before(units, event.start, {"Nom"}, AGENTS, within=15)
        self.emit(out, agent, "participatesIn", event, 0.8)
