"""`kg serve`: the read-only SPARQL 1.1 Protocol endpoint, queried over HTTP with SPARQLWrapper."""

from __future__ import annotations

import http.client
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.store import ServeOptions, SparqlServer

ROOT = Path(__file__).resolve().parents[1]
KG = Path(sys.executable).with_name("kg")


@pytest.fixture(scope="module")
def endpoint(seeds_build):
    """`kg serve` started as a process on a free loopback port (port 0), stopped after the tests."""
    cmd = [str(KG)] if KG.exists() else [sys.executable, "-c", "from kg.cli import app; app()"]
    proc = subprocess.Popen([*cmd, "serve", str(seeds_build.out_dir / "store"), "--port", "0", "--timeout", "3",
                             "--limit", "5"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    line = proc.stdout.readline()
    assert line.startswith("serving "), proc.stderr.read() if proc.poll() is not None else line
    url = line.split(" at ", 1)[1].split()[0]
    assert url.startswith("http://127.0.0.1:")
    yield url
    proc.terminate()
    proc.wait(10)


def client(url: str, query: str, fmt=JSON) -> SPARQLWrapper:
    sw = SPARQLWrapper(url)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    return sw


def test_select_and_ask_over_http(endpoint: str) -> None:
    res = client(endpoint, "PREFIX kgo: <https://w3id.org/kgpol/ontology#>\n"
                           "SELECT ?o WHERE { <https://w3id.org/kgpol/id/actor/trump> kgo:invited ?o }").query()
    rows = res.convert()["results"]["bindings"]
    assert {r["o"]["value"] for r in rows} == {"https://w3id.org/kgpol/id/actor/tokayev"}
    ask = client(endpoint, "ASK { ?s <https://w3id.org/kgpol/ontology#visited> ?o }").query().convert()
    assert ask["boolean"] is True
    text = client(endpoint, "SELECT ?s WHERE { ?s a <https://w3id.org/kgpol/ontology#Country> } LIMIT 2",
                  CSV).query().convert()
    assert text.decode().splitlines()[0] == "s"


def test_post_queries_work_and_results_are_limited(endpoint: str) -> None:
    sw = client(endpoint, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    sw.setMethod(POST)
    res = sw.query()
    assert len(res.convert()["results"]["bindings"]) == 5  # --limit 5
    assert res.info().get("x-kg-truncated") == "true"


def test_an_update_is_refused(endpoint: str) -> None:
    sw = SPARQLWrapper(endpoint, updateEndpoint=endpoint)
    sw.setMethod(POST)
    sw.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as info:
        sw.query()
    assert "403" in str(info.value) or getattr(info.value, "code", None) == 403
    for method, body, ctype in (("POST", b"update=DROP+ALL", "application/x-www-form-urlencoded"),
                                ("POST", b"CLEAR DEFAULT", "application/sparql-update"),
                                ("PUT", b"<urn:a> <urn:b> <urn:c> .", "text/turtle"),
                                ("DELETE", b"", "text/plain")):
        req = urllib.request.Request(endpoint, data=body, method=method, headers={"Content-Type": ctype})
        with pytest.raises(urllib.error.HTTPError) as http:
            urllib.request.urlopen(req, timeout=10)
        assert http.value.code in (403, 405), method
    still = client(endpoint, "ASK { <urn:a> <urn:b> <urn:c> }").query().convert()
    assert still["boolean"] is False


def test_service_is_refused_unless_allowed(endpoint: str) -> None:
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    with pytest.raises(urllib.error.HTTPError) as http:
        urllib.request.urlopen(endpoint + "?" + urllib.parse.urlencode({"query": q}), timeout=10)
    assert http.value.code == 403 and b"--allow-federation" in http.value.read()


def test_a_query_past_the_timeout_is_stopped_and_the_server_goes_on(endpoint: str) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(urllib.error.HTTPError) as http:
        urllib.request.urlopen(endpoint + "?" + urllib.parse.urlencode({"query": slow}), timeout=60)
    assert http.value.code == 503 and b"longer than 3 s" in http.value.read()
    ok = client(endpoint, "ASK { ?s ?p ?o }").query().convert()
    assert ok["boolean"] is True


def test_a_bad_query_is_a_400(endpoint: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as http:
        urllib.request.urlopen(endpoint + "?query=SELEKT", timeout=10)
    assert http.value.code == 400


def test_the_server_api_binds_loopback_by_default(seeds_build) -> None:
    server = SparqlServer(seeds_build.out_dir / "store", ServeOptions(port=0, workers=1))
    host, port = server.start()
    try:
        assert host == "127.0.0.1" and port > 0
        body = urllib.request.urlopen(f"http://{host}:{port}/sparql?query=ASK%7B%7D", timeout=30).read()
        assert b'"boolean": true' in body
    finally:
        server.stop()


# --- fairness: slow queries cannot keep every other client waiting ----------------------------------------------

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # a cross product: hours, not seconds


class Request(threading.Thread):
    """A GET from a given loopback source address, in the background; status and body once answered."""

    def __init__(self, port: int, query: str, source: str) -> None:
        super().__init__(daemon=True)
        self.port, self.query, self.source = port, query, source
        self.status, self.body = None, b""
        self.start()

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600, source_address=(self.source, 0))
        try:
            conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": self.query}))
            res = conn.getresponse()
            self.status, self.body = res.status, res.read()
        except OSError as exc:
            self.body = str(exc).encode()
        finally:
            conn.close()

    def answer(self) -> tuple[int | None, bytes]:
        self.join(600)
        return self.status, self.body


@pytest.fixture()
def fair_server(seeds_build) -> Iterator[tuple[SparqlServer, int]]:
    """Two workers, a long timeout (the slow queries never end by themselves) and 3 s for short queries."""
    server = SparqlServer(seeds_build.out_dir / "store", ServeOptions(port=0, workers=2, timeout=600,
                                                                     short_timeout=3))
    _, port = server.start()
    yield server, port
    server.stop()  # ends the slow queries too


def _started(server: SparqlServer, n: int) -> None:
    """Wait until `n` queries have been given a worker (a count that only grows, so no moment can be missed)."""
    assert server.wait_until(lambda load: load.started >= n, 120), server.load()


def test_one_client_runs_one_query_at_a_time_while_others_are_served(fair_server) -> None:
    server, port = fair_server
    Request(port, SLOW, "127.0.0.2")
    _started(server, 1)
    Request(port, SLOW, "127.0.0.2")  # the same client's second slow query waits for its first
    assert server.wait_until(lambda load: load.waiting == 1, 120), server.load()
    assert Request(port, "ASK { ?s ?p ?o }", "127.0.0.3").answer()[0] == 200
    assert server.load().running == {"127.0.0.2": 1} and server.load().waiting == 1


def test_two_slow_clients_leave_the_reserved_worker_to_a_third(fair_server) -> None:
    server, port = fair_server
    Request(port, SLOW, "127.0.0.2")
    _started(server, 1)
    second = Request(port, SLOW, "127.0.0.3")  # gets the worker kept for short queries, and its 3 s
    _started(server, 2)
    third = Request(port, "ASK { ?s ?p ?o }", "127.0.0.4")
    status, body = second.answer()
    assert status == 503 and b"longer than 3 s, the most a query may run while" in body
    assert third.answer()[0] == 200
    assert server.load().running == {"127.0.0.2": 1}  # the first slow query still has its full time


def test_a_worker_stopped_from_two_threads_at_once_closes_its_pipe_once(seeds_build) -> None:
    """The pool's close and the thread whose query the kill ended both stop a worker: two closes of its pipe at
    once raised EBADF in the server's teardown. The pipe's close is held open a moment so that the two overlap
    when nothing keeps them apart; with the worker's own lock only one close ever runs."""
    import os
    import time

    from kg.store.workers import _Worker

    worker = _Worker(str(seeds_build.out_dir / "store"), 1000, False)
    assert worker.ready()
    handle, count = worker.conn.fileno(), threading.Lock()
    closes: list[int] = []

    def held_close() -> None:
        with count:
            closes.append(handle)
        time.sleep(0.2)  # widens the window only: the assertion holds however long a close takes
        os.close(handle)

    worker.conn._close = held_close
    gate, errors = threading.Barrier(4), []

    def stop() -> None:
        gate.wait()
        try:
            worker.stop()
        except OSError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=stop) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and closes == [handle]
    assert worker.conn.closed and not worker.process.is_alive()
