"""File dialogs open in the user's documents folder, then in the last folder used — never
in the folder the program was started from (its source folder, when run from a checkout)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from isoqms.ui import dialogs


def test_the_dialogs_start_in_documents_then_where_the_user_last_was(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISOQMS_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    first = Path(dialogs.start_folder())
    assert first.is_dir() and first != Path.cwd()
    usb = tmp_path / "USB" / "Báo cáo"
    usb.mkdir(parents=True)
    dialogs.remember_folder(str(usb / "bao-cao-thang-11.docx"))
    assert Path(dialogs.start_folder()) == usb
    assert Path(dialogs._in_start_folder("so-theo-doi.pdf")) == usb / "so-theo-doi.pdf"
    absolute = str(tmp_path / "x.pdf")
    assert dialogs._in_start_folder(absolute) == absolute
    usb.rmdir()  # the USB disk taken away: back to the documents folder
    assert Path(dialogs.start_folder()) == first


def test_the_program_asks_for_the_systems_own_dialogs(qapp: QApplication) -> None:
    """On Windows (and macOS) Qt shows the system's own file and print dialogs unless a
    program opts out: isoqms never does, neither for the whole application nor for a
    dialog; on Linux without a platform theme Qt's own dialogs (translated) are shown."""
    assert not qapp.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    opting_out = [
        path.name
        for path in sorted(Path(dialogs.__file__).parent.rglob("*.py"))
        if "DontUseNativeDialog" in path.read_text(encoding="utf-8")
    ]
    assert opting_out == []
