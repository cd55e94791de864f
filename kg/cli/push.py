"""Command line, push: `kg push OUT --to URL` sends a build's store to a SPARQL server (kg.store.push)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kg.cli._app import app, err, fail, out
from kg.errors import KgError
from kg.plural import plural
from kg.store.core import is_store
from kg.store.push import DEFAULT, PushOptions, PushReport, push
from kg.store.remote import PASSWORD_VAR, PROTOCOLS, TOKEN_VAR, USER_VAR, Remote, credentials_for

URL_HELP = ("The server's Graph Store endpoint (--protocol gsp; Oxigraph: http://HOST:7878/store, Fuseki: "
            "http://HOST:3030/DATASET/data) or its update endpoint (--protocol update; Oxigraph: "
            "http://HOST:7878/update). Credentials come from $" + TOKEN_VAR + ", $" + USER_VAR + " and $"
            + PASSWORD_VAR + ", or a netrc file, never from the command line.")
# said alike by kg push and kg build --push
PROTOCOL_HELP = ("gsp: the Graph Store Protocol, a PUT per graph; update: SPARQL Update, many graphs a request; "
                 "quads: a DELETE per graph the server may hold, then N-Quads POSTed to the endpoint (Oxigraph's "
                 "/store, Fuseki's /DATASET).")
ACTORS_GRAPH_HELP = ("Push the actors and relations (the store's default graph) into this named graph instead of "
                     "the server's default graph (Virtuoso has none to write).")
CA_BUNDLE_HELP = "A PEM file of CA certificates to trust besides the system's (TLS is always verified)."


def store_path_of(target: Path) -> Path:
    """A store folder, or the store of a build folder (OUT -> OUT/store)."""
    return target / "store" if not is_store(target) and is_store(target / "store") else target


def check_protocol(protocol: str) -> None:
    """Fail on a --protocol kg push does not speak."""
    if protocol not in PROTOCOLS:
        fail(f"--protocol must be {', '.join(PROTOCOLS[:-1])} or {PROTOCOLS[-1]}, not {protocol!r}")


def check_push_url(url: str, ca_bundle: Path | None = None) -> None:
    """Fail at once, before a long build, on a push URL or credentials that cannot work (no request is made)."""
    try:
        Remote(url, credentials=credentials_for(url), ca_bundle=ca_bundle)
    except KgError as exc:
        fail(str(exc))


def run_push(store: Path, url: str, options: PushOptions, *, quiet: bool = False, verbose: bool = False,
             summary: Console = out) -> None:
    """Push `store` to `url` with a progress bar on stderr and a summary on `summary` (stdout); exit 1 on any
    failure. kg build --push gives stderr where its own stdout is csv or json."""
    # no bar where stderr is no terminal: in a log it would only leave blank lines
    with Progress(TextColumn("[bold]pushing[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=quiet or not err.is_terminal, transient=True) as bar:
        task = bar.add_task("", total=None)

        def planned(send: int, delete: int, unchanged: int) -> None:
            bar.update(task, total=send + delete)

        def event(kind: str, name: str, detail: object) -> None:
            bar.advance(task)
            shown = "the default graph" if name == DEFAULT else name
            if kind == "failed":
                err.print(f"[yellow]failed:[/yellow] {escape(str(detail))}", highlight=False, soft_wrap=True)
            elif verbose:  # flushed line by line: a script (or a test) may wait for the first one
                what = f" ({plural(int(detail), 'statement')})" if kind == "pushed" else ""
                err.print(f"{kind} {escape(shown)}{what}", highlight=False, soft_wrap=True)

        error: KgError | None = None
        try:
            report = push(store, url, options, on_plan=planned, on_event=event)
        except KgError as exc:
            error = exc
    if error is not None:  # said once the bar is gone
        done = getattr(error, "report", None)
        if done is not None and (done.sent or done.deleted):
            _summary(done, summary)
        fail(str(error))
        return
    for line in report.warnings:
        err.print(f"[yellow]warning:[/yellow] {escape(line)}", highlight=False, soft_wrap=True)
    _summary(report, summary)
    if report.failed:
        fail(f"{plural(len(report.failed), 'graph')} failed (named above); run kg push again to retry them")


def _summary(report: PushReport, console: Console) -> None:
    rate = report.statements / report.seconds if report.seconds else 0.0
    statements = f"{report.statements:,} statement" + ("" if report.statements == 1 else "s")
    console.print(f"pushed to {escape(report.target)}: {len(report.sent):,} sent ({statements}"
              f", {rate:,.0f}/s), {report.unchanged:,} unchanged, {len(report.deleted):,} deleted, "
              f"{len(report.failed):,} failed" + (f"; credentials from {escape(report.credentials)}"
                                                  if report.credentials else ""),
              highlight=False, soft_wrap=True)


@app.command("push")
def push_command(
    store: Annotated[Path, typer.Argument(help="A store folder (OUT/store) or the build folder OUT.")],
    to: Annotated[str, typer.Option("--to", help=URL_HELP)],
    protocol: Annotated[str, typer.Option(help=PROTOCOL_HELP)] = "gsp",
    resend_all: Annotated[bool, typer.Option("--all", help="Send every graph, changed or not.")] = False,
    batch: Annotated[int, typer.Option(
        min=1, help="Most statements in one request: a larger graph goes in several, and with --protocol update "
                    "graphs are grouped up to it. Lower it for a server that refuses large requests.")] = 50_000,
    actors_graph: Annotated[str | None, typer.Option("--actors-graph", help=ACTORS_GRAPH_HELP)] = None,
    ca_bundle: Annotated[Path | None, typer.Option("--ca-bundle", exists=True, dir_okay=False,
                                                   help=CA_BUNDLE_HELP)] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the server's answer to one request.")] = 120.0,
    retries: Annotated[int, typer.Option(
        min=0, help="Tries again after a 5xx answer or a lost connection, waiting twice as long each time.")] = 5,
    backoff: Annotated[float, typer.Option(help="Seconds before the first retry.")] = 1.0,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar.")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="A line on stderr per graph sent or deleted.")
                       ] = False,
) -> None:
    """Send the store to a SPARQL server: only the graphs that changed since the last push to URL.

    Each article's named graph is replaced on the server (PUT, or DROP + INSERT DATA), the actors
    and relations go to the server's default graph (or --actors-graph), and articles taken out with
    kg remove are deleted there. What the server acknowledged is noted beside the store
    (OUT/store.push/), so an interrupted push, run again, completes.
    """
    check_protocol(protocol)
    options = PushOptions(protocol=protocol, batch=batch, resend_all=resend_all, actors_graph=actors_graph,
                          ca_bundle=ca_bundle, timeout=timeout, retries=retries, backoff=backoff)
    run_push(store_path_of(store), to, options, quiet=quiet, verbose=verbose)
