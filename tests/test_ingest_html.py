"""HTML reader: article text with paragraphs, headings and quotes as blocks; metadata; sniffed by content."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.clean import clean
from claimgraph.errors import InputError
from claimgraph.ingest import read_bytes, read_path
from claimgraph.ingest.html import article_text, declared_charset, markdown_to_text
from claimgraph.ingest.sniff import looks_like_html

# An invented news page: navigation and footer around an article with a heading, a block quote and emphasis.
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour deal questioned | The Coastal Ledger</title>
<meta name="author" content="Mira Osei">
<meta property="article:published_time" content="2023-04-09T10:00:00Z">
<meta property="og:site_name" content="The Coastal Ledger">
<link rel="canonical" href="https://ledger.example.org/harbour-deal">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About us</a></nav>
<article>
<h1>Harbour deal questioned</h1>
<p>The port authority signed a contract with a <em>little-known</em> firm last spring, according to records
seen by the <i>Ledger</i>. The firm, Daesh [a nickname] Logistics_Ltd, had no previous port work.</p>
<h2>Who owns the firm</h2>
<p>Company filings show the firm was registered two weeks before the tender closed. A spokesperson said
the process was “fully transparent” and that 5 * 3 lots were offered.</p>
<p>One dock worker told the Ledger:</p>
<blockquote><p>We were never told who the new operator was. Nobody asked us anything at all.</p></blockquote>
<p>The authority did not respond to a request for comment by Friday evening, its press office said.</p>
</article>
<footer>Copyright 2023 The Coastal Ledger. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>
"""


def test_article_text_and_blocks() -> None:
    doc = read_bytes(PAGE.encode("utf-8"), "page.html")
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Harbour deal questioned"
    assert "Who owns the firm" in paragraphs
    assert "We were never told who the new operator was. Nobody asked us anything at all." in paragraphs
    assert paragraphs[-1].startswith("The authority did not respond")
    assert "*little-known*" in doc.text  # emphasis stays marked for the cleaning stage
    assert "#" not in doc.text
    assert "Home" not in doc.text and "rights reserved" not in doc.text


def test_markdown_escapes_are_undone() -> None:
    doc = read_bytes(PAGE.encode("utf-8"), "page.html")
    assert "Daesh [a nickname] Logistics_Ltd" in doc.text
    assert "5 * 3 lots" in doc.text
    assert "\\" not in doc.text


def test_metadata() -> None:
    doc = read_bytes(PAGE.encode("utf-8"), "page.html")
    assert doc.media_type == "text/html"
    assert doc.title == "Harbour deal questioned"
    assert doc.byline == "Mira Osei"
    assert doc.published == "2023-04-09"
    assert doc.url == "https://ledger.example.org/harbour-deal"
    assert doc.site == "The Coastal Ledger"
    assert doc.encoding == "utf-8"


def test_html_is_found_by_content_even_in_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert read_path(path).media_type == "text/html"


def test_bare_fragment_of_paragraphs_is_html() -> None:
    line = "<p>Paragraph {} of an invented fragment, long enough to read as prose here.</p>\n"
    fragment = "".join(line.format(n) for n in range(4))
    assert looks_like_html(fragment)
    doc = read_bytes(fragment.encode(), "fragment.txt")
    assert doc.media_type == "text/html"
    assert doc.text.count("\n\n") == 3


def test_prose_mentioning_a_tag_is_not_html() -> None:
    prose = "The auditor read the council's web pages line by line and wrote down every fault she saw. " * 20
    assert not looks_like_html(f"{prose}One page used a <div> where a list belonged.\n\n{prose}A <p> was left open.")


def test_declared_charset_is_used_for_legacy_pages() -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("Mira Osei", "Renée Côté")
    doc = read_bytes(page.encode("cp1252"), "legacy.html")
    assert doc.encoding == "cp1252"
    assert doc.byline == "Renée Côté"
    assert "“fully transparent”" in doc.text


def test_declared_charset() -> None:
    assert declared_charset(b'<html><head><meta charset="ISO-8859-1">') == "ISO-8859-1"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">') == (
        "windows-1256"
    )
    assert declared_charset(b'<?xml version="1.0" encoding="utf-8"?><html>') == "utf-8"
    assert declared_charset(b"<html><head><title>x</title>") is None


