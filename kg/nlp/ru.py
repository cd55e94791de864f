"""NLP stage for Russian: text -> spaCy Doc (natasha tokens, morphology, syntax, NER; pymorphy3 lemmas).

natasha (razdel segmentation, slovnet morphology, syntax and NER) ships its models in its
wheel, so the whole pipeline runs offline. spaCy is the frame: the tokenizer is razdel's
(token boundaries are natasha's), and one component, ``"natasha"``, fills every layer:

* ``token.pos_``, ``token.morph`` (``Case=Dat|Gender=Masc|...``): natasha's tagger;
* ``token.head``, ``token.dep_`` and so ``doc.sents``: natasha's parser, one tree per
  razdel sentence (the root's label is spaCy's ``ROOT``);
* ``doc.ents``: natasha's NER, labels ``PER``, ``LOC``, ``ORG``;
* ``token.lemma_`` (lower case): the pymorphy3 parse agreeing with natasha's POS and
  features; person names go through `kg.nlp.ru_names` (``Токаеву`` -> ``токаев``);
* ``token._.lemmas``: every plausible lower-cased normal form, for matching lexicon
  names in any case form.

    >>> nlp = make_ru_nlp()
    >>> doc = nlp("Президент США пригласил Токаева на саммит G20.")
    >>> [(t.text, t.dep_, t.head.text) for t in doc][3]
    ('Токаева', 'obj', 'пригласил')
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, NamedTuple

import numpy as np
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, minibatch
from spacy.vocab import Vocab

from kg import registry
from kg.nlp.ru_names import OC_TO_UD_CASE, morph_analyzer, name_forms, normalize_person_tokens, parses

COMPONENT = "natasha"
# sentences per call of natasha's models: sorted by length first, so a batch pads little
SLOVNET_BATCH = 32
# Docs (one per sentence in a build) the component annotates at once
DOC_BATCH = 256
ENT_LABELS = frozenset({"PER", "LOC", "ORG"})

# UD part of speech (natasha) -> the OpenCorpora parts of speech (pymorphy3) it may come from.
_UD_TO_OC_POS: dict[str, frozenset[str]] = {
    "NOUN": frozenset({"NOUN"}),
    "PROPN": frozenset({"NOUN"}),
    "ADJ": frozenset({"ADJF", "ADJS", "COMP"}),
    "VERB": frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"}),
    "AUX": frozenset({"VERB", "INFN"}),
    "ADV": frozenset({"ADVB", "COMP", "PRED"}),
    "NUM": frozenset({"NUMR"}),
    "PRON": frozenset({"NPRO"}),
    "DET": frozenset({"ADJF", "NPRO"}),
    "ADP": frozenset({"PREP"}),
    "CCONJ": frozenset({"CONJ"}),
    "SCONJ": frozenset({"CONJ"}),
    "PART": frozenset({"PRCL"}),
    "INTJ": frozenset({"INTJ"}),
}
_UD_TO_OC_NUMBER = {"Sing": "sing", "Plur": "plur"}
_UD_TO_OC_GENDER = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}
_NO_LEMMA_POS = frozenset({"PUNCT", "SYM", "X", "SPACE"})


class _Models(NamedTuple):
    segmenter: Any
    morph: Any
    syntax: Any
    ner: Any


@functools.cache
def natasha_models() -> _Models:
    """natasha's segmenter, morphology tagger, syntax parser and NER, loaded once per process (~2 s)."""
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    models = _Models(Segmenter(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb))
    for api in models[1:]:  # natasha's default is 8; see annotate_batch
        api.batch_size = api.infer.encoder.batch_size = SLOVNET_BATCH
    return models


