"""Render stage in a real browser: the HTML page driven in Debian's headless chromium through playwright.

Skipped (with the reason) when chromium or playwright is missing. The network is blocked: every
http(s)/ws request is aborted and recorded, and the tests assert that none was attempted.
Set KG_SCREENSHOT=path to also save the fixture graph's screenshot there (docs/graph.png).
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import rdflib

from kg.languages import LANGUAGES
from kg.namespaces import SYMMETRIC
from kg.render import View, compact_iri, graph_to_view, interface_strings, render, write_html

try:
    from tests.test_render import (
        ACTORS,
        ACTORS_WITH_SPEAKER,
        EX,
        HOSTILE,
        HOSTILE_NAME,
        make_fixture_graph,
        make_modal_graph,
        make_synthetic_graph,
    )
except ImportError:  # pytest's default import mode puts tests/ itself on sys.path
    from test_render import (
        ACTORS,
        ACTORS_WITH_SPEAKER,
        EX,
        HOSTILE,
        HOSTILE_NAME,
        make_fixture_graph,
        make_modal_graph,
        make_synthetic_graph,
    )

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Only a guard against a page that never settles, never a measure of speed (bench/bench_browser.py
# times the large graph): the tests wait for the page's own events.
HANG_MS = 600_000


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@dataclass
class Page:
    """A loaded page with what it logged, requested and tried to open."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, script: str, arg: object = None) -> object:
        return self.page.evaluate(script, arg)

    def assert_clean(self) -> None:
        assert self.console_errors == []
        assert self.blocked == []
        assert self.dialogs == []
        # Only the page itself, from file://; nothing relative, nothing remote.
        assert all(r.startswith(("file://", "data:", "about:", "blob:")) for r in self.requests), self.requests
        assert len([r for r in self.requests if r.startswith("file://")]) == 1, self.requests


def _open(browser, html: Path, *, viewport=(1400, 850)) -> Page:
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    result = Page(page)

    def _block(route) -> None:
        result.blocked.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(https?|wss?|ftp)://"), _block)
    page.on("console", lambda m: m.type == "error" and result.console_errors.append(m.text))
    page.on("pageerror", lambda e: result.console_errors.append(str(e)))
    page.on("request", lambda r: result.requests.append(r.url))
    page.on("dialog", lambda d: (result.dialogs.append(d.message), d.dismiss()))
    page.goto(html.resolve().as_uri())
    # The page marks its body once the physics has stopped (wait_for_function would evaluate a
    # string with eval, which the page's CSP forbids).
    page.wait_for_selector("body[data-stabilized=true]", state="attached", timeout=HANG_MS)
    return result


def _id(slug: str) -> str:
    return compact_iri(str(EX[f"actor/{slug}"]))


def _rendered(tmp_path_factory, folder: str, graph) -> tuple[Path, View]:
    out = tmp_path_factory.mktemp(folder) / "graph.html"
    return out, render(graph, out)


def _opened(browser, html: Path) -> Iterator[Page]:
    page = _open(browser, html)
    yield page
    page.page.context.close()


@pytest.fixture(scope="module")
def fixture_html(tmp_path_factory) -> tuple[Path, View]:
    return _rendered(tmp_path_factory, "render", make_fixture_graph())


@pytest.fixture()
def fixture_page(browser, fixture_html) -> Iterator[Page]:
    yield from _opened(browser, fixture_html[0])


def test_page_loads_offline_with_every_related_actor_drawn(fixture_page: Page, fixture_html) -> None:
    _, view = fixture_html
    fixture_page.assert_clean()
    assert fixture_page.js("kgView.nodes.length") == len(ACTORS)
    related = {e.source for e in view.edges} | {e.target for e in view.edges}
    assert {compact_iri(n) for n in related} == set(fixture_page.js("kgView.visibleNodeIds()"))
    assert fixture_page.js("kgView.visibleEdgeIds().length") == len(view.edges)
    # Physics is off once stable, so the layout stays put.
    assert fixture_page.js("kgView.network.physics.options.enabled") is False
    positions = fixture_page.js("Object.keys(kgView.network.getPositions()).length")
    assert positions == len(related)
    assert fixture_page.page.locator("#kg-banner").is_hidden()


# Wraps the network's focus so that the test can wait for the view to stop moving: vis-network
# says "animationFinished" after an animated focus; a focus without animation (a large graph's)
# has moved the view before it returns.
WATCH_FOCUS = """() => {
    const net = kgView.network;
    window.kgFocusDone = null;
    if (net.kgWatched) return;
    const focus = net.focus.bind(net);
    net.focus = (id, options) => {
        window.kgFocusDone = options && options.animation
            ? new Promise((done) => net.once("animationFinished", done)) : Promise.resolve();
        return focus(id, options);
    };
    net.kgWatched = true;
}"""


def _focus_by_search(page: Page, query: str) -> None:
    page.js(WATCH_FOCUS)
    page.page.fill("#kg-search", query)
    page.page.press("#kg-search", "Enter")


