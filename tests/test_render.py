"""Render stage, pure part: RDF graph -> View -> HTML text, checked without a browser.

The fixture graph below is written for these tests (public figures' names, sentences of our own);
`tests/test_render_browser.py` imports the same factories.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import random
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg import paths
from kg.errors import GraphError, KgError, RenderError
from kg.languages import CODES
from kg.render import (
    CLASSES,
    RELATIONS,
    SYMMETRIC,
    View,
    graph_to_view,
    html_document,
    interface_strings,
    render,
    view_json,
    write_html,
)

KGO = rdflib.Namespace("https://w3id.org/kgpol/ontology#")
EX = rdflib.Namespace("https://w3id.org/kgpol/id/")

# The hostile payload sets a window flag if it ever runs, and its <img> would request "x".
HOSTILE = (
    '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> "></div> & <b>bold</b> </script><!--'
)
HOSTILE_NAME = 'Mr <script>window.__pwned=3</script> "></div> <img src=x onerror="window.__pwned=4">'

ACTORS = {
    # slug: (class, {lang: label}, alt labels)
    "tokayev": (
        "Person",
        {"kk": "Қасым-Жомарт Тоқаев", "ru": "Касым-Жомарт Токаев", "en": "Kassym-Jomart Tokayev"},
        [("Тоқаев", "kk"), ("Токаев", "ru")],
    ),
    "trump": ("Person", {"kk": "Дональд Трамп", "ru": "Дональд Трамп", "en": "Donald Trump"}, []),
    "mirziyoyev": (
        "Person",
        {"kk": "Шавкат Мирзиёев", "ru": "Шавкат Мирзиёев", "en": "Shavkat Mirziyoyev"},
        [("Мирзиёевтің", "kk")],
    ),
    "kazakhstan": ("Country", {"kk": "Қазақстан", "ru": "Казахстан", "en": "Kazakhstan"}, [("РК", "ru")]),
    "usa": ("Country", {"kk": "АҚШ", "ru": "США", "en": "United States"}, [("Америка", "ru")]),
    "uzbekistan": ("Country", {"kk": "Өзбекстан", "ru": "Узбекистан"}, []),  # no en: fallback
    "un": ("Organization", {"kk": "БҰҰ", "ru": "ООН", "en": "United Nations"}, []),
    "g20": ("Organization", {"en": "G20"}, [("Үлкен жиырмалық", "kk"), ("Большая двадцатка", "ru")]),
    "kazinform": ("Organization", {"en": "Kazinform"}, []),  # no relation at all
    "summit": ("Event", {"en": "G20 summit in Miami", "ru": "Саммит G20 в Майами"}, []),
    "central_asia": ("Region", {"kk": "Орталық Азия", "ru": "Центральная Азия", "en": "Central Asia"}, []),
    "astana": ("Place", {"kk": "Астана", "ru": "Астана", "en": "Astana"}, []),
    "middle_corridor": ("Project", {"ru": "Средний коридор", "en": "Middle Corridor"}, []),
    "hostile": ("Person", {"en": HOSTILE_NAME}, [("<svg onload=alert(1)>", "ru")]),
}

ARTICLES = {
    # id: (date, language)
    "kk_0001": ("2025-09-01", "kk"),
    "ru_0002": ("2025-10-15", "ru"),
    "ru_0004": ("2025-11-05", "ru"),
    "kk_0003": ("2025-12-25", "kk"),
}

# (subject, relation, object, [(article, evidence[, confidence])]); an empty list is a relation asserted with
# no mention; a mention's confidence is 0.90 unless given.
RELATION_ROWS = [
    (
        "trump",
        "invited",
        "tokayev",
        [
            ("kk_0001", "Дональд Трамп Қасым-Жомарт Тоқаевты саммитке шақырды."),
            ("kk_0003", "Трамп Тоқаевты тағы да шақырды.", "0.60"),
        ],
    ),
    ("tokayev", "invitedTo", "summit", [("kk_0001", "Тоқаев саммитке шақырылды.")]),
    ("tokayev", "visited", "usa", [("ru_0002", "Касым-Жомарт Токаев посетил США с визитом.", "0.55")]),
    ("mirziyoyev", "metWith", "tokayev", [("ru_0002", "Токаев встретился с Мирзиёевым.")]),
    # The same symmetric relation stated the other way round: must merge into one edge.
    ("tokayev", "metWith", "mirziyoyev", [("kk_0003", "Тоқаев пен Мирзиёев кездесті.")]),
    ("kazakhstan", "cooperatesWith", "uzbekistan", [("kk_0003", "Қазақстан мен Өзбекстан ынтымақтасады.")]),
    ("kazakhstan", "tradesWith", "usa", [("kk_0001", "Қазақстан мен АҚШ арасындағы сауда өсті.")]),
    (
        "tokayev",
        "leaderOf",
        "kazakhstan",
        [
            ("kk_0001", "Қазақстан Президенті Тоқаев сөз сөйледі."),
            ("ru_0002", "Президент Казахстана Токаев выступил."),
            ("kk_0003", "Мемлекет басшысы Тоқаев мәлімдеді."),
        ],
    ),
    ("kazakhstan", "memberOf", "un", [("ru_0002", "Казахстан является членом ООН.")]),
    ("usa", "memberOf", "g20", [("ru_0002", "США входят в Большую двадцатку.")]),
    ("astana", "locatedIn", "kazakhstan", []),
    ("usa", "hosts", "summit", [("kk_0003", "Саммит АҚШ-та өтеді.")]),
    ("kazakhstan", "supports", "middle_corridor", [("kk_0003", "Қазақстан Орта дәлізді қолдайды.")]),
    ("uzbekistan", "locatedIn", "central_asia", [("kk_0001", "Өзбекстан Орталық Азияда орналасқан.")]),
    ("hostile", "affiliatedWith", "kazakhstan", [("ru_0004", HOSTILE)]),
]


def _add_actor(g: rdflib.Graph, slug: str, cls: str, labels: dict[str, str], alts) -> rdflib.URIRef:
    node = EX[f"actor/{slug}"]
    g.add((node, RDF.type, KGO[cls]))
    for lang, text in labels.items():
        g.add((node, RDFS.label, rdflib.Literal(text, lang=lang)))
    for text, lang in alts:
        g.add((node, SKOS.altLabel, rdflib.Literal(text, lang=lang)))
    return node


def _add_article(g: rdflib.Graph, ident: str, date: str, lang: str) -> rdflib.URIRef:
    node = EX[f"article/{ident}"]
    g.add((node, RDF.type, KGO.Article))
    g.add((node, DCTERMS.identifier, rdflib.Literal(ident)))
    g.add((node, DCTERMS.date, rdflib.Literal(date, datatype=rdflib.namespace.XSD.date)))
    g.add((node, DCTERMS.language, rdflib.Literal(lang)))
    return node


def _add_mention(g, key: str, s, rel: str, o, article, evidence: str, lang: str, start: int = 0,
                 confidence: str = "0.90") -> None:
    m = EX[f"mention/{key}"]
    g.add((m, RDF.type, KGO.Mention))
    g.add((m, RDF.type, RDF.Statement))
    g.add((m, RDF.subject, s))
    g.add((m, RDF.predicate, KGO[rel]))
    g.add((m, RDF.object, o))
    g.add((m, PROV.wasDerivedFrom, article))
    g.add((m, KGO.evidence, rdflib.Literal(evidence, lang=lang)))
    g.add((m, KGO.charStart, rdflib.Literal(start)))
    g.add((m, KGO.charEnd, rdflib.Literal(start + len(evidence))))
    # xsd:decimal with two places, as kg.graph writes it
    g.add((m, KGO.confidence, rdflib.Literal(Decimal(confidence), datatype=rdflib.namespace.XSD.decimal)))
    g.add((m, KGO.extractor, rdflib.Literal("test-fixture")))


def make_fixture_graph() -> rdflib.Graph:
    """Return a small graph with every class, kk/ru/en labels, two source languages and a hostile article."""
    g = rdflib.Graph()
    g.bind("kgo", KGO)
    g.bind("ex", EX)
    nodes = {slug: _add_actor(g, slug, *spec) for slug, spec in ACTORS.items()}
    articles = {ident: _add_article(g, ident, *spec) for ident, spec in ARTICLES.items()}
    n = 0
    for s, rel, o, mentions in RELATION_ROWS:
        g.add((nodes[s], KGO[rel], nodes[o]))
        for article, evidence, *confidence in mentions:
            n += 1
            lang = ARTICLES[article][1]
            _add_mention(g, f"{n:04x}", nodes[s], rel, nodes[o], articles[article], evidence, lang, 10 * n,
                         *confidence)
    return g


# Modality, speakers and happenings (ONTOLOGY.md, "Modality, attribution and happenings") over the fixture graph.
SPEAKER = ("peskov", ("Person", {"kk": "Дмитрий Песков", "ru": "Дмитрий Песков", "en": "Dmitry Peskov"}, []))
# (subject, relation, object, article, evidence, modality, confidence): relations no sentence of the fixture states
MODAL_ROWS = [
    ("tokayev", "visited", "uzbekistan", "ru_0004", "Токаев посетит Узбекистан в декабре.", "Planned", "0.90"),
    ("trump", "visited", "kazakhstan", "kk_0003", "Трамп Қазақстанға келуі мүмкін.", "Hypothetical", "0.60"),
    ("mirziyoyev", "visited", "usa", "ru_0004", "Мирзиёев не посещал США.", "Denied", "0.90"),
    # a hypothetical sentence beside an asserted one (read at 0.55): above 0.55 only it is left
    ("tokayev", "visited", "usa", "kk_0003", "Тоқаев АҚШ-қа тағы баруы мүмкін.", "Hypothetical", "0.90"),
    ("mirziyoyev", "negotiatesWith", "tokayev", "ru_0002", "Стороны провели переговоры.", "Asserted", "0.90"),
]
# happening slug -> (date, datatype, from the report's date, place, part of, the evidence of the sentences reporting it)
HAPPENINGS = {
    "meeting": ("2025-10-14", "date", False, "astana", None,
                ["Токаев встретился с Мирзиёевым.", "Тоқаев пен Мирзиёев кездесті."]),
    "talks": ("2025-10-14", "date", False, None, "meeting", ["Стороны провели переговоры."]),
    "invitation": ("2025-09-01", "date", True, None, None, ["Дональд Трамп Қасым-Жомарт Тоқаевты саммитке шақырды."]),
    "visit": ("2025-12", "gYearMonth", False, None, None, ["Токаев посетит Узбекистан в декабре."]),
}
# evidence -> speaker slug
SPEAKERS = {"Трамп Тоқаевты тағы да шақырды.": "peskov", "Токаев посетит Узбекистан в декабре.": "tokayev"}


def _mention_of(g: rdflib.Graph, evidence: str) -> rdflib.term.Node:
    (m,) = [m for m, text in g.subject_objects(KGO.evidence) if str(text) == evidence]
    return m


def make_modal_graph() -> rdflib.Graph:
    """The fixture graph with a planned-only, a hypothetical-only and a denied-only relation, speakers and happenings.

    As kg.graph writes them: only an Asserted or Planned sentence asserts its relation, an Asserted one carries
    no kgo:modality, and happenings are reported by the sentences that assert them.
    """
    g = make_fixture_graph()
    slug, spec = SPEAKER
    _add_actor(g, slug, *spec)
    for n, (s, rel, o, article, evidence, modality, confidence) in enumerate(MODAL_ROWS):
        subject, obj = EX[f"actor/{s}"], EX[f"actor/{o}"]
        if modality in ("Asserted", "Planned"):
            g.add((subject, KGO[rel], obj))
        _add_mention(g, f"m{n:03x}", subject, rel, obj, EX[f"article/{article}"], evidence, ARTICLES[article][1],
                     1000 + 10 * n, confidence)
        if modality != "Asserted":
            g.add((_mention_of(g, evidence), KGO.modality, KGO[modality]))
    for evidence, speaker in SPEAKERS.items():
        g.add((_mention_of(g, evidence), PROV.wasAttributedTo, EX[f"actor/{speaker}"]))
    for slug, (date, kind, from_report, place, part_of, evidences) in HAPPENINGS.items():
        h = EX[f"happening/{slug}"]
        g.add((h, RDF.type, KGO.Happening))
        g.add((h, KGO.date, rdflib.Literal(date, datatype=rdflib.namespace.XSD[kind])))
        if from_report:
            g.add((h, KGO.dateFromReport, rdflib.Literal(True)))
        if place:
            g.add((h, KGO.place, EX[f"actor/{place}"]))
        if part_of:
            g.add((h, KGO.partOf, EX[f"happening/{part_of}"]))
        for evidence in evidences:
            m = _mention_of(g, evidence)
            g.add((m, KGO.reports, h))
            if (h, RDF.subject, None) not in g:  # a symmetric relation's happening names its actors once
                for p in (RDF.subject, RDF.predicate, RDF.object):
                    g.add((h, p, g.value(m, p)))
    return g


def make_synthetic_graph(n_actors: int = 2000, n_relations: int = 10000, seed: int = 5) -> rdflib.Graph:
    """Return a random graph of `n_actors` actors and `n_relations` distinct relations, one mention each."""
    rng = random.Random(seed)
    classes = ["Person", "Country", "Organization", "Place", "Region", "Event", "Project"]
    g = rdflib.Graph()
    actors = []
    for i in range(n_actors):
        labels = {"en": f"Actor {i}", "ru": f"Актор {i}"}
        if i % 3:
            labels["kk"] = f"Актер {i}"
        actors.append(_add_actor(g, f"a{i}", classes[i % len(classes)], labels, []))
    articles = []
    for i in range(60):
        lang = "kk" if i % 2 else "ru"
        date = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
        articles.append((_add_article(g, f"syn_{i:03d}", date, lang), lang))
    seen: set[tuple[int, str, int]] = set()
    # Preferential attachment-ish: low ids get more relations, so centralities differ.
    while len(seen) < n_relations:
        a = int(rng.paretovariate(0.8)) % n_actors
        b = rng.randrange(n_actors)
        rel = rng.choice(RELATIONS)
        if a == b:
            continue
        key = (min(a, b), rel, max(a, b)) if rel in SYMMETRIC else (a, rel, b)
        if key in seen:
            continue
        seen.add(key)
        article, lang = rng.choice(articles)
        g.add((actors[a], KGO[rel], actors[b]))
        n = len(seen)
        _add_mention(g, f"s{n:05x}", actors[a], rel, actors[b], article, f"Sentence {n}.", lang)
    return g


class _StartTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        self.seen.add(tag)
        self.scripts += tag == "script"


@pytest.fixture(scope="module")
def fixture_view() -> View:
    return graph_to_view(make_fixture_graph())


def _node(view: View, slug: str):
    return next(n for n in view.nodes if n.id == str(EX[f"actor/{slug}"]))


def _edges(view: View, relation: str):
    return [e for e in view.edges if e.relation == relation]


def test_every_actor_is_a_node_with_its_labels_names_and_class(fixture_view: View) -> None:
    assert len(fixture_view.nodes) == len(ACTORS)
    tokayev = _node(fixture_view, "tokayev")
    assert tokayev.type == "Person"
    assert tokayev.labels == ACTORS["tokayev"][1]
    assert {"Тоқаев", "Токаев", "Kassym-Jomart Tokayev"} <= set(tokayev.names)
    assert _node(fixture_view, "central_asia").type == "Region"
    assert _node(fixture_view, "uzbekistan").labels == {"kk": "Өзбекстан", "ru": "Узбекистан"}
    assert _node(fixture_view, "kazinform").centrality["degree"] == 0.0


def test_edges_carry_relation_width_and_every_mention(fixture_view: View) -> None:
    (invited,) = _edges(fixture_view, "invited")
    assert invited.source.endswith("/trump") and invited.target.endswith("/tokayev")
    assert invited.width == 2
    assert [(m.article_id, m.date, m.lang) for m in invited.mentions] == [
        ("kk_0001", "2025-09-01", "kk"),
        ("kk_0003", "2025-12-25", "kk"),
    ]
    assert invited.mentions[0].evidence.startswith("Дональд Трамп")
    assert invited.mentions[0].confidence == pytest.approx(0.9)
    # the page's data carries it too (it was null for the xsd:decimal that kg.graph writes)
    (data,) = [e for e in json.loads(view_json(fixture_view))["edges"] if e["id"] == invited.id]
    assert [m["confidence"] for m in data["mentions"]] == [0.9, 0.6]
    assert invited.mentions[0].extractor == "test-fixture"
    (located,) = [e for e in _edges(fixture_view, "locatedIn") if e.source.endswith("/astana")]
    assert located.width == 0 and located.mentions == ()


def test_symmetric_relation_stated_both_ways_is_one_edge_with_both_mentions(fixture_view: View) -> None:
    (met,) = _edges(fixture_view, "metWith")
    assert met.symmetric and met.width == 2
    assert {m.lang for m in met.mentions} == {"kk", "ru"}
    assert not _edges(fixture_view, "invited")[0].symmetric


def test_metadata_lists_dates_relations_classes_and_languages(fixture_view: View) -> None:
    meta = fixture_view.meta
    assert (meta.date_min, meta.date_max) == ("2025-09-01", "2025-12-25")
    assert meta.dates == tuple(sorted(d for d, _ in ARTICLES.values()))
    assert set(meta.relations) == {r for _, r, _, _ in RELATION_ROWS}
    assert set(meta.classes) == {"Person", "Country", "Organization", "Event", "Region", "Place", "Project"}
    assert meta.languages == ("kk", "ru")
    assert meta.confidences == (0.55, 0.6, 0.9)  # the stops of the confidence slider
    assert not meta.truncated
    assert meta.total_nodes == len(ACTORS)
    assert meta.total_edges == len(RELATION_ROWS) - 1  # metWith given both ways is one edge


@pytest.mark.parametrize("measure", ["degree", "pagerank", "betweenness"])
def test_size_follows_the_chosen_centrality(measure: str) -> None:
    view = graph_to_view(make_fixture_graph(), size_by=measure)
    by_value = sorted(view.nodes, key=lambda n: n.centrality[measure])
    assert by_value[-1].size > by_value[0].size
    assert all(a.size <= b.size for a, b in itertools.pairwise(by_value))
    # The most central actor of this graph, whatever the measure, is Kazakhstan or Tokayev.
    assert by_value[-1].id.rsplit("/", 1)[-1] in {"kazakhstan", "tokayev"}
    assert view.meta.size_by == measure


def test_by_default_the_actor_in_most_relations_is_drawn_largest() -> None:
    # A president who visits five countries and is the object of no relation: PageRank over the
    # directed relations made him the smallest actor of the page.
    g = rdflib.Graph()
    president = _add_actor(g, "president", "Person", {"en": "President"}, [])
    for i in range(5):
        g.add((president, KGO.visited, _add_actor(g, f"state{i}", "Country", {"en": f"State {i}"}, [])))
    view = graph_to_view(g)
    assert view.meta.size_by == "degree"
    sizes = {n.id.rsplit("/", 1)[-1]: n.size for n in view.nodes}
    assert sizes["president"] == max(sizes.values()) > sizes["state0"]


def test_truncation_keeps_the_top_n_by_centrality_and_drops_dangling_edges() -> None:
    full = graph_to_view(make_fixture_graph(), size_by="degree")
    view = graph_to_view(make_fixture_graph(), size_by="degree", max_nodes=4)
    assert view.meta.truncated and len(view.nodes) == 4
    assert view.meta.total_nodes == len(ACTORS) and view.meta.total_edges == len(full.edges)
    kept = {n.id for n in view.nodes}
    top = sorted(full.nodes, key=lambda n: (-n.centrality["degree"], n.id))[:4]
    assert kept == {n.id for n in top}
    assert view.edges and all(e.source in kept and e.target in kept for e in view.edges)


def _ontology_labels(name: str) -> dict[str, str]:
    onto = rdflib.Graph().parse(paths.ontology_file(), format="turtle")
    return {lit.language: str(lit) for lit in onto.objects(KGO[name], RDFS.label)}


def test_relation_and_class_names_are_the_ontology_labels_in_every_language(fixture_view: View) -> None:
    meta = fixture_view.meta
    assert set(meta.relation_labels) == set(RELATIONS) and set(meta.class_labels) == set(CLASSES)
    for name, labels in [*meta.relation_labels.items(), *meta.class_labels.items()]:
        assert labels == {code: _ontology_labels(name)[code] for code in CODES}, name
    assert meta.relation_labels["invitedTo"]["kk"] == "шақырылды"
    data = json.loads(view_json(fixture_view))["meta"]
    assert data["relationLabels"]["metWith"]["ru"] == "встретился с" and data["classLabels"]["Region"]["kk"] == "өңір"


def test_relation_names_are_read_from_the_ontology_when_the_page_is_made(tmp_path: Path, monkeypatch) -> None:
    text = paths.ontology_file().read_text(encoding="utf-8").replace('"шақырды"@kk', '"шақырып отыр"@kk')
    (tmp_path / "kg.ttl").write_text(text, encoding="utf-8")
    monkeypatch.setattr(paths, "ontology_file", lambda: tmp_path / "kg.ttl")
    assert graph_to_view(make_fixture_graph()).meta.relation_labels["invited"]["kk"] == "шақырып отыр"


def test_the_interface_strings_say_the_same_in_every_language() -> None:
    table = json.loads(Path(paths.__file__).with_name("render_assets").joinpath("interface.json").read_text("utf-8"))
    assert set(table) == set(CODES)  # the languages of kg.languages, no other
    strings = interface_strings()
    assert list(strings) == list(CODES)
    keys = set(strings[CODES[0]])

    def slots(value) -> set[str]:
        texts = value.values() if isinstance(value, dict) else [value]
        return {tuple(sorted(re.findall(r"{(\w+)}", t))) for t in texts}

    for code in CODES:
        assert set(strings[code]) == keys, code
        for key, value in strings[code].items():
            assert value, (code, key)
            assert slots(value) == slots(strings[CODES[0]][key]), (code, key)  # the same {slots} to fill
            if isinstance(value, dict):
                assert "other" in value, (code, key)  # the plural form every language has


def test_unknown_options_raise_render_error() -> None:
    with pytest.raises(RenderError, match="centrality"):
        graph_to_view(rdflib.Graph(), size_by="eigen")
    with pytest.raises(KgError, match="label language"):
        graph_to_view(rdflib.Graph(), lang="de")


def test_empty_graph_gives_an_empty_view_and_a_page() -> None:
    view = graph_to_view(rdflib.Graph())
    assert view.nodes == () and view.edges == () and view.meta.dates == ()
    assert "kg-data" in html_document(view)


def test_conversion_is_deterministic() -> None:
    assert view_json(graph_to_view(make_fixture_graph())) == view_json(graph_to_view(make_fixture_graph()))


def test_json_block_escapes_markup_and_round_trips(fixture_view: View) -> None:
    text = view_json(fixture_view)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003cscript\\u003e" in text
    assert "w3id.org/kgpol/id/" not in text and '"ex:actor/tokayev"' in text  # ids are compacted
    data = json.loads(text)
    evidences = [m["evidence"] for e in data["edges"] for m in e["mentions"]]
    assert HOSTILE in evidences
    assert any(HOSTILE_NAME in n["labels"].values() for n in data["nodes"])


def test_page_is_self_contained_and_holds_no_raw_payload(tmp_path: Path) -> None:
    out = tmp_path / "graph.html"
    view = render(make_fixture_graph(), out)
    html = out.read_text(encoding="utf-8")
    assert len(view.nodes) == len(ACTORS)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|\.\./|\./|lib/)""", html, re.I)
    assert "node_modules" not in html and "cdn" not in html.lower()
    assert not re.search(r"<(link|iframe|object|embed|img|base)\b", html, re.I)
    # Every <script> is inline: no src attribute at all.
    assert not re.search(r"<script[^>]*\bsrc\b", html, re.I)
    assert "window.__pwned" in html  # the payload is there, but only in escaped JSON
    for raw in ("<script>window.__pwned", '<img src=x onerror="window.__pwned', '"></div> & <b>', HOSTILE):
        assert raw not in html
    # An HTML parser sees exactly the template's scripts (the data, the interface's words, vis-network,
    # the page's own four) and no element from the data.
    tags = _StartTags()
    tags.feed(html)
    assert tags.scripts == 7
    assert not tags.seen & {"img", "svg", "b", "iframe", "link", "object", "embed"}
    # The vis-network library really is inlined.
    assert "vis-network" in html and len(html) > 400_000


