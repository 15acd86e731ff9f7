"""Data files users can extend: reporting verbs, inference markers, alias tables, flow triggers.

Every reader of a lexicon goes through these two functions, so a missing file
gets the same clear error and each file is parsed once per process.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=128)
def read_lines(name: str) -> tuple[str, ...]:
    """The raw lines of ``claimgraph/lexicons/<name>`` (comments included, for line-numbered errors)."""
    try:
        raw = resources.files("claimgraph.lexicons").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:  # pragma: no cover - a broken install
        raise FileNotFoundError(f"lexicon {name!r} is missing from claimgraph/lexicons: reinstall claimgraph") from exc
    return tuple(raw.splitlines())


@lru_cache(maxsize=128)
def entries(name: str) -> tuple[str, ...]:
    """The entries of a lexicon: stripped lines, blank lines and whole-line ``#`` comments dropped."""
    return tuple(s for s in (line.strip() for line in read_lines(name)) if s and not s.startswith("#"))
