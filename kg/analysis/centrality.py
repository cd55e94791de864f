"""Analysis stage, centrality: networkx actor graph -> centralities, communities and the table of them.

Every centrality follows networkx: same names, same defaults, same normalisation,
`{actor: value}` out; the heavy ones (PageRank, betweenness, closeness, eigenvector) can run
on igraph for large graphs with the same results.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import rdflib

from kg.analysis.network import AnalysisError, Source, actor_graph
from kg.namespaces import SYMMETRIC

if TYPE_CHECKING:
    import pandas as pd

Backend = Literal["auto", "networkx", "igraph"]

# Above this many nodes backend="auto" hands the heavy measures to igraph (when installed):
# below it networkx is fast enough and needs nothing more.
IGRAPH_MIN_NODES = 2000

# All measures of centrality_table, in column order. in/out degree exist on directed graphs only.
MEASURES: tuple[str, ...] = ("degree", "in_degree", "out_degree", "pagerank", "betweenness", "eigenvector",
                             "closeness")


# ---------------------------------------------------------------------------------------------
# Centralities


def _use_igraph(G: nx.Graph, backend: Backend) -> bool:
    if backend == "networkx":
        return False
    if backend not in ("auto", "igraph"):
        raise AnalysisError(f"unknown backend {backend!r}: use auto, networkx or igraph")
    try:
        import igraph  # noqa: F401
    except ImportError:
        if backend == "igraph":
            raise AnalysisError("backend 'igraph' needs python-igraph: pip install igraph") from None
        return False
    return backend == "igraph" or G.number_of_nodes() > IGRAPH_MIN_NODES


def to_igraph(G: nx.Graph, weight: str | None = None) -> tuple[Any, list]:
    """Convert a networkx graph to igraph, keeping the node order.

    Args:
        G: any networkx Graph or DiGraph.
        weight: edge attribute copied to the igraph edge attribute "weight"
            (missing values count 1); None copies no weights.

    Returns:
        (igraph.Graph, nodes): vertex i of the igraph graph is `nodes[i]`.
    """
    import igraph

    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    ig = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()], directed=G.is_directed())
    if weight is not None:
        ig.es["weight"] = [float(d.get(weight, 1.0)) for _, _, d in G.edges(data=True)]
    return ig, nodes


def degree(G: nx.Graph) -> dict[Any, float]:
    """Degree centrality: the share of the other actors one is related to (`nx.degree_centrality`).

    A state's or leader's reach: with how many of the others it has any recorded tie.
    """
    return nx.degree_centrality(G)


def in_degree(G: nx.DiGraph) -> dict[Any, float]:
    """In-degree centrality (`nx.in_degree_centrality`): how many act on the actor (invite, visit...).

    Raises:
        networkx.NetworkXNotImplemented: G is undirected.
    """
    return nx.in_degree_centrality(G)


def out_degree(G: nx.DiGraph) -> dict[Any, float]:
    """Out-degree centrality (`nx.out_degree_centrality`): how many the actor acts on.

    Raises:
        networkx.NetworkXNotImplemented: G is undirected.
    """
    return nx.out_degree_centrality(G)


def mentions(G: nx.Graph) -> dict[Any, int]:
    """The number of sentences behind an actor's relations, each counted once.

    On a directed actor graph a symmetric relation sits on both edges between two actors;
    it is counted on the outgoing one only, so it is not counted twice. Edges without the
    `relations` attribute (a graph not made by `actor_graph`) count their `weight`, or 1.

    Example:
        >>> mentions(nx.Graph([(1, 2, {"weight": 3}), (2, 3, {"weight": 1})]))
        {1: 3, 2: 4, 3: 1}
    """
    total = dict.fromkeys(G, 0)
    for u, v, d in G.edges(data=True):
        rels = d.get("relations") or {"": d.get("weight", 1)}
        total[u] += sum(rels.values())
        if G.is_directed():
            total[v] += sum(n for rel, n in rels.items() if rel not in SYMMETRIC)
        elif u != v:
            total[v] += sum(rels.values())
    return total


def pagerank(G: nx.Graph, alpha: float = 0.85, weight: str | None = "weight", *,
             backend: Backend = "auto") -> dict[Any, float]:
    """PageRank (`nx.pagerank`): attention received from actors who themselves receive attention.

    Args:
        G: the actor graph; an undirected graph counts each edge both ways.
        alpha: damping factor.
        weight: edge attribute of the weights (mentions), None for unweighted.
        backend: "networkx", "igraph", or "auto" (igraph above IGRAPH_MIN_NODES nodes).

    Returns:
        {actor: value}, summing to 1.

    Example:
        >>> round(pagerank(nx.DiGraph([(1, 2), (3, 2)]))[2], 3)
        0.574
    """
    if G.number_of_nodes() == 0:
        return {}
    if _use_igraph(G, backend):
        ig, nodes = to_igraph(G, weight)
        values = ig.pagerank(directed=G.is_directed(), damping=alpha, weights="weight" if weight else None)
        return dict(zip(nodes, values, strict=True))
    return nx.pagerank(G, alpha=alpha, weight=weight)


def betweenness(G: nx.Graph, normalized: bool = True, weight: str | None = None, *,
                backend: Backend = "auto") -> dict[Any, float]:
    """Betweenness (`nx.betweenness_centrality`): how often an actor lies on the shortest paths between others.

    Args:
        G: the actor graph.
        normalized: divide by the number of pairs of other actors, as networkx does.
        weight: edge attribute read as a length (use "distance", not "weight"); None counts hops.
        backend: "networkx", "igraph", or "auto".

    Returns:
        {actor: value}. With real-valued lengths two paths whose lengths differ only by
        rounding (1/3 + 1/6 against 1/2) are one shortest path for igraph, which compares
        with a tolerance, and may be two different ones for networkx, which compares
        exactly; with hop counts or integer lengths the backends agree exactly.
    """
    if _use_igraph(G, backend):
        n = G.number_of_nodes()
        ig, nodes = to_igraph(G, weight)
        raw = ig.betweenness(directed=G.is_directed(), weights="weight" if weight else None)
        if normalized:
            # networkx: 1/((n-1)(n-2)) directed, 2/((n-1)(n-2)) undirected (igraph counts a pair once)
            scale = (1.0 if G.is_directed() else 2.0) / ((n - 1) * (n - 2)) if n > 2 else 1.0
        else:
            scale = 1.0
        return {v: b * scale for v, b in zip(nodes, raw, strict=True)}
    return nx.betweenness_centrality(G, normalized=normalized, weight=weight)


def closeness(G: nx.Graph, distance: str | None = None, wf_improved: bool = True, *,
              backend: Backend = "auto") -> dict[Any, float]:
    """Closeness (`nx.closeness_centrality`): how few steps the others need to reach the actor.

    As in networkx, on a directed graph the paths lead *to* the actor, and with
    `wf_improved` an actor reached from few others scores low (Wasserman and Faust).

    Args:
        G: the actor graph.
        distance: edge attribute read as a length (use "distance"); None counts hops.
        wf_improved: scale by the share of actors that reach this one.
        backend: "networkx", "igraph", or "auto".

    Returns:
        {actor: value}.
    """
    if _use_igraph(G, backend):
        n = G.number_of_nodes()
        ig, nodes = to_igraph(G, distance)
        dist = ig.distances(weights="weight" if distance else None, mode="in")
        out = {}
        for v, row in zip(nodes, dist, strict=True):
            reach = [d for d in row if not math.isinf(d)]  # includes the actor itself at 0
            total = sum(reach)
            value = (len(reach) - 1) / total if total > 0 and n > 1 else 0.0
            if wf_improved and n > 1:
                value *= (len(reach) - 1) / (n - 1)
            out[v] = value
        return out
    return nx.closeness_centrality(G, distance=distance, wf_improved=wf_improved)


def eigenvector(G: nx.Graph, weight: str | None = None, max_iter: int = 1000, tol: float = 1.0e-06, *,
                backend: Backend = "auto") -> dict[Any, float]:
    """Eigenvector centrality (`nx.eigenvector_centrality`): ties to actors who are themselves central.

    On a directed graph it counts the ties pointing *to* the actor. Values have unit
    Euclidean norm, as in networkx. The two backends agree on connected (strongly
    connected, if directed) graphs; elsewhere the eigenvector is not unique and they may
    pick different ones.

    Args:
        G: the actor graph.
        weight: edge attribute of the weights ("weight" = mentions); None for unweighted.
        max_iter: power iterations allowed (networkx backend).
        tol: convergence tolerance (networkx backend).
        backend: "networkx", "igraph", or "auto".

    Returns:
        {actor: value}.

    Raises:
        networkx.PowerIterationFailedConvergence: networkx did not converge in max_iter.
    """
    if G.number_of_nodes() == 0:
        return {}
    if _use_igraph(G, backend):
        from igraph import InternalError

        ig, nodes = to_igraph(G, weight)
        # igraph 1.0 rejects directed=False on an undirected graph; it is the default there anyway
        mode = {"directed": True} if G.is_directed() else {}
        with warnings.catch_warnings():
            # igraph warns when some values are near zero (a graph not strongly connected);
            # networkx does not, and the values are the same
            warnings.simplefilter("ignore", RuntimeWarning)
            try:
                values = ig.eigenvector_centrality(weights="weight" if weight else None, **mode)
            except InternalError:
                # ARPACK starts from a random vector and, on a weighted graph that is not strongly
                # connected, about one start in a hundred ends in a LAPACK error: networkx then
                return nx.eigenvector_centrality(G, max_iter=max_iter, tol=tol, weight=weight)
        norm = math.sqrt(sum(x * x for x in values)) or 1.0
        return {v: abs(x) / norm for v, x in zip(nodes, values, strict=True)}
    return nx.eigenvector_centrality(G, max_iter=max_iter, tol=tol, weight=weight)


def communities(G: nx.Graph, weight: str | None = "weight", resolution: float = 1.0,
                seed: int = 0) -> dict[Any, int]:
    """Louvain communities (`nx.community.louvain_communities`, fixed seed): blocs of closely tied actors.

    Returns:
        {actor: community number}; community 0 is the largest, ties broken by the
        smallest member, so the same graph always gives the same numbers.
    """
    if G.number_of_nodes() == 0:
        return {}
    found = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=seed)
    ordered = sorted(found, key=lambda c: (-len(c), min(map(str, c))))
    return {n: i for i, members in enumerate(ordered) for n in members}


# How centrality_table computes each measure: mentions weigh the ties where a measure sums
# them (PageRank, eigenvector); the path measures count hops, which stay between 0 and 1 and
# read simply ("two steps away"), where 1 / mentions as a length would not.
MEASURE_FUNCTIONS: dict[str, Callable[..., dict[Any, float]]] = {
    "degree": lambda G, backend: degree(G),
    "in_degree": lambda G, backend: in_degree(G),
    "out_degree": lambda G, backend: out_degree(G),
    "pagerank": lambda G, backend: pagerank(G, weight="weight", backend=backend),
    "betweenness": lambda G, backend: betweenness(G, backend=backend),
    "eigenvector": lambda G, backend: _eigenvector_or_nan(G, backend),
    "closeness": lambda G, backend: closeness(G, backend=backend),
}


def _eigenvector_or_nan(G: nx.Graph, backend: Backend) -> dict[Any, float]:
    try:
        return eigenvector(G, weight="weight", backend=backend)
    except nx.PowerIterationFailedConvergence:
        # a table with one empty column beats no table
        return dict.fromkeys(G, math.nan)


def _clean(value: float) -> float:
    value = float(value)
    return 0.0 if abs(value) < 1e-12 else value


def centrality_table(source: Source | nx.Graph, measures: Iterable[str] | None = None, *,
                     sort_by: str | None = None, backend: Backend = "auto", **graph_options: Any) -> pd.DataFrame:
    """One row per actor with its label, type, mentions, community and every centrality.

    Args:
        source: an actor graph from `actor_graph`, or a graph file / rdflib Graph to make one.
        measures: column names among MEASURES; None gives all (in/out degree only when
            directed). PageRank and eigenvector use mentions as weights; betweenness and
            closeness count hops.
        sort_by: the column to sort by, highest first (ties by id); by default PageRank
            when it is among the measures, else the first measure.
        backend: "networkx", "igraph", or "auto" for the heavy measures.
        **graph_options: passed to `actor_graph` when `source` is not a networkx graph
            (directed, relations, since, until, lang, isolates).

    Returns:
        pandas.DataFrame indexed by actor id, with columns label, type, mentions (the
        sentences behind the actor's relations), community (Louvain), then the measures.

    Raises:
        AnalysisError: an unknown measure or sort column, or in/out degree asked of an
            undirected graph.

    Example:
        >>> centrality_table("out/graph.ttl", ["pagerank", "degree"], lang="kk").head(3)  # doctest: +SKIP
    """
    import pandas as pd

    G = source if isinstance(source, nx.Graph) else actor_graph(source, **graph_options)
    if measures is None:
        wanted = [m for m in MEASURES if G.is_directed() or m not in ("in_degree", "out_degree")]
    else:
        wanted = [measures] if isinstance(measures, str) else list(dict.fromkeys(measures))
        for m in wanted:
            if m not in MEASURES:
                raise AnalysisError(f"unknown measure {m!r}: use some of {', '.join(MEASURES)}")
            if m in ("in_degree", "out_degree") and not G.is_directed():
                raise AnalysisError(f"{m} needs a directed graph")
    nodes = sorted(G, key=str)
    columns: dict[str, list] = {
        "label": [G.nodes[n].get("label", str(n)) for n in nodes],
        "type": [G.nodes[n].get("type", "") for n in nodes],
    }
    counts = mentions(G)
    columns["relation_mentions"] = [int(counts.get(n, 0)) for n in nodes]
    member = communities(G)
    columns["community"] = [member.get(n, -1) for n in nodes]
    for m in wanted:
        values = MEASURE_FUNCTIONS[m](G, backend)
        # power iteration leaves 1e-24-sized dust where the value is zero (actors no one points to)
        columns[m] = [_clean(values.get(n, 0.0)) for n in nodes]
    table = pd.DataFrame(columns, index=pd.Index([str(n) for n in nodes], name="actor"))
    if sort_by is None:
        sort_by = "pagerank" if "pagerank" in wanted else (wanted[0] if wanted else "relation_mentions")
    if sort_by not in table.columns:
        raise AnalysisError(f"cannot sort by {sort_by!r}: use one of {', '.join(table.columns)}")
    # stable on rows already in id order, so ties stay in id order
    return table.sort_values(sort_by, ascending=False, kind="stable")


def top(values: Mapping[Any, float], n: int = 10) -> list[tuple[Any, float]]:
    """The n highest of a `{actor: value}` result, ties by actor id.

    Example:
        >>> top({"a": 0.2, "b": 0.5, "c": 0.2}, 2)
        [('b', 0.5), ('a', 0.2)]
    """
    return sorted(values.items(), key=lambda kv: (-kv[1], str(kv[0])))[:n]


def write_centrality_csv(graph_path: str | Path | rdflib.Graph, out_csv: str | Path, *, lang: str = "en",
                         directed: bool = True, relations: Iterable[str] | None = None,
                         backend: Backend = "auto") -> Path:
    """Write every actor's centralities (the full `centrality_table`) to a CSV file.

    `kg build` calls this to write OUT/centrality.csv. The same graph always gives the
    same bytes: rows by PageRank then id, values with six decimals.

    Args:
        graph_path: the graph file (OUT/graph.ttl) or an rdflib Graph.
        out_csv: the CSV file to write (replaced only once completely written).
        lang: language of the labels.
        directed: directed graph (in/out degree columns) or undirected.
        relations: relation names to keep; None keeps all.
        backend: "networkx", "igraph", or "auto" for the heavy measures.

    Returns:
        The path written.

    Raises:
        GraphError: the graph cannot be read or the CSV cannot be written.
    """
    from kg.errors import GraphError

    table = centrality_table(graph_path, lang=lang, directed=directed, relations=relations, backend=backend)
    out_csv = Path(out_csv)
    tmp = out_csv.with_name(out_csv.name + ".tmp")
    try:
        table.to_csv(tmp, float_format="%.6f", encoding="utf-8", lineterminator="\n")
        tmp.replace(out_csv)
    except OSError as exc:
        raise GraphError(f"{out_csv}: cannot write the centrality table: {exc}") from exc
    return out_csv
