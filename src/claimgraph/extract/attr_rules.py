"""Attribution rules over one spaCy parse: quotes with their frames, reporting verbs, nouns and phrases.

``match(doc, paragraphs, block_quotes)`` is pure: it returns candidates as character spans and never
touches the Doc. Every pass is linear in the number of tokens (each token is looked at a bounded number
of times), so the rules cost little next to the parse itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Doc, Span, Token

from claimgraph.extract.attr_lexicon import Lexicon, load_lexicon
from claimgraph.extract.attr_quotes import Quote, doc_quotes
from claimgraph.extract.source_kinds import PLACE_ENTS, is_person_noun, name_fragment, person_word_before
from claimgraph.nlp.doccache import doc_text, sent_of, token_at_char

if TYPE_CHECKING:
    from claimgraph.extract.attr_model import AttributionModel

Char = tuple[int, int]

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
# Words of the verb group that PolNeAR keeps in the cue: auxiliaries, modals, negation, adverbs.
VERB_GROUP_DEPS = {"aux", "auxpass", "neg", "advmod"}
# "said in a statement", "told reporters on a call": the prepositions before a medium (the nouns are the
# "medium" class of attribution_word_classes.tsv).
MEDIUM_PREPS = {"in", "on", "during", "at", "via", "through"}
EXPLETIVES = {"it", "there"}
# Prepositions whose phrase right after the object still belongs to the content ("accused him of lying").
OBJECT_PREPS = {"to", "of", "as", "for", "about"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Longest stretch of frame ("he said", "said Jane Doe, the agency's spokeswoman") looked at around a quote.
MAX_FRAME_TOKENS = 30
# A quotation this short ("moderate rebels") is a fragment or scare quote unless a frame hangs on it.
MIN_QUOTE_WORDS = 4
# At most this many tokens of narration between a quote and the quote that continues it.
MAX_CONTINUATION_GAP = 30


@dataclass(slots=True)
class Candidate:
    """One attribution found by a rule, as character spans into ``doc.text``."""

    content: list[Char]
    cue: Char | None
    source: Char | None
    rule: str
    cue_token: int | None = None  # token index of the cue's head word
    source_token: int | None = None  # token index of the source's head word
    direct: bool = False  # the content is quotation only (or a block quote)
    antecedent: Char | None = None  # for a relative pronoun source: the noun phrase it stands for
    quotes: list[Quote] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)


# ---------------------------------------------------------------- span helpers

_TRIM_LEFT = " \t\n,;:.\u2014\u2013-"
_TRIM_RIGHT = " \t\n,;:.\u2014\u2013-"


def trim(text: str, start: int, end: int) -> Char:
    """Strip spaces and edge punctuation that belongs to the sentence, not to the span."""
    while start < end and text[start] in _TRIM_LEFT:
        start += 1
    while end > start and text[end - 1] in _TRIM_RIGHT:
        end -= 1
    # keep "?" and "!" (part of what was said); drop an unbalanced opening bracket at the end
    while end > start and text[end - 1] in "([{":
        end -= 1
    return start, end


def doc_end(tok: Token) -> int:
    return tok.idx + len(tok)


def token_chars(doc: Doc, i: int, j: int) -> Char:
    """Characters of tokens ``[i, j]`` inclusive."""
    return doc[i].idx, doc[j].idx + len(doc[j])


def subtree_chars(tok: Token, skip: set[Token] | None = None) -> Char:
    """The contiguous span of ``tok``'s subtree; a skipped child cuts the span at its edge."""
    left, right = tok.left_edge.i, tok.right_edge.i
    for child in skip or ():
        if child.i > tok.i:
            right = min(right, child.left_edge.i - 1)
        else:
            left = max(left, child.right_edge.i + 1)
    doc = tok.doc
    if right > tok.i and doc[right].dep_ == "cc" and _clause_follows(doc[right]):
        # "that the board had skipped inspections, and [a lawsuit alleges ...]": the parser left the "and" that
        # joins the next clause (one with a subject of its own) at the end of this one
        right -= 1
    return token_chars(doc, left, max(left, right))


def _clause_follows(cc: Token) -> bool:
    """The conjunct right after a conjunction has a subject of its own: a new clause, not more of this one."""
    doc = cc.doc
    for k in range(cc.i + 1, min(len(doc), cc.i + MAX_FRAME_TOKENS)):
        if doc[k].dep_ == "conj":
            return any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in doc[k].children)
    return False


# ---------------------------------------------------------------- the matcher


@dataclass
class _Context:
    doc: Doc
    text: str
    lex: Lexicon
    quotes: list[Quote]
    quote_of_char: dict[int, int]  # token start char -> index into quotes
    used_cues: set[int] = field(default_factory=set)
    used_quotes: set[int] = field(default_factory=set)
    cue_prob: np.ndarray | None = None  # the trained scorer's P(token heads a cue), when it is on
    keep_threshold: float = 0.0

    @cached_property
    def quotes_by_start(self) -> tuple[list[int], list[Quote]]:
        order = sorted(self.quotes, key=lambda q: q.start)
        return [q.start for q in order], order

    @cached_property
    def quotes_by_end(self) -> tuple[list[int], list[Quote]]:
        order = sorted(self.quotes, key=lambda q: q.end)
        return [q.end for q in order], order

    def doubted(self, i: int) -> bool:
        """The trained scorer is on and finds token ``i`` an unlikely cue: a rule should not fire on it."""
        return self.cue_prob is not None and float(self.cue_prob[i]) < self.keep_threshold


def _quote_index(doc: Doc, quotes: Sequence[Quote]) -> dict[int, int]:
    """Token index -> quote index, for tokens inside a quotation (one pass over both sorted lists)."""
    out: dict[int, int] = {}
    qi = 0
    for tok in doc:
        while qi < len(quotes) and quotes[qi].end <= tok.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi].start <= tok.idx < quotes[qi].end:
            out[tok.i] = qi
    return out


def is_cue_verb(tok: Token, lex: Lexicon) -> bool:
    if tok.tag_ in {"NN", "NNS"} and _verb_tagged_noun(tok) and tok.lemma_.lower() in lex.verbs:
        return True
    if tok.pos_ == "PROPN" and _opening_verb_form(tok, lex):
        return True
    if tok.pos_ not in {"VERB", "AUX"} or tok.tag_ == "MD" or tok.lemma_.lower() not in lex.verbs:
        return False
    # "the principality predicted in the memo": a passive participle describing a noun, not a report
    return not (tok.dep_ == "acl" and tok.tag_ == "VBN") and not discourse_said(tok)


def discourse_said(tok: Token) -> bool:
    """'That said, ...', 'That being said, ...', 'Having said that, ...': a turn of the argument, no report."""
    if tok.lower_ != "said":
        return False
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i >= 1 else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if before is not None and before.lower_ in {"that", "this", "being"} and after is not None and after.text == ",":
        first = doc[tok.i - 2] if before.lower_ == "being" and tok.i >= 2 else before
        return first.lower_ in {"that", "this"} and bool(first.is_sent_start)
    return before is not None and before.lower_ == "having" and bool(before.is_sent_start) and after is not None \
        and after.lower_ in {"that", "this"} and tok.i + 2 < len(doc) and doc[tok.i + 2].text == ","


IRREGULAR_FORMS = {"said": "say", "says": "say", "wrote": "write", "told": "tell"}


def _opening_verb_form(tok: Token, lex: Lexicon) -> bool:
    """'Said Vell: "..."' tagged as part of a name: a capitalised past or third-person form of a reporting verb
    opening its sentence, followed by a name and a colon or comma."""
    if not tok.text[:1].isupper() or not tok.is_sent_start or tok.i + 1 >= len(tok.doc):
        return False
    low = tok.lower_
    stems = (low[: -len(end)] for end in ("es", "s", "ed", "d") if low.endswith(end))
    base = IRREGULAR_FORMS.get(low) or next((b for b in stems if b in lex.verbs), None)
    if base is None or base not in lex.verbs:
        return False
    return _inverted_subject(tok, force=True) is not None


def _verb_tagged_noun(tok: Token) -> bool:
    """'A resident ... states that ...', 'Bank records ... show $4m in payments': a reporting verb the tagger read
    as a noun.

    It has a subject and a "that"-clause or a direct object of its own, which no noun has.
    """
    if not any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children):
        return False
    return any(
        c.i > tok.i and (c.dep_ == "dobj" or (c.dep_ in {"ccomp", "acl"}
                                              and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)))
        for c in tok.children
    )


def source_of(tok: Token, lex: Lexicon, depth: int = 0) -> tuple[Token | None, Char | None, Char | None]:
    """The source of the cue verb ``tok``: (head token, span, antecedent of a relative pronoun)."""
    head, span, ante = _source_of(tok, lex, depth)
    if span is not None and head is not None:
        text = doc_text(tok.doc)
        lo, hi = min(span[0], tok.idx), max(span[1], tok.idx)
        nl = text.rfind("\n", lo, hi)
        if nl >= 0:
            # the parse ran over a heading or paragraph break: keep the source words in the cue's paragraph
            if tok.idx > nl:
                s, e = nl + 1, min(span[1], tok.idx)
                comma = text.rfind(",", s, e)
                s = comma + 1 if comma >= 0 and e - comma > 2 else s
            else:
                s, e = span[0], nl
            s, e = trim(text, s, e)
            span = (s, e) if e > s else None
    return head, span, ante


def _stranded_subject(verb: Token) -> Token | None:
    """'In a statement to the Observer, her adviser, Jake Sullivan, said:' parsed with the adviser as an
    apposition of "Observer" and no subject for "said": the noun phrase that ends right before the verb."""
    doc = verb.doc
    if verb.dep_ not in {"ROOT", "ccomp", "conj", "parataxis"} or verb.i == 0:
        return None
    j = verb.i - 1
    if doc[j].text == "," and j > 0:
        j -= 1
    t = doc[j]
    if t.pos_ not in {"NOUN", "PROPN"} or t.head.i == verb.i:
        return None
    while t.dep_ in {"compound", "appos", "flat"} and t.head.pos_ in {"NOUN", "PROPN"} and t.head.i < t.i:
        if t.head.dep_ in {"pobj", "dobj"} and t.dep_ == "appos":
            return t  # the apposition hangs on the object of an earlier phrase: it is the speaker
        t = t.head
    return None


FINITE_TAGS = {"VBD", "VBZ", "VBP"}
NP_WORDS = {"DET", "ADJ", "NOUN", "PROPN", "NUM"}


def _phrase_start(doc: Doc, j: int) -> int:
    """The first word of the plain noun phrase that ends at token ``j`` ("the two Republican senators")."""
    k = j
    while k > 0 and (doc[k - 1].pos_ in NP_WORDS or doc[k - 1].tag_ == "POS") and not doc[k - 1].is_sent_end:
        k -= 1
    return k


# Determiners that stand alone as a subject ("Some say", "Many believe") when the parser hangs them on the verb.
PRONOUN_DETERMINERS = frozenset({"some", "many", "few", "most", "several", "both", "all"})


def _orphan_subject(verb: Token) -> tuple[Token, Char] | None:
    """'..., and Democrats accused the GOP of ...' parsed with "Democrats" hung elsewhere: a finite
    verb with no subject takes the noun phrase that ends right before it (its auxiliaries aside)."""
    doc = verb.doc
    if verb.tag_ not in FINITE_TAGS and not any(c.dep_ == "aux" and c.tag_ in FINITE_TAGS | {"MD"} and c.i < verb.i
                                                for c in verb.children):
        return None
    if verb.dep_ in {"relcl", "acl", "xcomp", "advcl", "pcomp", "amod"}:
        return None
    j = verb.i - 1
    while j >= 0 and doc[j].head.i == verb.i and doc[j].dep_ in {"aux", "neg", "advmod"}:
        j -= 1
    if j < 0:
        return None
    last = doc[j]
    if (last.dep_ == "det" and last.head.i == verb.i and last.lower_ in PRONOUN_DETERMINERS
            and (j == 0 or doc[j].is_sent_start or doc[j - 1].is_punct)):
        return last, token_chars(doc, j, j)  # "Some discount these reports": a determiner read as the subject's
    if last.pos_ not in {"NOUN", "PROPN"} or last.head.i == verb.i or last.tag_ == "POS" or last.dep_ == "poss":
        return None
    k = _phrase_start(doc, j)
    root = last
    while root.dep_ in {"compound", "flat"} and k <= root.head.i < root.i:
        root = root.head
    if (root.dep_ == "conj" and k >= 2 and doc[k - 1].pos_ == "CCONJ" and root.head.i < k - 1
            and root.head.dep_ not in {"dobj", "pobj", "attr", "dative"}):
        # "Obama and Clinton call ...": the whole coordination, when the parse joins it
        k = _phrase_start(doc, root.head.i)
        root = root.head
    if j - k > 6:
        return None
    s, e = token_chars(doc, k, j)
    return root, trim(doc_text(doc), s, e)


