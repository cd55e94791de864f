"""kg push against real SPARQL servers: Oxigraph's server (the `oxigraph` package), started here on a free
loopback port in a temporary folder, and Debian's Virtuoso where it is installed.

After every push the server must hold exactly the store's graphs: the same COUNT per graph, and the
same statements. Failures are real: a push killed with SIGKILL while the server holds a graph it has
not acknowledged, a proxy that answers 500 before it lets requests through, a proxy that demands
credentials. Nothing here waits a fixed time: readiness is polled, the kill is synchronised on the
push's own output and on the proxy holding an answer.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import http.client
import http.server
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.store import ArticleData, KgStore, remove_articles, write_data
from kg.store.push import DEFAULT, PushOptions, PushState, push, state_path
from kg.store.remote import PushError, Remote, _one_line, credentials_for
from kg.store.terms import BOOKKEEPING_PREFIX

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
EX = "https://w3id.org/kgpol/id/"
KGO = "https://w3id.org/kgpol/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
STARTUP = 120.0  # an upper bound on waiting for a server to answer, never a duration assumed
HANG = 300.0  # a push that has not ended by then has hung

pytestmark = pytest.mark.slow


# --- the store: fictional articles, written as a build writes them -------------------------------


def article(aid: str, version: int = 1, actors: tuple[str, str] = ("aigerim", "berik")) -> ArticleData:
    """An article whose graph holds its node and three mentions of a relation between two actors;
    the evidence has quotes, an escaped newline and ' .' to try the N-Triples -> N-Quads rewrite."""
    art, a, b = URIRef(f"{EX}article/{aid}"), URIRef(f"{EX}actor/{actors[0]}"), URIRef(f"{EX}actor/{actors[1]}")
    triples = [(art, URIRef(RDF + "type"), URIRef(KGO + "Article")),
               (art, URIRef("http://purl.org/dc/terms/identifier"), Literal(aid)),
               (a, URIRef(KGO + "metWith"), b)]
    for k in range(3):
        m = URIRef(f"{EX}mention/{aid}-{k}")
        triples += [(m, URIRef(RDF + "type"), URIRef(KGO + "Mention")), (m, URIRef(RDF + "subject"), a),
                    (m, URIRef(RDF + "predicate"), URIRef(KGO + "metWith")), (m, URIRef(RDF + "object"), b),
                    (m, URIRef(KGO + "evidence"), Literal(f'Айгерім "v{version}" met {k} .\nБерік {aid} .', lang="kk"))]
    descriptions = [(x, p, o) for x, name in ((a, actors[0]), (b, actors[1]))
                    for p, o in ((URIRef(RDF + "type"), URIRef(KGO + "Person")),
                                 (URIRef(RDFS + "label"), Literal(name.title(), lang="en")))]
    return ArticleData(aid, tuple(triples), {actors[0]: 2, actors[1]: 1}, tuple(descriptions))


def make_store(tmp: Path, n: int = 6) -> Path:
    store = tmp / "out" / "store"
    write_data(store, [article(f"art{i:02d}") for i in range(n)])
    return store


def local_quads(store: Path) -> set[ox.Quad]:
    """The store's statements, what a push sends: no bookkeeping."""
    with KgStore(store, read_only=True) as st:
        return {q for q in st.raw.quads_for_pattern(None, None, None, None)
                if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(BOOKKEEPING_PREFIX))}


def graph_counts(quads: set[ox.Quad]) -> Counter:
    """Statements per graph ("" is the default graph)."""
    return Counter("" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value for q in quads)


# --- the servers --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(ready, what: str, proc: subprocess.Popen | None = None) -> None:
    """Poll `ready()` until it is true; fail after STARTUP seconds or when `proc` has died."""
    deadline = time.monotonic() + STARTUP
    while not ready():
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"{what} exited with {proc.returncode} before answering")
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not answer within {STARTUP:.0f} s")
        time.sleep(0.05)


