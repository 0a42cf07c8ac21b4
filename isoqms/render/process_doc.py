"""The per-procedure process document (quy trình giải quyết TTHC) as .docx, in the
Vietnamese layout: header block (Mã hiệu, Lần ban hành, Ngày hiệu lực, Trang x/y), the
Soạn thảo | Xem xét | Phê duyệt block, the change-history page (Trang theo dõi sửa đổi)
and the sections of DESIGN.md §1.5, generated from the procedure's structured content."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
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
    draft: bool = False  # not approved yet: the header says DỰ THẢO


def _field(paragraph: object, instruction: str, size: int = 0) -> None:
    """A field (PAGE, NUMPAGES) as Word writes one: a run each for its begin, its
    instruction, the separator, a result shown until it is computed, and its end — each
    in ``size`` points, which LibreOffice takes the computed number's size from."""

    def run_with(element: object) -> None:
        run = paragraph.add_run()  # type: ignore[attr-defined]
        if size:
            run.font.size = Pt(size)
        run._r.append(element)

    def char(kind: str) -> object:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    result = OxmlElement("w:t")
    result.text = "1"
    for element in (char("begin"), text, char("separate"), result, char("end")):
        run_with(element)


def _cell(
    cell: object, text: str, *, bold: bool = False, centre: bool = True, size: int = 0
) -> None:
    cell.text = ""  # type: ignore[attr-defined]
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)


def _row_property(row: object, name: str) -> None:
    """Set a row property (``w:tblHeader``: repeated at the top of every page the table
    runs onto; ``w:cantSplit``: never broken across two pages)."""
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _table(doc: object, headings: tuple[str, ...], widths: tuple[float, ...]) -> object:
    """A bordered table whose heading row repeats on every page and whose rows stay whole."""
    table = doc.add_table(rows=1, cols=len(headings))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.autofit = False
    for col, text in enumerate(headings):
        _cell(table.cell(0, col), text, bold=True)
    _row_property(table.rows[0], "w:tblHeader")
    _row_property(table.rows[0], "w:cantSplit")
    _widths(table, widths)
    return table


def _add_row(table: object, texts: tuple[str, ...], left: tuple[int, ...] = ()) -> None:
    row = table.add_row()  # type: ignore[attr-defined]
    _row_property(row, "w:cantSplit")
    for col, text in enumerate(texts):
        _cell(row.cells[col], text, centre=col not in left)
    widths = [c.width for c in table.rows[0].cells]  # type: ignore[attr-defined]
    for cell, width in zip(row.cells, widths, strict=True):
        cell.width = width


def _widths(table: object, widths: tuple[float, ...]) -> None:
    """Column widths in the table grid (what LibreOffice lays out by) and in every cell
    (what Word lays out by)."""
    for column, width in zip(table.columns, widths, strict=True):  # type: ignore[attr-defined]
        column.width = Mm(width)
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)


#: Room to sign by hand in the signature block (the law's forms leave about 20 mm).
SIGNING_ROOM_MM = 22

#: The document identifier (core properties) of a process document this program made:
#: such a file is a rendering of the procedure content, so a print of the approved issue
#: is made again from that content, with its signers and effective date.
GENERATED_PREFIX = "isoqms:process-document:"


def is_generated(data: bytes) -> bool:
    """Whether a .docx is a process document generated by this program (never raises)."""
    import io

    try:
        identifier = Document(io.BytesIO(data)).core_properties.identifier or ""
    except Exception:  # any file the docx reader cannot open is not ours
        return False
    return identifier.startswith(GENERATED_PREFIX)


