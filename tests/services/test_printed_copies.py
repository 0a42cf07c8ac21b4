"""Printed copies: footer, QR code and watermark on the revision's own pages."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import Canvas

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.documents import DocumentKind
from isoqms.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from isoqms.services import document_copies, printed_copies
from isoqms.services import documents as svc
from isoqms.services.uow import Actor
from tests.helpers import audit_count, login
from tests.helpers_pdf import pdf_pages, pdf_text, qr_codes

TODAY = clock.today()


@pytest.fixture
def people(demo_db: Database) -> dict[str, Actor]:
    return {
        r: login(demo_db, r) for r in ("iso_secretary", "reviewer", "approver", "clerk", "auditor")
    }


def all_text(pdf: bytes) -> str:
    """Every text object, diagonal watermark included (pdftotext drops diagonal text)."""
    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def revisions(db: Database, code: str) -> list[svc.RevisionRow]:
    return svc.history(db, login(db, "auditor"), code)


def test_controlled_copy_of_a_docx_revision(
    demo_db: Database, people: dict[str, Actor], tmp_path: Path
) -> None:
    secretary = people["iso_secretary"]
    copy = document_copies.distribute(demo_db, secretary, "QT-KSTL-01", "Bộ phận Một cửa")
    current = revisions(demo_db, "QT-KSTL-01")[-1]
    events = audit_count(demo_db)
    printed = printed_copies.print_copy(demo_db, secretary, current.id, copy.id)
    assert audit_count(demo_db) == events + 1
    assert (printed.label, printed.watermark) == ("Bản có kiểm soát số 1", "")
    text = " ".join(pdf_text(printed.pdf, tmp_path).split())
    assert "Cập nhật theo mô hình chính quyền địa phương hai cấp" in text  # the file's own text
    assert (
        "Bản có kiểm soát số 1 — Mã hiệu: QT-KSTL-01 — Lần ban hành: 02 — "
        "Ngày hiệu lực: 01/07/2025 — Trang 1/1"
    ) in text
    assert "HẾT HIỆU LỰC" not in all_text(printed.pdf)
    assert qr_codes(printed.pdf, tmp_path, 1, dpi=300) == [
        f"ISOQMS-COPY|QT-KSTL-01|02|1|{current.content_hash}"
    ]
    assert printed.file_name == "QT-KSTL-01-lan-02-ban-1.pdf"


def test_superseded_revision_prints_uncontrolled_with_watermark(
    demo_db: Database, people: dict[str, Actor], tmp_path: Path
) -> None:
    first = revisions(demo_db, "QT-KSTL-01")[0]
    events = audit_count(demo_db)
    printed = printed_copies.print_copy(demo_db, people["auditor"], first.id)
    assert audit_count(demo_db) == events  # an uncontrolled copy is a read
    assert (printed.label, printed.watermark) == ("Bản không kiểm soát", "HẾT HIỆU LỰC")
    text = all_text(printed.pdf)
    assert "HẾT HIỆU LỰC" in text
    assert "Bản không kiểm soát — Mã hiệu: QT-KSTL-01 — Lần ban hành: 01" in " ".join(text.split())


def test_a_pdf_file_keeps_its_pages(
    demo_db: Database, people: dict[str, Actor], tmp_path: Path
) -> None:
    secretary = people["iso_secretary"]
    svc.create_document(
        demo_db, secretary, kind=DocumentKind.INSTRUCTION, code="HD-MC-01", title="Hướng dẫn"
    )
    rev = svc.start_revision(demo_db, secretary, "HD-MC-01", change_summary="Ban hành")
    out = io.BytesIO()
    canvas = Canvas(out)
    for page in (1, 2, 3):
        canvas.drawString(100, 700, f"Trang noi dung {page}")
        canvas.showPage()
    canvas.save()
    svc.attach_file(demo_db, secretary, rev.id, "hd.pdf", out.getvalue())
    printed = printed_copies.copy_pdf(demo_db, secretary, rev.id)
    assert printed.watermark == "DỰ THẢO"
    assert pdf_pages(printed.pdf, tmp_path) == 3
    text = " ".join(pdf_text(printed.pdf, tmp_path).split())
    assert "Trang noi dung 2" in text and "Trang 3/3" in text
    assert "DỰ THẢO" in all_text(printed.pdf)


def test_generated_process_document_and_form_revisions_print(
    demo_db: Database, people: dict[str, Actor], tmp_path: Path
) -> None:
    auditor = people["auditor"]
    process = revisions(demo_db, "QT-HT-01")[-1]
    text = " ".join(
        pdf_text(printed_copies.copy_pdf(demo_db, auditor, process.id).pdf, tmp_path).split()
    )
    assert "Trang theo dõi sửa đổi".upper() in text.upper() and "Mã hiệu: QT-HT-01" in text
    form = revisions(demo_db, "BM.MC.2025.02")[-1]
    printed = printed_copies.copy_pdf(demo_db, auditor, form.id)
    text = " ".join(pdf_text(printed.pdf, tmp_path).split())
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Bản không kiểm soát — Mã hiệu: BM.MC.2025.02" in text


def test_controlled_copies_are_refused_when_they_should_be(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    secretary = people["iso_secretary"]
    copy = document_copies.distribute(demo_db, secretary, "QT-DGNB-01", "Phó Chủ tịch UBND")
    current = revisions(demo_db, "QT-DGNB-01")[-1]
    other = revisions(demo_db, "QT-KSTL-01")[-1]
    with pytest.raises(NotFound, match="không thuộc"):
        printed_copies.print_copy(demo_db, secretary, other.id, copy.id)
    for role in ("clerk", "auditor"):
        with pytest.raises(PermissionDenied):
            printed_copies.print_copy(demo_db, people[role], current.id, copy.id)
    document_copies.recall(demo_db, secretary, copy.id)
    events = audit_count(demo_db)
    with pytest.raises(Conflict, match="đã thu hồi"):
        printed_copies.print_copy(demo_db, secretary, current.id, copy.id)
    assert audit_count(demo_db) == events


def test_a_controlled_copy_of_a_superseded_revision_is_refused(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    secretary = people["iso_secretary"]
    copy = document_copies.distribute(demo_db, secretary, "QT-XXLD-01", "Văn phòng")
    old = revisions(demo_db, "QT-XXLD-01")[-1]
    rev = svc.start_revision(demo_db, secretary, "QT-XXLD-01", change_summary="Lần 2")
    svc.attach_file(demo_db, secretary, rev.id, "xxld.pdf", _tiny_pdf())
    svc.submit(demo_db, secretary, rev.id, "demo")
    svc.review(demo_db, people["reviewer"], rev.id, "demo", accept=True)
    svc.approve(demo_db, people["approver"], rev.id, "demo", effective_from=TODAY)
    with pytest.raises(Conflict, match="hết hiệu lực"):
        printed_copies.print_copy(demo_db, secretary, old.id, copy.id)


def _tiny_pdf() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(100, 700, "Lan ban hanh 2")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_without_libreoffice_an_office_file_gets_a_clear_message(
    demo_db: Database, people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    secretary = people["iso_secretary"]
    svc.create_document(
        demo_db, secretary, kind=DocumentKind.INSTRUCTION, code="HD-MC-02", title="Hướng dẫn 2"
    )
    rev = svc.start_revision(demo_db, secretary, "HD-MC-02", change_summary="Ban hành")
    from docx import Document as DocxDocument

    doc = DocxDocument()
    doc.add_paragraph(f"Nội dung chưa từng chuyển đổi {uuid.uuid4()}")
    data = io.BytesIO()
    doc.save(data)
    svc.attach_file(demo_db, secretary, rev.id, "hd2.docx", data.getvalue())
    monkeypatch.setenv("ISOQMS_SOFFICE", str(Path("/nonexistent/soffice")))
    with pytest.raises(ValidationError, match="Không tìm thấy LibreOffice"):
        printed_copies.copy_pdf(demo_db, secretary, rev.id)
