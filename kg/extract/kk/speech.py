"""Extraction stage, Kazakh: whose words a sentence reports, and which of its relations they say.

A Kazakh sentence names its speaker in one of these ways, read in this order:

- a source phrase: "X-тың айтуынша, ...", "X-тың деректері бойынша" ("Оның айтуынша": the person
  just spoken of; "Елшінің айтуынша": the one the article called so); a news outlet's
  ("РИА агенттігінің хабарлауынша") is no speaker;
- a frame after the words: "..., деп мәлімдеді X", "..., – деді X", "...,-дейді X"; "..., деп
  хабарлайды X" is an outlet's credit, unless X is a press service ("... министрлігінің
  баспасөз қызметі"), which speaks for its body;
- a subject and a verb of saying that ends the sentence: "X ... қолдайтынын айтты", "X ...
  атап өтіп, ... тоқталды"; what the subject says is between it and the verb, and a happening
  in an adjunct of the verb ("әңгімеден кейін", "кездесуі барысында") is the reporter's;
- a passive verb of saying ("... келетіні де айтылады"): the speaker of the sentence before;
- a quotation (`kg.extract.kk.quotes`), or a paragraph that ends with "– деді X";
- the sentence after: "Бұл туралы X хабарлады" (read by `kg.extract.kk.claims`);
- an interview: once an article says it asks someone ("... сұхбат берген сарапшы X", "X ...
  көзқарасын білдірді"), what it says after, but its questions and the reporter's own
  remarks ("Айта кетейік, ..."), is that person's.

The word lists are in `kg/lexicons/words_kk.tsv`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from kg.extract.core import Discourse, Extractor, Unit
from kg.extract.kk.quotes import SAID, in_quote, quote_speaker
from kg.extract.kk.quotes import speaker_of as named_in
from kg.model import Article
from kg.wordlists import pattern

SPEECH = pattern("kk", "speech_verbs")
PASSIVE = pattern("kk", "speech_passive")
SOURCE = pattern("kk", "source_nouns")
OUTLET = pattern("kk", "outlet_nouns")
PRESS = pattern("kk", "press_service")
DESCRIPTORS = pattern("kk", "descriptors")
REPORT_OPENERS = pattern("kk", "report_openers")
INTERVIEW = pattern("kk", "interview_words")
OWN_VOICE = pattern("kk", "own_voice")
ADJUNCTS = pattern("kk", "speech_adjuncts")
SAYING = frozenset({"деп", "деді", "дейді"})  # not "деген": "Қазақстанға деген" is "towards"
TAIL_AUX = frozenset({"еді", "болатын", "екен", "ғой", "да", "де"})
SPEAKERS = frozenset({"Person", "Organization", "Country"})
INTERVIEW_OPENS = 5  # an interview says whom it asks in its first sentences


@dataclass(frozen=True)
class Said:
    """Who speaks in a sentence and the tokens of what they say ([start, end)); `narrow`: a subject's verb of
    saying, whose adjuncts are the reporter's; `direct`: the speaker's own words, in which even the titles that
    name people ("Президент X мырзамен ...") are the speaker's."""

    speaker: str
    start: int
    end: int
    narrow: bool = False
    direct: bool = False  # the speaker's own words (a quotation, an interview's answer): their titles too

    def covers(self, doc: Doc, t: int | None) -> bool:
        """Whether the relation the trigger at `t` reads is in what is said."""
        if t is None:
            return True
        if not self.start <= t < self.end:
            return False
        return not (self.narrow and adjunct(doc, t))


def adjunct(doc: Doc, t: int) -> bool:
    """"X-пен әңгімеден кейін", "кездесуі барысында", "әңгімесінде": a happening that dates or places a speech."""
    if t + 1 < len(doc) and ADJUNCTS.fullmatch(doc[t + 1].text.lower()):
        return True
    return "Loc" in doc[t].morph.get("Case")


