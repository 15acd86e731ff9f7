"""Flow frames read off the dependency parse: who gives what to whom, before ends become actors.

:func:`find_frames` makes one linear pass over the tokens and returns :class:`Frame` records whose
ends are token indices (argument heads). :func:`resolve_end` turns an end into entity ids through a
token -> entity map, so the same code decides which phrases need a GROUP actor (entities stage)
and which actors a flow joins (flows stage). Triggers and patterns live in ``lexicons/flow_*``.
An end may be a pronoun (:func:`antecedent` finds the actor it stands for, in its sentence or the one
before) or a common noun for people ("refugees", "the company"), which becomes a GROUP actor.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from claimgraph.extract.actor_lexicons import ActorLexicons, FlowLexicons, actor_lexicons, flow_lexicons
from claimgraph.extract.coref import PERSON_NOUNS
from claimgraph.nlp.doccache import ent_of, sent_of, token_at_char

CACHE_KEY = "claimgraph.flow_frames.v1"  # frames are computed once per Doc and shared by both stages
RELATIVE = {"which", "that", "who", "whom", "whose"}
SUBJ = {"nsubj", "nsubjpass", "csubj"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod", "nummod"}
# A flow reads "for further distribution to X": the recipient hides under one of these nouns.
ONWARD_NOUNS = {"distribution", "delivery", "use", "transfer", "shipment", "onward"}
# "the group", "the militia": a definite description of an organisation refers back to the last one named
DEFINITE_GROUPS = {"group", "organization", "organisation", "militia", "movement", "faction"}
# Heads of bodies that are institutions, not armed or political groups: "the militia" never means one of them
INSTITUTION_HEADS = frozenset({"ministry", "office", "agency", "bank", "fund", "department", "court", "council",
                               "parliament", "embassy", "police", "project", "board", "company", "courier"})
# "sent (fighters) to join X": people sent to join or fight for a group are fighters given to it
JOIN_VERBS = frozenset({"join", "reinforce", "fight", "serve"})
# A passive transfer of an item held by someone ("the rifles were passed on to Y", "later sold to Y") is onward
# from its last recipient only with one of these
ONWARD_PARTICLES = frozenset({"on", "over", "along"})
ONWARD_ADVERBS = frozenset({"then", "later", "subsequently", "eventually", "afterwards", "afterward", "thereafter",
                            "soon", "again"})
# Nouns of amount: an item "quantities of weapons" is shown with what it is an amount of
AMOUNT_NOUNS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
                          "quantity", "number", "batch", "load", "lot", "ton", "tonne", "crate", "consignment",
                          "amount", "sum", "cache", "stockpile", "supply", "shipment", "planeload", "truckload"})
# People a recruiter takes on, besides the fighters of flow_items.tsv and national or religious groups
RECRUITS = frozenset({"man", "woman", "youth", "teenager", "boy", "girl", "citizen", "national", "member",
                      "follower", "student", "people", "child"})
LOCATIVE_PREPS = frozenset({"in", "at", "across", "inside", "throughout", "near"})
# "X bought Y after becoming Z": a clause under these prepositions shares the main clause's subject
TEMPORAL_PREPS = frozenset({"after", "before", "since", "upon", "while", "when"})
ANAPHOR_WINDOW = 80  # tokens, about three sentences: further back, "the group" may be any of several
MAX_ENDS = 4  # ends per side of one frame: a longer list is an enumeration, not a set of recipients
# Pronoun ends and the actors they can stand for (we/us/you/I name the speaker: left alone here; "we" in a
# direct quote is the body its speaker speaks for, read in flows.py through speaker_bodies).
PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
SINGULAR_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
ANAPHORS = PERSON_PRONOUNS | SINGULAR_PRONOUNS | PLURAL_PRONOUNS
# "we"/"us" in a direct quote: the body the speaker speaks for (see speaker_bodies)
SPEAKER_PRONOUNS = frozenset({"we", "us", "ourselves"})
SPEAKER_SELF = frozenset({"i", "me", "myself"})  # in a direct quote: the speaker in person
SPEAKER_BODIES = frozenset({"ORG", "GPE"})
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us"})  # "paid them", "sold him rifles": a recipient
ACTOR_TYPES_FOR = {  # entity types a pronoun can refer to
    "person": frozenset({"PERSON"}),
    "singular": frozenset({"ORG", "GPE", "MEDIA", "GROUP"}),
    "plural": frozenset({"ORG", "NORP", "GROUP"}),
}
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
NP_HEAD_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "dative", "conj"})
# "bought a 40% stake in X", "acquired 98 percent of X": what is bought is a share of the business X
STAKE_NOUNS = frozenset({"stake", "share", "percent", "%", "interest", "control", "majority", "part", "portion"})
# Vehicles stand for the state that flies them ("US helicopters") but are never a GROUP of people.
VEHICLES = frozenset({"helicopter", "plane", "aircraft", "jet", "drone"})
# "X owes $5m to Y", "X owes Y $5m": the debtor had the money from the creditor (Y -> X)
DEBT_VERBS = frozenset({"owe"})
# A transfer under one of these is only meant, not done ("planned to send", "agreed to supply", "an offer to
# sell"): the flow is hedged. Verbs take it as an infinitive (xcomp), nouns as a clause (acl).
INTENT_WORDS = frozenset({"plan", "intend", "agree", "offer", "promise", "pledge", "seek", "try", "want", "attempt",
                          "aim", "hope", "propose", "expect", "prepare", "agreement", "deal", "bid", "effort",
                          "intention", "proposal"})
# "the rifles, which X would later sell to Y": "would" with one of these tells what happened next, no intent
NARRATIVE_ADVERBS = frozenset({"later", "eventually", "then", "soon", "subsequently", "afterwards", "afterward"})
# "... but the shipment never arrived": what did not reach its end, as the subject of an arrive verb
SHIPMENT_NOUNS = frozenset({"shipment", "delivery", "consignment", "transfer", "cargo", "payment", "money", "fund",
                            "transaction", "order"})
# Verbs of getting there, besides the arrive frames of flow_verbs.tsv, that deny a transfer when negated
# ("the shipment never arrived"); not triggers ("the rifles arrived in X" names no recipient)
ARRIVAL_VERBS = frozenset({"arrive", "materialize", "materialise", "reach"})
# Move verbs that name a transfer only with an item of flow_items.tsv as object: "moved millions through shell
# companies to X" is one, "moved troops to the border" or "moved the meeting" is not
ITEM_MOVES = frozenset({"move", "route", "rout"})
# "payments earmarked for Y", "rifles destined for Y", "funds set aside for Y": a participle on the
# transferred thing that names who it is for
MEANT_FOR = frozenset({"earmark", "destine", "intend", "mean", "allocate", "allot", "reserve", "set", "bind",
                       "direct", "bound"})
# "is taking his support from Y", "siphoned its funding from Y": drawn away from Y, not given by Y to the possessor
TAKING_VERBS = frozenset({"take", "steal", "siphon", "lose", "peel", "pull", "divert"})
# "loans with X": the party a loan is held with lent it (said of whoever has or took out the loan)
LOAN_NOUNS = frozenset({"loan", "credit", "mortgage", "financing", "overdraft"})
# "India's imports of Y's oil", "imports of oil from Y by X": the importer (possessor, "by") gets the goods
IMPORT_NOUNS = frozenset({"import"})
# A transfer named as what a measure stops ("a ban on imports of X", "restricting imports from Y") is no flow
BLOCKERS = frozenset({"ban", "embargo", "sanction", "restriction", "restrict", "moratorium", "freeze", "boycott",
                      "halt", "suspend", "suspension", "block", "blockade", "prohibit", "prohibition", "bar", "curb",
                      "tariff", "duty", "quota", "limit", "cap"})
# "Y's state-run X": a firm the state owns acts for the state too
STATE_OWNED = frozenset({"run", "owned", "own", "controlled", "control", "backed"})
# Endings of agent nouns ("loser", "lender", "investor", "financier"), trusted only for a recipient of goods
AGENT_SUFFIXES = ("er", "or", "ist", "ant")
# A pay verb's object is money only as an amount: a MONEY entity or a number with one of these signs
CURRENCY_SIGNS = frozenset({"$", "€", "£", "¥", "US$", "usd", "eur", "gbp"})
MAGNITUDES = frozenset({"m", "mn", "bn", "k", "million", "billion", "thousand"})  # "$2m", "$3 bn"
# "the coach of X", "a manager at X": the prepositions that name a paid role's employer
EMPLOYER_PREPS = {"of", "at"}
DESCRIBED_KEY = "claimgraph.flow_described.v1"  # "X, a pro-government militia": description lemma -> named tokens
PROPER_KEY = "claimgraph.flow_proper_nouns.v2"  # word and lemma of a proper noun -> where it occurs ("... Ministry")


@dataclass(frozen=True, slots=True)
class Frame:
    """One alleged transfer as read from the parse; ends are token indices, spans are char offsets."""

    kind: str
    trigger: tuple[int, int]
    sources: tuple[int, ...]
    targets: tuple[int, ...]
    item: tuple[int, int] | None = None
    via: tuple[int, ...] = ()
    places: tuple[tuple[int, int], ...] = ()
    time: tuple[int, int] | None = None
    negated: bool = False
    hedged: bool = False  # only meant, not done: "agreed to supply", "offered to sell", "would provide"
    rule: str = ""
    own_targets: bool = False  # the targets stand for themselves, not for their owner ("self-funded his campaign")
    owners: tuple[tuple[int, int], ...] = ()  # (state, firm) token pairs: an end added as a state-owned firm's owner


# ---------------------------------------------------------------- small parse helpers


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok, *tok.conjuncts]
    return sorted(set(out), key=lambda t: t.i)[:MAX_ENDS]


def _deref(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies."""
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        return tok.head.head
    if tok.lower_ == "whose" and tok.dep_ == "poss":
        # "X, whose secession was backed by Y": the noun right before the clause, which the parser
        # may have missed by hanging the clause on a noun further back
        verb = tok.head.head
        if verb.dep_ == "relcl":
            before = tok.doc[tok.i - 1] if tok.i > 0 else tok
            if before.is_punct and tok.i > 1:
                before = tok.doc[tok.i - 2]
            return before if before.pos_ in ("PROPN", "NOUN") else verb.head
    return tok


PARTITIVES = {"many", "most", "some", "all", "several", "few", "much", "part", "half", "one", "none", "each"}


def _partitive_of(tok: Token) -> Token | None:
    """The X of a partitive "many of X", "some of X"; None for any other word."""
    if tok.lower_ not in PARTITIVES:
        return None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return _child(of, {"pobj"}) if of is not None else None


def _window_start(tok: Token) -> int:
    """The first token of the sentence before ``tok``'s (of its own when it is the first): where look-backs stop."""
    first = sent_of(tok).start
    return sent_of(tok.doc[first - 1]).start if first > 0 else first


def _partitive(tok: Token) -> Token:
    """ "many of them", "most of which": the noun the pronoun stands for, written just before (", many of them")."""
    if tok.lower_ not in PARTITIVES:
        return tok
    pron = _partitive_of(tok)
    if pron is None or pron.lower_ not in ("them", "which", "these", "those", "it"):
        return tok
    i = tok.left_edge.i - 1
    while i >= 0 and tok.doc[i].is_punct:
        i -= 1
    return tok.doc[i] if i >= 0 and tok.doc[i].pos_ in ("NOUN", "PROPN") else tok


GOODS_PRONOUNS = frozenset({"them", "it", "these", "those"})


def _goods_before(tok: Token, flex: FlowLexicons) -> Token:
    """ "bought 4,000 rifles ... and handed them to X", "passed some of them on": the goods a pronoun object
    stands for, the nearest goods noun before it in its sentence or the one before; else ``tok`` itself."""
    pron = _partitive_of(tok) if tok.lower_ in PARTITIVES else tok
    if pron is None or pron.lower_ not in GOODS_PRONOUNS or pron.pos_ != "PRON":
        return tok
    doc = tok.doc
    for j in range(tok.i - 1, _window_start(tok) - 1, -1):
        t = doc[j]
        if t.pos_ == "NOUN" and t.dep_ != "compound" and (k := _item_kind(t, flex)) is not None and k != "fighters":
            return t
    return tok


