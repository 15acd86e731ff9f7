"""Server-rendered pages: corpus, search, document, actor, graph, candidates."""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from claimgraph import query
from claimgraph.serve import views
from claimgraph.serve.app import CSP_GRAPH, reader, writer
from claimgraph.serve.routes_api import EvidenceKind, FlowKind, check_doc_id

router = APIRouter(include_in_schema=False)
Conn = Annotated[sqlite3.Connection, Depends(reader)]


def render(request: Request, template: str, **context: Any) -> Response:
    response: Response = request.app.state.templates.TemplateResponse(request, template, context)
    return response


@router.get("/")
def corpus(request: Request, conn: Conn) -> Response:
    docs = query.list_documents(conn)
    return render(request, "corpus.html", docs=docs, bars={d.id: views.profile_bars(d.profile) for d in docs},
                  n_documents=query.count_documents(conn), q="")


@router.get("/search")
def search(request: Request, conn: Conn, q: str = Query("", max_length=1000)) -> Response:
    hits = query.search(conn, q) if q.strip() else []
    return render(request, "search.html", q=q, hits=hits, snippet=views.snippet_html)


@router.get("/doc/{doc_id}")
def document(request: Request, doc_id: str, conn: Conn) -> Response:
    analysis = query.get_analysis(conn, check_doc_id(doc_id))
    if analysis is None:
        raise HTTPException(404, "no such document")
    claims_by_att: dict[str, list[dict[str, Any]]] = {}
    for c in analysis.get("claims", []):
        if c.get("attribution"):
            claims_by_att.setdefault(c["attribution"], []).append(c)
    return render(
        request, "document.html", doc=analysis["document"], analysis=analysis,
        regions=views.document_regions(analysis), actors=query.entity_actors(conn, doc_id),
        claims_by_att=claims_by_att, bars=views.profile_bars(analysis.get("sourcing_profile", {})),
        profile=analysis.get("sourcing_profile", {}),
    )


@router.get("/actors")
def actors(request: Request, conn: Conn) -> Response:
    return render(request, "actors.html", actors=query.list_actors(conn))


@router.get("/actor/{actor_id}")
def actor(request: Request, actor_id: int, conn: Conn) -> Response:
    found = query.get_actor(conn, actor_id)
    if found is None:
        raise HTTPException(404, "no such actor (it may have been merged into another)")
    return render(
        request, "actor.html", actor=found, said=query.actor_said(conn, actor_id),
        about=query.actor_claimed_about(conn, actor_id), flows=query.flows(conn, actor_id=actor_id),
        documents=query.actor_documents(conn, actor_id),
    )


@router.get("/graph")
def graph(request: Request, conn: Conn, kind: Annotated[list[FlowKind], Query()] = [],  # noqa: B006
          evidence: Annotated[list[EvidenceKind], Query()] = []) -> Response:  # noqa: B006
    g = query.flow_graph(conn, kind, evidence)
    api = "/api/graph" + ("?" + urlencode([("kind", k) for k in kind] + [("evidence", e) for e in evidence])
                          if kind or evidence else "")
    response = render(request, "graph.html", graph=g, api=api, kind=kind, evidence=evidence)
    response.headers["Content-Security-Policy"] = CSP_GRAPH
    return response


@router.get("/candidates")
def candidates(request: Request, conn: Conn) -> Response:
    return render(request, "candidates.html", candidates=query.candidates(conn), decisions=query.decisions(conn))


@router.post("/candidates/{candidate_id}")
async def decide(request: Request, candidate_id: int) -> Response:
    """The one write: confirm (merge) or reject a candidate. Same-origin form posts only."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "cross-site form posts are refused")
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    decision: Literal["merge", "reject"]
    match (form.get("decision") or [""])[0]:
        case "merge":
            decision = "merge"
        case "reject":
            decision = "reject"
        case _:
            raise HTTPException(400, "decision must be 'merge' or 'reject'")
    try:
        await run_in_threadpool(writer(request).decide(candidate_id, decision).result)
    except LookupError as exc:
        raise HTTPException(404, str(exc.args[0])) from exc
    return RedirectResponse("/candidates", status_code=303)
