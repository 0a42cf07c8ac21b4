from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from isoqms.services import unit as unit_service
from isoqms.ui import dialogs
from isoqms.ui.admin.unit import UnitPage
from isoqms.ui.context import AppContext
from isoqms.ui.main_window import MainWindow


def test_admin_edits_the_profile_and_the_status_bar_follows(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    ctx = make_ctx("admin")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    admin_area = window.show_area("admin")
    page = admin_area.findChild(UnitPage)
    assert page is not None
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        admin_area.setCurrentWidget(page)  # type: ignore[attr-defined]
    assert page.fields["unit_code"].text() == "000.00.38.H47"
    page.fields["commune_name"].setText("Phường Hoa Lư")
    page.counters.setPlainText("Quầy 1\nQuầy 2\n")
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.save_button.click()
    assert page.status.text() == "Đã lưu."
    assert window.unit_label.text() == "Đơn vị: Phường Hoa Lư — 000.00.38.H47"
    stored = unit_service.get_unit(ctx.db)
    assert stored.commune_name == "Phường Hoa Lư" and stored.counters == ("Quầy 1", "Quầy 2")


def test_bad_input_is_explained_and_nothing_changes(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = make_ctx("admin")
    page = UnitPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    before = unit_service.get_unit(ctx.db)
    page.fields["office_hours"].setText("07:00-12:00,11:00-17:00")
    shown: list[str] = []
    with qtbot.waitCallback(timeout=10_000) as callback:
        monkeypatch.setattr(dialogs, "error", lambda _p, exc: (shown.append(str(exc)), callback()))
        page.save_button.click()
    assert shown == ["Các khoảng giờ làm việc chồng lên nhau."]
    assert unit_service.get_unit(ctx.db) == before


def test_others_see_the_profile_read_only(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    page = UnitPage(make_ctx("clerk"))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    assert page.fields["commune_name"].isReadOnly()
    assert not page.save_button.isVisible()
