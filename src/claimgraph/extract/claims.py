"""Claims: every body sentence, split into what sources say and what the author says.

How a sentence is split (the design, in one place):

1. Units. A unit is a spaCy sentence, cut again at line breaks (a claim never crosses a
   paragraph). Units before ``document.body_start`` or inside a heading are skipped (title,
   standfirst, byline, headings); units without a letter (page numbers) too. In --raw mode
   there is no body start and no heading: every sentence counts.
2. Ownership. Each token belongs to the innermost (shortest) attribution content that
   covers it, or to the author. Nested reports ("Reuters reported that officials said X")
   thus give X to the officials, and "officials said" to Reuters.
3. Attributed claims. For each attribution that owns tokens in the unit, one claim spans
   its first to last owned token there (``parts`` when the content is interrupted); its
   evidence is the source's kind. A content that runs over several sentences gives one
   claim per sentence. A content left holding only the source and cue of an inner report
   gives no claim of its own.
4. The author's remainder. The tokens no content owns are the author's. When the unit has
   no attribution they are the whole sentence. Otherwise they are a claim only when they
   have real content beyond the sources and cues of the unit's reports (their phrases,
   the source head's modifiers, the cue's auxiliaries and adverbs): a verb of their own
   ("..., prompting X to vow ...") or an inference marker ("American sources all but
   confirm ..."). Its span runs from the first to the last of its tokens (runs of bare
   punctuation dropped), ``parts`` listing the author's pieces around any content inside.
5. Assertion or inference. The author's claim is ``author_inference`` when an inference
   marker (lexicons/inference_markers.txt) lies in the author's own tokens, outside
   quotation marks and block quotes, and at most half of the claim's span is attributed
   content; the marker is recorded. Otherwise it is ``author_assertion``. So a sentence
   that mostly repeats what a source said is never the author's inference.
6. Hedges and denials (lexicons/hedges.txt, denials.txt) are read from the claim's own
   tokens and, for an attributed claim, from its cue and the cue's modifiers
   ("reportedly said", "denied").

Every matcher is built once per vocabulary and run once over the document: linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan
from spacy.util import filter_spans
from spacy.vocab import Vocab

from claimgraph.errors import LexiconError
from claimgraph.extract.source_kinds import lexicon_lines
from claimgraph.nlp.doccache import doc_text, sent_of, sentences
from claimgraph.records import Attribution, Claim, Document, Evidence, Span

# Above this share of attributed content inside an author claim's span, the claim is
# mostly someone else's words: never the author's inference.
MAX_ATTRIBUTED_SHARE_FOR_INFERENCE = 0.5
# Dependents of a cue that belong to the reporting frame, not to a claim: "did not say",
# "stated further", "has repeatedly claimed", "said that".
_CUE_FRAME_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "prt", "mark", "npadvmod"})
_NON_PREDICATE_DEPS = frozenset({"prep", "amod", "compound", "pcomp", "npadvmod"})
_FINAL_PUNCT = frozenset({".", "!", "?", "\u201d", '"', "\u2019", "'", ")", "]"})
_SPECIAL = re.compile(r"[~|@?*]")


# ---------------------------------------------------------------- lexicon patterns


def _token_spec(tok: str) -> dict[str, object]:
    """One token of the pattern syntax documented in inference_markers.txt, as a Matcher dict."""
    if tok == "*":
        return {"OP": "?"}
    spec: dict[str, object] = {}
    if tok.endswith("?") and len(tok) > 1:
        spec["OP"] = "?"
        tok = tok[:-1]
    if "@" in tok:
        tok, pos = tok.split("@", 1)
        spec["POS"] = {"IN": pos.split("|")}
    attr = "LOWER"
    if tok.startswith("~"):
        attr, tok = "LEMMA", tok[1:]
    values = [v for v in tok.split("|") if v]
    if values:
        spec[attr] = values[0] if len(values) == 1 else {"IN": values}
    return spec


@dataclass(frozen=True, slots=True)
class Anchors:
    """Words one of which every pattern needs: the Matcher runs only on the text around them.

    Each pattern contributes the words of one of its required tokens (``LOWER`` or ``LEMMA`` values),
    so a match always holds an anchor and lies within ``reach - 1`` tokens of it on either side.
    """

    lower: np.ndarray
    lemma: np.ndarray
    reach: int

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Disjoint token ranges that together hold every place a pattern can match."""
        if not len(doc):
            return []
        arr = doc.to_array([LOWER, LEMMA])
        at = np.flatnonzero(np.isin(arr[:, 0], self.lower) | np.isin(arr[:, 1], self.lemma))
        out: list[tuple[int, int]] = []
        for a in at.tolist():
            lo, hi = max(0, a - self.reach + 1), min(len(doc), a + self.reach)
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], hi)
            else:
                out.append((lo, hi))
        return out


