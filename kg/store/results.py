"""Store stage, result formats: a SELECT/ASK QueryResult -> text, by the name of a registered format.

rdflib's plugin registry is the model: a format is one entry in `RESULT_FORMATS`, made by
the `result_format` decorator on its writer, and `write_results` looks the writer up. A new
format is one decorated function here; `kg query --format` and its help read the table.

    @result_format("csv", "text/csv; charset=utf-8", "SPARQL 1.1 CSV")
    def write_csv(res: QueryResult, out: IO[str]) -> None: ...
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING
from xml.sax.saxutils import escape as xml_escape

import pyoxigraph as ox

from kg.errors import StoreError
from kg.plural import plural
from kg.store.terms import KGS_PREFIXES

if TYPE_CHECKING:
    from kg.store.core import QueryResult

ResultWriter = Callable[["QueryResult", IO[str]], None]


@dataclass(frozen=True)
class ResultFormat:
    """One results format: its name (`kg query --format NAME`), media type, a few words for help, its writer.

    `command_line` False keeps a format off `kg query --format` (the HTTP endpoint still serves it).
    """

    name: str
    media_type: str
    description: str
    write: ResultWriter
    command_line: bool = True


RESULT_FORMATS: dict[str, ResultFormat] = {}


def result_format(name: str, media_type: str, description: str, *,
                  command_line: bool = True) -> Callable[[ResultWriter], ResultWriter]:
    """Register the decorated function as the writer of the results format `name`."""

    def register(write: ResultWriter) -> ResultWriter:
        RESULT_FORMATS[name] = ResultFormat(name, media_type, description, write, command_line)
        return write

    return register


def result_writer(fmt: str) -> ResultWriter:
    """The writer registered for `fmt`.

    Raises:
        StoreError: no format of that name; the message lists the registered ones.
    """
    try:
        return RESULT_FORMATS[fmt].write
    except KeyError:
        raise StoreError(f"unknown results format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}") from None


def write_results(res: QueryResult, fmt: str, out: IO[str]) -> None:
    """Write a SELECT/ASK result in the registered format `fmt`.

    Formats: "table" (a table for the terminal), "csv" and "tsv" (SPARQL 1.1 CSV/TSV),
    "srj" (SPARQL 1.1 JSON), "xml" (SPARQL XML), and "json": a plain list of
    {variable: value} records, which is what `kg query --format json` has always printed.

    Raises:
        StoreError: an unknown format; the message lists the registered ones.
    """
    result_writer(fmt)(res, out)


def results_text(res: QueryResult, fmt: str) -> str:
    """write_results into a string."""
    buf = io.StringIO()
    write_results(res, fmt, buf)
    return buf.getvalue()


def triples_turtle(triples: Iterable[ox.Triple]) -> str:
    """CONSTRUCT/DESCRIBE results as Turtle with the project's prefixes."""
    return ox.serialize(list(triples), format=ox.RdfFormat.TURTLE, prefixes=KGS_PREFIXES).decode()


# --- terms in each format ------------------------------------------------------------------------

_NUMERIC = {"http://www.w3.org/2001/XMLSchema#" + t for t in ("decimal", "double", "float")}
_NUMBERS = _NUMERIC | {"http://www.w3.org/2001/XMLSchema#" + t for t in (
    "integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger", "unsignedInt")}
_NAMESPACES = sorted(((iri, prefix) for prefix, iri in KGS_PREFIXES.items()), key=lambda kv: -len(kv[0]))


def number(value: float | int) -> str:
    """A number for a table cell: integers whole, others to three decimals (two digits when smaller).

    Example:
        >>> number(41), number(0.64102), number(0.0), number(0.000421), number(2.0)
        ('41', '0.641', '0', '4.2e-04', '2')
    """
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    if math.isnan(value):
        return "-"
    return f"{value:.3f}" if abs(value) >= 0.001 else f"{value:.1e}"


