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
from isoqms.render.xlsx_page import print_setup, wrapped_lines

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
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"Sổ {doc.book:02d}-{doc.year}"
    # about what an A4 landscape page holds at a legible size; long texts wrap
    widths = [max(6.0, 190 * share) for share in SHARES]
    widths[1], widths[2] = 27.0, 22.0  # a dossier code whole on one line; the name wraps
    for letter, width in zip("ABCDEFGHIJKLMN", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append([doc.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([doc.subtitle])
    columns = list(doc.form.texts["columns"])
    sheet.append(columns)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.row_dimensions[3].height = 15 * max(
        wrapped_lines(str(c), w) for c, w in zip(columns, widths, strict=False)
    )
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in doc.rows:
        values = cells(row)
        sheet.append(values)
        number = sheet.max_row
        for cell in sheet[number]:
            cell.alignment = wrap
        sheet.row_dimensions[number].height = 15 * max(
            wrapped_lines(str(v), w) for v, w in zip(values, widths, strict=True)
        )
    print_setup(sheet, title_rows=(3, 3), footer=f"{doc.title} {doc.book:02d}/{doc.year}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


#: The PDF's columns in millimetres on an A4 landscape page (277 mm between margins),
#: the code's set apart: STT, name of the procedure, sets, applicant, address and phone,
#: agency, five times (date over time), signature, note. The procedure's name gets the
#: room so that a row stays within four or five lines and a page holds 12 or more.
_PDF_MM = (7.0, 0.0, 60.0, 10.0, 24.0, 23.0, 20.0, 15.0, 15.0, 15.0, 15.0, 15.0, 11.0, 22.0)


def pdf_widths(width: float, code: float) -> list[float]:
    """Column widths in points for a page ``width`` wide with the code column ``code``
    wide; the procedure's column takes what is left over or gives what is missing."""
    from reportlab.lib.units import mm

    widths = [w * mm for w in _PDF_MM]
    widths[1] = code
    widths[2] += width - sum(widths)
    return widths


def _two_lines(value: str | int) -> str:
    """ "07:05 28/10/2026" as the date over the time, so a column stays narrow."""
    text = str(value)
    if len(text) == 16 and text[2] == ":":
        return f"{text[6:]}\n{text[:5]}"
    return text


def to_pdf(doc: LedgerDoc) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

    fonts.register()
    body = ParagraphStyle("b", fontName=fonts.SERIF, fontSize=7, leading=8.2)
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
    rows = [cells(row) for row in doc.rows]
    # the dossier code whole on one line: its column as wide as the longest code
    code = max((stringWidth(str(r[1]), fonts.SERIF, body.fontSize) for r in rows), default=0)
    widths = pdf_widths(width, max(code + 5, 25 * mm))  # an empty book keeps its heading
    data: list[list[object]] = [[Paragraph(escape(c), head) for c in doc.form.texts["columns"]]]
    for values in rows:
        values[7:12] = [_two_lines(v) for v in values[7:12]]
        data.append([Paragraph(escape(str(v)).replace("\n", "<br/>"), body) for v in values])
    if len(data) == 1:
        data.append([Paragraph("", body) for _ in SHARES])
    table = LongTable(data, colWidths=widths, repeatRows=1)
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
