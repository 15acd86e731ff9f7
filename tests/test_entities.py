"""Actors and aliases inside one document, on invented sentences."""

from __future__ import annotations

import pytest

from claimgraph.extract.entities import extract_entities
from claimgraph.records import Document, Emphasis, Entity

pytestmark = pytest.mark.model


def _doc(text: str, emphasis: tuple[Emphasis, ...] = ()) -> Document:
    return Document(doc_id="t", text=text, source_map=((0, 0, len(text)),), emphasis=emphasis)


def _run(nlp, text: str, emphasis: tuple[Emphasis, ...] = ()) -> list[Entity]:  # type: ignore[no-untyped-def]
    document = _doc(text, emphasis)
    ents = list(extract_entities(nlp(text), document))
    for e in ents:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    return ents


def _owner(ents: list[Entity], mention: str) -> Entity:
    found = [e for e in ents if any(m.text == mention for m in e.mentions)]
    assert found, f"no entity has a mention {mention!r}: {[(e.name, [m.text for m in e.mentions]) for e in ents]}"
    return found[0]


def test_acronym_defined_in_brackets(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Northern Mining Board (NMB) closed two pits in March. Critics said the NMB ignored the "
        "warnings, and the Coastal Defence Units (KDU) said nothing."
    )
    ents = _run(nlp, text)
    nmb = _owner(ents, "NMB")
    assert nmb.name == "Northern Mining Board"
    assert len([m for m in nmb.mentions if m.text == "NMB"]) == 2
    kdu = _owner(ents, "KDU")  # initials that do not match (a transliterated acronym) still define it
    assert kdu.name == "Coastal Defence Units"


def test_transliterated_spelling_variants_and_surname(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Former minister Yousef al-Tawfiqi met the envoy in Harbin. Later, Yusef al-Tawfiqi denied it, "
        "and Tawfiqi left the country."
    )
    ents = _run(nlp, text)
    e = _owner(ents, "Yousef al-Tawfiqi")
    assert {"Yusef al-Tawfiqi", "Tawfiqi"} <= {m.text for m in e.mentions}
    assert e.type == "PERSON"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Vorland Ministry of Interior Affairs", "Vorland Ministry of Exterior Affairs"),
        ("Southern Vorland Mining Workers Union", "Northern Vorland Mining Workers Union"),
    ],
)
def test_sibling_bodies_one_word_apart_stay_apart(nlp, first: str, second: str) -> None:  # type: ignore[no-untyped-def]
    # close enough letter by letter to pass for one name spelled twice, but a word is another word
    ents = _run(nlp, f"The {first} paid the {second} for the new building.")
    assert _owner(ents, first) is not _owner(ents, second)


def test_two_people_sharing_a_surname_stay_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Reporter Daniel Orwen wrote the story. Orwen spent a year on it. "
        "His cousin, the diplomat Samuel Orwen, declined to comment. Orwen later resigned."
    )
    ents = _run(nlp, text)
    daniel, samuel = _owner(ents, "Daniel Orwen"), _owner(ents, "Samuel Orwen")
    assert daniel.id != samuel.id
    first_bare = text.index("Orwen spent")
    assert any(m.start == first_bare for m in daniel.mentions)  # only one Orwen so far: him
    last_bare = text.rindex("Orwen")
    assert any(m.start == last_bare for m in samuel.mentions)  # the namesake named in the sentence before


def test_a_bare_surname_is_the_persons_not_the_firms_that_bears_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The fund is led by Tarel Vosk, an heir to the Vosk & Vosk drug fortune. "
            "A person familiar with Vosk's views said he would stay.")
    ents = _run_with_ents(nlp, text, [("Tarel Vosk", "PERSON"), ("Vosk & Vosk", "ORG"), ("Vosk", "PERSON")])
    bare = text.rindex("Vosk")
    assert any(m.start == bare for m in _owner(ents, "Tarel Vosk").mentions)
    assert _owner(ents, "Vosk & Vosk").type == "ORG"


