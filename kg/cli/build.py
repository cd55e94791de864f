"""Command line, build: `kg build` (and its --push), `kg validate`, `kg render` and `kg entities` over articles and
graph files."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Annotated
from urllib.parse import unquote

import typer
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kg.articles import MAX_BYTES
from kg.cli._app import app, err, fail, out
from kg.cli._output import FORMAT_HELP, Col, Listing, check_format, emit, one_of
from kg.cli._source import SOURCE_HELP, graph_file_of, load_source, store_of
from kg.cli.push import ACTORS_GRAPH_HELP, CA_BUNDLE_HELP, PROTOCOL_HELP, check_protocol, check_push_url, run_push
from kg.errors import KgError
from kg.languages import CODES, listed
from kg.namespaces import ACTOR_CLASSES, KGO, RELATIONS
from kg.plural import plural
from kg.render import DEFAULT_SIZE_BY
from kg.render import MEASURES as VIEW_MEASURES
from kg.store.push import PushOptions
from kg.store.results import short_iri
from kg.store.terms import ACTOR_PREFIX


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
    # help is rich markup: "[dask]" unescaped is a style tag, and the help said "pip install 'kg'"
    dask: Annotated[str | None, typer.Option(
        help="Read the articles on a Dask cluster: the scheduler's address (tcp://host:8786). "
             "Its workers need kg installed (pip install 'kg\\[dask]').")] = None,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Files larger than this are not read (they are named as skipped).")] = MAX_BYTES,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="The summary as a table (for the terminal), csv (the relations by type) or json "
                               "(every count and file).")] = "table",
    push: Annotated[str | None, typer.Option(
        metavar="URL", help="Then push the store to this SPARQL server, as kg push OUTPUT --to URL does (only what "
                            "changed since the last push there; kg push has --batch, --retries and --timeout). "
                            "The URL and credentials are checked before the build.")] = None,
    protocol: Annotated[str, typer.Option(help=PROTOCOL_HELP + " With --push only.")] = "gsp",
    actors_graph: Annotated[str | None, typer.Option("--actors-graph", help=ACTORS_GRAPH_HELP + " With --push only.")
                            ] = None,
    ca_bundle: Annotated[Path | None, typer.Option("--ca-bundle", exists=True, dir_okay=False,
                                                   help=CA_BUNDLE_HELP + " With --push only.")] = None,
) -> None:
    """Build the graph of INPUTS into OUTPUT and print what was made.

    Files that cannot be read (empty, binary, not UTF-8, no date header, another
    language) are reported one line each and the rest is still built. The counts are
    the graph's: each relation once (a symmetric one read both ways too), one mention
    per relation and sentence.
    """
    from kg.pipeline import build as run_build

    check_format(fmt)
    if output.exists() and not output.is_dir():
        fail(f"{output}: is a file, not a folder; give -o a folder for the graph files")
    if push is not None:  # before the build, which may take hours: not after it
        if no_store:
            fail("--push sends the build's store and --no-store writes none: leave one of them out")
        check_protocol(protocol)
        check_push_url(push, ca_bundle)
    elif protocol != "gsp" or actors_graph is not None or ca_bundle is not None:
        fail("--protocol, --actors-graph and --ca-bundle are for --push URL; give it or leave them out")
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
    _summary(result, stored, fmt)
    if push is not None:
        options = PushOptions(protocol=protocol, actors_graph=actors_graph, ca_bundle=ca_bundle)
        run_push(result.outputs["store"], push, options, quiet=quiet, summary=out if fmt == "table" else err)


def _summary(result, stored: Counter[str], fmt: str) -> None:
    """What a build made: a few lines and the relations by type, or the same counts as csv or json."""
    by_type = Listing([Col("relation"), Col("relations", numeric=True)],
                      [{"relation": rel, "relations": n}
                       for rel, n in sorted(result.per_relation().items(), key=lambda kv: (-kv[1], kv[0]))],
                      title="Relations by type")
    langs = Counter(a.lang for a in result.articles)
    per_language = dict(sorted(result.per_language().items()))
    store = {k: stored[k] for k in ("added", "replaced", "unchanged")} if "store" in result.outputs else None
    if fmt == "json":
        typer.echo(json.dumps({
            "articles": len(result.articles), "languages": dict(sorted(langs.items())),
            "sentences": result.sentences, "actors": len(result.entities), "relations": len(result.relations()),
            "mentions": result.mentions(), "skipped": len(result.skipped), "relations_by_type": by_type.rows,
            "mentions_by_language": per_language, "outputs": {k: str(v) for k, v in result.outputs.items()},
            "store": store}, ensure_ascii=False, indent=1))
        return
    if fmt == "csv":
        emit(by_type, fmt, out)
        return
    out.print(f"[bold]Built[/bold] {plural(len(result.articles), 'article')} "
              f"({', '.join(f'{n} {k}' for k, n in sorted(langs.items()))}), {plural(result.sentences, 'sentence')}, "
              f"{plural(len(result.entities), 'actor')}, {plural(len(result.relations()), 'relation')} "
              f"from {plural(result.mentions(), 'mention')}; {plural(len(result.skipped), 'file')} skipped.",
              soft_wrap=True)
    emit(by_type, fmt, out)
    out.print("Mentions by language: " + ", ".join(f"{k}: {n}" for k, n in per_language.items()))
    for kind, path in result.outputs.items():
        out.print(f"  {kind:10} {escape(str(path))}", highlight=False, soft_wrap=True)
    if store is not None:
        out.print("Store: " + ", ".join(f"{n} {k}" for k, n in store.items()) + " articles")


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
    for v in res.violations:  # one line each; pyshacl's report repeats a SPARQL shape's whole query per result
        what = " ".join(short_iri(x) for x in (v.focus, v.path, v.value if v.value != v.focus else "") if x)
        out.print(f"{what}: {v.message or 'violates its shape'} ({v.shape.rsplit('#', 1)[-1]})", markup=False,
                  highlight=False, soft_wrap=True)
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
    drawn = sum(1 for e in view.edges if e.asserted)  # not the links only supposed or denied
    if held and not drawn:
        why = f"; --max-nodes {max_nodes} leaves too few actors" if view.meta.truncated else ""
        fail(f"{graph}: the view shows none of its {plural(held, 'relation')}{why}; nothing written")
    try:
        write_html(view, output)
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    out.print(f"wrote {escape(str(output))} ({plural(len(view.nodes), 'actor')}, "
              f"{plural(drawn, 'relation')})", highlight=False, soft_wrap=True)


@app.command()
def entities(
    graph: Annotated[Path, typer.Argument(help=SOURCE_HELP)],
    fmt: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)] = "table",
) -> None:
    """List the actors of GRAPH: type, labels, names, relation mentions and why names were merged.

    names: how many times the articles name the actor (kgo:mentionCount). relation mentions: the
    relations read with the actor as subject or object, one per relation and sentence (kgo:Mention),
    by the language of the sentence; a sentence that only supposes or denies a relation is not counted.
    """
    check_format(fmt)
    emit(_entities_listing(load_source(graph)), fmt, out)


def _entities_listing(g) -> Listing:
    classes = {KGO[c]: c for c in ACTOR_CLASSES}
    types: dict = {}
    for node, cls in g.subject_objects(RDF.type):
        if cls in classes and isinstance(node, URIRef):
            types.setdefault(node, []).append(classes[cls])
    mentions: dict = {}
    for m in g.subjects(RDF.type, KGO.Mention):
        if g.value(m, KGO.modality) in (KGO.Hypothetical, KGO.Denied):
            continue  # it asserts no relation (ONTOLOGY), like the centrality table and the saved queries
        evidence = g.value(m, KGO.evidence)
        lang = getattr(evidence, "language", None) or ""
        for end in {g.value(m, RDF.subject), g.value(m, RDF.object)} - {None}:
            mentions.setdefault(end, Counter())[lang] += 1
    rows = []
    for node in sorted(types, key=str):
        labels = {lit.language: str(lit) for lit in g.objects(node, RDFS.label) if isinstance(lit, Literal)}
        count = g.value(node, KGO.mentionCount)
        per_lang = mentions.get(node, Counter())
        rows.append({
            "actor": unquote(str(node).removeprefix(ACTOR_PREFIX)),
            "type": " ".join(sorted(types[node], key=ACTOR_CLASSES.index)),
            "labels": [f"{code}: {labels[code]}" for code in CODES if code in labels],
            **{f"label_{code}": labels.get(code, "") for code in CODES},
            "names": int(count) if count is not None else 0,
            "relation_mentions": "/".join(str(per_lang[code]) for code in CODES),
            **{f"relation_mentions_{code}": per_lang[code] for code in CODES},
            "merge_reasons": sorted(str(r) for r in g.objects(node, KGO.mergeReason)),
        })
    columns = [Col("actor"), Col("type"), Col("labels", data=False),
               *(Col(f"label_{code}", table=False) for code in CODES),
               Col("names", numeric=True),
               Col("relation_mentions", f"relation mentions {'/'.join(CODES)}", data=False),
               *(Col(f"relation_mentions_{code}", numeric=True, table=False) for code in CODES),
               Col("merge_reasons", "merge reasons")]
    return Listing(columns, rows, title=f"{plural(len(rows), 'actor')}")
