"""Cross-lingual agreement: how alike are the graphs drawn from one interview in Kazakh and in Russian.

    python bench/crosslingual.py OUT/graph.ttl [KK_ARTICLE RU_ARTICLE]

Maps the graph's nodes to the gold entities with ../shared/eval/score.py (the scorer's own
label matching) and prints the Jaccard overlap of the (subject, relation, object) sets
drawn from the two articles (seeds 000 and 001 by default: the same interview).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
PAIR = ("000_559fe8a78368fa48", "001_fc73be21d94a1e42")


def load_scorer():
    spec = importlib.util.spec_from_file_location("kg_scorer", SCORER)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def agreement(graph: Path, pair: tuple[str, str] = PAIR) -> tuple[float, set, set]:
    """Jaccard of the gold-mapped triples of two articles, and the two sets."""
    import json

    scorer = load_scorer()
    ent = json.loads((SCORER.parent / "gold" / "entities.json").read_text())
    ds = scorer.load_graph(graph)
    triples = scorer.system_triples(ds, ent["entities"], ent["relations"])[0]  # the rest varies by scorer version
    a, b = triples.get(pair[0], set()), triples.get(pair[1], set())
    union = a | b
    return (len(a & b) / len(union) if union else 1.0), a, b


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    pair = (argv[1], argv[2]) if len(argv) == 3 else PAIR
    j, a, b = agreement(Path(argv[0]), pair)
    print(f"{pair[0]}: {len(a)} triples; {pair[1]}: {len(b)} triples; shared {len(a & b)}")
    for t in sorted(a - b):
        print("  only in", pair[0], *t)
    for t in sorted(b - a):
        print("  only in", pair[1], *t)
    print(f"Jaccard = {j:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
