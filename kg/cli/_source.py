"""Command line, sources: what a GRAPH argument names (a store, a build folder or a graph file) -> one graph.

Every command that reads a graph takes the same three things: a store (`OUT/store`), a
build folder (`OUT`: its store when it has one, which `kg remove` keeps current, else its
`graph.ttl`) or a graph file in any RDF format kg reads (`.ttl`, `.trig`, `.nt`, `.nq`,
`.jsonld`, `.rdf`), whose named graphs are merged.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.cli._app import fail
from kg.errors import KgError
from kg.store.core import KgStore, is_store

SOURCE_HELP = ("A store (OUT/store), a build folder (OUT: its store, else its graph.ttl) "
               "or a graph file (.ttl, .trig, .nt, .nq, .jsonld, .rdf).")


def store_of(source: Path) -> Path | None:
    """The store `source` names: itself, or the store of a build folder; None for a graph file."""
    for candidate in (source, source / "store"):
        if is_store(candidate):
            return candidate
    return None


def graph_file_of(source: Path) -> Path:
    """The graph file `source` names when it names no store: itself, or a build folder's graph.ttl."""
    if source.is_dir():
        if not (source / "graph.ttl").is_file():
            fail(f"{source}: neither a store nor a build folder with store/ or graph.ttl; "
                 "build one with 'kg build INPUT -o OUT'")
        return source / "graph.ttl"
    return source


def load_source(source: Path) -> Graph:
    """The merged graph of a store, a build folder or a graph file (fails with a one-line error)."""
    try:
        store = store_of(source)
        # a graph file is read as the store reads it: one parser for every format, named graphs merged
        with (KgStore(store, read_only=True) if store is not None
              else KgStore.from_graph_file(graph_file_of(source))) as st:
            return st.merged_graph()
    except KgError as exc:
        fail(str(exc))
        raise  # fail() never returns
