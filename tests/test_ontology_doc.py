"""docs/ontology.md and docs/eval.md say what the code does: relations, classes, cues and the gold example."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.extract.core import load_triggers
from kg.languages import CODES
from kg.namespaces import ACTOR_CLASSES, RELATIONS, SYMMETRIC
from kg.ontology import signature

DOCS = Path(__file__).resolve().parents[1] / "docs"
FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "eval"


def table(markdown: str, first_header: str) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the markdown table whose first column is `first_header`."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"\|\s*{first_header}\s*\|", line))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    cells = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines[start:end]]
    return cells[0], cells[2:]  # cells[1] is the |---| line


@pytest.fixture(scope="module")
def ontology_doc() -> str:
    return (DOCS / "ontology.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def relation_rows(ontology_doc: str) -> dict[str, list[str]]:
    _, rows = table(ontology_doc, "relation")
    return {row[0].strip("`"): row for row in rows}


def test_the_relations_are_the_ontology_s_in_its_order(relation_rows: dict[str, list[str]]) -> None:
    assert list(relation_rows) == list(RELATIONS)


def test_domain_range_and_symmetry_are_kg_ttl_s(relation_rows: dict[str, list[str]]) -> None:
    for rel, row in relation_rows.items():
        arrow = "↔" if "↔" in row[1] else "→"
        subject, obj = (frozenset(c.strip() for c in side.split("/")) for side in row[1].split(arrow))
        sig = signature(rel)
        assert (subject, obj) == (sig.domain, sig.range), rel
        assert (arrow == "↔") == (rel in SYMMETRIC), rel


def test_the_classes_are_the_ontology_s(ontology_doc: str) -> None:
    _, rows = table(ontology_doc, "class")
    assert [row[0].strip("`") for row in rows] == ["Actor", *ACTOR_CLASSES, "Article", "Mention"]


def test_every_cue_is_a_trigger_word(relation_rows: dict[str, list[str]]) -> None:
    # cues in backticks are words of kg/lexicons/triggers_<code>.tsv, the first pattern they match no 'exclude'
    found = set()
    for rel, row in relation_rows.items():
        for part in row[3].split(" · "):
            code, _, words = part.partition(" ")
            assert code in CODES, (rel, part)
            found.add(code)
            for word in re.findall(r"`([^`]+)`", words):
                frame = next((t.frame for t in load_triggers(code) if t.pattern.fullmatch(word)), None)
                assert frame not in (None, "exclude"), (rel, code, word, frame)
    assert found == set(CODES)


def json_blocks(markdown: str) -> list[object]:
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", markdown, flags=re.S)]


def test_the_gold_format_examples_are_the_fixture_s() -> None:
    entities_example, gold_example = json_blocks((DOCS / "eval.md").read_text(encoding="utf-8"))
    gold = json.loads((FIXTURE / "gold.json").read_text(encoding="utf-8"))
    entities = json.loads((FIXTURE / "entities.json").read_text(encoding="utf-8"))
    assert gold_example == {"ru_tashkent": gold["ru_tashkent"]}
    for eid, entity in entities_example["entities"].items():
        assert entity == entities["entities"][eid], eid
