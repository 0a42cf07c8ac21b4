"""Display names for domain values in the interface's language (one place for all).

The domain's enums carry codes and both languages' names (``isoqms.domain.labels``); the
screens show a value with ``shown(value)``, never its Vietnamese ``label`` directly.
"""

from __future__ import annotations

import datetime as dt
import enum

from PySide6.QtCore import QLocale

from isoqms.domain import labels as domain_labels
from isoqms.domain.roles import Role


def language() -> str:
    """The interface's language: "en" when English is installed (i18n.install sets the
    default locale), else "vi"."""
    return "en" if QLocale().language() == QLocale.Language.English else "vi"


def shown(value: enum.Enum) -> str:
    """``value``'s name in the interface's language."""
    return domain_labels.label(value, language())


def role_label(role: Role) -> str:
    return shown(role)


def local_time(at_utc: dt.datetime | None) -> str:
    """A naive UTC time stamp as the user's local dd/MM/yyyy HH:mm:ss."""
    if at_utc is None:
        return ""
    local = at_utc.replace(tzinfo=dt.UTC).astimezone()
    return local.strftime("%d/%m/%Y %H:%M:%S")