def _heads(tok: Token | None) -> list[Token]:
    if tok is None:
        return []
    tok = _deref(tok)
    label = tok.pos_ == "PROPN" and not tok.ent_type_ and len(tok.text) > 3 and tok.text.isalpha() and \
        tok.text.isupper()
    if label and tok.i > 0 and (prev := tok.doc[tok.i - 1]).head.i == tok.i and prev.dep_ == "compound":
        tok = prev  # "donated to Democrats OPINION: ...": a section label glued onto a headline
    return _conjuncts(tok)


def _child(tok: Token, deps: set[str]) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def _preps(tok: Token, words: set[str]) -> list[Token]:
    """Objects of the prepositions ``words`` attached to ``tok`` (or to its particle: "passed on to X")."""
    out = []
    for c in tok.children:
        if c.dep_ == "prt":
            out += _preps(c, words)
        elif c.dep_ in ("prep", "agent", "dative") and c.lower_ in words:
            out += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
    return out


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, borrowed from the verb it is coordinated with or controlled by."""
    seen = 0
    while seen < 4:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            # A heading glued to the sentence gives the verb two subjects: the one nearest the verb is its own
            before = [c for c in subjects if c.i < verb.i]
            return before[-1] if before else subjects[0]
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep":
            # "X was accused of providing", "accused X of providing": the governing verb's subject acts
            gov = verb.head.head
            if verb.head.lower_ in TEMPORAL_PREPS and gov.pos_ in ("VERB", "AUX"):
                verb = gov  # "X bought rifles after becoming a buyer": X, not the rifles
                seen += 1
                continue
            if gov.dep_ == "dobj" and gov.pos_ in ("NOUN", "PROPN"):
                return gov  # the parser hung "of providing" on the object
            if gov.pos_ in ("VERB", "AUX"):
                s = _child(gov, {"dobj"}) or _child(gov, {"nsubj", "nsubjpass"})
                if s is not None:
                    return s
        if _child(verb, {"expl"}) is not None and (a := _child(verb, {"attr"})) is not None:
            return a  # "there are donors ... to help fund X": the existential's noun does the action
        obj = _child(verb.head, {"dobj"}) if verb.dep_ == "xcomp" else None
        if obj is not None and (obj.pos_ in ("PROPN", "PRON") or _people_noun(obj, actor_lexicons())):
            return obj  # "X asked the friend to donate": the object does the action
        if verb.dep_ == "xcomp" and (raised := _child(verb.head, {"nsubjpass"})) is not None:
            return raised  # "X is believed to have sent", "X was ordered to pay": the passive's subject acts
        if verb.dep_ == "acomp" and verb.tag_ == "VBG" and verb.head.pos_ == "AUX":
            verb = verb.head  # "he was no longer self-funding X": the parser read the progressive as an adjective
            seen += 1
            continue
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
            seen += 1
            continue
        if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ":  # "the firm, unable to borrow from X"
            adj = verb.head
            if adj.dep_ in ("amod", "appos") and adj.head.pos_ in ("NOUN", "PROPN"):
                return adj.head
            verb = adj.head if adj.dep_ == "acomp" else adj
            seen += 1
            continue
        # "donors ready to fund X" (not "the willingness to fund X"): an infinitive's noun must be an actor
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and (
            verb.head.pos_ == "PROPN" or _people_noun(verb.head, actor_lexicons()))
        if verb.dep_ == "acl" and (verb.tag_ == "VBG" or infinitive or _misparsed_finite(verb)):
            return verb.head  # "helicopters delivering arms", "donors ready to fund X": the noun does the action
        if verb.dep_ == "relcl":
            return verb.head
        return None
    return None


def _misparsed_finite(verb: Token) -> bool:
    """ "the party of X, Y, set aside the payments": a finite verb after an apposition, misread as a participle."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.i > 1 and verb.doc[verb.i - 1].text == "," and \
        _child(verb, {"dobj"}) is not None and not any(c.dep_ == "agent" or c.lower_ == "by" for c in verb.children)


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if _misparsed_finite(verb):
        return False
    if verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
        return True  # "..., many of them supplied by X": a by-agent, whatever the parser made of the subject
    if any(c.dep_ == "aux" and c.lower_ in ("have", "has", "had", "having") for c in verb.children):
        return False  # "having acquired X": a perfect, not a reduced passive
    return verb.dep_ in ("acl", "relcl", "advcl") and verb.tag_ == "VBN"


def _span(tok: Token) -> tuple[int, int]:
    """The noun phrase of a head: its left modifiers and the head (not its clauses)."""
    left = tok
    for t in tok.lefts:
        if t.dep_ in ("det", "predet", "punct", "cc", "preconj") and t.i < tok.i:
            continue
        left = t
        break
    start = min(left.left_edge.i if left is not tok else tok.i, tok.i)
    while start < tok.i and (tok.doc[start].is_punct or tok.doc[start].dep_ in ("det", "predet")):
        start += 1
    end = tok
    if tok.lemma_.lower() in AMOUNT_NOUNS and (what := _of_what(tok)) is not None:
        end = what  # "large quantities of weapons", "dozens of young Britons": the amount and what it is of
    return tok.doc[start].idx, end.idx + len(end.text)


def _not_money(item: Token, flex: FlowLexicons) -> str | None:
    """The kind of a money verb's object that is not money ("his support", "his plane"); None for a sum,
    a money word or a bare number ("lent the campaign 2 million")."""
    k = _item_kind(item, flex)
    if k is not None:
        return None if k == "money" else k
    if item.pos_ in ("NOUN", "PROPN") and item.ent_type_ not in ("MONEY", "CARDINAL") and not item.like_num:
        return "other"
    return None


def _bare_goods(tok: Token, item: Token | None, flex: FlowLexicons) -> bool:
    """Is this end the goods themselves: the frame's item, or a lone goods noun ("Rifles", not "Vessen Arms")?"""
    if item is not None and tok.i == item.i:
        return True
    # plural only: a singular "the fund" may be the fund named before, an organisation; fighters are people
    kind = flex.items.get(tok.lemma_.lower()) or flex.items.get(tok.lower_)
    return tok.tag_ in ("NNS", "NNPS") and kind not in (None, "fighters") \
        and tok.ent_type_ not in ("PERSON", "GPE") and not any(c.dep_ in ("compound", "flat") for c in tok.children)


def _item_kind(tok: Token | None, flex: FlowLexicons) -> str | None:
    if tok is None:
        return None
    for t in [tok, *(c for c in _conjuncts(tok) if c is not tok)]:
        k = flex.items.get(t.lemma_.lower()) or flex.items.get(t.lower_)
        if k:
            return k
        if t.ent_type_ == "MONEY":  # "got $40,000 from X"
            return "money"
        if flex.nouns.get(t.lemma_.lower(), "item") != "item":  # "accepted bribes from X"
            return flex.nouns[t.lemma_.lower()]
        for c in t.children:
            if c.dep_ == "compound" and (k := flex.items.get(c.lemma_.lower())):
                return k
            if c.dep_ == "prep" and c.lower_ == "of":  # "large quantities of weapons"
                for g in c.children:
                    if g.dep_ == "pobj" and (k := flex.items.get(g.lemma_.lower())):
                        return k
    return None


def _date_in(tok: Token) -> tuple[int, int] | None:
    for c in tok.children:
        if c.dep_ in ("prep", "npadvmod", "advmod", "pobj"):
            for t in c.subtree:
                if t.ent_type_ in ("DATE", "TIME"):
                    ent = ent_of(t)
                    if ent is not None:
                        return ent.start_char, ent.end_char
    return None


def _holder(item: Token, flex: FlowLexicons) -> list[Token]:
    """Who ends up with an item: the subject of "used/relied on <item>", the object of "<item> reached"."""
    tok = item
    for _ in range(4):
        if tok.dep_ in ("conj", "appos"):
            tok = tok.head
            continue
        break
    for c in tok.children:  # "weapons quickly reaching X"
        if c.dep_ == "acl" and c.lemma_ in flex.verbs and flex.verbs[c.lemma_][0] == "arrive":
            return _heads(_child(c, {"dobj"})) or [t for t in _preps(c, {"to", "into", "in"})]
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return _heads(_subject(head.head))
    if tok.dep_ == "dobj":
        return _heads(_subject(head))  # whoever used or gave the item held it
    if tok.dep_ in ("nsubj",) and flex.verbs.get(head.lemma_, ("", ""))[0] == "arrive":
        return _heads(_child(head, {"dobj"})) or _preps(head, {"to", "into", "in"})
    return []


def _pronoun_class(tok: Token) -> str | None:
    low = tok.lower_
    if tok.pos_ != "PRON" or low not in ANAPHORS:
        return None
    return "person" if low in PERSON_PRONOUNS else "singular" if low in SINGULAR_PRONOUNS else "plural"


def _owner_noun(lemma: str, alex: ActorLexicons) -> bool:
    return lemma in alex.state_nouns or lemma in alex.member_nouns


def _onward(v: Token) -> bool:
    """Does the verb say the item moved on from where it was: "passed on", "handed over", "later sold"?
    Without it, "the rifles were sold legally to X" names no giver: it may be the first seller again."""
    return any((c.dep_ == "prt" and c.lower_ in ONWARD_PARTICLES) or
               (c.dep_ == "advmod" and c.lower_ in ONWARD_ADVERBS) for c in v.children)


def _recruited_people(item: Token | None, flex: FlowLexicons, alex: ActorLexicons) -> bool:
    """Whom a recruiter takes on: fighters of flow_items.tsv, or people of a group ("young Britons", "men")."""
    if item is None:
        return False
    if _item_kind(item, flex) == "fighters":
        return True
    for t in (item, _of_what(item)):  # "dozens of young Britons"
        if t is not None and (t.ent_type_ == "NORP" or t.tag_ == "NNPS" or t.lemma_.lower() in RECRUITS):
            return True
    return False


