"""CLI: build, query, validate, entities and --help, run through typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from typer.testing import CliRunner

from kg.cli import app
from kg.languages import CODES, listed, reads_message
from kg.namespaces import ACTOR_CLASSES, EX, KGO, RELATIONS
from kg.plural import plural

# Sentences written for these tests (not from the seeds).
KK_VISIT = ("Қасым-Жомарт Тоқаев Мәскеуге ресми сапармен барды. "
            "Сапар барысында Тоқаев Ресеймен ынтымақтастықты талқылады.")
RU_VISIT = ("Президент Казахстана Касым-Жомарт Токаев посетил Москву с официальным визитом "
            "<script>alert(1)</script> и провёл переговоры с Владимиром Путиным.")
KK_TASHKENT = "Қасым-Жомарт Тоқаев Ташкентке сапармен барды."

RELATION_IRIS = {KGO[r] for r in RELATIONS}
WIDE = {"COLUMNS": "400"}  # rich wraps tables to the terminal; a wide one keeps rows on one line


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(app, [str(a) for a in args], env=WIDE)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, write_article, runner: CliRunner):
    """A folder of good and bad files, built once with the CLI (HTML included)."""
    src = tmp_path_factory.mktemp("small_in")
    write_article(src, "kk visit.txt", KK_VISIT)
    write_article(src, "ru-визит.txt", RU_VISIT, date="2025-04-02")
    write_article(src, "-lead.txt", KK_TASHKENT)
    (src / "empty.txt").write_bytes(b"")
    (src / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (src / "[draft] no header.txt").write_text(KK_TASHKENT, encoding="utf-8")
    write_article(src, "chinese.txt", "哈萨克斯坦总统访问了塔什干并举行了会谈。")
    (src / ".hidden.txt").write_bytes(b"")
    out = tmp_path_factory.mktemp("small_out")
    res = invoke(runner, "build", src, "-o", out, "-q")
    return src, out, res


# --- build -------------------------------------------------------------------


def test_build_mixed_folder_exits_0_and_builds_the_good_files(small) -> None:
    _, out, res = small
    assert res.exit_code == 0, res.output
    assert "Built 3 articles (2 kk, 1 ru)" in res.stdout
    for what in ("sentences", "actors", "relations from", "mentions", "5 files skipped"):
        assert what in res.stdout
    assert "Relations by type" in res.stdout
    assert "visited" in res.stdout
    assert "Mentions by language: kk:" in res.stdout and "ru:" in res.stdout
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0
        assert str(out / name) in res.stdout


def test_build_prints_one_skipped_line_per_bad_file(small) -> None:
    src, _, res = small
    skipped = [line for line in res.stderr.splitlines() if line.startswith("skipped:")]
    assert len(skipped) == 5, res.stderr
    for name, reason in [("empty.txt", "empty"), ("picture.png", "binary"),
                         ("[draft] no header.txt", "date"), ("chinese.txt", reads_message()),
                         (".hidden.txt", "hidden")]:
        hits = [line for line in skipped if str(src / name) in line]
        assert len(hits) == 1, f"{name}: {skipped}"  # the name printed as it is, "[draft]" included
        assert reason in hits[0]


def test_build_summary_counts_match_the_graph(small) -> None:
    _, out, res = small
    g = Graph().parse(out / "graph.ttl")
    assert "4 sentences" in res.stdout  # 2 + 1 + 1 in the three good files
    actors = {s for s, o in g.subject_objects(RDF.type) if o in {KGO[c] for c in ACTOR_CLASSES}}
    assert f"{len(actors)} actors" in res.stdout
    relations = {(s, p, o) for s, p, o in g if str(p).startswith(str(KGO)) and p in RELATION_IRIS}
    assert f"{len(relations)} relations from" in res.stdout
    mentions = len(list(g.subjects(None, KGO.Mention)))
    assert f"from {mentions} mentions" in res.stdout
    visited = len(list(g.triples((None, KGO.visited, None))))
    assert visited >= 2
    row = next(line for line in res.stdout.splitlines() if line.split()[:1] == ["visited"])
    assert row.split()[1] == str(visited)


def test_build_summary_counts_what_graph_ttl_holds(seeds_build, seeds_dir, tmp_path: Path, runner: CliRunner,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """One count: the relations and mentions of graph.ttl (resolved, a symmetric relation read both ways once)."""
    g = Graph().parse(seeds_build.ttl)
    per_relation = Counter(str(p)[len(str(KGO)):] for _, p, _ in g if p in RELATION_IRIS)
    mentions = set(g.subjects(RDF.type, KGO.Mention))
    result = seeds_build.result
    assert result.per_relation() == per_relation
    assert len(result.relations()) == sum(per_relation.values())
    assert result.mentions() == len(mentions) == sum(result.per_language().values())
    # the command prints these counts (the build itself is the one the fixture made)
    monkeypatch.setattr("kg.pipeline.build", lambda *args, **kwargs: result)
    res = invoke(runner, "build", seeds_dir, "-o", tmp_path, "-q")
    assert res.exit_code == 0, res.output
    assert f"{sum(per_relation.values())} relations from {len(mentions)} mentions" in res.stdout
    for rel, n in per_relation.items():
        row = next(line for line in res.stdout.splitlines() if line.split()[:1] == [rel])
        assert row.split() == [rel, str(n)], row


def test_build_counts_only_the_relations_that_mentions_assert(seeds_build, tmp_path: Path) -> None:
    """A denied relation is a mention in graph.ttl but no relation: the summary counts it so too."""
    from dataclasses import replace

    from kg.graph import write_build_files
    from kg.pipeline import BuildResult

    built = seeds_build.result
    denied = replace(built.triples[0], relation="supports", modality="Denied")  # the seeds support nothing
    result = BuildResult(articles=built.articles, triples=[*built.triples, denied], entities=built.entities)
    g = Graph().parse(write_build_files(result.articles, result.triples, result.entities, tmp_path)["ttl"])
    assert result.per_relation() == Counter(str(p)[len(str(KGO)):] for _, p, _ in g if p in RELATION_IRIS)
    assert result.mentions() == len(set(g.subjects(RDF.type, KGO.Mention))) == built.mentions() + 1


def test_odd_names_and_script_text_reach_the_graph_intact(small, runner: CliRunner) -> None:
    _, out, _ = small
    ids = "SELECT ?id WHERE { ?a a kgo:Article ; dcterms:identifier ?id } ORDER BY ?id"
    res = invoke(runner, "query", out / "graph.ttl", ids, "--format", "json")
    assert res.exit_code == 0, res.output
    assert [r["id"] for r in json.loads(res.stdout)] == ["-lead", "kk visit", "ru-визит"]
    ru = "SELECT DISTINCT ?e WHERE { ?m kgo:evidence ?e FILTER(LANG(?e) = 'ru') }"
    res = invoke(runner, "query", out / "graph.ttl", ru, "--format", "json")
    evidence = [r["e"] for r in json.loads(res.stdout)]
    assert evidence and all("<script>alert(1)</script>" in e for e in evidence)


def test_build_of_only_bad_files_fails_and_keeps_the_old_graph(small, tmp_path: Path, runner: CliRunner) -> None:
    _, out, _ = small
    old = {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.trig")}
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "nodate.txt").write_text(KK_TASHKENT, encoding="utf-8")
    res = invoke(runner, "build", bad, "-o", out, "-q", "--no-html")
    assert res.exit_code != 0
    assert res.stderr.startswith("error: nothing to build")
    assert str(bad / "empty.txt") in res.stderr and str(bad / "nodate.txt") in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert res.stdout == ""
    for name, data in old.items():
        assert (out / name).read_bytes() == data


def test_build_of_nothing_at_all_fails(tmp_path: Path, runner: CliRunner) -> None:
    res = invoke(runner, "build", tmp_path, "-o", tmp_path / "out", "-q", "--no-html")
    assert res.exit_code == 1
    assert "no input files found" in res.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_build_of_a_missing_path_names_it(tmp_path: Path, runner: CliRunner) -> None:
    res = invoke(runner, "build", tmp_path / "nope.txt", "-o", tmp_path / "out", "-q", "--no-html")
    assert res.exit_code == 1
    assert f"{tmp_path / 'nope.txt'}: does not exist" in res.stderr


def test_build_with_a_warning_still_succeeds(tmp_path: Path, write_article, runner: CliRunner) -> None:
    write_article(tmp_path, "cp.txt", "Президент Казахстана Касым-Жомарт Токаев посетил Ташкент.", encoding="cp1251")
    res = invoke(runner, "build", tmp_path, "-o", tmp_path / "out", "-q", "--no-html")
    assert res.exit_code == 0, res.output
    warnings = [line for line in res.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "cp.txt" in warnings[0] and "cp1251" in warnings[0]
    assert not (tmp_path / "out" / "graph.html").exists()  # --no-html


def test_counts_of_one_are_singular(tmp_path: Path, write_article, runner: CliRunner) -> None:
    write_article(tmp_path, "one.txt", KK_TASHKENT)
    (tmp_path / "empty.txt").write_bytes(b"")
    res = invoke(runner, "build", tmp_path, "-o", tmp_path / "out", "-q", "--no-html")
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("Built 1 article (1 kk), 1 sentence, ")
    assert "; 1 file skipped." in res.stdout and "Store: 1 added, 0 replaced, 0 unchanged articles" in res.stdout
    one = invoke(runner, "query", tmp_path / "out", "SELECT ?id WHERE { ?a dcterms:identifier ?id }")
    assert one.stdout.rstrip().endswith("\n1 row"), one.stdout
    removed = invoke(runner, "remove", tmp_path / "out", "one")
    assert removed.stdout.startswith("removed 1 article; "), removed.stdout


def test_plural_is_one_helper() -> None:
    assert [plural(n, "row") for n in (0, 1, 2)] == ["0 rows", "1 row", "2 rows"]
    assert plural(1, "file") + " skipped" == "1 file skipped" and plural(2, "entity") == "2 entities"


# --- query -------------------------------------------------------------------

SELECT_VISITS = "SELECT ?s ?o WHERE { ?s kgo:visited ?o } ORDER BY ?s ?o"


def test_query_inline_prints_a_table(seeds_build, runner: CliRunner) -> None:
    res = invoke(runner, "query", seeds_build.ttl, SELECT_VISITS)
    assert res.exit_code == 0, res.output
    assert "actor/tokayev" in res.stdout
    rows = int(res.stdout.strip().splitlines()[-1].split()[0])
    g = Graph().parse(seeds_build.ttl)
    assert rows == len(list(g.triples((None, KGO.visited, None)))) > 0


def test_query_from_an_rq_file(seeds_build, tmp_path: Path, runner: CliRunner) -> None:
    rq = tmp_path / "visits.rq"
    rq.write_text("PREFIX kgo: <https://w3id.org/kgpol/ontology#>\n" + SELECT_VISITS, encoding="utf-8")
    inline = invoke(runner, "query", seeds_build.ttl, SELECT_VISITS, "-f", "csv")
    from_file = invoke(runner, "query", seeds_build.ttl, rq, "-f", "csv")
    assert from_file.exit_code == 0, from_file.output
    assert from_file.stdout == inline.stdout


def test_query_a_missing_rq_file(seeds_build, runner: CliRunner) -> None:
    res = invoke(runner, "query", seeds_build.ttl, "nowhere/visits.rq")
    assert res.exit_code == 1
    assert "nowhere/visits.rq: no such query file" in res.stderr


def test_query_csv_and_json_agree(seeds_build, runner: CliRunner) -> None:
    c = invoke(runner, "query", seeds_build.ttl, SELECT_VISITS, "--format", "csv")
    j = invoke(runner, "query", seeds_build.ttl, SELECT_VISITS, "--format", "json")
    assert c.exit_code == 0 and j.exit_code == 0
    rows = list(csv.reader(io.StringIO(c.stdout)))
    assert rows[0] == ["s", "o"]
    records = json.loads(j.stdout)
    assert [[r["s"], r["o"]] for r in records] == rows[1:]
    assert all(r["s"].startswith("https://w3id.org/kgpol/id/actor/") for r in records)


def test_query_json_keeps_non_ascii(seeds_build, runner: CliRunner) -> None:
    q = 'SELECT ?l WHERE { ?a rdfs:label ?l FILTER(LANG(?l) = "kk") } ORDER BY DESC(?l) LIMIT 3'
    res = invoke(runner, "query", seeds_build.ttl, q, "-f", "json")
    labels = [r["l"] for r in json.loads(res.stdout)]
    assert len(labels) == 3 and any(ord(c) > 127 for c in "".join(labels))
    assert "\\u" not in res.stdout


@pytest.mark.parametrize(("ask", "answer"), [
    ("ASK { ?a kgo:visited ?b }", "yes"),
    ("ASK { ?a kgo:visited ?a }", "no"),
])
def test_query_ask(seeds_build, runner: CliRunner, ask: str, answer: str) -> None:
    res = invoke(runner, "query", seeds_build.ttl, ask)
    assert res.exit_code == 0
    assert res.stdout.strip() == answer


def test_query_construct_prints_turtle(seeds_build, runner: CliRunner) -> None:
    res = invoke(runner, "query", seeds_build.ttl, "CONSTRUCT { ?s kgo:visited ?o } WHERE { ?s kgo:visited ?o }")
    assert res.exit_code == 0
    g = Graph().parse(data=res.stdout, format="turtle")
    assert len(g) > 0 and all(p == KGO.visited for _, p, _ in g)


@pytest.mark.parametrize("bad", ["SELECT ?x WHERE { ?x ?y", "SELEKT * WHERE { ?s ?p ?o }",
                                 "SELECT ?x WHERE { ?x nope:thing ?y }"])
def test_a_bad_query_gives_a_one_line_error(seeds_build, runner: CliRunner, bad: str) -> None:
    res = invoke(runner, "query", seeds_build.ttl, bad)
    assert res.exit_code == 1
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("error: the query cannot be run")
    assert "Traceback" not in res.output


def test_query_on_a_missing_graph(tmp_path: Path, runner: CliRunner) -> None:
    res = invoke(runner, "query", tmp_path / "none.ttl", "ASK {}")
    assert res.exit_code == 1
    assert "none.ttl" in res.stderr and "kg build" in res.stderr


def test_query_with_an_unknown_format(seeds_build, runner: CliRunner) -> None:
    res = invoke(runner, "query", seeds_build.ttl, SELECT_VISITS, "--format", "xml")
    assert res.exit_code == 1
    assert "table, csv or json" in res.stderr


def test_query_table_keeps_brackets_in_values(tmp_path: Path, runner: CliRunner) -> None:
    # rich markup must not eat "[b]" or choke on "[/x]" in data
    ttl = tmp_path / "g.ttl"
    ttl.write_text('<urn:a> <urn:p> "see [b]bold[/b] and [/x] here" .\n', encoding="utf-8")
    res = invoke(runner, "query", ttl, "SELECT ?o WHERE { ?s ?p ?o }")
    assert res.exit_code == 0, res.output
    assert "see [b]bold[/b] and [/x] here" in res.stdout


# --- validate ----------------------------------------------------------------


def test_validate_the_seeds_graph(seeds_build, runner: CliRunner) -> None:
    res = invoke(runner, "validate", seeds_build.ttl)
    assert res.exit_code == 0, res.output
    assert "conforms" in res.stdout


def test_validate_a_hand_broken_graph_exits_1(seeds_build, tmp_path: Path, runner: CliRunner) -> None:
    g = Graph().parse(seeds_build.ttl)
    mention = sorted(g.subjects(None, KGO.Mention))[0]
    g.remove((mention, KGO.evidence, None))
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")
    res = invoke(runner, "validate", broken)
    assert res.exit_code == 1
    assert "1 SHACL violation" in res.stderr and "violations" not in res.stderr
    assert "evidence" in res.stdout


def test_validate_says_each_violation_in_one_line(seeds_build, tmp_path: Path, runner: CliRunner) -> None:
    """A SPARQL-based shape's result was 60 lines of its query; now: the triple at fault, why, and the shape."""
    g = Graph().parse(seeds_build.ttl)
    g.add((EX["actor/trump"], KGO.metWith, EX["actor/country_kz"]))  # no mention supports it
    g.add((EX["actor/country_kz"], KGO.leaderOf, EX["actor/tokayev"]))  # the wrong way round, unsupported too
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")
    res = invoke(runner, "validate", broken)
    assert res.exit_code == 1
    lines = res.stdout.strip().splitlines()
    assert res.stderr.endswith(f": {len(lines)} SHACL violations\n") and len(lines) >= 3, (res.stderr, lines)
    assert "ex:actor/trump kgo:metWith ex:actor/country_kz: no mention supports this relation" in res.stdout
    assert any(line.startswith("ex:actor/country_kz: the subject of kgo:leaderOf is not a kgo:Person")
               for line in lines), lines
    assert "SELECT" not in res.stdout and "RelationSupportShape" in res.stdout


