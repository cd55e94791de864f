"""Extraction stage, Russian speech: a sentence and its article -> whose words it reports, and over which tokens.

Each voice is a speaker (an actor id, or None for an outlet's credit or an unnamed source) and the tokens whose
claims it covers:

- a verb of saying and its subject: "X заявил, что ...", "X отметил высокую динамику ..." (what follows the
  verb, but not a predicate the speaker is the subject of: "X отметил, что ..., и пригласил Y");
- a verb of saying opening the sentence: "Как отметил X, ...", "Как сообщает пресс-служба X, ...", or a noun
  of saying: "По словам X, ...", "По мнению X, ..." (what follows the comma);
- a verb of saying closing it: "..., сообщает пресс-служба X", "..., сообщили в МИД X", "«...», — сказал X",
  "«...», — говорится в сообщении" (what precedes it); an outlet credited there ("сообщает ТАСС") is a
  source, never a speaker;
- across sentences: a quotation open over several sentences takes the speaker named where it closes; a
  paragraph of direct speech after a dash takes the speaker of the sentence before; the answers of an
  interview (the paragraphs after a question "- ...?") take the interviewee, the last speaker named before
  the first question; a message with no author ("говорится в сообщении", "отметили на Смоленской площади")
  is the last source's.

A press service speaks for the body it serves ("пресс-служба правительства"); serving a person it is a body
of its own ("пресс-служба главы государства"). The words are `kg/lexicons/words_ru.tsv` (speech_verbs,
speech_nouns, press_service, message_nouns, home_bodies, reporting_verbs, media_nouns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.extract.core import Discourse, Unit
from kg.extract.ru.gatherings import RussianGatherings
from kg.model import Article
from kg.nlp.ru_names import match_case, name_forms, normalize_org, parses
from kg.wordlists import pattern, words

SPEECH_VERBS = words("ru", "speech_verbs")
SPEECH_NOUNS = words("ru", "speech_nouns")
PRESS = words("ru", "press_service")
MESSAGE_NOUNS = words("ru", "message_nouns")
HOME_BODIES = dict(w.split("=", 1) for w in words("ru", "home_bodies"))
REPORTING = pattern("ru", "reporting_verbs")
MEDIA = pattern("ru", "media_nouns")
SPEAKERS = frozenset({"Person", "Organization", "Country"})
DASHES = {"-", "–", "—"}
OPEN_QUOTES, CLOSE_QUOTES = "«“„", "»”"
# the end of a quotation and the verb of saying after it, in raw text: "», — сказал Жапаров."
# a sentence that says whose words the one before were: "Об этом заявил X", "Об этом сообщает пресс-служба X"
ABOUT_THIS = re.compile(r"\W*(?:об|о)\s+этом\b", re.IGNORECASE)
WORD = re.compile(r"\w+(?:[-–.]\w+)*|[^\w\s]")
PREPOSITIONS = words("ru", "prepositions")
CLOSING = re.compile(r"[»”\"]\s*,?\s*[—–-]\s*(\w+)\s+([^.!?;:]{1,80})")


@dataclass(frozen=True)
class Voice:
    """Whose words a sentence reports over some of its tokens (speaker None: an outlet's or nobody's)."""

    speaker: str | None
    tokens: frozenset[int]
    outlet: bool = False


@dataclass
class Voices:
    """The Russian extractor's memory of speakers across an article's sentences."""

    last_source: tuple[int, str | None] | None = None  # the last sentence that named a source, and its speaker
    interviewee: str | None = None  # the speaker named before an interview's first question
    interview: bool = False  # a question of an interview has been asked
    paragraph: tuple[int, str | None] | None = None  # the speaker of the paragraph of direct speech at hand
    people: list[str] = field(default_factory=list)  # speakers who are people, last last


def lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower().replace("ё", "е")


def is_speech(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and lemma(token) in SPEECH_VERBS


class RussianSpeech(RussianGatherings):
    """Speakers of Russian sentences: the voices of one sentence and the memory across them."""

    # ------------------------------------------------------------------ one sentence
    def speech_voices(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int,
                      article: Article) -> list[Voice]:
        """The voices of the sentence, innermost last; a sentence-wide voice from the article first."""
        memory = discourse.kept("ru_voices", Voices)
        found: list[Voice] = []
        n = len(doc)
        everything = frozenset(range(n))
        for v in doc:
            if not is_speech(v):
                continue
            about_before = any(c.lower_ in {"этом", "том"} and any(g.lower_ in {"об", "о"} for g in c.children)
                               for c in v.children)
            if about_before:
                found.append(Voice(None, frozenset()))  # "Об этом заявил X": the words are the sentence before's
                continue
            if {"1", "2"} & set(v.morph.get("Person")):
                found.append(Voice(None, frozenset(range(v.i + 1, n)), True))  # "Напомним, ...": the author's
                continue
            speaker, outlet, named = self.speaker_of_verb(doc, v, units, memory, index)
            if self.opening(doc, v):
                after = named.i if named is not None and named.i > v.i else v.i
                comma = next((k for k in range(after + 1, n) if doc[k].text == ","), n)
                found.append(Voice(speaker, frozenset(range(comma + 1, n)), outlet))
            elif self.closing(doc, v, named):
                start = self.quote_start(doc, v.i)
                found.append(Voice(speaker, frozenset(range(start, v.i)), outlet))
            else:
                found.append(Voice(speaker, frozenset(range(v.i + 1, self.own_end(doc, v))), outlet))
            if speaker is not None or outlet:
                memory.last_source = (index, speaker)
        for k in range(n - 2):
            if doc[k].lower_ == "по" and doc[k + 1].lower_ in SPEECH_NOUNS and (k == 0 or doc[k - 1].is_punct):
                # "По словам X, ...", "По мнению политолога X, ..."
                who = next((u for u in units if k + 2 <= u.start <= k + 4), None)
                speaker = self.one(who)
                comma = next((j for j in range(k + 2, n) if doc[j].text == ","), n)
                found.append(Voice(speaker, frozenset(range(comma + 1, n)) | frozenset(range(0, k))))
                if speaker is not None:
                    memory.last_source = (index, speaker)
        carried = self.carried(doc, discourse, index, article, found)
        if carried is not None:
            found.insert(0, Voice(carried, everything))
        for voice in found:
            if voice.speaker is not None and self.type_of(voice.speaker) == "Person":
                memory.people.append(voice.speaker)
        return found

    def speaker_at(self, voices: list[Voice], t: int) -> str | None:
        """The speaker of the innermost voice that covers token `t` and names one (or an outlet's None)."""
        best = None
        for voice in voices:
            if t in voice.tokens and (voice.speaker is not None or voice.outlet) and (
                    best is None or len(voice.tokens) <= len(best.tokens)):
                best = voice
        return best.speaker if best is not None else None

    @staticmethod
    def opening(doc: Doc, v: Token) -> bool:
        """"Как отметил X, ...", "Как сообщает пресс-служба X, ...": the verb introduces the sentence."""
        return any(c.lower_ == "как" and c.i < v.i for c in v.children) or (
            v.i > 0 and doc[v.i - 1].lower_ == "как" and (v.i == 1 or doc[v.i - 2].is_punct))

    @staticmethod
    def closing(doc: Doc, v: Token, named: Token | None) -> bool:
        """"..., сообщает пресс-служба X", "«...», — сказал X": the verb follows what it reports."""
        if v.i < 2 or "Conv" in v.morph.get("VerbForm"):
            return False
        before = [w.text for w in doc[max(0, v.i - 2):v.i]]
        if not ("," in before or DASHES & set(before)):
            return False
        return named is None or named.i > v.i

    @staticmethod
    def quote_start(doc: Doc, v: int) -> int:
        """Where the words a closing verb reports begin: the quotation closed right before it ("«...», — сказал
        X"), else the sentence's start (a quoted name inside, "форума «Казахстан – Китай»", is no quotation)."""
        k = v - 1
        while k >= 0 and (doc[k].text in DASHES or doc[k].text == ","):
            k -= 1
        if k < 0 or doc[k].text not in {*CLOSE_QUOTES, '"'}:
            return 0
        close = doc[k].text
        for j in range(k - 1, -1, -1):
            if doc[j].text in OPEN_QUOTES or (close == '"' and doc[j].text == '"'):
                return j
        return 0

    def own_end(self, doc: Doc, v: Token) -> int:
        """Where what a verb of saying governs ends: at a predicate the speaker is the subject of ("X отметил,
        что считает ..., и пригласил Y": the invitation is X's act, not his words), else at the sentence's end."""
        for w in doc[v.i + 1:]:
            if w.dep_ != "conj" or "Fin" not in w.morph.get("VerbForm") or w.head.i < v.i:
                continue
            head = w.head
            subject_less = head.i == v.i or not any(c.dep_.startswith("nsubj") for c in head.children)
            agree = all(w.morph.get(f) == v.morph.get(f) for f in ("Tense", "Number", "Gender"))
            if subject_less and agree:
                cc = next((c.i for c in w.children if c.dep_ == "cc"), w.i)
                return cc
        return len(doc)

    # ------------------------------------------------------------------ who speaks
    def speaker_of_verb(self, doc: Doc, v: Token, units: list[Unit], memory: Voices,
                        index: int) -> tuple[str | None, bool, Token | None]:
        """The speaker of a verb of saying, whether it credits an outlet, and the word that names it."""
        subject = next((c for c in v.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
        if subject is None and "Conv" in v.morph.get("VerbForm"):
            subject = next((c for c in v.head.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
        if subject is None:  # a name in the nominative right before the verb ("..., X заявил"), misparsed
            unit = next((u for u in reversed(units) if u.end <= v.i and v.i - u.end <= 2 and u.case == "Nom"
                         and not u.prep and not any(w.is_punct for w in doc[u.end:v.i])), None)
            if unit is not None:
                return self.one(unit), False, doc[unit.end - 1]
        if subject is None:  # "— сказал Жапаров", "как отметил вице-премьер X", "сообщает пресс-служба X"
            for w in doc[v.i + 1:v.i + 4]:
                if w.is_punct:
                    break
                if (w.pos_ in {"PROPN", "NOUN", "PRON"} and "Nom" in w.morph.get("Case")) or w.lower_ in PRESS:
                    subject = w
                    break
        if subject is not None and subject.lower_ in PRESS:
            return self.press_service(doc, subject, units), False, subject
        if subject is not None:
            name = self.name_tokens(subject)
            unit = next((u for u in units if any(u.start <= k < u.end for k in name)), None)
            if unit is None and subject.i + 2 < len(doc) and doc[subject.i + 1].text == ",":
                # "востоковед, ... Ольга Добринская": the name in apposition after a comma
                unit = next((u for u in units if u.start == subject.i + 2 and u.case == "Nom"), None)
                if unit is not None:
                    return self.one(unit), False, doc[unit.end - 1]
            if unit is not None:
                return self.one(unit), False, subject
            if subject.lower_ in {"он", "она"} and memory.people:
                return memory.people[-1], False, subject
            outlet = REPORTING.fullmatch(v.lower_) is not None or MEDIA.fullmatch(subject.lower_) is not None
            return None, outlet or self.credited(doc, subject), subject
        # "сообщили в МИД РФ", "говорится в сообщении МИД X", "отметили на Смоленской площади": a body named
        # after the verb, else the last source
        for u in units:
            if v.i < u.start <= v.i + 6 and (u.prep in {"в", "на"} or (
                    u.start > 0 and doc[u.start - 1].lower_ in MESSAGE_NOUNS)) and u.types <= {"Organization"}:
                return self.one(u), False, None
        if REPORTING.fullmatch(v.lower_) and v.i + 1 < len(doc) and not doc[v.i + 1].is_punct:
            return None, True, None  # "сообщает Sputnik": an outlet the units leave out
        last = memory.last_source
        message = any(w.lower_ in MESSAGE_NOUNS for w in doc[v.i + 1:v.i + 4])
        impersonal = "Plur" in v.morph.get("Number") and "Fin" in v.morph.get("VerbForm")
        if last is not None and index - last[0] <= 2 and (message or impersonal):
            # "говорится в сообщении", "отметили на Смоленской площади" (not "как отмечалось на встрече")
            return last[1], last[1] is None, None
        return None, False, None

    @staticmethod
    def name_tokens(subject: Token) -> set[int]:
        """The subject's word and the names in apposition to it ("вице-премьер Серик Жумангарин"), not the
        other words of its phrase ("значение документов, подписанных в ходе визита X")."""
        out = {subject.i}
        todo = [subject]
        while todo:
            w = todo.pop()
            for c in w.children:
                if c.dep_ in {"appos", "flat", "flat:name", "flat:foreign"} and c.i not in out:
                    out.add(c.i)
                    todo.append(c)
        return out

    def credited(self, doc: Doc, subject: Token) -> bool:
        """A name the units left out as an outlet credited for the report."""
        return any(m.tok_start <= subject.i < m.tok_end for m in getattr(self, "_mentions", ()))

    def press_service(self, doc: Doc, press: Token, units: list[Unit]) -> str | None:
        """The body a press service speaks for, or the press service itself named by its words."""
        owner = next((u for u in units if press.i < u.start <= press.i + 2 and u.case == "Gen"), None)
        if owner is not None and owner.types <= {"Organization", "Country"} and len(owner.members) == 1:
            return owner.members[0].actor
        words_after = []
        for w in doc[press.i + 1:press.i + 5]:
            if w.is_punct or "Gen" not in w.morph.get("Case"):
                break
            words_after.append(w)
        if not words_after:
            return None
        home = HOME_BODIES.get(lemma(words_after[0]))
        if home is not None and len(words_after) == 1 and home in self.lexicon.actors:
            return home
        head = press.text if "Nom" in press.morph.get("Case") else (parses(press.text)[0].normal_form
                                                                    if parses(press.text) else press.text)
        label = " ".join([head.lower(), *(w.text for w in words_after)])
        return f"new:Organization:ru:{label}"

    def one(self, unit: Unit | None) -> str | None:
        """A unit's actor when it names one that can speak."""
        if unit is None or len(unit.members) != 1 or unit.members[0].type not in SPEAKERS:
            return None
        return unit.members[0].actor

    # ------------------------------------------------------------------ across sentences
    def carried(self, doc: Doc, discourse: Discourse, index: int, article: Article,
                found: list[Voice]) -> str | None:
        """A speaker for the whole sentence from the article: an open quotation, direct speech, an interview."""
        memory = discourse.kept("ru_voices", Voices)
        sent = article.sentences[index]
        text = sent.text.strip()
        starts_paragraph = not article.text[:sent.start].strip(" \t") or article.text[:sent.start].rstrip(
            " \t").endswith("\n")
        dash = text[:1] in DASHES
        if starts_paragraph:
            memory.paragraph = None
        if starts_paragraph and dash and text.endswith("?"):
            if not memory.interview:
                memory.interview = True
                last = memory.last_source
                memory.interviewee = last[1] if last is not None else None
            memory.paragraph = (index, None)
            return None
        if memory.paragraph is not None:
            return memory.paragraph[1]
        if any(v.speaker is not None for v in found):
            return None
        if starts_paragraph and dash:
            speaker = self.closing_speaker(article, index) or (
                memory.last_source[1] if memory.last_source and index - memory.last_source[0] <= 1 else None)
            memory.paragraph = (index, speaker)
            return speaker
        if self.in_quote(article, index):
            return self.closing_speaker(article, index)
        said = self.said_next(article, index)
        if said is not None:
            return said
        if memory.interview and memory.interviewee is not None:
            return memory.interviewee
        return None

    @staticmethod
    def in_quote(article: Article, index: int) -> bool:
        """Whether the sentence is inside a quotation that does not close in it: opened before it, or in it."""
        sent = article.sentences[index]
        through = article.text[:sent.end]
        opened = max(through.rfind(c) for c in OPEN_QUOTES)
        closed = max(through.rfind(c) for c in CLOSE_QUOTES)
        return opened > closed

    def closing_speaker(self, article: Article, index: int) -> str | None:
        """The speaker named where the quotation or paragraph of this sentence closes ("», — сказал X")."""
        for k in range(index, min(len(article.sentences), index + 8)):
            text = article.sentences[k].text
            m = CLOSING.search(text)
            if m is not None and any(p.normal_form.replace("ё", "е") in SPEECH_VERBS for p in parses(m.group(1))):
                return self.named_in(m.group(2), article)
            if k > index and article.text[:article.sentences[k].start].rstrip(" \t").endswith("\n"):
                return None  # the paragraph ends before a speaker is named
        return None

    def said_next(self, article: Article, index: int) -> str | None:
        """"... . Об этом заявил X.", "Об этом сообщает пресс-служба X.": the speaker the next sentence names for
        this one (a name, a body or a press service; not a pronoun, nor an outlet)."""
        if index + 1 >= len(article.sentences):
            return None
        text = article.sentences[index + 1].text
        if not ABOUT_THIS.match(text):
            return None
        ws = WORD.findall(text)
        verb = next((k for k, w in enumerate(ws) if any(
            p.tag.POS == "VERB" and p.normal_form.replace("ё", "е") in SPEECH_VERBS for p in parses(w)[:1])), None)
        if verb is None:
            return None
        first = next((k + 1 for k, w in enumerate(ws) if w.lower() == "этом"), 0)
        # the words that may name the speaker, before the verb and after it, up to a preposition or a mark
        span = []
        for a, b in ((first, verb), (verb + 1, len(ws))):
            for w in ws[a:b]:
                if w.lower() in PREPOSITIONS or not w[0].isalnum():
                    break
                span.append(w)
        press = next((k for k, w in enumerate(span) if w.lower() in PRESS), None)
        if press is not None:
            owner = span[press + 1:]
            for n in range(len(owner), 0, -1):
                forms = [normalize_org(owner[:n])]
                if n == 1:  # "Акорды", which the organisation rule misreads: each dictionary form of the word
                    forms += [match_case(f, owner[0]) for f in name_forms(owner[0])]
                for actor in (a for f in forms for a in self.lexicon.ids_for(f, self.lang)):
                    if self.type_of(actor) in {"Organization", "Country"}:
                        return actor
            home = HOME_BODIES.get(parses(owner[0])[0].normal_form if owner and parses(owner[0]) else "")
            if home is not None and len(owner) == 1 and home in self.lexicon.actors:
                return home
            return f"new:Organization:ru:{' '.join(['пресс-служба', *owner])}" if owner else None
        speaker = self.named_in(" ".join(span), article)
        if speaker is not None and REPORTING.fullmatch(ws[verb].lower()) and self.type_of(speaker) == "Organization" \
                and not self.official(speaker):
            return None  # "Об этом сообщает ТАСС": an outlet
        return speaker

    def named_in(self, tail: str, article: Article) -> str | None:
        """The actor the words after a verb of saying name (a name in its base form, or a head of state)."""
        ws = [w.strip("«»“”\",()") for w in tail.split()][:8]
        ws = [w for w in ws if w]
        low = [w.lower() for w in ws]
        if low[:2] == ["глава", "государства"] or (low[:1] == ["президент"] and (len(ws) == 1 or ws[1].islower())):
            return self.lexicon.holder("leaderOf", "country_kz", article.date)
        for i in range(len(ws)):
            for n in (5, 4, 3, 2, 1):
                if i + n > len(ws):
                    continue
                for actor in self.lexicon.ids_for(" ".join(ws[i:i + n]), self.lang):
                    if self.type_of(actor) in SPEAKERS:
                        return actor
        return None
