"""Attribution rules: one test per construct, on invented sentences."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.extract.attr_quotes import find_quotes
from claimgraph.extract.attr_rules import match
from claimgraph.extract.attributions import extract_attributions
from claimgraph.records import Attribution, Document


def _document(text: str) -> Document:
    return Document(doc_id="t", text=text, source_map=((0, 0, len(text)),))


def run(nlp, text: str) -> list[Attribution]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    document = _document(text)
    out = list(extract_attributions(doc, document, ()))
    for a in out:  # every span holds its text
        a.check(text)
    return out


def one(attrs: list[Attribution], cue: str) -> Attribution:
    found = [a for a in attrs if a.cue and a.cue.text.split()[-1].rstrip(":") == cue]
    assert found, f"no attribution with cue {cue!r} in {[a.cue.text if a.cue else None for a in attrs]}"
    return found[0]


# ---------------------------------------------------------------- no model


def test_quotes_curly_straight_and_tex() -> None:
    text = "He said \u201cwe won\u201d and \"they lost\" and ``maybe later'' too."
    spans = [text[q.start : q.end] for q in find_quotes(text)]
    assert spans == ["\u201cwe won\u201d", '"they lost"', "``maybe later''"]


def test_unbalanced_quote_is_closed_at_paragraph_end() -> None:
    text = "She said \u201cthis never ends\nNext paragraph."
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == "\u201cthis never ends"
    assert q.open_end


def test_stray_closing_mark_is_ignored() -> None:
    assert find_quotes("It\u201d is odd.") == []


def test_hand_built_parse_indirect_speech() -> None:
    words = ["Mary", "said", "that", "taxes", "rose", "."]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 1, 4, 4, 1, 1],
        deps=["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"],
        pos=["PROPN", "VERB", "SCONJ", "NOUN", "VERB", "PUNCT"],
        lemmas=["Mary", "say", "that", "tax", "rise", "."],
    )
    (c,) = match(doc)
    text = doc.text
    assert text[c.source[0] : c.source[1]] == "Mary"  # type: ignore[index]
    assert text[c.cue[0] : c.cue[1]] == "said"  # type: ignore[index]
    assert [text[s:e] for s, e in c.content] == ["that taxes rose"]


def test_hand_built_parse_no_reporting_verb() -> None:
    words = ["Mary", "ate", "an", "apple", "."]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 1, 3, 1, 1],
        deps=["nsubj", "ROOT", "det", "dobj", "punct"],
        pos=["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
        lemmas=["Mary", "eat", "an", "apple", "."],
    )
    assert match(doc) == []


# ---------------------------------------------------------------- with the model


@pytest.mark.model
@pytest.mark.model
def test_quotes_are_found_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.api import analyze
    from claimgraph.extract import attr_quotes, attr_rules, coref

    calls: list[int] = []
    real = attr_quotes.find_quotes
    for module in (attr_quotes, attr_rules, coref):  # wherever a module may have imported it by name
        monkeypatch.setattr(module, "find_quotes", lambda text: calls.append(len(text)) or real(text), raising=False)
    result = analyze("\u201cWe won,\u201d Mira Voss said. She added that \u201cthe count was fair.\u201d")
    assert calls == [len(result.document.text)]  # the rules and the source resolver share one search
    assert [a.source.span.text for a in result.attributions if a.source] == ["Mira Voss", "She"]


def test_quote_with_cue_after(nlp) -> None:  # type: ignore[no-untyped-def]
    attrs = run(nlp, "\u201cThe bridge will reopen next spring,\u201d the mayor said.")
    a = one(attrs, "said")
    assert a.quote == "direct"
    assert a.content.text == "\u201cThe bridge will reopen next spring,\u201d"
    assert a.source is not None and a.source.span.text == "the mayor"


@pytest.mark.model
def test_quote_with_cue_before_and_colon(nlp) -> None:  # type: ignore[no-untyped-def]
    attrs = run(nlp, 'The minister added: "Nobody will lose a pension because of this reform."')
    a = one(attrs, "added")
    assert a.quote == "direct"
    assert a.content.text.startswith('"Nobody')
    assert a.cue is not None and a.cue.text == "added:"


@pytest.mark.model
def test_quote_split_by_its_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "\u201cWe tried everything,\u201d the coach said, \u201cbut the other team was simply faster.\u201d"
    a = one(run(nlp, text), "said")
    assert len(a.content_parts) == 2
    assert text[a.content_parts[1][0] : a.content_parts[1][1]].startswith("\u201cbut")


@pytest.mark.model
def test_quote_continues_in_next_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("\u201cThe harvest was the worst in decades,\u201d said Ana Lopez, a farmer.\n\n"
            "\u201cWe lost half of the wheat and most of the barley to the floods.\u201d")
    a = one(run(nlp, text), "said")
    assert a.content.end == len(text)


@pytest.mark.model
def test_block_quote_after_lead_in(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The river flooded the old town. Says one shopkeeper talking with a local radio station:\n\n"
            "Nobody warned us. The water came at night and took everything we had.\n\nThe town council met later.")
    a = one(run(nlp, text), "Says")
    assert a.quote == "direct"
    assert a.content.text.startswith("Nobody warned us")
    assert a.source is not None and "shopkeeper" in a.source.span.text


@pytest.mark.model
def test_indirect_speech_with_that(nlp) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, "The company acknowledged that its filters had failed twice."), "acknowledged")
    assert a.quote == "indirect"
    assert a.content.text == "that its filters had failed twice"
    assert a.source is not None and a.source.span.text == "The company"


@pytest.mark.model
def test_mixed_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, 'The governor insisted that the plan was "fully funded" and ready.'), "insisted")
    assert a.quote == "mixed"


@pytest.mark.model
def test_according_to(nlp) -> None:  # type: ignore[no-untyped-def]
    attrs = run(nlp, "According to the weather service, the storm will reach the coast on Friday.")
    a = one(attrs, "to")
    assert a.source is not None and a.source.span.text == "the weather service"
    assert a.content.text == "the storm will reach the coast on Friday"


@pytest.mark.model
def test_nested_reports_take_the_inner_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The analyst cited reports from farmers and traders claiming that prices doubled in a week."
    a = one(run(nlp, text), "claiming")
    assert a.source is not None and a.source.span.text == "farmers and traders"


@pytest.mark.model
def test_source_less_passive(nlp) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, "It was reported that the factory would close in June."), "reported")
    assert a.source is None


@pytest.mark.model
def test_internal_state(nlp) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, "The coach believes that the team can still win the league."), "believes")
    assert a.content.text.startswith("that the team")


@pytest.mark.model
def test_quote_inside_quote_is_not_an_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "\u201cMy neighbours say the water is poisoned and they want answers,\u201d the farmer said."
    attrs = run(nlp, text)
    assert [a.cue.text for a in attrs if a.cue] == ["said"]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        'He said "this never closes',
        "\u201d\u201c\u201d said she \u201c",
        '"""',
        "Says:\n\n",
        "according to",
        "",
    ],
)
def test_unbalanced_or_odd_input_never_crashes(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    run(nlp, text)


@pytest.mark.model
def test_spacy_component(nlp) -> None:  # type: ignore[no-untyped-def]
    import spacy

    import claimgraph.nlp.components  # registers the factory

    local = spacy.blank("en")
    assert "claimgraph_attributions" in spacy.registry.factories.get_all() or local.has_factory(
        "claimgraph_attributions"
    )
    doc = nlp("The mayor said that the bridge would reopen.")
    comp = claimgraph.nlp.components.make_attributions(
        nlp, "claimgraph_attributions", claimgraph.nlp.components.attribution_rules_v1()
    )
    doc = comp(doc)
    assert [a.cue.text for a in doc._.attributions if a.cue] == ["said"]


def test_reporting_verb_the_tagger_reads_as_a_plural_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Title line\n\nOne shopkeeper interviewed by *The Courier* states that the guards were foreigners."
    a = one(run(nlp, text), "states")
    assert a.source is not None and a.source.span.text.startswith("One shopkeeper")
    assert a.content.text == "that the guards were foreigners"


def test_a_heading_never_parses_into_the_paragraph_below(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("How the network built its pipeline\n\nA resident says that the men came at night.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "A" in starts


def test_speaker_lines_name_who_speaks_but_labels_do_not(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Republican pollster Dana Whitfield: Turnout Will Decide The Race\n\n"
        "MARSH: And what do you expect in the spring?\n\n"
        "Update: The vote was moved to Friday.\n\n"
        "The Quiet Corridor: How Rifles Reached the Sorn Valley\n\n"  # a headline's two halves: no speaker
        "The rest is ordinary prose."
    )
    attrs = [a for a in run(nlp, text) if a.rule == "name-colon"]
    sources = [a.source.span.text for a in attrs if a.source is not None]
    assert sources == ["Republican pollster Dana Whitfield", "MARSH"]
    assert attrs[0].content.text == "Turnout Will Decide The Race"


def test_seems_to_is_the_authors_impression_of_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Support for the mayor appears to have collapsed since the spring."
    a = one(run(nlp, text), "appears")
    assert a.source is None
    assert [text[s:e] for s, e in a.content_parts] == ["Support for the mayor", "to have collapsed since the spring"]


def test_calling_him_a_name_takes_the_name_too(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The senator attacked the governor, calling him \u201ca total fraud.\u201d"
    a = one(run(nlp, text), "calling")
    assert a.content.text.startswith("him") and "fraud" in a.content.text


def test_asked_someone_if_takes_the_question(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The newspaper asked the candidate if he had prepared for the debate."
    a = one(run(nlp, text), "asked")
    assert a.content.text == "if he had prepared for the debate"


def test_a_participle_with_no_speaker_in_the_parse_is_not_an_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "It is time to point out that the vote was fair."
    assert not [a for a in run(nlp, text) if a.cue is not None and a.cue.text.endswith("point out")]


def test_a_quoted_show_title_mid_sentence_is_not_a_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The governor told \u201cMorning Desk,\u201d the network's breakfast show, that she would run again."
    attrs = run(nlp, text)
    assert not [a for a in attrs if a.content.text.strip("\u201c\u201d,") == "Morning Desk"]


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # appositions stay and so does the comma that closes them
        ("Mara Quell, a lawyer for the union, said that the deal was fair.", "said",
         "Mara Quell, a lawyer for the union,"),
        # a dateline and a focus adverb are not part of the source
        ("BRANFORD, March 3 (Wire) \u2013 Even some of her admirers said that the plan was late.", "said",
         "some of her admirers"),
        # an abbreviation keeps its period
        ("The aide to Tomas Brill Jr. said that the vote would wait.", "said", "The aide to Tomas Brill Jr."),
        # a dash-delimited aside is closed by its second dash
        ("Some rivals \u2014 notably Ada Pell of the farm caucus \u2014 said that the bill was dead.", "said",
         "Some rivals \u2014 notably Ada Pell of the farm caucus \u2014"),
        # a participle describing what the source was doing is left out
        ("Ada Pell, speaking at a rally in Corran, said that the bill was dead.", "said", "Ada Pell"),
    ],
)
def test_source_spans_follow_the_polnear_guidelines(nlp, text: str, cue: str, source: str) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, "Title line\n\n" + text), cue)
    assert a.source is not None and a.source.span.text == source


def test_a_possessive_source_keeps_its_s(nlp) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, "The mayor's claim that the bridge was safe drew protests."), "claim")
    assert a.source is not None and a.source.span.text == "The mayor's"


