"""Wrong passwords: counted and logged, a growing wait after 5 in a row, a lock after 10
that only an administrator lifts; unknown names answered the same way."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from isoqms.db.engine import Database
from isoqms.db.models import AuditEvent
from isoqms.domain import clock
from isoqms.domain.errors import AuthenticationError, PermissionDenied
from isoqms.services import users as svc
from isoqms.services.integrity import verify
from isoqms.services.uow import Actor
from tests.helpers import audit_count, login

LOCKED = "Tài khoản “clerk” đã bị khoá do nhập sai mật khẩu nhiều lần. Liên hệ quản trị viên."


@pytest.fixture(autouse=True)
def still_clock() -> None:
    """The clock stands still but for :func:`later`: waits come out to the second."""
    clock.pin(clock.now(), tick=False)


def later(seconds: float) -> None:
    """Move the clock on."""
    clock.pin(clock.now() + dt.timedelta(seconds=seconds), tick=False)


def fail(db: Database, username: str = "clerk", *, record_login: bool = True) -> str:
    with pytest.raises(AuthenticationError) as refused:
        svc.authenticate(db, username, "sai-mat-khau", record_login=record_login)
    return refused.value.message


def fail_times(db: Database, times: int, username: str = "clerk", **kwargs: bool) -> list[str]:
    """``times`` wrong passwords, each after the wait the one before asked for."""
    messages = []
    for n in range(1, times + 1):
        messages.append(fail(db, username, **kwargs))
        delay = svc.failure_delay(n)
        if delay is not None and n < svc.LOCK_AFTER:
            later(delay.total_seconds() + 1)
    return messages


def events(db: Database, *actions: str) -> list[AuditEvent]:
    with db.read() as session:
        query = select(AuditEvent).order_by(AuditEvent.seq)
        if actions:
            query = query.where(AuditEvent.action.in_(actions))
        found = list(session.execute(query).scalars())
        session.expunge_all()
        return found


def loaded(text: str | None) -> dict[str, object]:
    assert text is not None
    return dict(json.loads(text))


def user(db: Database, admin: Actor, username: str = "clerk") -> svc.UserInfo:
    return svc.get_user(db, admin, username)


def test_the_wait_grows_from_the_fifth_failure_and_the_tenth_locks() -> None:
    waits = [svc.failure_delay(n) for n in range(1, 10)]
    assert waits[:4] == [None] * 4
    assert [w.total_seconds() for w in waits[4:] if w] == [30, 60, 120, 240, 480]
    assert svc.failure_delay(40) == svc.MAX_DELAY
    assert (svc.DELAY_AFTER, svc.LOCK_AFTER) == (5, 10)


@pytest.mark.parametrize("record_login", [True, False], ids=["gui", "cli"])
def test_ten_wrong_passwords_lock_until_an_administrator_unlocks(
    demo_db: Database, admin: Actor, record_login: bool
) -> None:
    messages = fail_times(demo_db, 10, record_login=record_login)
    assert messages[:4] == ["Sai tên đăng nhập hoặc mật khẩu."] * 4
    assert messages[4] == (
        "Sai tên đăng nhập hoặc mật khẩu 5 lần liên tiếp: hãy đợi 30 giây rồi thử lại "
        "(sai thêm 5 lần nữa thì tài khoản bị khoá)."
    )
    assert "hãy đợi 8 phút" in messages[8] and "sai thêm 1 lần" in messages[8]
    assert messages[9] == LOCKED
    info = user(demo_db, admin)
    assert info.locked and info.locked_at == clock.utcnow()
    assert info.failed_logins == 10 and info.retry_after is None

    # the right password, hours later, on the command line as in the window: still locked
    later(6 * 3600)
    count = audit_count(demo_db)
    for record in (True, False):
        with pytest.raises(AuthenticationError) as refused:
            svc.authenticate(demo_db, "clerk", "demo", record_login=record)
        assert refused.value.message == LOCKED
    assert audit_count(demo_db) == count + 2  # both refusals are in the log
    assert user(demo_db, admin).failed_logins == 10  # refused tries are not counted

    unlocked = svc.unlock_user(demo_db, admin, "Clerk")
    assert not unlocked.locked and unlocked.failed_logins == 0
    assert login(demo_db, "clerk").username == "clerk"

    failed = events(demo_db, "user.login_failed")
    assert [loaded(e.after)["failed_logins"] for e in failed] == list(range(1, 11))
    assert {(e.actor, e.entity, e.entity_id) for e in failed} == {("system", "user", "5")}
    (locked,) = events(demo_db, "user.locked")
    assert locked.seq == failed[-1].seq + 1 and loaded(locked.after)["failed_logins"] == 10
    assert [loaded(e.after)["reason"] for e in events(demo_db, "user.login_refused")] == [
        "locked",
        "locked",
    ]
    (unlock,) = events(demo_db, "user.unlock")
    assert (unlock.actor, unlock.entity_id) == ("admin", "5")
    assert loaded(unlock.before)["failed_logins"] == 10
    assert loaded(unlock.after) == {"failed_logins": 0, "locked_at": None, "retry_after": None}
    assert all("sai-mat-khau" not in (e.after or "") for e in events(demo_db))
    assert verify(demo_db).ok


def test_a_try_during_the_wait_is_refused_without_checking_the_password(
    demo_db: Database, admin: Actor
) -> None:
    fail_times(demo_db, 4)
    assert "hãy đợi 30 giây rồi thử lại" in fail(demo_db)
    assert user(demo_db, admin).retry_after == clock.utcnow() + dt.timedelta(seconds=30)
    later(10)
    with pytest.raises(AuthenticationError, match="hãy đợi 20 giây nữa rồi thử lại"):
        svc.authenticate(demo_db, "clerk", "demo")  # the right password, too early
    assert fail(demo_db).startswith("Đã nhập sai mật khẩu nhiều lần liên tiếp")
    assert user(demo_db, admin).failed_logins == 5  # neither try counted

    later(21)
    assert "hãy đợi 1 phút rồi thử lại" in fail(demo_db)  # the 6th: twice as long
    later(61)
    _actor, info = svc.authenticate(demo_db, "clerk", "demo")
    assert info.failed_logins == 0 and info.retry_after is None
    (signed_in,) = events(demo_db, "user.login")
    assert loaded(signed_in.before)["failed_logins"] == 6
    assert loaded(signed_in.after) == {"failed_logins": 0, "retry_after": None}
    assert verify(demo_db).ok


def test_the_right_password_starts_the_count_again(demo_db: Database, admin: Actor) -> None:
    fail_times(demo_db, 4, record_login=False)
    login(demo_db, "clerk")  # the command line's sign-in clears the count, and logs it
    (cleared,) = events(demo_db, "user.login_failures_cleared")
    assert loaded(cleared.before)["failed_logins"] == 4
    assert user(demo_db, admin).failed_logins == 0
    assert fail_times(demo_db, 4)[-1] == "Sai tên đăng nhập hoặc mật khẩu."
    count = audit_count(demo_db)
    login(demo_db, "admin")  # nothing to clear: no write, no event
    assert audit_count(demo_db) == count
    assert verify(demo_db).ok


def test_an_unknown_name_is_answered_as_an_account_would_be(demo_db: Database) -> None:
    as_account = fail_times(demo_db, 10, "clerk")
    as_nobody = fail_times(demo_db, 10, "Ai-Do")
    assert as_nobody[:9] == as_account[:9]
    assert as_nobody[9] == LOCKED.replace("clerk", "ai-do")
    with pytest.raises(AuthenticationError, match="ai-do” đã bị khoá do nhập sai"):
        svc.authenticate(demo_db, "ai-do", "demo")
    for _ in range(4):
        fail(demo_db, "khach")
    assert "hãy đợi 30 giây rồi thử lại" in fail(demo_db, "khach")  # the fifth, as an account
    later(10)
    assert fail(demo_db, "khach") == (
        "Đã nhập sai mật khẩu nhiều lần liên tiếp: hãy đợi 20 giây nữa rồi thử lại."
    )
    key = svc.unknown_name_key("ai-do")
    nobody = [e for e in events(demo_db) if e.entity == "login" and e.entity_id == key]
    assert [e.action for e in nobody] == ["user.login_failed"] * 10 + ["user.login_refused"]
    assert {(e.actor, e.entity_id) for e in nobody} == {("system", key)}
    assert all("ai-do" not in (e.entity_id + (e.after or "")) for e in nobody)
    assert all("sai-mat-khau" not in (e.after or "") for e in nobody)
    assert verify(demo_db).ok


def test_only_an_administrator_unlocks(demo_db: Database, admin: Actor) -> None:
    fail_times(demo_db, 10)
    count = audit_count(demo_db)
    with pytest.raises(PermissionDenied, match="không có quyền quản lý người dùng"):
        svc.unlock_user(demo_db, login(demo_db, "officer"), "clerk")
    assert audit_count(demo_db) == count and user(demo_db, admin).locked
    svc.unlock_user(demo_db, admin, "clerk")
    svc.unlock_user(demo_db, admin, "clerk")  # nothing left to lift: no second event
    assert audit_count(demo_db) == count + 1


def test_a_password_reset_lifts_the_lock(demo_db: Database, admin: Actor) -> None:
    fail_times(demo_db, 10)
    info = svc.reset_password(demo_db, admin, "clerk", "tam-thoi-123")
    assert not info.locked and info.must_change_password
    assert [e.action for e in events(demo_db)[-2:]] == ["user.reset_password", "user.unlock"]
    _actor, info = svc.authenticate(demo_db, "clerk", "tam-thoi-123")
    assert info.must_change_password


def test_a_deactivated_account_counts_wrong_passwords_too(demo_db: Database, admin: Actor) -> None:
    svc.set_active(demo_db, admin, "officer", False)
    assert fail(demo_db, "officer") == "Sai tên đăng nhập hoặc mật khẩu."
    with pytest.raises(AuthenticationError, match=r"“officer” đã bị khoá\. Liên hệ"):
        svc.authenticate(demo_db, "officer", "demo")
    assert user(demo_db, admin, "officer").failed_logins == 1
