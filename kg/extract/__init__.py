"""Extraction stage: Doc + mentions -> triples; what every language shares in `core.py`, its cues in `<code>.py`."""

from kg.extract.core import Discourse, Extractor, Member, Unit

__all__ = ["Discourse", "Extractor", "Member", "Unit"]