def test_a_person_name_never_starts_with_a_preposition(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ana Ruiz Vell led the poll. Without Vell in the race, Tarn wins."
    ents = _run_with_ents(nlp, text, [("Ana Ruiz Vell", "PERSON"), ("Without Vell", "PERSON")])
    assert "Without Vell" not in {m.text for e in ents for m in e.mentions}
    assert text.rindex("Vell") in {m.start for m in _owner(ents, "Ana Ruiz Vell").mentions}


def test_a_bare_surname_right_after_two_namesakes_is_its_own_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Mira Tallis and her brother Oren Tallis disagreed. "
            "Tallis said the Front had bought the drones itself with revenue from the ports.")
    ents = _run(nlp, text)
    mira, oren = _owner(ents, "Mira Tallis"), _owner(ents, "Oren Tallis")
    owner = _owner(ents, "Tallis")
    assert owner.id not in (mira.id, oren.id)  # both named in the sentence before: ambiguous
    assert owner.type == "PERSON"  # the model reads this "Tallis" as a nationality


def test_a_father_and_son_whose_middle_initials_differ_stay_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Jonas Harlan praised his father, Edwin H.W. Harlan, on Monday. His brother, Edwin W. Harlan, stayed "
            "silent. His son Edwin P. Harlan spoke in Kestria.")
    ents = _run(nlp, text)
    owners = {id(_owner(ents, n)) for n in ("Edwin H.W. Harlan", "Edwin W. Harlan", "Edwin P. Harlan")}
    assert len(owners) == 3


def test_an_outlet_named_in_the_media_list_is_a_news_outlet_unless_a_surname(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Politico reported on Monday that the senator would resign. Michael Bloomberg said he was surprised, "
            "and Bloomberg later added that the AP had confirmed it. Mira Voss wrote on Twitter that she agreed.")
    ents = _run(nlp, text)
    assert _owner(ents, "Politico").type == "MEDIA" and _owner(ents, "AP").type == "MEDIA"
    assert _owner(ents, "Bloomberg") is _owner(ents, "Michael Bloomberg")
    assert _owner(ents, "Bloomberg").type == "PERSON"  # the outlet's name, here the surname of a person named
    assert _owner(ents, "Twitter").type == "ORG"  # a platform, from the alias table: never a person


def test_shared_surname_follows_the_title_named_near_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Defence Minister Piet Arvola denied the report on Monday. It was written by the paper's security "
        "correspondent, Lina Arvola. The two are not related. \"We sent no trucks,\" the minister said. "
        "Arvola told parliament the ledgers were complete."
    )
    ents = _run(nlp, text)
    piet, lina = _owner(ents, "Piet Arvola"), _owner(ents, "Lina Arvola")
    assert piet.id != lina.id
    bare = text.rindex("Arvola")
    assert any(m.start == bare for m in piet.mentions)


def test_alias_table_and_group_names(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Daesh fighters entered the town. Officials said ISIL had lost ground, while the Islamic State "
        "claimed victory. Katibat al-Nasimeen and Sharia4Vorland recruited in the area."
    )
    ents = _run(nlp, text)
    isis = _owner(ents, "Daesh")
    assert {"ISIL", "Islamic State"} <= {m.text for m in isis.mentions}
    assert _owner(ents, "Katibat al-Nasimeen").type == "ORG"
    assert _owner(ents, "Sharia4Vorland").type == "ORG"