def _of_what(tok: Token) -> Token | None:
    """What an amount is of: "Britons" in "dozens of young Britons", "weapons" in "large quantities of weapons"."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return _child(of, {"pobj"}) if of is not None else None


def _people_noun(tok: Token, alex: ActorLexicons) -> bool:
    """A common noun for people or a body of them ("laborers", "the company", "officials")."""
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and (lemma in alex.group_nouns or (_owner_noun(lemma, alex) and lemma not in VEHICLES))


def antecedent(
    tok: Token,
    alex: ActorLexicons,
    tok_ent: Sequence[str | None],
    types: dict[str, str],
    avoid: frozenset[str] = frozenset(),
) -> Token | None:
    """The nearest actor before a pronoun, in its sentence or the one before, that it can stand for.

    he/she -> a named person; it/its -> an organisation, state or singular group noun; they/them/their
    -> an organisation, nationality or plural group noun. An object pronoun never refers to the subject
    of its own clause ("the smugglers paid them": not the smugglers).
    """
    cls = _pronoun_class(tok)
    if cls is None:
        return None
    doc = tok.doc
    first = _window_start(tok)
    barred: set[int] = set()
    if tok.dep_ not in SUBJ and tok.dep_ != "poss" and not tok.lower_.endswith("self"):
        head = tok.head.head if tok.dep_ == "pobj" else tok.head
        if head.pos_ in ("VERB", "AUX"):
            barred = {h.i for h in _heads(_subject(head))}
    wanted = ACTOR_TYPES_FOR[cls]
    if tok.dep_ in SUBJ and tok.head.dep_ == "ROOT" and cls != "person" and first < sent_of(tok).start:
        found, blocked = _subject_before(doc[first : sent_of(tok).start], cls, wanted, alex, tok_ent, types, avoid)
        if found is not None or blocked:
            return found
    person_org: Token | None = None  # "Trump has failed ... lending him money" with Trump typed ORG
    for j in range(tok.i - 1, first - 1, -1):
        t = doc[j]
        if t.pos_ == "PRON" or t.is_punct:
            continue
        eid = tok_ent[j]
        if cls == "person" and person_org is None and eid is not None and eid not in avoid and j not in barred \
                and _person_named_org(t, eid, tok_ent, types):
            person_org = t
        if eid is None and t.dep_ == "appos" and tok_ent[t.head.i] is not None:
            continue  # "X, the largest charity, ...": the apposition describes the name before it
        if eid is None and cls != "person" and t.pos_ == "NOUN" and t.dep_ in NP_HEAD_DEPS and j not in barred \
                and (cls == "plural") == (t.tag_ == "NNS") and not _people_noun(t, alex):
            return None  # "these reports ... they": the nearest phrase of the pronoun's number is no actor
        if eid is not None:
            if eid in avoid or types.get(eid) not in wanted:
                continue
            root = _name_root(t, eid, tok_ent)
            if root.i in barred:
                continue
            if types.get(eid) in PLACE_TYPES and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
                continue  # "working in Qasrun ... accused it": a place the sentence is set in, not an actor
            if not _group_number_ok(root, eid, cls, types):
                continue
            return root
        plural_ok = (cls == "plural") == (t.tag_ == "NNS")
        if cls != "person" and plural_ok and t.dep_ != "compound" and _people_noun(t, alex) and j not in barred:
            return t
    return person_org


def _subject_before(
    sent: TokenSpan,
    cls: str,
    wanted: frozenset[str],
    alex: ActorLexicons,
    tok_ent: Sequence[str | None],
    types: dict[str, str],
    avoid: frozenset[str],
) -> tuple[Token | None, bool]:
    """A subject "it"/"they" opening a sentence carries on the main subject of the sentence before ("The NLA
    bought rifles from a broker. It handed them to X": the NLA, not the broker). That subject when it is an actor
    the pronoun can stand for; (None, True) when it is something else of the pronoun's number ("The shipment
    arrived. It ..."): no actor; (None, False) when the sentence has no such subject: look further."""
    for t in sent:
        if t.dep_ not in SUBJ or t.head.dep_ != "ROOT" or t.pos_ == "PRON":
            continue
        eid = tok_ent[t.i]
        if eid is None:
            if t.pos_ == "NOUN" and (cls == "plural") == (t.tag_ == "NNS") and not _people_noun(t, alex):
                return None, True
            continue
        if eid in avoid or types.get(eid) not in wanted:
            continue
        if not _group_number_ok(t, eid, cls, types):
            continue
        return _name_root(t, eid, tok_ent), False
    return None, False


def _name_root(t: Token, eid: str, tok_ent: Sequence[str | None]) -> Token:
    """The head word of the name ``t`` is a word of ("NLA" of "the NLA's", "Army" of "Northern Liberation Army")."""
    while t.head.i != t.i and t.dep_ in ("compound", "flat") and tok_ent[t.head.i] == eid:
        t = t.head
    return t


def _group_number_ok(t: Token, eid: str, cls: str, types: dict[str, str]) -> bool:
    """An unnamed group ("the smugglers", "the ministry") is "they" when plural and "it" when singular."""
    if types.get(eid) != "GROUP":
        return True
    return t.tag_ in ("NNS", "NNPS") if cls == "plural" else t.tag_ == "NN" if cls == "singular" else True


def _person_named_org(t: Token, eid: str, tok_ent: Sequence[str | None], types: dict[str, str]) -> bool:
    """A one-word, Title Case organisation that acts as a subject or owner: the small model's usual way of
    mistyping a person known by surname alone. A person pronoun falls back on it when no person is near."""
    doc = t.doc
    alone = (t.i == 0 or tok_ent[t.i - 1] != eid) and (t.i + 1 == len(doc) or tok_ent[t.i + 1] != eid)
    return types.get(eid) == "ORG" and alone and t.pos_ == "PROPN" and t.text.istitle() and len(t.text) > 2 \
        and t.dep_ in SUBJ | {"poss"}


def actor_like(tok: Token, alex: ActorLexicons, flex: FlowLexicons) -> bool:
    """Could this object be a recipient rather than the thing given ("paid them", "sold the army rifles")?"""
    if tok.pos_ == "PRON":
        return tok.lower_ in OBJECT_PRONOUNS
    if _item_kind(tok, flex) is not None:
        return False
    if tok.pos_ == "PROPN":
        return tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or not tok.ent_type_
    return _people_noun(tok, alex)


def _described(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    """Where a name is described by a common noun: "X, a pro-government militia", "X (XY), a broker".

    Maps the noun's lemma to (noun index, name index) pairs in text order; built in one pass, cached.
    Read off the words as well as the parse: the parser often hangs such an apposition elsewhere.
    """
    cached = doc.user_data.get(DESCRIBED_KEY)
    if cached is not None:
        return cached
    out: dict[str, list[tuple[int, int]]] = {}
    for t in doc:
        if t.pos_ != "NOUN":
            continue
        name: int | None = None
        if t.dep_ == "appos" and t.head.pos_ == "PROPN" and t.head.i < t.i:
            name = t.head.i
        det = next((c for c in t.lefts if c.dep_ == "det" and c.lower_ in ("a", "an")), None)
        if name is None and det is not None and det.i >= 2 and doc[det.i - 1].text == ",":
            j = det.i - 2
            if doc[j].text == ")":  # "X (XY), a militia": the name before the bracketed acronym
                k = j - 1
                while k > max(0, j - 6) and doc[k].text != "(":
                    k -= 1
                j = k - 1 if doc[k].text == "(" else j
            if j >= 0 and doc[j].pos_ == "PROPN":
                name = j
        if name is not None:
            out.setdefault(t.lemma_.lower(), []).append((t.i, name))
    doc.user_data[DESCRIBED_KEY] = out
    return out


def _described_as(tok: Token) -> int | None:
    """The name last described by the noun ``tok`` before it ("X, a militia ... the militia" -> X)."""
    best = None
    for noun, name in _described(tok.doc).get(tok.lemma_.lower(), ()):
        if noun >= tok.i:
            break
        best = name
    return best


def _proper_indexes(doc: Doc) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Indices of proper nouns in text order, by lower-case word and by lower-case lemma, built once per Doc."""
    cached = doc.user_data.get(PROPER_KEY)
    if cached is None:
        by_word: dict[str, list[int]] = {}
        by_lemma: dict[str, list[int]] = {}
        for t in doc:
            if t.pos_ == "PROPN":
                by_word.setdefault(t.lower_, []).append(t.i)
                by_lemma.setdefault(t.lemma_.lower(), []).append(t.i)
        cached = (by_word, by_lemma)
        doc.user_data[PROPER_KEY] = cached
    return cached[0], cached[1]


def _proper_heads(doc: Doc) -> dict[str, list[int]]:
    """Proper nouns by lower-case word ("ministry" -> [...])."""
    return _proper_indexes(doc)[0]


def _proper_lemmas(doc: Doc) -> dict[str, list[int]]:
    """Proper nouns by lower-case lemma."""
    return _proper_indexes(doc)[1]


def _affiliation(
    person: Token, noun: str, tok_ent: Sequence[str | None], types: dict[str, str], alex: ActorLexicons
) -> str | None:
    """The body a named person's "his government" / "her ministry" is, read off the person's title.

    "Interior Minister X ... her ministry": the organisation named "Interior Ministry", when one is;
    "Y's foreign minister, X ... his government": Y. None when the title says neither.
    """
    titles = [c for c in person.children if c.dep_ == "compound" and c.lemma_.lower() in alex.titles]
    if person.dep_ == "appos" and person.head.lemma_.lower() in alex.titles:
        titles.append(person.head)
    named = _proper_heads(person.doc).get(noun, [])
    for title in titles:
        mods = [c for c in title.children if c.dep_ in ("compound", "amod") and c.pos_ in ("PROPN", "ADJ", "NOUN")]
        for m in mods:
            for j in named:  # "Interior Minister" -> "Interior Ministry"
                eid = tok_ent[j]
                if eid is not None and types.get(eid) == "ORG" and j > 0 and \
                        person.doc[j - 1].lower_ == m.lower_:
                    return eid
        for c in title.children:  # "Y's foreign minister" (Y's type is not checked: taggers make states people)
            eid = tok_ent[c.i]
            if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN" and eid is not None and \
                    eid not in (tok_ent[person.i], tok_ent[title.i]):
                return eid
    return None


def _named_after_owner(
    tok: Token, tok_ent: Sequence[str | None], types: dict[str, str], alex: ActorLexicons, avoid: frozenset[str]
) -> str | None:
    """ "Ashdel denied that his company ...": the organisation named after the possessor and that noun
    ("Ashdel Salt Company"), when the text names one; None otherwise."""
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "their")), None)
    if poss is None or tok.tag_ != "NN":
        return None
    person = antecedent(poss, alex, tok_ent, types, avoid)
    if person is None or tok_ent[person.i] is None:
        return None
    surname = person.text.lower()
    doc = tok.doc
    for j in _proper_heads(doc).get(tok.lemma_.lower(), []):
        eid = tok_ent[j]
        if eid is None or types.get(eid) != "ORG" or eid in avoid:
            continue
        start = j
        while start > 0 and tok_ent[start - 1] == eid:
            start -= 1
        if surname in (t.lower_ for t in doc[start:j]):
            return eid
    return None


def _holders(tok: Token, flex: FlowLexicons) -> list[Token]:
    """Who holds an account or depot: "accounts linked to X", "accounts controlled by X's treasurer"."""
    return [h for c in tok.children if c.dep_ in ("acl", "relcl") and c.lemma_ in flex.holding_verbs
            for x in _preps(c, {"by", "to"}) for h in _heads(x)]


def resolve_end(
    tok: Token,
    tok_ent: Sequence[str | None],
    types: dict[str, str],
    alex: ActorLexicons,
    depth: int = 0,
    avoid: frozenset[str] = frozenset(),
) -> list[str]:
    """Entity ids a flow end stands for: the mention it is in, else the actor that owns it.

    "US forces" -> the US; "members of X" / "officials from X" -> X; "Barzani's agents" -> Barzani.
    Demonyms and nationalities (NORP) do not make an end; a phrase left unresolved may become a
    GROUP actor in the entities stage.
    """
    tok = _deref(tok)
    ante = antecedent(tok, alex, tok_ent, types, avoid)
    if ante is not None:
        tok = ante
    eid = tok_ent[tok.i]
    if eid is not None and (types.get(eid) != "NORP" or tok.dep_ not in ("amod", "compound", "nmod")):
        return [eid]  # a nationality only when it heads the phrase ("donated to Democrats")
    for c in tok.children:
        if c.dep_ == "appos" and tok_ent[c.i] is not None:
            return [tok_ent[c.i]]  # type: ignore[list-item]
    lemma = tok.lemma_.lower()
    flex = flow_lexicons()
    if depth < 2 and eid is None and lemma in flex.holding_nouns:
        # "accounts linked to X", "X army depots", "their accounts": the thing stands for who holds it
        held = _holders(tok, flex) or [c for c in tok.children if c.dep_ in ("poss", "compound", "nmod")]
        found = [e for h in held for e in resolve_end(h, tok_ent, types, alex, depth + 1, avoid)
                 if types.get(e) not in PLACE_TYPES or h.dep_ != "compound"]
        if found:
            return list(dict.fromkeys(found))[:MAX_ENDS]
    if depth < 2 and eid is None and _owner_noun(lemma, alex):
        # A state noun stands for its country too ("US officials"); a member noun only for a body
        # or person ("Hezbollah fighters"), not for a place ("rebels from Syria" are not Syria).
        places = lemma in alex.state_nouns
        for pobj in _preps(tok, {"of", "from"}):
            found = [e for e in resolve_end(pobj, tok_ent, types, alex, depth + 1) if places or
                     types.get(e) not in PLACE_TYPES]
            if found:
                return found
        owners: list[str] = []
        possessors: list[str] = []
        stack = [c for c in tok.children if c.dep_ in MODIFIER_DEPS]
        while stack:
            t = stack.pop()
            ante = antecedent(t, alex, tok_ent, types, avoid) if t.dep_ == "poss" else None
            eid = tok_ent[(ante or t).i]
            if eid is None and t.dep_ == "poss" and t.pos_ == "NOUN":
                # "the brigade's fighters": the organisation "the brigade" stands for
                eid = next(iter(resolve_end(t, tok_ent, types, alex, depth + 1, avoid)), None)
            if ante is not None and eid is not None and types.get(eid) == "PERSON" and lemma in alex.state_nouns:
                eid = _affiliation(ante, lemma, tok_ent, types, alex) or eid  # "her ministry": the minister's
            if eid is not None and types.get(eid) != "NORP" and (places or types.get(eid) not in PLACE_TYPES):
                out = possessors if t.dep_ == "poss" else owners
                if eid not in out:
                    out.append(eid)
                if t.dep_ == "poss":
                    continue
            stack += [c for c in t.children if c.dep_ in MODIFIER_DEPS or c.dep_ == "conj"]
        if possessors or owners:
            return (possessors or owners)[:MAX_ENDS]  # "Holm's Senate campaign": Holm, not the Senate
    if tok_ent[tok.i] is not None:
        return [tok_ent[tok.i]]  # type: ignore[list-item]
    owned = _named_after_owner(tok, tok_ent, types, alex, avoid)
    if owned is not None:
        return [owned]
    definite = tok.tag_ == "NN" and any(c.lower_ in ("the", "this") for c in tok.children)
    headed: str | None = None  # "the fund": the organisation last named "... Fund"
    if definite:
        proper = _proper_lemmas(tok.doc).get(lemma, [])
        for j in reversed(proper[: bisect.bisect_left(proper, tok.i)]):
            eid = tok_ent[j]
            if eid is None or types.get(eid) != "ORG" or eid in avoid:
                continue
            # "the fund": "... Fund"; "the ministry": "Ministry of Defence of X", the noun before "of"
            if _name_head(j, tok_ent) == j or (tok_ent[j + 1] == eid and tok.doc[j + 1].lower_ == "of"):
                headed = eid
                break
    described: str | None = None  # "X, a pro-government militia ... the militia": the name so described
    if definite and (lemma in DEFINITE_GROUPS or lemma in alex.group_nouns) and \
            (named := _described_as(tok)) is not None:
        eid = tok_ent[named]
        if eid is not None and eid not in avoid and types.get(eid) in ("ORG", "GROUP", "PERSON"):
            described = eid
    if headed is not None and described is not None and headed != described:
        # "X, a militant group ... the Y Monitoring Group ... [X again] ... the group": the one named last
        return [next((e for e in reversed(tok_ent[: tok.i]) if e in (headed, described)), headed)]
    if headed is not None or described is not None:
        return [headed or described]  # type: ignore[list-item]
    if lemma in DEFINITE_GROUPS and definite:
        for j in range(tok.i - 1, max(-1, tok.i - ANAPHOR_WINDOW), -1):
            eid = tok_ent[j]
            if eid is not None and types.get(eid) == "ORG" and eid not in avoid and \
                    tok.doc[_name_head(j, tok_ent)].lemma_.lower() not in INSTITUTION_HEADS:
                return [eid]  # "the group": the organisation named last (not the other end of the flow)
    return []


def speaker_bodies(
    doc: Doc,
    spans: Sequence[tuple[int, int]],
    speaker: str | None,
    tok_ent: Sequence[str | None],
    types: dict[str, str],
    alex: ActorLexicons,
) -> list[str]:
    """The organisation or state a quoted speaker speaks for, which "we" in the quote names.

    A speaker that is an organisation or state speaks for itself; a person for the body their role is
    named by in the phrases ``spans`` (the source, its antecedent, the person's mentions): "the
    brigade's commander", "a spokesman for X", "X commander NAME". None when no role names a body.
    """
    if speaker is not None and types.get(speaker) in SPEAKER_BODIES:
        return [speaker]
    roles: list[Token] = []
    for start, end in spans:
        first, last = token_at_char(doc, start), token_at_char(doc, max(start, end - 1))
        if first is None or last is None:
            continue
        for t in doc[first.i : last.i + 1]:
            near = [t, *(c for c in t.children if c.dep_ == "appos")] + ([t.head] if t.dep_ == "appos" else [])
            roles += [r for r in near if r.pos_ in ("NOUN", "PROPN") and
                      (r.lemma_.lower() in alex.titles or r.lemma_.lower() in alex.member_nouns)]
    if not roles:
        return []
    # the role phrase may itself be a (PERSON) mention ("the brigade's commander"): look through people
    unmasked = [None if e is not None and types.get(e) == "PERSON" else e for e in tok_ent]
    for r in dict.fromkeys(roles):
        bodies = [c for c in r.children if c.dep_ == "poss" or
                  (c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < r.i)]
        bodies += _preps(r, {"of", "for", "at"})
        found = [e for b in bodies for e in resolve_end(b, unmasked, types, alex) if types.get(e) in SPEAKER_BODIES]
        if found:
            return list(dict.fromkeys(found))[:MAX_ENDS]
    return []


def _name_head(j: int, tok_ent: Sequence[str | None]) -> int:
    """The last token of the mention that token ``j`` is in (the head of a name)."""
    eid = tok_ent[j]
    while j + 1 < len(tok_ent) and tok_ent[j + 1] == eid:
        j += 1
    return j


def _agent_noun(tok: Token) -> bool:
    """A plural agent noun ("losers", "lenders", "investors"): people named by what they do."""
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and tok.tag_ == "NNS" and not tok.ent_type_ and len(lemma) > 4 and \
        lemma.endswith(AGENT_SUFFIXES)


def recipient_of_goods(fr: Frame, tok: Token) -> bool:
    """Is ``tok`` the "to" recipient of money or weapons in ``fr`` ("would not return money to losers")?

    There an agent noun names people even when no lexicon lists it: goods are given to people, not to things.
    """
    return fr.kind in ("money", "weapons") and tok.i in fr.targets and tok.dep_ == "pobj" and \
        tok.head.lower_ == "to" and _agent_noun(tok)


def group_phrase(
    tok: Token,
    alex: ActorLexicons,
    tok_ent: Sequence[str | None],
    types: dict[str, str],
    agent_ok: bool = False,
    role_ok: bool = False,
) -> tuple[int, int] | None:
    """The span of a phrase that can become a GROUP actor ("Kurdish groups", "donors in X"), else None.

    A pronoun end gives the phrase of its antecedent ("paying them" -> "Polish laborers"). With
    ``agent_ok`` a plural agent noun ("losers") does too; with ``role_ok`` any noun ("the director").
    """
    tok = _deref(tok)
    tok = antecedent(tok, alex, tok_ent, types) or tok
    role = role_ok and tok.pos_ in ("NOUN", "PROPN") and not tok.ent_type_
    if not (_people_noun(tok, alex) or (agent_ok and _agent_noun(tok)) or role):
        return None
    start, end = _span(tok)
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("in", "from") and c.i == tok.i + 1:
            last = max(t.i for t in c.subtree)
            if last - c.i <= 4:
                end = tok.doc[last].idx + len(tok.doc[last].text)
        break
    return start, end


def _purpose_targets(v: Token, flex: FlowLexicons, alex: ActorLexicons) -> list[Token]:
    """Who a transfer is for, read off its purpose clause: "loans to tide borrowers over", "grants to help X"."""
    for c in v.children:
        if c.dep_ not in ("advcl", "xcomp", "acl") or c.lemma_ not in flex.purpose_verbs or \
                not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            continue
        obj = _child(c, {"dobj"})
        if obj is None:  # "to help farmers buy seed": the parser made the helped the subject of the next verb
            obj = next((s for x in c.children if x.dep_ in ("ccomp", "xcomp") for s in x.children
                        if s.dep_ == "nsubj"), None)
        if obj is not None and (obj.pos_ == "PROPN" or obj.lower_ in OBJECT_PRONOUNS or _people_noun(obj, alex)):
            return _heads(obj)
    return []


def _acquired(obj: Token, flex: FlowLexicons) -> list[Token]:
    """The business a purchase is of: a named organisation ("bought Makani"), or the firm a stake is in."""
    if obj.lemma_.lower() in STAKE_NOUNS:
        return [h for t in _preps(obj, {"of", "in"}) for h in _acquired(t, flex)]
    described = obj.lemma_.lower() in flex.business_nouns
    for c in obj.children:  # "the drone maker Skyward Robotics": the name in apposition
        if c.dep_ == "appos" and c.pos_ == "PROPN" and described:
            return _conjuncts(c)
    if obj.pos_ != "PROPN":
        return []
    described = described or any(c.dep_ in ("compound", "nmod") and c.pos_ == "NOUN" and
                                 c.lemma_.lower() in flex.business_nouns for c in obj.children)
    return _conjuncts(obj) if described or obj.ent_type_ == "ORG" else []


# ---------------------------------------------------------------- frames


def _verb_frame(
    v: Token, frame: str, kind: str, flex: FlowLexicons, alex: ActorLexicons, prior: Sequence[Frame] = ()
) -> Frame | None:
    # only with an item of flow_items.tsv as object
    if frame == "arrive":
        return _arrival_frame(v, flex)
    gated = frame in ("give_item", "receive_item") or (frame == "move" and v.lemma_ in ITEM_MOVES)
    recruits = frame == "recruit"
    if recruits:  # "X recruited fighters for Y" (or "to fight for Y"): X supplies Y; "... from Z": Z supplies X
        obj = _child(v, {"dobj"})
        frame = "give" if _preps(v, {"for"}) or (obj is not None and _preps(obj, {"for"})) or any(
            c.dep_ in ("advcl", "xcomp") and c.lemma_ in JOIN_VERBS for c in v.children) else "receive"
    pays = frame == "pay"
    buys = frame == "buy"
    frame = {"give_item": "give", "receive_item": "receive", "pay": "give", "sell": "give", "buy": "receive"}.get(
        frame, frame)
    passive = _is_passive(v) or (  # "were recruited by X and sent to ...": the second verb is passive too
        v.dep_ == "conj" and (v.tag_ == "VBN" or (v.tag_ == "VBD" and _child(v, {"dobj"}) is None))
        and _is_passive(v.head) and _child(v, {"nsubj", "aux"}) is None)
    doer: list[Token] = []
    if passive:
        doer = _preps(v, {"by"})
        patient = _child(v, {"nsubjpass"})
        if patient is None and v.dep_ in ("acl", "relcl", "advcl"):
            # "weapons, many of them supplied by X": an absolute clause names what was given as its own subject
            patient = (_child(v, {"nsubj"}) if v.dep_ == "advcl" else None) or v.head
        if not doer and v.dep_ == "conj" and v.head.pos_ == "VERB" and _is_passive(v.head):
            doer = _preps(v.head, {"by"})  # "recruited by X and sent to ...": the agent is shared
            patient = patient or _child(v.head, {"nsubjpass"})
        if patient is None:
            patient = _child(v, {"nsubj"})  # "..., many of them supplied by X": a passive the parser gave a subject
        doers = [h for d in doer for h in _heads(d)]
        patient = _partitive(patient) if patient is not None else None
    else:
        doers = _heads(_subject(v))
        patient = _child(v, {"dobj"})
    patient = _deref(patient) if patient is not None else None
    to = _preps(v, {"to", "into", "toward", "towards"})
    if not to and passive:  # "sold by X to Y": the parser hung "to" on the agent
        to = [t for d in doer for t in _preps(d, {"to"})]
    if not to and patient is not None and not passive:  # "sold rifles to X": the parser hung "to" on the object
        to = _preps(patient, {"to"})
        if not to and patient.lemma_.lower() in AMOUNT_NOUNS and (what := _of_what(patient)) is not None:
            to = _preps(what, {"to"})  # "sent large quantities of rifles to X"
    for_ = _preps(v, {"for"})
    with_ = _preps(v, {"with"})
    frm = _preps(v, {"from"})
    dative = [c for c in v.children if c.dep_ in ("dative", "iobj") and c.pos_ in ("NOUN", "PROPN", "PRON")]
    objects = [c for c in v.children if c.dep_ == "dobj"]
    if frame == "give" and not passive and len(objects) >= 2 and actor_like(objects[0], alex, flex):
        dative.append(objects[0])  # "sold them rifles": the parser made both objects dobj
        patient = objects[1]
    elif pays and patient is not None and not dative and actor_like(patient, alex, flex):
        dative.append(patient)  # "paid the smugglers", "the smugglers were paid by X"
        patient = objects[1] if len(objects) >= 2 else None
    elif frame == "give" and passive and patient is not None and objects and patient.dep_ == "nsubjpass" and \
            actor_like(patient, alex, flex) and _item_kind(objects[0], flex) is not None:
        dative.append(patient)  # "Z was given $300 by X", "Z was sent rifles by X": the subject got the goods
        patient = objects[0]
    sources: list[Token] = []
    targets: list[Token] = []
    item: Token | None = None
    own = False
    rule = f"verb:{frame}{':passive' if passive else ''}"
    if frame in ("give", "move"):
        sources = doers
        item = _goods_before(patient, flex) if patient is not None and not passive else patient
        if patient is not None and with_ and flex.items.get(patient.lemma_.lower()) is None:
            targets, item = _heads(patient), with_[0]  # "supplied the rebels with arms"
        for t in dative + to:
            if frame == "move" and t.ent_type_ in ("GPE", "LOC", "FAC"):
                continue  # a destination, kept as a place
            targets += _heads(t)
        if not targets and patient is not None:  # "weapons and aid financed by X to Y": "to" under the item
            for t in patient.subtree:
                if t.dep_ == "prep" and t.lower_ == "to" and t.head.dep_ == "acl" and t.head.i != v.i:
                    targets += [h for x in t.children if x.dep_ == "pobj" and x.ent_type_ not in ("GPE", "LOC", "FAC")
                                for h in _heads(x)]
        for c in v.children:  # "sent fighters to join X": the people given join (fight for) X
            if not targets and c.dep_ in ("advcl", "xcomp") and c.lemma_ in JOIN_VERBS and \
                    any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                # "to fight X": X is the enemy, not the one helped ("to fight for X", "alongside X")
                obj = _child(c, {"dobj"}) if c.lemma_ != "fight" else None
                targets += _heads(obj) or [h for x in _preps(c, {"for", "alongside", "with"}) for h in _heads(x)]
                if targets and _item_kind(patient, flex) is None:
                    kind, rule = "fighters", rule + ":join"
        if not for_ and not targets and patient is not None and _item_kind(patient, flex) is not None:
            for_ = _preps(patient, {"for"})  # "set aside the payments for X": "for" hung on the item
        for f in for_:
            if f.lemma_ in ONWARD_NOUNS:
                targets += [h for x in _preps(f, {"to"}) for h in _heads(x)]
                rule += ":onward"
            else:
                targets += _heads(f)
        if not targets and (purpose := _purpose_targets(v, flex, alex)):
            targets, rule = purpose, rule + ":purpose"  # "gave grants to help local schools"
        if not targets and patient is not None and (meant := _meant_for(patient)):
            targets, rule = meant[0], rule + ":meant"  # "sent rifles destined for X"
        if not targets and patient is not None:  # the item's own clause says who got it
            for c in patient.children:
                if c.dep_ in ("relcl", "acl") and flex.verbs.get(c.lemma_, ("",))[0] == "receive":
                    targets += [h for d in _preps(c, {"by"}) for h in _heads(d)] or _heads(_child(c, {"nsubj"}))
                    rule += ":chain"
        thing = _item_kind(patient, flex) in ("weapons", "money")
        if not targets and frame == "give" and patient is not None and thing:
            det = next((c.i for c in patient.children if c.dep_ == "det"), None)
            for c in patient.children:  # "gave the militia rifles": read as one noun phrase by the parser
                # "lent the NLA money": with a verb of paying or lending, a name before the money is its recipient
                named = pays and c.pos_ == "PROPN" and c.ent_type_ in ("ORG", "PERSON", "GPE") and \
                    _item_kind(patient, flex) == "money"
                if det is not None and det < c.i and c.dep_ == "compound" and \
                        ((c.pos_ == "NOUN" and _people_noun(c, alex)) or named):
                    targets.append(c)
                    rule += ":double"
        if not sources and patient is not None:  # "weapons funneled ... by X were passed on to Y"
            # "donations collected by X were passed to Y", "rifles bought by X were sold to Y": X had them
            for c in patient.children:
                if c.dep_ in ("acl", "relcl") and c.i != v.i and flex.verbs.get(c.lemma_, ("",))[0] in (
                        "give", "move", "receive", "receive_item", "buy"):
                    sources += [h for d in _preps(c, {"by"}) for h in _heads(d)]
                    rule += ":chain"
        if not sources and passive and patient is not None and thing and _onward(v) and \
                any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in patient.children):
            # "X bought rifles ... the rifles were passed on to Y": the recipient of the earlier transfer gives
            doc = v.doc
            for fr in reversed(prior):
                if fr.item and fr.targets and fr.trigger[0] < v.idx and \
                        doc.text[fr.item[0] : fr.item[1]].lower().split()[-1] == patient.lower_:
                    sources = [doc[i] for i in fr.targets]
                    rule += ":held"
                    break
    elif frame == "equip":
        sources = doers
        targets = _heads(patient)
        item = with_[0] if with_ else None
        if patient is not None and not passive and _self_prefixed(v):
            # "he was self-funding his campaign": the giver's own venture gets the money, not the giver
            own, rule = True, rule + ":self"
        # (a purchase or shipment "of rifles" is no item itself: "financed the group's purchase of rifles")
        if patient is not None and patient.pos_ == "NOUN" and not _people_noun(patient, alex) and \
                patient.lemma_.lower() not in flex.items and (poss := _child(patient, {"poss"})) is not None:
            targets, rule = _heads(poss), rule + ":possessor"  # "backed X's secession": X is backed
        if patient is not None and flex.items.get(patient.lemma_.lower()) not in (None, "fighters"):
            # (fighters are people: "trained X's fighters" gives to them, and through them to X)
            held = _holder(patient, flex)  # "aid financed by X": whoever holds the aid got the money
            if held or not (passive and patient.dep_ == "nsubjpass" and patient.head.i == v.i):
                targets = held  # "the fund was financed by X": the fund itself is the recipient
            rule += ":holder"
    elif frame == "receive":
        targets = doers
        if not frm and patient is not None and not passive:  # "bought rifles from X": "from" hung on the object
            frm = _preps(patient, {"from"})
        sources = [h for f in frm for h in _heads(f)]
        item = patient
        if buys and not sources and patient is not None and (owned := _acquired(patient, flex)):
            # "Z acquired the startup Y", "Z bought a stake in Y": Z's money goes to the business it buys
            sources, targets, item, kind = doers, owned, None, "money"
            rule += ":acquire"
        if not sources and patient is not None and patient.dep_ in ("dobj", "nsubjpass") and v.dep_ == "relcl":
            giver = v.head.head if v.head.dep_ == "dobj" else None
            if giver is not None and flex.verbs.get(giver.lemma_, ("",))[0] == "give":
                sources = _heads(_subject(giver))  # "X dropped weapons that were recovered by Y"
                rule += ":chain"
        if not targets and patient is not None and passive:
            targets = _holder(patient, flex)
    else:
        return None
    # "Rifles seized from fighters of X" read as "Rifles seized ... from": goods are never an end
    sources = [t for t in sources if not _bare_goods(t, item, flex)]
    targets = [t for t in targets if not _bare_goods(t, item, flex)]
    if not sources or not targets:
        return None
    if (gated or (frame == "equip" and kind == "item")) and _item_kind(item, flex) is None:
        return None  # "flooded the city with complaints": no goods, no transfer
    if recruits and not _recruited_people(item, flex, alex):
        return None  # "recruited a new manager", "recruited support": no fighters pass
    if item is not None and _item_kind(item, flex) is None and \
            (item.lemma_.lower() in flex.idiom_objects or item.lower_ in flex.idiom_objects):
        return None  # "gave the bill a second look", "got a boost from": an idiom, nothing changes hands
    if kind == "item":
        kind = _item_kind(item, flex) or "other"
    elif kind == "money" and item is not None and (other := _not_money(item, flex)) is not None:
        kind = other  # "lent his support to X", "lent his private plane to X": a money verb moving something else
    places = []
    dest = [t for t in to if t.ent_type_ in ("GPE", "LOC", "FAC")] if (for_ or frame == "move") else []
    through = [c for p in _preps(v, {"via", "through"}) for c in _conjuncts(p)]
    if not through and patient is not None and not passive:  # "moved the money through X": hung on the object
        through = [c for p in _preps(patient, {"via", "through"}) for c in _conjuncts(p)]
    # "through shell companies in X": the intermediary is where the money went, the place where it sits too
    inside = [g for p in through if p.ent_type_ not in PLACE_TYPES for g in _preps(p, {"in"})]
    for p in through + inside + [c for t in dest for c in _conjuncts(t)] + [
        c for t in dest for c in t.children if c.dep_ == "appos"
    ]:
        if p.ent_type_ in ("GPE", "LOC", "FAC"):
            places.append(_span(p))
    via = tuple(p.i for p in through if p.ent_type_ not in ("GPE", "LOC", "FAC"))
    targets = [t for t in targets if not (for_ and t in to and t.ent_type_ in ("GPE", "LOC", "FAC"))] or targets
    negated = any(c.dep_ == "neg" for c in v.children) or _never_arrived(v, flex)
    return Frame(
        kind=kind,
        trigger=(v.idx, v.idx + len(v.text)),
        sources=tuple(t.i for t in sources[:MAX_ENDS]),
        targets=tuple(t.i for t in targets[:MAX_ENDS]),
        item=_span(item) if item is not None else None,
        via=via,
        places=tuple(places),
        time=_date_in(v),
        negated=negated,
        rule=rule,
        own_targets=own,
    )


GIVING_FRAMES = frozenset({"give", "pay", "give_item", "sell", "move"})


def _intended(v: Token) -> bool:
    """Is this transfer only meant: under a verb or noun of intent ("planned to send", "agreed to supply",
    "an offer to sell") or with "would" ("X would provide rifles"; not "would later sell", a narrative)?"""
    tok = v
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in tok.children):
            return not any(c.dep_ == "advmod" and c.lower_ in NARRATIVE_ADVERBS for c in tok.children)
        if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
            tok = tok.head  # "planned to buy and ship rifles"
            continue
        return tok.dep_ in ("xcomp", "acl") and tok.head.lemma_.lower() in INTENT_WORDS and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    return False


def _never_arrived(v: Token, flex: FlowLexicons) -> bool:
    """ "X planned to send rifles, but the shipment never arrived", "X sent the money, but it never reached Y":
    an arrive verb, negated, coordinated with the transfer and said of what it moved."""
    tok = v
    for _ in range(4):  # up to the clause the coordination hangs on
        if tok.dep_ in ("xcomp", "conj", "ccomp") and tok.head.pos_ in ("VERB", "AUX"):
            tok = tok.head
        else:
            break
    clauses = [c for t in (v, tok) for c in t.children if c.dep_ in ("conj", "advcl") and c.i > v.i]
    for c in clauses:
        arrival = c.lemma_ in ARRIVAL_VERBS or (_verb_entry(c, flex) or ("",))[0] == "arrive"
        if not arrival or not any(n.dep_ == "neg" for n in c.children):
            continue
        subj = _child(c, {"nsubj"})
        if subj is not None and (subj.lower_ in ("it", "they") or subj.lemma_.lower() in SHIPMENT_NOUNS or
                                 _item_kind(subj, flex) is not None):
            return True
    return False


def _arrival_frame(v: Token, flex: FlowLexicons) -> Frame | None:
    """ "X wired the money through a bank before it reached accounts controlled by Y", "rifles sent by X
    reached Y": an item that reaches an actor was given to it by the giver its own sentence names."""
    subj = _child(v, {"nsubj"})
    if subj is None or _is_passive(v):
        return None
    targets = [h for h in _heads(_child(v, {"dobj"})) or [h for t in _preps(v, {"to", "into"}) for h in _heads(t)]
               if h.ent_type_ not in PLACE_TYPES]
    if not targets:
        return None
    gov = v.head if v.dep_ in ("advcl", "conj") and v.head.pos_ == "VERB" else None
    if gov is not None and (_verb_entry(gov, flex) or ("",))[0] not in GIVING_FRAMES:
        gov = None
    given = _child(gov, {"nsubjpass"} if _is_passive(gov) else {"dobj"}) if gov is not None else None
    givers = ([h for d in _preps(gov, {"by"}) for h in _heads(d)] if _is_passive(gov) else
              _heads(_subject(gov))) if gov is not None else []
    item: Token | None = None
    sources: list[Token] = []
    rule = "verb:arrive"
    if subj.lower_ in ("it", "they") and given is not None:
        item, sources, rule = given, givers, rule + ":pronoun"  # "sent the money ... before it reached Y"
    elif _item_kind(subj, flex) is not None:
        item = subj
        for c in subj.children:  # "rifles sent by X reached Y"
            if c.dep_ in ("acl", "relcl") and (_verb_entry(c, flex) or ("",))[0] in GIVING_FRAMES:
                sources += [h for d in _preps(c, {"by"}) for h in _heads(d)]
        if not sources and given is not None and given.lemma_ == subj.lemma_:
            sources = givers  # "X sent the rifles, and the rifles reached Y"
    kind = _item_kind(item, flex)
    sources = [t for t in sources if not _bare_goods(t, item, flex)]
    targets = [t for t in targets if not _bare_goods(t, item, flex)]
    if item is None or kind is None or not sources or not targets:
        return None
    # "wired the money through a bank in X before it reached Y": the way the giving verb names
    through = [c for p in _preps(gov, {"via", "through"}) for c in _conjuncts(p)] if gov is not None else []
    inside = [g for p in through if p.ent_type_ not in PLACE_TYPES for g in _preps(p, {"in"})]
    return Frame(
        kind=kind,
        trigger=(v.idx, v.idx + len(v.text)),
        sources=tuple(t.i for t in sources[:MAX_ENDS]),
        targets=tuple(t.i for t in targets[:MAX_ENDS]),
        item=_span(item),
        via=tuple(p.i for p in through if p.ent_type_ not in PLACE_TYPES),
        places=tuple(_span(p) for p in through + inside if p.ent_type_ in PLACE_TYPES),
        time=_date_in(v),
        negated=any(c.dep_ == "neg" for c in v.children),
        rule=rule,
    )


def _self_prefixed(v: Token) -> bool:
    """ "self-funding", "self-financed": the verb is written with a hyphenated "self-" before it."""
    doc = v.doc
    return v.i >= 2 and doc[v.i - 2].lower_ == "self" and doc[v.i - 1].text in ("-", "‑") and \
        doc[v.i - 2].head.i == v.i


def _meant_for(thing: Token) -> tuple[list[Token], list[Token]] | None:
    """Who a transferred thing is meant for, and by whom, off a participle on it: "payments earmarked for Y",
    "rifles destined for Y", "funds set aside for Y by X", "payments directed to Y". None when none says so."""
    for c in thing.children:
        if c.dep_ != "acl" or c.tag_ != "VBN" or c.lemma_.lower() not in MEANT_FOR:
            continue
        if c.lemma_.lower() == "set" and not any(p.lower_ == "aside" for p in c.children):
            continue
        ends = _preps(c, {"to"} if c.lemma_.lower() == "direct" else {"for", "to"})
        targets = [h for t in ends if t.ent_type_ not in ("GPE", "LOC", "FAC") or c.lemma_.lower() != "bind"
                   for h in _heads(t)]
        if targets:
            return targets, [h for b in _preps(c, {"by"}) for h in _heads(b)]
    return None


def _noun_frame(n: Token, kind: str, flex: FlowLexicons, alex: ActorLexicons) -> Frame | None:
    explicit = [c for c in n.children if c.dep_ == "poss"] + _preps(n, {"from", "by"})
    modifiers = [c for c in n.children if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("PROPN", "ADJ", "NOUN")]
    targets = [h for t in _preps(n, {"to", "for"}) for h in _heads(t)]
    if not targets:  # "the sale of rifles to X": the parser hung "to" on the item
        targets = [h for o in _preps(n, {"of"}) for t in _preps(o, {"to"}) for h in _heads(t)]
    if not targets and kind != "item" and explicit:
        # "X's funding of Y", "the backing of Y by X": what a giver's money or support is "of" is its recipient
        targets = [h for o in _preps(n, {"of"}) if _party(o, alex, flex) for h in _heads(o)]
    if not targets and _preps(n, {"from"}):
        # "lists payments from X to Y": the parser hung "to Y" on the verb, right after the noun's "from X"
        targets = [h for t in _adjacent_preps(n, {"to"}) for h in _heads(t)]
    sources = [h for t in explicit for h in _heads(t)]
    rule = "noun"
    poss = _child(n, {"poss"})
    whole = n.head.head if n.dep_ == "pobj" and n.head.lower_ == "of" else n  # "much of his support"
    taken = whole.dep_ == "dobj" and whole.head.lemma_.lower() in TAKING_VERBS  # "took his support from Y"
    if not targets and poss is not None and not taken and (frm := _preps(n, {"from"})):
        # "X's loans from Y", "the rebels' aid from Y": with the giver after "from", the possessor got it
        targets, sources = _heads(poss), [h for t in frm for h in _heads(t)]
        rule += ":possessor"
    if not sources and kind == "item" and targets and not _blocked(n):
        # "shipments of NLA rifles to Y", "the sale of US jets to Y": the owner of the goods gives them
        sources = [o for g in _preps(n, {"of"}) if _item_kind(g, flex) is not None for o in _goods_owners(g, alex)]
        rule += ":owner" if sources else ""
    if not targets:  # "payments from X wired through banks to Y": the participle, often hung on X, says where
        for c in (c for h in (n, *_preps(n, {"from"})) for c in h.children):
            if c.dep_ == "acl" and c.tag_ == "VBN" and flex.verbs.get(c.lemma_, ("",))[0] in ("give", "pay", "move"):
                targets += [h for t in _preps(c, {"to", "into"}) if t.ent_type_ not in ("GPE", "LOC", "FAC")
                            for h in _heads(t)]
                rule += ":participle"
    if not targets and (meant := _meant_for(n)):  # "payments earmarked for Y (by X)"
        targets, rule = meant[0], rule + ":meant"
        sources += meant[1]
    gov = n
    while gov.dep_ == "conj":
        gov = gov.head
    verb = gov.head if gov.dep_ in ("dobj", "nsubjpass") and gov.head.pos_ in ("VERB", "AUX") else None
    if verb is None and gov.dep_ == "pobj" and gov.head.lower_ in ("in", "as") and gov.head.head.pos_ == "VERB":
        verb = gov.head.head  # "donated $5bn in direct aid to refugees"
        if flex.verbs.get(verb.lemma_, ("",))[0] not in ("give", "pay", "move"):
            verb = None
    if verb is not None:
        if verb.lemma_ in flex.receive_verbs:
            targets = targets or _heads(_subject(verb))
            sources = sources or [h for t in _preps(verb, {"from"}) for h in _heads(t)]
            if not sources and n.lemma_.lower() in LOAN_NOUNS:  # "has outstanding loans with X"
                sources = [h for t in _preps(n, {"with"}) + _preps(verb, {"with"}) for h in _heads(t)]
            rule += ":received"
        elif verb.lemma_ in flex.light_verbs or _verb_entry(verb, flex) is not None:
            sources = sources or _heads(_subject(verb))
            targets = targets or [h for t in _preps(verb, {"to", "for"}) for h in _heads(t)]
            rule += ":given"
            if not targets and (purpose := _purpose_targets(verb, flex, alex)):
                targets, rule = purpose, rule + ":purpose"  # "extends loans to tide borrowers over"
    if not sources:
        sources = [h for m in modifiers for h in _heads(m)]
        rule += ":modifier"
    if not sources or not targets:
        return None
    if kind == "item":  # "arms shipments", "shipments of rifles"
        kind = next((flex.items[c.lemma_.lower()] for c in n.children if c.lemma_.lower() in flex.items), None) or \
            next((k for o in _preps(n, {"of"}) if (k := _item_kind(o, flex))), "other")
    return Frame(
        kind=kind,
        trigger=(n.idx, n.idx + len(n.text)),
        sources=tuple(t.i for t in sources[:MAX_ENDS]),
        targets=tuple(t.i for t in targets[:MAX_ENDS]),
        item=None,
        time=_date_in(verb) if verb is not None else _date_in(n),
        negated=verb is not None and any(c.dep_ == "neg" for c in verb.children),
        rule=rule,
    )


def _adjacent_preps(n: Token, words: set[str]) -> list[Token]:
    """Objects of prepositions ``words`` that the parser hung on the verb governing the noun ``n`` but that
    follow the noun's phrase at once ("lists payments from X to Y": "to Y" on "lists")."""
    end = n.right_edge.i
    if n.dep_ == "pobj" and n.head.lower_ == "in" and n.head.head.ent_type_ == "MONEY":
        n = n.head.head  # "showed $4m in payments from X to Y": the sum is the verb's object
    gov = n.head
    if n.dep_ not in ("dobj", "nsubjpass", "attr") or gov.i == n.i:
        return []
    return [g for c in gov.children if c.dep_ == "prep" and c.lower_ in words and c.i == end + 1
            for g in c.children if g.dep_ == "pobj"]


def _misparsed_noun_frame(v: Token, kind: str, flex: FlowLexicons) -> Frame | None:
    """ "approved weapons flows to X": the tagger read the noun "flows" as a verb with "weapons" as subject."""
    item = _child(v, {"nsubj"})
    if item is None or _item_kind(item, flex) is None or v.head.i == v.i:
        return None
    gov = v.head
    if gov.lemma_ not in flex.light_verbs:
        return None
    sources = _heads(_subject(gov))
    targets = [h for t in _preps(v, {"to", "for"}) for h in _heads(t)]
    if not sources or not targets:
        return None
    return Frame(
        kind=(_item_kind(item, flex) or "other") if kind == "item" else kind,
        trigger=(v.idx, v.idx + len(v.text)),
        sources=tuple(t.i for t in sources[:MAX_ENDS]),
        targets=tuple(t.i for t in targets[:MAX_ENDS]),
        item=_span(item),
        time=_date_in(gov),
        negated=any(c.dep_ == "neg" for c in gov.children),
        rule="noun:misparsed",
    )


def _participle_frame(p: Token, kind: str, flex: FlowLexicons, alex: ActorLexicons) -> Frame | None:
    """ "X-supplied weapons", "X and Y-trained fighters", "X-funded group"."""
    doc = p.doc
    hyphen = doc[p.i - 1]
    prefix = doc[p.i - 2]
    if not (hyphen.text in ("-", "‑") and hyphen.idx == prefix.idx + len(prefix.text) and p.idx == hyphen.idx + 1):
        # "a US government funded broadcaster": no hyphen, but the parser hung the noun on the participle
        prefix = doc[p.i - 1]
        if not (p.dep_ == "amod" and prefix.head.i == p.i and prefix.dep_ in ("npadvmod", "compound", "nmod")
                and prefix.pos_ in ("NOUN", "PROPN")):
            return None
    sources = _conjuncts(prefix)
    for t in doc[max(0, prefix.i - 3) : prefix.i]:  # "US and UK-trained": the first conjunct is left of "and"
        if t.dep_ == "conj" or (t.pos_ == "PROPN" and doc[t.i + 1].lower_ == "and"):
            sources.append(t)
    if prefix.lemma_.lower() in alex.state_nouns and prefix.i > 0 and doc[prefix.i - 1].pos_ == "PROPN":
        sources = [doc[prefix.i - 1]]  # "US military-funded": the owner of the military
    noun = None
    for t in doc[p.i + 1 : p.i + 6]:  # the head of the phrase the participle modifies
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod", "nmod"):
            noun = t
            break
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "PUNCT") or (t.is_punct and t.text not in "-‑"):
            break
    if noun is None:
        return None
    item_kind = _item_kind(noun, flex)
    is_actor = noun.pos_ == "PROPN" or (noun.lemma_.lower() in alex.group_nouns and item_kind is None)
    # "a Y-funded channel, X" / "X, a Y-funded channel": the name the described noun stands beside
    named = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"] or \
        ([noun.head] if noun.dep_ == "appos" and noun.head.pos_ == "PROPN" else [])
    if is_actor:
        targets, item = [noun], None
    elif named and item_kind is None:
        targets, item = named[:1], None
    else:
        targets, item = _holder(noun, flex), noun
    own = prefix.lower_ == "self"
    if own:  # "his self-funded campaign": its owner gives to the campaign itself
        sources = _heads(_child(noun, {"poss"})) if is_actor and noun.pos_ == "NOUN" else []
    if not targets or not sources:
        return None
    if kind == "item":
        kind = item_kind or "other"
    return Frame(
        kind=kind,
        trigger=(p.idx, p.idx + len(p.text)),
        sources=tuple(t.i for t in sorted(set(sources), key=lambda t: t.i)[:MAX_ENDS]),
        targets=tuple(t.i for t in targets[:MAX_ENDS]),
        item=_span(item) if item is not None else None,
        rule="participle:self" if own else "participle",
        own_targets=own,
    )


def _agent_frame(n: Token, kind: str, flex: FlowLexicons) -> Frame | None:
    """ "X, a longtime donor to Y", "X was a strong supporter of Y": the noun names X as Y's giver."""
    if n.dep_ == "attr" and n.head.lemma_ in ("be", "become", "remain"):
        givers = _heads(_subject(n.head))
        gov = n.head
    elif n.dep_ == "appos" and n.head.pos_ in ("PROPN", "NOUN"):
        givers, gov = [_deref(n.head)], n  # the name described, not what is coordinated with it
    else:
        return None
    receivers = [h for t in _preps(n, {"of", "to", "for"}) for h in _heads(t)] or _heads(_child(n, {"poss"}))
    goods = [o for o in _preps(n, {"of"}) if _item_kind(o, flex) is not None]
    # "the main exporter of rifles to Y": the parser hung "to Y" on the goods
    receivers += [h for o in goods for t in _preps(o, {"to", "for"}) for h in _heads(t)]
    if not givers or not receivers:
        return None
    if kind == "item":
        kind = next((k for o in goods if (k := _item_kind(o, flex))), "other")
    return Frame(
        kind=kind,
        trigger=(n.idx, n.idx + len(n.text)),
        sources=tuple(t.i for t in givers[:MAX_ENDS]),
        targets=tuple(t.i for t in receivers[:MAX_ENDS]),
        negated=any(c.dep_ == "neg" for c in gov.children),
        rule="noun:agent",
    )


def _country_token(demonym: Token, alex: ActorLexicons) -> Token | None:
    """Where the text names the country a demonym stands for ("Turkish" -> a "Turkey" token), else None."""
    country = alex.demonyms.get(demonym.text)
    if country is None:
        return None
    words = country.lower().split()
    doc = demonym.doc
    for j in _proper_heads(doc).get(words[-1], ()):
        if j + 1 >= len(words) and [t.lower_ for t in doc[j + 1 - len(words) : j + 1]] == words:
            return doc[j]
    return None


def _goods_owners(goods: Token, alex: ActorLexicons) -> list[Token]:
    """Whose goods these are: "Y's oil", "Y oil", "Y-ian foods", "food from Y".

    A demonym stands for its country when the text names the country, else for itself.
    """
    out: list[Token] = []
    for c in goods.children:
        if c.dep_ == "poss" or (c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.ent_type_ != "NORP"):
            out += _conjuncts(c)
        elif c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ == "NORP" or c.text in alex.demonyms):
            out.append(_country_token(c, alex) or c)
    return out + [h for f in _preps(goods, {"from"}) for h in _heads(f)]


def _party(tok: Token, alex: ActorLexicons, flex: FlowLexicons) -> bool:
    """Does this phrase head name a party rather than goods ("South Sudan's leaders", not "Turkish foods")?"""
    if _item_kind(tok, flex) is not None:
        return False
    if tok.pos_ in ("PROPN", "PRON"):
        return tok.pos_ == "PROPN" or tok.lower_ in ANAPHORS
    lemma = tok.lemma_.lower()
    return _people_noun(tok, alex) or _owner_noun(lemma, alex) or lemma in flex.holding_nouns


def _blocked(n: Token) -> bool:
    """Is this transfer noun what a measure stops ("a ban on imports of X", "restricting imports from Y")?"""
    tok = n
    for _ in range(4):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in BLOCKERS:
            return True
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("xcomp", "conj"):
            return False
    return False


def _import_frame(n: Token, flex: FlowLexicons, alex: ActorLexicons) -> Frame | None:
    """ "India's imports of Iranian oil", "imports of rifles from X by Y": the origin gives to the importer."""
    if _blocked(n):
        return None
    receivers = _heads(_child(n, {"poss"})) + [h for b in _preps(n, {"by"}) for h in _heads(b)]
    goods = _preps(n, {"of"})
    givers = [h for f in _preps(n, {"from"}) + [t for g in goods for t in _preps(g, {"from"})] for h in _heads(f)]
    givers += [o for g in goods for o in _goods_owners(g, alex) if o not in givers]
    if not givers or not receivers:
        return None
    item = goods[0] if goods else None
    return Frame(
        kind=_item_kind(item, flex) or "other",
        trigger=(n.idx, n.idx + len(n.text)),
        sources=tuple(t.i for t in givers[:MAX_ENDS]),
        targets=tuple(t.i for t in receivers[:MAX_ENDS]),
        item=_span(item) if item is not None else None,
        time=_date_in(n),
        rule="noun:import",
    )


def _recipient_frame(n: Token, kind: str, flex: FlowLexicons, alex: ActorLexicons) -> Frame | None:
    """ "X became the largest importer of Y's oil", "X, a customer of Y": the noun names X as Y's recipient."""
    if n.dep_ == "attr" and n.head.lemma_ in ("be", "become", "remain"):
        receivers = _heads(_subject(n.head))
        gov = n.head
    elif n.dep_ == "appos" and n.head.pos_ in ("PROPN", "NOUN"):
        receivers, gov = [_deref(n.head)], n
    else:
        return None
    givers: list[Token] = []
    item: Token | None = None
    for o in _preps(n, {"of"}):
        if _party(o, alex, flex):
            givers += _heads(o)  # "a customer of Y"
        else:
            item = o
            givers += _goods_owners(o, alex)  # "an importer of Y's oil", "the recipient of Y-ian aid"
    givers += [h for f in _preps(n, {"from"}) for h in _heads(f)]  # "the top buyer of arms from Y"
    if not givers:
        # "Y's biggest customer"; with the giver named after "of", the possessor is where the ranking
        # holds ("Asia's largest importer of Y's oil"), not a giver
        givers = _heads(_child(n, {"poss"}))
    if not givers or not receivers:
        return None
    if kind == "item":
        kind = _item_kind(item, flex) or "other"
    return Frame(
        kind=kind,
        trigger=(n.idx, n.idx + len(n.text)),
        sources=tuple(t.i for t in givers[:MAX_ENDS]),
        targets=tuple(t.i for t in receivers[:MAX_ENDS]),
        item=_span(item) if item is not None else None,
        negated=any(c.dep_ == "neg" for c in gov.children),
        rule="noun:recipient",
    )


@dataclass(frozen=True, slots=True)
class OpenGift:
    """A transfer whose recipient its clause leaves unnamed ("X pledged $5m"): a later clause may name it."""

    sentence: int  # index of the first token of its sentence
    sources: tuple[int, ...]
    kind: str


def _open_gift(v: Token, flex: FlowLexicons) -> OpenGift | None:
    """ "X pledged $5 million", "X donated rifles": a giver and a money or weapons item, no recipient."""
    frame = (_verb_entry(v, flex) or ("",))[0]
    if frame not in ("give", "pay", "give_item", "sell") and v.lemma_ not in flex.light_verbs:
        return None
    obj = _child(v, {"dobj"})
    kind = _item_kind(obj, flex)
    if obj is None or kind not in ("money", "weapons") or _is_passive(v):
        return None
    sources = _heads(_subject(v))
    if not sources:
        return None
    return OpenGift(sentence=sent_of(v).start, sources=tuple(t.i for t in sources[:MAX_ENDS]), kind=kind)


def _onward_frame(v: Token, flex: FlowLexicons, opens: Sequence[OpenGift]) -> Frame | None:
    """ "The money will go to Y", "X's funds flowed to Y": the item's giver (possessor, or the last open gift
    of its kind in this sentence or the one before) gives to Y."""
    item = _child(v, {"nsubj"})
    if item is not None and item.pos_ != "NOUN" and (part := _preps(item, {"of"})):
        item = part[0]  # "most of the money went to Y"
    kind = _item_kind(item, flex)
    if item is None or kind is None or item.pos_ != "NOUN":
        return None
    targets = [h for t in _preps(v, {"to", "toward", "towards"}) for h in _heads(t)]
    if not targets:
        return None
    sources: list[int] = [t.i for t in _heads(_child(item, {"poss"}))]
    rule = "verb:onward"
    if not sources and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
                           for c in item.children):
        sent = sent_of(v)
        before = sent_of(v.doc[sent.start - 1]).start if sent.start > 0 else sent.start
        for gift in reversed(opens):
            if gift.sentence < before:
                break
            if gift.kind == kind:
                sources, rule = list(gift.sources), rule + ":chain"
                break
    if not sources:
        return None
    return Frame(
        kind=kind,
        trigger=(v.idx, v.idx + len(v.text)),
        sources=tuple(sources[:MAX_ENDS]),
        targets=tuple(t.i for t in targets[:MAX_ENDS]),
        item=_span(item),
        time=_date_in(v),
        negated=any(c.dep_ == "neg" for c in v.children),
        rule=rule,
    )


