"""Attributions: who (source) says (cue) what (content), as character spans into the document text.

The rules live in ``attr_rules`` (candidates from the parse), sources are resolved by ``coref`` and
their kind is decided by ``source_kinds``; this module turns candidates into ``Attribution`` records.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from claimgraph.config import Settings
from claimgraph.extract.attr_model import AttributionModel, load_model
from claimgraph.extract.attr_quotes import find_quotes
from claimgraph.extract.attr_rules import Candidate, Char, match
from claimgraph.extract.claims import doc_claim_markers
from claimgraph.extract.coref import PERSON_PRONOUNS, SourceResolver
from claimgraph.extract.source_kinds import can_speak, entity_kind, office_owner, post_kind, source_kind
from claimgraph.records import Attribution, Document, Entity, QuoteType, Source, SourceKind, Span

_QUOTE_MARKS = "\u201c\u201d\u201e\u00ab\u00bb\"`"


def quote_type(text: str, cand: Candidate) -> QuoteType:
    """direct: only quotation (or a block quote); mixed: indirect speech holding quoted words; else indirect."""
    if cand.direct:
        return "direct"
    if cand.rule.startswith("name-colon") and cand.source is not None:
        label = text[cand.source[0] : cand.source[1]]
        if label.isupper() and len(label) > 1:
            return "direct"  # "VOSS: ..." is a transcript line, verbatim; "Sanders: ..." a headline's paraphrase
    for s, e in cand.content:
        if any(ch in _QUOTE_MARKS for ch in text[s:e]) or "''" in text[s:e]:
            return "mixed"
    return "indirect"


def candidates_to_records(
    doc: Doc, document: Document, entities: Sequence[Entity], cands: Sequence[Candidate]
) -> list[Attribution]:
    """Records with checked spans, resolved sources and source kinds."""
    text = document.text
    resolver = SourceResolver(doc, entities)
    by_id = {e.id: e for e in entities}
    out: list[Attribution] = []
    kinds: dict[Char, SourceKind] = {}  # the sources seen so far, with their kinds
    inferences = _authors_inferences(doc, cands)
    cands = [c for k, c in enumerate(cands) if k not in inferences]
    for n, c in enumerate(cands, 1):
        parts = sorted(set(c.content))
        cs, ce = parts[0][0], max(e for _, e in parts)
        content = Span.of(text, cs, ce)
        source = None
        if c.source is not None and c.source[1] > c.source[0]:
            head = doc[c.source_token] if c.source_token is not None else None
            res = resolver.resolve(c.source, head, c.antecedent)
            # a pronoun's kind is its antecedent's: "who" in "a member of the PMU who claimed" is anonymous
            ks, ke = res.antecedent or c.source
            span = doc.char_span(ks, ke, alignment_mode="expand")
            entity = by_id.get(res.entity) if res.entity else None
            kind = source_kind(span, entity, document) if span is not None else "anonymous"
            if kind == "anonymous" and span is not None:
                kind = _owners_kind(span, resolver, by_id) or kind
            if entity is not None and entity.type == "ORG" and text[c.source[0]:c.source[1]].lower() in PERSON_PRONOUNS:
                kind = "named_person"  # "Blais ... she said", Blais typed ORG: "she" took the surname NER mistyped
            if res.antecedent is not None and kind != "named_person":
                # "…, according to three officials who spoke on condition of anonymity. The shipment, they said":
                # a pronoun that stands for an earlier source has the kind read from that source's whole phrase
                # (a name stays a named person: "a spokesman for X, Karim Fenwal, told …; he called")
                kind = next((k for (s, e), k in kinds.items() if s <= res.antecedent[0] and res.antecedent[1] <= e),
                            kind)
            else:
                kinds[c.source] = kind
            source = Source(
                span=Span.of(text, *c.source),
                kind=kind,
                entity=res.entity,
                resolved=Span.of(text, *res.antecedent) if res.antecedent else None,
            )
        out.append(
            Attribution(
                id=f"a{n}",
                source=source,
                cue=Span.of(text, *c.cue) if c.cue else None,
                content=content,
                quote=quote_type(text, c),
                content_parts=tuple(parts) if len(parts) > 1 else (),
                rule=c.rule,
            )
        )
    return out


def _authors_inferences(doc: Doc, cands: Sequence[Candidate]) -> set[int]:
    """The candidates that are the writer arguing, not a source speaking: the cue is part of an inference marker
    and what stands as its source can say nothing ("The timing all but confirms that ..."). The sentence stays
    the author's, and the marker makes it an inference. "American sources all but confirm" stays a report."""
    mute = [k for k, c in enumerate(cands)
            if c.cue is not None and c.source_token is not None and not can_speak(doc[c.source_token])]
    if not mute:
        return set()
    # only documents with such a candidate look for the markers here (the claims stage then reads them off the Doc)
    marked = {i for s, e in doc_claim_markers(doc)["inference_markers.txt"] for i in range(s, e)}
    out = set()
    for k in mute:
        cue = cands[k].cue
        span = doc.char_span(cue[0], cue[1], alignment_mode="expand") if cue is not None else None
        if span is not None and any(t.i in marked for t in span):
            out.add(k)
    return out


def _owners_kind(span: TokenSpan, resolver: SourceResolver, by_id: dict[str, Entity]) -> SourceKind | None:
    """An office or role speaks for its owner: "his office", "Kestrel's spokesman". The owner's kind when that is
    an institution; the government when the owner is a person whose name carries a government post."""
    owner = office_owner(span)
    if owner is None:
        return None
    res = resolver.resolve((owner.idx, owner.idx + len(owner)), owner)
    entity = by_id.get(res.entity) if res.entity else None
    if entity is None:
        return None
    if entity.type == "PERSON":
        return post_kind(span.doc, entity)
    kind = entity_kind(entity)
    return kind if kind != "named_person" else None


def attribution_model(settings: Settings | None = None) -> AttributionModel | None:
    """The trained scorers when the settings ask for them and the weights ship; None means rules only."""
    return load_model() if (settings or Settings()).attribution_model else None


def extract_attributions(
    doc: Doc, document: Document, entities: Sequence[Entity], settings: Settings | None = None
) -> Sequence[Attribution]:
    """Every attribution in the document: quotes, block quotes, indirect speech, 'according to', reporting nouns.

    ``settings.attribution_model`` (on by default) adds the trained scorers to the rules; off, the rules run alone.
    """
    paragraphs = [(p.start, p.end) for p in document.paragraphs]
    block_quotes = [(b.start, b.end) for b in document.block_quotes]
    cands = match(doc, paragraphs, block_quotes, model=attribution_model(settings))
    return candidates_to_records(doc, document, entities, cands)


__all__ = ["attribution_model", "candidates_to_records", "extract_attributions", "find_quotes", "quote_type"]
