"""The administrator's backups screen, the automatic backups of the window, the status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from isoqms.services import backup, intake, unit
from isoqms.services.intake import Applicant, IntakeDraft
from isoqms.ui import dialogs
from isoqms.ui.admin.backup import BackupPage
from isoqms.ui.context import AppContext
from isoqms.ui.main_window import MainWindow
from tests.helpers import login


def page_of(qtbot: QtBot, ctx: AppContext) -> BackupPage:
    page = BackupPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def test_the_administrator_sets_the_folder_backs_up_and_sees_it(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    ctx = make_ctx("admin")
    page = page_of(qtbot, ctx)
    assert page.last.text() == "Chưa có bản sao lưu nào."
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(dialogs, "ask_folder", lambda *_a: str(usb))
    page.choose_button.click()
    assert page.folder.text() == str(usb)
    page.keep.setValue(5)
    with qtbot.waitSignal(page.loaded, timeout=10_000):  # the change reloads the screen
        page.save_button.click()
    assert (unit.get_unit(ctx.db).backup_folder, unit.get_unit(ctx.db).backup_keep) == (
        str(usb),
        5,
    )
    target = usb / "hom-nay"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(target))
    with qtbot.waitSignal(page.done, timeout=30_000) as made:
        page.backup_button.click()
    info = made.args[0]
    assert isinstance(info, backup.BackupInfo), info
    assert Path(info.file) == usb / f"hom-nay{backup.SUFFIX}" and Path(info.file).exists()
    assert "Đã sao lưu vào" in page.result.text()
    qtbot.waitUntil(lambda: "Bản sao lưu gần nhất" in page.last.text(), timeout=10_000)
    assert f"hom-nay{backup.SUFFIX}" in page.last.text()


def test_a_restore_says_what_it_will_do_before_and_signs_everyone_out_after(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    ctx = make_ctx("admin")
    older = backup.make(ctx.db, ctx.actor, tmp_path / f"cu{backup.SUFFIX}")
    clerk = login(ctx.db, "clerk")
    later = intake.receive(ctx.db, clerk, IntakeDraft("1.001193", Applicant("Sau Sao Lưu"))).code
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    admin = window.show_area("admin")
    page = admin.findChild(BackupPage)
    assert page is not None
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        admin.setCurrentWidget(page)  # type: ignore[attr-defined]
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_a: older.file)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, _t, text: (asked.append(text), False)[1])
    page.restore_button.click()
    qtbot.waitUntil(lambda: page.result.text() == "Chưa khôi phục gì.", timeout=30_000)
    assert "KHÔI PHỤC VỀ TRẠNG THÁI CŨ" in asked[0] and "1 sự kiện ghi công việc" in asked[0]
    from isoqms.services.journey import find

    assert find(ctx.db, clerk, later)  # nothing was restored

    monkeypatch.setattr(dialogs, "confirm", lambda *_a: True)
    said: list[str] = []
    monkeypatch.setattr(dialogs, "info", lambda _p, _t, text: said.append(text))
    with qtbot.waitSignal(window.logout_requested, timeout=60_000):
        page.restore_button.click()
    assert said == ["Dữ liệu đã được khôi phục từ bản sao lưu. Hãy đăng nhập lại để làm tiếp."]
    assert not find(ctx.db, login(ctx.db, "clerk"), later)


def test_the_window_backs_up_at_the_first_start_of_the_day_and_when_it_closes(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    ctx = make_ctx("clerk")  # whoever starts the program: a system action
    ctx.auto_backup = True
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.auto_backup_done, timeout=30_000) as first:
        window.show()
    info = first.args[0]
    assert isinstance(info, backup.BackupInfo), info
    folder = Path(info.file).parent
    assert folder == Path(backup.folder(ctx.db)) and Path(info.file).exists()
    qtbot.waitUntil(lambda: window.backup_label.text().startswith("Sao lưu: "), timeout=10_000)
    assert "Mốc kiểm tra giữ bên ngoài gần nhất" in window.backup_label.toolTip()
    second = MainWindow(ctx)  # signed in again the same day: no second one
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.auto_backup_done, timeout=30_000) as again:
        second.show()
    assert again.args[0] is None
    second.logout()  # signing out is not closing the program: no backup
    assert len(list(folder.iterdir())) == 1
    window.close()  # closing it is
    assert len([p for p in folder.iterdir() if p.name.endswith(backup.SUFFIX)]) == 2


def test_a_missing_usb_disk_is_said_in_the_status_bar(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    admin = make_ctx("admin")
    info = unit.get_unit(admin.db)
    unit.update_unit(
        admin.db,
        admin.actor,
        unit.UnitInfo(**{**info.__dict__, "backup_folder": str(tmp_path / "E")}),
    )
    ctx = make_ctx("clerk")
    ctx.auto_backup = True
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.auto_backup_done, timeout=30_000) as done:
        window.show()
    assert isinstance(done.args[0], Exception)
    assert window.backup_label.text() == "Chưa sao lưu được"
    assert "ổ USB chưa cắm" in window.backup_label.toolTip()
    said: list[BaseException] = []
    monkeypatch.setattr(dialogs, "error", lambda _p, exc: said.append(exc))
    window.close()  # the backup at closing fails too: said once, and the program closes
    window.close()
    assert len(said) == 1 and "ổ USB chưa cắm" in str(getattr(said[0], "message", ""))
    assert not window.isVisible()
