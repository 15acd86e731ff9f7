"""Cleaning: RawDocument -> Document, text that every offset points into, with a map back.

The input is often a PDF extraction of a republished article: a site banner in
another script, URLs, a section label, a byline with a republication date, page
numbers between paragraphs, markdown emphasis around publication names and a
hyphen lost at a line break. Cleaning keeps the words of the article, drops the
rest, and records what it found (title, byline, dates, headings, block quotes).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from claimgraph.dates import MONTHS, find_date, parse_date
from claimgraph.lexicons import entries
from claimgraph.records import Document, Emphasis, RawDocument, Span


def raw_document(raw: RawDocument) -> Document:
    """No cleaning at all: ``document.text`` equals the input text (``--raw``)."""
    return Document(
        doc_id=raw.doc_id,
        text=raw.text,
        source_map=((0, 0, len(raw.text)),),
        path=raw.path,
        media_type=raw.media_type,
        title=raw.title,
        byline=raw.byline,
        published=raw.published,
        block_quotes=tuple(Span.of(raw.text, s, e) for s, e in raw.block_quotes),
        paragraphs=tuple(_paragraph_spans(raw.text)),
    )


# ---------------------------------------------------------------- lines and paragraphs


@dataclass(slots=True)
class Line:
    start: int  # offset in the raw text
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(slots=True)
class Para:
    lines: list[Line]
    role: str = "body"  # body, heading, title, standfirst, byline, dateline, blockquote, drop
    notes: list[str] = field(default_factory=list)
    cut: int = 0  # characters left out at the start of the first line (a wire dateline)

    @property
    def text(self) -> str:
        return " ".join(line.stripped for line in self.lines)

    @property
    def words(self) -> list[str]:
        return self.text.split()


def _lines(text: str) -> list[Line]:
    out, pos = [], 0
    for piece in text.split("\n"):
        out.append(Line(pos, pos + len(piece), piece))
        pos += len(piece) + 1
    return out


def _paragraphs(lines: list[Line]) -> list[Para]:
    paras: list[Para] = []
    cur: list[Line] = []
    for line in lines:
        if line.stripped:
            cur.append(line)
        elif cur:
            paras.append(Para(cur))
            cur = []
    if cur:
        paras.append(Para(cur))
    return paras


def _mark_block_quotes(paras: list[Para], quotes: tuple[tuple[int, int], ...]) -> None:
    """Paragraphs the reader found in a block quote (an HTML <blockquote>) take the role "blockquote"."""
    if not quotes:
        return
    starts = [s for s, _ in quotes]  # in text order, as the reader wrote them
    for p in paras:
        first = p.lines[0]
        at = first.start + _lead(first.text)
        i = bisect_right(starts, at) - 1
        if i >= 0 and at < quotes[i][1]:
            p.role = "blockquote"


def _paragraph_spans(text: str) -> list[Span]:
    return [
        Span.of(text, p.lines[0].start + _lead(p.lines[0].text), p.lines[-1].start + len(p.lines[-1].text.rstrip()))
        for p in _paragraphs(_lines(text))
    ]


def _lead(s: str) -> int:
    return len(s) - len(s.lstrip())


# ---------------------------------------------------------------- line classes

URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|info|io|co\.uk)\b\S*", re.I)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# "Page 3", "3 of 9", "- 3 -", "۱": a page number in any digit system, alone on its line (3 digits at most:
# a bare four-digit number is a year).
PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—\s]*\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?[-–—\s]*$", re.I)
# a writer's role, in a byline and after a name ("Staff Writer", "Correspondents")
_ROLE = r"(?i:correspondent|reporter|staff writer|editor|contributor)s?"
BYLINE_WORDS = re.compile(rf"^(?:by\s+\S|written by\b)|\b{_ROLE}\b", re.I)
# a byline as one line of a block ("By Samira Qadri", "Samira Qadri, Staff Writer"): stricter than
# BYLINE_WORDS, which sees a whole paragraph, because a wrapped title line may hold "by" or "editor"
BYLINE_LINE = re.compile(rf"^(?:By|BY|Written by)\s+[A-Z]|(?:,|\||\s[-–—])\s*(?:[\w'’.]+\s+){{0,3}}{_ROLE}\b")
# the role after a name: "Samira Qadri, Staff Writer" -> "Samira Qadri"
ROLE_TAIL = re.compile(rf"(?:\s*[,|–—]|\s+-)\s*(?:[\w'’.]+\s+){{0,3}}{_ROLE}\b.*$")
# what may stand next to the date on a line of its own: "Published: Tuesday, 4 March 2025, 10:42 GMT"
DATE_LINE_NOISE = re.compile(
    r"\b(?:(?:first\s+|last\s+)?(?:published|updated|posted)|on|at|date"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun"
    r"|\d{1,2}[:.]\d{2}|am|pm|gmt|utc|cet|cest|bst|est|edt|pst|pdt)\b",
    re.I,
)
# a wire story's dateline, in front of its first sentence: "KESTRIA CITY, March 3 (Harbour Wire) - ",
# "PORT EDRA, Kestria, 3 March 2025 (HW) — ": a place in capitals, a region, a date, the agency, a dash
WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)*"
    r"(?:,\s+[A-Z][a-z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)?"
    r"(?:,?\s+(?P<date>(?P<mon>[A-Z][a-z]{2,8})\.?\s+\d{1,2}(?:,\s+\d{4})?"
    r"|\d{1,2}\s+(?P<mon2>[A-Z][a-z]{2,8})(?:\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[^()\n]{2,40})\))?"
    r"\s*(?:-{1,2}|[–—])\s+(?=\S)"
)
# a wire story's credit line, a paragraph of its own at the end: "(Reporting by X in Y; Editing by Z)"
CREDIT_LINE = re.compile(
    r"^\(\s*(?:(?:additional\s+)?reporting|writing|editing|compiled|research)\s+by\b[^()]*\)$"
    r"|^(?:additional\s+)?reporting\s+by\b[^.]*;\s*(?:writing|editing)\s+by\b[^.]*\.?$",
    re.I,
)
# the writers it names: "Reporting by Piet Allaro in Kestria City and ..." -> "Piet Allaro and ..."
CREDIT_WRITERS = re.compile(r"^\(?\s*(?:reporting|writing)\s+by\s+([^;()]+)", re.I)
CREDIT_PLACE = re.compile(r"\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")
SENTENCE_END = (".", "?", "!", ":", ";", ",", '"', "\u201d", "\u2019")
EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2})(?=\S)([^*\n]+?)(?<=\S)\1(?![\w*])")
# a heading is a short line: longer ones are sentences that lost their full stop
MAX_HEADING_WORDS = 12
MAX_TITLE_WORDS = 25
# a paragraph of at least this many words with a sentence end is prose: the header zone ends there
PROSE_WORDS = 12
# a header glued to the first body paragraph (no blank line between) has at most this many lines:
# a title wrapped over two, a byline, a date and an "Updated" line
MAX_HEADER_LINES = 5


# Letters below this code point (Basic Latin to Latin Extended-B) are Latin: most letters of most articles
LATIN_END = "\u0250"


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """A coarse script name for a letter: LATIN, ARABIC, CYRILLIC, ..."""
    if ch < LATIN_END:
        return "LATIN"
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return "UNKNOWN"


def letter_scripts(s: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    latin = 0
    for ch in s:
        if ch.isalpha():
            if ch < LATIN_END:
                latin += 1
                continue
            sc = script_of(ch)
            counts[sc] = counts.get(sc, 0) + 1
    if latin:
        counts["LATIN"] = counts.get("LATIN", 0) + latin
    return counts


def main_script(text: str) -> str:
    counts = letter_scripts(text)
    return max(counts, key=counts.__getitem__) if counts else "LATIN"


def is_other_script(s: str, script: str) -> bool:
    """Most letters of the line are in another script than the article's."""
    counts = letter_scripts(s)
    total = sum(counts.values())
    return total > 0 and counts.get(script, 0) / total < 0.5


