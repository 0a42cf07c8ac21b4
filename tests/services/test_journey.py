"""The dossier's journey: hand-overs, the supplement pause, result, return, apology, stop,
cancel — and the refusals, on both databases."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from isoqms.db.engine import Database
from isoqms.db.models import AuditEvent, Dossier, DossierEvent
from isoqms.domain.errors import Conflict, PermissionDenied, ValidationError
from isoqms.domain.journey import Action, DossierState, Outcome, Rating
from isoqms.services import intake, journey, statistics
from isoqms.services.intake import Applicant, IntakeDraft
from isoqms.services.journey import ActionInput
from isoqms.services.statistics import Period
from isoqms.services.uow import Actor
from tests.helpers import audit_count, login

MON = dt.datetime(2026, 11, 2, 9, 0)  # Monday 02/11/2026
ANH = Applicant("Nguyễn Thị Ánh", id_number="001190012345")
LAND = "1.004873"  # a land procedure counted in working days


def receive(db: Database, clerk: Actor, code: str = LAND, at: dt.datetime = MON) -> str:
    view = intake.receive(db, clerk, IntakeDraft(code, ANH, received_at=at), now=at)
    return view.code


def act(
    db: Database, actor: Actor, code: str, action: Action, at: dt.datetime, **kw: object
) -> journey.DossierDetail:
    return journey.act(db, actor, code, action, ActionInput(at=at, **kw), now=at)  # type: ignore[arg-type]


@pytest.fixture
def people(demo_db: Database) -> dict[str, Actor]:
    return {n: login(demo_db, n) for n in ("clerk", "officer", "approver", "auditor", "admin")}


def test_full_journey_with_a_supplement_pause(demo_db: Database, people: dict[str, Actor]) -> None:
    clerk, officer = people["clerk"], people["officer"]
    code = receive(demo_db, clerk)
    start = journey.show(demo_db, clerk, code)
    assert start.state is DossierState.RECEIVED and start.holder_username == "clerk"
    due = start.due_at

    d = act(demo_db, clerk, code, Action.HANDOVER, MON.replace(hour=10), to_user="officer")
    assert d.state is DossierState.IN_PROCESS and d.holder_username == "officer"
    assert d.events[-1].giver and d.events[-1].receiver == "Hoàng Minh Tuấn"
    assert d.events[-1].step == 2 and d.events[-1].outcome == Outcome.BEFORE.value

    pause = dt.datetime(2026, 11, 3, 8, 0)
    d = act(demo_db, officer, code, Action.REQUEST_SUPPLEMENT, pause, reason="Thiếu bản đồ")
    assert d.state is DossierState.WAITING_SUPPLEMENT and d.paused_at == pause
    back = dt.datetime(2026, 11, 5, 8, 0)  # two working days later
    d = act(demo_db, clerk, code, Action.SUPPLEMENT_RECEIVED, back)
    assert d.state is DossierState.IN_PROCESS and d.paused_at is None
    assert d.due_at > due and d.events[-1].due_before == due and d.events[-1].due_after == d.due_at
    moved = d.due_at
    # the reprinted slip shows the moved appointment
    pdf = intake.preview_receipt(demo_db, clerk, code)
    assert pdf.startswith(b"%PDF")

    ready = moved.replace(hour=8)  # on the moved appointment day
    d = act(demo_db, officer, code, Action.RESULT_READY, ready)
    assert d.state is DossierState.RESULT_READY and d.outcome is Outcome.ON_TIME
    assert ready > due  # late against the first appointment, on time thanks to the pause

    waiting = journey.ready_not_returned(demo_db, clerk, now=ready)
    assert [r.code for r in waiting] == [code]
    later = ready + dt.timedelta(hours=2)
    d = act(
        demo_db, clerk, code, Action.RETURN, later, to_name="Trần Văn Bình",
        rating=Rating.VERY_SATISFIED, comment="Nhanh, chu đáo",
    )  # fmt: skip
    assert d.state is DossierState.RETURNED and d.returned_to == "Trần Văn Bình"
    assert d.rating is Rating.VERY_SATISFIED and d.returned_at == later
    assert journey.ready_not_returned(demo_db, clerk, now=later) == []
    assert [e.action for e in d.events] == [
        "handover", "request-supplement", "supplement-received", "result-ready", "return",
    ]  # fmt: skip


def test_refusals_change_nothing(demo_db: Database, people: dict[str, Actor]) -> None:
    clerk, officer, auditor = people["clerk"], people["officer"], people["auditor"]
    code = receive(demo_db, clerk)
    events = audit_count(demo_db)
    at = MON.replace(hour=10)
    with pytest.raises(Conflict, match="chưa thể trả kết quả"):
        act(demo_db, clerk, code, Action.RETURN, at)
    with pytest.raises(PermissionDenied, match="dừng giải quyết"):
        act(demo_db, clerk, code, Action.STOP, at, reason="Theo yêu cầu")
    with pytest.raises(PermissionDenied):
        act(demo_db, auditor, code, Action.HANDOVER, at, to_user="officer")
    with pytest.raises(PermissionDenied, match="đang do"):
        act(demo_db, officer, code, Action.RESULT_READY, at)  # the clerk holds it
    with pytest.raises(ValidationError, match="lý do"):
        act(demo_db, clerk, code, Action.CANCEL, at)
    with pytest.raises(ValidationError, match="tương lai"):
        soon = ActionInput(at=at + dt.timedelta(hours=3), to_user="officer")
        journey.act(demo_db, clerk, code, Action.HANDOVER, soon, now=at)
    with pytest.raises(ValidationError, match="trước bước trước"):
        act(demo_db, clerk, code, Action.HANDOVER, MON - dt.timedelta(hours=1), to_user="officer")
    with pytest.raises(ValidationError, match="Không có người dùng"):
        act(demo_db, clerk, code, Action.HANDOVER, at, to_user="nobody")
    with pytest.raises(ValidationError, match="không có quyền xử lý"):
        act(demo_db, clerk, code, Action.HANDOVER, at, to_user="auditor")
    assert audit_count(demo_db) == events
    assert journey.show(demo_db, clerk, code).state is DossierState.RECEIVED

    act(demo_db, clerk, code, Action.CANCEL, at, reason="Công dân rút hồ sơ")
    for action, kw in [
        (Action.HANDOVER, {"to_user": "officer"}),
        (Action.RESULT_READY, {}),
        (Action.APOLOGIZE, {"reason": "x", "new_appointment": at + dt.timedelta(days=9)}),
    ]:
        with pytest.raises(Conflict, match="Đã hủy"):
            act(demo_db, clerk, code, action, at, **kw)
    with demo_db.read() as session:
        n = session.execute(select(func.count(DossierEvent.id))).scalar_one()
    assert n == 1


def test_leader_stops_with_a_numbered_notice(demo_db: Database, people: dict[str, Actor]) -> None:
    code = receive(demo_db, people["clerk"])
    at = MON.replace(hour=14)
    d = act(demo_db, people["approver"], code, Action.STOP, at, reason="Không thuộc thẩm quyền")
    assert d.state is DossierState.STOPPED
    assert d.events[-1].letter == "001/2026" and d.events[-1].form_revision.startswith(
        "BM.MC.2025.05@"
    )
    with demo_db.read() as session:
        row = session.execute(select(Dossier).where(Dossier.code == code)).scalar_one()
        assert row.finished_at == at


def _working(day: dt.datetime) -> dt.datetime:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def test_apology_sets_a_new_appointment_but_not_the_outcome(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    """Decree 61/2018 art. 19(9): the letter goes out at the latest one working day before
    the deadline, a new appointment is given once; the leader may allow it outside the rule,
    with a reason that is recorded and audited."""
    from isoqms.services.calendar import unit_schedule

    clerk, approver = people["clerk"], people["approver"]
    code = receive(demo_db, clerk)
    due = journey.show(demo_db, clerk, code).due_at
    latest = unit_schedule(demo_db).schedule.latest_apology_day(due)
    assert latest < due.date() and latest.weekday() < 5
    new = _working((due + dt.timedelta(days=7)).replace(hour=16, minute=0))
    events = audit_count(demo_db)
    # on the deadline's own day: too late, and an officer cannot allow it
    with pytest.raises(ValidationError, match=f"chậm nhất ngày {latest:%d/%m/%Y}"):
        act(demo_db, clerk, code, Action.APOLOGIZE, due - dt.timedelta(hours=1),
            reason="Chờ xác minh", new_appointment=new)  # fmt: skip
    with pytest.raises(PermissionDenied, match="Chỉ lãnh đạo"):
        act(demo_db, clerk, code, Action.APOLOGIZE, due - dt.timedelta(hours=1),
            reason="Chờ xác minh", new_appointment=new, override="Tôi cho phép")  # fmt: skip
    with pytest.raises(ValidationError, match="chỉ để cho phép ngoài quy định"):
        act(demo_db, approver, code, Action.APOLOGIZE, due - dt.timedelta(hours=1),
            reason="Chờ xác minh", new_appointment=new)  # fmt: skip
    assert audit_count(demo_db) == events
    in_time = dt.datetime.combine(latest, dt.time(9))
    with pytest.raises(ValidationError, match="sau ngày hẹn hiện tại"):
        act(demo_db, clerk, code, Action.APOLOGIZE, in_time, reason="Chờ xác minh",
            new_appointment=due - dt.timedelta(days=1))  # fmt: skip
    d = act(demo_db, clerk, code, Action.APOLOGIZE, in_time, reason="Chờ xác minh",
            new_appointment=new)  # fmt: skip
    assert d.promised_at == new and d.due_at == due and d.events[-1].letter == "001/2026"
    # a second new appointment: refused, unless the leader allows it
    newer = _working(new + dt.timedelta(days=5))
    with pytest.raises(ValidationError, match="chỉ được hẹn lại một lần"):
        act(demo_db, clerk, code, Action.APOLOGIZE, in_time + dt.timedelta(hours=1),
            reason="Chờ xác minh thêm", new_appointment=newer)  # fmt: skip
    d = act(demo_db, approver, code, Action.APOLOGIZE, in_time + dt.timedelta(hours=2),
            reason="Chờ xác minh thêm", new_appointment=newer,
            override="Cơ quan cấp tỉnh chưa trả lời xác minh")  # fmt: skip
    assert d.promised_at == newer and "Lãnh đạo cho phép ngoài quy định" in d.events[-1].reason
    with demo_db.read() as session:
        event = session.execute(
            select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)
        ).scalar_one()
    assert event.action == "dossier.apologize" and event.actor == "approver"
    assert json.loads(event.after or "{}")["override"] == "Cơ quan cấp tỉnh chưa trả lời xác minh"
    d = act(demo_db, clerk, code, Action.RESULT_READY, newer - dt.timedelta(hours=1))
    assert d.outcome is Outcome.LATE
    # and the report of the period shows it
    period = Period.custom(in_time.date(), newer.date())
    figures = statistics.report(demo_db, clerk, period, now=newer).total
    assert (figures.apology_overridden, figures.resolved_late) == (1, 1)


def test_backdated_entry_is_audited_as_such(demo_db: Database, people: dict[str, Actor]) -> None:
    clerk = people["clerk"]
    code = receive(demo_db, clerk)
    at = MON.replace(hour=10)
    journey.act(demo_db, clerk, code, Action.HANDOVER,
                ActionInput(at=at, to_user="officer"), now=at + dt.timedelta(days=1))  # fmt: skip
    d = journey.show(demo_db, clerk, code)
    assert d.events[-1].backdated and d.events[-1].at == at


def test_officer_queue_overdue_first(demo_db: Database, people: dict[str, Actor]) -> None:
    clerk, officer = people["clerk"], people["officer"]
    old = receive(demo_db, clerk, at=MON - dt.timedelta(days=28))
    new = receive(demo_db, clerk, at=MON)
    for code in (new, old):
        act(demo_db, clerk, code, Action.HANDOVER, MON.replace(hour=10), to_user="officer")
    rows = journey.queue(demo_db, officer, now=MON.replace(hour=11))
    assert [r.code for r in rows] == [old, new]
    assert rows[0].overdue and not rows[1].overdue
    assert journey.queue(demo_db, clerk, now=MON) == []
    detail = journey.show(demo_db, officer, new)
    assert Action.RESULT_READY in journey.allowed_actions(officer, detail)
    assert Action.STOP not in journey.allowed_actions(officer, detail)
    assert Action.STOP in journey.allowed_actions(people["approver"], detail)
