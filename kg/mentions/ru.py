"""Mention stage, Russian: lexicon names on pymorphy3's normal forms; unknown names from natasha's NER.

Every word of a Russian name inflects, so a word's keys are all its pymorphy3 normal
forms (and a surname's stem), a token's also natasha's lemmas, and a name stands in the
case of its head word. Names the lexicon does not know are natasha's PER/ORG/LOC spans,
their labels put back into the nominative (`kg.nlp.ru_names`).
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Token

from kg import registry
from kg.mentions.core import MentionFinder, norm, taken_tokens
from kg.model import Mention
from kg.nlp.ru_names import event_forms, morph_analyzer, named_org_forms, normalize_span
from kg.wordlists import pattern, words

_NER_TYPES = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}
OFFICE = pattern("ru", "office_nouns")
EVENT_NOUNS = pattern("ru", "event_nouns")
PRONOUN_LEMMAS = words("ru", "pronoun_lemmas")
BODY_HEADS = pattern("ru", "body_heads")
BODY_KINDS = pattern("ru", "body_kinds")
NOT_BODIES = words("ru", "not_bodies")
ORDINAL = re.compile(r"[IVXLC]+|\d+(?:-?[а-я]{1,3})?")
QUOTES = {"«": "»", '"': '"', "“": "”"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&.+'-]*")


@registry.mention_finders.register("ru")
class RussianFinder(MentionFinder):
    """Russian: every word of a name inflects; keys are all pymorphy3 normal forms."""

    lang = "ru"

    def word_keys(self, word: str) -> frozenset[str]:
        return _ru_word_keys(word)

    def token_keys(self, token: Token) -> frozenset[str]:
        if token.pos_ in {"PRON", "DET"} and token.lemma_ in PRONOUN_LEMMAS:
            return frozenset()  # "Тот прибыл": a pronoun ("того") is no name (Того)
        keys = set(_ru_word_keys(token.text))
        keys.update(norm(k) for k in getattr(token._, "lemmas", None) or ())
        return frozenset(keys)

    def find(self, doc: Doc, offset: int = 0) -> list[Mention]:
        """Lexicon mentions; where two names of one length fit a span, the one whose last word is the last
        token's lemma in context ("Мирзиёева" after "Переговоры Токаева и" is Мирзиёев's genitive, not the
        name Мирзиёева), then the first by id, so that the choice never depends on set order."""
        out = []
        for m in super().find(doc, offset):
            fits = self._fitting(doc, m.tok_start, m.tok_end)
            if len(fits) > 1:
                lemma = norm(doc[m.tok_end - 1].lemma_ or doc[m.tok_end - 1].text)
                best = sorted(fits, key=lambda e: (lemma not in e.keys[-1], e.actor_id))[0]
                if best.actor_id != m.actor_id:
                    m = Mention(best.actor_id, m.start, m.end, m.tok_start, m.tok_end, m.text, m.case, m.source)
            out.append(m)
        covered = taken_tokens(out)
        return [m if m.tok_start - 1 in covered else self._other_bearer(doc, m, offset) for m in out]

    def _other_bearer(self, doc: Doc, m: Mention, offset: int) -> Mention:
        """A known surname after a first name that is not the known person's is another person of that surname
        ("Лео Карлин", "Масато Карлин" are not Иво Карлин): a new person of the two words."""
        actor = self.lexicon.actors.get(m.actor_id)
        i = m.tok_start
        if actor is None or actor.type != "Person" or m.tok_end - i != 1 or i == 0:
            return m
        first = doc[i - 1]
        if not (first.is_alpha and first.text[:1].isupper() and first.text[1:].islower()
                and all("а" <= c <= "я" or c == "ё" for c in first.text[1:])):
            return m
        parsed = morph_analyzer().parse(first.text)
        if not (any("Name" in p.tag for p in parsed[:2]) or not any(p.is_known for p in parsed)):
            return m  # a first name, or a word the dictionary does not know ("Масато")
        names = [actor.labels.get("ru", ""), *actor.aliases.get("ru", ())]
        known = {n.split()[0][:3].lower() for n in names if len(n.split()) > 1}
        if not known or first.text[:3].lower() in known:
            return m
        span = doc[i - 1:m.tok_end]
        label = normalize_span(span)
        return Mention(f"new:Person:ru:{label}", offset + span.start_char, offset + span.end_char, span.start,
                       span.end, span.text, m.case, "ner")

    def _fitting(self, doc: Doc, start: int, end: int) -> list:
        keys = [self.token_keys(t) for t in doc[start:end]]
        seen, fits = set(), []
        for k in keys[0]:
            for e in self.index.get(k, ()):
                if len(e.keys) == end - start and id(e) not in seen \
                        and all(keys[j] & e.keys[j] for j in range(len(keys))):
                    seen.add(id(e))
                    fits.append(e)
        return [e for e in fits if not e.capitalised or doc[start].text[:1].isupper()]

    def span_case(self, doc: Doc, start: int, end: int, last_key: str | None) -> str:
        # the case of a phrase is the case of its head: the token whose head lies outside
        for tok in doc[start:end]:
            if not (start <= tok.head.i < end) or tok.head.i == tok.i:
                case = self.token_case(tok)
                if case:
                    return case
        for tok in doc[start:end]:
            case = self.token_case(tok)
            if case:
                return case
        return ""

    def unknown(self, doc: Doc, known: list[Mention], offset: int) -> list[Mention]:
        """Gatherings by their shape, then natasha's PER, ORG and LOC spans outside the known mentions,
        labelled in the nominative."""
        taken = taken_tokens(known)
        out = self.events(doc, known, taken, offset)
        taken |= taken_tokens(out)
        for ent in doc.ents:
            quote = next((t.i for t in ent if t.text in QUOTES), ent.end)
            if any(i in taken for i in range(ent.start, min(quote + 1, ent.end))):
                continue  # (known names inside its quotes are part of its name: "Совет «РК – ЕС»")
            inner = [m for m in known if quote < m.tok_start and m.tok_end <= ent.end + 1]
            if len(inner) == 1 and not inner[0].actor_id.startswith("country_") and quote - ent.start <= 1:
                continue  # "ОАО «Газпром»": the body the lexicon knows, with its legal form
            type_ = _NER_TYPES.get(ent.label_)
            if type_ is None or OFFICE.fullmatch(ent[-1].lemma_.lower()) or _common_word(ent):
                continue  # "Государственный секретарь": an office, not a name; "Государства-члены": no name
            end = ent.end
            if "«" in ent.text and "»" not in ent.text and end < len(doc) and doc[end].text == "»":
                end += 1  # natasha leaves the closing quote out: "Совета сотрудничества «РК – ЕС"
            if type_ == "Organization":
                end = self._body_chain(doc, end)
                state = next((m for m in known if m.tok_start == end and m.actor_id.startswith("country_")
                              and m.case == "Gen"), None)
                if state is not None and _common_words(doc[ent.start:end]):
                    # "Федеральная миграционная служба России", "Высший совет Казахстана и Китая": a body named by
                    # common words keeps its states in its name (else every state's ministry would be one node)
                    end = state.tok_end
                    while end + 1 < len(doc) and doc[end].lower_ in {"и", ","}:
                        more = next((m for m in known if m.tok_start == end + 1 and m.actor_id.startswith("country_")),
                                    None)
                        if more is None:
                            break
                        end = more.tok_end
            span = doc[ent.start:end]
            if type_ == "Organization":
                label = _join(span, named_org_forms([t.text for t in span], [_case(t) for t in span]))
            else:
                label = normalize_span(ent)
            if len(label) < 2:
                continue
            out.append(Mention(f"new:{type_}:ru:{label}", offset + span.start_char, offset + span.end_char,
                               span.start, span.end, span.text, _head_case(span), "ner"))
            taken.update(range(span.start, span.end))
        out += self.quoted_bodies(doc, taken, offset)
        taken |= taken_tokens(out)
        return out + self.abbreviations(doc, taken, offset) + self.latin_names(doc, taken, offset)

    @staticmethod
    def quoted_bodies(doc: Doc, taken: set[int], offset: int) -> list[Mention]:
        """A quoted name after a noun of its kind is a body's name natasha missed: "партии «Зелёные»", "газеты
        «Утро»" (the quotes keep the name in the nominative, so the words are the label)."""
        out: list[Mention] = []
        for i, tok in enumerate(doc[:-2]):
            if not (tok.is_lower and BODY_KINDS.fullmatch(tok.lemma_.lower()) and doc[i + 1].text in QUOTES):
                continue
            close = next((j for j in range(i + 2, min(len(doc), i + 9)) if doc[j].text == QUOTES[doc[i + 1].text]),
                         None)
            if close is None or close == i + 2 or not doc[i + 2].text[:1].isupper() \
                    or any(j in taken for j in range(i + 2, close)):
                continue
            span = doc[i + 2:close]
            out.append(Mention(f"new:Organization:ru:{span.text}", offset + span.start_char, offset + span.end_char,
                               span.start, span.end, span.text, "", "shape"))
        return out

    @staticmethod
    def abbreviations(doc: Doc, taken: set[int], offset: int) -> list[Mention]:
        """A word in Cyrillic capitals that natasha left out is a body's abbreviation ("ФИБА", "ПАСЕ"), unless it
        names no body ("ВВП") or the text around it is in capitals too (a headline)."""
        out: list[Mention] = []
        for i, tok in enumerate(doc):
            text = tok.text
            if i in taken or not (2 <= len(text) <= 7 and text.isalpha() and text.isupper()) \
                    or any("a" <= c.lower() <= "z" for c in text) or text in NOT_BODIES:
                continue
            near = [t for t in doc[max(0, i - 1):i + 2] if t.i != i and t.is_alpha and len(t.text) > 1]
            if any(t.text.isupper() for t in near):
                continue
            out.append(Mention(f"new:Organization:ru:{text}", offset + tok.idx, offset + tok.idx + len(text),
                               i, i + 1, text, "", "shape"))
        return out

    @staticmethod
    def latin_names(doc: Doc, taken: set[int], offset: int) -> list[Mention]:
        """A run of Latin words with a capital in Russian text is a company's or body's name natasha missed
        ("Xinjang Huaken Dairy Group Co ltd")."""
        out: list[Mention] = []
        i, n = 0, len(doc)
        while i < n:
            if i in taken or not LATIN_WORD.fullmatch(doc[i].text) or not doc[i].text[:1].isupper():
                i += 1
                continue
            j = i + 1
            while j < n and j not in taken and LATIN_WORD.fullmatch(doc[j].text):
                j += 1
            span = doc[i:j]
            if j - i >= 2 or len(doc[i].text) >= 3:
                out.append(Mention(f"new:Organization:ru:{span.text}", offset + span.start_char, offset + span.end_char,
                                   i, j, span.text, "", "shape"))
            i = j
        return out

    @staticmethod
    def _body_chain(doc: Doc, end: int) -> int:
        """Past a body's name in the genitive that makes one name with the one before ("Центр японских
        исследований Института Китая и современной Азии РАН"): a capitalised body head in the genitive and
        its words, up to punctuation, a verb or a preposition."""
        if end >= len(doc) or not doc[end].text[:1].isupper() or not BODY_HEADS.fullmatch(doc[end].lemma_.lower()) \
                or _case(doc[end]) != "Gen":
            return end
        k = end + 1
        while k < len(doc) and k - end < 10 and not doc[k].is_punct and doc[k].pos_ not in {"VERB", "AUX", "ADP"} \
                and (doc[k].lower_ == "и" or _case(doc[k]) in {"Gen", None} or doc[k].text.isupper()):
            k += 1
        return k

    def events(self, doc: Doc, known: list[Mention], taken: set[int], offset: int) -> list[Mention]:
        """Gatherings named by their shape, which natasha's NER does not tag: a gathering noun with a
        quoted name ("III межрегиональный форум «Казахстан – Китай»"), or capitalised, after an ordinal
        or inside a sentence ("XXI Форум межрегионального сотрудничества", "на Астанинском
        международном форуме"). Known names inside the quotes are part of the gathering's name."""
        out: list[Mention] = []
        n = len(doc)
        for i, tok in enumerate(doc):
            if i in taken or not EVENT_NOUNS.fullmatch(tok.lemma_.lower()):
                continue
            case = _case(tok)
            a = i
            while a > 0 and i - a < 4 and (a - 1) not in taken and (
                    doc[a - 1].pos_ == "ADJ" or doc[a - 1].dep_ == "amod") and _case(doc[a - 1]) in {case, None}:
                a -= 1
            ordinal = a > 0 and (a - 1) not in taken and bool(ORDINAL.fullmatch(doc[a - 1].text))
            a -= ordinal
            b = i + 1
            quoted = False
            if b < n and doc[b].text in QUOTES:
                close = next((j for j in range(b + 1, min(n, b + 14)) if doc[j].text in QUOTES.values()), None)
                inside = [m for m in known if b < m.tok_start and m.tok_end <= (close or 0)]
                whole = len(inside) == 1 and (inside[0].tok_start, inside[0].tok_end) == (b + 1, close) \
                    and not inside[0].actor_id.startswith("country_")
                if close is not None and close > b + 1 and not whole:
                    b, quoted = close + 1, True
            first = doc[a + ordinal] if a + ordinal <= i else tok
            proper = quoted or (first.text[:1].isupper() and (ordinal or first.i > 0))
            if not proper or (a == i and not quoted and not ordinal and not self._complement(doc, b, taken)):
                continue  # a capitalised gathering noun alone is no name
            if not quoted:
                while b < n and b - i <= 4 and b not in taken and doc[b].is_lower and doc[b].is_alpha \
                        and doc[b].pos_ in {"NOUN", "ADJ"} and _case(doc[b]) == "Gen":
                    b += 1  # "Форум межрегионального сотрудничества"
            span = doc[a:b]
            label = _join(span, event_forms([t.text for t in span], i - a, [_case(t) for t in span]))
            out.append(Mention(f"new:Event:ru:{label}", offset + span.start_char, offset + span.end_char,
                               a, b, span.text, case or "", "shape"))
            taken.update(range(a, b))
        return out

    @staticmethod
    def _complement(doc: Doc, b: int, taken: set[int]) -> bool:
        return b < len(doc) and b not in taken and doc[b].is_lower and doc[b].pos_ in {"NOUN", "ADJ"} \
            and _case(doc[b]) == "Gen"