def is_page_number(s: str) -> bool:
    t = s.strip()
    if not t:
        return False
    ascii_digits = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in t)
    return bool(PAGE_NUMBER.match(ascii_digits))


def is_link_line(s: str) -> bool:
    """Only URLs, e-mail addresses and words of another script: a masthead line."""
    rest = EMAIL.sub(" ", URL.sub(" ", s))
    if rest == s:
        return False
    return not any(script_of(ch) == "LATIN" for ch in rest if ch.isalpha())


def ends_sentence(s: str) -> bool:
    return s.rstrip().endswith(SENTENCE_END)


def is_heading_like(p: Para) -> bool:
    words = p.words
    if not words or len(words) > MAX_HEADING_WORDS or len(p.lines) > 1:
        return False
    t = p.text
    if ends_sentence(t) and not (t[0] in "'\u2018\"\u201c" and t.rstrip()[-1] in "'\u2019\"\u201d"):
        return False
    first = t.lstrip("'\u2018\"\u201c")
    return bool(first) and (first[0].isupper() or first[0].isdigit()) and not is_page_number(t)


@lru_cache(maxsize=1)
def compound_suffixes() -> tuple[str, ...]:
    """Participles that follow a hyphen in compounds ("Saudi-funded"): lexicons/compound_suffixes.txt."""
    return entries("compound_suffixes.txt")


