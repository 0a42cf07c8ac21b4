"""Base class of the main window's areas."""

from __future__ import annotations

from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from isoqms.ui.context import AppContext


class Page(QWidget):
    """An area of the main window. ``refresh()`` reloads it; ``on_changed`` filters."""

    #: entity kinds whose change makes this page reload
    watches: frozenset[str] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        ctx.changed.connect(self.on_changed)

    def on_changed(self, kinds: object) -> None:
        assert isinstance(kinds, frozenset)
        if kinds & self.watches:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSize(font.pointSize() + 5)
    font.setBold(True)
    label.setFont(font)
    return label