def answers(host: str, port: int, path: str) -> bool:
    try:
        conn = http.client.HTTPConnection(host, port, timeout=5)
        conn.request("GET", path)
        ok = conn.getresponse().status < 500
        conn.close()
        return ok
    except OSError:
        return False


def oxigraph_binary() -> str:
    """The `oxigraph` command of this environment, or a skip saying why there is none that runs."""
    found = shutil.which("oxigraph", path=f"{Path(PY).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph, in the dev extra)")
    try:
        subprocess.run([found, "--version"], capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"the oxigraph server binary cannot run here: {exc}")
    return found


class Oxigraph:
    """`oxigraph serve` on a free loopback port over a folder of its own."""

    def __init__(self, binary: str, folder: Path) -> None:
        for _ in range(3):  # a port found free may be taken before the server binds it: another one then
            self.port = free_port()
            bind = f"127.0.0.1:{self.port}"
            self.proc = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", bind],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                self.proc.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                break  # still running: it has bound the port (or is about to answer on it)
        self.base = f"http://127.0.0.1:{self.port}"
        wait_until(lambda: answers("127.0.0.1", self.port, "/query?" + urlencode({"query": "ASK {}"})),
                   "oxigraph serve", self.proc)

    def quads(self) -> set[ox.Quad]:
        """Everything the server holds (GET /store is the whole dataset)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request("GET", "/store", headers={"Accept": "application/n-quads"})
        resp = conn.getresponse()
        body = resp.read()
        assert resp.status == 200, body
        return set(ox.parse(body, format=ox.RdfFormat.N_QUADS))

    def counts(self) -> Counter:
        """COUNT per graph, asked of the server in SPARQL ("" is the default graph)."""
        out: Counter = Counter()
        for query in ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                      "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"):
            for row in sparql_select(self.base + "/query", query):
                if int(row["n"]):
                    out[row.get("g", "")] = int(row["n"])
        return out

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def sparql_select(url: str, query: str) -> list[dict[str, str]]:
    """A SELECT's rows as {variable: value}, over the SPARQL protocol (CSV results)."""
    host, _, rest = url.removeprefix("http://").partition("/")
    conn = http.client.HTTPConnection(*host.split(":"), timeout=60)
    conn.request("POST", "/" + rest, body=urlencode({"query": query}),
                 headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    resp = conn.getresponse()
    text = resp.read().decode()
    assert resp.status == 200, text
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def server(tmp_path: Path):
    srv = Oxigraph(oxigraph_binary(), tmp_path / "server")
    yield srv
    srv.stop()


def assert_same(store: Path, srv: Oxigraph) -> None:
    """The server holds exactly the store's graphs: the COUNT of each, and every statement."""
    mine = local_quads(store)
    assert srv.counts() == graph_counts(mine)
    assert srv.quads() == mine


# --- a proxy in front of the server, to fail, hold or guard requests ---------------------------


class Proxy:
    """A loopback HTTP proxy to `upstream`. `policy(n, handler)` sees request n (from 1) first and
    returns None to forward it, or (status, headers, body) to answer it itself."""

    def __init__(self, upstream_port: int, policy=None, tls=None) -> None:
        proxy = self
        self.requests = 0
        self.lock = threading.Lock()
        self.policy = policy or (lambda n, h: None)
        self.after_forward = lambda n: None  # called with the upstream's answer in hand, before it is relayed

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def relay(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with proxy.lock:
                    proxy.requests += 1
                    n = proxy.requests
                answer = proxy.policy(n, self)
                if answer is None:
                    up = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=120)
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                    up.request(self.command, self.path, body=body or None, headers=headers)
                    resp = up.getresponse()
                    answer = (resp.status, {"Content-Type": resp.getheader("Content-Type") or "text/plain"},
                              resp.read())
                    up.close()
                    proxy.after_forward(n)
                status, headers, data = answer
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_PUT = do_POST = do_DELETE = relay

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda request, address: None  # a client killed mid-answer is expected here
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def proxies():
    made: list[Proxy] = []

    def make(upstream: int, policy=None) -> Proxy:
        made.append(Proxy(upstream, policy))
        return made[-1]

    yield make
    for p in made:
        p.close()


def kg(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`kg ...` in a subprocess, as a user runs it (credentials only from `env`)."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("KG_PUSH_")}
    full.update(env or {})
    return subprocess.run([PY, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT, env=full,
                          timeout=HANG)


# --- the life of a store and its server ------------------------------------------------------------


@pytest.mark.parametrize("protocol,endpoint", [("gsp", "/store"), ("update", "/update"), ("quads", "/store")])
def test_push_sends_what_changed_and_the_server_holds_the_store(tmp_path: Path, server: Oxigraph,
                                                              protocol: str, endpoint: str) -> None:
    store = make_store(tmp_path)
    url = server.base + endpoint
    options = PushOptions(protocol=protocol, batch=40)  # several requests, and graphs over a batch

    first = push(store, url, options)
    assert (len(first.sent), first.unchanged, first.deleted, first.failed) == (7, 0, [], [])
    assert first.sent[-1] == DEFAULT  # the actors' graph goes last
    assert_same(store, server)

    again = push(store, url, options)
    assert (again.sent, again.unchanged, again.requests) == ([], 7, 0)  # nothing sent, not one request

    write_data(store, [article("art02", version=2, actors=("aigerim", "dana"))])  # a changed article
    changed = push(store, url, options)
    assert changed.sent == [f"{EX}graph/art02", DEFAULT] and changed.unchanged == 5
    assert_same(store, server)

    remove_articles(store, ["art04"])  # a removed article
    removed = push(store, url, options)
    assert removed.deleted == [f"{EX}graph/art04"] and removed.sent == [DEFAULT]
    assert_same(store, server)

    everything = push(store, url, PushOptions(protocol=protocol, resend_all=True))
    assert len(everything.sent) == 6 and everything.unchanged == 0
    assert_same(store, server)


def test_the_command_line_pushes_a_build_folder_and_says_what_it_did(tmp_path: Path, server: Oxigraph) -> None:
    store = make_store(tmp_path)
    res = kg("push", str(store.parent), "--to", server.base + "/store", "-q")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith(f"pushed to {server.base}/store: 7 sent (")
    assert "0 unchanged, 0 deleted, 0 failed" in res.stdout
    assert_same(store, server)
    res = kg("push", str(store.parent), "--to", server.base + "/store", "-q")
    assert "0 sent (0 statements" in res.stdout and "7 unchanged" in res.stdout


def test_the_actors_can_go_to_a_named_graph_and_back(tmp_path: Path, server: Oxigraph) -> None:
    store = make_store(tmp_path, 2)
    actors = f"{EX}graph/actors"
    push(store, server.base + "/store", PushOptions(actors_graph=actors))
    mine = graph_counts(local_quads(store))
    held = server.counts()
    assert "" not in held and held[actors] == mine[""] > 0
    back = push(store, server.base + "/store")  # the default graph again: the named one is deleted
    assert back.deleted == [actors] and back.sent == [DEFAULT]
    assert_same(store, server)


def test_an_unchanged_store_is_not_dumped_again_and_a_changed_one_is(tmp_path: Path, server: Oxigraph,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The actors' graph's hash is kept with the signature of the store's files (dumping a large
    default graph is most of an unchanged re-push); a write to the store changes the signature."""
    import kg.store.push as push_module

    store, url = make_store(tmp_path, 3), server.base + "/store"
    push(store, url)
    dumped: list[str] = []
    real = push_module._dump
    monkeypatch.setattr(push_module, "_dump", lambda st, name: dumped.append(name) or real(st, name))
    assert push(store, url).sent == [] and dumped == []
    assert (store.parent / "store.push" / push_module.ACTORS_CACHE).is_file()
    write_data(store, [article("art01", version=2, actors=("aigerim", "dana"))])
    again = push(store, url)
    assert DEFAULT in dumped and again.sent == [f"{EX}graph/art01", DEFAULT]
    assert_same(store, server)


# --- interrupted, refused, guarded --------------------------------------------------------------


# the request whose answer is held: the second graph's (quads, a first push: a POST per batch, no DELETE)
@pytest.mark.parametrize("protocol,endpoint,request_no", [("gsp", "/store", 2), ("update", "/update", 2),
                                                         ("quads", "/store", 2)])
def test_a_push_killed_while_the_server_holds_an_unacknowledged_graph_completes_when_run_again(
        tmp_path: Path, server: Oxigraph, proxies, protocol: str, endpoint: str, request_no: int) -> None:
    """The proxy forwards the second graph's request to the server and holds the server's answer: the server
    has the graph, the push has no acknowledgement. The push is killed then (SIGKILL), one of those graphs is
    removed from the store and another changed, and the next push leaves the server exactly as the store."""
    store = make_store(tmp_path)
    held, release = threading.Event(), threading.Event()
    proxy = proxies(server.port)

    def hold(n: int) -> None:
        if n == request_no:
            held.set()
            release.wait(HANG)

    proxy.after_forward = hold
    proc = subprocess.Popen([PY, "-m", "kg.cli", "push", str(store), "--to", proxy.base + endpoint, "--protocol",
                             protocol, "--batch", "20", "-v", "--retries", "0"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=ROOT)
    try:
        for first in proc.stderr:  # the first graph the server acknowledged
            if first.startswith("pushed "):
                break
        else:
            pytest.fail("the push ended without acknowledging a graph")
        assert held.wait(HANG), "the second request never reached the proxy"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    pushed_first = first.split()[1]
    state = PushState.open(state_path(store, proxy.base + endpoint), "test")
    state.close()
    assert state.graphs[pushed_first]  # acknowledged: journalled with its fingerprint
    unknown = sorted(g for g, fp in state.graphs.items() if not fp)
    assert unknown, "the held request's graphs are journalled as sent, not acknowledged"
    on_server = {g for g in server.counts() if g}
    lingering = [g for g in unknown if g in on_server]
    assert lingering, "the server took the held request"
    remove_articles(store, [lingering[0].rsplit("/", 1)[1]])
    write_data(store, [article("art05", version=3)])

    rerun = kg("push", str(store), "--to", proxy.base + endpoint, "--protocol", protocol, "--batch", "20", "-q")
    assert rerun.returncode == 0, rerun.stderr
    assert_same(store, server)
    assert lingering[0] not in server.counts()


def test_a_server_that_answers_500_is_retried_until_it_recovers(tmp_path: Path, server: Oxigraph, proxies) -> None:
    store = make_store(tmp_path)
    failing = 3
    proxy = proxies(server.port, lambda n, h: (500, {"Content-Type": "text/plain"}, b"busy") if n <= failing else None)
    report = push(store, proxy.base + "/store", PushOptions(backoff=0.01, retries=failing))
    assert report.failed == [] and len(report.sent) == 7
    assert proxy.requests == 7 + failing and report.requests == 7 + failing
    assert_same(store, server)


def test_a_server_that_keeps_failing_fails_those_graphs_and_the_next_push_sends_them(
        tmp_path: Path, server: Oxigraph, proxies) -> None:
    store = make_store(tmp_path, 3)
    down = {"on": True}
    proxy = proxies(server.port, lambda n, h: (503, {}, b"<html><body><h1>Service Unavailable</h1></body></html>")
                    if down["on"] and "art01" in h.path else None)
    res = kg("push", str(store), "--to", proxy.base + "/store", "--retries", "1", "--backoff", "0.01", "-q")
    assert res.returncode == 1
    assert "failed: " in res.stderr and "503" in res.stderr and "Service Unavailable" in res.stderr
    assert res.stderr.strip().endswith("1 graph failed (named above); run kg push again to retry them")
    assert "3 sent" in res.stdout and "1 failed" in res.stdout
    down["on"] = False
    again = push(store, proxy.base + "/store")
    assert again.sent == [f"{EX}graph/art01"]
    assert_same(store, server)


def guard(expected: str):
    """A proxy policy that answers 401 unless the Authorization header is `expected`."""
    def policy(n: int, handler) -> tuple | None:
        if handler.headers.get("Authorization") != expected:
            return 401, {"WWW-Authenticate": 'Basic realm="kg"', "Content-Type": "text/plain"}, b"who are you?"
        return None
    return policy


def test_wrong_credentials_are_one_clear_line_and_the_secret_is_never_shown(tmp_path: Path, server: Oxigraph,
                                                                             proxies) -> None:
    store = make_store(tmp_path, 2)
    proxy = proxies(server.port, guard("Basic " + base64.b64encode(b"analyst:s3cret-pw").decode()))
    url = proxy.base + "/store"

    res = kg("push", str(store), "--to", url, env={"KG_PUSH_USER": "analyst", "KG_PUSH_PASSWORD": "wrong-pw"})
    assert res.returncode == 1 and res.stdout == ""
    assert res.stderr.strip().splitlines() == [
        f"error: {url} refused the credentials from $KG_PUSH_USER/$KG_PUSH_PASSWORD (401 Unauthorized)"]
    assert server.counts() == Counter()

    res = kg("push", str(store), "--to", url)
    assert res.returncode == 1 and "asks for credentials (401 Unauthorized): set $KG_PUSH_TOKEN" in res.stderr

    res = kg("push", str(store), "--to", url, env={"KG_PUSH_USER": "analyst", "KG_PUSH_PASSWORD": "s3cret-pw"})
    assert res.returncode == 0, res.stderr
    assert "credentials from $KG_PUSH_USER/$KG_PUSH_PASSWORD" in res.stdout
    assert "s3cret-pw" not in res.stdout + res.stderr
    assert_same(store, server)

    res = kg("push", str(store), "--to", url.replace("://", "://analyst:s3cret-pw@"))
    assert res.returncode == 1 and "never on the command line" in res.stderr and "s3cret-pw" not in res.stderr


def test_a_bearer_token_and_a_netrc_file_are_read(tmp_path: Path, server: Oxigraph, proxies) -> None:
    store = make_store(tmp_path, 2)
    token = proxies(server.port, guard("Bearer tok-123"))
    res = kg("push", str(store), "--to", token.base + "/store", "-q", env={"KG_PUSH_TOKEN": "tok-123"})
    assert res.returncode == 0, res.stderr
    assert "credentials from $KG_PUSH_TOKEN (bearer token)" in res.stdout and "tok-123" not in res.stdout
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login analyst password from-netrc\n")
    netrc.chmod(0o600)
    basic = proxies(server.port, guard("Basic " + base64.b64encode(b"analyst:from-netrc").decode()))
    res = kg("push", str(store), "--to", basic.base + "/store", "-q", "--all", env={"NETRC": str(netrc)})
    assert res.returncode == 0, res.stderr
    assert f"credentials from netrc {netrc} (127.0.0.1)" in res.stdout
    assert_same(store, server)


def test_tls_is_verified_and_a_ca_bundle_is_trusted(tmp_path: Path, server: Oxigraph) -> None:
    import ssl

    if shutil.which("openssl") is None:
        pytest.skip("no openssl command to make a certificate with")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
                   check=True, capture_output=True, timeout=120)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    proxy = Proxy(server.port, tls=ctx)
    try:
        store = make_store(tmp_path, 2)
        url = f"https://localhost:{proxy.port}/store"
        res = kg("push", str(store), "--to", url, "-q")
        assert res.returncode == 1 and "TLS certificate is not trusted" in res.stderr and "--ca-bundle" in res.stderr
        res = kg("push", str(store), "--to", url, "-q", "--ca-bundle", str(cert))
        assert res.returncode == 0, res.stderr
        assert_same(store, server)
    finally:
        proxy.close()


def test_an_unreachable_server_is_one_line(tmp_path: Path) -> None:
    store = make_store(tmp_path, 1)
    res = kg("push", str(store), "--to", f"http://127.0.0.1:{free_port()}/store", "--retries", "1",
             "--backoff", "0.01")
    assert res.returncode == 1
    assert res.stderr.startswith("error: cannot reach http://127.0.0.1:") and res.stderr.count("\n") == 1


# --- kg build --push ------------------------------------------------------------------------------

# written for these tests: one article per language, each with a relation between known actors
BUILD_ARTICLES = {
    "talks_en.txt": "Kazakh President Kassym-Jomart Tokayev held talks with the President of Uzbekistan Shavkat "
                    "Mirziyoyev in Tashkent on Tuesday, his press office said. The leaders discussed trade and water.",
    "call_ru.txt": "Президент Казахстана Касым-Жомарт Токаев провёл телефонный разговор с Эмомали Рахмоном.",
    "visit_kk.txt": "Қасым-Жомарт Тоқаев Бішкекке ресми сапармен барып, Садыр Жапаровпен келіссөз жүргізді.",
}
NO_CREDENTIALS = {name: None for name in ("KG_PUSH_TOKEN", "KG_PUSH_USER", "KG_PUSH_PASSWORD")}


@pytest.fixture
def corpus(tmp_path: Path, write_article) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in BUILD_ARTICLES.items():
        write_article(folder, name, text)
    return folder


def test_kg_build_push_leaves_the_server_holding_the_built_store(tmp_path: Path, corpus: Path,
                                                                 server: Oxigraph) -> None:
    runner, out, url = CliRunner(), tmp_path / "out", server.base + "/store"
    res = runner.invoke(app, ["build", str(corpus), "-o", str(out), "--no-html", "-q", "--push", url],
                        env=NO_CREDENTIALS)
    assert res.exit_code == 0, res.output
    assert "Built 3 articles (1 en, 1 kk, 1 ru)" in res.stdout
    assert f"pushed to {url}: 4 sent (" in res.stdout and "0 failed" in res.stdout  # 3 articles, the actors
    assert server.counts() == graph_counts(local_quads(out / "store"))
    assert_same(out / "store", server)

    # rebuilt unchanged, as json: stdout stays one JSON document, the push says on stderr that it sent nothing
    again = runner.invoke(app, ["build", str(corpus), "-o", str(out), "--no-html", "-q", "-f", "json",
                                "--push", url, "--protocol", "update"], env=NO_CREDENTIALS)
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["store"]["unchanged"] == 3
    assert "0 sent (0 statements" in again.stderr and "4 unchanged" in again.stderr
    assert_same(out / "store", server)


@pytest.mark.parametrize("args,env,message", [
    (["--push", "ftp://sparql.example.org/store"], {}, "is no http(s) URL"),
    (["--push", "http://analyst:pw@127.0.0.1:1/store"], {}, "never on the command line"),
    (["--push", "http://127.0.0.1:1/store"], {"KG_PUSH_USER": "analyst"}, "$KG_PUSH_PASSWORD is not"),
    (["--push", "http://127.0.0.1:1/store", "--protocol", "ftp"], {}, "--protocol must be gsp, update or quads"),
    (["--push", "http://127.0.0.1:1/store", "--no-store"], {}, "--no-store writes none"),
    (["--protocol", "update"], {}, "are for --push URL"),
])
def test_kg_build_push_fails_before_building_on_what_cannot_work(tmp_path: Path, corpus: Path, args: list[str],
                                                                  env: dict, message: str) -> None:
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["build", str(corpus), "-o", str(out), "-q", *args], env={**NO_CREDENTIALS, **env})
    assert res.exit_code == 1
    assert res.output.startswith("error: ") and res.output.count("\n") == 1 and message in res.output
    assert "analyst:pw" not in res.output
    assert not out.exists()  # nothing built


# --- Virtuoso, where Debian's package is installed -------------------------------------------------

VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 4
"""


@pytest.fixture
def virtuoso(tmp_path: Path):
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None:
        pytest.skip("Debian's virtuoso-opensource is not installed (apt-get install virtuoso-opensource)")
    folder = tmp_path / "virtuoso"
    folder.mkdir()
    sql, web = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=web))
    proc = subprocess.Popen([binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: answers("127.0.0.1", web, "/sparql?" + urlencode({"query": "ASK {}"})), "virtuoso-t", proc)
        # the anonymous SPARQL user may update and write every graph (a test server: never do this on a public one)
        grants = "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"
        grant = subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", "exec=" + grants],
                               capture_output=True, text=True, timeout=120)
        assert grant.returncode == 0, grant.stdout + grant.stderr
        yield f"http://127.0.0.1:{web}"
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def virtuoso_counts(base: str) -> Counter:
    rows = sparql_select(base + "/sparql", f'SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                                           f'FILTER(STRSTARTS(STR(?g), "{EX}")) }} GROUP BY ?g')
    return Counter({row["g"]: int(row["n"]) for row in rows})


