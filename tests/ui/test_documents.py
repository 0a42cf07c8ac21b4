"""The controlled-document register in the GUI: three people take a revision through."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.documents import NewDocumentDialog, RegisterPage


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
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "Ban hành lần đầu")
    act(qtbot, secretary, secretary.draft_button)
    source = tmp_path / "hd.docx"
    doc = DocxDocument()
    doc.add_paragraph("Hướng dẫn")
    buffer = io.BytesIO()
    doc.save(buffer)
    source.write_bytes(buffer.getvalue())
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
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: f"{dt.date.today():%d/%m/%Y}")
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
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "Sửa đổi chính sách")
    act(qtbot, page, page.draft_button)
    with qtbot.waitCallback(timeout=10_000) as callback:
        monkeypatch.setattr(dialogs, "error", lambda _p, exc: callback(str(exc)))
        page.submit_button.click()
    assert "chưa có nội dung" in callback.args[0]


def test_the_register_shows_what_waits_for_the_committee(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    page = page_for(qtbot, make_ctx("iso_secretary"))
    assert page.reminders.isVisible()
    assert "Chờ ban chỉ đạo xử lý" in page.reminders.text()
    assert "Đến hạn xem xét định kỳ" in page.reminders.text()


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
    from isoqms.ui.documents import CompareDialog

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
