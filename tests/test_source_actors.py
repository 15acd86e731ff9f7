"""Unnamed sources become actors; pronouns, "the man" and relative pronouns point at them."""

from __future__ import annotations

import pytest

from claimgraph.api import analyze
from claimgraph.records import Analysis


def _analysis(text: str) -> Analysis:
    return analyze("Headline\n\n" + text)


def _source_entity(a: Analysis, cue: str):  # type: ignore[no-untyped-def]
    by_id = {e.id: e for e in a.entities}
    for att in a.attributions:
        if att.cue is not None and att.cue.text.split()[-1] == cue:
            assert att.source is not None
            return att.source, by_id.get(att.source.entity or "")
    raise AssertionError(f"no attribution with cue {cue!r}")


def test_they_resolves_to_an_unnamed_group_that_becomes_an_actor() -> None:
    a = _analysis(
        "Customs officials confirmed the delivery of the crates. They claimed the crates held medical supplies."
    )
    src, ent = _source_entity(a, "claimed")
    assert src.span.text == "They"
    assert ent is not None and ent.name == "Customs officials" and ent.type == "GROUP"
    assert {m.text for m in ent.mentions} >= {"Customs officials", "They"}


def test_he_skips_a_predicate_noun_and_reaches_the_first_description() -> None:
    a = _analysis(
        "The author interviewed a Kurdish farmer from the village of Tella, who had watched the convoy. "
        "The farmer was also a member of the local council. "
        "He said that the trucks carried rifles."
    )
    src, ent = _source_entity(a, "said")
    assert src.span.text == "He"
    assert ent is not None and "Kurdish farmer" in ent.name
    assert "council" not in ent.name


def test_who_after_an_organisation_name_is_the_member_not_the_organisation() -> None:
    a = _analysis(
        "The newspaper spoke with a member of the Northern Defence League (NDL) who claimed he saw "
        "trucks crossing the river while his unit waited near the bridge."
    )
    src, ent = _source_entity(a, "claimed")
    assert src.span.text == "who"
    assert src.kind == "anonymous"
    assert ent is not None and ent.name == "member of the Northern Defence League (NDL)"  # the bracket closes
    att = next(x for x in a.attributions if x.cue is not None and x.cue.text == "claimed")
    assert att.content.text.endswith("near the bridge")  # the time clause is part of the claim


def test_two_different_unnamed_people_stay_apart() -> None:
    a = _analysis(
        "One resident said that the market was closed. A shopkeeper from the old city said that it had reopened."
    )
    names = {e.name for e in a.entities if e.type == "PERSON"}
    assert {"resident", "shopkeeper from the old city"} <= names


def test_source_actor_ids_do_not_collide_with_named_entities() -> None:
    a = _analysis("Maria Lopez met the envoy. Local officials said that the talks had failed.")
    ids = [e.id for e in a.entities]
    assert len(ids) == len(set(ids))
    _src, ent = _source_entity(a, "said")
    assert ent is not None and ent.name == "Local officials"


def test_a_source_named_in_apposition_is_that_person_not_a_new_actor() -> None:
    a = _analysis("The charity's country director, Samir Odell, said that the convoy had been stopped.")
    _src, ent = _source_entity(a, "said")
    assert ent is not None and ent.name == "Samir Odell" and ent.type == "PERSON"
    assert not [e for e in a.entities if "director" in e.name]


def test_pronouns_are_mentions_of_a_source_actor_but_never_its_aliases() -> None:
    a = _analysis("A diplomat in the capital who asked not to be named said that the talks had stalled.")
    _src, ent = _source_entity(a, "said")
    assert ent is not None and ent.name.startswith("diplomat in the capital")
    assert not {"who", "he"} & {x.lower() for x in ent.aliases}


@pytest.mark.parametrize(
    "text",
    [
        "The book records the testimony of a farmer from a village near Baghdad, who also witnessed trucks "
        "crossing the river at night.",
        "Reporters met a farmer from a village outside Kirkuk, who said trucks crossed the river.",  # not Reporters
    ],
)
def test_who_after_a_place_is_the_person_before_it_not_the_place(text: str) -> None:
    a = _analysis(text)
    att = next(x for x in a.attributions if x.cue is not None and x.cue.text in ("also witnessed", "said"))
    assert att.source is not None and att.source.span.text == "who"
    assert att.source.resolved is not None and att.source.resolved.text == "a farmer"
    assert att.source.kind == "anonymous"


def test_an_unnamed_source_has_no_aliases_and_its_claims_name_the_antecedent() -> None:
    a = _analysis(
        "One resident speaking with the Harbour Gazette said that the militia controlled the port. "
        "Customs officials met the delegation. They said that the Coastal Guard paid the militia."
    )
    src, resident = _source_entity(a, "said")
    # the parser made "Gazette" a second subject of "said": the resident speaks, not the newspaper
    assert src.span.text == "One resident speaking with the Harbour Gazette" and src.kind == "anonymous"
    assert resident is not None and resident.aliases == ()  # the phrase describes the resident, it is no name
    assert "One resident speaking with the Harbour Gazette" in {m.text for m in resident.mentions}
    paid = next(c for c in a.claims if "paid" in c.span.text)
    assert paid.source == "Customs officials"  # not "They"
    flow = next(f for f in a.flows if f.claim == paid.id)
    assert flow.source_text == "Customs officials"


def test_an_unnamed_sources_name_stops_before_a_clause_that_describes_it() -> None:
    a = _analysis("One resident of the village, who runs the café by the bus stop, said the trucks came at night.")
    _src, ent = _source_entity(a, "said")
    assert ent is not None and ent.name == "resident of the village"


