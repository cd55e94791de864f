"""Store stage, pushing: the store's graphs -> a remote SPARQL server, only what changed since the last push there.

What the server receives is what ``kg export -f nq`` writes, graph by graph: each article's
named graph ``ex:graph/<id>``, and the actors' graph (the store's default graph: actors and
the asserted relations) as the server's default graph or, with `PushOptions.actors_graph`, a
named graph (for servers whose default graph is the union of the others or cannot be written).
The bookkeeping graphs stay home.

What was pushed where is kept beside the store, one file per target URL:
``OUT/store.push/<hash of the URL>.tsv``, a journal of lines ``sending G``, ``pushed G FP`` and
``deleted G``. FP is the store's fingerprint of the article (kgs:fingerprint), or a hash of
the graph's sorted N-Triples for the actors' graph (kept in ``OUT/store.push/actors.tsv`` with
the signature of the store's files, so that an unchanged store is not dumped again). A graph is
written ``pushed`` only after the server acknowledged it, and ``sending`` (written and synced
before the request leaves) marks a graph the server may or may not hold: a push killed at any
moment (``kill -9`` included) leaves a journal from which the next push resends what may be
missing and deletes what may linger, so it ends with the server holding exactly the store's
graphs. Each push starts and ends by rewriting the journal as a compact file (temporary file,
fsync, rename).

A push holds the store's lock (kg.store.write.store_lock): no build writes the store while it
is read, and two pushes of one store do not share a journal.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store.core import KgStore, is_store
from kg.store.remote import PROTOCOLS, PushError, Remote, credentials_for, shown_url
from kg.store.terms import ARTICLE_GRAPH_PREFIX, BOOKKEEPING_PREFIX, KGS_FINGERPRINT
from kg.store.write import store_lock

STATE_HEADER = "kg-push-state 1"
DEFAULT = "DEFAULT"  # the default graph's name in the journal (an IRI always holds a colon)
SYNC_EVERY = 256  # graphs marked `sending` (and synced) at once: one fsync per this many requests' worth
MAX_FAILURES_IN_A_ROW = 5
ACTORS_CACHE = "actors.tsv"  # beside the journals: the actors' graph's hash and the store's signature then


@dataclass(frozen=True)
class PushOptions:
    """How to push. `batch` is the most statements in one request: a larger graph goes in several
    (GSP: a PUT, then POSTs), and with ``update`` graphs are grouped into requests up to it."""

    protocol: str = "gsp"
    batch: int = 50_000
    resend_all: bool = False
    actors_graph: str | None = None
    ca_bundle: Path | None = None
    timeout: float = 120.0
    retries: int = 5
    backoff: float = 1.0


@dataclass
class PushReport:
    """What a push did: graph names sent, deleted and failed (with the reason); statements sent."""

    target: str
    sent: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    statements: int = 0
    requests: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    credentials: str | None = None  # where they came from, never what they are


# --- the journal -------------------------------------------------------------------------------


def state_path(store_path: str | Path, url: str) -> Path:
    """The journal of pushes from a store to a URL: ``OUT/store`` -> ``OUT/store.push/<hash>.tsv``."""
    p = urlsplit(url)
    port = p.port or (443 if p.scheme == "https" else 80)
    key = f"{p.scheme}://{(p.hostname or '').lower()}:{port}{p.path or '/'}?{p.query}"
    store = Path(store_path)
    return store.with_name(store.name + ".push") / (hashlib.sha256(key.encode()).hexdigest()[:16] + ".tsv")


class PushState:
    """What a target holds as far as this store knows: graph name -> fingerprint ("" = maybe there,
    content unknown). Replayed from the journal at `open`, appended to as the server answers."""

    def __init__(self, path: Path, target: str, graphs: dict[str, str]) -> None:
        self.path, self.target, self.graphs = path, target, graphs
        self._fd: int | None = None

    @classmethod
    def open(cls, path: str | Path, target: str) -> PushState:
        """Replay the journal (a torn last line is ignored), rewrite it compactly, open it for appending."""
        path = Path(path)
        graphs: dict[str, str] = {}
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        except (OSError, UnicodeDecodeError) as exc:
            raise PushError(f"{path}: cannot read the push journal ({exc}); remove it and push with --all") from None
        lines = text.split("\n")[:-1]  # whole lines only
        if lines and not lines[0].startswith(STATE_HEADER):
            raise PushError(f"{path}: not a kg push journal; remove it and push with --all")
        for line in lines[1:]:
            verb, _, rest = line.partition("\t")
            name, _, fp = rest.partition("\t")
            if verb == "sending" and name:
                graphs[name] = ""
            elif verb == "pushed" and name and fp:
                graphs[name] = fp
            elif verb == "deleted" and name:
                graphs.pop(name, None)
        state = cls(path, target, graphs)
        state._rewrite()
        state._fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        return state

    def _rewrite(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        lines = [f"{STATE_HEADER}\t{self.target}"]
        lines += [f"pushed\t{g}\t{fp}" if fp else f"sending\t{g}" for g, fp in sorted(self.graphs.items())]
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)
        _sync_dir(self.path.parent)

    def _append(self, lines: list[str], sync: bool) -> None:
        assert self._fd is not None
        os.write(self._fd, "".join(line + "\n" for line in lines).encode())
        if sync:
            os.fsync(self._fd)

    def sending(self, names: list[str]) -> None:
        """The server may hold these from now on, in a version unknown until it acknowledges."""
        for g in names:
            self.graphs[g] = ""
        self._append([f"sending\t{g}" for g in names], sync=True)

    def pushed(self, name: str, fp: str) -> None:
        """The server acknowledged `name` with the content whose fingerprint is `fp`."""
        self.graphs[name] = fp
        self._append([f"pushed\t{name}\t{fp}"], sync=False)  # lost in a power cut: only a resend

    def restore(self, name: str, fp: str | None) -> None:
        """A request refused as it stood left the graph as it was: `fp` (None: not on the server)."""
        if fp is None:
            self.deleted(name)
        elif fp:
            self.pushed(name, fp)

    def deleted(self, name: str) -> None:
        self.graphs.pop(name, None)
        self._append([f"deleted\t{name}"], sync=False)  # lost: only a second, harmless DELETE

    def close(self) -> None:
        """Rewrite the journal compactly and close it."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            self._rewrite()


