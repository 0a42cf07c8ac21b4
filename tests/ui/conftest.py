"""GUI fixtures: the shipped fonts and the Vietnamese translation, contexts per role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from isoqms.db.engine import Database
from isoqms.services import unit as unit_service
from isoqms.services import users as user_service
from isoqms.ui import collector, fonts, i18n
from isoqms.ui.context import AppContext
from isoqms.ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window sizes and splitters (window.ini) stay with the test that saved them."""
    monkeypatch.setenv("ISOQMS_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def no_unanswered_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box nobody answers would hang the suite: a test that expects one patches
    the ``isoqms.ui.dialogs`` function; any other fails the test with its text."""

    def shown(_parent: object, title: str, text: str, *_a: object, **_k: object) -> object:
        raise AssertionError(f"an unexpected message box: {title}: {text}")

    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(shown))


@pytest.fixture(scope="session", autouse=True)
def gui_thread_collects() -> None:
    """As in the program: no garbage collection on worker threads (isoqms.ui.collector);
    the main thread collects what is due after every test (tests/conftest.py)."""
    collector.take_over()


@pytest.fixture(scope="session", autouse=True)
def vietnamese_ui(qapp: QApplication) -> Iterator[list[QTranslator]]:
    fonts.load_fonts()
    fonts.apply_ui_font(qapp)
    translators = i18n.install(qapp, "vi")
    assert translators, "the Vietnamese .qm did not load"
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def make_ctx(demo_db: Database) -> Iterator[Callable[[str], AppContext]]:
    """``make_ctx("clerk")``: the context a logged-in user's window gets."""
    runners: list[TaskRunner] = []

    def make(username: str) -> AppContext:
        actor, info = user_service.authenticate(demo_db, username, "demo", record_login=False)
        tasks = TaskRunner()
        runners.append(tasks)
        return AppContext(
            demo_db,
            actor,
            info,
            unit_service.get_unit(demo_db),
            demo=True,
            tasks=tasks,
            language="vi",
        )

    yield make
    for tasks in runners:
        tasks.wait_idle()
        tasks.shutdown()