def test_emphasis_names_a_publication(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "According to The Harbour Ledger, the deal collapsed. The Harbour Ledger's editor confirmed it."
    start = text.index("The Harbour Ledger")
    em = (Emphasis(start, start + len("The Harbour Ledger"), "The Harbour Ledger"),)
    ents = _run(nlp, text, em)
    e = _owner(ents, "The Harbour Ledger")
    assert e.type == "MEDIA"
    assert len(e.mentions) == 2  # the second, possessive, occurrence is found too


def test_titles_and_possessives_are_trimmed(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The speech by then-prime minister Alda Brannick was short. Alda Brannick's aides left early."
    ents = _run(nlp, text)
    names = {m.text for e in ents for m in e.mentions}
    assert "Alda Brannick" in names
    assert not any(n.endswith("'s") or n.lower().startswith("then") for n in names)


def test_metonymy_only_when_the_capital_acts(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The United States imposed new tariffs. Washington refused to negotiate. "
        "The money was kept in banks in Washington, DC, for years."
    )
    ents = _run(nlp, text)
    us = _owner(ents, "United States")
    acting = text.index("Washington refused")
    assert any(m.start == acting for m in us.mentions)
    city = text.index("Washington, DC")
    assert not any(m.start == city for m in us.mentions)
    # a mention, not an alias: across documents an alias merges actors, and "Washington" is also the city
    assert "Washington" not in us.aliases


def test_a_bare_place_is_not_short_for_an_organisation_of_that_place(nlp) -> None:  # type: ignore[no-untyped-def]
    ents = _run(nlp, "The Bank of Kestria raised rates on Monday. Kestria exported more grain than ever.")
    assert _owner(ents, "Kestria") is not _owner(ents, "Bank of Kestria")


def test_a_bare_last_word_never_stands_for_a_whole_name_from_the_lexicon(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The Vorland Post said on Monday that the White House would veto the bill. "
            "The House passed it on Tuesday, the Post reported.")
    ents = _run(nlp, text)
    assert _owner(ents, "House") is not _owner(ents, "White House")  # the House of Representatives
    assert _owner(ents, "Post") is _owner(ents, "Vorland Post")  # an ordinary short form still joins


def test_a_party_and_state_tag_in_brackets_is_no_acronym(nlp) -> None:  # type: ignore[no-untyped-def]
    # "(R-TX)" is no acronym defining the name before it: the senator stays a person, the tag no alias of his
    ents = _run(nlp, "Senator Tom Harwick (R-TX) said the bill would fail, and Dana Lisle (D-N.Y.) agreed.")
    for name in ("Tom Harwick", "Dana Lisle"):
        person = _owner(ents, name)
        assert person.type == "PERSON" and person.aliases == ()


def test_demonym_modifying_a_state_actor_maps_to_the_country(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Qatar hosted the talks. Later, Qatari officials said the talks had failed."
    ents = _run(nlp, text)
    qatar = _owner(ents, "Qatar")
    assert "Qatari" in {m.text for m in qatar.mentions}


def test_proper_name_at_a_flow_end_missed_by_ner_becomes_an_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.extract.flows import extract_flows

    text = "Ledgers show that Quellmark shipped 300 mortars to the Osk Brigade. Its depots are in Quellmark."
    doc = nlp(text)
    doc.ents = []  # as if the NER model had not tagged the invented names
    document = _doc(text)
    ents = list(extract_entities(doc, document))
    names = {e.id: e for e in ents}
    flows = list(extract_flows(doc, document, ents, (), ()))
    pairs = {(f.kind, names[f.source].name, names[f.target].name) for f in flows}
    assert ("weapons", "Quellmark", "Osk Brigade") in pairs
    quellmark = next(e for e in ents if e.name == "Quellmark")
    assert quellmark.type == "GPE"  # named as a place elsewhere ("in Quellmark")
    assert next(e for e in ents if e.name == "Osk Brigade").type == "ORG"


def test_a_nickname_joins_the_actor_it_names() -> None:
    from claimgraph.extract import actor_rules as ar
    from claimgraph.extract.entities import known_as_links

    text = ("Among them was Tamas Oruvel. Later known as the infamous Grey Falcon, Oruvel ran the camp. "
            "Ilse Brandt, also known as Red Ilse, wrote the letters. The plant, known as Kessel Works, closed. "
            "Orvel, known as the Pearl, is quiet.")

    def cand(phrase: str, label: str) -> ar.Candidate:
        start = text.index(phrase)
        return ar.make(text, start, start + len(phrase), label, "ner")

    # NER's guess at a nickname's type does not matter ("Red Ilse" as a place); the named actor's does
    cands = [cand("Tamas Oruvel", "PERSON"), cand("Grey Falcon", "PERSON"), cand("Oruvel ran", "PERSON"),
             cand("Ilse Brandt", "PERSON"), cand("Red Ilse", "GPE"), cand("Kessel Works", "ORG"),
             cand("Orvel", "GPE"), cand("Pearl", "ORG")]
    cands[2] = ar.make(text, cands[2].start, cands[2].start + len("Oruvel"), "PERSON", "ner")
    # "The plant" is no actor and Orvel is a place: neither takes a nickname
    assert sorted(known_as_links(text, cands)) == [(2, 1), (3, 4)]


def test_the_actor_is_named_by_its_name_not_its_nickname(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Tarik Volan, also known as Abu Hamza al-Veldani, led the Northern Legion. The Northern Legion, "
            "known locally as the Brigade of the Eastern Dawn, took the town in 2014.")
    ents = _run(nlp, text)
    volan = _owner(ents, "Tarik Volan")
    assert volan.name == "Tarik Volan" and "Abu Hamza al-Veldani" in volan.aliases
    legion = _owner(ents, "Northern Legion")
    assert legion.name == "Northern Legion" and "Brigade of the Eastern Dawn" in legion.aliases


def test_an_unrecognised_two_word_name_that_reports_is_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import Doc

    from claimgraph.extract.entities import _speaker_candidates

    words = ["Damar", "Quellis", "of", "the", "board", "explained", "the", "rules", "."]
    heads = [1, 5, 1, 4, 2, 5, 7, 5, 5]
    deps = ["compound", "nsubj", "prep", "det", "pobj", "ROOT", "det", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "ADP", "DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"]
    lemmas = ["Damar", "Quellis", "of", "the", "board", "explain", "the", "rule", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    (c,) = _speaker_candidates(doc, [])
    assert (c.text, c.label) == ("Damar Quellis", "PERSON")
    # a single word is left alone ("Reuters reported" is NER's to name)
    doc2 = Doc(nlp.vocab, words=words[1:], heads=[h - 1 for h in heads[1:]], deps=deps[1:], pos=pos[1:],
               lemmas=lemmas[1:])
    assert _speaker_candidates(doc2, []) == []


def test_a_role_description_in_apposition_is_a_mention_not_an_alias(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Auditors said the party of former Ostrelian president and pro-Talvik ally, Viktor Brannvik, set aside "
        "the payments. Lena Ostrand, a retired diplomat, disagreed."
    )
    ents = _run(nlp, text)
    brannvik = _owner(ents, "Viktor Brannvik")
    assert "former Ostrelian president and pro-Talvik ally" in {m.text for m in brannvik.mentions}
    assert "former Ostrelian president and pro-Talvik ally" not in brannvik.aliases
    assert "retired diplomat" in {m.text for m in _owner(ents, "Lena Ostrand").mentions}


def test_a_one_word_name_takes_the_type_most_of_its_mentions_have() -> None:
    from claimgraph.extract import actor_rules as ar
    from claimgraph.extract.entities import _name_and_type
    from claimgraph.resolve import default_alias_table

    text = "Holm spoke. Holm left. Holm won."
    members = [ar.make(text, 0, 4, "ORG", "ner"), ar.make(text, 12, 16, "PERSON", "ner"),
               ar.make(text, 23, 27, "PERSON", "ner")]
    assert _name_and_type(members, default_alias_table()) == ("Holm", "PERSON")


def test_the_city_and_the_country_refer_back_to_the_place_named_before(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rebels seized Kessra, Jordan's third city, in May. Within two days they held the city, and donors "
        "in the country sent rifles to the town."
    )
    ents = _run(nlp, text)
    kessra = _owner(ents, "Kessra")
    assert [m.text for m in kessra.mentions] == ["Kessra", "the city", "the town"]  # not Jordan, named nearer
    assert "the country" in {m.text for m in _owner(ents, "Jordan").mentions}
    assert "the city" not in kessra.aliases


def test_the_town_is_never_a_state_named_as_one(nlp) -> None:  # type: ignore[no-untyped-def]
    ents = _run(nlp, "Tarik Volan received training from the Karsk Republic. His men took the town in 2014.")
    assert "the town" not in {m.text for m in _owner(ents, "Karsk Republic").mentions}


@pytest.mark.parametrize(
    "text",
    [
        "Fighters entered the town of Kessra. Officials said the city of Dorn was calm.",  # names its own place
        "Fighters entered the town of Kessra. Officials said the other city was calm.",
        "Fighters entered the town of Kessra. Officials said the largest city was calm.",
    ],
)
def test_a_place_noun_with_a_name_or_a_contrast_of_its_own_refers_to_nothing(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert {m.text for e in _run(nlp, text) for m in e.mentions if m.label == "REFERENCE"} == set()


def test_the_city_skips_the_country_named_after_it(nlp) -> None:  # type: ignore[no-untyped-def]
    ents = _run(nlp, "Fighters entered the town of Kessra in Jordan. Officials said the city was calm.")
    assert "the city" in {m.text for m in _owner(ents, "Kessra").mentions}


def test_the_same_noun_again_refers_to_what_the_first_one_refers_to(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Jordan backed the world's youngest country. The country's leader thanked Jordan."
    linked = {m.text for e in _run(nlp, text) for m in e.mentions if m.label == "REFERENCE"}
    assert linked == set()  # not Jordan: "The country" is the youngest one, which has no name here
    ents = _run(nlp, "Jordan backed Morvania, the world's youngest country. The country's leader thanked Jordan.")
    assert "The country" in {m.text for m in _owner(ents, "Morvania").mentions}


def test_a_place_lexicon_row_with_an_unknown_class_names_the_file(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from claimgraph import lexicons
    from claimgraph.extract import actor_lexicons

    monkeypatch.setattr(lexicons, "lexicon_files", lambda name: (("places.tsv", ("city\tmetropolis",)),))
    with pytest.raises(ValueError, match=r"actor_place_nouns\.tsv.*'metropolis'"):
        actor_lexicons._classes("actor_place_nouns.tsv", {"city", "country"})


@pytest.mark.parametrize(
    ("name", "label", "typ"),
    [
        ("Continental Wire", "PERSON", "MEDIA"),
        ("The Karvesh Courier", "ORG", "MEDIA"),
        ("Wire", "PERSON", "PERSON"),  # one word is no outlet's name
        ("Haqqani Network", "ORG", "ORG"),  # "network" names armed groups too: not in the list
    ],
)
def test_a_name_ending_in_a_news_word_is_a_news_outlet(name: str, label: str, typ: str) -> None:
    from claimgraph.extract import actor_rules as ar
    from claimgraph.extract.actor_lexicons import actor_lexicons
    from claimgraph.extract.entities import _name_and_type
    from claimgraph.resolve import default_alias_table

    members = [ar.make(name, 0, len(name), label, "ner")]
    assert _name_and_type(members, default_alias_table(), actor_lexicons().media_name_words)[1] == typ


def test_a_name_a_role_phrase_describes_is_a_person_whatever_the_model_said(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A spokesman for the Grey Scarves, Karim Fenwal, told reporters that the militia was unpaid."
    ents = _run(nlp, text)
    assert _owner(ents, "Karim Fenwal").type == "PERSON"


def test_a_one_word_name_with_a_ministry_or_armed_forces_of_its_own_is_a_state(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Officials said Valdor's foreign ministry denied the report. Valdor's armed forces crossed the river. "
        "Ashdel's aides were silent."
    )
    ents = _run(nlp, text)
    assert _owner(ents, "Valdor").type == "GPE"  # the model says ORG
    assert _owner(ents, "Ashdel").type != "GPE"  # aides are no state's institution


def test_a_candidate_name_never_runs_over_a_line_break() -> None:
    from claimgraph.extract import actor_rules as ar
    from claimgraph.extract.actor_lexicons import actor_lexicons

    text = "Denials in Kessra and Ilvania\n\nTalvik denied it."
    c = ar.trim(ar.make(text, 22, 39, "GPE", "ner"), text, actor_lexicons())  # NER's "Ilvania\n\nTalvik"
    assert c is not None and c.text == "Ilvania"


@pytest.mark.parametrize(
    ("span", "name"),
    [
        ("a Kestrian Republican", "Kestrian Republican"),  # an article NER took in
        ("an Ostmark Press poll", "Ostmark Press poll"),
        ("the\u00a0State Department", "State Department"),  # a no-break space after "the"
        ("Mira Voss\u2018s", "Mira Voss"),  # "‘" typed for the apostrophe
        ("Mira Voss \u2019s", "Mira Voss"),  # tokenised copy: the possessive a word of its own, the space not kept
        ("A Better Kestria", "A Better Kestria"),  # a capital A is the name's own
    ],
)
def test_a_candidate_name_loses_articles_and_possessives(span: str, name: str) -> None:
    from claimgraph.extract import actor_rules as ar
    from claimgraph.extract.actor_lexicons import actor_lexicons

    text = f"Yesterday {span} said so."
    c = ar.trim(ar.make(text, 10, 10 + len(span), "ORG", "ner"), text, actor_lexicons())
    assert c is not None and c.text == name


@pytest.mark.parametrize(
    ("text", "label", "name"),
    [
        ("KESTRIA CITY - Mira Voss", "PERSON", "Mira Voss"),  # a dateline at a paragraph's start
        ("Intro.\nPORT TALVIK (KNA) \u2014 Omar Vell", "PERSON", "Omar Vell"),
        ("NEW HARBOUR - Presidential", "ORG", None),  # a dateline and the sentence's first word: no name
        ("Trade with U.S. - Kestria", "GPE", "U.S. - Kestria"),  # a dash inside a sentence is no dateline
        ("s Mira Voss", "PERSON", "Mira Voss"),  # the "s" of a split possessive
        ("The Harbour Courier\u2019s Omar Vell", "PERSON", "Omar Vell"),  # the employer's possessive
        ("Mira Voss\u2019s Kestria", "PERSON", "Mira Voss\u2019s Kestria"),  # one word after it: no person's name
        ("Mira Voss 3", "PERSON", "Mira Voss"),  # a count from a results table
        ("Kestria 35", "ORG", "Kestria 35"),  # numbers in organisations' names stay
    ],
)
def test_a_persons_name_loses_datelines_owners_and_counts(text: str, label: str, name: str | None) -> None:
    from claimgraph.extract import actor_rules as ar
    from claimgraph.extract.actor_lexicons import actor_lexicons

    start = text.rfind("\n") + 1 if "\n" in text else (10 if text.startswith("Trade") else 0)
    c = ar.trim(ar.make(text, start, len(text), label, "ner"), text, actor_lexicons())
    assert (c.text if c else None) == name


def test_a_firms_name_ending_in_a_company_word_is_an_organisation_even_unseen_by_ner() -> None:
    from claimgraph.extract import actor_rules as ar
    from claimgraph.extract.actor_lexicons import actor_lexicons

    text = "In January Talvik Arms Trading shipped rifles. The Harbour Board met. Omar Vell Holdings, Ltd. paid."
    found = [c.text for c in ar.company_candidates(text, actor_lexicons())]
    assert found == ["Talvik Arms Trading", "Omar Vell Holdings"]  # not "In January ...", no "Board"
    text = "The Zembran charity Helping Hands Relief sent volunteers, and the Bright Dawn Foundation paid them."
    assert [c.text for c in ar.company_candidates("Don't Trust Vell, the posters said.", actor_lexicons())] == []
    assert [c.text for c in ar.company_candidates(text, actor_lexicons())] == ["Helping Hands Relief",
                                                                              "Bright Dawn Foundation"]


def _run_with_ents(nlp, text: str, ents: list[tuple[str, str]]) -> list[Entity]:  # type: ignore[no-untyped-def]
    """Actors of ``text`` with the NER spans set by hand (phrase, label), in text order: the model's own mistakes
    vary with the names."""
    doc = nlp(text)
    spans, pos = [], 0
    for phrase, label in ents:
        pos = text.index(phrase, pos) + len(phrase)
        spans.append(doc.char_span(pos - len(phrase), pos, label=label))
    doc.ents = spans
    found = list(extract_entities(doc, _doc(text)))
    for e in found:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    return found


def test_a_group_name_cut_at_of_by_ner_is_one_organisation(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ledgers show payments to the Sons of the Western Gate, a militia, in 2020."
    ents = _run_with_ents(nlp, text, [("Sons", "ORG"), ("Western Gate", "LOC")])
    group = _owner(ents, "Sons of the Western Gate")
    assert group.type == "ORG"
    assert not {"Sons", "Western Gate"} & {m.text for e in ents for m in e.mentions}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Recruits joined the Army of the Men of the Grey Order in May.", ["Army of the Men of the Grey Order"]),
        ("The Free Brothers of Kessra paid them.", ["Free Brothers of Kessra"]),
        ("Talvik of Ostmark said so.", []),  # no group noun before "of"
        ("They met the leaders of Kessra.", []),  # lowercase: a phrase, not a name
        ("They met the Minister of Defence.", []),  # a title
        ("The State of Kessra objected.", []),  # a state's name, not a group's
        ("Troops of Kessra arrived.", []),  # no "the"
    ],
)
def test_group_names_of_the_form_the_head_of_name(nlp, text: str, found: list[str]) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.extract import actor_rules as ar
    from claimgraph.extract.entities import _group_name_candidates

    assert [c.text for c in _group_name_candidates(nlp(text), ar.group_name_heads())] == found


def test_a_place_span_glued_across_a_preposition_is_two_places(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Kessmont is calm. At least 300 rifles were shipped from the Ostrel Republic to Kessmont in 2021."
    ents = _run_with_ents(nlp, text, [("Kessmont", "GPE"), ("the Ostrel Republic to Kessmont", "GPE")])
    assert _owner(ents, "Ostrel Republic") is not _owner(ents, "Kessmont")
    assert len(_owner(ents, "Kessmont").mentions) == 2
    assert not any(" to " in m.text for e in ents for m in e.mentions)


@pytest.mark.parametrize(
    ("span", "label", "parts"),
    [
        ("Kessra via Ostmark", "LOC", ["Kessra", "Ostmark"]),
        ("Committee to Protect Reporters", "ORG", ["Committee to Protect Reporters"]),  # an organisation's own name
        ("Bosnia and Talvia", "GPE", ["Bosnia and Talvia"]),  # "and" joins one place's name
    ],
)
def test_only_a_place_span_is_split_at_a_preposition(span: str, label: str, parts: list[str]) -> None:
    from claimgraph.extract import actor_rules as ar

    text = f"Yesterday {span} said so."
    assert [c.text for c in ar.split_glued(ar.make(text, 10, 10 + len(span), label, "ner"), text)] == parts


def test_a_firm_named_without_its_designator_is_the_same_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ostrel Shipping Holdings bought two tankers in May. Ostrel Shipping later sold them."
    ents = _run_with_ents(nlp, text, [("Ostrel Shipping Holdings", "ORG"), ("Ostrel Shipping", "ORG")])
    firm = _owner(ents, "Ostrel Shipping Holdings")
    assert firm is _owner(ents, "Ostrel Shipping") and firm.name == "Ostrel Shipping Holdings"


def test_a_short_firm_name_two_firms_share_joins_neither(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Ostrel Shipping Group owns Ostrel Shipping Holdings, which bought two tankers in May. "
            "Reports say Ostrel Shipping sold them.")
    ents = _run_with_ents(nlp, text, [("Ostrel Shipping Group", "ORG"), ("Ostrel Shipping Holdings", "ORG"),
                                      ("Ostrel Shipping", "ORG")])
    ents = [e for e in ents if e.type != "GROUP"]
    assert len({id(_owner(ents, n)) for n in ("Ostrel Shipping Group", "Ostrel Shipping Holdings")}) == 2
    assert [e.name for e in ents if any(m.text == "Ostrel Shipping" for m in e.mentions)] == ["Ostrel Shipping"]


def test_a_full_name_in_apposition_to_a_role_noun_is_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Fenn did not answer. His deputy, Tomas Relka, told reporters that no money came."
    ents = _run_with_ents(nlp, text, [("Tomas Relka", "ORG")])
    assert _owner(ents, "Tomas Relka").type == "PERSON"


@pytest.mark.parametrize("noun", ["port", "northern town", "province", "besieged city"])
def test_the_name_after_the_port_or_town_of_is_a_place(nlp, noun: str) -> None:  # type: ignore[no-untyped-def]
    text = f"The company took over the {noun} of Kessa Marin in 2020."
    ents = _run_with_ents(nlp, text, [("Kessa Marin", "PERSON")])
    assert _owner(ents, "Kessa Marin").type == "GPE"


def test_an_outlet_named_with_its_firms_designator_stays_an_outlet(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Omar Vell, the chairman of Karvesh Courier LLC, left. Karvesh Courier said he had resigned."
    ents = _run_with_ents(nlp, text, [("Omar Vell", "PERSON"), ("Karvesh Courier LLC", "ORG"),
                                      ("Karvesh Courier", "ORG")])
    outlet = _owner(ents, "Karvesh Courier LLC")
    assert outlet is _owner(ents, "Karvesh Courier") and outlet.type == "MEDIA"


@pytest.mark.parametrize("before", ["the deputy of", "the Port of"])  # a person's superior; a port authority's name
def test_a_name_after_other_nouns_of_keeps_the_models_type(nlp, before: str) -> None:  # type: ignore[no-untyped-def]
    text = f"The company hired {before} Kessa Marin in 2020."
    ents = _run_with_ents(nlp, text, [("Kessa Marin", "PERSON")])
    assert _owner(ents, "Kessa Marin").type == "PERSON"


def test_a_demonym_of_a_place_the_text_names_stands_for_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Drevnia has denied arming the Red Dawn Brigade. But Drevnian officials sent rifles to the brigade "
            "in May, and a Drevnian-backed militia received training.")
    ents = _run(nlp, text)
    drevnia = _owner(ents, "Drevnia")
    assert drevnia.type == "GPE"
    assert "Drevnian" in {m.text for m in drevnia.mentions}  # "Drevnian-backed"


def test_a_regions_demonym_is_no_state(nlp) -> None:  # type: ignore[no-untyped-def]
    ents = _run(nlp, "Voters in Asia were polled. Asian-American voters backed Ana Ruiz Vell.")
    assert all(e.type != "GPE" or "Asian" not in {m.text for m in e.mentions} for e in ents)


def test_a_name_with_its_demonym_in_the_text_written_after_in_is_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Fighters came from Zembra. The Zembran charity sent volunteers, and donations collected in Zembra "
            "reached the front.")
    ents = _run_with_ents(nlp, text, [("Zembra", "PERSON"), ("Zembran", "NORP"), ("Zembra", "PERSON")])
    assert _owner(ents, "Zembra").type == "GPE"
    # without a demonym in the text a name after "in" keeps its type: a person may be "in" a photo
    ents = _run_with_ents(nlp, "Donations collected in Zembra reached the front.", [("Zembra", "PERSON")])
    assert _owner(ents, "Zembra").type == "PERSON"


def test_a_firms_name_ner_reads_across_a_small_word_stands(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The grant came from the Kestria Citizens for Community Renewal Action Fund, which said it was proud."
    ents = _run_with_ents(nlp, text, [("Kestria Citizens for Community Renewal Action Fund", "ORG")])
    assert _owner(ents, "Kestria Citizens for Community Renewal Action Fund").type == "ORG"


def test_a_foundation_ner_took_for_a_person_keeps_its_full_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "He gave money to the Peter G. Vossberg Foundation last year."
    ents = _run_with_ents(nlp, text, [("Peter G. Vossberg Foundation", "PERSON")])
    assert _owner(ents, "Peter G. Vossberg Foundation").type == "ORG"