class RazdelTokenizer:
    """A spaCy tokenizer that splits like natasha (razdel), so offsets and tokens match natasha's.

    Whitespace beyond one space after a token becomes its own token, as in spaCy, so that
    ``doc.text`` is the input text and ``token.idx`` points into it.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []

        def gap(chunk: str) -> None:
            # Text between two razdel tokens: one space belongs to the previous token.
            if not chunk:
                return
            if words and not spaces[-1] and chunk[0] == " ":
                spaces[-1] = True
                chunk = chunk[1:]
            if not chunk:
                return
            if chunk.isspace():
                words.append(chunk)
                spaces.append(False)
                return
            words.append(chunk.strip() or chunk)  # razdel skipped something that is not space
            spaces.append(False)

        pos = 0
        for tok in natasha_models().segmenter.tokenize(text):
            gap(text[pos : tok.start])
            words.append(text[tok.start : tok.stop])
            spaces.append(False)
            pos = tok.stop
        gap(text[pos:])
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if doc.text != text:  # defensive: never hand out offsets that do not match the input
            doc = Doc(self.vocab, words=[text] if text else [], spaces=[False] if text else [])
        return doc

    # spaCy calls these when a pipeline is saved or loaded; the tokenizer has no state.
    def to_bytes(self, **_kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs: Any) -> RazdelTokenizer:
        return self

    def to_disk(self, _path: Any, **_kwargs: Any) -> None:
        return None

    def from_disk(self, _path: Any, **_kwargs: Any) -> RazdelTokenizer:
        return self


@functools.lru_cache(maxsize=200_000)
def _lemma(word: str, pos: str, case: str | None, number: str | None, gender: str | None) -> str:
    """The normal form of the pymorphy3 parse that best agrees with natasha's POS and features."""
    low = word.lower()
    if pos in _NO_LEMMA_POS or not any(c.isalpha() for c in word):
        return low
    oc_pos = _UD_TO_OC_POS.get(pos, frozenset())
    best, best_score = None, -1.0
    for p in parses(word):
        g = p.tag.grammemes
        s = 0.0
        if p.tag.POS in oc_pos:
            s += 4.0
        if case and OC_TO_UD_CASE.get(p.tag.case or "") == case:
            s += 2.0
        if number and _UD_TO_OC_NUMBER.get(number) in g:
            s += 1.0
        if gender and _UD_TO_OC_GENDER.get(gender) in g:
            s += 0.5
        if p.is_known:
            s += 0.5
        if pos == "PROPN" and {"Name", "Surn", "Geox", "Orgn", "Trad"} & g:
            s += 0.5
        s += p.score * 0.1  # pymorphy3's own order breaks ties
        if s > best_score:
            best, best_score = p, s
    return best.normal_form if best is not None else low


@functools.lru_cache(maxsize=200_000)
def _all_lemmas(text: str, lemma: str) -> tuple[str, ...]:
    forms = {text.lower(), lemma.lower()}
    forms.update(p.normal_form for p in parses(text))
    if text[:1].isupper():
        forms.update(name_forms(text))
    return tuple(sorted(forms))


def _token_lemmas(token: Token) -> tuple[str, ...]:
    if token.doc.lang_ != "ru":  # the extension is global; pymorphy3 knows nothing of Kazakh
        return ()
    if token.is_space or token.is_punct:
        return (token.text.lower(),)
    return _all_lemmas(token.text, token.lemma_)


if not Token.has_extension("lemmas"):
    Token.set_extension("lemmas", getter=_token_lemmas)


def _feat(feats: dict[str, str], key: str) -> str | None:
    return feats.get(key) if feats else None


def _sentence_groups(doc: Doc) -> list[list[int]]:
    """Indices of non-space tokens, grouped by razdel's sentences."""
    bounds = [(s.start, s.stop) for s in natasha_models().segmenter.sentenize(doc.text)]
    groups: list[list[int]] = [[] for _ in bounds] or [[]]
    k = 0
    for tok in doc:
        if tok.is_space:
            continue
        while k + 1 < len(bounds) and tok.idx >= bounds[k][1]:
            k += 1
        groups[k].append(tok.i)
    return [g for g in groups if g]