def _past_dateline(subj: Token) -> Token:
    """'CLEVELAND, July 19 (UPI) — Former Attorney General Michael Mukasey told ...' parsed with the place as
    subject and the speaker as its apposition: the speaker, past the dateline's dash."""
    if not (subj.text.isupper() and len(subj.text) > 1 and subj.is_sent_start):
        return subj
    dash = next((t for t in subj.children if t.text in DATELINE_DASHES and t.i > subj.i), None)
    if dash is None:
        return subj
    return next((c for c in subj.children if c.dep_ == "appos" and c.i > dash.i), subj)


def _swallowed_subject(verb: Token) -> Token | None:
    """'Sanders, meanwhile, who sits at zero endorsements, said ...' parsed as a clause with two subjects
    ("Sanders" and "who") before a subjectless verb: the name is the verb's subject, the rest its aside."""
    for c in verb.children:
        if c.dep_ != "ccomp" or c.i > verb.i:
            continue
        subjects = [k for k in c.children if k.dep_ == "nsubj"]
        rel = [k for k in subjects if k.tag_ in {"WP", "WDT"}]
        names = [k for k in subjects if k.pos_ in {"PROPN", "NOUN"} and k.i < min((r.i for r in rel), default=-1)]
        if rel and names:
            return names[0]
    return None


def _inverted_subject(verb: Token, force: bool = False) -> tuple[Token, Char, None] | None:
    """'Said Ellis: "..."', 'Writes the Herald's editor, Ann Vell:': a sentence that opens with its reporting verb
    has its source right after it, up to the colon or comma."""
    doc = verb.doc
    if not verb.text[:1].isupper() or not (force or verb.tag_ in {"VBD", "VBZ"}) or not verb.is_sent_start:
        return None
    j = verb.i + 1
    while j < len(doc) and j - verb.i <= 8 and doc[j].text not in {":", ","} and not doc[j].is_quote:
        if doc[j].pos_ in {"VERB", "AUX"} or "\n" in doc[j].text:
            return None
        j += 1
    if j == verb.i + 1 or j >= len(doc) or doc[j].text not in {":", ","}:
        return None
    head = max((doc[k] for k in range(verb.i + 1, j) if doc[k].pos_ in {"PROPN", "NOUN", "PRON"}),
               key=lambda t: t.i, default=None)
    if head is None:
        return None
    return head, token_chars(doc, verb.i + 1, j - 1), None


def _agent(verb: Token) -> Token | None:
    """The object of a passive verb's "by" phrase: who did it ("was called a fraud by critics")."""
    for agent in verb.children:
        if agent.dep_ == "agent":
            return next((g for g in agent.children if g.dep_ == "pobj"), None)
    return None


def _source_of(tok: Token, lex: Lexicon, depth: int = 0) -> tuple[Token | None, Char | None, Char | None]:
    subjects = sorted((c for c in tok.children if c.dep_ in SUBJECT_DEPS), key=lambda c: abs(c.i - tok.i))
    if len(subjects) > 1:  # "One resident speaking with the Harbour Gazette said": not "Gazette"
        subjects = [c for c in subjects if not name_fragment(c)] or subjects
    if not subjects and not any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in tok.children):
        stranded = _stranded_subject(tok)
        if stranded is not None:
            s, e = source_chars(stranded)
            return stranded, (s, min(e, tok.idx)), None
        orphan = _orphan_subject(tok)
        if orphan is not None:
            return orphan[0], orphan[1], None
        inverted = _inverted_subject(tok, force=tok.pos_ == "PROPN")
        if inverted is not None:
            return inverted
        swallowed = _swallowed_subject(tok)
        if swallowed is not None:
            return swallowed, source_chars(swallowed), None
        doc = tok.doc
        if depth < 3 and tok.dep_ == "ccomp" and tok.i > 0 and doc[tok.i - 1].dep_ == "cc" and tok.head.i < tok.i:
            # "Roberts said that ... released but said "...."": a second verb of the subject's, hung as a clause
            return source_of(tok.head, lex, depth + 1)
    for child in subjects[:1]:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in EXPLETIVES and child.dep_ == "nsubj" and tok.lemma_.lower() in {"seem", "appear"}:
                return None, None, None
            child = _past_dateline(child)
            return child, source_chars(child), _antecedent(tok, child)
    agent = _agent(tok)
    for child in tok.children:
        if child.dep_ in PASSIVE_SUBJECT_DEPS:
            if agent is not None:
                return agent, source_chars(agent), None
            contracted = any(c.dep_ == "auxpass" and c.lower_ in {"'s", "\u2019s"} for c in tok.children)
            if contracted and child.lower_ not in EXPLETIVES and any(c.dep_ == "ccomp" for c in tok.children):
                # "He's said he'll fight": "has said" read as a passive; a clause of its own makes it active
                return child, source_chars(child), _antecedent(tok, child)
            if depth > 0 and child.pos_ in {"PRON", "PROPN", "NOUN"}:
                # "After saying ..., she was whisked off": the passive subject also did the speaking
                return child, source_chars(child), _antecedent(tok, child)
            return None, None, None
    if tok.dep_ == "xcomp" and tok.head is not tok:
        # object control: "prompting Obama to vow", "urged the senator to say"
        for child in tok.head.children:
            if child.dep_ == "dobj" and child.i < tok.i and child.pos_ in {"PROPN", "NOUN", "PRON"}:
                return child, source_chars(child), None
    if tok.tag_ == "VBN" and tok.dep_ in {"advcl", "ROOT"} and not any(
        c.dep_ in {"aux", "auxpass"} for c in tok.children
    ):
        # "Asked whether ..., Devine said": whoever is asked is the main clause's subject; the asker
        # is only named by "by" ("Asked by reporters whether ...")
        return (agent, source_chars(agent), None) if agent is not None else (None, None, None)
    if depth < 3 and tok.dep_ in {"xcomp", "conj", "advcl", "pcomp"} and tok.head is not tok:
        head = tok.head
        if tok.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head  # "responded by telling them"
        return source_of(head, lex, depth + 1)
    if tok.dep_ == "acl" and tok.head.pos_ in {"NOUN", "PROPN"}:
        last = tok.head
        noun = last
        while noun.dep_ == "conj" and noun.head.i < noun.i:
            noun = noun.head  # "farmers and traders claiming": the whole coordination
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj, source_chars(pobj), None
        if noun.lemma_.lower() in lex.nouns and noun.dep_ == "dobj":
            # "issued a statement saying": the issuer is the source
            return source_of(noun.head, lex, depth + 1) if depth < 3 else (None, None, None)
        if (noun.lemma_.lower() in lex.medium_nouns and noun.dep_ == "pobj" and noun.head.lower_ in MEDIUM_PREPS
                and noun.head.head.pos_ in {"VERB", "AUX"}):
            # "she said at a news conference announcing that ...": who spoke there is the source
            return source_of(noun.head.head, lex, depth + 1) if depth < 3 else (None, None, None)
        end = max(last.i, tok.left_edge.i - 1)  # up to the participle: "farmers and traders claiming"
        return noun, trim(doc_text(noun.doc), *token_chars(noun.doc, noun.left_edge.i, end)), None
    return None, None, None


def _antecedent(verb: Token, subj: Token) -> Char | None:
    """'The senator, who said ...': the noun phrase a relative pronoun subject stands for."""
    if verb.dep_ == "relcl" and subj.lower_ in RELATIVE_PRONOUNS:
        head = verb.head
        doc = head.doc
        if (
            subj.lower_ in {"who", "whom"}
            and head.pos_ == "PROPN"
            and head.ent_type_ not in {"PERSON", ""}
            and head.dep_ == "pobj"
            and head.head.lower_ == "of"
            and head.head.head.pos_ == "NOUN"
        ):
            head = head.head.head  # "a member of the Popular Mobilization Forces (PMU) who claimed": the member
        elif (
            subj.lower_ in {"who", "whom"}
            and head.dep_ == "pobj"
            and head.ent_type_ != "PERSON"
            and not is_person_noun(head)
            and head.head.dep_ == "prep"
            and is_person_noun(head.head.head)
        ):
            head = head.head.head  # "a former accountant at the company, who asked": the accountant, not the company
        elif subj.lower_ in {"who", "whom"} and head.ent_type_ in PLACE_ENTS and \
                (person := person_word_before(subj)) is not None:
            # "a man from the town of Z, near Y, who witnessed": "who" is the man, not the place it follows
            return trim(doc_text(doc), *token_chars(doc, person.left_edge.i, person.i))
        end = verb.left_edge.i - 1
        while end > head.i and (doc[end].is_punct and doc[end].text not in {")"}):
            end -= 1
        return trim(doc_text(doc), *token_chars(doc, head.left_edge.i, max(end, head.i)))
    return None


def source_chars(tok: Token) -> Char:
    """The source phrase headed by ``tok``, as the PolNeAR guidelines draw it.

    Appositions, relative clauses and a "(R-Iowa)" stay in (they identify the source); a comma that
    closes a parenthetical source ("Kevin Brady, chairman of the committee, said") is part of it.
    Left out: a time phrase hanging on the noun ("the report on Wednesday"), a dateline before it
    ("WASHINGTON — Sen. Grassley"), a leading conjunction and stray quotation marks.
    """
    doc = tok.doc
    text = doc_text(doc)
    skip = {c for c in tok.children if c.i > tok.i and (_is_time_phrase(c) or _side_participle(c) or _all_but(c))}
    skip |= {c for c in _with_appositions(tok) if c.i > tok.i and _reporting_relative(c)}
    s, e = subtree_chars(tok, skip)
    last = token_at_char(doc, e - 1)
    while last is not None and last.i + 1 < len(doc) and name_fragment(doc[last.i + 1]):
        last = doc[last.i + 1]  # "... speaking with the Harbour Gazette": the name is whole
        e = last.idx + len(last)
    if tok.i < tok.head.i < tok.right_edge.i:
        # "A union ... endorsed X on Thursday, another example of ...": an apposition the parser hung on
        # the subject from beyond the verb; the source stops where its own words stop
        j = tok.i
        while j + 1 < len(doc) and tok.is_ancestor(doc[j + 1]):
            j += 1
        e = min(e, doc[j].idx + len(doc[j]))
    s, e = clip_paragraph(text, s, e, tok.idx)
    s = _after_dateline(text, s, tok.idx)
    s, e = trim(text, s, e)
    while True:
        first = token_at_char(doc, s)
        if first is None or first.i >= tok.i:
            break
        stray_quote = first.is_quote and not any(q in text[first.idx + 1 : e] for q in CLOSING_QUOTES)
        focus = first.dep_ in {"advmod", "preconj"} and first.lower_ in FOCUS_WORDS
        # "When self-proclaimed caliph X announced ...": the parser hung the clause's conjunction on the noun
        opener = first.dep_ in {"advmod", "mark"} and first.lower_ in ADVERBIAL_MARKS
        if not (first.dep_ == "cc" or stray_quote or (first.is_punct and not first.is_quote) or focus or opener):
            break
        s, e = trim(text, first.idx + len(first), e)
    if s > 0 and text[s - 1] in OPENING_QUOTES and any(q in text[s:e] for q in CLOSING_QUOTES):
        s -= 1  # '“Daily Show” host Trevor Noah': the quoted title is whole
    last = token_at_char(doc, e - 1)
    if last is not None and last.idx + len(last) == e + 1 and last.text.endswith("."):
        e += 1  # "Donald Jr.", "the F.B.I.": the period belongs to the abbreviation
    for dash in (" \u2014", " --", " \u2013"):
        if text.startswith(dash, e) and dash.strip() in text[s:e]:
            e += len(dash)  # "Some candidates — for instance, Sen. Ted Cruz —": the closing dash too
            return s, e
    if text[e:e + 1] == "," and ("," in text[s:e] or text[e - 1:e] == ")"):
        nxt = token_at_char(doc, e + 1 + (len(text[e + 1:e + 40]) - len(text[e + 1:e + 40].lstrip())))
        verb = tok.head
        if nxt is not None and (nxt.i == verb.i or (nxt.head.i == verb.i and nxt.i < verb.i) or nxt.is_quote):
            e += 1
    return s, e


