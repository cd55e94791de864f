"""Scale benchmark (`make bench-scale`): 10,000 and 100,000 generated articles -> `kg build` wall time and peak RSS.

    python bench/bench_scale.py                         # both sizes (under an hour once builds stream)
    python bench/bench_scale.py --sizes 10000           # one size
    python bench/bench_scale.py --sizes 500 --output /tmp/scale.json   # a check that writes elsewhere

For each size the corpus is generated on disk (bench/generate_corpus.py, one file at a time),
then built by `kg build` in a child process. Two peaks are kept: the largest single process
(`os.wait4`'s maximum over the build and its waited-for children) and the largest sum over
the build and all its workers and writers at one moment (sampled twice a second with psutil);
`peak_rss_100k_gb` is the sum, what the machine has to have. Writes `articles_per_s_10k`, `articles_per_s_100k` and
`peak_rss_100k_gb` (plus a `scale` section) into bench/results.json, keeping every other key
(bench/report.py), and re-renders bench/results.md when run_bench.py has written it. A build
stopped at --timeout gives bounds: at least that many seconds and that peak, at most that many
articles/s.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_corpus import generate  # noqa: E402
from report import lower, markdown, merge_results, upper  # noqa: E402
from run_bench import build_flags, kg_command  # noqa: E402

LINEAR_TOLERANCE = 1.25  # seconds per article may grow by a quarter from 10k to 100k and still count as linear


def size_label(n: int) -> str:
    """10000 -> "10k", 100000 -> "100k", 1500 -> "1500" (the suffix of the results keys)."""
    return f"{n // 1000}k" if n % 1000 == 0 and n >= 1000 else str(n)


def run_build(corpus: Path, out: Path, timeout: float, extra: list[str]) -> dict:
    """`kg build corpus -o out` in a child process: wall seconds, peak RSS, exit status."""
    cmd = [*kg_command(), "build", str(corpus), "-o", str(out), "-q", *extra]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = t + timeout
    tree = 0  # the largest sum of RSS over the build and its workers, sampled twice a second
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        tree = max(tree, tree_rss(proc.pid))
        if time.perf_counter() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)  # the build and any workers it started
            pid, status, usage = os.wait4(proc.pid, 0)
            return {"seconds": time.perf_counter() - t, "peak_rss_gb": usage.ru_maxrss / 2**20,
                    "peak_rss_all_processes_gb": tree / 2**30, "ok": False, "stopped": True,
                    "error": f"stopped after {timeout:.0f} s"}
        time.sleep(0.5)
    seconds = time.perf_counter() - t
    stderr = proc.stderr.read() if proc.stderr else ""
    stdout = proc.stdout.read() if proc.stdout else ""
    code = os.waitstatus_to_exitcode(status)
    result = {"seconds": seconds, "peak_rss_gb": usage.ru_maxrss / 2**20,
              "peak_rss_all_processes_gb": tree / 2**30, "ok": code == 0,
              "summary": next((line for line in stdout.splitlines() if line.startswith("Built")), "")}
    if code != 0:
        result["error"] = f"exit {code}: {stderr.strip()[-300:]}"
    return result


def tree_rss(pid: int) -> int:
    """Bytes resident in a process and all its descendants now (0 once it is gone)."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def linearity(runs: dict[int, dict]) -> dict | None:
    """How seconds per article changed from the smallest to the largest successful run."""
    ok = sorted(n for n, r in runs.items() if r["ok"])
    if len(ok) < 2:
        return None
    small, large = ok[0], ok[-1]
    growth = (runs[large]["seconds"] / large) / (runs[small]["seconds"] / small)
    return {"from": small, "to": large, "per_article_growth": round(growth, 3),
            "linear": growth <= LINEAR_TOLERANCE, "tolerance": LINEAR_TOLERANCE}