def _pay_verb(v: Token, flex: FlowLexicons) -> bool:
    """Is this a verb of being paid (flow_pay_verbs.txt): "makes", "takes home", "was paid" (passive only)?"""
    if v.lemma_ == "pay":
        return "pay" in flex.pay_verbs and _is_passive(v)
    return v.lemma_ in flex.pay_verbs or any(c.dep_ in ("prt", "advmod") and c.i > v.i and
                                             f"{v.lemma_} {c.lower_}" in flex.pay_verbs for c in v.children)


def _pay_role(tok: Token, alex: ActorLexicons, flex: FlowLexicons) -> bool:
    """Does this noun name a job ("coach", "CEO", "chief executive", "members"), not just people ("residents")?"""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    low = tok.lemma_.lower()
    mark = flex.pay_roles.get(low, flex.pay_roles.get(tok.lower_))
    if mark is not None:
        return mark
    return low in alex.role_words or low in alex.member_nouns or low in PERSON_NOUNS


def _amount(obj: Token | None, flex: FlowLexicons) -> Token | None:
    """The sum a pay verb's object states: "$237,000", "4 million euros", "a salary of $2m"; None for
    "a decision" or "a salary" with no figure."""
    if obj is None:
        return None
    if obj.ent_type_ == "MONEY" or any(c.lower_ in CURRENCY_SIGNS for c in obj.children):
        return obj
    if (obj.like_num or obj.lower_ in MAGNITUDES) and any(
            t.ent_type_ == "MONEY" or t.lower_ in CURRENCY_SIGNS for t in obj.doc[obj.left_edge.i : obj.i]):
        return obj  # "$2m": the sign hangs on the number, not on "m" ("a $5m donation" is no pay)
    if flex.items.get(obj.lemma_.lower()) == "money":  # "a salary of $2m"
        return next((a for o in _preps(obj, {"of"}) if (a := _amount(o, flex)) is not None), None)
    return None


