"""Actor mentions that the small NER model misses or cuts badly, found by rules over the text.

Each rule returns :class:`Candidate` records with character offsets; ``entities.py`` merges them
with spaCy's entities, resolves overlaps and clusters them into actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from claimgraph.extract.actor_lexicons import ActorLexicons
from claimgraph.lexicons import entries
from claimgraph.records import Document
from claimgraph.resolve import GENERATIONAL_SUFFIXES, AliasTable, initials_match

_APOS = "'’"
# Transliterated Arabic personal names: "Abu Omar al-Shishani", "Nouri al-Maliki", "Osama bin Laden".
_ARTICLE = r"(?:al|el|ad|ash|as|at|az|an|ar|Al|El)[-‑]"
_CAP = r"[A-Z][a-z][\w'’]*"
TRANSLIT = re.compile(
    rf"\b(?:(?:Abu|Abou|Umm|Ibn)\s+{_CAP}(?:\s+{_CAP})?(?:\s+{_ARTICLE}{_CAP})*"
    rf"|{_CAP}(?:\s+(?:bin|ibn|Bin|Ibn)\s+{_CAP})+(?:\s+{_ARTICLE}{_CAP})*"
    rf"|{_CAP}(?:\s+{_CAP})?(?:\s+{_ARTICLE}{_CAP})+)"
)
# Names glued to a number or country code, as Salafist and other outfits style themselves: "Sharia4Holland".
DIGIT_NAME = re.compile(r"\b[A-Z][a-z]+[0-9]+[A-Z][A-Za-z]*\b")
ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z0-9&.\-]{0,8}[A-Z0-9]s?)\)")
# A legislator's party and state in brackets ("Ted Cruz (R-TX)", "(D-N.Y.)"): a tag, not an acronym of the name.
PARTY_STATE_TAG = re.compile(r"[DRI]-[A-Z][A-Z.]{1,5}")
ACRONYM_BEFORE = re.compile(r"\b([A-Z][A-Z0-9&]{1,8})\s+\(([A-Z][^()\n]{3,80}?)\)")
RAW_EMPHASIS = re.compile(r"(?<![*\w])\*([A-Z][^*\n]{0,78}?)\*(?![*\w])")
CAPSEQ = re.compile(rf"(?:{_CAP}|[A-Z]+)(?:\s+(?:(?:of|for|and|the|de|du|des|la|on|in)\s+)*(?:{_CAP}|[A-Z]+))*$")
# Capitalised words that start a sentence but never a name ("Then al-Maliki ...", "Without Bloomberg in the mix").
NOT_NAME_START = frozenset(
    " ".join(
        ("The A An This That These Those Then When While After Before Since As If But And Or So Yet",
         "In On At By For From To With Without Of Under Over Former Late Says Said",
         "Despite Unlike Like Against Amid Among Although Though Whereas Unless Until Because Whether Nor",
         "Into Onto Through Via")
    ).split()
)
# Of those, the ones the model may run into a person's name after them ("Without Bloomberg"); not the ones that
# are given names too ("An", "Said"), the articles being left to the article rule of ``trim``
FUNCTION_WORD_BEFORE = re.compile(r"(?:" + "|".join(sorted(NOT_NAME_START - {"A", "An", "Said"})) + r")\s+(?=[A-Z])")


# A dateline NER took into a name at the start of a paragraph: "CLEVELAND - Donald Trump", "WASHINGTON (AP) —
# Bernie Sanders".
DATELINE_PREFIX = re.compile(r"[A-Z][A-Z.'’]*(?: [A-Z][A-Z.'’]*)*\s*(?:\([^()\n]{1,20}\)\s*)?(?:-{1,2}|[–—])\s+")
# The "s" of a possessive split from its owner ("Trump’s" read as "Trump’" + "s Donald Trump").
STRAY_S = re.compile(r"s\s+(?=[A-Z])")
# A person named after an owner's possessive: "Breitbart’s Joel Pollak", "National Review’s Ian Tuttle".
OWNER_BEFORE_PERSON = re.compile(r".*?\w['’]s\s+(?=(?:[A-Z][\w.'’-]*\s+)+[A-Z][\w.'’-]*$)")
# A count after a name ("Ted Cruz 1", "Marco Rubio 3" from a results table).
TRAILING_COUNT = re.compile(r"\s+\d{1,4}$")
# A generational suffix after a person's name, set off by a comma ("Donald Trump, Jr., 38").
SUFFIX_AFTER = re.compile(r",?\s(?:Jr|Sr|II|III|IV)\b\.?")
# The first letter of a sentence: at the text's start or after ". ", "?” ", "!) " (not at every line start: text
# wrapped by hard line breaks starts most lines mid-sentence, in lower case). A period after one capital ends an
# initial or "U.S." ("U.S. officials"), and a tag left in the text ("<tweet pic=...>") starts no sentence.
SENTENCE_START = re.compile(r"(?:\A|(?<!\b[A-Z])[.!?][\"”’')\]]*\s+)[^\w\n<]*([^\W\d_])")


@lru_cache(maxsize=1)
def group_name_heads() -> frozenset[str]:
    """actor_group_name_heads.txt, lower case: "sons", "army" of "the Sons of X", "the Army of X"."""
    return frozenset(w.lower() for w in entries("actor_group_name_heads.txt"))


@lru_cache(maxsize=1)
def place_of_nouns() -> frozenset[str]:
    """actor_place_of_nouns.txt: "port", "town" of "the port of X", "the town of X"."""
    return frozenset(w.lower() for w in entries("actor_place_of_nouns.txt"))


@lru_cache(maxsize=1)
def person_roles() -> frozenset[str]:
    """actor_person_roles.txt: role and kin nouns ("deputy", "brother") a name in apposition to is a person's."""
    return frozenset(w.lower() for w in entries("actor_person_roles.txt"))


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    text: str
    label: str  # NER label or the type a rule decided
    rule: str  # "ner", "translit", "acronym", "definition", "emphasis", "alias", "digit", "propagated", ...
    canonical: str | None = None  # a name this mention stands for (alias table, metonymy, demonym)
    forced_type: str | None = None


