"""CSV tables for Gephi's spreadsheet import and for Kumu, written into one directory.

Gephi reads nodes.csv (``Id``/``Label``) and edges.csv (``Source``/``Target``/``Type`` = Directed; the
flow kind is in ``Label`` and ``Kind``). Kumu wants ``Type`` to be the connection type (the flow kind)
and its key columns first, which Gephi's table cannot give without breaking it, so Kumu gets its own
pair: kumu-elements.csv (``ID``, ``Label``, ``Type``, ...) and kumu-connections.csv (``ID``, ``From``,
``To``, ``Type``, ``Direction``, ...). ``From``/``To`` hold element IDs, so two actors with the same
name stay apart, and every flow has its own ID, so parallel flows between two actors are all kept.
claims.csv holds every claim with its quote and document.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from claimgraph import query
from claimgraph.export.registry import Exporter, Options

NODE_HEADER = ["Id", "Label", "Type", "Aliases", "Documents"]
EDGE_HEADER = ["Id", "Source", "Target", "Type", "Label", "Kind", "Evidence", "Claim", "ClaimId", "Document",
               "DocumentTitle", "Url", "Hedged", "Denied", "OwnerEnd", "OwnedFirm"]
# Kumu: ID first, then Label (elements) or From, To (connections); "|" separates the values of one cell.
KUMU_ELEMENT_HEADER = ["ID", "Label", "Type", "Aliases", "Documents", "Url"]
KUMU_CONNECTION_HEADER = ["ID", "From", "To", "Type", "Direction", "Description", "Evidence", "Claim ID",
                          "Document", "Document Title", "Url", "Hedged", "Denied"]
CLAIM_HEADER = ["Id", "Document", "DocumentTitle", "ClaimId", "Quote", "Start", "End", "Evidence", "Source",
                "Attribution", "Hedged", "Denied", "Url"]


def write_tables(conn: sqlite3.Connection, out_dir: Path, options: Options) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    graph = query.flow_graph(conn)
    with open(out_dir / "nodes.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(NODE_HEADER)
        for a in graph.nodes:
            w.writerow([f"actor-{a.id}", a.name, a.type, "; ".join(a.aliases), a.n_documents])
    with open(out_dir / "edges.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(EDGE_HEADER)
        for e in graph.edges:
            w.writerow([f"{e.doc_id[:12]}-{e.id}", f"actor-{e.source_actor}", f"actor-{e.target_actor}", "Directed",
                        e.kind, e.kind, e.evidence or "", e.claim_text or "", e.claim_id or "", e.doc_id,
                        e.doc_title or "", _url(options, e.doc_id, e.claim_id), int(e.hedged), int(e.denied),
                        e.owner_end or "", e.owned_firm or ""])
    _write_kumu(graph, out_dir, options)
    n = 0
    with open(out_dir / "claims.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(CLAIM_HEADER)
        for c in query.all_claims(conn):
            w.writerow([f"{c.doc_id[:12]}-{c.id}", c.doc_id, c.doc_title or "", c.id, c.text, c.start, c.end,
                        c.evidence, c.source_text or "", c.attribution or "", int(c.hedged), int(c.denied),
                        _url(options, c.doc_id, c.id)])
            n += 1
    return n


def _write_kumu(graph: query.Graph, out_dir: Path, options: Options) -> None:
    """Kumu's element and connection sheets (import elements first: connections refer to their IDs)."""
    with open(out_dir / "kumu-elements.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(KUMU_ELEMENT_HEADER)
        for a in graph.nodes:
            w.writerow([f"actor-{a.id}", a.name, a.type, "|".join(a.aliases), a.n_documents,
                        f"{options.base_url}/actor/{a.id}"])
    with open(out_dir / "kumu-connections.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(KUMU_CONNECTION_HEADER)
        for e in graph.edges:
            w.writerow([f"{e.doc_id[:12]}-{e.id}", f"actor-{e.source_actor}", f"actor-{e.target_actor}", e.kind,
                        "directed", e.claim_text or "", e.evidence or "", e.claim_id or "", e.doc_id,
                        e.doc_title or "", _url(options, e.doc_id, e.claim_id), int(e.hedged), int(e.denied)])


def _url(options: Options, doc_id: str, claim_id: str | None) -> str:
    return f"{options.base_url}/doc/{doc_id}" + (f"#claim-{claim_id}" if claim_id else "")


EXPORTER = Exporter("csv", "CSV tables into --out DIR: nodes.csv, edges.csv, claims.csv (Gephi) and "
                    "kumu-elements.csv, kumu-connections.csv (Kumu)",
                    to_dir=write_tables)
