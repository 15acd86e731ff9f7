#!/usr/bin/env python
"""How much the analysis costs next to the bare spaCy parse, on the same texts.

Usage:
  python scripts/attr_speed.py [DIR] [--n 40] [--rounds 2]

DIR holds .txt files (default: ../shared/polnear/dev/text). Prints the time of ``nlp(text)`` alone, of
attribution extraction alone (rules only and with the trained scorers, over the parsed Docs), and of
``analyze_document`` (rules + model), each as a ratio to the bare parse. Rounds alternate so that a busy
machine slows every variant alike. The issue's bar: analyze within 1.25x of bare spaCy.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from claimgraph.clean import raw_document
from claimgraph.config import Settings
from claimgraph.evaluation import shared_dir
from claimgraph.extract.attributions import extract_attributions
from claimgraph.extract.entities import extract_entities
from claimgraph.ingest import read_path
from claimgraph.nlp import load_pipeline
from claimgraph.pipeline import analyze_document


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", nargs="?", type=Path, default=None)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    folder = args.dir
    if folder is None:
        shared = shared_dir()
        if shared is None:
            print("no texts: pass a folder of .txt files", file=sys.stderr)
            return 2
        folder = shared / "polnear" / "dev" / "text"
    files = sorted(folder.glob("*.txt"))[: args.n]
    on, off = Settings(raw=True), Settings(raw=True, attribution_model=False)
    nlp = load_pipeline(on)
    documents = [raw_document(read_path(f, on)) for f in files]
    words = sum(len(d.text.split()) for d in documents)
    docs = [nlp(d.text) for d in documents]  # warm up, and the Docs for the extraction-only timings
    ents = [extract_entities(doc, d) for doc, d in zip(docs, documents, strict=True)]
    t = {"bare": 0.0, "analyze": 0.0, "attr-rules": 0.0, "attr-model": 0.0}
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for d in documents:
            nlp(d.text)
        t["bare"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        for d in documents:
            analyze_document(d, nlp, on)
        t["analyze"] += time.perf_counter() - t0
        for key, settings in (("attr-rules", off), ("attr-model", on)):
            t0 = time.perf_counter()
            for doc, d, e in zip(docs, documents, ents, strict=True):
                extract_attributions(doc, d, e, settings)
            t[key] += time.perf_counter() - t0
    bare = t["bare"]
    print(f"{len(files)} texts, {words} words, {args.rounds} rounds")
    print(f"bare spaCy      {bare:7.2f}s  {words * args.rounds / bare:8.0f} words/s")
    for key in ("analyze", "attr-rules", "attr-model"):
        print(f"{key:15s} {t[key]:7.2f}s  ratio to bare spaCy {t[key] / bare:.3f}")
    print(f"analyze / bare = {t['analyze'] / bare:.3f}  (bar: <= 1.25);  "
          f"model adds {(t['attr-model'] - t['attr-rules']) / bare:.3f} of the bare parse time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
