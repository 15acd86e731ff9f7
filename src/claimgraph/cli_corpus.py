"""Corpus commands: ingest, search, claims, candidates, rebuild-actors, serve, export (on ``claimgraph``)."""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from claimgraph.config import Settings, from_env
from claimgraph.errors import ClaimgraphError
from claimgraph.export.registry import formats
from claimgraph.records import EVIDENCE_KINDS
from claimgraph.store.connect import DEFAULT_DB

LOOPBACK = ("127.0.0.1", "localhost", "::1")

db_option = click.option(
    "--db", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_DB, show_default=True,
    help="The corpus database (SQLite).",
)


def _console(err: bool = False) -> Console:
    return Console(stderr=err, highlight=False, soft_wrap=True)


def _die(message: str) -> NoReturn:
    """An error the user can act on: one line, exit status 2 (as `claimgraph analyze` does)."""
    _console(err=True).print(f"claimgraph: error: {escape(message)}")
    sys.exit(2)


def _reader(db: Path) -> sqlite3.Connection:
    from claimgraph import query

    try:
        return query.connect(db)
    except ClaimgraphError as exc:
        _die(str(exc))


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--force", is_flag=True, help="Re-analyse and replace documents already in the corpus.")
@click.option("--model", help="spaCy model to load (default: see `claimgraph analyze --help`).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Analyse on this many processes (the model is loaded once in each).")
@click.option("--dask", metavar="ADDRESS", help="Analyse on a Dask cluster (scheduler address, or 'local').")
def ingest(paths: tuple[str, ...], db: Path, force: bool, model: str | None, workers: int, dask: str | None) -> None:
    """Analyse files, folders (recursively) or globs and store them in the corpus.

    Every good file is stored even when others fail; the failures are listed at the end and the
    exit status is then 2. A document already stored (same bytes) is skipped unless --force.
    """
    from claimgraph import query
    from claimgraph.batch import iter_paths, run_batch
    from claimgraph.nlp import load_pipeline
    from claimgraph.store import Writer
    from claimgraph.store.ingest import expand_globs

    settings = from_env(Settings())
    if model:
        settings = settings.with_(model=model)
    names, failures = expand_globs(paths)
    files = list(iter_paths(names))
    err = _console(err=True)
    try:
        if workers == 1 and not dask:
            load_pipeline(settings)  # once, up front: a missing model is one clear error, not one per file
        writer = Writer(db)
    except ClaimgraphError as exc:
        _die(str(exc))
    stats = {"stored": 0, "replaced": 0, "skipped": 0}
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    try:
        known: frozenset[str] = frozenset()
        if not force:
            with closing(query.connect(db)) as conn:
                known = frozenset(query.document_ids(conn))
        with Progress(*columns, console=err, transient=False) as progress:
            task = progress.add_task("ingesting", total=len(files))
            for result in run_batch(files, settings, known, workers=workers, dask=dask):
                progress.update(task, description=f"[cyan]{escape(Path(result.path).name[:40])}")
                if result.analysis is not None:
                    try:
                        stats[writer.write_analysis(result.analysis, force).result()] += 1
                    except Exception as exc:  # the store refused this document; keep going with the others
                        failures.append(f"{result.path}: cannot store it: {exc}")
                elif result.status == "known":
                    stats["skipped"] += 1
                else:
                    failures.append(result.describe())
                progress.advance(task)
    except ClaimgraphError as exc:  # a missing model in the workers: not any one file's fault
        _die(str(exc))
    finally:
        writer.close()  # on Ctrl-C too: the document being written is committed whole or not at all
    _console().print(f"{stats['stored']} stored, {stats['replaced']} replaced, {stats['skipped']} skipped (already in "
                     f"{escape(str(db))}), {len(failures)} failed")
    if failures:
        for message in failures:
            err.print(f"[red]error:[/red] {escape(message)}")
        sys.exit(2)


@click.command()
@click.argument("text", metavar="QUERY")
@db_option
@click.option("--limit", default=20, show_default=True, help="Most hits of each kind.")
def search(text: str, db: Path, limit: int) -> None:
    """Full-text search over documents and claims (FTS5 syntax: "a phrase", AND, OR, NOT, prefix*)."""
    from claimgraph import query

    try:
        hits = query.search(_reader(db), text, limit)
    except query.SearchError as exc:
        _die(str(exc))
    table = Table("kind", "document", "claim", "evidence", "match")
    for h in hits:
        snippet = escape(h.snippet).replace(query.MARK_OPEN, "[bold yellow]").replace(query.MARK_CLOSE, "[/]")
        table.add_row(h.kind, escape(h.doc_title or h.doc_id[:12]), h.claim_id or "", h.evidence or "", snippet)
    _console().print(table if hits else "no match")


limit_option = click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True,
                            help="Show at most this many rows (0: all of them).")
offset_option = click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
                             help="Skip this many rows first (the next page: --offset LIMIT).")


def _print_page(table: Table, shown: int, offset: int, total: int) -> None:
    """The table, then where its rows sit among all of them when they are not all shown."""
    if not shown:
        _console().print(f"no rows from --offset {offset:,}: there are {total:,}")
        return
    _console().print(table)
    if shown < total:
        more = f"; the next ones: --offset {offset + shown}" if offset + shown < total else ""
        _console().print(f"rows {offset + 1:,}-{offset + shown:,} of {total:,}{more}")


