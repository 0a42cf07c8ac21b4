"""Message boxes behind small functions, so tests can patch them (qutebrowser's ``ask``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from isoqms import faults
from isoqms.domain.errors import Fault, IsoqmsError


def error(parent: QWidget | None, exc: BaseException) -> None:
    """A known error in plain words; anything else as a program error: logged with its
    details (:mod:`isoqms.faults`), shown as where the log is — never the exception's
    text, which may hold the private data of a database statement."""
    if isinstance(exc, Fault):
        fault(parent, exc.message)
    elif isinstance(exc, IsoqmsError):
        QMessageBox.warning(
            parent, QCoreApplication.translate("Dialogs", "Cannot do that"), exc.message
        )
    else:
        fault(parent, faults.report(exc))


def fault(parent: QWidget | None, text: str) -> None:
    """A program error already logged; ``text`` says where."""
    QMessageBox.critical(parent, QCoreApplication.translate("Dialogs", "Program error"), text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


_LAST_FOLDER = "dialogs/last_folder"


def start_folder() -> str:
    """Where a file dialog opens: the last folder the user chose a file in, else their
    documents folder — never the folder the program was started from."""
    from pathlib import Path

    from PySide6.QtCore import QStandardPaths

    from isoqms.ui.i18n import settings

    last = settings().value(_LAST_FOLDER, "")
    if isinstance(last, str) and last and Path(last).is_dir():
        return last
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def remember_folder(chosen: str) -> None:
    """Keep the folder of a chosen file (or the folder chosen) for the next dialog."""
    from pathlib import Path

    from isoqms.ui.i18n import settings

    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    if folder.is_dir():
        settings().setValue(_LAST_FOLDER, str(folder))


def _in_start_folder(suggested: str) -> str:
    """A suggested file name placed in the start folder (an absolute one stays)."""
    from pathlib import Path

    if suggested and Path(suggested).is_absolute():
        return suggested
    return str(Path(start_folder()) / suggested) if suggested else start_folder()


def ask_open_file(parent: QWidget | None, title: str, filters: str) -> str | None:
    """A file to read, or None (patchable in tests)."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(parent, title, start_folder(), filters)
    if name:
        remember_folder(name)
    return name or None


def ask_save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    """A file to write, or None (patchable in tests)."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(parent, title, _in_start_folder(suggested), filters)
    if name:
        remember_folder(name)
    return name or None


def ask_folder(parent: QWidget | None, title: str, start: str = "") -> str | None:
    """A folder, or None (patchable in tests)."""
    from PySide6.QtWidgets import QFileDialog

    name = QFileDialog.getExistingDirectory(parent, title, start or start_folder())
    if name:
        remember_folder(name)
    return name or None


def ask_password(parent: QWidget | None, title: str, prompt: str) -> str | None:
    """The signer's password, entered again to sign (patchable in tests)."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Password)
    return text if ok else None


def ask_text(parent: QWidget | None, title: str, prompt: str, text: str = "") -> str | None:
    """A line of text, or None when cancelled (patchable in tests)."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    value, ok = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def ask_item(parent: QWidget | None, title: str, prompt: str, items: list[str]) -> int | None:
    """One of ``items`` (its index), or None when cancelled (patchable in tests)."""
    from PySide6.QtWidgets import QInputDialog

    if not items:
        return None
    value, ok = QInputDialog.getItem(parent, title, prompt, items, 0, False)
    return items.index(value) if ok and value in items else None


def ask_printer(parent: QWidget | None, printer: object) -> bool:
    """The system print dialog (patchable in tests)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QDialog

    assert isinstance(printer, QPrinter)
    return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted


def ctrl_enter_accepts(dialog: QWidget) -> None:
    """Ctrl+Enter confirms the dialog — its OK (or Save, Yes) button, so the dialog's own
    checks run — wherever the cursor is, a multi-line box included (plain Enter there
    starts a new line). A dialog without such a button is not closed by it."""
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QDialogButtonBox

    if dialog.property("ctrlEnterAccepts"):
        return
    dialog.setProperty("ctrlEnterAccepts", True)

    def confirm() -> None:
        for box in dialog.findChildren(QDialogButtonBox):
            for role in (
                QDialogButtonBox.StandardButton.Ok,
                QDialogButtonBox.StandardButton.Save,
                QDialogButtonBox.StandardButton.Yes,
            ):
                button = box.button(role)
                if button is not None and button.isEnabled() and button.isVisible():
                    button.click()
                    return
        # no confirming button (a window of its own buttons): Ctrl+Enter does nothing

    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, confirm)


def run_dialog(dialog: object) -> bool:
    """Show a modal dialog; True when accepted (tests patch this to fill and accept it)."""
    from PySide6.QtWidgets import QDialog

    assert isinstance(dialog, QDialog)
    ctrl_enter_accepts(dialog)
    return dialog.exec() == QDialog.DialogCode.Accepted


def failure_text(parent: QWidget | None, exc: BaseException) -> str:
    """What a page's result line says when its work failed: a known error in its words;
    anything else is a program error — said in a dialog and logged — and the line says so
    without the error's text (which may carry row data). A fault already logged (a
    background task's, :class:`Fault`) is a program error too."""
    if isinstance(exc, IsoqmsError) and not isinstance(exc, Fault):
        return exc.message
    error(parent, exc)
    return QCoreApplication.translate(
        "Dialogs", "An unexpected error occurred; nothing was changed."
    )
