"""The ORM's refusal to change history: audit events are insert-only.

Installed once on import of :mod:`isoqms.db.engine`. Flushing a modified or deleted
:class:`AuditEvent`, or running a bulk ``update()``/``delete()`` against its table through
a session, raises :class:`AuditImmutableError`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from isoqms.db.models import AuditEvent, AuditHead


class AuditImmutableError(RuntimeError):
    """Raised when code tries to change or remove an audit event (a bug, never user error)."""


def _refuse(*_args: Any) -> None:
    raise AuditImmutableError("audit events are append-only")


event.listen(AuditEvent, "before_update", _refuse)
event.listen(AuditEvent, "before_delete", _refuse)
event.listen(AuditHead, "before_delete", _refuse)


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is not None and mapper.class_ is AuditEvent:
        raise AuditImmutableError("audit events are append-only")