@pytest.mark.parametrize("protocol,endpoint", [("gsp", "/sparql-graph-crud"), ("update", "/sparql")])
def test_virtuoso_takes_the_same_pushes(tmp_path: Path, virtuoso: str, protocol: str, endpoint: str) -> None:
    """Virtuoso has no default graph to write: the actors go to a named graph (--actors-graph)."""
    store = make_store(tmp_path)
    actors = f"{EX}graph/actors"
    url = virtuoso + endpoint

    def expected() -> Counter:
        return Counter({g or actors: n for g, n in graph_counts(local_quads(store)).items()})

    no_default = push(store, url, PushOptions(protocol=protocol))
    if protocol == "gsp":  # refused as it stands (501): nothing is there, nothing to delete later
        assert [g for g, _ in no_default.failed] == [DEFAULT] and "--actors-graph" in no_default.failed[0][1]
    options = PushOptions(protocol=protocol, actors_graph=actors, batch=40)
    first = push(store, url, options)
    assert first.failed == []
    assert virtuoso_counts(virtuoso) == expected()
    assert push(store, url, options).sent == []
    write_data(store, [article("art02", version=2, actors=("aigerim", "dana"))])
    remove_articles(store, ["art04"])
    later = push(store, url, options)
    assert later.deleted == [f"{EX}graph/art04"] and later.sent == [f"{EX}graph/art02", actors]
    assert virtuoso_counts(virtuoso) == expected()


