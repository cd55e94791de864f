"""Mention stage: spaCy Doc -> actor mentions; the core in `core.py`, each language's finder in `<code>.py`."""

from kg.mentions.core import MentionFinder, norm, surname_links

__all__ = ["MentionFinder", "norm", "surname_links"]
