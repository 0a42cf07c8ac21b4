"""The main window: one place per area, a status bar with user and unit, About."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEventLoop, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QWidget,
)

from isoqms import __version__, paths
from isoqms.domain import clock
from isoqms.domain.roles import Permission, Role
from isoqms.services import backup, integrity
from isoqms.services import calendar as calendar_service
from isoqms.services.unit import UnitInfo
from isoqms.ui import dialogs, i18n
from isoqms.ui.admin.backup import BackupPage
from isoqms.ui.admin.calendar import CalendarPage
from isoqms.ui.admin.unit import UnitPage
from isoqms.ui.admin.users import UsersPage
from isoqms.ui.audit_page import AuditPage
from isoqms.ui.catalogue import CataloguePage
from isoqms.ui.context import AppContext
from isoqms.ui.documents import RegisterPage
from isoqms.ui.dossiers import DossiersPage
from isoqms.ui.intake import IntakePage
from isoqms.ui.internal_audit import InternalAuditPage
from isoqms.ui.iso_cycle import IsoCyclePage
from isoqms.ui.labels import local_time, role_label
from isoqms.ui.operations import BusyCursor, changing, reading
from isoqms.ui.pages import Page
from isoqms.ui.records import RecordsPage
from isoqms.ui.reports import ReportsPage

log = logging.getLogger(__name__)

#: Where each role starts: the area of its daily work (the first listed role a person
#: holds wins — a clerk who also administers lands at the counter).
HOME_AREAS: tuple[tuple[Role, str], ...] = (
    (Role.CLERK, "intake"),
    (Role.OFFICER, "dossiers"),
    (Role.ISO_SECRETARY, "documents"),
    (Role.REVIEWER, "documents"),
    (Role.APPROVER, "documents"),
    (Role.INTERNAL_AUDITOR, "documents"),
    (Role.AUDITOR, "audit"),
    (Role.ADMIN, "admin"),
)


def home_area(roles: Iterable[Role], available: Iterable[str]) -> str:
    held, keys = set(roles), list(available)
    for role, key in HOME_AREAS:
        if role in held and key in keys:
            return key
    return keys[0]


def window_settings() -> QSettings:
    """This computer's window sizes and splitters, in the data folder beside the
    integrity checkpoints (not the registry: the data folder is what is backed up)."""
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    widget: QWidget
    icon: QStyle.StandardPixmap


class AdminPage(QTabWidget):
    """Administration: users and roles, the unit profile, the working-day calendar,
    backups."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.users = UsersPage(ctx)
        self.unit = UnitPage(ctx)
        self.calendar = CalendarPage(ctx)
        self.addTab(self.users, self.tr("Users"))
        self.addTab(self.unit, self.tr("Unit profile"))
        self.addTab(self.calendar, self.tr("Working-day calendar"))
        self.backups: BackupPage | None = None
        if ctx.can(Permission.BACKUP):
            self.backups = BackupPage(ctx)
            self.addTab(self.backups, self.tr("Backups"))


