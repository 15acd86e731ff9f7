"""Alias resolution: which names stand for the same actor.

Inside a document, :func:`cluster_names` groups the mentions the extractor found
(acronyms to their definitions, spelling variants of transliterated names, bare
surnames to the nearest full name, well-known equivalences from ``aliases.tsv``).
Across documents, :func:`compare_actors` says whether two canonical actors are the
same (``merge``), maybe the same (``candidate``, for a human to confirm) or not (``no``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz

from claimgraph.errors import LexiconError
from claimgraph.lexicons import entries, lexicon_files

Decision = Literal["merge", "candidate", "no"]

# Arabic articles as transliterated ("al-Maliki", "el-Sisi", "ad-Din", "ash-Shishani"): dropped when comparing.
_ARTICLE = re.compile(r"\b(?:al|el|ad|ag|ar|as|ash|at|az|an|ul|ud)[-\s‑’']+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_DOUBLE = re.compile(r"(.)\1+")
# Person names are compared token by token; at or above these rapidfuzz ratios two tokens are spellings of one name.
SURNAME_RATIO = 90.0  # "Qaddafi" / "Gaddafi" after normalisation
GIVEN_NAME_RATIO = 80.0  # "Osama" / "Usama", not "Mark" / "Mary" (75)
ORG_RATIO = 92.0  # whole-name ratio for organisations: spelling variants, not sibling bodies
CANDIDATE_RATIO = 85.0  # across documents, below a merge but worth a human look
# Word against word in names of as many words: at or above this ratio (and with the same first letter) one word
# is a spelling of the other ("Democrat" / "Democratic", "Institute" / "Institution"); below, another ("Mets" / "Jets").
VARIANT_WORD_RATIO = 80.0
# Two spellings of a transliterated word that differ only in their vowels ("Mohamed" / "Muhamad", "Laden" / "Ladin",
# "Soleimani" / "Suleimani") are one word at or above this ratio; "Martin" / "Morton" (67) are two names.
TRANSLIT_RATIO = 70.0
_VOWELS = frozenset("aeiouy")
# Consonants transliterations swap: Arabic qaf is written q, k or g ("Qaddafi" / "Gaddafi" / "Kaddafi").
_SAME_CONSONANT = frozenset({frozenset("qk"), frozenset("qg")})
# First letters of one given name spelled two ways: those, and c/k ("Catherine" / "Katherine")
_SAME_ONSET = _SAME_CONSONANT | {frozenset("ck")}
# Words that link the parts of a name ("Bank of Japan", "Ministry for Trade", "Banco de España"): never a name's
# head, never a word to compare two names on.
NAME_LINK_WORDS = frozenset({"of", "and", "for", "in", "on", "to", "at", "de", "du", "des", "del", "la"})


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """A comparison key for a name: no diacritics, articles, punctuation, doubled letters; ou -> u.

    "Nouri al-Maliki" and "Nuri al-Maliki" share the key "nuri maliki". Memoised: the corpus resolver
    compares the same few thousand names again and again.
    """
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").replace("‘", "'")
    s = _ARTICLE.sub("", s)
    s = s.lower().replace("'s ", " ").replace("-", " ")
    s = _NON_WORD.sub("", s)
    s = s.replace("ou", "u").replace("ee", "i").replace("ph", "f")
    s = _DOUBLE.sub(r"\1", s)
    words = s.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _name_words(name: str) -> tuple[str, ...]:
    """The content words of a name's key, split at slashes as well ("Washington Post/ABC News")."""
    return tuple(w for w in normalise_name(name.replace("/", " ")).split() if w not in NAME_LINK_WORDS)


def _word_variant(x: str, y: str) -> bool:
    """One word of a name spelled two ways, or abbreviated ("Ft." / "Fort", "St" / "Saint")."""
    if x == y or vowel_variant(x, y):
        return True
    if x[:1] != y[:1]:
        return False
    short, long_ = sorted((x, y), key=len)
    if len(short) <= 3 and len(long_) > len(short) and _in_order(short, long_):
        return True  # the letters of the short form, in order: an abbreviation
    return fuzz.ratio(x, y) >= VARIANT_WORD_RATIO


