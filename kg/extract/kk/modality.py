"""Extraction stage, Kazakh: how a sentence presents what a relation trigger states (Asserted, Planned,
Hypothetical, Denied).

Kazakh puts the verb last and marks tense, mood and negation on it, so a trigger's modality is
read from the verb that governs it, not from anywhere in the sentence:

- a trigger that is a verb or a participle carries its own form: "барады" (the present-future:
  a visit to come), "бармақ" (the future of intention), "бармады" (negated), "келсе" (if he
  comes), "өтетін саммит" (a summit to be held), "барған сапары" (a visit made);
- a noun or a verbal noun takes the form of the predicate that ends its clause ("сапармен
  барады", "келіссөздер жүргізеді"), across converbs, which take the tense of the verb they lead
  to ("қатысып, ... келіссөз жүргізеді"), and stops at a nominalised clause ("қатысатынын
  хабарлады": the clause's own participle); a subject passes the relative clauses after it;
- the words right after the trigger and the auxiliaries and modal words after its predicate are
  its cues: "сапарына дайындық", "қатысуға ниет танытты", "келуі мүмкін", "барған жоқ",
  "кездесу емес" (not "тек ... ғана емес"), "деп күтілуде"; "алдағы" before it makes it upcoming.

The present-future and the participle of habit plan a happening (a visit, a meeting, talks,
a summit); of a standing relation they say that it holds ("ынтымақтастықты дамытады"). The
verb endings and cue words are lists of `kg/lexicons/words_kk.tsv`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.wordlists import pattern, words

NEGATIVE = pattern("kk", "verb_negative")
FUTURE = pattern("kk", "verb_future")
NOT_FUTURE = words("kk", "not_future")
PARTICIPLE_FUTURE = pattern("kk", "verb_participle_future")
PARTICIPLE_PAST = pattern("kk", "verb_participle_past")
NOT_PARTICIPLE = words("kk", "not_participle")
CONDITIONAL = pattern("kk", "verb_conditional")
AORIST = pattern("kk", "verb_aorist")
NOT_AORIST = words("kk", "not_aorist")
PROGRESSIVE = pattern("kk", "verb_progressive")
NOT_PROGRESSIVE = words("kk", "not_progressive")
CONVERB = pattern("kk", "verb_converb")
NOT_CONVERB = words("kk", "not_converb")
PAST = pattern("kk", "verb_past")
VERB_NOUN = pattern("kk", "verb_noun")
AUX = pattern("kk", "predicate_aux")
PLANNED = pattern("kk", "modal_planned")
HYPOTHETICAL = pattern("kk", "modal_hypothetical")
NEGATION = pattern("kk", "modal_negation")
NOT_ONLY = words("kk", "not_only")
REFUSE = pattern("kk", "refuse")
OPENERS = pattern("kk", "modal_openers")
DEVELOP = pattern("kk", "develop_verbs")
OCCUR = pattern("kk", "occur_verbs")
CONVERB_AUX = pattern("kk", "converb_aux")
DISCOURSE_IF = pattern("kk", "discourse_conditionals")
# numbers and words of dates between a happening and "болады" ("сапары 27 қарашада болады")
DATE_WORDS = re.compile(r"\d[\d\-–]*|\w*(жыл|ай|күн|апта)\w*|(қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|"
                        r"қыркүйек|қазан|қараша|желтоқсан)\w*|ертең|бүгін|биыл|келесі|осы|алдағы")
POSTPOSITIONS = pattern("kk", "postpositions")

# the frames of happenings (visits, meetings, talks, gatherings, invitations): the present-future plans them
HAPPENING_FRAMES = frozenset({"visit", "meet", "negotiate", "participate", "invite", "invite_passive", "invite_by",
                              "host", "receive", "welcome", "credentials", "received_by", "chair", "lead_event",
                              "speak_at", "was_in"})
# the frames of relations between states that hold while they are developed ("ынтымақтастықты дамытуға ниеттіміз")
STANDING_FRAMES = frozenset({"cooperate", "trade", "compete"})
CLAUSE_END = frozenset({".", "!", "?", ";", "…"})
BREAKS = frozenset({",", "–", "—", "-", "»", "”", '"', ":", "(", ")"})
SAYING = frozenset({"деп", "деді", "дейді", "делінген", "делінді"})
# the vowels and sounds after which the negative is -ма/-ме, -ба/-бе, -па/-пе (Kazakh consonant assimilation)
_NEG_AFTER = {"м": "аәеиоөұүыіэюяуйрл", "б": "мнңзж", "п": "пфкқтсшщчхһцбвгд"}
_WORD = re.compile(r"[^\W\d_]+(-[^\W\d_]+)?")


@dataclass(frozen=True)
class Form:
    """What a word's ending says of it as a verb.

    `kind`: "finite" (a tensed verb), "participle", "converb", "conditional", "vnoun" (the verbal
    noun -у), "past" (-ды/-ді: a past verb or an accusative noun) or "" (no verb form);
    `tense`: "past", "aorist" (present-future, habit), "future" (intention), "prog" or "";
    `nominal`: a participle with a possessive or a case, which heads a clause ("қатысатынын").
    """

    kind: str = ""
    tense: str = ""
    negative: bool = False
    nominal: bool = False


NONE = Form()


def _negative(low: str) -> bool:
    m = NEGATIVE.fullmatch(low)
    if m is None:
        return False
    k = m.start(1)
    return k >= 2 and low[k - 1] in _NEG_AFTER[low[k]]


def _aorist(word: str) -> bool:
    """The present-future: "барады", "кездеседі", "талқылайды", "дамиды", "барамыз".

    "-ады/-еді" is also the past of a verb whose stem ends in -а/-е: the derived verbs in
    -ла/-да/-та ("талқылады", "қабылдады": a long stem before л, д, т) and the few of
    `not_aorist` ("жасады"); "-йды" after a consonant stem is the past of "қой-", "көбей-".
    """
    m = AORIST.fullmatch(word)
    if m is None or word in NOT_AORIST:
        return False
    stem = word[:m.start(1)]
    if m.group(1) == "й":
        return stem[-1:] in {"а", "е", "и"} or word.endswith(("иды", "иді"))
    if m.group(2) in {"ды", "ді"} and stem[-1:] in {"л", "д", "т"} and len(stem) > 4:
        return False
    return True


def form_of(word: str) -> Form:
    """The verb form a lower-case Kazakh word's ending shows (`NONE` for capitalised words and non-verbs).

    >>> form_of("бармады").negative, form_of("барады").tense, form_of("өтетін").kind
    (True, 'aorist', 'participle')
    """
    if not word.islower() or not _WORD.fullmatch(word) or len(word) < 4:
        return NONE
    if _negative(word):
        m = NEGATIVE.fullmatch(word)
        tail = m.group(2)
        if tail in {"ған", "ген", "йтын", "йтін"}:
            return Form("participle", "past" if tail in {"ған", "ген"} else "aorist", True, bool(m.group(3)))
        if tail in {"са", "се"}:
            return Form("conditional", "", True)
        if tail == "й":
            return Form("converb", "", True)
        return Form("finite", "past" if tail.startswith("д") else "aorist", True)
    m = PARTICIPLE_FUTURE.fullmatch(word)
    if m is not None and word not in NOT_PARTICIPLE:
        return Form("participle", "aorist", nominal=bool(m.group(2) or m.group(3)))
    m = PARTICIPLE_PAST.fullmatch(word)
    if m is not None and word not in NOT_PARTICIPLE:
        return Form("participle", "past", nominal=bool(m.group(2) or m.group(3)))
    if FUTURE.fullmatch(word) and word not in NOT_FUTURE:
        return Form("finite", "future")
    if CONDITIONAL.fullmatch(word):
        return Form("conditional")
    if PROGRESSIVE.fullmatch(word) and word not in NOT_PROGRESSIVE:
        return Form("finite", "prog")
    if _aorist(word):
        return Form("finite", "aorist")
    if CONVERB.fullmatch(word) and word not in NOT_CONVERB:
        return Form("converb")
    if PAST.fullmatch(word):
        return Form("past", "past")
    if VERB_NOUN.fullmatch(word):
        return Form("vnoun")
    return NONE


def _form(doc: Doc, i: int) -> Form:
    """The form of the word at `i` in its sentence: a bare "-атын/-етін" before a verb is the accusative of a noun
    in -ат/-ет ("мемлекетін көрсетеді"), not a participle ("өтетін саммит", "келетін болды")."""
    f = form_of(doc[i].text)
    if f.kind == "participle" and f.tense == "aorist" and not f.nominal and not f.negative and i + 1 < len(doc):
        nxt = form_of(doc[i + 1].text)
        if nxt.kind in {"finite", "past", "converb"} and not doc[i + 1].text.lower().startswith("бол"):
            return NONE
    return f


def _word(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and _WORD.fullmatch(doc[i].text) is not None


def clause_end(doc: Doc, i: int) -> bool:
    """Whether the word at `i` ends a clause: punctuation, a verb of saying or the sentence's end after it."""
    nxt = doc[i + 1].text.lower() if i + 1 < len(doc) else "."
    return nxt in CLAUSE_END or nxt in BREAKS or nxt in SAYING


