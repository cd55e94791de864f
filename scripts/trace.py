"""Show what the extractor sees in a sentence: tokens with case, mentions, units and triples.

    python scripts/trace.py kk "Қазақстан мен АҚШ арасындағы ынтымақтастық артып келеді."
"""

from __future__ import annotations

import datetime as dt
import sys

from kg.extract import Discourse
from kg.model import Article, Sentence
from kg.process import ArticleProcessor


def main() -> None:
    lang, text = sys.argv[1], " ".join(sys.argv[2:])
    proc = ArticleProcessor()
    finder = proc.finder(lang)
    doc = finder.nlp(text)
    for t in doc:
        print(f"  {t.i:3} {t.text:20} {t.lemma_:18} {t.morph}  frame={proc.extractor(lang).frame_of(t)}")
    known = finder.find(doc)
    found = known + finder.unknown(doc, known, 0)
    for m in found:
        print("  mention", m.actor_id, m.text, m.case, m.tok_start, m.tok_end)
    s = Sentence(0, len(text), text, lang)
    art = Article("trace", "trace", dt.date(2025, 10, 1), lang, text, (s,))
    ex = proc.extractor(lang)
    frames = [ex.frame_of(t) for t in doc]
    units = ex.make_units(doc, sorted(found, key=lambda m: m.tok_start), frames, art, Discourse(), 0, [])
    for u in units:
        print("  unit", [m.actor for m in u.members], u.start, u.end, u.case, u.prep)
    for t in ex.extract(doc, sorted(found, key=lambda m: m.tok_start), s, art, Discourse(), 0):
        print("  TRIPLE", t.subject, t.relation, t.object, t.confidence)


if __name__ == "__main__":
    main()
