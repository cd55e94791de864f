"""English dates of happenings: each temporal expression of kg/extract/en/dates.py on sentences written for the
test (fictional actors), resolved against the report's date (Wednesday 1 October 2025 unless said)."""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import Spo

from en.claims_en import claims

B, S, Z = "country_borduria", "country_syldavia", "country_zubrowka"
BEK, SEIT, MUSK = "bekbolatov", "seitkaliyev", "muskar"


def dates(text: str, date: dt.date = dt.date(2025, 10, 1)) -> dict[Spo, set[str | None]]:
    out: dict[Spo, set[str | None]] = {}
    for t in claims(text, date=date):
        out.setdefault((t.subject, t.relation, t.object), set()).add(t.date)
    return out


@pytest.mark.parametrize(("text", "triple", "date"), [
    # days named from the report's
    ("Bekbolatov visited Zubrowka yesterday.", (BEK, "visited", Z), "2025-09-30"),
    ("Bekbolatov met Muskar today.", (BEK, "metWith", MUSK), "2025-10-01"),
    ("Bekbolatov will visit Zubrowka tomorrow.", (BEK, "visited", Z), "2025-10-02"),
    # weekdays: before the report for what is done, after it for what is planned
    ("Bekbolatov visited Zubrowka on Monday.", (BEK, "visited", Z), "2025-09-29"),
    ("Bekbolatov will visit Zubrowka on Monday.", (BEK, "visited", Z), "2025-10-06"),
    ("Bekbolatov met Muskar on Wednesday.", (BEK, "metWith", MUSK), "2025-10-01"),
    ("Bekbolatov met Muskar last Wednesday.", (BEK, "metWith", MUSK), "2025-09-24"),
    ("On Friday, after the ceremony, Bekbolatov is scheduled to meet Muskar.", (BEK, "metWith", MUSK), "2025-10-03"),
    ("Bekbolatov's visit to Zubrowka, which began Tuesday, ends soon.", (BEK, "visited", Z), "2025-09-30"),
    # days of a month, with and without the year, abbreviated
    ("Bekbolatov met Muskar on September 22.", (BEK, "metWith", MUSK), "2025-09-22"),
    ("Bekbolatov met Muskar on 5 May 2024.", (BEK, "metWith", MUSK), "2024-05-05"),
    ("Bekbolatov met Muskar on Sept 16.", (BEK, "metWith", MUSK), "2025-09-16"),
    ("Bekbolatov and Muskar discussed trade during a Feb. 14 meeting in Klow.", (BEK, "metWith", MUSK),
     "2025-02-14"),
    ("Bekbolatov will visit Zubrowka on January 12.", (BEK, "visited", Z), "2026-01-12"),
    # ranges: the first day
    ("Bekbolatov will visit Zubrowka on October 24-25.", (BEK, "visited", Z), "2025-10-24"),
    ("Bekbolatov will visit Zubrowka on 11–12 November.", (BEK, "visited", Z), "2025-11-11"),
    ("Bekbolatov will visit Zubrowka on 24 - 25 November.", (BEK, "visited", Z), "2025-11-24"),
    # months and years, weeks
    ("Bekbolatov visited Zubrowka in May.", (BEK, "visited", Z), "2025-05"),
    ("Bekbolatov will visit Zubrowka in May.", (BEK, "visited", Z), "2026-05"),
    ("Bekbolatov visited Zubrowka in early March.", (BEK, "visited", Z), "2025-03"),
    ("Bekbolatov visited Zubrowka in October 2023.", (BEK, "visited", Z), "2023-10"),
    ("Bekbolatov will visit Zubrowka in 2026.", (BEK, "visited", Z), "2026"),
    ("Bekbolatov will visit Zubrowka next week.", (BEK, "visited", Z), "2025-10"),
    ("Bekbolatov visited Zubrowka last month.", (BEK, "visited", Z), "2025-09"),
    ("Bekbolatov will visit Zubrowka next year.", (BEK, "visited", Z), "2026"),
    ("The Steppe Forum in Klow is scheduled for 2027.", ("klow", "hosts", "steppe_forum"), "2027"),
    # seasons name a year
    ("Bekbolatov will visit Zubrowka next spring.", (BEK, "visited", Z), "2026"),
    ("Bekbolatov visited Zubrowka in the spring of 2024.", (BEK, "visited", Z), "2024"),
    # the main clause's date before a relative clause's with a happening of its own
    ("Bekbolatov, who will visit Zubrowka next week, met Muskar on Monday.", (BEK, "metWith", MUSK), "2025-09-29"),
    ("Bekbolatov's visit to Zubrowka, which began Tuesday, ends soon.", (BEK, "visited", Z), "2025-09-30"),
    # no date of its own: the report's (None here)
    ("Bekbolatov visited Zubrowka.", (BEK, "visited", Z), None),
    # a dateline is where and when the report is written, not when what it tells happens
    ("KLOW, September 30. Bekbolatov will visit Zubrowka.", (BEK, "visited", Z), None),
    # a bound is no date: "since", "until"
    ("Bekbolatov has visited Zubrowka twice since 2022.", (BEK, "visited", Z), None),
    # an invitation is dated when it is made: a later year in the sentence dates only the visit it invites to
    ("Bekbolatov accepted an invitation from Muskar to visit Zubrowka in 2026.", (MUSK, "invited", BEK), None),
    ("Bekbolatov invited Muskar to the Steppe Forum in November.", (BEK, "invited", MUSK), None),
    ("On Monday, Bekbolatov invited Muskar to the Steppe Forum in November.", (BEK, "invited", MUSK), "2025-09-29"),
    # a year that names a document is no date
    ("Bekbolatov met Muskar to discuss the 2019 strategy.", (BEK, "metWith", MUSK), None),
])
def test_date(text: str, triple: Spo, date: str | None) -> None:
    found = dates(text)
    assert found.get(triple) == {date}, found


def test_a_range_through_a_day() -> None:
    found = dates("Bekbolatov is on an official visit to Zubrowka, which runs from December 18 through 20.",
                  dt.date(2025, 12, 19))
    assert found.get((BEK, "visited", Z)) == {"2025-12-18"}, found


def test_a_dated_visit_holds_for_what_the_visitor_does_in_the_country() -> None:
    found = dates("Zubrowka's Foreign Minister Otto Muskar will arrive in Syldavia on October 7. His visit is part "
                  "of a tour. In Klow, Muskar will meet Seitkaliyev.")
    assert found.get((MUSK, "metWith", SEIT)) == {"2025-10-07"}, found


def test_the_same_actors_keep_the_date_of_the_sentence_before() -> None:
    found = dates("Bekbolatov met Muskar on Monday. Bekbolatov and Muskar also held talks.")
    assert found.get((BEK, "negotiatesWith", MUSK)) == {"2025-09-29"}, found


def test_other_actors_do_not_take_the_date_before() -> None:
    found = dates("Bekbolatov met Muskar on Monday. Seitkaliyev visited Zubrowka.")
    assert found.get((SEIT, "visited", Z)) == {None}, found
