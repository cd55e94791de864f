"""Analysis, export: the actor network as GraphML, GEXF and an edge list, read back by networkx's own readers."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS
from typer.testing import CliRunner

from kg.analysis import INTERACTIONS, NETWORK_FORMATS, AnalysisError, actor_graph, write_network
from kg.cli import app
from kg.errors import GraphError
from kg.namespaces import EX, KGO

# how networkx reads each format back: the readers Gephi users' scripts would call
READERS = {
    "graphml": nx.read_graphml,
    "gexf": nx.read_gexf,
    "edgelist": lambda path: nx.read_edgelist(path, create_using=nx.DiGraph),
}


def _mention(g: Graph, name: str, s: str, rel: str, o: str, article: str) -> None:
    m = EX[f"mention/{name}"]
    for p, v in ((RDF.type, KGO.Mention), (RDF.subject, EX[f"actor/{s}"]), (RDF.predicate, KGO[rel]),
                 (RDF.object, EX[f"actor/{o}"]), (PROV.wasDerivedFrom, EX[f"article/{article}"])):
        g.add((m, p, v))
    g.add((EX[f"actor/{s}"], KGO[rel], EX[f"actor/{o}"]))


@pytest.fixture(scope="module")
def fictional() -> Graph:
    """Zarkov visited Borduria twice and met the Syldavian Union, which Borduria joined; labels in three languages."""
    from rdflib.namespace import XSD  # here: pytest's collection trips on XSD at module level

    g = Graph()
    for key, cls in (("zarkov", KGO.Person), ("borduria", KGO.Country), ("sylunion", KGO.Organization)):
        g.add((EX[f"actor/{key}"], RDF.type, cls))
    for lang, label in (("kk", "Заркоф"), ("ru", "Зарков"), ("en", "Zarkov")):
        g.add((EX["actor/zarkov"], RDFS.label, Literal(label, lang=lang)))
    g.add((EX["actor/borduria"], RDFS.label, Literal("Бордурия", lang="ru")))
    for art, day in (("a1", "2025-01-10"), ("a2", "2025-03-05")):
        g.add((EX[f"article/{art}"], DCTERMS.date, Literal(day, datatype=XSD.date)))
    _mention(g, "m1", "zarkov", "visited", "borduria", "a1")
    _mention(g, "m2", "zarkov", "visited", "borduria", "a2")
    _mention(g, "m3", "zarkov", "metWith", "sylunion", "a1")
    _mention(g, "m4", "borduria", "memberOf", "sylunion", "a2")
    _mention(g, "m5", "sylunion", "metWith", "zarkov", "a2")
    return g


def assert_same_network(read: nx.Graph, G: nx.Graph, fmt: str) -> None:
    """`read` (a file read back by networkx) holds G's actors, ties and their attributes."""
    assert read.is_directed() == G.is_directed()
    assert {str(n) for n in read} == set(G)
    assert {(str(u), str(v)) for u, v in read.edges()} == set(G.edges())
    for u, v, d in G.edges(data=True):
        got = read.edges[u, v]
        assert got["weight"] == d["weight"]  # GEXF reads weights back as floats: 2.0 == 2
        assert got["relations"].split() == sorted(d["relations"])
        for rel, n in d["relations"].items():
            assert got[rel] == n  # supporting sentences per relation
    if fmt == "edgelist":
        return  # an edge list has no place for node attributes
    for n, d in G.nodes(data=True):
        got = read.nodes[n]
        assert (got["label"], got["type"], got["iri"]) == (d["label"], d["type"], d["iri"])
        assert {k.removeprefix("label_"): v for k, v in got.items() if k.startswith("label_")} == d["labels"]


@pytest.mark.parametrize("fmt", list(READERS))
def test_networkx_reads_back_the_actor_graph(fictional: Graph, tmp_path: Path, fmt: str) -> None:
    path = write_network(fictional, tmp_path / f"net.{fmt}", fmt, lang="kk")
    G = actor_graph(fictional, lang="kk")
    assert_same_network(READERS[fmt](path), G, fmt)
    if fmt != "edgelist":
        read = READERS[fmt](path)
        assert read.nodes["zarkov"]["label"] == "Заркоф"
        assert read.nodes["zarkov"]["relation_mentions"] == 4
        assert read.edges["zarkov", "sylunion"]["relations"] == "metWith"
        assert read.edges["zarkov", "borduria"]["visited"] == 2


@pytest.mark.parametrize("fmt", list(READERS))
def test_the_seeds_network_in_every_format(seeds_build, tmp_path: Path, fmt: str) -> None:
    G = actor_graph(seeds_build.ttl, relations=INTERACTIONS, lang="ru")
    path = write_network(G, tmp_path / "seeds.out", fmt)  # a networkx graph is written as it is
    assert_same_network(READERS[fmt](path), G, fmt)
    assert G.number_of_edges() > 10


