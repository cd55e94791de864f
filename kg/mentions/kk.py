"""Mention stage, Kazakh: lexicon names on the analyser's lemmas; unknown names from their shapes and the Kazakh NER.

A Kazakh name is cited in its base form and only its last word inflects, so a token's keys
are its text and every lemma `kk_morphology` reads in it. Names the lexicon does not know:
an acronym before a gathering noun (an event), capitalised words ending in a surname (a
person) or in an organisation's head noun (an organisation), then what the KazNERD-trained
NER finds in the sentences where it could add a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Token

from kg import registry
from kg.lexicon import Lexicon
from kg.mentions.core import MentionFinder, norm, taken_tokens
from kg.model import Mention
from kg.nlp.kk_ner import NER_COMPONENT, SPANS_KEY
from kg.wordlists import pattern

_KK_SURNAME = pattern("kk", "surname")
# Capitalised at the start of a sentence, these describe a person; they are not part of the name.
_KK_TITLE = pattern("kk", "person_descriptors")
# an acronym (capitals, digits, "+") before a gathering noun names that gathering
_KK_ACRONYM = pattern("kk", "acronym")
_KK_EVENT_HEAD = pattern("kk", "event_heads")
_KK_ORG_HEAD = pattern("kk", "org_heads")
_KK_ORG_HEAD_BARE = pattern("kk", "org_heads_bare")
_KK_PLACE_HEAD = pattern("kk", "place_heads")
# head nouns (citation form, with the possessive) of a gathering's or a body's name, and which are bodies
_KK_NAME_HEAD = pattern("kk", "name_heads")
_KK_BODY_HEAD = pattern("kk", "body_heads")
_KK_SITE_HEAD = pattern("kk", "site_heads")
_KK_OPENER = pattern("kk", "sentence_openers")
_KK_MONARCH = re.compile(r"(император|король|әмір|сұлтан|патша|ханзада)")
_KK_POSTPOSITION = pattern("kk", "postpositions")
_INITIAL = re.compile(r"[^\W\d_]\.[^\W\d_]")
_GENITIVE = re.compile(r"([^\W\d_]{3,}?)(ның|нің|дың|дің|тың|тің)")
ORDINAL = re.compile(r"\d+(-\w+)?|[IVXLCDMХІ]+")  # "22-", "4-ші", "XXI", "ХІ" (Cyrillic Х and І)
QUOTES_OPEN = frozenset({"«", "“", '"'})
HONORIFICS = frozenset({"шейх", "ханзада", "сэр", "доктор", "принц"})
NAME_PARTICLES = frozenset({"де", "дер", "фон", "ван", "бен", "бин", "ибн", "әл", "аль", "ал", "да", "ди", "Әл", "Аль",
                            "Ал", "Бин", "Ибн"})
QUOTES_CLOSE = frozenset({"»", "”", '"'})


@registry.mention_finders.register("kk")
class KazakhFinder(MentionFinder):
    """Kazakh: the name is in base form; only its last word inflects (kk_morphology analyses)."""

    lang = "kk"

    @classmethod
    def pipeline_options(cls, lexicon: Lexicon) -> dict[str, object]:
        """The analyser prefers the last words of the lexicon's Kazakh names as lemmas."""
        return {"known_stems": tuple(sorted({name.split()[-1] for name, _ in lexicon.names(cls.lang)}))}

    def find_many(self, docs: list[Doc], offsets: list[int]) -> list[list[Mention]]:
        """Lexicon mentions, and the NER run once over the Docs where it could add a name (batched, it costs half).

        A Doc where it could not (`kk_ner_may_add`) gets an empty span group, as if it had run.
        """
        found = super().find_many(docs, offsets)
        need = []
        for doc, known in zip(docs, found, strict=True):
            if kk_ner_may_add(doc, known):
                need.append(doc)
            else:
                doc.spans[SPANS_KEY] = []
        list(self.nlp.get_pipe(NER_COMPONENT).pipe(need))  # sets each Doc's entities and span group
        return found

    def find(self, doc: Doc, offset: int = 0) -> list[Mention]:
        """Lexicon mentions; two of them that open the name of a gathering or a body become that name.

        "Қазақстан – Еуропалық одақ ынтымақтастық кеңесінің" and "Ресей мен Қазақстанның XXI
        өңіраралық ынтымақтастық форумына" name one actor each (the label is the name as
        written, its head noun in the nominative), not the two states.
        """
        found = super().find(doc, offset)
        found += self.hyphen_pair_names(doc, found, offset)
        for quoted in _quoted_names(doc, found, offset, self.type_of):
            found = [m for m in found if m.tok_end <= quoted.tok_start or m.tok_start >= quoted.tok_end] + [quoted]
        found.sort(key=lambda m: m.tok_start)
        out: list[Mention] = []
        k = 0
        while k < len(found):
            named = _pair_name(doc, found, k, offset) if k + 1 < len(found) else None
            if named is not None:
                out.append(named)
                k += 2
                continue
            out.append(_with_first_name(doc, found[k], out[-1].tok_end if out else 0, self.type_of(found[k])))
            k += 1
        return out

    def hyphen_pair_names(self, doc: Doc, found: list[Mention], offset: int) -> list[Mention]:
        """"Қазақстан-Әзербайжан бизнес форумына": two known names joined by a hyphen open a gathering's name."""
        covered = taken_tokens(found)
        out = []
        for tok in doc:
            parts = tok.text.split("-")
            if tok.i in covered or len(parts) != 2 or not all(p[:1].isupper() and p.isalpha() for p in parts):
                continue
            if not all(self.lexicon.ids_for(p, self.lang) for p in parts):
                continue
            j = tok.i + 1
            while j < len(doc) and j - tok.i <= 3 and doc[j].is_alpha and doc[j].text.islower() \
                    and _head_citation(doc[j]) is None:
                j += 1
            head = _head_citation(doc[j]) if j < len(doc) and j > tok.i + 1 else None
            if head is None:
                continue
            base, case = head
            type_ = "Organization" if _KK_BODY_HEAD.match(base.lower()) else "Event"
            label = " ".join([t.text for t in doc[tok.i:j]] + [base])
            span = doc[tok.i:j + 1]
            out.append(Mention(f"new:{type_}:kk:{label}", offset + span.start_char, offset + span.end_char, tok.i,
                               j + 1, span.text, case, "shape"))
        return out

    def type_of(self, mention: Mention) -> str:
        actor = self.lexicon.actors.get(mention.actor_id)
        return actor.type if actor else ""

    def word_keys(self, word: str) -> frozenset[str]:
        """A word of a name as written, and an inner genitive without its suffix: official names are also written
        without it ("Өзбекстан Республикасы Денсаулық сақтау министрлігі" for "... Республикасының ...")."""
        keys = {norm(word)}
        m = _GENITIVE.fullmatch(word)
        if m is not None:
            keys.add(norm(m.group(1)))
        return frozenset(keys)

    def token_keys(self, token: Token) -> frozenset[str]:
        keys = {norm(token.text)}
        for a in getattr(token._, "kk_analyses", None) or ():
            keys.add(norm(a.lemma))
            if _INITIAL.match(a.lemma):
                keys.add(norm(a.lemma[2:]))  # "М.Нұртілеудің": the surname after the initial
            if a.suffixes and a.suffixes[0][:1] in "дтн":
                # a stem's final consonant written once with the suffix's: "Самарқандағы" is Самарқанд + дағы
                keys.add(norm(a.lemma + a.suffixes[0][0]))
        return frozenset(keys)

    def token_case(self, token: Token, key: str | None = None) -> str:
        analyses = getattr(token._, "kk_analyses", None) or ()
        if key is not None:
            for a in analyses:
                if norm(a.lemma) == key:
                    return a.case
        return super().token_case(token)

    def unknown(self, doc: Doc, known: list[Mention], offset: int) -> list[Mention]:
        """Unknown acronyms of gatherings, people by surname shape, organisations by head noun, the NER's names."""
        taken = taken_tokens(known)
        # a state's name in the nominative, by the token after it
        state_before = {m.tok_end: m for m in known if self.type_of(m) == "Country" and m.case in {"Nom", ""}}
        # where a lone surname of a known person starts (the capitalised words before it are its first names)
        surnames = {m.tok_start for m in known if m.tok_end - m.tok_start == 1 and self.type_of(m) == "Person"}
        titled_ends: set[int] = set()
        out: list[Mention] = []
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            if i not in taken and i + 1 < n and _KK_ACRONYM.fullmatch(tok.text) and not ORDINAL.fullmatch(tok.text) \
                    and _KK_EVENT_HEAD.match(doc[i + 1].text.lower()):
                # "COP29 конференциясына", "ЦИПР форумында": an unknown acronym naming a gathering
                out.append(Mention(f"new:Event:kk:{tok.text}", offset + tok.idx, offset + tok.idx + len(tok.text),
                                   i, i + 1, tok.text, "", "shape"))
                taken.add(i)
                i += 1
                continue
            if i in taken or not tok.text[:1].isupper() or (not tok.is_alpha and "-" not in tok.text) \
                    or _KK_TITLE.fullmatch(tok.text.lower()):
                i += 1
                continue
            numbered = _numbered_event(doc, i - 1, taken, offset) if i > 0 and i - 1 not in taken else None
            if numbered is not None:
                # "7-ші Халықаралық көлік форумы": an ordinal, the words of a name, a gathering's noun
                out.append(numbered)
                taken.update(range(numbered.tok_start, numbered.tok_end))
                i = numbered.tok_end
                continue
            titled = _titled_name(doc, i, taken, surnames, titled_ends)
            if titled is not None:
                # "елшісі Джули Стаффтқа": capitalised words after a title are its holder's name
                j, label, case = titled
                titled_ends.add(j + 1)  # where a conjunction may join the next holder
                out.append(Mention(f"new:Person:kk:{label}", offset + tok.idx, offset + doc[j].idx + len(doc[j].text),
                                   i, j + 1, doc[i:j + 1].text, case, "shape"))
                taken.update(range(i, j + 1))
                i = j + 1
                continue
            # Person: [Name] Surname-with-case
            j = i
            while j + 1 < n and j - i < 2 and doc[j + 1].text[:1].isupper() and (j + 1) not in taken:
                j += 1
            last = doc[j]
            lemma = _surname_lemma(last)
            if lemma and (j > i or i > 0):
                words = [t.text for t in doc[i:j]] + [lemma]
                case = _case_for(last, lemma)
                label = " ".join(words)
                out.append(Mention(f"new:Person:kk:{label}", offset + doc[i].idx, offset + last.idx + len(last.text),
                                   i, j + 1, doc[i:j + 1].text, case, "shape"))
                taken.update(range(i, j + 1))
                i = j + 1
                continue
            # Organisation: Capitalised words ... head noun ("Саяси технологиялар орталығының"); not from a word
            # that opens sentences ("Бұл туралы ..."), not across a postposition
            if _KK_OPENER.fullmatch(tok.text.lower()):
                i += 1
                continue
            k = i + 1
            while k < n and k - i <= 4 and (k not in taken) and doc[k].is_alpha \
                    and not _KK_POSTPOSITION.fullmatch(doc[k].text.lower()):
                head = _org_head(doc[k]) or (_bare_org_head(doc[k]) if k == i + 1 else None)
                if head:
                    # "АҚШ Қаржы министрлігі": a state's name in the nominative right before is part of the name
                    first = i
                    state = state_before.get(i)
                    if state is not None:
                        first = state.tok_start  # the extractor keeps the longer of two overlapping names
                    words = [t.text for t in doc[first:k]] + [head]
                    label = " ".join(words)
                    out.append(Mention(f"new:Organization:kk:{label}", offset + doc[first].idx,
                                       offset + doc[k].idx + len(doc[k].text), first, k + 1, doc[first:k + 1].text,
                                       _case_for(doc[k], None), "shape"))
                    taken.update(range(i, k + 1))
                    break
                k += 1
            else:
                i += 1
                continue
            i = k + 1
        if SPANS_KEY not in doc.spans:
            self.nlp.get_pipe(NER_COMPONENT)(doc)
        out.extend(_kk_ner_mentions(doc, taken, offset))
        return out


