"""Extraction stage, English places: where a city or a body is (`locatedIn`) and the state a visited city is in.

A city's state is said next to it: "Samarkand, Uzbekistan", "Dushanbe, the capital of
Tajikistan", "the Kyrgyz capital Bishkek", "Kazakhstan's capital Astana"; a body's by
"U.S.-based" or "headquartered in". The state folds into the city's unit, so that a
dateline's "BISHKEK, Kyrgyzstan," or "the summit in Samarkand, Uzbekistan" is one place, not
a list. A visit to a city is a visit to its state too (the state the sentence names, or the
lexicon's), unless the visitor acts for that state.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.core import Discourse, Member, Unit
from kg.extract.en.titles import EnglishTitles
from kg.extract.en.words import POSSESSIVE

LOCATED_CONF = 0.85
CITY_NOUNS = frozenset({"capital", "city", "town", "port", "resort"})
BASED = frozenset({"based", "headquartered"})
STATE_VISIT_CONF = 0.7  # a city's visitor visited its state


class EnglishPlaces(EnglishTitles):
    """Place constructions of English sentences (a mixin of the English units)."""

    def locations(self, doc: Doc, units: list[Unit], out: list) -> list[Unit]:
        """Emit `locatedIn` for the constructions above; returns the units with a city's state folded in."""
        drop: set[int] = set()
        by_start = {u.start: u for u in units}
        n = len(doc)
        for u in units:
            if id(u) in drop or len(u.members) != 1:
                continue
            kind = u.members[0].type
            if kind == "Place":
                state, end = self.state_after(doc, u, by_start)
                if state is not None and self.agrees(u, state):
                    self.emit(out, u, "locatedIn", state, LOCATED_CONF)
                    drop.add(id(state))
                    u.end = end
                    continue
                state = self.state_before(doc, u, units)
                if state is not None and self.agrees(u, state):
                    self.emit(out, u, "locatedIn", state, LOCATED_CONF)
                    # "arrived in Uzbekistan's capital Tashkent", "a visit to the Uzbek city of Samarkand": one place
                    if not state.indirect:
                        drop.add(id(state))
                    u.start = min(u.start, state.start)
                    u.indirect = False
            # "U.S.-based Cove Capital", "the Astana-headquartered bank"
            e = u.end
            if e + 2 < n and doc[e].text == "-" and doc[e + 1].lower_ in BASED and kind in {"Country", "Place"}:
                body = next((v for v in units if e + 2 <= v.start <= e + 3 and v.types <= {"Organization"}), None)
                if body is not None:
                    self.emit(out, body, "locatedIn", u, LOCATED_CONF)
        return [u for u in units if id(u) not in drop]

    def state_after(self, doc: Doc, place: Unit, by_start: dict[int, Unit]) -> tuple[Unit | None, int]:
        """"Samarkand, Uzbekistan," / "Dushanbe, the capital of Tajikistan": the state and where the phrase ends."""
        n = len(doc)
        e = place.end
        if e + 1 >= n or doc[e].text != ",":
            return None, e
        k = e + 1
        if k + 3 < n and doc[k].lower_ == "the" and doc[k + 1].lower_ in CITY_NOUNS and doc[k + 2].lower_ == "of":
            k += 3
        state = by_start.get(k)
        if state is None or state.types != {"Country"} or len(state.members) != 1:
            return None, e
        after = doc[state.end] if state.end < n else None
        if after is not None and not (after.is_punct or (after.is_lower and after.lower_ not in {"and", "or"})):
            return None, e
        if after is not None and after.text in {"-", "–", "—"}:
            return None, e
        return state, state.end

    def state_before(self, doc: Doc, place: Unit, units: list[Unit]) -> Unit | None:
        """"the Kyrgyz capital Bishkek", "Kazakhstan's capital Astana", "the Kazakh city of Aktau"."""
        k = place.start - 1
        if k >= 0 and doc[k].lower_ == "of":
            k -= 1
        if k < 1 or doc[k].lower_ not in CITY_NOUNS:
            return None
        country = self.lexicon.demonym(doc[k - 1].lower_, self.lang) if doc[k - 1].text[:1].isupper() else None
        if country and self.type_of(country) == "Country":
            return Unit([Member(country, "Country")], k - 1, k, "Nom", indirect=True)
        if doc[k - 1].text in POSSESSIVE:
            owner = next((u for u in units if u.end == k - 1), None)
            if owner is not None and owner.types == {"Country"} and len(owner.members) == 1:
                return owner
        return None

    def agrees(self, place: Unit, state: Unit) -> bool:
        """The lexicon does not put the place in another state."""
        actor = self.lexicon.actors.get(place.members[0].actor)
        where = actor.located_in if actor is not None else None
        return where is None or self.type_of(where) != "Country" or where == state.members[0].actor

    def state_visits(self, out: list, discourse: Discourse | None = None) -> list[tuple[int, int]]:
        """A visit to a city is a visit to its state: the state this sentence puts it in, or the lexicon's.

        Returns (the new reading's index, the index of the visit to the city it comes from) for each one added.
        """
        here = {s: o for s, rel, o, _ in out if rel == "locatedIn" and self.type_of(o) == "Country"}
        added = []
        for i, (s, rel, o, conf) in enumerate(list(out)):
            if rel != "visited" or self.type_of(o) != "Place":
                continue
            actor = self.lexicon.actors.get(o)
            state = here.get(o) or (actor.located_in if actor is not None else None)
            if not state or self.type_of(state) != "Country":
                continue
            own = s if self.type_of(s) == "Country" else self.state_of_person(s, discourse)
            if own != state:
                added.append((len(out), i))
                out.append((s, "visited", state, round(min(conf, STATE_VISIT_CONF), 2)))
        return added
