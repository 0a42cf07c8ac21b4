"""A page footer drawn at the bottom right of every page of a platypus document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from isoqms.render import fonts

PageCallback = Callable[[Any, Any], None]


def page_footer(
    text: Callable[[int], str], page_width: float, *, right: float, bottom: float, size: float = 8
) -> PageCallback:
    """``onFirstPage``/``onLaterPages`` callback writing ``text(page number)``."""

    def draw(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.SERIF, size)
        canvas.drawRightString(page_width - right, bottom, text(document.page))
        canvas.restoreState()

    return draw
