"""Claims: every body sentence with its evidence. (Placeholder until the rules land.)"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from claimgraph.records import Attribution, Claim, Document


def extract_claims(doc: Doc, document: Document, attributions: Sequence[Attribution]) -> Sequence[Claim]:
    return []
