"""The Python API: ``claimgraph.analyze(path_or_text) -> Analysis``."""

from __future__ import annotations

from pathlib import Path

from claimgraph.clean import clean, raw_document
from claimgraph.config import Settings
from claimgraph.ingest import read_path, read_text
from claimgraph.nlp import load_pipeline
from claimgraph.pipeline import analyze_document
from claimgraph.records import Analysis, Document, RawDocument


def to_document(raw: RawDocument, settings: Settings) -> Document:
    return raw_document(raw) if settings.raw else clean(raw)


def analyze(path_or_text: str | Path, settings: Settings | None = None) -> Analysis:
    """Analyse a file (a Path, or a str naming an existing file) or a text given as a str."""
    settings = settings or Settings()
    if isinstance(path_or_text, Path) or _names_file(path_or_text):
        raw = read_path(path_or_text, settings)
    else:
        raw = read_text(str(path_or_text))
    return analyze_raw(raw, settings)


def _names_file(text: str) -> bool:
    """True when ``text`` is the path of an existing file; a sentence is never one, however long."""
    if "\n" in text or len(text) >= 4096:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a word longer than the file system's name limit, or a NUL
        return False


def analyze_raw(raw: RawDocument, settings: Settings | None = None) -> Analysis:
    settings = settings or Settings()
    nlp = load_pipeline(settings)
    return analyze_document(to_document(raw, settings), nlp, settings)
