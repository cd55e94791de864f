"""Language stage: text -> language code (one kg reads, another ISO 639 code, or "" when it cannot be told).

Two readers agree here. The script tells the languages kg reads apart exactly and cheaply
(Kazakh-specific letters tell Kazakh from Russian; Latin script is English). A statistical
identifier, py3langid (its model ships in its 4.6 MB wheel; 15,000 sentences a second),
tells the languages kg does not read: Kyrgyz and Tatar share letters with Kazakh, Uzbek,
Turkish or German share the Latin script with English. Its word counts only where the text
is long enough to trust (`SURE_LETTERS`) and it is sure (`SURE`): on the development set
and the seeds every article and every sentence of kk, ru and en keeps its language
(`bench/langid_compare.py` measures both identifiers it was chosen from).
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter

from kg.languages import CODES

# the identifier overrules the script only on this many letters and at this probability
SURE_LETTERS = 40
SURE = 0.9

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


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@functools.lru_cache(maxsize=4096)
def identify(text: str) -> tuple[str, float]:
    """py3langid's most likely language of `text` (an ISO 639 code) and its probability.

    Example:
        >>> identify("Кыргызстандын президенти Бишкекте өкмөттүн жыйынын өткөрдү.")[0]
        'ky'
    """
    code, prob = _identifier().classify(text)
    return str(code), float(prob)


# names news readers use where ISO 639's differ
_NAMES = {"ky": "Kyrgyz", "el": "Greek", "ug": "Uyghur", "ps": "Pashto"}


def language_name(code: str) -> str:
    """The English name of an ISO 639 language code ("ky" -> "Kyrgyz"), the code when unknown."""
    import pycountry

    if code in _NAMES:
        return _NAMES[code]
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return found.name if found is not None else code


def unread_language(text: str, letters: int | None = None) -> str | None:
    """The language of `text` when the identifier is sure it is one kg does not read, else None."""
    if letters is None:
        letters = sum(ch.isalpha() for ch in text)
    if letters < SURE_LETTERS:
        return None
    code, prob = identify(text)
    return code if code not in CODES and prob >= SURE else None


def detect_language(text: str) -> str:
    """Tell the language of a sentence or an article.

    A language kg reads comes from the script; a text the identifier is sure is in another
    language gets that language's code, which nothing downstream reads.

    Examples:
        >>> detect_language("Қазақстан мен Ресей келіссөз жүргізді.")
        'kk'
        >>> detect_language("Казахстан и Россия провели переговоры.")
        'ru'
        >>> detect_language("Kazakhstan and Russia held talks.")
        'en'
        >>> detect_language("Tashqi ishlar vaziri qoʻshni davlatlar bilan hamkorlikni muhokama qildi.")
        'uz'
    """
    counts = script_counts(text)
    letters = sum(counts.values()) - counts["kk"]  # "kk" letters are counted in "cyr" too
    if letters == 0:
        return ""
    other = unread_language(text, letters)
    if other is not None:
        return other
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