def _offset_from_centre(page: Page, node_id: str) -> float:
    """Return how far (px) the node is from the middle of the network once the focus animation has finished."""
    page.js("""(ms) => Promise.race([window.kgFocusDone, new Promise((_, fail) => setTimeout(
                () => fail(new Error("the focus animation never finished")), ms))])""", HANG_MS)
    box = page.page.locator("#kg-network").bounding_box()
    pos = page.js("(id) => kgView.network.canvasToDOM(kgView.network.getPositions([id])[id])", node_id)
    return max(abs(pos["x"] - box["width"] / 2), abs(pos["y"] - box["height"] / 2))


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("тоқаев", "tokayev"),  # Kazakh altLabel, lower case
        ("Касым-Жомарт", "tokayev"),  # Russian label, prefix
        ("мирзиёев", "mirziyoyev"),
        ("Узбекистан", "uzbekistan"),
        ("большая двадцатка", "g20"),  # Russian altLabel of an actor labelled only in English
    ],
)
def test_search_selects_and_focuses_the_actor(fixture_page: Page, query: str, slug: str) -> None:
    _focus_by_search(fixture_page, query)
    assert fixture_page.js("kgView.network.getSelectedNodes()") == [_id(slug)]
    assert fixture_page.js("kgView.state.focused") == _id(slug)
    # The view is centred on the node: its canvas position is the middle of the network's box.
    assert _offset_from_centre(fixture_page, _id(slug)) < 25
    assert fixture_page.page.locator("#kg-panel").get_attribute("data-id") == _id(slug)
    # The search result list shows the actor too.
    assert fixture_page.page.locator(f'#kg-search-results button[data-id="{_id(slug)}"]').count() == 1
    fixture_page.assert_clean()


def test_relation_filter_hides_its_edges_and_the_actors_left_alone(fixture_page: Page) -> None:
    invited = fixture_page.js("kgView.data.edges.filter(e => e.relation === 'invited').map(e => e.id)")
    assert len(invited) == 1
    fixture_page.page.uncheck('input[data-relation="invited"]')
    visible_edges = set(fixture_page.js("kgView.visibleEdgeIds()"))
    visible_nodes = set(fixture_page.js("kgView.visibleNodeIds()"))
    assert invited[0] not in visible_edges
    assert _id("trump") not in visible_nodes  # his only relation is hidden
    assert _id("tokayev") in visible_nodes
    fixture_page.page.check("#kg-show-isolated")
    assert _id("trump") in set(fixture_page.js("kgView.visibleNodeIds()"))
    fixture_page.page.uncheck("#kg-show-isolated")
    fixture_page.page.check('input[data-relation="invited"]')
    assert invited[0] in set(fixture_page.js("kgView.visibleEdgeIds()"))
    assert _id("trump") in set(fixture_page.js("kgView.visibleNodeIds()"))


def test_actors_without_relations_are_shown_only_when_asked_for(fixture_page: Page) -> None:
    # Kazinform never stood in a relation: not drawn by default, like an actor whose relations are filtered out.
    assert _id("kazinform") not in set(fixture_page.js("kgView.visibleNodeIds()"))
    fixture_page.page.click("#kg-rel-none")
    assert fixture_page.js("kgView.visibleNodeIds()") == []  # every filter narrowed: nothing stays
    fixture_page.page.check("#kg-show-isolated")
    assert len(fixture_page.js("kgView.visibleNodeIds()")) == len(ACTORS)
    fixture_page.page.click("#kg-rel-all")
    fixture_page.page.uncheck('input[data-class="Person"]')
    visible = set(fixture_page.js("kgView.visibleNodeIds()"))
    assert _id("kazinform") in visible and _id("trump") not in visible  # a class filter still applies
    fixture_page.page.uncheck("#kg-show-isolated")
    assert _id("kazinform") not in set(fixture_page.js("kgView.visibleNodeIds()"))
    fixture_page.assert_clean()


def test_class_filter_hides_actors_and_their_edges(fixture_page: Page) -> None:
    fixture_page.page.uncheck('input[data-class="Country"]')
    visible = set(fixture_page.js("kgView.visibleNodeIds()"))
    assert not visible & {_id("kazakhstan"), _id("usa"), _id("uzbekistan")}
    edges = fixture_page.js("kgView.data.edges.filter(e => !e.hidden).map(e => [e.from, e.to])")
    assert edges and all(_id("kazakhstan") not in pair for pair in edges)


def _set_dates(page: Page, lo: int, hi: int) -> None:
    page.js(
        """([lo, hi]) => {
            const a = document.getElementById('kg-date-from'), b = document.getElementById('kg-date-to');
            b.value = String(hi); b.dispatchEvent(new Event('input'));
            a.value = String(lo); a.dispatchEvent(new Event('input'));
        }""",
        [lo, hi],
    )


def test_date_slider_hides_edges_with_every_mention_outside_the_range(fixture_page: Page, fixture_html) -> None:
    _, view = fixture_html
    dates = list(view.meta.dates)
    last = len(dates) - 1
    _set_dates(fixture_page, last, last)  # only the last date
    assert dates[last] in fixture_page.page.locator("#kg-date-text").inner_text()
    visible = set(fixture_page.js("kgView.visibleEdgeIds()"))
    for e in view.edges:
        in_range = not e.mentions or any(m.date == dates[last] for m in e.mentions)
        assert (e.id in visible) == in_range, (e.relation, [m.date for m in e.mentions])
    # "visited" was read only in an October article: hidden, and so is the USA? No: the USA hosts the summit.
    (visited,) = [e for e in view.edges if e.relation == "visited"]
    assert visited.id not in visible
    _set_dates(fixture_page, 0, last)
    assert len(fixture_page.js("kgView.visibleEdgeIds()")) == len(view.edges)


