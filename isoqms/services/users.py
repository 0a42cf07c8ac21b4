"""Users, roles, passwords and logging in.

Passwords are hashed with argon2id. Users are never deleted, only deactivated; there is
always at least one active administrator.

Wrong passwords are counted per account and every failed sign-in is in the audit log:
after 5 in a row each further try waits (30 s, then twice as long each time), after 10
the account is locked until an administrator unlocks it (:func:`unlock_user`). A name
that is no account gets the same answers, counted from the log, so the answers never
tell which names exist. No password ever reaches the log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import Parameters, PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import AuditEvent, User, UserRole, utcnow
from isoqms.domain import clock
from isoqms.domain.errors import AuthenticationError, Conflict, NotFound, ValidationError
from isoqms.domain.roles import Permission, Role
from isoqms.domain.text import nfc
from isoqms.services import limits
from isoqms.services.uow import Actor, UnitOfWork, require, write

MIN_PASSWORD_LENGTH = 8
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
#: What production hashes with: RFC 9106's low-memory profile (argon2id, 3 passes over
#: 64 MiB, 4 lanes) — about 0.2–0.4 s a login on a commune PC, on purpose.
STRONG_PARAMETERS = profiles.RFC_9106_LOW_MEMORY
_hasher = PasswordHasher.from_parameters(STRONG_PARAMETERS)


def password_parameters() -> Parameters:
    """The parameters new password hashes are made with."""
    return Parameters(
        type=_hasher.type,
        version=19,
        salt_len=_hasher.salt_len,
        hash_len=_hasher.hash_len,
        time_cost=_hasher.time_cost,
        memory_cost=_hasher.memory_cost,
        parallelism=_hasher.parallelism,
    )


def use_password_parameters(parameters: Parameters) -> None:
    """Hash with other parameters from now on in this process — the test suite's cheap
    ones. Existing hashes keep verifying: each carries its own parameters."""
    global _hasher
    _hasher = PasswordHasher.from_parameters(parameters)


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    title: str
    roles: tuple[Role, ...]
    active: bool
    must_change_password: bool
    created_at: dt.datetime
    last_login_at: dt.datetime | None
    #: wrong passwords in a row since the last sign-in or unlock
    failed_logins: int = 0
    #: UTC: no try is taken before this moment (after 5 wrong passwords in a row)
    retry_after: dt.datetime | None = None
    #: locked after 10 wrong passwords in a row, until an administrator unlocks it
    locked: bool = False
    locked_at: dt.datetime | None = None

    @classmethod
    def of(cls, user: User) -> UserInfo:
        return cls(
            id=user.id,
            username=user.username,
            full_name=user.full_name,
            title=user.title,
            roles=tuple(sorted(Role(r) for r in user.role_names)),
            active=user.active,
            must_change_password=user.must_change_password,
            created_at=user.created_at,
            last_login_at=user.last_login_at,
            failed_logins=user.failed_logins or 0,
            retry_after=user.retry_after,
            locked=user.locked_at is not None,
            locked_at=user.locked_at,
        )


def user_snapshot(user: User) -> dict[str, object]:
    """What the audit log keeps of a user (never the password hash)."""
    return {
        "username": user.username,
        "full_name": user.full_name,
        "title": user.title,
        "roles": sorted(user.role_names),
        "active": user.active,
    }


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def normalise_username(username: str) -> str:
    name = nfc(username).lower()
    if not _USERNAME.match(name):
        raise ValidationError(
            "Tên đăng nhập phải dài 2–64 ký tự, chỉ gồm chữ không dấu, số, dấu chấm, "
            "gạch dưới hoặc gạch ngang."
        )
    return name


def check_password_rule(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    if not _encodable(password):  # undecodable bytes (an environment variable's)
        raise ValidationError("Mật khẩu có ký tự không hợp lệ; hãy gõ lại.")


def _encodable(password: str) -> bool:
    try:
        password.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _full_name(full_name: str) -> str:
    name = nfc(full_name)
    if not name:
        raise ValidationError("Chưa nhập họ và tên.")
    if len(name) > 200:
        raise ValidationError("Họ và tên quá dài (tối đa 200 ký tự).")
    return name


def _roles(roles: Iterable[Role]) -> list[Role]:
    chosen = sorted(set(roles))
    if not chosen:
        raise ValidationError("Người dùng phải có ít nhất một vai trò.")
    return chosen


def _get(session: Session, username: str) -> User:
    key = limits.key(username)  # a NUL, too long: no account has it (nor may ask for it)
    user = (
        None
        if key is None
        else session.execute(select(User).where(User.username == key.lower())).scalar_one_or_none()
    )
    if user is None:
        raise NotFound(f"Không có người dùng “{username}”.")
    return user


def _active_admins(session: Session) -> int:
    return session.execute(
        select(func.count(User.id.distinct()))
        .join(UserRole)
        .where(User.active.is_(True), UserRole.role == Role.ADMIN.value)
    ).scalar_one()


def count_users(db: Database) -> int:
    with db.read() as session:
        return session.execute(select(func.count(User.id))).scalar_one()


def insert_user(
    session: Session,
    *,
    username: str,
    full_name: str,
    password_hash: str,
    roles: Iterable[Role],
    title: str = "",
) -> User:
    if session.execute(select(User.id).where(User.username == username)).first():
        raise Conflict(f"Tên đăng nhập “{username}” đã có người dùng.")
    user = User(
        username=username,
        full_name=full_name,
        title=nfc(title),
        password_hash=password_hash,
        active=True,
        must_change_password=False,
        created_at=utcnow(),
    )
    user.roles = [UserRole(role=r.value) for r in roles]
    session.add(user)
    session.flush()
    return user


def create_first_admin(
    db: Database, *, username: str, full_name: str, password: str, title: str = ""
) -> UserInfo:
    """The first-run path: allowed only while the database has no user at all."""
    name = normalise_username(username)
    full = _full_name(full_name)
    check_password_rule(password)
    hashed = hash_password(password)
    with write(db, None, None, system=True) as uow:
        if uow.session.execute(select(func.count(User.id))).scalar_one():
            raise Conflict("Đã có người dùng: quản trị viên đầu tiên chỉ tạo được một lần.")
        user = insert_user(
            uow.session,
            username=name,
            full_name=full,
            password_hash=hashed,
            roles=[Role.ADMIN],
            title=title,
        )
        uow.record("user.create_first_admin", "user", user.id, after=user_snapshot(user))
        return UserInfo.of(user)


def add_user(
    db: Database,
    actor: Actor,
    *,
    username: str,
    full_name: str,
    password: str,
    roles: Iterable[Role],
    title: str = "",
) -> UserInfo:
    name = normalise_username(username)
    full = _full_name(full_name)
    chosen = _roles(roles)
    check_password_rule(password)
    hashed = hash_password(password)
    with write(db, actor, Permission.USERS_MANAGE) as uow:
        user = insert_user(
            uow.session,
            username=name,
            full_name=full,
            password_hash=hashed,
            roles=chosen,
            title=title,
        )
        uow.record("user.create", "user", user.id, after=user_snapshot(user))
        return UserInfo.of(user)


def _apply_roles(session: Session, user: User, roles: list[Role]) -> None:
    wanted = {r.value for r in roles}
    user.roles = [link for link in user.roles if link.role in wanted]
    session.flush()  # removals first: (user, role) is unique
    present = {link.role for link in user.roles}
    user.roles.extend(UserRole(role=r) for r in sorted(wanted - present))
    session.flush()
    if _active_admins(session) == 0:
        raise Conflict("Không thể bỏ vai trò quản trị của quản trị viên cuối cùng.")


def update_user(
    db: Database,
    actor: Actor,
    username: str,
    *,
    full_name: str,
    title: str,
    roles: Iterable[Role],
) -> UserInfo:
    """Change a user's name, title and roles in one audited step."""
    full = _full_name(full_name)
    chosen = _roles(roles)
    with write(db, actor, Permission.USERS_MANAGE) as uow:
        user = _get(uow.session, username)
        before = user_snapshot(user)
        user.full_name, user.title = full, nfc(title)
        if sorted(user.role_names) != [r.value for r in chosen]:
            _apply_roles(uow.session, user, chosen)
        after = user_snapshot(user)
        if after != before:
            uow.record("user.update", "user", user.id, before=before, after=after)
        return UserInfo.of(user)


