"""The attribution lexicons, read once per process from the package's data files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from claimgraph.errors import LexiconError
from claimgraph.lexicons import entries, numbered_rows

DEFAULT_CONTENT = frozenset({"ccomp", "dobj", "quote"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Cue words and how their content attaches. ``verbs`` maps a lemma to the dependents that carry content."""

    verbs: dict[str, frozenset[str]]
    states: frozenset[str]  # the subset of ``verbs`` that are internal states (believe, want)
    nouns: frozenset[str]
    source_after: tuple[tuple[str, ...], ...]  # "according to" -> ("according", "to")
    verb_preps: frozenset[tuple[str, str]]  # ("call", "for")
    light_verbs: frozenset[str] = frozenset()  # "made the claim that", "left little doubt that": subject = source
    adjectives: frozenset[str] = frozenset()  # "X is confident that", "X was critical of Y": stance after "be"
    stance_nouns: frozenset[str] = frozenset()  # "X is a supporter of Y"
    stance_objects: frozenset[str] = frozenset()  # "X took issue with Y": the object of a light verb
    naming: tuple[tuple[str, str], ...] = ()  # ("know", "as"): "the bill, known as the Justice Act"; "" = no prep
    frame_verbs: frozenset[str] = frozenset()  # verbs that frame a clause from the side: "X is wrong, he said."
    finding_verbs: frozenset[str] = frozenset()  # "A study found 31 cases": a study's object is its finding
    study_nouns: frozenset[str] = frozenset()  # poll, survey, study: sources whose findings are reported
    document_nouns: frozenset[str] = frozenset()  # records, data, files: what they show is their finding too
    # the lists below only steer the rules: being in one makes no word a cue
    addressee_verbs: frozenset[str] = frozenset()  # "told reporters Trump had lied": the object is whom
    raising_verbs: frozenset[str] = frozenset()  # "X seems to ...": the subject is part of what seems so
    raising_passives: frozenset[str] = frozenset()  # "X is expected to endorse Y": X is the infinitive's source
    raising_adjectives: frozenset[str] = frozenset()  # "X is sure to win": no infinitive as content
    medium_nouns: frozenset[str] = frozenset()  # "said in a statement": the medium belongs to the cue
    view_nouns: frozenset[str] = frozenset()  # "in his eyes" (matched as written, not by lemma)
    told_things: frozenset[str] = frozenset()  # "told the truth": what is told, not whom
    label_words: frozenset[str] = frozenset()  # "Note: ...": a line label, not a speaker (matched as written)
    speaker_documents: frozenset[str] = frozenset()  # "Poll: ...": a common noun that speaks a line
    pro_forms: frozenset[str] = frozenset()  # "shows the opposite": an object that only points back

    def content_deps(self, lemma: str) -> frozenset[str]:
        return self.verbs.get(lemma, frozenset())


VERB_FLAGS = frozenset({"frame", "finding", "raising"})
# The classes of attribution_word_classes.tsv (its header says what each does).
WORD_CLASSES = frozenset({"medium", "view", "told-thing", "label", "speaker-document", "raising-adjective",
                          "pro-form"})


def _verb_table(name: str) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Lemma -> content dependents, and flag -> lemmas, from a reporting-verb table."""
    out: dict[str, frozenset[str]] = {}
    flagged: dict[str, set[str]] = {f: set() for f in VERB_FLAGS}
    for where, ln in numbered_rows(name):
        lemma, *opts = ln.strip().split("\t")
        lemma = lemma.strip().lower()
        deps = DEFAULT_CONTENT
        for opt in opts:
            key, eq, value = (x.strip() for x in opt.partition("="))
            if key == "content" and eq:
                deps = frozenset(v.strip() for v in value.split(",") if v.strip())
            elif key in VERB_FLAGS and not eq:
                flagged[key].add(lemma)
            else:
                raise LexiconError(where, f"unknown column {opt.strip()!r} for {lemma!r}; "
                                   f"expected content=..., {' or '.join(sorted(VERB_FLAGS))}")
        out[lemma] = deps
    return out, {f: frozenset(v) for f, v in flagged.items()}


def _word_classes(name: str) -> dict[str, frozenset[str]]:
    """Class -> words (lower case) from a word<TAB>class table; a word may have a row in several classes."""
    out: dict[str, set[str]] = {c: set() for c in WORD_CLASSES}
    for where, ln in numbered_rows(name):
        word, *rest = (x.strip() for x in ln.split("\t"))
        if not word or len(rest) != 1 or rest[0] not in WORD_CLASSES:
            raise LexiconError(where, f"expected word<TAB>class with a class among {', '.join(sorted(WORD_CLASSES))}, "
                                      f"got {ln.strip()!r}")
        out[rest[0]].add(word.lower())
    return {c: frozenset(v) for c, v in out.items()}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    verbs, verb_flags = _verb_table("reporting_verbs.txt")
    states, state_flags = _verb_table("attribution_states.txt")
    source_after: list[tuple[str, ...]] = []
    verb_preps: set[tuple[str, str]] = set()
    light_verbs: set[str] = set()
    naming: list[tuple[str, str]] = []
    classes = _word_classes("attribution_word_classes.tsv")
    for ln in entries("attribution_patterns.txt"):
        kind, _, phrase = ln.partition("\t")
        words = tuple(phrase.lower().split())
        if kind == "source-after" and words:
            source_after.append(words)
        elif kind == "verb-prep" and len(words) >= 2:
            verb_preps.add((words[0], words[-1]))
        elif kind == "light-verb" and len(words) == 1:
            light_verbs.add(words[0])
        elif kind == "naming" and 1 <= len(words) <= 2:
            naming.append((words[0], words[1] if len(words) == 2 else ""))
    return Lexicon(
        verbs={**states, **verbs},
        states=frozenset(states) - frozenset(verbs),
        nouns=frozenset(w.lower() for w in entries("reporting_nouns.txt")),
        source_after=tuple(source_after),
        verb_preps=frozenset(verb_preps),
        light_verbs=frozenset(light_verbs),
        naming=tuple(naming),
        adjectives=frozenset(w.lower() for w in entries("attribution_adjectives.txt")),
        stance_nouns=frozenset(w.lower() for w in entries("attribution_stance_nouns.txt")),
        stance_objects=frozenset(w.lower() for w in entries("attribution_stance_objects.txt")),
        frame_verbs=verb_flags["frame"] | state_flags["frame"],
        finding_verbs=verb_flags["finding"] | state_flags["finding"],
        study_nouns=frozenset(w.lower() for w in entries("attribution_study_nouns.txt")),
        document_nouns=frozenset(w.lower() for w in entries("source_document_nouns.txt")),
        addressee_verbs=frozenset(w.lower() for w in entries("attribution_addressee_verbs.txt")),
        raising_verbs=verb_flags["raising"] | state_flags["raising"],
        raising_passives=frozenset(w.lower() for w in entries("attribution_raising_passives.txt")),
        raising_adjectives=classes["raising-adjective"],
        medium_nouns=classes["medium"],
        view_nouns=classes["view"],
        told_things=classes["told-thing"],
        label_words=classes["label"],
        speaker_documents=classes["speaker-document"],
        pro_forms=classes["pro-form"],
    )
