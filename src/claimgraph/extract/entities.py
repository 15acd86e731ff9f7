"""Actors: spaCy NER plus rules, aliases merged inside the document.

Steps: (1) candidates from NER (a place span glued across "to"/"from" split in two) and from rules
(acronym definitions, transliterated names, emphasised publication names, the alias table, group names
"the Sons of X"); (2) overlaps resolved, longest first, and names after "the port/town of" made places;
(3) known names propagated to their other occurrences; (4) metonyms and demonyms read from the
parse, and employers named before a paid person's title ("USA Swimming Executive Director");
(5) clustered by :mod:`claimgraph.resolve`, with role descriptions in apposition to a person's name
("former X president, NAME") added as mentions; (6) unnamed flow ends ("Kurdish groups") added as
GROUP actors so flows can point at them.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from rapidfuzz import fuzz
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from claimgraph.extract import actor_rules as ar
from claimgraph.extract.actor_lexicons import ActorLexicons, actor_lexicons
from claimgraph.extract.coref import PERSON_NOUNS
from claimgraph.extract.flow_rules import find_frames, group_phrase, paid_role, recipient_of_goods, resolve_end
from claimgraph.extract.source_kinds import is_media_name
from claimgraph.nlp.doccache import doc_text, sent_bounds
from claimgraph.records import DESCRIPTION_LABEL, REFERENCE_LABEL, Document, Entity, Mention
from claimgraph.resolve import (
    NAME_LINK_WORDS,
    ORG_RATIO,
    AliasTable,
    consonant_key,
    default_alias_table,
    differ_in_a_word,
    group_key,
    normalise_name,
    person_names_compatible,
    spelled_alike,
    without_designators,
)

KEEP = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# Rules that know better than the NER model where a name starts and ends.
RULE_PRIORITY = {"definition": 5, "acronym": 5, "translit": 4, "digit": 4, "emphasis": 3, "company": 2, "alias": 2,
                 "group_name": 2, "ner": 1}
# Flow-trigger nouns and participles: a demonym modifying one ("Iranian support") names the country.
DEMONYM_HEADS = {"support", "training", "funding", "payment", "backing", "aid", "assistance", "weapon", "arm"}


def _resolve_overlaps(cands: list[ar.Candidate], size: int) -> list[ar.Candidate]:
    """Keep the best of overlapping candidates: a rule's span over NER's, then the longer."""
    taken = bytearray(size + 1)
    kept = []
    for c in sorted(cands, key=lambda c: (-RULE_PRIORITY.get(c.rule, 0), -(c.end - c.start), c.start)):
        if any(taken[c.start : c.end]):
            continue
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _propagate(text: str, cands: list[ar.Candidate], defs: dict[str, str]) -> list[ar.Candidate]:
    """Other occurrences of names already found (NER tags a name once and misses it twice)."""
    names: dict[str, ar.Candidate] = {}
    for c in cands:
        multi = len(c.text.split()) > 1 and c.label in ("PERSON", "ORG", "MEDIA", "GPE")
        if multi or c.rule in ("emphasis", "translit", "digit", "definition") or c.text in defs:
            names.setdefault(c.text, c)
        if c.label == "PERSON" and len(c.text.split()) > 1:
            surname = re.split(r"[\s\-‑]", c.text)[-1]
            if len(surname) > 3 and surname[0].isupper():
                names.setdefault(surname, ar.Candidate(0, 0, surname, "PERSON", "propagated"))
    if not names:
        return cands
    taken = bytearray(len(text) + 1)
    for c in cands:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    pattern = re.compile(
        r"(?<![\w\-‑])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w\-‑])"
    )
    out = list(cands)
    for m in pattern.finditer(text):
        if any(taken[m.start() : m.end()]):
            continue
        src = names[m.group(0)]
        out.append(ar.make(text, m.start(), m.end(), src.label, "propagated", forced_type=src.forced_type))
    return sorted(out, key=lambda c: c.start)


# Endings that make a demonym of a place's name ("Korvania" -> "Korvanian", "Ostmark" -> "Ostmarkian"): tried
# on the whole name and on the name less its last vowel ("Drevnia" -> "Drevnian", "Zembra" -> "Zembran")
DEMONYM_ENDINGS = ("n", "an", "ian", "i", "ese", "ish")


def _demonym_forms(name: str) -> list[str]:
    """The demonyms a place's name could have: "Drevnian" for "Drevnia", "Zembran" for "Zembra", "Ostmarkian"."""
    stems = [name] + ([name[:-1]] if name[-1] in "aeiouy" else [])
    return [form for stem in stems for ending in DEMONYM_ENDINGS if (form := stem + ending) != name]


def _local_demonyms(cands: Sequence[ar.Candidate], alex: ActorLexicons) -> dict[str, str]:
    """Demonyms of the places a document names that the demonym table lacks: "Drevnian" for "Drevnia"."""
    out: dict[str, str] = {}
    for c in cands:
        name = c.text
        # a place, or a one-word name the model took for a body or a people: its demonym in the text makes it a place
        if c.label not in ("GPE", "LOC", "ORG", "NORP") or " " in name or not name[:1].isupper() or len(name) < 4 \
                or name in alex.demonyms or name.isupper() or alex.large_places.get(name) == "region":
            continue  # a region's people are no state's ("Asian-American voters" are not Asia)
        for form in _demonym_forms(name):
            if form not in alex.demonyms:
                out.setdefault(form, name)
    return out


