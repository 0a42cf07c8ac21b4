"""The desk's statistics report as .xlsx and .docx (DESIGN.md §1.4)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from isoqms.domain.statistics import Figures, Report
from isoqms.render.xlsx_page import print_setup

#: (label, how to read it from the figures), in the order the report prints them.
INDICATORS: tuple[tuple[str, str], ...] = (
    ("Số hồ sơ kỳ trước chuyển qua", "carried_over"),
    ("Số hồ sơ mới tiếp nhận", "received"),
    ("  – Trực tiếp", "received_direct"),
    ("  – Trực tuyến", "received_online"),
    ("  – Qua dịch vụ bưu chính công ích", "received_postal"),
    ("Tổng số hồ sơ phải giải quyết", "to_handle"),
    ("Số hồ sơ đã giải quyết", "resolved"),
    ("  – Trước hạn", "resolved_before"),
    ("  – Đúng hạn", "resolved_on_time"),
    ("  – Quá hạn", "resolved_late"),
    ("      Quá hạn, đúng ngày hẹn lại (có văn bản xin lỗi)", "late_new_appointment_kept"),
    ("      Quá hạn, trễ cả ngày hẹn lại", "late_new_appointment_missed"),
    ("Số hồ sơ dừng giải quyết", "stopped"),
    ("Số hồ sơ bị hủy (công dân rút)", "cancelled"),
    ("Số hồ sơ đã trả kết quả", "returned"),
    ("Số hồ sơ đang giải quyết, chưa đến hạn", "open_not_due"),
    ("Số hồ sơ đang giải quyết, đã quá hạn", "open_overdue"),
    ("Tỷ lệ giải quyết trước và đúng hạn (%)", "on_time_rate"),
    ("Tỷ lệ giải quyết quá hạn (%)", "late_rate"),
    ("Tỷ lệ hồ sơ trực tuyến (%)", "online_share"),
    ("Tỷ lệ hồ sơ qua bưu chính công ích (%)", "postal_share"),
    ("Số hồ sơ có phản ánh hoặc không hài lòng", "dissatisfied"),
    ("Tỷ lệ hài lòng (%)", "satisfaction_rate"),
)

#: Columns of the breakdown table (by field or by procedure).
BREAKDOWN: tuple[tuple[str, str], ...] = (
    ("Kỳ trước chuyển qua", "carried_over"),
    ("Mới tiếp nhận", "received"),
    ("Trực tuyến", "received_online"),
    ("Bưu chính", "received_postal"),
    ("Trước hạn", "resolved_before"),
    ("Đúng hạn", "resolved_on_time"),
    ("Quá hạn", "resolved_late"),
    ("Chưa đến hạn", "open_not_due"),
    ("Quá hạn chưa giải quyết", "open_overdue"),
    ("Đúng hạn (%)", "on_time_rate"),
    ("Hài lòng (%)", "satisfaction_rate"),
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
    from openpyxl.styles import Font

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
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_docx(doc: ReportDoc) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    section = document.sections[0]
    if doc.report.by:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.add_run(doc.unit.upper()).bold = True
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(doc.title).bold = True
    period = document.add_paragraph(f"Kỳ báo cáo: {doc.report.period.label}")
    period.alignment = WD_ALIGN_PARAGRAPH.CENTER

    document.add_paragraph().add_run("I. Số liệu tổng hợp").bold = True
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = "Chỉ tiêu"
    table.rows[0].cells[1].text = "Số liệu"
    for label, key in INDICATORS:
        cells = table.add_row().cells
        cells[0].text = label.strip()
        cells[1].text = shown(value(doc.report.total, key))
    if doc.report.by:
        document.add_paragraph().add_run(f"II. Theo {doc.by_label.lower()}").bold = True
        columns = [doc.by_label] + [label for label, _ in BREAKDOWN]
        detail = document.add_table(rows=1, cols=len(columns))
        detail.style = "Table Grid"
        for cell, text in zip(detail.rows[0].cells, columns, strict=True):
            cell.text = text
        for row in doc.report.rows:
            label = f"{row.label} ({row.key})" if doc.report.by == "procedure" else row.label
            values = [label] + [shown(value(row.figures, k)) for _, k in BREAKDOWN]
            for cell, text in zip(detail.add_row().cells, values, strict=True):
                cell.text = text
    if doc.objectives:
        document.add_paragraph().add_run("III. Mục tiêu chất lượng").bold = True
        goals = document.add_table(rows=1, cols=4)
        goals.style = "Table Grid"
        for cell, text in zip(
            goals.rows[0].cells, ("Mục tiêu", "Chỉ tiêu", "Thực hiện", "Đánh giá"), strict=True
        ):
            cell.text = text
        for line in doc.objectives:
            for cell, text in zip(
                goals.add_row().cells, (line.title, line.target, line.actual, line.met), strict=True
            ):
                cell.text = text
    document.core_properties.title = f"{doc.title} — {doc.report.period.label}"
    document.core_properties.author = "isoqms"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
