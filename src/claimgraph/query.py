"""The one place that reads the corpus database; serve/ and export/ both use it (no SQL elsewhere).

Every function takes a read-only connection from :func:`connect` and returns small frozen records.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from claimgraph.errors import ClaimgraphError
from claimgraph.store.actors import normalise
from claimgraph.store.connect import connect_reader as connect

__all__ = ["connect"]

# Marks around matched terms in search snippets: control characters never found in cleaned text,
# so the web layer can escape the snippet first and turn these into <mark> afterwards.
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"


class SearchError(ClaimgraphError):
    """A full-text query SQLite's FTS5 cannot parse; the message says why and how to fix it."""


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    title: str | None
    path: str | None
    byline: str | None
    published: str | None
    media_type: str
    n_claims: int
    profile: dict[str, int]


@dataclass(frozen=True, slots=True)
class ActorRow:
    id: int
    name: str
    type: str
    aliases: list[str]
    n_documents: int = 0


@dataclass(frozen=True, slots=True)
class ClaimRow:
    doc_id: str
    doc_title: str | None
    id: str
    text: str
    start: int
    end: int
    evidence: str
    attribution: str | None
    source_text: str | None
    hedged: bool
    denied: bool
    role: str = ""  # "said" (the actor is the source) or "about" (the actor is mentioned)


@dataclass(frozen=True, slots=True)
class FlowRow:
    doc_id: str
    doc_title: str | None
    id: str
    kind: str
    source_actor: int
    source_name: str
    target_actor: int
    target_name: str
    claim_id: str | None
    claim_text: str | None
    evidence: str | None
    trigger: str
    item: str | None
    claimed_by: str | None
    hedged: bool
    denied: bool
    # "source" or "target" when that end is a state read from a firm it owns (claimgraph's reading),
    # and the firm's name
    owner_end: str | None = None
    owned_firm: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "document" or "claim"
    doc_id: str
    doc_title: str | None
    snippet: str  # matched terms between MARK_OPEN and MARK_CLOSE
    claim_id: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    actor_a: int
    name_a: str
    type_a: str
    actor_b: int
    name_b: str
    type_b: str
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class Decision:
    name_a: str
    name_b: str
    decision: str
    decided_at: str


@dataclass(frozen=True, slots=True)
class Graph:
    """Actors and flows; ``total_*`` count the whole (filtered) graph, which a node limit may have cut."""

    nodes: list[ActorRow] = field(default_factory=list)
    edges: list[FlowRow] = field(default_factory=list)
    total_nodes: int = 0
    total_edges: int = 0

    @property
    def truncated(self) -> bool:
        return len(self.nodes) < self.total_nodes


def to_json(record: Any) -> Any:
    """A record (or a list of them) as JSON-ready dicts."""
    if isinstance(record, list):
        return [to_json(r) for r in record]
    return asdict(record)


# -- documents ---------------------------------------------------------------------------------------

_DOC_COLS = "id, title, path, byline, published, media_type, n_claims, profile"


def _doc(r: sqlite3.Row) -> DocumentRow:
    return DocumentRow(r["id"], r["title"], r["path"], r["byline"], r["published"], r["media_type"], r["n_claims"],
                       json.loads(r["profile"]))


def count_documents(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])


