"""Analysis stage, network: RDF graph (file or rdflib Graph) -> the networkx actor graph.

The actor graph has one node per actor (`ex:actor/<id>`, keyed by `<id>`) and one edge per
pair of actors related in the RDF graph. An edge's `weight` is the number of sentences
(`kgo:Mention`) that support it, so a relation read in five articles weighs five times one
read once; `distance` is `1 / weight`, for who wants the path measures to treat a tie many
sentences attest as a short hop.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib
from rdflib import Dataset
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from kg.errors import KgError
from kg.model import ASSERTING
from kg.namespaces import EX, KGO, RELATIONS, SYMMETRIC

# a mention with one of these modalities is kept with its evidence but asserts nothing (ONTOLOGY.md)
UNASSERTING = frozenset({KGO.Hypothetical, KGO.Denied})

Source = str | Path | rdflib.Graph

# Relations in which two actors act on each other, as opposed to the structural ones
# (membership, leadership, location, hosting) and taking part in events.
INTERACTIONS: tuple[str, ...] = (
    "invited",
    "visited",
    "metWith",
    "negotiatesWith",
    "cooperatesWith",
    "competesWith",
    "tradesWith",
    "investsIn",
    "pressures",
    "supports",
)

# When an actor has several classes the most specific one names its type (Region is a Place).
_TYPE_ORDER: tuple[str, ...] = ("Person", "Country", "Organization", "Region", "Place", "Event", "Project", "Actor")
_ACTOR_PREFIX = str(EX["actor/"])


class AnalysisError(KgError):
    """The analysis cannot run: an unknown relation or measure, a bad date, a missing backend."""


# ---------------------------------------------------------------------------------------------
# RDF -> networkx


def actor_id(iri: rdflib.term.Node) -> str:
    """The node key of an actor IRI: `ex:actor/tokayev` -> `tokayev`; other IRIs stay whole.

    Example:
        >>> actor_id(EX["actor/tokayev"])
        'tokayev'
    """
    text = str(iri)
    return text[len(_ACTOR_PREFIX):] if text.startswith(_ACTOR_PREFIX) else text


def as_rdf(source: Source) -> rdflib.Graph:
    """The rdflib Graph of `source`: a graph file (any format kg reads) or a Graph, used as is.

    A Dataset is merged into one Graph (its triples live in named graphs).

    Raises:
        GraphError: the file is missing or not RDF.
    """
    if isinstance(source, Dataset):
        from kg.graph import merged_graph

        return merged_graph(source)
    if isinstance(source, rdflib.Graph):
        return source
    from kg.graph import load_graph

    return load_graph(source)


def _as_date(value: str | date | None, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise AnalysisError(f"{name} {value!r} is not a date: write it as YYYY-MM-DD") from None


def _relation_names(relations: Iterable[str] | None) -> tuple[str, ...]:
    if relations is None:
        return RELATIONS
    if isinstance(relations, str):
        relations = [relations]
    names = []
    for rel in relations:
        # accept kgo:invited and the full IRI as well as the bare name
        name = rel.strip().removeprefix(str(KGO._NS)).removeprefix("kgo:")
        if name not in RELATIONS:
            raise AnalysisError(f"unknown relation {rel!r}: use some of {', '.join(RELATIONS)}")
        names.append(name)
    return tuple(dict.fromkeys(names))


def _pick_label(labels: Mapping[str, str], lang: str, fallback: str) -> str:
    for want in (lang, "en"):
        if want in labels:
            return labels[want]
    # any language, in a fixed order so the same graph always gives the same label
    return labels[min(labels)] if labels else fallback


def _article_dates(g: rdflib.Graph) -> dict[rdflib.term.Node, date]:
    dates = {}
    for article, value in g.subject_objects(DCTERMS.date):
        py = value.toPython() if isinstance(value, rdflib.Literal) else value
        if isinstance(py, datetime):
            py = py.date()
        if not isinstance(py, date):
            try:
                py = date.fromisoformat(str(value)[:10])
            except ValueError:
                continue  # an undated article only drops out of date windows
        dates[article] = py
    return dates


def relation_counts(source: Source, *, relations: Iterable[str] | None = None, since: str | date | None = None,
                    until: str | date | None = None) -> Counter[tuple[str, str, str]]:
    """Count the sentences that support each relation: `{(subject, relation, object): mentions}`.

    Args:
        source: graph file or rdflib Graph.
        relations: relation names to keep (`"invited"`, `"kgo:invited"`); None keeps all 17.
        since: keep mentions from articles dated on or after this day (`YYYY-MM-DD` or a date).
        until: keep mentions from articles dated on or before this day.

    Returns:
        Mentions per asserted relation, subjects and objects as actor ids. A relation
        asserted without any `kgo:Mention` (a hand-made graph) counts once, unless a date
        window is given: it has no date to be inside the window.

    Raises:
        AnalysisError: an unknown relation or a malformed date.
    """
    g = as_rdf(source)
    keep = {KGO[r]: r for r in _relation_names(relations)}
    start, end = _as_date(since, "since"), _as_date(until, "until")
    windowed = start is not None or end is not None
    dates = _article_dates(g) if windowed else {}
    counts: Counter[tuple[str, str, str]] = Counter()
    for m in g.subjects(RDF.type, KGO.Mention):
        rel = keep.get(g.value(m, RDF.predicate))
        s, o = g.value(m, RDF.subject), g.value(m, RDF.object)
        if rel is None or s is None or o is None or g.value(m, KGO.modality) in UNASSERTING:
            continue
        if windowed:
            day = dates.get(g.value(m, PROV.wasDerivedFrom))
            if day is None or (start and day < start) or (end and day > end):
                continue
        counts[actor_id(s), rel, actor_id(o)] += 1
    if not windowed:
        for pred, rel in keep.items():
            for s, o in g.subject_objects(pred):
                key = (actor_id(s), rel, actor_id(o))
                # a symmetric relation may be asserted one way and described the other way
                twin = (key[2], rel, key[0])
                if key not in counts and not (rel in SYMMETRIC and twin in counts):
                    counts[key] = 1
    return counts


def actor_attributes(source: Source, lang: str = "en") -> dict[str, dict[str, Any]]:
    """Every typed actor's node attributes: `{id: {"label", "type", "iri", "labels"}}`.

    Args:
        source: graph file or rdflib Graph.
        lang: language of `label` (kk, ru, en...); an actor without a label in it falls
            back to English, then to any language, then to its id.
    """
    g = as_rdf(source)
    classes = {KGO[c]: c for c in _TYPE_ORDER}
    types: dict[rdflib.term.Node, list[str]] = defaultdict(list)
    for node, cls in g.subject_objects(RDF.type):
        if cls in classes:
            types[node].append(classes[cls])
    attrs = {}
    for node, found in types.items():
        labels: dict[str, str] = {}
        for label in sorted(g.objects(node, RDFS.label)):
            labels.setdefault(getattr(label, "language", None) or "", str(label))
        key = actor_id(node)
        attrs[key] = {
            "label": _pick_label(labels, lang, key),
            "type": min(found, key=_TYPE_ORDER.index),
            "iri": str(node),
            "labels": labels,
        }
    return attrs


def actor_graph(source: Source, *, directed: bool = True, relations: Iterable[str] | None = None,
                since: str | date | None = None, until: str | date | None = None, lang: str = "en",
                isolates: bool = False) -> nx.DiGraph | nx.Graph:
    """The actors and their relations as a networkx graph weighted by supporting mentions.

    Args:
        source: graph file (`out/graph.ttl`, `.trig`, ...) or rdflib Graph.
        directed: a DiGraph (`S kgo:rel O` is the edge S -> O; a symmetric relation such as
            metWith gives both directions, each with the full count) or an undirected Graph.
        relations: relation names to keep; None keeps all. `INTERACTIONS` keeps the ones in
            which two actors act on each other.
        since: keep mentions from articles dated on or after this day.
        until: keep mentions from articles dated on or before this day.
        lang: language of the `label` node attribute (falls back to en, then any).
        isolates: also add the typed actors left without any edge by the filters.

    Returns:
        Nodes keyed by actor id with `label`, `type` (Person, Country...), `iri` and
        `labels` ({lang: label}); edges with `weight` (mentions), `distance` (1 / weight)
        and `relations` ({relation: mentions}). `G.graph` records the filters.

    Raises:
        AnalysisError: an unknown relation or a malformed date.
        GraphError: the graph file cannot be read.

    Example:
        >>> G = actor_graph("out/graph.ttl", relations=INTERACTIONS)  # doctest: +SKIP
        >>> G.edges["tokayev", "country_us"]["relations"]  # doctest: +SKIP
        {'visited': 2}
    """
    g = as_rdf(source)
    names = _relation_names(relations)
    counts = relation_counts(g, relations=names, since=since, until=until)
    attrs = actor_attributes(g, lang)
    return _assemble(counts, attrs, directed=directed, names=names, since=since, until=until, lang=lang,
                     isolates=isolates)


def actor_graph_from_build(triples: Iterable[Any], entities: Iterable[Any], *, directed: bool = True,
                           lang: str = "en") -> nx.DiGraph | nx.Graph:
    """`actor_graph` of a build's merged graph, straight from the build's records.

    What `kg build` uses for OUT/centrality.csv: the same nodes, weights and attributes as
    `actor_graph(OUT/graph.ttl)` (all relations, no date window), without reading millions of
    triples back out of RDF.

    Args:
        triples: the build's resolved `kg.model.Triple`s (one per reading; a sentence's
            repeated readings count once, as they are one mention in the graph).
        entities: the build's `kg.resolve.Entity`s.
        directed: as in `actor_graph`.
        lang: language of the `label` node attribute.
    """
    from kg.graph import canonical, entity_triples, mention_key

    seen: set[tuple] = set()
    counts: Counter[tuple[str, str, str]] = Counter()
    for t in triples:
        if t.modality not in ASSERTING:
            continue  # hypothetical and denied mentions assert nothing (ONTOLOGY.md)
        c = canonical(t)
        key = mention_key(c)
        if key not in seen:
            seen.add(key)
            counts[c.subject, c.relation, c.object] += 1
    described = rdflib.Graph()
    for e in entities:
        for spo in entity_triples(e):
            described.add(spo)
    return _assemble(counts, actor_attributes(described, lang), directed=directed, names=_relation_names(None),
                     since=None, until=None, lang=lang, isolates=False)


def _assemble(counts: Mapping[tuple[str, str, str], int], attrs: Mapping[str, dict], *, directed: bool,
              names: tuple[str, ...], since: str | date | None, until: str | date | None, lang: str,
              isolates: bool) -> nx.DiGraph | nx.Graph:
    G: nx.DiGraph | nx.Graph = nx.DiGraph() if directed else nx.Graph()
    G.graph.update(directed=directed, relations=names, since=str(_as_date(since, "since") or "") or None,
                   until=str(_as_date(until, "until") or "") or None, lang=lang)

    def add_node(key: str) -> None:
        if key not in G:
            G.add_node(key, **attrs.get(key, {"label": key, "type": "Actor", "iri": key, "labels": {}}))

    if isolates:
        for key in sorted(attrs):
            add_node(key)
    for (s, rel, o), n in sorted(counts.items()):
        if s == o:
            continue  # a self-loop says nothing about an actor's place among others
        add_node(s)
        add_node(o)
        pairs = [(s, o), (o, s)] if directed and rel in SYMMETRIC else [(s, o)]
        for u, v in pairs:
            if G.has_edge(u, v):
                data = G.edges[u, v]
                data["weight"] += n
                data["relations"][rel] = data["relations"].get(rel, 0) + n
            else:
                G.add_edge(u, v, weight=n, relations={rel: n})
    for _, _, data in G.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
    return G