def short_iri(iri: str) -> str:
    """An IRI with the longest known namespace written as its prefix (kg.namespaces.PREFIXES, kgs:).

    Example:
        >>> short_iri("https://w3id.org/kgpol/id/actor/tokayev"), short_iri("urn:x")
        ('ex:actor/tokayev', 'urn:x')
    """
    for ns, prefix in _NAMESPACES:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _shown(term) -> str:
    """A term in a table for the terminal: IRIs with their prefix, long decimals rounded."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return short_iri(term.value)
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC:
        try:
            return number(float(term.value)) if len(term.value.partition(".")[2]) > 3 else term.value
        except ValueError:
            return term.value
    return _plain(term)



def _plain(term) -> str:
    """A term as a CSV cell (SPARQL 1.1 CSV: IRIs bare, literals as their lexical form)."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        d: dict = {"type": "literal", "value": term.value}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            d["datatype"] = term.datatype.value
        return d
    return {"type": "triple", "value": str(term)}


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if term.language:
        return f'<literal xml:lang="{xml_escape(term.language)}">{xml_escape(term.value)}</literal>'
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f'<literal datatype="{xml_escape(term.datatype.value)}">{xml_escape(term.value)}</literal>'
    return f"<literal>{xml_escape(term.value)}</literal>"


# --- tables for the terminal ----------------------------------------------------------------------
# One layout for every table kg prints (kg query here, kg centrality, entities and build in kg.cli):
# numbers whole, text folded but no narrower than TEXT_MIN nor than its longest word up to WORD_MAX
# (an actor class or a relation name stays whole), light rules, columns two apart.

TEXT_MIN = 10
WORD_MAX = 12
TABLE_GAP = 2


def min_width(header: str, cells: Sequence[str], numeric: bool) -> int:
    """The narrowest a column may be: a number and a numeric column's header whole, text folded."""
    lines = [line for cell in cells for line in cell.split("\n")]
    longest = max((len(line) for line in lines), default=0)
    if numeric:
        return max(len(header), longest)
    word = max((len(w) for text in [header, *lines] for w in text.split()), default=0)
    return max(min(longest, TEXT_MIN), min(word, WORD_MAX))


