"""Helpers shared by the batch, resume and property tests: invented articles and a store integrity check.

The articles are made up here (places, people and outlets that do not exist), small enough that
a hundred of them are analysed in seconds, and each differs so that every file has its own id.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

_PLACES = ("Northvale", "Eastport", "Kalden", "Mirova", "Tessary", "Upper Brenn")
_PEOPLE = ("Maria Lenz", "Tomas Okafor", "Ilse Varga", "Joon Park", "Amira Haddad", "Pieter Smolders")
_OUTLETS = ("the Daily Ledger", "Radio Kalden", "the Brenn Observer", "Harbour Weekly")
_GROUPS = ("the Redwater Fund", "the Harbour Council", "the Grain Union", "the Lantern Brigade")


def article(i: int) -> str:
    """A short invented news item; ``i`` varies names, numbers and a closing line, so ids differ."""
    place, other = _PLACES[i % len(_PLACES)], _PLACES[(i + 2) % len(_PLACES)]
    person = _PEOPLE[i % len(_PEOPLE)]
    outlet = _OUTLETS[i % len(_OUTLETS)]
    group = _GROUPS[i % len(_GROUPS)]
    return (
        f"Trucks leave {place} for {other}\n\n"
        f"Officials in {place} said on Tuesday that {group} had sent {10 + i} trucks of grain to {other}. "
        f'"We will keep the road open," said {person}, a spokeswoman for {group}. '
        f"According to {outlet}, the convoy was paid for by a donor in {other}. "
        f"The council denied that weapons were hidden in the cargo.\n\n"
        f"Residents of {other} appear to have welcomed the shipment, which suggests the blockade is easing. "
        f"Item {i}.\n"
    )


def write_articles(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = folder / f"article_{i:04d}.txt"
        p.write_text(article(i), encoding="utf-8")
        paths.append(p)
    return paths


def check_store(db: Path) -> dict[str, int]:
    """Assert the database is sound and every stored document has all its rows; returns row counts."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for doc_id, analysis in conn.execute("SELECT id, analysis FROM documents"):
            data = json.loads(analysis)
            expected = {
                "entities": len(data["entities"]),
                "mentions": sum(len(e["mentions"]) for e in data["entities"]),
                "attributions": len(data["attributions"]),
                "claims": len(data["claims"]),
                "claims_fts": len(data["claims"]),
                "flows": len(data["flows"]),
                "documents_fts": 1,
            }
            for table, n in expected.items():
                got = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE doc_id = ?", (doc_id,)).fetchone()[0]
                assert got == n, f"{doc_id[:12]}: {got} rows in {table}, the analysis has {n}"
        return {
            table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("documents", "entities", "mentions", "attributions", "claims", "flows")
        }
    finally:
        conn.close()


def dump_store(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: two dumps are equal when nothing in the database changed."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%'")
            if not r[0].startswith(("sqlite_", "documents_fts_", "claims_fts_"))
        ]
        tables += ["documents_fts", "claims_fts"]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def test_articles_differ() -> None:
    texts = [article(i) for i in range(50)]
    assert len(set(texts)) == 50
