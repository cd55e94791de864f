"""Command line, evaluation: `kg eval GRAPH --gold FILE.json` prints precision, recall and F1 against gold triples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from kg.cli._app import app, err, fail, out
from kg.cli._output import FORMAT_HELP, Col, Listing, check_format, print_table, write_csv
from kg.errors import KgError
from kg.eval import Counts, Report, default_entities_path, evaluate
from kg.plural import plural

SCORES = [Col("tp", numeric=True), Col("fp", numeric=True), Col("fn", numeric=True),
          Col("precision", "P", numeric=True), Col("recall", "R", numeric=True), Col("f1", "F1", numeric=True)]


def _scores(counts: Counts) -> dict:
    return {"tp": counts.tp, "fp": counts.fp, "fn": counts.fn, "precision": round(counts.precision, 3),
            "recall": round(counts.recall, 3), "f1": round(counts.f1, 3)}


def _listings(report: Report) -> list[Listing]:
    """The three tables, per article, per relation and per language (the total last), in the shared layout."""
    return [
        Listing([Col("article"), Col("lang"), *SCORES],
                [{"article": a.id, "lang": a.lang, **_scores(a.counts)} for a in report.articles],
                title=f"Per article ({len(report.articles)})"),
        Listing([Col("relation"), *SCORES],
                [{"relation": rel, **_scores(c)} for rel, c in report.relations.items()], title="Per relation"),
        Listing([Col("language"), *SCORES],
                [*({"language": lang, **_scores(c)} for lang, c in report.languages.items()),
                 {"language": "total", **_scores(report.total)}], title="Per language"),
    ]


def _write_csv(report: Report) -> None:
    """One CSV of every row: `level` says which table it is from (article, relation, language, total)."""
    rows = [{"level": "article", "name": a.id, "lang": a.lang, **_scores(a.counts)} for a in report.articles]
    rows += [{"level": "relation", "name": rel, **_scores(c)} for rel, c in report.relations.items()]
    rows += [{"level": "language", "name": lang, "lang": lang, **_scores(c)} for lang, c in report.languages.items()]
    rows.append({"level": "total", "name": "total", **_scores(report.total)})
    write_csv(Listing([Col("level"), Col("name"), Col("lang"), *SCORES], rows))


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
    fmt: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP + " csv: one row per article, relation, "
                                     "language and the total, its level in the first column; json: docs/eval.md.")
                   ] = "table",
) -> None:
    """Score GRAPH against hand-made gold triples: P, R and F1 per article, relation and language.

    Graph nodes are gold entities when their labels are the entities' names.
    Symmetric relations are compared without direction.
    A required item may list alternatives ({"any": [...]}): one of them is owed.
    Optional triples are neither rewarded nor punished.
    Articles of the graph that the gold does not annotate are not scored.
    The gold format: docs/eval.md.
    """
    check_format(fmt)
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
    if fmt == "csv":
        _write_csv(report)
        return
    for listing in _listings(report):
        print_table(listing, out)
    if errors:
        _print_errors(report)
    t = report.total
    used = entities if entities is not None else default_entities_path(gold)
    out.print(f"{len(report.articles)} articles scored against {escape(str(gold))} ({escape(str(used))}), "
              f"{report.mentions} mentions read, {report.ignored} articles of the graph not in the gold",
              highlight=False, soft_wrap=True)
    out.print(f"TOTAL P={t.precision:.3f} R={t.recall:.3f} F1={t.f1:.3f} (tp={t.tp} fp={t.fp} fn={t.fn})",
              highlight=False, soft_wrap=True)
