"""Báo cáo in the GUI: the period's figures and chart, export, quality objectives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from pytestqt.qtbot import QtBot

from isoqms.domain import clock
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.reports import ObjectiveDialog, ReportsPage
from tests.helpers_journey import Desk


def page_for(qtbot: QtBot, ctx: AppContext) -> ReportsPage:
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignals([page.statistics.loaded, page.objectives.loaded], timeout=20_000):
        page.show()
    return page


def figures(page: ReportsPage) -> dict[str, str]:
    model = page.statistics.indicators
    return {
        str(model.data(model.index(r, 0))): str(model.data(model.index(r, 1)))
        for r in range(model.rowCount())
    }


def test_november_figures_chart_and_export(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], desk: Desk, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    page = page_for(qtbot, make_ctx("auditor"))
    panel = page.statistics
    panel.kind.setCurrentIndex(panel.kind.findData("month"))
    panel.year.setValue(2026)
    panel.number.setValue(11)
    panel.by.setCurrentIndex(panel.by.findData("field"))
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.show_button.click()
    shown = figures(page)
    assert shown["Số hồ sơ mới tiếp nhận"] == "14"
    # Decision 766: 8 of the 15 dossiers of November neither late nor unhappy
    assert shown["Tỷ lệ giải quyết trước và đúng hạn (%)"] == "53,33"
    assert shown["Tỷ lệ hài lòng (%)"] == "53,33"
    assert panel.title.text() == "<b>Tháng 11/2026</b>"
    assert panel.breakdown.rowCount() == 2 and panel.detail_view.isVisibleTo(panel)
    assert dict((b[0], b[1]) for b in panel.chart.bars)["Quá hạn"] == 3
    out = tmp_path / "bao-cao.docx"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(out))
    with qtbot.waitSignal(panel.exported, timeout=20_000):
        panel.export_button.click()
    text = "\n".join(c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells)
    assert "53,33" in text and "Hộ tịch" in text
    assert not page.objectives.add_button.isVisibleTo(page)  # the auditor reads only


def test_the_secretary_sets_an_objective_measured_by_the_statistics(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    clock.pin(dt.datetime(2026, 11, 27, 10, 0))  # November is the latest period
    page = page_for(qtbot, make_ctx("iso_secretary"))
    panel = page.objectives
    if panel.year.value() != 2026:
        with qtbot.waitSignal(panel.loaded, timeout=10_000):
            panel.year.setValue(2026)

    def fill(dialog: object) -> bool:
        assert isinstance(dialog, ObjectiveDialog)
        dialog.title.setText("≥ 99% hồ sơ giải quyết trước và đúng hạn")
        dialog.metric_box.setCurrentIndex(dialog.metric_box.findData("on_time_rate"))
        dialog.target.setValue(99)
        dialog.period.setCurrentIndex(dialog.period.findData("month"))
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill)
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        panel.add_button.click()
    model = panel.model
    assert model.rowCount() == 1
    row = [str(model.data(model.index(0, c))) for c in range(model.columnCount())]
    assert row[0] == "≥ 99% hồ sơ giải quyết trước và đúng hạn"
    # judged at 27/11 10:00: 13 dossiers in November's base, 7 of them late (766)
    assert row[2:5] == ["Tháng 11/2026", "46,15%", "Không đạt"]
    assert "T10: 50,00 ✗; T11: 46,15 ✗" in row[5]  # A, open and overdue, in October's too

    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda _p, exc: errors.append(str(exc)))

    def bad(dialog: object) -> bool:
        assert isinstance(dialog, ObjectiveDialog)
        dialog.title.setText("")
        return True

    monkeypatch.setattr(dialogs, "run_dialog", bad)
    panel.add_button.click()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "Chưa nhập nội dung mục tiêu" in errors[0]


def test_a_nonconformity_raised_from_the_months_late_dossiers(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """The figures show late dossiers: the secretary raises the nonconformity from them,
    the form already holding the period, the counts and the clause."""
    from isoqms.services.findings import findings
    from isoqms.ui.finding_dialogs import FindingDialog

    reader = page_for(qtbot, make_ctx("auditor"))
    assert not reader.statistics.finding_button.isVisibleTo(reader)  # reading only
    ctx = make_ctx("iso_secretary")
    page = page_for(qtbot, ctx)
    panel = page.statistics
    panel.kind.setCurrentIndex(panel.kind.findData("month"))
    panel.year.setValue(2026)
    panel.number.setValue(11)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.show_button.click()
    assert panel.finding_button.isVisibleTo(page)
    report = panel.report
    assert report is not None and report.total.resolved_late == 3
    seen: list[str] = []

    def keep(dialog: object) -> bool:
        assert isinstance(dialog, FindingDialog)
        draft = dialog.draft()
        seen.append(draft.description)
        assert (draft.kind, draft.source, draft.clause) == (
            "nonconformity",
            "late_dossier",
            "8.5.1",
        )
        assert "Báo cáo thống kê Tháng 11/2026" in draft.evidence
        return True

    monkeypatch.setattr(dialogs, "run_dialog", keep)
    with qtbot.waitSignal(panel.finding_raised, timeout=10_000) as raised:
        panel.finding_button.click()
    assert seen and seen[0].startswith("Tháng 11/2026: 3 hồ sơ giải quyết quá hạn")
    made = next(f for f in findings(ctx.db, ctx.actor) if f.number == raised.args[0])
    assert made.description == seen[0] and made.source == "late_dossier"
    assert made.state == "open" and made.raised_by == "Lê Thị Thu Hương"
