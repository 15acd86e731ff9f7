"""GEXF for Gephi: actors as nodes, flows as directed edges with kind, evidence, claim and document."""

from __future__ import annotations

import io
import sqlite3
from typing import TextIO

import networkx as nx

from claimgraph.export.graph import build_graph
from claimgraph.export.registry import Exporter, Options


def write_gexf(conn: sqlite3.Connection, out: TextIO, options: Options) -> int:
    graph = build_graph(conn, options)
    buf = io.BytesIO()
    nx.write_gexf(graph, buf)
    out.write(buf.getvalue().decode("utf-8"))
    return graph.number_of_edges()


EXPORTER = Exporter("gexf", "GEXF graph for Gephi", stream=write_gexf)
