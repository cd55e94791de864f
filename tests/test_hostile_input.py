"""Input that used to be misread or lost without a word: what kg reads, what it refuses, and that it says so.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import articles
from kg.articles import load_articles, parse_article, split_sentences, strip_markup
from kg.cli import app
from kg.errors import UnsupportedLanguage
from kg.languages import reads_message

HEADER = " date 2025-03-01 "
KK = "Қазақстан Президенті Астанада шетелдік инвесторлармен кездесіп, екі ел арасындағы сауданы талқылады."
EN = "The President of Kazakhstan met foreign investors in Astana and discussed trade between the two countries."


def article(text: str) -> bytes:
    return (HEADER + text).encode()


# --- languages kg does not read ------------------------------------------------------------------

OTHERS = {
    "ky": ("Kyrgyz", "Кыргызстандын президенти Бишкекте чет элдик инвесторлор менен жолугуп, эки өлкөнүн "
                     "ортосундагы сооданы талкуулады. Тышкы иштер министри кошуна өлкөлөр менен "
                     "кызматташтыкты кеңейтүүнү сунуштады."),
    "uz": ("Uzbek", "Oʻzbekiston prezidenti Toshkentda xorijiy investorlar bilan uchrashib, ikki davlat oʻrtasidagi "
                    "savdoni muhokama qildi. Tashqi ishlar vaziri qoʻshni davlatlar bilan hamkorlikni kengaytirishni "
                    "taklif qildi."),
    "de": ("German", "Der Präsident traf sich in Berlin mit ausländischen Investoren und besprach den Handel "
                     "zwischen den beiden Ländern. Der Außenminister schlug vor, die Zusammenarbeit mit den "
                     "Nachbarstaaten auszubauen."),
    "tt": ("Tatar", "Республика Президенты Казанда чит ил инвесторлары белән очрашып, ике ил арасындагы сәүдәне "
                    "тикшерде. Хөкүмәт авыл хуҗалыгына ярдәм итү өчен өстәмә акча бүлеп бирергә карар кылды."),
    "tr": ("Turkish", "Cumhurbaşkanı Ankara'da yabancı yatırımcılarla görüşerek iki ülke arasındaki ticareti ele "
                      "aldı. Dışişleri Bakanı komşu ülkelerle işbirliğinin genişletilmesini önerdi."),
}


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_an_article_in_a_language_kg_does_not_read_is_refused_by_name(code: str) -> None:
    name, text = OTHERS[code]
    with pytest.raises(UnsupportedLanguage) as info:
        parse_article(article(text), f"{code}.txt")
    assert info.value.reason == f"is in {name} ({code}); {reads_message()}"


def test_a_kyrgyz_text_is_not_read_as_kazakh_for_sharing_its_letters() -> None:
    assert {"ң", "ө", "ү"} & set(OTHERS["ky"][1])  # letters the script rule counted as Kazakh
    with pytest.raises(UnsupportedLanguage, match="Kyrgyz"):
        parse_article(article(OTHERS["ky"][1]), "ky.txt")


def test_a_sentence_in_another_language_is_left_out_and_said() -> None:
    text = (f"{EN} {OTHERS['de'][1].split('. ')[0]}. The talks went on in the evening, and both delegations "
            "agreed to meet again in the spring to sign the new agreement.")
    built, notes = parse_article(article(text), "mixed.txt")
    assert built.lang == "en"  # most of its letters are English
    assert [s.lang for s in built.sentences] == ["en", "en"]
    assert notes == ["mixed.txt: 1 sentence in a language kg does not read left out: German (de)"]


def test_short_sentences_keep_the_script_s_reading() -> None:
    built, notes = parse_article(article("Tokayev met Xi. Они встретились. Екі ел келісті."), "short.txt")
    assert [s.lang for s in built.sentences] == ["en", "ru", "kk"] and not notes


# --- bytes -----------------------------------------------------------------------------------

def test_a_few_broken_utf8_bytes_keep_the_rest_of_the_text() -> None:
    good = article(KK + " " + KK)
    broken = good[:40] + b"\xff\xfe" + good[40:]
    built, notes = parse_article(broken, "broken.txt")
    assert built.lang == "kk" and "Қазақстан Президенті" in built.text and "\ufffd" in built.text
    assert notes == ["broken.txt: 2 invalid UTF-8 byte sequences replaced (the first at byte 40)"]


def test_a_windows_1251_file_is_still_decoded_as_such() -> None:
    built, notes = parse_article((HEADER + "Президент встретился с инвесторами в Астане.").encode("cp1251"), "x.txt")
    assert "Президент встретился" in built.text and notes == ["x.txt: not UTF-8: decoded as cp1251"]


def test_a_stray_nul_or_control_character_is_removed_and_said() -> None:
    data = article(KK).replace("Астанада".encode(), b"\x00\x07\x00Astana ")
    built, notes = parse_article(data, "nul.txt")
    assert "\x00" not in built.text and built.sentences
    assert notes == ["nul.txt: 3 control characters removed"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_recognised(encoding: str) -> None:
    built, notes = parse_article((HEADER + KK).encode(encoding), "u16.txt")
    assert built.text.strip() == KK
    assert notes == [f"u16.txt: UTF-16 ({encoding[-2:].upper()}) without a byte-order mark"]


# --- files and folders -----------------------------------------------------------------------

def _write(path: Path, text: str = KK) -> Path:
    path.write_bytes(article(text))
    return path


def _skipped(inputs: list[Path]) -> list[str]:
    return [notes[0] for a, notes in load_articles(inputs) if a is None]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_a_folder_is_named_not_read(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block the build for ever
    assert _skipped([tmp_path]) == [f"{tmp_path / 'pipe.txt'}: is not a regular file (a FIFO, socket or device) "
                                    "and was not read"]


def test_links_that_loop_or_lead_nowhere_are_named(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt")
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub" / "b.txt")
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self").symlink_to(tmp_path / "self")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nothing.txt")
    built = [a.id for a, _ in load_articles([tmp_path]) if a]
    assert built == ["a", "b"]
    assert sorted(_skipped([tmp_path])) == [
        f"{tmp_path / 'gone.txt'}: is a link that leads nowhere (or back into itself) and was not followed",
        f"{tmp_path / 'self'}: is a link that leads nowhere (or back into itself) and was not followed",
        f"{tmp_path / 'sub' / 'back'}: is a link back to a folder it is inside (a loop) and was not followed",
    ]


def test_a_link_to_another_folder_is_followed(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    _write(tmp_path / "elsewhere" / "far.txt")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert [a.id for a, _ in load_articles([tmp_path / "in"]) if a] == ["far"]


def test_a_folder_that_cannot_be_listed_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "a.txt")
    (tmp_path / "locked").mkdir()
    _write(tmp_path / "locked" / "b.txt")
    real = os.scandir

    def scandir(path):  # as a folder without read permission answers (root would read it anyway)
        if Path(path) == tmp_path / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(articles.os, "scandir", scandir)
    assert _skipped([tmp_path]) == [f"{tmp_path / 'locked'}: cannot be listed (Permission denied); "
                                    "its files were not read"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root lists any folder")
def test_a_folder_without_permission_is_named(tmp_path: Path) -> None:
    (tmp_path / "locked").mkdir()
    _write(tmp_path / "locked" / "b.txt")
    (tmp_path / "locked").chmod(0)
    try:
        assert any("locked: cannot be listed" in s for s in _skipped([tmp_path]))
    finally:
        (tmp_path / "locked").chmod(0o755)


# --- the output folder -----------------------------------------------------------------------

@pytest.fixture()
def one_article(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    return _write(src / "a.txt")


def test_output_that_is_a_file_is_a_one_line_error(one_article: Path, tmp_path: Path) -> None:
    target = tmp_path / "graph.txt"
    target.write_text("keep me", encoding="utf-8")
    res = CliRunner().invoke(app, ["build", str(one_article), "-o", str(target), "--no-store", "-q"])
    assert res.exit_code == 1 and not isinstance(res.exception, OSError)
    assert res.stderr.strip() == f"error: {target}: is a file, not a folder; give -o a folder for the graph files"
    assert target.read_text(encoding="utf-8") == "keep me"


def test_output_that_cannot_be_written_is_a_one_line_error_and_the_old_graph_stays(
        one_article: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(one_article), "-o", str(out), "--no-store", "-q"]).exit_code == 0
    before = (out / "graph.ttl").read_bytes()
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    res = runner.invoke(app, ["build", str(one_article), "-o", str(blocker / "out"), "--no-store", "-q"])
    assert res.exit_code == 1 and not isinstance(res.exception, OSError)
    assert len(res.stderr.strip().splitlines()) == 1 and "cannot be written" in res.stderr
    assert (out / "graph.ttl").read_bytes() == before


def test_max_bytes_raises_the_size_limit(one_article: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    size = one_article.stat().st_size
    small = runner.invoke(app, ["build", str(one_article), "-o", str(tmp_path / "o1"), "--no-store", "-q",
                                "--max-bytes", str(size - 1)])
    assert small.exit_code == 1 and "raise the limit with --max-bytes" in small.stderr
    big = runner.invoke(app, ["build", str(one_article), "-o", str(tmp_path / "o2"), "--no-store", "-q",
                              "--max-bytes", str(size)])
    assert big.exit_code == 0, big.stderr


# --- shapes that used to make parsing quadratic: same results, in one pass --------------------

def test_unclosed_comment_and_script_run_to_the_end_of_the_page() -> None:
    assert strip_markup("<p>Бір.</p><!-- жасырын <p>Екі.</p>").split() == ["Бір."]
    assert strip_markup("<p>Бір.</p><script>var x = 1; <p>Екі.</p>").split() == ["Бір."]
    page = "<p>Бір.</p>" + "<!-- x " * 5000
    assert strip_markup(page).split() == ["Бір."]


def test_closed_elements_and_lone_angle_brackets_are_as_before() -> None:
    assert strip_markup("<p>a <b>b</b></p><script>x</script><!-- c --><div>d</div>") == "\na b\n  \nd\n"
    assert strip_markup("3 < 5 and 7 > 6") == "3   6"  # "< 5 and 7 >" reads as a tag, as it always did
    assert strip_markup("a < b") == "a < b"  # no ">" after it: text


def test_many_sentences_on_one_line_and_a_long_word_split_as_before() -> None:
    line = "Тоқаев келді. " * 2000
    sentences = split_sentences(line)
    assert len(sentences) == 2000 and all(s.text == "Тоқаев келді." for s in sentences)
    word = "Қ" * 50_000  # cut into pieces of at most MAX_SENTENCE characters, as any run without a full stop
    text = f"{word} . Келесі сөйлем. Ш. Мирзиёев келді."
    sentences = split_sentences(text)
    assert [s.text for s in sentences[-2:]] == ["Келесі сөйлем.", "Ш. Мирзиёев келді."]
    assert "".join(s.text for s in sentences[:-2]).replace(" ", "") == word + "."


def test_a_month_abbreviation_does_not_end_a_sentence() -> None:
    text = ("They met during a Feb. 14 meeting in Klow. ASTANA, Sept. 1 – Talks went on. "
            "Встреча прошла 5 нояб. 2025 года.")
    assert [s.text for s in split_sentences(text)] == [
        "They met during a Feb. 14 meeting in Klow.", "ASTANA, Sept. 1 – Talks went on.",
        "Встреча прошла 5 нояб. 2025 года."]
