"""Readable output: a terminal summary (rich) and a self-contained HTML report (Jinja2, autoescaped)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from rich.console import Console
from rich.table import Table

from claimgraph.records import EVIDENCE_KINDS, NAMELESS_LABELS, Analysis, Claim

# Colours per evidence kind, shared by the terminal and the HTML report.
EVIDENCE_STYLE = {
    "document": ("#1f77b4", "blue"),
    "media": ("#17becf", "cyan"),
    "organization": ("#2ca02c", "green"),
    "named_person": ("#9467bd", "magenta"),
    "government": ("#8c564b", "yellow"),
    "anonymous": ("#ff7f0e", "bright_yellow"),
    "author_assertion": ("#7f7f7f", "white"),
    "author_inference": ("#d62728", "bold red"),
}


def _profile_table(analysis: Analysis) -> Table:
    profile = analysis.sourcing_profile()
    total = sum(profile.values()) or 1
    t = Table(title="Sourcing profile: what the claims rest on", show_edge=False)
    t.add_column("evidence")
    t.add_column("claims", justify="right")
    t.add_column("share", justify="right")
    t.add_column("")
    for kind in EVIDENCE_KINDS:
        n = profile.get(kind, 0)
        style = EVIDENCE_STYLE[kind][1]
        t.add_row(
            f"[{style}]{kind}[/]", str(n), f"{100 * n / total:.0f}%", f"[{style}]" + "█" * round(30 * n / total) + "[/]"
        )
    return t


def print_summary(analysis: Analysis, console: Console | None = None) -> None:
    """The main facts of one analysis, for a person at a terminal."""
    console = console or Console()
    d = analysis.document
    console.rule(f"[bold]{d.title or d.path or d.doc_id[:12]}")
    meta = [f"byline: {d.byline or '-'}", f"published: {d.published or '-'}"]
    if d.republished:
        meta.append(f"republished: {d.republished}")
    meta.append(f"words: {len(d.text.split())}")
    console.print("  ".join(meta))
    console.print(
        f"{len(analysis.entities)} actors, {len(analysis.attributions)} attributions, "
        f"{len(analysis.claims)} claims, {len(analysis.flows)} flows"
    )
    console.print(_profile_table(analysis))
    if analysis.attributions:
        t = Table(title="Attributions", show_lines=False)
        for col in ("source", "kind", "cue", "content", "quote"):
            t.add_column(col, overflow="fold")
        for a in analysis.attributions:
            src = a.source.span.text if a.source else "(no source)"
            if a.source is not None and a.source.resolved is not None and a.source.named_as.lower() != src.lower():
                src += f" → {a.source.named_as}"  # "who", "they", "the latter": whom they stand for
            t.add_row(
                src,
                a.source.kind if a.source else "-",
                a.cue.text if a.cue else "-",
                _short(a.content.text, 90),
                a.quote,
            )
        console.print(t)
    inferences = [c for c in analysis.claims if c.evidence == "author_inference"]
    if inferences:
        console.print("[bold red]Where the author infers beyond the evidence:[/]")
        for c in inferences:
            marker = f" [dim](marker: {c.marker.text})[/]" if c.marker else ""
            console.print(f"  • {_short(c.span.text, 140)}{marker}")
    other_names = {e.id: ({m.text for m in e.mentions if m.label not in NAMELESS_LABELS} | set(e.aliases)) - {e.name}
                   for e in analysis.entities}
    multi = [e for e in analysis.entities if other_names[e.id]]
    if multi:
        t = Table(title="Actors known by several names")
        t.add_column("actor")
        t.add_column("type")
        t.add_column("aliases", overflow="fold")
        for e in multi:
            t.add_row(e.name, e.type, ", ".join(sorted(other_names[e.id])))
        console.print(t)
    if analysis.flows:
        names = {e.id: e.name for e in analysis.entities}
        t = Table(title="Alleged flows")
        for col in ("kind", "from", "to", "item", "evidence", "claimed by"):
            t.add_column(col, overflow="fold")
        for f in analysis.flows:
            flags = " (denied)" if f.denied else " (hedged)" if f.hedged else ""
            firm = f" (owner of {names.get(f.owned_firm, f.owned_firm)})" if f.owned_firm else ""
            t.add_row(
                f.kind,
                names.get(f.source, f.source) + (firm if f.owner_end == "source" else ""),
                names.get(f.target, f.target) + (firm if f.owner_end == "target" else ""),
                f.item.text if f.item else "-",
                (f.evidence or "-") + flags,
                f.source_text or "-",
            )
        console.print(t)


def _short(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


# ---------------------------------------------------------------- HTML


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the document text for the HTML report, with the claim it belongs to (if any)."""

    text: str
    claim: Claim | None
    first: bool = False  # the claim's first piece: it carries the anchor id


def segments(analysis: Analysis) -> list[Segment]:
    """The text cut where the claim under it changes.

    A claim covers its ``parts`` when it has them (an author's remainder around
    attributed content), else its span. Attributed claims are painted over author
    claims, so the more specific evidence shows where they overlap.
    """
    text = analysis.document.text
    owner: list[Claim | None] = [None] * len(text)
    ordered = sorted(analysis.claims, key=lambda c: c.attribution is not None)  # author claims first
    for c in ordered:
        for a, b in c.parts or ((c.span.start, c.span.end),):
            owner[a:b] = [c] * (b - a)
    out: list[Segment] = []
    seen: set[str] = set()
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or owner[i] is not owner[start]:
            here = owner[start]
            out.append(Segment(text[start:i], here, here is not None and here.id not in seen))
            if here is not None:
                seen.add(here.id)
            start = i
    return out


def render_html(analyses: Sequence[Analysis]) -> str:
    """One self-contained HTML page for one or more analyses. All article text is escaped."""
    from jinja2 import Environment, select_autoescape

    template = resources.files("claimgraph.templates").joinpath("report.html.j2").read_text(encoding="utf-8")
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["short"] = _short
    items = []
    for a in analyses:
        profile = a.sourcing_profile()
        items.append(
            {
                "a": a,
                "profile": profile,
                "total": sum(profile.values()) or 1,
                "segments": segments(a),
                "names": {e.id: e.name for e in a.entities},
                "attr": {x.id: x for x in a.attributions},
            }
        )
    return env.from_string(template).render(
        items=items, colours={k: v[0] for k, v in EVIDENCE_STYLE.items()}, kinds=EVIDENCE_KINDS
    )
