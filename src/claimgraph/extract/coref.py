"""Source resolution: what a pronoun, a surname, "the latter" or "the memo" stands for.

No coreference library works offline, so these are a few rules that cover the sources of news
attributions. Every look-back is bounded (``MAX_LOOKBACK`` tokens), so resolving all sources of a
document stays linear in its length.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from claimgraph.extract.actor_lexicons import actor_lexicons
from claimgraph.extract.attr_quotes import doc_quotes
from claimgraph.extract.source_kinds import PERSON_NOUNS, can_speak, word_list
from claimgraph.nlp.doccache import doc_text
from claimgraph.records import Entity

Char = tuple[int, int]

# How far back (tokens) an antecedent is looked for: about three or four news sentences.
MAX_LOOKBACK = 200
# "the memo" may point a few paragraphs back.
MAX_LOOKBACK_DOCUMENT = 1500

FIRM_NOUNS = frozenset({"company", "firm"})  # "the company" may stand for "Talvik Arms Trading"
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
MALE = {"he", "him", "his"}
FEMALE = {"she", "her", "hers"}
PLURAL_PRONOUNS = {"they", "them", "their"}
DOCUMENT_NOUNS = {
    "memo", "report", "document", "letter", "study", "lawsuit", "suit", "complaint", "agreement", "deal",
    "statement", "cable", "email", "survey", "poll", "filing", "indictment", "ruling", "order", "investigation",
    "assessment", "paper", "book", "article", "analysis", "review", "audit", "leak", "video", "recording",
}
# Roles and bodies that speak for an institution: "the panel" refers back to "a UN panel of experts".
SPEAKING_FOR = ("source_role_nouns.txt", "source_body_nouns.txt")


@lru_cache(maxsize=1)
def _speaking_for() -> frozenset[str]:
    """The words of SPEAKING_FOR's lists, read once."""
    return frozenset(w for n in SPEAKING_FOR for w in word_list(n).words)


FEMALE_TITLES = {"mrs.", "ms.", "miss", "mrs", "ms", "madam", "queen", "lady"}
MALE_TITLES = {"mr.", "mr", "sir", "king", "lord"}


@dataclass(frozen=True, slots=True)
class Resolution:
    antecedent: Char | None
    entity: str | None