def test_told_reporters_is_the_audience_not_the_content(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The bridge will reopen in May, the minister told reporters."
    a = one(run(nlp, text), "told")
    assert a.content.text == "The bridge will reopen in May"


def test_a_that_clause_the_parser_hung_on_a_noun_after_the_verb() -> None:
    from spacy.lang.en import English

    from claimgraph.extract.attr_rules import _stray_that_clause

    # the parse of the seed-like mistake: "that he may wait" as a relative clause of "conference"
    words = ["Vance", "said", "during", "a", "conference", "that", "he", "may", "wait", "."]
    heads = [1, 1, 1, 4, 2, 8, 8, 8, 4, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "mark", "nsubj", "aux", "relcl", "punct"]
    vocab = English().vocab  # lexical attributes (lower_) need a language's vocabulary
    doc = Doc(vocab, words=words, heads=heads, deps=deps)
    clause = _stray_that_clause(doc[1])
    assert clause is not None and clause.text == "wait"
    # a real relative clause ("the conference that opened") has no subject of its own: left alone
    words2 = ["Vance", "said", "during", "the", "conference", "that", "opened", "."]
    heads2 = [1, 1, 1, 4, 2, 6, 4, 1]
    deps2 = ["nsubj", "ROOT", "prep", "det", "pobj", "nsubj", "relcl", "punct"]
    assert _stray_that_clause(Doc(vocab, words=words2, heads=heads2, deps=deps2)[1]) is None


def test_a_bare_frame_after_a_quote_that_closed_with_a_period(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "\u201cWe will find every missing ballot in this county.\u201d Mayor Ilse Brandt said.\n\nNext paragraph."
    a = one(run(nlp, text), "said")
    assert a.source is not None and a.source.span.text == "Mayor Ilse Brandt"
    assert a.content.text.startswith("\u201cWe will find")
    # a capitalised sentence with content of its own is not a frame for the quote before it
    text2 = "\u201cWe will win the seat.\u201d Brandt said that the count was late."
    b = one(run(nlp, text2), "said")
    assert b.content.text == "that the count was late"


def test_a_quote_signed_with_a_dash_names_its_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "\u201cThe river will rise again.\u201d \u2015 Orla Venn\n"
        "\u201cWe will rebuild every house.\u201d \u2014 Tam Okafor.\n"
    )
    attrs = [a for a in run(nlp, text) if a.rule == "quote-signature"]
    assert [(a.source.span.text if a.source else None, a.content.text, a.quote) for a in attrs] == [
        ("Orla Venn", "\u201cThe river will rise again.\u201d", "direct"),
        ("Tam Okafor", "\u201cWe will rebuild every house.\u201d", "direct"),
    ]
    # no-break spaces around the dash (web pages), and a paragraph opened with the closing mark by mistake
    text = (
        "\u201cThe ferry is late again.\u201d\u00a0\u2015 Ines Moro\u00a0\n"
        "\u201dThe harbour needs a second pier.\u201d \u2015\u00a0Pol Arrant.\n"
    )
    attrs = [a for a in run(nlp, text) if a.rule == "quote-signature"]
    assert [(a.source.span.text if a.source else None, a.content.text) for a in attrs] == [
        ("Ines Moro", "\u201cThe ferry is late again.\u201d"),
        ("Pol Arrant", "\u201dThe harbour needs a second pier.\u201d"),
    ]
    # a dash that goes on into a sentence is not a signature
    assert not [a for a in run(nlp, "\u201cWe won.\u201d \u2014 and then the rain came down on the town all night.\n")
                if a.rule == "quote-signature"]


def test_transcript_lines_pasted_with_a_stray_opening_mark(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "\"BRANDT: We counted every ballot twice.\n\n\"OKAFOR: The count was late.\n"
    attrs = [a for a in run(nlp, text) if a.rule == "name-colon"]
    assert [(a.source.span.text if a.source else None, a.content.text) for a in attrs] == [
        ("BRANDT", "We counted every ballot twice"), ("OKAFOR", "The count was late")]


def test_a_one_word_speaker_label_named_elsewhere_in_the_document() -> None:
    from spacy.lang.en import English

    from claimgraph.extract.attr_lexicon import load_lexicon
    from claimgraph.extract.attr_rules import _speaker_label

    doc = Doc(English().vocab, words=["Quell", ":"], pos=["NOUN", "PUNCT"])
    assert not _speaker_label(doc[0:1], load_lexicon())  # a common noun alone: a label like "Analysis:"
    assert _speaker_label(doc[0:1], load_lexicon(), frozenset({"Quell"}))  # the document names Quell elsewhere


def test_a_relative_clause_that_reports_stays_out_of_the_source(nlp) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, "Tam Okafor, who argued that the levee was weak, said the plan was late."), "said")
    assert a.source is not None and a.source.span.text == "Tam Okafor"
    b = one(run(nlp, "Tam Okafor, who lives in Corran, said the plan was late."), "said")
    assert b.source is not None and b.source.span.text == "Tam Okafor, who lives in Corran,"


