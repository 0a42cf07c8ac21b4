"""The ISO cycle tab: what the year owes, and the chair's declaration from the window."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from pytestqt.qtbot import QtBot

from isoqms.domain import clock
from isoqms.services import document_reviews, procedures
from isoqms.services.management_review import review_inputs
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.finding_dialogs import FindingDialog, PlanDialog, RiskDialog
from isoqms.ui.iso_cycle import IsoCyclePage

ROOT = Path(__file__).resolve().parents[2]


def page_for(qtbot: QtBot, ctx: AppContext) -> IsoCyclePage:
    page = IsoCyclePage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def test_the_secretary_sees_the_cycle_and_may_not_declare(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    page = page_for(qtbot, make_ctx("iso_secretary"))
    text = page.summary.toPlainText()
    assert "Quyết định số 125/QĐ-UBND" in text and "phạm vi 10 thủ tục" in text
    assert "Công bố hiện có vẫn đúng phạm vi" in text
    assert "2 đến hạn xem xét định kỳ" in text and "1 chờ xem xét" in text
    assert not page.declare_button.isVisible()


def test_a_withdrawn_decree_and_a_new_procedure_then_the_chair_declares_again(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    ctx = make_ctx("approver")
    document_reviews.withdraw(ctx.db, ctx.actor, "123/2015/NĐ-CP", reason="Được thay thế")
    full = json.loads((ROOT / "resources" / "demo" / "procedures.json").read_text("utf-8"))
    entry = copy.deepcopy(full["procedures"][0])
    entry.update(code="1.009999", name="Thủ tục đăng ký giám hộ")
    secretary = make_ctx("iso_secretary").actor
    procedures.import_content(ctx.db, secretary, json.dumps({**full, "procedures": [entry]}))
    page = page_for(qtbot, ctx)
    text = page.summary.toPlainText()
    assert "Cần công bố lại" in text and "1.009999" in text
    assert "QT-HT-01 — Cập nhật theo 123/2015/NĐ-CP" in text
    assert page.declare_button.isVisible()
    out = tmp_path / "cong-bo.docx"
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "130/QĐ-UBND")
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(out))
    with qtbot.waitSignal(page.declared, timeout=15_000) as made:
        page.declare_button.click()
    assert made.args[0].number == "130/QĐ-UBND"
    cells = [c.text for t in DocxDocument(str(out)).tables for r in t.rows for c in r.cells]
    assert "Số: 130/QĐ-UBND" in cells and "1.001193" in cells
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()
    assert "Quyết định số 130/QĐ-UBND" in page.summary.toPlainText()


def test_a_finding_from_raised_to_a_verified_corrective_action(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The secretary raises a nonconformity and gives the action to the officer; the
    officer records it done; the reviewer — not the owner — finds it effective."""
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda _p, exc: errors.append(str(exc)))
    secretary = page_for(qtbot, make_ctx("iso_secretary"))
    overdue = [f for f in secretary.snapshot.findings if f.overdue]  # type: ignore[union-attr]
    assert overdue and "quá hạn" in secretary.findings.item(1, 3).text()
    assert secretary.raise_button.isVisible()

    def fill_finding(dialog: object) -> bool:
        assert isinstance(dialog, FindingDialog)
        dialog.accept()  # nothing described: said, and the dialog stays
        assert not dialog.problem.isHidden()
        dialog.description.setPlainText("Sổ theo dõi hồ sơ tháng 11 ghi thiếu ngày trả kết quả")
        dialog.clause.setText("8.5.1")
        dialog.process.setText("QT-HT-01")
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill_finding)
    with qtbot.waitSignal(secretary.loaded, timeout=10_000):
        secretary.raise_button.click()
    number = secretary.snapshot.findings[-1].number  # type: ignore[union-attr]
    secretary.select(number)
    assert secretary.plan_button.isVisible() and not secretary.verify_button.isVisible()

    def fill_plan(dialog: object) -> bool:
        assert isinstance(dialog, PlanDialog)
        dialog.correction.setPlainText("Ghi bổ sung ngày trả")
        dialog.cause.setPlainText("Chưa có cột ngày trả trên sổ in")
        dialog.action.setPlainText("In lại sổ theo Mẫu 07 có cột ngày trả")
        dialog.owner.setCurrentIndex(dialog.owner.findData("officer"))
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill_plan)
    with qtbot.waitSignal(secretary.loaded, timeout=10_000):
        secretary.plan_button.click()
    planned = secretary.selected()
    assert planned is not None and planned.owner == "officer" and planned.state == "planned"
    assert not secretary.done_button.isVisible()  # only the owner records it done

    officer = page_for(qtbot, make_ctx("officer"))
    officer.select(number)
    assert officer.done_button.isVisible() and not officer.raise_button.isVisible()
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "Đã in lại sổ, ghi đủ ngày trả")
    with qtbot.waitSignal(officer.loaded, timeout=10_000):
        officer.done_button.click()

    reviewer = page_for(qtbot, make_ctx("reviewer"))
    reviewer.select(number)
    assert reviewer.verify_button.isVisible()
    monkeypatch.setattr(dialogs, "ask_item", lambda *_a: 0)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "Kiểm tra sổ tháng 12: đủ ngày trả")
    with qtbot.waitSignal(reviewer.loaded, timeout=10_000):
        reviewer.verify_button.click()
    closed = reviewer.selected()
    assert closed is not None and closed.state == "closed" and closed.effective
    assert not errors


