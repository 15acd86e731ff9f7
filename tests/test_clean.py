"""Cleaning: boilerplate out, metadata found, every kept character mapped back to the input."""

from __future__ import annotations

import hashlib

import pytest

from claimgraph.clean import clean, is_other_script, is_page_number, raw_document
from claimgraph.records import Document, RawDocument

MESSY = (
    "\u0635\u062f\u0627\u06cc \u0622\u0632\u0627\u062f \u0640\u0640 \u0622\u0632\u0627\u062f\n\n"
    "www.example-news.org\t\t\n"
    "\tEuropean\tLanguages\n\n"
    "desk@example-news.org \u0632\u0628\u0627\u0646\u0647\u0627\n\n"
    "The Meridian's Harbour Correspondent 14.03.2025\n\n"
    "Salt and Silence: The Port Deal Nobody Saw\n\n"
    "A shipping firm moved rifles through the free port while officials looked away.\n\n"
    "Last winter the free port of Valdra handled more cargo than in any year since the war ended in the north.\n\n"
    "Port Authority records seen by *The Meridian* list three Ministrybacked firms among the consignees.\n\n"
    "\u06f2\n\n"
    "The paper trail\n\n"
    "Says one dock worker speaking with *The Meridian*:\n\n"
    "We unloaded crates at night and nobody signed for them.\n\n"
    "The ministry declined to comment on the consignments or on the firms that received them.\n\n"
    "7\n\n"
    "MAR 3, 2025\n"
)


def make_raw(text: str) -> RawDocument:
    return RawDocument(
        doc_id=hashlib.sha256(text.encode()).hexdigest(), path="x.txt", media_type="text/plain", text=text
    )


@pytest.fixture(scope="module")
def doc() -> Document:
    return clean(make_raw(MESSY))


def test_masthead_lines_are_dropped(doc: Document) -> None:
    for junk in ("www.example-news.org", "European", "desk@", "\u0635\u062f\u0627\u06cc", "\u0632\u0628\u0627\u0646"):
        assert junk not in doc.text


def test_page_numbers_in_any_digit_system_are_dropped(doc: Document) -> None:
    assert "\n\u06f2\n" not in doc.text
    assert "\n7\n" not in doc.text and not doc.text.endswith("7")


def test_metadata(doc: Document) -> None:
    assert doc.title == "Salt and Silence: The Port Deal Nobody Saw"
    assert doc.byline == "The Meridian's Harbour Correspondent"
    assert doc.republished == "2025-03-14"  # day first
    assert doc.published == "2025-03-03"  # the dateline at the end is the original date
    assert doc.standfirst is not None and doc.standfirst.startswith("A shipping firm")
    assert "MAR 3, 2025" not in doc.text


def test_headings_and_block_quotes(doc: Document) -> None:
    assert [h.text for h in doc.headings] == ["The paper trail"]
    assert [q.text for q in doc.block_quotes] == ["We unloaded crates at night and nobody signed for them."]


def test_emphasis_is_stripped_but_remembered(doc: Document) -> None:
    assert "*" not in doc.text
    assert [e.text for e in doc.emphasis] == ["The Meridian", "The Meridian"]


def test_lost_hyphen_is_restored(doc: Document) -> None:
    assert "Ministry-backed" in doc.text


def test_body_starts_after_the_standfirst(doc: Document) -> None:
    assert doc.text[doc.body_start :].startswith("Last winter")


def test_every_span_holds_its_text(doc: Document) -> None:
    for s in (*doc.headings, *doc.block_quotes, *doc.paragraphs, *doc.emphasis):
        assert doc.text[s.start : s.end] == s.text


def test_map_back_to_the_input(doc: Document) -> None:
    for start, src, n in doc.source_map:
        assert doc.text[start : start + n] == MESSY[src : src + n]
    i = doc.text.index("Last winter")
    assert MESSY[doc.to_source(i) :].startswith("Last winter")
    j = doc.text.index("backed")  # after the inserted hyphen
    assert MESSY[doc.to_source(j) :].startswith("backed")
    assert doc.to_source(len(doc.text)) <= len(MESSY)


def test_raw_keeps_the_text_exactly() -> None:
    raw = make_raw(MESSY)
    doc = raw_document(raw)
    assert doc.text == MESSY
    assert doc.to_source(10) == 10


