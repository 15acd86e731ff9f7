"""PDF -> text, with pdfplumber: page by page, without running headers, footers and page numbers.

Lines keep the character order pdfplumber gives (right-to-left scripts included); paragraphs
are found from vertical gaps between lines and separated by a blank line; a word hyphenated
across a line break is rejoined, losing its hyphen only when the document spells it whole elsewhere.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pdfplumber

from claimgraph.errors import InputError

# pdfminer warns through logging about every oddity of real-world PDFs; failures reach the user as InputError.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

# Running headers and footers sit in the first and last few lines of a page; a masthead with
# a motto, a URL and an e-mail address (as on the seed article) takes up to four.
_EDGE_LINES = 4
# A line counts as running when it repeats (digits aside) on at least half of the pages ...
_RUNNING_SHARE = 0.5
# ... and on at least two: one page alone shows no repetition ...
_RUNNING_MIN_PAGES = 2
# ... at the same height, within 4 points (a third of a line): headers and footers are printed
# at a fixed place, while a body line that happens to repeat ("of the city.") lands anywhere.
_SAME_HEIGHT = 4.0
# A line pitch over 1.3x the document's usual pitch is a paragraph gap: line spacing inside
# a paragraph varies by a few percent, a paragraph gap adds at least half a line.
_PARAGRAPH_PITCH = 1.3
# A gap taller than most of a line is a blank line, whatever the usual pitch is.
_PARAGRAPH_GAP = 0.8
# A line at least 90% as wide as the widest is a full line of its column, not a paragraph's short last line.
_FULL_LINE = 0.9
# "(cid:123)" is what pdfminer prints for glyphs of fonts without a Unicode map: past this
# share of the text the text layer is glyph numbers, not words.
_MAX_CID_SHARE = 0.3

_DIGITS = re.compile(r"\d+")  # \d is any Unicode digit: 7, ٧ (Arabic-Indic), ۷ (Persian), ७ ...
_SPACES = re.compile(r"\s+")
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|pg\.?|seite|página|صفحه|صفحة)?\s*[-–—(\[]?\s*\d+\s*[-–—)\]]?\s*(?:(?:of|/|از|من)\s*\d+)?", re.I
)
_CID = re.compile(r"\(cid:\d+\)")
_WORD = re.compile(r"\w+")
_HYPHENS = "-\u2010"  # hyphen-minus and the Unicode hyphen; dashes (–, —) join no word
_SOFT_HYPHEN = "\u00ad"
# Punctuation that ends a sentence in the scripts we read: a paragraph cut by a page break
# continues on the next page only when its last line does not end in one of these.
_SENTENCE_END = ".!?…:;\"”’»)؟۔"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page: its text and extent (PDF points, top of page = 0)."""

    text: str
    top: float
    bottom: float
    x0: float = 0.0
    x1: float = 0.0

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def extract_pdf(data: bytes, path: str | None = None) -> str:
    """The text of a PDF, paragraphs separated by blank lines.

    Raises InputError when the PDF is corrupt, encrypted, or has no text layer.
    """
    pages = read_lines(data, path)
    if not any(pages):
        raise InputError(path, "PDF has no text layer (scanned pages?); run OCR on it first, e.g. with ocrmypdf")
    pages = drop_running_lines(pages)
    pitch = _pitch(pages)
    full = max((line.width for page in pages for line in page), default=0.0)
    text = "\n\n".join(join_pages([paragraphs(page, pitch) for page in pages], _vocabulary(pages), full))
    if len(_CID.findall(text)) * 8 > _MAX_CID_SHARE * len(text):  # a "(cid:NN)" is about 8 characters
        raise InputError(path, "PDF text layer has no Unicode mapping (text comes out as glyph numbers); run OCR on it")
    return text


def read_lines(data: bytes, path: str | None = None) -> list[list[Line]]:
    """The text lines of each page, as pdfplumber orders them; any parser failure becomes InputError."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [_page_lines(page) for page in pdf.pages]
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises anything from PSEOF to KeyError on broken files
        raise InputError(path, f"corrupt or unreadable PDF: {_describe(exc)}") from None


def _page_lines(page: pdfplumber.page.Page) -> list[Line]:
    # dedupe_chars: some PDFs fake bold by printing each glyph twice, a pixel apart
    rows = page.dedupe_chars().extract_text_lines(strip=True, return_chars=False)
    return [
        Line(row["text"], float(row["top"]), float(row["bottom"]), float(row["x0"]), float(row["x1"]))
        for row in rows
        if row["text"].strip()
    ]


def _describe(exc: BaseException) -> str:
    """One line about why pdfminer gave up, naming encryption plainly."""
    chain: list[BaseException] = [exc]
    while chain[-1].__cause__ is not None or chain[-1].__context__ is not None:
        nxt = chain[-1].__cause__ or chain[-1].__context__
        if nxt is None or nxt in chain:
            break
        chain.append(nxt)
    names = " ".join(type(e).__name__ + " " + str(e) for e in chain).lower()
    if "password" in names or "encrypt" in names:
        return "it is encrypted and needs a password; save an unencrypted copy"
    root = chain[-1]
    message = str(root).strip().splitlines()[0] if str(root).strip() else ""
    return f"{type(root).__name__}: {message[:160]}" if message else type(root).__name__


def line_key(text: str) -> str:
    """A line with digits, case and spacing normalised, so "Page 3 of 9" and "Page 4 of 9" compare equal."""
    return _SPACES.sub(" ", _DIGITS.sub("#", text)).strip().casefold()


def is_page_number(text: str) -> bool:
    """True for a line that is only a page number: "9", "۱", "- 3 -", "Page 3 of 9"."""
    return bool(_PAGE_NUMBER.fullmatch(text.strip())) and bool(_DIGITS.search(text))


def drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without running headers, footers and page numbers.

    A line in the top or bottom ``_EDGE_LINES`` of a page goes when, digits aside, it
    appears at the same height in the same zone of at least half the pages; a page's
    first or last line also goes when it is only a page number.
    """
    threshold = max(_RUNNING_MIN_PAGES, math.ceil(_RUNNING_SHARE * len(pages)))
    top = _zone_counts(page[:_EDGE_LINES] for page in pages)
    bottom = _zone_counts(page[-_EDGE_LINES:] for page in pages)
    kept: list[list[Line]] = []
    for page in pages:
        last = len(page) - 1
        kept.append(
            [
                line
                for i, line in enumerate(page)
                if not (
                    (i < _EDGE_LINES and top[_place(line)] >= threshold)
                    or (i > last - _EDGE_LINES and bottom[_place(line)] >= threshold)
                    or (i in (0, last) and is_page_number(line.text))
                )
            ]
        )
    return kept


