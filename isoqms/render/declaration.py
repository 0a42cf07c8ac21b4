"""The declaration of conformity (Quyết định công bố hệ thống quản lý chất lượng), on the
model of Decision 19/2014/QĐ-TTg Appendix I, with its list of procedures in scope — a
sign-ready .docx."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from isoqms.domain.iso_cycle import ScopeItem
from isoqms.render import official


@dataclass(frozen=True)
class Declaration:
    authority: str  # UBND XÃ BÌNH MINH
    place: str  # Xã Bình Minh
    number: str  # 01/QĐ-UBND
    declared_on: dt.date
    standard: str
    head_title: str  # CHỦ TỊCH
    head_name: str
    scope: tuple[ScopeItem, ...]


def render_declaration_docx(data: Declaration) -> bytes:
    doc = official.new_document(f"Quyết định {data.number}", 14, 4)
    official.head(doc, ((data.authority.upper(), True), (f"Số: {data.number}", False)))
    official.place_and_date(doc, data.place, data.declared_on)

    official.paragraph(doc, "QUYẾT ĐỊNH", bold=True, centre=True)
    official.paragraph(
        doc,
        f"Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia {data.standard}",
        bold=True,
        centre=True,
    )
    official.paragraph(
        doc, f"{data.head_title.upper()} {data.authority.upper()}", bold=True, centre=True
    )
    for line in (
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Căn cứ Quyết định số 19/2014/QĐ-TTg của Thủ tướng Chính phủ về việc áp dụng Hệ thống "
        "quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001 vào hoạt động của các cơ "
        "quan, tổ chức thuộc hệ thống hành chính nhà nước;",
        "Căn cứ Thông tư số 26/2014/TT-BKHCN của Bộ trưởng Bộ Khoa học và Công nghệ quy định "
        "chi tiết thi hành Quyết định số 19/2014/QĐ-TTg;",
        "Xét đề nghị của Ban chỉ đạo ISO,",
    ):
        official.paragraph(doc, line, italic=True)
    official.paragraph(doc, "QUYẾT ĐỊNH:", bold=True, centre=True)
    articles = (
        (
            "Điều 1. ",
            f"Công bố Hệ thống quản lý chất lượng của {data.authority} phù hợp Tiêu chuẩn quốc "
            f"gia {data.standard} đối với các hoạt động giải quyết thủ tục hành chính tại Danh "
            f"mục kèm theo Quyết định này ({len(data.scope)} thủ tục).",
        ),
        ("Điều 2. ", "Quyết định này có hiệu lực kể từ ngày ký."),
        (
            "Điều 3. ",
            "Ban chỉ đạo ISO, các công chức và bộ phận có liên quan chịu trách nhiệm thi hành "
            "Quyết định này.",
        ),
    )
    for label, text in articles:
        paragraph = doc.add_paragraph()
        paragraph.add_run(label).bold = True
        paragraph.add_run(text)

    sign = doc.add_table(rows=1, cols=2)
    for column, width in zip(sign.columns, (Mm(80), Mm(80)), strict=True):
        column.width = width
    left, right = sign.rows[0].cells
    left.text = ""
    receivers = left.paragraphs[0]
    receivers.add_run("Nơi nhận:").bold = True
    for line in (
        "- Sở Khoa học và Công nghệ (để báo cáo);",
        "- Như Điều 3;",
        "- Niêm yết tại trụ sở, đăng trang thông tin điện tử;",
        "- Lưu: VT, Ban chỉ đạo ISO.",
    ):
        run = left.add_paragraph().add_run(line)
        run.font.size = Pt(11)
    right.text = ""
    title = right.paragraphs[0]
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(data.head_title.upper()).bold = True
    note = right.add_paragraph()
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = note.add_run("(Ký tên, đóng dấu)")
    run.italic = True
    run.font.size = Pt(12)
    room = right.add_paragraph()
    room.paragraph_format.space_before = Mm(22)
    name = right.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    name.add_run(data.head_name).bold = True

    doc.add_page_break()
    official.paragraph(doc, "DANH MỤC", bold=True, centre=True)
    official.paragraph(
        doc,
        "Các thủ tục hành chính thuộc phạm vi áp dụng Hệ thống quản lý chất lượng",
        bold=True,
        centre=True,
    )
    official.paragraph(
        doc,
        f"(Kèm theo Quyết định số {data.number} ngày {data.declared_on:%d/%m/%Y})",
        italic=True,
        centre=True,
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.autofit = False
    columns = (Mm(11), Mm(25), Mm(82), Mm(42))
    for column, width in zip(table.columns, columns, strict=True):
        column.width = width
    for cell, text in zip(
        table.rows[0].cells, ("TT", "Mã TTHC", "Tên thủ tục hành chính", "Quy trình"), strict=True
    ):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(12)
    for i, item in enumerate(data.scope, start=1):
        cells = table.add_row().cells
        values = (
            str(i),
            item.procedure_code,
            item.procedure_name,
            f"{item.document_code} (lần {item.issue})",
        )
        for cell, text in zip(cells, values, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).font.size = Pt(12)
    for row in table.rows:
        for cell, width in zip(row.cells, columns, strict=True):
            cell.width = width
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
