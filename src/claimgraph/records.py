"""Typed records that flow between the stages: small, frozen, hashable, picklable.

Every span is half-open ``[start, end)`` into ``Document.text`` and can check
itself against that text. ``to_json`` functions write the analysis JSON of
``shared/eval/CONTRACT.md`` (plus our own extra fields).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

SourceKind = Literal["media", "document", "organization", "named_person", "anonymous", "government", "author"]
Evidence = Literal[
    "media",
    "document",
    "organization",
    "named_person",
    "anonymous",
    "government",
    "author_assertion",
    "author_inference",
]
QuoteType = Literal["direct", "indirect", "mixed"]
FlowKind = Literal["weapons", "money", "fighters", "training", "support", "other"]

# The value lists, in order, read off the Literal types so they are written once.
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
EVIDENCE_KINDS: tuple[str, ...] = get_args(Evidence)
FLOW_KINDS: tuple[str, ...] = get_args(FlowKind)


class SpanError(ValueError):
    """A span does not hold the text it claims to hold."""


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range of ``Document.text`` and the text it holds."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def check(self, text: str) -> None:
        if text[self.start : self.end] != self.text:
            raise SpanError(
                f"span [{self.start}:{self.end}] holds {text[self.start : self.end]!r:.60}, not {self.text!r:.60}"
            )

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader made of an input file, before cleaning.

    ``text`` is the extracted text: the decoded file for plain text; for HTML and
    PDF the text the reader rebuilt from the markup or the pages.
    """

    doc_id: str  # sha256 of the input bytes
    path: str | None
    media_type: str  # "text/plain", "text/html", "application/pdf"
    text: str
    encoding: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    site: str | None = None
    # HTML: [start, end) in ``text`` of the paragraphs that stood in a <blockquote>
    block_quotes: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Emphasis:
    """Where markdown emphasis asterisks were removed: ``*The Cradle*`` -> span of ``The Cradle``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """Clean text that every offset points into, with what cleaning found.

    ``source_map`` maps ``text`` back to ``RawDocument.text`` as runs
    ``(start, source_start, length)``: ``text[start:start+length]`` was copied from
    ``raw.text[source_start:source_start+length]`` (up to the changes cleaning makes
    in place, such as a line break turned into a space). Characters cleaning
    inserted lie between runs and map to the next run's source start.
    Runs, not one int per character: a 50 MB input must not cost gigabytes.
    """

    doc_id: str
    text: str
    source_map: tuple[tuple[int, int, int], ...]
    path: str | None = None
    media_type: str = "text/plain"
    title: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    published: str | None = None
    republished: str | None = None
    headings: tuple[Span, ...] = ()
    block_quotes: tuple[Span, ...] = ()  # paragraphs after a lead-in ending in ':', and an HTML page's <blockquote>s
    paragraphs: tuple[Span, ...] = ()
    emphasis: tuple[Emphasis, ...] = ()
    body_start: int = 0  # offset where the body (after title/standfirst/byline) begins
    language: str = "en"

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def to_source(self, offset: int) -> int:
        """The offset in the input text of ``text[offset]`` (or of the end, for ``len(text)``)."""
        runs = self.source_map
        if not runs:
            return offset
        lo, hi = 0, len(runs)
        while lo < hi:  # last run starting at or before offset
            mid = (lo + hi) // 2
            if runs[mid][0] <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo == 0:
            return runs[0][1]
        start, src, length = runs[lo - 1]
        if offset < start + length:
            return src + offset - start
        if lo < len(runs):  # an inserted character: it stands where the next run starts
            return runs[lo][1]
        return src + length

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.doc_id,
            "path": self.path,
            "media_type": self.media_type,
            "text": self.text,
            "source_map": [list(r) for r in self.source_map],
            "title": self.title,
            "standfirst": self.standfirst,
            "byline": self.byline,
            "published": self.published,
            "republished": self.republished,
            "headings": [h.to_json() for h in self.headings],
            "block_quotes": [b.to_json() for b in self.block_quotes],
            "paragraphs": [p.to_json() for p in self.paragraphs],
            "emphasis": [{"text": e.text, "start": e.start, "end": e.end} for e in self.emphasis],
            "body_start": self.body_start,
            "language": self.language,
        }


# Labels of mentions that stand for an actor without naming it, never listed among its names: a description
# ("former Ukraine president, NAME", "one resident speaking with X"), a word referring back ("the city", "they").
DESCRIPTION_LABEL = "DESCRIPTION"
REFERENCE_LABEL = "REFERENCE"
NAMELESS_LABELS = frozenset({DESCRIPTION_LABEL, REFERENCE_LABEL})
# The name given to an unnamed source from its own phrase ("member of X", "resident of the village").
SOURCE_NAME_LABEL = "SOURCE"


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str = ""  # spaCy or rule label that found it

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor: canonical name, type, every mention and the aliases it is known by."""

    id: str
    name: str
    type: str  # PERSON, ORG, GPE, NORP, MEDIA, ...
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()

    @property
    def unnamed(self) -> bool:
        """Known only by descriptions and references (an anonymous source): no name to match across documents."""
        return bool(self.mentions) and all(m.label in NAMELESS_LABELS or m.label == SOURCE_NAME_LABEL
                                           for m in self.mentions)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Source:
    span: Span
    kind: SourceKind
    entity: str | None = None  # entity id the source resolves to
    resolved: Span | None = None  # the antecedent a pronoun/surname/"the latter" resolved to

    @property
    def named_as(self) -> str:
        """Who claims, in the text's words: the antecedent for "who", "they", "the latter", else the phrase."""
        return (self.resolved or self.span).text

    def to_json(self) -> dict[str, Any]:
        out = self.span.to_json() | {"entity": self.entity, "kind": self.kind}
        if self.resolved is not None:
            out["resolved"] = self.resolved.to_json()
        return out


