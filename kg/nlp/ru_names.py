"""Russian name normalisation (nlp stage helper): a name span in any case -> its nominative base form.

Three kinds of names, three strategies:

* persons (`normalize_person`): declension paradigms of Russian and Central Asian
  first names and surnames (`-ов/-ев/-ёв/-ин/-ын`, `-ский`, consonant stems, `-а/-я`,
  indeclinable `-кызы/-улы`, `-ко`, vowel-final `Эмомали`), scored jointly so that all
  words of one name agree in case and gender. pymorphy3's dictionary names help, its
  guesses for unknown words do not (`Токаеву` would become feminine `Токаева`).
* organisations (`normalize_org`): the leading adjectives and head noun go back to the
  nominative, genitive complements stay (`Шанхайской организации сотрудничества` ->
  `Шанхайская организация сотрудничества`).
* places (`normalize_place`): the same, preferring pymorphy3's geographical parses
  (`Нью-Йорке` -> `Нью-Йорк`, `Баку` stays).

`normalize_span` dispatches on a spaCy span's label (PER, ORG, LOC) and uses the
`Case`/`Gender` that the pipeline put in `token.morph`.

    >>> normalize_person(["Касым-Жомарту", "Токаеву"])
    'Касым-Жомарт Токаев'
    >>> normalize_org(["Европейского", "союза"])
    'Европейский союз'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pymorphy3

if TYPE_CHECKING:
    from pymorphy3.analyzer import Parse
    from spacy.tokens import Span

CASES = ("Nom", "Gen", "Dat", "Acc", "Ins", "Loc")
GENDERS = ("Masc", "Fem")

# OpenCorpora case grammemes -> Universal Dependencies values (natasha and spaCy use UD).
OC_TO_UD_CASE = {
    "nomn": "Nom", "gent": "Gen", "gen2": "Gen", "datv": "Dat", "accs": "Acc",
    "acc2": "Acc", "ablt": "Ins", "loct": "Loc", "loc2": "Loc", "voct": "Nom",
}  # fmt: skip

_VOWELS = set("аеёиоуыэюяaeiouy")
_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")

# Lower-case name particles that never decline (фон дер Ляйен, де Голль, аль-Асад).
_PARTICLES = frozenset(
    "фон дер де ван ди да дю ла ле эль аль ибн бин бен бинт оглы van von der de di da del al bin".split()
)

# Paradigms: (name, genders, nominative suffix, stem test, ((form suffix, cases), ...)).
# The stem is what remains after cutting the form suffix; the nominative is stem + nominative
# suffix. Only singular forms: names in the plural are not what news text mentions.
_SURNAME_OV = r"(?:ов|ев|ёв|ин|ын)$"
_PARADIGMS: tuple[tuple[str, tuple[str, ...], str, str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    ("ov", ("Masc",), "", _SURNAME_OV,
     (("", ("Nom",)), ("а", ("Gen", "Acc")), ("у", ("Dat",)), ("ым", ("Ins",)), ("е", ("Loc",)))),
    ("ov", ("Fem",), "а", _SURNAME_OV,
     (("а", ("Nom",)), ("ой", ("Gen", "Dat", "Ins", "Loc")), ("ою", ("Ins",)), ("у", ("Acc",)))),
    ("sky", ("Masc",), "ий", r"(?:ск|цк)$",
     (("ий", ("Nom",)), ("ого", ("Gen", "Acc")), ("ому", ("Dat",)), ("им", ("Ins",)), ("ом", ("Loc",)))),
    ("sky", ("Fem",), "ая", r"(?:ск|цк)$",
     (("ая", ("Nom",)), ("ой", ("Gen", "Dat", "Ins", "Loc")), ("ую", ("Acc",)))),
    ("cons", ("Masc",), "", r"[бвгджзклмнпрстфхцчшщ]$",
     (("", ("Nom",)), ("а", ("Gen", "Acc")), ("у", ("Dat",)), ("ом", ("Ins",)), ("ем", ("Ins",)),
      ("е", ("Loc",)))),
    ("j", ("Masc",), "й", r"[аеоуыэюя]$",
     (("й", ("Nom",)), ("я", ("Gen", "Acc")), ("ю", ("Dat",)), ("ем", ("Ins",)), ("е", ("Loc",)))),
    ("ij", ("Masc",), "ий", r"[бвгджзклмнпрстфхцчшщ]$",
     (("ий", ("Nom",)), ("ия", ("Gen", "Acc")), ("ию", ("Dat",)), ("ием", ("Ins",)), ("ии", ("Loc",)))),
    ("soft", ("Masc",), "ь", r"[бвгджзклмнпрстфхцчшщ]$",
     (("ь", ("Nom",)), ("я", ("Gen", "Acc")), ("ю", ("Dat",)), ("ем", ("Ins",)), ("е", ("Loc",)))),
    ("a", ("Masc", "Fem"), "а", r"[бвгджзклмнпрстфхцчшщ]$",
     (("а", ("Nom",)), ("ы", ("Gen",)), ("и", ("Gen",)), ("е", ("Dat", "Loc")), ("у", ("Acc",)),
      ("ой", ("Ins",)), ("ей", ("Ins",)))),
    ("ija", ("Fem",), "ия", r"[бвгджзклмнпрстфхцчшщ]$",
     (("ия", ("Nom",)), ("ии", ("Gen", "Dat", "Loc")), ("ию", ("Acc",)), ("ией", ("Ins",)))),
    ("ja", ("Masc", "Fem"), "я", r"[бвгджзклмнпрстфхцчшщь]$",
     (("я", ("Nom",)), ("и", ("Gen",)), ("е", ("Dat", "Loc")), ("ю", ("Acc",)), ("ей", ("Ins",)),
      ("ёй", ("Ins",)))),
)  # fmt: skip
_PARADIGM_RES = {p[3]: re.compile(p[3]) for p in _PARADIGMS}

# Surname shapes that always decline: such a word is never taken as indeclinable.
_DECLINED_SURNAME = re.compile(r"(?:(?:ов|ев|ёв|ин|ын)(?:а|у|ым|е|ой|ою)|(?:ск|цк)(?:ого|ому|им|ом|ой|ую))$")
# Indeclinable surname shapes: Kazakh/Kyrgyz/Azerbaijani patronymic surnames, Ukrainian -ко,
# Russian -их/-ых.
_FEM_ONLY = re.compile(r"(?:кызы|қызы|гызы|кизи)$")
_MASC_ONLY = re.compile(r"(?:улы|ұлы|уулу|оглу|оглы|угли)$")
_ANY_FIXED = re.compile(r"(?:енко|ко|их|ых|аго|яго)$")
# Weak gender hints for unknown Central Asian first names.
_MASC_HINT = re.compile(r"(?:бек|али|жомарт|улла|дин|мурат|хан|тай)$")
_FEM_HINT = re.compile(r"(?:гуль|гүл|гул|ерке|айым|зада|нисо)$")

# Costs (lower is better). Rule paradigms cost 0; a dictionary name of pymorphy3 is a bonus.
_KNOWN_BONUS = -0.5
_NO_CANDIDATE = 3.0
_CASE_MISMATCH = 0.4  # the pipeline's case for the token disagrees
_GENDER_MISMATCH = 0.2
_FEM_PRIOR = 0.1  # political news names more men; breaks Жаната (Gen masc) vs Жаната (Nom fem)
_HINT_MISMATCH = 0.5
_UNKNOWN_A_E = 0.4  # -е read as dative of an unknown -а name (Жанерке is not Жанерка)
_MASC_A = 0.6  # a man's name in -а/-я
_OBLIQUE_AS_NOM = 0.3
# An -ов/-ев/-ин surname in -ым, -у, -е, -ой cannot be a nominative, whatever the tagger says
# (natasha tags the unknown Адылбеком Касымалиевым as nominative): more than two case mismatches.
_DECLINED_AS_NOM = 1.0
_DECLINED_OBLIQUE = re.compile(r"(?:ов|ев|ёв|ин|ын)(?:у|ым|е|ой|ою)$")
_CONSONANT_OM = re.compile(r"\w{3}[бвгдзклмнпрстфх]ом$")
_OBLIQUE_LOOK = re.compile(r"(?:ом|ем|ым|им|ой|ей|ому|ему|ого|его|ую|ою)$")


@functools.cache
def morph_analyzer() -> pymorphy3.MorphAnalyzer:
    """The process-wide pymorphy3 analyser (loading it takes about half a second)."""
    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=200_000)
def parses(word: str) -> tuple[Parse, ...]:
    """All pymorphy3 parses of `word` (lower-cased key), cached per process."""
    return tuple(morph_analyzer().parse(word.lower()))


def match_case(form: str, like: str) -> str:
    """Give `form` the capitalisation of `like`, hyphen part by hyphen part.

    >>> match_case("касым-жомарт", "Касым-Жомарта")
    'Касым-Жомарт'
    """
    if len(like) > 1 and like.isupper():
        return form.upper()
    ref = like.split("-")
    out = []
    for i, part in enumerate(form.split("-")):
        r = ref[min(i, len(ref) - 1)]
        out.append(part[:1].upper() + part[1:] if r[:1].isupper() else part)
    return "-".join(out)


def _is_fixed(word: str) -> bool:
    """Initials, abbreviations, particles, words with digits or Latin letters: left as they are."""
    return (
        word.lower() in _PARTICLES
        or not word[:1].isupper()
        or "." in word
        or (len(word) > 1 and word.isupper())
        or not all(c.isalpha() or c in "-'’" for c in word)
        or bool(re.search(r"[a-zA-Z]", word))
    )


def _indeclinable_cost(word: str, gender: str, role: str) -> float | None:
    """Cost of reading `word` as an indeclinable name of `gender`, or None if impossible."""
    low = word.lower()
    if _FEM_ONLY.search(low):
        return 0.0 if gender == "Fem" else None
    if _MASC_ONLY.search(low):
        return 0.0 if gender == "Masc" else None
    if role == "surname" and _ANY_FIXED.search(low):
        return 0.0
    if role == "surname" and _DECLINED_SURNAME.search(low):
        return None
    last = low[-1]
    if last in "иеоэ":
        return 0.2
    if last in "ую":
        return 0.6
    if last in "ая":
        return 0.8
    if last == "ы":
        return 1.0
    # Consonant-final: foreign women's surnames do not decline (Меркель, Ляйен), men's
    # first names are sometimes left undeclined in Central Asian press (Касым-Жомарт Токаеву).
    if gender == "Fem":
        return 0.3 if role == "surname" else 1.0
    return 1.5 if role == "surname" else 0.5


Candidate = tuple[str, str, str, float]  # (nominative, case, gender, cost)


@functools.lru_cache(maxsize=50_000)
def _person_candidates(word: str, role: str) -> tuple[Candidate, ...]:
    """All readings of one name word: nominative, case, gender and cost."""
    low = word.lower()
    out: list[Candidate] = []
    for name, genders, nom_suffix, stem_re, forms in _PARADIGMS:
        if name in ("ov", "sky") and role != "surname":
            continue
        for suffix, cases in forms:
            if not low.endswith(suffix) or len(low) - len(suffix) < 2:
                continue
            stem = word[: len(word) - len(suffix)] if suffix else word
            if not _PARADIGM_RES[stem_re].search(stem.lower()):
                continue
            # Russian spelling: -и, -ей after velars and hushing letters, -ы, -ой elsewhere.
            if name == "a" and suffix in ("и", "ей") and stem[-1:].lower() not in "гкхжшчщц":
                continue
            if name == "a" and suffix == "ы" and stem[-1:].lower() in "гкхжшчщ":
                continue
            # An ov-type surname is read only as one (Алиевой is Алиева, not a name Алиевой).
            if name not in ("ov", "sky", "cons") and role == "surname" and _DECLINED_SURNAME.search(low):
                continue
            # -ем in the instrumental only after hushing letters and ц (Шольцем); else -ь (Игорем).
            if name == "cons" and suffix == "ем" and stem[-1:].lower() not in "жшчщц":
                continue
            nominative = stem + nom_suffix
            # A hyphenated first name whose first half carries the same ending (Касыма-Жомарта).
            if suffix and "-" in stem:
                head, _, tail = stem.rpartition("-")
                if head.lower().endswith(suffix) and len(head) - len(suffix) >= 2:
                    nominative = head[: len(head) - len(suffix)] + nom_suffix + "-" + tail + nom_suffix
            for case in cases:
                for gender in genders:
                    cost = 0.0
                    if name in ("a", "ja") and suffix == "е":
                        cost = _UNKNOWN_A_E
                    if name in ("a", "ja") and gender == "Masc":
                        cost += _MASC_A  # Никита, Илья: rare, and pymorphy3 knows them
                    if case == "Nom" and _OBLIQUE_LOOK.search(low):
                        cost += _OBLIQUE_AS_NOM  # Макроном is Макрон, not a name Макроном
                    out.append((nominative, case, gender, cost))
    for gender in GENDERS:
        cost = _indeclinable_cost(word, gender, role)
        if cost is not None:
            out.extend((word, case, gender, cost) for case in CASES)
    wanted = {"Surn"} if role == "surname" else {"Name", "Patr"}
    for p in parses(word):
        if not p.is_known or not (wanted & p.tag.grammemes):
            continue
        if "plur" in p.tag.grammemes or p.tag.case not in OC_TO_UD_CASE:
            continue
        # ms-f first names (Валя) are read as feminine: Вали in Вали Алибаева is a man's name.
        if "ms-f" in p.tag.grammemes:
            p_genders = GENDERS if "Surn" in p.tag.grammemes else ("Fem",)
        else:
            p_genders = ("Fem",) if "femn" in p.tag.grammemes else ("Masc",)
        # A surname's lexeme is masculine (захаров): a woman's form goes to the feminine nominative.
        nom_parse = p.inflect({"sing", "nomn"}) if p.tag.case != "nomn" else p
        nominative = match_case(nom_parse.word if nom_parse else p.normal_form, word)
        bonus = _KNOWN_BONUS
        if "Fixd" in p.tag.grammemes:
            # Анне is both French Anne and dative Анна: the declined reading wins ties.
            nominative, bonus = word, _KNOWN_BONUS / 2
        for gender in p_genders:
            out.append((nominative, OC_TO_UD_CASE[p.tag.case], gender, bonus))
    return tuple(out)


def _roles(tokens: Sequence[str]) -> list[str]:
    """'fixed', 'given' or 'surname' for each word of a person name (the last free word is the surname)."""
    roles = ["fixed" if _is_fixed(t) else "given" for t in tokens]
    for i in range(len(roles) - 1, -1, -1):
        if roles[i] == "given":
            roles[i] = "surname"
            break
    return roles


def normalize_person_tokens(
    tokens: Sequence[str],
    cases: Sequence[str | None] | None = None,
    genders: Sequence[str | None] | None = None,
) -> list[str]:
    """Nominative form of each word of a person's name.

    All words of a name agree in case and gender, so every (case, gender) pair is scored
    over the whole name and the cheapest one wins.

    Args:
        tokens: the words of the name as written (`["Касым-Жомарту", "Токаеву"]`).
        cases: optional UD case per word from a tagger (`"Dat"`); a hint, not trusted blindly.
        genders: optional UD gender per word from a tagger (`"Masc"`), also a hint.

    Returns:
        One nominative word per input word (`["Касым-Жомарт", "Токаев"]`).
    """
    roles = _roles(tokens)
    best: tuple[float, list[str]] | None = None
    for case in CASES:
        for gender in GENDERS:
            total = _FEM_PRIOR if gender == "Fem" else 0.0
            forms: list[str] = []
            for i, (word, role) in enumerate(zip(tokens, roles, strict=True)):
                if role == "fixed":
                    forms.append(word)
                    continue
                options = [
                    (cost, nom)
                    for nom, c, g, cost in _person_candidates(word, role)
                    if c == case and g == gender
                ]
                cost, nom = min(options, default=(_NO_CANDIDATE, word))
                if cases and cases[i] and cases[i] != case:
                    cost += _CASE_MISMATCH
                if role == "surname" and case == "Nom" and _DECLINED_OBLIQUE.search(word.lower()):
                    cost += _DECLINED_AS_NOM
                elif role == "surname" and case == "Nom" and _CONSONANT_OM.search(word.lower()):
                    cost += _DECLINED_AS_NOM  # Сюэсяном, Фиданом: an instrumental, whatever the tagger says
                if genders and genders[i] and genders[i] in GENDERS and genders[i] != gender:
                    cost += _GENDER_MISMATCH
                if role == "given":
                    low = word.lower()
                    if (_MASC_HINT.search(low) and gender == "Fem") or (
                        _FEM_HINT.search(low) and gender == "Masc"
                    ):
                        cost += _HINT_MISMATCH
                total += cost
                forms.append(nom)
            if best is None or total < best[0]:
                best = (total, forms)
    assert best is not None
    return best[1]


def normalize_person(
    tokens: Sequence[str],
    cases: Sequence[str | None] | None = None,
    genders: Sequence[str | None] | None = None,
) -> str:
    """Nominative form of a person's name, words joined by spaces.

    >>> normalize_person(["Шавкату", "Мирзиёеву"])
    'Шавкат Мирзиёев'
    >>> normalize_person(["Марии", "Захаровой"])
    'Мария Захарова'

    Args:
        tokens: the words of the name as written.
        cases: optional UD case per word (a hint from the tagger).
        genders: optional UD gender per word (a hint from the tagger).

    Returns:
        The name in the nominative.
    """
    return " ".join(normalize_person_tokens(tokens, cases, genders))


def _gender(p: Parse) -> str | None:
    return next((g for g in ("masc", "femn", "neut") if g in p.tag.grammemes), None)


def _is_adjective(p: Parse) -> bool:
    return p.tag.POS in ("ADJF", "PRTF") or ("Apro" in p.tag.grammemes and p.tag.POS == "ADJF")


def _head_nominative(
    tokens: Sequence[str], cases: Sequence[str | None] | None, prefer_geo: bool, head_at: int | None = None
) -> list[str] | None:
    """Leading adjectives + head noun back to the nominative; None when nothing applies.

    `head_at` names the head noun when the caller knows it (a gathering noun): the words before it
    are then read as adjectives whatever pymorphy3 ranks first.
    """
    words = list(tokens)
    # Leading adjectives, then the head noun; abbreviations and Latin words stop the phrase.
    head = -1 if head_at is None else head_at
    for i, w in enumerate(words if head_at is None else ()):
        if not w[:1].isalpha() or (len(w) > 1 and w.isupper()) or re.search(r"[a-zA-Z]", w):
            return None
        ps = parses(w)
        # An adjective reading first in pymorphy3's order, with a word after it, is a modifier.
        if i < len(words) - 1 and _is_adjective(ps[0]):
            continue
        if any(p.tag.POS == "NOUN" for p in ps):
            head = i
            break
        return None
    if head < 0:
        return None
    want = cases[head] if cases and head < len(cases) else None

    def score(p: Parse) -> float:
        s = 2.0 if p.is_known else 0.0
        if prefer_geo and "Geox" in p.tag.grammemes:
            s += 1.5
        if {"Name", "Surn", "Patr"} & p.tag.grammemes:
            s -= 1.0
        if want and OC_TO_UD_CASE.get(p.tag.case or "") == want:
            s += 1.0
        return s + p.score

    best: tuple[float, Parse, list[Parse]] | None = None
    for p in parses(words[head]):
        if p.tag.POS != "NOUN" or p.tag.case not in OC_TO_UD_CASE:
            continue
        adjs: list[Parse] = []
        for w in words[:head]:
            agree = [
                a for a in parses(w)
                if _is_adjective(a) and a.tag.case == p.tag.case and a.tag.number == p.tag.number
                and (p.tag.number == "plur" or _gender(a) == _gender(p) or "ms-f" in p.tag.grammemes)
            ]  # fmt: skip
            if not agree:
                break
            adjs.append(agree[0])
        if len(adjs) < head:
            continue
        s = score(p)
        if best is None or s > best[0]:
            best = (s, p, adjs)
    if best is None:
        return None
    _, noun, adjs = best
    if noun.tag.case == "nomn" or "Fixd" in noun.tag.grammemes:
        return words
    number = noun.tag.number or "sing"
    target = {"nomn", number}
    new_noun = noun.inflect(target)
    gender = _gender(new_noun or noun) or "masc"
    out = list(words)
    out[head] = match_case(new_noun.word if new_noun else noun.normal_form, words[head])
    for i, a in enumerate(adjs):
        want_adj = {"nomn", "plur"} if number == "plur" else {"nomn", "sing", gender}
        new = _inflect_like(a, want_adj, words[i])
        if new is not None:
            out[i] = match_case(new, words[i])
    return out


def _inflect_like(parse: Parse, target: set[str], word: str) -> str | None:
    """`parse` inflected to `target`, keeping the word's own stem where the lexeme has two.

    pymorphy3 files высший and высочайший under высокий: "Высшего совета" must give
    "Высший", not the first superlative of the lexeme.
    """
    new = parse.inflect(target)
    if new is None or not {"Supr", "Cmp2"} & parse.tag.grammemes:
        return new.word if new is not None else None
    degree = {"Supr", "Cmp2"} & parse.tag.grammemes
    forms = [f.word for f in parse.lexeme if target <= f.tag.grammemes and degree <= f.tag.grammemes]
    low = word.lower()

    def shared(form: str) -> int:
        return next((k for k, (x, y) in enumerate(zip(form, low, strict=False)) if x != y), min(len(form), len(low)))

    return max(forms, key=shared, default=new.word)


def normalize_org(tokens: Sequence[str], cases: Sequence[str | None] | None = None) -> str:
    """Nominative form of an organisation's name: only the head noun phrase inflects.

    >>> normalize_org(["Шанхайской", "организации", "сотрудничества"])
    'Шанхайская организация сотрудничества'
    >>> normalize_org(["Совета", "Безопасности", "ООН"])
    'Совет Безопасности ООН'

    Args:
        tokens: the words of the name as written.
        cases: optional UD case per word (a hint from the tagger).

    Returns:
        The name with its leading adjectives and head noun in the nominative.
    """
    out = _head_nominative(tokens, cases, prefer_geo=False)
    return " ".join(out if out is not None else tokens)


_ORDINAL = re.compile(r"(?:[IVXLC]+|\d+(?:-?[а-я]{1,3})?)$")
_OPEN_QUOTES = frozenset("«\"“„")


def _tail_at(tokens: Sequence[str]) -> int:
    """Where a name's quoted, Latin or abbreviated tail begins (len(tokens) when it has none)."""
    for i, w in enumerate(tokens):
        if w in _OPEN_QUOTES or not w[:1].isalpha() or (len(w) > 1 and w.isupper()) or re.search(r"[a-zA-Z]", w):
            return i
    return len(tokens)


