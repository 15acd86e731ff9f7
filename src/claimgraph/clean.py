"""Cleaning: RawDocument -> Document, text that every offset points into, with a map back."""

from __future__ import annotations

from claimgraph.records import Document, RawDocument


def raw_document(raw: RawDocument) -> Document:
    """No cleaning at all: ``document.text`` equals the input text (``--raw``)."""
    return Document(
        doc_id=raw.doc_id,
        text=raw.text,
        source_offsets=tuple(range(len(raw.text) + 1)),
        path=raw.path,
        media_type=raw.media_type,
        title=raw.title,
        byline=raw.byline,
        published=raw.published,
    )


def clean(raw: RawDocument) -> Document:
    """Placeholder: identity until the cleaning rules land."""
    return raw_document(raw)
