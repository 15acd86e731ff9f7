"""Input names for ``claimgraph ingest``: globs expanded here, folders walked by ``claimgraph.batch``.

Analysis itself is ``claimgraph.batch.analyze_path`` (a pure ``path -> DocResult``) run by
``claimgraph.batch.run_batch`` (serially, on N processes or a Dask cluster); the one ``Writer`` stores
each result as it arrives.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path


def expand_globs(args: Iterable[str]) -> tuple[list[str], list[str]]:
    """Names with glob patterns (``'articles/**/*.txt'``, quoted so the shell left them) expanded.

    Returns the names and one error message per pattern that matched nothing. Names without a
    pattern pass through unchanged, even when missing, so that the reader reports them with the rest.
    """
    names: list[str] = []
    errors: list[str] = []
    for arg in args:
        if glob.has_magic(arg) and not Path(arg).exists():
            matches = sorted(glob.glob(arg, recursive=True))
            names += matches
            if not matches:
                errors.append(f"{arg}: the pattern matches no file")
        else:
            names.append(arg)
    return names, errors