def test_line_wrapped_paragraphs_are_joined_and_hyphenation_undone() -> None:
    text = (
        "A Title Here\n\nThe committee met on Tuesday to dis-\ncuss the budget and the new\n"
        "port rules for the year ahead.\n"
    )
    doc = clean(make_raw(text))
    assert "to discuss the budget and the new port rules" in doc.text


def test_a_latin_article_keeps_a_quoted_phrase_in_another_script_inside_a_paragraph() -> None:
    text = (
        "Title Line\n\nThe slogan \u0622\u0632\u0627\u062f \u0622\u0632\u0627\u062f was painted on the wall of the old"
        " customs house, residents said on Monday.\n"
    )
    doc = clean(make_raw(text))
    assert "\u0622\u0632\u0627\u062f" in doc.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [("9", True), ("\u06f1", True), ("Page 3 of 9", True), ("- 12 -", True), ("2014", False), ("In 2014", False)],
)
def test_is_page_number(line: str, expected: bool) -> None:
    assert is_page_number(line) is expected


def test_is_other_script() -> None:
    assert is_other_script("AA-AA \u0686\u0648 \u06a9\u0634\u0648\u0631 \u0646\u0628\u0627\u0634\u062f", "LATIN")
    assert not is_other_script("The port of Valdra", "LATIN")


def test_news_layout_title_above_byline_with_published_line() -> None:
    text = (
        "Ferry operator fined over missing cargo manifests\n\n"
        "By Mira Tolland\nPublished: 4 May 2025\n\n"
        "The harbour court fined the ferry operator on Thursday for sailing without manifests on eleven crossings.\n"
    )
    doc = clean(make_raw(text))
    assert doc.title == "Ferry operator fined over missing cargo manifests"
    assert doc.byline == "Mira Tolland"
    assert doc.published == "2025-05-04"
    assert "Published" not in doc.text and "Mira Tolland" not in doc.text


def test_a_title_wrapped_over_two_paragraphs_is_one_title() -> None:
    text = (
        "Ferry operator fined over missing\n\ncargo manifests in the north\n\nBy Mira Tolland\n\n"
        "The harbour court fined the ferry operator on Thursday for sailing without manifests on eleven crossings.\n"
    )
    assert clean(make_raw(text)).title == "Ferry operator fined over missing cargo manifests in the north"


def test_a_glued_word_is_left_alone_when_its_first_part_is_no_word_of_the_text() -> None:
    text = "Title Line\n\nFloods hit Qasrun province again this spring, and the Qasrun governor asked for help.\n"
    assert "Qas-run" not in clean(make_raw(text)).text


def test_a_quotation_running_on_to_a_short_paragraph_is_no_heading() -> None:
    text = ("The Pond Report\n\n\"We warned the council about the pipes,\" said Ada Renn, a local teacher. "
            "\"They sent one plumber, and he never came back.\n\n\"Nobody from the council has visited since.\"\n\n"
            "The council did not respond to several requests.\n")
    assert clean(make_raw(text)).headings == ()
    # a quoted line after a paragraph whose quotation is closed may still head a section
    closed = text.replace("came back.\n", "came back.\"\n").replace("\"Nobody from the council has visited since.\"",
                                                                    "\"Nobody visited\"")
    assert [h.text for h in clean(make_raw(closed)).headings] == ["\"Nobody visited\""]


WIRE = (
    "Kestria ports chief resigns over dredging contract\n\n"
    "{dateline}The head of Kestria's port authority, Odile Varnesse, resigned on Monday after auditors said"
    " a dredging contract had been awarded without a tender, two officials told Harbour Wire.\n\n"
    "The audit office said the contract went to Brelland Marine, a firm registered three weeks before the award.\n\n"
    "Brelland Marine did not respond to requests for comment.\n\n"
    "{credit}\n"
)
LEDE = "The head of Kestria's port authority"


