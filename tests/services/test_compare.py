from __future__ import annotations

import io

from docx import Document as DocxDocument

from isoqms.db.engine import Database
from isoqms.services import compare, documents, existing_documents
from tests.helpers import login


def docx(lines: list[str]) -> bytes:
    doc = DocxDocument()
    for line in lines:
        doc.add_paragraph(line)
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Bước 1"
    table.cell(0, 1).text = lines[-1]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_two_revisions_side_by_side(demo_db: Database) -> None:
    secretary = login(demo_db, "iso_secretary")
    items = [
        existing_documents.ExistingDocument(
            kind=documents.DocumentKind.PROCEDURE,
            code="QT-SS-01",
            title="Quy trình so sánh",
            issue=issue,
            effective_from=__import__("datetime").date(2024 + issue, 1, 1),
            file_name=f"v{issue}.docx",
            data=docx(lines),
        )
        for issue, lines in (
            (1, ["1. Mục đích", "Thời hạn 05 ngày", "Lưu 05 năm"]),
            (2, ["1. Mục đích", "Thời hạn 03 ngày", "Lưu 05 năm", "Phụ lục mới"]),
        )
    ]
    existing_documents.import_existing(demo_db, secretary, items)
    first, second = documents.history(demo_db, secretary, "QT-SS-01")
    rows = compare.compare(demo_db, login(demo_db, "auditor"), first.id, second.id)
    kinds = {(r.kind, r.left, r.right) for r in rows}
    assert ("same", "1. Mục đích", "1. Mục đích") in kinds
    assert ("changed", "Thời hạn 05 ngày", "Thời hạn 03 ngày") in kinds
    assert any(r.kind != "same" and r.right == "Phụ lục mới" for r in rows)
    assert any(r.kind == "added" for r in rows)


def test_procedure_content_is_compared_when_there_is_no_file(demo_db: Database) -> None:
    auditor = login(demo_db, "auditor")
    rev = documents.history(demo_db, auditor, "QT-HT-01")[0]
    rows = compare.compare(demo_db, auditor, rev.id, rev.id)
    assert rows and all(r.kind == "same" for r in rows)
    assert any("Giấy chứng sinh" in r.left for r in rows)