def test_a_light_verb_gives_the_reporting_noun_its_source(nlp) -> None:  # type: ignore[no-untyped-def]
    (a,) = run(nlp, "The engineers left little doubt that the levee would fail.")
    assert a.source is not None and a.source.span.text == "The engineers"
    assert a.cue is not None and a.cue.text.endswith("doubt")


def test_the_source_stops_before_the_verb_when_an_apposition_hangs_beyond_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A union representing nurses endorsed the mayor on Friday, another sign of labor's support for her."
    a = one(run(nlp, text), "endorsed")
    assert a.source is not None and a.source.span.text == "A union representing nurses"


def test_a_finite_verb_the_parser_left_without_subject_takes_the_phrase_before_it() -> None:
    from spacy.lang.en import English

    from claimgraph.extract.attr_lexicon import load_lexicon
    from claimgraph.extract.attr_rules import source_of

    # "Aides praised the plan and rivals accused the mayor of delay ." with "rivals" joined to "plan"
    words = ["Aides", "praised", "the", "plan", "and", "rivals", "accused", "the", "mayor", "."]
    heads = [1, 1, 3, 1, 3, 3, 1, 8, 6, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "cc", "conj", "conj", "det", "dobj", "punct"]
    tags = ["NNS", "VBD", "DT", "NN", "CC", "NNS", "VBD", "DT", "NN", "."]
    pos = ["NOUN", "VERB", "DET", "NOUN", "CCONJ", "NOUN", "VERB", "DET", "NOUN", "PUNCT"]
    doc = Doc(English().vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)
    tok, span, _ = source_of(doc[6], load_lexicon())
    assert tok is not None and span is not None and doc.text[span[0]:span[1]] == "rivals"


