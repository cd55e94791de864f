"""Store stage: RDF -> Oxigraph store on disk (incremental per-article writes, SPARQL, exports).

Layout of a store (one pyoxigraph/RocksDB folder, by default ``OUT/store/``):

- the default graph holds the actors' descriptions (type, labels, merge reasons, mention count);
- ``ex:graph/<article>`` holds one article exactly as ``kg.graph.build_dataset`` makes it
  (the article node, its mentions and the relations they support);
- ``ex:store/article/<article>`` is bookkeeping (``kgs:`` terms): the article's fingerprint
  and, per actor it names, how many times. It is what makes rebuilds idempotent and lets
  ``remove_article`` drop the actors no other article names. Exports leave it out.

Into an existing store every article is written in one SPARQL Update request; Oxigraph runs a request in one
transaction, so a process killed at any moment leaves each article either as it was or
as it is now, never half-written. pyoxigraph 0.5 has no Python-level transaction
object: ``Store.extend`` is transactional but can only add, ``bulk_extend`` is not
transactional at all; an Update request (DROP + DELETE DATA + INSERT DATA) is the one
call that removes and adds atomically. A new store is bulk-loaded instead (`bulk_write`)
into ``<store>.partial`` and renamed when complete, so it too is whole or absent. Writers
take an fcntl lock on ``<store>.lock`` for the whole build, so a second build refuses at
once with a clear message.

Oxigraph keeps numbers by value: ``"0.90"^^xsd:decimal`` from graph.ttl reads back from
the store as ``0.9``, the same number.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import functools
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

import pyoxigraph as ox
from rdflib import BNode, Dataset, URIRef
from rdflib import Literal as RdfLiteral

from kg.errors import GraphError, StoreError, StoreLocked
from kg.namespaces import EX_IRI, KGO_IRI, PREFIXES

KGS_IRI = "https://w3id.org/kgpol/store#"
KGS_PREFIXES = {**PREFIXES, "kgs": KGS_IRI}
BOOKKEEPING_PREFIX = EX_IRI + "store/article/"
ARTICLE_GRAPH_PREFIX = EX_IRI + "graph/"
ACTOR_PREFIX = EX_IRI + "actor/"
QUERIES_DIR = Path(__file__).resolve().parent / "queries"

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_MENTION_COUNT = ox.NamedNode(KGO_IRI + "mentionCount")
_KGS_FINGERPRINT = ox.NamedNode(KGS_IRI + "fingerprint")
_KGS_ARTICLE = ox.NamedNode(KGS_IRI + "article")
_KGS_ACTOR = ox.NamedNode(KGS_IRI + "actor")
_KGS_COUNT = ox.NamedNode(KGS_IRI + "count")
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.STREAMING_JSON_LD,
}
_GRAPH_FILE_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES,
                       ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
                       ".rdf": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML}


_SPARQL_STRING = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_SPARQL_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_SPARQL_COMMENT = re.compile(r"#[^\n]*")


# --- terms ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)  # actors, predicates and classes recur in every article
def to_ox(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RdfLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term):
    """A pyoxigraph term as an rdflib term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return RdfLiteral(term.value, lang=term.language)
        dt = term.datatype.value
        return RdfLiteral(term.value, datatype=None if dt.endswith("#string") else URIRef(dt))
    raise TypeError(f"not an RDF term: {term!r}")


def article_graph(article_id: str) -> ox.NamedNode:
    """The named graph of one article (same IRI as kg.graph.article_graph_iri)."""
    return ox.NamedNode(ARTICLE_GRAPH_PREFIX + quote(article_id, safe=""))


def bookkeeping_graph(article_id: str) -> ox.NamedNode:
    """The bookkeeping graph of one article: its fingerprint and the actors it names."""
    return ox.NamedNode(BOOKKEEPING_PREFIX + quote(article_id, safe=""))


def _actor_node(actor_id: str) -> ox.NamedNode:
    return ox.NamedNode(ACTOR_PREFIX + quote(actor_id, safe=""))


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_XSD_INTEGER)


# --- what one article contributes ----------------------------------------------------------


@dataclass(frozen=True)
class ArticleData:
    """One article as the store receives it (rdflib terms, as kg.graph makes them).

    Attributes:
        article_id: the file name stem.
        triples: the content of its named graph ``ex:graph/<article_id>``.
        actors: actor id -> how many times the article names it (0 for an actor that is
            only an argument or the publisher).
        descriptions: the default-graph triples describing those actors, without
            ``kgo:mentionCount`` (the store sums that over the articles).
    """

    article_id: str
    triples: tuple[tuple, ...]
    actors: Mapping[str, int]
    descriptions: tuple[tuple, ...]

    def fingerprint(self) -> str:
        """A hash of everything this article writes: equal fingerprints mean nothing to do."""
        lines = sorted(" ".join(str(to_ox(t)) for t in spo) for spo in self.triples)
        lines.append("--")
        lines += sorted(" ".join(str(to_ox(t)) for t in spo) for spo in self.descriptions)
        lines.append("--")
        lines += [f"{a}\t{n}" for a, n in sorted(self.actors.items())]
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def articles_from_dataset(ds: Dataset, article_ids: Iterable[str],
                          name_counts: Mapping[str, Mapping[str, int]]) -> Iterator[ArticleData]:
    """Split a build's Dataset (kg.graph.build_dataset) into what each article writes, one at a time.

    Args:
        ds: actors in the default graph, each article in ``ex:graph/<id>``.
        article_ids: the articles to take, in order.
        name_counts: article id -> actor id -> name mentions in that article.
    """
    from kg.graph import article_graph_iri

    default = ds.default_graph
    descriptions: dict[str, list[tuple]] = {}  # an actor is described alike in every article of a build

    def described(actor: str) -> list[tuple]:
        if actor not in descriptions:
            node = URIRef(_actor_node(actor).value)
            descriptions[actor] = [(node, p, o) for p, o in default.predicate_objects(node)
                                   if str(p) != _MENTION_COUNT.value]
        return descriptions[actor]

    def key(spo: tuple) -> tuple:
        return tuple(str(t) for t in spo)

    for aid in article_ids:
        g = ds.graph(article_graph_iri(aid))
        triples = tuple(sorted(g, key=key))
        actors = {a: int(n) for a, n in name_counts.get(aid, {}).items()}
        for spo in triples:
            for t in (spo[0], spo[2]):
                if isinstance(t, URIRef) and str(t).startswith(ACTOR_PREFIX):
                    actors.setdefault(_actor_id(str(t)), 0)
        desc = [spo for actor in sorted(actors) for spo in described(actor)]
        yield ArticleData(aid, triples, actors, tuple(sorted(desc, key=key)))


