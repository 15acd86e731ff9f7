"""View models for the templates: plain data built from ``claimgraph.query`` records (no SQL here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from claimgraph import query
from claimgraph.records import EVIDENCE_KINDS, FLOW_KINDS

# How an edge is drawn, by the evidence behind it: named, documented or on-the-record sources solid,
# unsourced and anonymous dashed, the author's own inference dotted (the weakest).
EVIDENCE_LINE: dict[str, str] = {
    "document": "solid", "media": "solid", "government": "solid", "organization": "solid", "named_person": "solid",
    "anonymous": "dashed", "author_assertion": "dashed",
    "author_inference": "dotted",
}
# Edge colour by flow kind (also the legend on the graph page).
KIND_COLOUR: dict[str, str] = {
    "weapons": "#c0392b", "money": "#27ae60", "fighters": "#8e44ad", "training": "#d35400",
    "support": "#2980b9", "other": "#7f8c8d",
}
ROLE_ORDER = {"source": 0, "cue": 1, "content": 2}
# Rows on one page of the corpus or actor list: a screenful or two that renders at once, even for thousands.
PAGE_SIZE = 100
# Actors drawn on the flow graph page unless ?limit= says otherwise: cytoscape's cose layout settles a few
# hundred nodes in about a second; past a couple of thousand the tab freezes, hence the maximum.
GRAPH_LIMIT = 300
GRAPH_LIMIT_MAX = 2000


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    role: str | None = None  # "source", "cue", "content" of an attribution, or None
    att: str | None = None


@dataclass(frozen=True, slots=True)
class Region:
    """A claim (or the text between claims) cut into segments by attribution parts."""

    claim: dict[str, Any] | None
    segments: list[Segment] = field(default_factory=list)


def snippet_html(snippet: str) -> Markup:
    """A search snippet: the text escaped first, then the match marks turned into <mark>."""
    text = str(escape(snippet))
    return Markup(text.replace(query.MARK_OPEN, "<mark>").replace(query.MARK_CLOSE, "</mark>"))


def profile_bars(profile: dict[str, int]) -> list[tuple[str, int, float, float]]:
    """(evidence kind, count, x %, width %) for the stacked sourcing-profile bar."""
    total = sum(profile.values()) or 1
    out, x = [], 0.0
    for kind in EVIDENCE_KINDS:
        n = profile.get(kind, 0)
        if n:
            width = 100.0 * n / total
            out.append((kind, n, round(x, 3), round(width, 3)))
            x += width
    return out


def _parts(analysis: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """Every highlighted piece of every attribution: (start, end, role, attribution id)."""
    out = []
    for a in analysis.get("attributions", []):
        src, cue, content = a.get("source") or {}, a.get("cue"), a["content"]
        if "start" in src and src["end"] > src["start"]:
            out.append((src["start"], src["end"], "source", a["id"]))
        if cue:
            out.append((cue["start"], cue["end"], "cue", a["id"]))
        for s, e in content.get("parts") or [[content["start"], content["end"]]]:
            out.append((s, e, "content", a["id"]))
    return out


def document_regions(analysis: dict[str, Any]) -> list[Region]:
    """The cleaned text as claims and gaps, each cut wherever an attribution part starts or ends."""
    text: str = analysis["document"]["text"]
    claims, end = [], 0
    for c in sorted(analysis.get("claims", []), key=lambda c: (c["start"], c["end"])):
        if c["start"] >= end and c["end"] <= len(text):  # an overlapping claim keeps its card, not a highlight
            claims.append(c)
            end = c["end"]
    spans: list[tuple[int, int, dict[str, Any] | None]] = []
    pos = 0
    for c in claims:
        if c["start"] > pos:
            spans.append((pos, c["start"], None))
        spans.append((c["start"], c["end"], c))
        pos = c["end"]
    if pos < len(text):
        spans.append((pos, len(text), None))
    parts = _parts(analysis)
    return [Region(claim, _segments(text, s, e, parts)) for s, e, claim in spans]


def _segments(text: str, start: int, end: int, parts: list[tuple[int, int, str, str]]) -> list[Segment]:
    inside = [p for p in parts if p[0] < end and p[1] > start]
    cuts = sorted({start, end} | {x for p in inside for x in p[:2] if start < x < end})
    out = []
    for a, b in pairwise(cuts):
        covering = [p for p in inside if p[0] <= a and p[1] >= b]
        if covering:  # the most specific piece wins: source over cue over content, then the shortest
            _s, _e, role, att = min(covering, key=lambda p: (ROLE_ORDER[p[2]], p[1] - p[0]))
            out.append(Segment(text[a:b], role, att))
        else:
            out.append(Segment(text[a:b]))
    return out


def graph_json(graph: query.Graph) -> dict[str, Any]:
    """Cytoscape elements: actors as nodes, flows as edges with their drawing style and provenance."""
    nodes = [{"data": {"id": f"a{a.id}", "label": a.name, "type": a.type, "url": f"/actor/{a.id}"}}
             for a in graph.nodes]
    edges = []
    for e in graph.edges:
        evidence = e.evidence or "author_assertion"
        edges.append({"data": {
            "id": f"{e.doc_id[:12]}-{e.id}", "source": f"a{e.source_actor}", "target": f"a{e.target_actor}",
            "kind": e.kind, "evidence": evidence, "line": EVIDENCE_LINE.get(evidence, "dashed"),
            "colour": KIND_COLOUR.get(e.kind, KIND_COLOUR["other"]), "claim": e.claim_text or "",
            "claimed_by": e.claimed_by or "", "source_name": e.source_name, "target_name": e.target_name,
            "doc_title": e.doc_title or e.doc_id[:12], "hedged": e.hedged, "denied": e.denied,
            "url": f"/doc/{e.doc_id}" + (f"#claim-{e.claim_id}" if e.claim_id else ""),
        }})
    return {"nodes": nodes, "edges": edges, "total_nodes": graph.total_nodes, "total_edges": graph.total_edges,
            "truncated": graph.truncated}


@dataclass(frozen=True, slots=True)
class Pager:
    """Where one page of ``total`` items sits: its number, the last page, the 1-based items it shows."""

    page: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def first(self) -> int:
        return min(self.offset + 1, self.total)

    @property
    def last(self) -> int:
        return min(self.offset + self.size, self.total)


FILTERS = {"kinds": FLOW_KINDS, "evidence": EVIDENCE_KINDS}
