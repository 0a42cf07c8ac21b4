"""The controlled-document register in the GUI: three people take a revision through."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from isoqms.domain import clock
from isoqms.services import documents as document_service
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.document_dialogs import NewDocumentDialog, NewRevisionDialog
from isoqms.ui.documents import RegisterPage
from tests.services.test_document_import import header_docx


def page_for(qtbot: QtBot, ctx: AppContext) -> RegisterPage:
    page = RegisterPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def select(qtbot: QtBot, page: RegisterPage, code: str) -> None:
    with qtbot.waitSignal(page.history_shown, timeout=10_000):
        page.select(code)


def act(qtbot: QtBot, page: RegisterPage, button: object) -> None:
    with qtbot.waitSignal(page.loaded, timeout=15_000):
        button.click()  # type: ignore[attr-defined]
    with qtbot.waitSignal(page.history_shown, timeout=10_000):
        page.show_history()


def revision_dialog(summary: str, *, amendment: bool = False) -> Callable[[QDialog], bool]:
    def fill(dialog: QDialog) -> bool:
        assert isinstance(dialog, NewRevisionDialog)
        dialog.summary.setText(summary)
        dialog.places.setText("Mục 5")
        (dialog.amendment if amendment else dialog.new_issue).setChecked(True)
        return True

    return fill


def test_register_as_of_a_date(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], qtmodeltester: ModelTester
) -> None:
    page = page_for(qtbot, make_ctx("auditor"))
    qtmodeltester.check(page.model)
    rows = {page.model.row_at(i).code: page.model.row_at(i) for i in range(page.model.rowCount())}
    assert rows["QT-KSTL-01"].issue == 2 and rows["BM.MC.2018.01"].standing == "withdrawn"
    assert not page.new_button.isVisible() and not page.approve_button.isVisible()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.as_of.setDate(QDate(2025, 1, 1))
    rows = {page.model.row_at(i).code: page.model.row_at(i) for i in range(page.model.rowCount())}
    assert rows["QT-KSTL-01"].issue == 1
    assert rows["BM.MC.2018.01"].standing == "effective"
    select(qtbot, page, "QT-KSTL-01")
    assert (
        "Hết hiệu lực" in page.detail.toPlainText() or "Đang hiệu lực" in page.detail.toPlainText()
    )


def test_three_people_take_a_revision_through(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(dialogs, "ask_password", lambda *_a: "demo")

    # the ISO secretary drafts
    secretary = page_for(qtbot, make_ctx("iso_secretary"))

    def fill(dialog: QDialog) -> bool:
        assert isinstance(dialog, NewDocumentDialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData("instruction"))
        dialog.code.setText("HD-MC-02")
        dialog.title_edit.setText("Hướng dẫn sử dụng phần mềm một cửa")
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill)
    with qtbot.waitSignal(secretary.loaded, timeout=15_000):
        secretary.new_button.click()
    select(qtbot, secretary, "HD-MC-02")
    monkeypatch.setattr(dialogs, "run_dialog", revision_dialog("Ban hành lần đầu"))
    act(qtbot, secretary, secretary.draft_button)
    source = tmp_path / "hd.docx"
    source.write_bytes(header_docx("HD-MC-02", "Hướng dẫn sử dụng phần mềm một cửa", 1))
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_a: str(source))
    act(qtbot, secretary, secretary.file_button)
    act(qtbot, secretary, secretary.submit_button)
    assert secretary.revisions[-1].state == "in_review"

    # the reviewer reviews
    reviewer = page_for(qtbot, make_ctx("reviewer"))
    select(qtbot, reviewer, "HD-MC-02")
    act(qtbot, reviewer, reviewer.review_button)

    # the approver approves, effective today
    approver = page_for(qtbot, make_ctx("approver"))
    select(qtbot, approver, "HD-MC-02")
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: f"{clock.today():%d/%m/%Y}")
    act(qtbot, approver, approver.approve_button)
    final = approver.revisions[-1]
    assert final.standing == "effective"
    assert [s.meaning_label for s in final.signatures] == ["Soạn thảo", "Xem xét", "Phê duyệt"]
    assert "Nguyễn Văn Hùng" in approver.detail.toPlainText()


def test_a_draft_without_content_cannot_be_submitted(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(dialogs, "ask_password", lambda *_a: "sai-mat-khau")
    page = page_for(qtbot, make_ctx("iso_secretary"))
    select(qtbot, page, "CSCL-01")
    monkeypatch.setattr(dialogs, "run_dialog", revision_dialog("Sửa đổi chính sách"))
    act(qtbot, page, page.draft_button)
    with qtbot.waitCallback(timeout=10_000) as callback:
        monkeypatch.setattr(dialogs, "error", lambda _p, exc: callback(str(exc)))
        page.submit_button.click()
    assert "chưa có nội dung" in callback.args[0]


def test_the_register_shows_what_waits_for_the_committee(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    """The things to do: the secretary's own by default (copies to sign for or recall,
    drafts sent back), everyone's under "All"; activating one selects its document."""
    from isoqms.services import document_copies

    ctx = make_ctx("iso_secretary")
    document_copies.distribute(ctx.db, ctx.actor, "QT-HT-05", "Tổ một cửa")
    page = page_for(qtbot, ctx)
    mine = [page.tasks.item(i).text() for i in range(page.tasks.count())]
    copy = "QT-HT-05 — Chờ ký nhận bản số 01 (Tổ một cửa)"
    assert copy in mine
    # the demo's: a draft sent back to the secretary; copies not yet signed for
    assert any(line.startswith("QT-CT-02 — Bị trả lại") for line in mine)
    assert not any("Chờ xem xét" in line or "Đến hạn xem xét" in line for line in mine)
    page.tasks_filter.setCurrentIndex(page.tasks_filter.findData("all"))
    everything = [page.tasks.item(i).text() for i in range(page.tasks.count())]
    assert "MTCL-2027 — Chờ xem xét lần 1.0" in everything
    assert any("Đến hạn xem xét định kỳ" in line for line in everything)
    assert f"({len(everything)})" in page.tasks_label.text()
    with qtbot.waitSignal(page.history_shown, timeout=10_000):
        page.open_task(page.tasks.item(everything.index(copy)))
    assert page.selected_code() == "QT-HT-05"
    assert page.ack_button.isVisible() and page.recall_button.isVisible()
    assert not page.approve_button.isVisible() and not page.submit_button.isVisible()


