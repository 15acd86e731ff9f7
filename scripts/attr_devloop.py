#!/usr/bin/env python
"""Tune attribution rules against PolNeAR quickly: parse once (DocBin cache), then re-run only the rules.

Usage:
  python scripts/attr_devloop.py train [--n 120] [--errors FILE]
  python scripts/attr_devloop.py dev

The cache lives outside the repository (``$CLAIMGRAPH_ATTR_CACHE``, default /tmp/claimgraph_attr_cache):
PolNeAR text never enters the project. Figures are computed by the shared scorer's own functions.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from polnear_scoring import RelationScore, load_scorer
from spacy.tokens import DocBin

from claimgraph.clean import raw_document
from claimgraph.evaluation import shared_dir
from claimgraph.extract.attributions import extract_attributions
from claimgraph.extract.entities import extract_entities
from claimgraph.ingest import read_path
from claimgraph.nlp import load_pipeline

CACHE = Path(os.environ.get("CLAIMGRAPH_ATTR_CACHE", "/tmp/claimgraph_attr_cache"))


def _scorer(shared: Path):  # type: ignore[no-untyped-def]
    return load_scorer(shared)


def load_docs(split: str, n: int | None):  # type: ignore[no-untyped-def]
    shared = shared_dir()
    assert shared is not None
    files = sorted((shared / "polnear" / split / "text").glob("*.txt"))
    if n:
        step = max(1, len(files) // n)
        files = files[::step][:n]
    nlp = load_pipeline()
    CACHE.mkdir(parents=True, exist_ok=True)
    out = []
    for f in files:
        cached = CACHE / f"{split}_{f.stem}.spacy"
        raw = read_path(f)
        document = raw_document(raw)
        if cached.exists():
            doc = next(iter(DocBin().from_disk(cached).get_docs(nlp.vocab)))
        else:
            doc = nlp(document.text)
            db = DocBin(store_user_data=False)
            db.add(doc)
            db.to_disk(cached)
        out.append((f, document, doc))
    return shared, out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("split", choices=["train", "dev"])
    ap.add_argument("--n", type=int, default=None)
    ap.add_argument("--errors", default=None, help="write a per-relation error listing here")
    args = ap.parse_args()
    shared, docs = load_docs(args.split, args.n)
    sc = _scorer(shared)
    score = RelationScore(sc)
    err = open(args.errors, "w", encoding="utf-8") if args.errors else None  # noqa: SIM115
    for f, document, doc in docs:
        text = document.text
        index = sc.token_index(text)
        anns = sorted((f.parent.parent / "attributions").glob(f.stem + "_*.ann"))
        golds = sc.read_gold(anns[0], index)
        ents = extract_entities(doc, document)
        attrs = extract_attributions(doc, document, ents)
        preds = []
        for a in attrs:
            j = a.to_json()
            rel = {}
            for role in sc.ROLES:
                s = j.get(role)
                if not (s and "start" in s):
                    rel[role] = frozenset()
                    continue
                parts = s.get("parts") or [(s["start"], s["end"])]
                rel[role] = sc.toks_in([tuple(x) for x in parts], index)
            rel["rule"] = a.rule
            if rel["content"]:
                preds.append(rel)
        score.add(preds, golds)
        if err:
            _dump(err, f.stem, text, index, preds, golds, sc)
    for role, fg in score.roles().items():
        print(f"{role:8s} exact P={fg['exact']['precision']:.3f} R={fg['exact']['recall']:.3f} "
              f"F1={fg['exact']['f1']:.3f}   overlap P={fg['overlap']['precision']:.3f} "
              f"R={fg['overlap']['recall']:.3f} F1={fg['overlap']['f1']:.3f}")
    p, r, f = score.relation()
    print(f"relation P={p:.3f} R={r:.3f} F1={f:.3f} (pred {score.npred}, gold {score.ngold})")
    return 0


def _txt(toks: frozenset, index, text: str) -> str:  # type: ignore[no-untyped-def]
    if not toks:
        return "-"
    idx = sorted(toks)
    pieces, run = [], [idx[0]]
    for i in idx[1:]:
        if i == run[-1] + 1:
            run.append(i)
        else:
            pieces.append(run)
            run = [i]
    pieces.append(run)
    return " … ".join(text[index[r[0]][0]:index[r[-1]][1]] for r in pieces).replace("\n", "⏎")


def _dump(err, stem, text, index, preds, golds, sc) -> None:  # type: ignore[no-untyped-def]
    """Gold relations (G) and predictions (P), matched ones marked, sorted by position."""
    rows = []
    used = set()
    for g in golds:
        best = None
        for pi, p in enumerate(preds):
            c = sc.tok_f1(g["content"], p["content"])
            if c >= 0.5 and (not (g["source"] or p["source"]) or sc.tok_f1(g["source"], p["source"]) >= 0.5):
                best = pi
                break
        key = min(g["content"]) if g["content"] else 0
        if best is not None:
            used.add(best)
            p = preds[best]
            same = p["cue"] == g["cue"] and p["source"] == g["source"]
            flag = "OK " if same else "ok "
            rows.append((key, f"{flag} [{p['rule']}] S={_txt(g['source'], index, text)!r} "
                              f"C={_txt(g['cue'], index, text)!r}"
                              f" | pS={_txt(p['source'], index, text)!r} pC={_txt(p['cue'], index, text)!r}"
                              f"\n      G:{_txt(g['content'], index, text)[:200]}"
                              f"\n      P:{_txt(p['content'], index, text)[:200]}"))
        else:
            rows.append((key, f"FN  S={_txt(g['source'], index, text)!r} C={_txt(g['cue'], index, text)!r}"
                              f"\n      G:{_txt(g['content'], index, text)[:200]}"))
    for pi, p in enumerate(preds):
        if pi in used:
            continue
        key = min(p["content"]) if p["content"] else 0
        rows.append((key, f"FP  [{p['rule']}] S={_txt(p['source'], index, text)!r} C={_txt(p['cue'], index, text)!r}"
                          f"\n      P:{_txt(p['content'], index, text)[:200]}"))
    err.write(f"=== {stem}\n")
    for _, row in sorted(rows, key=lambda x: x[0]):
        err.write(row + "\n")


if __name__ == "__main__":
    sys.exit(main())
