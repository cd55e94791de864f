"""Extraction stage, English dates: when the happenings a sentence tells of take place, from its temporal words.

The temporal expressions of English news, resolved against the report's date: a day with or
without its year ("on April 22", "Sept 16", "5 May 2024", "Feb. 14"), a range dated by its first
day ("April 24-25", "11–12 November", "from December 18 through 20"), a weekday ("on Thursday",
"began Tuesday", "Wednesday's summit"), "yesterday"/"today"/"tomorrow", "next week", "last month",
"this year", a month ("in May", "in October 2023", "in early June") and a year ("in 2026",
"scheduled for 2027"). A weekday or a date without its year is the one before the report when the
happening it dates is told as done, the one after when it is planned.

Which expression dates the sentence: not a dateline's ("ASTANA, May 27."), not one in a clause
opened by "since"/"until"; the first one that agrees with what the sentence's happenings are (a
date after the report cannot date a visit told as done, nor one before it a planned one: "Putin
accepted an invitation to visit Kazakhstan in 2026" dates no acceptance). A sentence with no date
of its own takes one from earlier sentences only where the text ties them: a visit dated before
("will arrive in Kazakhstan on April 24-25") holds for what the visitor then does in that country
("In Astana, Cameron will meet X"), and a sentence about the same actors as the one before it (the
talks of a meeting just dated) keeps its date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.extract.core import Discourse, Unit
from kg.extract.en.speech import EnglishSpeech
from kg.extract.en.words import CLAUSE_END
from kg.model import HAPPENING_RELATIONS, Article
from kg.wordlists import words


def _numbered(name: str) -> dict[str, int]:
    """A "name:number" word list as a dict."""
    return {w.split(":")[0]: int(w.split(":")[1]) for w in words("en", name)}


MONTHS = _numbered("months")
WEEKDAYS = _numbered("weekdays")
RELATIVE_DAYS = _numbered("relative_days")
RELATIVE_STEPS = _numbered("relative_steps")
RANGE_JOINERS = words("en", "range_joiners")
DATE_PREPOSITIONS = words("en", "date_prepositions")
PLANNED_FOR = words("en", "planned_for")
NOT_WHEN = words("en", "not_when")
MONTH_PARTS = words("en", "month_parts")
SEASONS = words("en", "seasons")

_DAY_RANGE = re.compile(r"(\d{1,2})[-–—](\d{1,2})")
INVITATIONS = frozenset({"invited", "invitedTo"})
CARRY_WINDOW = 6  # sentences a dated visit holds for what the visitor does in the country


@dataclass(frozen=True)
class When:
    """A temporal expression: its tokens and the date it names (YYYY-MM-DD, YYYY-MM or YYYY)."""

    start: int
    end: int
    value: str


def _day(text: str) -> int | None:
    """A day of the month written as a number ("16", "3"), or the first of a range token ("11–12")."""
    m = _DAY_RANGE.fullmatch(text)
    if m:
        text = m.group(1)
    return int(text) if text.isdigit() and 1 <= int(text) <= 31 else None


def _year(text: str) -> int | None:
    return int(text) if len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100 else None


def _later(value: str, on: dt.date) -> bool:
    """The date is after the report's day, at the precision it is given with."""
    return value > on.isoformat()[:len(value)]


def _earlier(value: str, on: dt.date) -> bool:
    return value < on.isoformat()[:len(value)]