OPENING_QUOTES = "\u201c\"\u2018"
QUOTE_OPENERS = "\u201c\"\u2018'\u00ab`\u201e"
CLOSING_QUOTES = "\u201d\"\u2019"
# Focus adverbs before a source ("even some of his admirers", "only one of the delegates").
FOCUS_WORDS = {"even", "also", "but"}


def _all_but(tok: Token) -> bool:
    """'American sources all but confirm': "all but" qualifies the verb, whatever the parser hung it on."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return (tok.lower_ == "all" and nxt is not None and nxt.lower_ == "but") or (
        tok.lower_ == "but" and tok.i > 0 and tok.nbor(-1).lower_ == "all")


def _with_appositions(tok: Token) -> list[Token]:
    """The dependents of a source word and of its appositions ('Jones, a lawyer who ...')."""
    out = list(tok.children)
    out += [g for c in tok.children if c.dep_ == "appos" for g in c.children]
    return out


def _reporting_relative(c: Token) -> bool:
    """'Mr. Kamin, who emphasized that ..., said': a relative clause that is an attribution of its own
    stays out of the source (PolNeAR does not nest one attribution in another's source)."""
    if c.dep_ != "relcl" or c.left_edge.i == 0 or c.doc[c.left_edge.i - 1].text != ",":
        return False
    lex = load_lexicon()
    return c.lemma_.lower() in lex.verbs or any(g.dep_ == "ccomp" for g in c.children)


def _side_participle(c: Token) -> bool:
    """'Marco Rubio, speaking at a rally in Miami, said': what the source was doing, not who it is."""
    if c.dep_ not in {"acl", "advcl"} or c.tag_ != "VBG" or c.left_edge.i == 0:
        return False
    return c.doc[c.left_edge.i - 1].text == ","


def _is_time_phrase(c: Token) -> bool:
    if c.dep_ == "npadvmod" and c.ent_type_ in {"DATE", "TIME"}:
        return True
    if c.dep_ == "prep" and c.lower_ in {"on", "in", "at", "last", "this"}:
        objs = [g for g in c.children if g.dep_ == "pobj"]
        return bool(objs) and all(o.ent_type_ in {"DATE", "TIME"} for o in objs)
    return False


# The dashes that end a dateline: "WASHINGTON — ", "CLEVELAND, July 19 (UPI) -- "
DATELINE_DASHES = ("\u2014", "\u2013", "--", "-")


def _after_dateline(text: str, start: int, anchor: int) -> int:
    """Skip "WASHINGTON — " / "CLEVELAND, July 19 (UPI) — " when it opens the paragraph before the source."""
    for dash in (f" {d} " for d in DATELINE_DASHES):
        k = text.rfind(dash, start, anchor)
        if k >= 0 and (start == 0 or text[start - 1] == "\n") and k - start < 40:
            words = text[start:k].replace(",", " ").split()
            # every word capitalised, a number or a bracketed agency: "Dec 29 (Reuters)", "EXCLUSIVE"
            if words and all(w[:1].isupper() or w[:1].isdigit() or w[:1] == "(" for w in words):
                return k + len(dash)
    return start


def clip_paragraph(text: str, start: int, end: int, anchor: int) -> Char:
    """Cut ``[start, end)`` to the paragraph holding ``anchor``: a parse may run over a heading."""
    nl = text.rfind("\n", start, anchor)
    if nl >= 0:
        start = nl + 1
    nl = text.find("\n", anchor, end)
    if nl >= 0:
        end = nl
    return start, end


def cue_chars(verb: Token, lex: Lexicon, content_start: int | None = None) -> Char:
    """The verb group around ``verb``: auxiliaries, negation and adjacent adverbs, particles, the medium."""
    doc = verb.doc
    left = verb.i
    while left - 1 >= 0:
        prev = doc[left - 1]
        if prev.head.i == verb.i and prev.dep_ in VERB_GROUP_DEPS and prev.pos_ != "PUNCT":
            left -= 1
        else:
            break
    right = verb.i
    while right + 1 < len(doc):
        nxt = doc[right + 1]
        if nxt.head.i == verb.i and nxt.dep_ in {"prt", "neg"}:
            right += 1
            continue
        if (
            nxt.head.i == verb.i
            and nxt.dep_ == "prep"
            and nxt.lower_ in MEDIUM_PREPS
            and any(c.dep_ == "pobj" and c.lemma_.lower() in lex.medium_nouns for c in nxt.children)
            and (content_start is None or nxt.right_edge.idx < content_start)
        ):
            right = nxt.right_edge.i
            continue
        break
    return token_chars(doc, left, right)


def _with_colon(text: str, cue: Char) -> Char:
    s, e = cue
    if e < len(text) and text[e] == ":":
        return s, e + 1
    return cue


def _object_conjunct(verb: Token, obj: Token) -> Token | None:
    """A noun joined to the object by "and"/"or" that the parser attached to the verb instead."""
    doc = verb.doc
    k = obj.right_edge.i + 1
    if k + 1 >= len(doc) or doc[k].dep_ != "cc" or doc[k].head.i != verb.i:
        return None
    nxt = next((c for c in verb.children if c.dep_ == "conj" and c.i > k), None)
    if nxt is None or nxt.pos_ not in {"NOUN", "PROPN", "PRON"} or nxt.left_edge.i != k + 1:
        return None
    return nxt


def _content_of(verb: Token, ctx: _Context) -> tuple[list[Char], str, Token | None] | None:
    """Content of an indirect attribution: the clause, infinitive, object or prepositional object."""
    lex = ctx.lex
    lemma = verb.lemma_.lower()
    deps = lex.content_deps(lemma)
    children = list(verb.children)
    finding = lemma in lex.finding_verbs and any(c.dep_ == "nsubj" and _finding_subject(c, lex) for c in children) \
        and not any(c.dep_ == "dobj" and _pro_form(c, lex) for c in children)
    if finding:
        # "A 2014 study found 31 cases of fraud", "Bank records show $4m in payments": what a study finds or
        # a document shows is its finding (not "the review shows the opposite", which points back)
        deps = deps | {"dobj"}
    subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
    oprd = next((c for c in children if c.dep_ == "oprd" and c.i > verb.i), None)
    if subj is not None and oprd is not None and "dobj" in deps and not any(c.dep_ == "agent" for c in oprd.children):
        # "Oz has been called a charlatan by fellow physicians": who was called what
        return [subtree_chars(subj), subtree_chars(oprd)], "dobj", None
    # a clause after the verb before one ahead of it; an adverbial clause ("While he ..., X noted") is never one
    for child in sorted(children, key=lambda c: c.i < verb.i):
        if child.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ in ADVERBIAL_MARKS for c in child.children):
            continue
        is_clause = child.dep_ == "ccomp" or (
            child.dep_ == "advcl" and child.i > verb.i
            and (_marked_that(child) or _asked_whether(verb, child) or _unmarked_finite(child))
        )
        if is_clause and "ccomp" in deps and not _frames_quote(child, ctx):
            s, e = subtree_chars(child, _authorial_tail(child) | _other_report(child, lex))
            obj = _reduced_relative_object(verb, child, lex)
            if obj is not None:
                # "cited remarks Trump had made about her": the clause is the object's reduced relative
                return [(obj.left_edge.idx, _time_clause_end(verb, child, e))], "dobj", None
            if child.i < verb.i:
                # "A happened, but B followed, the source added.": every clause ahead of a closing frame
                ahead = [c for c in children if c.dep_ == "ccomp" and child.i < c.i < verb.i
                         and not _frames_quote(c, ctx)]
                if ahead:
                    e = subtree_chars(ahead[-1], _authorial_tail(ahead[-1]))[1]
            return [(s, _time_clause_end(verb, child, e))], "ccomp", None
    if "ccomp" in deps:
        stray = _stray_that_clause(verb, lex)
        if stray is not None:
            return [subtree_chars(stray)], "ccomp", None
    for child in children:
        if "xcomp" in deps and child.i > verb.i and (
            child.dep_ == "xcomp"
            or (child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children))
        ):
            return [subtree_chars(child)], "xcomp", None
    for child in children:
        if child.dep_ == "prep" and (lemma, child.lower_) in lex.verb_preps:
            for pobj in child.children:
                if pobj.dep_ in {"pobj", "pcomp"}:
                    return [subtree_chars(pobj)], "prep", child
    if "dobj" in deps:
        for child in children:
            if child.dep_ == "dobj" and child.i > verb.i:
                addressee = child.pos_ in {"PRON", "PROPN"} or child.ent_type_ in {"PERSON", "ORG", "NORP"} or (
                    lemma == "tell" and child.lemma_.lower() not in lex.told_things
                )
                if lemma in {"tell", "ask"} and addressee and not any(
                    p.dep_ == "prep" and p.i == child.right_edge.i + 1 and p.lower_ in OBJECT_PREPS for p in children
                ):
                    continue  # the recipient, not what was said
                inner = [t for t in child.subtree if t.dep_ in {"acl", "relcl"} and is_cue_verb(t, lex)]
                skip = set(inner[:1])
                s, e = subtree_chars(child)
                conj = _object_conjunct(verb, child)
                if conj is not None and not inner:
                    # "called the citation and the demand for X a ploy": the parser hung the second object on
                    # the verb
                    child = conj
                    e = subtree_chars(conj)[1]
                if inner:
                    # "cited reports from farmers claiming that ...": the inner attribution is its own
                    cut = inner[0].left_edge
                    e = doc_end(cut.nbor(-1)) if cut.i > child.left_edge.i else e
                if not skip:
                    # "attributed the fall to X", "accused him of lying", "described it as a hoax", "called it a hoax"
                    for prep in children:
                        next_prep = prep.i == child.right_edge.i + 1 and prep.dep_ == "prep"
                        if (next_prep and prep.lower_ in OBJECT_PREPS) or (
                            prep.left_edge.i == child.right_edge.i + 1
                            and (prep.dep_ in {"oprd", "ccomp"} or (prep.dep_ == "dobj" and prep.i > child.i))
                        ):
                            # "calling him “a total stiff.”", "calling Christmas a sham" (two objects)
                            e = prep.right_edge.idx + len(prep.right_edge)
                    e = _rest_of_predicate(verb, e, timed=finding)
                return [(s, e)], "dobj", None
    if lemma in lex.frame_verbs:
        return _framed_clause(verb)
    return None


def _finding_subject(tok: Token, lex: Lexicon) -> bool:
    """A study or a document ("a 2014 study", "bank records"), whose object is what it finds or shows."""
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and (lemma in lex.study_nouns or lemma in lex.document_nouns
                                   or tok.lower_ in lex.document_nouns)


def _pro_form(obj: Token, lex: Lexicon) -> bool:
    """An object that only points back at what was said before: "the opposite", "the same"."""
    return obj.lemma_.lower() in lex.pro_forms and all(c.dep_ == "det" for c in obj.children)


_FRAME_TAIL_DEPS = {"npadvmod", "advmod", "prep", "dobj", "dative", "agent"}