def test_the_format_comes_from_the_suffix_and_the_options_reach_actor_graph(fictional: Graph,
                                                                            tmp_path: Path) -> None:
    path = write_network(fictional, tmp_path / "visits.GraphML", relations=["visited"])
    read = nx.read_graphml(path)
    assert list(read.edges(data="relations")) == [("zarkov", "borduria", "visited")]
    windowed = nx.read_gexf(write_network(fictional, tmp_path / "march.gexf", since="2025-03-01"))
    assert windowed.edges["zarkov", "borduria"]["weight"] == 1
    assert set(NETWORK_FORMATS) == {"graphml", "gexf", "edgelist"}


def test_files_are_what_gephi_opens(fictional: Graph, tmp_path: Path) -> None:
    gexf = ElementTree.parse(write_network(fictional, tmp_path / "n.gexf")).getroot()
    assert gexf.tag == "{http://www.gexf.net/1.2draft}gexf"
    graph = gexf.find("{http://www.gexf.net/1.2draft}graph")
    assert graph is not None and graph.get("defaultedgetype") == "directed"
    graphml = ElementTree.parse(write_network(fictional, tmp_path / "n.graphml")).getroot()
    assert graphml.tag == "{http://graphml.graphdrawing.org/xmlns}graphml"
    keys = {(k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in graphml}
    # networkx declares Python ints as GraphML's long, which Gephi reads as integers
    assert {("node", "label", "string"), ("edge", "weight", "long"), ("edge", "relations", "string")} <= keys


def test_the_same_graph_gives_the_same_bytes(fictional: Graph, tmp_path: Path) -> None:
    for fmt in ("graphml", "edgelist"):
        first = write_network(fictional, tmp_path / f"a.{fmt}").read_bytes()
        assert write_network(fictional, tmp_path / f"b.{fmt}").read_bytes() == first


def test_errors(fictional: Graph, tmp_path: Path) -> None:
    with pytest.raises(AnalysisError, match="graphml, gexf or edgelist"):
        write_network(fictional, tmp_path / "net.dot")
    with pytest.raises(AnalysisError, match="graphml, gexf or edgelist"):
        write_network(fictional, tmp_path / "net.graphml", "pajek")
    with pytest.raises(AnalysisError, match="options"):
        write_network(actor_graph(fictional), tmp_path / "net.graphml", lang="ru")
    with pytest.raises(GraphError, match="cannot write"):
        write_network(fictional, tmp_path / "missing" / "deeper" / "net.graphml")
    assert not list(tmp_path.glob("*"))  # nothing left half-written


# --- kg export -f graphml|gexf|edgelist --------------------------------------------------------


def invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "300"})


@pytest.mark.parametrize("fmt", list(READERS))
def test_cli_export_network_from_a_build_folder_store_and_graph_file(seeds_build, tmp_path: Path, fmt: str) -> None:
    expected = actor_graph(seeds_build.ttl)
    for source in (seeds_build.out_dir, seeds_build.out_dir / "store", seeds_build.ttl, seeds_build.trig):
        target = tmp_path / f"{source.name}.{fmt}"
        res = invoke("export", source, "-f", fmt, "-o", target)
        assert res.exit_code == 0, res.output
        # the network's ties, not called relations: the build and the page count relations, a tie may hold several
        assert f"{expected.number_of_nodes()} actors, {expected.number_of_edges()} ties between them" in res.output
        assert "relations" not in res.output
        assert_same_network(READERS[fmt](target), expected, fmt)


def test_cli_export_network_options(seeds_build, tmp_path: Path) -> None:
    target = tmp_path / "kk.graphml"
    res = invoke("export", seeds_build.ttl, "-f", "graphml", "-o", target, "--lang", "kk", "-r", "interactions")
    assert res.exit_code == 0, res.output
    assert_same_network(nx.read_graphml(target), actor_graph(seeds_build.ttl, lang="kk", relations=INTERACTIONS),
                        "graphml")
    assert nx.read_graphml(target).nodes["tokayev"]["label"] == "Қасым-Жомарт Тоқаев"


@pytest.mark.parametrize(("args", "message"), [
    (["-f", "dot"], "graphml, gexf or edgelist"),
    (["-f", "graphml", "--lang", "de"], "--lang"),
    (["-f", "graphml", "-r", "befriends"], "unknown relation"),
    (["-f", "turtle", "--lang", "kk"], "network formats"),
])
def test_cli_export_errors(seeds_build, tmp_path: Path, args: list[str], message: str) -> None:
    res = invoke("export", seeds_build.out_dir, "-o", tmp_path / "x", *args)
    assert res.exit_code == 1
    assert message in res.output


def test_cli_export_network_of_a_folder_without_graph(tmp_path: Path) -> None:
    res = invoke("export", tmp_path, "-f", "gexf", "-o", tmp_path / "x.gexf")
    assert res.exit_code == 1 and "kg build" in res.output
