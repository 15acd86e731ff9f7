#!/usr/bin/env python
"""Train claimgraph's attribution scorers on PolNeAR train and write src/claimgraph/models/attribution_v1.npz.

Usage:
  python scripts/train_attribution_model.py [--shared ../shared] [--holdout 10] [--out PATH]

Reads ``<shared>/polnear/train`` at run time (first annotator by file name, as the scorer does); parses
each article once into a DocBin cache outside the repository ($CLAIMGRAPH_ATTR_CACHE, default
/tmp/claimgraph_attr_cache, shared with scripts/attr_devloop.py). Every ``--holdout``-th training article
is held out to choose the thresholds; the final weights are then refitted on all of train. The dev split
is never read here. Only the weights leave this script: no PolNeAR text enters the project.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
from polnear_scoring import RelationScore, load_scorer
from spacy.tokens import Doc, DocBin

from claimgraph.evaluation import shared_dir
from claimgraph.extract.attr_learned import (
    NO_HEAD_POS,
    SOURCE_DEPS,
    content_candidates,
    content_rows,
    lexicon_flags,
)
from claimgraph.extract.attr_lexicon import load_lexicon
from claimgraph.extract.attr_model import (
    MODEL_FILE,
    AttributionModel,
    LinearScorer,
    extent_features,
    head_features,
    stack,
)
from claimgraph.extract.attr_quotes import find_quotes
from claimgraph.extract.attr_rules import _Context, _in_quote_array, _quote_index, match
from claimgraph.nlp import load_pipeline

CACHE = Path(os.environ.get("CLAIMGRAPH_ATTR_CACHE", "/tmp/claimgraph_attr_cache"))
ROOT = Path(__file__).resolve().parents[1]
# Table sizes: 2^18 weights for the cue-head scorer (many lemmas), 2^16 for the two small ones.
HEAD_BITS, SMALL_BITS = 18, 16


def read_ann(path: Path) -> list[dict[str, list[tuple[int, int]]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    rels = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T") and line.count("\t") >= 2:  # a span text may run over a line break
            tid, info, _ = line.split("\t", 2)
            _, rng = info.split(" ", 1)
            spans[tid] = [(int(a), int(b)) for a, b in (p.split() for p in rng.split(";"))]
        elif line.startswith("E") and "\t" in line:
            _, args = line.split("\t", 1)
            rels.append(dict(a.split(":", 1) for a in args.split()))
    return [{k.lower(): spans[r[k]] for k in ("Cue", "Source", "Content") if r.get(k) in spans} for r in rels]


def load_split(shared: Path, split: str) -> list[tuple[str, Doc, list]]:
    nlp = load_pipeline()
    CACHE.mkdir(parents=True, exist_ok=True)
    out = []
    for f in sorted((shared / "polnear" / split / "text").glob("*.txt")):
        anns = sorted((shared / "polnear" / split / "attributions").glob(f.stem + "_*.ann"))
        if not anns:
            continue
        cached = CACHE / f"{split}_{f.stem}.spacy"
        if cached.exists():
            doc = next(iter(DocBin().from_disk(cached).get_docs(nlp.vocab)))
        else:
            doc = nlp(f.read_text(encoding="utf-8"))
            db = DocBin(store_user_data=False)
            db.add(doc)
            db.to_disk(cached)
        out.append((f.stem, doc, read_ann(anns[0])))
    return out


def tokens_of(doc: Doc, spans: list[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for s, e in spans:
        sp = doc.char_span(s, e, alignment_mode="contract")
        if sp is not None:
            out.update(range(sp.start, sp.end))
    return out


def cue_head(doc: Doc, spans: list[tuple[int, int]]) -> tuple[int, int, int] | None:
    """(head token, first token, last token) of a gold cue: the first word whose head lies outside it."""
    sp = doc.char_span(spans[0][0], spans[-1][1], alignment_mode="expand")
    if sp is None or len(sp) == 0:
        return None
    inside = set(range(sp.start, sp.end))
    heads = [t for t in sp if t.head.i not in inside or t.head.i == t.i]
    h = heads[0] if heads else sp.root
    return h.i, sp.start, sp.end - 1


def f1(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    c = len(a & b)
    return 2 * c / (len(a) + len(b))


def examples(docs: list[tuple[str, Doc, list]]):  # type: ignore[no-untyped-def]
    """Feature rows and labels for the three scorers."""
    lex = load_lexicon()
    hx, hy, ex, ey, cx, cy = [], [], [], [], [], []
    for _, doc, rels in docs:
        quotes = find_quotes(doc.text)
        ctx = _Context(doc=doc, text=doc.text, lex=lex, quotes=quotes, quote_of_char=_quote_index(doc, quotes))
        in_quote = _in_quote_array(ctx)
        feats = head_features(doc, in_quote, lexicon_flags(doc, lex))
        label = np.zeros(len(doc), dtype=np.int8)
        quote_toks = set(ctx.quote_of_char)
        for r in rels:
            if "cue" not in r:
                continue
            found = cue_head(doc, r["cue"])
            if found is None:
                continue
            h, lo, hi = found
            label[h] = 1
            head = doc[h]
            content = tokens_of(doc, r.get("content", []))
            stop = quote_toks | tokens_of(doc, r.get("source", []))
            # extent: replay the growth with the gold span as the oracle
            for direction in (-1, 1):
                a = b = h
                for _ in range(8):
                    j = a - 1 if direction < 0 else b + 1
                    if not 0 <= j < len(doc):
                        break
                    tok = doc[j]
                    if j in content:
                        # the predicted content may stop short of the gold one: teach the cue not to
                        # grow into words that read as content even when nothing marks them so
                        ex.append(extent_features(tok, head, direction, (a, b), set()))
                        ey.append(0)
                        break
                    if j in stop or "\n" in tok.text or tok.is_space:
                        break
                    if (tok.is_sent_start and direction > 0) or (head.is_sent_start and direction < 0):
                        break
                    if tok.dep_ in SOURCE_DEPS or tok.head.dep_ in SOURCE_DEPS:
                        break
                    y = int(lo <= j <= hi)
                    ex.append(extent_features(tok, head, direction, (a, b), content))
                    ey.append(y)
                    if not y:
                        break
                    a, b = (j, b) if direction < 0 else (a, j)
            # content: the candidate phrase closest to the gold content
            if content:
                cands = content_candidates(head)
                if cands:
                    scores = [f1(content, set(range(c[2], c[3] + 1))) for c in cands]
                    best = int(np.argmax(scores))
                    rows = content_rows(head, cands, ctx.quote_of_char)
                    for k, row in enumerate(rows):
                        cx.append(row)
                        cy.append(int(k == best and scores[k] >= 0.5))
        # the words a cue can never start from, and those inside long quotations, which the rules skip
        keep = np.array([t.pos_ not in NO_HEAD_POS for t in doc], dtype=bool) & (in_quote < 2)
        hx.append(feats[keep])
        hy.append(label[keep])
    return (np.concatenate(hx), np.concatenate(hy), stack(ex), np.array(ey), stack(cx), np.array(cy))


def fit(x: np.ndarray, y: np.ndarray, bits: int, iters: int = 150, l2: float = 1e-5, lr: float = 0.08) -> LinearScorer:
    """L2-regularised logistic regression, full-batch Adam, over hashed feature indices."""
    size = 1 << bits
    idx = (x % np.uint64(size)).astype(np.int32)
    flat = idx.ravel()
    n, k = idx.shape
    w = np.zeros(size, dtype=np.float32)
    b = 0.0
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    mb = vb = 0.0
    yf = y.astype(np.float32)
    for t in range(1, iters + 1):
        z = w[idx].sum(axis=1) + b
        p = 1.0 / (1.0 + np.exp(-z))
        g = (p - yf) / n
        gw = np.bincount(flat, weights=np.repeat(g, k), minlength=size).astype(np.float32) + l2 * w
        gb = float(g.sum())
        m *= 0.9
        m += 0.1 * gw
        v *= 0.999
        v += 0.001 * gw * gw
        w -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
        mb = 0.9 * mb + 0.1 * gb
        vb = 0.999 * vb + 0.001 * gb * gb
        b -= lr * (mb / (1 - 0.9**t)) / (np.sqrt(vb / (1 - 0.999**t)) + 1e-8)
    z = w[idx].sum(axis=1) + b
    acc = float(((z > 0) == (y > 0)).mean())
    print(f"  fit n={n} k={k} pos={int(y.sum())} train-acc={acc:.4f}", flush=True)
    return LinearScorer(w, b)


def train(docs: list[tuple[str, Doc, list]]) -> AttributionModel:
    t0 = time.time()
    hx, hy, ex, ey, cx, cy = examples(docs)
    print(f"  examples in {time.time() - t0:.0f}s", flush=True)
    head = fit(hx, hy, HEAD_BITS)
    extent = fit(ex, ey, SMALL_BITS)
    content = fit(cx, cy, SMALL_BITS)
    return AttributionModel(head=head, extent=extent, content=content)


def score(docs: list[tuple[str, Doc, list]], model: AttributionModel | None) -> dict[str, float]:
    """Cue exact F1 and relation F1 on ``docs`` with the shared scorer's own definitions."""
    shared = shared_dir()
    assert shared is not None
    sc = load_scorer(shared)
    score_ = RelationScore(sc)
    for _, doc, rels in docs:
        index = sc.token_index(doc.text)
        golds = []
        for r in rels:
            g = {role: sc.toks_in(r.get(role, []), index) for role in sc.ROLES}
            if g["content"]:
                golds.append(g)
        preds = []
        for c in match(doc, model=model):
            p = {
                "cue": sc.toks_in([c.cue], index) if c.cue else frozenset(),
                "source": sc.toks_in([c.source], index) if c.source else frozenset(),
                "content": sc.toks_in(sorted(set(c.content)), index),
            }
            if p["content"]:
                preds.append(p)
        score_.add(preds, golds)
    out = {"relation": score_.relation()[2]}
    for role, fg in score_.roles().items():
        out[f"{role}_exact"] = fg["exact"]["f1"]
        out[f"{role}_overlap"] = fg["overlap"]["f1"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--holdout", type=int, default=10, help="every N-th train article tunes the thresholds")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "claimgraph" / "models" / MODEL_FILE)
    ap.add_argument(
        "--min-head",
        type=float,
        default=0.75,
        help="floor on the threshold for adding a cue the rules did not find: lower thresholds help "
        "PolNeAR but add action verbs ('attacked', 'requested') on other news genres",
    )
    ap.add_argument("--no-refit", action="store_true", help="keep the weights fitted without the held-out part")
    args = ap.parse_args()
    shared = args.shared or shared_dir()
    if shared is None:
        print("PolNeAR is not found: pass --shared DIR (the folder holding polnear/train)", file=sys.stderr)
        return 2
    t0 = time.time()
    docs = load_split(shared, "train")
    print(f"{len(docs)} train articles loaded in {time.time() - t0:.0f}s", flush=True)
    held = docs[:: args.holdout]
    fit_docs = [d for i, d in enumerate(docs) if i % args.holdout]
    print("fitting without the held-out articles", flush=True)
    model = train(fit_docs)
    base = score(held, None)
    print("rules only on held-out:", {k: round(v, 3) for k, v in base.items()}, flush=True)
    best = (-1.0, model)
    # The head threshold is the --min-head floor (lower ones add action verbs on other genres) and the keep
    # threshold stays low: at 0.15 and above, the seed article loses rule cues the model doubts ("reports
    # emerged that ..."), though held-out PolNeAR would take up to 0.35. The rest are tuned.
    ht, kt = args.min_head, 0.1
    for nt, ct in [(nt, ct) for nt in (ht, ht + 0.1) for ct in (0.1, 0.2, 0.35)]:
        cand = model.with_thresholds(ht, kt, ct, min(nt, 0.95))
        res = score(held, cand)
        # the bars weigh relations, cue and source alike: tune on their sum
        obj = res["relation"] + res["cue_exact"] + res["source_exact"]
        print(
            f"  novel>={nt:.2f} content>={ct}: "
            + " ".join(f"{key}={val:.3f}" for key, val in res.items()),
            flush=True,
        )
        if obj > best[0]:
            best = (obj, cand)
    chosen = best[1]
    floor = args.min_head
    chosen = chosen.with_thresholds(
        max(chosen.head_threshold, floor),
        chosen.keep_threshold,
        chosen.content_threshold,
        max(chosen.novel_threshold, floor),
    )
    print(
        f"chosen thresholds: head={chosen.head_threshold} keep={chosen.keep_threshold} "
        f"content={chosen.content_threshold} novel={chosen.novel_threshold}",
        flush=True,
    )
    if not args.no_refit:
        print("refitting on all of train", flush=True)
        full = train(docs)
        chosen = AttributionModel(
            full.head,
            full.extent,
            full.content,
            chosen.head_threshold,
            chosen.keep_threshold,
            chosen.content_threshold,
            chosen.novel_threshold,
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(chosen.to_bytes())
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) in {time.time() - t0:.0f}s total")
    return 0


if __name__ == "__main__":
    sys.exit(main())
