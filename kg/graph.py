"""Graph stage: entities + triples -> RDF (one node per actor, reified mentions with provenance).

Each relation is asserted once (`S rel O`) and described by one `kgo:Mention` per
sentence that supports it. Identifiers are hashes of their content, so the same input
gives byte-identical Turtle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import GraphError
from kg.model import ASSERTING, HAPPENING_RELATIONS, Article, Triple
from kg.namespaces import EX, KGO, SYMMETRIC, bind_namespaces
from kg.resolve import Entity
from kg.turtle import graph_block, prefix_header, statements, subject_statements, trig, turtle

WIKIDATA = "http://www.wikidata.org/entity/"


def actor_iri(actor_id: str) -> URIRef:
    """The IRI of an actor node."""
    return EX[f"actor/{quote(actor_id, safe='')}"]


def article_iri(article_id: str) -> URIRef:
    """The IRI of an article node (its id is the file name stem, quoted for odd names)."""
    return EX[f"article/{quote(article_id, safe='')}"]


def article_graph_iri(article_id: str) -> URIRef:
    """The named graph that holds one article's mentions and the relations they support."""
    return EX[f"graph/{quote(article_id, safe='')}"]


def mention_key(t: Triple) -> tuple[str, str, str, str, int, int]:
    """What makes one mention: the article, the relation read and the sentence it was read in."""
    return t.article_id, t.subject, t.relation, t.object, t.sent_start, t.sent_end


def mention_iri(t: Triple) -> URIRef:
    """A mention's IRI: a hash of its `mention_key`, so rebuilds give the same IRI."""
    key = "\x1f".join(str(part) for part in mention_key(t))
    return EX[f"mention/{hashlib.sha1(key.encode()).hexdigest()[:16]}"]


def canonical(t: Triple) -> Triple:
    """Symmetric relations are stored with the smaller actor id first."""
    if t.relation in SYMMETRIC and t.object < t.subject:
        return replace(t, subject=t.object, object=t.subject)
    return t


def happening_date(t: Triple, on: dt.date | None) -> tuple[str, bool] | None:
    """When a mention's happening is, and whether only the report's date says so (None: no date at all)."""
    if t.date:
        return t.date, False
    return (on.isoformat(), True) if on is not None else None


def happening_iri(relation: str, subject: str, obj: str, date: str) -> URIRef:
    """One happening: a relation between two actors at a time, whichever report tells of it."""
    key = "\x1f".join((relation, subject, obj, date))
    return EX[f"happening/{hashlib.sha1(key.encode()).hexdigest()[:16]}"]


_DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}


def refine_dates(triples: list[Triple]) -> list[Triple]:
    """One happening told at several precisions gets the most precise date the texts give.

    Reports of the same relation between the same actors dated "2025-11" and "2025-11-11"
    tell of one happening when that day is the only more precise date any report gives
    within the month (likewise a year and its one month or day); both then carry the day.
    Dates that the texts do not give (the report's own) are left alone.
    """
    dates: dict[tuple[str, str, str], set[str]] = {}
    for t in triples:
        if t.date and t.relation in HAPPENING_RELATIONS:
            c = canonical(t)
            dates.setdefault((c.subject, c.relation, c.object), set()).add(t.date)
    finer: dict[tuple[tuple[str, str, str], str], str] = {}
    for key, known in dates.items():
        for d in known:
            more = [e for e in known if len(e) > len(d) and e.startswith(d)]
            most = {e for e in more if not any(len(f) > len(e) and f.startswith(e) for f in more)}
            if len(most) == 1:
                finer[key, d] = most.pop()
    if not finer:
        return triples
    out = []
    for t in triples:
        c = canonical(t) if t.date else None
        better = finer.get(((c.subject, c.relation, c.object), t.date)) if c is not None else None
        out.append(replace(t, date=better) if better else t)
    return out