def _named(tok: Token) -> bool:
    """Does this phrase name its party: a proper noun at its head or before it ("the USA Rowing women's team")?"""
    if tok.pos_ == "PRON":
        return tok.lower_ == "its"  # "its CEO": the organisation named before ("their coach" may be athletes')
    return tok.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in tok.doc[tok.left_edge.i : tok.i])


def _employers(title: Token, alex: ActorLexicons, flex: FlowLexicons) -> list[Token]:
    """Who employs the holder of ``title``: "the coach of X", "X's CEO", "X Executive Director NAME".

    Of a name before the title only its last word is the end ("USA Swimming Director": "Swimming"),
    so that the whole name, read back from there, becomes the actor.
    """
    out = [h for p in _preps(title, EMPLOYER_PREPS) if _named(p) for h in _heads(p)]
    out += [c for c in title.children if c.dep_ == "poss" and _named(c)]
    if not out:
        out = [t for t in title.subtree if t.i < title.i and t.pos_ == "PROPN" and t.ent_type_ != "PERSON" and
               t.dep_ in ("compound", "nmod", "flat") and not _pay_role(t, alex, flex)][-1:]
    return out


def _salary_frame(v: Token, flex: FlowLexicons, alex: ActorLexicons) -> Frame | None:
    """ "The coach of X makes $237,000", "X Executive Director Y earns $854,000", "X's CEO was paid $2m",
    "Y takes home $90,000 from X": the employer pays the person (or the role, a GROUP actor).

    Only a stated amount of money counts ("makes a decision" is none), and only with the employer named
    ("makes $5 in tips from customers" names none).
    """
    passive = _is_passive(v)
    subj = _child(v, {"nsubjpass"}) if passive else _subject(v)
    money = _amount(_child(v, {"dobj"}), flex)
    if subj is None or money is None:
        return None
    subj = _deref(subj)
    titles: list[Token] | None
    if subj.pos_ == "PRON":
        titles = [] if subj.lower_ in PERSON_PRONOUNS else None
    elif subj.pos_ == "PROPN" and subj.ent_type_ == "PERSON":
        # "X Director NAME", "NAME, the director of X": titles before and in apposition to the name
        titles = [c for c in subj.children if c.dep_ in ("compound", "appos") and c.ent_type_ != "PERSON"
                  and _pay_role(c, alex, flex)]
    else:
        titles = [subj] if _pay_role(subj, alex, flex) else None
    if titles is None:
        return None
    employers = [e for t in titles for e in _employers(t, alex, flex)]
    employers += [h for p in _preps(v, {"from"}) + _preps(money, {"from"}) if _named(p) for h in _heads(p)]
    employers = [e for e in dict.fromkeys(employers) if e.i != subj.i]
    if not employers:
        return None
    return Frame(
        kind="money",
        trigger=(v.idx, v.idx + len(v.text)),
        sources=tuple(t.i for t in employers[:MAX_ENDS]),
        targets=tuple(t.i for t in _conjuncts(subj)),
        item=_span(money),
        time=_date_in(v),
        negated=any(c.dep_ == "neg" for c in v.children),
        rule="verb:salary",
        own_targets=True,  # "the coach of X": the coach is paid, not X (whom a member noun would stand for)
    )


