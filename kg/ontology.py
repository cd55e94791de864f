"""The ontology as the code reads it: ontology/kg.ttl -> which classes each relation takes (domains and ranges).

The relations' allowed subject and object classes are said once, in the ontology's
`rdfs:domain` and `rdfs:range` (a class or an `owl:unionOf` of classes); a class is allowed
where it or a class it is a subclass of is listed (`kgo:Region` is a `kgo:Place`). The
extractors keep a relation only when the ontology allows its two ends.

Example:
    >>> relation_allows("leaderOf", "Person", "Country"), relation_allows("leaderOf", "Country", "Person")
    (True, False)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection

from kg.namespaces import KGO_IRI, RELATIONS
from kg.paths import ontology_file


@dataclass(frozen=True)
class Signature:
    """What a relation takes: the classes (local names) of its subject and of its object."""

    domain: frozenset[str]
    range: frozenset[str]


@functools.cache
def _ontology() -> tuple[dict[str, Signature], dict[str, frozenset[str]]]:
    graph = Graph().parse(ontology_file(), format="turtle")

    def local(node) -> str:
        return str(node)[len(KGO_IRI):]

    def classes(node) -> frozenset[str]:
        union = graph.value(node, OWL.unionOf)
        if union is not None:
            return frozenset(local(c) for c in Collection(graph, union))
        return frozenset({local(node)})

    signatures = {}
    for rel in RELATIONS:
        prop = URIRef(KGO_IRI + rel)
        signatures[rel] = Signature(classes(graph.value(prop, RDFS.domain)), classes(graph.value(prop, RDFS.range)))
    ancestors: dict[str, frozenset[str]] = {}
    for cls in graph.subjects(RDF.type, OWL.Class):
        if not isinstance(cls, URIRef) or not str(cls).startswith(KGO_IRI):
            continue
        seen = {local(cls)}
        todo = [cls]
        while todo:
            for parent in graph.objects(todo.pop(), RDFS.subClassOf):
                if str(parent).startswith(KGO_IRI) and local(parent) not in seen:
                    seen.add(local(parent))
                    todo.append(parent)
        ancestors[local(cls)] = frozenset(seen)
    return signatures, ancestors


def signature(relation: str) -> Signature:
    """The domain and range classes of a relation as the ontology declares them."""
    return _ontology()[0][relation]


def is_a(cls: str, allowed: frozenset[str]) -> bool:
    """Whether `cls` or one of its superclasses is among `allowed`."""
    return bool(_ontology()[1].get(cls, frozenset({cls})) & allowed)


def relation_allows(relation: str, subject_class: str, object_class: str) -> bool:
    """Whether the ontology allows a `relation` from a `subject_class` actor to an `object_class` actor."""
    sig = signature(relation)
    return is_a(subject_class, sig.domain) and is_a(object_class, sig.range)
