"""Per-language parts by language code: the pipeline asks a registry, never an if-chain.

spaCy's registries are the model: a language's module registers what it provides with a
decorator, and a lookup imports the module the first time its language is asked for, so
nothing but the table in `kg.languages` lists the languages.

    @registry.extractors.register("kk")
    class KazakhExtractor(Extractor): ...

    registry.extractors.get("kk")  # imports kg.extract.kk on first use
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from kg.errors import KgError
from kg.languages import CODES, listed


class UnknownLanguage(KgError):
    """No part of a stage is registered for a language code."""


class Registry:
    """Language code -> what one stage uses for it, filled by the language modules of `package`."""

    def __init__(self, stage: str, package: str) -> None:
        self.stage = stage
        self.package = package
        self._entries: dict[str, Any] = {}

    def register(self, code: str) -> Callable[[Any], Any]:
        """A decorator that records its function or class as this stage's part for `code`."""

        def add(thing: Any) -> Any:
            self._entries[code] = thing
            return thing

        return add

    def get(self, code: str) -> Any:
        """The registered part for `code`, importing `<package>.<code>` the first time."""
        if code not in self._entries and code in CODES:
            importlib.import_module(f"{self.package}.{code}")
        try:
            return self._entries[code]
        except KeyError:
            raise UnknownLanguage(f"no {self.stage} for language {code!r}: kg reads {listed(names=False)}") from None


nlp = Registry("spaCy pipeline", "kg.nlp")  # code -> () -> spacy.Language
mention_finders = Registry("mention finder", "kg.mentions")  # code -> finder class of names the lexicon lacks
extractors = Registry("extractor", "kg.extract")  # code -> Extractor subclass
