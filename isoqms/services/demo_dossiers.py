"""Demo dossiers: five weeks of the desk's work up to now, made through the real services
(receipt, hand-over, supplement pause, apology, result, return with rating, stop, cancel),
so the queue, the results waiting, the tracking book and the reports have something to
show. Past times are recorded as late entries, as a desk catching up would."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from sqlalchemy import select

from isoqms.db.engine import Database
from isoqms.db.models import User
from isoqms.domain import clock
from isoqms.domain.calendar import Schedule
from isoqms.domain.dossier import Channel
from isoqms.domain.journey import Action, Rating
from isoqms.services import intake, journey, objectives
from isoqms.services.calendar import unit_schedule
from isoqms.services.intake import Applicant, IntakeDraft
from isoqms.services.journey import ActionInput
from isoqms.services.objectives import ObjectiveDraft
from isoqms.services.uow import Actor

PROCEDURES = ("1.001193", "1.000894", "1.004873", "2.000815", "1.000656", "2.000884", "1.001022")
NAMES = (
    "Nguyễn Văn Minh", "Trần Thị Lan", "Lê Hoàng Nam", "Phạm Thị Thu Trang", "Vũ Đức Thắng",
    "Đặng Thị Hồng", "Bùi Quang Huy", "Đỗ Thị Mai Anh", "Hồ Văn Sơn", "Ngô Thị Bích Ngọc",
    "Dương Văn Khải", "Lý Thị Hạnh", "Trịnh Công Đạt", "Phan Thị Yến", "Võ Minh Khoa",
)  # fmt: skip


def _actor(db: Database, username: str) -> Actor:
    with db.read() as session:
        user = session.execute(select(User).where(User.username == username)).scalar_one()
        return Actor.of(user)


def load_demo_dossiers(db: Database, *, now: dt.datetime | None = None, days: int = 35) -> int:
    """Receive and follow demo dossiers over the last ``days`` days; returns how many."""
    moment = (now or clock.now()).replace(second=0, microsecond=0)
    clerk, officer = _actor(db, "clerk"), _actor(db, "officer")
    approver, secretary = _actor(db, "approver"), _actor(db, "iso_secretary")
    schedule = unit_schedule(db).schedule
    rng = random.Random(20261124)
    count = 0

    def act(code: str, actor: Actor, action: Action, at: dt.datetime, **kw: object) -> bool:
        if at >= moment:
            return False
        journey.act(db, actor, code, action, ActionInput(at=at, **kw), now=moment)  # type: ignore[arg-type]
        return True

    day = moment.date() - dt.timedelta(days=days)
    while day <= moment.date():
        if schedule.calendar.is_working_day(day):
            for _ in range(rng.choice((1, 1, 2, 2, 3))):
                hour = rng.choice((7, 8, 9, 10, 13, 14, 15, 16))
                received = dt.datetime.combine(day, dt.time(hour, rng.choice((5, 20, 35, 50))))
                if received >= moment - dt.timedelta(minutes=30):
                    continue
                channel = rng.choices(list(Channel), weights=(70, 25, 5))[0]
                draft = IntakeDraft(
                    rng.choice(PROCEDURES),
                    Applicant(rng.choice(NAMES), phone=f"09{rng.randrange(10**8):08d}"),
                    channel=channel,
                    received_at=received,
                )
                code = intake.receive(db, clerk, draft, now=moment).code
                count += 1
                if count % 6 == 1:  # its slip printed, as the counter does (one reprinted)
                    intake.print_receipt(db, clerk, code)
                    if count == 1:
                        intake.print_receipt(db, clerk, code)
                _follow(db, code, received, rng, schedule, act, (clerk, officer, approver))
        day += dt.timedelta(days=1)
    for goal in (
        ObjectiveDraft("≥ 99% hồ sơ được giải quyết trước và đúng hạn", "on_time_rate", 99,
                       period="month"),
        ObjectiveDraft("Tỷ lệ hài lòng của người dân ≥ 95%", "satisfaction_rate", 95,
                       period="quarter"),
        ObjectiveDraft("≥ 30% hồ sơ nộp trực tuyến", "online_share", 30, period="quarter"),
    ):  # fmt: skip
        objectives.add(db, secretary, goal)
    return count


def _follow(
    db: Database,
    code: str,
    received: dt.datetime,
    rng: random.Random,
    schedule: Schedule,
    act: Callable[..., bool],
    people: tuple[Actor, Actor, Actor],
) -> None:
    """One dossier's course: mostly on time, some paused, late with an apology, stopped
    or cancelled; steps that would fall after now are left for later."""
    clerk, officer, approver = people
    due = journey.show(db, clerk, code).due_at
    roll = rng.random()
    at = received + dt.timedelta(minutes=40)
    if roll > 0.97:
        act(code, clerk, Action.CANCEL, at, reason="Công dân xin rút hồ sơ")
        return
    if not act(code, clerk, Action.HANDOVER, at, to_user="officer"):
        return
    if roll > 0.94:
        act(code, approver, Action.STOP, at + dt.timedelta(hours=3),
            reason="Hồ sơ không thuộc thẩm quyền giải quyết của xã")  # fmt: skip
        return
    if roll < 0.12:
        paused = at + dt.timedelta(hours=2)
        if not act(code, officer, Action.REQUEST_SUPPLEMENT, paused,
                   reason="Thiếu bản sao giấy tờ tùy thân"):  # fmt: skip
            return
        if not act(code, clerk, Action.SUPPLEMENT_RECEIVED, paused + dt.timedelta(days=2)):
            return
        due = journey.show(db, clerk, code).due_at
    late = 0.12 <= roll < 0.2
    if late:
        # the letter goes out the working day before the deadline (Decree 61/2018 art. 19(9))
        ask = dt.datetime.combine(schedule.latest_apology_day(due), dt.time(8))
        promise = (due + dt.timedelta(days=3)).replace(hour=9, minute=0)
        while not schedule.is_open(promise):
            promise += dt.timedelta(days=1)
        last = journey.show(db, clerk, code).events[-1].at
        reason = "Cần xác minh thêm thông tin"
        apology = {"reason": reason, "new_appointment": promise}
        if ask > last and not act(code, officer, Action.APOLOGIZE, ask, **apology):
            return
        ready = due + dt.timedelta(days=1, hours=1)
    else:
        ready = max(
            due - dt.timedelta(hours=rng.choice((1, 3, 26, 50))), at + dt.timedelta(hours=1)
        )
    last = journey.show(db, clerk, code).events[-1].at
    ready = max(ready, last + dt.timedelta(hours=1))
    if not act(code, officer, Action.RESULT_READY, ready):
        return
    if rng.random() < 0.8:
        rating = rng.choices(list(Rating), weights=(4 if late else 1, 60, 35))[0]
        act(code, clerk, Action.RETURN, ready + dt.timedelta(hours=rng.choice((1, 2, 20))),
            rating=rating)  # fmt: skip
