"""Store stage, serving: a client's query -> an answer from a worker process, the workers shared fairly.

Each worker is a process that opens the store read-only and answers one query at a time;
without federation it first forbids itself the network (sandbox.py) and refuses any query
whose parse has a SERVICE clause (federation.py). A worker that overruns its time is killed
and replaced.

The pool lends workers in arrival order, but never two at once to one client (its next
query waits for its last), and keeps one worker for short queries: a query that gets a
worker while all the others run queries with the full timeout may run `short_timeout`
seconds only, so two slow queries cannot keep every other client waiting for the timeout.
"""

from __future__ import annotations

import collections
import multiprocessing
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from kg.errors import StoreError

TEXT = "text/plain; charset=utf-8"
# The worker parses and evaluates on a thread with a deep stack: rdflib's parser recurses about ten
# frames per triple pattern, so a query of a few hundred patterns overflows the default limit.
_STACK_BYTES = 512 << 20
_RECURSION = 200_000
_READY = "ready"
# how long a new worker may take to start (imports, opening the store); not part of any query's time
STARTUP_SECONDS = 120.0


@dataclass(frozen=True)
class Answer:
    """What the endpoint sends back for one query."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def _text(status: int, message: str, *headers: tuple[str, str]) -> Answer:
    return Answer(status, TEXT, (message + "\n").encode(), headers)


REFUSED_SERVICE = ("federated queries (SERVICE) are disabled on this endpoint; "
                   "start 'kg serve' with --allow-federation to allow them")


def _answer(store, query: str, accept: str, graphs, limit: int, allow_federation: bool) -> Answer:
    from kg.store.federation import uses_service
    from kg.store.protocol import answer_query

    if not allow_federation:
        try:
            if uses_service(query):
                return _text(403, REFUSED_SERVICE)
        except StoreError as exc:
            return _text(400, str(exc))
    status, ctype, body, truncated = answer_query(store, query, accept, limit=limit, default_graphs=graphs)
    return Answer(status, ctype, body, (("X-KG-Truncated", "true"),) if truncated else ())


def _serve_queries(store_path: str, conn, limit: int, allow_federation: bool) -> None:  # pragma: no cover
    from kg.store.core import KgStore

    try:
        store = KgStore(store_path, read_only=True)
    except StoreError as exc:
        conn.send(str(exc))
        return
    conn.send(_READY)
    while True:
        try:
            query, accept, graphs = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = _answer(store, query, accept, graphs, limit, allow_federation)
        except Exception as exc:  # one bad query must not end the worker: answer it and go on
            answer = _text(500, f"the query failed: {type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}")
        conn.send(answer)


def _worker_main(store_path: str, conn, limit: int, allow_federation: bool) -> None:  # pragma: no cover - a child
    if not allow_federation:
        from kg.store.sandbox import forbid_network

        forbid_network()  # before any thread starts, so every thread is held by it
    threading.stack_size(_STACK_BYTES)
    sys.setrecursionlimit(_RECURSION)
    thread = threading.Thread(target=_serve_queries, args=(store_path, conn, limit, allow_federation))
    thread.start()
    thread.join()


class _Worker:
    """A child process holding the store read-only; killed and replaced when a query overruns."""

    def __init__(self, store_path: str, limit: int, allow_federation: bool) -> None:
        ctx = multiprocessing.get_context("spawn")  # no fork: the parent holds threads and sockets
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(store_path, child, limit, allow_federation),
                                   daemon=True)
        self.process.start()
        child.close()
        self._ready = False
        self._stopping = threading.Lock()

    def ready(self) -> bool:
        """Wait for the worker to have opened the store; raises StoreError when it could not."""
        if not self._ready:
            if not self.conn.poll(STARTUP_SECONDS):
                raise StoreError(f"a query worker did not start within {STARTUP_SECONDS:g} s")
            try:
                message = self.conn.recv()
            except EOFError:
                message = "it ended while starting"
            if message != _READY:
                raise StoreError(f"a query worker could not open the store: {message}")
            self._ready = True
        return True

    def stop(self) -> None:
        """Kill the process and close its pipe; safe to call twice and from two threads at once (the pool's close
        and the thread whose query the kill ended both stop it: two closes of one pipe raised EBADF)."""
        with self._stopping:
            self.process.kill()
            self.process.join(5)
            if not self.conn.closed:
                self.conn.close()


@dataclass(frozen=True)
class Load:
    """What the pool is doing: running queries per client address, queries waiting, idle workers, and how many
    queries were given a worker since it started."""

    running: dict[str, int]
    waiting: int
    idle: int
    started: int


class WorkerPool:
    """`size` worker processes lent to clients fairly (see the module's docstring).

    Example:
        pool = WorkerPool("out/store", size=2, limit=100, timeout=30, short_timeout=2)
        pool.run("127.0.0.1", "ASK {}", "", None)   # Answer(status=200, ...)
        pool.close()
    """

    def __init__(self, store_path: str, *, size: int, limit: int, timeout: float, short_timeout: float,
                 allow_federation: bool = False) -> None:
        self._spawn = lambda: _Worker(store_path, limit, allow_federation)
        self.timeout = timeout
        self.short_timeout = min(short_timeout, timeout)
        size = max(1, size)
        self._long_slots = size - 1 if size > 1 else 1  # one worker kept for short queries when there are two
        self._cond = threading.Condition()
        self._idle = [self._spawn() for _ in range(size)]
        self._all = set(self._idle)
        self._queue: collections.deque[str] = collections.deque()  # client addresses, in arrival order
        self._running: collections.Counter[str] = collections.Counter()
        self._long = 0
        self._started = 0
        self._closed = False

    def wait_ready(self) -> None:
        """Wait for every worker to have opened the store; raises StoreError when one could not."""
        with self._cond:
            workers = list(self._idle)
        for worker in workers:
            worker.ready()

    def run(self, client: str, query: str, accept: str, graphs: list[str] | None) -> Answer:
        """Answer one query for `client` (its address) on a worker, waiting at most `timeout` for one."""
        lease = self._acquire(client)
        if lease is None:
            return _text(503, f"the server is busy: no query worker came free within {self.timeout:g} s; "
                              "try again later", ("Retry-After", str(max(1, round(self.timeout)))))
        worker, budget, long = lease
        answer = None
        try:
            worker.ready()  # a replaced worker's start is not the query's time
            worker.conn.send((query, accept, graphs))
            if worker.conn.poll(budget):
                answer = worker.conn.recv()
                return answer
            if not long:
                return _text(503, f"the query ran longer than {budget:g} s, the most a query may run while the "
                                  "other workers are busy with long queries; try again later",
                             ("Retry-After", str(max(1, round(budget)))))
            return _text(503, f"the query ran longer than {self.timeout:g} s and was stopped")
        except StoreError as exc:
            return _text(500, str(exc))
        except (EOFError, OSError):
            if self._closed:
                return _text(503, "the server is stopping")
            return _text(500, "the query worker failed; try again")
        finally:
            self._release(client, worker, long, replace=answer is None)

    def _turn(self, client: str) -> bool:
        """True when `client` is the first in the queue whose own earlier query is not running."""
        for waiting in self._queue:
            if not self._running[waiting]:
                return waiting == client
        return False

    def _acquire(self, client: str) -> tuple[_Worker, float, bool] | None:
        """(a worker, how long its query may run, whether that is the full timeout), or None when none came free."""
        deadline = time.monotonic() + self.timeout
        with self._cond:
            self._queue.append(client)
            self._cond.notify_all()
            try:
                while not self._closed:
                    if self._idle and self._turn(client):
                        worker = self._idle.pop()
                        self._running[client] += 1
                        self._started += 1
                        if self._long < self._long_slots:
                            self._long += 1
                            return worker, self.timeout, True
                        return worker, self.short_timeout, False
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return None
                    self._cond.wait(left)
                return None
            finally:
                self._queue.remove(client)
                self._cond.notify_all()

    def _release(self, client: str, worker: _Worker, long: bool, *, replace: bool) -> None:
        with self._cond:
            self._running[client] -= 1
            if self._running[client] <= 0:
                del self._running[client]
            self._long -= long
            if replace:
                self._all.discard(worker)
            self._cond.notify_all()
        if replace:  # overran or died: a new process, spawned outside the lock (it takes a moment)
            worker.stop()
            if self._closed:
                return
            worker = self._spawn()
        with self._cond:
            if self._closed:
                worker.stop()
                return
            self._all.add(worker)
            self._idle.append(worker)
            self._cond.notify_all()

    def load(self) -> Load:
        """A snapshot of what the pool is doing."""
        with self._cond:
            return self._load()

    def _load(self) -> Load:
        return Load(dict(self._running), len(self._queue), len(self._idle), self._started)

    def wait_until(self, test: Callable[[Load], bool], timeout: float) -> bool:
        """Block until `test(load)` holds (True) or `timeout` seconds pass (False); for tests and monitors."""
        with self._cond:
            return self._cond.wait_for(lambda: test(self._load()), timeout)

    def close(self) -> None:
        """End every worker; queries running or waiting are answered 503."""
        with self._cond:
            self._closed = True
            workers = list(self._all)
            self._idle.clear()
            self._cond.notify_all()
        for worker in workers:
            worker.stop()
