"""Command line, analysis: `kg centrality GRAPH` prints (and --csv writes) the actors' centralities."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Column, Table

from kg.analysis import INTERACTIONS, MEASURES, actor_graph, centrality_table
from kg.cli._app import app, fail, out
from kg.errors import KgError
from kg.languages import CODES, listed

DEFAULT_TOP = 20


def _split(values: list[str] | None) -> list[str]:
    """Options given several times or comma-separated: `-m pagerank,degree -m closeness`."""
    return [v.strip() for chunk in values or [] for v in chunk.split(",") if v.strip()]


@app.command()
def centrality(
    graph: Annotated[Path, typer.Argument(help="A graph file (graph.ttl, graph.trig), or a build folder.")],
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
) -> None:
    """Rank the actors of GRAPH by centrality: degree, in/out degree, PageRank, betweenness, eigenvector, closeness.

    Edges are weighted by the number of sentences that support them.
    """
    if lang not in CODES:
        fail(f"--lang must be one of {', '.join(CODES)}, not {lang!r}")
    if top is not None and top < 0:
        fail("--top must be 0 (all) or more")
    path = graph / "graph.ttl" if graph.is_dir() else graph
    measures = [m.replace("-", "_") for m in _split(measure)] or None
    rels = _split(relations)
    if "interactions" in rels:
        rels = [r for r in rels if r != "interactions"] + list(INTERACTIONS)
    try:
        G = actor_graph(path, directed=not undirected, relations=rels or None, since=since, until=until, lang=lang)
        table = centrality_table(G, measures, backend=backend)  # type: ignore[arg-type]
    except KgError as exc:
        fail(str(exc))
        return
    if csv_path is not None:
        rows = table if not top else table.head(top)
        try:
            rows.to_csv(csv_path, float_format="%.6f", encoding="utf-8", lineterminator="\n")
        except OSError as exc:
            fail(f"{csv_path}: cannot write: {exc}")
    shown = table if top == 0 else table.head(top or DEFAULT_TOP)
    names = [c for c in table.columns if c not in ("label", "type", "mentions", "community")]
    view = Table(Column("#", justify="right"), Column("actor", overflow="fold"), Column("label", overflow="fold"),
                 "type", Column("mentions", justify="right"), Column("community", justify="right"),
                 *(Column(n, justify="right") for n in names),
                 title=f"Centrality of {G.number_of_nodes()} actors, {G.number_of_edges()} relations",
                 title_justify="left")
    for rank, (actor, row) in enumerate(shown.iterrows(), 1):
        view.add_row(str(rank), escape(str(actor)), escape(str(row["label"])), str(row["type"]),
                     f"{row['mentions']:g}", str(row["community"]), *(f"{row[n]:.4f}" for n in names))
    out.print(view)
    if csv_path is not None:
        out.print(f"wrote {escape(str(csv_path))} ({len(rows)} actors)", highlight=False, soft_wrap=True)
