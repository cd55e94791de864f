"""Every Kazakh label in the built graph is a name in its base form, never an inflected mention."""

from __future__ import annotations

import re

import rdflib
from rdflib.namespace import RDFS, SKOS

from kg.lexicon import load_lexicon

# Case endings of Kazakh nouns (genitive, accusative, dative, locative, ablative, instrumental)
CASE_ENDING = re.compile(
    r"(ның|нің|дың|дің|тың|тің|ны|ні|ды|ді|ты|ті|ға|ге|қа|ке|на|не|да|де|та|те|дан|ден|тан|тен|нан|нен|мен|бен|пен"
    r"|дағы|дегі|тағы|тегі)$"
)


def _lexicon_kk_names() -> set[str]:
    lexicon = load_lexicon()
    names: set[str] = set()
    for actor in lexicon.actors.values():
        if "kk" in actor.labels:
            names.add(actor.labels["kk"])
        names.update(actor.aliases.get("kk", ()))
    return names


def test_kazakh_labels_carry_no_case_ending(seeds_build) -> None:
    g = rdflib.Graph().parse(seeds_build.ttl)
    base_forms = _lexicon_kk_names()
    bad = []
    for s, label in g.subject_objects(RDFS.label | SKOS.altLabel):
        if "/actor/" not in str(s) or getattr(label, "language", None) != "kk":
            continue
        text = str(label)
        last = text.split()[-1]
        if text not in base_forms and CASE_ENDING.search(last) and len(last) > 5:
            bad.append((str(s), text))
    assert not bad, bad


def test_open_world_kazakh_names_are_base_forms(seeds_build) -> None:
    # names the lexicon does not know are labelled from the analyser's base form
    kk_new = {e.labels["kk"] for e in seeds_build.result.entities if "-" in e.id and "kk" in e.labels}
    for label in kk_new:
        assert not label.endswith(("ның", "нің", "ының", "інің", "ға", "ге", "ды", "ді")), label
