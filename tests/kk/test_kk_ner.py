"""Tests of the Kazakh NER (kg.nlp.kk_ner): offline loading, entities on our own sentences, alignment, metrics."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.nlp.kk import make_kk_nlp
from kg.nlp.kk_ner import KAZNERD_LABELS, MODEL_DIR, kk_entities, kk_entities_many, load_kk_ner

REPO = Path(__file__).resolve().parents[2]
MODEL_ROOT = REPO / "kg" / "models" / "kk_ner"
REPORTED = ("PERSON", "GPE", "ORGANISATION", "EVENT")


def _metrics() -> dict:
    return json.loads((MODEL_ROOT / "metrics.json").read_text(encoding="utf-8"))


def _found(text: str) -> set[tuple[str, str]]:
    doc = make_kk_nlp()(text)
    return {(doc[start:end].text, label) for start, end, label in kk_entities(doc)}


def test_model_is_shipped_in_the_repository_with_its_notice() -> None:
    assert MODEL_DIR == MODEL_ROOT / "pipeline"
    assert (MODEL_DIR / "meta.json").is_file()
    assert (MODEL_ROOT / "train.cfg").is_file()
    assert "Attribution 4.0 International" in (MODEL_ROOT / "LICENSE.md").read_text(encoding="utf-8")
    notice = (MODEL_ROOT / "NOTICE.md").read_text(encoding="utf-8")
    assert "KazNERD" in notice and "CC BY 4.0" in notice and "yeshpanov-etal-2022-kaznerd" in notice
    size = sum(f.stat().st_size for f in MODEL_ROOT.rglob("*") if f.is_file())
    assert size < 15_000_000


def test_model_loads_once_and_holds_only_tok2vec_and_ner() -> None:
    nlp = load_kk_ner()
    assert nlp is load_kk_ner()
    assert nlp.lang == "kk"
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(REPORTED) | {"LOCATION", "NORP", "POSITION"} <= set(nlp.get_pipe("ner").labels)
    assert set(nlp.get_pipe("ner").labels) <= KAZNERD_LABELS


def test_model_loads_offline_in_a_fresh_process() -> None:
    # Any attempt to open a network connection fails in the child, so a download would show up.
    code = (
        "import socket, json\n"
        "def refuse(*a, **k): raise OSError('network disabled in this test')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from kg.nlp.kk import make_kk_nlp\n"
        "from kg.nlp.kk_ner import kk_entities\n"
        "doc = make_kk_nlp()('Сарапшы Бауыржан Сәрсенбаев Астанада сөйледі.')\n"
        "print(json.dumps([[doc[s:e].text, l] for s, e, l in kk_entities(doc)], ensure_ascii=False))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120, check=True
    )
    found = {tuple(x) for x in json.loads(result.stdout.strip().splitlines()[-1])}
    assert ("Бауыржан Сәрсенбаев", "PERSON") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Сарапшы Бауыржан Сәрсенбаев Астанада сөйледі.",
            {("Бауыржан Сәрсенбаев", "PERSON"), ("Астанада", "GPE")},
        ),
        (
            "Сыртқы істер министрі Мұрат Нұртілеу Түркияға сапармен барды.",
            {("Мұрат Нұртілеу", "PERSON"), ("Сыртқы істер министрі", "POSITION")},
        ),
        (
            "Биыл Астанада өтетін халықаралық форумға Жапония мен Оңтүстік Корея өкілдері қатысады.",
            {("Астанада", "GPE"), ("Жапония", "GPE"), ("Оңтүстік Корея", "GPE")},
        ),
        (
            "Кеше Алматыда Ерлан Нұрланұлы журналистермен кездесті.",
            {("Алматыда", "GPE"), ("Ерлан Нұрланұлы", "PERSON")},
        ),
        (
            "Қазақстан мен Қытай арасындағы сауда көлемі өсті.",
            {("Қазақстан", "GPE"), ("Қытай", "GPE")},
        ),
        (
            "Әсел Жұмабаеваның айтуынша, Германия бұл жобаны қолдайды.",
            {("Германия", "GPE")},
        ),
    ],
)
def test_finds_person_and_gpe_in_our_sentences(text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= _found(text)


def test_spans_are_token_indices_of_the_given_doc() -> None:
    text = "«Самұрық-Қазына» қоры туралы Дания Ахметова:\n\nАқтөбеде  жаңа зауыт ашылды, – деді."
    doc = make_kk_nlp()(text)
    spans = kk_entities(doc)
    assert spans, "expected at least one entity"
    for start, end, label in spans:
        assert 0 <= start < end <= len(doc)
        assert label in KAZNERD_LABELS
        # The span is a run of the caller's tokens, never whitespace at its edges.
        assert not doc[start].is_space and not doc[end - 1].is_space
    texts = {doc[s:e].text for s, e, _ in spans}
    assert "Ақтөбеде" in texts
    # Sorted and non-overlapping, as spaCy's doc.ents.
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_batched_equals_one_by_one_and_empty_doc() -> None:
    nlp = make_kk_nlp()
    docs = [nlp(t) for t in ("Тоқаев Астанада сөйледі.", "", "Берлинде Ангела Меркель сөз сөйледі.")]
    assert kk_entities_many(docs) == [kk_entities(d) for d in docs]
    assert kk_entities(docs[1]) == []


def test_heldout_metrics_meet_the_bar_and_match_the_docs() -> None:
    metrics = _metrics()
    assert metrics["split"]["seed"] == 13 and metrics["split"]["test_fraction"] == 0.15
    assert metrics["split"]["n_test"] + metrics["split"]["n_train"] == 11167
    assert metrics["overall_four"]["f1"] >= 0.6
    assert metrics["per_label"]["PERSON"]["f1"] >= 0.6
    assert metrics["per_label"]["GPE"]["f1"] >= 0.6
    doc = (REPO / "docs" / "kk_ner.md").read_text(encoding="utf-8")
    for label in REPORTED:
        m = metrics["per_label"][label]
        row = re.search(rf"^\| {label} \|.*$", doc, flags=re.MULTILINE)
        assert row is not None, f"no row for {label} in docs/kk_ner.md"
        assert f"{m['f1']:.3f}" in row.group(0)
