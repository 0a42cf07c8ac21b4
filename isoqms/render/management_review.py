"""The management review's input report (Báo cáo đầu vào xem xét của lãnh đạo): a
sign-ready .docx — national motto, number, day, the figures in tables, a table for the
meeting's decisions, the signatures."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from isoqms.render import official


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


def _table(doc: Any, headings: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(headings))
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
    doc = official.new_document(f"Báo cáo xem xét của lãnh đạo năm {data.year}", 13, 3)
    official.head(doc, ((data.authority.upper(), True), ("BAN CHỈ ĐẠO ISO", True)))
    number = official.paragraph(doc, "Số:      /BC-BCĐISO", size=12)
    number.paragraph_format.space_before = Pt(6)
    official.place_and_date(doc, data.place, data.made_on)
    official.paragraph(doc, "BÁO CÁO", bold=True, centre=True, size=14)
    official.paragraph(
        doc,
        f"Đầu vào xem xét của lãnh đạo về Hệ thống quản lý chất lượng năm {data.year}",
        bold=True,
        centre=True,
    )
    official.paragraph(
        doc, f"(Số liệu {data.period_label}, lấy từ phần mềm isoqms)", italic=True, centre=True
    )
    for title, lines, headings, rows in data.sections:
        heading = official.paragraph(doc, title, bold=True)
        heading.paragraph_format.space_before = Pt(10)
        heading.paragraph_format.keep_with_next = True
        for line in lines:
            official.paragraph(doc, line)
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
