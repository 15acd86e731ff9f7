"""Quotation spans: curly, straight and TeX-style quotes, paired per paragraph, never raising.

A quote left open at the end of a paragraph is closed there (``open_end=True``): that is either the
newswire convention for a quote that runs over several paragraphs (each one opens, only the last
closes) or an unbalanced mark, and both read best as "the quote runs to the paragraph end".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from claimgraph.nlp.doccache import doc_text

OPENERS = {"\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb", "``": "''"}
CLOSERS = {"\u201d", "\u00bb"}  # straight '"' and TeX "''" (some wires open with it too) are decided by context
# A straight double quote opens when preceded by the start, a space or an opening bracket/dash.
_OPEN_CONTEXT = set(" \t\n([{\u2014\u2013-/") | {""}
_MARK = re.compile(r"``|''|[\u201c\u201d\u201e\u00ab\u00bb\"]")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation ``[start, end)`` including its marks; ``open_end``: no closing mark was found."""

    start: int
    end: int
    open_end: bool = False

    def inner(self, text: str) -> tuple[int, int]:
        """The span without the marks and surrounding spaces."""
        s, e = self.start, self.end
        while s < e and (text[s] in "\u201c\u201e\u00ab\"`" or text[s].isspace()):
            s += 1
        while e > s and (text[e - 1] in "\u201d\u00bb\"'" or text[e - 1].isspace()):
            e -= 1
        return s, e


CURLY_OPENERS = {"\u201c"}
CURLY_CLOSERS = {"\u201d"}


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Lines are paragraphs for quoting purposes: a newline ends an open quote."""
    out = []
    start = 0
    for m in re.finditer(r"\n", text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _is_opening(text: str, i: int, mark: str, is_open: bool) -> bool:
    if mark in OPENERS:
        return True
    if mark in CLOSERS:
        return False
    prev = text[i - 1] if i > 0 else ""
    j = i + len(mark)
    nxt = text[j] if j < len(text) else ""
    if prev in _OPEN_CONTEXT and nxt not in {"", " ", "\n"}:
        return True
    if nxt in {"", " ", "\n", ",", ".", ";", ":", "?", "!", ")", "\u2014"}:
        return False
    return not is_open


def _reversed_opener(text: str, ps: int, i: int, mark: str, open_at: int | None) -> bool:
    """A closing curly mark that opens a paragraph ('”Fear. I am afraid.”'): a typo for the opening one."""
    j = i + len(mark)
    if open_at is not None or mark not in CURLY_CLOSERS or text[ps:i].strip() or not text[j : j + 1].isalnum():
        return False
    line_end = text.find("\n", j)
    return text.find(mark, j, len(text) if line_end < 0 else line_end) > 0  # and a closing one follows


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, in order; each lies inside one paragraph (line)."""
    quotes: list[Quote] = []
    for ps, pe in _paragraph_bounds(text):
        open_at: int | None = None
        nested = 0  # curly pairs opened inside a straight-quoted passage: '"He cited “The Post” and left'
        for m in _MARK.finditer(text, ps, pe):
            i, mark = m.start(), m.group()
            if _is_opening(text, i, mark, open_at is not None) or _reversed_opener(text, ps, i, mark, open_at):
                if open_at is None:
                    open_at = i
                elif mark in CURLY_OPENERS and text[open_at] == '"':
                    nested += 1
                # any other opener inside an open quote: a stray mark, keep the outer one
            elif open_at is not None and nested and mark in CURLY_CLOSERS:
                nested -= 1
            elif open_at is not None:
                quotes.append(Quote(open_at, m.end()))
                open_at = None
                nested = 0
            # a closer with nothing open: a stray mark (or the end of an apostrophe pair); ignore it
        if open_at is not None:
            end = pe
            while end > open_at and text[end - 1].isspace():
                end -= 1
            if end - open_at > 1:
                quotes.append(Quote(open_at, end, open_end=True))
    return quotes


QUOTES_KEY = "claimgraph.quotes"


def doc_quotes(doc: Doc) -> list[Quote]:
    """:func:`find_quotes` of a parsed Doc's text, found once per Doc (the rules and the resolver both read them)."""
    quotes = doc.user_data.get(QUOTES_KEY)
    if quotes is None:
        quotes = find_quotes(doc_text(doc))
        doc.user_data[QUOTES_KEY] = quotes
    return list(quotes)
