"""A build reads its corpus one article at a time: only file names are listed up front."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import NothingBuilt
from kg.pipeline import BuildResult, _plan, build

KK = "Қасым-Жомарт Тоқаев Ташкентке барды."


def test_files_are_read_only_when_the_build_asks(tmp_path: Path, write_article) -> None:
    write_article(tmp_path, "a.txt", KK)
    write_article(tmp_path, "b.txt", KK)
    result = BuildResult()
    plan = _plan([tmp_path], result)
    assert len(plan) == 2 and not result.skipped
    (tmp_path / "b.txt").unlink()  # gone after listing, before reading
    assert [a.id for a in plan] == ["a"]
    assert len(result.skipped) == 1 and "b.txt" in result.skipped[0] and "does not exist" in result.skipped[0]


def test_of_two_files_with_one_id_the_good_one_is_the_article(tmp_path: Path, write_article) -> None:
    (tmp_path / "1").mkdir()
    write_article(tmp_path / "1", "x.txt", KK)
    (tmp_path / "2").mkdir()
    (tmp_path / "2" / "x.txt").write_bytes(b"\xff\xfe not an article")
    result = BuildResult()
    articles = list(_plan([tmp_path / "1", tmp_path / "2"], result))
    assert [a.path for a in articles] == [str(tmp_path / "1" / "x.txt")]
    assert len(result.skipped) == 1 and str(tmp_path / "2" / "x.txt") in result.skipped[0]


def test_files_that_share_an_id_are_all_named_and_one_is_built(tmp_path: Path, write_article) -> None:
    write_article(tmp_path, "x.txt", KK)
    write_article(tmp_path, "x.md", KK)
    (tmp_path / "sub").mkdir()
    write_article(tmp_path / "sub", "x.txt", KK)
    result = BuildResult()
    articles = list(_plan([tmp_path], result))
    assert [a.path for a in articles] == [str(tmp_path / "sub" / "x.txt")]  # the first in path order
    assert sorted(result.skipped) == sorted(
        f"{tmp_path / name}: has the article id 'x' of {tmp_path / 'sub' / 'x.txt'}, which is built; "
        "rename one of them to build both" for name in ("x.md", "x.txt"))


def test_only_bad_files_build_nothing_and_touch_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad.txt").write_text("no header here", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# an earlier build\n", encoding="utf-8")
    with pytest.raises(NothingBuilt, match=r"bad\.txt"):
        build([src], out, render_html=False)
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "# an earlier build\n"
    assert not (out / "store").exists()