def recorded(run: dict) -> dict:
    """A run as results.json keeps it: floats rounded; a run stopped at its timeout had not
    finished, so its time and its peaks are lower bounds."""
    out = {k: round(v, 3) if isinstance(v, float) else v for k, v in run.items()}
    if run.get("stopped"):
        for key in ("seconds", "peak_rss_gb", "peak_rss_all_processes_gb"):
            if isinstance(run.get(key), float):
                out[key] = lower(run[key], 3)
    return out


def update_results(path: Path, runs: dict[int, dict], lin: dict | None) -> dict:
    """Merge the scale figures into the results file: its own keys only, every other kept."""

    def update(old: dict) -> dict:
        new: dict = {}
        for n, r in runs.items():
            if r["ok"]:
                new[f"articles_per_s_{size_label(n)}"] = round(n / r["seconds"], 2)
            elif r.get("stopped"):  # not done after that long: at most that fast
                new[f"articles_per_s_{size_label(n)}"] = upper(n / r["seconds"])
        big = runs.get(100_000)
        if big and (big["ok"] or big.get("stopped")):
            peak = big["peak_rss_all_processes_gb"]
            new["peak_rss_100k_gb"] = round(peak, 2) if big["ok"] else lower(peak)
        if "peak_rss_100k_gb" not in old and "peak_rss_100k_gb" not in new:
            new["peak_rss_100k_gb"] = None  # not measured yet
        scale = dict(old.get("scale") or {})
        scale["runs"] = {**scale.get("runs", {}), **{str(n): recorded(r) for n, r in runs.items()}}
        scale["date"] = time.strftime("%Y-%m-%dT%H:%M:%S")
        # runs of one size at a time still give a linearity once the file holds both sizes
        scale["linearity"] = lin or linearity({int(n): r for n, r in scale["runs"].items()})
        new["scale"] = scale
        return new

    return merge_results(path, update)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes")
    ap.add_argument("--langs", default="kk,ru")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=3000.0, help="seconds before a build is stopped")
    ap.add_argument("--work", type=Path, default=None, help="folder for corpora and outputs (default: a temp dir)")
    ap.add_argument("--build-args", default="--jobs 0",
                    help="extra `kg build` arguments (default: one worker per core)")
    ap.add_argument("--output", type=Path, default=HERE / "results.json")
    ap.add_argument("--markdown", type=Path, default=HERE / "results.md")
    args = ap.parse_args(argv)

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    flags = build_flags()
    extra = (["--no-html"] if "--no-html" in flags else []) + args.build_args.split()
    runs: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="kg-scale-", dir=args.work) as tmp:
        for n in sizes:
            corpus = Path(tmp) / f"corpus_{n}"
            t = time.perf_counter()
            count = sum(1 for _ in generate(n, corpus, tuple(args.langs.split(",")), args.seed))
            gen_s = time.perf_counter() - t
            print(f"{n:,}: generated {count:,} articles in {gen_s:.0f} s; building ...", flush=True)
            r = run_build(corpus, Path(tmp) / f"out_{n}", args.timeout, extra)
            r["generate_s"] = gen_s
            r["build_args"] = " ".join(extra)
            runs[n] = r
            status = "ok" if r["ok"] else r["error"]
            at_least, at_most = ("≥ ", "≤ ") if r.get("stopped") else ("", "")
            print(f"{n:,}: {at_least}{r['seconds']:.0f} s, {at_most}{n / r['seconds']:.2f} articles/s, "
                  f"peak RSS {at_least}{r['peak_rss_gb']:.2f} GB in one process, {at_least}"
                  f"{r['peak_rss_all_processes_gb']:.2f} GB in all ({status}) {r.get('summary', '')}", flush=True)
    lin = linearity(runs)
    if lin:
        print(f"seconds per article grew {lin['per_article_growth']:.2f}x from {lin['from']:,} to {lin['to']:,}: "
              + ("linear" if lin["linear"] else f"NOT linear (tolerance {LINEAR_TOLERANCE}x)"))
    report = update_results(args.output, runs, lin)
    if "stages" in report and "machine" in report:
        args.markdown.write_text(markdown(report), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
