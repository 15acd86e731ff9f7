"""The data files that actor and flow rules read, loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from claimgraph.errors import LexiconError
from claimgraph.lexicons import numbered_rows


def _rows(name: str) -> list[list[str]]:
    out = []
    for where, line in numbered_rows(name):
        parts = [p.strip() for p in line.split("\t")]
        if not parts[0]:
            raise LexiconError(where, "empty first field")
        out.append(parts)
    return out


def _words(name: str) -> frozenset[str]:
    return frozenset(r[0] for r in _rows(name))


def _pairs(name: str, width: int = 2) -> dict[str, tuple[str, ...]]:
    out = {}
    for r in _rows(name):
        if len(r) < width:
            raise LexiconError(name, f"expected {width} tab-separated fields in {r!r}")
        out[r[0]] = tuple(r[1:width])
    return out


def _classes(name: str, allowed: set[str]) -> dict[str, str]:
    out = {}
    for k, (cls,) in _pairs(name).items():
        if cls not in allowed:
            raise LexiconError(name, f"second field of {k!r} is {cls!r}, expected one of {', '.join(sorted(allowed))}")
        out[k] = cls
    return out


def _roles(name: str) -> dict[str, bool]:
    return {k: mark == "role" for k, mark in _classes(name, {"role", "not"}).items()}


# The frames of flow_verbs.tsv (its header says which role holds which end).
FLOW_FRAMES = frozenset({"give", "pay", "give_item", "sell", "move", "equip", "receive", "receive_item", "buy",
                         "arrive", "recruit"})


@dataclass(frozen=True, slots=True)
class ActorLexicons:
    titles: frozenset[str]
    demonyms: dict[str, str]  # "Saudi" -> "Saudi Arabia"
    capitals: dict[str, str]  # "Washington" -> "United States"
    state_nouns: frozenset[str]
    group_nouns: frozenset[str]
    member_nouns: frozenset[str]  # "X's fighters", "members of X": the owner acts through them
    group_words: frozenset[str]
    metonymy_verbs: frozenset[str]
    place_nouns: dict[str, str]  # "city" -> "city", "country" -> "country": "the city" refers back to a place
    large_places: dict[str, str]  # "Iraq" -> "country", "Texas" -> "region": never what "the city" refers to
    media_name_words: frozenset[str]  # "wire", "gazette": the last word of a news outlet's name
    state_institutions: frozenset[str]  # "ministry", "armed forces": a one-word name that owns one is a state
    company_words: frozenset[str]  # "Trading", "Holdings": the last word of a firm's name (as written)
    whole_names: frozenset[str]  # "white house": a bare last word ("the House") never stands for it

    @property
    def role_words(self) -> frozenset[str]:
        """One-word titles ("minister", "correspondent") that name a role in running text too.

        "general", "major" and "justice" are left out: as adjectives and nouns they are everywhere.
        """
        return frozenset(t for t in self.titles if t.isalpha() and len(t) > 3) - {"general", "major", "justice"}


@dataclass(frozen=True, slots=True)
class FlowLexicons:
    verbs: dict[str, tuple[str, str]]  # lemma -> (frame, kind)
    nouns: dict[str, str]  # lemma -> kind
    items: dict[str, str]  # lemma -> kind
    participles: dict[str, str]  # "supplied" -> kind
    light_verbs: frozenset[str]
    receive_verbs: frozenset[str]
    purpose_verbs: frozenset[str]  # "loans to help farmers": the object of the purpose clause gets the flow
    agent_nouns: dict[str, str]  # "a donor to X", "a supporter of X": lemma -> kind
    business_nouns: frozenset[str]  # "bought the drone maker X": X is a business
    holding_nouns: frozenset[str]  # "accounts linked to X", "X army depots": the thing stands for its holder
    holding_verbs: frozenset[str]  # "linked to", "controlled by": name the holder of a holding noun
    recipient_nouns: dict[str, str]  # "X, the largest importer of Y's oil": lemma -> kind (Y gives to X)
    onward_verbs: frozenset[str]  # "X pledged $5m. The money will go to Y": the item goes on to Y
    pay_verbs: frozenset[str]  # "the coach of X makes $5m": the employer X pays its subject
    pay_roles: dict[str, bool]  # role nouns for a paid subject beyond titles and person nouns: lemma -> is a role
    idiom_objects: frozenset[str]  # "gave it a look", "got a boost": objects that make a give verb an idiom
    triggers: frozenset[str] = frozenset()  # lower case: every word that can start a frame (see trigger_words)

    def trigger_words(self) -> frozenset[str]:
        """The first word (lower case) of each verb, noun and participle entry: the words that can start a frame."""
        keys = [*self.verbs, *self.nouns, *self.participles, *self.light_verbs, *self.agent_nouns,
                *self.recipient_nouns, *self.onward_verbs, *self.pay_verbs]
        return frozenset(k.split()[0].lower() for k in keys if k.strip())


@lru_cache(maxsize=1)
def actor_lexicons() -> ActorLexicons:
    return ActorLexicons(
        titles=frozenset(t.lower() for t in _words("actor_titles.txt")),
        demonyms={k: v[0] for k, v in _pairs("actor_demonyms.tsv").items()},
        capitals={k: v[0] for k, v in _pairs("actor_capitals.tsv").items()},
        state_nouns=_words("actor_state_nouns.txt"),
        group_nouns=_words("actor_group_nouns.txt"),
        member_nouns=_words("actor_member_nouns.txt"),
        group_words=_words("actor_group_words.txt"),
        metonymy_verbs=_words("actor_metonymy_verbs.txt"),
        place_nouns=_classes("actor_place_nouns.tsv", {"city", "country"}),
        large_places=_classes("actor_large_places.tsv", {"country", "region"}),
        media_name_words=frozenset(w.lower() for w in _words("actor_media_name_words.txt")),
        state_institutions=frozenset(w.lower() for w in _words("actor_state_institutions.txt")),
        company_words=_words("actor_company_words.txt"),
        whole_names=frozenset(w.lower() for w in _words("actor_whole_names.txt")),
    )


@lru_cache(maxsize=1)
def flow_lexicons() -> FlowLexicons:
    verbs = {}
    for k, (frame, kind) in _pairs("flow_verbs.tsv", 3).items():
        if frame not in FLOW_FRAMES:
            raise LexiconError("flow_verbs.tsv", f"unknown frame {frame!r} for {k!r}")
        verbs[k] = (frame, kind)
    lex = FlowLexicons(
        verbs=verbs,
        nouns={k: v[0] for k, v in _pairs("flow_nouns.tsv").items()},
        items={k: v[0] for k, v in _pairs("flow_items.tsv").items()},
        participles={k: v[0] for k, v in _pairs("flow_participles.tsv").items()},
        light_verbs=_words("flow_light_verbs.txt"),
        receive_verbs=_words("flow_receive_verbs.txt"),
        purpose_verbs=_words("flow_purpose_verbs.txt"),
        agent_nouns={k: v[0] for k, v in _pairs("flow_agent_nouns.tsv").items()},
        business_nouns=_words("flow_business_nouns.txt"),
        holding_nouns=_words("flow_holding_nouns.txt"),
        holding_verbs=_words("flow_holding_verbs.txt"),
        recipient_nouns={k: v[0] for k, v in _pairs("flow_recipient_nouns.tsv").items()},
        onward_verbs=_words("flow_onward_verbs.txt"),
        pay_verbs=_words("flow_pay_verbs.txt"),
        pay_roles=_roles("flow_pay_roles.tsv"),
        idiom_objects=frozenset(w.lower() for w in _words("flow_idiom_objects.txt")),
    )
    return replace(lex, triggers=lex.trigger_words())
