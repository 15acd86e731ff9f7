"""Data files users can extend: reporting verbs, inference markers, alias tables, flow triggers.

Every reader of a lexicon goes through the functions below, so a missing file
gets the same clear error and each file is parsed once per process. Users extend
a list without editing the package: a file of the same name in a directory named
by ``CLAIMGRAPH_LEXICONS`` (several directories separated by ``os.pathsep``) is
read after the package's own, so its rows add to it, and in the tables, where a
later row for the same key wins, override it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from claimgraph.errors import LexiconError

ENV_DIRS = "CLAIMGRAPH_LEXICONS"


def user_files(name: str) -> list[Path]:
    """The user's files extending ``name``, in the order of ``CLAIMGRAPH_LEXICONS``."""
    dirs = [d for d in os.environ.get(ENV_DIRS, "").split(os.pathsep) if d.strip()]
    for d in dirs:
        if not Path(d).is_dir():
            raise LexiconError(ENV_DIRS, f"{d!r} is not a directory")
    return [Path(d) / name for d in dirs if (Path(d) / name).is_file()]


@lru_cache(maxsize=128)
def lexicon_files(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(label, raw lines) of ``claimgraph/lexicons/<name>`` and then of each of the user's files of that name.

    Comments are kept, so that errors can name the file and line.
    """
    try:
        raw = resources.files("claimgraph.lexicons").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:  # pragma: no cover - a broken install
        raise FileNotFoundError(f"lexicon {name!r} is missing from claimgraph/lexicons: reinstall claimgraph") from exc
    out = [(f"claimgraph/lexicons/{name}", tuple(raw.splitlines()))]
    for path in user_files(name):
        try:
            out.append((str(path), tuple(path.read_text(encoding="utf-8").splitlines())))
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(str(path), f"cannot read it ({exc})") from exc
    return tuple(out)


def read_lines(name: str) -> tuple[str, ...]:
    """The raw lines of a lexicon, the package's first and then the user's (comments included)."""
    return tuple(line for _, lines in lexicon_files(name) for line in lines)


def numbered_rows(name: str) -> Iterator[tuple[str, str]]:
    """(where, raw line) for every entry of a lexicon, ``where`` being "file, line N" for errors; blank lines
    and whole-line ``#`` comments left out."""
    for label, lines in lexicon_files(name):
        for n, line in enumerate(lines, 1):
            if line.strip() and not line.lstrip().startswith("#"):
                yield f"{label}, line {n}", line


@lru_cache(maxsize=128)
def entries(name: str) -> tuple[str, ...]:
    """The entries of a lexicon: stripped lines, blank lines and whole-line ``#`` comments dropped."""
    return tuple(s for s in (line.strip() for line in read_lines(name)) if s and not s.startswith("#"))
