"""Command line, analysis: `kg centrality GRAPH` (the actors' centralities) and the network formats of `kg export`."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from kg.analysis import INTERACTIONS, MEASURES, actor_graph, centrality_table, write_network
from kg.cli._app import app, fail, out
from kg.cli._output import FORMAT_HELP, Col, Listing, check_format, emit, write_csv
from kg.cli._source import SOURCE_HELP, load_source
from kg.errors import KgError
from kg.languages import CODES, listed
from kg.plural import plural
from kg.store.core import KgStore, is_store

DEFAULT_TOP = 20


def _split(values: list[str] | None) -> list[str]:
    """Options given several times or comma-separated: `-m pagerank,degree -m closeness`."""
    return [v.strip() for chunk in values or [] for v in chunk.split(",") if v.strip()]


def _relations(values: list[str] | None) -> list[str] | None:
    """--relations with 'interactions' standing for the actor-on-actor ones; None keeps all."""
    rels = _split(values)
    if "interactions" in rels:
        rels = [r for r in rels if r != "interactions"] + list(INTERACTIONS)
    return rels or None


def export_network(source: Path, output: Path, fmt: str, *, lang: str, relations: list[str] | None) -> None:
    """`kg export -f graphml|gexf|edgelist`: the actor network of a store, a build folder or a graph file."""
    if lang not in CODES:
        fail(f"--lang must be one of {', '.join(CODES)}, not {lang!r}")
    # what `kg export` reads for the RDF formats, the store, comes first; then graph.ttl
    store = next((p for p in (source, source / "store") if is_store(p)), None)
    if store is None and source.is_dir():
        if not (source / "graph.ttl").is_file():
            fail(f"{source}: neither a store nor a build folder with store/ or graph.ttl; "
                 "build one with 'kg build INPUT -o OUT'")
        source = source / "graph.ttl"
    try:
        with tempfile.TemporaryDirectory(prefix="kg_export_") as tmp:
            if store is not None:
                # the store's articles as one graph (no bookkeeping), read the way a graph file is
                with KgStore(store, read_only=True) as st:
                    st.export(Path(tmp) / "store.nt", "nt")
                source = Path(tmp) / "store.nt"
            G = actor_graph(source, relations=_relations(relations), lang=lang)
            write_network(G, output, fmt)
    except KgError as exc:
        fail(str(exc))
        return
    out.print(f"wrote {escape(str(output))} ({plural(G.number_of_nodes(), 'actor')}, "
              f"{plural(G.number_of_edges(), 'tie')} between them, {fmt})",
              highlight=False, soft_wrap=True)


@app.command()
def centrality(
    graph: Annotated[Path, typer.Argument(help=SOURCE_HELP)],
    measure: Annotated[list[str] | None, typer.Option(
        "--measure", "-m",
        help=f"Measures to show, repeatable or comma-separated: {', '.join(MEASURES)}. "
             "Default: all. Rows are ranked by PageRank if shown, else by the first.")] = None,
    top: Annotated[int | None, typer.Option(
        "--top", "-n", help=f"Show this many actors (0: all). Default {DEFAULT_TOP} on the terminal, "
                            "all in --csv.")] = None,
    relations: Annotated[list[str] | None, typer.Option(
        "--relations", "-r", help="Keep only these relations (repeatable or comma-separated), e.g. visited,metWith; "
                                  "'interactions' stands for the actor-on-actor ones.")] = None,
    since: Annotated[str | None, typer.Option(help="Only mentions from articles dated YYYY-MM-DD or later.")] = None,
    until: Annotated[str | None, typer.Option(help="Only mentions from articles dated YYYY-MM-DD or earlier.")] = None,
    lang: Annotated[str, typer.Option(help=f"Label language: {listed(names=False)} (falls back to another).")] = "en",
    undirected: Annotated[bool, typer.Option(
        "--undirected", help="Ignore the direction of relations (no in/out degree).")] = False,
    backend: Annotated[str, typer.Option(help="auto, networkx or igraph for the heavy measures.")] = "auto",
    csv_path: Annotated[Path | None, typer.Option("--csv", help="Also write the table to this CSV file.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)] = "table",
) -> None:
    """Rank the actors of GRAPH by centrality: degree, in/out degree, PageRank, betweenness, eigenvector, closeness.

    Ties are weighted by the number of mentions (sentences) that support them. A table too wide
    for the terminal leaves out its last measures and says which; --format csv or json has them all.
    """
    check_format(fmt)
    if lang not in CODES:
        fail(f"--lang must be one of {', '.join(CODES)}, not {lang!r}")
    if top is not None and top < 0:
        fail("--top must be 0 (all) or more")
    measures = [m.replace("-", "_") for m in _split(measure)] or None
    rdf = load_source(graph)
    try:
        G = actor_graph(rdf, directed=not undirected, relations=_relations(relations), since=since, until=until,
                        lang=lang)
        table = centrality_table(G, measures, backend=backend)  # type: ignore[arg-type]
    except KgError as exc:
        fail(str(exc))
        return
    listing = _centrality_listing(table, G.number_of_nodes(), G.number_of_edges())
    if csv_path is not None:
        rows = listing.rows if not top else listing.rows[:top]
        try:
            with csv_path.open("w", encoding="utf-8", newline="") as f:
                write_csv(Listing(listing.columns, rows), f)
        except OSError as exc:
            fail(f"{csv_path}: cannot write: {exc.strerror or exc}")
    if fmt == "table":
        listing.rows = listing.rows if top == 0 else listing.rows[:top or DEFAULT_TOP]
    elif top:
        listing.rows = listing.rows[:top]
    emit(listing, fmt, out)
    if csv_path is not None and fmt == "table":
        out.print(f"wrote {escape(str(csv_path))} ({plural(len(rows), 'actor')})", highlight=False, soft_wrap=True)


# short headers: at 80 columns a header as wide as "betweenness" costs a measure
_HEADERS = {"in_degree": "in", "out_degree": "out", "betweenness": "between", "eigenvector": "eigen",
            "closeness": "close", "community": "comm"}


def _centrality_listing(table, actors: int, ties: int) -> Listing:
    """The centrality table as a Listing: the ranking measure first, the others optional on a narrow terminal."""
    measures = [c for c in table.columns if c in MEASURES]
    ranked_by = next((m for m in ("pagerank", *measures) if m in measures), None)
    measures.sort(key=lambda m: m != ranked_by)  # stable: the others keep their order
    columns = [Col("rank", "#", numeric=True, data=False), Col("actor"), Col("label"), Col("type"),
               Col("relation_mentions", "rel. mentions", numeric=True),
               Col("community", _HEADERS["community"], numeric=True),
               *(Col(m, _HEADERS.get(m, m), numeric=True, optional=m != ranked_by) for m in measures)]
    rows = [{"rank": rank, "actor": str(actor), **{k: _py(v) for k, v in row.items()}}
            for rank, (actor, row) in enumerate(table.iterrows(), 1)]
    return Listing(columns, rows, title=f"Centrality of {plural(actors, 'actor')} and {plural(ties, 'tie')}")


def _py(value):
    """numpy numbers as Python ones (json writes those)."""
    return value.item() if hasattr(value, "item") else value
