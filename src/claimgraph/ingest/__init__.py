"""Readers: bytes -> RawDocument, chosen by content, not only by file extension."""

from __future__ import annotations

import hashlib
from pathlib import Path

from claimgraph.config import Settings
from claimgraph.errors import InputError
from claimgraph.records import RawDocument


def read_path(path: str | Path, settings: Settings | None = None) -> RawDocument:
    """Read one input file; raise InputError naming the file when it cannot be used."""
    settings = settings or Settings()
    p = Path(path)
    if not p.exists():
        raise InputError(str(p), "no such file")
    if p.is_dir():
        raise InputError(str(p), "is a directory, not a file")
    data = p.read_bytes()
    return read_bytes(data, str(p), settings)


def read_bytes(data: bytes, path: str | None = None, settings: Settings | None = None) -> RawDocument:
    """Decode bytes into a RawDocument (placeholder: UTF-8 text only)."""
    if not data.strip():
        raise InputError(path, "is empty")
    text = data.decode("utf-8-sig")
    return RawDocument(doc_id=hashlib.sha256(data).hexdigest(), path=path, media_type="text/plain", text=text,
                       encoding="utf-8")


def read_text(text: str, path: str | None = None) -> RawDocument:
    """A RawDocument for text given directly (the API's ``analyze("...")``)."""
    data = text.encode("utf-8")
    return RawDocument(doc_id=hashlib.sha256(data).hexdigest(), path=path, media_type="text/plain", text=text,
                       encoding="utf-8")
