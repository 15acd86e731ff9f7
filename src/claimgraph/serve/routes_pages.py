"""Server-rendered pages: corpus, search, document, actor, graph, candidates."""

from __future__ import annotations

import re
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


def whole_number(name: str, raw: str | None, default: int, lo: int, hi: int) -> int:
    """A query parameter that must be a whole number in [lo, hi]; anything else is a 400 page saying so."""
    if raw is None or raw == "":
        return default
    if re.fullmatch(r"[0-9]{1,12}", raw) and lo <= int(raw) <= hi:
        return int(raw)
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    raise HTTPException(400, f"{name} must be a whole number from {lo:,} to {hi:,}, not {shown!r}")


def pager_for(request: Request, page: str | None, total: int) -> views.Pager:
    """The page ``?page=`` asks for among ``total`` rows (none: the first); one that does not exist is a 400 page."""
    size = request.app.state.page_size
    return views.Pager(whole_number("page", page, 1, 1, views.Pager(1, size, total).pages), size, total)


@router.get("/")
def corpus(request: Request, conn: Conn, page: str | None = None) -> Response:
    n = query.count_documents(conn)
    pager = pager_for(request, page, n)
    docs = query.list_documents(conn, pager.size, pager.offset)
    return render(request, "corpus.html", docs=docs, bars={d.id: views.profile_bars(d.profile) for d in docs},
                  n_documents=n, pager=pager, q="")


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
def actors(request: Request, conn: Conn, page: str | None = None) -> Response:
    pager = pager_for(request, page, query.count_actors(conn))
    return render(request, "actors.html", actors=query.list_actors(conn, pager.size, pager.offset), pager=pager)


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
          evidence: Annotated[list[EvidenceKind], Query()] = [],  # noqa: B006
          limit: str | None = None) -> Response:
    n = whole_number("limit", limit, views.GRAPH_LIMIT, 1, views.GRAPH_LIMIT_MAX)
    g = query.flow_graph(conn, kind, evidence, n)
    filters = [("kind", k) for k in kind] + [("evidence", e) for e in evidence]
    params = filters + ([("limit", str(n))] if n != views.GRAPH_LIMIT else [])
    api = "/api/graph" + ("?" + urlencode(params) if params else "")
    more = min(2 * n, views.GRAPH_LIMIT_MAX)
    more_url = "/graph?" + urlencode([*filters, ("limit", str(more))]) if g.truncated and more > n else None
    response = render(request, "graph.html", graph=g, api=api, kind=kind, evidence=evidence, limit=n,
                      limit_max=views.GRAPH_LIMIT_MAX, more_url=more_url)
    response.headers["Content-Security-Policy"] = CSP_GRAPH
    return response


@router.get("/candidates")
def candidates(request: Request, conn: Conn, page: str | None = None) -> Response:
    pager = pager_for(request, page, query.count_candidates(conn))
    return render(request, "candidates.html", candidates=query.candidates(conn, pager.size, pager.offset),
                  pager=pager, decisions=query.decisions(conn))


@router.post("/candidates/{candidate_id}")
async def decide(request: Request, candidate_id: int, conn: Conn) -> Response:
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
    # back to the page the form was on, or the last page left when the decision emptied it
    page = (form.get("page") or ["1"])[0]
    last = views.Pager(1, request.app.state.page_size, query.count_candidates(conn)).pages
    back = min(int(page), last) if re.fullmatch(r"[0-9]{1,12}", page) and int(page) >= 1 else 1
    return RedirectResponse("/candidates" if back == 1 else f"/candidates?page={back}", status_code=303)
