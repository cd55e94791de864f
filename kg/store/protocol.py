"""Store stage, serving: one SPARQL 1.1 Protocol request (query, Accept) -> HTTP status, content type, body.

What a worker process runs for each query (workers.py), with no HTTP in it: content
negotiation, the row limit, and the result writers of results.py.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store.core import KgStore
from kg.store.results import results_text
from kg.store.terms import KGS_PREFIXES

_SELECT_TYPES = [("application/sparql-results+json", "srj"), ("application/json", "srj"),
                 ("application/sparql-results+xml", "xml"), ("application/xml", "xml"),
                 ("text/csv", "csv"), ("text/tab-separated-values", "tsv")]
_GRAPH_TYPES = [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML)]
# the `format=` (or `output=`) request parameter some clients send instead of an Accept header
FORMAT_PARAM = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                "n3": "text/turtle", "rdf": "application/rdf+xml", "json-ld": "application/ld+json"}


def _negotiate(accept: str, kind: str) -> tuple[str, object]:
    """(content type, format) for a result kind from an Accept header (first match wins, default JSON/Turtle)."""
    table = _GRAPH_TYPES if kind == "CONSTRUCT" else _SELECT_TYPES
    wanted = [part.split(";")[0].strip().lower() for part in (accept or "").split(",")]
    for w in wanted:
        for ctype, fmt in table:
            if w == ctype:
                return ctype, fmt
    return table[0]


def answer_query(store: KgStore, query: str, accept: str, *, limit: int,
                 default_graphs: list[str] | None = None) -> tuple[int, str, bytes, bool]:
    """Evaluate one protocol request: (HTTP status, content type, body, truncated)."""
    for iri in default_graphs or []:
        try:
            ox.NamedNode(iri)
        except ValueError:
            return 400, "text/plain; charset=utf-8", f"default-graph-uri {iri!r} is not an IRI\n".encode(), False
    try:
        res = store.query(query, limit=limit, default_graphs=default_graphs)
    except StoreError as exc:
        return 400, "text/plain; charset=utf-8", (str(exc) + "\n").encode(), False
    if res.kind == "CONSTRUCT":
        ctype, fmt = _negotiate(accept, "CONSTRUCT")
        triples = res.triples[:limit]
        body = ox.serialize(triples, format=fmt, prefixes=KGS_PREFIXES if fmt == ox.RdfFormat.TURTLE else None)
        return 200, ctype, body, len(res.triples) > limit
    ctype, fmt = _negotiate(accept, res.kind)
    charset = "; charset=utf-8" if fmt in ("csv", "tsv") else ""
    return 200, ctype + charset, results_text(res, fmt).encode(), res.truncated
