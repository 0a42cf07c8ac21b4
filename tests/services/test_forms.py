"""The forms library as controlled documents: slips read the form revision in force."""

from __future__ import annotations

import datetime as dt
import io
import json
import unicodedata
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from sqlalchemy import select

from isoqms.db.engine import Database
from isoqms.db.models import Document, DocumentRevision
from isoqms.domain import clock
from isoqms.domain.errors import PermissionDenied, ValidationError
from isoqms.render.blank_form import blank_form
from isoqms.services import documents as svc
from isoqms.services import intake
from isoqms.services.forms import FORM_KINDS, form_by_revision, form_for, stock_forms
from isoqms.services.intake import Applicant, IntakeDraft
from isoqms.services.uow import Actor
from tests.helpers import audit_count, login
from tests.helpers_pdf import pdf_text

NOW = dt.datetime(2026, 11, 23, 9, 30)
ANH = Applicant("Nguyễn Thị Ánh", id_number="001190012345", phone="0912345678")


def test_the_library_holds_both_regimes_and_the_iso_forms() -> None:
    stock = {s.form.code: s for s in stock_forms()}
    assert {f"BM.MC.2018.0{n}" for n in range(1, 7)} <= set(stock)
    assert {f"BM.MC.2025.0{n}" for n in range(1, 8)} <= set(stock)
    assert {"BM-KSTL-01", "BM-KSTL-02", "BM-KSHS-01"} <= set(stock)
    assert {s.form.kind for s in stock.values()} == set(FORM_KINDS)
    assert stock["BM.MC.2025.05"].form.name == "Thông báo dừng giải quyết hồ sơ"
    assert stock["BM.MC.2018.06"].form.paper == "A4"


def test_every_form_has_its_blank_docx_in_step_with_the_manifest() -> None:
    for stock in stock_forms():
        manifest = json.loads((stock.folder / "manifest.json").read_text(encoding="utf-8"))
        assert stock.blank.read_bytes() == blank_form(manifest), (
            f"{stock.blank} is stale: run python tools/make_blank_forms.py"
        )
        doc = DocxDocument(io.BytesIO(stock.blank.read_bytes()))
        text = "\n".join(p.text for p in doc.paragraphs)
        assert unicodedata.normalize("NFC", stock.form.texts["title"]) in text


def test_stock_forms_are_controlled_documents_with_texts_and_file(demo_db: Database) -> None:
    with demo_db.read() as session:
        rows = session.execute(
            select(Document.code, DocumentRevision)
            .join(DocumentRevision)
            .where(Document.code.in_(["BM.MC.2025.01", "BM.MC.2018.04", "BM-KSHS-01"]))
        ).all()
        found = {code: rev for code, rev in rows}
        assert set(found) == {"BM.MC.2025.01", "BM.MC.2018.04", "BM-KSHS-01"}
        for rev in found.values():
            assert rev.form_content and rev.file_name == "blank.docx" and rev.file_sha256
        assert found["BM.MC.2018.04"].state == "withdrawn"
        assert found["BM.MC.2018.04"].withdrawn_on == dt.date(2025, 7, 1)
        assert form_for(session, "apology", dt.date(2025, 6, 30)).code == "BM.MC.2018.04"
        assert form_for(session, "apology", dt.date(2025, 7, 1)).code == "BM.MC.2025.04"
        assert form_for(session, "stop", dt.date(2026, 1, 1)).code == "BM.MC.2025.05"
    rows_docs = svc.list_documents(demo_db, login(demo_db, "auditor"), dt.date(2026, 1, 1))
    titles = {r.code: r.title for r in rows_docs}
    assert titles["BM-KSHS-01"] == "Danh mục hồ sơ"
    assert titles["BM.MC.2025.07"] == "Mẫu 07 (2025): Sổ theo dõi hồ sơ"


def _new_receipt_form(db: Database, effective: dt.date, title: str) -> svc.RevisionRow:
    people = {r: login(db, r) for r in ("iso_secretary", "reviewer", "approver")}
    secretary = people["iso_secretary"]
    rev = svc.start_revision(
        db, secretary, "BM.MC.2025.01", change_summary="Sửa ghi chú", amendment=True
    )
    texts = svc.form_texts(db, secretary, rev.id)
    texts["notes"] = "Ghi chú: Tra cứu hồ sơ tại dichvucong.gov.vn bằng mã hồ sơ."
    texts["title"] = title
    svc.set_form_texts(db, secretary, rev.id, texts)
    svc.submit(db, secretary, rev.id, "demo")
    svc.review(db, people["reviewer"], rev.id, "demo", accept=True)
    return svc.approve(db, people["approver"], rev.id, "demo", effective_from=effective)


