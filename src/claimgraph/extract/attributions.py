"""Attributions: source, cue, content. (Placeholder until the rules land.)"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from claimgraph.records import Attribution, Document, Entity


def extract_attributions(doc: Doc, document: Document, entities: Sequence[Entity]) -> Sequence[Attribution]:
    return []
