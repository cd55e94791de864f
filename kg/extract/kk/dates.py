"""Extraction stage, Kazakh: when what a sentence tells of happens, resolved against the report's date.

Kazakh news date a happening by day and month ("18 мамырда", "14-15 наурызда", "30 маусым – 2
шілдеде": a range by its first day), with a year before them ("2022 жылғы 14 сәуір", "2024
жылғы наурыз айында"), by a month ("тамыз айында", "наурызда"), a weekday ("жұма күні"), a
season ("күзде": the year) or a word relative to the report's date ("бүгін", "кеше", "ертең",
"биыл", "келесі жылы", "келесі аптада", "жыл соңында"). A day and a month without a year are in
the year that puts them nearest the report, after it when the sentence speaks of the future and
before it when of the past. The most precise date a sentence gives is its date; a sentence
without one takes the date of the sentence just before it that spoke of that same time (past or
not past), unless it turns to another time ("Бұған дейін ..."). The words are lists of
`kg/lexicons/words_kk.tsv`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.wordlists import pattern

MONTHS = pattern("kk", "months").pattern.split("|")
WEEKDAYS = pattern("kk", "weekdays").pattern.split("|")
SEASONS = pattern("kk", "seasons")
OTHER_TIME = pattern("kk", "other_time")
_MONTH = "(" + "|".join(MONTHS) + ")"
# a year before a date or a month: "2023 жылғы", "2025 жылы", "2024 жылдың" (not "1998 жылдан бері": since)
YEAR = re.compile(r"(?<!\d)(\d{4})\s*(?:жылғы|жылы|жылдың|ж\.)(?!\w)")
# a year that dates by itself: "2025 жылы" ("1916 жылғы көтеріліс" only describes a noun)
YEAR_ALONE = re.compile(r"(?<!\d)(\d{4})\s*жылы(?!\w)")
# a day (or the first day of a range) and a month: "27 қарашада", "14-15 наурызда", "5-қарашада", "22–24 наурыз"
DAY_MONTH = re.compile(r"(?<![\d\w])(\d{1,2})(?:-?(?:ші|шы|інші|ыншы))?(?:\s*[-–—]\s*\d{1,2}(?:-?(?:ші|шы))?)?\s*-?\s*"
                       + _MONTH + r"(?=\w*)")
# the month before the day: "наурыздың 5-і", "қарашаның 11-інде"
MONTH_DAY = re.compile(r"(?<![\w-])" + _MONTH + r"(?:ның|нің|дың|дің|тың|тің)\s+(\d{1,2})(?!\d)")
# a date in figures: "05.03.2024", "5.3.2024"
NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")
# a month alone: "шілде айында", "қарашада", "2024 жылғы мамырда"
MONTH = re.compile(r"(?<![\w-])" + _MONTH + r"(?:\s+ай(?:ында|ы|ынан)|да|де|та|те|ында|інде|ның|нің)(?!\w)")
# a capitalised month opening a sentence only with "айы" after it ("Қазан айында", not the city "Қазан қаласында")
MONTH_OPENING = re.compile(r"^\W*(" + "|".join(m.capitalize() for m in MONTHS) + r")\s+ай(?:ында|ы|ынан)(?!\w)")
WEEKDAY = re.compile(r"(?<!\w)(" + "|".join(WEEKDAYS) + r")(?:\s+күні|да|де|сі|ы)(?!\w)", re.IGNORECASE)
# the relative words, by the list's name: (unit, shift)
RELATIVE = {f"date_{day}": ("day", shift) for day, shift in (("today", 0), ("yesterday", -1), ("tomorrow", 1))}
RELATIVE.update({f"date_{when}_{unit}": (unit, {"this": 0, "last": -1, "next": 1}[when])
                 for when in ("this", "last", "next") for unit in ("week", "month", "year")})
RELATIVE_PATTERNS = {name: re.compile(r"(?<!\w)(?:" + pattern("kk", name).pattern + r")(?!\w)") for name in RELATIVE}


@dataclass(frozen=True)
class When:
    """A date as precise as the text says ("2025-11-11", "2025-11", "2025"), where in the sentence it stands,
    whether its clause speaks of the future (None: says not) and the relative participle it dates, if it dates a
    noun's happening ("келер жылы өтетін форум") rather than the sentence's."""

    value: str
    at: int  # character offset in the sentence
    future: bool | None = None
    of: int = -1  # the relative participle whose happening (and noun) it dates; -1: the sentence's

    @property
    def precision(self) -> int:
        return self.value.count("-")


# what a date's clause says: (future, relative participle or -1) of the words after a character offset
ClauseAt = Callable[[int], tuple[bool | None, int]]


def _infer_year(month: int, day: int, on: dt.date, future: bool | None) -> int:
    """The year that puts the day nearest the report's date, on the side of it the tense says."""
    cands = []
    for y in (on.year - 1, on.year, on.year + 1):
        try:
            cands.append(dt.date(y, month, day))
        except ValueError:
            continue
    slack = dt.timedelta(days=3)
    if future is True:
        after = [c for c in cands if c >= on - slack]
        if after:
            return min(after).year
    elif future is False:
        before = [c for c in cands if c <= on + slack]
        if before:
            return max(before).year
    return min(cands, key=lambda c: abs((c - on).days)).year if cands else on.year


def _year_of(text: str, at: int, on: dt.date) -> int | None:
    """The year said right before `at` ("2022 жылғы 14 сәуір") or by a relative year word anywhere ("биыл")."""
    for m in YEAR.finditer(text):
        if m.end() <= at and at - m.end() <= 3:
            return int(m.group(1))
    low = text.lower()
    for name, (unit, shift) in RELATIVE.items():
        if unit == "year" and RELATIVE_PATTERNS[name].search(low):
            return on.year + shift
    return None


