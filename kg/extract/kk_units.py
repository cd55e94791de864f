"""Extraction stage, Kazakh: the argument units of a sentence (names, indirect mentions, titles, coordination).

Kazakh marks roles by case on the last word of a name (`kk_morphology`). Titles follow their
owner and precede the holder ("АҚШ президенті Дональд Трамп"); a name carries the noun after
it ("G20 саммитіне" is G20 in the dative); only the last of coordinated names inflects
("Қытай, АҚШ және Ресейге"); relative forms (-дағы) place a gathering or a body
("Самарқандағы саммит"). `KazakhUnits` builds the units the frames of `kg.extract.kk` search.
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc, Token

from kg.extract.core import GATHERINGS, PLACES, Discourse, Extractor, Member, Unit
from kg.model import Article, Mention
from kg.wordlists import pattern, words

CONJ = words("kk", "conjunctions")
SIDES = pattern("kk", "sides")
GROUP_NOUNS = pattern("kk", "group_nouns")
PARTICLES = frozenset({"да", "де", "та", "те"})
# what "екі" counts when it means the last pair of states named: "екі ел", "екі мемлекет"
PAIR_NOUN = re.compile(r"ел|елдің|елге|елді|елмен|елдер\w*|мемлекет\w*")


class KazakhUnits(Extractor):
    """The unit-building half of the Kazakh extractor (its frames are in `kg.extract.kk`)."""

    @staticmethod
    def is_rel(token: Token) -> bool:
        return "Rel" in token.morph.get("Derivation")

    # ------------------------------------------------------------------ units
    def make_units(self, doc: Doc, mentions: list[Mention], frames: list[str], article: Article,
                   discourse: Discourse, index: int, out: list) -> list[Unit]:
        # 1. single-name units, with indirect mentions added
        singles: list[Unit] = []
        for m in mentions:
            member = Member(m.actor_id, self.type_of(m.actor_id), bool(self.lexicon.capital_of(m.actor_id)))
            singles.append(Unit([member], m.tok_start, m.tok_end, m.case or ""))
        taken = set()
        for u in singles:
            taken.update(range(u.start, u.end))
        starts = {m.tok_start: (m.actor_id, m.case) for m in mentions}
        singles.extend(self.indirect_units(doc, frames, taken, article, discourse, index, starts))
        singles.sort(key=lambda u: u.start)
        # 2. heads a name carries: "G20 саммитіне", "Нью-Йорк қаласына"
        for u in singles:
            self.absorb(doc, u, frames)
        # 3. "Самарқандағы саммит", "Баку қаласындағы орталық" (before titles fold the owner away)
        self.relative_places(doc, singles, out)
        # 4. titles: "АҚШ президенті Дональд Трамп"
        singles = self.titles(doc, singles, frames, out)
        # 5. coordination
        return self.coordinate(doc, singles)

    def indirect_units(self, doc: Doc, frames: list[str], taken: set[int], article: Article,
                       discourse: Discourse, index: int, starts: dict[int, tuple[str, str]]) -> list[Unit]:
        """"Мемлекет басшысы", a bare "Президент", "еліміз", "тараптар", "екі ел", "ресейлік компаниялар"."""
        out: list[Unit] = []
        types_at = {i: self.type_of(m) for i, (m, _) in starts.items()}
        cases_at = {i: c for i, (_, c) in starts.items()}
        president = self.lexicon.holder("leaderOf", "country_kz", article.date)
        kz = "country_kz" if "country_kz" in self.lexicon.actors else None
        n = len(doc)
        for i, tok in enumerate(doc):
            if i in taken:
                continue
            f = frames[i]
            low = tok.text.lower()
            nxt = doc[i + 1] if i + 1 < n else None
            if f == "head_of_state" and nxt is not None and president:
                # "Мемлекет басшысы"
                if re.fullmatch(r"басшы(сы|сының|сына|сын|сымен|сынан)", nxt.text.lower()):
                    out.append(Unit([Member(president, "Person")], i, i + 2, self.case_of(nxt), indirect=True))
                    frames[i] = frames[i + 1] = ""
                continue
            if f == "president":
                # a bare "Президент" is the head of state on the article's date; followed by a
                # name in its case it is that person's title
                if not president or (i - 1) in taken or low.endswith(("тер", "тері", "ы")):
                    continue
                # "Президент Қасым-Жомарт Тоқаев" is a title; "Президент Дональд Трамппен" is two people
                if types_at.get(i + 1) == "Person" and cases_at.get(i + 1, "Nom") == (self.case_of(tok) or "Nom"):
                    continue
                out.append(Unit([Member(president, "Person")], i, i + 1, self.case_of(tok), indirect=True))
                frames[i] = ""
                continue
            if f == "our_country" and kz:
                out.append(Unit([Member(kz, "Country")], i, i + 1, self.case_of(tok), indirect=True))
                frames[i] = ""
                continue
            if discourse.last_pair and index - discourse.last_pair[0] <= 2 and SIDES.fullmatch(low) \
                    and not (i > 0 and frames[i - 1] == "two_countries"):
                # "Тараптар ... талқылады": the two named last
                out.append(Unit([Member(m.actor, m.type) for m in discourse.last_pair[1]], i, i + 1,
                                self.case_of(tok) or "Nom", indirect=True))
                continue
            country = self.lexicon.demonym(tok.text, self.lang) if nxt is not None and (i + 1) not in taken else None
            if country and country in self.lexicon.actors and GROUP_NOUNS.fullmatch(nxt.text.lower()):
                # "ресейлік инвесторлар": an unnamed group acting for its state
                out.append(Unit([Member(country, "Country")], i, i + 2, self.case_of(nxt), indirect=True))
                taken.update((i, i + 1))
                continue
            if f == "two_countries" and nxt is not None and discourse.last_pair:
                if PAIR_NOUN.fullmatch(nxt.text.lower()):
                    seen_at, members = discourse.last_pair
                    if index - seen_at <= 4:
                        out.append(Unit([Member(m.actor, m.type) for m in members], i, i + 2,
                                        self.case_of(nxt), indirect=True))
                        frames[i] = frames[i + 1] = ""
                continue
            if f == "head_event" and discourse.last_event and self.bare_event(doc, i, taken):
                seen_at, member = discourse.last_event
                if index - seen_at <= 3:
                    out.append(Unit([Member(member.actor, member.type)], i, i + 1, self.case_of(tok), indirect=True))
                    frames[i] = ""
        return out

    @staticmethod
    def bare_event(doc: Doc, i: int, taken: set[int]) -> bool:
        """A summit noun that carries no name: "Саммитке ... қатысуы"."""
        if not re.match(r"(саммит|формат)", doc[i].text.lower()):
            return False
        return (i - 1) not in taken and not (i >= 2 and (i - 2) in taken)

    def titles(self, doc: Doc, units: list[Unit], frames: list[str], out: list) -> list[Unit]:
        """"АҚШ президенті Дональд Трамп", "орталығының президенті ... Вали Алибайов": owner, title, holder."""
        by_end = {u.end: u for u in units}
        drop: set[int] = set()
        for i, f in enumerate(frames):
            if f not in {"title_leader", "title_affiliate", "capital"}:
                continue
            rel = {"title_leader": "leaderOf", "title_affiliate": "affiliatedWith", "capital": "locatedIn"}[f]
            owner = by_end.get(i) or self.owner_across_words(doc, by_end, i)
            person = self.next_unit(doc, units, i + 1, want={"Person"} if f != "capital" else {"Place"})
            if owner is None:
                continue
            if person is not None and len(person.members) == 1:
                for o in owner.members:
                    out.append((person.members[0].actor, rel, o.actor, 0.9 if rel != "locatedIn" else 0.85))
                frames[i] = ""
                drop.add(id(owner))
                if f == "capital":
                    # the holder's case is the title's
                    tcase = self.case_of(doc[i])
                    if tcase and not person.case:
                        person.case = tcase
                    person.start = min(person.start, i)
                else:
                    person.start = owner.start
            elif f == "title_leader" and all(m.type == "Country" for m in owner.members):
                # "Өзбекстан басшысы" with no name: the unnamed office-holder is the country
                owner.end = i + 1
                owner.case = self.case_of(doc[i]) or owner.case
                frames[i] = ""
        return [u for u in units if id(u) not in drop]

    @staticmethod
    def owner_across_words(doc: Doc, by_end: dict[int, Unit], i: int) -> Unit | None:
        """The owner of a title two words away: "Қазақстан Сыртқы істер министрі" (not across a comma)."""
        for k in (i - 1, i - 2):
            if k in by_end and all(t.is_alpha for t in doc[k:i]):
                return by_end[k]
        return None

    @staticmethod
    def next_unit(doc: Doc, units: list[Unit], start: int, want: set[str]) -> Unit | None:
        """The first unit at or after `start` that holds only `want`, across descriptive words.

        "орталығының президенті, саясаттанушы және «...» авторы Вали Алибайов": up to 20
        tokens of lower-case words, commas and quoted text may stand between a title and
        its holder; another name outside quotes, or a sentence-ending mark, stops the search.
        """
        for u in units:
            if u.start < start:
                continue
            gap = doc[start:u.start]
            if len(gap) > 20:
                return None
            quote = 0
            for t in gap:
                if t.text in {"«", "“", '"'}:
                    quote += 1
                elif t.text in {"»", "”"}:
                    quote -= 1
                elif quote <= 0 and t.text[:1].isupper() and not t.is_punct:
                    return None
                elif t.text in {".", "!", "?", ";", "–", "—", ":"} and quote <= 0:
                    return None
            if quote > 0:
                continue  # inside quotes: a title of a work, not the holder
            return u if u.types <= want else None
        return None

    def absorb(self, doc: Doc, u: Unit, frames: list[str]) -> None:
        """The noun a name carries after it: "G20 саммитіне", "Нью-Йорк қаласына", "Трамп әкімшілігі"."""
        n = len(doc)
        j = u.end
        # skip an ordinal or a quoted tail: "БҰҰ Бас Ассамблеясының 80-ші сессиясына"
        while j < n and (re.fullmatch(r"\d+(-\w+)?", doc[j].text) or doc[j].text in {"»", "”", '"'}):
            j += 1
        if u.case == "Gen" and j < n and not frames[j]:
            # "Қазақстанның жасыл энергетика жобаларына": plain words between the owner and its head
            k = j
            while k < n and k - j < 3 and not frames[k] and doc[k].text.isalpha() and doc[k].text.islower():
                k += 1
            if k < n and k > j and frames[k] == "head_of":
                j = k
        if j < n and frames[j] in {"head_event", "head_place", "head_of"}:
            u.event = frames[j] == "head_event"
            u.end = j + 1
            u.case = self.case_of(doc[j]) or u.case
            frames[j] = ""
            # "C5+1 форматындағы алдағы саммиттен": the relative form points on to its noun
            if self.is_rel(doc[j]):
                k = j + 1
                while k < n and k <= j + 3:
                    if frames[k] == "head_event":
                        u.event = True
                        u.end = k + 1
                        u.case = self.case_of(doc[k]) or u.case
                        frames[k] = ""
                        break
                    k += 1
        elif j < n and frames[j] == "administration":
            self.to_leaders_country(u)
            u.end = j + 1
            u.case = self.case_of(doc[j]) or u.case
            frames[j] = ""

    def coordinate(self, doc: Doc, singles: list[Unit]) -> list[Unit]:
        """"Қытай, АҚШ және Ресейге": names joined by commas and conjunctions become one unit."""
        out: list[Unit] = []
        for u in singles:
            if out:
                prev = out[-1]
                gap = [t.text.lower() for t in doc[prev.end:u.start]]
                joinable = (bool(gap) and len(gap) <= 3 and all(g in CONJ for g in gap) and "," in gap) or (
                    bool(gap) and len(gap) <= 2 and all(g in CONJ for g in gap) and any(g != "," for g in gap))
                if joinable and self.compatible(prev, u, gap):
                    prev.members.extend(u.members)
                    prev.end = u.end
                    prev.case = u.case or prev.case  # only the last conjunct inflects
                    prev.indirect = prev.indirect and u.indirect
                    continue
            out.append(u)
        return out

    @staticmethod
    def compatible(a: Unit, b: Unit, gap: list[str]) -> bool:
        if set(gap) & PARTICLES and not set(gap) - PARTICLES - {","}:
            # "Шығысқа да, Батысқа да": each conjunct carries its own case
            return a.case == b.case
        return a.case in {"Nom", ""} or a.case == b.case

    def relative_places(self, doc: Doc, units: list[Unit], out: list) -> None:
        """"Самарқандағы саммит" (hosts) and "Баку қаласындағы орталық" (locatedIn)."""
        for a, b in itertools.pairwise(units):
            last = doc[a.end - 1]
            if not (a.case == "Loc" and self.is_rel(last)) or not a.fits(PLACES):
                continue
            if b.start - a.end > 3 or len(a.members) != 1:
                continue
            if b.fits(frozenset({"Event"})) or (b.event and b.fits(GATHERINGS)):
                self.emit(out, a, "hosts", b, 0.75)
            elif b.fits(frozenset({"Organization", "Place", "Project"})):
                self.emit(out, b, "locatedIn", a, 0.75)