def paid_role(fr: Frame, tok: Token) -> bool:
    """Is ``tok`` a paid role at the receiving end of money ("The coach of X makes $5m", "the director
    received $5m from X")? Then the role noun names people, whether or not a group lexicon lists it."""
    if fr.kind != "money" or tok.i not in fr.targets:
        return False
    return fr.rule.startswith("verb:salary") or (
        fr.rule.startswith("verb:receive") and _pay_role(tok, actor_lexicons(), flow_lexicons()))


def _verb_entry(v: Token, flex: FlowLexicons) -> tuple[str, str] | None:
    """The flow_verbs.tsv entry of a verb: its phrasal form first ("set aside", "bail out"), else its lemma."""
    for c in v.children:
        if c.dep_ in ("prt", "advmod") and c.i > v.i and (key := f"{v.lemma_} {c.lower_}") in flex.verbs:
            return flex.verbs[key]
    return flex.verbs.get(v.lemma_)


def _debt_frame(v: Token, flex: FlowLexicons, alex: ActorLexicons) -> Frame | None:
    """ "X owes $5m to Y", "X owes Y $5m": the creditor Y gave the debtor X the money."""
    objects = [c for c in v.children if c.dep_ in ("dobj", "dative", "iobj")]
    money = [o for o in objects if _item_kind(o, flex) == "money"]
    if not money:
        return None
    creditors = [h for o in objects if o not in money and actor_like(o, alex, flex) for h in _heads(o)]
    creditors += [h for t in _preps(v, {"to"}) + _preps(money[0], {"to"}) for h in _heads(t)]
    debtors = _heads(_subject(v)) if not _is_passive(v) else []
    if not creditors or not debtors:
        return None
    return Frame(
        kind="money",
        trigger=(v.idx, v.idx + len(v.text)),
        sources=tuple(t.i for t in creditors[:MAX_ENDS]),
        targets=tuple(t.i for t in debtors[:MAX_ENDS]),
        item=_span(money[0]),
        time=_date_in(v),
        negated=any(c.dep_ == "neg" for c in v.children),
        rule="verb:debt",
    )


