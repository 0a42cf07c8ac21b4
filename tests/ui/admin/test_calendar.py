from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from isoqms.services import calendar as calendar_service
from isoqms.services import unit as unit_service
from isoqms.ui import dialogs
from isoqms.ui.admin.calendar import OFF_WEEKDAY, WORKED_WEEKEND, CalendarPage, EntryDialog
from isoqms.ui.admin.unit import UnitPage
from isoqms.ui.context import AppContext
from tests.helpers import audit_count


def page_for(qtbot: QtBot, ctx: AppContext, year: int = 2026) -> CalendarPage:
    page = CalendarPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    if page.year.value() != year:
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            page.year.setValue(year)
    return page


def colour(page: CalendarPage, day: dt.date) -> object:
    brush = page.year_model.index(day.month - 1, day.day - 1).data(Qt.ItemDataRole.BackgroundRole)
    return brush.color() if brush is not None else None


def test_year_view_marks_days_off_and_make_up_saturdays(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], qtmodeltester: ModelTester
) -> None:
    page = page_for(qtbot, make_ctx("admin"), 2026)
    qtmodeltester.check(page.year_model)
    qtmodeltester.check(page.exceptions_model)
    assert colour(page, dt.date(2026, 1, 2)) == OFF_WEEKDAY
    assert colour(page, dt.date(2026, 1, 10)) == WORKED_WEEKEND
    assert colour(page, dt.date(2026, 1, 5)) is None
    tip = page.year_model.index(0, 9).data(Qt.ItemDataRole.ToolTipRole)
    assert "Thứ Bảy, 10/01/2026: ngày làm việc" in tip and "Làm bù" in tip
    assert page.year_model.index(1, 29).flags() == Qt.ItemFlag.NoItemFlags  # 30 February
    dates = [page.exceptions_model.row_at(r).day for r in range(page.exceptions_model.rowCount())]
    assert dt.date(2026, 8, 22) in dates and dt.date(2026, 11, 24) in dates
    assert page.exceptions_model.index(0, 4).data() == "Bộ luật Lao động"  # 1/1 by the rules


def test_admin_adds_and_removes_an_entry(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = make_ctx("admin")
    page = page_for(qtbot, ctx, 2027)
    events = audit_count(ctx.db)

    def fill(dialog: QDialog) -> bool:
        assert isinstance(dialog, EntryDialog)
        dialog.date.setDate(QDate(2027, 2, 13))
        dialog.kind.setCurrentIndex(1)
        dialog.name.setText("Làm bù Tết Đinh Mùi")
        dialog.source.setText("Thông báo lịch nghỉ Tết 2027")
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.add_button.click()
    assert colour(page, dt.date(2027, 2, 13)) == WORKED_WEEKEND
    assert audit_count(ctx.db) == events + 1

    monkeypatch.setattr(dialogs, "confirm", lambda *_a: True)
    row = next(
        r
        for r in range(page.exceptions_model.rowCount())
        if page.exceptions_model.row_at(r).day == dt.date(2027, 2, 13)
    )
    page.list.selectRow(row)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.remove_button.click()
    assert colour(page, dt.date(2027, 2, 13)) != WORKED_WEEKEND


def test_rule_days_cannot_be_removed_only_overridden(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_for(qtbot, make_ctx("admin"), 2026)
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda _p, exc: shown.append(str(exc)))
    page.list.selectRow(0)  # 01/01/2026, by the Labor Code
    page.remove_button.click()
    assert shown and "01/01/2026 không có mục nào trong lịch chính thức" in shown[0]


def test_import_and_export(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    ctx = make_ctx("admin")
    page = page_for(qtbot, ctx, 2027)
    source = tmp_path / "2027.csv"
    source.write_text(
        "date,kind,name,source\n2027-02-04,off,Nghỉ Tết,TB 2027\n"
        "2027-02-20,working,Làm bù,TB 2027\n",
        encoding="utf-8-sig",
    )
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_a: str(source))
    told: list[str] = []
    monkeypatch.setattr(dialogs, "info", lambda _p, _t, text: told.append(text))
    with qtbot.waitSignal(page.imported, timeout=10_000):
        page.import_button.click()
    assert told == ["Đã đọc 2 mục lịch: 2 mục mới hoặc thay đổi, 0 mục giữ nguyên."]
    qtbot.waitUntil(lambda: colour(page, dt.date(2027, 2, 20)) == WORKED_WEEKEND, timeout=10_000)

    target = tmp_path / "out.csv"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(target))
    with qtbot.waitSignal(page.exported, timeout=10_000):
        page.export_button.click()
    assert target.read_text(encoding="utf-8-sig").splitlines() == [
        "date,kind,name,source",
        "2027-02-04,off,Nghỉ Tết,TB 2027",
        "2027-02-20,working,Làm bù,TB 2027",
    ]


def test_a_bad_import_file_is_explained_and_changes_nothing(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    ctx = make_ctx("admin")
    page = page_for(qtbot, ctx, 2027)
    bad = tmp_path / "bad.csv"
    bad.write_text("date,kind,name\n2027-02-04,holiday,Tết\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_a: str(bad))
    before = calendar_service.list_entries(ctx.db)
    with qtbot.waitCallback(timeout=10_000) as callback:
        monkeypatch.setattr(dialogs, "error", lambda _p, exc: callback(str(exc)))
        page.import_button.click()
    assert "dòng 2" in callback.args[0] and "holiday" in callback.args[0]
    assert calendar_service.list_entries(ctx.db) == before


def test_others_read_the_calendar_without_editing(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    page = page_for(qtbot, make_ctx("clerk"), 2026)
    assert not page.add_button.isVisible() and not page.import_button.isVisible()
    assert page.export_button.isVisible()


def test_unit_page_sets_the_deadline_policy(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    ctx = make_ctx("admin")
    page = UnitPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    assert page.policy.currentData() == "day-end"
    page.policy.setCurrentIndex(page.policy.findData("hours"))
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.save_button.click()
    assert unit_service.get_unit(ctx.db).deadline_policy == "hours"
    assert dataclasses.replace(unit_service.get_unit(ctx.db), deadline_policy="day-end")

    # the supplement rule per regime: restart by default, pause chosen for the 2018 forms
    rules = page.supplement_rules
    assert [rules[r].currentData() for r in ("2018", "2025")] == ["restart", "restart"]
    rules["2018"].setCurrentIndex(rules["2018"].findData("pause"))
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.save_button.click()
    saved = unit_service.get_unit(ctx.db)
    assert (saved.supplement_rule_2018, saved.supplement_rule_2025) == ("pause", "restart")
    assert saved.deadline_policy == "hours"


def test_a_missing_official_schedule_is_said_on_the_page_and_in_the_status_bar(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    from isoqms.ui.main_window import MainWindow

    ctx = make_ctx("admin")
    page = page_for(qtbot, ctx, 2027)
    assert page.warning.isVisibleTo(page)
    assert "2027" in page.warning.text() and "Bộ luật Lao động" in page.warning.text()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.schedule_label.isVisibleTo(window), timeout=10_000)
    assert "2027" in window.schedule_label.text()
    assert "Chưa có lịch nghỉ chính thức năm 2027" in window.schedule_label.toolTip()
