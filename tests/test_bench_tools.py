"""The bench tools: the corpus generator (inflection, determinism, streaming) and the results files."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import bench_scale  # noqa: E402
import generate_corpus as gc  # noqa: E402
import run_bench  # noqa: E402

from kg.articles import load_articles  # noqa: E402
from kg.nlp import kk_morph  # noqa: E402


@pytest.mark.parametrize(("word", "case", "expected"), [
    ("Тоқаев", "dat", "Тоқаевқа"),
    ("Тоқаев", "gen", "Тоқаевтың"),
    ("Тоқаев", "ins", "Тоқаевпен"),
    ("Ресей", "gen", "Ресейдің"),
    ("Ресей", "dat", "Ресейге"),
    ("Қытай", "acc", "Қытайды"),
    ("Қазақстан", "gen", "Қазақстанның"),
    ("Қазақстан", "abl", "Қазақстаннан"),
    ("Қазақстан", "loc", "Қазақстанда"),
    ("Астана", "ins", "Астанамен"),
    ("Түркия", "acc", "Түркияны"),
    ("Путин", "dat", "Путинге"),
    ("Мәскеу", "loc", "Мәскеуде"),
    ("Назарбаев", "gen", "Назарбаевтың"),
    ("Медведев", "dat", "Медведевке"),
    ("Тебриз", "ins", "Тебризбен"),
    ("Ереван", "nom", "Ереван"),
])
def test_kk_inflect(word: str, case: str, expected: str) -> None:
    assert gc.kk_inflect(word, case) == expected


@pytest.mark.parametrize("case", ["gen", "acc", "dat", "loc", "abl", "ins"])
@pytest.mark.parametrize("word", ["Тоқаев", "Ресей", "Өзбекстан", "Қытай", "Путин", "Түркия"])
def test_kk_inflections_read_back_by_the_analyser(word: str, case: str) -> None:
    form = gc.kk_inflect(word, case)
    readings = {(a.lemma, a.case) for a in kk_morph.analyse(form, frozenset({word.casefold()}))}
    assert (word, case.capitalize()) in readings, (form, readings)


def test_kk_inflect_name_only_last_word() -> None:
    assert gc.kk_inflect_name("Қасым-Жомарт Тоқаев", "dat") == "Қасым-Жомарт Тоқаевқа"
    with pytest.raises(ValueError):
        gc.kk_inflect("Тоқаев", "vocative")


@pytest.mark.parametrize(("name", "case", "person", "expected"), [
    ("Владимир Путин", "datv", True, "Владимиру Путину"),
    ("Мария Захарова", "accs", True, "Марию Захарову"),
    ("Мария Захарова", "ablt", True, "Марией Захаровой"),
    ("Александр Лукашенко", "gent", True, "Александра Лукашенко"),
    ("Касым-Жомарт Токаев", "datv", True, "Касым-Жомарту Токаеву"),
    ("Эмманюэль Макрон", "accs", True, "Эмманюэля Макрона"),
    ("Казахстан", "loct", False, "Казахстане"),
    ("Южная Корея", "ablt", False, "Южной Кореей"),
])
def test_ru_inflect_name(name: str, case: str, person: bool, expected: str) -> None:
    gender = gc.ru_gender(name) if person else None
    assert gc.ru_inflect_name(name, case, person=person, gender=gender) == expected


def test_ru_gender() -> None:
    assert gc.ru_gender("Мария Захарова") == "femn"
    assert gc.ru_gender("Ерлан Карин") == "masc"
    assert gc.ru_gender("Ангела Меркель") == "femn"


def test_templates_are_many_and_fill_every_slot() -> None:
    lexicon = gc.load_lexicon()
    for lang, templates in gc.TEMPLATES.items():
        assert len(templates) >= 40
        pools = gc.build_pools(lexicon, lang)
        assert len(pools.people) > 30 and len(pools.countries) > 50 and len(pools.orgs) > 10
        rng = gc.random.Random(0)
        for template in templates:
            sentence = gc.fill(template, pools, rng)
            assert "{" not in sentence and "}" not in sentence, sentence


def test_two_slots_of_one_kind_get_different_actors() -> None:
    pools = gc.build_pools(gc.load_lexicon(), "ru")
    rng = gc.random.Random(3)
    for _ in range(50):
        sentence = gc.fill("{C.nom} и {C2.nom}", pools, rng)
        first, second = sentence.split(" и ", 1)
        assert first != second


def test_generate_is_deterministic_sharded_and_readable(tmp_path: Path) -> None:
    a = [p.relative_to(tmp_path / "a") for p in gc.generate(6, tmp_path / "a", ("kk", "ru"), seed=5)]
    b = [p.relative_to(tmp_path / "b") for p in gc.generate(6, tmp_path / "b", ("kk", "ru"), seed=5)]
    assert a == b
    assert all((tmp_path / "a" / p).read_bytes() == (tmp_path / "b" / p).read_bytes() for p in a)
    assert str(a[1]) == "0000/gen_0000001_ru.txt"
    other = next(gc.generate(1, tmp_path / "c", ("kk", "ru"), seed=6))
    assert other.read_bytes() != (tmp_path / "a" / a[0]).read_bytes()

    loaded = [art for art, _ in load_articles([tmp_path / "a"]) if art]
    assert len(loaded) == 6
    for art in loaded:
        assert art.date is not None
        assert art.lang == art.id.rsplit("_", 1)[1]
        assert 140 <= len(art.text.split()) <= 200
    raw = (tmp_path / "a" / a[0]).read_text(encoding="utf-8")
    assert re.match(r" date \d{4}-\d{2}-\d{2} \n", raw)


def test_generate_streams_one_file_at_a_time(tmp_path: Path) -> None:
    it = gc.generate(5, tmp_path, ("kk",), seed=1)
    first = next(it)
    assert [p for p in tmp_path.rglob("*.txt")] == [first]
    assert len(list(it)) == 4


def test_generator_sentences_are_not_the_seeds() -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    for templates in gc.TEMPLATES.values():
        for template in templates:
            for fragment in re.split(r"\{[^}]*\}", template):
                fragment = fragment.strip(" .,")
                if len(fragment) >= 25:
                    assert fragment not in text, fragment


def test_ratio_entry_and_target() -> None:
    r = run_bench.ratio_entry("kk_vs_ru_per_token", 3.0, "x")
    assert r["value"] == 3.0 and r["target"] == 2.0 and r["of_target"] == 1.5 and r["meets_target"] is True
    r = run_bench.ratio_entry("ru_vs_natasha", 0.4, "x")
    assert r["meets_target"] is False and r["of_target"] == 0.5
    assert run_bench.ratio_entry("jobs2_speedup", None, "no --jobs")["value"] is None


def test_write_results_keeps_the_scale_figures(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"peak_rss_100k_gb": 3.1, "articles_per_s_10k": 12.0, "ru_vs_natasha": 0.1}))
    out = run_bench.write_results(path, {"ru_vs_natasha": 0.5})
    data = json.loads(path.read_text())
    assert data == out
    assert data["peak_rss_100k_gb"] == 3.1 and data["articles_per_s_10k"] == 12.0
    assert data["ru_vs_natasha"] == 0.5
    fresh = run_bench.write_results(tmp_path / "new.json", {"ru_vs_natasha": 0.5, "store": {"q": [float("nan")]}})
    assert json.loads((tmp_path / "new.json").read_text())["store"] == {"q": [None]}
    assert "peak_rss_100k_gb" in fresh and fresh["peak_rss_100k_gb"] is None


def test_scale_results_merge_and_linearity(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"ru_vs_natasha": 0.7, "kk_vs_ru_per_token": 4.0}))
    runs = {10_000: {"seconds": 1000.0, "peak_rss_gb": 1.0, "peak_rss_all_processes_gb": 1.5, "ok": True},
            100_000: {"seconds": 11_000.0, "peak_rss_gb": 2.5, "peak_rss_all_processes_gb": 3.25, "ok": True}}
    lin = bench_scale.linearity(runs)
    assert lin is not None and lin["per_article_growth"] == 1.1 and lin["linear"] is True
    data = bench_scale.update_results(path, runs, lin)
    assert data["ru_vs_natasha"] == 0.7
    # the peak is the build's processes together, not its largest one
    assert data["articles_per_s_10k"] == 10.0 and data["peak_rss_100k_gb"] == 3.25
    assert json.loads(path.read_text())["scale"]["linearity"]["linear"] is True
    assert bench_scale.linearity({10_000: runs[10_000]}) is None
    assert bench_scale.size_label(100_000) == "100k" and bench_scale.size_label(1500) == "1500"


def test_tree_rss_counts_the_children(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "import sys\nb = bytearray(300 * 2**20)\n"
                              "b[::4096] = b'x' * len(b[::4096])\nprint('ready', flush=True)\nsys.stdin.read()"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # holds the memory until killed
    try:
        assert child.stdout.readline().strip() == "ready"
        import psutil

        own = psutil.Process(os.getpid()).memory_info().rss
        assert bench_scale.tree_rss(os.getpid()) >= own + 300 * 2**20
        assert bench_scale.tree_rss(child.pid) >= 300 * 2**20
    finally:
        child.kill()
        child.wait()
    assert bench_scale.tree_rss(child.pid) == 0  # gone


def test_markdown_has_the_ratio_table() -> None:
    report = {
        "date": "2026-01-01T00:00:00", "total_s": 1.0, "corpus": {"articles": 2, "seed": 1},
        "machine": {"cpu": "cpu", "cores": 2, "cores_usable": 2, "ram_gb": 1.0, "load_average": [0.0],
                    "os": "linux", "python": "3.11", "packages": {"spacy": "3.8"}},
        "ratios": {"ru_vs_natasha": run_bench.ratio_entry("ru_vs_natasha", 0.4, "side by side")},
        "stages": [run_bench.Stage("NLP (ru)", 2.0, 100, 1, 2**20).row()],
        "peak_rss_100k_gb": None,
    }
    text = run_bench.markdown(report)
    assert "| ru_vs_natasha | 0.40 | 0.8 | 0.50 | no | side by side |" in text
    assert "| NLP (ru) | 2.00 | 50 | 0.50 | 1 |" in text


# --- results.json: each tool updates its own keys, a part that timed out gives a bound ------------------


SCALE_RUNS = {10_000: {"seconds": 1000.0, "peak_rss_gb": 1.0, "peak_rss_all_processes_gb": 1.5, "ok": True}}


def _bench_report(**over) -> dict:
    report = {"date": "2026-01-01T00:00:00", "total_s": 1.0, "corpus": {"articles": 2, "seed": 1},
              "machine": {"cpu": "cpu", "cores": 2, "cores_usable": 2, "ram_gb": 1.0, "load_average": [0.0],
                          "os": "linux", "python": "3.11", "packages": {"spacy": "3.8"}},
              "ru_vs_natasha": 0.5, "ratios": {"ru_vs_natasha": run_bench.ratio_entry("ru_vs_natasha", 0.5, "x")},
              "stages": [run_bench.Stage("NLP (ru)", 2.0, 100, 1, 2**20).row()]}
    return {**report, **over}


def test_bench_keeps_every_key_it_does_not_write(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    old = {"ru_vs_natasha": 0.1, "articles_per_s_500": 7.0, "articles_per_s_10k": 12.0, "peak_rss_100k_gb": 3.1,
           "scale": {"runs": {"500": {"seconds": 71.4, "ok": True}}}, "someone_elses": {"a": 1}}
    path.write_text(json.dumps(old))
    run_bench.write_results(path, _bench_report())
    data = json.loads(path.read_text())
    assert {k: data[k] for k in old if k != "ru_vs_natasha"} == {k: v for k, v in old.items() if k != "ru_vs_natasha"}
    assert data["ru_vs_natasha"] == 0.5


def test_scale_then_bench_then_scale_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    bench_scale.update_results(path, {500: {"seconds": 50.0, "peak_rss_gb": 0.5, "peak_rss_all_processes_gb": 0.7,
                                            "ok": True}}, None)
    run_bench.write_results(path, _bench_report())
    data = bench_scale.update_results(path, SCALE_RUNS, None)
    assert data["articles_per_s_500"] == 10.0 and data["articles_per_s_10k"] == 10.0
    assert sorted(data["scale"]["runs"]) == ["10000", "500"]
    assert data["ru_vs_natasha"] == 0.5 and data["stages"] and data["machine"]
    data = run_bench.write_results(path, _bench_report(ru_vs_natasha=0.6))
    assert data["articles_per_s_500"] == 10.0 and sorted(data["scale"]["runs"]) == ["10000", "500"]
    assert json.loads(path.read_text()) == data


def test_a_scale_run_stopped_at_its_timeout_records_bounds_not_nulls(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    runs = {100_000: {"seconds": 3000.0, "peak_rss_gb": 1.2, "peak_rss_all_processes_gb": 2.5, "ok": False,
                      "stopped": True, "error": "stopped after 3000 s"}}
    data = bench_scale.update_results(path, runs, None)
    # it ran 3,000 s and had not finished: at least that long, at most 33.33 articles/s, at least 2.5 GB
    assert data["articles_per_s_100k"] == {"value": 33.33, "bound": "upper"}
    assert data["peak_rss_100k_gb"] == {"value": 2.5, "bound": "lower"}
    assert data["scale"]["runs"]["100000"]["seconds"] == {"value": 3000.0, "bound": "lower"}
    text = run_bench.markdown(run_bench.write_results(path, _bench_report()))
    assert "| 100,000 | ≥ 3,000 | ≤ 33.33 | ≥ 1.20 | ≥ 2.50 | stopped after 3000 s |" in text
    assert "peak_rss_100k_gb: ≥ 2.50" in text


def test_a_ratio_from_timed_out_queries_is_a_lower_bound_in_json_and_markdown(tmp_path: Path) -> None:
    store = {"triples": 1000, "rdflib_timeout_s": 20.0, "geometric_mean_ratio": 5.8, "queries": [
        {"query": "q1", "oxigraph_s": 5.0, "rdflib_s": None, "rdflib_timed_out": True, "ratio": 4.0},
        {"query": "q2", "oxigraph_s": 0.5, "rdflib_s": 4.2, "rdflib_timed_out": False, "ratio": 8.4}]}
    entry, section = run_bench.store_results(store)
    assert entry["value"] == {"value": 5.8, "bound": "lower"}
    assert entry["of_target"] == {"value": 0.58, "bound": "lower"} and entry["meets_target"] is None
    assert section["queries"][0]["rdflib_s"] == {"value": 20.0, "bound": "lower"}
    assert section["queries"][0]["ratio"] == {"value": 4.0, "bound": "lower"}
    assert section["queries"][1]["rdflib_s"] == 4.2 and section["queries"][1]["ratio"] == 8.4
    report = _bench_report(store_vs_rdflib=entry["value"], ratios={"store_vs_rdflib": entry}, store=section)
    data = run_bench.write_results(tmp_path / "results.json", report)
    assert data["store_vs_rdflib"] == {"value": 5.8, "bound": "lower"}
    assert "| store_vs_rdflib | ≥ 5.80 | 10 | ≥ 0.58 | unknown |" in run_bench.markdown(data)
    exact, _ = run_bench.store_results({**store, "queries": store["queries"][1:], "geometric_mean_ratio": 8.4})
    assert exact["value"] == 8.4 and exact["meets_target"] is False


def test_results_md_shows_a_browser_part_stopped_at_its_limit(tmp_path: Path) -> None:
    browser = {"actors": 2000, "relations": 10000, "stabilise_s": {"value": 300.4, "bound": "lower"},
               "error": "not stable after 300 s"}
    text = run_bench.markdown(run_bench.write_results(tmp_path / "results.json", _bench_report(browser=browser)))
    assert "2,000 actors and 10,000 relations in headless chromium: loaded and stable in ≥ 300.40 s" in text
    assert "answered in n/a s (not stable after 300 s)" in text


MERGER = """
import sys
sys.path.insert(0, sys.argv[1])
from report import merge_results
for i in range(25):
    merge_results(sys.argv[2], lambda old: {sys.argv[3]: old.get(sys.argv[3], 0) + 1})
