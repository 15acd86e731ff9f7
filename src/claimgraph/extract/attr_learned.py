"""Attribution candidates from the trained scorers, built with the rules' own span helpers.

The rules find quotes and their frames; the model adds the long tail of cues a hand lexicon misses
("backed", "hopes", "in his view"), picks which dependent carries their content, and sets the cue
span's extent the way PolNeAR annotators do (verb group, "called for", "said Tuesday").
Everything here is linear in the document: a few candidates per predicted cue.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from spacy.attrs import LEMMA
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Token

from claimgraph.extract.attr_lexicon import Lexicon
from claimgraph.extract.attr_model import (
    AttributionModel,
    content_features,
    extent_features,
    head_features,
    stack,
)
from claimgraph.extract.attr_rules import (
    SUBJECT_DEPS,
    Candidate,
    Char,
    _authorial_tail,
    _prep_object,
    _token_range,
    clip_paragraph,
    discourse_said,
    source_chars,
    source_of,
    subtree_chars,
    token_chars,
    trim,
)
from claimgraph.nlp.doccache import doc_text

# Dependents that never carry the content ("did not say", "said, ...", "and said").
NOT_CONTENT = {"punct", "cc", "aux", "auxpass", "neg", "det", "prt", "case", "mark", "expl"}
# Dependents that belong to the source, never to the cue.
SOURCE_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
# Dependents after a cue that together make up "the rest of the predicate" (one content candidate).
REST_DEPS = {
    "dobj", "prep", "dative", "ccomp", "xcomp", "oprd", "advcl", "npadvmod", "acomp", "attr", "advmod", "pcomp",
}
# How far a cue span may grow on either side of its head word.
MAX_EXTENT = 8
# Dependency labels of cue heads the learned path never starts from (function words).
NO_HEAD_POS = {"DET", "PRON", "NUM", "CCONJ", "SPACE", "SYM", "X", "INTJ", "PART"}


def lexicon_flags(doc: Doc, lex: Lexicon) -> np.ndarray:
    """0 none, 1 reporting verb, 2 internal state, 3 reporting noun: the hand lexicon as a feature."""
    verbs, states, nouns = _lexicon_hashes(lex)
    lemma = doc.to_array([LEMMA]).reshape(-1).astype(np.uint64)
    out = np.zeros(len(doc), dtype=np.int64)
    out[np.isin(lemma, nouns)] = 3
    out[np.isin(lemma, verbs)] = 1
    out[np.isin(lemma, states)] = 2
    return out


def _lexicon_hashes(lex: Lexicon) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The lexicon's lemmas as spaCy hashes (verbs, states, nouns), computed once per lexicon object."""
    verbs, states, nouns = _hashes_of(
        tuple(sorted(set(lex.verbs) - lex.states)), tuple(sorted(lex.states)), tuple(sorted(lex.nouns))
    )
    return verbs, states, nouns


@lru_cache(maxsize=4)
def _hashes_of(*groups: tuple[str, ...]) -> tuple[np.ndarray, ...]:
    return tuple(np.array([hash_string(w) for w in g], dtype=np.uint64) for g in groups)


def head_probs(doc: Doc, model: AttributionModel, in_quote: np.ndarray, lex: Lexicon) -> np.ndarray:
    """P(token heads a cue) for every token of ``doc``."""
    if len(doc) == 0:
        return np.zeros(0)
    return model.head.probs(head_features(doc, in_quote, lexicon_flags(doc, lex)))


# ---------------------------------------------------------------- content


