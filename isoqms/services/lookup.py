"""Finding a record the way people name it, shared by the services: a numbered record
(PH-2026-04, DG-2026-01, XX-2026-01) by its number or, as ``--json`` shows it, its id; a
person by user name, active, holding a permission."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from isoqms.db.models import User, UserRole
from isoqms.domain.roles import Permission, Role, permissions_of
from isoqms.services import limits

Numbered = TypeVar("Numbered")


def by_number(session: Session, model: type[Numbered], number: str) -> Numbered | None:
    """The row of ``model`` (a table with a ``number`` column) named by ``number``."""
    wanted = limits.key(number)
    if wanted is None:
        return None
    column: Any = model.number  # type: ignore[attr-defined]
    found = session.execute(
        select(model).where(func.upper(column) == wanted.upper())
    ).scalar_one_or_none()
    if found is None and wanted.isdecimal() and len(wanted) < 10:
        found = session.get(model, int(wanted))
    return found


def active_user(session: Session, username: str) -> User | None:
    """The active user of that name (a NUL or an unpaired surrogate names nobody)."""
    name = limits.key(username)
    if name is None:
        return None
    user = session.execute(select(User).where(User.username == name.lower())).scalar_one_or_none()
    return user if user is not None and user.active else None


def holds(session: Session, user: User, permission: Permission) -> bool:
    """Whether ``user``'s roles give ``permission``."""
    roles = session.execute(select(UserRole.role).where(UserRole.user_id == user.id))
    return permission in permissions_of(Role(r) for r in roles.scalars())


def unit_head(session: Session) -> tuple[str, str]:
    """The name and title of who signs for the unit (the head of the agency on letters and
    reports): its first active approver; ("", "") when there is none."""
    from isoqms.domain.roles import Role

    row = session.execute(
        select(User.full_name, User.title)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.APPROVER.value, User.active.is_(True))
        .order_by(User.id)
        .limit(1)
    ).first()
    return (row[0], row[1] or "") if row else ("", "")
