"""Extraction stage, English word classes: the closed lists `kg.extract.en*` read from kg/lexicons/words_en.tsv.

One place for the lists and the two token tests every English module needs (a possessive
"'s" after a name, the preposition before a unit), so that the unit, title and frame
modules share them without importing each other.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.wordlists import words

PREPS = words("en", "prepositions")
DETERMINERS = words("en", "determiners")
# "to the second China-Central Asia summit": words between a determiner and a name that keep the preposition
NAME_ADJECTIVES = words("en", "name_adjectives")
# "met with his counterpart": possessives that stand between a preposition and its noun
POSSESSIVE_DETERMINERS = words("en", "possessive_determiners")
CONJ = words("en", "conjunctions")
DASHES = words("en", "dashes")
POSSESSIVE = words("en", "possessive")
CLAUSE_END = words("en", "clause_end")
# "he"/"him"/"she"/"her" stand in no case of their own; "his" is a possessive
PRONOUNS = {w: "Gen" if w in words("en", "pronouns_gen") else "" for w in words("en", "pronouns")}
PAIR_NOUNS = words("en", "pair_nouns")
# "the two leaders", "both presidents": nouns for the last two people named together
PEOPLE_PAIR = words("en", "people_pair_nouns")
GROUP_NOUNS = words("en", "group_nouns")
# "the Central Asian states": nouns after a region's adjective that stand for the region
REGION_NOUNS = words("en", "region_nouns")
# "Leaders of A, B and C attended": unnamed office-holders stand for their states (ONTOLOGY.md)
LEADERS = words("en", "leaders")
# nouns of a gathering that, bare ("the summit"), mean the last one named
BARE_EVENTS = words("en", "bare_events")
# offices of a state: their holder serves the state itself, whatever body the lexicon files them under
STATE_OFFICES = words("en", "state_offices")
# "Special Envoy to X", "Ambassador to X": X is where the office is held, not whom it serves
ACCREDITED = words("en", "accredited_offices")
# words that make a list of titled people the members of a group named before them
INCLUDING = words("en", "including")


_ORDINAL = re.compile(r"\d+(st|nd|rd|th)")


def possessive_at(doc: Doc, i: int) -> bool:
    """"Kazakhstan's" at token `i`; a bare apostrophe only after a plural ("the States'")."""
    return i < len(doc) and doc[i].text in POSSESSIVE and (doc[i].text.endswith("s") or doc[i - 1].text[-1:] in "sS")


def prep_before(doc: Doc, start: int) -> str:
    """The preposition before a unit starting at `start`, past determiners ("" when there is none)."""
    j = start - 1
    while j >= 0 and (doc[j].lower_ in DETERMINERS or doc[j].lower_ in POSSESSIVE_DETERMINERS
                      or ((doc[j].lower_ in NAME_ADJECTIVES or _ORDINAL.fullmatch(doc[j].lower_)) and j > 0
                          and (doc[j - 1].lower_ in DETERMINERS or doc[j - 1].lower_ in NAME_ADJECTIVES))):
        j -= 1  # "with the", "with his", "to the second China-Central Asia summit"
    if j >= 0 and doc[j].lower_ in PREPS:
        return doc[j].lower_
    return ""
