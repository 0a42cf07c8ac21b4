"""The registers (Danh mục tài liệu nội bộ, Danh mục tài liệu bên ngoài, Danh mục hồ sơ)
as .xlsx, .docx and PDF, from frozen register rows. Titles and column headings come from
the register forms in force (BM-KSTL-01, BM-KSTL-02, BM-KSHS-01) when given."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from isoqms.render import fonts
from isoqms.render.xlsx_page import print_setup

INTERNAL_COLUMNS = (
    "STT",
    "Mã hiệu",
    "Tên tài liệu",
    "Loại",
    "Lần ban hành",
    "Ngày hiệu lực",
    "Tình trạng",
)
EXTERNAL_COLUMNS = (
    "STT",
    "Số, ký hiệu",
    "Tên văn bản",
    "Cơ quan ban hành",
    "Ngày hiệu lực",
    "Tình trạng",
)
RECORD_COLUMNS = (
    "STT",
    "Tên hồ sơ",
    "Thuộc tài liệu",
    "Nơi lưu / trách nhiệm lưu",
    "Thời gian lưu",
    "Hình thức lưu",
    "Ghi chú",
)
#: Column widths as shares of the printable width, per table.
SHARES = {
    "internal": (0.05, 0.14, 0.37, 0.16, 0.09, 0.09, 0.10),
    "external": (0.05, 0.15, 0.42, 0.18, 0.09, 0.11),
    "records": (0.05, 0.30, 0.12, 0.20, 0.09, 0.10, 0.14),
}


@dataclass(frozen=True)
class Heading:
    """A register's title, columns and the code of the form it is printed on."""

    title: str
    columns: tuple[str, ...]
    form_code: str = ""


DEFAULT_HEADINGS = {
    "internal": Heading("DANH MỤC TÀI LIỆU NỘI BỘ", INTERNAL_COLUMNS),
    "external": Heading("DANH MỤC TÀI LIỆU BÊN NGOÀI", EXTERNAL_COLUMNS),
    "records": Heading("DANH MỤC HỒ SƠ", RECORD_COLUMNS),
}


@dataclass(frozen=True)
class RegisterLine:
    code: str
    title: str
    kind_label: str
    issue: str
    effective: str
    standing: str
    issuer: str = ""


@dataclass(frozen=True)
class RecordLine:
    name: str
    document: str
    keeper: str
    retention: str
    medium: str
    note: str = ""


@dataclass(frozen=True)
class RegisterTable:
    key: str
    heading: Heading
    rows: list[list[str]]


@dataclass(frozen=True)
class Registers:
    unit: str
    day: dt.date
    internal: tuple[RegisterLine, ...]
    external: tuple[RegisterLine, ...]
    records: tuple[RecordLine, ...] = ()
    headings: tuple[tuple[str, Heading], ...] = ()

    def heading(self, key: str) -> Heading:
        found = dict(self.headings).get(key)
        default = DEFAULT_HEADINGS[key]
        if found is None or len(found.columns) != len(default.columns):
            return default
        return found

    def tables(self) -> list[RegisterTable]:
        internal = [
            [str(i), r.code, r.title, r.kind_label, r.issue, r.effective, r.standing]
            for i, r in enumerate(self.internal, start=1)
        ]
        external = [
            [str(i), r.code, r.title, r.issuer, r.effective, r.standing]
            for i, r in enumerate(self.external, start=1)
        ]
        records = [
            [str(i), r.name, r.document, r.keeper, r.retention, r.medium, r.note]
            for i, r in enumerate(self.records, start=1)
        ]
        return [
            RegisterTable("internal", self.heading("internal"), internal),
            RegisterTable("external", self.heading("external"), external),
            RegisterTable("records", self.heading("records"), records),
        ]

    @property
    def subtitle(self) -> str:
        return f"{self.unit} — tình trạng tại ngày {self.day:%d/%m/%Y}"


def _subtitle(registers: Registers, table: RegisterTable) -> str:
    form = f" — {table.heading.form_code}" if table.heading.form_code else ""
    return registers.subtitle + form


def to_xlsx(registers: Registers) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    for table in registers.tables():
        title = table.heading.title
        sheet = book.create_sheet(title.title()[:31])
        sheet.append([title])
        sheet.append([_subtitle(registers, table)])
        sheet.append(list(table.heading.columns))
        for row in table.rows:
            sheet.append(row)
        sheet["A1"].font = Font(bold=True, size=13)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        widths = [max(6.0, 170 * share) for share in SHARES[table.key]]
        for letter, width in zip("ABCDEFG", widths, strict=False):
            sheet.column_dimensions[letter].width = width
        for row in sheet.iter_rows(min_row=4):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        print_setup(sheet, title_rows=(3, 3), footer=title)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_docx(registers: Registers) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for i, register in enumerate(registers.tables()):
        if i:
            doc.add_page_break()
        heading = doc.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        heading.add_run(register.heading.title).bold = True
        subtitle = _subtitle(registers, register)
        doc.add_paragraph(subtitle).alignment = WD_ALIGN_PARAGRAPH.CENTER
        columns = register.heading.columns
        table = doc.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, columns, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row in register.rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
    doc.core_properties.title = "Danh mục tài liệu"
    doc.core_properties.author = "isoqms"
    doc.core_properties.last_modified_by = "isoqms"
    doc.core_properties.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_pdf(registers: Registers) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Table,
        TableStyle,
    )

    fonts.register()
    body = ParagraphStyle("b", fontName=fonts.SERIF, fontSize=9, leading=11)
    bold = ParagraphStyle(
        "h", parent=body, fontName=fonts.SERIF_BOLD, fontSize=13, leading=17, alignment=1
    )
    centre = ParagraphStyle("c", parent=body, alignment=1)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title="Danh mục tài liệu",
        author="isoqms",
    )
    story: list[object] = []
    width = landscape(A4)[0] - 24 * mm
    for i, register in enumerate(registers.tables()):
        if i:
            story.append(PageBreak())
        story += [
            Paragraph(escape(register.heading.title), bold),
            Paragraph(escape(_subtitle(registers, register)), centre),
        ]
        data = [[Paragraph(f"<b>{escape(c)}</b>", body) for c in register.heading.columns]]
        data += [[Paragraph(escape(v), body) for v in row] for row in register.rows]
        table = Table(data, colWidths=[width * s for s in SHARES[register.key]], repeatRows=1)
        table.setStyle(
            TableStyle(
                [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            )
        )
        story.append(table)
    doc.build(story)
    return out.getvalue()
