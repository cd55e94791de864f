"""Saved queries (kg/queries/*.rq): each one's answer on the seeds' store, run by name through `kg query`.

Expected answers are facts the seeds state plainly (Trump invited Tokayev to the G20, in
the Kazakh and the Russian article), not the extractor's every reading.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import saved_queries

WIDE = {"COLUMNS": "400"}


@pytest.fixture(scope="module")
def store(seeds_build):
    return seeds_build.out_dir / "store"


def run(store, name: str, *binds: str, fmt: str = "csv") -> list[dict[str, str]]:
    args = ["query", str(store), name, "-f", fmt]
    for b in binds:
        args += ["--bind", b]
    res = CliRunner().invoke(app, args, env=WIDE)
    assert res.exit_code == 0, res.output
    return list(csv.DictReader(io.StringIO(res.stdout)))


def test_every_saved_query_has_a_header_and_declared_bindings() -> None:
    queries = saved_queries()
    assert set(queries) == {"who-invited", "actor-relations", "partners", "actors-by-sources",
                            "expert-statements", "bilingual", "happenings"}
    for q in queries.values():
        assert len(q.description) > 60, q.name
        for var in q.params:
            assert f"?{var}" in q.text.split("\n", len(q.description.splitlines()) + 2)[-1]


def test_who_invited_tokayev_to_the_g20(store) -> None:
    rows = run(store, "who-invited", "actor=Tokayev")
    trump = [r for r in rows if r["inviter"] == "Donald Trump" and r["invitee"] == "Kassym-Jomart Tokayev"]
    assert {r["event"] for r in trump} == {"G20"}
    assert {r["article"][:3] for r in trump} == {"000", "001"}  # told in the kk and the ru article
    assert all(r["date"] == "2025-12-25" and r["evidence"] for r in trump)
    assert all("Kassym-Jomart Tokayev" in (r["inviter"], r["invitee"]) for r in rows)
    # the same answer whichever name the actor is given by
    assert run(store, "who-invited", "actor=Қасым-Жомарт Тоқаев") == rows
    assert run(store, "who-invited", "actor=tokayev") == rows


def test_happenings_of_tokayev_each_once_with_their_reports(store) -> None:
    rows = run(store, "happenings", "actor=Tokayev")
    keys = [(r["date"], r["subject"], r["relation"], r["object"]) for r in rows]
    assert len(keys) == len(set(keys))  # a happening is one row, however many sentences tell of it
    russia = [r for r in rows if r["relation"] == "visited" and r["object"] == "Russia"]
    assert russia and int(russia[0]["reports"]) >= 2 and russia[0]["languages"]
    assert all(r["modality"] in {"Asserted", "Planned"} and int(r["reports"]) >= int(r["articles"]) >= 1
               for r in rows)
    assert keys == sorted(keys, key=lambda k: k[0])  # oldest first


def test_actor_relations_of_mirziyoyev_over_time(store) -> None:
    rows = run(store, "actor-relations", "actor=Мирзиёев")
    facts = {(r["subject"], r["relation"], r["object"]) for r in rows}
    assert ("Shavkat Mirziyoyev", "leaderOf", "Uzbekistan") in facts
    assert ("Shavkat Mirziyoyev", "invitedTo", "G20") in facts
    assert all("Shavkat Mirziyoyev" in (r["subject"], r["object"]) for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {r["lang"] for r in rows} == {"kk", "ru"}
    assert all(r["article"] and r["evidence"] for r in rows)


def test_partners_of_kazakhstan(store) -> None:
    rows = run(store, "partners", "actor=Kazakhstan")
    pairs = {(r["partner"], r["relation"]) for r in rows}
    assert ("United States", "cooperatesWith") in pairs
    assert {"China", "Russia"} <= {p for p, _ in pairs}
    assert "Kazakhstan" not in {p for p, _ in pairs}
    assert {r["relation"] for r in rows} <= {"cooperatesWith", "competesWith"}
    counts = [int(r["sentences"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    us = next(r for r in rows if r["partner"] == "United States" and r["relation"] == "cooperatesWith")
    assert int(us["articles"]) >= 2 and us["first"] <= us["last"]


def test_actors_by_sources(seeds_build, store) -> None:
    rows = run(store, "actors-by-sources")
    n_articles = len(seeds_build.result.articles)
    top = {r["actor"] for r in rows if int(r["sources"]) == n_articles}
    assert {"country_kz", "tokayev"} <= top
    sources = [int(r["sources"]) for r in rows]
    assert sources == sorted(sources, reverse=True) and max(sources) == n_articles
    people = run(store, "actors-by-sources", "type=kgo:Person")
    assert people[0]["actor"] == "tokayev" and {r["class"] for r in people} == {"Person"}
    assert {"trump", "mirziyoyev"} <= {r["actor"] for r in people}


def test_expert_statements(store) -> None:
    rows = run(store, "expert-statements")
    experts = {r["expert_name"] for r in rows}
    assert "Vali Alibayov" in experts
    assert not experts & {"Kassym-Jomart Tokayev", "Donald Trump", "Shavkat Mirziyoyev"}  # leaders, not experts
    alibayov = [r for r in rows if r["expert_name"] == "Vali Alibayov"]
    assert ("China", "cooperatesWith", "Kazakhstan") in {(r["subject"], r["relation"], r["object"]) for r in alibayov}
    assert all("Алибайов" in r["evidence"] for r in alibayov)
    only = run(store, "expert-statements", "expert=Alibayov")
    assert only and {r["expert_name"] for r in only} == {"Vali Alibayov"}


def test_bilingual(store) -> None:
    rows = run(store, "bilingual")
    facts = {(r["subject"], r["relation"], r["object"]): r for r in rows}
    invited = facts[("Donald Trump", "invited", "Kassym-Jomart Tokayev")]
    assert sorted(invited["languages"].split()) == ["kk", "ru"]
    assert int(invited["articles"]) == 2
    assert ("Kassym-Jomart Tokayev", "invitedTo", "G20") in facts
    assert all(len(r["languages"].split()) >= 2 for r in rows)


def test_saved_query_formats_and_table(store) -> None:
    res = CliRunner().invoke(app, ["query", str(store), "bilingual", "-f", "srj"], env=WIDE)
    doc = json.loads(res.stdout)
    assert doc["head"]["vars"][:3] == ["subject", "relation", "object"]
    assert doc["results"]["bindings"][0]["subject"]["type"] == "literal"
    tsv = CliRunner().invoke(app, ["query", str(store), "bilingual", "-f", "tsv"], env=WIDE).stdout
    assert tsv.splitlines()[0].split("\t")[:3] == ["?subject", "?relation", "?object"]
    table = CliRunner().invoke(app, ["query", str(store), "who-invited", "--bind", "actor=Trump"], env=WIDE)
    assert table.exit_code == 0 and "Donald Trump" in table.stdout and table.stdout.rstrip().endswith("rows")


def test_a_binding_that_names_no_actor_is_an_error(store) -> None:
    res = CliRunner().invoke(app, ["query", str(store), "partners", "--bind", "actor=Atlantis Nowhere"], env=WIDE)
    assert res.exit_code == 1
    assert "matches no actor" in res.stderr
    res = CliRunner().invoke(app, ["query", str(store), "partners", "--bind", "actor"], env=WIDE)
    assert res.exit_code == 1 and "name=value" in res.stderr


def test_saved_queries_run_on_a_graph_file_too(seeds_build, store) -> None:
    assert run(seeds_build.ttl, "bilingual") == run(store, "bilingual")


@pytest.mark.parametrize(("typo", "close"), [("who-invted", "who-invited"), ("partner", "partners"),
                                              ("bilingal", "bilingual"), ("who invited", "who-invited"),
                                              ("Actor relations", "actor-relations")])
def test_a_mistyped_saved_query_name_names_the_close_ones(store, typo: str, close: str) -> None:
    res = CliRunner().invoke(app, ["query", str(store), typo], env=WIDE)
    assert res.exit_code == 1
    assert f"no saved query is named {typo!r}" in res.stderr and close in res.stderr
    assert "SyntaxError" not in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_describe_needs_no_braces_and_is_still_sparql(store) -> None:
    res = CliRunner().invoke(app, ["query", str(store), "DESCRIBE ex:actor\\/tokayev"], env=WIDE)
    assert res.exit_code == 0, res.output
    assert "Tokayev" in res.stdout


def test_a_name_close_to_no_saved_query_points_to_the_list(store) -> None:
    res = CliRunner().invoke(app, ["query", str(store), "zzzz"], env=WIDE)
    assert res.exit_code == 1
    assert "no saved query is named 'zzzz'" in res.stderr and "--list" in res.stderr


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_every_saved_query_answers_alike_from_the_store_and_the_graph_files(seeds_build, store, name: str) -> None:
    """A researcher gets the same rows whichever the query reads: the store, graph.ttl or graph.trig."""
    q = saved_queries()[name]
    binds = ["actor=Kazakhstan"] if "actor" in q.params else []
    answers = [run(source, name, *binds) for source in (store, seeds_build.ttl, seeds_build.trig)]
    assert answers[0], name
    as_sets = [sorted(tuple(sorted(row.items())) for row in rows) for rows in answers]
    assert as_sets[0] == as_sets[1] == as_sets[2], name


def test_a_sentence_that_only_supposes_or_denies_supports_nothing_a_saved_query_counts(seeds_build, tmp_path) -> None:
    """ONTOLOGY: a hypothetical or denied mention asserts nothing, so no saved query may count or list it."""
    import rdflib
    from rdflib.namespace import RDF

    from kg.namespaces import EX, KGO

    g = rdflib.Graph()
    g.parse(seeds_build.ttl)

    def mentions(rel: str, a: str, b: str) -> list:
        ends = {EX[f"actor/{a}"], EX[f"actor/{b}"]}
        return [m for m in g.subjects(RDF.predicate, KGO[rel])
                if {g.value(m, RDF.subject), g.value(m, RDF.object)} == ends]

    before = {name: run(seeds_build.ttl, name, *binds) for name, binds in [
        ("who-invited", ("actor=Tokayev",)), ("partners", ("actor=Kazakhstan",)), ("bilingual", ()),
        ("actor-relations", ("actor=Trump",))]}
    invited, partners = mentions("invited", "trump", "tokayev"), mentions("cooperatesWith", "country_kz", "country_us")
    assert invited and partners
    for m, modality in [*((m, KGO.Denied) for m in invited), *((m, KGO.Hypothetical) for m in partners)]:
        g.set((m, KGO.modality, modality))
    changed = tmp_path / "graph.ttl"
    g.serialize(changed, format="turtle")

    def trump_invited(rows: list[dict[str, str]]) -> list:
        return [r for r in rows if r.get("inviter", r.get("subject")) == "Donald Trump"
                and r.get("invitee", r.get("object")) == "Kassym-Jomart Tokayev"
                and r.get("relation", "invited") == "invited"]

    assert trump_invited(before["who-invited"]) and not trump_invited(run(changed, "who-invited", "actor=Tokayev"))
    assert trump_invited(before["actor-relations"])
    assert not trump_invited(run(changed, "actor-relations", "actor=Trump"))
    us = [r for r in before["partners"] if (r["partner"], r["relation"]) == ("United States", "cooperatesWith")]
    assert us and not [r for r in run(changed, "partners", "actor=Kazakhstan")
                       if (r["partner"], r["relation"]) == ("United States", "cooperatesWith")]
    assert trump_invited(before["bilingual"]) and not trump_invited(run(changed, "bilingual"))


def test_the_list_of_saved_queries_fits_80_columns(store) -> None:
    res = CliRunner().invoke(app, ["query", str(store), "--list"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80 and all(line == line.rstrip() for line in lines)
    for name, q in saved_queries().items():
        (head,) = [line for line in lines if line.startswith(f"{name}  bindings: ")]
        assert all(p in head for p in q.params)
    assert sum(line.startswith("    ") for line in lines) > len(saved_queries())  # the descriptions, folded
