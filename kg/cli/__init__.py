"""Command line: thin typer commands over the stages; `kg` on the console is `kg.cli:app`.

    _app.py      the typer app, its consoles and fail(); imports no command
    _source.py   what a GRAPH argument names (store, build folder, graph file) -> one graph
    _output.py   lists, numbers, IRIs and tables (table, csv or json), said alike by every command
    build.py     kg build (and its --push), validate, render, entities
    analysis.py  kg centrality
    store.py     kg query, export, remove, serve
    push.py      kg push: the store to a remote SPARQL server
    eval.py      kg eval: a graph against hand-made gold triples

Each command module registers its commands on `app` when imported; this package imports
them all, so `from kg.cli import app` is the whole command line.
"""

from __future__ import annotations

from kg.cli._app import app, err, fail, out

# each module registers its commands on `app`; the order of registration is the order of `kg --help`
# isort: off
from kg.cli import build  # noqa: F401
from kg.cli import analysis  # noqa: F401
from kg.cli import store  # noqa: F401
from kg.cli import push  # noqa: F401
from kg.cli import eval  # noqa: F401
# isort: on

__all__ = ["app", "err", "fail", "main", "out"]


def main() -> None:  # pragma: no cover - console entry point
    """Run the command line."""
    app()
