"""Evaluation stage: a graph and hand-made gold triples -> precision, recall and F1 per article, relation, language.

    load_entities(FILE)        entities file -> Entities   gold actors with their names, the relations
    load_gold(FILE, entities)  gold file     -> Gold       per article: language, required and optional triples
    read_graph(PATH)           graph file or build folder -> rdflib Graph
    graph_triples(graph, ...)  Graph         -> Found      each article's triples, ends mapped to gold entities
    score(graph, gold)         Graph + Gold  -> Report     counts, P/R/F1, every missed and spurious triple

The gold format and the scoring rules are written down in docs/eval.md; this module is
written from that page. It reads any graph that keeps the contract of docs/ontology.md
(reified mentions with `rdf:subject`, `rdf:predicate`, `rdf:object` and
`prov:wasDerivedFrom` an article with a `dcterms:identifier`; names as `rdfs:label`,
`skos:prefLabel` or `skos:altLabel`), whatever its namespace, so it scores kg's graphs and
anyone else's alike.

Example:
    >>> report = evaluate("out", gold="tests/fixtures/eval/gold.json")  # doctest: +SKIP
    >>> report.total.f1, report.languages["kk"].recall  # doctest: +SKIP
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.errors import GraphError, KgError
from kg.graph import load_graph
from kg.namespaces import RELATIONS, SYMMETRIC

Triple = tuple[str, str, str]

# Mentions in these modalities are kept with their evidence but assert nothing (docs/ontology.md).
NON_ASSERTING = frozenset({"Hypothetical", "Denied"})
# How much a label counts when a node's names point to two gold entities: canonical names outvote other names.
LABEL_WEIGHTS: dict[URIRef, int] = {RDFS.label: 2, SKOS.prefLabel: 2, SKOS.altLabel: 1}
# Ignored when names are compared, besides case: quotes, brackets, sentence punctuation.
IGNORED_MARKS = "\"'`«»“”„‘’.,;:()[]!?"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # hyphens, dashes and the minus sign: all read as "-"

_MARKS_TO_SPACE = str.maketrans(dict.fromkeys(IGNORED_MARKS, " ") | dict.fromkeys(DASHES, "-"))


class GoldError(KgError):
    """A gold or entities file is missing or is not the gold format; the message names the file and the problem."""


def normalise_name(text: str) -> str:
    """A name as names are compared: case, quotes, punctuation, kinds of dash and 'ё' do not count.

    Example:
        >>> normalise_name("Қасым-Жомарт  Тоқаев") == normalise_name("ҚАСЫМ – ЖОМАРТ ТОҚАЕВ")
        True
        >>> normalise_name("Алёна"), normalise_name("U.S.")
        ('алена', 'u s')
    """
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е").translate(_MARKS_TO_SPACE)
    words = " ".join(text.split())
    return words.replace(" -", "-").replace("- ", "-")  # "A - B" and "A-B" are one name


def local_name(term: object) -> str:
    """What follows an IRI's last '#' or '/': relations and classes are matched by it, whatever the namespace."""
    return str(term).replace("#", "/").rsplit("/", 1)[-1]


# --- the gold ---------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """One gold actor: its id, class and every name it may carry (normalised)."""

    id: str
    type: str
    names: frozenset[str]


@dataclass(frozen=True)
class Entities:
    """An entities file: the gold actors by id, and the relations scored (name -> symmetric)."""

    entities: Mapping[str, Entity]
    relations: Mapping[str, bool]

    def canonical(self, triple: Triple) -> Triple:
        """The triple as it is compared: a symmetric relation's two ends in alphabetical order."""
        s, rel, o = triple
        return (o, rel, s) if self.relations.get(rel) and o < s else triple


@dataclass(frozen=True)
class GoldArticle:
    """The gold of one article: each required item is the set of its alternatives (one of them is owed)."""

    id: str
    lang: str
    date: str | None
    required: tuple[frozenset[Triple], ...]
    optional: frozenset[Triple]