def _place(line: Line, shift: int = 0) -> tuple[str, int]:
    """A line's key and height on the page, to the nearest ``_SAME_HEIGHT`` points."""
    return line_key(line.text), round(line.top / _SAME_HEIGHT) + shift


def _zone_counts(zones: Iterable[list[Line]]) -> Counter[tuple[str, int]]:
    """On how many pages each (line key, height) occurs in the given zone, give or take one height step."""
    counts: Counter[tuple[str, int]] = Counter()
    for zone in zones:
        counts.update({_place(line, shift) for line in zone for shift in (-1, 0, 1)})
    return counts


def _pitch(pages: list[list[Line]]) -> float:
    """The usual distance between the tops of consecutive lines in the document."""
    pitches = [b.top - a.top for page in pages for a, b in itertools.pairwise(page) if b.top > a.top]
    return statistics.median(pitches) if pitches else 0.0


def paragraphs(page: list[Line], pitch: float) -> list[list[Line]]:
    """The page's lines grouped into paragraphs by the vertical gaps between them."""
    groups: list[list[Line]] = []
    previous: Line | None = None
    for line in page:
        if previous is None or _starts_paragraph(previous, line, pitch):
            groups.append([])
        groups[-1].append(line)
        previous = line
    return groups


def _starts_paragraph(previous: Line, line: Line, pitch: float) -> bool:
    if line.top <= previous.top:  # back up the page: a new column or a text box
        return True
    gap = line.top - previous.bottom
    height = max(previous.bottom - previous.top, 1.0)
    return (pitch > 0 and line.top - previous.top > _PARAGRAPH_PITCH * pitch) or gap > _PARAGRAPH_GAP * height


def join_pages(pages: list[list[list[Line]]], vocabulary: set[str], full_width: float) -> list[str]:
    """Paragraph texts of the whole document; a paragraph cut by a page break is rejoined."""
    out: list[str] = []
    continues = False
    for page in pages:
        for i, lines in enumerate(page):
            text = join_lines([line.text for line in lines], vocabulary)
            if i == 0 and continues and out:
                out[-1] = join_lines([out[-1], text], vocabulary)
            else:
                out.append(text)
        if page:
            continues = _runs_on(page[-1][-1], full_width)
    return out


def _runs_on(last: Line, full_width: float) -> bool:
    """Whether a page's last line continues on the next page: no sentence end, or a full-width line.

    The last line of a paragraph is nearly always short; a full one means the page cut the paragraph.
    """
    return not last.text.rstrip().endswith(tuple(_SENTENCE_END)) or last.width >= _FULL_LINE * full_width


def join_lines(lines: list[str], vocabulary: set[str]) -> str:
    """Lines of one paragraph as one line of text, rejoining words hyphenated at line ends."""
    text = ""
    for line in lines:
        text = _join(text, line, vocabulary) if text else line
    return text


def _join(left: str, right: str, vocabulary: set[str]) -> str:
    if left.endswith(_SOFT_HYPHEN):  # a soft hyphen only ever marks a line-end break
        return left[:-1] + right
    if len(left) >= 2 and left[-1] in _HYPHENS and left[-2].isalnum():
        head, tail = _last_word(left[:-1]), _first_word(right)
        if head.isalpha() and tail[:1].islower() and (head + tail).casefold() in vocabulary:
            return left[:-1] + right  # "inter-" + "national", and "international" occurs elsewhere
        return left + right  # "well-" + "known", "1990-" + "1995": keep the hyphen
    return f"{left} {right}"


def _last_word(text: str) -> str:
    words = _WORD.findall(text[-60:])
    return words[-1] if words else ""


def _first_word(text: str) -> str:
    words = _WORD.findall(text[:60])
    return words[0] if words else ""


def _vocabulary(pages: list[list[Line]]) -> set[str]:
    """Every word the document spells whole, case-folded: evidence that a hyphen is only a line break."""
    return {word.casefold() for page in pages for line in page for word in _WORD.findall(line.text)}
