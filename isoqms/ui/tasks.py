"""Work off the GUI thread: one writer, a few readers, results back by signal.

After Anki's ``taskman.py``: every service call that writes runs on a single background
thread, one at a time; reads run on a small pool. The callbacks run on the GUI thread.
Workers receive plain values and return frozen snapshots, never live ORM objects.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from isoqms.domain.errors import IsoqmsError

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, the queued slots call the handlers."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_success: Success, on_failure: Failure) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._deliver_failure, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _deliver_success(self, value: object) -> None:
        self._on_success(value)

    @Slot(object)
    def _deliver_failure(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self._on_failure(exc)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:
            if not isinstance(exc, IsoqmsError):
                log.error("background task failed:\n%s", traceback.format_exc())
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs callables in the background and hands their results to the GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(2)
        self._pending: set[_Relay] = set()

    def write(self, fn: Callable[[], Any], on_success: Success, on_failure: Failure) -> None:
        self._start(self._writer, fn, on_success, on_failure)

    def read(self, fn: Callable[[], Any], on_success: Success, on_failure: Failure) -> None:
        self._start(self._readers, fn, on_success, on_failure)

    def _start(
        self, pool: QThreadPool, fn: Callable[[], Any], on_success: Success, on_failure: Failure
    ) -> None:
        def finish(handler: Callable[[Any], None], value: Any) -> None:
            self._pending.discard(relay)
            if not self._pending:
                self.busy_changed.emit(False)
            handler(value)

        relay = _Relay(lambda value: finish(on_success, value), lambda exc: finish(on_failure, exc))
        self._pending.add(relay)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        pool.start(_Job(fn, relay))

    @property
    def idle(self) -> bool:
        return not self._pending

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until both pools are empty (used at shutdown and by the smoke test)."""
        return self._writer.waitForDone(msecs) and self._readers.waitForDone(msecs)
