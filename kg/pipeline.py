"""The pipeline: the only place that chains the stages (files -> articles -> Docs -> mentions -> triples -> RDF).

    load_articles -> nlp (per sentence language) -> MentionFinder -> Extractor -> Resolver -> graph
"""

from __future__ import annotations

import functools
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.articles import article_id, iter_files, load_articles
from kg.errors import NothingBuilt
from kg.extract import Discourse, Extractor
from kg.graph import merged_from_build, write_build_files
from kg.lexicon import Lexicon, load_lexicon
from kg.mentions import MentionFinder
from kg.model import Article, Mention, Triple
from kg.resolve import Entity, Resolver

Progress = Callable[[str, int, int], None]
# above this many mentions, the merged graph for the centrality table and the page is kept in
# an Oxigraph store on disk rather than in rdflib's memory store (about 12 triples a mention)
ON_DISK_MENTIONS = 50_000


@dataclass
class BuildResult:
    """What a build made, for the summary a user sees."""

    articles: list[Article] = field(default_factory=list)
    triples: list[Triple] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    sentences: int = 0  # in the articles built

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
    if lang == "en":
        from kg.nlp.en import make_en_nlp

        return make_en_nlp()
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
            if lang == "en":
                from kg.extract_en import EnglishExtractor

                self._extractors[lang] = EnglishExtractor(self.lexicon)
            else:
                self._extractors[lang] = Extractor(self.lexicon, lang)
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
        """Per article: sentence index -> its Doc, and (Kazakh) -> the lexicon mentions found in it."""
        by_lang: dict[str, list[tuple[int, int]]] = {}
        for k, article in enumerate(articles):
            for i, s in enumerate(article.sentences):
                lang = s.lang if s.lang in ("kk", "ru", "en") else article.lang
                by_lang.setdefault(lang, []).append((k, i))
        docs: list[dict[int, Doc]] = [{} for _ in articles]
        known: list[dict[int, list[Mention]]] = [{} for _ in articles]  # found before the Kazakh NER runs
        for lang, where in by_lang.items():
            nlp = nlp_for(lang)
            finder = self.finder(lang)
            if lang == "kk":
                # the analyser's known stems are process-wide: make sure they are this lexicon's
                from kg.nlp import kk_morph

                stems = finder.lexicon_stems()
                if kk_morph.known_stems() != frozenset(x.casefold() for x in stems):
                    kk_morph.set_known_stems(stems)
            texts = (articles[k].sentences[i].text for k, i in where)
            for (k, i), doc in zip(where, nlp.pipe(texts), strict=True):
                docs[k][i] = doc
            if lang == "kk":
                # the Kazakh NER runs once over the batch's sentences (batched, it costs half),
                # and only over those where it could name someone the lexicon has not
                from kg.nlp.kk_ner import kk_entities_many

                need = []
                for k, i in where:
                    doc = docs[k][i]
                    known[k][i] = finder.find(doc, offset=articles[k].sentences[i].start)
                    if kk_ner_may_add(doc, known[k][i]):
                        need.append(doc)
                    else:
                        doc.user_data[KK_NER_KEY] = []
                for doc, spans in zip(need, kk_entities_many(need), strict=True):
                    doc.user_data[KK_NER_KEY] = spans
        return docs, known

    def _extract(self, article: Article, docs: dict[int, Doc],
                 known: dict[int, list[Mention]]) -> tuple[list[Triple], list[Mention]]:
        triples: list[Triple] = []
        mentions: list[Mention] = []
        discourse = Discourse()
        for i, s in enumerate(article.sentences):
            doc = docs[i]
            lang = doc.lang_ if doc.lang_ in ("kk", "ru", "en") else article.lang
            found = known.pop(i) if i in known else self.finder(lang).find(doc, offset=s.start)
            found += open_world(doc, lang, found, s.start, self.lexicon)
            found.sort(key=lambda m: m.tok_start)
            found = surname_links(found, mentions)
            mentions.extend(found)
            triples.extend(self.extractor(lang).extract(doc, found, s, article, discourse, i))
        return triples, mentions


