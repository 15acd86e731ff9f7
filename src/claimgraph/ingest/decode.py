"""Bytes -> str: find the encoding of a text or HTML file and decode it without mangling a character.

Order: byte-order marks, strict UTF-8, BOM-less UTF-16 (from where the NUL bytes sit),
a charset the document declares, then charset-normalizer's guesses and the common
Windows code pages, ranked by how plausible the decoded text looks.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes
from charset_normalizer.cd import coherence_ratio

from claimgraph.errors import InputError

# Longest BOM first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# BOM-less UTF-16: nearly every NUL byte sits on one side of the code-unit pairs (ASCII
# characters, and the spaces between words of any script, have a zero high byte) ...
_UTF16_NUL_SIDE_SHARE = 0.9
# ... and at least 5% of the code units have one, which prose (spaces alone are ~15%) exceeds.
_UTF16_MIN_NUL_SHARE = 0.05

# Single-byte code pages tried besides charset-normalizer's guesses, most common first: when
# two decode a text equally well (German reads the same in cp1252 and cp1250), the earlier wins.
# cp1256 comes second because Arabic-script sources are a main input of this project.
_PREFERRED: tuple[str, ...] = (
    "cp1252",
    "cp1256",
    "cp1251",
    "cp1250",
    "cp1254",
    "cp1253",
    "cp1255",
    "cp1257",
    "cp1258",
    "koi8_r",
)
# charset-normalizer may overrule the preference order only with an encoding people really
# use; its exotic picks (cp775, mac_latin2) win short texts by accident.
_COMMON = frozenset(
    _PREFERRED
    + tuple(f"iso8859_{n}" for n in range(1, 17))
    + ("koi8_u", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "shift_jis", "cp932", "euc_jp", "euc_kr")
    + ("cp949", "iso2022_jp", "cp874", "tis_620")
)
# Language coherence (0-1) charset-normalizer's pick must gain over the preferred code page
# to overrule it: ties and noise on short texts are below this; cp1254 over cp1252 on
# Turkish is above it.
_COHERENCE_MARGIN = 0.03
# Implausibility per 100 letters treated as equal: rounding noise, not a real difference.
_SUSPICION_TOLERANCE = 0.5
_SAMPLE_CHARS = 65_536

_WORD = re.compile(r"[^\W\d_]+")
# A non-ASCII character between two letters: "³" in "czy³o" is Polish read as cp1252.
_GLUED = re.compile(r"(?<=[^\W\d_])[^\w\s\x00-\x7f](?=[^\W\d_])")
_GLUE_OK = ("Cf", "Mn", "Mc", "Pd", "Pi", "Pf", "Po", "Ps", "Pe", "Pc")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the encoding that produced it (a Python codec name)."""

    text: str
    encoding: str


def decode_text(data: bytes, path: str | None = None, declared: str | None = None) -> Decoded:
    """Decode text bytes; ``declared`` is a charset the document names (an HTML meta tag).

    Raises InputError when the bytes hold NULs outside UTF-16 (a binary file) or decode in no known encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data[len(bom) :], encoding, path), _canonical(encoding, bom=encoding == "utf-8"))
    # NULs first: Arabic UTF-16 ("\x42\x06\x20\x00") is also valid, meaningless, UTF-8.
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError(path, "is a binary file (it contains NUL bytes), not text")
        return Decoded(_strict(data, utf16, path), utf16)
    if (text := _try_decode(data, "utf-8")) is not None:
        return Decoded(text, "utf-8")
    if declared and (text := _try_decode(data, declared)) is not None:
        return Decoded(text, _canonical(declared))
    return _guess_legacy(data, path)


def _strict(data: bytes, encoding: str, path: str | None) -> str:
    """Decode or raise InputError: a BOM promised this encoding, so bad bytes are corruption."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot decode the text as {encoding}: bad bytes at offset {exc.start}") from None


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _canonical(encoding: str, bom: bool = False) -> str:
    """Python's own name for a codec ("UTF8" -> "utf-8"), with "-sig" when a UTF-8 BOM was stripped."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = encoding.lower()
    return "utf-8-sig" if bom and name == "utf-8" else name


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when the NUL bytes fall on one side of the byte pairs, else None."""
    if len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    units = len(data) // 2
    if odd >= _UTF16_NUL_SIDE_SHARE * (even + odd) and odd >= _UTF16_MIN_NUL_SHARE * units:
        encoding = "utf-16-le"
    elif even >= _UTF16_NUL_SIDE_SHARE * (even + odd) and even >= _UTF16_MIN_NUL_SHARE * units:
        encoding = "utf-16-be"
    else:
        return None
    return encoding if _try_decode(data, encoding) is not None else None


