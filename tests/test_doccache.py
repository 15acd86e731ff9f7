"""Per-document lookups computed without walking the whole Doc."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.nlp.doccache import ent_of

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "articles"


@pytest.mark.model
def test_ent_of_is_the_entity_doc_ents_gives_with_its_label(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (SAMPLES / "05_rifles_traced.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    assert len(doc.ents) > 10
    inside = set()
    for ent in doc.ents:
        for tok in ent:
            got = ent_of(tok)
            assert got is not None and (got.start, got.end, got.label_) == (ent.start, ent.end, ent.label_)
            inside.add(tok.i)
    assert all(ent_of(tok) is None for tok in doc if tok.i not in inside)


@pytest.mark.model
def test_ent_of_tells_adjacent_entities_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Yesterday Ilvania paid Kestria.")
    doc.ents = [doc.char_span(10, 17, label="GPE"), doc.char_span(23, 30, label="GPE")]
    a, b = ent_of(doc[1]), ent_of(doc[3])
    assert a is not None and b is not None and (a.text, b.text) == ("Ilvania", "Kestria")
    doc.ents = [doc.char_span(0, 17, label="DATE")]  # one entity over two tokens
    span = ent_of(doc[1])
    assert span is not None and (span.text, span.label_) == ("Yesterday Ilvania", "DATE")
