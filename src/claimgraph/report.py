"""Readable output: a terminal summary (rich)."""

from __future__ import annotations

from rich.console import Console

from claimgraph.records import Analysis


def print_summary(analysis: Analysis, console: Console | None = None) -> None:
    console = console or Console()
    d = analysis.document
    console.rule(f"[bold]{d.title or d.path or d.doc_id[:12]}")
    console.print(f"byline: {d.byline}  published: {d.published}  words: {len(d.text.split())}")
    console.print(f"entities: {len(analysis.entities)}  attributions: {len(analysis.attributions)}  "
                  f"claims: {len(analysis.claims)}  flows: {len(analysis.flows)}")
