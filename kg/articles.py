"""Loading stage: files -> Article (header read, text decoded, sentences with offsets).

An article file starts with the header ` date YYYY-MM-DD `; the rest is the text, and
every offset in the graph points into that text. Bad files raise an ArticleError that
names the file and the reason, so the caller can report it and go on with the others.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from kg.errors import (
    ArticleError,
    BinaryArticle,
    EmptyArticle,
    MissingDateHeader,
    UndecodableArticle,
    UnsupportedLanguage,
)
from kg.language import SURE_LETTERS, article_language, detect_language, identify, language_name, unread_language
from kg.languages import BY_CODE, CODES, reads_message
from kg.model import Article, Sentence
from kg.plural import plural

MAX_BYTES = 5_000_000  # a news article is tens of kB; larger files are dumps, not articles
MAX_SENTENCE = 1_000  # characters; longer runs without a sentence end are cut at a space

_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+|\Z)", re.IGNORECASE)
_HTML_DOC = re.compile(r"\A\s*(<!doctype html|<html\b|<\?xml)", re.IGNORECASE)
# elements whose content is not article text (the <head> holds the <title>, which would
# otherwise come before the date header), comments, then any other tag
_SKIPPED_ELEMENT = re.compile(r"<(script|style|head|title|noscript|template)\b", re.IGNORECASE)
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
    "u.s u.k u.n d.c u.s.a e.u jan feb mar apr jun jul aug sep sept oct nov dec янв фев мар апр авг сент окт нояб "
    "дек".split()
)
_SENT_END = re.compile(r"[.!?…]+[\"»”)]*")
_SPACES = re.compile(r"\s*")
_WORD_LOOKBACK = 100  # an abbreviation or an initial is short; a longer word is read from its last 100 characters
_UPPER_START = re.compile(r"[\"«“(–—-]*\s*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9]")


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode an article's bytes; returns the text and a note when something had to be guessed or mended.

    UTF-8 (with or without a BOM) and UTF-16 (with a BOM, or recognised by its zero bytes)
    are read as they are. UTF-8 with a few broken byte sequences keeps its good text: the
    bad bytes become U+FFFD and the note says how many and where the first was. Bytes that
    are not UTF-8 at all but read as Cyrillic in Windows-1251 or KOI8-R are decoded with a
    note.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise UndecodableArticle(name, f"has a UTF-16 mark but is not UTF-16 ({exc.reason})") from exc
    utf16 = _utf16_without_mark(data)
    if utf16 is not None:
        return utf16
    nul = data.count(b"\x00")
    if nul > 8 or nul * 20 > len(data):  # a stray NUL is damage (removed later); many are a binary file
        raise BinaryArticle(name, "is binary (NUL bytes), not a text article")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first = exc.start
    mended = _mostly_utf8(data, first)
    if mended is not None:
        return mended
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


def _utf16_without_mark(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark: every other byte is the high byte of a letter.

    Text in Latin or Cyrillic letters has high bytes 0x00 or 0x04 almost everywhere; one
    side of the byte pairs holding those and the other side not is UTF-16's pattern.
    """
    sample = data[:4096]
    if len(sample) < 8 or len(data) % 2:
        return None
    for order, high in (("le", sample[1::2]), ("be", sample[0::2])):
        low = sample[0::2] if order == "le" else sample[1::2]
        if sum(b in (0, 4) for b in high) >= 0.9 * len(high) and sum(b == 0 for b in low) < 0.1 * len(low):
            try:
                return data.decode(f"utf-16-{order}"), f"UTF-16 ({order.upper()}) without a byte-order mark"
            except UnicodeDecodeError:
                return None
    return None


