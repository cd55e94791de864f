"""Analysis stage, windows: the articles' dates (RDF) -> time windows to cut the actor graph by.

A notebook or script that compares periods should not hard-code them: the windows come from
the dates the graph holds, by calendar when the data allows (years, else quarters, else
months) and in equal periods otherwise.

Example:
    >>> for w in time_windows("out/graph.ttl"):  # doctest: +SKIP
    ...     G = actor_graph("out/graph.ttl", since=w.since, until=w.until)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from kg.analysis.network import AnalysisError, Source, _article_dates, as_rdf


@dataclass(frozen=True)
class Window:
    """A period of time: `name` ("2025", "2025 Q3", "2025-10", "2025-03-01 to 2025-03-05"),
    its first and last day (both included, as `actor_graph`'s since and until take them) and
    the number of articles dated inside it."""

    name: str
    since: date
    until: date
    articles: int


def _year(d: date) -> tuple[str, date, date]:
    return str(d.year), date(d.year, 1, 1), date(d.year, 12, 31)


def _quarter(d: date) -> tuple[str, date, date]:
    q = (d.month - 1) // 3
    first = date(d.year, 3 * q + 1, 1)
    return f"{d.year} Q{q + 1}", first, _next_month(date(d.year, 3 * q + 3, 1)) - timedelta(days=1)


def _month(d: date) -> tuple[str, date, date]:
    first = date(d.year, d.month, 1)
    return f"{d.year}-{d.month:02d}", first, _next_month(first) - timedelta(days=1)


def _next_month(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


# coarsest first: the fewest windows that still show a change
_CALENDAR: tuple[Callable[[date], tuple[str, date, date]], ...] = (_year, _quarter, _month)


def _equal_periods(days: list[date], n: int) -> list[Window]:
    first, last = days[0], days[-1]
    span = (last - first).days + 1
    n = min(n, span)
    starts = [first + timedelta(days=round(i * span / n)) for i in range(n)]
    ends = [s - timedelta(days=1) for s in starts[1:]] + [last]
    windows = []
    for since, until in zip(starts, ends, strict=True):
        count = sum(since <= d <= until for d in days)
        if count:  # a period without articles has no graph to compare
            windows.append(Window(f"{since.isoformat()} to {until.isoformat()}", since, until, count))
    return windows


def time_windows(source: Source, max_windows: int = 6) -> list[Window]:
    """Time windows that cover every dated article: by calendar when it fits, else equal periods.

    The coarsest calendar unit (year, quarter, month) that puts the articles in at least two
    windows is used when it gives at most `max_windows`; when it gives more, or when all the
    articles fall in one month, the span from the first to the last article's day is cut into
    `max_windows` periods of equal length instead. Windows without an article are left out.
    The windows are of different sizes (articles, actors): see the README on comparing
    centralities across them.

    Args:
        source: graph file or rdflib Graph (articles with `dcterms:date`).
        max_windows: the most windows wanted (at least 1).

    Returns:
        Windows in date order; one window when every article has the same date; none when no
        article is dated.

    Raises:
        AnalysisError: max_windows is below 1.
        GraphError: the graph file cannot be read.

    Example:
        >>> [w.name for w in time_windows("out/graph.ttl")]  # doctest: +SKIP
        ['2025 Q3', '2025 Q4']
    """
    if max_windows < 1:
        raise AnalysisError(f"max_windows must be 1 or more, not {max_windows}")
    days = sorted(_article_dates(as_rdf(source)).values())
    if not days:
        return []
    if days[0] == days[-1]:
        return [Window(days[0].isoformat(), days[0], days[0], len(days))]
    for unit in _CALENDAR:
        periods = Counter(unit(d) for d in days)
        if len(periods) == 1:
            continue  # all in one year (quarter, month): try a finer unit
        if len(periods) <= max_windows:
            return [Window(name, since, until, n) for (name, since, until), n in sorted(periods.items(),
                                                                                      key=lambda kv: kv[0][1])]
        break
    return _equal_periods(days, max_windows)
