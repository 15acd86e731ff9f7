"""claimgraph.batch: the per-document function, path walking, and the serial and process runners."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterator, Set
from pathlib import Path

import pytest

from claimgraph import batch
from claimgraph.batch import DocResult, analyze_path, iter_paths, run_processes, run_serial
from claimgraph.config import Settings
from tests.test_batch_support import article, check_store, write_articles

SETTINGS = Settings()


def bad_inputs(folder: Path) -> dict[str, str]:
    """One file of each kind a batch must refuse -> a word its reason must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage, no xref\n")
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    with open(folder / "huge.txt", "wb") as fh:  # sparse: 100 MB in a moment, and no disk
        fh.truncate(100 * 1024 * 1024)
    # a UTF-8 byte-order mark promises UTF-8; the bytes after it are not
    (folder / "undecodable.txt").write_bytes(b"\xef\xbb\xbfCouncil statement: \xff\xfe\xc3\x28 \x80\x81 end.")
    return {
        "corrupt.pdf": "pdf",
        "binary.txt": "binary",
        "empty.txt": "empty",
        "huge.txt": "100 mb",
        "undecodable.txt": "decode",
    }


# -- analyze_path: bad input is a result, never an exception (no model needed: reading fails first) --


def test_bad_inputs_are_failed_results_with_reasons(tmp_path: Path) -> None:
    expected = bad_inputs(tmp_path)
    for name, word in expected.items():
        result = analyze_path(str(tmp_path / name), SETTINGS)
        assert result.status == "failed", name
        assert result.analysis is None
        assert result.error and word in result.error.lower(), (name, result.error)
        assert "\n" not in result.error


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    bad_inputs(tmp_path)
    result = analyze_path(str(tmp_path / "huge.txt"), SETTINGS)
    # refused by stat: nothing was read, so there is no hash and no size of read bytes
    assert result.doc_id is None and result.size == 0
    assert result.seconds < 0.5


def test_missing_and_directory_paths_fail(tmp_path: Path) -> None:
    assert analyze_path(str(tmp_path / "gone.txt"), SETTINGS).error == "no such file"
    assert "directory" in (analyze_path(str(tmp_path), SETTINGS).error or "")


def test_known_document_is_not_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (path,) = write_articles(tmp_path, 1)
    doc_id = hashlib.sha256(path.read_bytes()).hexdigest()
    monkeypatch.setattr(batch, "analyze_raw", _explode)  # parsing it would fail the test
    result = analyze_path(str(path), SETTINGS, frozenset({doc_id}))
    assert result.status == "known" and result.doc_id == doc_id and result.analysis is None
    assert analyze_path(str(path), SETTINGS, frozenset({"0" * 64})).status == "failed"  # not known: parsed


def _explode(*args: object) -> None:
    raise RuntimeError("boom\nwith a second line")


def test_unexpected_exception_becomes_a_failed_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (path,) = write_articles(tmp_path, 1)
    monkeypatch.setattr(batch, "analyze_raw", _explode)
    result = analyze_path(str(path), SETTINGS)
    assert result.status == "failed"
    assert result.error is not None and "RuntimeError" in result.error and "\n" not in result.error
    assert result.doc_id is not None and result.size == path.stat().st_size


def test_model_error_is_raised_not_reported(tmp_path: Path) -> None:
    from claimgraph.errors import ModelError

    (path,) = write_articles(tmp_path, 1)
    with pytest.raises(ModelError):
        analyze_path(str(path), Settings(model="no_such_model_xx"))


def test_doc_result_pickles() -> None:
    r = DocResult(path="a.txt", status="failed", error="is empty (0 bytes)")
    assert pickle.loads(pickle.dumps(r)) == r
    assert r.describe() == "a.txt: is empty (0 bytes)" and not r.ok


# -- iter_paths ---------------------------------------------------------------------------------------


def test_iter_paths_walks_lazily_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    for rel in ("b/2.txt", "b/1.HTML", "a/deep/x.pdf", "a/notes.docx", "a/.hidden.txt", "c.md", "img.png"):
        (tmp_path / rel).write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("x")
    walked = iter_paths([tmp_path, tmp_path / "img.png", tmp_path / "missing.txt"])
    assert isinstance(walked, Iterator)
    rel = [os.path.relpath(p, tmp_path) for p in walked]
    # folders: article suffixes only, sorted, hidden skipped; files named: always, even missing ones
    assert rel == ["a/deep/x.pdf", "b/1.HTML", "b/2.txt", "c.md", "img.png", "missing.txt"]


# -- runners --------------------------------------------------------------------------------------------


def fake_analyze(path: str, settings: Settings, known_ids: Set[str] = frozenset(), /) -> DocResult:
    """Stands in for analyze_path where the runner, not the analysis, is under test."""
    if "poison" in Path(path).name:
        os._exit(3)  # what an out-of-memory kill or a crash in a C parser looks like to the pool
    return DocResult(path=path, status="analysed", worker=os.getpid())


