"""Command line, output: how commands say lists, numbers, IRIs and tables, the same way everywhere.

A command that prints a table builds a `Listing` (its columns and rows of plain values) and
hands it to `emit` with the `--format` the user chose: "table" lays it out for the terminal
(numbers to a few digits, IRIs shortened with the project's prefixes, text folded, and
columns marked `optional` left out, rightmost first, when the terminal is too narrow for
them, which a note under the table says), "csv" and "json" write every column with numbers
in full, for scripts and spreadsheets. Numbers and IRIs are written as `kg query`'s tables
write them (kg.store.results).
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.markup import escape

from kg.cli._app import fail
from kg.store.results import TABLE_GAP, min_width, number, terminal_table

FORMATS = ("table", "csv", "json")
FORMAT_HELP = "table (for the terminal), csv or json (every column, numbers in full)."


def all_of(words: list[str]) -> str:
    """`a, b and c`.

    Example:
        >>> all_of(["graph.ttl", "graph.html"])
        'graph.ttl and graph.html'
    """
    return f"{', '.join(words[:-1])} and {words[-1]}" if len(words) > 1 else "".join(words)


def one_of(words: list[str]) -> str:
    """`a, b or c`.

    Example:
        >>> one_of(["table", "csv", "json"])
        'table, csv or json'
    """
    return f"{', '.join(words[:-1])} or {words[-1]}" if len(words) > 1 else "".join(words)


@dataclass(frozen=True)
class Col:
    """A column: its key in the rows (and name in csv/json), its table header, and how it shows.

    `optional` columns are left out of a table too wide for the terminal (csv and json keep them);
    a column only for the table (`data` False) or only for csv and json (`table` False) says another's
    values another way.
    """

    key: str
    header: str | None = None
    numeric: bool = False
    optional: bool = False
    table: bool = True
    data: bool = True


@dataclass
class Listing:
    """What a command prints as a table: columns, rows of plain values, a title and notes under it."""

    columns: list[Col]
    rows: list[Mapping[str, Any]] = field(default_factory=list)
    title: str | None = None
    notes: list[str] = field(default_factory=list)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, list | tuple):
        return "\n".join(_cell(v) for v in value)
    return escape(str(value))


def print_table(listing: Listing, console: Console) -> None:
    """The listing as a table that fits `console`: optional columns go, rightmost first, until it does."""
    columns = [c for c in listing.columns if c.table]
    cells = {c.key: [_cell(row.get(c.key)) for row in listing.rows] for c in columns}
    left_out: list[str] = []

    def needed() -> int:
        return (sum(min_width(c.header or c.key, cells[c.key], c.numeric) for c in columns)
                + TABLE_GAP * (len(columns) - 1))

    while needed() > console.width and any(c.optional for c in columns):
        dropped = [c for c in columns if c.optional][-1]
        columns.remove(dropped)
        left_out.insert(0, dropped.key)
    console.print(terminal_table([c.header or c.key for c in columns], [c.numeric for c in columns],
                                 [[cells[c.key][i] for c in columns] for i in range(len(listing.rows))],
                                 width=console.width, title=listing.title))
    notes = list(listing.notes)
    if left_out:
        notes.append(f"not shown at {console.width} columns: {', '.join(left_out)} "
                     "(a wider terminal, -m or --format csv shows them)")
    for note in notes:
        console.print(note, markup=False, highlight=False)


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return " | ".join(str(v) for v in value)
    if isinstance(value, float) and math.isnan(value):
        return ""
    return value


def write_csv(listing: Listing, out=None) -> None:
    """The listing as CSV: a header of column keys, then the rows (lists joined with ' | ')."""
    columns = [c for c in listing.columns if c.data]
    w = csv.writer(out or sys.stdout, lineterminator="\n")
    w.writerow([c.key for c in columns])
    for row in listing.rows:
        w.writerow([_plain(row.get(c.key)) for c in columns])


def write_json(listing: Listing, out=None) -> None:
    """The listing as a JSON list of records, values as they are (numbers in full, lists as lists)."""
    def clean(v: Any) -> Any:
        return None if isinstance(v, float) and math.isnan(v) else v

    records = [{c.key: clean(row.get(c.key)) for c in listing.columns if c.data} for row in listing.rows]
    (out or sys.stdout).write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")


def emit(listing: Listing, fmt: str, console: Console) -> None:
    """Print the listing in `fmt` (see FORMATS): a table on `console`, csv or json on stdout."""
    if fmt == "csv":
        write_csv(listing)
    elif fmt == "json":
        write_json(listing)
    else:
        print_table(listing, console)


def check_format(fmt: str) -> None:
    """Fail unless `fmt` is one of FORMATS."""
    if fmt not in FORMATS:
        fail(f"--format must be {one_of(list(FORMATS))}, not {fmt!r}")
