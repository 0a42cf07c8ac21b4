"""What a commune's official Word documents share: A4 in Times New Roman with the usual
margins, the two-column head (the authority on the left, the national motto on the
right), the place and date line, paragraphs set in one call."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

MOTTO = (("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True), ("Độc lập - Tự do - Hạnh phúc", True))


def new_document(title: str, size: int, space_after: int) -> Any:
    doc = Document()
    doc.core_properties.title = title
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(space_after)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    return doc


def head(doc: Any, left: tuple[tuple[str, bool], tuple[str, bool]]) -> None:
    """The head table: ``left`` (text, bold) in two lines beside the national motto."""
    table = doc.add_table(rows=2, cols=2)
    table.autofit = False
    widths = (Mm(60), Mm(100))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row, pair in zip(table.rows, zip(left, MOTTO, strict=True), strict=True):
        for cell, width, (text, bold) in zip(row.cells, widths, pair, strict=True):
            cell.width = width
            cell.text = ""
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(text)
            run.bold = bold
            run.font.size = Pt(12)


def paragraph(doc: Any, text: str = "", *, bold: bool = False, centre: bool = False,
              italic: bool = False, size: int = 0) -> Any:  # fmt: skip
    out = doc.add_paragraph()
    if centre:
        out.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = out.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return out


def place_and_date(doc: Any, place: str, day: dt.date) -> None:
    line = paragraph(
        doc, f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}", italic=True
    )
    line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
