"""Starting the GUI: fonts, language, database, first run, login, main window.

``python main.py [--db URL] [--lang vi|en]``; ``--smoke-test`` builds every screen once
offscreen on a fresh demo database and exits 0 (CI uses it to prove the app starts);
``--screenshot FILE`` (with ``--smoke-test``) saves the main window as PNG.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

from isoqms import faults
from isoqms.domain.errors import IsoqmsError

log = logging.getLogger("isoqms")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="isoqms-gui", description="isoqms")
    parser.add_argument("--db", metavar="URL", help="database URL or SQLite file")
    parser.add_argument("--lang", choices=["vi", "en"], help="user-interface language")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="build every screen once on a demo database, then exit",
    )
    parser.add_argument(
        "--screenshot",
        metavar="FILE",
        type=Path,
        help="with --smoke-test: save the main window as PNG",
    )
    parser.add_argument(
        "--area",
        default="intake",
        help="with --screenshot: the area to show and its tab from 0, e.g. intake, admin:2 "
        f"(areas: {', '.join(AREAS)})",
    )
    parser.add_argument(
        "--user",
        default="admin",
        metavar="NAME",
        help="with --smoke-test: the demo user signed in (password demo), e.g. clerk",
    )
    args = parser.parse_args(argv)
    key, colon, tab = args.area.partition(":")
    if key not in AREAS or (colon and not tab.isdigit()):
        parser.error(
            f"--area {args.area!r}: chọn một khu vực {', '.join(AREAS)}, "
            "có thể kèm số thứ tự trang (từ 0), ví dụ admin:2"
        )
    return args


#: The main window's areas by key (each role sees the ones its permissions open).
AREAS = ("intake", "dossiers", "documents", "reports", "audit", "admin")


def missing_display() -> str | None:
    """Why no window can open here, in one Vietnamese line, or None. On Linux a window
    needs an X11 or Wayland session (or a Qt platform named in QT_QPA_PLATFORM); without
    one Qt aborts with a misleading message about xcb-cursor."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "Không có màn hình để mở cửa sổ (biến DISPLAY và WAYLAND_DISPLAY đều trống): hãy chạy "
        "trong phiên làm việc đồ họa, qua xvfb-run, hoặc dùng dòng lệnh isoqms --help."
    )


def _setup_logging() -> None:
    """The log in the data folder (:mod:`isoqms.faults`), from INFO up."""
    faults.install(logging.INFO)


def excepthook(show: Callable[[str], None]) -> Callable[..., None]:
    """What replaces ``sys.excepthook``: an exception nobody caught (in a slot, an event
    handler, a dialog) is a fault — logged with its traceback, shown through ``show`` as
    one line saying where the log is; never printed, never with its text."""
    showing: list[bool] = []

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            from PySide6.QtWidgets import QApplication

            QApplication.quit()
            return
        text = faults.report(exc.with_traceback(tb), where="GUI")
        if showing:  # a fault while showing a fault: logged, not shown again
            return
        showing.append(True)
        try:
            show(text)
        except Exception as again:
            faults.report(again, where="showing a fault")
        finally:
            showing.clear()

    return hook


def thread_excepthook(args: threading.ExceptHookArgs) -> None:
    """A Python thread's uncaught exception: logged, nothing printed."""
    if args.exc_value is not None:
        faults.report(args.exc_value.with_traceback(args.exc_traceback), where="thread")


def _install_excepthooks(smoke_test: bool) -> None:
    from isoqms.ui import dialogs

    def show(text: str) -> None:
        if smoke_test:
            print(f"isoqms: {text}", file=sys.stderr)
        else:
            dialogs.fault(None, text)

    sys.excepthook = excepthook(show)
    threading.excepthook = thread_excepthook


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if not args.db and not os.environ.get("ISOQMS_DATABASE_URL"):
            scratch = Path(tempfile.mkdtemp(prefix="isoqms-smoke-"))
            os.environ.setdefault("ISOQMS_DATA_DIR", str(scratch))
            args.db = str(scratch / "smoke.sqlite3")

    elif (why := missing_display()) is not None:
        print(f"isoqms: {why}", file=sys.stderr)
        return 1

    # Qt is imported only once the platform is chosen.
    from PySide6.QtWidgets import QApplication, QMessageBox

    from isoqms.db.engine import Database
    from isoqms.ui import fonts, i18n
    from isoqms.ui.collector import GuiCollector
    from isoqms.ui.tasks import TaskRunner

    _setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    GuiCollector(app)  # garbage is collected on this thread only, never on a worker
    app.setApplicationName("isoqms")
    app.setOrganizationName("isoqms")
    fonts.load_fonts()
    fonts.apply_ui_font(app)
    language = args.lang or i18n.saved_language()
    translators = i18n.install(app, language)  # noqa: F841 - kept alive for the session

    _install_excepthooks(args.smoke_test)

    tasks = TaskRunner()
    from isoqms.services.startup import prepare_database

    try:
        db = Database.open(args.db)
        prepare_database(db)
    except Exception as exc:
        text = exc.message if isinstance(exc, IsoqmsError) else faults.report(exc, "start")
        if args.smoke_test:
            print(f"isoqms: {text}", file=sys.stderr)
        else:
            QMessageBox.critical(None, "isoqms", text)
        return 1

    if args.smoke_test:
        from isoqms.ui.smoke import smoke_test

        return smoke_test(
            app, db, tasks, language, screenshot=args.screenshot, area=args.area, user=args.user
        )
    try:
        return run_interactive(app, db, tasks, language)
    finally:
        tasks.wait_idle()
        tasks.shutdown()
        db.dispose()


def run_interactive(app: object, db: object, tasks: object, language: str) -> int:
    from PySide6.QtWidgets import QApplication, QDialog

    from isoqms.db.engine import Database
    from isoqms.services import demo as demo_service
    from isoqms.services import unit as unit_service
    from isoqms.services import users as user_service
    from isoqms.ui import dialogs
    from isoqms.ui.context import AppContext
    from isoqms.ui.login import ChangePasswordDialog, FirstAdminDialog, LoginDialog, offer_demo
    from isoqms.ui.main_window import MainWindow
    from isoqms.ui.tasks import TaskRunner

    assert isinstance(app, QApplication)
    assert isinstance(db, Database)
    assert isinstance(tasks, TaskRunner)

    if user_service.count_users(db) == 0:
        if offer_demo(None):
            try:
                demo_service.init_demo(db)
                from isoqms.services.demo_dossiers import load_demo_dossiers

                load_demo_dossiers(db)
            except IsoqmsError as exc:
                dialogs.error(None, exc)
                return 1
        else:
            first = FirstAdminDialog(db, tasks)
            if first.exec() != QDialog.DialogCode.Accepted:
                return 0

    while True:
        unit = unit_service.get_unit(db)
        demo = unit_service.is_demo(db)
        login = LoginDialog(db, tasks, unit_name=unit.desk_name or unit.display_name, demo=demo)
        if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
            return 0
        assert login.user is not None
        if login.user.must_change_password:
            change = ChangePasswordDialog(db, tasks, login.actor, forced=True)
            if change.exec() != QDialog.DialogCode.Accepted:
                continue
        ctx = AppContext(
            db,
            login.actor,
            login.user,
            unit,
            demo=demo,
            tasks=tasks,
            language=language,
            auto_backup=True,
        )
        window = MainWindow(ctx)
        logout = window.logout_requested
        signed_out: list[bool] = []
        logout.connect(lambda flags=signed_out: flags.append(True))
        window.show()
        app.exec()
        window.deleteLater()
        if not signed_out:
            return 0
