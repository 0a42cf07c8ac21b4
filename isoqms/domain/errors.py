"""The two kinds of errors (after qutebrowser's ``KnownError``/``BugError``).

:class:`IsoqmsError` and its subclasses are *known* errors: the user did something the rules
refuse, or the environment failed in a way we can explain. Their ``message`` is a complete
Vietnamese sentence fit to show in a dialog or on stderr. Anything else that escapes a
service is a bug and is logged with its traceback.
"""

from __future__ import annotations


class IsoqmsError(Exception):
    """A refusal or failure that the user should read, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(IsoqmsError):
    """The input is malformed or breaks a rule; nothing was changed."""


class PermissionDenied(IsoqmsError):
    """The acting user lacks the role the action needs; nothing was changed."""


class AuthenticationError(IsoqmsError):
    """Wrong user name or password, or an inactive account."""


class NotFound(IsoqmsError):
    """The record named does not exist."""


class Conflict(IsoqmsError):
    """The action clashes with the current state (duplicate name, already done, …)."""


class DatabaseUnavailable(IsoqmsError):
    """The database cannot be opened, is locked or is of a newer version than this program."""


class IntegrityBroken(IsoqmsError):
    """Stored data no longer matches its hash: tampering or damage."""


class Fault(IsoqmsError):
    """A fault of the program, already logged with its details (:mod:`isoqms.faults`); the
    message says so, and where, without the details. Shown as a program error."""