def set_roles(db: Database, actor: Actor, username: str, roles: Iterable[Role]) -> UserInfo:
    chosen = _roles(roles)
    with write(db, actor, Permission.USERS_MANAGE) as uow:
        user = _get(uow.session, username)
        before = user_snapshot(user)
        if sorted(user.role_names) != [r.value for r in chosen]:
            _apply_roles(uow.session, user, chosen)
            uow.record("user.set_roles", "user", user.id, before=before, after=user_snapshot(user))
        return UserInfo.of(user)


def set_active(db: Database, actor: Actor, username: str, active: bool) -> UserInfo:
    with write(db, actor, Permission.USERS_MANAGE) as uow:
        user = _get(uow.session, username)
        if user.active == active:
            return UserInfo.of(user)
        if not active and user.id == actor.user_id:
            raise Conflict("Không thể tự khoá tài khoản của chính mình.")
        before = user_snapshot(user)
        user.active = active
        uow.session.flush()
        if _active_admins(uow.session) == 0:
            raise Conflict("Không thể khoá quản trị viên cuối cùng.")
        action = "user.activate" if active else "user.deactivate"
        uow.record(action, "user", user.id, before=before, after=user_snapshot(user))
        return UserInfo.of(user)


def reset_password(db: Database, actor: Actor, username: str, new_password: str) -> UserInfo:
    """An administrator sets a new password; the user must change it at next login."""
    check_password_rule(new_password)
    hashed = hash_password(new_password)
    with write(db, actor, Permission.USERS_MANAGE) as uow:
        user = _get(uow.session, username)
        user.password_hash = hashed
        user.must_change_password = True
        uow.record("user.reset_password", "user", user.id, after={"must_change_password": True})
        # a new password is a fresh start: the wrong ones typed before no longer count
        _lift_lock(uow, user)
        return UserInfo.of(user)


