"""View models without a server: document segmentation (property-tested) and snippets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimgraph import query
from claimgraph.serve import views

TEXT = "Ministers said on Monday that the convoy, which officials say carried rifles, reached Aden."


@st.composite
def analyses(draw: st.DrawFn) -> dict:
    text = draw(st.text(min_size=0, max_size=80))
    n = len(text)

    def span() -> dict:
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        return {"start": a, "end": b, "text": text[a:b]}

    atts = []
    for i in range(draw(st.integers(0, 4))):
        src = span() if draw(st.booleans()) else {"text": "", "kind": "anonymous"}
        cue = span() if draw(st.booleans()) else None
        atts.append({"id": f"a{i}", "source": src, "cue": cue, "content": span()})
    claims = [span() | {"id": f"c{i}", "evidence": "media"} for i in range(draw(st.integers(0, 4)))]
    return {"document": {"text": text}, "attributions": atts, "claims": claims}


@given(analyses())
def test_segments_hold_exactly_the_text(analysis: dict) -> None:
    regions = views.document_regions(analysis)
    assert "".join(s.text for r in regions for s in r.segments) == analysis["document"]["text"]
    claim_ids = [r.claim["id"] for r in regions if r.claim]
    assert len(claim_ids) == len(set(claim_ids))


def test_source_wins_over_content_where_they_overlap() -> None:
    said = TEXT.index("officials say")
    analysis = {
        "document": {"text": TEXT},
        "attributions": [{"id": "a1", "source": {"start": said, "end": said + 9, "text": "officials"},
                          "cue": {"start": said + 10, "end": said + 13, "text": "say"},
                          "content": {"start": 0, "end": len(TEXT), "text": TEXT}}],
        "claims": [{"id": "c1", "start": 0, "end": len(TEXT), "text": TEXT, "evidence": "anonymous"}],
    }
    (region,) = views.document_regions(analysis)
    roles = [(s.text, s.role) for s in region.segments]
    assert ("officials", "source") in roles and ("say", "cue") in roles
    assert region.claim is not None and region.claim["id"] == "c1"


def test_snippets_are_escaped_before_marks_are_added() -> None:
    raw = f"<b>{query.MARK_OPEN}Iran{query.MARK_CLOSE}</b> & co"
    assert str(views.snippet_html(raw)) == "&lt;b&gt;<mark>Iran</mark>&lt;/b&gt; &amp; co"


def test_profile_bars_add_up_to_the_whole_width() -> None:
    bars = views.profile_bars({"media": 1, "anonymous": 3, "document": 0})
    assert [b[0] for b in bars] == ["media", "anonymous"]
    assert abs(sum(b[3] for b in bars) - 100.0) < 0.01
