"""Feature version 2 of the trained attribution scorers: subject, complement and sentence features,
content candidates that avoid other attributions, and the rest-of-predicate candidate. Hand-built parses,
no spaCy model needed."""

from __future__ import annotations

import numpy as np
from spacy.lang.en import English
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.extract.attr_learned import choose_content, content_candidates
from claimgraph.extract.attr_model import FEATURE_VERSION, AttributionModel, LinearScorer, head_features


def _vocab() -> Vocab:
    """A vocabulary that fills in lexical attributes (LOWER ...), as the real pipeline's does; no model."""
    return English().vocab


def _smith_doc(ent: str, plans: bool = False) -> Doc:
    """'Smith said that taxes rose .' (or 'Smith plans to say that taxes rose .'), Smith tagged ``ent``."""
    if plans:
        words = ["Smith", "plans", "to", "say", "that", "taxes", "rose", "."]
        heads = [1, 1, 3, 1, 6, 6, 3, 1]
        deps = ["nsubj", "ROOT", "aux", "xcomp", "mark", "nsubj", "ccomp", "punct"]
        pos = ["PROPN", "VERB", "PART", "VERB", "SCONJ", "NOUN", "VERB", "PUNCT"]
        lemmas = ["Smith", "plan", "to", "say", "that", "tax", "rise", "."]
    else:
        words = ["Smith", "said", "that", "taxes", "rose", "."]
        heads = [1, 1, 4, 4, 1, 1]
        deps = ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"]
        pos = ["PROPN", "VERB", "SCONJ", "NOUN", "VERB", "PUNCT"]
        lemmas = ["Smith", "say", "that", "tax", "rise", "."]
    ents = [f"B-{ent}"] + ["O"] * (len(words) - 1)
    return Doc(_vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents)


def _feats(doc: Doc) -> np.ndarray:
    flags = np.zeros(len(doc), dtype=np.int64)
    return head_features(doc, flags, flags)


def test_feature_version_is_2() -> None:
    assert FEATURE_VERSION == 2  # the shipped weights must be retrained whenever this changes


def test_the_kind_of_subject_changes_the_verbs_features_only() -> None:
    person, org = _feats(_smith_doc("PERSON")), _feats(_smith_doc("ORG"))
    said = 1
    assert (person[said] != org[said]).any(), "a person and an organisation as subject should read differently"
    # words that do not have Smith as their subject see the same features either way
    for i in (2, 3, 4, 5):
        assert (person[i] == org[i]).all()


def test_a_complement_verb_borrows_the_subject_of_its_governor() -> None:
    person, org = _feats(_smith_doc("PERSON", plans=True)), _feats(_smith_doc("ORG", plans=True))
    say = 3  # "to say" has no subject of its own: it borrows "Smith" from "plans"
    assert (person[say] != org[say]).any()


def test_sentence_with_a_quotation_mark_reads_differently() -> None:
    words, heads = ["Smith", "said", "\u201c", "no", "\u201d", "."], [1, 1, 3, 1, 3, 1]
    deps = ["nsubj", "ROOT", "punct", "dobj", "punct", "punct"]
    quoted = Doc(_vocab(), words=words, heads=heads, deps=deps)
    plain = Doc(_vocab(), words=["Smith", "said", "(", "no", ")", "."], heads=heads, deps=deps)
    assert (_feats(quoted)[0] != _feats(plain)[0]).any()  # "Smith": same neighbours, but a quote in its sentence


def _likened() -> Doc:
    words = ["She", "likened", "the", "deal", "to", "his", "proposal", "."]
    return Doc(
        _vocab(),
        words=words,
        heads=[1, 1, 3, 1, 1, 6, 4, 1],
        deps=["nsubj", "ROOT", "det", "dobj", "prep", "poss", "pobj", "punct"],
        pos=["PRON", "VERB", "DET", "NOUN", "ADP", "PRON", "NOUN", "PUNCT"],
        lemmas=["she", "liken", "the", "deal", "to", "his", "proposal", "."],
    )


def test_the_rest_of_the_predicate_is_a_content_candidate() -> None:
    doc = _likened()
    spans = {kind: doc[lo : hi + 1].text for kind, _, lo, hi in content_candidates(doc[1])}
    assert spans["rest"] == "the deal to his proposal"
    assert spans["child:dobj"] == "the deal"


def _sure_model() -> AttributionModel:
    """Every content candidate is likely: which one wins is left to what is blocked."""
    def scorer(bias: float) -> LinearScorer:
        return LinearScorer(np.zeros(16, dtype=np.float32), bias)

    return AttributionModel(scorer(5.0), scorer(-5.0), scorer(5.0), 0.5, 0.05, 0.3, 0.6)


def test_content_passes_over_candidates_that_take_in_another_attribution() -> None:
    doc = _likened()
    model = _sure_model()
    deal = frozenset({3})  # "deal" belongs to another attribution
    chosen = choose_content(doc[1], model, {}, deal)
    assert chosen is not None
    assert "deal" not in doc.text[chosen[0] : chosen[1]]
    everything = frozenset(range(2, 7))
    assert choose_content(doc[1], model, {}, everything) is None
