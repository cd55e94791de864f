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

from kg.extract.core import PLACES, Discourse, Member, Unit
from kg.extract.en.places import EnglishPlaces
from kg.extract.en.words import (
    BARE_EVENTS,
    CONJ,
    DASHES,
    DETERMINERS,
    GROUP_NOUNS,
    LEADERS,
    NAME_ADJECTIVES,
    PAIR_NOUNS,
    PEOPLE_PAIR,
    POSSESSIVE,
    PRONOUNS,
    REGION_NOUNS,
    possessive_at,
    prep_before,
)
from kg.model import Article, Mention


class EnglishUnits(EnglishPlaces):
    """The units of an English sentence: its names with their prepositions, titles and coordination."""

    # ------------------------------------------------------------------ units
    def make_units(self, doc: Doc, mentions: list[Mention], frames: list[str], article: Article,
                   discourse: Discourse, index: int, out: list) -> list[Unit]:
        self._date = article.date
        self._article_text = article.text
        self._doc = doc
        self._index = index
        singles: list[Unit] = []
        for m in mentions:
            member = Member(m.actor_id, self.type_of(m.actor_id), bool(self.lexicon.capital_of(m.actor_id)))
            start = m.tok_start
            if start > 0 and doc[start - 1].lower_ in DETERMINERS:
                start -= 1
            u = Unit([member], start, m.tok_end, "Gen" if self.possessive_at(doc, m.tok_end) else "Nom")
            u.event = doc[m.tok_end - 1].lower_ in BARE_EVENTS  # "the China-Central Asia summit" is a gathering
            singles.append(u)
        taken = set()
        for u in singles:
            taken.update(range(u.start, u.end))
        singles.extend(self.surnames(doc, mentions, frames, taken, discourse))
        singles.extend(self.indirect_en(doc, frames, taken, article, discourse, index, singles))
        singles.sort(key=lambda u: u.start)
        for u in singles:
            self.absorb(doc, u, frames)
        singles = self.titles(doc, singles, frames, out, discourse)
        self.group_members(doc, singles, out)
        singles = self.locations(doc, singles, out)
        # "his Uzbekistan counterpart X", "his Syldavian host": the possessive only determines the next name
        starts = {u.start for u in singles}
        covered = {k for u in singles if u.end - u.start > 1 for k in range(u.start, u.end)}
        singles = [u for u in singles if not (u.indirect and u.end - u.start == 1 and doc[u.start].lower_ in PRONOUNS
                                              and u.case == "Gen" and (u.end in starts or u.start in covered))]
        for u in singles:
            # "to Kazakh-American relations": the preposition governs the noun, not the adjectives
            u.prep = "" if u.attributive else self.prep_before(doc, u.start)
            if u.case != "Gen" and self.possessive_at(doc, u.end):
                u.case = "Gen"
        singles = self.without_dateline(doc, singles, out)
        units = self.coordinate(doc, singles)
        self.remember_person(units, discourse, index)
        return units

    def without_dateline(self, doc: Doc, singles: list[Unit], out: list) -> list[Unit]:
        """"ASTANA (Kazinform) –", "BAKU, Azerbaijan, April 1.", "TASHKENT, May 27. /TASS/.": a dateline's city and
        the outlet credited with it are where and who reports, never actors of the sentence's relations."""
        if not singles or singles[0].start != 0 or not doc[0].text.isupper() or not doc[0].is_alpha \
                or not singles[0].types <= {"Place", "Organization"}:
            return singles  # a dateline opens with a city or an outlet in capitals: "ASTANA", "KAZINFORM"
        end = singles[0].end
        k = end
        while k < len(doc) and k - end < 12 and doc[k].text not in {"–", "—", "-", "--"} and doc[k].text != ".":
            k += 1
        if k >= len(doc) or k - end >= 12:
            return singles
        return [u for u in singles if u.start > k]

    possessive_at = staticmethod(possessive_at)
    prep_before = staticmethod(prep_before)

    def surnames(self, doc: Doc, mentions: list[Mention], frames: list[str], taken: set[int],
                 discourse: Discourse) -> list[Unit]:
        """"Cameron arrived": a lone surname of a person named in full earlier in the article."""
        memory: dict[str, str] = self.memo(discourse, "surnames")
        out = []
        n = len(doc)
        for i, tok in enumerate(doc):
            if i in taken or tok.text not in memory:
                continue
            if (i + 1 < n and doc[i + 1].text[:1].isupper() and doc[i + 1].is_alpha) or \
                    (i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha and (i - 1) not in taken
                     and not self.at_sentence_start(doc, i - 1)):
                continue  # part of a longer name
            out.append(Unit([Member(memory[tok.text], "Person")], i, i + 1,
                            "Gen" if self.possessive_at(doc, i + 1) else "Nom"))
            frames[i] = ""
            taken.add(i)
        for m in mentions:
            if self.type_of(m.actor_id) == "Person":
                parts = m.text.split()
                if len(parts) >= 2 and parts[-1][:1].isupper() and parts[-1].isalpha():
                    memory[parts[-1]] = m.actor_id
        return out

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
                    and (tok.text == "Head" or (i > 0 and doc[i - 1].lower_ == "the")) and president \
                    and (i + 3) not in taken:  # "Head of State Kassym-Jomart Tokayev" is a title before the name
                start = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
                out.append(Unit([Member(president, "Person")], start, i + 3,
                                "Gen" if self.possessive_at(doc, i + 3) else "Nom", indirect=True))
                for k in range(i, i + 3):
                    frames[k] = ""
                taken.update(range(start, i + 3))
                continue
            people = self.people_pair_at(doc, i, discourse, index)
            if people is not None:
                # "the two leaders", "both presidents", "the leaders": the last two people named together
                start, end, pair = people
                out.append(Unit([Member(m.actor, m.type) for m in pair], start, end,
                                "Gen" if self.possessive_at(doc, end) else "Nom", indirect=True))
                frames[start:end] = [""] * (end - start)
                taken.update(range(start, end))
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
            region = self.region_adjective(doc, i, taken)
            if region is not None:
                # "the five Central Asian states", "Central Asian leaders": the region
                actor, end = region
                start = i
                while start > 0 and (doc[start - 1].lower_ in DETERMINERS or doc[start - 1].like_num):
                    start -= 1
                out.append(Unit([Member(actor, "Region")], start, end,
                                "Gen" if self.possessive_at(doc, end) else "Nom", indirect=True))
                taken.update(range(start, end))
                frames[start:end] = [""] * (end - start)
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
            if country and i + 1 < n and doc[i + 1].lower_ == "capital" and (i + 2 >= n or not (
                    doc[i + 2].text[:1].isupper() or (i + 2) in taken)):
                # "the Kazakh capital hosted ...": the capital of that state
                city = self.capital_city(country)
                if city is not None:
                    start = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
                    out.append(Unit([Member(city, "Place", True)], start, i + 2,
                                    "Gen" if self.possessive_at(doc, i + 2) else "Nom", indirect=True))
                    taken.update(range(start, i + 2))
                    continue
            if country and country in self.lexicon.actors and i + 1 < n and doc[i + 1].lower_ == "counterpart":
                if i + 2 < n and (i + 2) in taken:
                    continue  # "his Tajik counterpart X": a title before its holder
                # "met with his Tajik counterpart": the one who holds the same office there, if the lexicon knows
                holder = self.counterpart(singles, i, country, discourse, index)
                start = i - 1 if i > 0 and doc[i - 1].lower_ in {"his", "her", "their", "the"} else i
                if holder is not None:
                    out.append(Unit([Member(holder, "Person")], start, i + 2, "Nom", indirect=True))
                taken.update(range(start, i + 2))
                frames[i + 1] = ""
                continue
            if country and country in self.lexicon.actors and i + 1 < n and doc[i + 1].lower_ in GROUP_NOUNS:
                # "Moroccan diplomats", "the Kazakh delegation": an unnamed group acting for its state
                start = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
                out.append(Unit([Member(country, "Country")], start, i + 2,
                                "Gen" if self.possessive_at(doc, i + 2) else "Nom", indirect=True))
                taken.update(range(start, i + 2))
                continue
            if (low in BARE_EVENTS or low == "meeting") and i > 0 and doc[i - 1].lower_ in {"the", "this"} \
                    and discourse.last_event and (low != "meeting" or index - discourse.last_event[0] <= 1) \
                    and (i + 1 >= n or doc[i + 1].lower_ != "of") and (i - 2) not in taken \
                    and not (i >= 2 and doc[i - 2].text[:1].isupper() and doc[i - 2].lower_ not in {"the", "this"}
                             and not self.at_sentence_start(doc, i - 2)):
                # "attended the summit": the gathering named last (a few sentences back at most)
                seen_at, member = discourse.last_event
                if index - seen_at <= 6:
                    out.append(Unit([Member(member.actor, member.type)], i - 1, i + 1, "Nom", indirect=True,
                                    event=True))
                    frames[i] = ""
                    taken.update(range(i - 1, i + 1))
                continue
            if low == "region" and i > 0 and doc[i - 1].lower_ == "the" and not (
                    i + 1 < n and doc[i + 1].lower_ in {"of", "'s", "’s"}):
                # "partnership between the EU and the region": the region the article named last
                region = self.memo(discourse, "regions").get("last")
                if region is not None and index - region[0] <= 5:
                    out.append(Unit([Member(region[1], "Region")], i - 1, i + 1, "Nom", indirect=True))
                    taken.update(range(i - 1, i + 1))
                continue
            if tok.text == "They" and i == 0:
                # a sentence opened by "They" after two people or two states were named: those two
                pair = self.last_people(discourse, index)
                if pair is None or index - self.memo(discourse, "people")["pair"][0] > 3:
                    pair = self.last_countries(discourse, index)
                if pair is not None and len(pair) == 2:
                    out.append(Unit([Member(m.actor, m.type) for m in pair], 0, 1, "Nom", indirect=True))
                    taken.add(0)
                continue
            if low == "its" and tok.text in {"its", "Its"}:
                # "the EU's efforts to deepen its relations": the state or body named last before it
                # not a name in its own clause ("while Beijing is its largest partner"), nor one after a preposition
                clause = max((k for k in range(i) if doc[k].lower_ in {",", ";", "while", "whereas", "but"}),
                             default=-1)
                thing = next((u for u in reversed(singles) if u.end <= i and len(u.members) == 1 and not u.indirect
                              and u.members[0].type in {"Country", "Organization"} and u.end <= clause
                              and (u.case == "Gen" or not self.prep_before(doc, u.start))), None) \
                    or next((u for u in reversed(singles) if u.end <= i and len(u.members) == 1 and not u.indirect
                             and u.members[0].type in {"Country", "Organization"} and u.start > clause
                             and (u.case == "Gen" or not self.prep_before(doc, u.start))
                             and not any(doc[k].lower_ in {"is", "are", "was", "remains"} for k in range(u.end, i))),
                            None)
                if thing is not None:
                    out.append(Unit([Member(thing.members[0].actor, thing.members[0].type)], i, i + 1, "Gen",
                                    indirect=True))
                continue
            if low in PRONOUNS and tok.text in {low, low.capitalize()}:
                person = self.antecedent(singles, i, discourse, index)
                if person is not None:
                    out.append(Unit([person], i, i + 1, PRONOUNS[low] or "Nom", indirect=True))
        return out

    def capital_city(self, country: str) -> str | None:
        """The city the lexicon has as `country`'s capital."""
        capitals = getattr(self, "_capitals", None)
        if capitals is None:
            capitals = {a.capital_of: a.id for a in self.lexicon.actors.values()
                        if a.capital_of and a.type == "Place" and self.type_of(a.capital_of) == "Country"}
            self._capitals = capitals
        return capitals.get(country)

    def region_adjective(self, doc: Doc, i: int, taken: set[int]) -> tuple[str, int] | None:
        """"Central Asian states": a region's adjective ("Central Asian" -> "Central Asia") before a noun for
        its states or their leaders; the region and where the phrase ends."""
        n = len(doc)
        for width in (2, 1):
            last = i + width - 1
            if last + 1 >= n or any(k in taken or not doc[k].text[:1].isupper() for k in range(i, last + 1)):
                continue
            if not doc[last].lower_.endswith("an") or doc[last + 1].lower_ not in REGION_NOUNS:
                continue
            stem = doc[last].text
            for name in (stem[:-1], stem[:-2]):  # "Asian" -> "Asia", "European" -> "Europe"
                words_ = [t.text for t in doc[i:last]] + [name]
                for actor in self.lexicon.ids_for(" ".join(words_), self.lang):
                    if self.type_of(actor) == "Region":
                        return actor, last + 2
        return None

    def people_pair_at(self, doc: Doc, i: int, discourse: Discourse,
                       index: int) -> tuple[int, int, list[Member]] | None:
        """"the two leaders", "both presidents", "the leaders" (not "the leaders of ..."): start, end and the pair."""
        n = len(doc)
        low = doc[i].lower_
        if low in {"two", "both"} and i + 1 < n and doc[i + 1].lower_ in PEOPLE_PAIR:
            start, end = (i - 1 if low == "two" and i > 0 and doc[i - 1].lower_ == "the" else i), i + 2
        elif low in PEOPLE_PAIR and i > 0 and doc[i - 1].lower_ == "the" and (i < 2 or not doc[i - 2].is_alpha
                                                                               or doc[i - 2].is_lower):
            start, end = i - 1, i + 1
        else:
            return None
        if end < n and doc[end].lower_ == "of":
            if end + 1 < n and doc[end + 1].lower_ == "state":
                end += 2  # "the heads of state"
            else:
                return None
        elif low == "heads" or (low in {"two", "both"} and doc[i + 1].lower_ == "heads"):
            return None
        pair = self.last_people(discourse, index)
        return (start, end, pair) if pair else None

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

    def remember_person(self, units: list[Unit], discourse: Discourse, index: int) -> None:
        for u in units:
            if not u.prep and u.case != "Gen" and len(u.members) == 1 and u.members[0].type == "Person":
                discourse.last_agent["person"] = (index, list(u.members))
                return

    def absorb(self, doc: Doc, u: Unit, frames: list[str]) -> None:
        """"the C5+1 summit" (after), "the 80th session of the UN General Assembly" (before, with "of")."""
        if "Person" in u.types:
            return  # "the summit of the heads of state" is no person's
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
        if k >= 1 and doc[k].lower_ == "of" and (frames[k - 1] == "head_event" or (
                doc[k - 1].lower_ in {"meeting", "session"} and u.types <= {"Organization", "Event"})):
            u.event = True
            s = k - 1
            while s > 0 and (doc[s - 1].lower_ in DETERMINERS | NAME_ADJECTIVES
                             or re.fullmatch(r"\d+(st|nd|rd|th)", doc[s - 1].text)):
                s -= 1
            u.start = s
            if frames[k - 1] == "head_event":
                frames[k - 1] = ""  # "the meeting of X" keeps its frame: those who hold it take part

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
                dash = len(gap) == 1 and gap[0] in DASHES and not (
                    # "... with Central Asian countries — Lavrov": a spaced em dash sets a person apart
                    gap[0] == "—" and doc[prev.end - 1].whitespace_ and doc[prev.end].whitespace_
                    and "Person" in prev.types ^ u.types)
                if (closing or comma or dash) and self.compatible(prev, u, gap):
                    if comma:
                        pending_comma.append((prev, u))
                    snapshot = (list(prev.members), prev.end, prev.indirect, prev.case)
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
            last.members, last.end, last.indirect, last.case = snap
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
    def event_places(self, doc: Doc, units: list[Unit], out: list) -> int | None:
        """"the SCO summit in Astana": the place hosts the gathering, as the verb that names the gathering says
        (its trigger, returned, gives the reading's modality: "will attend the summit in Y")."""
        anchor = None
        for ev, pl in itertools.pairwise(units):
            if not (ev.event or ev.types <= {"Event"}) or pl.prep not in {"in", "at"}:
                continue
            if pl.start - ev.end > 2 or not pl.fits(PLACES) or len(ev.members) != 1:
                continue
            self.emit(out, pl, "hosts", ev, 0.75)
            if anchor is None:  # the verb that names the gathering, or "preparations for", else the clause
                anchor = self.trigger_before(doc, ev.start)
                if anchor is None and self.prospective(doc, ev.end - 1):
                    anchor = ev.end - 1
        return anchor
