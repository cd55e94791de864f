"""Store stage, serving: a store on disk -> a read-only SPARQL 1.1 Protocol endpoint over HTTP (`kg serve`).

Queries run in worker processes that open the store read-only; updates are refused, a
query has a timeout and a row limit, and SERVICE is refused unless federation is allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store.core import KgStore, is_store
from kg.store.queries import SPARQL_COMMENT, SPARQL_IRI, SPARQL_STRING
from kg.store.results import results_text
from kg.store.terms import KGS_PREFIXES

_SERVICE = re.compile(r"(?<![\w:])service(?![\w:-])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """True when the query has a SERVICE clause (strings, IRIs and comments are ignored)."""
    text = SPARQL_STRING.sub('""', query)
    text = SPARQL_IRI.sub("<>", text)
    text = SPARQL_COMMENT.sub("", text)
    return bool(_SERVICE.search(text))


_SELECT_TYPES = [("application/sparql-results+json", "srj"), ("application/json", "srj"),
                 ("application/sparql-results+xml", "xml"), ("application/xml", "xml"),
                 ("text/csv", "csv"), ("text/tab-separated-values", "tsv")]
_GRAPH_TYPES = [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML)]
_FORMAT_PARAM = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                 "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                 "n3": "text/turtle", "rdf": "application/rdf+xml", "json-ld": "application/ld+json"}


def _negotiate(accept: str, kind: str) -> tuple[str, object]:
    """(content type, format) for a result kind from an Accept header (first match wins, default JSON/Turtle)."""
    table = _GRAPH_TYPES if kind == "CONSTRUCT" else _SELECT_TYPES
    wanted = [part.split(";")[0].strip().lower() for part in (accept or "").split(",")]
    for w in wanted:
        for ctype, fmt in table:
            if w == ctype:
                return ctype, fmt
    return table[0]


def answer_query(store: KgStore, query: str, accept: str, *, limit: int,
                 default_graphs: list[str] | None = None) -> tuple[int, str, bytes, bool]:
    """Evaluate one protocol request: (HTTP status, content type, body, truncated)."""
    try:
        res = store.query(query, limit=limit, default_graphs=default_graphs)
    except StoreError as exc:
        return 400, "text/plain; charset=utf-8", (str(exc) + "\n").encode(), False
    if res.kind == "CONSTRUCT":
        ctype, fmt = _negotiate(accept, "CONSTRUCT")
        triples = res.triples[:limit]
        body = ox.serialize(triples, format=fmt, prefixes=KGS_PREFIXES if fmt == ox.RdfFormat.TURTLE else None)
        return 200, ctype, body, len(res.triples) > limit
    ctype, fmt = _negotiate(accept, res.kind)
    charset = "; charset=utf-8" if fmt in ("csv", "tsv") else ""
    return 200, ctype + charset, results_text(res, fmt).encode(), res.truncated


def _worker_main(store_path: str, conn, limit: int) -> None:  # pragma: no cover - runs in a child process
    st = KgStore(store_path, read_only=True)
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        query, accept, graphs = msg
        conn.send(answer_query(st, query, accept, limit=limit, default_graphs=graphs))


@dataclass
class ServeOptions:
    """How `kg serve` runs: address, limits and whether SERVICE may fetch other endpoints."""

    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0
    limit: int = 10_000
    allow_federation: bool = False
    workers: int = 2
    max_query_bytes: int = 1_000_000


class _Worker:
    """A child process holding the store read-only; killed and replaced when a query overruns."""

    def __init__(self, store_path: str, limit: int) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")  # no fork: the parent holds threads and sockets
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(store_path, child, limit), daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class SparqlServer:
    """A SPARQL 1.1 Protocol endpoint over a store: queries only, a timeout, a row limit, no SERVICE.

    Queries run in worker processes that open the store read-only, so no request can
    write it, and a query that runs past the timeout is stopped by killing its worker.
    Updates (the `update` parameter, application/sparql-update, /update) get 403;
    PUT, DELETE and PATCH get 405. Results beyond `limit` rows are cut, and the
    `X-KG-Truncated: true` header says so. The default graph is the union of all graphs
    unless the request names `default-graph-uri`s. A store rebuilt while the server runs
    is seen after a restart.

    Example:
        server = SparqlServer("out/store", ServeOptions(port=0))
        server.start()            # returns (host, port)
        ...                       # GET http://host:port/sparql?query=...
        server.stop()
    """

    def __init__(self, store_path: str | Path, options: ServeOptions | None = None) -> None:
        if not is_store(store_path):
            raise StoreError(f"{store_path}: no store here; build one with 'kg build INPUT -o OUT'")
        self.store_path = str(Path(store_path).resolve())
        self.options = options or ServeOptions()
        self._pool = None
        self._httpd = None
        self._thread = None

    def start(self) -> tuple[str, int]:
        """Start the workers and the HTTP server in a background thread; returns the bound address."""
        import queue
        import threading
        from http.server import ThreadingHTTPServer

        opts = self.options
        self._pool = queue.Queue()
        for _ in range(max(1, opts.workers)):
            self._pool.put(_Worker(self.store_path, opts.limit))
        handler = _make_handler(self)
        try:
            self._httpd = ThreadingHTTPServer((opts.host, opts.port), handler)
        except OSError as exc:
            self._stop_workers()
            raise StoreError(f"cannot listen on {opts.host}:{opts.port}: {exc.strerror or exc}") from exc
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="kg-serve", daemon=True)
        self._thread.start()
        host, port = self._httpd.server_address[:2]
        return str(host), int(port)

    def stop(self) -> None:
        """Stop serving and end the workers."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        self._stop_workers()

    def wait(self) -> None:
        """Block until the server thread ends (Ctrl-C in the caller stops it)."""
        if self._thread is not None:
            while self._thread.is_alive():
                self._thread.join(0.5)

    def _stop_workers(self) -> None:
        while self._pool is not None and not self._pool.empty():
            self._pool.get_nowait().stop()

    def run(self, query: str, accept: str, graphs: list[str] | None) -> tuple[int, str, bytes, dict[str, str]]:
        """One query through a worker, with the timeout; (status, content type, body, extra headers)."""
        import queue

        opts = self.options
        if not opts.allow_federation and uses_service(query):
            return 403, "text/plain; charset=utf-8", (
                b"federated queries (SERVICE) are disabled on this endpoint; "
                b"start 'kg serve' with --allow-federation to allow them\n"), {}
        try:
            worker = self._pool.get(timeout=opts.timeout)
        except queue.Empty:
            return 503, "text/plain; charset=utf-8", b"all workers are busy; try again\n", {}
        try:
            worker.conn.send((query, accept, graphs))
            if worker.conn.poll(opts.timeout):
                status, ctype, body, truncated = worker.conn.recv()
                self._pool.put(worker)
                worker = None
                return status, ctype, body, ({"X-KG-Truncated": "true"} if truncated else {})
            return 503, "text/plain; charset=utf-8", (
                f"the query ran longer than {opts.timeout:g} s and was stopped\n".encode()), {}
        except (EOFError, OSError, BrokenPipeError):
            return 500, "text/plain; charset=utf-8", b"the query worker failed; try again\n", {}
        finally:
            if worker is not None:  # overran or died: replace it
                worker.stop()
                self._pool.put(_Worker(self.store_path, opts.limit))


