"""Source kinds: media, document, organization, named_person, anonymous, government, author."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from claimgraph.records import Document, Entity, SourceKind


def source_kind(source: SpacySpan, entity: Entity | None, document: Document) -> SourceKind:
    """Decide the kind of a source phrase (placeholder: named_person for PERSON, else anonymous)."""
    if entity is not None and entity.type == "PERSON":
        return "named_person"
    return "anonymous"
