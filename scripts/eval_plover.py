"""Evaluation: PLOVER gold-standard sentences (English) -> precision and recall of our English extraction.

    python scripts/eval_plover.py [--data PATH] [--out docs/plover.md] [--errors]

PLOVER (Open Event Data Alliance, CC BY-SA 4.0) codes one source-event-target triple per
news sentence. Only the event types that correspond to our relations are used (MAPPING);
each sentence is run through the whole pipeline (mentions, open-world names, the English
extractor) with the packaged lexicon, as a one-sentence article.

* A predicted triple is correct when its relation is one the event type maps to and its
  two actors are a source and a target of the record (either order for symmetric
  relations; two sources of a record without target, e.g. "X and Y agreed", count as
  a pair). An actor matches a PLOVER actor when its surface text, its English names or
  its country (PLOVER's ISO alpha-3 code, or a nationality adjective) agree.
* Precision: correct predicted triples / predicted triples of the relations the mapping
  uses (leaderOf, memberOf, hosts, ... are not coded by PLOVER and are not counted).
* Recall: records with at least one correct triple / records in the subset.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from kg.lexicon import load_lexicon  # noqa: E402
from kg.model import Article, Sentence  # noqa: E402
from kg.process import ArticleProcessor  # noqa: E402

DATA = Path("/work/shared/data/plover/PLOVER_GSR_CAMEO.txt")
SYMMETRIC = frozenset({"metWith", "negotiatesWith", "cooperatesWith", "competesWith", "tradesWith"})

# PLOVER event type -> the relations of ONTOLOGY.md that code the same kind of event.
MAPPING: dict[str, tuple[str, ...]] = {
    "CONSULT": ("metWith", "negotiatesWith", "visited"),  # meetings, talks, calls, visits
    "AGREE": ("cooperatesWith", "supports", "negotiatesWith"),  # agreeing to cooperate, offering support
    "COOPERATE": ("cooperatesWith",),
    "SUPPORT": ("supports", "cooperatesWith"),  # backing, praise, ties
    "AID": ("supports",),
    "SANCTION": ("pressures",),
}
CODED = frozenset(r for rels in MAPPING.values() for r in rels)  # what PLOVER can confirm or refute
_STOP = frozenset({"the", "of", "and", "a", "an", "new", "senior", "president", "minister", "leader", "officials",
                   "official", "government", "foreign", "prime", "group", "s", "de", "al", "bin", "el"})


def load_records(path: Path) -> list[dict]:
    """The PLOVER records (the file is JSON with occasional trailing commas)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r",(\s*[\]}])", r"\1", text)
    return json.loads(text)


def actors_of(field) -> list[dict]:
    return field if isinstance(field, list) else []


def country_of_code(code: str) -> str | None:
    c = pycountry.countries.get(alpha_3=code[:3]) if code else None
    return f"country_{c.alpha_2.lower()}" if c else None


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z\-.']+", text.lower().replace("’", "'")) if w not in _STOP and len(w) > 2}


class Matcher:
    """Tells whether a predicted actor id is a PLOVER actor of the record."""

    def __init__(self, lexicon) -> None:
        self.lexicon = lexicon

    def names(self, actor_id: str, surfaces: dict[str, set[str]]) -> set[str]:
        out = set()
        for s in surfaces.get(actor_id, ()):
            out |= words(s)
        actor = self.lexicon.actors.get(actor_id)
        if actor:
            for n in [actor.labels.get("en", ""), *actor.aliases.get("en", ())]:
                out |= words(n)
        elif actor_id.startswith("new:"):
            out |= words(actor_id.split(":", 3)[3])
        return out

    def match(self, actor_id: str, gold: dict, surfaces: dict[str, set[str]]) -> bool:
        text = gold.get("actorText", "")
        code = gold.get("code", "")
        country = country_of_code(code)
        capital_state = self.lexicon.capital_of(actor_id)
        if country and actor_id in {country} | ({capital_state} if capital_state else set()):
            return True
        for w in words(text):
            if self.lexicon.demonym(w, "en") == actor_id:
                return True
        return bool(words(text) & self.names(actor_id, surfaces))


def gold_pairs(rec: dict) -> list[tuple[dict, dict]]:
    sources, targets = actors_of(rec.get("source")), actors_of(rec.get("target"))
    if targets:
        return [(s, t) for s in sources for t in targets]
    return [(a, b) for i, a in enumerate(sources) for b in sources[i + 1:]]


