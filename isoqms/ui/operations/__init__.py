"""Typed operations between the screens and the services (after Anki's
``qt/aqt/operations``: ``CollectionOp``, ``QueryOp``).

A screen reads its widgets on the GUI thread, calls a function of an area module
(``operations.intake.receive(ctx, self, draft)``) with those plain values, and gets an
operation to run::

    operations.intake.receive(ctx, self, draft).success(self._received).run()

* :class:`Query` runs a read on a reader thread; :class:`Change` runs a write on the one
  writer thread and afterwards announces the kinds of record its units of work changed —
  the audit log's entity names, collected by :func:`isoqms.services.uow.collecting_changes`,
  so a screen never has to say what it changed and every page watching those kinds
  (``Page.watches``) reloads.
* The result reaches ``success`` typed, on the GUI thread; a failure goes to ``failure``
  or, by default, to the error dialog over the screen that started it. A screen closed in
  the meantime gets no callback.
* No function given to an operation may read a widget: the worker threads must never
  touch Qt objects (``tests/ui/test_operations.py`` checks the pages for it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar, cast

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from isoqms.db.engine import Database
from isoqms.services.uow import Actor, collecting_changes
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.tasks import TaskRunner

T = TypeVar("T")

#: How long an operation may take before the cursor says the program is busy.
BUSY_AFTER_MS = 300


class _Operation(Generic[T]):
    def __init__(self, ctx: AppContext, parent: QWidget | None, op: Callable[[], T]) -> None:
        self.ctx = ctx
        self.parent = parent
        self.op = op
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None

    def success(self, handler: Callable[[T], None]) -> _Operation[T]:
        self._on_success = handler
        return self

    def failure(self, handler: Callable[[BaseException], None]) -> _Operation[T]:
        self._on_failure = handler
        return self

    def _alive(self) -> bool:
        return self.parent is None or shiboken6.isValid(self.parent)

    def _succeeded(self, result: T) -> None:
        if self._on_success is not None and self._alive():
            self._on_success(result)

    def _failed(self, exc: BaseException) -> None:
        if not self._alive():
            return
        if self._on_failure is not None:
            self._on_failure(exc)
        else:
            dialogs.error(self.parent, exc)

    def run(self) -> None:
        raise NotImplementedError


class Query(_Operation[T]):
    """A read, on a reader thread."""

    def run(self) -> None:
        self.ctx.tasks.read(self.op, lambda value: self._succeeded(cast(T, value)), self._failed)


class Change(_Operation[T]):
    """A write, on the writer thread; announces what it changed."""

    def run(self) -> None:
        op, ctx = self.op, self.ctx

        def work() -> tuple[T, frozenset[str]]:
            with collecting_changes() as kinds:
                result = op()
            return result, frozenset(kinds)

        def done(value: object) -> None:
            result, kinds = cast(tuple[T, frozenset[str]], value)
            self._succeeded(result)
            if kinds:
                ctx.changed.emit(kinds)

        ctx.tasks.write(work, done, self._failed)


def reading(
    ctx: AppContext, parent: QWidget | None, fn: Callable[[Database, Actor], T]
) -> Query[T]:
    """A read of the services with this screen's database and person: ``fn`` gets them as
    arguments and closes over plain values only (never ``self``)."""
    db, actor = ctx.db, ctx.actor
    return Query(ctx, parent, lambda: fn(db, actor))


def changing(
    ctx: AppContext, parent: QWidget | None, fn: Callable[[Database, Actor], T]
) -> Change[T]:
    """A write, as :func:`reading`."""
    db, actor = ctx.db, ctx.actor
    return Change(ctx, parent, lambda: fn(db, actor))


class BusyCursor(QObject):
    """The busy cursor while the task runner has had work for more than
    ``BUSY_AFTER_MS``: a quick operation never flickers the cursor."""

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shown = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BUSY_AFTER_MS)
        self._timer.timeout.connect(self._show)
        tasks.busy_changed.connect(self._busy)

    def _busy(self, busy: bool) -> None:
        if busy:
            self._timer.start()
            return
        self._timer.stop()
        if self.shown:
            QApplication.restoreOverrideCursor()
            self.shown = False

    def _show(self) -> None:
        if not self.shown:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self.shown = True
