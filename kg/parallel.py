"""Where articles are processed: in this process, in N worker processes, or on a Dask cluster.

Each way yields one `Processed` per article, in the order the articles were given, so the
rest of the build (resolution, graph, store) is the same whichever way ran, and the output
is byte-identical. Processing an article depends on that article and the lexicon only.

Workers load the NLP pipelines once each (on their first article) and keep them. They are
started with ``spawn`` (no ``fork``: a parent that has run numpy or held threads may not fork
safely), with BLAS and OpenMP held to one thread each, since the parallelism is the processes.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from kg.errors import KgError
from kg.lexicon import Lexicon
from kg.model import Article, Mention, Triple

# articles processed together (one task of a worker): enough to fill the models' batches and keep
# a worker busy, few enough to keep order and memory cheap
CHUNK = 8
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


class ClusterError(KgError):
    """The Dask scheduler cannot be reached or its workers cannot run kg."""


@dataclass(frozen=True)
class Processed:
    """What processing one article gave: its triples and mentions, or why it failed."""

    article: Article
    triples: tuple[Triple, ...] = ()
    mentions: tuple[Mention, ...] = ()
    error: str | None = None
    sentences: int = 0  # how many the article had (the kept article no longer holds them)


def light(article: Article) -> Article:
    """The article without its text and sentences: what the rest of the build needs once it is processed.

    A build keeps one of these per article until its files are written; the sentences alone
    would cost about 4 KB an article (400 MB at 100,000 articles).
    """
    return replace(article, text="", sentences=())


# --- one article --------------------------------------------------------------------------------

_processor = None


def _init_worker(lexicon: Lexicon | None) -> None:
    global _processor
    from kg.process import ArticleProcessor

    _processor = ArticleProcessor(lexicon)


def _process_with(processor, article: Article) -> Processed:
    try:
        triples, mentions = processor.process(article)
    except Exception as exc:  # one bad article must not stop a corpus
        return Processed(light(article), error=f"{article.path}: extraction failed ({type(exc).__name__}: {exc})",
                         sentences=len(article.sentences))
    return Processed(light(article), tuple(triples), tuple(mentions), sentences=len(article.sentences))


def _process_batch_with(processor, articles: list[Article]) -> list[Processed]:
    """A batch of articles through the models together; if that fails, one by one, so only the
    article at fault is reported."""
    try:
        results = processor.process_many(articles)
    except Exception:  # found again, and named, article by article
        return [_process_with(processor, a) for a in articles]
    return [Processed(light(a), tuple(triples), tuple(mentions), sentences=len(a.sentences))
            for a, (triples, mentions) in zip(articles, results, strict=True)]


def _process_batch(articles: list[Article]) -> list[Processed]:
    """A worker's task (a pool's or Dask's): a batch of articles, the processor kept between tasks."""
    if _processor is None:
        _init_worker(None)
    return _process_batch_with(_processor, articles)


# --- the three ways -----------------------------------------------------------------------------


def process_all(articles: Iterable[Article], *, lexicon: Lexicon | None = None, jobs: int = 1,
                dask: str | None = None) -> Iterator[Processed]:
    """Process `articles`, yielding one `Processed` each, in their order.

    Args:
        articles: the articles (consumed lazily).
        lexicon: the lexicon (default: the shipped one).
        jobs: worker processes on this machine; 1 processes here.
        dask: the address of a Dask scheduler (``tcp://host:8786``) or a ``distributed.Client``;
            its workers must have the same version of kg installed.

    Raises:
        ClusterError: the Dask scheduler cannot be reached.
    """
    if dask is not None:
        yield from _on_dask(articles, dask, lexicon)
    elif jobs > 1:
        yield from _in_pool(articles, jobs, lexicon)
    else:
        from kg.process import ArticleProcessor

        processor = ArticleProcessor(lexicon)
        for batch in _batches(articles, CHUNK):
            yield from _process_batch_with(processor, batch)