def _set_confidence(page: Page, stop: int) -> None:
    page.js("""(stop) => { const s = document.getElementById('kg-confidence-min');
                          s.value = String(stop); s.dispatchEvent(new Event('input')); }""", stop)


def test_confidence_slider_leaves_out_sentences_below_the_threshold(fixture_page: Page, fixture_html) -> None:
    _, view = fixture_html
    stops = list(view.meta.confidences)
    assert stops == [0.55, 0.6, 0.9]
    assert fixture_page.page.locator("#kg-confidence-min").get_attribute("max") == str(len(stops) - 1)
    for stop, threshold in enumerate(stops):
        _set_confidence(fixture_page, stop)
        visible = set(fixture_page.js("kgView.visibleEdgeIds()"))
        for e in view.edges:
            assert (e.id in visible) == (not e.mentions or any(m.confidence >= threshold for m in e.mentions))
        kept = sum(m.confidence >= threshold for e in view.edges for m in e.mentions)
        total = sum(len(e.mentions) for e in view.edges)
        text = fixture_page.page.locator("#kg-confidence-text").inner_text()
        assert text == f"{threshold:.2f} or more: {kept} of {total} sentences"
    # at 0.90: Tokayev's visit (read at 0.55) is gone, and the second invitation (0.60) is shown as outside the filters
    (visited,) = [e for e in view.edges if e.relation == "visited"]
    assert visited.id not in set(fixture_page.js("kgView.visibleEdgeIds()"))
    (invited,) = [e for e in view.edges if e.relation == "invited"]
    fixture_page.js("(id) => kgView.showEdge(id)", invited.id)
    boxes = fixture_page.page.locator("#kg-panel .mention")
    assert [b.get_attribute("class") for b in boxes.all()] == ["mention", "mention out"]
    _set_confidence(fixture_page, 0)
    assert len(fixture_page.js("kgView.visibleEdgeIds()")) == len(view.edges)
    fixture_page.assert_clean()


def test_language_filter_hides_edges_read_only_in_that_language(fixture_page: Page, fixture_html) -> None:
    _, view = fixture_html
    fixture_page.page.uncheck('input[data-lang="ru"]')
    visible = set(fixture_page.js("kgView.visibleEdgeIds()"))
    for e in view.edges:
        assert (e.id in visible) == (not e.mentions or any(m.lang != "ru" for m in e.mentions))


def test_hostile_text_runs_nothing_and_shows_literally(fixture_page: Page, fixture_html) -> None:
    _, view = fixture_html
    (edge,) = [e for e in view.edges if e.mentions and e.mentions[0].evidence == HOSTILE]
    fixture_page.js("(id) => kgView.showEdge(id)", edge.id)
    panel = fixture_page.page.locator("#kg-panel")
    assert HOSTILE in panel.locator(".evidence").first.inner_text()
    assert HOSTILE_NAME in panel.locator("h2").inner_text()
    # The node panel and the search list show the hostile name as text as well.
    _focus_by_search(fixture_page, "<script>window.__pwned=3")
    assert HOSTILE_NAME in panel.locator("h2").inner_text()
    assert "<svg onload=alert(1)>" in panel.inner_text()
    assert fixture_page.js("typeof window.__pwned") == "undefined"
    assert fixture_page.js("document.querySelectorAll('#kg-app img, #kg-app svg, #kg-app b').length") == 0
    fixture_page.page.wait_for_timeout(300)  # give an onerror handler the chance to fire
    assert fixture_page.js("typeof window.__pwned") == "undefined"
    fixture_page.assert_clean()


def test_evidence_panel_shows_each_sentence_confidence(fixture_page: Page) -> None:
    leader = fixture_page.js("kgView.data.edges.find(e => e.relation === 'leaderOf').id")
    fixture_page.js("(id) => kgView.showEdge(id)", leader)
    sources = fixture_page.page.locator("#kg-panel .mention .src").all_inner_texts()
    assert len(sources) == 3 and all("confidence 0.90" in s for s in sources), sources


def test_node_click_shows_labels_type_and_neighbours(fixture_page: Page) -> None:
    pos = fixture_page.js("(id) => kgView.network.canvasToDOM(kgView.network.getPositions([id])[id])", _id("trump"))
    box = fixture_page.page.locator("#kg-network").bounding_box()
    fixture_page.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    panel = fixture_page.page.locator("#kg-panel")
    assert panel.get_attribute("data-id") == _id("trump")
    text = panel.inner_text()
    assert "Дональд Трамп" in text and "Person" in text
    assert "invited" in text and "Kassym-Jomart Tokayev" in text


def test_label_language_selector_with_fallback(fixture_page: Page) -> None:
    options = fixture_page.js("Array.from(document.querySelectorAll('#kg-lang option')).map(o => [o.value, o.text])")
    assert options == [[lang.code, lang.native] for lang in LANGUAGES]  # the menu is kg's language table
    fixture_page.page.select_option("#kg-lang", "kk")
    labels = fixture_page.js("Object.fromEntries(kgView.nodes.get().map(n => [n.id, n.label]))")
    assert labels[_id("tokayev")] == "Қасым-Жомарт Тоқаев"
    assert labels[_id("summit")] == "G20 summit in Miami"  # no kk label: falls back to en
    fixture_page.page.select_option("#kg-lang", "en")
    labels = fixture_page.js("Object.fromEntries(kgView.nodes.get().map(n => [n.id, n.label]))")
    assert labels[_id("uzbekistan")] == "Узбекистан"  # no en label: falls back to ru


