"""Extraction stage, English titles: an office next to a name -> `leaderOf`/`affiliatedWith`, the holder as one unit.

A title is a run of title words ("Deputy Prime Minister", "Vice-President", "Chairman and
CEO") with its portfolio ("of Foreign Affairs", "for Energy Affairs"). Its owner stands
before it ("Syldavia's", "Kazakh", "U.S. Commerce Secretary"), or after it with "of"/"for"
("President of Borduria", "CEO of A and B"), or after its holder ("Emperor X of Y"). Its
holder follows it ("President X", "the ambassador to Y, X,"), precedes it in apposition
("X, the CEO of Y"), or follows a chain of titles ("High Representative of A, Vice-President
of B X"). A plural title pairs its owners and holders in order ("Presidents of A and B X and
Y"). A title with no owner named takes the holder's dated office from the lexicon ("President
X", "Foreign Minister X"). Without a holder, a leader's title with a state is the state (an
unnamed office-holder, ONTOLOGY.md), and a bare "the Emperor" is the last holder of that title
named in the article. A title reaches only its own holder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.extract.core import Discourse, Member, Unit
from kg.extract.en.memory import EnglishMemory
from kg.extract.en.words import ACCREDITED, DASHES, INCLUDING, POSSESSIVE, STATE_OFFICES, possessive_at

TITLE_FRAMES = frozenset({"title_leader", "title_affiliate", "title_mod"})
HEAD_FRAMES = frozenset({"title_leader", "title_affiliate"})
OWNER_TYPES = frozenset({"Country", "Organization", "Place"})
ROLE_CONF = 0.9  # the office stated next to the name
LEXICON_ROLE_CONF = 0.8  # the office the lexicon holds for a title without its owner
GROUP_ROLE_CONF = 0.75  # the state of a group whose members are listed after it


@dataclass
class Title:
    start: int  # first title word
    end: int  # one past the last title word (or its portfolio)
    rel: str  # leaderOf, affiliatedWith or "" (a former office)
    plural: bool
    head: str  # the last head word, lower-cased ("president", "minister")
    words: set[str] = field(default_factory=set)


class EnglishTitles(EnglishMemory):
    """Title constructions of English sentences (a mixin of the English units)."""

    _title_frames: tuple[str, ...] = ()
    _article_text = ""

    # ------------------------------------------------------------------ spans
    def title_spans(self, doc: Doc, frames: list[str]) -> list[Title]:
        """Each run of title words with its relation: modifiers and head nouns, "and"/"-" between heads."""
        spans = []
        n = len(doc)
        i = 0
        while i < n:
            if frames[i] not in TITLE_FRAMES:
                i += 1
                continue
            j = i
            while j < n and (frames[j] in TITLE_FRAMES or (
                    doc[j].lower_ == "and" and j > i and j + 1 < n and frames[j + 1] in TITLE_FRAMES
                    and frames[j - 1] in TITLE_FRAMES and doc[j + 1].text[:1].isupper()
                    and doc[j - 1].text[:1].isupper()) or (
                    doc[j].text in DASHES and j > i and j + 1 < n and frames[j + 1] in TITLE_FRAMES
                    and doc[j - 1].whitespace_ == "")):  # "Chairman and CEO", "Vice-President"
                j += 1
            heads = [k for k in range(i, j) if frames[k] in HEAD_FRAMES]
            if not heads:
                i = j
                continue
            words = {doc[k].lower_ for k in range(i, j)}
            head = doc[heads[-1]]
            plural = head.lower_.endswith("s") and head.lower_ != "ceo" and head.lemma_ != head.lower_
            if doc[i].lower_ == "former" or (i > 0 and doc[i - 1].lower_ in {"former", "ex", "late"}):
                rel = ""
            elif words & {"vice", "deputy", "assistant"}:
                rel = "affiliatedWith"  # "Vice President", "Deputy Prime Minister" serve
            elif "prime" in words or ("general" in words and "secretary" in words) or \
                    any(frames[k] == "title_leader" for k in heads):
                rel = "leaderOf"  # "Secretary General" and "Prime Minister" lead
            else:
                rel = "affiliatedWith"
            spans.append(Title(i, j, rel, plural, head.lemma_.lower() if plural else head.lower_, words))
            i = j
        return spans

    def portfolio(self, doc: Doc, b: int, by_start: dict[int, Unit]) -> int:
        """"Secretary of State for Foreign, Commonwealth and Development Affairs": the portfolio is the title's."""
        n = len(doc)
        while b + 1 < n and doc[b].lower_ in {"of", "for"} and (b + 1) not in by_start and (
                self.portfolio_word(doc, b + 1) or (doc[b + 1].lower_ == "the" and b + 2 < n
                                                    and (b + 2) not in by_start and self.portfolio_word(doc, b + 2))):
            k = b + 1 if doc[b + 1].lower_ != "the" else b + 2  # "Chairman of the Board of X"
            while k < n and k not in by_start:
                if self.portfolio_word(doc, k):
                    k += 1
                elif doc[k].text in {",", "and", "&"} and k + 1 < n and (k + 1) not in by_start \
                        and self.portfolio_word(doc, k + 1) and self._title_frames[k + 1] not in TITLE_FRAMES:
                    k += 1
                else:
                    break
            b = k
        return b

    def portfolio_word(self, doc: Doc, k: int) -> bool:
        """A capitalised word of a portfolio ("Foreign", "Energy"): not a name, a nationality or a title's head."""
        t = doc[k]
        return t.text[:1].isupper() and t.is_alpha and not self.lexicon.demonym(t.lower_, self.lang) \
            and self._title_frames[k] not in HEAD_FRAMES

    # ------------------------------------------------------------------ owners and holders
    def title_owner_before(self, doc: Doc, a: int, by_end: dict[int, Unit], drop: set[int]) -> Unit | None:
        """"Syldavia's President", "Kazakh President", "U.S. Commerce Secretary", "the Ministry (MFA) spokesperson"."""
        j = a
        while j > 0 and a - j < 5 and j not in by_end:
            t = doc[j - 1]
            if t.text == ")" and j >= 3 and doc[j - 3].text == "(":
                j -= 3  # an acronym in brackets: "the Ministry of External Affairs (MEA) spokesperson"
            elif doc[j - 1].lower_ in {"press", "media", "chief"} and j - 1 > 0:
                j -= 1  # "Akorda press secretary X"
            elif self.portfolio_word(doc, j - 1) and j - 1 > 0 and not self.at_sentence_start(doc, j - 1):
                j -= 1  # portfolio words before the title: "Commerce", "Trade and Integration"
            elif t.lower_ in {"and", "&"} and j >= 2 and self.portfolio_word(doc, j - 2) and (j - 1) not in by_end:
                j -= 1
            else:
                break
        if j > 0 and doc[j - 1].text in POSSESSIVE:
            left = by_end.get(j - 1)
        else:
            left = by_end.get(j)
        if left is not None and id(left) not in drop and left.types <= OWNER_TYPES:
            return left
        if j > 0 and left is None:
            country = self.lexicon.demonym(doc[j - 1].lower_, self.lang)
            if country and country in self.lexicon.actors and doc[j - 1].text[:1].isupper():
                start = j - 2 if j - 2 >= 0 and doc[j - 2].lower_ == "the" else j - 1
                return Unit([Member(country, self.type_of(country))], start, j, "Nom", indirect=True)
        return None

    @staticmethod
    def at_sentence_start(doc: Doc, k: int) -> bool:
        return k == 0 or (doc[k - 1].is_punct and doc[k - 1].text not in {",", "(", ")"})

    def owners_after(self, doc: Doc, b: int, by_start: dict[int, Unit], title: Title,
                     types: frozenset[str] = OWNER_TYPES | {"Event"}) -> list[Unit]:
        """"of Borduria", "of Cove Capital and Cove Kaz Capital" (companies and plural offices take a list)."""
        if b + 1 >= len(doc) or doc[b].lower_ not in {"of", "for"}:
            return []
        if doc[b].lower_ == "for" and title.words & ACCREDITED:
            return []  # "Special Envoy for X" serves someone else in X
        first = by_start.get(b + 1)
        if first is None or not first.types <= types or len(first.members) != 1:
            return []
        owners = [first]
        while True:
            last = owners[-1]
            k = last.end
            if k + 1 < len(doc) and doc[k].lower_ in {"and", ","}:
                nxt = by_start.get(k + 1)
                if nxt is None and doc[k].text == "," and k + 2 < len(doc) and doc[k + 1].lower_ == "and":
                    nxt = by_start.get(k + 2)
                if nxt is not None and nxt.types <= types and nxt.types == first.types and \
                        (title.plural or first.types <= {"Organization"}):
                    owners.append(nxt)
                    continue
            return owners

    @staticmethod
    def holders_after(doc: Doc, k: int, by_start: dict[int, Unit], plural: bool) -> list[Unit]:
        """The person(s) right after a title: "President X", "Presidents X and Y"."""
        first = by_start.get(k)
        if first is None or first.types != {"Person"} or len(first.members) != 1:
            return []
        people = [first]
        while plural:
            e = people[-1].end
            nxt = None
            if e + 1 < len(doc) and doc[e].lower_ in {"and", ","}:
                nxt = by_start.get(e + 1)
                if nxt is None and doc[e].text == "," and e + 2 < len(doc) and doc[e + 1].lower_ == "and":
                    nxt = by_start.get(e + 2)
            if nxt is None or nxt.types != {"Person"} or len(nxt.members) != 1:
                break
            people.append(nxt)
        return people

    # ------------------------------------------------------------------ the pass
    def titles(self, doc: Doc, units: list[Unit], frames: list[str], out: list,
               discourse: Discourse | None = None) -> list[Unit]:
        """Apply title constructions; returns the units with office-holders folded in."""
        by_start = {u.start: u for u in units}
        by_end = {u.end: u for u in units}
        drop: set[int] = set()
        self._title_frames = tuple(frames)
        self._untitled: list[tuple[Unit, Title]] = []  # holders whose title named no owner
        memory = self.title_memory(discourse)
        pending: list[tuple[Title, list[Unit]]] = []  # "High Representative of A, Vice-President of B X"
        spans = self.title_spans(doc, frames)
        inside = {k for u in units for k in range(u.start, u.end)}
        for n_span, title in enumerate(spans):
            a, rel = title.start, title.rel
            if a in inside:
                continue  # "the Kazakh and Chinese leaders": already a unit of its own
            a0 = a - 1 if a > 0 and doc[a - 1].lower_ == "the" else a
            b = self.portfolio(doc, title.end, by_start)
            while b > title.end and b + 1 < len(doc) and doc[b].lower_ in {"and", ","} \
                    and (b + 1) in by_start and by_start[b + 1].types <= {"Region"}:
                drop.add(id(by_start[b + 1]))  # "envoy for South and Central Asia": the region is the portfolio's
                b = by_start[b + 1].end
            owner = self.title_owner_before(doc, a, by_end, drop)
            owners = [owner] if owner is not None else []
            start = min(a0, owner.start) if owner is not None else a0
            after = b
            if not owners:
                owners = self.owners_after(doc, b, by_start, title)
                if owners:
                    after = owners[-1].end
                    b2 = self.portfolio(doc, after, by_start)  # "Minister of Foreign Affairs of X" is read above
                    after = max(after, b2)
            accredited = None
            if after < len(doc) and doc[after].lower_ in {"to", "in", "for"} and (owners or title.words & ACCREDITED):
                # "Ambassador to Borduria X": where the office is held, then the name
                cand = by_start.get(after + 1)
                if cand is not None and cand.types <= OWNER_TYPES | {"Region"}:
                    accredited, after = cand, cand.end
            people = self.holders_after(doc, after, by_start, title.plural)
            next_title_close = n_span + 1 < len(spans) and spans[n_span + 1].start - after <= 2
            if not people and after + 1 < len(doc) and doc[after].text == "," and (owners or a0 < a) \
                    and not next_title_close:
                # "The Iranian ambassador to Tajikistan, X, said": the holder after a comma
                cand = self.holders_after(doc, after + 1, by_start, False)
                if cand and (cand[0].end >= len(doc) or doc[cand[0].end].text in {",", ".", ";", ")"}):
                    people = cand
            if people and accredited is not None:
                drop.add(id(accredited))
            if people and not owners and not title.plural:
                # "Emperor X of Y", "President X of Y"
                p = people[0]
                if p.end + 1 < len(doc) and doc[p.end].lower_ == "of":
                    cand = by_start.get(p.end + 1)
                    if cand is not None and cand.types <= {"Country", "Organization"} and len(cand.members) == 1:
                        owners = [cand]
                        p.end = cand.end
            appositive = None
            if not people and start > 0 and doc[start - 1].text == ",":
                prev = by_end.get(start - 1)
                if prev is not None and prev.types == {"Person"} and len(prev.members) == 1 and id(prev) not in drop:
                    appositive = prev  # "X, the CEO of Y", "X, the United Kingdom's Foreign Secretary"
            if not people and appositive is None and owners:
                appositive = self.copula_holder(doc, start, by_end, drop)  # "X is also Deputy Chairman of Y"
            if appositive is not None and (owners or rel):
                self.give_roles(out, [appositive], title, owners, pending)
                pending = []
                for o in owners:
                    drop.add(id(o))
                appositive.end = max(appositive.end, after, title.end)  # its case stays the holder's
                frames[a:title.end] = [""] * (title.end - a)
                continue
            if people:
                self.give_roles(out, people, title, owners, pending)
                pending = []
                for o in owners:
                    drop.add(id(o))
                people[0].start = min(people[0].start, start)
                if memory is not None and not title.plural and rel:
                    held = memory.setdefault(title.head, [])
                    person = people[0].members[0]
                    if all(m.actor != person.actor for m in held):
                        held.append(person)
                frames[a:title.end] = [""] * (title.end - a)
                continue
            if after + 1 < len(doc) and doc[after].text == "," and next_title_close and rel:
                pending.append((title, owners))  # the holder comes after the next title
                for o in owners:
                    drop.add(id(o))
                frames[a:title.end] = [""] * (title.end - a)
                continue
            pending = []
            if title.head == "counterpart" and len(owners) == 1 and owners[0].types == {"Country"}:
                # "his Syldavia counterpart": the head of that state, when the one it is said of heads theirs
                holder = self.counterpart(units, a, owners[0].members[0].actor, discourse, None)
                o = owners[0]
                if holder is not None:
                    units.append(Unit([Member(holder, "Person")], min(o.start, a0), title.end, "Nom", indirect=True))
                drop.add(id(o))
                frames[a:title.end] = [""] * (title.end - a)
                continue
            definite = a0 < a or (bool(owners) and (doc[owners[0].start].lower_ == "the" or owners[0].case == "Gen"
                                                    or (a > 0 and doc[a - 1].text in POSSESSIVE)))
            named = self.named_before(title, owners, definite, memory, discourse)
            if named is not None:
                # "the Turkish minister", "the Kazakh president": the holder of that title the article named
                o = owners[0]
                units.append(Unit([Member(named.actor, named.type)], min(o.start, a0), max(o.end, title.end),
                                  "Gen" if possessive_at(doc, title.end) else "Nom", indirect=True))
                drop.add(id(o))
                frames[a:title.end] = [""] * (title.end - a)
                continue
            if owners and rel == "leaderOf" and not title.plural and len(owners) == 1 \
                    and owners[0].types == {"Country"}:
                # an unnamed office-holder is the country: "the Uzbek President", "the President of Uzbekistan";
                # when the article names the holder elsewhere ("Uzbekistan's President Shavkat Mirziyoyev"), the
                # title is that person named again
                o = owners[0]
                o.start = min(o.start, a0)
                o.end = max(o.end, title.end if o.end <= a else o.end)
                holder = self.named_in_article(o.members[0].actor)
                if holder is not None:
                    drop.add(id(o))
                    units.append(Unit([Member(holder, "Person")], o.start, o.end, o.case, indirect=True))
                elif o.indirect:
                    units.append(o)
                frames[a:title.end] = [""] * (title.end - a)
                continue
            if not owners and rel and not title.plural and a0 < a and title.end - a == 1 and \
                    not (title.end < len(doc) and doc[title.end].lower_ == "of"):
                # a bare "the Emperor": the holder of that title named last; "the President" in Kazakhstani news
                person = self.bare_title_holder(title.head, memory)
                if person is not None:
                    units.append(Unit([Member(person.actor, person.type)], a0, title.end,
                                      "Gen" if possessive_at(doc, title.end) else "Nom", indirect=True))
                frames[a:title.end] = [""] * (title.end - a)
        out_units = [u for u in units if id(u) not in drop]
        out_units.sort(key=lambda u: (u.start, u.end))
        return out_units

    def copula_holder(self, doc: Doc, start: int, by_end: dict[int, Unit], drop: set[int]) -> Unit | None:
        """"X is (also) Deputy Chairman of Y", "X has been the CEO of Y since 2020": the person before the copula."""
        k = start - 1
        while k >= 0 and doc[k].lower_ in {"also", "currently", "now", "still", "already"}:
            k -= 1
        if k >= 1 and doc[k].lower_ == "been" and doc[k - 1].lower_ in {"has", "have", "had"}:
            k -= 1
        elif k >= 1 and doc[k].lower_ == "as" and doc[k - 1].lower_ in {"serves", "served", "appointed", "named"}:
            k -= 1  # "X serves as Minister of Y", "X was appointed as ..."
        if k < 0 or doc[k].lower_ not in {"is", "was", "has", "remains", "became", "becomes", "serves", "served",
                                          "appointed", "named"}:
            return None
        prev = by_end.get(k)
        ok = prev is not None and prev.types == {"Person"} and len(prev.members) == 1 and id(prev) not in drop
        return prev if ok else None

    def group_members(self, doc: Doc, units: list[Unit], out: list) -> None:
        """"several Iranian officials, including Foreign Minister X, Oil Minister Y": the group's state is theirs."""
        for group in units:
            if not (group.indirect and group.types == {"Country"} and len(group.members) == 1):
                continue
            k = group.end + (1 if group.end < len(doc) and doc[group.end].text == "," else 0)
            if k >= len(doc) or doc[k].lower_ not in INCLUDING:
                continue
            stop = next((j for j in range(k, len(doc)) if doc[j].text in {".", ";", ":"}), len(doc))
            for person, title in self._untitled:
                if k < person.start < stop and title.rel == "affiliatedWith":
                    self.emit_role(out, person, "affiliatedWith", group, GROUP_ROLE_CONF)

    def named_in_article(self, state: str) -> str | None:
        """The head of `state` on the article's date, if the article names them somewhere (full name or surname)."""
        holder = self.lexicon.holder("leaderOf", state, self._date)
        text = self._article_text
        if holder is None or not text:
            return None
        for name in self.names_of(holder):
            if len(name) > 3 and re.search(rf"\b{re.escape(name)}\b", text):
                return holder
        return None

    def named_before(self, title: Title, owners: list[Unit], definite: bool, memory: dict[str, list[Member]] | None,
                     discourse: Discourse | None) -> Member | None:
        """The person this article last named with the same title of the same state, for "the <Demonym> <title>"."""
        if not memory or not definite or title.plural or not title.rel or len(owners) != 1 \
                or len(owners[0].members) != 1:
            return None
        state = owners[0].members[0].actor
        held = [m for m in memory.get(title.head, []) if self.state_of_person(m.actor, discourse) == state]
        return held[-1] if held else None

    def bare_title_holder(self, head: str, memory: dict[str, list[Member]] | None) -> Member | None:
        """"the Emperor": the one person the article named with that title; "the President" in Kazakhstani
        news is Kazakhstan's president on the article's date when the article named several presidents or none."""
        held = (memory or {}).get(head, [])
        if len(held) == 1:
            return held[0]
        if head != "president":
            return None
        holder = self.lexicon.holder("leaderOf", "country_kz", self._date)
        if holder and (not held or any(m.actor == holder for m in held)):
            return Member(holder, "Person")
        return None

    def title_memory(self, discourse: Discourse | None) -> dict[str, list[Member]] | None:
        """Title head -> the last person named with it in the article (kept on the article's discourse)."""
        return None if discourse is None else self.memo(discourse, "titles")

    # ------------------------------------------------------------------ roles
    def give_roles(self, out: list, people: list[Unit], title: Title, owners: list[Unit],
                   pending: list[tuple[Title, list[Unit]]]) -> None:
        """The roles a title states: to its owners (pairing people and owners in order), or from the lexicon."""
        for earlier, earlier_owners in pending:
            for p in people:
                for o in earlier_owners:
                    self.emit_role(out, p, earlier.rel, o)
        if not title.rel:
            return
        if owners:
            if title.plural and len(people) == len(owners) and len(people) > 1:
                pairs = list(zip(people, owners, strict=True))
            else:
                pairs = [(p, o) for p in people for o in owners] if not title.plural or len(people) == 1 else \
                    [(p, o) for p in people for o in owners if self.holds(p, o)]
            for p, o in pairs:
                self.emit_role(out, p, title.rel, o)
                if title.words & STATE_OFFICES and len(o.members) == 1 and o.types == {"Organization"}:
                    # "the Kazakh Foreign Ministry spokesperson X": a state body's officer serves the state
                    state = self.state_of(o.members[0].actor)
                    if state:
                        out.append((p.members[0].actor, "affiliatedWith", state, LEXICON_ROLE_CONF))
            return
        for p in people:
            if not pending:
                self.lexicon_roles(out, p, title)
                self._untitled.append((p, title))

    def holds(self, person: Unit, owner: Unit) -> bool:
        targets = {r.target for r in self.lexicon.roles_of(person.members[0].actor, self._date)}
        return any(m.actor in targets for m in owner.members)

    def emit_role(self, out: list, person: Unit, rel: str, owner: Unit, conf: float = ROLE_CONF) -> None:
        if not rel:
            return
        for o in owner.members:
            out.append((person.members[0].actor, rel, o.actor, conf))

    def lexicon_roles(self, out: list, person: Unit, title: Title) -> None:
        """"President X", "Foreign Minister X": the holder's office on the article's date, as the lexicon has it.

        A leader's title takes the holder's `leaderOf` roles; another title their `affiliatedWith`
        ones, and a state office ("minister", "ambassador") also the state whose body it is.
        """
        actor = person.members[0].actor
        for role in self.lexicon.roles_of(actor, self._date):
            if role.relation != title.rel:
                continue
            out.append((actor, role.relation, role.target, LEXICON_ROLE_CONF))
            if title.rel == "affiliatedWith" and title.words & STATE_OFFICES:
                state = self.state_of(role.target)
                if state and state != role.target:
                    out.append((actor, "affiliatedWith", state, LEXICON_ROLE_CONF))

    def state_of(self, body: str) -> str | None:
        """The state whose body this is: its seat is that state's capital and its name says the state.

        "Ministry of Foreign Affairs of Kazakhstan" in Astana is Kazakhstan's; a conference
        seated in the same city is not (its name does not say the state).
        """
        if self.type_of(body) == "Country":
            return body
        actor = self.lexicon.actors.get(body)
        seat = self.lexicon.actors.get(actor.located_in) if actor and actor.located_in else None
        state = seat.id if seat is not None and seat.type == "Country" else (seat.capital_of if seat else None)
        if not state or self.type_of(state) != "Country":
            return None
        state_names = [n.lower() for n in self.names_of(state)]
        for name in self.names_of(body):
            low = name.lower()
            if any(n in low for n in state_names) or any(
                    self.lexicon.demonym(w, self.lang) == state for w in low.replace("-", " ").split()):
                return state
        return None

    def names_of(self, actor_id: str) -> list[str]:
        actor = self.lexicon.actors.get(actor_id)
        if actor is None:
            return []
        label = actor.labels.get(self.lang)
        return ([label] if label else []) + list(actor.aliases.get(self.lang, ()))
