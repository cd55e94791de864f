"""Kazakh nominal morphology (NLP stage, kk): word form -> ranked analyses (lemma, case, number, poss).

The engine is table-driven. ``kg/lexicons/kk_suffixes.tsv`` lists every suffix variant with the
sounds it may follow; at import time every chain ``plural? + poss? + case? + rel?`` is generated
for every stem class (2 harmonies x 6 final-sound classes), giving a dictionary from the surface
ending to the chains that can spell it and the stem classes each agrees with. ``analyse`` then
looks up each ending of the word, checks harmony and assimilation against the remaining stem,
and scores the readings.

Example:
    >>> analyse("Тоқаевтың")[0].lemma, analyse("Тоқаевтың")[0].case
    ('Тоқаев', 'Gen')
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from importlib import resources

CASES = ("Nom", "Gen", "Acc", "Dat", "Loc", "Abl", "Ins")

BACK_VOWELS = frozenset("аоұыяёюaou")
FRONT_VOWELS = frozenset("әөүіеэei")
VOWEL_LETTERS = frozenset("аәеиоөұүыіэюяёaeiouy")
# Sound classes of a stem's last letter, as the suffix table names them.
_CLASS_OF: dict[str, str] = {}
for _ch in "аәеоөұүыіэюяёaeiouy":
    _CLASS_OF[_ch] = "vowel"
for _ch in "рйуrwj":
    _CLASS_OF[_ch] = "rju"
_CLASS_OF["л"] = "l"
_CLASS_OF["l"] = "l"
for _ch in "жзz":
    _CLASS_OF[_ch] = "zh"
for _ch in "мнңmn":
    _CLASS_OF[_ch] = "nasal"
for _ch in "бвгғдкқпстфхцчшщһbcdfghkpqstvx":
    _CLASS_OF[_ch] = "voiceless"
CONSONANT_CLASSES = ("rju", "l", "zh", "nasal", "voiceless")
STEM_CLASSES = ("vowel", *CONSONANT_CLASSES)
# Final к/қ/п voice before a vowel-initial suffix (орталық -> орталығы, кітап -> кітабы).
_VOWEL_RE = re.compile("[" + "".join(sorted(VOWEL_LETTERS)) + "]")
_NON_STEM_RE = re.compile(r"[^\w-]|[\d_]")
_HARDEN = {"ғ": "қ", "г": "к", "б": "п"}
_NUMBERED = re.compile(r"(\d+-)([^\W\d_]{3,})")
_INITIALLED = re.compile(r"([^\W\d_]\.)([^\W\d_][^\W\d_-]{2,}(?:-[^\W\d_]+)?)")
# First members of word-final consonant clusters that Kazakh (and its Russian loans) allow:
# жұрт, ұлт, дос(т), Минск, Ташкент, Стаффт (ф in loans). A stem ending in "вт" or "кт" is most likely a wrong cut.
_CLUSTER_OK_FIRST = frozenset("рлйунмңсшзжфrlnms")
_FOREIGN_LETTERS = frozenset("вфхцчщьъёэю")
_SURNAME_ENDINGS = ("ов", "ев", "ёв", "ин", "ова", "ева", "ёва", "ина", "ұлы", "қызы")

# Scores of the identity reading (the word itself, nominative): a suffix reading must weigh more.
_IDENTITY_LOWER = 0.25
_IDENTITY_UPPER = 0.6
_KNOWN_BONUS = 2.0
_DISAGREE_PENALTY = 1.2
_FOREIGN_HARMONY_PENALTY = 0.05
_MAX_ANALYSES = 10


class SuffixTableError(ValueError):
    """The suffix table is malformed: fix the row named in the message."""


@dataclass(frozen=True)
class Analysis:
    """One reading of a Kazakh word form.

    ``possessive`` is "" or the possessor's person "1", "2", "3"; ``psor_number`` is "Sing" or
    "Plur" for persons 1 and 2 (-ым vs -ымыз) and "" otherwise. ``relative`` marks -ғы/-дағы
    (with -дағы the case is "Loc"). ``suffixes`` are the surface pieces cut off, in order.
    """

    lemma: str
    case: str
    number: str
    possessive: str
    relative: bool
    suffixes: tuple[str, ...]
    score: float
    psor_number: str = ""

    def morph(self) -> str:
        """Return the UD-style feature string for ``token.morph``, e.g. ``Case=Gen|Number=Sing``."""
        feats = {"Case": self.case, "Number": self.number}
        if self.possessive:
            feats["Person[psor]"] = self.possessive
            if self.psor_number:
                feats["Number[psor]"] = self.psor_number
        if self.relative:
            feats["Derivation"] = "Rel"
        return "|".join(f"{k}={v}" for k, v in sorted(feats.items()))


@dataclass(frozen=True)
class _Row:
    slot: str
    value: str
    after: frozenset[str]
    back: str
    front: str
    weight: float


@dataclass(frozen=True)
class _Chain:
    """One generated suffix chain with the stem classes it agrees with."""

    pieces: tuple[str, ...]
    plural: bool
    poss: str
    case: str
    relative: bool
    weight: float  # the best weight over the stem classes it fits
    agrees: dict[tuple[str, str], float]  # (harmony, class) of stems it fits -> weight there


def _load_rows() -> list[_Row]:
    """Read the suffix rows; the ``word`` and ``ending`` rows are read by ``_load_fixed``."""
    rows = []
    for lineno, parts in _table_lines():
        if parts[0] in ("word", "ending"):
            continue
        if len(parts) != 6:
            raise SuffixTableError(f"kk_suffixes.tsv line {lineno}: expected 6 tab-separated columns")
        slot, value, after, back, front, weight = parts
        classes: set[str] = set()
        for a in after.split(","):
            classes.update(CONSONANT_CLASSES if a == "cons" else (a,))
        rows.append(_Row(slot, value, frozenset(classes), back, front, float(weight)))
    return rows


def _table_lines() -> list[tuple[int, list[str]]]:
    text = resources.files("kg.lexicons").joinpath("kk_suffixes.tsv").read_text(encoding="utf-8")
    return [
        (lineno, line.split("\t"))
        for lineno, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.startswith("#")
    ]


def _load_fixed() -> tuple[dict[str, list[tuple[str, str, str, bool, float]]], dict[str, float]]:
    """Fixed words (form -> [(lemma, case, number, relative, bonus)]) and protected name endings."""
    words: dict[str, list[tuple[str, str, str, bool, float]]] = {}
    endings: dict[str, float] = {}
    for lineno, parts in _table_lines():
        if parts[0] not in ("word", "ending"):
            continue
        if len(parts) != 6:
            raise SuffixTableError(f"kk_suffixes.tsv line {lineno}: expected 6 tab-separated columns")
        slot, value, lemma, form, _, weight = parts
        if slot == "ending":
            endings[form] = float(weight)
            continue
        case, *flags = value.split(".")
        number = "Plur" if "Plur" in flags else "Sing"
        words.setdefault(form, []).append((lemma, case, number, "Rel" in flags, float(weight)))
    return words, endings


def _pick(rows: list[_Row], slot: str, value: str, contexts: tuple[str, ...]) -> list[_Row]:
    """Rows of slot/value for the first context that has any (special contexts come first)."""
    for ctx in contexts:
        found = [r for r in rows if r.slot == slot and r.value == value and ctx in r.after]
        if found:
            return found
    return []


def _build_table() -> dict[str, list[_Chain]]:
    """Generate every suffix chain for every stem class; key them by their surface."""
    rows = _load_rows()
    values = {slot: sorted({r.value for r in rows if r.slot == slot}) for slot in ("plural", "poss", "case")}
    agree: dict[tuple, dict[tuple[str, str], float]] = {}
    for harmony, stem_class in itertools.product(("back", "front"), STEM_CLASSES):
        for plural, poss, case, rel in itertools.product(
            (None, *values["plural"]), (None, *values["poss"]), (None, *values["case"]), (False, True)
        ):
            if rel and not (case == "Loc" or (case is None and plural is None and poss is None)):
                continue
            if plural is None and poss is None and case is None and not rel:
                continue
            # Each partial path: (pieces, weight, contexts for the next slot).
            paths: list[tuple[tuple[str, ...], float, tuple[str, ...]]] = [((), 0.0, (stem_class,))]
            slots = (("plural", plural), ("poss", poss), ("case", case), ("rel", "Rel" if rel else None))
            for slot, value in slots:
                if value is None:
                    continue
                new_paths = []
                for pieces, w, ctxs in paths:
                    if slot == "rel" and case == "Loc":
                        ctxs = ("loc",)
                    for row in _pick(rows, slot, value, ctxs):
                        form = row.back if harmony == "back" else row.front
                        if slot == "poss" and value == "3":
                            nxt: tuple[str, ...] = ("poss3",)
                        elif slot == "poss" and value in ("1", "2"):
                            nxt = ("poss12", _CLASS_OF[form[-1]])
                        else:
                            nxt = (_CLASS_OF[form[-1]],)
                        new_paths.append(((*pieces, form), w + row.weight, nxt))
                paths = new_paths
            for pieces, w, _ in paths:
                key = (pieces, plural, poss, case, rel)
                agree.setdefault(key, {})[(harmony, stem_class)] = w
    table: dict[str, list[_Chain]] = {}
    for key, pairs in agree.items():
        pieces, plural, poss, case, rel = key
        chain = _Chain(
            pieces=pieces,
            plural=plural is not None,
            poss=poss or "",
            case=case or "Nom",
            relative=rel,
            weight=max(pairs.values()),
            agrees=pairs,
        )
        table.setdefault("".join(pieces), []).append(chain)
    return table


_TABLE = _build_table()
_FIXED, _NAME_ENDINGS = _load_fixed()
_MAX_SUFFIX = max(len(s) for s in _TABLE)
def _harmonies(stem: str) -> tuple[str, ...]:
    """Harmony classes a stem allows; both when its vowels do not decide it."""
    low = stem.lower()
    # Russian-style surnames in -ев take either harmony in practice (Тоқаевтың, Мирзиёевтің).
    if low.endswith(("ев", "ёв")):
        return ("back", "front")
    for j in range(len(low) - 1, -1, -1):
        ch = low[j]
        if ch == "у" and 0 < j < len(low) - 1 and low[j - 1] not in VOWEL_LETTERS:
            # у between consonants is a vowel (ресурс), written alike in both harmonies.
            return ("back", "front")
        if ch in BACK_VOWELS:
            return ("back",)
        if ch in FRONT_VOWELS:
            return ("front",)
        if ch == "и":
            # и in loans is front in closed syllables (саммиті) but may be back (ми -> миы).
            return ("front", "back")
    return ("back", "front")


def _foreign_from(low: str) -> int:
    """Shortest prefix length from which ``low[:i]`` looks borrowed (``len(low) + 1`` if never).

    Native Kazakh words have no в ф х ц ч щ ь ъ ё э ю and have о/ө only in the first syllable;
    loans are suffixed by how they sound (Нью-Йоркте, Вашингтонның), so their written vowels
    are weak evidence for harmony.
    """
    seen_vowel = False
    for i, ch in enumerate(low):
        if ch in _FOREIGN_LETTERS or "a" <= ch <= "z":
            return i + 1
        if ch in VOWEL_LETTERS:
            if seen_vowel and ch in "оө":
                return i + 1
            seen_vowel = True
    return len(low) + 1


def _final_classes(stem: str) -> tuple[str, ...]:
    low = stem.lower()
    last = low[-1]
    if last in "ьъ" and len(low) > 1:
        last = low[-2]
    if last == "и":
        return ("vowel", "rju")
    cls = _CLASS_OF.get(last)
    return (cls,) if cls else STEM_CLASSES


def _stem_adjustment(low: str, capitalised: bool) -> float:
    """Score adjustment for a (lowercased) stem already known to be well-formed."""
    adj = 0.0
    if len(low) < 3 and not capitalised:
        adj -= 0.35
    if low[-1] not in VOWEL_LETTERS and low[-2] not in VOWEL_LETTERS and low[-2] not in _CLUSTER_OK_FIRST \
            and low[-1] != "у":  # у after a consonant is a vowel: Шойгу, Ортегу
        adj -= 0.5
    if capitalised and low.endswith(_SURNAME_ENDINGS):
        adj += 0.3
    if low[-1] == "д":
        # No native Kazakh word ends in д (it is written т): болад-ы is a verb, not a noun.
        adj -= 0.4
    elif low.endswith(("ыс", "іс")) and not low.endswith(("шыс", "шіс")):
        # Deverbal nouns in -ыс/-іс (байланыс, өндіріс) are far commoner than a vowel stem
        # + -сы; agent nouns in -шы/-ші (басшы-сы) are the exception.
        adj += 0.15
    return adj


def analyse(word: str, known: frozenset[str] = frozenset()) -> list[Analysis]:
    """Analyse a Kazakh word form into ranked readings, best first.

    The identity reading (the word itself, nominative singular) is always among them. A
    poss-3 reading also comes with its citation-form twin (``ұйымының`` -> "ұйым" poss 3 Gen
    and "ұйымы" poss 3 Gen); for capitalised words the citation form ranks first, since
    names cite their head noun with the possessive (``Бас Ассамблеясы``).

    Args:
        word: One token's text.
        known: Casefolded stems to prefer (the last words of known names).

    Returns:
        Analyses sorted by descending score (at most 10).

    Example:
        >>> [(a.lemma, a.case) for a in analyse("Астанада", frozenset({"астана"}))][:1]
        [('Астана', 'Loc')]
    """
    return list(_analyse_cached(word, known))


@functools.lru_cache(maxsize=200_000)
def _analyse_cached(word: str, known: frozenset[str]) -> tuple[Analysis, ...]:
    capitalised = word[:1].isupper()
    identity_score = (_IDENTITY_UPPER if capitalised else _IDENTITY_LOWER) + (
        _KNOWN_BONUS if word.casefold() in known else 0.0
    )
    # Readings are collected as plain tuples in Analysis field order (building the frozen
    # dataclass is the slowest step) and only the kept ones become Analysis objects.
    found: dict[tuple, tuple] = {}

    def add(a: tuple) -> None:
        key = (a[0], a[1], a[2], a[3], a[7], a[4])
        old = found.get(key)
        if old is None or a[6] > old[6]:
            found[key] = a

    add(_reading(word, "Nom", "Sing", "", False, (), identity_score))
    low = word.lower()
    n = len(word)
    for lemma, case, number, relative, bonus in _FIXED.get(low, ()):
        if word[:1].isupper():
            lemma = lemma[:1].upper() + lemma[1:]
        # Listed readings outrank any cut the table could make (бұ-лар-дың), not known stems.
        add(_reading(lemma, case, number, "", relative, (), round(identity_score + 1.5 * bonus, 4)))
    # Cuts inside a name ending of a capitalised word (Ауғанс-тан) are penalised.
    protected, protect_penalty = n, 0.0
    if capitalised:
        for ending, penalty in _NAME_ENDINGS.items():
            if low.endswith(ending) and n - len(ending) < protected:
                protected, protect_penalty = n - len(ending), penalty

    # A number glued to a noun, an initial to a surname: "80-сессиясына" is the noun's reading ("80-сессия",
    # Dat), "М.Нұртілеудің" the surname's ("М.Нұртілеу", Gen).
    numbered = _NUMBERED.fullmatch(word) or _INITIALLED.fullmatch(word)
    if numbered is not None:
        for a in _analyse_cached(numbered.group(2), known):
            if a.suffixes:
                add((numbered.group(1) + a.lemma, a.case, a.number, a.possessive, a.relative, a.suffixes,
                     a.score, a.psor_number))

    # Suffix after a hyphen: acronyms, numbers, Latin names (АҚШ-тың, C5+1-ге, 13%-дан).
    hyphen = word.rfind("-")
    if 0 < hyphen < n - 1 and low[hyphen + 1 :] in _TABLE:
        stem = word[:hyphen]
        for chain in _TABLE[low[hyphen + 1 :]]:
            score = chain.weight + 0.5 + (_KNOWN_BONUS if stem.casefold() in known else 0.0)
            _add_chain(add, stem, chain, score, capitalised)

    splits = [i for i in range(max(2, n - _MAX_SUFFIX), n) if low[i:] in _TABLE]
    if splits:
        # A stem keeps a vowel and at least two letters, and holds only letters and inner hyphens.
        m = _VOWEL_RE.search(low)
        first_vowel = m.start() if m else n
        if low.isalpha():
            first_bad = n
        else:
            m = _NON_STEM_RE.search(low)
            first_bad = m.start() if m else n
        foreign_from = _foreign_from(low)
        splits = [i for i in splits if first_vowel < i <= first_bad and low[i - 1] != "-"]
    for i in splits:
        chains = _TABLE[low[i:]]
        stem = word[:i]
        adj = _stem_adjustment(low[:i], capitalised)
        if i > protected:
            adj -= protect_penalty
        harm = _harmonies(stem)
        harmony_penalty = _FOREIGN_HARMONY_PENALTY if i >= foreign_from else _DISAGREE_PENALTY
        classes = _final_classes(stem)
        last = stem[-1].lower()
        for chain in chains:
            candidates = [(stem, classes, 0.0)]
            if chain.pieces[0][0] in VOWEL_LETTERS:
                if last in _HARDEN:
                    # Lexical stem ends in a voiceless stop: орталығы -> орталық.
                    candidates = [(stem[:-1] + _HARDEN[last], ("voiceless",), 0.0), (stem, classes, -0.3)]
                elif last in "кқп":
                    candidates = [(stem, classes, -0.3)]
            for lemma, cls, soft_adj in candidates:
                fits = [chain.agrees[h, c] for h in harm for c in cls if (h, c) in chain.agrees]
                if fits:
                    weight = max(fits)
                else:
                    near = [
                        chain.agrees[h, c] for h in ("back", "front") for c in cls if (h, c) in chain.agrees
                    ]
                    # Right consonant, wrong vowel: a small fault in loans, a real one otherwise.
                    weight = max(near) - harmony_penalty if near else chain.weight - _DISAGREE_PENALTY
                score = weight + adj + soft_adj
                if lemma.casefold() in known:
                    score += _KNOWN_BONUS
                # Tiny preference for longer stems so ties break towards less cutting.
                score += 0.001 * len(lemma)
                _add_chain(add, lemma, chain, score, capitalised, surface_stem=stem, known=known)

    ranked = sorted(found.values(), key=lambda a: (-a[6], -len(a[0]), a[0], a[1]))
    return tuple(Analysis(*a) for a in ranked[:_MAX_ANALYSES])


def _add_chain(
    add,
    lemma: str,
    chain: _Chain,
    score: float,
    capitalised: bool,
    surface_stem: str | None = None,
    known: frozenset[str] = frozenset(),
) -> None:
    poss = chain.poss
    person = poss[:1]
    psor_number = "" if poss in ("", "3") else ("Plur" if poss.endswith("pl") else "Sing")
    number = "Plur" if chain.plural else "Sing"
    if poss == "3" and capitalised and len(chain.pieces) == 1 + chain.plural:
        # A capitalised word ending in a bare poss-3 is usually a name itself (Алматы).
        score -= 0.5
    add(
        _reading(
            lemma, chain.case, number, person, chain.relative, chain.pieces, round(score, 4), psor_number
        )
    )
    if poss == "3" and surface_stem is not None and not chain.plural:
        citation = surface_stem + chain.pieces[0]
        cscore = score + (0.05 if capitalised else -0.05)
        if citation.casefold() in known:
            # A known name already ending in -ы/-сы (Алматы, Бас Ассамблеясы): the ending is
            # part of the lemma, not a possessive.
            add(
                _reading(
                    citation,
                    chain.case,
                    number,
                    "",
                    chain.relative,
                    chain.pieces[1:],
                    round(cscore + _KNOWN_BONUS, 4),
                )
            )
        else:
            add(_reading(citation, chain.case, number, "3", chain.relative, chain.pieces, round(cscore, 4)))


def _reading(
    lemma: str,
    case: str,
    number: str,
    possessive: str,
    relative: bool,
    suffixes: tuple[str, ...],
    score: float,
    psor_number: str = "",
) -> tuple:
    """A reading as a tuple in ``Analysis`` field order."""
    return (lemma, case, number, possessive, relative, suffixes, score, psor_number)