def _common_words(span) -> bool:
    """A name made of words the dictionary knows as common nouns and adjectives ("Совет муфтиев")."""
    names = {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"}
    firsts = [morph_analyzer().parse(t.text.lower())[0] for t in span if t.is_alpha]
    return bool(firsts) and len(firsts) == len(span) and all(
        f.is_known and f.tag.POS in {"NOUN", "ADJF"} and not names & f.tag.grammemes for f in firsts)


def _common_word(span) -> bool:
    """A one-word span made of common nouns the dictionary knows ("Государства-члены"), no name."""
    if len(span) != 1:
        return False
    parts = [p for p in span[0].text.lower().split("-") if p]
    names = {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"}
    firsts = [morph_analyzer().parse(p)[0] for p in parts]
    return bool(parts) and all(f.is_known and f.tag.POS == "NOUN" and not names & f.tag.grammemes for f in firsts)


def _case(tok: Token) -> str | None:
    return (tok.morph.get("Case") or [None])[0]


def _head_case(span) -> str:
    for tok in span:
        if not (span.start <= tok.head.i < span.end) or tok.head.i == tok.i:
            return _case(tok) or ""
    return ""


def _join(span, forms: list[str]) -> str:
    """Forms of a span's words joined with the span's own spacing."""
    toks = list(span)
    return "".join(f + (t.whitespace_ and " ") for f, t in zip(forms, toks, strict=True)).strip()


@functools.lru_cache(maxsize=200_000)
def _ru_word_keys(word: str) -> frozenset[str]:
    keys = {norm(word)}
    if not any("а" <= c <= "я" or c == "ё" for c in word.lower()):
        return frozenset(keys)
    parts = word.split("-")
    if len(parts) > 1 and all(parts):
        # Касым-Жомарту: each half normalises on its own
        combos = [sorted(_ru_word_keys(p)) for p in parts]
        out = [""]
        for options in combos:
            out = [f"{o}-{x}" if o else x for o in out for x in options[:4]]
        keys.update(out[:16])
        return frozenset(keys)
    for p in morph_analyzer().parse(word):
        keys.add(norm(p.normal_form))
    low = norm(word)
    # surnames and masculine names in -ов/-ев/-ин and the like, in oblique cases
    for suffix in ("ым", "ом", "ем", "ой", "у", "а", "е", "ы"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            keys.add(low[: -len(suffix)])
    return frozenset(keys)
