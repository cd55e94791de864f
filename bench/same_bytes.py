"""Same bytes before and after: builds corpora with an earlier commit and with the working tree, compares graph.ttl.

    python bench/same_bytes.py --against c38c0d4            # seeds, the dev set, 500 generated articles a language
    python bench/same_bytes.py --against main --n 100       # quicker: 100 generated articles a language

A change that should not move the output (a restructuring, a speed-up) is checked with this: the
earlier commit is checked out in a temporary git worktree and run with the same Python (its folder
first on PYTHONPATH), the working tree as it is. The corpora are the project's `seeds/`, the shared
development set (`../shared/dev/articles`, when present) and articles written by
`bench/generate_corpus.py` in Kazakh, Russian and English. The earlier commit's graphs are kept in
a cache folder by commit, so a second check against the same commit builds only the working tree.
Exit status 0 when every graph is the same bytes, 1 otherwise (the first differing line is shown).
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev" / "articles"
LANGS = ("kk", "ru", "en")


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def corpora(scratch: Path, n: int) -> dict[str, Path]:
    """The corpora to compare, by name; the generated one is written by the working tree's generator."""
    out = {"seeds": ROOT / "seeds"}
    if DEV.is_dir():
        out["dev"] = DEV
    gen = scratch / f"generated-{n}"
    if not gen.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate_corpus.py"), "--n", str(n * len(LANGS)),
                        "--out", str(gen), "--langs", ",".join(LANGS), "--seed", "7"], check=True,
                       capture_output=True)
    out[f"generated-{n}"] = gen
    return out


def build(code: Path, corpus: Path, out: Path) -> Path:
    """graph.ttl of `corpus` built by the kg package in `code`."""
    env = dict(os.environ, PYTHONPATH=str(code))
    cmd = [sys.executable, "-c", "from kg.cli import app; app()", "build", str(corpus.resolve()), "-o", str(out),
           "--no-store", "--no-html", "--quiet", "--jobs", "0"]
    # run inside `code`: "python -c" puts the current folder first on sys.path, before PYTHONPATH
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=code)
    if done.returncode != 0:
        raise SystemExit(f"build of {corpus} with {code} failed:\n{done.stderr[-2000:]}")
    return out / "graph.ttl"


def first_difference(a: Path, b: Path) -> str:
    la, lb = a.read_text(encoding="utf-8").splitlines(), b.read_text(encoding="utf-8").splitlines()
    diff = list(difflib.unified_diff(la, lb, "before", "after", n=0, lineterm=""))
    return "\n".join(diff[:12])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", default="HEAD", help="the earlier commit (default HEAD)")
    ap.add_argument("--after", help="a later commit to compare instead of the working tree")
    ap.add_argument("--n", type=int, default=500, help="generated articles per language (default 500)")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kg-same-bytes",
                    help="where the earlier commit's graphs are kept")
    args = ap.parse_args(argv)
    sha = git("rev-parse", args.against)
    cache = args.cache / sha
    cache.mkdir(parents=True, exist_ok=True)
    names = corpora(args.cache, args.n)
    worktree = None
    after_tree = None
    failed = 0
    try:
        if args.after:
            after_tree = Path(tempfile.mkdtemp(prefix="kg-after-")) / "tree"
            git("worktree", "add", "--detach", str(after_tree), git("rev-parse", args.after))
        for name, corpus in names.items():
            before = cache / name / "graph.ttl"
            if not before.exists():
                if worktree is None:
                    worktree = Path(tempfile.mkdtemp(prefix="kg-before-")) / "tree"
                    git("worktree", "add", "--detach", str(worktree), sha)
                build(worktree, corpus, cache / name)
            with tempfile.TemporaryDirectory(prefix="kg-after-") as tmp:
                after = build(after_tree or ROOT, corpus, Path(tmp))
                same = before.read_bytes() == after.read_bytes()
                size = before.stat().st_size
                print(f"{name:16} {'same bytes' if same else 'DIFFERENT'} ({size:,} bytes, against {sha[:10]})")
                if not same:
                    failed += 1
                    print(first_difference(before, after))
    finally:
        for tree in (worktree, after_tree):
            if tree is not None:
                git("worktree", "remove", "--force", str(tree))
                shutil.rmtree(tree.parent, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
