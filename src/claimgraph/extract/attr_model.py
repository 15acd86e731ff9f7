"""The trained part of attribution finding: linear scorers over cheap features of the parse.

Three hashed logistic-regression scorers, trained by ``scripts/train_attribution_model.py``:

- ``head``:    does this token head a cue? (every token of the document, one vectorised pass)
- ``extent``:  does the cue span take in the next word to its left / right? (a few words per cue)
- ``content``: which dependent of the cue carries the content? (a few candidates per cue)

Features are spaCy's own 64-bit string hashes (lemma, dep, POS ... are integers already) mixed
with a template number and folded into a fixed table, so nothing here needs a vocabulary and the
weights stay a few MB. No second neural pass: the cost is a handful of numpy operations per document.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from io import BytesIO

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, LEMMA, LOWER, POS, SENT_START, SUFFIX, TAG
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Token

MODEL_FILE = "attribution_v1.npz"
FEATURE_VERSION = 2
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)
_MASK = (1 << 64) - 1

# Dependents whose presence says most about a would-be cue ("said *that* ...", "called *for* ...").
CHILD_DEPS = (
    "ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "prep", "advcl", "acl", "relcl", "agent", "attr",
    "acomp", "parataxis", "conj", "poss", "aux", "auxpass", "neg", "npadvmod", "oprd", "dative", "csubj",
    "advmod", "prt", "appos", "pcomp", "pobj", "mark", "dep", "compound", "amod",
)
# The dependents combined with the word itself (lemma x "has a clausal complement").
KEY_DEPS = ("ccomp", "xcomp", "dobj", "prep", "nsubj", "nsubjpass", "advcl", "acl")
QUOTE_CHARS = frozenset({"\u201c", "\u201d", '"', "``", "''", "\u00ab", "\u00bb", "\u2018", "\u2019"})


def _mix(template: int, *values: int) -> int:
    """Python twin of ``_vmix`` for features built one at a time (cue extent, content choice)."""
    h = (template * 0x9E3779B97F4A7C15) & _MASK
    for v in values:
        h = ((h ^ (v & _MASK)) * 0xBF58476D1CE4E5B9) & _MASK
        h ^= h >> 31
    return h


def _vmix(template: int, *values: np.ndarray) -> np.ndarray:
    h = np.full(values[0].shape, (template * 0x9E3779B97F4A7C15) & _MASK, dtype=np.uint64)
    for v in values:
        h = (h ^ v) * _M2
        h ^= h >> np.uint64(31)
    return h


def _str_hash(doc: Doc, s: str) -> int:
    return int(hash_string(s))


def _sid(doc: Doc, s: str) -> np.uint64:
    """The id spaCy stores for ``s`` in a token attribute: a fixed symbol for built-in labels ("nsubj",
    "PROPN", "PERSON"), the string's hash otherwise. ``hash_string`` alone misses the symbols."""
    return np.uint64(doc.vocab.strings[s])


