"""One interview in Kazakh (seed 000) and Russian (seed 001) must give the same graph."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import crosslingual


def test_kazakh_and_russian_versions_agree(seeds_build) -> None:
    if not crosslingual.SCORER.is_file():
        pytest.skip(f"the scorer is not at {crosslingual.SCORER}")
    jaccard, kk, ru = crosslingual.agreement(seeds_build.ttl)
    assert kk and ru
    assert jaccard >= 0.80, (sorted(kk - ru), sorted(ru - kk))


def test_the_same_people_are_one_node_with_both_languages(seeds_build) -> None:
    entities = {e.id: e for e in seeds_build.result.entities}
    for actor in ("tokayev", "trump", "mirziyoyev", "momynkulov"):
        assert actor in entities, actor
        assert {"kk", "ru"} <= set(entities[actor].labels), entities[actor].labels
    # no second node for any of them under another id
    labels = [e.labels.get("ru", "") for e in entities.values()]
    assert sum("Токаев" in x for x in labels) == 1
