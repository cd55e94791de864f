"""Store stage: RDF -> Oxigraph store on disk, queried with SPARQL from Python, the command line or HTTP.

One module per part, each importable on its own:

    terms.py    rdflib <-> pyoxigraph terms; the IRIs of graphs, actors and bookkeeping
    data.py     a build's records -> ArticleData, what one article writes
    core.py     KgStore: the store's layout, per-article transactions, SPARQL, exports
    write.py    writing a build (bulk-loaded when new), removing articles, the lock
    queries.py  saved queries (kg/queries/*.rq) and `--bind` values
    results.py  result formats: a registry of format name -> writer
    serve.py    the read-only SPARQL 1.1 Protocol endpoint (`kg serve`)

The names below are the public API: `from kg.store import KgStore, write_data` works
whichever module a name lives in.
"""

from __future__ import annotations

from kg.store.core import EXPORT_FORMATS, KgStore, NameCounts, QueryResult, StoreReport, is_store
from kg.store.data import ArticleData, articles_from_build, articles_from_dataset
from kg.store.queries import QUERIES_DIR, SavedQuery, bind_values, parse_binding, parse_saved, saved_queries
from kg.store.results import (
    RESULT_FORMATS,
    ResultFormat,
    result_format,
    result_writer,
    results_text,
    triples_turtle,
    write_results,
)
from kg.store.serve import ServeOptions, SparqlServer, answer_query, uses_service
from kg.store.terms import (
    ACTOR_PREFIX,
    ARTICLE_GRAPH_PREFIX,
    BOOKKEEPING_PREFIX,
    KGS_IRI,
    KGS_PREFIXES,
    article_graph,
    bookkeeping_graph,
    to_ox,
    to_rdflib,
)
from kg.store.write import (
    bulk_write,
    lock_path,
    partial_path,
    remove_articles,
    store_lock,
    write_build,
    write_data,
)

__all__ = [
    "ACTOR_PREFIX",
    "ARTICLE_GRAPH_PREFIX",
    "BOOKKEEPING_PREFIX",
    "EXPORT_FORMATS",
    "KGS_IRI",
    "KGS_PREFIXES",
    "QUERIES_DIR",
    "RESULT_FORMATS",
    "ArticleData",
    "KgStore",
    "NameCounts",
    "QueryResult",
    "ResultFormat",
    "SavedQuery",
    "ServeOptions",
    "SparqlServer",
    "StoreReport",
    "answer_query",
    "article_graph",
    "articles_from_build",
    "articles_from_dataset",
    "bind_values",
    "bookkeeping_graph",
    "bulk_write",
    "is_store",
    "lock_path",
    "parse_binding",
    "parse_saved",
    "partial_path",
    "remove_articles",
    "result_format",
    "result_writer",
    "results_text",
    "saved_queries",
    "store_lock",
    "to_ox",
    "to_rdflib",
    "triples_turtle",
    "uses_service",
    "write_build",
    "write_data",
    "write_results",
]
