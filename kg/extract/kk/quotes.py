"""Extraction stage, Kazakh: who speaks in a quotation, for its "мен", "біз", "мені" and first-person verbs.

Kazakh news quote a leader over several sentences and name the speaker at the end ("...
келіссөздер жүргіздік. ... күш саламыз, – деді Тоқаев.") or, with "деп", after a verb of
saying ("..., деп жазды Э. Макрон"). A sentence inside an open quotation (an opening « not yet
closed before it, or the sentence that names the speaker) takes as its speaker the name after
"деді"/"деп жазды" in it or in one of the next sentences: a name the lexicon knows, an
open-world person the article named in full before, "мемлекет басшысы" / "Президент"
(Kazakhstan's president on the article's date), or "<state> президенті" (its holder then).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from kg.lexicon import Lexicon
from kg.model import Article

# "..., – деді Тоқаев жаңа елшіге.", "..., деп жазды Э. Макрон", "– деп атап өтті Мемлекет басшысы."
SAID = re.compile(r"(?:^|[\s,–—-])(?:деді|дейді|деп\s+(?:жазды|атап\s+өтті|мәлімдеді|айтты|түйіндеді|қосты|сендірді))"
                  r"\s+((?:[^\W\d_]\.\s?)?[^.!?;:]{1,60})")  # "деп жазды Э.Макрон": an initial's dot
OPEN, CLOSE = "«“", "»”"
# first-person words and their cases: the speaker ("Мен" only capitalised: lower-case "мен" is "and")
FIRST_PERSON = {"біз": "Nom", "мені": "Acc", "маған": "Dat", "бізді": "Acc", "бізге": "Dat", "бізбен": "Ins",
                "менімен": "Ins"}
# a verb in the first person: past plural (жүргіздік, сөйлестік), present (отырмыз, саламыз, айтамын)
FIRST_PERSON_VERB = re.compile(r"\w{3,}(?:дық|дік|тық|тік|дым|дім|тым|тім|мыз|міз|мын|мін|пыз|піз|пын|пін)")
HEAD_TITLES = re.compile(r"(президент|басшы)\w*")


def in_quote(article: Article, index: int) -> bool:
    """Whether sentence `index` is (part of) a quotation: an opening mark still open before it, its own, or a
    paragraph without quotation marks that ends by naming its speaker."""
    sent = article.sentences[index]
    before = article.text[:sent.start]
    opened = max(before.rfind(c) for c in OPEN)
    closed = max(before.rfind(c) for c in CLOSE)
    if opened > closed:
        return True
    if sent.text.lstrip()[:1] in OPEN + '"' or SAID.search(sent.text) is not None:
        return True
    # a paragraph that ends with "– деді X" is X's words: "Біз ... дамытамыз. ... , – деді X."
    end = article.text.find("\n", sent.start)
    paragraph = article.text[sent.start:len(article.text) if end < 0 else end]
    return not any(c in paragraph for c in OPEN) and SAID.search(paragraph) is not None


def quote_speaker(article: Article, index: int, lexicon: Lexicon, date: dt.date | None,
                  surname: Callable[[str], str | None], last_person: str | None) -> str | None:
    """The speaker of the quotation sentence `index` is in, or None when the article does not say."""
    if not in_quote(article, index):
        return None
    for k in range(index, min(len(article.sentences), index + 7)):
        text = article.sentences[k].text
        if k > index and text.lstrip()[:1] in OPEN:
            return None  # another quotation starts before a speaker is named
        m = SAID.search(text)
        if m is not None:
            return speaker_of(m.group(1), lexicon, date, surname, last_person)
    return None


def speaker_of(tail: str, lexicon: Lexicon, date: dt.date | None, surname: Callable[[str], str | None],
               last_person: str | None) -> str | None:
    """The actor the words after "деді" name (their first three words at most)."""
    words = [w.strip("«»“”\",") for w in tail.split()][:3]
    words = [w for w in words if w]
    if not words:
        return None
    low = [w.lower() for w in words]
    president = lexicon.holder("leaderOf", "country_kz", date)
    if low[0] == "ол":
        return last_person
    if low[:2] == ["мемлекет", "басшысы"] or low[0] == "президент":
        return president
    for n in (3, 2, 1):
        name = " ".join(words[:n])
        for actor in lexicon.ids_for(name, "kk"):
            a = lexicon.actors.get(actor)
            if a is not None and a.type == "Person":
                return actor
            if a is not None and a.type == "Country" and len(words) > n and HEAD_TITLES.fullmatch(low[n]):
                return lexicon.holder("leaderOf", actor, date)
    # "Е.Көшербаев", "Э. Макрон": initials before a surname
    last = re.split(r"\.", words[0])[-1] or (words[1] if len(words) > 1 else "")
    for actor in lexicon.ids_for(last, "kk"):
        if lexicon.actors.get(actor) is not None and lexicon.actors[actor].type == "Person":
            return actor
    return surname(last.lower())