_KK_NER_TYPES = {"PERSON": "Person", "ORGANISATION": "Organization", "GPE": "Place", "EVENT": "Event"}


def _kk_ner_word(tok: Token) -> bool:
    return tok.is_alpha or "-" in tok.text


def kk_ner_may_add(doc: Doc, known: Iterable[Mention]) -> bool:
    """Whether the Kazakh NER could add a mention to `known` in `doc` (`_kk_ner_mentions`' rules).

    Those take a span only when it starts with a capitalised word outside every known
    mention, and a single word only when it does not open the sentence or follow punctuation;
    a sentence without such a start is left out of the NER (about half the sentences of news,
    whose names the lexicon mostly knows), with the same mentions in the end.
    """
    taken = taken_tokens(known)
    n = len(doc)
    for i, tok in enumerate(doc):
        if i in taken or not tok.text[:1].isupper() or not _kk_ner_word(tok):
            continue
        if i > 0 and not doc[i - 1].is_punct:
            return True
        if i + 1 < n and i + 1 not in taken and _kk_ner_word(doc[i + 1]):
            return True  # a span of two words or more may open the sentence
    return False


def _kk_ner_mentions(doc: Doc, taken: set[int], offset: int) -> list[Mention]:
    """Kazakh names neither the lexicon nor the name shapes caught, from the KazNERD-trained NER.

    The NER sees inflected words; a span becomes an actor only when it starts with a capital
    and its last word has a base form (people: a surname shape; others: the analyser's lemma).
    """
    out: list[Mention] = []
    for ent in doc.spans[SPANS_KEY]:
        start, end, label = ent.start, ent.end, ent.label_
        type_ = _KK_NER_TYPES.get(label)
        if type_ is None or end - start > 6 or any(i in taken for i in range(start, end)):
            continue
        span = doc[start:end]
        if not span[0].text[:1].isupper() or not all(_kk_ner_word(t) for t in span):
            continue
        if type_ != "Person" and _KK_TITLE.fullmatch(span[-1].text.lower()):
            continue  # "Бас хатшысы" is an office, not a body
        if end - start == 1 and (start == 0 or doc[start - 1].is_punct):
            continue  # a lone capitalised word opening a sentence is too often an ordinary word
        last = span[-1]
        if type_ == "Person":
            base = _surname_lemma(last)
            if base is None or (end - start == 1 and start == 0):
                continue
        elif type_ == "Organization":
            base = _org_head(last) or last.lemma_
        elif type_ == "Event":
            # a gathering's name ends in its head noun and is more than a number: "ХІ саммиті келесі жылы" is none
            head = _head_citation(last)
            if head is None or ORDINAL.fullmatch(span[0].text):
                continue
            base = head[0]
        else:
            base = last.lemma_
        if not base or (not base[:1].isupper() and end - start == 1):
            continue
        name = " ".join([t.text for t in span[:-1]] + [base])
        out.append(Mention(f"new:{type_}:kk:{name}", offset + span.start_char, offset + span.end_char,
                           start, end, span.text, _case_for(last, base), "ner"))
        taken.update(range(start, end))
    return out