def test_distribute_a_copy_and_save_the_sign_sheet(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from tests.helpers_pdf import pdf_text

    page = page_for(qtbot, make_ctx("iso_secretary"))
    select(qtbot, page, "QT-HT-01")
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "Quầy 1 — Tư pháp")
    act(qtbot, page, page.distribute_button)
    assert "01 — Quầy 1 — Tư pháp" in page.detail.toPlainText()
    target = tmp_path / "sheet.pdf"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(target))
    with qtbot.waitSignal(page.sheet_saved, timeout=10_000):
        page.sheet_button.click()
    assert "Quầy 1 — Tư pháp" in pdf_text(target.read_bytes(), tmp_path)


def test_compare_the_two_latest_revisions(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    from isoqms.ui.document_dialogs import CompareDialog

    page = page_for(qtbot, make_ctx("auditor"))
    select(qtbot, page, "QT-KSTL-01")
    with qtbot.waitCallback(timeout=10_000) as callback:
        monkeypatch.setattr(dialogs, "run_dialog", lambda dialog: callback(dialog) or True)
        page.compare_button.click()
    dialog = callback.args[0]
    assert isinstance(dialog, CompareDialog)
    qtbot.addWidget(dialog)
    text = dialog.view.toPlainText()
    assert "Lần ban hành 01.0" in text and "Lần ban hành 02.0" in text
    assert "Cập nhật theo mô hình chính quyền địa phương hai cấp" in text


def test_a_document_title_is_not_a_persons_title(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    from PySide6.QtCore import Qt

    page = page_for(qtbot, make_ctx("auditor"))
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "Tên tài liệu"


def test_a_form_amendment_with_new_texts_goes_through_the_gui(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    from isoqms.ui.document_dialogs import FormTextsDialog

    # after 02/12/2026, when the stock amendment 1.1 took effect
    clock.pin(dt.datetime(2026, 12, 3, 9, 0))
    monkeypatch.setattr(dialogs, "ask_password", lambda *_a: "demo")
    secretary = page_for(qtbot, make_ctx("iso_secretary"))
    select(qtbot, secretary, "BM.MC.2025.02")
    monkeypatch.setattr(dialogs, "run_dialog", revision_dialog("Sửa lời hướng dẫn", amendment=True))
    act(qtbot, secretary, secretary.draft_button)
    draft = secretary.revisions[-1]
    # after the stock library's own amendment 1.1 (its legal basis)
    assert (draft.issue, draft.amendment, draft.state, draft.is_form) == (1, 2, "draft", True)
    assert draft.places_changed == "Mục 5"

    def edit(dialog: QDialog) -> bool:
        assert isinstance(dialog, FormTextsDialog)
        qtbot.addWidget(dialog)
        dialog.set_text("sign_right", "CÔNG CHỨC HƯỚNG DẪN")
        dialog.set_text("papers_columns", "STT | Giấy tờ cần bổ sung | Số lượng")
        return True

    monkeypatch.setattr(dialogs, "run_dialog", edit)
    act(qtbot, secretary, secretary.texts_button)
    act(qtbot, secretary, secretary.submit_button)
    reviewer = page_for(qtbot, make_ctx("reviewer"))
    select(qtbot, reviewer, "BM.MC.2025.02")
    act(qtbot, reviewer, reviewer.review_button)
    approver = page_for(qtbot, make_ctx("approver"))
    select(qtbot, approver, "BM.MC.2025.02")
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: f"{clock.today():%d/%m/%Y}")
    act(qtbot, approver, approver.approve_button)
    assert approver.revisions[-1].standing == "effective"
    texts = document_service.form_texts(
        approver.ctx.db, approver.ctx.actor, approver.revisions[-1].id
    )
    assert texts["sign_right"] == "CÔNG CHỨC HƯỚNG DẪN"
    assert texts["papers_columns"] == ["STT", "Giấy tờ cần bổ sung", "Số lượng"]


def test_search_reaches_into_the_files(qtbot: QtBot, make_ctx: Callable[[str], AppContext]) -> None:
    page = page_for(qtbot, make_ctx("auditor"))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.search.setText("it nhat moi nam mot lan")
    codes = [page.model.row_at(i).code for i in range(page.model.rowCount())]
    assert codes == ["QT-DGNB-01", "QT-XXLD-01"]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.search.clear()
    assert page.model.rowCount() > 30


def test_print_a_controlled_copy_and_export_the_registers(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from isoqms.ui.document_dialogs import CopyDialog
    from tests.helpers_pdf import pdf_text

    page = page_for(qtbot, make_ctx("iso_secretary"))
    select(qtbot, page, "QT-KSHS-01")
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "Văn phòng UBND")
    act(qtbot, page, page.distribute_button)
    with qtbot.waitCallback(timeout=10_000) as callback:
        monkeypatch.setattr(dialogs, "run_dialog", lambda dialog: callback(dialog) or True)
        page.copy_button.click()
    dialog = callback.args[0]
    assert isinstance(dialog, CopyDialog)
    qtbot.addWidget(dialog)
    assert dialog.copy.count() == 2  # uncontrolled, and copy no. 1
    with qtbot.waitSignal(dialog.rendered, timeout=60_000):
        dialog.copy.setCurrentIndex(1)
    shown = dialog.pages.pages  # the copy's pages, rendered for the preview
    assert shown and all(not label.pixmap().isNull() for label in shown)
    first = shown[0].pixmap()
    assert first.height() > first.width() > 300  # an A4 page, upright, at 72 dpi
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(target))
    with qtbot.waitSignal(dialog.printed, timeout=60_000):
        dialog.save_button.click()
    text = " ".join(pdf_text(target.read_bytes(), tmp_path).split())
    assert "Bản có kiểm soát số 1 — Mã hiệu: QT-KSHS-01 — Lần ban hành: 01" in text

    registers = tmp_path / "danh-muc.xlsx"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(registers))
    with qtbot.waitSignal(page.registers_saved, timeout=30_000):
        page.export_button.click()
    import openpyxl

    book = openpyxl.load_workbook(registers)
    assert [s["A1"].value for s in book.worksheets] == [
        "DANH MỤC TÀI LIỆU NỘI BỘ",
        "DANH MỤC TÀI LIỆU BÊN NGOÀI",
        "DANH MỤC HỒ SƠ",
    ]


def test_generate_the_process_document_file_for_a_draft(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx = make_ctx("iso_secretary")
    rows = document_service.history(ctx.db, ctx.actor, "QT-HT-02")
    proc_rev = rows[-1]
    page = page_for(qtbot, ctx)
    select(qtbot, page, "QT-HT-02")
    from isoqms.db.models import DocumentRevision

    with ctx.db.read() as session:
        carried = session.get(DocumentRevision, proc_rev.id)
        assert carried is not None
        procedure_revision_id = carried.procedure_revision_id
    document_service.start_revision(
        ctx.db,
        ctx.actor,
        "QT-HT-02",
        change_summary="Cập nhật thành phần hồ sơ",
        procedure_revision_id=procedure_revision_id,
    )
    with qtbot.waitSignal(page.history_shown, timeout=10_000):
        page.show_history()
    act(qtbot, page, page.generate_button)
    draft = page.revisions[-1]
    assert draft.file_name == "QT-HT-02-lan-02.docx" and draft.file_sha256
