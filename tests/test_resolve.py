"""The alias resolver without a model: normalisation, the alias table, cross-document decisions."""

from __future__ import annotations

import pytest

from claimgraph.resolve import (
    build_alias_table,
    compare_actors,
    consonant_key,
    default_alias_table,
    initials_match,
    load_alias_table,
    normalise_name,
    parse_alias_lines,
    person_names_compatible,
    vowel_variant,
    without_designators,
)


def test_normalise_transliteration_variants_share_a_key() -> None:
    assert normalise_name("Nouri al-Maliki") == normalise_name("Nuri al-Maliki")
    assert normalise_name("Yousef el-Hassan") == normalise_name("Yusef al-Hasan")
    assert normalise_name("Hélène Zédé") == "helene zede"


def test_initials_match_skips_function_words_and_leading_words() -> None:
    assert initials_match("FBX", "Front for the Bright Xenon")
    assert initials_match("NLA", "National Liberation Alliance")
    assert not initials_match("NLA", "Northern Water Board")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Karim al-Tawfiqi", "Kareem al-Tawfiqi", True),
        ("Daniel Orwen", "Samuel Orwen", False),  # two people who share a surname
        ("Orwen", "Daniel Orwen", True),
        # middle names may be left out, but never differ: initials are written to tell people apart
        ("Tomas H.W. Vell", "Tomas W. Vell", False),  # father and son
        ("Tomas W. Vell", "Tomas P. Vell", False),
        ("Tomas HW Vell", "Tomas H.W. Vell", True),
        ("Tomas W. Vell", "Tomas Walden Vell", True),
        ("Tomas Vell", "Tomas W. Vell", True),
        ("Mira Vell", "Mira Ostrander Vell", True),
        ("Mira Ostrander Vell", "Mira Dana Ostrander Vell", True),
        ("Mira O. Vell", "Mira Ostrander Vell", True),
        ("Abu Bakr al-Tawfiqi", "Abu Omar al-Tawfiqi", False),  # two men of one family or town
        ("Karim bin Talal", "Karim Bin Talal", True),
        ("Omar Vell Jr.", "Omar V. Vell Jr.", True),  # a generational suffix is no surname
        # transliterations: the vowels between the same consonants spelled otherwise, q for k or g
        ("Mohammed bin Rashad", "Muhammad bin Rashad", True),
        ("Usama al-Haddin", "Osama al-Haddan", True),
        ("Qasim Tabrizani", "Kasim Tebrizani", True),
        ("Aaron Kleist", "Ron Klaist", False),  # a surname spelled otherwise needs a given name spelled alike
        ("Mara Tabrizani", "Omar Tebrizani", False),
        ("Martin Ives", "Morton Ives", False),  # the same consonants, too few letters alike
        ("Maureen Voss", "Laurin Voss", False),  # close letters after another first letter: another name
        ("Katherine Voss", "Catherine Voss", True),
        # a given name spelled two ways keeps its consonants; one more or another consonant is another name
        ("Ian Pellow", "Ivan Pellow", False),
        ("Marco Tessaro", "Mario Tessaro", False),
        ("Jon Pellow", "John Pellow", True),
        ("Sergei Volkanov", "Sergey Volkanov", True),
        ("Sara Pellow", "Sarah Pellow", True),
        ("Philip Tessaro", "Phillip Tessaro", True),
        # a final vowel tells a brother's name from a sister's
        ("Carla Benetti", "Carlo Benetti", False),
        ("Paul Ives", "Paula Ives", False),
        ("Karim Haddad", "Karima Haddad", False),
    ],
)
def test_person_names_compatible(a: str, b: str, same: bool) -> None:
    assert person_names_compatible(a, b) is same


def test_alias_table_equivalences() -> None:
    table = default_alias_table()
    for form in ("ISIL", "Daesh", "ISIS", "Islamic State"):
        entry = table.lookup(form)
        assert entry is not None and entry.canonical == "Islamic State"
    for form in ("US", "U.S.", "USA", "America", "United States"):
        entry = table.lookup(form)
        assert entry is not None and entry.canonical == "United States"
    entry = table.lookup("Britain")
    assert entry is not None and entry.canonical == "United Kingdom"
    assert table.lookup("Vorland") is None


