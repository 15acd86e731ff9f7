"""The trained attribution scorers: weights that load offline, features, and both paths (model on / rules only)."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.config import Settings
from claimgraph.extract.attr_model import (
    MODEL_FILE,
    AttributionModel,
    LinearScorer,
    head_features,
    load_model,
)
from claimgraph.extract.attr_rules import match
from claimgraph.extract.attributions import attribution_model, extract_attributions
from claimgraph.records import Attribution, Document

ON = Settings()
OFF = Settings(attribution_model=False)


def _hand_doc() -> Doc:
    return Doc(
        Vocab(),
        words=["Mary", "said", "that", "taxes", "rose", "."],
        heads=[1, 1, 4, 4, 1, 1],
        deps=["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"],
        pos=["PROPN", "VERB", "SCONJ", "NOUN", "VERB", "PUNCT"],
        lemmas=["Mary", "say", "that", "tax", "rise", "."],
    )


def _tiny_model(head_bias: float) -> AttributionModel:
    def scorer(bias: float) -> LinearScorer:
        return LinearScorer(np.zeros(16, dtype=np.float32), bias)

    return AttributionModel(scorer(head_bias), scorer(-5.0), scorer(5.0), 0.5, 0.05, 0.3, 0.6)


# ---------------------------------------------------------------- no spaCy model needed


def test_features_are_deterministic_and_one_row_per_token() -> None:
    doc = _hand_doc()
    flags = np.zeros(len(doc), dtype=np.int64)
    a = head_features(doc, flags, flags)
    b = head_features(_hand_doc(), flags, flags)
    assert a.shape[0] == len(doc) and a.shape[1] > 30
    assert a.dtype == np.uint64
    assert (a == b).all()  # spaCy's string hashes: the same in every process, no vocabulary to ship


def test_model_round_trips_and_refuses_other_feature_versions() -> None:
    m = _tiny_model(1.0)
    back = AttributionModel.from_bytes(m.to_bytes())
    assert back.head_threshold == 0.5 and back.novel_threshold == 0.6
    assert back.head.bias == pytest.approx(1.0)
    with np.load(__import__("io").BytesIO(m.to_bytes())) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["version"] = np.array([999])
    buf = __import__("io").BytesIO()
    np.savez(buf, **arrays)
    with pytest.raises(ValueError, match="feature version"):
        AttributionModel.from_bytes(buf.getvalue())


def test_a_scorer_that_doubts_every_word_silences_the_lexicon_rules() -> None:
    doc = _hand_doc()
    assert len(match(doc)) == 1  # rules alone: "Mary said that taxes rose"
    assert match(doc, model=_tiny_model(-10.0)) == []  # P(cue) ~ 0 everywhere: the rule does not fire
    (c,) = match(doc, model=_tiny_model(10.0))  # P(cue) ~ 1: the rule stands
    assert doc.text[c.cue[0] : c.cue[1]] == "said"  # type: ignore[index]


def test_settings_switch_the_model_off() -> None:
    assert attribution_model(OFF) is None


# ---------------------------------------------------------------- the shipped weights


@pytest.mark.model
def test_weights_ship_load_offline_and_are_small() -> None:
    path = resources.files("claimgraph.models").joinpath(MODEL_FILE)
    assert path.is_file(), f"{MODEL_FILE} is missing: run scripts/train_attribution_model.py"
    assert len(path.read_bytes()) < 5_000_000
    m = load_model()
    assert m is not None and attribution_model(ON) is m
    assert m.head.weights.shape == (1 << 18,) and np.isfinite(m.head.weights).all()
    assert 0 < m.head_threshold <= m.novel_threshold < 1


def _run(nlp, text: str, settings: Settings) -> list[Attribution]:  # type: ignore[no-untyped-def]
    document = Document(doc_id="t", text=text, source_map=((0, 0, len(text)),))
    out = list(extract_attributions(nlp(text), document, (), settings))
    for a in out:  # every span holds its text
        a.check(text)
    return out


@pytest.mark.model
def test_model_finds_a_cue_the_lexicon_lacks(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The governor thanked the volunteers for their tireless work during the floods."
    assert not [a for a in _run(nlp, text, OFF) if a.cue and "thank" in a.cue.text]
    found = [a for a in _run(nlp, text, ON) if a.cue and "thanked" in a.cue.text]
    assert found, "the trained scorer should read 'thanked' as a cue"
    assert found[0].source is not None and found[0].source.span.text == "The governor"


@pytest.mark.model
def test_model_cue_keeps_the_verb_group_and_its_preposition(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Several senators have repeatedly called for an investigation into the contracts."
    (rules,) = [a for a in _run(nlp, text, OFF) if a.cue]
    (model,) = [a for a in _run(nlp, text, ON) if a.cue]
    assert model.cue is not None and model.cue.text == "have repeatedly called for"
    assert model.content.text.startswith("an investigation")
    assert rules.content.text.startswith("an investigation")


@pytest.mark.model
def test_both_paths_agree_on_plain_reported_speech(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The minister said that the bridge would reopen in May."
    for settings in (ON, OFF):
        (a,) = _run(nlp, text, settings)
        assert a.source is not None and a.source.span.text == "The minister"
        assert a.cue is not None and a.cue.text == "said"
        assert a.content.text == "that the bridge would reopen in May"


@pytest.mark.model
def test_rules_only_path_never_uses_the_model(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The governor thanked the volunteers. Officials hope the river will fall, she said."
    assert all(not a.rule.startswith("model-") for a in _run(nlp, text, OFF))
