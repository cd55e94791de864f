"""Extraction stage: Doc + mentions -> triples, from relation triggers and the case roles around them.

For every sentence: indirect mentions are added ("Мемлекет басшысы", "еліміз", a bare
"Президент", "екі ел"), titles make `leaderOf` and fold the office into the person
("АҚШ президенті Дональд Трамп"), names absorb the nouns they carry ("G20 саммитіне" is
G20 in the dative), coordinated names become one unit ("Қытай, АҚШ және Ресейге"), and
each trigger picks its roles by case (and, in Russian, preposition) and by the class of
the actor. The trigger words are data (`kg/lexicons/triggers_*.tsv`); the frames are here.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

from spacy.tokens import Doc, Token

from kg.lexicon import Lexicon
from kg.model import Article, Mention, Sentence, Triple

PERSONISH = frozenset({"Person", "Country", "Organization"})
AGENTS = frozenset({"Person", "Country", "Organization"})
PLACES = frozenset({"Country", "Place", "Region"})
GATHERINGS = frozenset({"Event", "Organization"})
PARTIES = frozenset({"Person", "Country", "Organization", "Region"})

# Frames that mark roles or names rather than relations; they have no handler.
CUE_FRAMES = frozenset({"title_leader", "title_affiliate", "capital", "president", "our_country", "two_countries",
                        "administration", "head_of_state", "between"})
SYMMETRIC_FRAMES = frozenset({"meet", "negotiate", "cooperate", "compete", "contain", "trade"})

# Relations in which a capital is the city itself, not the voice of its state (ONTOLOGY.md).
LITERAL_PLACE_RELATIONS = frozenset({"visited", "hosts", "locatedIn"})

OUR = frozenset({"наша", "нашей", "нашу", "наш", "нашем", "нашего"})
KK_CONJ = frozenset({",", "мен", "пен", "бен", "және", "әрі", "да", "де", "та", "те", "немесе", "сондай-ақ"})
RU_CONJ = frozenset({",", "и", "или", "а", "также"})
RU_PREPS = frozenset({"в", "во", "на", "с", "со", "между", "к", "ко", "из", "для", "от", "по", "о", "об",
                      "при", "за", "против", "через", "у", "перед", "над", "под"})


@dataclass(frozen=True)
class Trigger:
    pattern: re.Pattern[str]
    frame: str


@functools.cache
def load_triggers(lang: str) -> tuple[Trigger, ...]:
    """The trigger table of a language (kg/lexicons/triggers_<lang>.tsv), in file order."""
    name = f"triggers_{lang}.tsv"
    try:
        text = resources.files("kg.lexicons").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()
    out = []
    header_seen = False
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        pattern, frame = line.split("\t")[:2]
        out.append(Trigger(re.compile(pattern), frame.strip()))
    return tuple(out)


@dataclass
class Member:
    actor: str
    type: str
    voice: bool = False  # a capital or seat of power, which may speak for its state


@dataclass
class Unit:
    """One argument slot: a name or coordinated names, with the tokens it covers and its case."""

    members: list[Member]
    start: int  # first token (including a preposition's object noun it absorbed)
    end: int  # one past the last token
    case: str
    prep: str = ""
    indirect: bool = False
    event: bool = False  # the name carries an event noun: "C5+1 саммиті"

    @property
    def types(self) -> set[str]:
        return {m.type for m in self.members}

    def fits(self, allowed: frozenset[str]) -> bool:
        return all(m.type in allowed or (m.voice and "Country" in allowed) for m in self.members)


@dataclass
class Discourse:
    """What earlier sentences of the article said, for frames whose role is left implicit."""

    last_event: tuple[int, Member] | None = None
    last_pair: tuple[int, list[Member]] | None = None
    last_agent: dict[str, tuple[int, list[Member]]] = field(default_factory=dict)
    last_goal: tuple[int, Member] | None = None
    topic: tuple[int, Member] | None = None  # the country a recent sentence was about


class Extractor:
    """Relation extraction for one language over the sentences of one article at a time."""

    def __init__(self, lexicon: Lexicon, lang: str) -> None:
        self.lexicon = lexicon
        self.lang = lang
        self.triggers = load_triggers(lang)
        self._trigger_of: dict[str, object] = {}  # word key -> the first trigger matching it (or None)
        self._modifiers: set[int] = set()
        self.name = f"{lang}-case-roles"

    # ------------------------------------------------------------------ helpers
    def type_of(self, actor: str) -> str:
        if actor.startswith("new:"):
            return actor.split(":", 2)[1]
        a = self.lexicon.actors.get(actor)
        return a.type if a else "Organization"

    def frame_of(self, token: Token) -> str:
        key = self.key(token)
        if self.lang == "kk" and key == "қатысты" and self.clause_final(token):
            return "participate"  # "... конференциясына қатысты." (took part), not "X-ке қатысты" (regarding)
        if key in self._trigger_of:
            trig = self._trigger_of[key]
        else:  # the first trigger that matches: the same for every token with this key
            trig = self._trigger_of[key] = next((t for t in self.triggers if t.pattern.fullmatch(key)), None)
        if trig is None:
            return ""
        frame = "" if trig.frame == "exclude" else trig.frame
        if frame.startswith("title") and self.lang == "ru" and self.inside_title(token):
            return ""
        if frame == "cooperate" and self.lang == "ru" and key.startswith("партн") and token.i > 0 \
                and self.key(token.doc[token.i - 1]).startswith("торгов"):
            return ""  # "торговый партнёр": a trade partner, read by the adjective's trade frame
        return frame

    @staticmethod
    def clause_final(token: Token) -> bool:
        doc = token.doc
        return token.i + 1 >= len(doc) or doc[token.i + 1].is_punct

    @staticmethod
    def inside_title(token: Token) -> bool:
        """"председатель кабинета министров": a plural office in the genitive after a noun names no one."""
        if token.i == 0 or token.morph.get("Number") != ["Plur"] or token.morph.get("Case") != ["Gen"]:
            return False
        prev = token.doc[token.i - 1]
        return prev.pos_ == "NOUN" and prev.morph.get("Case") == ["Gen"]

    def key(self, token: Token) -> str:
        if self.lang == "ru":
            return (token.lemma_ or token.text).lower().replace("ё", "е") if token.lemma_ else token.text.lower()
        return token.text.lower()

    def case_of(self, token: Token) -> str:
        case = token.morph.get("Case")
        return case[0] if case else ""

    def is_rel(self, token: Token) -> bool:
        return "Rel" in token.morph.get("Derivation")

    # ------------------------------------------------------------------ main
    def extract(self, doc: Doc, mentions: list[Mention], sentence: Sentence, article: Article,
                discourse: Discourse, index: int) -> list[Triple]:
        """Triples of one sentence. `index` is the sentence's number in the article."""
        frames = [self.frame_of(t) for t in doc]
        self._frames = list(frames)
        covered = set()
        for m in mentions:
            covered.update(range(m.tok_start, m.tok_end))
        for i in covered:
            frames[i] = ""
        out: list[tuple[str, str, str, float]] = []
        units = self.make_units(doc, mentions, frames, article, discourse, index, out)
        self.frames(doc, units, frames, discourse, index, out)
        self.remember(units, discourse, index, out, article.date)
        triples = []
        seen = set()
        for s, rel, o, conf in out:
            for s2, o2 in self.voices(s, rel, o):
                if s2 == o2 or not self.type_ok(s2, rel, o2):
                    continue
                if rel == "visited" and self.leads(s2, o2, article):
                    continue  # a head of state travelling at home is not a visit to their state
                key = (s2, rel, o2)
                if key in seen:
                    continue
                seen.add(key)
                triples.append(Triple(s2, rel, o2, article.id, sentence.start, sentence.end, sentence.text,
                                      sentence.lang or article.lang, conf, self.name))
        return triples

    def voices(self, s: str, rel: str, o: str) -> Iterable[tuple[str, str]]:
        """A capital (or a seat of power) speaks for its state except where it is the place itself."""
        if rel in LITERAL_PLACE_RELATIONS:
            # the visitor may still be a capital's state ("Астана делегациясы ... барды"), the place is the city
            yield (self.lexicon.capital_of(s) or s) if rel == "visited" else s, o
            return
        s2 = self.lexicon.capital_of(s) or s
        o2 = self.lexicon.capital_of(o) or o
        yield s2, o2

    def leads(self, person: str, target: str, article: Article) -> bool:
        return any(r.target == target and r.relation == "leaderOf"
                   for r in self.lexicon.roles_of(person, article.date))

    def type_ok(self, s: str, rel: str, o: str) -> bool:
        ts, to = self.type_of(s), self.type_of(o)
        if rel == "leaderOf":
            return ts == "Person" and to in {"Country", "Organization", "Event"}
        if rel == "affiliatedWith":
            return ts == "Person" and to in {"Country", "Organization"}
        if rel == "visited":
            return ts in {"Person", "Country", "Organization"} and to in PLACES
        if rel in {"invitedTo", "participatesIn"}:
            return ts in AGENTS and to in GATHERINGS
        if rel == "memberOf":
            return ts in {"Person", "Country", "Organization", "Region"} and to in GATHERINGS
        if rel == "hosts":
            return ts in {"Place", "Country", "Organization"} and to in GATHERINGS
        if rel == "locatedIn":
            return ts in {"Place", "Organization", "Event", "Project", "Country"} and to in PLACES and ts != "Country"
        if rel == "invited":
            return ts in AGENTS and to in AGENTS
        if rel in {"investsIn", "supports"}:
            return ts in AGENTS and to in {"Person", "Country", "Organization", "Project", "Region", "Place"}
        if rel == "pressures":
            return ts in AGENTS and to in PARTIES
        return ts in PARTIES and to in PARTIES  # the symmetric ones

    # ------------------------------------------------------------------ units
    def make_units(self, doc: Doc, mentions: list[Mention], frames: list[str], article: Article,
                   discourse: Discourse, index: int, out: list) -> list[Unit]:
        kk = self.lang == "kk"
        # 1. single-name units, with indirect mentions added
        singles: list[Unit] = []
        for m in mentions:
            case = m.case or ""
            member = Member(m.actor_id, self.type_of(m.actor_id), bool(self.lexicon.capital_of(m.actor_id)))
            singles.append(Unit([member], m.tok_start, m.tok_end, case))
        taken = set()
        for u in singles:
            taken.update(range(u.start, u.end))
        starts = {m.tok_start: (m.actor_id, m.case) for m in mentions}
        singles.extend(self.indirect_units(doc, frames, taken, article, discourse, index, starts))
        singles.sort(key=lambda u: u.start)
        # 2. heads a name carries: "G20 саммитіне", "на саммит G20", "Нью-Йорк қаласына"
        for u in singles:
            self.absorb(doc, u, frames)
        # 3. "Самарқандағы саммит", "Баку қаласындағы орталық" (before titles fold the owner away)
        self.relative_places(doc, singles, out)
        # 4. titles: "АҚШ президенті Дональд Трамп", "президента США Дональда Трампа"
        singles = self.titles(doc, singles, frames, out)
        # 5. prepositions (ru)
        if not kk:
            for u in singles:
                j = u.start - 1
                if j >= 0 and doc[j].text.lower() in RU_PREPS:
                    u.prep = doc[j].text.lower().replace("во", "в").replace("со", "с").replace("ко", "к")
                    if u.prep == "в" and doc[j].text.lower() == "во":
                        u.prep = "в"
                elif j >= 1 and doc[j].text.lower() == "стороны" and doc[j - 1].text.lower() in {"со", "с"}:
                    u.prep = "by"
        # 6. coordination
        return self.coordinate(doc, singles)

    def indirect_units(self, doc: Doc, frames: list[str], taken: set[int], article: Article,
                       discourse: Discourse, index: int, starts: dict[int, tuple[str, str]]) -> list[Unit]:
        out: list[Unit] = []
        mentions_units = {i: self.type_of(m) for i, (m, _) in starts.items()}
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
                # "Мемлекет басшысы" / "Глава государства"
                if self.lang == "kk" and re.fullmatch(r"басшы(сы|сының|сына|сын|сымен|сынан)", nxt.text.lower()):
                    out.append(Unit([Member(president, "Person")], i, i + 2, self.case_of(nxt), indirect=True))
                    frames[i] = frames[i + 1] = ""
                continue
            if self.lang == "ru" and low.startswith("глав") and nxt is not None and nxt.text.lower() == "государства":
                if president:
                    out.append(Unit([Member(president, "Person")], i, i + 2, self.case_of(tok), indirect=True))
                    frames[i] = frames[i + 1] = ""
                continue
            if f == "president" or (self.lang == "ru" and f == "title_leader" and low.startswith("президент")):
                # a bare "Президент" is the head of state on the article's date; followed by a
                # name it is that person's title, after a country it is a title construction
                nxt_unit = next((u for u in units_at(mentions_units, i + 1)), None)
                if not president or (i - 1) in taken or low.endswith(("тер", "тері", "ы")):
                    continue
                if nxt_unit is not None and (self.lang == "ru" or nxt_unit == "Person"):
                    # "Президент Қасым-Жомарт Тоқаев" is a title; "Президент Дональд Трамппен" is two people
                    if self.lang == "ru" or cases_at.get(i + 1, "Nom") == (self.case_of(tok) or "Nom"):
                        continue
                if self.lang == "ru" and nxt is not None and nxt.text[:1].isupper():
                    continue
                out.append(Unit([Member(president, "Person")], i, i + 1, self.case_of(tok), indirect=True))
                frames[i] = ""
                continue
            if f == "our_country" and kz:
                if self.lang == "kk" or (i > 0 and doc[i - 1].text.lower() in OUR):
                    start = i if self.lang == "kk" else i - 1
                    out.append(Unit([Member(kz, "Country")], start, i + 1, self.case_of(tok), indirect=True))
                    frames[i] = ""
                continue
            if discourse.last_pair and index - discourse.last_pair[0] <= 2 and _SIDES[self.lang].fullmatch(low) \
                    and not (i > 0 and frames[i - 1] == "two_countries"):
                # "Стороны обсудили ...", "Тараптар ... талқылады": the two named last
                out.append(Unit([Member(m.actor, m.type) for m in discourse.last_pair[1]], i, i + 1,
                                self.case_of(tok) or "Nom", indirect=True))
                continue
            country = demonym(tok.text, self.lang) if nxt is not None and (i + 1) not in taken else None
            if country and country in self.lexicon.actors and _GROUP_NOUNS[self.lang].fullmatch(nxt.text.lower()):
                # "китайские компании", "ресейлік инвесторлар": an unnamed group acting for its state
                out.append(Unit([Member(country, "Country")], i, i + 2, self.case_of(nxt), indirect=True))
                taken.update((i, i + 1))
                continue
            if f == "between" and self.lang == "ru" and nxt is not None and discourse.last_pair \
                    and (i + 1) not in taken and nxt.text.lower() in {"странами", "сторонами", "государствами"}:
                # "товарооборот между странами": the last pair of countries named
                seen_at, members = discourse.last_pair
                if index - seen_at <= 4:
                    out.append(Unit([Member(m.actor, m.type) for m in members], i + 1, i + 2, "Ins", indirect=True))
                    taken.add(i + 1)
                continue
            if f == "two_countries" and nxt is not None and discourse.last_pair:
                if re.fullmatch(r"(ел|елдің|елге|елді|елмен|елдер\w*|мемлекет\w*|страны|стран|странам|странами|"
                                r"государства|государств|государствами|сторон|стороны|сторонами)", nxt.text.lower()):
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

    def bare_event(self, doc: Doc, i: int, taken: set[int]) -> bool:
        """A summit noun that carries no name: "Саммитке ... қатысуы", "this format"."""
        low = doc[i].text.lower()
        if not re.match(r"(саммит|формат)", low):
            return False
        if self.lang == "kk":
            return (i - 1) not in taken and not (i >= 2 and (i - 2) in taken)
        return (i + 1) not in taken and (i - 1) not in taken

    def titles(self, doc: Doc, units: list[Unit], frames: list[str], out: list) -> list[Unit]:
        """Apply title constructions; returns the units with office-holders folded in."""
        by_start = {u.start: u for u in units}
        by_end = {u.end: u for u in units}
        drop: set[int] = set()
        for i, f in enumerate(frames):
            if f not in {"title_leader", "title_affiliate", "capital"}:
                continue
            rel = {"title_leader": "leaderOf", "title_affiliate": "affiliatedWith", "capital": "locatedIn"}[f]
            if self.lang == "kk":
                # "АҚШ президенті", "орталығының президенті", "Қазақстан Сыртқы істер министрі"
                owner = by_end.get(i) or self.owner_across_words(doc, by_end, i)
                person = self.next_unit(doc, units, i + 1, want={"Person"} if f != "capital" else {"Place"})
            else:
                # "президента США Дональда Трампа", "министр иностранных дел Казахстана Мурат Нуртлеу"
                k = i + 1
                # only the title's own genitive complement ("иностранных дел") may stand between
                while k < len(doc) and k - i <= 3 and k not in by_start and doc[k].is_lower and doc[k].is_alpha \
                        and doc[k].pos_ in {"NOUN", "ADJ"} and doc[k].morph.get("Case") == ["Gen"]:
                    k += 1
                nxt = by_start.get(k)
                owner = nxt if (nxt is not None and nxt.case == "Gen") or (
                    nxt and nxt.types & {"Country"} and nxt.case != "Ins") else None
                after = owner.end if owner is not None else i + 1
                person = by_start.get(after)
                if person is not None and not person.types <= ({"Person"} if f != "capital" else {"Place"}):
                    person = None
            if owner is None:
                continue
            if person is not None and len(person.members) == 1:
                for o in owner.members:
                    out.append((person.members[0].actor, rel, o.actor, 0.9) if rel != "locatedIn"
                               else (person.members[0].actor, rel, o.actor, 0.85))
                frames[i] = ""
                drop.add(id(owner))
                if self.lang == "ru" or f == "capital":
                    # the person's case is the title's ("президенту ... Токаеву")
                    tcase = self.case_of(doc[i])
                    if tcase and not person.case:
                        person.case = tcase
                    person.start = min(person.start, i)
                    if self.lang == "ru":
                        person.start = i
                else:
                    person.start = owner.start
            elif f == "title_leader" and self.lang == "kk" and all(m.type == "Country" for m in owner.members):
                # "Өзбекстан басшысы" with no name: the unnamed office-holder is the country
                owner.end = i + 1
                owner.case = self.case_of(doc[i]) or owner.case
                frames[i] = ""
            elif f == "title_leader" and self.lang == "ru" and all(m.type == "Country" for m in owner.members):
                owner.start = i
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

    def next_unit(self, doc: Doc, units: list[Unit], start: int, want: set[str]) -> Unit | None:
        """The first unit at or after `start` that holds only `want`, across descriptive words.

        "орталығының президенті, саясаттанушы және «...» авторы Вали Алибайов": up to 20
        tokens of lower-case words, commas and quoted text may stand between a title and
        its holder; another name outside quotes, or a sentence-ending mark, stops the search.
        """
        quote = 0
        for u in units:
            if u.start < start:
                continue
            gap = doc[start:u.start]
            if len(gap) > 20:
                return None
            ok = True
            quote = 0
            for t in gap:
                if t.text in {"«", "“", '"'}:
                    quote += 1
                elif t.text in {"»", "”"}:
                    quote -= 1
                elif quote <= 0 and t.text[:1].isupper() and not t.is_punct:
                    ok = False
                    break
                elif t.text in {".", "!", "?", ";", "–", "—", ":"} and quote <= 0:
                    ok = False
                    break
            if not ok:
                return None
            inside_quotes = quote > 0
            if inside_quotes:
                continue
            return u if u.types <= want else None
        return None

    def absorb(self, doc: Doc, u: Unit, frames: list[str]) -> None:
        n = len(doc)
        if self.lang == "kk":
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
                self.to_leaders_country(u, doc[j])
                u.end = j + 1
                u.case = self.case_of(doc[j]) or u.case
                frames[j] = ""
        else:
            j = u.start - 1
            if j >= 0 and doc[j].text in {"«", '"', "“"}:
                j -= 1
            if j >= 0 and frames[j] in {"head_event", "head_place", "head_of"}:
                u.event = frames[j] == "head_event"
                u.start = j
                u.case = self.case_of(doc[j]) or u.case
                frames[j] = ""
            elif j >= 0 and frames[j] == "administration":
                self.to_leaders_country(u, doc[j])
                u.start = j
                u.case = self.case_of(doc[j]) or u.case
                frames[j] = ""

    def to_leaders_country(self, u: Unit, token: Token) -> None:
        members = []
        for m in u.members:
            roles = [r for r in self.lexicon.roles_of(m.actor) if r.relation == "leaderOf"]
            roles = roles if m.type == "Person" else []
            if roles:
                target = roles[-1].target
                members.append(Member(target, self.type_of(target)))
            else:
                members.append(m)
        u.members = members

    def coordinate(self, doc: Doc, singles: list[Unit]) -> list[Unit]:
        conj = KK_CONJ if self.lang == "kk" else RU_CONJ
        out: list[Unit] = []
        for u in singles:
            if out:
                prev = out[-1]
                gap = [t.text.lower() for t in doc[prev.end:u.start]]
                joinable = (bool(gap) and len(gap) <= 3 and all(g in conj for g in gap) and "," in gap) or (
                    bool(gap) and len(gap) <= 2 and all(g in conj for g in gap) and any(g != "," for g in gap))
                if prev.end == u.start and self.lang == "kk" and prev.case == "Nom" and False:
                    joinable = True
                if joinable and self.compatible(prev, u, gap):
                    prev.members.extend(u.members)
                    prev.end = u.end
                    if self.lang == "kk":
                        # only the last conjunct inflects: "Қытай, АҚШ және Ресейге"
                        prev.case = u.case or prev.case
                    elif prev.case == "Gen" and u.case == "Nom" and not prev.prep:
                        prev.case = "Nom"  # natasha may tag the first of a subject list Gen or Acc
                    else:
                        prev.case = prev.case or u.case
                    prev.indirect = prev.indirect and u.indirect
                    continue
            out.append(u)
        return out

    def compatible(self, a: Unit, b: Unit, gap: list[str]) -> bool:
        if self.lang == "kk":
            particles = {"да", "де", "та", "те"}
            if set(gap) & particles and not set(gap) - particles - {","}:
                # "Шығысқа да, Батысқа да": each conjunct carries its own case
                return a.case == b.case
            return a.case in {"Nom", ""} or a.case == b.case
        if b.prep and b.prep != a.prep:
            return False
        if a.prep and not b.prep:
            return True  # "в Сылдавию, Зубровку и Караманию": the preposition governs the list
        same = {a.case, b.case} <= {"Nom", "Acc"}  # the forms coincide for inanimate nouns
        subject_list = b.case == "Nom" and a.case == "Gen" and "и" in gap
        return not a.case or not b.case or a.case == b.case or same or subject_list

    # ------------------------------------------------------------------ frames
    def frames(self, doc: Doc, units: list[Unit], frames: list[str], discourse: Discourse, index: int,
               out: list) -> None:
        self._modifiers = {t for t in range(len(doc)) if self._frames[t] in SYMMETRIC_FRAMES
                           and self.modifier_head(doc, t) is not None}
        for t, f in enumerate(frames):
            if not f or f.startswith("head") or f in CUE_FRAMES or t in self._modifiers:
                continue
            handler = getattr(self, f"frame_{f}", None)
            if handler is not None:
                handler(doc, units, t, discourse, index, out)

    def modifier_head(self, doc: Doc, t: int) -> int | None:
        """kk: "сауда, экономикалық және мәдени серіктестік": a bare relation noun listed before the
        relation noun it describes is a modifier of that head, not a relation of its own."""
        if self.lang != "kk" or t + 1 >= len(doc) or doc[t + 1].text not in {",", "және"}:
            return None
        for k in range(t + 1, min(len(doc), t + 10)):
            tok = doc[k]
            if self._frames[k] in SYMMETRIC_FRAMES:
                return k
            if not (tok.text in {",", "және"} or (tok.text.replace("-", "").isalpha() and tok.text.islower())):
                return None
        return None

    def plain_between(self, doc: Doc, units: list[Unit], a: int, b: int) -> bool:
        """Only lower-case words, commas, "және" and a closing bracket between tokens a and b: no other name."""
        if any(a <= u.start < b for u in units):
            return False
        return all(t.text in {",", "және", ")"} or (t.text.replace("-", "").isalpha() and t.text.islower())
                   for t in doc[a:b])

    # role helpers --------------------------------------------------------
    def before(self, units: list[Unit], t: int, cases: set[str] | None = None, allowed: frozenset[str] = AGENTS,
               within: int = 25, exclude: Iterable[Unit] = (), preps: set[str] | None = None) -> Unit | None:
        ex = {id(u) for u in exclude}
        for u in reversed(units):
            if u.end > t or id(u) in ex:
                continue
            if t - u.end > within:
                return None
            if cases is not None and u.case not in cases:
                continue
            if preps is not None and u.prep not in preps:
                continue
            if u.fits(allowed):
                return u
        return None

    def after(self, units: list[Unit], t: int, cases: set[str] | None = None, allowed: frozenset[str] = AGENTS,
              within: int = 12, exclude: Iterable[Unit] = (), preps: set[str] | None = None) -> Unit | None:
        ex = {id(u) for u in exclude}
        for u in units:
            if u.start <= t or id(u) in ex:
                continue
            if u.start - t > within:
                return None
            if cases is not None and u.case not in cases:
                continue
            if preps is not None and u.prep not in preps:
                continue
            if u.fits(allowed):
                return u
        return None

    @staticmethod
    def emit(out: list, subj: Unit | None, rel: str, obj: Unit | None, conf: float) -> None:
        if subj is None or obj is None:
            return
        for s in subj.members:
            for o in obj.members:
                if s.actor != o.actor:
                    out.append((s.actor, rel, o.actor, conf))

    @staticmethod
    def pairwise(out: list, group: Unit, rel: str, conf: float) -> None:
        ms = group.members
        for i in range(len(ms)):
            for j in range(i + 1, len(ms)):
                if ms[i].actor != ms[j].actor:
                    out.append((ms[i].actor, rel, ms[j].actor, conf))

    def is_noun_trigger(self, token: Token) -> bool:
        if self.lang == "ru":
            return token.pos_ in {"NOUN", "PROPN"}
        return True

    # the frames ------------------------------------------------------------
    def frame_invite(self, doc, units, t, discourse, index, out, passive: bool = False) -> None:
        if self.lang == "ru" and "Pass" in doc[t].morph.get("Voice"):
            passive = True  # "приглашён", "приглашённый на саммит"
        if self.lang == "kk":
            goal = self.before(units, t, {"Dat"}, GATHERINGS, within=8)
            if goal is None and discourse.last_goal and index - discourse.last_goal[0] <= 3:
                goal = Unit([discourse.last_goal[1]], t, t, "Dat", indirect=True)
            if passive:
                patient = self.before(units, t, {"Gen", "Nom"}, AGENTS, within=12, exclude=[goal] if goal else [])
                self.emit(out, patient, "invitedTo", goal, 0.8)
                return
            patient = self.before(units, t, {"Acc"}, AGENTS, within=12)
            agent = self.before(units, patient.start if patient else t, {"Gen", "Nom"}, AGENTS, within=12,
                                exclude=[u for u in (goal, patient) if u])
            if patient is not None:
                self.emit(out, agent, "invited", patient, 0.9)
                self.emit(out, patient, "invitedTo", goal, 0.9)
            elif agent is not None and goal is not None and agent.case == "Gen":
                self.emit(out, agent, "invitedTo", goal, 0.5)
        else:
            goal = self.after(units, t, None, GATHERINGS, within=12, preps={"на", "в"})
            if goal is None and discourse.last_goal and index - discourse.last_goal[0] <= 3:
                goal = Unit([discourse.last_goal[1]], t, t, "Acc", indirect=True)
            if passive:
                patient = self.before(units, t, {"Nom"}, AGENTS, within=8, preps={""})
                self.emit(out, patient, "invitedTo", goal, 0.8)
                return
            if self.is_noun_trigger(doc[t]) and t > 0 and doc[t - 1].lower_ == "по":
                # "прибыл в Пекин по приглашению Си Цзиньпина": the genitive invited the subject
                agent = self.after(units, t, {"Gen"}, AGENTS, within=6, preps={""})
                patient = self.before(units, t, {"Nom"}, AGENTS, within=20, preps={""},
                                      exclude=[agent] if agent else [])
                if patient is None or (agent is not None and patient.start > agent.start):
                    patient = self.after(units, agent.end - 1 if agent else t, {"Nom"}, AGENTS, within=8, preps={""})
            elif self.is_noun_trigger(doc[t]):
                by = self.after(units, t, None, AGENTS, within=25, preps={"by"})
                dat = self.after(units, t, {"Dat"}, AGENTS, within=12, preps={""})
                gen = self.after(units, t, {"Gen"}, AGENTS, within=6, preps={""}, exclude=[u for u in (goal,) if u])
                if by is not None:
                    agent, patient = by, gen or dat
                elif dat is not None:
                    agent, patient = gen, dat
                else:
                    agent, patient = None, gen
            else:
                agent = self.before(units, t, {"Nom"}, AGENTS, within=12, preps={""})
                patient = self.after(units, t, {"Acc"}, AGENTS, within=10, preps={""})
                if patient is not None and "visit" in self._frames[t + 1:patient.start]:
                    patient = None  # "пригласил его посетить Казахстан": Kazakhstan is where, not whom
            if patient is not None:
                self.emit(out, agent, "invited", patient, 0.9)
                self.emit(out, patient, "invitedTo", goal, 0.85)
        if goal is not None and goal.members:
            discourse.last_goal = (index, goal.members[0])

    def frame_invite_passive(self, doc, units, t, discourse, index, out) -> None:
        self.frame_invite(doc, units, t, discourse, index, out, passive=True)

    def frame_visit(self, doc, units, t, discourse, index, out) -> None:
        near = [f if not (f == "invite" and k > 0 and doc[k - 1].lower_ == "по") else ""
                for k, f in enumerate(self._frames[max(0, t - 4):t + 5], max(0, t - 4))]
        if "invite" in near:
            # "Путинді Қазақстанға сапармен келуге шақырды", "пригласил его посетить Казахстан":
            # the invitee is the traveller, and the visit is only planned by the invitation
            return
        if self.lang == "kk":
            dest = self.before(units, t, {"Dat"}, PLACES, within=8)
            if dest is None:
                # "Мәскеу сапары": a bare place name right before the visit noun
                prev = self.before(units, t, {"Nom"}, PLACES, within=0)
                dest = prev
            if dest is None:
                return
            # the traveller stands before the destination or between it and the verb
            agent = self.before(units, t, {"Gen", "Nom"}, frozenset({"Person", "Country"}), within=15,
                                exclude=[dest])
            if agent is None:
                agent = self.after(units, t, {"Nom"}, frozenset({"Person"}), within=12)
        else:
            dest = self.after(units, t, {"Acc", "", "Loc", "Nom"}, PLACES, within=6, preps={"в", "на"})
            if dest is None and not self.is_noun_trigger(doc[t]):
                dest = self.after(units, t, {"Acc", "Nom"}, PLACES, within=4, preps={""})
            if dest is None:
                return
            agent = self.after(units, t, {"Gen"}, frozenset({"Person", "Country"}), within=3, preps={""},
                               exclude=[dest])
            if agent is None or agent.start > dest.start:
                agent = self.before(units, t, {"Nom", "Gen"}, frozenset({"Person", "Country"}), within=12, preps={""})
        conf = 0.85
        if agent is None:
            last = discourse.last_agent.get("visited")
            if last and index - last[0] <= 6:
                agent = Unit(list(last[1]), t, t, "Nom", indirect=True)
                conf = 0.6
        if (agent is not None and not agent.indirect) or (agent is not None and conf < 0.85):
            pass
        self.emit(out, agent, "visited", dest, conf)
        if agent is not None and conf >= 0.85:
            discourse.last_agent["visited"] = (index, list(agent.members))

    def frame_participate(self, doc, units, t, discourse, index, out) -> None:
        if self.lang == "kk":
            target = self.before(units, t, {"Dat"}, GATHERINGS, within=10)
            if target is None:
                return
            agent = self.before(units, t, {"Gen", "Nom"}, AGENTS, within=15, exclude=[target])
            if agent is None:
                agent = self.before(units, target.start, {"Gen", "Nom"}, AGENTS, within=15)
        else:
            target = self.after(units, t, None, GATHERINGS, within=8, preps={"в", "на"})
            if target is None:
                return
            agent = self.after(units, t, {"Gen"}, AGENTS, within=4, preps={""}, exclude=[target])
            if agent is None:
                agent = self.before(units, t, {"Nom"}, AGENTS, within=12, preps={""})
            if agent is None:  # "В саммите приняли участие X, Y и Z"
                agent = self.after(units, t, {"Nom"}, AGENTS, within=6, preps={""}, exclude=[target])
        self.emit(out, agent, "participatesIn", target, 0.85)

    def topic(self, discourse: Discourse | None, index: int) -> Unit | None:
        """The country the last sentences were about, for a partner whose other side goes unsaid."""
        if discourse is None or discourse.topic is None or index - discourse.topic[0] > 2:
            return None
        m = discourse.topic[1]
        return Unit([Member(m.actor, m.type)], -1, -1, "Nom", indirect=True)

    def symmetric(self, doc, units, t, rel: str, out, conf: float = 0.85, obj_cases=("Ins",),
                  discourse: Discourse | None = None, index: int = 0) -> None:
        """Partner in the instrumental ("Қытаймен", "с Китаем"), or a pair "X мен Y арасындағы"."""
        if self.lang == "kk":
            between = self.between_kk(doc, units, t)
            if between is not None:
                self.pairwise(out, between, rel, conf)
                return
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
                if agent is None and self.enabled_after(doc, t):
                    # "X-ке Y-пен әріптестік орнатуға мүмкіндік берді": the one enabled is the agent
                    agent = self.before(units, partner.start, {"Dat"}, PARTIES, within=12)
                if agent is None:
                    agent, conf = self.topic(discourse, index), conf * 0.75
                self.emit(out, agent, rel, partner, conf)
                return
            # "Қытай Қазақстанның ең ірі сауда серіктесі": the possessor of a partner noun
            partner_noun = t + 1 < len(doc) and re.match(r"серіктес", doc[t + 1].text.lower()) is not None
            if "3" in doc[t].morph.get("Person[psor]") or (
                    partner_noun and "3" in doc[t + 1].morph.get("Person[psor]")):
                # "... Қазақстанның ең ірі сауда серіктестерінің бірі": the partner noun after "сауда"
                owner = self.before(units, t, {"Gen"}, PARTIES, within=4)
                agent = self.before(units, owner.start, {"Nom"}, PARTIES, within=6) if owner else None
                if owner is not None and agent is not None and len(owner.members) == 1:
                    self.emit(out, agent, rel, owner, conf * 0.9)
                    return
            group = self.before(units, t, {"Nom", "Gen"}, PARTIES, within=6)
            if group is not None and len(group.members) == 2:
                self.pairwise(out, group, rel, conf * 0.9)
        else:
            between = self.after(units, t, {"Ins", "Gen"}, PARTIES, within=4, preps={"между"})
            if between is not None and len(between.members) >= 2:
                self.pairwise(out, between, rel, conf)
                return
            partner = None
            if "Gen" in obj_cases:  # "сдерживание Китая": the contained one follows in the genitive
                partner = self.after(units, t, {"Gen"}, PARTIES, within=2, preps={""})
            if partner is None:
                partner = self.after(units, t, {"Ins", ""}, PARTIES, within=6, preps={"с"})
            if partner is not None:
                agent = self.after(units, t, {"Gen"}, PARTIES, within=3, preps={""}, exclude=[partner])
                if agent is None or agent.start > partner.start:
                    agent = (self.before(units, t, {"Nom"}, PARTIES, within=25, preps={""})
                             or self.before(units, t, {"Gen"}, PARTIES, within=25, preps={""}))
                if agent is None:
                    agent, conf = self.topic(discourse, index), conf * 0.75
                self.emit(out, agent, rel, partner, conf)
                return
            # "Китай остаётся крупнейшим торговым партнёром (и инвестором) Казахстана"
            partner = self.after(units, t, {"Gen"}, PARTIES, within=5 if doc[t].pos_ == "ADJ" else 3, preps={""})
            agent = self.before(units, t, {"Nom"}, PARTIES, within=8, preps={""})
            partner_noun = t + 1 < len(doc) and self.key(doc[t + 1]).startswith("партн")
            if partner is not None and agent is not None and (doc[t].pos_ == "NOUN" or partner_noun):
                self.emit(out, agent, rel, partner, conf * 0.9)
                return
            group = self.before(units, t, {"Nom", "Acc"}, PARTIES, within=6, preps={""})
            if group is None and t > 0 and doc[t - 1].lower_ == "ходе":
                # "В ходе переговоров стороны обсудили ...": the subject follows the adverbial
                group = self.after(units, t, {"Nom"}, PARTIES, within=2, preps={""})
            if group is not None and len(group.members) == 2:
                self.pairwise(out, group, rel, conf * 0.9)

    @staticmethod
    def enabled_after(doc: Doc, t: int) -> bool:
        """"... орнатуға мүмкіндік берді/береді": the relation noun is what someone is enabled to do."""
        return any(re.match(r"мүмкіндік", doc[k].text.lower()) for k in range(t + 1, min(len(doc), t + 4)))

    def between_kk(self, doc, units, t) -> Unit | None:
        """"X мен Y арасындағы/арасында" up to 4 tokens before the trigger."""
        for k in range(max(0, t - 5), t):
            if re.fullmatch(r"арасында(ғы)?", doc[k].text.lower()):
                group = self.before(units, k, {"Nom", ""}, PARTIES, within=0)
                if group is not None and len(group.members) >= 2:
                    return group
        return None

    def frame_meet(self, doc, units, t, discourse, index, out) -> None:
        self.symmetric(doc, units, t, "metWith", out, discourse=discourse, index=index)

    def frame_receive(self, doc, units, t, discourse, index, out) -> None:
        """"Глава государства принял Хакана Фидана", "Президент Фиданды қабылдады": a meeting of two people.

        Only a named person received by a named person (not "принял участие", "принял закон").
        """
        person = frozenset({"Person"})
        if self.lang == "kk":
            guest = self.before(units, t, {"Acc"}, person, within=3)
            host = self.before(units, guest.start, {"Nom"}, person, within=20, exclude=[guest]) if guest else None
        else:
            if doc[t].pos_ not in {"VERB", "AUX"} or "Pass" in doc[t].morph.get("Voice"):
                return
            guest = self.after(units, t, {"Acc", "Gen"}, person, within=3, preps={""})
            host = self.before(units, t, {"Nom"}, person, within=12, preps={""})
        if guest is None or host is None or not (guest.types | host.types) <= person or len(guest.members) != 1:
            return
        self.emit(out, host, "metWith", guest, 0.75)

    def frame_negotiate(self, doc, units, t, discourse, index, out) -> None:
        # talks are held in person unless the sentence says by phone: both metWith and negotiatesWith
        before = len(out)
        self.symmetric(doc, units, t, "negotiatesWith", out, discourse=discourse, index=index)
        for s, _, o, conf in out[before:]:
            out.append((s, "metWith", o, round(conf * 0.9, 2)))

    def frame_cooperate(self, doc, units, t, discourse, index, out) -> None:
        self.symmetric(doc, units, t, "cooperatesWith", out, 0.8, discourse=discourse, index=index)

    def frame_compete(self, doc, units, t, discourse, index, out) -> None:
        self.symmetric(doc, units, t, "competesWith", out, 0.8, discourse=discourse, index=index)

    def frame_contain(self, doc, units, t, discourse, index, out) -> None:
        # "Қытайды шектеу", "сдерживание Китая": the contained one is the object
        self.symmetric(doc, units, t, "competesWith", out, 0.8, obj_cases=("Acc", "Gen") if self.lang == "ru"
                       else ("Acc",), discourse=discourse, index=index)

    def frame_trade(self, doc, units, t, discourse, index, out) -> None:
        self.symmetric(doc, units, t, "tradesWith", out, 0.8, discourse=discourse, index=index)

    def frame_invest(self, doc, units, t, discourse, index, out) -> None:
        if self.lang == "kk":
            target = self.before(units, t, {"Dat", "Loc"}, frozenset({"Country", "Project", "Organization",
                                                                       "Region", "Place"}), within=10)
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
        else:
            kinds = frozenset({"Country", "Project", "Organization", "Region", "Place"})
            target = self.after(units, t, None, kinds, within=8, preps={"в"})
            if target is None and self.key(doc[t]).startswith("инвестор"):
                # "Китай — крупнейший инвестор Казахстана": the genitive is where the money goes
                target = self.after(units, t, {"Gen"}, kinds, within=2, preps={""})
            if target is None:  # "выделит Центральной Азии ... инвестиций"
                target = self.before(units, t, {"Dat"}, kinds, within=6, preps={""}) or self.after(
                    units, t, {"Dat"}, kinds, within=6, preps={""})
            if target is None:
                return
            agent = self.after(units, t, {"Gen"}, frozenset({"Country", "Organization"}), within=3, preps={"", "из"},
                               exclude=[target])
            if agent is None:
                agent = self.before(units, t, {"Nom"}, frozenset({"Country", "Organization"}), within=12, preps={""})
        self.emit(out, agent, "investsIn", target, 0.8)

    def frame_pressure(self, doc, units, t, discourse, index, out) -> None:
        if self.lang == "kk":
            agent = self.before(units, t, {"Gen", "Nom"}, AGENTS, within=12)
            target = self.before(units, t, {"Dat", "Acc"}, PARTIES, within=8, exclude=[agent] if agent else [])
            if target is None:
                target = self.demonym_target(doc, t, agent)
        else:
            # "санкции США против ...": the genitive right after the noun (not "против ряда российских компаний")
            agent = self.after(units, t, {"Gen"}, AGENTS, within=3, preps={""})
            if agent is not None and any(doc[k].pos_ == "ADP" for k in range(t + 1, agent.start)):
                agent = None
            if agent is None:
                agent = self.before(units, t, {"Nom"}, AGENTS, within=10, preps={""})
            target = self.after(units, t, None, PARTIES, within=6, preps={"на", "против", "в"})
            if target is None:
                target = self.demonym_target(doc, t, agent)
        self.emit(out, agent, "pressures", target, 0.75)

    def demonym_target(self, doc: Doc, t: int, agent: Unit | None) -> Unit | None:
        """The state an adjective of nationality names near a pressure noun: before it ("ресейлік
        компанияларға санкциялар"), or in Russian after it ("санкции против российских компаний")."""
        lo = agent.end if agent is not None else max(0, t - 6)
        after = range(t + 1, min(len(doc), t + 6)) if self.lang == "ru" else range(0)
        for k in [*range(lo, t), *after]:
            if k > t and doc[k].text in {".", ";", "!", "?"}:
                break
            country = demonym(doc[k].text, self.lang)
            if country and country in self.lexicon.actors and (agent is None or country not in
                                                                 {m.actor for m in agent.members}):
                return Unit([Member(country, "Country")], k, k + 1, "Nom", indirect=True)
        return None

    def frame_support(self, doc, units, t, discourse, index, out) -> None:
        if self.lang == "kk":
            target = self.before(units, t, {"Acc"}, frozenset({"Person", "Country", "Organization", "Project"}),
                                 within=2)
            if target is None:
                return
            agent = self.before(units, target.start, {"Nom", "Gen"}, AGENTS, within=15)
        else:
            target = self.after(units, t, {"Gen", "Acc", "Dat"}, frozenset({"Person", "Country", "Organization",
                                                                            "Project"}), within=3, preps={""})
            if target is None:
                return
            agent = self.before(units, t, {"Nom"}, AGENTS, within=12, preps={""})
        self.emit(out, agent, "supports", target, 0.75)

    def frame_member(self, doc, units, t, discourse, index, out) -> None:
        if self.lang == "kk":
            org = self.before(units, t, {"Gen"}, GATHERINGS, within=4)
            if org is None:
                return
            # "Әзербайжан ... кездесуінің мүшесі атанды", "Қазақстанның ШЫҰ-ның мүшесі екенін"
            member = self.before(units, org.start, {"Nom", "Gen"}, frozenset({"Country", "Organization", "Person"}),
                                 within=15)
        else:
            org = self.after(units, t, {"Gen", "Acc", ""}, GATHERINGS, within=4, preps={"", "в"})
            if org is None:
                return
            member = self.before(units, t, {"Nom"}, frozenset({"Country", "Organization", "Person"}), within=12,
                                 preps={""})
        self.emit(out, member, "memberOf", org, 0.85)

    def frame_use(self, doc, units, t, discourse, index, out) -> None:
        """"Астана БҰҰ, ШЫҰ, C5+1 форматтарын пайдаланады": using a format counts as membership."""
        user = self.before(units, t, {"Nom"}, frozenset({"Country", "Organization"}), within=12,
                           preps=None if self.lang == "kk" else {""})
        formats = self.before(units, t, {"Acc"}, frozenset({"Organization"}), within=3)
        if formats is None:
            formats = self.after(units, t, None, frozenset({"Organization"}), within=8)
        if formats is not None and user is not None and formats.start < user.start:
            return
        self.emit(out, user, "memberOf", formats, 0.7)

    def frame_host(self, doc, units, t, discourse, index, out) -> None:
        if self.lang == "kk":
            place = self.before(units, t, {"Loc"}, PLACES, within=3)
            event = self.after(units, t, None, GATHERINGS, within=6)
        else:
            place = self.after(units, t, {"Loc", ""}, PLACES, within=6, preps={"в"}) or self.before(
                units, t, {"Loc"}, PLACES, within=4, preps={"в"})
            # "саммит СНГ, который пройдёт в Душанбе": the event may stand in any case before
            event = self.before(units, t, None, GATHERINGS, within=8) or self.after(
                units, t, {"Nom"}, GATHERINGS, within=8)
        self.emit(out, place, "hosts", event, 0.8)

    def relative_places(self, doc: Doc, units: list[Unit], out: list) -> None:
        """Kazakh "Самарқандағы саммит" (hosts) and "Баку қаласындағы орталық" (locatedIn)."""
        if self.lang != "kk":
            return
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

    # ------------------------------------------------------------------ memory
    def remember(self, units: list[Unit], discourse: Discourse, index: int, out: Iterable = (),
                 on: dt.date | None = None) -> None:
        """Keep the sentence's topic country, last gathering and last pair of countries for the next ones.

        Two heads of state talking make their two countries the pair "екі ел" / "the two
        countries" refers to next: their offices come from this sentence's titles or the lexicon.
        """
        pair_before = discourse.last_pair
        for u in units:
            if u.case == "Nom" and len(u.members) == 1 and u.members[0].type == "Country" and not u.prep:
                discourse.topic = (index, u.members[0])
                break
        for u in units:
            if u.indirect:
                continue
            for m in u.members:
                if m.type == "Event" or (m.type == "Organization" and u.end - u.start > len(u.members)):
                    discourse.last_event = (index, m)
            countries = [m for m in u.members if m.type == "Country"]
            if len(countries) == 2 and len(u.members) == 2:
                discourse.last_pair = (index, countries)
        if discourse.last_pair is not pair_before:
            return
        led = {s: o for s, rel, o, _ in out if rel == "leaderOf" and self.type_of(o) == "Country"}
        people = list(dict.fromkeys(m.actor for u in units for m in u.members if m.type == "Person"))
        states: list[str] = []
        for person in people:
            state = led.get(person) or next((r.target for r in self.lexicon.roles_of(person, on)
                                             if r.relation == "leaderOf" and self.type_of(r.target) == "Country"), None)
            if state is not None and state not in states:
                states.append(state)
        if len(people) == 2 and len(states) == 2:
            discourse.last_pair = (index, [Member(c, "Country") for c in states])


