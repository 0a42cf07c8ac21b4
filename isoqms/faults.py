"""Bugs: written with their details to the log in the data folder, shown as one line.

A known error (:class:`isoqms.domain.errors.IsoqmsError`) carries its own Vietnamese
sentence. Anything else reaching the top of the command line or the GUI is a fault of the
program: its traceback, with the values it mentions, goes to ``isoqms.log`` in the data
folder (readable by the user only), and the person in front of the screen reads one line
saying that a fault was logged, where, and under which number — never the exception's
text, which for a database error holds the statement's parameters: a citizen's name, ID
number and phone, or a password hash.

Headless: the command line and the GUI both use it.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import traceback
import uuid
from pathlib import Path

from isoqms import paths

LOG_NAME = "isoqms.log"
MAX_BYTES = 2_000_000
BACKUPS = 3

log = logging.getLogger("isoqms.faults")


def log_path() -> Path:
    """The log file (its folder is made when the first line is written)."""
    return paths.data_dir(create=False) / LOG_NAME


class PrivateLog(logging.handlers.RotatingFileHandler):
    """The rotating log, its folder and files private to the user, opened at the first
    record; a failure to write it is swallowed (logging would print a traceback)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def _open(self) -> io.TextIOWrapper:
        path = Path(self.baseFilename)
        paths.make_private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, paths.PRIVATE_FILE_MODE)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        pass  # a log that cannot be written must not turn into a traceback on screen


def install(level: int = logging.WARNING) -> Path:
    """Send the program's log records of ``level`` and above to the log file; returns
    where they go. One log per process: a data folder that changed (tests do that)
    replaces the previous one."""
    path = log_path()
    root = logging.getLogger()
    current = [h for h in root.handlers if isinstance(h, PrivateLog)]
    if not any(Path(h.baseFilename) == path.absolute() for h in current):
        for old in current:
            root.removeHandler(old)
            old.close()
        root.addHandler(PrivateLog(path))
    if root.getEffectiveLevel() > level:
        root.setLevel(level)
    return path


def report(exc: BaseException, where: str = "") -> str:
    """Log ``exc`` as a fault with its traceback and return the line to show instead of
    it (Vietnamese, without the exception's text).

    The traceback goes into the record as text: a record holding the exception would keep
    its frames — and whatever they hold, widgets of the GUI included — alive."""
    number = uuid.uuid4().hex[:8]
    try:
        details = "".join(traceback.format_exception(exc)).rstrip()
        path: Path | None = install()
        log.error("fault %s%s: %s", number, f" in {where}" if where else "", details)
    except Exception:  # even the log may fail (no data folder): the line still goes out
        path = None
    return message(number, path)


def message(number: str, path: Path | None) -> str:
    if path is None:
        return (
            f"Lỗi chương trình (mã sự cố {number}); không ghi được nhật ký lỗi. "
            "Xin báo cho người quản trị."
        )
    return (
        f"Lỗi chương trình (mã sự cố {number}), không phải do dữ liệu nhập vào; chi tiết đã "
        f"ghi vào {path}. Xin báo cho người quản trị."
    )