def articles_from_build(articles: Iterable, triples: Iterable, entities: Iterable,
                        name_counts: Mapping[str, Mapping[str, int]]) -> Iterator[ArticleData]:
    """What each article writes, straight from a build's records (the same as articles_from_dataset
    on their Dataset, without making one)."""
    from kg.graph import article_graphs, entity_triples

    by_id = {e.id: e for e in entities}
    descriptions: dict[str, list[tuple]] = {}

    def described(actor: str) -> list[tuple]:
        if actor not in descriptions:
            e = by_id.get(actor)
            descriptions[actor] = [] if e is None else [
                spo for spo in entity_triples(e) if str(spo[1]) != _MENTION_COUNT.value]
        return descriptions[actor]

    def key(spo: tuple) -> tuple:
        return tuple(str(t) for t in spo)

    for article, spo in article_graphs(articles, triples):
        aid = article.id
        ordered = tuple(sorted(set(spo), key=key))
        actors = {a: int(n) for a, n in name_counts.get(aid, {}).items()}
        for s, _, o in ordered:
            for t in (s, o):
                if isinstance(t, URIRef) and str(t).startswith(ACTOR_PREFIX):
                    actors.setdefault(_actor_id(str(t)), 0)
        desc = [x for actor in sorted(actors) for x in described(actor)]
        yield ArticleData(aid, ordered, actors, tuple(sorted(desc, key=key)))


def _descriptions(data: ArticleData) -> dict[ox.NamedNode, set[ox.Quad]]:
    """Actor -> the default-graph quads the article describes it with (no mention count)."""
    described: dict[ox.NamedNode, set[ox.Quad]] = {}
    for spo in data.descriptions:
        q = ox.Quad(*map(to_ox, spo))
        described.setdefault(q.subject, set()).add(q)
    return described


def _article_quads(data: ArticleData, fp: str) -> list[ox.Quad]:
    """An article's own quads: its named graph and its bookkeeping graph (fingerprint, names per actor)."""
    g, bk = article_graph(data.article_id), bookkeeping_graph(data.article_id)
    out = [ox.Quad(*map(to_ox, spo), g) for spo in data.triples]
    out.append(ox.Quad(bk, _KGS_ARTICLE, ox.NamedNode(EX_IRI + "article/" + quote(data.article_id, safe="")), bk))
    out.append(ox.Quad(bk, _KGS_FINGERPRINT, ox.Literal(fp), bk))
    for actor, n in sorted(data.actors.items()):
        pair = ox.NamedNode(bk.value + "/actor/" + quote(actor, safe=""))
        out += [ox.Quad(pair, _KGS_ACTOR, _actor_node(actor), bk), ox.Quad(pair, _KGS_COUNT, _int(n), bk)]
    return out


def _actor_id(iri: str) -> str:
    from urllib.parse import unquote

    return unquote(iri[len(ACTOR_PREFIX):])


# --- the lock ------------------------------------------------------------------------------


def lock_path(store_path: str | Path) -> Path:
    """The lock file of a store: ``OUT/store`` -> ``OUT/store.lock``."""
    p = Path(store_path)
    return p.with_name(p.name + ".lock")


