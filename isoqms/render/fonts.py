"""Embedded fonts for printed output: Noto Serif, full Vietnamese coverage (OFL)."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from isoqms import paths

SERIF = "NotoSerif"
SERIF_BOLD = "NotoSerif-Bold"
SERIF_ITALIC = "NotoSerif-Italic"
_lock = threading.Lock()
_done = False


def register() -> None:
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        for name, file in (
            (SERIF, "NotoSerif-Regular.ttf"),
            (SERIF_BOLD, "NotoSerif-Bold.ttf"),
            (SERIF_ITALIC, "NotoSerif-Italic.ttf"),
        ):
            pdfmetrics.registerFont(TTFont(name, str(paths.font_path(file))))
        addMapping(SERIF, 0, 0, SERIF)
        addMapping(SERIF, 1, 0, SERIF_BOLD)
        addMapping(SERIF, 0, 1, SERIF_ITALIC)
        addMapping(SERIF, 1, 1, SERIF_BOLD)
        _done = True