def _mostly_utf8(data: bytes, first: int) -> tuple[str, str] | None:
    """UTF-8 with a few broken sequences: the text with U+FFFD for them, when the rest is plainly UTF-8."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    if bad <= 0 or good < 20 * bad or bad > max(1, len(data) // 100):
        return None
    return text, f"{bad} invalid UTF-8 byte sequence{'s' if bad > 1 else ''} replaced (the first at byte {first})"


def strip_markup(text: str) -> str:
    """Text of an HTML page: tags dropped, entities resolved (offsets are into the result).

    Block tags become line breaks, inline tags vanish, <head>, <script> and <style>
    go with their content. One pass, linear in the page's length: an element or a comment
    left unclosed runs to the end of the page (as in a browser), and a "<" with no ">"
    within 2,000 characters is text.
    """
    out: list[str] = []
    i = 0
    n = len(text)
    next_gt = -1  # where the next ">" is, found once for every "<" before it
    while i < n:
        j = text.find("<", i)
        if j < 0:
            out.append(text[i:])
            break
        out.append(text[i:j])
        if text.startswith("<!--", j):
            k = text.find("-->", j + 4)
            i = n if k < 0 else k + 3
            out.append(" ")
            continue
        element = _SKIPPED_ELEMENT.match(text, j)
        if element is not None:
            close = re.compile(rf"</{element.group(1)}\s*>", re.IGNORECASE).search(text, element.end())
            i = n if close is None else close.end()
            out.append(" ")
            continue
        if next_gt < j:
            next_gt = text.find(">", j)
            if next_gt < 0:
                next_gt = n
        if next_gt >= n or next_gt - j > 2001:
            out.append("<")
            i = j + 1
            continue
        tag = text[j:next_gt + 1]
        out.append("" if _INLINE_TAG.fullmatch(tag) else "\n" if _BLOCK_TAG.fullmatch(tag) else " ")
        i = next_gt + 1
    return html.unescape("".join(out))


def split_sentences(text: str, article_lang: str = "") -> tuple[Sentence, ...]:
    """Split text into sentences with character offsets into it.

    Lines are sentences' outer bounds; within a line a sentence ends at . ! ? … followed
    by an upper-case letter, a digit or an opening quote, except after an initial
    ("Ш. Мирзиёев") or a known abbreviation. A dot glued to the next word
    ("жүргізеді.Бұл") still ends a sentence when a lower-case word precedes it.
    """
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n\r]+", text):
        start, line_end = line.start(), line.end()
        text_end = start + len(line.group().rstrip())  # past the line's last non-space character
        cut = start
        # every step looks at a bounded stretch of text: linear in the line's length
        for m in _SENT_END.finditer(text, start, line_end):
            end = m.end()
            if end >= text_end:
                continue  # nothing but spaces after it on the line
            glued = not text[end].isspace()
            if not _UPPER_START.match(text, _SPACES.match(text, end).end(), line_end):
                continue
            last, before = _word_before(text, cut, m.start())
            if m.group().startswith(".") and (len(last) == 1 or last in _ABBREVIATIONS):
                continue  # an initial or an abbreviation
            if glued and not (len(last) > 2 and last.isalpha() and before.islower()):
                continue  # "BAQ.KZ", "C5+1.0": a dot inside a name
            _add_sentence(out, text, cut, end)
            cut = end
        _add_sentence(out, text, cut, line_end)
    return in_article(tuple(out), article_lang)


def in_article(sentences: tuple[Sentence, ...], article_lang: str) -> tuple[Sentence, ...]:
    """The sentences as read inside an article of `article_lang`: a short sentence the script tells as
    a language the article's one takes in ("Алибайов." has no Kazakh letter) is in the article's language."""
    article = BY_CODE.get(article_lang)
    if article is None:
        return sentences
    return tuple(replace(s, lang=article_lang)
                 if s.lang in article.absorbs_short and sum(c.isalpha() for c in s.text) < 80 else s
                 for s in sentences)


def _word_before(text: str, floor: int, at: int) -> tuple[str, str]:
    """The word (letters, digits, dots) ending at `at`, lower-cased without its dots at the end, and the
    character before `at`; looks back at most `_WORD_LOOKBACK` characters and never before `floor`."""
    p = at
    low = max(floor, at - _WORD_LOOKBACK)
    while p > low and (text[p - 1].isalnum() or text[p - 1] in "._"):
        p -= 1
    return text[p:at].lower().rstrip("."), (text[at - 1] if at > floor else "")


def _add_sentence(out: list[Sentence], text: str, start: int, end: int) -> None:
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
        _add_sentence(out, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    body = text[start:end]
    out.append(Sentence(start, end, body, detect_language(body)))


def parse_article(data: bytes, path: str | Path, max_bytes: int = MAX_BYTES) -> tuple[Article, list[str]]:
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
    if len(data) > max_bytes:
        raise ArticleError(name, too_big(len(data), max_bytes))
    text, note = decode(data, name)
    if note:
        notes.append(f"{name}: {note}")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if _HTML_DOC.match(text) or re.search(r"<(p|div|body|br)\b[^>]*>", text[:5000], re.IGNORECASE):
        text = strip_markup(text)
        notes.append(f"{name}: HTML markup removed")
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise BinaryArticle(name, "is binary (control characters), not a text article")
    if controls:
        # a stray NUL or escape in good text is damage, not a sign of a binary file
        notes.append(f"{name}: {controls} control character{'s' if controls > 1 else ''} removed")
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
    other = _unread_article(body, rough)
    if other is not None:
        lang = other
    if lang not in CODES:
        what = {"": "has no letters", "other": "is in a script kg does not read"}.get(
            lang, f"is in {language_name(lang)} ({lang})")
        raise UnsupportedLanguage(name, f"{what}; {reads_message()}")
    sentences = in_article(rough, lang)
    kept = tuple(s for s in sentences if s.lang in CODES or not s.lang)
    if len(kept) < len(sentences):
        left = sorted({s.lang for s in sentences if s not in kept})
        what = ", ".join("another script" if c == "other" else f"{language_name(c)} ({c})" for c in left)
        left_out = plural(len(sentences) - len(kept), "sentence")
        notes.append(f"{name}: {left_out} in a language kg does not read left out: {what}")
    article = Article(
        id=article_id(path),
        path=name,
        date=date,
        lang=lang,
        text=body,
        sentences=kept,
    )
    return article, notes


def _unread_article(body: str, sentences: tuple[Sentence, ...]) -> str | None:
    """The language kg does not read that the article is in, judged by the identifier, or None.

    The long sentences vote by their letters for the language the identifier gives each (a
    Tatar article's sentences are told Tatar or Bashkir by it, though the script alone reads
    Kazakh); with no long sentence, the whole text is judged at once.
    """
    votes: Counter[str] = Counter()
    for s in sentences:
        letters = sum(c.isalpha() for c in s.text)
        if letters >= SURE_LETTERS:
            votes[identify(s.text)[0]] += letters
    if not votes:
        return unread_language(body)
    best = max(sorted(votes), key=lambda code: votes[code])
    return None if best in CODES else best


def too_big(size: int, limit: int = MAX_BYTES) -> str:
    """Why a file is refused for its size, and the way round."""
    return (f"is {size:,} bytes, over the {limit:,} bytes ({limit / 1e6:g} MB) an article may be; "
            "raise the limit with --max-bytes to build it")


def article_id(path: Path) -> str:
    """The article's identifier: its file name without the extension."""
    name = path.name
    return name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name


