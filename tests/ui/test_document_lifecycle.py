"""The ISO secretary's whole job in the window: the secretary edits a procedure's processing
time and a paper in the content editor, generates the process document for the draft and
submits it; the reviewer reviews; the approver approves from a day D — a receipt at D−1
keeps the old time, one at D has the new. Then withdrawal, a copy signed for and recalled,
and a periodic review with no change: each by the right person, refused for the wrong."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from isoqms.domain import clock
from isoqms.services import intake, procedures
from isoqms.services.intake import Applicant, IntakeDraft
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.document_dialogs import NewRevisionDialog
from isoqms.ui.procedure_editor import PAPER_COLUMNS, ProcedureContentDialog
from tests.ui.test_documents import act, page_for, select

D = dt.date(2026, 12, 3)


def _new_issue(dialog: QDialog) -> bool:
    assert isinstance(dialog, NewRevisionDialog)
    dialog.summary.setText("Rút ngắn thời hạn, thêm bản sao tờ khai")
    dialog.places.setText("Mục 5.2, 5.4")
    dialog.new_issue.setChecked(True)
    return True


def _edit(dialog: QDialog) -> bool:
    """What the secretary types: a bad number first (said in Vietnamese, the dialog stays
    open), then 2 working days and one more copy of the first paper."""
    assert isinstance(dialog, ProcedureContentDialog)
    dialog.papers.table.item(0, 3).setText("hai")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "số nguyên" in dialog.problem.text() and not dialog.problem.isHidden()
    dialog.papers.table.item(0, 3).setText("1")
    dialog.unit.setCurrentIndex(dialog.unit.findData("days"))
    dialog.amount.setValue(2)
    # a paper asked for only in some cases: a new row, its box ticked
    dialog.papers.add_button.click()
    row = dialog.papers.rows() - 1
    dialog.papers.table.item(row, 0).setText("Văn bản ủy quyền (trường hợp ủy quyền)")
    dialog.papers.table.item(row, 1).setText("1")
    box = dialog.papers.table.item(row, PAPER_COLUMNS)
    assert box is not None and box.checkState() == Qt.CheckState.Unchecked
    box.setCheckState(Qt.CheckState.Checked)
    assert dialog.content().papers[-1].required is False
    changes = dialog.changes.toPlainText()
    assert "Thời hạn giải quyết" in changes and "02 ngày làm việc" in changes
    assert "Thành phần hồ sơ số 1" in changes
    dialog.accept()
    return dialog.result() == QDialog.DialogCode.Accepted


def _receipt(ctx: AppContext, at: dt.datetime) -> intake.DossierView:
    with clock.travel(at):
        draft = IntakeDraft("1.001193", Applicant("Lê Thị Mai"))
        return intake.receive(ctx.db, ctx.actor, draft)


def test_secretary_reviewer_approver_then_every_end_of_life(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "ask_password", lambda *_a: "demo")
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda _p, exc: errors.append(str(exc)))
    old = procedures.latest_revision(make_ctx("clerk").db, "1.001193").content

    # the secretary: a new issue of QT-HT-01, its content edited, the file generated
    secretary = page_for(qtbot, make_ctx("iso_secretary"))
    select(qtbot, secretary, "QT-HT-01")
    assert secretary.draft_button.isVisible() and not secretary.withdraw_button.isVisible()
    monkeypatch.setattr(dialogs, "run_dialog", _new_issue)
    act(qtbot, secretary, secretary.draft_button)
    assert secretary.content_button.isVisible() and secretary.generate_button.isVisible()
    monkeypatch.setattr(dialogs, "run_dialog", _edit)
    act(qtbot, secretary, secretary.content_button)
    act(qtbot, secretary, secretary.generate_button)
    draft = secretary.revisions[-1]
    assert draft.file_name == "QT-HT-01-lan-02.docx" and draft.file_sha256
    act(qtbot, secretary, secretary.submit_button)
    assert secretary.revisions[-1].state == "in_review"
    assert not secretary.submit_button.isVisible()

    # the reviewer signs; the approver could not before that
    approver = page_for(qtbot, make_ctx("approver"))
    select(qtbot, approver, "QT-HT-01")
    assert not approver.approve_button.isVisible()
    reviewer = page_for(qtbot, make_ctx("reviewer"))
    select(qtbot, reviewer, "QT-HT-01")
    assert reviewer.review_button.isVisible() and not reviewer.approve_button.isVisible()
    act(qtbot, reviewer, reviewer.review_button)

    # the approver approves from D
    select(qtbot, approver, "QT-HT-02")
    select(qtbot, approver, "QT-HT-01")
    assert approver.approve_button.isVisible()
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: f"{D:%d/%m/%Y}")
    act(qtbot, approver, approver.approve_button)
    issued = approver.revisions[-1]
    assert issued.state == "approved" and issued.effective_from == D
    assert len({s.full_name for s in issued.signatures}) == 3
    assert not errors

    # the counter: the old time the day before D, the new time from D
    clerk = make_ctx("clerk")
    before = _receipt(clerk, dt.datetime.combine(D - dt.timedelta(days=1), dt.time(9)))
    after = _receipt(clerk, dt.datetime.combine(D, dt.time(9)))
    assert before.duration_text == old.duration_text
    assert after.duration_text.startswith("02 ngày làm việc")

    # from D: a copy handed out and signed for, then the document withdrawn and the copy
    # recalled; a periodic review of another document
    clock.pin(dt.datetime.combine(D, dt.time(10)))
    secretary = page_for(qtbot, make_ctx("iso_secretary"))
    select(qtbot, secretary, "QT-HT-01")
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "Tổ một cửa")
    act(qtbot, secretary, secretary.distribute_button)
    assert secretary.ack_button.isVisible()
    monkeypatch.setattr(dialogs, "ask_item", lambda *_a: 0)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "Trần Thị Lan")
    act(qtbot, secretary, secretary.ack_button)
    assert "Trần Thị Lan" in secretary.detail.toPlainText()
    assert not secretary.ack_button.isVisible()

    reviewer = page_for(qtbot, make_ctx("reviewer"))
    select(qtbot, reviewer, "QT-HT-01")
    assert not reviewer.withdraw_button.isVisible() and not reviewer.recall_button.isVisible()
    answers = iter(["Bãi bỏ", f"{D:%d/%m/%Y}"])
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: next(answers))
    reviewer.withdraw()  # reached anyway: refused by the service, nothing changed
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "quyền" in errors.pop()

    approver = page_for(qtbot, make_ctx("approver"))
    select(qtbot, approver, "QT-HT-01")
    answers = iter(["Thủ tục được thay thế", f"{D:%d/%m/%Y}"])
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: next(answers))
    act(qtbot, approver, approver.withdraw_button)
    assert approver.revisions[-1].standing == "withdrawn"
    assert "Thủ tục được thay thế" in approver.detail.toPlainText()
    assert not approver.withdraw_button.isVisible()

    with qtbot.waitSignal(secretary.loaded, timeout=10_000):
        secretary.refresh()
    select(qtbot, secretary, "QT-HT-01")
    assert "cần thu hồi" in secretary.detail.toPlainText()
    act(qtbot, secretary, secretary.recall_button)
    assert "cần thu hồi" not in secretary.detail.toPlainText()
    assert not secretary.recall_button.isVisible()

    # the periodic review: the secretary may not; the reviewer records it
    select(qtbot, secretary, "QT-HT-03")
    assert not secretary.periodic_button.isVisible()
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "Vẫn phù hợp")
    secretary.periodic_review()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "quyền" in errors.pop()
    select(qtbot, reviewer, "QT-HT-03")
    assert reviewer.periodic_button.isVisible()
    act(qtbot, reviewer, reviewer.periodic_button)
    current = reviewer.revisions[-1]
    assert current.signatures[-1].meaning == "periodic"
    assert "Vẫn phù hợp" in reviewer.detail.toPlainText()
    assert not errors
