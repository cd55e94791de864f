"""Command line, build: `kg build`, `kg validate`, `kg render` and `kg entities` over articles and graph files."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Column, Table

from kg.articles import MAX_BYTES
from kg.cli._app import app, err, fail, out
from kg.cli._output import one_of
from kg.cli._source import SOURCE_HELP, graph_file_of, load_source, store_of
from kg.errors import KgError
from kg.languages import CODES, listed
from kg.namespaces import KGO, RELATIONS
from kg.plural import plural
from kg.render import DEFAULT_SIZE_BY
from kg.render import MEASURES as VIEW_MEASURES


@app.command()
def build(
    inputs: Annotated[list[Path], typer.Argument(
        help="Article files or folders of them (UTF-8 text, first line ' date YYYY-MM-DD ').")],
    output: Annotated[Path, typer.Option(
        "-o", "--output", help="Folder for graph.ttl, graph.trig and graph.html.")] = Path("out"),
    html: Annotated[bool, typer.Option("--html/--no-html", help="Also write the interactive graph.html.")] = True,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar.")] = False,
    store: Annotated[Path | None, typer.Option(
        help="The Oxigraph store to update (default OUTPUT/store); articles already there and unchanged "
             "are left alone.")] = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Write no store, only the files.")] = False,
    jobs: Annotated[int, typer.Option(
        "-j", "--jobs", min=0,
        help="Processes that read the articles (0: one per core). The output is the same for any N.")] = 1,
    dask: Annotated[str | None, typer.Option(
        help="Read the articles on a Dask cluster: the scheduler's address (tcp://host:8786). "
             "Its workers need kg installed (pip install 'kg[dask]').")] = None,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Files larger than this are not read (they are named as skipped).")] = MAX_BYTES,
) -> None:
    """Build the graph of INPUTS into OUTPUT and print what was made.

    Files that cannot be read (empty, binary, not UTF-8, no date header, another
    language) are reported one line each and the rest is still built.
    """
    from kg.pipeline import build as run_build

    if output.exists() and not output.is_dir():
        fail(f"{output}: is a file, not a folder; give -o a folder for the graph files")
    try:
        with Progress(TextColumn("[bold]building[/bold] {task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err, disable=quiet, transient=True) as bar:
            task = bar.add_task("", total=None)

            def progress(name: str, n: int, total: int) -> None:
                bar.update(task, description=name, completed=n - 1, total=total)

            stored: Counter[str] = Counter()
            result = run_build(inputs, output, progress=progress, render_html=html,
                               store=False if no_store else (store or True),
                               on_stored=lambda _id, action: stored.update([action]),
                               jobs=jobs or (os.cpu_count() or 1), dask=dask, max_bytes=max_bytes)
    except KgError as exc:
        fail(str(exc))
        return
    except OSError as exc:
        # a folder that cannot be written: the earlier graph files are replaced only once new ones are whole
        where = exc.filename or output
        fail(f"{where}: cannot be written ({exc.strerror or exc}); the earlier graph in {output} is as it was")
        return
    for line in result.skipped:
        err.print(f"[yellow]skipped:[/yellow] {escape(line)}", highlight=False, soft_wrap=True)
    for line in result.warnings:
        err.print(f"[yellow]warning:[/yellow] {escape(line)}", highlight=False, soft_wrap=True)
    langs = Counter(a.lang for a in result.articles)
    out.print(f"[bold]Built[/bold] {plural(len(result.articles), 'article')} "
              f"({', '.join(f'{n} {k}' for k, n in sorted(langs.items()))}), {plural(result.sentences, 'sentence')}, "
              f"{plural(len(result.entities), 'actor')}, {plural(len(result.relations()), 'relation')} "
              f"from {plural(result.mentions(), 'mention')}; {plural(len(result.skipped), 'file')} skipped.",
              soft_wrap=True)
    table = Table("relation", "relations", title="Relations by type", title_justify="left")
    for rel, n in sorted(result.per_relation().items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(rel, str(n))
    out.print(table)
    out.print("Mentions by language: " + ", ".join(f"{k}: {n}" for k, n in sorted(result.per_language().items())))
    for kind, path in result.outputs.items():
        out.print(f"  {kind:5} {escape(str(path))}", highlight=False, soft_wrap=True)
    if "store" in result.outputs:
        out.print("Store: " + ", ".join(f"{stored[k]} {k}" for k in ("added", "replaced", "unchanged")) + " articles")


@app.command()
def validate(graph: Annotated[Path, typer.Argument(help=SOURCE_HELP)]) -> None:
    """Check GRAPH against the SHACL shapes of ontology/shapes.ttl; exit 1 when it does not conform."""
    from kg.validate import validate as run

    store = store_of(graph)
    try:
        res = run(load_source(store) if store is not None else graph_file_of(graph))
    except KgError as exc:
        fail(str(exc))
        return
    if res.conforms:
        out.print(f"{escape(str(graph))}: conforms to the kg shapes", highlight=False, soft_wrap=True)
        return
    out.print(res.text, markup=False, highlight=False)
    fail(f"{graph}: {plural(res.results, 'SHACL violation')}")


@app.command()
def render(
    graph: Annotated[Path, typer.Argument(help=SOURCE_HELP)],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path("graph.html"),
    lang: Annotated[str, typer.Option(help=f"Label language shown first: {listed(names=False)}.")] = "en",
    size_by: Annotated[str, typer.Option(help=f"Node size by {one_of(list(VIEW_MEASURES))}.")] = DEFAULT_SIZE_BY,
    max_nodes: Annotated[int, typer.Option(help="Show at most this many actors (the most central).")] = 500,
) -> None:
    """Write an interactive, self-contained HTML view of GRAPH (works offline).

    A view that shows none of the relations GRAPH holds is an error (exit 1), and no file is written.
    """
    from kg.render import graph_to_view, write_html

    rdf = load_source(graph)
    try:
        view = graph_to_view(rdf, lang=lang, size_by=size_by, max_nodes=max_nodes)
    except (KgError, ValueError) as exc:
        fail(str(exc))
        return
    held = sum(1 for rel in RELATIONS for _ in rdf.triples((None, KGO[rel], None)))
    if held and not view.edges:
        why = f"; --max-nodes {max_nodes} leaves too few actors" if view.meta.truncated else ""
        fail(f"{graph}: the view shows none of its {plural(held, 'relation')}{why}; nothing written")
    try:
        write_html(view, output)
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    out.print(f"wrote {escape(str(output))} ({plural(len(view.nodes), 'actor')}, "
              f"{plural(len(view.edges), 'relation')})", highlight=False, soft_wrap=True)


@app.command()
def entities(graph: Annotated[Path, typer.Argument(help=SOURCE_HELP)]) -> None:
    """List the actors of GRAPH: labels, type, mention counts and why names were merged."""
    g = load_source(graph)
    q = """
    PREFIX kgo: <https://w3id.org/kgpol/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?a ?type
      (GROUP_CONCAT(DISTINCT CONCAT(STR(?l), "@", LANG(?l)); separator=" | ") AS ?labels)
      (GROUP_CONCAT(DISTINCT ?why; separator=" ; ") AS ?reasons)
    WHERE {
      ?a a ?type ; rdfs:label ?l .
      FILTER(?type != kgo:Article && ?type != kgo:Mention)
      OPTIONAL { ?a kgo:mergeReason ?why }
    } GROUP BY ?a ?type ORDER BY ?a
    """
    counts: dict[str, Counter[str]] = {}
    for row in g.query("""
        PREFIX kgo: <https://w3id.org/kgpol/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?x ?lang (COUNT(DISTINCT ?m) AS ?n) WHERE {
          ?m a kgo:Mention ; prov:wasDerivedFrom ?art . ?art dcterms:language ?lang .
          { ?m rdf:subject ?x } UNION { ?m rdf:object ?x }
        } GROUP BY ?x ?lang"""):
        counts.setdefault(str(row.x), Counter())[str(row.lang)] = int(row.n)
    table = Table(*(Column(n, overflow="fold") for n in ("actor", "type", "labels", f"mentions ({'/'.join(CODES)})",
                                                          "merge reasons")), show_lines=False)
    for row in g.query(q):
        c = counts.get(str(row.a), Counter())
        # row["labels"], not row.labels: ResultRow.labels is rdflib's own name -> index map
        table.add_row(escape(str(row["a"]).rsplit("/", 1)[-1]), str(row["type"]).rsplit("#", 1)[-1],
                      escape(" | ".join(sorted(str(row["labels"]).split(" | ")))),  # GROUP_CONCAT has no order
                      "/".join(str(c[code]) for code in CODES),
                      escape(str(row["reasons"] or "")))
    out.print(table)