def render_process_docx(doc_data: ProcessDocument) -> bytes:
    doc = Document()
    doc.core_properties.identifier = f"{GENERATED_PREFIX}{doc_data.code}"
    doc.core_properties.title = doc_data.title
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    normal.paragraph_format.space_after = Pt(3)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.top_margin, section.bottom_margin = Mm(15), Mm(20)
    section.header_distance = Mm(10)

    # header block on every page: authority | title | code, issue, date, page
    header = section.header
    table = header.add_table(rows=1, cols=3, width=Mm(160))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell(table.cell(0, 0), doc_data.authority.upper(), bold=True, size=11)
    _cell(
        table.cell(0, 1),
        doc_data.title.upper() + ("\n(DỰ THẢO)" if doc_data.draft else ""),
        bold=True,
        size=11,
    )
    info = table.cell(0, 2)
    effective = f"{doc_data.effective_from:%d/%m/%Y}" if doc_data.effective_from else "…/…/……"
    info.text = ""
    lines = [
        f"Mã hiệu: {doc_data.code}",
        f"Lần ban hành: {doc_data.issue:02d}"
        + (f" (sửa đổi {doc_data.amendment})" if doc_data.amendment else ""),
        f"Ngày hiệu lực: {effective}",
    ]
    for i, line in enumerate(lines):
        paragraph = info.paragraphs[0] if i == 0 else info.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(line).font.size = Pt(10)
    page = info.add_paragraph()
    page.paragraph_format.space_after = Pt(0)
    page.add_run("Trang: ").font.size = Pt(10)
    _field(page, "PAGE", 10)
    page.add_run("/").font.size = Pt(10)
    _field(page, "NUMPAGES", 10)
    _widths(table, (45, 70, 45))
    header.paragraphs[0].paragraph_format.space_after = Pt(0)

    # first page: the title and the signature block, with room to sign by hand
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(18)
    run = title.add_run(doc_data.title.upper())
    run.bold = True
    run.font.size = Pt(15)
    doc.add_paragraph(
        f"(Thủ tục {doc_data.procedure_code}: {doc_data.procedure_name})"
    ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph()
    by_meaning = {s.meaning: s for s in doc_data.signers}
    signatures = _table(doc, ("", "SOẠN THẢO", "XEM XÉT", "PHÊ DUYỆT"), (28, 44, 44, 44))
    for label in ("Họ và tên", "Chức vụ", "Chữ ký", "Ngày ký"):
        texts = [label]
        for meaning in ("Soạn thảo", "Xem xét", "Phê duyệt"):
            signer = by_meaning.get(meaning)
            texts.append(
                ""
                if signer is None or label == "Chữ ký"
                else {
                    "Họ và tên": signer.name,
                    "Chức vụ": signer.title,
                    "Ngày ký": f"{signer.date:%d/%m/%Y}" if signer.date else "",
                }[label]
            )
        _add_row(signatures, tuple(texts), left=(0,))
    sign_row = signatures.rows[3]  # type: ignore[attr-defined]
    sign_row.height = Mm(SIGNING_ROOM_MM)
    sign_row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for row in signatures.rows:  # type: ignore[attr-defined]
        row.cells[0].paragraphs[0].runs[0].bold = True
    note = doc.add_paragraph()
    note.add_run(
        "Ngày ký là ngày người ký xác nhận trên phần mềm isoqms (bằng mật khẩu của mình)."
    ).italic = True
    note.runs[0].font.size = Pt(10)

    # change history, on the first page under the signatures
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_before = Pt(18)
    heading.paragraph_format.keep_with_next = True
    heading.add_run("TRANG THEO DÕI SỬA ĐỔI TÀI LIỆU").bold = True
    history = _table(
        doc,
        ("STT", "Lần sửa đổi", "Vị trí / trang", "Nội dung sửa đổi", "Ngày"),
        (14, 18, 36, 62, 30),
    )
    for i, entry in enumerate(doc_data.history, start=1):
        _add_row(
            history,
            (
                str(i),
                entry.revision,
                entry.places,
                entry.summary,
                f"{entry.date:%d/%m/%Y}" if entry.date else "",
            ),
            left=(3,),
        )

    # the sections
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    content = doc_data.content

    def section_heading(text: str) -> None:
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.add_run(text).bold = True

    def lead_in(text: str) -> None:
        doc.add_paragraph(text).paragraph_format.keep_with_next = True

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
    lead_in("5.2. Thành phần hồ sơ:")
    papers = _table(doc, ("TT", "Thành phần hồ sơ", "Số lượng"), (12, 108, 40))
    for i, paper in enumerate(content.papers, start=1):
        name = paper.name + ("" if paper.required else " (nếu có)")
        if paper.form:
            name += f" (theo mẫu: {paper.form})"
        _add_row(papers, (str(i), name, paper.quantity_text()), left=(1,))
    doc.add_paragraph(f"5.3. Số lượng hồ sơ: {content.sets:02d} bộ")
    doc.add_paragraph(f"5.4. Thời hạn giải quyết: {content.duration_text}")
    doc.add_paragraph(f"5.5. Nơi tiếp nhận và trả kết quả: {content.where}")
    doc.add_paragraph(f"5.6. Phí, lệ phí: {content.fee_text}")
    doc.add_paragraph(f"5.7. Kết quả giải quyết: {content.result}")
    lead_in("5.8. Quy trình xử lý công việc:")
    steps = _table(
        doc,
        ("Bước", "Nội dung công việc", "Trách nhiệm", "Thời gian", "Biểu mẫu/Kết quả"),
        (16, 60, 32, 22, 30),
    )
    for step in content.steps:
        _add_row(
            steps,
            (f"B{step.no}", step.work, step.responsible, step.time, step.result),
            left=(1, 2, 4),
        )
    section_heading("6. BIỂU MẪU")
    for code, name in doc_data.forms:
        doc.add_paragraph(f"- {code}: {name}")
    section_heading("7. HỒ SƠ CẦN LƯU")
    doc.add_paragraph(
        "Hồ sơ đã giải quyết, Phiếu kiểm soát quá trình giải quyết hồ sơ, "
        "Sổ theo dõi hồ sơ; lưu theo Danh mục hồ sơ của đơn vị."
    )
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