def test_a_concession_after_the_reported_clause_is_the_authors(nlp) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, "Quell said that the count was fair, even though the polls closed late in Corran."), "said")
    assert a.content.text == "that the count was fair"


def test_a_content_never_takes_in_its_own_source(nlp) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, "The levee, which Mayor Quell says will hold until spring, cost four million."), "says")
    assert a.source is not None and a.source.span.text == "Mayor Quell"
    assert a.content.text == "will hold until spring"


def test_a_reporting_infinitive_under_a_raising_verb_keeps_its_source(nlp) -> None:  # type: ignore[no-untyped-def]
    (a,) = run(nlp, "The Herald is expected to endorse the senator in the race.")
    assert a.source is not None and a.source.span.text == "The Herald"
    assert a.cue is not None and a.cue.text.endswith("endorse")
    # not when the infinitive reports nothing: what appears so is the author's impression
    (b,) = run(nlp, "The treaty appears to have collapsed.")
    assert b.source is None


def test_a_participle_on_the_occasion_of_speaking_takes_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("\"We will get there together,\" she said at a recent news conference announcing that her "
            "department was suing the state over its law.")
    a = one(run(nlp, text), "announcing")
    assert a.source is not None and a.source.span.text == "she"


def test_transcript_lines_are_direct_speech_and_headlines_are_not(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Quell: Levee plan is a disgrace to the valley\n\nSenator Ada Quell spoke.\n\n"
            "QUELL: We will not pay for it.\n")
    attrs = {a.content.text: a.quote for a in run(nlp, text) if a.rule == "name-colon"}
    assert attrs == {"Levee plan is a disgrace to the valley": "indirect", "We will not pay for it": "direct"}


def test_a_curly_pair_inside_a_straight_quote_is_nested() -> None:
    text = '"He cited \u201cThe Courier\u201d twice and left," she said.\n"And then the rain came'
    spans = [(text[q.start : q.end], q.open_end) for q in find_quotes(text)]
    assert spans == [('"He cited \u201cThe Courier\u201d twice and left,"', False), ('"And then the rain came', True)]


def test_a_transcript_turn_runs_on_until_the_next_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("HOST: Will the levee hold this winter?\n\n"
            "QUELL: It will hold. We tested it twice.\n\n"
            "The engineers agree with me on that point.\n\n"
            "(CROSSTALK)\n\n"
            "HOST: Thank you both for coming in today.\n")
    turns = {a.source.span.text: a for a in run(nlp, text) if a.rule.startswith("name-colon") and a.source}
    quell = turns["QUELL"]
    assert [text[s:e] for s, e in quell.content_parts] == [
        "It will hold. We tested it twice", "The engineers agree with me on that point"]
    assert turns["HOST"].content_parts == ()


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("The engineers were confident that the levee would hold.", "The engineers", "that the levee would hold"),
        ("Mayor Quell has long been critical of the levee plan.", "Mayor Quell", "the levee plan"),
        ("The farmers were eager to sell their land.", "The farmers", "to sell their land"),
        ("Ada Pell is a longtime supporter of the canal.", "Ada Pell", "the canal"),
    ],
)
def test_a_stance_after_be_is_its_subjects(nlp, text: str, source: str, content: str) -> None:  # type: ignore[no-untyped-def]
    (a,) = [a for a in run(nlp, text) if a.rule == "copula-adjective"]
    assert a.source is not None and a.source.span.text == source and a.content.text == content


@pytest.mark.parametrize("text", [
    "It is clear that the levee will hold.",  # an expletive subject: the author's own claim
    "The price is certain to rise next year.",  # how likely, not what anyone thinks
])
def test_no_stance_attribution_without_a_subject_who_holds_it(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [a for a in run(nlp, text) if a.rule == "copula-adjective"]


def test_a_colon_lead_in_quotes_the_next_paragraph_only_when_it_ends_on_its_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    said = "The mayor said:\nThe levee will hold through the winter and into the spring floods.\n"
    narrative = ("At the rally the mayor pointed out the contrast with last year's flood season:\n"
                 "Water levels in Corran rose by two metres in March and the levee held.\n")
    assert [a.rule for a in run(nlp, said) if a.rule == "block-quote"] == ["block-quote"]
    assert not [a for a in run(nlp, narrative) if a.rule == "block-quote"]


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("The mayor took issue with the levee plan.", "The mayor", "the levee plan"),
        ("The engineers made it clear that the levee would not hold.", "The engineers",
         "that the levee would not hold"),
        ("Most farmers have serious misgivings about the canal.", "Most farmers", "the canal"),
    ],
)
def test_a_light_verb_and_its_stance_object_are_a_cue(nlp, text: str, source: str, content: str) -> None:  # type: ignore[no-untyped-def]
    (a,) = [a for a in run(nlp, text) if a.rule == "light-verb"]
    assert a.source is not None and a.source.span.text == source and a.content.text == content


def test_a_sentence_opening_with_a_poll_attributes_its_finding_to_the_poll(nlp) -> None:  # type: ignore[no-untyped-def]
    (a,) = [a for a in run(nlp, "In a Corran Herald poll released Monday, Quell led Brandt by nine points.")
            if a.rule == "in-study"]
    assert a.source is not None and a.source.span.text == "a Corran Herald poll released Monday"
    assert a.content.text == "Quell led Brandt by nine points"
    # the medium of a reporting verb is not a source of its own
    assert not [a for a in run(nlp, "In a statement, the ministry said the levee would hold.")
                if a.rule == "in-study"]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("The bridge, Mayor Quell said, will reopen in the spring after repairs.",
         ["The bridge", "will reopen in the spring after repairs"]),
        ("Though the first vote went smoothly, she said, the recount would be far more bitter.",
         ["Though the first vote went smoothly", "the recount would be far more bitter"]),
        ("The levee has held for a decade, he added, despite the floods of last winter.",
         ["The levee has held for a decade", "despite the floods of last winter"]),
        ("The levee will hold, he said.", ["The levee will hold"]),
        ("Towns like Corran, she said.", ["Towns like Corran"]),
        # a belief framed from the side, as speech is
        ("His grip on the council, they believe, is not going anywhere.",
         ["His grip on the council", "is not going anywhere"]),
    ],
)
def test_a_frame_set_off_by_commas_takes_the_clause_on_both_sides(nlp, text: str, pieces: list[str]) -> None:  # type: ignore[no-untyped-def]
    (a,) = run(nlp, text)
    parts = a.content_parts or ((a.content.start, a.content.end),)
    assert [text[s:e] for s, e in parts] == pieces


