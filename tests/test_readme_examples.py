"""The README's examples print what they say: each one is run on the seeds and its output compared.

What counts as an example, and how its output is read:

- A console example is a fenced code block with lines starting with `$ `: the command (continued on
  the next lines while a quote is open; `# ...` after it is a remark), then the lines it prints, up
  to the next `$ ` line. A command shown with no output is run for its exit status only.
- A Python example is a ```python block, run statement by statement in one namespace. What a
  statement prints is shown in one of three ways: `# ` comment lines right after it (at the left
  margin, no blank line between) are the lines it prints; a comment after a one-line `print(...)` is
  what it prints (the printed text, then optionally a space and a remark: `# 12 relations`); a
  comment after a one-line bare expression is its value when the comment is a Python literal
  (`# 'Касым-Жомарт Токаев'`), else a remark.
- In shown output a line `...` stands for any number of printed lines (none included), and a line
  ending in `...` for a printed line that starts with what comes before it.

Every example runs in one temporary folder, in README order (the later ones read files the earlier
ones wrote), where `seeds` and `tests` lead to the repository's folders and `out/` is what the quick
start's `make demo` builds: `kg build seeds -o out`, run once through the `kg` command. The README's
own `kg build seeds -o out` example is checked against that run's output (a second build would report
the articles unchanged). A path under `/tmp/` is moved into the folder, and back in the output.

Compared strictly: every character of each shown line (numbers, counts, headers, names), after
removing what may differ from one machine to another: trailing spaces, the temporary folder's path,
colour codes. Not compared: stderr, where the progress bar and warnings go (exit status 0 is required
instead). The terminal is 200 columns unless the example sets `COLUMNS`.

Examples that cannot run here are left out by these rules, named in `EXCLUDED_BECAUSE`, and counted:

- `kg serve`: it serves until it is stopped;
- a command or Python example that needs a server or cluster elsewhere: a URL given as a command
  word (`tcp://SCHEDULER:8786`, `https://...`), or an address with a port in Python code
  (`http://127.0.0.1:7878/sparql`);
- a command naming a placeholder for the reader's own data: `corpus/`, `my_*`, an ALL-CAPS path
  part (`GRAPH`, `OUT`), or an absolute path outside `/tmp/`;
- a command that is not `kg` (`dask`, `jupyter`, `make`).
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import gc
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DEMO_BUILD = ("build", "seeds", "-o", "out")  # the Makefile's demo target
COLUMNS = "200"
# The floors: fewer examples run means the parsing lost some, not that the README has fewer.
MIN_CONSOLE_RUN = 14
MIN_PYTHON_RUN = 4
MIN_LINES_COMPARED = 30

EXCLUDED_BECAUSE = {
    "serve": "kg serve runs until it is stopped",
    "url": "needs a server or cluster elsewhere",
    "placeholder": "names a placeholder for the reader's own data",
    "not kg": "not a kg command",
}
PLACEHOLDER = re.compile(r"(^|/)(corpus|my_\w+|[A-Z][A-Z_]+(\.\w+)?)(/|$)")
URL_WORD = re.compile(r"(^|=)\w+://")
PYTHON_SERVER = re.compile(r"\w+://[\w.-]+:\d+")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
ENV_WORD = re.compile(r"[A-Z_][A-Z0-9_]*=")


@dataclass
class Example:
    kind: str  # "console" or "python"
    line: int  # where it starts in README.md, 1-based
    source: str  # the command (without "$ ") or the Python code
    shown: list[str] = field(default_factory=list)  # console: the output shown after the command

    def where(self) -> str:
        return f"README.md:{self.line}: {self.source.splitlines()[0][:90]}"


def readme_examples(text: str) -> list[Example]:
    """The console and Python examples of a README, in order."""
    examples: list[Example] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        fence = re.match(r"^```(\w*)\s*$", lines[i])
        if not fence:
            i += 1
            continue
        start = i + 1
        end = start
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        body = lines[start:end]
        if fence.group(1) == "python":
            examples.append(Example("python", start + 1, "\n".join(body)))
        elif not fence.group(1):
            examples.extend(_console_examples(body, start))
        i = end + 1
    return examples


def _console_examples(body: list[str], offset: int) -> list[Example]:
    examples: list[Example] = []
    j = 0
    while j < len(body):
        if not body[j].startswith("$ "):
            if examples:
                examples[-1].shown.append(body[j])
            j += 1
            continue
        command, first = body[j][2:], j
        while _open_quote(command) and j + 1 < len(body):
            j += 1
            command += "\n" + body[j]
        examples.append(Example("console", offset + first + 1, command))
        j += 1
    return examples


def _open_quote(command: str) -> bool:
    try:
        shlex.split(command, comments=True)
    except ValueError:
        return True
    return False


def excluded(example: Example) -> str | None:
    """The rule (a key of EXCLUDED_BECAUSE) that keeps an example from running here, or None."""
    if example.kind == "python":
        return "url" if PYTHON_SERVER.search(example.source) else None
    words = shlex.split(example.source, comments=True)
    while words and ENV_WORD.match(words[0]):
        words = words[1:]
    if not words or Path(words[0]).name != "kg":
        return "not kg"
    if words[1:2] == ["serve"]:
        return "serve"
    plain = [w for w in words[1:] if not any(c.isspace() for c in w)]  # inline SPARQL is no path
    if any(URL_WORD.search(w) for w in plain):
        return "url"
    if any(PLACEHOLDER.search(w) or (w.startswith("/") and not w.startswith("/tmp/")) for w in plain):
        return "placeholder"
    return None


def output_matches(shown: list[str], printed: list[str]) -> bool:
    """Whether printed lines are what the README shows, `...` lines and line ends standing for what is left out."""
    if not shown:
        return not printed
    head, rest = shown[0], shown[1:]
    if head == "...":
        return any(output_matches(rest, printed[k:]) for k in range(len(printed) + 1))
    if not printed:
        return False
    same = printed[0].startswith(head[:-3]) if head.endswith("...") else printed[0] == head
    return same and output_matches(rest, printed[1:])


def _tidy(lines: list[str]) -> list[str]:
    lines = [ANSI.sub("", line).rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _difference(shown: list[str], printed: list[str]) -> str:
    return "\n".join(difflib.unified_diff(shown, printed, "README shows", "kg prints", lineterm=""))


# --- running them --------------------------------------------------------------------------------


def _kg() -> str:
    beside = Path(sys.executable).parent / "kg"
    found = str(beside) if beside.exists() else shutil.which("kg")
    if found is None:
        pytest.skip("the kg command is not installed")
    return found


@dataclass(frozen=True)
class Demo:
    """The folder the examples run in, with `out/` built as `make demo` builds it."""

    folder: Path
    build_stdout: str


def _run_kg(folder: Path, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE")}
    full.update({"COLUMNS": COLUMNS, "NO_COLOR": "1"}, **env)
    # a timeout only so that a hang fails instead of blocking the suite; no result depends on it
    return subprocess.run([_kg(), *args], cwd=folder, env=full, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def demo(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """`kg build seeds -o out` in a temporary folder, through the kg command as the quick start runs it.

    Not conftest's `seeds_build`: that one writes no page and prints nothing, and the README shows what
    this build prints.
    """
    folder = tmp_path_factory.mktemp("readme")
    (folder / "seeds").symlink_to(seeds_dir, target_is_directory=True)
    (folder / "tests").symlink_to(ROOT / "tests", target_is_directory=True)
    res = _run_kg(folder, list(DEMO_BUILD), {})
    assert res.returncode == 0, res.stderr
    return Demo(folder, res.stdout)


def _in_folder(word: str, folder: Path) -> str:
    return str(folder / word.lstrip("/")) if word.startswith("/tmp/") else word


def _console(example: Example, demo: Demo) -> tuple[list[str] | None, str | None]:
    """What the command printed (tidied), or an error saying why it failed."""
    words = shlex.split(example.source, comments=True)
    env = {}
    while ENV_WORD.match(words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    args = [_in_folder(w, demo.folder) for w in words[1:]]
    if tuple(args) == DEMO_BUILD:
        stdout = demo.build_stdout
    else:
        res = _run_kg(demo.folder, args, env)
        if res.returncode != 0:
            return None, f"exit {res.returncode}: {res.stderr.strip()}"
        stdout = res.stdout
    for base in {str(demo.folder.resolve()), str(demo.folder)}:
        stdout = stdout.replace(base + "/tmp/", "/tmp/").replace(base + "/", "")
    return _tidy(stdout.splitlines()), None


def _trailing_comment(line: str) -> str | None:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(line).readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    return next((t.string[1:].strip() for t in tokens if t.type == tokenize.COMMENT), None)


def _comment_lines_after(stmt: ast.stmt, lines: list[str]) -> list[str]:
    shown = []
    for line in lines[stmt.end_lineno or stmt.lineno:]:
        if not line.startswith("#"):
            break
        shown.append(line[1:].removeprefix(" "))
    return shown


def _is_print(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"


def _python(example: Example) -> tuple[int, list[str]]:
    """Run a Python example in the current folder: how many shown lines were compared, and the mismatches."""
    lines = example.source.splitlines()
    namespace: dict[str, object] = {"__name__": "__readme__"}
    compared, failures = 0, []
    for stmt in ast.parse(example.source).body:
        at = f"README.md:{example.line + stmt.lineno - 1}"
        one_line = stmt.lineno == stmt.end_lineno
        comment = _trailing_comment(lines[stmt.lineno - 1]) if one_line else None
        after = _comment_lines_after(stmt, lines)
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                if isinstance(stmt, ast.Expr) and not _is_print(stmt.value):
                    value = eval(compile(ast.Expression(stmt.value), at, "eval"), namespace)
                else:
                    exec(compile(ast.Module([stmt], []), at, "exec"), namespace)
                    value = None
        except Exception as exc:  # the example's own error is the finding: report it with where it is
            failures.append(f"{at}: {type(exc).__name__}: {exc}")
            namespace.clear()
            gc.collect()  # closes what the example left open (a store) before the next example uses it
            break
        out = _tidy(printed.getvalue().splitlines())
        if after:
            compared += len(after)
            if not output_matches(after, out):
                failures.append(f"{at}\n{_difference(after, out)}")
        elif comment is not None and isinstance(stmt, ast.Expr) and _is_print(stmt.value):
            compared += 1
            text = "\n".join(out)
            if not (comment == text or comment.startswith(text + " ")):
                failures.append(f"{at}: README says it prints {comment!r}, it prints {text!r}")
        elif comment is not None and isinstance(stmt, ast.Expr):
            try:
                literal = ast.literal_eval(comment)
            except (ValueError, SyntaxError):
                continue  # a remark, not a value
            compared += 1
            if value != literal:
                failures.append(f"{at}: README says {comment}, the value is {value!r}")
    return compared, failures


# --- the tests -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_readme_example_prints_what_the_readme_shows(demo: Demo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(demo.folder)
    examples = readme_examples(README.read_text(encoding="utf-8"))
    run = {"console": 0, "python": 0}
    compared = 0
    left_out, failures = [], []
    for example in examples:
        rule = excluded(example)
        if rule is not None:
            left_out.append(f"{example.where()} ({EXCLUDED_BECAUSE[rule]})")
            continue
        run[example.kind] += 1
        if example.kind == "python":
            n, wrong = _python(example)
            compared += n
            failures += [f"{example.where()}\n{w}" for w in wrong]
            continue
        printed, error = _console(example, demo)
        if error is not None:
            failures.append(f"{example.where()}\n{error}")
            continue
        shown = _tidy(example.shown)
        if shown:
            compared += len(shown)
            if not output_matches(shown, printed or []):
                failures.append(f"{example.where()}\n{_difference(shown, printed or [])}")
    print(f"run: {run['console']} console, {run['python']} Python examples; {compared} shown lines compared")
    print("left out:\n  " + "\n  ".join(left_out))
    assert not failures, "\n\n".join(failures)
    assert run["console"] >= MIN_CONSOLE_RUN and run["python"] >= MIN_PYTHON_RUN, run
    assert compared >= MIN_LINES_COMPARED, compared


def test_the_examples_are_found_as_the_rules_say() -> None:
    text = """
