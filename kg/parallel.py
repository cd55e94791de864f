"""Where articles are processed: in this process, in N worker processes, or on a Dask cluster.

Each way yields one `Processed` per article, in the order the articles were given, so the
rest of the build (resolution, graph, store) is the same whichever way ran, and the output
is byte-identical. Processing an article depends on that article and the lexicon only.

Workers load the NLP pipelines once each (on their first article) and keep them. They are
started with ``spawn`` (no ``fork``: a parent that has run numpy or held threads may not fork
safely), with BLAS and OpenMP held to one thread each, since the parallelism is the processes.
A worker that dies (the OOM killer's kill -9) is replaced and its batch retried once; if the
batch kills its worker again, its articles are reported as failed, each by name, and the
build goes on.
"""

from __future__ import annotations

import contextlib
import os
import signal
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
READ_AHEAD = 4  # batches read per worker ahead of the one being yielded
RETRIES = 1  # times a batch is given to a new worker after its worker died
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


# test hooks: a worker given the article named by DIES_ON kills itself with SIGKILL (as the OOM
# killer would); with DIES_ONCE (a file path) only the first one, which creates that file
DIES_ON = "KG_TEST_WORKER_DIES_ON"
DIES_ONCE = "KG_TEST_WORKER_DIES_ONCE"


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
    _die_if_asked(articles)
    if _processor is None:
        _init_worker(None)
    return _process_batch_with(_processor, articles)