def test_a_quote_whose_sentence_has_its_own_frame_does_not_continue_the_last_one(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "\u201cThis is wrong,\u201d Quell said. \u201cYou drained the reservoir\u201d to water your own fields, "
        "she said, pointing at the dry bed."
    )
    attrs = run(nlp, text)
    first = one(attrs, "said")
    assert first.content.text == "\u201cThis is wrong,\u201d"
    second = [a for a in attrs if a is not first and a.cue and a.cue.text == "said"]
    assert second and second[0].content.text.startswith("\u201cYou drained the reservoir\u201d")


def test_a_setting_before_the_frame_is_not_what_was_said(nlp) -> None:  # type: ignore[no-untyped-def]
    assert [a.content.text for a in run(nlp, "On Tuesday, the mayor said.")] == []


def test_a_passive_name_calling_takes_who_was_called_what(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Oz has been called a charlatan by fellow physicians for promoting cures."
    a = one(run(nlp, text), "called")
    assert [text[s:e] for s, e in a.content_parts] == ["Oz", "a charlatan"]
    assert a.source is not None and a.source.span.text == "fellow physicians"


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("Quell did fare well in online polls taken after the debate.", "online polls taken after the debate",
         "Quell did fare well"),
        ("Only the old families are trustworthy in his eyes.", "his eyes", "Only the old families are trustworthy"),
    ],
)
def test_a_poll_or_a_view_that_closes_the_clause_is_its_source(nlp, text: str, source: str, content: str) -> None:  # type: ignore[no-untyped-def]
    (a,) = [a for a in run(nlp, text) if a.rule == "in-study"]
    assert a.source is not None and a.source.span.text == source and a.content.text == content
    # a place is not a view: 'in the election', 'in his house'
    assert not [a for a in run(nlp, "She voted early in the election.") if a.rule == "in-study"]


