"""The house rules that keep the code one place per thing: one language table, no language tests in kg/extract."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kg.languages import CODES, LANGUAGES

KG = Path(__file__).resolve().parents[1] / "kg"
TABLE = KG / "languages.py"
NAMES = {lang.name for lang in LANGUAGES}


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def language_lists(source: str, name: str) -> list[str]:
    """Places in a Python module's source that spell two or more of kg's languages themselves."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            codes = {e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in CODES}
        elif isinstance(node, ast.Dict):
            codes = {k.value for k in node.keys if isinstance(k, ast.Constant) and k.value in CODES}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            words = set(re.findall(r"[A-Za-z]+", node.value))
            codes = (words & NAMES) if len(words & NAMES) >= 2 else set(re.findall(r"\b(kk|ru|en)/", node.value))
        else:
            continue
        if len(codes) >= 2:
            found.append(f"{name}:{node.lineno}: {sorted(codes)}")
    return found


def web_language_lists(text: str, name: str) -> list[str]:
    """The same for the page's script and template: a literal list or map of language codes."""
    codes = "|".join(CODES)
    # a code quoted ("en", 'ru') or as an object key (kk:), two of them on one line
    spelled = re.compile(rf"""["']({codes})["']|\b({codes})\s*:""")
    options = re.compile(rf"""<option value=["']({codes})["']""")
    found = [f"{name}: {m.group(0)}" for m in options.finditer(text)]
    for number, line in enumerate(text.splitlines(), 1):
        if len({a or b for a, b in spelled.findall(line)}) >= 2:
            found.append(f"{name}:{number}: {line.strip()[:80]}")
    return found


def test_the_language_list_is_written_once() -> None:
    found = []
    for path in sorted(KG.rglob("*.py")):
        if path != TABLE and "models" not in path.parts:
            found += language_lists(path.read_text(encoding="utf-8"), str(path.relative_to(KG.parent)))
    for path in sorted((KG / "render_assets").glob("*")):
        if path.suffix in {".js", ".html"}:
            found += web_language_lists(path.read_text(encoding="utf-8"), path.name)
    assert found == [], "read these from kg.languages instead:\n" + "\n".join(found)


@pytest.mark.parametrize("source", [
    'LANGS = ("kk", "ru", "en")',
    'NAMES = {"kk": "Kazakh", "en": "English"}',
    'def f():\n    raise ValueError("kg reads Kazakh and Russian")',
    'HEADER = "mentions (kk/ru/en)"',
])
def test_the_guard_sees_a_list_spelled_out(source: str) -> None:
    assert language_lists(source, "probe.py")


def test_the_guard_leaves_docstrings_and_single_codes_alone() -> None:
    assert not language_lists('"""Reads Kazakh, Russian and English."""\nLANG = "kk"\n', "probe.py")


@pytest.mark.parametrize("text", [
    'var NAMES = { kk: "Kazakh (kk)", ru: "Russian (ru)" };',
    'var FALLBACK = ["en", "ru", "kk", ""];',
    '<option value="en">English</option>',
])
def test_the_guard_sees_a_web_list(text: str) -> None:
    assert web_language_lists(text, "probe")


def test_no_extraction_module_tests_its_language() -> None:
    for path in sorted((KG / "extract").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\blang\s*(==|!=|in\b)|\bself\.lang\s*==", text), path.name


def test_every_language_of_the_table_has_its_parts_registered() -> None:
    from kg import registry

    for code in CODES:
        assert registry.nlp.get(code) is not None
        assert registry.mention_finders.get(code).lang == code
        assert registry.extractors.get(code).lang == code


def test_an_unknown_language_is_a_clear_error() -> None:
    from kg import registry

    with pytest.raises(registry.UnknownLanguage, match="no extractor for language 'xx'"):
        registry.extractors.get("xx")
