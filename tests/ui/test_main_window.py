from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView
from pytestqt.qtbot import QtBot

from isoqms import __version__
from isoqms.ui.context import AppContext
from isoqms.ui.main_window import MainWindow


def window_for(qtbot: QtBot, make_ctx: Callable[[str], AppContext], user: str) -> MainWindow:
    window = MainWindow(make_ctx(user))
    qtbot.addWidget(window)
    window.show()
    return window


def titles(window: MainWindow) -> list[str]:
    return [window.nav.item(row).text() for row in range(window.nav.count())]


@pytest.mark.parametrize(
    ("user", "areas"),
    [
        ("admin", ["Tiếp nhận", "Hồ sơ", "Tài liệu ISO", "Báo cáo", "Kiểm tra", "Quản trị"]),
        ("clerk", ["Tiếp nhận", "Hồ sơ", "Tài liệu ISO", "Báo cáo"]),
        ("auditor", ["Tiếp nhận", "Hồ sơ", "Tài liệu ISO", "Báo cáo", "Kiểm tra"]),
    ],
)
def test_areas_follow_the_roles(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], user: str, areas: list[str]
) -> None:
    window = window_for(qtbot, make_ctx, user)
    assert titles(window) == areas
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        assert window.stack.currentIndex() == row


def test_every_area_is_built(qtbot: QtBot, make_ctx: Callable[[str], AppContext]) -> None:
    window = window_for(qtbot, make_ctx, "clerk")
    assert window.findChildren(QLabel, "notBuilt") == []
    assert window.area("dossiers").findChild(QLineEdit, "scan") is not None
    assert window.area("reports").findChild(QTableView, "indicators") is not None


def test_status_bar_names_user_unit_and_demo(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    window = window_for(qtbot, make_ctx, "auditor")
    user = window.findChild(QLabel, "statusUser")
    unit = window.findChild(QLabel, "statusUnit")
    demo = window.findChild(QLabel, "statusDemo")
    assert user is not None and user.text() == "Người dùng: Vũ Thị Ủy (Đánh giá viên)"
    assert unit is not None and unit.text() == "Đơn vị: Xã Bình Minh — 000.00.38.H47"
    assert demo is not None and demo.text() == "DỮ LIỆU MẪU"
    assert window.windowTitle() == "isoqms — Xã Bình Minh"


def test_menus_and_about_are_vietnamese(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    window = window_for(qtbot, make_ctx, "admin")
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Tệp", "&Ngôn ngữ", "Trợ giú&p"]  # one key each (tests/ui/test_keys.py)
    about = window.about_text()
    assert __version__ in about and "Noto Sans" in about and "Xã Bình Minh" in about
    assert "Quản lý tài liệu ISO 9001" in about


def test_choosing_a_language_is_remembered(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    from isoqms.ui import dialogs, i18n

    told: list[str] = []
    monkeypatch.setattr(dialogs, "info", lambda _p, _t, text: told.append(text))
    window = window_for(qtbot, make_ctx, "clerk")
    window.language_actions["en"].trigger()
    assert i18n.saved_language() == "en"
    assert told == ["Ngôn ngữ mới được áp dụng từ lần khởi động chương trình tiếp theo."]
    window.language_actions["vi"].trigger()
    assert i18n.saved_language() == "vi"


def test_sign_out_asks_for_the_login_again(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    window = window_for(qtbot, make_ctx, "clerk")
    with qtbot.waitSignal(window.logout_requested):
        window.logout_action.trigger()
    assert not window.isVisible()


def test_the_window_size_and_the_splitters_are_remembered(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    from PySide6.QtWidgets import QSplitter

    ctx = make_ctx("clerk")
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.setWindowState(Qt.WindowState.WindowNoState)
    first.resize(760, 620)  # within the test screen (offscreen: 800 × 800)
    size = (first.width(), first.height())
    splitter = first.findChild(QSplitter, "intakeSplitter")
    assert splitter is not None
    splitter.setSizes([300, 800])
    sizes = splitter.sizes()
    first.close()  # saved on closing

    again = MainWindow(ctx)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == size
    restored = again.findChild(QSplitter, "intakeSplitter")
    assert restored is not None and restored.sizes() == sizes