def test_the_legend_says_what_size_means(fixture_page: Page, browser, tmp_path: Path) -> None:
    legend = fixture_page.page.locator("#kg-size-legend").inner_text()
    assert "degree, the number of other actors it is related to" in legend  # the default
    assert "supporting sentences" in legend  # and what a line's width is
    out = tmp_path / "pagerank.html"
    render(make_fixture_graph(), out, size_by="pagerank")
    page = _open(browser, out)
    try:
        assert "PageRank over the directed relations" in page.page.locator("#kg-size-legend").inner_text()
    finally:
        page.page.context.close()


@pytest.mark.parametrize("code", [lang.code for lang in LANGUAGES])
def test_the_chosen_language_names_the_interface_relations_and_classes(fixture_page: Page, fixture_html, code) -> None:
    _, view = fixture_html
    words = interface_strings()[code]
    relation, cls = view.meta.relation_labels, view.meta.class_labels
    fixture_page.page.select_option("#kg-lang", code)
    assert fixture_page.js("document.documentElement.lang") == code
    assert fixture_page.js("document.title") == words["title"]
    # every word of the template
    shown = fixture_page.js("""Array.from(document.querySelectorAll('[data-i18n]'))
                               .map(n => [n.getAttribute('data-i18n'), n.textContent])""")
    assert shown and all(text == words[key] for key, text in shown), shown
    assert fixture_page.page.get_attribute("#kg-search", "placeholder") == words["searchPlaceholder"]
    assert fixture_page.page.locator("#kg-show-isolated + span").inner_text() == words["showIsolated"]
    # relations and classes as the ontology labels them
    for r in view.meta.relations:
        text = fixture_page.page.locator(f'input[data-relation="{r}"] + span').inner_text()
        assert text == relation[r][code] + (" ↔" if r in SYMMETRIC else " →")
    for c in view.meta.classes:
        text = fixture_page.page.locator(f'input[data-class="{c}"] ~ span:not(.swatch):not(.count)').inner_text()
        assert text == class_labels_capitalised(cls[c][code])
    labels = fixture_page.js("Object.fromEntries(kgView.edges.get().map(e => [e.id, e.label]))")
    assert all(labels[e.id] in (None, "", relation[e.relation][code]) for e in view.edges)
    # the panels
    leader = next(e for e in view.edges if e.relation == "leaderOf")
    fixture_page.js("(id) => kgView.showEdge(id)", leader.id)
    panel = fixture_page.page.locator("#kg-panel")
    assert relation["leaderOf"][code] in panel.locator("h2").inner_text()
    sources = panel.locator(".src").all_inner_texts()
    assert all(words["confidence"].replace("{value}", "0.90") in s for s in sources), sources
    status = fixture_page.page.locator("#kg-status").inner_text()
    assert status.startswith(words["status"].split("{")[0]), status
    if code == "ru":  # a count takes the Russian plural form
        assert "3 подтверждающих предложения" in panel.inner_text()
    fixture_page.assert_clean()


def class_labels_capitalised(label: str) -> str:
    return label[:1].upper() + label[1:]


def test_relation_names_show_on_hover_and_selection_or_zoomed_in(fixture_page: Page, fixture_html) -> None:
    _, view = fixture_html
    page = fixture_page.page
    box = page.locator("#kg-network").bounding_box()
    centre, corner = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2), (box["x"] + 3, box["y"] + 3)
    threshold = fixture_page.js("kgView.labelScale")

    def labelled() -> set[str]:
        return {e["id"] for e in fixture_page.js("kgView.edges.get()") if e.get("label")}

    def wheel_until(done, notch: int) -> None:  # one notch at a time, as an analyst scrolls
        page.mouse.move(*centre)
        for _ in range(200):
            if done(fixture_page.js("kgView.network.getScale()")):
                break
            page.mouse.wheel(0, notch)
        page.mouse.move(*corner)  # away from every actor: nothing hovered

    def at(slug: str) -> tuple[float, float]:
        pos = fixture_page.js("(id) => kgView.network.canvasToDOM(kgView.network.getPositions([id])[id])", _id(slug))
        return box["x"] + pos["x"], box["y"] + pos["y"]

    trumps = {e.id for e in view.edges if "/trump" in (e.source + " " + e.target)}
    assert trumps
    wheel_until(lambda scale: scale < threshold / 2, 100)
    assert labelled() == set()  # zoomed out, a dense cluster shows no names
    page.mouse.move(*at("trump"))
    assert labelled() == trumps  # hovering an actor names its relations
    page.mouse.move(*corner)
    assert labelled() == set()
    page.mouse.click(*at("trump"))
    assert labelled() == trumps  # and so does selecting it
    page.mouse.click(*corner)
    assert labelled() == set()
    leader = next(e for e in view.edges if e.relation == "leaderOf")
    fixture_page.js("(id) => kgView.showEdge(id)", leader.id)
    assert labelled() == {leader.id}
    assert fixture_page.js("(id) => kgView.edges.get(id).label", leader.id) == "leader of"
    wheel_until(lambda scale: scale >= threshold, -100)
    assert labelled() == {e.id for e in view.edges}  # zoomed in, every relation is named
    page.select_option("#kg-lang", "kk")
    kk = view.meta.relation_labels["leaderOf"]["kk"]
    assert fixture_page.js("(id) => kgView.edges.get(id).label", leader.id) == kk
    fixture_page.assert_clean()