@lru_cache(maxsize=1)
def lost_hyphen_pattern() -> re.Pattern[str]:
    # "Kurdishsupplied": a capitalised word glued to a participle, the hyphen lost in extraction
    alts = "|".join(sorted(compound_suffixes(), key=len, reverse=True))
    return re.compile(rf"\b([A-Z][a-z]{{2,}})({alts})\b")


def _stands_alone(text: str, word: str) -> bool:
    """``word`` occurs elsewhere in the text as a word of its own: "Kurdish" yes, "Qas" (of "Qasrun") no."""
    return re.search(rf"\b{re.escape(word)}\b", text, re.I) is not None


# ---------------------------------------------------------------- the text builder


class Builder:
    """Accumulates the clean text and its run map back to the raw text."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.parts: list[str] = []
        self.runs: list[tuple[int, int, int]] = []
        self.length = 0

    def copy(self, start: int, end: int, text: str | None = None) -> int:
        """Append raw[start:end] (or a same-length replacement for it); return where it starts."""
        piece = self.raw[start:end] if text is None else text
        assert len(piece) == end - start
        at = self.length
        if piece:
            if self.runs and self.runs[-1][0] + self.runs[-1][2] == at and self.runs[-1][1] + self.runs[-1][2] == start:
                s, src, n = self.runs[-1]
                self.runs[-1] = (s, src, n + len(piece))
            else:
                self.runs.append((at, start, len(piece)))
            self.parts.append(piece)
            self.length += len(piece)
        return at

    def insert(self, text: str) -> int:
        at = self.length
        self.parts.append(text)
        self.length += len(text)
        return at

    def text(self) -> str:
        return "".join(self.parts)


def _emit_paragraph(b: Builder, p: Para, emphasis: list[Emphasis]) -> tuple[int, int]:
    """Write a paragraph: lines joined by spaces, emphasis marks dropped, lost hyphens restored."""
    start = b.length
    for i, line in enumerate(p.lines):
        lo = line.start + _lead(line.text) + (p.cut if i == 0 else 0)
        hi = line.start + len(line.text.rstrip())
        if i:
            prev = b.parts[-1] if b.parts else ""
            if prev.endswith("-") and line.text.lstrip()[:1].islower():
                # a word hyphenated at a line break: drop the hyphen and join
                b.parts[-1] = prev[:-1]
                b.length -= 1
                r = b.runs[-1]
                b.runs[-1] = (r[0], r[1], r[2] - 1)
            else:
                b.insert(" ")
        _emit_inline(b, lo, hi, emphasis)
    return start, b.length


def _emit_inline(b: Builder, lo: int, hi: int, emphasis: list[Emphasis]) -> None:
    s = b.raw[lo:hi]
    pos = 0
    for m in EMPHASIS.finditer(s):
        _emit_words(b, lo + pos, lo + m.start())
        at = b.length
        _emit_words(b, lo + m.start(2), lo + m.end(2))
        emphasis.append(Emphasis(at, b.length, ""))  # text filled in at the end
        pos = m.end()
    _emit_words(b, lo + pos, hi)


def _emit_words(b: Builder, lo: int, hi: int) -> None:
    s = b.raw[lo:hi]
    pos = 0
    for m in lost_hyphen_pattern().finditer(s):
        if not _stands_alone(b.raw, m.group(1)):
            continue
        b.copy(lo + pos, lo + m.end(1))
        b.insert("-")
        pos = m.end(1)
    b.copy(lo + pos, hi)


# ---------------------------------------------------------------- the header zone


@dataclass(slots=True)
class Header:
    title: str | None = None
    byline: str | None = None
    standfirst: str | None = None
    republished: str | None = None
    published: str | None = None


def _merge_wrapped(paras: list[Para]) -> list[Para]:
    """A paragraph that starts in lower case after one with no sentence end continues it
    (a PDF title set in a large font comes out as two paragraphs)."""
    out: list[Para] = []
    for p in paras:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.role == p.role  # a block quote is its own block, never part of a wrapped title
            and p.text[:1].islower()
            and not ends_sentence(prev.text)
            and len(prev.words) <= MAX_TITLE_WORDS
        ):
            prev.lines.extend(p.lines)
        else:
            out.append(p)
    return out


def _is_prose(p: Para) -> bool:
    return len(p.words) >= PROSE_WORDS and ends_sentence(p.text)


def _first_prose(paras: list[Para]) -> int:
    """Index of the first prose paragraph among ``paras``: where the header zone ends.

    A standfirst set above the byline ("Title / One sentence. / By X / March 3, 2025 / Body") is one
    prose sentence with a byline or date line under it: it stays in the header, and the zone ends at
    the next prose paragraph (when there is none, at the sentence after all).
    """
    prose = [i for i, p in enumerate(paras) if _is_prose(p)]
    if not prose:
        return len(paras)
    i = prose[0]
    if (
        i > 0
        and len(prose) > 1
        and i + 1 < len(paras)
        and _one_sentence(paras[i].text)
        and _line_kind(paras[i + 1].lines[0].stripped)
    ):
        return prose[1]
    return i


def _date_line(t: str) -> str | None:
    """The date when ``t`` holds nothing else ("March 3, 2025", "Updated: Tue 4 Mar 2025 10:42 GMT")."""
    date, rest = _split_date(t)
    if date is None or re.search(r"\w", DATE_LINE_NOISE.sub(" ", rest)):
        return None
    return date


def _line_kind(t: str) -> str | None:
    """ "date" or "byline" for a line that is one of the two, else None."""
    if not t or len(t.split()) > 14:
        return None
    if _date_line(t):
        return "date"
    if BYLINE_LINE.search(t):
        return "byline"
    # a name or a desk beside a date: "Samira Qadri | March 3, 2025", "The Meridian's Correspondent 14.03.2025"
    date, rest = _split_date(t)
    name = _clean_byline(rest)
    if date and name and (BYLINE_WORDS.search(name) or _looks_like_name(name)):
        return "byline"
    return None


def _looks_like_name(t: str) -> bool:
    """A few words, each capitalised: "Samira Qadri", not "Elections set for" (a title line with a date)."""
    words = t.split()
    return 1 <= len(words) <= 5 and all(w[:1].isupper() for w in words if w.lower() not in ("and", "of", "al"))


def _split_header_lines(paras: list[Para]) -> list[Para]:
    """Byline and date lines set one newline under a title stand as paragraphs of their own.

    Blank lines separate paragraphs, so "Title\\nBy X\\nMarch 3, 2025" arrives as one paragraph and
    would read as a title "Title By X ...". In the header zone (before the first prose paragraph),
    and in the first lines of that prose paragraph when the header is glued to it, each byline or
    date line becomes its own paragraph; the lines around them stay joined, as a wrapped title or
    a hard-wrapped body paragraph is.
    """
    first_prose = _first_prose(paras)
    out: list[Para] = []
    for i, p in enumerate(paras):
        if p.role == "blockquote":  # someone's words, never the article's byline or date
            out.append(p)
        elif i < first_prose:
            out.extend(_split_at_meta_lines(p, len(p.lines)))
        elif i == first_prose:
            out.extend(_split_at_meta_lines(p, MAX_HEADER_LINES))
        else:
            out.append(p)
    return out


def _split_at_meta_lines(p: Para, reach: int) -> list[Para]:
    """Split ``p`` before and after each byline or date line among its first ``reach`` lines."""
    if len(p.lines) < 2:
        return [p]
    kinds = [_line_kind(line.stripped) for line in p.lines[:reach]]
    metas = [i for i, k in enumerate(kinds) if k]
    if not metas:
        return [p]
    last = metas[-1]
    if reach < len(p.lines) and any(
        k is None and (len(line.stripped.split()) > MAX_TITLE_WORDS or line.stripped.endswith("."))
        for line, k in zip(p.lines[:last], kinds, strict=False)
    ):
        return [p]  # a line above the "byline" is a sentence: this is body text, not a header on it
    groups: list[tuple[str | None, list[Line]]] = []
    for j, line in enumerate(p.lines):
        kind = kinds[j] if j <= last else None
        if groups and kind is None:
            prev_kind, prev_lines = groups[-1]
            # plain lines stay together; "and Tomas Vellin" under "By Samira Qadri" continues the byline
            if prev_kind is None or (prev_kind == "byline" and line.stripped[:1].islower()):
                prev_lines.append(line)
                continue
        groups.append((kind, [line]))
    return [Para(lines) for _, lines in groups]


def _classify(paras: list[Para], script: str) -> Header:
    """Give each paragraph a role; return what the header holds."""
    h = Header()
    # 1. lines that are never article text, wherever they stand
    credit: str | None = None
    for p in paras:
        t = p.text
        if is_page_number(t) or is_other_script(t, script) or is_link_line(t):
            p.role = "drop"
        elif CREDIT_LINE.match(t):
            p.role = "drop"
            credit = credit or _credited_writers(t)
    # 2. the header zone: everything before the first prose paragraph
    kept = [p for p in paras if p.role != "drop"]
    first_prose = _first_prose(kept)
    header = kept[:first_prose]
    # a date on a line of its own ("March 3, 2025", "Published: 2 April 2025") is header, not text
    header_dates: dict[int, str] = {}
    for i, p in enumerate(header):
        date = _date_line(p.text)
        if date:
            p.role = "dateline"
            header_dates[i] = date
    # a strict byline ("By X", "X, Staff Writer") first: a title may hold "editor" or a date
    byline_i = next((i for i, p in enumerate(header) if p.role == "body" and _line_kind(p.text) == "byline"), None)
    if byline_i is None:
        byline_i = next((i for i, p in enumerate(header) if p.role == "body" and _is_byline(p.text)), None)
    if byline_i is not None:
        bp = header[byline_i]
        bp.role = "byline"
        date, rest = _split_date(bp.text)
        h.byline = _clean_byline(rest) or None
        if date:
            header_dates[byline_i] = date
    if header_dates:
        # the first date in the header; a dateline at the end (step 5), when there is one, is the original
        h.republished = header_dates[min(header_dates)]
    # the title: the first headline-like line after the byline (a republished piece puts the site's
    # byline first), else the longest one above it; what else stands above the title is masthead
    candidates = [
        p for p in header if p.role == "body" and 2 <= len(p.words) <= MAX_TITLE_WORDS and not ends_sentence(p.text)
    ]
    after = [p for p in candidates if byline_i is not None and header.index(p) > byline_i]
    title = after[0] if after else max(candidates, key=lambda p: len(p.words), default=None)
    if title is not None:
        title.role = "title"
        h.title = title.text
        ti = paras.index(title)
        for p in header:
            if p.role == "body" and paras.index(p) < ti:
                p.role = "drop"
    # 3. a wire dateline in front of the first sentence of the story (the standfirst's or the body's)
    for p in [p for p in paras if p.role == "body"][:2]:
        m = _wire_dateline(p.lines[0].stripped)
        if m:
            p.cut = m.end()
            found = find_date(m["date"] or "")  # a date with its year; "March 3" alone says too little
            if found and h.republished is None:
                h.republished = found[0]
            break
    if title is not None:
        # 4. a standfirst: one prose sentence right after the title, before the body or the byline (a
        # sentence after the byline is the body's first); a wire dateline opens the body, not a standfirst
        ti = paras.index(title)
        nxt = [p for p in paras[ti + 1 :] if p.role != "drop"][:2]
        if (
            len(nxt) == 2
            and nxt[0].role == "body"
            and not nxt[0].cut
            and _one_sentence(nxt[0].text)
            and (len(nxt[1].words) >= PROSE_WORDS or nxt[1].role in ("byline", "dateline"))
        ):
            nxt[0].role = "standfirst"
            h.standfirst = nxt[0].text
    if h.byline is None and credit:
        h.byline = credit
    # 5. a dateline at the end: the original publication date ("JUL 2, 2024")
    tail = [p for p in paras if p.role not in ("drop",)]
    if tail:
        last = tail[-1]
        date = parse_date(last.text)
        if date and len(last.words) <= 5:
            last.role = "dateline"
            h.published = date
    if h.published is None:
        h.published = h.republished
    return h


def _wire_dateline(t: str) -> re.Match[str] | None:
    """The dateline opening a wire story ("KESTRIA CITY, March 3 (Harbour Wire) - "): it names an agency or a date."""
    m = WIRE_DATELINE.match(t)
    if m is None or not (m["agency"] or m["date"]):
        return None
    month = m["mon"] or m["mon2"]
    if month is not None and month.lower() not in MONTHS:
        return None
    return m


def _credited_writers(t: str) -> str | None:
    """The writers a credit line names: "(Reporting by Piet Allaro in Kestria; Editing by ...)" -> "Piet Allaro"."""
    m = CREDIT_WRITERS.match(t)
    if m is None:
        return None
    return CREDIT_PLACE.sub("", m[1]).strip(" ,") or None


def _is_byline(t: str) -> bool:
    words = t.split()
    if len(words) > 14:
        return False
    date, rest = _split_date(t)
    return bool(BYLINE_WORDS.search(t)) or (date is not None and bool(rest) and len(rest.split()) <= 8)


BYLINE_NOISE = re.compile(r"^\s*(?:by|written by)\s+|\b(?:published|updated|posted|first published)\b:?\s*", re.I)


def _clean_byline(t: str) -> str:
    """ "By Ilse Marwick Published" -> "Ilse Marwick"; "Samira Qadri, Staff Writer" -> "Samira Qadri"."""
    t = re.sub(r"\s+", " ", BYLINE_NOISE.sub(" ", t)).strip(" \t-–—|,:")
    m = ROLE_TAIL.search(t)
    if m and m.start() > 0 and not BYLINE_WORDS.search(t[: m.start()]):
        t = t[: m.start()].strip(" \t-–—|,:")
    return t


def _split_date(t: str) -> tuple[str | None, str]:
    found = find_date(t)
    if not found:
        return None, t.strip()
    iso, (a, b) = found
    rest = (t[:a] + " " + t[b:]).strip(" \t-–—|,")
    return iso, re.sub(r"\s+", " ", rest)


def _one_sentence(t: str) -> bool:
    body = t.rstrip().rstrip('.!?"\u201d')
    return ends_sentence(t) and not re.search(r"[.!?][\"\u201d]?\s+[A-Z\"\u201c]", body)


def _mark_headings(paras: list[Para]) -> None:
    """Short unpunctuated lines followed by more body text are section headings; a quoted line that goes on with
    a quotation the paragraph before left open is that quotation's next paragraph, not a heading."""
    body = [p for p in paras if p.role == "body"]
    before: Para | None = None
    for p, nxt in pairwise(body):
        if is_heading_like(p) and len(nxt.words) >= 3 and not (
                before is not None and p.text[:1] in OPENING_QUOTES and quote_left_open(before.text)):
            p.role = "heading"
        before = p


