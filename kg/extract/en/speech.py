"""Extraction stage, English attribution: whose words a sentence reports."""

from __future__ import annotations

from kg.extract.en.gatherings import EnglishGatherings


class EnglishSpeech(EnglishGatherings):
    """The speaker of each sentence (a mixin under `EnglishExtractor`)."""
