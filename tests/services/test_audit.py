"""Every change appends a chained audit event; tampering behind the program's back shows."""

from __future__ import annotations

import itertools
import json

import pytest
from sqlalchemy import delete, select, update

from isoqms.db.engine import Database
from isoqms.db.guards import AuditImmutableError
from isoqms.db.models import AuditEvent
from isoqms.domain.audit import GENESIS_HASH
from isoqms.domain.errors import PermissionDenied
from isoqms.domain.roles import Role
from isoqms.services import audit as audit_svc
from isoqms.services import unit as unit_svc
from isoqms.services import users as user_svc
from isoqms.services.auditor import TimelineFilter, timeline
from isoqms.services.uow import Actor
from tests.helpers import audit_count, intruder_sql, login


def events(db: Database) -> list[AuditEvent]:
    with db.read() as session:
        return list(session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars())


def busy_log(db: Database, admin: Actor) -> None:
    user_svc.add_user(
        db,
        admin,
        username="thu",
        full_name="Nguyễn Thị Thu",
        password="12345678",
        roles=[Role.CLERK],
    )
    user_svc.set_active(db, admin, "thu", False)
    info = unit_svc.get_unit(db)
    unit_svc.update_unit(db, admin, info.__class__(**{**info.__dict__, "phone": "0229 1111"}))


def test_every_change_writes_one_chained_event(demo_db: Database, admin: Actor) -> None:
    before = audit_count(demo_db)
    busy_log(demo_db, admin)
    log = events(demo_db)
    assert len(log) == before + 3
    assert [e.action for e in log[-3:]] == ["user.create", "user.deactivate", "unit.update"]
    assert log[0].prev_hash == GENESIS_HASH
    for previous, current in itertools.pairwise(log):
        assert current.prev_hash == previous.hash
        assert current.seq == previous.seq + 1
    last = log[-1]
    assert last.actor == "admin" and last.actor_id == admin.user_id
    assert json.loads(last.before or "{}")["phone"] == "0229 3861 234"
    assert json.loads(last.after or "{}")["phone"] == "0229 1111"
    assert audit_svc.verify_chain(demo_db).ok


def test_passwords_never_reach_the_log(demo_db: Database, admin: Actor) -> None:
    user_svc.add_user(
        demo_db,
        admin,
        username="bimat",
        full_name="Bí Mật",
        password="mat-khau-bi-mat",
        roles=[Role.CLERK],
    )
    text = " ".join(f"{e.before} {e.after}" for e in events(demo_db))
    assert "mat-khau-bi-mat" not in text and "argon2" not in text


def test_orm_refuses_to_update_or_delete_events(demo_db: Database) -> None:
    session = demo_db.write_session()
    try:
        event = session.execute(select(AuditEvent).limit(1)).scalar_one()
        event.actor = "mallory"
        with pytest.raises(AuditImmutableError):
            session.flush()
        session.rollback()
        event = session.execute(select(AuditEvent).limit(1)).scalar_one()
        session.delete(event)
        with pytest.raises(AuditImmutableError):
            session.flush()
        session.rollback()
        with pytest.raises(AuditImmutableError):
            session.execute(update(AuditEvent).values(actor="mallory"))
        with pytest.raises(AuditImmutableError):
            session.execute(delete(AuditEvent))
    finally:
        session.rollback()
        session.close()
    assert audit_svc.verify_chain(demo_db).ok


def test_untouched_log_verifies(demo_db: Database, admin: Actor) -> None:
    busy_log(demo_db, admin)
    result = audit_svc.verify_chain(demo_db)
    assert result.ok and result.events == audit_count(demo_db)
    assert "nguyên vẹn" in result.summary()


@pytest.mark.parametrize(
    ("tamper", "first_bad"),
    [
        (["UPDATE audit_event SET actor = 'mallory' WHERE seq = 4"], 4),
        (['UPDATE audit_event SET after = \'{"phone":"0"}\' WHERE seq = 10'], 10),
        (["DELETE FROM audit_event WHERE seq = 5"], 5),
        (["DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)"], "N"),
        (
            [
                "UPDATE audit_event SET seq = -6 WHERE seq = 6",
                "UPDATE audit_event SET seq = 6 WHERE seq = 7",
                "UPDATE audit_event SET seq = 7 WHERE seq = -6",
            ],
            6,
        ),
        (
            [
                "INSERT INTO audit_event (seq, at, actor_id, actor, action, entity, entity_id,"
                " prev_hash, hash) SELECT {N+1}, at, actor_id, actor, action, entity, entity_id,"
                " hash, hash FROM audit_event WHERE seq = {N}"
            ],
            "N+1",
        ),
        (["UPDATE audit_head SET seq = seq + 1"], "N+1"),
    ],
    ids=[
        "edited-actor",
        "edited-after",
        "deleted",
        "deleted-last",
        "reordered",
        "inserted",
        "head",
    ],
)
def test_tampering_is_found_at_the_first_bad_event(
    demo_db: Database, admin: Actor, tamper: list[str], first_bad: int | str
) -> None:
    busy_log(demo_db, admin)
    n = audit_count(demo_db)
    names = {"N": n, "N+1": n + 1}
    intruder_sql(demo_db, *(s.replace("{N+1}", str(n + 1)).replace("{N}", str(n)) for s in tamper))
    if isinstance(first_bad, str):
        first_bad = names[first_bad]
    result = audit_svc.verify_chain(demo_db)
    assert not result.ok
    assert result.problem is not None and result.problem.seq == first_bad
    assert f"sự kiện số {first_bad}" in result.summary()


def test_reading_the_log_needs_the_audit_permission(demo_db: Database) -> None:
    auditor = login(demo_db, "auditor")
    assert len(timeline(demo_db, auditor, TimelineFilter())) == audit_count(demo_db)
    only_users = timeline(demo_db, auditor, TimelineFilter(kind="user"))
    assert {e.entity for e in only_users} == {"user"}
    with pytest.raises(PermissionDenied, match="xem nhật ký"):
        timeline(demo_db, login(demo_db, "clerk"), TimelineFilter())


def test_concurrent_writers_keep_one_chain(demo_db: Database, admin: Actor) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def add(i: int) -> None:
        user_svc.add_user(
            demo_db,
            admin,
            username=f"u{i:02d}",
            full_name=f"Người {i}",
            password="12345678",
            roles=[Role.CLERK],
        )

    before = audit_count(demo_db)
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(add, range(12)))
    result = audit_svc.verify_chain(demo_db)
    assert result.ok and result.events == before + 12