def _framed_clause(verb: Token) -> tuple[list[Char], str, Token | None] | None:
    """The clause a parenthetical frame interrupts or closes, minus the frame.

    "Trump is wrong, he said." gives "Trump is wrong"; "The museum, Mr. Bush said, celebrates his heroes."
    and "Though the change was smooth, he said, the next one would not be." give both pieces around the frame.
    """
    doc = verb.doc
    sent = verb.sent
    if verb.dep_ in {"parataxis", "ccomp"}:
        head = verb.head
        host_start, host_end = (head.left_edge.i, head.right_edge.i) if head.i < verb.i else (sent.start, sent.end - 1)
    elif verb.dep_ == "ROOT":
        host_start, host_end = sent.start, sent.end - 1
    else:
        return None
    # the frame: the verb, what stands before it (its subject, "also"), and what follows it up to a comma;
    # under a ROOT verb what lies before the comma is the clause: "People like Scott, he said."
    subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i]
    if verb.dep_ == "ROOT":
        left = [c for c in verb.children if subj and subj[0].i <= c.i < verb.i and not c.is_punct]
    else:
        left = [c for c in verb.children if c.i < verb.i and not c.is_punct and c.dep_ not in {"advcl", "ccomp"}]
    if verb.dep_ == "ROOT" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in left):
        return None
    frame_start = min([c.left_edge.i for c in left] + [verb.i])
    frame_end = verb.i
    for c in sorted(verb.children, key=lambda c: c.i):
        if c.i > verb.i and c.dep_ in _FRAME_TAIL_DEPS and c.left_edge.i == frame_end + 1:
            frame_end = c.right_edge.i
    if frame_start - 2 < host_start or doc[frame_start - 1].text not in FRAME_COMMAS:
        return None
    if frame_start - 2 == host_start and not (
        doc[host_start].dep_ in {"nsubj", "nsubjpass"} and doc[host_start].pos_ in {"NOUN", "PROPN", "PRON"}
    ):
        return None  # one word before the frame is what was said only as the clause's subject: "Fenn, they said, was"
    lead = doc[host_start : frame_start - 1]
    if (lead[0].pos_ in {"ADP", "SCONJ"} or lead[0].dep_ == "prep") and verb.dep_ == "ROOT" and \
            not any(t.dep_ in CLAUSE_DEPS for t in lead):
        # "On Tuesday, the senator said": a setting, not what was said; nor is "According to a memo, X warned"
        # (the tagger reads "According" as a verb, but it heads a prepositional phrase all the same)
        return None
    parts = [token_chars(doc, host_start, frame_start - 2)]
    after = frame_end + 1
    if after < host_end and doc[after].text in FRAME_COMMAS:
        last = host_end
        while last > after and doc[last].is_punct and doc[last].text not in {"”", '"', "''"}:
            last -= 1
        if last - after >= 2:
            parts.append(token_chars(doc, after + 1, last))
    elif after <= host_end and not (doc[after].is_punct and doc[after].text not in FRAME_COMMAS):
        return None  # the frame runs on into more words: not a parenthesis
    return parts, "clause-before", None


FRAME_COMMAS = {",", "--", "—", "–"}
CLAUSE_DEPS = {"advcl", "ccomp", "csubj", "relcl", "pcomp"}


def _reduced_relative_object(verb: Token, clause: Token, lex: Lexicon) -> Token | None:
    """The object a 'that'-less clause right after it modifies: 'cited remarks [Trump had made]'.

    The parser hangs such a clause on the verb; a verb that takes no addressee cannot have both an
    object and a clause, so the clause describes the object (the verbs that do are in
    attribution_addressee_verbs.txt).
    """
    if verb.lemma_.lower() in lex.addressee_verbs or any(c.dep_ == "mark" for c in clause.children):
        return None
    for obj in verb.children:
        if (
            obj.dep_ == "dobj"
            and obj.i < clause.i
            and clause.left_edge.i == obj.right_edge.i + 1
            and not (clause.left_edge.is_punct or obj.right_edge.is_punct)  # 'the transfers: a line grew'
            and obj.pos_ in {"NOUN", "PROPN"}
            and not any(c.dep_ == "dobj" for c in clause.children)
        ):
            return obj
    return None


TIME_MARKS = {"while", "when", "as", "after", "before", "because", "since", "until", "once"}
# Dependents of a cue verb that, right after its object, go on saying what was said.
_REST_DEPS = {"prep", "npadvmod", "advmod"}


def _rest_of_predicate(verb: Token, end: int, timed: bool = False) -> int:
    """'described crass behavior [by Trump behind the scenes]': phrases the parser hung on the verb
    that follow its object with no comma between belong to the content. ``timed``: so does a time clause,
    for what a document or a study shows ('video shows him ... [before he was shot]'): it dates what is
    shown, where after a speech verb it would date the speaking."""
    doc = verb.doc
    last = token_at_char(doc, end - 1)
    if last is None:
        return end
    for c in verb.rights:
        if c.i <= last.i:
            continue
        if c.left_edge.i != last.i + 1 or (c.dep_ not in _REST_DEPS and not (timed and _time_clause(c))):
            break
        last = c.right_edge
    return max(end, last.idx + len(last))


# Conjunctions that only date ("as", "since" may give a reason as well: "shows a tightening race as X gains").
DATING_MARKS = frozenset({"before", "after", "when", "while", "until", "once"})


def _time_clause(c: Token) -> bool:
    """An adverbial clause that dates: 'before he was shot', 'while his unit battled Y'."""
    first = c.doc[c.left_edge.i]
    return c.dep_ == "advcl" and first.dep_ == "mark" and first.lower_ in DATING_MARKS


def _time_clause_end(verb: Token, clause: Token, end: int) -> int:
    """'claimed he saw X while his unit battled Y': a time clause the parser hung on the cue verb
    right after the reported clause (no comma between) belongs to what was reported."""
    doc = verb.doc
    for c in verb.children:
        if c.dep_ == "advcl" and c.i > clause.i and c.left_edge.i == clause.right_edge.i + 1:
            first = doc[c.left_edge.i]
            if first.dep_ == "mark" and first.lower_ in TIME_MARKS:
                return max(end, *subtree_chars(c)[1:])
    return end


def _stray_that_clause(verb: Token, lex: Lexicon | None = None) -> Token | None:
    """'said during a news conference that he may wait': the parser hung the reported clause on
    "conference" as a relative clause; a "that" that marks a clause with its own subject says otherwise.
    So for the person addressed: 'warned colleagues that the dam could fail' (a verb that takes an addressee)."""
    nouns = [pobj for prep in verb.children if prep.dep_ == "prep" and prep.i > verb.i
             for pobj in prep.children if pobj.dep_ == "pobj"]
    if lex is not None and verb.lemma_.lower() in lex.addressee_verbs:
        nouns += [obj for obj in verb.children if obj.dep_ in {"dobj", "dative"} and obj.i > verb.i]
    for noun in nouns:
        for clause in noun.children:
            if (
                clause.dep_ in {"relcl", "acl"}
                and clause.i > noun.i
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
                and any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in clause.children)
            ):
                return clause
    return None


def _asked_whether(verb: Token, clause: Token) -> bool:
    """'HuffPost asked the contender if he had been preparing': the question is the content."""
    return verb.lemma_.lower() in {"ask", "wonder", "question", "inquire"} and any(
        c.dep_ == "mark" and c.lower_ in {"if", "whether"} for c in clause.children
    )


ADVERBIAL_MARKS = frozenset({"while", "although", "though", "because", "since", "when", "after", "before",
                             "unless", "once", "until", "as"})


def _unmarked_finite(clause: Token) -> bool:
    """'Trump said after the convention he would not accept ...': a finite clause with its own subject and no
    conjunction, which the parser hung on the verb as an adverbial clause, is what was said."""
    kids = list(clause.children)
    if any(c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ in {"WRB", "WDT"}) for c in kids):
        return False
    if not any(c.dep_ in {"nsubj", "nsubjpass"} and c.i < clause.i for c in kids):
        return False
    return clause.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {
        "MD", "VBD", "VBZ", "VBP"} for c in kids)


