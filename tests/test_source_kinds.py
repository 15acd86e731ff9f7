"""Source kinds: each kind from invented sentences; the lexicons they read."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimgraph.clean import raw_document
from claimgraph.extract.source_kinds import (
    entity_kind,
    is_media_name,
    lexicon_lines,
    source_kind,
    word_list,
    words_of,
)
from claimgraph.records import Document, Emphasis, Entity, Mention, RawDocument


def _document(text: str, emphasis: tuple[Emphasis, ...] = ()) -> Document:
    raw = RawDocument(doc_id="t", path=None, media_type="text/plain", text=text)
    return replace(raw_document(raw), emphasis=emphasis)


def _kind(nlp, text: str, source: str, entity: Entity | None = None, emphasised: str | None = None,
          nth: int = 0) -> str:  # type: ignore[no-untyped-def]
    emphasis: tuple[Emphasis, ...] = ()
    if emphasised is not None:
        start = text.index(emphasised)
        emphasis = (Emphasis(start, start + len(emphasised), emphasised),)
    document = _document(text, emphasis)
    doc = nlp(text)
    start = -1
    for _ in range(nth + 1):
        start = text.index(source, start + 1)
    span = doc.char_span(start, start + len(source), alignment_mode="expand")
    assert span is not None
    return source_kind(span, entity, document)


# ---------------------------------------------------------------- no model


def test_lexicons_load_without_comments() -> None:
    lines = lexicon_lines("source_media_names.txt")
    assert "reuters" in lines
    assert not any(line.startswith("#") for line in lines)


def test_missing_lexicon_says_which() -> None:
    with pytest.raises(FileNotFoundError, match="no_such_lexicon"):
        lexicon_lines("no_such_lexicon.txt")


def test_word_list_words_phrases_and_proper_name_endings() -> None:
    gov = word_list("source_government_words.txt")
    assert "ministry" in gov.words
    assert ("white", "house") in gov.phrases
    assert gov.in_words(words_of("a White House aide"))
    media = word_list("source_media_words.txt")
    assert "post" in media.propn_only and "post" not in media.words


def test_media_names_ignore_the_and_case() -> None:
    assert is_media_name("The Guardian")
    assert is_media_name("REUTERS")
    assert not is_media_name("The Guardian Council of Elders")


def test_a_one_word_outlet_inside_a_longer_name_is_an_ordinary_word() -> None:
    from claimgraph.extract.source_kinds import _media_name_inside

    assert _media_name_inside("New York Times journalist") and _media_name_inside("Guardian correspondent")
    assert _media_name_inside("Reuters' Baghdad bureau chief")
    assert not _media_name_inside("The National Audit Office") and not _media_name_inside("Independent Electoral Board")


def test_entity_kinds() -> None:
    def ent(name: str, label: str) -> Entity:
        return Entity("e1", name, label, (Mention(0, len(name), name),))

    assert entity_kind(ent("Maria Lopez", "PERSON")) == "named_person"
    assert entity_kind(ent("Bloomberg", "PERSON")) == "media"
    assert entity_kind(ent("Ministry of Finance", "ORG")) == "government"
    assert entity_kind(ent("Oxfam", "ORG")) == "organization"
    assert entity_kind(ent("Ankara", "GPE")) == "government"
    assert entity_kind(ent("Kurds", "NORP")) is None


# ---------------------------------------------------------------- with the model

@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        # media: outlet names, media words, an outlet's staff with no name
        ("Bloomberg reported that the port had closed.", "Bloomberg", "media"),
        ("The Daily Herald wrote that the mayor resigned.", "The Daily Herald", "media"),
        ("Regional newspapers said the harvest failed.", "Regional newspapers", "media"),
        ("A Reuters correspondent said the road was blocked.", "A Reuters correspondent", "media"),
        ("State media claimed the rebels had fled.", "State media", "media"),
        ("The news agency said two ships sank.", "The news agency", "media"),
        ("The Marrow Bay Sentinel, which broke the story, said the pier was unsafe.", "The Marrow Bay Sentinel",
         "media"),
        # named persons, also when an outlet qualifies them
        ("Guardian columnist Sarah Blake wrote that the deal collapsed.", "Guardian columnist Sarah Blake",
         "named_person"),
        ("Farmer Jonas Weber said the river flooded.", "Farmer Jonas Weber", "named_person"),
        ("Then-governor Ana Ruiz vowed to rebuild the bridge.", "Then-governor Ana Ruiz", "named_person"),
        # documents
        ("The leaked cable stated that the embassy knew.", "The leaked cable", "document"),
        ("A 2019 audit found that funds went missing.", "A 2019 audit", "document"),
        ("Court filings show the firm paid the broker.", "Court filings", "document"),
        ("The ministry's own budget papers show the money left.", "The ministry's own budget papers", "document"),
        ("The treaty says both sides withdraw.", "The treaty", "document"),
        ("The land registry lists his cousin as the owner.", "The land registry", "document"),
        # organisations
        ("Amnesty International said prisoners were beaten.", "Amnesty International", "organization"),
        # a one-word outlet's name ("The National") that runs on into another name is not the outlet
        ("The National Water Institute said the wells were dry.", "The National Water Institute", "organization"),
        ("The company said its trucks were stolen.", "The company", "organization"),
        ("Rights groups said the camp was overcrowded.", "Rights groups", "organization"),
        # government
        ("Turkish officials said the border was closed.", "Turkish officials", "government"),
        ("The Foreign Ministry denied the report.", "The Foreign Ministry", "government"),
        ("Police said three men were arrested.", "Police", "government"),
        ("Moscow said the drills were routine.", "Moscow", "government"),
        ("The national schools inspectorate said pupils were at risk.", "The national schools inspectorate",
         "government"),
        ("The water regulator said the fines would rise.", "The water regulator", "government"),
        ("A Pentagon spokesman said the strike hit a depot.", "A Pentagon spokesman", "government"),
        # anonymous
        ("Sources said the convoy left at night.", "Sources", "anonymous"),
        ("Rumours spread that the general had fled.", "Rumours", "anonymous"),
        ("One shopkeeper said prices doubled.", "One shopkeeper", "anonymous"),
        ("A member of the militia said they were paid.", "A member of the militia", "anonymous"),
        ("Two of the guards said the gate was open.", "Two of the guards", "anonymous"),
        ("An official speaking on condition of anonymity said talks failed.",
         "An official speaking on condition of anonymity", "anonymous"),
        ("Critics say the law is too vague.", "Critics", "anonymous"),
        ("Some argue the plan cannot work.", "Some", "anonymous"),
        # the writer
        ("I asked the minister twice, and we were refused.", "we", "author"),
    ],
)
def test_source_kinds(nlp, text: str, source: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    assert _kind(nlp, text, source) == kind


@pytest.mark.model
def test_emphasised_title_is_media_unless_an_organisation_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Last week Harbour Light reported that the dock was sold."
    assert _kind(nlp, text, "Harbour Light", emphasised="Harbour Light") == "media"
    text = "The Brightwater Institute noted that exports fell."
    assert _kind(nlp, text, "The Brightwater Institute", emphasised="Brightwater Institute") == "organization"


@pytest.mark.model
def test_pronouns_follow_their_resolved_entity(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Elena Marsh arrived late. She said the meeting was cancelled."
    person = Entity("e1", "Elena Marsh", "PERSON", (Mention(0, 11, "Elena Marsh"),))
    assert _kind(nlp, text, "She", person) == "named_person"
    assert _kind(nlp, text, "She") == "anonymous"
    org = Entity("e2", "Northwind Holdings", "ORG", ())
    assert _kind(nlp, text, "She", org) == "anonymous"  # "she" is never an organisation
    text = "The ministers met. They said the budget was final."
    assert _kind(nlp, text, "They", Entity("e3", "Cabinet Office", "ORG", ())) == "government"


@pytest.mark.model
def test_relative_pronoun_reads_its_antecedent(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "We met a resident of the valley who said the wells were poisoned."
    assert _kind(nlp, text, "who") == "anonymous"
    text = "The reporter found a woman from the village of Tarn, near Lisbon, who saw the fire."
    assert _kind(nlp, text, "who") == "anonymous"


@pytest.mark.model
def test_first_person_inside_a_quotation_is_not_the_writer(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'The farmer said: "Then we told the police everything."'
    assert _kind(nlp, text, "we") != "author"


@pytest.mark.model
def test_source_crossing_a_paragraph_keeps_its_last_line(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Harvest report\n\nThe mayor of the town said the grain was gone."
    assert _kind(nlp, text, "Harvest report\n\nThe mayor") == "government"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        # a person named in apposition, whatever label the model gives the name
        ("Tavel refused to comment. His deputy, Teodor Brask, told reporters that the deal was signed.",
         "His deputy, Teodor Brask,", "named_person"),
        ("One resident, Ana Brel, said the wells were dry.", "One resident, Ana Brel,", "named_person"),
        # an apposition to something no person is stays what it names
        ("The company, Vantor Holdings, said that the ships were leased.", "The company, Vantor Holdings,",
         "organization"),
        # a panel or commission speaks for the organisation it belongs to; on its own it names nobody
        ("According to a World Bank panel of auditors, the loans were misused.", "a World Bank panel of auditors",
         "organization"),
        ("According to a panel of auditors, the loans were misused.", "a panel of auditors", "anonymous"),
        # analysts and experts speak for the body they work at; on their own they name nobody
        ("Analysts at the Tarvel Policy Institute said the loans were misused.",
         "Analysts at the Tarvel Policy Institute", "organization"),
        ("Analysts said the loans were misused.", "Analysts", "anonymous"),
        # a title the tagger reads as a name, with the holder named beside it; a government title alone
        ("Korvania's Foreign Minister, Ilan Petrovic, said the rifles were sold legally.",
         "Korvania's Foreign Minister, Ilan Petrovic,", "named_person"),
        ("The Defense Secretary said the rifles were sold legally.", "The Defense Secretary", "government"),
    ],
)
def test_appositions_and_panels(nlp, text: str, source: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    assert _kind(nlp, text, source) == kind


@pytest.mark.model
@pytest.mark.parametrize("label", ["PERSON", "ORG", ""])
def test_a_name_in_apposition_to_a_person_is_a_named_person_whatever_its_label(nlp, label: str) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import Span as SpacySpan

    text = "Tavel refused to comment. His deputy, Teodor Brask, told reporters that the deal was signed."
    doc = nlp(text)
    name = doc.char_span(text.index("Teodor"), text.index(",", text.index("Teodor")))
    assert name is not None
    doc.ents = [SpacySpan(doc, name.start, name.end, label=label)] if label else []  # what the model may say
    start = text.index("His deputy")
    source = doc.char_span(start, text.index(" told"))
    assert source is not None
    assert source_kind(source, None, _document(text)) == "named_person"


@pytest.mark.model
def test_goods_and_abstractions_cannot_speak_people_and_papers_can(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.extract.source_kinds import can_speak

    doc = nlp("The rifles and the timing worried the accountant, the troops, the ministry and the ledger.")
    speaks = {t.text: can_speak(t) for t in doc if t.pos_ == "NOUN"}
    assert speaks == {"rifles": False, "timing": False, "accountant": True, "troops": True, "ministry": True,
                      "ledger": True}
