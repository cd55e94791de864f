"""Training of the Kazakh NER (offline build step): KazNERD IOB2 file -> spaCy tok2vec+ner pipeline + metrics.

Reads the KazNERD validation split with sentence ids (``with_sentID/IOB2_valid2.txt``), holds out a
fixed, seeded 15% of the sentences by id as the test split, trains spaCy's own ``tok2vec`` + ``ner``
(config ``kg/models/kk_ner/train.cfg``, language ``kk`` from :mod:`kg.nlp.kk`) on the rest, scores
exact-match precision/recall/F1 per label on the held-out sentences, and writes:

- ``kg/models/kk_ner/pipeline/``: the trained pipeline (``nlp.to_disk``),
- ``kg/models/kk_ner/metrics.json``: the split, the scores and the speed.

The split: ids sorted, shuffled with ``random.Random(13)``, the first ``round(0.15 * n)`` are the test
sentences. Training uses every other sentence; a fixed slice of 500 training sentences is spaCy's
"dev" corpus, only for the progress log (the shipped model is the last epoch, nothing is selected on
it, and nothing at all on the test split).

Usage::

    .venv/bin/python scripts/train_kk_ner.py            # about 5 minutes on 2 cores
    .venv/bin/python scripts/train_kk_ner.py --epochs 2 --out /tmp/kk_ner   # a quick try
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as spacy_train
from spacy.util import load_config

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import kg.nlp.kk  # noqa: E402, F401  (registers spacy.blank("kk"))

DEFAULT_DATA = REPO.parent / "shared" / "data" / "kaznerd" / "with_sentID" / "IOB2_valid2.txt"
MODEL_ROOT = REPO / "kg" / "models" / "kk_ner"
CONFIG = MODEL_ROOT / "train.cfg"
SPLIT_SEED = 13
TEST_FRACTION = 0.15
DEV_LOG_SIZE = 500
REPORTED_LABELS = ("PERSON", "GPE", "ORGANISATION", "EVENT")


@dataclass(frozen=True)
class Sentence:
    """One KazNERD sentence: its id, its tokens and their IOB2 tags."""

    sid: str
    words: tuple[str, ...]
    tags: tuple[str, ...]


def read_kaznerd(path: Path) -> list[Sentence]:
    """Read the IOB2 file with ``AID<n> O`` (or BID/CID/DID) id lines before each sentence.

    Args:
        path: ``IOB2_valid2.txt``.

    Returns:
        The sentences in file order.
    """
    sentences: list[Sentence] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        sid = lines[0].split()[0]
        pairs = [line.rsplit(" ", 1) for line in lines[1:]]
        sentences.append(Sentence(sid, tuple(w for w, _ in pairs), tuple(t for _, t in pairs)))
    ids = [s.sid for s in sentences]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: sentence ids are not unique")
    return sentences


def split_ids(ids: list[str], seed: int = SPLIT_SEED, fraction: float = TEST_FRACTION) -> tuple[set[str], set[str]]:
    """Return (train ids, test ids): sorted ids shuffled with ``Random(seed)``, the first ``fraction`` are test.

    Args:
        ids: All sentence ids.
        seed: The shuffle seed.
        fraction: Share of sentences held out.

    Returns:
        The two disjoint id sets.
    """
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    n_test = round(fraction * len(order))
    return set(order[n_test:]), set(order[:n_test])


def spans_of(tags: tuple[str, ...] | list[str]) -> set[tuple[int, int, str]]:
    """IOB2 tags -> set of (start, end, label) token spans (an I- without a B- starts a span)."""
    spans: set[tuple[int, int, str]] = set()
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if label and not (tag.startswith("I-") and tag[2:] == label):
            spans.add((start, i, label))
            label = ""
        if tag.startswith("B-") or (tag.startswith("I-") and not label):
            start, label = i, tag[2:]
    return spans


def score(gold: list[set[tuple[int, int, str]]], pred: list[set[tuple[int, int, str]]]) -> dict[str, dict]:
    """Exact-match P/R/F1 per label, micro over every label, and micro over the four reported labels."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        for span in g & p:
            tp[span[2]] += 1
        n_gold.update(s[2] for s in g)
        n_pred.update(s[2] for s in p)

    def prf(labels: list[str]) -> dict[str, float | int]:
        t = sum(tp[x] for x in labels)
        ng = sum(n_gold[x] for x in labels)
        np_ = sum(n_pred[x] for x in labels)
        p = t / np_ if np_ else 0.0
        r = t / ng if ng else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": ng}

    labels = sorted(set(n_gold) | set(n_pred))
    return {
        "per_label": {x: prf([x]) for x in labels},
        "overall_four": prf(list(REPORTED_LABELS)),
        "overall_all": prf(labels),
    }


def to_docbin(nlp: spacy.Language, sentences: list[Sentence], path: Path) -> None:
    """Write sentences as spaCy Docs (gold entities from the IOB2 tags) to a ``.spacy`` file."""
    db = DocBin(store_user_data=False)
    for s in sentences:
        db.add(Doc(nlp.vocab, words=list(s.words), ents=list(s.tags)))
    db.to_disk(path)


