"""Benchmark: the saved queries on a synthetic graph in Oxigraph (on disk) and in rdflib's memory store.

The graph has the shape kg builds: actors with labels in kk/ru/en, other names, a class
and a mention count in the default graph; per article, a named graph with the article
node and reified mentions (12 triples each) of the relations they support.

    python bench/bench_store.py                  # 1,000,000 triples
    python bench/bench_store.py --triples 100000 --rdflib-timeout 20

Prints one line per query and writes bench/results_store.json. Each query runs in a child
process (Oxigraph: a spawned one opening the store read-only; rdflib: a fork holding the
loaded graph), so one that runs past its timeout is stopped and counted at the timeout:
its ratio is then a lower bound, marked ">".
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from kg.namespaces import EX_IRI, KGO_IRI, PREFIXES, RELATIONS
from kg.store import KgStore, saved_queries

HERE = Path(__file__).resolve().parent
CLASSES = ("Person", "Country", "Organization", "Place", "Event")
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
MENTIONS_PER_ARTICLE = 10
TRIPLES_PER_ARTICLE = 5 + MENTIONS_PER_ARTICLE * 13  # article node + (12 reified + 1 asserted) per mention


def _lit(text: str, lang: str | None = None, dt: str | None = None) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"@{lang}' if lang else (f'"{text}"^^<{dt}>' if dt else f'"{text}"')


def generate(path: Path, triples: int, seed: int = 7) -> dict:
    """Write a synthetic kg dataset of about `triples` statements as N-Quads; returns its sizes."""
    rng = random.Random(seed)
    articles = max(1, int(triples * 0.96) // TRIPLES_PER_ARTICLE)
    actors = max(20, triples // 400)
    names = [f"Actor{i} Name{i % 97}" for i in range(actors)]
    classes = [CLASSES[0] if i % 5 == 0 else CLASSES[1] if i % 5 == 1 else rng.choice(CLASSES) for i in range(actors)]
    weights = [1 / (i + 1) for i in range(actors)]  # a few actors are in most of the news
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for i, name in enumerate(names):
            a = f"<{EX_IRI}actor/a{i}>"
            f.write(f"{a} <{RDF}type> <{KGO_IRI}{classes[i]}> .\n")
            for lang in ("kk", "ru", "en"):
                f.write(f"{a} <{RDFS}label> {_lit(name + ('' if lang == 'en' else ' ' + lang), lang)} .\n")
            f.write(f"{a} <{SKOS}altLabel> {_lit(name.split()[0], 'ru')} .\n")
            f.write(f"{a} <{KGO_IRI}mergeReason> {_lit('lexicon')} .\n")
            f.write(f"{a} <{KGO_IRI}mentionCount> {_lit(str(rng.randint(1, 500)), dt=XSD + 'integer')} .\n")
            n += 7
        for k in range(articles):
            aid = f"art{k:07d}"
            g = f"<{EX_IRI}graph/{aid}>"
            art = f"<{EX_IRI}article/{aid}>"
            lang = rng.choice(("kk", "ru", "kk", "ru", "en"))
            date = f"20{rng.randint(20, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            f.write(f"{art} <{RDF}type> <{KGO_IRI}Article> {g} .\n")
            f.write(f"{art} <{DCT}identifier> {_lit(aid)} {g} .\n")
            f.write(f"{art} <{DCT}date> {_lit(date, dt=XSD + 'date')} {g} .\n")
            f.write(f"{art} <{DCT}language> {_lit(lang)} {g} .\n")
            f.write(f"{art} <{DCT}source> {_lit(aid + '.txt')} {g} .\n")
            start = 0
            for j in range(MENTIONS_PER_ARTICLE):
                s, o = rng.choices(range(actors), weights, k=2)
                if s == o:
                    o = (o + 1) % actors
                rel = rng.choice(RELATIONS)
                sa, oa, p = f"<{EX_IRI}actor/a{s}>", f"<{EX_IRI}actor/a{o}>", f"<{KGO_IRI}{rel}>"
                m = f"<{EX_IRI}mention/{aid}-{j}>"
                ev = f"{names[s]} and {names[o]}: {rel} sentence {j} of {aid}"
                f.write(f"{sa} {p} {oa} {g} .\n")
                for pred, obj in ((f"<{RDF}type>", f"<{KGO_IRI}Mention>"), (f"<{RDF}type>", f"<{RDF}Statement>"),
                                  (f"<{RDF}subject>", sa), (f"<{RDF}predicate>", p), (f"<{RDF}object>", oa),
                                  (f"<{PROV}wasDerivedFrom>", art), (f"<{KGO_IRI}evidence>", _lit(ev, lang)),
                                  (f"<{KGO_IRI}charStart>", _lit(str(start), dt=XSD + "integer")),
                                  (f"<{KGO_IRI}charEnd>", _lit(str(start + len(ev)), dt=XSD + "integer")),
                                  (f"<{KGO_IRI}confidence>", _lit("0.8", dt=XSD + "decimal")),
                                  (f"<{KGO_IRI}extractor>", _lit("bench"))):
                    f.write(f"{m} {pred} {obj} {g} .\n")
                start += len(ev) + 1
            n += TRIPLES_PER_ARTICLE
    return {"triples": n, "articles": articles, "actors": actors}


def bindings_for(name: str) -> dict[str, str]:
    """The bindings each saved query is timed with: the busiest actor (a0, a Person) or a Country."""
    return {"who-invited": {"actor": "a0"}, "actor-relations": {"actor": "a0"}, "partners": {"actor": "a1"},
            "actors-by-sources": {}, "expert-statements": {}, "bilingual": {}}.get(name, {})


def _rdflib_child(ds: Dataset, text: str, binds: dict, conn) -> None:  # runs in a forked child
    t = time.perf_counter()
    res = ds.query(text, initNs=PREFIXES, initBindings=binds)
    rows = len(list(res))
    conn.send((time.perf_counter() - t, rows))


def time_rdflib(ds: Dataset, text: str, binds: dict, timeout: float) -> tuple[float | None, int | None]:
    """(seconds, rows) in a forked child so a slow query can be stopped; (None, None) past the timeout."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_rdflib_child, args=(ds, text, binds, child))
    proc.start()
    if parent.poll(timeout):
        seconds, rows = parent.recv()
        proc.join()
        return seconds, rows
    proc.kill()
    proc.join()
    return None, None