def happening_triples(t: Triple, on: dt.date | None) -> Iterable[tuple]:
    """The happening a mention reports (a dated relation of ONTOLOGY.md's list that it asserts)."""
    when = happening_date(t, on)
    if t.relation not in HAPPENING_RELATIONS or t.modality not in ASSERTING or when is None:
        return
    date, from_report = when
    h = happening_iri(t.relation, t.subject, t.object, date)
    yield mention_iri(t), KGO.reports, h
    yield h, RDF.type, KGO.Happening
    yield h, RDF.subject, actor_iri(t.subject)
    yield h, RDF.predicate, KGO[t.relation]
    yield h, RDF.object, actor_iri(t.object)
    yield h, KGO.date, Literal(date, datatype=_DATE_TYPES.get(len(date), XSD.string))
    if from_report:
        yield h, KGO.dateFromReport, Literal(True)
    if t.place:
        yield h, KGO.place, actor_iri(t.place)


def entity_triples(e: Entity) -> Iterable[tuple]:
    node = actor_iri(e.id)
    yield node, RDF.type, KGO[e.type]
    for lang, label in sorted(e.labels.items()):
        yield node, RDFS.label, Literal(label, lang=lang)
    for text, lang in sorted(e.alt_labels):
        if e.labels.get(lang) != text:
            yield node, SKOS.altLabel, Literal(text, lang=lang)
    if e.wikidata:
        yield node, OWL.sameAs, URIRef(WIKIDATA + e.wikidata)
    for reason in sorted(e.merge_reasons):
        yield node, KGO.mergeReason, Literal(reason)
    if e.mention_count:
        yield node, KGO.mentionCount, Literal(e.mention_count, datatype=XSD.integer)


def article_triples(a: Article) -> Iterable[tuple]:
    node = article_iri(a.id)
    yield node, RDF.type, KGO.Article
    yield node, DCTERMS.identifier, Literal(a.id)
    if a.date:
        yield node, DCTERMS.date, Literal(a.date.isoformat(), datatype=XSD.date)
    yield node, DCTERMS.language, Literal(a.lang)
    yield node, DCTERMS.source, Literal(Path(a.path).name)
    if a.publisher:
        yield node, DCTERMS.publisher, actor_iri(a.publisher)


def mention_triples(t: Triple, on: dt.date | None = None) -> Iterable[tuple]:
    """A mention's statements, and the relation itself when the mention asserts it (`on`: the article's date)."""
    m = mention_iri(t)
    s, o = actor_iri(t.subject), actor_iri(t.object)
    if t.modality in ASSERTING:
        yield s, KGO[t.relation], o
    yield m, RDF.type, KGO.Mention
    yield m, RDF.type, RDF.Statement
    yield m, RDF.subject, s
    yield m, RDF.predicate, KGO[t.relation]
    yield m, RDF.object, o
    yield m, PROV.wasDerivedFrom, article_iri(t.article_id)
    yield m, KGO.evidence, Literal(t.evidence, lang=t.lang or None)
    yield m, KGO.charStart, Literal(t.sent_start, datatype=XSD.integer)
    yield m, KGO.charEnd, Literal(t.sent_end, datatype=XSD.integer)
    yield m, KGO.confidence, Literal(Decimal(f"{t.confidence:.2f}"), datatype=XSD.decimal)
    yield m, KGO.extractor, Literal(t.extractor)
    if t.modality != "Asserted":
        yield m, KGO.modality, KGO[t.modality]
    if t.speaker:
        yield m, PROV.wasAttributedTo, actor_iri(t.speaker)
    yield from happening_triples(t, on)


def best_mentions(triples: Iterable[Triple]) -> dict[URIRef, Triple]:
    """One mention per (article, s, rel, o, sentence), keyed by its IRI.

    Two rules reading the same relation in one sentence (or a symmetric one read both ways)
    would otherwise give one mention two confidences and two extractors. The surest reading
    wins; ties go by name so the choice does not depend on the order of the input.
    """
    best: dict[URIRef, Triple] = {}
    for t in triples:
        t = canonical(t)
        key = mention_iri(t)
        kept = best.get(key)
        if kept is None or (t.confidence, t.extractor) > (kept.confidence, kept.extractor):
            best[key] = t
    return best


