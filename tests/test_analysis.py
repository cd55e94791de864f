"""Analysis: RDF -> networkx actor graphs, centralities against networkx, igraph against networkx, the CLI."""

from __future__ import annotations

import csv
import math
import random
from importlib.util import find_spec
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS
from typer.testing import CliRunner

import kg.analysis.centrality as centrality_module
from kg.analysis import (
    INTERACTIONS,
    AnalysisError,
    actor_graph,
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
    relation_counts,
    time_windows,
    top,
    write_centrality_csv,
)
from kg.cli import app
from kg.errors import GraphError, KgError
from kg.languages import CODES
from kg.namespaces import EX, KGO

needs_igraph = pytest.mark.skipif(find_spec("igraph") is None, reason="python-igraph is not installed")

TOL = 1e-4  # PageRank and eigenvector are iterative: the backends stop at different points


def close(a: dict, b: dict, tol: float = TOL) -> bool:
    return a.keys() == b.keys() and all(math.isclose(a[k], b[k], abs_tol=tol) for k in a)


# --- small known graphs ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def karate() -> nx.Graph:
    return nx.karate_club_graph()


@pytest.fixture(scope="module")
def florentine() -> nx.Graph:
    # Padgett's data has 16 families; networkx leaves out the Pucci, who married none of the
    # others: put them back, a disconnected graph exercises closeness' scaling
    G = nx.florentine_families_graph()
    G.add_node("Pucci")
    return G


@pytest.fixture(scope="module")
def directed_karate(karate: nx.Graph) -> nx.DiGraph:
    """The karate club with one direction kept per tie, chosen by a rule (so not strongly connected)."""
    D = nx.DiGraph()
    D.add_nodes_from(karate)
    for u, v, d in karate.edges(data=True):
        D.add_edge(*((u, v) if (u + v) % 3 else (v, u)), weight=d["weight"])
    return D


@pytest.mark.parametrize("name", ["karate", "florentine", "directed_karate"])
def test_measures_equal_networkx(name: str, request: pytest.FixtureRequest) -> None:
    G = request.getfixturevalue(name)
    assert degree(G) == nx.degree_centrality(G)
    assert close(pagerank(G, backend="networkx"), nx.pagerank(G), 1e-12)
    assert close(pagerank(G, weight=None, backend="networkx"), nx.pagerank(G, weight=None), 1e-12)
    assert close(betweenness(G, backend="networkx"), nx.betweenness_centrality(G), 1e-12)
    assert close(closeness(G, backend="networkx"), nx.closeness_centrality(G), 1e-12)
    if not G.is_directed():
        assert close(eigenvector(G, backend="networkx"), nx.eigenvector_centrality(G, max_iter=1000), 1e-9)
    else:
        assert in_degree(G) == nx.in_degree_centrality(G)
        assert out_degree(G) == nx.out_degree_centrality(G)


def test_known_values_on_the_florentine_families(florentine: nx.Graph) -> None:
    # Padgett's Medici broker the marriages: first by betweenness and by degree
    assert top(betweenness(florentine), 1)[0][0] == "Medici"
    assert top(degree(florentine), 1)[0] == ("Medici", pytest.approx(6 / 15))
    assert closeness(florentine)["Pucci"] == 0.0


def test_in_degree_needs_a_directed_graph(karate: nx.Graph) -> None:
    with pytest.raises(nx.NetworkXNotImplemented):
        in_degree(karate)


@needs_igraph
@pytest.mark.parametrize("name", ["karate", "florentine", "directed_karate"])
@pytest.mark.parametrize("weight", [None, "weight"])
def test_igraph_pagerank_matches_networkx(name: str, weight: str | None, request: pytest.FixtureRequest) -> None:
    G = request.getfixturevalue(name)
    assert close(pagerank(G, weight=weight, backend="igraph"), pagerank(G, weight=weight, backend="networkx"))


