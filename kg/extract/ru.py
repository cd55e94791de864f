"""Extraction stage, ru (interim)."""

from __future__ import annotations

from kg import registry
from kg.extract.core import Extractor
from kg.lexicon import Lexicon


@registry.extractors.register("ru")
class X(Extractor):
    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon, "ru")
