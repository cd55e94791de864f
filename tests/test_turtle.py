"""kg.turtle: the fast writer gives Turtle/TriG that rdflib reads back to the same graph, in a fixed order."""

from __future__ import annotations

import random

import rdflib
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from kg.namespaces import EX, KGO
from kg.turtle import iri, term_text, trig, turtle

HOSTILE = ['"></div><script>alert(1)</script>', "line one\nline two\r\n\ttabbed", 'back\\slash "quoted"',
           "bell\x07 and nul-free \x1f unit", "Қасым-Жомарт Тоқаев «кавычки»", ""]


def _triples() -> list[tuple]:
    out = []
    for i, text in enumerate(HOSTILE):
        node = EX[f"mention/{i}"]
        out += [(node, RDF.type, KGO.Mention), (node, KGO.evidence, Literal(text, lang="kk")),
                (node, RDFS.label, Literal(text)), (node, KGO.charStart, Literal(i, datatype=XSD.integer)),
                (node, KGO.confidence, Literal("0.90", datatype=XSD.decimal)),
                (node, RDF.subject, URIRef("https://w3id.org/kgpol/id/article/odd%20name%3C%3E"))]
    return out


def test_turtle_reads_back_to_the_same_graph():
    triples = _triples()
    g = rdflib.Graph()
    for t in triples:
        g.add(t)
    back = rdflib.Graph().parse(data="".join(turtle(triples)), format="turtle")
    assert isomorphic(g, back)
    assert {str(o) for o in back.objects(None, KGO.evidence)} == set(HOSTILE)


def test_the_same_triples_in_any_order_give_the_same_bytes():
    triples = _triples()
    shuffled = triples[:]
    random.Random(7).shuffle(shuffled)
    assert "".join(turtle(triples)) == "".join(turtle(shuffled + triples[:3]))


def test_trig_keeps_each_named_graph():
    triples = _triples()
    text = "".join(trig(triples[:2], [(str(EX["graph/a"]), triples[2:5]), (str(EX["graph/b"]), triples[5:])]))
    ds = rdflib.Dataset()
    ds.parse(data=text, format="trig")
    assert len(ds.graph(EX["graph/a"])) == 3
    assert len(ds.graph(EX["graph/b"])) == len(triples) - 5
    assert len(ds.default_graph) == 2


def test_terms():
    assert iri(str(KGO.invited)) == "kgo:invited"
    assert iri(str(EX["actor/tokayev"])) == "<https://w3id.org/kgpol/id/actor/tokayev>"  # "/" is not a local name
    assert iri("http://example.org/a b") == "<http://example.org/a\\u0020b>"
    assert term_text(Literal(5, datatype=XSD.integer)) == "5"
    assert term_text(Literal("x", lang="ru")) == '"x"@ru'
    assert term_text(Literal("2025-01-02", datatype=XSD.date)) == '"2025-01-02"^^xsd:date'
    assert term_text(Literal('a"b\n')) == '"a\\"b\\n"'