def _owning_state(tok: Token) -> Token | None:
    """The state that owns a firm at a flow end: "Venezuela's state-run PDVSA", "Qatar's state-owned X"."""
    if tok.pos_ != "PROPN" and not tok.ent_type_:  # "Vessen Arms": a name the tagger may read as a noun
        return None
    # "state-owned" says the possessor is a state, whatever NER made of its name
    poss = next((c for c in tok.children if c.dep_ == "poss" and (c.ent_type_ == "GPE" or c.pos_ == "PROPN")), None)
    if poss is None:
        return None
    for c in tok.children:
        if c.dep_ == "amod" and c.lower_ in STATE_OWNED and c.i < tok.i and \
                any(m.lower_ in ("state", "government") for m in c.children):
            return poss
    return None


def _with_owning_states(fr: Frame, doc: Doc) -> Frame:
    """A transfer to or from a state-owned firm is the owning state's too: its end gains the state."""
    owners: list[tuple[int, int]] = []

    def more(ends: tuple[int, ...]) -> tuple[int, ...]:
        extra = [(st.i, i) for i in ends if (st := _owning_state(doc[i])) is not None and st.i not in ends]
        owners.extend(extra)
        return (*ends, *(st for st, _ in extra))[:MAX_ENDS + 1] if extra else ends

    sources, targets = more(fr.sources), more(fr.targets)
    if sources == fr.sources and targets == fr.targets:
        return fr
    # the state's end is the tool's reading, not the article's words: the flow names the firm it stands for
    return replace(fr, sources=sources, targets=targets, owners=tuple(owners), rule=fr.rule + ":state-owned")


