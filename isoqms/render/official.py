"""What a commune's official Word documents share: A4 in Times New Roman with the usual
margins, the two-column head (the authority on the left, the national motto on the
right), the place and date line, paragraphs set in one call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
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


def head(
    doc: Any, left: tuple[tuple[str, bool], tuple[str, bool]], text_width: float = 160
) -> None:
    """The head table: ``left`` (text, bold) in two lines beside the national motto, across
    ``text_width`` millimetres (a landscape page's is wider)."""
    table = doc.add_table(rows=2, cols=2)
    table.autofit = False
    widths = (Mm(text_width * 0.375), Mm(text_width * 0.625))
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


#: The width the tables share (A4 less the margins).
TEXT_WIDTH_MM = 160


def widths(
    headings: Sequence[str], rows: Sequence[Sequence[str]], text_width: float = TEXT_WIDTH_MM
) -> list[float]:
    """Column widths in millimetres: each column at least as wide as its longest word
    (so "PH-2026-01" or a date never breaks), the rest shared after the longest text."""
    columns = [[h, *(r[i] for r in rows)] for i, h in enumerate(headings)]
    floor = [
        4 + 2.1 * max((len(w) for text in col for w in text.split()), default=2) for col in columns
    ]
    longest = [min(60, max(len(text) for text in col)) for col in columns]
    spare = max(0.0, text_width - sum(floor))
    weight = sum(longest) or 1
    return [f + spare * n / weight for f, n in zip(floor, longest, strict=True)]


def table(
    doc: Any,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    text_width: float = TEXT_WIDTH_MM,
) -> None:
    """A gridded table, its heading row bold, its columns sized to their content."""
    grid = doc.add_table(rows=1, cols=len(headings))
    grid.style = "Table Grid"
    grid.autofit = False
    sizes = [Mm(w) for w in widths(headings, rows, text_width)]
    for column, width in zip(grid.columns, sizes, strict=True):
        column.width = width
    for cell, text in zip(grid.rows[0].cells, headings, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(11)
    for values in rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).font.size = Pt(11)
    for row in grid.rows:
        for cell, width in zip(row.cells, sizes, strict=True):
            cell.width = width


def signatures(doc: Any, signers: Sequence[tuple[str, str]]) -> None:
    """The signature block: for each (title, name) side by side, the title, room to sign
    (22 mm) and the name."""
    width = Mm(160 / max(1, len(signers)))
    sign = doc.add_table(rows=1, cols=len(signers))
    sign.autofit = False
    for column in sign.columns:
        column.width = width
    for cell, (role, name) in zip(sign.rows[0].cells, signers, strict=True):
        cell.width = width
        cell.text = ""
        title = cell.paragraphs[0]
        title.paragraph_format.space_before = Pt(12)
        title.paragraph_format.keep_with_next = True
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.add_run(role).bold = True
        room = cell.add_paragraph()
        room.paragraph_format.space_before = Mm(22)
        room.paragraph_format.keep_with_next = True
        signer = cell.add_paragraph()
        signer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        signer.add_run(name).bold = True
