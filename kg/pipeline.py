"""The pipeline: the only place that chains the stages (files -> articles -> Docs -> mentions -> triples -> RDF).

    load_articles -> nlp (per sentence language) -> MentionFinder -> Extractor -> Resolver -> graph
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.articles import load_articles
from kg.errors import NothingBuilt
from kg.extract import Discourse, Extractor
from kg.graph import build_dataset, write_outputs
from kg.lexicon import Lexicon, load_lexicon
from kg.mentions import MentionFinder
from kg.model import Article, Mention, Triple
from kg.resolve import Entity, Resolver

Progress = Callable[[str, int, int], None]


@dataclass
class BuildResult:
    """What a build made, for the summary a user sees."""

    articles: list[Article] = field(default_factory=list)
    triples: list[Triple] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def sentences(self) -> int:
        return sum(len(a.sentences) for a in self.articles)

    def per_relation(self) -> Counter[str]:
        return Counter(rel for _, rel, _ in {(t.subject, t.relation, t.object) for t in self.triples})

    def per_language(self) -> Counter[str]:
        return Counter(t.lang for t in self.triples)


@functools.cache
def nlp_for(lang: str) -> Language:
    """The spaCy pipeline of a language (loaded once per process)."""
    if lang == "kk":
        from kg.nlp.kk import make_kk_nlp

        return make_kk_nlp()
    if lang == "ru":
        from kg.nlp.ru import make_ru_nlp

        return make_ru_nlp()
    raise ValueError(f"no pipeline for language {lang!r}")


class ArticleProcessor:
    """Sentences -> mentions -> triples for one article at a time, pipelines loaded once."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self._finders: dict[str, MentionFinder] = {}
        self._extractors: dict[str, Extractor] = {}

    def finder(self, lang: str) -> MentionFinder:
        if lang not in self._finders:
            finder = MentionFinder(self.lexicon, lang, nlp_for(lang))
            if lang == "kk":
                from kg.nlp import kk_morph

                kk_morph.set_known_stems(finder.lexicon_stems())
            self._finders[lang] = finder
        return self._finders[lang]

    def extractor(self, lang: str) -> Extractor:
        if lang not in self._extractors:
            self._extractors[lang] = Extractor(self.lexicon, lang)
        return self._extractors[lang]

    def process(self, article: Article) -> tuple[list[Triple], list[Mention]]:
        """All triples and mentions of one article (actor ids not yet resolved)."""
        triples: list[Triple] = []
        mentions: list[Mention] = []
        discourse = Discourse()
        by_lang: dict[str, list[int]] = {}
        for i, s in enumerate(article.sentences):
            lang = s.lang if s.lang in ("kk", "ru") else article.lang
            by_lang.setdefault(lang, []).append(i)
        docs: dict[int, Doc] = {}
        for lang, idxs in by_lang.items():
            nlp = nlp_for(lang)
            finder = self.finder(lang)
            if lang == "kk":
                # the analyser's known stems are process-wide: make sure they are this lexicon's
                from kg.nlp import kk_morph

                stems = finder.lexicon_stems()
                if kk_morph.known_stems() != frozenset(x.casefold() for x in stems):
                    kk_morph.set_known_stems(stems)
            for i, doc in zip(idxs, nlp.pipe(article.sentences[i].text for i in idxs), strict=True):
                docs[i] = doc
        for i, s in enumerate(article.sentences):
            doc = docs[i]
            lang = doc.lang_ if doc.lang_ in ("kk", "ru") else article.lang
            found = self.finder(lang).find(doc, offset=s.start)
            found += open_world(doc, lang, found, s.start)
            found.sort(key=lambda m: m.tok_start)
            found = surname_links(found, mentions)
            mentions.extend(found)
            triples.extend(self.extractor(lang).extract(doc, found, s, article, discourse, i))
        return triples, mentions


_KK_SURNAME = re.compile(r".+(ов|ев|ёв|ин|ова|ева|ёва|ина|ұлы|улы|қызы|кызы|ұлы|бек|баев|бай)$")
# Capitalised at the start of a sentence, these describe a person; they are not part of the name.
_KK_TITLE = re.compile(r"(сарапшы|саясаттанушы|профессор|депутат|министр|президент|экономист|журналист|елші|"
                       r"тілші|директор|төраға|сенатор|ғалым|маман|дипломат|генерал|академик)\w*")
_KK_ORG_HEAD = re.compile(
    r"(орталығы|ұйымы|университеті|институты|банкі|қоры|агенттігі|министрлігі|компаниясы|корпорациясы|"
    r"кеңесі|комитеті|палатасы|партиясы|одағы|қауымдастығы|академиясы|хабы|ассоциациясы|холдингі|"
    r"федерациясы|қызметі|департаменті|басқармасы)"
)


