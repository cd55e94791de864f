"""The results files: bench/results.json, merged key by key, and bench/results.md rendered from it.

Several tools write into one results.json (`run_bench.py` its stages and ratios,
`bench_scale.py` the scale runs); each updates only the keys it measured and keeps the rest,
under a lock, so neither wipes out what the other wrote. A figure whose measurement was
stopped at a time limit is a bound, not a null:

    {"value": 20.0, "bound": "lower"}     at least 20 (results.md shows "≥ 20.00")
    {"value": 33.3, "bound": "upper"}     at most 33.3 (a rate over a run that did not finish: "≤ 33.30")
"""

from __future__ import annotations

import fcntl
import json
import math
import os
from pathlib import Path

BOUND_SIGNS = {"lower": "≥", "upper": "≤"}


def lower(value: float, digits: int = 2) -> dict:
    """At least `value` (a time limit reached before the measurement ended)."""
    return {"value": round(value, digits), "bound": "lower"}


def upper(value: float, digits: int = 2) -> dict:
    """At most `value`."""
    return {"value": round(value, digits), "bound": "upper"}


def value_of(x: object) -> float | None:
    """The number of a plain or bounded figure (None stays None)."""
    return x["value"] if isinstance(x, dict) else x


def scaled(x: object, factor: float, digits: int = 2) -> object:
    """`x` times a positive `factor`, keeping its bound."""
    if x is None:
        return None
    if isinstance(x, dict):
        return {**x, "value": round(x["value"] * factor, digits)}
    return round(x * factor, digits)


def shown(x: object, digits: int = 2) -> str:
    """A figure for results.md: "5.80", "≥ 5.80", or "n/a"."""
    if x is None:
        return "n/a"
    if isinstance(x, dict):
        return f"{BOUND_SIGNS[x['bound']]} {x['value']:,.{digits}f}"
    return f"{x:,.{digits}f}"


def read_results(path: Path) -> dict:
    """The existing results.json, or {} (missing or unreadable)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def json_safe(value: object) -> object:
    """NaN and infinities (a ratio of two timeouts, which bounds nothing) become null: JSON has no NaN."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


