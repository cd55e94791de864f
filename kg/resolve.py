"""Resolution stage: mentions -> actors, one node per real actor across languages and articles.

Lexicon actors are already one id. Names the lexicon does not know arrive as
`new:<Type>:<lang>:<label>`; they meet when their transliteration keys agree
(`Момынқұлов` / `Момынкулов` / `Momynkulov`), and a bare surname joins a full name only
when exactly one known actor carries that surname. Every merge keeps its reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.lexicon import Lexicon
from kg.model import Mention

# Kazakh-only letters as their Russian spelling, then Cyrillic to a rough Latin key.
_KK_TO_RU = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и"})
_CYR_TO_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}


def translit_key(name: str) -> str:
    """A spelling-blind key: Kazakh, Russian and Latin spellings of one name meet.

    Examples:
        >>> translit_key("Момынқұлов") == translit_key("Момынкулов") == translit_key("Momynkulov")
        True
    """
    text = unicodedata.normalize("NFKC", name).casefold().translate(_KK_TO_RU)
    text = "".join(_CYR_TO_LAT.get(c, c) for c in text)
    text = re.sub(r"[^a-z0-9+ ]", " ", text.replace("-", " "))
    # spellings differ most in these: kh/h, zh/j, y/i, double letters, ye/e
    text = text.replace("kh", "h").replace("zh", "j").replace("dzh", "j").replace("ye", "e").replace("yo", "e")
    text = text.replace("y", "i").replace("q", "k").replace("w", "v")
    text = re.sub(r"(.)\1+", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def slug(text: str) -> str:
    key = translit_key(text)
    return re.sub(r"[^a-z0-9]+", "-", key).strip("-") or "x"


@dataclass
class Entity:
    """A node of the graph: one real actor with its names in every language."""

    id: str
    type: str
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: set[tuple[str, str]] = field(default_factory=set)
    wikidata: str | None = None
    merge_reasons: set[str] = field(default_factory=set)
    mention_count: int = 0
    mentions_by_lang: Counter[str] = field(default_factory=Counter)


def parse_new(actor_id: str) -> tuple[str, str, str]:
    _, type_, lang, label = actor_id.split(":", 3)
    return type_, lang, label


class Resolver:
    """Maps mention ids to node ids and collects the nodes' names."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.entities: dict[str, Entity] = {}
        self.surface: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
        self._new_ids: dict[str, str] = {}
        # transliteration keys of known names, to catch unknown spellings of known actors
        self._known_keys: dict[str, set[str]] = defaultdict(set)
        self._surnames: dict[str, set[str]] = defaultdict(set)  # surname key -> people who bear it
        for actor in lexicon.actors.values():
            if actor.type != "Person":
                continue
            for label in actor.labels.values():
                self._known_keys[translit_key(label)].add(actor.id)
                self._surnames[translit_key(label.split()[-1])].add(actor.id)
            for names in actor.aliases.values():
                for n in names:
                    self._known_keys[translit_key(n)].add(actor.id)

    def resolve(self, actor_id: str) -> str:
        """The node id for a mention's actor id (lexicon ids pass through)."""
        if not actor_id.startswith("new:"):
            self._ensure_lexicon(actor_id)
            return actor_id
        if actor_id in self._new_ids:
            return self._new_ids[actor_id]
        type_, lang, label = parse_new(actor_id)
        key = translit_key(label)
        known = self._known_keys.get(key, set())
        bare_surname = len([w for w in label.split() if not w.endswith(".")]) == 1
        if bare_surname and len(self._surnames.get(translit_key(label.split()[-1]), ())) > 1:
            known = set()  # never merge on a surname alone that two known people share
        if len(known) == 1 and type_ == "Person":
            node = next(iter(known))
            self._ensure_lexicon(node)
            self.entities[node].merge_reasons.add(f"transliteration of '{label}' matches a lexicon name")
        else:
            node = f"{type_.lower()}-{slug(label)}"
            e = self.entities.get(node)
            if e is None:
                e = self.entities[node] = Entity(node, type_)
                e.merge_reasons.add(f"open-world {type_.lower()} first named '{label}' ({lang})")
            elif (label, lang) not in self.surface[node]:
                e.merge_reasons.add(f"'{label}' ({lang}) has the same transliteration key '{key}'")
        self._new_ids[actor_id] = node
        self.surface[node][(label, lang)] += 0
        return node

    def _ensure_lexicon(self, actor_id: str) -> None:
        if actor_id in self.entities:
            return
        actor = self.lexicon.actors.get(actor_id)
        if actor is None:
            self.entities[actor_id] = Entity(actor_id, "Organization")
            return
        e = Entity(actor_id, actor.type, dict(actor.labels), wikidata=actor.wikidata)
        for lang, names in actor.aliases.items():
            for n in names:
                e.alt_labels.add((n, lang))
        e.merge_reasons.add("lexicon")
        self.entities[actor_id] = e

    def count(self, node: str, mention: Mention, lang: str) -> None:
        e = self.entities[node]
        e.mention_count += 1
        e.mentions_by_lang[lang] += 1

    def finish(self) -> list[Entity]:
        """Nodes with labels: open-world nodes take their most frequent name per language."""
        for node, forms in self.surface.items():
            e = self.entities[node]
            if node in self.lexicon.actors:
                continue
            by_lang: dict[str, Counter[str]] = defaultdict(Counter)
            for (label, lang), n in forms.items():
                by_lang[lang][label] += n + 1
            for lang, counter in by_lang.items():
                best = sorted(counter.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
                e.labels.setdefault(lang, best[0][0])
                for label, _ in best[1:]:
                    e.alt_labels.add((label, lang))
        return sorted(self.entities.values(), key=lambda e: e.id)
