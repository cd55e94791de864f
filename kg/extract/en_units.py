"""Extraction stage, English units: names and the words around them -> argument units (`kg.extract.en` uses them).

English names do not inflect: a unit's case is "Gen" when "'s" follows it, its preposition
the one before it (past a determiner). Titles fold the office into the person ("U.S.
President Donald Trump", "X, CEO of Y"), names absorb the event nouns they carry ("the C5+1
summit", "the 80th session of the UN"), coordinated names become one unit ("A, B and C"),
and indirect mentions are added ("the Head of State", a bare "the President", "the two
sides", "he"/"his", "the Kazakh delegation").
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc

from kg.extract.core import PLACES, Discourse, Extractor, Member, Unit
from kg.model import Article, Mention
from kg.wordlists import words

PREPS = words("en", "prepositions")
DETERMINERS = words("en", "determiners")
CONJ = words("en", "conjunctions")
DASHES = words("en", "dashes")
POSSESSIVE = words("en", "possessive")
CLAUSE_END = words("en", "clause_end")
# "he"/"him"/"she"/"her" stand in no case of their own; "his" is a possessive
PRONOUNS = {w: "Gen" if w in words("en", "pronouns_gen") else "" for w in words("en", "pronouns")}
PAIR_NOUNS = words("en", "pair_nouns")
GROUP_NOUNS = words("en", "group_nouns")
# "Leaders of A, B and C attended": unnamed office-holders stand for their states (ONTOLOGY.md)
LEADERS = words("en", "leaders")
# nouns of a gathering that, bare ("the summit"), mean the last one named
BARE_EVENTS = words("en", "bare_events")


class EnglishUnits(Extractor):
    """The units of an English sentence: its names with their prepositions, titles and coordination."""

    # ------------------------------------------------------------------ units
    def make_units(self, doc: Doc, mentions: list[Mention], frames: list[str], article: Article,
                   discourse: Discourse, index: int, out: list) -> list[Unit]:
        self._date = article.date
        singles: list[Unit] = []
        for m in mentions:
            member = Member(m.actor_id, self.type_of(m.actor_id), bool(self.lexicon.capital_of(m.actor_id)))
            start = m.tok_start
            if start > 0 and doc[start - 1].lower_ in DETERMINERS:
                start -= 1
            singles.append(Unit([member], start, m.tok_end, "Gen" if self.possessive_at(doc, m.tok_end) else "Nom"))
        taken = set()
        for u in singles:
            taken.update(range(u.start, u.end))
        singles.extend(self.indirect_en(doc, frames, taken, article, discourse, index, singles))
        singles.sort(key=lambda u: u.start)
        for u in singles:
            self.absorb(doc, u, frames)
        singles = self.titles(doc, singles, frames, out)
        for u in singles:
            # "to Kazakh-American relations": the preposition governs the noun, not the adjectives
            u.prep = "" if u.attributive else self.prep_before(doc, u.start)
            if u.case != "Gen" and self.possessive_at(doc, u.end):
                u.case = "Gen"
        units = self.coordinate(doc, singles)
        self.event_places(doc, units, out)
        self.remember_person(units, discourse, index)
        return units

    @staticmethod
    def possessive_at(doc: Doc, i: int) -> bool:
        # "Kazakhstan's"; a bare apostrophe only after a plural ("the States'")
        return i < len(doc) and doc[i].text in POSSESSIVE and (doc[i].text.endswith("s")
                                                               or doc[i - 1].text[-1:] in "sS")

    @staticmethod
    def prep_before(doc: Doc, start: int) -> str:
        j = start - 1
        while j >= 0 and doc[j].lower_ in DETERMINERS:
            j -= 1
        if j >= 0 and doc[j].lower_ in PREPS:
            return doc[j].lower_
        return ""

    def indirect_en(self, doc: Doc, frames: list[str], taken: set[int], article: Article, discourse: Discourse,
                    index: int, singles: list[Unit]) -> list[Unit]:
        """"the Head of State", "the two sides", "he"/"his" (a bare "the President" is read with the titles)."""
        out: list[Unit] = []
        president = self.lexicon.holder("leaderOf", "country_kz", article.date)
        n = len(doc)
        for i, tok in enumerate(doc):
            if i in taken:
                continue
            low = tok.lower_
            # "the Head of State": Kazakhstan's president on the article's date
            if low == "head" and i + 2 < n and doc[i + 1].lower_ == "of" and doc[i + 2].lower_ == "state" \
                    and (tok.text == "Head" or (i > 0 and doc[i - 1].lower_ == "the")) and president:
                start = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
                out.append(Unit([Member(president, "Person")], start, i + 3,
                                "Gen" if self.possessive_at(doc, i + 3) else "Nom", indirect=True))
                for k in range(i, i + 3):
                    frames[k] = ""
                taken.update(range(start, i + 3))
                continue
            if frames[i] == "two_countries" and i + 1 < n and doc[i + 1].lower_ in PAIR_NOUNS \
                    and discourse.last_pair and (low == "both" or (i > 0 and doc[i - 1].lower_ == "the")):
                seen_at, members = discourse.last_pair
                if index - seen_at <= 4:
                    start = i - 1 if low == "two" else i
                    out.append(Unit([Member(m.actor, m.type) for m in members], start, i + 2,
                                    "Gen" if self.possessive_at(doc, i + 2) else "Nom", indirect=True))
                    frames[i] = ""
                    taken.update(range(start, i + 2))
                continue
            country = self.lexicon.demonym(low, self.lang) if tok.text[:1].isupper() else None
            pair = self.demonym_pair(doc, i, taken) if country else None
            if pair is not None:
                # "Kazakh-American relations", "the Kazakh and Chinese leaders": the two states
                (a, b), end = pair
                start = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
                u = Unit([Member(a, "Country"), Member(b, "Country")], start, end,
                         "Gen" if self.possessive_at(doc, end) else "Nom", indirect=True)
                u.attributive = doc[i + 1].text in DASHES
                out.append(u)
                taken.update(range(start, end))
                continue
            if country and country in self.lexicon.actors and i + 1 < n and doc[i + 1].lower_ in GROUP_NOUNS:
                # "Moroccan diplomats", "the Kazakh delegation": an unnamed group acting for its state
                start = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
                out.append(Unit([Member(country, "Country")], start, i + 2,
                                "Gen" if self.possessive_at(doc, i + 2) else "Nom", indirect=True))
                taken.update(range(start, i + 2))
                continue
            if low in BARE_EVENTS and i > 0 and doc[i - 1].lower_ in {"the", "this"} and discourse.last_event \
                    and (i + 1 >= n or doc[i + 1].lower_ != "of") and (i - 2) not in taken \
                    and not (i >= 2 and doc[i - 2].text[:1].isupper() and doc[i - 2].lower_ not in {"the", "this"}):
                # "attended the summit": the gathering named last (a few sentences back at most)
                seen_at, member = discourse.last_event
                if index - seen_at <= 3:
                    out.append(Unit([Member(member.actor, member.type)], i - 1, i + 1, "Nom", indirect=True))
                    frames[i] = ""
                    taken.update(range(i - 1, i + 1))
                continue
            if low in PRONOUNS and tok.text in {low, low.capitalize()}:
                person = self.antecedent(singles, i, discourse, index)
                if person is not None:
                    out.append(Unit([person], i, i + 1, PRONOUNS[low] or "Nom", indirect=True))
        return out

    def demonym_pair(self, doc: Doc, i: int, taken: set[int]) -> tuple[tuple[str, str], int] | None:
        """"Kazakh-American" before a noun, or "Kazakh and Chinese" before a group noun: two states."""
        n = len(doc)
        if i + 2 >= n or (i + 2) in taken or not doc[i + 2].text[:1].isupper():
            return None
        a, b = self.lexicon.demonym(doc[i].lower_, self.lang), self.lexicon.demonym(doc[i + 2].lower_, self.lang)
        if not a or not b or a == b or a not in self.lexicon.actors or b not in self.lexicon.actors:
            return None
        if doc[i + 1].text in DASHES and i + 3 < n and doc[i + 3].is_alpha and doc[i + 3].is_lower:
            return (a, b), i + 3
        if doc[i + 1].lower_ == "and" and i + 3 < n and doc[i + 3].lower_ in GROUP_NOUNS | LEADERS | PAIR_NOUNS:
            return (a, b), i + 4
        return None

    def antecedent(self, singles: list[Unit], i: int, discourse: Discourse, index: int) -> Member | None:
        """"he"/"his": the last Person subject, in this sentence before the pronoun or in the last two."""
        for u in reversed(singles):
            if u.end <= i and not u.indirect and len(u.members) == 1 and u.members[0].type == "Person" \
                    and not self.prep_before(self._doc, u.start):
                return u.members[0]
        last = discourse.last_agent.get("person")
        if last and index - last[0] <= 2 and index != last[0]:
            return last[1][0]
        return None

    def remember_person(self, units: list[Unit], discourse: Discourse, index: int) -> None:
        for u in units:
            if not u.prep and u.case != "Gen" and len(u.members) == 1 and u.members[0].type == "Person":
                discourse.last_agent["person"] = (index, list(u.members))
                return

    def absorb(self, doc: Doc, u: Unit, frames: list[str]) -> None:
        """"the C5+1 summit" (after), "the 80th session of the UN General Assembly" (before, with "of")."""
        n = len(doc)
        j = u.end
        while j < n and re.fullmatch(r"\d+(st|nd|rd|th)?|annual|extraordinary|informal|upcoming|leaders'?|"
                                     r"heads|of|state|ministerial|[A-Z]\w*", doc[j].text) and j - u.end < 3 \
                and frames[j] != "head_event" and not (doc[j].text[:1].isupper() and j > u.end):
            j += 1
        if j < n and frames[j] == "head_event" and j - u.end <= 2:
            u.event = True
            u.end = j + 1
            frames[j] = ""
            return
        # "the 80th session of the UN"
        k = u.start - 1
        if k >= 1 and doc[k].lower_ == "of" and frames[k - 1] == "head_event":
            u.event = True
            s = k - 1
            while s > 0 and (doc[s - 1].lower_ in DETERMINERS or re.fullmatch(r"\d+(st|nd|rd|th)", doc[s - 1].text)):
                s -= 1
            u.start = s
            frames[k - 1] = ""

    # ------------------------------------------------------------------ titles
    def title_spans(self, doc: Doc, frames: list[str]) -> list[tuple[int, int, str]]:
        """(start, end, relation or "") of each title: modifiers and the head noun."""
        spans = []
        n = len(doc)
        i = 0
        while i < n:
            if frames[i] not in {"title_leader", "title_affiliate", "title_mod"}:
                i += 1
                continue
            j = i
            heads_ = {"title_leader", "title_affiliate"}
            while j < n and (frames[j] in {"title_leader", "title_affiliate", "title_mod"} or (
                    doc[j].lower_ == "and" and j > i and j + 1 < n and frames[j + 1] in heads_
                    and frames[j - 1] in heads_ and doc[j + 1].text[:1].isupper())):  # "Chairman and CEO"
                j += 1
            heads = [k for k in range(i, j) if frames[k] in {"title_leader", "title_affiliate"}]
            if not heads or doc[i].lower_ == "former" or (i > 0 and doc[i - 1].lower_ in {"former", "ex"}):
                if heads:
                    spans.append((i, j, ""))
                i = j
                continue
            # "Secretary General" and "Prime Minister" lead; "Vice", "Deputy" serve
            words = {doc[k].lower_ for k in range(i, j)}
            if words & {"vice", "deputy", "assistant"}:
                rel = "affiliatedWith"
            elif "prime" in words or ("general" in words and "secretary" in words) or \
                    any(frames[k] == "title_leader" for k in heads):
                rel = "leaderOf"
            else:
                rel = "affiliatedWith"
            if doc[heads[-1]].lower_.endswith("s") and doc[heads[-1]].lower_ not in {"ceo"} and \
                    doc[heads[-1]].lemma_ != doc[heads[-1]].lower_:
                rel = ""  # "the presidents of", "ministers": plural offices name no one
            spans.append((i, j, rel))
            i = j
        return spans

    def titles(self, doc: Doc, units: list[Unit], frames: list[str], out: list) -> list[Unit]:
        """Apply title constructions; returns the units with office-holders folded in."""
        by_start = {u.start: u for u in units}
        by_end = {u.end: u for u in units}
        drop: set[int] = set()
        president = None
        for a, b, rel in self.title_spans(doc, frames):
            a0 = a - 1 if a > 0 and doc[a - 1].lower_ == "the" else a
            if b + 1 < len(doc) and doc[b].lower_ in {"of", "for"} and (b + 1) not in by_start \
                    and doc[b + 1].text[:1].isupper():
                # "Secretary of State", "Minister of Foreign Affairs", "Commissioner for International
                # Partnerships": the portfolio is part of the title
                k = b + 1
                while k < len(doc) and doc[k].text[:1].isupper() and k not in by_start and doc[k].is_alpha:
                    k += 1
                b = k
            owner: Unit | None = None
            person: Unit | None = None
            new_start: int | None = None
            # "Y's President X" / "U.S. President X" / "Kazakh President X"
            left = by_end.get(a - 1) if a > 0 and doc[a - 1].text in POSSESSIVE else by_end.get(a)
            if left is not None and id(left) not in drop and left.types <= {"Country", "Organization", "Place"}:
                owner = left
            demonym = None
            if owner is None and a > 0:
                demonym = self.lexicon.demonym(doc[a - 1].lower_, self.lang)
                if demonym and demonym in self.lexicon.actors:
                    owner = Unit([Member(demonym, "Country")], a - 1, a, "Nom", indirect=True)
                    if a - 2 >= 0 and doc[a - 2].lower_ == "the":
                        owner.start = a - 2
            after = b
            if owner is None and b < len(doc) and doc[b].lower_ == "of":
                cand = by_start.get(b + 1)
                if cand is not None and cand.types <= {"Country", "Organization", "Place", "Event"}:
                    owner = cand
                    after = cand.end + (1 if cand.end < len(doc) and doc[cand.end].text == "," else 0)
            accredited = None
            if owner is not None and after == b and b < len(doc) and doc[b].lower_ in {"to", "in"}:
                # "U.S. Ambassador to Kazakhstan Daniel Rosenblum": where the office is held, then the name
                cand = by_start.get(b + 1)
                nxt = by_start.get(cand.end) if cand is not None else None
                if cand is not None and cand.types <= {"Country", "Organization", "Place"} and nxt is not None \
                        and nxt.types <= {"Person"} and len(nxt.members) == 1:
                    accredited, after = cand, cand.end
            person = by_start.get(after)
            if person is not None and not (person.types <= {"Person"} and len(person.members) == 1):
                person = None
            if accredited is not None and person is not None:
                drop.add(id(accredited))
            appositive = None
            if person is None and a0 > 0 and doc[a0 - 1].text == "," and b < len(doc) and doc[b].lower_ == "of":
                # "X, President of Y" / "X, the CEO of Y"
                prev = by_end.get(a0 - 1)
                cand = by_start.get(b + 1)
                if prev is not None and prev.types <= {"Person"} and len(prev.members) == 1 and cand is not None \
                        and cand.types <= {"Country", "Organization", "Event"}:
                    appositive, owner = prev, cand
            if appositive is not None and owner is not None:
                self.emit_role(out, appositive, rel, owner)
                appositive.end = owner.end
                drop.add(id(owner))
                frames[a:b] = [""] * (b - a)
                continue
            if person is not None:
                if owner is not None:
                    self.emit_role(out, person, rel, owner)
                    drop.add(id(owner))
                    new_start = min(owner.start, a0)
                else:
                    new_start = a0
                person.start = min(person.start, new_start)
                frames[a:b] = [""] * (b - a)
                continue
            if owner is not None and rel == "leaderOf" and all(m.type == "Country" for m in owner.members):
                # an unnamed office-holder is the country: "the Uzbek President", "the President of Uzbekistan"
                owner.start = min(owner.start, a0)
                owner.end = max(owner.end, b)
                owner.indirect = owner.indirect or False
                if owner.indirect:
                    units.append(owner)
                frames[a:b] = [""] * (b - a)
                continue
            if owner is None and rel == "leaderOf" and doc[b - 1].lower_ == "president" and b - a == 1 \
                    and (doc[a].text == "President" or doc[a0].lower_ == "the") and a0 < a:
                # a bare "the President" in Kazakhstani news: the president on the article's date
                if president is None:
                    president = self.lexicon.holder("leaderOf", "country_kz", self._date)
                if president:
                    u = Unit([Member(president, "Person")], a0, b, "Gen" if self.possessive_at(doc, b) else "Nom",
                             indirect=True)
                    units.append(u)
                frames[a:b] = [""] * (b - a)
        out_units = [u for u in units if id(u) not in drop]
        out_units.sort(key=lambda u: (u.start, u.end))
        return out_units

    def emit_role(self, out: list, person: Unit, rel: str, owner: Unit) -> None:
        if not rel:
            return
        for o in owner.members:
            out.append((person.members[0].actor, rel, o.actor, 0.9))

    # ------------------------------------------------------------------ coordination
    def coordinate(self, doc: Doc, singles: list[Unit]) -> list[Unit]:
        """"A, B and C", "A and B", "Kazakhstan–China": a comma alone joins only in a list closed by "and"."""
        out: list[Unit] = []
        pending_comma: list[tuple[Unit, Unit]] = []  # comma-joined pairs still waiting for their "and"
        for u in singles:
            if out:
                prev = out[-1]
                gap = [t.lower_ for t in doc[prev.end:u.start]]
                if prev.case == "Gen" and gap[:1] and gap[0] in POSSESSIVE:
                    gap = ["<poss>"]
                closing = bool(gap) and len(gap) <= 3 and all(g in CONJ for g in gap) and ("and" in gap or "or" in gap)
                comma = gap == [","]
                dash = len(gap) == 1 and gap[0] in DASHES
                if (closing or comma or dash) and self.compatible(prev, u, gap):
                    if comma:
                        pending_comma.append((prev, u))
                    snapshot = (list(prev.members), prev.end)
                    prev.members.extend(u.members)
                    prev.end = u.end
                    prev.case = u.case if u.case == "Gen" and dash else prev.case
                    prev.indirect = prev.indirect and u.indirect
                    if comma:
                        prev._snapshot = snapshot  # type: ignore[attr-defined]
                        prev._tail = u  # type: ignore[attr-defined]
                    else:
                        prev._snapshot = None  # type: ignore[attr-defined]
                    continue
                self.unroll(out)
            out.append(u)
        self.unroll(out)
        return out

    @staticmethod
    def unroll(out: list[Unit]) -> None:
        """A list of names joined by commas only, with no closing "and", is not one unit: undo the last comma."""
        if not out:
            return
        last = out[-1]
        snap = getattr(last, "_snapshot", None)
        if snap:
            tail = last._tail  # type: ignore[attr-defined]
            last.members, last.end = snap
            last._snapshot = None  # type: ignore[attr-defined]
            out.append(tail)

    def compatible(self, a: Unit, b: Unit, gap: list[str]) -> bool:
        if b.prep and b.prep != a.prep:
            return False
        if a.case == "Gen" and b.case != "Gen" and not (gap and gap[0] in DASHES):
            return False
        places = {"Place"}
        if (a.types <= places) != (b.types <= places) and not (a.types | b.types) <= PLACES | {"Organization"}:
            return False
        return not ({"Person"} & a.types and b.types <= {"Event"})

    # ------------------------------------------------------------------ hosts: "the SCO summit in Astana"
    def event_places(self, doc: Doc, units: list[Unit], out: list) -> None:
        for ev, pl in itertools.pairwise(units):
            if not (ev.event or ev.types <= {"Event"}) or pl.prep not in {"in", "at"}:
                continue
            if pl.start - ev.end > 2 or not pl.fits(PLACES) or len(ev.members) != 1:
                continue
            self.emit(out, pl, "hosts", ev, 0.75)
