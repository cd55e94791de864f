"""A small, fast, deterministic Turtle and TriG writer for the graphs kg makes.

rdflib's serialiser spends most of a build's graph-writing time on prefix lookups and
pretty-printing heuristics; kg's graphs need neither. This one writes subjects in order
of their N-Triples form, predicates and objects sorted likewise, so the same graph gives
the same bytes whatever order its triples were added in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.namespaces import PREFIXES

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
# longest namespace first: one IRI may start with two of them
_NAMESPACES = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda kv: -len(kv[0]))


def _escape_char(m: re.Match) -> str:
    c = m.group()
    return _ESCAPES.get(c) or f"\\u{ord(c):04X}"


def iri(term: str) -> str:
    """An IRI as `prefix:local` when a project prefix fits, else `<...>` (unsafe characters escaped)."""
    for ns, prefix in _NAMESPACES:
        if term.startswith(ns) and _LOCAL.fullmatch(term[len(ns):]):
            return f"{prefix}:{term[len(ns):]}"
    return "<" + _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", term) + ">"


def term_text(term) -> str:
    """One rdflib term in Turtle."""
    if isinstance(term, URIRef):
        return iri(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = '"' + _NEEDS_ESCAPE.sub(_escape_char, str(term)) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is None or term.datatype == XSD.string:
            return text
        if term.datatype == XSD.integer and _INTEGER.fullmatch(str(term)):
            return str(term)
        return f"{text}^^{iri(str(term.datatype))}"
    raise TypeError(f"not an RDF term: {term!r}")


def _sort_key(term) -> tuple[int, str]:
    return (0 if isinstance(term, URIRef) else 1 if isinstance(term, BNode) else 2, term.n3())


def statements(triples: Iterable[tuple]) -> Iterator[str]:
    """Turtle statements, one per subject (`s p o ; p o , o .`), in a fixed order."""
    return (text for _, text in subject_statements(triples))


def subject_statements(triples: Iterable[tuple]) -> Iterator[tuple]:
    """(subject, its Turtle statement) in the order `statements` writes them.

    A subject's statement depends only on its own triples, so the statements of a graph
    split by subject are the statements of each part.
    """
    by_subject: dict = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, set()).add(o)
    for s in sorted(by_subject, key=_sort_key):
        preds = by_subject[s]
        # rdf:type first, as readers expect
        order = sorted(preds, key=lambda p: (p != RDF.type, _sort_key(p)))
        parts = []
        for p in order:
            objs = " ,\n        ".join(term_text(o) for o in sorted(preds[p], key=_sort_key))
            parts.append(f"{'a' if p == RDF.type else term_text(p)} {objs}")
        yield s, term_text(s) + " " + " ;\n    ".join(parts) + " .\n"


def prefix_header() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))


def turtle(triples: Iterable[tuple]) -> Iterator[str]:
    """A whole Turtle document, in pieces to write one after the other."""
    yield prefix_header()
    for st in statements(triples):
        yield "\n" + st


def trig(default: Iterable[tuple], named: Iterable[tuple[str, Iterable[tuple]]]) -> Iterator[str]:
    """A whole TriG document: the default graph's statements, then each named graph in the given order."""
    yield prefix_header()
    for st in statements(default):
        yield "\n" + st
    for name, triples in named:
        block = graph_block(name, "".join(statements(triples)))
        if block:
            yield block


def graph_block(name: str, body: str) -> str:
    """A named graph of TriG around its statements (nothing when there are none)."""
    # not indented: nothing inside a statement depends on it, and it keeps lines short
    return f"\n{iri(name)} {{\n{body}}}\n" if body else ""
