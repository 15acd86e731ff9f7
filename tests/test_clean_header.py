"""Cleaning: a header of short lines (title, byline, date) one newline apart, in any order."""

from __future__ import annotations

import pytest

from claimgraph.clean import clean
from claimgraph.records import Document
from tests.test_clean import make_raw

TITLE = "The Ledger of Tal Haroun"
BODY = (
    "In the summer of 2023, the Kestrian Defence Ministry quietly shipped two hundred crates of spare parts"
    " to a trading house in Tal Haroun, customs papers seen by this newspaper show.\n\n"
    "The trading house, which had never handled military goods before, sold the parts on within a week.\n"
)
# the same body hard-wrapped: lines of one paragraph joined by single newlines
WRAPPED_BODY = (
    "In the summer of 2023, the Kestrian Defence Ministry quietly\n"
    "shipped two hundred crates of spare parts to a trading house\n"
    "in Tal Haroun, customs papers seen by this newspaper show.\n\n"
    "The trading house, which had never handled military goods\n"
    "before, sold the parts on within a week.\n"
)
FIRST_SENTENCE = (
    "In the summer of 2023, the Kestrian Defence Ministry quietly shipped two hundred crates of spare parts"
    " to a trading house in Tal Haroun, customs papers seen by this newspaper show."
)


def assert_anchored(doc: Document, source: str) -> None:
    """Every span holds its text and every kept character maps back to the same one in the input."""
    for s in (*doc.paragraphs, *doc.headings, *doc.block_quotes, *doc.emphasis):
        assert doc.text[s.start : s.end] == s.text
    for start, src, n in doc.source_map:
        assert doc.text[start : start + n] == source[src : src + n]


def test_title_and_byline_on_consecutive_lines_then_a_date_alone() -> None:
    text = f"{TITLE}\nBy Samira Qadri\n\nMarch 3, 2025\n\n{BODY}"
    doc = clean(make_raw(text))
    assert doc.title == TITLE
    assert doc.byline == "Samira Qadri"
    assert doc.published == "2025-03-03"
    assert doc.text.startswith(f"{TITLE}\n\nIn the summer of 2023")
    assert "Qadri" not in doc.text and "March 3" not in doc.text
    assert doc.text[doc.body_start :].startswith("In the summer of 2023")
    assert_anchored(doc, text)


def test_a_date_alone_between_blank_lines_in_the_header_is_the_publication_date() -> None:
    text = f"{TITLE}\n\nBy Samira Qadri\n\nMarch 3, 2025\n\n{BODY}"
    doc = clean(make_raw(text))
    assert (doc.title, doc.byline, doc.published) == (TITLE, "Samira Qadri", "2025-03-03")
    assert "March 3" not in doc.text
    assert doc.republished is None


@pytest.mark.parametrize(
    "header",
    [
        f"{TITLE}\nBy Samira Qadri\nMarch 3, 2025",
        f"March 3, 2025\n{TITLE}\nBy Samira Qadri",
        f"{TITLE}\nBy Samira Qadri | March 3, 2025",
        f"{TITLE}\nSamira Qadri, Staff Writer\nMarch 3, 2025",
        f"{TITLE}\nMarch 3, 2025\nBy Samira Qadri",
        f"{TITLE}\nBy Samira Qadri\nPublished: Monday, 3 March 2025, 09:15 GMT",
        "The Ledger of\nTal Haroun\nBy Samira Qadri\nMarch 3, 2025",  # the title wrapped too
    ],
    ids=["byline-date", "date-first", "byline-bar-date", "name-role", "date-byline", "published-line", "wrapped-title"],
)
@pytest.mark.parametrize("body", [BODY, WRAPPED_BODY], ids=["body", "wrapped-body"])
def test_header_block_of_short_lines(header: str, body: str) -> None:
    text = f"{header}\n\n{body}"
    doc = clean(make_raw(text))
    assert doc.title == TITLE
    assert doc.byline == "Samira Qadri"
    assert doc.published == "2025-03-03"
    assert [p.text for p in doc.paragraphs] == [
        TITLE,
        FIRST_SENTENCE,
        "The trading house, which had never handled military goods before, sold the parts on within a week.",
    ]
    assert_anchored(doc, text)