def _tree(n: int, head_ids: list[str], rels: list[str]) -> tuple[list[int], list[str]]:
    """A single-rooted, acyclic tree over one sentence from natasha's head ids (1-based strings)."""
    heads: list[int] = []
    for i, h in enumerate(head_ids):
        j = int(h) - 1 if h.isdigit() else -1
        heads.append(j if 0 <= j < n and j != i else i)
    deps = list(rels)
    roots = [i for i in range(n) if heads[i] == i]
    root = next((i for i in roots if deps[i] == "root"), roots[0] if roots else 0)
    heads[root] = root
    for i in roots:
        if i != root:  # a second root would split the sentence in spaCy's eyes
            heads[i] = root
            deps[i] = "parataxis"
    for i in range(n):  # break cycles: a token whose chain never reaches the root
        seen = set()
        j = i
        while j != root and j not in seen:
            seen.add(j)
            j = heads[j]
        if j != root:
            heads[j] = root
            deps[j] = "dep"
    deps[root] = "ROOT"
    return heads, deps


class _Prepared(NamedTuple):
    groups: list[list[int]]  # non-space token indices per razdel sentence
    words: list[list[str]]  # their texts, for the tagger and the parser
    starts: list[int]  # each sentence's character offset in the Doc
    texts: list[str]  # each sentence's text, for the NER


def _prepare(doc: Doc) -> _Prepared:
    groups = _sentence_groups(doc)
    text = doc.text  # built from the tokens on every access
    starts = [doc[g[0]].idx for g in groups]
    texts = [text[doc[g[0]].idx : doc[g[-1]].idx + len(doc[g[-1]])] for g in groups]
    return _Prepared(groups, [[doc[i].text for i in g] for g in groups], starts, texts)


def annotate_batch(docs: list[Doc]) -> list[Doc]:
    """Run natasha's tagger, parser and NER once over the sentences of all `docs`, then annotate each.

    slovnet's models work in batches of sentences, each padded to its longest; a build hands
    over one sentence per Doc, so batching across Docs (instead of one call per Doc), with the
    sentences sorted by length (little padding) in batches of SLOVNET_BATCH, makes the Russian
    NLP about three times as fast. The results are the same as Doc by Doc: each sentence is
    tagged on its own, padding masked.
    """
    todo = [d for d in docs if len(d)]
    if not todo:
        return docs
    models = natasha_models()
    prepared = [_prepare(d) for d in todo]
    words = [w for p in prepared for w in p.words]
    texts = [t for p in prepared for t in p.texts]
    order = sorted(range(len(words)), key=lambda i: len(words[i]))
    morphs = iter(_in_order(models.morph.map([words[i] for i in order]), order))
    syntax = iter(_in_order(models.syntax.map([words[i] for i in order]), order))
    markups = iter(_in_order(models.ner.map([texts[i] for i in order]), order))
    for doc, p in zip(todo, prepared, strict=True):
        k = len(p.groups)
        _annotate(doc, p, list(islice(morphs, k)), list(islice(syntax, k)), list(islice(markups, k)))
    return docs


def _in_order(results: Iterable, order: list[int]) -> list:
    """Results of items taken in `order` (a permutation), put back in the items' own order."""
    out: list = [None] * len(order)
    for i, r in zip(order, results, strict=True):
        out[i] = r
    return out