def merge_results(path: Path, update) -> dict:
    """Read results.json, apply `update` (a dict of top-level keys, or a function of the old
    contents returning one), write it back; every other key is kept as it was. Returns the whole.

    The file is locked from the read to the write, so two tools finishing at once both land.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with os.fdopen(os.dup(fd), "r+", encoding="utf-8") as f:
            try:
                old = json.loads(f.read() or "{}")
            except ValueError:
                old = {}
            new = update(old) if callable(update) else update
            merged = {**old, **json_safe(new)}
            f.seek(0)
            f.truncate()
            f.write(json.dumps(merged, indent=1, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
    finally:
        os.close(fd)  # releases the lock
    return merged


def markdown(report: dict) -> str:
    """bench/results.md: the machine, the ratio table, the stage table, the browser and the scale runs."""
    m = report["machine"]
    lines = ["# kg benchmark results", "",
             f"Run {report['date']} by `bench/run_bench.py` in {report['total_s']:.0f} s "
             f"(corpus: {report['corpus']['articles']} generated articles, seed {report['corpus']['seed']}).", "",
             "## Machine", "",
             f"- CPU: {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable)",
             f"- RAM: {m['ram_gb']} GB; load average at start {m['load_average']}",
             f"- {m['os']}, Python {m['python']}",
             "- " + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v), "",
             "## Ratios (higher is better)", "",
             "| ratio | value | target | of target | met | how measured |",
             "|---|---:|---:|---:|:---:|---|"]
    for name, r in report["ratios"].items():
        if r["meets_target"] is None:
            met = "unknown" if r["value"] is not None else "n/a"  # a bound short of the target
        else:
            met = "yes" if r["meets_target"] else "no"
        lines.append(f"| {name} | {shown(r['value'])} | {r['target']:g} | {shown(r['of_target'])} | {met} "
                     f"| {r['detail']} |")
    peak = report.get("peak_rss_100k_gb")
    lines += ["", f"peak_rss_100k_gb: {shown(peak)} (target < 4; from `bench/bench_scale.py`: the build and all its "
              "processes together, at their highest)"
              + ("" if peak is not None else ", not measured yet"), "",
              "## Stages", "",
              "| stage | s | tokens/s | articles/s | peak RSS MB | note |", "|---|---:|---:|---:|---:|---|"]
    for s in report["stages"]:
        lines.append(f"| {s['stage']} | {s['seconds']:.2f} | {shown(s['tokens_per_s'], 0)} | "
                     f"{shown(s['articles_per_s'])} | {s['peak_rss_mb']:.0f} | {s['note']} |")
    browser = report.get("browser")
    if browser:
        what = (f"{browser['actors']:,} actors and {browser['relations']:,} relations" if "actors" in browser
                else "the large page")
        lines += ["", "## The page in a browser (`bench/bench_browser.py`)", "",
                  f"{what} in headless chromium: loaded and stable in {shown(browser.get('stabilise_s'))} s; "
                  f"a search, its focus and a relation filter answered in {shown(browser.get('answer_s'), 3)} s"
                  + (f" ({browser['error']})" if browser.get("error") else "") + "."]
    lines += _scale_lines(report.get("scale"))
    if report.get("push") and report.get("push_vs_bulk_load") is not None:  # bench_push.py's, kept when others run
        lines += ["", *push_lines(report["push"], report["push_vs_bulk_load"])]
    lines += ["", "Tokens are the pipelines' own tokens (spaces left out); for load, whitespace words. "
              "Corpus-wide stages (resolution onwards) divide by all tokens and articles. "
              "≥ and ≤ mark bounds: a part stopped at its time limit.", ""]
    for note in report.get("notes", []):
        lines.append(f"- {note}")
    return "\n".join(lines) + "\n"


PUSH_HEADING = "## Push to a SPARQL server (`bench/bench_push.py`)"


def push_lines(section: dict, ratio: float) -> list[str]:
    """bench_push.py's section of results.md: each protocol's first push against `oxigraph load`, and the ratio."""
    lines = [PUSH_HEADING, "",
             f"Run {section['date']}: {section['articles']:,} generated articles, {section['statements']:,} "
             f"statements, `--batch {section['batch']}`; {section['machine']}. Wall time of `kg push` to a fresh "
             "`oxigraph serve` against `oxigraph load` of `kg export -f nq` just before it.", "",
             "| protocol | endpoint | first push s | statements/s | oxigraph load s | statements/s | ratio "
             "| unchanged re-push s |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, p in section["protocols"].items():
        lines.append(f"| {name} | `{p['url']}` | {p['seconds']:.1f} | {p['statements_per_s']:,} | "
                     f"{p['bulk_load_s']:.1f} | {p['bulk_load_statements_per_s']:,} | {p['ratio']:.2f} | "
                     f"{p['unchanged_repush_s']:.2f} |")
    met = {True: "met", False: "not met"}
    lines += ["", f"push_vs_bulk_load: {ratio:.2f} (target ≥ {section['target_ratio']}: "
              f"{met[section['meets_target']]}); unchanged re-push {section['unchanged_repush_s']:.2f} s "
              f"(target < {section['target_repush_s']:.0f} s: {met[section['repush_meets_target']]})."]
    return lines


def _scale_lines(scale: dict | None) -> list[str]:
    if not scale:
        return []
    lines = ["", "## Scale (`bench/bench_scale.py`)", "",
             "| articles | build s | articles/s | peak RSS GB, largest process | peak RSS GB, all processes "
             "| status |", "|---:|---:|---:|---:|---:|---|"]
    for n, r in sorted(scale.get("runs", {}).items(), key=lambda kv: int(kv[0])):
        seconds = r["seconds"]
        # a run stopped at its timeout took at least that long, so it read at most that fast
        rate = (upper(int(n) / seconds["value"]) if isinstance(seconds, dict) else int(n) / seconds)
        lines.append(f"| {int(n):,} | {shown(seconds, 0)} | {shown(rate)} | {shown(r['peak_rss_gb'])} | "
                     f"{shown(r.get('peak_rss_all_processes_gb'))} | {'ok' if r['ok'] else r.get('error', 'failed')} |")
    lin = scale.get("linearity")
    if lin:
        lines += ["", f"Seconds per article grew {lin['per_article_growth']:.2f}x from {lin['from']:,} to "
                  f"{lin['to']:,} articles: " + ("linear." if lin["linear"] else "not linear.")]
    return lines