_KK_SURNAME = re.compile(r".+(ов|ев|ёв|ин|ова|ева|ёва|ина|ұлы|улы|қызы|кызы|ұлы|бек|баев|бай)$")
# Capitalised at the start of a sentence, these describe a person; they are not part of the name.
_KK_TITLE = re.compile(r"(сарапшы|саясаттанушы|профессор|депутат|министр|президент|экономист|журналист|елші|"
                       r"тілші|директор|төраға|сенатор|ғалым|маман|дипломат|генерал|академик)\w*")
# an acronym (capitals, digits, "+") before a gathering noun names that gathering
_KK_ACRONYM = re.compile(r"(?=.*[A-ZА-ЯӘҒҚҢӨҰҮҺІ].*[A-ZА-ЯӘҒҚҢӨҰҮҺІ0-9])[A-ZА-ЯӘҒҚҢӨҰҮҺІ][A-ZА-ЯӘҒҚҢӨҰҮҺІ0-9+]{1,9}")
_KK_EVENT_HEAD = re.compile(r"(саммит|конференция|форум|сессия|съез|конгресс|көрме|құрылтай)")
_KK_ORG_HEAD = re.compile(
    r"(орталығы|ұйымы|университеті|институты|банкі|қоры|агенттігі|министрлігі|компаниясы|корпорациясы|"
    r"кеңесі|комитеті|палатасы|партиясы|одағы|қауымдастығы|академиясы|хабы|ассоциациясы|холдингі|"
    r"федерациясы|қызметі|департаменті|басқармасы)"
)


def open_world(doc: Doc, lang: str, known: list[Mention], offset: int,
               lexicon: Lexicon | None = None) -> list[Mention]:
    """Names the lexicon does not know: natasha's NER (ru), name shapes (kk), capitalisation (en).

    `lexicon` gives the types of the known names, which an unknown name listed with them
    may take (en: "sanctions against Rosneft and Lukoil").
    """
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
    if lang == "en":
        orgs = {i for m in known if _is_org(m.actor_id, lexicon) for i in range(m.tok_start, m.tok_end)}
        return _open_world_en(doc, taken, offset, orgs)
    if lang != "kk":
        return out
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if i not in taken and i + 1 < n and _KK_ACRONYM.fullmatch(tok.text) \
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
    out.extend(_kk_ner_mentions(doc, taken, offset))
    return out


# where ArticleProcessor leaves the Kazakh NER's spans of a sentence's Doc (set for a whole article at once)
KK_NER_KEY = "kg.kk_ner"
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
    taken = {i for m in known for i in range(m.tok_start, m.tok_end)}
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
    from kg.nlp.kk_ner import kk_entities

    spans = doc.user_data.get(KK_NER_KEY)
    out: list[Mention] = []
    for start, end, label in spans if spans is not None else kk_entities(doc):
        type_ = _KK_NER_TYPES.get(label)
        if type_ is None or end - start > 6 or any(i in taken for i in range(start, end)):
            continue
        span = doc[start:end]
        if not span[0].text[:1].isupper() or not all(_kk_ner_word(t) for t in span):
            continue
        if end - start == 1 and (start == 0 or doc[start - 1].is_punct):
            continue  # a lone capitalised word opening a sentence is too often an ordinary word
        last = span[-1]
        if type_ == "Person":
            base = _surname_lemma(last)
            if base is None or (end - start == 1 and start == 0):
                continue
        elif type_ == "Organization":
            base = _org_head(last) or last.lemma_
        else:
            base = last.lemma_
        if not base or (not base[:1].isupper() and end - start == 1):
            continue
        name = " ".join([t.text for t in span[:-1]] + [base])
        out.append(Mention(f"new:{type_}:kk:{name}", offset + span.start_char, offset + span.end_char,
                           start, end, span.text, _case_for(last, base), "ner"))
        taken.update(range(start, end))
    return out