OPENING_QUOTES = "\"\u201c"


def quote_left_open(text: str) -> bool:
    """Does the paragraph leave a quotation open, as a quotation that runs on to the next paragraph does?
    (The attribution stage's quote pairing decides, read on the paragraph as one line.)"""
    from claimgraph.extract.attr_quotes import find_quotes  # cleaning runs before extraction: imported when asked

    quotes = find_quotes(text.replace("\n", " "))
    return bool(quotes) and quotes[-1].open_end


# ---------------------------------------------------------------- clean


def clean(raw: RawDocument) -> Document:
    """Drop boilerplate, find the metadata, keep the words and a map back to the input."""
    text = raw.text
    script = main_script(text)
    paras = _paragraphs(_lines(text))
    _mark_block_quotes(paras, raw.block_quotes)
    paras = _split_header_lines(_merge_wrapped(paras))
    h = _classify(paras, script)
    _mark_headings(paras)

    b = Builder(text)
    emphasis: list[Emphasis] = []
    headings: list[tuple[int, int]] = []
    quotes: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    body_start: int | None = None
    prev_kept: tuple[Para, tuple[int, int]] | None = None
    for p in paras:
        if p.role in ("drop", "byline", "dateline"):
            continue
        if b.length:
            b.insert("\n\n")
        start, end = _emit_paragraph(b, p, emphasis)
        spans.append((start, end))
        if p.role == "heading":
            headings.append((start, end))
        if p.role in ("body", "blockquote") and body_start is None:
            body_start = start
        if p.role == "blockquote" or (
            p.role == "body"
            and prev_kept is not None
            and prev_kept[0].role == "body"
            and prev_kept[0].text.endswith(":")
        ):
            quotes.append((start, end))
        prev_kept = (p, (start, end))
    out = b.text()
    return Document(
        doc_id=raw.doc_id,
        text=out,
        source_map=tuple(b.runs),
        path=raw.path,
        media_type=raw.media_type,
        title=raw.title or h.title,
        standfirst=h.standfirst,
        byline=raw.byline or h.byline,
        published=raw.published or h.published,
        republished=h.republished if h.republished != (raw.published or h.published) else None,
        headings=tuple(Span.of(out, s, e) for s, e in headings),
        block_quotes=tuple(Span.of(out, s, e) for s, e in quotes),
        paragraphs=tuple(Span.of(out, s, e) for s, e in spans),
        emphasis=tuple(Emphasis(e.start, e.end, out[e.start : e.end]) for e in emphasis),
        body_start=body_start or 0,
        language="en" if script == "LATIN" else script.lower(),
    )
