"""Store stage, serving: a store on disk -> a read-only SPARQL 1.1 Protocol endpoint over HTTP (`kg serve`).

Queries run in worker processes that open the store read-only and are shared fairly
between clients (workers.py); updates are refused, a query has a timeout and a row limit,
and SERVICE is refused unless federation is allowed (federation.py, sandbox.py). This
module is the HTTP side: every request, however malformed, gets a status and a one-line
reason, a request must arrive within `read_timeout`, and a client that goes away is no error.
"""

from __future__ import annotations

import io
import logging
import re
import socket
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.errors import StoreError
from kg.store.core import is_store
from kg.store.federation import uses_service
from kg.store.protocol import FORMAT_PARAM, answer_query
from kg.store.workers import TEXT, Answer, Load, WorkerPool

__all__ = ["ServeOptions", "SparqlServer", "answer_query", "uses_service"]

_log = logging.getLogger("kg.serve")


@dataclass
class ServeOptions:
    """How `kg serve` runs: address, limits, fairness and whether SERVICE may fetch other endpoints."""

    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0  # the most a query may run, and wait for a worker
    short_timeout: float = 2.0  # the most it may run on the worker kept for short queries
    read_timeout: float = 10.0  # the most a client may take to send its whole request
    limit: int = 10_000
    allow_federation: bool = False
    workers: int = 2
    max_query_bytes: int = 1_000_000
    max_connections: int = 64


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
        for name in ("timeout", "short_timeout", "read_timeout"):
            if not getattr(self.options, name) > 0:
                raise StoreError(f"--{name.replace('_', '-')} must be a number of seconds above 0")
        self._pool: WorkerPool | None = None
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> tuple[str, int]:
        """Start the workers and the HTTP server in a background thread; returns the bound address."""
        opts = self.options
        self._pool = WorkerPool(self.store_path, size=opts.workers, limit=opts.limit, timeout=opts.timeout,
                                short_timeout=opts.short_timeout, allow_federation=opts.allow_federation)
        try:
            self._pool.wait_ready()
        except StoreError:
            self._pool.close()
            raise
        handler = type("Handler", (_Handler,), {"endpoint": self, "timeout": opts.read_timeout})
        try:
            self._httpd = _HTTPServer((opts.host, opts.port), handler, max_connections=opts.max_connections)
        except OSError as exc:
            self._pool.close()
            raise StoreError(f"cannot listen on {opts.host}:{opts.port}: {exc.strerror or exc}") from exc
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
        if self._pool is not None:
            self._pool.close()

    def wait(self) -> None:
        """Block until the server thread ends (Ctrl-C in the caller stops it)."""
        if self._thread is not None:
            while self._thread.is_alive():
                self._thread.join(0.5)

    def run(self, client: str, query: str, accept: str, graphs: list[str] | None) -> Answer:
        """One query for `client` (its address) through a worker, with the timeouts."""
        return self._pool.run(client, query, accept, graphs)

    def load(self) -> Load:
        """What the workers are doing now: running queries per client, queries waiting, idle workers."""
        return self._pool.load()

    def connections(self) -> int:
        """How many connections are being read or answered now (0 once every request has been dealt with)."""
        return self._httpd.connections if self._httpd is not None else 0

    def wait_until(self, test, timeout: float) -> bool:
        """Block until `test(self.load())` holds (True) or `timeout` seconds pass (False)."""
        return self._pool.wait_until(test, timeout)