"""


def test_tools_merging_at_the_same_time_lose_nothing(tmp_path: Path) -> None:
    import subprocess

    path = tmp_path / "results.json"
    procs = [subprocess.Popen([sys.executable, "-c", MERGER, str(BENCH), str(path), f"tool{k}"]) for k in range(6)]
    assert [p.wait() for p in procs] == [0] * 6
    assert json.loads(path.read_text()) == {f"tool{k}": 25 for k in range(6)}


def test_the_push_figures_stay_in_results_md_when_the_main_bench_runs_after_them(tmp_path: Path) -> None:
    """bench_push.py's keys are merged into results.json; run_bench.py renders results.md from the whole file, so
    its section must render them too (it dropped them before)."""
    from report import merge_results

    path = tmp_path / "results.json"
    quads = {"url": "http://HOST:PORT/store?no_transaction", "seconds": 26.1, "statements_per_s": 56551,
             "bulk_load_s": 12.1, "bulk_load_statements_per_s": 122371, "ratio": 0.462, "unchanged_repush_s": 1.18}
    merge_results(path, {"push_vs_bulk_load": 0.462, "push": {
        "date": "2026-12-07T12:56:57", "articles": 10000, "statements": 1474630, "batch": 50000,
        "machine": "2 cores", "protocols": {"quads": quads}, "target_ratio": 0.5, "meets_target": False,
        "unchanged_repush_s": 1.18, "target_repush_s": 5.0, "repush_meets_target": True}})
    text = run_bench.markdown(run_bench.write_results(path, _bench_report()))
    assert "## Push to a SPARQL server" in text and "| quads |" in text
    assert "push_vs_bulk_load: 0.46 (target ≥ 0.5: not met)" in text
