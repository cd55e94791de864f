"""Tests of the word lists (kg/lexicons/words_<lang>.tsv read by kg.wordlists): same contents as the
constants they replace, clear errors for malformed files and for lists that do not exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import LexiconError
from kg.lexicon import LexiconFormatError
from kg.wordlists import (
    MissingWordList,
    load_wordlists,
    load_wordlists_from,
    parse_wordlists,
    pattern,
    words,
)

LEXICONS = Path(__file__).resolve().parent.parent / "kg" / "lexicons"
LANGS = ("kk", "ru", "en")

@pytest.mark.parametrize(
    ("lang", "name", "expected"),
    [
        ("en", "dashes", {"-", "\u2013", "\u2014"}),
        ("en", "possessive", {"'s", "\u2019s", "'", "\u2019"}),
        ("en", "clause_end", {".", ";", "!", "?", ":"}),
        ("en", "conjunctions", {",", "and", "&", "or"}),
        ("en", "name_joiners", {"of", "for", "and", "the", "&", "on"}),
        ("ru", "conjunctions", {",", "и", "или", "а", "также"}),
        ("en", "pronouns_gen", {"his"}),
    ],
)
def test_punctuation_and_typographic_characters_survive(lang, name, expected):
    assert words(lang, name) == expected


def test_patterns_match_as_before():
    assert pattern("kk", "sides").fullmatch("тараптардың")
    assert pattern("ru", "group_nouns").fullmatch("компаний")
    assert pattern("kk", "surname").fullmatch("Тоқаев")
    assert pattern("kk", "acronym").fullmatch("ШЫҰ") and not pattern("kk", "acronym").fullmatch("Ш")
    assert pattern("kk", "event_heads").match("саммитіне")


@pytest.mark.parametrize("lang", LANGS)
def test_each_file_says_where_its_content_comes_from(lang):
    text = (LEXICONS / f"words_{lang}.tsv").read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    assert "Hand-written for kg" in " ".join(header) and "Apache-2.0" in " ".join(header)
    assert load_wordlists(lang) is load_wordlists(lang)  # read once


def test_a_list_that_does_not_exist_names_file_and_list():
    with pytest.raises(MissingWordList, match=r"words_en\.tsv has no words list 'nope'"):
        words("en", "nope")
    with pytest.raises(MissingWordList, match=r"words_en\.tsv: list 'prepositions' is a words list, not a pattern"):
        pattern("en", "prepositions")
    with pytest.raises(LexiconError, match=r"words_xx\.tsv"):
        words("xx", "conjunctions")


HEADER = "# test\nlist\tkind\tentries\n"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("list\tkind\n", "words_xx.tsv:1", "header must be list<TAB>kind<TAB>entries"),
        ("# only a comment\n", "words_xx.tsv:1", "no header row"),
        (HEADER + "a\twords\n", "words_xx.tsv:3", "2 columns, expected 3"),
        (HEADER + "a\twords\tx\ty\n", "words_xx.tsv:3", "4 columns, expected 3"),
        (HEADER + "a\tword\tx\n", "words_xx.tsv:3", "unknown kind 'word'"),
        (HEADER + "Sides\twords\tx\n", "words_xx.tsv:3", "'Sides' is not lower_snake_case"),
        (HEADER + "a\twords\tx\n#\na\tpattern\tx\n", "words_xx.tsv:5", "duplicate list 'a' (first at line 3)"),
        (HEADER + "a\tpattern\t(x\n", "words_xx.tsv:3", "pattern of 'a' is not a regular expression"),
        (HEADER + "a\twords\t \n", "words_xx.tsv:3", "list 'a' is empty"),
    ],
)
def test_a_malformed_file_gives_one_line_naming_file_and_line(tmp_path, text, where, message):
    (tmp_path / "words_xx.tsv").write_text(text, encoding="utf-8")
    with pytest.raises(LexiconFormatError) as err:
        load_wordlists_from(tmp_path, "xx")
    assert str(err.value).startswith(where + ":"), err.value
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_small_file_loads_from_a_directory(tmp_path):
    (tmp_path / "words_xx.tsv").write_text(
        HEADER + "# a comment between rows\nconj\twords\t, & and\nsides\tpattern\tside(s)?\n", encoding="utf-8")
    lists = load_wordlists_from(tmp_path, "xx")
    assert lists.words("conj") == {",", "&", "and"}
    assert lists.pattern("sides").fullmatch("sides")
    with pytest.raises(LexiconError, match=r"words_yy\.tsv"):
        load_wordlists_from(tmp_path, "yy")


def test_parse_keeps_a_pattern_as_written():
    lists = parse_wordlists("words_xx.tsv", HEADER + "p\tpattern\ta b|c\n")
    assert lists.pattern("p").pattern == "a b|c"
    assert re.fullmatch(lists.pattern("p"), "a b")