def _head_citation(token: Token) -> tuple[str, str] | None:
    """A gathering's or a body's head noun with the possessive in its citation form and its case ("форумының" ->
    ("форумы", "Gen")), or None."""
    for a in getattr(token._, "kk_analyses", None) or ():
        low = a.lemma.lower()
        if a.number == "Sing" and _KK_NAME_HEAD.fullmatch(low):
            return a.lemma, a.case
    return None


def _pair_name(doc: Doc, found: list[Mention], k: int, offset: int) -> Mention | None:
    """The name two lexicon mentions open: "A – B [words] кеңесі" or "A мен B-ның [ordinal] words форумы".

    A dash (the pair inside quotes or not) or "мен/пен/бен" with the second in the genitive, then
    up to four lower-case words (an ordinal first) and a head noun with the possessive.
    """
    a, b = found[k], found[k + 1]
    n = len(doc)
    gap = [t.text for t in doc[a.tok_end:b.tok_start]]
    dash = gap in (["–"], ["—"], ["-"])
    if not dash and not (gap in (["мен"], ["пен"], ["бен"]) and b.case == "Gen"):
        return None
    start = a.tok_start - 1 if dash and a.tok_start > 0 and doc[a.tok_start - 1].text in QUOTES_OPEN else a.tok_start
    j = b.tok_end
    if dash and j < n and doc[j].text in QUOTES_CLOSE and start < a.tok_start:
        j += 1
    words = 0
    while j < n and words < 4 and (ORDINAL.fullmatch(doc[j].text) or (doc[j].is_alpha and doc[j].text.islower())):
        head = _head_citation(doc[j]) if doc[j].is_alpha else None
        if head is not None and (words or dash):
            break
        j += 1
        words += 1
    if j >= n or (not dash and words == 0):
        return None
    head = _head_citation(doc[j])
    if head is None:
        return None
    base, case = head
    text = doc[start:j].text.replace("«", "").replace("»", "").replace("“", "").replace("”", "").strip()
    label = " ".join(f"{text} {base}".split())
    type_ = "Organization" if _KK_BODY_HEAD.match(base.lower()) else "Event"
    span = doc[start:j + 1]
    return Mention(f"new:{type_}:kk:{label}", offset + span.start_char, offset + span.end_char, start, j + 1,
                   span.text, case, "shape")