def event_forms(tokens: Sequence[str], head: int, cases: Sequence[str | None] | None = None) -> list[str]:
    """Nominative forms of a gathering's name, word by word: an ordinal kept, the adjectives before the
    gathering noun `head` and the noun inflected, a quoted name or a genitive complement as written.

    >>> " ".join(event_forms(["III", "межрегионального", "форума", "«", "Казахстан", "–", "Китай", "»"], 2))
    'III межрегиональный форум « Казахстан – Китай »'
    >>> " ".join(event_forms(["Астанинском", "международном", "форуме"], 2))
    'Астанинский международный форум'
    """
    words = list(tokens)
    lead = 1 if head > 0 and _ORDINAL.fullmatch(words[0]) else 0
    out = _head_nominative(words[lead:head + 1], cases[lead:head + 1] if cases else None, prefer_geo=False,
                           head_at=head - lead)
    return words if out is None else words[:lead] + out + words[head + 1:]


def named_org_forms(tokens: Sequence[str], cases: Sequence[str | None] | None = None) -> list[str]:
    """Nominative forms of an organisation's name, word by word, a quoted, Latin or abbreviated tail as
    written.

    >>> " ".join(named_org_forms(["Совета", "сотрудничества", "«", "РК", "–", "ЕС", "»"]))
    'Совет сотрудничества « РК – ЕС »'
    """
    words = list(tokens)
    out = _head_nominative(words, cases, prefer_geo=False)
    if out is None and 0 < _tail_at(words) < len(words):
        cut = _tail_at(words)
        head = _head_nominative(words[:cut], cases[:cut] if cases else None, prefer_geo=False)
        out = None if head is None else head + words[cut:]
    return out if out is not None else words


