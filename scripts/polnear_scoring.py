"""PolNeAR scoring shared by the dev scripts, built on the shared scorer's own functions.

The scorer (``<shared>/eval/polnear.py``) is loaded at run time from ``../shared``; nothing of it or of
PolNeAR is copied into the project.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def load_scorer(shared: Path) -> ModuleType:
    """The shared PolNeAR scorer as a module (``ROLES``, ``Tally``, ``toks_in``, ``match_relations`` ...)."""
    spec = importlib.util.spec_from_file_location("polnear_scorer", shared / "eval" / "polnear.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class RelationScore:
    """Relation and per-role tallies over documents, with the scorer's own definitions."""

    def __init__(self, sc: ModuleType) -> None:
        self.sc = sc
        self.tallies = {r: sc.Tally() for r in sc.ROLES}
        self.tp = self.npred = self.ngold = 0

    def add(self, preds: list[dict], golds: list[dict]) -> None:
        """One document: ``preds`` and ``golds`` map each role to a frozenset of token indices."""
        for role in self.sc.ROLES:
            self.tallies[role].add([p[role] for p in preds], [g[role] for g in golds])
        self.tp += self.sc.match_relations(preds, golds)
        self.npred += len(preds)
        self.ngold += len(golds)

    def relation(self) -> tuple[float, float, float]:
        p = self.tp / self.npred if self.npred else 0.0
        r = self.tp / self.ngold if self.ngold else 0.0
        return p, r, self.sc.f1(p, r)

    def roles(self) -> dict[str, dict]:
        """Per role: the scorer's figures ({"exact": {...}, "overlap": {...}})."""
        return {role: self.tallies[role].figures() for role in self.sc.ROLES}