@dataclass(frozen=True, slots=True)
class MarkerSet:
    """The patterns of one or more lexicon files, compiled together for one vocabulary: one pass finds all."""

    names: tuple[str, ...]
    phrases: PhraseMatcher
    patterns: Matcher
    anchors: Anchors | None = None  # None: some pattern has no word to anchor it, so it runs on the whole text

    def _pattern_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        if self.anchors is None:
            return list(self.patterns(doc))
        return [(key, lo + s, lo + e) for lo, hi in self.anchors.windows(doc)
                for key, s, e in self.patterns(doc[lo:hi])]

    def find_all(self, doc: Doc) -> dict[str, list[tuple[int, int]]]:
        """Per lexicon file: token ranges ``[start, end)``, longest first where they overlap, in text order."""
        strings = doc.vocab.strings
        found: dict[str, list[TokenSpan]] = {n: [] for n in self.names}
        for key, start, end in [*self.phrases(doc), *self._pattern_matches(doc)]:
            found[strings[key].rsplit(":", 1)[0]].append(doc[start:end])
        return {n: sorted((sp.start, sp.end) for sp in filter_spans(spans)) for n, spans in found.items()}

    def find(self, doc: Doc) -> list[tuple[int, int]]:
        """All matches of every file together (overlaps resolved across files)."""
        spans = [doc[s:e] for ranges in self.find_all(doc).values() for s, e in ranges]
        return sorted((sp.start, sp.end) for sp in filter_spans(spans))


def _anchor(pattern: list[dict[str, object]], vocab: Vocab) -> tuple[str, list[str]] | None:
    """The attribute and words of the pattern's rarest-looking required token.

    Rarity without a frequency table: the fewest stop words, then the smallest share of them ("suggest|
    show|imply" over "that"), then the longest shortest stop word ("nothing" over "with"), then the later token.
    """
    best: tuple[tuple[int, float, int, int], str, list[str]] | None = None
    for i, spec in enumerate(pattern):
        if spec.get("OP") == "?":
            continue
        for attr in ("LOWER", "LEMMA"):
            value = spec.get(attr)
            if value is None:
                continue
            words = [value] if isinstance(value, str) else list(value["IN"])  # type: ignore[index]
            stops = [w for w in words if vocab[w].is_stop]
            key = (len(stops), len(stops) / len(words), -min(map(len, stops), default=99), -i)
            if best is None or key < best[0]:
                best = (key, attr, words)
    return None if best is None else (best[1], best[2])


def _anchors(patterns: Iterable[list[dict[str, object]]], vocab: Vocab) -> Anchors | None:
    words: dict[str, set[int]] = {"LOWER": set(), "LEMMA": set()}
    reach = 1
    for pattern in patterns:
        anchor = _anchor(pattern, vocab)
        if anchor is None:
            return None
        words[anchor[0]].update(vocab.strings.add(w) for w in anchor[1])
        reach = max(reach, len(pattern))
    as_array = lambda hashes: np.array(sorted(hashes), dtype=np.uint64)  # noqa: E731
    return Anchors(as_array(words["LOWER"]), as_array(words["LEMMA"]), reach)


def compile_markers(*names: str, vocab: Vocab) -> MarkerSet:
    """Compile the lexicon files ``names`` (pattern syntax of inference_markers.txt) for ``vocab``."""
    phrases = PhraseMatcher(vocab, attr="LOWER")
    patterns = Matcher(vocab)
    specs: list[list[dict[str, object]]] = []
    for name in names:
        for n, line in enumerate(lexicon_lines(name)):
            toks = line.split()
            if not any(_SPECIAL.search(t) for t in toks):
                phrases.add(f"{name}:{n}", [Doc(vocab, words=[t.lower() for t in toks])])
                continue
            pattern = [_token_spec(t) for t in toks]
            if not any(p.get("OP") != "?" for p in pattern):
                raise LexiconError(name, f"pattern {line!r} has no required token; give it at least one word")
            patterns.add(f"{name}:{n}", [pattern])
            specs.append(pattern)
    return MarkerSet(tuple(names), phrases, patterns, _anchors(specs, vocab))


