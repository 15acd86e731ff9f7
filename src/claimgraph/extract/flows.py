"""Alleged flows between actors. (Placeholder until the rules land.)"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from claimgraph.records import Attribution, Claim, Document, Entity, Flow


def extract_flows(
    doc: Doc,
    document: Document,
    entities: Sequence[Entity],
    claims: Sequence[Claim],
    attributions: Sequence[Attribution],
) -> Sequence[Flow]:
    return []