def open_world(doc: Doc, lang: str, known: list[Mention], offset: int) -> list[Mention]:
    """Names the lexicon does not know: natasha's NER (ru) or name shapes (kk)."""
    taken = set()
    for m in known:
        taken.update(range(m.tok_start, m.tok_end))
    out: list[Mention] = []
    if lang == "ru":
        from kg.nlp.ru_names import normalize_span

        for ent in doc.ents:
            if any(i in taken for i in range(ent.start, ent.end)):
                continue
            type_ = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}.get(ent.label_)
            if type_ is None:
                continue
            label = normalize_span(ent)
            if len(label) < 2:
                continue
            case = ""
            for tok in ent:
                if not (ent.start <= tok.head.i < ent.end) or tok.head.i == tok.i:
                    case = (tok.morph.get("Case") or [""])[0]
                    break
            out.append(Mention(f"new:{type_}:ru:{label}", offset + ent.start_char, offset + ent.end_char,
                               ent.start, ent.end, ent.text, case, "ner"))
        return out
    if lang != "kk":
        return out
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if i in taken or not tok.text[:1].isupper() or (not tok.is_alpha and "-" not in tok.text) \
                or _KK_TITLE.fullmatch(tok.text.lower()):
            i += 1
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
        # Organisation: Capitalised words ... head noun ("Саяси технологиялар орталығының")
        k = i + 1
        while k < n and k - i <= 4 and (k not in taken) and doc[k].is_alpha:
            head = _org_head(doc[k])
            if head:
                words = [t.text for t in doc[i:k]] + [head]
                label = " ".join(words)
                out.append(Mention(f"new:Organization:kk:{label}", offset + doc[i].idx,
                                   offset + doc[k].idx + len(doc[k].text), i, k + 1, doc[i:k + 1].text,
                                   _case_for(doc[k], None), "shape"))
                taken.update(range(i, k + 1))
                break
            k += 1
        else:
            i += 1
            continue
        i = k + 1
    return out


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


def _case_for(token, lemma: str | None) -> str:
    for a in getattr(token._, "kk_analyses", None) or ():
        if lemma is None or a.lemma == lemma:
            return a.case
    return ""


def surname_links(found: list[Mention], earlier: list[Mention]) -> list[Mention]:
    """A bare surname of an unknown person is the full name said before in the article ("Алибайов")."""
    full: dict[str, str] = {}
    for m in earlier + found:
        if m.actor_id.startswith("new:Person:"):
            label = m.actor_id.split(":", 3)[3]
            parts = label.split()
            if len(parts) >= 2:
                full.setdefault(parts[-1].lower(), m.actor_id)
    out = []
    for m in found:
        if m.actor_id.startswith("new:Person:"):
            label = m.actor_id.split(":", 3)[3]
            parts = label.split()
            target = full.get(parts[-1].lower()) if len(parts) == 1 or parts[0].endswith(".") else None
            if target and target != m.actor_id:
                m = replace(m, actor_id=target)
        out.append(m)
    return out


def build(inputs: Iterable[str | Path], out_dir: str | Path, *, progress: Progress | None = None,
          render_html: bool = True, lexicon: Lexicon | None = None) -> BuildResult:
    """Build the graph of `inputs` (files or folders) into `out_dir`.

    Bad files are reported in `result.skipped` and the others are still built.

    Raises:
        NothingBuilt: no input gave an article; the message lists why.
    """
    out_dir = Path(out_dir)
    result = BuildResult()
    loaded: list[Article] = []
    for article, notes in load_articles(inputs):
        if article is None:
            result.skipped.extend(notes)
        else:
            loaded.append(article)
            result.warnings.extend(notes)
    if not loaded:
        why = "; ".join(result.skipped[:5]) or "no input files found"
        raise NothingBuilt(f"nothing to build: {why}")
    loaded.sort(key=lambda a: a.id)
    ids = Counter(a.id for a in loaded)
    for dup in sorted(k for k, v in ids.items() if v > 1):
        result.warnings.append(f"{dup}: several files share this article id; later ones replace earlier ones")
    loaded = list({a.id: a for a in loaded}.values())
    processor = ArticleProcessor(lexicon)
    resolver = Resolver(processor.lexicon)
    raw: list[Triple] = []
    for n, article in enumerate(loaded, 1):
        if progress:
            progress(article.id, n, len(loaded))
        try:
            triples, mentions = processor.process(article)
        except Exception as exc:  # one bad article must not stop a corpus
            result.skipped.append(f"{article.path}: extraction failed ({type(exc).__name__}: {exc})")
            continue
        for m in mentions:
            node = resolver.resolve(m.actor_id)
            resolver.count(node, m, article.lang)
        raw.extend(triples)
        result.articles.append(article)
    for t in raw:
        s, o = resolver.resolve(t.subject), resolver.resolve(t.object)
        if s != o:
            result.triples.append(replace(t, subject=s, object=o))
    # every actor named, related or not: a quoted expert is a node even before a relation is read
    result.entities = resolver.finish()
    ds = build_dataset(result.articles, result.triples, result.entities)
    result.outputs = write_outputs(ds, out_dir)
    if render_html:
        from kg.render import render

        html_path = out_dir / "graph.html"
        render(result.outputs["ttl"], html_path)
        result.outputs["html"] = html_path
    return result