def test_user_alias_file_extends_and_overrides(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "mine.tsv"
    f.write_text("# my actors\nVorland Liberation Front\tORG\tVLF|the Front\n", encoding="utf-8")
    table = load_alias_table(f)
    entry = table.lookup("VLF")
    assert entry is not None and entry.canonical == "Vorland Liberation Front"
    assert table.lookup("Daesh") is not None  # the shipped table is still there


def test_bad_alias_line_names_the_file_and_line() -> None:
    with pytest.raises(ValueError, match=r"mine\.tsv, line 2: expected 3 tab-separated fields"):
        parse_alias_lines(["# ok", "Vorland ORG VLF"], "mine.tsv")


def test_compare_actors_across_documents() -> None:
    table = build_alias_table(parse_alias_lines(["Vorland Liberation Front\tORG\tVLF|Liberation Front"]))
    assert compare_actors("VLF", "ORG", [], "Vorland Liberation Front", "ORG", [], table) == "merge"
    assert compare_actors("Nouri al-Maliki", "PERSON", [], "Nuri al-Maliki", "PERSON", ["Maliki"]) == "merge"
    assert compare_actors("Daniel Orwen", "PERSON", [], "Samuel Orwen", "PERSON", []) == "no"
    assert compare_actors("Orwen", "PERSON", [], "Daniel Orwen", "PERSON", []) == "candidate"
    assert compare_actors("Orwen", "PERSON", [], "Orwen", "PERSON", []) == "merge"  # the same bare name
    assert compare_actors("Orwen", "PERSON", [], "Daniel Orwen", "PERSON", ["Orwen"]) == "candidate"
    assert compare_actors("NMB", "ORG", [], "Northern Mining Board", "ORG", []) == "candidate"
    assert compare_actors("Jordan", "GPE", [], "Michael Jordan", "PERSON", []) == "no"
    # a bare surname the model typed as an organisation: asked, never merged; an acronym never
    assert compare_actors("Orwen", "ORG", [], "Daniel Orwen", "PERSON", []) == "candidate"
    assert compare_actors("Daniel Orwen", "PERSON", [], "Orwen", "ORG", []) == "candidate"
    assert compare_actors("Orwen Mining", "ORG", [], "Daniel Orwen", "PERSON", []) == "no"
    assert compare_actors("DO", "ORG", [], "Daniel Orwen", "PERSON", []) == "no"
    assert compare_actors("Orwen", "ORG", ["ORWEN"], "Daniel Orwen", "PERSON", []) == "candidate"
    assert compare_actors("Orwen", "ORG", [], "Orwen", "PERSON", []) == "candidate"
    assert compare_actors("Vorland", "GPE", [], "Kestria", "GPE", []) == "no"
    # a one-word alias that shortens the actor's longer name is no key; its own one-word name still is
    assert compare_actors("Harbour Post", "MEDIA", ["Post"], "Kestria Post", "MEDIA", ["Post"]) == "no"
    assert compare_actors("Karvan", "ORG", ["Karvan movement"], "Karvan", "ORG", []) == "merge"
    # a group named in the plural and in the singular is one group
    assert compare_actors("Vorlanders", "NORP", [], "Vorlander", "NORP", []) == "merge"
    assert compare_actors("Vorlanders", "ORG", [], "Vorlander", "ORG", []) == "candidate"  # not for a body


def test_transliterations_are_one_name_and_vowels_alone_tell_few_apart() -> None:
    assert vowel_variant("mohamed", "muhamad") and vowel_variant("qadafi", "gadafi")
    assert not vowel_variant("dan", "don")  # too few consonants to say
    assert not vowel_variant("carla", "carlo")  # another last letter
    assert not vowel_variant("martin", "morton")  # too few letters alike
    assert consonant_key("qadafi") == consonant_key("gadafi") == "kdf"
    # an organisation spelled with other vowels is worth a look across documents, never a merge
    assert compare_actors("Kataib Hizbalar", "ORG", [], "Kataib Hezbolar", "ORG", []) == "candidate"


@pytest.mark.parametrize(
    ("a", "a_type", "b", "verdict"),
    [
        # sibling bodies and places: one word is another word, however close the letters
        ("Vorland National Committee", "ORG", "Vorland National Convention", "no"),
        ("Ostmark Teachers Association", "ORG", "Ostmark Retailers Association", "no"),
        ("Iowa Farmers Union", "ORG", "Ohio Farmers Union", "no"),
        ("Port Vell Mets", "ORG", "Port Vell Jets", "no"),
        ("West Kestria", "GPE", "East Kestria", "no"),
        # spellings, abbreviations and separators of one name stay worth a look (or merge, for places)
        ("Vorland Democrat Party", "ORG", "Vorland Democratic Party", "candidate"),
        ("Katibat al-Muhajireen", "ORG", "Katibat al-Muhajirin", "merge"),
        ("Brookhaven Institution", "ORG", "Brookhaven Institute", "candidate"),
        ("Kestria Post/Vorland News", "ORG", "Kestria Post-Vorland News", "candidate"),
        ("Ft. Aldwick", "GPE", "Fort Aldwick", "candidate"),
    ],
)
def test_similar_names_that_differ_in_a_word_are_not_proposed(a: str, a_type: str, b: str, verdict: str) -> None:
    assert compare_actors(a, a_type, [], b, a_type, []) == verdict


def test_an_actor_whose_names_fit_two_people_is_only_a_candidate() -> None:
    # the actor took in "Tomas Vell" (no middle name) after "Tomas H.W. Vell": "Tomas W. Vell" fits the one
    # name and conflicts with the other, so a person decides
    father = ("Tomas H.W. Vell", "PERSON", ["Tomas Vell", "Vell"])
    assert compare_actors("Tomas W. Vell", "PERSON", [], *father) == "candidate"
    assert compare_actors("Tomas Vell", "PERSON", [], *father) == "merge"
    assert compare_actors("Tomas W. Vell", "PERSON", [], "Tomas H.W. Vell", "PERSON", []) == "no"


@pytest.mark.parametrize(
    ("name", "shorter"),
    [
        ("Ostrel Shipping Holdings", ["Ostrel Shipping"]),
        ("Ostrel Shipping Holdings Ltd.", ["Ostrel Shipping Holdings", "Ostrel Shipping"]),
        ("Varn Metals, Inc.", ["Varn Metals"]),
        ("Ostrel Group", []),  # a bare "Ostrel" may be a person's surname
        ("Varn Mercantile Bank", []),  # a word that says what the firm does is no designator
        ("Ostrel Shipping group", []),  # lowercase: a common noun, not the name's
    ],
)
def test_a_firm_name_without_its_designator_words(name: str, shorter: list[str]) -> None:
    assert without_designators(name) == shorter