def vowel_variant(x: str, y: str) -> bool:
    """Two normalised words that are one transliterated name: the same consonants in the same places, the
    vowels between them spelled otherwise ("mohamed" / "muhamad", "osama" / "usama", "qadafi" / "gadafi").

    At least three consonants ("Dan" / "Don", "Allen" / "Ellen" are other names), the same last letter (a
    final vowel tells "Carla" from "Carlo", "Roberta" from "Roberto") and a ratio of at least TRANSLIT_RATIO.
    """
    if x == y:
        return True
    return _same_shape(x, y) and len(consonant_key(x)) >= 3 and fuzz.ratio(x, y) >= TRANSLIT_RATIO


def _same_shape(x: str, y: str) -> bool:
    """The same consonants (q/k/g aside) in the same places and the same last letter; vowels may differ."""
    if len(x) != len(y) or x[-1:] != y[-1:]:
        return False
    for a, b in zip(x, y, strict=True):
        if (a in _VOWELS) != (b in _VOWELS):
            return False
        if a not in _VOWELS and a != b and frozenset((a, b)) not in _SAME_CONSONANT:
            return False
    return True


def consonant_key(word: str) -> str:
    """What every vowel_variant of a normalised word shares: its consonants, q/k/g as one ("mhmd", "kdf")."""
    return "".join("k" if ch in "qg" else ch for ch in word if ch not in _VOWELS)


def _in_order(short: str, long_: str) -> bool:
    """Whether the letters of ``short`` occur in ``long_`` in the same order ("ft" in "fort")."""
    it = iter(long_)
    return all(c in it for c in short)


def differ_in_a_word(a: str, b: str) -> bool:
    """Two names of as many words where some word is no spelling of its counterpart: sibling bodies or places
    ("Democratic National Committee" / "… Convention", "NBC News" / "ABC News", "West Africa" / "East Africa"),
    however close their letters. Names of different lengths are left to the whole-name ratio."""
    ta, tb = _name_words(a), _name_words(b)
    return len(ta) == len(tb) > 0 and not all(_word_variant(x, y) for x, y in zip(ta, tb, strict=True))


def spelled_alike(a: str, b: str) -> bool:
    """Two names of as many words, each word the same or a transliteration of its counterpart, at least one
    a transliteration ("Hezbollah Brigades" / "Hizballah Brigades")."""
    ta, tb = _name_words(a), _name_words(b)
    return len(ta) == len(tb) > 0 and ta != tb and all(vowel_variant(x, y) for x, y in zip(ta, tb, strict=True))


def group_key(name: str) -> str:
    """The comparison key of a group's name, singular: "Muslims" and "Muslim", "Republicans" and "Republican"
    name one group (the model types both NORP)."""
    key = normalise_name(name)
    return key[:-1] if key.endswith("s") and len(key.split()[-1]) > 3 else key


def initials_match(acronym: str, name: str) -> bool:
    """True when the capitals of ``acronym`` are the initials of ``name``'s words, in order.

    Function words may be skipped ("Free Syrian Army" / "FSA", "Conflict Armament Research" / "CAR",
    "Organisation of the Petroleum Exporting Countries" / "OPEC" is not required to match).
    """
    letters = [c for c in acronym.upper() if c.isalpha()]
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    initials = [w[0].upper() for w in words if w[0].isalpha()]
    strong = [w[0].upper() for w in words if w[0].isupper()]
    if not letters:
        return False
    for seq in (strong, initials):
        it = iter(seq)
        if all(any(c == x for x in it) for c in letters) and seq and seq[0] == letters[0]:
            return True
    return False


def _designator_key(word: str) -> str:
    return word.rstrip(",").replace(".", "").lower()


@lru_cache(maxsize=1)
def company_designators() -> frozenset[str]:
    """actor_company_designators.txt as compared: lower case, no full stops ("inc", "ltd", "holdings")."""
    return frozenset(_designator_key(w) for w in entries("actor_company_designators.txt"))


def without_designators(name: str) -> list[str]:
    """The shorter forms of a firm's name without its last designator words, each of two words or more:
    ["Ostrel Shipping Holdings"] for "Ostrel Shipping Holdings Ltd", ["Ostrel Shipping"] for "Ostrel Shipping
    Holdings", none for "Ostrel Group" (a bare "Ostrel" may be a person's surname)."""
    words = name.split()
    out = []
    while len(words) > 2 and words[-1][:1].isupper() and _designator_key(words[-1]) in company_designators():
        words = words[:-1]
        out.append(" ".join(words).rstrip(","))
    return out


# ---------------------------------------------------------------- alias table


