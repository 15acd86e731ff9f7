"""Actors: spaCy NER plus rules, aliases merged inside the document. (Placeholder: plain NER.)"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from claimgraph.records import Document, Entity, Mention

KEEP = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}


def extract_entities(doc: Doc, document: Document) -> Sequence[Entity]:
    """One entity per distinct entity text (no alias merging yet)."""
    by_name: dict[tuple[str, str], list[Mention]] = {}
    for ent in doc.ents:
        if ent.label_ not in KEEP:
            continue
        m = Mention(ent.start_char, ent.end_char, ent.text, ent.label_)
        by_name.setdefault((ent.text, ent.label_), []).append(m)
    return [
        Entity(id=f"e{i}", name=name, type=label, mentions=tuple(ms))
        for i, ((name, label), ms) in enumerate(by_name.items(), 1)
    ]