class _HTTPServer(ThreadingHTTPServer):
    """One thread per connection, at most `max_connections` of them; errors are one log line at most."""

    daemon_threads = True

    def __init__(self, address, handler, *, max_connections: int) -> None:
        self._lock = threading.Lock()
        self.connections = 0
        self._most = max(1, max_connections)
        super().__init__(address, handler)

    def _take(self) -> bool:
        with self._lock:
            if self.connections >= self._most:
                return False
            self.connections += 1
            return True

    def _give_back(self) -> None:
        with self._lock:
            self.connections -= 1

    def process_request(self, request, client_address) -> None:
        if not self._take():  # answered here, without a thread: the server is full
            try:
                request.setblocking(False)
                request.send(b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                             b"Retry-After: 1\r\nContent-Length: 37\r\n\r\ntoo many connections; try again later\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._give_back()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._give_back()

    def handle_error(self, request, client_address) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # the client went away or stalled: nothing worth a line
        first = (str(exc).splitlines() or [""])[0]
        _log.warning("kg serve: answering %s failed: %s: %s", client_address[0], type(exc).__name__, first)


class _DeadlineReader(io.RawIOBase):
    """The socket's bytes, but none after `deadline`: a request must arrive whole in time, not just keep trickling."""

    def __init__(self, sock, deadline: float, timeout: float) -> None:
        super().__init__()
        self._sock, self._deadline, self._timeout = sock, deadline, timeout

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request did not arrive in time")
        self._sock.settimeout(left)
        try:
            return self._sock.recv_into(buffer)
        finally:
            self._sock.settimeout(self._timeout)  # writing the answer has the plain per-send timeout


_METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"}
_REQUEST_LINE_VERSION = re.compile(r"HTTP/1\.[01]")
_CONTENT_LENGTH = re.compile(r"[0-9]{1,15}")
_LINGER_SECONDS = 2.0


class _BadRequest(Exception):
    """A request the endpoint answers with `status` and a one-line `reason`."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


def _params(query_string: str) -> dict[str, list[str]]:
    try:
        return parse_qs(query_string, keep_blank_values=True, errors="strict", max_num_fields=1000)
    except UnicodeDecodeError as exc:
        raise _BadRequest(400, "the parameters are not UTF-8 once percent-decoded") from exc
    except ValueError as exc:
        raise _BadRequest(400, f"the parameters cannot be read: {exc}") from exc


class _Handler(BaseHTTPRequestHandler):
    """One connection, one request (HTTP/1.0): read it within the deadline, answer it, close."""

    server_version = "kg-sparql/1"
    protocol_version = "HTTP/1.0"
    default_request_version = "HTTP/1.0"  # so even the answer to a garbled request line has a status line
    endpoint: SparqlServer
    timeout: float

    def setup(self) -> None:
        super().setup()  # sets the socket's per-call timeout to `timeout`
        self.rfile.close()
        self.rfile = io.BufferedReader(_DeadlineReader(self.connection, time.monotonic() + self.timeout,
                                                       self.timeout))
        self._answered = False
        self._whole = False  # set once the whole request is read: then closing resets nothing

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            if not self._whole:
                self._linger()

    def _linger(self) -> None:
        """Read what the client still sends for a moment before closing: closing with unread bytes resets the
        connection, and a reset can destroy the answer (a 413 or 414 sent while the client was still sending)."""
        try:
            self.connection.shutdown(socket.SHUT_WR)
            deadline = time.monotonic() + min(self.timeout, _LINGER_SECONDS)
            while (left := deadline - time.monotonic()) > 0:
                self.connection.settimeout(left)
                if not self.connection.recv(65536):
                    return
        except OSError:
            pass

    def log_message(self, format: str, *args) -> None:
        pass  # library code never prints; a reverse proxy logs requests

    def handle_one_request(self) -> None:
        self.close_connection = True
        self.command, self.requestline = None, ""
        self.request_version = self.default_request_version
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if not self.raw_requestline:
                return  # connected and closed without a word
            if len(self.raw_requestline) > 65536:
                self.send_error(414, "the request line is longer than 65536 bytes")
                return
            if not self.parse_request():
                return
            if self.command not in _METHODS:
                self.send_error(501, f"method {self.command[:40]!r} is not supported; use GET or POST")
                return
            try:
                getattr(self, "do_" + self.command)()
            except _BadRequest as bad:
                self.send_error(bad.status, bad.reason)
            self.wfile.flush()
        except TimeoutError:
            if not self._answered:
                self._try_error(408, f"the request did not arrive within {self.timeout:g} s")
        except ConnectionError:
            pass  # the client went away: nothing to answer

    def _try_error(self, status: int, reason: str) -> None:
        try:
            self.send_error(status, reason)
        except OSError:
            pass

    def parse_request(self) -> bool:
        line = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
        words = line.split()
        if len(words) != 3 or not _REQUEST_LINE_VERSION.fullmatch(words[2]):
            self.requestline = line
            self.send_error(400, "the request line must be METHOD TARGET HTTP/1.1")
            return False
        return super().parse_request()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        reason = " ".join(str(message or self.responses.get(code, ("error",))[0]).split())[:300]
        self._send(Answer(code, TEXT, (reason + "\n").encode()))

    def _send(self, answer: Answer) -> None:
        self._answered = True
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _dispatch(self, params: dict[str, list[str]], body_query: str | None) -> None:
        self._whole = True
        try:
            path = urlsplit(self.path).path.rstrip("/")
        except ValueError as exc:
            raise _BadRequest(400, "the request target is not a URL path") from exc
        if path.endswith("/update") or "update" in params:
            raise _BadRequest(403, "this endpoint is read-only: SPARQL updates are refused")
        if path not in ("", "/sparql", "/query"):
            raise _BadRequest(404, "not found; the endpoint is /sparql")
        queries = params.get("query", []) + ([body_query] if body_query is not None else [])
        if not queries:
            self._send(Answer(200, TEXT, b"kg SPARQL endpoint (read-only): GET or POST /sparql with query=...\n"))
            return
        if len(queries) > 1:
            raise _BadRequest(400, "give one query, not several")
        accept = self.headers.get("Accept", "")
        fmt = (params.get("format") or params.get("output") or [""])[0].lower()
        if fmt in FORMAT_PARAM:
            accept = FORMAT_PARAM[fmt] + "," + accept
        graphs = params.get("default-graph-uri") or None
        self._send(self.endpoint.run(self.client_address[0], queries[0], accept, graphs))

    def _target_params(self) -> dict[str, list[str]]:
        try:
            return _params(urlsplit(self.path).query)
        except ValueError as exc:
            raise _BadRequest(400, "the request target is not a URL path") from exc

    def do_GET(self) -> None:
        self._dispatch(self._target_params(), None)

    do_HEAD = do_GET

    def _body(self) -> str:
        if self.headers.get("Transfer-Encoding"):
            raise _BadRequest(501, "Transfer-Encoding is not supported; send the body with a Content-Length")
        lengths = {v.strip() for v in self.headers.get_all("Content-Length") or []}
        if not lengths:
            raise _BadRequest(411, "a POST needs a Content-Length header")
        if len(lengths) > 1:
            raise _BadRequest(400, "the request has different Content-Length headers")
        value = lengths.pop()
        if not _CONTENT_LENGTH.fullmatch(value):
            raise _BadRequest(400, f"Content-Length must be a number of bytes, not {value[:40]!r}")
        length, most = int(value), self.endpoint.options.max_query_bytes
        if length > most:
            raise _BadRequest(413, f"request larger than {most} bytes")
        data = self.rfile.read(length)
        if len(data) < length:
            raise _BadRequest(400, f"the body ended after {len(data)} of the {length} bytes Content-Length announced")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _BadRequest(400, "the request body is not UTF-8") from exc

    def do_POST(self) -> None:
        data = self._body()
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = self._target_params()
        if ctype == "application/sparql-update":
            raise _BadRequest(403, "this endpoint is read-only: SPARQL updates are refused")
        if ctype == "application/sparql-query":
            self._dispatch(params, data)
        elif ctype in ("application/x-www-form-urlencoded", ""):
            for k, v in _params(data).items():
                params.setdefault(k, []).extend(v)
            self._dispatch(params, None)
        else:
            raise _BadRequest(415, f"unsupported content type {ctype[:60]!r}")

    def _refuse(self) -> None:
        self._send(Answer(405, TEXT, b"this endpoint is read-only\n", (("Allow", "GET, HEAD, POST"),)))

    do_PUT = do_DELETE = do_PATCH = _refuse
