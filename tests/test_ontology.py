"""The ontology file: it parses, keeps the contract's terms, and agrees with kg/namespaces.py."""

from __future__ import annotations

import unicodedata

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespaces import ACTOR_CLASSES, EX, KGO, KGO_IRI, RELATIONS, SYMMETRIC, bind_namespaces
from kg.paths import ontology_dir, ontology_file, shapes_file

CONTRACT_RELATIONS = (
    "invited invitedTo visited participatesIn metWith negotiatesWith cooperatesWith competesWith "
    "tradesWith investsIn pressures supports leaderOf memberOf affiliatedWith locatedIn hosts"
).split()
CONTRACT_SYMMETRIC = {"metWith", "negotiatesWith", "cooperatesWith", "competesWith", "tradesWith"}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


def _local(term: URIRef) -> str:
    return str(term)[len(KGO_IRI) :]


def _kgo_terms(graph: Graph, rdf_type: URIRef) -> set[str]:
    return {
        _local(s)
        for s in graph.subjects(RDF.type, rdf_type)
        if isinstance(s, URIRef) and s.startswith(KGO_IRI)
    }


def _all_kgo_terms(graph: Graph) -> set[str]:
    return {
        _local(s)
        for s in set(graph.subjects(RDF.type, None))
        if isinstance(s, URIRef) and s.startswith(KGO_IRI)
    }


def test_ontology_files_are_found() -> None:
    assert ontology_file().is_file()
    assert shapes_file().is_file()
    assert ontology_file().parent == ontology_dir()
    Graph().parse(shapes_file(), format="turtle")


# object properties that describe mentions and happenings, not relations between actors
ABOUT_MENTIONS = {"modality": "Mention", "reports": "Mention", "place": "Happening", "partOf": "Happening"}


def test_exactly_the_17_relations(onto: Graph) -> None:
    assert _kgo_terms(onto, OWL.ObjectProperty) - set(ABOUT_MENTIONS) == set(CONTRACT_RELATIONS)
    assert list(RELATIONS) == CONTRACT_RELATIONS


def test_the_other_object_properties_describe_mentions_and_happenings(onto: Graph) -> None:
    for name, domain in ABOUT_MENTIONS.items():
        assert onto.value(KGO[name], RDFS.domain) == KGO[domain], name
    assert {str(m).rsplit("#", 1)[1] for m in onto.subjects(RDF.type, KGO.Modality)} == {
        "Asserted", "Planned", "Hypothetical", "Denied"}


def test_symmetric_relations(onto: Graph) -> None:
    assert _kgo_terms(onto, OWL.SymmetricProperty) == CONTRACT_SYMMETRIC
    assert set(SYMMETRIC) == CONTRACT_SYMMETRIC


def test_actor_classes_are_actors(onto: Graph) -> None:
    assert set(ACTOR_CLASSES) == {"Person", "Country", "Organization", "Place", "Region", "Event", "Project"}
    for name in ACTOR_CLASSES:
        supers = set(onto.transitive_objects(KGO[name], RDFS.subClassOf))
        assert KGO.Actor in supers, name
    assert (KGO.Region, RDFS.subClassOf, KGO.Place) in onto
    assert KGO.Actor not in set(onto.transitive_objects(KGO.Article, RDFS.subClassOf))
    assert (KGO.Mention, RDFS.subClassOf, RDF.Statement) in onto


def test_union_ranges_name_the_contract_classes(onto: Graph) -> None:
    def union(term: URIRef, prop: URIRef) -> set[URIRef]:
        node = onto.value(term, prop)
        members = onto.value(node, OWL.unionOf)
        return set(onto.items(members))

    assert union(KGO.invitedTo, RDFS.range) == {KGO.Event, KGO.Organization}
    assert union(KGO.leaderOf, RDFS.range) == {KGO.Country, KGO.Organization}
    assert onto.value(KGO.leaderOf, RDFS.domain) == KGO.Person
    assert onto.value(KGO.memberOf, RDFS.range) == KGO.Organization


def _script_ok(text: str, lang: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    script = "LATIN" if lang == "en" else "CYRILLIC"
    return all(unicodedata.name(c).startswith(script) for c in letters)


def test_every_term_has_one_label_per_language_and_a_definition(onto: Graph) -> None:
    terms = _all_kgo_terms(onto)
    assert len(terms) > 17
    for name in sorted(terms):
        labels = [o for o in onto.objects(KGO[name], RDFS.label) if isinstance(o, Literal)]
        for lang in ("en", "ru", "kk"):
            tagged = [str(label) for label in labels if label.language == lang]
            assert len(tagged) == 1, f"{name}: {len(tagged)} rdfs:label@{lang}"
            assert _script_ok(tagged[0], lang), f"{name}: label@{lang} {tagged[0]!r} in the wrong script"
        definitions = {d.language for d in onto.objects(KGO[name], SKOS.definition)}
        assert "en" in definitions, f"{name}: no English skos:definition"


def test_kazakh_labels_use_kazakh_words(onto: Graph) -> None:
    # Kazakh labels are not Russian copies: a sample that must hold Kazakh words
    expected = {"invited": "шақырды", "metWith": "кездесті", "supports": "қолдайды", "memberOf": "мүшесі"}
    for name, word in expected.items():
        assert onto.value(KGO[name], RDFS.label, any=True) is not None
        assert Literal(word, lang="kk") in set(onto.objects(KGO[name], RDFS.label))


def test_script_check_rejects_mixed_scripts() -> None:
    assert _script_ok("met with", "en")
    assert not _script_ok("met с", "en")
    assert not _script_ok("кездесті", "en")
    assert _script_ok("іс-шара", "kk")
    assert not _script_ok("kездесті", "kk")  # Latin k


def test_namespace_mirror_matches_the_ontology(onto: Graph) -> None:
    in_python = set(KGO.__annotations__)
    in_turtle = _all_kgo_terms(onto)
    assert in_python - in_turtle == set(), "in kg/namespaces.py but not in kg.ttl"
    assert in_turtle - in_python == set(), "in kg.ttl but not in kg/namespaces.py"
    assert str(KGO.invited) == KGO_IRI + "invited"


def test_misspelt_term_fails_loudly() -> None:
    with pytest.raises(AttributeError):
        _ = KGO.invitd
    with pytest.raises(AttributeError):
        _ = KGO["metwith"]


def test_bind_namespaces() -> None:
    graph = bind_namespaces(Graph())
    bound = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    assert bound["kgo"] == KGO_IRI
    assert bound["ex"] == str(EX)
    for prefix in ("prov", "dcterms", "skos", "owl", "rdfs", "rdf", "xsd"):
        assert prefix in bound
    graph.add((EX["actor/test"], KGO.metWith, EX["actor/other"]))
    assert "kgo:metWith" in graph.serialize(format="turtle")