@dataclass(frozen=True)
class Gold:
    """A gold file read against its entities file."""

    articles: Mapping[str, GoldArticle]
    entities: Entities


def _read_json(path: Path, what: str) -> Any:
    if not path.is_file():
        raise GoldError(f"{path}: no such {what} file")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise GoldError(f"{path}: not a UTF-8 text file ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc


def _names(value: Any) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(n, str) for n in value):
        return value
    return None


def load_entities(path: str | Path) -> Entities:
    """Read an entities file: `{"relations": {name: symmetric}, "entities": {id: {"type", "labels", "aliases"}}}`.

    `labels` maps a language code to a list of names, `aliases` is a list of other names; any of
    them names the entity. Without `relations`, the 17 relations of kg's ontology are scored.

    Raises:
        GoldError: the file is missing, not JSON, or not this shape; the message names the file.
    """
    path = Path(path)
    data = _read_json(path, "entities")
    shape = 'an object {"entities": {id: {"type": ..., "labels": {lang: [names]}, "aliases": [names]}}}'
    if not isinstance(data, dict) or not isinstance(data.get("entities"), dict):
        raise GoldError(f"{path}: not an entities file: expected {shape}")
    relations = data.get("relations", {r: r in SYMMETRIC for r in RELATIONS})
    if not isinstance(relations, dict) or not all(isinstance(v, bool) for v in relations.values()) or not relations:
        raise GoldError(f'{path}: "relations" must map each relation name to true (symmetric) or false')
    entities = {}
    for eid, e in data["entities"].items():
        labels = e.get("labels") if isinstance(e, dict) else None
        if not isinstance(labels, dict) or not all(_names(v) is not None for v in labels.values()):
            raise GoldError(f"{path}: entity {eid!r}: \"labels\" must map language codes to lists of names")
        aliases = _names(e.get("aliases", []))
        if aliases is None:
            raise GoldError(f"{path}: entity {eid!r}: \"aliases\" must be a list of names")
        names = [n for group in labels.values() for n in group] + aliases
        entities[eid] = Entity(eid, str(e.get("type", "")), frozenset(normalise_name(n) for n in names))
    return Entities(entities, dict(relations))


def default_entities_path(gold_path: str | Path) -> Path:
    """Where the entities of a gold file are when not given: `NAME-entities.json` beside it, else `entities.json`."""
    gold_path = Path(gold_path)
    own = gold_path.with_name(f"{gold_path.stem}-entities.json")
    return own if own.is_file() else gold_path.with_name("entities.json")


def load_gold(path: str | Path, entities: Entities | str | Path | None = None) -> Gold:
    """Read a gold file: `{article_id: {"lang", "date", "required": [...], "optional": [...]}}`.

    A required item is a triple `[subject, relation, object]` of entity ids, or `{"any": [triple, ...]}`:
    alternatives of which one is owed. Optional triples are neither rewarded nor punished.

    Args:
        path: the gold file.
        entities: an `Entities`, the path of an entities file, or None for `default_entities_path(path)`.

    Raises:
        GoldError: either file is missing or not the format, or a triple names an entity or a relation
            the entities file does not have; the message names the file, the article and the item.
    """
    path = Path(path)
    if not isinstance(entities, Entities):
        entities = load_entities(entities if entities is not None else default_entities_path(path))
    data = _read_json(path, "gold")
    if isinstance(data, dict) and "entities" in data and "relations" in data:
        raise GoldError(f"{path}: this is an entities file, not a gold file; pass it with --entities")
    if not isinstance(data, dict):
        raise GoldError(f'{path}: not a gold file: expected an object {{article_id: {{"lang": ..., "required": '
                        f'[...], "optional": [...]}}}}, got a {type(data).__name__}')
    return Gold({aid: _gold_article(path, aid, art, entities) for aid, art in data.items()}, entities)


