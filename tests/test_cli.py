"""The analyze command: output, files written, and one clear line per bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import main

ARTICLE = (
    "Harbour Deal Under Scrutiny\n\n"
    "The port authority of Valdra signed a new lease with a shipping firm last month, officials said.\n\n"
    "\u201cWe followed every rule,\u201d the harbour master, Lena Orsk, told reporters on Monday.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "harbour.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


@pytest.mark.model
def test_json_output_follows_the_contract(article: Path) -> None:
    res = CliRunner().invoke(main, ["analyze", str(article), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert set(data) >= {"document", "entities", "attributions", "claims", "flows"}
    doc = data["document"]
    assert doc["title"] == "Harbour Deal Under Scrutiny"
    for e in data["entities"]:
        for m in e["mentions"]:
            assert doc["text"][m["start"] : m["end"]] == m["text"]


@pytest.mark.model
def test_raw_keeps_the_input_text(article: Path) -> None:
    res = CliRunner().invoke(main, ["analyze", str(article), "--json", "--raw"])
    assert json.loads(res.output)["document"]["text"] == ARTICLE


@pytest.mark.model
def test_out_dir_and_report(article: Path, tmp_path: Path) -> None:
    evil = tmp_path / "evil.txt"
    evil.write_text("Evil Page\n\nThe mayor said <script>alert(1)</script> and <img src=x onerror=alert(2)> twice.\n")
    out, report = tmp_path / "out", tmp_path / "r.html"
    res = CliRunner().invoke(main, ["analyze", str(article), str(evil), "--out", str(out), "--report", str(report)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["evil.json", "harbour.json"]
    html = report.read_text()
    assert "<script>" not in html and "alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
    ],
)
def test_bad_input_gets_one_line_and_status_2(tmp_path: Path, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["analyze", str(path), "--out", str(out)])
    assert res.exit_code == 2
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1 and str(path) in lines[0] and reason in lines[0]
    assert "Traceback" not in res.output
    assert not out.exists() or not any(out.iterdir())


def _write(p: Path, data: bytes) -> Path:
    p.write_bytes(data)
    return p


def test_every_command_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for name in main.commands:  # type: ignore[attr-defined]
        assert f"claimgraph {name}" in readme, f"`claimgraph {name}` is not documented in README.md"


@pytest.mark.model
def test_two_formats_of_one_story_both_get_written(article: Path, tmp_path: Path) -> None:
    html = tmp_path / "harbour.html"
    html.write_text("<html><head><title>Harbour Deal</title></head><body><article><h1>Harbour Deal</h1>"
                    "<p>The port authority signed a new lease last month, officials said.</p></article></body></html>")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["analyze", str(article), str(html), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["harbour.html.json", "harbour.json"]
