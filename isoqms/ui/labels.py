"""Translatable display names for domain values (roles, …)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from isoqms.domain.roles import Role

_ROLE_SOURCE: dict[Role, str] = {
    Role.ADMIN: str(QT_TRANSLATE_NOOP("Roles", "System administrator")),
    Role.ISO_SECRETARY: str(QT_TRANSLATE_NOOP("Roles", "ISO secretary")),
    Role.REVIEWER: str(QT_TRANSLATE_NOOP("Roles", "Reviewer")),
    Role.APPROVER: str(QT_TRANSLATE_NOOP("Roles", "Approver")),
    Role.CLERK: str(QT_TRANSLATE_NOOP("Roles", "Counter clerk")),
    Role.OFFICER: str(QT_TRANSLATE_NOOP("Roles", "Processing officer")),
    Role.AUDITOR: str(QT_TRANSLATE_NOOP("Roles", "Auditor")),
    Role.INTERNAL_AUDITOR: str(QT_TRANSLATE_NOOP("Roles", "Internal auditor")),
}


def role_label(role: Role) -> str:
    return QCoreApplication.translate("Roles", _ROLE_SOURCE[role])


def local_time(at_utc: dt.datetime | None) -> str:
    """A naive UTC time stamp as the user's local dd/MM/yyyy HH:mm:ss."""
    if at_utc is None:
        return ""
    local = at_utc.replace(tzinfo=dt.UTC).astimezone()
    return local.strftime("%d/%m/%Y %H:%M:%S")