def governor(doc: Doc, t: int, subject: bool = False) -> int:
    """The word that ends the clause of the trigger at `t`: its predicate.

    Converbs lead on to the verb after them; a nominalised participle ("қатысатынын") heads its
    own clause; a relative participle ("өтетін саммит") governs what stands before it, except a
    subject (`subject`), whose predicate is the clause's last verb.
    """
    n = len(doc)
    j = t + 1
    while j < n:
        tok = doc[j]
        low = tok.text.lower()
        if low in CLAUSE_END or low in SAYING:
            return _last_word(doc, t, j)
        if low in BREAKS:
            f = _form(doc, j - 1)
            if f.kind == "converb" or j - 1 == t:
                j += 1
                continue
            if f.kind in {"finite", "conditional", "past"} or (f.kind == "participle" and f.nominal):
                return j - 1
            j += 1
            continue
        f = form_of(tok.text)
        if f.kind == "finite" or (f.kind == "participle" and f.nominal) or (f.kind == "conditional"
                                                                            and clause_end(doc, j)):
            return j
        if f.kind == "participle" and not subject and _word(doc, j + 1):
            return j  # a relative clause the trigger is part of
        j += 1
    return _last_word(doc, t, n)


def _last_word(doc: Doc, t: int, j: int) -> int:
    k = j - 1
    while k > t and not _word(doc, k):
        k -= 1
    return k