# English: titles and honorifics precede a name but are not part of it; other capitalised words
# that are not names of people (months, days, places' descriptors) stop a Person reading.
_EN_TITLE = frozenset("""president vice prime minister foreign secretary general chairman chairwoman chair ceo head
    ambassador envoy deputy senior executive director spokesman spokeswoman spokesperson king queen emir sheikh
    chancellor senator governor mayor speaker professor prof dr mr mrs ms sir lord gen col adviser advisor
    special representative commissioner first lady sultan crown prince premier leader officer chief""".split())
_EN_NOT_PERSON = frozenset("""the a an this that these those in on at for of and or but with by from to as after before
    during while when since under over about it its he she they we our their his her january february march april may
    june july august september october november december monday tuesday wednesday thursday friday saturday sunday
    central north south east west eastern western northern southern new middle great united international national
    state states republic federal forum summit day week road corridor sea ocean river lake mountains region
    street square avenue airport station palace house hall city province district island islands gulf
    declaration agreement treaty initiative programme program strategy plan act law party group club european
    partnerships partnership affairs relations development trade economy energy investment investments defense
    defence finance security industry infrastructure policy integration cooperation transport agriculture
    kazakh russian chinese american british french german turkish uzbek kyrgyz tajik turkmen""".split())
_EN_ORG_CUE = frozenset("""inc inc. corp corp. corporation company co. ltd ltd. llc plc bank ministry university
    organization organisation council union agency institute foundation fund committee commission association
    authority office centre center academy parliament assembly senate congress court service group holding
    airlines airways news times post press television tv agency department embassy community""".split())
_EN_JOIN = frozenset({"of", "for", "and", "the", "&", "on"})


def _is_org(actor_id: str, lexicon: Lexicon | None) -> bool:
    if actor_id.startswith("new:"):
        return actor_id.startswith("new:Organization:")
    actor = lexicon.actors.get(actor_id) if lexicon is not None else None
    return actor is not None and actor.type == "Organization"


def _listed_with_org(doc: Doc, i: int, orgs: set[int]) -> bool:
    """Token `i` stands in a list with a known organisation: "Rosneft and Lukoil", "Lukoil, Rosneft and ..."."""
    n = len(doc)
    before = i - 1 if i >= 1 and doc[i - 1].lower_ in {"and", "or", ","} else None
    after = i + 1 if i + 1 < n and doc[i + 1].lower_ in {"and", "or", ","} else None
    return (before is not None and before - 1 in orgs) or (after is not None and after + 1 in orgs)