def make(text: str, start: int, end: int, label: str, rule: str, **kw: str | None) -> Candidate:
    return Candidate(start, end, text[start:end], label, rule, **kw)


@lru_cache(maxsize=8)
def text_is_cased(text: str) -> bool:
    """Whether most sentences start with a capital: only then does a lowercase NER span mean junk.

    Computed once per document (the cache is keyed on the text itself, whose hash Python keeps, so later
    calls cost a lookup) and only when a lowercase span turns up. Abbreviations ("U.S. troops") and the odd
    slip give a cased text a few lowercase starts, far fewer than half.
    """
    starts = [m.group(1) for m in SENTENCE_START.finditer(text)]
    return 2 * sum(ch.isupper() for ch in starts) >= len(starts)


@lru_cache(maxsize=4)
def _titles_by_edge_word(titles: frozenset[str]) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Titles of two words or more by their first word and by their last: a span is checked against a few."""
    first: dict[str, list[str]] = {}
    last: dict[str, list[str]] = {}
    for title in titles:
        words = title.split()
        if len(words) > 1:
            first.setdefault(words[0], []).append(title)
            last.setdefault(words[-1], []).append(title)
    return {k: tuple(v) for k, v in first.items()}, {k: tuple(v) for k, v in last.items()}


def is_title(phrase: str, titles: frozenset[str]) -> bool:
    """Is the phrase a title and nothing more ("Foreign Minister"): no one's name, whoever holds it?"""
    return " ".join(phrase.lower().split()) in titles


