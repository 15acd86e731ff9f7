"""GraphML (Gephi, yEd, Neo4j's apoc): actors as nodes, flows as directed edges."""

from __future__ import annotations

import sqlite3
from typing import TextIO

import networkx as nx

from claimgraph.export.graph import build_graph
from claimgraph.export.registry import Exporter, Options


def write_graphml(conn: sqlite3.Connection, out: TextIO, options: Options) -> int:
    graph = build_graph(conn, options)
    for line in nx.generate_graphml(graph, encoding="utf-8", prettyprint=True):
        out.write(line + "\n")
    return graph.number_of_edges()


EXPORTER = Exporter("graphml", "GraphML graph (Gephi, yEd, Neo4j)", stream=write_graphml)