def _actor_roles(doc: Doc, cands: list[ar.Candidate], alex: ActorLexicons, table: AliasTable) -> list[ar.Candidate]:
    """Metonyms ("Washington refused" -> the US) and demonyms modifying state actors ("Saudi officials"); the
    demonyms of places the document names count too ("Drevnian-backed" after "Drevnia")."""
    local = _local_demonyms(cands, alex)
    demonyms = {**local, **alex.demonyms} if local else alex.demonyms
    out = []
    for c in cands:
        country = None
        if c.text in alex.capitals and c.canonical is None:
            span = doc.char_span(c.start, c.end, alignment_mode="expand")
            after = doc_text(doc)[c.end : c.end + 6]
            if span is not None and not re.match(r",?\s*D\.?C\b", after):
                root = span.root
                acts = root.dep_ in ("nsubj",) and root.head.lemma_ in alex.metonymy_verbs
                owns = root.dep_ == "poss" or (root.dep_ == "compound" and root.head.lemma_ in alex.state_nouns)
                if acts or owns:
                    country = alex.capitals[c.text]
        elif c.text in demonyms and c.label in ("NORP", "GPE", "MEDIA", "ORG"):
            span = doc.char_span(c.start, c.end, alignment_mode="expand")
            if span is not None:
                root = span.root
                head = root.head
                while root.dep_ == "conj" and head.dep_ in ("amod", "compound", "nmod", "conj"):
                    root, head = head, head.head
                modifies = root.dep_ in ("amod", "compound", "nmod", "npadvmod") and (
                    head.lemma_ in alex.state_nouns or head.lemma_ in DEMONYM_HEADS
                )
                hyphened = doc_text(doc)[c.end : c.end + 1] in "-‑" and c.end < len(doc_text(doc))
                as_noun = root.pos_ == "PROPN" and root.dep_ in ("nsubj", "dobj", "pobj", "conj", "appos")
                # a demonym known only from the text ("Drevnian" after "Drevnia") stands for the state when it
                # names the giver of a compound ("Drevnian-backed") or stands alone; "the Drevnian army" may be a
                # party of its own, as the table's demonyms make "Saudi officials" Saudi Arabia
                if (modifies and c.text in alex.demonyms) or hyphened or as_noun:
                    country = demonyms[c.text]
        if country is not None:
            entry = table.lookup(country)
            out.append(replace(c, canonical=entry.canonical if entry else country, forced_type="GPE"))
        else:
            out.append(c)
    return out


WORK_LABELS = frozenset({"WORK_OF_ART", "LAW", "EVENT", "PRODUCT"})  # NER's titles of works, laws, events


def _group_name_candidates(doc: Doc, heads: frozenset[str]) -> list[ar.Candidate]:
    """ "the Sons of the Valley", "the Army of the Eastern Dawn": a group's name that NER cuts in two at "of".

    A capitalised group noun of actor_group_name_heads.txt after "the" (capitalised modifiers between them:
    "the Free Sons of X") and capitalised words after "of (the)" make one organisation; the name runs on
    over "of (the) Capitalised" again ("the Army of the Men of the Order"). "Hezbollah of Lebanon" (no group
    noun) and "leaders of Iraq" (lowercase) are left alone, and so is the title of a work ("13 Hours: The Secret
    Soldiers of Benghazi"): a capitalised "The" inside a sentence, or words NER tagged as a work's title.
    """
    def cap(t: Token) -> bool:
        return t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ") and not t.is_sent_start

    text = doc_text(doc)
    n = len(doc)
    out = []
    strings = doc.vocab.strings
    lower = doc.to_array(LOWER)  # compared as hashes: no Token objects made for the words around
    head_ids = {strings.add(h) for h in heads}
    for i in np.flatnonzero(lower == strings.add("of")).tolist():
        if i < 2 or int(lower[i - 1]) not in head_ids or not cap(doc[i - 1]):
            continue
        start = i - 1
        while start > 1 and cap(doc[start - 1]):
            start -= 1
        the = doc[start - 1]
        if the.lower_ != "the" or (the.text == "The" and not the.is_sent_start):
            continue
        end, j = 0, i + 1
        while j < n:
            j += doc[j].lower_ == "the"
            k = j
            while k < n and cap(doc[k]):
                k += 1
            if k == j:
                break
            end = k
            if k + 1 >= n or doc[k].lower_ != "of":
                break
            j = k + 1
        if end and not any(t.ent_type_ in WORK_LABELS for t in doc[start:end]):
            s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
            if "\n" not in text[s:e]:
                out.append(ar.make(text, s, e, "ORG", "group_name", forced_type="ORG"))
    return out


# "the port of X", "the northern town of X": the lowercase noun (actor_place_of_nouns.txt) before the name
_PLACE_OF = re.compile(r"\b[Tt]he\s+(?:[a-z][a-z\-]*\s+){0,2}([a-z]+)\s+of\s+$")
PLACE_OF_LOOKBACK = 40  # characters before a name searched for "the ... NOUN of "


def _places_by_noun(text: str, cands: list[ar.Candidate], nouns: frozenset[str]) -> list[ar.Candidate]:
    """A name the model took for a person or an organisation is a place (GPE) after "the port/town/province of"."""
    out = []
    for c in cands:
        if c.label in ("PERSON", "ORG", "NORP") and c.forced_type is None and c.canonical is None \
                and text[c.start - 4 : c.start] == " of " \
                and (m := _PLACE_OF.search(text, max(0, c.start - PLACE_OF_LOOKBACK), c.start)) is not None \
                and m.group(1) in nouns:
            c = replace(c, label="GPE", forced_type="GPE")
        out.append(c)
    return out


PLACE_PREPS = frozenset({"in", "across", "inside", "throughout", "near"})


def _proper_name(doc: Doc, i: int) -> tuple[int, int] | None:
    """The token span of the proper name headed by token ``i`` ("Talvik", "Ostrel Arms Group"), else None.

    A name is a proper noun, or a capitalised word the tagger took for a common noun ("Dunmere-supplied")
    that does not open its sentence; its compound modifiers of the same kind join it.
    """
    def proper(t: Token) -> bool:
        if not t.text[:1].isupper() or not t.is_alpha or t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
            return False
        return t.pos_ == "PROPN" or (t.pos_ == "NOUN" and not t.is_sent_start and not t.text.isupper())

    tok = doc[i]
    if not proper(tok):
        return None
    start = i
    while start > 0 and doc[start - 1].head.i in range(start, i + 1) and doc[start - 1].dep_ in ("compound", "flat") \
            and proper(doc[start - 1]):
        start -= 1
    return start, i + 1