def _make_handler(server: SparqlServer):
    from http.server import BaseHTTPRequestHandler
    from urllib.parse import parse_qs, urlsplit

    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-sparql/1"

        def log_message(self, format: str, *args) -> None:
            pass  # library code never prints; a reverse proxy logs requests

        def _send(self, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _text(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
            self._send(status, "text/plain; charset=utf-8", (message + "\n").encode(), headers)

        def _dispatch(self, params: dict[str, list[str]], body_query: str | None) -> None:
            path = urlsplit(self.path).path.rstrip("/")
            if path.endswith("/update") or "update" in params:
                self._text(403, "this endpoint is read-only: SPARQL updates are refused")
                return
            if path not in ("", "/sparql", "/query"):
                self._text(404, "not found; the endpoint is /sparql")
                return
            queries = params.get("query", [])
            query = body_query if body_query is not None else (queries[0] if queries else None)
            if query is None:
                self._text(200, "kg SPARQL endpoint (read-only): GET or POST /sparql with query=...")
                return
            accept = self.headers.get("Accept", "")
            fmt = (params.get("format") or params.get("output") or [""])[0].lower()
            if fmt in _FORMAT_PARAM:
                accept = _FORMAT_PARAM[fmt] + "," + accept
            graphs = params.get("default-graph-uri") or None
            status, ctype, body, headers = server.run(query, accept, graphs)
            self._send(status, ctype, body, headers)

        def do_GET(self) -> None:
            self._dispatch(parse_qs(urlsplit(self.path).query), None)

        do_HEAD = do_GET

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > server.options.max_query_bytes:
                self._text(413, f"request larger than {server.options.max_query_bytes} bytes")
                return
            data = self.rfile.read(length).decode("utf-8", errors="replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            params = parse_qs(urlsplit(self.path).query)
            if ctype == "application/sparql-update":
                self._text(403, "this endpoint is read-only: SPARQL updates are refused")
            elif ctype == "application/sparql-query":
                self._dispatch(params, data)
            elif ctype in ("application/x-www-form-urlencoded", ""):
                for k, v in parse_qs(data).items():
                    params.setdefault(k, []).extend(v)
                self._dispatch(params, None)
            else:
                self._text(415, f"unsupported content type {ctype!r}")

        def _refuse(self) -> None:
            self._text(405, "this endpoint is read-only", {"Allow": "GET, HEAD, POST"})

        do_PUT = do_DELETE = do_PATCH = _refuse

    return Handler
