"""The records that cross stage boundaries: frozen dataclasses, no loose dicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: character offsets into its article's text and its language."""

    start: int
    end: int
    text: str
    lang: str  # "kk", "ru", "en" or "" when it cannot be told


@dataclass(frozen=True, slots=True)
class Article:
    """A source text with its header removed.

    `text` is what offsets point into; `id` is the file name without extension.
    """

    id: str
    path: str
    date: dt.date | None
    lang: str
    text: str
    sentences: tuple[Sentence, ...] = ()
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A real-world actor as the lexicon knows it."""

    id: str  # stable slug, e.g. "tokayev", "country_KZ"
    type: str  # Person, Country, Organization, Place, Region, Event, Project
    labels: dict[str, str] = field(default_factory=dict, hash=False, compare=False)  # lang -> canonical
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    wikidata: str | None = None
    capital_of: str | None = None  # for capitals: the country actor id (metonymy)
    located_in: str | None = None  # for places and bodies: where they are
    # lang -> regular expression an adjective of nationality fullmatches, lower-cased
    # ("российск\w*" -> Russia); empty for actors that have none
    demonyms: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named in a sentence: token span, offsets in the article, grammatical case."""

    actor_id: str
    start: int  # char offset in the article text
    end: int
    tok_start: int  # token index in the sentence Doc
    tok_end: int
    text: str  # the surface form
    case: str  # Nom, Gen, Acc, Dat, Loc, Abl, Ins or "" when unknown
    source: str  # "lexicon", "ner", "title", "pronoun", ...


@dataclass(frozen=True, slots=True)
class Triple:
    """One relation read from one sentence, with where it came from."""

    subject: str  # actor id
    relation: str  # one of the 17 local names of ONTOLOGY.md
    object: str  # actor id
    article_id: str
    sent_start: int
    sent_end: int
    evidence: str
    lang: str
    confidence: float
    extractor: str
    modality: str = "Asserted"  # Asserted, Planned, Hypothetical or Denied (ONTOLOGY.md)
    speaker: str | None = None  # actor id of whose words the sentence reports
    date: str | None = None  # when it happens, as the text says: YYYY-MM-DD, YYYY-MM or YYYY; None: not said
    place: str | None = None  # actor id of where it happens, when the text names it


# the modalities that assert their relation (ONTOLOGY.md); the others are kept but assert nothing
ASSERTING = frozenset({"Asserted", "Planned"})
MODALITIES = ("Asserted", "Planned", "Hypothetical", "Denied")
# relations whose occurrences are dated happenings (ONTOLOGY.md); standing relations are not
HAPPENING_RELATIONS = frozenset({"visited", "metWith", "negotiatesWith", "participatesIn", "invited", "invitedTo",
                                 "hosts"})
