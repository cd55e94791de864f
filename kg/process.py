"""Processing one article: sentences -> spaCy Docs -> mentions -> triples, each language's parts from the registry.

`ArticleProcessor` is what `kg.pipeline` (one process) and `kg.parallel` (worker processes,
Dask) both run; it loads each language's pipeline, mention finder and extractor once, by
asking `kg.registry`, and knows no language itself.
"""

from __future__ import annotations

import functools

from spacy.language import Language
from spacy.tokens import Doc

from kg import registry
from kg.extract import Discourse, Extractor
from kg.languages import CODES
from kg.lexicon import Lexicon, load_lexicon
from kg.mentions.core import MentionFinder, surname_links
from kg.model import Article, Mention, Triple


@functools.cache
def nlp_for(lang: str, **options: object) -> Language:
    """The spaCy pipeline of a language with these options (loaded once per process)."""
    return registry.nlp.get(lang)(**options)


class ArticleProcessor:
    """Sentences -> mentions -> triples for one article at a time, pipelines loaded once."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self._finders: dict[str, MentionFinder] = {}
        self._extractors: dict[str, Extractor] = {}

    def finder(self, lang: str) -> MentionFinder:
        """The mention finder of a language, on this processor's lexicon and the pipeline it asks for."""
        if lang not in self._finders:
            cls = registry.mention_finders.get(lang)
            self._finders[lang] = cls(self.lexicon, nlp_for(lang, **cls.pipeline_options(self.lexicon)))
        return self._finders[lang]

    def extractor(self, lang: str) -> Extractor:
        """The relation extractor of a language, on this processor's lexicon."""
        if lang not in self._extractors:
            self._extractors[lang] = registry.extractors.get(lang)(self.lexicon)
        return self._extractors[lang]

    def process(self, article: Article) -> tuple[list[Triple], list[Mention]]:
        """All triples and mentions of one article (actor ids not yet resolved)."""
        return self.process_many([article])[0]

    def process_many(self, articles: list[Article]) -> list[tuple[list[Triple], list[Mention]]]:
        """`process` for each article, with the NLP run once over all their sentences.

        The models work in batches (natasha's over sentences of similar length, the Kazakh
        NER over Docs), and a batch of a few articles keeps them fuller than one article
        does; what an article gives does not depend on the others in its batch.
        """
        docs, known = self._annotate(articles)
        return [self._extract(a, d, k) for a, d, k in zip(articles, docs, known, strict=True)]

    def _annotate(self, articles: list[Article]) -> tuple[list[dict[int, Doc]], list[dict[int, list[Mention]]]]:
        """Per article: sentence index -> its Doc, and -> the lexicon mentions found in it."""
        by_lang: dict[str, list[tuple[int, int]]] = {}
        for k, article in enumerate(articles):
            for i, s in enumerate(article.sentences):
                lang = s.lang if s.lang in CODES else article.lang
                by_lang.setdefault(lang, []).append((k, i))
        docs: list[dict[int, Doc]] = [{} for _ in articles]
        known: list[dict[int, list[Mention]]] = [{} for _ in articles]
        for lang, where in by_lang.items():
            finder = self.finder(lang)
            texts = (articles[k].sentences[i].text for k, i in where)
            for (k, i), doc in zip(where, finder.nlp.pipe(texts), strict=True):
                docs[k][i] = doc
            found = finder.find_many([docs[k][i] for k, i in where], [articles[k].sentences[i].start for k, i in where])
            for (k, i), mentions in zip(where, found, strict=True):
                known[k][i] = mentions
        return docs, known

    def _extract(self, article: Article, docs: dict[int, Doc],
                 known: dict[int, list[Mention]]) -> tuple[list[Triple], list[Mention]]:
        triples: list[Triple] = []
        mentions: list[Mention] = []
        discourse = Discourse()
        for i, s in enumerate(article.sentences):
            doc = docs[i]
            lang = doc.lang_ if doc.lang_ in CODES else article.lang
            finder = self.finder(lang)
            found = known.pop(i)
            found += finder.unknown(doc, found, s.start)
            found.sort(key=lambda m: m.tok_start)
            found = surname_links(found, mentions)
            mentions.extend(found)
            triples.extend(self.extractor(lang).extract(doc, found, s, article, discourse, i))
        return triples, mentions