@needs_igraph
@pytest.mark.parametrize("name", ["karate", "florentine", "directed_karate"])
@pytest.mark.parametrize("normalized", [True, False])
def test_igraph_betweenness_matches_networkx(name: str, normalized: bool, request: pytest.FixtureRequest) -> None:
    G = request.getfixturevalue(name)
    ig = betweenness(G, normalized=normalized, backend="igraph")
    assert close(ig, betweenness(G, normalized=normalized, backend="networkx"), 1e-9)
    assert max(ig.values()) > 0


@needs_igraph
def test_igraph_weighted_betweenness_matches_networkx(karate: nx.Graph) -> None:
    # integer lengths: no rounding ties, so the two backends must agree exactly
    assert close(betweenness(karate, weight="weight", backend="igraph"),
                 betweenness(karate, weight="weight", backend="networkx"), 1e-9)


@needs_igraph
@pytest.mark.parametrize("name", ["karate", "florentine", "directed_karate"])
@pytest.mark.parametrize("wf_improved", [True, False])
def test_igraph_closeness_matches_networkx(name: str, wf_improved: bool, request: pytest.FixtureRequest) -> None:
    G = request.getfixturevalue(name)
    assert close(closeness(G, wf_improved=wf_improved, backend="igraph"),
                 closeness(G, wf_improved=wf_improved, backend="networkx"), 1e-9)
    assert close(closeness(G, distance="weight", backend="igraph"),
                 closeness(G, distance="weight", backend="networkx"), 1e-9)


@needs_igraph
@pytest.mark.parametrize("name", ["karate", "florentine", "directed_karate"])
@pytest.mark.parametrize("weight", [None, "weight"])
def test_igraph_eigenvector_matches_networkx(name: str, weight: str | None, request: pytest.FixtureRequest) -> None:
    G = request.getfixturevalue(name)
    ig = eigenvector(G, weight=weight, backend="igraph")
    assert close(ig, eigenvector(G, weight=weight, backend="networkx"))
    assert math.isclose(sum(x * x for x in ig.values()), 1.0)


@needs_igraph
@pytest.mark.parametrize("seed", [82, 126, 234])
def test_an_arpack_failure_falls_back_to_networkx(seed: int, directed_karate: nx.DiGraph) -> None:
    """ARPACK starts from a random vector (igraph draws it from Python's `random`); from these starts it
    fails on the weighted, not strongly connected graph, and the answer must not depend on the draw."""
    random.seed(seed)
    ig = eigenvector(directed_karate, weight="weight", backend="igraph")
    assert close(ig, eigenvector(directed_karate, weight="weight", backend="networkx"))