class DocumentsPage(QTabWidget):
    """ISO documents: the procedure catalogue, the controlled-document register, the
    records list, the year's ISO cycle and its internal audit."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = CataloguePage(ctx)
        self.addTab(self.catalogue, self.tr("Procedures (TTHC)"))
        self.register = RegisterPage(ctx)
        self.addTab(self.register, self.tr("Controlled documents"))
        self.records = RecordsPage(ctx)
        self.addTab(self.records, self.tr("Records list"))
        self.cycle = IsoCyclePage(ctx)
        self.addTab(self.cycle, self.tr("ISO cycle"))
        self.audit = InternalAuditPage(ctx)
        self.addTab(self.audit, self.tr("Internal audit"))


class MainWindow(QMainWindow):
    logout_requested = Signal()
    integrity_checked = Signal(object)
    #: an automatic backup ended: its BackupInfo, None (one was made today already) or
    #: the error that stopped it
    auto_backup_done = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("isoqms — %s") % ctx.unit.display_name)
        self.busy = BusyCursor(ctx.tasks, self)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setFixedWidth(210)
        self.stack = QStackedWidget()
        self.areas: list[Area] = []
        for area in self._build_areas():
            self.areas.append(area)
            item = QListWidgetItem(self.style().standardIcon(area.icon), area.title)
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            item.setSizeHint(QSize(200, 40))
            self.nav.addItem(item)
            self.stack.addWidget(area.widget)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_status_bar()
        ctx.changed.connect(self._on_changed)
        self.nav.currentRowChanged.connect(lambda _row: self._focus_area())
        self._restore_layout()
        self.show_area(home_area(ctx.user.roles, (a.key for a in self.areas)))
        self._focus_area()
        self._signing_out = False
        self._backed_up_at_exit = False
        for admin in self.findChildren(AdminPage):
            if admin.backups is not None:
                admin.backups.restored.connect(lambda _result: self._after_restore())
        if ctx.auto_backup:
            QTimer.singleShot(0, self.first_backup_of_the_day)

    # ------------------------------------------------------------------ layout

    def _restore_layout(self) -> None:
        settings = window_settings()
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            state = settings.value("main/state")
            if isinstance(state, QByteArray):
                self.restoreState(state)
        else:
            screen = self.screen().availableGeometry()
            if screen.width() <= 1440 or screen.height() <= 800:
                # a commune's 1366×768 screen: all of it
                self.setGeometry(screen)
                self.setWindowState(Qt.WindowState.WindowMaximized)
            else:
                self.resize(1280, 800)
        for splitter in self.findChildren(QSplitter):
            state = settings.value(f"splitters/{splitter.objectName()}")
            if splitter.objectName() and isinstance(state, QByteArray):
                splitter.restoreState(state)

    def save_layout(self) -> None:
        settings = window_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        for splitter in self.findChildren(QSplitter):
            if splitter.objectName():
                settings.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
        settings.sync()

    def _focus_area(self) -> None:
        """Focus where the hands are: the procedure search, the dossier find box…"""
        widget = self.stack.currentWidget()
        focus = getattr(widget, "focus_first", None)
        if callable(focus):
            QTimer.singleShot(0, focus)

    # ------------------------------------------------------------------ areas

    def _build_areas(self) -> list[Area]:
        ctx = self.ctx
        sp = QStyle.StandardPixmap
        areas = [
            Area("intake", self.tr("Intake"), IntakePage(ctx), sp.SP_FileDialogNewFolder),
            Area("dossiers", self.tr("Dossiers"), DossiersPage(ctx), sp.SP_DirOpenIcon),
            Area(
                "documents",
                self.tr("ISO documents"),
                DocumentsPage(ctx),
                sp.SP_FileDialogDetailedView,
            ),
            Area("reports", self.tr("Reports"), ReportsPage(ctx), sp.SP_FileDialogContentsView),
        ]
        if ctx.can(Permission.AUDIT_READ):
            areas.append(Area("audit", self.tr("Audit"), AuditPage(ctx), sp.SP_FileDialogInfoView))
        if ctx.can(Permission.USERS_MANAGE) or ctx.can(Permission.UNIT_MANAGE):
            areas.append(
                Area("admin", self.tr("Administration"), AdminPage(ctx), sp.SP_ComputerIcon)
            )
        return areas

    def area(self, key: str) -> QWidget:
        for area in self.areas:
            if area.key == key:
                return area.widget
        raise KeyError(key)

    def show_area(self, key: str) -> QWidget:
        for row, area in enumerate(self.areas):
            if area.key == key:
                self.nav.setCurrentRow(row)
                return area.widget
        raise KeyError(key)

    def pages(self) -> list[Page]:
        return [p for p in self.findChildren(Page)]

    # ------------------------------------------------------------------ menus

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.password_action = QAction(self.tr("Change &password…"), self)
        self.password_action.triggered.connect(self.change_password)
        file_menu.addAction(self.password_action)
        self.token_action = QAction(self.tr("My signing &token…"), self)
        self.token_action.triggered.connect(self.choose_token)
        file_menu.addAction(self.token_action)
        self.verify_action = QAction(self.tr("&Verify a signed PDF…"), self)
        self.verify_action.triggered.connect(self.verify_signed_pdf)
        file_menu.addAction(self.verify_action)
        if self.ctx.can(Permission.UNIT_MANAGE):
            unit_token = QAction(self.tr("&Unit's digital signature…"), self)
            unit_token.triggered.connect(lambda: self.choose_token(unit=True))
            file_menu.addAction(unit_token)
            trust = QAction(self.tr("Trusted &root certificates…"), self)
            trust.triggered.connect(self.edit_trust)
            file_menu.addAction(trust)
        file_menu.addSeparator()
        self.logout_action = QAction(self.tr("Sign &out"), self)
        self.logout_action.triggered.connect(self.logout)
        file_menu.addAction(self.logout_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut("Ctrl+Q")
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        language_menu = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == self.ctx.language)
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About isoqms"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def choose_language(self, code: str) -> None:
        i18n.save_language(code)
        dialogs.info(
            self,
            self.tr("Language"),
            self.tr("The new language is used from the next start of the program."),
        )

    def about_text(self) -> str:
        ctx = self.ctx
        return (
            self.tr(
                "<h3>isoqms %1</h3>"
                "<p>ISO 9001 document control of administrative procedures and the one-stop "
                "counter of a commune: dossier intake, receipts and appointment slips, "
                "tracking, reports, audit trail.</p>"
                "<p>Unit: %2<br>Database: %3</p>"
                "<p>Fonts: Noto Sans and Noto Serif, SIL Open Font License 1.1.</p>"
            )
            .replace("%1", __version__)
            .replace("%2", ctx.unit.display_name)
            .replace("%3", ctx.db.describe())
        )

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About isoqms"), self.about_text())

    def change_password(self) -> None:
        from isoqms.ui.login import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.ctx.db, self.ctx.tasks, self.ctx.actor, parent=self)
        dialog.changed.connect(
            lambda: dialogs.info(self, self.tr("Password"), self.tr("Your password was changed."))
        )
        dialog.open()

    def choose_token(self, unit: bool = False) -> None:
        from isoqms.ui.signing_dialogs import TokenDialog

        TokenDialog(self.ctx, self, unit=unit).open()

    def verify_signed_pdf(self) -> None:
        from isoqms.ui.signing_dialogs import verify_file

        verify_file(self.ctx, self)

    def edit_trust(self) -> None:
        from isoqms.ui.signing_dialogs import TrustDialog

        TrustDialog(self.ctx, self).open()

    def logout(self) -> None:
        self._signing_out = True
        self.logout_requested.emit()
        self.close()

    def _after_restore(self) -> None:
        dialogs.info(
            self,
            self.tr("Restored"),
            self.tr("The data was restored from the backup. Sign in again to go on."),
        )
        self.logout()

    # ------------------------------------------------------------------ status bar

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.user_label = QLabel()
        self.user_label.setObjectName("statusUser")
        self.unit_label = QLabel()
        self.unit_label.setObjectName("statusUnit")
        self.db_label = QLabel(self.ctx.db.describe())
        self.db_label.setObjectName("statusDatabase")
        bar.addWidget(self.user_label)
        bar.addWidget(self.unit_label)
        if self.ctx.demo:
            demo = QLabel(self.tr("DEMO DATA"))
            demo.setObjectName("statusDemo")
            demo.setStyleSheet("background: #fff4ce; color: #7a5b00; padding: 0 6px;")
            bar.addPermanentWidget(demo)
        self.schedule_label = QLabel()
        self.schedule_label.setObjectName("statusSchedule")
        self.schedule_label.setStyleSheet("color: #7a4b00;")
        self.schedule_label.hide()
        bar.addPermanentWidget(self.schedule_label)
        self.integrity_label = QLabel(self.tr("Checking data integrity…"))
        self.integrity_label.setObjectName("statusIntegrity")
        bar.addPermanentWidget(self.integrity_label)
        self.backup_label = QLabel()
        self.backup_label.setObjectName("statusBackup")
        self._backup_failed: tuple[dt.datetime, BaseException] | None = None
        bar.addPermanentWidget(self.backup_label)
        self._show_backup_status()
        bar.addPermanentWidget(self.db_label)
        self._update_status()
        self._check_integrity()
        self._check_schedule()

    def _check_schedule(self) -> None:
        """From 1 October, or all year when this year's is missing: the official holiday
        schedule the desk's appointments need."""
        reading(self.ctx, self, lambda db, _actor: calendar_service.calendar_status(db)).success(
            self._schedule_checked
        ).run()

    def _schedule_checked(self, status: calendar_service.CalendarStatus) -> None:
        missing = ", ".join(str(y) for y in status.missing)
        self.schedule_label.setVisible(bool(status.missing))
        self.schedule_label.setText(self.tr("No official schedule for %1").replace("%1", missing))
        self.schedule_label.setToolTip(
            self.tr(
                "No official holiday schedule for %1: appointments falling in Tết, 30/4–1/5 "
                "or 2/9 are computed by the Labour Code (art. 112) and may change when the "
                "schedule is published — import it when it is (Administration → Working-day "
                "calendar, or isoqms calendar import)."
            ).replace("%1", missing)
            if status.missing
            else ""
        )

    def _check_integrity(self) -> None:
        """At start: only what is new since this computer last verified the record."""
        reading(self.ctx, self, lambda db, actor: integrity.verify(db, incremental=True)).success(
            self._integrity_checked
        ).run()

    def _integrity_checked(self, report: integrity.IntegrityReport) -> None:
        self.integrity_label.setToolTip(self._integrity_tooltip(report))
        if report.ok:
            self.integrity_label.setStyleSheet("color: #1b5e20;")
            self.integrity_label.setText(
                self.tr("Data intact (event %1, checked %2)")
                .replace("%1", str(report.events))
                .replace("%2", f"{report.checked_at:%H:%M}")
            )
        else:
            self.integrity_label.setStyleSheet(
                "background: #b00020; color: white; font-weight: bold; padding: 0 6px;"
            )
            self.integrity_label.setText(report.summary())
        self.integrity_checked.emit(report)

    def _integrity_tooltip(self, report: integrity.IntegrityReport) -> str:
        if not report.ok:
            return report.summary()
        text = (
            self.tr(
                "Data intact (%1): the log's %2 events, hash chain matches; %3 stored files, "
                "hashes match; %4 records match their seals (checked %5 events, %6 files)."
            )
            .replace(
                "%1",
                self.tr("new part checked") if report.incremental else self.tr("all checked"),
            )
            .replace("%2", str(report.events))
            .replace("%3", str(report.files))
            .replace("%4", str(report.rows))
            .replace("%5", str(report.events_checked))
            .replace("%6", str(report.files_checked))
        )
        anchor = report.anchor
        if anchor is None:
            return text + "\n" + self.tr("Not compared with an outside checkpoint.")
        if anchor.ok:
            made = anchor.made_at[:10]
            return (
                text
                + "\n"
                + self.tr("Matches the checkpoint of %1 (event %2); %3 events recorded after it.")
                .replace("%1", f"{made[8:10]}/{made[5:7]}/{made[:4]}")
                .replace("%2", str(anchor.seq))
                .replace("%3", str(anchor.events_after))
            )
        return text + "\n" + anchor.summary()

    def _update_status(self) -> None:
        user = self.ctx.user
        roles = ", ".join(role_label(r) for r in user.roles)
        self.user_label.setText(
            self.tr("User: %1 (%2)").replace("%1", user.full_name).replace("%2", roles)
        )
        unit: UnitInfo = self.ctx.unit
        code = f" — {unit.unit_code}" if unit.unit_code else ""
        self.unit_label.setText(self.tr("Unit: %1").replace("%1", unit.display_name + code))
        self.setWindowTitle(self.tr("isoqms — %s") % unit.display_name)

    def _on_changed(self, kinds: object) -> None:
        assert isinstance(kinds, frozenset)
        if "unit" in kinds:
            self._update_status()
        if kinds & {"backup", "audit"}:
            self._show_backup_status()

    # ------------------------------------------------------------------ backups

    def _show_backup_status(self) -> None:
        reading(self.ctx, self, lambda db, _actor: backup.status(db)).success(
            self._backup_status
        ).failure(lambda _exc: None).run()

    def _backup_status(self, status: backup.BackupStatus) -> None:
        failed = self._backup_failed
        if failed is not None and (status.last_at is None or status.last_at < failed[0]):
            self._show_backup_failure(failed[1])  # no backup since the one that failed
            return
        self._backup_failed = None
        anchor = local_time(status.last_anchor_at) if status.last_anchor_at else self.tr("never")
        if status.last_at is None:
            self.backup_label.setStyleSheet("color: #b00020;")
            self.backup_label.setText(self.tr("No backup yet"))
        else:
            self.backup_label.setStyleSheet("")
            self.backup_label.setText(
                self.tr("Backup: %1").replace("%1", local_time(status.last_at)[:16])
            )
        if status.last_anchor_at is not None and status.last_anchor_at != status.last_at:
            # a checkpoint made by hand since (the backup carries its own)
            self.backup_label.setText(
                self.backup_label.text() + self.tr(" · checkpoint: %1").replace("%1", anchor[:16])
            )
        self.backup_label.setToolTip(
            self.tr("Automatic backups: %1. Last checkpoint kept outside the database: %2.")
            .replace("%1", status.folder)
            .replace("%2", anchor)
        )

    def first_backup_of_the_day(self) -> None:
        """At the first start of a day, a backup into the automatic folder (the writer
        thread; the window stays usable)."""
        changing(
            self.ctx, self, lambda db, _actor: backup.automatic(db, only_if_none_today=True)
        ).success(self.auto_backup_done.emit).failure(self._auto_backup_failed).run()

    def _auto_backup_failed(self, exc: BaseException) -> None:
        log.warning("automatic backup failed", exc_info=exc)
        self._backup_failed = (clock.utcnow(), exc)
        self._show_backup_failure(exc)
        self.auto_backup_done.emit(exc)

    def _show_backup_failure(self, exc: BaseException) -> None:
        """Said until a backup is made (a reading of the status that was on its way when
        the backup failed does not cover it)."""
        self.backup_label.setStyleSheet(
            "background: #b00020; color: white; font-weight: bold; padding: 0 6px;"
        )
        self.backup_label.setText(self.tr("Backup failed"))
        self.backup_label.setToolTip(
            getattr(exc, "message", None) or self.tr("The backup failed; see the error log.")
        )

    def backup_before_leaving(self) -> None:
        """When the program closes: a backup, waited for with the window still painted
        (an error is said, and does not keep the program open)."""
        self.statusBar().showMessage(self.tr("Backing up before closing…"))
        loop = QEventLoop(self)
        failed: list[BaseException] = []

        def finished(value: object) -> None:
            if isinstance(value, BaseException):
                failed.append(value)
            loop.quit()

        changing(self.ctx, self, lambda db, _actor: backup.automatic(db)).success(finished).failure(
            finished
        ).run()
        loop.exec()
        if failed:
            log.warning("backup at exit failed", exc_info=failed[0])
            dialogs.error(self, failed[0])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.ctx.tasks.wait_idle()
        if self.ctx.auto_backup and not (self._signing_out or self._backed_up_at_exit):
            self._backed_up_at_exit = True  # a second close of a closed window: nothing
            self.backup_before_leaving()
        super().closeEvent(event)