def test_a_clause_right_after_the_object_describes_the_object(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "At the hearing, Quell cited remarks the mayor had made about the levee as proof of neglect."
    a = one(run(nlp, text), "cited")
    assert a.content.text == "remarks the mayor had made about the levee as proof of neglect"
    # after a verb that takes an addressee the clause is what was said
    b = one(run(nlp, "Quell told reporters the mayor had lied."), "told")
    assert b.content.text == "the mayor had lied"


def test_a_passive_charge_takes_what_the_subject_was_blamed_for() -> None:
    from spacy.lang.en import English

    from claimgraph.extract.attr_learned import _passive_charge

    words = ["Rangers", "were", "blamed", "for", "closing", "the", "road", "."]
    heads = [2, 2, 2, 2, 3, 6, 4, 2]
    deps = ["nsubjpass", "auxpass", "ROOT", "prep", "pcomp", "det", "dobj", "punct"]
    pos = ["NOUN", "AUX", "VERB", "ADP", "VERB", "DET", "NOUN", "PUNCT"]
    doc = Doc(English().vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert [doc.text[s:e] for s, e in _passive_charge(doc[2], (0, 7))] == ["closing the road"]
    assert _passive_charge(doc[2], (28, 37)) == []  # the content is not the subject: nothing to add


def test_a_show_title_with_small_words_after_a_possessive_is_not_a_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("In an interview on KVTR's \u201cFace the Valley,\u201d Senator Ona Pell said the new levee "
            "would hold through the spring.")
    a = one(run(nlp, text), "said")
    assert a.content.text == "the new levee would hold through the spring"
    assert not [x for x in run(nlp, text) if "Face the Valley" in x.content.text]


def test_a_clause_opened_by_while_is_not_what_the_verb_reports(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("While he acknowledged money was a major reason, Vell also noted several \u201csmall things\u201d "
            "left him tired.")
    a = one(run(nlp, text), "noted")
    assert a.content.text == "several \u201csmall things\u201d left him tired"


def test_a_finite_clause_hung_on_the_verb_without_a_conjunction_is_what_was_said() -> None:
    from spacy.lang.en import English

    from claimgraph.extract.attr_rules import _unmarked_finite

    # 'Vell said after the vote he would stay.': the parser calls 'stay' an adverbial clause of 'said'
    words = ["Vell", "said", "after", "the", "vote", "he", "would", "stay", "."]
    heads = [1, 1, 7, 4, 2, 7, 7, 1, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "nsubj", "aux", "advcl", "punct"]
    tags = ["NNP", "VBD", "IN", "DT", "NN", "PRP", "MD", "VB", "."]
    doc = Doc(English().vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert _unmarked_finite(doc[7])
    # with a conjunction it is a real adverbial clause: 'said it before he would stay'
    words2 = ["Vell", "left", "before", "he", "would", "stay", "."]
    doc2 = Doc(English().vocab, words=words2, heads=[1, 1, 5, 5, 5, 1, 1],
               deps=["nsubj", "ROOT", "mark", "nsubj", "aux", "advcl", "punct"],
               tags=["NNP", "VBD", "IN", "PRP", "MD", "VB", "."])
    assert not _unmarked_finite(doc2[5])
    # a subjectless participle is no clause of its own: 'said, adding ...'
    doc3 = Doc(English().vocab, words=["Vell", "spoke", ",", "adding", "more", "."], heads=[1, 1, 1, 1, 3, 1],
               deps=["nsubj", "ROOT", "punct", "advcl", "dobj", "punct"], tags=["NNP", "VBD", ",", "VBG", "JJR", "."])
    assert not _unmarked_finite(doc3[3])


def test_a_name_given_is_an_attribution_without_a_source_and_no_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.extract.claims import extract_claims

    text = "The levee bill, known as the Dry Feet Act, passed on Monday. She was known as the rainmaker."
    doc = nlp(text)
    document = _document(text)
    attrs = [a for a in extract_attributions(doc, document, ()) if a.rule == "naming"]
    assert [(a.source, a.cue.text if a.cue else None) for a in attrs] == [(None, "known as"), (None, "was known as")]
    assert [text[s:e] for s, e in attrs[0].content_parts] == ["The levee bill", "the Dry Feet Act"]
    # a name is no evidence: the sentence stays the author's
    claims = extract_claims(doc, document, attrs)
    assert {c.evidence for c in claims} == {"author_assertion"}


def test_a_participle_before_a_passive_clause_takes_its_subject_as_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "After saying her ankle was swollen, she was rushed to the clinic for tests."
    a = one(run(nlp, text), "saying")
    assert a.source is not None and a.source.span.text == "she"
    assert a.content.text == "her ankle was swollen"


def test_a_fronted_passive_asked_has_no_source_but_its_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Asked whether the levee would hold, Quell said the council had no plan."
    a = one(run(nlp, text), "Asked")
    assert a.source is None  # Quell was asked: who asked is not said
    assert one(run(nlp, text), "said").source.span.text == "Quell"  # type: ignore[union-attr]
    b = one(run(nlp, "Asked by reporters whether the levee would hold, Quell said the council had no plan."), "Asked")
    assert b.source is not None and b.source.span.text == "reporters"


def test_a_second_object_hung_on_the_verb_stays_in_the_content(nlp) -> None:  # type: ignore[no-untyped-def]
    said = "the new toll and the demand for Quell's public apology a transparent ploy aimed at the mayor"
    a = one(run(nlp, f"Farmers called {said}."), "called")
    assert a.content.text == said


def test_a_closing_frame_takes_every_clause_ahead_of_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Quell had told the guards that she did not want the escort at all, but the council overruled "
            "that request, the aide added.")
    a = one(run(nlp, text), "added")
    assert a.content.text.endswith("but the council overruled that request")
    assert a.content.text.startswith("Quell had told")


def test_what_a_study_finds_is_its_finding(nlp) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, "A 2019 study by the valley institute found 31 cases of fraud among the permits."), "found")
    assert a.content.text == "31 cases of fraud among the permits"
    assert a.source is not None and a.source.span.text.startswith("A 2019 study")
    # a person who finds a thing is not reporting it
    assert not [x for x in run(nlp, "The ranger found a rifle near the levee.") if x.cue and x.cue.text == "found"]


def test_a_clause_the_parser_hung_on_the_source_after_according_to_is_the_content(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser reads "reeks" as a noun in apposition to the name: the source ran to the sentence's end
    for text in ("According to veteran radio host Dana Pell, the plan reeks of panic and desperation.",
                 "According to local talk show host Marek Holt, the deal reeks of \u201cfear\u201d and haste."):
        a = one(run(nlp, text), "to")
        assert a.source is not None and a.source.span.text.endswith(("Dana Pell", "Marek Holt"))
        assert a.content.text.startswith("the ") and a.content.text.endswith(("desperation", "haste"))


def test_a_determiner_the_parser_hung_on_the_verb_is_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Some" read as the determiner of "discount": the source was missing
    a = one(run(nlp, "Some discount these reports because they come from armed groups."), "discount")
    assert a.source is not None and a.source.span.text == "Some" and a.source.kind == "anonymous"
    b = one(run(nlp, "Many believe that the fund was looted."), "believe")
    assert b.source is not None and b.source.span.text == "Many"


def test_a_source_noun_read_as_a_verb_after_according_to(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The host mocked his guests in private, according to show insiders."
    a = one(run(nlp, text), "to")
    assert a.source is not None and a.source.span.text == "show insiders"


def test_a_clause_after_a_quote_opened_by_a_conjunction_is_no_frame_for_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ('Only 52 percent agreed that Quell is in "good enough health to serve as mayor," while 73 percent '
            "said the same of Vell.")
    a = one(run(nlp, text), "said")
    assert a.content.text == "the same of Vell" and a.quote == "indirect"
    b = one(run(nlp, text), "agreed")
    assert b.content.text.startswith("that Quell is in")


def test_an_opening_reporting_verb_has_its_source_after_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Critics say the plan is late. Said Vell: \u201cI do not think the council cares about the levee.\u201d"
    a = one(run(nlp, text), "Said")
    assert a.source is not None and a.source.span.text == "Vell"


def test_a_second_verb_after_but_shares_the_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ('Mayor Ona Pell said Friday that she thinks the tape should be released but said "the question is '
            'the timing."')
    a = [x for x in run(nlp, text) if x.content.text.startswith('"the question')]
    assert a and a[0].source is not None and a[0].source.span.text == "Mayor Ona Pell"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # the quoted words sit in the subject's relative clause or in a participle of its own
        ("Vell, who calls the mayor a \u201cfraud,\u201d said he does not expect the levee to hold.",
         "he does not expect the levee to hold"),
        ("Vell, citing \u201cthe sheer weight of the water,\u201d said the levee could fail by spring.",
         "the levee could fail by spring"),
    ],
)
def test_quoted_words_inside_the_subject_are_no_quote_for_the_frame(nlp, text: str, content: str) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, text), "said")
    assert a.content.text == content


def test_quoted_words_ending_the_reported_clause_stay_with_the_frame(nlp) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, "Skipping the toll \u201cmakes me smart,\u201d Vell said."), "said")
    assert "makes me smart" in a.content.text


def test_a_dateline_parsed_as_the_subject_gives_way_to_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("CORRAN, July 19 (UPI) \u2014 Former Attorney General Michael Pell told delegates at the Valley Party "
            "Convention that Vell\u2019s use of a private account should disqualify him.")
    a = one(run(nlp, text), "told")
    assert a.source is not None and a.source.span.text == "Former Attorney General Michael Pell"