# "the sides" of the last pair of states named ("екі ел" / "обе стороны" are two_countries)
_SIDES = {"kk": re.compile(r"тараптар(дың|ға|ды|мен)?"), "ru": re.compile(r"стороны|сторон|сторонам|сторонами"),
          "en": re.compile(r"$^")}

# nouns of an unnamed group that acts for the state its adjective of nationality names
_GROUP_NOUNS = {
    "kk": re.compile(r"(компания|инвестор|билік|делегация|дипломат|әскер|банк|бизнес|кәсіпкер)\w*"),
    "ru": re.compile(r"(компани|инвестор|власт|делегаци|дипломат|войск|банк|бизнес|предпринимател)\w*"),
    "en": re.compile(r"$^"),
}

# adjectives of nationality ("ресейлік компаниялар", "российских компаний") -> the state
_DEMONYMS = {
    "kk": ((r"қазақстандық\w*|қазақ(тың)?", "country_kz"), (r"америка(лық|ндық|н)\w*", "country_us"),
           (r"ресейлік\w*", "country_ru"), (r"қытайлық\w*", "country_cn"), (r"еуропалық\w*", "eu"),
           (r"өзбекстандық\w*", "country_uz"), (r"қырғызстандық\w*", "country_kg"), (r"тәжікстандық\w*", "country_tj"),
           (r"түрікменстандық\w*", "country_tm"), (r"түркиялық\w*", "country_tr"), (r"жапониялық\w*", "country_jp"),
           (r"германиялық\w*", "country_de"), (r"француздық\w*", "country_fr"), (r"британдық\w*", "country_gb"),
           (r"украиналық\w*", "country_ua"), (r"беларусьтік\w*", "country_by"), (r"әзербайжандық\w*", "country_az"),
           (r"ирандық\w*", "country_ir"), (r"үнділік\w*", "country_in"), (r"кореялық\w*", "country_kr")),
    "ru": ((r"казахстанск\w*", "country_kz"), (r"американск\w*", "country_us"), (r"российск\w*", "country_ru"),
           (r"китайск\w*", "country_cn"), (r"европейск\w*", "eu"), (r"узбекск\w*|узбекистанск\w*", "country_uz"),
           (r"кыргызск\w*|киргизск\w*|кыргызстанск\w*", "country_kg"), (r"таджикск\w*", "country_tj"),
           (r"туркменск\w*", "country_tm"), (r"турецк\w*", "country_tr"), (r"японск\w*", "country_jp"),
           (r"германск\w*|немецк\w*", "country_de"), (r"французск\w*", "country_fr"), (r"британск\w*", "country_gb"),
           (r"украинск\w*", "country_ua"), (r"белорусск\w*", "country_by"), (r"азербайджанск\w*", "country_az"),
           (r"иранск\w*", "country_ir"), (r"индийск\w*", "country_in"), (r"южнокорейск\w*", "country_kr")),
}


def units_at(types_by_start: dict[int, str], i: int) -> list[str]:
    """The type of the mention that starts at token i, as a list (empty when none does)."""
    return [types_by_start[i]] if i in types_by_start else []


def demonym(word: str, lang: str) -> str | None:
    """The country an adjective of nationality points to ("қазақстандық экспорт" -> Kazakhstan)."""
    return _demonym(word.lower(), lang)


@functools.lru_cache(maxsize=100_000)
def _demonym(low: str, lang: str) -> str | None:
    for pattern, actor in _DEMONYMS.get(lang, ()):
        if re.fullmatch(pattern, low):
            return actor
    return None

