"""Analysis stage: RDF graph (file or rdflib Graph) -> networkx actor graphs, centralities, communities.

    network.py     RDF -> the networkx actor graph       actor_graph, relation_counts
    centrality.py  actor graph -> measures and the table   pagerank, centrality_table
    windows.py     article dates -> time windows            time_windows
    export.py      actor graph -> GraphML, GEXF, edge list  write_network

The actor graph has one node per actor (`ex:actor/<id>`, keyed by `<id>`) and one edge per
pair of actors related in the RDF graph. An edge's `weight` is the number of sentences
(`kgo:Mention`) that support it, so a relation read in five articles weighs five times one
read once; `distance` is `1 / weight`, for who wants the path measures to treat a tie many
sentences attest as a short hop (the table counts plain hops). Every centrality follows networkx: same names,
same defaults, same normalisation, `{actor: value}` out; the heavy ones (PageRank,
betweenness, closeness, eigenvector) can run on igraph for large graphs with the same
results. Everything public is importable from `kg.analysis` itself.

Example:
    >>> G = actor_graph("out/graph.ttl", lang="ru", since="2025-10-01")  # doctest: +SKIP
    >>> top = centrality_table(G).head(5)  # doctest: +SKIP
"""

from __future__ import annotations

from kg.analysis.centrality import (
    IGRAPH_MIN_NODES,
    MEASURE_FUNCTIONS,
    MEASURES,
    Backend,
    betweenness,
    centrality_table,
    closeness,
    communities,
    degree,
    eigenvector,
    in_degree,
    mentions,
    out_degree,
    pagerank,
    to_igraph,
    top,
    write_centrality_csv,
)
from kg.analysis.export import NETWORK_FORMATS, NetworkFormat, flat_network, write_network
from kg.analysis.network import (
    INTERACTIONS,
    AnalysisError,
    Source,
    actor_attributes,
    actor_graph,
    actor_graph_from_build,
    actor_id,
    as_rdf,
    relation_counts,
)
from kg.analysis.windows import Window, time_windows

__all__ = [
    "IGRAPH_MIN_NODES",
    "INTERACTIONS",
    "MEASURES",
    "MEASURE_FUNCTIONS",
    "NETWORK_FORMATS",
    "AnalysisError",
    "Backend",
    "NetworkFormat",
    "Source",
    "Window",
    "actor_attributes",
    "actor_graph",
    "actor_graph_from_build",
    "actor_id",
    "as_rdf",
    "betweenness",
    "centrality_table",
    "closeness",
    "communities",
    "degree",
    "eigenvector",
    "flat_network",
    "in_degree",
    "mentions",
    "out_degree",
    "pagerank",
    "relation_counts",
    "time_windows",
    "to_igraph",
    "top",
    "write_centrality_csv",
    "write_network",
]