def _download(page: Page, button: str) -> tuple[str, bytes]:
    with page.page.expect_download() as info:
        page.page.click(button)
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_visible_subgraph_exports_as_csv(fixture_page: Page, fixture_html) -> None:
    _, view = fixture_html
    fixture_page.page.uncheck('input[data-relation="invited"]')
    _set_confidence(fixture_page, 2)  # 0.90 and more
    fixture_page.page.select_option("#kg-lang", "ru")
    shown_nodes = set(fixture_page.js("kgView.visibleNodeIds()"))
    shown_edges = set(fixture_page.js("kgView.visibleEdgeIds()"))

    name, data = _download(fixture_page, "#kg-export-relations")
    assert name == "kg-relations.csv"
    rows = _csv(data)
    assert {(r["relation"], r["source"], r["target"]) for r in rows} == {
        (e.relation, compact_iri(e.source), compact_iri(e.target)) for e in view.edges if e.id in shown_edges}
    for e in view.edges:
        if e.id not in shown_edges:
            continue
        (row,) = [r for r in rows if (r["relation"], r["source"], r["target"]) ==
                  (e.relation, compact_iri(e.source), compact_iri(e.target))]
        passing = [m for m in e.mentions if m.confidence >= 0.9]
        assert (int(row["sentences"]), int(row["sentences_all"])) == (len(passing), len(e.mentions))
        assert row["relation_label"] == view.meta.relation_labels[e.relation]["ru"]
        assert row["first_date"] == min((m.date for m in passing), default="")
    (leader,) = [r for r in rows if r["relation"] == "leaderOf"]
    assert (leader["source_label"], leader["target_label"]) == ("Касым-Жомарт Токаев", "Казахстан")
    assert any(r["source_label"] == HOSTILE_NAME for r in rows)  # quotes, angle brackets: as they are

    name, data = _download(fixture_page, "#kg-export-actors")
    assert name == "kg-actors.csv"
    actors = {r["id"]: r for r in _csv(data)}
    assert set(actors) == shown_nodes and _id("trump") not in actors  # his only relation is filtered out
    tokayev = actors[_id("tokayev")]
    assert (tokayev["label"], tokayev["class"]) == ("Касым-Жомарт Токаев", "Person")
    mine = [e for e in view.edges if e.id in shown_edges and _id("tokayev") in (compact_iri(e.source),
                                                                                compact_iri(e.target))]
    assert int(tokayev["relations"]) == len(mine)
    assert int(tokayev["sentences"]) == sum(m.confidence >= 0.9 for e in mine for m in e.mentions)
    fixture_page.assert_clean()


def test_a_formula_in_a_name_is_not_run_by_a_spreadsheet(browser, tmp_path: Path) -> None:
    g = make_fixture_graph()
    g.set((EX["actor/trump"], rdflib.RDFS.label, rdflib.Literal('=HYPERLINK("http://example.org","x")', lang="en")))
    out = tmp_path / "formula.html"
    render(g, out)
    page = _open(browser, out)
    try:
        rows = _csv(_download(page, "#kg-export-actors")[1])
        (trump,) = [r for r in rows if r["id"] == _id("trump")]
        assert trump["label"] == "'" + '=HYPERLINK("http://example.org","x")'
        page.assert_clean()
    finally:
        page.page.context.close()


def test_the_view_exports_as_a_png_picture(fixture_page: Page) -> None:
    from PIL import Image

    name, data = _download(fixture_page, "#kg-export-picture")
    assert name == "kg-view.png" and data[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(data)).convert("RGBA")
    size = fixture_page.js("(() => { const c = document.querySelector('#kg-network canvas'); "
                           "return [c.width, c.height]; })()")
    assert list(image.size) == size  # the canvas as drawn, at its resolution
    assert image.getpixel((0, 0)) == (255, 255, 255, 255)  # on white, not transparent
    colours = {c for _, c in image.getcolors(maxcolors=1 << 20)}
    assert (0xE1, 0x57, 0x59, 255) in colours  # the actors are in it: a person's dot (#e15759)
    fixture_page.assert_clean()


def test_screenshot_of_the_fixture_graph(fixture_page: Page, tmp_path: Path) -> None:
    # With a relation open, the picture shows the sentences behind an edge as well as the network.
    leader = fixture_page.js("kgView.data.edges.find(e => e.relation === 'leaderOf').id")
    fixture_page.js("(id) => kgView.showEdge(id)", leader)
    assert fixture_page.page.locator("#kg-panel .mention").count() == 3
    shot = tmp_path / "graph.png"
    fixture_page.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000  # a blank page compresses to a few kB
    target = os.environ.get("KG_SCREENSHOT")
    if target:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target)