@dataclass(frozen=True, slots=True)
class LinearScorer:
    """Logistic regression over hashed features: ``weights[index % size]`` summed, plus a bias."""

    weights: np.ndarray
    bias: float

    def logits(self, feats: np.ndarray) -> np.ndarray:
        """``feats``: (n, k) uint64 hashes -> (n,) logits."""
        idx = (feats % np.uint64(self.weights.shape[0])).astype(np.int64)
        return self.weights[idx].sum(axis=1) + self.bias

    def probs(self, feats: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logits(feats)))

    def prob(self, feats: list[int]) -> float:
        """One example in plain Python: for a handful of features numpy's call overhead dominates."""
        w, size = self.weights, self.weights.shape[0]
        z = self.bias + sum(float(w[h % size]) for h in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# ---------------------------------------------------------------- cue heads (every token, vectorised)


def head_features(doc: Doc, in_quote: np.ndarray, lexicon_flags: np.ndarray) -> np.ndarray:
    """(n_tokens, k) feature hashes for "does token i head a cue". One numpy pass over the parse.

    ``in_quote``: 1 where the token lies inside a quotation; ``lexicon_flags``: 0 none, 1 reporting verb,
    2 internal state, 3 reporting noun (the hand lexicon still counts as evidence).
    """
    n = len(doc)
    if n == 0:
        return np.zeros((0, 0), dtype=np.uint64)
    arr = doc.to_array([LEMMA, LOWER, POS, TAG, DEP]).astype(np.uint64)
    lemma, lower, pos, tag, dep = (arr[:, k] for k in range(5))
    head = np.array([t.head.i for t in doc], dtype=np.int64)
    idx = np.arange(n)
    dep_bit = {_sid(doc, d): np.uint64(1 << b) for b, d in enumerate(CHILD_DEPS)}
    # children's dependency labels as a bitmask on their head
    mask = np.zeros(n, dtype=np.uint64)
    is_child = head != idx
    for code, bit in dep_bit.items():
        sel = is_child & (dep == code)
        if sel.any():
            np.bitwise_or.at(mask, head[sel], bit)
    # "said that ...": a clausal child marked by "that"
    that = (lower == _sid(doc, "that")) & (dep == _sid(doc, "mark"))
    that_mark = np.zeros(n, dtype=np.uint64)
    clause = head[that]
    np.bitwise_or.at(that_mark, head[clause[head[clause] != clause]], np.uint64(1))
    # quotation marks and colons right next to the token or hanging on it
    quote_hashes = np.array([_sid(doc, q) for q in QUOTE_CHARS], dtype=np.uint64)
    is_quote = np.isin(lower, quote_hashes)
    colon = lower == _sid(doc, ":")
    qchild = np.zeros(n, dtype=np.uint64)
    np.bitwise_or.at(qchild, head[is_quote & is_child], np.uint64(1))
    np.bitwise_or.at(qchild, head[colon & is_child], np.uint64(2))
    prev = np.concatenate(([n], idx[:-1]))
    nxt = np.concatenate((idx[1:], [n]))
    nxt2 = np.minimum(idx + 2, n)
    pad = np.uint64(0x5F5F5F)

    def at(a: np.ndarray, where: np.ndarray) -> np.ndarray:
        return np.concatenate((a, [pad]))[where]

    hl, hp, hd = lemma[head], pos[head], dep[head]
    iq = in_quote.astype(np.uint64)
    lx = lexicon_flags.astype(np.uint64)
    key = np.zeros(n, dtype=np.uint64)
    for b, d in enumerate(KEY_DEPS):
        key |= ((mask >> np.uint64(CHILD_DEPS.index(d))) & np.uint64(1)) << np.uint64(b)
    cols = [
        _vmix(0, np.zeros(n, dtype=np.uint64)),
        _vmix(1, lemma), _vmix(2, lower), _vmix(3, pos), _vmix(4, tag), _vmix(5, dep),
        _vmix(6, lemma, dep), _vmix(7, lemma, tag), _vmix(8, hl), _vmix(9, hp, dep), _vmix(10, lemma, hl),
        _vmix(11, hd, dep), _vmix(12, key), _vmix(13, lemma, key), _vmix(14, pos, key), _vmix(15, mask),
        _vmix(16, that_mark), _vmix(17, lemma, that_mark), _vmix(18, qchild), _vmix(19, lemma, qchild),
        _vmix(20, iq, pos), _vmix(21, iq, lemma), _vmix(22, lx), _vmix(23, lx, pos, dep),
        _vmix(24, at(lower, prev)), _vmix(25, at(lower, nxt)), _vmix(26, at(pos, prev), pos),
        _vmix(27, pos, at(pos, nxt)), _vmix(28, lemma, at(lower, nxt)), _vmix(29, at(lower, prev), lemma),
        _vmix(30, tag, key), _vmix(31, lemma, dep, key), _vmix(32, at(lower, nxt2)),
    ]
    for b, _d in enumerate(CHILD_DEPS):
        cols.append(_vmix(40 + b, (mask >> np.uint64(b)) & np.uint64(1), pos))
    cols += _context_columns(doc, arr, head, is_child, is_quote, iq, lx)
    return np.stack(cols, axis=1)


# Who the subject is says much about a would-be cue: people and organisations say, hope and back things.
_PERSONAL = frozenset({"i", "we", "you", "he", "she", "they", "me", "us", "him", "her", "them"})
_SUBJECT_KINDS = {"PERSON": 2, "ORG": 3, "NORP": 3, "GPE": 3}  # 1 personal pronoun, 4 proper noun, 5 noun, 6 other


def _child_value(n: int, head: np.ndarray, sel: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For each token, ``values`` of (one of) its children picked by ``sel``; 0 where it has none."""
    out = np.zeros(n, dtype=np.uint64)
    out[head[sel]] = values[sel]
    return out


def _context_columns(
    doc: Doc, arr: np.ndarray, head: np.ndarray, is_child: np.ndarray, is_quote: np.ndarray,
    iq: np.ndarray, lx: np.ndarray,
) -> list[np.ndarray]:
    """Features of a token's subject, complements, auxiliaries and sentence (feature version 2)."""
    n = len(doc)
    lemma, lower, pos, tag, dep = (arr[:, k] for k in range(5))
    extra = doc.to_array([ENT_TYPE, SUFFIX, SENT_START]).astype(np.int64)
    ent, suffix = extra[:, 0].astype(np.uint64), extra[:, 1].astype(np.uint64)
    h = {name: _sid(doc, name) for name in (
        "nsubj", "nsubjpass", "poss", "prep", "agent", "aux", "xcomp", "ccomp", "dobj", "pobj",
        "advcl", "conj", "relcl", "acl", "PRON", "PROPN", "NOUN",
    )}
    # 1. the subject (or possessor of a noun): its kind and its lemma
    kind = np.full(n, 6, dtype=np.uint64)
    kind[np.isin(lower, np.array([_sid(doc, w) for w in _PERSONAL], dtype=np.uint64))] = 1
    kind[(kind == 6) & (pos == h["PROPN"])] = 4
    kind[(kind == 6) & (pos == h["NOUN"])] = 5
    for label, code in _SUBJECT_KINDS.items():
        kind[ent == _sid(doc, label)] = code
    subj = is_child & ((dep == h["nsubj"]) | (dep == h["nsubjpass"]) | (dep == h["poss"]))
    s_kind = _child_value(n, head, subj, kind)
    s_lemma = _child_value(n, head, subj, lemma)
    # "..., saying", "plans to ...", "who said": borrow the subject of the word this one hangs on
    borrowing = np.array([h[d] for d in ("xcomp", "advcl", "conj", "relcl", "acl")], dtype=np.uint64)
    borrow = (s_kind == 0) & is_child & np.isin(dep, borrowing)
    s_kind = np.where(borrow, s_kind[head] + np.uint64(8), s_kind)
    s_lemma = np.where(borrow, s_lemma[head], s_lemma)
    # 2. which preposition, auxiliary, object and complement hang on it
    prep_lower = _child_value(n, head, is_child & ((dep == h["prep"]) | (dep == h["agent"])), lower)
    aux_lower = _child_value(n, head, is_child & (dep == h["aux"]), lower)
    xcomp_lemma = _child_value(n, head, is_child & (dep == h["xcomp"]), lemma)
    ccomp_tag = _child_value(n, head, is_child & (dep == h["ccomp"]), tag)
    dobj_kind = _child_value(n, head, is_child & (dep == h["dobj"]), kind)
    # the object of its preposition: "support *for* the bill", "view *of* the senator"
    pobj = is_child & (dep == h["pobj"])
    pobj_kind = np.zeros(n, dtype=np.uint64)
    pobj_kind[head[head[pobj]]] = kind[pobj]
    # 3. the sentence: does it hold a quotation mark, and is the word its root
    sent = np.cumsum(extra[:, 2] == 1)
    sent_quote = (np.bincount(sent, weights=is_quote.astype(np.float64), minlength=int(sent.max()) + 1)[sent] > 0)
    sq = sent_quote.astype(np.uint64)
    root = (~is_child).astype(np.uint64)
    return [
        _vmix(60, s_kind), _vmix(61, lemma, s_kind), _vmix(62, pos, dep, s_kind), _vmix(63, s_lemma),
        _vmix(64, lemma, s_lemma), _vmix(65, prep_lower), _vmix(66, lemma, prep_lower), _vmix(67, pos, prep_lower),
        _vmix(68, aux_lower, pos), _vmix(69, lemma, aux_lower), _vmix(70, xcomp_lemma), _vmix(71, lemma, xcomp_lemma),
        _vmix(72, ccomp_tag), _vmix(73, lemma, ccomp_tag), _vmix(74, dobj_kind, pos), _vmix(75, lemma, dobj_kind),
        _vmix(76, pobj_kind, pos, prep_lower), _vmix(77, lemma, pobj_kind), _vmix(78, suffix, pos),
        _vmix(79, suffix, tag, dep), _vmix(80, ent), _vmix(81, sq, pos, dep), _vmix(82, sq, lemma),
        _vmix(83, root, pos), _vmix(84, lx, s_kind), _vmix(85, iq, sq, pos), _vmix(86, s_kind, tag),
    ]


# ---------------------------------------------------------------- cue extent (a few words per cue)


def extent_features(tok: Token, head: Token, direction: int, span: tuple[int, int], content: set[int]) -> list[int]:
    """Features for "the cue headed by ``head``, now covering tokens ``span``, takes in ``tok``"."""
    d = direction
    lo, hi = span
    in_span = lo <= tok.head.i <= hi
    grand = lo <= tok.head.head.i <= hi
    steps = min(hi - lo, 6)
    nb = tok.nbor(d) if 0 <= tok.i + d < len(tok.doc) else None
    nbl = nb.lower if nb is not None else 0
    return [
        _mix(100, d), _mix(101, d, tok.dep), _mix(102, d, tok.pos), _mix(103, d, tok.lower),
        _mix(104, d, in_span, grand), _mix(105, d, tok.dep, in_span), _mix(106, d, head.lemma, tok.lower),
        _mix(107, d, head.pos, tok.dep), _mix(108, d, tok.dep, tok.head.dep), _mix(109, d, tok.lower, nbl),
        _mix(110, d, steps), _mix(111, d, tok.i in content), _mix(112, d, tok.dep, tok.i in content),
        _mix(113, d, tok.tag, in_span), _mix(114, d, head.lemma, tok.dep), _mix(115, d, tok.head.i == head.i, tok.dep),
        _mix(116, d, tok.like_num, tok.is_punct, tok.is_title), _mix(117, d, tok.ent_type, tok.dep),
        _mix(118, d, head.dep, tok.dep), _mix(119, d, tok.lower, in_span),
    ]


# ---------------------------------------------------------------- content choice (a few candidates per cue)


def content_features(head: Token, kind: str, cand: Token, first: Token, length: int, in_quote: bool) -> list[int]:
    """Features for "the content of the cue ``head`` is the phrase of ``cand`` (``kind`` says how)"."""
    doc = head.doc
    k = _str_hash(doc, kind)
    after = int(cand.i > head.i)
    lb = min(length, 40) // 5
    return [
        _mix(200, k), _mix(201, k, head.lemma), _mix(202, k, head.pos), _mix(203, k, head.dep),
        _mix(204, k, cand.pos), _mix(205, k, first.lower), _mix(206, k, after), _mix(207, k, lb),
        _mix(208, k, in_quote), _mix(209, k, head.lemma, cand.pos), _mix(210, k, cand.tag),
        _mix(211, k, first.pos), _mix(212, k, head.tag), _mix(213, k, cand.lemma),
        _mix(214, k, head.lemma, first.lower),
    ]


def stack(rows: Sequence[list[int]]) -> np.ndarray:
    return np.array(rows, dtype=np.uint64).reshape(len(rows), -1)


# ---------------------------------------------------------------- the model


@dataclass(frozen=True, slots=True)
class AttributionModel:
    """The three scorers and the thresholds the training script chose on held-out training articles."""

    head: LinearScorer
    extent: LinearScorer
    content: LinearScorer
    head_threshold: float = 0.5
    keep_threshold: float = 0.2  # a rule's reporting verb is dropped below this cue-head probability
    content_threshold: float = 0.3
    novel_threshold: float = 0.6  # a cue word the hand lexicon lacks needs this much more evidence

    def with_thresholds(self, head: float, keep: float, content: float, novel: float) -> AttributionModel:
        return AttributionModel(self.head, self.extent, self.content, head, keep, content, novel)

    def to_bytes(self) -> bytes:
        buf = BytesIO()
        np.savez_compressed(
            buf,
            version=np.array([FEATURE_VERSION]),
            head_w=self.head.weights.astype(np.float16), head_b=np.array([self.head.bias]),
            extent_w=self.extent.weights.astype(np.float16), extent_b=np.array([self.extent.bias]),
            content_w=self.content.weights.astype(np.float16), content_b=np.array([self.content.bias]),
            thresholds=np.array(
                [self.head_threshold, self.keep_threshold, self.content_threshold, self.novel_threshold]
            ),
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> AttributionModel:
        z = np.load(BytesIO(data))
        if int(z["version"][0]) != FEATURE_VERSION:
            raise ValueError(
                f"{MODEL_FILE} was trained with feature version {int(z['version'][0])}, this code reads "
                f"{FEATURE_VERSION}: re-run scripts/train_attribution_model.py"
            )
        th = z["thresholds"]

        def scorer(name: str) -> LinearScorer:
            return LinearScorer(z[f"{name}_w"].astype(np.float32), float(z[f"{name}_b"][0]))

        return cls(scorer("head"), scorer("extent"), scorer("content"), *(float(x) for x in th))


@lru_cache(maxsize=1)
def load_model() -> AttributionModel | None:
    """The shipped weights (``claimgraph/models/attribution_v1.npz``), or None when they are absent."""
    try:
        data = resources.files("claimgraph.models").joinpath(MODEL_FILE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return AttributionModel.from_bytes(data)