def _sync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --- what the store holds ----------------------------------------------------------------------


def _graph_node(name: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if name == DEFAULT else ox.NamedNode(name)


def _content_hash(ntriples: bytes) -> str:
    return "sha256:" + hashlib.sha256(b"\n".join(sorted(ntriples.splitlines()))).hexdigest()


def local_graphs(st: KgStore, actors_graph: str | None = None, cache: Path | None = None,
                 dumped: dict[str, bytes] | None = None, hash_actors: bool = True) -> dict[str, str]:
    """The graphs a push sends, name -> fingerprint: every named graph but the bookkeeping ones (an
    article's fingerprint is the store's), and the actors' graph (the default graph, under the name
    DEFAULT or `actors_graph`) with a hash of its content, read from `cache` when the store is unchanged.
    A graph dumped to be hashed is left in `dumped` (name -> N-Triples), so a push need not dump it twice.
    With `hash_actors` False an actors' hash not in `cache` is left "": one to send anyway (the server
    never got it) is hashed as it is sent, while the server takes the articles."""
    fps: dict[str, str] = {}
    for q in st.raw.quads_for_pattern(None, KGS_FINGERPRINT, None, None):
        bk = q.graph_name
        if isinstance(bk, ox.NamedNode) and bk.value.startswith(BOOKKEEPING_PREFIX):
            fps[ARTICLE_GRAPH_PREFIX + bk.value[len(BOOKKEEPING_PREFIX):]] = "kg:" + q.object.value
    out: dict[str, str] = {}
    for g in st.raw.named_graphs():
        if isinstance(g, ox.NamedNode) and not g.value.startswith(BOOKKEEPING_PREFIX):
            out[g.value] = fps.get(g.value) or _content_hash(_dump(st, g.value))
    name = actors_graph or DEFAULT
    if name in out:
        raise PushError(f"the actors' graph cannot be pushed as <{name}>: the store has a graph of that name")
    out[name] = _actors_fingerprint(st, cache, {} if dumped is None else dumped, hash_actors)
    return out


def _actors_fingerprint(st: KgStore, cache: Path | None, dumped: dict[str, bytes], hash_it: bool = True) -> str:
    """The hash of the default graph's content. Dumping it takes seconds on a large store (10,000
    articles: 370,000 statements), most of an unchanged re-push, so the hash is kept in `cache` beside
    the signature of the store's files and reused while they are the same files."""
    signature = store_signature(st.path) if cache is not None and st.path is not None else None
    if signature is not None:
        with contextlib.suppress(OSError, ValueError):
            kept_signature, fp = cache.read_text(encoding="utf-8").split("\n")[0].split("\t")
            if kept_signature == signature and fp.startswith("sha256:"):
                return fp
    if not hash_it:
        return ""
    dumped[DEFAULT] = _dump(st, DEFAULT)
    fp = _content_hash(dumped[DEFAULT])
    keep_actors_hash(st, cache, fp, signature)
    return fp


def keep_actors_hash(st: KgStore, cache: Path | None, fp: str, signature: str | None = None) -> None:
    """Keep the actors' graph's hash in `cache` with the signature of the store's files."""
    if cache is None or st.path is None:
        return
    signature = signature or store_signature(st.path)
    with contextlib.suppress(OSError):  # not kept: the next push dumps it again, that is all
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(cache.name + ".tmp")
        tmp.write_text(f"{signature}\t{fp}\n", encoding="utf-8")
        tmp.replace(cache)


def store_signature(store_path: Path) -> str:
    """The store's files as they are: each one's name, size and modification time. Any write to the
    store appends to a log or adds a table and rewrites the manifest, so it changes the signature;
    reading does not. RocksDB's diagnostic LOG files are left out (an open may write to them)."""
    h = hashlib.sha256(b"kg-store-signature 1\n")
    for entry in sorted(os.scandir(store_path), key=lambda e: e.name):
        if entry.is_file() and not entry.name.startswith("LOG"):
            st = entry.stat()
            h.update(f"{entry.name}\t{st.st_size}\t{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _dump(st: KgStore, name: str) -> bytes:
    return st.raw.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=_graph_node(name))


def _chunks(ntriples: bytes, size: int) -> list[bytes]:
    """N-Triples cut into pieces of at most `size` statements (one at least, maybe empty)."""
    lines = ntriples.splitlines(keepends=True)
    if len(lines) <= size:
        return [ntriples]
    return [b"".join(lines[i:i + size]) for i in range(0, len(lines), size)]


# --- pushing -----------------------------------------------------------------------------------


@dataclass
class _Graph:
    """A graph on its way: its name in the journal, where the server keeps it, its fingerprint, and
    what the server holds of it as far as is known (`now`: a fingerprint, "" unknown, None nothing)."""

    name: str
    remote: str | None  # the IRI on the server; None for the server's default graph
    fp: str
    index: int  # its place among the graphs this push sends
    now: str | None
    body: bytes = b""
    statements: int = 0


@dataclass
class _Request:
    """The requests for some graphs, made ready (bodies dumped and encoded) ahead of their turn."""

    graphs: list[_Graph]
    bodies: list[bytes]


# on_event(kind, graph name, statements): "pushed", "deleted" or "failed" (the reason in place of a count)
OnEvent = Callable[[str, str, object], None]


def push(store_path: str | Path, url: str, options: PushOptions = PushOptions(), *,
         env: Mapping[str, str] | None = None, on_plan: Callable[[int, int, int], None] | None = None,
         on_event: OnEvent | None = None) -> PushReport:
    """Send the store at `store_path` to the SPARQL server at `url`: what changed since the last push there.

    Args:
        url: the Graph Store endpoint (protocols gsp and quads, e.g. ``http://host:7878/store``) or
            the update endpoint (protocol update, e.g. ``http://host:7878/update``).
        env: where credentials are read (default os.environ; see kg.store.remote.credentials_for).
        on_plan: called once with (graphs to send, to delete, unchanged) before the first request.
        on_event: called after each graph the server acknowledged or refused.

    Returns:
        The report; `failed` lists graphs the server refused (the next push retries them).

    Raises:
        PushError: the push had to stop (unreachable server, credentials refused, wrong endpoint);
            `.report` holds what was done before. StoreError: no store, or a build holds it.
    """
    if options.protocol not in PROTOCOLS:
        raise PushError(f"unknown protocol {options.protocol!r}; use {', '.join(PROTOCOLS)}")
    if options.batch < 1:
        raise PushError("--batch must be at least 1 statement")
    started = time.perf_counter()
    remote = Remote(url, credentials=credentials_for(url, env), ca_bundle=options.ca_bundle,
                    timeout=options.timeout, retries=options.retries, backoff=options.backoff)
    report = PushReport(shown_url(url), warnings=list(remote.warnings),
                        credentials=remote.credentials.source if remote.credentials else None)
    store_path = Path(store_path)
    if not is_store(store_path):
        raise StoreError(f"{store_path}: no store here; build one with 'kg build INPUT -o OUT'")
    with store_lock(store_path), KgStore(store_path, read_only=True) as st:
        journal = state_path(store_path, url)
        cache = journal.with_name(ACTORS_CACHE)
        dumped: dict[str, bytes] = {}
        state = PushState.open(journal, report.target)
        try:
            actors = options.actors_graph or DEFAULT
            # the actors' hash is wanted now only to compare it with one the server may hold
            local = local_graphs(st, options.actors_graph, cache=cache, dumped=dumped,
                                 hash_actors=actors in state.graphs and not options.resend_all)
            send = [g for g in sorted(local, key=lambda g: (g == actors, g))  # the actors last
                    if options.resend_all or state.graphs.get(g) != local[g]]
            gone = sorted(g for g in state.graphs if g not in local)
            report.unchanged = len(local) - len(send)
            if on_plan:
                on_plan(len(send), len(gone), report.unchanged)
            _Pusher(st, remote, state, options, report, on_event, dumped, cache).run(send, gone, local)
        except PushError as exc:
            exc.report = report
            raise
        finally:
            state.close()
            remote.close()
            report.requests = remote.requests
            report.seconds = time.perf_counter() - started
    return report


class _Pusher:
    """One push's requests: deletions, then the graphs in batches, with the journal kept in step.

    The requests are made ready (graphs dumped, bodies encoded) in a second thread while the
    server works on the previous one, so neither waits for the other.
    """

    def __init__(self, st: KgStore, remote: Remote, state: PushState, options: PushOptions, report: PushReport,
                 on_event: OnEvent | None, dumped: dict[str, bytes] | None = None, cache: Path | None = None) -> None:
        self.st, self.remote, self.state, self.opt, self.report = st, remote, state, options, report
        self.cache = cache  # where the actors' graph's hash is kept
        self.dumped = dumped if dumped is not None else {}  # graphs dumped already (to be hashed): not twice
        self.on_event = on_event or (lambda *_: None)
        self.in_a_row = 0
        self.actors = options.actors_graph or DEFAULT
        self.marked = 0  # the graphs send[:marked] are journalled `sending`

    def run(self, send: list[str], gone: list[str], local: dict[str, str]) -> None:
        for group in _groups(gone, 1 if self.opt.protocol != "update" else 1000):
            graphs = [_Graph(n, _remote(n), "", -1, self.state.graphs.get(n)) for n in group]
            if self.opt.protocol == "update":
                text = _join([_drop(_remote(n)).encode() for n in group])
                self.attempt(graphs, lambda t=text, g=group: self.remote.update(t, _what(g)), deleting=True)
            else:
                self.attempt(graphs, lambda n=group[0]: self.remote.delete(_remote(n)), deleting=True)
        before = dict(self.state.graphs)
        graphs = (_Graph(n, _remote(n), local[n], i, before.get(n)) for i, n in enumerate(send))
        prepare = getattr(self, "prepare_" + self.opt.protocol)
        send_one = getattr(self, "send_" + self.opt.protocol)
        for request in _prefetched(prepare(graphs), depth=2):
            last = request.graphs[-1].index
            if last >= self.marked:  # journalled and synced before the request leaves, many at a time
                upto = max(last + 1, self.marked + SYNC_EVERY)
                self.state.sending(send[self.marked:upto])
                self.marked = upto
            self.attempt(request.graphs, lambda r=request: send_one(r))

    def body(self, g: _Graph) -> _Graph:
        source = DEFAULT if g.name == self.actors else g.name
        g.body = self.dumped.pop(source, None) or _dump(self.st, source)
        g.statements = g.body.count(b"\n")
        if not g.fp:  # the actors' graph, not hashed before (local_graphs): hashed as it is sent
            g.fp = _content_hash(g.body)
            keep_actors_hash(self.st, self.cache, g.fp)
        return g

    # --- per protocol: the requests made ready (in the preparing thread), then sent ---

    def prepare_gsp(self, graphs: Iterator[_Graph]) -> Iterator[_Request]:
        """A PUT per graph (a graph over --batch statements: a PUT, then POSTs that add the rest)."""
        for g in map(self.body, graphs):
            yield _Request([g], _chunks(g.body, self.opt.batch))

    def send_gsp(self, r: _Request) -> None:
        g = r.graphs[0]
        self.remote.put(g.remote, r.bodies[0])
        for chunk in r.bodies[1:]:
            g.now = ""  # part of it is there
            self.remote.post(g.remote, chunk)

    def prepare_update(self, graphs: Iterator[_Graph]) -> Iterator[_Request]:
        """DROP SILENT GRAPH and INSERT DATA, as many graphs a request as --batch statements allow."""
        for batch in _batches(map(self.body, graphs), self.opt.batch):
            if len(batch) == 1 and batch[0].statements > self.opt.batch:
                g = batch[0]
                texts = [_join(([_drop(g.remote).encode()] if i == 0 else []) + [_insert([(g.remote, chunk)])])
                         for i, chunk in enumerate(_chunks(g.body, self.opt.batch))]
            else:
                texts = [_join([_drop(g.remote).encode() for g in batch]
                               + [_insert([(g.remote, g.body) for g in batch])])]
            yield _Request(batch, texts)

    def send_update(self, r: _Request) -> None:
        for i, text in enumerate(r.bodies):
            if i:
                r.graphs[0].now = ""
            self.remote.update(text, _what([g.name for g in r.graphs]))

    def prepare_quads(self, graphs: Iterator[_Graph]) -> Iterator[_Request]:
        """The graphs as N-Quads, --batch statements a request (a larger graph alone, in pieces)."""
        for batch in _batches(map(self.body, graphs), self.opt.batch):
            # canonical N-Triples end every statement with " .\n" and escape newlines inside literals
            nq = b"".join(g.body if g.remote is None else g.body.replace(b" .\n", f" <{g.remote}> .\n".encode())
                          for g in batch)
            yield _Request(batch, _chunks(nq, self.opt.batch) if len(batch) == 1 else [nq])

    def send_quads(self, r: _Request) -> None:
        """A DELETE per graph the server may hold (POST adds: nothing stale may stay), then a POST to the
        dataset per body. A graph the journal says the server never got (a first push) needs no DELETE:
        a push killed after its `sending` line leaves it "" there, so the next one deletes it; `--all`,
        which trusts no journal, deletes every graph."""
        for g in r.graphs:
            if g.now is not None or self.opt.resend_all:
                self.remote.delete(g.remote)
                g.now = None
        for i, body in enumerate(r.bodies):
            if i:
                r.graphs[0].now = ""
            self.remote.post_quads(body, _what([g.name for g in r.graphs]))

    # --- what the server said ---

    def attempt(self, graphs: list[_Graph], request: Callable[[], None], *, deleting: bool = False) -> None:
        """Make the requests for `graphs` and note what the server said in the journal and the report."""
        try:
            request()
        except PushError as exc:
            if exc.fatal:
                raise
            self.failed(graphs, exc, deleting)
            return
        self.in_a_row = 0
        for g in graphs:
            if deleting:
                self.state.deleted(g.name)
                self.report.deleted.append(g.name)
                self.on_event("deleted", g.name, 0)
            else:
                self.state.pushed(g.name, g.fp)
                self.report.sent.append(g.name)
                self.report.statements += g.statements
                self.on_event("pushed", g.name, g.statements)

    def failed(self, graphs: list[_Graph], exc: PushError, deleting: bool) -> None:
        self.in_a_row += 1
        # a request refused as it stands (4xx, 501) changed nothing: the server holds what it held before it
        refused = exc.status is not None and (400 <= exc.status < 500 or exc.status == 501)
        for g in graphs:
            why = str(exc)
            if g.name == DEFAULT and not deleting:
                why += "; a server without a writable default graph (Virtuoso) needs --actors-graph IRI"
            if refused and not deleting:
                self.state.restore(g.name, g.now)
            self.report.failed.append((g.name, why))
            self.on_event("failed", g.name, why)
        if self.in_a_row >= MAX_FAILURES_IN_A_ROW:
            raise PushError(f"stopped after {self.in_a_row} refused requests in a row; the last: {exc}")


def _prefetched(items: Iterator, depth: int) -> Iterator:
    """`items`, computed in a thread up to `depth` ahead of the caller; stops with the caller."""
    ready: queue.Queue = queue.Queue(depth)
    stop = threading.Event()
    end = object()

    def put(x: object) -> bool:
        while not stop.is_set():
            try:
                ready.put(x, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            for x in items:
                if not put(x):
                    return
            put(end)
        except BaseException as exc:  # handed over, raised in the caller's thread
            put(_Failed(exc))

    thread = threading.Thread(target=work, name="kg-push-prepare", daemon=True)
    thread.start()
    try:
        while (x := ready.get()) is not end:
            if isinstance(x, _Failed):
                raise x.exc
            yield x
    finally:
        stop.set()
        thread.join()


@dataclass
class _Failed:
    exc: BaseException


def _remote(name: str) -> str | None:
    """A journal name -> the graph's IRI on the server (None: its default graph)."""
    return None if name == DEFAULT else name


def _join(ops: list[bytes]) -> bytes:
    return b" ;\n".join(op for op in ops if op)


def _groups(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _batches(graphs: Iterator[_Graph], size: int) -> Iterator[list[_Graph]]:
    """Graphs grouped while their statements stay within `size` (a larger graph alone)."""
    batch: list[_Graph] = []
    n = 0
    for g in graphs:
        if batch and n + g.statements > size:
            yield batch
            batch, n = [], 0
        batch.append(g)
        n += g.statements
    if batch:
        yield batch


def _drop(remote: str | None) -> str:
    return "DROP SILENT DEFAULT" if remote is None else f"DROP SILENT GRAPH <{remote}>"


def _insert(parts: list[tuple[str | None, bytes]]) -> bytes:
    # N-Triples lines are SPARQL triples as they are (kg.store.core writes its updates so too)
    parts = [(remote, ntriples) for remote, ntriples in parts if ntriples.strip()]
    if not parts:  # an empty graph is dropped and that is all (Virtuoso refuses an empty GRAPH {})
        return b""
    body = [b"INSERT DATA {\n"]
    for remote, ntriples in parts:
        if remote is None:
            body.append(ntriples)
        else:
            body += [f"GRAPH <{remote}> {{\n".encode(), ntriples, b"}\n"]
    body.append(b"}")
    return b"".join(body)


def _what(names: list[str]) -> str:
    shown = ["the default graph" if n == DEFAULT else f"<{n}>" for n in names[:2]]
    return ", ".join(shown) + (f" and {len(names) - 2} more graphs" if len(names) > 2 else "")
