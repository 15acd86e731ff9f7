"""Dates as written in articles -> ISO ``YYYY-MM-DD``.

Numeric dates are read day first (``05.07.2024`` is 5 July), as the European
and Middle Eastern sites that republish articles write them; ``2024-07-05`` is ISO.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for m in names
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
PATTERNS = [
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(r"\b(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<y>\d{{4}})\b", re.I),
]


def _iso(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    month = int(g["m"]) if g.get("m") else MONTHS.get(g["mon"].lower().rstrip("."), 0)
    try:
        return date(int(g["y"]), month, int(g["d"])).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first date in ``text`` and where it stands, or None."""
    best: tuple[str, tuple[int, int]] | None = None
    for pat in PATTERNS:
        for m in pat.finditer(text):
            iso = _iso(m)
            if iso and (best is None or m.start() < best[1][0]):
                best = (iso, (m.start(), m.end()))
                break
    return best


def parse_date(text: str) -> str | None:
    """The date when ``text`` is little more than a date ("JUL 2, 2024", "Published 05.07.2024")."""
    found = find_date(text)
    if not found:
        return None
    a, b = found[1]
    rest = (text[:a] + text[b:]).strip(" \t.,-–—|:")
    return found[0] if len(rest.split()) <= 2 else None
