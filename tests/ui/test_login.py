from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from isoqms.db.engine import Database
from isoqms.ui.login import LoginDialog
from isoqms.ui.tasks import TaskRunner


def dialog(qtbot: QtBot, db: Database, *, demo: bool = True) -> LoginDialog:
    login = LoginDialog(
        db, TaskRunner(), unit_name="Trung tâm Phục vụ hành chính công xã", demo=demo
    )
    qtbot.addWidget(login)
    login.show()
    return login


def test_login_succeeds(qtbot: QtBot, demo_db: Database) -> None:
    login = dialog(qtbot, demo_db)
    qtbot.keyClicks(login.username, "clerk")
    qtbot.keyClicks(login.password, "demo")
    with qtbot.waitSignal(login.logged_in, timeout=10_000) as signal:
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    actor, info = signal.args
    assert actor.username == "clerk" and info.full_name == "Đỗ Thị Ngọc Ánh"
    assert login.result() == LoginDialog.DialogCode.Accepted


def test_login_fails_and_says_why(qtbot: QtBot, demo_db: Database) -> None:
    login = dialog(qtbot, demo_db)
    login.username.setText("clerk")
    login.password.setText("sai")
    with qtbot.waitSignal(login.failed, timeout=10_000):
        login.sign_in.click()
    assert login.message.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert login.actor is None and login.isVisible()


def test_empty_user_name_is_caught_before_the_database(qtbot: QtBot, demo_db: Database) -> None:
    login = dialog(qtbot, demo_db)
    with qtbot.waitSignal(login.failed):
        login.sign_in.click()
    assert login.message.text() == "Hãy nhập tên đăng nhập."


def test_demo_hint_only_on_demo_databases(qtbot: QtBot, demo_db: Database) -> None:
    from PySide6.QtWidgets import QLabel

    demo = dialog(qtbot, demo_db, demo=True)
    hint = demo.findChild(QLabel, "demoHint")
    assert hint is not None and "mật khẩu <b>demo</b>" in hint.text()
    assert demo.windowTitle() == "Đăng nhập — isoqms"
    cancel = demo.buttons.button(demo.buttons.StandardButton.Cancel)
    assert cancel.text() == "Huỷ"  # Qt's own string, translated by our .ts
    plain = dialog(qtbot, demo_db, demo=False)
    assert plain.findChild(QLabel, "demoHint") is None


def test_forced_password_change_after_a_reset(qtbot: QtBot, demo_db: Database) -> None:
    from isoqms.services import users as user_service
    from isoqms.ui.login import ChangePasswordDialog
    from tests.helpers import login

    user_service.reset_password(demo_db, login(demo_db, "admin"), "clerk", "tam-thoi-99")
    clerk, info = user_service.authenticate(demo_db, "clerk", "tam-thoi-99")
    assert info.must_change_password
    change = ChangePasswordDialog(demo_db, TaskRunner(), clerk, forced=True)
    qtbot.addWidget(change)
    change.current.setText("tam-thoi-99")
    change.new.setText("mat-khau-rieng")
    change.repeat.setText("mat-khau-rieng")
    with qtbot.waitSignal(change.changed, timeout=10_000):
        change.submit()
    _actor, info = user_service.authenticate(demo_db, "clerk", "mat-khau-rieng")
    assert not info.must_change_password


def wrong_passwords(db: Database, times: int, username: str = "clerk") -> None:
    """``times`` wrong passwords through the service, each after the wait it asked for."""
    import datetime as dt

    import pytest

    from isoqms.domain import clock
    from isoqms.domain.errors import AuthenticationError
    from isoqms.services import users as user_service

    for n in range(1, times + 1):
        with pytest.raises(AuthenticationError):
            user_service.authenticate(db, username, "sai-mat-khau")
        delay = user_service.failure_delay(n)
        if delay is not None and n < user_service.LOCK_AFTER:
            clock.pin(clock.now() + delay + dt.timedelta(seconds=1))


def try_password(qtbot: QtBot, login: LoginDialog, password: str) -> str:
    login.username.setText("clerk")
    login.password.setText(password)
    with qtbot.waitSignal(login.failed, timeout=10_000):
        login.sign_in.click()
    assert login.actor is None and login.isVisible() and login.sign_in.isEnabled()
    return login.message.text()


def test_the_fifth_wrong_password_asks_to_wait(qtbot: QtBot, demo_db: Database) -> None:
    wrong_passwords(demo_db, 4)
    login = dialog(qtbot, demo_db)
    assert try_password(qtbot, login, "sai") == (
        "Sai tên đăng nhập hoặc mật khẩu 5 lần liên tiếp: hãy đợi 30 giây rồi thử lại "
        "(sai thêm 5 lần nữa thì tài khoản bị khoá)."
    )
    assert try_password(qtbot, login, "demo").startswith(  # the right one, too early
        "Đã nhập sai mật khẩu nhiều lần liên tiếp: hãy đợi"
    )


def test_a_locked_account_is_refused_with_the_right_password(
    qtbot: QtBot, demo_db: Database
) -> None:
    from tests.helpers import audit_count

    wrong_passwords(demo_db, 9)
    login = dialog(qtbot, demo_db)
    locked = "Tài khoản “clerk” đã bị khoá do nhập sai mật khẩu nhiều lần. Liên hệ quản trị viên."
    assert try_password(qtbot, login, "sai") == locked  # the tenth, typed in the window
    events = audit_count(demo_db)
    assert try_password(qtbot, login, "demo") == locked
    assert audit_count(demo_db) == events + 1  # the refusal is logged
