"""Mention stage, Russian: lexicon names on pymorphy3's normal forms; unknown names from natasha's NER.

Every word of a Russian name inflects, so a word's keys are all its pymorphy3 normal
forms (and a surname's stem), a token's also natasha's lemmas, and a name stands in the
case of its head word. Names the lexicon does not know are natasha's PER/ORG/LOC spans,
their labels put back into the nominative (`kg.nlp.ru_names`).
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from kg import registry
from kg.mentions.core import MentionFinder, norm, taken_tokens
from kg.model import Mention
from kg.nlp.ru_names import morph_analyzer, normalize_span
from kg.wordlists import pattern

_NER_TYPES = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}
OFFICE = pattern("ru", "office_nouns")


@registry.mention_finders.register("ru")
class RussianFinder(MentionFinder):
    """Russian: every word of a name inflects; keys are all pymorphy3 normal forms."""

    lang = "ru"

    def word_keys(self, word: str) -> frozenset[str]:
        return _ru_word_keys(word)

    def token_keys(self, token: Token) -> frozenset[str]:
        keys = set(_ru_word_keys(token.text))
        keys.update(norm(k) for k in getattr(token._, "lemmas", None) or ())
        return frozenset(keys)

    def span_case(self, doc: Doc, start: int, end: int, last_key: str | None) -> str:
        # the case of a phrase is the case of its head: the token whose head lies outside
        for tok in doc[start:end]:
            if not (start <= tok.head.i < end) or tok.head.i == tok.i:
                case = self.token_case(tok)
                if case:
                    return case
        for tok in doc[start:end]:
            case = self.token_case(tok)
            if case:
                return case
        return ""

    def unknown(self, doc: Doc, known: list[Mention], offset: int) -> list[Mention]:
        """natasha's PER, ORG and LOC spans outside the known mentions, labelled in the nominative."""
        taken = taken_tokens(known)
        out: list[Mention] = []
        for ent in doc.ents:
            if any(i in taken for i in range(ent.start, ent.end)):
                continue
            type_ = _NER_TYPES.get(ent.label_)
            if type_ is None or OFFICE.fullmatch(ent[-1].lemma_.lower()):
                continue  # "Государственный секретарь": an office, not a name
            label = normalize_span(ent)
            if len(label) < 2:
                continue
            case = ""
            for tok in ent:
                if not (ent.start <= tok.head.i < ent.end) or tok.head.i == tok.i:
                    case = (tok.morph.get("Case") or [""])[0]
                    break
            out.append(Mention(f"new:{type_}:ru:{label}", offset + ent.start_char, offset + ent.end_char,
                               ent.start, ent.end, ent.text, case, "ner"))
        return out


@functools.lru_cache(maxsize=200_000)
def _ru_word_keys(word: str) -> frozenset[str]:
    keys = {norm(word)}
    if not any("а" <= c <= "я" or c == "ё" for c in word.lower()):
        return frozenset(keys)
    parts = word.split("-")
    if len(parts) > 1 and all(parts):
        # Касым-Жомарту: each half normalises on its own
        combos = [sorted(_ru_word_keys(p)) for p in parts]
        out = [""]
        for options in combos:
            out = [f"{o}-{x}" if o else x for o in out for x in options[:4]]
        keys.update(out[:16])
        return frozenset(keys)
    for p in morph_analyzer().parse(word):
        keys.add(norm(p.normal_form))
    low = norm(word)
    # surnames and masculine names in -ов/-ев/-ин and the like, in oblique cases
    for suffix in ("ым", "ом", "ем", "ой", "у", "а", "е", "ы"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            keys.add(low[: -len(suffix)])
    return frozenset(keys)