def _annotate(doc: Doc, prepared: _Prepared, morphs: list, syntax: list, markups: list) -> None:
    """Set POS, morphology, heads, lemmas and entities on `doc` from natasha's output per sentence."""
    groups = prepared.groups
    n = len(doc)
    pos = ["SPACE"] * n
    feats: list[dict[str, str]] = [{} for _ in range(n)]
    heads = list(range(n))
    deps = ["dep"] * n
    for group, m, s in zip(groups, morphs, syntax, strict=True):
        for i, mt in zip(group, m.tokens, strict=True):
            pos[i] = mt.pos
            feats[i] = mt.feats or {}
        local_heads, local_deps = _tree(len(group), [t.head_id for t in s.tokens], [t.rel for t in s.tokens])
        for k, i in enumerate(group):
            heads[i] = group[local_heads[k]]
            deps[i] = local_deps[k]
    # Whitespace tokens hang on the token before them (on the next one at the very start).
    for tok in doc:
        if tok.is_space:
            prev = next((j for j in range(tok.i - 1, -1, -1) if not doc[j].is_space), None)
            nxt = next((j for j in range(tok.i + 1, n) if not doc[j].is_space), None)
            heads[tok.i] = prev if prev is not None else (nxt if nxt is not None else tok.i)
            deps[tok.i] = "dep" if heads[tok.i] != tok.i else "ROOT"

    lemmas = [
        doc[i].text if pos[i] == "SPACE" else _lemma(
            doc[i].text, pos[i], _feat(feats[i], "Case"), _feat(feats[i], "Number"), _feat(feats[i], "Gender")
        )
        for i in range(n)
    ]  # fmt: skip

    # NER per sentence; offsets come back relative to the sentence.
    spans: list[Span] = []
    for offset, markup in zip(prepared.starts, markups, strict=True):
        for sp in markup.spans:
            if sp.type not in ENT_LABELS:
                continue
            span = doc.char_span(offset + sp.start, offset + sp.stop, label=sp.type, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    spans = filter_spans(spans)

    # Person names: the whole name decides each word's case and gender (Касым-Жомарт Токаеву).
    for span in spans:
        if span.label_ != "PER":
            continue
        idx = [t.i for t in span if not t.is_space]
        forms = normalize_person_tokens(
            [doc[i].text for i in idx],
            [_feat(feats[i], "Case") for i in idx],
            [_feat(feats[i], "Gender") for i in idx],
        )
        for i, form in zip(idx, forms, strict=True):
            lemmas[i] = form.lower()
    # A lone surname outside a PER span that pymorphy3 does not know (Мирзиёеву).
    in_per = {t.i for s in spans if s.label_ == "PER" for t in s}
    for i in range(n):
        if pos[i] == "PROPN" and i not in in_per and not any(p.is_known for p in parses(doc[i].text)):
            lemmas[i] = normalize_person_tokens(
                [doc[i].text], [_feat(feats[i], "Case")], [_feat(feats[i], "Gender")]
            )[0].lower()

    strings = doc.vocab.strings
    morphology = doc.vocab.morphology
    arr = np.zeros((n, 5), dtype="uint64")
    for i in range(n):
        feat_str = "|".join(f"{k}={v}" for k, v in sorted(feats[i].items()))
        arr[i, 0] = POS_IDS.get(pos[i], POS_IDS["X"])
        arr[i, 1] = np.int64(heads[i] - i).astype("uint64")
        arr[i, 2] = strings.add(deps[i])
        arr[i, 3] = strings.add(lemmas[i])
        arr[i, 4] = morphology.add(feat_str) if feat_str else 0
    doc.from_array([POS, HEAD, DEP, LEMMA, MORPH], arr)
    doc.set_ents(spans, default="outside")



class NatashaComponent:
    """The spaCy component ``"natasha"``: natasha morphology, syntax and NER, pymorphy3 lemmas.

    ``nlp.pipe`` goes through `pipe`, which annotates Docs in batches (see `annotate_batch`).
    """

    def __init__(self, batch_size: int = DOC_BATCH) -> None:
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        return annotate_batch([doc])[0]

    def pipe(self, stream: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for batch in minibatch(stream, batch_size or self.batch_size):
            yield from annotate_batch(list(batch))


if COMPONENT not in Language.factories:

    @Language.factory(COMPONENT, default_config={"batch_size": DOC_BATCH})
    def _make_natasha(nlp: Language, name: str, batch_size: int) -> NatashaComponent:
        return NatashaComponent(batch_size)


@registry.nlp.register("ru")
@functools.cache
def make_ru_nlp() -> Language:
    """The Russian pipeline: razdel tokenizer + the ``"natasha"`` component (cached per process).

    Returns:
        A spaCy ``Language`` for ``ru``; ``nlp(text)`` gives a Doc with POS, morphology,
        lemmas, dependency trees, sentences and PER/LOC/ORG entities.
    """
    nlp = spacy.blank("ru")
    nlp.tokenizer = RazdelTokenizer(nlp.vocab)
    nlp.add_pipe(COMPONENT)
    natasha_models()  # load now, not on the first document
    morph_analyzer()
    return nlp
