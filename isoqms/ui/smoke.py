"""``main.py --smoke-test``: build every screen once and exit (CI's proof that the app starts)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QTabWidget

from isoqms.db.engine import Database
from isoqms.domain.errors import IsoqmsError
from isoqms.services import demo as demo_service
from isoqms.services import unit as unit_service
from isoqms.services import users as user_service
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.login import ChangePasswordDialog, FirstAdminDialog, LoginDialog
from isoqms.ui.main_window import MainWindow
from isoqms.ui.tasks import TaskRunner


def _settle(app: QApplication, tasks: TaskRunner, rounds: int = 20) -> None:
    """Let background loads finish and their results reach the widgets."""
    for _ in range(rounds):
        tasks.wait_idle()
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if tasks.idle:
            return


def smoke_test(
    app: QApplication,
    db: Database,
    tasks: TaskRunner,
    language: str,
    *,
    screenshot: Path | None = None,
    area: str = "intake",
    user: str = "admin",
) -> int:
    problems: list[str] = []
    dialogs.error = lambda _parent, exc: problems.append(repr(exc))  # type: ignore[assignment]

    if user_service.count_users(db) == 0:
        demo_service.init_demo(db)
        from isoqms.services.demo_dossiers import load_demo_dossiers

        load_demo_dossiers(db)
    try:
        actor, info = user_service.authenticate(db, user, demo_service.DEMO_PASSWORD)
    except IsoqmsError as exc:
        print(f"isoqms: --user {user}: {exc.message}", file=sys.stderr)
        return 1
    unit = unit_service.get_unit(db)
    LoginDialog(db, tasks, unit_name=unit.display_name, demo=True).deleteLater()
    FirstAdminDialog(db, tasks).deleteLater()
    ChangePasswordDialog(db, tasks, actor, forced=True).deleteLater()

    ctx = AppContext(
        db, actor, info, unit, demo=unit_service.is_demo(db), tasks=tasks, language=language
    )
    window = MainWindow(ctx)
    if screenshot is not None:
        window.resize(1366, 768)  # the usual commune screen
    window.show()
    built = 0
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        _settle(app, tasks)
        page = window.stack.currentWidget()
        assert page is not None
        tab_widgets = [page] if isinstance(page, QTabWidget) else page.findChildren(QTabWidget)
        for tabs in tab_widgets:
            assert isinstance(tabs, QTabWidget)
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                _settle(app, tasks)
                built += 1
        built += 1
    window.about_text()

    if screenshot is not None:
        key, _, tab = area.partition(":")
        try:
            shown = window.show_area(key)
        except KeyError:
            print(f"isoqms: “{user}” không có khu vực {key}.", file=sys.stderr)
            return 2
        # the area's own tabs: the page itself, or the first tab bar inside it
        bar: QTabWidget | None = (
            shown if isinstance(shown, QTabWidget) else shown.findChild(QTabWidget)
        )
        if tab:
            if bar is None or not 0 <= int(tab) < bar.count():
                count = bar.count() if bar is not None else 0
                print(f"isoqms: khu vực {key} có {count} trang (0–{count - 1}).", file=sys.stderr)
                return 2
            bar.setCurrentIndex(int(tab))
        _settle(app, tasks)
        app.processEvents()
        screen = QGuiApplication.primaryScreen()
        if QGuiApplication.platformName() == "xcb" and screen is not None:
            window.raise_()
            app.processEvents()
            pixmap = screen.grabWindow(
                0,
                window.x(),
                window.y(),
                window.frameGeometry().width(),
                window.frameGeometry().height(),
            )
        else:
            pixmap = window.grab()
        pixmap.save(str(screenshot))

    window.close()
    _settle(app, tasks)
    db.dispose()
    if problems:
        print("smoke test failed:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    print(f"smoke test: {window.nav.count()} areas, {built} screens built")
    return 0