def _with_first_name(doc: Doc, m: Mention, free_from: int, type_: str) -> Mention:
    """A known person's surname with a first name the lexicon spells otherwise ("Кайя Каллас"): one mention.

    The capitalised word before the surname joins it when it is no title and does not open the
    sentence ("Кеше Каллас ..." is "yesterday"), unless a title stands before it.
    """
    i = m.tok_start - 1
    if type_ != "Person" or m.tok_end - m.tok_start != 1 or i < max(free_from, 1) or not _name_word(doc[i]) \
            or _KK_TITLE.fullmatch(doc[i].text.lower()):
        return m
    before = doc[i - 1]
    if before.is_punct or (before.text[:1].isupper() and not _KK_TITLE.fullmatch(before.text.lower())):
        return m  # "Кеше Каллас" opening a sentence; "Ресей Путин": words before left to others
    tok = doc[i]
    return replace(m, start=m.start - (doc[m.tok_start].idx - tok.idx), tok_start=i, text=doc[i:m.tok_end].text)


def _quoted_names(doc: Doc, found: list[Mention], offset: int, type_of) -> list[Mention]:
    """A quoted name and the head noun after it: «Астана» халықаралық форумы (an event), «Ата бейт» кешені (a site).

    A gathering or body is labelled with its head ("Астана халықаралық форумы"), a site by the
    quoted name alone ("Ата бейт"); a quoted name the lexicon knows as a gathering or body
    stays that actor ("«Қытай – Орталық Азия» саммиті").
    """
    out = []
    n = len(doc)
    i = 0
    while i < n:
        if doc[i].text not in QUOTES_OPEN:
            i += 1
            continue
        close = next((k for k in range(i + 1, min(n, i + 8)) if doc[k].text in QUOTES_CLOSE), None)
        if close is None or close == i + 1 or not doc[i + 1].text[:1].isupper():
            i += 1
            continue
        inside = [m for m in found if i < m.tok_start and m.tok_end <= close]
        if len(inside) == 1 and inside[0].tok_start == i + 1 and inside[0].tok_end == close \
                and type_of(inside[0]) in {"Organization", "Event"}:
            i = close + 1
            continue
        j = close + 1
        while j < n and j - close <= 4 and doc[j].is_alpha and doc[j].text.islower():
            if _head_citation(doc[j]) or _place_citation(doc[j]):
                break
            j += 1
        if j >= n or not doc[j].is_alpha:
            i = close + 1
            continue
        name = doc[i + 1:close].text
        head = _head_citation(doc[j])
        if head is not None:
            type_ = "Organization" if _KK_BODY_HEAD.match(head[0].lower()) else "Event"
            label, case = " ".join([name, *(t.text for t in doc[close + 1:j]), head[0]]), head[1]
        elif _place_citation(doc[j]) is not None:
            type_, label, case = "Place", name, _place_citation(doc[j])
        else:
            i = close + 1
            continue
        span = doc[i:j + 1]
        out.append(Mention(f"new:{type_}:kk:{label}", offset + span.start_char, offset + span.end_char, i, j + 1,
                           span.text, case, "shape"))
        i = j + 1
    return out