def unlock_user(db: Database, actor: Actor, username: str) -> UserInfo:
    """An administrator lifts the lock (or the delay) that wrong passwords put on an
    account; nothing happens, and nothing is logged, if there is none."""
    with write(db, actor, Permission.USERS_MANAGE) as uow:
        user = _get(uow.session, username)
        _lift_lock(uow, user)
        return UserInfo.of(user)


def _lift_lock(uow: UnitOfWork, user: User) -> None:
    if not user.failed_logins and user.retry_after is None and user.locked_at is None:
        return
    before = {
        "failed_logins": user.failed_logins,
        "retry_after": user.retry_after,
        "locked_at": user.locked_at,
    }
    user.failed_logins, user.retry_after, user.locked_at = 0, None, None
    uow.record(
        "user.unlock",
        "user",
        user.id,
        before=before,
        after={"failed_logins": 0, "retry_after": None, "locked_at": None},
    )


def change_own_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    check_password_rule(new_password)
    if old_password == new_password:
        raise ValidationError("Mật khẩu mới phải khác mật khẩu cũ.")
    hashed = hash_password(new_password)
    with write(db, actor, None, self_service=True) as uow:
        user = uow.session.get(User, actor.user_id)
        assert user is not None  # require() checked it exists and is active
        if not verify_password(user.password_hash, old_password):
            raise AuthenticationError("Mật khẩu hiện tại không đúng.")
        user.password_hash = hashed
        user.must_change_password = False
        uow.record("user.change_password", "user", user.id, after={"must_change_password": False})


def verify_password(password_hash: str, password: str) -> bool:
    if not _encodable(password):  # no password set through check_password_rule is
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


#: Wrong passwords in a row after which each further try waits, and the account locks.
DELAY_AFTER = 5
LOCK_AFTER = 10
FIRST_DELAY = dt.timedelta(seconds=30)
MAX_DELAY = dt.timedelta(minutes=15)

_WRONG = "Sai tên đăng nhập hoặc mật khẩu."


def failure_delay(failures: int) -> dt.timedelta | None:
    """How long the next try waits after ``failures`` wrong passwords in a row: not at all
    before the 5th, then 30 s doubling with each one (30 s, 1, 2, 4, 8 min), at most 15 min."""
    if failures < DELAY_AFTER:
        return None
    return min(FIRST_DELAY * (1 << min(failures - DELAY_AFTER, 16)), MAX_DELAY)


