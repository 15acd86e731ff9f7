"""Per-document lookups that spaCy recomputes on every access, computed once.

``Doc.text`` joins every token each time it is read, and ``Doc.sents`` walks
every token: read per token or per candidate, both make an extractor quadratic
in the document's length. The extractors use these helpers instead; results are
kept in ``doc.user_data`` as plain strings and integers (picklable).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

KEY = "claimgraph.sent_bounds"
TEXT_KEY = "claimgraph.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def sent_bounds(doc: Doc) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The token start and end of every sentence, computed once per Doc."""
    cached = doc.user_data.get(KEY)
    if cached is None or (cached[1] and cached[1][-1] != len(doc)):
        starts, ends = [], []
        for s in doc.sents:
            starts.append(s.start)
            ends.append(s.end)
        cached = (tuple(starts), tuple(ends))
        doc.user_data[KEY] = cached
    return cached


def sentences(doc: Doc) -> list[Span]:
    starts, ends = sent_bounds(doc)
    return [doc[a:b] for a, b in zip(starts, ends, strict=True)]


def sent_of(token: Token) -> Span:
    """The sentence that holds ``token`` (what ``token.sent`` gives, without the full walk)."""
    doc = token.doc
    starts, ends = sent_bounds(doc)
    k = bisect_right(starts, token.i) - 1
    return doc[starts[k] : ends[k]]


STARTS_KEY = "claimgraph.token_starts"


def token_at_char(doc: Doc, char: int) -> Token | None:
    """The token that starts at or covers character ``char`` (None past the end or in whitespace)."""
    starts = doc.user_data.get(STARTS_KEY)
    if starts is None:
        starts = tuple(t.idx for t in doc)
        doc.user_data[STARTS_KEY] = starts
    k = bisect_right(starts, char) - 1
    if k < 0:
        return None
    tok = doc[k]
    return tok if char < tok.idx + len(tok) else None


def ent_of(token: Token) -> Span | None:
    """The named entity that holds ``token`` (None outside one), read from the IOB tags around it.

    ``Doc.ents`` builds every entity span of the document on each access: looked up per token it made
    the extractors quadratic in the document's length.
    """
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type)
