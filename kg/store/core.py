"""Store stage, the store: ArticleData -> Oxigraph store on disk (per-article transactions, SPARQL, exports).

Layout of a store (one pyoxigraph/RocksDB folder, by default ``OUT/store/``):

- the default graph holds the actors' descriptions (type, labels, merge reasons, mention count),
  every asserted relation (``S rel O``) and every happening (``ex:happening/...``), each once
  however many articles state it: a query over the union then counts each once, as graph.ttl
  does (Oxigraph's union of graphs repeats a triple once per graph that holds it);
- ``ex:graph/<article>`` holds one article as ``kg.graph.build_dataset`` makes it, but for
  the relations and happenings: the article node and its mentions (``rdf:Statement``s naming
  the relation each reads). A relation or a happening's statement stays in the default graph
  while some article states it: replacing or removing the last such article removes it;
- ``ex:store/article/<article>`` is bookkeeping (``kgs:`` terms): the article's fingerprint,
  per actor it names how many times, and the relations and happenings it states (``kgs:subject``,
  ``kgs:predicate``, ``kgs:object``, which no query of ``kgo:`` relations matches). It is what
  makes rebuilds idempotent and lets ``remove_article`` drop the actors no other article names
  and the relations no other article asserts. Exports leave it out.

Into an existing store every article is written in one SPARQL Update request; Oxigraph runs a request in one
transaction, so a process killed at any moment leaves each article either as it was or
as it is now, never half-written. pyoxigraph 0.5 has no Python-level transaction
object: ``Store.extend`` is transactional but can only add, ``bulk_extend`` is not
transactional at all; an Update request (DROP + DELETE DATA + INSERT DATA) is the one
call that removes and adds atomically. A new store is bulk-loaded instead (`bulk_write` in
kg.store.write) into ``<store>.partial`` and renamed when complete, so it too is whole or
absent. Writers take an fcntl lock on ``<store>.lock`` for the whole build (`store_lock`,
kg.store.write), so a second build refuses at once with a clear message.

Oxigraph keeps numbers by value: ``"0.90"^^xsd:decimal`` from graph.ttl reads back from
the store as ``0.9``, the same number.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import GraphError, StoreError
from kg.namespaces import PREFIXES
from kg.store.data import (
    KGS_OBJECT,
    KGS_PREDICATE,
    KGS_SUBJECT,
    ArticleData,
    description_quads,
    shared,
    written_quads,
)
from kg.store.queries import bind_values, load_query_text
from kg.store.terms import (
    ARTICLE_GRAPH_PREFIX,
    BOOKKEEPING_PREFIX,
    KGS_ACTOR,
    KGS_COUNT,
    KGS_FINGERPRINT,
    KGS_PREFIXES,
    MENTION_COUNT,
    RDF_TYPE,
    actor_id_of,
    actor_node,
    article_graph,
    bookkeeping_graph,
    int_literal,
    to_rdflib,
)

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
        for q in store.quads_for_pattern(None, KGS_ACTOR, None, None):
            pairs[(q.subject, q.graph_name)] = q.object
        out = cls()
        for q in store.quads_for_pattern(None, KGS_COUNT, None, None):
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
        # the store's layout: graph.trig states a relation or a happening in every article graph that
        # reports it, the store once in the default graph, so that queries see it once (the union repeats it)
        moved = [q for q in st._store.quads_for_pattern(None, None, None, None)
                 if not isinstance(q.graph_name, ox.DefaultGraph) and shared(q.subject, q.predicate)]
        for q in moved:
            st._store.remove(q)
            st._store.add(ox.Quad(q.subject, q.predicate, q.object))
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
        for q in self._store.quads_for_pattern(None, KGS_FINGERPRINT, None, bookkeeping_graph(article_id)):
            return q.object.value
        return None

    def article_quads(self, article_id: str) -> set[tuple]:
        """The (s, p, o) of an article's named graph, as N-Triples strings (for comparisons)."""
        return {(str(q.subject), str(q.predicate), str(q.object))
                for q in self._store.quads_for_pattern(None, None, None, article_graph(article_id))}

    def _named_counts(self, article_id: str) -> dict[ox.NamedNode, int]:
        bk = bookkeeping_graph(article_id)
        out = {}
        for q in self._store.quads_for_pattern(None, KGS_ACTOR, None, bk):
            n = next(iter(self._store.quads_for_pattern(q.subject, KGS_COUNT, None, bk)), None)
            out[q.object] = int(n.object.value) if n else 0
        return out

    def _other_totals(self, actors: Iterable[ox.NamedNode], article_id: str) -> dict[ox.NamedNode, int | None]:
        """Per actor: the names counted in other articles (None when no other article names it)."""
        skip = bookkeeping_graph(article_id)
        out: dict[ox.NamedNode, int | None] = {}
        for a in actors:
            total = None
            for q in self._store.quads_for_pattern(None, KGS_ACTOR, a, None):
                if q.graph_name == skip:
                    continue
                n = next(iter(self._store.quads_for_pattern(q.subject, KGS_COUNT, None, q.graph_name)), None)
                total = (total or 0) + (int(n.object.value) if n else 0)
            out[a] = total
        return out

    def merged_graph(self):
        """The store's actors and articles as one rdflib Graph, what graph.ttl holds (no bookkeeping).

        For the commands that read a whole graph (render, validate, centrality, entities);
        numbers read back by value ("0.90" is 0.9).
        """
        from rdflib import Graph

        from kg.namespaces import bind_namespaces

        g = bind_namespaces(Graph())
        for q in self._store.quads_for_pattern(None, None, None, None):
            name = q.graph_name
            if isinstance(name, ox.NamedNode) and name.value.startswith(BOOKKEEPING_PREFIX):
                continue
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return g

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
        new_counts = {actor_node(a): n for a, n in data.actors.items()}
        old_counts = counts.named(bk) if counts is not None else self._named_counts(data.article_id)
        touched = set(new_counts) | set(old_counts)
        others = (counts.others(touched, bk) if counts is not None
                  else self._other_totals(touched, data.article_id))
        insert = written_quads(data, fp)
        kept = {(q.subject, q.predicate, q.object) for q in insert
                if isinstance(q.graph_name, ox.DefaultGraph) and shared(q.subject, q.predicate)}
        # the relations (and happenings) the article's old version stated and no article states any more
        delete: list[ox.Quad] = (self._unsupported(self._asserted(bk) - kept, bk) if old_fp is not None else [])
        described = description_quads(data)
        for actor in sorted(touched, key=lambda n: n.value):
            # the actor's description is the one of the latest build that named it; most
            # articles name actors already described alike, and then only the count changes
            if actor in new_counts or others[actor] is None:
                fresh = described.pop(actor, set())
                if counts is not None and counts.described.get(actor) == fresh:
                    # written (or found) so by this build already
                    delete += self._store.quads_for_pattern(actor, MENTION_COUNT, None, ox.DefaultGraph())
                else:
                    current = self._description(actor)
                    if fresh == {q for q in current if q.predicate != MENTION_COUNT}:
                        delete += [q for q in current if q.predicate == MENTION_COUNT]
                    else:
                        delete += current
                        insert += sorted(fresh, key=str)
                    if counts is not None:
                        counts.described[actor] = frozenset(fresh)
            else:
                delete += self._store.quads_for_pattern(actor, MENTION_COUNT, None, ox.DefaultGraph())
            if actor in new_counts or others[actor] is not None:
                total = (others[actor] or 0) + new_counts.get(actor, 0)
                if total:
                    insert.append(ox.Quad(actor, MENTION_COUNT, int_literal(total)))
        insert += [q for qs in described.values() for q in sorted(qs, key=str)]
        self._update(g, bk, delete, insert)
        if counts is not None:
            counts.put(bk, new_counts)
        return "replaced" if old_fp is not None else "added"

    def remove_article(self, article_id: str) -> list[str]:
        """Take an article out in one transaction; returns the ids of the actors dropped with it.

        An actor goes when no remaining article names it; a relation goes when no remaining
        article asserts it (the article graph's mentions go with it).

        Raises:
            StoreError: the article is not in the store.
        """
        self._writable()
        g, bk = article_graph(article_id), bookkeeping_graph(article_id)
        if not self._store.contains_named_graph(g) and not self._store.contains_named_graph(bk):
            listing = "SELECT ?id WHERE { ?a a kgo:Article ; dcterms:identifier ?id } ORDER BY ?id"
            raise StoreError(f"{article_id}: no such article in {self.path}; "
                             f"kg query {self.path} '{listing}' lists them")
        old = self._named_counts(article_id)
        others = self._other_totals(old, article_id)
        delete = self._unsupported(self._asserted(bk), bk)
        insert: list[ox.Quad] = []
        dropped = []
        for actor in sorted(old, key=lambda n: n.value):
            if others[actor] is None:
                delete += self._description(actor)
                dropped.append(actor_id_of(actor.value))
            else:
                delete += list(self._store.quads_for_pattern(actor, MENTION_COUNT, None, ox.DefaultGraph()))
                if others[actor]:
                    insert.append(ox.Quad(actor, MENTION_COUNT, int_literal(others[actor])))
        self._update(g, bk, delete, insert)
        return dropped

    def _description(self, actor: ox.NamedNode) -> list[ox.Quad]:
        """An actor's description in the default graph (type, labels, ..., count), not its relations."""
        return [q for q in self._store.quads_for_pattern(actor, None, None, ox.DefaultGraph())
                if not shared(q.subject, q.predicate)]

    def _asserted(self, bk: ox.NamedNode) -> set[tuple]:
        """The shared statements (s, p, o: relations, happenings) of the article whose bookkeeping graph is `bk`."""
        out = set()
        for q in self._store.quads_for_pattern(None, KGS_PREDICATE, None, bk):
            s = next(iter(self._store.quads_for_pattern(q.subject, KGS_SUBJECT, None, bk)), None)
            o = next(iter(self._store.quads_for_pattern(q.subject, KGS_OBJECT, None, bk)), None)
            if s is not None and o is not None:
                out.add((s.object, q.object, o.object))
        return out

    def _unsupported(self, relations: set[tuple], bk: ox.NamedNode) -> list[ox.Quad]:
        """Of `relations` (shared statements), those no article but the one of `bk` makes, as default-graph quads."""
        if not relations:
            return []
        values = " ".join(f"({s} {p} {o})" for s, p, o in relations)
        kept = {(sol["s"], sol["p"], sol["o"]) for sol in self._store.query(
            f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES (?s ?p ?o) {{ {values} }} "
            f"GRAPH ?b {{ ?r kgs:subject ?s ; kgs:predicate ?p ; kgs:object ?o }} FILTER(?b != {bk}) }}",
            prefixes=KGS_PREFIXES)}
        return [ox.Quad(s, p, o) for s, p, o in sorted(relations - kept, key=str)]

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
        memory). Triple formats (turtle, nt) merge the graphs; each relation is asserted once
        (in the default graph), however many articles support it.

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
        node = actor_node(v)
        if next(iter(self._store.quads_for_pattern(node, RDF_TYPE, None, None)), None):
            return node
        q = load_query_text("_find-actor")
        hits: dict[str, list[str]] = {"exact": [], "part": []}
        q = bind_values(q, {"needle": ox.Literal(v.lower())})
        for sol in self._store.query(q, use_default_graph_as_union=True, prefixes=KGS_PREFIXES):
            hits[sol["how"].value].append(sol["a"].value)
        for how in ("exact", "part"):
            found = sorted(set(hits[how]))
            if len(found) == 1:
                return ox.NamedNode(found[0])
            if found:
                names = ", ".join(actor_id_of(f) for f in found[:8])
                raise StoreError(f"{value!r} matches several actors ({names}); give an id instead")
        raise StoreError(f"{value!r} matches no actor; 'kg entities OUT' lists them")


def _quads_block(quads: list[ox.Quad]) -> str:
    default = [f"{q.subject} {q.predicate} {q.object} ." for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        if not isinstance(q.graph_name, ox.DefaultGraph):
            by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    parts = default + [f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items()]
    return "\n".join(parts)

