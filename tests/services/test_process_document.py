"""The generated process document: header block, signatures, change history, sections."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.errors import ValidationError
from isoqms.services import documents, procedures, process_documents
from tests.helpers import login
from tests.helpers_pdf import libreoffice_pdf, pdf_text


@pytest.mark.one_database
def test_generated_from_the_procedure_content(demo_db: Database, tmp_path: Path) -> None:
    people = {r: login(demo_db, r) for r in ("iso_secretary", "reviewer", "approver")}
    current = procedures.revision_in_force(demo_db, "1.004873", clock.now())
    draft = procedures.add_revision(
        demo_db,
        people["iso_secretary"],
        "1.004873",
        current.content,
        clock.now(),
        status="draft",
    )
    rev = documents.start_revision(
        demo_db,
        people["iso_secretary"],
        "QT-HT-03",
        change_summary="Cập nhật căn cứ pháp lý",
        places_changed="Mục 3, trang 3",
        procedure_revision_id=draft.id,
    )
    documents.submit(demo_db, people["iso_secretary"], rev.id, "demo")
    documents.review(demo_db, people["reviewer"], rev.id, "demo", accept=True)
    documents.approve(demo_db, people["approver"], rev.id, "demo", effective_from=clock.today())

    data = process_documents.process_document(demo_db, login(demo_db, "auditor"), "QT-HT-03")
    doc = DocxDocument(io.BytesIO(data))
    header = " ".join(c.text for c in doc.sections[0].header.tables[0].rows[0].cells)
    assert "Mã hiệu: QT-HT-03" in header and "Lần ban hành: 02" in header
    path = tmp_path / "qt-ht-03.docx"
    path.write_bytes(data)
    raw = pdf_text(libreoffice_pdf(path, tmp_path), tmp_path)
    text = " ".join(raw.split())
    # page 1 holds the header, the signature block with the three signers and the day
    # the document takes effect (the block's room to sign is looked at as a PNG)
    page_one = " ".join(raw.split("\f")[0].split())
    effective = f"Ngày hiệu lực: {clock.today():%d/%m/%Y}"
    for expected in (effective, "Lê Thị Thu Hương", "Phạm Văn Đức", "Nguyễn Văn Hùng", "Chữ ký"):
        assert expected in page_one, expected
    for expected in [
        "QUY TRÌNH CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
        "Mã hiệu: QT-HT-03",
        "Trang: 1/",
        "SOẠN THẢO",
        "XEM XÉT",
        "PHÊ DUYỆT",
        "Lê Thị Thu Hương",
        "Phạm Văn Đức",
        "Nguyễn Văn Hùng",
        "TRANG THEO DÕI SỬA ĐỔI TÀI LIỆU",
        "Cập nhật căn cứ pháp lý",
        "Mục 3, trang 3",
        "1. MỤC ĐÍCH",
        "2. PHẠM VI",
        "3. TÀI LIỆU VIỆN DẪN",
        "4. ĐỊNH NGHĨA / VIẾT TẮT",
        "5. NỘI DUNG QUY TRÌNH",
        "03 ngày làm việc",
        "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu",
        "6. BIỂU MẪU",
        "BM.MC.2025.01",
        "7. HỒ SƠ CẦN LƯU",
    ]:
        assert expected in text, expected
    purpose = text[text.find("1. MỤC ĐÍCH") : text.find("2. PHẠM VI")]
    assert "giải quyết thủ tục cấp Giấy xác nhận tình trạng hôn nhân" in purpose, purpose


def test_only_process_documents_are_generated(demo_db: Database) -> None:
    with pytest.raises(ValidationError, match="không phải quy trình giải quyết TTHC"):
        process_documents.process_document(demo_db, login(demo_db, "auditor"), "QT-KSTL-01")


def test_a_procedure_name_reads_right_after_the_words_thu_tuc() -> None:
    """The portal's names often begin with "Thủ tục …": the purpose must not read
    "giải quyết thủ tục Thủ tục đăng ký khai sinh" (seen in a printed draft)."""
    from isoqms.render.process_doc import _without_kind

    assert _without_kind("Thủ tục đăng ký khai sinh") == "đăng ký khai sinh"
    assert _without_kind("Thủ tục hành chính cấp bản sao") == "cấp bản sao"
    assert _without_kind("Cấp Giấy xác nhận tình trạng hôn nhân") == (
        "cấp Giấy xác nhận tình trạng hôn nhân"
    )
    assert _without_kind("UBND xã chứng thực") == "UBND xã chứng thực"
