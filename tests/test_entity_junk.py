"""Junk that NER hands over as actors: lowercase words, HTML attributes, the last word of a title."""

from __future__ import annotations

import pytest

from claimgraph.extract.entities import extract_entities
from claimgraph.records import Document


def _mentions(nlp, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    document = Document(doc_id="t", text=text, source_map=((0, 0, len(text)),))
    return {m.text for e in extract_entities(nlp(text), document) for m in e.mentions}


@pytest.mark.model
def test_lowercase_ner_spans_in_a_cased_text_are_no_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mira Voss said the mosques were full and the camel looked gaunt, while jihadist and nativist "
        "groups spoke of bush fires in Kestria."
    )
    found = _mentions(nlp, text)
    assert {"Mira Voss", "Kestria"} <= found
    assert not {m for m in found if not any(ch.isupper() for ch in m)}, found


@pytest.mark.model
def test_lowercase_handles_and_hashtags_are_kept(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Omar Vell was tried in absentia, and #freevell trended while @vossmira wrote that the trial was a sham."
    found = _mentions(nlp, text)
    assert "absentia" not in found
    assert {"@vossmira", "freevell"} <= found  # the tokenizer splits "#" from the tag: NER's span is "freevell"


@pytest.mark.model
def test_a_text_written_without_capitals_keeps_its_lowercase_names(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Omar Vell met Mira Voss in Kestria, where the mosques were full."
    assert "mosques" not in _mentions(nlp, text)
    assert {"omar vell", "mira voss", "kestria"} <= _mentions(nlp, text.lower())


@pytest.mark.parametrize(
    ("text", "cased"),
    [
        ("Mira Voss left. she came back at noon. Kestria is calm.", True),  # one lowercase start is a slip
        ("mira voss left. she came back. @Kestria and the NMB said so.", False),  # a few capitals inside
        ("", True),
    ],
)
def test_a_text_is_cased_when_most_sentences_start_with_a_capital(text: str, cased: bool) -> None:
    from claimgraph.extract import actor_rules as ar

    assert ar.text_is_cased(text) is cased


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ('Posted <time datetime="2016-05-01">May 1</time> in Kestria.', 13, 27),  # NER's 'datetime="2016'
        ("Kestria is n\u2019t calm.", 11, 14),  # "n’t" with a curly apostrophe, read as a place
    ],
)
def test_html_attributes_and_word_pieces_are_no_actors(text: str, start: int, end: int) -> None:
    from claimgraph.extract import actor_rules as ar
    from claimgraph.extract.actor_lexicons import actor_lexicons

    assert ar.trim(ar.make(text, start, end, "GPE", "ner"), text, actor_lexicons()) is None


@pytest.mark.model
def test_the_last_word_of_a_title_is_no_organisation(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Secretary of State John Kerry met Omar Vell in Geneva, and secretary of defense Mira Voss joined "
        "them. A State Department spokesman said the talks went well."
    )
    found = _mentions(nlp, text)
    assert {"John Kerry", "State Department"} <= found
    assert "State" not in found


@pytest.mark.parametrize(
    ("dropped", "kept", "span"),
    [
        # "of State" alone, or after a head that is no title in the lexicon, is a name's part
        ("Secretary of State Mira Voss spoke.", "The Department of State said so.", "State"),
        ("Secretary of State Mira Voss spoke.", "Chief of State Mira Voss spoke.", "State"),
        ("The Secretary of Defense said so.", "The Defense Department said so.", "Defense"),
    ],
)
def test_a_title_tail_is_dropped_only_after_the_titles_head(dropped: str, kept: str, span: str) -> None:
    from claimgraph.extract import actor_rules as ar
    from claimgraph.extract.actor_lexicons import actor_lexicons

    for text, survives in ((dropped, False), (kept, True)):
        start = text.index(span)
        c = ar.trim(ar.make(text, start, start + len(span), "ORG", "ner"), text, actor_lexicons())
        assert (c is not None) is survives, text


@pytest.mark.parametrize(
    ("dropped", "kept", "span"),
    [
        # a portfolio written before "Minister" or "Secretary" is the title's first word, not a ministry
        ("Interior Minister Mira Voss spoke.", "The Interior Ministry said so.", "Interior"),
        ("Foreign Secretary Omar Vell spoke.", "Foreign Secretaries met.", "Foreign"),
    ],
)
def test_a_title_head_is_dropped_only_before_the_rest_of_the_title(dropped: str, kept: str, span: str) -> None:
    from claimgraph.extract import actor_rules as ar
    from claimgraph.extract.actor_lexicons import actor_lexicons

    for text, survives in ((dropped, False), (kept, True)):
        start = text.index(span)
        c = ar.trim(ar.make(text, start, start + len(span), "ORG", "ner"), text, actor_lexicons())
        assert (c is not None) is survives, text


@pytest.mark.model
def test_a_suffix_after_a_comma_belongs_to_the_name_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The senator has three children: Omar Vell, Jr., 38; Dana, 34; and Mira Vell, 32. Omar Vell spoke later."
    document = Document(doc_id="t", text=text, source_map=((0, 0, len(text)),))
    names = {e.name for e in extract_entities(nlp(text), document)}
    assert "Omar Vell, Jr." in names and "Omar Vell" in names  # the son is not the father
    assert not {n for n in names if n.strip(".").lower() == "jr"}


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Korvania's Foreign Minister, Ilan Petrovic, said the rifles were sold legally.",
        "The Foreign Minister, Ilan Petrovic, said the rifles were sold legally.",
        "Korvania's Foreign Minister, Ilan Petrovic, denied sending any weapons to Tessaly.",  # a flow's end
    ],
)
def test_a_whole_title_is_no_actor(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    found = _mentions(nlp, text)
    assert "Ilan Petrovic" in found
    assert "Foreign Minister" not in found
