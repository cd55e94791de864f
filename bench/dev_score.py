"""Quality on the shared development set, per language and per relation (the scorer of ../shared/eval, run for you).

    python bench/dev_score.py                 # every language: P/R/F1 per language and per relation
    python bench/dev_score.py kk --errors     # Kazakh only, with every miss and every spurious triple
    python bench/dev_score.py --json out.json # the numbers as JSON (for notes and the README's tables)

Builds the development set's articles (`../shared/dev/articles`, only the chosen languages) with the
working tree into a temporary folder and scores `graph.ttl` with `../shared/eval/score.py` against
`../shared/eval/gold/dev.json`; unlike the scorer's own totals, per-relation numbers here count only
the chosen languages' articles (a relation's true positives are its gold items not missed, so a
required item with alternatives counts under its first one). `--graph FILE` scores a graph already built.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ARTICLES = SHARED / "dev" / "articles"
GOLD = SHARED / "eval" / "gold" / "dev.json"
ENTITIES = SHARED / "eval" / "gold" / "dev-entities.json"
MODAL = SHARED / "eval" / "gold" / "dev-modal.json"
LANGS = ("kk", "ru", "en")


def scorer():
    spec = importlib.util.spec_from_file_location("kg_dev_scorer", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(langs: tuple[str, ...], out: Path) -> Path:
    files = sorted(str(p) for lang in langs for p in ARTICLES.glob(f"*_{lang}.txt"))
    cmd = [sys.executable, "-c", "from kg.cli import app; app()", "build", *files, "-o", str(out),
           "--no-store", "--no-html", "--quiet"]
    subprocess.run(cmd, check=True, capture_output=True)
    return out / "graph.ttl"


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _row(counts: list[int]) -> dict:
    return dict(zip(("tp", "fp", "fn", "p", "r", "f1"), [*counts, *prf(*counts)], strict=True))


def _line(v: dict) -> str:
    return f"P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f} (tp={v['tp']} fp={v['fp']} fn={v['fn']})"


def summarise(result: dict, langs: tuple[str, ...]) -> dict:
    """Per language, per relation (over the chosen languages' articles) and the total of those."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    per_rel: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    total = [0, 0, 0]
    for row in result["articles"]:
        if row["lang"] not in langs:
            continue
        errors = result["errors"][row["article"]]
        for t in errors["missed"]:
            per_rel[t[1]][2] += 1
        for t in errors["spurious"]:
            per_rel[t[1]][1] += 1
        total = [total[0] + row["tp"], total[1] + row["fp"], total[2] + row["fn"]]
    # true positives per relation: gold required items of these articles minus the missed ones
    for aid, art in gold.items():
        if art["lang"] not in langs:
            continue
        missed = {tuple(t) for t in result["errors"][aid]["missed"]}
        for item in art["required"]:
            alts = [tuple(a[:3]) for a in item["any"]] if isinstance(item, dict) else [tuple(item[:3])]
            if not any(a in missed for a in alts) and not any((a[2], a[1], a[0]) in missed for a in alts):
                per_rel[alts[0][1]][0] += 1
    return {
        "languages": {k: v for k, v in result["languages"].items() if k in langs},
        "relations": {k: _row(v) for k, v in sorted(per_rel.items())},
        "total": _row(total),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("langs", nargs="*", choices=[*LANGS, []], help="languages to build and score (default all)")
    ap.add_argument("--errors", action="store_true", help="list every miss and every spurious triple")
    ap.add_argument("--graph", type=Path, help="score this graph instead of building one")
    ap.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    ap.add_argument("--modal", action="store_true",
                    help="also score modality, attribution, dates and happenings (of the chosen languages' articles)")
    args = ap.parse_args(argv)
    langs = tuple(args.langs) or LANGS
    with tempfile.TemporaryDirectory(prefix="kg-dev-") as tmp:
        graph = args.graph or build(langs, Path(tmp))
        modal = None
        if args.modal:
            gold = json.loads(GOLD.read_text(encoding="utf-8"))
            items = json.loads(MODAL.read_text(encoding="utf-8"))
            modal = Path(tmp) / "modal.json"
            modal.write_text(json.dumps({k: v for k, v in items.items() if gold[k]["lang"] in langs}),
                             encoding="utf-8")
        result = scorer().score(graph, GOLD, ENTITIES, modal)
    summary = summarise(result, langs)
    for lang, v in sorted(summary["languages"].items()):
        print(f"language {lang}: {_line(v)}")
    for rel, v in summary["relations"].items():
        print(f"  {rel:15} {_line(v)}")
    print(f"TOTAL {'+'.join(langs)}: {_line(summary['total'])}")
    if "modal" in result:
        m = result["modal"]
        classes = ", ".join(f"{k} {v['correct']}/{v['judged']}" for k, v in m["modality"]["by_gold_class"].items())
        print(f"modality: accuracy {m['modality']['accuracy']:.3f} ({classes})")
        a = m["attribution"]
        print(f"attribution: P={a['p']:.3f} R={a['r']:.3f} F1={a['f1']:.3f} (tp={a['tp']} fp={a['fp']} fn={a['fn']})")
        d = m["date"]
        print(f"dates: accuracy {d['accuracy']:.3f} ({d['correct']} right of {d['judged']} dated, "
              f"{d['undated']} undated)")
        h = m["happenings"]
        print(f"happenings: B3 P={h['b3_p']:.3f} R={h['b3_r']:.3f} F1={h['b3_f1']:.3f} ({h['reports']} reports)")
        summary["modal"] = m
    if args.errors:
        for row in result["articles"]:
            if row["lang"] in langs:
                for t in result["errors"][row["article"]]["missed"]:
                    print(f"MISSED   {row['article']} {' '.join(t)}")
                for t in result["errors"][row["article"]]["spurious"]:
                    print(f"SPURIOUS {row['article']} {' '.join(t)}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