@dataclass(frozen=True, slots=True)
class AliasEntry:
    canonical: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AliasTable:
    """Well-known equivalent names (``canonical<TAB>type<TAB>alias|alias``), looked up by surface form."""

    entries: tuple[AliasEntry, ...]
    by_surface: dict[str, AliasEntry] = field(hash=False, compare=False)
    by_key: dict[str, AliasEntry] = field(hash=False, compare=False)

    def lookup(self, surface: str) -> AliasEntry | None:
        """The entry a surface form belongs to: exact form first, then its normalised key."""
        return self.by_surface.get(surface) or self.by_key.get(normalise_name(surface))

    def surfaces(self) -> list[str]:
        return list(self.by_surface)


def parse_alias_lines(lines: Iterable[str], where: str = "<alias table>") -> list[AliasEntry]:
    out = []
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise LexiconError(
                f"{where}, line {n}",
                f"expected 3 tab-separated fields (canonical, type, alias|alias), got {len(parts)}: {line!r:.80}",
            )
        canonical, typ, aliases = (p.strip() for p in parts)
        forms = tuple(dict.fromkeys([canonical, *(a.strip() for a in aliases.split("|") if a.strip())]))
        out.append(AliasEntry(canonical, typ, forms))
    return out


def build_alias_table(entries: Sequence[AliasEntry]) -> AliasTable:
    by_surface: dict[str, AliasEntry] = {}
    by_key: dict[str, AliasEntry] = {}
    for e in entries:  # later entries (user files) override earlier ones
        for form in e.aliases:
            by_surface[form] = e
            by_key[normalise_name(form)] = e
    return AliasTable(tuple(entries), by_surface, by_key)


def load_alias_table(*extra: str | Path) -> AliasTable:
    """The shipped ``aliases.tsv`` plus the user's files in the same format (which win on conflicts)."""
    entries = [e for label, lines in lexicon_files("aliases.tsv") for e in parse_alias_lines(list(lines), label)]
    for p in extra:
        entries += parse_alias_lines(Path(p).read_text(encoding="utf-8").splitlines(), str(p))
    return build_alias_table(entries)


@lru_cache(maxsize=1)
def default_alias_table() -> AliasTable:
    return load_alias_table()


# ---------------------------------------------------------------- names of people


def name_tokens(name: str) -> list[str]:
    return normalise_name(name).split()


def person_names_compatible(a: str, b: str) -> bool:
    """Could two full person names be spellings of one name? Same surname, compatible given and middle names.

    "Nouri al-Maliki" / "Nuri al-Maliki": yes. "Michael Gordon" / "Philip Gordon": no. Middle names may be
    left out ("Hillary Clinton" / "Hillary Rodham Clinton") but must not conflict: "George W. Bush" /
    "George H.W. Bush" (initials, which tell people apart, must be the same), "Abu Bakr al-Baghdadi" /
    "Abu Omar al-Baghdadi".
    """
    return _first_and_last_compatible(a, b) and _middles_compatible(a, b)


