"""The internal audit tab driven as its users would: the secretary plans an audit, the
chair approves the programme, the internal auditor answers the checklist (a nonconformity
among the answers becomes a finding) and reports; the report is a Word file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from pytestqt.qtbot import QtBot

from isoqms.services.findings import findings
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.internal_audit import AnswerDialog, AuditPlanDialog, InternalAuditPage


def page_for(qtbot: QtBot, ctx: AppContext) -> InternalAuditPage:
    page = InternalAuditPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def test_an_internal_audit_from_plan_to_report(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda _p, exc: errors.append(str(exc)))
    secretary = page_for(qtbot, make_ctx("iso_secretary"))
    assert secretary.plan_button.isVisible() and not secretary.approve_button.isVisible()
    before = secretary.audits.rowCount()

    def fill_plan(dialog: object) -> bool:
        assert isinstance(dialog, AuditPlanDialog)
        dialog.accept()  # nothing filled in: said, and the dialog stays
        assert not dialog.problem.isHidden()
        dialog.title.setText("Đánh giá quy trình khai sinh")
        dialog.tick("QT-HT-01")
        dialog.lead.setCurrentIndex(dialog.lead.findData("internal_auditor"))
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill_plan)
    with qtbot.waitSignal(secretary.loaded, timeout=10_000):
        secretary.plan_button.click()
    assert secretary.audits.rowCount() == before + 1
    planned = secretary.snapshot.audits[-1]  # type: ignore[union-attr]
    assert planned.processes == ("QT-HT-01",) and planned.lead_name == "Đinh Văn Khải"
    assert "chưa phê duyệt" in secretary.status.text()

    chair = page_for(qtbot, make_ctx("approver"))
    assert chair.approve_button.isVisible()
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "Theo Kế hoạch ISO năm")
    with qtbot.waitSignal(chair.loaded, timeout=10_000):
        chair.approve_button.click()
    assert "đã phê duyệt" in chair.status.text() and "Nguyễn Văn Hùng" in chair.status.text()

    auditor = page_for(qtbot, make_ctx("internal_auditor"))
    auditor.audits.selectRow(auditor.audits.rowCount() - 1)
    audit = auditor.selected_audit()
    assert audit is not None and audit.number == planned.number
    assert auditor.checklist.rowCount() == audit.questions
    assert not auditor.plan_button.isVisible()

    def conform(dialog: object) -> bool:
        assert isinstance(dialog, AnswerDialog)
        dialog.verdict.setCurrentIndex(dialog.verdict.findData("conform"))
        dialog.evidence.setPlainText("document:QT-HT-01")
        return True

    def nonconform(dialog: object) -> bool:
        assert isinstance(dialog, AnswerDialog)
        dialog.verdict.setCurrentIndex(dialog.verdict.findData("nonconform"))
        dialog.accept()  # a nonconformity without its description: said
        assert not dialog.problem.isHidden()
        dialog.note.setPlainText("Bước 1 không ghi sổ theo dõi hồ sơ")
        return True

    steps = [i.seq for i in audit.items if i.source == "step"]
    for row in range(audit.questions):
        auditor.checklist.selectRow(row)
        assert auditor.answer_button.isVisible() and auditor.answer_button.isEnabled()
        chosen = nonconform if row + 1 == steps[0] else conform
        monkeypatch.setattr(dialogs, "run_dialog", chosen)
        with qtbot.waitSignal(auditor.loaded, timeout=10_000):
            auditor.answer_button.click()
    done = auditor.selected_audit()
    assert done is not None and done.answered == done.questions and done.nonconformities == 1
    raised = done.items[steps[0] - 1].finding
    assert raised and auditor.checklist.item(steps[0] - 1, 4).text() == raised
    kept = {f.number: f for f in findings(auditor.ctx.db, auditor.ctx.actor)}[raised]
    assert kept.process == "QT-HT-01" and kept.source == "audit"

    out = tmp_path / "bao-cao-danh-gia.docx"
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "Quy trình được thực hiện, 1 điểm KPH")
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(out))
    with qtbot.waitSignal(auditor.report_saved, timeout=15_000):
        auditor.report_button.click()
    document = DocxDocument(str(out))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert planned.number in text and raised in text and "1 điểm KPH" in text
    assert "DỰ THẢO" not in text
    with qtbot.waitSignal(auditor.loaded, timeout=10_000):
        auditor.refresh()
    closed = auditor.selected_audit()
    assert closed is not None and closed.state == "reported"
    assert not auditor.answer_button.isVisible()  # a reported audit is closed to changes
    assert not errors
