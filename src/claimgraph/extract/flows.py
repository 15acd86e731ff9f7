"""Alleged flows between actors: weapons, money, fighters, training, support.

The frames come from :mod:`claimgraph.extract.flow_rules` (one pass over the parse, shared with the
entities stage); here their ends become entity ids and each flow is tied to the claim whose span
holds its trigger, from which it takes the evidence kind, who claims it, and hedged/denied; the frame adds its
own ("agreed to supply" is hedged, "never armed" or "... but the shipment never arrived" denied).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from claimgraph.extract.actor_lexicons import actor_lexicons
from claimgraph.extract.entities import token_entities
from claimgraph.extract.flow_rules import SPEAKER_PRONOUNS, SPEAKER_SELF, find_frames, resolve_end, speaker_bodies
from claimgraph.records import FLOW_KINDS, Attribution, Claim, Document, Entity, Flow, FlowKind, Span


def _claim_at(claims: Sequence[Claim], starts: list[int], offset: int) -> Claim | None:
    """The innermost claim whose span holds ``offset`` (claims sorted by start)."""
    best: Claim | None = None
    i = bisect.bisect_right(starts, offset)
    for c in reversed(claims[:i]):
        if c.span.start <= offset < c.span.end and (best is None or c.span.end - c.span.start < best.span.end -
                                                     best.span.start):
            best = c
        if best is not None and c.span.end <= offset and c.span.start < best.span.start - 2000:
            break
    return best


def _quoted_speaker(
    doc: Doc,
    claim: Claim | None,
    by_id: dict[str, Attribution],
    entities: Sequence[Entity],
    tok_ent: Sequence[str | None],
    types: dict[str, str],
) -> Callable[[int], list[str]]:
    """For the ends of a frame under ``claim``: "we"/"us" inside a direct quote stands for the body its speaker
    speaks for ("'We never took a rifle from X,' the brigade's commander said": the brigade), "I"/"me" for the
    speaker ("'I got one check from X,' she said": the actor "she" resolves to); [] for others."""
    a = by_id.get(claim.attribution) if claim is not None and claim.attribution else None
    if a is None or a.quote == "indirect" or a.source is None:
        return lambda i: []
    source = a.source
    parts = a.content_parts or ((a.content.start, a.content.end),)
    bodies: list[str] | None = None

    def ends(i: int) -> list[str]:
        nonlocal bodies
        tok = doc[i]
        if tok.pos_ != "PRON" or not any(s <= tok.idx < e for s, e in parts):
            return []
        if tok.lower_ in SPEAKER_SELF:
            return [source.entity] if source.entity is not None else []
        if tok.lower_ not in SPEAKER_PRONOUNS or tok.text == "US":  # "US" is the United States, whatever the tagger
            return []
        if bodies is None:
            spans = [(source.span.start, source.span.end)]
            if source.resolved is not None:
                spans.append((source.resolved.start, source.resolved.end))
            spans += [(m.start, m.end) for e in entities if e.id == source.entity for m in e.mentions
                      if m.start < a.content.end]
            bodies = speaker_bodies(doc, spans, source.entity, tok_ent, types, actor_lexicons())
        return bodies

    return ends


def extract_flows(
    doc: Doc,
    document: Document,
    entities: Sequence[Entity],
    claims: Sequence[Claim],
    attributions: Sequence[Attribution],
) -> Sequence[Flow]:
    """One Flow per (source actor, target actor) of each frame; ends that name no actor are dropped."""
    alex = actor_lexicons()
    text = document.text
    tok_ent, types = token_entities(doc, entities)
    by_id = {a.id: a for a in attributions}
    sorted_claims = sorted(claims, key=lambda c: c.span.start)
    starts = [c.span.start for c in sorted_claims]
    flows: list[Flow] = []
    # One flow per (kind, source, target, denied): each further statement adds its claim and trigger.
    index: dict[tuple[str, str, str, bool], int] = {}
    for fr in find_frames(doc):
        claim = _claim_at(sorted_claims, starts, fr.trigger[0])
        quoted = _quoted_speaker(doc, claim, by_id, entities, tok_ent, types)
        sources = [e for i in fr.sources for e in quoted(i) or resolve_end(doc[i], tok_ent, types, alex)]
        avoid = frozenset(sources)
        targets: list[str] = []
        for i in fr.targets:
            own = tok_ent[i] if fr.own_targets else None  # "self-funded his campaign": the campaign, not its owner
            targets += [own] if own is not None else quoted(i) or resolve_end(doc[i], tok_ent, types, alex,
                                                                              avoid=avoid)
        via = tuple(dict.fromkeys(e for i in fr.via for e in resolve_end(doc[i], tok_ent, types, alex)))
        source_text = None
        if claim is not None:
            source_text = claim.source
            if source_text is None and claim.attribution and (a := by_id.get(claim.attribution)) and a.source:
                source_text = a.source.named_as
        kind: FlowKind = fr.kind if fr.kind in FLOW_KINDS else "other"  # type: ignore[assignment]
        denied = (claim.denied if claim else False) or fr.negated  # "never armed", "the shipment never arrived"
        trigger = Span.of(text, *fr.trigger)
        # a state added as a state-owned firm's owner: the firm it stands for
        firms = {st: f for st_i, firm_i in fr.owners
                 for st in resolve_end(doc[st_i], tok_ent, types, alex)
                 for f in resolve_end(doc[firm_i], tok_ent, types, alex)[:1]}
        for s in dict.fromkeys(sources):
            for t in dict.fromkeys(targets):
                if s == t:
                    continue
                key = (kind, s, t, denied)
                if key in index:
                    prev = flows[index[key]]
                    if trigger not in prev.triggers:
                        flows[index[key]] = replace(
                            prev,
                            claims=prev.claims + ((claim.id,) if claim and claim.id not in prev.claims else ()),
                            triggers=(*prev.triggers, trigger),
                            hedged=prev.hedged and ((claim.hedged if claim else False) or fr.hedged),
                            item=prev.item or (Span.of(text, *fr.item) if fr.item else None),
                            time=prev.time or (Span.of(text, *fr.time) if fr.time else None),
                        )
                    continue
                index[key] = len(flows)
                flows.append(
                    Flow(
                        id=f"f{len(flows) + 1}",
                        kind=kind,
                        source=s,
                        target=t,
                        claim=claim.id if claim else None,
                        trigger=trigger,
                        item=Span.of(text, *fr.item) if fr.item else None,
                        via=tuple(v for v in via if v not in (s, t)),
                        places=tuple(Span.of(text, *p) for p in fr.places),
                        time=Span.of(text, *fr.time) if fr.time else None,
                        evidence=claim.evidence if claim else None,
                        source_text=source_text,
                        hedged=(claim.hedged if claim else False) or fr.hedged,
                        denied=denied,
                        claims=(claim.id,) if claim else (),
                        triggers=(trigger,),
                        owned_firm=firms.get(s) or firms.get(t),
                        owner_end="source" if s in firms else "target" if t in firms else None,
                    )
                )
    return flows
