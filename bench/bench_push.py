"""Push benchmark: `kg push` of a generated corpus to a local Oxigraph server -> statements/s against `oxigraph load`.

    python bench/bench_push.py                       # 10,000 articles: generate, build, export, load, push
    python bench/bench_push.py --articles 2000       # smaller
    python bench/bench_push.py --reuse /tmp/out      # a build folder made before (skips generating and building)

In one run, on one machine: the corpus is generated (bench/generate_corpus.py) and built
(`kg build --no-html --jobs 0`), and the store exported as N-Quads (`kg export -f nq`). Then, per
protocol, `oxigraph load` bulk-loads that file into an empty folder (the server's own fastest way
in) and, just after, a fresh `oxigraph serve` on a free loopback port gets a first `kg push` of
the store (wall time of the command, start-up included); the server's COUNT of statements is
checked against the export, and an unchanged re-push is timed (target: under 5 s). The ratio of
the two times is the figure (target >= 0.5). Pairing each push with a load just before it keeps
other jobs on the machine from favouring one side; `--repeat` pairs for quads, the median kept.
`push_vs_bulk_load` is the ratio of `--protocol quads` to Oxigraph's ``/store?no_transaction``
(its bulk loader behind HTTP), the fastest way kg offers; the `push` section holds every
protocol's. Writes only its own keys into bench/results.json (bench/report.py's merge), and its
own section of bench/results.md (the file beside --output), the rest of that file left as it was.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from report import PUSH_HEADING, merge_results, push_lines  # noqa: E402
from run_bench import kg_command  # noqa: E402

TARGET_RATIO = 0.5
TARGET_REPUSH_S = 5.0
# protocol -> the endpoint path on an Oxigraph server
PROTOCOLS = {"quads": "/store?no_transaction", "gsp": "/store", "update": "/update"}


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph", path=f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin")
    if found is None:
        sys.exit("no oxigraph command: pip install oxigraph (it is in kg's dev extra)")
    return found


def timed(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return seconds, proc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`oxigraph serve` over a fresh folder, on a free loopback port, until stopped."""

    def __init__(self, binary: str, folder: Path) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 120
        while self.count() is None:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                sys.exit("oxigraph serve did not start")
            time.sleep(0.05)

    def count(self) -> int | None:
        """The statements the server holds, all graphs (None while it does not answer)."""
        query = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
            conn.request("GET", "/query?" + urlencode({"query": query}), headers={"Accept": "text/csv"})
            resp = conn.getresponse()
            text = resp.read().decode()
            conn.close()
        except OSError:
            return None
        return int(next(csv.DictReader(io.StringIO(text)))["n"]) if resp.status == 200 else None

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait()


