"""Evaluation: `kg eval` and kg.eval read the gold format of docs/eval.md and score as the shared scorer does."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import GraphError
from kg.eval import (
    Counts,
    Entities,
    GoldError,
    default_entities_path,
    evaluate,
    graph_triples,
    load_entities,
    load_gold,
    normalise_name,
    read_graph,
    score,
)
from kg.namespaces import RELATIONS, SYMMETRIC

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "eval"
GOLD = FIXTURE / "gold.json"
ENTITIES = FIXTURE / "entities.json"
SHARED = ROOT.parent / "shared" / "eval"
WIDE = {"COLUMNS": "200"}


def invoke(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args], env=WIDE)


def shared_scorer():
    """../shared/eval/score.py as a module, or a skip when the clone stands alone."""
    path = SHARED / "score.py"
    if not path.is_file():
        pytest.skip(f"the shared scorer is not at {path}")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the example of docs/eval.md: three small articles of our own ---------------------------------


def test_the_example_gold_scores_the_frozen_graph() -> None:
    # graph.ttl is what `kg build tests/fixtures/eval/articles` made when the example was written;
    # scoring it keeps these numbers whatever the extractors do later
    report = evaluate(FIXTURE / "graph.ttl", GOLD)
    by_id = {a.id: a for a in report.articles}
    assert [a.id for a in report.articles] == ["en_astana", "kk_tashkent", "ru_tashkent"]
    assert by_id["en_astana"].counts == Counts(tp=5, fp=1, fn=2)
    assert by_id["en_astana"].missed == (("xi_jinping", "invitedTo", "astana_forum"),
                                         ("xi_jinping", "visited", "kazakhstan"))
    # "A meeting with Vladimir Putin is not planned": Putin is no gold entity, shown by his first name
    assert by_id["en_astana"].spurious == (("kazakhstan", "metWith", "?Putin"),)
    assert by_id["kk_tashkent"].counts == Counts(tp=4)
    # the visit to Tashkent was found both as the city's and as the state's: one item met, nothing spurious
    assert by_id["ru_tashkent"].counts == Counts(tp=5)
    assert report.total == Counts(tp=14, fp=1, fn=2)
    assert report.languages["en"] == Counts(5, 1, 2)
    assert report.relations["visited"] == Counts(tp=2, fn=1)
    assert report.relations["metWith"] == Counts(tp=3, fp=1)
    assert round(report.total.f1, 3) == 0.903
    assert report.absent == () and report.ignored == 0


def test_kg_eval_prints_the_tables_and_the_errors() -> None:
    res = invoke("eval", FIXTURE / "graph.ttl", "--gold", GOLD, "--errors")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert "missed   en_astana  xi_jinping invitedTo astana_forum" in lines
    assert "spurious en_astana  kazakhstan metWith ?Putin" in lines
    assert lines[-1] == "TOTAL P=0.933 R=0.875 F1=0.903 (tp=14 fp=1 fn=2)"
    for heading in ("Per article (3)", "Per relation", "Per language"):
        assert heading in res.stdout
    assert not invoke("eval", FIXTURE / "graph.ttl", "--gold", GOLD).stdout.count("missed ")


@pytest.mark.parametrize("page", ["README.md", "docs/eval.md"])
def test_the_documented_output_is_what_kg_eval_prints(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    shown = [line for line in text.splitlines() if line.startswith(("missed   ", "spurious ", "TOTAL P="))]
    assert len(shown) == 4, page
    printed = invoke("eval", FIXTURE / "graph.ttl", "--gold", GOLD, "--errors").stdout.splitlines()
    assert all(line in printed for line in shown), page


def test_kg_eval_json() -> None:
    res = invoke("eval", FIXTURE / "graph.ttl", "--gold", GOLD, "-f", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"articles", "relations", "languages", "total", "mentions_read", "absent"}
    assert data["total"]["tp"] == 14 and data["articles"][0]["article"] == "en_astana"
    with_errors = json.loads(invoke("eval", FIXTURE / "graph.ttl", "-g", GOLD, "-f", "json", "--errors").stdout)
    assert with_errors["errors"]["en_astana"]["spurious"] == [["kazakhstan", "metWith", "?Putin"]]


def test_a_build_folder_is_a_graph(tmp_path: Path) -> None:
    shutil.copy(FIXTURE / "graph.ttl", tmp_path / "graph.ttl")
    res = invoke("eval", tmp_path, "--gold", GOLD, "--entities", ENTITIES)
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[-1].startswith("TOTAL P=0.933")


def test_the_example_articles_build_and_are_all_scored(tmp_path: Path) -> None:
    # the README's walk-through: build the example articles, then score them (the numbers follow the extractors)
    assert invoke("build", FIXTURE / "articles", "-o", tmp_path, "--no-html", "--no-store", "-q").exit_code == 0
    report = evaluate(tmp_path, GOLD)
    gold = load_gold(GOLD)
    assert report.absent == ()
    for a in report.articles:
        assert a.counts.tp + a.counts.fn == len(gold.articles[a.id].required)
    assert report.total.tp > 0


# --- the rules of the format, on graphs written for the tests -------------------------------------

PREFIXES = """
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix o: <http://example.org/other-ontology/> .
@prefix x: <http://example.org/data/> .
"""

# Fictional actors: Syldavia, Borduria, King Ottokar, the Klow forum.
NAMES = {
    "relations": {r: r in SYMMETRIC for r in RELATIONS},
    "entities": {
        "syldavia": {"type": "Country", "labels": {"en": ["Syldavia"], "ru": ["Сильдавия"]}, "aliases": []},
        "borduria": {"type": "Country", "labels": {"en": ["Borduria"], "kk": ["Бордурия"]}, "aliases": ["БР"]},
        "ottokar": {"type": "Person", "labels": {"en": ["King Ottokar", "Ottokar"]}, "aliases": ["Оттокар Ёж"]},
        "klow_forum": {"type": "Event", "labels": {"en": ["Klow Forum"]}, "aliases": []},
        "klow": {"type": "Place", "labels": {"en": ["Klow"]}, "aliases": ["Ottokar"]},
    },
}

GRAPH = PREFIXES + """
x:a1 dcterms:identifier "a1" .
x:syl rdfs:label "Syldavia"@en ; skos:altLabel "Сильдавия"@ru .
x:bor skos:prefLabel "«БОРДУРИЯ»"@kk .
x:ott rdfs:label "King Ottokar"@en ; skos:altLabel "Оттокар Еж" .
x:klow rdfs:label "Klow"@en ; skos:altLabel "Ottokar"@en .
x:forum rdfs:label "Klow  Forum"@en .
x:zz rdfs:label "Zorrino"@en , "Alcazar"@es .
x:m1 rdf:subject x:bor ; rdf:predicate o:metWith ; rdf:object x:syl ; prov:wasDerivedFrom x:a1 .
x:m2 rdf:subject x:ott ; rdf:predicate o:leaderOf ; rdf:object x:syl ; prov:wasDerivedFrom x:a1 .
x:m3 rdf:subject x:ott ; rdf:predicate o:visited ; rdf:object x:klow ; prov:wasDerivedFrom x:a1 .
x:m4 rdf:subject x:syl ; rdf:predicate o:hosts ; rdf:object x:forum ; prov:wasDerivedFrom x:a1 .
x:m5 rdf:subject x:zz ; rdf:predicate o:metWith ; rdf:object x:ott ; prov:wasDerivedFrom x:a1 .
x:m6 rdf:subject x:bor ; rdf:predicate o:pressures ; rdf:object x:syl ; prov:wasDerivedFrom x:a1 ;
     o:modality o:Hypothetical .
