"""Command line, store: `kg query`, `kg serve`, `kg export`, `kg remove` over an Oxigraph store or a graph file."""

from __future__ import annotations

import difflib
import re
import sys
import textwrap
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from kg.analysis import NETWORK_FORMATS
from kg.cli._app import app, err, fail, out
from kg.cli._output import all_of, one_of
from kg.cli._source import graph_file_of, store_of
from kg.cli.analysis import export_network
from kg.errors import KgError
from kg.languages import listed
from kg.plural import plural
from kg.store.core import EXPORT_FORMATS, KgStore, is_store
from kg.store.queries import parse_binding, parse_saved, saved_queries
from kg.store.results import RESULT_FORMATS, triples_turtle, write_results
from kg.store.serve import ServeOptions, SparqlServer
from kg.store.write import remove_articles

# what kg build writes beside the store, which kg remove leaves as they were
BUILD_FILES = ("graph.ttl", "graph.trig", "graph.html", "centrality.csv")
# the results formats `kg query --format` offers, in the registry's order
QUERY_FORMATS = [f for f in RESULT_FORMATS.values() if f.command_line]


def _open(target: Path):
    """A store (or a build folder's store) read-only, or a graph file (a build folder's graph.ttl) in memory."""
    store = store_of(target)
    if store is not None:
        return KgStore(store, read_only=True)
    return KgStore.from_graph_file(graph_file_of(target))


def _query_text(sparql: str) -> tuple[str, dict[str, str]]:
    """The query text and its declared parameters: a saved query name, a .rq file or inline SPARQL."""
    saved = saved_queries()
    if sparql in saved:
        return saved[sparql].text, saved[sparql].params
    p = Path(sparql)
    if sparql.endswith(".rq") or (len(sparql) < 300 and "\n" not in sparql and p.is_file()):
        if not p.is_file():
            fail(f"{sparql}: no such query file")
        q = parse_saved(p)
        return q.text, q.params
    if "{" not in sparql and not re.match(r"\s*(?:PREFIX|BASE|DESCRIBE|#)", sparql, re.IGNORECASE):
        # words without a group in braces are no SPARQL (only DESCRIBE may have none): a saved query's name,
        # mistyped ('who-invted', 'who invited')
        close = difflib.get_close_matches(re.sub(r"[\s_]+", "-", sparql.strip().lower()), list(saved), n=3)
        hint = f"; did you mean {one_of(close)}?" if close else ""
        fail(f"no saved query is named {sparql!r}{hint} ('kg query GRAPH --list' lists them)")
    return sparql, {}


@app.command()
def query(
    graph: Annotated[Path, typer.Argument(
        help="A store folder (OUT/store, or the build folder OUT) or a GRAPH file (graph.ttl, graph.trig, ...).")],
    sparql: Annotated[str, typer.Argument(
        help="A SPARQL query, the path of a .rq file, or the name of a saved query (see --list).")] = "",
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help=one_of([f"{f.name} ({f.description})" for f in QUERY_FORMATS]) + ".")
    ] = "table",
    bind: Annotated[list[str] | None, typer.Option(
        "--bind", "-b", help="name=value, repeatable: fix ?name before the query runs. An actor is named by "
        "its id, any of its names in any language, or its IRI; kgo:Person, <iri>, \"text\"@kk and 42 work too.")
    ] = None,
    list_saved: Annotated[bool, typer.Option("--list", help="List the saved queries and their parameters.")] = False,
) -> None:
    """Run a SPARQL query over GRAPH and print the results.

    SELECT and ASK print as a table or in the SPARQL 1.1 CSV/TSV/JSON results formats;
    CONSTRUCT and DESCRIBE print Turtle. The prefixes kgo, ex, rdf, rdfs, skos, owl,
    prov, dcterms and xsd need no PREFIX line.
    """
    if list_saved:
        for q in saved_queries().values():
            params = ", ".join(f"{k} ({v})" for k, v in q.params.items()) or "none"
            about = q.description.removeprefix(f"{q.name}:").strip()
            out.print(f"[bold]{q.name}[/bold]  bindings: {escape(params)}", highlight=False)
            folded = textwrap.fill(about, width=max(40, out.width), initial_indent="    ", subsequent_indent="    ")
            out.print(escape(folded) + "\n", highlight=False, soft_wrap=True)  # folded to the terminal's width
        return
    if not sparql:
        fail("give a query: inline SPARQL, a .rq file or a saved query name (kg query GRAPH --list)")
    text, params = _query_text(sparql)
    if fmt not in {f.name for f in QUERY_FORMATS}:
        others = ", ".join(f.name for f in QUERY_FORMATS if f.name not in ("table", "csv", "json"))
        fail(f"--format must be table, csv or json (or {others}), not {fmt!r}")
    try:
        with _open(graph) as store:
            bindings = {}
            for item in bind or []:
                name, sep, value = item.partition("=")
                name = name.strip().lstrip("?")
                if not sep or not name:
                    fail(f"--bind {item!r}: write name=value")
                bindings[name] = parse_binding(store, name, value, params.get(name))
            res = store.query(text, bindings)
    except KgError as exc:
        fail(str(exc))
        return
    if res.kind == "CONSTRUCT":
        sys.stdout.write(triples_turtle(res.triples))
        return
    write_results(res, fmt, sys.stdout)