@pytest.mark.parametrize(
    ("text", "cue", "source", "name", "kind"),
    [
        # "He" is not the news outlet the model took for a person
        ("A spokesman for the Grey Scarves, Karim Fenwal, told Continental Wire that the militia had never "
         "touched relief money. He called the audit a political document.", "called", "He", "Karim Fenwal",
         "named_person"),
        # "The company" is the firm named before
        ("Rifles were exported by a private broker, Talvik Arms Trading. The company said it broke no rule.",
         "said", "The company", "Talvik Arms Trading", "organization"),
        # "she" after a quote is not someone the quote names
        ("Interior Minister Leyla Tavrin denied that her ministry had funded the militia.\n\n"
         "\u201cNo official of this ministry sent a single crown to an armed group,\u201d she said.",
         "said", "she", "Interior Minister Leyla Tavrin", "named_person"),
        # "he" is the man named, not the description in apposition to his name
        ("Abu Karim al-Tawfiqi, the militia's commander, denied receiving any rifles. \u201cWe never took a "
         "rifle from anyone,\u201d he told the Harbour Post.", "told", "he", "Abu Karim al-Tawfiqi", "named_person"),
        # a surname the model typed as an organisation, with no person in reach: "she" is that surname, a person
        ("Halvorsen has struggled to finance the new plant. \u201cThe banks stopped answering my calls,\u201d she "
         "said.", "said", "she", "Halvorsen", "named_person"),
        # the speaker goes on: not the person she spoke of in the sentence before
        ("Mara Fisher, a council member, said Tomas Rell will win the vote. \u201cI think Rell will do fine,\u201d she "
         "added.", "added", "she", "Mara Fisher", "named_person"),
        # ... but a person in reach wins
        ("Anna Holm warned that Halvorsen has struggled to finance the new plant. \u201cThe banks stopped answering "
         "his calls,\u201d she said.", "said", "she", "Anna Holm", "named_person"),
    ],
)
def test_a_pronoun_or_definite_source_resolves_to_the_actor_named_before(
    text: str, cue: str, source: str, name: str, kind: str
) -> None:
    src, ent = _source_entity(_analysis(text), cue)
    assert src.span.text == source and ent is not None and ent.name == name
    assert src.kind == kind


def test_he_after_one_of_a_group_is_that_one_not_a_person_named_earlier() -> None:
    a = _analysis(
        "Pavel Irnik, a ministry spokesman, denied the account. Two drivers spoke to the Harbour Post. One of them, "
        "who asked not to be named, said the trucks came at night. \u201cI was paid in cash,\u201d he added."
    )
    src, _ent = _source_entity(a, "added")
    assert src.span.text == "he" and src.resolved is not None and src.resolved.text == "One of them"
    assert src.kind == "anonymous"


def test_it_is_the_document_or_organisation_that_was_the_subject_before() -> None:
    a = _analysis(
        "The audit report, which covers two budget years, found that 14 contracts were awarded to shell firms. "
        "It said the payments went through banks in Sorvath."
    )
    src, _ent = _source_entity(a, "said")
    assert src.span.text == "It" and src.resolved is not None and src.resolved.text == "The audit report"
    assert src.kind == "document"
    b = _analysis("Omar Vell met the envoy. It said the talks went well.")  # no thing before: unresolved
    src_b, _ = _source_entity(b, "said")
    assert src_b.resolved is None


def test_they_is_the_source_named_just_before_and_has_its_kind() -> None:
    a = _analysis("In 2023 the Vorland Defence Ministry shipped rifles to the Grey Scarves, according to three "
                  "officials who spoke on condition of anonymity. The shipment, they said, went by sea.")
    src, _ent = _source_entity(a, "said")
    assert src.span.text == "they" and src.resolved is not None and src.resolved.text == "three officials"
    assert src.kind == "anonymous"  # read from "three officials who spoke on condition of anonymity"


def test_a_document_seen_by_the_writer_is_a_document_and_a_watch_an_organisation() -> None:
    a = _analysis("A leaked ledger seen by this newspaper lists monthly payments to the Grey Scarves. "
                  "Ilvania Prison Watch reported that the payments continued.")
    ledger, _ = _source_entity(a, "lists")
    assert ledger.kind == "document"  # not the writer's own assertion: the newspaper saw it
    watch, ent = _source_entity(a, "reported")
    assert watch.kind == "organization" and ent is not None and ent.name == "Ilvania Prison Watch"


def test_an_observatory_is_an_organisation_and_a_ledger_in_a_name_a_newspaper() -> None:
    a = _analysis("The Tarvel Conflict Observatory reported that the payments continued. "
                  "The Ostrava Ledger reported that the ships were leased.")
    monitor, ent = _source_entity(a, "reported")
    assert monitor.kind == "organization" and ent is not None and ent.type == "ORG"
    paper = next(x for x in a.attributions if x.source.span.text.endswith("Ledger"))
    assert paper.source.kind == "media"


def test_the_person_named_after_an_owners_role_is_the_source() -> None:
    a = _analysis("Whatever Tarrow's impact on the race, he has money. Michael Tarrow turned 74 last week. "
                  "Tarrow's pollster, Douglas Skeen, says his man has the money to win.")
    src, ent = _source_entity(a, "says")
    assert ent is not None and ent.name == "Douglas Skeen" and src.kind == "named_person"


def test_a_short_word_ending_like_an_agent_noun_is_no_person() -> None:
    from claimgraph.extract.source_kinds import agent_noun

    assert agent_noun("accountant") and agent_noun("historian") and agent_noun("shopkeeper")
    assert not agent_noun("list") and not agent_noun("fist")