def test_validate_a_file_that_is_not_rdf(tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix : <x> . this is not turtle", encoding="utf-8")
    res = invoke(runner, "validate", bad)
    assert res.exit_code == 1
    assert res.stderr.startswith("error:") and "bad.ttl" in res.stderr


# --- the graph a command reads: every format, a build folder, a store ---------------------------


@pytest.fixture(scope="module")
def seeds_formats(seeds_build, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seeds' graph in every form a command reads: each RDF format, the build folder and the store."""
    from rdflib import Dataset

    folder = tmp_path_factory.mktemp("formats")
    ds = Dataset()
    ds.parse(seeds_build.trig, format="trig")
    merged = Graph().parse(seeds_build.ttl)
    ds.serialize(folder / "graph.nq", format="nquads")
    ds.serialize(folder / "graph.jsonld", format="json-ld")
    merged.serialize(folder / "graph.nt", format="nt")
    merged.serialize(folder / "graph.rdf", format="xml")
    forms = {p.suffix: p for p in folder.iterdir()}
    return {**forms, ".ttl": seeds_build.ttl, ".trig": seeds_build.trig, "build folder": seeds_build.out_dir,
            "store": seeds_build.out_dir / "store"}


def test_render_shows_the_same_graph_from_every_source(seeds_formats, tmp_path: Path, runner: CliRunner) -> None:
    said = {}
    for name, source in seeds_formats.items():
        html = tmp_path / f"{name.strip('.').replace(' ', '_')}.html"
        res = invoke(runner, "render", source, "-o", html)
        assert res.exit_code == 0, (name, res.output)
        assert html.is_file(), name
        said[name] = res.stdout.strip().rsplit("(", 1)[-1]
    assert len(set(said.values())) == 1, said
    actors, relations = said[".ttl"].rstrip(")").split(", ")
    assert int(relations.split()[0]) > 0 and int(actors.split()[0]) > 0


def test_render_from_python_reads_named_graphs_too(seeds_formats, tmp_path: Path) -> None:
    """kg.render.render(path) reads a graph file as the command does: a .trig's or .jsonld's named graphs merged."""
    from kg.render import render

    views = {name: render(seeds_formats[name], tmp_path / f"{name.strip('.')}.html") for name in (".ttl", ".trig",
                                                                                                  ".jsonld", ".nq")}
    assert len({(len(v.nodes), len(v.edges)) for v in views.values()}) == 1
    assert views[".trig"].edges


def test_render_refuses_a_view_without_the_relations_the_graph_has(tmp_path: Path, runner: CliRunner) -> None:
    graph = tmp_path / "odd.ttl"
    graph.write_text("@prefix kgo: <https://w3id.org/kgpol/ontology#> .\n"
                     '<https://w3id.org/kgpol/id/actor/a> a kgo:Person ; kgo:visited "Moscow" .\n', encoding="utf-8")
    res = invoke(runner, "render", graph, "-o", tmp_path / "odd.html")
    assert res.exit_code == 1
    assert "shows none of its 1 relation" in res.stderr
    assert not (tmp_path / "odd.html").exists()


def test_validate_reads_a_build_folder_and_a_store(seeds_formats, runner: CliRunner) -> None:
    for name in ("build folder", "store", ".trig"):
        res = invoke(runner, "validate", seeds_formats[name])
        assert res.exit_code == 0, (name, res.output)
        assert "conforms" in res.stdout


def test_centrality_and_entities_read_every_source_alike(seeds_formats, runner: CliRunner) -> None:
    for command in ("centrality", "entities"):
        outputs = {name: invoke(runner, command, source) for name, source in seeds_formats.items()}
        for name, res in outputs.items():
            assert res.exit_code == 0, (command, name, res.output)
        assert len({res.stdout for res in outputs.values()}) == 1, command


# --- entities ----------------------------------------------------------------


def test_entities_lists_tokayev_with_kk_and_ru_labels(seeds_build, runner: CliRunner) -> None:
    for target in (seeds_build.out_dir, seeds_build.ttl):
        res = invoke(runner, "entities", target)
        assert res.exit_code == 0, res.output
        lines = res.stdout.splitlines()
        at = next((i for i, line in enumerate(lines) if line.startswith("tokayev ")), None)
        assert at is not None, res.stdout
        assert "Person" in lines[at] and "en: Kassym-Jomart Tokayev" in lines[at]
        labels = " ".join(lines[at:at + len(CODES)])  # one label a line, in the language table's order
        assert "kk: Қасым-Жомарт Тоқаев" in labels and "ru: Касым-Жомарт Токаев" in labels


def test_entities_counts_relation_mentions_per_language_of_the_language_table(seeds_build,
                                                                             runner: CliRunner) -> None:
    res = invoke(runner, "entities", seeds_build.out_dir)
    assert f"relation mentions {'/'.join(CODES)}" in res.stdout
    row = next(line for line in res.stdout.splitlines() if line.startswith("tokayev "))
    assert any(cell.count("/") == len(CODES) - 1 for cell in row.split())


def test_entities_count_no_sentence_that_only_supposes_or_denies(seeds_build, tmp_path: Path,
                                                                 runner: CliRunner) -> None:
    """A hypothetical or denied mention asserts no relation: its actors' relation mentions leave it out."""
    import rdflib

    from kg.namespaces import EX, KGO

    g = rdflib.Graph()
    g.parse(seeds_build.ttl)
    trump = EX["actor/trump"]
    about = [m for m in g.subjects(RDF.type, KGO.Mention) if trump in (g.value(m, RDF.subject), g.value(m, RDF.object))]
    assert about
    for m in about:
        g.set((m, KGO.modality, KGO.Denied))
    g.serialize(tmp_path / "graph.ttl", format="turtle")

    def counts(graph: Path) -> int:
        rows = json.loads(invoke(runner, "entities", graph, "-f", "json").stdout)
        row = next(r for r in rows if r["actor"] == "trump")
        return sum(row[f"relation_mentions_{code}"] for code in CODES)

    assert counts(seeds_build.ttl) == len(about) and counts(tmp_path / "graph.ttl") == 0


def test_entities_of_a_missing_graph(tmp_path: Path, runner: CliRunner) -> None:
    res = invoke(runner, "entities", tmp_path)
    assert res.exit_code == 1
    assert "graph.ttl" in res.stderr


# --- tables at 80 columns, and --format csv|json on every command with a table ------------------

NARROW = {"COLUMNS": "80"}


def narrow(runner: CliRunner, *args: str):
    return runner.invoke(app, [str(a) for a in args], env=NARROW)


def fits(text: str) -> bool:
    return all(len(line) <= 80 for line in text.splitlines()) and "…" not in text


def test_centrality_fits_80_columns_with_readable_numbers(seeds_build, runner: CliRunner) -> None:
    res = narrow(runner, "centrality", seeds_build.out_dir, "-n", "5")
    assert res.exit_code == 0, res.output
    assert fits(res.stdout), res.stdout
    records = json.loads(narrow(runner, "centrality", seeds_build.out_dir, "-n", "5", "--format", "json").stdout)
    assert len(records) == 5 and records[0]["pagerank"] >= records[1]["pagerank"]
    for record in records:
        row = next(line for line in res.stdout.splitlines() if f" {record['actor']} " in line)
        assert f"{record['pagerank']:.3f}" in row, row  # the ranking measure, to three decimals
    assert "not shown at 80 columns: " in res.stdout  # what did not fit is named, not cut to '0.…'
    wide = invoke(runner, "centrality", seeds_build.out_dir, "-n", "5")
    header = next(line for line in wide.stdout.splitlines() if line.startswith("#")).split()
    assert "not shown" not in wide.stdout and {"pagerank", "between", "eigen", "close"} <= set(header)


def test_query_tables_shorten_iris_and_round_numbers(seeds_build, runner: CliRunner) -> None:
    res = narrow(runner, "query", seeds_build.ttl, SELECT_VISITS)
    assert res.exit_code == 0, res.output
    assert "ex:actor/tokayev" in res.stdout and "https://" not in res.stdout
    assert fits(res.stdout), res.stdout
    mean = "SELECT (AVG(?c) AS ?mean) WHERE { ?m kgo:confidence ?c }"
    full = json.loads(narrow(runner, "query", seeds_build.ttl, mean, "-f", "json").stdout)[0]["mean"]
    assert len(full.split(".")[1]) > 3
    table = narrow(runner, "query", seeds_build.ttl, mean).stdout
    assert f"{float(full):.3f}" in table and full not in table


def test_query_tables_keep_numbers_and_dates_whole_at_80_columns(seeds_build, runner: CliRunner) -> None:
    res = narrow(runner, "query", seeds_build.out_dir, "partners", "--bind", "actor=Kazakhstan")
    assert res.exit_code == 0, res.output
    assert fits(res.stdout), res.stdout
    rows = json.loads(narrow(runner, "query", seeds_build.out_dir, "partners", "--bind", "actor=Kazakhstan",
                             "-f", "json").stdout)
    lines = res.stdout.splitlines()
    for row in rows:  # each row's first line holds its numbers and dates, none folded
        assert any(line.split()[:1] == ["country_kz"] and f" {row['sentences']} " in line and row["first"] in line
                   and row["last"] in line for line in lines), row


def test_entities_fit_80_columns_and_name_names_apart_from_relation_mentions(seeds_build,
                                                                           runner: CliRunner) -> None:
    res = narrow(runner, "entities", seeds_build.out_dir)
    assert res.exit_code == 0, res.output
    assert fits(res.stdout), res.stdout
    wide = invoke(runner, "entities", seeds_build.out_dir).stdout
    assert " names " in wide and f" relation mentions {'/'.join(CODES)} " in wide
    records = {r["actor"]: r for r in json.loads(narrow(runner, "entities", seeds_build.ttl, "-f", "json").stdout)}
    g = Graph().parse(seeds_build.ttl)
    tokayev = URIRef("https://w3id.org/kgpol/id/actor/tokayev")
    assert records["tokayev"]["names"] == int(g.value(tokayev, KGO.mentionCount))  # kgo:mentionCount
    mentions = {m for m in g.subjects(RDF.type, KGO.Mention)
                if tokayev in (g.value(m, RDF.subject), g.value(m, RDF.object))}
    by_lang = Counter(g.value(m, KGO.evidence).language for m in mentions)
    assert {code: records["tokayev"][f"relation_mentions_{code}"] for code in CODES} == \
        {code: by_lang[code] for code in CODES}


@pytest.mark.parametrize("command", ["build", "centrality", "entities", "query"])
def test_every_command_with_a_table_writes_csv_and_json(seeds_build, seeds_dir, tmp_path: Path, runner: CliRunner,
                                                        monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    monkeypatch.setattr("kg.pipeline.build", lambda *args, **kwargs: seeds_build.result)
    args = {"build": [seeds_dir, "-o", tmp_path, "-q"], "centrality": [seeds_build.out_dir],
            "entities": [seeds_build.out_dir], "query": [seeds_build.out_dir, SELECT_VISITS]}[command]
    as_csv = invoke(runner, command, *args, "--format", "csv")
    as_json = invoke(runner, command, *args, "--format", "json")
    assert as_csv.exit_code == 0 and as_json.exit_code == 0, as_csv.output + as_json.output
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    records = json.loads(as_json.stdout)
    assert rows and "┃" not in as_csv.stdout
    listed = records if isinstance(records, list) else records["relations_by_type"]
    assert len(rows) == len(listed)


# --- help --------------------------------------------------------------------


@pytest.mark.parametrize(("command", "words"), [
    ("build", ["INPUTS", "--output", "date YYYY-MM-DD", "--no-html", "--quiet"]),
    ("query", ["GRAPH", "SPARQL", ".rq", "--format", "csv", "json"]),
    ("validate", ["GRAPH", "SHACL", "shapes"]),
    ("entities", ["GRAPH", "graph.ttl", "labels"]),
    ("render", ["GRAPH", "--output", "HTML"]),
])
def test_help_of_each_command_explains_its_arguments(runner: CliRunner, command: str, words: list[str]) -> None:
    res = runner.invoke(app, [command, "--help"], env={**WIDE, "NO_COLOR": "1", "TERM": "dumb"})
    assert res.exit_code == 0
    for w in words:
        assert w in res.stdout, f"{command} --help lacks {w!r}"


def test_top_level_help_lists_the_commands(runner: CliRunner) -> None:
    res = runner.invoke(app, ["--help"], env=WIDE)
    assert res.exit_code == 0
    for command in ("build", "query", "validate", "render", "entities"):
        assert command in res.stdout
    assert f"in {listed()}," in res.stdout  # the languages as the language table lists them
    no_args = runner.invoke(app, [])
    assert "Usage" in no_args.output


def test_help_names_the_dask_extra_that_exists(runner: CliRunner) -> None:
    import tomllib

    extras = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["optional-dependencies"]
    assert "dask" in extras
    res = runner.invoke(app, ["build", "--help"], env={**WIDE, "NO_COLOR": "1", "TERM": "dumb"})
    assert "pip install 'kg[dask]'" in res.stdout  # rich read '[dask]' as markup and printed 'kg'


def test_the_console_script_is_installed() -> None:
    kg = Path(sys.executable).with_name("kg")
    if not kg.exists():
        pytest.skip(f"no kg script next to {sys.executable}")
    run = subprocess.run([str(kg), "--help"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0
    assert "build" in run.stdout and "query" in run.stdout
