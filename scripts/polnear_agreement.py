#!/usr/bin/env python
"""How far apart PolNeAR's own annotators are, scored the way claimgraph is scored.

Usage:
  python scripts/polnear_agreement.py [--shared ../shared] [--split dev train]

A few PolNeAR articles were annotated by five or six people (2 in dev, 16 in train). The shared
scorer reads the first annotator by file name as gold. Here every other annotator of those articles is
scored against that first one with the scorer's own functions (same token sets, exact and overlap
figures, relation matching), and claimgraph (``--raw``, as the evaluation runs it) is scored on the
same articles. That puts a human ceiling next to the bars. Texts are read at run time; nothing of
them enters the project.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from polnear_scoring import RelationScore, load_scorer

from claimgraph.config import Settings
from claimgraph.evaluation import analyze_to_dir, shared_dir


def multi_annotated(split_dir: Path) -> list[tuple[Path, list[Path]]]:
    """(text, annotation files sorted by name) for every article with two or more annotators."""
    out = []
    for txt in sorted((split_dir / "text").glob("*.txt")):
        anns = sorted((split_dir / "attributions").glob(txt.stem + "_*.ann"))
        if len(anns) > 1:
            out.append((txt, anns))
    return out


def line(name: str, score: RelationScore) -> str:
    roles = score.roles()
    p, r, f = score.relation()
    cue, source = roles["cue"]["exact"]["f1"], roles["source"]["exact"]["f1"]
    content = roles["content"]["overlap"]["f1"]
    return (f"{name:12s} cue exact F1={cue:.3f}  source exact F1={source:.3f}  content overlap F1={content:.3f}"
            f"  relation P={p:.3f} R={r:.3f} F1={f:.3f} (pred {score.npred}, gold {score.ngold})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=None, help="the shared folder (default: ../shared)")
    ap.add_argument("--split", nargs="+", default=["dev", "train"], choices=["dev", "train"])
    args = ap.parse_args()
    shared = args.shared or shared_dir()
    if shared is None or not (shared / "eval" / "polnear.py").exists():
        print("polnear_agreement: ../shared is absent: nothing to measure", file=sys.stderr)
        return 2
    sc = load_scorer(shared)
    articles = [a for split in args.split for a in multi_annotated(shared / "polnear" / split)]
    humans, ours = RelationScore(sc), RelationScore(sc)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        analyze_to_dir([txt for txt, _ in articles], out, Settings(raw=True))
        for txt, anns in articles:
            text = txt.read_text(encoding="utf-8")
            index = sc.token_index(text)
            gold = sc.read_gold(anns[0], index)
            for other in anns[1:]:
                humans.add(sc.read_gold(other, index), gold)
            preds, aligned = sc.read_pred(out / f"{txt.stem}.json", text, index)
            if not aligned:
                print(f"polnear_agreement: {txt.name}: analysis text differs from the file", file=sys.stderr)
            ours.add(preds, gold)
    pairs = sum(len(anns) - 1 for _, anns in articles)
    print(f"articles={len(articles)} ({', '.join(args.split)}) other annotators scored against the first: {pairs}")
    print(line("annotators", humans))
    print(line("claimgraph", ours))
    return 0


if __name__ == "__main__":
    sys.exit(main())
