"""Python's cyclic garbage collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a generation fills up.
Widgets often sit in reference cycles (a slot that is a lambda over ``self``); when a
background worker's allocation triggered the collection, it destroyed such a widget from
the worker thread while the GUI thread was deleting it too — a segmentation fault (seen
in the test suite: a worker in ``gc_collect_main`` → ``QObject::~QObject`` while the GUI
thread ran the widget's ``DeferredDelete``). So automatic collection is off, and the GUI
thread collects what is due, the way automatic collection would, from a timer (the
program) or between tests (the suite). calibre and pyqtgraph do the same.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


def collect_due() -> int:
    """Collect the generations whose thresholds are passed, youngest first, as automatic
    collection would; call it on the GUI thread. Returns the objects found unreachable."""
    threshold = gc.get_threshold()
    young, middle, old = gc.get_count()
    found = 0
    if young > threshold[0]:
        found += gc.collect(0)
        if middle > threshold[1]:
            found += gc.collect(1)
            if old > threshold[2]:
                found += gc.collect(2)
    return found


def take_over() -> None:
    """Turn automatic collection off: from now on ``collect_due`` does it."""
    gc.disable()


class GuiCollector(QObject):
    """Collects due garbage on the GUI thread every ``INTERVAL_MS``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        take_over()
        self._timer = QTimer(self)
        self._timer.timeout.connect(collect_due)
        self._timer.start(INTERVAL_MS)