# --- the parts, without a server -------------------------------------------------------------------


def test_the_journal_replays_to_what_the_server_acknowledged(tmp_path: Path) -> None:
    path = tmp_path / "j.tsv"
    path.write_text("kg-push-state 1\thttp://x/store\n"
                    "pushed\tG1\tkg:a\nsending\tG2\nsending\tG1\npushed\tG2\tkg:b\nsending\tG3\n"
                    "pushed\tG4\tkg:d\ndeleted\tG4\npushed\tG5\tkg:")  # the last line torn by a kill
    state = PushState.open(path, "http://x/store")
    assert state.graphs == {"G1": "", "G2": "kg:b", "G3": ""}
    state.pushed("G1", "kg:a2")
    state.restore("G3", None)
    state.close()
    assert PushState.open(path, "x").graphs == {"G1": "kg:a2", "G2": "kg:b"}
    assert path.read_text().splitlines()[1:] == ["pushed\tG1\tkg:a2", "pushed\tG2\tkg:b"]  # compacted
    path.write_text("something else\n")
    with pytest.raises(PushError, match="not a kg push journal"):
        PushState.open(path, "x")


def test_each_target_has_its_journal_beside_the_store(tmp_path: Path) -> None:
    store = tmp_path / "out" / "store"
    a = state_path(store, "http://Example.org/store")
    assert a.parent == tmp_path / "out" / "store.push"
    assert a == state_path(store, "http://example.org:80/store")
    assert a != state_path(store, "https://example.org/store") != state_path(store, "http://example.org/update")