def _widths(mins: list[int], maxs: list[int], room: int) -> list[int] | None:
    """Column widths within `room`: each its widest when all fit, else its narrowest plus a share of the
    rest in proportion to what it would take; None when even the narrowest do not fit."""
    if sum(maxs) <= room:
        return maxs
    spare = room - sum(mins)
    if spare < 0:
        return None
    wants = [hi - lo for lo, hi in zip(mins, maxs, strict=True)]
    shares = [spare * w // sum(wants) for w in wants]
    for i in sorted(range(len(wants)), key=lambda i: -wants[i])[:spare - sum(shares)]:
        shares[i] += 1  # what integer division left, to the widest wants
    return [lo + share for lo, share in zip(mins, shares, strict=True)]


def terminal_table(headers: Sequence[str], numeric: Sequence[bool], rows: Sequence[Sequence[str]], *,
                   width: int, title: str | None = None):
    """A rich Table of cells already written as text (markup escaped), laid out as above in `width` columns."""
    from rich import box
    from rich.table import Column, Table

    by_column = list(zip(*rows, strict=True)) if rows else [() for _ in headers]
    mins = [min_width(h, cells, num) for h, cells, num in zip(headers, by_column, numeric, strict=True)]
    maxs = [max([lo, len(h), *(len(line) for cell in cells for line in cell.split("\n"))])
            for lo, h, cells in zip(mins, headers, by_column, strict=True)]
    widths = _widths(mins, maxs, width - TABLE_GAP * (len(headers) - 1))  # None: rich shares the width out
    table = Table(*(Column(h, justify="right" if num else "left", no_wrap=num, overflow="fold",
                           width=widths[i] if widths else None) for i, (h, num) in enumerate(zip(headers, numeric,
                                                                                                 strict=True))),
                  title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
                  pad_edge=False, collapse_padding=True)
    for row in rows:
        table.add_row(*row)
    return table


# --- the formats, in the order `kg query --help` lists them --------------------------------------


@result_format("table", "text/plain; charset=utf-8", "the default, for the terminal")
def write_table(res: QueryResult, out: IO[str]) -> None:
    """A rich table of the rows and their count ("yes" or "no" for ASK), laid out for `out`: IRIs with
    their prefix (ex:actor/tokayev), decimals to three places."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out)
    if res.kind == "ASK":
        console.print("yes" if res.boolean else "no")
        return
    # fold, not "…": a narrow or piped terminal must not cut IRIs and labels short; csv and the
    # other formats keep IRIs and numbers whole
    numeric = [bool(res.rows) and all(t is None or (isinstance(t, ox.Literal) and t.datatype.value in _NUMBERS)
                                      for t in column) for column in zip(*res.rows, strict=True)]
    console.print(terminal_table(res.variables, numeric or [False] * len(res.variables),
                                 [[escape(_shown(t)) for t in row] for row in res.rows], width=console.width))
    console.print(plural(len(res.rows), "row"))


@result_format("csv", "text/csv; charset=utf-8", "SPARQL 1.1 CSV")
def write_csv(res: QueryResult, out: IO[str]) -> None:
    w = csv.writer(out, lineterminator="\r\n")
    if res.kind == "ASK":
        w.writerow(["boolean"])
        w.writerow(["true" if res.boolean else "false"])
        return
    w.writerow(res.variables)
    w.writerows([_plain(t) for t in row] for row in res.rows)


@result_format("tsv", "text/tab-separated-values; charset=utf-8", "SPARQL 1.1 TSV")
def write_tsv(res: QueryResult, out: IO[str]) -> None:
    if res.kind == "ASK":
        out.write("?boolean\n" + ("true" if res.boolean else "false") + "\n")
        return
    out.write("\t".join("?" + v for v in res.variables) + "\n")
    for row in res.rows:
        out.write("\t".join("" if t is None else str(t) for t in row) + "\n")


@result_format("json", "application/json", "a list of records")
def write_json(res: QueryResult, out: IO[str]) -> None:
    if res.kind == "ASK":
        out.write(json.dumps(bool(res.boolean)) + "\n")
    else:
        records = [{v: _plain(t) for v, t in zip(res.variables, row, strict=True)} for row in res.rows]
        out.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")


@result_format("srj", "application/sparql-results+json", "SPARQL 1.1 JSON results")
def write_srj(res: QueryResult, out: IO[str]) -> None:
    doc: dict = {"head": {"vars": res.variables}}
    if res.kind == "ASK":
        doc = {"head": {}, "boolean": bool(res.boolean)}
    else:
        doc["results"] = {"bindings": [{v: _json_term(t) for v, t in zip(res.variables, row, strict=True)
                                        if t is not None} for row in res.rows]}
    out.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")


# for the endpoint's content negotiation; `kg query` has never offered it
@result_format("xml", "application/sparql-results+xml", "SPARQL XML results", command_line=False)
def write_xml(res: QueryResult, out: IO[str]) -> None:
    out.write('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>')
    out.write("".join(f'<variable name="{xml_escape(v)}"/>' for v in res.variables) + "</head>\n")
    if res.kind == "ASK":
        out.write(f"<boolean>{'true' if res.boolean else 'false'}</boolean>\n</sparql>\n")
        return
    out.write("<results>\n")
    for row in res.rows:
        cells = "".join(f'<binding name="{xml_escape(v)}">{_xml_term(t)}</binding>'
                        for v, t in zip(res.variables, row, strict=True) if t is not None)
        out.write(f"<result>{cells}</result>\n")
    out.write("</results>\n</sparql>\n")
