"""`kg serve` under attack: SERVICE hidden every way we know, against a real catcher server on a loopback port.

The catcher is an HTTP server in this process that records every request it gets; a SERVICE
clause that gets past the endpoint's defences makes the endpoint's worker call it.
"""

from __future__ import annotations

import concurrent.futures
import random
import re
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.store import ServeOptions, SparqlServer


class Catcher:
    """An HTTP server on a loopback port that answers 500 to everything and records each request."""

    def __init__(self) -> None:
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                hits.append(f"{self.command} {self.path}")
                self.send_response(500)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = do_HEAD = _any

            def log_message(self, format: str, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def catcher() -> Iterator[Catcher]:
    c = Catcher()
    yield c
    c.close()


def _serve(store, **opts) -> tuple[SparqlServer, str]:
    server = SparqlServer(store, ServeOptions(port=0, **opts))
    host, port = server.start()
    return server, f"http://{host}:{port}/sparql"


@pytest.fixture(scope="module")
def endpoint(seeds_build) -> Iterator[str]:
    """An endpoint with federation off (the default)."""
    server, url = _serve(seeds_build.out_dir / "store", workers=1, timeout=60)
    yield url
    server.stop()


def _ask(url: str, query: str, method: str = "GET") -> tuple[int, bytes]:
    if method == "GET":
        req = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}))
    else:
        req = urllib.request.Request(url, data=query.encode(), method="POST",
                                     headers={"Content-Type": "application/sparql-query"})
    try:
        with urllib.request.urlopen(req, timeout=120) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


# Each query names the catcher as {c} (its base IRI, ending in /); every one tries to make the endpoint call it.
HIDDEN_SERVICE = {
    "plain": "SELECT * WHERE {{ SERVICE <{c}plain> {{ ?s ?p ?o }} }}",
    "between comments holding triple quotes": '# """\nSELECT * WHERE {{ SERVICE <{c}comment> {{ ?s ?p ?o }} }}\n# """',
    "after a string holding triple quotes": "SELECT * WHERE {{ BIND('\"\"\"' AS ?x) SERVICE <{c}string> "
                                            '{{ ?s ?p ?o }} }} # """',
    "after a long string and a comment": "SELECT * WHERE {{ BIND('''x''' AS ?x) # \"\"\"\n"
                                         " SERVICE <{c}long> {{ ?s ?p ?o }} }} # \"\"\"",
    "an escaped quote before triple quotes": 'SELECT * WHERE {{ BIND("\\"" AS ?x) # """\n'
                                             "SERVICE <{c}escquote> {{ ?s ?p ?o }} }} # \"\"\"",
    "mixed case": "SELECT * WHERE {{ sErViCe <{c}case> {{ ?s ?p ?o }} }}",
    "a unicode escape in the keyword": "SELECT * WHERE {{ SERVI\\u0043E <{c}escape> {{ ?s ?p ?o }} }}",
    "a unicode escape in the IRI": "SELECT * WHERE {{ SERVICE <{c}\\u0065scape> {{ ?s ?p ?o }} }}",
    "a prefixed IRI": "PREFIX x: <{c}> SELECT * WHERE {{ SERVICE x:prefixed {{ ?s ?p ?o }} }}",
    "a relative IRI against BASE": "BASE <{c}> SELECT * WHERE {{ SERVICE <based> {{ ?s ?p ?o }} }}",
    "a nested sub-query": "SELECT * WHERE {{ {{ SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{c}nested> "
                          "{{ ?s ?p ?o }} }} }} }} }} }}",
    "SILENT": "SELECT * WHERE {{ SERVICE SILENT <{c}silent> {{ ?s ?p ?o }} }}",
    "inside FILTER EXISTS": "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{c}exists> {{ ?a ?b ?c }} }} }} "
                            "LIMIT 1",
    "inside OPTIONAL": "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{c}optional> {{ ?s ?b ?c }} }} }} LIMIT 1",
    "inside GRAPH and UNION": "SELECT * WHERE {{ GRAPH ?g {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{c}union> {{ ?s ?p ?o }} "
                              "}} }} }}",
    "a variable bound by VALUES": "SELECT * WHERE {{ VALUES ?e {{ <{c}values> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "an ASK": "ASK {{ SERVICE <{c}ask> {{ ?s ?p ?o }} }}",
    "a CONSTRUCT": "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{c}construct> {{ ?s ?p ?o }} }}",
    "a DESCRIBE": "DESCRIBE ?s WHERE {{ SERVICE <{c}describe> {{ ?s ?p ?o }} }}",
    "no space after the keyword": "SELECT * WHERE {{ SERVICE<{c}nospace>{{ ?s ?p ?o }} }}",
}


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("name", list(HIDDEN_SERVICE))
def test_a_hidden_service_clause_is_refused_and_fetches_nothing(endpoint, catcher, name, method) -> None:
    query = HIDDEN_SERVICE[name].format(c=catcher.base)
    before = len(catcher.hits)
    status, body = _ask(endpoint, query, method)
    assert catcher.hits[before:] == [], f"{name}: the endpoint called the catcher"
    assert status in (400, 403), (name, status, body)


