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


@pytest.mark.model
def test_every_line_starts_a_sentence_and_a_forced_start_keeps_its_next_word(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Rifles traced to Ilvania\nCustoms officials said the crates were relabelled.\n\nThe ministry denied it."
    doc = nlp(text)
    starts = [t.text for t in doc if t.is_sent_start and not t.is_space]
    assert starts == ["Rifles", "Customs", "The"]
    # the parser, told that "Customs" starts a sentence, does not close it after one word
    assert not doc[[t.text for t in doc].index("officials")].is_sent_start


def test_line_starts_are_set_before_the_parser_without_one() -> None:
    import spacy

    from claimgraph.nlp.components import paragraph_starts

    nlp = spacy.blank("en")
    doc = paragraph_starts(nlp("One line here\nSecond line\n\nThird"))
    assert [t.text for t in doc if t.is_sent_start] == ["One", "Second", "Third"]
    assert doc[[t.text for t in doc].index("line", 3)].is_sent_start is False
