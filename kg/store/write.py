"""Store stage, writing: a build's ArticleData -> the store at a path, under its lock (bulk-loaded when new).

A build holds `store_lock` from start to end; `write_data` writes into the store (one
transaction per article, or `bulk_write` for a new store); `remove_articles` takes
articles out. The store's layout is described in kg.store.core.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import StoreError, StoreLocked
from kg.store.core import KgStore, StoreReport, is_store
from kg.store.data import ArticleData, articles_from_dataset, written_quads
from kg.store.terms import MENTION_COUNT, actor_node, int_literal, to_ox

# --- the lock ---------------------------------------------------------------------------------


def lock_path(store_path: str | Path) -> Path:
    """The lock file of a store: ``OUT/store`` -> ``OUT/store.lock``."""
    p = Path(store_path)
    return p.with_name(p.name + ".lock")


@contextlib.contextmanager
def store_lock(store_path: str | Path) -> Iterator[Path]:
    """Hold the store's write lock (fcntl, released by the kernel when the process dies).

    Raises:
        StoreLocked: another process holds it; the message says which and what to do.
    """
    path = lock_path(store_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "another process"
            raise StoreLocked(
                f"{store_path} is being written by another kg build (pid {holder}, lock {path}); "
                "wait for it to finish and run this build again") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# --- writing a build -------------------------------------------------------------------------


def write_build(store_path: str | Path, ds: Dataset, article_ids: Iterable[str],
                name_counts: Mapping[str, Mapping[str, int]], *, on_article=None) -> StoreReport:
    """Write a build's articles into the store at `store_path` (created when missing).

    The caller holds the lock (`store_lock`); each article is one transaction, and an
    article whose fingerprint is already stored is left alone.
    """
    return write_data(store_path, articles_from_dataset(ds, article_ids, name_counts), on_article=on_article)


def write_data(store_path: str | Path, data: Iterable[ArticleData], *, on_article=None) -> StoreReport:
    """Write what each article contributes (articles_from_build / articles_from_dataset) into the store.

    The caller holds the lock (`store_lock`). Into an existing store each article is one
    transaction, and an article whose fingerprint is already stored is left alone; a new
    store is bulk-loaded instead (`bulk_write`), which holds the same quads.
    """
    path = Path(store_path)
    if not is_store(path) and (not path.exists() or (path.is_dir() and not any(path.iterdir()))):
        return bulk_write(path, data, on_article=on_article)
    with KgStore(path) as st:
        return st.write_articles(data, on_article=on_article)


def partial_path(store_path: str | Path) -> Path:
    """Where a new store is loaded before it takes its name: ``OUT/store`` -> ``OUT/store.partial``."""
    p = Path(store_path)
    return p.with_name(p.name + ".partial")


def bulk_write(store_path: str | Path, data: Iterable[ArticleData], *, on_article=None) -> StoreReport:
    """A new store holding the articles, exactly as put_article one by one would leave it.

    A transaction per article gets slower as a store grows (each rewrites the mention counts
    of the actors it names, and a popular actor's count is rewritten by most articles), so a
    new store is bulk-loaded: each article's graphs as they come, then the actors'
    descriptions and summed counts once. The load goes into ``<store>.partial``, renamed to
    the store when complete: a build killed while loading leaves no store, never half of one,
    and the next build starts over. `on_article(article_id, "added")` is called after the rename.

    Raises:
        StoreError: two articles share an id, or the load failed (no store is left behind).
    """
    import shutil

    path, partial = Path(store_path), partial_path(store_path)
    shutil.rmtree(partial, ignore_errors=True)
    report = StoreReport()
    # actor IRI -> the description (rdflib triples, converted once at the end) of the latest article naming it
    described: dict[str, set[tuple]] = {}
    totals: dict[str, int] = {}
    seen: set[str] = set()

    def quads() -> Iterator[ox.Quad]:
        for d in data:
            if d.article_id in seen:
                raise StoreError(f"{path}: two articles have the id {d.article_id!r}")
            seen.add(d.article_id)
            yield from written_quads(d, d.fingerprint())
            fresh: dict[str, set[tuple]] = {}
            for spo in d.descriptions:
                fresh.setdefault(str(spo[0]), set()).add(spo)
            for actor_id, n in d.actors.items():
                actor = actor_node(actor_id).value
                described[actor] = fresh.pop(actor, set())
                totals[actor] = totals.get(actor, 0) + n
            for actor, spos in fresh.items():  # described without being named: kept alongside
                described.setdefault(actor, set()).update(spos)
            report.added.append(d.article_id)
        for actor in sorted(described):
            yield from sorted({ox.Quad(*map(to_ox, spo)) for spo in described[actor]}, key=str)
            if totals.get(actor):
                yield ox.Quad(ox.NamedNode(actor), MENTION_COUNT, int_literal(totals[actor]))

    try:
        with KgStore(partial) as st:
            st.raw.bulk_extend(quads())
        if path.is_dir():
            path.rmdir()  # the empty folder it replaces
        partial.rename(path)
    except (OSError, RuntimeError, ValueError) as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise StoreError(f"{path}: the new store could not be written (nothing was kept): {exc}") from exc
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if on_article:
        for aid in report.added:
            on_article(aid, "added")
    return report


def remove_articles(store_path: str | Path, article_ids: Iterable[str]) -> StoreReport:
    """Remove articles (lock held for the whole call); see KgStore.remove_article."""
    report = StoreReport()
    if not is_store(store_path):
        raise StoreError(f"{store_path}: no store here; build one with 'kg build INPUT -o OUT'")
    with store_lock(store_path), KgStore(store_path) as st:
        for aid in article_ids:
            report.dropped_actors += st.remove_article(aid)
            report.removed.append(aid)
    return report