def _open_world_en(doc: Doc, taken: set[int], offset: int, orgs: set[int] | None = None) -> list[Mention]:
    """English names the lexicon does not know: capitalised runs; organisation cues or 2-3-word people.

    A lone capitalised word is a name only when it is listed with a known organisation (`orgs`:
    its token indices), and then an organisation too, or when a capitalised title precedes it
    ("Chancellor Merz"), and then a person.
    """
    out: list[Mention] = []
    n = len(doc)
    orgs = orgs or set()

    def cap(k: int) -> bool:
        t = doc[k].text
        return k not in taken and t[:1].isupper() and (t.isalpha() or "-" in t or t.endswith(".")) \
            and doc[k].lower_ not in _EN_TITLE

    i = 0
    while i < n:
        if not cap(i):
            i += 1
            continue
        j = i + 1  # the run of capitalised words
        while j < n and cap(j):
            j += 1
        k = j  # joiners ("Bank of China") extend it only into an organisation name
        while k + 1 < n and doc[k].lower_ in _EN_JOIN and doc[k].lower_ != "and" and cap(k + 1):
            k += 1
            while k < n and cap(k):
                k += 1
        type_ = None
        start, end = i, j
        if any(t.lower_ in _EN_ORG_CUE for t in doc[i:k]):
            type_, end = "Organization", k
            while end > j and doc[end - 1].lower_ not in _EN_ORG_CUE and not cap(end - 1):
                end -= 1
        else:
            # "State Warren Christopher": descriptors before a name are not part of it
            while start < j and doc[start].lower_ in _EN_NOT_PERSON:
                start += 1
            words = [t.text for t in doc[start:j]]
            if 2 <= len(words) <= 3 and not any(w.lower() in _EN_NOT_PERSON for w in words) \
                    and all(w.isalpha() or "-" in w for w in words) and not any(w.isupper() for w in words):
                type_ = "Person"
        while start < end and doc[start].lower_ == "the":
            start += 1
        lone = type_ is None and j - i == 1 and k == j and i > 0 and doc[i].text.isalpha() \
            and doc[i].lower_ not in _EN_NOT_PERSON and not doc[i].text.isupper()
        if lone and _listed_with_org(doc, i, orgs):
            type_, start, end = "Organization", i, j
        elif lone and doc[i - 1].lower_ in _EN_TITLE and doc[i - 1].text[:1].isupper() and (i - 1) not in taken:
            type_, start, end = "Person", i, j  # "President Obama", "Chancellor Merz"
        elif type_ is None or end - start < 2:  # a lone capitalised word is too often a sentence's first
            i = max(j, i + 1)
            continue
        span = doc[start:end]
        label = " ".join(t.text for t in span)
        out.append(Mention(f"new:{type_}:en:{label}", offset + span.start_char, offset + span.end_char, start, end,
                           span.text, "Gen" if end < n and doc[end].text in {"'s", "’s"} else "", "shape"))
        i = end
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
          render_html: bool = True, lexicon: Lexicon | None = None, store: str | Path | bool = True,
          on_stored: Callable[[str, str], None] | None = None, jobs: int = 1, dask: object = None) -> BuildResult:
    """Build the graph of `inputs` (files or folders) into `out_dir`.

    Bad files are reported in `result.skipped` and the others are still built.

    Args:
        store: True writes the Oxigraph store into `out_dir/store`, a path writes it there,
            False writes none. The store is incremental (see kg.store): articles already
            there unchanged are left alone, changed ones replaced, new ones added. Its lock
            (`<store>.lock`) is held for the whole build.
        on_stored: called with (article id, "added" | "replaced" | "unchanged") after each
            article is in the store (for a new, bulk-loaded store: once the load is complete).
        jobs: processes that read the articles (kg.parallel); the output does not depend on it.
        dask: a Dask scheduler address (or a `distributed.Client`) to read the articles on.

    Raises:
        NothingBuilt: no input gave an article; the message lists why.
        StoreLocked: another build is writing into the same store.
        ClusterError: the Dask scheduler cannot be reached.
    """
    out_dir = Path(out_dir)
    result = BuildResult()
    loaded = _plan(inputs, result)
    how = {"jobs": jobs, "dask": dask}
    if store is False:
        return _build(loaded, result, out_dir, progress, render_html, lexicon, None, None, how)
    from kg.store import store_lock

    # taken once the inputs are read (the lock file must not be read as an input) and
    # before any work, so a second build refuses at once
    store_path = out_dir / "store" if store is True else Path(store)
    with store_lock(store_path):
        return _build(loaded, result, out_dir, progress, render_html, lexicon, store_path, on_stored, how)


class _Plan:
    """The input files by article id (sorted), read one article at a time as the build asks.

    Only file names are listed up front: the corpus is never all in memory, and an article's
    text is dropped once it has been processed. Of several files with one id, the last one
    that reads well is the article; bad files are noted in the build's result as they come.
    """

    def __init__(self, inputs: Iterable[str | Path], result: BuildResult) -> None:
        by_id: dict[str, list[Path]] = {}
        for path in iter_files(inputs):
            by_id.setdefault(article_id(path), []).append(path)
        self.files = [by_id[k] for k in sorted(by_id)]
        self.result = result
        for dup in sorted(k for k, v in by_id.items() if len(v) > 1):
            result.warnings.append(f"{dup}: several files share this article id; later ones replace earlier ones")

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[Article]:
        for paths in self.files:
            chosen = None
            for article, notes in load_articles(paths):
                if article is None:
                    self.result.skipped.extend(notes)
                else:
                    chosen = article
                    self.result.warnings.extend(notes)
            if chosen is not None:
                yield chosen


