"""The word lists: users extend them from their own directory without editing the package."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph import lexicons
from claimgraph.errors import LexiconError
from claimgraph.extract.actor_lexicons import actor_lexicons
from claimgraph.extract.attr_lexicon import load_lexicon
from claimgraph.resolve import default_alias_table

CACHED = (lexicons.lexicon_files, lexicons.entries, load_lexicon, actor_lexicons, default_alias_table)


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(lexicons.ENV_DIRS, str(tmp_path))
    for f in CACHED:
        f.cache_clear()
    yield tmp_path
    monkeypatch.undo()
    for f in CACHED:
        f.cache_clear()


def test_a_users_file_adds_rows_to_the_package_list(user_dir: Path) -> None:
    (user_dir / "reporting_verbs.txt").write_text("# mine\nopine\tcontent=ccomp\tframe\n", encoding="utf-8")
    (user_dir / "actor_place_nouns.tsv").write_text("hamlet\tcity\n", encoding="utf-8")
    lex = load_lexicon()
    assert "opine" in lex.verbs and "opine" in lex.frame_verbs and "say" in lex.verbs  # added, nothing lost
    assert actor_lexicons().place_nouns["hamlet"] == "city" and actor_lexicons().place_nouns["town"] == "city"


def test_a_users_word_class_row_changes_what_the_rules_find(user_dir: Path) -> None:
    from spacy.lang.en import English
    from spacy.tokens import Doc

    from claimgraph.extract.attr_rules import match

    def name_colon() -> list[tuple[str | None, list[str]]]:
        """Sources and contents of 'Tally: Clinton leads in Iowa.' with "Tally" tagged as a common noun."""
        doc = Doc(English().vocab, words=["Tally", ":", "Clinton", "leads", "in", "Iowa", "."],
                  spaces=[False, True, True, True, True, False, False],
                  pos=["NOUN", "PUNCT", "PROPN", "VERB", "ADP", "PROPN", "PUNCT"],
                  lemmas=["tally", ":", "Clinton", "lead", "in", "Iowa", "."])
        return [(doc.text[c.source[0]:c.source[1]] if c.source else None, [doc.text[s:e] for s, e in c.content])
                for c in match(doc) if c.rule == "name-colon"]

    assert name_colon() == []  # "tally" is no speaker-document in the package's list
    (user_dir / "attribution_word_classes.tsv").write_text("# mine\ntally\tspeaker-document\n", encoding="utf-8")
    for f in CACHED:
        f.cache_clear()
    assert name_colon() == [("Tally", ["Clinton leads in Iowa"])]
    lex = load_lexicon()
    assert {"tally", "poll"} <= lex.speaker_documents and "statement" in lex.medium_nouns  # added, nothing lost
    assert {"seem", "appear"} <= lex.raising_verbs and "tell" in lex.addressee_verbs and "rumor" in lex.raising_passives


def test_a_word_class_row_with_an_unknown_class_names_the_file_and_line(user_dir: Path) -> None:
    (user_dir / "attribution_word_classes.tsv").write_text("tally\tspeaker-document\nwire\tmedia\n", encoding="utf-8")
    where = re.escape(f"{user_dir / 'attribution_word_classes.tsv'}, line 2")
    with pytest.raises(LexiconError, match=rf"{where}: expected word<TAB>class with a class among .*'wire\\tmedia'"):
        load_lexicon()


def test_a_users_alias_row_overrides_the_package_one(user_dir: Path) -> None:
    (user_dir / "aliases.tsv").write_text("Islamic State\tGPE\tISIS\n", encoding="utf-8")
    assert default_alias_table().by_surface["ISIS"].type == "GPE"


def test_an_error_in_a_users_file_names_that_file_and_line(user_dir: Path) -> None:
    (user_dir / "actor_capitals.tsv").write_text("# capitals\n\tTalvia\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{user_dir / 'actor_capitals.tsv'}, line 2: empty first field"):
        actor_lexicons()


def test_a_lexicon_directory_that_does_not_exist_is_named(user_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lexicons.ENV_DIRS, str(user_dir / "nope"))
    with pytest.raises(LexiconError, match="nope"):
        lexicons.read_lines("aliases.tsv")


@pytest.mark.model
def test_a_bad_word_list_stops_the_run_with_one_line_naming_it(user_dir: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from claimgraph.cli import main

    (user_dir / "actor_capitals.tsv").write_text("\tTalvia\n", encoding="utf-8")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Officials said the port was closed.", encoding="utf-8")
    b.write_text("Officials said the road was open.", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(a), str(b)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if "error" in line]
    assert lines == [f"claimgraph: error: lexicon {user_dir / 'actor_capitals.tsv'}, line 1: empty first field"]


def test_errors_cross_a_process_boundary_intact() -> None:
    import pickle

    from claimgraph.errors import InputError

    err = pickle.loads(pickle.dumps(LexiconError("mine/aliases.tsv, line 3", "empty first field")))
    assert isinstance(err, LexiconError) and str(err) == "lexicon mine/aliases.tsv, line 3: empty first field"
    bad = pickle.loads(pickle.dumps(InputError("a.pdf", "corrupt PDF")))
    assert (bad.path, bad.reason, str(bad)) == ("a.pdf", "corrupt PDF", "a.pdf: corrupt PDF")
