"""Source resolution on hand-built parses (no model needed)."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.extract.coref import SourceResolver
from claimgraph.records import Entity, Mention


def _doc(words: list[str], ents: list[str], deps: list[str] | None = None, tags: list[str] | None = None) -> Doc:
    n = len(words)
    return Doc(Vocab(), words=words, ents=ents, deps=deps or ["dep"] * n, heads=list(range(n)),
               tags=tags or ["NNP"] * n)


def _entities(doc: Doc) -> list[Entity]:
    out = []
    for i, ent in enumerate(doc.ents):
        out.append(Entity(id=f"e{i}", name=ent.text, type=ent.label_,
                          mentions=(Mention(ent.start_char, ent.end_char, ent.text, ent.label_),)))
    return out


def _char(doc: Doc, i: int, j: int) -> tuple[int, int]:
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1])


def test_the_latter_is_the_second_of_the_last_two_people() -> None:
    words = ["Ann", "Lee", "met", "Bob", "Ray", ".", "The", "latter", "said", "no", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"]
    doc = _doc(words, ents)
    r = SourceResolver(doc, _entities(doc)).resolve(_char(doc, 6, 8), doc[7])
    assert r.antecedent == _char(doc, 3, 5)
    assert r.entity == "e1"


def test_the_former_is_the_first() -> None:
    words = ["Ann", "Lee", "met", "Bob", "Ray", ".", "The", "former", "said", "no", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"]
    doc = _doc(words, ents)
    r = SourceResolver(doc, _entities(doc)).resolve(_char(doc, 6, 8), doc[7])
    assert r.antecedent == _char(doc, 0, 2)


def test_surname_goes_to_the_most_recent_full_name() -> None:
    words = ["Tom", "Gray", "and", "Sue", "Gray", "spoke", ".", "Gray", "said", "yes", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O", "O"]
    doc = _doc(words, ents)
    r = SourceResolver(doc, _entities(doc)).resolve(_char(doc, 7, 8), doc[7])
    assert r.antecedent == _char(doc, 3, 5)  # Sue Gray, not Tom Gray
    assert r.entity == "e1"


def test_pronoun_goes_to_the_nearest_person_subject() -> None:
    words = ["Ann", "Lee", "arrived", ".", "She", "said", "yes", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"]
    deps = ["compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "dobj", "punct"]
    doc = _doc(words, ents, deps)
    r = SourceResolver(doc, _entities(doc)).resolve(_char(doc, 4, 5), doc[4])
    assert r.antecedent == _char(doc, 0, 2)
    assert r.entity == "e0"


def test_a_name_resolves_to_itself() -> None:
    words = ["Ann", "Lee", "said", "yes", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O"]
    doc = _doc(words, ents)
    r = SourceResolver(doc, _entities(doc)).resolve(_char(doc, 0, 2), doc[1])
    assert r.antecedent is None
    assert r.entity == "e0"


def test_the_noun_goes_to_the_organisation_named_with_it() -> None:
    words = ["The", "Orvel", "Water", "Fund", "paid", ".", "The", "fund", "said", "so", "."]
    ents = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O", "O", "O", "O"]
    doc = _doc(words, ents)
    r = SourceResolver(doc, _entities(doc)).resolve(_char(doc, 6, 8), doc[7])
    assert r.antecedent == _char(doc, 1, 4) and r.entity == "e0"
    # no organisation ends with that noun: unresolved
    words2 = ["The", "Orvel", "Water", "Board", "paid", ".", "The", "fund", "said", "so", "."]
    doc2 = _doc(words2, ents)
    assert SourceResolver(doc2, _entities(doc2)).resolve(_char(doc2, 6, 8), doc2[7]).antecedent is None


def test_a_pronoun_finds_a_person_the_ner_model_missed_where_it_stands() -> None:
    # "Ashdel" is a PERSON actor (named in full before) but untagged at this occurrence
    words = ["Ivo", "Ashdel", "left", ".", "An", "official", "spoke", ".", "Ashdel", "denied", "it", ".", "He",
             "said", "so", "."]
    ents = ["B-PERSON", "I-PERSON"] + ["O"] * 14
    deps = ["compound", "nsubj", "ROOT", "punct", "det", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "dobj",
            "punct", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "DET", "NOUN", "VERB", "PUNCT", "PROPN", "VERB", "PRON", "PUNCT",
           "PRON", "VERB", "ADV", "PUNCT"]
    doc = Doc(Vocab(), words=words, ents=ents, deps=deps, heads=list(range(16)), pos=pos)
    ashdel = Entity(id="e0", name="Ivo Ashdel", type="PERSON", mentions=(
        Mention(*_char(doc, 0, 2), "Ivo Ashdel", "PERSON"), Mention(*_char(doc, 8, 9), "Ashdel", "PERSON")))
    r = SourceResolver(doc, [ashdel]).resolve(_char(doc, 12, 13), doc[12])
    assert r.entity == "e0" and r.antecedent == _char(doc, 8, 9)


def test_an_upper_case_speaker_label_goes_to_the_full_name() -> None:
    words = ["Mira", "Voss", "spoke", ".", "VOSS", ":", "No", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"]
    tags = ["NNP", "NNP", "VBD", ".", "NNP", ":", "UH", "."]
    doc = Doc(Vocab(), words=words, ents=ents, deps=["dep"] * 8, heads=list(range(8)), tags=tags,
              pos=["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PUNCT", "INTJ", "PUNCT"])
    r = SourceResolver(doc, _entities(doc)).resolve(_char(doc, 4, 5), doc[4])
    assert r.antecedent == _char(doc, 0, 2) and r.entity == "e0"


def test_they_passes_over_goods_to_the_people_who_spoke() -> None:
    # "Brannock officials said the drones were sold. Tavel, they said, ...": not the drones
    words = ["Brannock", "officials", "said", "the", "drones", "were", "sold", ".", "Tavel", ",", "they", "said"]
    deps = ["compound", "nsubj", "ROOT", "det", "nsubjpass", "auxpass", "ccomp", "punct", "nsubj", "punct", "nsubj",
            "parataxis"]
    heads = [1, 2, 2, 4, 6, 6, 2, 2, 8, 8, 11, 11]
    tags = ["NNP", "NNS", "VBD", "DT", "NNS", "VBD", "VBN", ".", "NNP", ",", "PRP", "VBD"]
    pos = ["PROPN", "NOUN", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT", "PROPN", "PUNCT", "PRON", "VERB"]
    lemmas = ["Brannock", "official", "say", "the", "drone", "be", "sell", ".", "Tavel", ",", "they", "say"]
    doc = Doc(English().vocab, words=words, deps=deps, heads=heads, tags=tags, pos=pos, lemmas=lemmas)
    r = SourceResolver(doc, []).resolve(_char(doc, 10, 11), doc[10])
    assert r.antecedent == _char(doc, 0, 2)


def test_the_panel_goes_back_to_a_panel_named_with_its_organisation() -> None:
    words = ["A", "UN", "panel", "of", "experts", "met", ".", "The", "panel", "wrote", "."]
    deps = ["det", "compound", "nsubj", "prep", "pobj", "ROOT", "punct", "det", "nsubj", "ROOT", "punct"]
    heads = [2, 2, 5, 2, 3, 5, 5, 8, 9, 9, 9]
    pos = ["DET", "PROPN", "NOUN", "ADP", "NOUN", "VERB", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"]
    lemmas = ["a", "UN", "panel", "of", "expert", "meet", ".", "the", "panel", "write", "."]
    doc = Doc(English().vocab, words=words, deps=deps, heads=heads, pos=pos, lemmas=lemmas)  # lower-case forms
    r = SourceResolver(doc, []).resolve(_char(doc, 7, 9), doc[8])
    assert r.antecedent == _char(doc, 0, 5)


def test_the_former_of_two_coordinated_names_whatever_their_ner_type() -> None:
    # "Nora Pell" mislabelled ORG: "the former" is still the first of the pair, not the earlier Kim Oduya
    words = ["Kim", "Oduya", "hired", "two", "aides", ",", "Nora", "Pell", "and", "Idris", "Vane", ".",
             "The", "former", "said", "no", "."]
    heads = [1, 2, 2, 4, 2, 4, 7, 4, 7, 10, 7, 2, 13, 14, 14, 14, 14]
    deps = ["compound", "nsubj", "ROOT", "nummod", "dobj", "punct", "compound", "appos", "cc", "compound", "conj",
            "punct", "det", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "VERB", "NUM", "NOUN", "PUNCT", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "PUNCT",
           "DET", "NOUN", "VERB", "DET", "PUNCT"]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-ORG", "I-ORG", "O", "B-PERSON", "I-PERSON", "O",
            "O", "O", "O", "O", "O"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    resolver = SourceResolver(doc, _entities(doc))
    assert resolver.resolve(_char(doc, 12, 14), doc[13]).antecedent == _char(doc, 6, 8)
    # and "the latter" the second
    latter = Doc(Vocab(), words=[*words[:13], "latter", *words[14:]], heads=heads, deps=deps, pos=pos, ents=ents)
    assert SourceResolver(latter, _entities(latter)).resolve(_char(latter, 12, 14), latter[13]).antecedent == \
        _char(latter, 9, 11)


def test_a_bare_surname_ner_took_for_a_group_is_the_full_name_before() -> None:
    words = ["Vera", "Lund", "spoke", ".", "Lund", "said", "no", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-NORP", "O", "O", "O"]
    doc = Doc(Vocab(), words=words, ents=ents, pos=["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "DET",
                                                    "PUNCT"])
    r = SourceResolver(doc, _entities(doc)).resolve(_char(doc, 4, 5), doc[4])
    assert r.antecedent == _char(doc, 0, 2)
    assert r.entity == "e0"
