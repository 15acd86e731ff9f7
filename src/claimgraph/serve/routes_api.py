"""JSON API under /api (documented by FastAPI at /openapi.json and /docs)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from claimgraph import query
from claimgraph.records import Evidence as EvidenceKind
from claimgraph.records import FlowKind
from claimgraph.serve import views
from claimgraph.serve.app import reader

router = APIRouter(prefix="/api", tags=["api"])
DOC_ID = re.compile(r"^[0-9a-f]{64}$")
Conn = Annotated[sqlite3.Connection, Depends(reader)]


PAGE_HELP = "page number (1, 2, ...) counted in pages of `limit`: instead of `offset`, like the HTML pages' ?page="


def start_of(limit: int, offset: int | None, page: int | None) -> int:
    """The row to start at: ``offset``, or the first row of ``page``; both at once is a client's mistake."""
    if page is not None and offset is not None:
        raise HTTPException(400, "give either offset or page, not both")
    if page is not None:
        return (page - 1) * limit
    return offset or 0


@dataclass(frozen=True, slots=True)
class Rows:
    """The rows a paged endpoint returns: ``limit`` of them from ``start``."""

    limit: int
    start: int


def paged(default_limit: int) -> Any:
    """The ``limit``, ``offset`` and ``page`` parameters every paged endpoint takes, as a dependency."""

    def rows(limit: int = Query(default_limit, ge=1, le=10_000), offset: int | None = Query(None, ge=0, le=2**62),
             page: int | None = Query(None, ge=1, le=2**40, description=PAGE_HELP)) -> Rows:
        return Rows(limit, start_of(limit, offset, page))

    return Depends(rows)


FirstRows = Annotated[Rows, paged(500)]  # documents and claims: 500 a page unless ?limit= says otherwise
MoreRows = Annotated[Rows, paged(1000)]  # actors and candidates: shorter rows, 1,000 a page


def check_doc_id(doc_id: str) -> str:
    if not DOC_ID.match(doc_id):
        raise HTTPException(404, "no such document (ids are 64 hexadecimal characters)")
    return doc_id


@router.get("/documents", summary="Documents of the corpus with their sourcing profile, a page at a time",
            description="Newest first; the `X-Total-Count` header holds the number of documents in the corpus.")
def documents(response: Response, conn: Conn, rows: FirstRows) -> Any:
    response.headers["X-Total-Count"] = str(query.count_documents(conn))
    return query.to_json(query.list_documents(conn, rows.limit, rows.start))


@router.get("/documents/{doc_id}", summary="The analysis JSON of one document")
def document(doc_id: str, conn: Conn) -> Any:
    analysis = query.get_analysis(conn, check_doc_id(doc_id))
    if analysis is None:
        raise HTTPException(404, "no such document")
    return analysis


@router.get("/search", summary="Full-text search over documents and claims (FTS5 syntax)",
            responses={400: {"description": "The query cannot be parsed"}})
def search(conn: Conn, q: str = Query(..., max_length=1000), limit: int = Query(50, ge=1, le=500)) -> Any:
    return query.to_json(query.search(conn, q, limit))


@router.get("/actors", summary="Actors of the corpus, a page at a time; ?name= finds an actor by name or alias",
            description="Those in the most documents first (with ?name=, by id); the `X-Total-Count` header holds "
                        "the number of actors (that match ?name=): ask for `offset` + `limit` next to walk them all.")
def actors(response: Response, conn: Conn, rows: MoreRows, name: str | None = Query(None, max_length=300)) -> Any:
    response.headers["X-Total-Count"] = str(query.count_actors(conn, name or None))
    found = (query.find_actors(conn, name, rows.limit, rows.start) if name
             else query.list_actors(conn, rows.limit, rows.start))
    return query.to_json(found)


@router.get("/actors/{actor_id}", summary="An actor: what it said, what was claimed about it, its flows")
def actor(actor_id: int, conn: Conn) -> Any:
    found = query.get_actor(conn, actor_id)
    if found is None:
        raise HTTPException(404, "no such actor")
    return {
        "actor": query.to_json(found),
        "said": query.to_json(query.actor_said(conn, actor_id)),
        "claimed_about": query.to_json(query.actor_claimed_about(conn, actor_id)),
        "flows": query.to_json(query.flows(conn, actor_id=actor_id)),
        "documents": query.to_json(query.actor_documents(conn, actor_id)),
    }


@router.get("/claims", summary="Claims made by or about an actor, a page at a time",
            description="For each actor the name or alias finds (by id): what it said, then what was claimed about "
                        "it, in document order. The `X-Total-Count` header holds the number of such claims.")
def claims(response: Response, conn: Conn, rows: FirstRows,
           actor: str = Query(..., min_length=1, max_length=300, pattern=r"\S"),
           evidence: EvidenceKind | None = None) -> Any:
    response.headers["X-Total-Count"] = str(query.count_claims_for_actor(conn, actor, evidence))
    return query.to_json(query.claims_for_actor(conn, actor, evidence, rows.limit, rows.start))


@router.get("/graph", summary="The flow graph as Cytoscape elements, cut to the most connected actors",
            description="Keeps the `limit` actors at the end of the most flows and the flows among them; "
                        "`total_nodes`, `total_edges` and `truncated` say how much of the filtered graph that is.")
def graph(conn: Conn, kind: Annotated[list[FlowKind], Query()] = [],  # noqa: B006 (FastAPI copies defaults)
          evidence: Annotated[list[EvidenceKind], Query()] = [],  # noqa: B006
          limit: int = Query(views.GRAPH_LIMIT, ge=1, le=views.GRAPH_LIMIT_MAX)) -> Any:
    return views.graph_json(query.flow_graph(conn, kind, evidence, limit))


@router.get("/candidates", summary="Open proposals to merge two actors, the most likely first, a page at a time",
            description="The `X-Total-Count` header holds the number of open candidates.")
def candidates(response: Response, conn: Conn, rows: MoreRows) -> Any:
    response.headers["X-Total-Count"] = str(query.count_candidates(conn))
    return query.to_json(query.candidates(conn, rows.limit, rows.start))
