"""The one pure per-document function every mode runs: Document -> Analysis."""

from __future__ import annotations

from spacy.language import Language

from claimgraph.config import Settings
from claimgraph.extract.attributions import extract_attributions
from claimgraph.extract.claims import extract_claims
from claimgraph.extract.entities import extract_entities
from claimgraph.extract.flows import extract_flows
from claimgraph.extract.source_actors import add_source_actors
from claimgraph.records import Analysis, Document


def analyze_document(document: Document, nlp: Language, settings: Settings) -> Analysis:
    """Parse once, then run each extractor in order over the same spaCy Doc."""
    # 1. parse: one spaCy pass over the cleaned text; every offset below points into document.text
    doc = nlp(document.text)
    # 2. actors and their aliases, so that sources and flow ends can point at them
    entities = extract_entities(doc, document)
    # 3. who says what
    attributions = extract_attributions(doc, document, entities, settings)
    # 3b. unnamed sources ("US officials", "a resident of Mosul") become actors pronouns can point at
    entities, attributions = add_source_actors(doc, entities, attributions)
    # 4. every body sentence becomes a claim with its evidence
    claims = extract_claims(doc, document, attributions)
    # 5. alleged transfers between actors, tied to the claim they are read from
    flows = extract_flows(doc, document, entities, claims, attributions) if settings.flows else ()
    return Analysis(
        document=document,
        entities=tuple(entities),
        attributions=tuple(attributions),
        claims=tuple(claims),
        flows=tuple(flows),
        meta={"model": nlp.meta.get("name", ""), "model_version": nlp.meta.get("version", "")},
    )