def test_the_word_service_outside_a_clause_is_no_service(endpoint, catcher) -> None:
    for query in ('SELECT * WHERE { ?s ?p "SERVICE <http://x/> { }" } LIMIT 1',
                  "# SERVICE <http://x/> {\nASK { ?s <http://x/service> ?o }",
                  "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1"):
        status, body = _ask(endpoint, query)
        assert status == 200, (query, body)
    assert catcher.hits == []


def test_the_refusal_names_the_option_that_allows_it(endpoint, catcher) -> None:
    status, body = _ask(endpoint, HIDDEN_SERVICE["between comments holding triple quotes"].format(c=catcher.base))
    assert status == 403 and b"--allow-federation" in body


def test_with_federation_allowed_the_catcher_is_called(seeds_build, catcher) -> None:
    """The control: the catcher does see a SERVICE call when federation is on, so its silence above means something."""
    server, url = _serve(seeds_build.out_dir / "store", workers=1, allow_federation=True)
    try:
        before = len(catcher.hits)
        _ask(url, HIDDEN_SERVICE["plain"].format(c=catcher.base))
        assert catcher.hits[before:] == ["POST /plain"]
    finally:
        server.stop()


SANDBOXED = """
import sys
import pyoxigraph as ox
from kg.store.sandbox import forbid_network
assert forbid_network(), "no sandbox on this platform"
store = ox.Store()
try:
    list(store.query("SELECT * WHERE { SERVICE <%splain> { ?s ?p ?o } }"))
except OSError as exc:
    print("refused:", exc)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker sandbox is Linux-only")
def test_a_sandboxed_process_cannot_reach_the_catcher(catcher) -> None:
    """The second line: a worker's SERVICE cannot open a socket, whatever the query check missed."""
    before = len(catcher.hits)
    done = subprocess.run([sys.executable, "-c", SANDBOXED % catcher.base], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("refused:")
    assert catcher.hits[before:] == []


# --- malformed requests: a status and a one-line reason each, and nothing in the server's log -------------------

STATUS_LINE = re.compile(rb"HTTP/1\.[01] ([1-5][0-9][0-9]) [^\r\n]*\r\n")


@pytest.fixture(scope="module")
def raw_server(seeds_build) -> Iterator[SparqlServer]:
    """An endpoint whose requests must arrive within 2 s, for the tests that send bytes by hand."""
    server, _ = _serve(seeds_build.out_dir / "store", workers=2, timeout=60, read_timeout=2)
    yield server
    server.stop()


def _port(server: SparqlServer) -> int:
    return server._httpd.server_address[1]


def _exchange(port: int, data: bytes, *, close_write: bool = True, source: str = "127.0.0.1") -> bytes:
    """Send `data` on a new connection (then say it is all, unless close_write is False) and read the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=120, source_address=(source, 0)) as sock:
        try:
            sock.sendall(data)
            if close_write:
                sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server answered and closed before taking it all; its answer is still there to read
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:
            pass
    return b"".join(chunks)


def _status(reply: bytes) -> int:
    m = STATUS_LINE.match(reply)
    assert m, f"not an HTTP answer: {reply[:200]!r}"
    return int(m.group(1))


def _reason(reply: bytes) -> str:
    """The body of a text answer, which must be one line."""
    head, _, body = reply.partition(b"\r\n\r\n")
    assert b"content-type: text/plain" in head.lower(), head
    assert body.endswith(b"\n") and body.count(b"\n") == 1, body
    return body.decode()


def _drained(server: SparqlServer) -> None:
    """Wait until every connection has been dealt with, so everything the server would log is logged."""
    deadline = time.monotonic() + 120
    while server.connections():
        assert time.monotonic() < deadline, "connections still open after 120 s"
        time.sleep(0.05)


def _post(length: str | None, body: bytes, ctype: str = "application/sparql-query") -> bytes:
    headers = f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: {ctype}\r\n"
    if length is not None:
        headers += f"Content-Length: {length}\r\n"
    return headers.encode() + b"\r\n" + body


@pytest.mark.parametrize(("length", "status"), [("abc", 400), ("-1", 400), ("1e3", 400), ("12abc", 400),
                                                ("99999999999999999999", 400), ("", 400), (None, 411),
                                                ("999999999", 413)])
def test_a_bad_content_length_is_a_400_with_its_reason(raw_server, capfd, length, status) -> None:
    reply = _exchange(_port(raw_server), _post(length, b"ASK {}"))
    assert _status(reply) == status
    assert "Content-Length" in _reason(reply) or status == 413
    _drained(raw_server)
    assert "Traceback" not in capfd.readouterr().err


def test_different_content_lengths_and_chunked_bodies_are_refused(raw_server) -> None:
    port = _port(raw_server)
    two = b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 6\r\n" \
          b"Content-Length: 7\r\n\r\nASK {} "
    assert _status(_exchange(port, two)) == 400
    chunked = b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n" \
              b"\r\n6\r\nASK {}\r\n0\r\n\r\n"
    assert _status(_exchange(port, chunked)) == 501


def test_a_body_shorter_than_announced_is_a_400(raw_server) -> None:
    reply = _exchange(_port(raw_server), _post("100", b"ASK {}"))
    assert _status(reply) == 400 and "ended after 6 of the 100 bytes" in _reason(reply)


def test_a_half_sent_body_is_answered_408_when_the_read_timeout_ends(raw_server) -> None:
    """The client sends 6 of 100 bytes and waits: the server gives up at its read timeout, not never."""
    reply = _exchange(_port(raw_server), _post("100", b"ASK {}"), close_write=False)
    assert _status(reply) == 408 and "within 2 s" in _reason(reply)


def test_a_request_trickled_byte_by_byte_is_cut_at_the_deadline(raw_server) -> None:
    """A byte now and then keeps each read short, but the whole request has one deadline."""
    request = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n" + b"X-Slow: " + b"a" * 10_000
    with socket.create_connection(("127.0.0.1", _port(raw_server)), timeout=120) as sock:
        sock.settimeout(0.25)
        reply = b""
        for byte in request:  # 10,000 bytes at one per 0.25 s would be 40 minutes: the answer must come first
            try:
                reply = sock.recv(65536)
                break
            except TimeoutError:
                pass
            try:
                sock.send(bytes([byte]))
            except OSError:
                break
        sock.settimeout(120)
        reply += b"".join(iter(lambda: sock.recv(65536), b""))
    assert _status(reply) == 408


def test_non_utf8_queries_are_a_400(raw_server) -> None:
    port = _port(raw_server)
    for request in (b"GET /sparql?query=ASK%7B%FF%7D HTTP/1.1\r\n\r\n",
                    _post("7", b"ASK {\xff}"),
                    _post("15", b"query=ASK%7B%FF", "application/x-www-form-urlencoded")):
        reply = _exchange(port, request)
        assert _status(reply) == 400 and "UTF-8" in _reason(reply), request


def test_clients_that_leave_mid_answer_leave_no_traceback(raw_server, capfd) -> None:
    """Each client reads a little of a large answer and resets the connection: the server logs nothing."""
    port = _port(raw_server)
    query = urllib.parse.quote("SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT 10000")
    for _ in range(20):
        sock = socket.create_connection(("127.0.0.1", port), timeout=120)
        sock.sendall(f"GET /sparql?query={query} HTTP/1.1\r\nAccept: text/csv\r\n\r\n".encode())
        head = b""
        while len(head) < 12 and (chunk := sock.recv(100)):  # some of the answer, then gone
            head += chunk
        assert head.startswith(b"HTTP/1.0 200")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close = reset
        sock.close()
    _drained(raw_server)
    assert _status(_exchange(port, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n\r\n")) == 200
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Error" not in err, err[:2000]


# --- fuzzing: a few hundred malformed requests, then a good one --------------------------------------------------


def _fuzz_cases(seed: int = 17) -> list[tuple[str, bytes, bool]]:
    """(kind, bytes to send, whether to close the sending side after them), the same every run."""
    rnd = random.Random(seed)
    ask = b"/sparql?query=ASK%7B%7D"
    cases: list[tuple[str, bytes, bool]] = []
    for method in (b"FOO", b"get", b"G\x00T", b"TRACE", b"OPTIONS", b"CONNECT", b"M" * 5000, b"PRI", b"\xff\xfe"):
        cases.append(("method", method + b" " + ask + b" HTTP/1.1\r\n\r\n", True))
    for line in (b"GET\r\n\r\n", b"GET /\r\n\r\n", b"GET / HTTP/1.1 extra\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                 b"GET / HTTP/1.1x\r\n\r\n", b"GET / HTTP/2.0\r\n\r\n", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                 b"\r\n\r\n", b" \r\n", b"GET " + b"/" * 70_000 + b" HTTP/1.1\r\n\r\n",
                 b"GET http://[::1 HTTP/1.1\r\n\r\n", b"GET * HTTP/1.1\r\n\r\n", b"GET //update HTTP/1.1\r\n\r\n",
                 b"GET /sparql/../update HTTP/1.1\r\n\r\n"):
        cases.append(("request line", line, True))
    for header in (b"NoColonHere", b"X: " + b"a" * 70_000, b": empty name", b" folded: line", b"X-Bin: \xff\x00\x80",
                   b"Accept: " + bytes(rnd.randrange(256) for _ in range(300)), b"Host: a\r\nHost: b",
                   b"Accept: */*;q=abc", b"Accept: ,,,;;;", b"Accept: " + b"text/csv," * 5000,
                   b"Content-Type: \xff/\xfe", b"Expect: 100-continue"):
        cases.append(("header", b"GET " + ask + b" HTTP/1.1\r\n" + header + b"\r\n\r\n", True))
    cases.append(("many headers", b"GET " + ask + b" HTTP/1.1\r\n" + b"X: y\r\n" * 150 + b"\r\n", True))
    for length in (b"abc", b"-1", b"+5", b"0x10", b"1e3", b" ", b"5, 5", b"99999999999999999999999", b"\xff"):
        cases.append(("length", b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\n"
                                b"Content-Length: " + length + b"\r\n\r\nASK {}", True))
    for length, body, close in ((100, b"ASK {}", True), (100, b"ASK {}", False), (6, b"ASK {} trailing", True),
                                (0, b"", True), (3, b"ASK", False)):
        cases.append(("body", b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\nContent-Length: "
                              + str(length).encode() + b"\r\n\r\n" + body, close))
    for target in (b"/sparql?query=%", b"/sparql?query=%zz", b"/sparql?query=%FF%FE", b"/sparql?&&&==&",
                   b"/sparql?" + b"a=1&" * 2000, b"/sparql?query=ASK%7B%7D&query=ASK%7B%7D",
                   b"/sparql?default-graph-uri=not%20an%20iri&query=ASK%7B%7D", b"/sparql?query=" + b"%7B" * 3000,
                   b"/sparql?query=SELECT%20*%20WHERE%20%7B", b"/sparql?update=DROP%20ALL",
                   b"/sparql?query=ASK%7B%7D&format=\xff", b"/sparql?query=%00"):
        cases.append(("query string", b"GET " + target + b" HTTP/1.1\r\n\r\n", True))
    form = b"application/x-www-form-urlencoded"
    for body, ctype in ((b"\xff\xfe\xfd", b"application/sparql-query"), (b"query=%FF", form), (b"query=\xff", form),
                        (b"ASK {}", b"text/weird"),
                        (b"INSERT DATA { <a:a> <a:b> <a:c> }", b"application/sparql-update")):
        cases.append(("body type", b"POST /sparql HTTP/1.1\r\nContent-Type: " + ctype + b"\r\nContent-Length: "
                                   + str(len(body)).encode() + b"\r\n\r\n" + body, True))
    for _ in range(150):
        noise = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 3000)))
        if rnd.random() < 0.5:  # noise after a plausible start reaches the header and body parsers
            noise = rnd.choice([b"GET / HTTP/1.1\r\n", b"POST /sparql HTTP/1.1\r\nContent-Length: 40\r\n",
                                b"HEAD /sparql?query=", b"PUT /sparql HTTP/1.0\r\n"]) + noise
        cases.append(("random bytes", noise, rnd.random() < 0.9))
    for _ in range(60):  # valid framing, random query text
        query = urllib.parse.quote_from_bytes(bytes(rnd.randrange(256) for _ in range(rnd.randrange(0, 200))))
        cases.append(("random query", f"GET /sparql?query={query} HTTP/1.1\r\n\r\n".encode(), True))
    return cases


def test_fuzzed_requests_get_a_status_each_and_leave_no_traceback(raw_server, capfd) -> None:
    port = _port(raw_server)
    cases = _fuzz_cases()
    assert len(cases) >= 250
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        replies = list(pool.map(lambda case: _exchange(port, case[1], close_write=case[2]), cases))
    for (kind, data, _), reply in zip(cases, replies, strict=True):
        status = _status(reply)  # every one is answered with a status line
        if status >= 400:
            _reason(reply)
        assert status != 500, (kind, data[:200], reply[:300])
    _drained(raw_server)
    good = _exchange(port, b"GET /sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D HTTP/1.1\r\n\r\n")
    assert _status(good) == 200 and b'"boolean": true' in good
    err = capfd.readouterr().err
    assert "Traceback" not in err and "failed" not in err, err[:3000]