@contextlib.contextmanager
def store_lock(store_path: str | Path) -> Iterator[Path]:
    """Hold the store's write lock (fcntl, released by the kernel when the process dies).

    Raises:
        StoreLocked: another process holds it; the message says which and what to do.
    """
    path = lock_path(store_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "another process"
            raise StoreLocked(
                f"{store_path} is being written by another kg build (pid {holder}, lock {path}); "
                "wait for it to finish and run this build again") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# --- the store -----------------------------------------------------------------------------


@dataclass
class StoreReport:
    """What a write did: article ids per action, and actors dropped by removals."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    dropped_actors: list[str] = field(default_factory=list)


@dataclass
class QueryResult:
    """A SPARQL result: `kind` is SELECT, ASK or CONSTRUCT (DESCRIBE too)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # pyoxigraph terms or None
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False


def is_store(path: str | Path) -> bool:
    """True when `path` is an Oxigraph store folder (RocksDB's CURRENT file is there)."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file()


class NameCounts:
    """How many times each article names each actor, read from the bookkeeping graphs once.

    A build asks, for every actor an article names, how often the other articles name it
    (to sum `kgo:mentionCount`); asked of the store, that is a scan per actor per article.
    """

    def __init__(self) -> None:
        self.by_article: dict[ox.NamedNode, dict[ox.NamedNode, int]] = {}
        # actor -> its description (without the count) as this session wrote or found it
        self.described: dict[ox.NamedNode, frozenset[ox.Quad]] = {}
        # actor -> [articles naming it, their names in all]: kept as running totals, so a
        # question about an actor named by half the corpus costs the same as about any other
        self.totals: dict[ox.NamedNode, list[int]] = {}

    @classmethod
    def read(cls, store: ox.Store) -> NameCounts:
        pairs: dict[tuple, ox.NamedNode] = {}
        for q in store.quads_for_pattern(None, _KGS_ACTOR, None, None):
            pairs[(q.subject, q.graph_name)] = q.object
        out = cls()
        for q in store.quads_for_pattern(None, _KGS_COUNT, None, None):
            actor = pairs.pop((q.subject, q.graph_name), None)
            if actor is not None:
                out._set(q.graph_name, actor, int(q.object.value))
        for (_, bk), actor in pairs.items():  # a pair without a count names the actor 0 times
            out._set(bk, actor, 0)
        return out

    def _set(self, bk: ox.NamedNode, actor: ox.NamedNode, n: int) -> None:
        per = self.by_article.setdefault(bk, {})
        total = self.totals.setdefault(actor, [0, 0])
        if actor in per:
            total[1] -= per[actor]
        else:
            total[0] += 1
        per[actor] = n
        total[1] += n

    def named(self, bk: ox.NamedNode) -> dict[ox.NamedNode, int]:
        """Actor -> names in the article whose bookkeeping graph is `bk`."""
        return dict(self.by_article.get(bk, {}))

    def others(self, actors: Iterable[ox.NamedNode], bk: ox.NamedNode) -> dict[ox.NamedNode, int | None]:
        """Per actor: the names counted in articles other than `bk` (None when none names it)."""
        own = self.by_article.get(bk, {})
        out: dict[ox.NamedNode, int | None] = {}
        for a in actors:
            articles, names = self.totals.get(a, (0, 0))
            if a in own:
                articles, names = articles - 1, names - own[a]
            out[a] = names if articles > 0 else None
        return out

    def put(self, bk: ox.NamedNode, counts: Mapping[ox.NamedNode, int]) -> None:
        """The article `bk` now names these actors (and no others)."""
        for actor, n in self.by_article.pop(bk, {}).items():
            total = self.totals[actor]
            total[0] -= 1
            total[1] -= n
        for actor, n in counts.items():
            self._set(bk, actor, n)


class KgStore:
    """An Oxigraph store holding kg graphs; see the module docstring for its layout.

    Example:
        >>> import tempfile
        >>> with KgStore(Path(tempfile.mkdtemp()) / "store") as st:
        ...     len(st)
        0
    """

    def __init__(self, path: str | Path | None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not is_store(self.path):
                    raise StoreError(f"{self.path}: no store here; build one with 'kg build INPUT -o OUT'")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from exc
        self.read_only = read_only

    @classmethod
    def from_graph_file(cls, path: str | Path) -> KgStore:
        """An in-memory store holding a graph file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML).

        Raises:
            GraphError: the file is missing or not RDF; the message names it.
        """
        path = Path(path)
        if not path.is_file():
            raise GraphError(f"{path}: no such graph file; build one with 'kg build INPUT -o OUT'")
        fmt = _GRAPH_FILE_FORMATS.get(path.suffix.lower(), ox.RdfFormat.TURTLE)
        st = cls(None)
        try:
            st._store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, OSError, ValueError) as exc:
            raise GraphError(f"{path}: not readable as {fmt}: {type(exc).__name__}: {exc}") from exc
        return st

    def __enter__(self) -> KgStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the store (RocksDB closes when the object goes)."""
        if getattr(self, "_store", None) is not None and not self.read_only and self.path is not None:
            with contextlib.suppress(OSError):
                self._store.flush()
        self._store = None

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph Store, for what this class does not wrap."""
        return self._store

    def __len__(self) -> int:
        return len(self._store)

    # --- reading ---

    def article_ids(self) -> list[str]:
        """The ids of the articles in the store, sorted."""
        from urllib.parse import unquote

        return sorted(unquote(g.value[len(ARTICLE_GRAPH_PREFIX):]) for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value.startswith(ARTICLE_GRAPH_PREFIX))

    def fingerprint(self, article_id: str) -> str | None:
        """The stored fingerprint of an article, or None when it is not in the store."""
        for q in self._store.quads_for_pattern(None, _KGS_FINGERPRINT, None, bookkeeping_graph(article_id)):
            return q.object.value
        return None

    def article_quads(self, article_id: str) -> set[tuple]:
        """The (s, p, o) of an article's named graph, as N-Triples strings (for comparisons)."""
        return {(str(q.subject), str(q.predicate), str(q.object))
                for q in self._store.quads_for_pattern(None, None, None, article_graph(article_id))}

    def _named_counts(self, article_id: str) -> dict[ox.NamedNode, int]:
        bk = bookkeeping_graph(article_id)
        out = {}
        for q in self._store.quads_for_pattern(None, _KGS_ACTOR, None, bk):
            n = next(iter(self._store.quads_for_pattern(q.subject, _KGS_COUNT, None, bk)), None)
            out[q.object] = int(n.object.value) if n else 0
        return out

    def _other_totals(self, actors: Iterable[ox.NamedNode], article_id: str) -> dict[ox.NamedNode, int | None]:
        """Per actor: the names counted in other articles (None when no other article names it)."""
        skip = bookkeeping_graph(article_id)
        out: dict[ox.NamedNode, int | None] = {}
        for a in actors:
            total = None
            for q in self._store.quads_for_pattern(None, _KGS_ACTOR, a, None):
                if q.graph_name == skip:
                    continue
                n = next(iter(self._store.quads_for_pattern(q.subject, _KGS_COUNT, None, q.graph_name)), None)
                total = (total or 0) + (int(n.object.value) if n else 0)
            out[a] = total
        return out

    # --- writing ---

    def put_article(self, data: ArticleData, counts: NameCounts | None = None) -> str:
        """Write one article in one transaction; returns "added", "replaced" or "unchanged".

        `counts` (NameCounts.read(store), kept up to date here) saves a look into every
        other article's bookkeeping, which a build of many articles cannot afford.
        """
        self._writable()
        fp = data.fingerprint()
        old_fp = self.fingerprint(data.article_id)
        if old_fp == fp:
            return "unchanged"
        g, bk = article_graph(data.article_id), bookkeeping_graph(data.article_id)
        new_counts = {_actor_node(a): n for a, n in data.actors.items()}
        old_counts = counts.named(bk) if counts is not None else self._named_counts(data.article_id)
        touched = set(new_counts) | set(old_counts)
        others = (counts.others(touched, bk) if counts is not None
                  else self._other_totals(touched, data.article_id))
        delete: list[ox.Quad] = []
        insert = _article_quads(data, fp)
        described = _descriptions(data)
        for actor in sorted(touched, key=lambda n: n.value):
            # the actor's description is the one of the latest build that named it; most
            # articles name actors already described alike, and then only the count changes
            if actor in new_counts or others[actor] is None:
                fresh = described.pop(actor, set())
                if counts is not None and counts.described.get(actor) == fresh:
                    # written (or found) so by this build already
                    delete += self._store.quads_for_pattern(actor, _MENTION_COUNT, None, ox.DefaultGraph())
                else:
                    current = list(self._store.quads_for_pattern(actor, None, None, ox.DefaultGraph()))
                    if fresh == {q for q in current if q.predicate != _MENTION_COUNT}:
                        delete += [q for q in current if q.predicate == _MENTION_COUNT]
                    else:
                        delete += current
                        insert += sorted(fresh, key=str)
                    if counts is not None:
                        counts.described[actor] = frozenset(fresh)
            else:
                delete += self._store.quads_for_pattern(actor, _MENTION_COUNT, None, ox.DefaultGraph())
            if actor in new_counts or others[actor] is not None:
                total = (others[actor] or 0) + new_counts.get(actor, 0)
                if total:
                    insert.append(ox.Quad(actor, _MENTION_COUNT, _int(total)))
        insert += [q for qs in described.values() for q in sorted(qs, key=str)]
        self._update(g, bk, delete, insert)
        if counts is not None:
            counts.put(bk, new_counts)
        return "replaced" if old_fp is not None else "added"

    def remove_article(self, article_id: str) -> list[str]:
        """Take an article out in one transaction; returns the ids of the actors dropped with it.

        An actor goes when no remaining article names it; relations go with the article's
        graph (another article supporting the same relation keeps its own copy).

        Raises:
            StoreError: the article is not in the store.
        """
        self._writable()
        g, bk = article_graph(article_id), bookkeeping_graph(article_id)
        if not self._store.contains_named_graph(g) and not self._store.contains_named_graph(bk):
            raise StoreError(f"{article_id}: no such article in {self.path}; 'kg query STORE' with "
                             "'SELECT ?id WHERE {{ ?a a kgo:Article ; dcterms:identifier ?id }}' lists them")
        old = self._named_counts(article_id)
        others = self._other_totals(old, article_id)
        delete: list[ox.Quad] = []
        insert: list[ox.Quad] = []
        dropped = []
        for actor in sorted(old, key=lambda n: n.value):
            if others[actor] is None:
                delete += list(self._store.quads_for_pattern(actor, None, None, ox.DefaultGraph()))
                dropped.append(_actor_id(actor.value))
            else:
                delete += list(self._store.quads_for_pattern(actor, _MENTION_COUNT, None, ox.DefaultGraph()))
                if others[actor]:
                    insert.append(ox.Quad(actor, _MENTION_COUNT, _int(others[actor])))
        self._update(g, bk, delete, insert)
        return dropped

    def write_articles(self, articles: Iterable[ArticleData], on_article=None) -> StoreReport:
        """put_article for each article; `on_article(article_id, action)` after each commit."""
        report = StoreReport()
        counts = NameCounts.read(self._store)
        for data in articles:
            action = self.put_article(data, counts)
            getattr(report, action).append(data.article_id)
            if on_article:
                on_article(data.article_id, action)
        return report

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")

    def _update(self, g: ox.NamedNode, bk: ox.NamedNode, delete: list[ox.Quad], insert: list[ox.Quad]) -> None:
        # One request = one Oxigraph transaction. Terms print as N-Triples, which is SPARQL
        # syntax too, so data never needs escaping by hand.
        parts = [f"DROP SILENT GRAPH {g}", f"DROP SILENT GRAPH {bk}"]
        if delete:
            parts.append("DELETE DATA {\n" + _quads_block(delete) + "\n}")
        if insert:
            parts.append("INSERT DATA {\n" + _quads_block(insert) + "\n}")
        try:
            self._store.update(" ;\n".join(parts))
        except (OSError, RuntimeError, SyntaxError) as exc:
            raise StoreError(f"{self.path}: the write failed and was rolled back: {exc}") from exc

    # --- querying ---

    def query(self, text: str, bindings: Mapping[str, object] | None = None, *,
              limit: int | None = None, default_graphs: list[str] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs (bookkeeping included).

        Args:
            text: the query; the project's prefixes (kgo, ex, rdf, rdfs, ...) need no PREFIX line.
            bindings: variable name -> pyoxigraph term, fixed before evaluation (see bind_values).
            limit: keep at most this many rows (`truncated` says whether more were cut).
            default_graphs: IRIs to use as the default graph instead of the union.

        Raises:
            StoreError: the query is not valid SPARQL or cannot be evaluated.
        """
        if bindings:
            text = bind_values(text, bindings)
        kwargs: dict = {"prefixes": KGS_PREFIXES}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        try:
            res = self._store.query(text, **kwargs)
            if isinstance(res, ox.QueryBoolean):
                return QueryResult("ASK", boolean=bool(res))
            if isinstance(res, ox.QueryTriples):
                return QueryResult("CONSTRUCT", triples=list(res))
            names = [v.value for v in res.variables]
            rows = []
            truncated = False
            for sol in res:
                if limit is not None and len(rows) >= limit:
                    truncated = True
                    break
                rows.append(tuple(sol[i] for i in range(len(names))))
            return QueryResult("SELECT", variables=names, rows=rows, truncated=truncated)
        except (SyntaxError, OSError, RuntimeError, ValueError, TypeError) as exc:
            msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StoreError(f"the query cannot be run: {type(exc).__name__}: {msg}") from exc

    # --- exporting ---

    def export(self, output: str | Path, fmt: str, *, bookkeeping: bool = False) -> int:
        """Stream the store into a file; returns the number of statements written.

        Quads go straight from the store to pyoxigraph's serialiser (nothing is held in
        memory). Triple formats (turtle, nt) merge the graphs; a relation asserted by two
        articles is then written twice, which RDF readers take as one.

        Raises:
            StoreError: an unknown format or an unwritable file.
        """
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        rdf_fmt = EXPORT_FORMATS[fmt]
        count = [0]

        def quads() -> Iterator:
            for q in self._store.quads_for_pattern(None, None, None, None):
                g = q.graph_name
                if not bookkeeping and isinstance(g, ox.NamedNode) and g.value.startswith(BOOKKEEPING_PREFIX):
                    continue
                count[0] += 1
                yield ox.Triple(q.subject, q.predicate, q.object) if fmt in ("turtle", "nt") else q

        output = Path(output)
        tmp = output.with_name(output.name + ".tmp")
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            prefixes = (KGS_PREFIXES if bookkeeping else PREFIXES) if fmt in ("turtle", "trig") else None
            ox.serialize(quads(), str(tmp), rdf_fmt, prefixes=prefixes)
            tmp.replace(output)
        except (OSError, ValueError, TypeError) as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise StoreError(f"cannot export {self.path} to {output}: {exc}") from exc
        return count[0]

    # --- bindings ---

    def find_actor(self, value: str) -> ox.NamedNode:
        """The actor a user means by `value`: its id, IRI, or a label/other name in any language.

        An exact match (case-insensitive) on id, label or other name wins; otherwise a
        unique actor whose name contains `value`.

        Raises:
            StoreError: no actor or several actors match; the message lists candidates.
        """
        v = value.strip()
        if v.startswith("<") and v.endswith(">"):
            return ox.NamedNode(v[1:-1])
        if re.match(r"https?://", v):
            return ox.NamedNode(v)
        node = _actor_node(v)
        if next(iter(self._store.quads_for_pattern(node, _RDF_TYPE, None, None)), None):
            return node
        q = _load_query_text("_find-actor")
        hits: dict[str, list[str]] = {"exact": [], "part": []}
        q = bind_values(q, {"needle": ox.Literal(v.lower())})
        for sol in self._store.query(q, use_default_graph_as_union=True, prefixes=KGS_PREFIXES):
            hits[sol["how"].value].append(sol["a"].value)
        for how in ("exact", "part"):
            found = sorted(set(hits[how]))
            if len(found) == 1:
                return ox.NamedNode(found[0])
            if found:
                names = ", ".join(_actor_id(f) for f in found[:8])
                raise StoreError(f"{value!r} matches several actors ({names}); give an id instead")
        raise StoreError(f"{value!r} matches no actor; 'kg entities OUT' lists them")


def _blank_out(query: str) -> str:
    """The query with strings, IRIs and comments replaced by spaces (same length, same offsets)."""
    def spaces(m: re.Match) -> str:
        return " " * len(m.group(0))

    text = _SPARQL_STRING.sub(spaces, query)
    text = _SPARQL_IRI.sub(spaces, text)
    return _SPARQL_COMMENT.sub(spaces, text)


def bind_values(query: str, bindings: Mapping[str, object]) -> str:
    """Fix variables before evaluation: a `VALUES` block opens the query's WHERE group.

    This is what rdflib's `initBindings` does, and unlike pyoxigraph's `substitutions`
    (SEP-0007) it also reaches variables that are not projected or only used in FILTERs.
    Terms are written by pyoxigraph in N-Triples syntax, which SPARQL reads as is.

    Raises:
        StoreError: the query has no WHERE group to bind in.
    """
    blank = _blank_out(query)
    m = re.search(r"\bWHERE\s*\{", blank, re.IGNORECASE) or re.search(r"\{", blank)
    if m is None:
        raise StoreError("--bind needs a query with a WHERE { ... } group")
    at = m.end()
    values = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in sorted(bindings.items()))
    return query[:at] + " " + values + " " + query[at:]


def _quads_block(quads: list[ox.Quad]) -> str:
    default = [f"{q.subject} {q.predicate} {q.object} ." for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        if not isinstance(q.graph_name, ox.DefaultGraph):
            by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    parts = default + [f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items()]
    return "\n".join(parts)


# --- writing a build -------------------------------------------------------------------------


def write_build(store_path: str | Path, ds: Dataset, article_ids: Iterable[str],
                name_counts: Mapping[str, Mapping[str, int]], *, on_article=None) -> StoreReport:
    """Write a build's articles into the store at `store_path` (created when missing).

    The caller holds the lock (`store_lock`); each article is one transaction, and an
    article whose fingerprint is already stored is left alone.
    """
    return write_data(store_path, articles_from_dataset(ds, article_ids, name_counts), on_article=on_article)


def write_data(store_path: str | Path, data: Iterable[ArticleData], *, on_article=None) -> StoreReport:
    """Write what each article contributes (articles_from_build / articles_from_dataset) into the store.

    The caller holds the lock (`store_lock`). Into an existing store each article is one
    transaction, and an article whose fingerprint is already stored is left alone; a new
    store is bulk-loaded instead (`bulk_write`), which holds the same quads.
    """
    path = Path(store_path)
    if not is_store(path) and (not path.exists() or (path.is_dir() and not any(path.iterdir()))):
        return bulk_write(path, data, on_article=on_article)
    with KgStore(path) as st:
        return st.write_articles(data, on_article=on_article)


def partial_path(store_path: str | Path) -> Path:
    """Where a new store is loaded before it takes its name: ``OUT/store`` -> ``OUT/store.partial``."""
    p = Path(store_path)
    return p.with_name(p.name + ".partial")


def bulk_write(store_path: str | Path, data: Iterable[ArticleData], *, on_article=None) -> StoreReport:
    """A new store holding the articles, exactly as put_article one by one would leave it.

    A transaction per article gets slower as a store grows (each rewrites the mention counts
    of the actors it names, and a popular actor's count is rewritten by most articles), so a
    new store is bulk-loaded: each article's graphs as they come, then the actors'
    descriptions and summed counts once. The load goes into ``<store>.partial``, renamed to
    the store when complete: a build killed while loading leaves no store, never half of one,
    and the next build starts over. `on_article(article_id, "added")` is called after the rename.

    Raises:
        StoreError: two articles share an id, or the load failed (no store is left behind).
    """
    import shutil

    path, partial = Path(store_path), partial_path(store_path)
    shutil.rmtree(partial, ignore_errors=True)
    report = StoreReport()
    # actor IRI -> the description (rdflib triples, converted once at the end) of the latest article naming it
    described: dict[str, set[tuple]] = {}
    totals: dict[str, int] = {}
    seen: set[str] = set()

    def quads() -> Iterator[ox.Quad]:
        for d in data:
            if d.article_id in seen:
                raise StoreError(f"{path}: two articles have the id {d.article_id!r}")
            seen.add(d.article_id)
            yield from _article_quads(d, d.fingerprint())
            fresh: dict[str, set[tuple]] = {}
            for spo in d.descriptions:
                fresh.setdefault(str(spo[0]), set()).add(spo)
            for actor_id, n in d.actors.items():
                actor = _actor_node(actor_id).value
                described[actor] = fresh.pop(actor, set())
                totals[actor] = totals.get(actor, 0) + n
            for actor, spos in fresh.items():  # described without being named: kept alongside
                described.setdefault(actor, set()).update(spos)
            report.added.append(d.article_id)
        for actor in sorted(described):
            yield from sorted({ox.Quad(*map(to_ox, spo)) for spo in described[actor]}, key=str)
            if totals.get(actor):
                yield ox.Quad(ox.NamedNode(actor), _MENTION_COUNT, _int(totals[actor]))

    try:
        with KgStore(partial) as st:
            st.raw.bulk_extend(quads())
        if path.is_dir():
            path.rmdir()  # the empty folder it replaces
        partial.rename(path)
    except (OSError, RuntimeError, ValueError) as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise StoreError(f"{path}: the new store could not be written (nothing was kept): {exc}") from exc
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if on_article:
        for aid in report.added:
            on_article(aid, "added")
    return report


def remove_articles(store_path: str | Path, article_ids: Iterable[str]) -> StoreReport:
    """Remove articles (lock held for the whole call); see KgStore.remove_article."""
    report = StoreReport()
    if not is_store(store_path):
        raise StoreError(f"{store_path}: no store here; build one with 'kg build INPUT -o OUT'")
    with store_lock(store_path), KgStore(store_path) as st:
        for aid in article_ids:
            report.dropped_actors += st.remove_article(aid)
            report.removed.append(aid)
    return report


# --- saved queries ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedQuery:
    """A query of kg/queries/: name, text, the header's description and its parameters."""

    name: str
    path: Path
    text: str
    description: str
    params: dict[str, str]  # variable -> kind (actor, iri, literal, integer)


_PARAM = re.compile(r"^#\s*param\s+\?(\w+)\s+(actor|iri|literal|integer)\b", re.MULTILINE)


def _load_query_text(name: str) -> str:
    return (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")


def parse_saved(path: Path) -> SavedQuery:
    """Read a .rq file: the first comment lines describe it, `# param ?x kind ...` lines its bindings."""
    text = path.read_text(encoding="utf-8")
    desc = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.startswith("param ") or not body:
            break
        desc.append(body)
    return SavedQuery(path.stem, path, text, " ".join(desc), dict(_PARAM.findall(text)))


def saved_queries() -> dict[str, SavedQuery]:
    """The library of kg/queries/*.rq by name (files starting with '_' are internal)."""
    return {p.stem: parse_saved(p) for p in sorted(QUERIES_DIR.glob("*.rq")) if not p.stem.startswith("_")}


def parse_binding(store: KgStore, name: str, value: str, kind: str | None = None):
    """A `--bind name=value` value as an RDF term.

    kind "actor" (or no kind and the value names an actor) -> the actor's IRI;
    "iri", a value in <...>, http(s):// or a prefixed name (kgo:Person) -> that IRI;
    "integer" or digits -> xsd:integer;
    otherwise a plain string literal ("text"@kk gives a language-tagged one).

    Raises:
        StoreError: an actor value matches no actor or several.
    """
    v = value.strip()
    m = re.fullmatch(r'"(.*)"(?:@([A-Za-z-]+))?', v, re.DOTALL)
    if m and kind in (None, "literal"):
        return ox.Literal(m.group(1), language=m.group(2)) if m.group(2) else ox.Literal(m.group(1))
    prefixed = re.fullmatch(r"(\w+):([^\s/][^\s]*)", v)
    if prefixed and prefixed.group(1) in KGS_PREFIXES and kind in (None, "iri"):
        return ox.NamedNode(KGS_PREFIXES[prefixed.group(1)] + prefixed.group(2))  # kgo:Person
    if kind == "iri" or (kind is None and ((v.startswith("<") and v.endswith(">")) or re.match(r"https?://", v))):
        return ox.NamedNode(v[1:-1] if v.startswith("<") else v)
    if kind == "integer" or (kind is None and re.fullmatch(r"-?\d+", v)):
        if not re.fullmatch(r"-?\d+", v):
            raise StoreError(f"--bind {name}={value}: not an integer")
        return _int(int(v))
    if kind == "literal":
        return ox.Literal(v)
    if kind == "actor":
        return store.find_actor(v)
    try:
        return store.find_actor(v)
    except StoreError:
        return ox.Literal(v)


# --- SPARQL 1.1 results formats ----------------------------------------------------------------


def _plain(term) -> str:
    """A term as a CSV cell (SPARQL 1.1 CSV: IRIs bare, literals as their lexical form)."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        d: dict = {"type": "literal", "value": term.value}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            d["datatype"] = term.datatype.value
        return d
    return {"type": "triple", "value": str(term)}


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if term.language:
        return f'<literal xml:lang="{xml_escape(term.language)}">{xml_escape(term.value)}</literal>'
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f'<literal datatype="{xml_escape(term.datatype.value)}">{xml_escape(term.value)}</literal>'
    return f"<literal>{xml_escape(term.value)}</literal>"


RESULT_FORMATS = {"csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
                  "srj": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                  "json": "application/json"}


def write_results(res: QueryResult, fmt: str, out: IO[str]) -> None:
    """Write a SELECT/ASK result in a SPARQL 1.1 results format.

    Formats: "csv" and "tsv" (SPARQL 1.1 CSV/TSV), "srj" (SPARQL 1.1 JSON), "xml"
    (SPARQL XML), and "json": a plain list of {variable: value} records, which is
    what `kg query --format json` has always printed.
    """
    if fmt == "srj":
        doc: dict = {"head": {"vars": res.variables}}
        if res.kind == "ASK":
            doc = {"head": {}, "boolean": bool(res.boolean)}
        else:
            doc["results"] = {"bindings": [{v: _json_term(t) for v, t in zip(res.variables, row, strict=True)
                                            if t is not None} for row in res.rows]}
        out.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "json":
        if res.kind == "ASK":
            out.write(json.dumps(bool(res.boolean)) + "\n")
        else:
            records = [{v: _plain(t) for v, t in zip(res.variables, row, strict=True)} for row in res.rows]
            out.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        w = csv.writer(out, lineterminator="\r\n")
        if res.kind == "ASK":
            w.writerow(["boolean"])
            w.writerow(["true" if res.boolean else "false"])
            return
        w.writerow(res.variables)
        w.writerows([_plain(t) for t in row] for row in res.rows)
    elif fmt == "tsv":
        if res.kind == "ASK":
            out.write("?boolean\n" + ("true" if res.boolean else "false") + "\n")
            return
        out.write("\t".join("?" + v for v in res.variables) + "\n")
        for row in res.rows:
            out.write("\t".join("" if t is None else str(t) for t in row) + "\n")
    elif fmt == "xml":
        out.write('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>')
        out.write("".join(f'<variable name="{xml_escape(v)}"/>' for v in res.variables) + "</head>\n")
        if res.kind == "ASK":
            out.write(f"<boolean>{'true' if res.boolean else 'false'}</boolean>\n</sparql>\n")
            return
        out.write("<results>\n")
        for row in res.rows:
            cells = "".join(f'<binding name="{xml_escape(v)}">{_xml_term(t)}</binding>'
                            for v, t in zip(res.variables, row, strict=True) if t is not None)
            out.write(f"<result>{cells}</result>\n")
        out.write("</results>\n</sparql>\n")
    else:
        raise StoreError(f"unknown results format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")


def results_text(res: QueryResult, fmt: str) -> str:
    """write_results into a string."""
    buf = io.StringIO()
    write_results(res, fmt, buf)
    return buf.getvalue()


def triples_turtle(triples: Iterable[ox.Triple]) -> str:
    """CONSTRUCT/DESCRIBE results as Turtle with the project's prefixes."""
    return ox.serialize(list(triples), format=ox.RdfFormat.TURTLE, prefixes=KGS_PREFIXES).decode()


# --- the read-only SPARQL endpoint -------------------------------------------------------------

_SERVICE = re.compile(r"(?<![\w:])service(?![\w:-])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """True when the query has a SERVICE clause (strings, IRIs and comments are ignored)."""
    text = _SPARQL_STRING.sub('""', query)
    text = _SPARQL_IRI.sub("<>", text)
    text = _SPARQL_COMMENT.sub("", text)
    return bool(_SERVICE.search(text))


_SELECT_TYPES = [("application/sparql-results+json", "srj"), ("application/json", "srj"),
                 ("application/sparql-results+xml", "xml"), ("application/xml", "xml"),
                 ("text/csv", "csv"), ("text/tab-separated-values", "tsv")]
_GRAPH_TYPES = [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML)]
_FORMAT_PARAM = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                 "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                 "n3": "text/turtle", "rdf": "application/rdf+xml", "json-ld": "application/ld+json"}


def _negotiate(accept: str, kind: str) -> tuple[str, object]:
    """(content type, format) for a result kind from an Accept header (first match wins, default JSON/Turtle)."""
    table = _GRAPH_TYPES if kind == "CONSTRUCT" else _SELECT_TYPES
    wanted = [part.split(";")[0].strip().lower() for part in (accept or "").split(",")]
    for w in wanted:
        for ctype, fmt in table:
            if w == ctype:
                return ctype, fmt
    return table[0]


def answer_query(store: KgStore, query: str, accept: str, *, limit: int,
                 default_graphs: list[str] | None = None) -> tuple[int, str, bytes, bool]:
    """Evaluate one protocol request: (HTTP status, content type, body, truncated)."""
    try:
        res = store.query(query, limit=limit, default_graphs=default_graphs)
    except StoreError as exc:
        return 400, "text/plain; charset=utf-8", (str(exc) + "\n").encode(), False
    if res.kind == "CONSTRUCT":
        ctype, fmt = _negotiate(accept, "CONSTRUCT")
        triples = res.triples[:limit]
        body = ox.serialize(triples, format=fmt, prefixes=KGS_PREFIXES if fmt == ox.RdfFormat.TURTLE else None)
        return 200, ctype, body, len(res.triples) > limit
    ctype, fmt = _negotiate(accept, res.kind)
    charset = "; charset=utf-8" if fmt in ("csv", "tsv") else ""
    return 200, ctype + charset, results_text(res, fmt).encode(), res.truncated


def _worker_main(store_path: str, conn, limit: int) -> None:  # pragma: no cover - runs in a child process
    st = KgStore(store_path, read_only=True)
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        query, accept, graphs = msg
        conn.send(answer_query(st, query, accept, limit=limit, default_graphs=graphs))


@dataclass
class ServeOptions:
    """How `kg serve` runs: address, limits and whether SERVICE may fetch other endpoints."""

    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0
    limit: int = 10_000
    allow_federation: bool = False
    workers: int = 2
    max_query_bytes: int = 1_000_000


class _Worker:
    """A child process holding the store read-only; killed and replaced when a query overruns."""

    def __init__(self, store_path: str, limit: int) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")  # no fork: the parent holds threads and sockets
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(store_path, child, limit), daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class SparqlServer:
    """A SPARQL 1.1 Protocol endpoint over a store: queries only, a timeout, a row limit, no SERVICE.

    Queries run in worker processes that open the store read-only, so no request can
    write it, and a query that runs past the timeout is stopped by killing its worker.
    Updates (the `update` parameter, application/sparql-update, /update) get 403;
    PUT, DELETE and PATCH get 405. Results beyond `limit` rows are cut, and the
    `X-KG-Truncated: true` header says so. The default graph is the union of all graphs
    unless the request names `default-graph-uri`s. A store rebuilt while the server runs
    is seen after a restart.

    Example:
        server = SparqlServer("out/store", ServeOptions(port=0))
        server.start()            # returns (host, port)
        ...                       # GET http://host:port/sparql?query=...
        server.stop()
    """

    def __init__(self, store_path: str | Path, options: ServeOptions | None = None) -> None:
        if not is_store(store_path):
            raise StoreError(f"{store_path}: no store here; build one with 'kg build INPUT -o OUT'")
        self.store_path = str(Path(store_path).resolve())
        self.options = options or ServeOptions()
        self._pool = None
        self._httpd = None
        self._thread = None

    def start(self) -> tuple[str, int]:
        """Start the workers and the HTTP server in a background thread; returns the bound address."""
        import queue
        import threading
        from http.server import ThreadingHTTPServer

        opts = self.options
        self._pool = queue.Queue()
        for _ in range(max(1, opts.workers)):
            self._pool.put(_Worker(self.store_path, opts.limit))
        handler = _make_handler(self)
        try:
            self._httpd = ThreadingHTTPServer((opts.host, opts.port), handler)
        except OSError as exc:
            self._stop_workers()
            raise StoreError(f"cannot listen on {opts.host}:{opts.port}: {exc.strerror or exc}") from exc
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="kg-serve", daemon=True)
        self._thread.start()
        host, port = self._httpd.server_address[:2]
        return str(host), int(port)

    def stop(self) -> None:
        """Stop serving and end the workers."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        self._stop_workers()

    def wait(self) -> None:
        """Block until the server thread ends (Ctrl-C in the caller stops it)."""
        if self._thread is not None:
            while self._thread.is_alive():
                self._thread.join(0.5)

    def _stop_workers(self) -> None:
        while self._pool is not None and not self._pool.empty():
            self._pool.get_nowait().stop()

    def run(self, query: str, accept: str, graphs: list[str] | None) -> tuple[int, str, bytes, dict[str, str]]:
        """One query through a worker, with the timeout; (status, content type, body, extra headers)."""
        import queue

        opts = self.options
        if not opts.allow_federation and uses_service(query):
            return 403, "text/plain; charset=utf-8", (
                b"federated queries (SERVICE) are disabled on this endpoint; "
                b"start 'kg serve' with --allow-federation to allow them\n"), {}
        try:
            worker = self._pool.get(timeout=opts.timeout)
        except queue.Empty:
            return 503, "text/plain; charset=utf-8", b"all workers are busy; try again\n", {}
        try:
            worker.conn.send((query, accept, graphs))
            if worker.conn.poll(opts.timeout):
                status, ctype, body, truncated = worker.conn.recv()
                self._pool.put(worker)
                worker = None
                return status, ctype, body, ({"X-KG-Truncated": "true"} if truncated else {})
            return 503, "text/plain; charset=utf-8", (
                f"the query ran longer than {opts.timeout:g} s and was stopped\n".encode()), {}
        except (EOFError, OSError, BrokenPipeError):
            return 500, "text/plain; charset=utf-8", b"the query worker failed; try again\n", {}
        finally:
            if worker is not None:  # overran or died: replace it
                worker.stop()
                self._pool.put(_Worker(self.store_path, opts.limit))


def _make_handler(server: SparqlServer):
    from http.server import BaseHTTPRequestHandler
    from urllib.parse import parse_qs, urlsplit

    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-sparql/1"

        def log_message(self, format: str, *args) -> None:
            pass  # library code never prints; a reverse proxy logs requests

        def _send(self, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _text(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
            self._send(status, "text/plain; charset=utf-8", (message + "\n").encode(), headers)

        def _dispatch(self, params: dict[str, list[str]], body_query: str | None) -> None:
            path = urlsplit(self.path).path.rstrip("/")
            if path.endswith("/update") or "update" in params:
                self._text(403, "this endpoint is read-only: SPARQL updates are refused")
                return
            if path not in ("", "/sparql", "/query"):
                self._text(404, "not found; the endpoint is /sparql")
                return
            queries = params.get("query", [])
            query = body_query if body_query is not None else (queries[0] if queries else None)
            if query is None:
                self._text(200, "kg SPARQL endpoint (read-only): GET or POST /sparql with query=...")
                return
            accept = self.headers.get("Accept", "")
            fmt = (params.get("format") or params.get("output") or [""])[0].lower()
            if fmt in _FORMAT_PARAM:
                accept = _FORMAT_PARAM[fmt] + "," + accept
            graphs = params.get("default-graph-uri") or None
            status, ctype, body, headers = server.run(query, accept, graphs)
            self._send(status, ctype, body, headers)

        def do_GET(self) -> None:
            self._dispatch(parse_qs(urlsplit(self.path).query), None)

        do_HEAD = do_GET

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > server.options.max_query_bytes:
                self._text(413, f"request larger than {server.options.max_query_bytes} bytes")
                return
            data = self.rfile.read(length).decode("utf-8", errors="replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            params = parse_qs(urlsplit(self.path).query)
            if ctype == "application/sparql-update":
                self._text(403, "this endpoint is read-only: SPARQL updates are refused")
            elif ctype == "application/sparql-query":
                self._dispatch(params, data)
            elif ctype in ("application/x-www-form-urlencoded", ""):
                for k, v in parse_qs(data).items():
                    params.setdefault(k, []).extend(v)
                self._dispatch(params, None)
            else:
                self._text(415, f"unsupported content type {ctype!r}")

        def _refuse(self) -> None:
            self._text(405, "this endpoint is read-only", {"Allow": "GET, HEAD, POST"})

        do_PUT = do_DELETE = do_PATCH = _refuse

    return Handler
