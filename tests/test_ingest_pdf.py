"""PDF reader: real PDFs made at test time with fpdf2; running headers, footers, page numbers dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest import read_bytes, read_path
from claimgraph.ingest.pdf import Line, drop_running_lines, is_page_number, join_lines, line_key

fpdf = pytest.importorskip("fpdf")

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
TOWNS = ("Aldmere", "Brackwater", "Corrin Bay", "Dunhollow", "Eastfold", "Fernmouth", "Glenarrow", "Highcliff")
BODIES = ("harbour board", "water authority", "council finance office", "transport agency", "customs bureau")
VERBS = ("reviewed", "approved", "questioned", "cancelled", "postponed", "audited")


def paragraph(i: int) -> str:
    """An invented paragraph of five sentences, different for each i."""
    sentences = [
        f"The {BODIES[(i + j) % len(BODIES)]} of {TOWNS[(i * 3 + j) % len(TOWNS)]} {VERBS[(i * 2 + j) % len(VERBS)]} "
        f"{i * 7 + j + 2} supply contracts during the autumn session, according to minutes kept by its clerk."
        for j in range(5)
    ]
    return " ".join(sentences)


def make_pdf(paragraphs: list[str], header: str, footer: str, font: Path | None = None) -> bytes:
    """A PDF with a running header, a footer holding ``footer.format(page=, pages=)`` and the paragraphs."""

    class Report(fpdf.FPDF):  # type: ignore[misc]
        def header(self) -> None:
            self.set_font(self.body_font, size=9)
            self.cell(0, 6, header, align="C")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font(self.body_font, size=9)
            self.cell(0, 6, footer.format(page=self.page_no(), pages="{nb}"), align="C")

    pdf = Report()
    pdf.body_font = "Helvetica"
    if font is not None:
        pdf.add_font("DejaVu", fname=str(font))
        pdf.body_font = "DejaVu"
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font(pdf.body_font, size=11)
    for text in paragraphs:
        pdf.multi_cell(0, 5, text)
        pdf.ln(4)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def report() -> bytes:
    return make_pdf([paragraph(i) for i in range(12)], "The Harbour Ledger - Special Report", "Page {page} of {pages}")


def test_body_kept_in_order_and_running_lines_dropped(report: bytes) -> None:
    doc = read_bytes(report, "report.pdf")
    assert doc.media_type == "application/pdf"
    assert doc.text.split("\n\n") == [paragraph(i) for i in range(12)]  # one paragraph crosses a page break
    assert "Harbour Ledger" not in doc.text
    assert "Page" not in doc.text


def test_pdf_is_found_by_content_not_name(tmp_path: Path, report: bytes) -> None:
    path = tmp_path / "download.txt"
    path.write_bytes(report)
    assert read_path(path).media_type == "application/pdf"


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu Sans is needed to write Persian digits")
def test_persian_page_numbers_are_dropped() -> None:
    persian_digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

    class Footer(str):
        def format(self, *, page: int, pages: str) -> str:  # type: ignore[override]
            return str(page).translate(persian_digits)

    data = make_pdf([paragraph(i) for i in range(12)], "آزاد - European Languages", Footer(""), font=DEJAVU)
    doc = read_bytes(data, "fa.pdf")
    assert doc.text.split("\n\n") == [paragraph(i) for i in range(12)]
    assert "European" not in doc.text
    assert not any(ch in doc.text for ch in "۱۲۳")


def test_truncated_pdf_is_an_input_error(report: bytes) -> None:
    with pytest.raises(InputError, match="corrupt or unreadable PDF") as info:
        read_bytes(report[: len(report) // 2], "cut.pdf")
    assert "\n" not in str(info.value)


def test_pdf_with_only_a_header_is_an_input_error() -> None:
    with pytest.raises(InputError, match="corrupt or unreadable PDF"):
        read_bytes(b"%PDF-1.7\n%%EOF\n", "stub.pdf")


def test_encrypted_pdf_is_an_input_error() -> None:
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 5, "An invented memo that nobody should read.")
    pdf.set_encryption(owner_password="owner", user_password="reader")
    with pytest.raises(InputError, match="corrupt or unreadable PDF: it is encrypted and needs a password"):
        read_bytes(bytes(pdf.output()), "locked.pdf")


def test_pdf_without_text_layer_is_an_input_error() -> None:
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 160)  # stands in for a scanned page image
    with pytest.raises(InputError, match="no text layer"):
        read_bytes(bytes(pdf.output()), "scan.pdf")


def _page(*texts: str) -> list[Line]:
    return [Line(text, top=20.0 + 14 * i, bottom=30.0 + 14 * i) for i, text in enumerate(texts)]


def test_running_lines_repeat_on_half_the_pages_digits_aside() -> None:
    pages = [
        _page("Ledger", f"Issue {n}", f"Body line {word} of the story.", f"The {word} page ends here.", digit)
        for n, word, digit in ((4, "one", "۱"), (5, "two", "۲"), (6, "three", "۳"))
    ]
    kept = drop_running_lines(pages)
    assert [[line.text for line in page] for page in kept] == [
        ["Body line one of the story.", "The one page ends here."],
        ["Body line two of the story.", "The two page ends here."],
        ["Body line three of the story.", "The three page ends here."],
    ]


def test_a_single_page_keeps_its_lines_but_not_a_bare_page_number() -> None:
    kept = drop_running_lines([_page("Ledger", "The only page of text.", "7")])
    assert [line.text for line in kept[0]] == ["Ledger", "The only page of text."]


@pytest.mark.parametrize("text", ["9", "۱", "٣٤", "- 3 -", "Page 3 of 9", "page 12", "3 / 9", "(4)"])
def test_page_numbers(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["Page", "In 2014 the city fell.", "Chapter one", ""])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


def test_line_key_ignores_digits_in_any_script() -> None:
    assert line_key("Page 3 of 9") == line_key("page 10  of 12")
    assert line_key("صفحه ۱") == line_key("صفحه ۲۳")


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        (["an inter-", "national deal and international law"], "an international deal and international law"),
        (["a well-", "known firm"], "a well-known firm"),
        (["the years 1990-", "1995"], "the years 1990-1995"),
        (["a soft hy\u00ad", "phen"], "a soft hyphen"),
        (["a dash -", "then more"], "a dash - then more"),
        (["Ends with a capital hyphen Anti-", "Corruption Unit"], "Ends with a capital hyphen Anti-Corruption Unit"),
        (["plain", "lines"], "plain lines"),
    ],
)
def test_join_lines(lines: list[str], text: str) -> None:
    vocabulary = {w.casefold() for line in lines for w in line.replace("-", " ").split()}
    assert join_lines(lines, vocabulary) == text
