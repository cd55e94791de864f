"""Analysis stage, export: the networkx actor graph -> network files (GraphML, GEXF, edge list) for Gephi and networkx.

rdflib's plugin registry is the model: a format is one entry in `NETWORK_FORMATS`. Every
format gets the same flat graph (`flat_network`), since none of them holds the dicts the
actor graph keeps (`labels`, `relations`): per-language labels become `label_kk`, `label_ru`,
`label_en`, and an edge's relations become a `relations` string plus one count per relation.

Example:
    >>> write_network("out/graph.ttl", "actors.graphml", relations=INTERACTIONS)  # doctest: +SKIP
    >>> G = networkx.read_graphml("actors.graphml")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from kg.analysis.centrality import mentions
from kg.analysis.network import AnalysisError, Source, actor_graph


def flat_network(G: nx.Graph) -> nx.Graph:
    """A copy of an actor graph whose attributes are all strings and numbers, as network files need.

    Args:
        G: a graph from `actor_graph` (directed or not).

    Returns:
        The same nodes and edges. Nodes: `label`, `type`, `iri`, `label_<lang>` for each
        language the actor has a label in, and `mentions` (the sentences behind its relations).
        Edges: `weight` (supporting sentences), `relations` (their names, space-separated,
        sorted) and `<relation>`: the sentences behind each (`visited=2`). The graph: the
        filters it was made with (`relations`, `lang`, `since`, `until`, when set).

    Example:
        >>> G = nx.DiGraph([("a", "b", {"weight": 3, "relations": {"visited": 2, "metWith": 1}})])
        >>> flat_network(G).edges["a", "b"]
        {'weight': 3, 'relations': 'metWith visited', 'metWith': 1, 'visited': 2}
    """
    flat = nx.DiGraph() if G.is_directed() else nx.Graph()
    for key in ("lang", "since", "until"):
        if G.graph.get(key):
            flat.graph[key] = str(G.graph[key])
    if G.graph.get("relations"):
        flat.graph["relations"] = " ".join(G.graph["relations"])
    counts = mentions(G)
    for n, d in G.nodes(data=True):
        attrs: dict[str, Any] = {"label": str(d.get("label", n)), "type": str(d.get("type", "")),
                                 "iri": str(d.get("iri", n))}
        attrs.update({f"label_{lang}": str(label) for lang, label in sorted(d.get("labels", {}).items()) if lang})
        attrs["relation_mentions"] = int(counts.get(n, 0))
        flat.add_node(n, **attrs)
    for u, v, d in G.edges(data=True):
        rels = d.get("relations") or {}
        attrs = {"weight": int(d.get("weight", 1)), "relations": " ".join(sorted(rels))}
        attrs.update({rel: int(rels[rel]) for rel in sorted(rels)})
        flat.add_edge(u, v, **attrs)
    return flat


def _write_graphml(G: nx.Graph, path: Path) -> None:
    nx.write_graphml(G, path, encoding="utf-8", prettyprint=True)


def _write_gexf(G: nx.Graph, path: Path) -> None:
    nx.write_gexf(G, path, encoding="utf-8", prettyprint=True, version="1.2draft")


def _write_edgelist(G: nx.Graph, path: Path) -> None:
    kind = "networkx.DiGraph" if G.is_directed() else "networkx.Graph"
    with path.open("w", encoding="utf-8", newline="\n") as f:
        # read_edgelist skips '#' lines: the header tells a reader how to open the file
        f.write(f"# kg actor network: {G.number_of_nodes()} actors, {G.number_of_edges()} relations; one tie a line, "
                "source target {attributes}\n")
        f.write(f"# read with networkx.read_edgelist(path, create_using={kind}); actors without a tie are not listed\n")
        for line in nx.generate_edgelist(G, data=True):
            f.write(line + "\n")


@dataclass(frozen=True)
class NetworkFormat:
    """A network file format: its name (`-f`), file suffix, what reads it, and its writer."""

    name: str
    suffix: str
    description: str
    write: Callable[[nx.Graph, Path], None]


NETWORK_FORMATS: dict[str, NetworkFormat] = {f.name: f for f in (
    NetworkFormat("graphml", ".graphml", "GraphML: Gephi, Cytoscape, igraph, networkx.read_graphml", _write_graphml),
    NetworkFormat("gexf", ".gexf", "GEXF 1.2: Gephi, networkx.read_gexf", _write_gexf),
    NetworkFormat("edgelist", ".edgelist", "one tie a line with its attributes, no actor attributes: "
                                           "networkx.read_edgelist", _write_edgelist),
)}


def _format_names() -> str:
    names = list(NETWORK_FORMATS)
    return f"{', '.join(names[:-1])} or {names[-1]}"


def write_network(source: Source | nx.Graph, path: str | Path, format: str | None = None,
                  **graph_options: Any) -> Path:
    """Write the actor network to a file Gephi and networkx open: GraphML, GEXF or an edge list.

    Args:
        source: an actor graph from `actor_graph`, written as it is, or a graph file / rdflib
            Graph to make one from.
        path: the file to write (replaced only once completely written).
        format: "graphml", "gexf" or "edgelist"; None takes it from the suffix of `path`.
        **graph_options: passed to `actor_graph` when `source` is not a networkx graph
            (relations, since, until, lang, directed, isolates).

    Returns:
        The path written. The attributes are those of `flat_network`; networkx reads the file
        back with `read_graphml`, `read_gexf` or `read_edgelist(path, create_using=nx.DiGraph)`.

    Raises:
        AnalysisError: an unknown format, or graph options given with a networkx graph.
        GraphError: the graph cannot be read or the file cannot be written.

    Example:
        >>> write_network("out/graph.ttl", "actors.gexf", lang="kk")  # doctest: +SKIP
        PosixPath('actors.gexf')
    """
    from kg.errors import GraphError

    path = Path(path)
    name = format if format is not None else next(
        (f.name for f in NETWORK_FORMATS.values() if f.suffix == path.suffix.lower()), None)
    if name not in NETWORK_FORMATS:
        given = f"format {format!r}" if format is not None else f"{path.name}: the suffix {path.suffix!r}"
        raise AnalysisError(f"{given} is no network format: use {_format_names()} "
                            f"({', '.join(f.suffix for f in NETWORK_FORMATS.values())})")
    if isinstance(source, nx.Graph):
        if graph_options:
            raise AnalysisError(f"graph options ({', '.join(graph_options)}) apply when the source is RDF: "
                                "pass them to actor_graph instead")
        G = source
    else:
        G = actor_graph(source, **graph_options)
    tmp = path.with_name(path.name + ".tmp")
    try:
        NETWORK_FORMATS[name].write(flat_network(G), tmp)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise GraphError(f"{path}: cannot write the network: {exc}") from exc
    return path
