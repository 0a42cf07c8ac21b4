"""A fault on a screen: logged with its details in the data folder, shown as a dialog
saying where — never its text, which may be a database statement's private values."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from isoqms import faults
from isoqms.domain.errors import Fault, ValidationError
from isoqms.ui import dialogs
from isoqms.ui.app import excepthook, thread_excepthook
from isoqms.ui.tasks import TaskRunner

PRIVATE = "Nguyễn Thị Hoa 001099012345"


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What the message boxes would have said: (kind, text)."""
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _p, _t, text, *_a: said.append(("critical", text))
    )
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, _t, text, *_a: said.append(("warning", text))
    )
    return said


def logged() -> str:
    return faults.log_path().read_text(encoding="utf-8")


def broken() -> None:
    raise RuntimeError(f"(psycopg.errors.StringDataRightTruncation) parameters: {PRIVATE}")


def test_an_unexpected_error_shows_where_it_was_logged(shown: list[tuple[str, str]]) -> None:
    try:
        broken()
    except RuntimeError as exc:
        dialogs.error(None, exc)
    [(kind, text)] = shown
    assert kind == "critical" and str(faults.log_path()) in text and PRIVATE not in text
    assert "Traceback" in logged() and PRIVATE in logged()


def test_a_known_error_is_shown_as_it_is(shown: list[tuple[str, str]]) -> None:
    dialogs.error(None, ValidationError("Chưa nhập họ tên người nộp hồ sơ."))
    assert shown == [("warning", "Chưa nhập họ tên người nộp hồ sơ.")]


def test_a_background_fault_arrives_as_a_logged_fault(qtbot: QtBot) -> None:
    runner = TaskRunner()
    with qtbot.waitCallback(timeout=5_000) as callback:
        runner.write(broken, callback, callback)
    [failure] = callback.args
    assert isinstance(failure, Fault) and PRIVATE not in failure.message
    assert str(faults.log_path()) in failure.message
    number = failure.message.split("mã sự cố ")[1][:8]
    assert f"fault {number} in background task" in logged() and PRIVATE in logged()
    runner.shutdown()


def test_an_uncaught_exception_is_logged_and_shown_never_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    said: list[str] = []
    hook = excepthook(said.append)
    try:
        broken()
    except RuntimeError:
        hook(*sys.exc_info())
    [text] = said
    assert str(faults.log_path()) in text and PRIVATE not in text
    assert "Traceback" in logged()
    assert capsys.readouterr() == ("", "")


def test_a_fault_while_showing_a_fault_is_only_logged() -> None:
    def show(_text: str) -> None:
        raise RuntimeError("the dialog broke")

    hook = excepthook(show)
    try:
        broken()
    except RuntimeError:
        hook(*sys.exc_info())  # no exception escapes the hook
    assert "the dialog broke" in logged()


def test_a_threads_uncaught_exception_is_logged() -> None:
    thread = threading.Thread(target=broken)
    saved = threading.excepthook
    threading.excepthook = thread_excepthook
    try:
        thread.start()
        thread.join()
    finally:
        threading.excepthook = saved
    assert "in thread" in logged() and PRIVATE in logged()


def test_the_log_is_in_the_data_folder(tmp_path: Path) -> None:
    assert faults.log_path() == tmp_path / "data" / faults.LOG_NAME
