"""Test helper for the extraction stage: text -> (triples, mentions) through ArticleProcessor.

The extractor tests run on a tiny fictional lexicon (tests/fixtures/fictional) so that
editing the real lexicon does not break them; `real_processor` is for the few mechanisms
that rely on real ids (Kazakhstan's president, "еліміз").
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from kg.articles import split_sentences
from kg.lexicon import Lexicon, load_lexicon, parse_lexicon
from kg.model import Article, Mention
from kg.process import ArticleProcessor

FICTIONAL = Path(__file__).parent / "fixtures" / "fictional"
DATE = dt.date(2025, 10, 1)

Spo = tuple[str, str, str]


@functools.cache
def fictional_lexicon() -> Lexicon:
    """The fictional actors and roles of tests/fixtures/fictional."""
    actors = FICTIONAL / "actors.tsv"
    roles = FICTIONAL / "roles.tsv"
    return parse_lexicon([(actors.name, actors.read_text(encoding="utf-8"))],
                         (roles.name, roles.read_text(encoding="utf-8")))


@functools.cache
def fictional_processor() -> ArticleProcessor:
    """One processor on the fictional lexicon, shared by the tests of a session."""
    return ArticleProcessor(lexicon=fictional_lexicon())


@functools.cache
def real_processor() -> ArticleProcessor:
    """One processor on the packaged lexicon (for mechanisms keyed to real ids)."""
    return ArticleProcessor(lexicon=load_lexicon())


def make_article(text: str, lang: str, date: dt.date | None = DATE) -> Article:
    """An in-memory article of `text`, split into sentences as the loader would."""
    return Article(id="test", path="test", date=date, lang=lang, text=text,
                   sentences=split_sentences(text, lang))


def run(text: str, lang: str, processor: ArticleProcessor | None = None,
        date: dt.date | None = DATE) -> tuple[set[Spo], list[Mention]]:
    """The (subject, relation, object) set and the mentions the pipeline finds in `text`."""
    proc = processor or fictional_processor()
    triples, mentions = proc.process(make_article(text, lang, date))
    return {(t.subject, t.relation, t.object) for t in triples}, mentions


def triples(text: str, lang: str, processor: ArticleProcessor | None = None,
            date: dt.date | None = DATE) -> set[Spo]:
    """Only the (subject, relation, object) set of `text`."""
    return run(text, lang, processor, date)[0]


def relations(found: set[Spo]) -> set[str]:
    """The relation names in a triple set."""
    return {r for _, r, _ in found}