def _speaker_candidates(doc: Doc, cands: Sequence[ar.Candidate]) -> list[ar.Candidate]:
    """A two- to four-word proper name that is the subject of a reporting verb is a person, even when
    the small NER model missed it ("Damien Spleeters of CAR explained"): organisations and places that
    report are names NER tags well, and a single word stays unclaimed."""
    from claimgraph.extract.attr_lexicon import load_lexicon  # attributions build on entities, not back

    verbs = load_lexicon().verbs
    titles = actor_lexicons().titles
    text = doc_text(doc)
    taken = bytearray(len(text) + 1)
    for c in cands:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    out = []
    for tok in doc:
        if tok.dep_ != "nsubj" or tok.pos_ != "PROPN" or tok.head.lemma_.lower() not in verbs:
            continue
        bounds = _proper_name(doc, tok.i)
        if bounds is None or not 2 <= bounds[1] - bounds[0] <= 4:
            continue
        words = doc[bounds[0] : bounds[1]]
        if any(t.pos_ != "PROPN" or t.is_upper or t.ent_type_ for t in words):
            continue
        s, e = words[0].idx, words[-1].idx + len(words[-1].text)
        if ar.is_title(words.text, titles):
            continue  # "X's Foreign Minister, NAME, said": a title, whose holder is named beside it
        if not any(taken[s:e]):
            taken[s:e] = b"\x01" * (e - s)
            out.append(ar.make(text, s, e, "PERSON", "speaker"))
    return out


def _proper_end_candidates(doc: Doc, cands: Sequence[ar.Candidate]) -> list[ar.Candidate]:
    """Proper names at the ends of flow frames that no candidate covers become actors.

    Invented or rare names ("Talvik", "Dunmere") are often missed by the small NER model. The type is
    read from the text: a place (GPE) when the name is elsewhere the object of "in" or tagged a place,
    else an organisation.
    """
    text = doc_text(doc)
    taken = bytearray(len(text) + 1)
    for c in cands:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    ends = {i for fr in find_frames(doc) for i in (*fr.sources, *fr.targets)}
    for fr in find_frames(doc):  # "Dunmere-supplied": the prefix of a participle is an end too
        if fr.rule == "participle":
            ends.update(i - 2 for i in range(len(doc)) if doc[i].idx == fr.trigger[0] and i >= 2)
    spans: dict[str, list[tuple[int, int]]] = {}
    for i in sorted(ends):
        bounds = _proper_name(doc, i)
        if bounds is None:
            continue
        s, e = doc[bounds[0]].idx, doc[bounds[1] - 1].idx + len(doc[bounds[1] - 1].text)
        if any(taken[s:e]):
            continue
        spans.setdefault(text[s:e], []).append((s, e))
    out = []
    titles = actor_lexicons().titles
    for phrase, found in spans.items():
        if ar.is_title(phrase, titles):
            continue  # "X's Foreign Minister, NAME, denied sending": a title, whose holder is named beside it
        last = phrase.split()[-1]
        place = any(t.text == last and (t.ent_type_ in ("GPE", "LOC") or (t.dep_ == "pobj" and t.head.lower_ in
                                                                          PLACE_PREPS)) for t in doc)
        label = "GPE" if place else "ORG"
        for s, e in found:
            taken[s:e] = b"\x01" * (e - s)
            out.append(ar.make(text, s, e, label, "flow_end"))
    return out


def _employer_candidates(doc: Doc, cands: list[ar.Candidate]) -> list[ar.Candidate]:
    """ "USA Swimming Executive Director NAME makes $X": the employer's name before the title is one actor.

    The parser hangs the words of such a name on the title rather than on each other, and a short name
    inside it ("USA") may have been taken by the alias table: the whole name replaces what lies inside it.
    """
    text = doc_text(doc)
    out = list(cands)
    for fr in find_frames(doc):
        if fr.rule != "verb:salary":
            continue
        for i in fr.sources:
            if doc[i].pos_ != "PROPN" or doc[i].dep_ not in ("compound", "nmod", "flat"):
                continue  # "the coach of X", "X's CEO": a phrase NER reads as it does any other
            start = i
            while start > 0 and (t := doc[start - 1]).pos_ == "PROPN" and t.dep_ in ("compound", "flat") and \
                    start - 1 < t.head.i <= doc[i].head.i and t.is_alpha and t.text[:1].isupper():
                start -= 1
            title = i  # NER often runs the name on into the title ("X Executive"): that part is no name
            while title + 1 < len(doc) and doc[title + 1].dep_ == "compound" and doc[title + 1].ent_type_ != "PERSON":
                title += 1
            s, e = doc[start].idx, doc[i].idx + len(doc[i].text)
            limit = doc[title].idx + len(doc[title].text)
            inside = [c for c in out if c.start < e and s < c.end]
            if any(c.start < s or c.end > limit for c in inside) or any((c.start, c.end) == (s, e) for c in inside):
                continue
            out = [c for c in out if c not in inside] + [ar.make(text, s, e, "ORG", "employer")]
    return sorted(out, key=lambda c: c.start)


