"""Render stage, reading: RDF graph -> View (the actors, the relations with their sentences, centralities)."""

from __future__ import annotations

import datetime as dt
import functools
import math
import numbers
from decimal import Decimal
from typing import Any, NamedTuple

import networkx as nx
import rdflib
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg import paths
from kg.errors import RenderError
from kg.languages import CODES
from kg.namespaces import KGO_IRI, RELATIONS, SYMMETRIC
from kg.render.view import (
    ASSERTING,
    CLASSES,
    DEFAULT_SIZE_BY,
    MEASURES,
    MODALITIES,
    EdgeView,
    HappeningView,
    MentionView,
    NodeView,
    View,
    ViewMeta,
)

KGO = rdflib.Namespace(KGO_IRI)

# vis-network dot radius range in pixels; the page scales nothing itself.
_MIN_SIZE, _MAX_SIZE = 8.0, 36.0
# Exact betweenness is O(n*m); above this many nodes sample this many sources (seeded, so deterministic).
_BETWEENNESS_SAMPLE = 300


def _local(iri: rdflib.term.Node, ns: rdflib.Namespace) -> str | None:
    text = str(iri)
    return text[len(ns) :] if text.startswith(str(ns)) else None


def _actor_class(graph: rdflib.Graph, actor: rdflib.term.Node) -> str:
    types = {_local(t, KGO) for t in graph.objects(actor, RDF.type)}
    return next((c for c in CLASSES if c in types), "Actor")


def _names(graph: rdflib.Graph, actor: rdflib.term.Node) -> tuple[dict[str, str], tuple[str, ...]]:
    labels: dict[str, str] = {}
    names: list[str] = []
    # Sorted so the output does not depend on rdflib's set order.
    for lit in sorted(graph.objects(actor, RDFS.label), key=str):
        lang = getattr(lit, "language", None) or ""
        if lang and lang not in labels:
            labels[lang] = str(lit)
        elif not lang and "" not in labels:
            labels[""] = str(lit)
        names.append(str(lit))
    for lit in sorted(graph.objects(actor, SKOS.altLabel), key=str):
        names.append(str(lit))
    return labels, tuple(dict.fromkeys(n for n in names if n))


