"""The flow graph as a networkx MultiDiGraph, shared by the GEXF and GraphML exports."""

from __future__ import annotations

import sqlite3

import networkx as nx

from claimgraph import query
from claimgraph.export.registry import Options


def build_graph(conn: sqlite3.Connection, options: Options) -> nx.MultiDiGraph:
    """Actors as nodes, each flow a directed edge carrying its kind, evidence, claim and document."""
    g = query.flow_graph(conn)
    graph = nx.MultiDiGraph(name="claimgraph flows")
    for a in g.nodes:
        graph.add_node(f"actor-{a.id}", label=a.name, type=a.type, aliases="; ".join(a.aliases))
    for e in g.edges:
        graph.add_edge(
            f"actor-{e.source_actor}", f"actor-{e.target_actor}", key=f"{e.doc_id[:12]}-{e.id}",
            label=e.kind, kind=e.kind, evidence=e.evidence or "", claim=e.claim_text or "",
            claim_id=e.claim_id or "", document=e.doc_id, document_title=e.doc_title or "",
            url=f"{options.base_url}/doc/{e.doc_id}#claim-{e.claim_id}" if e.claim_id else "",
            hedged=e.hedged, denied=e.denied,
            # a state read from a firm it owns ("source" or "target"; empty when the article names the end)
            owner_end=e.owner_end or "", owned_firm=e.owned_firm or "",
        )
    return graph
