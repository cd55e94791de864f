"""Extraction stage, Russian units: names and the words around them -> argument units (`kg.extract.ru` uses them).

Russian marks roles by case and preposition on every word of a name (natasha's morphology),
so a unit carries the case of its head word and the preposition before it. Titles fold the
office into the person ("президента США Дональда Трампа"), names absorb the gathering nouns
they carry ("на саммите G20"), coordinated names become one unit ("Казахстан, Китай и
Россия"), and indirect mentions are added ("Глава государства", a bare "Президент", "наша
страна", "стороны", "обе страны").
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc, Token

from kg.extract.core import Discourse, Member, Unit
from kg.extract.ru.titles import RussianTitles
from kg.model import Article, Mention
from kg.nlp.ru_names import parses
from kg.wordlists import pattern, words

OUR = words("ru", "our")
CONJ = words("ru", "conjunctions")
PREPS = words("ru", "prepositions")
SIDES = pattern("ru", "sides")
GROUP_NOUNS = pattern("ru", "group_nouns")
CHIEF = pattern("ru", "chief_adjectives")
STATE_GROUPS = pattern("ru", "state_groups")
REPORTING = pattern("ru", "reporting_verbs")
MEDIA_NOUNS = pattern("ru", "media_nouns")
OFFICIAL = pattern("ru", "official_bodies")
POSSESSIVES = words("ru", "possessives")
BODY_KINDS = pattern("ru", "body_kinds")
# what "оба"/"два" counts when it means the last pair of states named: "обе стороны", "двух стран"
PAIR_NOUN = re.compile(r"страны|стран|странам|странами|государства|государств|государствами|сторон|стороны|"
                       r"сторонами")


def compound_part(word: str) -> str:
    """The normal form of one part of a hyphenated compound noun (pymorphy3's first reading)."""
    ps = parses(word)
    return ps[0].normal_form if ps else word


class RussianUnits(RussianTitles):
    """The units of a Russian sentence: its names with their case, preposition, titles and coordination."""

    def key(self, token: Token) -> str:
        text = token.text.lower()
        if "-" in text and token.is_alpha is False and all(text.split("-")) and not token.text[1:].isupper() \
                and not any(p.is_known for p in parses(text)[:1]):
            # "Государства-члены", "страны-участницы", which the dictionary lacks whole: each part to its
            # normal form ("вице-премьером" it knows)
            return "-".join(compound_part(p) for p in text.split("-")).replace("ё", "е")
        return (token.lemma_ or token.text).lower().replace("ё", "е") if token.lemma_ else text

    def refine_frame(self, token: Token, key: str, frame: str) -> str:
        if frame.startswith("title") and self.inside_title(token):
            return ""
        if frame == "title_affiliate" and key in {"директор", "секретарь"} and token.i > 0 \
                and CHIEF.fullmatch(token.doc[token.i - 1].text.lower()):
            return "title_leader"  # "генеральный директор", "генеральный секретарь": the head
        if frame == "cooperate" and key.startswith("партн"):
            for k in range(token.i - 1, max(-1, token.i - 5), -1):
                prev = token.doc[k]
                if self.key(prev).startswith(("торгов", "инвестицион")):
                    return ""  # "торговый партнёр": a trade partner, read by the adjective's frame
                if not (prev.pos_ == "ADJ" or prev.lower_ in {"и", ","}):
                    break
        return frame

    @staticmethod
    def inside_title(token: Token) -> bool:
        """"председатель кабинета министров": a plural office in the genitive after a noun names no one."""
        if token.i == 0 or token.morph.get("Number") != ["Plur"] or token.morph.get("Case") != ["Gen"]:
            return False
        prev = token.doc[token.i - 1]
        return prev.pos_ == "NOUN" and prev.morph.get("Case") == ["Gen"]

    @staticmethod
    def is_noun_trigger(token: Token) -> bool:
        return token.pos_ in {"NOUN", "PROPN"}

    # ------------------------------------------------------------------ units
    def make_units(self, doc: Doc, mentions: list[Mention], frames: list[str], article: Article,
                   discourse: Discourse, index: int, out: list) -> list[Unit]:
        self._article = article
        people = getattr(discourse, "ru_people", None)
        self._recent_subject = people[1] if people is not None and index - people[0] == 1 else None
        # 1. single-name units, with indirect mentions added; a name inside a longer one (the countries
        # of "форум «Казахстан – Китай»") is part of it
        mentions = self.outermost(mentions)
        self._mentions = mentions
        singles: list[Unit] = []
        for m in mentions:
            member = Member(m.actor_id, self.type_of(m.actor_id), bool(self.lexicon.capital_of(m.actor_id)))
            singles.append(Unit([member], m.tok_start, m.tok_end, m.case or ""))
        taken = set()
        for u in singles:
            taken.update(range(u.start, u.end))
        starts = {m.tok_start for m in mentions}
        singles.extend(self.indirect_units(doc, frames, taken, article, discourse, index, starts))
        singles.sort(key=lambda u: u.start)
        singles = [u for u in singles if not self.source(doc, u)]
        # 2. heads a name carries: "на саммит G20"
        for u in singles:
            self.absorb(doc, u, frames)
        singles = self.organs(doc, singles)
        self.seats(doc, singles, out)
        # 3. titles: "президента США Дональда Трампа"; then pronouns, which may point at a title's holder
        singles = self.titles(doc, singles, frames, out)
        singles = self.pronouns(doc, singles, discourse, index)
        # 4. prepositions
        for u in singles:
            j = u.start - 1
            while j >= 0 and u.start - j <= 3 and doc[j].pos_ == "ADJ" and doc[j].is_alpha:
                j -= 1  # "с американскими конгрессменами X", "со Специальным представителем X"
            if j >= 0 and doc[j].text.lower() in PREPS:
                u.prep = doc[j].text.lower().replace("во", "в").replace("со", "с").replace("ко", "к")
            elif j >= 1 and doc[j].text.lower() == "стороны" and doc[j - 1].text.lower() in {"со", "с"}:
                u.prep = "by"
        for u in singles:
            if u.attributive:
                u.prep = "attr"  # names an adjective, not a role of its own
        # 5. coordination
        return self.coordinate(doc, singles)

    def indirect_units(self, doc: Doc, frames: list[str], taken: set[int], article: Article,
                       discourse: Discourse, index: int, starts: set[int]) -> list[Unit]:
        """"Глава государства", a bare "Президент", "наша страна", "стороны", "между странами", "обе страны"."""
        out: list[Unit] = []
        kz_president = self.lexicon.holder("leaderOf", "country_kz", article.date)
        president = self.head_of_state(discourse, index, kz_president)
        kz = "country_kz" if "country_kz" in self.lexicon.actors else None
        n = len(doc)
        for i, tok in enumerate(doc):
            if i in taken:
                continue
            f = frames[i]
            low = tok.text.lower()
            nxt = doc[i + 1] if i + 1 < n else None
            if f == "head_of_state" and nxt is not None and president:
                continue  # "государства" of "Глава государства", read at "Глава"
            if low.startswith("глав") and nxt is not None and nxt.text.lower() in OUR and i + 2 < n \
                    and doc[i + 2].text.lower() == "государства" and kz_president:
                # "Глава нашего государства": Kazakhstan's, whoever was named last
                out.append(Unit([Member(kz_president, "Person")], i, i + 3, self.case_of(tok), indirect=True))
                frames[i] = frames[i + 1] = frames[i + 2] = ""
                continue
            if low.startswith("глав") and nxt is not None and nxt.text.lower() == "государства":
                if president:
                    out.append(Unit([Member(president, "Person")], i, i + 2, self.case_of(tok), indirect=True))
                    frames[i] = frames[i + 1] = ""
                continue
            if f == "president" or (f == "title_leader" and low.startswith("президент")):
                # a bare "Президент" is the head of state on the article's date; before a name it is
                # that person's title, before a country a title construction
                if not president or (i - 1) in taken or low.endswith(("тер", "тері", "ы")):
                    continue
                if i > 0 and self.lexicon.demonym(doc[i - 1].text, self.lang):
                    continue  # "российского президента": that state's, read with the titles
                if (i + 1) in starts or (nxt is not None and nxt.text[:1].isupper()):
                    continue
                out.append(Unit([Member(president, "Person")], i, i + 1, self.case_of(tok), indirect=True))
                frames[i] = ""
                continue
            if low in {"эта", "этой", "эту", "этою"} and nxt is not None and nxt.lemma_ == "страна" \
                    and (i + 1) not in taken:
                # "находится в этой стране": the state named last before it, here or in the sentence before
                state = self.last_state(doc, i, taken, discourse, index)
                if state:
                    out.append(Unit([Member(state, "Country")], i, i + 2, self.case_of(nxt), indirect=True))
                    frames[i + 1] = ""
                continue
            if f == "our_country" and kz:
                if i > 0 and doc[i - 1].text.lower() in OUR:
                    out.append(Unit([Member(kz, "Country")], i - 1, i + 1, self.case_of(tok), indirect=True))
                    frames[i] = ""
                continue
            if discourse.last_pair and index - discourse.last_pair[0] <= 2 and SIDES.fullmatch(low) \
                    and not (i > 0 and frames[i - 1] == "two_countries"):
                # "Стороны обсудили ...": the two named last
                out.append(Unit([Member(m.actor, m.type) for m in discourse.last_pair[1]], i, i + 1,
                                self.case_of(tok) or "Nom", indirect=True))
                continue
            pair = self.compound_demonym(tok.text)
            if pair:
                # "российско-узбекистанских отношений": the states the noun after it relates
                out.append(Unit([Member(c, "Country") for c in pair], i, i + 1, self.case_of(tok), indirect=True,
                                attributive=True))
                continue
            country = self.lexicon.demonym(tok.text, self.lang) if nxt is not None and (i + 1) not in taken else None
            if country and country in self.lexicon.actors and (i + 2) not in starts and (
                    GROUP_NOUNS.fullmatch(nxt.text.lower()) or frames[i + 1] == "head_of"):
                # "китайские компании": an unnamed group acting for its state; "в казахстанскую экономику":
                # the state itself (but "японская компания Mitsubishi" is Mitsubishi)
                out.append(Unit([Member(country, "Country")], i, i + 2, self.case_of(nxt), indirect=True))
                taken.update((i, i + 1))
                frames[i + 1] = ""
                continue
            if f == "between" and nxt is not None and discourse.last_pair \
                    and (i + 1) not in taken and nxt.text.lower() in {"странами", "сторонами", "государствами"}:
                # "товарооборот между странами": the last pair of countries named
                seen_at, members = discourse.last_pair
                if index - seen_at <= 4:
                    out.append(Unit([Member(m.actor, m.type) for m in members], i + 1, i + 2, "Ins", indirect=True))
                    taken.add(i + 1)
                continue
            if f == "two_countries":
                # "обе стороны", "двух стран"
                pair = self.pair_named_last(doc, i, frames, discourse, index, PAIR_NOUN)
                if pair is not None:
                    out.append(pair)
                continue
            if f == "head_event" and self.bare_event(doc, i, taken):
                event = self.gathering_named_last(doc, i, frames, discourse, index, within=5)
                if event is not None:
                    out.append(event)
        return out

    @staticmethod
    def adjective(tok: Token) -> bool:
        """An adjective by natasha or, for a word natasha misreads, by pymorphy3's first reading."""
        ps = parses(tok.text)
        return tok.pos_ == "ADJ" or (bool(ps) and ps[0].tag.POS == "ADJF")

    def organs(self, doc: Doc, units: list[Unit]) -> list[Unit]:
        """"Совет министров иностранных дел СНГ", "Совет глав государств - членов ШОС": a body named by common
        words before a known body in the genitive is that body's organ, which stands for it."""
        drop: set[int] = set()
        for a, b in itertools.pairwise(units):
            gap = doc[a.end:b.start]
            if len(a.members) != 1 or not a.members[0].actor.startswith("new:Organization:") or len(gap) > 2 \
                    or b.members[0].actor.startswith("new:") or not b.types <= {"Organization"} or b.case != "Gen" \
                    or not all(w.is_punct or w.is_lower for w in gap) or not self.common_words(a.members[0].actor):
                continue
            b.start, b.case, b.event = a.start, a.case, a.event or b.event
            drop.add(id(a))
        return [u for u in units if id(u) not in drop]

    def seats(self, doc: Doc, units: list[Unit], out: list) -> None:
        """"Центр исламской цивилизации Ташкента": a body the lexicon lacks, followed by a city in the
        genitive, lies in that city (a known body's seat is the lexicon's)."""
        for a, b in itertools.pairwise(units):
            if a.end == b.start and len(a.members) == 1 and a.members[0].actor.startswith("new:Organization:") \
                    and b.types <= {"Place"} and len(b.members) == 1 and (b.case == "Gen" or any(
                        p.tag.case == "gent" for p in parses(doc[b.end - 1].text))):
                out.append((a.members[0].actor, "locatedIn", b.members[0].actor, 0.7))

    @staticmethod
    def common_words(actor: str) -> bool:
        """An open-world name made of words the dictionary knows as common nouns and adjectives."""
        names = {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"}
        words = actor.split(":", 3)[3].split()
        firsts = [parses(w)[0] for w in words if parses(w)]
        return len(firsts) == len(words) and all(
            f.is_known and f.tag.POS in {"NOUN", "ADJF"} and not names & f.tag.grammemes for f in firsts)

    def source(self, doc: Doc, u: Unit) -> bool:
        """An outlet credited for the report, which is never an actor of it: "сообщает ТАСС", "/Казинформ/",
        "ТАШКЕНТ, 2 сен — Sputnik.", "по данным Reuters", "со ссылкой на X"."""
        if not u.types <= {"Organization"} or all(self.official(m.actor) for m in u.members):
            return False  # an official body credited speaks for itself ("сообщает МИД X")
        before = [w.lower_ for w in doc[max(0, u.start - 3):u.start]]
        while before and MEDIA_NOUNS.fullmatch(before[-1]):
            before.pop()  # "передаёт корреспондент Kazinform"
        if before and (REPORTING.fullmatch(before[-1]) or before[-2:] in (["по", "данным"], ["по", "информации"])
                       or before[-3:] == ["со", "ссылкой", "на"]):
            return True
        if u.start > 0 and u.end < len(doc) and doc[u.start - 1].text == "/" and doc[u.end].text == "/":
            return True
        return u.start > 0 and doc[u.start - 1].text in {"—", "–", "-"} and (
            u.end >= len(doc) or doc[u.end].text in {".", "-", "—", "–"}) and any(
            w.like_num for w in doc[max(0, u.start - 5):u.start])

    def official(self, actor: str) -> bool:
        """An official body (a ministry, a government, an embassy, the Kremlin), by the first word of its name."""
        if actor.startswith("new:"):
            name = actor.split(":", 3)[3]
        else:
            known = self.lexicon.actors.get(actor)
            name = known.labels.get("ru", "") if known is not None else ""
        first = name.split()[0].lower() if name.split() else ""
        return bool(first) and OFFICIAL.fullmatch(first) is not None

    def last_state(self, doc: Doc, i: int, taken: set[int], discourse: Discourse, index: int) -> str | None:
        """The state named last before token `i`: in this sentence's names, else the sentence before's."""
        for m in reversed(self._mentions):
            if m.tok_end <= i and self.type_of(m.actor_id) == "Country":
                return m.actor_id
        last = getattr(discourse, "ru_last_state", None)
        return last[1] if last is not None and index - last[0] == 1 else None

    def compound_demonym(self, word: str) -> list[str]:
        """The states of a compound adjective of nationality ("казахстанско-китайский"), or []."""
        parts = word.split("-")
        if len(parts) < 2:
            return []
        states = [self.lexicon.demonym(p, self.lang) for p in parts]
        if not all(s and self.type_of(s) == "Country" for s in states) or len(set(states)) != len(states):
            return []
        return [s for s in states if s]

    def head_of_state(self, discourse: Discourse, index: int, kz_president: str | None) -> str | None:
        """Who a bare "Глава государства" or "Президент" is: Kazakhstan's president in Kazakhstani
        media (ONTOLOGY.md), but in an article that has not named him and has just named another
        head of state, that one ("Президент Таджикистана Эмомали Рахмон ... Там глава государства")."""
        heads = getattr(discourse, "ru_heads", None)
        if heads is None or kz_president in heads["seen"] or heads["last"] is None:
            return kz_president
        seen_at, person = heads["last"]
        return person if index - seen_at <= 3 else kz_president

    def remember(self, units: list[Unit], discourse: Discourse, index: int, out=(), on=None) -> None:
        before = discourse.last_event
        super().remember(units, discourse, index, out, on)
        # the last gathering is one named as such (an event, or a body with a gathering noun), not any
        # name of two words ("Qazaq Camel")
        discourse.last_event = before
        for u in units:  # (a bare "форум" that stood for it keeps it fresh)
            if (u.event or (u.types <= {"Event"} and not u.indirect)) and u.members:
                discourse.last_event = (index, u.members[0])
        heads = discourse.kept("ru_heads", lambda: {"seen": set(), "last": None})
        led = {s for s, rel, o, _ in out if rel == "leaderOf" and self.type_of(o) == "Country"}
        named = []
        for u in units:
            if u.indirect:
                continue
            for m in u.members:
                if m.type != "Person":
                    continue
                heads["seen"].add(m.actor)
                if m.actor in led or any(r.relation == "leaderOf" and self.type_of(r.target) == "Country"
                                         for r in self.lexicon.roles_of(m.actor, on)):
                    named.append((u.case != "Nom", m.actor))
        if named:
            heads["last"] = (index, sorted(named, key=lambda x: x[0])[0][1])
        states = [m for u in units if not u.indirect for m in u.members if m.type == "Country"]
        if states:
            discourse.ru_last_state = (index, states[-1].actor)
        # the people of this sentence, for "он" (its subject) and "тот" (the other one) in the next
        people = [(u.case == "Nom" and not u.prep, u.members[0]) for u in units
                  if len(u.members) == 1 and u.members[0].type == "Person"]
        if people:
            subject = next((m for nom, m in people if nom), None)
            other = next((m for nom, m in reversed(people) if not nom), None)
            discourse.ru_people = (index, subject, other)

    def pronouns(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int) -> list[Unit]:
        """"он" is the person (or unnamed head of a state) named last before it in its sentence, else the
        subject of the sentence before; "тот" the other person of the sentence before."""
        taken = {i for u in units for i in range(u.start, u.end)}
        made: list[Unit] = []
        self._pronoun_starts: set[int] = set()
        people = getattr(discourse, "ru_people", None)
        recent = people if people is not None and index - people[0] <= 1 else None
        for i, tok in enumerate(doc):
            if i in taken or tok.pos_ not in {"PRON", "DET"} or tok.morph.get("Number") != ["Sing"]:
                continue
            possessive = tok.lower_ in POSSESSIVES and i + 1 < len(doc) and doc[i + 1].pos_ in {"NOUN", "ADJ", "PROPN"}
            if tok.lemma_ == "он" and tok.morph.get("Gender") == ["Masc"] and tok.morph.get("Poss") != ["Yes"] \
                    and not possessive:  # ("его узбекский коллега" is no "him")
                near = [u for u in units if u.end <= i and len(u.members) == 1 and (
                    u.types <= {"Person"} or id(u) in self._office_units)]
                member = near[-1].members[0] if near else (recent[1] if recent else None)
            elif tok.lemma_ == "тот" and tok.lower_ == "тот" and tok.dep_ == "nsubj":
                member = recent[2] if recent else None
            else:
                continue
            if member is not None:
                made.append(Unit([Member(member.actor, member.type)], i, i + 1, self.case_of(tok), indirect=True))
                self._pronoun_starts.add(i)
        return sorted(units + made, key=lambda u: u.start) if made else units

    @staticmethod
    def bare_event(doc: Doc, i: int, taken: set[int]) -> bool:
        """A gathering noun that carries no name nor complement: "на саммите выступил ...", "на мероприятие
        прибыли ..." (not "заседание правительства")."""
        if not re.match(r"(саммит|формат|форум|мероприяти|заседани|сесси|конференци|съезд)", doc[i].text.lower()):
            return False
        if i + 1 < len(doc) and doc[i + 1].pos_ in {"NOUN", "PROPN"} and doc[i + 1].morph.get("Case") == ["Gen"]:
            return False
        return (i + 1) not in taken and (i - 1) not in taken

    def absorb(self, doc: Doc, u: Unit, frames: list[str]) -> None:
        """The noun before a name that it carries: "на саммите G20", "администрация Трампа"."""
        j = u.start - 1
        if j >= 0 and doc[j].text in {"«", '"', "“"}:
            j -= 1
        topic = frames[j] == "head_event" and u.end < len(doc) and doc[u.end].lower_ == "по" if j >= 0 else False
        if j >= 0 and frames[j] in {"head_event", "head_place", "head_of"} and not topic:
            # (not "Конференция ООН по ...": a gathering named by its topic is not the body's own)
            u.event = frames[j] == "head_event"
            u.start = j
            u.case = self.case_of(doc[j]) or u.case
            frames[j] = ""
        elif j >= 0 and STATE_GROUPS.fullmatch(doc[j].text.lower()) and u.types <= {"Country", "Organization"} \
                and u.case in {"Gen", ""}:
            u.start = j  # "делегация Казахстана": a group acting for its state
            u.case = self.case_of(doc[j]) or u.case
        elif j >= 0 and frames[j] == "administration":
            self.to_leaders_country(u)
            u.start = j
            u.case = self.case_of(doc[j]) or u.case
            frames[j] = ""
        elif j >= 0 and (not u.case or BODY_KINDS.fullmatch(doc[j].lemma_.lower())) and u.types <= {"Organization"} \
                and doc[j].pos_ == "NOUN" and doc[j].is_lower and not frames[j] and self.case_of(doc[j]):
            # "компания Zentra Holding": a name with no case stands in its descriptor's, with its adjectives; so
            # does a name after a noun of its kind, which keeps its own nominative ("возглавляет компанию Кловойл")
            u.start, u.case = j, self.case_of(doc[j])
            while u.start > 0 and self.adjective(doc[u.start - 1]) and not frames[u.start - 1] \
                    and self.case_of(doc[u.start - 1]) == u.case:
                u.start -= 1

    # "Казахстан, Китай и Россия", "в Сылдавию и Зубровку": coordinated names become one unit (the core's
    # `coordinate`)
    conjunctions = CONJ

    def coordination_gap(self, doc: Doc, a: Unit, b: Unit) -> list[str]:
        start = b.start
        while start > a.end + 1 and doc[start - 1].is_lower and b.start - start < 2 and self.adjective(doc[start - 1]):
            start -= 1  # "Алматинская область и китайская TBEA": the adjective is the second name's
        return [t.text.lower() for t in doc[a.end:start] if t.lower_ not in POSSESSIVES]

    @staticmethod
    def joined_case(a: Unit, b: Unit) -> str:
        if a.case == "Gen" and b.case == "Nom" and not a.prep:
            return "Nom"  # natasha may tag the first of a subject list Gen or Acc
        return a.case or b.case

    @staticmethod
    def compatible(a: Unit, b: Unit, gap: list[str]) -> bool:
        if b.prep and b.prep != a.prep:
            return False
        if set(gap) <= {","} and ("Person" in a.types) != ("Person" in b.types):
            return False  # "..., Ольга Добринская, Япония рассматривает": a comma ends an apposition here
        if a.prep and not b.prep:
            return True  # "в Сылдавию, Зубровку и Караманию": the preposition governs the list
        same = {a.case, b.case} <= {"Nom", "Acc"}  # the forms coincide for inanimate nouns
        same = same or ({a.case, b.case} <= {"Gen", "Acc"} and (a.types | b.types) <= {"Person"})  # and animate
        # natasha may tag the first of a subject list Gen: after "и", or at the start of the sentence
        subject_list = b.case == "Nom" and a.case == "Gen" and ("и" in gap or (a.start == 0 and not a.prep))
        return not a.case or not b.case or a.case == b.case or same or subject_list
