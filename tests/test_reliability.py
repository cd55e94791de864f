"""Confidence means something: on the development set, surer mentions are more often right (bench/reliability.py)."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import reliability  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not reliability.ARTICLES.is_dir() or not reliability.GOLD.is_file(),
                                                   reason="the shared development set is not beside the project")]


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> list[reliability.Judged]:
    return reliability.judge(reliability.build_dev(tmp_path_factory.mktemp("dev")))


def test_surer_mentions_are_more_often_right(judged: list[reliability.Judged]) -> None:
    high = [j for j in judged if j.confidence >= 0.8]
    low = [j for j in judged if j.confidence < 0.8]
    assert len(high) > 50 and len(low) > 50
    precision = {name: sum(j.right for j in part) / len(part) for name, part in (("high", high), ("low", low))}
    assert precision["high"] >= precision["low"], precision


def test_wrong_mentions_were_read_with_less_confidence(judged: list[reliability.Judged]) -> None:
    wrong = [j.confidence for j in judged if not j.right]
    right = [j.confidence for j in judged if j.right]
    if wrong:  # a development set read without a single error would leave nothing to compare
        assert statistics.mean(wrong) < statistics.mean(right)


def test_the_table_has_a_row_per_band_with_mentions(judged: list[reliability.Judged]) -> None:
    rows = reliability.table(judged)
    assert sum(n for _, n, _ in rows) == len(judged)
    assert all(0.0 <= p <= 1.0 for _, _, p in rows)