def _place_citation(token: Token) -> str | None:
    """The case of a site's head noun ("кешеніне" -> "Dat"), or None."""
    for a in getattr(token._, "kk_analyses", None) or ():
        if a.number == "Sing" and _KK_SITE_HEAD.fullmatch(a.lemma.lower()):
            return a.case
    return None


def _numbered_event(doc: Doc, i: int, taken: set[int], offset: int) -> Mention | None:
    """"7-ші Халықаралық көлік форумы", "XXI өңіраралық ынтымақтастық форумы": an ordinal opening a gathering's name.

    Not after a known name in the genitive ("ұйымының 10-шы мерейтойлық саммиті" is that body's).
    """
    if not ORDINAL.fullmatch(doc[i].text) or (i - 1) in taken:
        return None
    n = len(doc)
    j = i + 1
    while j < n and j - i <= 4 and j not in taken and (doc[j].is_alpha or "-" in doc[j].text):
        head = _head_citation(doc[j])
        if head is not None and j > i + 1:
            base, case = head
            type_ = "Organization" if _KK_BODY_HEAD.match(base.lower()) else "Event"
            label = " ".join([t.text for t in doc[i:j]] + [base])
            span = doc[i:j + 1]
            return Mention(f"new:{type_}:kk:{label}", offset + span.start_char, offset + span.end_char, i, j + 1,
                           span.text, case, "shape")
        j += 1
    return None


