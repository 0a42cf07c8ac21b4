"""Login dialog, and the first-run choice (demo data or a first administrator)."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from isoqms.db.engine import Database
from isoqms.domain.errors import IsoqmsError, ValidationError
from isoqms.services import users as user_service
from isoqms.services.uow import Actor
from isoqms.services.users import UserInfo
from isoqms.ui import dialogs
from isoqms.ui.tasks import TaskRunner


class LoginDialog(QDialog):
    """Asks for user name and password; checks them on a worker thread."""

    logged_in = Signal(object, object)  # Actor, UserInfo
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        *,
        unit_name: str,
        demo: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.tasks = tasks
        self.actor: Actor | None = None
        self.user: UserInfo | None = None
        self.setWindowTitle(self.tr("Sign in — isoqms"))
        self.setMinimumWidth(420)

        title = QLabel(unit_name or "isoqms")
        font = QFont(title.font())
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(self.tr("ISO document control and one-stop counter"))
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.sign_in = QPushButton(self.tr("Sign in"))
        self.sign_in.setDefault(True)
        self.buttons.addButton(self.sign_in, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addLayout(form)
        if demo:
            hint = QLabel(
                self.tr(
                    "Demo database: sign in as admin, iso_secretary, reviewer, approver, "
                    "clerk, officer, internal_auditor or auditor, password <b>demo</b>."
                )
            )
            hint.setObjectName("demoHint")
            hint.setWordWrap(True)
            hint.setStyleSheet("background: #fff4ce; padding: 6px; border-radius: 4px;")
            layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        username, password = self.username.text(), self.password.text()
        if not username.strip():
            self._show_error(self.tr("Enter your user name."))
            return
        self.sign_in.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        db = self.db  # the worker gets plain values, never this dialog
        # a write: every try is logged, and a wrong password counts towards the wait and
        # the lock, whose refusals the message shows as the service words them
        self.tasks.write(
            lambda: user_service.authenticate(db, username, password),
            lambda result: self._succeeded(cast(tuple[Actor, UserInfo], result)),
            self._failed,
        )

    def _succeeded(self, result: tuple[Actor, UserInfo]) -> None:
        self.actor, self.user = result
        self.sign_in.setEnabled(True)
        self.logged_in.emit(self.actor, self.user)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.sign_in.setEnabled(True)
        if isinstance(exc, IsoqmsError):
            self._show_error(exc.message)
        else:
            self.message.clear()
            dialogs.error(self, exc)

    def _show_error(self, text: str) -> None:
        self.message.setText(text)
        self.password.selectAll()
        self.password.setFocus()
        self.failed.emit(text)


class FirstAdminDialog(QDialog):
    """Creates the first administrator of an empty database."""

    created = Signal(object)  # UserInfo

    def __init__(self, db: Database, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.tasks = tasks
        self.setWindowTitle(self.tr("Create the first administrator"))
        intro = QLabel(
            self.tr(
                "The database is empty. Create the administrator account that will add the "
                "other users and set up the unit."
            )
        )
        intro.setWordWrap(True)
        self.username = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Full name:"), self.full_name)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Repeat password:"), self.password2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def submit(self) -> None:
        if self.password.text() != self.password2.text():
            dialogs.error(self, ValidationError(self.tr("The two passwords differ.")))
            return
        username, full_name, password = (
            self.username.text(),
            self.full_name.text(),
            self.password.text(),
        )
        db = self.db
        self.tasks.write(
            lambda: user_service.create_first_admin(
                db, username=username, full_name=full_name, password=password
            ),
            self._created,
            lambda exc: dialogs.error(self, exc),
        )

    def _created(self, info: object) -> None:
        self.created.emit(info)
        self.accept()


def offer_demo(parent: QWidget | None) -> bool:
    """Asked on the first start with an empty database (patchable in tests)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("FirstRun", "First start"))
    box.setText(
        QCoreApplication.translate(
            "FirstRun",
            "The database is empty. Create a demo commune with one user per role "
            "(password “demo”) to try the program?",
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


class ChangePasswordDialog(QDialog):
    """The user's own password: after an administrator's reset, or from the File menu."""

    changed = Signal()

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        actor: Actor,
        *,
        forced: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.tasks, self.actor = db, tasks, actor
        self.setWindowTitle(self.tr("Change password"))
        layout = QVBoxLayout(self)
        if forced:
            notice = QLabel(
                self.tr("Your password was reset by an administrator: choose a new one.")
            )
            notice.setWordWrap(True)
            layout.addWidget(notice)
        self.current = QLineEdit()
        self.new = QLineEdit()
        self.repeat = QLineEdit()
        form = QFormLayout()
        for label, edit in (
            (self.tr("Current password:"), self.current),
            (self.tr("New password:"), self.new),
            (self.tr("Repeat password:"), self.repeat),
        ):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(label, edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def submit(self) -> None:
        if self.new.text() != self.repeat.text():
            dialogs.error(self, ValidationError(self.tr("The two passwords differ.")))
            return
        old, new = self.current.text(), self.new.text()
        db, actor = self.db, self.actor
        self.tasks.write(
            lambda: user_service.change_own_password(db, actor, old, new),
            self._done,
            lambda exc: dialogs.error(self, exc),
        )

    def _done(self, _result: object) -> None:
        self.changed.emit()
        self.accept()
