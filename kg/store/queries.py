"""Store stage, queries: kg/queries/*.rq and `--bind` values -> SPARQL text with its variables fixed.

The saved queries are data (`.rq` files in kg/queries/, each with a header that describes
it and declares its `# param ?x kind` bindings); this module reads them, turns a
`--bind name=value` into an RDF term, and fixes variables with a VALUES block.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store.terms import KGS_PREFIXES, int_literal

if TYPE_CHECKING:
    from kg.store.core import KgStore

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"

# what SPARQL text holds besides syntax: strings, IRIs and comments (a keyword inside them is no keyword)
SPARQL_STRING = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
SPARQL_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
SPARQL_COMMENT = re.compile(r"#[^\n]*")


@dataclass(frozen=True)
class SavedQuery:
    """A query of kg/queries/: name, text, the header's description and its parameters."""

    name: str
    path: Path
    text: str
    description: str
    params: dict[str, str]  # variable -> kind (actor, iri, literal, integer)


_PARAM = re.compile(r"^#\s*param\s+\?(\w+)\s+(actor|iri|literal|integer)\b", re.MULTILINE)


def load_query_text(name: str) -> str:
    """The text of kg/queries/<name>.rq (internal ones start with '_')."""
    return (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")


def parse_saved(path: Path) -> SavedQuery:
    """Read a .rq file: the first comment lines describe it, `# param ?x kind ...` lines its bindings."""
    text = path.read_text(encoding="utf-8")
    desc = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.startswith("param ") or not body:
            break
        desc.append(body)
    return SavedQuery(path.stem, path, text, " ".join(desc), dict(_PARAM.findall(text)))


def saved_queries() -> dict[str, SavedQuery]:
    """The library of kg/queries/*.rq by name (files starting with '_' are internal)."""
    return {p.stem: parse_saved(p) for p in sorted(QUERIES_DIR.glob("*.rq")) if not p.stem.startswith("_")}


# --- bindings ---------------------------------------------------------------------------------


def parse_binding(store: KgStore, name: str, value: str, kind: str | None = None):
    """A `--bind name=value` value as an RDF term.

    kind "actor" (or no kind and the value names an actor) -> the actor's IRI;
    "iri", a value in <...>, http(s):// or a prefixed name (kgo:Person) -> that IRI;
    "integer" or digits -> xsd:integer;
    otherwise a plain string literal ("text"@kk gives a language-tagged one).

    Raises:
        StoreError: an actor value matches no actor or several.
    """
    v = value.strip()
    m = re.fullmatch(r'"(.*)"(?:@([A-Za-z-]+))?', v, re.DOTALL)
    if m and kind in (None, "literal"):
        return ox.Literal(m.group(1), language=m.group(2)) if m.group(2) else ox.Literal(m.group(1))
    prefixed = re.fullmatch(r"(\w+):([^\s/][^\s]*)", v)
    if prefixed and prefixed.group(1) in KGS_PREFIXES and kind in (None, "iri"):
        return ox.NamedNode(KGS_PREFIXES[prefixed.group(1)] + prefixed.group(2))  # kgo:Person
    if kind == "iri" or (kind is None and ((v.startswith("<") and v.endswith(">")) or re.match(r"https?://", v))):
        return ox.NamedNode(v[1:-1] if v.startswith("<") else v)
    if kind == "integer" or (kind is None and re.fullmatch(r"-?\d+", v)):
        if not re.fullmatch(r"-?\d+", v):
            raise StoreError(f"--bind {name}={value}: not an integer")
        return int_literal(int(v))
    if kind == "literal":
        return ox.Literal(v)
    if kind == "actor":
        return store.find_actor(v)
    try:
        return store.find_actor(v)
    except StoreError:
        return ox.Literal(v)


def _blank_out(query: str) -> str:
    """The query with strings, IRIs and comments replaced by spaces (same length, same offsets)."""
    def spaces(m: re.Match) -> str:
        return " " * len(m.group(0))

    text = SPARQL_STRING.sub(spaces, query)
    text = SPARQL_IRI.sub(spaces, text)
    return SPARQL_COMMENT.sub(spaces, text)


def bind_values(query: str, bindings: Mapping[str, object]) -> str:
    """Fix variables before evaluation: a `VALUES` block opens the query's WHERE group.

    This is what rdflib's `initBindings` does, and unlike pyoxigraph's `substitutions`
    (SEP-0007) it also reaches variables that are not projected or only used in FILTERs.
    Terms are written by pyoxigraph in N-Triples syntax, which SPARQL reads as is.

    Raises:
        StoreError: the query has no WHERE group to bind in.
    """
    blank = _blank_out(query)
    m = re.search(r"\bWHERE\s*\{", blank, re.IGNORECASE) or re.search(r"\{", blank)
    if m is None:
        raise StoreError("--bind needs a query with a WHERE { ... } group")
    at = m.end()
    values = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in sorted(bindings.items()))
    return query[:at] + " " + values + " " + query[at:]

