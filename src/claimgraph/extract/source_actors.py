"""Sources that no named entity covers become actors of their own.

"US officials", "a resident from Mosul", "a member of the Popular Mobilization Forces": investigators
track these unnamed sources like any other actor, and the pronouns that later stand for them
("They claimed", "he said") must point somewhere. Each becomes an actor (type ``PERSON`` for one
person, ``GROUP`` for several) whose mentions are the phrase itself and every source that resolved
to it. Two phrases are one actor only when their words are the same: "one Mosul resident" and
"a resident from Mosul" stay apart, since nothing says they are the same person.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from claimgraph.extract.coref import DOCUMENT_NOUNS
from claimgraph.extract.source_kinds import PERSON_NOUNS, agent_noun
from claimgraph.nlp.doccache import doc_text
from claimgraph.records import (
    DESCRIPTION_LABEL,
    NAMELESS_LABELS,
    REFERENCE_LABEL,
    SOURCE_NAME_LABEL,
    Attribution,
    Entity,
    Mention,
)
from claimgraph.resolve import normalise_name

# Leading words that say how many or which, not who.
_LEADING = {"a", "an", "the", "one", "some", "several", "many", "most", "two", "three", "few", "this", "that",
            "these", "those", "another", "other", "but", "and", "even"}
# Mentions that stand for an actor without naming it: kept as mentions, never listed as aliases.
PRONOUNS = {"he", "she", "they", "him", "her", "them", "who", "whom", "which", "that", "it", "we", "i", "you"}
# Plural heads that name groups of people in news prose besides the person nouns.
GROUP_NOUNS = {"people", "sources", "forces", "militants", "protesters", "troops", "groups", "planners",
               "authorities", "insiders", "observers", "critics", "residents", "locals", "witnesses"}


def _head(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _is_people(head: Token) -> bool:
    if head.pos_ != "NOUN" or head.ent_type_:
        return False
    lemma = head.lemma_.lower()
    if lemma in DOCUMENT_NOUNS:
        return False
    # agent-noun endings are trusted here, for the source of an attribution, where a thing is rare and
    # documents are caught first
    return lemma in PERSON_NOUNS or head.lower_ in GROUP_NOUNS or agent_noun(lemma)


def _name(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop edge punctuation and leading determiners/quantifiers: 'a member of X' -> 'member of X'."""
    while start < end and text[start] in " ,;:\u2014-\"'\u201c\u201d\u2018\u2019(":
        start += 1
    while start < end:
        word_end = start
        while word_end < end and not text[word_end].isspace():
            word_end += 1
        if text[start:word_end].lower() in _LEADING and word_end < end:
            start = word_end
            while start < end and text[start].isspace():
                start += 1
            continue
        break
    while end > start and text[end - 1] in " ,;:.\u2014-\"'\u201c\u201d":
        end -= 1
    if text.count("(", start, end) > text.count(")", start, end) and text[end : end + 1] == ")":
        end += 1  # "member of the Popular Mobilization Forces (PMU)": the bracket closes
    return start, end


def _phrase(doc: Doc, head: Token, limit: int) -> tuple[int, int]:
    """Head noun, its left modifiers and following of/from/in phrases, never past ``limit``."""
    right = head.i
    for child in head.rights:
        if child.dep_ in {"prep", "compound", "nummod", "amod"} and child.idx < limit:
            right = max(right, child.right_edge.i)
        else:
            break
    comma = next((t.i for t in doc[head.i + 1 : right + 1] if t.text in {",", ";", "\u2014"}), None)
    if comma is not None:
        right = comma - 1  # "resident of the village, who runs the café": the clause describes, it is no name
    while right > head.i and (doc[right].idx + len(doc[right]) > limit or doc[right].dep_ in {"punct", "cc"}):
        right -= 1
    left = head.left_edge.i
    return doc[left].idx, doc[right].idx + len(doc[right])


def add_source_actors(
    doc: Doc, entities: Sequence[Entity], attributions: Sequence[Attribution]
) -> tuple[list[Entity], list[Attribution]]:
    """Entities plus one actor per unnamed source, and the attributions with their sources linked to them."""
    text = doc_text(doc)
    taken = {int(e.id[1:]) for e in entities if e.id[1:].isdigit()}
    next_id = max(taken, default=0) + 1
    keys: dict[str, int] = {}
    built: list[tuple[str, str, list[Mention]]] = []  # name, type, mentions
    links: dict[int, str] = {}
    people = sorted((m.start, m.end, e.id) for e in entities if e.type == "PERSON" for m in e.mentions)
    starts = [p[0] for p in people]
    for k, a in enumerate(attributions):
        src = a.source
        if src is None or src.entity is not None:
            continue
        span = src.resolved or src.span
        lo, hi = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
        inside = {eid for _, me, eid in people[lo:hi] if me <= span.end}
        head = _head(doc, span.start, span.end)
        if len(inside) > 1 and head is not None:
            # "Bloomberg's pollster, Douglas Schoen,": the person named after the head, not its owner before it
            inside = {eid for ms, me, eid in people[lo:hi] if me <= span.end and ms > head.idx}
        if len(inside) == 1:
            links[k] = inside.pop()  # "OFR's country director, Samir Oduya,": the apposition names the source
            continue
        if head is None or not _is_people(head):
            continue
        s, e = _name(text, *_phrase(doc, head, span.end))
        if e <= s:
            continue
        key = normalise_name(text[s:e])
        if not key:
            continue
        if key not in keys:
            keys[key] = len(built)
            built.append((text[s:e], "GROUP" if head.tag_ in {"NNS", "NNPS"} else "PERSON", []))
        _, _, mentions = built[keys[key]]
        # the name ("member of X"), then the source phrase as it stands: a description or a pronoun, no name
        label = REFERENCE_LABEL if src.span.text.lower() in PRONOUNS else DESCRIPTION_LABEL
        for m in (Mention(s, e, text[s:e], SOURCE_NAME_LABEL),
                  Mention(src.span.start, src.span.end, src.span.text, label)):
            if all((x.start, x.end) != (m.start, m.end) for x in mentions):
                mentions.append(m)
        links[k] = f"e{next_id + keys[key]}"
    new = [
        Entity(
            id=f"e{next_id + n}",
            name=name,
            type=typ,
            mentions=tuple(sorted(ms, key=lambda m: m.start)),
            aliases=tuple(sorted({m.text for m in ms if m.label not in NAMELESS_LABELS} - {name})),
        )
        for n, (name, typ, ms) in enumerate(built)
    ]
    linked = [
        dataclasses.replace(a, source=dataclasses.replace(a.source, entity=links[k]))
        if k in links and a.source is not None
        else a
        for k, a in enumerate(attributions)
    ]
    return [*entities, *new], linked
