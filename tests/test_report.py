"""The HTML report and the text segments it highlights."""

from __future__ import annotations

from claimgraph.records import Analysis, Claim, Document, Span
from claimgraph.report import render_html, segments

TEXT = "Officials said the port <b>was</b> closed. It is unthinkable that nobody knew."


def analysis() -> Analysis:
    doc = Document(doc_id="d", text=TEXT, source_map=((0, 0, len(TEXT)),), title="A <title>")
    content = Span.of(TEXT, 15, 41)
    author = Claim("c1", Span.of(TEXT, 0, 42), None, "author_assertion", parts=((0, 14), (41, 42)))
    attributed = Claim("c2", content, "a1", "government")
    inference = Claim("c3", Span.of(TEXT, 43, len(TEXT)), None, "author_inference", marker=Span.of(TEXT, 43, 58))
    return Analysis(document=doc, claims=(author, attributed, inference))


def test_segments_cover_the_text_and_prefer_attributed_evidence() -> None:
    segs = segments(analysis())
    assert "".join(s.text for s in segs) == TEXT
    by_text = {s.text: s.claim.id if s.claim else None for s in segs}
    assert by_text["the port <b>was</b> closed"] == "c2"
    assert by_text["Officials said"] == "c1"
    assert sum(s.first for s in segs if s.claim and s.claim.id == "c1") == 1


def test_html_escapes_article_text_and_marks_inferences() -> None:
    html = render_html([analysis()])
    assert "<b>was</b>" not in html and "&lt;b&gt;was&lt;/b&gt;" in html
    assert "A &lt;title&gt;" in html
    assert 'class="claim author_inference" id="claim-c3"' in html
    assert html.count('id="claim-c1"') == 1


def test_summary_lists_other_names_but_not_descriptions_or_the_name_itself() -> None:
    import io

    from rich.console import Console

    from claimgraph.records import REFERENCE_LABEL, Entity, Mention
    from claimgraph.report import print_summary

    text = "Kessra fell. Kesra's mayor fled the city."
    kessra = Entity("e1", "Kessra", "GPE", (Mention(0, 6, "Kessra"), Mention(13, 18, "Kesra"),
                                              Mention(34, 42, "the city", REFERENCE_LABEL)))
    vell = Entity("e2", "Omar Vell", "PERSON", (Mention(0, 9, "Omar Vell"), Mention(0, 9, "Omar Vell")))
    doc = Document(doc_id="d", text=text, source_map=((0, 0, len(text)),))
    out = io.StringIO()
    print_summary(Analysis(document=doc, entities=(kessra, vell)), Console(file=out, width=200))
    rows = [line for line in out.getvalue().splitlines() if "GPE" in line or "PERSON" in line]
    assert len(rows) == 1 and "Kesra" in rows[0] and "the city" not in rows[0]  # Omar Vell has no other name


def test_summary_says_whom_a_pronoun_source_stands_for() -> None:
    import io

    from rich.console import Console

    from claimgraph.records import Attribution, Entity, Mention, Source
    from claimgraph.report import print_summary

    text = "A farmer near Kessra, who saw the trucks, said they were full."
    farmer = Entity("e1", "farmer", "PERSON", (Mention(2, 8, "farmer"),))
    source = Source(span=Span.of(text, 22, 25), kind="anonymous", entity="e1", resolved=Span.of(text, 0, 8))
    att = Attribution(id="a1", source=source, cue=Span.of(text, 42, 46), content=Span.of(text, 47, 65),
                      quote="indirect")
    doc = Document(doc_id="d", text=text, source_map=((0, 0, len(text)),))
    out = io.StringIO()
    print_summary(Analysis(document=doc, entities=(farmer,), attributions=(att,)), Console(file=out, width=200))
    assert "who → A farmer" in out.getvalue()
