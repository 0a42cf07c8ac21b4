"""The records list in the GUI."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.records import RecordDialog, RecordsPage


def page_for(qtbot: QtBot, ctx: AppContext) -> RecordsPage:
    page = RecordsPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def names(page: RecordsPage) -> list[str]:
    return [page.model.row_at(i).name for i in range(page.model.rowCount())]


def test_the_secretary_adds_changes_and_removes_a_record(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_for(qtbot, make_ctx("iso_secretary"))
    assert "Sổ đăng ký khai sinh" in names(page)

    def fill(dialog: QDialog) -> bool:
        assert isinstance(dialog, RecordDialog)
        dialog.name.setText("Sổ tiếp công dân")
        dialog.document.setText("qt-kshs-01")
        dialog.keeper.setText("Văn phòng UBND")
        dialog.retention.setText("20 năm")
        dialog.medium.setCurrentText("Giấy")
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.add_button.click()
    row = names(page).index("Sổ tiếp công dân")
    line = page.model.row_at(row)
    assert (line.document_code, line.retention) == ("QT-KSHS-01", "20 năm")

    page.table.selectRow(row)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "Không còn dùng")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.retire_button.click()
    assert "Sổ tiếp công dân" not in names(page)


def test_a_bad_retention_is_explained(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_for(qtbot, make_ctx("iso_secretary"))

    def fill(dialog: QDialog) -> bool:
        assert isinstance(dialog, RecordDialog)
        dialog.name.setText("Sổ A")
        dialog.keeper.setText("Thư ký ISO")
        dialog.retention.setText("mãi mãi")
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill)
    with qtbot.waitCallback(timeout=10_000) as callback:
        monkeypatch.setattr(dialogs, "error", lambda _p, exc: callback(str(exc)))
        page.add_button.click()
    assert "Thời gian lưu" in callback.args[0]


def test_read_only_roles_see_no_buttons(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    page = page_for(qtbot, make_ctx("auditor"))
    assert page.model.rowCount() > 5
    assert not page.add_button.isVisible() and not page.retire_button.isVisible()