def _payment_back(fr: Frame) -> Frame | None:
    """A sale is paid for: "X sold rifles to Z" also moves Z's money to X (none when money was sold).

    Only sales: a purchase ("Z bought rifles from X") is read for its goods alone, as the seed gold reads it.
    """
    if fr.kind == "money":
        return None
    return Frame(kind="money", trigger=fr.trigger, sources=fr.targets, targets=fr.sources, time=fr.time,
                 negated=fr.negated, rule=fr.rule + ":payment")


def _more_kinds(fr: Frame, doc: Doc, flex: FlowLexicons) -> list[Frame]:
    """ "sent a single bullet or a single coin": a frame for each further kind among coordinated items."""
    if fr.item is None or (head := token_at_char(doc, fr.item[1] - 1)) is None:
        return []
    # "weapons and other aid": an item marked "other" is the wider class of the one before, no new flow
    kinds = dict.fromkeys(k for c in _conjuncts(head) if (k := flex.items.get(c.lemma_.lower())) and
                          not any(m.dep_ == "amod" and m.lower_ == "other" for m in c.children))
    return [replace(fr, kind=k, rule=fr.rule + ":conjunct") for k in kinds if k != fr.kind]


def find_frames(doc: Doc) -> list[Frame]:
    """Every transfer frame in the Doc, in text order (cached on the Doc: both stages read it)."""
    cached = doc.user_data.get(CACHE_KEY)
    if cached is not None:
        return cached
    flex, alex = flow_lexicons(), actor_lexicons()
    frames: list[Frame] = []
    opens: list[OpenGift] = []  # gifts with no recipient yet, for "The money will go to Y" after them
    triggers = flex.triggers | DEBT_VERBS | IMPORT_NOUNS
    for tok in doc:
        lower, lemma = tok.lower_, tok.lemma_  # read once: each attribute access is a lookup in the vocabulary
        low = lemma.lower()
        if lower not in triggers and low not in triggers:
            continue  # most words start no frame: skip the rules' tests for them
        pos = tok.pos_
        frame: Frame | None = None
        extra: list[Frame] = []
        if lower in flex.participles and tok.i >= 1:
            frame = _participle_frame(tok, flex.participles[lower], flex, alex)
        if frame is not None:
            pass
        elif pos == "VERB" and (entry := _verb_entry(tok, flex)) is not None:
            fr, kind = entry
            frame = _verb_frame(tok, fr, kind, flex, alex, frames)
            if frame is not None and kind == "item":
                extra = _more_kinds(frame, doc, flex)
            if frame is not None and fr == "sell" and (back := _payment_back(frame)) is not None:
                frames.append(frame)
                frame = back
        elif pos == "VERB" and tok.tag_ == "VBZ" and lemma in flex.nouns:
            frame = _misparsed_noun_frame(tok, flex.nouns[lemma], flex)
            if frame is None and lemma in flex.onward_verbs:  # "the money flows to Y": a verb after all
                frame = _onward_frame(tok, flex, opens)
        elif pos == "VERB" and lemma in flex.onward_verbs:
            frame = _onward_frame(tok, flex, opens)
        elif pos == "VERB" and low in DEBT_VERBS:
            frame = _debt_frame(tok, flex, alex)
        elif pos == "NOUN" and tok.dep_ != "compound" and low in flex.nouns:
            frame = _noun_frame(tok, flex.nouns[low], flex, alex)
        elif pos == "NOUN" and low in flex.agent_nouns:
            frame = _agent_frame(tok, flex.agent_nouns[low], flex)
        elif pos == "NOUN" and low in flex.recipient_nouns:
            frame = _recipient_frame(tok, flex.recipient_nouns[low], flex, alex)
        elif pos == "NOUN" and low in IMPORT_NOUNS and tok.dep_ != "compound":
            frame = _import_frame(tok, flex, alex)
        if frame is None and pos == "VERB" and _pay_verb(tok, flex):
            # after the verb frames: "Hezbollah fighters received $5m from X" stays a gift to Hezbollah
            frame = _salary_frame(tok, flex, alex)
        if frame is None and pos == "VERB" and (_verb_entry(tok, flex) or lemma in flex.light_verbs) and \
                (gift := _open_gift(tok, flex)) is not None:
            opens.append(gift)
        if frame is not None and pos == "VERB" and _intended(tok):  # "agreed to supply": meant, not done
            if frames and frames[-1].trigger == frame.trigger:  # a sale's goods, before its payment back
                frames[-1] = replace(frames[-1], hedged=True)
            frame = replace(frame, hedged=True)
            extra = [replace(x, hedged=True) for x in extra]
        if frame is not None:
            frames.append(frame)
        frames += extra
    frames = [_with_owning_states(fr, doc) for fr in frames]
    doc.user_data[CACHE_KEY] = frames
    return frames