def _gold_article(path: Path, aid: str, art: Any, entities: Entities) -> GoldArticle:
    where = f"{path}: article {aid!r}"
    if not isinstance(art, dict):
        raise GoldError(f'{where}: expected an object with "lang", "required" and "optional"')
    if not isinstance(art.get("lang"), str) or not art["lang"]:
        raise GoldError(f'{where}: "lang" must be the article\'s language code')
    for key in ("required", "optional"):
        if not isinstance(art.get(key, []), list):
            raise GoldError(f'{where}: "{key}" must be a list of triples')
    if "required" not in art:
        raise GoldError(f'{where}: no "required" list (an empty list says the article states no relation)')

    def triple(item: Any, what: str) -> Triple:
        if not (isinstance(item, list) and len(item) >= 3 and all(isinstance(x, str) for x in item[:3])):
            raise GoldError(f'{where}, {what}: expected [subject, relation, object] or {{"any": [...]}}, '
                            f"got {json.dumps(item, ensure_ascii=False)[:80]}")
        s, rel, o = item[:3]
        if rel not in entities.relations:
            raise GoldError(f"{where}, {what}: unknown relation {rel!r}")
        for end in (s, o):
            if end not in entities.entities:
                raise GoldError(f"{where}, {what}: {end!r} is not an entity of the entities file")
        return entities.canonical((s, rel, o))

    def alternatives(item: Any, what: str) -> frozenset[Triple]:
        if isinstance(item, dict):
            if set(item) != {"any"} or not isinstance(item["any"], list) or not item["any"]:
                raise GoldError(f'{where}, {what}: an item with alternatives is {{"any": [triple, ...]}}')
            return frozenset(triple(t, f"{what}, alternative {j}") for j, t in enumerate(item["any"], 1))
        return frozenset({triple(item, what)})

    required = tuple(alternatives(t, f"required item {i}") for i, t in enumerate(art["required"], 1))
    optional = frozenset().union(*(alternatives(t, f"optional item {i}")
                                   for i, t in enumerate(art.get("optional", []), 1)))
    date = art.get("date")
    return GoldArticle(aid, art["lang"], date if isinstance(date, str) else None, required, optional)


# --- the graph --------------------------------------------------------------


def read_graph(path: str | Path) -> Graph:
    """A graph file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML), or a build folder holding graph.ttl.

    Raises:
        GraphError: the file is missing or not RDF; the message names it.
    """
    path = Path(path)
    try:
        return load_graph(path / "graph.ttl" if path.is_dir() else path)
    except GraphError as exc:  # rdflib's parser messages span lines; ours is one
        raise GraphError(" ".join(str(exc).split())) from exc


@dataclass(frozen=True)
class Found:
    """What a graph says, per article id: the triples whose two ends are gold entities, and the others.

    `unmapped` holds triples with an end that is no gold entity; that end is written `?` and the
    first of its names (or its IRI's local name), and such a triple is always spurious.
    """

    triples: Mapping[str, frozenset[Triple]]
    unmapped: Mapping[str, frozenset[Triple]]
    mentions: int  # mentions of a scored relation read, counted once per article they come from
    articles: frozenset[str]  # every article id the graph names


class _NodeNames:
    """Which gold entity a graph node is, by its names."""

    def __init__(self, graph: Graph, entities: Entities) -> None:
        self._by_name: dict[str, set[str]] = defaultdict(set)
        for e in entities.entities.values():
            for name in e.names:
                self._by_name[name].add(e.id)
        self._labels: dict[object, set[tuple[str, int]]] = defaultdict(set)
        for prop, weight in LABEL_WEIGHTS.items():
            for node, label in graph.subject_objects(prop):
                if isinstance(label, Literal):
                    self._labels[node].add((str(label), weight))
        self._cache: dict[object, str | None] = {}

    def entity(self, node: object) -> str | None:
        """The gold id that the node's names vote for (ties: the id first in alphabetical order), or None."""
        if node not in self._cache:
            votes: Counter[str] = Counter()
            for label, weight in self._labels.get(node, ()):
                for eid in self._by_name.get(normalise_name(label), ()):
                    votes[eid] += weight
            self._cache[node] = min(votes, key=lambda eid: (-votes[eid], eid)) if votes else None
        return self._cache[node]

    def shown(self, node: object) -> str:
        """A node as a triple shows it: its gold id, else `?` and its first name in sorted order."""
        eid = self.entity(node)
        if eid is not None:
            return eid
        labels = sorted(label for label, _ in self._labels.get(node, ()))
        return "?" + (labels[0] if labels else local_name(node))


