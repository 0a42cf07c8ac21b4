"""The desk's statistics report as .xlsx and .docx (DESIGN.md §1.4)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from isoqms.domain import statistics
from isoqms.domain.statistics import METHOD, Figures, Report
from isoqms.render.xlsx_page import print_setup, wrapped_lines

#: (label, how to read it from the figures), in the order the report prints them.
INDICATORS: tuple[tuple[str, str], ...] = tuple(
    (vi, key) for key, (vi, _en) in statistics.INDICATORS.items()
)

#: Columns of the breakdown table (by field or by procedure).
BREAKDOWN: tuple[tuple[str, str], ...] = tuple(
    (vi, key) for key, (vi, _en) in statistics.BREAKDOWN.items()
)


def value(figures: Figures, key: str) -> int | float | str:
    v = getattr(figures, key)
    return "—" if v is None else v


def shown(v: int | float | str) -> str:
    if isinstance(v, float):
        return f"{v:.2f}".replace(".", ",")
    return str(v)


@dataclass(frozen=True)
class ObjectiveLine:
    title: str
    target: str
    actual: str
    met: str


@dataclass(frozen=True)
class ReportDoc:
    unit: str
    report: Report
    objectives: Sequence[ObjectiveLine] = ()
    #: the administrative report's frame (Decree 30/2020): who issues it, its number,
    #: where and when, who signs, who receives it
    authority: str = ""  # "Xã Bình Minh": printed "ỦY BAN NHÂN DÂN / XÃ BÌNH MINH"
    number: str = ""  # "" leaves "Số:      /BC-UBND" for the clerk of records
    place: str = ""
    day: dt.date | None = None
    signer_title: str = "CHỦ TỊCH"
    signer_name: str = ""
    recipients: tuple[str, ...] = (
        "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công)",
        "Chủ tịch, các Phó Chủ tịch UBND xã",
        "Ban Chỉ đạo ISO",
    )

    @property
    def title(self) -> str:
        return "BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"

    @property
    def by_label(self) -> str:
        return {"field": "Lĩnh vực", "procedure": "Thủ tục hành chính"}.get(
            self.report.by or "", ""
        )


def to_xlsx(doc: ReportDoc) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp"
    sheet.append([doc.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"{doc.unit} — Kỳ báo cáo: {doc.report.period.label}"])
    sheet.append(["Chỉ tiêu", "Số liệu"])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for label, key in INDICATORS:
        sheet.append([label, value(doc.report.total, key)])
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 14
    print_setup(sheet, title_rows=(3, 3), landscape=False, footer=doc.title)
    if doc.report.by:
        detail = book.create_sheet(f"Theo {doc.by_label.lower()}"[:31])
        header = ["Mã" if doc.report.by == "procedure" else "STT", doc.by_label]
        detail.append(header + [label for label, _ in BREAKDOWN])
        for cell in detail[1]:
            cell.font = Font(bold=True)
        for i, row in enumerate(doc.report.rows, start=1):
            first: str | int = row.key if doc.report.by == "procedure" else i
            detail.append([first, row.label] + [value(row.figures, k) for _, k in BREAKDOWN])
        detail.column_dimensions["B"].width = 50
        print_setup(detail, title_rows=(1, 1), footer=doc.title)
    if doc.objectives:
        goals = book.create_sheet("Mục tiêu chất lượng")
        goals.append(["Mục tiêu", "Chỉ tiêu", "Thực hiện", "Đánh giá"])
        for cell in goals[1]:
            cell.font = Font(bold=True)
        for line in doc.objectives:
            goals.append([line.title, line.target, line.actual, line.met])
        goals.column_dimensions["A"].width = 60
        print_setup(goals, title_rows=(1, 1), landscape=False, footer=doc.title)
    method = book.create_sheet("Cách tính")
    method.append(["Chỉ tiêu", "Cách tính"])
    for cell in method[1]:
        cell.font = Font(bold=True)
    for name, how in METHOD:
        method.append([name, how])
    method.column_dimensions["A"].width = 28
    method.column_dimensions["B"].width = 90
    for row in method.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
        row[0].alignment = Alignment(vertical="top")
        # spreadsheet programs keep a row's stored height: one line would cut the text
        method.row_dimensions[row[0].row].height = 15 * wrapped_lines(str(row[1].value), 90)
    print_setup(method, title_rows=(1, 1), landscape=False, footer=doc.title)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_docx(doc: ReportDoc) -> bytes:
    """The report as a commune signs it: the head with the national motto, number, place
    and date, title, numbered sections, the "Cách tính" note, "Nơi nhận" and the head's
    signature with the printed name (Decree 30/2020/NĐ-CP, Appendix I)."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from isoqms.render import official

    report = doc.report
    document = official.new_document(f"{doc.title} — {report.period.label}", 13, 3)
    section = document.sections[0]
    if report.by:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin, section.right_margin = Mm(20), Mm(15)
    text_width = 262 if report.by else official.TEXT_WIDTH_MM
    authority = doc.authority or doc.unit
    official.head(document, (("ỦY BAN NHÂN DÂN", True), (authority.upper(), True)), text_width)
    number = f"Số: {doc.number}" if doc.number else "Số:        /BC-UBND"
    official.paragraph(document, number, size=12).paragraph_format.space_before = Pt(6)
    official.place_and_date(document, doc.place or _place(authority), doc.day or report.period.end)
    official.paragraph(document, "BÁO CÁO", bold=True, centre=True, size=14)
    official.paragraph(
        document,
        f"Kết quả giải quyết thủ tục hành chính — {report.period.label}",
        bold=True,
        centre=True,
    )
    official.paragraph(document, f"({doc.unit})", italic=True, centre=True, size=12)

    numbers = iter(("I", "II", "III", "IV", "V", "VI"))

    def heading(title: str) -> None:
        line = official.paragraph(document, f"{next(numbers)}. {title}", bold=True)
        line.paragraph_format.space_before = Pt(10)
        line.paragraph_format.keep_with_next = True

    heading("Số liệu tổng hợp")
    official.table(
        document,
        ("Chỉ tiêu", "Số liệu"),
        tuple((label.strip(), shown(value(report.total, key))) for label, key in INDICATORS),
        official.TEXT_WIDTH_MM,
    )
    if report.by:
        heading(f"Theo {doc.by_label.lower()}")
        columns = [doc.by_label] + [label for label, _ in BREAKDOWN]
        detail = document.add_table(rows=1, cols=len(columns))
        detail.style = "Table Grid"
        for cell, text in zip(detail.rows[0].cells, columns, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in report.rows:
            label = f"{row.label} ({row.key})" if report.by == "procedure" else row.label
            values = [label] + [shown(value(row.figures, k)) for _, k in BREAKDOWN]
            for cell, text in zip(detail.add_row().cells, values, strict=True):
                cell.text = text
        for table_row in detail.rows:
            for cell in table_row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(10)
    if doc.objectives:
        heading("Mục tiêu chất lượng")
        official.table(
            document,
            ("Mục tiêu", "Chỉ tiêu", "Thực hiện", "Đánh giá"),
            tuple((g.title, g.target, g.actual, g.met) for g in doc.objectives),
        )
    heading("Cách tính")
    for name, how in METHOD:
        line = document.add_paragraph()
        line.paragraph_format.left_indent = Mm(5)
        line.add_run(f"{name}: ").bold = True
        line.add_run(how)
        for run in line.runs:
            run.font.size = Pt(11)

    # "Nơi nhận" on the left, the head's signature on the right
    width = section.page_width - section.left_margin - section.right_margin
    block = document.add_table(rows=1, cols=2)
    block.autofit = False
    halves = (int(width * 0.5), int(width * 0.5))
    for column, size in zip(block.columns, halves, strict=True):
        column.width = size
    left, right = block.rows[0].cells
    left.width, right.width = halves
    left.text = ""
    first = left.paragraphs[0]
    first.paragraph_format.space_before = Pt(12)
    received = first.add_run("Nơi nhận:")
    received.bold, received.italic = True, True
    received.font.size = Pt(12)
    for name in (*doc.recipients, "Lưu: VT."):
        item = left.add_paragraph()
        item.paragraph_format.space_after = Pt(0)
        run = item.add_run(f"- {name}{'' if name.endswith('.') else ';'}")
        run.font.size = Pt(11)
    right.text = ""
    sign = right.paragraphs[0]
    sign.paragraph_format.space_before = Pt(12)
    sign.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sign.add_run("TM. ỦY BAN NHÂN DÂN").bold = True
    role = right.add_paragraph()
    role.alignment = WD_ALIGN_PARAGRAPH.CENTER
    role.add_run(doc.signer_title).bold = True
    room = right.add_paragraph()
    room.paragraph_format.space_before = Mm(22)
    name = right.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    name.add_run(doc.signer_name or "").bold = True
    document.core_properties.author = "isoqms"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _place(authority: str) -> str:
    """ "Xã Bình Minh" → "Bình Minh", as the place line writes it."""
    for prefix in ("Xã ", "Phường ", "Thị trấn ", "Đặc khu "):
        if authority.startswith(prefix):
            return authority[len(prefix) :]
    return authority
