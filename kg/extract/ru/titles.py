"""Extraction stage, Russian titles: an office before its owner and its holder -> leaderOf / affiliatedWith.

A Russian title precedes its owner in the genitive and then its holder, in any case form:
"президента США Дональда Трампа", "министр иностранных дел Казахстана Мурат Нуртлеу",
"посла США в Казахстане Джули Стаффт", "председателя совета директоров корпорации Chevron
Майкла Уирта", "Специальным представителем Президента США по Южной Азии Серджио Гором". The
owner may also be an adjective of nationality ("американского сенатора Стива Дэйнса"), a
country in brackets after each name ("президенты Владимир Путин (Россия), Александр Лукашенко
(Беларусь)"), one genitive per name ("президенты Киргизии Жапаров, Белоруссии Лукашенко"), a
list of owners matched in order with a list of holders ("главы МИД России и Китая X и Y"), or,
when none is named, the holder's dated office in the lexicon ("Президента Ильхама Алиева").
A title reaches only its own holder: a singular title takes one name. An office named
without a holder is its country ("президент Узбекистана", "российского президента").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from kg.extract.core import Extractor, Member, Unit
from kg.model import Article
from kg.nlp.ru_names import OC_TO_UD_CASE, parses
from kg.wordlists import pattern, words

TITLE_RELATION = {"title_leader": "leaderOf", "title_affiliate": "affiliatedWith"}
LEGAL_FORMS = words("ru", "legal_forms")
FORMER = pattern("ru", "former")
DEGREES = pattern("ru", "degrees")
GOVERNING = pattern("ru", "governing_bodies")
HONORIFICS = pattern("ru", "honorifics")
COPULAS = pattern("ru", "copulas")
POSTS = pattern("ru", "posts")
BODY_KINDS = pattern("ru", "body_kinds")
# abbreviations that name no body ("ВВП", "СМИ"), which an owner in capitals after a title must not be
NOT_BODIES = words("ru", "not_bodies")
# titles that name their body ("конгрессмен" serves the US Congress): lemma -> lexicon id
IMPLIED_OWNERS = dict(w.split("=", 1) for w in words("ru", "implied_owners"))
LIST_GAPS = {",", "и"}
BRACKETS = {"(": ")"}


@dataclass
class _Holder:
    unit: Unit
    owner: Unit | None = None  # its own genitive owner in a distributive list ("Белоруссии Лукашенко")
    bracket: Unit | None = None  # the country in brackets after it ("Лукашенко (Беларусь)")


class RussianTitles(Extractor):
    """Titles of a Russian sentence: who holds which office of whom, folded into the holder's unit."""

    _article: Article | None = None
    _recent_subject: Member | None = None  # the subject of the sentence before, for "он" (set by the units)
    _office_units: frozenset[int] | set[int] = frozenset()

    def titles(self, doc: Doc, units: list[Unit], frames: list[str], out: list) -> list[Unit]:
        by_start = {u.start: u for u in units}
        drop: set[int] = set()
        self._extra: list[Unit] = []
        self._office_units: set[int] = set()  # units that stand for an unnamed office-holder
        self._pending: dict[int, list[tuple[str, list[Unit]]]] = {}  # title index -> earlier titles of its holder
        for i, f in enumerate(frames):
            if f == "capital":
                self.capital(doc, i, by_start, frames, drop, out)
            elif f in TITLE_RELATION:
                self.title(doc, i, f, by_start, frames, drop, out)
        out[:] = [x for x in out if x[1] != "formerly"]  # a former office is read, and states nothing
        self.bodies_after_names(doc, [u for u in units if id(u) not in drop], by_start, drop, out)
        return sorted([u for u in units if id(u) not in drop] + self._extra, key=lambda u: u.start)

    def bodies_after_names(self, doc: Doc, units: list[Unit], by_start: dict[int, Unit], drop: set[int],
                           out: list) -> None:
        """A body named right after a person's name is the one they belong to: in brackets ("Отто Мускар
        (Кловойл)") or after "из"/"от" and its kind ("Отто Мускар из компании Кловойл"); it is then part of the
        person's name, no actor of the sentence's other relations. A state in brackets is a nationality, no
        affiliation, but no actor either ("Отто Мускар (Бордурия) посетил Клов")."""
        for u in units:
            if not self.is_person(u) or u.end + 2 >= len(doc):
                continue
            body = None
            if doc[u.end].text == "(":
                c = by_start.get(u.end + 1)
                if c is not None and c.types <= {"Organization", "Country"} and c.end < len(doc) \
                        and doc[c.end].text == ")":
                    body, end = c, c.end + 1
            elif doc[u.end].lower_ in {"из", "от"} and doc[u.end + 1].is_lower \
                    and BODY_KINDS.fullmatch(doc[u.end + 1].lemma_.lower()):
                c = by_start.get(u.end + 1) or by_start.get(u.end + 2)
                if c is not None and c.types <= {"Organization"}:
                    body, end = c, c.end
            if body is None or id(body) in drop:
                continue
            person = u.members[0].actor
            out.extend((person, "affiliatedWith", m.actor, 0.75) for m in body.members if m.type != "Country")
            drop.add(id(body))
            u.end = end

    # ------------------------------------------------------------------ pieces
    @staticmethod
    def complement_end(doc: Doc, i: int, frames: list[str], by_start: dict[int, Unit]) -> int:
        """The token after a title's own complement ("министр иностранных дел", "представитель Президента",
        "министр связи и коммуникаций", "министр по чрезвычайным ситуациям"): lower-case genitive nouns and
        adjectives, inner titles, "и" between two such words, and a phrase of lower-case words after "по"."""
        def word(j: int) -> bool:
            return j < len(doc) and j not in by_start and doc[j].text.replace("-", "").isalpha() and (
                (doc[j].is_lower and doc[j].pos_ in {"NOUN", "ADJ"}) or frames[j] in TITLE_RELATION)

        k, topic = i + 1, False
        while k < len(doc) and k - i <= 7 and k not in by_start:
            if word(k) and (topic or doc[k].morph.get("Case") == ["Gen"]):
                k += 1
            elif doc[k].lower_ == "и" and k > i + 1 and doc[k + 1: k + 2].text.islower() and (
                    word(k + 1) or (k + 1) in by_start):
                k += 1  # "связи и коммуникаций", "по стратегии и развитию", "серверов и [сетей Zentra]"
            elif doc[k].pos_ == "ADV" and doc[k].is_lower and k + 1 < len(doc) and doc[k + 1].pos_ == "ADJ" \
                    and doc[k + 1].is_lower and (word(k + 1) or (k + 1) in by_start):
                k += 1  # "лидер крайне правой партии"
            elif doc[k].lower_ == "по" and not topic and word(k + 1) and doc[k + 1].is_lower:
                k, topic = k + 1, True  # "по чрезвычайным ситуациям": the rest of the phrase in any case
            else:
                break
        # "глава ОАО «Газпром» X": a legal form and an opening quote before the body's name
        while k < len(doc) and k - i <= 5 and k not in by_start and (
                doc[k].text in LEGAL_FORMS or doc[k].text in {"«", '"', "“"}):
            k += 1
        return k

    @staticmethod
    def is_owner(u: Unit | None, doc: Doc, loose: bool = False) -> bool:
        """A name that can own a title: in the genitive (natasha's tag or a genitive reading of its last
        word), a state in any case but the instrumental, or after a genitive noun ("компании Кловойл",
        where the name stands in apposition) any organisation."""
        if u is None or u.types & {"Person"}:
            return False
        if u.case == "Gen" or (u.types & {"Country"} and u.case != "Ins") or (
                (loose or not u.case) and u.types <= {"Organization"}):
            return True
        return any(p.tag.case in {"gent", "gen2"} for p in parses(doc[u.end - 1].text))

    def title_case(self, token) -> str:
        """The case of a title; for a capitalised plural natasha took for a name ("Президенты"),
        pymorphy3's first plural reading."""
        if token.pos_ == "PROPN" and token.morph.get("Number") != ["Plur"]:
            p = next((p for p in parses(token.text) if p.tag.number == "plur"), None)
            if p is not None and self.plural(token):
                return OC_TO_UD_CASE.get(p.tag.case or "", "") or self.case_of(token)
        return self.case_of(token)

    @staticmethod
    def plural(token) -> bool:
        """A title in the plural ("президенты"), by natasha or, for a capitalised word natasha took for a
        name, by pymorphy3's first reading."""
        if token.morph.get("Number") == ["Plur"]:
            return True
        ps = parses(token.text)
        return token.pos_ == "PROPN" and bool(ps) and ps[0].tag.number == "plur"

    @staticmethod
    def abbreviation(tok) -> bool:
        """A word in Cyrillic capitals that may name a body ("ФИФА", "ПАСЕ"), not a common abbreviation."""
        text = tok.text
        return 2 <= len(text) <= 7 and text.isupper() and text.isalpha() and not any("a" <= c.lower() <= "z"
                                                                                      for c in text) \
            and text not in NOT_BODIES

    @staticmethod
    def is_person(u: Unit | None) -> bool:
        return u is not None and len(u.members) == 1 and u.types <= {"Person"}

    def bracket(self, doc: Doc, u: Unit, by_start: dict[int, Unit]) -> Unit | None:
        """"Лукашенко (Беларусь)": the country in brackets right after a name."""
        if u.end + 2 < len(doc) and doc[u.end].text in BRACKETS:
            c = by_start.get(u.end + 1)
            if c is not None and c.types <= {"Country"} and c.end < len(doc) and doc[c.end].text == ")":
                return c
        return None

    def skip_post(self, doc: Doc, pos: int, by_start: dict[int, Unit], drop: set[int]) -> int:
        """Past what follows an owner before the holder: "посол США [в Казахстане] Джули Стаффт",
        "представитель Президента США [по Южной и Центральной Азии] Серджио Гор"."""
        if pos >= len(doc):
            return pos
        state = by_start.get(pos)
        after = state.end if state is not None else pos
        after += after < len(doc) and bool(HONORIFICS.fullmatch(doc[after].lower_))
        if state is not None and state.types <= {"Country"} and self.is_person(by_start.get(after)) \
                and self.is_owner(state, doc):
            drop.add(id(state))  # "служба России Михаил X": the owner's own state, part of its name
            return after
        if HONORIFICS.fullmatch(doc[pos].lower_) and self.is_person(by_start.get(pos + 1)):
            return pos + 1  # "председатель Совета муфтиев шейх Равиль X"
        if doc[pos].text == "," and pos + 1 < len(doc) and DEGREES.fullmatch(doc[pos + 1].lower_):
            # "сотрудник Института X, кандидат исторических наук Ольга Y": a degree between owner and holder
            for j in range(pos + 2, min(len(doc), pos + 7)):
                if self.is_person(by_start.get(j)):
                    return j
                if not doc[j].is_lower:
                    break
        low = doc[pos].text.lower()
        if low in {"в", "во", "при", "на"}:
            u = by_start.get(pos + 1)
            if u is not None and not u.types & {"Person"} and self.is_person(by_start.get(u.end)):
                drop.add(id(u))
                return u.end
            for j in range(pos + 1, min(len(doc), pos + 4)):  # "представитель комитета при прокуратуре X"
                if j in by_start or not (doc[j].is_lower and doc[j].pos_ in {"NOUN", "ADJ"}):
                    return j if j > pos + 1 and self.is_person(by_start.get(j)) else pos
        if low == "по":
            inside = []
            for j in range(pos + 1, min(len(doc), pos + 10)):
                u = by_start.get(j)
                if self.is_person(u):
                    drop.update(id(x) for x in inside)
                    return j
                if u is not None:
                    inside.append(u)
                if (doc[j].is_punct and doc[j].text != "-") or doc[j].pos_ in {"VERB", "AUX"}:
                    break
        return pos

    def holders(self, doc: Doc, pos: int, by_start: dict[int, Unit]) -> list[_Holder]:
        """The holder at `pos` and the names listed after it (each maybe with its own owner)."""
        first = by_start.get(pos)
        if not self.is_person(first):
            return []
        chain = [_Holder(first, None, self.bracket(doc, first, by_start))]
        while True:
            last = chain[-1]
            q = (last.bracket.end + 1) if last.bracket is not None else last.unit.end
            if q >= len(doc) or doc[q].text not in LIST_GAPS:
                break
            q += 1
            if q < len(doc) and doc[q].text == "и":
                q += 1
            nxt, own = by_start.get(q), None
            if nxt is not None and nxt.types <= {"Country"} and self.is_owner(nxt, doc) \
                    and self.is_person(by_start.get(nxt.end)):
                own, nxt = nxt, by_start.get(nxt.end)
            if not self.is_person(nxt):
                break
            chain.append(_Holder(nxt, own, self.bracket(doc, nxt, by_start)))
        return chain

    def lexicon_roles(self, person: str, rel: str) -> list[tuple[str, str]]:
        """The dated offices the lexicon knows for a person named under a title with no owner."""
        if person.startswith("new:"):
            return []
        on = self._article.date if self._article is not None else None
        return [(r.relation, r.target) for r in self.lexicon.roles_of(person, on)
                if r.relation == rel or rel == "affiliatedWith"]

    # ------------------------------------------------------------------ a title
    def title(self, doc: Doc, i: int, f: str, by_start: dict[int, Unit], frames: list[str], drop: set[int],
              out: list) -> None:
        rel = TITLE_RELATION[f]
        if i > 0 and FORMER.fullmatch(doc[i - 1].lower_):
            rel = "formerly"  # "бывший президент X": no office now, but the title still frames the name
        plural = self.plural(doc[i])
        k = self.complement_end(doc, i, frames, by_start)
        for j in range(i + 1, k):  # "представитель Президента США": the inner office is the outer one's owner
            frames[j] = ""
        u = by_start.get(k)
        named_at = next((j for j in range(u.start, u.end) if not doc[j].is_lower), u.end) if u is not None else k
        if rel == "leaderOf" and any(doc[j].pos_ == "NOUN" and doc[j].is_lower
                                     and not GOVERNING.fullmatch(doc[j].lemma_) for j in range(i + 1, named_at)):
            rel = "affiliatedWith"  # "глава департамента МИД X", "глава отдела Zentra": the head of a part serves
        owners: list[Unit] = []
        if k < len(doc) and doc[k].lower_ == "от" and k + 1 in by_start \
                and not by_start[k + 1].types & {"Person"}:
            k += 1  # "наблюдатель от ОБСЕ X", "кандидат от партии «Радуга» X": whom the holder is there for
        if k < len(doc) and k not in by_start and self.abbreviation(doc[k]) and self.is_person(by_start.get(k + 1)):
            # "Президент ФИФА Зепп Блаттер": a body in capitals that no list knows
            by_start[k] = Unit([Member(f"new:Organization:ru:{doc[k].text}", "Organization")], k, k + 1, "Gen")
        u = by_start.get(k)
        if self.is_owner(u, doc, loose=k > i + 1) and id(u) not in drop:
            owners.append(u)
            while True:  # "главы МИД России и Китая" (natasha may read "Главы" as a singular)
                q = owners[-1].end
                v = by_start.get(q + 1) if q + 1 < len(doc) and doc[q].text in LIST_GAPS else None
                if not self.is_owner(v, doc) or id(v) in drop:
                    break
                owners.append(v)
        pos = owners[-1].end if owners else k
        if owners and pos < len(doc) and doc[pos].text in {"»", '"', "”"}:
            pos += 1
        pos = self.skip_post(doc, pos, by_start, drop)
        chain = self.holders(doc, pos, by_start)
        if plural and len(chain) == 1 and self.case_of(doc[i]) != chain[0].unit.case:
            chain = []  # "С лидерами ЕАЭС Путин провёл переговоры": one name in another case is no holder
        demonym = None
        if i > 0 and doc[i - 1].pos_ == "ADJ" and (i - 1) not in by_start and not owners:
            demonym = self.lexicon.demonym(doc[i - 1].text, self.lang)
            demonym = demonym if demonym in self.lexicon.actors and self.type_of(demonym) == "Country" else None
        tcase = self.title_case(doc[i])
        if not chain and not plural and (owners or demonym) \
                and self.apposition(doc, i, rel, owners, demonym, by_start, out):
            frames[i] = ""
            drop.update(id(o) for o in owners)
            return
        if not chain and not plural and owners and self.predicate(doc, i, rel, owners, by_start, out):
            frames[i] = ""
            drop.update(id(o) for o in owners)
            return
        nxt = self.next_title(doc, i, pos, frames) if not chain and not plural and owners else None
        if nxt is not None:
            # "лидер партии «Радуга», депутат парламента Бордурии Отто Мускар": the holder of the next title
            self._pending.setdefault(nxt, []).extend([(rel, owners), *self._pending.pop(i, [])])
            frames[i] = ""
            drop.update(id(o) for o in owners)
            return
        if not chain:
            self.unnamed(doc, i, f, plural, owners, demonym, frames, drop, by_start)
            return
        frames[i] = ""
        person = chain[0].unit.members[0].actor
        earlier = [o for _, os in self._pending.get(i, []) for o in os]
        out.extend((person, r, m.actor, 0.8) for r, os in self._pending.pop(i, []) for o in os for m in o.members)
        people = {h.unit.members[0].actor for h in chain}
        for n, h in enumerate(chain):
            person = h.unit.members[0].actor
            if len(owners) > 1 and len(owners) == len(chain):
                o = owners[n]
                r = rel
                if rel == "leaderOf" and owners[0].types <= {"Organization"} and o.types <= {"Country"}:
                    r = "affiliatedWith"  # "главы МИД России и Китая": the second a minister of his state
                out.extend((person, r, m.actor, 0.85) for m in o.members)
            elif n == 0 and len(owners) == 1:
                out.extend((person, rel, m.actor, 0.9) for m in owners[0].members)
            elif n == 0 and owners:  # owners and holders do not pair up: the first name, the first owner
                out.extend((person, rel, m.actor, 0.8) for m in owners[0].members)
            elif h.owner is not None:
                out.extend((person, rel, m.actor, 0.85) for m in h.owner.members)
            elif h.bracket is not None:
                out.extend((person, rel, m.actor, 0.85) for m in h.bracket.members)
            elif n > 0 and not plural:
                break  # "Президент Бордурии Арман Бекболатов и Отто Мускар": the title is the first one's
            elif len(owners) == 1 and rel == "affiliatedWith":
                # "Сотрудники компании Кловойл X и Y": the people of one body, each of them (its leaders are
                # not: "лидеры ЕАЭС X и Y" lead their states)
                out.extend((person, rel, m.actor, 0.8) for m in owners[0].members)
            elif demonym is not None:
                # "казахстанский коллега X": a counterpart holds the office the lexicon gives him there
                known = [r for r, target in self.lexicon_roles(person, "affiliatedWith") if target == demonym]
                out.append((person, "leaderOf" if "leaderOf" in known else rel, demonym, 0.85))
            else:
                implied = IMPLIED_OWNERS.get(self.key(doc[i]))
                if implied in self.lexicon.actors:  # "конгрессмен X": the title names its body
                    out.append((person, rel, implied, 0.8))
                else:
                    out.extend((person, r, target, 0.8) for r, target in self.lexicon_roles(person, rel))
            for x in (h.owner, h.bracket):
                if x is not None:
                    drop.add(id(x))
            if h.owner is not None:
                h.unit.start = h.owner.start
            if h.bracket is not None:
                h.unit.end = h.bracket.end + 1
        for o in owners:
            drop.add(id(o))
        # "мэра Сзохода X", "губернатора Приморья X": a city or region owns the office of its own government,
        # not of its state (a capital is no voice of its state here), and no place can be led or served
        places = {m.actor for o in owners for m in o.members if m.type == "Place"} | {
            m.actor for o in earlier for m in o.members if m.type == "Place"}
        out[:] = [x for x in out if not (x[0] in people and x[2] in places)]
        head = chain[0].unit
        head.start = i - 1 if demonym is not None else i
        while head.start > 0 and doc[head.start - 1].pos_ == "ADJ" and (head.start - 1) not in by_start \
                and i - head.start < 3:
            head.start -= 1  # "Верховного представителя ЕС ... Каи Каллас": the title's adjectives too
        if tcase:
            head.case = tcase  # the title's case is surer than a foreign name's ("послом ... Джули Стаффт")

    def predicate(self, doc: Doc, i: int, rel: str, owners: list[Unit], by_start: dict[int, Unit],
                  out: list) -> bool:
        """"X является директором Y", "X стал председателем Y", "X назначен послом Y", "X занимает пост
        директора Y": the title is the subject's (a past "являлся", "был" is a former office; what may be or is not,
        "может стать", "не является", is no office)."""
        j = i - 1
        while j > 0 and doc[j].pos_ == "ADJ" and doc[j].is_lower and i - j < 3:
            j -= 1
        case = self.title_case(doc[i])
        if j < 1 or not ((case == "Ins" and COPULAS.fullmatch(doc[j].lemma_.lower()))
                         or (case == "Gen" and POSTS.fullmatch(doc[j].lemma_.lower()))):
            return False
        verb = j if case == "Ins" else next((k for k in range(j - 1, max(-1, j - 3), -1)
                                              if doc[k].pos_ in {"VERB", "AUX"}), None)
        if verb is None or "Inf" in doc[verb].morph.get("VerbForm") or doc[verb - 1].lower_ == "не" \
                or ("Past" in doc[verb].morph.get("Tense") and doc[verb].lemma_ in {"являться", "быть"}) \
                or any(doc[k].lemma_ == "быть" and "Past" in doc[k].morph.get("Tense") for k in range(verb - 2, verb)):
            return False
        subject = next((u for u in sorted(by_start.values(), key=lambda u: -u.start)
                        if u.end <= verb and verb - u.end <= 6 and u.case in {"Nom", ""}), None)
        holder, conf = (subject.members[0].actor if self.is_person(subject) else None), 0.8
        if holder is None or any(doc[k].lower_ in {"что", "чтобы", ";"} for k in range(subject.end, verb)):
            # "Он является депутатом от партии Y": the subject of the sentence before, when no name is nearer
            pronoun = next((k for k in range(verb - 1, max(-1, verb - 4), -1) if doc[k].lower_ in {"он", "она"}), None)
            if pronoun is None or any(k in by_start for k in range(pronoun, verb)):
                return False
            near = [u for u in by_start.values() if u.end <= pronoun and self.is_person(u)]
            if near:  # (as for any "он": the person named last before it in its sentence)
                holder = max(near, key=lambda u: u.end).members[0].actor
            elif self._recent_subject is not None and self._recent_subject.type == "Person":
                holder = self._recent_subject.actor
            else:
                return False
            conf = 0.65
        targets = [m.actor for m in owners[0].members if m.type != "Place"]
        out.extend((holder, rel, t, conf) for t in targets)
        return True

    def next_title(self, doc: Doc, i: int, pos: int, frames: list[str]) -> int | None:
        """The title that follows a title's owner, after a comma or not ("..., депутат парламента X"), or None."""
        if pos >= len(doc):
            return None
        j = pos + (doc[pos].text == ",")  # (or right after it: "наблюдатель от ОБСЕ бордурский парламентарий X")
        while j < len(doc) and j - pos <= 3 and doc[j].pos_ == "ADJ" and doc[j].is_lower:
            j += 1  # "..., народный депутат"
        if j >= len(doc) or frames[j] not in TITLE_RELATION:
            return None
        # without a comma, only a title in the same case continues the same phrase
        return j if doc[pos].text == "," or self.title_case(doc[i]) == self.title_case(doc[j]) else None

    def apposition(self, doc: Doc, i: int, rel: str, owners: list[Unit], demonym: str | None,
                   by_start: dict[int, Unit], out: list) -> bool:
        """"Валерий Зорькин, председатель Конституционного суда, ...", "X — министр иностранных дел Y": the
        title after a name and a comma or dash is that person's."""
        j = i - 1
        while j > 0 and doc[j].pos_ == "ADJ" and i - j < 3:
            j -= 1  # "X, бывший посол ..."
        if j > 1 and doc[j].lower_ == "обязанности" and doc[j - 1].lemma_.startswith("исполня"):
            j -= 2  # "X, исполняющий обязанности министра ...": the acting holder serves the same body
        if j > 1 and doc[j].lower_ == "и" and doc[j - 1].is_lower and doc[j - 1].pos_ == "NOUN" \
                and doc[j - 1].morph.get("Case") == ["Nom"]:
            j -= 2  # "X, политик и лидер партии Y": one more word for the same person
        if j < 1 or doc[j].text not in {",", "-", "—", "–"} or len(owners) > 1:
            return False
        person = next((u for u in by_start.values() if u.end == j), None)
        if not self.is_person(person):
            return False
        targets = [m.actor for m in owners[0].members if m.type != "Place"] if owners else [demonym]
        out.extend((person.members[0].actor, rel, target, 0.85) for target in targets if target)
        return True

    def unnamed(self, doc: Doc, i: int, f: str, plural: bool, owners: list[Unit], demonym: str | None,
                frames: list[str], drop: set[int], by_start: dict[int, Unit]) -> None:
        """An office with no holder named: "президент Узбекистана" and "российского президента" are the
        country; "лидеры ЕАЭС" (the heads of its members) are no one the sentence can relate."""
        states = owners and all(m.type == "Country" for o in owners for m in o.members)
        if f != "title_leader" and plural and owners and not states:
            owners[0].start = i  # "с представителями компании Shell": the people of a body stand for it
            owners[0].case = self.title_case(doc[i]) or owners[0].case
            frames[i] = ""
            return
        if f != "title_leader" and not states:
            return  # ("посол Китая", "представители Казахстана", like the heads of states, are their states)
        if states:
            owners[0].start = i
            self._office_units.add(id(owners[0]))
            for o in owners:  # "президенты Казахстана и Китая": the list stands in the title's case
                o.case = self.title_case(doc[i]) or o.case
            frames[i] = ""
        elif owners and plural and all(not o.event for o in owners):
            drop.update(id(o) for o in owners)
            frames[i] = ""
        elif demonym is not None and not owners:
            unit = Unit([Member(demonym, "Country")], i - 1, i + 1, self.case_of(doc[i]), indirect=True)
            self._office_units.add(id(unit))
            by_start[i - 1] = unit
            self._extra.append(unit)
            frames[i] = ""

    def capital(self, doc: Doc, i: int, by_start: dict[int, Unit], frames: list[str], drop: set[int],
                out: list) -> None:
        """"столица Бордурии Сзоход": the city lies in the country."""
        owner = by_start.get(i + 1)
        if not self.is_owner(owner, doc):
            return
        city = by_start.get(owner.end)
        if city is not None and city.types <= {"Place"} and len(city.members) == 1:
            out.extend((city.members[0].actor, "locatedIn", m.actor, 0.85) for m in owner.members)
            frames[i] = ""
            drop.add(id(owner))
            city.start = i
        elif len(owner.members) == 1 and self.capital_city(owner.members[0].actor):
            # "в столицу Казахстана": the city itself, named through its state
            owner.members = [Member(self.capital_city(owner.members[0].actor), "Place", True)]
            owner.start = i
            owner.case = self.case_of(doc[i]) or owner.case
            frames[i] = ""

    def capital_city(self, country: str) -> str | None:
        """The capital city of a state, from the lexicon's capital_of column (cities, not seats of power)."""
        if not hasattr(self, "_capitals"):
            self._capitals: dict[str, str] = {}
            for a in self.lexicon.actors.values():
                if a.capital_of and a.type == "Place":
                    self._capitals.setdefault(a.capital_of, a.id)
        return self._capitals.get(country)
