"""Loading stage: header, decoding, sentence offsets, and every kind of bad input file."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from kg import articles
from kg.articles import article_id, iter_files, load_articles, parse_article, split_sentences
from kg.errors import (
    ArticleError,
    BinaryArticle,
    EmptyArticle,
    KgError,
    MissingDateHeader,
    UndecodableArticle,
    UnsupportedLanguage,
)
from kg.languages import LANGUAGES, reads_message

KK_TEXT = (
    "Қасым-Жомарт Тоқаев Ташкентке сапармен барды. Онда Ш. Мирзиёев оны қарсы алды!\n"
    "  Екі ел сауда, көлік т.б. салалардағы ынтымақтастықты талқылады? Иә.\n"
    "\n"
    "Тараптар келіссөз жүргізеді.Бұл кездесу 2025 ж. наурызда өтті…"
)
RU_TEXT = (
    "Касым-Жомарт Токаев прибыл в Ташкент. Его встретил Ш. Мирзиёев!\n"
    "Стороны обсудили торговлю, транспорт и т.д., а также энергетику в г. Самарканде.\n"
    "Переговоры продлятся два дня. Итоги подведут в пятницу?"
)
RU_SENTENCE = "Касым-Жомарт Токаев прибыл в Ташкент, где обсудил торговлю и транспорт с коллегой."
KK_SENTENCE = "Қасым-Жомарт Тоқаев Ташкентке сапармен барып, сауда мен көлікті талқылады."


def load(data: bytes, name: str = "article.txt") -> articles.Article:
    article, _ = parse_article(data, name)
    return article


# --- the header and the text -------------------------------------------------


def test_header_becomes_the_date_and_is_not_in_the_text() -> None:
    article = load(f" date 2025-12-25 {KK_TEXT}".encode())
    assert article.date == dt.date(2025, 12, 25)
    assert article.text.startswith("Қасым-Жомарт")
    assert "date" not in article.text
    assert "2025-12-25" not in article.text


@pytest.mark.parametrize(
    "header", ["date 2025-12-25\n", " date 2025-12-25 \n\n", "\n date 2025-12-25\t", " DATE 2025-12-25 "]
)
def test_header_variants(header: str) -> None:
    article = load(f"{header}{KK_SENTENCE}".encode())
    assert article.date == dt.date(2025, 12, 25)
    assert article.text.strip() == KK_SENTENCE


def test_utf8_bom_is_not_part_of_the_text() -> None:
    article = load(b"\xef\xbb\xbf" + f" date 2025-01-02 {KK_SENTENCE}".encode())
    assert article.date == dt.date(2025, 1, 2)
    assert article.text == KK_SENTENCE


@pytest.mark.parametrize("text", [KK_TEXT, RU_TEXT])
def test_sentence_offsets_point_into_the_text(text: str) -> None:
    article = load(f" date 2025-03-01 {text}".encode())
    assert len(article.sentences) >= 5
    for s in article.sentences:
        assert article.text[s.start:s.end] == s.text
        assert s.text == s.text.strip()
    starts = [s.start for s in article.sentences]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(article.sentences, article.sentences[1:], strict=False))


def test_windows_line_ends_are_normalised_before_offsets() -> None:
    article = load(f" date 2025-03-01 {RU_TEXT}".replace("\n", "\r\n").encode())
    assert "\r" not in article.text
    assert all(article.text[s.start:s.end] == s.text for s in article.sentences)
    assert article.sentences[0].text == "Касым-Жомарт Токаев прибыл в Ташкент."


def test_kazakh_sentences() -> None:
    got = [s.text for s in load(f" date 2025-03-01 {KK_TEXT}".encode()).sentences]
    assert got == [
        "Қасым-Жомарт Тоқаев Ташкентке сапармен барды.",
        "Онда Ш. Мирзиёев оны қарсы алды!",  # an initial does not end a sentence
        "Екі ел сауда, көлік т.б. салалардағы ынтымақтастықты талқылады?",  # nor does "т.б."
        "Иә.",
        "Тараптар келіссөз жүргізеді.",  # a dot glued to the next word still ends it
        "Бұл кездесу 2025 ж. наурызда өтті…",
    ]


def test_russian_sentences() -> None:
    got = [s.text for s in load(f" date 2025-03-01 {RU_TEXT}".encode()).sentences]
    assert got == [
        "Касым-Жомарт Токаев прибыл в Ташкент.",
        "Его встретил Ш. Мирзиёев!",
        "Стороны обсудили торговлю, транспорт и т.д., а также энергетику в г. Самарканде.",
        "Переговоры продлятся два дня.",
        "Итоги подведут в пятницу?",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Президент Ш. Мирзиёев пен Қ. Тоқаев кездесті.",
        "Шавкат Мирзиёев Қ.-Ж. Тоқаевпен кездесті.",
        "Сарапшы Ж. Момынқұлов сұхбат берді.",
        "Встреча прошла в г. Астане с участием проф. Иванова.",
        "Объём торговли достиг 5 млрд долл. США за год.",
        "BAQ.KZ тілшісі хабарлайды.",  # a dot inside a name
        "Бұл туралы Kazinform.kz агенттігі хабарлады.",
    ],
)
def test_no_split_inside(text: str) -> None:
    assert [s.text for s in split_sentences(text)] == [text]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Тоқаев келіссөз жүргізеді.Бұл маңызды.", ["Тоқаев келіссөз жүргізеді.", "Бұл маңызды."]),
        ("Токаев провёл переговоры.Это важно.", ["Токаев провёл переговоры.", "Это важно."]),
        ("Ол келді! «Бұл маңызды», – деді ол.", ["Ол келді!", "«Бұл маңызды», – деді ол."]),
        ("Бірінші жол\nЕкінші жол", ["Бірінші жол", "Екінші жол"]),  # a line is a sentence's outer bound
    ],
)
def test_split_between(text: str, parts: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == parts


def test_split_sentences_of_blank_text() -> None:
    assert split_sentences("") == ()
    assert split_sentences(" \n\n \t") == ()


# --- bad input ---------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


@pytest.mark.parametrize(
    ("data", "error", "reason"),
    [
        (b"", EmptyArticle, "empty"),
        (b"  \n\t \r\n ", EmptyArticle, "empty"),
        (b" date 2025-03-01 \n\n", EmptyArticle, "no text"),
        (PNG, BinaryArticle, "binary"),
        (b"\x89PNG" + b"\x00" * 40 + b"IHDR" + bytes(range(256)), BinaryArticle, "binary"),
        (bytes(range(1, 9)) * 50, BinaryArticle, "binary"),  # control characters without NUL
        (" date 2025-03-01 Décision présidentielle à Genève, réunion à Zürich.".encode("latin-1"),
         UndecodableArticle, "not UTF-8"),
        (f"{KK_SENTENCE}".encode(), MissingDateHeader, "date YYYY-MM-DD"),
        (f"Астана, 2025-03-01 {KK_SENTENCE}".encode(), MissingDateHeader, "date YYYY-MM-DD"),
        (f" date 2025-13-40 {KK_SENTENCE}".encode(), MissingDateHeader, "2025-13-40"),
        (f" date 25-03-01 {KK_SENTENCE}".encode(), MissingDateHeader, "date YYYY-MM-DD"),
        (" date 2025-03-01 哈萨克斯坦总统访问了塔什干并举行了会谈。".encode(),
         UnsupportedLanguage, reads_message()),
        (b" date 2025-03-01 2025 12:30 45%", UnsupportedLanguage, "no letters"),
    ],
    ids=["empty", "whitespace", "header-only", "png", "nul", "control", "latin1", "no-header", "other-first-line",
         "bad-date", "short-year", "chinese", "no-letters"],
)
def test_bad_input_raises_an_article_error_naming_file_and_reason(
    data: bytes, error: type[ArticleError], reason: str
) -> None:
    name = "folder/bad file.txt"
    with pytest.raises(error) as info:
        parse_article(data, name)
    exc = info.value
    assert isinstance(exc, KgError)
    assert exc.path == name
    assert reason in exc.reason
    assert str(exc).startswith(f"{name}: ")


ENGLISH = b" date 2025-03-01 Kazakhstan and Uzbekistan signed a trade agreement in Tashkent."


def test_a_script_kg_does_not_read_is_named_with_what_kg_reads() -> None:
    with pytest.raises(UnsupportedLanguage) as info:
        parse_article(" date 2025-03-01 საქართველომ და ყაზახეთმა ხელი მოაწერეს შეთანხმებას.".encode(), "ka.txt")
    assert str(info.value).startswith("ka.txt: ")
    assert info.value.reason == "is in Georgian (ka); kg reads English, Russian and Kazakh"
    assert all(lang.name in info.value.reason for lang in LANGUAGES)  # from the one table, not a copy


def test_english_is_read() -> None:
    article, _ = parse_article(ENGLISH, "en.txt")
    assert article.lang == "en"
    assert [s.lang for s in article.sentences] == ["en"]


def test_cp1251_russian_is_decoded_with_a_note() -> None:
    data = f" date 2025-03-01 {RU_TEXT}".encode("cp1251")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    article, notes = parse_article(data, "ru.txt")
    assert article.text == RU_TEXT
    assert article.lang == "ru"
    assert any("ru.txt" in n and "cp1251" in n for n in notes)


def test_koi8_russian_is_decoded_with_a_note() -> None:
    article, notes = parse_article(f" date 2025-03-01 {RU_TEXT}".encode("koi8_r"), "ru.txt")
    assert article.text == RU_TEXT
    assert any("koi8" in n for n in notes)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
@pytest.mark.parametrize("text", [KK_TEXT, RU_TEXT])
def test_utf16_with_a_bom_is_decoded(encoding: str, text: str) -> None:
    data = f" date 2025-03-01 {text}".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    article, _ = parse_article(data, "u16.txt")
    assert article.text == text
    assert article.date == dt.date(2025, 3, 1)


def test_html_markup_is_stripped() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Жаңалық</title><style>p {color: red}</style>"
        "<script>var tracker = 1;</script></head>"
        f"<body><p> date 2025-03-01 </p><p>{KK_SENTENCE}</p><p>Тоқаев &laquo;Ақорда&raquo; "
        "резиденциясында <b>сөз</b> сөйледі.</p></body></html>"
    )
    article, notes = parse_article(page.encode(), "page.html")
    assert article.date == dt.date(2025, 3, 1)
    assert "<" not in article.text and ">" not in article.text
    assert "tracker" not in article.text and "color" not in article.text
    assert "«Ақорда»" in article.text
    assert [s.text for s in article.sentences] == [KK_SENTENCE, "Тоқаев «Ақорда» резиденциясында сөз сөйледі."]
    assert all(article.text[s.start:s.end] == s.text for s in article.sentences)
    assert any("HTML" in n for n in notes)


def test_html_paragraphs_without_a_dot_are_separate_sentences() -> None:
    page = "<html><body><p> date 2025-03-01 </p><h1>Тоқаев Ташкентке барды</h1><p>Екі ел келісімге қол қойды</p>"
    article, _ = parse_article(page.encode(), "page.html")
    assert [s.text for s in article.sentences] == ["Тоқаев Ташкентке барды", "Екі ел келісімге қол қойды"]


def test_a_script_tag_quoted_in_plain_text_is_kept() -> None:
    text = f"{RU_SENTENCE[:-1]}, а в сети появилась строка <script>alert(1)</script> и ссылка."
    article = load(f" date 2025-03-01 {text}".encode())
    assert article.text == text
    assert "<script>alert(1)</script>" in article.sentences[0].text


def test_stray_control_characters_become_spaces_and_keep_offsets() -> None:
    article = load(f" date 2025-03-01 Тоқаев\x0bТашкентке барды.\x07 {KK_SENTENCE}".encode())
    assert "\x0b" not in article.text and "\x07" not in article.text
    assert all(article.text[s.start:s.end] == s.text for s in article.sentences)


# --- files and folders -------------------------------------------------------


def test_load_articles_reports_each_bad_file_and_goes_on(tmp_path: Path, write_article) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_image.png").write_bytes(PNG)
    (tmp_path / "c_nodate.txt").write_text(KK_SENTENCE, encoding="utf-8")
    write_article(tmp_path, "d_good.txt", KK_SENTENCE)
    write_article(tmp_path, "e_chinese.txt", "哈萨克斯坦总统访问了塔什干并举行了会谈。")
    write_article(tmp_path, "f_cp1251.txt", RU_SENTENCE, encoding="cp1251")
    write_article(tmp_path, "g_bad_date.txt", KK_SENTENCE, date="2025-02-30")
    results = list(load_articles([tmp_path]))
    assert len(results) == 7
    good = {a.id: notes for a, notes in results if a is not None}
    assert set(good) == {"d_good", "f_cp1251"}
    assert good["d_good"] == []
    assert len(good["f_cp1251"]) == 1 and "cp1251" in good["f_cp1251"][0]
    bad = [notes for a, notes in results if a is None]
    assert all(len(notes) == 1 for notes in bad)
    messages = [notes[0] for notes in bad]
    for name, reason in [("a_empty.txt", "empty"), ("b_image.png", "binary"), ("c_nodate.txt", "date"),
                         ("e_chinese.txt", reads_message()), ("g_bad_date.txt", "2025-02-30")]:
        line = next((m for m in messages if str(tmp_path / name) in m), None)
        assert line is not None, f"no message names {name}: {messages}"
        assert reason in line


def test_a_missing_input_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    [(article, notes)] = list(load_articles([missing]))
    assert article is None
    assert notes == [f"{missing}: does not exist"]


def test_a_file_over_the_size_limit_is_refused_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "dump.txt"
    line = f"{KK_SENTENCE}\n".encode()
    big.write_bytes(b" date 2025-03-01 " + line * (articles.MAX_BYTES // len(line) + 10))
    assert big.stat().st_size > articles.MAX_BYTES
    [(article, notes)] = list(load_articles([big]))
    assert article is None
    assert str(big) in notes[0] and f"over the {articles.MAX_BYTES:,} bytes" in notes[0]


def test_the_size_limit_also_holds_for_bytes_given_directly() -> None:
    with pytest.raises(ArticleError, match=r"over the 100 bytes .* raise the limit with --max-bytes"):
        parse_article(f" date 2025-03-01 {KK_TEXT}".encode(), "x.txt", max_bytes=100)


def test_a_larger_limit_reads_a_file_over_the_default(tmp_path: Path) -> None:
    big = tmp_path / "long.txt"
    line = f"{KK_SENTENCE}\n".encode()
    big.write_bytes(b" date 2025-03-01 " + line * (articles.MAX_BYTES // len(line) + 10))
    [(article, notes)] = list(load_articles([big], max_bytes=2 * articles.MAX_BYTES))
    assert article is not None and len(article.sentences) > 1000, notes


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_reported(tmp_path: Path, write_article) -> None:
    path = write_article(tmp_path, "locked.txt", KK_SENTENCE)
    path.chmod(0)
    try:
        [(article, notes)] = list(load_articles([path]))
    finally:
        path.chmod(0o644)
    assert article is None
    assert str(path) in notes[0] and "cannot be read" in notes[0]


def test_hidden_files_and_folders_are_skipped(tmp_path: Path, write_article) -> None:
    write_article(tmp_path, "visible.txt", KK_SENTENCE)
    (tmp_path / "sub").mkdir()
    write_article(tmp_path / "sub", "nested.txt", KK_SENTENCE)
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    write_article(tmp_path, ".draft.txt", KK_SENTENCE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    files = list(iter_files([tmp_path]))
    assert files == [tmp_path / "sub" / "nested.txt", tmp_path / "visible.txt"]
    results = list(load_articles([tmp_path]))
    assert [a.id for a, _ in results if a] == ["nested", "visible"]
    named = sorted(notes[0] for a, notes in results if a is None)  # not read, but named: nothing is lost silently
    assert named == [f"{tmp_path / n}: is hidden (its name starts with a dot) and was not read"
                     for n in (".DS_Store", ".draft.txt", ".git")]


def test_a_hidden_file_named_explicitly_is_read(tmp_path: Path, write_article) -> None:
    path = write_article(tmp_path, ".draft.txt", KK_SENTENCE)
    [(article, _)] = list(load_articles([path]))
    assert article is not None and article.id == ".draft"


def _odd_names() -> list[str]:
    names = ["with space.txt", "Ақорда жаңалығы.txt", "-leading-dash.txt", "report.2025.03.txt", "noext",
             "квадратные [скобки].txt"]
    if os.name == "posix":
        names.append("new\nline.txt")
    return names


@pytest.mark.parametrize("name", _odd_names())
def test_odd_file_names_load_and_the_id_is_the_stem(tmp_path: Path, write_article, name: str) -> None:
    path = write_article(tmp_path, name, KK_SENTENCE)
    [(article, notes)] = list(load_articles([tmp_path]))
    assert article is not None, notes
    assert article.id == (Path(name).stem if "." in name else name)
    assert article.path == str(path)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.txt", "a"), ("a.b.txt", "a.b"), ("noext", "noext"), (".profile", ".profile"), (".x.txt", ".x")],
)
def test_article_id(name: str, expected: str) -> None:
    assert article_id(Path("dir") / name) == expected


def test_a_run_without_sentence_ends_is_cut_into_bounded_sentences() -> None:
    from kg.articles import MAX_SENTENCE, split_sentences

    text = "сөз " * 20_000  # 80,000 characters with no full stop
    sentences = split_sentences(text)
    assert len(sentences) > 50
    assert max(s.end - s.start for s in sentences) <= MAX_SENTENCE
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_us_abbreviation_does_not_end_a_sentence() -> None:
    from kg.articles import split_sentences

    sentences = split_sentences("Tokayev met with U.S. President Donald Trump. They spoke.")
    assert [s.text for s in sentences] == ["Tokayev met with U.S. President Donald Trump.", "They spoke."]
