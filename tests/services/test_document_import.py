"""Bulk import of an existing document folder."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from isoqms.db.engine import Database
from isoqms.domain.errors import ValidationError
from isoqms.services import documents
from isoqms.services.document_import import import_folder
from isoqms.services.file_header import FileHeader, read_header
from tests.helpers import audit_count, login, run_cli


def header_docx(code: str, title: str, issue: int) -> bytes:
    doc = DocxDocument()
    table = doc.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "UBND XÃ BÌNH MINH"
    table.cell(0, 1).text = title.upper()
    table.cell(0, 2).text = f"Mã hiệu: {code}\nLần ban hành: {issue:02d}\nNgày ban hành: 01/03/2024"
    doc.add_paragraph("1. Mục đích")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def minimal_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(100, 750, "Huong dan")
    canvas.save()
    return out.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    base = tmp_path / "tai-lieu"
    (base / "bieu-mau").mkdir(parents=True)
    (base / "a.docx").write_bytes(header_docx("QT-TN-01", "Quy trình tiếp nhận hồ sơ", 3))
    (base / "bieu-mau" / "BM-TN-01-01 - Sổ theo dõi.pdf").write_bytes(minimal_pdf())
    (base / "ghi-chu.txt").write_text("bỏ qua", encoding="utf-8")
    return base


def test_header_table_is_read() -> None:
    assert read_header("x.docx", header_docx("QT-HT-09", "Quy trình thử", 2)) == FileHeader(
        "QT-HT-09", "Quy trình thử", 2
    )


def test_a_folder_becomes_revisions_in_force(demo_db: Database, folder: Path) -> None:
    secretary = login(demo_db, "iso_secretary")
    assert import_folder(demo_db, secretary, folder, dt.date(2024, 3, 1)) == 2
    rows = {r.code: r for r in documents.list_documents(demo_db, secretary)}
    assert (rows["QT-TN-01"].issue, rows["QT-TN-01"].title) == (3, "Quy trình tiếp nhận hồ sơ")
    assert rows["BM-TN-01-01"].title == "Sổ theo dõi" and rows["BM-TN-01-01"].kind == "form"
    assert rows["QT-TN-01"].effective_from == dt.date(2024, 3, 1)


def test_a_folder_with_a_bad_file_imports_nothing(demo_db: Database, folder: Path) -> None:
    (folder / "hong.docx").write_bytes(b"PK\x03\x04 broken")
    (folder / "khong-ro.pdf").write_bytes(minimal_pdf())
    secretary = login(demo_db, "iso_secretary")
    events = audit_count(demo_db)
    with pytest.raises(ValidationError) as error:
        import_folder(demo_db, secretary, folder, dt.date(2024, 3, 1))
    assert "hong.docx" in error.value.message and "khong-ro.pdf" in error.value.message
    assert audit_count(demo_db) == events


def test_import_folder_cli(demo_db: Database, folder: Path) -> None:
    url = demo_db.url.render_as_string(hide_password=False)
    result = run_cli(
        "--db",
        url,
        "--user",
        "iso_secretary",
        "docs",
        "import-folder",
        str(folder),
        "--effective",
        "2024-03-01",
        env={"ISOQMS_PASSWORD": "demo"},
    )
    assert result.returncode == 0, result.stderr
    assert "Đã nhập 2 tài liệu" in result.stdout
    clerk = run_cli(
        "--db",
        url,
        "--user",
        "clerk",
        "docs",
        "import-folder",
        str(folder),
        "--effective",
        "2024-03-01",
        env={"ISOQMS_PASSWORD": "demo"},
    )
    assert clerk.returncode == 1 and "không có quyền" in clerk.stderr
