"""Store: the seeds in Oxigraph, incremental and idempotent builds, removal, exports, the lock and kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreError, StoreLocked
from kg.namespaces import KGO, RELATIONS
from kg.pipeline import build
from kg.store import (
    RESULT_FORMATS,
    ArticleData,
    KgStore,
    bind_values,
    bulk_write,
    lock_path,
    parse_binding,
    partial_path,
    result_format,
    results_text,
    store_lock,
    to_ox,
    uses_service,
)

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
HANG = 900  # seconds: only a guard against a child that never ends, never a measure of speed

# Sentences written for these tests (not from the seeds).
KK_A = "Қасым-Жомарт Тоқаев Мәскеуге ресми сапармен барды. Тоқаев Ресеймен ынтымақтастықты талқылады."
KK_A2 = "Қасым-Жомарт Тоқаев Пекинге ресми сапармен барды. Тоқаев Қытаймен ынтымақтастықты талқылады."
RU_B = "Президент Казахстана Касым-Жомарт Токаев посетил Ташкент и провёл переговоры с Шавкатом Мирзиёевым."
KK_C = "Шавкат Мирзиёев Астанаға сапармен келді."


def nquads(ds_path: Path) -> set[tuple[str, str, str, str]]:
    """The quads of a TriG/N-Quads file as N-Triples strings (graph '' = default).

    Read through an in-memory Oxigraph store, which keeps numbers by value as the disk
    store does ("0.90"^^xsd:decimal reads back as 0.9).
    """
    st = ox.Store()
    st.load(path=str(ds_path), format=ox.RdfFormat.TRIG if ds_path.suffix == ".trig" else ox.RdfFormat.N_QUADS)
    return {(str(q.subject), str(q.predicate), str(q.object),
             "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value) for q in st}


RELATION_TERMS = {f"<{KGO[r]}>" for r in RELATIONS}


def as_stored(ds_path: Path) -> set[tuple[str, str, str, str]]:
    """What the store holds of a graph.trig: its quads, with every asserted relation and every happening
    once in the default graph instead of in each article's graph (which keeps the mentions)."""
    happening = "<https://w3id.org/kgpol/id/happening/"
    return {(s, p, o, "" if p in RELATION_TERMS or s.startswith(happening) else g) for s, p, o, g in nquads(ds_path)}