def content_candidates(head: Token) -> list[tuple[str, Token, int, int]]:
    """(kind, anchor token, first token, last token) for each phrase that could be the cue's content."""
    out: list[tuple[str, Token, int, int]] = []
    for c in head.children:
        if c.dep_ in NOT_CONTENT or c.dep_ in SUBJECT_DEPS:
            continue
        lo, hi = c.left_edge.i, c.right_edge.i
        if c.dep_ == "ccomp":
            for tail in _authorial_tail(c):
                hi = min(hi, tail.left_edge.i - 1)
        out.append((f"child:{c.dep_}", c, lo, max(lo, hi)))
        if c.dep_ == "prep":
            for cc in c.children:
                if cc.dep_ in {"pobj", "pcomp"}:
                    out.append((f"pp:{cc.dep_}", cc, cc.left_edge.i, cc.right_edge.i))
    # the whole rest of the predicate: "likened [the deal to his proposal]", "offered [prayers to the victims]"
    rest = [c for c in head.rights if c.dep_ in REST_DEPS]
    if len(rest) > 1:
        out.append(("rest", rest[0], rest[0].left_edge.i, rest[-1].right_edge.i))
    if head.head.i != head.i:
        hh = head.head
        lo, hi = hh.left_edge.i, hh.right_edge.i
        before = (lo, head.left_edge.i - 1)
        after = (head.right_edge.i + 1, hi)
        piece = before if before[1] - before[0] >= after[1] - after[0] else after
        if piece[1] >= piece[0]:
            out.append((f"headrest:{head.dep_}", hh, piece[0], piece[1]))
    return out


def content_rows(
    head: Token, cands: Sequence[tuple[str, Token, int, int]], quote_of: dict[int, int]
) -> list[list[int]]:
    doc = head.doc
    return [content_features(head, kind, anchor, doc[lo], hi - lo + 1, anchor.i in quote_of)
            for kind, anchor, lo, hi in cands]


def choose_content(
    head: Token, model: AttributionModel, quote_of: dict[int, int], blocked: frozenset[int] = frozenset()
) -> Char | None:
    """The content span the model prefers for the cue ``head``, or None when no candidate is likely.

    A candidate that takes in a ``blocked`` token (another attribution's cue or content) is passed over
    for the next most likely one: PolNeAR never nests one attribution inside another.
    """
    cands = content_candidates(head)
    if not cands:
        return None
    probs = model.content.probs(stack(content_rows(head, cands, quote_of)))
    best = -1
    for k in np.argsort(-probs):
        if probs[k] < model.content_threshold:
            break
        _, _, lo, hi = cands[k]
        if not blocked or blocked.isdisjoint(range(lo, hi + 1)):
            best = int(k)
            break
    if best < 0:
        return None
    _, _, lo, hi = cands[best]
    text = doc_text(head.doc)
    s, e = token_chars(head.doc, lo, hi)
    return trim(text, *clip_paragraph(text, s, e, head.doc[lo].idx))


# ---------------------------------------------------------------- cue extent


def cue_extent(head: Token, model: AttributionModel, content: set[int], stop: set[int]) -> tuple[int, int]:
    """Token range ``[lo, hi]`` of the cue headed by ``head``: grow left, then right, while the model agrees."""
    doc = head.doc
    lo = hi = head.i
    for direction in (-1, 1):
        for _ in range(MAX_EXTENT):
            j = lo - 1 if direction < 0 else hi + 1
            if not 0 <= j < len(doc):
                break
            tok = doc[j]
            if j in content or j in stop or "\n" in tok.text or tok.is_space or (tok.is_sent_start and direction > 0):
                break
            if tok.dep_ in SOURCE_DEPS or tok.head.dep_ in SOURCE_DEPS:
                break  # the source is never part of the cue
            if head.is_sent_start and direction < 0:
                break
            p = model.extent.prob(extent_features(tok, head, direction, (lo, hi), content))
            if p < 0.5:
                break
            if direction < 0:
                lo = j
            else:
                hi = j
    # never end on a comma or open bracket; never start on punctuation
    while hi > lo and doc[hi].is_punct and doc[hi].text != ":":
        hi -= 1
    while lo < hi and doc[lo].is_punct:
        lo += 1
    return lo, hi