def test_html_without_article_text_is_an_input_error() -> None:
    empty = "<!doctype html><html><head><title>Login</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(InputError, match="no article text found in the HTML"):
        read_bytes(empty.encode(), "login.html")


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("# Title\n\nBody.", "Title\n\nBody."),
        ("### Third level\n\n\n\nBody.  ", "Third level\n\nBody."),
        ("\\# not a heading", "# not a heading"),
        ("1\\. not a list\n\n\\- nor this\n\n\\> nor a quote", "1. not a list\n\n- nor this\n\n> nor a quote"),
        ("> quoted words", "quoted words"),
        ("a\\_b \\[c\\] \\<d> \\`e\\` \\~f", "a_b [c] <d> `e` ~f"),
        ("a literal \\\\\\* backslash-star", "a literal \\* backslash-star"),
        ("C:\\Users\\x stays", "C:\\Users\\x stays"),
        ("*emphasis* and **strong** stay", "*emphasis* and **strong** stay"),
    ],
)
def test_markdown_to_text(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text


# An invented report with quotations set as <blockquote>: one after a lead-in ending in ':' (its
# paragraph would read as a heading without the quote), one with no lead-in, of two paragraphs and
# emphasis; then an embedded post and a pull quote, which are not quotations the article introduces.
QUOTES_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Dry taps in Velmora | Upland Courier</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Dry taps in Velmora</h1>
<p>The village of Velmora has had no running water for most of the summer, residents and district
officials said this week, and the pumping station on the ridge has stood idle since the spring.</p>
<p>Says one resident:</p>
<blockquote><p>"The water stopped in May."</p></blockquote>
<p>The district office said repairs would begin soon, but it gave no date for the work to start.</p>
<blockquote>
  <p>We carry water up from the river every morning, <em>before</em> the heat comes.</p>
  <p>The children help when they can.</p>
</blockquote>
<p>A neighbour, Oren Halvik, posted a photograph of the empty reservoir on the same day.</p>
<blockquote class="twitter-tweet"><p lang="en">The reservoir above Velmora is empty again today</p>&mdash; Oren Halvik
(@ohalvik) <a href="https://twitter.com/ohalvik/status/1">June 3, 2024</a></blockquote>
<figure class="wp-block-pullquote">
<blockquote><p>Nobody has told us when the water comes back.</p></blockquote></figure>
<p>Nobody has told us when the water comes back, said Lea Dorn, who runs the bakery on the square.</p>
</article>
<footer>Copyright 2024 The Upland Courier. All rights reserved.</footer>
</body></html>
"""

# What the readers' text holds in block quotes, and nothing more
QUOTED = [
    '"The water stopped in May."',
    "We carry water up from the river every morning, *before* the heat comes.",
    "The children help when they can.",
]


def test_blockquote_paragraphs_are_block_quotes() -> None:
    raw = read_bytes(QUOTES_PAGE.encode("utf-8"), "quotes.html")
    assert [raw.text[s:e] for s, e in raw.block_quotes] == QUOTED
    doc = clean(raw)
    assert [q.text for q in doc.block_quotes] == [q.replace("*", "") for q in QUOTED]
    assert [e.text for e in doc.emphasis] == ["before"]
    assert QUOTED[0] not in [h.text for h in doc.headings]  # the short quoted line is not a section heading
    for s in (*doc.block_quotes, *doc.paragraphs, *doc.emphasis):
        assert doc.text[s.start : s.end] == s.text
    for q in doc.block_quotes:  # the map leads back to the quotation in the reader's text
        assert raw.text[doc.to_source(q.start) :].startswith(q.text[:20])
    assert "\u241e" not in raw.text


def test_embedded_posts_and_pull_quotes_stay_body_text() -> None:
    doc = clean(read_bytes(QUOTES_PAGE.encode("utf-8"), "quotes.html"))
    assert "The reservoir above Velmora is empty again today" in doc.text
    assert not any("reservoir" in q.text or "Nobody has told us" in q.text for q in doc.block_quotes)


def test_tagging_block_quotes_leaves_the_text_as_it_was() -> None:
    assert read_bytes(QUOTES_PAGE.encode("utf-8"), "quotes.html").text == article_text(QUOTES_PAGE)


def test_a_page_that_holds_the_tag_character_keeps_it_and_has_no_block_quotes() -> None:
    page = QUOTES_PAGE.replace("most of the summer", "most of the summer \u241e")
    raw = read_bytes(page.encode("utf-8"), "odd.html")
    assert "summer \u241e" in raw.text
    assert raw.block_quotes == ()


def test_a_page_without_blockquote_has_no_block_quotes_from_the_reader() -> None:
    assert read_bytes(PAGE.replace("blockquote", "div").encode("utf-8"), "page.html").block_quotes == ()
