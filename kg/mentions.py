"""Mention stage: spaCy Doc -> actor mentions (lexicon names on lemmas, then open-world names).

A lexicon name matches a run of tokens when every token of the name is among the
token's lemma candidates, so `Тоқаевты`, `Тоқаевтың` and `Токаеву` all reach the same
actor. Names the lexicon does not know come from NER (Russian, natasha) or from name
shapes (Kazakh: surname suffixes, organisation head nouns); they get provisional ids
`new:<Type>:<lang>:<label>` that `kg.resolve` turns into nodes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.lexicon import Lexicon
from kg.model import Mention

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def norm(text: str) -> str:
    """Matching key of a word: NFC, case-folded, 'ё' as 'е', one kind of dash, Latin C for С in C5+1."""
    text = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    text = _DASHES.sub("-", text)
    return text


def is_upper_initial(text: str) -> bool:
    return bool(text) and text[0].isupper()


@dataclass(frozen=True)
class _Entry:
    keys: tuple[frozenset[str], ...]
    actor_id: str
    name: str
    capitalised: bool


class Language:
    """What the matcher needs to know of a language: name keys, token keys, case."""

    lang = ""

    def __init__(self, nlp) -> None:
        self.nlp = nlp

    def word_keys(self, word: str) -> frozenset[str]:
        return frozenset({norm(word)})

    def token_keys(self, token: Token) -> frozenset[str]:
        return frozenset({norm(token.text)})

    def token_case(self, token: Token, key: str | None = None) -> str:
        return token.morph.get("Case")[0] if token.morph.get("Case") else ""

    def span_case(self, doc: Doc, start: int, end: int, last_key: str | None) -> str:
        return self.token_case(doc[end - 1], last_key)


class Kazakh(Language):
    """Kazakh: the name is in base form; only its last word inflects (kk_morphology analyses)."""

    lang = "kk"

    def token_keys(self, token: Token) -> frozenset[str]:
        keys = {norm(token.text)}
        for a in getattr(token._, "kk_analyses", None) or ():
            keys.add(norm(a.lemma))
            if a.suffixes and a.suffixes[0][:1] in "дтн":
                # a stem's final consonant written once with the suffix's: "Самарқандағы" is Самарқанд + дағы
                keys.add(norm(a.lemma + a.suffixes[0][0]))
        return frozenset(keys)

    def token_case(self, token: Token, key: str | None = None) -> str:
        analyses = getattr(token._, "kk_analyses", None) or ()
        if key is not None:
            for a in analyses:
                if norm(a.lemma) == key:
                    return a.case
        return super().token_case(token)


class Russian(Language):
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


class English(Language):
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


@functools.cache
def _ru_morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


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
    for p in _ru_morph().parse(word):
        keys.add(norm(p.normal_form))
    low = norm(word)
    # surnames and masculine names in -ов/-ев/-ин and the like, in oblique cases
    for suffix in ("ым", "ом", "ем", "ой", "у", "а", "е", "ы"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            keys.add(low[: -len(suffix)])
    return frozenset(keys)


def language_for(lang: str, nlp) -> Language:
    return {"kk": Kazakh, "ru": Russian, "en": English}.get(lang, Language)(nlp)


class MentionFinder:
    """Finds lexicon actors (and open-world names) in the Docs of one language."""

    def __init__(self, lexicon: Lexicon, lang: str, nlp) -> None:
        self.lexicon = lexicon
        self.lang = lang
        self.language = language_for(lang, nlp)
        self.index: dict[str, list[_Entry]] = defaultdict(list)
        tokenizer = nlp.tokenizer
        for name, actor_id in lexicon.names(lang):
            words = [t.text for t in tokenizer(name) if not t.is_space]
            if not words:
                continue
            keys = tuple(self.language.word_keys(w) for w in words)
            entry = _Entry(keys, actor_id, name, is_upper_initial(name))
            for k in keys[0]:
                self.index[k].append(entry)
        for entries in self.index.values():
            entries.sort(key=lambda e: (-len(e.keys), e.actor_id, e.name))

    def lexicon_stems(self) -> set[str]:
        """Last words of every name: the stems the Kazakh analyser should prefer."""
        return {e.name.split()[-1] for entries in self.index.values() for e in entries}

    def find(self, doc: Doc, offset: int = 0) -> list[Mention]:
        """Lexicon mentions in `doc`, longest match first, no overlaps; offsets shifted by `offset`."""
        keys = [self.language.token_keys(t) for t in doc]
        out: list[Mention] = []
        i = 0
        while i < len(doc):
            best: tuple[_Entry, str] | None = None
            for k in keys[i]:
                for entry in self.index.get(k, ()):
                    n = len(entry.keys)
                    if best is not None and n <= len(best[0].keys):
                        continue
                    if i + n > len(doc):
                        continue
                    if entry.capitalised and not is_upper_initial(doc[i].text):
                        continue
                    if all(keys[i + j] & entry.keys[j] for j in range(n)):
                        last = sorted(keys[i + n - 1] & entry.keys[n - 1])[0]
                        best = (entry, last)
            if best is None:
                i += 1
                continue
            entry, last_key = best
            n = len(entry.keys)
            span = doc[i:i + n]
            case = self.language.span_case(doc, i, i + n, last_key)
            out.append(Mention(entry.actor_id, offset + span.start_char, offset + span.end_char,
                               i, i + n, span.text, case, "lexicon"))
            i += n
        return out


def all_names(lexicon: Lexicon, langs: Iterable[str]) -> set[str]:
    return {name for lang in langs for name, _ in lexicon.names(lang)}


def kazakhstan_president(lexicon: Lexicon, on: dt.date | None) -> str | None:
    """Who "Мемлекет басшысы", "Глава государства" or a bare "Президент" is in Kazakhstani news."""
    return lexicon.holder("leaderOf", "country_kz", on)