def dates_in(text: str, on: dt.date, clause_at: ClauseAt = lambda _: (None, -1)) -> list[When]:
    """Every date a sentence says, resolved against the report's date `on`, in the order they stand."""
    out: list[When] = []
    low = text.lower()
    taken: list[tuple[int, int]] = []

    def add(value: str, m: re.Match[str], future: bool | None, of: int) -> None:
        out.append(When(value, m.start(), future, of))
        taken.append((m.start(), m.end()))

    # the day before the month ("5 наурызда") and after it ("наурыздың 5-і"): the groups of each pattern
    for regex, month_group, day_group in ((DAY_MONTH, 2, 1), (MONTH_DAY, 1, 2)):
        for m in regex.finditer(text):
            future, of = clause_at(m.end())
            month, day = MONTHS.index(m.group(month_group)) + 1, int(m.group(day_group))
            year = _year_of(text, m.start(), on) or _infer_year(month, day, on, future)
            try:
                add(dt.date(year, month, day).isoformat(), m, future, of)
            except ValueError:
                continue
    for m in NUMERIC.finditer(text):
        try:
            add(dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat(), m, *clause_at(m.end()))
        except ValueError:
            continue
    for m in [*MONTH.finditer(text), *MONTH_OPENING.finditer(text)]:
        if any(a <= m.start() < b for a, b in taken):
            continue
        future, of = clause_at(m.end())
        month = MONTHS.index(m.group(1).lower()) + 1
        year = _year_of(text, m.start(), on) or _infer_year(month, 28 if future else 1, on, future)
        add(f"{year:04d}-{month:02d}", m, future, of)
    for m in WEEKDAY.finditer(text):
        future, of = clause_at(m.end())
        add(_weekday(WEEKDAYS.index(m.group(1).lower()), on, future).isoformat(), m, future, of)
    for name, (unit, shift) in RELATIVE.items():
        for m in RELATIVE_PATTERNS[name].finditer(low):
            future, of = clause_at(m.end())
            add(_shifted(unit, shift, on), m, future, of)
    for m in YEAR_ALONE.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            add(m.group(1), m, *clause_at(m.end()))
    for m in SEASONS.finditer(low):
        if m.start() == 0 or not low[m.start() - 1].isalpha():
            add(str(_year_of(text, m.start(), on) or on.year), m, *clause_at(m.end()))
    return sorted(out, key=lambda w: w.at)


def _weekday(day: int, on: dt.date, future: bool | None) -> dt.date:
    """The weekday `day` (0 Monday) nearest the report: on or after it for the future, else on or before it."""
    delta = (day - on.weekday()) % 7
    return on + dt.timedelta(days=delta) if future else on - dt.timedelta(days=(on.weekday() - day) % 7)


def _shifted(unit: str, shift: int, on: dt.date) -> str:
    if unit == "day":
        return (on + dt.timedelta(days=shift)).isoformat()
    if unit == "week":
        monday = on - dt.timedelta(days=on.weekday()) + dt.timedelta(weeks=shift)
        return f"{monday.year:04d}-{monday.month:02d}"
    if unit == "month":
        k = on.year * 12 + on.month - 1 + shift
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    return str(on.year + shift)


def sentence_date(text: str, on: dt.date, future: bool | None = None) -> str | None:
    """The most precise date a sentence says (the first of those), or None."""
    best = _best(dates_in(text, on, lambda _: (future, -1)))
    return best.value if best else None


def _best(found: list[When]) -> When | None:
    """The most precise of the dates (the first of those)."""
    if not found:
        return None
    top = max(w.precision for w in found)
    return next(w for w in found if w.precision == top)


@dataclass(frozen=True)
class SentenceDates:
    """What a sentence says of when: the date of its happenings (its own, else carried from the sentence before),
    the date a relative clause gives the happening of its participle and the noun it describes (a gathering:
    "келер жылы өтетін форум"), and whether the first was carried."""

    main: When | None = None
    gathering: When | None = None
    carried: bool = False

    @property
    def value(self) -> str | None:
        when = self.main or self.gathering
        return when.value if when else None


class DateMemory:
    """The dates of an article's sentences, for the sentences after them that say none."""

    def __init__(self) -> None:
        self._article = ""
        self._last: tuple[int, When] | None = None  # (sentence, date) of the last sentence that dated its happenings

    def read(self, text: str, article_id: str, index: int, on: dt.date | None, clause_at: ClauseAt,
             future: bool | None) -> SentenceDates:
        """The dates sentence `index` says; with none of its own, those of the sentence just before that spoke of
        the same time (past or not) two sentences back at most, unless it turns to another time."""
        if article_id != self._article or index == 0:
            self._article, self._last = article_id, None
        if on is None:
            return SentenceDates()
        found = dates_in(text, on, clause_at)
        main = _best([w for w in found if w.of < 0])
        gathering = _best([w for w in found if w.of >= 0])
        if main is not None:
            self._last = (index, main)
            return SentenceDates(main, gathering)
        if gathering is not None:
            self._last = (index, gathering)
            return SentenceDates(None, gathering)
        last = self._last
        if last is None or index - last[0] > 2 or OTHER_TIME.match(text.lower().lstrip("«\"“–— ")):
            return SentenceDates()
        if future is not None and last[1].future is not None and future != last[1].future:
            return SentenceDates()
        return SentenceDates(last[1], None, carried=True)