def _complex(doc: Doc, p: int) -> list[int]:
    """The predicate at `p` and the auxiliaries and modal words after it ("келуі мүмкін", "барған жоқ")."""
    out = [p]
    k = p + 1
    while k < len(doc) and len(out) < 5 and AUX.fullmatch(doc[k].text.lower()):
        out.append(k)
        k += 1
    return out


def _negated(doc: Doc, idx: list[int]) -> bool:
    for k in idx:
        low = doc[k].text.lower()
        if NEGATION.fullmatch(low):
            prev = doc[k - 1].text.lower() if k > 0 else ""
            if low == "емес" and (prev in NOT_ONLY or any(doc[x].text.lower() == "тек" for x in range(max(0, k - 8),
                                                                                                       k))):
                continue  # "тек ... ғана емес": not only
            return True
        if REFUSE.fullmatch(low) and k > 0 and doc[k - 1].text.lower() == "бас":
            return True
    return False


def read_modality(doc: Doc, t: int | None, frame: str) -> str:
    """Asserted, Planned, Hypothetical or Denied: what the trigger at `t` (of `frame`) states, by its scope.

    `t` None: a reading with no trigger of its own takes the sentence's main predicate.
    """
    if t is None:
        t = next((i for i in range(len(doc)) if _word(doc, i)), 0)
        own, p, frame = NONE, governor(doc, t, subject=True), frame or "meet"
        local: list[int] = []
    else:
        own = _form(doc, t)
        if own.kind == "participle" and not own.nominal and _next_word(doc, t):
            return _of_form(own, frame, _left_cue(doc, t))  # "өтетін саммит": the relative participle says it
        if own.kind in {"finite", "conditional"} or (own.kind == "participle" and own.nominal) \
                or (own.kind == "past" and clause_end(doc, t)):
            p = t
        elif own.kind == "" and "Nom" in doc[t].morph.get("Case") and t + 1 < len(doc) and not (
                POSTPOSITIONS.fullmatch(doc[t + 1].text.lower()) or _form(doc, t + 1) is not NONE):
            return _of_subject(doc, t, frame)  # not the bare object of the verb after it ("келіссөздер жүргізеді")
        else:
            p = governor(doc, t)
        local = _local(doc, t, p)
    pred = _complex(doc, p)
    wish = [t - 1] if t > 0 and doc[t].text.lower().startswith("кел") else []  # "барғысы келеді": wants to go
    lows = [doc[k].text.lower() for k in wish + local + pred]
    pf = _form(doc, p)
    if frame in STANDING_FRAMES and any(DEVELOP.match(doc[k].text.lower()) for k in range(t + 1, max(t + 1, p + 1))):
        return "Asserted"  # "ынтымақтастықты дамытуға ниетті": developing a relation says that it holds
    if any(HYPOTHETICAL.fullmatch(w) for w in lows) or _conditional(doc, t, own) or _conditional(doc, p, pf) \
            or _opened(doc, t) or _on_condition(doc, t):
        return "Denied" if "мүмкін" in lows and "емес" in lows else "Hypothetical"  # "мүмкін емес": impossible
    if own.negative or pf.negative or _negated(doc, pred + local):
        return "Denied"
    if any(PLANNED.fullmatch(w) for w in lows) or _left_cue(doc, t):
        return "Planned"
    if own.tense == "future" or pf.tense == "future":
        return "Planned"
    if frame in HAPPENING_FRAMES:
        if own.kind in {"finite", "participle"} and own.tense == "aorist":
            return "Planned"
        if p != t and pf.tense == "aorist" and pf.kind in {"finite", "participle"} and own.kind != "participle" \
                and not _nominalised(doc, t, p) and not _modal_can(doc, p):
            return "Planned"
    return "Asserted"