def _guess_legacy(data: bytes, path: str | None) -> Decoded:
    """Pick the 8-bit or multibyte encoding under which the bytes read most like text."""
    candidates = _candidates(data)
    if not candidates:
        raise InputError(path, "cannot decode the text: not UTF-8, UTF-16 or a common encoding; convert it to UTF-8")
    scored = {enc: suspicion(text[:_SAMPLE_CHARS]) for enc, text in candidates.items()}
    least = min(scored.values())
    plausible = [enc for enc in candidates if scored[enc] <= least + _SUSPICION_TOLERANCE]
    chosen = _prefer(plausible, guessed=next(iter(candidates)), texts=candidates)
    return Decoded(candidates[chosen], _canonical(chosen))


def _candidates(data: bytes) -> dict[str, str]:
    """Encoding -> decoded text: charset-normalizer's guesses first (best first), then the preferred code pages."""
    out: dict[str, str] = {}
    for match in from_bytes(data):
        text = _try_decode(data, match.encoding)
        if text is not None:
            out.setdefault(match.encoding, text)
    for encoding in _PREFERRED:
        text = _try_decode(data, encoding)
        if text is not None:
            out.setdefault(encoding, text)
    return out


def _prefer(plausible: list[str], guessed: str, texts: dict[str, str]) -> str:
    """The earliest preferred code page, unless charset-normalizer's guess reads clearly more like a language."""
    ranked = sorted(plausible, key=lambda enc: _PREFERRED.index(enc) if enc in _PREFERRED else len(_PREFERRED))
    default = ranked[0]
    if guessed == default or guessed not in plausible or guessed not in _COMMON:
        return default
    if _coherence(texts[guessed]) >= _coherence(texts[default]) + _COHERENCE_MARGIN:
        return guessed
    return default


def _coherence(text: str) -> float:
    """How much the text's letter frequencies look like some language (charset-normalizer's measure)."""
    return max((ratio for _, ratio in coherence_ratio(text[:_SAMPLE_CHARS])), default=0.0)


def suspicion(text: str) -> float:
    """How implausible decoded text looks, per 100 letters; 0 for clean prose in any script.

    Counts control and unassigned characters, words mixing scripts, Latin words made mostly
    of accented letters (Arabic bytes read as cp1252), symbols glued between letters and
    lower-to-upper case flips (Cyrillic or Arabic bytes in the wrong code page: "лПОЙ").
    """
    bad = 3 * sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs") and ch not in "\t\n\r\f\v")
    letters = 0
    for word in _WORD.findall(text):
        letters += len(word)
        bad += _word_suspicion(word)
    bad += sum(1 for m in _GLUED.finditer(text) if unicodedata.category(m.group()) not in _GLUE_OK)
    bad += sum(1 for a, b in itertools.pairwise(text) if a.islower() and b.isupper())
    return bad * 100 / max(letters, 1)


def _word_suspicion(word: str) -> int:
    scripts = {_script(ch) for ch in word}
    bad = 2 if len(scripts) > 1 else 0
    accented = sum(1 for ch in word if ord(ch) > 0x7F)
    if scripts == {"LATIN"} and len(word) >= 3 and 2 * accented > len(word):
        bad += 1
    return bad


def _script(ch: str) -> str:
    """First word of the character's Unicode name: LATIN, ARABIC, CYRILLIC, CJK, ..."""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "?"


def normalise_newlines(text: str) -> str:
    """\\r\\n and lone \\r become \\n, and a leading BOM character goes."""
    return text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