def _first_and_last_compatible(a: str, b: str) -> bool:
    """Same surname, and the same given name (or one of the two names is a bare surname)."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    # a surname transliterated otherwise ("Laden" / "Ladin") only with a given name spelled alike ("Osama" /
    # "Usama"): "Aaron Klein" and "Ron Klain" are two people, and so may be two bare "Klein" / "Klain"
    if fuzz.ratio(ta[-1], tb[-1]) < SURNAME_RATIO and not (
            vowel_variant(ta[-1], tb[-1]) and len(ta) > 1 and len(tb) > 1 and _same_shape(ta[0], tb[0])):
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    if gendered_pair(ta[0], tb[0]):
        return False
    return given_names_alike(ta[0], tb[0])


def given_names_alike(x: str, y: str) -> bool:
    """Two normalised given names that are one name spelled two ways: "Jon" / "John", "Sergei" / "Sergey",
    "Katherine" / "Catherine", "Sara" / "Sarah", "Osama" / "Usama". Close letters are not enough: a consonant
    more or another consonant makes another name ("Ian" / "Ivan", "Marco" / "Mario", "Maureen" / "Laurin")."""
    if vowel_variant(x, y):
        return True
    return (fuzz.ratio(x, y) >= GIVEN_NAME_RATIO and _same_onset(x, y)
            and _given_skeleton(x) == _given_skeleton(y))


# Letters given names are spelled with interchangeably: c, k and q; z and s; v and f (after "ph" -> "f").
_GIVEN_CONSONANT = str.maketrans({"c": "k", "q": "k", "z": "s", "v": "f"})


@lru_cache(maxsize=65536)
def _given_skeleton(word: str) -> str:
    """The consonants of a given name, h left out and interchangeable letters as one ("jn" for "Jon" and
    "John", "ktrn" for "Katherine" and "Catherine", "aleksandr" and "alexander" as "lksndr")."""
    s = word.replace("x", "ks").translate(_GIVEN_CONSONANT)
    return _DOUBLE.sub(r"\1", "".join(ch for ch in s if ch not in _VOWELS and ch != "h"))


def _same_onset(x: str, y: str) -> bool:
    """Given names spelled two ways start alike ("Katherine" / "Catherine", "Osama" / "Usama"); close letters
    after another first letter are another name ("Maureen" / "Laurin", "Aaron" / "Ron")."""
    a, b = x[:1], y[:1]
    return a == b or (a in _VOWELS and b in _VOWELS) or frozenset((a, b)) in _SAME_ONSET


_FINAL_VOWELS = frozenset("aeio")


def gendered_pair(x: str, y: str) -> bool:
    """Two given names a final vowel tells apart: "Carla" / "Carlo", "Paul" / "Paula", "Robert" / "Roberta",
    "Karim" / "Karima". Close in letters, they are a brother's and a sister's names."""
    short, long_ = sorted((x, y), key=len)
    if len(long_) == len(short):
        return short[:-1] == long_[:-1] and short[-1:] != long_[-1:] and {short[-1:], long_[-1:]} <= _FINAL_VOWELS
    return len(long_) == len(short) + 1 and long_.startswith(short) and long_[-1] in _FINAL_VOWELS


GENERATIONAL_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _middle_initials(name: str) -> tuple[str, bool]:
    """The initials of the names between the first and the last ("hw" for "George H.W. Bush", "r" for "Hillary
    Rodham Clinton"), and whether all of them are written as initials."""
    words = [w for w in (re.sub(r"[^\w.]", "", w) for w in name.split()) if any(ch.isalpha() for ch in w)]
    while words and words[-1].strip(".").lower() in GENERATIONAL_SUFFIXES:
        words.pop()
    letters, all_initials = "", True
    for w in words[1:-1]:
        alpha = "".join(ch for ch in w if ch.isalpha())
        if "." in w or (alpha.isupper() and len(alpha) <= 3):
            letters += alpha.lower()
        else:
            letters += alpha[0].lower()
            all_initials = False
    return letters, all_initials


def _names_compatible_but_middles(a: str, b: str) -> bool:
    """Same first and last names, different middle names: "George W. Bush" / "George H.W. Bush"."""
    return _first_and_last_compatible(a, b) and not _middles_compatible(a, b)


def _middles_compatible(a: str, b: str) -> bool:
    (ma, ia), (mb, ib) = _middle_initials(a), _middle_initials(b)
    if not ma or not mb:
        return True  # a middle name left out
    if ia and ib:
        return ma == mb  # "W." and "H.W.": initials are written to tell people apart
    short, long_ = sorted((ma, mb), key=len)
    return _in_order(short, long_)  # "Rodham" of "Diane Rodham": one left out, none different


def surname_key(name: str) -> str:
    toks = name_tokens(name)
    return toks[-1] if toks else ""


# ---------------------------------------------------------------- across documents


PERSONISH = {"PERSON"}
PLACEISH = {"GPE", "LOC", "FAC"}


def _types_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    groups = [PERSONISH, PLACEISH, {"ORG", "MEDIA", "GROUP", "NORP"}]
    return any(a in g and b in g for g in groups)


def surname_typed_as_org(name_a: str, type_a: str, aliases_a: Sequence[str], name_b: str,
                         aliases_b: Sequence[str]) -> bool:
    """Is the ORG of a PERSON/ORG pair a one-word name that is the person's surname ("Trump" / "Donald Trump")?

    The small model often types a bare surname as an organisation ("Trump's campaign"); across documents
    that is worth a question to the user, never a merge ("Ford" may be the company).
    """
    (person, person_aliases), org = ((name_a, aliases_a), [name_b, *aliases_b]) if type_a == "PERSON" else \
        ((name_b, aliases_b), [name_a, *aliases_a])
    words = {normalise_name(f) for f in org} - {""}
    if not words or any(len(w.split()) != 1 for w in words) or org[0].isupper():
        return False  # a longer name or an acronym ("AP"; not "Trump" also written "TRUMP") is an organisation's own
    # the surname of a full name, or the person's own one-word name; not a one-word alias ("Hillary")
    surnames = {surname_key(f) for f in (person, *person_aliases) if len(name_tokens(f)) > 1}
    return bool(words & (surnames | {normalise_name(person)}))


def _own_names(forms: Sequence[str]) -> list[str]:
    """``forms`` (the canonical name first) less any one-word alias that is a word of a longer form."""
    longer = {w for f in forms if len(toks := name_tokens(f)) > 1 for w in toks}
    return [forms[0], *(f for f in forms[1:] if len(toks := name_tokens(f)) != 1 or toks[0] not in longer)]


def compare_actors(
    name_a: str,
    type_a: str,
    aliases_a: Sequence[str],
    name_b: str,
    type_b: str,
    aliases_b: Sequence[str],
    table: AliasTable | None = None,
) -> Decision:
    """Are two canonical actors (from two documents) the same? ``merge``, ``candidate`` or ``no``.

    merge: an alias-table entry, a shared normalised name or alias, person names that are
    spellings of each other, or the same bare one-word name of a person. candidate: a close but
    not certain match (a bare surname against a full name, an acronym against a name it
    abbreviates, a fuzzy organisation name, a surname the model typed as an organisation). no:
    otherwise, and always when the types are incompatible (a person never merges with a place).
    """
    table = table or default_alias_table()
    if {type_a, type_b} == {"PERSON", "ORG"}:
        return "candidate" if surname_typed_as_org(name_a, type_a, aliases_a, name_b, aliases_b) else "no"
    if not _types_compatible(type_a, type_b):
        return "no"
    forms_a = [name_a, *aliases_a]
    forms_b = [name_b, *aliases_b]
    ea = {e.canonical for f in forms_a if (e := table.lookup(f))}
    eb = {e.canonical for f in forms_b if (e := table.lookup(f))}
    if ea & eb:
        return "merge"
    if ea and eb:
        return "no"  # the table knows both, as different actors
    keys_a = {normalise_name(f) for f in forms_a} - {""}
    keys_b = {normalise_name(f) for f in forms_b} - {""}
    if type_a in PERSONISH:
        full_a = [f for f in forms_a if len(name_tokens(f)) > 1]
        full_b = [f for f in forms_b if len(name_tokens(f)) > 1]
        if full_a and full_b:
            if any(person_names_compatible(x, y) for x in full_a for y in full_b):
                # an actor that took in "George Bush" also matches "George W." and "George H.W. Bush": ask
                conflict = any(_names_compatible_but_middles(x, y) for x in full_a for y in full_b)
                return "candidate" if conflict else "merge"
            return "no"  # two different people who may share a surname
        if keys_a & keys_b and not full_a and not full_b and name_a[:1].isupper() and name_b[:1].isupper():
            return "merge"  # the same bare name ("Obama" / "Obama"): one actor, asked about once per full name
        if keys_a & keys_b or {surname_key(f) for f in forms_a} & {surname_key(f) for f in forms_b}:
            return "candidate"  # a bare surname against a full name: too little to merge across documents
        return "no"
    # past the people: a one-word short form of an actor's own longer name ("Post" of "Washington Post", "Senate" of
    # "North Carolina Senate") is no name of its own across documents: the same word shortens many other names
    forms_a, forms_b = _own_names(forms_a), _own_names(forms_b)
    keys_a = {normalise_name(f) for f in forms_a} - {""}
    keys_b = {normalise_name(f) for f in forms_b} - {""}
    if type_a == type_b == "NORP":
        keys_a |= {group_key(f) for f in forms_a} - {""}
        keys_b |= {group_key(f) for f in forms_b} - {""}
    if keys_a & keys_b:
        return "merge"
    for x in forms_a:
        for y in forms_b:
            if (x.isupper() and initials_match(x, y)) or (y.isupper() and initials_match(y, x)):
                return "candidate"
    best = max((fuzz.ratio(kx, ky) for x in forms_a for y in forms_b
                if (kx := normalise_name(x)) and (ky := normalise_name(y)) and not differ_in_a_word(x, y)),
               default=0.0)
    if any(spelled_alike(x, y) for x in forms_a for y in forms_b):
        best = max(best, ORG_RATIO)  # "Hezbollah Brigades" / "Hizballah Brigades": a spelling, however far
    if best >= ORG_RATIO:
        return "merge" if type_a in PLACEISH else "candidate"
    return "candidate" if best >= CANDIDATE_RATIO else "no"
