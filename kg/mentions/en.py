"""Mention stage, English: lexicon names on the text and lemma; unknown names from capitalisation.

English names do not inflect: a token's keys are its lower-cased text and lemma (one kind of
apostrophe), and a name followed by "'s" stands in the genitive. Names the lexicon does not
know are runs of capitalised words: organisations by their cue words ("Bank", "Ministry"),
people by two or three name-like words or a title before them ("Chancellor Merz").
"""

from __future__ import annotations

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
        return frozenset({norm(token.text).replace("’", "'"), norm(token.lemma_ or token.text).replace("’", "'")})

    def span_case(self, doc: Doc, start: int, end: int, last_key: str | None) -> str:
        return "Gen" if end < len(doc) and doc[end].text in {"'s", "’s", "'", "’"} else ""

    def unknown(self, doc: Doc, known: list[Mention], offset: int) -> list[Mention]:
        """Capitalised runs outside the known mentions; a name listed with a known organisation is one too."""
        orgs = {i for m in known if self.is_org(m.actor_id) for i in range(m.tok_start, m.tok_end)}
        return _open_world_en(doc, taken_tokens(known), offset, orgs)

    def is_org(self, actor_id: str) -> bool:
        if actor_id.startswith("new:"):
            return actor_id.startswith("new:Organization:")
        actor = self.lexicon.actors.get(actor_id)
        return actor is not None and actor.type == "Organization"


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

    i = 0
    while i < n:
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
            if 2 <= len(words) <= 3 and not any(w.lower() in _EN_NOT_PERSON for w in words) \
                    and all(w.isalpha() or "-" in w for w in words) and not any(w.isupper() for w in words):
                type_ = "Person"
        while start < end and doc[start].lower_ == "the":
            start += 1
        lone = type_ is None and j - i == 1 and k == j and i > 0 and doc[i].text.isalpha() \
            and doc[i].lower_ not in _EN_NOT_PERSON and not doc[i].text.isupper()
        if lone and _listed_with_org(doc, i, orgs):
            type_, start, end = "Organization", i, j
        elif lone and doc[i - 1].lower_ in _EN_TITLE and doc[i - 1].text[:1].isupper() and (i - 1) not in taken:
            type_, start, end = "Person", i, j  # "President Obama", "Chancellor Merz"
        elif type_ is None or end - start < 2:  # a lone capitalised word is too often a sentence's first
            i = max(j, i + 1)
            continue
        span = doc[start:end]
        label = " ".join(t.text for t in span)
        out.append(Mention(f"new:{type_}:en:{label}", offset + span.start_char, offset + span.end_char, start, end,
                           span.text, "Gen" if end < n and doc[end].text in {"'s", "’s"} else "", "shape"))
        i = end
    return out
