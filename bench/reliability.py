"""Does confidence mean something? Precision of the mentions in each confidence band, on the development set.

    python bench/reliability.py                  # build the dev set, print the table
    python bench/reliability.py --graph g.ttl    # a graph already built
    python bench/reliability.py --markdown       # the table as the README shows it

Each mention (`kgo:Mention`: one sentence supporting one relation) carries `kgo:confidence`, set by the
mechanism that read it. A mention is right when its relation, with both ends mapped to the gold
entities as `../shared/eval/score.py` maps them (by label), is a required or an optional gold triple
of its article; it is wrong otherwise (also when an end maps to no gold entity). The table gives, per
band of confidence, how many mentions fall in it and what share of them is right.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ARTICLES = SHARED / "dev" / "articles"
GOLD = SHARED / "eval" / "gold" / "dev.json"
ENTITIES = SHARED / "eval" / "gold" / "dev-entities.json"
BANDS = ((0.0, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))

KGO = "https://w3id.org/kgpol/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"


def _scorer():
    spec = importlib.util.spec_from_file_location("kg_dev_scorer", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Judged:
    """One mention: its confidence, its language and whether its triple is gold."""

    confidence: float
    lang: str
    right: bool


def build_dev(out: Path) -> Path:
    """graph.ttl of the whole development set, built by the working tree."""
    cmd = [sys.executable, "-c", "from kg.cli import app; app()", "build", str(ARTICLES), "-o", str(out),
           "--no-store", "--no-html", "--quiet"]
    subprocess.run(cmd, check=True, capture_output=True)
    return out / "graph.ttl"


def judge(graph: Path) -> list[Judged]:
    """Every mention of `graph`, judged against the development set's gold."""
    from rdflib import Graph, Literal, URIRef

    sc = _scorer()
    ent = json.loads(ENTITIES.read_text(encoding="utf-8"))
    relations, entities = ent["relations"], ent["entities"]
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    alias: dict[str, set[str]] = collections.defaultdict(set)
    for eid, e in entities.items():
        for names in [*e["labels"].values(), e.get("aliases", [])]:
            for n in names:
                alias[sc.norm(n)].add(eid)
    g = Graph().parse(graph, format="turtle")
    weight = {URIRef(RDFS + "label"): 2, URIRef(SKOS + "altLabel"): 1}

    def gold_id(node) -> str | None:
        votes: collections.Counter[str] = collections.Counter()
        for p, w in weight.items():
            for lab in g.objects(node, p):
                if isinstance(lab, Literal):
                    for eid in alias.get(sc.norm(lab), ()):
                        votes[eid] += w
        return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if votes else None

    accepted: dict[str, set] = {}
    for aid, art in gold.items():
        ok = set().union(*(sc.alternatives(t, relations) for t in art["required"])) if art["required"] else set()
        ok |= {sc.canon(tuple(t[:3]), relations) for t in art["optional"]}
        accepted[aid] = ok
    out = []
    for m in g.subjects(URIRef(RDF + "type"), URIRef(KGO + "Mention")):
        rel = str(g.value(m, URIRef(RDF + "predicate"))).rsplit("#", 1)[-1]
        conf = g.value(m, URIRef(KGO + "confidence"))
        article = g.value(m, URIRef(PROV + "wasDerivedFrom"))
        aid = str(g.value(article, URIRef(DCT + "identifier")))
        if aid not in gold or conf is None or rel not in relations:
            continue
        s, o = gold_id(g.value(m, URIRef(RDF + "subject"))), gold_id(g.value(m, URIRef(RDF + "object")))
        right = bool(s and o and sc.canon((s, rel, o), relations) in accepted[aid])
        out.append(Judged(float(conf), gold[aid]["lang"], right))
    return out


def table(judged: list[Judged]) -> list[tuple[str, int, float]]:
    """(band, mentions, precision) per confidence band, lowest first; empty bands left out."""
    rows = []
    for lo, hi in BANDS:
        inside = [j for j in judged if lo <= j.confidence < hi]
        if inside:
            label = f"{lo:.1f}–{min(hi, 1.0):.1f}" if hi <= 1.0 else f"≥ {lo:.1f}"
            rows.append((label, len(inside), sum(j.right for j in inside) / len(inside)))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", type=Path, help="a graph of the development set already built")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-reliability-") as tmp:
        judged = judge(args.graph or build_dev(Path(tmp)))
    rows = table(judged)
    if args.markdown:
        print("| confidence | mentions | precision |\n|---|---:|---:|")
        for band, n, p in rows:
            print(f"| {band} | {n} | {p:.2f} |")
    else:
        for band, n, p in rows:
            print(f"{band:>9}  {n:5d} mentions  precision {p:.2f}")
    print(f"all        {len(judged):5d} mentions  precision {sum(j.right for j in judged) / max(len(judged), 1):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
