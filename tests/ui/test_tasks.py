from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from isoqms.domain.errors import ValidationError
from isoqms.ui.tasks import TaskRunner


def test_results_come_back_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gui = QThread.currentThread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    with qtbot.waitCallback(timeout=5_000) as callback:
        runner.write(
            work,
            lambda value: (seen.update(value=value, thread=QThread.currentThread()), callback()),
            lambda exc: None,
        )
    assert seen["value"] == 42
    assert seen["thread"] is gui
    assert seen["worker"] != threading.get_ident()
    assert runner.idle


def test_errors_come_back_as_exceptions(qtbot: QtBot) -> None:
    runner = TaskRunner()

    def fail() -> None:
        raise ValidationError("Sai dữ liệu.")

    with qtbot.waitCallback(timeout=5_000) as callback:
        runner.read(fail, lambda _v: None, callback)
    assert isinstance(callback.args[0], ValidationError)


def test_writes_run_one_at_a_time_in_order(qtbot: QtBot) -> None:
    runner = TaskRunner()
    order: list[int] = []
    with qtbot.waitSignal(
        runner.busy_changed, timeout=5_000, check_params_cb=lambda busy: not busy
    ):
        for i in range(5):
            runner.write(lambda i=i: order.append(i), lambda _v: None, lambda _e: None)
    assert order == [0, 1, 2, 3, 4]


def test_a_tasks_callable_is_let_go_on_the_gui_thread(qtbot: QtBot) -> None:
    """What a task holds (a page, a widget) is released where Qt objects may be deleted:
    on the GUI thread, after its result is delivered — never on a worker."""
    runner = TaskRunner()
    released: list[int] = []

    class Held:
        def __del__(self) -> None:
            released.append(threading.get_ident())

    def make(fail: bool) -> Callable[[], int]:
        held = Held()

        def work() -> int:
            assert held is not None
            if fail:
                raise RuntimeError("hỏng")
            return 1

        return work

    for fail in (False, True):
        with qtbot.waitCallback(timeout=5_000) as callback:
            runner.read(make(fail), callback, callback)
    assert released == [threading.get_ident()] * 2
    assert runner.wait_idle(1_000) and runner.idle
    runner.shutdown()


def test_a_runner_is_deleted_on_the_gui_thread(qtbot: QtBot) -> None:
    """A worker never holds the last reference to its runner (a QObject of the GUI
    thread), even when the runner is dropped right after its result arrived."""
    deleted_on: list[int] = []
    for _ in range(30):
        runner = TaskRunner()
        runner.destroyed.connect(lambda *_a: deleted_on.append(threading.get_ident()))
        with qtbot.waitCallback(timeout=5_000) as callback:
            runner.read(lambda: 1, callback, callback)
        del runner  # the last reference here: no cycle keeps a runner alive
    assert deleted_on == [threading.get_ident()] * 30


def test_signal_emit_keeps_refcounts() -> None:
    """PySide6 6.12.0 lost a reference to ``True`` on every ``emit()``; thousands of
    emits later the interpreter aborted. pyproject.toml excludes that release."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        ping = Signal(int)

    emitter = Emitter()
    before = sys.getrefcount(True)
    for i in range(200):
        emitter.ping.emit(i)
    assert sys.getrefcount(True) > before - 100  # 6.12.0: exactly 200 fewer


def test_work_asked_for_after_shutdown_is_dropped(qtbot: QtBot) -> None:
    """A late refresh (a signal delivered while the window closes) must not raise from
    a pool that has been shut down, and never runs."""
    runner = TaskRunner()
    runner.shutdown()
    ran: list[int] = []
    runner.read(lambda: ran.append(1), lambda _v: ran.append(2), lambda _e: ran.append(3))
    runner.write(lambda: ran.append(4), lambda _v: ran.append(5), lambda _e: ran.append(6))
    assert runner.idle and runner.wait_idle(1_000)
    assert ran == []
