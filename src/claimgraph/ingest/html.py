"""HTML -> article text and metadata, with trafilatura.

Text comes out as trafilatura's markdown, because that is the output that keeps headings,
block quotes and paragraphs as separate blocks (blank line between them) and marks
emphasis (``*The Cradle*``), which the cleaning stage turns into spans. What markdown
adds beyond that is undone here: heading and quote marks, and backslash escapes.

trafilatura's markdown does not say which blocks came from a ``<blockquote>``, so before
extraction every text node inside one is tagged with a marker character; the paragraphs
that come out holding a marker are the block quotes, and the markers are taken out again.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from claimgraph.errors import InputError

# trafilatura warns through logging about pages it discards; the InputError says it once.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())

# Charset declarations sit in the <head>; browsers look in the first 1024 bytes, some pages put them later.
_DECLARATION_WINDOW = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""", re.I)

# trafilatura falls back to whatever text a page has, down to a lone "Home" link; anything
# shorter than a short sentence is a menu item or a button label, not an article.
_MIN_ARTICLE_CHARS = 25

_HEADING_MARK = re.compile(r"^ {0,3}#{1,6}[ \t]+", re.M)
_QUOTE_MARK = re.compile(r"^ {0,3}>[ \t]?", re.M)
# trafilatura escapes these anywhere in prose, doubling any backslashes already in front of them.
_INLINE_ESCAPE = re.compile(r"(\\+)([*_`~\[\]<|])")
# ... and these only at the start of a block, where they would read as a heading, quote or list.
_BLOCK_ESCAPE = re.compile(r"^( {0,3})\\([#>+-])|^( {0,3}\d{1,9})\\([.)])", re.M)
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.M)
_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Tags the text inside a <blockquote> through extraction. It must be printable (trafilatura deletes
# control, format and private-use characters) and never in a news page: SYMBOL FOR RECORD SEPARATOR.
# A page that holds it anyway is read without block quotes rather than have its own ones taken out.
_QUOTE_TAG = "\u241e"
# A <blockquote> that embeds a post (tweet, Instagram, TikTok ...) carries its own credit line
# ("— Name (@handle) date"); it is not a quotation the article introduces, so it stays body text.
_EMBED_CLASS = re.compile(r"tweet|instagram|tiktok|reddit|imgur|facebook|\bfb-|embed", re.I)
# A pull quote repeats a line of the article in large type: not a quotation of someone new.
_PULL_QUOTE_CLASS = re.compile(r"pull[-_ ]?quote", re.I)


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """The main text of a web page and what its metadata says about it."""

    text: str
    title: str | None = None
    byline: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    site: str | None = None
    block_quotes: tuple[tuple[int, int], ...] = ()  # [start, end) of <blockquote> paragraphs in text


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first bytes, if any."""
    head = data[:_DECLARATION_WINDOW]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def article_text(page: str | HtmlElement) -> str:
    """The article's text as trafilatura finds it (markdown, emphasis kept, then plain paragraphs)."""
    markdown = trafilatura.extract(
        page,
        output_format="markdown",
        include_formatting=True,
        include_tables=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        with_metadata=False,
    )
    return markdown_to_text(markdown or "")


def extract_html(html: str, path: str | None = None) -> HtmlArticle:
    """The article text of an HTML page (paragraphs separated by blank lines) and its metadata.

    Raises InputError when the page has no article body (a menu, an error page, a login wall).
    """
    tree = _tag_block_quotes(html)
    text = article_text(html if tree is None else tree)
    quotes: tuple[tuple[int, int], ...] = ()
    if tree is not None:
        text, quotes = _take_quote_tags(text)
    if len(text) < _MIN_ARTICLE_CHARS:
        raise InputError(path, "no article text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    if meta is None:
        return HtmlArticle(text, block_quotes=quotes)
    return HtmlArticle(
        text=text,
        title=_field(meta.title),
        byline=_field(meta.author),
        published=_date(meta.date),
        url=_field(meta.url),
        site=_field(meta.sitename),
        block_quotes=quotes,
    )


def _tag_block_quotes(html: str) -> HtmlElement | None:
    """The parsed page with _QUOTE_TAG after every text node inside a quoting <blockquote>.

    None when there is nothing to tag (then the page is extracted from the string, as before) or
    when the page already holds the tag character.
    """
    if "<blockquote" not in html.lower():
        return None
    tree = load_html(html)
    if tree is None or any(_QUOTE_TAG in t for t in tree.itertext()):
        return None
    tagged = False
    for quote in tree.iter("blockquote"):
        if not _is_quotation(quote) or any(_is_quotation(a) for a in quote.iterancestors("blockquote")):
            continue  # an embed or a pull quote, or inside an outer quote that is tagged already
        for el in quote.iter():
            if isinstance(el.tag, str):  # an element: its text (a comment's text is not page text)
                el.text = _tagged(el.text)
            if el is not quote:
                el.tail = _tagged(el.tail)
        tagged = True
    return tree if tagged else None


def _is_quotation(quote: HtmlElement) -> bool:
    """A <blockquote> that quotes someone: not an embedded post, not a pull quote."""
    if _EMBED_CLASS.search(quote.get("class", "")):
        return False
    return not any(_PULL_QUOTE_CLASS.search(el.get("class", "")) for el in (quote, *quote.iterancestors()))


def _tagged(text: str | None) -> str | None:
    """The text with _QUOTE_TAG before its trailing whitespace (whitespace alone stays as it is).

    At the end, not the start: a tag at the start of a line would hide a heading or quote mark
    that markdown_to_text takes out, and change the text.
    """
    if text is None or not text.strip():
        return text
    end = len(text.rstrip())
    return f"{text[:end]}{_QUOTE_TAG}{text[end:]}"


def _take_quote_tags(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Remove _QUOTE_TAG from ``text``; return the text and the [start, end) of each paragraph that held it."""
    paragraphs: list[str] = []
    quotes: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n\n"):
        quoted = _QUOTE_TAG in para
        if quoted:
            lines = (line.rstrip() for line in para.replace(_QUOTE_TAG, "").split("\n"))
            para = "\n".join(line for line in lines if line.strip())
            if not para:
                continue
        if paragraphs:
            pos += 2
        if quoted:
            lead = len(para) - len(para.lstrip())
            quotes.append((pos + lead, pos + len(para)))
        paragraphs.append(para)
        pos += len(para)
    return "\n\n".join(paragraphs), tuple(quotes)


def markdown_to_text(markdown: str) -> str:
    """trafilatura markdown -> text: no heading or quote marks, no escapes; emphasis asterisks stay."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    # 1. block marks trafilatura added (escaped literal ones, "\#", do not match)
    text = _HEADING_MARK.sub("", text)
    text = _QUOTE_MARK.sub("", text)
    # 2. escapes: an odd run of n backslashes before a special character held (n - 1) / 2 literal ones
    text = _INLINE_ESCAPE.sub(_unescape_run, text)
    text = _BLOCK_ESCAPE.sub(lambda m: f"{m[1]}{m[2]}" if m[2] else f"{m[3]}{m[4]}", text)
    # 3. whitespace: one blank line between paragraphs, none at either end
    text = _TRAILING_SPACE.sub("", text)
    return _EXTRA_BLANK_LINES.sub("\n\n", text).strip()


def _unescape_run(match: re.Match[str]) -> str:
    run, char = match[1], match[2]
    if len(run) % 2 == 0:  # an even run escapes nothing: literal backslashes, leave them
        return match[0]
    return "\\" * (len(run) // 2) + char


def _field(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _date(value: str | None) -> str | None:
    """The date when it is a full YYYY-MM-DD date (trafilatura's default output), else None."""
    value = (value or "").strip()[:10]
    return value if _ISO_DATE.fullmatch(value) else None