@app.command()
def export(
    store: Annotated[Path, typer.Argument(
        help="A store folder (OUT/store) or the build folder OUT; for the network formats also a graph file.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The file to write.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help=one_of(list(EXPORT_FORMATS)) + " (RDF, streamed from the "
                                     "store); " + one_of(list(NETWORK_FORMATS)) + " (the actor network, for Gephi "
                                     "and networkx).")] = "trig",
    bookkeeping: Annotated[bool, typer.Option(
        "--bookkeeping", help="Also write the store's bookkeeping graphs (ex:store/article/...).")] = False,
    lang: Annotated[str | None, typer.Option(
        help=f"Network formats: the language of each actor's label, {listed(names=False)} (default en; every "
             "language's label is written too).")] = None,
    relations: Annotated[list[str] | None, typer.Option(
        "--relations", "-r", help="Network formats: keep only these relations (repeatable or comma-separated); "
                                  "'interactions' stands for the actor-on-actor ones.")] = None,
) -> None:
    """Write the whole store to a file, streaming (a large store need not fit in memory), or its actor network.

    trig, nq and jsonld keep one named graph per article; turtle and nt merge the graphs
    into one. The store's bookkeeping graphs are left out unless --bookkeeping.
    graphml, gexf and edgelist write the actor network (kg.analysis.actor_graph): actors with
    their labels and types, ties with their relations and supporting-sentence counts.
    """
    network = one_of(list(NETWORK_FORMATS))
    if fmt in NETWORK_FORMATS:
        export_network(store, output, fmt, lang=lang or "en", relations=relations)
        return
    if fmt not in EXPORT_FORMATS:
        fail(f"--format must be {one_of(list(EXPORT_FORMATS))} (RDF) or {network} (the actor network), not {fmt!r}")
    if lang is not None or relations:
        fail(f"--lang and --relations apply to the network formats ({network}) only")
    path = store / "store" if not is_store(store) and is_store(store / "store") else store
    try:
        with KgStore(path, read_only=True) as st:
            n = st.export(output, fmt, bookkeeping=bookkeeping)
    except KgError as exc:
        fail(str(exc))
        return
    out.print(f"wrote {escape(str(output))} ({plural(n, 'statement')}, {fmt})", highlight=False, soft_wrap=True)


@app.command()
def remove(
    store: Annotated[Path, typer.Argument(help="A store folder (OUT/store) or the build folder OUT.")],
    article_ids: Annotated[list[str], typer.Argument(help="The ids of the articles to remove (file names without "
                                                          "extension).")],
) -> None:
    """Take articles out of the store, with the relations and actors no remaining article supports or names.

    The build's files (graph.ttl, graph.trig, graph.html, centrality.csv) are not touched: kg query, render,
    centrality, entities, validate and export read the store of a build folder, kg build rewrites the files.
    """
    path = store_of(store) or store
    try:
        report = remove_articles(path, article_ids)
    except KgError as exc:
        fail(str(exc))
        return
    out.print(f"removed {plural(len(report.removed), 'article')}; "
              f"{plural(len(report.dropped_actors), 'actor')} no longer named: "
              + (", ".join(report.dropped_actors) or "none"), highlight=False, soft_wrap=True)
    folder = store if path != store else path.parent
    stale = [name for name in BUILD_FILES if (folder / name).is_file()]
    if stale:
        one = len(stale) == 1
        out.print(f"note: {all_of(stale)} in {folder} {'is a build output' if one else 'are build outputs'} "
                  f"and still {'includes' if one else 'include'} the removed "
                  f"{'article' if len(report.removed) == 1 else 'articles'}; kg render {folder}, kg centrality "
                  f"{folder} and kg query {folder} read the store; kg build rewrites them.",
                  highlight=False, soft_wrap=True)


@app.command()
def serve(
    store: Annotated[Path, typer.Argument(help="A store folder (OUT/store) or the build folder OUT.")],
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="TCP port (0 picks a free one).")] = 7878,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run before it is stopped, and wait for a "
                                                "worker.")] = 30.0,
    short_timeout: Annotated[float, typer.Option(
        help="Seconds a query may run on the worker kept for short queries, which it gets when the others are "
             "all busy with long ones.")] = 2.0,
    read_timeout: Annotated[float, typer.Option(help="Seconds a client has to send its whole request.")] = 10.0,
    limit: Annotated[int, typer.Option(help="At most this many result rows (the X-KG-Truncated header says "
                                            "when more were cut).")] = 10_000,
    workers: Annotated[int, typer.Option(help="Queries run at once, each in its own process; with two or more, "
                                              "one is kept for short queries.")] = 2,
    allow_federation: Annotated[bool, typer.Option(
        "--allow-federation", help="Let SERVICE clauses query other endpoints (off: a public endpoint must not "
        "fetch arbitrary URLs).")] = False,
) -> None:
    """Serve STORE as a read-only SPARQL 1.1 Protocol endpoint at http://HOST:PORT/sparql.

    Updates are refused (403), queries have a timeout and a row limit, one client runs one
    query at a time, and SERVICE is refused unless --allow-federation. Ctrl-C stops it.
    """
    path = store / "store" if not is_store(store) and is_store(store / "store") else store
    opts = ServeOptions(host=host, port=port, timeout=timeout, short_timeout=short_timeout,
                        read_timeout=read_timeout, limit=limit, allow_federation=allow_federation, workers=workers)
    try:
        server = SparqlServer(path, opts)
        bound_host, bound_port = server.start()
    except KgError as exc:
        fail(str(exc))
        return
    # flushed at once: a script that starts the server waits for this line
    print(f"serving {path} at http://{bound_host}:{bound_port}/sparql (read-only; Ctrl-C stops)", flush=True)
    try:
        server.wait()
    except KeyboardInterrupt:
        err.print("stopping")
    finally:
        server.stop()
