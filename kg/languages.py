"""The languages kg reads: the one table every list of languages is read from.

The loader, the lexicon and ontology label columns, the command line's choices, the page's
menus and the error for a language kg does not read all come from `LANGUAGES`. The order
is the fallback order of labels: an actor without a label in the chosen language shows its
English one, then its Russian one, then its Kazakh one.

A language is added with a row here and its modules under `kg/nlp/`, `kg/mentions/` and
`kg/extract/`, which register themselves (`kg.registry`); docs/architecture.md walks it through.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One language kg reads."""

    code: str  # ISO 639-1, the language tag of labels and evidence literals
    name: str  # in English, for messages
    native: str  # in the language itself, for menus
    # languages whose spelling of people's names texts in this one also use
    person_names_from: tuple[str, ...] = ()
    # languages a short sentence is told as, in an article of this one, that are this one after all
    # (a Kazakh sentence without a Kazakh-only letter looks Russian: "Алибайов.")
    absorbs_short: tuple[str, ...] = ()


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "English"),
    Language("ru", "Russian", "Русский"),
    Language("kk", "Kazakh", "Қазақша", person_names_from=("ru",), absorbs_short=("ru",)),
)

CODES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)
BY_CODE: dict[str, Language] = {lang.code: lang for lang in LANGUAGES}


def listed(codes: tuple[str, ...] = CODES, *, names: bool = True) -> str:
    """The languages as a phrase for messages.

    Example:
        >>> listed()
        'English, Russian and Kazakh'
        >>> listed(names=False)
        'en, ru or kk'
    """
    words = [BY_CODE[c].name if names else c for c in codes]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {'and' if names else 'or'} {words[-1]}"


def reads_message() -> str:
    """What kg reads, said in one clause ("kg reads English, Russian and Kazakh")."""
    return f"kg reads {listed()}"