```
$ kg query out 'SELECT ?s WHERE {
  ?s ?p ?o }' -f csv     # a remark
s
...
$ COLUMNS=80 kg centrality out -n 3
$ kg serve out/store
$ kg build corpus/ -o out --dask tcp://SCHEDULER:8786
$ kg build my_articles/ -o my_out
$ kg push out https://example.org/store
$ dask worker tcp://SCHEDULER:8786
$ kg build /home/me/news -o /tmp/example
```

```python
from SPARQLWrapper import SPARQLWrapper
sw = SPARQLWrapper("http://127.0.0.1:7878/sparql")
```
"""
    examples = readme_examples(text)
    first_lines = [e.source.splitlines()[0] for e in examples]
    assert first_lines[:2] == ["kg query out 'SELECT ?s WHERE {", "COLUMNS=80 kg centrality out -n 3"]
    assert examples[0].shown == ["s", "..."] and examples[0].line == 3
    assert [excluded(e) for e in examples] == [None, None, "serve", "url", "placeholder", "url", "not kg",
                                              "placeholder", "url"]


def test_shown_output_is_strict_but_for_the_elisions() -> None:
    printed = ["Centrality of 40 actors and 65 ties", "1  country_kz  0.203", "2  country_us  0.139", "3 rows"]
    assert output_matches(printed, printed)
    assert output_matches(["Centrality of 40 actors and 65 ties", "...", "3 rows"], printed)
    assert output_matches(["Centrality of 40 actors and 65 ties", "1  country_kz ...", "..."], printed)
    assert output_matches(["...", "Centrality of 40 actors and 65 ties", "...", "3 rows", "..."], printed)
    assert not output_matches(["Centrality of 40 actors and 65 ties", "1  country_kz  0.209", "..."], printed)
    assert not output_matches(["Centrality of 41 actors and 65 ties", "..."], printed)
    assert not output_matches(printed[:-1], printed)  # a line printed and not shown is a difference
    assert not output_matches(["...", "4 rows"], printed)