def _title_tail(text: str, s: int, e: int, titles: frozenset[str]) -> bool:
    """Whether text[s:e] ends a title whose first words are written just before it ("Secretary of" + "State")."""
    low = text[s:e].lower()
    words = low.split()
    for title in _titles_by_edge_word(titles)[1].get(words[-1], ()) if words else ():
        if title.endswith(" " + low):
            head = title[: len(title) - len(low)]
            if s >= len(head) and text[s - len(head) : s].lower() == head:
                return True
    return False


def _title_head(text: str, s: int, e: int, titles: frozenset[str]) -> bool:
    """Whether text[s:e] starts a title whose last words are written just after it ("Interior" + "Minister")."""
    low = text[s:e].lower()
    words = low.split()
    for title in _titles_by_edge_word(titles)[0].get(words[0], ()) if words else ():
        if title.startswith(low + " "):
            rest = title[len(low) :]
            after = text[e : e + len(rest) + 1]
            if after[: len(rest)].lower() == rest and not after[len(rest) :].isalpha():
                return True
    return False


# Prepositions NER runs a place name across ("from the Karsk Republic to Valmont"): no place's name has one
# of them between capitalised words ("Bosnia and Herzegovina", "Rio de Janeiro" have other words there).
_GLUE = re.compile(r"\s+(?:to|from|into|via|through|towards?|onto)\s+(?=[A-Z])")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def split_glued(c: Candidate, text: str) -> list[Candidate]:
    """A place span NER glued across a lowercase preposition, split into the names on either side of it."""
    if c.label not in PLACE_LABELS or c.rule != "ner":
        return [c]
    out, s = [], c.start
    for m in _GLUE.finditer(text, c.start, c.end):
        out.append(make(text, s, m.start(), c.label, c.rule))
        s = m.end()
    return [*out, make(text, s, c.end, c.label, c.rule)] if out else [c]


def trim(c: Candidate, text: str, alex: ActorLexicons) -> Candidate | None:
    """Drop a leading "the", titles ("then-Iraqi prime minister"), a possessive "'s", stray asterisks/quotes.

    None for NER junk: markup, a lowercase word in a cased text, the last word of a title ("Secretary of State").
    """
    s, e = c.start, c.end
    while s < e and (text[s] in "*\"“”'‘’([" or text[s].isspace()):
        s += 1
    if "\n" in text[s:e]:
        e = text.index("\n", s, e)  # a name never runs over a line break ("Ilvania\n\nTalvik")
    while e > s and (text[e - 1] in "*\"“”'‘’)].," or text[e - 1].isspace()):
        e -= 1
    if text[s:e].endswith(("'s", "’s", "‘s")):  # "‘" typed for an apostrophe: "Barack Obama‘s"
        e -= 2
        while e > s and text[e - 1].isspace():
            e -= 1  # "Trump ’s" in tokenised copy: the name, not its space
    if c.rule == "ner":
        at_line_start = s == 0 or text[s - 1] == "\n"
        if at_line_start and (m := DATELINE_PREFIX.match(text, s, e)) is not None:
            if " " not in text[m.end() : e].strip():
                return None  # "NEW YORK - Presidential": a dateline and the sentence's first word
            s = m.end()
        if (m := STRAY_S.match(text, s, e)) is not None:
            s = m.end()
        if c.label == "PERSON":
            if (m := OWNER_BEFORE_PERSON.match(text, s, e)) is not None:
                s = m.end()
            if (m := FUNCTION_WORD_BEFORE.match(text, s, e)) is not None:
                s = m.end()  # "Without Bloomberg in the mix": a sentence's first word the model ran into the name
            if (m := TRAILING_COUNT.search(text, s, e)) is not None and " " in text[s : m.start()].strip():
                e = m.start()
            if (m := SUFFIX_AFTER.match(text, e)) is not None:
                e = m.end()  # "Donald Trump, Jr.": the son, not the father (the model spans "Jr" on its own)
    if c.rule != "emphasis":
        low = text[s:e].lower()
        if low.startswith(("the ", "the\u00a0")):
            s += 4
        elif (m := re.match(r"an? (?=[A-Z])", text[s:e])) is not None:
            s += m.end()  # "a Republican", "an Associated Press poll": the article NER took in
    changed = True
    while changed and c.label == "PERSON":
        changed = False
        low = text[s:e].lower()
        for pre in ("then-", "former ", "late ", "then "):
            if low.startswith(pre):
                s += len(pre)
                changed = True
                low = text[s:e].lower()
        words = low.split()
        for n in (3, 2, 1):
            if len(words) > n and " ".join(words[:n]) in alex.titles:
                s += len(" ".join(text[s:e].split()[:n])) + 1
                changed = True
                break
    while s < e and text[s].isspace():
        s += 1
    if e - s < 2 or not any(ch.isalpha() for ch in text[s:e]):
        return None
    if c.rule == "ner":
        span = text[s:e]
        if any(ch in "=<>" for ch in span):
            return None  # markup left in the text: 'datetime="2016'
        # Names are capitalised, so in a cased text a lowercase span is a word NER misread ("state" of "secretary
        # of state", "n’t", "absentia"). Handles and hashtags are the exception; the tokenizer splits "#" off.
        tag = span[0] in "@#" or (s > 0 and text[s - 1] in "@#")
        if not any(ch.isupper() for ch in span) and not tag and text_is_cased(text):
            return None
        # "State" of "Secretary of State John Kerry" is part of the title, not the department. The model reads
        # a title's last word as the institution it names (ORG "State", "Defense"), so persons are left alone.
        if c.label != "PERSON" and (_title_tail(text, s, e, alex.titles) or _title_head(text, s, e, alex.titles)):
            return None  # and "Interior" of "Interior Minister X": the title's first word
        if is_title(span, alex.titles):
            return None  # a whole title ("Korvania's Foreign Minister, Ilan Petrovic"): no one's name
        if span.rstrip(".").lower() in GENERATIONAL_SUFFIXES:
            return None  # "Jr." of "Donald Trump, Jr.": the comma made it a name of its own
    return replace(c, start=s, end=e, text=text[s:e])