class _Clusters:
    """Union-find over candidate indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _key(c: ar.Candidate, defs: dict[str, str], table: AliasTable) -> str:
    if c.canonical is not None:
        entry = table.lookup(c.canonical)
        return ("t:" + normalise_name(entry.canonical)) if entry else ("n:" + normalise_name(c.canonical))
    entry = table.lookup(c.text) if c.rule != "emphasis" else None
    if entry is not None:
        return "t:" + normalise_name(entry.canonical)
    if c.text in defs:
        d = defs[c.text]
        entry = table.lookup(d)
        return "t:" + normalise_name(entry.canonical) if entry else "n:" + normalise_name(d)
    if c.label == "NORP":
        return "n:" + group_key(c.text)  # "Muslims" and "Muslim leaders": one group
    return "n:" + normalise_name(c.text)


ROLE_LOOKBACK = 40  # characters before a full name searched for its title ("Defence Minister Oskar X")
CONTEXT_LOOKBACK = 300  # characters before a bare surname searched for a role word: about two sentences


def _role_words(text: str, c: ar.Candidate, roles: frozenset[str]) -> set[str]:
    """Title words just before a full name, within its sentence ("security correspondent, Maren X")."""
    before = re.split(r'[.!?\n"“”]', text[max(0, c.start - ROLE_LOOKBACK) : c.start])[-1]
    return {w for w in re.findall(r"[a-z]+", before.lower()) if w in roles}


def _by_role(text: str, c: ar.Candidate, people: dict[int, set[str]], since: int) -> int | None:
    """Of several people sharing a surname, the only one whose title is named near a bare mention.

    Only text after the last full name (``since``) counts: the title must be named anew ("the minister
    said ... Brannvik"), not be the one printed before a full name.
    """
    words = set(re.findall(r"[a-z]+", text[max(0, since, c.start - CONTEXT_LOOKBACK) : c.start].lower()))
    fits = [root for root, roles in people.items() if roles & words]
    return fits[0] if len(fits) == 1 else None


# A sentence boundary: its end, space, and the next sentence's first letter or quotation mark
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+[\"“‘(]*[A-Z]")


def _just_named(text: str, c: ar.Candidate, before: list[tuple[ar.Candidate, int]]) -> int | None:
    """Of several people sharing a surname, the one named in full in the sentence of a bare mention or the
    one before, when no other of them is named in those two sentences ("Senator Elena Brask said ... Her
    brother, Jonas Brask, disagreed. Brask said ...": Jonas). A bare surname means the namesake just named."""
    def breaks(start: int) -> int:  # sentence breaks between a full name and the bare mention
        return len(_SENTENCE_BREAK.findall(text, start, c.start + 1))

    last = before[-1]
    if breaks(last[0].end) > 1:
        return None
    others = [m for m, root in before if root != last[1]]
    if others and breaks(max(m.end for m in others)) < 2:
        return None
    return last[1]


# "X, also known as Y", "Later known as the infamous Y, X ...", "X, dubbed Y": a nickname names the actor.
_KNOWN_AS = re.compile(
    r"(?:(?:also|better|later|widely|commonly|now|once|popularly)\s+)?"
    r"(?:known\s+(?:(?:locally|internationally|popularly|widely|informally|officially)\s+)?as|dubbed|nicknamed|"
    r"a\.k\.a\.?|aka)\s+(?:the\s+)?(?:(?:so-called|infamous|notorious|self-styled)\s+)?$",
    re.IGNORECASE,
)
NICKNAME_TYPES = {"PERSON", "ORG", "MEDIA"}


def known_as_links(text: str, cands: Sequence[ar.Candidate]) -> list[tuple[int, int]]:
    """Pairs of candidate indices joined by a nickname phrase: (named actor, nickname).

    Forms: "NAME, (also) known as NICK", "NAME (known as NICK)", "(Later) known as (the) NICK, NAME ...".
    The named actor is a person or an organisation; a place "known as" something is left alone.
    """
    starts = {c.start: i for i, c in enumerate(cands)}
    ends = {c.end: i for i, c in enumerate(cands)}
    out = []
    for b, nick in enumerate(cands):
        before = text[max(0, nick.start - 60) : nick.start]
        m = _KNOWN_AS.search(before)
        if m is None:
            continue
        lead = before[: m.start()]
        a = None
        back = re.search(r"[,(]\s*$", lead)
        if back is not None:
            a = ends.get(nick.start - len(before) + back.start())  # "NAME, known as NICK"
        elif not lead.strip() or lead.rstrip()[-1:] in ".\n":
            after = re.match(r",\s*", text[nick.end : nick.end + 4])  # "Known as NICK, NAME ..."
            a = starts.get(nick.end + after.end()) if after else None
        if a is not None and a != b and cands[a].label in NICKNAME_TYPES:
            out.append((a, b))  # the nickname's own NER type is often a guess ("the Salt Baron" as a place)
    return out


FIRM_LABELS = frozenset({"ORG", "MEDIA"})


def cluster(
    cands: list[ar.Candidate], defs: dict[str, str], table: AliasTable, text: str = "",
    roles: frozenset[str] = frozenset(), whole_names: frozenset[str] = frozenset(),
) -> list[list[int]]:
    """Group candidate indices into actors (see the module docstring of claimgraph.resolve).

    ``text`` and ``roles`` (title words) let a bare surname shared by two people join the one whose
    title is named just before it ("the minister said ... Brannvik"); without them it stays apart.
    ``whole_names`` (lower case) are names a bare last word never stands for ("White House"). A firm named
    without its designator word ("Ostrel Shipping" of "Ostrel Shipping Holdings") joins the full name.
    """
    n = len(cands)
    uf = _Clusters(n)
    keys = [_key(c, defs, table) for c in cands]
    ntoks = [len(k[2:].split()) for k in keys]
    by_last: dict[str, list[tuple[int, int]]] = {}
    for i, c in enumerate(cands):
        words = c.text.split()
        if c.label != "PERSON" and len(words) > 1 and words[-2].lower() in NAME_LINK_WORDS:
            continue  # "Bank of Japan", "University of Florida": a bare "Japan" is the country, not the bank
        if " ".join(c.text.lower().split()) in whole_names:
            continue  # "the House" after "the White House" is the House of Representatives
        if keys[i].startswith("n:") and ntoks[i] > 1 and c.label in ("PERSON", "ORG", "MEDIA"):
            by_last.setdefault(keys[i].split()[-1], []).append((c.start, i))

    def is_short(i: int) -> bool:
        return keys[i].startswith("n:") and ntoks[i] == 1 and not cands[i].text.isupper() and keys[i][2:] in by_last

    first: dict[str, int] = {}
    for i, k in enumerate(keys):
        if is_short(i):
            continue  # each bare surname is attached on its own below: two of them may be two people
        if k in first:
            uf.union(first[k], i)
        else:
            first[k] = i
    # 1a. a firm named without its designator word ("Ostrel Shipping" of "Ostrel Shipping Holdings"), when only
    # one firm of the document shortens so ("Ostrel Shipping Group" and "... Holdings" may be parent and subsidiary)
    shortened: dict[str, set[int]] = {}
    for k, i in first.items():
        if k.startswith("n:") and cands[i].label in FIRM_LABELS:
            for short in without_designators(cands[i].text):
                shortened.setdefault("n:" + normalise_name(short), set()).add(uf.find(i))
    for k, roots in shortened.items():
        if len(roots) == 1 and k in first and cands[first[k]].label in FIRM_LABELS:
            uf.union(next(iter(roots)), first[k])
    # 1. spelling variants of full names, bucketed by the consonants of their last word ("Laden" / "Ladin")
    buckets: dict[str, list[int]] = {}
    for k, i in first.items():
        if k.startswith("n:") and ntoks[i] > 1:
            buckets.setdefault(consonant_key(k.split()[-1]), []).append(i)
    for members in buckets.values():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                la, lb = cands[a].label, cands[b].label
                if la == "PERSON" and lb == "PERSON":
                    same = person_names_compatible(cands[a].text, cands[b].text)
                elif la == lb and la != "PERSON":
                    same = (fuzz.ratio(keys[a], keys[b]) >= ORG_RATIO
                            and not differ_in_a_word(cands[a].text, cands[b].text)) \
                        or spelled_alike(cands[a].text, cands[b].text)
                else:
                    same = False
                if same:
                    uf.union(a, b)
    # 2. a bare surname or short name joins the nearest preceding full name that ends with it
    unattached: dict[str, int] = {}
    for i, c in enumerate(cands):
        if not is_short(i):
            continue
        full = by_last[keys[i][2:]]
        persons = [x for x in full if cands[x[1]].label == "PERSON"]
        if persons and len(persons) < len(full):
            full = persons  # "Woody Johnson" and the firm "Johnson & Johnson": a bare "Johnson" is the person
        pos = bisect.bisect_left(full, (c.start, -1))
        before = {uf.find(j) for _, j in full[:pos]}
        if len(before) == 1:
            uf.union(full[pos - 1][1], i)  # the nearest (and only) preceding full name
        elif not before and len({uf.find(j) for _, j in full}) == 1:
            uf.union(full[0][1], i)  # named in full only later, by one person
        else:
            # two people with this surname came before (or several only after): the one whose title
            # is named near the bare mention, else ambiguous, so the bare name stays its own actor,
            # shared by the other bare mentions that are as ambiguous
            people: dict[int, set[str]] = {}
            for _, j in full:
                people.setdefault(uf.find(j), set()).update(_role_words(text, cands[j], roles))
            since = max((cands[j].end for _, j in full[:pos]), default=0)
            chosen = _by_role(text, c, people, since) if text and roles else None
            if chosen is None and text and pos:
                chosen = _just_named(text, c, [(cands[j], uf.find(j)) for _, j in full[:pos]])
            if chosen is not None:
                uf.union(chosen, i)
            elif keys[i] in unattached:
                uf.union(unattached[keys[i]], i)
            else:
                unattached[keys[i]] = i
    # 3. nicknames: "X, also known as Y"
    for a, b in known_as_links(text, cands) if text else ():
        uf.union(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: cands[g[0]].start)


def _name_and_type(members: list[ar.Candidate], table: AliasTable, media_words: frozenset[str] = frozenset(),
                   nicknames: frozenset[str] = frozenset()) -> tuple[str, str]:
    canon = next((c.canonical for c in members if c.canonical), None)
    if canon is None:
        entry = next((e for c in members if c.rule != "emphasis" and (e := table.lookup(c.text))), None)
        canon = entry.canonical if entry else None
    full = [c for c in members if not c.text.isupper()] or members
    # "X, also known as Y": the actor is named X, whatever the length of Y
    named = [c for c in full if c.text not in nicknames]
    longest = max(named or full, key=lambda c: (len(c.text.split()), len(c.text)))
    forced = Counter(c.forced_type for c in members if c.forced_type)
    if any(c.rule == "emphasis" for c in members) and not forced:
        typ = "MEDIA" if longest.label not in ("PERSON", "GPE", "LOC", "NORP") else longest.label
    elif forced:
        typ = forced.most_common(1)[0][0] or longest.label
    else:
        typ = longest.label
        # A one-word name the model typed now as a person, now as an organisation ("Trump"): a person
        # when most of its mentions say so, not whichever came first. Only towards PERSON: a bare
        # surname is often read as an organisation ("Trump's campaign"), a firm seldom as a person.
        votes = Counter(c.label for c in members if c.rule == "ner" and len(c.text.split()) == 1)
        if len(longest.text.split()) == 1 and votes["PERSON"] > votes[typ]:
            typ = "PERSON"
    if typ == "PERSON" or (any(c.label == "PERSON" for c in members) and len(longest.text.split()) > 1):
        typ = "PERSON" if not forced else typ
    # "Karvesh Courier LLC": the outlet's name before its designator. The company rule's forced ORG ("... LLC" is
    # a firm) leaves room for the firm being an outlet.
    words = (without_designators(longest.text) or [longest.text])[-1].split()
    words = words[1:] if words[:1] == ["The"] else words
    firm_only = typ == "ORG" and all(c.rule == "company" for c in members if c.forced_type)
    if (not forced or firm_only) and canon is None and typ in ("PERSON", "ORG") and len(words) > 1 \
            and words[-1].lower() in media_words:
        typ = "MEDIA"  # "Continental Wire", "The Karvesh Courier": a news outlet, whatever the model said
    return (canon or longest.text), typ


MAX_DESCRIPTION = 12  # tokens: a longer phrase before a name is a clause, not a description


def _description_before(doc: Doc, last: int, roles: frozenset[str], people: set[int]) -> tuple[int, int] | None:
    """ "former X president and pro-Y ally, NAME": the role phrase ending at token ``last``, right before ", NAME".

    Its head (or a conjunct) is a role noun; names inside it may only modify it ("X president"), never own it
    ("X's lawyer") or follow it ("an ally of X"): such a phrase is about two actors.
    """
    head = doc[last]
    while head.dep_ == "conj" and head.head.i < head.i and head.head.pos_ == "NOUN":
        head = head.head
    nouns = [head, *(c for c in head.conjuncts if c.i <= last)]
    # one person is described in the singular: "young voters, X" is a list, not a description of X
    if head.pos_ != "NOUN" or any(n.tag_ != "NN" for n in nouns) or not any(n.lemma_.lower() in roles for n in nouns):
        return None
    inside = {t.i for n in nouns for t in n.subtree if t.i <= last}
    start = min(inside)
    while start < last and (doc[start].dep_ in ("det", "predet", "cc") or doc[start].is_punct or doc[start].is_space):
        start += 1
    if last - start + 1 > MAX_DESCRIPTION or any(i not in inside for i in range(start, last + 1)):
        return None
    for t in doc[start : last + 1]:
        if t.pos_ in ("VERB", "AUX", "PRON") or t.dep_ in ("poss", "prep", "case") or t.text == "," or t.i in people:
            return None
    return start, last


def _description_after(doc: Doc, name_root: Token, roles: frozenset[str], people: set[int]) -> tuple[int, int] | None:
    """ "NAME, a longtime donor,": the role noun in apposition to the name, with its left modifiers."""
    for c in name_root.rights:
        if c.dep_ != "appos" or c.tag_ != "NN" or c.lemma_.lower() not in roles or doc[c.i - 1].dep_ == "poss":
            continue
        edge = start = c.left_edge.i
        while start < c.i and (doc[start].dep_ in ("det", "predet") or doc[start].is_punct):
            start += 1
        if edge == name_root.i + 2 and doc[edge - 1].text in (",", "(") and \
                all(t.pos_ in ("ADJ", "NOUN", "ADV", "PROPN") and t.i not in people for t in doc[start : c.i]):
            return start, c.i
    return None


def _with_descriptions(doc: Doc, entities: Sequence[Entity], roles: frozenset[str]) -> list[Entity]:
    """Each person with the role descriptions in apposition to its name added as mentions (not aliases).

    "the party of former X president and pro-Y ally, Viktor Z", "Lee Z, a longtime donor, ...": the phrase
    co-refers with the name. Labelled DESCRIPTION so that token maps and alias tables leave them out.
    A full name NER took for an organisation becomes a person when such a phrase describes it.
    """
    text = doc_text(doc)
    taken = {(m.start, m.end) for e in entities for m in e.mentions}
    tok_ent, types = _token_entities(doc, entities)
    people = {i for i, eid in enumerate(tok_ent) if eid is not None and types[eid] == "PERSON"}
    out = []
    for e in entities:
        # an organisation by the model's reading may be a person that a role phrase describes
        # ("A spokesman for the Grey Scarves, Karim Fenwal, said"): only full names, never an acronym
        maybe_person = e.type == "ORG" and all(len(m.text.split()) > 1 and not m.text.isupper() for m in e.mentions)
        if e.type != "PERSON" and not maybe_person:
            out.append(e)
            continue
        extra: list[Mention] = []
        described = False  # a role noun the name stands in apposition to: "A spokesman for X, NAME,"
        for m in e.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            if maybe_person and span.start >= 2 and doc[span.start - 1].text == ",":
                w = doc[span.start - 2]  # "A spokesman for the Grey Scarves, NAME": up to the phrase's head
                while w.dep_ in ("pobj", "prep", "compound") and w.head.i < w.i:
                    w = w.head
                described |= w.tag_ == "NN" and w.lemma_.lower() in roles
            found = []
            listed = span.end < len(doc) and doc[span.end].dep_ == "cc"  # "X, ..., Y and Z": a list
            if span.start >= 2 and doc[span.start - 1].text == "," and not listed:
                found.append(_description_before(doc, span.start - 2, roles, people))
            found.append(_description_after(doc, span.root, roles, people))
            for bounds in found:
                if bounds is None:
                    continue
                s, t = doc[bounds[0]].idx, doc[bounds[1]].idx + len(doc[bounds[1]].text)
                if (s, t) not in taken:
                    taken.add((s, t))
                    extra.append(Mention(s, t, text[s:t], DESCRIPTION_LABEL))
        if extra or (maybe_person and described):
            e = replace(e, type="PERSON", mentions=tuple(sorted((*e.mentions, *extra), key=lambda x: x.start)))
        out.append(e)
    return out


PLACE_LOOKBACK = 5  # sentences searched back for the place "the city" or "the country" refers to
PLACE_ANTECEDENT_TYPES = frozenset({"GPE", "LOC", "NORP"})
# Modifiers that make "the ... city" another place than the one named before ("the other city", "the next town").
OTHER_PLACE_WORDS = frozenset({"other", "another", "next", "nearby", "neighbouring", "neighboring", "new",
                               "different", "former", "first", "second", "third", "last", "same"})


def _refers_back(tok: Token, alex: ActorLexicons) -> str | None:
    """The class ("city" or "country") of a bare "the city", "the besieged town", "the country's"; else None."""
    cls = alex.place_nouns.get(tok.lower_)
    if cls is None or tok.tag_ != "NN":
        return None
    det = False
    for c in tok.children:
        if c.dep_ == "det":
            det = c.lower_ == "the"
        elif c.dep_ == "amod":
            if c.tag_ == "JJS" or c.ent_type_ == "ORDINAL" or c.lower_ in OTHER_PLACE_WORDS:
                return None
        elif c.dep_ not in ("case", "punct") or c.i > tok.i + 1:
            return None  # "the city of Baiji", "the town where ...", "the border town": a place of its own
    return cls if det else None


def _named_in_apposition(tok: Token, tok_ent: list[str | None]) -> str | None:
    """The entity a noun phrase stands in apposition to ("Mosul, Iraq's second-largest city"), if any."""
    if tok.dep_ == "appos" and tok_ent[tok.head.i] is not None:
        return tok_ent[tok.head.i]
    edge = tok.left_edge.i
    return tok_ent[edge - 2] if edge >= 2 and tok.doc[edge - 1].text == "," else None


def _place_class(e: Entity, alex: ActorLexicons) -> str:
    for name in (e.name, *(m.text for m in e.mentions)):
        if name in alex.large_places:
            return alex.large_places[name]
    if any(alex.place_nouns.get(w.lower()) == "country" for w in e.name.split()):
        return "country"  # "Karsk Republic", "Kingdom of Veldania": a state by its name
    return "city"


def _with_place_references(doc: Doc, entities: Sequence[Entity], alex: ActorLexicons) -> list[Entity]:
    """Each "the city", "the town" or "the country" added as a mention of the place it refers back to.

    The place is the nearest one named in the last few sentences whose class fits: "Mosul, Iraq's
    second-largest city. ... captured the city" is Mosul, not Iraq; "the country" is a country of
    actor_large_places.tsv. A name the model typed NORP that "the city" refers to is a place (GPE).
    """
    tok_ent, types = _token_entities(doc, entities)
    by_id = {e.id: e for e in entities}
    starts = sent_bounds(doc)[0]
    extra: dict[str, list[Mention]] = {}
    resolved: dict[int, str] = {}  # token index of a referring noun -> the place's entity id
    text = doc_text(doc)

    def mention(tok: Token, eid: str) -> Mention:
        resolved[tok.i] = eid
        s, e = tok.left_edge.idx, tok.idx + len(tok.text)
        return Mention(s, e, text[s:e], REFERENCE_LABEL)

    for tok in doc:
        if tok_ent[tok.i] is not None or (cls := _refers_back(tok, alex)) is None:
            continue
        first = starts[max(0, bisect.bisect_right(starts, tok.i) - 1 - PLACE_LOOKBACK)]
        for j in range(tok.i - 1, first - 1, -1):
            if alex.place_nouns.get(doc[j].lower_) == cls and doc[j].pos_ == "NOUN":
                # "... the world's youngest country. The country's leader": the same noun again refers to
                # what that one refers to, if anything
                if (eid := resolved.get(j, _named_in_apposition(doc[j], tok_ent))) is not None:
                    extra.setdefault(eid, []).append(mention(tok, eid))
                break
            eid = tok_ent[j]
            if eid is None or types[eid] not in PLACE_ANTECEDENT_TYPES:
                continue
            named = doc[j]
            if types[eid] == "NORP" and (cls != "city" or named.tag_ != "NNP" or named.text in alex.demonyms
                                         or named.dep_ not in ("pobj", "nsubj", "nsubjpass", "dobj", "conj")):
                continue  # "Syrian forces", "Shia groups": a people, not a place
            if _place_class(by_id[eid], alex) != cls:
                continue
            extra.setdefault(eid, []).append(mention(tok, eid))
            break
    out = []
    for e in entities:
        if e.id in extra:
            e = replace(e, type="GPE" if e.type == "NORP" else e.type,
                        mentions=tuple(sorted((*e.mentions, *extra[e.id]), key=lambda m: m.start)))
        out.append(e)
    return out


def _owns_institution(tok: Token, institutions: frozenset[str]) -> bool:
    """Is ``tok`` the possessor of a state's institution ("Dunmere's foreign ministry", "X's armed forces")?"""
    if tok.dep_ != "poss":
        return False
    head = tok.head
    if head.lemma_.lower() in institutions:
        return True
    before = head.nbor(-1) if head.i > 0 else None
    return before is not None and f"{before.lower_} {head.lower_}" in institutions


def _states_by_institution(doc: Doc, entities: Sequence[Entity], institutions: frozenset[str]) -> list[Entity]:
    """A one-word name the model took for a person or an organisation is a state (GPE) when it has a ministry,
    an embassy or armed forces of its own: unknown or transliterated country names ("Dunmere")."""
    out = []
    for e in entities:
        if e.type in ("PERSON", "ORG", "NORP") and len(e.name.split()) == 1:
            spans = (doc.char_span(m.start, m.end, alignment_mode="expand") for m in e.mentions)
            if any(sp is not None and len(sp) == 1 and _owns_institution(sp[0], institutions) for sp in spans):
                e = replace(e, type="GPE")
        out.append(e)
    return out


def _namesakes_surname(entities: Sequence[Entity]) -> list[Entity]:
    """A bare surname left apart because two people bear it ("Brask" after "Elena Brask" and "Jonas Brask") is
    a person's, whatever type the model gave it; an outlet's name ("Bloomberg") stays the outlet's."""
    surnames = Counter(e.name.split()[-1] for e in entities if e.type == "PERSON" and len(e.name.split()) > 1)
    return [replace(e, type="PERSON") if e.type in ("ORG", "GPE", "NORP") and surnames[e.name] > 1
            and all(m.text == e.name for m in e.mentions) and not is_media_name(e.name) else e for e in entities]


def _places_by_demonym(doc: Doc, entities: Sequence[Entity], alex: ActorLexicons) -> list[Entity]:
    """A one-word name the model took for a person or an organisation is a place (GPE) when the text also has
    its demonym ("Zembran" beside "Zembra") and writes it once after "in", "near" or "across": an unknown or
    transliterated country's name."""
    words: set[str] | None = None  # the capitalised words of the text, read once and only when needed
    out = []
    for e in entities:
        name = e.name
        if e.type in ("PERSON", "ORG") and " " not in name and len(name) >= 4 and name not in alex.demonyms and \
                all(m.text == name for m in e.mentions):
            if words is None:
                text = doc_text(doc)
                words = set(re.findall(r"\b[A-Z][^\W\d_]*", text))
            if any(form in words for form in _demonym_forms(name)):
                spans = (doc.char_span(m.start, m.end, alignment_mode="expand") for m in e.mentions)
                if any(sp is not None and len(sp) == 1 and sp[0].dep_ == "pobj" and sp[0].head.lower_ in PLACE_PREPS
                       for sp in spans):
                    e = replace(e, type="GPE")
        out.append(e)
    return out


def _outlets_by_name(entities: Sequence[Entity]) -> list[Entity]:
    """An organisation or a one-word "person" whose name is a news outlet's (source_media_names.txt) is MEDIA,
    designator words after it aside.

    A one-word person stays one when it is the surname of a person named in the document ("Bloomberg" after
    "Michael Bloomberg"), or written as part of a longer person's name.
    """
    surnames = {e.name.split()[-1].lower() for e in entities if e.type == "PERSON" and len(e.name.split()) > 1}
    out = []
    for e in entities:
        bare_person = e.type == "PERSON" and len(e.name.split()) == 1 and e.name.lower() not in surnames \
            and all(len(m.text.split()) == 1 for m in e.mentions)
        # "Breitbart News LLC": the outlet's name with its company's designator after it
        if (e.type == "ORG" or bare_person) and is_media_name((without_designators(e.name) or [e.name])[-1]):
            e = replace(e, type="MEDIA")
        out.append(e)
    return out


def _token_entities(doc: Doc, entities: Sequence[Entity]) -> tuple[list[str | None], dict[str, str]]:
    """Token index -> entity id (named actors first; GROUP phrases only fill tokens left over)."""
    tok_ent: list[str | None] = [None] * len(doc)
    types = {e.id: e.type for e in entities}
    for e in sorted(entities, key=lambda e: e.type == "GROUP"):
        for m in e.mentions:
            if m.label == DESCRIPTION_LABEL:
                continue  # "former X president, NAME": X's tokens stay X's
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            if e.type == "GROUP":
                i = span.root.i
                if tok_ent[i] is None:
                    tok_ent[i] = e.id
                continue
            for t in span:
                if tok_ent[t.i] is None:
                    tok_ent[t.i] = e.id
    return tok_ent, types


token_entities = _token_entities


def extract_entities(doc: Doc, document: Document) -> Sequence[Entity]:
    """Actors with canonical names, types, every mention (offsets into document.text) and aliases."""
    text = document.text
    alex, table = actor_lexicons(), default_alias_table()
    # 1. candidates: NER, then the rules
    cands: list[ar.Candidate] = []
    for ent in doc.ents:
        if ent.label_ in KEEP:
            for piece in ar.split_glued(ar.make(text, ent.start_char, ent.end_char, ent.label_, "ner"), text):
                if (c := ar.trim(piece, text, alex)) is not None:
                    cands.append(c)
    rule_cands = ar.translit_candidates(text, alex) + ar.emphasis_candidates(document)
    rule_cands += ar.company_candidates(text, alex) + _group_name_candidates(doc, ar.group_name_heads())
    rule_cands += ar.alias_candidates(text, table)
    rule_cands = [t for c in rule_cands if (t := ar.trim(c, text, alex)) is not None]
    # a firm's name NER read in full, across a small word or an initial the company rule stops at ("Iowa
    # Citizens for Community Improvement Action Fund", "Peter G. Peterson Foundation"): NER's span stands, as
    # an organisation whatever NER called it
    longer = {c.end: k for k, c in enumerate(cands)}
    kept = []
    for c in rule_cands:
        k = longer.get(c.end) if c.rule == "company" else None
        if k is not None and cands[k].start < c.start:
            cands[k] = replace(cands[k], label="ORG", forced_type="ORG")
        else:
            kept.append(c)
    rule_cands = kept
    defs_cands, defs = ar.acronym_definitions(text, _resolve_overlaps(cands + rule_cands, len(text)))
    # 2. overlaps: a rule's span wins over NER's; then the longer span
    cands = _resolve_overlaps(cands + rule_cands + defs_cands, len(text))
    cands = _places_by_noun(text, cands, ar.place_of_nouns())
    # 3. other occurrences of known names
    cands = _propagate(text, cands, defs)
    # 4. metonyms and demonyms, read from the parse; proper names at flow ends that NER missed
    cands = _actor_roles(doc, cands, alex, table)
    cands = _employer_candidates(doc, cands)
    cands = sorted(cands + _proper_end_candidates(doc, cands), key=lambda c: c.start)
    cands = sorted(cands + _speaker_candidates(doc, cands), key=lambda c: c.start)
    # 5. clusters
    groups = cluster(cands, defs, table, text, alex.role_words, alex.whole_names)
    nicknames = frozenset(cands[b].text for _, b in known_as_links(text, cands)) if text else frozenset()
    entities: list[Entity] = []
    for n, g in enumerate(groups, 1):
        members = [cands[i] for i in g]
        name, typ = _name_and_type(members, table, alex.media_name_words, nicknames)
        mentions = tuple(Mention(c.start, c.end, c.text, c.label) for c in members)
        # a metonym or demonym ("Paris said", "Saudi officials") is a mention of the state, not another name
        # for it: elsewhere "Paris" is the city, and an alias is what the corpus merges actors on
        aliases = tuple(sorted({c.text for c in members if not _stand_in(c, table)} - {name}))
        entities.append(Entity(id=f"e{n}", name=name, type=typ, mentions=mentions, aliases=aliases))
    # 5b. role descriptions in apposition to a person's name are mentions of that person too
    entities = _with_descriptions(doc, entities, alex.role_words | PERSON_NOUNS | ar.person_roles())
    # 5c. "the city", "the country": mentions of the place named just before
    entities = _with_place_references(doc, entities, alex)
    # 5d. a one-word name with a ministry, an embassy or armed forces of its own is a state
    entities = _states_by_institution(doc, entities, alex.state_institutions)
    entities = _places_by_demonym(doc, entities, alex)
    # 5e. an outlet named in source_media_names.txt ("Politico", "AP") is a news outlet, whatever the model said
    entities = _outlets_by_name(entities)
    entities = _namesakes_surname(entities)
    # 6. flow ends with no named actor in them become GROUP actors
    entities += _group_actors(doc, entities, alex, start=len(entities) + 1)
    return entities


def _stand_in(c: ar.Candidate, table: AliasTable) -> bool:
    """A mention that stands for another actor by the parse (metonymy, demonym), not by the alias table."""
    return c.canonical is not None and c.rule != "alias" and table.lookup(c.text) is None


def _group_actors(doc: Doc, entities: Sequence[Entity], alex: ActorLexicons, start: int) -> list[Entity]:
    tok_ent, types = _token_entities(doc, entities)
    by_key: dict[str, list[Mention]] = {}
    names: dict[str, str] = {}
    for fr in find_frames(doc):
        for i in fr.sources + fr.targets:
            tok = doc[i]
            own = fr.own_targets and i in fr.targets and tok_ent[i] is None  # "self-funded his campaign"
            if not own and resolve_end(tok, tok_ent, types, alex):
                continue
            span = group_phrase(tok, alex, tok_ent, types, agent_ok=recipient_of_goods(fr, tok),
                                role_ok=paid_role(fr, tok))
            if span is None:
                continue
            s, e = span
            phrase = doc_text(doc)[s:e]
            key = normalise_name(phrase)
            if not key:
                continue
            m = Mention(s, e, phrase, "GROUP")
            if m not in by_key.get(key, []):
                by_key.setdefault(key, []).append(m)
            names.setdefault(key, phrase)
            if len(phrase) > len(names[key]):
                names[key] = phrase
    out = []
    for n, (key, ms) in enumerate(by_key.items(), start):
        out.append(Entity(id=f"e{n}", name=names[key], type="GROUP", mentions=tuple(ms),
                          aliases=tuple(sorted({m.text for m in ms} - {names[key]}))))
    return out