def _duration(delta: dt.timedelta) -> str:
    seconds = max(1, math.ceil(delta.total_seconds()))
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} giây"
    return f"{minutes} phút" + (f" {rest} giây" if rest else "")


def _wrong(failures: int) -> str:
    delay = failure_delay(failures)
    if delay is None:
        return _WRONG
    return (
        f"Sai tên đăng nhập hoặc mật khẩu {failures} lần liên tiếp: hãy đợi {_duration(delay)} "
        f"rồi thử lại (sai thêm {LOCK_AFTER - failures} lần nữa thì tài khoản bị khoá)."
    )


def _wait(remaining: dt.timedelta) -> str:
    return (
        f"Đã nhập sai mật khẩu nhiều lần liên tiếp: hãy đợi {_duration(remaining)} nữa rồi thử lại."
    )


def _locked(name: str) -> str:
    return f"Tài khoản “{name}” đã bị khoá do nhập sai mật khẩu nhiều lần. Liên hệ quản trị viên."


def _typed_name(username: str) -> str:
    """The name as typed, as it is looked up and logged: NFC, lower case, one line."""
    return " ".join(nfc(username).lower().split())


_decoys: dict[int, str] = {}


def _decoy_hash() -> str:
    """A hash no password matches, made as real ones are: an unknown name costs the same
    time to refuse as a wrong password."""
    key = id(_hasher)
    if key not in _decoys:
        _decoys[key] = _hasher.hash(secrets.token_urlsafe(32))
    return _decoys[key]


@dataclass(frozen=True)
class _Attempt:
    """What a sign-in needs to know of the name typed, read before the password is checked
    (which takes a while, on purpose: outside any write transaction)."""

    name: str
    user_id: int | None  # None: no account has this name
    password_hash: str
    failures: int
    retry_after: dt.datetime | None
    locked: bool
    signed_in: tuple[Actor, UserInfo] | None = None  # who the right password signs in


def _attempt(session: Session, name: str) -> _Attempt:
    user = (  # a name no account can have (a NUL, too long) is not looked up
        None
        if limits.key(name) is None
        else session.execute(select(User).where(User.username == name)).scalar_one_or_none()
    )
    if user is not None:
        return _Attempt(
            name=name,
            user_id=user.id,
            password_hash=user.password_hash,
            failures=user.failed_logins or 0,
            retry_after=user.retry_after,
            locked=user.locked_at is not None,
            signed_in=(Actor.of(user), UserInfo.of(user)),
        )
    # No such account: count the failures the log holds for the name, so that the answers
    # (delay, lock) are those an account would give.
    failures, last = session.execute(
        select(func.count(AuditEvent.id), func.max(AuditEvent.at)).where(
            AuditEvent.entity == "login",
            AuditEvent.entity_id == unknown_name_key(name),
            AuditEvent.action == "user.login_failed",
        )
    ).one()
    delay = failure_delay(failures)
    return _Attempt(
        name=name,
        user_id=None,
        password_hash=_decoy_hash(),
        failures=failures,
        retry_after=last + delay if delay is not None and last is not None else None,
        locked=failures >= LOCK_AFTER,
    )


def unknown_name_key(name: str) -> str:
    """How the log names a sign-in under a name no account has: a digest of it, never the
    text — people type their password into the name box by mistake."""
    return "ten-sha256:" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]


def _subject(attempt: _Attempt) -> tuple[str, str]:
    """The log's entity for a sign-in: the account, or (a digest of) the name typed."""
    if attempt.user_id is None:
        return "login", unknown_name_key(attempt.name)
    return "user", str(attempt.user_id)


def _refuse_early(db: Database, attempt: _Attempt, now: dt.datetime) -> str | None:
    """The refusal of a try taken while the account is locked or must wait, logged; the
    password is not even checked. ``None``: the try may go on."""
    if attempt.locked:
        reason, message = "locked", _locked(attempt.name)
    elif attempt.retry_after is not None and now < attempt.retry_after:
        reason, message = "delayed", _wait(attempt.retry_after - now)
    else:
        return None
    with write(db, None, None, system=True) as uow:
        uow.record("user.login_refused", *_subject(attempt), after={"reason": reason})
    return message