def translit_candidates(text: str, alex: ActorLexicons) -> list[Candidate]:
    out = []
    for m in TRANSLIT.finditer(text):
        s, e = m.start(), m.end()
        first = m.group(0).split()[0]
        if first in NOT_NAME_START:
            nxt = text.find(" ", s)
            if nxt < 0:
                continue
            s = nxt + 1
            if not re.match(rf"(?:{_CAP}\s+{_ARTICLE}|Abu|Umm|Ibn)", text[s:e]):
                continue
        first = text[s:e].split()[0]
        label = "ORG" if first in alex.group_words else "PERSON"
        out.append(make(text, s, e, label, "translit", forced_type=label))
    for m in DIGIT_NAME.finditer(text):
        out.append(make(text, m.start(), m.end(), "ORG", "digit", forced_type="ORG"))
    return out


CALENDAR_WORDS = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})


def company_candidates(text: str, alex: ActorLexicons) -> list[Candidate]:
    """Firms' names NER may miss: capitalised words ending in a company word ("Talvik Arms Trading")."""
    out = []
    for m in re.finditer(r"[A-Z][\w'’&.\-]*(?:[ \t]+[A-Z][\w'’&.\-]*)+", text):
        words = [(w.start() + m.start(), w.group(0)) for w in re.finditer(r"\S+", m.group(0))]
        run: list[tuple[int, str]] = []
        for start, word in words:
            run.append((start, word))
            bare = word.rstrip(",;:")
            ends = bare.endswith(".") and bare not in alex.company_words  # "Trading." ends its sentence
            name = bare if bare in alex.company_words else bare.rstrip(".")
            if name in alex.company_words:
                k = 0
                while k < len(run) - 1 and (run[k][1] in NOT_NAME_START or run[k][1] in CALENDAR_WORDS):
                    k += 1  # "In January Talvik Arms Trading": the sentence's first words are not the name
                if len(run) - k >= 2:
                    out.append(make(text, run[k][0], start + len(name), "ORG", "company", forced_type="ORG"))
            if ends or word != bare:
                run = []  # a sentence or a list item ends here
    return out


