"""The corpus commands through click's CliRunner: ingest, search, claims, candidates, rebuild-actors, export."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.cli_corpus import COMMANDS
from claimgraph.records import Analysis, RawDocument
from tests.test_store_samples import TEXT_A, TEXT_B, TEXT_XSS, sample_analyses


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (d / "sub" / "b.txt").write_text(TEXT_B, encoding="utf-8")
    (d / "xss.md").write_text(TEXT_XSS, encoding="utf-8")
    (d / "empty.txt").write_text("   \n", encoding="utf-8")
    (d / "notes.bin").write_bytes(b"\x00\x01")  # not an article suffix: a folder walk skips it
    return d


@pytest.fixture
def fake_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """No model: each sample file analyses to its hand-made analysis (same bytes, same doc id)."""
    by_text = {a.document.text: a for a in sample_analyses()}

    def analyze_raw(raw: RawDocument, settings: object = None) -> Analysis:
        return by_text[raw.text]

    monkeypatch.setattr("claimgraph.batch.analyze_raw", analyze_raw)
    monkeypatch.setattr("claimgraph.nlp.load_pipeline", lambda settings=None: None)


def run(*args: str) -> click.testing.Result:
    return CliRunner(env={"COLUMNS": "250"}).invoke(main, list(args), catch_exceptions=False)


def test_ingest_stores_good_files_lists_bad_ones_and_exits_2(articles: Path, tmp_path: Path, fake_analysis) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "c.db")
    r = run("ingest", str(articles), "--db", db)
    assert r.exit_code == 2
    assert "3 stored, 0 replaced, 0 skipped" in r.output
    assert "empty.txt: is empty" in r.output
    again = run("ingest", str(articles / "a.txt"), str(articles / "sub" / "*.txt"), "--db", db)
    assert again.exit_code == 0 and "0 stored, 0 replaced, 2 skipped" in again.output
    forced = run("ingest", str(articles / "a.txt"), "--db", db, "--force")
    assert forced.exit_code == 0 and "1 replaced" in forced.output
    missing = run("ingest", str(articles / "nope.txt"), str(articles / "*.none"), "--db", db)
    assert missing.exit_code == 2 and "no such file" in missing.output and "matches no file" in missing.output


def test_search_claims_candidates_export(articles: Path, tmp_path: Path, fake_analysis) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "c.db")
    run("ingest", str(articles / "a.txt"), str(articles / "sub"), "--db", db)
    r = run("search", "Hezbollah", "--db", db)
    assert r.exit_code == 0 and "Hezbollah" in r.output and "c2" in r.output
    bad = run("search", '"unbalanced', "--db", db)
    assert bad.exit_code == 2 and "cannot parse the search" in bad.output
    r = run("claims", "--actor", "john smith", "--db", db)
    assert "said" in r.output and "money flowed" in r.output
    r = run("claims", "--actor", "Iran", "--evidence", "media", "--db", db)
    assert "Reuters" in r.output and "UN panel" not in r.output
    listing = run("candidates", "--db", db)
    assert "John Smith" in listing.output and "same surname" in listing.output
    assert run("candidates", "--db", db, "--reject", "999").exit_code == 2
    assert run("candidates", "--db", db, "--reject", "1").exit_code == 0
    assert "no open merge candidates" in run("candidates", "--db", db).output
    rebuilt = run("rebuild-actors", "--db", db)  # the rejection outlives the rebuild
    assert rebuilt.exit_code == 0 and "open merge candidates 0 -> 0" in rebuilt.output
    assert "no open merge candidates" in run("candidates", "--db", db).output
    out = tmp_path / "out.jsonl"
    assert run("export", "--format", "jsonl", "--out", str(out), "--db", db).exit_code == 0
    assert len(out.read_text().splitlines()) == 2
    assert run("export", "--format", "csv", "--db", db).exit_code == 2  # csv needs --out DIR
    r = run("export", "--format", "ftm", "--db", db)
    assert all(json.loads(line)["schema"] for line in r.stdout.splitlines() if line.startswith("{"))


def test_claims_and_candidates_page_through_long_listings(articles: Path, tmp_path: Path, fake_analysis) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "c.db")
    run("ingest", str(articles / "a.txt"), str(articles / "sub"), "--db", db)
    every = run("claims", "--actor", "Iran", "--db", db)
    assert every.exit_code == 0 and "of " not in every.output.splitlines()[-1]  # all shown: no page line
    first = run("claims", "--actor", "Iran", "--db", db, "--limit", "1")
    total = int(first.output.splitlines()[-1].split(" of ")[1].split(";")[0])
    assert total > 1 and first.output.splitlines()[-1] == f"rows 1-1 of {total}; the next ones: --offset 1"
    last = run("claims", "--actor", "Iran", "--db", db, "--limit", "1", "--offset", str(total - 1))
    assert last.output.splitlines()[-1] == f"rows {total}-{total} of {total}"
    assert run("claims", "--actor", "Iran", "--db", db, "--offset", "99").output.strip() == \
        f"no rows from --offset 99: there are {total}"
    assert run("claims", "--actor", "  ", "--db", db).exit_code == 2  # a blank name names no one
    paged = run("candidates", "--db", db, "--limit", "1", "--offset", "0")
    assert paged.exit_code == 0 and "John Smith" in paged.output


def test_commands_on_a_missing_database_say_what_to_do(tmp_path: Path) -> None:
    for args in (("search", "x"), ("rebuild-actors",)):
        r = run(*args, "--db", str(tmp_path / "none.db"))
        assert r.exit_code == 2 and "claimgraph ingest" in r.output
        assert not (tmp_path / "none.db").exists()


def test_every_option_is_documented() -> None:
    for command in COMMANDS:
        assert command.help, command.name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{command.name} {param.opts}: no help text"


@pytest.mark.model
def test_ingest_with_the_real_pipeline(articles: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "real.db")
    r = run("ingest", str(articles), "--db", db)
    assert r.exit_code == 2 and "3 stored" in r.output, r.output
    from claimgraph import query

    conn = query.connect(db)
    assert query.count_documents(conn) == 3
    assert query.find_actors(conn, "Hezbollah")


def test_serve_refuses_a_missing_database_and_binds_locally_by_default(tmp_path: Path) -> None:
    r = run("serve", "--db", str(tmp_path / "none.db"))
    assert r.exit_code == 2 and "no such corpus database" in r.output
    assert "127.0.0.1]" in run("serve", "--help").output.replace("\n", "").replace(" ", "")
