"""Language stage: Kazakh letters tell kk from ru, Latin is en, per sentence and per article."""

from __future__ import annotations

import pytest

from kg.articles import parse_article, split_sentences
from kg.language import KAZAKH_LETTERS, article_language, detect_language, script_counts


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Қазақстан мен Ресей келіссөз жүргізді.", "kk"),
        ("Ұлттық банк жаңа шешім қабылдады.", "kk"),  # only ұ tells it is Kazakh
        ("ҮКІМЕТ ОТЫРЫСЫ ӨТТІ.", "kk"),  # upper-case Kazakh letters count too
        ("Казахстан и Россия провели переговоры.", "ru"),
        ("Президент подписал указ о назначении министра.", "ru"),
        ("Kazakhstan and Russia held talks.", "en"),
        ("Präsident Tokajew besuchte Berlin.", "en"),  # Latin script with diacritics is still Latin
        ("2025 — 12:30, 45%", ""),  # no letters at all
        ("中国和哈萨克斯坦举行会谈。", "other"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_a_quoted_kazakh_name_does_not_make_a_long_russian_text_kazakh() -> None:
    text = (
        "Министр иностранных дел провёл встречу с послом, на которой обсуждались вопросы "
        "торговли, транспорта, энергетики и гуманитарного сотрудничества, а также "
        "подготовка визита делегации в город Ақтау в следующем месяце."
    )
    assert sum(c in KAZAKH_LETTERS for c in text) == 1
    assert detect_language(text) == "ru"


def test_one_kazakh_letter_in_a_short_sentence_is_kazakh() -> None:
    assert detect_language("Бұл маңызды.") == "kk"


def test_cyrillic_majority_beats_a_latin_acronym() -> None:
    assert detect_language("Делегация прибыла на саммит G20 в Йоханнесбург.") == "ru"
    assert detect_language("Тоқаев G20 саммитіне шақырылды.") == "kk"


def test_script_counts_count_kazakh_letters_as_cyrillic_too() -> None:
    counts = script_counts("Әб cd 12")
    assert counts["kk"] == 1
    assert counts["cyr"] == 2
    assert counts["lat"] == 2
    assert "other" not in counts


def test_article_language_is_the_language_of_most_letters() -> None:
    assert article_language([("kk", 300), ("ru", 120), ("en", 40)]) == "kk"
    assert article_language([("kk", 50), ("ru", 200)]) == "ru"
    assert article_language([("", 10), ("en", 5)]) == "en"  # sentences without letters do not vote
    assert article_language([("", 10)]) == ""
    assert article_language([]) == ""


def test_article_language_breaks_ties_the_same_way_every_time() -> None:
    assert article_language([("ru", 100), ("kk", 100)]) == article_language([("kk", 100), ("ru", 100)])


def test_language_per_sentence_in_a_mixed_kazakh_article() -> None:
    kk = "Қасым-Жомарт Тоқаев Астанада шетелдік инвесторлармен кездесті."
    ru = ("Глава государства отметил, что правительство должно ускорить реформы, "
          "связанные с цифровизацией государственных услуг и поддержкой экспорта.")
    en = "The President met foreign investors in Astana on Monday."
    text = f"{kk} {ru} {en} {kk}"
    sentences = split_sentences(text, "kk")
    assert [s.lang for s in sentences] == ["kk", "ru", "en", "kk"]


def test_a_short_russian_looking_sentence_in_a_kazakh_article_is_kazakh() -> None:
    # "Алибайов." or "Иран мен Ирак" carries no Kazakh letter but belongs to its Kazakh article
    sentences = split_sentences("Ол Мәскеуге барды. Сарапшы Сейтов. Бұл маңызды.", "kk")
    assert [s.text for s in sentences][1] == "Сарапшы Сейтов."
    assert {s.lang for s in sentences} == {"kk"}
    # in a Russian article the same sentence stays Russian
    assert split_sentences("Сарапшы Сейтов.", "ru")[0].lang == "ru"


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("Қасым-Жомарт Тоқаев Ташкентке сапармен барды. Екі ел ынтымақтастықты талқылады.", "kk"),
        ("Касым-Жомарт Токаев посетил Ташкент. Стороны обсудили сотрудничество.", "ru"),
    ],
)
def test_article_language_from_a_file(body: str, lang: str) -> None:
    article, _ = parse_article(f" date 2025-03-01 {body}".encode(), "x.txt")
    assert article.lang == lang
    assert all(s.lang == lang for s in article.sentences)
