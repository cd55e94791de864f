"""Browser benchmark: the 2,000-actor page in headless chromium -> seconds to load and stop its physics, and to answer.

    python bench/bench_browser.py                          # prints the two times
    python bench/bench_browser.py --output /tmp/b.json     # and writes them (run_bench.py does this)

The page is the one tests/test_render_browser.py draws (tests/test_render.py's synthetic graph
of 2,000 actors and 10,000 relations); the test only checks that it settles and answers, this
says how fast. `stabilise_s` runs from opening the file to the page marking its body stable
(physics stopped); `answer_s` from typing a search to a focus and a relation filter done. A
part not done within --limit seconds is recorded as a lower bound ({"value": ..., "bound":
"lower"}) and the rest is left out.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # the test modules that make the page

from report import lower  # noqa: E402


def measure(limit: float) -> dict:
    """The two times (or a lower bound for the one that reached `limit`)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    from kg.render import graph_to_view, write_html
    from tests.test_render import make_synthetic_graph
    from tests.test_render_browser import CHROMIUM_ARGS

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return {"error": "chromium is not installed"}
    view = graph_to_view(make_synthetic_graph(), max_nodes=2000)
    result: dict = {"actors": len(view.nodes), "relations": len(view.edges)}
    with tempfile.TemporaryDirectory(prefix="kg-browser-") as tmp, sync_playwright() as pw:
        html = Path(tmp) / "large.html"
        write_html(view, html)
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 850})
            page.set_default_timeout(limit * 1000)
            t = time.perf_counter()
            try:
                page.goto(html.as_uri())
                page.wait_for_selector("body[data-stabilized=true]", state="attached")
            except PlaywrightTimeout:
                return {**result, "stabilise_s": lower(time.perf_counter() - t),
                        "error": f"not stable after {limit:g} s"}
            result["stabilise_s"] = round(time.perf_counter() - t, 2)
            t = time.perf_counter()
            try:
                page.fill("#kg-search", "Актор 1999")
                page.press("#kg-search", "Enter")
                page.uncheck('input[data-relation="visited"]')
                focused = page.evaluate("kgView.state.focused")  # a round trip: all three handled
            except PlaywrightTimeout:
                return {**result, "answer_s": lower(time.perf_counter() - t),
                        "error": f"no answer after {limit:g} s"}
            result["answer_s"] = round(time.perf_counter() - t, 3)
            if not str(focused).endswith("a1999"):
                result["error"] = f"the search focused {focused!r}"
        finally:
            browser.close()
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=float, default=300.0, help="seconds before a part is given up (a lower bound)")
    ap.add_argument("--output", type=Path, default=None, help="write the result here as JSON")
    args = ap.parse_args(argv)
    result = measure(args.limit)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    if args.output:
        args.output.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
