"""Mention stage, English: lexicon names on the text and lemma; unknown names from capitalisation.

English names do not inflect: a token's keys are its lower-cased text and lemma (one kind of
apostrophe), and a name followed by "'s" stands in the genitive. Names the lexicon does not
know are runs of capitalised words: organisations by their cue words ("Bank", "Ministry"),
people by two or three name-like words or a title before them ("Chancellor Merz").
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from kg import registry
from kg.mentions.core import MentionFinder, norm, taken_tokens
from kg.model import Mention
from kg.wordlists import words

# English: titles and honorifics precede a name but are not part of it; other capitalised words
# that are not names of people (months, days, places' descriptors) stop a Person reading.
_EN_TITLE = words("en", "titles")
_EN_NOT_PERSON = words("en", "not_a_person")
_EN_ORG_CUE = words("en", "org_cues")
_EN_JOIN = words("en", "name_joiners")
# title words that may open a body's name ("Foreign Ministry", "Federal Chancellery")
_EN_TITLE_IN_NAMES = words("en", "titles_in_names")
# the last word of a gathering's name ("Summit", "Ministerial Meeting", "Dialogue") and of a format's
_EN_EVENT_HEAD = words("en", "event_heads")
_EN_FORMAT_HEAD = words("en", "format_heads")
# words that never describe a gathering's topic ("Astana will host the summit")
_EN_FUNCTION_WORDS = words("en", "function_words")
# events named by a word and their year: "EXPO 2025", "Universiade 2029"
_EN_DATED_EVENTS = words("en", "dated_events")
# an abbreviation written with dots ("U.K."), matched also without them
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
# what joins two names into a format's name: "EU-Central Asia", "C5+Germany", "Central Asia + Japan"
_EN_FORMAT_JOIN = words("en", "format_joiners")
_ORDINAL = re.compile(r"\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth", re.I)
# lower-case particles inside people's names ("bin", "al-", "von der")
_EN_PARTICLES = words("en", "name_particles")
_PARTICLE_WORD = re.compile(r"(al|el|ad|as|ash|at|az|ar)-[A-Z][a-z]+")
# endings of common nouns and gerunds, never of a person's name ("Expanding Life Opportunities")
_COMMON_NOUN = re.compile(r"(ing|ies|tion|tions|ment|ments|ness|ity)$")
_YEAR = re.compile(r"(19|20)\d\d")


@registry.mention_finders.register("en")
class EnglishFinder(MentionFinder):
    """English: names do not inflect; keys are the lower-cased text and the lemma, one apostrophe.

    The tokenizer splits the possessive ("Kazakhstan's" -> "Kazakhstan" + "'s"), so a
    name matches before it; the case of a name followed by "'s" is "Gen".
    """

    lang = "en"

    def word_keys(self, word: str) -> frozenset[str]:
        return frozenset({norm(word).replace("’", "'")})

    def token_keys(self, token: Token) -> frozenset[str]:
        keys = {norm(token.text).replace("’", "'"), norm(token.lemma_ or token.text).replace("’", "'")}
        if _DOTTED.fullmatch(token.text):
            keys.add(norm(token.text.replace(".", "")))  # "U.K." is the lexicon's "UK"
        return frozenset(keys)

    def span_case(self, doc: Doc, start: int, end: int, last_key: str | None) -> str:
        return "Gen" if end < len(doc) and doc[end].text in {"'s", "’s", "'", "’"} else ""

    def find(self, doc: Doc, offset: int = 0) -> list[Mention]:
        """Lexicon names, then three English readings of them: a name continued by a longer name of the same
        actor ("Sheikh Tamim bin Hamad Al Thani"), a name spelt out before its acronym ("Conference on ...
        in Asia (CICA)"), and names joined into a format's or a meeting's name ("the 20th EU-Central Asia
        Ministerial Meeting", "the C5+Germany Presidential Summit"), which is one actor the lexicon lacks."""
        found = super().find(doc, offset)
        keys = [self.token_keys(t) for t in doc]
        found = [self.continued(doc, keys, m, offset) for m in found]
        found = self.spelt_out(doc, found, offset)
        found = self.place_events(doc, found, offset)
        return self.formats(doc, found, offset)

    def place_events(self, doc: Doc, found: list[Mention], offset: int) -> list[Mention]:
        """"the Samarkand international climate forum": a city, words for the topic, a gathering's noun."""
        out = []
        n = len(doc)
        for m in found:
            actor = self.lexicon.actors.get(m.actor_id)
            k = m.tok_end
            while k < n and k - m.tok_end < 3 and doc[k].is_lower and doc[k].is_alpha \
                    and doc[k].lower_ not in _EN_EVENT_HEAD and doc[k].lower_ not in _EN_FUNCTION_WORDS:
                k += 1
            if actor is None or actor.type != "Place" or k == m.tok_end or k >= n \
                    or doc[k].lower_ not in _EN_EVENT_HEAD - {"ministerial"}:
                out.append(m)
                continue
            span = doc[m.tok_start:k + 1]
            out.append(Mention(f"new:Event:en:{span.text}", offset + span.start_char, offset + span.end_char,
                               m.tok_start, k + 1, span.text, self.span_case(doc, m.tok_start, k + 1, None), "shape"))
        return out

    def continued(self, doc: Doc, keys: list[frozenset[str]], m: Mention, offset: int) -> Mention:
        end = m.tok_end
        for s in range(m.tok_start + 1, m.tok_end):
            for k in keys[s]:
                for entry in self.index.get(k, ()):
                    n = len(entry.keys)
                    if entry.actor_id == m.actor_id and s + n > end and s + n <= len(doc) and \
                            all(keys[s + j] & entry.keys[j] for j in range(n)):
                        end = s + n
        start = m.tok_start
        if start > 0 and re.fullmatch(r"[A-Z]\.?", doc[start - 1].text) and self.is_person(m.actor_id):
            start -= 1  # "S Jaishankar": an initial before the surname is part of the name
        if end == m.tok_end and start == m.tok_start:
            return m
        span = doc[start:end]
        return replace(m, start=offset + span.start_char, end=offset + span.end_char, tok_start=start, tok_end=end,
                       text=span.text, case=self.span_case(doc, start, end, None))

    def is_person(self, actor_id: str) -> bool:
        actor = self.lexicon.actors.get(actor_id)
        return actor is not None and actor.type == "Person"

    def spelt_out(self, doc: Doc, found: list[Mention], offset: int) -> list[Mention]:
        """"the Conference on Interaction and Confidence Building Measures in Asia (CICA)": the acronym's actor."""
        out = list(found)
        for m in found:
            a, b = m.tok_start, m.tok_end
            if not (a >= 2 and b < len(doc) and doc[a - 1].text == "(" and doc[b].text == ")"
                    and m.text.isupper() and len(m.text) >= 2):
                continue
            start = _spelt_start(doc, a - 1, m.text)
            if start is None:
                continue
            out = [x for x in out if x.tok_end <= start or x.tok_start > b]
            span = doc[start:b + 1]  # the name with its acronym in brackets: one mention
            out.append(Mention(m.actor_id, offset + span.start_char, offset + span.end_char, start, b + 1, span.text,
                               self.span_case(doc, start, b + 1, None), "acronym"))
        out.sort(key=lambda x: x.tok_start)
        return out

    def formats(self, doc: Doc, found: list[Mention], offset: int) -> list[Mention]:
        """Names joined by "-" or "+" and closed by a gathering's word: one new actor, its name as written."""
        by_start = {m.tok_start: m for m in found}
        inside = {k for m in found for k in range(m.tok_start + 1, m.tok_end)}
        n = len(doc)
        out = list(found)
        i = 0
        while i < n:
            if i in inside:
                i += 1
                continue
            start = i
            k = i + 1 if _ORDINAL.fullmatch(doc[i].text) and doc[i].text[:1].isdigit() else i
            pieces, joins, named = 0, 0, 0
            while k < n:
                if k in by_start:
                    pieces, named, k = pieces + 1, named + 1, by_start[k].tok_end
                elif doc[k].text[:1].isupper() and (doc[k].is_alpha or re.fullmatch(r"[A-Z]+\d+", doc[k].text)) \
                        and doc[k].lower_ not in _EN_EVENT_HEAD | _EN_FORMAT_HEAD and pieces == joins:
                    pieces, named, k = pieces + 1, named + (not doc[k].is_alpha), k + 1
                elif doc[k].text in _EN_FORMAT_JOIN and pieces == joins + 1:
                    joins, k = joins + 1, k + 1
                else:
                    break
            end = k
            while end < n and doc[end].text[:1].isupper() and doc[end].is_alpha and (end - k) < 3 and \
                    doc[end].lower_ not in _EN_EVENT_HEAD | _EN_FORMAT_HEAD:
                end += 1  # "Ministerial", "Presidential", "Strategic"
            # a lower-case head closes only names the lexicon knows ("the Central Asia – Japan summit"), not
            # adjectives ("the Kazakh-Chinese summit")
            head = doc[end].lower_ if end < n and (doc[end].text[:1].isupper() or named == pieces) else ""
            if joins >= 1 and pieces == joins + 1 and (head in _EN_EVENT_HEAD or head in _EN_FORMAT_HEAD):
                end += 1
                while end < n and doc[end].text[:1].isupper() and doc[end].lower_ in _EN_EVENT_HEAD | _EN_FORMAT_HEAD:
                    head, end = doc[end].lower_, end + 1  # "Ministerial Meeting"
                type_ = "Event" if head in _EN_EVENT_HEAD else "Organization"
                span = doc[start:end]
                out = [x for x in out if x.tok_end <= start or x.tok_start >= end]
                out.append(Mention(f"new:{type_}:en:{span.text}", offset + span.start_char, offset + span.end_char,
                                   start, end, span.text, self.span_case(doc, start, end, None), "shape"))
                i = end
                continue
            i += 1
        out.sort(key=lambda x: x.tok_start)
        return out

    def unknown(self, doc: Doc, known: list[Mention], offset: int) -> list[Mention]:
        """Capitalised runs outside the known mentions; a name listed with a known organisation is one too."""
        orgs = {i for m in known if self.is_org(m.actor_id) for i in range(m.tok_start, m.tok_end)}
        return _open_world_en(doc, taken_tokens(known), offset, orgs)

    def is_org(self, actor_id: str) -> bool:
        if actor_id.startswith("new:"):
            return actor_id.startswith("new:Organization:")
        actor = self.lexicon.actors.get(actor_id)
        return actor is not None and actor.type == "Organization"


def _spelt_start(doc: Doc, end: int, acronym: str) -> int | None:
    """Where the name an acronym abbreviates starts, if the capitalised words before `end` spell it."""
    k = end
    while k > 0 and ((doc[k - 1].text[:1].isupper() and doc[k - 1].is_alpha and doc[k - 1].lower_ not in _EN_TITLE)
                     or doc[k - 1].lower_ in _EN_JOIN | {"in", "-"}):
        k -= 1
    letters = acronym.replace(".", "").upper()
    for start in range(k, end):
        tok = doc[start]
        if not (tok.text[:1].isupper() and tok.is_alpha) or tok.text[0] != letters[0]:
            continue
        initials = "".join(t.text[0] for t in doc[start:end] if t.text[:1].isupper())
        it = iter(initials)
        if len(initials) >= len(letters) and end - start >= 2 and all(c in it for c in letters):
            return start
    return None


def _particle_name(doc: Doc, j: int, cap) -> bool:
    """A name particle at `j` followed by a name word ("bin Khalifa", "al-Thani", "von der Leyen")."""
    if _PARTICLE_WORD.fullmatch(doc[j].text):
        return True
    k = j
    while k < len(doc) and (doc[k].lower_ in _EN_PARTICLES or (k > j and doc[k].text == "-")):
        k += 1
    return k > j and k < len(doc) and (cap(k) or bool(_PARTICLE_WORD.fullmatch(doc[k].text)))


def _listed_with_org(doc: Doc, i: int, orgs: set[int]) -> bool:
    """Token `i` stands in a list with a known organisation: "Rosneft and Lukoil", "Lukoil, Rosneft and ..."."""
    n = len(doc)
    before = i - 1 if i >= 1 and doc[i - 1].lower_ in {"and", "or", ","} else None
    after = i + 1 if i + 1 < n and doc[i + 1].lower_ in {"and", "or", ","} else None
    return (before is not None and before - 1 in orgs) or (after is not None and after + 1 in orgs)


def _open_world_en(doc: Doc, taken: set[int], offset: int, orgs: set[int] | None = None) -> list[Mention]:
    """English names the lexicon does not know: capitalised runs; organisation cues or 2-3-word people.

    A lone capitalised word is a name only when it is listed with a known organisation (`orgs`:
    its token indices), and then an organisation too, or when a capitalised title precedes it
    ("Chancellor Merz"), and then a person.
    """
    out: list[Mention] = []
    n = len(doc)
    orgs = orgs or set()

    def cap(k: int) -> bool:
        t = doc[k].text
        return k not in taken and t[:1].isupper() and (t.isalpha() or "-" in t or t.endswith(".")) \
            and doc[k].lower_ not in _EN_TITLE

    def word(k: int) -> bool:  # a capitalised word, a title word too ("Senate Foreign Relations Committee")
        t = doc[k].text
        return k not in taken and t[:1].isupper() and (t.isalpha() or "-" in t)

    def org_run(i: int) -> int:
        """The end of a body's name with title words inside it, or `i` when the run is no body's name."""
        j = i
        while j < n and word(j):
            j += 1
        while j + 1 < n and doc[j].lower_ in _EN_JOIN and doc[j].lower_ != "and" and word(j + 1):
            j += 1
            while j < n and word(j):
                j += 1
        while j > i and doc[j - 1].lower_ not in _EN_ORG_CUE:
            j -= 1
        titled = any(doc[k].lower_ in _EN_TITLE for k in range(i, j))
        return j if titled and j - i >= 2 else i

    i = 0
    while i < n:
        if word(i) and (cap(i) or doc[i].lower_ in _EN_TITLE_IN_NAMES) and not (i > 0 and word(i - 1)):
            e = org_run(i)
            if e > i:
                span = doc[i:e]
                out.append(Mention(f"new:Organization:en:{span.text}", offset + span.start_char,
                                   offset + span.end_char, i, e, span.text,
                                   "Gen" if e < n and doc[e].text in {"'s", "’s"} else "", "shape"))
                i = e
                continue
        if i + 1 < n and doc[i].lower_ in _EN_DATED_EVENTS and doc[i].text[:1].isupper() and _YEAR.fullmatch(
                doc[i + 1].text) and i not in taken and (i + 1) not in taken:
            span = doc[i:i + 2]  # "EXPO 2025": an event named by its year
            out.append(Mention(f"new:Event:en:{span.text}", offset + span.start_char, offset + span.end_char, i,
                               i + 2, span.text, "Gen" if i + 2 < n and doc[i + 2].text in {"'s", "’s"} else "",
                               "shape"))
            i += 2
            continue
        if not cap(i):
            i += 1
            continue
        j = i + 1  # the run of capitalised words
        while j < n and cap(j):
            j += 1
        k = j  # joiners ("Bank of China") extend it only into an organisation name
        while k + 1 < n and doc[k].lower_ in _EN_JOIN and doc[k].lower_ != "and" and cap(k + 1):
            k += 1
            while k < n and cap(k):
                k += 1
        type_ = None
        start, end = i, j
        if any(t.lower_ in _EN_ORG_CUE for t in doc[i:k]):
            type_, end = "Organization", k
            while end > j and doc[end - 1].lower_ not in _EN_ORG_CUE and not cap(end - 1):
                end -= 1
        else:
            # "State Warren Christopher": descriptors before a name are not part of it
            while start < j and doc[start].lower_ in _EN_NOT_PERSON:
                start += 1
            words = [t.text for t in doc[start:j]]
            initial = len(words[0]) == 1 if words else False  # "S Jaishankar"
            if 2 <= len(words) <= 3 and not any(w.lower() in _EN_NOT_PERSON | _EN_EVENT_HEAD for w in words) \
                    and not any(_COMMON_NOUN.search(w) for w in words) \
                    and all(w.isalpha() or "-" in w for w in words) \
                    and not any(w.isupper() for w in words[1 if initial else 0:]) \
                    and not (start > 0 and doc[start - 1].lower_ == "the"):  # "the Amiri Diwan" is no one
                type_ = "Person"
            if (type_ == "Person" or (len(words) == 1 and start > 0 and doc[start - 1].lower_ in _EN_TITLE)) \
                    and j + 1 < n and _particle_name(doc, j, cap):
                # "Hamad bin Khalifa al-Thani", "Ursula von der Leyen": particles inside a person's name
                while j + 1 < n and _particle_name(doc, j, cap):
                    while j < n and (doc[j].lower_ in _EN_PARTICLES or doc[j].text == "-"):
                        j += 1
                    while j < n and (cap(j) or _PARTICLE_WORD.fullmatch(doc[j].text)):
                        j += 1
                type_, end = "Person", j
            elif 1 <= len(words) <= 5 and words[-1].lower() in _EN_EVENT_HEAD and \
                    not any(w.lower() in _EN_NOT_PERSON - {"summit", "forum"} for w in words[1:]) and len(words) >= 2:
                type_ = "Event"  # "the Second Global Mountain Summit"
        while start < end and doc[start].lower_ == "the":
            start += 1
        lone = type_ is None and j - i == 1 and k == j and i > 0 and doc[i].text.isalpha() \
            and doc[i].lower_ not in _EN_NOT_PERSON and not doc[i].text.isupper()
        if lone and _listed_with_org(doc, i, orgs):
            type_, start, end = "Organization", i, j
        elif lone and doc[i - 1].lower_ in _EN_TITLE and doc[i - 1].text[:1].isupper() and (i - 1) not in taken \
                and doc[i].lower_.rstrip("s") not in _EN_TITLE and doc[i].lower_ not in _EN_EVENT_HEAD | _EN_ORG_CUE:
            type_, start, end = "Person", i, j  # "President Obama", "Chancellor Merz"
        elif type_ is None or end - start < 2:  # a lone capitalised word is too often a sentence's first
            i = max(j, i + 1)
            continue
        span = doc[start:end]
        label = re.sub(r"\s+", " ", span.text)  # as written: "Hamad bin Khalifa al-Thani"
        out.append(Mention(f"new:{type_}:en:{label}", offset + span.start_char, offset + span.end_char, start, end,
                           span.text, "Gen" if end < n and doc[end].text in {"'s", "’s"} else "", "shape"))
        i = end
    return out
