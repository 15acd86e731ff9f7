"""JSON lines: one analysis JSON object per document, exactly as stored (it round-trips)."""

from __future__ import annotations

import json
import sqlite3
from typing import TextIO

from claimgraph import query
from claimgraph.export.registry import Exporter, Options


def write_jsonl(conn: sqlite3.Connection, out: TextIO, options: Options) -> int:
    n = 0
    for analysis in query.iter_analyses(conn):
        out.write(json.dumps(analysis, ensure_ascii=False) + "\n")
        n += 1
    return n


EXPORTER = Exporter("jsonl", "analysis JSON, one document per line", stream=write_jsonl)
