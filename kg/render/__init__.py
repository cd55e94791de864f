"""Render stage: RDF graph -> View (pure data) -> one self-contained, offline HTML page.

`graph_to_view` (kg/render/from_rdf.py) turns the graph into frozen records (kg/render/view.py: nodes,
edges with their supporting sentences, metadata) and is tested without a browser; `write_html`
(kg/render/page.py) puts a View into a single HTML file that inlines vis-network (taken from the
pyvis wheel) and the page's own script and style from `kg/render_assets/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import rdflib

from kg.errors import GraphError
from kg.render.from_rdf import graph_to_view, ontology_labels
from kg.render.page import html_document, interface_strings, script_hash, view_json, write_html
from kg.render.view import (
    CLASSES,
    DEFAULT_SIZE_BY,
    MEASURES,
    RELATIONS,
    SYMMETRIC,
    EdgeView,
    MentionView,
    NodeView,
    View,
    ViewMeta,
    compact_iri,
)

__all__ = [
    "CLASSES",
    "DEFAULT_SIZE_BY",
    "MEASURES",
    "RELATIONS",
    "SYMMETRIC",
    "EdgeView",
    "MentionView",
    "NodeView",
    "View",
    "ViewMeta",
    "compact_iri",
    "graph_to_view",
    "html_document",
    "interface_strings",
    "load_graph",
    "ontology_labels",
    "render",
    "script_hash",
    "view_json",
    "write_html",
]


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
