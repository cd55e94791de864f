"""Extraction stage, English attribution: whose words a sentence reports (prov:wasAttributedTo).

The reported content and its speaker, from English reporting grammar:

* a speech verb and its subject: "X said (that) ...", "X stressed the importance of ...", "X
  proposed increasing trade" (the content follows the verb); a trailing ", X said." or ", said X"
  (the content is the clause before); a headline's "... — X";
* "according to X", "in the opinion of X", "according to a statement published on X's website";
* quotations: the speaker of a quotation is the subject of the speech verb next to it, in this
  sentence or in the one that closes the quotation ("“... .” / “... ,” said X"), and a quotation
  opened after "X stated," stays X's in the sentences it spans;
* reports that name their source: "Kazinform cites Akorda", "reported the Akorda press service",
  "via the press service of the Kyrgyz president" (an official press service speaks for its body);
  the outlet that carries a report ("Trend reports", "As reported by X") is never a speaker, nor
  is the article's publisher;
* a sentence that only says "X said, speaking to ..." reports the sentence before it.

The speaker of a sentence is the one whose content holds most of the triggers the sentence's
relations were read from (more than half of them): a sentence whose relations stand outside any
reported content has none. Where no relation has a trigger of its own, the speaker is the one whose
content holds all the names they were read from. The word lists are data (kg/lexicons/words_en.tsv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.extract.core import Discourse, Member, Unit
from kg.extract.en.gatherings import EnglishGatherings
from kg.extract.en.words import CLAUSE_END, DETERMINERS, POSSESSIVE_DETERMINERS, PRONOUNS
from kg.model import Article
from kg.wordlists import words

SPEECH_VERBS = words("en", "speech_verbs")
IRREGULAR_SPEECH = words("en", "speech_irregular")
REPORTING_VERBS = words("en", "reporting_verbs")
SOURCE_NOUNS = words("en", "source_nouns")
DOCUMENT_NOUNS = words("en", "document_nouns")
HEAD_NOUNS = words("en", "head_nouns")
PRESIDENT = words("en", "president_words")
QUOTE_PAIRS = {"“": "”", "«": "»", '"': '"', "„": "“"}


@dataclass(frozen=True)
class Said:
    """Someone's reported words: the speaker, the content's tokens in the sentence, and how sure the frame is."""

    speaker: str
    start: int
    end: int
    rank: int  # 0: a speech verb or a quotation; 1: "according to"; 2: a source an outlet cites


def _forms(lemmas: frozenset[str]) -> set[str]:
    """Inflected forms of speech verbs for the text after a quotation ("said", "added", "emphasized")."""
    out = set(IRREGULAR_SPEECH)
    for lemma in lemmas:
        stem = lemma[:-1] + "i" if lemma.endswith("y") else lemma
        out |= {lemma, lemma + "s", stem + ("d" if lemma.endswith("e") else "ed"), stem + "es"}
    return out


SPEECH_FORMS = _forms(SPEECH_VERBS)
PAST_SPEECH_FORMS = frozenset(f for f in SPEECH_FORMS if f.endswith("ed") or f in IRREGULAR_SPEECH)
# what a run-together speech verb may end with: "statedon Thursday", "saidin a statement"
FUSED_TAILS = frozenset({"on", "in", "at", "that"})
_AFTER_QUOTE = re.compile(r"\s*[,.]?\s*(?:(?P<v1>[a-z]+)\s+(?P<w1>[A-Z][\w.\-’' ]{1,60}?|he|she)\b"
                          r"|(?P<w2>[A-Z][\w.\-’' ]{0,60}?|[Hh]e|[Ss]he)\s+(?P<v2>[a-z]+)\b)")
_CAPITALISED = re.compile(r"[A-Z][\w\-’']*(?:\s+(?:[A-Z][\w\-’']*|of|the|bin|al|von|der))*")


class EnglishSpeech(EnglishGatherings):
    """The speaker of each sentence (a mixin under `EnglishExtractor`)."""

    def speaker_of(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int,
                   article: Article) -> str | None:
        saids = self.speech_verbs(doc, units, discourse, index) + self.according(doc, units)
        saids += self.sources(doc, units, article)
        saids += self.quotations(doc, discourse, index, article, saids)
        saids += self.headline_dash(doc, units)
        ahead = self.said_next(doc, discourse, index, article)
        if ahead is not None:
            saids.append(Said(ahead, 0, len(doc), 1))
        outlets = self.outlets(doc, units) | ({article.publisher} if article.publisher else set())
        triggers = [t for a, b, t in self._spans if t is not None for _ in range(a, b)]
        best, best_key = None, None
        for s in saids:
            if s.speaker in outlets:
                continue
            inside = sum(s.start <= t < s.end for t in triggers)
            if not triggers or inside * 2 <= len(triggers):
                continue
            key = (-inside, s.rank, s.end - s.start)
            if best_key is None or key < best_key:
                best, best_key = s.speaker, key
        if not triggers:
            # readings with no trigger of their own ("formats like A + B"): theirs whose words hold all their names
            best = self.speaker_of_names(units, saids, outlets)
        # who speaks is who "he" is in what follows ("..., he added"), even where the words hold no relation
        people = [s for s in saids if s.rank < 2 and self.type_of(s.speaker) == "Person"]
        if best is not None and self.type_of(best) == "Person":
            discourse.last_agent["person"] = (index, [Member(best, "Person")])
        elif people:
            discourse.last_agent["person"] = (index, [Member(people[-1].speaker, "Person")])
        return best

    def speaker_of_names(self, units: list[Unit], saids: list[Said], outlets: set[str]) -> str | None:
        """The speaker (a speech verb or a quotation) whose words hold every name the sentence's readings come from."""
        out = getattr(self, "_out", [])
        actors = {x for a, b, _ in self._spans for s, _, o, _ in out[a:b] for x in (s, o)}
        named = [u for u in units if any(m.actor in actors for m in u.members)]
        if not named:
            return None
        for s in saids:
            if s.rank == 0 and s.speaker not in outlets and all(s.start <= u.start and u.end <= s.end for u in named):
                return s.speaker
        return None

    # ------------------------------------------------------------------ speech verbs
    def speech_verb_at(self, doc: Doc, v: int) -> bool:
        """A speech verb used as a verb: not "his remarks", "the call", "a post"."""
        tok = doc[v]
        if not tok.is_lower:
            return False
        if self.key(tok) not in SPEECH_VERBS:
            return self.fused(tok.lower_)
        if v > 0 and (doc[v - 1].lower_ in DETERMINERS or doc[v - 1].lower_ in POSSESSIVE_DETERMINERS
                      or doc[v - 1].text in {"'s", "’s"} or (doc[v - 1].is_lower and doc[v - 1].lower_.endswith("ing")
                                                            and self.key(doc[v - 1]) not in SPEECH_VERBS)):
            return False
        if tok.lower_.endswith("s") and not tok.lower_.endswith("ss") and v + 1 < len(doc) \
                and doc[v + 1].lower_ in {"of", "by", "from"}:
            return False  # "calls of", "remarks by"
        if self.key(tok) == "call" and v + 1 < len(doc) and doc[v + 1].lower_ == "with":
            return False  # a phone call
        return True

    @staticmethod
    def fused(word: str) -> bool:
        """A past speech verb run together with the next word, as scraped text has it: "statedon", "saidin"."""
        return any(word.startswith(form) and word[len(form):] in FUSED_TAILS and len(word) > len(form)
                   for form in PAST_SPEECH_FORMS)

    def speech_verbs(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int) -> list[Said]:
        """"X said (that) ...", "X stressed the importance of ...", ", X said.", "“...,” X told Y", ", said X"."""
        out = []
        for v in range(len(doc)):
            if self.key(doc[v]) in REPORTING_VERBS and doc[v].is_lower:
                # "the ministry's press service reported": an official source reports for its body (an outlet's
                # "Trend reports" names no speaker)
                k = v - 1
                while k >= 0 and self.chain_word(doc[k]) and doc[k].lower_ != "to":
                    k -= 1
                official = self.official_source(doc, units, k, next((u for u in units if u.end == k + 1), None))
                if official is not None:
                    subject, start = official
                else:
                    continue
            elif not self.speech_verb_at(doc, v):
                continue
            else:
                subject, start = self.speaker_before(doc, units, v, discourse, index)
            if subject is not None:
                before = doc[start - 1].text if start > 0 else ""
                if before in CLOSERS or (before == "," and start > 1 and doc[start - 2].text in CLOSERS):
                    out.append(Said(subject, 0, start, 0))  # "“...,” Putin told Japarov, according to ..."
                elif before == "," and self.trailing(doc, v):
                    out.append(Said(subject, 0, start, 0))  # "..., the ministry said."
                else:
                    out.append(Said(subject, v + 1, self.content_end(doc, v), 0))
                continue
            after = next((u for u in units if u.start == v + 1 and not u.prep and len(u.members) == 1), None)
            if after is not None and v > 0 and doc[v - 1].text in {",", "”", "»", '"'} | CLOSERS:
                out.append(Said(after.members[0].actor, 0, v, 0))  # "“...,” said X"
        return out

    def speaker_before(self, doc: Doc, units: list[Unit], v: int, discourse: Discourse,
                       index: int) -> tuple[str | None, int]:
        """The subject of the speech verb at `v` and where it starts: a person, body or state right before it (past
        adverbs, an apposition "X, CEO of Y, said"), or "he"/"she" for the last person named."""
        k = v - 1
        while k >= 0 and (self.chain_word(doc[k]) and doc[k].lower_ != "to"):
            k -= 1  # "also noted", "once again reiterated", "has stated"
        if k >= 2 and doc[k].lower_ == "to" and doc[k - 1].is_lower:
            # "X went on to call for ...", "X continued to stress": the verb before "to" has the subject
            k -= 2 if doc[k - 1].lower_ not in {"on"} else 3
            while k >= 0 and self.chain_word(doc[k]) and doc[k].lower_ != "to":
                k -= 1
        u = next((u for u in units if u.end == k + 1), None)
        if u is None and k >= 0 and doc[k].text == ",":
            # "Pini Althaus, CEO of X and Y, said": the name before the apposition
            j = next((j for j in range(k - 1, max(-1, k - 15), -1) if doc[j].text == ","), None)
            u = next((u for u in units if j is not None and u.end == j), None)
        if u is None and k >= 0 and doc[k].lower_ in PRONOUNS and PRONOUNS[doc[k].lower_] != "Gen":
            person = self.antecedent([], 0, discourse, index)  # "..., he added": no unit of its own here
            return (person.actor, k) if person is not None else (None, k)
        official = self.official_source(doc, units, k, u)
        if official is not None:
            return official
        if u is None or u.prep or u.case == "Gen" or len(u.members) != 1:
            return None, k
        return u.members[0].actor, u.start

    def official_source(self, doc: Doc, units: list[Unit], k: int, u: Unit | None) -> tuple[str, int] | None:
        """"the press service of the president of X said", "the X Foreign Ministry's press service said", "the Akorda
        press service said": the body the press service or spokesperson speaks for, and where the phrase starts."""
        if u is not None and u.prep in {"of", "for"} and len(u.members) == 1:
            j = u.start - 1  # "of"
            while j > 0 and (doc[j - 1].lower_ in SOURCE_NOUNS or doc[j - 1].lower_ in DETERMINERS):
                j -= 1
            if j < u.start - 1 and any(doc[i].lower_ in SOURCE_NOUNS for i in range(j, u.start - 1)):
                return self.body_of(u, doc), j
            return None
        if u is not None or k < 1 or doc[k].lower_ not in SOURCE_NOUNS:
            return None
        j = k
        while j > 0 and doc[j - 1].lower_ in SOURCE_NOUNS:
            j -= 1
        if j > 0 and doc[j - 1].text in {"'s", "’s"}:
            j -= 1
        owner = next((w for w in units if w.end == j and len(w.members) == 1), None)
        if owner is None:
            return None
        return self.body_of(owner, doc), owner.start

    @staticmethod
    def trailing(doc: Doc, v: int) -> bool:
        """Nothing is reported after the verb: ", the ministry said.", ", he added on Thursday"."""
        rest = [t for t in doc[v + 1:] if not t.is_punct]
        return len(rest) <= 5 and not any(t.lower_ == "that" or t.text in QUOTE_PAIRS for t in doc[v + 1:])

    @staticmethod
    def content_end(doc: Doc, v: int) -> int:
        """Where what the verb at `v` reports ends: a semicolon or a full stop the sentence splitter missed."""
        for k in range(v + 1, len(doc)):
            if doc[k].text in CLAUSE_END - {":"}:
                return k
        return len(doc)

    # ------------------------------------------------------------------ according to
    def according(self, doc: Doc, units: list[Unit]) -> list[Said]:
        """"According to X, ...", "..., according to X", "in the opinion of X", "according to a statement published on
        X's website"."""
        out = []
        for k in range(len(doc) - 1):
            low, nxt = doc[k].lower_, doc[k + 1].lower_
            opener = (low == "according" and nxt == "to") or (
                low == "opinion" and nxt == "of") or (low in {"opinion", "view"} and k > 0 and doc[k - 1].text in
                                                      {"'s", "’s"})
            if not opener:
                continue
            who = self.source_after(doc, units, k + 1) if low != "view" and doc[k - 1].text not in {"'s", "’s"} \
                else next((u for u in units if u.end == k - 1), None)
            if who is None:
                continue
            speaker = self.head_of(doc, who)
            start = k if low == "according" else max(0, k - 2)
            clause_start = next((j for j in range(start - 1, -1, -1) if doc[j].text in CLAUSE_END), -1) + 1
            if start > clause_start and doc[start - 1].text in {","} | CLOSERS:
                out.append(Said(speaker, clause_start, start - 1, 1))  # "..., according to X."
            else:
                end = next((j for j in range(who.end, len(doc)) if doc[j].text == ","), len(doc))
                out.append(Said(speaker, end + 1, self.content_end(doc, end), 1))
        return out

    def source_after(self, doc: Doc, units: list[Unit], k: int) -> Unit | None:
        """The one whose words follow "according to"/"of": "X", "a statement by X", "a Kremlin readout"."""
        first = next((u for u in units if u.start > k and u.start - k <= 2), None)
        if first is not None and all(t.lower_ in DETERMINERS or t.lower_ in HEAD_NOUNS for t in doc[k + 1:first.start]):
            return first if len(first.members) == 1 else None
        # "a statement published on the U.K. government website", "data released by the ministry"
        for j in range(k + 1, min(len(doc), k + 4)):
            if doc[j].lower_ in DOCUMENT_NOUNS:
                u = next((u for u in units if j < u.start <= j + 5 and u.prep in {"by", "of", "on", "from"}), None)
                return u if u is not None and len(u.members) == 1 else None
        return None

    def head_of(self, doc: Doc, who: Unit) -> str:
        """"the head of the Russian Foreign Ministry": the holder of the office, when the lexicon knows them."""
        actor = who.members[0].actor
        if who.start >= 2 and doc[who.start - 1].lower_ == "of" and doc[who.start - 2].lower_ in HEAD_NOUNS:
            return self.lexicon.holder("leaderOf", actor, self._date) or actor
        if who.start >= 3 and doc[who.start - 2].lower_ == "of" and doc[who.start - 3].lower_ in HEAD_NOUNS:
            return self.lexicon.holder("leaderOf", actor, self._date) or actor
        return actor

    # ------------------------------------------------------------------ sources of a report
    def sources(self, doc: Doc, units: list[Unit], article: Article) -> list[Said]:
        """"X cites Y", "..., citing Y", "reported the Y press service", "via the press service of Y": Y speaks."""
        out = []
        for k, tok in enumerate(doc):
            key = self.key(tok)
            if key not in REPORTING_VERBS and tok.lower_ not in {"via"}:
                continue
            src = next((u for u in units if k < u.start <= k + 6 and len(u.members) == 1 and u.prep in {"", "of"}
                        and not any(doc[j].text in CLAUSE_END for j in range(k, u.start))), None)
            if src is None:
                continue
            between = {t.lower_ for t in doc[k + 1:src.start]}
            after = {t.lower_ for t in doc[src.end:src.end + 3]}
            press = bool((between | after) & SOURCE_NOUNS)
            if key == "report" and not press:
                continue  # "reported X" names an outlet unless a press service or a ministry is said
            if tok.lower_ == "via" and not press:
                continue
            speaker = self.body_of(src, doc) if press and src.prep == "of" else src.members[0].actor
            start = next((j for j in range(k - 1, -1, -1) if doc[j].text == ","), 0)
            out.append(Said(speaker, 0, start, 2))
        return out

    def body_of(self, src: Unit, doc: Doc) -> str:
        """"the press service of the Kyrgyz president": the president's office, when the lexicon has it."""
        actor = src.members[0].actor
        if self.type_of(actor) == "Country" and any(t.lower_ in PRESIDENT for t in doc[src.start:src.end]):
            return self.office_of(actor) or actor  # an unnamed president stands for the state: its office
        if self.type_of(actor) != "Person":
            return actor
        state = next((r.target for r in self.lexicon.roles_of(actor, self._date) if r.relation == "leaderOf"
                      and self.type_of(r.target) == "Country"), None)
        office = self.office_of(state) if state else None
        return office or actor

    def office_of(self, state: str) -> str | None:
        """The lexicon's presidential office of a state: a body seated in its capital whose name says so."""
        capital = next((a.id for a in self.lexicon.actors.values() if a.capital_of == state and a.type == "Place"),
                       None)
        for a in self.lexicon.actors.values():
            name = a.labels.get("en", "")
            if a.type == "Organization" and a.located_in in {capital, state} and "President" in name \
                    and re.search(r"\b(Administration|Office)\b", name):
                return a.id
        return None

    def outlets(self, doc: Doc, units: list[Unit]) -> set[str]:
        """Who carries the report: the subject of "reports"/"cites"/"writes", the one after "reported by"."""
        out = set()
        for k, tok in enumerate(doc):
            if self.key(tok) not in REPORTING_VERBS:
                continue
            before = next((u for u in units if u.end == k and len(u.members) == 1), None)
            if before is not None:
                out.add(before.members[0].actor)
            if k + 1 < len(doc) and doc[k + 1].lower_ == "by":
                by = next((u for u in units if u.start in {k + 2, k + 3}), None)
                if by is not None:
                    out.update(m.actor for m in by.members)
        return out

    # ------------------------------------------------------------------ quotations
    def quotations(self, doc: Doc, discourse: Discourse, index: int, article: Article,
                   saids: list[Said]) -> list[Said]:
        """A quotation that runs over this sentence: its speaker, said before it opened or after it closes."""
        sentence = article.sentences[index] if index < len(article.sentences) else None
        if sentence is None:
            return []
        memo = self.memo(discourse, "quotes")
        if memo.get("article") != article.id:
            memo.clear()
            memo.update(article=article.id, spans=self.quote_spans(article.text), speakers={})
        out = []
        for a, b in memo["spans"]:
            if b <= sentence.start or a >= sentence.end:
                continue
            first = self.token_at(doc, a - sentence.start)
            last = self.token_at(doc, b - sentence.start)
            speaker = memo["speakers"].get((a, b))
            if speaker is None and a < sentence.start:
                continue  # opened in an earlier sentence with no speaker known there
            if speaker is None and b > sentence.end:
                speaker = self.speaker_after(article.text[b + 1:b + 120], discourse, index)
            if speaker is None and a >= sentence.start:
                # "X stated, “...”": the speech verb's own content holds the opening mark
                said = next((s for s in saids if s.rank == 0 and s.start <= first < s.end), None)
                speaker = said.speaker if said is not None else None
            if speaker is not None:
                memo["speakers"][(a, b)] = speaker
                out.append(Said(speaker, first, min(last + 1, len(doc)), 0))
        return out

    @staticmethod
    def quote_spans(text: str) -> list[tuple[int, int]]:
        """(opening, closing) character offsets of the article's quotations."""
        spans = []
        k = 0
        while k < len(text):
            close = QUOTE_PAIRS.get(text[k])
            if close is None or (text[k] == '"' and k + 1 < len(text) and text[k + 1].isspace()):
                k += 1
                continue
            end = text.find(close, k + 1)
            if end < 0:
                break
            spans.append((k, end))
            k = end + 1
        return spans

    @staticmethod
    def token_at(doc: Doc, char: int) -> int:
        """The token at a character offset of the sentence (clamped to the sentence)."""
        if char <= 0:
            return 0
        for tok in doc:
            if tok.idx + len(tok.text) > char:
                return tok.i
        return len(doc)

    def speaker_after(self, text: str, discourse: Discourse, index: int) -> str | None:
        """The speaker named after a quotation closed in a later sentence: ",” said X", ",” he added"."""
        m = _AFTER_QUOTE.match(text)
        if m is None:
            return None
        verb, who = (m.group("v1"), m.group("w1")) if m.group("v1") else (m.group("v2"), m.group("w2"))
        if verb not in SPEECH_FORMS:
            return None
        if who.lower() in PRONOUNS:
            person = self.antecedent([], 0, discourse, index)
            return person.actor if person is not None else None
        return self.named_in(who)

    def named_in(self, text: str) -> str | None:
        """An actor the lexicon knows by a name in `text`, the longest name first ("Sergei Lavrov", "Lavrov")."""
        for m in _CAPITALISED.finditer(text):
            parts = m.group(0).split()
            for n in range(len(parts), 0, -1):
                for i in range(len(parts) - n + 1):
                    ids = self.lexicon.ids_for(" ".join(parts[i:i + n]), self.lang)
                    if len(ids) == 1:
                        return ids[0]
        return None

    # ------------------------------------------------------------------ other frames
    def headline_dash(self, doc: Doc, units: list[Unit]) -> list[Said]:
        """A headline's "Russia is preparing to hold a summit — Lavrov": the name after the last dash speaks."""
        if not units:
            return []
        last = units[-1]
        if last.end != len(doc) or last.types != {"Person"} or len(last.members) != 1:
            return []
        if last.start == 0 or doc[last.start - 1].text not in {"—", "–"}:
            return []
        return [Said(last.members[0].actor, 0, last.start - 1, 0)]

    def said_next(self, doc: Doc, discourse: Discourse, index: int, article: Article) -> str | None:
        """The next sentence only says who said this one: "X said, speaking to students at Y."."""
        if index + 1 >= len(article.sentences):
            return None
        nxt = article.sentences[index + 1].text
        m = re.match(r"\s*(?P<who>[A-Z][^,.;:“”\"«»]{1,80}?)\s+(?P<verb>[a-z]+)\s*(?:[,.]|$)", nxt)
        if m is None or m.group("verb") not in SPEECH_FORMS or len(nxt) > 160:
            return None
        who = m.group("who")
        if len(who.split()) > 8 or sum(w.islower() for w in who.split()) > 2:
            return None  # a clause, not a name: "The two leaders discussed ..."
        if who.lower() in PRONOUNS:
            person = self.antecedent([], 0, discourse, index + 1)
            return person.actor if person is not None else None
        return self.named_in(who)


CLOSERS = frozenset({"”", "»", "’", "\""})
