"""Extraction stage, Russian gatherings: taking part, hosting and membership frames (`kg.extract.ru` uses them).

Who takes part in a gathering ("принял участие в саммите", "выступил на", "под председательством X",
"на полях саммита", "участники саммита"), where it is held ("пройдёт в", "саммит в Бишкеке", the place
travelled to for it, "там"), and who belongs to a standing body ("вступил в", "полноправный член",
"государства-члены K7 A и B", "в состав K7 входят"; observers and applicants are not members).
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.core import AGENTS, GATHERINGS, PLACES, Member, Unit
from kg.extract.ru.units import RussianUnits
from kg.wordlists import pattern

# what may stand between a gathering and the place that hosts it: its dates ("31 августа - 1 сентября")
DATE_WORD = pattern("ru", "date_words")


class RussianGatherings(RussianUnits):
    """The frames of gatherings and bodies: participatesIn, hosts, memberOf."""

    def event_places(self, doc: Doc, units: list[Unit], out) -> None:
        """"саммит ОДКБ в Бишкеке", "заседание K7 12 мая в Сзоходе", "заседание Совета глав государств - членов
        K7 в Клове": a place right after a gathering (past its dates and the bodies it is of) hosts it."""
        n = 0
        while n < len(units) - 1:
            u = units[n]
            n += 1
            if not self.event_like(u):
                continue
            last, k = u, n
            while k < len(units) and units[k].types <= {"Organization"} and units[k].case == "Gen" and len(
                    doc[last.end:units[k].start]) <= 3 and all(w.is_punct or (w.is_lower and w.pos_ in {"NOUN", "ADJ"})
                                                               for w in doc[last.end:units[k].start]):
                last, k = units[k], k + 1  # "заседание Совета ... - членов ШОС": the body it is of
            if k >= len(units):
                continue
            nxt = units[k]
            gap = doc[last.end:nxt.start - 1]
            # ("пригласил на саммит K7 в Клов": a gathering travelled to, and the place travelled to with it)
            motion = u.prep in {"на", "в"} and u.case == "Acc" and nxt.case == "Acc"
            if nxt.prep != "в" or not nxt.fits(PLACES) or (nxt.case not in {"Loc", ""} and not motion) or len(gap) > 7 \
                    or not all(DATE_WORD.fullmatch(w.text.lower()) for w in gap):
                continue
            first = len(out)
            self.emit(out, Unit([Member(m.actor, m.type) for m in nxt.members], nxt.start, nxt.end, "Loc"),
                      "hosts", last, 0.75)
            self._spans.append((first, len(out), last.end - 1))  # read at the gathering's name: its claims

    def frame_participate(self, doc, units, t, discourse, index, out) -> None:
        if any(self._frames[k] == "invite" and not self.is_noun_trigger(doc[k]) for k in range(max(0, t - 12), t)):
            return  # "пригласил X принять участие в саммите": taking part is only asked for
        target = self.after(units, t, None, GATHERINGS, within=8, preps={"в", "на"})
        if target is None and t + 2 < len(doc) and doc[t + 1].lower_ in {"в", "на"} and doc[t + 2].lemma_ in {
                "работа", "заседание", "мероприятие"}:
            target = self.after(units, t + 2, {"Gen"}, GATHERINGS, within=2, preps={""})  # "в работе саммита K7"
        if target is None and self.key(doc[t]).startswith("участник"):
            target = self.after(units, t, {"Gen", ""}, GATHERINGS, within=2, preps={""})  # "участники саммита K7"
        if target is None:  # "В саммите K7 примут участие ..."
            target = self.before(units, t, None, GATHERINGS, within=6, preps={"в", "на"})
        if target is None:
            return
        agent = self.after(units, t, {"Gen"}, AGENTS, within=4, preps={""}, exclude=[target])
        if agent is None:
            agent = self.before(units, t, {"Nom"}, AGENTS, within=12, preps={""}, exclude=[target])
        if agent is None:  # "В саммите приняли участие X, Y и Z"
            agent = self.after(units, t, {"Nom"}, AGENTS, within=6, preps={""}, exclude=[target])
        self.there(doc, t, target, discourse, index, out)
        if self.key(doc[t]).startswith("участник") and not self.event_like(target):
            # "полноправный участник K7", "страны-участницы K7": a standing body's participant is a member
            self.emit(out, agent, "memberOf", target, 0.8)
            return
        self.emit(out, agent, "participatesIn", target, 0.85)
        self.host_of_trip(doc, units, t, target, out)

    def there(self, doc, t, target, discourse, index, out) -> None:
        """"... направился в Минск. Там он примет участие в саммите K7": "там" is the place just travelled to."""
        dest = getattr(discourse, "ru_dest", None)
        if dest is None or index - dest[0] != 1 or not any(w.lower_ == "там" for w in doc[:t]):
            return
        self.emit(out, Unit(list(dest[1]), -1, -1, "Loc", indirect=True), "hosts", target, 0.6)

    def host_of_trip(self, doc, units, t, target, out) -> None:
        """"В Бишкек прибыли главы государств для участия в саммите ОДКБ": the place travelled to hosts
        the gathering the travellers came for."""
        for k in range(max(0, t - 12), t):
            if self._frames[k] == "visit" and not self.is_noun_trigger(doc[k]):
                place = self.before(units, k, None, frozenset({"Place"}), within=4, preps={"в"}) or self.after(
                    units, k, None, frozenset({"Place"}), within=4, preps={"в"})
                first = len(out)
                self.emit(out, place, "hosts", target, 0.65)
                self._spans.append((first, len(out), k))  # the place is reached: the travel's claim, not the purpose's
                return

    def frame_speak(self, doc, units, t, discourse, index, out) -> None:
        """"выступил на саммите K7": a speaker at a gathering takes part in it."""
        target = self.after(units, t, None, GATHERINGS, within=6, preps={"на"})
        if target is None:
            return
        agent = self.before(units, t, {"Nom"}, AGENTS, within=12, preps={""}) or self.after(
            units, t, {"Nom"}, AGENTS, within=3, preps={""}, exclude=[target])
        self.emit(out, agent, "participatesIn", target, 0.8)

    def frame_chair(self, doc, units, t, discourse, index, out) -> None:
        """"под председательством X прошло заседание K7": who chairs a gathering takes part in it."""
        if t == 0 or doc[t - 1].lower_ != "под":
            return
        chair = self.after(units, t, {"Gen", ""}, frozenset({"Person"}), within=4, preps={""})
        if chair is None:
            return
        event = self.before(units, t - 1, None, GATHERINGS, within=10, preps={"в", "на", "", "для"})
        if event is None or not self.event_like(event):
            event = self.after(units, chair.end - 1, None, GATHERINGS, within=12)
        if event is not None and self.event_like(event):
            first = len(out)
            self.emit(out, chair, "participatesIn", event, 0.8)
            self._spans.append((first, len(out), max(event.start, 0)))  # chaired as the gathering is held

    def event_like(self, u: Unit) -> bool:
        """A gathering rather than a standing body: an event, or a body named with an event noun (carried,
        or in its name: "саммит Россия – Центральная Азия")."""
        named = not u.indirect and 0 <= u.start < len(self._frames) and self._frames[u.start] == "head_event"
        return u.event or u.types <= {"Event"} or named

    def frame_aside(self, doc, units, t, discourse, index, out) -> None:
        """"На полях саммита K7 X встретился с Y", "в ходе саммита", "во время форума": the subject of the
        clause takes part in the gathering."""
        if t == 0 or doc[t - 1].lower_ not in {"на", "в", "во", "по"}:
            return
        # "По итогам переговоров и заседания K7 X и Y ...": the gathering may follow other nouns
        reach = 5 if doc[t - 1].lower_ == "по" else 1
        event = self.after(units, t, None, GATHERINGS, within=reach)
        if event is None or not self.event_like(event) or not all(
                w.is_lower or w.is_punct for w in doc[t + 1:event.start]):
            return
        fronted = t <= 2 or doc[t - 2].is_punct  # "На полях саммита X ...": the subject follows
        after = self.after(units, event.end - 1, {"Nom"}, AGENTS, within=8, preps={""})
        before = self.before(units, t, {"Nom"}, AGENTS, within=12, preps={""})
        self.emit(out, (after or before) if fronted else (before or after), "participatesIn", event, 0.7)

    def frame_member(self, doc, units, t, discourse, index, out) -> None:
        """"Сылдавия вступила в K7", "стала полноправным членом K7", "Членами K7 являются A и B",
        "государства-члены K7 A и B"; not an application ("заявку на вступление") nor observer status."""
        if t > 0 and doc[t - 1].lower_ in {"на", "о", "об", "к", "по"}:
            return  # "заявка на вступление", "переговоры о вступлении": joining is not done
        if any(w.lemma_.startswith("наблюдател") for w in doc[max(0, t - 3):t + 3]):
            return  # observer status is no membership
        org = self.after(units, t, {"Gen", "Acc", ""}, GATHERINGS, within=4, preps={"", "в"})
        if org is None or self.event_like(org):
            return
        kinds = frozenset({"Country", "Organization", "Person"})
        member = self.before(units, t, {"Nom"}, kinds, within=12, preps={""})
        if member is None:
            member = self.after(units, org.end - 1, {"Nom", ""}, kinds, within=4, preps={""}, exclude=[org])
        self.emit(out, member, "memberOf", org, 0.85)

    def frame_composition(self, doc, units, t, discourse, index, out) -> None:
        """"В состав K7 входят Бордурия и Сылдавия", "Сылдавия вошла в состав K7"."""
        if t == 0 or doc[t - 1].lower_ not in {"в", "во"}:
            return
        org = self.after(units, t, {"Gen"}, frozenset({"Organization"}), within=2, preps={""})
        if org is None or self.event_like(org):
            return
        kinds = frozenset({"Country", "Organization"})
        member = self.before(units, t - 1, {"Nom"}, kinds, within=8, preps={""}) or self.after(
            units, org.end - 1, {"Nom"}, kinds, within=6, preps={""}, exclude=[org])
        self.emit(out, member, "memberOf", org, 0.8)

    def frame_use(self, doc, units, t, discourse, index, out) -> None:
        """"Астана использует ООН, ШОС и C5+1": using a format counts as membership (its user with no preposition)."""
        self.uses_formats(units, t, out, user_preps={""})

    def frame_host(self, doc, units, t, discourse, index, out) -> None:
        place = self.after(units, t, {"Loc", ""}, PLACES, within=6, preps={"в"}) or self.before(
            units, t, {"Loc"}, PLACES, within=10, preps={"в"})
        if place is None:  # "В Брюсселе под председательством X и Y прошло заседание K7": the clause's place
            place = self.before(units, t, {"Loc"}, PLACES, within=25, preps={"в"})
            if place is not None and any(w.pos_ in {"VERB", "AUX"} and "Fin" in w.morph.get("VerbForm")
                                         for w in doc[place.end:t]):
                place = None
        # "саммит СНГ, который пройдёт в Душанбе": the event may stand in any case before; after a
        # participle ("состоявшегося в Клове саммита K7") in any case after
        event = self.before(units, t, None, GATHERINGS, within=8)
        if event is None or not self.event_like(event):
            cases = None if "Part" in doc[t].morph.get("VerbForm") else {"Nom"}
            event = self.after(units, t, cases, GATHERINGS, within=8, exclude=[place] if place else [])
        if event is not None and self.event_like(event):
            self.emit(out, place, "hosts", event, 0.8)
        if self.key(doc[t]) in {"провести", "проводить"} and doc[t].pos_ == "VERB":
            # "X и Y провели заседание K7": who holds a gathering takes part in it
            held = self.after(units, t, {"Acc", "Nom", ""}, GATHERINGS, within=4, preps={""})
            holder = self.before(units, t, {"Nom"}, AGENTS, within=12, preps={""})
            if held is not None and self.event_like(held):
                self.emit(out, holder, "participatesIn", held, 0.75)
