"""The tracking book as .xlsx and as an A4 landscape PDF with page numbers."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from isoqms.domain.forms import FormTexts
from isoqms.domain.ledger import LedgerRow
from isoqms.render import fonts
from isoqms.render.footer import page_footer

#: Width shares of the 14 columns (STT … Ghi chú).
SHARES = (0.035, 0.1, 0.14, 0.04, 0.09, 0.1, 0.08, 0.06, 0.06, 0.06, 0.06, 0.06, 0.05, 0.065)


@dataclass(frozen=True)
class LedgerDoc:
    form: FormTexts
    unit: str
    year: int
    book: int
    filter_text: str
    rows: Iterable[LedgerRow]

    @property
    def title(self) -> str:
        return self.form.text("title")

    @property
    def subtitle(self) -> str:
        book = self.form.text("book", book=f"{self.book:02d}/{self.year}")
        parts = [self.unit, book, f"{self.form.code} (lần {self.form.revision})"]
        if self.filter_text:
            parts.append(self.filter_text)
        return " — ".join(p for p in parts if p)


def _when(value: dt.datetime | None) -> str:
    return f"{value:%H:%M %d/%m/%Y}" if value else ""


def cells(row: LedgerRow) -> list[str | int]:
    return [
        row.number,
        row.code,
        row.procedure,
        row.sets,
        row.applicant,
        row.address_phone,
        row.agency,
        _when(row.received_at),
        _when(row.appointment),
        _when(row.handed_over_at),
        _when(row.result_at),
        _when(row.returned_at),
        "",
        row.note,
    ]


def to_xlsx(doc: LedgerDoc) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"Sổ {doc.book:02d}-{doc.year}")
    for letter, share in zip("ABCDEFGHIJKLMN", SHARES, strict=True):
        sheet.column_dimensions[letter].width = max(6.0, 260 * share)
    title = WriteOnlyCell(sheet, doc.title)
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    sheet.append([doc.subtitle])
    header = []
    for name in doc.form.texts["columns"]:
        cell = WriteOnlyCell(sheet, name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    sheet.append(header)
    for row in doc.rows:
        sheet.append(cells(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(doc: LedgerDoc) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

    fonts.register()
    body = ParagraphStyle("b", fontName=fonts.SERIF, fontSize=7.5, leading=9)
    head = ParagraphStyle("h", parent=body, fontName=fonts.SERIF_BOLD, alignment=1)
    title = ParagraphStyle(
        "t", parent=body, fontName=fonts.SERIF_BOLD, fontSize=14, leading=18, alignment=1
    )
    centre = ParagraphStyle("c", parent=body, fontSize=9, leading=12, alignment=1)
    page_size = landscape(A4)
    out = io.BytesIO()

    footer = page_footer(
        lambda page: f"{doc.title} {doc.book:02d}/{doc.year} — Trang {page}",
        page_size[0],
        right=10 * mm,
        bottom=6 * mm,
    )

    template = SimpleDocTemplate(
        out,
        pagesize=page_size,
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=12 * mm,
        title=f"{doc.title} {doc.book:02d}/{doc.year}",
        author="isoqms",
    )
    width = page_size[0] - 20 * mm
    data: list[list[object]] = [[Paragraph(escape(c), head) for c in doc.form.texts["columns"]]]
    for row in doc.rows:
        data.append([Paragraph(escape(str(v)), body) for v in cells(row)])
    if len(data) == 1:
        data.append([Paragraph("", body) for _ in SHARES])
    table = LongTable(data, colWidths=[width * s for s in SHARES], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    story = [
        Paragraph(escape(doc.title), title),
        Paragraph(escape(doc.subtitle), centre),
        table,
    ]
    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
