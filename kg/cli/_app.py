"""Command line, the app: the typer `app` every command registers on, its consoles and `fail`; no command is here.

spaCy's `spacy/cli/_util.py` is the model: the command modules import `app` from here,
and `kg.cli` imports the command modules, so nothing imports back into `kg.cli`.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

from kg.languages import listed

app = typer.Typer(
    help=f"Build knowledge graphs of political news in {listed()}, with sentence-level provenance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 1) -> None:
    """Print `error: message` on stderr and leave with exit code `code`."""
    # escaped: file names and parser messages may hold "[...]", which rich reads as markup;
    # soft_wrap: one message stays one line, whatever the terminal width
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)
