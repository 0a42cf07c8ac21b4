"""A desk with dossiers of known outcomes in October–November 2026 (statistics tests)."""

from __future__ import annotations

import datetime as dt

from isoqms.db.engine import Database
from isoqms.domain.dossier import Channel
from isoqms.domain.journey import Action, Rating
from isoqms.services import intake, journey
from isoqms.services.intake import Applicant, IntakeDraft
from isoqms.services.journey import ActionInput
from isoqms.services.statistics import Period
from isoqms.services.uow import Actor
from tests.helpers import login

CIVIL = "1.004873"  # Hộ tịch, 3 working days
CERT = "2.000815"  # Chứng thực, within the day
NOV = Period.month(2026, 11)


def T(day: int, hour: int, minute: int = 0, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute)


class Desk:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.clerk = login(db, "clerk")
        self.approver = login(db, "approver")

    def receive(self, at: dt.datetime, code: str = CIVIL, channel: Channel = Channel.DIRECT) -> str:
        draft = IntakeDraft(code, Applicant("Lê Văn An"), received_at=at, channel=channel)
        return intake.receive(self.db, self.clerk, draft, now=at).code

    def act(
        self, code: str, action: Action, at: dt.datetime, actor: Actor | None = None, **kw: object
    ) -> journey.DossierDetail:
        data = ActionInput(at=at, **kw)  # type: ignore[arg-type]
        return journey.act(self.db, actor or self.clerk, code, action, data, now=at)


def known_desk(demo_db: Database) -> Desk:
    d = Desk(demo_db)
    # October: A carried into November (cancelled there), B resolved before November
    a = d.receive(T(20, 9, month=10))
    b = d.receive(T(21, 9, month=10))
    d.act(b, Action.RESULT_READY, T(23, 9, month=10))
    d.act(a, Action.CANCEL, T(3, 10), reason="Công dân rút hồ sơ")
    # C before, D on the appointment day, E late and not satisfied
    c = d.receive(T(2, 9))
    d.act(c, Action.RESULT_READY, T(4, 10))
    d.act(c, Action.RETURN, T(4, 14), rating=Rating.VERY_SATISFIED)
    e_ = d.receive(T(2, 9, 10))
    dd = d.receive(T(2, 9, 5))
    d.act(dd, Action.RESULT_READY, T(5, 16))
    d.act(e_, Action.RESULT_READY, T(6, 10))
    d.act(e_, Action.RETURN, T(6, 11), rating=Rating.NOT_SATISFIED, comment="Chậm")
    # F late-looking but on time thanks to a supplement pause
    f = d.receive(T(2, 9, 15))
    d.act(f, Action.REQUEST_SUPPLEMENT, T(3, 8), reason="Thiếu giấy tờ")
    moved = d.act(f, Action.SUPPLEMENT_RECEIVED, T(5, 8)).due_at
    assert moved.date() > T(5, 17).date()
    d.act(f, Action.RESULT_READY, moved.replace(hour=10))
    # G, H: late with an apology's new appointment, kept and missed
    g = d.receive(T(2, 9, 20))
    h = d.receive(T(2, 9, 25))
    for code in (g, h):
        d.act(code, Action.APOLOGIZE, T(4, 15), reason="Chờ xác minh", new_appointment=T(10, 16))
    d.act(g, Action.RESULT_READY, T(9, 10))
    d.act(h, Action.RESULT_READY, T(11, 9))
    # open at the end of November
    i = d.receive(T(2, 9, 30))
    d.act(i, Action.HANDOVER, T(2, 10), to_user="officer")  # overdue
    k = d.receive(T(2, 9, 35))
    d.act(k, Action.REQUEST_SUPPLEMENT, T(4, 9), reason="Thiếu giấy tờ")  # paused in time
    lt = d.receive(T(2, 9, 40))
    d.act(lt, Action.REQUEST_SUPPLEMENT, T(9, 9), reason="Thiếu giấy tờ")  # paused when late
    i2 = d.receive(T(2, 9, 45))  # overdue at the end, paused only in December
    # M online, stopped; N postal, same-day certification on the appointment day
    m = d.receive(T(3, 9), channel=Channel.ONLINE)
    d.act(m, Action.STOP, T(4, 9), actor=d.approver, reason="Không thuộc thẩm quyền")
    n = d.receive(T(3, 9, 5), code=CERT, channel=Channel.POSTAL)
    d.act(n, Action.RESULT_READY, T(3, 14))
    d.receive(T(30, 9))  # J: not yet due
    o = d.receive(T(30, 10))  # O: result only in December
    d.act(o, Action.RESULT_READY, T(1, 9, month=12))
    d.act(i2, Action.REQUEST_SUPPLEMENT, T(1, 10, month=12), reason="Thiếu giấy tờ")
    return d