def _marked_that(clause: Token) -> bool:
    """'... that they were providing': a clause opened by "that" (the parser sometimes calls it advcl)."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


CONCESSIVE = {"though", "although", "whereas"}


def _other_report(clause: Token, lex: Lexicon) -> set[Token]:
    """'One in three said the party does not care and one in four said it was hostile': a reporting verb with a
    subject of its own, joined to the reported clause, is another report, not part of this one."""
    out = {c for c in clause.children if c.dep_ == "conj" and c.i > clause.i and is_cue_verb(c, lex)
           and any(k.dep_ in SUBJECT_DEPS and k.i < c.i for k in c.children)}
    if out:
        # the "and" before it goes too: the span is cut at the conjunct's left edge, minus a trailing "and"/","
        first = min(out, key=lambda c: c.i)
        out |= {k for k in clause.children if k.dep_ in {"cc", "punct"} and first.left_edge.i - 2 <= k.i < first.i}
    return out


def _authorial_tail(clause: Token) -> set[Token]:
    """', prompting X to ...' after a reported clause is the author's comment, not the source's words;
    so is a concession ('said the vote was fair, even though the count ran late')."""
    doc = clause.doc
    out: set[Token] = set()
    for c in clause.children:
        if c.i <= clause.i or c.left_edge.i == 0:
            continue
        if c.dep_ != "advcl":
            continue
        comment = doc[c.left_edge.i - 1].text == "," and c.tag_ == "VBG"
        if comment or any(m.dep_ == "mark" and m.lower_ in CONCESSIVE for m in c.children):
            out.add(c)
    return out


def _frames_quote(clause: Token, ctx: _Context) -> bool:
    """A clause before its verb that is all quotation was handled as a direct quote already."""
    return clause.i < clause.head.i and clause.i in ctx.quote_of_char


def _quote_words(q: Quote, text: str) -> int:
    return len(text[q.start : q.end].split())


def _frame_after(ctx: _Context, qi: int, tok_at: dict[int, int]) -> Token | None:
    """The reporting verb of a frame right after a quote: '"...," he said.' / '"...," said X.'"""
    doc, text, q = ctx.doc, ctx.text, ctx.quotes[qi]
    body = text[q.start : q.end].rstrip("\u201d\"'\u00bb ")
    i = tok_at.get(q.end)
    if i is None:
        return None
    first = doc[i]
    nxt = doc[i + 1] if first.text == "," and i + 1 < len(doc) else first
    if nxt.pos_ in {"CCONJ", "SCONJ"} or nxt.lower_ in {"while", "whereas"}:
        return None  # 'agreed that she is in "good health," while 73 percent said ...': a new clause, no frame
    ends_open = bool(body) and body[-1] in ",?!\u2014-"
    lowercase_frame = first.text[:1].islower() and (first.pos_ == "PRON" or is_cue_verb(first, ctx.lex))
    if not (ends_open or first.text in {",", "\u2014"} or lowercase_frame or _bare_frame(ctx, i)):
        return None
    if _quote_words(q, text) < MIN_QUOTE_WORDS and not ends_open:
        return None
    if _embedded_title(text, q):
        return None
    fragment = _embedded_fragment(text, q)
    stop = min(len(doc), i + MAX_FRAME_TOKENS)
    for j in range(i, stop):
        t = doc[j]
        if j in ctx.quote_of_char or "\n" in t.text:
            break
        if is_cue_verb(t, ctx.lex) and j not in ctx.used_cues:
            if fragment and _fragment_outside(ctx, q, t):
                return None
            return t
        if t.lower_ == "according" and j + 1 < len(doc) and doc[j + 1].lower_ == "to":
            return t
        if t.text in {".", ";"} or (t.text in {"!", "?"} and j > i):
            break
    return None


def _fragment_outside(ctx: _Context, q: Quote, verb: Token) -> bool:
    """Do quoted words that continue running text sit in the frame's subject or in an aside of its own
    ('Humphrey, who calls Trump a “sociopath,” said', 'Manafort, citing “the magic of Trump,” said'),
    rather than in what the frame reports ('Not paying taxes “makes me smart,” Trump said')?"""
    first = token_at_char(ctx.doc, q.start)
    inner = next((t for t in ctx.doc[first.i : verb.i] if not t.is_quote and not t.is_punct), None) if first else None
    if inner is None:
        return False
    node = inner
    while node.head.i != node.i and node.head.i != verb.i:
        if node.dep_ in {"relcl", "acl"} or (node.pos_ in {"VERB", "AUX"} and is_cue_verb(node, ctx.lex)):
            return True
        node = node.head
    if node.head.i != verb.i:
        return False
    return node.dep_ in {"nsubj", "nsubjpass", "csubj", "advcl"} and node.i < verb.i and (
        node.dep_ != "advcl" or node.tag_ == "VBG" or any(c.dep_ == "mark" for c in node.children)
    )


def _embedded_fragment(text: str, q: Quote) -> bool:
    """'Humphrey, who calls Trump a “sociopath,” said ...': quoted words that continue the running text of a
    phrase before them are part of that phrase, not an utterance the frame after them reports."""
    k = q.start
    while k > 0 and text[k - 1] in " \t\u00a0":
        k -= 1
    return k > 0 and (text[k - 1].isalnum() or text[k - 1] in "%$")


def _bare_frame(ctx: _Context, i: int) -> bool:
    """'"... are missing." Trump said.': a sentence that is only a subject and a reporting verb
    (with its time or place) right after a quote that closed with a period."""
    doc = ctx.doc
    for j in range(i, min(len(doc), i + 8)):
        t = doc[j]
        if "\n" in t.text or j in ctx.quote_of_char:
            return False
        if is_cue_verb(t, ctx.lex):
            if not any(c.dep_ in SUBJECT_DEPS and c.i < t.i for c in t.children):
                return False
            rest = [c for c in t.children if c.i > t.i and c.dep_ not in {"punct", "npadvmod", "advmod", "prep"}]
            k = t.right_edge.i
            while k > t.i and doc[k].is_space:
                k -= 1
            last = doc[k]
            after = doc[k + 1] if k + 1 < len(doc) else None
            return not rest and (last.text == "." or (after is not None and after.text == "."))
    return False


TITLE_SMALL_WORDS = frozenset({"the", "of", "and", "a", "an", "in", "on", "at", "to", "for", "with", "from"})


def _embedded_title(text: str, q: Quote) -> bool:
    """'told “New Day,” that ...', 'the hacker known as “Guccifer,” said': a short capitalised name in
    quotation marks in the middle of a sentence is a title or nickname, not something said."""
    words = text[q.start : q.end].strip("\u201c\u201d\"'\u2018\u2019 ,.").split()
    if not 1 <= len(words) <= 6 or not words[0][:1].isupper():
        return False  # '“Face the Nation,”', '“The Steve Harvey Morning Show,”': small words may stay lowercase
    if not all(w[:1].isupper() or not w[:1].isalpha() or w in TITLE_SMALL_WORDS for w in words):
        return False
    if sum(w in TITLE_SMALL_WORDS for w in words) * 2 >= len(words):
        return False
    before = text[max(0, q.start - 40) : q.start].rstrip()
    return bool(before) and (before[-1].isalpha() or before[-1] == ",") and "\n" not in before[-3:]


def _frame_before(ctx: _Context, qi: int, tok_at_end: dict[int, int]) -> Token | None:
    """The reporting verb of a frame right before a quote: 'X said: "..."' / 'As X put it, "..."'."""
    doc, text, q = ctx.doc, ctx.text, ctx.quotes[qi]
    k = q.start
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if k == 0 or text[k - 1] == "\n":
        return None
    if _embedded_title(text, q) and text[q.start : q.end].rstrip("\u201d\"'\u2019 ").endswith(","):
        return None  # 'told “Morning Desk,” the breakfast show, that ...'
    j = tok_at_end.get(k)
    if j is None:
        return None
    last = doc[j]
    if last.text in {",", ":"}:
        j -= 1
    elif not is_cue_verb(last, ctx.lex):
        return None
    stop = max(-1, j - MAX_FRAME_TOKENS)
    for m in range(j, stop, -1):
        t = doc[m]
        if m in ctx.quote_of_char or "\n" in t.text or t.text in {".", "!", "?", ";"}:
            break
        if t.lower_ == "that" and t.dep_ == "mark":
            return None  # 'said that ... "quoted words"': indirect speech holding a quote (mixed)
        if is_cue_verb(t, ctx.lex) and m not in ctx.used_cues:
            if any(c.dep_ in {"ccomp", "xcomp"} and c.left_edge.idx <= q.start <= c.right_edge.idx
                   for c in t.children):
                return None
            return t
        if t.lower_ == "according" and m + 1 < len(doc) and doc[m + 1].lower_ == "to":
            return t
    return None


def _according_source(tok: Token) -> tuple[Token | None, Char | None]:
    doc = tok.doc
    if tok.i + 1 >= len(doc):
        return None, None
    to = doc[tok.i + 1]
    for child in list(to.children) + list(tok.children):
        if child.dep_ == "pobj":
            return child, source_chars(child)
        if child.dep_ == "pcomp" and child.tag_ in {"VB", "VBP"} and child.i == to.i + 1:
            # "according to show insiders": a noun read as a verb with its object
            obj = next((g for g in child.children if g.dep_ == "dobj" and g.i == child.i + 1), None)
            if obj is not None and not any(g.dep_ not in {"dobj"} for g in child.children):
                return obj, (child.idx, source_chars(obj)[1])
    # the parser did not attach an object: take the noun phrase after "to" up to punctuation
    j = to.i + 1
    while j < len(doc) and not doc[j].is_punct and doc[j].pos_ not in {"VERB", "AUX"}:
        j += 1
    if j > to.i + 1:
        return doc[j - 1], token_chars(doc, to.i + 1, j - 1)
    return None, None


def _inverted_object_speaker(ctx: _Context, verb: Token, q: Quote) -> Token | None:
    """'"Is he running against us?" asked Mr. Manafort': right after a quote, the name after the verb is the
    speaker even when the parser read it as the verb's object."""
    between = ctx.text[q.end : verb.idx]
    if between.strip(" ,\u2014-") or verb.i + 1 >= len(ctx.doc):
        return None
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "npadvmod", "attr"} and c.i > verb.i), None)
    if obj is None or obj.left_edge.i != verb.i + 1 or obj.pos_ not in {"PROPN", "NOUN"}:
        return None
    return obj


def _quote_candidate(ctx: _Context, verb: Token, parts: list[Quote], rule: str) -> Candidate:
    text = ctx.text
    if verb.lower_ == "according":
        src_tok, src = _according_source(verb)
        cue: Char = token_chars(ctx.doc, verb.i, verb.i + 1)
        antecedent = None
    else:
        src_tok, src, antecedent = source_of(verb, ctx.lex)
        if src is None and rule == "quote-frame-after":
            src_tok = _inverted_object_speaker(ctx, verb, parts[0])
            src = source_chars(src_tok) if src_tok is not None else None
        cue = _with_colon(text, cue_chars(verb, ctx.lex, parts[0].start if parts[0].start > verb.idx else None))
    return Candidate(
        content=[(q.start, q.end) for q in parts],
        cue=cue,
        source=src,
        rule=rule,
        cue_token=verb.i,
        source_token=src_tok.i if src_tok is not None else None,
        direct=True,
        antecedent=antecedent,
        quotes=list(parts),
    )


def _match_quotes(ctx: _Context) -> list[Candidate]:
    """Direct quotes: each quotation with a frame before or after it, and the quotes that continue it."""
    doc, text = ctx.doc, ctx.text
    tok_at = {t.idx: t.i for t in doc}
    # a quote's end can fall inside a token ('."' tokenised as one): map both token starts and ends
    tok_at_end = {t.idx + len(t): t.i for t in doc}
    for t in doc:
        if t.idx not in tok_at:
            tok_at[t.idx] = t.i
    out: list[Candidate] = []
    n = len(ctx.quotes)
    qi = 0
    while qi < n:
        q = ctx.quotes[qi]
        if qi in ctx.used_quotes:
            qi += 1
            continue
        # first token at or after the quote's end
        after = _next_token(doc, tok_at, q.end, text)
        verb = _frame_after(ctx, qi, {q.end: after} if after is not None else {})
        if verb is not None:
            parts = [q]
            ctx.used_quotes.add(qi)
            # '"A," he said, "B."': the quote that resumes right after the frame belongs to it
            if qi + 1 < n and _resumes(ctx, verb, ctx.quotes[qi + 1]):
                parts.append(ctx.quotes[qi + 1])
                ctx.used_quotes.add(qi + 1)
            cand = _quote_candidate(ctx, verb, parts, "quote-frame-after")
            ctx.used_cues.add(verb.i)
            out.append(cand)
            qi += 1
            continue
        verb = _frame_before(ctx, qi, tok_at_end)
        if verb is not None and (_quote_words(q, text) >= 2 or text[verb.idx :].split(None, 1)[0][-1:] in {":"}):
            ctx.used_quotes.add(qi)
            cand = _quote_candidate(ctx, verb, [q], "quote-frame-before")
            ctx.used_cues.add(verb.i)
            out.append(cand)
        qi += 1
    return out


# A dash that signs a quotation: '"..." ― Jane Doe' (reader letters, epigraphs, vox pops).
# The name ends its line, or the next signed quotation starts right after it (lines joined by the cleaner).
# Spaces include no-break spaces, which web pages put around the dash.
_SIGNATURE = re.compile(
    r"[^\S\n]*(\u2015|\u2014|\u2013|--)[^\S\n]*([^\n]{2,60}?)[^\S\n]*\.?[^\S\n]*(?=\n|$|[^\S\n]+[\"\u201c\u201d])"
)


def _match_signatures(ctx: _Context) -> list[Candidate]:
    """A quotation that ends its line with a dash and a name: '"We will win." ― Jane Doe'."""
    doc, text = ctx.doc, ctx.text
    out: list[Candidate] = []
    for qi, q in enumerate(ctx.quotes):
        if qi in ctx.used_quotes or q.open_end:
            continue
        m = _SIGNATURE.match(text, q.end)
        if m is None:
            continue
        name = doc.char_span(m.start(2), m.end(2), alignment_mode="contract")
        if name is None or not _speaker_label(name, ctx.lex) or len(name) > 6:
            continue
        ctx.used_quotes.add(qi)
        out.append(Candidate(content=[(q.start, q.end)], cue=(m.start(1), m.end(1)),
                             source=(name.start_char, name.end_char), rule="quote-signature",
                             source_token=name[-1].i, direct=True, quotes=[q]))
    return out


def _next_token(doc: Doc, tok_at: dict[int, int], pos: int, text: str) -> int | None:
    p = pos
    while p < len(text) and text[p] in " \t":
        p += 1
    if p in tok_at:
        return tok_at[p]
    # the closing mark was split off inside a token: find the token covering pos
    for k in range(pos, max(pos - 3, -1), -1):
        if k in tok_at:
            i = tok_at[k]
            while i < len(doc) and doc[i].idx < pos:
                i += 1
            return i if i < len(doc) else None
    return None


def _resumes(ctx: _Context, verb: Token, nxt: Quote) -> bool:
    """True when only the frame (and a comma) lies between the cue and the next quotation."""
    doc = ctx.doc
    gap_start = verb.right_edge.idx + len(verb.right_edge)
    if nxt.start < verb.idx or nxt.start - gap_start > 120:
        return False
    between = ctx.text[verb.idx : nxt.start]
    if "\n" in between or "." in between.replace("Mr.", "").replace("Ms.", "").replace("Mrs.", "").replace("Dr.", ""):
        return False
    span = doc.char_span(verb.idx, nxt.start, alignment_mode="expand")
    return span is not None and not any(is_cue_verb(t, ctx.lex) and t.i != verb.i for t in span)