def normalize_place(tokens: Sequence[str], cases: Sequence[str | None] | None = None) -> str:
    """Nominative form of a place name, preferring geographical dictionary entries.

    >>> normalize_place(["Нью-Йорке"])
    'Нью-Йорк'
    >>> normalize_place(["Центральной", "Азии"])
    'Центральная Азия'

    Args:
        tokens: the words of the name as written.
        cases: optional UD case per word (a hint from the tagger).

    Returns:
        The place name in the nominative; unknown or indeclinable names unchanged.
    """
    out = _head_nominative(tokens, cases, prefer_geo=True)
    return " ".join(out if out is not None else tokens)


def normalize_span(span: Span) -> str:
    """Nominative base form of a spaCy entity span, by its label (PER, ORG, LOC).

    Uses `Case` and `Gender` from `token.morph` as hints and keeps the span's own spacing
    between words (`G20` stays `G20`, `BAQ.KZ` stays `BAQ.KZ`).

    Args:
        span: an entity span from the Russian pipeline (`kg.nlp.ru.make_ru_nlp`).

    Returns:
        The nominative form; other labels give the span text unchanged.
    """
    toks = [t for t in span if not t.is_space]
    words = [t.text for t in toks]
    cases = [(t.morph.get("Case") or [None])[0] for t in toks]
    forms: list[str] | None
    if span.label_ == "PER":
        genders = [(t.morph.get("Gender") or [None])[0] for t in toks]
        forms = normalize_person_tokens(words, cases, genders)
    elif span.label_ == "ORG":
        forms = _head_nominative(words, cases, prefer_geo=False)
    elif span.label_ in ("LOC", "GPE"):
        forms = _head_nominative(words, cases, prefer_geo=True)
    else:
        forms = None
    if forms is None:
        return span.text.strip()
    return "".join(f + (t.whitespace_ and " ") for f, t in zip(forms, toks, strict=True)).strip()


def name_forms(word: str) -> tuple[str, ...]:
    """Every plausible lower-cased nominative of a capitalised word read as a name.

    Used for `token._.lemmas`: the paradigm readings of the word as a first name or
    surname in either gender, pymorphy3's normal forms, and the word itself.

    >>> "токаев" in name_forms("Токаеву")
    True
    """
    forms = {word.lower()}
    forms.update(p.normal_form for p in parses(word))
    for role in ("given", "surname"):
        for nom, _case, _gender, cost in _person_candidates(word, role):
            if cost <= 0.4:
                forms.add(nom.lower())
    return tuple(sorted(forms))
