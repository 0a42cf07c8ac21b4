"""The shipped Noto fonts: full Vietnamese coverage, no clipped stacked marks."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from isoqms import paths

UI_FAMILY = "Noto Sans"
PRINT_FAMILY = "Noto Serif"
FONT_FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSans-Italic.ttf",
    "NotoSerif-Regular.ttf",
    "NotoSerif-Bold.ttf",
    "NotoSerif-Italic.ttf",
)


def load_fonts() -> list[str]:
    """Register the shipped fonts with Qt; returns the families loaded."""
    families: set[str] = set()
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(paths.font_path(name)))
        if font_id >= 0:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(families)


def apply_ui_font(app: QApplication, point_size: int = 10) -> QFont:
    font = QFont(UI_FAMILY, point_size)
    app.setFont(font)
    return font