def emphasis_candidates(document: Document) -> list[Candidate]:
    """Names set in emphasis (publications: *The Cradle*), from cleaning's record or raw asterisks."""
    text = document.text
    out = [
        make(text, em.start, em.end, "MEDIA", "emphasis")
        for em in document.emphasis
        if em.text[:1].isupper() and len(em.text.split()) <= 6
    ]
    for m in RAW_EMPHASIS.finditer(text):
        if len(m.group(1).split()) <= 6:
            out.append(make(text, m.start(1), m.end(1), "MEDIA", "emphasis"))
    return out


@lru_cache(maxsize=4)
def _alias_regex(table: AliasTable) -> re.Pattern[str]:
    forms = sorted(table.surfaces(), key=len, reverse=True)
    return re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w\-])")


def alias_candidates(text: str, table: AliasTable) -> list[Candidate]:
    out = []
    for m in _alias_regex(table).finditer(text):
        entry = table.lookup(m.group(0))
        if entry is not None:
            out.append(make(text, m.start(), m.end(), entry.type, "alias", canonical=entry.canonical,
                            forced_type=entry.type))
    return out


def acronym_definitions(text: str, cands: list[Candidate]) -> tuple[list[Candidate], dict[str, str]]:
    """"Name (ACR)" and "ACR (Name)": the acronym's mention and a map acronym -> defining name.

    The name before the bracket is the candidate that ends there; words are dropped from its front
    while that makes the initials match ("the US Defense Intelligence Agency (DIA)" defines DIA as
    "Defense Intelligence Agency"). A name whose initials do not match at all is still the definition
    when the acronym follows it directly: transliterated acronyms rarely match English names.
    """
    by_end = {c.end: c for c in cands}
    out: list[Candidate] = []
    defs: dict[str, str] = {}
    for m in re.finditer(r"\(", text):
        am = ACRONYM_AFTER.match(text, m.start() - (1 if m.start() and text[m.start() - 1] == " " else 0))
        if am is None or am.start(1) != m.start() + 1:
            continue
        acr = am.group(1)
        if len(acr.replace(".", "")) < 2 or PARTY_STATE_TAG.fullmatch(acr):
            continue
        end = m.start() - 1 if m.start() and text[m.start() - 1] == " " else m.start()
        name_c = by_end.get(end)
        if name_c is None:
            line_start = max(text.rfind("\n", 0, end), end - 120) + 1
            cm = CAPSEQ.search(text[line_start:end])
            if cm is None:
                continue
            name_c = make(text, line_start + cm.start(), end, "ORG", "definition")
        words = name_c.text.split()
        start = name_c.start
        for k in range(len(words)):
            sub = " ".join(words[k:])
            if initials_match(acr, sub) and len(words) - k >= 2:
                start = name_c.end - len(sub)
                break
        if start != name_c.start:
            name_c = make(text, start, name_c.end, name_c.label, "definition")
        if len(name_c.text.split()) < 2 or name_c.text.isupper():
            continue
        label = name_c.label if name_c.label not in ("PERSON", "NORP", "GPE") else "ORG"
        out.append(replace(name_c, label=label, rule="definition", forced_type=label))
        out.append(make(text, am.start(1), am.end(1), label, "acronym", forced_type=label))
        defs.setdefault(acr, name_c.text)
    for m in ACRONYM_BEFORE.finditer(text):
        acr, name = m.group(1), m.group(2)
        if initials_match(acr, name) and len(name.split()) >= 2:
            out.append(make(text, m.start(1), m.end(1), "ORG", "acronym", forced_type="ORG"))
            out.append(make(text, m.start(2), m.end(2), "ORG", "definition", forced_type="ORG"))
            defs.setdefault(acr, name)
    return out, defs