def test_a_header_glued_to_a_hard_wrapped_first_paragraph() -> None:
    text = f"{TITLE}\nBy Samira Qadri\nMarch 3, 2025\n{WRAPPED_BODY}"
    doc = clean(make_raw(text))
    assert (doc.title, doc.byline, doc.published) == (TITLE, "Samira Qadri", "2025-03-03")
    assert doc.paragraphs[1].text == FIRST_SENTENCE
    assert doc.text[doc.body_start :].startswith("In the summer of 2023")
    assert_anchored(doc, text)


def test_a_byline_wrapped_onto_a_second_line_keeps_both_names() -> None:
    text = f"{TITLE}\nBy Samira Qadri\nand Tomas Vellin\nMarch 3, 2025\n\n{BODY}"
    doc = clean(make_raw(text))
    assert (doc.title, doc.byline, doc.published) == (TITLE, "Samira Qadri and Tomas Vellin", "2025-03-03")
    assert "Vellin" not in doc.text


def test_byline_lines_inside_the_body_are_left_to_the_body() -> None:
    # the header is split, but a hard-wrapped body line that starts with "By" is prose and stays joined
    text = (
        f"{TITLE}\nBy Samira Qadri\n\n{BODY}\n"
        "The parts were resold twice more.\nBy March 2024 they had reached a depot outside Vell,\n"
        "according to a shipping agent.\n"
    )
    doc = clean(make_raw(text))
    assert (doc.title, doc.byline) == (TITLE, "Samira Qadri")
    assert doc.paragraphs[-1].text == (
        "The parts were resold twice more. By March 2024 they had reached a depot outside Vell,"
        " according to a shipping agent."
    )
    assert_anchored(doc, text)


def test_a_title_with_a_role_word_is_not_taken_for_the_byline() -> None:
    text = f"Ministry dismisses its chief editor\nBy Samira Qadri\nMarch 3, 2025\n\n{BODY}"
    doc = clean(make_raw(text))
    assert doc.title == "Ministry dismisses its chief editor"
    assert (doc.byline, doc.published) == ("Samira Qadri", "2025-03-03")


STANDFIRST = "Customs papers show spare parts leaving a ministry depot for a trading house that never dealt in arms."


@pytest.mark.parametrize(
    "header",
    [
        f"{TITLE}\n\n{STANDFIRST}\n\nBy Samira Qadri\nMarch 3, 2025",
        f"{TITLE}\n\n{STANDFIRST}\n\nBy Samira Qadri\n\nPublished: Monday, 3 March 2025, 09:15 GMT",
        f"{TITLE}\n\n{STANDFIRST}\n\nMarch 3, 2025\n\nBy Samira Qadri",
    ],
    ids=["byline-date", "apart", "date-first"],
)
def test_a_standfirst_above_the_byline_stays_in_the_header(header: str) -> None:
    # a PDF prints the standfirst between title and byline: one prose sentence must not end the header
    text = f"{header}\n\n{BODY}"
    doc = clean(make_raw(text))
    assert (doc.title, doc.standfirst) == (TITLE, STANDFIRST)
    assert (doc.byline, doc.published) == ("Samira Qadri", "2025-03-03")
    assert "Qadri" not in doc.text and "March" not in doc.text
    assert doc.text[doc.body_start :].startswith("In the summer of 2023")
    assert_anchored(doc, text)


def test_a_one_sentence_first_paragraph_after_the_byline_is_body_not_standfirst() -> None:
    lede = "The Kestrian Defence Ministry shipped two hundred crates of spare parts to a trading house, papers show."
    text = f"{TITLE}\n\nBy Samira Qadri\n\nMarch 3, 2025\n\n{lede}\n\n{BODY}"
    doc = clean(make_raw(text))
    assert doc.standfirst is None
    assert doc.text[doc.body_start :].startswith(lede)
