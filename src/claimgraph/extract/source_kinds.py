"""Source kinds: media, document, organization, named_person, anonymous, government, author.

The kind is read from the source phrase's parse, in this order: the writer's own "I"/"we";
a pronoun (its resolved entity decides); markers of anonymity ("unnamed", "on condition of
anonymity"); a name in apposition to a person noun ("his deputy, NAME,"); head nouns that
name nobody ("one resident", "a member of X", "sources"); a PERSON head; an outlet (name
lexicon, *emphasised* title, "newspaper"); a document head ("the memo", "the lawsuit"); a
role or body that speaks for an institution ("a Pentagon spokesman", "a UN panel of
experts"); government words and places speaking as states ("Washington"); other
organisations; and last the entity the attribution extractor resolved the source to.
The word lists are data files in ``claimgraph/lexicons/source_*.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimgraph.lexicons import read_lines
from claimgraph.nlp.doccache import doc_text, ent_of, sent_of
from claimgraph.records import Document, Entity, SourceKind

_WORD = re.compile(r"\w+", re.UNICODE)
# Determiners and possessors that make a vague noun specific: "the report" is a document,
# "reports" (no determiner) or "some reports" point at nobody.
_SPECIFIC_DETS = frozenset({"the", "this", "that", "these", "those"})
# Words that stand for an antecedent, like pronouns: "the latter explained".
_PRONOUN_LIKE = frozenset({"latter", "former"})
# Pronouns that only ever stand for a person: their antecedent is a named person or nobody.
_PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers"})
_RELATIVE = frozenset({"who", "whom", "whose", "which", "that"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})  # entity labels of places: "who" never stands for one
# Nouns that name a person (or a group of people when plural) in news prose (coref and the actor
# rules read them too).
PERSON_NOUNS = {
    "man", "woman", "resident", "official", "spokesman", "spokeswoman", "spokesperson", "member", "source",
    "fighter", "soldier", "officer", "witness", "expert", "analyst", "journalist", "reporter", "correspondent",
    "author", "academic", "professor", "lawyer", "attorney", "judge", "minister", "president", "senator",
    "lawmaker", "politician", "leader", "commander", "aide", "adviser", "advisor", "diplomat", "activist",
    "researcher", "investigator", "executive", "director", "chief", "candidate", "voter", "supporter",
    "critic", "citizen", "person", "people", "villager", "farmer", "doctor", "worker", "student", "teacher",
    "representative", "secretary", "governor", "mayor", "general", "colonel", "ambassador", "envoy",
}
# Agent-noun endings ("accountant", "shopkeeper", "economist", "historian"): a common noun so ending names
# a person often enough to be trusted where only a person or a thing can stand (a source, what "who" is).
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "man", "person")
# Shorter words with those endings are seldom agent nouns ("list", "fist", "user" aside)
MIN_AGENT_NOUN = 5


def agent_noun(lemma: str) -> bool:
    """An agent-noun ending on a word long enough to have a stem before it ("accountant", not "list")."""
    return len(lemma) >= MIN_AGENT_NOUN and lemma.endswith(PERSON_SUFFIXES)
_QUOTE_OPEN = "\u201c"
_QUOTE_CLOSE = "\u201d"


def lexicon_lines(name: str) -> tuple[str, ...]:
    """The entries of ``claimgraph/lexicons/<name>``: stripped, '#' comments and blank lines dropped."""
    return _lexicon_lines(name)


@lru_cache(maxsize=64)
def _lexicon_lines(name: str) -> tuple[str, ...]:
    # these word lists also allow a comment after an entry ("brigade  # armed units")
    return tuple(s for s in (line.split("#", 1)[0].strip() for line in read_lines(name)) if s)


def words_of(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens, the unit every name and phrase lexicon is matched on."""
    return tuple(_WORD.findall(text.lower()))


@dataclass(frozen=True, slots=True)
class WordList:
    """A lexicon of single words (matched on a token's lower form or lemma) and phrases."""

    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    propn_only: frozenset[str] = frozenset()  # words that count only as a proper name's last word

    def has_token(self, tok: Token) -> bool:
        lower, lemma = tok.lower_, tok.lemma_.lower()
        if tok.pos_ == "PROPN" and (lower in self.propn_only or lemma in self.propn_only):
            return True
        return lower in self.words or lemma in self.words

    def in_words(self, words: Iterable[str]) -> bool:
        """True when a single word or a whole phrase of the list occurs in ``words``."""
        ws = tuple(words)
        if any(w in self.words for w in ws):
            return True
        return any(_contains(ws, p) for p in self.phrases)


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


