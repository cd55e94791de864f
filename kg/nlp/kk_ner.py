"""Kazakh NER (NLP stage, kk): a Kazakh Doc -> named-entity token spans from the KazNERD-trained model.

The model (spaCy ``tok2vec`` + ``ner``, 25 KazNERD classes such as ``PERSON``, ``GPE``,
``ORGANISATION``, ``EVENT``, ``LOCATION``, ``NORP``, ``POSITION``) is shipped in
``kg/models/kk_ner/pipeline/`` and built by ``scripts/train_kk_ner.py``; it is derived from KazNERD
(CC BY 4.0, see ``kg/models/kk_ner/NOTICE.md``). It is loaded lazily, once per process, from the
package folder: nothing is downloaded.

The model runs on the *words* of the Doc it is given (a copy with the same tokens), so its spans
are addressed by the caller's token indices whatever components that Doc went through.

Example:
    >>> from kg.nlp.kk import make_kk_nlp
    >>> doc = make_kk_nlp()("Сарапшы Бауыржан Сәрсенбаев Астанада сөйледі.")
    >>> kk_entities(doc)
    [(1, 3, 'PERSON'), (3, 4, 'GPE')]
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import kg.nlp.kk_lang  # noqa: F401  (registers the "kk" language the saved pipeline names)
from kg.errors import ModelError

NER_COMPONENT = "kk_ner"
# where the component leaves its spans on a Doc (spaCy's span groups); absent: the NER has not run
SPANS_KEY = "kk_ner"
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "kk_ner" / "pipeline"

# The 25 classes of KazNERD, as it names them (the model predicts these labels).
KAZNERD_LABELS = frozenset(
    {
        "ADAGE",
        "ART",
        "CARDINAL",
        "CONTACT",
        "DATE",
        "DISEASE",
        "EVENT",
        "FACILITY",
        "GPE",
        "LANGUAGE",
        "LAW",
        "LOCATION",
        "MISCELLANEOUS",
        "MONEY",
        "NON_HUMAN",
        "NORP",
        "ORDINAL",
        "ORGANISATION",
        "PERCENTAGE",
        "PERSON",
        "POSITION",
        "PRODUCT",
        "PROJECT",
        "QUANTITY",
        "TIME",
    }
)

EntitySpan = tuple[int, int, str]


@functools.cache
def load_kk_ner() -> Language:
    """Load the shipped Kazakh NER pipeline (cached: one load per process, about half a second).

    Returns:
        The spaCy pipeline (``tok2vec``, ``ner``). Call it on a ``Doc`` built from words, or use
        :func:`kk_entities`.

    Raises:
        ModelError: the model folder is missing or spaCy cannot read it.
    """
    if not (MODEL_DIR / "meta.json").is_file():
        raise ModelError(f"Kazakh NER model not found in {MODEL_DIR}; rebuild it with `python scripts/train_kk_ner.py`")
    with warnings.catch_warnings():
        # W095: the model was saved by another spaCy 3.x patch release; the weights still load.
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        try:
            return spacy.load(MODEL_DIR)
        except (OSError, ValueError) as exc:
            raise ModelError(
                f"cannot load the Kazakh NER model in {MODEL_DIR} ({exc}); "
                "rebuild it with `python scripts/train_kk_ner.py`"
            ) from exc


def _copy_words(nlp: Language, doc: Doc) -> Doc:
    """A new Doc in the NER's vocab with the same tokens (and spacing) as ``doc``."""
    return Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])


def _spans(ner_doc: Doc) -> list[EntitySpan]:
    """Entity spans of the NER's Doc, trimmed of whitespace tokens at their edges."""
    out: list[EntitySpan] = []
    for ent in ner_doc.ents:
        start, end = ent.start, ent.end
        while start < end and ner_doc[start].is_space:
            start += 1
        while end > start and ner_doc[end - 1].is_space:
            end -= 1
        if start < end:
            out.append((start, end, ent.label_))
    return out


def kk_entities_many(docs: Iterable[Doc], batch_size: int = 64) -> list[list[EntitySpan]]:
    """Named entities of many Kazakh Docs at once (batched: about twice as fast as one by one).

    Args:
        docs: Docs from the Kazakh pipeline (any tokens will do).
        batch_size: Docs per batch of the NER.

    Returns:
        For each Doc, its entities as ``(start, end, label)``: token indices into that Doc
        (``end`` exclusive), labels as KazNERD names them (:data:`KAZNERD_LABELS`), in order.

    Raises:
        ModelError: the model cannot be loaded.
    """
    nlp = load_kk_ner()
    copies = (_copy_words(nlp, doc) for doc in docs)
    return [_spans(ner_doc) for ner_doc in nlp.pipe(copies, batch_size=batch_size)]


def kk_entities(doc: Doc) -> list[EntitySpan]:
    """Named entities of one Kazakh Doc as token spans.

    Args:
        doc: A Doc from the Kazakh pipeline (:func:`kg.nlp.kk.make_kk_nlp`).

    Returns:
        ``(start, end, label)`` per entity, token indices into ``doc`` (``end`` exclusive), e.g.
        ``(1, 3, "PERSON")`` for ``doc[1:3]``. Inflected tokens stay as they are
        (``Астанада`` is a ``GPE``): the lemma comes from the morphology.

    Raises:
        ModelError: the model cannot be loaded.

    Example:
        >>> from kg.nlp.kk import make_kk_nlp
        >>> doc = make_kk_nlp()("Сыртқы істер министрі Мұрат Нұртілеу Түркияға сапармен барды.")
        >>> [(doc[s:e].text, label) for s, e, label in kk_entities(doc)]
        [('Сыртқы істер министрі', 'POSITION'), ('Мұрат Нұртілеу', 'PERSON')]
    """
    return kk_entities_many([doc])[0]


class KazakhNer:
    """spaCy component: the NER's spans of a Kazakh Doc as ``doc.ents`` and ``doc.spans["kk_ner"]``.

    ``doc.ents`` holds them as spaCy does; the span group says, even when it is empty, that the
    NER has run on the Doc (a Doc it was not run on has no such group).
    """

    def __call__(self, doc: Doc) -> Doc:
        self._set(doc, kk_entities(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterable[Doc]:
        """Batched version of ``__call__`` (spaCy calls it from ``nlp.pipe``)."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._set_many(batch, batch_size)
                batch = []
        yield from self._set_many(batch, batch_size)

    def _set_many(self, batch: list[Doc], batch_size: int) -> Iterable[Doc]:
        for doc, spans in zip(batch, kk_entities_many(batch, batch_size), strict=True):
            self._set(doc, spans)
            yield doc

    @staticmethod
    def _set(doc: Doc, spans: list[EntitySpan]) -> None:
        doc.ents = [Span(doc, start, end, label=label) for start, end, label in spans]
        doc.spans[SPANS_KEY] = list(doc.ents)


@Language.factory(NER_COMPONENT)
def make_kk_ner(nlp: Language, name: str) -> KazakhNer:
    """Build the ``kk_ner`` component (in `kg.nlp.kk.make_kk_nlp`'s pipeline, disabled until asked for).

    Args:
        nlp: The pipeline (unused; spaCy's factory signature).
        name: The component name.
    """
    return KazakhNer()
