"""Screenshots of Qt's own print and file dialogs as the program shows them, in a language.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" \\
        python tools/dialog_screenshots.py vi docs/screenshots

writes print-dialog-vi.png (options shown) and file-dialog-vi.png. On Linux these are
Qt's dialogs, translated by the .qm the program ships; on Windows the system's own are
shown instead (tests/ui/test_file_dialog_folder.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QPushButton

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from isoqms.ui import dialogs, fonts, i18n  # noqa: E402


def shoot(app: QApplication, dialog: QDialog, out: Path) -> None:
    def grab() -> None:
        for button in dialog.findChildren(QPushButton):
            if button.text().endswith(">>"):  # the print dialog's options
                button.click()
        app.processEvents()
        dialog.grab().save(str(out))
        dialog.reject()

    QTimer.singleShot(300, grab)
    dialog.exec()
    print(f"wrote {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("language", choices=sorted(i18n.LANGUAGES))
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    fonts.load_fonts()
    fonts.apply_ui_font(app)
    kept = i18n.install(app, args.language)  # noqa: F841 - the translators must stay alive
    args.folder.mkdir(parents=True, exist_ok=True)
    printer = QPrinter()
    shoot(app, QPrintDialog(printer), args.folder / f"print-dialog-{args.language}.png")
    files = QFileDialog(None, app.translate("StatisticsPanel", "Save"), dialogs.start_folder())
    shoot(app, files, args.folder / f"file-dialog-{args.language}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