def _plan(inputs: Iterable[str | Path], result: BuildResult) -> _Plan:
    plan = _Plan(inputs, result)
    if not plan.files:
        raise NothingBuilt("nothing to build: no input files found")
    return plan


def _nothing_built(result: BuildResult) -> NothingBuilt:
    why = "; ".join(result.skipped[:5]) or "no input files found"
    return NothingBuilt(f"nothing to build: {why}")


def _build(loaded: _Plan, result: BuildResult, out_dir: Path, progress: Progress | None,
           render_html: bool, lexicon: Lexicon | None, store_path: Path | None,
           on_stored: Callable[[str, str], None] | None, how: dict) -> BuildResult:
    from kg.parallel import process_all

    lexicon = lexicon or load_lexicon()
    resolver = Resolver(lexicon)
    raw: list[Triple] = []
    name_counts: dict[str, Counter[str]] = {}  # article -> actor -> names, for the store's bookkeeping
    total = len(loaded)
    for n, done in enumerate(process_all(iter(loaded), lexicon=lexicon, **how), 1):
        if progress:
            progress(done.article.id, n, total)
        if done.error:
            result.skipped.append(done.error)
            continue
        article = done.article
        result.sentences += done.sentences
        named = name_counts.setdefault(article.id, Counter())
        for m in done.mentions:
            node = resolver.resolve(m.actor_id)
            resolver.count(node, m, article.lang)
            named[node] += 1
        raw.extend(done.triples)
        result.articles.append(article)
    if not result.articles:
        raise _nothing_built(result)
    for i, t in enumerate(raw):  # in place: the raw triples are not kept beside the resolved ones
        s, o = resolver.resolve(t.subject), resolver.resolve(t.object)
        raw[i] = replace(t, subject=s, object=o) if s != o else None
    result.triples = [t for t in raw if t is not None]
    del raw
    # every actor named, related or not: a quoted expert is a node even before a relation is read
    result.entities = resolver.finish()
    writer = None
    if store_path is not None and (how.get("jobs", 1) > 1 or how.get("dask") is not None):
        from kg.parallel import StoreWriter

        writer = StoreWriter(store_path, result.articles, result.triples, result.entities, name_counts)
    result.outputs = write_build_files(result.articles, result.triples, result.entities, out_dir)
    _centrality(result, out_dir)
    if render_html:
        # the page reads the merged graph; a large build's lives in a store on disk
        scratch = merged = None
        if len(result.triples) > ON_DISK_MENTIONS:
            scratch = Path(tempfile.mkdtemp(prefix=".kg-merged-", dir=out_dir))
        try:
            merged = merged_from_build(result.articles, result.triples, result.entities,
                                       on_disk=scratch / "store" if scratch else None)
            _page(merged, result, out_dir)
        finally:
            if scratch is not None:
                if merged is not None:
                    merged.close()
                shutil.rmtree(scratch, ignore_errors=True)
    if store_path is not None and writer is None:
        from kg.store import articles_from_build, write_data

        write_data(store_path, articles_from_build(result.articles, result.triples, result.entities, name_counts),
                   on_article=on_stored)
        result.outputs["store"] = store_path
    if writer is not None:
        report = writer.result()
        if on_stored:
            done = {aid: action for action in ("added", "replaced", "unchanged") for aid in getattr(report, action)}
            for a in result.articles:
                on_stored(a.id, done[a.id])
        result.outputs["store"] = store_path
    return result


def _centrality(result: BuildResult, out_dir: Path) -> None:
    """OUT/centrality.csv from the build's records: what `actor_graph(OUT/graph.ttl)` would give."""
    from kg.analysis import actor_graph_from_build, write_centrality_csv

    graph = actor_graph_from_build(result.triples, result.entities)
    result.outputs["centrality"] = write_centrality_csv(graph, out_dir / "centrality.csv")


def _page(merged, result: BuildResult, out_dir: Path) -> None:
    from kg.render import render

    html_path = out_dir / "graph.html"
    render(merged, html_path)
    result.outputs["html"] = html_path
