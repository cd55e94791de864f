"""The pipeline: the only place that chains the stages (files -> articles -> Docs -> mentions -> triples -> RDF).

    load_articles -> kg.process (nlp, mentions, extraction per article; kg.parallel for many processes)
        -> Resolver -> graph files, centrality, page, store
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.articles import MAX_BYTES, article_id, read_article, walk_inputs
from kg.errors import NothingBuilt
from kg.graph import best_mentions, merged_from_build, refine_dates, write_build_files
from kg.lexicon import Lexicon, load_lexicon
from kg.model import ASSERTING, Article, Triple
from kg.resolve import Entity, Resolver

Progress = Callable[[str, int, int], None]
# above this many mentions, the merged graph for the centrality table and the page is kept in
# an Oxigraph store on disk rather than in rdflib's memory store (about 12 triples a mention)
ON_DISK_MENTIONS = 50_000


@dataclass
class BuildResult:
    """What a build made, for the summary a user sees."""

    articles: list[Article] = field(default_factory=list)
    triples: list[Triple] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    sentences: int = 0  # in the articles built

    # The counts are the graph's: one mention per relation and sentence (the surest reading of it,
    # kg.graph.best_mentions, a symmetric relation read both ways included), and each relation that
    # a mention asserts once (a denied or hypothetical mention asserts none).

    def _mentions(self) -> list[Triple]:
        return list(best_mentions(self.triples).values())

    def relations(self) -> set[tuple[str, str, str]]:
        """The asserted relations (subject, relation, object), as graph.ttl holds them."""
        return {(t.subject, t.relation, t.object) for t in self._mentions() if t.modality in ASSERTING}

    def per_relation(self) -> Counter[str]:
        """Asserted relations per relation name."""
        return Counter(rel for _, rel, _ in self.relations())

    def mentions(self) -> int:
        """The kgo:Mentions of the graph: one per relation and sentence that reads it."""
        return len(self._mentions())

    def per_language(self) -> Counter[str]:
        """Mentions per language of their sentence."""
        return Counter(t.lang for t in self._mentions())


def build(inputs: Iterable[str | Path], out_dir: str | Path, *, progress: Progress | None = None,
          render_html: bool = True, lexicon: Lexicon | None = None, store: str | Path | bool = True,
          on_stored: Callable[[str, str], None] | None = None, jobs: int = 1, dask: object = None,
          max_bytes: int = MAX_BYTES) -> BuildResult:
    """Build the graph of `inputs` (files or folders) into `out_dir`.

    Bad files are reported in `result.skipped` and the others are still built.

    Args:
        store: True writes the Oxigraph store into `out_dir/store`, a path writes it there,
            False writes none. The store is incremental (see kg.store): articles already
            there unchanged are left alone, changed ones replaced, new ones added. Its lock
            (`<store>.lock`) is held for the whole build.
        on_stored: called with (article id, "added" | "replaced" | "unchanged") after each
            article is in the store (for a new, bulk-loaded store: once the load is complete).
        jobs: processes that read the articles (kg.parallel); the output does not depend on it.
        dask: a Dask scheduler address (or a `distributed.Client`) to read the articles on.
        max_bytes: larger files are not read (named in `result.skipped`).

    Raises:
        NothingBuilt: no input gave an article; the message lists why.
        StoreLocked: another build is writing into the same store.
        ClusterError: the Dask scheduler cannot be reached.
    """
    out_dir = Path(out_dir)
    result = BuildResult()
    loaded = _plan(inputs, result, max_bytes)
    how = {"jobs": jobs, "dask": dask}
    if store is False:
        return _build(loaded, result, out_dir, progress, render_html, lexicon, None, None, how)
    from kg.store import store_lock

    # taken once the inputs are read (the lock file must not be read as an input) and
    # before any work, so a second build refuses at once
    store_path = out_dir / "store" if store is True else Path(store)
    with store_lock(store_path):
        return _build(loaded, result, out_dir, progress, render_html, lexicon, store_path, on_stored, how)


class _Plan:
    """The input files by article id (sorted), read one article at a time as the build asks.

    Only file names are listed up front: the corpus is never all in memory, and an article's
    text is dropped once it has been processed. Every input that is not built is named in
    the build's result as it comes: files that are not articles, and of several files with
    one id, all but the first (in path order) that reads well, each naming that one.
    """

    def __init__(self, inputs: Iterable[str | Path], result: BuildResult, max_bytes: int = MAX_BYTES) -> None:
        by_id: dict[str, list[Path]] = {}
        for path, reason in walk_inputs(inputs):
            if reason is not None:
                result.skipped.append(f"{path}: {reason}")
            else:
                by_id.setdefault(article_id(path), []).append(path)
        self.files = [by_id[k] for k in sorted(by_id)]
        self.result = result
        self.max_bytes = max_bytes

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[Article]:
        for paths in self.files:
            chosen = None
            for path in paths:
                article, notes = read_article(path, self.max_bytes)
                if article is None:
                    self.result.skipped.extend(notes)
                elif chosen is not None:
                    self.result.skipped.append(
                        f"{path}: has the article id '{article.id}' of {chosen.path}, which is built; "
                        "rename one of them to build both")
                else:
                    chosen = article
                    self.result.warnings.extend(notes)
            if chosen is not None:
                yield chosen


def _plan(inputs: Iterable[str | Path], result: BuildResult, max_bytes: int = MAX_BYTES) -> _Plan:
    plan = _Plan(inputs, result, max_bytes)
    if not plan.files:
        raise _nothing_built(result) if result.skipped else NothingBuilt("nothing to build: no input files found")
    return plan


def _nothing_built(result: BuildResult) -> NothingBuilt:
    why = "; ".join(result.skipped[:5]) or "no input files found"
    return NothingBuilt(f"nothing to build: {why}")


def _build(loaded: _Plan, result: BuildResult, out_dir: Path, progress: Progress | None,
           render_html: bool, lexicon: Lexicon | None, store_path: Path | None,
           on_stored: Callable[[str, str], None] | None, how: dict) -> BuildResult:
    from kg.parallel import process_all

    lexicon = lexicon or load_lexicon()
    resolver = Resolver(lexicon)
    raw: list[Triple] = []
    name_counts: dict[str, Counter[str]] = {}  # article -> actor -> names, for the store's bookkeeping
    total = len(loaded)
    for n, done in enumerate(process_all(iter(loaded), lexicon=lexicon, **how), 1):
        if progress:
            progress(done.article.id, n, total)
        if done.error:
            result.skipped.append(done.error)
            continue
        article = done.article
        result.sentences += done.sentences
        named = name_counts.setdefault(article.id, Counter())
        for m in done.mentions:
            node = resolver.resolve(m.actor_id)
            resolver.count(node, m, article.lang)
            named[node] += 1
        raw.extend(done.triples)
        result.articles.append(article)
    if not result.articles:
        raise _nothing_built(result)
    for i, t in enumerate(raw):  # in place: the raw triples are not kept beside the resolved ones
        s, o = resolver.resolve(t.subject), resolver.resolve(t.object)
        speaker = resolver.resolve(t.speaker) if t.speaker else None
        place = resolver.resolve(t.place) if t.place else None
        raw[i] = replace(t, subject=s, object=o, speaker=speaker, place=place) if s != o else None
    result.triples = refine_dates([t for t in raw if t is not None])
    del raw
    # every actor named, related or not: a quoted expert is a node even before a relation is read
    result.entities = resolver.finish()
    writer = None
    if store_path is not None and (how.get("jobs", 1) > 1 or how.get("dask") is not None):
        from kg.parallel import StoreWriter

        writer = StoreWriter(store_path, result.articles, result.triples, result.entities, name_counts)
    result.outputs = write_build_files(result.articles, result.triples, result.entities, out_dir)
    _centrality(result, out_dir)
    if render_html:
        # the page reads the merged graph; a large build's lives in a store on disk
        scratch = merged = None
        if len(result.triples) > ON_DISK_MENTIONS:
            scratch = Path(tempfile.mkdtemp(prefix=".kg-merged-", dir=out_dir))
        try:
            merged = merged_from_build(result.articles, result.triples, result.entities,
                                       on_disk=scratch / "store" if scratch else None)
            _page(merged, result, out_dir)
        finally:
            if scratch is not None:
                if merged is not None:
                    merged.close()
                shutil.rmtree(scratch, ignore_errors=True)
    if store_path is not None and writer is None:
        from kg.store import articles_from_build, write_data

        write_data(store_path, articles_from_build(result.articles, result.triples, result.entities, name_counts),
                   on_article=on_stored)
        result.outputs["store"] = store_path
    if writer is not None:
        report = writer.result()
        if on_stored:
            done = {aid: action for action in ("added", "replaced", "unchanged") for aid in getattr(report, action)}
            for a in result.articles:
                on_stored(a.id, done[a.id])
        result.outputs["store"] = store_path
    return result


def _centrality(result: BuildResult, out_dir: Path) -> None:
    """OUT/centrality.csv from the build's records: what `actor_graph(OUT/graph.ttl)` would give."""
    from kg.analysis import actor_graph_from_build, write_centrality_csv

    graph = actor_graph_from_build(result.triples, result.entities)
    result.outputs["centrality"] = write_centrality_csv(graph, out_dir / "centrality.csv")


def _page(merged, result: BuildResult, out_dir: Path) -> None:
    from kg.render import render

    html_path = out_dir / "graph.html"
    render(merged, html_path)
    result.outputs["html"] = html_path
