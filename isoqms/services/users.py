"""Users, roles, passwords and logging in.

Passwords are hashed with argon2id. Users are never deleted, only deactivated; there is
always at least one active administrator.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import Parameters, PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import User, UserRole, utcnow
from isoqms.domain.errors import AuthenticationError, Conflict, NotFound, ValidationError
from isoqms.domain.roles import Permission, Role
from isoqms.domain.text import nfc
from isoqms.services.uow import Actor, require, write

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
    user = session.execute(
        select(User).where(User.username == username.strip().lower())
    ).scalar_one_or_none()
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
        return UserInfo.of(user)


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
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


_WRONG = "Sai tên đăng nhập hoặc mật khẩu."


def authenticate(
    db: Database, username: str, password: str, *, record_login: bool = True
) -> tuple[Actor, UserInfo]:
    """Check a user's password; the GUI records the login in the audit log, the CLI not.

    The same message answers an unknown user and a wrong password.
    """
    name = username.strip().lower()
    with db.read() as session:
        user = session.execute(select(User).where(User.username == name)).scalar_one_or_none()
        if user is None or not verify_password(user.password_hash, password):
            raise AuthenticationError(_WRONG)
        if not user.active:
            raise AuthenticationError(f"Tài khoản “{name}” đã bị khoá. Liên hệ quản trị viên.")
        actor, info = Actor.of(user), UserInfo.of(user)
        rehash = _hasher.check_needs_rehash(user.password_hash)
    if record_login or rehash:
        with write(db, actor, None, self_service=True) as uow:
            live = uow.session.get(User, actor.user_id)
            assert live is not None  # write() checked the account is active
            if rehash:
                live.password_hash = hash_password(password)
            if record_login:
                live.last_login_at = uow.at
                uow.record("user.login", "user", live.id)
            info = UserInfo.of(live)
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