MARKER_FILES = ("inference_markers.txt", "hedges.txt", "denials.txt")


@lru_cache(maxsize=4)
def claim_markers(vocab: Vocab) -> MarkerSet:
    """The three marker lexicons in one matcher, compiled once per process (per vocabulary)."""
    return compile_markers(*MARKER_FILES, vocab=vocab)


MARKERS_KEY = "claimgraph.claim_markers"


def doc_claim_markers(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    """The claim markers of a Doc, found once (cached on the Doc: the attribution stage may ask first)."""
    found = doc.user_data.get(MARKERS_KEY)
    if found is None:
        found = doc.user_data[MARKERS_KEY] = claim_markers(doc.vocab).find_all(doc)
    return found


# ---------------------------------------------------------------- sentence units


def sentence_units(doc: Doc, document: Document) -> list[tuple[int, int]]:
    """Token ranges of the body sentences, cut at line breaks, spaces trimmed."""
    headings = sorted((h.start, h.end) for h in document.headings)
    heading_starts = [h[0] for h in headings]
    units: list[tuple[int, int]] = []

    def add(start: int, end: int) -> None:
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if start >= end or not any(t.is_alpha for t in doc[start:end]):
            return
        s_char = doc[start].idx
        if s_char < document.body_start:
            return
        i = bisect_right(heading_starts, s_char) - 1
        if i >= 0 and headings[i][0] <= s_char < headings[i][1]:
            return
        units.append((start, end))

    for sent in sentences(doc):
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                add(start, tok.i)
                start = tok.i + 1
        add(start, sent.end)
    return units


def quoted_tokens(doc: Doc, document: Document) -> list[bool]:
    """For each token: does it lie inside quotation marks or a block quote? (someone else's words)"""
    out = [False] * len(doc)
    inside_straight = inside_curly = False
    for tok in doc:
        if "\n" in tok.text:
            inside_straight = inside_curly = False
        text = tok.text
        if text == '"':
            inside_straight = not inside_straight
            out[tok.i] = True
            continue
        if text == "\u201c":
            inside_curly = True
        elif text == "\u201d":
            inside_curly = False
            out[tok.i] = True
            continue
        out[tok.i] = inside_straight or inside_curly
    for block in document.block_quotes:
        span = doc.char_span(block.start, block.end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                out[i] = True
    return out


# ---------------------------------------------------------------- attributions over tokens


def _token_range(doc: Doc, start: int, end: int) -> range:
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _content_pieces(a: Attribution) -> tuple[tuple[int, int], ...]:
    return a.content_parts or ((a.content.start, a.content.end),)


def _drop_author_framed(
    doc: Doc, attributions: Sequence[Attribution], inference: list[tuple[int, int]], quoted: list[bool]
) -> list[Attribution]:
    """Attributions with no source whose cue is part of the writer's own inference marker are not reports.

    "There is no indication that X" or "there is evidence that X" is the author arguing, not a
    source speaking: X stays the author's claim, and the marker decides its evidence.
    """
    marked = {i for s, e in inference if not quoted[s] for i in range(s, e)}
    keep = []
    for a in attributions:
        if a.source is None and a.cue is not None and marked & set(_token_range(doc, a.cue.start, a.cue.end)):
            continue
        keep.append(a)
    return keep


def _owners(doc: Doc, attributions: Sequence[Attribution]) -> list[int]:
    """For each token, the index of the innermost attribution whose content covers it, or -1."""
    owner = [-1] * len(doc)
    size = [0] * len(attributions)
    for k, a in enumerate(attributions):
        size[k] = sum(e - s for s, e in _content_pieces(a))
    # paint the widest first so that inner (shorter) contents win
    for k in sorted(range(len(attributions)), key=lambda k: -size[k]):
        for s, e in _content_pieces(attributions[k]):
            for i in _token_range(doc, s, e):
                if not doc[i].is_space:
                    owner[i] = k
    return owner


def _frame(doc: Doc, a: Attribution, owner: list[int]) -> tuple[set[int], set[int]]:
    """Token indices of the source phrase (with its head's modifiers) and of the cue (with its auxiliaries)."""
    source: set[int] = set()
    cue: set[int] = set()
    if a.source is not None and a.source.span.end > a.source.span.start:
        rng = _token_range(doc, a.source.span.start, a.source.span.end)
        source.update(rng)
        if len(rng):
            root = doc[rng.start : rng.stop].root
            if root.dep_ != "ROOT":  # a misparsed source could otherwise swallow its whole sentence
                sent = sent_of(root)
                source.update(t.i for t in root.subtree if owner[t.i] < 0 and sent.start <= t.i < sent.end)
    if a.cue is not None and a.cue.end > a.cue.start:
        rng = _token_range(doc, a.cue.start, a.cue.end)
        cue.update(rng)
        for i in rng:
            cue.update(c.i for c in doc[i].children if c.dep_ in _CUE_FRAME_DEPS and owner[c.i] < 0)
    return source, cue


# ---------------------------------------------------------------- the claims


def _runs(indices: Iterable[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i in sorted(indices):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _char_runs(doc: Doc, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in runs]


def _trim_runs(doc: Doc, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop runs of bare punctuation and leading punctuation ("..., prompting" -> "prompting")."""
    out = []
    for s, e in runs:
        if all(doc[i].is_punct or doc[i].is_space for i in range(s, e)):
            continue
        while s < e and (doc[s].is_punct or doc[s].is_space) and doc[s].text not in {"\u201c", '"', "(", "["}:
            s += 1
        while e > s and (doc[e - 1].is_space or (doc[e - 1].is_punct and doc[e - 1].text not in _FINAL_PUNCT)):
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _has_predicate(doc: Doc, indices: Iterable[int]) -> bool:
    """A verb of its own, not one that works as a preposition or adjective ("including", "armed")."""
    return any(
        (doc[i].pos_ == "VERB" and doc[i].dep_ not in _NON_PREDICATE_DEPS)
        or (doc[i].pos_ == "AUX" and doc[i].dep_ == "ROOT")
        for i in indices
    )


def _hits(matches: list[tuple[int, int]], allowed: set[int]) -> tuple[int, int] | None:
    """The first match whose tokens all lie in ``allowed``."""
    for s, e in matches:
        if all(i in allowed for i in range(s, e)):
            return s, e
    return None


def _in_unit(matches: list[tuple[int, int]], starts: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """The matches that begin inside the token range ``[start, end)`` (``starts`` is sorted)."""
    lo = bisect_right(starts, start - 1)
    hi = bisect_right(starts, end - 1)
    return matches[lo:hi]


def _evidence(a: Attribution) -> Evidence:
    """A source's kind as evidence; the writer quoting themself ("I said") is their assertion."""
    if a.source is None:
        return "anonymous"
    kind = a.source.kind
    return "author_assertion" if kind == "author" else kind


def _main_predicates(doc: Doc, tokens: set[int]) -> set[int]:
    """The heads of a claim's own words (and their conjuncts): a denial counts only there.

    "The firm denied the charge" is a denial; "widely rejected theories" or "people come
    here and deny the right" only mention one.
    """
    roots = {i for i in tokens if doc[i].head.i == i or doc[i].head.i not in tokens}
    return roots | {c.i for i in roots for c in doc[i].conjuncts if c.i in tokens and doc[i].dep_ == "ROOT"}


def _attributed_share(doc: Doc, owner: list[int], start: int, end: int) -> float:
    words = [i for i in range(start, end) if not (doc[i].is_punct or doc[i].is_space)]
    return sum(1 for i in words if owner[i] >= 0) / len(words) if words else 0.0


def _authors_marker(
    doc: Doc, marker: tuple[int, int], owner: list[int], first: int, last: int, start: int, end: int
) -> bool:
    """Is this marker the writer's own? Not when the sentence, or the author claim's span, is mostly
    someone else's content, nor when the marker modifies a word of that content ("Clearly, the
    inspectors wrote, the pumps were sabotaged": the inspectors' "clearly")."""
    limit = MAX_ATTRIBUTED_SHARE_FOR_INFERENCE
    if _attributed_share(doc, owner, start, end) > limit or _attributed_share(doc, owner, first, last) > limit:
        return False
    ms, me = marker
    if not (first <= ms and me <= last):
        return False
    head = doc[ms:me].root.head
    return owner[head.i] < 0


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    parts: tuple[tuple[int, int], ...]
    attribution: int  # index into attributions, -1 for the author
    evidence: Evidence
    marker: tuple[int, int] | None = None
    hedged: bool = False
    denied: bool = False


LABEL_RULES = frozenset({"naming"})


def extract_claims(doc: Doc, document: Document, attributions: Sequence[Attribution]) -> Sequence[Claim]:
    """Every body sentence as claims with their evidence: what the sources say, and what the author says."""
    found = doc_claim_markers(doc)
    inference = found["inference_markers.txt"]
    hedge_tokens = {i for s, e in found["hedges.txt"] for i in range(s, e)}
    denials = found["denials.txt"]
    denial_tokens = {i for s, e in denials for i in range(s, e)}
    denial_roots = {doc[s:e].root.i for s, e in denials}
    inf_starts = [s for s, _ in inference]
    quoted = quoted_tokens(doc, document)
    # a name given to something ("the bill, known as the Justice Act") is no evidence for a claim
    attributions = [a for a in attributions if a.rule not in LABEL_RULES]
    attributions = _drop_author_framed(doc, attributions, inference, quoted)
    owner = _owners(doc, attributions)
    frames = [_frame(doc, a, owner) for a in attributions]
    # which attributions have a source or cue token in which sentence unit: found per token
    frame_of: dict[int, set[int]] = {}
    for k, (src, cue) in enumerate(frames):
        for i in src | cue:
            frame_of.setdefault(i, set()).add(k)

    drafts: list[_Draft] = []
    for start, end in sentence_units(doc, document):
        idx = range(start, end)
        unit_inf = _in_unit(inference, inf_starts, start, end)
        owned: dict[int, list[int]] = {}
        author: list[int] = []
        for i in idx:
            if doc[i].is_space:
                continue
            if owner[i] >= 0:
                owned.setdefault(owner[i], []).append(i)
            else:
                author.append(i)
        in_unit = set(owned)
        for i in idx:
            in_unit |= frame_of.get(i, set())
        frame_tokens: set[int] = set()
        for k in in_unit:
            src, cue = frames[k]
            frame_tokens |= src | cue

        # 3. what the sources say
        for k, toks in owned.items():
            real = [i for i in toks if i not in frame_tokens and not doc[i].is_punct]
            if not real:
                continue  # only the source and cue of an inner report
            runs = _trim_runs(doc, _runs(toks)) or _runs(toks)
            chars = _char_runs(doc, runs)
            a = attributions[k]
            _, cue = frames[k]
            own = set(toks)
            drafts.append(
                _Draft(
                    start=chars[0][0],
                    end=chars[-1][1],
                    parts=tuple(chars) if len(chars) > 1 else (),
                    attribution=k,
                    evidence=_evidence(a),
                    hedged=bool(hedge_tokens & (own | cue)),
                    denied=bool(denial_tokens & cue) or bool(denial_roots & _main_predicates(doc, own)),
                )
            )

        # 4. what the author says
        if not author:
            continue
        author_set = set(author)
        real_author = {i for i in author if i not in frame_tokens and not doc[i].is_punct}
        unquoted = {i for i in author if not quoted[i]}
        marker = _hits(unit_inf, unquoted)
        if in_unit and not (real_author and _has_predicate(doc, real_author)) and marker is None:
            continue  # nothing but the frame of the unit's reports
        runs = _trim_runs(doc, _runs(author))
        if not runs:
            continue
        chars = _char_runs(doc, runs)
        first, last = runs[0][0], runs[-1][1]
        if marker is not None and not _authors_marker(doc, marker, owner, first, last, start, end):
            marker = None
        look = real_author if in_unit else author_set
        drafts.append(
            _Draft(
                start=chars[0][0],
                end=chars[-1][1],
                parts=tuple(chars) if len(chars) > 1 else (),
                attribution=-1,
                evidence="author_inference" if marker is not None else "author_assertion",
                marker=marker,
                hedged=bool(hedge_tokens & look),
                denied=bool(denial_roots & _main_predicates(doc, look)),
            )
        )

    drafts.sort(key=lambda d: (d.start, d.end))
    claims: list[Claim] = []
    for n, d in enumerate(drafts, 1):
        attribution = attributions[d.attribution] if d.attribution >= 0 else None
        marker_span = None
        if d.marker is not None:
            ms, me = d.marker
            marker_span = Span.of(doc_text(doc), doc[ms].idx, doc[me - 1].idx + len(doc[me - 1]))
        claims.append(
            Claim(
                id=f"c{n}",
                span=Span.of(doc_text(doc), d.start, d.end),
                attribution=attribution.id if attribution is not None else None,
                evidence=d.evidence,
                marker=marker_span,
                source=attribution.source.named_as if attribution and attribution.source else None,
                hedged=d.hedged,
                denied=d.denied,
                parts=d.parts,
            )
        )
    return claims
