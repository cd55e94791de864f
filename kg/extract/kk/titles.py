"""Extraction stage, Kazakh: titles, their owners and their holders ("Ресейдің Қазақстандағы елшісі X").

A title stands between its owner and its holder: "АҚШ президенті Дональд Трамп". The phrase
may hold the words of an office ("сыртқы істер және қауіпсіздік саясаты жөніндегі жоғары
өкілі"), a relative place (the post's host: "Қазақстандағы елшісі"), titles listed with a comma
or joined by a dash, and a genitive that makes the holder a deputy or an official of the owner,
not its leader ("үкіметі төрағасының бірінші орынбасары"). With no owner named, the office the
lexicon gives the holder on the article's date stands in; with no holder named, a head's title
is its state (or the person who holds it, when the article has named them).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kg.extract.core import PLACES, Extractor, Member, Unit
from kg.model import Article
from kg.wordlists import words

CONJ = words("kk", "conjunctions")
TITLE_FRAMES = frozenset({"title_leader", "title_affiliate", "president"})
OWNERS = frozenset({"Country", "Organization", "Region"})
# titles of a state's head: with no name after them, the holder the lexicon knows may stand in
HEAD_TITLE = re.compile(r"(президент|басшы|көшбасшы)")
# participles and converbs: a clause, not the words of an office's name
VERB_FORM = re.compile(r"(ған|ген|қан|кен|атын|етін|йтын|йтін|ып|іп|мақ|мек)$")
TITLE_STEM = re.compile(r"(министр|елші|премьер-министр|вице-премьер|канцлер|спикер|төраға)")
HONORIFIC = re.compile(r"шейх|ханзада|сэр|доктор|принц")
# "X жөніндегі өкілі": the topic of an office
TOPIC_POSTPOSITION = re.compile(r"жөніндегі|бойынша|мәселелері")


class KazakhTitles(Extractor):
    """The titles of the Kazakh extractor's units (see `kg.extract.kk.units`); state set there."""

    _people_seen: set[str]
    _titled: list[tuple[int, str, str]]
    _index: int

    @staticmethod
    def is_rel(token: Token) -> bool:
        return "Rel" in token.morph.get("Derivation")

    def titles(self, doc: Doc, units: list[Unit], frames: list[str], out: list, article: Article) -> list[Unit]:
        """"АҚШ президенті Дональд Трамп", "орталығының президенті ... Вали Алибайов": owner, title, holder."""
        drop: set[int] = set()
        for person in units:
            if person.types == {"Person"} and len(person.members) == 1:
                self.title_before(doc, units, frames, person, out, article, drop)
        by_end = {u.end: u for u in units if id(u) not in drop}
        for i, f in enumerate(frames):
            if f not in {"title_leader", "title_affiliate", "capital"}:
                continue
            rel = {"title_leader": "leaderOf", "title_affiliate": "affiliatedWith", "capital": "locatedIn"}[f]
            owner = by_end.get(i) or self.owner_across_words(doc, by_end, i)
            if owner is None or id(owner) in drop or not owner.fits(OWNERS):
                continue  # "Тоқаев Қатар Әмірі ...": a person owns no title
            person = self.next_unit(doc, units, i + 1, want={"Person"} if f != "capital" else {"Place"})
            if person is not None and len(person.members) == 1 and id(person) not in drop:
                for o in owner.members:
                    out.append((person.members[0].actor, rel, o.actor, 0.85))
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
            elif f == "title_leader" and all(m.type in {"Country", "Region"} for m in owner.members):
                # "Өзбекстан басшысы" with no name: the unnamed office-holder is the country, or the
                # person who holds the office on the article's date when the article has named them
                owner.end = i + 1
                owner.case = self.case_of(doc[i]) or owner.case
                frames[i] = ""
                if HEAD_TITLE.match(doc[i].text.lower()):
                    holders = [self.lexicon.holder("leaderOf", m.actor, article.date) for m in owner.members]
                    if all(h is not None and h in self._people_seen for h in holders):
                        owner.members = [Member(h, "Person") for h in holders]
        return [u for u in units if id(u) not in drop]

    def title_before(self, doc: Doc, units: list[Unit], frames: list[str], person: Unit, out: list,
                     article: Article, drop: set[int]) -> None:
        """The title right before a person's name and its owner ("Ресейдің Қазақстандағы елшісі Алексей Бородавкин").

        The title phrase runs back from the name over title nouns, plain words of the office
        ("сыртқы істер және қауіпсіздік саясаты жөніндегі жоғары өкілі"), a relative place (the
        post's host country, not its owner), titles listed with a comma and a dash between two
        titles of one person ("Премьер-Министрінің орынбасары – Сыртқы істер министрі"), up to
        the owner's name. A leader's title makes the holder leaderOf the owner only when it is
        the owner's own title: a genitive in between ("үкіметі төрағасының бірінші орынбасары",
        "ведомствосының басшысы") makes the holder only affiliated with the owner. With no owner
        named, the office the lexicon gives the person on the article's date stands in.
        """
        k = person.start - 1
        if k > 0 and HONORIFIC.fullmatch(doc[k].text.lower()):
            k -= 1  # "Әмірі шейх Тамим": an honorific between the title and the name
        if k < 0 or frames[k] not in TITLE_FRAMES:
            return
        leader = frames[k] in {"title_leader", "president"}
        by_end = {u.end: u for u in units}
        chained = False
        words = 0
        owner = host = None
        j = k - 1
        while j >= 0:
            u = by_end.get(j + 1)
            if u is not None and u is not person and u.end < len(doc) and TOPIC_POSTPOSITION.fullmatch(
                    doc[u.end].text.lower()) and words < 8:
                # "Орталық Азия жөніндегі арнаулы өкілі": a name the office is about is no owner
                words += 1
                j = u.start - 1
                continue
            if u is not None and u is not person:
                if host is None and u.case == "Loc" and self.is_rel(doc[u.end - 1]) and u.fits(PLACES) \
                        and len(u.members) == 1:
                    host, j = u, u.start - 1
                    continue
                if u.fits(OWNERS) and u.case in {"Gen", "Nom", ""} and not u.event:
                    owner = u  # not "саммитіне президент X": a gathering in the dative owns no title
                break
            tok = doc[j]
            f = frames[j]
            if f in TITLE_FRAMES or f == "head_of_state":
                if f == "head_of_state":
                    break  # "Мемлекет басшысы X": the state of the article, the lexicon says whose
                chained = chained or self.case_of(tok) == "Gen"
            elif tok.text in {"–", "—", "-", ","} and j > 0 and frames[j - 1] in TITLE_FRAMES:
                pass
            elif self.title_word(tok, f) and words < 8:
                words += 1
                chained = chained or (self.case_of(tok) == "Gen" and tok.text not in CONJ)
            else:
                break
            j -= 1
        rel = "leaderOf" if leader and not chained else "affiliatedWith"
        actor = person.members[0].actor
        stem = TITLE_STEM.match(doc[k].text.lower())
        if stem:
            self._titled.append((self._index, actor, stem.group(1)))
        pair = self.plural_title(doc, units, person, owner, k) if owner is not None else None
        if pair is not None:
            # "Ресей мен Өзбекстан СІМ басшылары Сергей Лавров пен Бахтиёр Саидов": each holds the title for
            # the owner in the same place of the list (a state beside a body: affiliated with the state)
            first, second = pair
            partner = self.next_person(doc, units, person)
            mixed = first.types != second.types
            for holder, own in ((person, first), (partner, second)):
                r = "affiliatedWith" if mixed and own.types == {"Country"} else rel
                out.append((holder.members[0].actor, r, own.members[0].actor, 0.8))
            drop.update((id(first), id(second)))
            person.start = first.start
        elif owner is not None:
            for o in owner.members:
                out.append((actor, rel, o.actor, 0.9 if words <= 2 else 0.85))
            drop.add(id(owner))
            person.start = owner.start
        else:
            for r in self.lexicon.roles_of(actor, article.date):
                if r.relation == rel and (leader or self.type_of(r.target) == "Country"):
                    out.append((actor, rel, r.target, 0.8))
        if host is not None:
            drop.add(id(host))
            person.start = min(person.start, host.start)
        frames[k] = ""

    @staticmethod
    def next_person(doc: Doc, units: list[Unit], person: Unit) -> Unit | None:
        """The person joined to `person` by a conjunction right after it ("Лавров пен Саидов")."""
        return next((u for u in units if u.start > person.start and u.types == {"Person"} and len(u.members) == 1
                     and [t.text.lower() for t in doc[person.end:u.start]] in (["мен"], ["пен"], ["бен"], ["және"])),
                    None)

    def plural_title(self, doc: Doc, units: list[Unit], person: Unit, owner: Unit, k: int) -> tuple[Unit, Unit] | None:
        """Two owners joined before a plural title and two holders joined after it: the two owners, in order."""
        if "Plur" not in doc[k].morph.get("Number") or len(owner.members) != 1:
            return None
        first = next((u for u in units if u.end < owner.start and len(u.members) == 1 and u.fits(OWNERS)
                      and [t.text.lower() for t in doc[u.end:owner.start]] in (["мен"], ["пен"], ["бен"], ["және"])),
                     None)
        if first is None or self.next_person(doc, units, person) is None:
            return None
        return first, owner

    def title_word(self, tok: Token, frame: str) -> bool:
        """A plain word of an office's name: "сыртқы", "істер", "жоғары", "жөніндегі", "Энергетика".

        No verb form, and no case but the nominative, the genitive or a relative form: a word in
        the dative or the instrumental belongs to a clause ("саммитіне президент X").
        """
        text = tok.text
        if frame and frame not in {"head_of", "head_event"}:
            return False
        if self.case_of(tok) not in {"Nom", "Gen", ""} and not self.is_rel(tok):
            return False
        if not (tok.is_alpha or ("-" in text and text.replace("-", "").isalpha())):
            return False
        return not VERB_FORM.search(text.lower())

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