def test_render_reads_a_turtle_file(tmp_path: Path) -> None:
    ttl = tmp_path / "graph.ttl"
    make_fixture_graph().serialize(ttl, format="turtle")
    view = render(ttl, tmp_path / "out" / "graph.html", lang="kk", size_by="degree")
    assert (tmp_path / "out" / "graph.html").is_file()
    assert view.meta.label_lang == "kk" and len(view.edges) == len(RELATION_ROWS) - 1


def test_missing_or_broken_graph_file_raises_graph_error(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="not found"):
        render(tmp_path / "nope.ttl", tmp_path / "x.html")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<<", encoding="utf-8")
    with pytest.raises(GraphError, match="cannot read"):
        render(bad, tmp_path / "x.html")


def test_write_html_writes_the_document(tmp_path: Path, fixture_view: View) -> None:
    out = tmp_path / "sub" / "g.html"
    write_html(fixture_view, out)
    assert out.read_text(encoding="utf-8") == html_document(fixture_view)


@pytest.mark.slow
def test_synthetic_graph_converts_and_truncates() -> None:
    # how long it takes is bench/bench_browser.py's to measure, not a test's
    graph = make_synthetic_graph()
    view = graph_to_view(graph, max_nodes=500)
    assert view.meta.total_nodes == 2000 and view.meta.total_edges == 10000
    assert view.meta.truncated and len(view.nodes) == 500