def test_a_new_form_revision_changes_new_slips_only(demo_db: Database, tmp_path: Path) -> None:
    monday = dt.datetime(2026, 12, 7, 9, 30)
    clock.pin(monday)  # approved on Monday 07/12, in force from Wednesday 09/12
    clerk = login(demo_db, "clerk")
    old = intake.receive(
        demo_db, clerk, IntakeDraft("1.001193", ANH, received_at=monday), now=monday
    )
    approved = _new_receipt_form(demo_db, dt.date(2026, 12, 9), "GIẤY TIẾP NHẬN VÀ HẸN TRẢ")
    # the stock library's own amendment 1.1 (its legal basis, from 02/12/2026) came first
    assert (approved.issue, approved.amendment, approved.standing) == (1, 2, "approved")
    assert approved.signatures[-1].content_hash == approved.content_hash

    later = monday + dt.timedelta(days=2)  # 09/12, the new revision's first day
    new = intake.receive(demo_db, clerk, IntakeDraft("1.001193", ANH, received_at=later), now=later)
    assert (old.form_revision, new.form_revision) == ("BM.MC.2025.01@1.1", "BM.MC.2025.01@1.2")

    def slip_text(code: str) -> str:
        return " ".join(pdf_text(intake.print_receipt(demo_db, clerk, code).pdf, tmp_path).split())

    new_text, old_text = slip_text(new.code), slip_text(old.code)
    assert "GIẤY TIẾP NHẬN VÀ HẸN TRẢ" in new_text and "dichvucong.gov.vn" in new_text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in old_text
    assert "dichvucong.gov.vn" not in old_text
    with demo_db.read() as session:
        assert form_by_revision(session, "BM.MC.2025.01@1").texts["title"] == (
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
        )
        assert form_by_revision(session, "BM.MC.2025.01@1").effective_to == dt.date(2026, 12, 1)
        superseded = form_by_revision(session, "BM.MC.2025.01@1.1")
        assert superseded.effective_to == dt.date(2026, 12, 8)
        assert "Thông tư số 03/2025/TT-VPCP ngày 15/9/2025" in superseded.legal_basis


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("ledger", "Vào Sổ theo dõi hồ sơ số {number}", "phải giữ các chỗ điền: {book}, {number}"),
        ("title", "  ", "không được để trống"),
        ("papers_columns", ["TT", "Tên giấy tờ"], "phải có 3 cột"),
        ("ledger", "Sổ {book", "không khớp"),
    ],
)
def test_bad_form_texts_are_refused_and_change_nothing(
    demo_db: Database, key: str, value: object, message: str
) -> None:
    secretary = login(demo_db, "iso_secretary")
    rev = svc.start_revision(demo_db, secretary, "BM.MC.2025.01", change_summary="Thử")
    texts = svc.form_texts(demo_db, secretary, rev.id)
    before = dict(texts)
    events = audit_count(demo_db)
    texts[key] = value
    with pytest.raises(ValidationError, match=message):
        svc.set_form_texts(demo_db, secretary, rev.id, texts)
    missing = {k: v for k, v in before.items() if k != "notes"}
    with pytest.raises(ValidationError, match="notes"):
        svc.set_form_texts(demo_db, secretary, rev.id, missing)
    assert svc.form_texts(demo_db, secretary, rev.id) == before
    assert audit_count(demo_db) == events


def test_only_the_drafter_changes_form_texts(demo_db: Database) -> None:
    secretary = login(demo_db, "iso_secretary")
    rev = svc.start_revision(demo_db, secretary, "BM.MC.2025.02", change_summary="Thử")
    texts = svc.form_texts(demo_db, secretary, rev.id)
    for role in ("clerk", "auditor"):
        actor: Actor = login(demo_db, role)
        with pytest.raises(PermissionDenied):
            svc.set_form_texts(demo_db, actor, rev.id, texts)


def test_search_finds_words_inside_the_files(demo_db: Database) -> None:
    auditor = login(demo_db, "auditor")
    # "đánh giá nội bộ ít nhất mỗi năm" is in the file of QT-DGNB-01 only, not its title
    assert [r.code for r in svc.search(demo_db, auditor, "it nhat moi nam mot lan")] == [
        "QT-DGNB-01",
        "QT-XXLD-01",
    ]
    assert [r.code for r in svc.search(demo_db, auditor, "KIỂM SOÁT tài liệu")][:1] == [
        "QT-KSTL-01"
    ]
    # a form's printed texts are searchable too
    assert "BM.MC.2025.02" in [r.code for r in svc.search(demo_db, auditor, "nguoi huong dan")]
    assert svc.search(demo_db, auditor, "không có từ này ở đâu cả") == []


def test_a_stock_amendment_never_overrides_the_units_own_revision(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library's amendments load once each (1.1 of the 2018 Mẫu 01 and of the 2025
    set); a later one is not loaded over a revision the unit numbered the same or later."""
    from dataclasses import replace

    from isoqms.services import forms as forms_service
    from isoqms.services.existing_documents import ensure_stock_forms
    from isoqms.services.forms import StockForm

    with demo_db.read() as session:
        assert (
            form_by_revision(session, "BM.MC.2018.01@1.1")
            .texts["first_line"]
            .startswith("Bộ phận tiếp nhận và trả kết quả: ")
        )
        assert (
            "Nghị định số 367/2025/NĐ-CP"
            in form_by_revision(session, "BM.MC.2025.07@1.1").legal_basis
        )
    assert ensure_stock_forms(demo_db) == 0  # loaded once
    secretary = login(demo_db, "iso_secretary")
    own = svc.start_revision(
        demo_db, secretary, "BM.MC.2025.02", change_summary="Sửa lời hướng dẫn", amendment=True
    )
    assert (own.issue, own.amendment) == (1, 2)
    shipped = next(s for s in stock_forms() if s.form.revision_key == "BM.MC.2025.02@1.1")
    later = StockForm(replace(shipped.form, amendment=3), shipped.folder, "Bản sửa của thư viện")
    monkeypatch.setattr(forms_service, "stock_forms", lambda: (*stock_forms(), later))
    events = audit_count(demo_db)
    assert ensure_stock_forms(demo_db) == 0  # the unit revised the form itself: 1.2 stands
    assert audit_count(demo_db) == events