@pytest.mark.parametrize(
    "frame",
    [
        "Vell said when asked about the levee, which the council built in 1990.",
        "Vell said, claiming that the council had misled the valley for years.",
    ],
)
def test_a_quote_after_a_frame_with_an_aside_continues_the_speakers(nlp, frame: str) -> None:  # type: ignore[no-untyped-def]
    text = f"\u201cNo council gets the levee right,\u201d {frame} \u201cThe job is to keep fixing it every year.\u201d"
    (a,) = [x for x in run(nlp, text) if x.quote == "direct"]
    assert a.source is not None and a.source.span.text == "Vell"
    assert len(a.content_parts) == 2 and text[a.content_parts[1][0]:].startswith("\u201cThe job")


def test_a_quote_after_someone_else_speaks_is_not_continued(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("\u201cNo council ever gets the levee right,\u201d Vell said. Pell told reporters that the plan was sound. "
            "\u201cThe job is to keep on fixing it every year.\u201d")
    a = one(run(nlp, text), "said")
    assert not a.content_parts


def test_a_contracted_has_said_read_as_passive_keeps_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, "He's said he'll fight the levee plan all the way to the council."), "said")
    assert a.source is not None and a.source.span.text == "He"
    b = one(run(nlp, "It's said that he'll fight the levee plan."), "said")
    assert b.source is None


def test_a_view_held_among_a_group_is_the_groups(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "There is a tacit recognition among some members of his circle that the opposition was a real problem."
    (a,) = run(nlp, text)
    assert a.source is not None and a.source.span.text == "some members of his circle"


def test_a_name_right_after_an_inverted_frame_is_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "\u201cIs the council running against the valley?\u201d asked Mr. Vell, pointing at the map."
    a = one(run(nlp, text), "asked")
    assert a.source is not None and a.source.span.text == "Mr. Vell"
    b = one(run(nlp, "\u201cIs the levee safe?\u201d she asked the mayor."), "asked")
    assert b.source is not None and b.source.span.text == "she"


def test_a_subject_swallowed_with_its_relative_clause_is_the_speaker() -> None:
    from spacy.lang.en import English

    from claimgraph.extract.attr_rules import _swallowed_subject

    # 'Vell, who sits on no board, said ...' parsed as one clause with two subjects before a subjectless verb
    words = ["Vell", ",", "who", "sits", "on", "no", "board", ",", "said", "so", "."]
    heads = [3, 3, 3, 8, 3, 6, 4, 8, 8, 8, 8]
    deps = ["nsubj", "punct", "nsubj", "ccomp", "prep", "det", "pobj", "punct", "ROOT", "advmod", "punct"]
    tags = ["NNP", ",", "WP", "VBZ", "IN", "DT", "NN", ",", "VBD", "RB", "."]
    pos = ["PROPN", "PUNCT", "PRON", "VERB", "ADP", "DET", "NOUN", "PUNCT", "VERB", "ADV", "PUNCT"]
    doc = Doc(English().vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)
    found = _swallowed_subject(doc[8])
    assert found is not None and found.i == 0
    # a plain clause before the verb has no aside: nothing to take
    doc2 = Doc(English().vocab, words=["Vell", "sits", ",", "said", "Pell", "."], heads=[1, 3, 3, 3, 3, 3],
               deps=["nsubj", "ccomp", "punct", "ROOT", "nsubj", "punct"], tags=["NNP", "VBZ", ",", "VBD", "NNP", "."],
               pos=["PROPN", "VERB", "PUNCT", "VERB", "PROPN", "PUNCT"])
    assert _swallowed_subject(doc2[3]) is None


def test_a_second_report_joined_by_and_is_its_own(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "One in three said the council does not care and one in four said the council was hostile."
    found = sorted((a.source.span.text if a.source else None, a.content.text) for a in run(nlp, text))
    assert found == [("One in three", "the council does not care"), ("one in four", "the council was hostile")]


def test_reporting_verb_flags_are_read_and_an_unknown_column_names_the_file(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from claimgraph import lexicons
    from claimgraph.extract import attr_lexicon

    lex = attr_lexicon.load_lexicon()
    assert {"say", "believe"} <= lex.frame_verbs and "find" in lex.finding_verbs and "poll" in lex.study_nouns
    monkeypatch.setattr(lexicons, "lexicon_files",
                        lambda name: (("mine/reporting_verbs.txt", ("opine\tcontent=ccomp\tframe", "muse\tframes")),))
    with pytest.raises(ValueError, match=r"mine/reporting_verbs\.txt, line 2: unknown column 'frames' for 'muse'"):
        attr_lexicon._verb_table("reporting_verbs.txt")


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("When self-styled general and founder of the militia, Omar Vell, declared victory, his men fired into "
         "the air.", "declared", "self-styled general and founder of the militia, Omar Vell,"),  # not "When"
        ("Western sources all but confirm that the convoy was stopped.", "confirm", "Western sources"),
    ],
)
def test_a_source_leaves_out_words_the_parser_hung_on_it(nlp, text: str, cue: str, source: str) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, text), cue)
    assert a.source is not None and a.source.span.text == source


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "That said, the audience of the network tends to be older.",
        "That being said, the audience of the network tends to be older.",
        "Having said that, the audience tends to be older.",
    ],
)
def test_that_said_turns_the_argument_and_reports_nothing(text: str) -> None:
    from claimgraph.api import analyze

    a = analyze("Ratings\n\n" + text)  # the whole analysis: the rules and the trained scorer alike
    assert a.attributions == () and [c.evidence for c in a.claims] == ["author_assertion"]
    said = analyze("Ratings\n\nShe said that the audience tends to be older.").attributions
    assert [x.cue.text for x in said if x.cue] == ["said"]


def test_only_outermost_attributions_count_whatever_the_order_of_spans() -> None:
    from claimgraph.extract.attr_rules import Candidate, _drop_nested

    outer = Candidate(content=[(10, 500)], cue=(0, 5), source=None, rule="t")  # a long content first
    short = Candidate(content=[(520, 530)], cue=(510, 515), source=None, rule="t")
    inner = Candidate(content=[(100, 120)], cue=(90, 95), source=None, rule="t")  # cue inside outer's content
    after = Candidate(content=[(600, 610)], cue=(525, 528), source=None, rule="t")  # cue inside short's
    own = Candidate(content=[(700, 720), (730, 760)], cue=(722, 727), source=None, rule="t")  # between its parts
    self_inside = Candidate(content=[(800, 900)], cue=(850, 855), source=None, rule="t")  # inside its own content
    # a cue inside the long content, after a short content that does not hold it
    later = Candidate(content=[(300, 310)], cue=(200, 205), source=None, rule="t")
    kept = _drop_nested([outer, short, inner, after, own, self_inside, later])
    assert kept == [outer, short, own, self_inside]