@pytest.mark.parametrize(
    ("dateline", "published"),
    [
        ("KESTRIA CITY, March 3 (Harbour Wire) - ", None),  # no year: too little for a date
        ("PORT EDRA, Kestria, 3 March 2025 (HW) \u2014 ", "2025-03-03"),
        ("KESTRIA CITY (Harbour Wire) -- ", None),
    ],
    ids=["month-day", "region-full-date", "agency-only"],
)
def test_a_wire_dateline_opens_the_body_and_leaves_the_text(dateline: str, published: str | None) -> None:
    text = WIRE.format(dateline=dateline, credit="(Reporting by Piet Allaro; Editing by Mara Lindqvist)")
    doc = clean(make_raw(text))
    assert doc.title == "Kestria ports chief resigns over dredging contract"
    assert doc.standfirst is None  # the lede is the body's first paragraph, its claims count
    assert doc.text[doc.body_start :].startswith(LEDE)
    assert "Harbour Wire) -" not in doc.text and "(HW)" not in doc.text
    assert doc.published == published
    for start, src, n in doc.source_map:
        assert doc.text[start : start + n] == text[src : src + n]


@pytest.mark.parametrize(
    ("credit", "byline"),
    [
        ("(Reporting by Piet Allaro; Editing by Mara Lindqvist)", "Piet Allaro"),
        (
            "(Reporting by Piet Allaro in Kestria City and Ona Bex in Tesk; Writing by Ulla Marr)",
            "Piet Allaro and Ona Bex",
        ),
        ("Reporting by Piet Allaro; Editing by Mara Lindqvist", "Piet Allaro"),
        ("(Editing by Mara Lindqvist)", None),
    ],
)
def test_a_wire_credit_line_is_dropped_and_names_the_writers(credit: str, byline: str | None) -> None:
    doc = clean(make_raw(WIRE.format(dateline="KESTRIA CITY, March 3 (Harbour Wire) - ", credit=credit)))
    assert "Editing by" not in doc.text and "Reporting by" not in doc.text
    assert doc.text.endswith("Brelland Marine did not respond to requests for comment.")
    assert doc.byline == byline


def test_capitals_and_reporting_in_the_body_are_left_alone() -> None:
    text = WIRE.format(
        dateline="NATO \u2014 ",  # capitals and a dash, but no agency and no date: not a dateline
        credit="Reporting by the Courier last year found the same firm behind two earlier contracts.",
    )
    doc = clean(make_raw(text))
    assert "\n\nNATO \u2014 " + LEDE in doc.text
    assert doc.text.endswith("Reporting by the Courier last year found the same firm behind two earlier contracts.")


# A reader's text with block quotes it found (an HTML <blockquote>), as offsets into that text
QUOTING = (
    "Dry taps in Velmora\n\n"
    "The village of Velmora has had no running water for most of the summer, residents said this week.\n\n"
    "One resident of the upper village, who asked that her name not be used, put it this way\n\n"
    "the water stopped in May, and the pumps with it.\n\n"
    '"Nobody came to fix them."\n\n'
    "The district office said repairs would begin soon, but it gave no date for the work to start.\n"
)


def quoting_raw() -> RawDocument:
    quoted = ("the water stopped in May, and the pumps with it.", '"Nobody came to fix them."')
    spans = tuple((QUOTING.index(q), QUOTING.index(q) + len(q)) for q in quoted)
    return RawDocument(doc_id="q", path="q.html", media_type="text/html", text=QUOTING, block_quotes=spans)


def test_block_quotes_from_the_reader() -> None:
    doc = clean(quoting_raw())
    # every quoted paragraph, with no lead-in ending in ':'; the first, in lower case after a line with no
    # sentence end, is not joined to that line; the second, short and in quotation marks, is no heading
    assert [q.text for q in doc.block_quotes] == [
        "the water stopped in May, and the pumps with it.",
        '"Nobody came to fix them."',
    ]
    assert doc.paragraphs[2].text.endswith("put it this way")
    assert doc.headings == ()
    for s in (*doc.block_quotes, *doc.paragraphs):
        assert doc.text[s.start : s.end] == s.text
    for start, src, n in doc.source_map:
        assert doc.text[start : start + n] == QUOTING[src : src + n]
    assert QUOTING[doc.to_source(doc.block_quotes[1].start) :].startswith('"Nobody came')


def test_raw_document_keeps_the_readers_block_quotes() -> None:
    doc = raw_document(quoting_raw())
    assert [q.text for q in doc.block_quotes] == [
        "the water stopped in May, and the pumps with it.",
        '"Nobody came to fix them."',
    ]
