"""Inputs that cannot be analysed: each is an InputError with a short reason naming the problem."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimgraph.config import Settings
from claimgraph.errors import InputError
from claimgraph.ingest import files, read_bytes, read_path


def reason(path: Path | str, settings: Settings | None = None) -> str:
    with pytest.raises(InputError) as info:
        read_path(path, settings)
    assert info.value.path == str(path)
    assert "\n" not in info.value.reason
    return info.value.reason


def test_missing_file(tmp_path: Path) -> None:
    assert reason(tmp_path / "nowhere.txt") == "no such file"


def test_directory(tmp_path: Path) -> None:
    assert reason(tmp_path) == "is a directory, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert reason(fifo) == "is not a regular file"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert reason(path) == "is empty (0 bytes)"


@pytest.mark.parametrize("data", [b"  \n\t\r\n ", " \n ".encode("utf-16"), "\u3000\n".encode()])
def test_only_whitespace(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    assert reason(path) == "is empty (only whitespace)"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "a PNG image"),
        (b"\x7fELF\x02\x01\x01" + bytes(64), "an ELF executable"),
        (b"PK\x03\x04\x14\x00" + bytes(64), "a ZIP archive"),
        (b"\x1f\x8b\x08\x00" + bytes(32), "a gzip archive"),
    ],
)
def test_known_binary_formats_are_named(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    assert reason(path).startswith(f"is a binary file ({kind}")


def test_text_starting_like_a_signature_is_still_text() -> None:
    assert read_bytes(b"MZ Holdings denied the report on Tuesday.").text.startswith("MZ Holdings")


def test_nul_bytes_outside_utf16(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(bytes(range(256)) * 8)
    assert reason(path) == "is a binary file (it contains NUL bytes), not text"


def test_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(b"ok \x01\x02\x03\x04\x05\x06\x07\x0e\x0f words " * 50)
    assert reason(path) == "is a binary file (it is full of control characters), not text"


def test_too_large_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened before its size was checked")

    monkeypatch.setattr(files, "open", no_open, raising=False)
    assert reason(path, Settings(max_input_bytes=1024)) == (
        "is 2048 bytes, over the 1024 bytes input limit (raise max_input_bytes to read it)"
    )


def test_too_large_default_limit_is_in_megabytes() -> None:
    with pytest.raises(InputError, match="is 51 MB, over the 50 MB input limit"):
        read_bytes(b"x" * (51 * 1024 * 1024), "huge.txt")


def test_file_vanishing_between_stat_and_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "going.txt"
    path.write_text("Here for a moment.", encoding="utf-8")

    def vanish(*args: object, **kwargs: object) -> None:
        path.unlink()
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(files, "open", vanish, raising=False)
    assert reason(path) == "file vanished while reading"


def test_file_growing_after_stat_is_still_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 100)
    real_open = open

    def grow_then_open(file: Path, mode: str = "r") -> object:
        Path(file).write_bytes(b"x" * 5000)
        return real_open(file, mode)

    monkeypatch.setattr(files, "open", grow_then_open, raising=False)
    assert reason(path, Settings(max_input_bytes=1024))== "grew past the 1024 bytes input limit while being read"


def test_read_bytes_names_inline_input() -> None:
    with pytest.raises(InputError, match=r"^<text>: is empty"):
        read_bytes(b"")
