"""Render samples/articles/02_audit_relief_accounts.txt as a PDF (fpdf2, core font).

The PDF exercises the PDF reader and the cleaning of running headers and
page footers; regenerate it with `python samples/make_pdf.py` after editing
the text. Needs `pip install fpdf2`.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "articles" / "02_audit_relief_accounts.txt"
TARGET = SOURCE.with_suffix(".pdf")

RUNNING_HEADER = "Continental Wire | Karvesh Service"  # listed as boilerplate in expected.json


class WirePDF(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, RUNNING_HEADER, align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")


def is_heading(line: str) -> bool:
    # Same convention as the text samples: a short line with no final punctuation.
    return len(line) < 40 and not line.rstrip().endswith((".", ":", "?", "!", '"'))


def main() -> None:
    blocks = [b.strip() for b in SOURCE.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    title, meta, *paragraphs = blocks
    pdf = WirePDF(format=(148, 210))  # A5, in mm
    pdf.set_title(title)
    pdf.set_author(meta.splitlines()[0].removeprefix("By "))
    pdf.set_margins(16, 14, 16)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 9)
    for line in meta.splitlines():
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for para in paragraphs:
        if is_heading(para):
            pdf.ln(1)
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, para, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.output(str(TARGET))
    print(f"wrote {TARGET.relative_to(HERE.parent)} ({pdf.page_no()} pages)")


if __name__ == "__main__":
    main()