def article_graphs(articles: Iterable[Article], triples: Iterable[Triple]) -> Iterable[tuple[Article, list[tuple]]]:
    """Each article with the triples of its named graph (its node, its mentions, the relations they support)."""
    # grouped by reference, the surest reading chosen article by article: no second copy of
    # the corpus's triples is held (a mention's key names its article)
    by_article: dict[str, list[Triple]] = {}
    for t in triples:
        by_article.setdefault(t.article_id, []).append(t)
    for a in articles:
        spo = list(article_triples(a))
        mentions = best_mentions(by_article.pop(a.id, ())).values()
        for t in mentions:
            spo.extend(mention_triples(t, a.date))
        spo.extend(talks_at_meetings(mentions, a.date))
        yield a, spo


def talks_at_meetings(mentions: Iterable[Triple], on: dt.date | None) -> Iterable[tuple]:
    """Talks between two actors on the day they meet are part of that meeting (one article's reports)."""
    met = {}
    for t in mentions:
        when = happening_date(t, on)
        if t.relation == "metWith" and t.modality in ASSERTING and when is not None:
            met[t.subject, t.object, when[0]] = happening_iri("metWith", t.subject, t.object, when[0])
    done = set()
    for t in mentions:
        when = happening_date(t, on)
        if t.relation != "negotiatesWith" or t.modality not in ASSERTING or when is None:
            continue
        meeting = met.get((t.subject, t.object, when[0]))
        talks = happening_iri("negotiatesWith", t.subject, t.object, when[0])
        if meeting is not None and talks not in done:
            done.add(talks)
            yield talks, KGO.partOf, meeting


def build_dataset(articles: Iterable[Article], triples: Iterable[Triple], entities: Iterable[Entity]) -> Dataset:
    """The whole graph as a Dataset: actors in the default graph, each article in its own graph.

    The union of all graphs is the merged graph written to graph.ttl.
    """
    ds = Dataset()
    bind_namespaces(ds)
    default = ds.default_graph
    for e in sorted(entities, key=lambda e: e.id):
        for spo in entity_triples(e):
            default.add(spo)
    for a, spo in article_graphs(articles, triples):
        g = ds.graph(article_graph_iri(a.id))
        for x in spo:
            g.add(x)
    return ds