def _die_if_asked(articles: list[Article]) -> None:
    victim = os.environ.get(DIES_ON)
    if not victim or all(a.id != victim for a in articles):
        return
    once = os.environ.get(DIES_ONCE)
    if once:
        try:
            os.close(os.open(once, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return
    os.kill(os.getpid(), signal.SIGKILL)


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


class _Worker:
    """One worker process, the parent's end of its pipe, and the batch it is on (None: idle)."""

    def __init__(self, ctx, lexicon: Lexicon | None) -> None:
        self.conn, child = ctx.Pipe()
        with _one_thread_each():
            self.process = ctx.Process(target=_worker_main, args=(child, lexicon), daemon=True)
            self.process.start()
        child.close()
        self.batch: int | None = None

    def give(self, index: int, batch: list[Article]) -> None:
        self.batch = index
        try:
            self.conn.send((index, batch))
        except OSError:  # it died before reading: its sentinel says so at the next wait
            pass

    def why_dead(self) -> str:
        self.process.join()
        self.conn.close()
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"killed by {signal.Signals(-code).name}, as when out of memory"
        return f"exit code {code}"


def _worker_main(conn, lexicon: Lexicon | None) -> None:
    """A worker process: batches in through `conn`, their results out, until None or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    _init_worker(lexicon)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        index, batch = task
        conn.send((index, _process_batch(batch)))


def _in_pool(articles: Iterable[Article], jobs: int, lexicon: Lexicon | None) -> Iterator[Processed]:
    pool = _Pool(jobs, lexicon)
    try:
        yield from pool.run(_batches(articles, CHUNK))
        pool.close()
    finally:
        pool.terminate()


class _Pool:
    """`jobs` worker processes, one batch each at a time, the results yielded in the batches' order.

    A worker that dies (killed, out of memory) is noticed by its process sentinel and replaced,
    and its batch is given once more, to the new worker; if that one dies too, each article of
    the batch is reported as failed and the build goes on without them. Batches are read a few
    per worker ahead of the one yielded: the corpus is read as the workers need it.
    """

    def __init__(self, jobs: int, lexicon: Lexicon | None) -> None:
        import multiprocessing

        self._ctx = multiprocessing.get_context("spawn")
        self._lexicon = lexicon
        self._ahead = READ_AHEAD * jobs
        self.workers = [_Worker(self._ctx, lexicon) for _ in range(jobs)]
        self._read: dict[int, list[Article]] = {}  # batches read and not yet yielded
        self._todo: deque[int] = deque()  # read and not yet given to a worker
        self._done: dict[int, list[Processed]] = {}
        self._deaths: dict[int, int] = {}

    def run(self, batches: Iterable[list[Article]]) -> Iterator[Processed]:
        source = enumerate(batches)
        first = 0  # the next batch to yield
        more = True
        while True:
            while more and len(self._read) < self._ahead:
                item = next(source, None)
                if item is None:
                    more = False
                else:
                    self._read[item[0]] = item[1]
                    self._todo.append(item[0])
            for w in self.workers:
                if w.batch is None and self._todo:
                    index = self._todo.popleft()
                    w.give(index, self._read[index])
            if first in self._done:
                yield from self._done.pop(first)
                del self._read[first]
                first += 1
            elif self._read:
                self._wait()
            else:
                return

    def _wait(self) -> None:
        """Until a worker sends its results or dies."""
        from multiprocessing.connection import wait

        by_conn = {w.conn: w for w in self.workers if w.batch is not None}
        by_sentinel = {w.process.sentinel: w for w in self.workers}
        for ready in wait([*by_conn, *by_sentinel]):
            w = by_conn.get(ready) or by_sentinel[ready]
            if w not in self.workers:  # both its pipe and its sentinel woke us: replaced already
                continue
            if w.batch is not None and w.conn.poll():
                try:  # a result sent just before dying is still whole in the pipe
                    index, results = w.conn.recv()
                    self._done[index], w.batch = results, None
                    continue
                except (EOFError, OSError):  # died while sending
                    pass
            if not w.process.is_alive():
                self._replace(w)

    def _replace(self, dead: _Worker) -> None:
        lost, why = dead.batch, dead.why_dead()
        fresh = _Worker(self._ctx, self._lexicon)
        self.workers[self.workers.index(dead)] = fresh
        if lost is None:
            return
        self._deaths[lost] = self._deaths.get(lost, 0) + 1
        batch = self._read[lost]
        if self._deaths[lost] > RETRIES:
            self._done[lost] = [_failed(a, f"the worker process reading its batch of {len(batch)} articles "
                                           f"died {self._deaths[lost]} times ({why})") for a in batch]
        else:
            fresh.give(lost, batch)

    def close(self) -> None:
        """Ask the workers to stop once all is done."""
        for w in self.workers:
            with contextlib.suppress(OSError):
                w.conn.send(None)
        for w in self.workers:
            w.process.join(timeout=60)

    def terminate(self) -> None:
        for w in self.workers:
            if w.process.is_alive():
                w.process.terminate()
            w.process.join()
            w.conn.close()


def _failed(article: Article, why: str) -> Processed:
    return Processed(light(article), error=f"{article.path}: {why}; skipped", sentences=len(article.sentences))


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
    """The batches on a Dask cluster, a bounded window of them at a time, results in order.

    Dask itself gives the task of a worker that died to another worker; once too many have died
    running it (the scheduler's ``allowed-failures``), each article of the batch is reported as
    failed and the build goes on without them.
    """
    try:
        from distributed import Client, KilledWorker
    except ImportError as exc:
        raise ClusterError("--dask needs dask.distributed: pip install 'kg[dask]'") from exc
    own = isinstance(address, str)
    try:
        client = Client(address, timeout="10s") if own else address
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc

    def results(batch: list[Article], future) -> list[Processed]:
        try:
            return future.result()
        except KilledWorker as exc:
            return [_failed(a, f"every Dask worker that ran its batch of {len(batch)} articles died ({exc})")
                    for a in batch]

    try:
        if lexicon is not None:
            client.run(_init_worker, lexicon)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        # a bounded window of batches in flight: results come back in order and the corpus
        # is never all on the cluster at once
        window: deque = deque()
        for batch in _batches(articles, CHUNK):
            window.append((batch, client.submit(_process_batch, batch, pure=False)))
            if len(window) >= READ_AHEAD * workers:
                yield from results(*window.popleft())
        while window:
            yield from results(*window.popleft())
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