def _slug(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _article_info(graph: rdflib.Graph, article: rdflib.term.Node) -> tuple[str, str, str]:
    ident = graph.value(article, DCTERMS.identifier)
    if ident is None:
        text = str(article)
        ident = text.rsplit("/", 1)[-1]
    date = graph.value(article, DCTERMS.date)
    date_text = ""
    if date is not None:
        value = date.toPython() if isinstance(date, rdflib.Literal) else date
        date_text = value.isoformat() if isinstance(value, dt.date) else str(value)[:10]
    lang = graph.value(article, DCTERMS.language)
    return str(ident), date_text, str(lang) if lang is not None else ""


def _happening_view(graph: rdflib.Graph, happening: rdflib.term.Node) -> HappeningView:
    # the lexical form: a gYearMonth or a gYear stays "2025-11" or "2025", as precise as the texts are
    date = graph.value(happening, KGO.date)
    from_report = graph.value(happening, KGO.dateFromReport)
    place, part_of = graph.value(happening, KGO.place), graph.value(happening, KGO.partOf)
    return HappeningView(
        id=str(happening),
        date=str(date) if date is not None else "",
        from_report=isinstance(from_report, rdflib.Literal) and from_report.toPython() is True,
        place=str(place) if isinstance(place, rdflib.URIRef) else "",
        part_of=str(part_of) if isinstance(part_of, rdflib.URIRef) else "",
    )


def _modality(graph: rdflib.Graph, mention: rdflib.term.Node) -> str:
    # none means Asserted (ONTOLOGY.md); a value outside the ontology's four is read as none
    found = _local(graph.value(mention, KGO.modality) or "", KGO)
    return found if found in MODALITIES else "Asserted"


def _mention_view(graph: rdflib.Graph, mention: rdflib.term.Node, cache: dict) -> MentionView:
    article = graph.value(mention, PROV.wasDerivedFrom)
    if article is not None:
        if article not in cache:
            cache[article] = _article_info(graph, article)
        article_id, date, article_lang = cache[article]
    else:
        article_id, date, article_lang = "", "", ""
    evidence = graph.value(mention, KGO.evidence)
    # The filter is by language of the source, so the article's language wins over the sentence's tag.
    lang = article_lang or (getattr(evidence, "language", None) or "")

    def _num(pred: rdflib.URIRef) -> Any:
        value = graph.value(mention, pred)
        return value.toPython() if isinstance(value, rdflib.Literal) else None

    confidence = _num(KGO.confidence)
    start, end = _num(KGO.charStart), _num(KGO.charEnd)
    extractor = graph.value(mention, KGO.extractor)
    speaker = graph.value(mention, PROV.wasAttributedTo)
    reported = graph.value(mention, KGO.reports)
    if reported is not None and reported not in cache:
        cache[reported] = _happening_view(graph, reported)
    return MentionView(
        evidence=str(evidence) if evidence is not None else "",
        article_id=article_id,
        date=date,
        lang=lang,
        # kg.graph writes xsd:decimal, which rdflib reads as a Decimal: a number all the same
        confidence=float(confidence) if isinstance(confidence, numbers.Real | Decimal) else None,
        extractor=str(extractor) if extractor is not None else "",
        char_start=start if isinstance(start, int) else None,
        char_end=end if isinstance(end, int) else None,
        modality=_modality(graph, mention),
        speaker=str(speaker) if isinstance(speaker, rdflib.URIRef) else "",
        happening=cache[reported] if reported is not None else None,
    )


class OntologyLabels(NamedTuple):
    """Name -> language code -> label, as ontology/kg.ttl gives them."""

    relations: dict[str, dict[str, str]]
    classes: dict[str, dict[str, str]]
    modalities: dict[str, dict[str, str]]


def ontology_labels() -> OntologyLabels:
    """The relations', the actor classes' and the modalities' labels in each language kg reads, from ontology/kg.ttl.

    Read when the page is made, so the page names them exactly as the ontology does; a language the
    ontology gives no label in is left out (the page then falls back).

    Example:
        >>> labels = ontology_labels()
        >>> labels.relations["invitedTo"]["en"], labels.classes["Country"]["en"], labels.modalities["Denied"]["en"]
        ('invited to', 'country', 'denied')
    """
    path = paths.ontology_file()
    return _labels_in(str(path), path.stat().st_mtime_ns)


@functools.cache
def _labels_in(path: str, _mtime_ns: int) -> OntologyLabels:
    try:
        onto = rdflib.Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many unrelated types for bad input
        raise RenderError(f"cannot read the ontology {path}: {exc}; reinstall kg or run from the repository") from exc

    def labels(name: str) -> dict[str, str]:
        found = {lit.language: str(lit) for lit in onto.objects(KGO[name], RDFS.label)
                 if isinstance(lit, rdflib.Literal)}
        return {code: found[code] for code in CODES if code in found}

    return OntologyLabels({r: labels(r) for r in RELATIONS}, {c: labels(c) for c in CLASSES},
                          {m: labels(m) for m in MODALITIES})


def _pagerank(graph: nx.DiGraph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200) -> dict:
    """Return PageRank; networkx's own needs scipy, which the project does not otherwise need."""
    try:
        return nx.pagerank(graph, alpha=alpha, weight="weight")
    except ImportError:
        pass
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    rank = dict.fromkeys(graph, 1.0 / n)
    out_weight = {u: sum(d.get("weight", 1.0) for _, _, d in graph.out_edges(u, data=True)) for u in graph}
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in graph if out_weight[u] == 0) / n
        new = dict.fromkeys(graph, (1.0 - alpha) / n + dangling)
        for u, v, d in graph.edges(data=True):
            new[v] += alpha * rank[u] * d.get("weight", 1.0) / out_weight[u]
        err = sum(abs(new[u] - rank[u]) for u in graph)
        rank = new
        if err < n * tol:
            break
    return rank


