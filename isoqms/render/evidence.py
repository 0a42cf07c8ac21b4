"""The evidence pack's summary: an A4 PDF of titled tables (history, signatures,
distribution and acknowledgements, print log, integrity), from frozen rows."""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from isoqms.render import fonts
from isoqms.render.footer import page_footer


@dataclass(frozen=True)
class Section:
    title: str
    columns: tuple[str, ...]
    shares: tuple[float, ...]  # of the printable width, one per column
    rows: tuple[tuple[str, ...], ...]
    empty: str = "Không có."


@dataclass(frozen=True)
class Summary:
    title: str  # "HỒ SƠ CHỨNG CỨ — QT-HT-01"
    unit: str
    facts: tuple[tuple[str, str], ...]  # label, value: what the pack covers, who made it, when
    sections: tuple[Section, ...]


def split_hash(digest: str) -> str:
    """A 64-hex hash on two lines, so a table cell can hold it."""
    return f"{digest[:32]}\n{digest[32:]}" if len(digest) == 64 else digest


def _cell(text: str) -> str:
    # the embedded serif font has no arrow glyph: "before → after" is written "before ⇒"
    # in no font either, so as plain "->"
    return escape(text.replace("→", "->")).replace("\n", "<br/>")


def to_pdf(summary: Summary) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    fonts.register()
    body = ParagraphStyle("b", fontName=fonts.SERIF, fontSize=8, leading=10)
    head = ParagraphStyle("h", parent=body, fontName=fonts.SERIF_BOLD, alignment=1)
    title = ParagraphStyle(
        "t", parent=body, fontName=fonts.SERIF_BOLD, fontSize=14, leading=18, alignment=1
    )
    section = ParagraphStyle(
        "s", parent=body, fontName=fonts.SERIF_BOLD, fontSize=11, leading=14, spaceBefore=8
    )
    fact = ParagraphStyle("f", parent=body, fontSize=9.5, leading=12.5)
    page_size = A4
    width = page_size[0] - 24 * mm
    out = io.BytesIO()

    footer = page_footer(
        lambda page: f"{summary.title} — Trang {page}", page_size[0], right=12 * mm, bottom=7 * mm
    )

    template = SimpleDocTemplate(
        out,
        pagesize=page_size,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=summary.title,
        author="isoqms",
    )
    story: list[object] = [
        Paragraph(_cell(summary.unit), fact),
        Paragraph(_cell(summary.title), title),
    ]
    for label, value in summary.facts:
        story.append(Paragraph(f"<b>{_cell(label)}:</b> {_cell(value)}", fact))
    for part in summary.sections:
        story.append(Paragraph(_cell(part.title), section))
        if not part.rows:
            story.append(Paragraph(_cell(part.empty), fact))
            continue
        data: list[list[object]] = [[Paragraph(_cell(c), head) for c in part.columns]]
        data += [[Paragraph(_cell(v), body) for v in row] for row in part.rows]
        table = LongTable(data, colWidths=[width * s for s in part.shares], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        story += [Spacer(1, 2 * mm), table]
    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
