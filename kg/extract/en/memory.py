"""Extraction stage, English discourse memory: what earlier sentences of an article said, for later ones to refer to.

The core's `Discourse` keeps the topic country, the last gathering and the last pair of
countries. English news also refers back to the last two people ("the two leaders", "the
presidents"), to a state through the people who serve it ("bilateral trade" after two
ministers met), and to the last holder of a title ("the Emperor"). This mixin keeps those on
the article's `Discourse` and says which state a person acts for: the office this article
gave them, or their dated office in the lexicon.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from kg.extract.core import Discourse, Member, Unit
from kg.extract.en.modality import EnglishModality
from kg.extract.en.words import prep_before

PAIR_WINDOW = 4  # sentences back that "the two leaders" may reach


class EnglishMemory(EnglishModality):
    """Article memory of the English extractor (people pairs, people's states, title holders)."""

    _date: dt.date | None = None
    _index = 0

    # ------------------------------------------------------------------ the memory on the Discourse
    @staticmethod
    def memo(discourse: Discourse | None, name: str) -> dict:
        """A dict kept on the article's discourse under `name` (a fresh one when there is no discourse)."""
        return {} if discourse is None else discourse.kept(f"_en_{name}", dict)

    # ------------------------------------------------------------------ people and their states
    def state_of_person(self, person: str, discourse: Discourse | None) -> str | None:
        """The state a person acts for: as this article titled them, else their dated office in the lexicon."""
        known = self.memo(discourse, "states").get(person)
        if known:
            return known
        roles = self.lexicon.roles_of(person, self._date)
        for rel in ("leaderOf", "affiliatedWith"):
            for r in roles:
                if r.relation == rel:
                    state = self.state_of(r.target)
                    if state:
                        return state
        return None

    def state_of(self, body: str) -> str | None:
        """A body's state, if it has one (the titles module says how); a country is its own."""
        return body if self.type_of(body) == "Country" else None

    def as_states(self, unit: Unit, discourse: Discourse | None) -> Unit:
        """The unit with each person replaced by the state they act for ("the two leaders discussed trade")."""
        members = []
        for m in unit.members:
            state = self.state_of_person(m.actor, discourse) if m.type == "Person" else None
            members.append(Member(state, "Country") if state else m)
        seen: set[str] = set()
        members = [m for m in members if not (m.actor in seen or seen.add(m.actor))]
        return Unit(members, unit.start, unit.end, unit.case, unit.prep, unit.indirect, unit.event)

    def last_people(self, discourse: Discourse | None, index: int) -> list[Member] | None:
        """The last two people who met or acted together, a few sentences back at most."""
        pair = self.memo(discourse, "people").get("pair")
        if pair is None or index - pair[0] > PAIR_WINDOW:
            return None
        return pair[1]

    def last_countries(self, discourse: Discourse | None, index: int) -> list[Member] | None:
        """The last pair of states: named together, or the two people's states."""
        if discourse is None or discourse.last_pair is None or index - discourse.last_pair[0] > PAIR_WINDOW + 1:
            return None
        return discourse.last_pair[1]

    # ------------------------------------------------------------------ who is meant
    def antecedent(self, singles: list[Unit], i: int, discourse: Discourse | None, index: int) -> Member | None:
        """"he"/"his": the last Person subject, in this sentence before the pronoun or in the last two."""
        for u in reversed(singles):
            if u.end <= i and not u.indirect and len(u.members) == 1 and u.members[0].type == "Person" \
                    and not prep_before(self._doc, u.start):
                return u.members[0]
        last = discourse.last_agent.get("person") if discourse is not None else None
        if last and index - last[0] <= 2 and index != last[0]:
            return last[1][0]
        return None

    def counterpart(self, singles: list[Unit], i: int, country: str, discourse: Discourse | None,
                    index: int | None) -> str | None:
        """The head of `country` when the person whose counterpart is meant heads a state (else unknown)."""
        person = self.antecedent(singles, i, discourse, index if index is not None else self._index)
        if person is None:
            return None
        led = [r.target for r in self.lexicon.roles_of(person.actor, self._date)
               if r.relation == "leaderOf" and self.type_of(r.target) == "Country"]
        return self.lexicon.holder("leaderOf", country, self._date) if led and country not in led else None

    def last_body(self, discourse: Discourse | None, index: int) -> Unit | None:
        """"it" for an organisation: the one the last two sentences had as their subject."""
        body = self.memo(discourse, "bodies").get("subject")
        if body is None or index - body[0] > 2:
            return None
        return Unit([Member(body[1], "Organization")], -1, -1, "Nom", indirect=True)

    def pair_goes_on(self, units: list[Unit], pair: list[Member], discourse: Discourse | None) -> bool:
        """"Saidov stated that they signed ...": a sentence whose subject is one of the last two people and that names
        no other person or state goes on about the two."""
        first = next((u for u in units if not u.prep and u.case != "Gen"), None)
        people = {m.actor for m in pair}
        if first is None or first.indirect or len(first.members) != 1 or first.members[0].actor not in people:
            return False
        states = {self.state_of_person(a, discourse) for a in people}
        return all(m.actor in people or (m.type == "Country" and m.actor in states) or m.type not in {"Person",
                                                                                                  "Country"}
                   for u in units for m in u.members)

    # ------------------------------------------------------------------ remembering a sentence
    def remember(self, units: list[Unit], discourse: Discourse, index: int, out: Iterable = (),
                 on: dt.date | None = None) -> None:
        """The core's memory, and the English one: people's states, the last pair of people."""
        out = list(out)
        for u in units:
            if len(u.members) == 1 and u.members[0].type == "Region":
                self.memo(discourse, "regions")["last"] = (index, u.members[0].actor)
        first = next((u for u in units if not u.prep and u.case != "Gen"), None)
        if first is not None and len(first.members) == 1 and first.members[0].type == "Organization":
            self.memo(discourse, "bodies")["subject"] = (index, first.members[0].actor)
        states = self.memo(discourse, "states")
        for s, rel, o, _ in out:
            if rel in {"leaderOf", "affiliatedWith"} and self.type_of(o) == "Country":
                states.setdefault(s, o)
        pair = None
        for u in units:
            people = [m for m in u.members if m.type == "Person"]
            if len(people) == 2 and len(u.members) == 2 and not u.prep:
                pair = people
        met = [(s, o) for s, rel, o, _ in out if rel == "metWith" and self.type_of(s) == "Person"
               and self.type_of(o) == "Person"]
        if pair is None and len({frozenset(p) for p in met}) == 1:
            pair = [Member(met[0][0], "Person"), Member(met[0][1], "Person")]
        if pair is None:
            # a sentence that names both of the last two people keeps them the pair ("Putin told Japarov")
            last = self.memo(discourse, "people").get("pair")
            named = {m.actor for u in units for m in u.members if m.type == "Person"}
            if last is not None and {m.actor for m in last[1]} <= named:
                pair = last[1]
            elif last is not None and self.pair_goes_on(units, last[1], discourse):
                pair = last[1]
        if pair is not None:
            self.memo(discourse, "people")["pair"] = (index, pair)
        before = discourse.last_pair
        event_before = discourse.last_event
        super().remember(units, discourse, index, out, on)
        # a gathering is an Event or a body named with its gathering's noun ("the SCO summit"), not a body
        # whose name merely spans a determiner ("the European Council")
        discourse.last_event = event_before
        for u in units:
            if not u.indirect:
                for m in u.members:
                    if m.type == "Event" or (m.type == "Organization" and u.event):
                        discourse.last_event = (index, m)
        if pair is not None and discourse.last_pair is before:
            countries = [self.state_of_person(m.actor, discourse) for m in pair]
            if all(countries) and countries[0] != countries[1]:
                discourse.last_pair = (index, [Member(c, "Country") for c in countries if c])