class EnglishDates(EnglishSpeech):
    """The date of each sentence's happenings (a mixin under `EnglishExtractor`)."""

    def date_of(self, doc: Doc, units: list[Unit], discourse: Discourse, index: int,
                article: Article) -> str | None:
        on = article.date
        if on is None:
            return None
        readings = self.happening_readings(doc)
        found = self.expressions(doc, on)
        invited = sum(rel in INVITATIONS for _, rel, _, _ in readings)
        if invited * 2 >= len(readings) > 0:
            # an invitation is dated when it is made: not by a date of what it invites to ("invited X to the
            # summit in November", "an invitation to visit Y in 2026")
            goal = self.invitation_goal(doc)
            found = [w for w in found if goal is None or w.start < goal]
        memo = self.memo(discourse, "dates")
        # a date in a relative clause with a happening of its own dates that one first ("X, who will visit Y next
        # week, met Z on Monday"): the main clause's dates are tried first
        inner = self.relative_clauses(doc)
        found = [w for w in found if not inner(w.start)] + [w for w in found if inner(w.start)]
        date = self.choose(doc, found, readings, on)
        if date is None and not found:
            date = self.carried(readings, memo, index)
        if date is not None:
            self.keep(readings, date, memo, index, own=bool(found))
        return date

    def relative_clauses(self, doc: Doc):
        """A test of whether a token is in a relative clause (", who/which ...,") with a relation trigger of its own."""
        spans = []
        for k in range(1, len(doc)):
            if doc[k].lower_ in {"who", "which", "where"} and doc[k - 1].text == ",":
                end = next((j for j in range(k + 1, len(doc)) if doc[j].text in {",", ";"} | CLAUSE_END), len(doc))
                if any(self.relation_trigger(j) for j in range(k + 1, end)):
                    spans.append((k, end))
        return lambda i: any(a < i < b for a, b in spans)

    def invitation_goal(self, doc: Doc) -> int | None:
        """Where what an invitation invites to begins: the first "to" after an invitation's trigger."""
        for k in range(len(doc)):
            if self._frames[k] in {"invite", "invitation"}:
                return next((j for j in range(k + 1, len(doc)) if doc[j].lower_ == "to"), None)
        return None

    def happening_readings(self, doc: Doc) -> list[tuple[str, str, str, str]]:
        """(subject, relation, object, modality) of the sentence's readings of happenings."""
        out = getattr(self, "_out", None) or []
        return [(s, rel, o, self.modality_of(doc, self.trigger_at(k))) for k, (s, rel, o, _) in enumerate(out)
                if rel in HAPPENING_RELATIONS]

    # ------------------------------------------------------------------ which date
    def choose(self, doc: Doc, found: list[When], readings: list[tuple[str, str, str, str]],
               on: dt.date) -> str | None:
        """The first expression that agrees with the sentence's happenings: done ones are not after the report,
        planned ones not before it (as many of each: the main clause's say)."""
        done = sum(m == "Asserted" for *_, m in readings)
        planned = sum(m == "Planned" for *_, m in readings)
        if done == planned and readings:
            main = self.clause_modality(doc, (self.fronted_end(doc) or -1) + 1)
            done, planned = (1, 0) if main == "Asserted" else (0, 1) if main == "Planned" else (0, 0)
        for w in found:
            if done > planned and _later(w.value, on):
                continue
            if planned > done and _earlier(w.value, on):
                continue
            return w.value
        return None

    def carried(self, readings: list[tuple[str, str, str, str]], memo: dict, index: int) -> str | None:
        """A date said before that the text ties to this sentence: the visit's, or the same actors'."""
        visits = memo.get("visits", {})
        for s, rel, o, _ in readings:
            if rel == "visited":
                kept = visits.get((s, self.country_of(o)))
                if kept is not None and index - kept[0] <= CARRY_WINDOW:
                    return kept[1]
        last = memo.get("pairs")
        if readings and last is not None and last[0] == index - 1 and all(
                frozenset((s, o)) in last[2] for s, _, o, _ in readings):
            return last[1]
        return None

    def keep(self, readings: list[tuple[str, str, str, str]], date: str, memo: dict, index: int, own: bool) -> None:
        """Remember the sentence's dated visits (when the sentence says the date) and its dated pairs."""
        if own:
            visits = memo.setdefault("visits", {})
            for s, rel, o, _ in readings:
                if rel == "visited" and self.country_of(o):
                    visits[(s, self.country_of(o))] = (index, date)
        memo["pairs"] = (index, date, {frozenset((s, o)) for s, _, o, _ in readings})

    def country_of(self, place: str) -> str | None:
        """The country a place is (or is in, by the lexicon)."""
        if self.type_of(place) == "Country":
            return place
        actor = self.lexicon.actors.get(place)
        where = actor.located_in if actor is not None else None
        return where if where is not None and self.type_of(where) == "Country" else None

    # ------------------------------------------------------------------ the expressions
    def expressions(self, doc: Doc, on: dt.date) -> list[When]:
        """The sentence's temporal expressions that may date its happenings, in order, resolved against `on`."""
        found: list[When] = []
        dateline = self.dateline_end(doc)
        i = 0
        while i < len(doc):
            parsed = self.parse_at(doc, i, on)
            if parsed is None:
                i += 1
                continue
            if parsed.start >= dateline and not self.not_when(doc, parsed.start):
                found.append(parsed)
            i = max(parsed.end, i + 1)
        return found

    @staticmethod
    def dateline_end(doc: Doc) -> int:
        """Where a dateline ("BAKU, Azerbaijan, April 1.", "TASHKENT, May 27. /TASS/.") ends (0 when none)."""
        if not len(doc) or not (doc[0].is_alpha and doc[0].text.isupper() and len(doc[0].text) > 1):
            return 0
        for k in range(1, min(len(doc), 15)):
            if doc[k].text in {".", "–", "—", "-", "--"}:
                return k + 1
        return 0

    def not_when(self, doc: Doc, k: int) -> bool:
        """In a clause opened by "since"/"until": the date is a bound, not when the happening is."""
        for j in range(k - 1, max(-1, k - 12), -1):
            if doc[j].text in CLAUSE_END or doc[j].text == ",":
                return False
            if doc[j].lower_ in NOT_WHEN:
                return True
        return False

    def parse_at(self, doc: Doc, i: int, on: dt.date) -> When | None:
        """The temporal expression starting at token `i`, if one does."""
        tok = doc[i]
        low = tok.lower_
        if low in RELATIVE_DAYS:
            return When(i, i + 1, (on + dt.timedelta(days=RELATIVE_DAYS[low])).isoformat())
        if low in RELATIVE_STEPS and i + 1 < len(doc) and doc[i + 1].lower_ in {"week", "month", "year"}:
            return When(i, i + 2, self.step(on, RELATIVE_STEPS[low], doc[i + 1].lower_))
        if low in RELATIVE_STEPS and i + 1 < len(doc) and doc[i + 1].lower_ in SEASONS:
            return When(i, i + 2, str(on.year + RELATIVE_STEPS[low]))  # "next spring": a year, no month
        if low in SEASONS and i + 1 < len(doc):
            # "in the spring of 2026", "in spring 2026"
            k = i + 2 if doc[i + 1].lower_ == "of" else i + 1
            if k < len(doc) and _year(doc[k].text) is not None:
                return When(i, k + 1, doc[k].text)
        if tok.text[:1].isupper() and low in WEEKDAYS:
            return self.weekday(doc, i, on)
        name = low.rstrip(".")
        if tok.text[:1].isupper() and name in MONTHS:
            return self.month(doc, i, on)
        if _day(tok.text) is not None and i + 1 < len(doc) and doc[i + 1].text[:1].isupper() \
                and doc[i + 1].lower_.rstrip(".") in MONTHS:
            return self.month(doc, i + 1, on)  # "5 May", "11–12 November": the month reads the day before it
        if _day(tok.text) is not None and i + 3 < len(doc) and doc[i + 1].text in RANGE_JOINERS \
                and _day(doc[i + 2].text) is not None and doc[i + 3].lower_.rstrip(".") in MONTHS:
            return self.month(doc, i + 3, on)  # "24 - 25 April"
        year = _year(tok.text)
        if year is not None and i > 0:
            prev = doc[i - 1].lower_
            if prev in DATE_PREPOSITIONS or (prev == "for" and i > 1 and doc[i - 2].lower_ in PLANNED_FOR):
                return When(i, i + 1, str(year))
        return None

    @staticmethod
    def step(on: dt.date, n: int, unit: str) -> str:
        """"next week" (the month it falls in), "last month", "this year"."""
        if unit == "year":
            return str(on.year + n)
        if unit == "week":
            return (on + dt.timedelta(days=7 * n)).isoformat()[:7]
        month = on.year * 12 + on.month - 1 + n
        return f"{month // 12:04d}-{month % 12 + 1:02d}"

    def weekday(self, doc: Doc, i: int, on: dt.date) -> When:
        """"on Thursday", "last Friday", "next Monday", "Wednesday's summit": the nearest such day, before the
        report for what is told as done, after it for what is planned."""
        wd = WEEKDAYS[doc[i].lower_]
        step = RELATIVE_STEPS.get(doc[i - 1].lower_) if i > 0 else None
        forward = step == 1 or (step is None and self.forward(doc, i))
        if forward:
            delta = (wd - on.weekday()) % 7 or (7 if step == 1 else 0)
        else:
            delta = -((on.weekday() - wd) % 7 or (7 if step == -1 else 0))
        start = i - 1 if step is not None else i
        return When(start, i + 1, (on + dt.timedelta(days=delta)).isoformat())

    def month(self, doc: Doc, i: int, on: dt.date) -> When | None:
        """A month with its day before or after it, a range, a year: "April 3-4", "18-20 December", "October 2023",
        "in May"."""
        m = MONTHS[doc[i].lower_.rstrip(".")]
        full = len(doc[i].lower_.rstrip(".")) > 4 or doc[i].lower_ in {"june", "july", "may"}
        start, end, day, year = i, i + 1, None, None
        if i + 1 < len(doc) and _day(doc[i + 1].text) is not None and _year(doc[i + 1].text) is None:
            day, end = _day(doc[i + 1].text), i + 2
            if end + 1 < len(doc) and doc[end].lower_ in RANGE_JOINERS and _day(doc[end + 1].text) is not None:
                end += 2  # "April 3-4", "December 18 through 20"
        elif i > 0 and _day(doc[i - 1].text) is not None:
            day, start = _day(doc[i - 1].text), i - 1
            if start >= 2 and doc[start - 1].text in RANGE_JOINERS and _day(doc[start - 2].text) is not None:
                day, start = _day(doc[start - 2].text), start - 2  # "24 - 25 April": the first day
        k = end + (1 if end < len(doc) and doc[end].text == "," else 0)
        if k < len(doc) and _year(doc[k].text) is not None:
            year, end = _year(doc[k].text), k + 1
        if day is None and year is None:
            prev = doc[i - 1].lower_ if i > 0 else ""
            if not full or not (prev in DATE_PREPOSITIONS or prev in MONTH_PARTS or prev == "of"):
                return None  # "May" the verb, "Jan" a name: a month alone needs "in"/"early"/"of" before it
        if day is None:
            if year is not None:
                return When(start, end, f"{year:04d}-{m:02d}")
            months = [(y, m) for y in (on.year - 1, on.year, on.year + 1)]
            now = (on.year, on.month)
            forward = self.forward(doc, i)
            pick = min((c for c in months if c >= now), default=None) if forward else \
                max((c for c in months if c <= now), default=None)
            y, mm = pick or now
            return When(start, end, f"{y:04d}-{mm:02d}")
        if year is not None:
            try:
                return When(start, end, dt.date(year, m, day).isoformat())
            except ValueError:
                return None
        candidates = []
        for y in (on.year - 1, on.year, on.year + 1):
            try:
                candidates.append(dt.date(y, m, day))
            except ValueError:
                continue
        if not candidates:
            return None
        slack = dt.timedelta(days=1)
        if self.forward(doc, i):
            best = min((c for c in candidates if c >= on - slack), default=None)
        else:
            best = max((c for c in candidates if c <= on + slack), default=None)
        best = best or min(candidates, key=lambda c: abs(c - on))
        return When(start, end, best.isoformat())

    def forward(self, doc: Doc, k: int) -> bool:
        """Whether the happening a date at `k` belongs to is planned (or only supposed): the nearest relation
        trigger of its clause, before it or else after it, says; without one, the main clause does."""
        fronted = self.fronted_end(doc)
        if fronted is not None and k < fronted:
            return self.clause_modality(doc, fronted + 1) in ("Planned", "Hypothetical")  # "On Thursday, X will"
        trig = self.trigger_before(doc, k, within=15)
        if trig is None:
            trig = next((j for j in range(k + 1, min(len(doc), k + 15)) if doc[j].text not in CLAUSE_END
                         and self.relation_trigger(j)), None)
        mood = self.modality_of(doc, trig) if trig is not None else self.clause_modality(doc, 0)
        return mood in ("Planned", "Hypothetical")
