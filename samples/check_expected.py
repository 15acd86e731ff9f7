"""Check samples/expected.json against the sample articles.

Every annotated string (titles, bylines, headings, boilerplate, sources, cues,
contents, quote parts, author claims, entity aliases, actor-group members,
flow evidence) must occur verbatim in its article once markdown emphasis
('*') is removed; HTML is checked against the text of <article> with entities
decoded, the PDF against pdfplumber's text with whitespace collapsed (its
lines wrap). Also checks that the Windows-1252 sample is *not* valid UTF-8,
that flow ends name an annotated actor, and that bodies are 350-700 words.

Run: python samples/check_expected.py   (exit status 1 on any problem)
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
BLOCK_TAGS = {"p", "h1", "h2", "h3", "li", "div", "article", "aside", "footer", "header", "nav", "title"}


class _ArticleText(HTMLParser):
    """Collect the text of <article>, one block per paragraph or heading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.blocks: list[str] = []
        self.page: list[str] = []
        self._current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.inside = True
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self._flush()
        if tag == "article":
            self.inside = False

    def handle_data(self, data: str) -> None:
        self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        self._current = []
        if text:
            self.page.append(text)
            if self.inside:
                self.blocks.append(text)


def collapse(text: str) -> str:
    return " ".join(text.split())


def load(name: str, art: dict) -> tuple[str, str, bool]:
    """Return (body text to search, whole raw text for boilerplate, collapse whitespace?)."""
    path = ARTICLES / name
    if art["format"] == "html":
        parser = _ArticleText()
        parser.feed(path.read_text(encoding="utf-8"))
        return "\n\n".join(parser.blocks), "\n".join(parser.page), True
    if art["format"] == "pdf":
        import pdfplumber  # only needed for this one sample

        with pdfplumber.open(path) as pdf:
            raw = "\n".join(page.extract_text() or "" for page in pdf.pages)
        lines = [ln for ln in raw.splitlines() if ln.strip() not in art["boilerplate"]]
        return "\n".join(lines), raw, True
    data = path.read_bytes()
    if art["encoding"] == "cp1252":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise AssertionError(f"{name}: decodes as UTF-8, but it should exercise the cp1252 fallback")
    text = data.decode(art["encoding"] or "utf-8").replace("\r\n", "\n")
    return text.replace("*", ""), text, False


def strings_of(art: dict) -> list[tuple[str, str]]:
    meta = art["metadata"]
    out = [("title", meta["title"]), ("byline", meta["byline"])]
    out += [("standfirst", meta["standfirst"])] if meta.get("standfirst") else []
    out += [("heading", h) for h in meta["headings"]]
    for a in art["attributions"]:
        for field in ("source", "cue", "content"):
            if a[field] is not None:
                out.append((f"{a['id']}.{field}", a[field]))
        out += [(f"{a['id']}.part", p) for p in a.get("parts", [])]
    out += [("claim", c["text"]) for c in art["author_claims"]]
    out += [(f"entity {k}", alias) for k, v in art["entities"].items() for alias in v]
    out += [(f"group {k}", m) for k, v in art.get("actor_groups", {}).items() for m in v]
    out += [(f"{f['id']}.evidence", f["evidence"]) for f in art["flows"]]
    return out


def check(name: str, art: dict) -> list[str]:
    problems = []
    body, raw, loose = load(name, art)
    haystack = collapse(body) if loose else body
    for where, s in strings_of(art):
        needle = collapse(s) if loose else s
        if needle not in haystack:
            problems.append(f"{name}: {where} not found: {s!r}")
    for b in art["boilerplate"]:
        if b.strip() not in raw:
            problems.append(f"{name}: boilerplate not found: {b!r}")
    if art["format"] == "text":
        for b in art["boilerplate"]:
            if b.strip() and b.strip() in "".join(a["content"] for a in art["attributions"]):
                problems.append(f"{name}: boilerplate {b!r} leaks into a content span")
    actors = set(art["entities"]) | set(art.get("actor_groups", {}))
    for f in art["flows"]:
        for end in ("source", "target"):
            if f[end] not in actors:
                problems.append(f"{name}: {f['id']}.{end} {f[end]!r} is not an annotated actor")
        if f["kind"] not in {"weapons", "money", "fighters", "training", "support", "other"}:
            problems.append(f"{name}: {f['id']} has unknown kind {f['kind']!r}")
    for a in art["attributions"]:
        for p in a.get("parts", []):
            if collapse(p) not in collapse(a["content"]):
                problems.append(f"{name}: {a['id']} part not inside its content: {p!r}")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", art["metadata"]["published"]):
        problems.append(f"{name}: published is not YYYY-MM-DD")
    if art["format"] != "pdf":
        words = len(body.split())
        if not 350 <= words <= 750:  # headline, byline and boilerplate lines included
            problems.append(f"{name}: {words} words, outside 350-700 (+ header lines)")
    return problems


def main() -> int:
    expected = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    problems: list[str] = []
    for name, art in expected["articles"].items():
        if not (ARTICLES / name).exists():
            problems.append(f"{name}: annotated but missing from samples/articles/")
            continue
        problems += check(name, art)
    unannotated = sorted(p.name for p in ARTICLES.iterdir())
    problems += [f"{n}: article has no entry in expected.json" for n in unannotated if n not in expected["articles"]]
    for p in problems:
        print(p)
    n = sum(len(strings_of(a)) for a in expected["articles"].values())
    print(f"{len(expected['articles'])} files, {n} annotated strings, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
