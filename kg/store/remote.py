"""Store stage, the remote end: graphs as bytes -> a SPARQL server over HTTP (Graph Store Protocol or SPARQL Update).

`Remote` speaks to one endpoint over one kept-alive connection (http.client: no dependency,
and control over every header, so nothing secret is ever logged):

- ``gsp``: the SPARQL 1.1 Graph Store HTTP Protocol. ``PUT URL?graph=IRI`` replaces a graph
  (``?default`` the default graph), ``POST`` adds to it, ``DELETE`` removes it; bodies are
  N-Triples.
- ``update``: SPARQL 1.1 Update sent as ``application/sparql-update`` (``DROP SILENT GRAPH`` then
  ``INSERT DATA``), for servers that take no GSP or that are faster with many graphs a request.
- ``quads``: GSP ``DELETE`` per graph the server may hold, then N-Quads POSTed to the endpoint itself,
  which Oxigraph and Fuseki add to the dataset (Oxigraph's ``?no_transaction`` loads them with its
  bulk loader).

Credentials come only from the environment or a netrc file (`credentials_for`), never from
the command line; a URL holding ``user:password@`` is refused. TLS is verified by default
(`ca_bundle` adds a CA file). 5xx, 408, 429 and lost connections are retried with exponential
backoff (``Retry-After`` is honoured); everything the server says in a refusal is reduced to
one line of text.
"""

from __future__ import annotations

import base64
import html
import http.client
import netrc
import os
import re
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from kg.errors import KgError

PROTOCOLS = ("gsp", "update", "quads")
TOKEN_VAR, USER_VAR, PASSWORD_VAR = "KG_PUSH_TOKEN", "KG_PUSH_USER", "KG_PUSH_PASSWORD"
RETRIED = frozenset({408, 429, 500, 502, 503, 504})
USER_AGENT = "kg-push/1"
# how a server's closing of an idle kept-alive connection shows when the next request is sent on it
STALE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


class PushError(KgError):
    """A push cannot go on: the server is unreachable, refuses the credentials, or refused a request.

    `fatal` is True when every later request would fail alike (no connection, credentials,
    a wrong endpoint), so the push stops; False when only this request's graphs failed.
    """

    def __init__(self, message: str, *, fatal: bool = True, status: int | None = None) -> None:
        super().__init__(message)
        self.fatal = fatal
        self.status = status
        self.report = None  # kg.store.push.push sets what was done before it stopped


@dataclass(frozen=True)
class Credentials:
    """An Authorization header and where it came from; `source` may be printed, the header never."""

    source: str
    header: str = field(repr=False)


def credentials_for(url: str, env: Mapping[str, str] | None = None) -> Credentials | None:
    """The credentials for `url`: $KG_PUSH_TOKEN (bearer), else $KG_PUSH_USER and $KG_PUSH_PASSWORD
    (basic), else the netrc entry of its host ($NETRC or ~/.netrc, basic); None when there are none.

    Raises:
        PushError: a user without a password, or a netrc file that cannot be read.
    """
    env = os.environ if env is None else env
    if env.get(TOKEN_VAR):
        return Credentials(f"${TOKEN_VAR} (bearer token)", "Bearer " + env[TOKEN_VAR])
    if env.get(USER_VAR):
        if PASSWORD_VAR not in env:
            raise PushError(f"${USER_VAR} is set but ${PASSWORD_VAR} is not; set both for HTTP basic authentication")
        return Credentials(f"${USER_VAR}/${PASSWORD_VAR}", _basic(env[USER_VAR], env[PASSWORD_VAR]))
    path = Path(env["NETRC"]) if env.get("NETRC") else Path.home() / ".netrc"
    host = urlsplit(url).hostname or ""
    if not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except (netrc.NetrcParseError, OSError) as exc:
        # the parser's message names the file and line, never a password
        raise PushError(f"{path}: cannot read the netrc file: {getattr(exc, 'msg', exc)}") from None
    if entry is None:
        return None
    login, _, password = entry
    return Credentials(f"netrc {path} ({host})", _basic(login or "", password or ""))


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def shown_url(url: str) -> str:
    """The URL as printed: scheme, host, port and path (no query, which may carry a key)."""
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc.rpartition('@')[2]}{p.path}"


