"""The per-procedure process document (quy trình giải quyết TTHC) as .docx, in the
Vietnamese layout: header block (Mã hiệu, Lần ban hành, Ngày hiệu lực, Trang x/y), the
Soạn thảo | Xem xét | Phê duyệt block, the change-history page (Trang theo dõi sửa đổi)
and the sections of DESIGN.md §1.5, generated from the procedure's structured content."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from isoqms.domain.procedure import ProcedureContent
from isoqms.render.ooxml import stable_zip


@dataclass(frozen=True)
class Signer:
    meaning: str  # Soạn thảo / Xem xét / Phê duyệt
    name: str
    title: str
    date: dt.date | None


@dataclass(frozen=True)
class HistoryLine:
    revision: str  # "01" or "02.1"
    places: str
    summary: str
    date: dt.date | None


@dataclass(frozen=True)
class ProcessDocument:
    authority: str  # UBND XÃ BÌNH MINH
    code: str
    title: str
    issue: int
    amendment: int
    effective_from: dt.date | None
    procedure_code: str
    procedure_name: str
    field: str
    content: ProcedureContent
    signers: tuple[Signer, ...]
    history: tuple[HistoryLine, ...]
    forms: tuple[tuple[str, str], ...]  # (code, name)


def _field(paragraph: object, instruction: str) -> None:
    run = paragraph.add_run()  # type: ignore[attr-defined]
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(end)


def _cell(cell: object, text: str, *, bold: bool = False, centre: bool = True) -> None:
    cell.text = ""  # type: ignore[attr-defined]
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold


def render_process_docx(doc_data: ProcessDocument) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)

    # header block on every page: authority | title | code, issue, date, page
    header = section.header
    table = header.add_table(rows=1, cols=3, width=Mm(160))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell(table.cell(0, 0), doc_data.authority.upper(), bold=True)
    _cell(table.cell(0, 1), doc_data.title.upper(), bold=True)
    info = table.cell(0, 2)
    effective = f"{doc_data.effective_from:%d/%m/%Y}" if doc_data.effective_from else "…/…/…"
    info.text = ""
    lines = [
        f"Mã hiệu: {doc_data.code}",
        f"Lần ban hành: {doc_data.issue:02d}"
        + (f" (sửa đổi {doc_data.amendment})" if doc_data.amendment else ""),
        f"Ngày hiệu lực: {effective}",
    ]
    for i, line in enumerate(lines):
        paragraph = info.paragraphs[0] if i == 0 else info.add_paragraph()
        paragraph.add_run(line).font.size = Pt(10)
    page = info.add_paragraph()
    page.add_run("Trang: ").font.size = Pt(10)
    _field(page, "PAGE")
    page.add_run("/")
    _field(page, "NUMPAGES")

    # first page: signature block
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(doc_data.title.upper())
    run.bold = True
    run.font.size = Pt(15)
    doc.add_paragraph(
        f"(Thủ tục {doc_data.procedure_code}: {doc_data.procedure_name})"
    ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    signatures = doc.add_table(rows=5, cols=4)
    signatures.style = "Table Grid"
    by_meaning = {s.meaning: s for s in doc_data.signers}
    _cell(signatures.cell(0, 0), "", bold=True)
    for col, meaning in enumerate(("Soạn thảo", "Xem xét", "Phê duyệt"), start=1):
        signer = by_meaning.get(meaning)
        _cell(signatures.cell(0, col), meaning.upper(), bold=True)
        _cell(signatures.cell(1, col), "" if signer is None else "(đã ký điện tử)")
        _cell(signatures.cell(2, col), signer.name if signer else "")
        _cell(signatures.cell(3, col), signer.title if signer else "")
        _cell(signatures.cell(4, col), f"{signer.date:%d/%m/%Y}" if signer and signer.date else "")
    for row, label in enumerate(("", "Chữ ký", "Họ và tên", "Chức vụ", "Ngày")):
        _cell(signatures.cell(row, 0), label, bold=True, centre=False)

    # change-history page
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run("TRANG THEO DÕI SỬA ĐỔI TÀI LIỆU").bold = True
    history = doc.add_table(rows=1, cols=5)
    history.style = "Table Grid"
    for col, text in enumerate(
        ("STT", "Lần sửa đổi", "Vị trí / trang", "Nội dung sửa đổi", "Ngày")
    ):
        _cell(history.cell(0, col), text, bold=True)
    for i, entry in enumerate(doc_data.history, start=1):
        cells = history.add_row().cells
        for col, text in enumerate(
            (
                str(i),
                entry.revision,
                entry.places,
                entry.summary,
                f"{entry.date:%d/%m/%Y}" if entry.date else "",
            )
        ):
            _cell(cells[col], text, centre=col != 3)

    # the sections
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    content = doc_data.content

    def section_heading(text: str) -> None:
        doc.add_paragraph().add_run(text).bold = True

    section_heading("1. MỤC ĐÍCH")
    doc.add_paragraph(
        f"Quy định trình tự, thời hạn, trách nhiệm giải quyết thủ tục "
        f"{_without_kind(doc_data.procedure_name)} bảo đảm đúng pháp luật, đúng hẹn."
    )
    section_heading("2. PHẠM VI")
    doc.add_paragraph(
        f"Áp dụng đối với thủ tục {doc_data.procedure_code} thuộc lĩnh vực "
        f"{doc_data.field} tại {doc_data.authority}."
    )
    section_heading("3. TÀI LIỆU VIỆN DẪN")
    for basis in content.legal_basis:
        doc.add_paragraph(f"- {basis}")
    section_heading("4. ĐỊNH NGHĨA / VIẾT TẮT")
    doc.add_paragraph("TTHC: Thủ tục hành chính; UBND: Ủy ban nhân dân; CCTN: Công chức tiếp nhận.")
    section_heading("5. NỘI DUNG QUY TRÌNH")
    doc.add_paragraph(f"5.1. Điều kiện thực hiện: {content.conditions or 'Không'}")
    doc.add_paragraph("5.2. Thành phần hồ sơ:")
    papers = doc.add_table(rows=1, cols=3)
    papers.style = "Table Grid"
    for col, text in enumerate(("TT", "Thành phần hồ sơ", "Số lượng")):
        _cell(papers.cell(0, col), text, bold=True)
    for i, paper in enumerate(content.papers, start=1):
        cells = papers.add_row().cells
        name = paper.name + ("" if paper.required else " (nếu có)")
        for col, text in enumerate((str(i), name, paper.quantity_text())):
            _cell(cells[col], text, centre=col != 1)
    doc.add_paragraph(f"5.3. Số lượng hồ sơ: {content.sets:02d} bộ")
    doc.add_paragraph(f"5.4. Thời hạn giải quyết: {content.duration_text}")
    doc.add_paragraph(f"5.5. Nơi tiếp nhận và trả kết quả: {content.where}")
    doc.add_paragraph(f"5.6. Phí, lệ phí: {content.fee or 'Không'}")
    doc.add_paragraph(f"5.7. Kết quả giải quyết: {content.result}")
    doc.add_paragraph("5.8. Quy trình xử lý công việc:")
    steps = doc.add_table(rows=1, cols=5)
    steps.style = "Table Grid"
    for col, text in enumerate(
        ("Bước", "Nội dung công việc", "Trách nhiệm", "Thời gian", "Biểu mẫu/Kết quả")
    ):
        _cell(steps.cell(0, col), text, bold=True)
    for step in content.steps:
        cells = steps.add_row().cells
        for col, text in enumerate(
            (f"B{step.no}", step.work, step.responsible, step.time, step.result)
        ):
            _cell(cells[col], text, centre=col in (0, 3))
    section_heading("6. BIỂU MẪU")
    for code, name in doc_data.forms:
        doc.add_paragraph(f"- {code}: {name}")
    section_heading("7. HỒ SƠ CẦN LƯU")
    doc.add_paragraph(
        "Hồ sơ đã giải quyết, Phiếu kiểm soát quá trình giải quyết hồ sơ, "
        "Sổ theo dõi hồ sơ; lưu theo Danh mục hồ sơ của đơn vị."
    )
    doc.add_section(WD_SECTION.CONTINUOUS)
    doc.core_properties.title = doc_data.title
    doc.core_properties.subject = f"{doc_data.code} lần ban hành {doc_data.issue:02d}"
    doc.core_properties.author = "isoqms"
    doc.core_properties.last_modified_by = "isoqms"
    doc.core_properties.revision = doc_data.issue
    out = io.BytesIO()
    doc.save(out)
    return stable_zip(out.getvalue())


def _without_kind(name: str) -> str:
    """A procedure's name as it reads after the words "thủ tục" in a sentence: the portal's
    names often begin with "Thủ tục …" themselves ("thủ tục Thủ tục …"), and a name's
    capital first letter is lowered (not an acronym's: "UBND …")."""
    rest = name.strip()
    for prefix in ("thủ tục hành chính ", "thủ tục "):
        if rest.casefold().startswith(prefix) and len(rest) > len(prefix):
            rest = rest[len(prefix) :].lstrip()
            break
    if rest[:1].isupper() and rest[1:2].islower():
        rest = rest[:1].lower() + rest[1:]
    return rest