@contextmanager
def _one_thread_each() -> Iterator[None]:
    """Children started inside see BLAS/OpenMP limited to one thread (the parent is unchanged)."""
    saved = {k: os.environ.get(k) for k in _THREAD_VARS}
    os.environ.update({k: "1" for k in _THREAD_VARS})
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _in_pool(articles: Iterable[Article], jobs: int, lexicon: Lexicon | None) -> Iterator[Processed]:
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    with _one_thread_each():
        pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(lexicon,))
    try:
        # imap keeps the input order and reads `articles` as workers ask, not all at once
        for done in pool.imap(_process_batch, _batches(articles, CHUNK)):
            yield from done
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for a in articles:
        batch.append(a)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _on_dask(articles: Iterable[Article], address, lexicon: Lexicon | None) -> Iterator[Processed]:
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterError("--dask needs dask.distributed: pip install 'kg[dask]'") from exc
    own = isinstance(address, str)
    try:
        client = Client(address, timeout="10s") if own else address
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        if lexicon is not None:
            client.run(_init_worker, lexicon)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        # a bounded window of batches in flight: results come back in order and the corpus
        # is never all on the cluster at once
        window: deque = deque()
        for batch in _batches(articles, CHUNK):
            window.append(client.submit(_process_batch, batch, pure=False))
            if len(window) >= 4 * workers:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        if own:
            client.close()


# --- the store, beside the files ----------------------------------------------------------------


STORE_BATCH = 500  # articles a batch handed to the store writer
STORE_QUEUE = 4  # batches in flight at most


def _write_store(store_path, entities, batches, results) -> None:
    """In a child process: the build written into the store (the parent holds the lock).

    The articles come in batches through `batches` (None ends them), so the child never holds
    the whole build; the report, or the error as text, goes back through `results`.
    """
    from kg.store import articles_from_build, write_data

    def data():
        while (batch := batches.get()) is not None:
            articles, triples, names = batch
            yield from articles_from_build(articles, triples, entities, names)

    try:
        results.put((write_data(store_path, data()), None))
    except Exception as exc:  # handed back as text: not every exception survives pickling
        results.put((None, f"{type(exc).__name__}: {exc}"))


class StoreWriter:
    """Writes the store in a second process while this one writes the files, the table and the page.

    A build with several jobs would otherwise wait for the store after all else is done. A
    thread hands the child the build article batch by article batch (at most STORE_QUEUE
    batches in flight), so neither process holds a second copy of the whole build.
    """

    def __init__(self, store_path, articles, triples, entities, name_counts) -> None:
        import multiprocessing
        import threading

        ctx = multiprocessing.get_context("spawn")
        self._batches = ctx.Queue(STORE_QUEUE)
        self._results = ctx.Queue(1)
        with _one_thread_each():
            self._child = ctx.Process(target=_write_store, args=(store_path, list(entities), self._batches,
                                                                 self._results), daemon=True)
            self._child.start()
        self._feeder = threading.Thread(target=self._feed, args=(articles, triples, name_counts), daemon=True)
        self._feeder.start()

    def _put(self, item) -> bool:
        """Put one batch, waiting while the child works; False once the child has stopped."""
        import queue

        while self._child.is_alive():
            try:
                self._batches.put(item, timeout=1.0)
                return True
            except queue.Full:
                continue
        return False

    def _feed(self, articles, triples, name_counts) -> None:
        by_article: dict[str, list] = {}
        for t in triples:
            by_article.setdefault(t.article_id, []).append(t)
        for i in range(0, len(articles), STORE_BATCH):
            chunk = articles[i:i + STORE_BATCH]
            batch = (chunk, [t for a in chunk for t in by_article.pop(a.id, ())],
                     {a.id: name_counts.get(a.id, {}) for a in chunk})
            if not self._put(batch):
                return
        self._put(None)

    def result(self):
        """The StoreReport, once the child is done.

        Raises:
            StoreError: the write failed; the store keeps every article written before the failure.
        """
        import queue

        from kg.errors import StoreError

        report = error = None
        try:
            while True:
                try:
                    report, error = self._results.get(timeout=1.0)
                    break
                except queue.Empty:
                    if not self._child.is_alive():
                        code = self._child.exitcode
                        raise StoreError(f"the store writer stopped (exit code {code}): killed, or out of memory?"
                                         ) from None
        finally:
            self._feeder.join(timeout=5)
            self._child.join(timeout=30)
        if error:
            raise StoreError(error)
        return report
