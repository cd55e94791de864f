"""Store stage, input: a build's records or Dataset -> ArticleData, what one article writes into the store."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from kg.namespaces import EX_IRI, KGO_IRI, RELATIONS
from kg.store.terms import (
    ACTOR_PREFIX,
    KGS_ACTOR,
    KGS_ARTICLE,
    KGS_COUNT,
    KGS_FINGERPRINT,
    KGS_IRI,
    MENTION_COUNT,
    actor_id_of,
    actor_node,
    article_graph,
    bookkeeping_graph,
    int_literal,
    to_ox,
)

# What several articles may state alike: the asserted relations (`S rel O`) and the happenings
# (`ex:happening/...`, one per relation between two actors at a time, whichever article reports it).
# The store keeps each such statement once, in the default graph, however many articles state it;
# the article graphs keep the mentions. graph.trig repeats them in every article that states them.
RELATION_PREDICATES: frozenset[ox.NamedNode] = frozenset(ox.NamedNode(KGO_IRI + r) for r in RELATIONS)
HAPPENING_PREFIX = EX_IRI + "happening/"
# Part of every fingerprint: a store written with another layout (relations in the article
# graphs before layout 2, happenings before layout 3) has its articles moved by their next build.
LAYOUT = "layout 3: relations and happenings in the default graph"
# An article's bookkeeping graph records the shared statements it makes (with kgs: terms, which no
# query of kgo: terms sees): a statement leaves the default graph when the last article making it goes.
KGS_SUBJECT, KGS_PREDICATE, KGS_OBJECT = (ox.NamedNode(KGS_IRI + n) for n in ("subject", "predicate", "object"))


def shared(subject, predicate: ox.NamedNode) -> bool:
    """Whether a statement of an article graph is one several articles may make (kept once, in the default graph)."""
    return predicate in RELATION_PREDICATES or (isinstance(subject, ox.NamedNode)
                                                and subject.value.startswith(HAPPENING_PREFIX))


@dataclass(frozen=True)
class ArticleData:
    """One article as the store receives it (rdflib terms, as kg.graph makes them).

    Attributes:
        article_id: the file name stem.
        triples: the content of its named graph ``ex:graph/<article_id>``.
        actors: actor id -> how many times the article names it (0 for an actor that is
            only an argument or the publisher).
        descriptions: the default-graph triples describing those actors, without
            ``kgo:mentionCount`` (the store sums that over the articles).
    """

    article_id: str
    triples: tuple[tuple, ...]
    actors: Mapping[str, int]
    descriptions: tuple[tuple, ...]

    def fingerprint(self) -> str:
        """A hash of everything this article writes: equal fingerprints mean nothing to do."""
        lines = [LAYOUT, *sorted(" ".join(str(to_ox(t)) for t in spo) for spo in self.triples)]
        lines.append("--")
        lines += sorted(" ".join(str(to_ox(t)) for t in spo) for spo in self.descriptions)
        lines.append("--")
        lines += [f"{a}\t{n}" for a, n in sorted(self.actors.items())]
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def articles_from_dataset(ds: Dataset, article_ids: Iterable[str],
                          name_counts: Mapping[str, Mapping[str, int]]) -> Iterator[ArticleData]:
    """Split a build's Dataset (kg.graph.build_dataset) into what each article writes, one at a time.

    Args:
        ds: actors in the default graph, each article in ``ex:graph/<id>``.
        article_ids: the articles to take, in order.
        name_counts: article id -> actor id -> name mentions in that article.
    """
    from kg.graph import article_graph_iri

    default = ds.default_graph
    descriptions: dict[str, list[tuple]] = {}  # an actor is described alike in every article of a build

    def described(actor: str) -> list[tuple]:
        if actor not in descriptions:
            node = URIRef(actor_node(actor).value)
            descriptions[actor] = [(node, p, o) for p, o in default.predicate_objects(node)
                                   if str(p) != MENTION_COUNT.value]
        return descriptions[actor]

    def key(spo: tuple) -> tuple:
        return tuple(str(t) for t in spo)

    for aid in article_ids:
        g = ds.graph(article_graph_iri(aid))
        triples = tuple(sorted(g, key=key))
        actors = {a: int(n) for a, n in name_counts.get(aid, {}).items()}
        for spo in triples:
            for t in (spo[0], spo[2]):
                if isinstance(t, URIRef) and str(t).startswith(ACTOR_PREFIX):
                    actors.setdefault(actor_id_of(str(t)), 0)
        desc = [spo for actor in sorted(actors) for spo in described(actor)]
        yield ArticleData(aid, triples, actors, tuple(sorted(desc, key=key)))


def articles_from_build(articles: Iterable, triples: Iterable, entities: Iterable,
                        name_counts: Mapping[str, Mapping[str, int]]) -> Iterator[ArticleData]:
    """What each article writes, straight from a build's records (the same as articles_from_dataset
    on their Dataset, without making one)."""
    from kg.graph import article_graphs, entity_triples

    by_id = {e.id: e for e in entities}
    descriptions: dict[str, list[tuple]] = {}

    def described(actor: str) -> list[tuple]:
        if actor not in descriptions:
            e = by_id.get(actor)
            descriptions[actor] = [] if e is None else [
                spo for spo in entity_triples(e) if str(spo[1]) != MENTION_COUNT.value]
        return descriptions[actor]

    def key(spo: tuple) -> tuple:
        return tuple(str(t) for t in spo)

    for article, spo in article_graphs(articles, triples):
        aid = article.id
        ordered = tuple(sorted(set(spo), key=key))
        actors = {a: int(n) for a, n in name_counts.get(aid, {}).items()}
        for s, _, o in ordered:
            for t in (s, o):
                if isinstance(t, URIRef) and str(t).startswith(ACTOR_PREFIX):
                    actors.setdefault(actor_id_of(str(t)), 0)
        desc = [x for actor in sorted(actors) for x in described(actor)]
        yield ArticleData(aid, ordered, actors, tuple(sorted(desc, key=key)))


def description_quads(data: ArticleData) -> dict[ox.NamedNode, set[ox.Quad]]:
    """Actor -> the default-graph quads the article describes it with (no mention count)."""
    described: dict[ox.NamedNode, set[ox.Quad]] = {}
    for spo in data.descriptions:
        q = ox.Quad(*map(to_ox, spo))
        described.setdefault(q.subject, set()).add(q)
    return described


def written_quads(data: ArticleData, fp: str) -> list[ox.Quad]:
    """An article's quads: its named graph, the shared statements it makes (relations and happenings,
    in the default graph) and its bookkeeping graph (fingerprint, names per actor, its shared statements)."""
    g, bk = article_graph(data.article_id), bookkeeping_graph(data.article_id)
    out = []
    for spo in data.triples:
        s, p, o = map(to_ox, spo)
        if not shared(s, p):
            out.append(ox.Quad(s, p, o, g))
            continue
        out.append(ox.Quad(s, p, o))
        r = ox.NamedNode(f"{bk.value}/shared/{hashlib.sha1(f'{s} {p} {o}'.encode()).hexdigest()[:16]}")
        out += [ox.Quad(r, KGS_SUBJECT, s, bk), ox.Quad(r, KGS_PREDICATE, p, bk), ox.Quad(r, KGS_OBJECT, o, bk)]
    out.append(ox.Quad(bk, KGS_ARTICLE, ox.NamedNode(EX_IRI + "article/" + quote(data.article_id, safe="")), bk))
    out.append(ox.Quad(bk, KGS_FINGERPRINT, ox.Literal(fp), bk))
    for actor, n in sorted(data.actors.items()):
        pair = ox.NamedNode(bk.value + "/actor/" + quote(actor, safe=""))
        out += [ox.Quad(pair, KGS_ACTOR, actor_node(actor), bk), ox.Quad(pair, KGS_COUNT, int_literal(n), bk)]
    return out