x:m7 rdf:subject x:syl ; rdf:predicate o:invited ; rdf:object x:ott ; prov:wasDerivedFrom x:a1 ;
     o:modality o:Denied .
x:m8 rdf:subject x:ott ; rdf:predicate o:participatesIn ; rdf:object x:forum ; prov:wasDerivedFrom x:a1 ;
     o:modality o:Planned .
x:m9 rdf:subject x:ott ; rdf:predicate o:supports ; rdf:object x:bor ; prov:wasDerivedFrom x:a2 .
x:m10 rdf:subject x:ott ; rdf:predicate o:notARelation ; rdf:object x:bor ; prov:wasDerivedFrom x:a1 .
x:h1 a o:Happening ; rdf:subject x:ott ; rdf:predicate o:visited ; rdf:object x:bor .
"""

GOLD_DATA = {
    "a1": {"lang": "en", "date": "2025-01-01", "required": [
        ["syldavia", "metWith", "borduria"],  # the graph has it the other way round: symmetric
        ["ottokar", "leaderOf", "syldavia"],
        {"any": [["ottokar", "visited", "klow"], ["ottokar", "visited", "syldavia"]]},
        ["ottokar", "participatesIn", "klow_forum"],  # Planned counts
        ["borduria", "pressures", "syldavia"],  # only Hypothetical in the graph: missed
    ], "optional": [["klow", "hosts", "klow_forum"]]},  # the graph says Syldavia hosts it: spurious
    "a2": {"lang": "kk", "required": [["ottokar", "supports", "borduria"]], "optional": []},
    "a3": {"lang": "ru", "required": [["ottokar", "visited", "borduria"]]},  # no such article in the graph
}


@pytest.fixture()
def case(tmp_path: Path) -> tuple[Path, Path, Path]:
    graph = tmp_path / "graph.ttl"
    graph.write_text(GRAPH, encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD_DATA, ensure_ascii=False), encoding="utf-8")
    entities = tmp_path / "entities.json"
    entities.write_text(json.dumps(NAMES, ensure_ascii=False), encoding="utf-8")
    return graph, gold, entities


def test_the_rules(case: tuple[Path, Path, Path]) -> None:
    graph, gold, _ = case
    report = evaluate(graph, gold)
    a1, a2, a3 = report.articles
    assert a1.hits == (("borduria", "metWith", "syldavia"), ("ottokar", "leaderOf", "syldavia"),
                       ("ottokar", "participatesIn", "klow_forum"), ("ottokar", "visited", "klow"))
    assert a1.missed == (("borduria", "pressures", "syldavia"),)
    # mapped triples first, then those with an end that is no gold entity
    assert a1.spurious == (("syldavia", "hosts", "klow_forum"), ("?Alcazar", "metWith", "ottokar"))
    assert a2.counts == Counts(tp=1) and a3.counts == Counts(fn=1)
    assert report.absent == ("a3",)
    assert report.mentions == 9  # every mention of a scored relation, asserting or not; no happening
    assert report.languages == {"en": Counts(4, 2, 1), "kk": Counts(1, 0, 0), "ru": Counts(0, 0, 1)}


def test_names_outvote_and_tie(tmp_path: Path) -> None:
    g = Graph().parse(format="turtle", data=PREFIXES + """
        x:a rdfs:label "Klow"@en ; skos:altLabel "Ottokar"@en .   # label 2 for klow, alt 1 for each: klow
        x:b skos:altLabel "Ottokar"@en .                           # 1 and 1: the first id, klow
        x:c skos:altLabel "Nobody"@en .
        x:m1 rdf:subject x:a ; rdf:predicate o:visited ; rdf:object x:b ; prov:wasDerivedFrom x:d1 .
        x:m2 rdf:subject x:c ; rdf:predicate o:visited ; rdf:object x:b ; prov:wasDerivedFrom x:d1 .""")
    found = graph_triples(g, load_entities_from(tmp_path, NAMES))
    assert found.triples["d1"] == {("klow", "visited", "klow")}  # the article is the IRI's local name
    assert found.unmapped["d1"] == {("?Nobody", "visited", "klow")}


def load_entities_from(folder: Path, data: dict) -> Entities:
    path = folder / "names.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return load_entities(path)


@pytest.mark.parametrize(("a", "b"), [
    ("Қасым-Жомарт Тоқаев", "ҚАСЫМ – ЖОМАРТ  ТОҚАЕВ"),
    ("Мирзиёев", "МИРЗИЕЕВ"),
    ("«Ак Жол»", "Ак Жол"),
    ("U.S.", "U S"),
    ("C5+1", "c5+1"),
])
def test_names_are_compared_without_case_quotes_and_dashes(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_an_inflected_form_is_not_a_name() -> None:
    assert normalise_name("Тоқаевты") != normalise_name("Тоқаев")


def test_a_trig_graph_reads_as_its_union(tmp_path: Path, case: tuple[Path, Path, Path]) -> None:
    graph, gold, _ = case
    ds = Dataset()
    ds.parse(data=GRAPH, format="turtle", publicID="http://example.org/graph/one")
    trig = tmp_path / "graph.trig"
    ds.serialize(trig, format="trig")
    assert evaluate(trig, gold).total == evaluate(graph, gold).total


def test_relations_default_to_kg_s(tmp_path: Path) -> None:
    entities = load_entities_from(tmp_path, {"entities": NAMES["entities"]})
    assert list(entities.relations) == list(RELATIONS)
    assert entities.canonical(("syldavia", "tradesWith", "borduria")) == ("borduria", "tradesWith", "syldavia")
    assert entities.canonical(("syldavia", "supports", "borduria")) == ("syldavia", "supports", "borduria")


def test_the_entities_beside_the_gold(tmp_path: Path) -> None:
    gold = tmp_path / "dev.json"
    assert default_entities_path(gold) == tmp_path / "entities.json"
    (tmp_path / "dev-entities.json").write_text("{}", encoding="utf-8")
    assert default_entities_path(gold) == tmp_path / "dev-entities.json"


# --- errors: one line naming the file and the problem ---------------------------------------------

BAD_GOLD = [
    ("", "not JSON"),
    ("[1, 2]", "not a gold file"),
    ('{"relations": {}, "entities": {}}', "this is an entities file"),
    ('{"a1": [1]}', "article 'a1': expected an object"),
    ('{"a1": {"required": []}}', "article 'a1': \"lang\""),
    ('{"a1": {"lang": "en"}}', "article 'a1': no \"required\" list"),
    ('{"a1": {"lang": "en", "required": {}}}', "\"required\" must be a list"),
    ('{"a1": {"lang": "en", "required": [["ottokar", "visited"]]}}', "required item 1: expected [subject"),
    ('{"a1": {"lang": "en", "required": [["ottokar", "visitd", "klow"]]}}', "unknown relation 'visitd'"),
    ('{"a1": {"lang": "en", "required": [["ottokar", "visited", "kloww"]]}}', "'kloww' is not an entity"),
    ('{"a1": {"lang": "en", "required": [{"any": []}]}}', 'required item 1: an item with alternatives'),
    ('{"a1": {"lang": "en", "required": [], "optional": [{"any": [["ottokar", "visited", "x"]]}]}}',
     "optional item 1, alternative 1: 'x' is not an entity"),
]


@pytest.mark.parametrize(("text", "message"), BAD_GOLD)
def test_a_gold_file_that_is_not_the_format(tmp_path: Path, text: str, message: str) -> None:
    gold = tmp_path / "mine.json"
    gold.write_text(text, encoding="utf-8")
    names = tmp_path / "names.json"
    names.write_text(json.dumps(NAMES, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GoldError) as info:
        load_gold(gold, names)
    assert str(info.value).startswith(f"{gold}: ") and message in str(info.value)
    res = invoke("eval", FIXTURE / "graph.ttl", "--gold", gold, "--entities", names)
    assert res.exit_code == 1
    assert res.stderr.startswith(f"error: {gold}: ") and len(res.stderr.strip().splitlines()) == 1


BAD_ENTITIES = [
    ("{", "not JSON"),
    ('{"entities": []}', "not an entities file"),
    ('{"relations": {"visited": "no"}, "entities": {}}', '"relations" must map'),
    ('{"entities": {"x": {"labels": ["X"]}}}', "entity 'x': \"labels\""),
    ('{"entities": {"x": {"labels": {"en": ["X"]}, "aliases": "Y"}}}', "entity 'x': \"aliases\""),
]


@pytest.mark.parametrize(("text", "message"), BAD_ENTITIES)
def test_an_entities_file_that_is_not_the_format(tmp_path: Path, text: str, message: str) -> None:
    names = tmp_path / "names.json"
    names.write_text(text, encoding="utf-8")
    with pytest.raises(GoldError, match="^" + str(names).replace("\\", "\\\\") + ": ") as info:
        load_entities(names)
    assert message in str(info.value)


def test_missing_files_are_named(tmp_path: Path) -> None:
    res = invoke("eval", FIXTURE / "graph.ttl", "--gold", tmp_path / "gold.json")
    assert res.exit_code == 1
    assert res.stderr.strip() == f"error: {tmp_path / 'entities.json'}: no such entities file"
    res = invoke("eval", FIXTURE / "graph.ttl", "--gold", tmp_path / "gold.json", "--entities", ENTITIES)
    assert res.stderr.strip() == f"error: {tmp_path / 'gold.json'}: no such gold file"
    not_utf8 = tmp_path / "latin.json"
    not_utf8.write_bytes(b'{"a": "\xe9"}')
    with pytest.raises(GoldError, match="not a UTF-8 text file"):
        load_gold(not_utf8, ENTITIES)


def test_a_graph_that_cannot_be_read(tmp_path: Path) -> None:
    bad = tmp_path / "graph.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    for target, message in ((bad, f"{bad}: not readable as turtle"), (tmp_path / "none.ttl", "no such graph file"),
                            (empty, f"{empty / 'graph.ttl'}: no such graph file")):
        res = invoke("eval", target, "--gold", GOLD)
        assert res.exit_code == 1, res.output
        assert res.stderr.startswith("error: ") and message in res.stderr, res.stderr
        assert len(res.stderr.strip().splitlines()) == 1
    with pytest.raises(GraphError):
        read_graph(bad)


def test_an_unknown_format_is_refused() -> None:
    res = invoke("eval", FIXTURE / "graph.ttl", "--gold", GOLD, "--format", "xml")
    assert res.exit_code == 1 and "--format must be table, csv or json" in res.stderr


def test_csv_has_every_row_of_the_three_tables_with_its_level() -> None:
    """Like every command that prints a table, kg eval writes it as CSV too (issue 18): one file, a level per row."""
    import csv
    import io

    res = invoke("eval", FIXTURE / "graph.ttl", "--gold", GOLD, "--format", "csv")
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    report = evaluate(FIXTURE / "graph.ttl", GOLD)
    assert [r["name"] for r in rows if r["level"] == "article"] == [a.id for a in report.articles]
    assert [r["name"] for r in rows if r["level"] == "relation"] == list(report.relations)
    (total,) = [r for r in rows if r["level"] == "total"]
    t = report.total
    assert (int(total["tp"]), int(total["fp"]), int(total["fn"])) == (t.tp, t.fp, t.fn)
    assert float(total["f1"]) == pytest.approx(t.f1, abs=5e-4)


def test_gold_articles_missing_from_the_graph_are_warned_about(case: tuple[Path, Path, Path]) -> None:
    graph, gold, _ = case
    res = invoke("eval", graph, "--gold", gold)
    assert res.exit_code == 0
    assert "warning: 1 gold article is not in" in res.stderr and "a3" in res.stderr


# --- the same numbers as the project's scorer (../shared/eval/score.py) ---------------------------

KEYS = ("articles", "relations", "languages", "total", "mentions_read", "errors")


def same_as_the_scorer(scorer, graph: Path, gold: Path, entities: Path) -> None:
    theirs = scorer.score(str(graph), str(gold), str(entities))
    ours = evaluate(graph, gold, entities).as_dict()
    for key in KEYS:
        assert ours[key] == theirs[key], key


def test_the_same_scores_as_the_shared_scorer_on_the_seeds(seeds_build) -> None:
    scorer = shared_scorer()
    gold = SHARED / "gold" / "seeds.json"
    for graph in (seeds_build.ttl, seeds_build.trig):
        same_as_the_scorer(scorer, graph, gold, SHARED / "gold" / "entities.json")
    report = evaluate(seeds_build.out_dir, gold)  # the build folder, entities.json found beside the gold
    assert report.total.tp > 0 and len(report.articles) == 5


def test_the_same_scores_as_the_shared_scorer_on_the_rules(case: tuple[Path, Path, Path]) -> None:
    scorer = shared_scorer()
    graph, gold, entities = case
    # the shared scorer reads no article without "optional" nor an "any" among the optional triples
    data = json.loads(gold.read_text(encoding="utf-8"))
    data["a3"]["optional"] = []
    gold.write_text(json.dumps(data), encoding="utf-8")
    same_as_the_scorer(scorer, graph, gold, entities)
    same_as_the_scorer(scorer, FIXTURE / "graph.ttl", GOLD, ENTITIES)


def test_score_takes_any_rdflib_graph(case: tuple[Path, Path, Path]) -> None:
    graph, gold, entities = case
    assert score(Graph().parse(graph), load_gold(gold, entities)).total == Counts(tp=5, fp=2, fn=2)