@lru_cache(maxsize=32)
def word_list(name: str) -> WordList:
    """A lexicon file as a WordList (cached once per process)."""
    words: set[str] = set()
    propn: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    for line in lexicon_lines(name):
        entry, _, tag = line.partition("\t")
        ws = words_of(entry)
        if not ws:
            continue
        if tag.strip() == "propn":
            propn.add(ws[0])
        elif len(ws) == 1:
            words.add(ws[0])
        else:
            phrases.append(ws)
    return WordList(frozenset(words), tuple(phrases), frozenset(propn))


def _names(name: str) -> frozenset[tuple[str, ...]]:
    return frozenset(words_of(line) for line in lexicon_lines(name))


@lru_cache(maxsize=1)
def _media_names() -> frozenset[tuple[str, ...]]:
    return _names("source_media_names.txt")


def is_media_name(text: str) -> bool:
    """True when ``text`` is an outlet's name ("Reuters", "the Washington Post", "NYT")."""
    ws = words_of(text)
    if ws and ws[0] == "the":
        ws = ws[1:]
    return bool(ws) and ws in _media_names()


def _media_name_inside(text: str) -> bool:
    """True when an outlet's name occurs inside ``text`` ("New York Times journalist", "Reuters' bureau").

    A one-word name ("National", "Independent", "Sun") that runs on into a longer name is an ordinary
    word of that name ("National Audit Office", "Sun Oil"), not the outlet.
    """
    ws = words_of(text)
    for name in _media_names():
        if not _contains(ws, name):
            continue
        core = name[1:] if name[0] == "the" and len(name) > 1 else name  # "the national" is "national"
        if len(core) > 1:
            return True
        for m in re.finditer(rf"\b{re.escape(core[0])}\b", text, re.IGNORECASE):
            if not re.match(r"\s+[A-Z]", text[m.end():]):
                return True
    return False


# ---------------------------------------------------------------- helpers over the parse


def _emphasis_of(tok: Token, document: Document) -> str | None:
    start, end = tok.idx, tok.idx + len(tok.text)
    for e in document.emphasis:
        if e.start <= start and end <= e.end:
            return e.text
    return None


def _is_quoted(source: SpacySpan, document: Document) -> bool:
    """True when the phrase sits inside quotation marks or a block quote (someone else's words)."""
    start = source.start_char
    if any(b.start <= start < b.end for b in document.block_quotes):
        return True
    text = doc_text(source.doc)
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    straight = before.count('"') % 2 == 1
    curly = before.count(_QUOTE_OPEN) > before.count(_QUOTE_CLOSE)
    return straight or curly


def _not_a_person(noun: Token) -> bool:
    """A place, or a common noun no person-word list knows ("town"): "who" cannot stand for it."""
    if noun.ent_type_ in PLACE_ENTS:
        return True
    if noun.ent_type_ or noun.pos_ not in {"NOUN", "PROPN"}:
        return noun.pos_ not in {"NOUN", "PROPN", "PRON"}
    lists = ("source_anonymous_heads.txt", "source_role_nouns.txt", "source_government_words.txt",
             "source_media_words.txt", "source_organization_words.txt")
    return not any(word_list(name).has_token(noun) for name in lists)


# The lists whose words name someone or something that can speak: people, bodies, outlets, documents.
SPEAKER_LISTS = ("source_anonymous_heads.txt", "source_role_nouns.txt", "source_government_words.txt",
                 "source_media_words.txt", "source_organization_words.txt", "source_document_nouns.txt",
                 "source_vague_nouns.txt", "source_body_nouns.txt", "source_group_nouns.txt")
# The lists of common nouns for a single person (besides PERSON_NOUNS and agent-noun endings).
PERSON_LISTS = ("source_anonymous_heads.txt", "source_role_nouns.txt", "source_people_nouns.txt")
# Entity labels of what cannot speak: amounts, dates, events, works, goods.
_MUTE_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "EVENT",
                        "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"})


def is_person_noun(tok: Token) -> bool:
    """A common noun for a person: a person word of a source list, or an agent noun ("accountant")."""
    if tok.pos_ != "NOUN" or tok.ent_type_ in PLACE_ENTS:
        return False
    lemma = tok.lemma_.lower()
    if lemma in PERSON_NOUNS or any(word_list(n).has_token(tok) for n in PERSON_LISTS):
        return True
    return agent_noun(lemma) and not word_list("source_document_nouns.txt").has_token(tok)


