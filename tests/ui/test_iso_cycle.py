"""The ISO cycle tab: what the year owes, and the chair's declaration from the window."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from pytestqt.qtbot import QtBot

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.services import document_reviews, procedures
from isoqms.services.management_review import review_inputs
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.finding_dialogs import FindingDialog, PlanDialog, ReviewDialog, RiskDialog
from isoqms.ui.iso_cycle import IsoCyclePage
from tests.helpers import run_cli

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


def test_the_management_review_meeting_recorded_approved_and_its_minutes_saved(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    demo_year: Database,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The secretary records the meeting with two decisions; they are followed up as
    actions; the chair approves the record; anyone reading saves the minutes."""
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda _p, exc: errors.append(str(exc)))
    ctx = make_ctx("iso_secretary")  # on the demo with five weeks of the counter
    secretary = page_for(qtbot, ctx)
    assert secretary.record_review_button.isVisible()
    assert not secretary.approve_review_button.isVisible()  # the chair approves
    before = {r.number for r in secretary.snapshot.reviews}  # type: ignore[union-attr]

    failed: list[BaseException] = []

    def fill(dialog: object) -> bool:
        try:
            return filled(dialog)
        except BaseException as exc:  # an assertion in a slot would abort the process
            failed.append(exc)
            return False

    def filled(dialog: object) -> bool:
        assert isinstance(dialog, ReviewDialog)
        assert dialog.chair.text() == "Nguyễn Văn Hùng"  # the chair, offered
        dialog.accept()  # no participants, no conclusion: said, and the dialog stays
        assert not dialog.problem.isHidden() and "thành phần" in dialog.problem.text()
        dialog.participants.setPlainText("Ban chỉ đạo ISO; công chức Một cửa")
        dialog.conclusion.setPlainText("Hệ thống phù hợp, có hiệu lực")
        dialog.add_button.click()
        dialog.accept()  # a decision with no text: said
        assert "dòng 1" in dialog.problem.text()
        dialog.decisions.item(0, 0).setText("Tập huấn tiếp nhận hồ sơ trực tuyến")
        row = dialog.add_decision("Bổ sung máy phát điện", "officer")
        assert row == 1
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill)
    with qtbot.waitSignal(secretary.loaded, timeout=15_000):
        secretary.record_review_button.click()
    assert not failed, failed
    meeting = secretary.snapshot.review  # type: ignore[union-attr]
    assert meeting is not None and meeting.number not in before and len(meeting.decisions) == 2
    actions = {f.number: f for f in secretary.snapshot.findings}  # type: ignore[union-attr]
    assert actions[meeting.decisions[1]].owner == "officer"
    assert actions[meeting.decisions[1]].state == "planned"
    # the figures the meeting was given are the counter's own, as `isoqms report` gives them
    url = secretary.ctx.db.url.render_as_string(hide_password=False)
    figures = run_cli(
        "--db", url, "--user", "auditor", "report", "--from", f"{meeting.year}-01-01",
        "--to", meeting.held_on.isoformat(), "--json", env={"ISOQMS_PASSWORD": "demo"},
    )  # fmt: skip
    assert figures.returncode == 0, figures.stderr
    counter = json.loads(figures.stdout)
    kept = meeting.inputs["report"]
    assert isinstance(kept, dict)
    assert kept == {k: counter[k] for k in kept}
    actual = {o["title"]: o["actual"] for o in meeting.inputs["objectives"]}  # type: ignore[attr-defined]
    assert actual["≥ 99% hồ sơ được giải quyết trước và đúng hạn"] == (
        "—" if counter["on_time_rate"] is None
        else f"{counter['on_time_rate']:.2f}%".replace(".", ",")
    )  # fmt: skip
    text = secretary.summary.toPlainText()
    assert f"Cuộc họp {meeting.number}" in text and "2 quyết định, 2 còn mở" in text
    assert "chưa phê duyệt" in text

    chair = page_for(qtbot, make_ctx("approver"))
    assert chair.approve_review_button.isVisible()
    monkeypatch.setattr(dialogs, "confirm", lambda *_a: True)
    with qtbot.waitSignal(chair.loaded, timeout=10_000):
        chair.approve_review_button.click()
    assert chair.snapshot.review.approved_on == clock.today()  # type: ignore[union-attr]
    assert not chair.approve_review_button.isVisible()

    reader = page_for(qtbot, make_ctx("auditor"))
    assert reader.minutes_button.isVisible() and not reader.record_review_button.isVisible()
    out = tmp_path / "bien-ban.docx"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(out))
    with qtbot.waitSignal(reader.minutes_saved, timeout=15_000):
        reader.minutes_button.click()
    document = DocxDocument(str(out))
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert {"Tập huấn tiếp nhận hồ sơ trực tuyến", "Bổ sung máy phát điện"} <= cells
    assert "BIÊN BẢN" in {p.text for p in document.paragraphs}
    assert not errors
