"""Bytes -> kind of input: PDF, known binary format, HTML or text, judged by content, not by file name."""

from __future__ import annotations

import re
import unicodedata

TEXT_PLAIN = "text/plain"
TEXT_HTML = "text/html"
APPLICATION_PDF = "application/pdf"

# The PDF spec lets readers accept junk before the header; 1 KB is the window Acrobat tolerates.
_PDF_HEADER_WINDOW = 1024

# Magic numbers of binary formats users point at by mistake, so the error can name what the file is.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/EPUB/ODT, which are ZIP archives)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (DOC/XLS)"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# Executables and archives hold NUL bytes within their first few kilobytes.
_NUL_WINDOW = 4096

# Control characters other than tab, newline, carriage return, form feed and vertical tab
# never occur in prose; above 1% of the characters the "text" is binary decoded by force.
_MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
# Enough characters to judge a file without walking all of a large one.
_SAMPLE_CHARS = 65_536

# Markup that only HTML documents start with (after a BOM, whitespace or an XML declaration).
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_STRUCTURE = re.compile(r"<(?:html|head|body)[\s>]", re.I)
_HTML_BLOCKS = re.compile(r"</?(?:p|div|br|h[1-6]|article|section|li|table)\b[^<>]{0,400}>", re.I)
# Prose paragraphs run 300-1000 characters, so real HTML has at least one block tag per
# kilobyte; plain text that mentions a tag or two stays far below that.
_MIN_BLOCK_TAGS = 2
_MIN_BLOCK_TAGS_PER_KB = 1.0


def is_pdf(data: bytes) -> bool:
    """True when the bytes carry a PDF header near their start."""
    return b"%PDF-" in data[:_PDF_HEADER_WINDOW]


def binary_format(data: bytes) -> str | None:
    """What binary format the bytes are ("a PNG image"), or None when no known signature matches.

    A signature made only of printable ASCII ("MZ", "BZh") could also start a text file,
    so it counts only when a NUL byte follows close behind, as it does in those formats.
    """
    for magic, name in _BINARY_SIGNATURES:
        if data.startswith(magic) and (not _is_printable_ascii(magic) or b"\x00" in data[:_NUL_WINDOW]):
            return name
    return None


def _is_printable_ascii(data: bytes) -> bool:
    return all(0x20 <= byte < 0x7F for byte in data)


def control_share(text: str) -> float:
    """Share of control characters (other than ordinary whitespace) in a sample of the text."""
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    return controls / len(sample)


def looks_binary(text: str) -> bool:
    """True when decoded text holds a share of control characters that prose never has."""
    return control_share(text) > _MAX_CONTROL_SHARE


def looks_like_html(text: str) -> bool:
    """True when decoded text is HTML: a doctype or <html> start, <head>/<body> tags, or dense block tags."""
    sample = text[:_SAMPLE_CHARS].lstrip("\ufeff")
    if _HTML_START.match(sample) or _HTML_STRUCTURE.search(sample):
        return True
    blocks = len(_HTML_BLOCKS.findall(sample))
    return blocks >= _MIN_BLOCK_TAGS and blocks * 1024 / max(len(sample), 1) >= _MIN_BLOCK_TAGS_PER_KB
