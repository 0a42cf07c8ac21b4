"""The management review's input report (Báo cáo đầu vào xem xét của lãnh đạo): a
sign-ready .docx — national motto, number, day, the figures in tables, a table for the
meeting's decisions, the signatures."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt


@dataclass(frozen=True)
class ReviewReport:
    authority: str  # UBND XÃ BÌNH MINH
    place: str
    year: int
    period_label: str
    made_on: dt.date
    #: (heading, intro lines, table headings, table rows) in order
    sections: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[tuple[str, ...], ...]], ...]
    prepared_by: str  # the secretary's name
    head_name: str


def _para(doc: object, text: str, *, bold: bool = False, centre: bool = False,
          italic: bool = False, size: int = 0) -> object:  # fmt: skip
    paragraph = doc.add_paragraph()  # type: ignore[attr-defined]
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return paragraph


#: The width the tables share (A4 less the margins).
TEXT_WIDTH_MM = 160


def _widths(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> list[float]:
    """Column widths in millimetres: each column at least as wide as its longest word
    (so "PH-2026-01" or a date never breaks), the rest shared after the longest text."""
    columns = [[h, *(r[i] for r in rows)] for i, h in enumerate(headings)]
    floor = [
        4 + 2.1 * max((len(w) for text in col for w in text.split()), default=2) for col in columns
    ]
    longest = [min(60, max(len(text) for text in col)) for col in columns]
    spare = max(0.0, TEXT_WIDTH_MM - sum(floor))
    weight = sum(longest) or 1
    return [f + spare * n / weight for f, n in zip(floor, longest, strict=True)]


def _table(doc: object, headings: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(headings))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.autofit = False
    widths = [Mm(w) for w in _widths(headings, rows)]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(11)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).font.size = Pt(11)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def render_review_docx(data: ReviewReport) -> bytes:
    doc = Document()
    doc.core_properties.title = f"Báo cáo xem xét của lãnh đạo năm {data.year}"
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    normal.paragraph_format.space_after = Pt(3)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)

    head = doc.add_table(rows=2, cols=2)
    head.autofit = False
    widths = (Mm(60), Mm(100))
    for column, width in zip(head.columns, widths, strict=True):
        column.width = width
    texts = (
        ((data.authority.upper(), True), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True)),
        (("BAN CHỈ ĐẠO ISO", True), ("Độc lập - Tự do - Hạnh phúc", True)),
    )
    for row, pair in zip(head.rows, texts, strict=True):
        for cell, width, (text, bold) in zip(row.cells, widths, pair, strict=True):
            cell.width = width
            cell.text = ""
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(text)
            run.bold = bold
            run.font.size = Pt(12)
    number = _para(doc, "Số:      /BC-BCĐISO", size=12)
    number.paragraph_format.space_before = Pt(6)  # type: ignore[attr-defined]
    day = data.made_on
    place = _para(
        doc, f"{data.place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}",
        italic=True,
    )  # fmt: skip
    place.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # type: ignore[attr-defined]
    _para(doc, "BÁO CÁO", bold=True, centre=True, size=14)
    _para(
        doc,
        f"Đầu vào xem xét của lãnh đạo về Hệ thống quản lý chất lượng năm {data.year}",
        bold=True,
        centre=True,
    )
    _para(doc, f"(Số liệu {data.period_label}, lấy từ phần mềm isoqms)", italic=True, centre=True)
    for title, lines, headings, rows in data.sections:
        heading = _para(doc, title, bold=True)
        heading.paragraph_format.space_before = Pt(10)  # type: ignore[attr-defined]
        heading.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
        for line in lines:
            _para(doc, line)
        if headings and rows:
            _table(doc, headings, rows)

    sign = doc.add_table(rows=1, cols=2)
    sign.autofit = False
    for column in sign.columns:
        column.width = Mm(80)
    for cell, (role, name) in zip(
        sign.rows[0].cells,
        (("NGƯỜI LẬP", data.prepared_by), ("CHỦ TỊCH UBND", data.head_name)),
        strict=True,
    ):
        cell.width = Mm(80)
        cell.text = ""
        title = cell.paragraphs[0]
        title.paragraph_format.space_before = Pt(12)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.add_run(role).bold = True
        room = cell.add_paragraph()
        room.paragraph_format.space_before = Mm(22)
        signer = cell.add_paragraph()
        signer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        signer.add_run(name).bold = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