def _match_continuations(ctx: _Context, cands: list[Candidate]) -> None:
    """A quotation with no frame that follows a quoted attribution continues it (same or next paragraph)."""
    text = ctx.text
    direct = sorted(cands, key=lambda c: c.end)
    if not direct:
        return
    di = 0
    for qi, q in enumerate(ctx.quotes):
        if qi in ctx.used_quotes or _quote_words(q, text) < MIN_QUOTE_WORDS:
            continue
        while di + 1 < len(direct) and direct[di + 1].end <= q.start:
            di += 1
        prev = direct[di]
        if prev.end > q.start:
            continue
        if not prev.direct and prev.cue_token is not None:
            # '"A," Vell said when asked about the plan. "B."': the aside on the frame does not take the quote
            sent = ctx.doc[prev.cue_token].sent
            framing = [c for c in direct[:di] if c.direct and c.cue_token is not None
                       and sent.start <= c.cue_token < sent.end]
            if framing:
                prev = framing[-1]
        gap = text[prev.end : q.start]
        if gap.count("\n") > 2 or len(gap.split()) > MAX_CONTINUATION_GAP:
            continue
        gap_span = ctx.doc.char_span(prev.end, q.start, alignment_mode="expand")
        if gap_span is not None and any(
            is_cue_verb(t, ctx.lex) and t.i not in ctx.quote_of_char and t.i != prev.cue_token
            and _main_clause_verb(t, prev.cue_token)
            for t in gap_span
        ):
            continue  # someone else speaks in between ('"A," Vell said. Pell told reporters that ...')
        if not prev.direct and gap.strip(" \t.,;"):
            continue  # indirect speech runs on into a quotation only when nothing but punctuation separates them
        if "\n" in gap and gap[gap.rfind("\n") :].strip():
            continue  # a new paragraph continues a quote only when it opens with the quotation
        if _framed_later(ctx, q):
            continue
        prev.content.append((q.start, q.end))
        prev.quotes.append(q)
        prev.rule += "+continued"
        ctx.used_quotes.add(qi)


def _main_clause_verb(t: Token, frame: int | None) -> bool:
    """Is ``t`` a verb of its own sentence's main clause, rather than an aside on the frame ('Vell said,
    claiming that ...', 'he said when asked about ...', 'said Murphy, using a term Rubio used to describe ...')?"""
    if frame is not None and t.sent.start <= frame < t.sent.end:
        return False  # in the frame's own sentence every other verb hangs on the frame
    return t.dep_ in {"ROOT", "conj", "parataxis", "ccomp"}


def _framed_later(ctx: _Context, q: Quote) -> bool:
    """'“You squeezed them” to drive up the price, she said': the quotation's own sentence goes on to a
    reporting verb of its own, so it is that verb's content, not the continuation of the previous quote."""
    doc = ctx.doc
    end = doc.char_span(q.start, q.end, alignment_mode="expand")
    if end is None or q.end >= len(ctx.text):
        return False
    sent = end[-1].sent
    return any(
        is_cue_verb(t, ctx.lex) and t.i not in ctx.quote_of_char and t.idx >= q.end
        for t in doc[end[-1].i + 1 : sent.end]
    )


def _match_block_quotes(ctx: _Context, paragraphs: Sequence[Char], block_quotes: Sequence[Char]) -> list[Candidate]:
    """A paragraph after a lead-in that ends with ':' is a quotation of the lead-in's source."""
    doc, text = ctx.doc, ctx.text
    out: list[Candidate] = []
    pairs: list[tuple[Char, Char]] = []
    if block_quotes:
        for bq in block_quotes:
            lead = max((p for p in paragraphs if p[1] <= bq[0]), default=None, key=lambda p: p[1])
            if lead is not None:
                pairs.append((lead, bq))
    else:
        for a, b in pairwise(paragraphs):
            if text[a[0] : a[1]].rstrip().endswith(":") and text[b[0] : b[1]].strip():
                pairs.append((a, b))
    for lead, body in pairs:
        colon = len(text[: lead[1]].rstrip()) - 1
        if colon < lead[0] or text[colon] != ":":
            continue
        span = doc.char_span(lead[0], colon, alignment_mode="expand")
        if span is None:
            continue
        verb = None
        for t in reversed(span):
            if is_cue_verb(t, ctx.lex) and t.i not in ctx.used_cues:
                verb = t
                break
            if t.text in {".", "!", "?"} and t.idx < colon - 1:
                break
        if verb is None:
            continue
        s, e = trim(text, body[0], body[1])
        if s >= e:
            continue
        if not block_quotes and not _introduces(text, verb, colon, s):
            continue
        src_tok, src, antecedent = source_of(verb, ctx.lex)
        ctx.used_cues.add(verb.i)
        for qi, q in enumerate(ctx.quotes):
            if s <= q.start < e:
                ctx.used_quotes.add(qi)
        out.append(
            Candidate(
                content=[(s, e)],
                cue=_with_colon(text, cue_chars(verb, ctx.lex)),
                source=src,
                rule="block-quote",
                cue_token=verb.i,
                source_token=src_tok.i if src_tok is not None else None,
                direct=True,
                antecedent=antecedent,
            )
        )
    return out


def _introduces(text: str, verb: Token, colon: int, body: int) -> bool:
    """Without the cleaner's block quotes, a paragraph after a ':' lead-in is a quotation when it opens
    with a quotation mark, when the lead-in ends on its reporting verb ("He said:", "she told them:") or
    when the verb comes before its speaker ("Says one resident of the town:");
    not a narrative paragraph after "..., Sanders pointed out the contrast:"."""
    first = text[body : body + 1]
    if first and first in QUOTE_OPENERS:
        return True
    if any(c.dep_ in SUBJECT_DEPS and c.i > verb.i for c in verb.children):
        return True  # an inverted frame: "Says one shopkeeper talking with a radio station:"
    doc = verb.doc
    j = verb.i + 1
    while j < len(doc) and doc[j].idx < colon and j - verb.i <= 3:
        j += 1
    return j - verb.i - 1 <= 2  # at most two words ("told them", "said Friday") between the verb and ':'


def _match_name_colon(ctx: _Context, paragraphs: Sequence[Char]) -> list[Candidate]:
    """'Senator Smith: We Will Fight On' (a headline or transcript line): the name says what follows."""
    doc, text = ctx.doc, ctx.text
    out = []
    named: frozenset[str] | None = None
    entity_words: frozenset[str] | None = None  # words NER tags as a name somewhere in the document
    for ps, pe in paragraphs:
        colon = text.find(":", ps, min(pe, ps + 60))
        if colon < 0 or pe - colon < 8:
            continue
        while ps < colon and text[ps] in _OPEN_MARKS:
            ps += 1  # a transcript line pasted with a stray opening mark: '"WALLACE: ...'
        name = doc.char_span(ps, colon, alignment_mode="contract")
        if name is not None and len(name) == 1 and named is None:
            named = frozenset(t.text for t in doc if t.pos_ == "PROPN" or t.ent_type_ in SPEAKER_ENTITIES)
        if name is None or not _speaker_label(name, ctx.lex, named or frozenset()):
            continue
        if not any(t.ent_type_ in SPEAKER_ENTITIES or (t.is_upper and t.is_alpha) or
                   t.lemma_.lower() in ctx.lex.speaker_documents for t in name):
            if entity_words is None:
                entity_words = frozenset(t.text for t in doc if t.ent_type_ in SPEAKER_ENTITIES)
            if not any(t.text in entity_words for t in name if not t.is_stop):
                continue  # "The Quiet Corridor: How Rifles Reached ...": a headline's first half names no speaker
        s, e = trim(text, colon + 1, pe)
        if s >= e:
            continue
        out.append(Candidate(content=[(s, e)], cue=(colon, colon + 1), source=(name.start_char, name.end_char),
                             rule="name-colon", cue_token=None, source_token=name[-1].i))
    _continue_turns(text, paragraphs, out)
    return out


MAX_TURN_PARAGRAPHS = 6


def _continue_turns(text: str, paragraphs: Sequence[Char], lines: list[Candidate]) -> None:
    """In a transcript (two or more upper-case speaker lines), a speaker's turn runs on over the
    paragraphs after the label until the next speaker, a stage direction ("(CROSSTALK)") or a heading."""
    upper = [c for c in lines if c.source is not None and text[c.source[0] : c.source[1]].isupper()]
    if len(upper) < 2:
        return
    labelled = {c.source[0] for c in lines if c.source is not None}
    starts = [p[0] for p in paragraphs]
    for c in upper:
        k = bisect_right(starts, c.content[0][0])
        for ps, pe in paragraphs[k : k + MAX_TURN_PARAGRAPHS]:
            body = text[ps:pe].strip().lstrip("\"\u201c")
            first = ps + text[ps:pe].find(body[:1]) if body else ps
            if not body or first in labelled or any(first <= x < pe for x in labelled) or body[0] in "([":
                break
            if len(body.split()) < 4 and not body.endswith((".", "?", "!")):
                break  # a heading
            c.content.append(trim(text, first, pe))
        if len(c.content) > 1:
            c.rule += "+turn"


SPEAKER_PARTS = {"PROPN", "NOUN", "ADJ", "ADP", "DET", "PUNCT", "NUM"}


def _speaker_label(name: Span, lex: Lexicon, named: frozenset[str] = frozenset()) -> bool:
    """'Senator Smith', 'JAKE TAPPER', 'Republican pollster Daron Shaw', 'Poll': a line's speaker, not a label.

    ``named``: words the document tags as names elsewhere, so a one-word label the tagger reads as a
    common noun ('Sanders:') still counts.
    """
    if not 1 <= len(name) <= 7 or name[0].lower_ in lex.label_words or not name.text[:1].isupper():
        return False
    if len(name) == 1 and (name[0].ent_type_ in SPEAKER_ENTITIES or name[0].text in named):
        return True  # 'Sanders: ...' with the name tagged as a common noun, but a name elsewhere
    if not all(t.pos_ in SPEAKER_PARTS or t.is_upper for t in name):
        return False
    if sum(t.pos_ == "PROPN" or (t.is_upper and t.is_alpha) for t in name) == 0:
        return len(name) == 1 and name[0].lemma_.lower() in lex.speaker_documents
    last = name[-1]
    return last.pos_ == "PROPN" or (last.is_upper and last.is_alpha) or last.text == "."


SPEAKER_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
_OPEN_MARKS = "\"'\u201c\u201d\u2018\u2019 \t"


def _according_cut(src_tok: Token, sent_end: int) -> int | None:
    """The first comma after the source's head, when its subtree runs on past it to the sentence's end."""
    doc = src_tok.doc
    last = sent_end - 1
    while last > src_tok.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if src_tok.right_edge.i < last:
        return None
    return next((j for j in range(src_tok.i + 1, last) if doc[j].text == ","), None)


def _match_according(ctx: _Context) -> list[Candidate]:
    """'According to X, ...' and '..., according to X.': the rest of the sentence is the content."""
    doc, text = ctx.doc, ctx.text
    out = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        if tok.i in ctx.used_cues or tok.i in ctx.quote_of_char:
            continue
        src_tok, src = _according_source(tok)
        if src is None:
            continue
        sent = sent_of(tok)
        phrase_end = max(src[1], doc[tok.i + 1].idx + 2)
        s0, e0 = trim(text, sent.start_char, sent.end_char)
        parts = []
        before = trim(text, s0, tok.idx)
        after = trim(text, phrase_end, e0)
        if before[1] > before[0] and len(text[before[0] : before[1]].split()) >= 2:
            parts.append(before)
        if after[1] > after[0] and len(text[after[0] : after[1]].split()) >= 2:
            parts.append(after)
        if not parts and src_tok is not None and (cut := _according_cut(src_tok, sent.end)) is not None:
            # "According to X, the move reeks of fear": the parser hung the clause on X as an apposition,
            # so the source ran to the end of the sentence; it ends at its first comma instead
            src = (src[0], doc[cut - 1].idx + len(doc[cut - 1].text))
            after = trim(text, doc[cut].idx + 1, e0)
            if len(text[after[0] : after[1]].split()) >= 2:
                parts.append(after)
        if not parts:
            continue
        ctx.used_cues.add(tok.i)
        out.append(
            Candidate(
                content=parts,
                cue=token_chars(doc, tok.i, tok.i + 1),
                source=src,
                rule="according-to",
                cue_token=tok.i,
                source_token=src_tok.i if src_tok is not None else None,
            )
        )
    return out