@pytest.mark.slow
def test_truncated_view_says_so(browser, tmp_path: Path) -> None:
    out = tmp_path / "big.html"
    view = render(make_synthetic_graph(n_actors=700, n_relations=2500), out, max_nodes=200, size_by="degree")
    page = _open(browser, out)
    try:
        banner = page.page.locator("#kg-banner")
        assert banner.is_visible()
        assert banner.inner_text() == "Showing top 200 of 700 actors by degree; use --max-nodes to see more"
        assert page.js("kgView.nodes.length") == len(view.nodes) == 200
        page.assert_clean()
    finally:
        page.page.context.close()


@pytest.mark.slow
def test_large_graph_stabilises_and_answers(browser, tmp_path: Path) -> None:
    """How fast is bench/bench_browser.py's question; here the page only has to settle and answer."""
    view = graph_to_view(make_synthetic_graph(), max_nodes=2000)
    assert len(view.nodes) == 2000 and len(view.edges) == 10000
    out = tmp_path / "large.html"
    write_html(view, out)
    page = _open(browser, out)
    try:
        assert page.js("kgView.network.physics.options.enabled") is False
        related = {compact_iri(n) for e in view.edges for n in (e.source, e.target)}
        assert len(page.js("kgView.visibleNodeIds()")) == len(related)
        # Still interactive: a search, a focus and a filter.
        _focus_by_search(page, "Актор 1999")
        assert _offset_from_centre(page, _id("a1999")) < 25
        page.page.uncheck('input[data-relation="visited"]')
        assert page.js("kgView.state.focused") == _id("a1999")
        assert not set(page.js("kgView.data.edges.filter(e => e.relation === 'visited').map(e => e.id)")) & set(
            page.js("kgView.visibleEdgeIds()")
        )
        page.assert_clean()
    finally:
        page.page.context.close()


def test_seeds_graph_page_loads_clean(browser, seeds_build, tmp_path: Path) -> None:
    out = tmp_path / "seeds.html"
    view = render(seeds_build.ttl, out)
    page = _open(browser, out)
    try:
        page.assert_clean()
        assert page.js("kgView.nodes.length") == len(view.nodes)
        assert len(view.nodes) == (view.meta.max_nodes if view.meta.truncated else view.meta.total_nodes)
        related = {compact_iri(n) for e in view.edges if e.asserted for n in (e.source, e.target)}
        assert set(page.js("kgView.visibleNodeIds()")) == related  # actors without relations wait for the option
        # what is only planned is drawn, dashed; what is only supposed or denied waits for its option
        assert set(page.js("kgView.visibleEdgeIds()")) == {e.id for e in view.edges if e.asserted}
        for e in view.edges:
            assert bool(page.js("(id) => kgView.edges.get(id).dashes", e.id)) == (e.modality != "Asserted")
        page.assert_clean()
    finally:
        page.page.context.close()


INJECTED = ('<script>window.kgInjected = "script"</script>'
            '<svg onload="window.kgInjected = \'handler\'"></svg>'
            '<script>document.title = "injected"</script>')


def test_the_page_draws_but_an_injected_inline_script_does_not_run(browser, fixture_html, tmp_path: Path) -> None:
    """The CSP allows the page's own scripts by hash: a script or handler slipped into the file is refused."""
    html = fixture_html[0].read_text(encoding="utf-8")
    assert "'unsafe-inline'" not in html.split("script-src", 1)[1].split(";", 1)[0]
    tampered = tmp_path / "tampered.html"
    tampered.write_text(html.replace("</body>", INJECTED + "</body>"), encoding="utf-8")
    page = _open(browser, tampered)  # waits for the network to be drawn and stable
    try:
        assert page.js("kgView.nodes.length") == len(ACTORS)
        assert page.js("typeof window.kgInjected") == "undefined"
        assert page.js("document.title") != "injected"
        assert page.console_errors and all("Content Security Policy" in e for e in page.console_errors), \
            page.console_errors
        assert page.blocked == []
    finally:
        page.page.context.close()


# ---- modality, speakers and happenings (ONTOLOGY.md, "Modality, attribution and happenings") ----------------

@pytest.fixture(scope="module")
def modal_html(tmp_path_factory) -> tuple[Path, View]:
    return _rendered(tmp_path_factory, "render_modal", make_modal_graph())


@pytest.fixture()
def modal_page(browser, modal_html) -> Iterator[Page]:
    yield from _opened(browser, modal_html[0])


def _edge(view: View, s: str, relation: str, o: str):
    (edge,) = [e for e in view.edges if e.relation == relation and {e.source, e.target} == {str(EX[f"actor/{s}"]),
                                                                                           str(EX[f"actor/{o}"])}]
    return edge


def _line(page: Page, edge_id: str) -> dict:
    return page.js("(id) => { const e = kgView.edges.get(id); return {dashes: e.dashes || false, "
                   "color: e.color ? e.color.color : null}; }", edge_id)