def test_run_serial_goes_on_after_bad_files(tmp_path: Path) -> None:
    expected = bad_inputs(tmp_path / "bad")
    paths = [tmp_path / "bad" / n for n in sorted(expected)]
    results = list(run_serial(paths, SETTINGS))
    assert [Path(r.path).name for r in results] == sorted(expected)
    assert all(r.status == "failed" for r in results)


def test_run_serial_accepts_an_analyzer(tmp_path: Path) -> None:
    results = list(run_serial(["x.txt", "y.txt"], SETTINGS, analyze=fake_analyze))
    assert [r.path for r in results] == ["x.txt", "y.txt"]


class CountingPaths:
    """An iterator of paths that records how far the runner has pulled it."""

    def __init__(self, paths: list[str]) -> None:
        self._it = iter(paths)
        self.pulled = 0

    def __iter__(self) -> CountingPaths:
        return self

    def __next__(self) -> str:
        path = next(self._it)
        self.pulled += 1
        return path


@pytest.mark.model
def test_run_processes_streams_with_bounded_in_flight(tmp_path: Path) -> None:
    paths = [str(p) for p in write_articles(tmp_path, 14)]
    source = CountingPaths(paths)
    seen = []
    for n, result in enumerate(run_processes(source, SETTINGS, workers=2, in_flight=3), start=1):
        # at most 3 in flight: besides the n handed back (this one included), at most 2 taken
        assert source.pulled - n <= 2, (source.pulled, n)
        seen.append(result)
    assert sorted(r.path for r in seen) == sorted(paths)
    assert all(r.status == "analysed" and r.analysis is not None for r in seen)
    assert len({r.worker for r in seen}) == 2 and os.getpid() not in {r.worker for r in seen}
    assert all(r.peak_rss > 0 for r in seen)
    by_path = {r.path: r for r in seen}
    serial = next(iter(run_serial([paths[0]], SETTINGS)))
    assert by_path[paths[0]].analysis == serial.analysis  # the same pure function, wherever it runs


@pytest.mark.model
def test_run_processes_survives_a_dying_worker(tmp_path: Path) -> None:
    paths = [f"{tmp_path}/doc{i}.txt" for i in range(6)]
    paths.insert(3, f"{tmp_path}/poison.txt")
    results = list(run_processes(paths, SETTINGS, workers=2, in_flight=4, analyze=fake_analyze))
    assert sorted(r.path for r in results) == sorted(paths)  # nothing lost, nothing twice
    (dead,) = [r for r in results if r.status == "failed"]
    assert dead.path.endswith("poison.txt") and "worker process died" in (dead.error or "")


@pytest.mark.model
def test_run_processes_reports_a_missing_model(tmp_path: Path) -> None:
    from claimgraph.errors import ModelError

    with pytest.raises(ModelError):
        list(run_processes(["a.txt"], Settings(model="no_such_model_xx"), workers=2))


@pytest.mark.model
def test_batch_with_bad_files_stores_every_good_one(tmp_path: Path) -> None:
    from claimgraph.store import Writer

    expected = bad_inputs(tmp_path / "in")
    good = write_articles(tmp_path / "in", 6)
    vanishing = tmp_path / "in" / "vanishing.txt"
    vanishing.write_text(article(99), encoding="utf-8")
    paths = list(iter_paths([tmp_path / "in"]))  # listed now ...
    vanishing.unlink()  # ... gone by the time a worker reaches it
    expected["vanishing.txt"] = "no such file"

    failures: dict[str, str] = {}
    with Writer(tmp_path / "corpus.db") as writer:
        for r in run_processes(paths, SETTINGS, workers=2):
            if r.status == "failed":
                failures[Path(r.path).name] = r.error or ""
            else:
                assert r.analysis is not None
                assert writer.write_analysis(r.analysis).result() == "stored"
    assert set(failures) == set(expected)
    for name, word in expected.items():
        assert word in failures[name].lower(), (name, failures[name])
    assert check_store(tmp_path / "corpus.db")["documents"] == len(good)


@pytest.mark.model
def test_run_dask_local_cluster(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from claimgraph.batch_dask import run_dask

    good = [str(p) for p in write_articles(tmp_path, 5)]
    bad_inputs(tmp_path / "bad")
    paths = [*good, str(tmp_path / "bad" / "empty.txt"), str(tmp_path / "missing.txt")]
    known = frozenset({analyze_path(good[0], SETTINGS).doc_id or ""})
    results = list(run_dask(paths, SETTINGS, "local", known, batch_size=2))
    by_path = {r.path: r for r in results}
    assert sorted(by_path) == sorted(paths) and len(results) == len(paths)
    assert by_path[good[0]].status == "known"
    assert all(by_path[p].status == "analysed" and by_path[p].analysis is not None for p in good[1:])
    assert by_path[paths[-2]].status == "failed" and by_path[paths[-1]].error == "no such file"
    assert os.getpid() not in {r.worker for r in results if r.status == "analysed"}


@pytest.mark.model
def test_run_dask_reports_a_missing_model(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from claimgraph.batch_dask import run_dask
    from claimgraph.errors import ModelError

    (path,) = write_articles(tmp_path, 1)
    with pytest.raises(ModelError):
        list(run_dask([path], Settings(model="no_such_model_xx"), "local"))
