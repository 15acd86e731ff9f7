"""Does analysis stay linear in a document's length? Extraction time per word, short against long.

    .venv/bin/python benchmarks/bench_long.py [--copies 4 32]

A long document is made of one bundled sample article (``samples/articles/05_rifles_traced.txt``)
repeated; each size is parsed once, then the extraction stages (entities, attributions, source actors,
claims, flows) are timed over the parsed Doc. Printed per size: words, the bare parse's seconds, the
extraction's seconds and its ratio to the parse. The ratio must not grow with the length: a stage
that scans the whole document per candidate shows as a ratio that doubles with the size.
Bar: the largest size's ratio within 1.5x the smallest size's.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from claimgraph.api import to_document
from claimgraph.config import Settings
from claimgraph.extract.attributions import extract_attributions
from claimgraph.extract.claims import extract_claims
from claimgraph.extract.entities import extract_entities
from claimgraph.extract.flows import extract_flows
from claimgraph.extract.source_actors import add_source_actors
from claimgraph.ingest import read_text
from claimgraph.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "samples" / "articles" / "05_rifles_traced.txt"
BAR_GROWTH = 1.5


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, nargs="+", default=[4, 32])
    args = ap.parse_args()
    settings = Settings()
    nlp = load_pipeline(settings)
    base = ARTICLE.read_text(encoding="utf-8")
    ratios = []
    for n in args.copies:
        document = to_document(read_text(base * n), settings)
        t0 = time.perf_counter()
        doc = nlp(document.text)
        parse = time.perf_counter() - t0
        t0 = time.perf_counter()
        ents = extract_entities(doc, document)
        atts = extract_attributions(doc, document, ents, settings)
        ents, atts = add_source_actors(doc, ents, atts)
        claims = extract_claims(doc, document, atts)
        extract_flows(doc, document, ents, claims, atts)
        extract = time.perf_counter() - t0
        ratios.append(extract / parse)
        print(f"{n:4d} copies {len(document.text.split()):8,d} words  parse {parse:7.2f} s  "
              f"extraction {extract:6.2f} s  ratio {extract / parse:.3f}")
    growth = ratios[-1] / ratios[0]
    verdict = "PASS" if growth <= BAR_GROWTH else "FAIL"
    print(f"extraction/parse, largest against smallest: {growth:.2f}x  (bar <= {BAR_GROWTH}x: {verdict})")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
