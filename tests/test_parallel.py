"""Parallel builds: --jobs N and a Dask cluster give byte-identical graphs to a build in one process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.parallel import DIES_ON, DIES_ONCE, Processed, light, process_all
from kg.pipeline import build

FILES = ("graph.ttl", "graph.trig", "centrality.csv")


def _same_files(a: Path, b: Path) -> None:
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_jobs_two_gives_the_same_bytes_as_one(seeds_build, seeds_dir, tmp_path):
    result = build([seeds_dir], tmp_path, render_html=False, store=False, jobs=2)
    assert [a.id for a in result.articles] == [a.id for a in seeds_build.result.articles]
    _same_files(seeds_build.out_dir, tmp_path)


def test_process_all_keeps_the_input_order_across_workers(seeds_dir):
    from kg.articles import load_articles

    articles = sorted((a for a, _ in load_articles([seeds_dir]) if a), key=lambda a: a.id, reverse=True)
    done = list(process_all(iter(articles), jobs=2))
    assert [d.article.id for d in done] == [a.id for a in articles]
    assert all(isinstance(d, Processed) and d.error is None and d.triples for d in done)
    # the text is not carried back: only what the graph needs
    assert all(d.article.text == "" and d.article.sentences == () and d.sentences == len(a.sentences)
               for d, a in zip(done, articles, strict=True))


def test_light_keeps_everything_but_the_text_and_sentences(seeds_dir):
    from kg.articles import load_articles

    article = next(a for a, _ in load_articles([seeds_dir]) if a)
    slim = light(article)
    assert (slim.id, slim.date, slim.lang, slim.path) == (article.id, article.date, article.lang, article.path)
    assert slim.text == "" and slim.sentences == () and article.sentences


def test_dask_local_cluster_writes_the_same_graph_and_store(seeds_build, seeds_dir, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = build([seeds_dir], tmp_path, render_html=False, dask=cluster.scheduler_address)
    assert len(result.articles) == len(seeds_build.result.articles)
    _same_files(seeds_build.out_dir, tmp_path)
    from kg.store import KgStore

    with KgStore(tmp_path / "store", read_only=True) as a, KgStore(seeds_build.out_dir / "store", read_only=True) as b:
        assert len(a) == len(b) > 0


def test_cli_unreachable_scheduler_is_one_clear_error(seeds_dir, tmp_path):
    res = CliRunner().invoke(app, ["build", str(seeds_dir), "-o", str(tmp_path), "-q", "--no-html",
                                   "--dask", "tcp://127.0.0.1:9"])
    assert res.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in res.output
    assert not (tmp_path / "graph.ttl").exists()


def test_cli_jobs_zero_means_one_per_core(seeds_dir, tmp_path):
    res = CliRunner().invoke(app, ["build", str(seeds_dir), "-o", str(tmp_path), "-q", "--no-html", "--no-store",
                                   "--jobs", "0"])
    assert res.exit_code == 0, res.output
    assert "Built 5 articles" in res.output


def test_a_large_build_keeps_its_merged_graph_on_disk_and_writes_the_same(seeds_dir, tmp_path, monkeypatch):
    """Past ON_DISK_MENTIONS the centrality table and the page come from an Oxigraph store on disk."""
    import kg.graph
    import kg.pipeline

    small = build([seeds_dir], tmp_path / "memory", store=False)
    opened = []
    real = kg.graph.merged_from_build

    def spy(*args, on_disk=None, **kwargs):
        opened.append(on_disk)
        return real(*args, on_disk=on_disk, **kwargs)

    monkeypatch.setattr(kg.pipeline, "merged_from_build", spy)
    monkeypatch.setattr(kg.pipeline, "ON_DISK_MENTIONS", 0)
    large = build([seeds_dir], tmp_path / "disk", store=False)
    assert opened and opened[0] is not None and opened[0].is_relative_to(tmp_path / "disk")
    assert not any(p.name.startswith(".kg-merged-") for p in (tmp_path / "disk").iterdir())  # removed after
    for kind in ("centrality", "html", "ttl"):
        assert large.outputs[kind].read_bytes() == small.outputs[kind].read_bytes(), kind


def test_store_writer_gets_the_build_in_batches_and_writes_the_same_store(seeds_build, seeds_dir, tmp_path,
                                                                         monkeypatch):
    import kg.parallel
    from kg.store import KgStore

    monkeypatch.setattr(kg.parallel, "STORE_BATCH", 2)  # five seeds: three batches
    seen = []
    build([seeds_dir], tmp_path, render_html=False, jobs=2, on_stored=lambda aid, action: seen.append(action))
    assert seen == ["added"] * len(seeds_build.result.articles)
    with KgStore(tmp_path / "store", read_only=True) as a, KgStore(seeds_build.out_dir / "store", read_only=True) as b:
        assert sorted(map(str, a.raw)) == sorted(map(str, b.raw))


def test_a_batch_of_articles_gives_what_each_gives_alone(seeds_dir):
    from kg.articles import load_articles
    from kg.process import ArticleProcessor

    articles = [a for a, _ in load_articles([seeds_dir]) if a]
    assert {a.lang for a in articles} == {"kk", "ru"}
    processor = ArticleProcessor()
    alone = [processor.process(a) for a in articles]
    assert processor.process_many(articles) == alone


def test_a_failing_article_in_a_batch_is_the_only_one_lost(seeds_dir, monkeypatch):
    from kg.articles import load_articles
    from kg.process import ArticleProcessor

    articles = [a for a, _ in load_articles([seeds_dir]) if a]
    bad = articles[2].id
    real = ArticleProcessor._extract

    def failing(self, article, docs, known):
        if article.id == bad:
            raise RuntimeError("boom")
        return real(self, article, docs, known)

    monkeypatch.setattr(ArticleProcessor, "_extract", failing)
    done = list(process_all(iter(articles)))
    assert [d.article.id for d in done] == [a.id for a in articles]
    assert [d.id for d, p in zip(articles, done, strict=True) if p.error] == [bad]
    assert "extraction failed (RuntimeError: boom)" in done[2].error
    assert all(p.triples for p in done if not p.error)


# --- a worker killed (as the OOM killer would) ----------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
HANG = 900  # seconds: only a guard against a build that never ends, never a measure of speed
PLACES = ["Мәскеуге", "Пекинге", "Ташкентке", "Бакуге", "Анкараға", "Берлинге", "Парижге", "Токиоға",
          "Римге", "Дели қаласына", "Сеулге", "Каирге"]


@pytest.fixture()
def twelve(tmp_path, write_article) -> Path:
    """Twelve articles: two batches (CHUNK is 8), art00..art07 and art08..art11."""
    src = tmp_path / "in"
    src.mkdir()
    for i, place in enumerate(PLACES):
        write_article(src, f"art{i:02d}.txt", f"Қасым-Жомарт Тоқаев {place} ресми сапармен барды.")
    return src


def _build_in_child(src: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    """`kg build --jobs 2` in its own process group; killed with its workers if it hangs."""
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(src), "-o", str(out), "-q", "--no-html",
                             "--no-store", "--jobs", "2"], cwd=ROOT, env={**os.environ, **env}, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"the build hung: still running after {HANG} s")
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


def test_a_worker_killed_once_is_replaced_and_its_batch_retried(twelve, tmp_path):
    died = tmp_path / "died"  # the first worker given art09 creates it and kills itself
    res = _build_in_child(twelve, tmp_path / "out", **{DIES_ON: "art09", DIES_ONCE: str(died)})
    assert res.returncode == 0, res.stderr
    assert died.exists()  # a worker really was killed
    assert "Built 12 articles" in res.stdout and "0 files skipped" in res.stdout
    reference = build([twelve], tmp_path / "reference", render_html=False, store=False)  # one process, no kill
    assert len(reference.articles) == 12
    _same_files(tmp_path / "reference", tmp_path / "out")


def test_a_batch_whose_worker_dies_twice_is_skipped_and_the_rest_built(twelve, tmp_path):
    res = _build_in_child(twelve, tmp_path / "out", **{DIES_ON: "art09"})
    assert res.returncode == 0, res.stderr
    assert "Built 8 articles" in res.stdout and "4 files skipped" in res.stdout
    skipped = [line for line in res.stderr.splitlines() if line.startswith("skipped:")]
    assert [Path(line.split()[1].rstrip(":")).name for line in skipped] == [f"art{i:02d}.txt" for i in range(8, 12)]
    assert all("killed by SIGKILL" in line for line in skipped), skipped
    graph = (tmp_path / "out" / "graph.trig").read_text(encoding="utf-8")
    assert "art07" in graph and "art08" not in graph


def test_process_all_names_each_article_of_a_batch_whose_worker_died_twice(twelve, monkeypatch):
    from kg.articles import load_articles

    monkeypatch.setenv(DIES_ON, "art03")  # spawned workers inherit it
    articles = [a for a, _ in load_articles([twelve]) if a]
    done = list(process_all(iter(articles), jobs=2))
    assert [d.article.id for d in done] == [a.id for a in articles]
    lost = [d for d in done if d.error]
    assert [d.article.id for d in lost] == [f"art{i:02d}" for i in range(8)]
    assert all(d.error.startswith(f"{d.article.path}: ") and "died" in d.error for d in lost)
    assert all(d.triples for d in done if not d.error)


def test_dask_skips_a_batch_whose_workers_all_died_and_builds_the_rest(twelve, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setenv(DIES_ON, "art09")  # the cluster's worker processes inherit it
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        # Dask gives the batch to a new worker each time one dies, up to its allowed-failures
        result = build([twelve], tmp_path, render_html=False, store=False, dask=cluster.scheduler_address)
    assert [a.id for a in result.articles] == [f"art{i:02d}" for i in range(8)]
    assert [Path(s.split(": ")[0]).name for s in result.skipped] == [f"art{i:02d}.txt" for i in range(8, 12)]
    assert all("every Dask worker that ran its batch of 4 articles died" in s for s in result.skipped)
