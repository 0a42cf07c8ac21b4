"""Users, roles, login, and permission checks in the services."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from isoqms.db.engine import Database
from isoqms.db.models import User
from isoqms.domain.errors import (
    AuthenticationError,
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from isoqms.domain.roles import Role
from isoqms.services import users as svc
from isoqms.services.uow import Actor
from tests.helpers import audit_count, login


def test_login_succeeds_with_the_right_password(demo_db: Database) -> None:
    actor, info = svc.authenticate(demo_db, "Clerk", "demo")
    assert actor.username == "clerk" and actor.roles == {Role.CLERK}
    assert info.full_name == "Đỗ Thị Ngọc Ánh"
    assert info.last_login_at is not None


@pytest.mark.parametrize(("username", "password"), [("clerk", "wrong"), ("nobody", "demo")])
def test_login_fails_with_one_message(demo_db: Database, username: str, password: str) -> None:
    events = audit_count(demo_db)
    with pytest.raises(AuthenticationError, match="Sai tên đăng nhập hoặc mật khẩu"):
        svc.authenticate(demo_db, username, password)
    assert audit_count(demo_db) == events + 1  # a failed sign-in is logged (test_sign_in.py)


def test_login_is_audited(demo_db: Database) -> None:
    events = audit_count(demo_db)
    svc.authenticate(demo_db, "clerk", "demo")
    assert audit_count(demo_db) == events + 1


def test_deactivated_user_cannot_log_in(demo_db: Database, admin: Actor) -> None:
    svc.set_active(demo_db, admin, "clerk", False)
    with pytest.raises(AuthenticationError, match="đã bị khoá"):
        svc.authenticate(demo_db, "clerk", "demo")
    svc.set_active(demo_db, admin, "clerk", True)
    assert svc.authenticate(demo_db, "clerk", "demo")[0].username == "clerk"


def test_first_admin_only_on_an_empty_database(db: Database) -> None:
    info = svc.create_first_admin(
        db, username="quantri", full_name="Nguyễn Thị Hoà", password="mat-khau-dai"
    )
    assert info.roles == (Role.ADMIN,)
    assert audit_count(db) == 1
    with pytest.raises(Conflict, match="chỉ tạo được một lần"):
        svc.create_first_admin(db, username="khac", full_name="Khác", password="mat-khau-dai")
    assert audit_count(db) == 1


def test_admin_adds_a_user_and_it_is_audited(demo_db: Database, admin: Actor) -> None:
    events = audit_count(demo_db)
    info = svc.add_user(
        demo_db,
        admin,
        username="tiepnhan2",
        full_name="Lê Văn Nam",
        password="12345678",
        roles=[Role.CLERK, Role.OFFICER],
        title="Công chức",
    )
    assert info.roles == (Role.CLERK, Role.OFFICER)
    assert audit_count(demo_db) == events + 1
    assert login(demo_db, "tiepnhan2", "12345678").roles == {Role.CLERK, Role.OFFICER}


@pytest.mark.parametrize("role", ["clerk", "auditor", "iso_secretary", "approver"])
def test_a_role_without_the_permission_is_refused_by_the_service(
    demo_db: Database, role: str
) -> None:
    actor = login(demo_db, role)
    events = audit_count(demo_db)
    with pytest.raises(PermissionDenied, match="không có quyền quản lý người dùng"):
        svc.add_user(
            demo_db, actor, username="x1", full_name="X", password="12345678", roles=[Role.CLERK]
        )
    with pytest.raises(PermissionDenied):
        svc.set_active(demo_db, actor, "officer", False)
    with pytest.raises(PermissionDenied):
        svc.reset_password(demo_db, actor, "officer", "abcdefgh")
    with pytest.raises(PermissionDenied):
        svc.set_roles(demo_db, actor, role, [Role.ADMIN])
    assert audit_count(demo_db) == events
    with demo_db.read() as session:
        assert session.execute(select(User).where(User.username == "x1")).first() is None


def test_roles_are_checked_against_the_database_not_the_login_snapshot(
    demo_db: Database, admin: Actor
) -> None:
    second = svc.add_user(
        demo_db,
        admin,
        username="admin2",
        full_name="Phó quản trị",
        password="12345678",
        roles=[Role.ADMIN],
    )
    stale = login(demo_db, second.username, "12345678")
    svc.set_roles(demo_db, admin, "admin2", [Role.CLERK])
    with pytest.raises(PermissionDenied):
        svc.add_user(
            demo_db, stale, username="x2", full_name="X", password="12345678", roles=[Role.CLERK]
        )


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"username": "Có dấu"}, ValidationError, "Tên đăng nhập"),
        ({"full_name": "  "}, ValidationError, "Chưa nhập họ và tên"),
        ({"password": "short"}, ValidationError, "ít nhất 8 ký tự"),
        ({"roles": []}, ValidationError, "ít nhất một vai trò"),
        ({"username": "clerk"}, Conflict, "đã có người dùng"),
    ],
)
def test_bad_user_input_is_refused_and_changes_nothing(
    demo_db: Database, admin: Actor, kwargs: dict[str, object], error: type, message: str
) -> None:
    values: dict[str, object] = {
        "username": "moi",
        "full_name": "Người Mới",
        "password": "12345678",
        "roles": [Role.CLERK],
    }
    values.update(kwargs)
    events = audit_count(demo_db)
    with pytest.raises(error, match=message):
        svc.add_user(demo_db, admin, **values)  # type: ignore[arg-type]
    assert audit_count(demo_db) == events


def test_the_last_admin_cannot_be_removed(demo_db: Database, admin: Actor) -> None:
    with pytest.raises(Conflict, match="chính mình"):
        svc.set_active(demo_db, admin, "admin", False)
    with pytest.raises(Conflict, match="quản trị viên cuối cùng"):
        svc.set_roles(demo_db, admin, "admin", [Role.CLERK])
    assert svc.get_user(demo_db, admin, "admin").roles == (Role.ADMIN,)


def test_users_are_never_deleted_only_deactivated(demo_db: Database, admin: Actor) -> None:
    svc.set_active(demo_db, admin, "officer", False)
    names = {u.username: u.active for u in svc.list_users(demo_db, admin)}
    assert names["officer"] is False and len(names) == 8


def test_reset_and_change_password(demo_db: Database, admin: Actor) -> None:
    info = svc.reset_password(demo_db, admin, "clerk", "tam-thoi-123")
    assert info.must_change_password
    clerk, info = svc.authenticate(demo_db, "clerk", "tam-thoi-123")
    assert info.must_change_password
    with pytest.raises(AuthenticationError, match="hiện tại không đúng"):
        svc.change_own_password(demo_db, clerk, "sai-mat-khau", "moi-hoan-toan")
    svc.change_own_password(demo_db, clerk, "tam-thoi-123", "moi-hoan-toan")
    _clerk, info = svc.authenticate(demo_db, "clerk", "moi-hoan-toan")
    assert not info.must_change_password


def test_update_user_changes_name_and_roles_in_one_event(demo_db: Database, admin: Actor) -> None:
    events = audit_count(demo_db)
    info = svc.update_user(
        demo_db,
        admin,
        "officer",
        full_name="Hoàng Minh Tuấn",
        title="Công chức Văn hoá – Xã hội",
        roles=[Role.OFFICER, Role.CLERK],
    )
    assert info.title == "Công chức Văn hoá – Xã hội"
    assert info.roles == (Role.CLERK, Role.OFFICER)
    assert audit_count(demo_db) == events + 1


def test_unknown_user_is_named(demo_db: Database, admin: Actor) -> None:
    with pytest.raises(NotFound, match="ai-do"):
        svc.set_active(demo_db, admin, "ai-do", False)


def test_a_password_of_undecodable_bytes_is_refused_not_a_fault(demo_db: Database) -> None:
    """A password from an environment variable that was not UTF-8 holds lone surrogates,
    which no hash takes: refused as a new password, a wrong one at sign-in (counted)."""
    admin = login(demo_db, "admin")
    with pytest.raises(ValidationError, match="ký tự không hợp lệ"):
        svc.reset_password(demo_db, admin, "clerk", "mat-khau-\udcff-dai")
    with pytest.raises(AuthenticationError):
        svc.authenticate(demo_db, "clerk", "demo\udcff")
    with pytest.raises(NotFound):
        svc.unlock_user(demo_db, admin, "cl\x00erk")
