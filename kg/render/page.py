"""Render stage, the page: View -> one self-contained, offline HTML page.

`html_document` inlines vis-network (taken from the pyvis wheel), the page's own scripts and style from
`kg/render_assets/` and the view as JSON, under a Content-Security-Policy that lets run exactly those scripts.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import RenderError
from kg.languages import CODES
from kg.render.view import View


def _asset(name: str) -> str:
    return resources.files("kg").joinpath("render_assets", name).read_text(encoding="utf-8")


def _vis_js() -> str:
    """Return vis-network's standalone build as shipped inside the pyvis wheel."""
    lib = resources.files("pyvis").joinpath("templates", "lib")
    candidates = sorted(
        (p for p in lib.iterdir() if p.name.startswith("vis-") and (p / "vis-network.min.js").is_file()),
        key=lambda p: tuple(int(x) for x in p.name[4:].split(".") if x.isdigit()),
    )
    if not candidates:
        raise RenderError("vis-network.min.js not found in the pyvis package: reinstall pyvis>=0.3.2")
    return candidates[-1].joinpath("vis-network.min.js").read_text(encoding="utf-8")


def view_json(view: View) -> str:
    """Return the View as JSON safe to place inside a `<script type="application/json">` element.

    `<`, `>` and `&` are written as `\\u003c`, `\\u003e`, `\\u0026`, so no text
    from an article can close the element or open a comment.
    """
    return _script_json(view.to_dict())


def interface_strings() -> dict[str, dict[str, Any]]:
    """The page's own words in each language kg reads, from `render_assets/interface.json`.

    A value is a string with `{name}` slots the page fills in, or, for a count, its plural
    forms by the language's plural rules (`{"one": ..., "few": ..., "other": ...}`).

    Raises:
        RenderError: the table lacks a language of `kg.languages`.
    """
    table = json.loads(_asset("interface.json"))
    missing = [code for code in CODES if code not in table]
    if missing:
        raise RenderError(f"render_assets/interface.json has no interface strings for {', '.join(missing)}: add them")
    return {code: table[code] for code in CODES}


def _script_json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _inline_script(code: str) -> str:
    # A script body can only be cut short by "</script"; refuse rather than emit a broken page.
    if "</script" in code.lower() or "<!--" in code:
        raise RenderError("an inlined script contains '</script' or '<!--' and cannot be embedded safely")
    return code


_MARKER = re.compile(r"/\*KG:[A-Z]+\*/|KG:[A-Z]+")
# A script element of the template; one with a type that is not JavaScript (the JSON data) never runs.
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_NOT_JS = re.compile(r"""\btype\s*=\s*["']?(?!text/javascript|module)[\w/+.-]+""", re.I)


def script_hash(text: str) -> str:
    """The CSP source that allows exactly one inline script: `'sha256-<base64 of its UTF-8 text>'`.

    The browser hashes the element's text as parsed, where CR LF and CR are already LF.

    Example:
        >>> script_hash("alert(1)")
        "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def html_document(view: View) -> str:
    """Return the whole page for `view` as a string (see `write_html`).

    Its Content-Security-Policy lets run exactly the page's own inline scripts, by the
    hash of each one's text, and nothing else: no other inline script, handler or source.
    """
    template = _asset("template.html")
    title = "kg — actor network"
    parts = {
        "/*KG:CSS*/": _asset("view.css"),
        "/*KG:VIS*/": _inline_script(_vis_js()),
        "/*KG:TEXT*/": _inline_script(_asset("view_text.js")),
        "/*KG:CLAIMS*/": _inline_script(_asset("view_claims.js")),
        "/*KG:APP*/": _inline_script(_asset("view.js")),
        "/*KG:EXPORT*/": _inline_script(_asset("view_export.js")),
        "KG:DATA": view_json(view),
        "KG:UI": _script_json(interface_strings()),
        "KG:TITLE": title,
    }
    found = set(_MARKER.findall(template))
    if found != set(parts) | {"KG:SCRIPTHASHES"}:
        raise RenderError(f"render template markers differ: {sorted(found ^ (set(parts) | {'KG:SCRIPTHASHES'}))}")

    def fill(text: str) -> str:  # one pass: inserted content is never searched for markers
        return _MARKER.sub(lambda m: parts[m.group(0)], text)

    # Each script's text is its template body filled in, exactly as fill(template) will write it.
    scripts = [fill(m.group("body")) for m in _SCRIPT.finditer(template) if not _NOT_JS.search(m.group("attrs"))]
    parts["KG:SCRIPTHASHES"] = " ".join(dict.fromkeys(script_hash(s) for s in scripts)) or "'none'"
    return fill(template)


def write_html(view: View, path: Path) -> None:
    """Write `view` as one self-contained HTML file that works from file:// with no network.

    Args:
        view: what `graph_to_view` returned.
        path: the HTML file to write; its folder is created if missing.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html_document(view), encoding="utf-8")
