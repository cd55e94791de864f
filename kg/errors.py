"""The error tree of kg: every error a user can see derives from KgError.

    KgError
    ├── ArticleError        an input file cannot be read as an article (name + reason)
    │   ├── EmptyArticle
    │   ├── UndecodableArticle
    │   ├── BinaryArticle
    │   ├── MissingDateHeader
    │   └── UnsupportedLanguage
    ├── LexiconError        a lexicon TSV is malformed (file + line)
    ├── GraphError          an RDF file cannot be read or written
    │   └── StoreError      the Oxigraph store cannot be opened, written or queried
    │       └── StoreLocked another build holds the store's lock
    ├── ValidationError     SHACL validation could not run
    ├── RenderError         the HTML view cannot be built (bad option, missing asset)
    ├── ModelError          a shipped model (e.g. the Kazakh NER) is missing or cannot be loaded
    └── NothingBuilt        no input produced an article

Messages say what went wrong and what to do.
"""

from __future__ import annotations


class KgError(Exception):
    """Base of every error kg raises on purpose."""


class ArticleError(KgError):
    """An input file cannot be used as an article; the message names the file."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class EmptyArticle(ArticleError):
    """The file is empty or holds only whitespace."""


class UndecodableArticle(ArticleError):
    """The bytes are not text in an encoding we can tell."""


class BinaryArticle(ArticleError):
    """The file is binary (NUL bytes, an image, an archive...)."""


class MissingDateHeader(ArticleError):
    """The first line lacks the ` date YYYY-MM-DD ` header."""


class UnsupportedLanguage(ArticleError):
    """The text is in a language kg does not read yet."""


class LexiconError(KgError):
    """A lexicon file is malformed."""


class GraphError(KgError):
    """An RDF file cannot be read or written."""


class ValidationError(KgError):
    """SHACL validation could not be run."""


class NothingBuilt(KgError):
    """No input file produced an article."""


class RenderError(KgError):
    """The analyst's HTML view cannot be built: an unknown option or a missing asset."""


class ModelError(KgError):
    """A model shipped in ``kg/models/`` is missing or cannot be loaded; the message says how to rebuild it."""


class StoreError(GraphError):
    """The Oxigraph store cannot be opened, written or queried; the message names the store."""


class StoreLocked(StoreError):
    """Another process is writing into the store (its lock file is held)."""
