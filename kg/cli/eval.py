"""Command line, evaluation: `kg eval GRAPH --gold FILE.json` prints precision, recall and F1 against gold triples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Column, Table

from kg.cli._app import app, err, fail, out
from kg.errors import KgError
from kg.eval import Counts, Report, default_entities_path, evaluate
from kg.plural import plural

FORMATS = ("table", "json")


def _row(counts: Counts) -> list[str]:
    return [str(counts.tp), str(counts.fp), str(counts.fn),
            f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}"]


def _table(first: str, *more: str) -> Table:
    numbers = (Column(n, justify="right") for n in ("tp", "fp", "fn", "P", "R", "F1"))
    return Table(Column(first, overflow="fold"), *more, *numbers, title_justify="left")


def _print_tables(report: Report) -> None:
    articles = _table("article", "lang")
    articles.title = f"Per article ({len(report.articles)})"
    for a in report.articles:
        articles.add_row(escape(a.id), escape(a.lang), *_row(a.counts))
    out.print(articles)
    relations = _table("relation")
    relations.title = "Per relation"
    for rel, counts in report.relations.items():
        relations.add_row(escape(rel), *_row(counts))
    out.print(relations)
    languages = _table("language")
    languages.title = "Per language"
    for lang, counts in report.languages.items():
        languages.add_row(escape(lang), *_row(counts))
    languages.add_row("total", *_row(report.total), style="bold")
    out.print(languages)


def _print_errors(report: Report) -> None:
    for a in report.articles:
        for kind, triples in (("missed", a.missed), ("spurious", a.spurious)):
            for t in triples:
                out.print(f"{kind:8} {escape(a.id)}  {escape(' '.join(t))}", highlight=False, soft_wrap=True)


@app.command("eval")
def eval_command(
    graph: Annotated[Path, typer.Argument(
        help="A graph file (graph.ttl, graph.trig, .nt, .nq, .jsonld) or a build folder holding graph.ttl.")],
    gold: Annotated[Path, typer.Option(
        "--gold", "-g", help="The gold triples: {article_id: {lang, date, required, optional}} (docs/eval.md).")],
    entities: Annotated[Path | None, typer.Option(
        "--entities", "-e", help="The gold entities with their names. Default: GOLD-entities.json beside the "
                                 "gold file, else entities.json beside it.")] = None,
    errors: Annotated[bool, typer.Option(
        "--errors", help="Also list every missed and every spurious triple (with --format json: an 'errors' key).")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table (default) or json.")] = "table",
) -> None:
    """Score GRAPH against hand-made gold triples: P, R and F1 per article, relation and language.

    Graph nodes are gold entities when their labels are the entities' names.
    Symmetric relations are compared without direction.
    A required item may list alternatives ({"any": [...]}): one of them is owed.
    Optional triples are neither rewarded nor punished.
    Articles of the graph that the gold does not annotate are not scored.
    The gold format: docs/eval.md.
    """
    if fmt not in FORMATS:
        fail(f"--format must be table or json, not {fmt!r}")
    try:
        report = evaluate(graph, gold, entities)
    except KgError as exc:
        fail(str(exc))
        return
    if report.absent:
        shown = ", ".join(report.absent[:5]) + (", ..." if len(report.absent) > 5 else "")
        are = "is" if len(report.absent) == 1 else "are"
        err.print(f"[yellow]warning:[/yellow] {plural(len(report.absent), 'gold article')} {are} not in "
                  f"{escape(str(graph))} and score nothing: {escape(shown)}", highlight=False, soft_wrap=True)
    if fmt == "json":
        # print(), not rich: JSON must reach a pipe byte for byte
        typer.echo(json.dumps(report.as_dict(errors=errors), ensure_ascii=False, indent=1))
        return
    _print_tables(report)
    if errors:
        _print_errors(report)
    t = report.total
    used = entities if entities is not None else default_entities_path(gold)
    out.print(f"{len(report.articles)} articles scored against {escape(str(gold))} ({escape(str(used))}), "
              f"{report.mentions} mentions read, {report.ignored} articles of the graph not in the gold",
              highlight=False, soft_wrap=True)
    out.print(f"TOTAL P={t.precision:.3f} R={t.recall:.3f} F1={t.f1:.3f} (tp={t.tp} fp={t.fp} fn={t.fn})",
              highlight=False, soft_wrap=True)