def can_speak(tok: Token) -> bool:
    """Can what ``tok`` names say something: a person, a group, an institution, a state, an outlet, a document?

    Goods ("the rifles") and abstractions ("the timing", "the pattern") cannot: a pronoun does not stand
    for them and a reporting verb does not make them a source. Names, pronouns and numbers ("two said")
    are given the benefit of the doubt; a common noun must be in a source list or be an agent noun.
    """
    if tok.ent_type_:
        return tok.ent_type_ not in _MUTE_ENTS
    if tok.pos_ != "NOUN":
        return True
    return is_person_noun(tok) or any(word_list(n).has_token(tok) for n in SPEAKER_LISTS)


def person_word_before(tok: Token) -> Token | None:
    """The nearest word before ``tok`` in its sentence that can name a person: what "who" stands for when
    the parser hung it on a place ("a man from the town of X, near Y, who said")."""
    start = sent_of(tok).start
    return next((t for t in reversed(tok.doc[start : tok.i]) if t.pos_ in {"NOUN", "PROPN"} and t.ent_type_ != "NORP"
                 and (t.lemma_.lower() in PERSON_NOUNS or not _not_a_person(t))), None)


def name_fragment(tok: Token) -> bool:
    """The rest of a name whose first words the parser hung elsewhere: "Gazette" in "a resident speaking
    with the Harbour Gazette said" when "Gazette" is made a second subject of "said"."""
    if tok.ent_iob_ != "I":
        return False
    first = tok
    while first.i > 0 and first.ent_iob_ == "I":
        first = first.nbor(-1)
    return not tok.is_ancestor(first)


def _root(source: SpacySpan) -> Token:
    """The phrase's head; when several words hang outside it ("Then-governor Ana Ruiz"), the nominal one."""
    outside = [t for t in source if (t.head.i == t.i or not (source.start <= t.head.i < source.end))
               and not name_fragment(t)]
    nominal = [t for t in outside if t.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}]
    return nominal[-1] if nominal and len(outside) > 1 else source.root


def _in_clause(tok: Token, root: Token) -> bool:
    """Whether ``tok`` is inside a clause that modifies ``root`` ("seen by this newspaper", "who spoke to us")."""
    while tok.i != root.i and tok.head.i != tok.i:
        if tok.dep_ in ("acl", "relcl", "advcl"):
            return True
        tok = tok.head
    return False


def _heads(source: SpacySpan) -> list[Token]:
    root = _root(source)
    return [root] + [c for c in root.conjuncts if source.start <= c.i < source.end]


def _apposed_name(root: Token) -> Token | None:
    """The proper name in apposition to a common noun for a person ("His deputy, Ilko Varga,"), if any.

    Not a place, a group or an outlet ("a reporter, Reuters," is no name of a person).
    """
    # a title the tagger read as a name counts too: "Korvania's Foreign Minister, NAME,"
    if not (is_person_noun(root) or (root.pos_ == "PROPN" and root.lemma_.lower() in PERSON_NOUNS)):
        return None
    for c in root.children:
        if c.dep_ != "appos" or c.i < root.i or c.pos_ != "PROPN" or c.ent_type_ in PLACE_ENTS | {"NORP"}:
            continue
        ent = ent_of(c)
        if not is_media_name(ent.text if ent is not None else c.text):
            return c
    return None


def _name_kind(name: str, label: str) -> SourceKind | None:
    """The kind of a named actor from its name and NER label (None: the name says nothing)."""
    ws = words_of(name)
    if label == "MEDIA" or is_media_name(name):
        return "media"
    if label == "PERSON":
        return "named_person"
    if label in {"ORG", "FAC", "GOVERNMENT"}:
        if word_list("source_government_words.txt").in_words(ws):
            return "government"
        return "organization"
    if label == "GPE":  # a country or capital that speaks is its government: "Washington said"
        return "government"
    return None


def entity_kind(entity: Entity) -> SourceKind | None:
    """The kind of a resolved entity (a pronoun's or surname's antecedent)."""
    return _name_kind(entity.name, entity.type)


# At most this many mentions of a person are read for the post they hold.
MAX_POST_MENTIONS = 20


def office_owner(source: SpacySpan) -> Token | None:
    """Whose office or role speaks: "his" in "his office", "Kestrel" in "Kestrel's spokesman" (None: no owner)."""
    root = _root(source)
    if root.pos_ != "NOUN" or not any(word_list(n).has_token(root) for n in ("source_role_nouns.txt",
                                                                             "source_body_nouns.txt")):
        return None
    return next((c for c in root.children if c.dep_ == "poss" and c.pos_ in {"PRON", "PROPN"}), None)