@needs_igraph
def test_auto_backend_switches_at_the_threshold(karate: nx.Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not centrality_module._use_igraph(karate, "auto")
    monkeypatch.setattr(centrality_module, "IGRAPH_MIN_NODES", 10)
    assert centrality_module._use_igraph(karate, "auto")
    assert close(pagerank(karate), pagerank(karate, backend="networkx"))
    with pytest.raises(AnalysisError, match="unknown backend"):
        pagerank(karate, backend="rustworkx")  # type: ignore[arg-type]


def test_communities_are_louvain_with_a_fixed_seed(karate: nx.Graph) -> None:
    found = communities(karate)
    assert found == communities(karate)
    assert set(found) == set(karate)
    groups = {frozenset(n for n, c in found.items() if c == i) for i in set(found.values())}
    assert groups == {frozenset(c) for c in nx.community.louvain_communities(karate, weight="weight", seed=0)}
    sizes = [sum(1 for c in found.values() if c == i) for i in range(len(groups))]
    assert len(groups) >= 2 and sizes == sorted(sizes, reverse=True)


def test_table_of_a_networkx_graph(directed_karate: nx.DiGraph) -> None:
    table = centrality_table(directed_karate)
    assert list(table.columns) == ["label", "type", "relation_mentions", "community", "degree", "in_degree",
                                   "out_degree", "pagerank", "betweenness", "eigenvector", "closeness"]
    assert len(table) == 34
    assert list(table["pagerank"]) == sorted(table["pagerank"], reverse=True)
    pr = pagerank(directed_karate)
    assert table.loc["0", "pagerank"] == pytest.approx(pr[0])
    assert centrality_table(directed_karate, ["closeness"]).columns[-1] == "closeness"
    with pytest.raises(AnalysisError, match="unknown measure"):
        centrality_table(directed_karate, ["fame"])
    with pytest.raises(AnalysisError, match="directed"):
        centrality_table(directed_karate.to_undirected(), ["in_degree"])


# --- a hand-made RDF graph (fictional actors) --------------------------------------------------


def _mention(g: Graph, name: str, s: str, rel: str, o: str, article: str) -> None:
    m = EX[f"mention/{name}"]
    g.add((m, RDF.type, KGO.Mention))
    g.add((m, RDF.subject, EX[f"actor/{s}"]))
    g.add((m, RDF.predicate, KGO[rel]))
    g.add((m, RDF.object, EX[f"actor/{o}"]))
    g.add((m, PROV.wasDerivedFrom, EX[f"article/{article}"]))
    g.add((EX[f"actor/{s}"], KGO[rel], EX[f"actor/{o}"]))


@pytest.fixture(scope="module")
def small_rdf() -> Graph:
    """Zarkov (Person) visited Borduria (Country) twice, met Syldavian Union (Organization) once, ..."""
    from rdflib.namespace import XSD  # here: pytest's collection trips on XSD at module level

    g = Graph()
    for key, cls in (("zarkov", KGO.Person), ("borduria", KGO.Country), ("sylunion", KGO.Organization),
                     ("klow", KGO.Place), ("klow", KGO.Region)):
        g.add((EX[f"actor/{key}"], RDF.type, cls))
    g.add((EX["actor/zarkov"], RDFS.label, Literal("Заркоф", lang="kk")))
    g.add((EX["actor/zarkov"], RDFS.label, Literal("Зарков", lang="ru")))
    g.add((EX["actor/zarkov"], RDFS.label, Literal("Zarkov", lang="en")))
    g.add((EX["actor/borduria"], RDFS.label, Literal("Бордурия", lang="ru")))
    for art, day in (("jan", "2025-01-10"), ("feb", "2025-02-01"), ("mar", "2025-03-05")):
        g.add((EX[f"article/{art}"], RDF.type, KGO.Article))
        g.add((EX[f"article/{art}"], DCTERMS.date, Literal(day, datatype=XSD.date)))
    _mention(g, "m1", "zarkov", "visited", "borduria", "jan")
    _mention(g, "m2", "zarkov", "visited", "borduria", "mar")
    _mention(g, "m3", "sylunion", "metWith", "zarkov", "feb")  # symmetric
    _mention(g, "m4", "borduria", "memberOf", "sylunion", "mar")
    g.add((EX["actor/sylunion"], KGO.hosts, EX["actor/zarkov"]))  # asserted, no mention, no date
    return g


def test_edges_are_weighted_by_mentions(small_rdf: Graph) -> None:
    G = actor_graph(small_rdf)
    assert G.is_directed()
    assert sorted(G.edges(data="weight")) == [
        ("borduria", "sylunion", 1), ("sylunion", "zarkov", 2), ("zarkov", "borduria", 2), ("zarkov", "sylunion", 1)]
    assert G.edges["sylunion", "zarkov"]["relations"] == {"metWith": 1, "hosts": 1}
    assert G.edges["zarkov", "sylunion"]["relations"] == {"metWith": 1}  # symmetric: both ways
    assert G.edges["zarkov", "borduria"]["distance"] == 0.5
    assert mentions(G) == {"zarkov": 4, "borduria": 3, "sylunion": 3}
    assert "klow" not in G
    assert "klow" in actor_graph(small_rdf, isolates=True)


def test_undirected_graph_counts_each_mention_once(small_rdf: Graph) -> None:
    U = actor_graph(small_rdf, directed=False)
    assert not U.is_directed()
    assert U.edges["zarkov", "sylunion"]["weight"] == 2  # metWith once + hosts once
    assert U.edges["zarkov", "borduria"]["weight"] == 2
    assert mentions(U) == {"zarkov": 4, "borduria": 3, "sylunion": 3}


def test_relation_filter(small_rdf: Graph) -> None:
    G = actor_graph(small_rdf, relations=["visited"])
    assert list(G.edges(data="relations")) == [("zarkov", "borduria", {"visited": 2})]
    assert set(actor_graph(small_rdf, relations=("kgo:metWith", str(KGO.hosts))).edges()) == {
        ("sylunion", "zarkov"), ("zarkov", "sylunion")}
    with pytest.raises(AnalysisError, match="unknown relation 'befriends'"):
        actor_graph(small_rdf, relations=["befriends"])


def test_date_window(small_rdf: Graph) -> None:
    spring = actor_graph(small_rdf, since="2025-02-15")
    # the asserted-only 'hosts' has no date, so it leaves every window
    assert sorted(spring.edges(data="weight")) == [("borduria", "sylunion", 1), ("zarkov", "borduria", 1)]
    winter = actor_graph(small_rdf, until="2025-02-01")
    assert sorted(winter.edges(data="weight")) == [
        ("sylunion", "zarkov", 1), ("zarkov", "borduria", 1), ("zarkov", "sylunion", 1)]
    assert actor_graph(small_rdf, since="2025-04-01").number_of_nodes() == 0
    assert relation_counts(small_rdf, since="2025-01-10", until="2025-01-10") == {("zarkov", "visited", "borduria"): 1}
    with pytest.raises(AnalysisError, match="YYYY-MM-DD"):
        actor_graph(small_rdf, since="March")


def test_labels_types_and_fallbacks(small_rdf: Graph) -> None:
    kk = actor_graph(small_rdf, lang="kk", isolates=True)
    assert kk.nodes["zarkov"]["label"] == "Заркоф"
    assert kk.nodes["borduria"]["label"] == "Бордурия"  # no kk, no en: any language
    assert kk.nodes["sylunion"]["label"] == "sylunion"  # no label at all: the id
    assert actor_graph(small_rdf, lang="ru").nodes["zarkov"]["label"] == "Зарков"
    assert actor_graph(small_rdf, lang="de").nodes["zarkov"]["label"] == "Zarkov"  # falls back to English
    assert {n: t for n, t in kk.nodes(data="type")} == {
        "zarkov": "Person", "borduria": "Country", "sylunion": "Organization", "klow": "Region"}
    assert kk.nodes["zarkov"]["iri"] == str(EX["actor/zarkov"])


def test_sources_file_graph_and_dataset(small_rdf: Graph, tmp_path: Path) -> None:
    path = tmp_path / "small.ttl"
    small_rdf.serialize(path, format="turtle")
    ds = Dataset()
    for t in small_rdf:
        ds.graph(EX["graph/one"]).add(t)
    edges = sorted(actor_graph(small_rdf).edges(data="weight"))
    assert sorted(actor_graph(path).edges(data="weight")) == edges
    assert sorted(actor_graph(str(path)).edges(data="weight")) == edges
    assert sorted(actor_graph(ds).edges(data="weight")) == edges
    with pytest.raises(GraphError):
        actor_graph(tmp_path / "missing.ttl")
    assert issubclass(AnalysisError, KgError)


# --- time windows from the article dates -------------------------------------------------------


def _dated(*days: str) -> Graph:
    """Articles dated `days` (no actors: windows read the dates only)."""
    from rdflib.namespace import XSD

    g = Graph()
    for i, day in enumerate(days):
        g.add((EX[f"article/a{i}"], RDF.type, KGO.Article))
        g.add((EX[f"article/a{i}"], DCTERMS.date, Literal(day, datatype=XSD.date)))
    return g


def _spans(windows) -> list[tuple[str, str, str, int]]:
    return [(w.name, w.since.isoformat(), w.until.isoformat(), w.articles) for w in windows]


def test_windows_by_year_when_the_articles_span_years() -> None:
    g = _dated("2023-05-01", "2024-02-03", "2024-11-30", "2025-01-01")
    assert _spans(time_windows(g)) == [("2023", "2023-01-01", "2023-12-31", 1), ("2024", "2024-01-01", "2024-12-31", 2),
                                       ("2025", "2025-01-01", "2025-12-31", 1)]


def test_windows_by_quarter_then_month_within_a_year() -> None:
    g = _dated("2025-09-19", "2025-10-29", "2025-11-24", "2025-12-25", "2025-12-25")  # the seeds' dates
    assert _spans(time_windows(g)) == [("2025 Q3", "2025-07-01", "2025-09-30", 1),
                                       ("2025 Q4", "2025-10-01", "2025-12-31", 4)]
    assert _spans(time_windows(_dated("2025-10-02", "2025-11-30", "2025-11-03"))) == [
        ("2025-10", "2025-10-01", "2025-10-31", 1), ("2025-11", "2025-11-01", "2025-11-30", 2)]


def test_windows_are_equal_periods_when_calendar_ones_are_too_many_or_too_few() -> None:
    # four years over six, at most three windows: three periods of equal length, the empty one left out
    years = _dated("2020-01-01", "2020-06-01", "2021-03-01", "2024-05-01", "2025-12-31")
    spans = _spans(time_windows(years, max_windows=3))
    assert [s[1:3] for s in spans] == [("2020-01-01", "2021-12-31"), ("2024-01-01", "2025-12-31")]
    assert [s[3] for s in spans] == [3, 2]
    # one month: its days in equal halves
    month = _spans(time_windows(_dated("2025-03-01", "2025-03-02", "2025-03-10"), max_windows=2))
    assert month == [("2025-03-01 to 2025-03-05", "2025-03-01", "2025-03-05", 2),
                     ("2025-03-06 to 2025-03-10", "2025-03-06", "2025-03-10", 1)]


def test_windows_of_one_day_none_and_bad_arguments(small_rdf: Graph) -> None:
    assert _spans(time_windows(_dated("2025-03-01", "2025-03-01"))) == [
        ("2025-03-01", "2025-03-01", "2025-03-01", 2)]
    assert time_windows(Graph()) == []
    with pytest.raises(AnalysisError, match="max_windows"):
        time_windows(small_rdf, max_windows=0)


def test_windows_cover_every_dated_mention(small_rdf: Graph) -> None:
    windows = time_windows(small_rdf)
    assert [w.name for w in windows] == ["2025-01", "2025-02", "2025-03"]
    dated = sum(relation_counts(small_rdf, since="2000-01-01").values())
    assert sum(sum(relation_counts(small_rdf, since=w.since, until=w.until).values()) for w in windows) == dated


# --- the seeds ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_rdf(seeds_build) -> Graph:
    return Graph().parse(seeds_build.ttl, format="turtle")


@pytest.mark.parametrize("relations", [INTERACTIONS, None])
def test_seeds_top_actor_by_pagerank(seeds_rdf: Graph, relations) -> None:
    G = actor_graph(seeds_rdf, relations=relations)
    assert top(pagerank(G), 1)[0][0] in {"tokayev", "country_kz"}
    assert centrality_table(G).index[0] in {"tokayev", "country_kz"}


def test_seeds_date_windows_split_the_mentions(seeds_rdf: Graph) -> None:
    whole = actor_graph(seeds_rdf)
    autumn = actor_graph(seeds_rdf, since="2025-09-01", until="2025-11-30")
    december = actor_graph(seeds_rdf, since="2025-12-01", until="2025-12-31")
    assert 0 < december.number_of_edges() < whole.number_of_edges()
    assert 0 < autumn.number_of_edges() < whole.number_of_edges()
    weight = lambda G: sum(w for _, _, w in G.edges(data="weight"))  # noqa: E731
    assert weight(autumn) + weight(december) == weight(whole)
    assert actor_graph(seeds_rdf, until="2025-09-18").number_of_edges() == 0


def test_seeds_relation_filter(seeds_rdf: Graph) -> None:
    visits = actor_graph(seeds_rdf, relations=["visited"])
    assert visits.number_of_edges() > 0
    assert all(set(rels) == {"visited"} for _, _, rels in visits.edges(data="relations"))
    assert "tokayev" in visits and visits.out_degree("tokayev") > 0
    assert visits.number_of_edges() < actor_graph(seeds_rdf).number_of_edges()


@pytest.mark.parametrize(("lang", "label"), [("kk", "Қасым-Жомарт Тоқаев"), ("ru", "Касым-Жомарт Токаев"),
                                              ("en", "Kassym-Jomart Tokayev")])
def test_seeds_labels(seeds_rdf: Graph, lang: str, label: str) -> None:
    G = actor_graph(seeds_rdf, lang=lang)
    assert G.nodes["tokayev"]["label"] == label
    assert G.nodes["tokayev"]["type"] == "Person"
    assert G.nodes["country_kz"]["type"] == "Country"


def test_write_centrality_csv(seeds_build, tmp_path: Path) -> None:
    first = write_centrality_csv(seeds_build.ttl, tmp_path / "a.csv", lang="ru")
    second = write_centrality_csv(seeds_build.ttl, tmp_path / "b.csv", lang="ru")
    assert first.read_bytes() == second.read_bytes()
    rows = list(csv.DictReader(first.open(encoding="utf-8")))
    assert list(rows[0]) == ["actor", "label", "type", "relation_mentions", "community", "degree", "in_degree",
                             "out_degree", "pagerank", "betweenness", "eigenvector", "closeness"]
    assert rows[0]["actor"] in {"tokayev", "country_kz"}
    assert len(rows) == actor_graph(seeds_build.ttl).number_of_nodes()
    assert {r["actor"]: r["label"] for r in rows}["country_kz"] == "Казахстан"


# --- the command line --------------------------------------------------------------------------


def invoke(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "300"})


