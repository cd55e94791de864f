"""The notebooks are stored stripped (executed by `pytest --nbmake notebooks/`) and use only kg's public API."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert any(p.name == "01_centrality.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_valid_and_stripped(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a notebook without code"
    assert all(c.outputs == [] and c.execution_count is None for c in code), "outputs must be stripped before commit"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_uses_the_public_api(path: Path) -> None:
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    assert "from kg." in source
    # private helpers may change without notice; a notebook is documentation users copy
    assert "._" not in source.replace("__", "")


# --- the centrality notebook on a graph other than the seeds --------------------------------------

ROOT = Path(__file__).resolve().parents[1]
CENTRALITY = ROOT / "notebooks" / "01_centrality.ipynb"


def _code(path: Path) -> str:
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")


def _markdown(path: Path) -> str:
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")


@pytest.fixture(scope="session")
def generated_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 generated articles in kk, ru and en (dated 2020-2025, none from the seeds), built without store or page."""
    from kg.pipeline import build

    folder = tmp_path_factory.mktemp("generated")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate_corpus.py"), "--n", "60", "--out",
                    str(folder / "corpus"), "--langs", "kk,ru,en"], check=True, capture_output=True)
    return build([folder / "corpus"], folder / "out", render_html=False, store=False).outputs["ttl"]


def _run_notebook(path: Path, graph: Path | str, monkeypatch: pytest.MonkeyPatch, shell_dir: Path | None = None):
    """Execute `path` in a real Jupyter kernel (nbclient, which nbmake runs on) with KG_GRAPH=graph.

    The kernel runs in the notebook's folder; `shell_dir` is the folder Jupyter would have been
    started from (the shell's $PWD), which a relative KG_GRAPH is read from.
    """
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("KG_GRAPH", str(graph))  # the kernel inherits the environment
    if shell_dir is not None:
        monkeypatch.setenv("PWD", str(shell_dir))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(path, as_version=4)
    # no timeout: how long a cell takes is not what this test is about
    nbclient.NotebookClient(nb, timeout=None, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def _text(nb) -> str:
    """Everything the executed notebook printed or displayed as text or HTML."""
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            data = output.get("data", {})
            parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


def test_centrality_notebook_runs_on_another_graph(generated_graph: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.analysis import time_windows

    # a build folder, named relative to where Jupyter starts (not the notebook's folder)
    nb = _run_notebook(CENTRALITY, "out", monkeypatch, shell_dir=generated_graph.parent.parent)
    shown = _text(nb)
    assert str(generated_graph) in shown  # the graph of KG_GRAPH, not the seeds'
    windows = time_windows(generated_graph)
    assert len(windows) > 1
    for w in windows:  # the windows come from the data: the generated articles' years
        assert f"{w.name} ({w.since} to {w.until})" in shown
    assert "normalised" in shown and "rank" in shown  # the comparable variants are shown


def test_centrality_notebook_hard_codes_no_dates_and_no_seeds_actors() -> None:
    code = _code(CENTRALITY)
    assert not re.search(r"\b20\d\d-\d\d", code), "time windows must come from the data (kg.analysis.time_windows)"
    assert "tokayev" not in code and "country_kz" not in code


def test_centrality_notebook_explains_window_comparison_and_colours() -> None:
    text = _markdown(CENTRALITY).lower()
    assert "not comparable" in text and "normalised" in text and "rank" in text
    assert "legend" in _code(CENTRALITY)  # the community colours say which community they are
    assert "KG_GRAPH" in _markdown(CENTRALITY)
