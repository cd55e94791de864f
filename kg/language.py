"""Language stage: text -> language code ("kk", "ru", "en" or "" when it cannot be told).

Kazakh-specific letters tell Kazakh from Russian; Latin script is English. This is
exact on the seeds and cheap, where a statistical identifier would cost a 92 MB wheel.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def script_counts(text: str) -> Counter[str]:
    """Count letters by script: "kk" (Kazakh-only letters), "cyr", "lat", "other"."""
    counts: Counter[str] = Counter()
    for ch in text:
        if not ch.isalpha():
            continue
        if ch in KAZAKH_LETTERS:
            counts["kk"] += 1
            counts["cyr"] += 1
        elif "\u0400" <= ch <= "\u04ff":
            counts["cyr"] += 1
        elif ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"):
            counts["lat"] += 1
        else:
            counts["other"] += 1
    return counts


def detect_language(text: str) -> str:
    """Tell the language of a sentence or an article.

    Examples:
        >>> detect_language("Қазақстан мен Ресей келіссөз жүргізді.")
        'kk'
        >>> detect_language("Казахстан и Россия провели переговоры.")
        'ru'
        >>> detect_language("Kazakhstan and Russia held talks.")
        'en'
    """
    counts = script_counts(text)
    letters = sum(counts.values()) - counts["kk"]  # "kk" letters are counted in "cyr" too
    if letters == 0:
        return ""
    if counts["other"] > letters / 2:
        return "other"
    if counts["cyr"] >= counts["lat"]:
        # one Kazakh letter in a hundred Cyrillic ones is a Kazakh text; a lone one in
        # a long Russian text is a quoted name (Қазақстан) and does not make it Kazakh
        if counts["kk"] and counts["kk"] * 100 >= counts["cyr"]:
            return "kk"
        return "ru"
    return "en"


def article_language(sentence_langs: list[tuple[str, int]]) -> str:
    """The language of most of an article's letters, from (language, length) per sentence."""
    weight: Counter[str] = Counter()
    for lang, size in sentence_langs:
        if lang:
            weight[lang] += size
    if not weight:
        return ""
    return max(sorted(weight), key=lambda k: weight[k])
