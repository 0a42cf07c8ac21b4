"""The distribution sign-sheet (danh sách phân phối, ký nhận) of a document revision."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from isoqms.render import fonts


@dataclass(frozen=True)
class CopyLine:
    copy_no: int
    holder: str
    distributed: dt.date
    acknowledged: str  # name and date, or "" to sign by hand


@dataclass(frozen=True)
class SignSheet:
    authority: str
    code: str
    title: str
    issue: str
    effective: str
    copies: tuple[CopyLine, ...]


def sign_sheet_pdf(sheet: SignSheet) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    fonts.register()
    body = ParagraphStyle("b", fontName=fonts.SERIF, fontSize=10.5, leading=14)
    centre = ParagraphStyle("c", parent=body, alignment=1)
    title = ParagraphStyle("t", parent=centre, fontName=fonts.SERIF_BOLD, fontSize=13, leading=18)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"Danh sách phân phối {sheet.code}",
        author="isoqms",
    )
    rows: list[list[object]] = [
        [
            Paragraph(f"<b>{h}</b>", centre)
            for h in ("STT", "Bản số", "Người / nơi nhận", "Ngày nhận", "Ký nhận")
        ]
    ]
    for i, copy in enumerate(sheet.copies, start=1):
        rows.append(
            [
                Paragraph(str(i), centre),
                Paragraph(f"{copy.copy_no:02d}", centre),
                Paragraph(escape(copy.holder), body),
                Paragraph(f"{copy.distributed:%d/%m/%Y}", centre),
                Paragraph(escape(copy.acknowledged), body),
            ]
        )
    width = A4[0] - 35 * mm
    table = Table(
        rows,
        colWidths=[width * s for s in (0.07, 0.09, 0.42, 0.14, 0.28)],
        repeatRows=1,
        minRowHeights=[0] + [12 * mm] * len(sheet.copies),
    )
    table.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        )
    )
    doc.build(
        [
            Paragraph(escape(sheet.authority.upper()), centre),
            Spacer(1, 4 * mm),
            Paragraph("DANH SÁCH PHÂN PHỐI TÀI LIỆU", title),
            Paragraph(f"{escape(sheet.code)} — {escape(sheet.title)}", centre),
            Paragraph(
                f"Lần ban hành: {escape(sheet.issue)} · Ngày hiệu lực: {escape(sheet.effective)}",
                centre,
            ),
            Spacer(1, 5 * mm),
            table,
        ]
    )
    return out.getvalue()