def tokens_per_second(nlp: spacy.Language, sentences: list[Sentence]) -> dict[str, float]:
    """Throughput of the NER on word lists: batched (``nlp.pipe``) and one Doc at a time."""
    docs = [Doc(nlp.vocab, words=list(s.words)) for s in sentences]
    n_tokens = sum(len(d) for d in docs)
    t0 = time.perf_counter()
    list(nlp.pipe(docs, batch_size=256))
    batched = n_tokens / (time.perf_counter() - t0)
    docs = [Doc(nlp.vocab, words=list(s.words)) for s in sentences]
    t0 = time.perf_counter()
    for d in docs:
        nlp(d)
    single = n_tokens / (time.perf_counter() - t0)
    return {"batched": round(batched), "one_doc_at_a_time": round(single)}


def dir_size(path: Path) -> int:
    """Total size in bytes of the files under ``path``."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv: list[str] | None = None) -> int:
    """Train, evaluate on the held-out split, save the pipeline and metrics.json; print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="KazNERD IOB2 file with sentence ids")
    ap.add_argument("--epochs", type=int, default=None, help="override training.max_epochs of train.cfg")
    ap.add_argument("--out", type=Path, default=MODEL_ROOT, help="where pipeline/ and metrics.json go")
    args = ap.parse_args(argv)

    sentences = read_kaznerd(args.data)
    train_ids, test_ids = split_ids([s.sid for s in sentences])
    train_set = [s for s in sentences if s.sid in train_ids]
    test_set = [s for s in sentences if s.sid in test_ids]
    print(f"{len(sentences)} sentences: {len(train_set)} train, {len(test_set)} held-out test (seed {SPLIT_SEED})")

    blank = spacy.blank("kk")
    overrides: dict[str, object] = {}
    if args.epochs is not None:
        overrides["training.max_epochs"] = args.epochs
    with tempfile.TemporaryDirectory(prefix="kk_ner_") as tmp_name:
        tmp = Path(tmp_name)
        to_docbin(blank, train_set, tmp / "train.spacy")
        to_docbin(blank, train_set[:DEV_LOG_SIZE], tmp / "dev.spacy")
        overrides |= {"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")}
        config = load_config(CONFIG, overrides=overrides, interpolate=False)
        t0 = time.perf_counter()
        nlp = init_nlp(config)
        (tmp / "out").mkdir()
        spacy_train(nlp, tmp / "out", stdout=sys.stdout, stderr=sys.stderr)
        train_seconds = time.perf_counter() - t0
        nlp = spacy.load(tmp / "out" / "model-last")

    gold = [spans_of(s.tags) for s in test_set]
    pred = [
        {(e.start, e.end, e.label_) for e in doc.ents}
        for doc in nlp.pipe((Doc(nlp.vocab, words=list(s.words)) for s in test_set), batch_size=256)
    ]
    scores = score(gold, pred)
    speed = tokens_per_second(nlp, test_set)

    nlp.meta.update(
        {
            "name": "kk_ner",
            "version": "0.1.0",
            "description": "Kazakh NER (25 KazNERD classes), tok2vec + ner, trained on KazNERD (CC BY 4.0)",
            "license": "CC BY 4.0",
            "author": "kg, derived from KazNERD (Yeshpanov, Khassanov & Varol, LREC 2022)",
            "sources": [{"name": "KazNERD", "url": "https://github.com/IS2AI/KazNERD", "license": "CC BY 4.0"}],
        }
    )
    # The temporary corpus paths are meaningless once the model is shipped.
    nlp.config["paths"]["train"] = None
    nlp.config["paths"]["dev"] = None
    dest = args.out / "pipeline"
    if dest.exists():
        shutil.rmtree(dest)
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(dest)

    metrics = {
        "data": "KazNERD validation split, with_sentID/IOB2_valid2.txt",
        "split": {
            "method": "sorted sentence ids shuffled with random.Random(seed); first round(fraction*n) are test",
            "seed": SPLIT_SEED,
            "test_fraction": TEST_FRACTION,
            "n_train": len(train_set),
            "n_test": len(test_set),
            "n_test_tokens": sum(len(s.words) for s in test_set),
        },
        "match": "exact span and label",
        "epochs": int(nlp.config["training"]["max_epochs"]),
        "train_seconds": round(train_seconds),
        "spacy_version": spacy.__version__,
        "model_bytes": dir_size(dest),
        "tokens_per_second": speed,
        **scores,
    }
    (args.out / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    print(f"\nHeld-out test ({len(test_set)} sentences), exact match (Markdown, as in docs/kk_ner.md):\n")
    print("| label | precision | recall | F1 | gold spans |")
    print("|---|---:|---:|---:|---:|")
    rows = [(x, scores["per_label"].get(x)) for x in REPORTED_LABELS]
    rows += [
        ("overall (4 labels, micro)", scores["overall_four"]),
        ("overall (all labels, micro)", scores["overall_all"]),
    ]
    for name, m in rows:
        if m is None:
            continue
        print(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |")
    print(f"model {metrics['model_bytes'] / 1e6:.1f} MB at {dest}; {speed} tokens/s; trained in {train_seconds:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
