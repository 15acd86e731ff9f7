"""Alleged flows on invented sentences: each pattern, voice, chains, participles, hedges and denials."""

from __future__ import annotations

import pytest

from claimgraph.extract.entities import extract_entities
from claimgraph.extract.flows import extract_flows
from claimgraph.records import Attribution, Claim, Document, Flow, Source, Span

pytestmark = pytest.mark.model

DEFS = "The Northern Liberation Army (NLA) and the Coastal Defence Union (CDU) fought for years. "


def _run(nlp, text: str, claims: tuple[Claim, ...] = (),  # type: ignore[no-untyped-def]
         attributions: tuple[Attribution, ...] = ()) -> tuple[list[Flow], dict[str, str]]:
    document = Document(doc_id="t", text=text, source_map=((0, 0, len(text)),))
    doc = nlp(text)
    ents = list(extract_entities(doc, document))
    flows = list(extract_flows(doc, document, ents, claims, attributions))
    for f in flows:
        for span in (f.trigger, f.item, f.time, *f.places):
            if span is not None:
                span.check(text)
    names = {e.id: e.name for e in ents}
    return flows, names


def _pairs(flows: list[Flow], names: dict[str, str]) -> set[tuple[str, str, str]]:
    return {(f.kind, names[f.source], names[f.target]) for f in flows}


