"""Shared fixtures: the seeds built once per session, and helpers to write article files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.pipeline import BuildResult, build

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@dataclass(frozen=True)
class SeedsBuild:
    """The seeds built into a temporary folder (no HTML): the result and its files."""

    result: BuildResult
    out_dir: Path
    ttl: Path
    trig: Path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed articles folder; tests that need it are skipped when it is missing."""
    if not any(SEEDS.glob("*.txt")):
        pytest.skip(f"no seed articles in {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_build(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> SeedsBuild:
    """Build the seeds once per session; tests must not modify the files it wrote."""
    out_dir = tmp_path_factory.mktemp("seeds_out")
    result = build([seeds_dir], out_dir, render_html=False)
    return SeedsBuild(result, out_dir, result.outputs["ttl"], result.outputs["trig"])


WriteArticle = Callable[..., Path]


def _write_article(folder: Path, name: str, text: str, date: str = "2025-03-01", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(f" date {date} {text}".encode(encoding))
    return path


@pytest.fixture(scope="session")
def write_article() -> WriteArticle:
    """A function (folder, name, text, date=..., encoding=...) that writes an article with its header."""
    return _write_article
