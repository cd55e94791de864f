"""Extraction stage, Russian dates: the temporal expressions of a sentence -> dates, resolved against the report's.

"13 февраля 2026 года", "31 августа – 1 сентября" and "с 21 по 22 декабря" (a range: its first day), "в
ноябре", "в конце ноября 2025 года", "в 2024 году", "21.11.2023", "вчера", "в среду", "на следующей неделе"
(its Monday), "в следующем году". A day or a month without its year takes the year that puts it nearest the
report's date; a weekday is the last one on or before the report's day, or in a clause about the future the
next one on or after it. The words are `kg/lexicons/words_ru.tsv` (months, weekdays, relative_days, ...).
`find_dates` works on lower-cased words, so it reads a parsed sentence and the raw text of another alike.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kg.wordlists import pattern, words


def _numbered(name: str) -> dict[str, str]:
    """A words list of "key=value" entries as a dict."""
    return dict(w.split("=", 1) for w in words("ru", name))


MONTHS = {stem: int(n) for stem, n in _numbered("months").items()}
MONTH_ENDINGS = {"" if e == "-" else e for e in words("ru", "month_endings")}
MONTH_ABBREVIATIONS = {stem: int(n) for stem, n in _numbered("month_abbreviations").items()}
WEEKDAYS = {stem: int(n) for stem, n in _numbered("weekdays").items()}
RELATIVE_DAYS = {w: int(n) for w, n in _numbered("relative_days").items()}
# the stem of each counting adjective (its lemma less the ending: "следующ", "эт")
RELATIVE_PERIODS = {lemma[:-2]: int(n) for lemma, n in _numbered("relative_periods").items()}
PERIOD_NOUNS = _numbered("period_nouns")
YEAR_WORDS = pattern("ru", "year_words")
RANGE_WORDS = words("ru", "range_words")
MONTH_PARTS = words("ru", "month_parts")
NUMERIC = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
DAY_RANGE = re.compile(r"(\d{1,2})[-–—](\d{1,2})")
YEAR = re.compile(r"((?:19|20)\d\d)(?:[-–—]\d{2,4})?")


@dataclass(frozen=True)
class Dated:
    """A temporal expression over tokens [start, end) and the date it names (YYYY-MM-DD, YYYY-MM or YYYY)."""

    start: int
    end: int
    value: str


def month_of(word: str) -> int | None:
    """The month a word names ("ноября", "мае", "март"), or None."""
    for stem, n in MONTHS.items():
        if word.startswith(stem) and word[len(stem):] in MONTH_ENDINGS and len(word) >= 3:
            return n
    return None


def weekday_of(word: str) -> int | None:
    """The ISO weekday a word names ("среду", "воскресенье"), or None."""
    for stem, n in WEEKDAYS.items():
        if word.startswith(stem) and len(word) - len(stem) <= 2:
            return n
    return None


def day_number(word: str) -> int | None:
    return int(word) if word.isdigit() and len(word) <= 2 and 1 <= int(word) <= 31 else None


def nearest_year(on: dt.date, month: int, day: int | None = None) -> int:
    """The year that puts a month (or a day of it) nearest the report's date."""
    def distance(year: int) -> int:
        if day is None:
            return abs((year - on.year) * 12 + month - on.month)
        try:
            return abs((dt.date(year, month, day) - on).days)
        except ValueError:
            return 10**6
    return min((on.year, on.year - 1, on.year + 1), key=distance)