NLA, CDU = "Northern Liberation Army", "Coastal Defence Union"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The NLA supplied anti-tank missiles to the CDU in March 2019.", "weapons"),
        ("Anti-tank missiles were delivered to the CDU by the NLA.", "weapons"),
        ("The CDU received training from the NLA.", "training"),
        ("The NLA funded the CDU throughout the war.", "money"),
        ("The NLA paid the CDU a large sum.", "money"),
        ("Payments from the NLA to the CDU continued for years.", "money"),
        ("The NLA made cash payments to the CDU.", "money"),
        ("The CDU enjoyed support from the NLA.", "support"),
        ("The NLA trained the CDU in desert camps.", "training"),
    ],
)
def test_single_clause_patterns(nlp, sentence: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert (kind, NLA, CDU) in _pairs(flows, names)


def test_time_and_item_are_kept(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The NLA supplied anti-tank missiles to the CDU in March 2019.")
    f = next(f for f in flows if names[f.source] == NLA)
    assert f.item is not None and "missiles" in f.item.text
    assert f.time is not None and f.time.text == "March 2019"
    assert f.trigger.text == "supplied"


@pytest.mark.parametrize(
    "sentence",
    [
        "The CDU holds hundreds of rifles, most of which were sold to it by the NLA.",
        "The CDU fighters carry rifles, many of them supplied by the NLA to the CDU.",
    ],
)
def test_many_of_them_is_the_item_named_before(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    f = next(f for f in flows if names[f.source] == NLA and names[f.target] == CDU)
    assert f.item is not None and f.item.text == "rifles" and f.kind == "weapons"


@pytest.mark.parametrize(
    ("sentence", "item"),
    [
        ("The NLA bought 400 rifles from a broker and handed them to the CDU.", "400 rifles"),
        ("The NLA seized a stock of mortars last spring. The NLA passed some of them on to the CDU.", "mortars"),
        # "It" opening the next sentence carries on its main subject, not the nearer broker
        ("The NLA bought 400 rifles from a broker in Vessen. It handed them to the CDU.", "400 rifles"),
    ],
)
def test_goods_given_as_a_pronoun_are_the_goods_named_before(nlp, sentence: str, item: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    f = next(f for f in flows if names[f.source] == NLA and names[f.target] == CDU)
    assert f.kind == "weapons" and f.item is not None and f.item.text == item


def test_it_after_a_subject_that_is_no_actor_is_left_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, _ = _run(nlp, DEFS + "The NLA bought rifles. The shipment arrived in May. It was then sold to the CDU.")
    assert flows == []  # "It" is the shipment, no actor: the sale has no giver


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Omar Vell was given $300 a month by the NLA.", ("money", NLA, "Omar Vell")),
        ("The CDU was sent rifles by the NLA.", ("weapons", NLA, CDU)),
    ],
)
def test_a_passive_subject_given_goods_is_the_recipient(nlp, sentence: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert expected in _pairs(flows, names)


def test_relative_clause_chain_dropped_then_recovered(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "NLA helicopters dropped rifles that were recovered by the CDU.")
    assert ("weapons", NLA, CDU) in _pairs(flows, names)


def test_passed_on_chain_takes_the_earlier_giver(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "Rifles smuggled by the NLA were later passed on to the CDU.")
    assert ("weapons", NLA, CDU) in _pairs(flows, names)


def test_onward_distribution_keeps_the_destination_as_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    text = DEFS + "The NLA flew rifles to Amman, Jordan, for further distribution to the CDU."
    flows, names = _run(nlp, text)
    f = next(f for f in flows if (names[f.source], names[f.target]) == (NLA, CDU))
    assert "Amman" in {p.text for p in f.places}
    assert all(names[x.target] not in ("Amman", "Jordan") for x in flows)


def test_compound_participles(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The CDU relied on NLA-supplied rifles and NLA-trained fighters.")
    pairs = _pairs(flows, names)
    assert ("weapons", NLA, CDU) in pairs
    assert ("training", NLA, CDU) in pairs


@pytest.mark.parametrize(
    "sentence",
    [
        "The NLA recruited fighters for the CDU in 2019.",
        "The NLA recruited dozens of young Veldanians to fight for the CDU.",
        "The CDU recruited volunteers from the NLA.",
    ],
)
def test_recruiting_is_a_fighters_flow(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert ("fighters", NLA, CDU) in _pairs(flows, names)


@pytest.mark.parametrize(
    "sentence",
    [
        "Young men from the NLA were recruited by the CDU.",  # "from" says where the men live, not who gave them
        "The CDU recruited a new finance director from the NLA.",  # a hire, no fighters
    ],
)
def test_recruiting_without_fighters_or_giver_is_no_flow(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    flows, _ = _run(nlp, DEFS + sentence)
    assert flows == []


def test_an_amount_item_keeps_what_it_is_of(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The NLA sent large quantities of rifles to the CDU.")
    f = next(f for f in flows if (names[f.source], names[f.target]) == (NLA, CDU))
    assert f.item is not None and f.item.text == "large quantities of rifles"


def test_unnamed_ends_become_group_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The NLA had been providing weapons to religious rebel factions.")
    assert ("weapons", NLA, "religious rebel factions") in _pairs(flows, names)


def test_state_actors_through_their_institutions(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "Qatari officials sent money to the CDU.")
    assert ("money", "Qatar", CDU) in _pairs(flows, names)


def test_no_flow_without_a_transfer(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, _ = _run(nlp, DEFS + "The NLA praised the CDU and kept its money in banks in Geneva.")
    assert flows == []


def test_repeated_flow_is_one_edge_with_every_trigger(nlp) -> None:  # type: ignore[no-untyped-def]
    text = DEFS + "The NLA sent rifles to the CDU. Later the NLA delivered more rifles to the CDU."
    flows, names = _run(nlp, text)
    same = [f for f in flows if (names[f.source], names[f.target]) == (NLA, CDU)]
    assert len(same) == 1
    assert [t.text for t in same[0].triggers] == ["sent", "delivered"]


def _claim(text: str, sentence: str, cid: str, **kw: bool) -> Claim:
    start = text.index(sentence)
    return Claim(id=cid, span=Span.of(text, start, start + len(sentence)), attribution="a1", evidence="anonymous",
                 source="officials", **kw)


def test_hedged_and_denied_come_from_the_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    s1 = "The NLA may have sold rifles to the CDU."
    s2 = "The NLA paid the CDU a large sum, officials denied."
    text = DEFS + s1 + " " + s2
    claims = (_claim(text, s1, "c1", hedged=True), _claim(text, s2, "c2", denied=True))
    flows, names = _run(nlp, text, claims)
    by_kind = {f.kind: f for f in flows if (names[f.source], names[f.target]) == (NLA, CDU)}
    assert by_kind["weapons"].claim == "c1" and by_kind["weapons"].hedged and not by_kind["weapons"].denied
    assert by_kind["weapons"].evidence == "anonymous" and by_kind["weapons"].source_text == "officials"
    assert by_kind["money"].claim == "c2" and by_kind["money"].denied


def test_negated_trigger_is_denied_without_claims(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The NLA never armed the CDU.")
    f = next(f for f in flows if (names[f.source], names[f.target]) == (NLA, CDU))
    assert f.denied and f.claim is None


def test_the_group_refers_back_to_the_last_named_organisation(nlp) -> None:  # type: ignore[no-untyped-def]
    text = DEFS + "Fighters of the CDU held the pass. NLA commanders delivered rifles to the group."
    flows, names = _run(nlp, text)
    assert ("weapons", NLA, CDU) in _pairs(flows, names)


# ---------------------------------------------------------------- wider ends and frames


def _ends(flows: list[Flow], names: dict[str, str]) -> set[tuple[str, str]]:
    return {(names[f.source], names[f.target]) for f in flows}


def test_pronoun_object_is_the_recipient_named_before(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The NLA hired forty local drivers, paying them two dollars a day.")
    assert any(s == NLA and "drivers" in t for s, t in _ends(flows, names))


def test_double_object_with_pronoun_recipient(nlp) -> None:  # type: ignore[no-untyped-def]
    text = DEFS + "CDU fighters waited at the border crossing. The NLA sold them rifles."
    flows, names = _run(nlp, text)
    assert ("weapons", NLA, CDU) in _pairs(flows, names)


def test_person_pronoun_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    text = DEFS + "Anna Holm ran the NLA treasury for a decade. She paid the CDU a large sum."
    flows, names = _run(nlp, text)
    assert ("money", "Anna Holm", CDU) in _pairs(flows, names)


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        # the small model types a person known by surname alone as ORG: "him" falls back on that name
        ("Halvorsen has struggled to finance the new plant. After the crash, regional banks stopped lending him money.",
         "Halvorsen"),
        # a person in reach still wins over a nearer one-word organisation
        ("Erik Dahl warned that Halvorsen has struggled to finance the new plant. After the crash, regional banks "
         "stopped lending him money.", "Erik Dahl"),
    ],
)
def test_person_pronoun_falls_back_on_a_surname_typed_as_organisation(nlp, text: str, recipient: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, text)
    assert [names[f.target] for f in flows] == [recipient]


def test_pronoun_whose_nearest_phrase_is_no_actor_is_left_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    text = DEFS + "Critics doubt these reports because they come from officials enjoying support from the NLA."
    flows, names = _run(nlp, text)
    assert all(names[f.target] != CDU for f in flows)


def test_existential_subject_of_an_infinitive(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "There are wealthy donors in the capital to help fund the CDU.")
    assert any("donors" in s and t == CDU for s, t in _ends(flows, names))


def test_object_of_ask_does_the_giving(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The NLA asked a wealthy friend to donate to the CDU.")
    ends = _ends(flows, names)
    assert any("friend" in s and t == CDU for s, t in ends)
    assert (NLA, CDU) not in ends


def test_possessor_of_a_campaign_is_the_recipient(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "Last year the NLA donated money to Anna Holm's Senate campaign.")
    assert (NLA, "Anna Holm") in _ends(flows, names)


def test_unhyphenated_participle(nlp) -> None:  # type: ignore[no-untyped-def]
    text = DEFS + "It was first reported by Radio Vell, a CDU funded broadcaster."
    flows, names = _run(nlp, text)
    assert any(s == CDU and "broadcaster" in t for s, t in _ends(flows, names))


def test_item_gated_verbs_need_an_item(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The NLA returned the money to the CDU.")
    assert ("money", NLA, CDU) in _pairs(flows, names)
    flows, _ = _run(nlp, DEFS + "The NLA returned the favour to the CDU and took the credit from it.")
    assert flows == []


def test_nominal_transfer_inside_a_giving_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The NLA has donated millions, both in direct aid to refugees and to the CDU.")
    assert any(s == NLA and "refugees" in t for s, t in _ends(flows, names))


def test_place_modifier_does_not_make_banks_a_state(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The CDU, unable to borrow from most Canadian banks, turned to the NLA.")
    ends = _ends(flows, names)
    assert any("banks" in s and t == CDU for s, t in ends)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # relative clause: the object is the noun the clause modifies
        ("Customs papers show a batch of mortars that Veltrum shipped to the Osk Brigade in 2019.",
         ("weapons", "Veltrum", "Osk Brigade")),
        # passive with "to" hung on the agent by the parser
        ("The rifles, which were sold by Brask to Vostrel's armed forces, later surfaced in the hills.",
         ("weapons", "Brask", "Vostrel")),
        # passive chain: recruited by X and sent to join Y
        ("The boys were recruited by the Amber Hill Front (AHF) and sent to join the Osk Brigade.",
         ("fighters", "Amber Hill Front", "Osk Brigade")),
        ("The Amber Hill Front denied that it had sent any fighters to join the Osk Brigade.",
         ("fighters", "Amber Hill Front", "Osk Brigade")),
        # receive ... from a member noun of a named group
        ("Several recruits received training from Osk Brigade instructors.",
         ("training", "Osk Brigade", "Several recruits")),
        # "accused X of providing": the object of the governing verb acts
        ("The Interior Ministry accused the charity of providing support to the Amber Hill Front.",
         ("support", "charity", "Amber Hill Front")),
        # buy from: the subject nearest the verb, not a heading glued to the sentence
        ("In March, the Korvanian Procurement Board bought 300 mortars from Veltrum Industries.",
         ("weapons", "Veltrum Industries", "Korvanian Procurement Board")),
        # the organisation itself is financed
        ("The Pellan Relief Fund was largely financed by donors in Korvania.",
         ("money", "donors in Korvania", "Pellan Relief Fund")),
        # "the fund" refers back to the organisation named "... Fund"
        ("The Pellan Relief Fund was set up in 2015. Auditors say the fund had paid the Osk Brigade.",
         ("money", "Pellan Relief Fund", "Osk Brigade")),
    ],
)
def test_sample_style_constructions(nlp, sentence: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, sentence)
    assert expected in _pairs(flows, names)


def test_glued_heading_is_not_the_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A route through Pellany\n\nIn May, the Osk Brigade bought 200 mortars from Veltrum Industries."
    flows, names = _run(nlp, text)
    assert ("weapons", "Veltrum Industries", "Osk Brigade") in _pairs(flows, names)


def test_militia_does_not_refer_back_to_a_ministry(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The Osk Brigade controls the valley. The Korvanian Interior Ministry issued a statement. "
            "Auditors say the ministry had funded the militia.")
    flows, names = _run(nlp, text)
    assert all(names[f.target] != "Korvanian Interior Ministry" for f in flows)


def test_definite_item_passed_on_comes_from_its_last_recipient(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("In May, the Osk Brigade bought 200 mortars from Veltrum Industries. "
            "Weeks later the mortars were passed on to the Amber Hill Front.")
    flows, names = _run(nlp, text)
    pairs = _pairs(flows, names)
    assert ("weapons", "Veltrum Industries", "Osk Brigade") in pairs
    assert ("weapons", "Osk Brigade", "Amber Hill Front") in pairs


def test_a_definite_item_given_again_without_onward_word_names_no_giver(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("In May, the Osk Brigade bought 200 mortars from Veltrum Industries. "
            "Veltrum managers said the mortars were sold legally to the Korvanian army.")
    flows, names = _run(nlp, text)
    assert all(names[f.source] != "Osk Brigade" for f in flows)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ledgers seen by auditors list $3 million in payments from the NLA to accounts controlled by the CDU.",
        "Auditors found $3 million in payments from the NLA to the CDU.",
    ],
)
def test_a_sum_in_payments_from_x_to_y(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert ("money", NLA, CDU) in _pairs(flows, names)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "from" hung on the object of a purchase
        ("The CDU bought rifles from the NLA.", ("weapons", NLA, CDU)),
        # a sale is paid for: the buyer's money goes back to the seller
        ("The NLA offered to sell the stolen files to the CDU.", ("money", CDU, NLA)),
        # a bought business is paid for by the buyer (named, described, or a stake in it)
        ("The NLA bought the drone maker Skyward Robotics in 2015.", ("money", NLA, "Skyward Robotics")),
        ("The NLA will acquire 40 percent of Essex Oil Corporation.", ("money", NLA, "Essex Oil Corporation")),
        # "having acquired": a perfect, not a reduced passive
        ("The NLA has grown fast, having acquired the startup Bluefin Labs.", ("money", NLA, "Bluefin Labs")),
        # the purpose clause names who a transfer is for
        ("The NLA extends small loans to help farmers buy seed.", ("money", NLA, "farmers")),
        ("The NLA provided grants to help local schools.", ("money", NLA, "local schools")),
        # a verb that lets a transfer happen: its subject gives
        ("The NLA reversed policy to allow shipments of rifles to the CDU.", ("weapons", NLA, CDU)),
        # whoever discloses a loan had it
        ("The CDU did not disclose loans from the NLA.", ("money", NLA, CDU)),
        # the giver named by an agent noun, in apposition or after a copula
        ("The NLA, a longtime donor to the CDU, spoke on Monday.", ("money", NLA, CDU)),
        ("The NLA was a strong supporter of the CDU.", ("support", NLA, CDU)),
        # backing X's cause backs X; "whose" is the name right before it
        ("The NLA backed the CDU's secession.", ("support", NLA, CDU)),
        ("The CDU, whose rebellion was backed by the NLA, grew quickly.", ("support", NLA, CDU)),
        # a section label glued onto a headline is not the recipient
        ("CORRECTED: The NLA has donated to Democrats OPINION: Do not repeat old mistakes MORE.",
         ("money", NLA, "Democrats")),
        # people by circumstance become actors at a flow end
        # an amount of money is a money item
        ("The CDU got $40,000 from the NLA.", ("money", NLA, CDU)),
    ],
)
def test_transfer_constructions(nlp, sentence: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert expected in _pairs(flows, names)


def test_a_purchase_is_read_for_its_goods_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The CDU purchased ammunition from the NLA last year.")
    assert _pairs(flows, names) == {("weapons", NLA, CDU)}


def test_selling_money_has_no_payment_back(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The NLA offered to sell $3 million to the CDU.")
    assert _pairs(flows, names) == {("money", NLA, CDU)}


def test_a_bought_product_is_not_a_business(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, _ = _run(nlp, DEFS + "The NLA bought two Skyhawk drones last spring.")
    assert flows == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The NLA transferred the money into accounts linked to the CDU.", "money"),
        ("Payments from the NLA were wired to accounts controlled by the CDU's treasurer.", "money"),
        ("Auditors traced payments from the NLA wired through banks in Cyprus to accounts held by the CDU.",
         "money"),
        ("The CDU was receiving fuel from NLA depots in the north.", "support"),
    ],
)
def test_holdings_stand_for_their_holder(nlp, sentence: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert (kind, NLA, CDU) in _pairs(flows, names)


def test_coordinated_items_of_two_kinds_give_two_flows(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + 'The NLA never sent "a single bullet or a single coin" to the CDU.')
    assert {("weapons", NLA, CDU), ("money", NLA, CDU)} <= _pairs(flows, names)


def test_definite_description_refers_to_the_name_so_described(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (DEFS + "The Harbour Guard (HG), a coastal militia, patrols the port. The Red Cross visited the port "
            "on Monday. The NLA secretly funded the militia, auditors say.")
    flows, names = _run(nlp, text)
    assert ("money", NLA, "Harbour Guard") in _pairs(flows, names)


def test_his_government_is_the_state_of_the_ministers_title(nlp) -> None:  # type: ignore[no-untyped-def]
    text = DEFS + "France's defence minister, Jean Dupont, denied that his government had sent rifles to the CDU."
    flows, names = _run(nlp, text)
    assert ("weapons", "France", CDU) in _pairs(flows, names)


# No transfer, no flow: a measure that stops transfers (sanctions, an embargo, a ban; issue 4), and idioms
# with a give verb ("gave it a look", "got a boost"; flow_idiom_objects.txt)
@pytest.mark.parametrize(
    "sentence",
    [
        "The NLA imposed sanctions on the CDU last year.",
        "The NLA slapped an arms embargo on the CDU.",
        "The NLA extended its ban on imports of fish from the CDU.",
        "The NLA gave the CDU plan a second look.",
        "The CDU got a boost from the NLA.",
        "The NLA sent its condolences to the CDU.",
        "Pressure from the NLA handed the CDU a victory.",
        "The CDU got someone from the NLA to sign the papers.",  # a person nobody names is hired, not handed over
        "The NLA gave the CDU its word.",  # a promise
    ],
)
def test_sanctions_embargoes_and_give_idioms_are_no_flow(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert not flows, _pairs(flows, names)


# Issue 4: nouns for the receiving end ("importer", "buyer", "recipient", "customer") and trade agent
# nouns whose recipient the parser hung on the goods
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The CDU became the largest importer of NLA oil in 2015.", ("other", NLA, CDU)),
        ("The CDU, a major buyer of arms from the NLA, denied the report.", ("weapons", NLA, CDU)),
        ("The CDU is the top recipient of NLA military aid.", ("support", NLA, CDU)),
        ("The CDU is a customer of the NLA.", ("other", NLA, CDU)),
        ("The NLA, the main exporter of rifles to the CDU, declined to comment.", ("weapons", NLA, CDU)),
        ("The NLA was a supplier of ammunition to the CDU.", ("weapons", NLA, CDU)),
    ],
)
def test_trade_role_nouns(nlp, sentence: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert expected in _pairs(flows, names)


def test_clause_after_a_temporal_preposition_shares_the_main_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The CDU bought trucks after receiving $5 million from the NLA.")
    assert ("money", NLA, CDU) in _pairs(flows, names)


# Issue 4: "X pledged $5m. The money will go to Y": a gift with no recipient, completed by the next sentence
@pytest.mark.parametrize(
    "text",
    [
        "The NLA pledged $5 million on Monday. The money will go to the CDU.",
        "The NLA donated $2 million last year. Most of the money went to the CDU.",
        "The NLA pledged $5 million. The money flows to the CDU every year.",
        "The NLA's money went to the CDU.",
        "The NLA set aside $5 million on Monday. The money will go to the CDU.",  # a phrasal verb of giving
    ],
)
def test_money_goes_on_to_the_recipient_named_next(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + text)
    assert ("money", NLA, CDU) in _pairs(flows, names)


@pytest.mark.parametrize(
    "text",
    [
        "The NLA raised $5 million. The money will go to the CDU.",  # raised money was received, not given
        "The NLA pledged $5 million. The CDU said the team will go to the capital.",  # no item goes anywhere
        "The NLA pledged $5 million. Fighting resumed in the north. Talks stalled. The money went to the CDU.",
    ],
)
def test_money_going_on_needs_an_open_gift_just_before(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + text)
    assert ("money", NLA, CDU) not in _pairs(flows, names)


def test_his_company_is_the_company_named_after_him(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (DEFS + "Corvin Ashdel owns the Ashdel Salt Company and the Brell Salt Company sells to the CDU. "
            "Ashdel denied that his company had received any money from the NLA.")
    flows, names = _run(nlp, text)
    assert ("money", NLA, "Ashdel Salt Company") in _pairs(flows, names)
    assert ("money", NLA, "Brell Salt Company") not in _pairs(flows, names)


def test_money_in_a_named_currency(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The NLA paid 40,000 dinars to the CDU.")
    assert ("money", NLA, CDU) in _pairs(flows, names)


# Lending and borrowing, money set aside or meant for someone, debts, imports and state-owned firms
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a lender gives to the borrower, also when the parser reads "the CDU money" as one phrase
        ("The NLA stopped lending the CDU money after the war.", ("money", NLA, CDU)),
        ("The NLA advanced $2 million to the CDU.", ("money", NLA, CDU)),
        # whoever has a loan with X, or owes X money, had the money from X
        ("The CDU has outstanding loans with the NLA.", ("money", NLA, CDU)),
        ("The CDU owes $300 million to the NLA.", ("money", NLA, CDU)),
        ("The CDU owes the NLA $3 million.", ("money", NLA, CDU)),
        # with the giver after "from", the possessor of the transfer got it
        ("The CDU's loans from the NLA were never repaid.", ("money", NLA, CDU)),
        # phrasal verbs and verbs of setting money aside for someone
        ("The NLA set aside $5 million for the CDU.", ("money", NLA, CDU)),
        ("The NLA earmarked $2 million for the CDU last year.", ("money", NLA, CDU)),
        ("The NLA allocated $3 million to the CDU.", ("money", NLA, CDU)),
        ("The NLA poured millions of dollars into the CDU.", ("money", NLA, CDU)),
        ("The NLA bailed out the CDU in 2012.", ("money", NLA, CDU)),
        # "for" hung on the item; a finite verb after an apposition misread as a participle
        ("The NLA, the largest militia in the north, set aside the payments for the CDU.", ("money", NLA, CDU)),
        # a participle on the item names who it is meant for (and by whom)
        ("Auditors found payments earmarked for the CDU by the NLA.", ("money", NLA, CDU)),
        ("The NLA sent rifles destined for the CDU.", ("weapons", NLA, CDU)),
        # imports: the importer gets the goods of their owner or origin
        ("Imports of rifles from the NLA by the CDU doubled.", ("weapons", NLA, CDU)),
        ("The CDU increased its imports of NLA oil.", ("other", NLA, CDU)),
        # the owner of the goods a transfer noun moves gives them
        ("Shipments of NLA rifles to the CDU continued.", ("weapons", NLA, CDU)),
    ],
)
def test_lending_debts_and_money_set_aside(nlp, sentence: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert expected in _pairs(flows, names)


def test_a_state_owned_firm_acts_for_its_state(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "Norway's state-run Nordvik Energy bought rifles from the NLA.")
    pairs = _pairs(flows, names)
    assert ("weapons", NLA, "Norway") in pairs
    assert any(t.startswith("Nordvik") for k, s, t in pairs if s == NLA)


def test_the_possessor_of_a_ranked_importer_is_where_it_ranks(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The CDU became Asia's largest importer of NLA oil.")
    pairs = _pairs(flows, names)
    assert ("other", NLA, CDU) in pairs
    assert not any(s == "Asia" for _, s, _ in pairs)


@pytest.mark.parametrize(
    "sentence",
    [
        "The NLA restricted imports of rifles from the CDU.",  # a measure against a transfer is none
        "The NLA voted to allocate funds to fight the CDU.",  # the enemy fought is no recipient
        "The NLA may be taking much of its new support from the CDU.",  # support drawn away, not given
    ],
)
def test_no_flow_from_restrictions_enemies_or_support_taken_away(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert ("money", NLA, CDU) not in _pairs(flows, names) and ("weapons", CDU, NLA) not in _pairs(flows, names)
    assert ("support", CDU, NLA) not in _pairs(flows, names)


@pytest.mark.parametrize(
    "sentence",
    [
        "Mara Holm said she was no longer self-funding her campaign.",  # the verb written "self-"
        "Mara Holm spent freely on her self-financed campaign.",  # the participle
    ],
)
def test_self_funding_gives_to_the_givers_own_venture(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, sentence)
    assert any(k == "money" and s == "Mara Holm" and "campaign" in t for k, s, t in _pairs(flows, names))


def test_a_plural_agent_noun_receiving_money_is_a_group(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The NLA said it would not return the money to outbidders.")
    f = next(f for f in flows if names[f.source] == NLA and names[f.target] == "outbidders")
    assert f.kind == "money" and f.denied


def test_flooding_with_goods_is_a_transfer_only_when_goods_are_named(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "Officials allowed the NLA to flood the CDU with shoulder-fired missiles.")
    assert ("weapons", NLA, CDU) in _pairs(flows, names)
    flows, names = _run(nlp, DEFS + "The NLA flooded the CDU with complaints.")
    assert not any(s == NLA and t == CDU for _, s, t in _pairs(flows, names))


VOSS_ORG = "Ostrel Arms"


def _mention_texts(nlp, text: str) -> tuple[list[Flow], dict[str, set[str]]]:  # type: ignore[no-untyped-def]
    """Flows with every mention text of each end (a GROUP role is named by its phrase)."""
    document = Document(doc_id="t", text=text, source_map=((0, 0, len(text)),))
    doc = nlp(text)
    ents = list(extract_entities(doc, document))
    flows = list(extract_flows(doc, document, ents, (), ()))
    return flows, {e.id: {e.name, *(m.text for m in e.mentions)} for e in ents}


@pytest.mark.parametrize(
    ("sentence", "employer", "paid"),
    [
        ("The coach of the Talvik Rowing Club makes $237,000.", "Talvik Rowing Club", "coach"),
        ("Ostrel Arms Executive Director Mira Voss makes $854,000.", VOSS_ORG, "Mira Voss"),
        ("Mira Voss, the director of Ostrel Arms, makes $854,000.", VOSS_ORG, "Mira Voss"),
        ("The chief executive of Ostrel Arms earned $4 million last year.", VOSS_ORG, "chief executive"),
        ("Ostrel Arms's CEO was paid $2m in 2019.", VOSS_ORG, "Ostrel Arms's CEO"),
        ("Mira Voss takes home $90,000 from Ostrel Arms.", VOSS_ORG, "Mira Voss"),
        ("The director receives $300,000 from Ostrel Arms.", VOSS_ORG, "director"),
    ],
)
def test_an_employer_pays_the_person_or_role_that_makes_a_sum(nlp, sentence: str, employer: str,
                                                              paid: str) -> None:  # type: ignore[no-untyped-def]
    flows, texts = _mention_texts(nlp, sentence)
    pairs = {(f.kind, s, t) for f in flows for s in texts[f.source] for t in texts[f.target]}
    assert ("money", employer, paid) in pairs


def test_an_employers_name_before_a_title_keeps_a_known_short_name_inside_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "USA" alone is in the alias table (the United States); before a title it is part of the employer's name
    flows, texts = _mention_texts(nlp, "USA Fencing Executive Director Mira Voss makes $854,000.")
    assert {(f.kind, n, "Mira Voss") for f in flows for n in texts[f.source]} >= {("money", "USA Fencing", "Mira Voss")}


def test_a_salary_flow_takes_its_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The coach of the Talvik Rowing Club makes $237,000."
    claim = _claim(text, text, "c1", hedged=True)
    flows, _ = _run(nlp, text, (claim,))
    f = next(f for f in flows if f.trigger.text == "makes")
    assert f.claim == "c1" and f.hedged and f.evidence == "anonymous" and f.item is not None and \
        f.item.text == "$237,000"


@pytest.mark.parametrize(
    "sentence",
    [
        "The head coach of the Talvik Rowing Club makes a decision.",  # no sum of money
        "The coach makes $200,000.",  # no employer named
        "The waiter makes $5 in tips from customers.",  # customers are no employer
        "Residents of Dunmere make $40,000.",  # residents hold no job
        "The chief executive of Ostrel Arms made a $5m donation.",  # a donation, not a sum made
    ],
)
def test_no_salary_without_a_sum_an_employer_and_a_role(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    flows, _ = _run(nlp, sentence)
    assert [f for f in flows if f.trigger.text in ("makes", "make", "made")] == []


def test_a_flow_to_the_city_goes_to_the_place_named_before(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, "Fighters retook Kessra in June. Qatar flooded the city with rifles.")
    assert ("weapons", "Qatar", "Kessra") in _pairs(flows, names)


def test_a_state_read_from_a_firm_it_owns_is_marked_as_claimgraphs_reading(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Venezuela's state-run PDVSA sold crude oil to the Cuban government in 2019."
    document = Document(doc_id="t", text=text, source_map=((0, 0, len(text)),))
    doc = nlp(text)
    ents = list(extract_entities(doc, document))
    names = {e.id: e.name for e in ents}
    flows = {(f.kind, names[f.source], names[f.target]): f for f in extract_flows(doc, document, ents, (), ())}
    firm = flows[("other", "PDVSA", "Cuba")]
    assert firm.owned_firm is None and firm.owner_end is None  # the article's own words
    state = flows[("other", "Venezuela", "Cuba")]
    assert names[state.owned_firm or ""] == "PDVSA" and state.owner_end == "source"
    assert flows[("money", "Cuba", "Venezuela")].owner_end == "target"  # the payment back goes to the owner
    assert state.to_json()["owned_firm"] == state.owned_firm and state.to_json()["owner_end"] == "source"


def test_a_message_or_interview_still_passes_between_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The NLA sent a letter to the CDU.")
    assert ("other", NLA, CDU) in _pairs(flows, names)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The NLA lent its support to the CDU.", "support"),  # a money verb moving something else
        ("The NLA lent its private plane to the CDU.", "other"),
        ("The NLA loaned $5 million to the CDU.", "money"),
        ("The NLA paid fees to the CDU.", "money"),
    ],
)
def test_a_money_verb_takes_the_kind_of_what_it_moves(nlp, sentence: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert {(k, s, t) for k, s, t in _pairs(flows, names) if s == NLA} == {(kind, NLA, CDU)}


@pytest.mark.parametrize("sentence", ["The NLA paid a visit to the CDU.", "The NLA paid tribute to the CDU."])
def test_paying_a_visit_or_tribute_is_no_payment(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert not flows, _pairs(flows, names)


def test_goods_the_parser_made_a_subject_are_no_end(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.extract.flow_rules import _bare_goods, flow_lexicons

    doc = nlp("Rifles seized from fighters were sold by Vessen Arms.")
    assert _bare_goods(doc[0], None, flow_lexicons())  # "Rifles": goods, whatever the parse
    arms = next(t for t in doc if t.text == "Arms")
    assert not _bare_goods(arms, None, flow_lexicons())  # "Vessen Arms": a name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "to Y" hung by the parser on the verb the noun is the object of, right after "from X"
        (DEFS + "A leaked ledger lists monthly US dollar payments from the NLA to the CDU.", ("money", NLA, CDU)),
        # ... with "the ministry" read back to the ministry named before and the recipient named in apposition
        ("The Korvanian Interior Ministry issued a statement. The Osk Brigade controls the valley. A ledger seen by "
         "reporters lists cash payments from the ministry to the brigade's deputy commander, Anna Holm.",
         ("money", "Korvanian Interior Ministry", "Anna Holm")),
    ],
)
def test_payments_from_x_to_y_inside_the_object_of_another_verb(nlp, text: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, text)
    assert expected in _pairs(flows, names)


def _quoted(text: str, quote: str, speaker: str, resolved: str | None = None) -> tuple[Claim, Attribution]:
    """A direct quote and the claim it carries, as the attribution stage gives them."""
    q, s = text.index(quote), text.index(speaker)
    r = text.index(resolved) if resolved else None
    source = Source(span=Span.of(text, s, s + len(speaker)), kind="named_person",
                    resolved=Span.of(text, r, r + len(resolved)) if resolved and r is not None else None)
    attribution = Attribution(id="a1", source=source, cue=None, content=Span.of(text, q, q + len(quote)),
                              quote="direct")
    claim = Claim(id="c1", span=Span.of(text, q, q + len(quote)), attribution="a1", evidence="named_person",
                  source=speaker)
    return claim, attribution


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "resolved", "expected", "denied"),
    [
        # "she" resolved to a phrase that names her role in the CDU
        (DEFS + 'Anna Holm, the CDU\'s commander, met reporters. "We have never taken a single rifle from the NLA," '
         "she said.", '"We have never taken a single rifle from the NLA,"', "she", "the CDU's commander",
         ("weapons", NLA, CDU), True),
        (DEFS + '"We sent rifles to the CDU," said Erik Dahl, an NLA commander.', '"We sent rifles to the CDU,"',
         "Erik Dahl, an NLA commander", None, ("weapons", NLA, CDU), False),
        (DEFS + '"We never received any money from the NLA," said a spokeswoman for the CDU.',
         '"We never received any money from the NLA,"', "a spokeswoman for the CDU", None, ("money", NLA, CDU), True),
    ],
)
def test_we_in_a_direct_quote_is_the_body_the_speaker_speaks_for(  # type: ignore[no-untyped-def]
    nlp, text: str, quote: str, speaker: str, resolved: str | None, expected: tuple[str, str, str], denied: bool
) -> None:
    claim, attribution = _quoted(text, quote, speaker, resolved)
    flows, names = _run(nlp, text, (claim,), (attribution,))
    f = next(f for f in flows if (f.kind, names[f.source], names[f.target]) == expected)
    assert f.denied is denied and f.claim == "c1"


def test_we_stays_unresolved_without_a_speaker_role_or_outside_the_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = DEFS + '"We have never received rifles from the NLA," said Anna Holm, the CDU\'s commander.'
    quote = '"We have never received rifles from the NLA,"'
    claim, attribution = _quoted(text, quote, "Anna Holm, the CDU's commander")
    flows, names = _run(nlp, text, (claim,), (attribution,))
    assert ("weapons", NLA, CDU) in _pairs(flows, names)
    # a speaker whose words name no body: "we" is left alone
    text = DEFS + '"We have never received rifles from the NLA," said Anna Holm, a farmer.'
    claim, attribution = _quoted(text, quote, "Anna Holm, a farmer")
    flows, _ = _run(nlp, text, (claim,), (attribution,))
    assert flows == []
    # "US" in the quote is the United States, not "us"
    text = DEFS + '"The US sent rifles to the CDU," said Erik Dahl, an NLA commander.'
    claim, attribution = _quoted(text, '"The US sent rifles to the CDU,"', "Erik Dahl, an NLA commander")
    flows, names = _run(nlp, text, (claim,), (attribution,))
    assert (NLA, CDU) not in _ends(flows, names)
    # "we" outside the quoted words (the writer's, or reported speech) is left alone too
    text = DEFS + "We have never received rifles from the NLA, said Anna Holm, the CDU's commander."
    flows, _ = _run(nlp, text)
    assert flows == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "I" in a direct quote is its speaker, through the pronoun the attribution resolved
        ("Anna Holm drove trucks for the Osk Brigade for a year. \u201cI got one cheque from the Osk Brigade, and "
         "then I left,\u201d she said.", {("money", "Osk Brigade", "Anna Holm")}),
        ("Anna Holm drove trucks for the Osk Brigade for a year. \u201cThe brigade paid me in cash,\u201d she told "
         "reporters.", {("money", "Osk Brigade", "Anna Holm")}),
        # the writer's "I", outside any quote, is nobody's flow end
        ("I got one cheque from the Osk Brigade, and then I left, Anna Holm said.", set()),
        # an unnamed speaker is an actor of its own (the source actors' rule)
        ("\u201cI got one cheque from the Osk Brigade,\u201d a driver said.", {("money", "Osk Brigade", "driver")}),
    ],
)
def test_i_in_a_direct_quote_is_the_speaker(text: str, expected: set[tuple[str, str, str]]) -> None:
    from claimgraph.api import analyze

    a = analyze("Headline\n\n" + text)
    names = {e.id: e.name for e in a.entities}
    assert {(f.kind, names[f.source], names[f.target]) for f in a.flows} == expected


# Raising and control passives: "X is believed to have sent", "X was ordered to pay": X acts
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The NLA is believed to have sent rifles to the CDU.", ("weapons", NLA, CDU)),
        ("The NLA is said to have paid $3 million to the CDU.", ("money", NLA, CDU)),
        ("The CDU is thought to have received mortars from the NLA.", ("weapons", NLA, CDU)),
    ],
)
def test_the_subject_of_a_raising_passive_does_the_transfer(nlp, sentence: str,  # type: ignore[no-untyped-def]
                                                             expected: tuple[str, str, str]) -> None:
    flows, names = _run(nlp, DEFS + sentence)
    assert expected in _pairs(flows, names)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The NLA's financing of the CDU grew after 2016.", ("money", NLA, CDU)),
        ("The sponsorship of the CDU by the NLA ended in May.", ("support", NLA, CDU)),
    ],
)
def test_what_a_givers_funding_is_of_is_its_recipient(nlp, sentence: str,  # type: ignore[no-untyped-def]
                                                     expected: tuple[str, str, str]) -> None:
    flows, names = _run(nlp, DEFS + sentence)
    assert expected in _pairs(flows, names)


def test_a_payment_of_a_sum_names_no_recipient(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The NLA's payment of $4m was late.")
    assert flows == [], _pairs(flows, names)


def test_the_ministry_is_the_ministry_of_named_before(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The Ministry of Finance of Ostmark paid the auditors in May. "
            "The ministry later wired $2 million to the CDU.")
    flows, names = _run(nlp, text)
    assert ("money", "Ministry of Finance of Ostmark", "CDU") in _pairs(flows, names)


def test_trained_fighters_are_the_recipients_and_stand_for_their_group(nlp) -> None:  # type: ignore[no-untyped-def]
    text = DEFS + "Officers of the NLA trained the CDU's fighters in 2018."
    flows, names = _run(nlp, text)
    assert ("training", NLA, CDU) in _pairs(flows, names)


def test_the_groups_fighters_stand_for_the_group_named_before(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Sable Front, a rebel militia, held the hills. The NLA armed the militia's fighters with rifles."
    flows, names = _run(nlp, text + " " + DEFS)
    assert ("weapons", NLA, "Sable Front") in _pairs(flows, names)


@pytest.mark.parametrize(
    "sentence",
    [
        "An NLA-funded radio station, Radio Vesna, opened in May.",
        "Radio Vesna, an NLA-funded station, opened in May.",
    ],
)
def test_a_participle_on_a_noun_beside_a_name_gives_to_the_name(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert ("money", NLA, "Radio Vesna") in _pairs(flows, names)


@pytest.mark.parametrize(
    "sentence",
    [
        "The CDU received criticism from the NLA.",
        "The CDU got a backlash and condemnation from the NLA after the raid.",
    ],
)
def test_criticism_received_is_no_flow(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert not flows, _pairs(flows, names)


@pytest.mark.parametrize(
    "sentence",
    [
        "Funds raised by the NLA in the north were handed to the CDU.",
        "Rifles bought by the NLA were passed to the CDU.",
    ],
)
def test_what_a_holder_took_in_and_then_gave_comes_from_the_holder(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    assert (NLA, CDU) in _ends(flows, names)


def test_financing_a_groups_purchase_gives_to_the_group(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The NLA financed the CDU's purchase of rifles.")
    assert ("money", NLA, CDU) in _pairs(flows, names)


def test_the_group_is_the_group_named_last_of_a_described_and_a_named_one(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The Sable Front, a rebel group, is studied by the Harbour Research Group. "
            "The NLA sent rifles to the Sable Front in May. The NLA also wired money to the group.")
    flows, names = _run(nlp, text + " " + DEFS)
    assert ("money", NLA, "Sable Front") in _pairs(flows, names)
    assert ("money", NLA, "Harbour Research Group") not in _pairs(flows, names)


def test_a_states_service_stands_for_the_state(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The CDU was funded by Ostmark's intelligence service, two defectors said.")
    assert ("money", "Ostmark", CDU) in _pairs(flows, names)


@pytest.mark.parametrize(
    ("sentence", "via", "place"),
    [
        ("Officials of the NLA moved millions of dollars through shell companies in Ostmark to accounts held by "
         "the CDU.", None, "Ostmark"),
        ("The NLA routed the money through Vardo Bank in Ostmark to the CDU.", "Vardo Bank", "Ostmark"),
        ("The NLA moved $4 million through the Kessel Trust to the CDU.", "Kessel Trust", None),
    ],
)
def test_money_moved_or_routed_through_an_intermediary(  # type: ignore[no-untyped-def]
    nlp, sentence: str, via: str | None, place: str | None
) -> None:
    flows, names = _run(nlp, DEFS + sentence)
    f = next(f for f in flows if (f.kind, names[f.source], names[f.target]) == ("money", NLA, CDU))
    assert via is None or via in {names[v] for v in f.via}
    assert place is None or place in {p.text for p in f.places}


@pytest.mark.parametrize(
    "sentence",
    [
        "The NLA moved troops to the border.",
        "The NLA moved the meeting to Friday.",
        "The CDU routed the NLA near the river.",
    ],
)
def test_moving_or_routing_without_goods_is_no_flow(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    flows, _ = _run(nlp, DEFS + sentence)
    assert flows == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The NLA transferred the money through Vardo Bank in Ostmark, before it reached accounts controlled by "
         "the CDU.", "money"),
        ("Rifles sent by the NLA reached the CDU in May.", "weapons"),
    ],
)
def test_goods_that_reach_an_actor_come_from_the_giver_in_the_sentence(  # type: ignore[no-untyped-def]
    nlp, sentence: str, kind: str
) -> None:
    flows, names = _run(nlp, DEFS + sentence)
    f = next(f for f in flows if (f.kind, names[f.source], names[f.target]) == (kind, NLA, CDU))
    assert not f.denied and not f.hedged


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The NLA agreed to supply the CDU with rifles.", "weapons"),
        ("The NLA offered to sell rifles to the CDU.", "weapons"),
        ("The NLA would provide rifles to the CDU.", "weapons"),
        ("The NLA tried to smuggle and sell rifles to the CDU.", "weapons"),
        ("The NLA had planned to send money to the CDU.", "money"),
    ],
)
def test_a_transfer_only_meant_is_a_hedged_flow(nlp, sentence: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    f = next(f for f in flows if (f.kind, names[f.source], names[f.target]) == (kind, NLA, CDU))
    assert f.hedged and not f.denied
    assert all(x.hedged for x in flows)  # a sale's payment back is only meant too


def test_would_later_tells_what_happened_and_is_not_hedged(nlp) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + "The rifles, which the NLA would later sell to the CDU, came from Ostmark.")
    f = next(f for f in flows if (f.kind, names[f.source], names[f.target]) == ("weapons", NLA, CDU))
    assert not f.hedged


@pytest.mark.parametrize(
    "sentence",
    [
        "The NLA had planned to send helicopters to the CDU, but the shipment never arrived.",
        "The NLA sent rifles to the CDU, but they never arrived.",
        "The NLA sent the rifles, but they never reached the CDU.",
    ],
)
def test_a_transfer_that_never_arrived_is_denied(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + sentence)
    f = next(f for f in flows if (f.kind, names[f.source], names[f.target]) == ("weapons", NLA, CDU))
    assert f.denied


@pytest.mark.parametrize("item", ["helicopters", "pistols", "howitzers", "landmines"])
def test_arms_named_by_type_are_weapons(nlp, item: str) -> None:  # type: ignore[no-untyped-def]
    flows, names = _run(nlp, DEFS + f"The NLA sent {item} to the CDU in 2019.")
    assert ("weapons", NLA, CDU) in _pairs(flows, names)
