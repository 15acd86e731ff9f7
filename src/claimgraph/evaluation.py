"""Run claimgraph over the shared gold sets and score it with the shared scorers.

The scorers and gold sets live in ``../shared`` (next to the repository), which
developers and CI have; nothing of them is copied into the project.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from claimgraph.config import Settings

DEFAULT_SHARED = Path(__file__).resolve().parents[3] / "shared"


def shared_dir() -> Path | None:
    """``../shared`` next to the repository (or $CLAIMGRAPH_SHARED), None when absent."""
    import os

    env = os.environ.get("CLAIMGRAPH_SHARED")
    path = Path(env) if env else DEFAULT_SHARED
    return path if (path / "eval").is_dir() else None


def analyze_to_dir(files: Iterable[Path], out: Path, settings: Settings) -> None:
    """Analyse each file into ``out/<stem>.json`` (one model load for all)."""
    from claimgraph.api import analyze_raw
    from claimgraph.ingest import read_path

    out.mkdir(parents=True, exist_ok=True)
    for f in files:
        analysis = analyze_raw(read_path(f, settings), settings)
        (out / f"{f.stem}.json").write_text(json.dumps(analysis.to_json(), ensure_ascii=False), encoding="utf-8")


def _run(script: Path, *args: str) -> dict:
    res = subprocess.run([sys.executable, str(script), *args, "--json"], capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def _run_text(script: Path, *args: str) -> str:
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, check=True).stdout


def score_seed(shared: Path, work: Path, settings: Settings | None = None, text: bool = False) -> dict | str:
    settings = settings or Settings()
    analyze_to_dir([shared / "seed" / "article.txt"], work, settings)
    pred = work / "article.json"
    return _run_text(shared / "eval" / "score.py", str(pred)) if text else _run(shared / "eval" / "score.py", str(pred))


def score_polnear(
    shared: Path, work: Path, settings: Settings | None = None, text: bool = False, split: str = "dev"
) -> dict | str:
    settings = (settings or Settings()).with_(raw=True)
    gold = shared / "polnear" / split
    analyze_to_dir(sorted((gold / "text").glob("*.txt")), work, settings)
    args = [str(work), "--gold", str(gold)]
    return _run_text(shared / "eval" / "polnear.py", *args) if text else _run(shared / "eval" / "polnear.py", *args)


def score_rams(shared: Path, work: Path, settings: Settings | None = None, text: bool = False) -> dict | str:
    settings = (settings or Settings()).with_(raw=True)
    gold = shared / "rams" / "dev"
    analyze_to_dir(sorted((gold / "text").glob("*.txt")), work, settings)
    script = shared / "eval" / "flows.py"
    if text:
        return _run_text(script, str(work), str(gold))
    res = subprocess.run(
        [sys.executable, str(script), str(work), str(gold), "--json"], capture_output=True, text=True, check=True
    )
    return json.loads(res.stdout)


def main(argv: list[str] | None = None) -> int:
    """``python -m claimgraph.evaluation [seed] [polnear] [rams]``: print the scorers' lines."""
    which = (argv if argv is not None else sys.argv[1:]) or ["seed", "polnear", "rams"]
    shared = shared_dir()
    if shared is None:
        print("claimgraph: ../shared is absent: nothing to evaluate", file=sys.stderr)
        return 1
    for name in which:
        with tempfile.TemporaryDirectory() as tmp:
            fn = {"seed": score_seed, "polnear": score_polnear, "rams": score_rams}[name]
            print(f"== {name}")
            print(fn(shared, Path(tmp), text=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