def graph_triples(graph: Graph, entities: Entities) -> Found:
    """Each article's relation triples read from the graph's mentions, with their ends mapped to gold entities.

    A mention is a node with `rdf:subject`, `rdf:predicate` and `rdf:object` (a node typed `Happening`
    is not one); it belongs to the articles it is `prov:wasDerivedFrom`, known by their
    `dcterms:identifier` (else the IRI's local name). Relations are matched by local name; those the
    entities file does not list are not read. A mention whose `modality` is Hypothetical or Denied
    asserts nothing.

    Example:
        >>> g = Graph().parse(format="turtle", data='''
        ...     @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        ...     @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ...     @prefix prov: <http://www.w3.org/ns/prov#> .
        ...     @prefix x: <http://example.org/> .
        ...     x:m rdf:subject x:a ; rdf:predicate x:visited ; rdf:object x:b ; prov:wasDerivedFrom x:art1 .
        ...     x:a rdfs:label "Ann"@en .  x:b rdfs:label "Borduria"@en .''')
        >>> e = Entities({"ann": Entity("ann", "Person", frozenset({"ann"}))}, {"visited": False})
        >>> found = graph_triples(g, e)
        >>> dict(found.triples), sorted(found.unmapped["art1"])
        ({}, [('ann', 'visited', '?Borduria')])
    """
    names = _NodeNames(graph, entities)
    article_ids = {node: str(ident) for node, ident in graph.subject_objects(DCTERMS.identifier)}
    triples: dict[str, set[Triple]] = defaultdict(set)
    unmapped: dict[str, set[Triple]] = defaultdict(set)
    mentions = 0
    for m, s in graph.subject_objects(RDF.subject):
        if any(local_name(t) == "Happening" for t in graph.objects(m, RDF.type)):
            continue  # a happening carries the same three terms but is no mention
        p, o = graph.value(m, RDF.predicate), graph.value(m, RDF.object)
        if p is None or o is None or local_name(p) not in entities.relations:
            continue
        rel = local_name(p)
        modalities = sorted(local_name(x) for pp, x in graph.predicate_objects(m) if local_name(pp) == "modality")
        asserts = (modalities[0] if modalities else "Asserted") not in NON_ASSERTING
        gs, go = names.entity(s), names.entity(o)
        for article in graph.objects(m, PROV.wasDerivedFrom):
            aid = article_ids.get(article) or local_name(article)
            mentions += 1
            if not asserts:
                continue
            if gs is not None and go is not None:
                triples[aid].add(entities.canonical((gs, rel, go)))
            else:
                unmapped[aid].add((names.shown(s), rel, names.shown(o)))
    known = set(article_ids.values()) | set(triples) | set(unmapped)
    return Found({a: frozenset(t) for a, t in triples.items()}, {a: frozenset(t) for a, t in unmapped.items()},
                 mentions, frozenset(known))


# --- scores -----------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with the precision, recall and F1 they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "p": self.precision, "r": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class ArticleScore:
    """One gold article scored: what was found of the gold (`hits`), missed, and found beyond it (`spurious`)."""

    id: str
    lang: str
    hits: tuple[Triple, ...]
    missed: tuple[Triple, ...]
    spurious: tuple[Triple, ...]  # triples between gold entities first, then those with an unmapped end

    @property
    def counts(self) -> Counts:
        return Counts(len(self.hits), len(self.spurious), len(self.missed))