def test_credentials_come_from_the_environment_or_netrc_only(tmp_path: Path) -> None:
    url = "https://sparql.example.org/store"
    assert credentials_for(url, {"NETRC": str(tmp_path / "none")}) is None
    tok = credentials_for(url, {"KG_PUSH_TOKEN": "t0k", "KG_PUSH_USER": "u", "KG_PUSH_PASSWORD": "p"})
    assert tok.header == "Bearer t0k" and "t0k" not in repr(tok) and "t0k" not in tok.source
    basic = credentials_for(url, {"KG_PUSH_USER": "u", "KG_PUSH_PASSWORD": "p"})
    assert basic.header == "Basic " + base64.b64encode(b"u:p").decode() and "p" not in repr(basic).split("source")[0]
    with pytest.raises(PushError, match="KG_PUSH_PASSWORD is not"):
        credentials_for(url, {"KG_PUSH_USER": "u"})
    netrc = tmp_path / "netrc"
    netrc.write_text("machine sparql.example.org login n password q\n")
    netrc.chmod(0o600)
    assert credentials_for(url, {"NETRC": str(netrc)}).header == "Basic " + base64.b64encode(b"n:q").decode()
    assert credentials_for("https://other.example.org/", {"NETRC": str(netrc)}) is None
    with pytest.raises(PushError, match="never on the command line"):
        Remote("https://u:p@sparql.example.org/store")
    with pytest.raises(PushError, match="no http"):
        Remote("ftp://sparql.example.org/store")


