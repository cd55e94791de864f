"""Extraction stage, Kazakh: the argument units of a sentence (names, indirect mentions, titles, coordination).

Kazakh marks roles by case on the last word of a name (`kk_morphology`). Titles follow their
owner and precede the holder ("АҚШ президенті Дональд Трамп"); a name carries the noun after
it ("G20 саммитіне" is G20 in the dative); only the last of coordinated names inflects
("Қытай, АҚШ және Ресейге"); relative forms (-дағы) place a gathering or a body
("Самарқандағы саммит"). `KazakhUnits` builds the units the frames of `kg.extract.kk` search;
titles are read by `kg.extract.kk.titles`, quotations' speakers by `kg.extract.kk.quotes`.
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc

from kg.extract.core import GATHERINGS, PLACES, Discourse, Member, Unit
from kg.extract.kk.quotes import FIRST_PERSON, FIRST_PERSON_VERB, quote_speaker
from kg.extract.kk.titles import VERB_FORM, KazakhTitles
from kg.model import Article, Mention
from kg.wordlists import pattern, words

CONJ = words("kk", "conjunctions")
SIDES = pattern("kk", "sides")
GROUP_NOUNS = pattern("kk", "group_nouns")
PARTICLES = frozenset({"да", "де", "та", "те"})
ORDINAL = re.compile(r"\d+(-\w+)?|[IVXLCDMХІ]+")  # "80-ші", "XXI", "ХІ" (Cyrillic Х and І)
ORDINAL_WORD = re.compile(r"\w+(ыншы|інші|ншы|нші)")  # "екінші", "оныншы"
NUMBERED_EVENT = re.compile(r"\d+-(саммит|сессия|форум|отырыс|кеңес|съез|конференция|кездесу)\w*")  # "22-отырысы"
# nouns of a gathering proper (not of a council or a format, which are bodies)
EVENT_NOUN = re.compile(r"(саммит|форум|сессия|конференция|отырыс|съез|конгрес|кездесу|іс-шара|құрылтай)")
QUOTE_MARKS = frozenset({"«", "»", "“", "”", '"'})
# third-person pronouns and their cases; "ол кезде" (at that time) is no pronoun
PRONOUNS = {"ол": "Nom", "оның": "Gen", "оны": "Acc", "оған": "Dat", "онымен": "Ins", "одан": "Abl"}
NOT_PRONOUN_NEXT = re.compile(r"(кез|жер|уақыт|күн|жыл|сәт|сапар|кездесу)\w*")
HEADS_PLURAL = re.compile(r"басшылар(ы|ының|ына|ын|ымен)")
# a title standing alone for the person last given it ("Министр ... кездесті"), and the stem of a title
BARE_TITLE = re.compile(r"(министр|елші|премьер-министр|вице-премьер|канцлер|спикер|төраға)(дің|ге|ді|мен)?")
# a gathering's noun with no name, for the gathering just spoken of: "Саммитке ... қатысты", "Отырыс аясында"
BARE_EVENT = re.compile(r"(саммит|формат|форум|отырыс|сессия|конференция|іс-шара)")
# "X аясында/шеңберінде": the gathering on whose sidelines something happens
SIDELINES = re.compile(r"аясында|шеңберінде|барысында|кезінде|қарсаңында")
# "Kazinform тілшісі", "деп хабарлайды Kazinform": the outlet that carries a report
CREDIT_NOUN = re.compile(r"тілшісі(нің)?|(ақпарат\s)?агенттігі(нің)?|сайты(ның)?|басылымы(ның)?")
REPORTS = re.compile(r"хабарлайды|хабарлады|жазады|жазды|мәлімдейді")
# "X-тың айтуынша": a source of words, not an actor
SOURCE_NOUN = re.compile(r"(айтуынша|пікірінше|сөзінше|мәліметінше|хабарлауынша|дерегінше|мәлімдеуінше)")
# what "екі" counts when it means the last pair of states named: "екі ел", "екі мемлекет"
PAIR_NOUN = re.compile(r"ел|елдің|елге|елді|елмен|елдер\w*|мемлекет\w*")


class KazakhUnits(KazakhTitles):
    """The unit-building half of the Kazakh extractor (its frames are in `kg.extract.kk`)."""

    def __init__(self, lexicon) -> None:
        super().__init__(lexicon)
        self._article = ""
        self._people_seen: set[str] = set()  # the people the article has named so far
        self._state_of: dict[str, str] = {}  # person -> the state their title in the article says they serve
        self._date = None  # the article's date
        self._index = 0  # the sentence's number in the article
        self._speaker: str | None = None  # who speaks, when the sentence is a quotation in the first person
        self._mentioned: list[tuple[int, str]] = []  # (sentence, person) of every person the article named
        self._leaders: list[tuple[int, str]] = []  # (sentence, person) of the heads of state the article named
        self._weak: set[str] = set()  # actors of this sentence read from a pronoun or the discourse, not named
        self._countries: dict[str, str] | None = None
        self._covered: set[int] = set()  # the tokens of this sentence's mentions
        self._person_tokens: set[int] = set()  # ... and of its people
        self._sidelines: list[Unit] = []  # this sentence's gatherings "on whose sidelines" things happen
        self._surnames: dict[str, str] = {}  # surname -> the open-world person the article named in full
        self._titled: list[tuple[int, str, str]] = []  # (sentence, person, title stem) of the titles read
        self._sources: list[Unit] = []  # this sentence's names that say where words come from ("X-тың айтуынша")

    # ------------------------------------------------------------------ units
    def make_units(self, doc: Doc, mentions: list[Mention], frames: list[str], article: Article,
                   discourse: Discourse, index: int, out: list) -> list[Unit]:
        if article.id != self._article or index == 0:
            self._article, self._people_seen, self._state_of, self._leaders = article.id, set(), {}, []
            self._surnames, self._titled, self._mentioned = {}, [], []
        self._date, self._index = article.date, index
        self._weak = set()  # per sentence
        self._sidelines = []
        self._people_seen.update(m.actor_id for m in mentions if self.type_of(m.actor_id) == "Person")
        self._speaker = None
        if any(t.text.lower() in FIRST_PERSON or (t.text == "Мен" and (t.i == 0 or doc[t.i - 1].is_punct))
               or FIRST_PERSON_VERB.fullmatch(t.text.lower()) for t in doc):
            last = discourse.last_agent.get("person")
            self._speaker = quote_speaker(article, index, self.lexicon, article.date, self._surnames.get,
                                          last[1][0].actor if last and len(last[1]) == 1 else None)
        mentions = [m for m in mentions if not (m.actor_id.startswith("new:") and m.tok_end - m.tok_start == 1
                                                and self.compound_pair(doc[m.tok_start].text))]
        # a name inside a longer one ("АҚШ" in "АҚШ Қаржы министрлігі") is part of it
        mentions = self.outermost(mentions)
        mentions = mentions + self.surnames_again(doc, mentions)
        self._covered = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
        self._mentioned += [(index, m.actor_id) for m in mentions if self.type_of(m.actor_id) == "Person"]
        self._person_tokens = {i for m in mentions if self.type_of(m.actor_id) == "Person"
                               for i in range(m.tok_start, m.tok_end)}
        # 1. single-name units, with indirect mentions added
        singles: list[Unit] = []
        for m in mentions:
            member = Member(m.actor_id, self.type_of(m.actor_id), bool(self.lexicon.capital_of(m.actor_id)))
            last = self._frames[m.tok_end - 1] if m.tok_end - 1 < len(self._frames) else ""
            head = doc[m.tok_end - 1].text.lower()
            singles.append(Unit([member], m.tok_start, m.tok_end, m.case or "",
                                event=(last == "head_event" and EVENT_NOUN.match(head) is not None)
                                or (last == "meet" and member.type != "Person")))
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
        singles = self.titles(doc, singles, frames, out, article)
        for s, rel, o, _ in out:
            if rel in {"leaderOf", "affiliatedWith"} and self.type_of(o) == "Country":
                self._state_of.setdefault(s, o)
        for s, rel, o, _ in out:
            if rel in {"leaderOf", "affiliatedWith"} and self.type_of(o) == "Organization":
                self._state_of.setdefault(s, o)  # one who heads or serves a body and no state speaks for the body
        led = {s for s, rel, o, _ in out if rel == "leaderOf" and self.type_of(o) == "Country"}
        for u in singles:
            for m in u.members:
                if m.type == "Person" and not u.indirect and (m.actor in led or any(
                        r.relation == "leaderOf" and self.type_of(r.target) == "Country"
                        for r in self.lexicon.roles_of(m.actor, article.date))):
                    self._leaders = [x for x in self._leaders if x[1] != m.actor] + [(index, m.actor)]
        self._sources = [u for u in singles if self.source(doc, u)]  # where words come from: kg.extract.kk.speech
        singles = [u for u in singles if not self.source(doc, u)]
        # 5. coordination; a gathering "on whose sidelines" something happens is no party to it
        units = self.coordinate(doc, singles)
        for u in units:
            if u.end < len(doc) and SIDELINES.fullmatch(doc[u.end].text.lower()) \
                    and (u.event or u.fits(frozenset({"Event"}))):
                self._sidelines.append(u)
                # governed by the postposition: no subject, partner or goal of the sentence's relations
                u.case, u.prep = "Loc", doc[u.end].text.lower()
        return units

    def surnames_again(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A bare surname of someone the article named in full and the lexicon lacks ("Бербок ханым")."""
        for m in mentions:
            words = m.actor_id.split(":", 3)[-1].split()
            if m.actor_id.startswith("new:Person:") and len(words) >= 2:
                self._surnames.setdefault(words[-1].lower(), m.actor_id)
        covered = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
        out = []
        for tok in doc:
            if tok.i in covered or not tok.text[:1].isupper() or not tok.text.replace(".", "").isalpha():
                continue
            for a in getattr(tok._, "kk_analyses", None) or ():
                actor = self._surnames.get(re.sub(r"^\w\.", "", a.lemma.lower()))  # "Е.Көшербаев" too
                if actor is not None and not a.possessive:
                    out.append(Mention(actor, tok.idx, tok.idx + len(tok.text), tok.i, tok.i + 1, tok.text, a.case,
                                       "surname"))
                    break
        return out

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
            pair = self.compound_pair(tok.text)
            if pair is not None:
                # "қазақ-қытай ынтымақтастығы", "Қазақстан-Түркия қарым-қатынастары": the two states
                out.append(Unit([Member(a, self.type_of(a)) for a in pair], i, i + 1, self.case_of(tok) or "Nom",
                                indirect=True))
                continue
            if self._speaker and (low in FIRST_PERSON or (tok.text == "Мен" and (i == 0 or doc[i - 1].is_punct))):
                # "Мені ... шақырғаны үшін", "Біз ... келіссөздер жүргіздік": the speaker of the quotation
                out.append(Unit([Member(self._speaker, "Person")], i, i + 1, FIRST_PERSON.get(low, "Nom"),
                                indirect=True))
                self._weak.add(self._speaker)
                continue
            if low in PRONOUNS and not (nxt is not None and NOT_PRONOUN_NEXT.match(nxt.text.lower())):
                # "Сапар аясында ол ... келіссөздер жүргізеді": he/she is the person the last sentences were about
                last = discourse.last_agent.get("person")
                if last and index - last[0] <= 2:
                    out.append(Unit([Member(m.actor, m.type) for m in last[1]], i, i + 1, PRONOUNS[low],
                                    indirect=True))
                    self._weak.update(m.actor for m in last[1])
                continue
            if f == "head_of_state" and nxt is not None and HEADS_PLURAL.fullmatch(nxt.text.lower()):
                # "мемлекет басшылары": the last two leaders the article named
                leaders = [a for k, a in self._leaders if index - k <= 3][-2:]
                if len(leaders) == 2:
                    out.append(Unit([Member(a, "Person") for a in leaders], i, i + 2, self.case_of(nxt),
                                    indirect=True))
                    frames[i] = frames[i + 1] = ""
                    self._weak.update(leaders)
                continue
            if f == "head_of_state" and nxt is not None and president:
                # "Мемлекет басшысы"
                if re.fullmatch(r"басшы(сы|сының|сына|сын|сымен|сынан)", nxt.text.lower()) \
                        and types_at.get(i + 2) != "Person":  # "Мемлекет басшысы Қ. Тоқаев" is a title
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
            if SIDES.fullmatch(low) and not (i > 0 and frames[i - 1] == "two_countries"):
                # "Тараптар ... талқылады": the two named last (a pair of states, or the two who just met)
                pair = discourse.last_pair if discourse.last_pair and index - discourse.last_pair[0] <= 2 else None
                met = discourse.last_agent.get("met")
                if met and index - met[0] <= 1 and (pair is None or met[0] > pair[0]):
                    pair = met
                if pair is not None:
                    out.append(Unit([Member(m.actor, m.type) for m in pair[1]], i, i + 1,
                                    self.case_of(tok) or "Nom", indirect=True))
                continue
            if BARE_TITLE.fullmatch(low) and (i - 1) not in taken and types_at.get(i + 1) != "Person":
                # "Министр сондай-ақ ... кездесті": the last person the article gave this title
                stem = BARE_TITLE.fullmatch(low).group(1)
                who = next((a for k, a, st in reversed(self._titled) if st == stem and index - k <= 4), None)
                if who is not None:
                    out.append(Unit([Member(who, "Person")], i, i + 1, self.case_of(tok) or "Nom", indirect=True))
                    self._weak.add(who)
                    frames[i] = ""
                continue
            country = self.ethnic(tok.text) if nxt is not None and (i + 1) not in taken else None
            if country and GROUP_NOUNS.fullmatch(nxt.text.lower()):
                # "ресейлік инвесторлар": an unnamed group acting for its state
                out.append(Unit([Member(country, "Country")], i, i + 2, self.case_of(nxt), indirect=True))
                taken.update((i, i + 1))
                continue
            if f == "two_countries":
                # "екі ел", "екі мемлекет"
                pair = self.pair_named_last(doc, i, frames, discourse, index, PAIR_NOUN)
                if pair is not None:
                    out.append(pair)
                continue
            if f == "head_event" and self.bare_event(doc, i, taken - self._person_tokens):
                event = self.gathering_named_last(doc, i, frames, discourse, index, within=3)
                if event is not None:
                    out.append(event)
        return out

    def ethnic(self, word: str) -> str | None:
        """The state an adjective of nationality or an ethnic name names: "ресейлік", "тәжік", "қырғыз", "қытай"."""
        low = word.lower()
        country = self.lexicon.demonym(word, self.lang)
        if country and country in self.lexicon.actors:
            return country
        if len(low) < 4 or not low.isalpha():
            return None
        return self._country_words().get(low) or self._country_words().get(low + "стан")

    def compound_pair(self, text: str) -> tuple[str, str] | None:
        """The two actors of a hyphenated pair of names or ethnic words: "қазақ-қытай", "Қазақстан-ЕО"."""
        parts = re.split(r"[-–—]", text)
        if len(parts) != 2 or not all(p.isalpha() for p in parts):
            return None
        ids = []
        for p in parts:
            found = self.ethnic(p) or next((a for a in self.lexicon.ids_for(p, self.lang)
                                            if self.type_of(a) in {"Country", "Organization"}), None)
            if found is None:
                return None
            ids.append(found)
        return (ids[0], ids[1]) if ids[0] != ids[1] else None

    def _country_words(self) -> dict[str, str]:
        """The lower-cased first words of the states' Kazakh names ("тәжікстан", "сауд", "қытай") -> the state."""
        if self._countries is None:
            self._countries = {}
            for name, actor in self.lexicon.names(self.lang):
                if self.type_of(actor) == "Country" and name[:1].isupper():
                    self._countries.setdefault(name.split()[0].lower(), actor)
        return self._countries

    @staticmethod
    def bare_event(doc: Doc, i: int, taken: set[int]) -> bool:
        """A summit noun that carries no name: "Саммитке ... қатысуы" (not "кеңесінің отырысы", "X-тың саммиті")."""
        if not BARE_EVENT.match(doc[i].text.lower()):
            return False
        if (i - 1) in taken or (i >= 2 and (i - 2) in taken):
            return False
        for k in range(i - 1, max(-1, i - 4), -1):
            tok = doc[k]
            if not tok.is_alpha:
                break
            if "Gen" in tok.morph.get("Case"):
                return False  # a possessor before it: the gathering is that one's
            if not tok.text.islower():
                break
        return True

    def state_of(self, actor: str, on) -> str:
        """The state a person serves (their title in the article, or a state they lead on `on`), else the body their
        title names; others as they are."""
        if self.type_of(actor) != "Person":
            return actor
        if actor in self._state_of:
            return self._state_of[actor]
        led = [r.target for r in self.lexicon.roles_of(actor, on)
               if r.relation == "leaderOf" and self.type_of(r.target) == "Country"]
        return led[0] if led else actor

    @staticmethod
    def source(doc: Doc, u: Unit) -> bool:
        """A name that only says where words come from, or where a report was filed, never an actor.

        "X-тың айтуынша", "РИА агенттігінің хабарлауынша", "деп хабарлайды Kazinform", "Kazinform
        тілшісі", a dateline's outlet ("KAZINFORM – ...") or place ("Берлин, 15 наурыз. ...").
        """
        nxt = doc[u.end].text.lower() if u.end < len(doc) else ""
        prev = doc[u.start - 1].text.lower() if u.start > 0 else ""
        if SOURCE_NOUN.fullmatch(nxt) or CREDIT_NOUN.fullmatch(nxt) or REPORTS.fullmatch(prev):
            return True
        if u.start > 2 or any(t.is_alpha and t.text.islower() for t in doc[:u.start]):
            return False
        if u.fits(frozenset({"Organization"})) and nxt in {"–", "—", "-"}:
            return True  # "KAZINFORM – Мемлекет басшысы ..."
        return u.fits(PLACES) and nxt == "," and u.end + 1 < len(doc) and doc[u.end + 1].like_num

    def absorb(self, doc: Doc, u: Unit, frames: list[str]) -> None:
        """The noun a name carries after it: "G20 саммитіне", "Нью-Йорк қаласына", "Трамп әкімшілігі"."""
        n = len(doc)
        j = u.end
        # skip an ordinal or a quoted tail: "БҰҰ Бас Ассамблеясының 80-ші сессиясына", "ұйымының ХІ саммиті"
        while j < n and (ORDINAL.fullmatch(doc[j].text) or ORDINAL_WORD.fullmatch(doc[j].text.lower())
                         or doc[j].text in {"»", "”", '"'}) \
                and not NUMBERED_EVENT.fullmatch(doc[j].text.lower()):
            j += 1
        if u.case == "Gen" and j < n and not frames[j]:
            # "Қазақстанның жасыл энергетика жобаларына", "форумының пленарлық отырысына": plain words
            # between the owner and its head
            k = j
            while k < n and k - j < 3 and not frames[k] and doc[k].text.replace("-", "").isalpha() \
                    and doc[k].text.islower():
                k += 1
            if k < n and k > j and frames[k] in {"head_of", "head_event"}:
                j = k
        if u.fits(frozenset({"Organization"})) and j < n:
            # "ШЫҰ-ға мүше мемлекеттер басшылары кеңесінің отырысы": a body's council that meets
            k = j
            while k < n and k - j < 6 and frames[k] in {"", "member", "title_leader", "head_of"} \
                    and doc[k].is_alpha and doc[k].text.islower() and not VERB_FORM.search(doc[k].text.lower()):
                k += 1
            if k < n and k > j and frames[k] == "head_event" and any(frames[x] == "member" for x in range(j, k)):
                for x in range(j, k):
                    frames[x] = ""
                j = k
        numbered = j < n and NUMBERED_EVENT.fullmatch(doc[j].text.lower()) is not None  # "кеңесінің 22-отырысы"
        if u.types == {"Person"} and j < n and (frames[j] != "head_of" or numbered):
            return  # "Тоқаев саммит барысында": a person carries no gathering's or place's noun
        if j < n and (frames[j] in {"head_event", "head_place", "head_of"} or numbered):
            u.event = frames[j] == "head_event" or numbered
            u.end = j + 1
            u.case = self.case_of(doc[j]) or u.case
            frames[j] = ""
            if u.event and u.case == "Gen" and j + 1 < n and frames[j + 1] == "head_event":
                # "кеңесінің отырысы": the council's session
                j += 1
                u.end, u.case, frames[j] = j + 1, self.case_of(doc[j]) or u.case, ""
            # "C5+1 форматындағы алдағы саммиттен", "форматындағы Сыртқы істер министрлерінің 4-ші
            # кеңесіне": the relative form points on to its noun, across the words of its name
            if self.is_rel(doc[j]):
                k = j + 1
                while k < n and k <= j + 6 and k not in self._covered:
                    if frames[k] == "head_event":
                        u.event = True
                        u.end = k + 1
                        u.case = self.case_of(doc[k]) or u.case
                        frames[k] = ""
                        break
                    if frames[k] not in {"", "head_of", "title_affiliate", "title_leader"} \
                            or not (doc[k].is_alpha or ORDINAL.fullmatch(doc[k].text)):
                        break
                    k += 1
        elif j < n and frames[j] == "administration":
            self.to_leaders_country(u)
            u.end = j + 1
            u.case = self.case_of(doc[j]) or u.case
            frames[j] = ""

    # "Қытай, АҚШ және Ресейге": names joined by commas and conjunctions become one unit (the core's `coordinate`)
    conjunctions = CONJ

    def coordination_gap(self, doc: Doc, a: Unit, b: Unit) -> list[str]:
        return [t.text.lower() for t in doc[a.end:b.start] if t.text not in QUOTE_MARKS]

    @staticmethod
    def joined_case(a: Unit, b: Unit) -> str:
        return b.case or a.case  # only the last conjunct inflects

    @staticmethod
    def compatible(a: Unit, b: Unit, gap: list[str]) -> bool:
        if a.event != b.event:
            return False  # "... кеңесінің отырысы мен Тәжікстанда ...": a gathering and a place are no list
        if set(gap) & PARTICLES and not set(gap) - PARTICLES - {","}:
            # "Шығысқа да, Батысқа да": each conjunct carries its own case
            return a.case == b.case
        if gap == ["сондай-ақ"]:
            return a.case == b.case  # "Министр сондай-ақ ... X-пен": "also" after a subject joins no partner
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