def token_set(doc: Doc, spans: Sequence[Char]) -> set[int]:
    return {i for s, e in spans for i in _token_range(doc, s, e)}


# Rules whose cue span is drawn by the rule itself ("according to", "is expected to endorse", "was critical of").
FIXED_CUE_RULES = {"according-to", "name-colon", "verb-raised", "copula-adjective", "light-verb", "in-study"}


def respan_cue(doc: Doc, cand: Candidate, model: AttributionModel, stop: set[int]) -> None:
    """Re-draw a rule candidate's cue with the learned extent (the head word stays the rules' choice)."""
    if cand.cue_token is None or cand.cue is None or cand.rule in FIXED_CUE_RULES:
        return
    head = doc[cand.cue_token]
    if head.lower_ == "according":
        return
    content = token_set(doc, cand.content)
    if cand.source_token is not None and cand.source is not None:
        stop = stop | token_set(doc, [cand.source])
    lo, hi = cue_extent(head, model, content, stop)
    s, e = token_chars(doc, lo, hi)
    if cand.cue[1] < len(doc_text(doc)) and doc_text(doc)[cand.cue[1] - 1] == ":" and e < cand.cue[1]:
        e = cand.cue[1]  # the rules' lead-in colon stays in the cue
    cand.cue = (s, e)


# ---------------------------------------------------------------- new candidates


def noun_source(tok: Token) -> tuple[Token | None, Char | None]:
    """'his view', 'the view of the agency', 'a claim by the senator'."""
    text = doc_text(tok.doc)
    for child in tok.children:
        if child.dep_ == "poss":
            s, e = subtree_chars(child)
            return child, trim(text, s, e)
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from", "of"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in {"PROPN", "PRON"}:
                    return pobj, source_chars(pobj)
    return None, None


# Prepositions that carry the charge after a passive verb: "was accused of lying", "blamed for the delay".
CHARGE_PREPS = {"of", "for", "over"}


def _passive_charge(verb: Token, content: Char) -> list[Char]:
    """'Peacekeepers have been blamed for introducing cholera': when the content is the passive subject,
    what it was blamed, accused or praised for belongs to it too."""
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is None or verb.pos_ != "VERB" or subtree_chars(subj) != content:
        return []
    found = _prep_object(verb.rights, CHARGE_PREPS, verb.i)
    return [found[0]] if found is not None else []


def learned_candidate(
    tok: Token, model: AttributionModel, lex: Lexicon, quote_of: dict[int, int], blocked: frozenset[int] = frozenset()
) -> Candidate | None:
    """A candidate for a cue head the model found and the rules did not use (its content avoids ``blocked``)."""
    doc = tok.doc
    if discourse_said(tok):
        return None  # "That said, ...": the model reads a report where the argument only turns
    content = choose_content(tok, model, quote_of, blocked)
    if content is None or content[1] <= content[0]:
        return None
    if tok.pos_ in {"VERB", "AUX"}:
        src_tok, src, ante = source_of(tok, lex)
    else:
        src_tok, src = noun_source(tok)
        ante = None
        if src is None and tok.dep_ in SUBJECT_DEPS | {"attr"} and tok.head.pos_ in {"VERB", "AUX"}:
            src_tok, src, ante = source_of(tok.head, lex)
            if src_tok is tok:
                src_tok, src, ante = None, None, None
    parts = [content, *_passive_charge(tok, content)]
    ctoks = token_set(doc, parts)
    stop = token_set(doc, [src]) if src is not None else set()
    if tok.i in ctoks:
        return None
    lo, hi = cue_extent(tok, model, ctoks, stop)
    return Candidate(
        content=parts,
        cue=token_chars(doc, lo, hi),
        source=src,
        rule=f"model-{tok.pos_.lower()}",
        cue_token=tok.i,
        source_token=src_tok.i if src_tok is not None else None,
        antecedent=ante,
    )