@dataclass(frozen=True, slots=True)
class Attribution:
    id: str
    source: Source | None  # None: a source-less attribution ("it was reported that")
    cue: Span | None
    content: Span
    quote: QuoteType
    content_parts: tuple[tuple[int, int], ...] = ()  # pieces when a quote is split by its cue
    rule: str = ""  # which rule produced it, for debugging and the UI

    def check(self, text: str) -> None:
        """Raise SpanError unless content, cue and source each hold their text."""
        self.content.check(text)
        if self.cue:
            self.cue.check(text)
        if self.source:
            self.source.span.check(text)

    def to_json(self) -> dict[str, Any]:
        content = self.content.to_json()
        if self.content_parts:
            content["parts"] = [list(p) for p in self.content_parts]
        source = (
            self.source.to_json()
            if self.source is not None
            else {
                "text": "",
                "start": self.content.start,
                "end": self.content.start,
                "entity": None,
                "kind": "anonymous",
            }
        )
        if self.source is None:
            source.pop("start")
            source.pop("end")
        return {
            "id": self.id,
            "source": source,
            "cue": self.cue.to_json() if self.cue else None,
            "content": content,
            "quote": self.quote,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    span: Span
    attribution: str | None
    evidence: Evidence
    marker: Span | None = None  # the inference marker that decided author_inference
    source: str | None = None  # source text, copied for convenience
    hedged: bool = False
    denied: bool = False
    parts: tuple[tuple[int, int], ...] = ()  # the claim's own pieces when other content sits inside its span

    def to_json(self) -> dict[str, Any]:
        out = self.span.to_json() | {
            "id": self.id,
            "attribution": self.attribution,
            "evidence": self.evidence,
            "marker": self.marker.to_json() if self.marker else None,
            "hedged": self.hedged,
            "denied": self.denied,
        }
        if self.parts:
            out["parts"] = [list(p) for p in self.parts]
        return out


@dataclass(frozen=True, slots=True)
class Flow:
    id: str
    kind: FlowKind
    source: str  # entity id
    target: str  # entity id
    claim: str | None
    trigger: Span
    item: Span | None = None
    via: tuple[str, ...] = ()  # intermediary entity ids
    places: tuple[Span, ...] = ()
    time: Span | None = None
    evidence: str | None = None
    source_text: str | None = None  # who the claim is attributed to
    hedged: bool = False
    denied: bool = False
    # every statement of the same flow in the document (first one above): claim ids and triggers
    claims: tuple[str, ...] = ()
    triggers: tuple[Span, ...] = ()
    # an end the text names only through a firm the state owns ("Venezuela's state-run PDVSA sold ..."):
    # the firm's entity id and which end ("source" or "target") is its owning state. Such a flow is
    # claimgraph's reading, not the article's words.
    owned_firm: str | None = None
    owner_end: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "source": self.source,
            "target": self.target,
            "claim": self.claim,
            "trigger": self.trigger.to_json(),
            "item": self.item.to_json() if self.item else None,
            "via": list(self.via),
            "places": [p.to_json() for p in self.places],
            "time": self.time.to_json() if self.time else None,
            "evidence": self.evidence,
            "claimed_by": self.source_text,
            "hedged": self.hedged,
            "denied": self.denied,
            "claims": list(self.claims),
            "triggers": [t.to_json() for t in self.triggers],
            "owned_firm": self.owned_firm,
            "owner_end": self.owner_end,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything claimgraph found in one document."""

    document: Document
    entities: tuple[Entity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    claims: tuple[Claim, ...] = ()
    flows: tuple[Flow, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def sourcing_profile(self) -> dict[str, int]:
        """How many claims rest on each kind of evidence (every kind present, zeros included)."""
        counts = dict.fromkeys(EVIDENCE_KINDS, 0)
        for c in self.claims:
            counts[c.evidence] = counts.get(c.evidence, 0) + 1
        return counts

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": "claimgraph-analysis@1",
            "document": self.document.to_json(),
            "entities": [e.to_json() for e in self.entities],
            "attributions": [a.to_json() for a in self.attributions],
            "claims": [c.to_json() for c in self.claims],
            "flows": [f.to_json() for f in self.flows],
            "sourcing_profile": self.sourcing_profile(),
            "meta": self.meta,
        }
