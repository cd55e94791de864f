"""Command line, output: how commands say lists, numbers, IRIs and tables, the same way everywhere."""

from __future__ import annotations


def one_of(words: list[str]) -> str:
    """`a, b or c`.

    Example:
        >>> one_of(["table", "csv", "json"])
        'table, csv or json'
    """
    return f"{', '.join(words[:-1])} or {words[-1]}" if len(words) > 1 else "".join(words)
