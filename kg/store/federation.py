"""Store stage, serving: SPARQL text -> whether it has a SERVICE clause, read from the parsed query.

A check on the text can be fooled (a clause between comments that hold `\"\"\"`, an escape, a
prefixed IRI); rdflib's SPARQL parser reads the query as the grammar does, and its parse
tree names every SERVICE clause `ServiceGraphPattern`, sub-queries and EXISTS included.
"""

from __future__ import annotations

from collections.abc import Mapping

from pyparsing import ParseResults

from kg.errors import StoreError


def _has_service(node: object) -> bool:
    """True when a ServiceGraphPattern is anywhere under `node` (CompValues, lists, ParseResults)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if getattr(item, "name", None) == "ServiceGraphPattern":
            return True
        if isinstance(item, ParseResults):  # registered as a Mapping, but its parts are its items
            stack.extend(list(item))
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return False


def uses_service(query: str) -> bool:
    """True when the query has a SERVICE clause anywhere, as SPARQL's grammar reads it.

    Example:
        >>> uses_service('# SERVICE <http://x/> {}\\nSELECT * WHERE { ?s ?p "SERVICE" }')
        False
        >>> uses_service("PREFIX x: <http://x/> ASK { { SELECT * { SERVICE SILENT x:y { ?s ?p ?o } } } }")
        True

    Raises:
        StoreError: the query cannot be parsed, so it cannot be checked (refuse it).
    """
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(query)
    except RecursionError as exc:
        raise StoreError("the query is nested too deeply to be checked") from exc
    except Exception as exc:  # pyparsing and rdflib raise many types for bad input
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise StoreError(f"the query cannot be parsed: {first}") from exc
    return _has_service(tree)