def test_the_management_review_report_from_the_window(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    page = page_for(qtbot, make_ctx("auditor"))  # reading is enough
    assert page.review_button.isVisible() and not page.raise_button.isVisible()
    out = tmp_path / "xem-xet.docx"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(out))
    with qtbot.waitSignal(page.review_saved, timeout=15_000):
        page.review_button.click()
    text = "\n".join(p.text for p in DocxDocument(str(out)).paragraphs)
    ctx = make_ctx("auditor")
    count = len(review_inputs(ctx.db, ctx.actor, clock.today().year).findings)
    assert "Đầu vào xem xét của lãnh đạo" in text and f"{count} phát hiện trong năm" in text


def test_a_risk_added_and_reviewed_from_the_window(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_for(qtbot, make_ctx("iso_secretary"))
    assert page.risks.rowCount() == 3 and page.add_risk_button.isVisible()
    assert not page.review_risk_button.isVisible()  # nothing selected

    def fill(dialog: object) -> bool:
        assert isinstance(dialog, RiskDialog)
        dialog.accept()  # nothing described: said, and the dialog stays
        assert not dialog.problem.isHidden()
        dialog.description.setPlainText("Hỏng máy in Giấy tiếp nhận tại Quầy 1")
        dialog.process.setText("QT-HT-01")
        dialog.likelihood.setCurrentIndex(dialog.likelihood.findData(3))
        dialog.impact.setCurrentIndex(dialog.impact.findData(2))
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.add_risk_button.click()
    added = [r for r in page.snapshot.risks if r.description.startswith("Hỏng máy in")]  # type: ignore[union-attr]
    assert len(added) == 1 and added[0].level == "Cao"
    rows = [page.risks.item(i, 2) for i in range(page.risks.rowCount())]
    page.risks.selectRow(next(i for i, it in enumerate(rows) if it and "máy in" in it.text()))
    line = page.selected_risk()
    assert line is not None and page.review_risk_button.isVisible()

    def lower(dialog: object) -> bool:
        assert isinstance(dialog, RiskDialog)
        assert dialog.description.toPlainText() == line.description  # the line as it is
        dialog.likelihood.setCurrentIndex(dialog.likelihood.findData(1))
        return True

    monkeypatch.setattr(dialogs, "run_dialog", lower)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.review_risk_button.click()
    again = next(r for r in page.snapshot.risks if r.id == line.id)  # type: ignore[union-attr]
    assert again.likelihood == 1 and again.reviewed_on is not None