def day_value(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def explicit_year(ws: Sequence[str], k: int) -> tuple[int | None, int]:
    """A year written at token `k` ("2025", "2025 года", "2025 г."): the year and where it ends."""
    if k < len(ws) and len(ws[k]) == 4 and ws[k].isdigit() and ws[k][:2] in {"19", "20"}:
        end = k + 1
        if end < len(ws) and YEAR_WORDS.fullmatch(ws[end]):
            end += 1
        if end < len(ws) and ws[end] == ".":
            end += 1 if end - 1 > k and ws[end - 1] == "г" else 0
        return int(ws[k]), end
    return None, k


def find_dates(ws: Sequence[str], on: dt.date | None,
               future: Callable[[int], bool] = lambda i: False) -> list[Dated]:
    """The dates the lower-cased words `ws` name, in order; `future(i)` says whether token i speaks of the future.

    >>> [d.value for d in find_dates("визит пройдёт 31 августа – 1 сентября".split(), dt.date(2025, 8, 27))]
    ['2025-08-31']
    """
    out: list[Dated] = []
    i = 0
    n = len(ws)
    while i < n:
        found = _date_at(ws, i, on, future)
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found.end
    return out


def _date_at(ws: Sequence[str], i: int, on: dt.date | None, future: Callable[[int], bool]) -> Dated | None:
    w = ws[i]
    n = len(ws)
    if w in RELATIVE_DAYS:
        return Dated(i, i + 1, (on + dt.timedelta(days=RELATIVE_DAYS[w])).isoformat()) if on else None
    m = NUMERIC.fullmatch(w)
    if m:
        value = day_value(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return Dated(i, i + 1, value) if value else None
    if on is not None and i + 1 < n and any(w.startswith(s) for s in RELATIVE_PERIODS):
        unit = next((u for stem, u in PERIOD_NOUNS.items() if ws[i + 1].startswith(stem)), None)
        offset = next((o for s, o in sorted(RELATIVE_PERIODS.items(), key=lambda kv: -len(kv[0])) if w.startswith(s)),
                      None)
        if unit is not None and offset is not None:
            return Dated(i, i + 2, _period(on, unit, offset))
    weekday = weekday_of(w) if i > 0 and ws[i - 1] in {"в", "во"} else None
    start, ahead = i - 1, future(i)
    if weekday is None and i > 1 and ws[i - 2] in {"в", "во"}:
        # "в минувшую среду", "в следующий вторник"
        offset = next((o for s, o in RELATIVE_PERIODS.items() if o and ws[i - 1].startswith(s)), None)
        weekday = weekday_of(w) if offset is not None else None
        start, ahead = i - 2, bool(offset and offset > 0)
    if weekday is not None and on is not None:
        back = (on.isoweekday() - weekday) % 7
        when = on + dt.timedelta(days=(weekday - on.isoweekday()) % 7) if ahead else on - dt.timedelta(days=back)
        return Dated(start, i + 1, when.isoformat())
    day = day_number(w)
    if day is None and DAY_RANGE.fullmatch(w):  # "12–13 ноября" written as one word
        day = day_number(DAY_RANGE.fullmatch(w).group(1))
    if day is not None:
        k = i + 1
        if k + 1 < n and ws[k] in RANGE_WORDS and day_number(ws[k + 1]) is not None:
            k += 2  # "с 21 по 22 декабря": the first day of the range, of the month named after it
        month = month_of(ws[k]) if k < n else None
        if month is None and k < n:
            month = next((v for s, v in MONTH_ABBREVIATIONS.items() if ws[k] == s), None)
        if month is None:
            return None
        end = k + 1
        if end + 1 < n and ws[end] in RANGE_WORDS and day_number(ws[end + 1]) is not None:
            second = month_of(ws[end + 2]) if end + 2 < n else None  # "31 августа – 1 сентября"
            if second is not None:
                end += 3
        year, end = _year_after(ws, end)
        if year is None:
            if on is None:
                return None
            year = nearest_year(on, month, day)
        value = day_value(year, month, day)
        return Dated(i, end, value) if value else None
    month = month_of(w)
    if month is not None and (i == 0 or day_number(ws[i - 1]) is None):
        year, end = _year_after(ws, i + 1)
        if year is None:
            if on is None:
                return None
            year = nearest_year(on, month)
        start = i - 1 if i > 0 and ws[i - 1] in MONTH_PARTS else i
        return Dated(start, end, f"{year:04d}-{month:02d}")
    m = YEAR.fullmatch(w)
    if m and i + 1 < n and YEAR_WORDS.fullmatch(ws[i + 1]):
        return Dated(i, i + 2, m.group(1))
    return None


def _year_after(ws: Sequence[str], k: int) -> tuple[int | None, int]:
    """The year written at `k` after a day or a month, if any, and where the expression then ends."""
    year, end = explicit_year(ws, k)
    return (year, end) if year is not None else (None, k)


def _period(on: dt.date, unit: str, offset: int) -> str:
    if unit == "year":
        return f"{on.year + offset:04d}"
    if unit == "month":
        k = on.year * 12 + on.month - 1 + offset
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    monday = on - dt.timedelta(days=on.isoweekday() - 1) + dt.timedelta(weeks=offset)
    return monday.isoformat()


def is_after(value: str, on: dt.date) -> bool:
    """Whether a date as precise as it is ("2026", "2025-12", "2025-12-31") lies wholly after the report's day."""
    return value > on.isoformat()[:len(value)]
