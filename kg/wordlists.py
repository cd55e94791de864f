"""Lexicon stage, word lists: kg/lexicons/words_<lang>.tsv -> named sets of words and word patterns.

The closed classes of words a language's mention finder and extractor look for
(conjunctions, prepositions, titles, "the sides", ...) are data, one file per
language, so that a new language brings one new file and no new code.

Example:
    >>> "және" in words("kk", "conjunctions")
    True
    >>> bool(pattern("ru", "sides").fullmatch("сторонами"))
    True
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.errors import LexiconError
from kg.lexicon import LexiconFormatError

COLUMNS = ("list", "kind", "entries")
KINDS = ("words", "pattern")

_NAME = re.compile(r"[a-z][a-z0-9_]*")


class MissingWordList(LexiconError):
    """A word list was asked for that its language's file does not have (or has as the other kind)."""


def file_name(lang: str) -> str:
    """The file that holds the word lists of `lang`, e.g. "words_kk.tsv"."""
    return f"words_{lang}.tsv"


@dataclass(frozen=True)
class WordLists:
    """The word lists of one language file: `words` lists and compiled `pattern` lists by name."""

    file: str
    word_lists: dict[str, frozenset[str]]
    patterns: dict[str, re.Pattern[str]]

    def words(self, name: str) -> frozenset[str]:
        """The `words` list `name`.

        Raises:
            MissingWordList: the file has no words list of that name.
        """
        try:
            return self.word_lists[name]
        except KeyError:
            raise MissingWordList(self._missing(name, "words")) from None

    def pattern(self, name: str) -> re.Pattern[str]:
        """The `pattern` list `name`, compiled.

        Raises:
            MissingWordList: the file has no pattern list of that name.
        """
        try:
            return self.patterns[name]
        except KeyError:
            raise MissingWordList(self._missing(name, "pattern")) from None

    def _missing(self, name: str, kind: str) -> str:
        if name in self.word_lists or name in self.patterns:
            other = "words" if name in self.word_lists else "pattern"
            return f"{self.file}: list {name!r} is a {other} list, not a {kind} list"
        known = ", ".join(sorted({*self.word_lists, *self.patterns})) or "none"
        return f"{self.file} has no {kind} list {name!r} (its lists: {known})"


def parse_wordlists(file: str, text: str) -> WordLists:
    """Read the text of a words_<lang>.tsv file.

    Raises:
        LexiconFormatError: a wrong header, a row without three cells, a bad list name, an unknown
            kind, an empty list, a duplicate list or a pattern that does not compile (file and line
            in the message).
    """
    word_lists: dict[str, frozenset[str]] = {}
    patterns: dict[str, re.Pattern[str]] = {}
    first_at: dict[str, int] = {}
    header_seen = False
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            if tuple(cells) != COLUMNS:
                raise LexiconFormatError(file, line, f"header must be {'<TAB>'.join(COLUMNS)}")
            header_seen = True
            continue
        if len(cells) != len(COLUMNS):
            raise LexiconFormatError(file, line, f"{len(cells)} columns, expected {len(COLUMNS)} "
                                     f"({', '.join(COLUMNS)}, separated by tabs)")
        name, kind, entries = cells
        if not _NAME.fullmatch(name):
            raise LexiconFormatError(file, line, f"list name {name!r} is not lower_snake_case")
        if name in first_at:
            raise LexiconFormatError(file, line, f"duplicate list {name!r} (first at line {first_at[name]})")
        if kind not in KINDS:
            raise LexiconFormatError(file, line, f"unknown kind {kind!r}, expected one of {', '.join(KINDS)}")
        if not entries.strip():
            raise LexiconFormatError(file, line, f"list {name!r} is empty")
        if kind == "words":
            word_lists[name] = frozenset(entries.split())
        else:
            # a pattern is taken as written: spaces at its ends would be part of it
            try:
                patterns[name] = re.compile(entries)
            except re.error as err:
                raise LexiconFormatError(file, line, f"pattern of {name!r} is not a regular expression: "
                                         f"{err}") from None
        first_at[name] = line
    if not header_seen:
        raise LexiconFormatError(file, 1, "no header row")
    return WordLists(file, word_lists, patterns)


def load_wordlists_from(directory: Path, lang: str) -> WordLists:
    """Read words_<lang>.tsv from `directory` (not cached; for tests and tools)."""
    path = directory / file_name(lang)
    if not path.is_file():
        raise LexiconError(f"no word lists for language {lang!r}: {path} does not exist")
    return parse_wordlists(path.name, path.read_text(encoding="utf-8"))


@functools.cache
def load_wordlists(lang: str) -> WordLists:
    """The packaged word lists of `lang` (kg/lexicons/words_<lang>.tsv), read once per process.

    Raises:
        LexiconError: there is no file for `lang`.
        LexiconFormatError: the file is malformed (file and line in the message).
    """
    source = resources.files("kg.lexicons").joinpath(file_name(lang))
    if not source.is_file():
        raise LexiconError(f"no word lists for language {lang!r}: kg/lexicons/{file_name(lang)} does not exist")
    return parse_wordlists(file_name(lang), source.read_text(encoding="utf-8"))


def words(lang: str, name: str) -> frozenset[str]:
    """The `words` list `name` of language `lang`, e.g. words("ru", "prepositions").

    Raises:
        MissingWordList: the language's file has no words list `name`.
    """
    return load_wordlists(lang).words(name)


def pattern(lang: str, name: str) -> re.Pattern[str]:
    """The `pattern` list `name` of language `lang`, compiled, e.g. pattern("kk", "sides").

    The caller decides how to match it (fullmatch or match), as the comment above the
    row in the file says.

    Raises:
        MissingWordList: the language's file has no pattern list `name`.
    """
    return load_wordlists(lang).pattern(name)
