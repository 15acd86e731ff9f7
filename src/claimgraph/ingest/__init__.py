"""Readers: bytes -> RawDocument, chosen by content, not only by file extension.

The stages, in the order a file goes through them: ``files`` (path -> bytes, size checked
first), ``sniff`` (PDF, a known binary format, HTML or text?), ``decode`` (bytes -> str in
whatever encoding), then one reader: ``html`` (trafilatura) or ``pdf`` (pdfplumber); plain
text needs nothing more. Every failure is an InputError naming the file and the reason.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from claimgraph.config import Settings
from claimgraph.errors import InputError
from claimgraph.ingest.decode import decode_text, normalise_newlines
from claimgraph.ingest.files import load_bytes, too_large
from claimgraph.ingest.html import declared_charset, extract_html
from claimgraph.ingest.pdf import extract_pdf
from claimgraph.ingest.sniff import (
    APPLICATION_PDF,
    TEXT_HTML,
    TEXT_PLAIN,
    binary_format,
    is_pdf,
    looks_binary,
    looks_like_html,
)
from claimgraph.records import RawDocument

__all__ = ["read_bytes", "read_path", "read_text"]


def read_path(path: str | Path, settings: Settings | None = None) -> RawDocument:
    """Read one input file; raise InputError naming the file when it cannot be used."""
    settings = settings or Settings()
    data = load_bytes(Path(path), settings.max_input_bytes)
    return read_bytes(data, str(path), settings)


def read_bytes(data: bytes, path: str | None = None, settings: Settings | None = None) -> RawDocument:
    """Turn the bytes of a text, HTML or PDF file into a RawDocument; ``path`` only names it in errors."""
    settings = settings or Settings()
    if len(data) > settings.max_input_bytes:
        raise too_large(path, len(data), settings.max_input_bytes)
    if not data:
        raise InputError(path, "is empty (0 bytes)")
    doc_id = hashlib.sha256(data).hexdigest()
    if is_pdf(data):
        return RawDocument(doc_id=doc_id, path=path, media_type=APPLICATION_PDF, text=extract_pdf(data, path))
    kind = binary_format(data)
    if kind:
        raise InputError(path, f"is a binary file ({kind}), not text, HTML or PDF")
    decoded = decode_text(data, path, declared=declared_charset(data))
    text = normalise_newlines(decoded.text)
    if looks_binary(text):
        raise InputError(path, "is a binary file (it is full of control characters), not text")
    if not text.strip():
        raise InputError(path, "is empty (only whitespace)")
    if looks_like_html(text):
        return _html_document(text, doc_id, path, decoded.encoding)
    return RawDocument(doc_id=doc_id, path=path, media_type=TEXT_PLAIN, text=text, encoding=decoded.encoding)


def read_text(text: str, path: str | None = None) -> RawDocument:
    """A RawDocument for text given directly (the API's ``analyze("...")``), kept exactly as given."""
    data = text.encode("utf-8", errors="surrogatepass")
    return RawDocument(
        doc_id=hashlib.sha256(data).hexdigest(), path=path, media_type=TEXT_PLAIN, text=text, encoding="utf-8"
    )


def _html_document(html: str, doc_id: str, path: str | None, encoding: str) -> RawDocument:
    article = extract_html(html, path)
    return RawDocument(
        doc_id=doc_id,
        path=path,
        media_type=TEXT_HTML,
        text=article.text,
        encoding=encoding,
        title=article.title,
        byline=article.byline,
        published=article.published,
        url=article.url,
        site=article.site,
        block_quotes=article.block_quotes,
    )
