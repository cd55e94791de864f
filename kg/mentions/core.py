"""Mention stage core: spaCy Doc -> actor mentions (lexicon names on token keys, then names the lexicon lacks).

A lexicon name matches a run of tokens when every token of the name is among the
token's keys (its lemma candidates), so `Тоқаевты`, `Тоқаевтың` and `Токаеву` all reach the
same actor. What a key is, which case a name stands in and how names the lexicon does not
know are found are each language's own (`kg/mentions/<code>.py`, registered in
`kg.registry.mention_finders`); unknown names get provisional ids
`new:<Type>:<lang>:<label>` that `kg.resolve` turns into nodes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.language import Language
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


class MentionFinder:
    """Finds the actors of one language in its Docs: lexicon names first, then `unknown` names.

    A language's finder (registered by code in `kg.registry.mention_finders`) says what the
    keys of a word and of a token are, which case a matched name stands in, and how the
    names the lexicon does not know are found (`unknown`).
    """

    lang = ""

    def __init__(self, lexicon: Lexicon, nlp: Language) -> None:
        self.lexicon = lexicon
        self.nlp = nlp
        self.index: dict[str, list[_Entry]] = defaultdict(list)
        tokenizer = nlp.tokenizer
        for name, actor_id in lexicon.names(self.lang):
            words = [t.text for t in tokenizer(name) if not t.is_space]
            if not words:
                continue
            keys = tuple(self.word_keys(w) for w in words)
            entry = _Entry(keys, actor_id, name, is_upper_initial(name))
            for k in keys[0]:
                self.index[k].append(entry)
        for entries in self.index.values():
            entries.sort(key=lambda e: (-len(e.keys), e.actor_id, e.name))

    # ------------------------------------------------------------------ what a language says
    @classmethod
    def pipeline_options(cls, lexicon: Lexicon) -> dict[str, object]:
        """Options for this language's spaCy pipeline (`kg.registry.nlp`) that depend on the lexicon."""
        return {}

    def word_keys(self, word: str) -> frozenset[str]:
        """The keys a word of a lexicon name may match."""
        return frozenset({norm(word)})

    def token_keys(self, token: Token) -> frozenset[str]:
        """The keys a token of a text offers."""
        return frozenset({norm(token.text)})

    def token_case(self, token: Token, key: str | None = None) -> str:
        return token.morph.get("Case")[0] if token.morph.get("Case") else ""

    def span_case(self, doc: Doc, start: int, end: int, last_key: str | None) -> str:
        """The case a matched name stands in."""
        return self.token_case(doc[end - 1], last_key)

    def unknown(self, doc: Doc, known: list[Mention], offset: int) -> list[Mention]:
        """Names the lexicon does not know, outside the `known` mentions (none by default)."""
        return []

    # ------------------------------------------------------------------ matching
    def lexicon_stems(self) -> set[str]:
        """Last words of every name: the stems an analyser should prefer."""
        return {e.name.split()[-1] for entries in self.index.values() for e in entries}

    def find_many(self, docs: list[Doc], offsets: list[int]) -> list[list[Mention]]:
        """Lexicon mentions of many Docs; a language may also run its batched models over them here."""
        return [self.find(doc, offset) for doc, offset in zip(docs, offsets, strict=True)]

    def find(self, doc: Doc, offset: int = 0) -> list[Mention]:
        """Lexicon mentions in `doc`, longest match first, no overlaps; offsets shifted by `offset`."""
        keys = [self.token_keys(t) for t in doc]
        out: list[Mention] = []
        i = 0
        while i < len(doc):
            best: tuple[_Entry, str] | None = None
            for k in sorted(keys[i]):  # a set's order follows the hash seed: the same input, the same match
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
            case = self.span_case(doc, i, i + n, last_key)
            out.append(Mention(entry.actor_id, offset + span.start_char, offset + span.end_char,
                               i, i + n, span.text, case, "lexicon"))
            i += n
        return out


def taken_tokens(mentions: Iterable[Mention]) -> set[int]:
    """The token indices the mentions cover."""
    return {i for m in mentions for i in range(m.tok_start, m.tok_end)}


def surname_links(found: list[Mention], earlier: list[Mention]) -> list[Mention]:
    """A bare surname of an unknown person is the full name said before in the article ("Алибайов")."""
    full: dict[str, str] = {}
    for m in earlier + found:
        if m.actor_id.startswith("new:Person:"):
            label = m.actor_id.split(":", 3)[3]
            parts = label.split()
            if len(parts) >= 2:
                full.setdefault(parts[-1].lower(), m.actor_id)
    out = []
    for m in found:
        if m.actor_id.startswith("new:Person:"):
            label = m.actor_id.split(":", 3)[3]
            parts = label.split()
            target = full.get(parts[-1].lower()) if len(parts) == 1 or parts[0].endswith(".") else None
            if target and target != m.actor_id:
                m = replace(m, actor_id=target)
        out.append(m)
    return out