def store_quads(path: Path, bookkeeping: bool = False) -> set[tuple[str, str, str, str]]:
    with KgStore(path, read_only=True) as st:
        return {(str(q.subject), str(q.predicate), str(q.object),
                 "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value)
                for q in st.raw.quads_for_pattern(None, None, None, None)
                if bookkeeping or "/store/article/" not in str(q.graph_name)}


# --- the seeds ------------------------------------------------------------------------------


def test_the_seeds_store_holds_graph_trig_with_each_relation_once(seeds_build) -> None:
    store = seeds_build.out_dir / "store"
    assert (store / "CURRENT").is_file() and lock_path(store).is_file()
    assert store_quads(store) == as_stored(seeds_build.trig)
    with KgStore(store, read_only=True) as st:
        assert st.article_ids() == sorted(a.id for a in seeds_build.result.articles)
        assert all(st.fingerprint(a) for a in st.article_ids())


@pytest.mark.parametrize("fmt", ["trig", "nq", "turtle", "nt", "jsonld"])
def test_export_streams_the_store_in_each_format(seeds_build, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"all.{fmt}"
    res = CliRunner().invoke(app, ["export", str(seeds_build.out_dir), "-f", fmt, "-o", str(target)])
    assert res.exit_code == 0, res.output
    expected = as_stored(seeds_build.trig)
    if fmt in ("trig", "nq"):
        assert nquads(target) == expected
    elif fmt == "jsonld":
        got = Dataset()
        got.parse(str(target), format="json-ld")
        assert len(set(got.quads((None, None, None, None)))) == len(expected)
    else:
        g = Graph().parse(str(target), format={"turtle": "turtle", "nt": "nt"}[fmt])
        assert {(str(to_ox(s)), str(to_ox(p)), str(to_ox(o))) for s, p, o in g} == {q[:3] for q in expected}
    assert "kgs:" not in target.read_text(encoding="utf-8") and "/store/article/" not in target.read_text()


# --- incremental builds ---------------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path, write_article) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    write_article(src, "a.txt", KK_A)
    write_article(src, "b.txt", RU_B, date="2025-04-02")
    return src


def run(src: Path, out: Path, **kw) -> list[tuple[str, str]]:
    actions: list[tuple[str, str]] = []
    build([src], out, render_html=False, on_stored=lambda a, act: actions.append((a, act)), **kw)
    return actions


def test_building_the_same_articles_twice_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(corpus, out) == [("a", "added"), ("b", "added")]
    before = store_quads(out / "store", bookkeeping=True)
    assert run(corpus, out) == [("a", "unchanged"), ("b", "unchanged")]
    assert store_quads(out / "store", bookkeeping=True) == before
    assert store_quads(out / "store") == as_stored(out / "graph.trig")


def test_a_new_article_is_added_and_a_changed_one_replaced(corpus: Path, tmp_path: Path, write_article) -> None:
    out = tmp_path / "out"
    run(corpus, out)
    b_before = KgStore(out / "store", read_only=True).article_quads("b")
    write_article(corpus, "a.txt", KK_A2)
    write_article(corpus, "c.txt", KK_C)
    assert run(corpus, out) == [("a", "replaced"), ("b", "unchanged"), ("c", "added")]
    with KgStore(out / "store", read_only=True) as st:
        assert st.article_ids() == ["a", "b", "c"]
        assert st.article_quads("b") == b_before
        evidence = {row[0].value for row in st.query(
            "SELECT ?e WHERE { GRAPH <https://w3id.org/kgpol/id/graph/a> { ?m kgo:evidence ?e } }").rows}
        assert evidence and all("Пекин" in e or "Қытай" in e for e in evidence)
        assert not st.query("ASK { ?s kgo:visited <https://w3id.org/kgpol/id/actor/moscow> }").boolean
        assert not st.query("ASK { ?m rdf:object <https://w3id.org/kgpol/id/actor/moscow> }").boolean
    assert store_quads(out / "store") == as_stored(out / "graph.trig")


def test_building_one_article_at_a_time_adds_up(corpus: Path, tmp_path: Path, write_article) -> None:
    out = tmp_path / "out"
    single = tmp_path / "single"
    single.mkdir()
    write_article(single, "c.txt", KK_C)
    run(corpus, out)
    assert run(single, out) == [("c", "added")]
    with KgStore(out / "store", read_only=True) as st:
        assert st.article_ids() == ["a", "b", "c"]
        # Mirziyoyev is named in b and c: his count is the sum over both articles
        n = st.query("SELECT ?n WHERE { <https://w3id.org/kgpol/id/actor/mirziyoyev> kgo:mentionCount ?n }").rows
        assert [int(r[0].value) for r in n] == [2]


def test_remove_takes_out_the_article_and_the_actors_only_it_named(corpus: Path, tmp_path: Path,
                                                                   write_article) -> None:
    out = tmp_path / "out"
    write_article(corpus, "c.txt", KK_C)
    run(corpus, out)
    res = CliRunner().invoke(app, ["remove", str(out), "a"])
    assert res.exit_code == 0, res.output
    assert "moscow" in res.stdout and "country_ru" in res.stdout
    with KgStore(out / "store", read_only=True) as st:
        assert st.article_ids() == ["b", "c"]
        assert st.fingerprint("a") is None
        for gone in ("moscow", "country_ru"):  # named only in a
            assert not st.query(f"ASK {{ <https://w3id.org/kgpol/id/actor/{gone}> ?p ?o }}").boolean
        # Tokayev is still named by b: kept, with b's count only
        n = st.query("SELECT ?n WHERE { <https://w3id.org/kgpol/id/actor/tokayev> kgo:mentionCount ?n }").rows
        assert [int(r[0].value) for r in n] == [1]
        assert not st.query("ASK { ?s kgo:visited <https://w3id.org/kgpol/id/actor/moscow> }").boolean
    again = CliRunner().invoke(app, ["remove", str(out), "a"])
    assert again.exit_code == 1 and "no such article" in again.stderr


def test_build_without_a_store_or_into_another_folder(corpus: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["build", str(corpus), "-o", str(tmp_path / "o1"), "-q", "--no-html", "--no-store"])
    assert res.exit_code == 0, res.output
    assert not (tmp_path / "o1" / "store").exists()
    res = CliRunner().invoke(app, ["build", str(corpus), "-o", str(tmp_path / "o2"), "-q", "--no-html",
                                   "--store", str(tmp_path / "elsewhere")])
    assert res.exit_code == 0, res.output
    assert "Store: 2 added, 0 replaced, 0 unchanged articles" in res.stdout
    assert KgStore(tmp_path / "elsewhere", read_only=True).article_ids() == ["a", "b"]


# --- the lock -------------------------------------------------------------------------------


def test_a_second_build_on_a_locked_store_refuses(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [PY, "-c", "import sys\nfrom kg.store import store_lock\n"
         f"with store_lock({str(out / 'store')!r}):\n    print('locked', flush=True)\n    sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)  # holds the lock until killed
    try:
        assert holder.stdout.readline().strip() == "locked"
        res = CliRunner().invoke(app, ["build", str(corpus), "-o", str(out), "-q", "--no-html"])
        assert res.exit_code == 1
        assert "is being written by another kg build" in res.stderr and f"pid {holder.pid}" in res.stderr
        assert not (out / "store" / "CURRENT").exists()  # refused before touching anything
        with pytest.raises(StoreLocked):
            with store_lock(out / "store"):
                pass
    finally:
        holder.kill()
        holder.wait()
    # the kernel released the dead holder's lock: the next build runs
    assert run(corpus, out) == [("a", "added"), ("b", "added")]


# --- kill -9 --------------------------------------------------------------------------------

BUILD_SCRIPT = """
import sys
from kg.namespaces import KGO, RELATIONS
from kg.pipeline import build

def stored(article_id, action):
    print(article_id, action, flush=True)
    if sys.argv[3] == "step":
        sys.stdin.readline()  # the test's go-ahead: it kills the build instead after the third

build([sys.argv[1]], sys.argv[2], render_html=False, on_stored=stored)
print("done", flush=True)
"""


def test_a_build_killed_between_articles_leaves_whole_articles_and_a_rerun_completes(
        tmp_path: Path, write_article) -> None:
    src = tmp_path / "in"
    src.mkdir()
    places = ["Мәскеуге", "Пекинге", "Ташкентке", "Бакуге", "Анкараға", "Берлинге", "Парижге", "Токиоға"]
    for i, place in enumerate(places):
        write_article(src, f"art{i:02d}.txt", f"Қасым-Жомарт Тоқаев {place} ресми сапармен барды.")
    out = tmp_path / "out"
    KgStore(out / "store").close()  # an existing store (empty here) is written article by article
    proc = subprocess.Popen([PY, "-c", BUILD_SCRIPT, str(src), str(out), "step"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    seen = []
    for k in range(3):
        seen.append(proc.stdout.readline().split())
        if k < 2:
            proc.stdin.write("go\n")
            proc.stdin.flush()
    os.kill(proc.pid, signal.SIGKILL)  # while it waits after its third article
    proc.wait()
    assert [s[1] for s in seen] == ["added"] * 3
    expected = as_stored(out / "graph.trig")  # the files are written before the store
    with KgStore(out / "store", read_only=True) as st:
        stored = st.article_ids()
        assert stored == [s[0] for s in seen] == ["art00", "art01", "art02"]
        for aid in stored:
            graph = f"https://w3id.org/kgpol/id/graph/{aid}"
            assert st.article_quads(aid) == {q[:3] for q in expected if q[3] == graph}
    rerun = subprocess.run([PY, "-c", BUILD_SCRIPT, str(src), str(out), "go"], capture_output=True, text=True,
                           cwd=ROOT, timeout=HANG)
    assert rerun.returncode == 0, rerun.stderr
    actions = dict(line.split() for line in rerun.stdout.splitlines() if line != "done")
    assert all(actions[a] == "unchanged" for a in stored)
    assert sorted(a for a, act in actions.items() if act == "added") == sorted(set(actions) - set(stored))
    assert store_quads(out / "store") == expected


def test_a_new_store_is_bulk_loaded_with_what_transactions_would_write(corpus: Path, tmp_path: Path,
                                                                       write_article) -> None:
    write_article(corpus, "c.txt", KK_C)  # names Mirziyoyev as b does: his count is summed
    bulk, one_by_one = tmp_path / "bulk", tmp_path / "one_by_one"
    KgStore(one_by_one / "store").close()
    assert run(corpus, bulk) == [("a", "added"), ("b", "added"), ("c", "added")]
    assert run(corpus, one_by_one) == [("a", "added"), ("b", "added"), ("c", "added")]
    assert store_quads(bulk / "store", bookkeeping=True) == store_quads(one_by_one / "store", bookkeeping=True)
    assert not partial_path(bulk / "store").exists()
    with KgStore(bulk / "store", read_only=True) as st:
        n = st.query("SELECT ?n WHERE { <https://w3id.org/kgpol/id/actor/mirziyoyev> kgo:mentionCount ?n }").rows
        assert [int(r[0].value) for r in n] == [2]
    # and a bulk-loaded store takes incremental builds like any other
    write_article(corpus, "a.txt", KK_A2)
    assert run(corpus, bulk) == [("a", "replaced"), ("b", "unchanged"), ("c", "unchanged")]
    assert store_quads(bulk / "store") == as_stored(bulk / "graph.trig")


BULK_SCRIPT = """
import sys
from rdflib import Literal, URIRef
from kg.store import ArticleData, bulk_write

EX = "https://w3id.org/kgpol/id/"

def data():
    for i in range(int(sys.argv[2])):
        aid = f"gen{i:03d}"
        yield ArticleData(aid, ((URIRef(f"{EX}mention/{aid}"), URIRef(EX + "p"), Literal(aid)),), {"x": 1}, ())
        if i == 2 and sys.argv[3] == "stall":
            print("loading", flush=True)
            sys.stdin.read()  # until killed

print(len(bulk_write(sys.argv[1], data()).added), flush=True)
"""


def test_a_build_killed_while_bulk_loading_leaves_no_store_and_a_rerun_completes(tmp_path: Path) -> None:
    store = tmp_path / "store"
    proc = subprocess.Popen([PY, "-c", BULK_SCRIPT, str(store), "10", "stall"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout.readline().strip() == "loading"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not store.exists()  # the half-loaded store never took the store's name
    rerun = subprocess.run([PY, "-c", BULK_SCRIPT, str(store), "10", "go"], capture_output=True, text=True,
                           cwd=ROOT, timeout=HANG)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.strip() == "10"
    assert not partial_path(store).exists()  # the killed load's leftovers were cleared
    with KgStore(store, read_only=True) as st:
        assert st.article_ids() == [f"gen{i:03d}" for i in range(10)]
        total = st.query("SELECT ?n WHERE { <https://w3id.org/kgpol/id/actor/x> kgo:mentionCount ?n }").rows
        assert [int(r[0].value) for r in total] == [10]


def test_a_bulk_load_refuses_two_articles_with_one_id(tmp_path: Path) -> None:
    item = ArticleData("same", (), {}, ())
    with pytest.raises(StoreError, match="two articles have the id 'same'"):
        bulk_write(tmp_path / "store", [item, item])
    assert not (tmp_path / "store").exists() and not partial_path(tmp_path / "store").exists()


WRITER_SCRIPT = """
import sys
from rdflib import Literal, URIRef
from kg.store import ArticleData, KgStore

EX = "https://w3id.org/kgpol/id/"

def data(n, size):
    for i in range(n):
        aid = f"gen{i:05d}"
        triples = tuple((URIRef(f"{EX}mention/{aid}-{k}"), URIRef(EX + "p"), Literal(f"{aid} {k}"))
                        for k in range(size))
        print(aid, "writing", flush=True)  # handed to the writer next: the kill may land inside its transaction
        yield ArticleData(aid, triples, {"actor" + str(i % 7): 1}, ())

with KgStore(sys.argv[1]) as st:
    st.write_articles(data(int(sys.argv[2]), int(sys.argv[3])),
                      on_article=lambda aid, action: print(aid, action, flush=True))
print("done", flush=True)
"""
KILL_ARTICLES = 24


def _assert_whole(store: Path, size: int, committed: set[str], why: str) -> list[str]:
    """Every article in the store whole, every one reported committed among them; their ids."""
    with KgStore(store, read_only=True) as st:
        ids = st.article_ids()
        assert committed <= set(ids), why  # a commit reported is a commit kept
        assert ids == [f"gen{i:05d}" for i in range(len(ids))], why  # written in order, none lost
        for aid in ids:
            assert len(st.article_quads(aid)) == size, (aid, why)
            assert st.fingerprint(aid) is not None, (aid, why)
        total = st.query("SELECT (SUM(?n) AS ?t) WHERE { ?a kgo:mentionCount ?n }").rows[0][0]
        assert int(total.value) == len(ids), why  # the counts moved with the articles, not apart
    return ids


def test_kill_9_at_any_moment_never_leaves_half_an_article(tmp_path: Path) -> None:
    """The writer says which article it is about to write and which it has committed; it is killed
    on those words: after its first commit, while an article is being written, and at random later
    points; the store then holds each article whole or not at all, and the next run completes it."""
    import random

    size = 3000  # triples per article: a write lasts long enough for a kill to land inside it
    store = tmp_path / "store"
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    later = sorted(rng.sample(range(KILL_ARTICLES // 2 + 2, KILL_ARTICLES - 1, 2), 3))
    kills = [("gen00000", "committed"), (f"gen{KILL_ARTICLES // 2:05d}", "writing"),
             *((f"gen{i:05d}", rng.choice(["writing", "committed"])) for i in later)]
    committed: set[str] = set()
    for aid, event in kills:
        why = f"killed on {aid} {event} (seed {seed})"
        proc = subprocess.Popen([PY, "-c", WRITER_SCRIPT, str(store), str(KILL_ARTICLES), str(size)],
                                stdout=subprocess.PIPE, text=True, cwd=ROOT)
        for line in proc.stdout:
            said, what = line.split()
            if what != "writing":
                committed.add(said)
            if said == aid and event == ("writing" if what == "writing" else "committed"):
                break
        else:
            pytest.fail(f"the writer ended before {aid} {event}")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert len(_assert_whole(store, size, committed, why)) >= int(aid[3:]) + (event == "committed"), why
    rerun = subprocess.run([PY, "-c", WRITER_SCRIPT, str(store), str(KILL_ARTICLES), str(size)], capture_output=True,
                           text=True, cwd=ROOT, timeout=HANG)
    assert rerun.returncode == 0 and rerun.stdout.endswith("done\n"), rerun.stderr
    before = set(committed)
    actions = dict(line.split() for line in rerun.stdout.splitlines() if line != "done" and "writing" not in line)
    assert all(actions[a] == "unchanged" for a in before)
    assert len(_assert_whole(store, size, set(actions), f"the rerun (seed {seed})")) == KILL_ARTICLES


# --- queries, bindings, results ------------------------------------------------------------


def test_actors_are_found_by_id_label_or_other_name(seeds_build) -> None:
    with KgStore(seeds_build.out_dir / "store", read_only=True) as st:
        tokayev = ox.NamedNode("https://w3id.org/kgpol/id/actor/tokayev")
        for name in ("tokayev", "Tokayev", "Қасым-Жомарт Тоқаев", "касым-жомарт токаев", "<" + tokayev.value + ">"):
            assert st.find_actor(name) == tokayev, name
        with pytest.raises(StoreError, match="matches no actor"):
            st.find_actor("Nobody Atall")
        assert parse_binding(st, "n", "42") == ox.Literal("42", datatype=ox.NamedNode(
            "http://www.w3.org/2001/XMLSchema#integer"))
        assert parse_binding(st, "t", "kgo:Person") == ox.NamedNode("https://w3id.org/kgpol/ontology#Person")
        assert parse_binding(st, "l", '"Астана"@kk') == ox.Literal("Астана", language="kk")
        assert parse_binding(st, "x", "no such thing at all") == ox.Literal("no such thing at all")


def test_bind_values_reaches_filters_and_unprojected_variables() -> None:
    st = KgStore(None)
    st.raw.extend([ox.Quad(ox.NamedNode(f"urn:{x}"), ox.NamedNode("urn:p"), ox.Literal(str(i)))
                   for i, x in enumerate("abc")])
    q = "SELECT ?o WHERE { ?s <urn:p> ?o FILTER(!BOUND(?who) || ?s = ?who) } ORDER BY ?o"
    assert [r[0].value for r in st.query(q).rows] == ["0", "1", "2"]
    assert [r[0].value for r in st.query(q, {"who": ox.NamedNode("urn:b")}).rows] == ["1"]
    construct = bind_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": ox.NamedNode("urn:a")})
    assert construct.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { <urn:a> }")


def test_results_formats_follow_sparql_1_1() -> None:
    st = KgStore(None)
    st.raw.extend([ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal('say "hi",\tthen', language="kk")),
                   ox.Quad(ox.NamedNode("urn:b"), ox.NamedNode("urn:p"), ox.Literal("7", datatype=ox.NamedNode(
                       "http://www.w3.org/2001/XMLSchema#integer")))])
    res = st.query("SELECT ?s ?o ?none WHERE { ?s ?p ?o } ORDER BY ?s")
    for fmt, parser in (("srj", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                        ("tsv", ox.QueryResultsFormat.TSV)):
        parsed = ox.parse_query_results(results_text(res, fmt).encode(), parser)
        assert [tuple(sol[v] for v in ("s", "o", "none")) for sol in parsed] == res.rows, fmt
    csv_text = results_text(res, "csv")
    assert csv_text == 's,o,none\r\nurn:a,"say ""hi"",\tthen",\r\nurn:b,7,\r\n'
    assert json.loads(results_text(st.query("ASK { ?s ?p ?o }"), "srj")) == {"head": {}, "boolean": True}


def test_results_formats_are_a_registry_of_writers() -> None:
    st = KgStore(None)
    st.raw.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x")))
    res = st.query("SELECT ?s ?o WHERE { ?s ?p ?o }")
    assert list(RESULT_FORMATS) == ["table", "csv", "tsv", "json", "srj", "xml"]
    table = results_text(res, "table")
    assert "urn:a" in table and table.endswith("\n1 row\n")
    assert results_text(st.query("ASK { ?s ?p ?o }"), "table") == "yes\n"
    with pytest.raises(StoreError) as unknown:
        results_text(res, "yaml")
    assert "'yaml'" in str(unknown.value) and all(name in str(unknown.value) for name in RESULT_FORMATS)

    @result_format("lines", "text/plain", "one line per row")
    def write_lines(r, out) -> None:
        out.writelines(" ".join(t.value for t in row) + "\n" for row in r.rows)

    try:  # a new format is one registered writer
        assert results_text(res, "lines") == "urn:a x\n"
    finally:
        del RESULT_FORMATS["lines"]


@pytest.mark.parametrize(("query", "service"), [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", True),
    ("select * where { service silent <http://x/> { ?s ?p ?o } }", True),
    ('SELECT * WHERE { ?s ?p "SERVICE" }', False),
    ("SELECT * WHERE { ?s <http://x/SERVICE> ?o } # SERVICE", False),
    ("SELECT * WHERE { ?s ex:service ?o }", False),
])
def test_service_clauses_are_recognised(query: str, service: bool) -> None:
    assert uses_service(query) is service


def test_a_graph_file_and_a_store_answer_alike(seeds_build) -> None:
    q = "SELECT ?s ?o WHERE { ?s kgo:invited ?o } ORDER BY ?s ?o"
    with KgStore.from_graph_file(seeds_build.ttl) as f, KgStore(seeds_build.out_dir / "store", read_only=True) as s:
        assert sorted(set(f.query(q).rows)) == sorted(set(s.query(q).rows))
        assert f.query(q).rows


def test_put_article_roundtrips_rdflib_terms(tmp_path: Path) -> None:
    ex = "https://w3id.org/kgpol/id/"
    triples = ((URIRef(ex + "mention/1"), URIRef(ex + "p"), Literal("Астана", lang="kk")),
               (URIRef(ex + "mention/1"), URIRef(ex + "q"), Literal("0.90", datatype=URIRef(
                   "http://www.w3.org/2001/XMLSchema#decimal"))))
    with KgStore(tmp_path / "s") as st:
        assert st.put_article(ArticleData("x y/z", triples, {"astana": 2}, ())) == "added"
        assert st.put_article(ArticleData("x y/z", triples, {"astana": 2}, ())) == "unchanged"
        assert st.article_ids() == ["x y/z"]
        assert st.article_quads("x y/z") == {
            (f"<{ex}mention/1>", f"<{ex}p>", '"Астана"@kk'),
            (f"<{ex}mention/1>", f"<{ex}q>", '"0.9"^^<http://www.w3.org/2001/XMLSchema#decimal>')}  # by value


def test_query_help_and_saved_list() -> None:
    res = CliRunner().invoke(app, ["query", ".", "--list"], env={"COLUMNS": "300"})
    assert res.exit_code == 0
    for name in ("who-invited", "actor-relations", "partners", "actors-by-sources", "expert-statements",
                 "bilingual"):
        assert name in res.stdout
    assert "_find-actor" not in res.stdout
    help_text = textwrap.dedent(CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "300"}).stdout)
    for word in ("--port", "--timeout", "--limit", "--allow-federation", "127.0.0.1"):
        assert word in help_text


def test_name_counts_answer_as_the_store_does(seeds_build):
    """The in-memory counts a build keeps give the same totals as asking the store actor by actor."""
    from kg.store import NameCounts, bookkeeping_graph

    with KgStore(seeds_build.out_dir / "store", read_only=True) as st:
        counts = NameCounts.read(st._store)
        for aid in st.article_ids():
            bk = bookkeeping_graph(aid)
            named = st._named_counts(aid)
            assert counts.named(bk) == named
            assert counts.others(named, bk) == st._other_totals(named, aid)
        assert any(v is None for aid in st.article_ids()
                   for v in counts.others(counts.named(bookkeeping_graph(aid)), bookkeeping_graph(aid)).values())


def test_removing_an_unknown_article_suggests_a_query_that_runs(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(corpus, out)
    res = CliRunner().invoke(app, ["remove", str(out), "nosuch"], env={"COLUMNS": "300"})
    assert res.exit_code == 1 and "nosuch: no such article" in res.stderr
    assert "{{" not in res.stderr and "}}" not in res.stderr  # no format-string braces left doubled
    suggested = res.stderr.split("'")[1]  # the query the message quotes lists the article ids
    listed = CliRunner().invoke(app, ["query", str(out), suggested, "-f", "csv"])
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.split() == ["id", "a", "b"]


# --- each relation once: asserted in the default graph, supported from the article graphs --------


def test_the_store_and_graph_ttl_count_relations_alike(seeds_build) -> None:
    # every kgo: statement, the relations' and the happenings' (kgo:date) included
    count = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?p), STR(kgo:))) } GROUP BY ?p"
    answers = []
    for source in (seeds_build.ttl, seeds_build.trig, seeds_build.out_dir / "store"):
        with (KgStore(source, read_only=True) if source.is_dir() else KgStore.from_graph_file(source)) as st:
            answers.append({row[0].value: int(row[1].value) for row in st.query(count).rows})
    assert answers[0] == answers[1] == answers[2]
    assert answers[0].get(str(KGO.date))  # the seeds report happenings, some in two articles
    assert answers[0][str(KGO.cooperatesWith)] == len(set(Graph().parse(seeds_build.ttl).triples(
        (None, KGO.cooperatesWith, None))))


def test_a_relation_stays_while_an_article_supports_it(corpus: Path, tmp_path: Path, write_article) -> None:
    visit = "SELECT ?o WHERE { <https://w3id.org/kgpol/id/actor/tokayev> kgo:visited ?o } ORDER BY ?o"
    moscow = "https://w3id.org/kgpol/id/actor/moscow"
    out = tmp_path / "out"
    write_article(corpus, "a_again.txt", KK_A, date="2025-03-02")  # the same visit, told again
    run(corpus, out)

    def visited() -> list[str]:
        with KgStore(out / "store", read_only=True) as st:
            return [row[0].value for row in st.query(visit).rows]

    assert visited().count(moscow) == 1  # two articles support it: one relation
    res = CliRunner().invoke(app, ["remove", str(out), "a"])
    assert res.exit_code == 0, res.output
    assert visited().count(moscow) == 1  # a_again still supports it
    write_article(corpus, "a_again.txt", KK_A2, date="2025-03-02")  # now about Beijing, not Moscow
    (corpus / "a.txt").unlink()
    assert run(corpus, out) == [("a_again", "replaced"), ("b", "unchanged")]
    assert moscow not in visited() and "https://w3id.org/kgpol/id/actor/beijing" in visited()
    res = CliRunner().invoke(app, ["remove", str(out), "a_again"])
    assert res.exit_code == 0, res.output
    assert not {moscow, "https://w3id.org/kgpol/id/actor/beijing"} & set(visited())
    with KgStore(out / "store", read_only=True) as st:  # what is left is b's alone, each relation once
        stored = {q[:3] for q in store_quads(out / "store") if q[3] == ""}
        supported = st.query("SELECT DISTINCT ?s ?p ?o WHERE { ?m rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }")
        assert {q for q in stored if q[1] in RELATION_TERMS} == {tuple(map(str, row)) for row in supported.rows}


def test_rdflib_reads_the_relations_without_default_union(seeds_build, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(seeds_build.out_dir / "store", copy)
    q = ("PREFIX kgo: <https://w3id.org/kgpol/ontology#> "
         "SELECT ?o WHERE { <https://w3id.org/kgpol/id/actor/trump> kgo:invited ?o }")
    ds = Dataset(store="Oxigraph")
    ds.open(str(copy))
    try:
        assert [str(row[0]) for row in ds.query(q)] == ["https://w3id.org/kgpol/id/actor/tokayev"]
    finally:
        ds.close()


def test_remove_says_the_build_files_are_stale_and_the_store_readers_are_current(corpus: Path, tmp_path: Path,
                                                                                write_article) -> None:
    out = tmp_path / "out"
    write_article(corpus, "c.txt", KK_C)
    build([corpus], out)  # with graph.html
    res = CliRunner().invoke(app, ["remove", str(out), "a"], env={"COLUMNS": "300"})
    assert res.exit_code == 0, res.output
    for name in ("graph.ttl", "graph.trig", "graph.html", "centrality.csv"):
        assert name in res.stdout
    assert "still" in res.stdout and "kg render" in res.stdout and "kg centrality" in res.stdout
    # what reads the build folder reads its store, where the article is gone
    entities = CliRunner().invoke(app, ["entities", str(out), "-f", "json"])
    assert "moscow" not in {r["actor"] for r in json.loads(entities.stdout)}
    assert "moscow" in (out / "graph.ttl").read_text(encoding="utf-8")  # the build output, as the note says
    page = tmp_path / "view.html"
    assert CliRunner().invoke(app, ["render", str(out), "-o", str(page)]).exit_code == 0
    assert "moscow" not in page.read_text(encoding="utf-8")


def test_a_relation_goes_with_the_last_article_that_asserts_it(tmp_path: Path) -> None:
    """A mention that does not assert its relation (a denied visit, say) keeps no relation in the store."""
    from rdflib.namespace import RDF

    ex = "https://w3id.org/kgpol/id/"
    a, b = URIRef(ex + "actor/a"), URIRef(ex + "actor/b")

    def article(aid: str, asserts: bool) -> ArticleData:
        m = URIRef(f"{ex}mention/{aid}")
        triples = [(m, RDF.type, KGO.Mention), (m, RDF.subject, a), (m, RDF.predicate, KGO.visited),
                   (m, RDF.object, b)] + ([(a, KGO.visited, b)] if asserts else [])
        return ArticleData(aid, tuple(triples), {"a": 1, "b": 1}, ())

    visit = "ASK { <https://w3id.org/kgpol/id/actor/a> kgo:visited <https://w3id.org/kgpol/id/actor/b> }"
    with KgStore(tmp_path / "s") as st:
        st.put_article(article("asserts", True))
        st.put_article(article("denies", False))
        assert st.query(visit).boolean
        st.remove_article("asserts")
        assert not st.query(visit).boolean  # the other article only mentions it
        st.put_article(article("asserts", True))
        st.put_article(article("asserts_too", True))
        st.remove_article("asserts")
        assert st.query(visit).boolean  # still asserted by asserts_too
        st.put_article(article("asserts_too", False))  # replaced: now it only mentions it
        assert not st.query(visit).boolean