class SourceResolver:
    """Resolves source phrases of one document; build once per document."""

    def __init__(self, doc: Doc, entities: Sequence[Entity]) -> None:
        self.doc = doc
        self._tok_starts = [t.idx for t in doc]
        mentions = sorted(
            (m.start, m.end, e.id, e.type) for e in entities for m in e.mentions
        )
        self._starts = [m[0] for m in mentions]
        self._mentions = mentions
        self._persons = [m for m in mentions if m[3] == "PERSON"]
        self._types = {e.id: e.type for e in entities}
        self._quotes = [(q.start, q.end) for q in doc_quotes(doc)]
        self._quote_starts = [q[0] for q in self._quotes]
        self._person_starts = [m[0] for m in self._persons]
        # tokens inside a PERSON actor's mention: NER may have missed the name where it stands ("Ashdel denied")
        self._person_token_starts = {t.idx for s, e, _, _ in self._persons for t in _tokens_in(doc, s, e)}

    # ---------------------------------------------------------------- entity lookup

    def entity_at(self, start: int, end: int, head: int | None = None) -> str | None:
        """The entity with a mention covering ``head`` (default: the phrase's last character) in ``[start, end)``."""
        anchor = head if head is not None else end - 1
        i = bisect.bisect_right(self._starts, anchor) - 1
        while i >= 0 and self._mentions[i][0] >= start - 200:
            ms, me, eid, _ = self._mentions[i]
            if ms <= anchor < me and me > start:
                return eid
            i -= 1
        return None

    # ---------------------------------------------------------------- resolution

    def resolve(self, source: Char, head: Token | None, antecedent: Char | None = None) -> Resolution:
        """The antecedent of ``source`` (None when it names itself) and the entity it points at."""
        doc = self.doc
        text = doc_text(doc)
        words = text[source[0] : source[1]].lower().split()
        ante: Char | None = antecedent
        if ante is None and words:
            if len(words) == 1 and words[0] in PERSON_PRONOUNS:
                ante = self._person_before(source[0], words[0])
                if ante is not None:
                    ante = self._definite_before(ante) or ante
            elif len(words) == 2 and words[0] == "the" and words[1] in PERSON_NOUNS:
                ante = self._definite_before(source)
            elif len(words) == 1 and words[0] in PLURAL_PRONOUNS:
                ante = self._plural_before(source[0])
            elif words == ["it"]:
                ante = self._thing_before(source[0])
            elif words in (["the", "latter"], ["the", "former"]):
                ante = self._latter_former(source[0], words[1] == "latter")
            elif len(words) == 2 and words[0] in {"the", "this", "that"} and words[1] in DOCUMENT_NOUNS:
                ante = self._document_before(source[0], words[1])
            elif head is not None and head.ent_type_ == "PERSON" and len(words) <= 2:
                ante = self._full_name_before(source, words[-1])
            elif len(words) == 2 and words[0] == "the":
                ante = self._organisation_before(source[0], words[1])  # "the fund" -> "the Ilvanian ... Fund"
                if ante is None and head is not None and any(word_list(n).has_token(head) for n in SPEAKING_FOR):
                    ante = self._definite_before(source)  # "the panel" -> "a United Nations panel of experts"
            elif head is not None and len(words) == 1 and head.pos_ in {"PROPN", "NOUN"} and \
                    self._types.get(self.entity_at(source[0], source[1]) or "") in SURNAME_TYPES:
                # a transcript's "VOSS:" -> "Mira Voss"; a bare surname NER took for a group ("Prentiss" as NORP)
                ante = self._full_name_before(source, words[0])
        if ante is not None:
            entity = self.entity_at(ante[0], ante[1], self._head_of(ante))
        else:
            entity = self.entity_at(source[0], source[1], head.idx if head is not None else None)
        return Resolution(ante, entity)

    def _head_of(self, span: Char) -> int:
        """The syntactic head of a character span (the token whose head lies outside it)."""
        doc = self.doc
        i = bisect.bisect_left(self._tok_starts, span[0])
        j = bisect.bisect_left(self._tok_starts, span[1])
        for k in range(i, min(j, len(doc))):
            h = doc[k].head
            if h.i == k or not (span[0] <= h.idx < span[1]):
                return doc[k].idx
        return span[1] - 1

    def _tokens_before(self, pos: int, limit: int = MAX_LOOKBACK) -> list[Token]:
        doc = self.doc
        end = bisect.bisect_left(self._tok_starts, pos)  # tokens [0, end) start before pos
        return [doc[i] for i in range(end - 1, max(-1, end - 1 - limit), -1)]

    def _in_quote(self, tok: Token) -> bool:
        k = bisect.bisect_right(self._quote_starts, tok.idx) - 1
        return k >= 0 and tok.idx < self._quotes[k][1]

    def _person_before(self, pos: int, pronoun: str) -> Char | None:
        person_org: Char | None = None  # "Blais had little to show for it ... she said" with Blais typed ORG
        for tok in self._tokens_before(pos):
            if person_org is None and tok.dep_ in {"nsubj", "nsubjpass", "poss"}:
                person_org = self._person_named_org(tok)
            # not "attr": in "The man was a member of X" the member is what the man is, not someone new
            if tok.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"}:
                continue
            if self._in_quote(tok):
                continue  # '"No official of this ministry sent …," she said': "she" is not who the quote names
            if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.dep_ == "ccomp" and \
                    any(c.dep_ in {"nsubj", "nsubjpass"} and c.i < tok.i for c in tok.head.head.children):
                continue  # "Fisher said Trump will do well. '…,' she said": the speaker goes on, not whom she spoke of
            if tok.tag_ in {"NNS", "NNPS"}:
                continue
            if tok.dep_ == "appos" and (tok.head.ent_type_ == "PERSON" or tok.head.idx in self._person_token_starts):
                continue  # "X, the brigade's commander, denied …; he told": the name before, not its description
            if tok.ent_type_ == "PERSON":
                if not self._gender_ok(tok, pronoun) or self._not_a_person_actor(tok):
                    continue  # "told Continental Wire": the model's PERSON is an actor of another type
                return self._name_span(tok)
            if tok.idx in self._person_token_starts and tok.pos_ == "PROPN":
                if not self._gender_ok(tok, pronoun):
                    continue
                return self._mention_at(tok.idx)
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in PERSON_NOUNS:
                return _np_chars(tok)
            if tok.lower_ == "one" and tok.dep_ in {"nsubj", "nsubjpass"} and _one_of_people(tok):
                return _np_chars(tok)  # "One of them, who asked not to be named, said …; he said"
        return person_org

    def _person_named_org(self, tok: Token) -> Char | None:
        """A one-word, Title Case organisation acting as a subject or owner: the small model's usual way of
        mistyping a person known by surname alone. A person pronoun falls back on it when no person is near."""
        if tok.pos_ != "PROPN" or not tok.text.istitle() or len(tok.text) <= 2 or self._in_quote(tok):
            return None
        span = (tok.idx, tok.idx + len(tok))
        i = bisect.bisect_right(self._starts, tok.idx) - 1
        while i >= 0 and self._mentions[i][0] >= tok.idx - 200:
            ms, me, _, typ = self._mentions[i]
            if ms <= tok.idx < me:
                return span if (ms, me) == span and typ == "ORG" else None
            i -= 1
        return None

    def _type_at(self, tok: Token) -> str | None:
        """The type of the actor a mention of which covers ``tok``, if any."""
        eid = self.entity_at(tok.idx, tok.idx + len(tok), tok.idx)
        return self._types.get(eid) if eid is not None else None

    def _not_a_person_actor(self, tok: Token) -> bool:
        return self._type_at(tok) not in (None, "PERSON")

    def _definite_before(self, span: Char) -> Char | None:
        """'The man' -> the nearest earlier noun phrase with the same head noun ('an Iraqi man from Zawia');
        so too a role or a body that speaks for an institution ('the panel' -> 'a UN panel of experts')."""
        text = doc_text(self.doc)
        words = text[span[0] : span[1]].lower().split()
        if len(words) != 2 or words[0] != "the" or (words[1] not in PERSON_NOUNS and words[1] not in _speaking_for()):
            return None
        for tok in self._tokens_before(span[0]):
            if tok.lower_ == words[1] and tok.pos_ == "NOUN" and tok.dep_ != "attr":
                found = _np_chars(tok)
                if text[found[0] : found[1]].lower().split()[:1] != ["the"]:
                    return found
        return None

    def _mention_at(self, pos: int) -> Char:
        i = bisect.bisect_right(self._person_starts, pos) - 1
        while i >= 0:
            s, e, _, _ = self._persons[i]
            if s <= pos < e:
                return (s, e)
            i -= 1
        return (pos, pos + 1)

    def _organisation_before(self, pos: int, noun: str) -> Char | None:
        """'the fund' -> the nearest earlier organisation whose name ends with that noun; 'the company' or
        'the firm' also -> one whose name ends in a company word ("Talvik Arms Trading")."""
        text = doc_text(self.doc)
        firm_words = actor_lexicons().company_words if noun in FIRM_NOUNS else frozenset()
        i = bisect.bisect_left(self._starts, pos) - 1
        steps = 0
        while i >= 0 and steps < 200:
            s, e, _, typ = self._mentions[i]
            words = text[s:e].split()
            if typ in ORGANISATION_TYPES and len(words) >= 2 and (words[-1].lower() == noun or words[-1] in firm_words):
                return (s, e)
            i -= 1
            steps += 1
        return None

    def _gender_ok(self, tok: Token, pronoun: str) -> bool:
        left = tok.doc[max(0, tok.i - 3) : tok.i]
        titles = {t.lower_ for t in left}
        if pronoun in MALE and titles & FEMALE_TITLES:
            return False
        return not (pronoun in FEMALE and titles & MALE_TITLES)

    def _plural_before(self, pos: int) -> Char | None:
        for tok in self._tokens_before(pos):
            if tok.dep_ not in {"nsubj", "nsubjpass"} and not _according_to(tok):
                continue  # "X shipped arms, according to three officials. The shipment, they said": the officials
            if (tok.tag_ in {"NNS", "NNPS"} or tok.ent_type_ in {"ORG", "NORP", "GPE"}) and can_speak(tok):
                return _np_chars(tok)  # "the rifles were sold ... Fenn, they said": not the rifles
        return None

    def _latter_former(self, pos: int, latter: bool) -> Char | None:
        pair = self._named_pair_before(pos)
        if pair is not None:
            return pair[1] if latter else pair[0]
        seen: list[Char] = []
        names: list[str] = []
        i = bisect.bisect_left(self._person_starts, pos) - 1
        text = doc_text(self.doc)
        while i >= 0 and len(seen) < 2:
            s, e, _, _ = self._persons[i]
            name = text[s:e].split()[-1].lower()
            if name not in names:
                names.append(name)
                seen.append((s, e))
            i -= 1
        if len(seen) < 2:
            return None
        # seen[0] is the most recent (the latter), seen[1] the one before (the former)
        found = seen[0] if latter else seen[1]
        return self._fullest(found)

    def _named_pair_before(self, pos: int) -> tuple[Char, Char] | None:
        """'Wilde and Ferrow did not attend; the latter ...': two names joined by "and" just before stand for the
        former and the latter, whatever type NER gave each. Only when no person is named after the pair."""
        i = bisect.bisect_left(self._person_starts, pos) - 1
        last_person = self._persons[i][0] if i >= 0 else -1
        for tok in self._tokens_before(pos, MAX_LOOKBACK // 2):
            if tok.idx < last_person and not (last_person < tok.idx + len(tok)):
                return None
            if tok.dep_ == "conj" and tok.pos_ == "PROPN" and tok.head.pos_ == "PROPN" and tok.head.i < tok.i \
                    and not self._in_quote(tok):
                return _proper_name_chars(tok.head), _proper_name_chars(tok)
        return None

    def _fullest(self, mention: Char) -> Char:
        """A surname mention stands for the nearest preceding full name ending with it."""
        text = doc_text(self.doc)
        words = text[mention[0] : mention[1]].split()
        if len(words) >= 2:
            return mention
        better = self._full_name_before(mention, words[-1].lower())
        return better or mention

    def _full_name_before(self, source: Char, surname: str) -> Char | None:
        """'Gordon' -> the most recently mentioned multi-word PERSON name ending in 'Gordon'."""
        text = doc_text(self.doc)
        surname = surname.strip(".,").lower()
        i = bisect.bisect_left(self._person_starts, source[0]) - 1
        steps = 0
        while i >= 0 and steps < 400:
            s, e, _, _ = self._persons[i]
            words = text[s:e].lower().split()
            if len(words) >= 2 and words[-1].strip("’'s") == surname.strip("’'s"):
                return (s, e)
            i -= 1
            steps += 1
        return None

    def _thing_before(self, pos: int) -> Char | None:
        """'The report ... found that ... It said ...': the nearest subject before that can speak and is no
        person: a document, or a named organisation."""
        for tok in self._tokens_before(pos):
            if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.tag_ in {"NNS", "NNPS"} or self._in_quote(tok):
                continue
            if tok.pos_ == "PRON" or tok.ent_type_ == "PERSON":
                continue
            if tok.lemma_.lower() in DOCUMENT_NOUNS or self._type_at(tok) in ORGANISATION_TYPES:
                return _np_chars(tok)
            return None  # the nearest subject is something else: "it" is not resolved from afar
        return None

    def _document_before(self, pos: int, noun: str) -> Char | None:
        for tok in self._tokens_before(pos, MAX_LOOKBACK_DOCUMENT):
            if tok.lemma_.lower() == noun and tok.pos_ == "NOUN":
                left = [c for c in tok.lefts]
                if left and left[0].lower_ == "the" and len(left) == 1:
                    continue  # another bare "the memo": keep looking for the one that names it
                return _np_chars(tok)
        return None

    def _name_span(self, tok: Token) -> Char:
        doc = self.doc
        i = tok.i
        while i - 1 >= 0 and doc[i - 1].ent_type_ == "PERSON" and doc[i - 1].ent_iob_ != "O":
            if doc[i].ent_iob_ == "B":
                break
            i -= 1
        j = tok.i
        while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I":
            j += 1
        return doc[i].idx, doc[j].idx + len(doc[j])


ORGANISATION_TYPES = {"ORG", "MEDIA"}
# What a lone surname may have been taken for (None: no entity at all) and still stand for a full name before it.
SURNAME_TYPES = {None, "NORP", "PERSON"}


def _according_to(tok: Token) -> bool:
    """The source of "according to X": a speaker, like a subject of "said"."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


def _one_of_people(tok: Token) -> bool:
    """ "one of them", "one of the fighters": one person of a group of people."""
    for of in tok.children:
        if of.dep_ == "prep" and of.lower_ == "of":
            for g in of.children:
                if g.dep_ == "pobj" and (g.lower_ in ("them", "us") or g.lemma_.lower() in PERSON_NOUNS):
                    return True
    return False


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _proper_name_chars(tok: Token) -> Char:
    """A name with the proper-noun compounds before it: "Gideon Hale" from "Hale"."""
    doc = tok.doc
    i = tok.i
    while i > 0 and doc[i - 1].dep_ == "compound" and doc[i - 1].pos_ == "PROPN" and doc[i - 1].head.i >= i:
        i -= 1
    return doc[i].idx, tok.idx + len(tok)


def _np_chars(tok: Token) -> Char:
    """The noun phrase ``tok`` heads, up to the head and its right-hand nominal modifiers."""
    doc = tok.doc
    right = tok.i
    for child in tok.rights:
        if child.dep_ in {"prep", "compound", "appos", "nummod"} and child.dep_ != "punct":
            right = max(right, child.right_edge.i)
        else:
            break
    left = tok.left_edge.i
    return doc[left].idx, doc[right].idx + len(doc[right])