def write_build_files(articles: list[Article], triples: list[Triple], entities: list[Entity],
                      out_dir: Path) -> dict[str, Path]:
    """graph.ttl and graph.trig of a build, written article by article with no Dataset in memory.

    graph.trig is what `write_outputs` writes for the same build's Dataset. graph.ttl holds
    the same triples in blocks: every actor (its description and the relations it is the
    subject of), then each article (its node and its mentions), each subject once.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"ttl": out_dir / "graph.ttl", "trig": out_dir / "graph.trig"}
    ordered = sorted(articles, key=lambda a: str(article_graph_iri(a.id)))
    actors = [spo for e in sorted(entities, key=lambda e: e.id) for spo in entity_triples(e)]
    actor_prefix = str(EX["actor/"])
    shared = (actor_prefix, str(EX["happening/"]))  # subjects more than one article describes
    tmp = {k: v.with_name(v.name + ".tmp") for k, v in paths.items()}
    mentions_part = out_dir / "graph.ttl.articles.tmp"  # graph.ttl's article blocks, until the actors' are known
    try:
        # one pass over the articles: each statement is made once, for graph.trig and graph.ttl
        relations: set[tuple] = set()
        with tmp["trig"].open("w", encoding="utf-8") as trig_f, mentions_part.open("w", encoding="utf-8") as part:
            trig_f.write(prefix_header())
            for st in statements(actors):
                trig_f.write("\n" + st)
            for a, graph in article_graphs(ordered, triples):
                made = list(subject_statements(graph))
                trig_f.write(graph_block(str(article_graph_iri(a.id)), "".join(t for _, t in made)))
                for subject, text in made:
                    if not str(subject).startswith(shared):
                        part.write("\n" + text)
                relations.update(spo for spo in graph if str(spo[0]).startswith(shared))
        # graph.ttl: every actor with its description and the relations it is the subject of, the happenings,
        # then the articles
        with tmp["ttl"].open("w", encoding="utf-8") as ttl_f:
            ttl_f.write(prefix_header())
            for st in statements(actors + sorted(relations)):
                ttl_f.write("\n" + st)
            del relations
            with mentions_part.open(encoding="utf-8") as part:
                shutil.copyfileobj(part, ttl_f, 1 << 20)
        tmp["ttl"].replace(paths["ttl"])
        tmp["trig"].replace(paths["trig"])
    except OSError as exc:
        for t in tmp.values():
            t.unlink(missing_ok=True)
        raise GraphError(f"cannot write the graph into {out_dir}: {exc.strerror or exc}") from exc
    finally:
        mentions_part.unlink(missing_ok=True)
    return paths


def merged_from_build(articles: list[Article], triples: list[Triple], entities: list[Entity],
                      on_disk: Path | None = None) -> Graph:
    """The build's merged graph as one rdflib Graph (what graph.ttl holds), for analysis and the page.

    Args:
        on_disk: a folder (created) for an Oxigraph store behind the Graph instead of rdflib's
            memory store, which needs about 1 KB per triple: what a large corpus needs to
            stay within memory. The caller removes the folder after closing the Graph.
    """
    if on_disk is None:
        g = Graph()
    else:
        from oxrdflib import OxigraphStore

        g = Graph(store=OxigraphStore())
        g.open(str(on_disk))
    bind_namespaces(g)
    g.addN([(*spo, g) for e in sorted(entities, key=lambda e: e.id) for spo in entity_triples(e)])
    for _, graph in article_graphs(articles, triples):
        g.addN([(*spo, g) for spo in graph])
    return g


def merged_graph(ds: Dataset) -> Graph:
    """All quads of a Dataset as one Graph (for Turtle, validation and analysis)."""
    g = Graph()
    bind_namespaces(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def write_outputs(ds: Dataset, out_dir: Path) -> dict[str, Path]:
    """Write graph.ttl (merged) and graph.trig (one named graph per article) into out_dir.

    Files are written next to their final name and renamed, so a failed write never
    leaves half a graph where a good one was.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"ttl": out_dir / "graph.ttl", "trig": out_dir / "graph.trig"}
    try:
        _atomic_write(paths["ttl"], turtle((s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))))
        _atomic_write(paths["trig"], _trig_parts(ds))
    except OSError as exc:
        raise GraphError(f"cannot write the graph into {out_dir}: {exc.strerror or exc}") from exc
    return paths


def trig_text(ds: Dataset) -> str:
    """TriG with the named graphs in a fixed order (rdflib's own order follows hashing)."""
    return "".join(_trig_parts(ds))


def _trig_parts(ds: Dataset) -> Iterable[str]:
    default_id = ds.default_graph.identifier
    named = sorted((g for g in ds.graphs() if g.identifier != default_id), key=lambda g: str(g.identifier))
    return trig(ds.default_graph, ((str(g.identifier), g) for g in named))


def _atomic_write(path: Path, parts: Iterable[str]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for part in parts:
            f.write(part)
    tmp.replace(path)


def load_graph(path: str | Path) -> Graph:
    """Read a graph file (Turtle, TriG, N-Triples, N-Quads, JSON-LD) into one merged Graph.

    Raises:
        GraphError: the file is missing or not RDF; the message names it.
    """
    path = Path(path)
    fmt = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld",
           ".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".owl": "xml"}.get(path.suffix.lower(), "turtle")
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file; build one with 'kg build INPUT -o OUT'")
    try:
        if fmt in ("trig", "nquads"):
            ds = Dataset()
            ds.parse(str(path), format=fmt)
            return merged_graph(ds)
        g = Graph()
        bind_namespaces(g)
        g.parse(str(path), format=fmt)
        return g
    except Exception as exc:  # rdflib raises many parser error types
        raise GraphError(f"{path}: not readable as {fmt}: {type(exc).__name__}: {exc}") from exc
