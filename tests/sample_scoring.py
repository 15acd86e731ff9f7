"""Score an analysis JSON against a sample's hand annotation (samples/expected.json).

Matching is by normalised token overlap, like the shared seed scorer, so that the
tests need nothing outside the repository.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

WORD = re.compile(r"\w+")


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").replace("*", "")
    for a, b in (("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'")):
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip().lower().strip(" \"'.,:;")


def overlap_f1(a: str | None, b: str | None) -> float:
    ta, tb = Counter(WORD.findall(norm(a))), Counter(WORD.findall(norm(b)))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def matched(golds: list[dict], preds: list[str], key: str = "content", threshold: float = 0.6) -> list[dict]:
    """The gold items whose `key` text some prediction overlaps with F1 >= threshold (one-to-one, greedy)."""
    pairs = sorted(
        ((overlap_f1(g[key], p), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)), reverse=True
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    for s, gi, pi in pairs:
        if s < threshold:
            break
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return [golds[i] for i in sorted(used_g)]


def mention_map(pred: dict) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in pred.get("entities") or []:
        for m in e.get("mentions") or []:
            out.setdefault(norm(m.get("text")), set()).add(e["id"])
        out.setdefault(norm(e.get("name")), set()).add(e["id"])
    return out


def in_group(name: str, group: list[str]) -> bool:
    nt = set(WORD.findall(norm(name)))
    return any((at := set(WORD.findall(norm(a)))) and at <= nt for a in group)


def flow_hits(gold: dict, pred: dict) -> list[dict]:
    """Gold flows found: same kind, source and target names within the annotated actor groups."""
    ents = {e["id"]: e for e in pred.get("entities") or []}
    groups = gold.get("actor_groups") or {}

    def names(eid: str) -> list[str]:
        e = ents.get(eid) or {}
        return [e.get("name") or ""] + [m.get("text") or "" for m in e.get("mentions") or []]

    def group(name: str) -> list[str]:
        return [*groups.get(name, []), name, *(gold.get("entities") or {}).get(name, [])]

    out = []
    for g in gold.get("flows") or []:
        for p in pred.get("flows") or []:
            if p.get("kind") != g["kind"]:
                continue
            if any(in_group(n, group(g["source"])) for n in names(p["source"])) and any(
                in_group(n, group(g["target"])) for n in names(p["target"])
            ):
                out.append(g)
                break
    return out
