"""Plain-text reader: encodings detected and decoded without loss, line endings normalised."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.errors import InputError
from claimgraph.ingest import read_bytes, read_path, read_text
from claimgraph.ingest.decode import decode_text, suspicion

# Invented sentences, one per script and code page the readers must not mangle.
PERSIAN = "گزارش‌ها نشان مي‌دهد که سلاح‌ها از طريق مرز به شهر رسيد. يک مقام محلي گفت که هيچ‌کس پاسخگو نبود."
PERSIAN_SHORT = "پژوهشگر گفت: «چيزي نمي‌دانيم»."
ARABIC = "قال مسؤول محلي إن الأسلحة وصلت إلى المدينة عبر الحدود، ولم يرد أحد على الأسئلة."
ENGLISH_1252 = "The mayor said the deal was “fully transparent” — a claim the café owner disputed. Naïve résumé."
ENGLISH_1252_SHORT = "“Déjà vu,” she said."
FRENCH = "Le ministère a déclaré que l’enquête était close, mais les élus ont exigé des précisions."
GERMAN = "Die Behörde erklärte, dass die Prüfung abgeschlossen sei. Größere Änderungen wären nötig."
RUSSIAN = "Министерство заявило, что проверка завершена, но депутаты потребовали уточнений."
POLISH = "Ministerstwo oświadczyło, że kontrola została zakończona, a źródła milczą."
TURKISH = "Bakanlık, soruşturmanın kapandığını açıkladı; ancak milletvekilleri ayrıntı istedi."
HEBREW = "המשרד הודיע כי הבדיקה הסתיימה, אך חברי הכנסת דרשו הבהרות."

LEGACY = [
    (PERSIAN, "cp1256"),
    (PERSIAN_SHORT, "cp1256"),
    (ARABIC, "cp1256"),
    (ENGLISH_1252, "cp1252"),
    (ENGLISH_1252_SHORT, "cp1252"),
    (FRENCH, "cp1252"),
    (GERMAN, "cp1252"),
    (RUSSIAN, "cp1251"),
    (RUSSIAN, "koi8_r"),
    (POLISH, "cp1250"),
    (TURKISH, "cp1254"),
    (HEBREW, "cp1255"),
]


@pytest.mark.parametrize(("text", "encoding"), LEGACY, ids=[f"{e}-{t[:12]}" for t, e in LEGACY])
def test_legacy_code_pages_round_trip(text: str, encoding: str) -> None:
    doc = read_bytes(text.encode(encoding), "a.txt")
    assert doc.text == text
    assert doc.encoding == codecs.lookup(encoding).name


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("text", [PERSIAN, ARABIC, ENGLISH_1252, RUSSIAN, HEBREW], ids=["fa", "ar", "en", "ru", "he"])
def test_unicode_encodings_with_and_without_bom_round_trip(text: str, encoding: str) -> None:
    doc = read_bytes(text.encode(encoding), "a.txt")
    assert doc.text == text
    assert "\ufeff" not in doc.text


def test_bom_is_stripped_and_recorded() -> None:
    assert read_bytes(codecs.BOM_UTF8 + b"Hello there.").encoding == "utf-8-sig"
    doc = read_bytes(codecs.BOM_UTF16_BE + "Hello there.".encode("utf-16-be"))
    assert (doc.text, doc.encoding) == ("Hello there.", "utf-16-be")


def test_bomless_utf16_is_detected_from_nul_bytes() -> None:
    assert read_bytes("Plain words, no BOM.\n".encode("utf-16-le")).encoding == "utf-16-le"
    assert read_bytes("Plain words, no BOM.\n".encode("utf-16-be")).encoding == "utf-16-be"


def test_line_endings_are_normalised() -> None:
    doc = read_bytes(b"one\r\ntwo\rthree\n\r\nfour")
    assert doc.text == "one\ntwo\nthree\n\nfour"


def test_record_fields(tmp_path: Path) -> None:
    data = b"A short invented report.\n"
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    doc = read_path(path)
    assert doc.doc_id == hashlib.sha256(data).hexdigest()
    assert (doc.path, doc.media_type, doc.encoding) == (str(path), "text/plain", "utf-8")
    assert read_path(path) == doc  # reading twice changes nothing


def test_text_is_text_whatever_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "looks.html"
    path.write_text("No markup in here, only a sentence about <b> tags.", encoding="utf-8")
    assert read_path(path).media_type == "text/plain"


def test_read_text_keeps_text_exactly() -> None:
    doc = read_text("As given\r\nexactly.", "inline")
    assert doc.text == "As given\r\nexactly."
    assert doc.doc_id == hashlib.sha256(b"As given\r\nexactly.").hexdigest()
    assert (doc.path, doc.media_type) == ("inline", "text/plain")


def test_bad_bytes_after_a_bom_are_an_input_error() -> None:
    with pytest.raises(InputError, match="cannot decode the text as utf-16-le"):
        read_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xdc", "odd.txt")  # a lone low surrogate


def test_suspicion_is_zero_for_clean_prose_and_high_for_mojibake() -> None:
    for text in (ENGLISH_1252, PERSIAN, RUSSIAN, HEBREW):
        assert suspicion(text) == 0
    assert suspicion(ARABIC.encode("cp1256").decode("cp1252")) > 10
    assert suspicion(RUSSIAN.encode("koi8_r").decode("cp1251")) > 1


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1).filter(lambda s: s.strip()))
def test_any_utf8_text_round_trips(text: str) -> None:
    doc = read_bytes(text.encode("utf-8"))
    if doc.media_type == "text/plain":
        assert doc.text == text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_document_or_an_input_error(data: bytes) -> None:
    try:
        doc = read_bytes(data, "random.bin")
    except InputError as exc:
        assert exc.reason and "\n" not in exc.reason
    else:
        assert doc.text.strip()


def test_decode_reports_encoding_names_python_understands() -> None:
    for text, encoding in LEGACY:
        assert codecs.lookup(decode_text(text.encode(encoding)).encoding)
