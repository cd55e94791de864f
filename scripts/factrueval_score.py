"""An independent check of Russian `metWith`, `affiliatedWith` and `leaderOf` on factRuEval-2016's devset.

    python scripts/factrueval_score.py [--data DIR] [--errors]

factRuEval-2016 (https://github.com/dialogue-evaluation/factRuEval-2016, MIT licence: see
LICENSE beside the data in ../shared/data/factrueval, "Copyright (c) 2015
dialogue-evaluation") annotates Russian news with facts; this script reads two kinds:

* `Meeting` facts: every two `Participant`s met -> gold `metWith` pairs;
* `Occupation` facts with a `Who` and a `Where`: the person works for, represents or heads
  the place or body -> gold pairs for `affiliatedWith` or `leaderOf` (either relation counts,
  the data does not tell them apart).

kg runs over each text with the packaged lexicon; its actors are mapped to factRuEval's
objects through the character spans of their mentions (an actor named only indirectly,
with no mention, maps to nothing). A system pair counts as a true positive when it joins
the two objects of a gold pair, as a false positive when both ends map to annotated
objects that no gold fact joins; pairs with an unmapped end are counted apart. Nothing
from the data is copied into kg: the numbers are a guard against rules that only fit the
development set.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

from kg.articles import split_sentences
from kg.model import ASSERTING, Article
from kg.process import ArticleProcessor

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "factrueval" / "devset"
OCCUPATION = ("affiliatedWith", "leaderOf")


def read_doc(base: Path) -> tuple[str, dict[int, tuple[int, int]], dict[int, set[int]], list[tuple[str, int, int]]]:
    """Text, span id -> chars, coref object -> its mention ids' char ranges, gold pairs (kind, a, b)."""
    text = base.with_suffix(".txt").read_text(encoding="utf-8")
    spans: dict[int, tuple[int, int]] = {}
    for line in base.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
        f = line.split("#")[0].split()
        if len(f) >= 4:
            spans[int(f[0])] = (int(f[2]), int(f[2]) + int(f[3]))
    mentions: dict[int, list[int]] = {}
    for line in base.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
        f = line.split("#")[0].split()
        if len(f) >= 3:
            mentions[int(f[0])] = [int(x) for x in f[2:]]
    objects: dict[int, set[int]] = collections.defaultdict(set)  # coref id -> character positions
    for block in base.with_suffix(".coref").read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        if not lines:
            continue
        head = lines[0].split()
        for m in head[1:]:
            for s in mentions.get(int(m), ()):
                if s in spans:
                    objects[int(head[0])].update(range(*spans[s]))
    gold: list[tuple[str, int, int]] = []
    for block in base.with_suffix(".facts").read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        if not lines:
            continue
        kind = lines[0].split()[1] if len(lines[0].split()) > 1 else ""
        roles = collections.defaultdict(list)
        for line in lines[1:]:
            m = re.match(r"(\S+) obj(\d+)", line)
            if m:
                roles[m.group(1)].append(int(m.group(2)))
        if kind == "Meeting":
            ps = roles["Participant"]
            gold += [("meet", a, b) for i, a in enumerate(ps) for b in ps[i + 1:] if a != b]
        elif kind == "Occupation":
            gold += [("occupation", w, o) for w in roles["Who"] for o in roles["Where"]]
    return text, spans, objects, gold


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--errors", action="store_true", help="list every miss and every false positive")
    args = ap.parse_args()
    proc = ArticleProcessor()
    counts = {"meet": [0, 0, 0, 0], "occupation": [0, 0, 0, 0]}  # tp fp fn unmapped
    notes: list[str] = []
    for base in sorted(Path(args.data).glob("*.facts")):
        base = base.with_suffix("")
        text, _, objects, gold = read_doc(base)
        article = Article(id=base.name, path=str(base), date=None, lang="ru", text=text,
                          sentences=split_sentences(text, "ru"))
        triples, mentions = proc.process(article)
        where: dict[str, set[int]] = collections.defaultdict(set)  # kg actor -> factRuEval objects
        for m in mentions:
            chars = set(range(m.start, m.end))
            for obj, pos in objects.items():
                if chars & pos:
                    where[m.actor_id].add(obj)
        gold_sets = {k: {(a, b) for kind, a, b in gold if kind == k} for k in counts}
        gold_sets["meet"] |= {(b, a) for a, b in gold_sets["meet"]}
        found: dict[str, set[tuple[int, int]]] = {k: set() for k in counts}
        for t in triples:
            kind = "meet" if t.relation == "metWith" else "occupation" if t.relation in OCCUPATION else None
            if kind is None or t.modality not in ASSERTING:  # a supposed or denied relation asserts nothing
                continue
            ss, os_ = where.get(t.subject, set()), where.get(t.object, set())
            if not ss or not os_:
                counts[kind][3] += 1
                continue
            hits = {(a, b) for a in ss for b in os_ if (a, b) in gold_sets[kind]}
            if hits:
                found[kind] |= hits
            else:
                counts[kind][1] += 1
                notes.append(f"SPURIOUS {base.name} {t.subject} {t.relation} {t.object} | {t.evidence[:140]}")
        for kind in counts:
            pairs = {(a, b) for k, a, b in gold if k == kind}
            if kind == "meet":
                hit = {p for p in pairs if p in found[kind] or (p[1], p[0]) in found[kind]}
            else:
                hit = pairs & found[kind]
            counts[kind][0] += len(hit)
            counts[kind][2] += len(pairs - hit)
            notes += [f"MISSED   {base.name} {kind} obj{a} obj{b}" for a, b in sorted(pairs - hit)]
    for kind, (tp, fp, fn, unmapped) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind:10} P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn}; pairs with an unmapped end: "
              f"{unmapped})")
    if args.errors:
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
