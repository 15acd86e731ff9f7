"""claimgraph's spaCy components, registered by name so any spaCy user can add them.

    nlp.add_pipe("claimgraph_attributions")
    doc = nlp(text)
    doc._.attributions  # tuple of claimgraph.records.Attribution, character offsets into doc.text
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy import registry
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.extract.attr_rules import Candidate
from claimgraph.extract.attr_rules import match as match_rules
from claimgraph.records import Attribution, Document

RulesFn = Callable[[Doc], list[Candidate]]

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)


@registry.misc("claimgraph.attribution_rules.v1")
def attribution_rules_v1() -> RulesFn:
    """The rule set of claimgraph 0.1: quotes and their frames, reporting verbs, nouns, 'according to'."""

    def rules(doc: Doc) -> list[Candidate]:
        return match_rules(doc)

    return rules


@Language.component("claimgraph_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """A sentence starts after every line break: no parse runs from a heading into the paragraph below.

    Runs before the parser, which keeps boundaries set in advance.
    """
    n = len(doc)
    # written through the array: setting Token.is_sent_start checks the whole Doc for a parse each time
    starts = doc.to_array([SENT_START]).reshape(-1, 1).astype("int64")  # -1: not a start
    changed = False
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if ((prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_) and not tok.is_space:
            starts[tok.i, 0] = 1
            changed = True
            # a forced start can make the parser close a one-word sentence ("Customs | officials said")
            if tok.i + 1 < n and doc[tok.i + 1].is_alpha and "\n" not in tok.whitespace_:
                starts[tok.i + 1, 0] = -1
    if changed:
        doc.from_array([SENT_START], starts.astype("uint64"))  # type: ignore[arg-type]  # -1 wraps as spaCy expects
    return doc


class AttributionComponent:
    """Finds attributions; ``match`` is pure, ``set_annotations`` writes ``doc._.attributions``."""

    def __init__(self, nlp: Language, name: str, rules: RulesFn) -> None:
        self.name = name
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Candidate]:
        return self.rules(doc)

    def set_annotations(self, doc: Doc, candidates: Sequence[Candidate]) -> None:
        from claimgraph.extract.attributions import candidates_to_records
        from claimgraph.extract.entities import extract_entities

        document = _document_of(doc)
        entities = extract_entities(doc, document)
        records: tuple[Attribution, ...] = tuple(candidates_to_records(doc, document, entities, candidates))
        doc._.attributions = records


def _document_of(doc: Doc) -> Document:
    """A Document for a bare Doc: the text as it is, offsets mapping to themselves."""
    return Document(doc_id="", text=doc.text, source_map=((0, 0, len(doc.text)),))


@Language.factory(
    "claimgraph_attributions",
    default_config={"rules": {"@misc": "claimgraph.attribution_rules.v1"}},
)
def make_attributions(nlp: Language, name: str, rules: RulesFn) -> AttributionComponent:
    return AttributionComponent(nlp, name, rules)