def build(work: Path, articles: int, langs: str, seed: int) -> tuple[Path, dict]:
    corpus, out = work / "corpus", work / "out"
    t = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), "--n", str(articles), "--out", str(corpus),
                    "--langs", langs, "--seed", str(seed)], check=True, capture_output=True)
    generated = time.perf_counter() - t
    print(f"generated {articles:,} articles in {generated:.0f} s; building ...", flush=True)
    seconds, _ = timed([*kg_command(), "build", str(corpus), "-o", str(out), "--no-html", "--jobs", "0", "-q"])
    print(f"built in {seconds:.0f} s", flush=True)
    return out, {"generate_s": round(generated, 1), "build_s": round(seconds, 1)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--langs", default="kk,ru,en")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reuse", type=Path, default=None, help="a build folder to push instead of building one")
    ap.add_argument("--protocols", default=",".join(PROTOCOLS), help="comma-separated, of " + ", ".join(PROTOCOLS))
    ap.add_argument("--batch", type=int, default=50_000, help="kg push --batch")
    ap.add_argument("--repeat", type=int, default=3, help="bulk load + quads push pairs (the median is kept)")
    ap.add_argument("--work", type=Path, default=None, help="folder for the corpus, stores and servers")
    ap.add_argument("--output", type=Path, default=HERE / "results.json")
    args = ap.parse_args(argv)
    binary = oxigraph_binary()
    kg = kg_command()

    with tempfile.TemporaryDirectory(prefix="kg-push-", dir=args.work) as tmp:
        work = Path(tmp)
        if args.reuse:
            out, made = args.reuse, {"reused": str(args.reuse)}
        else:
            out, made = build(work, args.articles, args.langs, args.seed)
        nq = work / "all.nq"
        _, exported = timed([*kg, "export", str(out), "-f", "nq", "-o", str(nq)])
        statements = int(exported.stdout.split("(")[1].split()[0].replace(",", ""))
        articles = _articles(kg, out)
        print(f"{articles:,} articles, {statements:,} statements", flush=True)

        # each first push is paired with a bulk load just before it, so that both see the same machine
        # (others' jobs come and go); with --repeat the median pair is kept
        pushes: dict[str, dict] = {}
        for protocol in args.protocols.split(","):
            runs = []
            for i in range(args.repeat if protocol == "quads" else 1):
                bulk = work / f"bulk-{protocol}-{i}"
                load_s, _ = timed([binary, "load", "--location", str(bulk), "--file", str(nq)])
                shutil.rmtree(bulk)
                runs.append({"bulk_load_s": load_s, **first_push(binary, kg, out, work / f"server-{protocol}-{i}",
                                                               protocol, args.batch, statements)})
                r = runs[-1]
                print(f"{protocol:7} oxigraph load {load_s:.1f} s ({statements / load_s:,.0f}/s); first push "
                      f"{r['seconds']:.1f} s ({statements / r['seconds']:,.0f}/s): {load_s / r['seconds']:.2f} of the "
                      f"bulk load; unchanged re-push {r['unchanged_repush_s']:.2f} s", flush=True)
            runs.sort(key=lambda r: r["bulk_load_s"] / r["seconds"])
            mid = runs[len(runs) // 2]
            pushes[protocol] = {
                "url": mid["url"], "runs": len(runs), "seconds": round(mid["seconds"], 2),
                "statements_per_s": round(statements / mid["seconds"]), "bulk_load_s": round(mid["bulk_load_s"], 2),
                "bulk_load_statements_per_s": round(statements / mid["bulk_load_s"]),
                "ratio": round(mid["bulk_load_s"] / mid["seconds"], 3),
                "ratios_of_all_runs": [round(r["bulk_load_s"] / r["seconds"], 3) for r in runs],
                "unchanged_repush_s": round(max(r["unchanged_repush_s"] for r in runs), 2),
                "server_holds_all": all(r["server_holds_all"] for r in runs),
                "unchanged_repush_sent_nothing": all(r["unchanged_repush_sent_nothing"] for r in runs)}

    best = pushes.get("quads") or max(pushes.values(), key=lambda p: p["ratio"])
    repush = max(p["unchanged_repush_s"] for p in pushes.values())
    section = {"date": time.strftime("%Y-%m-%dT%H:%M:%S"), "articles": articles, "statements": statements,
               "batch": args.batch, "protocols": pushes, "target_ratio": TARGET_RATIO,
               "meets_target": best["ratio"] >= TARGET_RATIO, "unchanged_repush_s": repush,
               "target_repush_s": TARGET_REPUSH_S, "repush_meets_target": repush < TARGET_REPUSH_S, **made,
               "machine": f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end",
               "how": "wall time of `kg push` (start-up included) to a fresh `oxigraph serve`, against `oxigraph "
                      "load` of `kg export -f nq` into an empty folder just before it, same machine, same run"}
    merge_results(args.output, {"push_vs_bulk_load": best["ratio"], "push": section})
    write_markdown(args.output.with_suffix(".md"), section, best["ratio"])
    print(f"push_vs_bulk_load {best['ratio']:.2f} (target {TARGET_RATIO}); unchanged re-push {repush:.2f} s "
          f"(target < {TARGET_REPUSH_S:.0f}); wrote {args.output}")


def first_push(binary: str, kg: list[str], out: Path, folder: Path, protocol: str, batch: int,
               statements: int) -> dict:
    """A first push to a fresh server (the store's push journals removed), its check, and an unchanged re-push."""
    shutil.rmtree(out / "store.push", ignore_errors=True)
    server = Server(binary, folder)
    try:
        url = server.base + PROTOCOLS[protocol]
        seconds, proc = timed([*kg, "push", str(out), "--to", url, "--protocol", protocol, "--batch", str(batch),
                               "-q"])
        held = server.count()
        again_s, again = timed([*kg, "push", str(out), "--to", url, "--protocol", protocol, "-q"])
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(out / "store.push", ignore_errors=True)
    if held != statements:
        sys.exit(f"the server holds {held} statements, the export {statements}: {proc.stdout}")
    return {"url": url.replace(server.base, "http://HOST:PORT"), "seconds": seconds, "server_holds_all": True,
            "unchanged_repush_s": again_s, "unchanged_repush_sent_nothing": " 0 sent " in again.stdout}


def write_markdown(path: Path, section: dict, ratio: float) -> None:
    """Replace this script's section of results.md (or add it at the end); run_bench.py's and
    bench_scale.py's rendering of the rest is left as it was (they render this section too, from results.json)."""
    lines = push_lines(section, ratio)
    text = path.read_text(encoding="utf-8") if path.exists() else "# kg benchmark results\n"
    start = text.find(PUSH_HEADING)
    if start >= 0:
        end = text.find("\n## ", start + len(PUSH_HEADING))
        text = text[:start] + (text[end + 1:] if end >= 0 else "")
    path.write_text(text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")


def _articles(kg: list[str], out: Path) -> int:
    _, proc = timed([*kg, "query", str(out), "SELECT (COUNT(*) AS ?n) WHERE { ?a a kgo:Article }", "-f", "csv"])
    return int(proc.stdout.splitlines()[1])


if __name__ == "__main__":
    main()