def test_planned_relations_are_drawn_dashed_and_what_is_only_supposed_or_denied_on_request(modal_page, modal_html):
    _, view = modal_html
    page = modal_page.page
    planned = _edge(view, "tokayev", "visited", "uzbekistan")
    supposed = _edge(view, "trump", "visited", "kazakhstan")
    denied = _edge(view, "mirziyoyev", "visited", "usa")
    # by default every relation is drawn, the planned one too, and nothing that is no relation
    assert set(modal_page.js("kgView.visibleEdgeIds()")) == {e.id for e in view.edges if e.asserted}
    assert planned.id in set(modal_page.js("kgView.visibleEdgeIds()"))
    lines = {e.modality: _line(modal_page, e.id) for e in (planned, supposed, denied)}
    asserted = _line(modal_page, _edge(view, "trump", "invited", "tokayev").id)
    assert asserted["dashes"] is False and lines["Planned"]["dashes"]
    # four styles, each its own
    assert len({(str(x["dashes"]), x["color"]) for x in [asserted, *lines.values()]}) == 4
    # the legend says what each line is, with a sample drawn as the network draws it
    legend = page.locator("#kg-line-legend li")
    assert legend.count() == 4
    assert "Planned" in legend.nth(1).inner_text() and "planned" in legend.nth(1).inner_text()
    # the option, labelled for what it shows, is off; on, the other two are drawn, dotted, with their actors
    option = page.locator("#kg-show-unasserted")
    assert not option.is_checked()
    assert page.locator("#kg-show-unasserted + span").inner_text() == interface_strings()["en"]["showUnasserted"]
    status = page.locator("#kg-status").inner_text()
    assert f"{sum(e.asserted for e in view.edges)} of {view.meta.total_edges} relations" in status
    page.check("#kg-show-unasserted")
    visible = set(modal_page.js("kgView.visibleEdgeIds()"))
    assert {supposed.id, denied.id} <= visible and visible == {e.id for e in view.edges}
    assert "Also 2 links that are only supposed or denied." in page.locator("#kg-status").inner_text()
    page.uncheck("#kg-show-unasserted")
    assert not {supposed.id, denied.id} & set(modal_page.js("kgView.visibleEdgeIds()"))
    modal_page.assert_clean()


def test_the_date_and_confidence_filters_work_on_what_is_only_supposed_or_denied(modal_page, modal_html):
    _, view = modal_html
    page = modal_page.page
    supposed = _edge(view, "trump", "visited", "kazakhstan")  # 2025-12-25, read at 0.60
    denied = _edge(view, "mirziyoyev", "visited", "usa")  # 2025-11-05, 0.90
    mixed = _edge(view, "tokayev", "visited", "usa")  # asserted at 0.55 (2025-10-15), supposed at 0.90 (2025-12-25)
    page.check("#kg-show-unasserted")
    _set_dates(modal_page, 0, 0)  # the first article's date only
    visible = set(modal_page.js("kgView.visibleEdgeIds()"))
    assert not {supposed.id, denied.id, mixed.id} & visible
    _set_dates(modal_page, 0, len(view.meta.dates) - 1)
    _set_confidence(modal_page, view.meta.confidences.index(0.9))
    visible = set(modal_page.js("kgView.visibleEdgeIds()"))
    assert supposed.id not in visible and denied.id in visible
    # above 0.55 only the supposed sentence of Tokayev's visit to the USA is left: drawn as supposed, on request
    assert mixed.id in visible and _line(modal_page, mixed.id) == _line(modal_page, supposed.id)
    page.uncheck("#kg-show-unasserted")
    assert not {mixed.id, denied.id} & set(modal_page.js("kgView.visibleEdgeIds()"))
    _set_confidence(modal_page, 0)
    assert mixed.id in set(modal_page.js("kgView.visibleEdgeIds()"))
    assert _line(modal_page, mixed.id)["dashes"] is False  # asserted again
    modal_page.assert_clean()


def _label(labels: dict[str, str], code: str) -> str:
    return labels.get(code) or next(labels[c] for c in (lang.code for lang in LANGUAGES) if c in labels)


@pytest.mark.parametrize("code", [lang.code for lang in LANGUAGES])
def test_the_evidence_panel_says_each_sentences_modality_and_speaker(modal_page, modal_html, code) -> None:
    _, view = modal_html
    words = interface_strings()[code]
    page = modal_page.page
    page.select_option("#kg-lang", code)
    planned = _edge(view, "tokayev", "visited", "uzbekistan")
    modal_page.js("(id) => kgView.showEdge(id)", planned.id)
    (claim,) = page.locator("#kg-panel .mention .claim").all_inner_texts()
    assert view.meta.modality_labels["Planned"][code] in claim
    assert words["saidBy"].replace("{name}", ACTORS["tokayev"][1][code]) in claim
    # a speaker who is drawn is a link to the actor
    page.locator("#kg-panel .mention .claim button").click()
    assert page.locator("#kg-panel").get_attribute("data-id") == _id("tokayev")
    # a speaker in no relation is named all the same, in the chosen language
    invited = _edge(view, "trump", "invited", "tokayev")
    modal_page.js("(id) => kgView.showEdge(id)", invited.id)
    claims = page.locator("#kg-panel .mention .claim").all_inner_texts()
    assert claims == [words["saidBy"].replace("{name}", _label(ACTORS_WITH_SPEAKER["peskov"][1], code))]
    # what is asserted says no modality; the denied and the supposed say theirs
    for edge, modality in ((_edge(view, "mirziyoyev", "visited", "usa"), "Denied"),
                           (_edge(view, "trump", "visited", "kazakhstan"), "Hypothetical")):
        modal_page.js("(id) => kgView.showEdge(id)", edge.id)
        claims = page.locator("#kg-panel .mention .claim").all_inner_texts()
        assert claims == [view.meta.modality_labels[modality][code]]
    mixed = _edge(view, "tokayev", "visited", "usa")
    modal_page.js("(id) => kgView.showEdge(id)", mixed.id)
    boxes = page.locator("#kg-panel .mention")
    assert boxes.nth(0).locator(".claim").count() == 0
    assert boxes.nth(1).locator(".claim").inner_text() == view.meta.modality_labels["Hypothetical"][code]
    modal_page.assert_clean()