def _count_failure(db: Database, attempt: _Attempt) -> str:
    """Log a wrong password (and count it on the account); the message to answer with."""
    with write(db, None, None, system=True) as uow:
        entity, entity_id = _subject(attempt)
        if attempt.user_id is None:
            failures = attempt.failures + 1
            uow.record("user.login_failed", entity, entity_id, after={"failed_logins": failures})
            return _locked(attempt.name) if failures >= LOCK_AFTER else _wrong(failures)
        user = uow.session.execute(
            select(User).where(User.id == attempt.user_id).with_for_update()
        ).scalar_one()
        if user.locked_at is not None:  # locked by another try in the meantime
            uow.record("user.login_refused", entity, entity_id, after={"reason": "locked"})
            return _locked(user.username)
        before = {"failed_logins": user.failed_logins, "retry_after": user.retry_after}
        user.failed_logins = failures = (user.failed_logins or 0) + 1
        delay = failure_delay(failures)
        user.retry_after = uow.at + delay if delay is not None else None
        if failures >= LOCK_AFTER:
            user.retry_after, user.locked_at = None, uow.at
        after = {"failed_logins": failures, "retry_after": user.retry_after}
        uow.record("user.login_failed", entity, entity_id, before=before, after=after)
        if user.locked_at is not None:
            uow.record(
                "user.locked",
                entity,
                entity_id,
                before={"locked_at": None},
                after={"locked_at": user.locked_at, "failed_logins": failures},
            )
            return _locked(user.username)
        return _wrong(failures)


def authenticate(
    db: Database, username: str, password: str, *, record_login: bool = True
) -> tuple[Actor, UserInfo]:
    """Check a user's password; the GUI records the login in the audit log, the CLI not.

    Both count and log wrong passwords, wait after 5 in a row and lock after 10 (see the
    module's notes). The same message answers an unknown user and a wrong password.
    """
    name = _typed_name(username)
    with db.read() as session:
        attempt = _attempt(session, name)
    refusal = _refuse_early(db, attempt, clock.utcnow())
    if refusal is not None:
        raise AuthenticationError(refusal)
    if not verify_password(attempt.password_hash, password):
        raise AuthenticationError(_count_failure(db, attempt))
    assert attempt.signed_in is not None  # only an account's hash verifies
    actor, info = attempt.signed_in
    if not info.active:
        raise AuthenticationError(f"Tài khoản “{name}” đã bị khoá. Liên hệ quản trị viên.")
    # made with the parameters of today, before the write transaction: hashing takes a while
    rehashed = (
        hash_password(password) if _hasher.check_needs_rehash(attempt.password_hash) else None
    )
    if not (record_login or rehashed or info.failed_logins or info.retry_after):
        return actor, info  # the command line's sign-in, nothing to note: no write at all
    refusal = None
    with write(db, actor, None, self_service=True) as uow:
        live = uow.session.execute(
            select(User).where(User.id == actor.user_id).with_for_update()
        ).scalar_one()
        if live.locked_at is not None:  # locked by another try in the meantime
            refusal = _locked(live.username)
        elif live.retry_after is not None and uow.at < live.retry_after:
            refusal = _wait(live.retry_after - uow.at)
        else:
            cleared = {"failed_logins": live.failed_logins, "retry_after": live.retry_after}
            live.failed_logins, live.retry_after = 0, None
            reset = cleared != {"failed_logins": 0, "retry_after": None}
            before = cleared if reset else None
            after = {"failed_logins": 0, "retry_after": None} if reset else None
            if rehashed is not None:
                live.password_hash = rehashed
                uow.record("user.rehash_password", "user", live.id)
            if record_login:
                live.last_login_at = uow.at
                uow.record("user.login", "user", live.id, before=before, after=after)
            elif reset:
                uow.record(
                    "user.login_failures_cleared", "user", live.id, before=before, after=after
                )
            info = UserInfo.of(live)
    if refusal is not None:
        raise AuthenticationError(refusal)
    return actor, info


def list_users(db: Database, actor: Actor) -> list[UserInfo]:
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        users = session.execute(select(User).order_by(User.username)).scalars().all()
        return [UserInfo.of(u) for u in users]


def get_user(db: Database, actor: Actor, username: str) -> UserInfo:
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        return UserInfo.of(_get(session, username))
