"""The operations layer between the screens and the services: typed results, what a
write changed announced from its units of work, the busy cursor, and no widget touched by
a worker thread."""

from __future__ import annotations

import ast
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from isoqms.services import documents, objectives
from isoqms.services.objectives import ObjectiveDraft
from isoqms.ui.context import AppContext
from isoqms.ui.operations import BusyCursor, Query, changing, reading

UI = Path(__file__).resolve().parents[2] / "isoqms" / "ui"
#: what runs an operation's callable on a worker thread: the callable's position
RUNNERS = {"reading": 2, "changing": 2, "Query": 2, "Change": 2, "read": 0, "write": 0}


def _callee(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _worker_callables(tree: ast.AST) -> list[tuple[int, ast.AST]]:
    """The lambdas and local functions handed to something that runs them on a worker."""
    defs: dict[str, ast.AST] = {
        n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    found: list[tuple[int, ast.AST]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _callee(node)
        if name not in RUNNERS or len(node.args) <= RUNNERS[name]:
            continue
        if name in ("read", "write") and not (
            isinstance(node.func, ast.Attribute) and ast.unparse(node.func.value).endswith("tasks")
        ):
            continue
        arg = node.args[RUNNERS[name]]
        if isinstance(arg, ast.Lambda):
            found.append((node.lineno, arg))
        elif isinstance(arg, ast.Name) and arg.id in defs:
            found.append((node.lineno, defs[arg.id]))
    return found


def widget_reads_off_the_gui_thread(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = []
    for line, fn in _worker_callables(tree):
        names = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)}
        if names & {"self", "parent"}:
            bad.append(f"{path.name}:{line}")
    return bad


def test_no_screen_hands_a_worker_anything_that_reads_a_widget() -> None:
    """A worker gets the database, the person and plain values captured on the GUI thread
    — never ``self`` (a widget) or the parent of the operation."""
    found = [hit for p in sorted(UI.rglob("*.py")) for hit in widget_reads_off_the_gui_thread(p)]
    assert found == []


def test_the_check_sees_a_widget_read(tmp_path: Path) -> None:
    sample = tmp_path / "page.py"
    sample.write_text(
        "def refresh(self):\n"
        "    reading(self.ctx, self, lambda db, actor: svc(db, self.search.text()))\n"
        "    def load():\n"
        "        return self.year.value()\n"
        "    Query(self.ctx, self, load)\n"
        "    self.ctx.tasks.read(lambda: self.db, ok, fail)\n"
        "    reading(self.ctx, self, lambda db, actor: svc(db, 1))\n",
        encoding="utf-8",
    )
    assert widget_reads_off_the_gui_thread(sample) == ["page.py:2", "page.py:5", "page.py:6"]


def test_a_write_announces_the_kinds_of_record_its_units_of_work_changed(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    ctx = make_ctx("iso_secretary")
    draft = ObjectiveDraft("≥ 98% đúng hạn", "on_time_rate", 98)
    results: list[object] = []
    with qtbot.waitSignal(ctx.changed, timeout=10_000) as changed:
        changing(ctx, None, lambda db, actor: objectives.add(db, actor, draft)).success(
            results.append
        ).run()
    assert changed.args[0] == frozenset({"quality_objective", "audit"})
    assert results and results[0] is not None  # the typed result, on the GUI thread
    # a read announces nothing
    with qtbot.assertNotEmitted(ctx.changed, wait=200), qtbot.waitCallback() as done:
        reading(ctx, None, lambda db, actor: documents.list_documents(db, actor)).success(
            done
        ).run()


def test_a_screen_closed_meanwhile_gets_no_callback(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    ctx = make_ctx("clerk")
    release = threading.Event()
    got: list[object] = []
    screen = QWidget()
    Query(ctx, screen, lambda: release.wait(10)).success(got.append).run()
    screen.deleteLater()
    qtbot.waitUntil(lambda: not _alive(screen), timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: ctx.tasks.idle, timeout=5_000)  # the result was delivered
    assert got == []


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(widget))


@pytest.mark.parametrize("slow", [True, False], ids=["slow", "quick"])
def test_the_busy_cursor_only_when_an_operation_takes_a_while(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], slow: bool
) -> None:
    ctx = make_ctx("clerk")
    busy = BusyCursor(ctx.tasks)
    release = threading.Event()
    if not slow:
        release.set()
    with qtbot.waitSignal(ctx.tasks.busy_changed, timeout=5_000, check_params_cb=lambda b: not b):
        Query(ctx, None, lambda: release.wait(10)).run()
        if slow:
            qtbot.waitUntil(lambda: busy.shown, timeout=5_000)
            assert QApplication.overrideCursor() is not None
            release.set()
    assert not busy.shown and QApplication.overrideCursor() is None
