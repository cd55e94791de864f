"""Namespaces (shared by every RDF stage): the terms of ontology/kg.ttl mirrored in Python.

`KGO` is closed: a misspelt term (`KGO.invitd`) raises `AttributeError` instead of
minting a new IRI. tests/test_ontology.py keeps this file and kg.ttl in sync.
"""

# No `from __future__ import annotations`: rdflib reads the annotations below as
# classes (DefinedNamespace.as_jsonld_context checks `issubclass(term, URIRef)`).

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

KGO_IRI = "https://w3id.org/kgpol/ontology#"
EX_IRI = "https://w3id.org/kgpol/id/"


class KGO(DefinedNamespace):
    """The kg ontology: classes, the 17 relations, and the provenance properties."""

    _NS = Namespace(KGO_IRI)
    _fail = True

    # Classes
    Actor: URIRef  # anything that can act in a relation
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    Place: URIRef
    Region: URIRef  # subclass of Place
    Event: URIRef
    Project: URIRef
    Article: URIRef  # a source text, not an Actor
    Mention: URIRef  # a reified relation in one sentence, subclass of rdf:Statement

    # Relations between actors, in ONTOLOGY.md order
    invited: URIRef
    invitedTo: URIRef
    visited: URIRef
    participatesIn: URIRef
    metWith: URIRef  # symmetric
    negotiatesWith: URIRef  # symmetric
    cooperatesWith: URIRef  # symmetric
    competesWith: URIRef  # symmetric
    tradesWith: URIRef  # symmetric
    investsIn: URIRef
    pressures: URIRef
    supports: URIRef
    leaderOf: URIRef
    memberOf: URIRef
    affiliatedWith: URIRef
    locatedIn: URIRef
    hosts: URIRef

    # Provenance of a mention
    evidence: URIRef  # the sentence, language-tagged
    charStart: URIRef  # xsd:integer offset of the sentence in the article text
    charEnd: URIRef
    confidence: URIRef  # xsd:decimal in [0, 1]
    extractor: URIRef  # name of the rule set or model

    # Modality, attribution and happenings (prov:wasAttributedTo names a mention's speaker)
    Modality: URIRef
    Asserted: URIRef
    Planned: URIRef
    Hypothetical: URIRef
    Denied: URIRef
    modality: URIRef  # a mention's; none means Asserted
    Happening: URIRef  # one dated occurrence of a relation, reported by mentions
    reports: URIRef  # mention -> happening
    date: URIRef  # xsd:date, xsd:gYearMonth or xsd:gYear
    dateFromReport: URIRef  # true when the report's own date stands in
    place: URIRef
    partOf: URIRef  # talks -> the meeting they were held at

    # Entity resolution, on actors
    mergeReason: URIRef
    mentionCount: URIRef


EX = Namespace(EX_IRI)

RELATIONS: tuple[str, ...] = (
    "invited",
    "invitedTo",
    "visited",
    "participatesIn",
    "metWith",
    "negotiatesWith",
    "cooperatesWith",
    "competesWith",
    "tradesWith",
    "investsIn",
    "pressures",
    "supports",
    "leaderOf",
    "memberOf",
    "affiliatedWith",
    "locatedIn",
    "hosts",
)

# Direction carries no meaning for these: (a, r, b) and (b, r, a) are the same fact.
SYMMETRIC: frozenset[str] = frozenset(
    {"metWith", "negotiatesWith", "cooperatesWith", "competesWith", "tradesWith"}
)

ACTOR_CLASSES: tuple[str, ...] = ("Person", "Country", "Organization", "Place", "Region", "Event", "Project")

PREFIXES: dict[str, str] = {
    "kgo": KGO_IRI,
    "ex": EX_IRI,
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
}


def bind_namespaces(graph: Graph) -> Graph:
    """Bind the project's prefixes on `graph` so Turtle output reads `kgo:invited`, `ex:actor/...`.

    Args:
        graph: any rdflib Graph or Dataset.

    Returns:
        The same graph, for chaining.

    Example:
        >>> g = bind_namespaces(Graph())
        >>> dict(g.namespaces())["kgo"] == URIRef(KGO_IRI)
        True
    """
    for prefix, iri in PREFIXES.items():
        # replace=True: rdflib pre-binds some of these (e.g. "owl") and the project's choice wins
        graph.bind(prefix, Namespace(iri), override=True, replace=True)
    return graph
