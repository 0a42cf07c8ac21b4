"""What every command shares: the context (database, acting user), secrets, JSON output,
argument types."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import getpass
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeAlias

from isoqms.domain.errors import AuthenticationError, ValidationError

Handler = Callable[["Context"], int]
#: The sub-command group each area adds its commands to.
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class Context:
    """What a command needs: the opened database and, lazily, the logged-in actor."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._db: Any = None
        self._actor: Any = None
        self._password = ""

    @property
    def db(self) -> Any:
        if self._db is None:
            from isoqms.db.engine import Database
            from isoqms.services.startup import prepare_database

            self._db = Database.open(self.args.db)
            prepare_database(self._db)
        return self._db

    @property
    def actor(self) -> Any:
        """The user the command acts as, signed in with ``--user`` and ``ISOQMS_PASSWORD``.

        A user whose password an administrator reset may run no command until they have
        changed it (``user passwd``, which signs in through :meth:`sign_in_to_change`)."""
        if self._actor is None:
            actor, info, password = self._sign_in()
            if info.must_change_password:
                raise AuthenticationError(
                    f"Mật khẩu của “{info.username}” do quản trị viên đặt lại, phải đổi trước "
                    f"khi dùng lệnh khác: chạy “isoqms --user {info.username} user passwd” "
                    "(mật khẩu hiện tại từ ISOQMS_PASSWORD, mật khẩu mới từ ISOQMS_NEW_PASSWORD)."
                )
            self._actor, self._password = actor, password
        return self._actor

    @property
    def password(self) -> str:
        """The password the acting user signed in with: a command that signs (a periodic
        review) signs with it, as the window asks for it again."""
        _ = self.actor
        return self._password

    def sign_in_to_change(self) -> tuple[Any, str]:
        """The acting user and the password they signed in with, even one that must be
        changed: for the command that changes it."""
        actor, _info, password = self._sign_in()
        self._actor = actor
        return actor, password

    def _sign_in(self) -> tuple[Any, Any, str]:
        from isoqms.services.users import authenticate

        username = self.args.user or os.environ.get("ISOQMS_USER")
        if not username:
            raise AuthenticationError(
                "Lệnh này cần đăng nhập: thêm --user TÊN (mật khẩu lấy từ ISOQMS_PASSWORD)."
            )
        if username_key(username) is None:  # cannot be anyone's: no need to ask
            raise AuthenticationError("Sai tên đăng nhập hoặc mật khẩu.")
        password = read_secret("ISOQMS_PASSWORD", f"Mật khẩu của {username}: ")
        actor, info = authenticate(self.db, username, password, record_login=False)
        return actor, info, password

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


def username_key(value: str) -> str | None:
    """A user name as typed, or None when no account can have it (control characters,
    longer than any name)."""
    from isoqms.services.limits import key

    return key(value)


def read_secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if sys.stdin is None or not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\r\n") if sys.stdin else ""
        if not line:
            raise AuthenticationError(f"Chưa có mật khẩu: đặt biến môi trường {env}.")
        return line
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Nhập lại: ") != value:
        raise ValidationError("Hai lần nhập mật khẩu không khớp.")
    return value


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def emit_json(value: Any) -> None:
    json.dump(_jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            raise argparse.ArgumentTypeError(
                f"ngày “{text}” không có trong lịch (dạng YYYY-MM-DD)"
            ) from None
        raise argparse.ArgumentTypeError(f"ngày “{text}” không đúng dạng YYYY-MM-DD") from None


def parse_at(text: str) -> dt.datetime:
    from isoqms.domain.calendar import parse_received

    try:
        return parse_received(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


#: The largest file a command reads (an import, an evidence pack).
MAX_READ_BYTES = 200 * 1024 * 1024


def read_file(name: str) -> bytes:
    """The bytes of a file named on the command line, or a refusal in Vietnamese."""
    from isoqms.services.exports import read

    return read(Path(name), max_bytes=MAX_READ_BYTES)


def read_text_file(name: str) -> str:
    raw = read_file(name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"Tệp {name} không phải văn bản UTF-8.") from None


def write_file(name: str, data: bytes | str) -> None:
    """Write a file named on the command line (text as UTF-8), or refuse in Vietnamese:
    a folder that does not exist is not made."""
    from isoqms.services.exports import save

    save(Path(name), data)