def post_kind(doc: Doc, person: Entity) -> SourceKind | None:
    """'government' when the words around a person's name give them a government post ("Interior Minister Radu
    Kestrel", "Ana Brel, the deputy finance minister", "the minister, Radu Kestrel"), else None."""
    gov = word_list("source_government_words.txt")
    for m in person.mentions[:MAX_POST_MENTIONS]:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        titles = [root, *(c for c in root.children
                          if c.dep_ in {"compound", "appos"} and not span.start <= c.i < span.end)]
        if root.dep_ == "appos":
            titles.append(root.head)
        if any(t.pos_ in {"NOUN", "PROPN"} and gov.has_token(t) for t in titles):
            return "government"
    return None


def _institution_kind(tok: Token, document: Document) -> SourceKind | None:
    """The kind of the institution a role noun speaks for ("a Pentagon spokesman")."""
    ent = ent_of(tok)
    if ent is not None:
        kind = _name_kind(ent.text, ent.label_)
        if kind is not None and kind != "named_person":
            return kind
    if _emphasis_of(tok, document) is not None or word_list("source_media_words.txt").has_token(tok):
        return "media"
    if word_list("source_government_words.txt").has_token(tok):
        return "government"
    if word_list("source_organization_words.txt").has_token(tok):
        return "organization"
    if tok.ent_type_ == "NORP":  # "a Saudi spokesman": a nation's spokesman speaks for its state
        return "government"
    return None


def _role_kind(head: Token, document: Document) -> SourceKind:
    for child in head.children:
        if child.dep_ in {"compound", "poss", "amod", "nmod"}:
            kind = _institution_kind(child, document)
            if kind is not None:
                return kind
        if child.dep_ == "prep" and child.lower_ in {"of", "for", "at", "from"}:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    kind = _institution_kind(obj, document)
                    if kind is not None:
                        return kind
    return "anonymous"


def _is_vague_plural(head: Token) -> bool:
    """ "reports emerged", "some reports": a bare or quantified plural of a vague noun."""
    if head.tag_ not in {"NNS", "NNPS"}:
        return False
    for child in head.children:
        if child.dep_ == "det" and child.lower_ in _SPECIFIC_DETS:
            return False
        if child.dep_ in {"poss", "compound", "nmod"} or (child.dep_ == "prep" and child.lower_ in {"by", "from"}):
            return False
    return True


# ---------------------------------------------------------------- the classifier


