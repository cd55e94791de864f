"""Validation stage: an RDF graph (or file) in, a SHACL verdict against ontology/shapes.ttl out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyshacl
from rdflib import Dataset, Graph
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, SH

from kg.errors import GraphError, ValidationError
from kg.paths import ontology_file, shapes_file

# File suffix -> rdflib parser name. Quad formats go through a Dataset.
_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".n3": "n3",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".trig": "trig",
    ".nq": "nquads",
}
_QUAD_FORMATS = frozenset({"trig", "nquads"})


@dataclass(frozen=True, order=True)
class Violation:
    """One sh:ValidationResult: the node, the property and value at fault, what the shape says, and the shape.
    IRIs as strings; path and value are "" when the shape names none."""

    focus: str
    path: str
    value: str
    message: str
    shape: str


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of one SHACL run.

    Attributes:
        conforms: True when no shape reports anything.
        results: how many sh:ValidationResult nodes the report holds.
        text: pyshacl's human-readable report (a SPARQL-based shape's whole query in each result).
        violations: each result in one record, sorted (what `kg validate` prints, one line each).
    """

    conforms: bool
    results: int
    text: str
    violations: tuple[Violation, ...] = ()


def load_graph(source: Graph | str | Path) -> Graph:
    """Read an RDF file into one Graph; named graphs of TriG/N-Quads are merged into their union.

    Args:
        source: an rdflib Graph or Dataset (returned as one graph), or a path to a
            .ttl, .trig, .nt, .nq, .n3, .jsonld or .rdf file.

    Returns:
        A Graph with every triple of the source.

    Raises:
        GraphError: the file is missing, has an unknown suffix or does not parse.
    """
    if isinstance(source, ConjunctiveGraph):  # Dataset is a ConjunctiveGraph too
        return _union(source)
    if isinstance(source, Graph):
        return source
    path = Path(source)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(_FORMATS))
        raise GraphError(f"{path}: unknown RDF file type {path.suffix!r}; use one of {known}")
    if not path.is_file():
        raise GraphError(f"{path}: no such file")
    try:
        if fmt in _QUAD_FORMATS:
            dataset = Dataset()
            dataset.parse(path, format=fmt)
            return _union(dataset)
        graph = Graph()
        graph.parse(path, format=fmt)
    # rdflib's parsers raise many unrelated types (SyntaxError, BadSyntax, ValueError, UnicodeError...)
    except Exception as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GraphError(f"{path}: cannot be read as {fmt}: {reason}") from exc
    return graph


def validate(graph: Graph | str | Path) -> ValidationResult:
    """Check a graph against the project's SHACL shapes.

    The ontology (kg.ttl) is given to pyshacl as the ontology graph, so its
    rdfs:subClassOf axioms make a kgo:Region count as a kgo:Place and every
    actor class as a kgo:Actor; no other inference is run, so the verdict is
    about what the graph states, not what a reasoner could add.

    Args:
        graph: an rdflib Graph or Dataset, or a path to an RDF file (see `load_graph`).

    Returns:
        A ValidationResult.

    Raises:
        GraphError: the file cannot be read.
        ValidationError: pyshacl could not run.

    Example:
        >>> validate(Graph()).conforms
        True
    """
    data = load_graph(graph)
    shapes, ontology = _shapes_graph(), _ontology_graph()
    try:
        conforms, report, text = pyshacl.validate(
            data,
            shacl_graph=shapes,
            ont_graph=ontology,
            inference="none",
            abort_on_first=False,
            allow_warnings=False,
            advanced=False,
        )
    except Exception as exc:  # pyshacl reports its own failures with assorted types
        raise ValidationError(f"SHACL validation could not run: {exc}") from exc
    found = list(report.subjects(RDF.type, SH.ValidationResult))

    def said(r, prop) -> str:
        value = report.value(r, prop)
        return "" if value is None else str(value)

    violations = tuple(sorted(Violation(said(r, SH.focusNode), said(r, SH.resultPath), said(r, SH.value),
                                        said(r, SH.resultMessage), said(r, SH.sourceShape)) for r in found))
    return ValidationResult(conforms=bool(conforms), results=len(found), text=str(text), violations=violations)


def _union(dataset: ConjunctiveGraph) -> Graph:
    """All triples of every graph of `dataset`, default graph included."""
    union = Graph()
    for prefix, namespace in dataset.namespaces():
        union.bind(prefix, namespace)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


@lru_cache(maxsize=1)
def _shapes_graph() -> Graph:
    # Parsed once per process: the shapes do not change while kg runs; pyshacl does not modify them.
    return load_graph(shapes_file())


@lru_cache(maxsize=1)
def _ontology_graph() -> Graph:
    return load_graph(ontology_file())
