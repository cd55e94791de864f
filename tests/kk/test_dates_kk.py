"""Kazakh dates of happenings: temporal expressions resolved against the report's date, carried to the next
sentences, and the date of a gathering kept apart from an invitation's (fictional actors)."""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import fictional_processor, make_article

from kg.extract.kk.dates import sentence_date

BOR, SYL = "country_borduria", "country_syldavia"
BEK, SEI = "bekbolatov", "seitkaliyev"
VISIT = (BEK, "visited", SYL)
MET = (BEK, "metWith", SEI)
ON = dt.date(2025, 10, 1)  # a Wednesday


def dates(text: str, on: dt.date = ON) -> dict[tuple[str, str, str], str | None]:
    """(subject, relation, object) -> the date of its mention in `text`."""
    triples, _ = fictional_processor().process(make_article(text, "kk", on))
    return {(t.subject, t.relation, t.object): t.date for t in triples}


@pytest.mark.parametrize(("text", "triple", "date"), [
    ("Бекболатов 14-15 қарашада Сылдавияға сапармен барады.", VISIT, "2025-11-14"),  # a range: its first day
    ("Бекболатов 27 қыркүйекте Сылдавияға сапармен барды.", VISIT, "2025-09-27"),
    ("2024 жылғы 14 сәуірде Бекболатов Сейтқалиевпен кездесті.", MET, "2024-04-14"),
    ("Бекболатов шілде айында Сылдавияға барған.", VISIT, "2025-07"),
    ("Бекболатов кеше Сейтқалиевпен кездесті.", MET, "2025-09-30"),
    ("Бекболатов бүгін Сейтқалиевпен кездесті.", MET, "2025-10-01"),
    ("Бекболатов ертең Сейтқалиевпен кездеседі.", MET, "2025-10-02"),
    ("Бекболатов келесі жылы Сылдавияға барады.", VISIT, "2026"),
    ("Бекболатов биыл күзде Сылдавияға барады.", VISIT, "2025"),
    ("Бекболатов жұма күні Сейтқалиевпен кездесті.", MET, "2025-09-26"),  # the Friday before
    ("Бекболатов келесі аптада Сылдавияға барады.", VISIT, "2025-10"),
    ("Бекболатов Сылдавияға барып, 1916 жылғы көтеріліс құрбандарына гүл қойды.", VISIT, None),  # dates a noun
])
def test_sentence_dates(text: str, triple: tuple[str, str, str], date: str | None) -> None:
    assert dates(text)[triple] == date


def test_a_day_without_a_year_is_on_the_side_the_tense_says() -> None:
    on = dt.date(2025, 12, 20)
    assert dates("Бекболатов 5 қаңтарда Сылдавияға сапармен барады.", on)[VISIT] == "2026-01-05"
    assert dates("Бекболатов 5 желтоқсанда Сылдавияға сапармен барды.", on)[VISIT] == "2025-12-05"


def test_the_month_before_the_day() -> None:
    assert dates("Бекболатов наурыздың 5-і күні Сылдавияға сапармен барды.")[VISIT] == "2025-03-05"


def test_a_range_across_months_is_dated_by_its_first_day() -> None:
    on = dt.date(2025, 8, 1)
    found = dates("Сзоходта 31 тамыз – 1 қыркүйекте өтетін Дала форумына Сейтқалиев қатысады.", on)
    assert found[("szohod", "hosts", "steppe_forum")] == "2025-08-31"


def test_the_next_sentence_takes_the_date() -> None:
    found = dates("Бекболатов 3 қазанда Сылдавияға барады. Сапар барысында ол Сейтқалиевпен кездеседі.")
    assert found[MET] == "2025-10-03"


def test_no_date_for_another_story() -> None:
    found = dates("Бекболатов кеше Сейтқалиевпен кездесті. Карлин Сылдавияға сапармен барды.")
    assert found[("karlin", "visited", SYL)] is None


def test_a_relative_clause_dates_its_own_happening() -> None:
    found = dates("Бекболатовтың 2024 жылғы наурыз айында Сылдавияға барған сапары маңызды болды.")
    assert found[VISIT] == "2024-03"


def test_no_date_over_a_turn_to_another_time() -> None:
    found = dates("Бекболатов 3 қазанда Сылдавияға барады. Бұған дейін ол Сейтқалиевпен кездескен.")
    assert found[MET] is None


def test_an_invitation_is_dated_when_made_not_by_its_gathering() -> None:
    found = dates("Бекболатов кеше Сейтқалиевті келесі жылы Сзоходта өтетін Дала форумына шақырды.")
    assert found[(BEK, "invited", SEI)] == "2025-09-30"
    assert found[("szohod", "hosts", "steppe_forum")] == "2026"


def test_a_gathering_dated_once_is_dated_later() -> None:
    found = dates("Бекболатов 20 қазанда өтетін Дала форумына қатысуға ниетті. Сейтқалиев те сол форумға "
                  "қатысатынын айтты. Бүгін ол Сылдавияда болды. Дала форумы Сзоходта өтеді.")
    assert found[("szohod", "hosts", "steppe_forum")] == "2025-10-20"


@pytest.mark.parametrize(("text", "date"), [
    ("Сапар 2022 жылғы 14 сәуір күні өтті.", "2022-04-14"),
    ("Кездесу 2025 жылы өтті.", "2025"),
    ("Форум былтыр өтті.", "2024"),
    ("Форум өткен айда өтті.", "2025-09"),
    ("Кездесу 27-ші қарашада өтеді.", "2025-11-27"),  # an ordinal day
    ("Кездесу 05.03.2024 өтті.", "2024-03-05"),  # in figures
    ("Сейсенбіде кездесті.", "2025-09-30"),  # a weekday in the locative
    ("Қазан айында кездесті.", "2025-10"),  # a capitalised month before "айында"
    ("Өткен жылдың желтоқсанында кездесті.", "2024-12"),
    ("Сапар 1998 жылдан бері жалғасып келеді.", None),  # since: no date of a happening
    ("Қазан қаласында кездесті.", None),  # the city, not October
])
def test_expressions(text: str, date: str | None) -> None:
    assert sentence_date(text, ON) == date