def final_predicate(doc: Doc, end: int) -> int | None:
    """The last word before `end` (the sentence's end or a "деп" frame), past auxiliaries ("хабарлаған болатын")."""
    k = end - 1
    while k >= 0 and not any(ch.isalpha() for ch in doc[k].text):
        k -= 1
    while k > 0 and doc[k].text.lower() in TAIL_AUX:
        k -= 1
    return k if k >= 0 else None


def said_by_verb(doc: Doc, p: int, verbs) -> bool:
    """Whether the word at `p`, alone or with the word before it ("атап өтті", "мәлім болды"), is one of `verbs`."""
    words = [doc[p].text.lower()] + ([f"{doc[p - 1].text.lower()} {doc[p].text.lower()}"] if p > 0 else [])
    return any(verbs.fullmatch(w) for w in words)


def opened_at(article: Article, index: int) -> int:
    """Where the quotation mark still open before sentence `index` stands (-1: none)."""
    before = article.text[:article.sentences[index].start]
    opened = max(before.rfind(c) for c in "«“")
    return opened if opened > max(before.rfind(c) for c in "»”") else -1


def report_opener(text: str) -> bool:
    """"Бұл туралы ...", "Осы жөнінде ...": the sentence reports who said the sentence before."""
    words = text.lower().lstrip("«\"“–— ").split()
    return len(words) >= 2 and REPORT_OPENERS.fullmatch(" ".join(words[:2])) is not None