def source_kind(source: SpacySpan, entity: Entity | None, document: Document) -> SourceKind:
    """Decide the kind of a source phrase from its head, its entity and the resolved entity."""
    if "\n" in source.text:  # a source never crosses a paragraph: keep its last line
        cut = max(t.i for t in source if "\n" in t.text) + 1
        if cut < source.end:
            source = source.doc[cut : source.end]
    content = [t for t in source if not (t.is_punct or t.is_space)]
    if not content:
        kind = entity_kind(entity) if entity is not None else None
        return kind or "anonymous"
    root = _root(source)
    # a relative pronoun stands for the noun its clause modifies: "a member of X who claimed"
    if root.lower_ in _RELATIVE and root.head.dep_ == "relcl" and root.head.head.i < root.i:
        noun = root.head.head
        # "a man from the town of X, near Y, who said": "who" is a person, not the place it
        # follows; take the nearest word before it in the sentence that can be a person
        if root.lower_ in {"who", "whom"} and _not_a_person(noun):
            noun = person_word_before(root) or noun
        return source_kind(source.doc[noun.left_edge.i : noun.i + 1], entity, document)
    span_words = words_of(source.text)
    quoted = _is_quoted(source, document)

    # 1. the writer: "I", "we" outside quotations, "this reporter" (not "a ledger seen by this newspaper": a clause
    #    on the head says who saw the document, not who speaks)
    author = word_list("source_author.txt")
    head_words = words_of(" ".join(t.text for t in source if not _in_clause(t, root)))
    if not quoted and (
        (root.pos_ == "PRON" and root.lower_ in author.words) or any(_contains(head_words, p) for p in author.phrases)
    ):
        return "author"
    # 2. pronouns and "the latter": the antecedent the extractor resolved decides
    if root.pos_ == "PRON" or root.lower_ in _PRONOUN_LIKE:
        kind = entity_kind(entity) if entity is not None else None
        if root.lower_ in _PERSONAL and kind != "named_person":
            return "anonymous"  # "he" resolved to an organisation is a resolution slip
        return kind or "anonymous"
    # 3. withheld identity: "an unnamed official", "sources familiar with the talks"
    if word_list("source_anonymity_markers.txt").in_words(span_words):
        return "anonymous"
    # 4. a person named in apposition to a person noun: "His deputy, Ilko Varga," "one resident, Ana Brel,"
    #    whatever label NER gave the name (a description of a person makes the name a person's)
    if _apposed_name(root) is not None:
        return "named_person"
    heads = _heads(source)
    # 4b. heads that name nobody: "one resident", "a member of X", "security sources", "some"
    anonymous = word_list("source_anonymous_heads.txt")
    if any(h.pos_ != "PROPN" and h.ent_type_ != "PERSON" and anonymous.has_token(h) for h in heads):
        return "anonymous"
    ent = ent_of(root)
    if ent is None and root.pos_ == "PROPN":  # "Damien Spleeters": NER may label only the first name
        ent = next((e for c in root.children if c.dep_ == "compound" and (e := ent_of(c)) is not None), None)
    emphasis = _emphasis_of(root, document)
    media_words = word_list("source_media_words.txt")
    org_words = word_list("source_organization_words.txt")
    gov_words = word_list("source_government_words.txt")
    # 5. a person named at the head ("New York Times journalist Michael Gordon"), unless
    #    the "person" is an outlet the NER mislabelled
    named = next(
        (c for c in root.children if c.dep_ in {"appos", "compound", "nmod"} and c.ent_type_ == "PERSON"), None
    )
    if ent is None and named is not None and root.pos_ == "NOUN":  # "then-president Ana Ruiz" parsed as appos
        ent = ent_of(named)
    if (ent is not None and ent.label_ == "PERSON") or (
        entity is not None and entity.type == "PERSON" and root.pos_ == "PROPN"
    ):
        # the actor layer read an outlet in the name ("The Ostrava Ledger": a news word at its end)
        if is_media_name(ent.text if ent is not None else root.text) or emphasis is not None or \
                (entity is not None and entity.type == "MEDIA" and root.pos_ == "PROPN"):
            return "media"
        return "named_person"
    # 6. outlets: a name from the lexicon, an *emphasised* title, "the newspaper", "a news agency"
    name = ent.text if ent is not None else (emphasis or "")
    if name and (is_media_name(name) or _media_name_inside(name)):
        return "media"
    if emphasis is not None and root.pos_ == "PROPN":
        ews = words_of(emphasis)
        if not (org_words.in_words(ews) or gov_words.in_words(ews)):
            return "media"
    if root.pos_ == "PROPN" and is_media_name(source.text):
        return "media"
    if media_words.has_token(root) and root.lower_ not in word_list("source_document_nouns.txt").words:
        return "media"  # "the paper reported" is a newspaper, "the budget papers show" documents
    if any(
        c.dep_ in {"compound", "amod", "nmod"} and (media_words.has_token(c) or is_media_name(c.text))
        for c in root.children
    ):
        return "media"
    # 7. documents: "the memo", "a leaked cable", "the lawsuit"; bare "reports" name nobody
    if root.pos_ != "PROPN" and word_list("source_document_nouns.txt").has_token(root):
        if word_list("source_vague_nouns.txt").has_token(root) and _is_vague_plural(root):
            return "anonymous"
        return "document"
    # 8. a role or body that speaks for an institution: "a Pentagon spokesman", "the company's chief",
    #    "a United Nations panel of experts"
    if root.pos_ != "PROPN" and any(word_list(n).has_token(root) for n in ("source_role_nouns.txt",
                                                                           "source_body_nouns.txt")):
        return _role_kind(root, document)
    # 9. government: "US officials", "the ministry", "police", "the White House", "Washington"
    named_org = ent is not None and ent.label_ == "ORG"
    if gov_words.has_token(root) and (not named_org or gov_words.in_words(words_of(ent.text if ent else ""))):
        return "government"
    if any(_contains(span_words, p) for p in gov_words.phrases):
        return "government"
    if ent is not None:
        kind = _name_kind(ent.text, ent.label_)
        if kind is not None:
            return kind
    # 10. other organisations: "the company", "rights groups", "the think tank", a name NER missed that says it is
    #     one ("Human Rights Watch")
    if org_words.has_token(root) or (root.pos_ == "PROPN" and any(_contains(span_words, p) for p in org_words.phrases)):
        return "organization"
    # 11. the entity the extractor resolved a surname or alias to
    if entity is not None:
        kind = entity_kind(entity)
        if kind is not None:
            return kind
    # 12. an unlabelled proper name: acronyms are usually organisations, other names people
    if root.pos_ == "PROPN":
        return "organization" if root.text.isupper() and len(root.text) > 1 else "named_person"
    return "anonymous"
