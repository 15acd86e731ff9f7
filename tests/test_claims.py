"""Claims: sentence units, attributed content, the author's assertions and inferences, hedges, denials."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from claimgraph.clean import raw_document
from claimgraph.extract.claims import _token_spec, compile_markers, extract_claims
from claimgraph.records import Analysis, Attribution, Claim, Document, RawDocument, Source, SourceKind, Span


def _document(text: str, **changes: object) -> Document:
    raw = RawDocument(doc_id="t", path=None, media_type="text/plain", text=text)
    return replace(raw_document(raw), **changes)  # type: ignore[arg-type]


def _span(text: str, part: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span.of(text, start, start + len(part))


def _attr(text: str, aid: str, source: str | None, kind: SourceKind, cue: str | None, content: str) -> Attribution:
    return Attribution(
        id=aid,
        source=Source(_span(text, source), kind) if source else None,
        cue=_span(text, cue) if cue else None,
        content=_span(text, content),
        quote="indirect",
    )


def _claims(nlp, text: str, attributions: tuple[Attribution, ...] = (), **doc) -> list[Claim]:  # type: ignore[no-untyped-def]
    document = _document(text, **doc)
    claims = list(extract_claims(nlp(text), document, attributions))
    for c in claims:
        c.span.check(text)
        if c.marker is not None:
            c.marker.check(text)
    return claims


def _one(nlp, text: str) -> Claim:  # type: ignore[no-untyped-def]
    claims = _claims(nlp, text)
    assert len(claims) == 1, claims
    return claims[0]


# ---------------------------------------------------------------- the pattern syntax (no model)


def test_token_spec_syntax() -> None:
    assert _token_spec("clearly") == {"LOWER": "clearly"}
    assert _token_spec("~be") == {"LEMMA": "be"}
    assert _token_spec("no|little?") == {"LOWER": {"IN": ["no", "little"]}, "OP": "?"}
    assert _token_spec("~orchestrate@VERB|ADJ") == {"LEMMA": "orchestrate", "POS": {"IN": ["VERB", "ADJ"]}}
    assert _token_spec("*") == {"OP": "?"}


def test_every_lexicon_compiles() -> None:
    from spacy.vocab import Vocab

    vocab = Vocab()
    for name in ("inference_markers.txt", "hedges.txt", "denials.txt"):
        markers = compile_markers(name, vocab=vocab)
        assert len(markers.phrases) + len(markers.patterns) > 10


@pytest.mark.model
def test_markers_run_only_near_their_anchor_words_find_what_a_full_pass_finds(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.extract.claims import claim_markers

    markers = claim_markers(nlp.vocab)
    assert markers.anchors is not None and markers.anchors.reach > 1
    full = replace(markers, anchors=None)
    samples = Path(__file__).resolve().parent.parent / "samples" / "articles"
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(samples.glob("*.txt"))]
    # matches at the very start and end of a text, and two anchors whose windows overlap
    texts += ["Clearly it is undeniable that it was no coincidence", "It was, in other words, obviously planned",
              "They may have had nothing to do with it. It seems so."]
    found = 0
    for text in texts:
        doc = nlp(text)
        assert markers.find_all(doc) == full.find_all(doc)
        found += sum(map(len, full.find_all(doc).values()))
    assert found > 20


def test_a_pattern_without_a_word_runs_on_the_whole_text() -> None:
    from spacy.vocab import Vocab

    from claimgraph.extract.claims import _anchors

    vocab = Vocab()
    assert _anchors([[{"LOWER": "plainly"}], [{"POS": "ADV"}, {"LOWER": "so"}]], vocab) is not None
    assert _anchors([[{"POS": {"IN": ["ADV"]}}, {"OP": "?"}]], vocab) is None


def test_sourcing_profile_counts_every_kind() -> None:
    text = "Prices rose. Clearly the plan failed."
    claims = (
        Claim("c1", _span(text, "Prices rose."), None, "author_assertion"),
        Claim("c2", _span(text, "Clearly the plan failed."), None, "author_inference"),
    )
    profile = Analysis(document=_document(text), claims=claims).sourcing_profile()
    assert profile["author_assertion"] == 1 and profile["author_inference"] == 1 and profile["media"] == 0
    assert len(profile) == 8


# ---------------------------------------------------------------- inference markers, family by family


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "marker"),
    [
        # the unthinkable, the inevitable, the coincidence
        ("It is inconceivable that the governor signed the order alone.", "It is inconceivable"),
        ("It is hardly a coincidence that the shipments stopped in May.", "It is hardly a coincidence"),
        ("It seems the ministry knew about the fraud.", "It seems"),
        # presence or absence of evidence asserted without a source
        ("There is no sign that the factory ever paid its workers.", "There is no sign"),
        ("There is strong evidence the ferry was overloaded.", "There is strong evidence"),
        ("The memo raises the question of who approved the sale.", "raises the question"),
        # what is evident
        ("The cartel's reach is evident from the new bank accounts.", "is evident"),
        ("The board clearly misled its shareholders.", "clearly"),
        # near-confirmation
        ("The auditors all but admit the accounts were false.", "all but admit"),
        # reformulation and conclusion
        ("In other words, the council never had the money.", "In other words"),
        ("The vote was rigged, which means the result is void.", "which means"),
        ("Such a delay can only mean that the bridge is unsafe.", "can only mean"),
        # necessity of the past
        ("The pilots must have seen the warning lights.", "must have"),
        ("The bank transferred the funds without the knowledge of its directors.", "without the knowledge"),
        # intent imputed
        ("The firm deliberately hid the losses from regulators.", "deliberately"),
        ("The mayor orchestrated the collapse of the coalition.", "orchestrated"),
        ("The whole shortage was engineered by traders.", "engineered"),
    ],
)
def test_inference_marker_families(nlp, sentence: str, marker: str) -> None:  # type: ignore[no-untyped-def]
    claim = _one(nlp, sentence)
    assert claim.evidence == "author_inference"
    assert claim.marker is not None and claim.marker.text == marker
    assert claim.attribution is None


@pytest.mark.model
@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry left the harbour at noon with two hundred passengers.",
        "Engineers repaired the bridge in March.",
        "It was raining when the convoy reached the border.",
        "The minister was clear about the budget in parliament.",
        "There were three trucks at the gate.",
        "Factories manufacture the parts in two shifts.",
    ],
)
def test_plain_sentences_are_assertions(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    claim = _one(nlp, sentence)
    assert claim.evidence == "author_assertion"
    assert claim.marker is None


@pytest.mark.model
def test_marker_inside_quotation_marks_is_not_the_authors(nlp) -> None:  # type: ignore[no-untyped-def]
    claim = _one(nlp, 'The slogan on the wall read "they deliberately starved us" in red paint.')
    assert claim.evidence == "author_assertion"


@pytest.mark.model
def test_block_quote_is_never_the_authors_inference(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A farmer put it this way:\n\nClearly the water was poisoned on purpose."
    start = text.index("Clearly")
    claims = _claims(nlp, text, block_quotes=(Span.of(text, start, len(text)),))
    assert [c.evidence for c in claims] == ["author_assertion", "author_assertion"]


# ---------------------------------------------------------------- sentences with attributions


@pytest.mark.model
def test_content_becomes_a_claim_with_the_source_kind(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The regional paper reported that the dam had cracked."
    a = _attr(text, "a1", "The regional paper", "media", "reported", "the dam had cracked")
    claims = _claims(nlp, text, (a,))
    assert [(c.text if False else c.span.text, c.evidence, c.attribution, c.source) for c in claims] == [
        ("the dam had cracked", "media", "a1", "The regional paper")
    ]  # "The regional paper reported that" is only the frame: no author claim


@pytest.mark.model
def test_remainder_with_its_own_verb_is_an_author_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Local officials said the levee held, prompting the governor to cancel the evacuation."
    a = _attr(text, "a1", "Local officials", "government", "said", "the levee held")
    claims = _claims(nlp, text, (a,))
    assert [c.evidence for c in claims] == ["author_assertion", "government"]
    author = claims[0]
    assert author.span.text == text[:-1] or author.span.text == text
    assert author.parts, "the author's pieces around the content are listed"
    assert all(text[s:e] and "levee" not in text[s:e] for s, e in author.parts)
    assert [c.id for c in claims] == ["c1", "c2"]


@pytest.mark.model
def test_content_across_sentences_gives_a_claim_per_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'A guard told us: "The gate was open. Nobody checked the trucks."'
    a = _attr(text, "a1", "A guard", "anonymous", "told", "The gate was open. Nobody checked the trucks.")
    claims = _claims(nlp, text, (a,))
    attributed = [c for c in claims if c.attribution == "a1"]
    assert [c.span.text for c in attributed] == ["The gate was open.", "Nobody checked the trucks."]
    assert all(c.evidence == "anonymous" for c in attributed)


@pytest.mark.model
def test_nested_report_gives_the_inner_content_to_the_inner_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The weekly reported that customs officers said the crates held rifles."
    outer = _attr(text, "a1", "The weekly", "media", "reported", "customs officers said the crates held rifles")
    inner = _attr(text, "a2", "customs officers", "government", "said", "the crates held rifles")
    claims = _claims(nlp, text, (outer, inner))
    assert [(c.span.text, c.attribution) for c in claims] == [("the crates held rifles", "a2")]


@pytest.mark.model
def test_mostly_attributed_sentence_is_never_inference(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Clearly, the inspectors wrote, the pumps had been sabotaged and the alarms switched off by hand."
    a = _attr(text, "a1", "the inspectors", "anonymous", "wrote",
              "the pumps had been sabotaged and the alarms switched off by hand")
    claims = _claims(nlp, text, (a,))
    assert not any(c.evidence == "author_inference" for c in claims)
    assert any(c.attribution == "a1" for c in claims)


@pytest.mark.model
def test_writers_inference_around_a_short_content(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Independent engineers all but confirm the company's account."
    a = _attr(text, "a1", "Independent engineers", "anonymous", "confirm", "the company's account")
    claims = _claims(nlp, text, (a,))
    author = [c for c in claims if c.attribution is None]
    assert len(author) == 1 and author[0].evidence == "author_inference"
    assert author[0].marker is not None and author[0].marker.text == "all but confirm"


@pytest.mark.model
def test_sourceless_cue_inside_an_inference_marker_stays_the_authors(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "There is no indication that the loans were ever repaid."
    a = _attr(text, "a1", None, "anonymous", "indication", "that the loans were ever repaid")
    claims = _claims(nlp, text, (a,))
    assert [(c.span.text, c.evidence) for c in claims] == [(text, "author_inference")]


# ---------------------------------------------------------------- hedges and denials


@pytest.mark.model
@pytest.mark.parametrize(
    "sentence",
    [
        "The envoy allegedly carried cash across the border.",
        "The trucks reportedly reached the port on Sunday.",
        "The guards may have sold the fuel.",
        "The fire was possibly started by a faulty cable.",
    ],
)
def test_hedged_author_claims(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert _one(nlp, sentence).hedged


@pytest.mark.model
def test_unhedged_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    assert not _one(nlp, "The envoy carried cash across the border.").hedged


@pytest.mark.model
def test_hedge_on_the_cue_marks_the_attributed_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The commander reportedly said the base would close."
    a = _attr(text, "a1", "The commander", "anonymous", "said", "the base would close")
    (claim,) = [c for c in _claims(nlp, text, (a,)) if c.attribution == "a1"]
    assert claim.hedged and not claim.denied


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "source", "cue", "content"),
    [
        ("The ministry denied any role in the purchase.", "The ministry", "denied", "any role in the purchase"),
        ("The company rejected the accusations.", "The company", "rejected", "the accusations"),
        ("Party leaders dismissed the reports as rumours.", "Party leaders", "dismissed", "the reports"),
    ],
)
def test_denial_cues_mark_the_claim_denied(nlp, sentence: str, source: str, cue: str, content: str) -> None:  # type: ignore[no-untyped-def]
    a = _attr(sentence, "a1", source, "government", cue, content)
    (claim,) = [c for c in _claims(nlp, sentence, (a,)) if c.attribution == "a1"]
    assert claim.denied


@pytest.mark.model
def test_author_reported_denial_and_plain_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _one(nlp, "The shipping firm had nothing to do with the smuggling.").denied
    assert not _one(nlp, "The shipping firm carried the cargo.").denied


# ---------------------------------------------------------------- which sentences count


@pytest.mark.model
def test_title_byline_and_headings_are_skipped(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Harbour deal collapses\n\nBy A. Writer\n\nThe port was sold.\n\nWhat went wrong\n\nThe buyer never paid."
    body = text.index("The port")
    heading = _span(text, "What went wrong")
    claims = _claims(nlp, text, body_start=body, headings=(heading,))
    assert [c.span.text for c in claims] == ["The port was sold.", "The buyer never paid."]
    # raw mode: no body start, no headings: every line with words is a claim
    assert len(_claims(nlp, text)) == 5


@pytest.mark.model
def test_claims_never_cross_a_line_break_and_skip_page_numbers(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The talks ended\n\n12\n\nNobody signed the accord."
    assert [c.span.text for c in _claims(nlp, text)] == ["The talks ended", "Nobody signed the accord."]