def _centralities(node_ids: list[str], edges: list[EdgeView]) -> dict[str, dict[str, float]]:
    directed = nx.DiGraph()
    directed.add_nodes_from(node_ids)
    for e in edges:
        # what is only hypothetical or denied is no relation (ONTOLOGY.md), as kg.analysis counts it
        if e.source == e.target or not e.asserted:
            continue
        # Mentions weight PageRank: a relation read in ten sentences counts more than one read once.
        w = float(max(sum(m.modality in ASSERTING for m in e.mentions), 1))
        pairs = [(e.source, e.target), (e.target, e.source)] if e.symmetric else [(e.source, e.target)]
        for u, v in pairs:
            prev = directed.get_edge_data(u, v, {}).get("weight", 0.0)
            directed.add_edge(u, v, weight=prev + w)
    undirected = directed.to_undirected()
    degree = nx.degree_centrality(undirected) if len(node_ids) > 1 else dict.fromkeys(node_ids, 0.0)
    pagerank = _pagerank(directed)
    k = _BETWEENNESS_SAMPLE if len(node_ids) > _BETWEENNESS_SAMPLE else None
    betweenness = nx.betweenness_centrality(undirected, k=k, seed=0 if k else None)
    return {
        n: {"degree": degree.get(n, 0.0), "pagerank": pagerank.get(n, 0.0), "betweenness": betweenness[n]}
        for n in node_ids
    }


def _sizes(values: dict[str, float]) -> dict[str, float]:
    """Map centralities to radii; square root so that area, not radius, follows the measure."""
    if not values:
        return {}
    lo, hi = min(values.values()), max(values.values())
    if hi - lo <= 0:
        return dict.fromkeys(values, round((_MIN_SIZE + _MAX_SIZE) / 3, 2))
    return {
        n: round(_MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * math.sqrt((v - lo) / (hi - lo)), 2) for n, v in values.items()
    }


