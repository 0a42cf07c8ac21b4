"""The keyboard: each role lands on its own area with the focus where the hands are, no
two shortcuts share a key, Ctrl+Enter confirms a dialog."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QTabBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from isoqms.ui.context import AppContext
from isoqms.ui.intake import ReasonDialog
from isoqms.ui.main_window import MainWindow

_MNEMONIC = re.compile(r"&(?!&)(\w)")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def shown_mnemonics(window: MainWindow) -> list[tuple[str, str]]:
    """(key, text) of every Alt+key the user can press on the area shown: the menu bar and
    the visible buttons, labels, group boxes and tabs."""
    keys: list[tuple[str, str]] = []
    for action in window.menuBar().actions():
        if (key := mnemonic(action.text())) is not None:
            keys.append((key, action.text()))
    page = window.stack.currentWidget()
    assert page is not None
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        texts: list[str] = []
        if isinstance(widget, QAbstractButton | QGroupBox):
            texts.append(widget.text() if isinstance(widget, QAbstractButton) else widget.title())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append(widget.text())
        elif isinstance(widget, QTabBar):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        for text in texts:
            if (key := mnemonic(text)) is not None:
                keys.append((key, text))
    return keys


def window_for(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize(
    ("role", "area", "focus"),
    [
        ("clerk", "intake", "procedureSearch"),
        ("officer", "dossiers", "scan"),
        ("iso_secretary", "documents", None),
        ("reviewer", "documents", None),
        ("approver", "documents", None),
        ("auditor", "audit", None),
        ("internal_auditor", "documents", None),
        ("admin", "admin", None),
    ],
)
def test_each_role_opens_on_its_own_area_with_the_focus_ready(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], role: str, area: str, focus: str | None
) -> None:
    window = window_for(qtbot, make_ctx(role))
    current = window.nav.currentItem()
    assert current is not None and current.data(Qt.ItemDataRole.UserRole) == area
    if focus is not None:  # the search after login; the find box a scanner types into
        qtbot.waitUntil(
            lambda: (QApplication.focusWidget() or QWidget()).objectName() == focus,
            timeout=5_000,
        )


def test_no_two_shortcuts_share_a_key_in_any_area(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    window = window_for(qtbot, make_ctx("admin"))
    clashes = {}
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        page = window.stack.currentWidget()
        tabs = [page] if isinstance(page, QTabWidget) else page.findChildren(QTabWidget)
        for tab_widget in tabs or [None]:
            for index in range(tab_widget.count() if tab_widget else 1):
                if tab_widget is not None:
                    tab_widget.setCurrentIndex(index)
                keys = shown_mnemonics(window)
                counts = Counter(key for key, _text in keys)
                for key, n in counts.items():
                    if n > 1:
                        clashes[(row, index, key)] = sorted(t for k, t in keys if k == key)
    assert clashes == {}


def test_ctrl_enter_confirms_a_dialog_from_a_box_where_enter_starts_a_line(
    qtbot: QtBot,
) -> None:
    dialog = ReasonDialog("Yêu cầu bổ sung", "Lý do:")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # a shortcut acts in the active window
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "Thieu to khai")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # a new line, not OK
    assert dialog.isVisible() and dialog.reason.toPlainText().endswith("\n")
    with qtbot.waitSignal(dialog.accepted, timeout=2_000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