def _of_subject(doc: Doc, t: int, frame: str) -> str:
    """A happening named as the subject: the future of its clause makes it planned ("сапары ... ие болмақ"); an
    occurrence verb says the rest ("сапары келесі аптада өтеді", "сапар болмайды", "сапары болуы мүмкін"); what
    else the clause says of it (that it is important, harmonises, may become an issue) states no modality."""
    p = governor(doc, t, subject=True)
    if _form(doc, p).tense == "future":
        return "Planned"
    j = next((k for k in range(t + 1, p + 1) if _form(doc, k).kind in {"finite", "vnoun", "participle", "past",
                                                                       "conditional", "converb"}), None)
    said = [doc[k].text.lower() for k in range(t + 1, (j if j is not None else t) + 1)]
    if any(HYPOTHETICAL.fullmatch(w) for w in said):
        return "Hypothetical"
    if any(PLANNED.fullmatch(w) for w in said):
        return "Planned"  # "сапары ... жоспарланғаны"
    if j is None or not OCCUR.match(doc[j].text.lower()) or (doc[j].text.lower().startswith("бол") and any(
            _word(doc, k) and not DATE_WORDS.fullmatch(doc[k].text.lower()) for k in range(t + 1, j))):
        return "Asserted"
    return read_modality(doc, j, frame)


def _next_word(doc: Doc, t: int) -> bool:
    """A word (a name, a number with letters, not an auxiliary) right after `t`: what a participle describes."""
    if t + 1 >= len(doc):
        return False
    nxt = doc[t + 1].text
    return any(ch.isalpha() for ch in nxt) and not AUX.fullmatch(nxt.lower())


def _conditional(doc: Doc, i: int, f: Form) -> bool:
    """"келсе", "барса": the conditional, not a converb in -а/-е before an auxiliary ("бәсекелесе отырып")."""
    return f.kind == "conditional" and not (i + 1 < len(doc) and CONVERB_AUX.match(doc[i + 1].text.lower()))


def _on_condition(doc: Doc, t: int) -> bool:
    """"Егер X келсе, Y-пен кездеседі": a clause after a conditional clause holds only on its condition."""
    return any(doc[k + 1].text == "," and _conditional(doc, k, _form(doc, k))
               and not DISCOURSE_IF.fullmatch(doc[k].text.lower()) for k in range(t - 1))


def _nominalised(doc: Doc, t: int, p: int) -> bool:
    """A verbal noun with its possessor ("шақыруы", "қатысуын") or between the trigger and the verb: the event
    is named, and the tense of the verb it is an argument of is not its own."""
    if _form(doc, t).kind == "vnoun" and doc[t].morph.get("Person[psor]"):
        return True
    return any(_form(doc, k).kind == "vnoun" for k in range(t + 1, p))


def _modal_can(doc: Doc, p: int) -> bool:
    """"бағалауға болады": a verbal noun in the dative and "болады" say "one can", no tense."""
    return doc[p].text.lower().startswith("бол") and p > 0 and _form(doc, p - 1).kind == "vnoun" \
        and doc[p - 1].text.lower().endswith(("ға", "ге", "қа", "ке"))