# ---------------------------------------------------------------- sources that can speak, and whose they are


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        # the parser reads "show" as a noun with a subject and an object of its own
        ("Tax records reviewed by this newspaper show at least $1.1 million in payments from Dovra Logistics "
         "to a trust run by the senator's son.", "Tax records reviewed by this newspaper",
         "at least $1.1 million in payments from Dovra Logistics to a trust run by the senator's son"),
        ("Customs data show a sharp rise in fuel exports to Marovia in 2019.", "Customs data",
         "a sharp rise in fuel exports to Marovia in 2019"),
    ],
)
def test_what_records_show_is_their_finding(nlp, text: str, source: str, content: str) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, text), "show")
    assert a.source is not None and a.source.span.text == source and a.source.kind == "document"
    assert a.content.text == content


@pytest.mark.model
def test_a_review_that_shows_the_opposite_states_no_finding(nlp) -> None:  # type: ignore[no-untyped-def]
    assert not [a for a in run(nlp, "A careful audit of the ledgers shows the opposite.") if a.cue]


@pytest.mark.model
def test_an_inference_marker_with_no_speaker_is_the_authors_inference() -> None:
    from claimgraph.api import analyze

    a = analyze("Ledger\n\nThe sequence of payments all but confirms that the mayor approved the scheme.")
    assert a.attributions == ()
    (claim,) = a.claims
    assert claim.evidence == "author_inference" and claim.marker is not None
    assert claim.marker.text == "all but confirms"
    # people who all but confirm something still speak: the report stays theirs
    b = analyze("Ledger\n\nSenior aides all but confirmed that the mayor approved the scheme.")
    assert [x.source.span.text for x in b.attributions if x.source] == ["Senior aides"]


@pytest.mark.model
def test_they_in_a_parenthetical_frame_stands_for_speakers_and_takes_both_parts() -> None:
    from claimgraph.api import analyze

    text = "Brannock officials have said the drones were sold to the Ostrian navy. Tavel, they said, was never a buyer."
    a = [x for x in analyze(text).attributions if x.source and x.source.span.text == "they"]
    assert len(a) == 1 and a[0].source is not None
    assert a[0].source.resolved is not None and a[0].source.resolved.text == "Brannock officials"  # not the drones
    assert a[0].source.kind == "government"
    assert [text[s:e] for s, e in a[0].content_parts] == ["Tavel", "was never a buyer"]


@pytest.mark.model
def test_who_after_a_company_stands_for_the_person_it_belongs_to(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser hangs the relative clause on "the company" / "the casino"
    for text, person in [
        ("\u201cThe books were cooked,\u201d said a former clerk at the company, who asked not to be named because "
         "she still lives in Tarvo.", "a former clerk at the company"),
        ("\u201cThe books were cooked,\u201d said a retired cashier at the casino, who asked not to be identified.",
         "a retired cashier at the casino"),
    ]:
        a = one(run(nlp, text), "asked")
        assert a.source is not None and a.source.span.text == "who"
        assert a.source.resolved is not None and a.source.resolved.text == person
        assert a.source.kind == "anonymous"


@pytest.mark.model
def test_the_panel_refers_back_to_the_panel_of_a_named_organisation() -> None:
    from claimgraph.api import analyze

    text = ("According to a World Bank panel of auditors, the loans were misused. "
            "The panel wrote that the audit was blocked.")
    first, second = analyze(text).attributions
    assert first.source is not None and first.source.kind == "organization"
    assert second.source is not None and second.source.kind == "organization"
    assert second.source.resolved is not None and second.source.resolved.text == "a World Bank panel of auditors"


@pytest.mark.model
def test_an_office_speaks_for_its_holder_a_minister_for_the_government() -> None:
    from claimgraph.api import analyze

    text = ("Finance Minister Oren Valic denied the report. "
            "In a statement, his office said the minister had acted lawfully.")
    kinds = {a.source.span.text: a.source.kind for a in analyze(text).attributions if a.source}
    assert kinds["his office"] == "government"
    # a holder with no post of state leaves the office anonymous
    text = "The singer Oren Valic denied the report. In a statement, his office said the singer had acted lawfully."
    kinds = {a.source.span.text: a.source.kind for a in analyze(text).attributions if a.source}
    assert kinds["his office"] == "anonymous"


@pytest.mark.model
def test_according_to_before_a_report_is_not_its_content(nlp) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, "According to the harbour log, the pilot warned the crew."), "to")
    assert a.source is not None and a.source.span.text == "the harbour log"
    assert a.content.text == "the pilot warned the crew"


@pytest.mark.model
def test_that_clause_after_the_person_warned_is_the_content(nlp) -> None:  # type: ignore[no-untyped-def]
    a = one(run(nlp, "The mayor's deputy, Ilse Narro, reminded councillors that the budget \"had no room left.\""),
            "reminded")
    assert a.content.text == 'that the budget "had no room left."'
    assert a.quote == "mixed"


@pytest.mark.model
def test_content_never_ends_on_the_and_of_the_next_report(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Reports emerged last winter that the county clinic had lost four patient files, and a complaint filed " \
        "by the Dunmere Nurses Union alleges that managers hid the loss."
    contents = [a.content.text for a in run(nlp, text)]
    assert "that the county clinic had lost four patient files" in contents, contents


@pytest.mark.model
def test_a_report_joined_to_a_reported_clause_is_its_own(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Reports surfaced in May that the mayor had sold the ferry contract, and a petition demands that he resign."
    attrs = run(nlp, text)
    assert one(attrs, "surfaced").content.text == "that the mayor had sold the ferry contract"
    assert one(attrs, "demands").content.text == "that he resign"
