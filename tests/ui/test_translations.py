"""Every user-interface string has its Vietnamese translation, and the shipped .qm is current."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from pytestqt.qtbot import QtBot

from tools.update_translations import LANGUAGES, ROOT, TRANSLATIONS, ui_sources

TS = TRANSLATIONS / "isoqms_vi.ts"
QM = TRANSLATIONS / "isoqms_vi.qm"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    out: dict[tuple[str, str], ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message
    return out


def test_every_message_is_translated() -> None:
    unfinished = [
        source
        for (_ctx, source), message in messages(TS).items()
        if (
            message.find("translation") is None
            or message.find("translation").get("type") in {"unfinished", "vanished", "obsolete"}
        )  # type: ignore[union-attr]
    ]
    assert unfinished == []


def test_the_code_has_no_string_missing_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    subprocess.run(
        [
            "pyside6-lupdate",
            *ui_sources(),
            "-ts",
            str(fresh),
            "-target-language",
            LANGUAGES["vi"],
            "-no-obsolete",
            "-locations",
            "none",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert set(messages(fresh)) == set(messages(TS)), (
        "run: python tools/update_translations.py, then translate the new strings"
    )


def test_the_shipped_qm_is_built_from_the_ts(tmp_path: Path) -> None:
    built = tmp_path / "built.qm"
    subprocess.run(
        ["pyside6-lrelease", str(TS), "-qm", str(built)], check=True, capture_output=True
    )
    assert built.read_bytes() == QM.read_bytes()


def test_qts_own_file_and_print_dialogs_speak_vietnamese(qtbot: QtBot) -> None:
    """Qt ships no Vietnamese for its dialogs; ours covers what its file, print and page
    set-up dialogs ask for (collected from the dialogs themselves)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QApplication, QLabel

    from isoqms.ui import i18n
    from isoqms.ui.qt_strings import FILE_AND_PRINT_DIALOGS

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = i18n.install(app, "vi")
    try:
        tr = QCoreApplication.translate
        assert tr("QPrintWidget", "Printer") == "Máy in"
        assert tr("QFileDialog", "&Look in:") == "&Tìm trong:"
        assert tr("QPrintSettingsOutput", "Copies:") == "Số bản:"
        assert len(FILE_AND_PRINT_DIALOGS) > 100
        printer = QPrinter()
        dialog = QPrintDialog(printer)
        qtbot.addWidget(dialog)
        texts = {label.text() for label in dialog.findChildren(QLabel)}
        assert {"Vị trí:", "Loại:"} <= texts and "Location:" not in texts
    finally:
        for translator in translators:
            app.removeTranslator(translator)