def test_the_evidence_panel_groups_the_reports_of_one_happening(modal_page, modal_html) -> None:
    _, view = modal_html
    page = modal_page.page
    met = _edge(view, "tokayev", "metWith", "mirziyoyev")
    modal_page.js("(id) => kgView.showEdge(id)", met.id)
    groups = page.locator("#kg-panel .happening")
    assert groups.count() == 1 and groups.get_attribute("data-happening") == "ex:happening/meeting"
    head = groups.locator("h3").inner_text()
    assert "2025-10-14" in head and "date of the report" not in head
    reports = groups.locator(".reports").inner_text()
    assert "2 sentences" in reports and "2 articles" in reports and "2 languages" in reports
    assert "Astana" in groups.inner_text()  # where it took place
    # both sentences are in the group, whichever article and language tells of it
    assert sorted(groups.locator(".mention .evidence").all_inner_texts()) == sorted(m.evidence for m in met.mentions)
    # talks held at the meeting lead to it
    talks = _edge(view, "mirziyoyev", "negotiatesWith", "tokayev")
    modal_page.js("(id) => kgView.showEdge(id)", talks.id)
    page.locator("#kg-panel .happening .part-of button").click()
    assert page.locator("#kg-panel").get_attribute("data-id") == met.id
    # only the report's date stands in: it says so; a sentence that reports nothing is apart
    invited = _edge(view, "trump", "invited", "tokayev")
    modal_page.js("(id) => kgView.showEdge(id)", invited.id)
    group = page.locator("#kg-panel .happening")
    assert group.count() == 1
    assert "2025-09-01" in group.locator("h3").inner_text() and "date of the report" in group.locator("h3").inner_text()
    assert "1 sentence" in group.locator(".reports").inner_text()
    assert page.locator("#kg-panel .happening .mention").count() == 1
    assert page.locator("#kg-panel > .mention").count() == 1  # Trump's second invitation: no happening
    # a month is as precise as the text is
    modal_page.js("(id) => kgView.showEdge(id)", _edge(view, "tokayev", "visited", "uzbekistan").id)
    assert "2025-12" in page.locator("#kg-panel .happening h3").inner_text()
    modal_page.assert_clean()


def test_the_evidence_panel_speaks_the_chosen_language_of_happenings(modal_page, modal_html) -> None:
    _, view = modal_html
    words = interface_strings()["ru"]
    page = modal_page.page
    page.select_option("#kg-lang", "ru")
    modal_page.js("(id) => kgView.showEdge(id)", _edge(view, "tokayev", "metWith", "mirziyoyev").id)
    group = page.locator("#kg-panel .happening")
    assert group.locator("h3").inner_text() == words["happening"].replace("{date}", "2025-10-14")
    assert "2 предложения" in group.locator(".reports").inner_text() and "2 статьи" in group.inner_text()
    assert "Астана" in group.inner_text()
    modal_page.js("(id) => kgView.showEdge(id)", _edge(view, "trump", "invited", "tokayev").id)
    assert words["dateOfReport"] in page.locator("#kg-panel .happening h3").inner_text()
    modal_page.assert_clean()


def test_the_relations_export_says_what_each_line_claims(modal_page, modal_html) -> None:
    _, view = modal_html
    modal_page.page.check("#kg-show-unasserted")
    rows = _csv(_download(modal_page, "#kg-export-relations")[1])
    found = {(r["source"], r["relation"], r["target"]): r["modality"] for r in rows}
    assert found == {(compact_iri(e.source), e.relation, compact_iri(e.target)): e.modality for e in view.edges}
    modal_page.assert_clean()


def test_an_actors_neighbours_say_what_is_only_planned_supposed_or_denied(modal_page, modal_html) -> None:
    page = modal_page.page
    modal_page.js("(id) => kgView.focus(id)", _id("trump"))
    items = page.locator("#kg-panel .neighbours li")
    texts = {li.locator(".linkish").first.inner_text(): li for li in items.all()}
    assert set(texts) == {"Kassym-Jomart Tokayev", "Kazakhstan"}
    assert texts["Kassym-Jomart Tokayev"].locator(".modality").count() == 0
    supposed = texts["Kazakhstan"]
    assert supposed.locator(".modality").inner_text() == "hypothetical"
    assert supposed.get_attribute("class") == "faded"  # not drawn until asked for
    modal_page.js("(id) => kgView.focus(id)", _id("tokayev"))
    planned = [li for li in page.locator("#kg-panel .neighbours li").all() if "Узбекистан" in li.inner_text()]
    assert [li.locator(".modality").inner_text() for li in planned] == ["planned"]
    modal_page.assert_clean()