@click.command()
@click.option("--actor", required=True, help="Actor name or alias (case and accents ignored).")
@click.option("--evidence", type=click.Choice(EVIDENCE_KINDS), help="Only claims resting on this kind of evidence.")
@db_option
@limit_option
@offset_option
def claims(actor: str, evidence: str | None, db: Path, limit: int, offset: int) -> None:
    """What an actor said and what others claimed about it."""
    from claimgraph import query

    if not actor.strip():
        raise click.BadParameter("give an actor's name", param_hint="--actor")
    conn = _reader(db)
    total = query.count_claims_for_actor(conn, actor, evidence)
    if not total:
        _console().print(f"no claims for {escape(actor)!r}")
        return
    rows = query.claims_for_actor(conn, actor, evidence, limit or None, offset)
    table = Table("role", "evidence", "claim", "document")
    for c in rows:
        table.add_row(c.role, c.evidence, escape(c.text), escape(c.doc_title or c.doc_id[:12]))
    _print_page(table, len(rows), offset, total)


@click.command()
@db_option
@click.option("--confirm", "confirm_id", type=int, help="Merge the two actors of candidate ID.")
@click.option("--reject", "reject_id", type=int, help="Keep the two actors of candidate ID apart, for good.")
@limit_option
@offset_option
def candidates(db: Path, confirm_id: int | None, reject_id: int | None, limit: int, offset: int) -> None:
    """List proposed actor merges, or confirm / reject one (the decision is kept across re-ingests)."""
    from claimgraph import query
    from claimgraph.store import Writer

    if confirm_id is not None and reject_id is not None:
        raise click.UsageError("give --confirm or --reject, not both")
    if confirm_id is not None or reject_id is not None:
        cid = confirm_id if confirm_id is not None else reject_id
        _reader(db)  # a clear error when the database does not exist, rather than creating one
        with Writer(db) as w:
            try:
                w.decide(int(cid or 0), "merge" if confirm_id is not None else "reject").result()
            except LookupError as exc:
                _die(str(exc.args[0]))
        _console().print(f"candidate {cid} {'merged' if confirm_id is not None else 'rejected'}")
        return
    conn = _reader(db)
    total = query.count_candidates(conn)
    if not total:
        _console().print("no open merge candidates")
        return
    rows = query.candidates(conn, limit or None, offset)
    table = Table("id", "actor", "could be", "score", "why")
    for c in rows:
        table.add_row(str(c.id), escape(f"{c.name_a} ({c.type_a})"), escape(f"{c.name_b} ({c.type_b})"),
                      f"{c.score:.0f}", escape(c.reason))
    _print_page(table, len(rows), offset, total)


@click.command("rebuild-actors")
@db_option
def rebuild_actors(db: Path) -> None:
    """Resolve the stored entities to corpus actors again, with this version's resolver.

    Run it after upgrading claimgraph: actors and open candidates are made anew from the entities
    already stored (no document is re-analysed; `ingest --force` does that). Your confirmed merges
    and rejections are kept. Actor ids change.
    """
    from claimgraph.store import Writer

    _reader(db).close()  # a clear error when the database does not exist, rather than creating one
    with Writer(db) as w:
        r = w.rebuild_actors().result()
    _console().print(f"actors {r.actors_before:,} -> {r.actors_after:,}; open merge candidates "
                     f"{r.candidates_before:,} -> {r.candidates_after:,}; confirmed merges in force "
                     f"{r.merges_in_force:,} of {r.merges:,}")


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; keep it local unless needed.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
def serve(db: Path, host: str, port: int) -> None:
    """Browse the corpus in a web browser (read-only, except merge decisions)."""
    import uvicorn

    from claimgraph.serve.app import create_app
    from claimgraph.store import Writer

    _reader(db).close()
    Writer(db).close()  # brings an older corpus up to the current schema before anything reads it
    if host not in LOOPBACK:
        _console(err=True).print(f"[yellow]warning:[/yellow] serving on {escape(host)}: anyone who can reach it "
                                 "can read the corpus and decide merges")
    app = create_app(db, allowed_hosts=(host, *LOOPBACK))
    uvicorn.run(app, host=host, port=port, log_level="info")


@click.command(name="export")
@click.option("--format", "fmt", required=True, type=click.Choice(formats()),
              help="ftm: FollowTheMoney JSON lines; gexf/graphml: flow graph; csv: tables and Kumu sheets "
                   "(--out DIR); jsonl; and any format a plug-in registers (entry point group claimgraph.exporters).")
@click.option("--out", type=click.Path(path_type=Path), help="Output file (a directory for csv); default stdout.")
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True,
              help="Where `claimgraph serve` runs: links back to each claim's sentence use it.")
@db_option
def export(fmt: str, out: Path | None, base_url: str, db: Path) -> None:
    """Export the corpus for Aleph (ftm), Gephi (gexf, graphml, csv), Kumu (csv) or scripts (jsonl)."""
    from claimgraph.export import get_exporter
    from claimgraph.export.registry import Options

    exporter = get_exporter(fmt)
    conn, options = _reader(db), Options(base_url=base_url.rstrip("/"))
    if exporter.to_dir is not None:
        if out is None:
            raise click.UsageError(f"--format {fmt} writes several files: give --out DIRECTORY")
        n = exporter.to_dir(conn, out, options)
    elif exporter.stream is not None and out is None:
        n = exporter.stream(conn, sys.stdout, options)
    elif exporter.stream is not None and out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as fh:
            n = exporter.stream(conn, fh, options)
    _console(err=True).print(f"exported {n} records as {fmt}" + (f" to {escape(str(out))}" if out else ""))


COMMANDS = (ingest, search, claims, candidates, rebuild_actors, serve, export)


def register(group: click.Group) -> None:
    for command in COMMANDS:
        group.add_command(command)
