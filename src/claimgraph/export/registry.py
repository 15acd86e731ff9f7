"""The registry of export formats: name -> module exposing ``EXPORTER``.

Built-in formats are imported only when asked for (followthemoney and networkx are slow to import);
other packages can add formats through the ``claimgraph.exporters`` entry-point group.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import TextIO

from claimgraph.errors import ClaimgraphError

BUILTIN: dict[str, str] = {
    "ftm": "claimgraph.export.ftm",
    "gexf": "claimgraph.export.gexf",
    "graphml": "claimgraph.export.graphml",
    "csv": "claimgraph.export.csv_tables",
    "jsonl": "claimgraph.export.jsonl",
}


class ExportError(ClaimgraphError):
    """An export cannot be written as asked (unknown format, --out missing for a directory format...)."""


@dataclass(frozen=True, slots=True)
class Options:
    """What every exporter may use; ``base_url`` makes links back to the web UI's sentences."""

    base_url: str = "http://127.0.0.1:8000"


@dataclass(frozen=True, slots=True)
class Exporter:
    """``stream`` writes to a text stream (a file or stdout); ``to_dir`` writes files into a directory."""

    name: str
    help: str
    stream: Callable[[sqlite3.Connection, TextIO, Options], int] | None = None
    to_dir: Callable[[sqlite3.Connection, Path, Options], int] | None = None


def formats() -> list[str]:
    names = set(BUILTIN) | {ep.name for ep in entry_points(group="claimgraph.exporters")}
    return sorted(names)


def get_exporter(name: str) -> Exporter:
    if name in BUILTIN:
        module = importlib.import_module(BUILTIN[name])
        return module.EXPORTER
    for ep in entry_points(group="claimgraph.exporters"):
        if ep.name == name:
            return ep.load()
    raise ExportError(f"unknown export format {name!r}; choose one of: {', '.join(formats())}")
