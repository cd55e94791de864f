"""SHACL validation: hand-built graphs that keep or break the contract of ONTOLOGY.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import GraphError, KgError
from kg.namespaces import EX, KGO, RELATIONS, bind_namespaces
from kg.validate import ValidationResult, load_graph, validate

# Fictional actors, so that no real lexicon entry is needed
ALICE = EX["actor/alice_zhanova"]
ORDALAND = EX["actor/country_ordaland"]
STEPPE = EX["actor/region_steppe"]
ARTICLE = EX["article/test_0001"]
MENTION = EX["mention/0a1b2c"]
SENTENCE = "Әлия Жанова Ордаландқа сапармен барды."


def well_formed() -> Graph:
    """A Person who visited a Country, one Article and the Mention tying them together."""
    g = bind_namespaces(Graph())
    g.add((ALICE, RDF.type, KGO.Person))
    g.add((ALICE, RDFS.label, Literal("Әлия Жанова", lang="kk")))
    g.add((ALICE, RDFS.label, Literal("Aliya Zhanova", lang="en")))
    g.add((ALICE, SKOS.altLabel, Literal("Жанова", lang="kk")))
    g.add((ALICE, KGO.mentionCount, Literal(1)))
    g.add((ORDALAND, RDF.type, KGO.Country))
    g.add((ORDALAND, RDFS.label, Literal("Ордаланд", lang="kk")))
    g.add((ORDALAND, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q1")))
    g.add((ALICE, KGO.visited, ORDALAND))

    g.add((ARTICLE, RDF.type, KGO.Article))
    g.add((ARTICLE, DCTERMS.identifier, Literal("test_0001")))
    g.add((ARTICLE, DCTERMS.date, Literal(dt.date(2025, 3, 1))))
    g.add((ARTICLE, DCTERMS.language, Literal("kk")))
    g.add((ARTICLE, DCTERMS.source, Literal("test_0001.txt")))

    g.add((MENTION, RDF.type, KGO.Mention))
    g.add((MENTION, RDF.type, RDF.Statement))
    g.add((MENTION, RDF.subject, ALICE))
    g.add((MENTION, RDF.predicate, KGO.visited))
    g.add((MENTION, RDF.object, ORDALAND))
    g.add((MENTION, PROV.wasDerivedFrom, ARTICLE))
    g.add((MENTION, KGO.evidence, Literal(SENTENCE, lang="kk")))
    g.add((MENTION, KGO.charStart, Literal(10)))
    g.add((MENTION, KGO.charEnd, Literal(10 + len(SENTENCE))))
    g.add((MENTION, KGO.confidence, Literal(Decimal("0.9"))))
    g.add((MENTION, KGO.extractor, Literal("kk-test-rules")))
    return g


def test_well_formed_graph_conforms() -> None:
    result = validate(well_formed())
    assert isinstance(result, ValidationResult)
    assert result.conforms, result.text
    assert result.results == 0


def _drop(g: Graph, s: URIRef, p: URIRef) -> Graph:
    g.remove((s, p, None))
    return g


def _replace(g: Graph, s: URIRef, p: URIRef, o: object) -> Graph:
    g.set((s, p, o))
    return g


# what each breakage does -> the SHACL constraint component that must catch it
BROKEN: dict[str, tuple[str, Callable[[Graph], object]]] = {
    "mention without evidence": (
        "MinCount",
        lambda g: _drop(g, MENTION, KGO.evidence),
    ),
    "evidence without a language tag": (
        "Datatype",
        lambda g: _replace(g, MENTION, KGO.evidence, Literal(SENTENCE)),
    ),
    "predicate not among the 17": (
        "In",
        lambda g: _replace(g, MENTION, RDF.predicate, EX["relation/admires"]),
    ),
    "misspelt kgo predicate": (
        "In",
        lambda g: _replace(g, MENTION, RDF.predicate, URIRef("https://w3id.org/kgpol/ontology#metwith")),
    ),
    "two subjects": (
        "MaxCount",
        lambda g: g.add((MENTION, RDF.subject, ORDALAND)),
    ),
    "literal object": (
        "NodeKind",
        lambda g: _replace(g, MENTION, RDF.object, Literal("Ордаланд")),
    ),
    "object is not a typed actor": (
        "Class",
        lambda g: _replace(g, MENTION, RDF.object, EX["actor/unknown"]),
    ),
    "no source article": (
        "MinCount",
        lambda g: _drop(g, MENTION, PROV.wasDerivedFrom),
    ),
    "source is not an Article": (
        "Class",
        lambda g: _replace(g, MENTION, PROV.wasDerivedFrom, ALICE),
    ),
    "negative offset": (
        "MinInclusive",
        lambda g: _replace(g, MENTION, KGO.charStart, Literal(-1)),
    ),
    "start after end": (
        "LessThan",
        lambda g: _replace(g, MENTION, KGO.charStart, Literal(500)),
    ),
    "offset as string": (
        "Datatype",
        lambda g: _replace(g, MENTION, KGO.charEnd, Literal("48")),
    ),
    "confidence above 1": (
        "MaxInclusive",
        lambda g: _replace(g, MENTION, KGO.confidence, Literal(Decimal("1.5"))),
    ),
    "confidence as a double": (
        "Datatype",
        lambda g: _replace(g, MENTION, KGO.confidence, Literal(0.9)),
    ),
    "no extractor": (
        "MinCount",
        lambda g: _drop(g, MENTION, KGO.extractor),
    ),
    "relation not asserted": (
        "SPARQL",
        lambda g: g.remove((ALICE, KGO.visited, ORDALAND)),
    ),
    "article with a bad language": (
        "In",
        lambda g: _replace(g, ARTICLE, DCTERMS.language, Literal("de")),
    ),
    "article with two languages": (
        "MaxCount",
        lambda g: g.add((ARTICLE, DCTERMS.language, Literal("ru"))),
    ),
    "article without identifier": (
        "MinCount",
        lambda g: _drop(g, ARTICLE, DCTERMS.identifier),
    ),
    "article date as string": (
        "Datatype",
        lambda g: _replace(g, ARTICLE, DCTERMS.date, Literal("2025-03-01")),
    ),
    "article that is also an actor": (
        "Not",
        lambda g: g.add((ARTICLE, RDF.type, KGO.Organization)),
    ),
    "actor with no label": (
        "MinCount",
        lambda g: _drop(g, ORDALAND, RDFS.label),
    ),
    "actor with only an untagged label": (
        "Datatype",
        lambda g: _replace(g, ORDALAND, RDFS.label, Literal("Ordaland")),
    ),
    "two labels in one language": (
        "UniqueLang",
        lambda g: g.add((ALICE, RDFS.label, Literal("Жанованы", lang="kk"))),
    ),
    "blank-node actor": (
        "NodeKind",
        lambda g: g.add((BNode(), RDF.type, KGO.Person)),
    ),
    "sameAs a literal": (
        "NodeKind",
        lambda g: g.add((ALICE, OWL.sameAs, Literal("Q1"))),
    ),
    "negative mention count": (
        "MinInclusive",
        lambda g: _replace(g, ALICE, KGO.mentionCount, Literal(-3)),
    ),
}


@pytest.mark.parametrize("breakage", list(BROKEN), ids=list(BROKEN))
def test_broken_graph_does_not_conform(breakage: str) -> None:
    component, mutate = BROKEN[breakage]
    g = well_formed()
    mutate(g)
    result = validate(g)
    assert not result.conforms
    assert result.results >= 1
    assert f"Constraint Violation in {component}ConstraintComponent" in result.text


def test_region_is_checked_as_a_place() -> None:
    # Region is only a subclass of the targeted classes: kg.ttl's subClassOf must carry the target
    g = well_formed()
    g.add((STEPPE, RDF.type, KGO.Region))
    assert not validate(g).conforms
    g.add((STEPPE, RDFS.label, Literal("Дала", lang="kk")))
    assert validate(g).conforms


def test_symmetric_relation_may_be_asserted_either_way() -> None:
    g = well_formed()
    g.set((MENTION, RDF.predicate, KGO.metWith))
    g.remove((ALICE, KGO.visited, ORDALAND))
    g.add((ORDALAND, KGO.metWith, ALICE))  # reverse of the mention's direction
    assert validate(g).conforms
    # the same reversal is an error for a directed relation
    g.set((MENTION, RDF.predicate, KGO.invited))
    g.remove((ORDALAND, KGO.metWith, ALICE))
    g.add((ORDALAND, KGO.invited, ALICE))
    assert not validate(g).conforms


def test_publisher_is_optional_and_single() -> None:
    g = well_formed()
    g.add((ARTICLE, DCTERMS.publisher, EX["actor/test_news"]))
    assert validate(g).conforms
    g.add((ARTICLE, DCTERMS.publisher, EX["actor/other_news"]))
    assert not validate(g).conforms


def test_unknown_literal_datatypes_are_not_mistaken_for_dates() -> None:
    g = well_formed()
    g.set((ARTICLE, DCTERMS.date, Literal("2025-03-01", datatype=XSD.date)))
    assert validate(g).conforms


@pytest.mark.parametrize("suffix,fmt", [(".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld")])
def test_validate_files(tmp_path: Path, suffix: str, fmt: str) -> None:
    path = tmp_path / f"graph{suffix}"
    well_formed().serialize(path, format=fmt)
    assert validate(path).conforms
    assert validate(str(path)).conforms
    broken = well_formed()
    broken.remove((MENTION, KGO.evidence, None))
    broken.serialize(path, format=fmt)
    assert not validate(path).conforms


def test_trig_named_graphs_are_validated_as_their_union(tmp_path: Path) -> None:
    # The mention lives in the article's named graph, the actors in the default graph:
    # only their union conforms (the mention's subject must be a typed actor).
    ds = Dataset()
    named = ds.graph(EX["graph/test_0001"])
    for triple in well_formed():
        target = named if triple[0] in (MENTION, ARTICLE) else ds.default_graph
        target.add(triple)
    path = tmp_path / "graph.trig"
    ds.serialize(path, format="trig")
    assert len(load_graph(path)) == len(well_formed())
    assert validate(path).conforms
    assert validate(ds).conforms

    ds.default_graph.remove((ALICE, RDFS.label, None))
    ds.serialize(path, format="trig")
    assert not validate(path).conforms


def test_unreadable_files_raise_a_kg_error(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="no such file"):
        validate(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is @ not turtle <<<", encoding="utf-8")
    with pytest.raises(GraphError, match=r"bad\.ttl"):
        validate(bad)
    odd = tmp_path / "graph.docx"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(KgError, match="unknown RDF file type"):
        validate(odd)


def test_error_message_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nt"
    bad.write_text("<a> <b> .\n<c>\n", encoding="utf-8")
    with pytest.raises(GraphError) as info:
        validate(bad)
    assert "\n" not in str(info.value)


# --- relations: the ontology's domain and range, and a mention behind each one ----------------


def _support(g: Graph, s: URIRef, rel: URIRef, o: URIRef) -> Graph:
    """Assert `s rel o` with a mention of its own (the well-formed graph's, copied)."""
    m = EX[f"mention/{abs(hash((s, rel, o))):x}"]
    for p, value in well_formed().predicate_objects(MENTION):
        g.add((m, p, value))
    g.set((m, RDF.subject, s))
    g.set((m, RDF.predicate, rel))
    g.set((m, RDF.object, o))
    g.add((s, rel, o))
    return g


def test_a_relation_against_its_domain_and_range_does_not_conform() -> None:
    # "Kazakhstan leaderOf Tokayev": a country leads no one, and a person is led by no one
    g = _support(well_formed(), ORDALAND, KGO.leaderOf, ALICE)
    result = validate(g)
    assert not result.conforms
    assert "the subject of kgo:leaderOf is not a kgo:Person" in result.text
    assert "the object of kgo:leaderOf is not a kgo:Country or kgo:Organization" in result.text
    assert validate(_support(well_formed(), ALICE, KGO.leaderOf, ORDALAND)).conforms  # the right way round


@pytest.mark.parametrize("rel", RELATIONS)
def test_every_relation_checks_its_domain_and_range(rel: str) -> None:
    untyped = EX["actor/nobody_at_all"]  # not even an Actor: outside every domain and range
    for s, o, side in ((untyped, ORDALAND, "subject"), (ALICE, untyped, "object")):
        g = _support(well_formed(), s, KGO[rel], o)
        g.add((untyped, RDFS.label, Literal("Nobody", lang="en")))
        assert f"the {side} of kgo:{rel} is not a" in validate(g).text, (rel, side)


def test_a_relation_no_mention_supports_does_not_conform() -> None:
    g = well_formed()
    g.add((ORDALAND, KGO.cooperatesWith, ALICE))
    result = validate(g)
    assert not result.conforms
    assert "no mention supports" in result.text and "cooperatesWith" in result.text
    g.remove((MENTION, None, None))  # the visit loses its only mention too
    assert validate(g).results == 2


def test_the_shapes_check_what_kg_ttl_says() -> None:
    """ontology/shapes.ttl states each relation's domain and range as ontology/kg.ttl does, and every
    relation-wide list in it names the ontology's relations: the two files cannot drift apart."""
    from rdflib.collection import Collection

    from kg.model import MODALITIES
    from kg.ontology import signature
    from kg.paths import ontology_file, shapes_file

    shapes = Graph().parse(shapes_file())
    SH = URIRef("http://www.w3.org/ns/shacl#")

    def sh(name: str) -> URIRef:
        return URIRef(str(SH) + name)

    def classes(node) -> frozenset[str]:
        if (node, sh("class"), None) in shapes:
            return frozenset(str(c)[len(str(KGO)):] for c in shapes.objects(node, sh("class")))
        either = shapes.value(node, sh("or"))
        return frozenset(str(shapes.value(alt, sh("class")))[len(str(KGO)):] for alt in Collection(shapes, either))

    relations = {KGO[r] for r in RELATIONS}
    for rel in RELATIONS:
        # the relation's own shape: the one of its targets with a property shape on it
        owners = [n for n in shapes.subjects(sh("targetSubjectsOf"), KGO[rel]) if (n, sh("property"), None) in shapes]
        assert len(owners) == 1, rel
        shape = owners[0]
        prop = next(p for p in shapes.objects(shape, sh("property")) if shapes.value(p, sh("path")) == KGO[rel])
        assert classes(shape) == signature(rel).domain, rel
        assert classes(prop) == signature(rel).range, rel
    support = shapes.value(predicate=RDFS.label, object=Literal("relation support shape", lang="en"))
    assert set(shapes.objects(support, sh("targetSubjectsOf"))) == relations
    in_list = next(shapes.value(p, sh("in")) for p in shapes.objects(None, sh("property"))
                   if shapes.value(p, sh("path")) == RDF.predicate)
    assert set(Collection(shapes, in_list)) == relations
    select = str(shapes.value(shapes.value(support, sh("sparql")), sh("select")))
    listed = select.split("FILTER (?path IN (", 1)[1].split("))", 1)[0]
    assert {URIRef(iri.strip(" <>\n")) for iri in listed.split(",")} == relations
    modalities = next(shapes.value(p, sh("in")) for p in shapes.objects(None, sh("property"))
                      if shapes.value(p, sh("path")) == KGO.modality)
    ontology = Graph().parse(ontology_file())
    assert set(Collection(shapes, modalities)) == set(ontology.subjects(RDF.type, KGO.Modality))
    assert {str(m)[len(str(KGO)):] for m in Collection(shapes, modalities)} == set(MODALITIES)


# --- modality: a denied or hypothetical mention asserts nothing ------------------------------------


def test_a_mention_that_asserts_nothing_needs_no_relation() -> None:
    g = well_formed()
    g.remove((ALICE, KGO.visited, ORDALAND))
    assert not validate(g).conforms  # an asserting mention needs its relation
    for modality in ("Denied", "Hypothetical"):
        g.set((MENTION, KGO.modality, KGO[modality]))
        assert validate(g).conforms, modality
    g.set((MENTION, KGO.modality, KGO.Planned))  # a plan asserts its relation
    assert not validate(g).conforms


def test_a_relation_only_a_denial_mentions_is_unsupported() -> None:
    g = well_formed()
    g.add((MENTION, KGO.modality, KGO.Denied))
    result = validate(g)
    assert not result.conforms and "no mention supports" in result.text


def test_a_mention_has_one_modality_of_the_ontology() -> None:
    g = well_formed()
    g.add((MENTION, KGO.modality, KGO.Person))
    assert not validate(g).conforms


def _with_happening(date: Literal, predicate: URIRef = KGO.visited, reported: bool = True) -> Graph:
    g = well_formed()
    h = EX["happening/test"]
    g.add((h, RDF.type, KGO.Happening))
    g.add((h, RDF.subject, ALICE))
    g.add((h, RDF.predicate, predicate))
    g.add((h, RDF.object, ORDALAND))
    g.add((h, KGO.date, date))
    if reported:
        g.add((MENTION, KGO.reports, h))
    return g


@pytest.mark.parametrize("date", [Literal("2025-03-01", datatype=XSD.date),
                                  Literal("2025-03", datatype=XSD.gYearMonth), Literal("2025", datatype=XSD.gYear)])
def test_a_happening_dated_as_precisely_as_the_text_conforms(date: Literal) -> None:
    assert validate(_with_happening(date)).conforms


@pytest.mark.parametrize(("graph", "why"), [
    (lambda: _with_happening(Literal("soon")), "kgo:date"),
    (lambda: _with_happening(Literal("2025-03-01", datatype=XSD.date), KGO.leaderOf), "dated relation"),
    (lambda: _with_happening(Literal("2025-03-01", datatype=XSD.date), reported=False), "no mention reports"),
])
def test_a_happening_without_a_date_a_dated_relation_or_a_report_does_not_conform(graph, why: str) -> None:
    result = validate(graph())
    assert not result.conforms
    assert why in result.text, result.text