def graph_to_view(
    graph: rdflib.Graph, *, lang: str = "en", size_by: str = DEFAULT_SIZE_BY, max_nodes: int = 500
) -> View:
    """Turn a kg graph into the data the analyst's page shows.

    Actors are the subjects typed with a kgo class, plus anything a relation
    names. Each asserted relation is one edge (a symmetric relation stated in
    both directions is one edge); its mentions are the reified `kgo:Mention`s
    with the same subject, predicate and object (either direction for a
    symmetric one), each with its modality, speaker and the happening it
    reports. What only Hypothetical or Denied mentions tell of is an edge too,
    with that modality (`EdgeView.asserted` is False): no relation, and no part
    of the centralities, but the page shows it on request. Above `max_nodes`
    actors, only the top `max_nodes` by `size_by` are kept (ties by IRI), with
    the edges among them.

    Args:
        graph: an rdflib graph following the project's ontology contract.
        lang: default label language of the page (en, ru or kk).
        size_by: centrality that sizes nodes and ranks them for truncation:
            degree (the default: how many other actors an actor is related to),
            pagerank (over the directed relations) or betweenness.
        max_nodes: most actors to show; 0 or less means no limit.

    Returns:
        A View; `view.meta.truncated` says whether actors were left out.

    Raises:
        RenderError: on an unknown `size_by` or `lang`.

    Example:
        >>> view = graph_to_view(rdflib.Graph())
        >>> (len(view.nodes), view.meta.truncated)
        (0, False)
    """
    if size_by not in MEASURES:
        raise RenderError(f"unknown centrality {size_by!r}: use one of {', '.join(MEASURES)}")
    if lang not in CODES:
        raise RenderError(f"unknown label language {lang!r}: use one of {', '.join(CODES)}")

    actor_classes = {KGO[c] for c in CLASSES}
    actors: set[rdflib.term.Node] = set()
    for cls in actor_classes:
        actors.update(s for s in graph.subjects(RDF.type, cls) if isinstance(s, rdflib.URIRef))

    # Edge key -> mentions; symmetric keys are sorted so both directions meet.
    def _key(s: str, rel: str, o: str) -> tuple[str, str, str]:
        return (min(s, o), rel, max(s, o)) if rel in SYMMETRIC else (s, rel, o)

    edge_mentions: dict[tuple[str, str, str], dict[str, MentionView]] = {}
    for rel in RELATIONS:
        for s, o in graph.subject_objects(KGO[rel]):
            if isinstance(s, rdflib.URIRef) and isinstance(o, rdflib.URIRef):
                edge_mentions.setdefault(_key(str(s), rel, str(o)), {})
                actors.update((s, o))
    article_cache: dict = {}
    for m in graph.subjects(RDF.type, KGO.Mention):
        s, p, o = graph.value(m, RDF.subject), graph.value(m, RDF.predicate), graph.value(m, RDF.object)
        rel = _local(p, KGO) if p is not None else None
        if rel not in RELATIONS or not isinstance(s, rdflib.URIRef) or not isinstance(o, rdflib.URIRef):
            continue
        actors.update((s, o))
        edge_mentions.setdefault(_key(str(s), rel, str(o)), {})[str(m)] = _mention_view(graph, m, article_cache)

    node_ids = sorted(str(a) for a in actors)
    all_edges = [
        EdgeView(
            id=f"e{i}",
            source=s,
            target=o,
            relation=rel,
            symmetric=rel in SYMMETRIC,
            width=len(ms),
            # Sorted by date, article and offset so the panel reads in order and output is stable.
            mentions=tuple(
                sorted(
                    ms.values(),
                    key=lambda m: (m.date, m.article_id, m.char_start or 0, m.evidence),
                )
            ),
            modality=min((m.modality for m in ms.values()), key=MODALITIES.index, default="Asserted"),
        )
        for i, ((s, rel, o), ms) in enumerate(sorted(edge_mentions.items()))
    ]
    cent = _centralities(node_ids, all_edges)

    truncated = 0 < max_nodes < len(node_ids)
    if truncated:
        ranked = sorted(node_ids, key=lambda n: (-cent[n][size_by], n))
        kept = set(ranked[:max_nodes])
        shown_ids = [n for n in node_ids if n in kept]
        edges = [e for e in all_edges if e.source in kept and e.target in kept]
    else:
        shown_ids, edges = node_ids, all_edges
    sizes = _sizes({n: cent[n][size_by] for n in shown_ids})

    nodes = []
    for n in shown_ids:
        ref = rdflib.URIRef(n)
        labels, names = _names(graph, ref)
        if not names:
            # An actor with no label still needs a name to be found and drawn.
            names = (_slug(n),)
        nodes.append(
            NodeView(
                id=n,
                labels=labels,
                names=names,
                type=_actor_class(graph, ref),
                size=sizes[n],
                centrality={k: round(v, 6) for k, v in cent[n].items()},
            )
        )

    mentions = [m for e in edges for m in e.mentions]
    labels = ontology_labels()
    named = sorted({a for m in mentions for a in (m.speaker, m.happening.place if m.happening else "") if a})
    dates = tuple(sorted({m.date for m in mentions if m.date}))
    meta = ViewMeta(
        date_min=dates[0] if dates else "",
        date_max=dates[-1] if dates else "",
        dates=dates,
        relations=tuple(r for r in RELATIONS if any(e.relation == r for e in edges)),
        classes=tuple(c for c in CLASSES if any(nd.type == c for nd in nodes)),
        languages=tuple(sorted({m.lang for m in mentions})),
        label_lang=lang,
        size_by=size_by,
        truncated=truncated,
        total_nodes=len(node_ids),
        total_edges=sum(e.asserted for e in all_edges),
        max_nodes=max_nodes,
        confidences=tuple(sorted({m.confidence for m in mentions if m.confidence is not None})),
        relation_labels=labels.relations,
        class_labels=labels.classes,
        modality_labels=labels.modalities,
        total_unasserted=sum(not e.asserted for e in all_edges),
    )
    return View(nodes=tuple(nodes), edges=tuple(edges), meta=meta,
                mention_actors={a: _names(graph, rdflib.URIRef(a))[0] or {"": _slug(a)} for a in named})
