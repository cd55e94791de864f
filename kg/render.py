"""Render stage: RDF graph -> View (pure data) -> one self-contained, offline HTML page.

`graph_to_view` turns the graph into frozen records (nodes, edges with their
supporting sentences, metadata) and is tested without a browser; `write_html`
puts a View into a single HTML file that inlines vis-network (taken from the
pyvis wheel) and the page's own script and style from `kg/render_assets/`.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import json
import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg import paths
from kg.errors import GraphError, RenderError
from kg.languages import CODES, LANGUAGES
from kg.namespaces import EX_IRI, KGO_IRI, RELATIONS, SYMMETRIC

KGO = rdflib.Namespace(KGO_IRI)

# Most specific first: an actor typed both Region and Place is shown as a Region.
CLASSES: tuple[str, ...] = (
    "Person",
    "Country",
    "Organization",
    "Region",
    "Place",
    "Event",
    "Project",
    "Actor",
)
MEASURES: tuple[str, ...] = ("degree", "pagerank", "betweenness")
# What an analyst reads as central is the actor in the most relations. PageRank over directed
# relations ranks by what is received: the president who visits, invites and meets ten others
# and is named as the object of none comes out smallest.
DEFAULT_SIZE_BY = "degree"

# vis-network dot radius range in pixels; the page scales nothing itself.
_MIN_SIZE, _MAX_SIZE = 8.0, 36.0
# Exact betweenness is O(n*m); above this many nodes sample this many sources (seeded, so deterministic).
_BETWEENNESS_SAMPLE = 300


@dataclass(frozen=True)
class MentionView:
    """One sentence that supports an edge, with where it comes from."""

    evidence: str
    article_id: str
    date: str  # ISO date of the article, "" when unknown
    lang: str  # language of the source sentence/article, "" when unknown
    confidence: float | None = None
    extractor: str = ""
    char_start: int | None = None
    char_end: int | None = None


@dataclass(frozen=True)
class NodeView:
    """One actor as drawn: its names, class, size and centralities."""

    id: str  # the actor's IRI
    labels: Mapping[str, str] = field(hash=False)  # lang -> canonical label
    names: tuple[str, ...]  # every label and altLabel, any language, deduplicated
    type: str  # one of CLASSES
    size: float  # vis-network dot radius in pixels, from the chosen centrality
    centrality: Mapping[str, float] = field(hash=False)  # measure -> value


@dataclass(frozen=True)
class EdgeView:
    """One asserted relation between two actors, with every supporting mention."""

    id: str
    source: str  # `from` in vis-network; a symmetric relation's ends are sorted
    target: str
    relation: str
    symmetric: bool
    width: int  # number of supporting mentions
    mentions: tuple[MentionView, ...]


@dataclass(frozen=True)
class ViewMeta:
    """What the page needs to build its controls, and whether the view was cut."""

    date_min: str
    date_max: str
    dates: tuple[str, ...]  # distinct article dates of the shown mentions, sorted
    relations: tuple[str, ...]
    classes: tuple[str, ...]
    languages: tuple[str, ...]
    label_lang: str
    size_by: str
    truncated: bool
    total_nodes: int
    total_edges: int
    max_nodes: int
    confidences: tuple[float, ...] = ()  # distinct confidences of the shown mentions, ascending
    # name -> language code -> label, as ontology/kg.ttl gives them (the page's names of relations and classes)
    relation_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict, hash=False)
    class_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class View:
    """Everything the HTML page shows, free of markup."""

    nodes: tuple[NodeView, ...]
    edges: tuple[EdgeView, ...]
    meta: ViewMeta

    def to_dict(self) -> dict[str, Any]:
        """Return the plain-JSON form the page reads (vis-network's `from`/`to` names for edge ends).

        Actor IRIs in the project's namespace are written as `ex:actor/<slug>`: shorter, and the page
        then holds no address that looks like something to load.
        """
        _c = compact_iri
        return {
            "nodes": [
                {
                    "id": _c(n.id),
                    "labels": dict(n.labels),
                    "names": list(n.names),
                    "type": n.type,
                    "size": n.size,
                    "centrality": dict(n.centrality),
                }
                for n in self.nodes
            ],
            "edges": [
                {
                    "id": e.id,
                    "from": _c(e.source),
                    "to": _c(e.target),
                    "relation": e.relation,
                    "symmetric": e.symmetric,
                    "width": e.width,
                    "mentions": [
                        {
                            "evidence": m.evidence,
                            "article": m.article_id,
                            "date": m.date,
                            "lang": m.lang,
                            "confidence": m.confidence,
                            "extractor": m.extractor,
                            "charStart": m.char_start,
                            "charEnd": m.char_end,
                        }
                        for m in e.mentions
                    ],
                }
                for e in self.edges
            ],
            "meta": {
                "dateMin": self.meta.date_min,
                "dateMax": self.meta.date_max,
                "dates": list(self.meta.dates),
                "confidences": list(self.meta.confidences),
                "relations": list(self.meta.relations),
                "relationLabels": {r: dict(v) for r, v in self.meta.relation_labels.items()},
                "classLabels": {c: dict(v) for c, v in self.meta.class_labels.items()},
                "symmetric": sorted(SYMMETRIC),
                "classes": list(self.meta.classes),
                "languages": list(self.meta.languages),
                # the language table, in label fallback order: names for the menus and the filter
                "languageTable": [{"code": lang.code, "name": lang.name, "native": lang.native}
                                  for lang in LANGUAGES],
                "labelLang": self.meta.label_lang,
                "sizeBy": self.meta.size_by,
                "truncated": self.meta.truncated,
                "totalNodes": self.meta.total_nodes,
                "totalEdges": self.meta.total_edges,
                "shownNodes": len(self.nodes),
                "shownEdges": len(self.edges),
                "maxNodes": self.meta.max_nodes,
            },
        }


def compact_iri(iri: str) -> str:
    """Return `iri` as `ex:<rest>` when it is in the project's id namespace, else unchanged.

    Example:
        >>> compact_iri("https://w3id.org/kgpol/id/actor/tokayev")
        'ex:actor/tokayev'
    """
    return "ex:" + iri[len(EX_IRI) :] if iri.startswith(EX_IRI) else iri


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
    )


def ontology_labels() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """The relations' and the actor classes' labels in each language kg reads, from ontology/kg.ttl.

    Read when the page is made, so the page names relations and classes exactly as the ontology
    does; a language the ontology gives no label in is left out (the page then falls back).

    Returns:
        (relation -> language code -> label, class -> language code -> label).

    Example:
        >>> relations, classes = ontology_labels()
        >>> relations["invitedTo"]["en"], classes["Country"]["en"]
        ('invited to', 'country')
    """
    path = paths.ontology_file()
    return _labels_in(str(path), path.stat().st_mtime_ns)


@functools.cache
def _labels_in(path: str, _mtime_ns: int) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    try:
        onto = rdflib.Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many unrelated types for bad input
        raise RenderError(f"cannot read the ontology {path}: {exc}; reinstall kg or run from the repository") from exc

    def labels(name: str) -> dict[str, str]:
        found = {lit.language: str(lit) for lit in onto.objects(KGO[name], RDFS.label)
                 if isinstance(lit, rdflib.Literal)}
        return {code: found[code] for code in CODES if code in found}

    return {r: labels(r) for r in RELATIONS}, {c: labels(c) for c in CLASSES}


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
        if e.source == e.target:
            continue
        # Mentions weight PageRank: a relation read in ten sentences counts more than one read once.
        w = float(max(e.width, 1))
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
    symmetric one). Above `max_nodes` actors, only the top `max_nodes` by
    `size_by` are kept (ties by IRI), with the edges among them.

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
            names = (n.rstrip("/").rsplit("/", 1)[-1],)
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
    relation_labels, class_labels = ontology_labels()
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
        total_edges=len(all_edges),
        max_nodes=max_nodes,
        confidences=tuple(sorted({m.confidence for m in mentions if m.confidence is not None})),
        relation_labels=relation_labels,
        class_labels=class_labels,
    )
    return View(nodes=tuple(nodes), edges=tuple(edges), meta=meta)


def _asset(name: str) -> str:
    return resources.files("kg").joinpath("render_assets", name).read_text(encoding="utf-8")


def _vis_js() -> str:
    """Return vis-network's standalone build as shipped inside the pyvis wheel."""
    lib = resources.files("pyvis").joinpath("templates", "lib")
    candidates = sorted(
        (p for p in lib.iterdir() if p.name.startswith("vis-") and (p / "vis-network.min.js").is_file()),
        key=lambda p: tuple(int(x) for x in p.name[4:].split(".") if x.isdigit()),
    )
    if not candidates:
        raise RenderError("vis-network.min.js not found in the pyvis package: reinstall pyvis>=0.3.2")
    return candidates[-1].joinpath("vis-network.min.js").read_text(encoding="utf-8")


def view_json(view: View) -> str:
    """Return the View as JSON safe to place inside a `<script type="application/json">` element.

    `<`, `>` and `&` are written as `\\u003c`, `\\u003e`, `\\u0026`, so no text
    from an article can close the element or open a comment.
    """
    return _script_json(view.to_dict())


def interface_strings() -> dict[str, dict[str, Any]]:
    """The page's own words in each language kg reads, from `render_assets/interface.json`.

    A value is a string with `{name}` slots the page fills in, or, for a count, its plural
    forms by the language's plural rules (`{"one": ..., "few": ..., "other": ...}`).

    Raises:
        RenderError: the table lacks a language of `kg.languages`.
    """
    table = json.loads(_asset("interface.json"))
    missing = [code for code in CODES if code not in table]
    if missing:
        raise RenderError(f"render_assets/interface.json has no interface strings for {', '.join(missing)}: add them")
    return {code: table[code] for code in CODES}


def _script_json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _inline_script(code: str) -> str:
    # A script body can only be cut short by "</script"; refuse rather than emit a broken page.
    if "</script" in code.lower() or "<!--" in code:
        raise RenderError("an inlined script contains '</script' or '<!--' and cannot be embedded safely")
    return code


_MARKER = re.compile(r"/\*KG:[A-Z]+\*/|KG:[A-Z]+")
# A script element of the template; one with a type that is not JavaScript (the JSON data) never runs.
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_NOT_JS = re.compile(r"""\btype\s*=\s*["']?(?!text/javascript|module)[\w/+.-]+""", re.I)


def script_hash(text: str) -> str:
    """The CSP source that allows exactly one inline script: `'sha256-<base64 of its UTF-8 text>'`.

    The browser hashes the element's text as parsed, where CR LF and CR are already LF.

    Example:
        >>> script_hash("alert(1)")
        "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def html_document(view: View) -> str:
    """Return the whole page for `view` as a string (see `write_html`).

    Its Content-Security-Policy lets run exactly the page's own inline scripts, by the
    hash of each one's text, and nothing else: no other inline script, handler or source.
    """
    template = _asset("template.html")
    title = "kg — actor network"
    parts = {
        "/*KG:CSS*/": _asset("view.css"),
        "/*KG:VIS*/": _inline_script(_vis_js()),
        "/*KG:TEXT*/": _inline_script(_asset("view_text.js")),
        "/*KG:APP*/": _inline_script(_asset("view.js")),
        "/*KG:EXPORT*/": _inline_script(_asset("view_export.js")),
        "KG:DATA": view_json(view),
        "KG:UI": _script_json(interface_strings()),
        "KG:TITLE": title,
    }
    found = set(_MARKER.findall(template))
    if found != set(parts) | {"KG:SCRIPTHASHES"}:
        raise RenderError(f"render template markers differ: {sorted(found ^ (set(parts) | {'KG:SCRIPTHASHES'}))}")

    def fill(text: str) -> str:  # one pass: inserted content is never searched for markers
        return _MARKER.sub(lambda m: parts[m.group(0)], text)

    # Each script's text is its template body filled in, exactly as fill(template) will write it.
    scripts = [fill(m.group("body")) for m in _SCRIPT.finditer(template) if not _NOT_JS.search(m.group("attrs"))]
    parts["KG:SCRIPTHASHES"] = " ".join(dict.fromkeys(script_hash(s) for s in scripts)) or "'none'"
    return fill(template)


def write_html(view: View, path: Path) -> None:
    """Write `view` as one self-contained HTML file that works from file:// with no network.

    Args:
        view: what `graph_to_view` returned.
        path: the HTML file to write; its folder is created if missing.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html_document(view), encoding="utf-8")


def load_graph(path: Path) -> rdflib.Graph:
    """Read an RDF file, guessing its format from the suffix (Turtle when unsure); named graphs are merged."""
    path = Path(path)
    if not path.is_file():
        raise GraphError(f"graph file not found: {path}")
    fmt = rdflib.util.guess_format(str(path)) or "turtle"
    dataset = rdflib.Dataset()  # a Graph keeps only the default graph of graph.trig: no relations
    try:
        dataset.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many unrelated types for bad input
        raise GraphError(f"cannot read {path} as {fmt}: {exc}") from exc
    graph = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def render(graph_or_path: rdflib.Graph | Path | str, out_path: Path | str, **opts: Any) -> View:
    """Read a graph (or take one), convert it and write the HTML page.

    Args:
        graph_or_path: an rdflib Graph or the path of an RDF file.
        out_path: where to write the HTML.
        **opts: passed to `graph_to_view` (lang, size_by, max_nodes).

    Returns:
        The View that was written.
    """
    graph = graph_or_path if isinstance(graph_or_path, rdflib.Graph) else load_graph(Path(graph_or_path))
    view = graph_to_view(graph, **opts)
    write_html(view, Path(out_path))
    return view
