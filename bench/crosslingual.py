"""Cross-lingual agreement: how alike are the graphs drawn from one interview in Kazakh and in Russian.

    python bench/crosslingual.py OUT/graph.ttl [KK_ARTICLE RU_ARTICLE]

Maps the graph's nodes to the seeds' gold entities with kg.eval (the label matching of
`kg eval`, docs/eval.md) and prints the Jaccard overlap of the (subject, relation, object)
sets drawn from the two articles (seeds 000 and 001 by default: the same interview).
OUT/graph.ttl may also be the build folder OUT. The entities are bench/gold/seeds-entities.json,
a copy of the project's own annotation (bench/gold/README.md), so a clone runs this alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.eval import graph_triples, load_entities, read_graph

ENTITIES = Path(__file__).resolve().parent / "gold" / "seeds-entities.json"
PAIR = ("000_559fe8a78368fa48", "001_fc73be21d94a1e42")


def agreement(graph: Path, pair: tuple[str, str] = PAIR, entities: Path = ENTITIES) -> tuple[float, set, set]:
    """Jaccard of the gold-mapped triples of two articles, and the two sets."""
    found = graph_triples(read_graph(graph), load_entities(entities)).triples
    a, b = set(found.get(pair[0], ())), set(found.get(pair[1], ()))
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