class _Scripts(HTMLParser):
    """The page's Content-Security-Policy and the text of each script element, as an HTML parser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.csp = ""
        self.scripts: list[tuple[str, str]] = []  # (type attribute, text)
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = a.get("content") or ""
        if tag == "script":
            self._open, self._text = a.get("type") or "", []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.scripts.append((self._open, "".join(self._text)))
            self._open = None


def test_the_csp_allows_exactly_the_page_scripts_by_hash(fixture_view: View) -> None:
    page = _Scripts()
    page.feed(html_document(fixture_view))
    directives = {d.split()[0]: d.split()[1:] for d in page.csp.split(";") if d.strip()}
    runnable = [text for kind, text in page.scripts if kind in ("", "text/javascript")]
    assert len(runnable) == 5  # vis-network and the page's own scripts; the JSON data blocks never run
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() + "'" for t in runnable}
    assert set(directives["script-src"]) == hashes  # no 'unsafe-inline', no 'unsafe-eval', no scheme or host
    assert directives["default-src"] == ["'none'"] and directives["connect-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"] and directives["form-action"] == ["'none'"]


@pytest.fixture(scope="module")
def modal_view() -> View:
    return graph_to_view(make_modal_graph())


def _edge(view: View, s: str, relation: str, o: str):
    (edge,) = [e for e in view.edges if e.relation == relation and {e.source, e.target} == {str(EX[f"actor/{s}"]),
                                                                                           str(EX[f"actor/{o}"])}]
    return edge


def _mention(view: View, evidence: str):
    (m,) = [m for e in view.edges for m in e.mentions if m.evidence == evidence]
    return m


def test_each_mention_carries_its_modality_speaker_and_happening(modal_view: View) -> None:
    planned = _mention(modal_view, "Токаев посетит Узбекистан в декабре.")
    assert planned.modality == "Planned" and planned.speaker == str(EX["actor/tokayev"])
    assert planned.happening is not None
    assert (planned.happening.id, planned.happening.date, planned.happening.from_report) == (
        str(EX["happening/visit"]), "2025-12", False)
    assert _mention(modal_view, "Мирзиёев не посещал США.").modality == "Denied"
    # a mention without kgo:modality is asserted; one that reports nothing has no happening
    plain = _mention(modal_view, "Қазақстан Президенті Тоқаев сөз сөйледі.")
    assert (plain.modality, plain.speaker, plain.happening) == ("Asserted", "", None)
    invitation = _mention(modal_view, "Дональд Трамп Қасым-Жомарт Тоқаевты саммитке шақырды.").happening
    assert (invitation.date, invitation.from_report) == ("2025-09-01", True)
    # one meeting, two reports in two languages; the talks are part of it; where it took place
    met = _edge(modal_view, "tokayev", "metWith", "mirziyoyev")
    assert {m.happening.id for m in met.mentions} == {str(EX["happening/meeting"])}
    assert met.mentions[0].happening.place == str(EX["actor/astana"])
    talks = _mention(modal_view, "Стороны провели переговоры.").happening
    assert talks.part_of == str(EX["happening/meeting"]) and talks.place == ""


def _part(mention: dict) -> dict:
    return {k: mention[k] for k in ("modality", "speaker", "happening")}


def test_the_pages_data_carries_modality_speaker_and_happening(modal_view: View) -> None:
    data = json.loads(view_json(modal_view))
    mentions = {m["evidence"]: m for e in data["edges"] for m in e["mentions"]}
    assert _part(mentions["Токаев посетит Узбекистан в декабре."]) == {
        "modality": "Planned",
        "speaker": "ex:actor/tokayev",
        "happening": {"id": "ex:happening/visit", "date": "2025-12", "fromReport": False, "place": None,
                      "partOf": None},
    }
    assert mentions["Тоқаев пен Мирзиёев кездесті."]["happening"]["place"] == "ex:actor/astana"
    assert mentions["Стороны провели переговоры."]["happening"]["partOf"] == "ex:happening/meeting"
    assert mentions["Трамп Тоқаевты тағы да шақырды."]["speaker"] == "ex:actor/peskov"
    assert _part(mentions["Мирзиёев не посещал США."]) == {"modality": "Denied", "speaker": None, "happening": None}
    # the page names speakers and places without another look at the graph, drawn or not
    assert data["mentionActors"]["ex:actor/peskov"] == ACTORS_WITH_SPEAKER["peskov"][1]
    assert data["mentionActors"]["ex:actor/astana"] == ACTORS["astana"][1]
    # and the modalities as the ontology labels them, in every language
    for modality in ("Asserted", "Planned", "Hypothetical", "Denied"):
        assert data["meta"]["modalityLabels"][modality] == {c: _ontology_labels(modality)[c] for c in CODES}


ACTORS_WITH_SPEAKER = {**ACTORS, SPEAKER[0]: SPEAKER[1]}


def test_an_edge_is_as_strong_as_its_strongest_sentence(modal_view: View, fixture_view: View) -> None:
    assert _edge(modal_view, "tokayev", "visited", "uzbekistan").modality == "Planned"
    assert _edge(modal_view, "trump", "visited", "kazakhstan").modality == "Hypothetical"
    assert _edge(modal_view, "mirziyoyev", "visited", "usa").modality == "Denied"
    mixed = _edge(modal_view, "tokayev", "visited", "usa")
    assert mixed.modality == "Asserted" and [m.modality for m in mixed.mentions] == ["Asserted", "Hypothetical"]
    assert _edge(fixture_view, "astana", "locatedIn", "kazakhstan").modality == "Asserted"  # no sentence at all
    # relations are what the graph asserts; the other two are counted apart
    assert modal_view.meta.total_edges == fixture_view.meta.total_edges + 2  # the planned visit, the talks
    assert modal_view.meta.total_unasserted == 2
    assert len(modal_view.edges) == modal_view.meta.total_edges + 2


def test_what_only_hypothetical_or_denied_sentences_tell_is_no_relation_for_centrality(modal_view: View) -> None:
    # Trump invited Tokayev; that he may visit Kazakhstan relates him to no one else
    assert _node(modal_view, "trump").centrality["degree"] == pytest.approx(1 / (len(ACTORS_WITH_SPEAKER) - 1),
                                                                            abs=1e-6)