def _oxigraph_child(store_path: str, text: str, binds: dict, repeat: int, conn) -> None:  # a spawned child
    store = KgStore(store_path, read_only=True)
    binds = {k: ox.NamedNode(v) for k, v in binds.items()}
    times, rows = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        rows = len(store.query(text, binds).rows)
        times.append(time.perf_counter() - t)
    conn.send((statistics.median(times), rows))


def time_oxigraph(store_path: Path, text: str, binds: dict, repeat: int,
                  timeout: float) -> tuple[float | None, int | None]:
    """(median seconds, rows) in a child that opens the store read-only; (None, None) past the timeout."""
    ctx = multiprocessing.get_context("spawn")  # no fork: RocksDB's threads do not survive one
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_oxigraph_child,
                       args=(str(store_path), text, {k: v.value for k, v in binds.items()}, repeat, child))
    proc.start()
    if parent.poll(timeout * repeat + 30):  # + start-up
        seconds, rows = parent.recv()
        proc.join()
        return seconds, rows
    proc.kill()
    proc.join()
    return None, None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph")
    ap.add_argument("--rdflib-timeout", type=float, default=20.0, help="seconds before an rdflib query is stopped")
    ap.add_argument("--oxigraph-timeout", type=float, default=60.0,
                    help="seconds before an Oxigraph query run is stopped")
    ap.add_argument("--repeat", type=int, default=1, help="Oxigraph runs per query (the median is kept)")
    ap.add_argument("--output", type=Path, default=HERE / "results_store.json")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        nq = Path(tmp) / "bench.nq"
        t = time.perf_counter()
        sizes = generate(nq, args.triples)
        print(f"generated {sizes['triples']:,} triples ({sizes['articles']:,} articles, {sizes['actors']:,} actors) "
              f"in {time.perf_counter() - t:.1f} s", flush=True)

        t = time.perf_counter()
        store = KgStore(Path(tmp) / "store")
        store.raw.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        store.raw.flush()
        store.close()  # the queries run in children that open it read-only
        store = KgStore(Path(tmp) / "store", read_only=True)
        ox_load = time.perf_counter() - t
        print(f"oxigraph: loaded in {ox_load:.1f} s ({len(store):,} quads)", flush=True)

        t = time.perf_counter()
        ds = Dataset(default_union=True)
        ds.parse(str(nq), format="nquads")
        rdf_load = time.perf_counter() - t
        print(f"rdflib:   loaded in {rdf_load:.1f} s", flush=True)

        results = []
        for name, sq in saved_queries().items():
            binds = {k: ox.NamedNode(f"{EX_IRI}actor/{v}") for k, v in bindings_for(name).items()}
            ox_s, rows = time_oxigraph(store.path, sq.text, binds, args.repeat, args.oxigraph_timeout)
            ox_out = ox_s is None
            ox_s = args.oxigraph_timeout if ox_out else ox_s
            rdf_binds = {k: URIRef(v.value) for k, v in binds.items()}
            rdf_s, rdf_rows = time_rdflib(ds, sq.text, rdf_binds, args.rdflib_timeout)
            bound = rdf_s is None
            ratio = (args.rdflib_timeout if bound else rdf_s) / max(ox_s, 1e-6)
            if ox_out:
                ratio = float("nan") if bound else ratio  # both cut: no ratio; only Oxigraph cut: an upper bound
            results.append({"query": name, "bindings": bindings_for(name), "oxigraph_timed_out": ox_out,
                            "oxigraph_s": None if ox_out else round(ox_s, 4),
                            "oxigraph_rows": rows, "rdflib_s": None if bound else round(rdf_s, 3),
                            "rdflib_rows": rdf_rows, "rdflib_timed_out": bound, "ratio": round(ratio, 1)})
            same = "" if bound or rdf_rows == rows else f"  (rows differ: {rdf_rows})"
            ox_txt = f">{args.oxigraph_timeout:g} s" if ox_out else f"{ox_s * 1000:.1f} ms"
            print(f"{name:18} oxigraph {ox_txt:>11}   rdflib "
                  f"{'>' + format(args.rdflib_timeout, 'g') + ' s' if bound else format(rdf_s, '.2f') + ' s':>9}   "
                  f"ratio {'>' if bound else ' '}{ratio:8.0f}x   rows {rows}{same}", flush=True)

        ratios = [r["ratio"] for r in results if not math.isnan(r["ratio"])]
        geo = math.exp(statistics.fmean(math.log(x) for x in ratios)) if ratios else float("nan")
        print(f"geometric mean ratio (rdflib / oxigraph): {geo:.0f}x"
              + (" (a lower bound: some rdflib queries timed out)" if any(r["rdflib_timed_out"] for r in results)
                 else ""))
        report = {"triples": sizes["triples"], "articles": sizes["articles"], "actors": sizes["actors"],
                  "oxigraph_load_s": round(ox_load, 2), "rdflib_load_s": round(rdf_load, 2),
                  "rdflib_timeout_s": args.rdflib_timeout, "geometric_mean_ratio": round(geo, 1),
                  "queries": results, "machine": {"python": platform.python_version(),
                                                  "cpus": multiprocessing.cpu_count()},
                  "pyoxigraph": ox.__version__}
        args.output.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.output}")
        store.close()


if __name__ == "__main__":
    main()
