"""Users and roles: add, edit roles, deactivate/reactivate, reset password, unlock an
account that wrong passwords locked. Never delete."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from isoqms.domain.errors import ValidationError
from isoqms.domain.roles import Permission, Role
from isoqms.services import users as user_service
from isoqms.services.users import UserInfo
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.labels import local_time, role_label
from isoqms.ui.models import RowsModel
from isoqms.ui.operations import changing, reading
from isoqms.ui.pages import Page, heading

ROLE_USERNAME = Qt.ItemDataRole.UserRole + 1
#: how an account locked by wrong passwords stands out in the list
LOCKED_COLOUR = "#b00020"


class Columns(enum.IntEnum):
    USERNAME = 0
    FULL_NAME = 1
    TITLE = 2
    ROLES = 3
    STATE = 4
    LAST_LOGIN = 5


class UsersModel(RowsModel):
    def headers(self) -> list[str]:
        return [
            self.tr("User name"),
            self.tr("Full name"),
            self.tr("Title"),
            self.tr("Roles"),
            self.tr("State"),
            self.tr("Last sign-in"),
        ]

    def cell(self, user: UserInfo, column: int, role: int) -> Any:
        if role == ROLE_USERNAME:
            return user.username
        if role == Qt.ItemDataRole.ForegroundRole and user.locked:
            return QColor(LOCKED_COLOUR)
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return Qt.GlobalColor.gray
        if role == Qt.ItemDataRole.ToolTipRole and column == Columns.STATE:
            return self.state_detail(user)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Columns.USERNAME: lambda: user.username,
            Columns.FULL_NAME: lambda: user.full_name,
            Columns.TITLE: lambda: user.title,
            Columns.ROLES: lambda: ", ".join(role_label(r) for r in user.roles),
            Columns.STATE: lambda: self.state(user),
            Columns.LAST_LOGIN: lambda: local_time(user.last_login_at),
        }[Columns(column)]()

    def state(self, user: UserInfo) -> str:
        if user.locked:
            return self.tr("Locked: wrong passwords")
        return self.tr("Active") if user.active else self.tr("Deactivated")

    def state_detail(self, user: UserInfo) -> str | None:
        if user.locked:
            return self.tr(
                "Locked on %s after %d wrong passwords in a row; an administrator unlocks it."
            ) % (local_time(user.locked_at), user.failed_logins)
        if user.failed_logins:
            return self.tr("%d wrong passwords in a row since the last sign-in.") % (
                user.failed_logins
            )
        return None


class UserDialog(QDialog):
    """Adds a user (with a password) or edits one (name, title, roles)."""

    def __init__(self, user: UserInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.setWindowTitle(self.tr("Add user") if user is None else self.tr("Edit user"))
        self.username = QLineEdit(user.username if user else "")
        self.username.setReadOnly(user is not None)
        self.full_name = QLineEdit(user.full_name if user else "")
        self.title_edit = QLineEdit(user.title if user else "")
        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Full name:"), self.full_name)
        form.addRow(self.tr("Title:"), self.title_edit)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        if user is None:
            form.addRow(self.tr("Password:"), self.password)
            form.addRow(self.tr("Repeat password:"), self.password2)
        roles_box = QGroupBox(self.tr("Roles"))
        roles_layout = QVBoxLayout(roles_box)
        self.role_checks: dict[Role, QCheckBox] = {}
        for role in Role:
            check = QCheckBox(role_label(role))
            check.setObjectName(f"role_{role.value}")
            check.setChecked(user is not None and role in user.roles)
            roles_layout.addWidget(check)
            self.role_checks[role] = check
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(roles_box)
        layout.addWidget(buttons)

    def roles(self) -> list[Role]:
        return [role for role, check in self.role_checks.items() if check.isChecked()]


class PasswordDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(self.tr("New password:"), self.password)
        form.addRow(self.tr("Repeat password:"), self.password2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def value(self) -> str:
        if self.password.text() != self.password2.text():
            raise ValidationError(self.tr("The two passwords differ."))
        return self.password.text()


class UsersPage(Page):
    watches = frozenset({"user"})
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.edit_user())

        self.add_button = QPushButton(self.tr("&Add user…"))
        self.edit_button = QPushButton(self.tr("&Edit / roles…"))
        self.toggle_button = QPushButton(self.tr("&Deactivate"))
        self.password_button = QPushButton(self.tr("&Reset password…"))
        self.unlock_button = QPushButton(self.tr("&Unlock sign-in"))
        self.unlock_button.setObjectName("unlockSignIn")
        self.unlock_button.setToolTip(
            self.tr("Lift the lock or the wait that wrong passwords put on the account.")
        )
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.password_button.clicked.connect(self.reset_password)
        self.unlock_button.clicked.connect(self.unlock)
        manage = ctx.can(Permission.USERS_MANAGE)
        bar = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.toggle_button,
            self.password_button,
            self.unlock_button,
        ):
            button.setVisible(manage)
            bar.addWidget(button)
        bar.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Users and roles")))
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def refresh(self) -> None:
        super().refresh()
        reading(self.ctx, self, lambda db, actor: user_service.list_users(db, actor)).success(
            self._loaded
        ).run()

    def _loaded(self, users: list[UserInfo]) -> None:
        selected = self.selected()
        self.model.set_rows(users)
        if selected is not None:
            for row, user in enumerate(users):
                if user.username == selected.username:
                    self.table.selectRow(row)
        self._update_buttons()
        self.loaded.emit()

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        user = self.selected()
        for button in (self.edit_button, self.toggle_button, self.password_button):
            button.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and (user.locked or user.failed_logins > 0))
        self.toggle_button.setText(
            self.tr("&Reactivate")
            if user is not None and not user.active
            else self.tr("&Deactivate")
        )

    def add_user(self) -> None:
        dialog = UserDialog(None, self)
        if not dialogs.run_dialog(dialog):
            return
        try:
            if dialog.password.text() != dialog.password2.text():
                raise ValidationError(self.tr("The two passwords differ."))
        except ValidationError as exc:
            dialogs.error(self, exc)
            return
        username, full_name, title = (
            dialog.username.text(),
            dialog.full_name.text(),
            dialog.title_edit.text(),
        )
        password, roles = dialog.password.text(), dialog.roles()
        changing(
            self.ctx,
            self,
            lambda db, actor: user_service.add_user(
                db,
                actor,
                username=username,
                full_name=full_name,
                password=password,
                roles=roles,
                title=title,
            ),
        ).run()

    def edit_user(self) -> None:
        user = self.selected()
        if user is None or not self.ctx.can(Permission.USERS_MANAGE):
            return
        dialog = UserDialog(user, self)
        if not dialogs.run_dialog(dialog):
            return
        full_name, title, roles = (
            dialog.full_name.text(),
            dialog.title_edit.text(),
            dialog.roles(),
        )
        changing(
            self.ctx,
            self,
            lambda db, actor: user_service.update_user(
                db,
                actor,
                user.username,
                full_name=full_name,
                title=title,
                roles=roles,
            ),
        ).run()

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        if user.active and not dialogs.confirm(
            self,
            self.tr("Deactivate user"),
            self.tr(
                "Deactivate %s? The account is kept with its history but can no longer sign in."
            )
            % user.username,
        ):
            return
        changing(
            self.ctx,
            self,
            lambda db, actor: user_service.set_active(db, actor, user.username, not user.active),
        ).run()

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = PasswordDialog(self.tr("New password for %s") % user.username, self)
        if not dialogs.run_dialog(dialog):
            return
        try:
            password = dialog.value()
        except ValidationError as exc:
            dialogs.error(self, exc)
            return
        changing(
            self.ctx,
            self,
            lambda db, actor: user_service.reset_password(db, actor, user.username, password),
        ).success(
            lambda _info: dialogs.info(
                self,
                self.tr("Password reset"),
                self.tr("%s must choose a new password at the next sign-in.") % user.username,
            )
        ).run()

    def unlock(self) -> None:
        user = self.selected()
        if user is None:
            return
        changing(
            self.ctx,
            self,
            lambda db, actor: user_service.unlock_user(db, actor, user.username),
        ).run()
