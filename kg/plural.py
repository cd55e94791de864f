"""Plurals (shared): a count and its noun for messages, "1 row" and "2 rows", said the same way everywhere.

Example:
    >>> plural(1, "row"), plural(2, "row"), plural(0, "file") + " skipped"
    ('1 row', '2 rows', '0 files skipped')
    >>> plural(3, "SHACL violation"), plural(1, "entity"), plural(2, "entity"), plural(2, "match")
    ('3 SHACL violations', '1 entity', '2 entities', '2 matches')
"""

from __future__ import annotations


def plural(n: int, noun: str, many: str | None = None) -> str:
    """`n` and `noun`, in the plural unless `n` is 1.

    Args:
        n: the count.
        noun: the singular; its last word takes the plural ending ("relation sentence").
        many: the plural when it is irregular ("people").
    """
    if n == 1:
        return f"{n} {noun}"
    if many is None:
        if noun.endswith(("s", "x", "ch", "sh")):
            many = noun + "es"
        elif noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
            many = noun[:-1] + "ies"
        else:
            many = noun + "s"
    return f"{n} {many}"
