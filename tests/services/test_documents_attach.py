"""A file is attached to the document it says it is: its header block (code, issue) is read
— a .docx's first table or page header, a PDF's first page — and a contradiction is
refused with both values named; a draft with nothing to review is refused before any
password is asked."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from isoqms.db.engine import Database
from isoqms.domain.errors import AuthenticationError, ValidationError
from isoqms.render import fonts
from isoqms.services import documents as svc
from isoqms.services import process_documents
from isoqms.services.file_header import read_header
from tests.helpers import audit_count, login
from tests.helpers_pdf import pdf_text
from tests.services.test_document_import import header_docx
from tests.services.test_documents import docx_bytes


def header_pdf(code: str, issue: int) -> bytes:
    fonts.register()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setFont(fonts.SERIF, 11)
    canvas.drawString(72, 780, "UBND XÃ BÌNH MINH")
    canvas.drawString(72, 765, f"Mã hiệu: {code}")
    canvas.drawString(72, 750, f"Lần ban hành: {issue:02d}")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draft(db: Database, code: str = "QT-HT-02") -> int:
    secretary = login(db, "iso_secretary")
    return svc.start_revision(db, secretary, code, change_summary="Sửa mục 5").id


def test_another_documents_file_is_refused_naming_both_codes(demo_db: Database) -> None:
    rev_id = _draft(demo_db)
    secretary = login(demo_db, "iso_secretary")
    before = audit_count(demo_db)
    with pytest.raises(ValidationError) as refused:
        svc.attach_file(
            demo_db, secretary, rev_id, "qt-ht-04.docx", header_docx("QT-HT-04", "Khai tử", 2)
        )
    assert "QT-HT-04" in refused.value.message and "QT-HT-02" in refused.value.message
    assert audit_count(demo_db) == before
    assert svc.revision_row(demo_db, rev_id).file_sha256 is None


def test_a_pdf_whose_first_page_names_another_code_is_refused(demo_db: Database) -> None:
    rev_id = _draft(demo_db)
    secretary = login(demo_db, "iso_secretary")
    data = header_pdf("QT-HT-04", 2)
    assert read_header("x.pdf", data).code == "QT-HT-04"
    with pytest.raises(ValidationError, match=r"QT-HT-04.*QT-HT-02"):
        svc.attach_file(demo_db, secretary, rev_id, "x.pdf", data)


def test_the_wrong_issue_is_refused_naming_both(demo_db: Database) -> None:
    rev_id = _draft(demo_db)  # issue 02
    secretary = login(demo_db, "iso_secretary")
    with pytest.raises(ValidationError) as refused:
        svc.attach_file(demo_db, secretary, rev_id, "a.docx", header_docx("QT-HT-02", "KH", 1))
    assert "01" in refused.value.message and "02" in refused.value.message


def test_the_right_file_is_taken_and_one_without_header_with_a_warning(
    demo_db: Database,
) -> None:
    rev_id = _draft(demo_db)
    secretary = login(demo_db, "iso_secretary")
    right = svc.attach_file(
        demo_db, secretary, rev_id, "a.docx", header_docx("QT-HT-02", "Đăng ký kết hôn", 2)
    )
    assert right.warning == ""
    assert svc.revision_row(demo_db, rev_id).file_sha256 == right.digest
    bare = svc.attach_file(demo_db, secretary, rev_id, "b.docx", docx_bytes())
    assert "QT-HT-02" in bare.warning and "khối tiêu đề" in bare.warning
    assert svc.revision_row(demo_db, rev_id).file_sha256 == bare.digest


def test_the_generated_process_document_passes_its_own_check(demo_db: Database) -> None:
    """The program's own file carries its header in the page header: read and matched."""
    rev_id = _draft(demo_db)
    secretary = login(demo_db, "iso_secretary")
    data = process_documents.process_document(demo_db, secretary, "QT-HT-02", rev_id)
    header = read_header("q.docx", data)
    assert (header.code, header.issue) == ("QT-HT-02", 2)
    assert process_documents.attach_generated(demo_db, secretary, rev_id).warning == ""


def test_damaged_bytes_have_no_header_and_never_raise() -> None:
    for name in ("x.docx", "x.pdf", "x.xlsx"):
        assert not read_header(name, b"PK\x03\x04 not really").found
        assert not read_header(name, b"").found


def test_nothing_to_review_is_said_before_the_password(demo_db: Database) -> None:
    secretary = login(demo_db, "iso_secretary")
    rev_id = svc.start_revision(demo_db, secretary, "QT-KSTL-01", change_summary="Sửa").id
    with pytest.raises(ValidationError, match="chưa có nội dung"):
        svc.check_submit(demo_db, secretary, rev_id)
    # the service says the same with a wrong password: the content comes first
    with pytest.raises(ValidationError, match="chưa có nội dung"):
        svc.submit(demo_db, secretary, rev_id, "wrong")
    svc.attach_file(demo_db, secretary, rev_id, "a.docx", docx_bytes())
    svc.check_submit(demo_db, secretary, rev_id)
    with pytest.raises(AuthenticationError):
        svc.submit(demo_db, secretary, rev_id, "wrong")


def test_an_approved_generated_file_prints_with_its_signers(
    demo_db: Database, tmp_path: Path
) -> None:
    """The demo's QT-CT-01 issue 02 went round with the file generated from its draft
    (marked DỰ THẢO, no signers): its copy prints the approved issue — signers, effective
    date — made again from the content they signed."""
    from isoqms.domain import clock
    from isoqms.services import printed_copies

    auditor = login(demo_db, "auditor")
    issued = svc.history(demo_db, auditor, "QT-CT-01")[-1]
    assert issued.file_name == "QT-CT-01-lan-02.docx" and issued.standing == "effective"
    printed = printed_copies.copy_pdf(demo_db, auditor, issued.id)
    text = " ".join(pdf_text(printed.pdf, tmp_path).split())
    for expected in (
        "Mã hiệu: QT-CT-01",
        "Lần ban hành: 02",
        f"Ngày hiệu lực: {clock.today():%d/%m/%Y}",
        "Lê Thị Thu Hương",
        "Phạm Văn Đức",
        "Nguyễn Văn Hùng",
    ):
        assert expected in text, expected
    assert "DỰ THẢO" not in text


def test_editing_the_content_remakes_the_generated_file_and_drops_a_stale_one(
    demo_db: Database,
) -> None:
    secretary = login(demo_db, "iso_secretary")
    rev_id = _draft(demo_db, "QT-HT-02")
    first = process_documents.attach_generated(demo_db, secretary, rev_id).digest
    content = process_documents.draft_content(demo_db, secretary, rev_id).content
    changed = dataclasses.replace(content, fee="Miễn lệ phí")
    saved = process_documents.set_draft_content(demo_db, secretary, rev_id, changed)
    assert "tạo lại" in saved.file_note
    remade = svc.revision_row(demo_db, rev_id)
    assert remade.file_sha256 not in (None, first)
    # a file of the secretary's own no longer says what the content says: taken off
    svc.attach_file(
        demo_db, secretary, rev_id, "qt-ht-02.docx", header_docx("QT-HT-02", "Kết hôn", 2)
    )
    again = dataclasses.replace(changed, fee="10.000 đồng")
    saved = process_documents.set_draft_content(demo_db, secretary, rev_id, again)
    assert "qt-ht-02.docx" in saved.file_note and "đã được gỡ" in saved.file_note
    assert svc.revision_row(demo_db, rev_id).file_sha256 is None
    # the same content again changes nothing
    unchanged = process_documents.set_draft_content(demo_db, secretary, rev_id, again)
    assert unchanged.file_note == ""