def list_documents(conn: sqlite3.Connection, limit: int = 500, offset: int = 0) -> list[DocumentRow]:
    """One page of documents, newest first; the id breaks ties so that pages never overlap or skip."""
    rows = conn.execute(
        f"SELECT {_DOC_COLS} FROM documents ORDER BY published DESC NULLS LAST, title, id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [_doc(r) for r in rows]


def get_document(conn: sqlite3.Connection, doc_id: str) -> DocumentRow | None:
    r = conn.execute(f"SELECT {_DOC_COLS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return None if r is None else _doc(r)


def get_analysis(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    """The analysis JSON of one document, as it was stored."""
    r = conn.execute("SELECT analysis FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return None if r is None else dict(json.loads(r["analysis"]))


def iter_analyses(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    for r in conn.execute("SELECT analysis FROM documents ORDER BY ingested_at, id"):
        yield json.loads(r["analysis"])


def entity_actors(conn: sqlite3.Connection, doc_id: str) -> dict[str, ActorRow]:
    """Entity id -> the corpus actor it resolved to, for one document."""
    rows = conn.execute(
        "SELECT e.id AS entity, a.id, a.name, a.type, a.aliases FROM entities e JOIN actors a ON a.id = e.actor_id "
        "WHERE e.doc_id = ?",
        (doc_id,),
    )
    return {r["entity"]: ActorRow(r["id"], r["name"], r["type"], json.loads(r["aliases"])) for r in rows}


# -- search ------------------------------------------------------------------------------------------

def search(conn: sqlite3.Connection, q: str, limit: int = 50) -> list[SearchHit]:
    """Documents and claims matching an FTS5 query (words, "phrases", AND/OR/NOT, NEAR, prefix*)."""
    if not q.strip():
        raise SearchError("empty search: type one or more words")
    try:
        claims = conn.execute(
            "SELECT f.doc_id, f.claim_id, d.title, c.evidence, "
            "snippet(claims_fts, 2, ?, ?, '…', 24) AS snip FROM claims_fts f "
            "JOIN documents d ON d.id = f.doc_id JOIN claims c ON c.doc_id = f.doc_id AND c.id = f.claim_id "
            "WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?",
            (MARK_OPEN, MARK_CLOSE, q, limit),
        ).fetchall()
        docs = conn.execute(
            "SELECT f.doc_id, d.title, snippet(documents_fts, 2, ?, ?, '…', 24) AS snip FROM documents_fts f "
            "JOIN documents d ON d.id = f.doc_id WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (MARK_OPEN, MARK_CLOSE, q, limit),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        raise SearchError(
            f"cannot parse the search {q!r}: {exc}. Put words with punctuation in double quotes "
            '("al-Qaeda"), close every quote, and put AND/OR/NOT between words'
        ) from exc
    return [SearchHit("document", r["doc_id"], r["title"], r["snip"]) for r in docs] + [
        SearchHit("claim", r["doc_id"], r["title"], r["snip"], r["claim_id"], r["evidence"]) for r in claims
    ]


# -- actors and claims -------------------------------------------------------------------------------

def _actor(r: sqlite3.Row) -> ActorRow:
    n = r["n_documents"] if "n_documents" in r.keys() else 0  # noqa: SIM118 (sqlite3.Row has no __contains__)
    return ActorRow(r["id"], r["name"], r["type"], json.loads(r["aliases"]), n)


_ACTOR_COLS = ("a.id, a.name, a.type, a.aliases, "
               "(SELECT COUNT(DISTINCT doc_id) FROM entities e WHERE e.actor_id = a.id) AS n_documents")


def get_actor(conn: sqlite3.Connection, actor_id: int) -> ActorRow | None:
    r = conn.execute(f"SELECT {_ACTOR_COLS} FROM actors a WHERE a.id = ?", (actor_id,)).fetchone()
    return None if r is None else _actor(r)


def count_actors(conn: sqlite3.Connection, name: str | None = None) -> int:
    """The number of actors, or of those :func:`find_actors` finds for ``name``."""
    where, args = _name_filter(conn, name) if name else ("", [])
    return int(conn.execute(f"SELECT COUNT(*) FROM actors a{where}", args).fetchone()[0])


def list_actors(conn: sqlite3.Connection, limit: int = 1000, offset: int = 0) -> list[ActorRow]:
    """One page of actors, those in the most documents first; the id breaks ties so that pages never overlap or skip."""
    rows = conn.execute(f"SELECT {_ACTOR_COLS} FROM actors a ORDER BY n_documents DESC, a.name, a.id LIMIT ? OFFSET ?",
                        (limit, offset))
    return [_actor(r) for r in rows]


def find_actors(conn: sqlite3.Connection, name: str, limit: int | None = None, offset: int = 0) -> list[ActorRow]:
    """Actors named (or aliased) ``name`` after normalisation; else those whose name contains it. By id."""
    where, args = _name_filter(conn, name)
    rows = conn.execute(f"SELECT {_ACTOR_COLS} FROM actors a{where} ORDER BY a.id LIMIT ? OFFSET ?",
                        [*args, -1 if limit is None else limit, offset])  # LIMIT -1: no limit
    return [_actor(r) for r in rows]


def _name_filter(conn: sqlite3.Connection, name: str) -> tuple[str, list[object]]:
    """The WHERE clause of :func:`find_actors` (and its count): an exact key if any actor has it, else a substring."""
    key = normalise(name)
    if conn.execute("SELECT 1 FROM actor_keys k JOIN actors a ON a.id = k.actor_id WHERE k.key = ? LIMIT 1",
                    (key,)).fetchone():
        return " WHERE a.id IN (SELECT actor_id FROM actor_keys WHERE key = ?)", [key]
    like = f"%{_like(name)}%"
    return " WHERE a.name LIKE ? ESCAPE '\\' OR a.aliases LIKE ? ESCAPE '\\'", [like, like]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_CLAIM_COLS = ("c.doc_id, d.title AS doc_title, c.id, c.text, c.start, c.\"end\", c.evidence, c.attribution, "
               "c.source_text, c.hedged, c.denied")


def _claim(r: sqlite3.Row, role: str = "") -> ClaimRow:
    return ClaimRow(r["doc_id"], r["doc_title"], r["id"], r["text"], r["start"], r["end"], r["evidence"],
                    r["attribution"], r["source_text"], bool(r["hedged"]), bool(r["denied"]), role)


# What an actor said: claims whose attribution's source is one of its entities.
_SAID_FROM = (
    "FROM claims c JOIN documents d ON d.id = c.doc_id "
    "JOIN attributions a ON a.doc_id = c.doc_id AND a.id = c.attribution "
    "JOIN entities e ON e.doc_id = a.doc_id AND e.id = a.source_entity "
)
# What was claimed about it: claims that mention one of its entities and that it did not make.
_ABOUT_FROM = (
    "FROM claims c JOIN documents d ON d.id = c.doc_id "
    "JOIN mentions m ON m.doc_id = c.doc_id AND m.start >= c.start AND m.\"end\" <= c.\"end\" "
    "JOIN entities e ON e.doc_id = m.doc_id AND e.id = m.entity_id "
    "LEFT JOIN attributions a ON a.doc_id = c.doc_id AND a.id = c.attribution "
    "LEFT JOIN entities se ON se.doc_id = a.doc_id AND se.id = a.source_entity "
)
_NOT_ITS_OWN = " AND (se.actor_id IS NULL OR se.actor_id != e.actor_id)"
_CLAIM_ORDER = "ORDER BY d.published, c.doc_id, c.start"


def actor_said(conn: sqlite3.Connection, actor_id: int) -> list[ClaimRow]:
    """Claims attributed to the actor (it is the source of the attribution)."""
    rows = conn.execute(f"SELECT DISTINCT {_CLAIM_COLS} {_SAID_FROM}WHERE e.actor_id = ? {_CLAIM_ORDER}", (actor_id,))
    return [_claim(r, "said") for r in rows]


def actor_claimed_about(conn: sqlite3.Connection, actor_id: int) -> list[ClaimRow]:
    """Claims that mention the actor and that the actor did not make."""
    rows = conn.execute(
        f"SELECT DISTINCT {_CLAIM_COLS} {_ABOUT_FROM}WHERE e.actor_id = ?{_NOT_ITS_OWN} {_CLAIM_ORDER}", (actor_id,)
    )
    return [_claim(r, "about") for r in rows]


def actor_documents(conn: sqlite3.Connection, actor_id: int) -> list[DocumentRow]:
    rows = conn.execute(
        f"SELECT {_DOC_COLS} FROM documents WHERE id IN (SELECT doc_id FROM entities WHERE actor_id = ?) "
        "ORDER BY published DESC NULLS LAST, title",
        (actor_id,),
    )
    return [_doc(r) for r in rows]


def _actor_claims_sql(conn: sqlite3.Connection, name: str, evidence: str | None) -> tuple[str, list[object]]:
    """One query over every actor :func:`find_actors` finds for ``name``: for each actor by id, what it said,
    then what was claimed about it, each in document order."""
    where, args = _name_filter(conn, name)
    ids = f"(SELECT a.id FROM actors a{where})"
    cols = f"e.actor_id AS actor, d.published AS published, {_CLAIM_COLS}"
    # "+": not by the evidence index, which SQLite would otherwise prefer to the actor's entities
    kind, kind_args = (" AND +c.evidence = ?", [evidence]) if evidence is not None else ("", [])
    sql = (f"SELECT * FROM (SELECT DISTINCT {cols}, 0 AS said_or_about {_SAID_FROM}WHERE e.actor_id IN {ids}{kind} "
           f"UNION ALL SELECT DISTINCT {cols}, 1 AS said_or_about {_ABOUT_FROM}"
           f"WHERE e.actor_id IN {ids}{_NOT_ITS_OWN}{kind})")
    return sql, [*args, *kind_args, *args, *kind_args]


def claims_for_actor(
    conn: sqlite3.Connection, name: str, evidence: str | None = None, limit: int | None = None, offset: int = 0
) -> list[ClaimRow]:
    """What the actors called ``name`` said and what others claimed about them, optionally of one evidence kind;
    ``limit`` rows from ``offset``. A blank name names no one."""
    if not name.strip():
        return []
    sql, args = _actor_claims_sql(conn, name, evidence)
    rows = conn.execute(f"{sql} ORDER BY actor, said_or_about, published, doc_id, start LIMIT ? OFFSET ?",
                        [*args, -1 if limit is None else limit, offset])
    return [_claim(r, "about" if r["said_or_about"] else "said") for r in rows]


def count_claims_for_actor(conn: sqlite3.Connection, name: str, evidence: str | None = None) -> int:
    """How many rows :func:`claims_for_actor` gives without a limit."""
    if not name.strip():
        return 0
    sql, args = _actor_claims_sql(conn, name, evidence)
    return int(conn.execute(f"SELECT COUNT(*) FROM ({sql})", args).fetchone()[0])


# -- flows and the graph -----------------------------------------------------------------------------

_FLOW_FROM = (
    "FROM flows f JOIN documents d ON d.id = f.doc_id "
    "JOIN entities se ON se.doc_id = f.doc_id AND se.id = f.source_entity JOIN actors sa ON sa.id = se.actor_id "
    "JOIN entities te ON te.doc_id = f.doc_id AND te.id = f.target_entity JOIN actors ta ON ta.id = te.actor_id "
    "LEFT JOIN claims c ON c.doc_id = f.doc_id AND c.id = f.claim "
    "LEFT JOIN entities fe ON fe.doc_id = f.doc_id AND fe.id = f.owned_firm"
)
_FLOW_SQL = (
    "SELECT f.doc_id, d.title AS doc_title, f.id, f.kind, sa.id AS source_actor, sa.name AS source_name, "
    "ta.id AS target_actor, ta.name AS target_name, f.claim AS claim_id, c.text AS claim_text, "
    "COALESCE(f.evidence, c.evidence) AS evidence, f.trigger_text, f.item_text, f.claimed_by, f.hedged, f.denied, "
    "f.owner_end, fe.name AS owned_firm "
    + _FLOW_FROM
)


def _flow(r: sqlite3.Row) -> FlowRow:
    return FlowRow(r["doc_id"], r["doc_title"], r["id"], r["kind"], r["source_actor"], r["source_name"],
                   r["target_actor"], r["target_name"], r["claim_id"], r["claim_text"], r["evidence"],
                   r["trigger_text"], r["item_text"], r["claimed_by"], bool(r["hedged"]), bool(r["denied"]),
                   r["owner_end"], r["owned_firm"])


def _flow_filter(
    kinds: Sequence[str] | None = None,
    evidence: Sequence[str] | None = None,
    actor_id: int | None = None,
    among: Sequence[int] | None = None,
) -> tuple[str, list[object]]:
    """The WHERE clause (with its arguments) shared by :func:`flows` and the graph's flow counts."""
    where: list[str] = []
    args: list[object] = []
    if kinds:
        where.append(f"f.kind IN ({','.join('?' * len(kinds))})")
        args += list(kinds)
    if evidence:
        where.append(f"COALESCE(f.evidence, c.evidence) IN ({','.join('?' * len(evidence))})")
        args += list(evidence)
    if actor_id is not None:
        where.append("(sa.id = ? OR ta.id = ?)")
        args += [actor_id, actor_id]
    if among is not None:  # both ends among these actors; one JSON argument, so no limit on host parameters
        where.append("sa.id IN (SELECT value FROM json_each(?)) AND ta.id IN (SELECT value FROM json_each(?))")
        args += [json.dumps(list(among))] * 2
    return (" WHERE " + " AND ".join(where) if where else ""), args


def flows(
    conn: sqlite3.Connection,
    kinds: Sequence[str] | None = None,
    evidence: Sequence[str] | None = None,
    actor_id: int | None = None,
    among: Sequence[int] | None = None,
) -> list[FlowRow]:
    """Flows between corpus actors; filters by kind, evidence, an actor at either end, or a set of actors."""
    where, args = _flow_filter(kinds, evidence, actor_id, among)
    return [_flow(r) for r in conn.execute(_FLOW_SQL + where + " ORDER BY f.doc_id, f.id", args)]


def actor_flow_counts(
    conn: sqlite3.Connection, kinds: Sequence[str] | None = None, evidence: Sequence[str] | None = None
) -> list[tuple[int, int]]:
    """(actor id, number of flow ends at it) for every actor a flow touches, most connected first."""
    where, args = _flow_filter(kinds, evidence)
    rows = conn.execute(
        f"SELECT actor, COUNT(*) AS n FROM (SELECT sa.id AS actor {_FLOW_FROM}{where} "
        f"UNION ALL SELECT ta.id AS actor {_FLOW_FROM}{where}) GROUP BY actor ORDER BY n DESC, actor",
        args + args,
    )
    return [(int(r[0]), int(r[1])) for r in rows]


def flow_graph(
    conn: sqlite3.Connection,
    kinds: Sequence[str] | None = None,
    evidence: Sequence[str] | None = None,
    limit: int | None = None,
) -> Graph:
    """Actors as nodes and flows as directed edges (one edge per flow: each keeps its own claim).

    With ``limit``, only the ``limit`` actors at the end of the most flows are kept (ties: the lower id),
    with the flows among them; ``total_nodes`` and ``total_edges`` still count the whole filtered graph.
    """
    counts = actor_flow_counts(conn, kinds, evidence)
    total_edges = sum(n for _, n in counts) // 2  # every flow has two ends
    if limit is None or len(counts) <= limit:
        edges = flows(conn, kinds, evidence)
        ids = sorted(a for a, _ in counts)
    else:
        ids = sorted(a for a, _ in counts[:limit])
        edges = flows(conn, kinds, evidence, among=ids)
    return Graph(_actors(conn, ids), edges, len(counts), total_edges)


def _actors(conn: sqlite3.Connection, ids: Sequence[int]) -> list[ActorRow]:
    rows = conn.execute(
        f"SELECT {_ACTOR_COLS} FROM actors a WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.id",
        (json.dumps(list(ids)),),
    )
    return [_actor(r) for r in rows]


# -- merge candidates --------------------------------------------------------------------------------

def candidates(conn: sqlite3.Connection, limit: int | None = None, offset: int = 0) -> list[Candidate]:
    """Open merge candidates, the most likely first; ``limit`` rows from ``offset``."""
    rows = conn.execute(
        "SELECT c.id, c.actor_a, a.name AS name_a, a.type AS type_a, c.actor_b, b.name AS name_b, b.type AS type_b, "
        "c.score, c.reason FROM actor_candidates c JOIN actors a ON a.id = c.actor_a JOIN actors b ON b.id = c.actor_b "
        "ORDER BY c.score DESC, c.id LIMIT ? OFFSET ?",
        (-1 if limit is None else limit, offset),
    )
    return [Candidate(*tuple(r)) for r in rows]


def count_candidates(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM actor_candidates").fetchone()[0])


def decisions(conn: sqlite3.Connection) -> list[Decision]:
    rows = conn.execute("SELECT name_a, name_b, decision, decided_at FROM actor_decisions ORDER BY decided_at DESC")
    return [Decision(*tuple(r)) for r in rows]


def document_ids(conn: sqlite3.Connection) -> frozenset[str]:
    """Ids of every stored document: what ``ingest`` can skip before analysing."""
    return frozenset(r[0] for r in conn.execute("SELECT id FROM documents"))


def all_claims(conn: sqlite3.Connection) -> Iterator[ClaimRow]:
    """Every claim of the corpus, document by document, in text order."""
    rows = conn.execute(
        f"SELECT {_CLAIM_COLS} FROM claims c JOIN documents d ON d.id = c.doc_id "
        "ORDER BY d.published, c.doc_id, c.start"
    )
    for r in rows:
        yield _claim(r)


def claim_source_actors(conn: sqlite3.Connection) -> dict[tuple[str, str], int]:
    """(doc id, claim id) -> the corpus actor the claim is attributed to, where it resolved to one."""
    rows = conn.execute(
        "SELECT c.doc_id, c.id, e.actor_id FROM claims c "
        "JOIN attributions a ON a.doc_id = c.doc_id AND a.id = c.attribution "
        "JOIN entities e ON e.doc_id = a.doc_id AND e.id = a.source_entity WHERE e.actor_id IS NOT NULL"
    )
    return {(r[0], r[1]): int(r[2]) for r in rows}


def actor_document_ids(conn: sqlite3.Connection) -> dict[int, list[str]]:
    """Actor id -> ids of the documents that mention it."""
    out: dict[int, list[str]] = {}
    for r in conn.execute("SELECT DISTINCT actor_id, doc_id FROM entities WHERE actor_id IS NOT NULL ORDER BY doc_id"):
        out.setdefault(int(r[0]), []).append(r[1])
    return out
