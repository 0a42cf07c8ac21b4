"""Work off the GUI thread: one writer, a few readers, results back by signal.

After Anki's ``taskman.py``: every service call that writes runs on a single background
thread, one at a time; reads run on a small pool. The callbacks run on the GUI thread.
Workers receive plain values and return frozen snapshots, never live ORM objects.

No Qt object is made or destroyed off the GUI thread. The workers are plain Python
threads (``concurrent.futures``); each runner has one relay, made with it on the GUI
thread and owned by it, that the workers emit on; a task's callable and handlers are kept
by the runner and released on the GUI thread when its result is delivered. (The first
runner made a QRunnable and a relay QObject per task; the relay sat in a reference cycle
and was destroyed by whichever thread's garbage collection found it, and the suite
crashed with a segmentation fault about one run in three.)
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from isoqms import faults
from isoqms.domain.errors import Fault, IsoqmsError

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives on the GUI thread, a child of its runner; workers emit ``done`` on it."""

    done = Signal(int, bool, object)


@dataclass
class _Task:
    fn: Callable[[], Any]
    on_success: Success
    on_failure: Failure


@dataclass
class _Book:
    """What a runner and its workers share: plain Python, no Qt object, so a worker never
    holds the last reference to anything Qt must delete on the GUI thread."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    pending: dict[int, _Task] = field(default_factory=dict)  # until delivered
    running: set[Future[None]] = field(default_factory=set)  # until the worker is done


def _work(book: _Book, relay: _Relay, task_id: int) -> None:
    """On a worker thread: run the task and post its outcome to the GUI thread."""
    with book.lock:
        fn = book.pending[task_id].fn
    ok, value = True, None
    try:
        value = fn()
    except IsoqmsError as exc:
        # The frames (and whatever widgets their locals hold) stay on this thread.
        ok, value = False, exc.with_traceback(None)
    except BaseException as exc:
        # A fault: its traceback goes to the log here, where it happened; the screen gets
        # a known error saying so (never the exception's text, which may hold row data).
        ok, value = False, Fault(faults.report(exc, where="background task"))
    del fn  # the book keeps the callable; it is let go on the GUI thread
    try:
        relay.done.emit(task_id, ok, value)
    except RuntimeError:  # the runner, and its relay with it, is gone: nobody waits
        log.debug("task %d finished after its runner was deleted", task_id)


def _forget(book: _Book, future: Future[None]) -> None:
    with book.lock:
        book.running.discard(future)


class TaskRunner(QObject):
    """Runs callables in the background and hands their results to the GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)  # owned by the runner: never deleted by a worker
        self._relay.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="isoqms-write")
        self._readers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="isoqms-read")
        self._ids = itertools.count(1)
        self._book = _Book()
        self._closed = False

    def write(self, fn: Callable[[], Any], on_success: Success, on_failure: Failure) -> None:
        self._start(self._writer, fn, on_success, on_failure)

    def read(self, fn: Callable[[], Any], on_success: Success, on_failure: Failure) -> None:
        self._start(self._readers, fn, on_success, on_failure)

    def _start(
        self,
        pool: ThreadPoolExecutor,
        fn: Callable[[], Any],
        on_success: Success,
        on_failure: Failure,
    ) -> None:
        if self._closed:
            # The window is closing: a refresh asked for by a late signal has nobody to
            # show its result to, and the database is about to be closed.
            return
        book, task_id = self._book, next(self._ids)
        with book.lock:
            book.pending[task_id] = _Task(fn, on_success, on_failure)
            first = len(book.pending) == 1
        if first:
            self.busy_changed.emit(True)
        # The worker gets the book and the relay, never the runner itself.
        future = pool.submit(_work, book, self._relay, task_id)
        with book.lock:
            book.running.add(future)
        future.add_done_callback(functools.partial(_forget, book))

    @Slot(int, bool, object)
    def _deliver(self, task_id: int, ok: bool, value: object) -> None:
        with self._book.lock:
            task = self._book.pending.pop(task_id)
            idle = not self._book.pending
        if idle:
            self.busy_changed.emit(False)
        if ok:
            task.on_success(value)
        else:
            assert isinstance(value, BaseException)
            task.on_failure(value)

    @property
    def idle(self) -> bool:
        return not self._book.pending

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until no worker is running a task (used at shutdown and by the smoke
        test); results still to be delivered arrive with the next events processed."""
        with self._book.lock:
            running = list(self._book.running)
        _done, not_done = wait(running, timeout=msecs / 1000)
        return not not_done

    def shutdown(self) -> None:
        """At the end: drop what is still queued, wait for what is running, and end the
        worker threads — on the GUI thread, before the database is closed. Work asked
        for afterwards is dropped."""
        self._closed = True
        self._writer.shutdown(wait=True, cancel_futures=True)
        self._readers.shutdown(wait=True, cancel_futures=True)