@dataclass(frozen=True)
class Report:
    """The scores of a graph against a gold file."""

    articles: tuple[ArticleScore, ...]
    mentions: int
    absent: tuple[str, ...] = ()  # gold articles the graph does not name at all (a wrong id, or not built)
    ignored: int = 0  # articles of the graph that the gold does not annotate

    @property
    def relations(self) -> dict[str, Counts]:
        """Counts per relation, over every article (a missed item counts under its first alternative's relation)."""
        by_rel: dict[str, Counts] = defaultdict(Counts)
        for a in self.articles:
            for triples, unit in ((a.hits, Counts(tp=1)), (a.spurious, Counts(fp=1)), (a.missed, Counts(fn=1))):
                for t in triples:
                    by_rel[t[1]] += unit
        return dict(sorted(by_rel.items()))

    @property
    def languages(self) -> dict[str, Counts]:
        """Counts per language of the gold articles."""
        by_lang: dict[str, Counts] = defaultdict(Counts)
        for a in self.articles:
            by_lang[a.lang] += a.counts
        return dict(sorted(by_lang.items()))

    @property
    def total(self) -> Counts:
        return sum((a.counts for a in self.articles), Counts())

    def as_dict(self, errors: bool = True) -> dict[str, Any]:
        """The report as JSON-ready data (the keys docs/eval.md lists); `errors=False` leaves the triples out."""
        out: dict[str, Any] = {
            "articles": [{"article": a.id, "lang": a.lang, **a.counts.as_dict()} for a in self.articles],
            "relations": {k: v.as_dict() for k, v in self.relations.items()},
            "languages": {k: v.as_dict() for k, v in self.languages.items()},
            "total": self.total.as_dict(),
            "mentions_read": self.mentions,
            "absent": list(self.absent),
        }
        if errors:
            out["errors"] = {a.id: {"missed": [list(t) for t in a.missed], "spurious": [list(t) for t in a.spurious]}
                             for a in self.articles}
        return out


def score_article(article: GoldArticle, found: frozenset[Triple], unmapped: Iterable[Triple] = ()) -> ArticleScore:
    """Score one article's triples against its gold.

    A required item is met when one of its alternatives is found (the first in sorted order stands
    for it); a triple found counts once however many items it meets. A missed item is shown by its
    first alternative. A triple found that is neither required, nor an alternative, nor optional is
    spurious, and so is every triple with an end that is no gold entity.

    Example:
        >>> art = GoldArticle("a1", "en", None, (frozenset({("x", "visited", "y")}),), frozenset())
        >>> score_article(art, frozenset({("x", "visited", "y"), ("y", "visited", "x")})).counts
        Counts(tp=1, fp=1, fn=0)
    """
    hits, missed = set(), set()
    for alternatives in article.required:
        present = sorted(alternatives & found)
        if present:
            hits.add(present[0])
        else:
            missed.add(min(alternatives))
    owed = frozenset().union(*article.required) | article.optional
    spurious = sorted(found - owed) + sorted(set(unmapped))
    return ArticleScore(article.id, article.lang, tuple(sorted(hits)), tuple(sorted(missed)), tuple(spurious))


def score(graph: Graph, gold: Gold) -> Report:
    """Score a graph against a gold file: every gold article, in the order of their ids.

    Articles of the graph that the gold does not annotate are not scored (`Report.ignored` counts them).
    """
    found = graph_triples(graph, gold.entities)
    scores = tuple(score_article(art, found.triples.get(aid, frozenset()), found.unmapped.get(aid, ()))
                   for aid, art in sorted(gold.articles.items()))
    absent = tuple(sorted(set(gold.articles) - found.articles))
    return Report(scores, found.mentions, absent, len(found.articles - set(gold.articles)))


def evaluate(graph: str | Path, gold: str | Path, entities: str | Path | None = None) -> Report:
    """`score` from files: a graph file or build folder, a gold file and its entities file (see `load_gold`).

    Raises:
        GoldError: a gold or entities file is missing or not the format.
        GraphError: the graph cannot be read.
    """
    gold_data = load_gold(gold, entities)
    return score(read_graph(graph), gold_data)
