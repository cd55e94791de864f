"""Which language identifier? Accuracy and speed on short Kazakh, Kyrgyz, Russian, English, Uzbek and Tatar text.

    python bench/langid_compare.py           # py3langid (kg's dependency), and lingua when it is installed

Samples: bench/langid_samples.tsv (sentences written for kg in the languages kg must refuse, and a few of
those it reads), plus up to 300 sentences each of Kazakh (KazNERD), Russian (factRuEval) and English
(PLOVER) from ../shared/data when it is there. For each identifier: the share of sentences told right, per
language, and sentences per second. kg needs the languages it reads told right, and the others told as
something else (Kyrgyz, Uzbek, Tatar must not come out as Kazakh or Russian).
"""

from __future__ import annotations

import collections
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))


def samples(limit: int = 300) -> list[tuple[str, str]]:
    out = []
    for line in (ROOT / "bench" / "langid_samples.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if line and not line.startswith(("#", "lang\t")):
            lang, text = line.split("\t", 1)
            out.append((lang, text))
    kaznerd = DATA / "kaznerd" / "IOB2_valid.txt"
    if kaznerd.is_file():
        words: list[str] = []
        n = 0
        for line in kaznerd.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if len(words) >= 5 and n < limit:
                    out.append(("kk", " ".join(words)))
                    n += 1
                words = []
            else:
                words.append(line.split()[0])
    factru = DATA / "factrueval" / "devset"
    if factru.is_dir():
        from kg.articles import split_sentences

        n = 0
        for path in sorted(factru.glob("*.txt")):
            for s in split_sentences(path.read_text(encoding="utf-8")):
                if len(s.text.split()) >= 5 and n < limit:
                    out.append(("ru", s.text))
                    n += 1
    plover = DATA / "plover" / "PLOVER_GSR_CAMEO.txt"
    if plover.is_file():
        records = json.loads(plover.read_text(encoding="utf-8"))
        texts = [r["text"] for r in records if r.get("language") == "en" and r.get("text")]
        out.extend(("en", t) for t in texts[:limit])
    return out


def identifiers() -> dict[str, Callable[[str], str]]:
    out: dict[str, Callable[[str], str]] = {}
    from kg.language import detect_language

    out["kg (script + py3langid)"] = detect_language
    try:
        import py3langid

        out["py3langid, all languages"] = lambda text: py3langid.classify(text)[0]
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().build()

        def lingua_code(text: str) -> str:
            found = lingua.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found else ""

        out["lingua, all languages"] = lingua_code
    except ImportError:
        pass
    return out


def main() -> int:
    data = samples()
    by_lang = collections.Counter(lang for lang, _ in data)
    print("samples:", ", ".join(f"{k} {v}" for k, v in sorted(by_lang.items())))
    for name, fn in identifiers().items():
        fn("warm-up")
        right: collections.Counter[str] = collections.Counter()
        confused: collections.Counter[tuple[str, str]] = collections.Counter()
        t = time.perf_counter()
        for lang, text in data:
            got = fn(text)
            if got == lang:
                right[lang] += 1
            else:
                confused[(lang, got)] += 1
        seconds = time.perf_counter() - t
        per = " ".join(f"{k} {right[k] / by_lang[k]:.2f}" for k in sorted(by_lang))
        print(f"{name:28} {len(data) / seconds:8.0f} sentences/s   accuracy {per}")
        worst = ", ".join(f"{a}->{b or '?'} {n}" for (a, b), n in confused.most_common(6))
        print(f"{'':28} most confused: {worst}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
