"""Hand-made analyses (no model) that the store, query, serve, export and browser tests share.

Three documents: a UN-report story with every kind of evidence, a follow-up that names the same
actors (so they resolve across documents, and "Smith" becomes a merge candidate for "John Smith"),
and a hostile article whose title and text hold HTML that must render as text.
"""

from __future__ import annotations

import hashlib

from claimgraph.records import Analysis, Attribution, Claim, Document, Entity, Flow, Mention, Source, Span

TEXT_A = (
    "Iran supplied weapons to the Houthis, a UN panel of experts said in a report. "
    "According to a senior official who spoke on condition of anonymity, Hezbollah trained Houthi fighters. "
    "This suggests that Tehran is funding the Houthis. "
    "John Smith said money flowed from Qatar to Hamas."
)
TEXT_B = (
    "Smith told reporters that Qatar sent money to Hamas. "
    "Reuters reported that Iran shipped missiles to the Houthis."
)
TEXT_XSS = (
    "Officials said <img src=x onerror=alert(1)> was posted. "
    "<script>document.title='pwned'</script> appeared in the page."
)
XSS_TITLE = "<script>alert('title')</script> Hostile markup"


class Builder:
    """Finds spans by their text, so the samples read like the article."""

    def __init__(self, text: str) -> None:
        self.text = text

    def span(self, needle: str, nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(needle, start + 1)
        return Span(start, start + len(needle), needle)

    def sentence(self, needle: str) -> Span:
        """The sentence holding ``needle`` (sentences end with '. ')."""
        at = self.text.index(needle)
        start = self.text.rfind(". ", 0, at)
        start = 0 if start < 0 else start + 2
        end = self.text.find(". ", at)
        end = len(self.text) if end < 0 else end + 1
        return Span(start, end, self.text[start:end])

    def entity(self, eid: str, name: str, etype: str, *surface: str, aliases: tuple[str, ...] = ()) -> Entity:
        mentions = []
        for s in surface or (name,):
            sp = self.span(s)
            mentions.append(Mention(sp.start, sp.end, sp.text, etype))
        return Entity(eid, name, etype, tuple(mentions), aliases)


def doc_id(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _document(text: str, title: str, published: str, byline: str | None = None) -> Document:
    return Document(doc_id=doc_id(text), text=text, source_map=((0, 0, len(text)),), path=f"/articles/{title[:12]}.txt",
                    title=title, byline=byline, published=published)


def analysis_a() -> Analysis:
    b = Builder(TEXT_A)
    ents = (
        b.entity("e1", "Iran", "GPE", "Iran", "Tehran", aliases=("Tehran",)),
        b.entity("e2", "Houthis", "NORP", "Houthis", "Houthi"),
        b.entity("e3", "UN panel of experts", "ORG"),
        b.entity("e4", "Hezbollah", "ORG"),
        b.entity("e5", "John Smith", "PERSON"),
        b.entity("e6", "Qatar", "GPE"),
        b.entity("e7", "Hamas", "ORG"),
    )
    atts = (
        Attribution("a1", Source(b.span("a UN panel of experts"), "organization", "e3"), b.span("said"),
                    b.span("Iran supplied weapons to the Houthis"), "indirect"),
        Attribution("a2", Source(b.span("a senior official who spoke on condition of anonymity"), "anonymous"),
                    b.span("According to"), b.span("Hezbollah trained Houthi fighters"), "indirect"),
        Attribution("a3", Source(b.span("John Smith"), "named_person", "e5"), b.span("said", 1),
                    b.span("money flowed from Qatar to Hamas"), "indirect"),
    )
    claims = (
        Claim("c1", b.sentence("Iran supplied"), "a1", "document", source="a UN panel of experts"),
        Claim("c2", b.sentence("Hezbollah trained"), "a2", "anonymous", source="a senior official"),
        Claim("c3", b.sentence("This suggests"), None, "author_inference", marker=b.span("This suggests")),
        Claim("c4", b.sentence("John Smith said"), "a3", "named_person", source="John Smith"),
    )
    flows = (
        Flow("f1", "weapons", "e1", "e2", "c1", b.span("supplied"), b.span("weapons"), evidence="document"),
        Flow("f2", "training", "e4", "e2", "c2", b.span("trained"), evidence="anonymous"),
        Flow("f3", "money", "e1", "e2", "c3", b.span("funding"), evidence="author_inference"),
        Flow("f4", "money", "e6", "e7", "c4", b.span("flowed"), b.span("money"), evidence="named_person",
             source_text="John Smith"),
    )
    doc = _document(TEXT_A, "UN panel: Iran armed the Houthis", "2024-03-01", "By A. Reporter")
    return Analysis(doc, ents, atts, claims, flows, {"model": "hand-made"})


def analysis_b() -> Analysis:
    b = Builder(TEXT_B)
    ents = (
        b.entity("e1", "Smith", "PERSON"),
        b.entity("e2", "Qatar", "GPE"),
        b.entity("e3", "Hamas", "ORG"),
        b.entity("e4", "Reuters", "ORG"),
        b.entity("e5", "Iran", "GPE"),
        b.entity("e6", "Houthis", "NORP"),
    )
    atts = (
        Attribution("a1", Source(b.span("Smith"), "named_person", "e1"), b.span("told"),
                    b.span("Qatar sent money to Hamas"), "indirect"),
        Attribution("a2", Source(b.span("Reuters"), "media", "e4"), b.span("reported"),
                    b.span("Iran shipped missiles to the Houthis"), "indirect"),
    )
    claims = (
        Claim("c1", b.sentence("Smith told"), "a1", "named_person", source="Smith"),
        Claim("c2", b.sentence("Reuters reported"), "a2", "media", source="Reuters"),
    )
    flows = (
        Flow("f1", "money", "e2", "e3", "c1", b.span("sent"), b.span("money"), evidence="named_person"),
        Flow("f2", "weapons", "e5", "e6", "c2", b.span("shipped"), b.span("missiles"), evidence="media"),
    )
    doc = _document(TEXT_B, "Qatar money to Hamas, Smith says", "2024-03-05")
    return Analysis(doc, ents, atts, claims, flows, {"model": "hand-made"})


def analysis_xss() -> Analysis:
    b = Builder(TEXT_XSS)
    atts = (Attribution("a1", Source(b.span("Officials"), "government"), b.span("said"),
                        b.span("<img src=x onerror=alert(1)> was posted"), "indirect"),)
    claims = (
        Claim("c1", b.sentence("Officials said"), "a1", "government", source="Officials"),
        Claim("c2", b.sentence("<script>"), None, "author_assertion"),
    )
    doc = _document(TEXT_XSS, XSS_TITLE, "2024-02-01", byline="<b>bold</b> byline")
    return Analysis(doc, (), atts, claims, (), {"model": "hand-made"})


def sample_analyses() -> list[Analysis]:
    return [analysis_a(), analysis_b(), analysis_xss()]


# Across the three documents: Iran, Houthis, Hezbollah, Qatar, Hamas are flow ends; six flows.
GRAPH_NODES = 5
GRAPH_EDGES = 6


def test_every_sample_span_holds_its_text() -> None:
    for a in sample_analyses():
        text = a.document.text
        for e in a.entities:
            for m in e.mentions:
                assert text[m.start:m.end] == m.text
        for att in a.attributions:
            for sp in (att.source.span if att.source else None, att.cue, att.content):
                if sp is not None:
                    sp.check(text)
        for c in a.claims:
            c.span.check(text)
        for f in a.flows:
            f.trigger.check(text)


def build_corpus(path):  # type: ignore[no-untyped-def]
    """A corpus database at ``path`` holding the three samples (through the single writer)."""
    from claimgraph.store import Writer

    with Writer(path) as w:
        for a in sample_analyses():
            w.write_analysis(a).result()
    return path