def _name_word(tok: Token) -> bool:
    """A word that may be part of a person's name: capitalised letters (a hyphen allowed), not an acronym."""
    text = tok.text
    return text[:1].isupper() and (tok.is_alpha or "-" in text) and not (len(text) > 1 and text.isupper())


def _titled_name(doc: Doc, i: int, taken: set[int], surnames: set[int],
                 titled_ends: frozenset[int] | set[int] = frozenset()) -> tuple[int, str, str] | None:
    """Two or three capitalised words right after a title noun ("министрі Цинь Ганмен"): a person's name.

    Returns the last token, the label (the last word in its base form) and the case; None when
    the words run into a known name or end in a place's, a body's or a gathering's head noun.
    """
    before = i - 2 if i >= 2 and doc[i - 1].text.lower() in HONORIFICS else i - 1  # "әмірі шейх Тамим"
    if before < 0 or not (_KK_TITLE.fullmatch(doc[before].text.lower()) or (
            doc[before].text.lower() in {"мен", "пен", "бен", "және"} and before in titled_ends)):
        return None  # after a title, or joined to a name read after a title ("... Оспанов пен Пьер Дюран")
    n = len(doc)
    j = i
    while j + 1 < n and j + 1 - i < 4 + sum(t.text in NAME_PARTICLES for t in doc[i:j + 2]) \
            and (j + 1) not in taken and (_name_word(doc[j + 1]) or (
            doc[j + 1].text in NAME_PARTICLES and j + 2 < n and _name_word(doc[j + 2]))):
        j += 1  # a particle ("бин", "де") lengthens the name: "Бадр бин Хамад Әл Бусаиди"
    if not all(_name_word(t) or t.text in NAME_PARTICLES for t in doc[i:j + 1]):
        return None
    if j == i and not (_KK_MONARCH.match(doc[before].text.lower()) or _case_for(doc[i], _base_form(doc[i]))
                       in {"Ins", "Acc", "Gen"}):
        return None  # one word: after a monarch's title ("императоры Нарухитомен"), or clearly inflected
    after = doc[j + 1].text.lower() if j + 1 < n else ""
    if (j + 1) in surnames:
        return None  # "министрі Сергей Викторович Лавров": the words before a known surname are its first names
    if any(_org_head(t) or _KK_EVENT_HEAD.match(t.text.lower()) for t in doc[i:j + 2]) \
            or _KK_PLACE_HEAD.match(after):
        return None
    last = doc[j]
    base = _base_form(last)
    return j, " ".join([t.text for t in doc[i:j]] + [base]), _case_for(last, base)


def _base_form(token) -> str:
    """The best reading of a name's last word without a possessive or plural ending (the word itself if none)."""
    for a in getattr(token._, "kk_analyses", None) or ():
        if not a.possessive and a.number == "Sing" and a.lemma[:1].isupper():
            return a.lemma
    return token.text


def _surname_lemma(token) -> str | None:
    for a in getattr(token._, "kk_analyses", None) or ():
        if a.possessive or a.number == "Plur":
            continue
        if _KK_SURNAME.fullmatch(a.lemma) and a.lemma[:1].isupper():
            return a.lemma
    return None


def _org_head(token) -> str | None:
    for a in getattr(token._, "kk_analyses", None) or ():
        form = a.lemma.lower()
        if _KK_ORG_HEAD.fullmatch(form) and a.number == "Sing":
            return a.lemma
    return None


def _bare_org_head(token) -> str | None:
    """A body's noun without the possessive after one capitalised word: "Мемлекеттік департаментте"."""
    for a in getattr(token._, "kk_analyses", None) or ():
        if _KK_ORG_HEAD_BARE.fullmatch(a.lemma.lower()) and a.number == "Sing" and not a.possessive:
            return a.lemma
    return None


def _case_for(token, lemma: str | None) -> str:
    for a in getattr(token._, "kk_analyses", None) or ():
        if lemma is None or a.lemma == lemma:
            return a.case
    return ""
