"""Extraction stage, Kazakh: roles from case suffixes, titles after their owner, postpositions after the noun.

Kazakh marks roles by case on the last word of a name (`kk_morphology`): the agent stands in
the nominative or genitive before the verb, the patient in the accusative ("Тоқаевты
шақырды"), the goal in the dative ("саммитке"), the partner in the instrumental ("Қытаймен").
Titles follow their owner and precede the holder ("АҚШ президенті Дональд Трамп"); a name
carries the noun after it ("G20 саммитіне" is G20 in the dative); only the last of coordinated
names inflects ("Қытай, АҚШ және Ресейге"); "X мен Y арасындағы" is a pair; relative forms
(-дағы) place a gathering or a body ("Самарқандағы саммит"). The trigger words are
`kg/lexicons/triggers_kk.tsv`, the closed word classes `kg/lexicons/words_kk.tsv`.
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc, Token

from kg import registry
from kg.extract.core import AGENTS, GATHERINGS, PARTIES, PLACES, SYMMETRIC_FRAMES, Discourse, Extractor, Member, Unit
from kg.model import Article, Mention
from kg.wordlists import pattern, words

CONJ = words("kk", "conjunctions")
SIDES = pattern("kk", "sides")
GROUP_NOUNS = pattern("kk", "group_nouns")
PARTICLES = frozenset({"да", "де", "та", "те"})
# what "екі" counts when it means the last pair of states named: "екі ел", "екі мемлекет"
PAIR_NOUN = re.compile(r"ел|елдің|елге|елді|елмен|елдер\w*|мемлекет\w*")


@registry.extractors.register("kk")
class KazakhExtractor(Extractor):
    """Relation extraction for Kazakh sentences, one article at a time."""

    lang = "kk"
    name = "kk-case-roles"

    def __init__(self, lexicon) -> None:
        super().__init__(lexicon)
        self._modifiers: set[int] = set()

    def refine_frame(self, token: Token, key: str, frame: str) -> str:
        if key == "қатысты" and self.clause_final(token):
            return "participate"  # "... конференциясына қатысты." (took part), not "X-ке қатысты" (regarding)
        return frame

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

    # ------------------------------------------------------------------ frames
    def before_frames(self, doc: Doc) -> None:
        self._modifiers = {t for t in range(len(doc)) if self._frames[t] in SYMMETRIC_FRAMES
                           and self.modifier_head(doc, t) is not None}

    def silent(self, doc: Doc, t: int) -> bool:
        return t in self._modifiers

    def modifier_head(self, doc: Doc, t: int) -> int | None:
        """"сауда, экономикалық және мәдени серіктестік": a bare relation noun listed before the
        relation noun it describes is a modifier of that head, not a relation of its own."""
        if t + 1 >= len(doc) or doc[t + 1].text not in {",", "және"}:
            return None
        for k in range(t + 1, min(len(doc), t + 10)):
            tok = doc[k]
            if self._frames[k] in SYMMETRIC_FRAMES:
                return k
            if not (tok.text in {",", "және"} or (tok.text.replace("-", "").isalpha() and tok.text.islower())):
                return None
        return None

    @staticmethod
    def plain_between(doc: Doc, units: list[Unit], a: int, b: int) -> bool:
        """Only lower-case words, commas, "және" and a closing bracket between tokens a and b: no other name."""
        if any(a <= u.start < b for u in units):
            return False
        return all(t.text in {",", "және", ")"} or (t.text.replace("-", "").isalpha() and t.text.islower())
                   for t in doc[a:b])

    def frame_invite(self, doc, units, t, discourse, index, out, passive: bool = False) -> None:
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
        if goal is not None and goal.members:
            discourse.last_goal = (index, goal.members[0])

    def frame_invite_passive(self, doc, units, t, discourse, index, out) -> None:
        self.frame_invite(doc, units, t, discourse, index, out, passive=True)

    def frame_visit(self, doc, units, t, discourse, index, out) -> None:
        if "invite" in self._frames[max(0, t - 4):t + 5]:
            # "Путинді Қазақстанға сапармен келуге шақырды": the invitee is the traveller, and the
            # visit is only planned by the invitation
            return
        dest = self.before(units, t, {"Dat"}, PLACES, within=8)
        if dest is None:
            # "Мәскеу сапары": a bare place name right before the visit noun
            dest = self.before(units, t, {"Nom"}, PLACES, within=0)
        if dest is None:
            return
        # the traveller stands before the destination or between it and the verb
        agent = self.before(units, t, {"Gen", "Nom"}, frozenset({"Person", "Country"}), within=15, exclude=[dest])
        if agent is None:
            agent = self.after(units, t, {"Nom"}, frozenset({"Person"}), within=12)
        conf = 0.85
        if agent is None:
            last = discourse.last_agent.get("visited")
            if last and index - last[0] <= 6:
                agent = Unit(list(last[1]), t, t, "Nom", indirect=True)
                conf = 0.6
        self.emit(out, agent, "visited", dest, conf)
        if agent is not None and conf >= 0.85:
            discourse.last_agent["visited"] = (index, list(agent.members))

    def frame_participate(self, doc, units, t, discourse, index, out) -> None:
        target = self.before(units, t, {"Dat"}, GATHERINGS, within=10)
        if target is None:
            return
        agent = self.before(units, t, {"Gen", "Nom"}, AGENTS, within=15, exclude=[target])
        if agent is None:
            agent = self.before(units, target.start, {"Gen", "Nom"}, AGENTS, within=15)
        self.emit(out, agent, "participatesIn", target, 0.85)

    def symmetric(self, doc, units, t, rel: str, out, conf: float = 0.85, obj_cases=("Ins",),
                  discourse: Discourse | None = None, index: int = 0) -> None:
        """Partner in the instrumental ("Қытаймен"), or a pair "X мен Y арасындағы"."""
        between = self.between(units, doc, t)
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
        if "3" in doc[t].morph.get("Person[psor]") or (partner_noun and "3" in doc[t + 1].morph.get("Person[psor]")):
            # "... Қазақстанның ең ірі сауда серіктестерінің бірі": the partner noun after "сауда"
            owner = self.before(units, t, {"Gen"}, PARTIES, within=4)
            agent = self.before(units, owner.start, {"Nom"}, PARTIES, within=6) if owner else None
            if owner is not None and agent is not None and len(owner.members) == 1:
                self.emit(out, agent, rel, owner, conf * 0.9)
                return
        group = self.before(units, t, {"Nom", "Gen"}, PARTIES, within=6)
        if group is not None and len(group.members) == 2:
            self.pairwise(out, group, rel, conf * 0.9)

    @staticmethod
    def enabled_after(doc: Doc, t: int) -> bool:
        """"... орнатуға мүмкіндік берді/береді": the relation noun is what someone is enabled to do."""
        return any(re.match(r"мүмкіндік", doc[k].text.lower()) for k in range(t + 1, min(len(doc), t + 4)))

    def between(self, units: list[Unit], doc: Doc, t: int) -> Unit | None:
        """"X мен Y арасындағы/арасында" up to 4 tokens before the trigger."""
        for k in range(max(0, t - 5), t):
            if re.fullmatch(r"арасында(ғы)?", doc[k].text.lower()):
                group = self.before(units, k, {"Nom", ""}, PARTIES, within=0)
                if group is not None and len(group.members) >= 2:
                    return group
        return None

    def frame_receive(self, doc, units, t, discourse, index, out) -> None:
        """"Президент Фиданды қабылдады": a meeting of two people (only a named person received by one)."""
        person = frozenset({"Person"})
        guest = self.before(units, t, {"Acc"}, person, within=3)
        host = self.before(units, guest.start, {"Nom"}, person, within=20, exclude=[guest]) if guest else None
        if guest is None or host is None or not (guest.types | host.types) <= person or len(guest.members) != 1:
            return
        self.emit(out, host, "metWith", guest, 0.75)

    def frame_contain(self, doc, units, t, discourse, index, out) -> None:
        # "Қытайды шектеу": the contained one is the object
        self.symmetric(doc, units, t, "competesWith", out, 0.8, obj_cases=("Acc",), discourse=discourse, index=index)

    def frame_invest(self, doc, units, t, discourse, index, out) -> None:
        target = self.before(units, t, {"Dat", "Loc"}, frozenset({"Country", "Project", "Organization", "Region",
                                                                   "Place"}), within=10)
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
        self.emit(out, agent, "investsIn", target, 0.8)

    def frame_pressure(self, doc, units, t, discourse, index, out) -> None:
        agent = self.before(units, t, {"Gen", "Nom"}, AGENTS, within=12)
        target = self.before(units, t, {"Dat", "Acc"}, PARTIES, within=8, exclude=[agent] if agent else [])
        if target is None:
            target = self.demonym_target(doc, t, agent)
        self.emit(out, agent, "pressures", target, 0.75)

    def demonym_target(self, doc: Doc, t: int, agent: Unit | None) -> Unit | None:
        """The state an adjective of nationality before a pressure noun names ("ресейлік компанияларға санкциялар")."""
        lo = agent.end if agent is not None else max(0, t - 6)
        for k in range(lo, t):
            country = self.lexicon.demonym(doc[k].text, self.lang)
            if country and country in self.lexicon.actors and (agent is None or country not in
                                                                 {m.actor for m in agent.members}):
                return Unit([Member(country, "Country")], k, k + 1, "Nom", indirect=True)
        return None

    def frame_support(self, doc, units, t, discourse, index, out) -> None:
        target = self.before(units, t, {"Acc"}, frozenset({"Person", "Country", "Organization", "Project"}), within=2)
        if target is None:
            return
        agent = self.before(units, target.start, {"Nom", "Gen"}, AGENTS, within=15)
        self.emit(out, agent, "supports", target, 0.75)

    def frame_member(self, doc, units, t, discourse, index, out) -> None:
        org = self.before(units, t, {"Gen"}, GATHERINGS, within=4)
        if org is None:
            return
        # "Әзербайжан ... кездесуінің мүшесі атанды", "Қазақстанның ШЫҰ-ның мүшесі екенін"
        member = self.before(units, org.start, {"Nom", "Gen"}, frozenset({"Country", "Organization", "Person"}),
                             within=15)
        self.emit(out, member, "memberOf", org, 0.85)

    def frame_use(self, doc, units, t, discourse, index, out) -> None:
        """"Астана БҰҰ, ШЫҰ, C5+1 форматтарын пайдаланады": using a format counts as membership."""
        user = self.before(units, t, {"Nom"}, frozenset({"Country", "Organization"}), within=12)
        formats = self.before(units, t, {"Acc"}, frozenset({"Organization"}), within=3)
        if formats is None:
            formats = self.after(units, t, None, frozenset({"Organization"}), within=8)
        if formats is not None and user is not None and formats.start < user.start:
            return
        self.emit(out, user, "memberOf", formats, 0.7)

    def frame_host(self, doc, units, t, discourse, index, out) -> None:
        place = self.before(units, t, {"Loc"}, PLACES, within=3)
        event = self.after(units, t, None, GATHERINGS, within=6)
        self.emit(out, place, "hosts", event, 0.8)
