"""What every screen shares: the database, who is logged in, the task runner, and the one
signal that tells every view what changed (Anki's ``operation_did_execute``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from isoqms.db.engine import Database
from isoqms.domain.roles import Permission
from isoqms.services.unit import UnitInfo
from isoqms.services.uow import Actor
from isoqms.services.users import UserInfo
from isoqms.ui import dialogs
from isoqms.ui.tasks import TaskRunner


class AppContext(QObject):
    #: a frozenset of entity kinds ("user", "unit", "audit", …) changed by a finished write
    changed = Signal(object)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        user: UserInfo,
        unit: UnitInfo,
        *,
        demo: bool,
        tasks: TaskRunner,
        language: str,
    ) -> None:
        super().__init__()
        self.db = db
        self.actor = actor
        self.user = user
        self.unit = unit
        self.demo = demo
        self.tasks = tasks
        self.language = language

    def can(self, permission: Permission) -> bool:
        return self.actor.can(permission)

    def write(
        self,
        fn: Callable[[], Any],
        *,
        changes: Iterable[str],
        parent: QWidget | None,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run a service call on the writer thread; on success, fan out ``changes``."""
        kinds = frozenset(changes) | {"audit"}

        def succeeded(result: Any) -> None:
            if on_success is not None:
                on_success(result)
            self.changed.emit(kinds)

        self.tasks.write(fn, succeeded, on_failure or (lambda exc: dialogs.error(parent, exc)))

    def read(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        *,
        parent: QWidget | None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.tasks.read(fn, on_success, on_failure or (lambda exc: dialogs.error(parent, exc)))