def _one_line(body: bytes, content_type: str | None, limit: int = 300) -> str:
    """What a server said, as one line: HTML reduced to its text, whitespace folded, cut at `limit`."""
    text = body[:16384].decode("utf-8", "replace")
    if "html" in (content_type or "") or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        text = re.sub(r"<(script|style|title)\b.*?</\1>", " ", text, flags=re.S | re.I)
        text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


class Remote:
    """One endpoint of a SPARQL server: `put`, `post`, `delete` (GSP) and `update`, each retried.

    Example:
        >>> r = Remote("http://127.0.0.1:7878/store")
        >>> r.graph_target("https://w3id.org/kgpol/id/graph/a")
        '/store?graph=https%3A%2F%2Fw3id.org%2Fkgpol%2Fid%2Fgraph%2Fa'
    """

    def __init__(self, url: str, *, credentials: Credentials | None = None, ca_bundle: str | Path | None = None,
                 timeout: float = 120.0, retries: int = 5, backoff: float = 1.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise PushError(f"{url!r} is no http(s) URL of a SPARQL endpoint (e.g. http://localhost:7878/store)")
        if parts.username is not None or parts.password is not None:
            raise PushError("the URL holds a user name or password: give credentials in the environment "
                            f"(${USER_VAR} and ${PASSWORD_VAR}, or ${TOKEN_VAR}) or a netrc file, never on "
                            "the command line")
        self.url, self.shown = url, shown_url(url)
        self.host, self.port = parts.hostname, parts.port
        self.https = parts.scheme == "https"
        self.path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.credentials = credentials
        self.timeout, self.retries, self.backoff, self._sleep = timeout, retries, backoff, sleep
        self.requests = 0  # sent, retries included
        self.warnings: list[str] = []
        self._context: ssl.SSLContext | None = None
        if self.https:
            try:
                self._context = ssl.create_default_context(cafile=str(ca_bundle) if ca_bundle else None)
            except (OSError, ssl.SSLError) as exc:
                raise PushError(f"{ca_bundle}: cannot read the CA bundle: {exc}") from None
        elif credentials is not None and not is_loopback(self.host):
            self.warnings.append(f"credentials go unencrypted over http to {self.host}; use https")
        self._conn: http.client.HTTPConnection | None = None
        self._stale_retry = False

    # --- the requests a push makes ---

    def graph_target(self, graph: str | None) -> str:
        """The request target of a graph in GSP (None: the default graph)."""
        sep = "&" if "?" in self.path else "?"
        return self.path + sep + ("default" if graph is None else "graph=" + quote(graph, safe=""))

    def put(self, graph: str | None, ntriples: bytes) -> None:
        """GSP: replace the graph with these N-Triples."""
        self._request("PUT", self.graph_target(graph), ntriples, "application/n-triples", _what(graph))

    def post(self, graph: str | None, ntriples: bytes) -> None:
        """GSP: add these N-Triples to the graph."""
        self._request("POST", self.graph_target(graph), ntriples, "application/n-triples", _what(graph))

    def delete(self, graph: str | None) -> None:
        """GSP: remove the graph (one the server does not have is gone already: 404 is fine)."""
        self._request("DELETE", self.graph_target(graph), None, None, _what(graph), missing_ok=True)

    def post_quads(self, nquads: bytes, what: str) -> None:
        """Add N-Quads to the dataset (POST to the endpoint itself: Oxigraph's /store, Fuseki's /DATASET)."""
        self._request("POST", self.path, nquads, "application/n-quads", what)

    def update(self, text: bytes, what: str) -> None:
        """SPARQL Update: run `text` (UTF-8) at the endpoint."""
        self._request("POST", self.path, text, "application/sparql-update; charset=utf-8", what)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # --- HTTP ---

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            if self.https:
                self._conn = http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout,
                                                         context=self._context)
            else:
                self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def _request(self, method: str, target: str, body: bytes | None, content_type: str | None, what: str,
                 *, missing_ok: bool = False) -> None:
        headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
        if content_type:
            headers["Content-Type"] = content_type
        if self.credentials is not None:
            headers["Authorization"] = self.credentials.header
        attempt = 0
        while True:
            attempt += 1
            self.requests += 1
            reused = self._conn is not None
            try:
                conn = self._connection()
                conn.request(method, target, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                if resp.will_close:
                    self.close()
            except ssl.SSLCertVerificationError as exc:
                self.close()
                raise PushError(f"{self.shown}: the server's TLS certificate is not trusted ({exc.verify_message}); "
                                "give its CA with --ca-bundle FILE") from None
            except (OSError, http.client.HTTPException) as exc:  # refused, reset, timed out, closed mid-answer
                self.close()
                if reused and isinstance(exc, STALE) and not self._stale_retry:
                    # a kept-alive connection the server had closed meanwhile: a new one at once, not a try
                    self._stale_retry = True
                    attempt -= 1
                    continue
                reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                if attempt > self.retries:
                    raise PushError(f"cannot reach {self.shown} ({reason}; "
                                    f"{attempt} {'try' if attempt == 1 else 'tries'})") from None
                self._sleep(self._delay(attempt, None))
                continue
            self._stale_retry = False
            status = resp.status
            if 200 <= status < 300 or (missing_ok and status == 404):
                return
            if status in RETRIED and attempt <= self.retries:
                self._sleep(self._delay(attempt, resp.getheader("Retry-After")))
                continue
            raise self._refusal(method, status, resp, data, what, attempt)

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), 300.0)
        return min(self.backoff * 2 ** (attempt - 1), 60.0)

    def _refusal(self, method: str, status: int, resp: http.client.HTTPResponse, data: bytes, what: str,
                 attempt: int) -> PushError:
        said = _one_line(data, resp.getheader("Content-Type"))
        head = f"{self.shown} answered {status} {resp.reason} to {method} of {what}"
        if status == 401:
            challenge = resp.getheader("WWW-Authenticate") or ""
            if self.credentials is None:
                msg = (f"{self.shown} asks for credentials ({status} {resp.reason}): set ${TOKEN_VAR}, or "
                       f"${USER_VAR} and ${PASSWORD_VAR}, or add {self.host} to a netrc file")
            else:
                msg = f"{self.shown} refused the credentials from {self.credentials.source} ({status} {resp.reason})"
            if challenge.lower().startswith("digest"):
                msg += "; it asks for HTTP Digest, which kg push does not speak (use an endpoint with basic or bearer)"
            return PushError(msg, status=status)
        if status == 403:
            return PushError(f"{head}: the account may not write there"
                             + (f" (credentials from {self.credentials.source})" if self.credentials else
                                " (no credentials were sent)") + (f": {said}" if said else ""), status=status)
        if 300 <= status < 400:
            return PushError(f"{head}: redirected to {resp.getheader('Location')}; give --to that URL", status=status)
        if status in (404, 405):
            return PushError(f"{head}: is this the server's {'Graph Store' if method != 'POST' else 'update'} "
                             f"endpoint?" + (f" ({said})" if said else ""), status=status)
        if status == 413:
            return PushError(f"{head}: the request is too large for the server; give a smaller --batch",
                             fatal=False, status=status)
        tries = f" after {attempt} tries" if attempt > 1 else ""
        return PushError(f"{head}{tries}" + (f": {said}" if said else ""), fatal=False, status=status)


def _what(graph: str | None) -> str:
    return "the default graph" if graph is None else f"<{graph}>"


def is_loopback(host: str) -> bool:
    """True for a host name or address on this machine's loopback."""
    try:
        return all(a[4][0].startswith("127.") or a[4][0] == "::1" for a in socket.getaddrinfo(host, None))
    except OSError:
        return False
