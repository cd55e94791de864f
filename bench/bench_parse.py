"""Parsing speed on adversarial shapes: seconds per MB to turn a file into an Article, next to ordinary news.

    python bench/bench_parse.py            # prints a table and writes bench/results_parse.json
    python bench/bench_parse.py --mb 1     # smaller inputs (quicker)

Only the loading stage runs (decoding, markup, the date header, sentences with their language:
`kg.articles.parse_article`), on inputs of about `--mb` megabytes each: ordinary news (the seeds
repeated), many short sentences on one line, one very long word, thousands of unclosed `<!--` and
`<script` in an HTML page, and a page of `<` without `>`. Parsing is linear in the input when every
shape costs about as much per MB as ordinary news.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.articles import parse_article  # noqa: E402

HEADER = " date 2025-01-01 "


def shapes(mb: float) -> dict[str, bytes]:
    size = int(mb * 1_000_000)
    news = " ".join(p.read_text(encoding="utf-8").split(" ", 3)[-1] for p in sorted((ROOT / "seeds").glob("*.txt")))
    out = {
        "ordinary news": news * (size // len(news.encode()) + 1),
        "short sentences on one line": "Тоқаев келді. " * (size // 26),
        "one long word": "Қ" * (size // 2) + " сөз.",
        "unclosed <!--": "<html><body><p>Мәтін.</p>" + "<!-- x " * (size // 8),
        "unclosed <script": "<html><body><p>Мәтін.</p>" + "<script a " * (size // 10),
        "< without >": "<html><body><p>Мәтін.</p>" + "a < b " * (size // 6),
    }
    return {name: (HEADER + text).encode() for name, text in out.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=4.0, help="size of each input in MB (default 4)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results_parse.json")
    args = ap.parse_args(argv)
    rows = {}
    for name, data in shapes(args.mb).items():
        t = time.perf_counter()
        try:
            parse_article(data, f"{name}.txt", max_bytes=len(data) + 1)
            status = "built"
        except Exception as exc:  # a refused input is timed too: refusing must be quick as well
            status = f"refused: {type(exc).__name__}"
        seconds = time.perf_counter() - t
        rows[name] = {"mb": round(len(data) / 1e6, 2), "seconds": round(seconds, 2),
                      "seconds_per_mb": round(seconds / (len(data) / 1e6), 2), "status": status}
        print(f"{name:30} {len(data) / 1e6:6.2f} MB {seconds:8.2f} s {seconds / (len(data) / 1e6):8.2f} s/MB  {status}")
    args.out.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
