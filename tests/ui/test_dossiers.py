"""Hồ sơ in the GUI: scanning a slip's code opens the dossier, every transition through
the dossier window by the right person, the queue and the tracking book."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.journey import Action, DossierState, Rating
from isoqms.services import intake, journey
from isoqms.services.calendar import unit_schedule
from isoqms.services.intake import Applicant, IntakeDraft
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.dossiers import ActionDialog, DossierDialog, DossiersPage, LedgerPanel, _qt
from tests.helpers import login
from tests.helpers_journey import Desk

CIVIL = "1.004873"


def received(db: Database, days_ago: int = 1) -> str:
    at = clock.now().replace(second=0, microsecond=0) - dt.timedelta(days=days_ago)
    draft = IntakeDraft(CIVIL, Applicant("Phạm Thị Hoa"), received_at=at)
    return intake.receive(db, login(db, "clerk"), draft).code


def page_for(qtbot: QtBot, ctx: AppContext) -> DossiersPage:
    page = DossiersPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def open_dialog(qtbot: QtBot, page: DossiersPage, code: str) -> DossierDialog:
    dialog = page.open_dossier(code)
    qtbot.addWidget(dialog)
    qtbot.waitSignal(dialog.loaded, timeout=10_000).wait()
    return dialog


def test_scanning_the_slip_code_opens_the_dossier(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    code = received(demo_db)
    other = received(demo_db)
    page = page_for(qtbot, make_ctx("clerk"))
    assert {page.queue_model.row_at(i).code for i in range(2)} == {code, other}
    # a keyboard-wedge scanner types the code the slip's QR/barcode carries, then Enter
    page.scan.setFocus()
    qtbot.keyClicks(page.scan, code.lower())
    with qtbot.waitSignal(page.opened, timeout=10_000) as opened:
        qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    dialog = opened.args[0]
    assert isinstance(dialog, DossierDialog) and dialog.code == code
    qtbot.addWidget(dialog)
    qtbot.waitSignal(dialog.loaded, timeout=10_000).wait()
    assert code in dialog.summary.text() and "Phạm Thị Hoa" in dialog.summary.text()
    assert page.scan.text() == ""

    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda _p, exc: errors.append(str(exc)))
    qtbot.keyClicks(page.scan, "000.00.00.X-000000-9999")
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "Không có hồ sơ" in errors[0]


def _fill(values: dict[Action, Callable[[ActionDialog], None]]) -> Callable[[object], bool]:
    def run(dialog: object) -> bool:
        assert isinstance(dialog, ActionDialog)
        values.get(dialog.action, lambda _d: None)(dialog)
        return True

    return run


def test_every_transition_through_the_dossier_window(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    code = received(demo_db, days_ago=2)
    schedule = unit_schedule(demo_db).schedule
    new = journey.show(demo_db, login(demo_db, "clerk"), code).due_at + dt.timedelta(days=5)
    new = new.replace(hour=9, minute=0)
    while not schedule.is_open(new):
        new += dt.timedelta(days=1)

    def choose_officer(d: ActionDialog) -> None:
        d.to_user.setCurrentIndex(d.to_user.findData("officer"))

    def apology(d: ActionDialog) -> None:
        d.reason.setText("Chờ xác minh tại nơi cư trú")
        d.new_appointment.setDateTime(_qt(new))

    def collect(d: ActionDialog) -> None:
        d.to_name.setText("Trần Văn Nam")
        d.rating.setCurrentIndex(d.rating.findData(Rating.VERY_SATISFIED.value))
        d.comment.setText("Cán bộ nhiệt tình")

    monkeypatch.setattr(
        dialogs,
        "run_dialog",
        _fill({
            Action.HANDOVER: choose_officer,
            Action.REQUEST_SUPPLEMENT: lambda d: d.reason.setText("Thiếu bản sao giấy tờ"),
            Action.APOLOGIZE: apology,
            Action.RETURN: collect,
            Action.STOP: lambda d: d.reason.setText("Không thuộc thẩm quyền"),
            Action.CANCEL: lambda d: d.reason.setText("Công dân rút hồ sơ"),
        }),
    )  # fmt: skip

    def step(user: str, action: Action, state: DossierState, dossier: str = code) -> DossierDialog:
        page = page_for(qtbot, make_ctx(user))
        dialog = open_dialog(qtbot, page, dossier)
        button = dialog.action_buttons[action]
        assert button.isVisible(), (user, action)
        with qtbot.waitSignal(dialog.loaded, timeout=10_000):
            button.click()
        assert dialog.detail is not None and dialog.detail.state is state
        return dialog

    clerk_view = step("clerk", Action.HANDOVER, DossierState.IN_PROCESS)
    assert not clerk_view.action_buttons[Action.STOP].isVisible()  # a clerk cannot stop
    officer_page = page_for(qtbot, make_ctx("officer"))
    assert [officer_page.queue_model.row_at(0).code] == [code]  # the officer's own queue
    step("officer", Action.REQUEST_SUPPLEMENT, DossierState.WAITING_SUPPLEMENT)
    step("clerk", Action.SUPPLEMENT_RECEIVED, DossierState.IN_PROCESS)
    dialog = step("officer", Action.APOLOGIZE, DossierState.IN_PROCESS)
    assert dialog.detail is not None and dialog.detail.promised_at == new
    assert dialog.papers["apology"].isVisible()
    step("officer", Action.RESULT_READY, DossierState.RESULT_READY)
    waiting = page_for(qtbot, make_ctx("clerk"))
    assert [waiting.ready_model.row_at(0).code] == [code]
    done = step("clerk", Action.RETURN, DossierState.RETURNED)
    assert done.detail is not None and done.detail.returned_to == "Trần Văn Nam"
    assert done.detail.rating is Rating.VERY_SATISFIED
    assert not any(b.isVisible() for b in done.action_buttons.values())

    second, third = received(demo_db), received(demo_db)
    step("approver", Action.STOP, DossierState.STOPPED, second)
    cancelled = step("clerk", Action.CANCEL, DossierState.CANCELLED, third)
    assert not any(b.isVisible() for b in cancelled.action_buttons.values())

    # the control sheet previews from the dossier window
    cancelled.open_paper("control")
    preview = cancelled.preview
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitSignal(preview.rendered, timeout=20_000).wait()


def test_tracking_book_filters_and_export(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], desk: Desk, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    panel = LedgerPanel(make_ctx("auditor"))
    qtbot.addWidget(panel)
    panel.year.setValue(2026)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.first_page()
    assert panel.total == 16 and panel.model.rowCount() == 16
    assert panel.position.text() == "1–16 / 16"
    panel.state.setCurrentIndex(panel.state.findData("stopped"))
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.show_button.click()
    assert panel.total == 1 and "Dừng giải quyết" in panel.model.row_at(0).note
    panel.state.setCurrentIndex(0)
    panel.field.setCurrentIndex(panel.field.findData("Chứng thực"))
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.show_button.click()
    assert panel.total == 1
    out = tmp_path / "so.xlsx"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(out))
    with qtbot.waitSignal(panel.exported, timeout=20_000):
        panel.export_button.click()
    rows = list(load_workbook(out).active.iter_rows(min_row=4, values_only=True))
    # the export holds what the screen shows: the one certification dossier
    assert len(rows) == 1 and rows[0][1] == panel.model.row_at(0).code
    assert str(rows[0][2]).startswith("Chứng thực bản sao từ bản chính")


def test_auditor_sees_but_cannot_act(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], demo_db: Database
) -> None:
    code = received(demo_db)
    page = page_for(qtbot, make_ctx("auditor"))
    dialog = open_dialog(qtbot, page, code)
    assert not any(b.isVisible() for b in dialog.action_buttons.values())
    assert isinstance(dialog, QDialog)


def test_a_dossier_found_by_what_the_citizen_says(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], demo_db: Database
) -> None:
    clerk = login(demo_db, "clerk")
    papers = (intake.PaperReceived("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", 1),)
    dao = Applicant(
        "Đặng Thị Đào", id_number="001190012345", phone="0912345678", address="Thôn Tây"
    )
    first = intake.receive(demo_db, clerk, IntakeDraft(CIVIL, dao, papers=papers)).code
    second = intake.receive(demo_db, clerk, IntakeDraft(CIVIL, dao)).code
    page = page_for(qtbot, make_ctx("officer"))
    qtbot.waitUntil(page.scan.hasFocus, timeout=5_000)  # a scanner types into it at once
    # a name without accents: both dossiers, newest first, in their own tab
    with qtbot.waitSignal(page.found, timeout=10_000):
        qtbot.keyClicks(page.scan, "dang thi dao")
        qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert [page.found_model.row_at(i).code for i in range(2)] == [second, first]
    assert page.tabs.currentIndex() == page.results_tab and page.results.hasFocus()
    # Enter on the highlighted row opens it
    with qtbot.waitSignal(page.opened, timeout=10_000) as opened:
        qtbot.keyClick(page.results, Qt.Key.Key_Return)
    dialog = opened.args[0]
    qtbot.addWidget(dialog)
    assert dialog.code == second
    # a phone number finds both too; the full ID number with a code's tail opens one
    page.scan.clear()
    with qtbot.waitSignal(page.opened, timeout=10_000) as opened:
        qtbot.keyClicks(page.scan, first[-11:])
        qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    dialog = opened.args[0]
    qtbot.addWidget(dialog)
    qtbot.waitSignal(dialog.loaded, timeout=10_000).wait()
    summary = dialog.summary.text()
    for shown in (
        "Đặng Thị Đào",
        "001190012345",
        "0912345678",
        "Thôn Tây",
        "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
        "01 bản chính",
        "Trực tiếp",  # the channel
        "BM.MC.2025.01@1",  # the form revision of the slip
    ):
        assert shown in summary, shown


def test_results_waiting_too_long_are_marked(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], demo_db: Database
) -> None:
    from isoqms.services import unit

    admin = login(demo_db, "admin")
    unit.update_unit(
        demo_db, admin, dataclasses.replace(unit.get_unit(demo_db), result_waiting_days=5)
    )
    clerk = login(demo_db, "clerk")
    old, recent = received(demo_db, days_ago=12), received(demo_db, days_ago=2)
    for code, days in ((old, 10), (recent, 1)):
        at = clock.now().replace(second=0, microsecond=0) - dt.timedelta(days=days)
        journey.act(demo_db, clerk, code, Action.RESULT_READY, journey.ActionInput(at=at))
    page = page_for(qtbot, make_ctx("clerk"))
    model = page.ready_model
    rows = {model.row_at(i).code: i for i in range(model.rowCount())}
    tip = model.data(model.index(rows[old], 0), Qt.ItemDataRole.ToolTipRole)
    assert "10" in str(tip) and model.waiting_long(model.row_at(rows[old]))
    assert not model.waiting_long(model.row_at(rows[recent]))
    assert "quá 5 ngày" in page.tabs.tabText(1)


def test_a_paper_this_person_may_not_print_cannot_be_printed_from_its_preview(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], demo_db: Database
) -> None:
    code = received(demo_db)
    page = page_for(qtbot, make_ctx("auditor"))  # reads everything, prints nothing
    dialog = open_dialog(qtbot, page, code)
    dialog.open_paper("receipt")
    preview = dialog.preview
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitSignal(preview.rendered, timeout=20_000).wait()
    assert len(preview.pages.pages) == 2  # shown
    assert not preview.print_button.isEnabled() and not preview.save_button.isEnabled()