class KazakhSpeech(Extractor):
    """The speaker hook of the Kazakh extractor, with what it remembers of the article's speakers."""

    def __init__(self, lexicon) -> None:
        super().__init__(lexicon)
        self._said: Said | None = None
        self._speech_article = ""
        self._last_said: tuple[int, str] | None = None  # (sentence, speaker) of the last sentence with one
        self._interviewee: str | None = None
        self._interview: int | None = None  # the sentence that said the article asks someone
        self._described: dict[str, str] = {}  # descriptor stem -> the person the article last called so
        self._colon: tuple[int, str] | None = None  # (sentence, speaker) of the last "X деді: «..."

    def speaker_of(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int,
                   article: Article) -> str | None:
        if article.id != self._speech_article or index == 0:
            self._speech_article, self._last_said, self._described = article.id, None, {}
            self._interviewee, self._interview, self._colon = None, None, None
        self.describe(doc, units)
        said = self.read_said(doc, units, discourse, index, article)
        if self._interview is not None and self._interviewee is None and said is not None \
                and self.type_of(said.speaker) == "Person":
            self._interviewee = said.speaker
        if INTERVIEW.search(doc.text.lower()) and self._interview is None and index <= INTERVIEW_OPENS:
            self._interview = index
            subject = self.subject(units, len(doc))
            if said is not None and self.type_of(said.speaker) == "Person":
                self._interviewee = said.speaker
            elif subject is not None and self.type_of(subject) == "Person":
                self._interviewee = subject
        self._said = said
        if said is not None:
            self._last_said = (index, said.speaker)
        return said.speaker if said else None

    def read_said(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int,
                  article: Article) -> Said | None:
        n = len(doc)
        text = doc.text.lower().lstrip("«\"“–—- ")
        if OWN_VOICE.match(text):
            return None  # "Айта кетейік, ...": the reporter's own remark
        if report_opener(doc.text):
            return None  # its speaker says the sentence before (kg.extract.kk.claims)
        said = self.source_phrase(doc, units, discourse, index)
        if said is not None:
            return said
        end, frame = self.frame(doc, units, index, article)
        if frame is not None:
            return frame
        said = self.subject_says(doc, units, end)
        if said is not None:
            return said
        p = final_predicate(doc, end)
        if p is not None and said_by_verb(doc, p, PASSIVE):
            if self._last_said is not None and index - self._last_said[0] == 1:
                return Said(self._last_said[1], 0, end)  # "... келетіні де айтылады": the same source goes on
        quoted = self.quoted(article, index)
        if quoted is not None:
            return Said(quoted, 0, end, direct=True)
        if self._interviewee is not None and self._interview is not None and index > self._interview \
                and not doc.text.rstrip().endswith("?") and end == n:
            return Said(self._interviewee, 0, n, direct=True)
        return None

    # ------------------------------------------------------------------ the ways a speaker is named
    def source_phrase(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int) -> Said | None:
        """"X-тың айтуынша, ...", "Оның айтуынша", "Елшінің айтуынша", "X-тың деректері бойынша"."""
        for k, tok in enumerate(doc):
            if not SOURCE.fullmatch(tok.text.lower()) or k == 0:
                continue
            if tok.text.lower() in {"деректері", "мәліметтері", "дерегі", "мәліметі"} and not (
                    k + 1 < len(doc) and doc[k + 1].text.lower() == "бойынша"):
                continue
            prev = doc[k - 1].text.lower()
            who = None
            if OUTLET.fullmatch(prev):
                return None  # "РИА агенттігінің хабарлауынша": an outlet's report, no one's words
            if prev in {"оның", "олардың"}:
                who = self._last_said[1] if self._last_said and index - self._last_said[0] <= 2 else None
                last = discourse.last_agent.get("person")
                if who is None and last and index - last[0] <= 2 and len(last[1]) == 1:
                    who = last[1][0].actor
            elif DESCRIPTORS.match(prev):
                who = self.described(prev)
            else:
                unit = next((u for u in self._sources + units if u.end == k and u.fits(SPEAKERS)), None)
                who = unit.members[0].actor if unit is not None and len(unit.members) == 1 else None
            if who:
                return Said(who, 0, len(doc))
        return None

    def frame(self, doc: Doc, units: list[Unit], index: int, article: Article) -> tuple[int, Said | None]:
        """"..., деп мәлімдеді X", "– деді X", "-дейді X", "деп хабарлайды ... баспасөз қызметі": where what is said
        ends, and who says it (None: an outlet's credit)."""
        n = len(doc)
        for k, tok in enumerate(doc):
            low = tok.text.lower()
            if low not in SAYING or k == 0:
                continue
            verb = k if low != "деп" else k + 1
            if verb >= n:
                return k, None
            tail = doc[verb + 1:]
            if doc[verb].text.lower().startswith(("хабарлайды", "жазады")):
                press = next((j for j in range(verb + 1, n - 1) if PRESS.fullmatch(
                    f"{doc[j].text.lower()} {doc[j + 1].text.lower()}")), None)
                body = next((u for u in self._sources + units if press is not None and u.end == press
                             and u.fits(frozenset({"Organization", "Country"}))), None)
                if body is not None and len(body.members) == 1:
                    return k, Said(body.members[0].actor, 0, k)  # a press service's report
                return k, None  # "деп хабарлайды Kazinform": the outlet carries the report
            if low == "деп" and not SPEECH.fullmatch(doc[verb].text.lower()):
                continue
            if verb + 1 < n and doc[verb + 1].text == ":":
                # "Тоқаев былай деді: «...»": the subject before the verb says what follows
                who = self.subject(units, k)
                if who is None:
                    return k, None
                self._colon = (index, who)
                return n, Said(who, verb + 2, n, direct=True)
            who = self.named_after(doc, units, verb, index, article)
            if who is not None:
                return k, Said(who, 0, k, direct=True)
            if tail:
                return k, None
        return n, None

    def named_after(self, doc: Doc, units: list[Unit], verb: int, index: int, article: Article) -> str | None:
        """The speaker named right after a verb of saying: a name, "ол", "сарапшы", "Қазақстан президенті"."""
        after = sorted((u for u in self._sources + units if verb < u.start <= verb + 8 and len(u.members) == 1
                        and u.fits(SPEAKERS)), key=lambda u: u.start)
        # "деп мәлімдеді Сыртқы істер министрлігінің ресми өкілі X": the person the words after the verb name
        person = next((u for u in after if u.types == {"Person"} and u.case in {"Nom", ""}), None)
        unit = person or next((u for u in after if u.start <= verb + 3), None)
        if unit is not None:
            return unit.members[0].actor
        if verb + 1 < len(doc) and DESCRIPTORS.match(doc[verb + 1].text.lower()):
            return self.described(doc[verb + 1].text.lower())
        last = self._mentioned[-1][1] if self._mentioned else None
        return named_in(doc[verb + 1:].text, self.lexicon, article.date, self._surnames.get, last)

    def subject_says(self, doc: Doc, units: list[Unit], end: int) -> Said | None:
        """"X ... қолдайтынын айтты", "X ... атап өтіп, ... тоқталды": the subject of a verb of saying that ends the
        sentence (or what a credit after "деп" reports)."""
        p = final_predicate(doc, end)
        if p is None or not said_by_verb(doc, p, SPEECH):
            return None
        subject = next((u for u in units if u.start < p and u.case == "Nom" and not u.prep and u.fits(SPEAKERS)
                        and len(u.members) == 1), None)
        press = next((j for j in range(p - 1) if PRESS.fullmatch(f"{doc[j].text.lower()} {doc[j + 1].text.lower()}")),
                     None)
        body = next((u for u in self._sources + units if press is not None and u.end == press and len(u.members) == 1
                     and u.fits(frozenset({"Organization", "Country"}))), None)
        if body is not None and (subject is None or subject.start > body.start):
            return Said(body.members[0].actor, press + 2, p, narrow=True)  # "Ақорданың баспасөз қызметі хабарлады"
        if subject is not None:
            return Said(subject.members[0].actor, subject.end, p, narrow=True)
        he = next((k for k in range(p) if doc[k].text.lower() == "ол"), None)
        if he is not None and self._last_said is not None and self._index - self._last_said[0] <= 2:
            return Said(self._last_said[1], he + 1, p, narrow=True)  # "Ол да ... сенім білдірді": who just spoke
        return None

    def quoted(self, article: Article, index: int) -> str | None:
        """The speaker of the quotation the sentence is in, or of the paragraph that ends with "– деді X"."""
        last = self._mentioned[-1][1] if self._mentioned else None
        if in_quote(article, index):
            who = quote_speaker(article, index, self.lexicon, article.date, self._surnames.get, last)
            if who:
                return who
            if self._colon is not None and opened_at(article, index) >= article.sentences[self._colon[0]].start:
                return self._colon[1]  # the quotation "X былай деді:" opened
        end = article.text.find("\n", article.sentences[index].start)
        end = len(article.text) if end < 0 else end
        for k in range(index, len(article.sentences)):
            s = article.sentences[k]
            if s.start >= end:
                return None
            m = SAID.search(s.text)
            if m is not None:
                return self.described(m.group(1).split()[0].lower()) if DESCRIPTORS.match(m.group(1).lower()) \
                    else named_in(m.group(1), self.lexicon, article.date, self._surnames.get, last)
        return None

    # ------------------------------------------------------------------ who was called what
    def describe(self, doc: Doc, units: list[Unit]) -> None:
        """Remember the person each descriptor names ("саясаттанушы Жанат ...", "елшісі Алексей ...")."""
        for u in units:
            if u.types == {"Person"} and len(u.members) == 1 and not u.indirect and u.start > 0:
                for k in range(u.start - 1, max(-1, u.start - 3), -1):
                    m = DESCRIPTORS.match(doc[k].text.lower())
                    if m is not None:
                        self._described[m.group(0)] = u.members[0].actor
                        break

    def described(self, word: str) -> str | None:
        """The person the article last called by this descriptor ("сарапшының"), else the interviewee."""
        m = DESCRIPTORS.match(word)
        if m is not None and m.group(0) in self._described:
            return self._described[m.group(0)]
        return self._interviewee

    def subject(self, units: list[Unit], end: int) -> str | None:
        u = next((u for u in units if u.start < end and u.case == "Nom" and not u.prep and u.fits(SPEAKERS)
                  and len(u.members) == 1), None)
        return u.members[0].actor if u is not None else None
