"""What every screen shares: the database, who is logged in, the task runner, and the one
signal that tells every view what changed (Anki's ``operation_did_execute``)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from isoqms.db.engine import Database
from isoqms.domain.roles import Permission
from isoqms.services.unit import UnitInfo
from isoqms.services.uow import Actor
from isoqms.services.users import UserInfo
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
        auto_backup: bool = False,
    ) -> None:
        super().__init__()
        self.db = db
        self.actor = actor
        self.user = user
        self.unit = unit
        self.demo = demo
        self.tasks = tasks
        self.language = language
        #: back up at the first start of each day and when the window closes (the
        #: program itself; tests and the smoke test leave it off)
        self.auto_backup = auto_backup

    def can(self, permission: Permission) -> bool:
        return self.actor.can(permission)