def walk_inputs(inputs: Iterable[str | Path]) -> Iterator[tuple[Path, str | None]]:
    """Every input, as (path, None) for a file to read and (path, reason) for one that will not be.

    Files named on the command line are read as named. Folders are walked in sorted order,
    following links to folders once (a link that leads back into what is being walked, or
    nowhere, is named and skipped); inside a folder, hidden entries (".git", ".DS_Store"),
    sub-folders that cannot be listed, and FIFOs, sockets and devices are named and skipped.
    """
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            real = os.path.realpath(p)
            # every folder the walk is inside, so that a link back to one of them is seen as a loop
            yield from _walk(p, {real, *(str(a) for a in Path(real).parents)})
        else:
            yield p, None


def _walk(folder: Path, seen: set[str]) -> Iterator[tuple[Path, str | None]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield folder, f"cannot be listed ({exc.strerror or exc}); its files were not read"
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            yield path, "is hidden (its name starts with a dot) and was not read"
            continue
        if entry.is_symlink() and not os.path.exists(entry.path):
            yield path, "is a link that leads nowhere (or back into itself) and was not followed"
            continue
        try:
            is_dir = entry.is_dir()  # follows links
            is_file = entry.is_file()
        except OSError as exc:
            yield path, f"cannot be read ({exc.strerror or exc})"
            continue
        if is_dir:
            real = os.path.realpath(entry.path)
            if real in seen:  # a link to the folder itself or to one it is inside: a loop
                yield path, "is a link back to a folder it is inside (a loop) and was not followed"
                continue
            yield from _walk(path, seen | {real})
        elif is_file:
            yield path, None
        else:
            yield path, "is not a regular file (a FIFO, socket or device) and was not read"


def iter_files(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """The files `walk_inputs` would read (see there; the ones it skips are left out here)."""
    for path, reason in walk_inputs(inputs):
        if reason is None:
            yield path


def load_articles(inputs: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> Iterator[tuple[Article | None,
                                                                                              list[str]]]:
    """Read every input; yields (article, warnings), and (None, [reason]) for each input not built.

    Examples:
        >>> for article, warnings in load_articles(["seeds"]):  # doctest: +SKIP
        ...     print(article.id if article else warnings[0])
    """
    for path, reason in walk_inputs(inputs):
        if reason is not None:
            yield None, [f"{path}: {reason}"]
        else:
            yield read_article(path, max_bytes)


def read_article(path: Path, max_bytes: int = MAX_BYTES) -> tuple[Article | None, list[str]]:
    """One file: (article, warnings), or (None, [the reason it is not an article])."""
    try:
        if not path.exists():
            raise ArticleError(str(path), "does not exist")
        if not path.is_file():
            raise ArticleError(str(path), "is not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(str(path), too_big(size, max_bytes))
        data = path.read_bytes()
        article, notes = parse_article(data, path, max_bytes)
    except ArticleError as exc:
        return None, [str(exc)]
    except OSError as exc:
        return None, [f"{path}: cannot be read ({exc.strerror or exc})"]
    return article, notes