def test_cli_centrality_table_and_csv(seeds_build, tmp_path: Path) -> None:
    out_csv = tmp_path / "c.csv"
    res = invoke("centrality", seeds_build.out_dir, "--top", "3", "-m", "pagerank,betweenness",
                 "--relations", "interactions", "--lang", "kk", "--csv", out_csv)
    assert res.exit_code == 0, res.output
    assert "Қазақстан" in res.output and "pagerank" in res.output and "closeness" not in res.output
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert len(rows) == 3
    assert list(rows[0])[-2:] == ["pagerank", "betweenness"]


def test_cli_centrality_window_and_undirected(seeds_build) -> None:
    res = invoke("centrality", seeds_build.ttl, "--since", "2025-12-01", "--until", "2025-12-31", "--undirected",
                 "--top", "0")
    assert res.exit_code == 0, res.output
    assert "in_degree" not in res.output and "United States" in res.output


@pytest.mark.parametrize(("args", "message"), [
    (["--relations", "befriends"], "unknown relation"),
    (["--since", "yesterday"], "YYYY-MM-DD"),
    (["--lang", "de"], "--lang must be one of " + ", ".join(CODES)),
    (["--measure", "fame"], "unknown measure"),
    (["--measure", "in_degree", "--undirected"], "directed"),
])
def test_cli_centrality_errors(seeds_build, args: list[str], message: str) -> None:
    res = invoke("centrality", seeds_build.ttl, *args)
    assert res.exit_code == 1
    assert message in res.output


def test_cli_centrality_missing_graph(tmp_path: Path) -> None:
    res = invoke("centrality", tmp_path / "nothing.ttl")
    assert res.exit_code == 1 and "no such graph file" in res.output


@pytest.mark.parametrize("directed", [True, False])
def test_actor_graph_from_build_records_is_the_graph_files_actor_graph(seeds_build, directed: bool) -> None:
    from kg.analysis import actor_graph_from_build

    from_file = actor_graph(seeds_build.ttl, directed=directed)
    from_records = actor_graph_from_build(seeds_build.result.triples, seeds_build.result.entities, directed=directed)
    assert list(from_records.nodes(data=True)) == list(from_file.nodes(data=True))
    assert list(from_records.edges(data=True)) == list(from_file.edges(data=True))
    assert from_records.number_of_edges() > 10
