"""The Python API tells a file's path from a text given as a string."""

from __future__ import annotations

from pathlib import Path

from claimgraph.api import analyze


def test_a_long_one_line_text_is_analysed_not_taken_for_a_path() -> None:
    # One word longer than any file name the file system allows (255 bytes) made is_file() raise.
    text = "The ministry said that " + "x" * 300 + " was paid by the fund."
    analysis = analyze(text)
    assert analysis.document.text == text
    assert analysis.attributions


def test_a_string_naming_an_existing_file_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("The ministry said the fund paid the contractor.\n", encoding="utf-8")
    analysis = analyze(str(path))
    assert analysis.document.text.startswith("The ministry said")
    assert analysis.document.path == str(path)
