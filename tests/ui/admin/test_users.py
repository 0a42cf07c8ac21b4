from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from isoqms.domain.roles import Role
from isoqms.services import users as user_service
from isoqms.ui import dialogs
from isoqms.ui.admin.users import Columns, UserDialog, UsersPage
from isoqms.ui.context import AppContext
from tests.helpers import audit_count


def loaded_page(qtbot: QtBot, ctx: AppContext) -> UsersPage:
    page = UsersPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def select(page: UsersPage, username: str) -> None:
    for row in range(page.model.rowCount()):
        if page.model.row_at(row).username == username:
            page.table.selectRow(row)
            return
    raise AssertionError(username)


def cell(page: UsersPage, username: str, column: Columns) -> str:
    for row in range(page.model.rowCount()):
        if page.model.row_at(row).username == username:
            return str(page.model.index(row, column).data())
    raise AssertionError(username)


def test_model_lists_the_demo_users(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], qtmodeltester: ModelTester
) -> None:
    page = loaded_page(qtbot, make_ctx("admin"))
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 8
    assert cell(page, "auditor", Columns.FULL_NAME) == "Vũ Thị Ủy"
    assert cell(page, "clerk", Columns.ROLES) == "Công chức tiếp nhận"
    assert cell(page, "clerk", Columns.STATE) == "Đang hoạt động"
    header = page.model.headerData(Columns.LAST_LOGIN, Qt.Orientation.Horizontal)
    assert header == "Đăng nhập lần cuối"


def test_admin_adds_a_user_through_the_dialog(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = make_ctx("admin")
    page = loaded_page(qtbot, ctx)
    events = audit_count(ctx.db)

    def fill(dialog: QDialog) -> bool:
        assert isinstance(dialog, UserDialog)
        qtbot.keyClicks(dialog.username, "thuky2")  # QTest types ASCII only
        dialog.full_name.setText("Nguyễn Thị Lan")
        dialog.title_edit.setText("Thư ký ISO dự phòng")
        dialog.password.setText("mat-khau-123")
        dialog.password2.setText("mat-khau-123")
        dialog.role_checks[Role.ISO_SECRETARY].setChecked(True)
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.add_button.click()
    assert page.model.rowCount() == 9
    assert cell(page, "thuky2", Columns.ROLES) == "Thư ký ISO"
    assert audit_count(ctx.db) == events + 1


def test_admin_deactivates_and_reactivates(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = loaded_page(qtbot, make_ctx("admin"))
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    select(page, "officer")
    assert page.toggle_button.text() == "&Khoá tài khoản"
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.toggle_button.click()
    assert cell(page, "officer", Columns.STATE) == "Đã khoá"
    assert page.toggle_button.text() == "&Mở khoá"
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.toggle_button.click()
    assert cell(page, "officer", Columns.STATE) == "Đang hoạt động"


def test_refusal_from_the_service_is_shown_and_changes_nothing(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = make_ctx("admin")
    page = loaded_page(qtbot, ctx)
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    select(page, "admin")
    with qtbot.waitCallback(timeout=10_000) as callback:
        monkeypatch.setattr(dialogs, "error", lambda _p, exc: (shown.append(str(exc)), callback()))
        page.toggle_button.click()
    assert shown == ["Không thể tự khoá tài khoản của chính mình."]
    assert user_service.get_user(ctx.db, ctx.actor, "admin").active


def test_reset_password_with_mismatch_is_refused(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = loaded_page(qtbot, make_ctx("admin"))
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda _p, exc: shown.append(str(exc)))

    def fill(dialog: QDialog) -> bool:
        dialog.password.setText("mot-mat-khau")  # type: ignore[attr-defined]
        dialog.password2.setText("mat-khau-khac")  # type: ignore[attr-defined]
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill)
    select(page, "clerk")
    page.password_button.click()
    assert shown == ["Hai lần nhập mật khẩu không khớp."]


def test_without_the_permission_the_buttons_are_absent(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    page = loaded_page(qtbot, make_ctx("auditor"))
    assert page.model.rowCount() == 8
    assert not page.add_button.isVisible() and not page.toggle_button.isVisible()
    assert not page.unlock_button.isVisible()


def test_admin_sees_the_lock_and_unlocks_by_keyboard(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    import datetime as dt

    from isoqms.domain import clock
    from isoqms.domain.errors import AuthenticationError

    for n in range(1, 11):  # ten wrong passwords, each after the wait it asked for
        with pytest.raises(AuthenticationError):
            user_service.authenticate(make_ctx("admin").db, "clerk", "sai-mat-khau")
        delay = user_service.failure_delay(n)
        if delay is not None:
            clock.pin(clock.now() + delay + dt.timedelta(seconds=1))
    ctx = make_ctx("admin")
    page = loaded_page(qtbot, ctx)
    assert cell(page, "clerk", Columns.STATE) == "Bị khoá do sai mật khẩu"
    assert cell(page, "officer", Columns.STATE) == "Đang hoạt động"
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).username == "clerk")
    tip = page.model.index(row, Columns.STATE).data(Qt.ItemDataRole.ToolTipRole)
    assert "sau 10 lần nhập sai mật khẩu liên tiếp" in tip
    assert page.unlock_button.text() == "&Gỡ khoá đăng nhập"

    select(page, "officer")
    assert not page.unlock_button.isEnabled()  # nothing to lift
    select(page, "clerk")
    assert page.unlock_button.isEnabled()
    events = audit_count(ctx.db)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5_000)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert cell(page, "clerk", Columns.STATE) == "Đang hoạt động"
    assert not page.unlock_button.isEnabled()
    assert audit_count(ctx.db) == events + 1
    assert user_service.authenticate(ctx.db, "clerk", "demo")[0].username == "clerk"
