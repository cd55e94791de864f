"""Render stage, the view's records: what the analyst's page shows, as frozen data free of markup.

`kg.render.from_rdf` fills them from a graph; `kg.render.page` writes them into the HTML page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kg.languages import LANGUAGES
from kg.model import ASSERTING, MODALITIES
from kg.namespaces import EX_IRI, RELATIONS, SYMMETRIC

__all__ = ["ASSERTING", "CLASSES", "DEFAULT_SIZE_BY", "MEASURES", "MODALITIES", "RELATIONS", "SYMMETRIC", "EdgeView",
           "HappeningView", "MentionView", "NodeView", "View", "ViewMeta", "compact_iri"]

# Most specific first: an actor typed both Region and Place is shown as a Region.
CLASSES: tuple[str, ...] = (
    "Person",
    "Country",
    "Organization",
    "Region",
    "Place",
    "Event",
    "Project",
    "Actor",
)
MEASURES: tuple[str, ...] = ("degree", "pagerank", "betweenness")
# What an analyst reads as central is the actor in the most relations. PageRank over directed
# relations ranks by what is received: the president who visits, invites and meets ten others
# and is named as the object of none comes out smallest.
DEFAULT_SIZE_BY = "degree"


@dataclass(frozen=True)
class HappeningView:
    """The dated occurrence a sentence tells of (`kgo:Happening`), which other sentences may report too."""

    id: str  # the happening's IRI: the sentences with the same one tell of the same occurrence
    date: str  # as precise as the texts give: YYYY-MM-DD, YYYY-MM or YYYY; "" when the graph gives none
    from_report: bool = False  # no text dates it: the report's own date stands in (kgo:dateFromReport)
    place: str = ""  # the IRI of the actor where it happens, "" when no text names one
    part_of: str = ""  # the IRI of the happening it belongs to (talks held at a meeting), ""


@dataclass(frozen=True)
class MentionView:
    """One sentence that states an edge, with where it comes from and what it claims."""

    evidence: str
    article_id: str
    date: str  # ISO date of the article, "" when unknown
    lang: str  # language of the source sentence/article, "" when unknown
    confidence: float | None = None
    extractor: str = ""
    char_start: int | None = None
    char_end: int | None = None
    modality: str = "Asserted"  # one of MODALITIES: how the sentence presents the relation
    speaker: str = ""  # the IRI of the actor whose words the sentence reports, "" when none
    happening: HappeningView | None = None  # what it reports, for a dated happening's relation


@dataclass(frozen=True)
class NodeView:
    """One actor as drawn: its names, class, size and centralities."""

    id: str  # the actor's IRI
    labels: Mapping[str, str] = field(hash=False)  # lang -> canonical label
    names: tuple[str, ...]  # every label and altLabel, any language, deduplicated
    type: str  # one of CLASSES
    size: float  # vis-network dot radius in pixels, from the chosen centrality
    centrality: Mapping[str, float] = field(hash=False)  # measure -> value


@dataclass(frozen=True)
class EdgeView:
    """One asserted relation between two actors, with every supporting mention."""

    id: str
    source: str  # `from` in vis-network; a symmetric relation's ends are sorted
    target: str
    relation: str
    symmetric: bool
    width: int  # number of supporting mentions
    mentions: tuple[MentionView, ...]
    # the strongest modality of its mentions in MODALITIES' order (Asserted with none): a relation the graph
    # asserts is Asserted or Planned; a Hypothetical or Denied one is no relation and is drawn only on request
    modality: str = "Asserted"

    @property
    def asserted(self) -> bool:
        """Whether the edge is a relation: a sentence states it as fact or as planned."""
        return self.modality in ASSERTING


@dataclass(frozen=True)
class ViewMeta:
    """What the page needs to build its controls, and whether the view was cut."""

    date_min: str
    date_max: str
    dates: tuple[str, ...]  # distinct article dates of the shown mentions, sorted
    relations: tuple[str, ...]
    classes: tuple[str, ...]
    languages: tuple[str, ...]
    label_lang: str
    size_by: str
    truncated: bool
    total_nodes: int
    total_edges: int  # relations (edges that are asserted), before truncation
    max_nodes: int
    confidences: tuple[float, ...] = ()  # distinct confidences of the shown mentions, ascending
    # name -> language code -> label, as ontology/kg.ttl gives them (the page's names of relations and classes)
    relation_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict, hash=False)
    class_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict, hash=False)
    modality_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict, hash=False)
    total_unasserted: int = 0  # edges only Hypothetical or Denied sentences tell of, before truncation


@dataclass(frozen=True)
class View:
    """Everything the HTML page shows, free of markup."""

    nodes: tuple[NodeView, ...]
    edges: tuple[EdgeView, ...]
    meta: ViewMeta
    # IRI -> language code -> label of every actor a shown sentence names as its speaker or its happening's
    # place, drawn or not (a speaker is seldom in a relation, and truncation may leave one out)
    mention_actors: Mapping[str, Mapping[str, str]] = field(default_factory=dict, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the plain-JSON form the page reads (vis-network's `from`/`to` names for edge ends).

        Actor IRIs in the project's namespace are written as `ex:actor/<slug>`: shorter, and the page
        then holds no address that looks like something to load.
        """
        _c = compact_iri
        return {
            "nodes": [
                {
                    "id": _c(n.id),
                    "labels": dict(n.labels),
                    "names": list(n.names),
                    "type": n.type,
                    "size": n.size,
                    "centrality": dict(n.centrality),
                }
                for n in self.nodes
            ],
            "edges": [
                {
                    "id": e.id,
                    "from": _c(e.source),
                    "to": _c(e.target),
                    "relation": e.relation,
                    "symmetric": e.symmetric,
                    "width": e.width,
                    "modality": e.modality,
                    "mentions": [_mention_dict(m) for m in e.mentions],
                }
                for e in self.edges
            ],
            "mentionActors": {_c(a): dict(labels) for a, labels in self.mention_actors.items()},
            "meta": {
                "dateMin": self.meta.date_min,
                "dateMax": self.meta.date_max,
                "dates": list(self.meta.dates),
                "confidences": list(self.meta.confidences),
                "relations": list(self.meta.relations),
                "relationLabels": {r: dict(v) for r, v in self.meta.relation_labels.items()},
                "classLabels": {c: dict(v) for c, v in self.meta.class_labels.items()},
                "modalities": list(MODALITIES),
                "asserting": sorted(ASSERTING),
                "modalityLabels": {m: dict(v) for m, v in self.meta.modality_labels.items()},
                "symmetric": sorted(SYMMETRIC),
                "classes": list(self.meta.classes),
                "languages": list(self.meta.languages),
                # the language table, in label fallback order: names for the menus and the filter
                "languageTable": [{"code": lang.code, "name": lang.name, "native": lang.native}
                                  for lang in LANGUAGES],
                "labelLang": self.meta.label_lang,
                "sizeBy": self.meta.size_by,
                "truncated": self.meta.truncated,
                "totalNodes": self.meta.total_nodes,
                "totalEdges": self.meta.total_edges,
                "totalUnasserted": self.meta.total_unasserted,
                "shownNodes": len(self.nodes),
                "shownEdges": len(self.edges),
                "maxNodes": self.meta.max_nodes,
            },
        }


def _mention_dict(m: MentionView) -> dict[str, Any]:
    h = m.happening
    return {
        "evidence": m.evidence,
        "article": m.article_id,
        "date": m.date,
        "lang": m.lang,
        "confidence": m.confidence,
        "extractor": m.extractor,
        "charStart": m.char_start,
        "charEnd": m.char_end,
        "modality": m.modality,
        "speaker": compact_iri(m.speaker) if m.speaker else None,
        "happening": None if h is None else {
            "id": compact_iri(h.id),
            "date": h.date,
            "fromReport": h.from_report,
            "place": compact_iri(h.place) if h.place else None,
            "partOf": compact_iri(h.part_of) if h.part_of else None,
        },
    }


def compact_iri(iri: str) -> str:
    """Return `iri` as `ex:<rest>` when it is in the project's id namespace, else unchanged.

    Example:
        >>> compact_iri("https://w3id.org/kgpol/id/actor/tokayev")
        'ex:actor/tokayev'
    """
    return "ex:" + iri[len(EX_IRI) :] if iri.startswith(EX_IRI) else iri
