"""Graph stage: the seeds' RDF (provenance, determinism, symmetry, labels) and small hand-made graphs."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.articles import load_articles
from kg.errors import GraphError
from kg.graph import (
    actor_iri,
    article_graph_iri,
    article_iri,
    build_dataset,
    canonical,
    load_graph,
    mention_iri,
    merged_from_build,
    merged_graph,
    trig_text,
    write_build_files,
    write_outputs,
)
from kg.model import Article, Sentence, Triple
from kg.namespaces import ACTOR_CLASSES, EX, KGO, RELATIONS, SYMMETRIC
from kg.resolve import Entity
from kg.validate import validate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def ttl_graph(seeds_build) -> Graph:
    return Graph().parse(seeds_build.ttl, format="turtle")


@pytest.fixture(scope="module")
def trig_dataset(seeds_build) -> Dataset:
    ds = Dataset()
    ds.parse(seeds_build.trig, format="trig")
    return ds


@pytest.fixture(scope="module")
def seed_texts(seeds_dir: Path) -> dict[str, Article]:
    """The seed articles loaded again, by file stem, to check offsets independently of the build."""
    loaded = {p.stem: a for a, _ in load_articles([seeds_dir]) for p in [Path(a.path)] if a is not None}
    assert loaded, "no seed article loaded"
    return loaded


def _mentions(g: Graph) -> list[URIRef]:
    return sorted(g.subjects(RDF.type, KGO.Mention))


def _one(g: Graph, s: URIRef, p: URIRef):
    values = list(g.objects(s, p))
    assert len(values) == 1, f"{s} has {len(values)} values of {p}"
    return values[0]


# --- the seeds' graph --------------------------------------------------------


@pytest.mark.slow
def test_two_builds_give_byte_identical_files(seeds_build, seeds_dir: Path, tmp_path: Path) -> None:
    # another process with another hash seed: set and dict orders must not leak into the files
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(seeds_dir), "-o", str(tmp_path),
                          "--no-html", "-q"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "graph.ttl").read_bytes() == seeds_build.ttl.read_bytes()
    assert (tmp_path / "graph.trig").read_bytes() == seeds_build.trig.read_bytes()


def test_every_seed_gives_an_article_and_mentions(seeds_build, seeds_dir: Path) -> None:
    result = seeds_build.result
    assert result.skipped == []
    assert sorted(a.id for a in result.articles) == sorted(p.stem for p in seeds_dir.glob("*.txt"))
    by_article = Counter(t.article_id for t in result.triples)
    assert all(by_article[a.id] > 0 for a in result.articles), by_article


def test_trig_has_one_named_graph_per_article(seeds_build, trig_dataset: Dataset) -> None:
    ids = sorted(a.id for a in seeds_build.result.articles)
    default = trig_dataset.default_graph.identifier
    named = {g.identifier for g in trig_dataset.graphs() if len(g) and g.identifier != default}
    assert named == {article_graph_iri(i) for i in ids}
    for article_id in ids:
        g = trig_dataset.graph(article_graph_iri(article_id))
        assert list(g.subjects(RDF.type, KGO.Article)) == [article_iri(article_id)]
        sources = {o for m in g.subjects(RDF.type, KGO.Mention) for o in g.objects(m, PROV.wasDerivedFrom)}
        assert sources == {article_iri(article_id)}, f"a mention in {article_id}'s graph comes from elsewhere"


def test_trig_and_turtle_hold_the_same_triples(ttl_graph: Graph, trig_dataset: Dataset) -> None:
    merged = Graph()
    for s, p, o, _ in trig_dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    assert isomorphic(merged, ttl_graph)


def test_turtle_round_trip_is_isomorphic_with_the_dataset(seeds_build, ttl_graph: Graph) -> None:
    r = seeds_build.result
    in_memory = merged_graph(build_dataset(r.articles, r.triples, r.entities))
    assert len(in_memory) == len(ttl_graph)
    assert to_isomorphic(in_memory) == to_isomorphic(ttl_graph)


def test_articles_carry_identifier_date_language_source(ttl_graph: Graph, seeds_dir: Path) -> None:
    stems = {p.stem for p in seeds_dir.glob("*.txt")}
    nodes = list(ttl_graph.subjects(RDF.type, KGO.Article))
    assert len(nodes) == len(stems)
    for node in nodes:
        ident = str(_one(ttl_graph, node, DCTERMS.identifier))
        assert ident in stems
        assert node == article_iri(ident)
        assert str(_one(ttl_graph, node, DCTERMS.source)) == f"{ident}.txt"
        assert _one(ttl_graph, node, DCTERMS.language) in {Literal("kk"), Literal("ru")}
        date = _one(ttl_graph, node, DCTERMS.date)
        assert date.datatype == XSD.date and isinstance(date.toPython(), dt.date)


def test_every_mention_has_full_provenance(ttl_graph: Graph, seed_texts: dict[str, Article]) -> None:
    mentions = _mentions(ttl_graph)
    assert len(mentions) >= 50
    for m in mentions:
        assert (m, RDF.type, RDF.Statement) in ttl_graph
        s = _one(ttl_graph, m, RDF.subject)
        p = _one(ttl_graph, m, RDF.predicate)
        o = _one(ttl_graph, m, RDF.object)
        assert str(p).startswith(str(KGO)) and str(p)[len(str(KGO)):] in RELATIONS
        assert (s, p, o) in ttl_graph, f"{m} describes a relation that is not asserted"
        assert s != o
        source = _one(ttl_graph, m, PROV.wasDerivedFrom)
        ident = str(_one(ttl_graph, source, DCTERMS.identifier))
        article = seed_texts[ident]  # KeyError: the identifier is not a seed file's stem
        start = _one(ttl_graph, m, KGO.charStart)
        end = _one(ttl_graph, m, KGO.charEnd)
        assert start.datatype == XSD.integer and end.datatype == XSD.integer
        evidence = _one(ttl_graph, m, KGO.evidence)
        assert str(evidence) == article.text[start.toPython():end.toPython()]
        assert evidence.language in {"kk", "ru"}
        assert any(sent.start == start.toPython() and sent.end == end.toPython() for sent in article.sentences)
        conf = _one(ttl_graph, m, KGO.confidence)
        assert conf.datatype == XSD.decimal and Decimal(0) <= conf.toPython() <= Decimal(1)
        extractor = _one(ttl_graph, m, KGO.extractor)
        assert isinstance(extractor, Literal) and str(extractor).strip()


def test_every_asserted_relation_has_a_mention(ttl_graph: Graph, seeds_build) -> None:
    described = {(ttl_graph.value(m, RDF.subject), ttl_graph.value(m, RDF.predicate), ttl_graph.value(m, RDF.object))
                 for m in _mentions(ttl_graph)}
    asserted = {(s, p, o) for rel in RELATIONS for s, p, o in ttl_graph.triples((None, KGO[rel], None))}
    assert asserted == described
    # as many relations as the build reports, once each (symmetric ones in one direction)
    expected = {(canonical(t).subject, t.relation, canonical(t).object) for t in seeds_build.result.triples}
    assert asserted == {(actor_iri(s), KGO[r], actor_iri(o)) for s, r, o in expected}


def test_symmetric_relations_are_stored_once(ttl_graph: Graph) -> None:
    count = 0
    for rel in SYMMETRIC:
        for s, _, o in ttl_graph.triples((None, KGO[rel], None)):
            count += 1
            assert (o, KGO[rel], s) not in ttl_graph, f"{rel} stored both ways between {s} and {o}"
            assert str(s) < str(o)
    assert count > 0, "the seeds should hold symmetric relations"


def test_actor_nodes_have_a_type_and_language_tagged_labels(ttl_graph: Graph) -> None:
    actors = {s for s, _, o in ttl_graph.triples((None, RDF.type, None)) if o in {KGO[c] for c in ACTOR_CLASSES}}
    assert len(actors) >= 20
    for a in actors:
        assert str(a).startswith(str(EX["actor/"]))
        labels = list(ttl_graph.objects(a, RDFS.label))
        assert labels, f"{a} has no label"
        langs = [lab.language for lab in labels]
        assert all(langs), f"{a} has a label without a language tag"
        assert len(langs) == len(set(langs)), f"{a} has two labels in one language"
        assert all(alt.language for alt in ttl_graph.objects(a, SKOS.altLabel))
        types = set(ttl_graph.objects(a, RDF.type))
        assert len(types) == 1
    for s, _, o in ttl_graph.triples((None, RDFS.label, None)):
        assert isinstance(o, Literal) and o.language, f"{s} has an untagged label {o!r}"


def test_every_node_in_a_relation_is_described(ttl_graph: Graph) -> None:
    for rel in RELATIONS:
        for s, _, o in ttl_graph.triples((None, KGO[rel], None)):
            for node in (s, o):
                assert ttl_graph.value(node, RDF.type) is not None, f"{node} in {rel} has no type"
                assert ttl_graph.value(node, RDFS.label) is not None, f"{node} in {rel} has no label"


def test_the_seeds_graph_conforms_to_the_shapes(seeds_build) -> None:
    # graph.trig holds the same triples (test above); a hand-broken graph is in test_cli.py
    res = validate(seeds_build.ttl)
    assert res.conforms, res.text


# --- small hand-made graphs ---------------------------------------------------

TEXT = "Әлия Жанова Ордаландқа барды. Ордаланд пен Даланд кездесті."
S1 = Sentence(0, 29, "Әлия Жанова Ордаландқа барды.", "kk")
S2 = Sentence(30, 59, "Ордаланд пен Даланд кездесті.", "kk")
ARTICLE = Article("odd name\nwith newline", "in/odd name\nwith newline.txt", dt.date(2025, 3, 1), "kk", TEXT, (S1, S2))


def _triple(s: str, rel: str, o: str, sent: Sentence, conf: float = 0.8, extractor: str = "test") -> Triple:
    return Triple(s, rel, o, ARTICLE.id, sent.start, sent.end, sent.text, sent.lang, conf, extractor)


def _entities() -> list[Entity]:
    return [
        Entity("zhanova", "Person", {"kk": "Әлия Жанова", "en": "Aliya Zhanova"}, {("Жанова", "kk")}),
        Entity("ordaland", "Country", {"kk": "Ордаланд"}),
        Entity("daland", "Country", {"kk": "Даланд"}),
    ]


def test_canonical_orders_symmetric_relations_only() -> None:
    t = _triple("ordaland", "metWith", "daland", S2)
    c = canonical(t)
    assert (c.subject, c.object) == ("daland", "ordaland")
    assert canonical(c) == c
    directed = _triple("zhanova", "visited", "daland", S1)
    assert canonical(directed) == directed
    assert canonical(_triple("zhanova", "leaderOf", "daland", S1)).subject == "zhanova"


def test_mention_iri_is_stable_and_tells_sentences_apart() -> None:
    a = _triple("zhanova", "visited", "ordaland", S1)
    assert mention_iri(a) == mention_iri(_triple("zhanova", "visited", "ordaland", S1, conf=0.5))
    assert mention_iri(a) != mention_iri(_triple("zhanova", "visited", "ordaland", S2))
    assert mention_iri(a) != mention_iri(_triple("zhanova", "visited", "daland", S1))


def test_iris_of_odd_ids_are_valid_and_distinct() -> None:
    ids = ["a b", "a\nb", "a/b", "-lead", "Ақорда", "a%20b", "a#b"]
    iris = [article_iri(i) for i in ids]
    assert len(set(iris)) == len(ids)
    for iri in iris + [actor_iri(i) for i in ids] + [article_graph_iri(i) for i in ids]:
        assert not set(str(iri)) & set(' \n<>"{}|\\^`#'), iri
    assert article_iri("a/b") != article_iri("a") and "/" not in str(article_iri("a/b"))[len(str(EX["article/"])):]


def test_the_same_reading_twice_in_one_sentence_is_one_mention() -> None:
    triples = [
        _triple("ordaland", "metWith", "daland", S2, conf=0.6, extractor="rule-a"),
        _triple("daland", "metWith", "ordaland", S2, conf=0.9, extractor="rule-b"),  # the same, read backwards
        _triple("zhanova", "visited", "ordaland", S1, conf=0.7, extractor="rule-a"),
        _triple("zhanova", "visited", "ordaland", S1, conf=0.7, extractor="rule-c"),
    ]
    for order in (triples, triples[::-1]):
        g = merged_graph(build_dataset([ARTICLE], order, _entities()))
        mentions = _mentions(g)
        assert len(mentions) == 2
        met = next(m for m in mentions if g.value(m, RDF.predicate) == KGO.metWith)
        assert _one(g, met, KGO.confidence).toPython() == Decimal("0.90")
        assert str(_one(g, met, KGO.extractor)) == "rule-b"
        visit = next(m for m in mentions if g.value(m, RDF.predicate) == KGO.visited)
        assert str(_one(g, visit, KGO.extractor)) == "rule-c"
        assert validate(g).conforms


def test_written_files_round_trip_with_an_odd_article_id(tmp_path: Path) -> None:
    triples = [_triple("zhanova", "visited", "ordaland", S1), _triple("daland", "metWith", "ordaland", S2),
               _triple("ordaland", "metWith", "daland", S1)]
    ds = build_dataset([ARTICLE], triples, _entities())
    paths = write_outputs(ds, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["graph.trig", "graph.ttl"]  # no .tmp left
    ttl = Graph().parse(paths["ttl"], format="turtle")
    assert isomorphic(ttl, merged_graph(ds))
    assert ttl.value(article_iri(ARTICLE.id), DCTERMS.identifier) == Literal(ARTICLE.id)
    trig = Dataset()
    trig.parse(paths["trig"], format="trig")
    for g in ds.graphs():
        if len(g):
            assert isomorphic(trig.graph(g.identifier), g), g.identifier
    assert validate(paths["ttl"]).conforms
    # the same input written again gives the same bytes
    again = write_outputs(build_dataset([ARTICLE], triples[::-1], _entities()), tmp_path / "again")
    assert again["ttl"].read_bytes() == paths["ttl"].read_bytes()
    assert again["trig"].read_bytes() == paths["trig"].read_bytes()


def test_an_article_without_relations_still_has_its_graph(tmp_path: Path) -> None:
    ds = build_dataset([ARTICLE], [], [])
    g = ds.graph(article_graph_iri(ARTICLE.id))
    assert (article_iri(ARTICLE.id), RDF.type, KGO.Article) in g
    assert validate(merged_graph(ds)).conforms


def test_write_outputs_into_a_file_path_raises_graph_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises((GraphError, OSError)):
        write_outputs(build_dataset([ARTICLE], [], []), blocker)


def test_load_graph_errors_name_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "none.ttl"
    with pytest.raises(GraphError, match=r"none\.ttl.*kg build"):
        load_graph(missing)
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle .", encoding="utf-8")
    with pytest.raises(GraphError, match=r"bad\.ttl"):
        load_graph(bad)


def test_load_graph_merges_the_named_graphs_of_trig(tmp_path: Path) -> None:
    ds = build_dataset([ARTICLE], [_triple("zhanova", "visited", "ordaland", S1)], _entities())
    paths = write_outputs(ds, tmp_path)
    assert isomorphic(load_graph(paths["trig"]), load_graph(paths["ttl"]))


def test_streamed_files_hold_what_the_dataset_holds(seeds_build, tmp_path: Path) -> None:
    """The build writes its files article by article; they say what the whole Dataset says."""
    r = seeds_build.result
    ds = build_dataset(r.articles, r.triples, r.entities)
    paths = write_build_files(r.articles, r.triples, r.entities, tmp_path)
    assert paths["trig"].read_text(encoding="utf-8") == trig_text(ds)
    ttl = Graph().parse(paths["ttl"], format="turtle")
    assert to_isomorphic(ttl) == to_isomorphic(merged_graph(ds))
    assert to_isomorphic(merged_from_build(r.articles, r.triples, r.entities)) == to_isomorphic(ttl)
    # each subject is written once: the actors' block holds their relations, each article its mentions
    subjects = [line.split(" ", 1)[0] for line in paths["ttl"].read_text(encoding="utf-8").splitlines()
                if line and not line.startswith((" ", "@"))]
    assert len(subjects) == len(set(subjects)) == len(set(ttl.subjects()))
    # the input order of articles and triples does not change a byte
    again = write_build_files(r.articles[::-1], r.triples[::-1], r.entities[::-1], tmp_path / "again")
    assert again["ttl"].read_bytes() == paths["ttl"].read_bytes()
    assert again["trig"].read_bytes() == paths["trig"].read_bytes()


def test_a_happening_told_at_several_precisions_takes_the_most_precise_date() -> None:
    from kg.graph import refine_dates
    from kg.model import Triple

    def told(date: str | None, article: str, rel: str = "visited") -> Triple:
        return Triple("muskar", rel, "country_syldavia", article, 0, 1, "…", "en", 0.9, "t", date=date)

    dated = refine_dates([told("2025-11", "a"), told("2025-11-11", "b"), told("2025", "c"), told(None, "d"),
                          told("2025-11", "e", "metWith")])
    assert [t.date for t in dated] == ["2025-11-11", "2025-11-11", "2025-11-11", None, "2025-11"]
    # two days in the month: the month alone could be either, so it stays a month
    two = refine_dates([told("2025-11", "a"), told("2025-11-11", "b"), told("2025-11-12", "c")])
    assert [t.date for t in two] == ["2025-11", "2025-11-11", "2025-11-12"]


def test_one_happening_across_articles_and_languages_and_talks_part_of_the_meeting() -> None:
    """A meeting told in Kazakh one day and in Russian the next (the sides in the other order, the date written out
    in one and the report's date in the other) is one kgo:Happening both mentions report; talks the same day are
    kgo:partOf it; a meeting a week later is another happening."""
    kk_text = "Ордаланд пен Даланд кездесті. Ордаланд пен Даланд келіссөз жүргізді."
    kk = Article("kk_meeting", "kk_meeting.txt", dt.date(2025, 3, 1), "kk", kk_text,
                 (Sentence(0, 29, kk_text[:29], "kk"), Sentence(30, len(kk_text), kk_text[30:], "kk")))
    ru_text = "Даланд и Ордаланд встретились 1 марта. Даланд и Ордаланд встретились 8 марта."
    ru = Article("ru_meeting", "ru_meeting.txt", dt.date(2025, 3, 2), "ru", ru_text,
                 (Sentence(0, 38, ru_text[:38], "ru"), Sentence(39, len(ru_text), ru_text[39:], "ru")))

    def told(a: Article, i: int, s: str, rel: str, o: str, date: str | None = None) -> Triple:
        sent = a.sentences[i]
        return Triple(s, rel, o, a.id, sent.start, sent.end, sent.text, sent.lang, 0.9, "test", date=date)

    triples = [told(kk, 0, "ordaland", "metWith", "daland"), told(kk, 1, "ordaland", "negotiatesWith", "daland"),
               told(ru, 0, "daland", "metWith", "ordaland", "2025-03-01"),
               told(ru, 1, "daland", "metWith", "ordaland", "2025-03-08")]
    g = merged_graph(build_dataset([kk, ru], triples, _entities()))
    meetings = {h: g.value(h, KGO.date).toPython() for h in g.subjects(RDF.type, KGO.Happening)
                if g.value(h, RDF.predicate) == KGO.metWith}
    assert sorted(meetings.values()) == [dt.date(2025, 3, 1), dt.date(2025, 3, 8)]
    (first,) = [h for h, d in meetings.items() if d == dt.date(2025, 3, 1)]
    reports = set(g.subjects(KGO.reports, first))
    assert {str(g.value(m, KGO.evidence).language) for m in reports} == {"kk", "ru"} and len(reports) == 2
    (talks,) = [h for h in g.subjects(RDF.type, KGO.Happening) if g.value(h, RDF.predicate) == KGO.negotiatesWith]
    assert set(g.objects(talks, KGO.partOf)) == {first}
    assert validate(g).conforms
