"""Extraction stage for English: Doc + mentions -> triples, roles from word order and prepositions.

English marks roles by position and preposition, not by case: the subject stands before the
trigger without a preposition ("Tokayev met Xi"), the object right after it ("visited
Moscow") or after the preposition the trigger governs ("talks with", "invested in",
"sanctions on", "a member of", "invited ... to"). A name followed by "'s" is a possessive
("Kazakhstan's President", "Tokayev's visit to"). As in `kg.extract`, names become units:
titles fold the office into the person ("U.S. President Donald Trump", "X, CEO of Y"),
names absorb the event nouns they carry ("the C5+1 summit"), coordinated names become one
unit ("met with A, B and C"), and indirect mentions are added ("the Head of State", a bare
"the President", "the two sides", "he"/"his"). Capitals and seats of power speak for their
state through `Extractor.voices`. The trigger words are data (`kg/lexicons/triggers_en.tsv`).
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc, Token

from kg import registry
from kg.extract.core import AGENTS, GATHERINGS, PARTIES, PLACES, Discourse, Extractor, Member, Unit
from kg.lexicon import Lexicon
from kg.model import Article, Mention

PREPS = frozenset({"with", "to", "in", "into", "on", "upon", "against", "of", "for", "by", "from", "at", "between",
                   "among", "amid", "over", "during", "after", "before", "about", "under", "towards", "toward",
                   "through", "within", "without", "across", "as", "than", "like", "via", "including"})
DETERMINERS = frozenset({"the", "a", "an"})
CONJ = frozenset({",", "and", "&", "or"})
DASHES = frozenset({"-", "–", "—"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "'s", "’s", "get", "got"})
# A trigger under these words states no fact (ONTOLOGY.md: hypothetical relations are not relations).
HEDGES = frozenset({"not", "n't", "never", "may", "might", "could", "should", "if", "whether", "unless", "no",
                    "neither", "nor", "hope", "hopes", "hoped", "possible", "possibly", "consider", "considering"})
UNDOING = frozenset({"lift", "lifted", "lifting", "ease", "eased", "easing", "remove", "removed", "cancel",
                     "cancelled", "canceled", "scrap", "scrapped", "end", "ended", "waive", "waived", "suspend"})
CLAUSE_END = frozenset({".", ";", "!", "?", ":"})
NOUN_ONLY = frozenset({"meeting", "meetings", "call", "calls", "conversation", "conversations", "phone", "telephone",
                       "spoke", "speak", "speaks", "talked", "talk", "talking"})
PRONOUNS = {"he": "", "him": "", "his": "Gen", "she": "", "her": ""}
PAIR_NOUNS = frozenset({"side", "sides", "country", "countries", "nation", "nations", "state", "states",
                        "government", "governments", "republic", "republics"})
GROUP_NOUNS = frozenset({"officials", "diplomats", "negotiators", "delegation", "delegations", "government",
                         "authorities", "side", "leadership", "counterpart", "counterparts", "companies",
                         "firms", "businesses", "investors", "banks", "troops", "forces"})
# "Leaders of A, B and C attended": unnamed office-holders stand for their states (ONTOLOGY.md)
LEADERS = frozenset({"leaders", "heads", "presidents", "governments", "delegations"})
# "invited X to visit Y", "offered to negotiate": what follows is only asked for, offered or hoped for
WISHES = frozenset({"invite", "ask", "urge", "hope", "want", "wish", "like", "offer", "propose", "ready", "willing",
                    "seek", "call"})
# nouns of a gathering that, bare ("the summit"), mean the last one named
BARE_EVENTS = frozenset({"summit", "forum", "session", "conference", "congress", "format", "ministerial"})
# Adjectives of nationality before a title or a noun ("Kazakh President", "tariffs on Chinese goods").
DEMONYMS = {
    "kazakh": "country_kz", "kazakhstani": "country_kz", "american": "country_us", "u.s.": "country_us",
    "us": "country_us", "russian": "country_ru", "chinese": "country_cn", "uzbek": "country_uz",
    "kyrgyz": "country_kg", "tajik": "country_tj", "turkmen": "country_tm", "azerbaijani": "country_az",
    "turkish": "country_tr", "french": "country_fr", "german": "country_de", "british": "country_gb",
    "japanese": "country_jp", "korean": "country_kr", "south korean": "country_kr", "indian": "country_in",
    "iranian": "country_ir", "pakistani": "country_pk", "mongolian": "country_mn", "georgian": "country_ge",
    "armenian": "country_am", "ukrainian": "country_ua", "belarusian": "country_by", "italian": "country_it",
    "afghan": "country_af", "israeli": "country_il", "saudi": "country_sa", "emirati": "country_ae",
    "qatari": "country_qa", "hungarian": "country_hu", "polish": "country_pl", "european": "eu",
}


@registry.extractors.register("en")
class EnglishExtractor(Extractor):
    """Relation extraction for English sentences, one article at a time (same contract as `Extractor`)."""

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon, "en")
        self.name = "en-word-order"
        self._doc: Doc | None = None
        self._date = None

    # ------------------------------------------------------------------ keys and frames
    def key(self, token: Token) -> str:
        return (token.lemma_ or token.text).lower()

    def frame_of(self, token: Token) -> str:
        frame = super().frame_of(token)
        doc = token.doc
        prev = self.key(doc[token.i - 1]) if token.i > 0 else ""
        nxt = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        if frame == "part":  # "took part in"
            return "participate" if prev == "take" and nxt == "in" else ""
        if frame == "place":  # "will take place in"
            return "held" if prev == "take" else ""
        if frame in {"title_leader", "title_affiliate", "title_mod", "head_event", "two_countries"}:
            return frame
        if frame and token.text[:1].isupper() and token.i > 0 and frame not in {"visit"}:
            # "Trade Minister", "Investment Forum": a capitalised trigger word inside a name
            if nxt[:1].isupper() if nxt else False:
                return ""
        return frame

    # ------------------------------------------------------------------ main
    def extract(self, doc: Doc, mentions: list[Mention], sentence, article: Article, discourse: Discourse,
                index: int):
        """Triples of one sentence (see `kg.extract.Extractor.extract`); remembers the last Person subject."""
        self._doc = doc
        return super().extract(doc, mentions, sentence, article, discourse, index)

    def frames(self, doc: Doc, units: list[Unit], frames: list[str], discourse: Discourse, index: int,
               out: list) -> None:
        self._units = units
        for t, f in enumerate(frames):
            if not f or f.startswith("head") or f.startswith("title") or f in {"two_countries", "between"}:
                continue
            if self.hedged(doc, t) or self.wished(doc, t):
                continue
            handler = getattr(self, f"frame_{f}", None)
            if handler is not None:
                handler(doc, units, t, discourse, index, out)

    def hedged(self, doc: Doc, t: int) -> bool:
        """A negation or a modal of possibility shortly before the trigger, in the same clause."""
        for k in range(t - 1, max(-1, t - 5), -1):
            low = doc[k].lower_
            if low in CLAUSE_END or low == ",":
                return False
            if low in HEDGES and doc[k].text == low:
                return True
        return False

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
            u.prep = "" if getattr(u, "attributive", False) else self.prep_before(doc, u.start)
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
            country = DEMONYMS.get(low) if tok.text[:1].isupper() else None
            pair = self.demonym_pair(doc, i, taken) if country else None
            if pair is not None:
                # "Kazakh-American relations", "the Kazakh and Chinese leaders": the two states
                (a, b), end = pair
                start = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
                u = Unit([Member(a, "Country"), Member(b, "Country")], start, end,
                         "Gen" if self.possessive_at(doc, end) else "Nom", indirect=True)
                u.attributive = doc[i + 1].text in DASHES  # type: ignore[attr-defined]
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
        a, b = DEMONYMS.get(doc[i].lower_), DEMONYMS.get(doc[i + 2].lower_)
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
                demonym = DEMONYMS.get(doc[a - 1].lower_)
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

    # ------------------------------------------------------------------ role helpers
    def subject(self, units: list[Unit], t: int, allowed: frozenset[str] = AGENTS, within: int = 25,
                exclude: list[Unit | None] | None = None) -> Unit | None:
        """The subject: the nearest unit before `t` without a preposition, not the object of another trigger.

        A possessive counts only right before the trigger ("Tokayev's visit"), as its owner.
        """
        ex = {id(u) for u in exclude or () if u is not None}
        doc = self._doc
        for u in reversed(units):
            if u.end > t or id(u) in ex:
                continue
            if t - u.end > within:
                return None
            if any(doc[k].text in {";", ":"} for k in range(u.end, t)):
                return None
            if u.prep and not self.leaders_of(u):
                continue
            if u.case == "Gen":
                if t - u.end <= 4 and self.plain_gap(u.end + 1, t):
                    return u if u.fits(allowed) else None
                continue
            j = u.start - 1
            if j >= 0 and self._frames[j] and self._frames[j] not in {"title_leader", "title_affiliate",
                                                                      "title_mod", "two_countries", "between"}:
                continue  # "welcomed Putin and met Xi": Putin is welcomed, not the one who met
            if u.fits(allowed):
                return u
        return None

    def leaders_of(self, u: Unit) -> bool:
        """"(The) leaders of A and B": the unit after "of" is the subject's own states."""
        doc = self._doc
        k = u.start - 2  # the noun before "of"
        if u.prep != "of" or k < 0 or doc[k].lower_ not in LEADERS or not u.types <= {"Country"}:
            return False
        return k == 0 or doc[k - 1].lower_ in DETERMINERS | {",", "the", "both", "all"} or doc[k - 1].is_punct

    def plain_gap(self, i: int, j: int) -> bool:
        """Lower-case words only ("'s largest trade partners and"): nothing that starts a new phrase."""
        return all(not t.text[:1].isupper() and t.text not in {",", ";", ".", "(", ")"} for t in self._doc[i:j])

    def owner_before(self, units: list[Unit], t: int, allowed: frozenset[str] = AGENTS, within: int = 4,
                     exclude: list[Unit | None] | None = None) -> Unit | None:
        """A possessive right before a noun trigger: "China's investments", "Kazakhstan's largest partner"."""
        ex = {id(u) for u in exclude or () if u is not None}
        for u in reversed(units):
            if u.end > t or id(u) in ex:
                continue
            if u.case == "Gen" and t - u.end <= within and self.plain_gap(u.end + 1, t) and u.fits(allowed):
                return u
            return None
        return None

    def obj(self, units: list[Unit], t: int, preps: set[str], allowed: frozenset[str], within: int = 8,
            exclude: list[Unit | None] | None = None) -> Unit | None:
        """The first unit after `t` with one of `preps` ("" = no preposition: the direct object).

        A direct object must be the first name after the trigger; a prepositional one may
        follow others. Neither crosses the end of a clause.
        """
        ex = {id(u) for u in exclude or () if u is not None}
        doc = self._doc
        first = True
        for u in units:
            if u.start <= t or id(u) in ex:
                continue
            if u.start - t > within:
                return None
            if any(doc[k].text in CLAUSE_END for k in range(t + 1, u.start)):
                return None
            if u.prep in preps and u.fits(allowed):
                if u.prep == "" and not first:
                    return None
                return u
            if u.prep == "" and "" in preps and first and preps == {""}:
                return None
            first = False
        return None

    def is_passive(self, doc: Doc, t: int) -> bool:
        return any(doc[k].lower_ in BE or self.key(doc[k]) == "be" for k in range(max(0, t - 2), t))

    def is_verb_form(self, token: Token) -> bool:
        return token.lower_ not in NOUN_ONLY and not token.lower_.endswith(("tion", "ment", "ship", "ance"))

    # ------------------------------------------------------------------ the frames
    def symmetric_en(self, doc: Doc, units: list[Unit], t: int, rels: tuple[str, ...], conf: float,
                     bare: bool, discourse: Discourse, index: int, out: list) -> None:
        between = self.obj(units, t, {"between", "among"}, PARTIES, within=5)
        if between is not None and len(between.members) >= 2:
            for rel in rels:
                self.pairwise(out, between, rel, conf)
            return
        # "Kazakhstan-China relations", "Kazakhstan and China's trade"
        right = self.owner_before(units, t, PARTIES, within=3) or next(
            (u for u in reversed(units) if u.end <= t and t - u.end <= 1 and len(u.members) == 2 and not u.prep), None)
        preps = {"with"} | ({""} if bare else set())
        partner = self.obj(units, t, preps, PARTIES, within=10)
        if partner is None and right is not None and len(right.members) == 2 and not bare:
            for rel in rels:
                self.pairwise(out, right, rel, conf * 0.9)
            return
        if partner is None and doc[t].lower_ in {"partner", "partners"}:
            partner = right or self.obj(units, t, {"of"}, PARTIES, within=3)
            right = None
        if partner is not None:
            agent = right if right is not None and right is not partner else None
            agent = agent or self.subject(units, t, PARTIES, exclude=[partner])
            if agent is None:
                agent, conf = self.topic(discourse, index), conf * 0.75
            for rel in rels:
                self.emit(out, agent, rel, partner, conf)
            return
        # "X and Y discussed ... during a meeting in Brussels": the clause's subject, farther back
        adverbial = t >= 2 and doc[t - 2].lower_ in {"during", "at", "after", "following"}
        group = self.subject(units, t, PARTIES, within=25 if adverbial else 6)
        if group is not None and len(group.members) >= 2:
            for rel in rels:
                self.pairwise(out, group, rel, conf * 0.9)

    def frame_meet(self, doc, units, t, discourse, index, out) -> None:
        self.symmetric_en(doc, units, t, ("metWith",), 0.85, self.is_verb_form(doc[t]), discourse, index, out)

    def frame_talks(self, doc, units, t, discourse, index, out) -> None:
        # talks in person are both a meeting and a negotiation (ONTOLOGY.md); "talked with" only a meeting
        rels = ("metWith", "negotiatesWith") if doc[t].lower_ == "talks" else ("metWith",)
        self.symmetric_en(doc, units, t, rels, 0.85, False, discourse, index, out)

    def frame_negotiate(self, doc, units, t, discourse, index, out) -> None:
        # negotiations are held in person unless the sentence says otherwise: a meeting too
        self.symmetric_en(doc, units, t, ("negotiatesWith", "metWith"), 0.85, False, discourse, index, out)

    def frame_cooperate(self, doc, units, t, discourse, index, out) -> None:
        # "trade partners", "trading partner": the partnership is trade
        trade = doc[t].lower_ in {"partner", "partners"} and t > 0 and self._frames[t - 1] == "trade"
        self.symmetric_en(doc, units, t, ("tradesWith",) if trade else ("cooperatesWith",), 0.8, False, discourse,
                          index, out)

    def frame_compete(self, doc, units, t, discourse, index, out) -> None:
        self.symmetric_en(doc, units, t, ("competesWith",), 0.8, doc[t].lower_.startswith("contain"), discourse,
                          index, out)

    def frame_trade(self, doc, units, t, discourse, index, out) -> None:
        nxt = doc[t + 1].lower_ if t + 1 < len(doc) else ""
        if nxt in {"partner", "partners"}:
            return  # the partner noun reads the roles: "trade partners"
        self.symmetric_en(doc, units, t, ("tradesWith",), 0.8, False, discourse, index, out)

    def frame_invest(self, doc, units, t, discourse, index, out) -> None:
        targets = frozenset({"Country", "Project", "Organization", "Region", "Place"})
        target = self.obj(units, t, {"in", "into"}, targets, within=10)
        owner = self.owner_before(units, t, frozenset({"Country", "Organization", "Person"}), within=6)
        if target is None and doc[t].lower_ in {"investor", "investors"} and owner is not None:
            target, owner = owner, None  # "Kazakhstan's largest investors"
        if target is None:
            return
        agent = owner or self.obj(units, t, {"from", "by"}, frozenset({"Country", "Organization"}), within=4)
        agent = agent or self.subject(units, t, frozenset({"Country", "Organization"}), exclude=[target])
        self.emit(out, agent, "investsIn", target, 0.8)

    def frame_pressure(self, doc, units, t, discourse, index, out) -> None:
        if any(doc[k].lower_ in UNDOING for k in range(max(0, t - 4), t)):
            return
        verb = doc[t].lower_ in {"sanctioned", "sanctions", "pressured", "pressures", "pressuring", "sanctioning"} \
            and t > 0 and doc[t - 1].lower_ not in DETERMINERS
        preps = {"on", "upon", "against"} | ({""} if verb and doc[t].lower_.endswith("ed") else set())
        target = self.obj(units, t, preps, PARTIES, within=6)
        if target is None:
            target = self.demonym_after(doc, t)
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
                    country = DEMONYMS.get(doc[m].lower_)
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

    def frame_member(self, doc, units, t, discourse, index, out) -> None:
        if doc[t].lower_ in {"members"} and t + 1 < len(doc) and doc[t + 1].lower_ != "of":
            return
        org = self.obj(units, t, {"of", "in", "to"}, GATHERINGS, within=4)
        if org is None:
            return
        member = self.owner_before(units, t, frozenset({"Country", "Organization", "Person"}), within=3)
        if member is None:
            member = self.subject(units, t, frozenset({"Country", "Organization", "Person"}), within=8, exclude=[org])
            # only a copula or an apposition links a subject to "member": "X is a member", "X, a member"
            if member is not None:
                gap = {tok.lower_ for tok in doc[member.end:t]}
                if not gap & {"is", "are", "was", "were", "become", "became", "becomes", "remains", "remain", ",",
                              "as", "been"}:
                    return
        self.emit(out, member, "memberOf", org, 0.85)

    def frame_join(self, doc, units, t, discourse, index, out) -> None:
        org = self.obj(units, t, {""}, GATHERINGS, within=4)
        if org is None:
            return
        member = self.subject(units, t, frozenset({"Country", "Organization", "Person"}), exclude=[org])
        self.emit(out, member, "memberOf", org, 0.8)

    def frame_participate(self, doc, units, t, discourse, index, out) -> None:
        preps = {""} if self.key(doc[t]) == "attend" else {"in", "at"}
        target = self.obj(units, t, preps, GATHERINGS, within=8)
        if target is None:
            return
        agent = self.owner_before(units, t, AGENTS, within=3) or self.subject(units, t, AGENTS, exclude=[target])
        self.emit(out, agent, "participatesIn", target, 0.85)

    def frame_visit(self, doc, units, t, discourse, index, out) -> None:
        verb = doc[t].lower_ in {"visit", "visits", "visited", "visiting", "travel", "travels", "travelled",
                                 "traveled", "tour", "toured", "touring"} and not (
            t > 0 and doc[t - 1].lower_ in DETERMINERS | {"state", "official", "working", "his", "her", "its"})
        preps = {"to", "in"} | ({""} if verb else set())
        dest = self.obj(units, t, preps, PLACES, within=6 if not verb else 4)
        if dest is None:
            return
        agent = self.owner_before(units, t, frozenset({"Person", "Country", "Organization"}), within=4)
        agent = agent or self.obj(units, t, {"by"}, frozenset({"Person", "Country"}), within=12, exclude=[dest])
        agent = agent or self.subject(units, t, frozenset({"Person", "Country", "Organization"}), exclude=[dest])
        self.emit(out, agent, "visited", dest, 0.85)

    def wished(self, doc: Doc, t: int) -> bool:
        """"invited Y to visit", "hopes to visit": an infinitive governed by a verb of wishing or asking."""
        if t == 0 or doc[t - 1].lower_ != "to":
            return False
        for k in range(t - 2, max(-1, t - 9), -1):
            if doc[k].lower_ in CLAUSE_END:
                return False
            if self.key(doc[k]) in WISHES:
                return True
        return False

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
        guest = self.obj(units, t, {""}, frozenset({"Person", "Country", "Organization"}), within=4)
        if guest is None:
            return
        dest = self.obj(units, t, {"to"}, PLACES, within=8, exclude=[guest])
        self.emit(out, guest, "visited", dest, 0.75)

    def frame_invite(self, doc, units, t, discourse, index, out) -> None:
        goal = self.obj(units, t, {"to"}, GATHERINGS, within=12)
        if self.is_passive(doc, t):
            patient = self.subject(units, t, AGENTS, within=10, exclude=[goal])
            agent = self.obj(units, t, {"by"}, AGENTS, within=12, exclude=[goal])
        else:
            agent = self.subject(units, t, AGENTS, exclude=[goal])
            patient = self.obj(units, t, {""}, AGENTS, within=4, exclude=[goal])
        if patient is not None:
            self.emit(out, agent, "invited", patient, 0.9)
            self.emit(out, patient, "invitedTo", goal, 0.85)
        if goal is not None and goal.members:
            discourse.last_goal = (index, goal.members[0])

    def frame_invitation(self, doc, units, t, discourse, index, out) -> None:
        """"at the invitation of X" (X invited the subject), "X's invitation": the guest is the subject."""
        agent = self.obj(units, t, {"of", "from"}, AGENTS, within=3) or self.owner_before(units, t, AGENTS, within=3)
        if agent is None:
            return
        guest = self.subject(units, t, frozenset({"Person", "Country", "Organization"}), exclude=[agent])
        if guest is None:  # "At the invitation of X, Y arrived ..."
            guest = next((u for u in units if u.start > agent.end and not u.prep and u.fits(AGENTS)), None)
        self.emit(out, agent, "invited", guest, 0.8)

    def frame_host(self, doc, units, t, discourse, index, out) -> None:
        if self.is_passive(doc, t) or (doc[t].lower_ == "hosted" and t + 1 < len(doc) and doc[t + 1].lower_ == "by"):
            event = self.subject(units, t, GATHERINGS, within=10)
            place = self.obj(units, t, {"by"}, PLACES | {"Organization"}, within=4)
            self.emit(out, place, "hosts", event, 0.8)
            return
        guest = self.obj(units, t, {""}, AGENTS | GATHERINGS, within=4)
        host = self.subject(units, t, PLACES | AGENTS, exclude=[guest])
        if guest is None or host is None:
            return
        if guest.fits(GATHERINGS) and (guest.event or guest.types <= {"Event"}):
            self.emit(out, host, "hosts", guest, 0.8)
        elif host.types <= {"Person"} and guest.types <= {"Person"}:
            self.emit(out, host, "metWith", guest, 0.7)  # "Tokayev hosted Xi": a meeting

    def frame_held(self, doc, units, t, discourse, index, out) -> None:
        take_place = self.key(doc[t]) == "place"
        if not (take_place or self.is_passive(doc, t) or doc[t].lower_ == "held"):
            return
        if doc[t].lower_ == "held" and not self.is_passive(doc, t):
            # "the summit held in Astana" (a participle right after its event), not "X held talks"
            prev = next((u for u in reversed(units) if u.end <= t), None)
            if prev is None or t - prev.end > 1:
                return
        place = self.obj(units, t, {"in", "at"}, PLACES, within=6)
        event = self.subject(units, t, GATHERINGS, within=10)
        rel = next((k for k in range(t - 1, max(-1, t - 5), -1) if doc[k].lower_ in {"which", "that"}), None)
        if rel is not None and rel > 0 and doc[rel - 1].text == ",":
            # "... to the Astana International Forum, which will be held in Astana": the event is the antecedent
            event = next((u for u in reversed(units) if u.end == rel - 1 and u.fits(GATHERINGS)), event)
        if event is not None and not (event.event or event.types <= {"Event"}):
            event = None
        self.emit(out, place, "hosts", event, 0.8)