def clause_after(doc: Doc, i: int) -> tuple[bool | None, int]:
    """Of the words from `i` on: whether the verb they lead to speaks of the future (True, None: says not), and
    the relative participle before a noun that verb is, if it is one (-1 if not): "келер жылы өтетін форум" dates
    the participle's happening and its noun, not the sentence's. A participle of planning ("5 мамырда
    жоспарланған") looks ahead."""
    for k in range(i, len(doc)):
        if doc[k].text in CLAUSE_END:
            break
        f = _form(doc, k)
        if f.kind in {"finite", "participle", "conditional"} or (f.kind == "past" and clause_end(doc, k)):
            # inside the relative clause: the participle a few words on, past no object ("кеше X-ті ... шақырды")
            relative = f.kind == "participle" and not f.nominal and _next_word(doc, k) and k - i <= 3 \
                and not any("Acc" in doc[x].morph.get("Case") for x in range(i, k))
            of = k if relative else -1
            if PLANNED.fullmatch(doc[k].text.lower()):
                return True, of
            return (None if f.tense not in {"past", "aorist", "future"} else f.tense != "past"), of
    return None, -1


def upcoming_at(doc: Doc, start: int, end: int) -> bool:
    """"алда өтетін Ташкенттегі саммит": a word of what is ahead or a participle of the future just before (or
    inside) the words from `start` to `end`, which name a gathering."""
    for k in range(max(0, start - 3), min(end, len(doc))):
        f = _form(doc, k)
        low = doc[k].text.lower()
        if low in {"алдағы", "алда"} or (f.kind == "participle" and f.tense == "aorist" and not f.nominal
                                           and not f.negative) or (PLANNED.fullmatch(low) and f.kind == "participle"):
            return True
    return False


def untensed(doc: Doc, t: int) -> bool:
    """Whether the trigger at `t` is a noun or a verbal noun whose clause says no tense ("Саммитке X-тың қатысуы
    – үлкен оқиға")."""
    if _form(doc, t).kind not in {"", "vnoun"}:
        return False
    p = governor(doc, t, subject=True)
    return _form(doc, p).tense == "" and _form(doc, p).kind in {"", "vnoun"}


def tense_of(doc: Doc) -> bool | None:
    """Whether the sentence's main clause speaks of the future (True), of the past (False) or says not (None)."""
    first = next((i for i in range(len(doc)) if _word(doc, i)), None)
    if first is None:
        return None
    f = _form(doc, governor(doc, first, subject=True))
    if f.tense in {"aorist", "future"}:
        return True
    return False if f.tense == "past" else None


def _of_form(f: Form, frame: str, upcoming: bool) -> str:
    if f.negative:
        return "Denied"
    if f.tense == "future" or upcoming or (f.tense == "aorist" and frame in HAPPENING_FRAMES):
        return "Planned"
    return "Asserted"


def _local(doc: Doc, t: int, p: int) -> list[int]:
    """The words right after the trigger up to the first verb form ("сапарына дайындық", "қатысуға ниет")."""
    out = []
    for k in range(t + 1, min(p + 1, t + 4)):
        if not _word(doc, k):
            break
        out.append(k)
        if _form(doc, k).kind in {"finite", "participle", "past", "converb"}:
            break
    return out


def _left_cue(doc: Doc, t: int) -> bool:
    """"алдағы ресми сапары": an upcoming visit (a planning word a few plain words before the trigger)."""
    for k in range(t - 1, max(-1, t - 4), -1):
        if not _word(doc, k) or _form(doc, k).kind in {"finite", "converb"}:
            return False
        low = doc[k].text.lower()
        if low in {"алдағы", "алда"} or (PLANNED.fullmatch(low) and _form(doc, k).kind == "participle"):
            return True
    return False


def _opened(doc: Doc, t: int) -> bool:
    """"Егер ...", "Мүмкін, ...": the sentence opens with a word that makes its first clause possible only."""
    first = next((i for i in range(len(doc)) if _word(doc, i)), None)
    if first is None or first >= t or not OPENERS.fullmatch(doc[first].text.lower()):
        return False
    # the first clause only: no clause end between the opener and the trigger
    return not any(doc[k].text in CLAUSE_END or (doc[k].text == "," and _form(doc, k - 1).kind in {
        "finite", "conditional", "past"}) for k in range(first + 1, t))
