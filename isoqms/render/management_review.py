"""The management review's input report (Báo cáo đầu vào xem xét của lãnh đạo): a
sign-ready .docx — national motto, number, day, the figures in tables, a table for the
meeting's decisions, the signatures."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from docx.shared import Pt

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
    #: the meeting's number when this is its record (biên bản), else the input report
    record: str = ""
    chair: str = ""


def render_review_docx(data: ReviewReport) -> bytes:
    doc = official.new_document(f"Báo cáo xem xét của lãnh đạo năm {data.year}", 13, 3)
    official.head(doc, ((data.authority.upper(), True), ("BAN CHỈ ĐẠO ISO", True)))
    kind = "BB" if data.record else "BC"  # biên bản of the meeting, báo cáo before it
    number = official.paragraph(doc, f"Số:      /{kind}-BCĐISO", size=12)
    number.paragraph_format.space_before = Pt(6)
    official.place_and_date(doc, data.place, data.made_on)
    official.paragraph(
        doc, "BIÊN BẢN" if data.record else "BÁO CÁO", bold=True, centre=True, size=14
    )
    official.paragraph(
        doc,
        (
            f"Họp xem xét của lãnh đạo về Hệ thống quản lý chất lượng năm {data.year} "
            f"({data.record})"
            if data.record
            else f"Đầu vào xem xét của lãnh đạo về Hệ thống quản lý chất lượng năm {data.year}"
        ),
        bold=True,
        centre=True,
    )
    official.paragraph(
        doc,
        f"(Số liệu {data.period_label[:1].lower()}{data.period_label[1:]}, lấy từ phần mềm isoqms)",
        italic=True,
        centre=True,
    )
    for title, lines, headings, rows in data.sections:
        heading = official.paragraph(doc, title, bold=True)
        heading.paragraph_format.space_before = Pt(10)
        heading.paragraph_format.keep_with_next = True
        for line in lines:
            official.paragraph(doc, line)
        if headings and rows:
            official.table(doc, headings, rows)

    official.signatures(
        doc,
        (
            ("THƯ KÝ" if data.record else "NGƯỜI LẬP", data.prepared_by),
            ("CHỦ TRÌ" if data.record else "CHỦ TỊCH UBND", data.chair or data.head_name),
        ),
    )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
