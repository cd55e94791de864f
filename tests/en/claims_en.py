"""Test helper for what English sentences claim: the full `Triple` records (modality, speaker, date) of a text.

`extract_helpers.triples` gives every (subject, relation, object) read, whatever its modality;
these give the records themselves, and the triples a text asserts (Asserted or Planned).
"""

from __future__ import annotations

import datetime as dt

from extract_helpers import DATE, Spo, fictional_processor, make_article

from kg.model import ASSERTING, Triple
from kg.process import ArticleProcessor


def claims(text: str, processor: ArticleProcessor | None = None, date: dt.date | None = DATE) -> list[Triple]:
    """Every triple the pipeline reads in `text`, with its modality, speaker and date."""
    found, _ = (processor or fictional_processor()).process(make_article(text, "en", date))
    return found


def modalities(text: str, processor: ArticleProcessor | None = None,
               date: dt.date | None = DATE) -> dict[Spo, set[str]]:
    """The modalities each (subject, relation, object) of `text` is read with."""
    out: dict[Spo, set[str]] = {}
    for t in claims(text, processor, date):
        out.setdefault((t.subject, t.relation, t.object), set()).add(t.modality)
    return out


def asserting(text: str, processor: ArticleProcessor | None = None, date: dt.date | None = DATE) -> set[Spo]:
    """The triples `text` asserts: read with an Asserted or Planned mention."""
    return {(t.subject, t.relation, t.object) for t in claims(text, processor, date) if t.modality in ASSERTING}