def test_what_a_server_says_is_one_line() -> None:
    page = b"<html><head><title>500</title></head><body><h1>Error</h1>\n<p>Graph &lt;x&gt; failed</p></body></html>"
    assert _one_line(page, "text/html") == "Error Graph <x> failed"
    assert _one_line(b"Parse error: <http://x> at line 3\n", "text/plain") == "Parse error: <http://x> at line 3"


def test_push_needs_a_store_and_a_known_protocol(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["push", str(tmp_path), "--to", "http://127.0.0.1:1/store"])
    assert res.exit_code == 1 and "no store here" in res.output
    res = runner.invoke(app, ["push", str(tmp_path), "--to", "http://127.0.0.1:1/store", "--protocol", "ftp"])
    assert res.exit_code == 1 and "--protocol must be gsp, update or quads" in res.output
    with contextlib.suppress(FileNotFoundError):
        assert not (tmp_path / "store.push").exists()


def test_the_push_bench_writes_its_own_keys_and_keeps_the_others(tmp_path: Path) -> None:
    """bench/bench_push.py end to end on a small store: every protocol reaches the server whole, and
    bench/results.json gets push_vs_bulk_load and push, the other tools' keys kept; results.md its own section."""
    oxigraph_binary()
    store = make_store(tmp_path, 4)
    results = tmp_path / "results.json"
    results.write_text('{"jobs2_speedup": 1.75}\n')
    res = subprocess.run([PY, str(ROOT / "bench" / "bench_push.py"), "--reuse", str(store.parent), "--repeat", "1",
                          "--output", str(results), "--work", str(tmp_path)], capture_output=True, text=True,
                         cwd=ROOT, timeout=HANG)
    assert res.returncode == 0, res.stdout + res.stderr
    data = json.loads(results.read_text())
    assert data["jobs2_speedup"] == 1.75 and data["push_vs_bulk_load"] > 0
    push_section = data["push"]
    assert push_section["articles"] == 4 and push_section["statements"] == len(local_quads(store))
    assert set(push_section["protocols"]) == {"quads", "gsp", "update"}
    assert all(p["server_holds_all"] and p["unchanged_repush_sent_nothing"] for p in push_section["protocols"].values())
    assert not (store.parent / "store.push").exists()  # the bench leaves no journal behind
    table = (tmp_path / "results.md").read_text(encoding="utf-8")  # its section of results.md, beside results.json
    assert "## Push to a SPARQL server" in table and "| quads |" in table and "push_vs_bulk_load: " in table
