"""Loading stage: files -> Article (header read, text decoded, sentences with offsets).

An article file starts with the header ` date YYYY-MM-DD `; the rest is the text, and
every offset in the graph points into that text. Bad files raise an ArticleError that
names the file and the reason, so the caller can report it and go on with the others.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import (
    ArticleError,
    BinaryArticle,
    EmptyArticle,
    MissingDateHeader,
    UndecodableArticle,
    UnsupportedLanguage,
)
from kg.language import article_language, detect_language
from kg.languages import BY_CODE, CODES, reads_message
from kg.model import Article, Sentence

MAX_BYTES = 5_000_000  # a news article is tens of kB; larger files are dumps, not articles
MAX_SENTENCE = 1_000  # characters; longer runs without a sentence end are cut at a space

_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+|\Z)", re.IGNORECASE)
_HTML_DOC = re.compile(r"\A\s*(<!doctype html|<html\b|<\?xml)", re.IGNORECASE)
# elements whose content is not article text (the <head> holds the <title>, which would
# otherwise come before the date header), comments, then any other tag
_TAG = re.compile(r"<(script|style|head|title|noscript|template)\b.*?</\1\s*>|<!--.*?-->|<[^>]{0,2000}>",
                  re.IGNORECASE | re.DOTALL)
# tags that stay inside a word or a phrase ("<b>сөз</b>"); a block tag is a line break,
# because lines bound sentences and paragraphs often end without a dot
_INLINE_TAG = re.compile(r"</?(a|b|i|em|strong|span|u|s|sub|sup|small|mark|abbr|cite|q|font)\b[^>]*>",
                         re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(p|div|br|li|h[1-6]|tr|td|th|ul|ol|table|section|article|header|footer|"
                        r"blockquote|figcaption|main|aside|nav|body|html|hr)\b[^>]*>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Abbreviations after which a dot does not end a sentence (kk, ru, en).
_ABBREVIATIONS = frozenset(
    "т.б т.с.с т.е т.д т.п г гг млн млрд трлн тыс руб долл им ст стр см напр др проф акад "
    "д.б ж жж ғ млрд. mr mrs ms dr st no vs jr sr inc ltd co corp gen col lt prof "
    "u.s u.k u.n d.c u.s.a e.u".split()
)
_SENT_END = re.compile(r"[.!?…]+[\"»”)]*")
_UPPER_START = re.compile(r"[\"«“(–—-]*\s*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9]")


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode an article's bytes; returns the text and a note when the encoding was guessed.

    UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as they are; bytes that
    are not UTF-8 but read as Cyrillic in Windows-1251 or KOI8-R are decoded with a note.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise UndecodableArticle(name, f"has a UTF-16 mark but is not UTF-16 ({exc.reason})") from exc
    if b"\x00" in data:
        raise BinaryArticle(name, "is binary (NUL bytes), not a text article")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for enc in ("cp1251", "koi8_r"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        letters = [c for c in text if c.isalpha()]
        cyr = [c for c in letters if "\u0400" <= c <= "\u04ff"]
        if not letters or len(cyr) < 0.5 * len(letters):
            continue
        # real text is mostly lower case; the wrong one of the two code pages flips case
        share_lower = sum(c.islower() for c in cyr) / len(cyr)
        if best is None or share_lower > best[0]:
            best = (share_lower, enc, text)
    if best is not None and best[0] > 0.6:
        return best[2], f"not UTF-8: decoded as {best[1]}"
    raise UndecodableArticle(name, "is not UTF-8 and its encoding cannot be told; save it as UTF-8")


def strip_markup(text: str) -> str:
    """Text of an HTML page: tags dropped, entities resolved (offsets are into the result).

    Block tags become line breaks, inline tags vanish, <head>, <script> and <style>
    go with their content.
    """

    def replace(m: re.Match[str]) -> str:
        tag = m.group()
        if _INLINE_TAG.fullmatch(tag):
            return ""
        return "\n" if _BLOCK_TAG.fullmatch(tag) else " "

    return html.unescape(_TAG.sub(replace, text))


def split_sentences(text: str, article_lang: str = "") -> tuple[Sentence, ...]:
    """Split text into sentences with character offsets into it.

    Lines are sentences' outer bounds; within a line a sentence ends at . ! ? … followed
    by an upper-case letter, a digit or an opening quote, except after an initial
    ("Ш. Мирзиёев") or a known abbreviation. A dot glued to the next word
    ("жүргізеді.Бұл") still ends a sentence when a lower-case word precedes it.
    """
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n\r]+", text):
        start = line.start()
        chunk = line.group()
        cut = start
        for m in _SENT_END.finditer(chunk):
            end = start + m.end()
            rest = text[end:line.end()]
            if not rest.strip():
                continue
            glued = not rest[:1].isspace()
            if not _UPPER_START.match(rest.lstrip()):
                continue
            before = text[cut:start + m.start()]
            word = re.findall(r"[\w.]+$", before)
            last = word[0].lower().rstrip(".") if word else ""
            if m.group().startswith(".") and (len(last) == 1 or last in _ABBREVIATIONS):
                continue  # an initial or an abbreviation
            if glued and not (len(last) > 2 and last.isalpha() and before[-1:].islower()):
                continue  # "BAQ.KZ", "C5+1.0": a dot inside a name
            _add_sentence(out, text, cut, end, article_lang)
            cut = end
        _add_sentence(out, text, cut, line.end(), article_lang)
    return tuple(out)


def _add_sentence(out: list[Sentence], text: str, start: int, end: int, article_lang: str) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    while end - start > MAX_SENTENCE:
        # a "sentence" of thousands of characters is a dump without punctuation: cut it at
        # spaces so that no parser ever sees more than MAX_SENTENCE characters at once
        cut = text.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add_sentence(out, text, start, cut, article_lang)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    body = text[start:end]
    lang = detect_language(body)
    # a short sentence with no Kazakh letter ("Алибайов.") is still Kazakh in a Kazakh text
    article = BY_CODE.get(article_lang)
    if article is not None and lang in article.absorbs_short and sum(c.isalpha() for c in body) < 80:
        lang = article_lang
    out.append(Sentence(start, end, body, lang))


def parse_article(data: bytes, path: str | Path) -> tuple[Article, list[str]]:
    """Turn a file's bytes into an Article; returns it with notes worth a warning.

    Raises:
        ArticleError: the file cannot be an article (empty, binary, undecodable, no date
            header, a language kg does not read); the message names the file.
    """
    path = Path(path)
    name = str(path)
    notes: list[str] = []
    if not data.strip():
        raise EmptyArticle(name, "is empty")
    if len(data) > MAX_BYTES:
        raise ArticleError(name, _too_big(len(data)))
    text, note = decode(data, name)
    if note:
        notes.append(f"{name}: {note}")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if _HTML_DOC.match(text) or re.search(r"<(p|div|body|br)\b[^>]*>", text[:5000], re.IGNORECASE):
        text = strip_markup(text)
        notes.append(f"{name}: HTML markup removed")
    if len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        raise BinaryArticle(name, "is binary (control characters), not a text article")
    text = _CONTROL.sub(" ", text)
    header = _HEADER.match(text)
    if not header:
        raise MissingDateHeader(
            name, "lacks the ' date YYYY-MM-DD ' header on its first line; add it to build this file")
    try:
        date = dt.date.fromisoformat(header.group(1))
    except ValueError as exc:
        raise MissingDateHeader(name, f"has a date header that is not a real date ({header.group(1)})") from exc
    body = text[header.end():]
    if not body.strip():
        raise EmptyArticle(name, "has a date header but no text")
    rough = split_sentences(body)
    lang = article_language([(s.lang, len(s.text)) for s in rough])
    if lang not in CODES:
        what = {"": "no letters", "other": "a script kg does not read"}.get(lang, lang)
        raise UnsupportedLanguage(name, f"has {what}; {reads_message()}")
    sentences = split_sentences(body, lang)
    article = Article(
        id=article_id(path),
        path=name,
        date=date,
        lang=lang,
        text=body,
        sentences=sentences,
    )
    return article, notes


def _too_big(size: int) -> str:
    return f"is {size:,} bytes, over the {MAX_BYTES:,} bytes ({MAX_BYTES / 1e6:g} MB) an article may be"


def article_id(path: Path) -> str:
    """The article's identifier: its file name without the extension."""
    name = path.name
    return name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name


def iter_files(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Files named on the command line, and files under named folders (sorted, hidden ones skipped)."""
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and not any(part.startswith(".") for part in rel.parts):
                    yield f
        else:
            yield p


def load_articles(inputs: Iterable[str | Path]) -> Iterator[tuple[Article | None, list[str]]]:
    """Read every input file; yields (article, warnings) and (None, [reason]) for bad files.

    Examples:
        >>> for article, warnings in load_articles(["seeds"]):  # doctest: +SKIP
        ...     print(article.id if article else warnings[0])
    """
    for path in iter_files(inputs):
        try:
            if not path.exists():
                raise ArticleError(str(path), "does not exist")
            if not path.is_file():
                raise ArticleError(str(path), "is not a regular file")
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise ArticleError(str(path), _too_big(size))
            data = path.read_bytes()
            article, notes = parse_article(data, path)
        except ArticleError as exc:
            yield None, [str(exc)]
        except OSError as exc:
            yield None, [f"{path}: cannot be read ({exc.strerror or exc})"]
        else:
            yield article, notes