def evaluate(path: Path = DATA) -> dict:
    """Run the English extraction on the mapped subset; returns counts, scores and per-record details."""
    records = [r for r in load_records(path) if r.get("event") in MAPPING and r.get("text")]
    proc = ArticleProcessor(load_lexicon())
    matcher = Matcher(proc.lexicon)
    predicted = correct = found_records = 0
    per_event: Counter[str] = Counter()
    per_event_found: Counter[str] = Counter()
    details = []
    for rec in records:
        text = rec["text"].strip().strip("{}")
        date = None
        try:
            date = dt.date.fromisoformat(rec.get("date", ""))
        except ValueError:
            pass
        # each record is one sentence by construction: do not let the splitter cut it at "U.S."
        article = Article(rec["id"], rec["id"], date, "en", text, (Sentence(0, len(text), text, "en"),))
        triples, mentions = proc.process(article)
        surfaces: dict[str, set[str]] = {}
        for m in mentions:
            surfaces.setdefault(m.actor_id, set()).add(m.text)
        spo = sorted({(t.subject, t.relation, t.object) for t in triples})
        ok_rel = MAPPING[rec["event"]]
        pairs = gold_pairs(rec)
        hits = []
        spo = [x for x in spo if x[1] in CODED]
        for s, rel, o in spo:
            good = False
            if rel in ok_rel:
                for a, b in pairs:
                    direct = matcher.match(s, a, surfaces) and matcher.match(o, b, surfaces)
                    reverse = matcher.match(s, b, surfaces) and matcher.match(o, a, surfaces)
                    if direct or (reverse and (rel in SYMMETRIC or not actors_of(rec.get("target")))):
                        good = True
                        break
            hits.append(good)
        predicted += len(spo)
        correct += sum(hits)
        per_event[rec["event"]] += 1
        if any(hits):
            found_records += 1
            per_event_found[rec["event"]] += 1
        details.append((rec, spo, hits))
    precision = correct / predicted if predicted else 0.0
    recall = found_records / len(records) if records else 0.0
    return {"records": len(records), "predicted": predicted, "correct": correct, "found": found_records,
            "precision": precision, "recall": recall, "per_event": per_event, "per_event_found": per_event_found,
            "details": details}


def report(res: dict) -> str:
    """The Markdown page of docs/plover.md."""
    lines = [
        "# English extraction on PLOVER",
        "",
        "Test set: the PLOVER gold-standard records (`PLOVER_GSR_CAMEO.txt`, Open Event Data Alliance,",
        "github.com/openeventdata/PLOVER, **CC BY-SA 4.0**: Creative Commons Attribution-ShareAlike 4.0",
        "International). The sentences are examples from the CAMEO 1.1b3 manual; the file is not copied",
        "into this repository, `scripts/eval_plover.py` reads it from `../shared/data/plover/`. Nothing in",
        "`kg/` was written from these sentences.",
        "",
        "## Mapping of PLOVER event types to our relations",
        "",
        "| PLOVER | accepted relations |",
        "|---|---|",
    ]
    for ev, rels in MAPPING.items():
        lines.append(f"| {ev} | {', '.join(rels)} |")
    lines += [
        "",
        "Other types (DEMAND, REJECT, THREATEN, PROTEST, COERCE, FIGHT, ASSAULT, ...) have no relation in",
        "ONTOLOGY.md and are left out.",
        "",
        "## How it is scored",
        "",
        "Each sentence is a one-sentence article run through the whole English pipeline with the packaged",
        "lexicon. A predicted triple is correct when its relation is accepted for the record's event type",
        "and its two actors are the record's source and target (either order for symmetric relations; two",
        "sources of a record without target count as a pair). Actors match on surface words, English names",
        "in the lexicon, or the country (PLOVER's ISO alpha-3 code, a nationality adjective).",
        "Precision = correct triples / predicted triples of the mapped relations (PLOVER does not code titles,",
        "membership or hosting, so `leaderOf`, `memberOf`, `hosts` ... are not counted); recall = records",
        "with a correct triple / records. Each record is one sentence and is read as one.",
        "",
        "## Result",
        "",
        f"- records in the mapped subset: {res['records']}",
        f"- predicted triples: {res['predicted']}, correct: {res['correct']}",
        f"- **precision {res['precision']:.2f}**, **recall {res['recall']:.2f}** "
        f"({res['found']} of {res['records']} records)",
        "",
        "| event | records | found |",
        "|---|---|---|",
    ]
    for ev in MAPPING:
        lines.append(f"| {ev} | {res['per_event'][ev]} | {res['per_event_found'][ev]} |")
    lines += [
        "",
        "Recall is low by design of the comparison: PLOVER codes events (agreeing to, offering, suspending",
        "aid, expelling diplomats) most of which no relation of ours names, and many of its actors are",
        "groups (\"Moroccan diplomats\", \"Swiss doctors\") that the extractor does not treat as actors. The",
        "extractor favours precision: a sentence gives a relation only when a trigger and both roles are found.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "plover.md")
    ap.add_argument("--errors", action="store_true", help="print every record with its predictions")
    args = ap.parse_args()
    res = evaluate(args.data)
    print(f"records {res['records']}  predicted {res['predicted']}  correct {res['correct']}  "
          f"precision {res['precision']:.3f}  recall {res['recall']:.3f}")
    if args.errors:
        for rec, spo, hits in res["details"]:
            src = [a.get("actorText") for a in actors_of(rec.get("source"))]
            tgt = [a.get("actorText") for a in actors_of(rec.get("target"))]
            print(f"\n{rec['id']} {rec['event']} {src} -> {tgt}\n  {rec['text']}")
            for t, ok in zip(spo, hits, strict=True):
                print(f"  {'OK ' if ok else 'BAD'} {t}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report(res), encoding="utf-8")


if __name__ == "__main__":
    main()