def _match_naming(ctx: _Context) -> list[Candidate]:
    """'the bill, known as the Justice Act', 'She was known as the rainmaker', 'the resort, now called Doral':
    a name given to something, which PolNeAR annotates as an attribution with no source (unless "by" names
    who gives it). The content is what is named and the name."""
    doc, text = ctx.doc, ctx.text
    naming = dict(ctx.lex.naming)
    out = []
    for tok in doc:
        prep_word = naming.get(tok.lemma_.lower())
        if tok.tag_ != "VBN" or prep_word is None or tok.i in ctx.used_cues or tok.i in ctx.quote_of_char:
            continue
        kids = list(tok.children)
        if prep_word:
            prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ == prep_word and c.i > tok.i), None)
            name = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
            last = prep
        else:
            name = next((c for c in kids if c.dep_ in {"oprd", "attr", "dobj"} and c.i > tok.i), None)
            last = tok
        if name is None or last is None:
            continue
        if tok.dep_ == "acl" and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.i < tok.i:
            head = tok.head
            named = trim(text, head.left_edge.idx, tok.left_edge.idx)
        else:
            subj = next((c for c in kids if c.dep_ == "nsubjpass" and c.i < tok.i), None)
            if subj is None:
                continue
            named = subtree_chars(subj)
        if named[1] <= named[0]:
            continue
        pobj = _agent(tok)
        start = min((c for c in kids if c.dep_ in {"auxpass", "advmod"} and c.i < tok.i), default=tok,
                    key=lambda c: c.i)
        # the name alone: not a relative clause or apposition hung on it ("the Grey Scarves, which says ...")
        hung = {"relcl", "acl", "appos", "punct", "cc", "conj"}
        end = max([name.i] + [t.i for c in name.children if c.i > name.i and c.dep_ not in hung for t in c.subtree])
        ctx.used_cues.add(tok.i)
        content = [named, token_chars(doc, name.left_edge.i, end)]
        out.append(Candidate(content=content, cue=(start.idx, last.idx + len(last)),
                             source=source_chars(pobj) if pobj is not None else None, rule="naming",
                             cue_token=tok.i, source_token=pobj.i if pobj is not None else None))
    return out


def _match_in_study(ctx: _Context) -> list[Candidate]:
    """'In a Des Moines Register poll, Cruz had a 10-point lead' and 'she got no bump in the first polls':
    the poll says what the sentence reports; so do 'his eyes' in 'immigrants are safe in his eyes'."""
    doc, text = ctx.doc, ctx.text
    out = []
    for tok in doc:
        if tok.lower_ != "in" or tok.dep_ != "prep" or tok.i in ctx.quote_of_char:
            continue
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        head = tok.head
        if head.pos_ in {"NOUN", "ADJ"} and head.dep_ in {"dobj", "attr", "acomp"} and not tok.is_sent_start:
            head = head.head  # 'no bump in the polls', 'safe in his eyes': hung on the object or adjective
        if pobj is None or head.pos_ not in {"VERB", "AUX"} or not _study(pobj, bool(tok.is_sent_start), ctx.lex):
            continue
        if is_cue_verb(head, ctx.lex) or head.i in ctx.used_cues:
            continue  # "In a statement, the ministry said ...": the statement is the medium of "said"
        sent = sent_of(tok)
        if tok.is_sent_start:
            s, e = trim(text, tok.right_edge.idx + len(tok.right_edge), sent.end_char)
        elif tok.right_edge.i + 1 < sent.end and not doc[tok.right_edge.i + 1].is_punct:
            continue  # only a phrase that closes its clause: 'X in his eyes.', 'X in one poll.'
        else:
            s, e = trim(text, head.left_edge.idx, tok.idx)
        if len(text[s:e].split()) < 3:
            continue
        ctx.used_cues.add(tok.i)
        out.append(Candidate(content=[(s, e)], cue=token_chars(doc, tok.i, tok.i), source=source_chars(pobj),
                             rule="in-study", cue_token=tok.i, source_token=pobj.i))
    return out


# 'in one of the first polls', 'in some polls': the poll is under a quantifier.
_QUANTIFIERS = {"one", "some", "many", "most", "several", "two", "three", "all", "each", "both"}


def _study(pobj: Token, opening: bool, lex: Lexicon) -> bool:
    """A finding that speaks for itself: "In a poll released Monday, ...", "in one of the first polls"."""
    lemma = pobj.lemma_.lower()
    if lemma in lex.study_nouns:
        return True
    if not opening and pobj.lower_ in lex.view_nouns and any(c.dep_ == "poss" for c in pobj.children):
        return True
    if pobj.lower_ in _QUANTIFIERS:
        of = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return inner is not None and inner.lemma_.lower() in lex.study_nouns
    return False


def _match_verbs(ctx: _Context) -> list[Candidate]:
    """Indirect (and mixed) speech: a reporting verb with a clause, infinitive or object as content."""
    doc, text, lex = ctx.doc, ctx.text, ctx.lex
    out = []
    for tok in doc:
        if tok.i in ctx.used_cues or not is_cue_verb(tok, lex) or ctx.doubted(tok.i):
            continue
        qi = ctx.quote_of_char.get(tok.i)
        if qi is not None and _quote_words(ctx.quotes[qi], text) >= MIN_QUOTE_WORDS:
            continue  # inside a quotation: a nested attribution, not the author's
        found = _content_of(tok, ctx)
        if found is None:
            continue
        parts, how, prep = found
        parts = [trim(text, *clip_paragraph(text, s, e, max(s, min(e - 1, tok.idx)))) for s, e in parts]
        parts = [p for p in parts if p[1] > p[0]]
        if not parts:
            continue
        src_tok, src, antecedent = source_of(tok, lex)
        raising = _raised_cue(tok, how, ctx)
        inner: Token | None = None
        if raising is not None:
            # "Obama seemed to recognize X", "the Times is expected to endorse X": the inner verb reports,
            # and the subject raised over "seem"/"expect" is its source
            inner, subj = raising
            found = _content_of(inner, ctx)
            if found is not None:
                parts = [p for p in (trim(text, s, e) for s, e in found[0]) if p[1] > p[0]] or parts
            src_tok, src, antecedent = subj, source_chars(subj), _antecedent(tok, subj)
            ctx.used_cues.add(inner.i)
        raised = None if inner is not None else _raised_subject(tok, how, lex)
        if raised is not None:
            # "Enthusiasm for Clinton appears to have plummeted": the author's impression of the subject
            parts = sorted([raised, *parts])
            src_tok, src, antecedent = None, None, None
        if src is None and _bare_nonfinite(tok):
            continue  # "calling it a sham", "to point out that": whose words they are is not in the parse
        cue = cue_chars(tok, lex, parts[0][0] if parts[0][0] > tok.idx else None)
        if prep is not None and prep.idx >= cue[1] and prep.idx - cue[1] <= 1:
            cue = (cue[0], prep.idx + len(prep))
        cue = _with_colon(text, cue)
        if inner is not None:
            cue = (min(cue[0], tok.idx), max(cue[1], inner.idx + len(inner)))
            how = "raised"
        ctx.used_cues.add(tok.i)
        out.append(
            Candidate(
                content=parts,
                cue=cue,
                source=src,
                rule=f"verb-{how}",
                cue_token=tok.i,
                source_token=src_tok.i if src_tok is not None else None,
                antecedent=antecedent,
            )
        )
    return out


def _raised_cue(verb: Token, how: str, ctx: _Context) -> tuple[Token, Token] | None:
    """(reporting infinitive, raised subject) under a raising verb: "seemed to recognize", "is expected to
    endorse", when the subject is there to be the infinitive's source. The verbs are the lexicon's raising
    verbs (flagged ``raising``) and, in the passive, its raising passives."""
    if how != "xcomp":
        return None
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children)
    if not (lemma in ctx.lex.raising_verbs or (passive and lemma in ctx.lex.raising_passives)):
        return None
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and c.i < verb.i
                 and c.lower_ not in EXPLETIVES), None)
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if subj is None or xcomp is None or xcomp.i in ctx.used_cues:
        return None
    likely = ctx.cue_prob is not None and float(ctx.cue_prob[xcomp.i]) >= 0.5
    return (xcomp, subj) if is_cue_verb(xcomp, ctx.lex) or likely else None


def _raised_subject(verb: Token, how: str, lex: Lexicon) -> Char | None:
    """The subject of "X seems/appears to ...", which is part of what seems so, not who says it.

    Not when the infinitive reports speech itself ("She appeared to imply that ...").
    """
    if how != "xcomp" or verb.lemma_.lower() not in lex.raising_verbs:
        return None
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if xcomp is None or is_cue_verb(xcomp, lex):
        return None
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i), None)
    if subj is None or subj.lower_ in EXPLETIVES:
        return None
    return trim(doc_text(verb.doc), *subtree_chars(subj))


def _bare_nonfinite(verb: Token) -> bool:
    """A participle or infinitive with no subject and no passive auxiliary ("is expected" keeps its place)."""
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return False
    if verb.tag_ == "VBG":
        return True
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _match_nouns(ctx: _Context) -> list[Candidate]:
    """'the claim that ...', 'reports emerged that ...', 'his view that ...'."""
    doc, text, lex = ctx.doc, ctx.text, ctx.lex
    out = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.nouns or tok.i in ctx.quote_of_char:
            continue
        clause = None
        for child in tok.children:
            if child.dep_ in {"acl", "ccomp", "appos"} and child.i > tok.i and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in child.children
            ):
                clause = child
                break
        cue_tok = tok
        if clause is None and tok.dep_ in SUBJECT_DEPS and not is_cue_verb(tok.head, lex):
            # "reports emerged that ...": the noun is the source, the verb the cue
            for child in tok.head.children:
                if child.dep_ in {"ccomp", "advcl"} and _marked_that(child):
                    clause = child
                    cue_tok = tok.head
                    break
            if clause is None or cue_tok.i in ctx.used_cues or ctx.doubted(cue_tok.i):
                continue  # the verb is the cue here, so it is the verb the model may doubt
            s, e = trim(text, *subtree_chars(clause, _other_report(clause, lex)))
            ctx.used_cues.add(cue_tok.i)
            out.append(Candidate(content=[(s, e)], cue=cue_chars(cue_tok, lex), source=source_chars(tok),
                                 rule="noun-subject", cue_token=cue_tok.i, source_token=tok.i))
            continue
        if clause is None or tok.i in ctx.used_cues or ctx.doubted(tok.i):
            continue
        src_tok = None
        src = None
        for child in tok.children:
            if child.dep_ == "poss":
                src_tok = child
                s, e = subtree_chars(child)
                src = trim(text, s, e)
        if src is None:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in {"by", "from", "of", "among"} and child.i < clause.i:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            src_tok, src = pobj, source_chars(pobj)
        cue = token_chars(doc, tok.i, tok.i)
        ante = None
        verb = tok.head
        if src is None and tok.dep_ == "dobj" and verb.lemma_.lower() in lex.light_verbs and verb.i < tok.i:
            # "which left little doubt that ...", "she made the claim that ...": the verb's subject says it
            src_tok, src, ante = source_of(verb, lex)
            if src is not None and tok.i - verb.i <= 4:
                cue = token_chars(doc, verb.i, tok.i)
        s, e = trim(text, *subtree_chars(clause, _other_report(clause, lex)))
        ctx.used_cues.add(tok.i)
        out.append(Candidate(content=[(s, e)], cue=cue, source=src, rule="noun-that", cue_token=tok.i,
                             source_token=src_tok.i if src_tok is not None else None, antecedent=ante))
    return out


# Prepositions that introduce what a stance adjective is about: "critical of", "worried about", "eager for".
STANCE_PREPS = {"of", "about", "with", "on", "for", "to", "over", "toward", "towards", "at", "in"}


