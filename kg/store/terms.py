"""Store stage, terms: rdflib terms <-> pyoxigraph terms, and the IRIs of the store's graphs and actors.

Every module of kg.store names graphs, actors and bookkeeping terms through this one.
"""

from __future__ import annotations

import functools
from urllib.parse import quote, unquote

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib import Literal as RdfLiteral

from kg.namespaces import EX_IRI, KGO_IRI, PREFIXES

KGS_IRI = "https://w3id.org/kgpol/store#"
KGS_PREFIXES = {**PREFIXES, "kgs": KGS_IRI}
BOOKKEEPING_PREFIX = EX_IRI + "store/article/"
ARTICLE_GRAPH_PREFIX = EX_IRI + "graph/"
ACTOR_PREFIX = EX_IRI + "actor/"

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
MENTION_COUNT = ox.NamedNode(KGO_IRI + "mentionCount")
KGS_FINGERPRINT = ox.NamedNode(KGS_IRI + "fingerprint")
KGS_ARTICLE = ox.NamedNode(KGS_IRI + "article")
KGS_ACTOR = ox.NamedNode(KGS_IRI + "actor")
KGS_COUNT = ox.NamedNode(KGS_IRI + "count")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


@functools.lru_cache(maxsize=1 << 16)  # actors, predicates and classes recur in every article
def to_ox(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RdfLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term):
    """A pyoxigraph term as an rdflib term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return RdfLiteral(term.value, lang=term.language)
        dt = term.datatype.value
        return RdfLiteral(term.value, datatype=None if dt.endswith("#string") else URIRef(dt))
    raise TypeError(f"not an RDF term: {term!r}")


def article_graph(article_id: str) -> ox.NamedNode:
    """The named graph of one article (same IRI as kg.graph.article_graph_iri)."""
    return ox.NamedNode(ARTICLE_GRAPH_PREFIX + quote(article_id, safe=""))


def bookkeeping_graph(article_id: str) -> ox.NamedNode:
    """The bookkeeping graph of one article: its fingerprint and the actors it names."""
    return ox.NamedNode(BOOKKEEPING_PREFIX + quote(article_id, safe=""))


def actor_node(actor_id: str) -> ox.NamedNode:
    """The IRI of an actor: ``ex:actor/<id>``."""
    return ox.NamedNode(ACTOR_PREFIX + quote(actor_id, safe=""))


def int_literal(n: int) -> ox.Literal:
    """An xsd:integer literal."""
    return ox.Literal(str(n), datatype=XSD_INTEGER)


def actor_id_of(iri: str) -> str:
    """The id of an actor from its IRI (the inverse of actor_node)."""
    return unquote(iri[len(ACTOR_PREFIX):])