def _match_adjectives(ctx: _Context) -> list[Candidate]:
    """'X is confident that ...', 'X has been critical of Y', 'X was eager to ...', 'X is a supporter of Y':
    a stance adjective or noun after "be" with a named subject (never an expletive: "It is clear that" is
    the author's own claim)."""
    doc, text, lex = ctx.doc, ctx.text, ctx.lex
    out = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        adjective = tok.dep_ == "acomp" and tok.pos_ == "ADJ" and lemma in lex.adjectives
        if not adjective and not (tok.dep_ == "attr" and tok.pos_ == "NOUN" and lemma in lex.stance_nouns):
            continue
        verb = tok.head
        if verb.lemma_ != "be" or verb.i in ctx.used_cues or tok.i in ctx.quote_of_char:
            continue
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
        if subj is None or subj.lower_ in EXPLETIVES or subj.lower_ in {"this", "that", "what"}:
            continue
        found = _adjective_content(tok, verb, lex) if adjective else _stance_noun_content(tok)
        if found is None:
            continue
        (s, e), prep = found
        s, e = trim(text, *clip_paragraph(text, s, e, tok.idx))
        if e <= s:
            continue
        src_tok, src, antecedent = source_of(verb, lex)
        cue_end = prep if prep is not None else tok
        cue = (cue_chars(verb, lex)[0], cue_end.idx + len(cue_end))
        ctx.used_cues.update({verb.i, tok.i})
        out.append(Candidate(content=[(s, e)], cue=cue, source=src, rule="copula-adjective", cue_token=tok.i,
                             source_token=src_tok.i if src_tok is not None else None, antecedent=antecedent))
    return out


def _match_light_verbs(ctx: _Context) -> list[Candidate]:
    """'X took issue with Y', 'X has no idea who ...', 'X made the case for Y', 'X made it clear that ...':
    a light verb whose object says what stance its subject takes, on the object's complement."""
    doc, text, lex = ctx.doc, ctx.text, ctx.lex
    out = []
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in lex.light_verbs or verb.i in ctx.used_cues:
            continue
        if verb.i in ctx.quote_of_char or not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            continue
        found = _light_verb_content(verb, lex)
        if found is None:
            continue
        (s, e), last = found
        s, e = trim(text, *clip_paragraph(text, s, e, verb.idx))
        if e <= s or last.i in ctx.used_cues:
            continue
        src_tok, src, antecedent = source_of(verb, lex)
        if src is None:
            continue
        ctx.used_cues.update({verb.i, last.i})
        out.append(Candidate(content=[(s, e)], cue=(cue_chars(verb, lex)[0], last.idx + len(last)), source=src,
                             rule="light-verb", cue_token=verb.i, antecedent=antecedent,
                             source_token=src_tok.i if src_tok is not None else None))
    return out


def _light_verb_content(verb: Token, lex: Lexicon) -> tuple[Char, Token] | None:
    """(content, last word of the cue) for a light verb and its stance object, else None."""
    kids = list(verb.children)
    # "made it clear that ...", "made clear that ..."
    if verb.lemma_.lower() == "make" and any(c.lemma_.lower() == "clear" for c in kids):
        clear = next(c for c in kids if c.lemma_.lower() == "clear")
        clause = next((c for c in (*kids, *clear.children) if c.i > clear.i and (
            c.dep_ == "ccomp" or (c.dep_ == "advcl" and _marked_that(c)))), None)
        return (subtree_chars(clause), clear) if clause is not None else None
    obj = next((c for c in kids if c.dep_ == "dobj" and c.lemma_.lower() in lex.stance_objects), None)
    if obj is None:
        return None
    for c in obj.children:  # "plans to address X", "no idea who ...", "the case that ..."
        if c.i > obj.i and c.dep_ in {"acl", "relcl", "ccomp"} and c.pos_ in {"VERB", "AUX"}:
            return subtree_chars(c), obj
    # "issue with Y", "took a shot at Y"
    found = _prep_object((*obj.children, *[k for k in kids if k.i > obj.i]), STANCE_PREPS | {"against", "for"}, obj.i)
    if found is not None:
        return found
    clause = next((c for c in kids if c.dep_ == "ccomp" and c.i > obj.i), None)
    return (subtree_chars(clause), obj) if clause is not None else None


def _stance_noun_content(noun: Token) -> tuple[Char, Token | None] | None:
    """'a longtime supporter of Y': the "of" object."""
    return _prep_object(noun.children, {"of"}, -1)


def _adjective_content(adj: Token, verb: Token, lex: Lexicon) -> tuple[Char, Token | None] | None:
    """What a stance adjective is about: its that-clause or infinitive (none after "sure", "certain": see the
    "raising-adjective" class of attribution_word_classes.tsv), else its prepositional object."""
    for c in (*adj.children, *verb.children):
        if c.i < adj.i:
            continue
        if c.dep_ == "ccomp" or (c.dep_ == "advcl" and _marked_that(c)):
            return subtree_chars(c), None
        if c.dep_ == "xcomp" and adj.lemma_.lower() not in lex.raising_adjectives:
            return subtree_chars(c), None
    return _prep_object(adj.children, STANCE_PREPS, adj.i)


def _prep_object(
    candidates: Iterable[Token], preps: Collection[str], after: int
) -> tuple[Char, Token] | None:
    """(the object's span, the preposition) of the first of ``candidates`` after token ``after`` that is one of
    ``preps`` with an object: 'critical of Y', 'took issue with Y'."""
    for c in candidates:
        if c.dep_ == "prep" and c.i > after and c.lower_ in preps:
            obj = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
            if obj is not None:
                return subtree_chars(obj), c
    return None


def _extend_over_quotes(ctx: _Context, cand: Candidate) -> None:
    """Content that cuts a quotation in two takes all of it (a quote is said whole)."""
    new = []
    starts, by_start = ctx.quotes_by_start
    ends, by_end = ctx.quotes_by_end
    for s, e in cand.content:
        # a quote opening at most 2 characters before s, one closing at most 2 after e
        for q in by_start[bisect_left(starts, s - 2) : bisect_left(starts, s)]:
            if s < q.end:
                s = q.start
                break
        for q in by_end[bisect_right(ends, e) : bisect_right(ends, e + 2)]:
            if q.start < e:
                e = q.end
                break
        new.append((s, e))
    cand.content = new


def _drop_nested(cands: list[Candidate]) -> list[Candidate]:
    """Only the outermost attribution counts: drop those whose cue lies inside another's content."""
    spans = sorted(((s, e, id(c)) for c in cands for s, e in c.content), key=lambda x: x[0])
    starts = [s for s, _, _ in spans]
    reach = list(accumulate((e for _, e, _ in spans), max))  # the furthest end among spans[:k+1]
    out = []
    for c in cands:
        if c.cue is None:
            out.append(c)
            continue
        cs = c.cue[0]
        inside = False
        k = bisect_right(starts, cs) - 1  # spans that start at or before the cue, latest first
        while k >= 0 and reach[k] > cs and not inside:
            s, e, owner = spans[k]
            inside = s <= cs < e and owner != id(c)
            k -= 1
        if not inside:
            out.append(c)
    return out


def match(
    doc: Doc,
    paragraphs: Sequence[Char] = (),
    block_quotes: Sequence[Char] = (),
    lexicon: Lexicon | None = None,
    model: AttributionModel | None = None,
) -> list[Candidate]:
    """Every attribution candidate in ``doc``, in text order. Pure: reads the parse, writes nothing.

    With ``model`` (the trained scorers) the rules skip reporting words the model doubts, the model adds
    cues the lexicon lacks, and cue spans take the extent PolNeAR annotators give them.
    """
    text = doc_text(doc)
    lex = lexicon or load_lexicon()
    quotes = doc_quotes(doc)
    ctx = _Context(doc=doc, text=text, lex=lex, quotes=quotes, quote_of_char=_quote_index(doc, quotes))
    if model is not None:
        from claimgraph.extract.attr_learned import head_probs  # it builds on this module

        in_quote = _in_quote_array(ctx)
        ctx.cue_prob = head_probs(doc, model, in_quote, lex)
        ctx.keep_threshold = model.keep_threshold
    if not paragraphs:
        paragraphs = _lines(text)
    # 1. block quotes: a paragraph introduced by a lead-in ending in ':'
    cands = _match_block_quotes(ctx, paragraphs, block_quotes)
    # 2. direct quotes with their frame, then the quotes that continue them
    cands += _match_quotes(ctx)
    cands += _match_signatures(ctx)
    cands += _match_name_colon(ctx, paragraphs)
    # 3. "according to X", "In a poll released Monday, ..."
    cands += _match_according(ctx)
    cands += _match_in_study(ctx)
    # 4. reporting verbs with indirect content
    verbs = _match_verbs(ctx)
    for c in verbs:
        _extend_over_quotes(ctx, c)
    cands += verbs
    _match_continuations(ctx, cands)
    # 5. reporting nouns, and stance adjectives after "be"
    cands += _match_nouns(ctx)
    cands += _match_adjectives(ctx)
    cands += _match_light_verbs(ctx)
    cands += _match_naming(ctx)
    # 6. the trained scorers: the cues the lexicon lacks, and every cue's extent
    if model is not None:
        cands = _apply_model(ctx, cands, model)
    cands = _drop_nested(cands)
    for c in cands:
        _source_outside_content(doc, c)
    cands.sort(key=lambda c: (c.start, c.end))
    return cands


def _source_outside_content(doc: Doc, cand: Candidate) -> None:
    """A source and its content never overlap. 'what Trump says his plan would do': the content that
    took in its own frame starts after the cue. '"That is fair," Quell, 69, told ...' parsed with the
    quote inside the subject: the source keeps the side of the content that holds its head word."""
    if cand.source is None:
        return
    text = doc_text(doc)
    s, e = cand.source
    parts = []
    for cs, ce in cand.content:
        if s < ce and cs < e and cand.cue is not None and cs <= s and cand.cue[1] < ce and e <= cand.cue[0]:
            cs, ce = trim(text, cand.cue[1], ce)
        parts.append((cs, ce))
    if all(ce > cs for cs, ce in parts):
        cand.content = parts
    at = doc[cand.source_token].idx if cand.source_token is not None else s
    for cs, ce in cand.content:
        if s < ce and cs < e:
            s, e = (max(s, ce), e) if at >= ce else (s, min(e, cs))
            if e > s:
                s, e = trim(text, s, e)
    if (s, e) != cand.source:
        cand.source = (s, e) if e > s else None
        if cand.source is None:
            cand.source_token = None


def _lines(text: str) -> list[Char]:
    out = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            if text[start:i].strip():
                out.append((start, i))
            start = i + 1
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _in_quote_array(ctx: _Context) -> np.ndarray:
    out = np.zeros(len(ctx.doc), dtype=np.int64)
    for i, qi in ctx.quote_of_char.items():
        out[i] = 2 if _quote_words(ctx.quotes[qi], ctx.text) >= MIN_QUOTE_WORDS else 1
    return out


def _apply_model(ctx: _Context, cands: list[Candidate], model: AttributionModel) -> list[Candidate]:
    """Add the model's cues the rules did not use, then re-draw every cue's extent."""
    from claimgraph.extract.attr_learned import NO_HEAD_POS, learned_candidate, respan_cue  # builds on this module

    doc, text = ctx.doc, ctx.text
    assert ctx.cue_prob is not None
    quote_toks = set(ctx.quote_of_char)
    for c in cands:
        respan_cue(doc, c, model, quote_toks)
    taken = {i for c in cands for s, e in c.content for i in _token_range(doc, s, e)}
    for i in [int(i) for i in (ctx.cue_prob >= model.head_threshold).nonzero()[0]]:
        tok = doc[i]
        if i in ctx.used_cues or i in taken or tok.pos_ in NO_HEAD_POS:
            continue
        lemma = tok.lemma_.lower()
        if lemma not in ctx.lex.verbs and lemma not in ctx.lex.nouns and ctx.cue_prob[i] < model.novel_threshold:
            continue
        qi = ctx.quote_of_char.get(i)
        if qi is not None and _quote_words(ctx.quotes[qi], text) >= MIN_QUOTE_WORDS:
            continue
        cand = learned_candidate(tok, model, ctx.lex, ctx.quote_of_char, frozenset(taken | ctx.used_cues))
        if cand is None:
            continue
        content = {j for s, e in cand.content for j in _token_range(doc, s, e)}
        if content & (taken | ctx.used_cues):
            continue  # it would swallow another attribution: the rules' reading stands
        ctx.used_cues.add(i)
        taken |= content
        cands.append(cand)
    return cands


def _token_range(doc: Doc, start: int, end: int) -> range:
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)
